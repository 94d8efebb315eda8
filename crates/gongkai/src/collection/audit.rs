//! The audit of a collection: what only several reports together show.
//!
//! - **carry-over** (`carry_over_mismatch`): for one agency, last year's
//!   结转下年度继续办理 must be this year's 上年结转, column by column.
//! - **likely copies**: a report whose three tables are value for value another year's
//!   of the same agency, with some value not zero (`identical_tables`); a report that
//!   repeats a paragraph of another report that states counts (`repeated_prose`).
//! - **one agency, one year, two reports** (`same_year`): the carry-over is then checked
//!   against each.
//!
//! Reports whose agency or year is `None` are left out: they cannot be placed.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::agency::AgencyGroups;
use crate::report::Report;
use crate::template::APPLICATION_COLUMN_LABELS;

/// One report of a collection: where it came from, and the report.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The file (or any name the caller gives the report).
    pub source: &'a str,
    /// The report.
    pub report: &'a Report,
}

/// What kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Last year's 结转下年度继续办理 is not this year's 上年结转.
    CarryOverMismatch,
    /// The three tables are another year's of the same agency, value for value.
    IdenticalTables,
    /// A paragraph that states counts is word for word another report's.
    RepeatedProse,
    /// Two reports of one agency for the same year.
    SameYear,
}

impl FindingKind {
    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::CarryOverMismatch => "carry_over_mismatch",
            FindingKind::IdenticalTables => "identical_tables",
            FindingKind::RepeatedProse => "repeated_prose",
            FindingKind::SameYear => "same_year",
        }
    }

    /// What the kind means, in one sentence.
    pub fn describe(self) -> &'static str {
        match self {
            FindingKind::CarryOverMismatch => "last year's 结转下年度继续办理 differs from this year's 上年结转 (same agency)",
            FindingKind::IdenticalTables => "likely copy: the three tables equal another year's of the same agency, value for value",
            FindingKind::RepeatedProse => "likely copy: a paragraph stating counts is word for word another report's",
            FindingKind::SameYear => "two reports of one agency for the same year",
        }
    }
}

/// One thing the audit found, about a report and the other report it concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What was found.
    pub kind: FindingKind,
    /// The agency, as its longest printing in the collection.
    pub agency: String,
    /// The report the finding is about (the later one).
    pub source: String,
    /// Its year.
    pub year: i32,
    /// The other report.
    pub other_source: String,
    /// Its year.
    pub other_year: i32,
    /// For `carry_over_mismatch`: the value of the report (`applications.carried_over.<column>`).
    pub field: Option<String>,
    /// For `carry_over_mismatch`: the report's value.
    pub value: Option<u64>,
    /// For `carry_over_mismatch`: the other report's field (`applications.carried_forward.<column>`).
    pub other_field: Option<String>,
    /// For `carry_over_mismatch`: the other report's value.
    pub other_value: Option<u64>,
    /// The finding in words.
    pub message: String,
}

/// A paragraph is compared when it has at least this many characters...
const PARAGRAPH_CHARS: usize = 50;
/// ...and states a count: a number followed by one of these.
const MEASURE_WORDS: &str = "件条次个项期篇场人家";

/// Audits a collection of reports; the findings in order of agency, year and kind.
///
/// ```
/// let text = |forward: u32, over: u32, year: u32| format!(
///     "某县人民政府{year}年政府信息公开工作年度报告\n\
///      三、收到和处理政府信息公开申请情况\n\
///      二、上年结转政府信息公开申请数量\t{over}\t0\t0\t0\t0\t0\t{over}\n\
///      四、结转下年度继续办理\t{forward}\t0\t0\t0\t0\t0\t{forward}\n");
/// let (a, b) = (gongkai::parse(&text(3, 0, 2023)), gongkai::parse(&text(0, 2, 2024)));
/// let findings = gongkai::audit(&[
///     gongkai::Source { source: "2023.txt", report: &a },
///     gongkai::Source { source: "2024.txt", report: &b },
/// ]);
/// let f = &findings[0];
/// assert_eq!(f.kind, gongkai::FindingKind::CarryOverMismatch);
/// assert_eq!((f.value, f.other_value), (Some(2), Some(3)));
/// ```
pub fn audit(reports: &[Source<'_>]) -> Vec<Finding> {
    let groups = AgencyGroups::new(
        reports
            .iter()
            .filter_map(|s| s.report.meta.agency.as_deref()),
    );
    // Each agency's reports by year.
    let mut by_agency: BTreeMap<usize, BTreeMap<i32, Vec<usize>>> = BTreeMap::new();
    for (i, s) in reports.iter().enumerate() {
        let (Some(agency), Some(year)) = (s.report.meta.agency.as_deref(), s.report.meta.year)
        else {
            continue;
        };
        if let Some(g) = groups.group(agency) {
            by_agency
                .entry(g)
                .or_default()
                .entry(year)
                .or_default()
                .push(i);
        }
    }
    let mut out = Vec::new();
    // Each report's table values, made once however many other years it is compared with.
    let mut tables: HashMap<usize, Vec<Option<serde_json::Number>>> = HashMap::new();
    for (&g, years) in &by_agency {
        let agency = groups.name(g);
        for (&year, here) in years {
            for (k, &i) in here.iter().enumerate() {
                for &j in &here[..k] {
                    out.push(same_year(agency, &reports[i], &reports[j], year));
                }
            }
            if let Some(before) = years.get(&(year - 1)) {
                for &i in here {
                    for &j in before {
                        carry_over(agency, &reports[i], &reports[j], &mut out);
                    }
                }
            }
            for (&other_year, others) in years.range(..year) {
                for &i in here {
                    for &j in others {
                        if reports[i].report.template != reports[j].report.template {
                            continue;
                        }
                        for k in [i, j] {
                            tables
                                .entry(k)
                                .or_insert_with(|| table_values(reports[k].report));
                        }
                        let pair = (&tables[&i], &tables[&j]);
                        let (this, other) = (&reports[i], &reports[j]);
                        identical_tables(agency, this, other, other_year, pair, &mut out);
                    }
                }
            }
        }
    }
    repeated_prose(reports, &groups, &mut out);
    out.sort_by(|a, b| {
        (&a.agency, a.year, a.kind, &a.source, &a.field)
            .cmp(&(&b.agency, b.year, b.kind, &b.source, &b.field))
    });
    out
}

fn year(s: &Source<'_>) -> i32 {
    s.report.meta.year.unwrap_or_default()
}

fn finding(
    kind: FindingKind,
    agency: &str,
    this: &Source<'_>,
    other: &Source<'_>,
    message: String,
) -> Finding {
    Finding {
        kind,
        agency: agency.to_string(),
        source: this.source.to_string(),
        year: year(this),
        other_source: other.source.to_string(),
        other_year: year(other),
        field: None,
        value: None,
        other_field: None,
        other_value: None,
        message,
    }
}

fn same_year(agency: &str, this: &Source<'_>, other: &Source<'_>, year: i32) -> Finding {
    let message = format!(
        "{agency}: two reports for {year}: {} and {}",
        other.source, this.source
    );
    finding(FindingKind::SameYear, agency, this, other, message)
}

/// `this` is the year after `before`: its 上年结转 must be `before`'s 结转下年度继续办理.
fn carry_over(agency: &str, this: &Source<'_>, before: &Source<'_>, out: &mut Vec<Finding>) {
    let (over, forward) = (
        &this.report.applications.carried_over,
        &before.report.applications.carried_forward,
    );
    for (column, label) in APPLICATION_COLUMN_LABELS {
        let (Some(Some(now)), Some(Some(then))) = (over.get(column), forward.get(column)) else {
            continue;
        };
        if now == then {
            continue;
        }
        let message = format!(
            "{agency}: {} ({}) carries {then} forward (结转下年度继续办理, {label}), but {} ({}) carries {now} over (上年结转, {label})",
            before.source,
            year(before),
            this.source,
            year(this),
        );
        let mut f = finding(
            FindingKind::CarryOverMismatch,
            agency,
            this,
            before,
            message,
        );
        f.field = Some(format!("applications.carried_over.{column}"));
        f.value = Some(now);
        f.other_field = Some(format!("applications.carried_forward.{column}"));
        f.other_value = Some(then);
        out.push(f);
    }
}

/// The values of the three tables, in tidy order.
fn table_values(report: &Report) -> Vec<Option<serde_json::Number>> {
    report.tidy().into_iter().map(|c| c.value).collect()
}

/// `values` are the table values of `this` and `other` (same template).
fn identical_tables(
    agency: &str,
    this: &Source<'_>,
    other: &Source<'_>,
    other_year: i32,
    (values, other_values): (
        &Vec<Option<serde_json::Number>>,
        &Vec<Option<serde_json::Number>>,
    ),
    out: &mut Vec<Finding>,
) {
    let non_zero = values
        .iter()
        .flatten()
        .filter(|v| v.as_f64().is_some_and(|x| x != 0.0))
        .count();
    if non_zero == 0 || values != other_values {
        return;
    }
    let message = format!(
        "{agency}: the tables of {} ({}) are those of {} ({other_year}), value for value ({} values, {non_zero} not zero)",
        this.source,
        year(this),
        other.source,
        values.len(),
    );
    out.push(finding(
        FindingKind::IdenticalTables,
        agency,
        this,
        other,
        message,
    ));
}

/// The paragraphs of a report that the prose comparison reads: whitespace removed, long
/// enough, and stating a count.
fn counted_paragraphs(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for s in &report.sections {
        for line in s.text.split('\n') {
            let p = crate::normalize::squash(line);
            if p.chars().count() < PARAGRAPH_CHARS {
                continue;
            }
            let mut prev_digit = false;
            let counts = p.chars().any(|c| {
                let hit = prev_digit && MEASURE_WORDS.contains(c);
                prev_digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
                hit
            });
            if counts && !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

fn repeated_prose(reports: &[Source<'_>], groups: &AgencyGroups, out: &mut Vec<Finding>) {
    // Each paragraph to the reports that print it, in collection order.
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in reports.iter().enumerate() {
        if s.report.meta.year.is_none() || s.report.meta.agency.is_none() {
            continue;
        }
        for p in counted_paragraphs(s.report) {
            seen.entry(p).or_default().push(i);
        }
    }
    // Shared paragraphs by pair of reports (later, earlier).
    let mut pairs: BTreeMap<(usize, usize), Vec<&str>> = BTreeMap::new();
    for (p, at) in &seen {
        for (k, &i) in at.iter().enumerate() {
            for &j in &at[..k] {
                let (a, b) = if (year(&reports[i]), i) >= (year(&reports[j]), j) {
                    (i, j)
                } else {
                    (j, i)
                };
                pairs.entry((a, b)).or_default().push(p);
            }
        }
    }
    for ((i, j), mut paragraphs) in pairs {
        paragraphs.sort();
        let (this, other) = (&reports[i], &reports[j]);
        let agency = this
            .report
            .meta
            .agency
            .as_deref()
            .and_then(|a| groups.group(a).map(|g| groups.name(g).to_string()))
            .unwrap_or_default();
        let first: String = paragraphs[0].chars().take(60).collect();
        let message = format!(
            "{} ({}) repeats {} paragraph(s) stating counts from {} ({}), e.g. 「{first}…」",
            this.source,
            year(this),
            paragraphs.len(),
            other.source,
            year(other),
        );
        out.push(finding(
            FindingKind::RepeatedProse,
            &agency,
            this,
            other,
            message,
        ));
    }
}
