//! Markdown pipe tables: `| a | b |`, or `a | b` without the outer pipes. Separator
//! lines (`|---|---|`) are skipped; the empty cells a converter pads rows with
//! (`| x | ||`) are kept for the semantic stage, which knows how many columns a row has.

use super::lines::Line;
use crate::input::{Cell, Row};

/// True for a markdown separator line such as `| --- | :---: |`.
fn is_separator(t: &str) -> bool {
    // On the bytes: the chars sought are ASCII, and any other char fails.
    let b = t.as_bytes();
    b.iter()
        .all(|c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t'))
        && b.contains(&b'-')
}

/// The rows of a pipe-table region; lines that are not table lines are one-cell rows.
pub fn rows<'a>(lines: &[Line<'a>]) -> Vec<Row<'a>> {
    // At most a row a line: sized so, not grown by doubling.
    let mut rows = Vec::with_capacity(lines.len());
    let mut pipes = Vec::new();
    for l in lines {
        if l.is_blank() {
            continue;
        }
        let t = super::lines::trim(l.text);
        if is_separator(t) {
            continue;
        }
        let cells: Vec<Cell> = if t.as_bytes().contains(&b'|') {
            // GitHub's markdown lets a row leave out its outer pipes (`规章 | 0 | 0`).
            let inner = t.strip_prefix('|').unwrap_or(t);
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            super::split_cells(inner, b'|', l.no, &mut pipes)
        } else {
            vec![Cell {
                text: l.text.into(),
                line: l.no,
            }]
        };
        rows.push(Row { cells, line: l.no });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::super::lines::lines;
    use super::*;

    #[test]
    fn splits_pipes_and_skips_separators() {
        let rows = rows(&lines(
            "| 规章 | 0 | 0 | |\n|---|---|\n| 行政许可 | 1300 | ||\n",
        ));
        assert_eq!(rows.len(), 2);
        let t: Vec<_> = rows[0].cells.iter().map(|c| c.text.trim()).collect();
        assert_eq!(t, ["规章", "0", "0", ""]);
        let t: Vec<_> = rows[1].cells.iter().map(|c| c.text.trim()).collect();
        assert_eq!(t, ["行政许可", "1300", "", ""]);
    }

    #[test]
    fn rows_without_outer_pipes_split_alike() {
        let rows = rows(&lines(
            "规章 | 0 | 0 | 1\n---|---|---|---\n行政许可 | 1300\n",
        ));
        let t: Vec<Vec<_>> = rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.trim()).collect())
            .collect();
        assert_eq!(t, [vec!["规章", "0", "0", "1"], vec!["行政许可", "1300"]]);
    }
}
