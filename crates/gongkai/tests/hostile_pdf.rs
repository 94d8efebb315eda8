//! Hostile PDFs: files whose cost is not in their size. Each test is one shape that once
//! cost gigabytes, minutes, or a silent cut-off, or was told a misleading message; each
//! now ends quickly with a true message. (Peak memory of each shape at 50 MB is in the
//! `memory` test, linear time in `stress`.)

mod shapes;

use gongkai::{Code, Limits, Report};
use shapes::pdf::{
    build, cid_hex, document, report_head, zlib, Parts, DESCRIPTOR_ENTRIES, FONT_DESCRIPTOR,
};

fn parse(bytes: &[u8]) -> Report {
    gongkai::parse_bytes(bytes).expect("a report")
}

fn error(bytes: &[u8]) -> String {
    match gongkai::parse_bytes(bytes) {
        Err(e) => e.to_string(),
        Ok(r) => panic!("parsed, with {:?}", r.diagnostics),
    }
}

/// The messages of the diagnostics with `code`.
fn messages(r: &Report, code: Code) -> Vec<&str> {
    r.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| &*d.message)
        .collect()
}

fn has_title(r: &Report) -> bool {
    r.meta
        .title
        .as_deref()
        .is_some_and(|t| t.contains("政府信息公开工作年度报告"))
}

#[test]
fn a_width_range_to_two_to_the_32_is_damage_not_a_loop() {
    // 3.5 KB that once grew past 7 GB and never finished.
    for w in [
        "/W [0 4294967295 500]",
        "/W [0 134217728 500]",
        "/W2 [0 4294967295 -1000 500 880]",
    ] {
        let r = parse(&build(&Parts {
            cid_font_extra: w.to_string(),
            ..Parts::default()
        }));
        assert!(has_title(&r), "{w}: {:?}", r.meta.title);
    }
}

#[test]
fn many_overlapping_width_ranges_cost_their_size() {
    // Ranges of 65,536 CIDs, 20,000 of them: once about 27 s a megabyte.
    let w: String = (0..20_000)
        .map(|i| format!("0 65535 {} ", 500 + i % 7))
        .collect();
    let r = parse(&build(&Parts {
        cid_font_extra: format!("/W [{w}]"),
        ..Parts::default()
    }));
    assert!(has_title(&r));
}

#[test]
fn a_to_unicode_destination_of_any_length_is_left_out_and_said() {
    // One code mapped to 250,000 characters, shown 2,000 times: once 5.8 GB.
    let long: String = "0041".repeat(250_000);
    let mut body = shapes::pdf::identity_to_unicode();
    body.extend_from_slice(format!("1 beginbfchar\n<0058> <{long}>\nendbfchar\n").as_bytes());
    let shown = format!(
        "BT /F1 12 Tf 72 600 Td {} Tj ET\n",
        cid_hex(&"X".repeat(2000))
    );
    let r = parse(&build(&Parts {
        to_unicode: Some(body),
        contents: vec![(report_head() + &shown).into_bytes()],
        ..Parts::default()
    }));
    assert!(has_title(&r));
}

#[test]
fn a_glyph_mapped_to_more_text_than_a_glyph_carries_is_flagged() {
    // 40 characters for one glyph: within the CMap format's cap, but not a glyph's text.
    let mut body = shapes::pdf::identity_to_unicode();
    body.extend_from_slice(
        format!("1 beginbfchar\n<0058> <{}>\nendbfchar\n", "4E00".repeat(40)).as_bytes(),
    );
    let shown = format!("BT /F1 12 Tf 72 600 Td {} Tj ET\n", cid_hex("XX"));
    let r = parse(&build(&Parts {
        to_unicode: Some(body),
        contents: vec![(report_head() + &shown).into_bytes()],
        ..Parts::default()
    }));
    let notes = messages(&r, Code::PdfText);
    assert!(
        notes
            .iter()
            .any(|m| m.contains("2 glyphs") && m.contains("more than 32 characters")),
        "{notes:?}"
    );
}

#[test]
fn a_flate_bomb_stops_at_the_budget_and_says_so() {
    // A content stream that inflates to 256 MB from about 250 KB (the default budget of
    // a file this size is 34 MB).
    let inflated = vec![b' '; 1 << 28];
    let bomb = zlib(&inflated);
    drop(inflated);
    let bytes = build(&Parts {
        content_dict: "/Filter /FlateDecode".into(),
        contents: vec![bomb],
        ..Parts::default()
    });
    let e = error(&bytes);
    assert!(
        e.contains("budget") && e.contains("MB decoded") && e.contains("--max-decoded"),
        "{e}"
    );
}

#[test]
fn an_embedded_font_program_is_not_inflated_to_read_text() {
    // The font's glyph program inflates to 256 MB, past the decode budget. Text comes
    // from the font's ToUnicode map and its widths, so the program is never inflated:
    // the report is read, and nothing is charged or called damaged.
    let mut pdf = document(&Parts::default());
    let program = pdf.stream("/Filter /FlateDecode", &zlib(&vec![0u8; 1 << 28]));
    pdf.set(
        FONT_DESCRIPTOR,
        format!("<< {DESCRIPTOR_ENTRIES} /FontFile2 {program} 0 R >>"),
    );
    let r = parse(&pdf.finish(1));
    assert!(has_title(&r), "{:?}", r.meta.title);
    assert!(
        r.diagnostics.iter().all(|d| !d.message.contains("budget")),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn stacked_flate_filters_are_charged_as_they_inflate() {
    // Two layers: a few kilobytes that inflate to 256 MB through 250 KB.
    let inner = zlib(&vec![b' '; 1 << 28]);
    let outer = zlib(&inner);
    assert!(outer.len() < 4 << 10);
    let bytes = build(&Parts {
        content_dict: "/Filter [/FlateDecode /FlateDecode]".into(),
        contents: vec![outer],
        ..Parts::default()
    });
    let e = error(&bytes);
    assert!(e.contains("budget") && e.contains("decoded"), "{e}");
    // The budget is the caller's to set: 1 MiB stops the first layer too.
    let small = Limits::default().max_decoded_bytes(1_000_000);
    let e = gongkai::parse_bytes_with(&bytes, None, &small)
        .unwrap_err()
        .to_string();
    assert!(e.contains("budget of 1.0 MB"), "{e}");
}

#[test]
fn a_run_length_bomb_is_charged_too() {
    // Two bytes for every 128 spaces, then the report's text after them.
    let mut data = [0x81u8, b' '].repeat(1 << 20);
    data.push(0x80);
    let bytes = build(&Parts {
        content_dict: "/Filter /RunLengthDecode".into(),
        contents: vec![data],
        ..Parts::default()
    });
    assert!(error(&bytes).contains("budget"));
}

#[test]
fn a_long_string_stops_at_the_glyph_budget_with_too_large() {
    // One literal string of 3 million glyphs after the report's head.
    let long = format!("BT /F2 10 Tf 72 500 Td ({}) Tj ET\n", "A".repeat(3_000_000));
    let r = parse(&build(&Parts {
        contents: vec![(report_head() + &long).into_bytes()],
        ..Parts::default()
    }));
    assert!(has_title(&r));
    let stop = messages(&r, Code::TooLarge);
    assert!(
        stop.iter()
            .any(|m| m.contains("page 1 of 1") && m.contains("glyphs")),
        "{stop:?}"
    );
    // A TJ array of many strings is counted string by string.
    let tj: String = (0..1_100_000).map(|_| "(AA) -5 ").collect();
    let r = parse(&build(&Parts {
        contents: vec![
            (report_head() + &format!("BT /F2 10 Tf 72 500 Td [{tj}] TJ ET\n")).into_bytes(),
        ],
        ..Parts::default()
    }));
    assert!(!messages(&r, Code::TooLarge).is_empty());
}

#[test]
fn numbers_of_ten_digits_in_arrays_are_read_not_a_panic() {
    // Every number in an array is first tried as the start of an `n g R` reference; a
    // ten-digit one once overflowed that reading's `u32` (a panic in a build with overflow
    // checks, found by fuzzing). In a TJ array a number is a kerning: the text is whole.
    let r = parse(&build(&Parts {
        contents: vec![(report_head()
            + "BT /F1 10 Tf 72 500 Td [<0001> 5000000000 <0002> 9999999999 <0003>] TJ ET\n")
            .into_bytes()],
        ..Parts::default()
    }));
    assert!(has_title(&r), "{:?}", r.diagnostics);
}

#[test]
fn a_long_path_stops_at_the_operator_budget() {
    let mut c = report_head() + "0 0 m\n";
    for i in 0..4_100_000u32 {
        c.push_str(&format!("{} {} l\n", i % 500, (i / 500) % 800));
    }
    c.push_str("S\n");
    let r = parse(&build(&Parts {
        contents: vec![c.into_bytes()],
        ..Parts::default()
    }));
    let stop = messages(&r, Code::TooLarge);
    assert!(stop.iter().any(|m| m.contains("operators")), "{stop:?}");
}

#[test]
fn pages_past_the_page_budget_are_named_not_dropped() {
    // Part 3's heading only on the last of 2,001 pages: once simply "missing".
    let mut contents = vec![report_head().into_bytes(); 2_000];
    contents.push(
        format!(
            "BT /F1 12 Tf 72 800 Td {} Tj ET\n",
            cid_hex("三、收到和处理政府信息公开申请情况")
        )
        .into_bytes(),
    );
    let r = parse(&build(&Parts {
        contents,
        ..Parts::default()
    }));
    let stop = messages(&r, Code::TooLarge);
    assert!(
        stop.iter()
            .any(|m| m.contains("page 2001 of 2001") && m.contains("2000 pages")),
        "{stop:?}"
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == Code::TooLarge)
        .unwrap();
    assert_eq!(d.page, Some(2001));
}

#[test]
fn glyphs_past_two_hundred_thousand_on_a_page_are_read() {
    // A page of 250,000 glyphs with a heading at its end: once cut off at 200,000 in
    // silence. Now only the document's glyph budget (2 million) stops a page, and says so.
    let mut c = report_head();
    c.push_str(&format!(
        "BT /F2 4 Tf 10 400 Td ({}) Tj ET\n",
        "1".repeat(250_000)
    ));
    c.push_str(&format!(
        "BT /F1 12 Tf 72 300 Td {} Tj ET\n",
        cid_hex("二、主动公开政府信息情况")
    ));
    let r = parse(&build(&Parts {
        contents: vec![c.into_bytes()],
        ..Parts::default()
    }));
    assert!(messages(&r, Code::TooLarge).is_empty());
    assert!(
        r.sections.iter().any(|s| s.number == 2),
        "{:?}",
        r.sections.iter().map(|s| s.number).collect::<Vec<_>>()
    );
}

#[test]
fn damaged_content_is_damaged_not_a_scan() {
    let head = report_head().into_bytes();
    // Truncated Flate data: the start is recovered, and said to be damaged.
    let z = zlib(&head);
    let e = error(&build(&Parts {
        content_dict: "/Filter /FlateDecode".into(),
        contents: vec![z[..z.len() / 2].to_vec()],
        ..Parts::default()
    }));
    assert!(
        e.contains("FlateDecode") && e.contains("damaged") && !e.contains("OCR"),
        "{e}"
    );
    // An unknown filter in a chain.
    let e = error(&build(&Parts {
        content_dict: "/Filter [/FlateDecode /FooDecode]".into(),
        contents: vec![zlib(&head)],
        ..Parts::default()
    }));
    assert!(
        e.contains("filter gongkai does not know") && !e.contains("OCR"),
        "{e}"
    );
    // LZW garbage.
    let e = error(&build(&Parts {
        content_dict: "/Filter /LZWDecode".into(),
        contents: vec![vec![0xff; 64]],
        ..Parts::default()
    }));
    assert!(!e.contains("OCR"), "{e}");
}

#[test]
fn a_damaged_page_tree_is_not_a_scan() {
    // A page dictionary nested 100,000 arrays deep.
    let n = 100_000;
    let e = error(&build(&Parts {
        page_extra: format!("/Foo {}{}", "[".repeat(n), "]".repeat(n)),
        ..Parts::default()
    }));
    assert!(e.contains("page") && !e.contains("OCR"), "{e}");
}

#[test]
fn a_pdf_cut_short_is_damaged() {
    let whole = build(&Parts::default());
    let cut = &whole[..whole.len() - 200];
    match gongkai::parse_bytes(cut) {
        Ok(r) => assert!(
            !messages(&r, Code::Damaged).is_empty(),
            "{:?}",
            r.diagnostics
        ),
        Err(e) => assert!(!e.to_string().contains("OCR"), "{e}"),
    }
    assert!(messages(&parse(&whole), Code::Damaged).is_empty());
}

#[test]
fn a_broken_encryption_dictionary_is_not_called_password_protected() {
    // AES-256 (V5 R6) with its hashes too short to be checked.
    let mut pdf = shapes::pdf::document(&Parts::default());
    let enc = pdf.add("<< /Filter /Standard /V 5 /R 6 /Length 256 /O <00> /U <00> /OE <00> /UE <00> /P -4 /Perms <00> >>");
    pdf.trailer(&format!("/Encrypt {enc} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"));
    let e = error(&pdf.finish(1));
    assert!(!e.contains("password"), "{e}");
    assert!(e.contains("encrypt"), "{e}");
}

#[test]
fn an_empty_pdf_is_empty() {
    for empty in [&b""[..], b"  \n"] {
        let e = gongkai::parse_bytes_as(empty, Some(gongkai::Format::Pdf)).unwrap_err();
        assert!(matches!(e, gongkai::Error::Empty), "{e}");
    }
}
