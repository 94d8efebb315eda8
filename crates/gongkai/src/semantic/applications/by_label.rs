//! Part 3 read row by row, each row by its label: the reading every layout that keeps
//! rows in order gets, and the one the other strategies end in once they have put labels
//! and numbers together.
//!
//! A row cut by a page break is joined again; rows of numbers without a label are placed
//! by the template's order where exactly as many rows are missing there; a label whose
//! numbers stood on another line is flagged where a lost row could have lent them.

use super::super::cells::{duplicate, flag_apart_after_loss, Placement, SplitRow};
use super::rows::{
    adds_up, fill, has_subtotal, is_late, match_label, match_row, template_index, unlabelled_row,
    Facts,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::input::Keeps;
use crate::normalize::fold;
use crate::template::{
    ApplicationRowSpec, Applications, Outcome, Role, APPLICANT_COLUMNS, APPLICATION_ROW_SPECS,
    OTHER_HANDLING,
};

/// A row cut in two by a page break (`4.保` at the foot of one page, `护第三方合法权益`
/// at the head of the next). The halves are joined when the first names no row, the
/// joined label does (and the second, if it names one, names the same), and the template
/// prints the first half's end running on into the second's start (`保护`), so an unknown
/// row above a known one is never taken for its head. Values come from the half that
/// holds numbers; `None` when both do.
fn joined<'g>(
    first: &SplitRow<'g>,
    second: &SplitRow<'g>,
    late: bool,
) -> Option<(&'static ApplicationRowSpec, SplitRow<'g>)> {
    let (head, tail) = (first.last_label(), second.last_label());
    let seam: String = head.chars().chain(tail.chars().next()).collect();
    let all = || {
        first
            .folded_labels()
            .iter()
            .chain(second.folded_labels().iter())
    };
    let spec = match_label(&format!("{head}{tail}"), all, late)?;
    if !fold(spec.label).contains(&seam) || head.is_empty() || tail.is_empty() {
        return None;
    }
    if match_row(second, late).is_some_and(|s| s.key != spec.key) {
        return None;
    }
    let values = match (first.has_number(), second.has_number()) {
        (true, true) => return None,
        (false, true) => second.values.clone(),
        _ => first.values.clone(),
    };
    let mut labels = first.labels.clone();
    labels.extend_from_slice(&second.labels);
    Some((
        spec,
        SplitRow::new(labels, values, first.line, first.start.max(second.start)),
    ))
}

/// Reading order: a row holding a whole number of rows' worth of numbers (`n` each) is
/// its own row's numbers followed by rows whose labels stand elsewhere; those become rows
/// without a label.
pub(super) fn runs_of(rows: Vec<SplitRow<'_>>, n: usize) -> Vec<SplitRow<'_>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let k = row.values.len();
        if k <= n || k % n != 0 || !row.values.chunks(n).all(adds_up) {
            out.push(row);
            continue;
        }
        let mut chunks = row.values.chunks(n);
        let first = chunks.next().unwrap_or_default().into();
        let (labels, line) = (row.labels.clone(), row.line);
        if labels.is_empty() {
            out.push(unlabelled_row(first));
        } else {
            out.push(SplitRow::new(labels, first, line, row.start));
        }
        out.extend(chunks.map(|c| unlabelled_row(c.into())));
    }
    out
}

/// A reading of the table in progress: what was read, and the rows waiting for a place.
struct Reading<'g> {
    keeps: Keeps,
    /// How values sit in rows with fewer label cells, where the layout shifts them.
    placement: Option<Placement>,
    /// Keep rows of numbers without a label to place by the template's order (the
    /// layouts where labels may stand elsewhere); otherwise they are passed over.
    keep_unlabelled: bool,
    apps: Applications,
    /// The value columns, as the header shows them.
    columns: Vec<&'static str>,
    /// The template rows read so far, as a set: asked of every template row as the table
    /// is read and finished, where a list of their keys was searched by string each time.
    found: FoundSet,
    /// A rejected or other-handling row was seen: the bare `其他` is （六）3.其他.
    late: bool,
    /// Rows of numbers without a label, waiting for the next labelled row to show which
    /// template rows lie between.
    unlabelled: Vec<SplitRow<'g>>,
    /// The template index of the last row read.
    last: Option<usize>,
    /// Rows whose label stood on another line than its numbers: row, numbers below.
    apart_rows: Vec<(&'static ApplicationRowSpec, bool)>,
}

/// A set of [`ApplicationRowSpec`]s, a bit each by [`ApplicationRowSpec::index`].
#[derive(Debug, Clone, Copy, Default)]
struct FoundSet(u64);

impl FoundSet {
    fn insert(&mut self, spec: &ApplicationRowSpec) {
        self.0 |= 1 << spec.index;
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn contains(self, spec: &ApplicationRowSpec) -> bool {
        self.0 & (1 << spec.index) != 0
    }

    /// Found, or one of the three （六） rows where the single （六）其他处理 row was.
    fn covers(self, spec: &ApplicationRowSpec) -> bool {
        self.contains(spec) || self.contains(&OTHER_HANDLING) && is_other(spec)
    }
}

/// True for the three （六） rows.
fn is_other(spec: &ApplicationRowSpec) -> bool {
    spec.role == Role::Result(Outcome::Other)
}

impl<'g> Reading<'g> {
    fn new(keeps: Keeps, placement: Option<Placement>, keep_unlabelled: bool) -> Self {
        // Room for the 法人或其他组织小计 column a header may add.
        let mut columns: Vec<&str> = Vec::with_capacity(APPLICANT_COLUMNS.len() + 2);
        columns.extend(APPLICANT_COLUMNS);
        columns.push("total");
        Reading {
            keeps,
            placement,
            keep_unlabelled,
            apps: Applications::default(),
            columns,
            found: FoundSet::default(),
            late: false,
            unlabelled: Vec::new(),
            last: None,
            apart_rows: Vec::new(),
        }
    }

    /// A header row: the 法人或其他组织小计 column, when it names one.
    fn header(&mut self, row: &SplitRow<'_>) {
        if has_subtotal(row) && self.columns.len() == 7 {
            self.columns.insert(6, "organizations");
        }
    }

    /// A row without a label: kept to place when it holds a whole row of cells.
    fn unlabelled(&mut self, row: &SplitRow<'g>) {
        if self.keep_unlabelled && row.values.len() == self.columns.len() {
            self.unlabelled.push(row.clone());
        }
    }

    /// Reads `row` as the template row `spec` names.
    fn named(
        &mut self,
        row: &SplitRow<'_>,
        spec: &'static ApplicationRowSpec,
        diags: &mut Vec<Diagnostic>,
    ) {
        let (key, field) = (spec.key, spec.path);
        // The first row naming a template row is kept.
        if self.found.contains(spec) {
            diags.push(duplicate(key, field, row.line));
            return;
        }
        self.found.insert(spec);
        let here = template_index(spec);
        self.place_unlabelled(here, diags);
        self.last = Some(here);
        self.late |= is_late(spec.role);
        let values = match &self.placement {
            Some(p) => p.values(row, self.columns.len(), field, diags),
            None => &row.values[..],
        };
        fill(
            &mut self.apps,
            key,
            field,
            values,
            &self.columns,
            self.keeps,
            row.line,
            diags,
        );
        if let Some(below) = numbers_apart(row) {
            self.apart_rows.push((spec, below));
        }
    }

    /// Places the rows of numbers without a label that stood between the last row read
    /// and the template row at `before`. When as many template rows are missing there as
    /// there are such rows, each has one place, and is read there with a `row_placed`
    /// warning, provided each adds up as a row; otherwise none is read and each is named
    /// as unplaced.
    fn place_unlabelled(&mut self, before: usize, diags: &mut Vec<Diagnostic>) {
        let rows = std::mem::take(&mut self.unlabelled);
        if rows.is_empty() {
            return;
        }
        let from = self.last.map_or(0, |a| a + 1);
        let missing: Vec<&ApplicationRowSpec> = APPLICATION_ROW_SPECS
            .get(from..before.max(from))
            .unwrap_or_default()
            .iter()
            .filter(|s| !self.found.contains(s))
            .collect();
        if missing.len() != rows.len() || !rows.iter().all(|r| adds_up(&r.values)) {
            for row in &rows {
                diags.push(
                    Diagnostic::new(
                        Code::UnknownRow,
                        msg!(
                            "a row of numbers without a label could not be placed: {} such rows where the template has {} rows missing; ignored",
                            rows.len(),
                            missing.len()
                        ),
                    )
                    .at(row.line),
                );
            }
            return;
        }
        for (spec, row) in missing.iter().zip(&rows) {
            diags.push(
                Diagnostic::new(
                    Code::RowPlaced,
                    msg!(
                        "a row of numbers without a label was read as {}: the one row of the template missing at its place",
                        spec.key
                    ),
                )
                .at(row.line)
                .field(spec.path),
            );
            self.found.insert(spec);
            fill(
                &mut self.apps,
                spec.key,
                spec.path,
                &row.values,
                &self.columns,
                self.keeps,
                row.line,
                diags,
            );
        }
    }

    /// The table read: rows still waiting are placed, rows whose numbers a lost row may
    /// have lent flagged, and every template row not found named; `None` when no row was.
    fn finish(mut self, diags: &mut Vec<Diagnostic>) -> Option<Applications> {
        self.place_unlabelled(APPLICATION_ROW_SPECS.len(), diags);
        if self.found.is_empty() {
            return None;
        }
        flag_lost_neighbours(&self.apart_rows, self.found, self.keeps, diags);
        missing_rows(self.found, diags);
        Some(self.apps)
    }
}

/// Names each template row not found (the three （六） rows count as found where the
/// report prints the single （六）其他处理 row).
fn missing_rows(found: FoundSet, diags: &mut Vec<Diagnostic>) {
    let single_other = found.contains(&OTHER_HANDLING);
    let other_rows = || APPLICATION_ROW_SPECS.iter().filter(|s| is_other(s));
    if !single_other && !other_rows().any(|s| found.contains(s)) {
        diags.push(
            Diagnostic::new(
                Code::RowMissing,
                "neither the three （六） rows nor the single （六）其他处理 row was found; their values are null",
            )
            .field("applications.other_handling"),
        );
    }
    for spec in &APPLICATION_ROW_SPECS {
        let key = spec.key;
        if found.contains(spec) || single_other && is_other(spec) {
            continue;
        }
        diags.push(
            Diagnostic::new(
                Code::RowMissing,
                msg!("row {key} was not found in the table; its values are null"),
            )
            .field(spec.path),
        );
    }
}

/// Reads the rows of part 3 in order, each by its label. `facts` are the rows' [`Facts`];
/// `placement` places values in rows with fewer label cells; `keep_unlabelled` keeps rows
/// of numbers without a label to place by the template's order.
pub(super) fn read(
    rows: &[SplitRow<'_>],
    facts: &Facts,
    keeps: Keeps,
    placement: Option<Placement>,
    keep_unlabelled: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Applications> {
    let mut reading = Reading::new(keeps, placement, keep_unlabelled);
    let mut next = 0;
    while next < rows.len() {
        let (k, row) = (next, &rows[next]);
        next += 1;
        if row.labels.is_empty() {
            reading.unlabelled(row);
        } else if facts.headers[k] {
            reading.header(row);
        } else if row.values.is_empty() {
            continue;
        } else if let Some(spec) = facts.named(rows, k, reading.late) {
            reading.named(row, spec, diags);
        } else if let Some((spec, whole)) = rows
            .get(next)
            .and_then(|second| joined(row, second, reading.late))
        {
            next += 1;
            reading.named(&whole, spec, diags);
        } else if row.has_number() {
            diags.push(
                Diagnostic::new(
                    Code::UnknownRow,
                    msg!(
                        "row {:?} is not a row of the template; ignored",
                        row.all_labels()
                    ),
                )
                .at(row.line),
            );
        }
    }
    reading.finish(diags)
}

/// Whether a row's numbers stood on another line than every one of its label cells:
/// `Some(true)` below them, `Some(false)` above, `None` on a line with a label.
fn numbers_apart(row: &SplitRow<'_>) -> Option<bool> {
    let at = row.values.first()?.line;
    if row.labels.is_empty() || row.labels.iter().any(|c| c.line == at) {
        return None;
    }
    Some(row.labels.iter().all(|c| c.line < at))
}

/// A label joined to numbers on another line may have taken those of its neighbour in
/// the template, on the side where the numbers stood, when that neighbour's label was
/// lost and its own numbers not printed (a row of blank cells vanishes from aligned
/// text). Where that neighbour was found nowhere, the row gets an `ambiguous_row`
/// warning naming its field.
///
/// In aligned text, where blank cells and so rows of blank cells vanish, a label whose
/// numbers stood on another line is not certain of them wherever the table lost a row:
/// every such row gets the warning then.
fn flag_lost_neighbours(
    apart_rows: &[(&ApplicationRowSpec, bool)],
    found: FoundSet,
    keeps: Keeps,
    diags: &mut Vec<Diagnostic>,
) {
    if keeps.lost_rows_shift_numbers() {
        if let Some(lost) = APPLICATION_ROW_SPECS.iter().find(|s| !found.covers(s)) {
            let apart = apart_rows.iter().map(|&(spec, _)| spec.key);
            flag_apart_after_loss("applications", apart, lost.key, diags);
            return;
        }
    }
    for &(spec, below) in apart_rows {
        let key = spec.key;
        let here = template_index(spec);
        let neighbour = if below {
            APPLICATION_ROW_SPECS.get(here + 1)
        } else {
            here.checked_sub(1)
                .and_then(|k| APPLICATION_ROW_SPECS.get(k))
        };
        let Some(other) = neighbour else {
            continue;
        };
        if found.covers(other) {
            continue;
        }
        let other = other.key;
        diags.push(
            Diagnostic::new(
                Code::AmbiguousRow,
                msg!("the label of {key} stands on another line than its numbers and the row {other} beside them has no label: the numbers may be {other}'s"),
            )
            .field(msg!("applications.{key}")),
        );
    }
}
