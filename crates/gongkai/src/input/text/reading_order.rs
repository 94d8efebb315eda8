//! Reading-order text: a table as plain `pdftotext` (or a PDF viewer's copy) gives it,
//! each cell on a line of its own in the order the text was drawn, so that a row's label
//! is followed by its numbers, some rows' labels stand elsewhere, and blank lines come
//! between cells.
//!
//! The layout shows no columns, so this module only groups: a text line opens a row, and
//! the number lines after it are that row's values; numbers before any text line make a
//! row without a label. Which template row and column each number is stays for the
//! semantic stage, which places a row by its label, or by the one place the template
//! leaves for it, and flags what it cannot place.

use super::lines::Line;
use crate::grammar::{cell_content, CellContent};
use crate::input::grid::MAX_ROW_CELLS;
use crate::input::{Cell, Row};

/// True when a line whose first char (past whitespace) is `first` may be a number: a
/// number (or a none mark, which `cell_content` reads before it) starts with an ASCII
/// digit, a sign, a slash or an underscore, or a char outside the CJK ideographs but for
/// 一, 无 and 空. Lines that start otherwise are text to `cell_content` too.
pub(crate) fn could_be_number(first: Option<char>) -> bool {
    match first {
        None => false,
        Some(c) if c.is_ascii() => c.is_ascii_digit() || matches!(c, '-' | '/' | '\\' | '_'),
        Some(c) => !('\u{4e00}'..='\u{9fff}').contains(&c) || matches!(c, '一' | '无' | '空'),
    }
}

/// True for a line that holds one number and nothing else.
pub(crate) fn is_lone_number(t: &str) -> bool {
    // On the first char alone, most lines are no number, and are not parsed.
    could_be_number(super::lines::first_char(t)) && is_lone_number_past_first(t)
}

/// [`is_lone_number`] of a line whose first char is known to pass [`could_be_number`]:
/// the rest of the test, for a caller that has that char at hand.
pub(crate) fn is_lone_number_past_first(t: &str) -> bool {
    let t = super::lines::trim(t);
    // Most numbers are a few ASCII digits, which `cell_content` reads as a number too.
    if !t.is_empty() && t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    !t.is_empty()
        && !t.contains([' ', '\t', '\u{3000}'])
        && matches!(cell_content(t), CellContent::Number { rest: "", .. })
}

/// The rows of a reading-order region: each text line opens a row, and the lone numbers
/// after it are its values.
pub fn rows<'a>(lines: &[Line<'a>]) -> Vec<Row<'a>> {
    // Each line is asked once what it is: blank (`None`), a lone number, or text. Then
    // each row's lines are known before its cells are gathered, and its vector is
    // allocated once at its size: pushed one by one, it was reallocated at every doubling.
    let kinds: Vec<Option<bool>> = lines
        .iter()
        .map(|l| (!l.is_blank()).then(|| is_lone_number(l.text)))
        .collect();
    // At most a row a line: sized so, not grown by doubling.
    let mut rows: Vec<Row<'a>> = Vec::with_capacity(lines.len());
    let mut k = 0;
    while k < lines.len() {
        if kinds[k].is_none() {
            k += 1;
            continue;
        }
        // A row: this line (text, or a number with no row open for it), and the lone
        // numbers after it, blank lines passed over, up to `MAX_ROW_CELLS` cells.
        let (mut end, mut n) = (k + 1, 1);
        while end < lines.len() && n < MAX_ROW_CELLS {
            match kinds[end] {
                None => end += 1,
                Some(true) => (end, n) = (end + 1, n + 1),
                Some(false) => break,
            }
        }
        let mut cells = Vec::with_capacity(n);
        for (l, kind) in lines[k..end].iter().zip(&kinds[k..end]) {
            if kind.is_some() {
                cells.push(Cell {
                    text: super::lines::trim(l.text).into(),
                    line: l.no,
                });
            }
        }
        rows.push(Row {
            cells,
            line: lines[k].no,
        });
        k = end;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::super::lines::lines;
    use super::*;

    #[test]
    fn a_label_takes_the_numbers_after_it() {
        let text = "规章\n\n1\n\n0\n\n11\n\n行政规范性文件\n8\n26\n66\n本年处理决定数量\n";
        let rows = rows(&lines(text));
        let t: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
            .collect();
        assert_eq!(
            t,
            [
                vec!["规章", "1", "0", "11"],
                vec!["行政规范性文件", "8", "26", "66"],
                vec!["本年处理决定数量"]
            ]
        );
        let detect = super::super::detect;
        assert_ne!(detect(&lines(text)), crate::input::Layout::ReadingOrder);
        let many = "规章\n".to_string() + &"0\n\n".repeat(12);
        assert_eq!(detect(&lines(&many)), crate::input::Layout::ReadingOrder);
    }

    #[test]
    fn numbers_before_any_label_and_past_the_cell_limit_open_rows() {
        let text =
            "1\n\n2\n规章\n".to_string() + &"0\n".repeat(MAX_ROW_CELLS + 3) + "\n\n行政许可\n\n";
        let rows = rows(&lines(&text));
        let sizes: Vec<usize> = rows.iter().map(|r| r.cells.len()).collect();
        assert_eq!(sizes, [2, MAX_ROW_CELLS, 4, 1]);
        assert_eq!(rows[0].line, 1);
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[3].cells[0].text, "行政许可");
        assert!(rows.iter().all(|r| r.cells.capacity() == r.cells.len()));
    }
}
