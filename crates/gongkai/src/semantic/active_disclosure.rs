//! Part 2: documents issued, licences, penalties, coercion, fees (and in template 2019,
//! other services and procurement).

use super::apart::{self, RowKind};
use super::cells::{
    amount, count, first_time, fit, flag_apart_after_loss, signed, split, Field, Kind, SplitRow,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::grammar::{cell_content, CellContent, Unit};
use crate::input::{Cell, Grid};
use crate::normalize::{fold, has};
use crate::report::{ActiveDisclosure, Template};
use crate::template::disclosure::{Value, HEADER_STARTS, HEADER_WORDS, TEMPLATE_WORDS};
use crate::template::{disclosure_rows, ValueKind, DISCLOSURE_LABEL_WORDS, DISCLOSURE_WORDS};

fn is_header(row: &SplitRow<'_>) -> bool {
    row.folded_labels().iter().any(|t| {
        HEADER_WORDS.iter().any(|w| has(t, w)) || HEADER_STARTS.iter().any(|w| t.starts_with(w))
    })
}

/// Which template a part-2 grid follows, if it tells.
pub fn template_of(grid: &Grid<'_>) -> Option<Template> {
    // A word of 2019's anywhere makes it 2019's; else a word of 2021's, 2021's.
    let mut any = false;
    for row in &grid.rows {
        for c in &row.cells {
            match TEMPLATE_WORDS.first_group(&fold(&c.text)) {
                Some(0) => return Some(Template::T2019),
                Some(_) => any = true,
                None => {}
            }
        }
    }
    any.then_some(Template::T2021)
}

/// Reads part 2 from its grid in the shape of `template`; `None` when the grid holds no
/// row of it.
pub fn read(
    grid: &Grid<'_>,
    template: Template,
    diags: &mut Vec<Diagnostic>,
) -> Option<ActiveDisclosure> {
    let specs = disclosure_rows(template);
    let mut table = ActiveDisclosure::empty(template);
    let mut found: Vec<&str> = Vec::new();
    let mut header_unit: Option<Unit> = None;
    // Rows whose label stood on another line than their numbers.
    let mut apart: Vec<&str> = Vec::new();
    let keeps = grid.layout.keeps();
    let mut rows: Vec<SplitRow<'_>> = grid.rows.iter().map(split).collect();
    if !keeps.row_order {
        lend_orphans(&mut rows, template, diags);
    } else {
        rows = labels_apart(rows, template, diags);
    }
    for row in rows {
        if row.labels.is_empty() {
            unplaced_numbers(&row, diags);
            continue;
        }
        if is_header(&row) {
            header_unit = unit_named(&row.all_labels());
            continue;
        }
        if row.values.is_empty() {
            continue;
        }
        let Some(key) = row_key(&row) else {
            continue;
        };
        let field = ["active_disclosure.", key].concat();
        if !first_time(&mut found, key, &field, row.line, diags) {
            continue;
        }
        let Some(spec) = specs.iter().find(|r| r.key == key) else {
            unexpected_row(key, row.line, diags);
            continue;
        };
        let cells = fit(
            &row.values,
            spec.columns.len(),
            keeps,
            &field,
            row.line,
            diags,
        );
        for (col, cell) in spec.columns.iter().zip(cells) {
            let path = Field(&field, col.key);
            let value = match col.kind {
                ValueKind::Count => Value::Count(count(cell, &path, diags)),
                ValueKind::Signed => Value::Signed(signed(cell, &path, diags)),
                ValueKind::TenThousandYuan => {
                    Value::Amount(amount(cell, Kind::TenThousandYuan, &path, diags))
                }
                ValueKind::AsPrinted => {
                    let v = amount(cell, Kind::AsPrinted, &path, diags);
                    if header_unit.is_none() {
                        unit_unknown(cell, &path, diags);
                    }
                    Value::Amount(v)
                }
            };
            // The spec and the struct are generated from the same list: every cell fits.
            let fits = table.set(key, col.key, value);
            debug_assert!(fits, "{key}.{}", col.key);
        }
        let at = row.values.first().map(|c| c.line);
        if row.labels.iter().all(|c| Some(c.line) != at) {
            apart.push(key);
        }
    }
    if found.is_empty() {
        return None;
    }
    // In aligned text rows of blank cells vanish: a label joined to numbers on another
    // line may have taken those of a row whose label was lost, wherever one was.
    let lost = specs.iter().find(|r| !found.contains(&r.key));
    if let (true, Some(lost)) = (keeps.lost_rows_shift_numbers(), lost) {
        flag_apart_after_loss("active_disclosure", apart, lost.key, diags);
    }
    for spec in specs.iter().filter(|r| !found.contains(&r.key)) {
        diags.push(
            Diagnostic::new(
                Code::RowMissing,
                msg!(
                    "row {} was not found in the part 2 table; its values are null",
                    spec.key
                ),
            )
            .field(msg!("active_disclosure.{}", spec.key)),
        );
    }
    Some(table)
}

/// The key of the part-2 row a label names, if any.
fn row_key(row: &SplitRow<'_>) -> Option<&'static str> {
    DISCLOSURE_WORDS
        .first_group(row.last_label())
        .map(|k| DISCLOSURE_LABEL_WORDS[k].0)
}

/// Reading order: numbers printed under a column header (`本年处理决定数量`) rather
/// than after their row's label, which stands just before or just after them with no
/// numbers of its own (`行政许可`). The nearest labelled row on each side, not past a
/// row that has numbers, is looked at; when exactly one of them names a row without
/// numbers and with as many columns as there are numbers, they are that row's, read
/// with a `row_placed` warning; otherwise they are left unread.
fn lend_orphans(rows: &mut [SplitRow<'_>], template: Template, diags: &mut Vec<Diagnostic>) {
    let specs = disclosure_rows(template);
    let width = |key: &str| specs.iter().find(|r| r.key == key).map(|r| r.columns.len());
    for i in 0..rows.len() {
        let orphan = &rows[i];
        if orphan.values.is_empty() || orphan.labels.is_empty() || row_key(orphan).is_some() {
            continue;
        }
        let n = orphan.values.len();
        // The nearest row naming a template row on one side, unless a row with numbers
        // comes first.
        let nearest = |range: &mut dyn Iterator<Item = usize>| -> Option<usize> {
            for j in range {
                if !rows[j].values.is_empty() {
                    return None;
                }
                if let Some(key) = row_key(&rows[j]) {
                    return (width(key) == Some(n)).then_some(j);
                }
            }
            None
        };
        let before = nearest(&mut (0..i).rev());
        let after = nearest(&mut (i + 1..rows.len()));
        let ((Some(j), None) | (None, Some(j))) = (before, after) else {
            continue;
        };
        let key = row_key(&rows[j]).unwrap_or_default();
        diags.push(
            Diagnostic::new(
                Code::RowPlaced,
                msg!(
                    "the numbers after {:?} were read as row {key}, whose label stands next to them with no numbers of its own",
                    orphan.all_labels()
                ),
            )
            .at(orphan.values[0].line)
            .field(msg!("active_disclosure.{key}")),
        );
        rows[j].values = std::mem::take(&mut rows[i].values);
    }
}

/// Rows whose labels stand on lines of their own, above or below their numbers
/// ([`apart`]), made whole. A label takes the numbers beside it only when they are as
/// many as its row's columns. Where the table's ends allow both sides and the two
/// pairings differ, nothing is paired and the table says so (`ambiguous_row`): its rows
/// are then missing, never read from a neighbour.
fn labels_apart<'g>(
    rows: Vec<SplitRow<'g>>,
    template: Template,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SplitRow<'g>> {
    let specs = disclosure_rows(template);
    let blank = |c: &&Cell<'_>| crate::normalize::is_blank(&c.text);
    let kinds: Vec<RowKind> = rows
        .iter()
        .map(|row| {
            let all_blank = row.values.iter().all(blank);
            if row.labels.is_empty() {
                return if row.values.is_empty() || all_blank && row.values.len() > 3 {
                    RowKind::Other
                } else {
                    RowKind::Numbers
                };
            }
            if is_header(row) {
                return RowKind::Header;
            }
            match (row_key(row), all_blank) {
                (_, false) => RowKind::Whole,
                (Some(key), true) => RowKind::Label(key),
                (None, true) => RowKind::Other,
            }
        })
        .collect();
    if !apart::is_apart(&kinds) {
        return rows;
    }
    // The numbers a row of numbers prints, blank cells within counted, padding not.
    let printed =
        |r: &SplitRow<'_>| r.values.len() - r.values.iter().rev().take_while(|c| blank(c)).count();
    let fits = |label: usize, numbers: usize| {
        let RowKind::Label(key) = kinds[label] else {
            return false;
        };
        let width = specs
            .iter()
            .find(|s| s.key == key)
            .map_or(0, |s| s.columns.len());
        let row = &rows[numbers];
        printed(row) <= width && (printed(row) == width || row.values.len() == width)
    };
    let sides = apart::sides(&kinds);
    let mut pairings = sides.iter().map(|&side| apart::pairs(&kinds, side, fits));
    let Some(pairs) = pairings.next() else {
        return rows;
    };
    let mut sorted = pairs.clone();
    sorted.sort_unstable();
    if pairings.any(|mut other| {
        other.sort_unstable();
        other != sorted
    }) {
        diags.push(
            Diagnostic::new(
                Code::AmbiguousRow,
                "the part 2 row labels stand apart from their numbers and the table's ends do not show on which side; the rows were not read",
            )
            .at(rows[0].line)
            .field("active_disclosure"),
        );
        return rows;
    }
    beside_unpaired(&rows, &kinds, &pairs, diags);
    apart::merged(&rows, &pairs)
}

/// A row of numbers left without a label: its numbers are read nowhere, and the table
/// says so at its line.
fn unplaced_numbers(row: &SplitRow<'_>, diags: &mut Vec<Diagnostic>) {
    if !row.has_number() {
        return;
    }
    let printed = row.value_texts();
    diags.push(
        Diagnostic::new(
            Code::UnknownRow,
            msg!("a row of numbers without a label ({printed:?}) could not be placed in part 2; ignored"),
        )
        .at(row.line),
    );
}

/// A row of numbers that no label took stands next to a label's numbers (with nothing
/// between them but lines naming no row): it may hold more of that row's cells, cut onto
/// a line of their own, or the label may belong to it. Every such paired row is flagged
/// (`ambiguous_row`); its values stay as read.
fn beside_unpaired(
    rows: &[SplitRow<'_>],
    kinds: &[RowKind],
    pairs: &[(usize, usize)],
    diags: &mut Vec<Diagnostic>,
) {
    // The label row each row of numbers was paired with.
    let mut label_of = vec![None; rows.len()];
    for &(label, numbers) in pairs {
        label_of[numbers] = Some(label);
    }
    let mut flagged = vec![false; rows.len()];
    for (o, kind) in kinds.iter().enumerate() {
        if *kind != RowKind::Numbers || label_of[o].is_some() || !rows[o].has_number() {
            continue;
        }
        let up = (0..o).rev().find(|&j| kinds[j] != RowKind::Other);
        let down = (o + 1..kinds.len()).find(|&j| kinds[j] != RowKind::Other);
        for next in [up, down] {
            let Some(label) = next
                .filter(|&j| kinds[j] == RowKind::Numbers)
                .and_then(|j| label_of[j])
            else {
                continue;
            };
            if std::mem::replace(&mut flagged[label], true) {
                continue;
            }
            let RowKind::Label(key) = kinds[label] else {
                continue;
            };
            diags.push(
                Diagnostic::new(
                    Code::AmbiguousRow,
                    msg!(
                        "the numbers read as {key} stand next to a row of numbers that no label took (line {}): that row may hold more of its cells, or the label may be that row's",
                        rows[o].line
                    ),
                )
                .at(rows[label].line)
                .field(msg!("active_disclosure.{key}")),
            );
        }
    }
}

/// The unit a header names for its amounts.
fn unit_named(header: &str) -> Option<Unit> {
    if header.contains("万元") {
        Some(Unit::TenThousandYuan)
    } else if header.contains("元") {
        Some(Unit::Yuan)
    } else {
        None
    }
}

/// An amount kept as printed under a header that names no unit: says what the cell shows.
fn unit_unknown(cell: Option<&Cell<'_>>, field: &Field<'_>, diags: &mut Vec<Diagnostic>) {
    let Some(cell) = cell else {
        return;
    };
    let unit = match cell_content(&cell.text) {
        CellContent::Number {
            unit: Some(Unit::Yuan),
            ..
        } => "the cell prints 元",
        CellContent::Number {
            unit: Some(Unit::TenThousandYuan),
            ..
        } => "the cell prints 万元",
        _ => "no unit is printed",
    };
    diags.push(
        Diagnostic::new(
            Code::UnitUnknown,
            msg!(
                "the header of 采购总金额 names no unit and {unit}; the amount {:?} is kept as printed",
                cell.text.trim()
            ),
        )
        .at(cell.line)
        .field(field.path()),
    );
}

/// A row that the other template has (e.g. 采购 in a 2021 table).
fn unexpected_row(key: &str, line: usize, diags: &mut Vec<Diagnostic>) {
    diags.push(
        Diagnostic::new(
            Code::UnknownRow,
            msg!("row {key} is not a row of this report's template; ignored"),
        )
        .at(line),
    );
}
