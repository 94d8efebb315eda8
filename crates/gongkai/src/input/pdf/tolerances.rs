//! Every geometric tolerance of the PDF reader, in one table, each with the reason for
//! its value. Lengths are in points (1/72 in) on the page; factors multiply a glyph's
//! font size. A change here changes what every stage sees: run the producer matrix
//! (`tests/pdf_matrix.rs`) and read the golden dumps' diff after touching one.

/// Glyphs and rules (`page`).
pub(crate) mod page {
    /// The thickest filled shape taken for a ruling line: a border drawn as a filled
    /// rectangle is at most a couple of points thick; a cell background is more.
    pub const MAX_RULE_WIDTH: f64 = 2.0;
    /// The most sides of a filled polygon taken for a rule: a rectangle has four (five
    /// with its closing side); a bevelled border (wkhtmltopdf) slants one or both ends.
    pub const MAX_RULE_SIDES: usize = 8;
    /// How far a stroke may lean and still be a horizontal or vertical rule: a rule is
    /// drawn straight, within rounding.
    pub const MAX_RULE_LEAN: f64 = 0.5;
    /// The shortest stroke taken for a rule: shorter ones are dots and glyph parts.
    pub const MIN_RULE_LENGTH: f64 = 1.0;
}

/// Rules into grids (`table`).
pub(crate) mod table {
    /// How close two rules must be to be one line: producers round coordinates and draw
    /// a collapsed border once per cell, a fraction of a point apart.
    pub const SNAP: f64 = 1.5;
    /// How close two parallel rules must be to be a pair around one cell boundary (cell
    /// boxes drawn apart: `cellspacing` up to about 4 px, or a double rule). No row of
    /// text is this low, so two rules this close never have a row between them.
    pub const PAIR_GAP: f64 = 4.5;
}

/// Rules without verticals (`bands`): horizontal rules as row separators.
pub(crate) mod bands {
    /// The share of the narrower of two horizontal rules the wider must cover for both to
    /// be rules of one table: a table's rules span its width or the columns right of a
    /// merged cell, never a different place.
    pub const MIN_OVERLAP: f64 = 0.5;
    /// The most space between a rule and the text of the row it bounds, as a factor of
    /// the font size: cell padding is a few points. A heading between two tables stands
    /// in its paragraph margins, further off, so its rules are two tables'.
    pub const MAX_PADDING: f64 = 1.2;
}

/// Tables continued across a page break (`seams`).
pub(crate) mod seams {
    /// How far a column's rules may stand apart on two pages and still be one column: a
    /// producer draws a table continued on the next page with the same column widths,
    /// within the rounding of [`super::table::SNAP`]; another table's columns are off by
    /// far more.
    pub const COLUMN_ALIGN: f64 = super::table::SNAP;
}

/// Pages in two text columns (`columns`).
pub(crate) mod columns {
    /// The narrowest gutter between two text columns: a column gap is at least about a
    /// line's height (LibreOffice's default 0.5 cm is 14 pt, CSS's `normal` 1 em), and the
    /// space between words is a third of an em.
    pub const MIN_GUTTER: f64 = 9.0;
    /// How many ideographs set solid make a line of running text, which a table's
    /// number columns and their short headers (`本年制发件数`) never hold.
    pub const RUN_GLYPHS: usize = 10;
    /// How many such lines a side of the gutter must hold to be a text column.
    pub const MIN_SIDE_LINES: usize = 3;
    /// Or how many ruling segments (a ruled table in the column).
    pub const MIN_SIDE_RULES: usize = 4;
}
