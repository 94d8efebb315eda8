//! Part 3 adds up: across each row (applicant columns to 总计, organisations to their
//! 小计), down the results (result rows to （七）总计), and in balance
//! (一 + 二 = （七）总计 + 四).

use super::{check, Side};
use crate::diagnostic::Diagnostic;
use crate::template::{
    ApplicationRowSpec, Applications, Outcome, Role, APPLICANT_COLUMNS, APPLICATION_ROW_SPECS,
    OTHER_HANDLING,
};

/// Runs the part-3 checks.
pub(super) fn run(apps: &Applications, diags: &mut Vec<Diagnostic>) {
    let row = |k: &str| apps.row(k).expect("known row");
    let keys_of = |role: Role| {
        APPLICATION_ROW_SPECS
            .iter()
            .filter(move |s| s.role == role)
            .map(|s| s.key)
    };
    let one = |role: Role| keys_of(role).next().expect("a row of each balance role");
    let is_other = |s: &&ApplicationRowSpec| s.role == Role::Result(Outcome::Other);
    let single_other = apps.other_handling.is_some();
    let has_orgs =
        apps.new_received.organizations.is_some() || apps.total_processed.organizations.is_some();
    let mut columns: Vec<&str> = APPLICANT_COLUMNS.to_vec();
    if has_orgs {
        columns.push("organizations");
    }
    columns.push("total");
    let get = |k: &str, c: &str| row(k).get(c).flatten();

    for col in &columns {
        check(
            &format_args!("applications.balance.{col}"),
            Side::new(
                "一+二",
                vec![
                    get(one(Role::NewReceived), col),
                    get(one(Role::CarriedOver), col),
                ],
            ),
            Side::new(
                "三(七)总计+四",
                vec![
                    get(one(Role::TotalProcessed), col),
                    get(one(Role::CarriedForward), col),
                ],
            ),
            diags,
        );
        let mut results: Vec<Option<u64>> = APPLICATION_ROW_SPECS
            .iter()
            .filter(|s| matches!(s.role, Role::Result(_)))
            .filter(|s| !(single_other && is_other(s)))
            .map(|s| get(s.key, col))
            .collect();
        if single_other {
            results.push(
                apps.other_handling
                    .as_ref()
                    .and_then(|r| r.get(col).flatten()),
            );
        }
        check(
            &format_args!("applications.results_sum.{col}"),
            Side::new("sum of result rows", results),
            Side::new("(七)总计", vec![get(one(Role::TotalProcessed), col)]),
            diags,
        );
    }

    let rows = APPLICATION_ROW_SPECS
        .iter()
        .filter(|s| !(single_other && is_other(s)))
        .map(|s| s.key)
        .chain(single_other.then_some(OTHER_HANDLING.key));
    for key in rows {
        let r = row(key);
        check(
            &format_args!("applications.row_total.{key}"),
            Side::new(
                "sum of applicant columns",
                APPLICANT_COLUMNS
                    .iter()
                    .map(|c| r.get(c).flatten())
                    .collect(),
            ),
            Side::new("总计", vec![r.total]),
            diags,
        );
        if has_orgs {
            check(
                &format_args!("applications.organizations.{key}"),
                Side::new(
                    "sum of organisation columns",
                    APPLICANT_COLUMNS[1..]
                        .iter()
                        .map(|c| r.get(c).flatten())
                        .collect(),
                ),
                Side::new("法人或其他组织小计", vec![r.organizations.flatten()]),
                diags,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::template::APPLICATION_ROWS;

    #[test]
    fn balance_failure_names_both_sides() {
        let mut apps = Applications::default();
        for key in APPLICATION_ROWS {
            let r = apps.row_mut(key).unwrap();
            for c in APPLICANT_COLUMNS.iter().chain(["total"].iter()) {
                r.set(c, Some(0));
            }
        }
        apps.new_received.natural_person = Some(2);
        apps.new_received.total = Some(2);
        let mut d = Vec::new();
        run(&apps, &mut d);
        let failed: Vec<_> = d
            .iter()
            .filter(|d| d.code == Code::CheckFailed)
            .map(|d| d.check.clone().unwrap())
            .collect();
        assert_eq!(
            failed,
            [
                "applications.balance.natural_person",
                "applications.balance.total"
            ]
        );
        assert!(d
            .iter()
            .any(|d| d.message == "applications.balance.total: 一+二=2 != 三(七)总计+四=0"));
    }
}
