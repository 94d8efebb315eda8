//! Part 2: documents issued, licences, penalties, coercion, fees (and in template 2019,
//! other services and procurement).

use super::cells::{amount, count, first_time, fit, signed, split, Kind, SplitRow};
use crate::diagnostic::{Code, Diagnostic};
use crate::grammar::{cell_content, CellContent, Unit};
use crate::input::{Cell, Grid};
use crate::normalize::{fold, has};
use crate::report::{ActiveDisclosure, Template};
use crate::template::{disclosure_rows, ValueKind, DISCLOSURE_LABEL_WORDS, TEMPLATE_2019_WORDS};

fn is_header(row: &SplitRow<'_>) -> bool {
    row.labels.iter().any(|c| {
        let t = fold(&c.text);
        has(&t, "信息内容") || t.starts_with("第二十条")
    })
}

/// Which template a part-2 grid follows, if it tells.
pub fn template_of(grid: &Grid<'_>) -> Option<Template> {
    let mut any = false;
    for row in &grid.rows {
        for c in &row.cells {
            let t = fold(&c.text);
            if TEMPLATE_2019_WORDS.iter().any(|w| has(&t, w)) {
                return Some(Template::T2019);
            }
            any |= has(&t, "本年制发") || has(&t, "现行有效") || has(&t, "本年处理决定");
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
    let mut table = serde_json::Map::new();
    let mut found: Vec<&str> = Vec::new();
    let mut header_unit: Option<Unit> = None;
    for row in &grid.rows {
        let row = split(row);
        if row.labels.is_empty() {
            continue;
        }
        if is_header(&row) {
            header_unit = unit_named(&row.all_labels());
            continue;
        }
        if row.values.is_empty() {
            continue;
        }
        let last = row.last_label();
        let Some(&(key, _)) = DISCLOSURE_LABEL_WORDS.iter().find(|(_, w)| has(&last, w)) else {
            continue;
        };
        let field = msg!("active_disclosure.{key}");
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
            grid.layout,
            &field,
            row.line,
            diags,
        );
        let mut values = serde_json::Map::new();
        for (col, cell) in spec.columns.iter().zip(cells) {
            let path = format_args!("{field}.{}", col.key);
            let value = match col.kind {
                ValueKind::Count => count(cell, &path, diags).into(),
                ValueKind::Signed => signed(cell, &path, diags).into(),
                ValueKind::TenThousandYuan => {
                    amount(cell, Kind::TenThousandYuan, &path, diags).into()
                }
                ValueKind::AsPrinted => {
                    let v = amount(cell, Kind::AsPrinted, &path, diags);
                    if header_unit.is_none() {
                        unit_unknown(cell, &path, diags);
                    }
                    v.into()
                }
            };
            values.insert(col.key.to_string(), value);
        }
        table.insert(key.to_string(), values.into());
    }
    if found.is_empty() {
        return None;
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
        table.insert(spec.key.to_string(), serde_json::Map::new().into());
    }
    let table = serde_json::Value::Object(table);
    let out = match template {
        Template::T2021 => serde_json::from_value(table).map(ActiveDisclosure::T2021),
        Template::T2019 => serde_json::from_value(table).map(ActiveDisclosure::T2019),
    };
    // Every key and value above comes from the template, which the types mirror.
    Some(out.expect("part 2 values fit the template's types"))
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
fn unit_unknown(
    cell: Option<&Cell<'_>>,
    field: &dyn std::fmt::Display,
    diags: &mut Vec<Diagnostic>,
) {
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
        .field(msg!("{field}")),
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
