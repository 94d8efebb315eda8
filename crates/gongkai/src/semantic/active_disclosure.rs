//! Part 2: documents issued, licences, penalties, coercion, fees (and in template 2019,
//! other services and procurement).

use super::cells::{amount, count, first_time, fit, signed, split, Kind, SplitRow};
use crate::diagnostic::{Code, Diagnostic};
use crate::grammar::{cell_content, CellContent, Unit};
use crate::layout::Grid;
use crate::normalize::{fold, has};
use crate::report::{ActiveDisclosure, ActiveDisclosure2019, ActiveDisclosure2021, Template};

/// Row keys and the words their labels contain, most specific first.
const ROWS: [(&str, &str); 8] = [
    ("normative_documents", "规范性文件"),
    ("rules", "规章"),
    ("other_services", "其他对外管理服务"),
    ("licensing", "行政许可"),
    ("punishment", "行政处罚"),
    ("coercion", "行政强制"),
    ("procurement", "采购"),
    ("fees", "收费"),
];

/// Header words that only template 2019 prints in part 2.
const TEMPLATE_2019_WORDS: [&str; 6] = [
    "新制作",
    "新公开",
    "对外公开总数",
    "上一年项目",
    "增/减",
    "其他对外管理服务",
];

fn is_header(row: &SplitRow<'_>) -> bool {
    row.labels.iter().any(|c| {
        let t = fold(&c.text);
        has(&t, "信息内容") || t.starts_with("第二十条")
    })
}

/// Which template a part-2 grid follows, if it tells.
pub fn template_of(grid: &Grid) -> Option<Template> {
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

/// Reads part 2 from its grid in the shape of `template`.
pub fn read(grid: &Grid, template: Template, diags: &mut Vec<Diagnostic>) -> ActiveDisclosure {
    let mut out21 = ActiveDisclosure2021::default();
    let mut out19 = ActiveDisclosure2019::default();
    let mut found: Vec<&str> = Vec::new();
    let mut header_unit: Option<Unit> = None;
    for row in &grid.rows {
        let row = split(row);
        if row.labels.is_empty() {
            continue;
        }
        if is_header(&row) {
            let t = row.all_labels();
            header_unit = if t.contains("万元") {
                Some(Unit::TenThousandYuan)
            } else if t.contains("元") {
                Some(Unit::Yuan)
            } else {
                None
            };
            continue;
        }
        if row.values.is_empty() {
            continue;
        }
        let last = row.last_label();
        let Some(&(key, _)) = ROWS.iter().find(|(_, w)| has(&last, w)) else {
            continue;
        };
        let field = msg!("active_disclosure.{key}");
        if !first_time(&mut found, key, &field, row.line, diags) {
            continue;
        }
        let n = match (template, key) {
            (_, "rules" | "normative_documents") => 3,
            (Template::T2021, _) => 1,
            (Template::T2019, "fees" | "procurement") => 2,
            (Template::T2019, _) => 3,
        };
        let cells = fit(&row.values, n, grid.layout, &field, row.line, diags);
        let f = |col: &str| msg!("{field}.{col}");
        match template {
            Template::T2021 => match key {
                "rules" | "normative_documents" => {
                    let d = if key == "rules" {
                        &mut out21.rules
                    } else {
                        &mut out21.normative_documents
                    };
                    d.issued = count(cells[0], &f("issued"), diags);
                    d.repealed = count(cells[1], &f("repealed"), diags);
                    d.in_force = count(cells[2], &f("in_force"), diags);
                }
                "licensing" => out21.licensing.decisions = count(cells[0], &f("decisions"), diags),
                "punishment" => {
                    out21.punishment.decisions = count(cells[0], &f("decisions"), diags)
                }
                "coercion" => out21.coercion.decisions = count(cells[0], &f("decisions"), diags),
                "fees" => {
                    out21.fees.amount = amount(cells[0], Kind::TenThousandYuan, &f("amount"), diags)
                }
                _ => unexpected_row(key, row.line, diags),
            },
            Template::T2019 => match key {
                "rules" | "normative_documents" => {
                    let d = if key == "rules" {
                        &mut out19.rules
                    } else {
                        &mut out19.normative_documents
                    };
                    d.made = count(cells[0], &f("made"), diags);
                    d.published = count(cells[1], &f("published"), diags);
                    d.total_published = count(cells[2], &f("total_published"), diags);
                }
                "licensing" | "other_services" | "punishment" | "coercion" => {
                    let m = match key {
                        "licensing" => &mut out19.licensing,
                        "other_services" => &mut out19.other_services,
                        "punishment" => &mut out19.punishment,
                        _ => &mut out19.coercion,
                    };
                    m.previous = count(cells[0], &f("previous"), diags);
                    m.change = signed(cells[1], &f("change"), diags);
                    m.decisions = count(cells[2], &f("decisions"), diags);
                }
                "fees" => {
                    out19.fees.previous = count(cells[0], &f("previous"), diags);
                    out19.fees.change = signed(cells[1], &f("change"), diags);
                }
                "procurement" => {
                    out19.procurement.projects = count(cells[0], &f("projects"), diags);
                    out19.procurement.amount =
                        amount(cells[1], Kind::AsPrinted, &f("amount"), diags);
                    if header_unit.is_none() {
                        if let Some(cell) = cells[1] {
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
                                    msg!("the header of 采购总金额 names no unit and {unit}; the amount {:?} is kept as printed", cell.text.trim()),
                                )
                                .at(cell.line)
                                .field(f("amount")),
                            );
                        }
                    }
                }
                _ => unexpected_row(key, row.line, diags),
            },
        }
    }
    let expected: &[&str] = match template {
        Template::T2021 => &[
            "rules",
            "normative_documents",
            "licensing",
            "punishment",
            "coercion",
            "fees",
        ],
        Template::T2019 => &[
            "rules",
            "normative_documents",
            "licensing",
            "other_services",
            "punishment",
            "coercion",
            "fees",
            "procurement",
        ],
    };
    if found.is_empty() {
        diags.push(
            Diagnostic::new(
                Code::TableMissing,
                "the part 2 table (主动公开政府信息情况) was not found; its values are null",
            )
            .field("active_disclosure"),
        );
    } else {
        for key in expected.iter().filter(|k| !found.contains(k)) {
            diags.push(
                Diagnostic::new(
                    Code::RowMissing,
                    msg!("row {key} was not found in the part 2 table; its values are null"),
                )
                .field(msg!("active_disclosure.{key}")),
            );
        }
    }
    match template {
        Template::T2021 => ActiveDisclosure::T2021(out21),
        Template::T2019 => ActiveDisclosure::T2019(out19),
    }
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
