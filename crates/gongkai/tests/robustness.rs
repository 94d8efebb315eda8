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
    assert_eq!(gongkai::parse_bytes(b""), Err(gongkai::Error::Empty));
    assert!(gongkai::parse_bytes(b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f").is_err());
    assert!(gongkai::parse_bytes(b"%PDF-1.4 ...").is_err());
}
