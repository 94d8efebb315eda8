//! The layout stage: text lines → table grids.
//!
//! Each input layout has a module of its own that turns the lines of a table region into
//! the same [`Grid`]: rows of cells, each with the 1-based line it came from. The grid
//! keeps what the layout shows and nothing more: it does not know what the cells mean.
//! That is the semantic stage's job ([`crate::semantic`]).

pub mod aligned;
pub mod cell_per_line;
pub mod docx;
pub mod html;
pub mod pipe;
pub mod tab_rows;

use std::borrow::Cow;

use crate::text::Line;

/// The table layouts the text stage recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One cell per line, each starting with a tab, rows separated by blank lines
    /// (Word copy-paste).
    CellPerLine,
    /// One row per line, cells separated by tabs, merged labels lost.
    TabRows,
    /// Markdown pipe tables.
    Pipe,
    /// Columns aligned with runs of spaces (`pdftotext -layout`, plain text).
    Aligned,
    /// An HTML `<table>`: cells in source order, a merged cell once.
    Html,
    /// A Word (.docx) table: cells in document order, a merged cell once.
    Docx,
}

impl Layout {
    /// True when the layout shows every cell in its place, so a blank cell is known to be
    /// blank and cells can be read by position.
    pub fn is_positional(self) -> bool {
        matches!(self, Layout::CellPerLine | Layout::Html | Layout::Docx)
    }
}

/// A report read from a structured input (HTML, .docx): its lines of text, and its tables
/// placed among them. Text input has no `Document`: its tables are found in its lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The lines of text, each with its `line`: the source line for HTML, the 1-based
    /// block index (paragraph or table row) for .docx.
    pub lines: Vec<(String, usize)>,
    /// The tables, in document order.
    pub tables: Vec<PlacedTable>,
}

/// A table and where it stands among a [`Document`]'s lines.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedTable {
    /// How many of the document's lines come before the table.
    pub at: usize,
    /// The table's rows and cells (owned: the document's text is built while reading).
    pub grid: Grid<'static>,
}

impl Document {
    /// Adds a table after the lines read so far.
    pub fn push_table(&mut self, grid: Grid<'static>) {
        self.tables.push(PlacedTable {
            at: self.lines.len(),
            grid,
        });
    }
}

/// One cell of a grid. Its text borrows from the input where it can (most cells are
/// one piece of one line), so building a grid allocates little.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell<'a> {
    /// The cell's text as printed; a cell continued over lines has them joined by `\n`.
    pub text: Cow<'a, str>,
    /// 1-based line of the cell's first line.
    pub line: usize,
}

/// One row of a grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// The cells, left to right.
    pub cells: Vec<Cell<'a>>,
    /// 1-based line where the row starts.
    pub line: usize,
}

/// A table region as rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid<'a> {
    /// Which layout the rows came from.
    pub layout: Layout,
    /// The rows, top to bottom.
    pub rows: Vec<Row<'a>>,
}

/// Recognises the layout of a table region from its lines.
pub fn detect(lines: &[Line<'_>]) -> Layout {
    let (mut pipe, mut single_tab, mut multi_tab, mut aligned) = (0usize, 0usize, 0usize, 0usize);
    for l in lines {
        let t = l.text;
        if t.trim_start().starts_with('|') {
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

/// Builds the grid of a table region in the layout [`detect`] finds.
pub fn grid<'a>(lines: &[Line<'a>]) -> Grid<'a> {
    let layout = detect(lines);
    let rows = match layout {
        // `detect` names text layouts only; structured inputs come with their grids.
        Layout::CellPerLine | Layout::Html | Layout::Docx => cell_per_line::rows(lines),
        Layout::TabRows => tab_rows::rows(lines),
        Layout::Pipe => pipe::rows(lines),
        Layout::Aligned => aligned::rows(lines),
    };
    Grid { layout, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    #[test]
    fn detects_each_layout() {
        let cpl = "\t规章\n\t0\n\t0\n\n\t行政许可\n\t0\n";
        assert_eq!(detect(&lines(cpl)), Layout::CellPerLine);
        let tabs = "规章\t0\t0\t0\n行政许可\t0\t\t\n";
        assert_eq!(detect(&lines(tabs)), Layout::TabRows);
        let pipes = "| 规章 | 0 | 0 | |\n| 行政许可 | 1300 | ||\n";
        assert_eq!(detect(&lines(pipes)), Layout::Pipe);
        let spaced = "规章            1          0        11\n行政许可          447228\n";
        assert_eq!(detect(&lines(spaced)), Layout::Aligned);
    }
}
