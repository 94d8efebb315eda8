//! Plain text: lines, and tables in whichever layout the text shows them.
//!
//! Text has no table elements: a table is a run of lines. The semantic stage finds where
//! each table's lines are; [`grid`] recognises their layout and builds the grid, with one
//! module per layout.

pub(crate) mod aligned;
pub(crate) mod cell_per_line;
pub(crate) mod lines;
pub(crate) mod pipe;
pub(crate) mod reading_order;
pub(crate) mod ruled;
pub(crate) mod tab_rows;

use super::{Document, Grid, Layout};
use lines::Line;

/// The document of a text: its lines, less the page headers and footers that PDF
/// extraction leaves in ([`lines::is_page_marker`]) and less an indent before a tab
/// ([`lines::without_indent`]); lines keep their numbers.
pub(crate) fn document(text: &str) -> Document<'_> {
    let mut lines = lines::lines(text);
    lines.retain(|l| !lines::is_page_marker(l.text));
    for l in &mut lines {
        l.text = lines::without_indent(l.text);
    }
    Document {
        lines,
        ..Document::default()
    }
}

/// Recognises the layout of a table region from its lines.
pub(crate) fn detect(lines: &[Line<'_>]) -> Layout {
    // Rules are unmistakable, and a grid table's rows would otherwise count as pipes.
    if ruled::is_ruled(lines) {
        return Layout::Ruled;
    }
    if reading_order::is_reading_order(lines) {
        return Layout::ReadingOrder;
    }
    let (mut pipe, mut single_tab, mut multi_tab, mut aligned) = (0usize, 0usize, 0usize, 0usize);
    for l in lines {
        let t = l.text;
        if t.trim_start().starts_with('|') || t.matches('|').count() >= 2 {
            pipe += 1;
        } else if t.contains('\t') {
            // A cell-per-line line is `\tcell`; a tab row has a tab between cells.
            let inner = t.trim_start_matches('\t').trim_end_matches(['\t', ' ']);
            if inner.contains('\t') || (!t.starts_with('\t') && t.trim_end() != t) {
                multi_tab += 1;
            } else if t.starts_with('\t') {
                single_tab += 1;
            } else {
                multi_tab += 1;
            }
        } else if aligned::has_column_gap(t) {
            aligned += 1;
        }
    }
    let best = pipe.max(single_tab).max(multi_tab).max(aligned);
    if best == 0 {
        Layout::Aligned
    } else if best == pipe {
        Layout::Pipe
    } else if best == single_tab {
        Layout::CellPerLine
    } else if best == multi_tab {
        Layout::TabRows
    } else {
        Layout::Aligned
    }
}

/// Builds the grid of a table region in the layout [`detect`] finds. Sentences in the
/// region ([`lines::is_sentence`]) are prose, not rows, and are left out.
pub(crate) fn grid<'a>(lines: &[Line<'a>]) -> Grid<'a> {
    let kept: Vec<Line<'a>>;
    // Each line is asked once: the lines before the first sentence are kept as they are,
    // and only those after it are tested again.
    let lines = if let Some(k) = lines.iter().position(|l| lines::is_sentence(l.text)) {
        kept = lines[..k]
            .iter()
            .chain(
                lines[k + 1..]
                    .iter()
                    .filter(|l| !lines::is_sentence(l.text)),
            )
            .copied()
            .collect();
        &kept[..]
    } else {
        lines
    };
    let layout = detect(lines);
    let rows = match layout {
        // `detect` names text layouts only; structured inputs come with their grids.
        Layout::CellPerLine | Layout::Html | Layout::Docx | Layout::Pdf => {
            cell_per_line::rows(lines)
        }
        Layout::TabRows => tab_rows::rows(lines),
        Layout::Ruled => ruled::rows(lines),
        Layout::ReadingOrder => reading_order::rows(lines),
        Layout::Pipe => pipe::rows(lines),
        Layout::Aligned => aligned::rows(lines),
    };
    Grid { layout, rows }
}

#[cfg(test)]
mod tests {
    use super::lines::lines;
    use super::*;

    #[test]
    fn sentences_are_not_rows() {
        let text = "被申请行政复议 1 件，被提起行政诉讼 0 件。\n行政复议   0   0   0   0   0\n";
        let g = grid(&lines(text));
        assert_eq!(g.rows.len(), 1);
        assert_eq!(g.rows[0].line, 2);
        // A cell with a note keeps its row; a header cell with a comma is no count.
        for row in [
            "行政许可\t97件，其中3件为延续\t\t",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "行政处罚    64",
        ] {
            assert!(!lines::is_sentence(row), "{row}");
        }
        assert!(lines::is_sentence("本年共受理申请 12 件, 均已办结"));
    }

    #[test]
    fn detects_each_layout() {
        let cpl = "\t规章\n\t0\n\t0\n\n\t行政许可\n\t0\n";
        assert_eq!(detect(&lines(cpl)), Layout::CellPerLine);
        let tabs = "规章\t0\t0\t0\n行政许可\t0\t\t\n";
        assert_eq!(detect(&lines(tabs)), Layout::TabRows);
        let pipes = "| 规章 | 0 | 0 | |\n| 行政许可 | 1300 | ||\n";
        assert_eq!(detect(&lines(pipes)), Layout::Pipe);
        let bare = "规章 | 0 | 0 | 1\n行政许可 | 1300 | |\n";
        assert_eq!(detect(&lines(bare)), Layout::Pipe);
        let spaced = "规章            1          0        11\n行政许可          447228\n";
        assert_eq!(detect(&lines(spaced)), Layout::Aligned);
    }
}
