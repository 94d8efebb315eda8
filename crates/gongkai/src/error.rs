//! Errors: input that is not a report's text at all.

use thiserror::Error;

/// Why an input could not be read as text.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input has no bytes, or nothing but whitespace.
    #[error("the input is empty")]
    Empty,
    /// The input is a file format gongkai does not read as such (PDF, Word .doc, images...).
    #[error("the input is a {0} file, not text; {1}")]
    UnsupportedFormat(&'static str, &'static str),
    /// The bytes are not text in any encoding gongkai knows.
    #[error("the input is not text: {0}")]
    NotText(String),
    /// The input is a zip archive with a Word document that could not be read.
    #[error("the .docx file could not be read: {0}")]
    Docx(String),
}

/// A `Result` with gongkai's [`Error`](enum@Error).
pub type Result<T> = std::result::Result<T, Error>;
