//! Part 3: the applications table (25 rows × 7 columns, or 8 with 法人或其他组织小计).

use super::apart::{self, RowKind, Side};
use super::cells::{count, first_time, fit, split, Placement, SplitRow};
use crate::diagnostic::{Code, Diagnostic};
use crate::input::{Grid, Layout};
use crate::normalize::{fold, has};
use crate::report::Template;
use crate::template::applications::HEADER_WORDS;
use crate::template::balance;
use crate::template::{
    application_spec, ApplicationRowSpec, Applications, Outcome, Pattern::*, Role,
    APPLICANT_COLUMNS, APPLICATION_ROW_SPECS, APPLICATION_WORDS, OTHER_HANDLING,
};

/// How many of the column header words a text holds.
fn header_words(text: &str) -> usize {
    HEADER_WORDS.iter().filter(|w| text.contains(*w)).count()
}

fn is_header(row: &SplitRow<'_>) -> bool {
    let n = row
        .folded_labels()
        .iter()
        .filter(|t| HEADER_WORDS.iter().any(|w| t == w) || has(t, "小计"))
        .count();
    n >= 2
        || (n == 1
            && row
                .values
                .iter()
                .all(|c| crate::normalize::is_blank(&c.text)))
}

/// The spec of the row a label names; `late` allows the bare `其他` row (after a
/// rejected or other-handling row was seen).
fn match_row(row: &SplitRow<'_>, late: bool) -> Option<&'static ApplicationRowSpec> {
    match_label(row.last_label(), &row.all_labels(), late)
}

/// True when a label cell of the row holds 小计 (the header of the optional
/// 法人或其他组织小计 column).
fn has_subtotal(row: &SplitRow<'_>) -> bool {
    row.folded_labels().iter().any(|t| has(t, "小计"))
}

/// The spec of the row whose last label cell reads `last` (folded, without numbering) and
/// whose label cells joined read `all`.
pub(super) fn match_label(
    last: &str,
    all: &str,
    late: bool,
) -> Option<&'static ApplicationRowSpec> {
    // The first spec, in order, whose pattern the last label meets: the first whose
    // word it contains (one pass of the automaton) or the first it equals, whichever
    // comes first.
    let exact = (0..=APPLICATION_ROW_SPECS.len()).find(|&k| {
        application_spec(k).is_some_and(|spec| match spec.pattern {
            Contains(_) => false,
            Exactly(word) => last == word,
            ExactlyLate(word) => late && last == word,
        })
    });
    let hit = match (exact, APPLICATION_WORDS.first_group(last)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    // A label wrapped over cells: try the whole label text.
    hit.or_else(|| APPLICATION_WORDS.first_group(all))
        .and_then(application_spec)
}

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
    let all = format!("{}{}", first.all_labels(), second.all_labels());
    let spec = match_label(&format!("{head}{tail}"), &all, late)?;
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
    labels.extend(&second.labels);
    Some((
        spec,
        SplitRow::new(labels, values, first.line, first.start.max(second.start)),
    ))
}

/// True for the rows after which the bare `其他` is （六）3.其他.
pub(super) fn is_late(role: Role) -> bool {
    matches!(
        role,
        Role::Result(Outcome::Rejected) | Role::Result(Outcome::Other)
    )
}

/// How the table places values in rows with fewer label cells ([`Placement`]), learnt
/// from its rows that name a template row.
fn learn(rows: &[SplitRow<'_>]) -> Placement {
    let mut n = APPLICANT_COLUMNS.len() + 1;
    let mut named = Vec::new();
    for row in rows.iter().filter(|r| !r.labels.is_empty()) {
        if is_header(row) {
            if has_subtotal(row) {
                n = APPLICANT_COLUMNS.len() + 2;
            }
        } else if match_row(row, true).is_some() {
            named.push((row, n));
        }
    }
    Placement::learn(&named)
}

/// The number of value columns the table's header shows: 7, or 8 with 法人或其他组织小计.
pub(super) fn value_columns(rows: &[SplitRow<'_>]) -> usize {
    let subtotal = rows
        .iter()
        .filter(|r| !r.labels.is_empty() && is_header(r))
        .any(has_subtotal);
    APPLICANT_COLUMNS.len() + 1 + usize::from(subtotal)
}

/// Reading order: a row holding a whole number of rows' worth of numbers (`n` each) is
/// its own row's numbers followed by rows whose labels stand elsewhere; those become rows
/// without a label.
fn runs_of(rows: Vec<SplitRow<'_>>, n: usize) -> Vec<SplitRow<'_>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let k = row.values.len();
        if k <= n || k % n != 0 || !row.values.chunks(n).all(adds_up) {
            out.push(row);
            continue;
        }
        let mut chunks = row.values.chunks(n);
        let first = chunks.next().unwrap_or_default().to_vec();
        let (labels, line) = (row.labels.clone(), row.line);
        if labels.is_empty() {
            out.push(unlabelled_row(first));
        } else {
            out.push(SplitRow::new(labels, first, line, row.start));
        }
        out.extend(chunks.map(|c| unlabelled_row(c.to_vec())));
    }
    out
}

fn unlabelled_row<'g>(values: Vec<&'g crate::input::Cell<'g>>) -> SplitRow<'g> {
    let line = values.first().map_or(0, |c| c.line);
    SplitRow::new(Vec::new(), values, line, 0)
}

/// True when a run of numbers reads as one row of part 3: every cell a count, and the
/// total the sum of the applicant columns (with 8 columns, the subtotal too). Runs that
/// were columns, not rows, almost never do.
pub(super) fn adds_up(values: &[&crate::input::Cell<'_>]) -> bool {
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

/// Where a row key stands in the template's order (the single （六）其他处理 row where
/// its first sub-row would).
fn template_index(key: &str) -> usize {
    let key = if key == OTHER_HANDLING.key {
        "other_overdue_correction"
    } else {
        key
    };
    APPLICATION_ROW_SPECS
        .iter()
        .position(|s| s.key == key)
        .unwrap_or(APPLICATION_ROW_SPECS.len())
}

/// Fits a row's value cells to the columns and reads them into row `key`.
pub(super) fn fill(
    apps: &mut Applications,
    key: &str,
    values: &[&crate::input::Cell<'_>],
    columns: &[&str],
    layout: Layout,
    line: usize,
    diags: &mut Vec<Diagnostic>,
) {
    let field = msg!("applications.{key}");
    let cells = fit(values, columns.len(), layout, &field, line, diags);
    let target = apps.row_mut(key).expect("known row key");
    for (col, cell) in columns.iter().zip(cells) {
        let v = count(cell, &format_args!("{field}.{col}"), diags);
        target.set(col, v);
    }
}

/// Places the rows of numbers without a label that stood between two template rows
/// (`between`, exclusive; `None`: the table's start). When as many template rows are
/// missing there as there are such rows, each has one place, and is read there with a
/// `row_placed` warning, provided each adds up as a row; otherwise none is read and each
/// is named as unplaced.
fn place_unlabelled(
    rows: &mut Vec<SplitRow<'_>>,
    between: (Option<usize>, usize),
    found: &mut Vec<&'static str>,
    apps: &mut Applications,
    columns: &[&str],
    layout: Layout,
    diags: &mut Vec<Diagnostic>,
) {
    if rows.is_empty() {
        return;
    }
    let (after, before) = between;
    let from = after.map_or(0, |a| a + 1);
    let missing: Vec<&ApplicationRowSpec> = APPLICATION_ROW_SPECS
        .get(from..before.max(from))
        .unwrap_or_default()
        .iter()
        .filter(|s| !found.contains(&s.key))
        .collect();
    if missing.len() == rows.len() && rows.iter().all(|r| adds_up(&r.values)) {
        for (spec, row) in missing.iter().zip(rows.iter()) {
            diags.push(
                Diagnostic::new(
                    Code::RowPlaced,
                    msg!(
                        "a row of numbers without a label was read as {}: the one row of the template missing at its place",
                        spec.key
                    ),
                )
                .at(row.line)
                .field(msg!("applications.{}", spec.key)),
            );
            found.push(spec.key);
            fill(
                apps,
                spec.key,
                &row.values,
                columns,
                layout,
                row.line,
                diags,
            );
        }
    } else {
        for row in rows.iter() {
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
    }
    rows.clear();
}

/// Reads part 3 from its grid; `None` when the grid holds no row of it.
pub fn read(grid: &Grid<'_>, _: Template, diags: &mut Vec<Diagnostic>) -> Option<Applications> {
    let mut rows: Vec<SplitRow<'_>> = grid.rows.iter().map(split).collect();
    let reading_order = grid.layout == Layout::ReadingOrder;
    if reading_order {
        if let Some(apps) = super::number_stream::read(&rows, diags) {
            return Some(apps);
        }
        let n = value_columns(&rows);
        rows = runs_of(rows, n);
    }
    if !reading_order {
        let kinds = kinds(&rows, value_columns(&rows));
        if apart::is_apart(&kinds) {
            let sides = apart::sides(&kinds);
            if !sides.is_empty() {
                return read_apart(&rows, &kinds, &sides, grid.layout, diags);
            }
        }
    }
    let placement = matches!(grid.layout, Layout::Pipe | Layout::TabRows).then(|| learn(&rows));
    read_rows(rows, grid.layout, placement, reading_order, diags)
}

/// What each row is for pairing labels with numbers ([`apart`]).
fn kinds(rows: &[SplitRow<'_>], columns: usize) -> Vec<RowKind> {
    let mut late = false;
    rows.iter()
        .map(|row| {
            let blank = row
                .values
                .iter()
                .all(|c| crate::normalize::is_blank(&c.text));
            if row.labels.is_empty() {
                let numbers = !row.values.is_empty() && (!blank || row.values.len() >= columns);
                return if numbers {
                    RowKind::Numbers
                } else {
                    RowKind::Other
                };
            }
            if is_header(row) {
                return RowKind::Header;
            }
            let spec = match_row(row, late);
            if let Some(spec) = spec {
                late |= is_late(spec.role);
            }
            // Column headers on the line above the first row of numbers, taken for its
            // label by the layout: numbers without a label.
            if spec.is_none() && !blank && header_words(&row.all_labels()) >= 2 {
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
fn read_apart(
    rows: &[SplitRow<'_>],
    kinds: &[RowKind],
    sides: &[Side],
    layout: Layout,
    diags: &mut Vec<Diagnostic>,
) -> Option<Applications> {
    let mut readings: Vec<(Option<Applications>, Vec<Diagnostic>)> = sides
        .iter()
        .map(|&side| {
            let pairs = apart::pairs(kinds, side, |_, _| true);
            let mut d = Vec::new();
            let apps = read_rows(apart::merged(rows, &pairs), layout, None, true, &mut d);
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
        let field = msg!("applications.{}", spec.key);
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
    apart_rows: &[(&str, bool)],
    found: &[&str],
    layout: Layout,
    diags: &mut Vec<Diagnostic>,
) {
    let is_found = |k: &str| {
        found.contains(&k) || found.contains(&OTHER_HANDLING.key) && k.starts_with("other_")
    };
    if layout == Layout::Aligned {
        if let Some(lost) = APPLICATION_ROW_SPECS.iter().find(|s| !is_found(s.key)) {
            for &(key, _) in apart_rows {
                diags.push(
                    Diagnostic::new(
                        Code::AmbiguousRow,
                        msg!("the label of {key} stands on another line than its numbers, in text where rows of blank cells vanish, and the table lost a row ({}): the numbers may be another row's", lost.key),
                    )
                    .field(msg!("applications.{key}")),
                );
            }
            return;
        }
    }
    for &(key, below) in apart_rows {
        let here = template_index(key);
        let neighbour = if below {
            APPLICATION_ROW_SPECS.get(here + 1)
        } else {
            here.checked_sub(1)
                .and_then(|k| APPLICATION_ROW_SPECS.get(k))
        };
        let Some(other) = neighbour.map(|s| s.key) else {
            continue;
        };
        if is_found(other) {
            continue;
        }
        diags.push(
            Diagnostic::new(
                Code::AmbiguousRow,
                msg!("the label of {key} stands on another line than its numbers and the row {other} beside them has no label: the numbers may be {other}'s"),
            )
            .field(msg!("applications.{key}")),
        );
    }
}

/// Reads the rows of part 3 in order; `unlabelled` keeps rows of numbers without a label
/// (reading order, labels apart) to place by the template's order.
fn read_rows(
    rows: Vec<SplitRow<'_>>,
    layout: Layout,
    placement: Option<Placement>,
    keep_unlabelled: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Applications> {
    let mut apps = Applications::default();
    let mut columns: Vec<&str> = APPLICANT_COLUMNS.to_vec();
    columns.push("total");
    let mut found: Vec<&str> = Vec::with_capacity(26);
    let mut late = false;
    // Rows of numbers without a label, waiting for the next labelled row to show which
    // template rows lie between; and the last template row placed.
    let mut unlabelled: Vec<SplitRow<'_>> = Vec::new();
    // Rows whose label stood on another line than its numbers: key, numbers below.
    let mut apart_rows: Vec<(&str, bool)> = Vec::new();
    let mut last: Option<usize> = None;
    let mut next = 0;
    // A row cut by a page break and joined again ([`joined`]) is held here; every other
    // row is read where it stands, not copied with its cells and folded labels.
    let mut whole: SplitRow<'_>;
    while next < rows.len() {
        let mut row = &rows[next];
        next += 1;
        if row.labels.is_empty() {
            if keep_unlabelled && row.values.len() == columns.len() {
                unlabelled.push(row.clone());
            }
            continue;
        }
        if is_header(row) {
            if has_subtotal(row) && columns.len() == 7 {
                columns.insert(6, "organizations");
            }
            continue;
        }
        if row.values.is_empty() {
            continue;
        }
        let spec = match match_row(row, late) {
            Some(spec) => Some(spec),
            None => match rows.get(next).and_then(|second| joined(row, second, late)) {
                Some((spec, joined_row)) => {
                    whole = joined_row;
                    row = &whole;
                    next += 1;
                    Some(spec)
                }
                None => None,
            },
        };
        let Some(spec) = spec else {
            if row.has_number() {
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
            continue;
        };
        let key = spec.key;
        let field = msg!("applications.{key}");
        if !first_time(&mut found, key, &field, row.line, diags) {
            continue;
        }
        let here = template_index(key);
        place_unlabelled(
            &mut unlabelled,
            (last, here),
            &mut found,
            &mut apps,
            &columns,
            layout,
            diags,
        );
        last = Some(here);
        late |= is_late(spec.role);
        let values = match &placement {
            Some(p) => p.values(row, columns.len(), &field, diags),
            None => &row.values[..],
        };
        fill(&mut apps, key, values, &columns, layout, row.line, diags);
        if let Some(below) = numbers_apart(row) {
            apart_rows.push((key, below));
        }
    }
    let end = APPLICATION_ROW_SPECS.len();
    place_unlabelled(
        &mut unlabelled,
        (last, end),
        &mut found,
        &mut apps,
        &columns,
        layout,
        diags,
    );
    if found.is_empty() {
        return None;
    }
    flag_lost_neighbours(&apart_rows, &found, layout, diags);
    let single_other = found.contains(&OTHER_HANDLING.key);
    let is_other = |spec: &ApplicationRowSpec| spec.role == Role::Result(Outcome::Other);
    let other_rows = || APPLICATION_ROW_SPECS.iter().filter(|s| is_other(s));
    if !single_other && !other_rows().any(|s| found.contains(&s.key)) {
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
        if found.contains(&key) {
            continue;
        }
        if single_other && is_other(spec) {
            continue; // The report prints （六）其他处理 as one row.
        }
        diags.push(
            Diagnostic::new(
                Code::RowMissing,
                msg!("row {key} was not found in the table; its values are null"),
            )
            .field(msg!("applications.{key}")),
        );
    }
    Some(apps)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_row_cut_by_a_page_break_is_joined_and_an_unknown_row_is_not() {
        let text = "三、收到和处理政府信息公开申请情况\n\
                    | 3.危 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
                    | 及“三安全一稳定” | | | | | | | |\n\
                    | 9.其他事项 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
                    | 4.保护第三方合法权益 | | | | | | | |\n\
                    四、政府信息公开行政复议、行政诉讼情况\n";
        let report = crate::parse(text);
        let apps = &report.applications;
        assert_eq!(apps.withheld_security_stability.natural_person, Some(1));
        assert_eq!(apps.withheld_security_stability.total, Some(1));
        // `9.其他事项` is no head of `4.保护…`: its 5 is not taken for that row.
        assert_eq!(apps.withheld_third_party_rights.natural_person, None);
        assert_eq!(apps.withheld_third_party_rights.total, None);
        assert!(report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("9.其他事项")));
    }
}
