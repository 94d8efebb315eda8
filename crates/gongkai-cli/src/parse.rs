//! `parse` and `check`: every file read on all cores, each rendered in the chosen form
//! (JSON, JSON Lines, CSV, the wide CSV, Parquet, or the check summary), printed in
//! input order, with a summary of what could not be read.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongkai::{Limits, Report, Severity};

use crate::progress::{Progress, Show};
use crate::{batch, columnar, Format};

/// What a run does with each report.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Parse(Format),
    /// `check`, printing the diagnostics at least as serious as this.
    Check(Severity),
}

pub(crate) struct Run {
    pub(crate) mode: Mode,
    pub(crate) pretty: bool,
    /// CSV: a byte-order mark first.
    pub(crate) excel: bool,
    /// CSV: the template's labels.
    pub(crate) labels: bool,
    /// Worker threads; 0 means one per core.
    pub(crate) jobs: usize,
    pub(crate) limits: Limits,
    pub(crate) files: Vec<PathBuf>,
    /// Where the output goes; standard output when `None`.
    pub(crate) output: Option<PathBuf>,
    /// Parquet: the wide form (read only by a build with Parquet).
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    pub(crate) wide: bool,
    /// When a progress line is shown.
    pub(crate) progress: Show,
}

/// What one file gave, or why it could not be read.
type Outcome = Result<Rendered, String>;

/// What one file gave.
pub(crate) struct Rendered {
    /// Its output.
    text: Vec<u8>,
    /// Whether it has errors.
    errors: bool,
    /// The codes of its diagnostics (for `check`'s summary).
    codes: Vec<(gongkai::Code, Severity)>,
    /// The report itself, where the output is made of all of them (Parquet).
    report: Option<Report>,
}

/// Parses one file and renders it for the command.
pub(crate) fn render(file: &Path, args: &Run) -> Outcome {
    let report = batch::load(file, &args.limits)?;
    let mut out = Vec::new();
    // The name as printed: lossy where the file name is not UTF-8.
    let path = file.to_string_lossy();
    let path = path.as_ref();
    let io = |e: io::Error| format!("{path}: {e}");
    let mut codes = Vec::new();
    match args.mode {
        Mode::Check(shown) => {
            for d in &report.diagnostics {
                // Counted for the summary even when not printed, so that it tells how
                // many warnings or notes were left out.
                codes.push((d.code, d.severity));
                if d.severity > shown {
                    continue;
                }
                let line = d.line.map(|l| format!("{l}:")).unwrap_or_default();
                let sev = d.severity;
                let field = d
                    .field
                    .as_deref()
                    .map(|f| format!(" [{f}]"))
                    .unwrap_or_default();
                writeln!(out, "{path}:{line} {sev} {}{field} {}", d.code, d.message).map_err(io)?;
            }
        }
        Mode::Parse(Format::Json) => {
            if args.pretty {
                serde_json::to_writer_pretty(&mut out, &report).map_err(|e| e.to_string())?;
            } else {
                serde_json::to_writer(&mut out, &report).map_err(|e| e.to_string())?;
            }
        }
        Mode::Parse(Format::Jsonl) => {
            // `{"source":…,` and then the report's own keys, serialised straight from it.
            out.extend_from_slice(b"{\"source\":");
            serde_json::to_writer(&mut out, path).map_err(|e| e.to_string())?;
            out.push(b',');
            let start = out.len();
            serde_json::to_writer(&mut out, &report).map_err(|e| e.to_string())?;
            out.remove(start); // the report's own `{`
            out.push(b'\n');
        }
        Mode::Parse(Format::Csv) => {
            let mut buf = String::with_capacity(16 * 1024);
            report.tidy_csv(&mut buf, path, args.labels);
            out.extend_from_slice(buf.as_bytes());
        }
        Mode::Parse(Format::Wide) => {
            let mut buf = String::with_capacity(4 * 1024);
            report.wide_csv(&mut buf, path);
            out.extend_from_slice(buf.as_bytes());
        }
        Mode::Parse(Format::Parquet) => {}
    }
    let errors = report.has_errors();
    let keep = args.mode == Mode::Parse(Format::Parquet);
    Ok(Rendered {
        text: out,
        errors,
        codes,
        report: keep.then_some(report),
    })
}

/// Expands the command line's paths and reports on standard error what a folder walk
/// left out. The files, and whether the run already failed: a folder could not be read,
/// or nothing is left to read though files were found.
pub(crate) fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let batch::Expansion {
        files,
        skipped,
        errors,
    } = batch::expand(paths);
    for msg in errors.iter().chain(&skipped) {
        eprintln!("gongkai: {msg}");
    }
    // An empty folder is as much a failure as one of files gongkai does not read: the
    // user expected reports.
    let nothing = files.is_empty();
    if nothing {
        eprintln!(
            "gongkai: no report file to read: {} file(s) skipped",
            skipped.len()
        );
    }
    (files, nothing || !errors.is_empty())
}

/// What `check` found over all files, for its closing summary.
#[derive(Default)]
pub(crate) struct Summary {
    /// Diagnostics counted by severity, in [`Severity::ALL`]'s order.
    counts: [usize; 3],
    by_code: std::collections::BTreeMap<&'static str, usize>,
}

impl Summary {
    fn add(&mut self, codes: &[(gongkai::Code, Severity)]) {
        for (code, severity) in codes {
            self.counts[*severity as usize] += 1;
            *self.by_code.entry(code.as_str()).or_default() += 1;
        }
    }

    /// `gongkai check: 5 files, 3 errors, 12 warnings, 40 notes (blank_cell 40, ...)`, with
    /// the files that could not be read, and what was counted but not printed.
    fn text(&self, files: usize, unreadable: usize, shown: Severity) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let codes: Vec<String> = self
            .by_code
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let mut s = format!("gongkai check: {}", plural(files, "file"));
        for severity in Severity::ALL {
            s.push_str(", ");
            s.push_str(&plural(self.counts[severity as usize], severity.as_str()));
        }
        if !codes.is_empty() {
            s.push_str(&format!(" ({})", codes.join(", ")));
        }
        if unreadable > 0 {
            s.push_str(&format!("; {unreadable} more could not be read"));
        }
        let hidden: Vec<&str> = Severity::ALL
            .into_iter()
            .filter(|&sev| sev > shown && self.counts[sev as usize] > 0)
            .map(|sev| match sev {
                Severity::Note => "notes not printed (--notes prints them)",
                _ => "warnings not printed (--errors-only)",
            })
            .collect();
        for h in hidden {
            s.push_str("; ");
            s.push_str(h);
        }
        s
    }
}

/// Where a command writes: the file given, or standard output.
pub(crate) fn output(path: Option<&Path>) -> io::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(io::BufWriter::new(
            std::fs::File::create(p)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    })
}

pub(crate) fn run(args: Run) -> io::Result<ExitCode> {
    let (files, mut unreadable) = expand(&args.files);
    let mut sink: Option<columnar::ParquetSink> = match (args.mode, &args.output) {
        #[cfg(feature = "parquet")]
        (Mode::Parse(Format::Parquet), Some(path)) => {
            let shape = if args.wide {
                columnar::Shape::Wide
            } else {
                columnar::Shape::Long
            };
            Some(
                columnar::ParquetSink::create(path, shape)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?,
            )
        }
        _ => None,
    };
    let mut out = output(if sink.is_some() {
        None
    } else {
        args.output.as_deref()
    })?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(batch::threads(args.jobs, files.len()))
        .build()
        .map_err(io::Error::other)?;
    let mut has_errors = false;
    let json = args.mode == Mode::Parse(Format::Json);
    // One file named on the command line prints one object; anything else an array.
    let array = json && !(args.files.len() == 1 && files.len() == 1 && files[0] == args.files[0]);
    if matches!(args.mode, Mode::Parse(Format::Csv | Format::Wide)) {
        if args.excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        if args.mode == Mode::Parse(Format::Wide) {
            writeln!(out, "{}", gongkai::csv::wide_header())?;
        } else {
            writeln!(out, "{}", gongkai::csv::tidy_header(args.labels))?;
        }
    }
    let mut written = 0usize;
    let mut failed = 0usize;
    let mut summary = Summary::default();
    let progress = Progress::start(files.len(), args.progress);
    batch::for_each_in_order(
        &pool,
        &files,
        |path| {
            let outcome = render(path, &args);
            progress.done();
            outcome
        },
        |path, outcome: Outcome| {
            let Rendered {
                text,
                errors,
                codes,
                report,
            } = match outcome {
                Ok(o) => o,
                Err(msg) => {
                    progress.message(&format!("gongkai: {msg}"));
                    unreadable = true;
                    failed += 1;
                    return Ok(());
                }
            };
            if let (Some(sink), Some(report)) = (sink.as_mut(), report) {
                sink.add(&path.to_string_lossy(), &report)?;
            }
            let check = matches!(args.mode, Mode::Check(_));
            has_errors |= errors && check;
            summary.add(&codes);
            if array {
                out.write_all(if written == 0 { b"[" } else { b"," })?;
                if args.pretty {
                    // Indent the object as serde_json indents an array's items.
                    out.write_all(b"\n")?;
                    let text = String::from_utf8_lossy(&text);
                    for (k, line) in text.split('\n').enumerate() {
                        if k > 0 {
                            out.write_all(b"\n")?;
                        }
                        write!(out, "  {line}")?;
                    }
                } else {
                    out.write_all(&text)?;
                }
            } else {
                out.write_all(&text)?;
                if json {
                    out.write_all(b"\n")?;
                }
            }
            written += 1;
            Ok(())
        },
    )?;
    progress.finish();
    if array && written > 0 {
        out.write_all(if args.pretty { b"\n]\n" } else { b"]\n" })?;
    } else if array {
        out.write_all(b"[]\n")?;
    }
    out.flush()?;
    if let Some(sink) = sink {
        sink.finish()?;
    }
    if let Mode::Check(shown) = args.mode {
        eprintln!("{}", summary.text(written, failed, shown));
    }
    Ok(if unreadable {
        ExitCode::from(2)
    } else if has_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
