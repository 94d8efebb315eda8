//! PDF files → text lines and table grids, rebuilt from the page geometry.
//!
//! The PDF is opened and each page's content interpreted with hayro (pure Rust; pinned
//! and used only here). [`page`] collects every glyph with its box and every ruling
//! segment; [`table`] joins the rules into cell grids (merged cells included) and places
//! the glyphs in their cells; [`text`] rebuilds the lines of the prose around them, and
//! [`unruled`] finds the tables drawn without rules among those lines. Prose lines that
//! run from margin to margin are joined into paragraphs here.

pub(crate) mod page;
pub(crate) mod table;
pub(crate) mod text;
pub(crate) mod unruled;

use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::kurbo::{Affine, Point, Rect};
use hayro_interpret::{interpret_page, Context, InterpreterCache, InterpreterSettings};

use super::{Cell, DocumentBuf, Grid, Layout, Row};
use crate::error::{Error, Result};
use page::{Collector, PageContent};

/// The most glyphs and segments kept per page: far above any real page.
const PAGE_ITEM_LIMIT: usize = 200_000;

/// The most pages read.
const PAGE_LIMIT: usize = 2_000;

/// True when the bytes are a PDF: `%PDF-` at the start or, as readers allow, within the
/// first kilobyte.
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// Interprets every page of a PDF.
pub(crate) fn pages(bytes: &[u8]) -> Result<Vec<PageContent>> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| Error::Pdf {
        reason: match e {
            hayro_interpret::hayro_syntax::LoadPdfError::Decryption(d) => {
                format!("it is encrypted and could not be opened without a password ({d:?})")
            }
            hayro_interpret::hayro_syntax::LoadPdfError::Invalid => {
                "its structure could not be read (damaged or not a PDF)".to_string()
            }
        },
    })?;
    let settings = InterpreterSettings::default();
    let cache = InterpreterCache::new();
    let mut out = Vec::new();
    for page in pdf.pages().iter().take(PAGE_LIMIT) {
        let (w, h) = page.render_dimensions();
        let (w, h) = (f64::from(w), f64::from(h));
        let initial = hayro_interpret::kurbo::Affine::new(page.initial_transform(true).as_coeffs());
        let mut content = interpret(page, initial, (w, h), &cache, &settings);
        // Text that runs down or up the page (a page rotated, or a landscape table drawn
        // sideways) is turned upright and the page read again, so lines run left to right.
        let dominant = (0..4).max_by_key(|&d| content.directions[d]).unwrap_or(0);
        if dominant != 0 && content.directions[dominant] > content.directions[0] {
            let turn = Affine::rotate(-std::f64::consts::FRAC_PI_2 * dominant as f64);
            let corners =
                [(0.0, 0.0), (w, 0.0), (0.0, h), (w, h)].map(|(x, y)| turn * Point::new(x, y));
            let min_x = corners.iter().map(|p| p.x).fold(f64::MAX, f64::min);
            let min_y = corners.iter().map(|p| p.y).fold(f64::MAX, f64::min);
            let upright = Affine::translate((-min_x, -min_y)) * turn * initial;
            let size = if dominant % 2 == 1 { (h, w) } else { (w, h) };
            content = interpret(page, upright, size, &cache, &settings);
        }
        out.push(content);
    }
    Ok(out)
}

/// One page's content, drawn through `initial` onto a page of `size`.
fn interpret<'a>(
    page: &hayro_interpret::hayro_syntax::page::Page<'a>,
    initial: Affine,
    size: (f64, f64),
    cache: &InterpreterCache<'a>,
    settings: &InterpreterSettings,
) -> PageContent {
    let mut ctx = Context::new(
        initial,
        Rect::new(0.0, 0.0, size.0, size.1),
        cache,
        page.xref(),
        settings.clone(),
    );
    let mut device = Collector::new(PAGE_ITEM_LIMIT);
    interpret_page(page, &mut ctx, &mut device);
    device.content
}

/// What reading a PDF noticed that the report should say.
#[derive(Debug, Default)]
pub(crate) struct PdfNotes {
    /// Glyphs whose font gives no Unicode text (shown as U+FFFD).
    pub unmapped: usize,
    /// The text came from an invisible layer (OCR).
    pub invisible: bool,
}

/// One thing on a page, in reading order.
enum Item {
    /// A prose line: its text, left and right ends, and font size.
    Line(String, f64, f64, f64),
    Table(Vec<Vec<String>>),
}

/// Reads a PDF into lines and tables. A PDF without any text (a scan, or text drawn as
/// outlines) is an error that says so.
pub(crate) fn read(bytes: &[u8]) -> Result<(DocumentBuf, PdfNotes)> {
    let pages = pages(bytes)?;
    let mut notes = PdfNotes::default();
    let visible: usize = pages
        .iter()
        .map(|p| p.glyphs.iter().filter(|g| !g.invisible).count())
        .sum();
    let invisible: usize = pages.iter().map(|p| p.glyphs.len()).sum::<usize>() - visible;
    if visible + invisible == 0 {
        let why = if pages.iter().any(|p| p.curve_fills > 50) {
            "its text is drawn as outlines"
        } else if pages.iter().any(|p| p.images > 0) {
            "its pages are images (a scan)"
        } else {
            "it holds no text"
        };
        return Err(Error::Pdf {
            reason: format!(
                "{why}, so there is no text layer to read; run OCR on it first (e.g. ocrmypdf) and parse the result"
            ),
        });
    }
    notes.invisible = visible == 0;
    let mut doc = DocumentBuf::default();
    let mut no = 0usize;
    // The columns of the last unruled table, for one that continues on the next page.
    let mut carried = Vec::new();
    for content in pages {
        doc.pages.push(no + 1);
        let glyphs: Vec<_> = text::dedup(content.glyphs)
            .into_iter()
            .filter(|g| notes.invisible || !g.invisible)
            .collect();
        notes.unmapped += glyphs.iter().filter(|g| g.text.is_none()).count();
        let tables = table::tables(&content.segments);
        let mut in_cell: Vec<Vec<Vec<&page::Glyph>>> = tables
            .iter()
            .map(|t| vec![Vec::new(); t.cell_rows.len()])
            .collect();
        let mut prose = Vec::new();
        for g in &glyphs {
            let c = g.rect.center();
            let placed = tables
                .iter()
                .enumerate()
                .find_map(|(ti, t)| Some((ti, t.cell_at(c)?)));
            match placed {
                Some((ti, ci)) => in_cell[ti][ci].push(g),
                None => prose.push(g),
            }
        }
        let mut items: Vec<(f64, Item)> = unruled::pieces(text::lines(prose), &mut carried)
            .into_iter()
            .map(|piece| match piece {
                unruled::Piece::Line(l) => {
                    let top = l.iter().map(|g| g.rect.y0).fold(f64::MAX, f64::min);
                    let left = l.iter().map(|g| g.rect.x0).fold(f64::MAX, f64::min);
                    let right = l.iter().map(|g| g.rect.x1).fold(f64::MIN, f64::max);
                    let size = l.iter().map(|g| g.size).fold(0.0, f64::max);
                    (top, Item::Line(text::line_text(&l), left, right, size))
                }
                unruled::Piece::Table(top, rows) => (top, Item::Table(rows)),
            })
            .collect();
        for (t, cells) in tables.iter().zip(in_cell) {
            let mut rows: Vec<Vec<String>> = vec![Vec::new(); t.rows];
            for (&row, glyphs) in t.cell_rows.iter().zip(cells) {
                rows[row].push(text::cell_text(glyphs));
            }
            rows.retain(|r| !r.is_empty());
            items.push((t.bounds.y0, Item::Table(rows)));
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        // The text block's margins: a line that runs to the right margin and a line that
        // starts at the left one are one paragraph.
        let lines = || {
            items.iter().filter_map(|(_, i)| match i {
                Item::Line(_, l, r, _) => Some((*l, *r)),
                Item::Table(_) => None,
            })
        };
        let margin_left = lines().map(|(l, _)| l).fold(f64::MAX, f64::min);
        let margin_right = lines().map(|(_, r)| r).fold(f64::MIN, f64::max);
        let mut open: Option<f64> = None; // the right end of a line a paragraph may continue
        for (_, item) in items {
            match item {
                Item::Line(t, left, right, size) => {
                    no += 1;
                    if super::text::lines::is_page_marker(&t) {
                        continue;
                    }
                    let t = t.trim();
                    let runs_on = open.is_some_and(|r| r >= margin_right - size * 1.5)
                        && left <= margin_left + size * 0.5
                        && crate::grammar::strip_numbering(t).len() == t.len();
                    if runs_on {
                        doc.continue_line(t);
                    } else {
                        doc.push_line(t, no);
                    }
                    let ends_sentence = t.ends_with(['。', '：', ':', '；', ';', '！', '？']);
                    open = (!ends_sentence).then_some(right);
                }
                Item::Table(rows) => {
                    open = None;
                    let rows = rows
                        .into_iter()
                        .map(|cells| {
                            no += 1;
                            Row {
                                cells: cells
                                    .into_iter()
                                    .map(|text| Cell {
                                        text: text.into(),
                                        line: no,
                                    })
                                    .collect(),
                                line: no,
                            }
                        })
                        .collect();
                    doc.push_table(Grid {
                        layout: Layout::Pdf,
                        rows,
                    });
                }
            }
        }
    }
    Ok((doc, notes))
}
