//! Reading rows and cells: which cells of a row are its label and which its values,
//! fitting the values to the table's columns, and reading each value with the
//! diagnostics the contract asks for.

use crate::diagnostic::{Code, Diagnostic};
use crate::grammar::{cell_content, CellContent, Unit};
use crate::input::{Cell, Keeps, Row};
use std::borrow::Cow;

use crate::normalize::{fold, trim};

/// A short run of `Copy` items kept in place up to `N` of them, on the heap past that:
/// the label and value cells of a row. A table's rows hold a few labels and at most a
/// dozen or so values; a vector for each was an allocation, a free and often a regrowth
/// per row, a sizeable share of reading a table. Reads as a slice.
#[derive(Clone)]
pub struct Small<T: Filler, const N: usize>(Store<T, N>);

#[derive(Clone)]
enum Store<T: Filler, const N: usize> {
    /// The first `len` items are the run's; the rest are [`Filler::FILLER`] (so that an
    /// empty run is kept in place too, and a run is read by telling two places apart).
    Inline {
        len: usize,
        items: [T; N],
    },
    Heap(Vec<T>),
}

/// What fills the places of a [`Small`] not in use.
pub trait Filler: Copy {
    /// The filler.
    const FILLER: Self;
}

impl<'g> Filler for &'g Cell<'g> {
    const FILLER: Self = &Cell {
        text: Cow::Borrowed(""),
        line: 0,
    };
}

/// A row's label cells ([`Small`]): most rows have one, a few up to four.
pub type Labels<'g> = Small<&'g Cell<'g>, 4>;

/// A row's value cells ([`Small`]): the template's tables have at most eight columns, and
/// a row may have a blank cell or two beyond them.
pub type Values<'g> = Small<&'g Cell<'g>, 10>;

impl<T: Filler, const N: usize> Small<T, N> {
    /// Appends an item.
    pub fn push(&mut self, item: T) {
        match &mut self.0 {
            Store::Inline { len, items } if *len < N => {
                items[*len] = item;
                *len += 1;
            }
            Store::Inline { items, .. } => {
                let mut v = Vec::with_capacity(2 * N);
                v.extend_from_slice(items);
                v.push(item);
                self.0 = Store::Heap(v);
            }
            Store::Heap(v) => v.push(item),
        }
    }

    /// Appends every item of `more`.
    pub fn extend_from_slice(&mut self, more: &[T]) {
        for &item in more {
            self.push(item);
        }
    }
}

impl<T: Filler, const N: usize> Default for Small<T, N> {
    fn default() -> Self {
        Small(Store::Inline {
            len: 0,
            items: [T::FILLER; N],
        })
    }
}

impl<T: Filler, const N: usize> std::ops::Deref for Small<T, N> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        match &self.0 {
            Store::Inline { len, items } => &items[..*len],
            Store::Heap(v) => v,
        }
    }
}

impl<T: Filler, const N: usize> From<&[T]> for Small<T, N> {
    fn from(items: &[T]) -> Self {
        if items.len() <= N {
            let mut inline = [T::FILLER; N];
            inline[..items.len()].copy_from_slice(items);
            Small(Store::Inline {
                len: items.len(),
                items: inline,
            })
        } else {
            Small(Store::Heap(items.to_vec()))
        }
    }
}

impl<'g, const N: usize> Small<&'g Cell<'g>, N> {
    /// The cells of a stretch of a row, in place where they fit, each placed without the
    /// test `push` makes.
    pub fn of_cells(cells: &'g [Cell<'g>]) -> Self {
        if cells.len() > N {
            return Small(Store::Heap(cells.iter().collect()));
        }
        let mut items = [<&Cell>::FILLER; N];
        for (place, cell) in items.iter_mut().zip(cells) {
            *place = cell;
        }
        Small(Store::Inline {
            len: cells.len(),
            items,
        })
    }
}

impl<T: Filler, const N: usize> FromIterator<T> for Small<T, N> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut out = Small::default();
        for item in iter {
            out.push(item);
        }
        out
    }
}

impl<T: Filler + std::fmt::Debug, const N: usize> std::fmt::Debug for Small<T, N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Where a folded label text is: a range of the label cell's own text (where folding
/// changes nothing, as for most labels), or of the row's buffer of folded text.
/// Offsets are `u32`, which keeps a row small: a row is moved whole as tables are read.
#[derive(Debug, Clone, Copy)]
enum Span {
    Printed(u32, u32),
    Folded(u32, u32),
}

impl Filler for Span {
    const FILLER: Span = Span::Printed(0, 0);
}

impl Span {
    fn printed(from: usize, to: usize) -> Span {
        Span::Printed(offset(from), offset(to))
    }

    fn folded(from: usize, to: usize) -> Span {
        Span::Folded(offset(from), offset(to))
    }
}

/// An offset into a label's text or a row's buffer: inputs are far below 4 GiB.
fn offset(k: usize) -> u32 {
    u32::try_from(k).unwrap_or(u32::MAX)
}

/// A row split into its label cells and its value cells.
///
/// Each label cell is folded ([`fold`]) once, when the row is made: a row's label is
/// compared many times (is it a header, which template row does it name, is it the head
/// of a row cut by a page break), and folding it again for each was a sixth of a text
/// parse. Rows are made with [`SplitRow::new`]; the label cells are not changed after.
///
/// A row allocates nothing but the folded text of the labels that folding changes, all
/// in one buffer (and its cells, where it has more than most rows): the cells are kept
/// in place ([`Labels`], [`Values`]), and a folded label that is the cell's text as
/// printed is that text.
#[derive(Debug, Clone)]
pub struct SplitRow<'g> {
    /// The text cells, left to right.
    pub labels: Labels<'g>,
    /// The cells after the last label cell.
    pub values: Values<'g>,
    /// 1-based line of the row.
    pub line: usize,
    /// How many cells come before the values: the row's label columns, as printed.
    pub start: usize,
    /// Where each label cell folded is, in the order of `labels`.
    folded: Small<Span, 4>,
    /// The last label cell folded, without its numbering: a range of that cell's text,
    /// or of `buffer`.
    last: Span,
    /// The folded text of the label cells that folding changes.
    buffer: String,
}

impl<'g> SplitRow<'g> {
    /// A row of these label and value cells, its labels folded once here.
    pub fn new(labels: Labels<'g>, values: Values<'g>, line: usize, start: usize) -> SplitRow<'g> {
        let mut buffer = String::new();
        let folded = labels
            .iter()
            .map(|c| match fold(&c.text) {
                Cow::Borrowed(_) => Span::printed(0, c.text.len()),
                // The first label that folds gives the buffer its own string.
                Cow::Owned(f) if buffer.is_empty() => {
                    buffer = f;
                    Span::folded(0, buffer.len())
                }
                Cow::Owned(f) => {
                    let from = buffer.len();
                    buffer.push_str(&f);
                    Span::folded(from, buffer.len())
                }
            })
            .collect::<Small<Span, 4>>();
        let last = match (labels.last(), folded.last()) {
            (Some(c), Some(&span)) => last_span(&c.text, span, &mut buffer),
            _ => Span::printed(0, 0),
        };
        SplitRow {
            labels,
            values,
            line,
            start,
            folded,
            last,
            buffer,
        }
    }

    /// The text of a span of the label cell `cell`.
    #[inline]
    fn text(&self, span: Span, cell: &'g Cell<'g>) -> &str {
        match span {
            Span::Printed(a, b) => &cell.text[a as usize..b as usize],
            Span::Folded(a, b) => &self.buffer[a as usize..b as usize],
        }
    }

    /// The last label cell, folded, without its numbering: what identifies the row.
    #[inline]
    pub fn last_label(&self) -> &str {
        match self.labels.last() {
            Some(c) => self.text(self.last, c),
            None => "",
        }
    }

    /// All label cells, folded and joined.
    pub fn all_labels(&self) -> Cow<'_, str> {
        match self.labels.len() {
            0 => Cow::Borrowed(""),
            1 => Cow::Borrowed(self.text(self.folded[0], self.labels[0])),
            _ => {
                // Allocated once at its length: collected, the string regrew per cell.
                let labels = self.folded_labels();
                let mut all = String::with_capacity(labels.iter().map(str::len).sum());
                all.extend(labels.iter());
                Cow::Owned(all)
            }
        }
    }

    /// Each label cell, folded.
    #[inline]
    pub fn folded_labels(&self) -> FoldedLabels<'_, 'g> {
        FoldedLabels(self)
    }

    /// The value cells' texts, trimmed: what a diagnostic quotes of the row.
    pub fn value_texts(&self) -> Vec<&str> {
        self.values.iter().map(|c| c.text.trim()).collect()
    }

    /// True when some value cell holds a number.
    pub fn has_number(&self) -> bool {
        self.values
            .iter()
            .any(|c| matches!(cell_content(&c.text), CellContent::Number { .. }))
    }
}

/// Where the last label cell `text`, folded at `span`, is once its numbering is stripped.
///
/// `fold` folds char by char, and trimming drops only chars it drops: the stripped label
/// folded is the end of the whole label folded, past what its numbering folds to. The
/// one exception is a supplementary-plane compatibility ideograph (lead byte `F0`),
/// which `fold` folds only after some earlier char folded; a label with one is folded
/// again from its stripped text, into `buffer`.
fn last_span(text: &str, span: Span, buffer: &mut String) -> Span {
    let core = match span {
        // A label `fold` left as printed holds no char that folds, and so no space
        // (spaces fold away): there is nothing to trim.
        Span::Printed(..) => crate::grammar::strip_numbering(text),
        Span::Folded(..) => crate::grammar::strip_numbering(trim(text)),
    };
    // `core` is a part of `text`: where it starts and ends there.
    let from = core.as_ptr() as usize - text.as_ptr() as usize;
    let to = from + core.len();
    match span {
        Span::Printed(..) => Span::printed(from, to),
        Span::Folded(a, b) if !text.bytes().any(|byte| byte >= 0xf0) => {
            let numbering: usize = text[..from]
                .chars()
                .map(|c| crate::normalize::fold_char(c).map_or(0, char::len_utf8))
                .sum();
            Span::Folded(a + offset(numbering), b)
        }
        Span::Folded(..) => {
            let a = buffer.len();
            buffer.push_str(&fold(core));
            Span::folded(a, buffer.len())
        }
    }
}

/// A row's label cells folded ([`SplitRow::folded_labels`]).
pub struct FoldedLabels<'r, 'g>(&'r SplitRow<'g>);

impl<'r, 'g> FoldedLabels<'r, 'g> {
    /// Each label cell folded, left to right.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = &'r str> + Clone {
        let row = self.0;
        row.folded
            .iter()
            .zip(row.labels.iter())
            .map(move |(&span, &cell)| row.text(span, cell))
    }
}

/// Splits a row: label cells are the text cells; values are the cells after the last one.
pub fn split<'g>(row: &'g Row<'_>) -> SplitRow<'g> {
    let mut labels = Labels::default();
    let mut last_text = None;
    for (k, c) in row.cells.iter().enumerate() {
        if crate::grammar::is_text(&c.text) {
            labels.push(c);
            last_text = Some(k);
        }
    }
    let start = last_text.map_or(0, |k| k + 1);
    SplitRow::new(
        labels,
        Values::of_cells(&row.cells[start..]),
        row.line,
        start,
    )
}

/// Where a row's values stand when its labels take fewer cells than the table's widest
/// label (`| 一、本年新收… | v1 … |` beside `| 三、… | （三）… | 1.… | v1 … |`), in a
/// layout that keeps empty cells but not their positions (markdown, tab rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    /// Values right after the labels; empty cells after them are padding.
    AfterLabels,
    /// Values under the header's columns; empty cells before them stand for the merged
    /// label columns.
    UnderHeader,
    /// The table's rows do not show which.
    Unknown,
}

/// How a table places its values, learnt from its complete rows: a row with fewer label
/// cells whose `n` values are all printed shows the convention plainly (the cells right
/// after its labels are either its values or empty placeholders). Learnt per label
/// width, falling back to the whole table's evidence.
#[derive(Debug, Clone)]
pub struct Placement {
    /// The widest label, in cells: where values start under the header.
    width: usize,
    /// The convention per label width (index), and for the whole table.
    by_width: Vec<Convention>,
    table: Convention,
}

fn blank(c: &&Cell<'_>) -> bool {
    is_blank_cell(c)
}

/// True for a blank cell ([`crate::normalize::is_blank`]). Most cells show they are not
/// on their first byte, printable ASCII (a digit) or the lead byte of an ideograph, and
/// are told so without decoding a char; no blank char starts with such a byte (U+FEFF,
/// lead byte `EF`, is left to the full test).
pub fn is_blank_cell(c: &Cell<'_>) -> bool {
    match c.text.as_bytes().first() {
        Some(&b) if (0x21..0x80).contains(&b) || (0xe4..=0xee).contains(&b) || b >= 0xf0 => false,
        _ => crate::normalize::is_blank(&c.text),
    }
}

/// The values of a row read right after its labels, where that reading can hold: what
/// follows the `n` values is empty.
fn after_labels<'a, 'g>(values: &'a [&'g Cell<'g>], n: usize) -> Option<&'a [&'g Cell<'g>]> {
    values
        .get(n..)
        .is_none_or(|rest| rest.iter().all(blank))
        .then(|| &values[..n.min(values.len())])
}

impl Placement {
    /// Learns the convention of a table from its rows that name a template row, each with
    /// `n` value columns. A row with fewer label cells than the widest whose `n` values
    /// are all printed shows it: values straight after the labels, or after empty cells.
    pub fn learn(rows: &[(&SplitRow<'_>, usize)]) -> Placement {
        // Labels wider than four cells are notes in cells, not label columns.
        let width = rows
            .iter()
            .map(|(r, _)| r.start)
            .filter(|&s| s <= 4)
            .max()
            .unwrap_or(0);
        let mut votes = vec![(0usize, 0usize); width + 1];
        for (r, n) in rows {
            if r.start >= width {
                continue;
            }
            let lead = r.values.iter().take_while(|c| blank(c)).count();
            let rest = &r.values[lead..];
            let complete = rest.len() >= *n
                && rest[..*n].iter().all(|c| !blank(c))
                && rest[*n..].iter().all(blank);
            if complete {
                let vote = &mut votes[r.start];
                if lead == 0 {
                    vote.0 += 1;
                } else {
                    vote.1 += 1;
                }
            }
        }
        let decide = |(a, u): (usize, usize)| match (a > 0, u > 0) {
            (true, false) => Convention::AfterLabels,
            (false, true) => Convention::UnderHeader,
            _ => Convention::Unknown,
        };
        let all = votes.iter().fold((0, 0), |(a, u), (x, y)| (a + x, u + y));
        Placement {
            width,
            by_width: votes.into_iter().map(decide).collect(),
            table: decide(all),
        }
    }

    /// The value cells of `row` to fit to `n` columns. A row as wide as the widest label
    /// is read as it stands; so is one where only one reading holds (right after the
    /// labels, with empty cells behind as padding; or after its leading empty cells, as
    /// placeholders of merged labels), or both give the same cells. Otherwise the table's
    /// convention decides; where the table shows none, the row is read as its cells stand
    /// ([`fit`]) and an `ambiguous_row` diagnostic names it.
    pub fn values<'a, 'g>(
        &self,
        row: &'a SplitRow<'g>,
        n: usize,
        field: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> &'a [&'g Cell<'g>] {
        let values = &row.values[..];
        if row.start >= self.width {
            return values;
        }
        // The two readings, each where it can hold.
        let after = after_labels(values, n);
        let lead = values.iter().take_while(|c| blank(c)).count();
        let skip = lead.min(self.width - row.start);
        let under = (skip > 0)
            .then(|| &values[skip..])
            .and_then(|v| after_labels(v, n));
        let same = |a: &[&Cell<'_>], b: &[&Cell<'_>]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| trim(&x.text) == trim(&y.text))
        };
        let (after, under) = match (after, under) {
            (Some(a), Some(u)) if !same(a, u) => (a, u),
            (Some(a), _) => return a,
            (None, Some(u)) => return u,
            (None, None) => return values,
        };
        let convention = match self.by_width.get(row.start) {
            Some(Convention::Unknown) | None => self.table,
            Some(c) => *c,
        };
        match convention {
            Convention::AfterLabels => after,
            Convention::UnderHeader => under,
            Convention::Unknown => {
                diags.push(
                    Diagnostic::new(
                        Code::AmbiguousRow,
                        msg!(
                            "the row's values fit two places (right after its labels, or after the empty cells that may stand for merged labels), and the table's other rows do not show which; read as the cells stand"
                        ),
                    )
                    .at(row.line)
                    .field(field),
                );
                values
            }
        }
    }
}

/// Fits a row's value cells to `n` columns. Where the layout shows every cell in its place
/// and the count is right, cells are read by position. Otherwise empty cells at the
/// edges (left over from merged labels or padding) are dropped first; a row still too long
/// keeps its first `n` values, and a row too short fills left to right. Both get a
/// diagnostic naming the row. The `n` columns' cells come out one by one, `None` past
/// the row's end, without a vector made for them.
pub fn fit<'a, 'g>(
    values: &'a [&'g Cell<'g>],
    n: usize,
    keeps: Keeps,
    field: &str,
    line: usize,
    diags: &mut Vec<Diagnostic>,
) -> impl Iterator<Item = Option<&'g Cell<'g>>> + use<'a, 'g> {
    let mut v: &[&Cell] = values;
    if v.len() != n || !keeps.positions {
        v = drop_edges(v, n, true);
        // Dropping the empty cells at the other edge first would place the values
        // elsewhere: the row's cells admit two readings.
        let other = drop_edges(values, n, false);
        // Most rows have no empty edge to drop: both readings are then the same cells.
        let same_cells = std::ptr::eq(v, other);
        let head = v.iter().take(n).map(|c| trim(&c.text));
        if !same_cells && !head.eq(other.iter().take(n).map(|c| trim(&c.text))) {
            diags.push(
                Diagnostic::new(
                    Code::AmbiguousRow,
                    msg!(
                        "row has {} value cells where the table has {n} columns, with empty cells at both ends; the values may belong further left or right; read after the leading empty cells",
                        values.len()
                    ),
                )
                .at(line)
                .field(field),
            );
        }
    }
    if v.len() > n {
        let extra: Vec<&str> = v[n..].iter().map(|c| trim(&c.text)).collect();
        diags.push(
            Diagnostic::new(
                Code::ExtraCells,
                msg!(
                    "row has {} value cells where the table has {n} columns; kept the first {n}, ignored {:?}",
                    v.len(),
                    extra
                ),
            )
            .at(line)
            .field(field),
        );
        v = &v[..n];
    } else if v.len() < n {
        diags.push(
            Diagnostic::new(
                Code::MissingCells,
                msg!(
                    "row has {} value cells where the table has {n} columns; the values fill the columns from the left and the last {} are null",
                    v.len(),
                    n - v.len()
                ),
            )
            .at(line)
            .field(field),
        );
    }
    (0..n).map(move |k| v.get(k).copied())
}

/// Drops empty cells at the edges of a row too long for `n` columns, leading ones first
/// (or trailing ones first), until it fits or no empty edge is left.
fn drop_edges<'a, 'g>(
    values: &'a [&'g Cell<'g>],
    n: usize,
    leading_first: bool,
) -> &'a [&'g Cell<'g>] {
    let mut v = values;
    for leading in [leading_first, !leading_first] {
        while v.len() > n {
            let edge = if leading { v.first() } else { v.last() };
            if !edge.is_some_and(blank) {
                break;
            }
            v = if leading { &v[1..] } else { &v[..v.len() - 1] };
        }
    }
    v
}

/// Warns, for each row of `table` in `apart` (rows whose label stood on another line than
/// their numbers), that its numbers may be another row's: in a layout where rows of blank
/// cells vanish ([`Keeps::lost_rows_shift_numbers`]) and the table lost the row `lost`.
pub fn flag_apart_after_loss<'k>(
    table: &str,
    apart: impl IntoIterator<Item = &'k str>,
    lost: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for key in apart {
        diags.push(
            Diagnostic::new(
                Code::AmbiguousRow,
                msg!("the label of {key} stands on another line than its numbers, in text where rows of blank cells vanish, and the table lost a row ({lost}): the numbers may be another row's"),
            )
            .field(msg!("{table}.{key}")),
        );
    }
}

/// Records that row `key` was found; a row found again gets a `duplicate_row`
/// diagnostic and `false`, so the first one is kept.
#[inline]
pub fn first_time(
    found: &mut Vec<&'static str>,
    key: &'static str,
    field: &str,
    line: usize,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if found.contains(&key) {
        diags.push(duplicate(key, field, line));
        return false;
    }
    found.push(key);
    true
}

/// The `duplicate_row` diagnostic of [`first_time`], made out of line: most rows are
/// found once.
#[inline(never)]
pub fn duplicate(key: &str, field: &str, line: usize) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateRow,
        msg!("row {key} appears again; the first is kept"),
    )
    .at(line)
    .field(field)
}

/// What kind of number a cell is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole, non-negative count (件).
    Count,
    /// A whole number that may be negative (本年增/减).
    Signed,
    /// An amount in 万元 (fees); amounts in 元 are converted.
    TenThousandYuan,
    /// An amount in the unit printed (procurement).
    AsPrinted,
}

/// A value read from a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A count or signed whole number.
    Int(i64),
    /// An amount.
    Amount(f64),
}

/// The dotted path of a value, `table.row` and a column key: joined into a string only
/// for a diagnostic, most cells needing none. Joined by hand, not formatted: a report's
/// blank cells each name theirs.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a>(pub &'a str, pub &'a str);

impl Field<'_> {
    /// `prefix.key`.
    pub fn path(&self) -> String {
        let mut s = String::with_capacity(self.0.len() + 1 + self.1.len());
        s.push_str(self.0);
        s.push('.');
        s.push_str(self.1);
        s
    }
}

/// Reads a cell as a value of `kind`. Blank and non-numbers are `None`; every change to
/// what was printed gets a diagnostic that quotes the original text.
///
/// `field` is the value's dotted path; it is only joined when a diagnostic needs it.
#[inline]
pub fn read(
    cell: Option<&Cell>,
    kind: Kind,
    field: &Field<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Value> {
    let cell = cell?;
    // The common cell, a count in plain digits (padded with ASCII spaces in some tables),
    // needs no grammar and no diagnostic: `cell_content` reads it so too. It is read
    // here, inline; the rest of the reading, with its diagnostics, is a call.
    if let Some(int) = crate::grammar::plain_digits(cell.text.trim_ascii()) {
        return Some(match kind {
            Kind::Count | Kind::Signed => Value::Int(i64::try_from(int).ok()?),
            Kind::TenThousandYuan | Kind::AsPrinted => Value::Amount(int as f64),
        });
    }
    read_as_printed(cell, kind, field, diags)
}

/// [`read`] of a cell that is not a count in plain digits.
#[inline(never)]
fn read_as_printed(
    cell: &Cell,
    kind: Kind,
    field: &Field<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Value> {
    // The cell trimmed, as `cell_content` reads it: what a diagnostic quotes (a number's
    // `rest` is the end of it). Only trimmed for a diagnostic: most cells need none.
    let text = || trim(&cell.text);
    let line = cell.line;
    let diag = |code: Code, msg: String| Diagnostic::new(code, msg).at(line).field(field.path());
    match cell_content(&cell.text) {
        CellContent::Blank => {
            // The one message that never changes, and the most frequent: not copied.
            let note = Diagnostic::new(Code::BlankCell, "blank cell read as null");
            diags.push(note.at(line).field(field.path()));
            None
        }
        CellContent::NoneMark => {
            let text = text();
            diags.push(diag(
                Code::NoNumber,
                msg!("cell {text:?} holds no number; read as null"),
            ));
            None
        }
        CellContent::Text => {
            let text = text();
            diags.push(diag(
                Code::NoNumber,
                msg!("cell {text:?} is not a number; read as null"),
            ));
            None
        }
        CellContent::Number { number, unit, rest } => {
            if !rest.is_empty() {
                let text = text();
                diags.push(diag(
                    Code::CellNote,
                    msg!(
                        "cell {text:?} carries more than its number; kept {}",
                        trim(&text[..text.len() - rest.len()])
                    ),
                ));
            }
            match kind {
                Kind::Count | Kind::Signed => {
                    if matches!(
                        unit,
                        Some(Unit::Yuan | Unit::TenThousandYuan | Unit::Percent)
                    ) && rest.is_empty()
                    {
                        let text = text();
                        diags.push(diag(
                            Code::CellNote,
                            msg!("cell {text:?} prints a unit that is not a count"),
                        ));
                    }
                    if !number.is_whole() || (number.negative && kind == Kind::Count) {
                        let text = text();
                        diags.push(diag(
                            Code::NotACount,
                            msg!("cell {text:?} is not a whole count; read as null"),
                        ));
                        return None;
                    }
                    let v = i64::try_from(number.int).ok()?;
                    Some(Value::Int(if number.negative { -v } else { v }))
                }
                Kind::TenThousandYuan => {
                    let v = number.as_f64();
                    if unit == Some(Unit::Yuan) {
                        let text = text();
                        diags.push(diag(
                            Code::UnitConverted,
                            msg!("cell {text:?} is in 元; converted to 万元"),
                        ));
                        Some(Value::Amount(v / 10_000.0))
                    } else {
                        Some(Value::Amount(v))
                    }
                }
                Kind::AsPrinted => Some(Value::Amount(number.as_f64())),
            }
        }
    }
}

/// Reads a count cell.
pub fn count(cell: Option<&Cell>, field: &Field<'_>, diags: &mut Vec<Diagnostic>) -> Option<u64> {
    match read(cell, Kind::Count, field, diags)? {
        Value::Int(v) => u64::try_from(v).ok(),
        Value::Amount(_) => None,
    }
}

/// Reads a signed whole-number cell.
pub fn signed(cell: Option<&Cell>, field: &Field<'_>, diags: &mut Vec<Diagnostic>) -> Option<i64> {
    match read(cell, Kind::Signed, field, diags)? {
        Value::Int(v) => Some(v),
        Value::Amount(_) => None,
    }
}

/// Reads an amount cell.
pub fn amount(
    cell: Option<&Cell>,
    kind: Kind,
    field: &Field<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<f64> {
    match read(cell, kind, field, diags)? {
        Value::Amount(v) => Some(v),
        Value::Int(v) => Some(v as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Layout;

    fn cell(t: &str) -> Cell<'static> {
        Cell {
            text: t.to_string().into(),
            line: 7,
        }
    }

    fn row(cells: &[&str]) -> Row<'static> {
        Row {
            cells: cells.iter().map(|t| cell(t)).collect(),
            line: 7,
        }
    }

    #[test]
    fn splits_labels_from_values() {
        let r = row(&["", "（三）不予公开", "1.属于国家秘密", "0", "", "2"]);
        let s = split(&r);
        assert_eq!(s.labels.len(), 2);
        assert_eq!(s.values.len(), 3);
        assert_eq!(s.last_label(), "属于国家秘密");
    }

    #[test]
    fn the_last_label_is_the_stripped_label_folded() {
        // As `fold(strip_numbering(trim(..)))` reads it, whatever the label folds.
        for t in [
            "1.属于国家秘密",
            " （三）不予公开 ",
            "（一）予以公开",
            "3.危及“三安全一稳定”",
            "（ 二 ） 部分 公开\u{3000}",
            "四、结转下年度继续办理",
            "（六）其他处理\u{2f800}",
            "\u{2f800}（一）予以公开",
            "２．重复 申请",
        ] {
            let r = row(&["", t, "0"]);
            let s = split(&r);
            let old = fold(crate::grammar::strip_numbering(trim(t)));
            assert_eq!(s.last_label(), old, "{t:?}");
            assert_eq!(s.all_labels(), fold(t), "{t:?}");
        }
    }

    #[test]
    fn fits_merged_label_gaps_and_padding() {
        let r = row(&["一、本年新收", "", "0", "0", "0", "0", "0", "0", ""]);
        let s = split(&r);
        let mut d = Vec::new();
        let f: Vec<_> = fit(&s.values, 7, Layout::TabRows.keeps(), "x", 7, &mut d).collect();
        assert!(f[..6].iter().all(|c| c.unwrap().text == "0"));
        assert_eq!(f[6].unwrap().text, "");
        // The empty cells at both ends could shift the values either way: said so.
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::AmbiguousRow);
        // With empty cells at one end only, there is one reading.
        let r = row(&["一、本年新收", "", "", "1", "2", "3", "4", "5", "6", "7"]);
        let mut d = Vec::new();
        let s = split(&r);
        let f: Vec<_> = fit(&s.values, 7, Layout::Pipe.keeps(), "x", 7, &mut d).collect();
        assert_eq!(f[0].unwrap().text, "1");
        assert!(d.is_empty());
    }

    #[test]
    fn short_and_long_rows_are_flagged() {
        let r = row(&["规章", "0", "0"]);
        let s = split(&r);
        let mut d = Vec::new();
        let f = fit(
            &s.values,
            3,
            Layout::TabRows.keeps(),
            "active_disclosure.rules",
            7,
            &mut d,
        )
        .collect::<Vec<_>>();
        assert!(f[2].is_none());
        assert_eq!(d[0].code, Code::MissingCells);
        let r = row(&["行政处罚", "10", "0", "10"]);
        let s = split(&r);
        let f = fit(
            &s.values,
            1,
            Layout::CellPerLine.keeps(),
            "active_disclosure.punishment",
            7,
            &mut d,
        )
        .collect::<Vec<_>>();
        assert_eq!(f[0].unwrap().text, "10");
        assert_eq!(d[1].code, Code::ExtraCells);
    }

    #[test]
    fn reads_values_with_diagnostics() {
        let mut d = Vec::new();
        assert_eq!(
            count(Some(&cell("789(医、护士)")), &Field("f", "x"), &mut d),
            Some(789)
        );
        assert_eq!(d.pop().unwrap().code, Code::CellNote);
        assert_eq!(count(Some(&cell(" ")), &Field("f", "x"), &mut d), None);
        assert_eq!(d.pop().unwrap().code, Code::BlankCell);
        assert_eq!(count(Some(&cell("/")), &Field("f", "x"), &mut d), None);
        assert_eq!(d.pop().unwrap().code, Code::NoNumber);
        assert_eq!(
            signed(Some(&cell("-18")), &Field("f", "x"), &mut d),
            Some(-18)
        );
        assert_eq!(
            amount(
                Some(&cell("0万元")),
                Kind::TenThousandYuan,
                &Field("f", "x"),
                &mut d
            ),
            Some(0.0)
        );
        assert!(d.is_empty());
        assert_eq!(
            amount(
                Some(&cell("3940元")),
                Kind::TenThousandYuan,
                &Field("f", "x"),
                &mut d
            ),
            Some(0.394)
        );
        assert_eq!(d.pop().unwrap().code, Code::UnitConverted);
    }
}
