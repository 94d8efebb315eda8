//! The input stage: bytes → a [`Document`] of text lines and table grids.
//!
//! There is one reader per kind of input, and [`read`] is the one place that chooses
//! between them:
//!
//! - [`text`]: plain text in any encoding [`decode`] knows; its tables stay lines, and
//!   [`text::grid`] turns a table's lines into a [`Grid`] in whichever text layout they
//!   show (one module per layout);
//! - [`html`]: an HTML page, its `<table>`s as grids;
//! - [`docx`]: a Word document, its `w:tbl`s as grids;
//! - [`doc`]: a Word 97–2003 document (and a .wps in that format), its tables as grids;
//! - [`pdf`]: a PDF, its ruled tables rebuilt from the page geometry; a PDF whose pages
//!   are images (a scan) goes on to the image reader;
//! - `image` (the `ocr` feature): scans and pictures of tables (PNG, JPEG, TIFF, BMP,
//!   WebP), by OCR, their ruled tables rebuilt with the PDF reader's grid builder.
//!
//! A reader knows nothing of the report template: it says what the input shows (lines,
//! cells, the elements that enclose them) and leaves what they mean to
//! [`crate::semantic`]. A new kind of input (PDF, say) is one more module here that fills
//! a [`DocumentBuf`], and one more arm in [`read`].

pub(crate) mod decode;
pub(crate) mod doc;
pub(crate) mod docx;
pub(crate) mod grid;
pub(crate) mod html;
#[cfg(feature = "ocr")]
pub(crate) mod image;
pub(crate) mod pdf;
pub(crate) mod text;

use std::borrow::Cow;
use std::ops::Range;

pub(crate) use grid::{Cell, Grid, Keeps, Layout, Row};
pub(crate) use text::lines::Line;

use crate::diagnostic::{Code, Diagnostic};
use crate::error::Result;

/// The kinds of input gongkai reads.
///
/// More kinds will come, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text, with its tables in any of the layouts people paste them in.
    Text,
    /// An HTML page or fragment.
    Html,
    /// A Word document (.docx).
    Docx,
    /// A Word 97–2003 document (.doc).
    Doc,
    /// A WPS Office document (.wps). Current WPS Office writes them in the Word 97
    /// format and they are read as [`Format::Doc`] is; WPS's own older formats are
    /// refused with an error that names them.
    Wps,
    /// A PDF file (with a text layer, or a scan read by OCR).
    Pdf,
    /// An image file (PNG, JPEG, TIFF, BMP, WebP): a scan or a picture of a table, read by
    /// OCR (the `ocr` feature, with the models `scripts/setup` installs).
    Image,
}

impl Format {
    /// The format a file name's extension names, if any (`.txt`, `.htm`/`.html`, `.docx`,
    /// `.doc`, `.wps`, `.pdf`, and images: `.png`, `.jpg`/`.jpeg`, `.tif`/`.tiff`, `.bmp`,
    /// `.webp`).
    ///
    /// ```
    /// use gongkai::Format;
    /// assert_eq!(Format::from_file_name("2023年报告.HTML"), Some(Format::Html));
    /// assert_eq!(Format::from_file_name("2019年报告.doc"), Some(Format::Doc));
    /// assert_eq!(Format::from_file_name("report.pdf.zip"), None);
    /// assert_eq!(Format::from_file_name("扫描件.JPG"), Some(Format::Image));
    /// ```
    pub fn from_file_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "htm" | "html" | "xhtml" | "shtml" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "doc" => Some(Format::Doc),
            "wps" => Some(Format::Wps),
            "pdf" => Some(Format::Pdf),
            "png" | "jpg" | "jpeg" | "tif" | "tiff" | "bmp" | "webp" => Some(Format::Image),
            _ => None,
        }
    }

    /// The format a path's extension names, if any; see [`Format::from_file_name`].
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        Format::from_file_name(&path.file_name()?.to_string_lossy())
    }

    /// Why a folder walk leaves a file of this name out, with what to do instead; `None`
    /// when the name is of a format gongkai reads. The one wording of these reasons: the
    /// CLI and Python print it, so a file is named the same way everywhere.
    ///
    /// ```
    /// use gongkai::Format;
    /// assert_eq!(Format::not_read_reason("报告.pdf"), None);
    /// assert_eq!(Format::not_read_reason("附件.rar"), Some("an archive; unpack it first"));
    /// ```
    pub fn not_read_reason(name: &str) -> Option<&'static str> {
        not_read(name).map(|(en, _)| en)
    }

    /// [`Format::not_read_reason`] in Chinese, for the web page's Chinese view.
    ///
    /// ```
    /// use gongkai::Format;
    /// assert_eq!(Format::not_read_reason_zh("附件.rar"), Some("压缩包：请先解压"));
    /// ```
    pub fn not_read_reason_zh(name: &str) -> Option<&'static str> {
        not_read(name).map(|(_, zh)| zh)
    }
}

/// Why a file is passed over by its name, in English and in Chinese; `None` for the
/// names gongkai reads. One table, so that the two wordings never say different things.
fn not_read(name: &str) -> Option<(&'static str, &'static str)> {
    if Format::from_file_name(name).is_some() {
        return None;
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    Some(match ext.as_str() {
        "xls" | "xlsx" | "et" | "csv" => ("a spreadsheet, not a report", "电子表格，不是报告"),
        "ppt" | "pptx" | "dps" => ("a presentation, not a report", "演示文稿，不是报告"),
        // The image formats OCR reads (PNG, JPEG, TIFF, BMP, WebP) are walked into.
        "gif" => (
            "a GIF image, which gongkai does not read; save it as PNG",
            "GIF 图片，gongkai 不读取：请另存为 PNG",
        ),
        "zip" | "rar" | "7z" | "gz" | "tar" => ("an archive; unpack it first", "压缩包：请先解压"),
        "ofd" => (
            "an OFD document, which gongkai does not read; export it as PDF",
            "OFD 文件，gongkai 不读取：请导出为 PDF",
        ),
        "" => (
            "no file extension; name it .txt, .html, .docx, .doc, .pdf or .png to include it",
            "文件没有扩展名：请改名为 .txt、.html、.docx、.doc、.pdf 或 .png",
        ),
        _ => (
            "not a kind of file gongkai reads (.txt, .html, .docx, .doc, .wps, .pdf, or a PNG, JPEG, TIFF, BMP or WebP picture)",
            "不是 gongkai 读取的文件类型（.txt、.html、.docx、.doc、.wps、.pdf，或 PNG、JPEG、TIFF、BMP、WebP 图片）",
        ),
    })
}

/// A table and where it stands among a document's lines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedTable {
    /// How many of the document's lines come before the table.
    pub at: usize,
    /// The table's rows and cells.
    pub grid: Grid<'static>,
}

/// An element of a structured input that encloses some of its lines and tables (an HTML
/// `<div>`, say): where a report may sit inside a portal page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Container {
    /// The lines it holds, as indexes into the document's lines.
    pub lines: Range<usize>,
    /// The tables it holds, as indexes into the document's tables.
    pub tables: Range<usize>,
}

/// The lines and tables a structured reader (HTML, .docx) builds. Line texts are kept in
/// one buffer; [`DocumentBuf::document`] lends them out as a [`Document`].
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DocumentBuf {
    text: String,
    lines: Vec<(Range<usize>, usize)>,
    tables: Vec<PlacedTable>,
    /// The enclosing elements, outermost first.
    pub containers: Vec<Container>,
    /// The document's own title (an HTML `<title>`), and its line.
    pub title: Option<(String, usize)>,
    /// For paged input (PDF): the line number each page starts at, page by page.
    pub pages: Vec<usize>,
    /// What reading noticed (a damaged file, say).
    pub notes: Vec<Diagnostic>,
}

impl DocumentBuf {
    /// Adds a line of text, numbered `no`.
    pub fn push_line(&mut self, text: &str, no: usize) {
        let start = self.text.len();
        self.text.push_str(text);
        self.lines.push((start..self.text.len(), no));
    }

    /// Appends `text` to the last line pushed (a paragraph's next line, in a PDF). The
    /// line keeps its number.
    pub fn continue_line(&mut self, text: &str) {
        self.text.push_str(text);
        let end = self.text.len();
        if let Some(last) = self.lines.last_mut() {
            last.0.end = end;
        }
    }

    /// Adds a table after the lines pushed so far.
    pub fn push_table(&mut self, grid: Grid<'static>) {
        self.tables.push(PlacedTable {
            at: self.lines.len(),
            grid,
        });
    }

    /// How many lines and tables have been pushed.
    pub fn len(&self) -> (usize, usize) {
        (self.lines.len(), self.tables.len())
    }

    /// The document, borrowing the buffer.
    pub fn document(&self) -> Document<'_> {
        Document {
            lines: self
                .lines
                .iter()
                .map(|(r, no)| Line {
                    text: &self.text[r.clone()],
                    no: *no,
                })
                .collect(),
            tables: self.tables.iter().map(|t| (t.at, &t.grid)).collect(),
            containers: &self.containers,
            title: self.title.as_ref().map(|(t, no)| Line { text: t, no: *no }),
            source: &self.text,
        }
    }
}

/// What every reader hands to the semantic stage: lines of text, and the tables it found
/// placed among them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Document<'a> {
    /// The lines of text, numbered as the input counts them.
    pub lines: Vec<Line<'a>>,
    /// The tables, in order, each with the number of lines that come before it. Text
    /// input has none here: its tables are lines, gridded by [`text::grid`].
    pub tables: Vec<(usize, &'a Grid<'static>)>,
    /// Elements enclosing lines and tables (HTML), outermost first.
    pub containers: &'a [Container],
    /// The input's own title (HTML `<title>`), if it has one.
    pub title: Option<Line<'a>>,
    /// The text the lines are pieces of, where they are pieces of one text (plain text,
    /// and the buffer of a structured reader): a pass over every line can then read a
    /// run of lines, and the line breaks between them, as one slice ([`runs`]).
    pub source: &'a str,
}

/// The lines as runs: each run is one slice of `source` holding one or more lines in a
/// row and the whitespace between them (line breaks, an indent); a line that is not a
/// piece of `source`, or stands after something else (a page marker the reader left
/// out), starts a run of its own. Empty lines are left out. Whatever drops whitespace (a
/// squash) reads the runs as it would the lines, with one call where it made one a line.
pub(crate) fn runs<'a>(source: &'a str, lines: &[Line<'a>]) -> Vec<&'a str> {
    let bytes = source.as_bytes();
    let base = source.as_ptr() as usize;
    let mut out = Vec::new();
    // The run being gathered: its byte range in `source`, and the index of its first line.
    let mut open: Option<(usize, usize, usize)> = None;
    // Closes a run: its slice of `source`, or else (were a line's ends not char boundaries
    // of it) its lines one by one, so that no text is ever lost.
    let close =
        |out: &mut Vec<&'a str>, (a, b, first): (usize, usize, usize), upto: usize| match source
            .get(a..b)
        {
            Some(run) => out.push(run),
            None => out.extend(lines[first..upto].iter().map(|l| l.text)),
        };
    for (k, l) in lines.iter().enumerate() {
        if l.text.is_empty() {
            continue;
        }
        // A non-empty line whose bytes lie within `source` is a piece of it: a live slice
        // cannot overlap another allocation.
        let start = (l.text.as_ptr() as usize).wrapping_sub(base);
        let end = start.wrapping_add(l.text.len());
        if start >= end || end > bytes.len() {
            if let Some(run) = open.take() {
                close(&mut out, run, k);
            }
            out.push(l.text);
            continue;
        }
        open = match open {
            // Most lines follow the last after one line break.
            Some((a, b, first)) if start == b + 1 && bytes[b] == b'\n' => Some((a, end, first)),
            Some((a, b, first)) if b <= start && source.get(b..start).is_some_and(is_gap) => {
                Some((a, end, first))
            }
            Some(run) => {
                close(&mut out, run, k);
                Some((start, end, k))
            }
            None => Some((start, end, k)),
        };
    }
    if let Some(run) = open {
        close(&mut out, run, lines.len());
    }
    out
}

/// True when the text between two lines is only whitespace: a line break and an indent
/// on their bytes, anything else as [`crate::normalize::is_blank`] tells it.
fn is_gap(gap: &str) -> bool {
    let ascii = gap.bytes().all(|b| b < 0x80);
    if ascii {
        gap.bytes()
            .all(|b| matches!(b, b'\n' | b'\r' | b' ' | b'\t' | 0x0b | 0x0c))
    } else {
        crate::normalize::is_blank(gap)
    }
}

/// The text or document an input was read into.
#[derive(Debug)]
enum Body<'a> {
    Text(Cow<'a, str>),
    Structured(DocumentBuf),
}

/// One input, read: its body, and what reading it noticed.
#[derive(Debug)]
pub(crate) struct Input<'a> {
    body: Body<'a>,
    /// What reading noticed (the encoding it was decoded from, say).
    pub notes: Vec<Diagnostic>,
}

impl Input<'_> {
    /// The text of plain-text input, as read; `None` for a structured document.
    pub fn plain_text(&self) -> Option<&str> {
        match &self.body {
            Body::Text(t) => Some(t),
            Body::Structured(_) => None,
        }
    }

    /// Replaces the text of plain-text input with a repaired one (line breaks put back).
    pub fn set_text(&mut self, text: String) {
        self.body = Body::Text(Cow::Owned(text));
    }

    /// For paged input, the line number each page starts at; empty otherwise.
    pub fn pages(&self) -> &[usize] {
        match &self.body {
            Body::Structured(d) => &d.pages,
            Body::Text(_) => &[],
        }
    }

    /// The input's lines and tables.
    pub fn document(&self) -> Document<'_> {
        match &self.body {
            Body::Text(t) => text::document(t),
            Body::Structured(d) => d.document(),
        }
    }
}

/// Reads the bytes of one input, choosing the reader: the bytes decide where they are
/// unambiguous (a zip archive is a .docx, a compound file a Word 97 document, text that
/// starts like HTML is HTML), and the `hint` (from a file name, say) decides the rest.
/// A `.doc` that is not a compound file is read for what its bytes are (Word also saves
/// web pages and RTF under that name); a `.wps` that is none of the kinds read is WPS
/// Office's own older format, an error that names it.
pub(crate) fn read<'a>(
    bytes: &'a [u8],
    hint: Option<Format>,
    limits: &crate::limits::Limits,
) -> Result<Input<'a>> {
    // Empty is empty whatever the file's name says it is.
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(crate::error::Error::Empty);
    }
    if docx::is_zip(bytes) || (hint == Some(Format::Docx) && !doc::is_cfb(bytes)) {
        return Ok(structured(docx::read(bytes, limits)?));
    }
    if doc::is_cfb(bytes) {
        return Ok(structured(doc::read(bytes, limits)?));
    }
    if hint == Some(Format::Wps) && !pdf::is_pdf(bytes) {
        return Err(doc::old_wps());
    }
    if hint == Some(Format::Pdf) || pdf::is_pdf(bytes) {
        return Ok(structured(pdf::read(bytes, limits)?));
    }
    // Images by their magic bytes (an image's name may say anything).
    if image_bytes(bytes) || hint == Some(Format::Image) {
        return read_image(bytes, limits);
    }
    let decoded = decode::decode(bytes)?;
    let mut notes = Vec::new();
    if decoded.encoding != "UTF-8" {
        notes.push(Diagnostic::new(
            Code::Encoding,
            msg!("the input was decoded from {}", decoded.encoding),
        ));
    }
    let mut input = from_text(decoded.text, hint);
    input.notes.splice(0..0, notes);
    Ok(input)
}

/// True when the bytes are an image file of a kind the OCR reader takes.
fn image_bytes(bytes: &[u8]) -> bool {
    #[cfg(feature = "ocr")]
    {
        image::is_image(bytes)
    }
    #[cfg(not(feature = "ocr"))]
    {
        let _ = bytes;
        false
    }
}

/// Reads an image file by OCR, or says that this build has no OCR.
fn read_image<'a>(bytes: &[u8], limits: &crate::limits::Limits) -> Result<Input<'a>> {
    #[cfg(feature = "ocr")]
    {
        Ok(structured(image::read(bytes, limits)?))
    }
    #[cfg(not(feature = "ocr"))]
    {
        let _ = (bytes, limits);
        Err(crate::error::Error::Image {
            reason: "this build of gongkai has no OCR (the `ocr` feature is off)".to_string(),
        })
    }
}

/// Reads input that is already text: HTML when it starts like HTML (or starts with a tag
/// and the hint says HTML), else plain text.
pub(crate) fn from_text(text: Cow<'_, str>, hint: Option<Format>) -> Input<'_> {
    let html = html::looks_like_html(&text)
        || (hint == Some(Format::Html) && text.trim_start().starts_with('<'));
    if html {
        structured(html::read(&text))
    } else {
        Input {
            body: Body::Text(text),
            notes: Vec::new(),
        }
    }
}

fn structured(mut doc: DocumentBuf) -> Input<'static> {
    let notes = std::mem::take(&mut doc.notes);
    Input {
        body: Body::Structured(doc),
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_join_the_lines_that_lie_together() {
        // Indents and line breaks stand between lines of one run; a page marker the
        // reader left out ends a run.
        let text = "一、总体情况\n  本机关\r\n\u{3000}统计期限\n- 2 -\n自2024年1月1日\n";
        let doc = text::document(text);
        let found = runs(doc.source, &doc.lines);
        assert_eq!(
            found,
            [
                "一、总体情况\n  本机关\r\n\u{3000}统计期限",
                "自2024年1月1日"
            ]
        );
        // Lines of a structured reader's buffer lie end to end.
        let mut buf = DocumentBuf::default();
        buf.push_line("地址：", 1);
        buf.push_line("某路1号", 2);
        let doc = buf.document();
        assert_eq!(runs(doc.source, &doc.lines), ["地址：某路1号"]);
        // A line from elsewhere is a run of its own.
        let own = [
            Line {
                text: "标题",
                no: 1,
            },
            doc.lines[0],
            doc.lines[1],
        ];
        assert_eq!(runs(doc.source, &own), ["标题", "地址：某路1号"]);
    }
}
