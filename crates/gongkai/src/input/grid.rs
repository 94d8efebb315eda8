//! Table grids: rows of cells as an input shows them.
//!
//! Every reader turns a table into the same [`Grid`]: rows of cells, each with the line
//! it came from. A grid keeps what the input shows and nothing more: it does not know
//! what the cells mean. That is the semantic stage's job.

use std::borrow::Cow;

/// The table layouts the text stage recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// One cell per line, each starting with a tab, rows separated by blank lines
    /// (Word copy-paste).
    CellPerLine,
    /// One row per line, cells separated by tabs, merged labels lost.
    TabRows,
    /// Markdown pipe tables.
    Pipe,
    /// Ruled text tables: box drawing (`w3m -dump`) or ASCII grids (pandoc): every cell
    /// in its place, a merged cell once.
    Ruled,
    /// Reading order (plain `pdftotext`): each cell on its own line, a row's numbers after
    /// its label, some labels elsewhere; no columns shown.
    ReadingOrder,
    /// Columns aligned with runs of spaces (`pdftotext -layout`, plain text).
    Aligned,
    /// An HTML `<table>`: cells in source order, a merged cell once.
    Html,
    /// A Word table (.docx, or .doc and .wps in the Word 97 format): cells in document
    /// order, a merged cell once.
    Docx,
    /// A ruled PDF table rebuilt from its rules: every cell in its place, a merged cell
    /// once.
    Pdf,
}

impl Layout {
    /// True when the layout shows every cell in its place, so a blank cell is known to be
    /// blank and cells can be read by position.
    pub(crate) fn is_positional(self) -> bool {
        matches!(
            self,
            Layout::CellPerLine | Layout::Ruled | Layout::Html | Layout::Docx | Layout::Pdf
        )
    }
}

/// The most cells a row keeps: a row of the template has at most 16. Past this, the
/// rest of the line stays in the last cell (borrowed, not split), so a line of millions
/// of cells costs one cell; the semantic stage flags the row (`extra_cells`).
pub(crate) const MAX_ROW_CELLS: usize = 256;

/// The most lines of a text table region, and rows of a table, that are read: a report
/// table has at most about 300 (one cell per line). Larger regions are cut here with a
/// `too_large` diagnostic, so that memory stays a small multiple of the input.
pub(crate) const MAX_TABLE_LINES: usize = 20_000;

/// One cell of a grid. Its text borrows from the input where it can (most cells are
/// one piece of one line), so building a grid allocates little.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell<'a> {
    /// The cell's text as printed; a cell continued over lines has them joined by `\n`.
    pub text: Cow<'a, str>,
    /// 1-based line of the cell's first line.
    pub line: usize,
}

/// One row of a grid.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row<'a> {
    /// The cells, left to right.
    pub cells: Vec<Cell<'a>>,
    /// 1-based line where the row starts.
    pub line: usize,
}

/// A table region as rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid<'a> {
    /// Which layout the rows came from.
    pub layout: Layout,
    /// The rows, top to bottom.
    pub rows: Vec<Row<'a>>,
}
