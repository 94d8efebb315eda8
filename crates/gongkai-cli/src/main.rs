//! `gongkai`: annual reports in, JSON / JSON Lines / tidy CSV out.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use gongkai::{Report, Severity};

const HELP: &str = "\
gongkai: read Chinese government open-information annual reports (政府信息公开工作年度报告)

USAGE:
    gongkai parse [--format json|jsonl|csv] [--pretty] FILE...
    gongkai check FILE...
    gongkai --help | --version

COMMANDS:
    parse   Parse reports and print them.
              json   one report as a JSON object (several files: a JSON array)
              jsonl  one JSON object per line, with a \"source\" key naming the file
              csv    a tidy long table: source,agency,year,table,row,column,value
    check   Print each report's diagnostics as FILE:LINE: SEVERITY CODE MESSAGE and
            exit with status 1 when any report has an error.

FILE may be - for standard input. Files are UTF-8 (with or without BOM), UTF-16 with
BOM, or GB18030/GBK. A file that cannot be read is reported on standard error and the
others are still processed; the exit status is then 2.
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

fn parse_format(v: &str) -> Result<Format, String> {
    match v {
        "json" => Ok(Format::Json),
        "jsonl" => Ok(Format::Jsonl),
        "csv" => Ok(Format::Csv),
        _ => Err(format!("unknown format {v:?}: use json, jsonl or csv")),
    }
}

/// Reads and parses one file; the error is a message naming the file.
fn load(path: &str) -> Result<Report, String> {
    let mut bytes = Vec::new();
    let read = if path == "-" {
        io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|e| format!("{path}: cannot read: {e}"))?;
    gongkai::parse_bytes_as(&bytes, gongkai::Format::from_file_name(path))
        .map_err(|e| format!("{path}: {e}"))
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

fn run(args: Args) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut unreadable = false;
    let mut has_errors = false;
    let mut reports: Vec<serde_json::Value> = Vec::new();
    if args.command == "parse" && args.format == Format::Csv {
        writeln!(out, "source,agency,year,table,row,column,value")?;
    }
    for path in &args.files {
        let report = match load(path) {
            Ok(r) => r,
            Err(msg) => {
                eprintln!("gongkai: {msg}");
                unreadable = true;
                continue;
            }
        };
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
                    writeln!(out, "{path}:{line} {sev} {}{field} {}", d.code, d.message)?;
                }
                has_errors |= report.has_errors();
            }
            (_, Format::Json) => reports.push(report.to_value()),
            (_, Format::Jsonl) => {
                let mut m = serde_json::Map::new();
                m.insert("source".into(), path.clone().into());
                if let serde_json::Value::Object(o) = report.to_value() {
                    m.extend(o);
                }
                serde_json::to_writer(&mut out, &m)?;
                writeln!(out)?;
            }
            (_, Format::Csv) => write_csv(&mut out, path, &report)?,
        }
    }
    if args.command == "parse" && args.format == Format::Json && !reports.is_empty() {
        let value = if args.files.len() == 1 {
            reports.pop().expect("one report")
        } else {
            serde_json::Value::Array(reports)
        };
        if args.pretty {
            serde_json::to_writer_pretty(&mut out, &value)?;
        } else {
            serde_json::to_writer(&mut out, &value)?;
        }
        writeln!(out)?;
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
    if !matches!(args.command.as_str(), "parse" | "check") {
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
