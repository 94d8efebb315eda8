//! Structured fuzzing for size-dependent bugs: `arbitrary` drives a generator of
//! report-shaped text, HTML and .docx built from pieces (part headings, template labels,
//! numbers, tabs, pipes, tags, nesting) each repeated up to thousands of times, so that
//! a short fuzz input becomes megabytes of input with long lines, deep nesting and many
//! tiny cells. The byte-level targets rarely reach such sizes. With `-timeout`, a path
//! that is superlinear in the repetition counts shows up as a timeout.
//!
//! PDFs are built the same way: the pieces become content-stream operators (text in a
//! CID font, numbers, path segments, rules, pages, nesting), and the font and streams
//! take hostile parts (width ranges, long ToUnicode destinations, stacked Flate layers),
//! with the writer the core's hostile-PDF tests use.
#![no_main]

use std::io::Write;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

/// The largest input built, in bytes.
const MAX_BYTES: usize = 8 << 20;

#[derive(Arbitrary, Debug)]
enum Kind {
    Text,
    Html,
    Docx,
    Pdf(PdfParts),
}

/// The hostile parts of a PDF's font and streams.
#[derive(Arbitrary, Debug)]
struct PdfParts {
    /// `/W` entries: first CID, last CID, width.
    widths: Vec<(u32, u32, u16)>,
    /// A ToUnicode destination of this many UTF-16 units for code `X`.
    long_target: u16,
    /// Flate layers on each content stream (0 to 3).
    flate: u8,
}

#[path = "../../crates/gongkai/tests/shapes/pdf.rs"]
mod pdf;

#[derive(Arbitrary, Debug)]
enum Piece {
    Heading(u8),
    Label(u8),
    Number(u32),
    Blank,
    Tab,
    Spaces(u8),
    Newline,
    Pipe,
    Word(String),
    Open(u8),
    Close(u8),
}

#[derive(Arbitrary, Debug)]
struct Input {
    kind: Kind,
    pieces: Vec<(Piece, u16)>,
}

const HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

const LABELS: [&str; 10] = [
    "规章",
    "行政规范性文件",
    "行政许可",
    "一、本年新收政府信息公开申请数量",
    "（一）予以公开",
    "1.危及“三安全一稳定”",
    "总计",
    "自然人",
    "维持",
    "（七）总计",
];

/// Element names for HTML (`Open`/`Close`), and their .docx counterparts.
const HTML_TAGS: [&str; 8] = ["div", "p", "table", "tr", "td", "th", "span", "br"];
const DOCX_TAGS: [&str; 5] = ["w:p", "w:tbl", "w:tr", "w:tc", "w:r"];

fn render(input: &Input) -> String {
    let mut s = String::new();
    for (piece, times) in &input.pieces {
        let unit = match piece {
            Piece::Heading(k) => format!("{}\n", HEADINGS[usize::from(*k) % 6]),
            Piece::Label(k) => LABELS[usize::from(*k) % 10].to_string(),
            Piece::Number(n) => n.to_string(),
            Piece::Blank => "\n\n".into(),
            Piece::Tab => "\t".into(),
            Piece::Spaces(n) => " ".repeat(usize::from(*n % 8) + 1),
            Piece::Newline => "\n".into(),
            Piece::Pipe => "|".into(),
            Piece::Word(w) => w.chars().take(16).collect(),
            Piece::Open(k) => match input.kind {
                Kind::Html => format!("<{}>", HTML_TAGS[usize::from(*k) % 8]),
                Kind::Docx => format!("<{}>", DOCX_TAGS[usize::from(*k) % 5]),
                Kind::Text | Kind::Pdf(_) => String::new(),
            },
            Piece::Close(k) => match input.kind {
                Kind::Html => format!("</{}>", HTML_TAGS[usize::from(*k) % 8]),
                Kind::Docx => format!("</{}>", DOCX_TAGS[usize::from(*k) % 5]),
                Kind::Text | Kind::Pdf(_) => String::new(),
            },
        };
        let unit = match &input.kind {
            Kind::Pdf(_) => pdf_op(piece, &unit),
            _ => unit,
        };
        let unit = match (&input.kind, piece) {
            // Text in a .docx is inside `w:t`.
            (Kind::Docx, Piece::Open(_) | Piece::Close(_)) => unit,
            (Kind::Docx, _) => format!("<w:t>{}</w:t>", escape(&unit)),
            _ => unit,
        };
        for _ in 0..*times {
            if s.len() + unit.len() > MAX_BYTES {
                return s;
            }
            s.push_str(&unit);
        }
    }
    s
}

/// A piece as PDF content: text in the CID font, numbers and words in Helvetica, tabs
/// and spaces as path segments, pipes as thin rules, newlines as line moves, a blank as a
/// page break (`\x0c`, split on below), openings and closings as text objects, saved
/// states and `TJ` arrays.
fn pdf_op(piece: &Piece, text: &str) -> String {
    match piece {
        Piece::Heading(_) | Piece::Label(_) => format!("{} Tj\n", pdf::cid_hex(text.trim_end())),
        Piece::Number(_) | Piece::Word(_) => {
            let t: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            format!("/F2 9 Tf ({t}) Tj /F1 9 Tf\n")
        }
        Piece::Tab => "10 10 m 200 10 l S\n".into(),
        Piece::Spaces(n) => format!("{n} 0 l\n"),
        Piece::Pipe => "40 300 0.5 200 re f\n".into(),
        Piece::Newline => "0 -12 Td\n".into(),
        Piece::Blank => "\x0c".into(),
        Piece::Open(k) => {
            ["BT /F1 9 Tf 72 700 Td\n", "q\n", "[", "0 0 m\n"][usize::from(*k) % 4].into()
        }
        Piece::Close(k) => ["ET\n", "Q\n", "] TJ\n", "S\n"][usize::from(*k) % 4].into(),
    }
}

/// The PDF of a rendered content (pages split at `\x0c`) with the hostile `parts`.
fn pdf_file(content: &str, parts: &PdfParts) -> Vec<u8> {
    let widths: String = parts
        .widths
        .iter()
        .take(10_000)
        .map(|(a, b, w)| format!("{a} {b} {w} "))
        .collect();
    let mut to_unicode = pdf::identity_to_unicode();
    if parts.long_target > 0 {
        let dst = "4E00".repeat(usize::from(parts.long_target));
        to_unicode
            .extend_from_slice(format!("1 beginbfchar\n<0058> <{dst}>\nendbfchar\n").as_bytes());
    }
    let layers = parts.flate % 4;
    let contents = std::iter::once(pdf::report_head())
        // Past the page budget (2,000) more pages test nothing new, and compressing each
        // on its own would make this harness, not the parse, what the timeout measures.
        .chain(
            content
                .split('\x0c')
                .take(3_000)
                .map(|p| format!("BT /F1 9 Tf 72 700 Td\n{p}\nET\n")),
        )
        .map(|p| {
            let mut data = p.into_bytes();
            for _ in 0..layers {
                data = pdf::zlib(&data);
            }
            data
        })
        .collect();
    pdf::build(&pdf::Parts {
        cid_font_extra: format!("/W [{widths}]"),
        to_unicode: Some(to_unicode),
        content_dict: if layers == 0 {
            String::new()
        } else {
            format!(
                "/Filter [{}]",
                ["/FlateDecode"; 3][..usize::from(layers)].join(" ")
            )
        },
        contents,
        page_extra: String::new(),
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

fn docx(body: &str) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", opts).unwrap();
    let _ = write!(
        zip,
        r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#
    );
    zip.finish().unwrap();
    out.into_inner()
}

fuzz_target!(|input: Input| {
    let text = render(&input);
    let (bytes, format) = match input.kind {
        Kind::Text => (text.into_bytes(), gongkai::Format::Text),
        Kind::Html => (
            format!("<html><body>{text}</body></html>").into_bytes(),
            gongkai::Format::Html,
        ),
        Kind::Docx => (docx(&text), gongkai::Format::Docx),
        Kind::Pdf(ref parts) => (pdf_file(&text, parts), gongkai::Format::Pdf),
    };
    if let Ok(r) = gongkai::parse_bytes_as(&bytes, Some(format)) {
        let _ = r.to_json();
        let _ = r.tidy();
    }
});
