//! The wide form: one row per report, one column per value of the three tables, then
//! the rates. Every report of a collection has the same columns, whatever its template:
//! a value the report's template does not have is `None`, as a blank is.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Number;

use crate::report::{Report, Template};
use crate::template::{
    disclosure_rows, ValueKind, APPLICATION_COLUMN_LABELS, APPLICATION_ROWS, REVIEW_COLUMNS,
    REVIEW_GROUPS,
};

use super::rates::RATES;
use crate::explain::field_zh;

/// The columns before the values in every wide table: the report's file, its agency,
/// year and template, and how many error and warning diagnostics it has (notes are not
/// counted).
pub const WIDE_LEADING_COLUMNS: [&str; 6] =
    ["source", "agency", "year", "template", "errors", "warnings"];

/// [`WIDE_LEADING_COLUMNS`] in Chinese, for spreadsheets whose readers read Chinese.
pub const WIDE_LEADING_LABELS: [&str; 6] = ["文件", "机关", "年度", "模板", "错误", "警告"];

/// The type of a wide column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// Whole numbers (counts; 本年增/减 may be negative).
    Integer,
    /// Amounts (万元, or as printed) and rates.
    Float,
}

/// One value column of the wide form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WideColumn {
    /// `table.row.column`, e.g. `applications.new_received.total`; for a rate,
    /// `rates.<key>` (see [`RATES`]).
    pub key: String,
    /// Integer or float.
    pub value_type: ValueType,
    /// The column in the template's words: the part, the row's and the column's labels
    /// (`三、…：一、本年新收政府信息公开申请数量 · 总计`); for a rate, its formula.
    pub label: String,
}

/// Every value column of the wide form, in order: part 2 (template 2021's rows, then
/// those only template 2019 has), part 3 (each row with the eight columns, 法人或其他组织小计
/// included, and `other_handling` after the other-handling rows), part 4, the rates.
pub fn wide_columns() -> &'static [WideColumn] {
    static COLUMNS: OnceLock<Vec<WideColumn>> = OnceLock::new();
    COLUMNS.get_or_init(|| {
        let mut out: Vec<WideColumn> = Vec::with_capacity(260);
        let mut push = |key: String, value_type, template| {
            if !out.iter().any(|c| c.key == key) {
                let label = field_zh(&key, template);
                out.push(WideColumn {
                    key,
                    value_type,
                    label,
                });
            }
        };
        for template in [Template::T2021, Template::T2019] {
            for row in disclosure_rows(template) {
                for col in row.columns {
                    let value_type = match col.kind {
                        ValueKind::Count | ValueKind::Signed => ValueType::Integer,
                        ValueKind::TenThousandYuan | ValueKind::AsPrinted => ValueType::Float,
                    };
                    push(
                        format!("active_disclosure.{}.{}", row.key, col.key),
                        value_type,
                        template,
                    );
                }
            }
        }
        let rows = APPLICATION_ROWS.iter().flat_map(|&r| {
            // The single （六）其他处理 row stands where its three sub-rows end.
            let single = (r == "other_other").then_some("other_handling");
            std::iter::once(r).chain(single)
        });
        for row in rows {
            for (col, _) in APPLICATION_COLUMN_LABELS {
                push(
                    format!("applications.{row}.{col}"),
                    ValueType::Integer,
                    Template::T2021,
                );
            }
        }
        for group in REVIEW_GROUPS {
            for col in REVIEW_COLUMNS {
                push(
                    format!("review_litigation.{group}.{col}"),
                    ValueType::Integer,
                    Template::T2021,
                );
            }
        }
        for rate in RATES {
            out.push(WideColumn {
                key: format!("rates.{}", rate.key),
                value_type: ValueType::Float,
                label: format!("比率：{}", rate.formula),
            });
        }
        out
    })
}

/// The position of each wide column by key.
fn index() -> &'static HashMap<&'static str, usize> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        wide_columns()
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key.as_str(), i))
            .collect()
    })
}

impl Report {
    /// The report's values in wide form: one per [`wide_columns`], in that order; `None`
    /// where blank or not in the report's template.
    ///
    /// ```
    /// let report = gongkai::parse("四、政府信息公开行政复议、行政诉讼情况\n\
    ///     1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n");
    /// let values = report.wide();
    /// let at = |key: &str| gongkai::wide_columns().iter().position(|c| c.key == key).unwrap();
    /// assert_eq!(values[at("review_litigation.review.total")].as_ref().and_then(|v| v.as_u64()), Some(1));
    /// assert_eq!(values[at("applications.new_received.total")], None); // no part 3: blank
    /// ```
    pub fn wide(&self) -> Vec<Option<Number>> {
        let index = index();
        let mut out = vec![None; wide_columns().len()];
        let mut key = String::new();
        for cell in self.tidy() {
            key.clear();
            key.push_str(cell.table);
            key.push('.');
            key.push_str(&cell.row);
            key.push('.');
            key.push_str(&cell.column);
            if let Some(&i) = index.get(key.as_str()) {
                out[i] = cell.value;
            }
        }
        let rates = self.rates();
        for rate in RATES {
            let i = index[format!("rates.{}", rate.key).as_str()];
            out[i] = rates.get(rate.key).and_then(Number::from_f64);
        }
        out
    }

    /// How many error and how many warning diagnostics the report has (notes, facts that
    /// need no action, are not counted).
    pub fn counts(&self) -> (usize, usize) {
        use crate::diagnostic::Severity;
        let count = |s: Severity| self.diagnostics.iter().filter(|d| d.severity == s).count();
        (count(Severity::Error), count(Severity::Warning))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_unique_and_cover_both_templates() {
        let cols = wide_columns();
        let keys: std::collections::HashSet<_> = cols.iter().map(|c| &c.key).collect();
        assert_eq!(keys.len(), cols.len());
        for key in [
            "active_disclosure.rules.issued",
            "active_disclosure.rules.made",
            "active_disclosure.fees.amount",
            "active_disclosure.procurement.amount",
            "applications.other_handling.total",
            "applications.new_received.organizations",
            "review_litigation.litigation_after_review.pending",
            "rates.granted",
        ] {
            assert!(keys.contains(&key.to_string()), "{key}");
        }
        // Part 2: 10 values in 2021, 19 more in 2019 (licensing.decisions is shared);
        // part 3: 25 rows and other_handling, of 8; part 4: 15.
        assert_eq!(cols.len(), 10 + 19 + 26 * 8 + 15 + RATES.len());
    }
}
