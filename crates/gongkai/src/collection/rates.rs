//! Rates: how requests were answered, and how often reviews and lawsuits corrected the
//! agency, per report and pooled over a group of reports.
//!
//! Each rate is a fraction of two counts of the tables. It is `None` when either count
//! is `None` (a blank is not zero) or when the denominator is zero.

use serde::Serialize;

use crate::report::{Report, ReviewOutcomes};
use crate::template::{Outcome, Role, APPLICATION_ROW_SPECS};

/// One rate: its key and its formula, in the template's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// The key, e.g. `granted`.
    pub key: &'static str,
    /// The formula, with the template's row and column labels.
    pub formula: &'static str,
}

const fn rate(key: &'static str, formula: &'static str) -> Rate {
    Rate { key, formula }
}

/// Every rate, in order. Requests are counted in the 总计 column of part 3; the
/// denominator of the request rates is （七）总计, the requests answered this year.
pub const RATES: [Rate; 8] = [
    rate("granted", "（一）予以公开 ÷ （七）总计"),
    rate("partially_granted", "（二）部分公开 ÷ （七）总计"),
    rate("withheld", "（三）不予公开 1–8 之和 ÷ （七）总计"),
    rate("unavailable", "（四）无法提供 1–3 之和 ÷ （七）总计"),
    rate("rejected", "（五）不予处理 1–5 之和 ÷ （七）总计"),
    rate(
        "other_handling",
        "（六）其他处理 1–3 之和（或其单行）÷ （七）总计",
    ),
    rate(
        "review_corrected",
        "行政复议 结果纠正 ÷ （结果维持 + 结果纠正 + 其他结果）",
    ),
    rate(
        "litigation_corrected",
        "行政诉讼（未经复议直接起诉 + 复议后起诉）结果纠正 ÷ （结果维持 + 结果纠正 + 其他结果）",
    ),
];

/// The rates of one report or a group, in [`RATES`] order, with the counts behind them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rates {
    /// How many reports the rates pool (1 for one report).
    pub reports: usize,
    /// Each rate's numerator and denominator (`None` when a count is blank).
    pub fractions: [(Option<u64>, Option<u64>); 8],
}

impl Rates {
    /// A rate by key: `numerator ÷ denominator`, `None` when either is `None` or the
    /// denominator is zero.
    pub fn get(&self, key: &str) -> Option<f64> {
        let i = RATES.iter().position(|r| r.key == key)?;
        match self.fractions[i] {
            (Some(n), Some(d)) if d > 0 => Some(n as f64 / d as f64),
            _ => None,
        }
    }

    /// Every rate in [`RATES`] order.
    pub fn values(&self) -> [Option<f64>; 8] {
        std::array::from_fn(|i| self.get(RATES[i].key))
    }

    /// The rates of a group: each rate's numerators and denominators added over the
    /// reports that have both (a report with a blank count is left out of that rate
    /// only), so large offices weigh more than small ones.
    ///
    /// ```
    /// let a = gongkai::parse("四、政府信息公开行政复议、行政诉讼情况\n\
    ///     1\t1\t0\t0\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n");
    /// let b = gongkai::parse("四、政府信息公开行政复议、行政诉讼情况\n\
    ///     1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n");
    /// let group = gongkai::Rates::pooled([&a, &b]);
    /// // Corrected 1 of the 3 reviews that ended (1 is still pending).
    /// assert_eq!(group.fractions[6], (Some(1), Some(3)));
    /// assert_eq!(group.get("review_corrected"), Some(1.0 / 3.0));
    /// assert_eq!(group.get("granted"), None); // no part 3
    /// ```
    pub fn pooled<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Rates {
        let mut out = Rates::default();
        for report in reports {
            out.reports += 1;
            let own = report.rates();
            for (sum, part) in out.fractions.iter_mut().zip(own.fractions) {
                if let (Some(n), Some(d)) = part {
                    *sum = (Some(sum.0.unwrap_or(0) + n), Some(sum.1.unwrap_or(0) + d));
                }
            }
        }
        out
    }
}

/// The sum of some values; `None` when any is `None`.
fn sum(values: impl IntoIterator<Item = Option<u64>>) -> Option<u64> {
    values.into_iter().sum()
}

/// Cases with an outcome (维持 + 纠正 + 其他), and those corrected.
fn concluded(g: &ReviewOutcomes) -> (Option<u64>, Option<u64>) {
    (g.corrected, sum([g.upheld, g.corrected, g.other]))
}

impl Report {
    /// The report's rates (see [`RATES`] for the formulas).
    pub fn rates(&self) -> Rates {
        let a = &self.applications;
        let total = a.total_processed.total;
        let outcome = |o: Outcome| {
            sum(APPLICATION_ROW_SPECS
                .iter()
                .filter(|s| s.role == Role::Result(o))
                .map(|s| a.row(s.key).and_then(|r| r.total)))
        };
        let other = match &a.other_handling {
            Some(row) => row.total,
            None => outcome(Outcome::Other),
        };
        let r = &self.review_litigation;
        let review = concluded(&r.review);
        let (dn, dd) = concluded(&r.litigation_direct);
        let (an, ad) = concluded(&r.litigation_after_review);
        Rates {
            reports: 1,
            fractions: [
                (a.granted.total, total),
                (a.partially_granted.total, total),
                (outcome(Outcome::Withheld), total),
                (outcome(Outcome::Unavailable), total),
                (outcome(Outcome::Rejected), total),
                (other, total),
                review,
                (sum([dn, an]), sum([dd, ad])),
            ],
        }
    }
}

/// How [`rates_by`] groups reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// One group per year (reports without a year: one group named `""`).
    Year,
    /// One group per agency, names grouped as [`crate::AgencyGroups`] does (reports
    /// without an agency: one group named `""`).
    Agency,
    /// One group per template.
    Template,
    /// The whole collection as one group, named `all`.
    All,
}

impl GroupBy {
    /// `year`, `agency`, `template` or `all`.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Year => "year",
            GroupBy::Agency => "agency",
            GroupBy::Template => "template",
            GroupBy::All => "all",
        }
    }

    /// The grouping named by [`GroupBy::as_str`].
    pub fn from_name(name: &str) -> Option<GroupBy> {
        [
            GroupBy::Year,
            GroupBy::Agency,
            GroupBy::Template,
            GroupBy::All,
        ]
        .into_iter()
        .find(|g| g.as_str() == name)
    }
}

/// The rates of each group of a collection, pooled ([`Rates::pooled`]), groups in order
/// of their names.
///
/// ```
/// let a = gongkai::parse("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n");
/// let groups = gongkai::rates_by(&[&a], gongkai::GroupBy::Year);
/// assert_eq!(groups[0].0, "2023");
/// assert_eq!(groups[0].1.reports, 1);
/// ```
pub fn rates_by(reports: &[&Report], by: GroupBy) -> Vec<(String, Rates)> {
    let agencies =
        super::AgencyGroups::new(reports.iter().filter_map(|r| r.meta.agency.as_deref()));
    let mut groups: std::collections::BTreeMap<String, Vec<&Report>> = Default::default();
    for &r in reports {
        let key = match by {
            GroupBy::Year => r.meta.year.map(|y| y.to_string()).unwrap_or_default(),
            GroupBy::Agency => r
                .meta
                .agency
                .as_deref()
                .and_then(|a| agencies.group(a))
                .map(|g| agencies.name(g).to_string())
                .unwrap_or_default(),
            GroupBy::Template => r.template.as_str().to_string(),
            GroupBy::All => "all".to_string(),
        };
        groups.entry(key).or_default().push(r);
    }
    groups
        .into_iter()
        .map(|(k, rs)| (k, Rates::pooled(rs)))
        .collect()
}
