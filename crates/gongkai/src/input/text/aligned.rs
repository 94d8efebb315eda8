//! Columns aligned with runs of spaces: `pdftotext -layout` output and plain text
//! tables. Cells are split at runs of two or more spaces (or a tab); a single space
//! splits two numbers, and a label from the number after it.
//!
//! ```text
//! 规章            1          0        11
//! 行政许可          447228
//! ```

use super::lines::Line;
use crate::grammar::{cell_content, CellContent};
use crate::input::{Cell, Row};
use crate::normalize::is_blank;

/// True when the line has a gap of two or more spaces between two pieces of text.
pub fn has_column_gap(t: &str) -> bool {
    let t = super::lines::trim(t);
    t.contains("  ") || t.contains('\u{3000}')
}

/// True when every character of the token is a digit or a number sign.
fn is_number_token(t: &str) -> bool {
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
}

/// The cells of a line ([`split_cells_into`]).
#[cfg(test)]
pub fn split_cells(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    split_cells_into(text, &mut out);
    out
}

/// Splits a line into cells at runs of two or more spaces (a tab or U+3000 counts as
/// two), and at a single space between two numbers or between a label and a number;
/// the cells go into `out`, which must be empty (a vector kept from line to line).
fn split_cells_into<'t>(text: &'t str, out: &mut Vec<&'t str>) {
    debug_assert!(out.is_empty());
    let mut start: Option<usize> = None;
    let mut spaces = 0usize;
    let mut space_start = 0usize;
    let bytes = text.as_bytes();
    let mut next = 0;
    while next < text.len() {
        let i = next;
        let c = match bytes[i] {
            b if b < 0x80 => char::from(b),
            _ => text[i..].chars().next().unwrap_or_default(),
        };
        next = i + c.len_utf8();
        if out.len() + 1 == crate::input::grid::MAX_ROW_CELLS {
            // The rest of the line is one last cell (see `MAX_ROW_CELLS`).
            if start.is_none() && !matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}') {
                start = Some(i);
            }
            if let Some(s) = start {
                out.push(text[s..].trim_end_matches([' ', '\t', '\u{3000}', '\u{a0}']));
                return;
            }
        }
        let is_space = c == ' ' || c == '\t' || c == '\u{3000}' || c == '\u{a0}';
        if is_space {
            if spaces == 0 {
                space_start = i;
            }
            spaces += if c == ' ' || c == '\u{a0}' { 1 } else { 2 };
            continue;
        }
        if let Some(s) = start {
            if spaces >= 2 {
                out.push(&text[s..space_start]);
                start = Some(i);
            } else if spaces == 1 {
                // A single space splits two numbers (`0 0`) but not words (`结 果`).
                let before = &text[s..space_start];
                let last = before.rsplit(' ').next().unwrap_or(before);
                let after_end = text[i..]
                    .find([' ', '\t', '\u{3000}'])
                    .map_or(text.len(), |e| i + e);
                let next_is_number = is_number_token(&text[i..after_end]);
                // ... and a label from its number (`规章 0 0 0`, plain text with single
                // spaces), but not a number from its unit (`5 件`).
                let label_ends = before.chars().next_back().is_some_and(|c| {
                    !c.is_ascii_alphanumeric() && !matches!(c, '.' | ',' | '-' | '%')
                });
                if next_is_number && (is_number_token(last) || label_ends) {
                    out.push(before);
                    start = Some(i);
                }
            }
        } else {
            start = Some(i);
        }
        spaces = 0;
        // The rest of a piece of text changes nothing until a space: passed over on the
        // bytes, up to one that may start a space (` `, a tab, the lead byte of U+3000 or
        // of NBSP), never inside a char.
        if out.len() + 1 < crate::input::grid::MAX_ROW_CELLS {
            next += bytes[next..]
                .iter()
                .position(|b| matches!(b, b' ' | b'\t' | 0xe3 | 0xc2))
                .unwrap_or(text.len() - next);
        }
    }
    if let Some(s) = start {
        let end = if spaces > 0 { space_start } else { text.len() };
        out.push(&text[s..end]);
    }
}

/// True when a line of label text only continues the label cells of the row just above
/// it (a table printed with its cells top-aligned, labels wrapped in narrow columns):
/// the lines are adjacent, the row above is laid out in columns and has numbers and
/// labels of its own, and every piece of the line starts in the column of one of its
/// label cells, is no wider than that cell, and does not start with a numbering.
fn continues_labels(
    pieces: &[&str],
    cols: &[usize],
    above: Option<&Row>,
    above_cols: &[usize],
    above_line: usize,
    line: usize,
) -> bool {
    let Some(above) = above else {
        return false;
    };
    if line != above_line + 1 || pieces.is_empty() {
        return false;
    }
    // Only a table laid out in columns (gaps of two or more spaces) wraps labels in
    // them; in plain text with single spaces, a label line is a row of its own.
    if above.cells.len() < 2
        || !above_cols
            .windows(2)
            .zip(&above.cells)
            .all(|(w, c)| w[1] >= w[0] + c.text.lines().next().map_or(0, |l| l.chars().count()) + 2)
    {
        return false;
    }
    let is_text = |t: &str| matches!(cell_content(t), CellContent::Text);
    // A piece that starts with a numbering (`（二）`, `5.`, `三、`, `第二十条`) starts a new
    // row's label.
    let numbered = |t: &str| {
        crate::grammar::numbering(t).is_ok()
            || (t.starts_with('第') && t.chars().take(6).any(|c| c == '条'))
    };
    if !pieces.iter().all(|p| is_text(p) && !numbered(p)) {
        return false;
    }
    let above_has_number = above
        .cells
        .iter()
        .any(|c| matches!(cell_content(&c.text), CellContent::Number { .. }));
    // A wrapped piece lies in its cell's column and is at most about as wide as the
    // cell's first line (the text wrapped because the column is that wide).
    above_has_number
        && pieces.iter().zip(cols).all(|(piece, col)| {
            above_cols.iter().zip(&above.cells).any(|(c, cell)| {
                let width = cell.text.lines().next().map_or(0, |l| l.chars().count());
                c.abs_diff(*col) <= 1 && is_text(&cell.text) && piece.chars().count() <= width + 2
            })
        })
}

/// How far (in lines) a wrapped label may stand from its numbers.
const WRAP_DISTANCE: usize = 2;

/// The rows of an aligned table region: one row per line with numbers. A line of label
/// text that continues the label cells of the row just above, in their columns
/// (top-aligned cells, see `continues_labels`), is joined to those cells. Any other line of
/// label text only (a label wrapped over lines, `pdftotext -layout`) joins the nearest
/// line with numbers and no label of its own within two lines, before its cells if
/// above, after them if below.
/// A label line as near to the numbers above it as to those below stays a row of its
/// own: which numbers are its own is a question for the whole table (a table whose
/// labels stand apart from their numbers, `semantic::apart`), or else it is unread.
pub fn rows<'a>(lines: &[Line<'a>]) -> Vec<Row<'a>> {
    let rows = line_rows(lines);
    // Each row's cells are read once for what they hold: the rules below ask it of a row
    // and of its neighbours again and again.
    let holds: Vec<Holds> = rows.iter().map(Holds::of).collect();
    if labels_apart(&holds) {
        return rows;
    }
    let target = wrap_targets(&rows, &holds);
    attach_wrapped(rows, &target)
}

/// True when most of the table's numbers stand on lines of their own: three or more
/// lines of bare numbers, more than lines of label and numbers. Such a table prints its
/// labels apart from its numbers (a PDF-to-markdown converter's output, or labels of two
/// lines with the numbers between them), and a label line is often as near to the
/// numbers above it as to those below: which are its own is decided for the whole table
/// by the semantic stage (`semantic::apart`), not line by line here.
fn labels_apart(holds: &[Holds]) -> bool {
    let numbers = holds.iter().filter(|h| h.number && !h.text).count();
    let whole = holds.iter().filter(|h| h.number && h.text).count();
    numbers >= 3 && numbers > whole
}

/// The start column (in characters) of each piece of a line. Counted piece to piece, so
/// a line of many cells costs its length, not its length times its cells.
fn columns(text: &str, pieces: &[&str], cols: &mut Vec<usize>) {
    cols.clear();
    let (mut byte, mut col) = (0usize, 0usize);
    for p in pieces {
        let offset = p.as_ptr() as usize - text.as_ptr() as usize;
        col += text[byte..offset].chars().count();
        byte = offset;
        cols.push(col);
    }
}

/// One row per non-blank line, except lines that continue the label cells of the row
/// above in their columns, which are joined to those cells.
fn line_rows<'a>(lines: &[Line<'a>]) -> Vec<Row<'a>> {
    // At most a row a line: sized so, not grown by doubling.
    let mut rows: Vec<Row> = Vec::with_capacity(lines.len());
    // The start column (in characters) of each cell of the last row kept.
    let mut last_cols: Vec<usize> = Vec::new();
    let mut last_line = 0usize;
    // A line's pieces and their columns, in vectors kept from line to line.
    let mut pieces: Vec<&'a str> = Vec::new();
    let mut cols: Vec<usize> = Vec::new();
    for l in lines.iter().filter(|l| !is_blank(l.text)) {
        pieces.clear();
        split_cells_into(l.text, &mut pieces);
        columns(l.text, &pieces, &mut cols);
        if continues_labels(&pieces, &cols, rows.last(), &last_cols, last_line, l.no) {
            let row = rows.last_mut().expect("continues_labels needs a row");
            for (piece, col) in pieces.iter().zip(&cols) {
                if let Some(k) = last_cols.iter().position(|c| c.abs_diff(*col) <= 1) {
                    row.cells[k].continue_with(piece);
                }
            }
            last_line = l.no;
            continue;
        }
        rows.push(Row {
            cells: pieces
                .iter()
                .map(|&c| Cell {
                    text: c.into(),
                    line: l.no,
                })
                .collect(),
            line: l.no,
        });
        std::mem::swap(&mut last_cols, &mut cols);
        last_line = l.no;
    }
    rows
}

/// What a row's cells hold: a number, a text (a label).
#[derive(Debug, Clone, Copy)]
struct Holds {
    number: bool,
    text: bool,
}

impl Holds {
    /// Reads each cell of the row once, until both are found.
    fn of(r: &Row<'_>) -> Holds {
        let mut h = Holds {
            number: false,
            text: false,
        };
        for c in &r.cells {
            match cell_content(&c.text) {
                CellContent::Number { .. } => h.number = true,
                CellContent::Text => h.text = true,
                _ => {}
            }
            if h.number && h.text {
                break;
            }
        }
        h
    }
}

/// True when the row's first cell opens with a numbering (`3.`, `（七）`, `四、`).
fn opens_numbered(r: &Row<'_>) -> bool {
    r.cells
        .first()
        .is_some_and(|c| crate::grammar::numbering(super::lines::trim(&c.text)).is_ok())
}

/// For each label-only row, the row of numbers its label was wrapped from, if any: the
/// nearest within [`WRAP_DISTANCE`] lines that has no label of its own (a row that has its
/// own label keeps its identity), below it for a line that opens with a numbering, and
/// none when the nearest above and below are as near. A row that has a label of its own
/// takes a label line only where the numberings show the label was cut: a numbered head
/// just above a label without one, a line without one just below a numbered label.
fn wrap_targets(rows: &[Row<'_>], holds: &[Holds]) -> Vec<Option<usize>> {
    let numbered: Vec<usize> = holds
        .iter()
        .enumerate()
        .filter(|(_, h)| h.number && !h.text)
        .map(|(i, _)| i)
        .collect();
    let mut target: Vec<Option<usize>> = vec![None; rows.len()];
    for (i, r) in rows.iter().enumerate() {
        if holds[i].number {
            continue;
        }
        let dist = |j: usize| rows[j].line.abs_diff(r.line);
        // `numbered` is sorted: the nearest numbered rows either side by binary search,
        // so a long region of label lines stays linear (n log n), not quadratic.
        let k = numbered.partition_point(|&j| j < i);
        let above = k.checked_sub(1).map(|k| numbered[k]);
        let below = numbered[k..].iter().copied().find(|&j| j > i);
        // A line that opens with a numbering (`3.其他`, `四、结转…`) starts a label: it is
        // the head of the numbers below it, never the tail of those above.
        let numbered = opens_numbered(r);
        let above = above.filter(|_| !numbered);
        // Nor is it the head of numbers that another numbered line stands nearer to.
        let below = below.filter(|&b| !numbered || !rows[i + 1..b].iter().any(opens_numbered));
        let best = match (above, below) {
            // As near to the numbers above as to those below: whose label it continues
            // is not seen here, and the line stays a row of its own.
            (Some(a), Some(b)) if dist(a) == dist(b) => None,
            (Some(a), Some(b)) => Some(if dist(a) < dist(b) { a } else { b }),
            (a, b) => a.or(b),
        };
        target[i] = best.filter(|&j| dist(j) <= WRAP_DISTANCE);
    }
    // A label line whose last cell opens a numbered label, just above a row of label and
    // numbers whose label does not open with a numbering, is that label's head: the
    // label wrapped and its numbers stand on the line of its tail (`1.申请人…补正、行`
    // over `政机关不再处理…申请  0  0 …`), a blank line between them or not.
    for i in 0..rows.len().saturating_sub(1) {
        let (r, next) = (&rows[i], &rows[i + 1]);
        // The cheap tests first: numberings are parsed only where the lines allow.
        let heads_next = target[i].is_none()
            && !holds[i].number
            && next.line <= r.line + 2
            && holds[i + 1].number
            && r.cells
                .last()
                .is_some_and(|c| crate::grammar::numbering(super::lines::trim(&c.text)).is_ok())
            && next
                .cells
                .first()
                .is_some_and(|c| matches!(cell_content(&c.text), CellContent::Text))
            && !opens_numbered(next);
        if heads_next {
            target[i] = Some(i + 1);
        }
    }
    // A label line just below a row of numbers whose label ends in a numbered cell
    // (`（七）  9  8 …` over `总计`, `3.要求提供  0 …` over `公开出版物`) is the rest of
    // that label, before any numbers further off; so is a line just below a row whose
    // numbered head was joined to it by the rule above.
    for i in 1..rows.len() {
        let (above, r) = (&rows[i - 1], &rows[i]);
        let last_label = || {
            above
                .cells
                .iter()
                .take_while(|c| matches!(cell_content(&c.text), CellContent::Text))
                .last()
        };
        let tails_above = target[i].is_none_or(|j| rows[j].line.abs_diff(r.line) > 1)
            && !holds[i].number
            && r.line == above.line + 1
            && holds[i - 1].number
            && !opens_numbered(r)
            && (last_label()
                .is_some_and(|c| crate::grammar::numbering(super::lines::trim(&c.text)).is_ok())
                || (i >= 2 && target[i - 2] == Some(i - 1)));
        if tails_above {
            target[i] = Some(i - 1);
        }
    }
    // A numbered label line just below a row of numbers that takes no numbers of its
    // own may be that row's label printed below it (a converter's layout) as well as the
    // label of a row of blank cells: the labels above those numbers are then not joined
    // to them either, and the rows stay apart for the semantic stage to read or flag.
    for j in numbered {
        let orphan_below = rows
            .get(j + 1)
            .is_some_and(|r| target[j + 1].is_none() && !holds[j + 1].number && opens_numbered(r));
        // A label wrapped over lines above the numbers (a numbered head and its
        // continuation) is `pdftotext -layout`'s, not a converter's one-line label.
        // (Rows joined to `j` from above lie within `WRAP_DISTANCE` lines of it.)
        let wrapped_above = || {
            (j.saturating_sub(WRAP_DISTANCE)..j)
                .any(|i| target[i] == Some(j) && !opens_numbered(&rows[i]))
        };
        if orphan_below && !wrapped_above() {
            let near = j.saturating_sub(WRAP_DISTANCE)..(j + WRAP_DISTANCE + 1).min(rows.len());
            for t in target[near].iter_mut().filter(|t| **t == Some(j)) {
                *t = None;
            }
        }
    }
    target
}

/// Joins each wrapped label row to its target row, before the target's own labels when
/// it stood above, after them when below, and always ahead of the numbers.
fn attach_wrapped<'a>(rows: Vec<Row<'a>>, target: &[Option<usize>]) -> Vec<Row<'a>> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let mut before: Vec<Vec<Cell>> = vec![Vec::new(); rows.len()];
    let mut after: Vec<Vec<Cell>> = vec![Vec::new(); rows.len()];
    for (i, r) in rows.iter().enumerate() {
        match target[i] {
            Some(j) if j > i => before[j].extend(r.cells.iter().cloned()),
            Some(j) => after[j].extend(r.cells.iter().cloned()),
            None => {}
        }
    }
    for (i, r) in rows.into_iter().enumerate() {
        if target[i].is_some() {
            continue;
        }
        if before[i].is_empty() && after[i].is_empty() {
            out.push(r);
            continue;
        }
        let first_value = r
            .cells
            .iter()
            .position(|c| !matches!(cell_content(&c.text), CellContent::Text))
            .unwrap_or(r.cells.len());
        let mut cells = std::mem::take(&mut before[i]);
        let mut own = r.cells;
        let values = own.split_off(first_value);
        cells.extend(own);
        cells.append(&mut after[i]);
        cells.extend(values);
        out.push(Row {
            cells,
            line: r.line,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_of_very_many_cells_keeps_the_rest_in_its_last_cell() {
        let line = "1 ".repeat(1000);
        let cells = split_cells(&line);
        assert_eq!(cells.len(), crate::input::grid::MAX_ROW_CELLS);
        assert_eq!(cells[0], "1");
        assert_eq!(cells.last().unwrap().len(), 2 * (1000 - 255) - 1);
    }

    #[test]
    fn joins_labels_wrapped_in_their_column_only() {
        let cells = |text: &str| -> Vec<Vec<String>> {
            rows(&super::super::lines::lines(text))
                .iter()
                .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
                .collect()
        };
        // Top-aligned cells in narrow columns (LibreOffice → pdftotext -layout).
        let wrapped = "       （三）不   1.属于国   0   0\n       予公开    家秘密\n";
        assert_eq!(
            cells(wrapped),
            [["（三）不\n予公开", "1.属于国\n家秘密", "0", "0"]]
        );
        // A new row's label (numbered, or a 第…条 header) is not a continuation.
        let next = "行政规范性文件      0   0   0\n第二十条第（五）项\n";
        assert_eq!(cells(next).len(), 2);
        // Plain text with single spaces has no columns to wrap in.
        let plain = "行政规范性文件 0 0 0\n信息内容\n";
        assert_eq!(cells(plain).len(), 2);
    }

    #[test]
    fn a_numbered_label_line_heads_the_numbers_below_it_only() {
        let labels = |text: &str| -> Vec<String> {
            rows(&super::super::lines::lines(text))
                .iter()
                .map(|r| r.cells[0].text.to_string())
                .collect()
        };
        // `（七）总计` opens a label: it is not the tail of the numbers above it.
        let text = "3.其他\n0    0    0\n（七）总计\n1    1    1\n";
        assert_eq!(labels(text), ["3.其他", "（七）总计"]);
        // With no numbers below it, `（七）总计` may be the label the numbers
        // above belong to (a converter prints labels under their rows): both
        // lines stay apart for the semantic stage to pair by the table's ends.
        let text = "3.其他\n0    0    0\n（七）总计\n";
        assert_eq!(labels(text), ["3.其他", "0", "（七）总计"]);
        // Of two numbered lines above the numbers, only the nearer heads them.
        let text = "2.重复申请\n3.要求提供公开出版物\n0    0    0\n";
        assert_eq!(labels(text), ["2.重复申请", "3.要求提供公开出版物"]);
        // A line as near to the numbers above as to those below is joined to neither.
        let text = "0    0\n行政强制\n1    1\n";
        assert_eq!(labels(text), ["0", "行政强制", "1"]);
    }

    #[test]
    fn a_label_wrapped_around_its_numbers_is_joined_whole() {
        let labels = |text: &str| -> Vec<String> {
            rows(&super::super::lines::lines(text))
                .iter()
                .map(|r| {
                    r.cells
                        .iter()
                        .take_while(|c| matches!(cell_content(&c.text), CellContent::Text))
                        .map(|c| c.text.replace('\n', "|"))
                        .collect::<Vec<_>>()
                        .join("|")
                })
                .collect()
        };
        // The numbers on the tail's line, a blank line after the numbered head.
        let text = "    1、申请人无正当理由逾期不补\n\n    正、行政机关不再处理其政府信    67    3\n    息公开申请\n";
        assert_eq!(
            labels(text),
            ["1、申请人无正当理由逾期不补|正、行政机关不再处理其政府信|息公开申请"]
        );
        // A group label beside the head, the tail under it.
        let text =
            "（六）其他处理  2.申请人逾期未按收费通知\n                要求缴纳费用    0    6\n";
        assert_eq!(
            labels(text),
            ["（六）其他处理|2.申请人逾期未按收费通知|要求缴纳费用"]
        );
        // A numbering alone, its text on the next line, either way round.
        assert_eq!(labels("3.\n其他    7    1\n"), ["3.|其他"]);
        assert_eq!(labels("（七）    9    8\n总计\n"), ["（七）|总计"]);
        // A label under a row that is whole stays a row of its own.
        assert_eq!(
            labels("行政规范性文件    34    55\n第二十条第（五）项\n"),
            ["行政规范性文件", "第二十条第（五）项"]
        );
    }

    #[test]
    fn splits_on_wide_gaps_and_between_numbers() {
        assert_eq!(
            split_cells("规章            1          0        11"),
            ["规章", "1", "0", "11"]
        );
        assert_eq!(
            split_cells("3.危及“三安全一稳定” 0 0 12"),
            ["3.危及“三安全一稳定”", "0", "0", "12"]
        );
        assert_eq!(split_cells("规章 0 0 0"), ["规章", "0", "0", "0"]);
        assert_eq!(split_cells("收费 5 件"), ["收费", "5 件"]);
        assert_eq!(
            split_cells("  结 果   维持   0 0 12"),
            ["结 果", "维持", "0", "0", "12"]
        );
        assert_eq!(
            split_cells("行政许可          447228  "),
            ["行政许可", "447228"]
        );
    }
}
