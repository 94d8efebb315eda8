//! The long ("tidy") form of a report: one row per value of the three tables. The CLI's
//! CSV, Python's data frames and the C binding's cell lookup all read this.

use serde::Serialize;

use crate::report::Report;
use crate::template::TABLES;

/// One value of one table in long form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct TidyCell {
    /// `active_disclosure`, `applications` or `review_litigation`.
    pub table: &'static str,
    /// The row key, e.g. `new_received`.
    pub row: String,
    /// The column key, e.g. `natural_person`.
    pub column: String,
    /// The value, `None` when blank.
    pub value: Option<serde_json::Number>,
}

impl Report {
    /// Every value of parts 2–4 in long form, in the output's key order.
    ///
    /// ```
    /// let report = gongkai::parse("四、政府信息公开行政复议、行政诉讼情况\n\
    ///     1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n");
    /// let cells = report.tidy();
    /// let review_total = cells
    ///     .iter()
    ///     .find(|c| c.table == "review_litigation" && c.row == "review" && c.column == "total")
    ///     .unwrap();
    /// assert_eq!(review_total.value.as_ref().and_then(|v| v.as_u64()), Some(1));
    /// // Blank stays blank: the part 3 table is missing, so its values are None.
    /// assert!(cells.iter().filter(|c| c.table == "applications").all(|c| c.value.is_none()));
    /// ```
    pub fn tidy(&self) -> Vec<TidyCell> {
        let mut out = Vec::with_capacity(200);
        let value = self.to_value();
        for (table, _, _) in TABLES {
            let Some(rows) = value.get(table).and_then(|t| t.as_object()) else {
                continue;
            };
            for (row, cols) in rows {
                let Some(cols) = cols.as_object() else {
                    continue;
                };
                for (column, v) in cols {
                    out.push(TidyCell {
                        table,
                        row: row.clone(),
                        column: column.clone(),
                        value: v.as_number().cloned(),
                    });
                }
            }
        }
        out
    }
}
