//! `gongkai audit` and `gongkai rates`: commands over a whole collection, which load every
//! report before they print.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use gongkai::{display_width, Finding, Limits, Report, RATES};

use crate::batch;

/// What a collection command loads.
pub(crate) struct Load {
    pub paths: Vec<PathBuf>,
    pub jobs: usize,
    pub limits: Limits,
}

/// How `audit` and `rates` print.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Print {
    Text,
    Jsonl,
    Csv,
}

impl From<crate::ListFormat> for Print {
    fn from(f: crate::ListFormat) -> Print {
        match f {
            crate::ListFormat::Text => Print::Text,
            crate::ListFormat::Jsonl => Print::Jsonl,
            crate::ListFormat::Csv => Print::Csv,
        }
    }
}

/// How `rates` groups reports.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum By {
    /// One row per year (reports without a year: one row, year empty).
    Year,
    /// One row per agency (names grouped as the audit groups them).
    Agency,
    /// One row per template.
    Template,
    /// One row for the whole collection.
    All,
}

impl From<By> for gongkai::GroupBy {
    fn from(by: By) -> gongkai::GroupBy {
        match by {
            By::Year => gongkai::GroupBy::Year,
            By::Agency => gongkai::GroupBy::Agency,
            By::Template => gongkai::GroupBy::Template,
            By::All => gongkai::GroupBy::All,
        }
    }
}

/// Every report of the paths, in input order, with its file name; unreadable files are
/// named on standard error. Also whether any file could not be read.
fn load(load: &Load) -> io::Result<(Vec<(String, Report)>, bool)> {
    let (files, mut failed) = crate::expand(&load.paths);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(batch::threads(load.jobs, files.len()))
        .build()
        .map_err(io::Error::other)?;
    let mut reports = Vec::with_capacity(files.len());
    batch::for_each_in_order(
        &pool,
        &files,
        |p| batch::load(p, &load.limits),
        |p, r| {
            match r {
                Ok(report) => reports.push((p.to_string_lossy().into_owned(), report)),
                Err(msg) => {
                    eprintln!("gongkai: {msg}");
                    failed = true;
                }
            }
            Ok(())
        },
    )?;
    Ok((reports, failed))
}

fn csv(out: &mut String, s: &str) {
    gongkai::csv::field(out, s);
}

/// `gongkai audit`.
pub(crate) fn audit_command(what: &Load, print: Print) -> io::Result<ExitCode> {
    let (reports, failed) = load(what)?;
    let sources: Vec<gongkai::Source<'_>> = reports
        .iter()
        .map(|(source, report)| gongkai::Source { source, report })
        .collect();
    let findings = gongkai::audit(&sources);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if print == Print::Csv {
        writeln!(
            out,
            "kind,agency,source,year,other_source,other_year,field,value,other_field,other_value,message"
        )?;
    }
    for f in &findings {
        write_finding(&mut out, f, print)?;
    }
    out.flush()?;
    let placed = reports
        .iter()
        .filter(|(_, r)| r.meta.agency.is_some() && r.meta.year.is_some())
        .count();
    eprintln!(
        "gongkai audit: {} report{}, {placed} with agency and year, {} finding{}",
        reports.len(),
        if reports.len() == 1 { "" } else { "s" },
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
    );
    Ok(if failed {
        ExitCode::from(2)
    } else if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn write_finding(out: &mut impl Write, f: &Finding, print: Print) -> io::Result<()> {
    match print {
        Print::Text => writeln!(out, "{}: {} {}", f.source, f.kind.as_str(), f.message),
        Print::Jsonl => {
            serde_json::to_writer(&mut *out, f).map_err(io::Error::other)?;
            writeln!(out)
        }
        Print::Csv => {
            let mut line = String::new();
            line.push_str(f.kind.as_str());
            for field in [&f.agency, &f.source] {
                line.push(',');
                csv(&mut line, field);
            }
            line.push_str(&format!(",{},", f.year));
            csv(&mut line, &f.other_source);
            line.push_str(&format!(",{},", f.other_year));
            let num = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
            csv(&mut line, f.field.as_deref().unwrap_or(""));
            line.push_str(&format!(",{},", num(f.value)));
            csv(&mut line, f.other_field.as_deref().unwrap_or(""));
            line.push_str(&format!(",{},", num(f.other_value)));
            csv(&mut line, &f.message);
            writeln!(out, "{line}")
        }
    }
}

/// `gongkai rates`.
pub(crate) fn rates_command(what: &Load, by: By, print: Print) -> io::Result<ExitCode> {
    let (reports, failed) = load(what)?;
    let all: Vec<&Report> = reports.iter().map(|(_, r)| r).collect();
    let by: gongkai::GroupBy = by.into();
    let by_name = match by {
        gongkai::GroupBy::All => "group",
        other => other.as_str(),
    };
    let rows = gongkai::rates_by(&all, by);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match print {
        Print::Csv => {
            let mut header = format!("{by_name},reports");
            for r in RATES {
                header.push_str(&format!(",{}", r.key));
            }
            for r in RATES {
                header.push_str(&format!(",{0}_numerator,{0}_denominator", r.key));
            }
            writeln!(out, "{header}")?;
            for (k, rates) in &rows {
                let mut line = String::new();
                csv(&mut line, k);
                line.push_str(&format!(",{}", rates.reports));
                for v in rates.values() {
                    line.push(',');
                    if let Some(v) = v {
                        line.push_str(&v.to_string());
                    }
                }
                for (n, d) in rates.fractions {
                    let s = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
                    line.push_str(&format!(",{},{}", s(n), s(d)));
                }
                writeln!(out, "{line}")?;
            }
        }
        Print::Jsonl => {
            for (k, rates) in &rows {
                let mut obj = serde_json::Map::new();
                obj.insert(by_name.into(), k.as_str().into());
                obj.insert("reports".into(), rates.reports.into());
                for (r, v) in RATES.iter().zip(rates.values()) {
                    obj.insert(r.key.into(), v.into());
                }
                for (r, (n, d)) in RATES.iter().zip(rates.fractions) {
                    obj.insert(format!("{}_numerator", r.key), n.into());
                    obj.insert(format!("{}_denominator", r.key), d.into());
                }
                serde_json::to_writer(&mut out, &obj).map_err(io::Error::other)?;
                writeln!(out)?;
            }
        }
        Print::Text => {
            let name = |k: &str| {
                if k.is_empty() {
                    "(none)".to_string()
                } else {
                    k.to_string()
                }
            };
            // The first column as wide as its widest name on a terminal, where a Chinese
            // character takes two columns.
            let width = rows
                .iter()
                .map(|(k, _)| display_width(&name(k)))
                .chain([12, display_width(by_name)])
                .max()
                .unwrap_or(12);
            write!(out, "{} {:>7}", padded(by_name, width), "reports")?;
            for r in RATES {
                write!(out, " {:>11}", short(r.key))?;
            }
            writeln!(out)?;
            for (k, rates) in &rows {
                write!(out, "{} {:>7}", padded(&name(k), width), rates.reports)?;
                for v in rates.values() {
                    match v {
                        Some(v) => write!(out, " {:>10.1}%", v * 100.0)?,
                        None => write!(out, " {:>11}", "-")?,
                    }
                }
                writeln!(out)?;
            }
            writeln!(out)?;
            for r in RATES {
                writeln!(out, "{:<11} = {}", short(r.key), r.formula)?;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// A rate's key cut to fit a text column.
fn short(key: &str) -> &str {
    match key {
        "partially_granted" => "partially",
        "other_handling" => "other",
        "review_corrected" => "review_corr",
        "litigation_corrected" => "litig_corr",
        k => k,
    }
}

/// `s` and spaces after it up to `width` terminal columns.
fn padded(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(display_width(s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_pad_by_the_columns_they_take() {
        assert_eq!(padded("平潭", 6), "平潭  ");
        assert_eq!(
            display_width(&padded("平潭县", 12)),
            display_width(&padded("2024", 12))
        );
    }
}
