//! The long ("tidy") form of a report: one row per value of the three tables. The CLI's
//! CSV, Python's data frames and the C binding's cell lookup all read this.

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostic::Code;
use crate::report::Report;
use crate::template::{disclosure_rows, ValueKind, TABLES};

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
    /// The value's unit: `件` for counts (`项` for template 2019's counts of items, 项目数量),
    /// `万元` for fees (template 2021); `None` where
    /// the template fixes no unit (template 2019's procurement amount, kept as printed:
    /// a `unit_unknown` diagnostic says when the report does not name it).
    pub unit: Option<&'static str>,
    /// The codes of the diagnostics on this value (on it, its row or its table), in
    /// order, without repeats; empty when the value is clean.
    pub flags: Vec<Code>,
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
        // Diagnostics by the field they name: a value, a row or a table.
        let mut by_field: HashMap<&str, Vec<Code>> = HashMap::new();
        for d in &self.diagnostics {
            if let Some(f) = d.field.as_deref() {
                let codes = by_field.entry(f).or_default();
                if !codes.contains(&d.code) {
                    codes.push(d.code);
                }
            }
        }
        let mut path = String::new();
        for (table, _, _) in TABLES {
            let Some(rows) = value.get(table).and_then(|t| t.as_object()) else {
                continue;
            };
            for (row, cols) in rows {
                let Some(cols) = cols.as_object() else {
                    continue;
                };
                for (column, v) in cols {
                    let mut flags = Vec::new();
                    path.clear();
                    for part in [table, row.as_str(), column.as_str()] {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(part);
                        for c in by_field.get(path.as_str()).into_iter().flatten() {
                            if !flags.contains(c) {
                                flags.push(*c);
                            }
                        }
                    }
                    out.push(TidyCell {
                        table,
                        row: row.clone(),
                        column: column.clone(),
                        value: v.as_number().cloned(),
                        unit: self.unit(table, row, column),
                        flags,
                    });
                }
            }
        }
        out
    }

    /// The unit of a value of the tables, by contract keys.
    fn unit(&self, table: &str, row: &str, column: &str) -> Option<&'static str> {
        if table != "active_disclosure" {
            return Some("件");
        }
        let spec = disclosure_rows(self.template)
            .iter()
            .find(|r| r.key == row)?
            .columns
            .iter()
            .find(|c| c.key == column)?;
        match spec.kind {
            // Template 2019 counts items (项目数量) in part 2's matters, fees and
            // procurement (上一年项目数量, 本年增/减 of it, 采购项目数量).
            ValueKind::Count | ValueKind::Signed
                if spec.label.contains("项目") || spec.key == "change" =>
            {
                Some("项")
            }
            ValueKind::Count | ValueKind::Signed => Some("件"),
            ValueKind::TenThousandYuan => Some("万元"),
            ValueKind::AsPrinted => None,
        }
    }
}
