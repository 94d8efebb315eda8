//! The template's consistency checks (勾稽关系), run on every parse after the semantic
//! stage, on the finished [`Report`].
//!
//! Two families: the tables add up, evaluating the equations the template states
//! ([`crate::template::balance`]: part 3 across, down and in balance, part 4's totals),
//! and [`prose`] (the totals the text states are the tables'). An equation goes into the
//! template; a check of another kind into a module here, called from [`run`]. Each check
//! has a stable id. A check whose inputs include `null` is evaluated with the blanks
//! read as zero: if it holds that way it is one `check_blank_as_zero` warning, if not it
//! fails like any other. A check with no value at all is one `check_skipped`.

mod prose;

use crate::diagnostic::{Code, Diagnostic};
use crate::input::Line;
use crate::report::Report;
use crate::template::balance::{self, Equation};

/// Evaluates one of the template's equations and records the outcome.
fn record(eq: &Equation, diags: &mut Vec<Diagnostic>) {
    let (left, right) = (&eq.left, &eq.right);
    let raise = |code: Code, message: String, id: String| Diagnostic::new(code, message).check(id);
    if eq.is_blank() {
        let id = eq.id();
        let message = Message::new(&id).text("not evaluated, every value is null");
        diags.push(raise(Code::CheckSkipped, message.0, id));
        return;
    }
    let blanks = left.blanks() + right.blanks();
    let (l, r) = (left.sum(), right.sum());
    if l != r {
        let id = eq.id();
        let mut message = Message::new(&id)
            .text(left.what)
            .text("=")
            .number(l)
            .text(" != ")
            .text(right.what)
            .text("=")
            .number(r);
        if blanks > 0 {
            message = message.text(" (blank cells read as zero)");
        }
        diags.push(raise(Code::CheckFailed, message.0, id));
    } else if blanks > 0 {
        let id = eq.id();
        let message = Message::new(&id)
            .text(left.what)
            .text("=")
            .number(l)
            .text(" == ")
            .text(right.what)
            .text("=")
            .number(r)
            .text(" only with ")
            .number(blanks as u64)
            .text(" blank cells read as zero");
        diags.push(raise(Code::CheckBlankAsZero, message.0, id));
    }
}

/// A check's message, `id: …`, joined piece by piece into one string: a report raises
/// dozens of these, and `format!`'s argument machinery cost more than the text itself.
struct Message(String);

impl Message {
    fn new(id: &str) -> Message {
        let mut s = String::with_capacity(id.len() + 80);
        s.push_str(id);
        s.push_str(": ");
        Message(s)
    }

    fn text(mut self, text: &str) -> Message {
        self.0.push_str(text);
        self
    }

    /// The number in decimal digits, as `{}` prints it.
    fn number(mut self, mut n: u64) -> Message {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[start..] {
            self.0.push(char::from(d));
        }
        self
    }
}

/// Runs every check on a report; returns the diagnostics of the checks that failed, held
/// only with blanks read as zero, or could not be evaluated.
/// `lines` are the document's lines, where [`prose`] finds the sentences.
pub(crate) fn run(report: &Report, lines: &[Line<'_>]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let equations = balance::applications(&report.applications)
        .into_iter()
        .chain(balance::review_litigation(&report.review_litigation));
    for eq in equations {
        record(&eq, &mut diags);
    }
    prose::run(report, lines, &mut diags);
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ReviewLitigation;
    use crate::template::{Applications, APPLICANT_COLUMNS, APPLICATION_ROWS};

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
        for eq in balance::applications(&apps) {
            record(&eq, &mut d);
        }
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

    #[test]
    fn message_numbers_print_as_format_does() {
        for n in [0, 7, 10, 99, 1_000, 12_345_678, u64::MAX] {
            assert_eq!(Message(String::new()).number(n).0, n.to_string());
        }
    }

    #[test]
    fn blanks_read_as_zero_when_the_check_holds() {
        let mut review = ReviewLitigation::default();
        review.review.upheld = Some(1);
        review.review.total = Some(1);
        let mut d = Vec::new();
        for eq in balance::review_litigation(&review) {
            record(&eq, &mut d);
        }
        assert!(d.iter().any(|d| d.code == Code::CheckBlankAsZero
            && d.check.as_deref() == Some("review_litigation.total.review")));
        // The other two groups are all null: skipped, one each.
        assert_eq!(d.iter().filter(|d| d.code == Code::CheckSkipped).count(), 2);
    }
}
