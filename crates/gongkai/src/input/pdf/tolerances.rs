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
    /// A glyph whose font is not read for its advance is given this share of the em
    /// (Latin letters and digits are about half an em wide; ideographs a full em).
    pub const NARROW_GLYPH_WIDTH: f64 = 0.55;
    /// How far a glyph's box reaches above its baseline, and below, as shares of the
    /// font size: CJK fonts' ascent and descent (the em box sits 0.88 above and 0.12
    /// below the baseline), so a line's glyphs stand in one band whatever their shape.
    pub const ASCENT: f64 = 0.88;
    /// See [`ASCENT`].
    pub const DESCENT: f64 = 0.12;
}

/// Glyphs into lines and words (`text`, and `unruled`'s tokens).
pub(crate) mod text {
    /// The share of the shorter of two glyphs' heights their vertical extents must share
    /// to be on one line: a superscript or a smaller font still shares more than half; the
    /// line below, set at a line spacing of 1.2 or more, shares none.
    pub const LINE_OVERLAP: f64 = 0.5;
    /// A gap between two glyphs wider than this factor of the font size is a space: word
    /// spaces are a quarter to a third of an em; letters and ideographs set solid are
    /// closer.
    pub const WORD_GAP: f64 = 0.3;
    /// A gap wider than this factor of the font size is a column gap in a line (written
    /// as two spaces): wider than any word space, narrower than the cell padding and
    /// column spacing of a table drawn without rules.
    pub const COLUMN_GAP: f64 = 1.5;
    /// The size of the buckets fake-bold copies are looked up in, in points: a copy drawn
    /// over its original is within a fraction of a point of it.
    pub const DUPLICATE_BUCKET: f64 = 1.0;
}

/// Prose lines into paragraphs (`mod.rs`).
pub(crate) mod paragraphs {
    /// A line runs on into the next when it ends this many font sizes or less short of
    /// the right margin: a justified line ends at the margin, one that ends a paragraph
    /// usually well short of it.
    pub const RUN_ON_SHORT: f64 = 1.5;
    /// And the next starts within this many font sizes of the left margin (a paragraph's
    /// first line is indented two ems).
    pub const RUN_ON_INDENT: f64 = 0.5;
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

/// Tables drawn without rules (`unruled`).
pub(crate) mod unruled {
    /// How much wider than the table's tightest line spacing, as a factor of the font
    /// size, a gap between two lines must be to part two rows: a cell's wrapped lines are
    /// set at the line spacing, rows a cell padding (a point or two each side) further
    /// apart; rounding moves a line by far less.
    pub const ROW_GAP: f64 = 0.15;
    /// A label line between a row whose numbers' line has no label (its label wrapped
    /// around its numbers, centred in the cell) and a row with one joins the unlabelled
    /// row, unless the labelled one is nearer by more than this factor of the font size.
    /// A centred label's lines stand about as near their numbers as the row above's last
    /// line does (a line's height or so either way), so the unlabelled row's claim holds
    /// within a line; a line much nearer the other row is that row's wrap. (A merged
    /// cell's label in the column to the left, set at its own heights, can join a row's
    /// numbers' line and leave the row next to it looking unlabelled: reportlab's
    /// centred cells.)
    pub const NEARER_BY: f64 = 1.0;
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
    /// The gutter's middle lies at least this share of the content's width from either
    /// side: two columns split a page near its middle (even unequal ones, 2:1 at most).
    pub const GUTTER_MARGIN: f64 = 1.0 / 3.0;
    /// How many ideographs set solid make a line of running text, which a table's
    /// number columns and their short headers (`本年制发件数`) never hold.
    pub const RUN_GLYPHS: usize = 10;
    /// How many such lines a side of the gutter must hold to be a text column.
    pub const MIN_SIDE_LINES: usize = 3;
    /// Or how many ruling segments (a ruled table in the column).
    pub const MIN_SIDE_RULES: usize = 4;
    /// How close, as a factor of the font size, a glyph must follow the one before (in
    /// x, and in its top) to continue its run of running text: set solid, on one line.
    pub const RUN_STEP: f64 = 0.5;
}
