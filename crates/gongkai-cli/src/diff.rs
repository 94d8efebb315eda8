//! `gongkai diff`: reports against the values someone checked by hand
//! ([`gongkai::compare`]).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongkai::compare::{compare, Comparison};
use gongkai::Limits;
use serde_json::Value;

use crate::batch;

/// One truth file and the report it describes.
pub(crate) struct Case {
    pub truth: PathBuf,
    pub source: PathBuf,
}

/// The cases a command line names: `TRUTH.json SOURCE` is one; a folder holds one per
/// `NAME.json` that has exactly one other `NAME.*` file beside it (or in `sources`),
/// subfolders included.
pub(crate) fn cases(truth: &Path, source: Option<&Path>) -> Result<Vec<Case>, String> {
    if !truth.is_dir() {
        let source = source.ok_or_else(|| {
            format!(
                "{}: a truth file needs the report it describes: gongkai diff TRUTH.json REPORT",
                truth.display()
            )
        })?;
        return Ok(vec![Case {
            truth: truth.to_path_buf(),
            source: source.to_path_buf(),
        }]);
    }
    let mut out = Vec::new();
    collect(truth, source, &mut out)?;
    if out.is_empty() {
        return Err(format!(
            "{}: no NAME.json with one NAME.* report beside it",
            truth.display()
        ));
    }
    Ok(out)
}

/// The cases under `dir` and its subfolders, in name order; a report is looked for in
/// the truth file's own folder, or in `sources` when given.
fn collect(dir: &Path, sources: Option<&Path>, out: &mut Vec<Case>) -> Result<(), String> {
    let listing = |dir: &Path| -> Result<Vec<PathBuf>, String> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        Ok(v)
    };
    let entries = listing(dir)?;
    let candidates = match sources {
        Some(s) => listing(s)?,
        None => entries.clone(),
    };
    for path in &entries {
        if path.is_dir() {
            if sources.is_none() {
                collect(path, None, out)?;
            }
            continue;
        }
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let stem = path.file_stem();
        let beside: Vec<&PathBuf> = candidates
            .iter()
            .filter(|p| {
                p.is_file() && p.file_stem() == stem && p.extension().is_some_and(|e| e != "json")
            })
            .collect();
        if let [source] = beside[..] {
            out.push(Case {
                truth: path.clone(),
                source: source.clone(),
            });
        }
    }
    Ok(())
}

/// How `diff` prints.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DiffFormat {
    /// One line per file, then each difference under it, then a total.
    Text,
    /// One JSON object per file: source, truth, fields, exact, silent, mismatches.
    Jsonl,
}

/// Compares each case and prints the result. Exit status: 0 when every value is exact
/// (with `allow_flagged`, when every difference carries a diagnostic), 1 otherwise, 2
/// when a file could not be read.
pub(crate) fn diff_command(
    cases: &[Case],
    limits: &Limits,
    format: DiffFormat,
    allow_flagged: bool,
) -> io::Result<ExitCode> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut total = Comparison::default();
    let mut unreadable = false;
    for case in cases {
        let c = match compare_case(case, limits) {
            Ok(c) => c,
            Err(msg) => {
                eprintln!("gongkai: {msg}");
                unreadable = true;
                continue;
            }
        };
        let source = case.source.to_string_lossy();
        match format {
            DiffFormat::Jsonl => {
                let line = serde_json::json!({
                    "source": source,
                    "truth": case.truth.to_string_lossy(),
                    "fields": c.fields,
                    "exact": c.exact,
                    "silent": c.silent,
                    "mismatches": c.mismatches,
                });
                writeln!(out, "{line}")?;
            }
            DiffFormat::Text => {
                write!(out, "{source}: {}/{} exact", c.exact, c.fields)?;
                if c.silent > 0 {
                    write!(out, ", {} silent", c.silent)?;
                }
                writeln!(out)?;
                for m in &c.mismatches {
                    let mark = if m.flagged { "flagged" } else { "SILENT " };
                    writeln!(out, "  {mark} {}: want {}, got {}", m.path, m.want, m.got)?;
                }
            }
        }
        total.add(c);
    }
    if format == DiffFormat::Text && cases.len() > 1 {
        writeln!(
            out,
            "total: {}/{} exact, {} silent, {} file(s)",
            total.exact,
            total.fields,
            total.silent,
            cases.len()
        )?;
    }
    out.flush()?;
    let ok = if allow_flagged {
        total.silent == 0
    } else {
        total.is_exact()
    };
    Ok(ExitCode::from(if unreadable {
        2
    } else if ok {
        0
    } else {
        1
    }))
}

fn compare_case(case: &Case, limits: &Limits) -> Result<Comparison, String> {
    let text = std::fs::read_to_string(&case.truth)
        .map_err(|e| format!("{}: {e}", case.truth.display()))?;
    let truth: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", case.truth.display()))?;
    if !truth.is_object() {
        return Err(format!(
            "{}: a truth file is a JSON object",
            case.truth.display()
        ));
    }
    let report = batch::load(&case.source, limits)?;
    Ok(compare(&report.to_value(), &truth))
}
