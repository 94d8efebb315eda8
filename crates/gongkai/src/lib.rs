//! # gongkai
//!
//! Turns the text of a Chinese government open-information annual report
//! (政府信息公开工作年度报告) into a typed, validated [`Report`]: metadata, the six parts,
//! the three tables of counts, and diagnostics for everything the parser noticed,
//! including the template's consistency checks (勾稽关系).
//!
//! ```
//! let text = "一、总体情况\n…\n四、政府信息公开行政复议、行政诉讼情况\n\
//!             0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
//! let report = gongkai::parse(text);
//! assert_eq!(report.review_litigation.review.total, Some(0));
//! ```
//!
//! The pipeline has three stages, each in its own module:
//! - [`layout`]: text lines → table grids, one module per input layout;
//! - [`semantic`]: grids and lines → the schema, by label matching;
//! - [`checks`]: the consistency checks, as diagnostics.

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

/// Parses the text of one report. Never fails: what cannot be read is `null` with a
/// diagnostic.
pub fn parse(text: &str) -> Report {
    semantic::analyse(text)
}

/// Parses the bytes of one report: decodes UTF-8 (with or without BOM), UTF-16 (with
/// BOM) or GB18030/GBK, then [`parse`]s. Fails on input that is empty or not text.
pub fn parse_bytes(bytes: &[u8]) -> Result<Report> {
    let decoded = decode::decode(bytes)?;
    let mut report = parse(&decoded.text);
    if decoded.encoding != "UTF-8" {
        report.diagnostics.insert(
            0,
            Diagnostic::new(
                Code::Encoding,
                format!("the input was decoded from {}", decoded.encoding),
            ),
        );
    }
    Ok(report)
}
