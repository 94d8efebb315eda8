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

/// The rows of a cell-per-line table region.
pub fn rows<'a>(lines: &[Line<'a>]) -> Vec<Row<'a>> {
    let mut rows: Vec<Row> = Vec::new();
    let mut current: Option<Row> = None;
    for line in lines {
        if line.is_blank() && !line.text.starts_with('\t') {
            if let Some(r) = current.take() {
                rows.push(r);
            }
            continue;
        }
        let row = current.get_or_insert_with(|| Row {
            cells: Vec::new(),
            line: line.no,
        });
        if let Some(cell) = line.text.strip_prefix('\t') {
            row.cells.push(Cell {
                text: cell.into(),
                line: line.no,
            });
        } else if let Some(last) = row.cells.last_mut() {
            // A cell whose text was broken over lines (`结果` / `维持`).
            last.text.to_mut().push('\n');
            last.text.to_mut().push_str(line.text);
        } else {
            row.cells.push(Cell {
                text: line.text.into(),
                line: line.no,
            });
        }
    }
    if let Some(r) = current {
        rows.push(r);
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
}
