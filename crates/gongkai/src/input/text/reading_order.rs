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

/// True for a line that holds one number and nothing else.
fn is_lone_number(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && !t.contains([' ', '\t', '\u{3000}'])
        && matches!(cell_content(t), CellContent::Number { rest: "", .. })
}

/// True when a region reads as reading-order text: many lines that are one number each,
/// and hardly any line that shows columns (tabs, pipes, runs of spaces between cells).
pub(crate) fn is_reading_order(lines: &[Line<'_>]) -> bool {
    let (mut numbers, mut columns) = (0usize, 0usize);
    for (k, l) in lines.iter().enumerate() {
        numbers += usize::from(is_lone_number(l.text));
        columns += usize::from(
            l.text.contains(['\t', '|']) || super::aligned::has_column_gap(l.text.trim()),
        );
        // Decided as soon as the lines left could not tip it, were each a lone number:
        // a table of another layout shows its columns within its first lines.
        let most = numbers + (lines.len() - k - 1);
        if most < 10 || most < 4 * columns {
            return false;
        }
    }
    numbers >= 10 && numbers >= 4 * columns
}

/// The rows of a reading-order region: each text line opens a row, and the lone numbers
/// after it are its values.
pub fn rows<'a>(lines: &[Line<'a>]) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = Vec::new();
    let mut open = false;
    for l in lines {
        if l.is_blank() {
            continue;
        }
        let cell = Cell {
            text: l.text.trim().into(),
            line: l.no,
        };
        if is_lone_number(l.text) {
            match rows.last_mut() {
                Some(row) if open && row.cells.len() < MAX_ROW_CELLS => row.cells.push(cell),
                _ => {
                    rows.push(Row {
                        cells: vec![cell],
                        line: l.no,
                    });
                    open = true;
                }
            }
        } else {
            rows.push(Row {
                cells: vec![cell],
                line: l.no,
            });
            open = true;
        }
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
        assert!(!is_reading_order(&lines(text)));
        let many = "规章\n".to_string() + &"0\n\n".repeat(12);
        assert!(is_reading_order(&lines(&many)));
    }
}
