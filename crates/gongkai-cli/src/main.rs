//! `gongkai`: annual reports in, JSON / JSON Lines / tidy CSV out.

mod batch;
mod bench;

use std::io::{self, Write};
use std::process::ExitCode;

use gongkai::{Report, Severity};

const HELP: &str = "\
gongkai: read Chinese government open-information annual reports (政府信息公开工作年度报告)

USAGE:
    gongkai parse [--format json|jsonl|csv] [--pretty] [--jobs N] PATH...
    gongkai check [--jobs N] PATH...
    gongkai bench [--jobs N] PATH...
    gongkai --help | --version

COMMANDS:
    parse   Parse reports and print them.
              json   one report as a JSON object (several files: a JSON array)
              jsonl  one JSON object per line, with a \"source\" key naming the file
              csv    a tidy long table: source,agency,year,table,row,column,value
    check   Print each report's diagnostics as FILE:LINE: SEVERITY CODE MESSAGE and
            exit with status 1 when any report has an error.
    bench   Parse every report under PATH on one core and on all cores (without
            printing them) and print files/s and MB/s: throughput on your own data.

PATH is a file, - for standard input, or a folder: every .txt, .htm, .html and .docx
file under it, in name order. Reports are text, HTML pages or .docx files; text may be
UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK. A file that cannot be read
is reported on standard error and the others are still processed; the exit status is
then 2. Files are parsed on all cores (--jobs N sets how many threads) and printed in
input order.
";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Jsonl,
    Csv,
}

struct Args {
    command: String,
    format: Format,
    pretty: bool,
    /// Worker threads; 0 means one per core.
    jobs: usize,
    files: Vec<String>,
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("gongkai: {msg}\n\nRun `gongkai --help` for usage.");
    ExitCode::from(2)
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let command = it.next().ok_or("no command given")?;
    let mut args = Args {
        command,
        format: Format::Json,
        pretty: false,
        jobs: 0,
        files: Vec::new(),
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" | "-f" => {
                let v = it
                    .next()
                    .ok_or("--format needs a value: json, jsonl or csv")?;
                args.format = parse_format(&v)?;
            }
            s if s.starts_with("--format=") => args.format = parse_format(&s[9..])?,
            "--pretty" => args.pretty = true,
            "--jobs" | "-j" => {
                let v = it.next().ok_or("--jobs needs a number of threads")?;
                args.jobs = parse_jobs(&v)?;
            }
            s if s.starts_with("--jobs=") => args.jobs = parse_jobs(&s[7..])?,
            "--" => args.files.extend(it.by_ref()),
            "-" => args.files.push(a),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ => args.files.push(a),
        }
    }
    if args.files.is_empty() {
        return Err("no input files (use - for standard input)".into());
    }
    Ok(args)
}

fn parse_jobs(v: &str) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "--jobs takes a number of threads (1 or more), not {v:?}"
        )),
    }
}

fn parse_format(v: &str) -> Result<Format, String> {
    match v {
        "json" => Ok(Format::Json),
        "jsonl" => Ok(Format::Jsonl),
        "csv" => Ok(Format::Csv),
        _ => Err(format!("unknown format {v:?}: use json, jsonl or csv")),
    }
}

fn csv_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn write_csv(w: &mut impl Write, source: &str, r: &Report) -> io::Result<()> {
    let mut buf = String::with_capacity(16 * 1024);
    let agency = r.meta.agency.as_deref().unwrap_or("");
    let year = r.meta.year.map(|y| y.to_string()).unwrap_or_default();
    for c in r.tidy() {
        csv_field(&mut buf, source);
        buf.push(',');
        csv_field(&mut buf, agency);
        buf.push(',');
        buf.push_str(&year);
        buf.push(',');
        buf.push_str(c.table);
        buf.push(',');
        buf.push_str(&c.row);
        buf.push(',');
        buf.push_str(&c.column);
        buf.push(',');
        if let Some(v) = &c.value {
            buf.push_str(&v.to_string());
        }
        buf.push('\n');
    }
    w.write_all(buf.as_bytes())
}

/// What one file gave: its output, whether it has errors, or why it could not be read.
type Outcome = Result<(Vec<u8>, bool), String>;

/// Parses one file and renders it for the command.
fn render(path: &str, args: &Args) -> Outcome {
    let report = batch::load(path)?;
    let mut out = Vec::new();
    let io = |e: io::Error| format!("{path}: {e}");
    match (args.command.as_str(), args.format) {
        ("check", _) => {
            for d in &report.diagnostics {
                let line = d.line.map(|l| format!("{l}:")).unwrap_or_default();
                let sev = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let field = d
                    .field
                    .as_deref()
                    .map(|f| format!(" [{f}]"))
                    .unwrap_or_default();
                writeln!(out, "{path}:{line} {sev} {}{field} {}", d.code, d.message).map_err(io)?;
            }
        }
        (_, Format::Json) => {
            if args.pretty {
                serde_json::to_writer_pretty(&mut out, &report).map_err(|e| e.to_string())?;
            } else {
                serde_json::to_writer(&mut out, &report).map_err(|e| e.to_string())?;
            }
        }
        (_, Format::Jsonl) => {
            // `{"source":…,` and then the report's own keys, serialised straight from it.
            out.extend_from_slice(b"{\"source\":");
            serde_json::to_writer(&mut out, path).map_err(|e| e.to_string())?;
            out.push(b',');
            let start = out.len();
            serde_json::to_writer(&mut out, &report).map_err(|e| e.to_string())?;
            out.remove(start); // the report's own `{`
            out.push(b'\n');
        }
        (_, Format::Csv) => write_csv(&mut out, path, &report).map_err(io)?,
    }
    Ok((out, report.has_errors()))
}

fn run(args: Args) -> io::Result<ExitCode> {
    let (files, folder_errors) = batch::expand(&args.files);
    let mut unreadable = !folder_errors.is_empty();
    for e in folder_errors {
        eprintln!("gongkai: {e}");
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.command == "bench" {
        unreadable |= bench::run(&files, args.jobs, &mut out)?;
        out.flush()?;
        return Ok(if unreadable {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        });
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build()
        .map_err(io::Error::other)?;
    let mut has_errors = false;
    let json = args.command == "parse" && args.format == Format::Json;
    // One file named on the command line prints one object; anything else an array.
    let array = json && !(args.files.len() == 1 && files.len() == 1 && files[0] == args.files[0]);
    if args.command == "parse" && args.format == Format::Csv {
        writeln!(out, "source,agency,year,table,row,column,value")?;
    }
    let mut written = 0usize;
    batch::for_each_in_order(
        &pool,
        &files,
        |path| render(path, &args),
        |_, outcome: Outcome| {
            let (text, errors) = match outcome {
                Ok(o) => o,
                Err(msg) => {
                    eprintln!("gongkai: {msg}");
                    unreadable = true;
                    return Ok(());
                }
            };
            has_errors |= errors && args.command == "check";
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
    if array && written > 0 {
        out.write_all(if args.pretty { b"\n]\n" } else { b"]\n" })?;
    } else if array {
        out.write_all(b"[]\n")?;
    }
    out.flush()?;
    Ok(if unreadable {
        ExitCode::from(2)
    } else if has_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        None | Some("-h" | "--help" | "help") => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Some("-V" | "--version") => {
            println!("gongkai {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    if !matches!(args.command.as_str(), "parse" | "check" | "bench") {
        return usage_error(&format!("unknown command {:?}", args.command));
    }
    match run(args) {
        Ok(code) => code,
        // A closed pipe (`gongkai parse … | head`) is not an error worth a panic.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gongkai: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
