//! What every way of reading part 3 shares: which template row a label names, whether a
//! row is the header, how many value columns the table has, whether a run of numbers adds
//! up as one row, and reading a row's cells into the table.

use super::super::cells::{count, fit, is_blank_cell, Field, Labels, Placement, SplitRow, Values};
use crate::diagnostic::Diagnostic;
use crate::input::{Cell, Keeps};
use crate::normalize::has;
use crate::template::applications::{Pattern, APPLICATION_EXACT, HEADER_WORDS, HEADER_WORD_SET};
use crate::template::{
    application_spec, ApplicationRowSpec, Applications, Outcome, Role, APPLICANT_COLUMNS,
    APPLICATION_ROW_SPECS, APPLICATION_WORDS, OTHER_HANDLING,
};
use std::cell::OnceCell;

/// How many of the column header words a row's label cells hold, joined (a word may
/// run over two cells; they are not joined into a new string for it).
pub(super) fn header_words(row: &SplitRow<'_>) -> usize {
    HEADER_WORD_SET.groups_in_joined(row.folded_labels().iter())
}

/// True when every value cell of the row is blank (or it has none).
fn blank_values(row: &SplitRow<'_>) -> bool {
    row.values.iter().all(|c| is_blank_cell(c))
}

/// False for a row that cannot be a header ([`is_header`]) whatever its labels say: one
/// label cell (or none) beside values. Most rows are told so here, before their labels
/// are compared with any header word.
fn may_be_header(row: &SplitRow<'_>) -> bool {
    row.labels.len() >= 2 || blank_values(row)
}

/// True for a header row: two label cells that are column headers, or one and no value.
pub(super) fn is_header(row: &SplitRow<'_>) -> bool {
    if !may_be_header(row) {
        return false;
    }
    let n = row
        .folded_labels()
        .iter()
        .filter(|&t| HEADER_WORDS.contains(&t) || has(t, "小计"))
        .count();
    n >= 2 || (n == 1 && blank_values(row))
}

/// The spec of the row a label names; `late` allows the bare `其他` row (after a
/// rejected or other-handling row was seen).
pub(super) fn match_row(row: &SplitRow<'_>, late: bool) -> Option<&'static ApplicationRowSpec> {
    match_label(row.last_label(), || row.folded_labels().iter(), late)
}

/// True when a label cell of the row holds 小计 (the header of the optional
/// 法人或其他组织小计 column).
pub(super) fn has_subtotal(row: &SplitRow<'_>) -> bool {
    row.folded_labels().iter().any(|t| has(t, "小计"))
}

/// The spec of the row whose last label cell reads `last` (folded, without numbering) and
/// whose label cells, run together, are the pieces `all` gives (asked only where `last`
/// names no row: most rows' last cell does). The pieces are searched as one text
/// without being joined into one.
pub(super) fn match_label<'t, I: IntoIterator<Item = &'t str>>(
    last: &str,
    all: impl FnOnce() -> I,
    late: bool,
) -> Option<&'static ApplicationRowSpec> {
    // The first spec, in order, whose pattern the last label meets: the first whose
    // word it contains (one pass of the automaton) or the first it equals, whichever
    // comes first.
    let exact = APPLICATION_EXACT
        .iter()
        .find(|&&(_, word, only_late)| (late || !only_late) && last == word)
        .map(|&(k, _, _)| k);
    let hit = match (exact, APPLICATION_WORDS.first_group(last)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    // A label wrapped over cells: try the whole label text.
    hit.or_else(|| APPLICATION_WORDS.first_group_joined(all()))
        .and_then(application_spec)
}

/// True for the rows after which the bare `其他` is （六）3.其他.
pub(super) fn is_late(role: Role) -> bool {
    matches!(
        role,
        Role::Result(Outcome::Rejected) | Role::Result(Outcome::Other)
    )
}

/// What every way of reading a table asks of each of its rows, some more than once: told
/// once, here.
pub(super) struct Facts {
    /// Which rows are headers ([`is_header`]), a flag each.
    pub(super) headers: Vec<bool>,
    /// The template row each row names ([`match_row`]) with the bare `其他` allowed,
    /// matched when first asked (some readings ask it of few rows).
    named: Vec<OnceCell<Option<&'static ApplicationRowSpec>>>,
}

impl Facts {
    /// The facts of `rows`.
    pub(super) fn of(rows: &[SplitRow<'_>]) -> Facts {
        Facts {
            headers: rows.iter().map(is_header).collect(),
            named: rows.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    /// The template row that row `k` of `rows` (a labelled row, not a header) names, as
    /// [`match_row`] with `late` reads it. Only the bare `其他` is read otherwise before
    /// `late`: a row named by that word alone is read again then.
    pub(super) fn named(
        &self,
        rows: &[SplitRow<'_>],
        k: usize,
        late: bool,
    ) -> Option<&'static ApplicationRowSpec> {
        match *self.named[k].get_or_init(|| match_row(&rows[k], true)) {
            Some(spec) if !late && matches!(spec.pattern, Pattern::ExactlyLate(_)) => {
                match_row(&rows[k], false)
            }
            named => named,
        }
    }
}

/// The number of value columns the table's header shows: 7, or 8 with 法人或其他组织小计.
/// `headers` tells which rows are headers ([`headers`]).
pub(super) fn value_columns(rows: &[SplitRow<'_>], headers: &[bool]) -> usize {
    let subtotal = rows
        .iter()
        .zip(headers)
        .any(|(r, &header)| header && has_subtotal(r));
    APPLICANT_COLUMNS.len() + 1 + usize::from(subtotal)
}

/// How the table places values in rows with fewer label cells ([`Placement`]), learnt
/// from its rows that name a template row.
pub(super) fn learn(rows: &[SplitRow<'_>], facts: &Facts) -> Placement {
    let mut n = APPLICANT_COLUMNS.len() + 1;
    let mut named = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        if row.labels.is_empty() {
            continue;
        }
        if facts.headers[k] {
            if has_subtotal(row) {
                n = APPLICANT_COLUMNS.len() + 2;
            }
        } else if facts.named(rows, k, true).is_some() {
            named.push((row, n));
        }
    }
    Placement::learn(&named)
}

/// True when a run of numbers reads as one row of part 3: every cell a count, and the
/// total the sum of the applicant columns (with 8 columns, the subtotal too). Runs that
/// were columns, not rows, almost never do.
pub(super) fn adds_up(values: &[&Cell<'_>]) -> bool {
    let v: Option<Vec<u64>> = values
        .iter()
        .map(|c| match crate::grammar::cell_content(&c.text) {
            crate::grammar::CellContent::Number {
                number, rest: "", ..
            } if number.is_whole() && !number.negative => Some(number.int),
            _ => None,
        })
        .collect();
    let Some(v) = v else { return false };
    let orgs = |v: &[u64]| v[1..6].iter().sum::<u64>();
    match v.len() {
        7 => v[0] + orgs(&v) == v[6],
        8 => v[0] + orgs(&v) == v[7] && orgs(&v) == v[6],
        _ => false,
    }
}

/// Where a row stands in the template's order (the single （六）其他处理 row where its
/// first sub-row would).
pub(super) fn template_index(spec: &ApplicationRowSpec) -> usize {
    if spec.index == OTHER_HANDLING.index {
        APPLICATION_ROW_SPECS
            .iter()
            .position(|s| s.key == "other_overdue_correction")
            .unwrap_or(APPLICATION_ROW_SPECS.len())
    } else {
        spec.index
    }
}

/// A row of numbers without a label.
pub(super) fn unlabelled_row(values: Values<'_>) -> SplitRow<'_> {
    let line = values.first().map_or(0, |c| c.line);
    SplitRow::new(Labels::default(), values, line, 0)
}

/// Fits a row's value cells to the columns and reads them into row `key`, whose path
/// (`applications.key`) is `field`.
#[allow(clippy::too_many_arguments)]
pub(super) fn fill(
    apps: &mut Applications,
    key: &str,
    field: &str,
    values: &[&Cell<'_>],
    columns: &[&str],
    keeps: Keeps,
    line: usize,
    diags: &mut Vec<Diagnostic>,
) {
    let cells = fit(values, columns.len(), keeps, field, line, diags);
    let target = apps.row_mut(key).expect("known row key");
    for (col, cell) in columns.iter().zip(cells) {
        let v = count(cell, &Field(field, col), diags);
        target.set(col, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Row;
    use crate::semantic::cells::split;

    #[test]
    fn a_row_is_named_as_match_row_names_it_before_and_after_late() {
        let rows: Vec<Row<'static>> = ["其他", "3.其他", "（七）总计", "其他处理", "2.重复申请"]
            .iter()
            .map(|label| Row {
                cells: [*label, "1", "0"]
                    .iter()
                    .map(|t| Cell {
                        text: t.to_string().into(),
                        line: 1,
                    })
                    .collect(),
                line: 1,
            })
            .collect();
        let split: Vec<SplitRow<'_>> = rows.iter().map(split).collect();
        let facts = Facts::of(&split);
        for (k, row) in split.iter().enumerate() {
            for late in [false, true, false] {
                assert_eq!(
                    facts.named(&split, k, late).map(|s| s.key),
                    match_row(row, late).map(|s| s.key),
                    "{k} {late}"
                );
            }
        }
    }
}
