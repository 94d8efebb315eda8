//! `gongkai`: annual reports in, JSON / JSON Lines / tidy CSV out.

mod audit;
mod batch;
mod bench;
mod columnar;
mod diff;
mod parse;
mod progress;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use gongkai::{Limits, Severity};
use parse::{expand, run, Mode, Run};

/// The allocator: mimalloc, for the many small short-lived allocations of parsing (see
/// the workspace's Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Read Chinese government open-information annual reports (政府信息公开工作年度报告).
///
/// PATH is a file, - for standard input, or a folder: every .txt, .htm, .html, .docx, .doc,
/// .wps and .pdf file under it, in name order. Reports are text, HTML pages, Word (.docx,
/// .doc, and .wps in the Word 97 format) or PDF files;
/// text may be UTF-8 (with or without BOM), UTF-16, or GB18030/GBK. A file that cannot be
/// read is reported on standard error and the others are still processed; the exit status
/// is then 2. Files are parsed on all cores and printed in input order.
#[derive(Parser)]
#[command(name = "gongkai", version, about, long_about = None, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const AFTER_HELP: &str = "\
PATH is a file, - for standard input, or a folder (every .txt, .htm, .html, .docx, .doc,
.wps and .pdf file under it, and pictures of tables: .png, .jpg, .jpeg, .tif, .tiff, .bmp,
.webp; in name order; other files are named on standard error as skipped). Run
`gongkai COMMAND --help` for a command's options.";

/// Options every command that reads reports takes.
#[derive(Args, Clone)]
struct Inputs {
    /// Worker threads (default: one per core; never more than the files, nor than 256).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,
    /// The largest file read (bytes, or with K, M, G: 128M); larger ones are refused
    /// before they are read. For a .docx, the size of its unpacked document.
    #[arg(long, value_name = "SIZE", default_value = "128M", value_parser = batch::parse_size)]
    max_size: u64,
    /// PDF: the most bytes decoded from a document's streams (bytes, or with K, M, G);
    /// default 32M plus six times the file's size. Reading stops there with a too_large
    /// error, as for the budgets below.
    #[arg(long, value_name = "SIZE", value_parser = batch::parse_size)]
    max_decoded: Option<u64>,
    /// PDF: the most pages read.
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_PAGES)]
    max_pages: usize,
    /// PDF: the most glyphs shown (counted as the bytes of the strings showing them).
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_GLYPHS)]
    max_glyphs: u64,
    /// PDF: the most content-stream operators interpreted (each path segment is one).
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_OPERATORS)]
    max_operators: u64,
    /// Scans and pictures: the most pixels recognised by OCR in one file; default 16
    /// million plus 100 per byte of the file.
    #[arg(long, value_name = "N")]
    max_ocr_pixels: Option<u64>,
    /// Report files or folders; - reads standard input.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
}

impl Inputs {
    /// What a command over a whole collection needs to load it.
    fn paths_and_limits(&self) -> audit::Load {
        audit::Load {
            paths: self.paths.clone(),
            jobs: self.threads(),
            limits: self.limits(),
        }
    }

    fn threads(&self) -> usize {
        self.jobs.map_or(0, |n| n as usize)
    }

    fn limits(&self) -> Limits {
        let limits = Limits::default()
            .max_input_bytes(self.max_size)
            .max_pages(self.max_pages)
            .max_glyphs(self.max_glyphs)
            .max_operators(self.max_operators);
        let limits = match self.max_ocr_pixels {
            Some(pixels) => limits.max_ocr_pixels(pixels),
            None => limits,
        };
        match self.max_decoded {
            Some(bytes) => limits.max_decoded_bytes(bytes),
            None => limits,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Parse reports and print them as JSON, JSON Lines or a tidy CSV.
    Parse {
        /// json: one report as an object (several: an array); jsonl: one object per line
        /// with a "source" key; csv: a tidy long table
        /// source,agency,year,table,row,column,value,template,unit,flag; wide: a CSV with
        /// one row per report and one column per value; parquet: a Parquet file (needs
        /// --output), long form, or wide with --wide.
        #[arg(short, long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to FILE instead of standard output (required for parquet).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Parquet: one row per report (the columns of --format wide) instead of one row
        /// per value.
        #[arg(long)]
        wide: bool,
        /// CSV for Excel: UTF-8 with a byte-order mark, so that Excel (Chinese locale
        /// too) shows the Chinese text.
        #[arg(long, alias = "bom")]
        excel: bool,
        /// CSV: add the row and column labels as the template prints them
        /// (row_label,column_label).
        #[arg(long, value_enum, value_name = "LANG")]
        labels: Option<Labels>,
        /// Indent JSON output.
        #[arg(long)]
        pretty: bool,
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        feedback: Feedback,
    },
    /// Print each report's errors and warnings as FILE:LINE: SEVERITY CODE [FIELD] MESSAGE
    /// (LINE left out when unknown), then a summary on standard error: files, errors,
    /// warnings, notes, and how many of each code. The exit status is 1 when any report
    /// has an error.
    Check {
        /// Print errors only (values that could not be read, failed checks).
        #[arg(long, conflicts_with = "notes")]
        errors_only: bool,
        /// Print notes too (blank cells, checks over blank cells, parts not found, the
        /// encoding): facts that need no action.
        #[arg(long)]
        notes: bool,
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        feedback: Feedback,
    },
    /// Look across reports: carry-over between years of one agency, likely copies (tables
    /// or prose repeated from another report), two reports for one year. Prints one
    /// finding per line; the exit status is 1 when there is any.
    Audit {
        /// text: one finding per line; jsonl: one JSON object per finding; csv.
        #[arg(short, long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        #[command(flatten)]
        inputs: Inputs,
    },
    /// Rates of how requests were answered and how often reviews and lawsuits corrected
    /// the agency, pooled per group (each rate's counts added over the reports that have
    /// them). The text format ends with each rate's formula.
    Rates {
        /// Group by: year, agency, template, or all (one row).
        #[arg(long, value_enum, default_value_t = audit::By::Year)]
        by: audit::By,
        /// text: an aligned table; jsonl; csv.
        #[arg(short, long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        #[command(flatten)]
        inputs: Inputs,
    },
    /// Compare reports with values checked by hand: TRUTH.json REPORT for one, or a
    /// folder of NAME.json files each beside its report NAME.* (or with the reports in
    /// --sources). A truth file has the report's shape and holds only what was checked
    /// (any of meta, sections, the three tables, template, must_flag). Prints each file's
    /// exact count and every difference, marked SILENT when no diagnostic names it. The
    /// exit status is 0 when everything is exact, 1 otherwise, 2 when a file is unreadable.
    Diff {
        /// A truth file, or a folder of them.
        #[arg(value_name = "TRUTH")]
        truth: PathBuf,
        /// The report a truth file describes.
        #[arg(value_name = "REPORT")]
        report: Option<PathBuf>,
        /// With a folder of truth files: the folder holding the reports.
        #[arg(long, value_name = "DIR", conflicts_with = "report")]
        sources: Option<PathBuf>,
        /// Exit 0 when every difference carries a diagnostic (no SILENT line).
        #[arg(long)]
        allow_flagged: bool,
        /// text, or jsonl: one JSON object per file.
        #[arg(short, long, value_enum, default_value_t = diff::DiffFormat::Text)]
        format: diff::DiffFormat,
        /// The largest report read (bytes, or with K, M, G).
        #[arg(long, value_name = "SIZE", default_value = "128M", value_parser = batch::parse_size)]
        max_size: u64,
    },
    /// Print the JSON Schema of the report JSON (draft 2020-12), derived from gongkai's own
    /// types: the same as docs/report.schema.json.
    Schema,
    /// Parse every report under PATH on one core and on all cores, without printing them,
    /// and print files/s and MB/s: throughput on your own data.
    Bench {
        #[command(flatten)]
        inputs: Inputs,
    },
}

/// What `parse` prints.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One report as a JSON object; several as an array.
    Json,
    /// One JSON object per line, with a "source" key naming the file.
    Jsonl,
    /// A tidy long table: source,agency,year,table,row,column,value,...
    Csv,
    /// A CSV with one row per report: source, agency, year, template, errors, warnings,
    /// then one column per value (`applications.new_received.total`...) and the rates.
    Wide,
    /// A Parquet file (with --output): the long form, or the wide one with --wide.
    Parquet,
}

/// How `audit` and `rates` print.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    /// Lines for people.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header line.
    Csv,
}

/// Whether a batch shows its progress.
#[derive(Args)]
struct Feedback {
    /// Show no progress line (it is shown on a terminal for a batch of several files).
    #[arg(short, long, conflicts_with = "progress")]
    quiet: bool,
    /// Show the progress line even when standard error is not a terminal (one line per
    /// change, for a log).
    #[arg(long)]
    progress: bool,
}

impl Feedback {
    fn show(&self) -> progress::Show {
        if self.quiet {
            progress::Show::Never
        } else if self.progress {
            progress::Show::Always
        } else {
            progress::Show::Auto
        }
    }
}

/// Languages of the labels `--labels` adds.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Labels {
    /// The template's own Chinese labels (自然人, 本年新收政府信息公开申请数量, ...).
    Zh,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (mut excel, mut labels, mut wide) = (false, false, false);
    let mut output = None;
    let show;
    let (mode, pretty, inputs) = match cli.command {
        Command::Parse {
            format,
            pretty,
            excel: e,
            labels: l,
            output: o,
            wide: w,
            inputs,
            feedback,
        } => {
            show = feedback.show();
            if format == Format::Parquet && !cfg!(feature = "parquet") {
                eprintln!(
                    "gongkai: this gongkai was built without Parquet output (its `parquet` feature is off); install it with its default features: cargo install --locked --path crates/gongkai-cli"
                );
                return ExitCode::from(2);
            }
            if format == Format::Parquet && o.is_none() {
                eprintln!("gongkai: --format parquet writes a file: give it with --output FILE");
                return ExitCode::from(2);
            }
            if w && format != Format::Parquet {
                eprintln!(
                    "gongkai: --wide is for --format parquet (the wide CSV is --format wide)"
                );
                return ExitCode::from(2);
            }
            // The labels are columns of the tidy CSV; other forms have no place for them.
            if l.is_some() && format != Format::Csv {
                eprintln!("gongkai: --labels is for --format csv (JSON keys and wide columns are the template's keys)");
                return ExitCode::from(2);
            }
            (excel, labels, wide, output) = (e, l.is_some(), w, o);
            (Mode::Parse(format), pretty, inputs)
        }
        Command::Audit { format, inputs } => {
            return finish(audit::audit_command(
                &inputs.paths_and_limits(),
                format.into(),
            ))
        }
        Command::Rates { by, format, inputs } => {
            return finish(audit::rates_command(
                &inputs.paths_and_limits(),
                by,
                format.into(),
            ))
        }
        Command::Check {
            errors_only,
            notes,
            inputs,
            feedback,
        } => {
            show = feedback.show();
            let shown = if errors_only {
                Severity::Error
            } else if notes {
                Severity::Note
            } else {
                Severity::Warning
            };
            (Mode::Check(shown), false, inputs)
        }
        Command::Bench { inputs } => return bench::command(&inputs),
        Command::Schema => {
            let text = serde_json::to_string_pretty(&gongkai::json_schema())
                .expect("a schema always serialises");
            let mut out = io::stdout().lock();
            return finish(writeln!(out, "{text}").map(|()| ExitCode::SUCCESS));
        }
        Command::Diff {
            truth,
            report,
            sources,
            allow_flagged,
            format,
            max_size,
        } => {
            let cases = match diff::cases(&truth, report.as_deref().or(sources.as_deref())) {
                Ok(c) => c,
                Err(msg) => {
                    eprintln!("gongkai: {msg}");
                    return ExitCode::from(2);
                }
            };
            let limits = Limits::default().max_input_bytes(max_size);
            return finish(diff::diff_command(&cases, &limits, format, allow_flagged));
        }
    };
    let args = Run {
        mode,
        pretty,
        excel,
        labels,
        jobs: inputs.threads(),
        limits: inputs.limits(),
        files: inputs.paths,
        output,
        wide,
        progress: show,
    };
    finish(run(args))
}

/// The exit status of a run, with output errors reported.
pub(crate) fn finish(result: io::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        // A closed pipe (`gongkai parse … | head`) is not an error worth a panic.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gongkai: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
