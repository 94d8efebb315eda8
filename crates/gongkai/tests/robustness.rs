//! Bad input gets an error or diagnostics, never a panic: truncated reports, garbage,
//! shuffled lines, huge lines.

use std::path::Path;

fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    out.sort();
    out
}

#[test]
fn truncated_reports_parse_with_diagnostics() {
    for text in corpus() {
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(97).collect();
        for cut in cuts {
            let r = gongkai::parse(&text[..cut]);
            // Whatever is cut off is null, and says so.
            if r.review_litigation.review.total.is_none() {
                assert!(r.diagnostics.iter().any(|d| d
                    .field
                    .as_deref()
                    .is_some_and(|f| f.starts_with("review_litigation"))));
            }
        }
    }
}

#[test]
fn a_report_without_its_tables_says_so() {
    let r = gongkai::parse("某某局2024年政府信息公开工作年度报告\n一、总体情况\n无。\n");
    assert_eq!(r.meta.agency.as_deref(), Some("某某局"));
    assert_eq!(r.meta.year, Some(2024));
    assert_eq!(r.applications.new_received.total, None);
    for table in ["active_disclosure", "applications", "review_litigation"] {
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.code == gongkai::Code::TableMissing && d.field.as_deref() == Some(table)));
    }
}

#[test]
fn garbage_never_panics() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet: Vec<char> =
        "\t\n |0123456789０１一二三四、。（）()总计其他规章行政许可本年新收 -—/无."
            .chars()
            .collect();
    for _ in 0..300 {
        let len = (next() % 400) as usize;
        let s: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let _ = gongkai::parse(&s);
        let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        let _ = gongkai::parse_bytes(&bytes);
    }
}

#[test]
fn shuffled_and_huge_lines_never_panic() {
    for text in corpus() {
        let mut lines: Vec<&str> = text.lines().collect();
        lines.reverse();
        let _ = gongkai::parse(&lines.join("\n"));
    }
    let long = "0\t".repeat(200_000);
    let _ = gongkai::parse(&format!("四、政府信息公开行政复议、行政诉讼情况\n{long}\n"));
    let _ = gongkai::parse(&"一、".repeat(100_000));
}

#[test]
fn invalid_bytes_are_errors() {
    assert!(matches!(
        gongkai::parse_bytes(b""),
        Err(gongkai::Error::Empty)
    ));
    assert!(gongkai::parse_bytes(b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f").is_err());
    assert!(gongkai::parse_bytes(b"%PDF-1.4 ...").is_err());
}

#[test]
fn broken_html_never_panics() {
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/real/html/pingtan-2021.html"
    ))
    .unwrap();
    // Cut anywhere (on a char boundary): unclosed tags, tables and entities.
    let cuts: Vec<usize> = (1..60).map(|k| page.len() * k / 60).collect();
    for cut in cuts {
        let mut end = cut;
        while !page.is_char_boundary(end) {
            end -= 1;
        }
        let _ = gongkai::parse(&page[..end]);
    }
    // Deep nesting, stray end tags, tables in tables, cells outside tables.
    let _ = gongkai::parse(&format!("<html>{}", "<div><span>".repeat(100_000)));
    let _ = gongkai::parse(&"<table><tr><td>".repeat(20_000));
    let _ = gongkai::parse(
        "<html></td></tr></table></div><td>1<td>2</tr><p></p></p>&nbsp;&#0;&#xD800;",
    );
    let _ = gongkai::parse("<html><script>");
    let _ = gongkai::parse("<html><title>");
}

#[test]
fn broken_docx_is_an_error_not_a_panic() {
    let docx = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rendered/docx/000_4ad21a775c00ab02.docx"
    ))
    .unwrap();
    assert!(gongkai::parse_bytes(&docx).is_ok());
    for k in 1..40 {
        let cut = &docx[..docx.len() * k / 40];
        let _ = gongkai::parse_bytes(cut);
    }
    let mut flipped = docx.clone();
    for i in (100..flipped.len()).step_by(97) {
        flipped[i] ^= 0x5a;
    }
    let _ = gongkai::parse_bytes(&flipped);
    assert!(gongkai::parse_bytes(b"PK\x03\x04not a zip").is_err());
}

/// Inputs of about 50 MB in shapes that would expose work growing faster than the input:
/// a report repeated, one table region of label lines and numbers, one cell per line,
/// tab rows, pipes, one long line, HTML nested deep. Each must parse (no timing is
/// asserted here: `cargo bench -p gongkai-benches -- scaling` records time per MB).
#[test]
fn fifty_megabyte_inputs_parse() {
    const SIZE: usize = 50_000_000;
    let report = corpus().remove(0);
    let repeat = |unit: &str, head: &str| {
        let mut s = String::with_capacity(SIZE + unit.len());
        s.push_str(head);
        while s.len() < SIZE {
            s.push_str(unit);
        }
        s
    };
    let part3 = "三、收到和处理政府信息公开申请情况\n";
    let shapes = [
        repeat(&report, ""),
        repeat(
            "某某标签文字\n\n某某标签文字\n0   0   0   0\n",
            "四、政府信息公开行政复议、行政诉讼情况\n",
        ),
        repeat("\t（一）予以公开\n\t0\n\t1\n\n", part3),
        repeat("（一）予以公开\t0\t1\t2\n", part3),
        repeat("| （一）予以公开 | 0 | 1 | 2 |\n", part3),
        repeat("总体情况", "一、"),
        repeat("<div><table><tr><td>1", "<html>"),
    ];
    for text in &shapes {
        let r = gongkai::parse(text);
        assert!(!r.diagnostics.is_empty());
    }
}
