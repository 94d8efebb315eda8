//! Part 3 where row labels stand apart from their numbers, each on a line of its own
//! ([`apart`] pairs them): the labels are paired with numbers on the side the table's ends
//! show, and the rows are then read by label ([`by_label`]). Where the ends allow both
//! sides, the template's balance equations choose, and a row they cannot settle is left
//! null and flagged.

use super::super::apart::{self, RowKind, Side};
use super::super::cells::{is_blank_cell, SplitRow};
use super::by_label;
use super::rows::{header_words, is_late, value_columns, Facts};
use crate::diagnostic::{Code, Diagnostic};
use crate::input::Keeps;
use crate::template::balance;
use crate::template::{Applications, APPLICATION_ROW_SPECS, OTHER_HANDLING};

/// Reads the table as labels apart from their numbers; `None` when it is not printed so
/// (then another strategy reads it), `Some(reading)` when it is.
/// `facts` are the rows' [`Facts`].
pub(super) fn read(
    rows: &[SplitRow<'_>],
    facts: &Facts,
    keeps: Keeps,
    diags: &mut Vec<Diagnostic>,
) -> Option<Option<Applications>> {
    let columns = value_columns(rows, &facts.headers);
    if !may_be_apart(rows, &facts.headers, columns) {
        return None;
    }
    let kinds = kinds(rows, facts, columns);
    if !apart::is_apart(&kinds) {
        return None;
    }
    let sides = apart::sides(&kinds);
    if sides.is_empty() {
        return None;
    }
    Some(read_sides(rows, &kinds, &sides, keeps, diags))
}

/// False when the table cannot be printed with labels apart whatever its labels name:
/// [`apart::is_apart`] over [`kinds`] wants more rows of bare numbers than whole rows,
/// and counting them needs no label matched. A labelled row with numbers is a whole row
/// unless its label holds two column header words (then it may be numbers without a
/// label), so this counts an upper bound of the one and a lower bound of the other.
/// Most tables print labels and numbers together, and are told so here, as soon as the
/// rows left could not change it.
fn may_be_apart(rows: &[SplitRow<'_>], headers: &[bool], columns: usize) -> bool {
    let (mut numbers, mut whole) = (0, 0);
    for (k, (row, &header)) in rows.iter().zip(headers).enumerate() {
        // Even were every row left numbers, they could no longer outnumber the whole rows.
        if numbers + (rows.len() - k) <= whole {
            return false;
        }
        let blank = row.values.iter().all(|c| is_blank_cell(c));
        if row.labels.is_empty() {
            numbers +=
                usize::from(!row.values.is_empty() && (!blank || row.values.len() >= columns));
        } else if !blank && !header {
            if header_words(row) >= 2 {
                numbers += 1;
            } else {
                whole += 1;
            }
        }
    }
    numbers >= 2 && numbers > whole
}

/// What each row is for pairing labels with numbers ([`apart`]).
fn kinds(rows: &[SplitRow<'_>], facts: &Facts, columns: usize) -> Vec<RowKind> {
    let mut late = false;
    rows.iter()
        .enumerate()
        .map(|(k, row)| {
            let blank = row.values.iter().all(|c| is_blank_cell(c));
            if row.labels.is_empty() {
                let numbers = !row.values.is_empty() && (!blank || row.values.len() >= columns);
                return if numbers {
                    RowKind::Numbers
                } else {
                    RowKind::Other
                };
            }
            if facts.headers[k] {
                return RowKind::Header;
            }
            let spec = facts.named(rows, k, late);
            if let Some(spec) = spec {
                late |= is_late(spec.role);
            }
            // Column headers on the line above the first row of numbers, taken for its
            // label by the layout: numbers without a label.
            if spec.is_none() && !blank && header_words(row) >= 2 {
                return RowKind::Numbers;
            }
            match (spec, blank) {
                (_, false) => RowKind::Whole,
                (Some(spec), true) => RowKind::Label(spec.key),
                (None, true) => RowKind::Other,
            }
        })
        .collect()
}

/// Reads a table whose labels stand apart from their numbers ([`apart`]) on the side
/// its ends show. Where they allow both sides, the table is read both ways: the reading
/// that leaves fewer rows unread or unplaced is taken; when both leave as many and give
/// different values, the one under which part 3's columns add up is taken, with an
/// `ambiguous_row` warning on each row the other reading would give other numbers, and
/// when neither or both add up, those rows are null with an `ambiguous_row` error.
fn read_sides(
    rows: &[SplitRow<'_>],
    kinds: &[RowKind],
    sides: &[Side],
    keeps: Keeps,
    diags: &mut Vec<Diagnostic>,
) -> Option<Applications> {
    let mut readings: Vec<(Option<Applications>, Vec<Diagnostic>)> = sides
        .iter()
        .map(|&side| {
            let pairs = apart::pairs(kinds, side, |_, _| true);
            let mut d = Vec::new();
            let merged = apart::merged(rows, &pairs);
            let apps = by_label::read(&merged, &Facts::of(&merged), keeps, None, true, &mut d);
            (apps, d)
        })
        .collect();
    let unread = |d: &[Diagnostic]| {
        d.iter()
            .filter(|d| matches!(d.code, Code::UnknownRow | Code::RowMissing))
            .count()
    };
    readings.sort_by_key(|(_, d)| unread(d));
    let mut readings = readings.into_iter();
    let (first, mut first_diags) = readings.next()?;
    let Some((second, second_diags)) = readings.next() else {
        diags.append(&mut first_diags);
        return first;
    };
    if unread(&first_diags) < unread(&second_diags) || first == second {
        diags.append(&mut first_diags);
        return first;
    }
    let (Some(a), Some(b)) = (first, second) else {
        diags.append(&mut first_diags);
        return None;
    };
    let (hold_a, hold_b) = (
        balance::applications_hold(&a),
        balance::applications_hold(&b),
    );
    let (mut apps, other, mut d, decided) = match (hold_a, hold_b) {
        (true, false) => (a, b, first_diags, true),
        (false, true) => (b, a, second_diags, true),
        _ => (a, b, first_diags, false),
    };
    diags.append(&mut d);
    for spec in APPLICATION_ROW_SPECS.iter().chain([&OTHER_HANDLING]) {
        let (Some(mine), Some(theirs)) = (apps.row(spec.key), other.row(spec.key)) else {
            continue;
        };
        if mine == theirs {
            continue;
        }
        let field = spec.path;
        let diag = if decided {
            Diagnostic::new(
                Code::AmbiguousRow,
                msg!("the row labels stand apart from their numbers and the table's ends do not show on which side; {field} was read with the numbers under which the table's columns add up"),
            )
        } else {
            Diagnostic::new(
                Code::AmbiguousRow,
                msg!("the row labels stand apart from their numbers and neither the table's ends nor its sums show on which side; {field} could take either of two rows of numbers and is left null"),
            )
        };
        diags.push(diag.field(field));
        if !decided {
            if let Some(row) = apps.row_mut(spec.key) {
                *row = crate::report::ApplicationRow {
                    organizations: row.organizations.map(|_| None),
                    ..Default::default()
                };
            }
        }
    }
    Some(apps)
}
