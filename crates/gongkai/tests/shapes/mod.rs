//! Adversarial input shapes at a given size, for the stress test (linear time), the
//! memory test (bounded peak memory) and the scaling benchmark: each is a pattern that
//! once cost superlinear time or many times its size in memory somewhere in the
//! pipeline, repeated until the input reaches the size asked for.

#![allow(dead_code)]

use std::io::Write;

pub mod pdf;

use gongkai::Format;

/// One shape: its name, the kind of input, and a builder of about `bytes` bytes.
pub struct Shape {
    pub name: &'static str,
    pub format: Format,
    pub build: fn(usize) -> Vec<u8>,
}

/// Every shape, text first.
pub fn all() -> Vec<Shape> {
    vec![
        Shape {
            name: "text/long_line_of_cells",
            format: Format::Text,
            build: long_line,
        },
        Shape {
            name: "text/cell_per_line",
            format: Format::Text,
            build: cell_per_line,
        },
        Shape {
            name: "text/tab_rows_of_tiny_cells",
            format: Format::Text,
            build: tab_rows,
        },
        Shape {
            name: "text/long_label_runs",
            format: Format::Text,
            build: label_runs,
        },
        Shape {
            name: "text/pipe_rows",
            format: Format::Text,
            build: pipe_rows,
        },
        Shape {
            name: "text/ruled_grid_rows",
            format: Format::Text,
            build: ruled_grid_rows,
        },
        Shape {
            name: "text/ruled_box_long_lines",
            format: Format::Text,
            build: ruled_box_long_lines,
        },
        Shape {
            name: "html/deep_nesting",
            format: Format::Html,
            build: html_deep,
        },
        Shape {
            name: "html/tiny_cells",
            format: Format::Html,
            build: html_cells,
        },
        Shape {
            name: "html/nested_tables",
            format: Format::Html,
            build: html_nested_tables,
        },
        Shape {
            name: "docx/deep_paragraphs",
            format: Format::Docx,
            build: docx_deep,
        },
        Shape {
            name: "docx/nested_tables",
            format: Format::Docx,
            build: docx_nested_tables,
        },
        Shape {
            name: "docx/tiny_cells",
            format: Format::Docx,
            build: docx_cells,
        },
        Shape {
            name: "pdf/many_glyphs_and_rules",
            format: Format::Pdf,
            build: pdf_pages,
        },
        Shape {
            name: "pdf/width_ranges",
            format: Format::Pdf,
            build: pdf_width_ranges,
        },
        Shape {
            name: "pdf/long_to_unicode_targets",
            format: Format::Pdf,
            build: pdf_long_targets,
        },
        Shape {
            name: "pdf/flate_bomb_pages",
            format: Format::Pdf,
            build: pdf_flate_bombs,
        },
        Shape {
            name: "pdf/long_literal_string",
            format: Format::Pdf,
            build: |b| pdf_one_string(b, |n| format!("({})", "A".repeat(n))),
        },
        Shape {
            name: "pdf/long_hex_string",
            format: Format::Pdf,
            build: |b| pdf_one_string(b, |n| format!("<{}>", "41".repeat(n / 2))),
        },
        Shape {
            name: "pdf/long_tj_array",
            format: Format::Pdf,
            build: |b| pdf_one_string(b, |n| format!("[{}]", "(A) -3 ".repeat(n / 7))),
        },
        Shape {
            name: "pdf/one_long_path",
            format: Format::Pdf,
            build: pdf_long_path,
        },
        Shape {
            name: "pdf/many_tiny_pages",
            format: Format::Pdf,
            build: pdf_tiny_pages,
        },
    ]
}

/// A CID font whose `/W` array is ranges of 65,536 CIDs, as many as fit in `bytes`.
fn pdf_width_ranges(bytes: usize) -> Vec<u8> {
    let unit = "0 65535 500 ";
    pdf::build(&pdf::Parts {
        cid_font_extra: format!("/W [{}]", unit.repeat(bytes / unit.len())),
        ..pdf::Parts::default()
    })
}

/// ToUnicode entries each mapping one code to a 512-byte destination (the most the
/// format allows), every code shown once.
fn pdf_long_targets(bytes: usize) -> Vec<u8> {
    let dst = "4E00".repeat(256);
    let n = (bytes / (dst.len() + 30)).min(60_000);
    let mut body = pdf::identity_to_unicode();
    for chunk in (0..n).collect::<Vec<_>>().chunks(100) {
        body.extend_from_slice(format!("{} beginbfchar\n", chunk.len()).as_bytes());
        for i in chunk {
            body.extend_from_slice(format!("<{:04X}> <{dst}>\n", 0x100 + i).as_bytes());
        }
        body.extend_from_slice(b"endbfchar\n");
    }
    let shown: String = (0..n).map(|i| format!("{:04X}", 0x100 + i)).collect();
    pdf::build(&pdf::Parts {
        to_unicode: Some(body),
        contents: vec![
            (pdf::report_head() + &format!("BT /F1 9 Tf 40 500 Td <{shown}> Tj ET\n")).into_bytes(),
        ],
        ..pdf::Parts::default()
    })
}

/// Pages whose content streams each inflate a thousandfold.
fn pdf_flate_bombs(bytes: usize) -> Vec<u8> {
    let bomb = pdf::zlib(&vec![b' '; 16 << 20]);
    let pages = (bytes / bomb.len()).max(1);
    let mut contents = vec![pdf::zlib(pdf::report_head().as_bytes())];
    contents.extend(std::iter::repeat_n(bomb, pages));
    pdf::build(&pdf::Parts {
        content_dict: "/Filter /FlateDecode".into(),
        contents,
        ..pdf::Parts::default()
    })
}

/// One string of about `bytes` bytes shown with `Tj` (or `TJ` for an array), written by
/// `string`.
fn pdf_one_string(bytes: usize, string: fn(usize) -> String) -> Vec<u8> {
    let s = string(bytes);
    let op = if s.starts_with('[') { "TJ" } else { "Tj" };
    pdf::build(&pdf::Parts {
        contents: vec![
            (pdf::report_head() + &format!("BT /F2 10 Tf 72 500 Td {s} {op} ET\n")).into_bytes(),
        ],
        ..pdf::Parts::default()
    })
}

/// One path of straight segments filling `bytes`, stroked once.
fn pdf_long_path(bytes: usize) -> Vec<u8> {
    let mut c = pdf::report_head() + "0 0 m\n";
    let mut i = 0u32;
    while c.len() < bytes {
        c.push_str(&format!("{} {} l\n", i % 500, (i / 500) % 800));
        i += 1;
    }
    c.push_str("S\n");
    pdf::build(&pdf::Parts {
        contents: vec![c.into_bytes()],
        ..pdf::Parts::default()
    })
}

/// As many tiny pages as fit in `bytes`.
fn pdf_tiny_pages(bytes: usize) -> Vec<u8> {
    let page = b"BT /F2 9 Tf 9 9 Td (1) Tj ET".to_vec();
    let n = bytes / 170;
    let mut contents = vec![pdf::report_head().into_bytes()];
    contents.extend(std::iter::repeat_n(page, n));
    pdf::build(&pdf::Parts {
        contents,
        ..pdf::Parts::default()
    })
}

const PART3: &str = "三、收到和处理政府信息公开申请情况\n";

fn repeat(head: &str, unit: &str, tail: &str, bytes: usize) -> Vec<u8> {
    let n = bytes.saturating_sub(head.len() + tail.len()) / unit.len();
    let mut s = String::with_capacity(head.len() + unit.len() * n + tail.len());
    s.push_str(head);
    for _ in 0..n {
        s.push_str(unit);
    }
    s.push_str(tail);
    s.into_bytes()
}

fn long_line(b: usize) -> Vec<u8> {
    repeat(PART3, "1 ", "\n", b)
}

fn cell_per_line(b: usize) -> Vec<u8> {
    repeat(PART3, "\t1\n", "", b)
}

fn tab_rows(b: usize) -> Vec<u8> {
    repeat(
        PART3,
        "1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\n",
        "",
        b,
    )
}

fn label_runs(b: usize) -> Vec<u8> {
    repeat(
        "四、政府信息公开行政复议、行政诉讼情况\n",
        "某某标签文字\n\n某某标签文字\n0   0   0   0\n",
        "",
        b,
    )
}

fn pipe_rows(b: usize) -> Vec<u8> {
    repeat(PART3, "| 1 | 1 | 1 | 1 | 1 | 1 | 1 |\n", "", b)
}

fn ruled_grid_rows(b: usize) -> Vec<u8> {
    repeat(PART3, "+-+-+-+-+-+-+-+\n|1|1|1|1|1|1|1|\n", "", b)
}

fn ruled_box_long_lines(b: usize) -> Vec<u8> {
    // Rows of thousands of one-character cells with no rule between lines: every
    // column is one cell as tall as the table.
    let line = format!("│{}\n", "1│".repeat(2000));
    repeat(&format!("{PART3}┌──┐\n"), &line, "", b)
}

fn html_deep(b: usize) -> Vec<u8> {
    repeat("<html><body>", "<div>x", "</body></html>", b)
}

fn html_cells(b: usize) -> Vec<u8> {
    repeat(
        "<html><body><p>三、收到和处理政府信息公开申请情况</p><table>",
        "<tr><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td></tr>",
        "</table></body></html>",
        b,
    )
}

fn html_nested_tables(b: usize) -> Vec<u8> {
    repeat("<html><body>", "<table><tr><td>x", "</body></html>", b)
}

/// A .docx holding `word/document.xml` of about `bytes` bytes (stored, not deflated,
/// so that the archive is the size of its document).
fn docx(head: &str, unit: &str, close: &str, bytes: usize) -> Vec<u8> {
    let n = bytes / (unit.len() + close.len());
    let mut xml = String::with_capacity(bytes + 200);
    xml.push_str(r#"<w:document xmlns:w="w"><w:body>"#);
    xml.push_str(head);
    for _ in 0..n {
        xml.push_str(unit);
    }
    for _ in 0..n {
        xml.push_str(close);
    }
    xml.push_str("</w:body></w:document>");
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

fn docx_deep(b: usize) -> Vec<u8> {
    docx("", "<w:p><w:r><w:t>x</w:t></w:r>", "</w:p>", b)
}

fn docx_nested_tables(b: usize) -> Vec<u8> {
    docx(
        "",
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>",
        "</w:tc></w:tr></w:tbl>",
        b,
    )
}

fn docx_cells(b: usize) -> Vec<u8> {
    let cell = "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>";
    let row = format!("<w:tr>{}</w:tr>", cell.repeat(8));
    docx(
        "<w:p><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p><w:tbl>",
        &row,
        "",
        b,
    )
    .into_iter()
    .collect()
}

/// A PDF of pages full of text (Helvetica, numbers and words) and ruling lines: a
/// ruled table of many tiny cells on every page, pages added until the file has about
/// `bytes` bytes. Content streams are not compressed.
fn pdf_pages(bytes: usize) -> Vec<u8> {
    let mut page = String::new();
    page.push_str("0.5 w\n");
    for r in 0..40 {
        let y = 780 - r * 18;
        page.push_str(&format!("40 {y} m 560 {y} l S\n"));
        for c in 0..13 {
            let x = 40 + c * 40;
            page.push_str(&format!("{x} {y} m {x} {} l S\n", y - 18));
            page.push_str(&format!(
                "BT /F1 9 Tf {} {} Td ({}) Tj ET\n",
                x + 4,
                y - 13,
                r * c
            ));
        }
    }
    let pages = (bytes / page.len()).max(1);
    let mut out: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let mut obj = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        let n = offsets.len();
        out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    // 1: catalog, 2: pages, 3: font, then a page and its content per page.
    obj(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    let kids: Vec<String> = (0..pages).map(|p| format!("{} 0 R", 4 + 2 * p)).collect();
    obj(
        &mut out,
        format!(
            "<< /Type /Pages /Count {pages} /Kids [{}] >>",
            kids.join(" ")
        )
        .as_bytes(),
    );
    obj(
        &mut out,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    );
    for p in 0..pages {
        obj(
            &mut out,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * p
            )
            .as_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", page.len()).into_bytes();
        stream.extend_from_slice(page.as_bytes());
        stream.extend_from_slice(b"\nendstream");
        obj(&mut out, &stream);
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
    );
    for o in &offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    out
}
