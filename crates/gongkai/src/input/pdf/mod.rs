//! PDF files → text lines and table grids, rebuilt from the page geometry.
//!
//! The PDF is opened and each page's content interpreted with hayro (pure Rust; pinned
//! and used only here). [`page`] collects every glyph with its box and every ruling
//! segment; [`table`] joins the rules into cell grids (merged cells included) and places
//! the glyphs in their cells; [`text`] rebuilds the lines of the prose around them, and
//! [`unruled`] finds the tables drawn without rules among those lines. A page set in two
//! text columns is read column by column ([`columns`]), and a ruled table continued on
//! the next page or column is joined to its start where the break cut its rows
//! ([`seams`]). Prose lines that run from margin to margin are joined into paragraphs
//! here.

pub(crate) mod bands;
pub(crate) mod columns;
pub(crate) mod garbled;
pub(crate) mod page;
#[cfg(feature = "ocr")]
pub(crate) mod scan;
pub(crate) mod seams;
pub(crate) mod table;
pub(crate) mod text;
pub(crate) mod tolerances;
pub(crate) mod unruled;

use hayro_interpret::hayro_syntax::budget::{DecodeProblem, DecodeReport, DecodeScope};
use hayro_interpret::hayro_syntax::object::ObjectIdentifier;
use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, Point, Rect};
use hayro_interpret::{interpret_page, Context, InterpreterCache, InterpreterSettings};

use super::{Cell, DocumentBuf, Grid, Layout, Row};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::{Error, Result};
use page::{Budget, Collector, PageContent, Spent};

/// True when the bytes are a PDF: `%PDF-` at the start or, as readers allow, within the
/// first kilobyte.
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// A document's pages, interpreted, and how the reading went.
#[derive(Debug, Default)]
pub(crate) struct Pages {
    /// The pages read, in order.
    pub pages: Vec<PageContent>,
    /// The pages the document has.
    pub total: usize,
    /// A budget that ran out, and the page (from 1) it ran out on.
    pub stopped: Option<(Spent, usize)>,
    /// What decoding the document's streams saw.
    pub decoding: DecodeReport,
}

/// Interprets the pages of a PDF, within the budgets of `limits`.
pub(crate) fn pages(bytes: &[u8], limits: &crate::limits::Limits) -> Result<Pages> {
    // Every stream decoded on this thread until the scope closes is charged to it: the
    // object streams read while the PDF opens as well as the pages' content and fonts.
    let scope = DecodeScope::open(limits.decoded_budget(bytes.len()));
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| Error::Pdf {
        reason: match e {
            LoadPdfError::Decryption(DecryptionError::PasswordProtected) => {
                "it is encrypted and cannot be opened without a password".to_string()
            }
            LoadPdfError::Decryption(DecryptionError::UnsupportedAlgorithm) => {
                "it is encrypted with a method gongkai cannot decrypt".to_string()
            }
            LoadPdfError::Decryption(DecryptionError::MissingIDEntry) => {
                "it is encrypted but lacks the document ID its decryption needs (damaged)".to_string()
            }
            LoadPdfError::Decryption(DecryptionError::InvalidEncryption) => {
                "its encryption dictionary is damaged or incomplete, so its content cannot be decrypted".to_string()
            }
            LoadPdfError::Invalid => match scope.report().first_problem {
                Some((problem, at)) => format!(
                    "its structure could not be read: {}",
                    decode_problem_text(problem, at)
                ),
                None => "its structure could not be read (damaged or not a PDF)".to_string(),
            },
        },
    })?;
    let settings = InterpreterSettings::default();
    // gongkai draws no glyph, so fonts are loaded for their text and widths only.
    let cache = InterpreterCache::for_text();
    let mut budget = Budget::new(limits);
    let mut out = Pages {
        total: pdf.pages().len(),
        ..Pages::default()
    };
    for (i, page) in pdf.pages().iter().enumerate() {
        if i == limits.max_pages {
            out.stopped = Some((Spent::Pages, i + 1));
            break;
        }
        let (w, h) = page.render_dimensions();
        let (w, h) = (f64::from(w), f64::from(h));
        let initial = hayro_interpret::kurbo::Affine::new(page.initial_transform(true).as_coeffs());
        let mut content = interpret(page, initial, (w, h), &cache, &settings, &mut budget);
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
            content = interpret(page, upright, size, &cache, &settings, &mut budget);
        }
        out.pages.push(content);
        let decoding = scope.report();
        let spent = budget
            .spent
            .or((decoding.over_budget > 0).then_some(Spent::Decoded));
        if let Some(spent) = spent {
            out.stopped = Some((spent, i + 1));
            break;
        }
    }
    out.decoding = scope.report();
    Ok(out)
}

/// One page's content, drawn through `initial` onto a page of `size`.
fn interpret<'a>(
    page: &hayro_interpret::hayro_syntax::page::Page<'a>,
    initial: Affine,
    size: (f64, f64),
    cache: &InterpreterCache<'a>,
    settings: &InterpreterSettings,
    budget: &mut Budget,
) -> PageContent {
    let mut ctx = Context::new(
        initial,
        Rect::new(0.0, 0.0, size.0, size.1),
        cache,
        page.xref(),
        settings.clone(),
    );
    let mut device = Collector::new(budget);
    interpret_page(page, &mut ctx, &mut device);
    device.content
}

/// A decoding problem in words, with the object it was found in.
fn decode_problem_text(problem: DecodeProblem, at: Option<ObjectIdentifier>) -> String {
    let what = match problem {
        DecodeProblem::OverBudget => {
            "a stream inflates past the budget of decoded bytes".to_string()
        }
        DecodeProblem::Damaged(filter) => format!("a stream's {filter} data is damaged"),
        DecodeProblem::Recovered(filter) => {
            format!("a stream's {filter} data is damaged (cut short or corrupt); only its start was recovered")
        }
        DecodeProblem::UnsupportedFilter => {
            "a stream uses a filter gongkai does not know".to_string()
        }
    };
    match at {
        Some(id) => format!("{what} (object {})", id.obj_number),
        None => what,
    }
}

/// What reading a PDF noticed that the report should say.
#[derive(Debug, Default)]
struct PdfNotes {
    /// Glyphs whose font gives no Unicode text (shown as U+FFFD).
    unmapped: usize,
    /// Glyphs whose font maps them to more text than a glyph carries (damage).
    overlong: usize,
    /// The text came from an invisible layer (OCR).
    invisible: bool,
}

/// One thing on a page, in reading order.
enum Item {
    /// A prose line: its text, left and right ends, and font size.
    Line(String, f64, f64, f64),
    /// A table without rules, as rows of cells.
    Table(Vec<Vec<String>>),
    /// A ruled table, its cells with their places (for one continued on the next page).
    Ruled(seams::PagedTable),
}

impl Item {
    /// True for a page's furniture: a page number or marker (`— 3 —`, `第2页`, `3`),
    /// which may stand between a table and its continuation on the next page.
    fn is_furniture(&self) -> bool {
        match self {
            Item::Line(t, ..) => {
                let t = t.trim();
                super::text::lines::is_page_marker(t)
                    || (t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()))
            }
            _ => false,
        }
    }
}

/// The items of one page (or one text column of it), top to bottom: prose lines, tables
/// drawn without rules found among them, and ruled tables. `carried` passes the columns
/// of an unruled table on to the next page ([`unruled::pieces`]).
fn column_items(
    glyphs: &[page::Glyph],
    segments: &[page::Segment],
    carried: &mut Vec<(f64, f64)>,
) -> Vec<Item> {
    let tables = table::tables(segments);
    let mut in_cell: Vec<Vec<Vec<&page::Glyph>>> = tables
        .iter()
        .map(|t| vec![Vec::new(); t.cell_rows.len()])
        .collect();
    let mut prose = Vec::new();
    for g in glyphs {
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
    let rules = table::loose_rules(segments, &tables);
    let mut items: Vec<(f64, Item)> = unruled::pieces(text::lines(prose), carried, &rules)
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
        let cells = t
            .cells
            .iter()
            .zip(cells)
            .map(|(b, glyphs)| seams::SeamCell {
                text: text::cell_text(glyphs),
                rows: b.rows,
                x: b.x,
                open_top: b.open_top,
                open_bottom: b.open_bottom,
            })
            .collect();
        let table = seams::PagedTable {
            rows: t.rows,
            cells,
        };
        items.push((t.bounds.y0, Item::Ruled(table)));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    items.into_iter().map(|(_, i)| i).collect()
}

/// Joins each ruled table that ends a page or a text column (nothing but furniture after
/// it) to the ruled table that opens the next when the break cut its rows ([`seams`]);
/// where the join is uncertain the tables stay apart and a diagnostic says where.
/// `pages` holds each page's items (or each text column's), with its page index.
fn join_seams(pages: &mut [(usize, Vec<Item>)], notes: &mut Vec<Diagnostic>) {
    // The entry and index of the table the next entry may continue.
    let mut open: Option<(usize, usize)> = None;
    for p in 0..pages.len() {
        if let Some((lp, li)) = open {
            let first = pages[p].1.iter().position(|i| !i.is_furniture());
            if let Some(j) = first.filter(|&j| matches!(pages[p].1[j], Item::Ruled(_))) {
                let (before, after) = pages.split_at_mut(p);
                let Item::Ruled(next) =
                    std::mem::replace(&mut after[0].1[j], Item::Table(Vec::new()))
                else {
                    unreachable!("checked above")
                };
                let Item::Ruled(table) = &mut before[lp].1[li] else {
                    unreachable!("only ruled tables are left open")
                };
                let (seam, back) = table.join(next);
                match back {
                    Some(next) => after[0].1[j] = Item::Ruled(next),
                    None => {
                        after[0].1.remove(j);
                    }
                }
                let what = match seam {
                    seams::Seam::Uncertain => "its rules do not show it for certain; the two parts are read as printed, without joining them",
                    seams::Seam::JoinedUnsure => "the rule under the header the page repeats hides it; the parts are read as printed, one under the other",
                    _ => "",
                };
                if !what.is_empty() {
                    let (from, to) = (before[lp].0 + 1, after[0].0 + 1);
                    let mut d = Diagnostic::new(
                        Code::AmbiguousRow,
                        msg!(
                            "a ruled table runs on from page {from} to page {to} (the next page or text column) and a row may be cut by the break, but {what}"
                        ),
                    );
                    d.page = Some(to);
                    notes.push(d);
                }
            }
        }
        match pages[p].1.iter().rposition(|i| !i.is_furniture()) {
            Some(k) if matches!(pages[p].1[k], Item::Ruled(_)) => open = Some((p, k)),
            Some(_) => open = None,
            // A page of furniture only (or all of it joined above) keeps the table open.
            None => {}
        }
    }
}

/// The budget `spent` in words, with the option that raises it.
fn budget_text(spent: Spent, limits: &crate::limits::Limits, input_bytes: usize) -> String {
    match spent {
        Spent::Decoded => format!(
            "its streams inflate to more than the budget of {} decoded (--max-decoded; max_decoded_bytes in the bindings)",
            crate::error::size_text(limits.decoded_budget(input_bytes))
        ),
        Spent::Pages => format!(
            "it has more than the budget of {} pages (--max-pages; max_pages in the bindings)",
            limits.max_pages
        ),
        Spent::Glyphs => format!(
            "it shows more than the budget of {} glyphs (--max-glyphs; max_glyphs in the bindings)",
            limits.max_glyphs
        ),
        Spent::Operators => format!(
            "it draws with more than the budget of {} operators (--max-operators; max_operators in the bindings)",
            limits.max_operators
        ),
    }
}

/// True when the file ends without its end-of-file marker: cut short in a download or
/// a copy (writers may put a little after the marker, never much).
fn cut_short(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    memchr::memmem::find(tail, b"%%EOF").is_none()
}

/// The diagnostics for how the reading went: budgets spent, streams damaged, a file
/// cut short, glyphs without text.
fn reading_notes(
    read: &Pages,
    notes: &PdfNotes,
    bytes: &[u8],
    limits: &crate::limits::Limits,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some((spent, page)) = read.stopped {
        let mut d = Diagnostic::new(
            Code::TooLarge,
            msg!(
                "reading stopped on page {page} of {}: {}; what comes after it was not read",
                read.total,
                budget_text(spent, limits, bytes.len())
            ),
        );
        d.page = Some(page);
        out.push(d);
    }
    let decoding = &read.decoding;
    if decoding.damaged > 0 {
        if let Some((problem, at)) = decoding
            .first_problem
            .filter(|(p, _)| *p != DecodeProblem::OverBudget)
        {
            out.push(Diagnostic::new(
                Code::Damaged,
                msg!(
                    "{} of the PDF's streams could not be decoded whole; the first: {}; what they hold is missing",
                    decoding.damaged,
                    decode_problem_text(problem, at)
                ),
            ));
        }
    }
    if cut_short(bytes) {
        out.push(Diagnostic::new(
            Code::Damaged,
            "the PDF is cut short (it has no end-of-file marker); what the file holds was read, the rest is missing",
        ));
    }
    if notes.invisible {
        out.push(Diagnostic::new(
            Code::PdfText,
            "the PDF's only text is an invisible layer (OCR of a scan); it was read, but OCR errors are possible",
        ));
    }
    if notes.unmapped > 0 {
        out.push(Diagnostic::new(
            Code::PdfText,
            msg!(
                "{} glyphs of the PDF have no Unicode mapping in their font; they are shown as U+FFFD and not guessed",
                notes.unmapped
            ),
        ));
    }
    if notes.overlong > 0 {
        out.push(Diagnostic::new(
            Code::PdfText,
            msg!(
                "{} glyphs of the PDF map to more than {} characters of text in their font (a damaged font); they are shown as U+FFFD",
                notes.overlong,
                limits.max_glyph_text
            ),
        ));
    }
    out
}

/// Reads a PDF into lines and tables, within the budgets of `limits`. A PDF without any
/// text is an error that says why: a scan, text drawn as outlines, content that could not
/// be decoded, or a budget spent before any text.
pub(crate) fn read(bytes: &[u8], limits: &crate::limits::Limits) -> Result<DocumentBuf> {
    let mut read = pages(bytes, limits)?;
    let pages = &read.pages;
    let mut notes = PdfNotes {
        overlong: pages.iter().map(|p| p.overlong_text).sum(),
        ..PdfNotes::default()
    };
    let visible: usize = pages
        .iter()
        .map(|p| p.glyphs.iter().filter(|g| !g.invisible).count())
        .sum();
    let invisible: usize = pages.iter().map(|p| p.glyphs.len()).sum::<usize>() - visible;
    if visible + invisible == 0 {
        let reason = if let Some((spent, page)) = read.stopped {
            format!(
                "reading stopped on page {page} of {} before any text: {}",
                read.total,
                budget_text(spent, limits, bytes.len())
            )
        } else if let Some((problem, at)) = read.decoding.first_problem {
            format!(
                "its content could not be decoded, so no text was read: {} (the file is damaged or uses a feature gongkai does not read)",
                decode_problem_text(problem, at)
            )
        } else if read.total == 0 {
            "it has no page that could be read (its page tree is damaged or empty)".to_string()
        } else if pages.iter().any(|p| p.curve_fills > 50) {
            "its text is drawn as outlines, so there is no text layer to read; run OCR on it first (e.g. ocrmypdf) and parse the result".to_string()
        } else if pages.iter().any(|p| p.images > 0) {
            // A scan: read by OCR where this build has it.
            #[cfg(feature = "ocr")]
            return scan::read(bytes, limits);
            #[cfg(not(feature = "ocr"))]
            "its pages are images (a scan), so there is no text layer to read, and this build of gongkai has no OCR (the `ocr` feature is off): use a build with it, or run OCR on it first (e.g. ocrmypdf) and parse the result".to_string()
        } else {
            "its pages show no text and no images (blank pages, or drawings only)".to_string()
        };
        return Err(Error::Pdf { reason });
    }
    notes.invisible = visible == 0;
    let texts = pages.iter().flat_map(|p| {
        p.glyphs
            .iter()
            .filter(|g| notes.invisible || !g.invisible)
            .filter_map(|g| g.text.as_deref())
    });
    if garbled::is_garbled(texts) {
        return Err(Error::Pdf {
            reason: "its text layer is garbled: the characters it gives for its glyphs are not the text printed (a re-distilled or re-saved PDF); OCR the pages (e.g. ocrmypdf --force-ocr) and parse the result".to_string(),
        });
    }
    let mut doc = DocumentBuf::default();
    // The columns of the last unruled table, for one that continues on the next page.
    let mut carried = Vec::new();
    // Each page's items, or each text column's of a page set in two.
    let mut paged: Vec<(usize, Vec<Item>)> = Vec::with_capacity(read.pages.len());
    for (page_no, content) in std::mem::take(&mut read.pages).into_iter().enumerate() {
        let glyphs: Vec<_> = text::dedup(content.glyphs)
            .into_iter()
            .filter(|g| notes.invisible || !g.invisible)
            .collect();
        notes.unmapped += glyphs.iter().filter(|g| g.text.is_none()).count();
        let parts = match columns::gutter(&glyphs, &content.segments) {
            Some(x) => columns::split(glyphs, content.segments, x).into(),
            None => vec![(glyphs, content.segments)],
        };
        for (glyphs, segments) in parts {
            paged.push((page_no, column_items(&glyphs, &segments, &mut carried)));
        }
    }
    join_seams(&mut paged, &mut doc.notes);
    let mut no = 0usize;
    let mut last_page = None;
    for (page_no, items) in paged {
        if last_page != Some(page_no) {
            doc.pages.push(no + 1);
            last_page = Some(page_no);
        }
        // The text block's margins: a line that runs to the right margin and a line that
        // starts at the left one are one paragraph.
        let lines = || {
            items.iter().filter_map(|i| match i {
                Item::Line(_, l, r, _) => Some((*l, *r)),
                _ => None,
            })
        };
        let margin_left = lines().map(|(l, _)| l).fold(f64::MAX, f64::min);
        let margin_right = lines().map(|(_, r)| r).fold(f64::MIN, f64::max);
        let mut open: Option<f64> = None; // the right end of a line a paragraph may continue
        for item in items {
            let rows = match item {
                Item::Line(t, left, right, size) => {
                    no += 1;
                    if super::text::lines::is_page_marker(&t) {
                        continue;
                    }
                    let t = t.trim();
                    let runs_on = open.is_some_and(|r| {
                        r >= margin_right - size * tolerances::paragraphs::RUN_ON_SHORT
                    }) && left
                        <= margin_left + size * tolerances::paragraphs::RUN_ON_INDENT
                        && crate::grammar::strip_numbering(t).len() == t.len();
                    if runs_on {
                        doc.continue_line(t);
                    } else {
                        doc.push_line(t, no);
                    }
                    let ends_sentence = t.ends_with(['。', '：', ':', '；', ';', '！', '？']);
                    open = (!ends_sentence).then_some(right);
                    continue;
                }
                Item::Table(rows) => rows,
                Item::Ruled(table) => table.into_rows(),
            };
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
    doc.notes
        .extend(reading_notes(&read, &notes, bytes, limits));
    Ok(doc)
}
