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

/// What a layout keeps of the table as printed. The semantic stage reads a grid by these,
/// never by the layout's name: a new layout says what it loses here, and every table
/// reader follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Keeps {
    /// Every cell in its column, a blank one too: cells can be read by position.
    pub(crate) positions: bool,
    /// Empty cells, in order though not always in their columns (a merged label cell
    /// missing from a row shifts its values): the table's own rows show how to place them.
    pub(crate) empty_cells: bool,
    /// Rows whose cells are all blank. Where they vanish, a label on another line than
    /// its numbers may have taken a lost row's numbers.
    pub(crate) blank_rows: bool,
    /// Each row's cells together, rows in their printed order. Without it a row's
    /// numbers may stand far from its label, or a stretch of rows come column by column.
    pub(crate) row_order: bool,
}

impl Keeps {
    /// True when rows of blank cells vanish while the other rows keep their order: then a
    /// label joined to numbers on another line may have taken the numbers of a row whose
    /// label was lost.
    pub(crate) fn lost_rows_shift_numbers(self) -> bool {
        !self.blank_rows && self.row_order
    }
}

impl Layout {
    /// What this layout keeps of the printed table.
    pub(crate) fn keeps(self) -> Keeps {
        let all = Keeps {
            positions: true,
            empty_cells: true,
            blank_rows: true,
            row_order: true,
        };
        match self {
            Layout::CellPerLine | Layout::Ruled | Layout::Html | Layout::Docx | Layout::Pdf => all,
            // `| 1 |  | 0 |` and `1\t\t0` keep an empty cell, but a row printed with fewer
            // label cells than the header puts its values in other columns.
            Layout::Pipe | Layout::TabRows => Keeps {
                positions: false,
                ..all
            },
            // An empty cell is a run of spaces like the gaps between columns, and a row of
            // them a line of spaces.
            Layout::Aligned => Keeps {
                positions: false,
                empty_cells: false,
                blank_rows: false,
                row_order: true,
            },
            // Only the text that was drawn, in the order it was drawn.
            Layout::ReadingOrder => Keeps {
                positions: false,
                empty_cells: false,
                blank_rows: false,
                row_order: false,
            },
        }
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

impl Cell<'_> {
    /// Joins the next line of the cell's text to it, after a `\n`: a borrowed text is
    /// copied once into a string of the joined size, not grown a piece at a time.
    pub(crate) fn continue_with(&mut self, line: &str) {
        match &mut self.text {
            Cow::Borrowed(first) => {
                let mut joined = String::with_capacity(first.len() + 1 + line.len());
                joined.push_str(first);
                joined.push('\n');
                joined.push_str(line);
                self.text = Cow::Owned(joined);
            }
            Cow::Owned(text) => {
                text.reserve(1 + line.len());
                text.push('\n');
                text.push_str(line);
            }
        }
    }
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
