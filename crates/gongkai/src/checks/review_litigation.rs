//! Part 4 adds up: in each group, 维持 + 纠正 + 其他 + 尚未审结 = 总计.

use super::{check, Side};
use crate::diagnostic::Diagnostic;
use crate::report::ReviewLitigation;
use crate::template::REVIEW_GROUPS;

/// Runs the part-4 checks.
pub(super) fn run(review: &ReviewLitigation, diags: &mut Vec<Diagnostic>) {
    for group in REVIEW_GROUPS {
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
    use crate::diagnostic::Code;

    #[test]
    fn blanks_read_as_zero_when_the_check_holds() {
        let mut review = ReviewLitigation::default();
        review.review.upheld = Some(1);
        review.review.total = Some(1);
        let mut d = Vec::new();
        run(&review, &mut d);
        assert!(d.iter().any(|d| d.code == Code::CheckBlankAsZero
            && d.check.as_deref() == Some("review_litigation.total.review")));
        // The other two groups are all null: skipped, one each.
        assert_eq!(d.iter().filter(|d| d.code == Code::CheckSkipped).count(), 2);
    }
}
