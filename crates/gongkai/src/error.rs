//! Errors: input that cannot be read as a report at all.
//!
//! Everything short of that is not an error: a report that is missing a table or has a
//! cell that holds no number is still parsed, and says so in its diagnostics.

use std::path::PathBuf;
use std::sync::Arc;

use thiserror::Error;

/// Why an input could not be read as a report.
///
/// New kinds of input bring new reasons, so the enum is `#[non_exhaustive]`: match it
/// with a wildcard arm.
#[derive(Debug, Error, Clone)]
#[non_exhaustive]
pub enum Error {
    /// The input has no bytes, or nothing but whitespace.
    #[error("the input is empty")]
    Empty,
    /// The input is a file format gongkai does not read (images, RTF, spreadsheets, a
    /// password-protected document...).
    #[error("the input is a {format} file, which gongkai does not read; {advice}")]
    UnsupportedFormat {
        /// The format the bytes show, e.g. `Microsoft Excel 97-2003 workbook (.xls)`: the
        /// message reads "the input is a {format} file".
        format: &'static str,
        /// What to do instead.
        advice: &'static str,
    },
    /// The bytes are not text in any encoding gongkai knows.
    #[error("the input is not text: {reason}")]
    NotText {
        /// What gave it away.
        reason: String,
    },
    /// A .docx file whose archive or document could not be read.
    #[error("the .docx file could not be read: {reason}{}", source_text(source))]
    Docx {
        /// What could not be read.
        reason: String,
        /// The zip or XML error underneath, when there is one.
        #[source]
        source: Option<Arc<dyn std::error::Error + Send + Sync>>,
    },
    /// A Word 97–2003 (.doc) file, or a .wps file in that format, whose compound file or
    /// document structures could not be read.
    #[error("the Word 97-2003 file (.doc, .wps) could not be read: {reason}")]
    Doc {
        /// What could not be read.
        reason: String,
    },
    /// A PDF file that could not be opened, or that has no text to read.
    #[error("the PDF could not be read: {reason}")]
    Pdf {
        /// What is wrong with it.
        reason: String,
    },
    /// An image (a scan, a picture of a table) that could not be read: not decodable,
    /// over the image limits, or the OCR models are missing.
    #[error("the image could not be read: {reason}")]
    Image {
        /// What is wrong with it, and what to do.
        reason: String,
    },
    /// The input was read, but nothing in it is of the report template: none of the six
    /// part headings, none of the three tables, and no word of what reports are about
    /// (信息公开, 政务公开): a notice, a list of links, a picture of something else. Not
    /// given where the reader itself found the input damaged, cut off or hard to read, nor
    /// to a report that could not be cut into its parts: their diagnostics say that.
    #[error("the input is not a 政府信息公开工作年度报告: its text ({lines} lines) holds none of the template's part headings (一、总体情况 …) and none of its three tables")]
    NotAReport {
        /// How many lines of text the reader found.
        lines: usize,
    },
    /// The input is larger than the size limit ([`crate::Limits`]); it was not read.
    #[error("the input is {}, more than the limit of {}; if it really is one report, raise the limit (gongkai --max-size, max_bytes= in Python)", size_text(*size), size_text(*limit))]
    TooLarge {
        /// The input's size in bytes (for a .docx, at least this much of its unpacked
        /// document).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A file could not be opened or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: Arc<std::io::Error>,
    },
}

impl Error {
    /// A [`Error::Docx`] with the error underneath kept as its source.
    pub(crate) fn docx(
        reason: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Error::Docx {
            reason: reason.into(),
            source: Some(Arc::new(source)),
        }
    }

    /// A stable snake_case name of the kind of refusal (`empty`, `not_a_report`, `pdf`…),
    /// for programs that act on it and for wordings in other languages.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::UnsupportedFormat { .. } => "unsupported_format",
            Error::NotText { .. } => "not_text",
            Error::Docx { .. } => "docx",
            Error::Doc { .. } => "doc",
            Error::Pdf { .. } => "pdf",
            Error::Image { .. } => "image",
            Error::NotAReport { .. } => "not_a_report",
            Error::TooLarge { .. } => "too_large",
            Error::Io { .. } => "io",
        }
    }

    /// The refusal in Chinese, for the web page's Chinese view. It says what kind of
    /// refusal it is and what to do; the technical detail (a PDF's broken object, the
    /// format's exact name) stays in the English [`Display`](std::fmt::Display), which the
    /// page keeps one click away.
    pub fn message_zh(&self) -> String {
        match self {
            Error::Empty => "文件是空的".into(),
            Error::UnsupportedFormat { .. } => {
                "gongkai 不读取这种格式的文件：请另存为 PDF、.docx 或文本再试".into()
            }
            Error::NotText { .. } => "这个文件不是文本，也不是 gongkai 能读取的其他格式".into(),
            Error::Docx { .. } => "这个 .docx 文件无法读取（已损坏或不是 Word 文件）".into(),
            Error::Doc { .. } => "这个 Word 97-2003（.doc）或 WPS（.wps）文件无法读取".into(),
            Error::Pdf { .. } => "这个 PDF 文件无法读取（已损坏、加密或没有文字）".into(),
            Error::Image { .. } => {
                "这张图片无法读取（扫描件和表格图片需要命令行或 Python 的识别模型）".into()
            }
            Error::NotAReport { lines } => format!(
                "这不是政府信息公开工作年度报告：其文字（{lines} 行）中没有模板的任何部分标题，也没有它的三张表格"
            ),
            Error::TooLarge { size, limit } => format!(
                "文件有 {}，超过了 {} 的上限；如果确实是一份报告，请用命令行的 --max-size 提高上限",
                size_text(*size),
                size_text(*limit)
            ),
            Error::Io { path, .. } => format!("无法打开或读取文件 {}", path.display()),
        }
    }

    /// The operating system's error, when the error is one of reading a file.
    pub fn io_error(&self) -> Option<&std::io::Error> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// `: ` and the source's message, for the Display of an error that has one.
fn source_text(source: &Option<Arc<dyn std::error::Error + Send + Sync>>) -> String {
    source
        .as_ref()
        .map(|e| format!(" ({e})"))
        .unwrap_or_default()
}

/// A size for people: `52.4 MB`, `900 bytes`.
pub(crate) fn size_text(n: u64) -> String {
    if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1e6)
    } else {
        format!("{n} bytes")
    }
}

/// A `Result` with gongkai's [`Error`](enum@Error).
pub type Result<T> = std::result::Result<T, Error>;
