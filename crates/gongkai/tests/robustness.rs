//! Bad input gets an error or diagnostics, never a panic: truncated reports, garbage,
//! shuffled lines, huge lines.

use std::path::Path;

mod wordbin;

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
fn a_text_that_is_not_a_report_is_refused_and_a_bare_report_is_not() {
    let notice = "关于开展植树活动的通知\n各单位：\n定于3月12日开展植树活动。\n";
    for hint in [None, Some(gongkai::Format::Text)] {
        match gongkai::parse_bytes_as(notice.as_bytes(), hint) {
            Err(gongkai::Error::NotAReport { lines: 3 }) => {}
            other => panic!("{other:?}"),
        }
    }
    let page = format!(
        "<html><body><p>{}</p></body></html>",
        notice.replace('\n', "</p><p>")
    );
    assert!(matches!(
        gongkai::parse_bytes(page.as_bytes()),
        Err(gongkai::Error::NotAReport { .. })
    ));
    // A report that names itself but could not be cut into its parts is a report, whose
    // missing tables say so.
    let named = "某县2024年政府信息公开工作年度报告全文见附件。";
    assert!(gongkai::parse_bytes(named.as_bytes()).is_ok());
    // One part heading is enough: the report is there, its tables are missing and say so.
    let bare = "某某局2024年年度报告\n一、总体情况\n无。\n";
    assert!(gongkai::parse_bytes(bare.as_bytes()).is_ok());
    // A table without any heading is a report too.
    let table = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n";
    assert!(gongkai::parse_bytes(&table.as_bytes()[table.find('一').unwrap()..]).is_ok());
    // The text parse has no error to give: the record says the tables are missing.
    let r = gongkai::parse(notice);
    assert!(
        r.sections.is_empty()
            && r.diagnostics
                .iter()
                .any(|d| d.code == gongkai::Code::TableMissing)
    );
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

fn doc_fixture() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rendered/doc/000_4ad21a775c00ab02.docx.doc"
    ))
    .unwrap()
}

/// The error message of parsing `bytes` as a .doc, which must fail.
#[track_caller]
fn doc_error(bytes: &[u8]) -> String {
    match gongkai::parse_bytes_as(bytes, Some(gongkai::Format::Doc)) {
        Ok(_) => panic!("read without an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn broken_doc_is_an_error_not_a_panic() {
    let doc = doc_fixture();
    assert!(gongkai::parse_bytes(&doc).is_ok());
    // Cut anywhere, with bytes flipped all over: an error or a report, never a panic.
    for k in 0..80 {
        let _ = gongkai::parse_bytes(&doc[..doc.len() * k / 80]);
    }
    for step in [97, 389, 1021, 4099] {
        let mut flipped = doc.clone();
        for i in (8..flipped.len()).step_by(step) {
            flipped[i] ^= 0x5a;
        }
        let _ = gongkai::parse_bytes(&flipped);
    }
    // The compound file's signature and nothing after it.
    assert!(doc_error(b"\xd0\xcf\x11\xe0").contains("not a readable compound file"));
}

#[test]
fn doc_sector_chains_that_loop_are_errors() {
    let (doc, _) = wordbin::minimal(&[wordbin::para("一、总体情况")], &Default::default());
    let entry = wordbin::dir_entry(&doc, "WordDocument");
    let (start, _) = wordbin::start_and_size(&doc, entry);
    // The stream's first sector points back to itself, and a later one to the second.
    let mut to_itself = doc.clone();
    wordbin::set_fat_entry(&mut to_itself, start as usize, start);
    let mut to_second = doc.clone();
    let second = wordbin::fat_entry(&doc, start as usize);
    let mut last = second as usize;
    while wordbin::fat_entry(&doc, last) < 0xFFFF_FFFA {
        last = wordbin::fat_entry(&doc, last) as usize;
    }
    wordbin::set_fat_entry(&mut to_second, last, second);
    for looped in [to_itself, to_second] {
        let err = doc_error(&looped);
        assert!(
            err.contains(".doc") && err.contains("compound file"),
            "{err}"
        );
    }
}

#[test]
fn doc_piece_tables_pointing_outside_the_stream_are_errors() {
    let paras = [
        wordbin::para("一、总体情况"),
        wordbin::para("收到申请 5 件"),
    ];
    let (doc, _) = wordbin::minimal(&paras, &Default::default());
    let word = wordbin::stream(&doc, "/WordDocument");
    let table = wordbin::stream(&doc, "/1Table");
    let rebuilt = |word: &[u8], table: &[u8]| {
        wordbin::write_cfb(&[("/WordDocument", word), ("/1Table", table)])
    };
    assert!(gongkai::parse_bytes(&rebuilt(&word, &table)).is_ok());
    // The one piece's file position (the Pcd after the two CPs) past the stream's end.
    let mut far = table.clone();
    far[5 + 8 + 2..5 + 8 + 6].copy_from_slice(&0x3FFF_FF00u32.to_le_bytes());
    let err = doc_error(&rebuilt(&word, &far));
    assert!(err.contains("outside the WordDocument stream"), "{err}");
    // The text's end CP far past what the stream holds.
    let mut long = table.clone();
    long[5 + 4..5 + 8].copy_from_slice(&0x7FFF_FFF0u32.to_le_bytes());
    let err = doc_error(&rebuilt(&word, &long));
    assert!(err.contains("piece table"), "{err}");
    // The CLX itself outside the table stream, and a PlcPcd of a size no table has.
    let mut fib = word.clone();
    let at = wordbin::fib_pair_at(33);
    fib[at..at + 4].copy_from_slice(&0xFFFF_0000u32.to_le_bytes());
    let err = doc_error(&rebuilt(&fib, &table));
    assert!(err.contains("outside its stream"), "{err}");
    let mut odd = table.clone();
    odd[1..5].copy_from_slice(&7u32.to_le_bytes());
    let err = doc_error(&rebuilt(&word, &odd));
    assert!(err.contains("piece table"), "{err}");
    // Two pieces over the same bytes, each within the stream but together more text than
    // it holds: refused, not expanded.
    let (two, _) = wordbin::minimal(
        &[wordbin::para("申请"), wordbin::para("公开")],
        &wordbin::Layout {
            piece_chars: 3,
            ..Default::default()
        },
    );
    let word = wordbin::stream(&two, "/WordDocument");
    let mut table = wordbin::stream(&two, "/1Table");
    let (cps, pcds) = wordbin::pieces(&word, &table);
    assert_eq!(cps.len(), 3);
    let half = ((word.len() - pcds[0].0 as usize) / 2) as u32;
    for (i, cp) in [0, half, 2 * half].into_iter().enumerate() {
        table[5 + 4 * i..9 + 4 * i].copy_from_slice(&cp.to_le_bytes());
    }
    let second_fc = 5 + 12 + 8 + 2;
    table[second_fc..second_fc + 4].copy_from_slice(&pcds[0].0.to_le_bytes());
    let err = doc_error(&rebuilt(&word, &table));
    assert!(err.contains("more text than"), "{err}");
}

#[test]
fn doc_huge_declared_sizes_are_refused() {
    let (doc, _) = wordbin::minimal(&[wordbin::para("一、总体情况")], &Default::default());
    // A stream whose directory entry claims 4 GB.
    let mut huge = doc.clone();
    let entry = wordbin::dir_entry(&huge, "WordDocument");
    huge[entry + 120..entry + 124].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let _ = doc_error(&huge);
    // A stream within the file but over the caller's limit.
    let small = gongkai::Limits::default().max_input_bytes(doc.len() as u64);
    let ok = gongkai::parse_bytes_with(&doc, None, &small);
    assert!(ok.is_ok());
    let word_len = wordbin::stream(&doc, "/WordDocument").len() as u64;
    let tight = gongkai::Limits::default().max_input_bytes(word_len - 1);
    let err = gongkai::parse_bytes_with(&doc[..], None, &tight);
    assert!(
        matches!(err, Err(gongkai::Error::TooLarge { .. })),
        "{err:?}"
    );
}

#[test]
fn compound_files_that_are_not_word_documents_say_what_they_are() {
    let (doc, _) = wordbin::minimal(&[wordbin::para("一、总体情况")], &Default::default());
    let word = wordbin::stream(&doc, "/WordDocument");
    let table = wordbin::stream(&doc, "/1Table");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            wordbin::write_cfb(&[("/Workbook", b"\x09\x08".as_slice())]),
            "Microsoft Excel 97-2003 workbook (.xls)",
        ),
        (
            wordbin::write_cfb(&[("/PowerPoint Document", b"x".as_slice())]),
            "PowerPoint",
        ),
        (
            wordbin::write_cfb(&[
                ("/EncryptionInfo", b"x".as_slice()),
                ("/EncryptedPackage", b"x".as_slice()),
            ]),
            "password-protected Office",
        ),
        (wordbin::write_cfb(&[]), "non-Word compound"),
        (
            {
                let mut w = word.clone();
                w[0x0B] |= 0x01; // fEncrypted
                wordbin::write_cfb(&[("/WordDocument", &w), ("/1Table", &table)])
            },
            "password-protected (encrypted) Word",
        ),
        (
            {
                let mut w = word.clone();
                w[2..4].copy_from_slice(&0x0065u16.to_le_bytes());
                wordbin::write_cfb(&[("/WordDocument", &w), ("/1Table", &table)])
            },
            "Word 6.0/95",
        ),
        (wordbin::write_cfb(&[("/WordDocument", &word)]), "1Table"),
        (
            wordbin::write_cfb(&[("/WordDocument", &word[..100]), ("/1Table", &table)]),
            "too short for its FIB",
        ),
    ];
    for (bytes, says) in cases {
        for hint in [None, Some(gongkai::Format::Doc), Some(gongkai::Format::Wps)] {
            let err = gongkai::parse_bytes_as(&bytes, hint)
                .unwrap_err()
                .to_string();
            assert!(err.contains(says), "{hint:?}: {err}");
        }
    }
    // WPS Office's own older format (not a compound file) is named; a .doc that is a
    // web page is read as one.
    let err = gongkai::parse_bytes_as(b"\x00\x01\x02WPS2000\xff\xfe", Some(gongkai::Format::Wps))
        .unwrap_err()
        .to_string();
    assert!(err.contains("legacy WPS"), "{err}");
    let page = "<html><body><p>一、总体情况</p></body></html>";
    let r = gongkai::parse_bytes_as(page.as_bytes(), Some(gongkai::Format::Doc)).unwrap();
    assert_eq!(r.sections[0].heading, "一、总体情况");
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
