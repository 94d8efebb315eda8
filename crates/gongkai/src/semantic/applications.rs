//! Part 3: the applications table (25 rows × 7 columns, or 8 with 法人或其他组织小计).

use super::cells::{count, first_time, fit, split, SplitRow};
use crate::diagnostic::{Code, Diagnostic};
use crate::input::Grid;
use crate::normalize::{fold, has};
use crate::report::Template;
use crate::template::{
    ApplicationRowSpec, Applications, Outcome, Pattern::*, Role, APPLICANT_COLUMNS,
    APPLICATION_ROW_SPECS, OTHER_HANDLING,
};

/// Column header words: a row with two or more of them is a header row.
const HEADER_WORDS: [&str; 9] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
    "法人或其他组织",
    "申请人情况",
];

fn is_header(row: &SplitRow<'_>) -> bool {
    let n = row
        .labels
        .iter()
        .filter(|c| {
            let t = fold(&c.text);
            HEADER_WORDS.iter().any(|w| t == *w) || has(&t, "小计")
        })
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
    let specs = || APPLICATION_ROW_SPECS.iter().chain([&OTHER_HANDLING]);
    let last = row.last_label();
    let hit = specs().find(|spec| match spec.pattern {
        Contains(words) => words.iter().any(|w| has(&last, w)),
        Exactly(word) => last == word,
        ExactlyLate(word) => late && last == word,
    });
    if hit.is_some() {
        return hit;
    }
    // A label wrapped over cells: try the whole label text.
    let all = row.all_labels();
    specs().find(|spec| match spec.pattern {
        Contains(words) => words.iter().any(|w| has(&all, w)),
        _ => false,
    })
}

/// True for the rows after which the bare `其他` is （六）3.其他.
fn is_late(role: Role) -> bool {
    matches!(
        role,
        Role::Result(Outcome::Rejected) | Role::Result(Outcome::Other)
    )
}

/// Reads part 3 from its grid; `None` when the grid holds no row of it.
pub fn read(grid: &Grid<'_>, _: Template, diags: &mut Vec<Diagnostic>) -> Option<Applications> {
    let mut apps = Applications::default();
    let mut columns: Vec<&str> = APPLICANT_COLUMNS.to_vec();
    columns.push("total");
    let mut found: Vec<&str> = Vec::with_capacity(26);
    let mut late = false;
    for row in &grid.rows {
        let row = split(row);
        if row.labels.is_empty() {
            continue;
        }
        if is_header(&row) {
            if row.labels.iter().any(|c| fold(&c.text).contains("小计")) && columns.len() == 7 {
                columns.insert(6, "organizations");
            }
            continue;
        }
        if row.values.is_empty() {
            continue;
        }
        let Some(spec) = match_row(&row, late) else {
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
        late |= is_late(spec.role);
        let cells = fit(
            &row.values,
            columns.len(),
            grid.layout,
            &field,
            row.line,
            diags,
        );
        let target = apps.row_mut(key).expect("known row key");
        for (col, cell) in columns.iter().zip(cells) {
            let v = count(cell, &format_args!("{field}.{col}"), diags);
            target.set(col, v);
        }
    }
    if found.is_empty() {
        return None;
    }
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
