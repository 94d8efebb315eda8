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
//! The pipeline has three stages, each in its own module:
//! - [`layout`]: text lines, HTML or .docx → lines and table grids, one module per
//!   input layout;
//! - [`semantic`]: grids and lines → the schema, by label matching;
//! - [`checks`]: the consistency checks, as diagnostics.

/// `format!` for messages and field paths: one allocation (see [`diagnostic::text`]).
macro_rules! msg {
    ($($t:tt)*) => {
        $crate::diagnostic::text(format_args!($($t)*))
    };
}

pub mod checks;
pub mod decode;
pub mod diagnostic;
pub mod error;
pub mod grammar;
pub mod layout;
pub mod normalize;
pub mod report;
pub mod semantic;
pub mod text;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use error::{Error, Result};
pub use report::*;

/// The kinds of input gongkai reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, in any of the table layouts of [`layout::Layout`].
    Text,
    /// An HTML page or fragment.
    Html,
    /// A Word document (.docx).
    Docx,
}

impl Format {
    /// The format a file name's extension names, if any (`.txt`, `.htm`/`.html`, `.docx`).
    pub fn from_file_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "htm" | "html" | "xhtml" | "shtml" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// Parses one report given as text: plain text, or an HTML page (recognised by its
/// start). Never fails: what cannot be read is `null` with a diagnostic.
pub fn parse(text: &str) -> Report {
    if layout::html::looks_like_html(text) {
        semantic::analyse_document(&layout::html::read(text))
    } else {
        semantic::analyse(text)
    }
}

/// Parses the bytes of one report: a .docx file, or text or HTML in UTF-8 (with or
/// without BOM), UTF-16 (with BOM) or GB18030/GBK. Fails on input that is empty or not
/// a report's text at all.
pub fn parse_bytes(bytes: &[u8]) -> Result<Report> {
    parse_bytes_as(bytes, None)
}

/// Like [`parse_bytes`], with a hint of the format (from a file name, say). The bytes
/// decide where they are unambiguous: a zip archive is read as .docx, and text is read
/// as HTML when it starts like HTML; the hint makes a fragment that starts with some
/// other tag HTML.
pub fn parse_bytes_as(bytes: &[u8], hint: Option<Format>) -> Result<Report> {
    if layout::docx::is_zip(bytes) || hint == Some(Format::Docx) {
        return Ok(semantic::analyse_document(&layout::docx::read(bytes)?));
    }
    let decoded = decode::decode(bytes)?;
    let html = layout::html::looks_like_html(&decoded.text)
        || (hint == Some(Format::Html) && decoded.text.trim_start().starts_with('<'));
    let mut report = if html {
        semantic::analyse_document(&layout::html::read(&decoded.text))
    } else {
        semantic::analyse(&decoded.text)
    };
    if decoded.encoding != "UTF-8" {
        report.diagnostics.insert(
            0,
            Diagnostic::new(
                Code::Encoding,
                msg!("the input was decoded from {}", decoded.encoding),
            ),
        );
    }
    Ok(report)
}
