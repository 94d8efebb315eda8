//! The template's balance (勾稽关系) as equations: which cells of a table must add up
//! to which. Each equation is built from the rows' [`Role`]s, so a new row takes part in
//! the right sums by its role alone.
//!
//! Two stages read them: the checks report every equation that fails, and the semantic
//! stage, when a table admits two readings, keeps the one whose equations hold. Neither
//! calls the other; both ask here.

use super::applications::{
    ApplicationRowSpec, Applications, Outcome, Role, APPLICANT_COLUMNS, APPLICATION_ROW_SPECS,
    OTHER_HANDLING,
};
use super::review::REVIEW_GROUPS;
use crate::report::{ApplicationRow, ReviewLitigation};

/// One side of an equation: what it adds up, and what its values (`None` for a blank
/// cell) come to. The values are added up as the side is made, not kept: the checks and
/// the semantic stage ask only their sum and how many are blank, and a vector per side
/// was two allocations per equation, some seventy equations per report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Side {
    /// The side as a reader of a diagnostic sees it (`一+二`, `总计`).
    pub what: &'static str,
    /// The same in Chinese throughout, for [`crate::message_zh`] (most sides are the
    /// template's labels already, and the same in both).
    pub what_zh: &'static str,
    /// The sum of the values, blanks read as zero.
    sum: u64,
    /// How many of the values are blank.
    blanks: usize,
    /// How many values it adds up.
    count: usize,
}

impl Side {
    fn new(what: &'static str, values: impl IntoIterator<Item = Option<u64>>) -> Side {
        Side::worded(what, what, values)
    }

    /// A side whose English wording is not the template's own.
    fn worded(
        what: &'static str,
        what_zh: &'static str,
        values: impl IntoIterator<Item = Option<u64>>,
    ) -> Side {
        let (mut sum, mut blanks, mut count) = (0u64, 0, 0);
        for v in values {
            sum += v.unwrap_or(0);
            blanks += usize::from(v.is_none());
            count += 1;
        }
        Side {
            what,
            what_zh,
            sum,
            blanks,
            count,
        }
    }

    /// The sum, blanks read as zero.
    pub(crate) fn sum(&self) -> u64 {
        self.sum
    }

    /// How many of the values are blank.
    pub(crate) fn blanks(&self) -> usize {
        self.blanks
    }
}

/// `left == right`, with a stable id (`applications.balance.total`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Equation {
    /// The check id diagnostics carry: a family and a key, joined by a dot (kept apart
    /// so that no id is formatted for an equation that raises nothing).
    pub id: (&'static str, &'static str),
    /// The left side.
    pub left: Side,
    /// The right side.
    pub right: Side,
}

impl Equation {
    fn new(id: (&'static str, &'static str), left: Side, right: Side) -> Equation {
        Equation { id, left, right }
    }

    /// The id as diagnostics print it, `family.key`: joined by hand, called only for an
    /// equation that raises something, and used for both its message and its `check`.
    pub(crate) fn id(&self) -> String {
        let (family, key) = self.id;
        let mut id = String::with_capacity(family.len() + 1 + key.len());
        id.push_str(family);
        id.push('.');
        id.push_str(key);
        id
    }

    /// True when every value of both sides is blank: there is nothing to evaluate.
    pub(crate) fn is_blank(&self) -> bool {
        self.left.blanks() + self.right.blanks() == self.left.count + self.right.count
    }

    /// True when the sides differ, blanks read as zero (an all-blank equation does not
    /// fail: it is not evaluated).
    pub(crate) fn fails(&self) -> bool {
        !self.is_blank() && self.left.sum() != self.right.sum()
    }
}

/// The equations of part 3: for each column, 一 + 二 = （七）总计 + 四 and the result
/// rows add up to （七）总计; for each row, the applicant columns add up to 总计 and, where
/// the report prints 法人或其他组织小计, the organisation columns to it.
pub(crate) fn applications(apps: &Applications) -> Vec<Equation> {
    let row = |k: &str| apps.row(k).expect("a key of the template");
    // The rows each equation reads, looked up once rather than per column.
    let one = |role: Role| {
        APPLICATION_ROW_SPECS
            .iter()
            .find(|s| s.role == role)
            .map(|s| row(s.key))
            .expect("a row of each balance role")
    };
    let (new, carried, total, forward) = (
        one(Role::NewReceived),
        one(Role::CarriedOver),
        one(Role::TotalProcessed),
        one(Role::CarriedForward),
    );
    let is_other = |s: &&ApplicationRowSpec| s.role == Role::Result(Outcome::Other);
    let single_other = apps.other_handling.is_some();
    let has_orgs = new.organizations.is_some() || total.organizations.is_some();
    // The rows in the template's order, （六） as one row where the report prints it so.
    let rows: Vec<(&'static str, &ApplicationRow)> = APPLICATION_ROW_SPECS
        .iter()
        .filter(|s| !(single_other && is_other(s)))
        .map(|s| (s.key, row(s.key)))
        .chain(
            apps.other_handling
                .as_ref()
                .map(|r| (OTHER_HANDLING.key, r)),
        )
        .collect();
    let results: Vec<&ApplicationRow> = APPLICATION_ROW_SPECS
        .iter()
        .filter(|s| matches!(s.role, Role::Result(_)) && !(single_other && is_other(s)))
        .map(|s| row(s.key))
        .chain(apps.other_handling.as_ref())
        .collect();
    // The columns the equations run down, each with how its value is read: by place, as
    // `ApplicationRow::applicants` gives them, not by matching its key.
    let mut columns: Vec<(&'static str, Column)> = APPLICANT_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, &name)| (name, Column::Applicant(i)))
        .collect();
    if has_orgs {
        columns.push(("organizations", Column::Organizations));
    }
    columns.push(("total", Column::Total));

    let mut out = Vec::with_capacity(columns.len() * 2 + rows.len() * 2);
    for &(col, at) in &columns {
        out.push(Equation::new(
            ("applications.balance", col),
            Side::new("一+二", [at.of(new), at.of(carried)]),
            Side::new("三(七)总计+四", [at.of(total), at.of(forward)]),
        ));
        out.push(Equation::new(
            ("applications.results_sum", col),
            Side::worded(
                "sum of result rows",
                "各办理结果之和",
                results.iter().map(|r| at.of(r)),
            ),
            Side::new("(七)总计", [at.of(total)]),
        ));
    }
    for (key, r) in rows {
        out.push(Equation::new(
            ("applications.row_total", key),
            Side::worded("sum of applicant columns", "各类申请人之和", r.applicants()),
            Side::new("总计", [r.total]),
        ));
        if has_orgs {
            out.push(Equation::new(
                ("applications.organizations", key),
                Side::worded(
                    "sum of organisation columns",
                    "各类法人或其他组织之和",
                    r.applicants()[1..].iter().copied(),
                ),
                Side::new("法人或其他组织小计", [r.organizations.flatten()]),
            ));
        }
    }
    out
}

/// A column of part 3 as the equations read it.
#[derive(Debug, Clone, Copy)]
enum Column {
    /// The applicant column at this place of [`APPLICANT_COLUMNS`].
    Applicant(usize),
    /// 法人或其他组织小计.
    Organizations,
    /// 总计.
    Total,
}

impl Column {
    /// The column's value in a row (`None` for a blank cell or an unprinted 小计).
    fn of(self, r: &ApplicationRow) -> Option<u64> {
        match self {
            Column::Applicant(i) => r.applicants()[i],
            Column::Organizations => r.organizations.flatten(),
            Column::Total => r.total,
        }
    }
}

/// True when no equation of part 3 fails (blank cells read as zero; an equation with
/// no value at all does not count against it).
pub(crate) fn applications_hold(apps: &Applications) -> bool {
    !applications(apps).iter().any(Equation::fails)
}

/// The equations of part 4: in each group, 维持 + 纠正 + 其他 + 尚未审结 = 总计.
pub(crate) fn review_litigation(review: &ReviewLitigation) -> Vec<Equation> {
    REVIEW_GROUPS
        .iter()
        .map(|group| {
            let v = review
                .group(group)
                .expect("a group of the template")
                .values();
            Equation::new(
                ("review_litigation.total", group),
                Side::new("维持+纠正+其他+尚未审结", v[..4].iter().copied()),
                Side::new("总计", [v[4]]),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::APPLICATION_ROWS;

    #[test]
    fn a_zero_table_holds_and_one_changed_cell_breaks_two_equations() {
        let mut apps = Applications::default();
        for key in APPLICATION_ROWS {
            let r = apps.row_mut(key).unwrap();
            for c in APPLICANT_COLUMNS.iter().chain(["total"].iter()) {
                r.set(c, Some(0));
            }
        }
        assert!(applications_hold(&apps));
        apps.new_received.natural_person = Some(2);
        let failing: Vec<String> = applications(&apps)
            .into_iter()
            .filter(Equation::fails)
            .map(|e| e.id())
            .collect();
        assert_eq!(
            failing,
            [
                "applications.balance.natural_person",
                "applications.row_total.new_received"
            ]
        );
    }

    #[test]
    fn columns_by_place_are_the_columns_by_name() {
        let mut r = ApplicationRow::default();
        for (i, c) in APPLICANT_COLUMNS.iter().enumerate() {
            r.set(c, Some(i as u64 + 1));
        }
        r.set("organizations", Some(20));
        r.set("total", Some(21));
        for (i, c) in APPLICANT_COLUMNS.iter().enumerate() {
            assert_eq!(Column::Applicant(i).of(&r), r.get(c).flatten(), "{c}");
        }
        assert_eq!(Column::Organizations.of(&r), Some(20));
        assert_eq!(Column::Total.of(&r), Some(21));
    }

    #[test]
    fn an_empty_table_is_not_evaluated() {
        let apps = Applications::default();
        assert!(applications(&apps).iter().all(Equation::is_blank));
        assert!(applications_hold(&apps));
    }
}
