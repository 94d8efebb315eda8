//! # gongkai
//!
//! Turns a Chinese government open-information annual report (政府信息公开工作年度报告)
//! into a typed, validated [`Report`]: metadata, the six parts, the three tables of
//! counts, and diagnostics for everything the parser noticed, including the template's
//! consistency checks (勾稽关系). Reports are read as text (copied from Word or PDF, in any
//! of the table layouts seen), as HTML pages, or as .docx files.
//!
//! ```
//! let text = "一、总体情况\n…\n四、政府信息公开行政复议、行政诉讼情况\n\
//!             0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
//! let report = gongkai::parse(text);
//! assert_eq!(report.review_litigation.review.total, Some(0));
//! ```
//!
//! ## The path of the data
//!
//! Every entry point runs the same one-way pipeline (the private function `run`):
//!
//! 1. **input** (`input/`): bytes → a document of text lines and table grids. One reader
//!    per kind of input (`text` with one module per table layout, `html`, `docx`, `doc`,
//!    `pdf`); the choice between them is made once, in `input::read`. Readers know
//!    nothing of the report template.
//! 2. **repair** (`repair.rs`): plain text whose line breaks were lost is cut into lines
//!    again at the template's words.
//! 3. **semantic** (`semantic/`): the document → a [`Report`]. The report is cut out of
//!    its page, its parts and metadata found, and each table read by matching its labels
//!    against the template, which is written down as data in one place (`template/`).
//! 4. **checks** (`checks/`): the consistency checks, run on the finished report: the
//!    template's equations (`template::balance`) and the prose against the tables.
//!
//! Nothing flows back up: the input stage does not call the semantic stage, and the
//! semantic stage does not run checks (it weighs readings by the template's equations);
//! `tests/layers.rs` holds this. `ARCHITECTURE.md` says where a new input kind, a
//! new row of the template or a new check goes.

/// `format!` for messages and field paths: one allocation (see [`diagnostic::text`]).
macro_rules! msg {
    ($($t:tt)*) => {
        $crate::diagnostic::text(format_args!($($t)*))
    };
}

mod checks;
mod collection;
pub mod compare;
pub mod csv;
mod diagnostic;
mod error;
mod explain;
mod grammar;
mod ideographs;
mod input;
mod limits;
mod normalize;
mod path;
mod repair;
mod report;
mod semantic;
mod template;
mod tidy;

pub use collection::{
    agency_key, audit, rates_by, wide_columns, AgencyGroups, Finding, FindingKind, GroupBy, Rate,
    Rates, Source, ValueType, WideColumn, RATES, WIDE_LEADING_COLUMNS, WIDE_LEADING_LABELS,
};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use error::{Error, Result};
pub use explain::message_zh;
pub use input::Format;
pub use limits::Limits;
pub use normalize::display_width;
pub use path::{parse_path, parse_path_with, read_path_with, read_stream_with};
pub use report::{
    ActiveDisclosure, ActiveDisclosure2019, ActiveDisclosure2021, ApplicationRow, Applications,
    Decisions, DocumentCounts, DocumentCounts2019, Fees, Fees2019, Matters2019, Meta,
    Procurement2019, Report, ReviewLitigation, ReviewOutcomes, Section, Template, UnknownTemplate,
    SCHEMA_VERSION,
};
pub use template::{
    column_label, row_label, template_layout, Entry, RowLayout, TableLayout, APPLICANT_COLUMNS,
    APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, TABLES,
};
pub use tidy::TidyCell;

use std::borrow::Cow;

/// The JSON Schema (draft 2020-12) of a report's JSON, derived from the [`Report`] types
/// themselves; the repository keeps it as `docs/report.schema.json` for consumers in
/// other languages. Needs the `schema` feature.
///
/// ```
/// let schema = gongkai::json_schema();
/// assert_eq!(schema["title"], "Report");
/// assert!(schema["required"].as_array().unwrap().contains(&"applications".into()));
/// ```
#[cfg(feature = "schema")]
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Report).to_value();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$id".into(),
            "https://github.com/gongkai/gongkai/blob/main/docs/report.schema.json".into(),
        );
    }
    schema
}

/// Parses one report given as text: plain text, or an HTML page (recognised by its
/// start). Never fails: what cannot be read is `null` with a diagnostic.
///
/// ```
/// let report = gongkai::parse("某县2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n");
/// assert_eq!(report.meta.agency.as_deref(), Some("某县"));
/// assert_eq!(report.meta.year, Some(2024));
/// // The tables are missing: their values are null, and the diagnostics say so.
/// assert_eq!(report.applications.new_received.total, None);
/// assert!(report.diagnostics.iter().any(|d| d.code == gongkai::Code::TableMissing));
/// ```
pub fn parse(text: &str) -> Report {
    run(input::from_text(Cow::Borrowed(text), None)).0
}

/// Parses the bytes of one report: a .docx file, or text or HTML in UTF-8 (with or
/// without BOM), UTF-16 or GB18030/GBK. Fails on input that is empty or not a report's
/// text at all.
///
/// ```
/// let gbk = b"\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xc7\xe9\xbf\xf6\n"; // 一、总体情况, in GBK
/// let report = gongkai::parse_bytes(gbk)?;
/// assert_eq!(report.sections[0].number, 1);
/// assert_eq!(report.diagnostics[0].code, gongkai::Code::Encoding);
///
/// assert!(matches!(gongkai::parse_bytes(b""), Err(gongkai::Error::Empty)));
/// # Ok::<(), gongkai::Error>(())
/// ```
pub fn parse_bytes(bytes: &[u8]) -> Result<Report> {
    parse_bytes_as(bytes, None)
}

/// Like [`parse_bytes`], with a hint of the format (from a file name, say). The bytes
/// decide where they are unambiguous: a zip archive is read as .docx, and text is read
/// as HTML when it starts like HTML; the hint makes a fragment that starts with some
/// other tag HTML.
///
/// ```
/// use gongkai::Format;
/// let fragment = b"<section><p>\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb\xe4\xbd\x93\xe6\x83\x85\xe5\x86\xb5</p></section>";
/// let as_html = gongkai::parse_bytes_as(fragment, Some(Format::Html))?;
/// assert_eq!(as_html.sections[0].heading, "一、总体情况");
/// # Ok::<(), gongkai::Error>(())
/// ```
pub fn parse_bytes_as(bytes: &[u8], hint: Option<Format>) -> Result<Report> {
    parse_bytes_with(bytes, hint, &Limits::default())
}

/// Like [`parse_bytes_as`], within the given [`Limits`] (the others use the default
/// ones): bytes over the size limit are an [`Error::TooLarge`].
pub fn parse_bytes_with(bytes: &[u8], hint: Option<Format>, limits: &Limits) -> Result<Report> {
    limits.check(bytes.len() as u64)?;
    match run(input::read(bytes, hint, limits)?) {
        (_, Some(refusal)) => Err(refusal),
        (report, None) => Ok(report),
    }
}

/// The pipeline: input → repair → semantic → checks. Beside the report, the error that
/// refuses the input when it is not a report ([`not_a_report`]), for the entry points
/// that can fail.
fn run(input: input::Input<'_>) -> (Report, Option<Error>) {
    let input = repair::repair(input);
    let doc = input.document();
    // The semantic stage borrows the document (cropping a page to its report without
    // a copy of the lines); the prose check reads every line's sentences afterwards.
    let mut report = semantic::analyse(&doc);
    let checked = checks::run(&report, &doc.lines);
    let refusal = not_a_report(&input, &doc, &report).then_some(Error::NotAReport {
        lines: doc.lines.len(),
    });
    let pages = input.pages().to_vec();
    report.diagnostics.splice(0..0, input.notes);
    report.diagnostics.extend(checked);
    if !pages.is_empty() {
        on_pages(&mut report, &pages);
    }
    (report, refusal)
}

/// Whether the input is not a report: nothing of the template was found in it (no part
/// heading, no table), nothing in it names what reports are about
/// ([`template::parts::SUBJECT_WORDS`]), and its reader read it without trouble. An empty
/// record with 50 diagnostics would hide that. A report whose reader had trouble
/// (damaged, cut off by a budget, glyphs without text) or that could not be cut into its
/// parts is returned, and its own diagnostics tell the truth.
fn not_a_report(input: &input::Input<'_>, doc: &input::Document<'_>, report: &Report) -> bool {
    let tables_missing = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TableMissing)
        .count();
    report.sections.is_empty()
        && tables_missing == template::TABLES.len()
        && !input.notes.iter().any(|d| d.severity <= Severity::Warning)
        && !doc.lines.iter().any(|l| {
            template::parts::SUBJECT_WORDS
                .iter()
                .any(|w| l.text.contains(w))
        })
}

/// Paged input: line numbers counted through the document become a page and a line on
/// that page. `starts` holds the first line number of each page.
fn on_pages(report: &mut Report, starts: &[usize]) {
    let locate = |line: usize| {
        let page = starts.partition_point(|&s| s <= line).max(1);
        (page, line + 1 - starts[page - 1])
    };
    for d in &mut report.diagnostics {
        if let Some(line) = d.line {
            let (page, on_page) = locate(line);
            d.page = Some(page);
            d.line = Some(on_page);
        }
    }
    for s in &mut report.sections {
        let (page, on_page) = locate(s.line);
        s.page = Some(page);
        s.line = on_page;
    }
}

/// Entry points of the input stage for benchmarks and fuzzing. Not part of the API: it
/// may change in any release.
#[doc(hidden)]
pub mod __private {
    /// What a reader made of an input, for tests of the readers alone: each line as
    /// (text, line number), and each table as (lines before it, rows), each row as (line,
    /// cell texts).
    #[derive(Debug, Clone, PartialEq)]
    pub struct ReadDocument {
        /// The lines, in order.
        pub lines: Vec<(String, usize)>,
        /// The tables, in order.
        pub tables: Vec<(usize, Vec<ReadRow>)>,
    }

    /// A row of a [`ReadDocument`] table: its line, and its cells' texts.
    pub type ReadRow = (usize, Vec<String>);

    /// Reads the bytes with the reader [`crate::parse_bytes_as`] would choose, and
    /// returns the lines and grids it made, before the semantic stage.
    pub fn read_document(bytes: &[u8], hint: Option<crate::Format>) -> crate::Result<ReadDocument> {
        let input = crate::input::read(bytes, hint, &crate::Limits::default())?;
        let doc = input.document();
        Ok(ReadDocument {
            lines: doc
                .lines
                .iter()
                .map(|l| (l.text.to_string(), l.no))
                .collect(),
            tables: doc
                .tables
                .iter()
                .map(|(at, g)| {
                    let rows = g
                        .rows
                        .iter()
                        .map(|r| (r.line, r.cells.iter().map(|c| c.text.to_string()).collect()))
                        .collect();
                    (*at, rows)
                })
                .collect(),
        })
    }

    /// Grids of every table region of a text, in the layout each shows; returns the
    /// number of rows (for benchmarks of the text layouts alone).
    pub fn text_layout_rows(text: &str) -> usize {
        let doc = crate::input::text::document(text);
        crate::input::text::grid(&doc.lines).rows.len()
    }

    /// Reads an HTML page into lines and grids; returns the number of lines and tables.
    pub fn html_layout(page: &str) -> (usize, usize) {
        crate::input::html::read(page).len()
    }

    /// Every glyph and ruling segment of each page of a PDF, one per line: what the
    /// PDF reader starts from.
    pub fn pdf_glyphs(bytes: &[u8]) -> crate::Result<String> {
        use std::fmt::Write;
        let mut out = String::new();
        for (i, p) in crate::input::pdf::pages(bytes, &crate::Limits::default())?
            .pages
            .iter()
            .enumerate()
        {
            for g in &p.glyphs {
                let r = g.rect;
                let _ = writeln!(
                    out,
                    "p{} glyph {:?} x {:.1}-{:.1} y {:.1}-{:.1} size {:.1}{}{}",
                    i + 1,
                    g.text.as_deref().unwrap_or("?"),
                    r.x0,
                    r.x1,
                    r.y0,
                    r.y1,
                    g.size,
                    if g.vertical { " vertical" } else { "" },
                    if g.invisible { " invisible" } else { "" },
                );
            }
            for s in &p.segments {
                let _ = writeln!(
                    out,
                    "p{} {} at {:.1} from {:.1} to {:.1}",
                    i + 1,
                    if s.horizontal { "hrule" } else { "vrule" },
                    s.at,
                    s.a,
                    s.b
                );
            }
        }
        Ok(out)
    }

    /// What the PDF reader makes of a PDF: its lines and table rows, one per line of
    /// text, for looking at what it sees.
    pub fn pdf_document(bytes: &[u8]) -> crate::Result<String> {
        use std::fmt::Write;
        let buf = crate::input::pdf::read(bytes, &crate::Limits::default())?;
        let doc = buf.document();
        let mut out = String::new();
        let write_table = |out: &mut String, grid: &crate::input::Grid<'_>| {
            for r in &grid.rows {
                let cells: Vec<&str> = r.cells.iter().map(|c| c.text.as_ref()).collect();
                let _ = writeln!(out, "{:4} | {}", r.line, cells.join(" | "));
            }
        };
        let mut tables = doc.tables.iter().peekable();
        for (i, l) in doc.lines.iter().enumerate() {
            while let Some((_, g)) = tables.next_if(|(at, _)| *at <= i) {
                write_table(&mut out, g);
            }
            let _ = writeln!(out, "{:4}   {}", l.no, l.text);
        }
        for (_, g) in tables {
            write_table(&mut out, g);
        }
        Ok(out)
    }

    /// Reads a .docx into lines and grids; returns the number of lines and tables.
    pub fn docx_layout(bytes: &[u8]) -> crate::Result<(usize, usize)> {
        crate::input::docx::read(bytes, &crate::Limits::default()).map(|d| d.len())
    }
}
