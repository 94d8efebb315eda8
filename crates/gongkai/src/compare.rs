//! Comparing a parse with values someone checked by hand.
//!
//! A *truth file* is a JSON object in the report's own shape, holding only what was
//! checked: any of `meta`, `sections`, `active_disclosure`, `applications`,
//! `review_litigation` and `template`, plus `must_flag`, a list of fields a diagnostic
//! has to name. [`compare`] walks every value the truth file gives and sorts it:
//!
//! - *exact*: the report has the same value (numbers within 1e-9; `title`, `agency` and
//!   `address` compared with whitespace removed);
//! - *flagged*: the report's value differs, but a diagnostic names the field or the row
//!   or table that holds it, so a reader was warned;
//! - *silent*: the value differs and nothing says so. This is the failure that matters.
//!
//! Metadata and section places count as fields but a wrong one is never silent (they
//! carry no field diagnostics); a wrong `template` always is, as is a `must_flag` field
//! no diagnostic names. The project's fixture tests and `gongkai diff` both use this.
//!
//! ```
//! let report = gongkai::parse("二、主动公开政府信息情况\n规章\t2\t0\t5\n");
//! let truth = serde_json::json!({
//!     "active_disclosure": {"rules": {"issued": 2, "repealed": 0, "in_force": 4}}
//! });
//! let c = gongkai::compare::compare(&report.to_value(), &truth);
//! assert_eq!((c.fields, c.exact, c.silent), (3, 2, 1));
//! assert_eq!(c.mismatches[0].path, "active_disclosure.rules.in_force");
//! ```

use serde::Serialize;
use serde_json::Value;

/// The three tables, whose every leaf the truth file gives is compared.
const TABLES: [&str; 3] = ["active_disclosure", "applications", "review_litigation"];

/// Metadata compared with whitespace removed (line breaks inside a title are layout).
const LOOSE_META: [&str; 3] = ["title", "agency", "address"];

/// How a parse measures up against a truth file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    /// Values the truth file gives (each table leaf, each `meta` key, `sections` as one).
    pub fields: usize,
    /// Of those, the ones the report has exactly.
    pub exact: usize,
    /// Wrong values that no diagnostic names, a wrong template, and `must_flag` fields no
    /// diagnostic names.
    pub silent: usize,
    /// Every difference, in the truth file's order.
    pub mismatches: Vec<Mismatch>,
}

impl Comparison {
    /// True when every value is exact and nothing is silent.
    pub fn is_exact(&self) -> bool {
        self.mismatches.is_empty()
    }

    /// Adds another comparison's counts and mismatches (for totals over many files).
    pub fn add(&mut self, other: Comparison) {
        self.fields += other.fields;
        self.exact += other.exact;
        self.silent += other.silent;
        self.mismatches.extend(other.mismatches);
    }
}

/// One value the report does not have as the truth file gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mismatch {
    /// Dotted path of the value (`applications.granted.total`), or `sections`,
    /// `template`, `must_flag`.
    pub path: String,
    /// The value the truth file gives (for `must_flag`, the field that must be named).
    pub want: Value,
    /// The report's value; `null` also when the report has no such key.
    pub got: Value,
    /// True when a diagnostic names the field (or its row or table), so the difference
    /// was not silent.
    pub flagged: bool,
}

/// Compares a report, as its contract JSON ([`crate::Report::to_value`]), with a truth
/// file.
pub fn compare(report: &Value, truth: &Value) -> Comparison {
    let diags: &[Value] = report["diagnostics"].as_array().map_or(&[], |a| a);
    let mut c = Comparison::default();
    let miss = |c: &mut Comparison, path: String, want: &Value, got: &Value, flag: bool| {
        c.mismatches.push(Mismatch {
            path,
            want: want.clone(),
            got: got.clone(),
            flagged: flag,
        });
    };
    for table in TABLES {
        let mut want = Vec::new();
        leaves(&truth[table], table.to_string(), &mut want);
        for (path, want) in want {
            c.fields += 1;
            let got = lookup(report, &path).unwrap_or(&Value::Null);
            if lookup(report, &path).is_some_and(|g| same(g, want)) {
                c.exact += 1;
            } else {
                let flag = names(diags, &path);
                c.silent += usize::from(!flag);
                miss(&mut c, path, want, got, flag);
            }
        }
    }
    if let Some(meta) = truth["meta"].as_object() {
        for (key, want) in meta {
            c.fields += 1;
            let got = &report["meta"][key];
            let ok = if LOOSE_META.contains(&key.as_str()) {
                squash(got) == squash(want)
            } else {
                same(got, want)
            };
            if ok {
                c.exact += 1;
            } else {
                miss(&mut c, format!("meta.{key}"), want, got, true);
            }
        }
    }
    if let Some(want) = truth["sections"].as_array() {
        c.fields += 1;
        // Sections are placed by line, or by page where the truth gives pages instead
        // (a PDF whose line breaks are its printer's).
        let by_page = want.first().is_some_and(|s| s.get("line").is_none());
        let place = if by_page { "page" } else { "line" };
        let places = |v: &Value| -> Value {
            let pairs = v.as_array().map_or(&[][..], |a| a).iter();
            Value::Array(
                pairs
                    .map(|s| Value::Array(vec![s["number"].clone(), s[place].clone()]))
                    .collect(),
            )
        };
        let (w, g) = (places(&truth["sections"]), places(&report["sections"]));
        if w == g {
            c.exact += 1;
        } else {
            miss(&mut c, "sections".into(), &w, &g, true);
        }
    }
    if let Some(want) = truth.get("template").filter(|t| !t.is_null()) {
        if &report["template"] != want {
            c.silent += 1;
            miss(&mut c, "template".into(), want, &report["template"], false);
        }
    }
    for field in truth["must_flag"].as_array().map_or(&[][..], |a| a) {
        let Some(f) = field.as_str() else { continue };
        if !names(diags, f) {
            c.silent += 1;
            miss(&mut c, "must_flag".into(), field, &Value::Null, false);
        }
    }
    c
}

/// Every leaf under `v`, with its dotted path.
fn leaves<'v>(v: &'v Value, path: String, out: &mut Vec<(String, &'v Value)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(v, p, out);
            }
        }
        Value::Null if !path.contains('.') => {} // a table given as null: nothing to compare
        _ => out.push((path, v)),
    }
}

/// The value at a dotted path, if the report has the key.
fn lookup<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

/// Numbers compare as numbers (1 and 1.0 are the same), everything else exactly.
fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => a == b,
    }
}

/// A string with its whitespace removed; other values as they are.
fn squash(v: &Value) -> Value {
    match v.as_str() {
        Some(s) => Value::String(s.split_whitespace().collect()),
        None => v.clone(),
    }
}

/// True when a diagnostic names `field`, or the row or table that holds it.
fn names(diags: &[Value], field: &str) -> bool {
    diags.iter().any(|d| {
        d["field"].as_str().is_some_and(|f| {
            field == f || (field.starts_with(f) && field.as_bytes().get(f.len()) == Some(&b'.'))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sorts_values_into_exact_flagged_and_silent() {
        let report = json!({
            "template": "2021",
            "meta": {"title": "某某 报告", "year": 2023},
            "sections": [{"number": 1, "line": 3}],
            "applications": {
                "granted": {"total": 5, "other": null},
                "partially_granted": {"total": 2}
            },
            "diagnostics": [{"field": "applications.granted"}]
        });
        let truth = json!({
            "template": "2021",
            "meta": {"title": "某某报告", "year": 2024},
            "sections": [{"number": 1, "line": 3}],
            "applications": {
                "granted": {"total": 5.0, "other": 0},
                "partially_granted": {"total": 3}
            },
            "must_flag": ["applications.granted.other", "applications.partially"]
        });
        let c = compare(&report, &truth);
        assert_eq!((c.fields, c.exact), (6, 3));
        let paths: Vec<_> = c.mismatches.iter().map(|m| m.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "applications.granted.other",
                "applications.partially_granted.total",
                "meta.year",
                "must_flag"
            ]
        );
        // granted.other is flagged by its row; partially_granted.total is silent, and so
        // is a must_flag field named only by a prefix that is not a whole key.
        assert!(c.mismatches[0].flagged);
        assert!(!c.mismatches[1].flagged);
        assert_eq!(c.silent, 2);
    }
}
