//! The template's consistency checks (勾稽关系), run on every parse.
//!
//! Each check has a stable id. A check whose inputs include `null` is evaluated with the
//! blanks read as zero: if it holds that way it is one `check_blank_as_zero` warning, if
//! not it fails like any other. A check with no value at all is one `check_skipped`.

use crate::diagnostic::{Code, Diagnostic};
use crate::report::{Applications, ReviewLitigation, APPLICANT_COLUMNS, APPLICATION_ROWS};

/// The result rows of part 3 whose sum is （七）总计, with the three （六） rows.
const RESULT_ROWS: [&str; 21] = [
    "granted",
    "partially_granted",
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party_rights",
    "withheld_internal_affairs",
    "withheld_process_information",
    "withheld_enforcement_files",
    "withheld_query_matters",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_still_unclear",
    "rejected_complaint",
    "rejected_duplicate",
    "rejected_publication",
    "rejected_excessive",
    "rejected_reconfirmation",
    "other_overdue_correction",
    "other_unpaid_fee",
    "other_other",
];

/// One side of a check: a description and the values that add up to it.
struct Side {
    what: &'static str,
    values: Vec<Option<u64>>,
}

impl Side {
    fn new(what: &'static str, values: Vec<Option<u64>>) -> Self {
        Side { what, values }
    }

    fn sum(&self) -> u64 {
        self.values.iter().map(|v| v.unwrap_or(0)).sum()
    }

    fn blanks(&self) -> usize {
        self.values.iter().filter(|v| v.is_none()).count()
    }
}

/// Evaluates `left == right` and records the outcome.
fn check(id: &dyn std::fmt::Display, left: Side, right: Side, diags: &mut Vec<Diagnostic>) {
    let total = left.values.len() + right.values.len();
    let blanks = left.blanks() + right.blanks();
    if blanks == total {
        diags.push(
            Diagnostic::new(
                Code::CheckSkipped,
                msg!("{id}: not evaluated, every value is null"),
            )
            .check(msg!("{id}")),
        );
        return;
    }
    let (l, r) = (left.sum(), right.sum());
    if l != r {
        let note = if blanks > 0 {
            " (blank cells read as zero)"
        } else {
            ""
        };
        diags.push(
            Diagnostic::new(
                Code::CheckFailed,
                msg!("{id}: {}={l} != {}={r}{note}", left.what, right.what),
            )
            .check(msg!("{id}")),
        );
    } else if blanks > 0 {
        diags.push(
            Diagnostic::new(
                Code::CheckBlankAsZero,
                msg!(
                    "{id}: {}={l} == {}={r} only with {blanks} blank cells read as zero",
                    left.what,
                    right.what
                ),
            )
            .check(msg!("{id}")),
        );
    }
}

/// Runs every check of parts 3 and 4.
pub fn run(apps: &Applications, review: &ReviewLitigation, diags: &mut Vec<Diagnostic>) {
    let row = |k: &str| apps.row(k).expect("known row");
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
                vec![get("new_received", col), get("carried_over", col)],
            ),
            Side::new(
                "三(七)总计+四",
                vec![get("total_processed", col), get("carried_forward", col)],
            ),
            diags,
        );
        let mut results: Vec<Option<u64>> = RESULT_ROWS
            .iter()
            .filter(|k| !(single_other && k.starts_with("other_")))
            .map(|k| get(k, col))
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
            Side::new("(七)总计", vec![get("total_processed", col)]),
            diags,
        );
    }

    let rows = APPLICATION_ROWS
        .iter()
        .copied()
        .filter(|k| !(single_other && k.starts_with("other_")))
        .chain(single_other.then_some("other_handling"));
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

    for group in crate::report::REVIEW_GROUPS {
        let g = review.group(group).expect("known group");
        let v = g.values();
        check(
            &format_args!("review_litigation.total.{group}"),
            Side::new("维持+纠正+其他+尚未审结", v[..4].to_vec()),
            Side::new("总计", vec![v[4]]),
            diags,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        run(&apps, &ReviewLitigation::default(), &mut d);
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
        // Part 4 is all null: skipped, one per group.
        assert_eq!(d.iter().filter(|d| d.code == Code::CheckSkipped).count(), 3);
    }

    #[test]
    fn blanks_read_as_zero_when_the_check_holds() {
        let mut review = ReviewLitigation::default();
        review.review.upheld = Some(1);
        review.review.total = Some(1);
        let mut d = Vec::new();
        run(&Applications::default(), &review, &mut d);
        assert!(d.iter().any(|d| d.code == Code::CheckBlankAsZero
            && d.check.as_deref() == Some("review_litigation.total.review")));
    }
}
