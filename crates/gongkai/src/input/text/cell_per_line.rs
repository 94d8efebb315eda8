//! One cell per line (Word copy-paste): every cell starts a line with a tab, a line
//! without the tab continues the cell above it, and a blank line ends the row.
//!
//! ```text
//! \t规章
//! \t0
//! \t0
//!
//! \t行政许可
//! ```

use super::lines::Line;
use crate::input::{Cell, Row};

/// True for a line that separates rows: blank, and not an empty cell (`\t`).
fn is_gap(line: &Line<'_>) -> bool {
    !line.text.starts_with('\t') && line.is_blank()
}

/// How many gap lines end a row: one, unless the text is double-spaced (a blank line
/// after every line, so that no two cells stand on adjacent lines) and its gaps differ
/// in length; then the rows end at the gaps longer than the shortest.
fn row_gap(lines: &[Line<'_>]) -> usize {
    // The shortest and longest gap between two cell lines.
    let mut gaps: Option<(usize, usize)> = None;
    let mut run: Option<usize> = None;
    for line in lines {
        if is_gap(line) {
            if let Some(n) = run.as_mut() {
                *n += 1;
            }
        } else {
            if let Some(n) = run {
                // Two cell lines next to each other: the text is not double-spaced, and
                // the rest of its lines need not be looked at.
                if n == 0 {
                    return 1;
                }
                gaps = Some(gaps.map_or((n, n), |(min, max)| (min.min(n), max.max(n))));
            }
            run = Some(0);
        }
    }
    match gaps {
        Some((min, max)) if min >= 1 && max > min => min + 1,
        _ => 1,
    }
}

/// The cells gathered, in a vector of their number; `cells` is left empty, with its room
/// kept for the next row.
fn take_cells<'a>(cells: &mut Vec<Cell<'a>>) -> Vec<Cell<'a>> {
    let mut row = Vec::with_capacity(cells.len());
    row.append(cells);
    row
}

/// The rows of a cell-per-line table region.
pub fn rows<'a>(lines: &[Line<'a>]) -> Vec<Row<'a>> {
    // Sized ahead (no row is shorter than a cell line and a gap): grown from empty, the
    // vector was reallocated at every doubling.
    let mut rows: Vec<Row> = Vec::with_capacity(lines.len() / 2 + 1);
    // The open row's line and cells. The cells are gathered in one vector for all rows,
    // and each row takes a copy of its own size: grown cell by cell, every row's vector
    // was reallocated two or three times.
    let mut current: Option<usize> = None;
    let mut cells: Vec<Cell<'a>> = Vec::new();
    let ends_row = row_gap(lines);
    let mut gap = 0;
    for line in lines {
        if is_gap(line) {
            gap += 1;
            if gap >= ends_row {
                if let Some(no) = current.take() {
                    rows.push(Row {
                        cells: take_cells(&mut cells),
                        line: no,
                    });
                }
            }
            continue;
        }
        gap = 0;
        current.get_or_insert(line.no);
        if let Some(cell) = line.text.strip_prefix('\t') {
            cells.push(Cell {
                text: cell.into(),
                line: line.no,
            });
        } else if let Some(last) = cells.last_mut() {
            // A cell whose text was broken over lines (`结果` / `维持`).
            last.continue_with(line.text);
        } else {
            cells.push(Cell {
                text: line.text.into(),
                line: line.no,
            });
        }
    }
    if let Some(no) = current {
        rows.push(Row {
            cells: take_cells(&mut cells),
            line: no,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::super::lines::lines;
    use super::*;

    #[test]
    fn joins_continued_cells_and_splits_rows_on_blank_lines() {
        let text = "\t结果\n维持\n\t尚未\n审结\n\n\t0\n\t\n\t 0\n";
        let rows = rows(&lines(text));
        assert_eq!(rows.len(), 2);
        let t: Vec<_> = rows[0].cells.iter().map(|c| c.text.as_ref()).collect();
        assert_eq!(t, ["结果\n维持", "尚未\n审结"]);
        let t: Vec<_> = rows[1].cells.iter().map(|c| c.text.as_ref()).collect();
        assert_eq!(t, ["0", "", " 0"]);
        assert_eq!(rows[1].line, 6);
        assert_eq!(rows[1].cells[2].line, 8);
    }

    #[test]
    fn double_spaced_text_ends_rows_at_the_longer_gaps() {
        let text = "\t规章\n\n\t0\n\n\t1\n\n\n\n\t行政许可\n\n\t5\n";
        let rows = rows(&lines(text));
        let t: Vec<Vec<_>> = rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
            .collect();
        assert_eq!(t, [vec!["规章", "0", "1"], vec!["行政许可", "5"]]);
        // Gaps all of one length: each ends a row, as in single-spaced text.
        assert_eq!(rows_of("\t规章\n\n\t行政许可\n"), 2);
    }

    fn rows_of(text: &str) -> usize {
        rows(&lines(text)).len()
    }
}
