//! Scans and pictures of tables → text lines and table grids, by OCR.
//!
//! A page image goes through the same steps as a PDF page, only from pixels: [`decode`]
//! turns the file into gray (a red seal fading out, its red kept so that a rule it
//! hides is bridged and a value under it flagged), [`deskew`] straightens a page
//! scanned or photographed crooked, [`speckle`] erases dust, [`rules`] finds the ruling
//! lines (long thin runs of ink) and hands them to the PDF reader's grid builder
//! ([`crate::input::pdf::table`]), merged cells included; a table cut by a page break
//! on a picture of several pages is joined with its rest. Each cell's text, and each
//! line of text outside the tables ([`textlines`]), is recognised by the PP-OCR network
//! ([`recognize`], models in [`models`]). What comes out is the [`DocumentBuf`] every
//! reader gives, with its pages: nothing after this stage knows the text came from pixels.
//!
//! Nothing is guessed in silence: a cell whose digits the network is unsure of, or whose
//! text is not clean digits where digits appear, gets an `ocr_uncertain` diagnostic naming
//! its page, table, row and column, and its text is marked (`12 [ocr?]`) so the semantic
//! stage reads the number with a diagnostic naming its field. A cell without ink is blank.

pub(crate) mod decode;
pub(crate) mod deskew;
pub(crate) mod models;
pub(crate) mod recognize;
pub(crate) mod rules;
pub(crate) mod speckle;
pub(crate) mod textlines;

use hayro_interpret::kurbo::Rect;
use image::GrayImage;

use super::{Cell, DocumentBuf, Grid, Layout, Row};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::input::pdf::table;
use recognize::Recognised;

pub(crate) use decode::is_image;

/// The lowest probability a recognised digit may have and be taken as read: PP-OCR gives
/// the digits of a clean scan 0.99 and more; below this the network hesitated between
/// readings (a speck on a 3, a seal over an 8).
pub(crate) const MIN_DIGIT_PROB: f32 = 0.9;

/// The width pages are brought to when wider: about 200 dpi for an A4 page. More
/// resolution does not help the network (it reads lines 48 px high) and costs time.
const MAX_WIDTH: u32 = 1_700;

/// Points per pixel for the grid builder, whose tolerances are in points: a page at
/// about 150 dpi.
const SCALE: f64 = 72.0 / 150.0;

/// The text a marked cell carries after its number: the semantic stage keeps the number
/// and names the field (`cell_note`), and the `ocr_uncertain` note says why.
const MARK: &str = " [ocr?]";

/// Reads an image file (one page) into lines and tables.
pub(crate) fn read(bytes: &[u8], limits: &crate::limits::Limits) -> Result<DocumentBuf> {
    let page = decode::decode(bytes, limits)?;
    let mut reader = Reader::new(limits.ocr_budget(bytes.len()))?;
    if !reader.has_room(&page) {
        return Err(Error::Image {
            reason: format!(
                "the picture is {} × {} pixels, more than the OCR budget of {} pixels for a file of {} bytes (raise it with --max-ocr-pixels)",
                page.width(),
                page.height(),
                reader.budget,
                bytes.len()
            ),
        });
    }
    reader.page(page)?;
    Ok(reader.finish())
}

/// Reads page images one by one into one document.
#[derive(Debug)]
pub(crate) struct Reader {
    rec: &'static models::Recognizer,
    doc: DocumentBuf,
    /// The last line number given.
    no: usize,
    /// The pages read.
    pages: usize,
    /// The pixels it may recognise ([`crate::limits::Limits::ocr_budget`]).
    pub(crate) budget: u64,
    /// The pixels recognised so far.
    spent: u64,
}

/// One thing on a page, in reading order.
enum Item {
    Line(String),
    /// A table: its index in the page's tables (its first part's, for a table that
    /// goes on below a page break) and its rows.
    Table(usize, Vec<Vec<String>>),
}

impl Reader {
    /// A reader with the models loaded; an error that says how to install them when they
    /// are missing.
    pub(crate) fn new(budget: u64) -> Result<Reader> {
        let rec = models::recognizer().map_err(|reason| Error::Image { reason })?;
        Ok(Reader {
            rec,
            doc: DocumentBuf::default(),
            no: 0,
            pages: 0,
            budget,
            spent: 0,
        })
    }

    /// The pixels of `page` as it is recognised (scaled to [`MAX_WIDTH`]).
    fn cost(page: &GrayImage) -> u64 {
        let (w, h) = (u64::from(page.width()), u64::from(page.height()));
        if w > u64::from(MAX_WIDTH) {
            u64::from(MAX_WIDTH) * (h * u64::from(MAX_WIDTH) / w).max(1)
        } else {
            w * h
        }
    }

    /// True when `page` fits in what is left of the OCR budget.
    pub(crate) fn has_room(&self, page: &GrayImage) -> bool {
        self.spent.saturating_add(Self::cost(page)) <= self.budget
    }

    /// The document read so far.
    pub(crate) fn finish(self) -> DocumentBuf {
        self.doc
    }

    /// Reads one page image.
    pub(crate) fn page(&mut self, page: GrayImage) -> Result<()> {
        self.spent = self.spent.saturating_add(Self::cost(&page));
        self.pages += 1;
        self.doc.pages.push(self.no + 1);
        // The red of a seal, turned with the page as the page is.
        let seal = decode::take_seal(&page);
        let fit = |page: GrayImage| {
            if page.width() > MAX_WIDTH {
                let h = (u64::from(page.height()) * u64::from(MAX_WIDTH) / u64::from(page.width()))
                    .max(1) as u32;
                image::imageops::resize(&page, MAX_WIDTH, h, image::imageops::Triangle)
            } else {
                page
            }
        };
        let page = fit(page);
        let mut ink = rules::ink(&page);
        let skew = deskew::skew(&ink.dark, ink.w, ink.h);
        let mut page = deskew::straighten(page, skew);
        if skew.abs() >= 0.08 {
            ink = rules::ink(&page);
        }
        // Turning fills the corners white; the mask's must be "not red" (0).
        let seal: Option<Vec<bool>> = seal.map(|m| {
            let mut m = fit(m);
            image::imageops::invert(&mut m);
            let m = deskew::straighten(m, skew);
            m.pixels().map(|p| p.0[0] < 128).collect()
        });
        speckle::despeckle(&mut ink, &mut page);
        // A rule is longer than any character's stroke: about a character and a half of
        // body text at the page's resolution.
        let min_len = (ink.w / 40).max(24);
        let segments = rules::segments(&ink, seal.as_deref(), min_len, SCALE);
        let tables = table::tables(&segments);
        // The rules of the tables found are not text: erased before cells are cropped.
        // Only the segments that are a cell's edge: a row of text whose strokes line up
        // (年结转政 after a turn) makes a long thin run too, inside a cell, and erasing
        // it cut the characters in half.
        let edges: Vec<Rect> = tables.iter().flat_map(|t| t.cell_boxes()).collect();
        let table_rules: Vec<_> = segments
            .iter()
            .filter(|s| edges.iter().any(|r| on_edge(s, r)))
            .copied()
            .collect();
        rules::erase(&mut ink, &mut page, &table_rules, SCALE);
        // Specks beside a rule were kept as if beside text; with the rules gone they
        // stand alone, and would be read as marks in the cells.
        speckle::despeckle(&mut ink, &mut page);
        let mut items: Vec<(f64, Item)> = Vec::new();
        let mut cell_notes = Vec::new();
        // Ink's level on the page as it is now, for cleaning a number's cell.
        let threshold = rules::threshold(&page);
        let boxes: Vec<textlines::PixBox> = tables
            .iter()
            .map(|t| {
                let b = t.bounds;
                (
                    (b.x0 / SCALE) as usize,
                    (b.y0 / SCALE) as usize,
                    (b.x1 / SCALE).ceil() as usize,
                    (b.y1 / SCALE).ceil() as usize,
                )
            })
            .collect();
        let lines = textlines::page_lines(&ink, &boxes);
        // Tables top to bottom, each with the table it continues (its first part) and
        // the grid row its rows start at there.
        let mut order: Vec<usize> = (0..tables.len()).collect();
        order.sort_by(|&a, &b| tables[a].bounds.y0.total_cmp(&tables[b].bounds.y0));
        let mut root: Vec<usize> = (0..tables.len()).collect();
        let mut offset = vec![0usize; tables.len()];
        let mut grid_rows = vec![0usize; tables.len()];
        for (k, &ti) in order.iter().enumerate() {
            if let Some(&prev) = k.checked_sub(1).and_then(|j| order.get(j)) {
                if continues(&tables[prev], &tables[ti], &lines, ink.w) {
                    root[ti] = root[prev];
                }
            }
            offset[ti] = grid_rows[root[ti]];
            grid_rows[root[ti]] += tables[ti].rows;
        }
        let mut table_rows: Vec<Vec<Vec<String>>> =
            grid_rows.iter().map(|&n| vec![Vec::new(); n]).collect();
        for &ti in &order {
            let t = &tables[ti];
            let (at, off) = (root[ti], offset[ti]);
            let rows = &mut table_rows[at];
            let cells = t.cell_boxes();
            for (k, (&row, rect)) in t.cell_rows.iter().zip(&cells).enumerate() {
                let px = |v: f64| (v / SCALE).round().max(0.0) as usize;
                let (x0, y0, x1, y1) = (px(rect.x0), px(rect.y0), px(rect.x1), px(rect.y1));
                let col = t.cell_rows[..k].iter().filter(|&&r| r == row).count();
                let text = self.cell(
                    &page,
                    &ink,
                    (x0, y0, x1, y1),
                    &mut cell_notes,
                    (at, off + row, col),
                    (threshold, seal.as_deref()),
                )?;
                rows[off + row].push(text);
            }
        }
        for (ti, rows) in table_rows.into_iter().enumerate() {
            // Rows keep their grid row for the notes; empty ones (all cells merged from
            // above) are dropped as the PDF reader drops them.
            if root[ti] == ti {
                items.push((tables[ti].bounds.y0 / SCALE, Item::Table(ti, rows)));
            }
        }
        let mut line_notes = Vec::new();
        for l in lines {
            let mut text = String::new();
            let mut low = Vec::new();
            for piece in &l.pieces {
                let r = self.recognise(&page, *piece)?;
                if !text.is_empty() && !r.chars.is_empty() {
                    text.push(' ');
                }
                low.extend(
                    r.chars
                        .iter()
                        .filter(|c| is_digit(&c.text) && c.prob < MIN_DIGIT_PROB)
                        .map(|c| (c.text.clone(), c.prob)),
                );
                text.push_str(&clean_text(&r));
            }
            if text.trim().is_empty() {
                continue;
            }
            if !low.is_empty() {
                line_notes.push((items.len(), text.clone(), low));
            }
            items.push((l.top as f64, Item::Line(text)));
        }
        // Reading order: top to bottom, the index kept so notes find their item.
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|&a, &b| items[a].0.total_cmp(&items[b].0));
        let mut line_of_item = vec![0usize; items.len()];
        let mut row_lines: Vec<Vec<usize>> = vec![Vec::new(); tables.len()];
        let mut items: Vec<Option<(f64, Item)>> = items.into_iter().map(Some).collect();
        for i in order {
            let Some((_, item)) = items[i].take() else {
                continue;
            };
            match item {
                Item::Line(t) => {
                    self.no += 1;
                    line_of_item[i] = self.no;
                    self.doc.push_line(t.trim(), self.no);
                }
                Item::Table(ti, rows) => {
                    let mut grid_rows = Vec::new();
                    for cells in rows {
                        if cells.is_empty() {
                            row_lines[ti].push(0);
                            continue;
                        }
                        self.no += 1;
                        row_lines[ti].push(self.no);
                        grid_rows.push(Row {
                            cells: cells
                                .into_iter()
                                .map(|text| Cell {
                                    text: text.into(),
                                    line: self.no,
                                })
                                .collect(),
                            line: self.no,
                        });
                    }
                    self.doc.push_table(Grid {
                        layout: Layout::Pdf,
                        rows: grid_rows,
                    });
                }
            }
        }
        for (ti, row, col, message) in cell_notes {
            let line = row_lines
                .get(ti)
                .and_then(|r| r.get(row))
                .copied()
                .unwrap_or(0);
            let mut d = Diagnostic::new(
                Code::OcrUncertain,
                msg!(
                    "page {}, table {}, row {}, column {}: {message}",
                    self.pages,
                    ti + 1,
                    row + 1,
                    col + 1
                ),
            );
            if line > 0 {
                d = d.at(line);
            }
            d.page = Some(self.pages);
            self.doc.notes.push(d);
        }
        for (i, text, low) in line_notes {
            let digits: Vec<String> = low.iter().map(|(c, p)| format!("{c} ({p:.2})")).collect();
            let mut d = Diagnostic::new(
                Code::OcrUncertain,
                msg!(
                    "page {}: the line {text:?} was read with unsure digits: {}",
                    self.pages,
                    digits.join(", ")
                ),
            )
            .at(line_of_item[i]);
            d.page = Some(self.pages);
            self.doc.notes.push(d);
        }
        Ok(())
    }

    /// Recognises the text in a box of the page (a band of one line).
    fn recognise(
        &self,
        page: &GrayImage,
        band: (usize, usize, usize, usize),
    ) -> Result<Recognised> {
        let Some(crop) = crop_band(page, band) else {
            return Ok(Recognised::default());
        };
        recognize::recognise(self.rec, &crop).map_err(|reason| Error::Image { reason })
    }

    /// The line in `band` read again as a number: tiny marks outside its digits erased
    /// ([`speckle::clean_number`]) and the crop cut to what is left, with `wide` a white
    /// margin of a quarter of its height around it (as a text detector's box has; a
    /// lone digit cut tight is sometimes read as nothing). `None` when a tight cut would
    /// be the same as the first (nothing erased) or nothing is left; else the reading
    /// and how many glyphs (blobs larger than a speck) were left.
    fn reread_number(
        &self,
        page: &GrayImage,
        band: (usize, usize, usize, usize),
        threshold: u8,
        wide: bool,
    ) -> Result<Option<(Recognised, usize)>> {
        let Some(mut crop) = crop_band(page, band) else {
            return Ok(None);
        };
        let before = crop.clone();
        let Some(((a, b, c, d), glyphs)) = speckle::clean_number(&mut crop, threshold) else {
            return Ok(None);
        };
        if crop == before && !wide {
            return Ok(None);
        }
        let m = if wide {
            ((d - b) / 4).max(textlines::MARGIN)
        } else {
            textlines::MARGIN
        };
        // What is left, on white, `m` around it.
        let mut cut = GrayImage::from_pixel(
            (c - a + 2 * m) as u32,
            (d - b + 2 * m) as u32,
            image::Luma([255]),
        );
        for y in b..d {
            for x in a..c {
                cut.put_pixel(
                    (x - a + m) as u32,
                    (y - b + m) as u32,
                    *crop.get_pixel(x as u32, y as u32),
                );
            }
        }
        recognize::recognise(self.rec, &cut)
            .map(|r| Some((r, glyphs)))
            .map_err(|reason| Error::Image { reason })
    }

    /// The text of one cell, its lines joined by `\n`; blank when the cell holds no ink.
    /// Digits the network is unsure of, and digits among other characters, are noted in
    /// `notes` (table, grid row, column, message) and the text marked, as is a value
    /// under a seal (`seal`, the page's red pixels row-major, when it has any; beside
    /// `threshold`, the page's ink level).
    fn cell(
        &self,
        page: &GrayImage,
        ink: &rules::Ink,
        b: (usize, usize, usize, usize),
        notes: &mut Vec<(usize, usize, usize, String)>,
        (ti, row, col): (usize, usize, usize),
        (threshold, seal): (u8, Option<&[bool]>),
    ) -> Result<String> {
        let mut lines = Vec::new();
        let mut chars = Vec::new();
        let mut digits = Vec::new();
        let bands = textlines::cell_lines(ink, b);
        for &band in &bands {
            let r = self.recognise(page, band)?;
            chars.extend(r.chars.iter().cloned());
            digits.extend(r.digits.iter().cloned());
            let t = clean_text(&r);
            if !t.trim().is_empty() {
                lines.push(t.trim().to_string());
            }
        }
        let text = lines.join("\n");
        let (mut checked, mut problem) = check_cell(&text, &chars, &digits);
        // A number read with marks beside it or unsure digits: read again with the
        // marks a number cannot have (specks before, after, above its digits) erased.
        // The second reading is kept only when it passes the same checks, every digit
        // sure, and has no more digits than the first: erasing a speck may clear a doubt
        // or a speck read as a digit, never bring in one.
        // A cell with the ink of a line that was read as nothing (a lone `0` cut tight)
        // is read again the same way, with a margin: kept only when it passes the same
        // checks, with no more digits than the glyphs left.
        // A number still unsure after the tight cut (or with nothing to erase) is read
        // once more with the margin: the network sees a point after a lone `0` cut
        // tight that is not on the paper (`0.` at 0.50), and not with white around it.
        let empty = text.is_empty() && bands.len() == 1;
        for wide in [empty, true] {
            if !(problem.is_some() || empty)
                || bands.len() != 1
                || text.chars().any(crate::normalize::is_cjk)
                || (wide && !empty && checked == text && problem.is_none())
            {
                break;
            }
            if let Some((r, glyphs)) = self.reread_number(page, bands[0], threshold, wide)? {
                let t = clean_text(&r);
                let (c2, p2) = check_cell(t.trim(), &r.chars, &r.digits);
                let figures =
                    |s: &str| -> String { s.chars().filter(char::is_ascii_digit).collect() };
                let first: String = digits.iter().map(|c| c.text.as_str()).collect();
                let most = if empty {
                    glyphs
                } else {
                    figures(&text).len().max(figures(&first).len())
                };
                // A number read again must still be one: a second cut read as a
                // letter (`Ｚ` for a 2 half under a seal) is no answer.
                let number = empty || !figures(&c2).is_empty();
                if p2.is_none() && !c2.is_empty() && number && figures(&c2).len() <= most {
                    (checked, problem) = (c2, p2);
                }
            }
            if empty || problem.is_none() {
                break;
            }
        }
        // A seal's solid red hides what is under it: a stroke of a digit under the ring
        // is gone from the gray, and what is left may read as another digit or a
        // letter. A cell whose text the seal crosses is flagged, unless its text is
        // words (a label); one the seal mostly covers, with nothing read, may hide a
        // value and is flagged as none.
        if problem.is_none() {
            let under = |(x0, y0, x1, y1): textlines::PixBox| {
                seal.map_or(0, |m| {
                    (y0..y1.min(ink.h))
                        .map(|y| (x0..x1.min(ink.w)).filter(|&x| m[y * ink.w + x]).count())
                        .sum::<usize>()
                })
            };
            let words = checked.chars().any(crate::normalize::is_cjk);
            if !checked.is_empty() && !words && bands.iter().any(|&b| under(b) >= MIN_SEAL) {
                let number: String = checked
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                let read = checked.clone();
                checked = if !number.is_empty()
                    && matches!(
                        crate::grammar::cell_content(&checked),
                        crate::grammar::CellContent::Number { rest: "", .. }
                    ) {
                    format!("{number}{MARK}")
                } else {
                    "—".to_string()
                };
                problem = Some(format!(
                    "the cell was read as {read:?} under the seal, which hides part of it"
                ));
            } else if checked.is_empty() && bands.is_empty() {
                let area = b.2.saturating_sub(b.0) * b.3.saturating_sub(b.1);
                if area > 0 && under(b) * 4 >= area {
                    checked = "—".to_string();
                    problem = Some(
                        "the cell is blank where the seal covers it: a value may be hidden under it"
                            .to_string(),
                    );
                }
            }
        }
        if let Some(problem) = problem {
            notes.push((ti, row, col, problem));
        }
        Ok(checked)
    }
}

/// The fewest pixels of a seal's red in a line of a cell for the line to be under the
/// seal: a few red pixels are colour noise at a glyph's edge in a JPEG.
const MIN_SEAL: usize = 6;

/// How far apart, in points, two tables' column rules may stand and be the same column:
/// what deskew leaves of a page turned on its own before pages were put together.
const SAME_COLUMN: f64 = 3.0;

/// True when table `b`, below table `a` on the page, goes on with `a`'s rows: a table
/// cut by a page break on a picture of pages put one under the other (a long
/// screenshot). As wide as `a`, each with the columns of the other's last row (its
/// full set of columns, the label column's merged cells aside), and nothing between
/// them but short lines (the page's number, a footer) among `lines`, the text lines of
/// a page `width` pixels wide. A table with other columns, or text between, is
/// another table.
fn continues(
    a: &table::RuledTable,
    b: &table::RuledTable,
    lines: &[textlines::TextLine],
    width: usize,
) -> bool {
    let (wa, wb) = (a.bounds.width(), b.bounds.width());
    if (wa - wb).abs() > SAME_COLUMN.max(wa * 0.01) || b.bounds.y0 < a.bounds.y1 {
        return false;
    }
    // The left and right rule of each cell of a table, from its left edge.
    let edges = |t: &table::RuledTable, last_only: bool| -> Vec<f64> {
        let last = t.rows.saturating_sub(1);
        t.cells
            .iter()
            .filter(|c| !last_only || c.rows.1 == last)
            .flat_map(|c| [c.x.0 - t.bounds.x0, c.x.1 - t.bounds.x0])
            .collect()
    };
    let within = |xs: &[f64], ys: &[f64]| {
        xs.iter()
            .all(|x| ys.iter().any(|y| (x - y).abs() <= SAME_COLUMN))
    };
    let (all_a, all_b) = (edges(a, false), edges(b, false));
    let (last_a, last_b) = (edges(a, true), edges(b, true));
    if last_a.len() < 6 || !within(&last_a, &all_b) || !within(&last_b, &all_a) {
        return false;
    }
    let (top, bottom) = (a.bounds.y1 / SCALE, b.bounds.y0 / SCALE);
    lines
        .iter()
        .filter(|l| (l.top as f64) > top && (l.top as f64) < bottom)
        .all(|l| {
            let ink: usize = l.pieces.iter().map(|p| p.2 - p.0).sum();
            ink * 8 < width
        })
}

/// The part of `page` in the box `(x0, y0, x1, y1)`, cut to the page; `None` when
/// nothing of it is on the page.
fn crop_band(
    page: &GrayImage,
    (x0, y0, x1, y1): (usize, usize, usize, usize),
) -> Option<GrayImage> {
    let (w, h) = (page.width() as usize, page.height() as usize);
    let (x1, y1) = (x1.min(w), y1.min(h));
    if x0 >= x1 || y0 >= y1 {
        return None;
    }
    Some(
        image::imageops::crop_imm(
            page,
            x0 as u32,
            y0 as u32,
            (x1 - x0) as u32,
            (y1 - y0) as u32,
        )
        .to_image(),
    )
}

/// How far a rule may stand from a cell's edge and be that edge, in points: the grid
/// builder's line is the middle of the rules it joined, and a scan's rule wanders by
/// a few pixels along a page (what deskew leaves).
const EDGE: f64 = 4.0;

/// True when the ruling segment `s` lies along an edge of the cell `r`: near it, and
/// along at least a third of it. A run of text strokes near a cell's top is short
/// against the cell; a rule, even broken, runs along most of its side.
fn on_edge(s: &crate::input::pdf::page::Segment, r: &Rect) -> bool {
    let near = |v: f64, a: f64, b: f64| (v - a).abs() <= EDGE || (v - b).abs() <= EDGE;
    let along = |a: f64, b: f64| (s.b.min(b) - s.a.max(a)) * 3.0 >= b - a;
    if s.horizontal {
        near(s.at, r.y0, r.y1) && along(r.x0, r.x1)
    } else {
        near(s.at, r.x0, r.x1) && along(r.y0, r.y1)
    }
}

/// The text of a recognised line without the dots a speck beside the text is read as:
/// unsure punctuation at either end, and unsure marks that are never in a report's
/// text (`·`, a backquote) anywhere. A numbering's point (`2.没有…`) stays wherever it
/// is: without it the label is not the template's.
fn clean_text(r: &Recognised) -> String {
    let dot = |c: &recognize::Char| {
        c.prob < MIN_DIGIT_PROB
            && matches!(
                c.text.as_str(),
                "。" | "．"
                    | "·"
                    | "."
                    | ","
                    | "，"
                    | ":"
                    | "："
                    | "`"
                    | "'"
                    | "‘"
                    | "’"
                    | "°"
                    | ";"
                    | "；"
                    | "、"
                    | "-"
                    | "_"
                    | "~"
                    | "^"
                    | "「"
                    | "」"
                    | "|"
            )
    };
    let stray = |c: &recognize::Char| {
        c.prob < MIN_DIGIT_PROB && matches!(c.text.as_str(), "·" | "`" | "°" | "^" | "~")
    };
    let start = r.chars.iter().take_while(|c| dot(c)).count();
    let end = r.chars.len() - r.chars[start..].iter().rev().take_while(|c| dot(c)).count();
    r.chars[start..end]
        .iter()
        .filter(|c| !stray(c))
        .map(|c| c.text.as_str())
        .collect()
}

/// True for one ASCII digit.
fn is_digit(s: &str) -> bool {
    s.len() == 1 && s.as_bytes()[0].is_ascii_digit()
}

/// Characters the network gives for a digit it misread as a letter: `O` for 0, `l` and
/// `I` for 1, and the like. A cell of digits and these is a number read uncertainly, not
/// a label.
fn digit_like(c: char) -> bool {
    matches!(
        c,
        'O' | 'o'
            | 'D'
            | 'Q'
            | 'l'
            | 'I'
            | 'i'
            | '|'
            | 'Z'
            | 'z'
            | 'S'
            | 's'
            | 'B'
            | 'b'
            | 'G'
            | 'g'
            | 'q'
    )
}

/// Marks the network gives for a speck or a point: beside digits, a cell of them and
/// digits is a number read with marks (a speck after a `0` read as `。`), not a label.
fn speck_like(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | '-'
            | '。'
            | '．'
            | '·'
            | '，'
            | ':'
            | '：'
            | ';'
            | '；'
            | '\''
            | '`'
            | '‘'
            | '’'
            | '"'
            | '“'
            | '”'
            | '°'
            | '、'
            | '^'
            | '~'
            | '_'
    )
}

/// A cell's text as recognised, checked: the text to put in the grid, and what is wrong
/// with it if anything is. A cell where digits appear must be a clean number (digits,
/// a decimal point, a sign, a unit the template prints), every digit read surely;
/// otherwise the problem is named and the text marked so its number is flagged where it
/// lands. Text with no digit (labels, none marks) is left as read.
pub(crate) fn check_cell(
    text: &str,
    chars: &[recognize::Char],
    digits: &[recognize::Char],
) -> (String, Option<String>) {
    let has_digit = text.chars().any(|c| c.is_ascii_digit());
    let looks_numeric = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || digit_like(c) || speck_like(c) || c == ' ')
        && text.chars().any(|c| c.is_ascii_digit() || digit_like(c));
    if !has_digit && !looks_numeric {
        return (text.to_string(), None);
    }
    // Labels with numbering (`1.属于…`, `（三）`) have digits too: text that the grammar
    // reads as text and that holds CJK is a label, left as read.
    if !looks_numeric
        && matches!(
            crate::grammar::cell_content(text),
            crate::grammar::CellContent::Text
        )
        && text.chars().any(crate::normalize::is_cjk)
    {
        return (text.to_string(), None);
    }
    // A cell of digits and digit-like letters is a number: it is read as one, each
    // character the best digit of its frames (a lone 0 reads as `o` without context).
    let read = text;
    // A letter taken for the digit its frames hold (`o` for 0) must have been read as
    // surely as a digit is: a rule's stub read as `l` at 0.23 is no sure `1`.
    let unsure_letters: Vec<String> = chars
        .iter()
        .filter(|c| c.text.chars().all(digit_like) && c.prob < MIN_DIGIT_PROB)
        .map(|c| format!("{} ({:.2})", c.text, c.prob))
        .collect();
    let (text, chars): (String, &[recognize::Char]) = if looks_numeric && !digits.is_empty() {
        (digits.iter().map(|c| c.text.as_str()).collect(), digits)
    } else {
        (text.to_string(), chars)
    };
    // A sign or a point in the numeric reading must be one in the text as read: a
    // speck read as `·` is the digit reading's `-` or `.`, not a sign.
    let count = |s: &str, c: char| s.chars().filter(|&x| x == c).count();
    let clean = matches!(
        crate::grammar::cell_content(&text),
        crate::grammar::CellContent::Number { rest: "", .. }
    ) && text.chars().all(|c| !digit_like(c))
        && count(&text, '-') <= count(read, '-')
        && count(&text, '.') <= count(read, '.');
    let mut low: Vec<String> = chars
        .iter()
        .filter(|c| c.text.chars().any(|ch| ch.is_ascii_digit()) && c.prob < MIN_DIGIT_PROB)
        .map(|c| format!("{} ({:.2})", c.text, c.prob))
        .collect();
    if looks_numeric {
        low.extend(unsure_letters);
    }
    if clean && low.is_empty() {
        return (text, None);
    }
    let conf = chars
        .iter()
        .filter(|c| c.text.chars().any(|ch| ch.is_ascii_digit()))
        .map(|c| c.prob)
        .fold(1.0f32, f32::min);
    let why = if !clean {
        format!("the cell was read as {text:?}, which is not a clean number (lowest digit probability {conf:.2})")
    } else {
        format!(
            "the cell was read as {text:?} with unsure digits: {}",
            low.join(", ")
        )
    };
    // The digits read, in order, as the number the cell most likely holds; flagged.
    let guess: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let number = guess.starts_with(|c: char| c.is_ascii_digit())
        && !guess.ends_with('.')
        && guess.matches('.').count() <= 1;
    let marked = if number {
        format!("{guess}{MARK}")
    } else {
        // Nothing that reads as a number: a none mark, so the value is null and the
        // semantic stage names its field.
        "—".to_string()
    };
    (marked, Some(why))
}

#[cfg(test)]
mod tests {
    use super::recognize::Char;
    use super::*;

    fn chars(s: &str, p: f32) -> Vec<Char> {
        s.chars()
            .map(|c| Char {
                text: c.to_string(),
                prob: p,
            })
            .collect()
    }

    #[test]
    fn sure_digits_pass_and_unsure_ones_are_marked() {
        let sure = chars("125", 0.99);
        assert_eq!(check_cell("125", &sure, &sure), ("125".into(), None));
        let unsure = chars("125", 0.6);
        let (t, why) = check_cell("125", &unsure, &unsure);
        assert_eq!(t, "125 [ocr?]");
        assert!(why.unwrap().contains("unsure"));
        // A letter among digits is read as the digit its frames hold.
        let (t, why) = check_cell("1O5", &chars("1O5", 0.99), &chars("105", 0.97));
        assert_eq!((t.as_str(), why), ("105", None));
        let (t, why) = check_cell("1O5", &chars("1O5", 0.99), &chars("105", 0.6));
        assert_eq!(t, "105 [ocr?]");
        assert!(why.unwrap().contains("unsure"));
        let (t, _) = check_cell("5-", &chars("5-", 0.99), &chars("5-", 0.99));
        assert_eq!(t, "5 [ocr?]");
    }

    #[test]
    fn an_unsure_letter_is_no_sure_digit() {
        // A rule's stub beside a cell's text read as `l` at 0.23: its digit reading is
        // a `1` far ahead of the other digits, but the mark was no sure letter either.
        let (t, why) = check_cell("l", &chars("l", 0.23), &chars("1", 0.97));
        assert_eq!(t, "1 [ocr?]");
        assert!(why.unwrap().contains("l (0.23)"));
    }

    #[test]
    fn digits_with_speck_marks_are_a_number_read_with_marks() {
        // A speck read as `。` before a `0` read as `o`: not a label left as read.
        let (t, why) = check_cell("。o", &chars("。o", 0.99), &chars(".0", 0.99));
        assert_eq!(t, "—");
        assert!(why.is_some());
        // A speck read as `·` is the digit reading's `-`: not a sign.
        let (t, why) = check_cell("·34", &chars("·34", 0.99), &chars("-34", 0.99));
        assert_eq!(t, "34 [ocr?]");
        assert!(why.is_some());
    }

    #[test]
    fn labels_and_blanks_are_left_as_read() {
        assert_eq!(check_cell("", &[], &[]), (String::new(), None));
        let l = "1.属于国家秘密";
        assert_eq!(check_cell(l, &chars(l, 0.5), &[]), (l.into(), None));
        let fee = chars("7730.28", 0.99);
        assert_eq!(check_cell("7730.28", &fee, &fee).1, None);
    }
}
