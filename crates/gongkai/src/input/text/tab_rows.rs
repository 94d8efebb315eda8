//! One row per line, cells separated by tabs. Merged cells are lost: a label that spans
//! two columns leaves an empty cell beside it, or none at all.
//!
//! ```text
//! 规章\t0\t0\t0
//! 一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t
//! ```

use super::lines::Line;
use crate::input::Row;

/// The rows of a tab-separated table region; a line without a tab is a one-cell row.
pub fn rows<'a>(lines: &[Line<'a>]) -> Vec<Row<'a>> {
    let mut tabs = Vec::new();
    // At most a row a line: sized so, not grown by doubling.
    let mut rows = Vec::with_capacity(lines.len());
    rows.extend(lines.iter().filter(|l| !l.is_blank()).map(|l| Row {
        cells: super::split_cells(l.text, b'\t', l.no, &mut tabs),
        line: l.no,
    }));
    rows
}

#[cfg(test)]
mod tests {
    use super::super::lines::lines;
    use super::*;
    use crate::input::grid::MAX_ROW_CELLS;

    #[test]
    fn splits_as_splitn_does() {
        for t in [
            "a",
            "",
            "\t",
            "a\tb",
            "\t\ta\t",
            "规章\t0\t\t",
            &"1\t".repeat(300),
        ] {
            let row = &rows(&[Line { text: t, no: 1 }]);
            let want: Vec<&str> = t.splitn(MAX_ROW_CELLS, '\t').collect();
            if want.iter().all(|c| c.is_empty()) && crate::normalize::is_blank(t) {
                continue;
            }
            let got: Vec<&str> = row[0].cells.iter().map(|c| c.text.as_ref()).collect();
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn splits_on_tabs_and_keeps_empty_cells() {
        let rows = rows(&lines("行政许可\t0\t\t\n\n规章\t0\t0\t0\n"));
        assert_eq!(rows.len(), 2);
        let t: Vec<_> = rows[0].cells.iter().map(|c| c.text.as_ref()).collect();
        assert_eq!(t, ["行政许可", "0", "", ""]);
        assert_eq!(rows[1].line, 3);
    }
}
