//! The template's consistency checks (勾稽关系), run on every parse after the semantic
//! stage, on the finished [`Report`].
//!
//! Checks come in families, one module each: [`applications`] (part 3 adds up across
//! and down), [`review_litigation`] (part 4's totals) and [`prose`] (the totals the text
//! states are the tables'). A new check goes into the module
//! of its family, or a new module called from [`run`]. Each check has a stable id. A check whose inputs include `null` is evaluated with the
//! blanks read as zero: if it holds that way it is one `check_blank_as_zero` warning, if
//! not it fails like any other. A check with no value at all is one `check_skipped`.

mod applications;
mod prose;

pub(crate) use prose::lines as prose_lines;
mod review_litigation;

use crate::diagnostic::{Code, Diagnostic};
use crate::input::Line;
use crate::report::Report;

/// One side of a check: a description and the values that add up to it.
pub(crate) struct Side {
    what: &'static str,
    values: Vec<Option<u64>>,
}

impl Side {
    pub(crate) fn new(what: &'static str, values: Vec<Option<u64>>) -> Self {
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
pub(crate) fn check(
    id: &dyn std::fmt::Display,
    left: Side,
    right: Side,
    diags: &mut Vec<Diagnostic>,
) {
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

/// True when part 3 adds up: no check of [`applications`] fails (checks that cannot be
/// evaluated for blanks do not count against it).
pub(crate) fn applications_hold(apps: &crate::template::Applications) -> bool {
    let mut diags = Vec::new();
    applications::run(apps, &mut diags);
    !diags.iter().any(|d| d.code == Code::CheckFailed)
}

/// Runs every check on a report; returns the diagnostics of the checks that failed, held
/// only with blanks read as zero, or could not be evaluated.
/// `lines` are the document's lines that [`prose`] reads ([`prose_lines`]).
pub(crate) fn run(report: &Report, lines: &[Line<'_>]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    applications::run(&report.applications, &mut diags);
    review_litigation::run(&report.review_litigation, &mut diags);
    prose::run(report, lines, &mut diags);
    diags
}
