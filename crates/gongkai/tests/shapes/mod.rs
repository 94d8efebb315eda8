//! Adversarial input shapes at a given size, for the stress test (linear time), the
//! memory test (bounded peak memory) and the scaling benchmark: each is a pattern that
//! once cost superlinear time or many times its size in memory somewhere in the
//! pipeline, repeated until the input reaches the size asked for.

#![allow(dead_code)]

use std::io::Write;

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
    ]
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
