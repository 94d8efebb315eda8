//! The CSV forms every front end writes (the CLI, the web page): the tidy long table and
//! the wide table, as text. Fields are quoted where they hold a comma, quote or line
//! break; a blank value is an empty field, never 0.

use crate::collection::{wide_columns, WIDE_LEADING_COLUMNS};
use crate::report::Report;

/// Appends `s` as one CSV field.
pub fn field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// The header line (without line break) of the tidy CSV; `labels` adds the template's
/// row and column labels.
pub fn tidy_header(labels: bool) -> &'static str {
    if labels {
        "source,agency,year,table,row,column,value,template,unit,flag,row_label,column_label"
    } else {
        "source,agency,year,table,row,column,value,template,unit,flag"
    }
}

/// The header line (without line break) of the wide CSV.
pub fn wide_header() -> String {
    let mut h = WIDE_LEADING_COLUMNS.join(",");
    for c in wide_columns() {
        h.push(',');
        h.push_str(&c.key);
    }
    h
}

impl Report {
    /// Appends the report's rows of the tidy CSV (one per value, each ending in `\n`).
    pub fn tidy_csv(&self, out: &mut String, source: &str, labels: bool) {
        let agency = self.meta.agency.as_deref().unwrap_or("");
        let year = self.meta.year.map(|y| y.to_string()).unwrap_or_default();
        let template = self.template.as_str();
        for c in self.tidy() {
            field(out, source);
            out.push(',');
            field(out, agency);
            out.push(',');
            out.push_str(&year);
            for part in [c.table, &c.row, &c.column] {
                out.push(',');
                out.push_str(part);
            }
            out.push(',');
            if let Some(v) = &c.value {
                out.push_str(&v.to_string());
            }
            out.push(',');
            out.push_str(template);
            out.push(',');
            out.push_str(c.unit.unwrap_or(""));
            out.push(',');
            for (k, code) in c.flags.iter().enumerate() {
                if k > 0 {
                    out.push(';');
                }
                out.push_str(code.as_str());
            }
            if labels {
                out.push(',');
                field(
                    out,
                    crate::template::row_label(c.table, self.template, &c.row).unwrap_or(""),
                );
                out.push(',');
                let column =
                    crate::template::column_label(c.table, self.template, &c.row, &c.column);
                field(out, column.unwrap_or(""));
            }
            out.push('\n');
        }
    }

    /// Appends the report's row of the wide CSV (ending in `\n`).
    ///
    /// ```
    /// let report = gongkai::parse("某县2024年政府信息公开工作年度报告\n一、总体情况\n");
    /// let mut row = String::new();
    /// report.wide_csv(&mut row, "a.txt");
    /// assert!(row.starts_with("a.txt,某县,2024,2021,"));
    /// assert_eq!(row.split(',').count(), gongkai::csv::wide_header().split(',').count());
    /// ```
    pub fn wide_csv(&self, out: &mut String, source: &str) {
        let (errors, warnings) = self.counts();
        field(out, source);
        out.push(',');
        field(out, self.meta.agency.as_deref().unwrap_or(""));
        out.push(',');
        if let Some(y) = self.meta.year {
            out.push_str(&y.to_string());
        }
        out.push_str(&format!(",{},{errors},{warnings}", self.template.as_str()));
        for v in self.wide() {
            out.push(',');
            if let Some(v) = v {
                out.push_str(&v.to_string());
            }
        }
        out.push('\n');
    }
}
