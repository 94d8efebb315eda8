//! Scans and pictures of tables read by OCR (issue 31): the fixtures in
//! `tests/fixtures/ocr`, made from the real PDFs by `scripts/gen-ocr-fixtures.py` (pages
//! rendered, turned, speckled, JPEG-compressed, a red seal over a table), each beside
//! the checked values of its tables. Every value must be exact or flagged: a wrong number
//! is never silent. The exact counts are floors, so a change that loses values shows.
//!
//! The OCR models are not in the repository; `scripts/setup` installs them. Without them
//! these tests fail with the message that says so.

use std::path::{Path, PathBuf};

use gongkai::Code;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ocr")
        .join(name)
}

/// Parses a fixture; a missing model fails with the error that says how to install it.
fn parse(name: &str) -> gongkai::Report {
    match gongkai::parse_path(fixture(name)) {
        Ok(r) => r,
        Err(e) => panic!("{name}: {e}\n(the OCR models come from scripts/setup: run it first)"),
    }
}

/// (fields, exact, flagged, silent) of a fixture against its truth, with the mismatches
/// printed.
fn score(name: &str, truth: &str) -> (usize, usize, usize, usize) {
    let report = parse(name);
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture(truth)).unwrap()).unwrap();
    let c = gongkai::compare::compare(&report.to_value(), &truth);
    for m in &c.mismatches {
        eprintln!(
            "{name}: {} want {} got {}{}",
            m.path,
            m.want,
            m.got,
            if m.flagged { " (flagged)" } else { " SILENT" }
        );
    }
    let flagged = c.mismatches.iter().filter(|m| m.flagged).count();
    eprintln!(
        "{name}: {} fields, {} exact, {flagged} flagged, {} silent",
        c.fields, c.exact, c.silent
    );
    (c.fields, c.exact, flagged, c.silent)
}

fn check(name: &str, truth: &str, min_exact: usize) {
    let (fields, exact, flagged, silent) = score(name, truth);
    assert_eq!(silent, 0, "{name}: a wrong value is silent");
    assert_eq!(exact + flagged, fields, "{name}");
    assert!(
        exact >= min_exact,
        "{name}: {exact} of {fields} exact, the floor is {min_exact}"
    );
}

#[test]
fn a_scanned_pdf_turned_and_speckled() {
    check(
        "hongze-district-2023.scan.pdf",
        "hongze-district-2023.scan.json",
        207,
    );
}

#[test]
fn a_picture_of_the_tables_with_a_red_seal() {
    check(
        "hongze-district-2024.seal.jpg",
        "hongze-district-2024.seal.json",
        206,
    );
}

#[test]
fn a_speckled_grayscale_png() {
    check(
        "huaian-city-2024.speckle.png",
        "huaian-city-2024.speckle.json",
        200,
    );
}

#[test]
fn image_formats_by_name_and_by_bytes() {
    assert_eq!(
        gongkai::Format::from_file_name("扫描件.JPEG"),
        Some(gongkai::Format::Image)
    );
    assert_eq!(
        gongkai::Format::from_file_name("表.webp"),
        Some(gongkai::Format::Image)
    );
}

#[test]
fn a_decompression_bomb_is_refused_before_it_is_decoded() {
    // A PNG claiming 100,000 × 100,000 pixels, with a few bytes of data behind it.
    let chunk = |png: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        png.extend((data.len() as u32).to_be_bytes());
        let start = png.len();
        png.extend(kind);
        png.extend(data);
        let crc = crc32(&png[start..]);
        png.extend(crc.to_be_bytes());
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = 100_000u32.to_be_bytes().to_vec();
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, &[0u8; 100_000]).unwrap();
    chunk(&mut png, b"IDAT", &z.finish().unwrap());
    chunk(&mut png, b"IEND", b"");
    let e = gongkai::parse_bytes(&png).unwrap_err().to_string();
    assert!(e.contains("100000 × 100000") && e.contains("limit"), "{e}");
    let small = gongkai::Limits::default().max_image_pixels(10);
    let tiny = fixture("huaian-city-2024.speckle.png");
    let e = gongkai::parse_bytes_with(&std::fs::read(tiny).unwrap(), None, &small)
        .unwrap_err()
        .to_string();
    assert!(e.contains("limit"), "{e}");
}

#[test]
fn hostile_images_are_errors_never_panics() {
    let good = std::fs::read(fixture("hongze-district-2024.seal.jpg")).unwrap();
    for cut in [3, 20, 200, good.len() / 2] {
        if let Ok(r) = gongkai::parse_bytes(&good[..cut]) {
            let _ = r.to_json();
        }
    }
    for bytes in [
        &b"\x89PNG\r\n\x1a\ngarbage"[..],
        b"\xff\xd8\xff\xe0\0\x10JFIF\0",
        b"RIFF\0\0\0\0WEBPVP8 ",
        b"II*\0\x08\0\0\0\0\0",
        b"BM\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
    ] {
        if let Ok(r) = gongkai::parse_bytes(bytes) {
            let _ = r.to_json();
        }
    }
}

#[test]
fn blank_cells_stay_blank_and_uncertain_values_name_their_page() {
    let r = parse("hongze-district-2023.scan.pdf");
    for d in r
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::OcrUncertain)
    {
        assert!(d.page.is_some(), "{d}");
        assert!(d.message.contains("page "), "{d}");
    }
}

/// CRC-32 (PNG's), for the bomb's header.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Prints what the reader made of a fixture (`cargo test --test ocr dump -- --ignored
/// --nocapture`), for looking into a fixture that fails.
#[test]
#[ignore]
fn dump() {
    let name = std::env::var("OCR_FIXTURE").unwrap_or("huaian-city-2024.speckle.png".into());
    let bytes = std::fs::read(fixture(&name)).unwrap();
    let t = std::time::Instant::now();
    let doc = gongkai::__private::read_document(&bytes, None).unwrap();
    eprintln!("read in {:?}", t.elapsed());
    for (text, no) in &doc.lines {
        eprintln!("{no:4} {text}");
    }
    for (at, rows) in &doc.tables {
        eprintln!("table after line {at}");
        for (line, cells) in rows {
            eprintln!("{line:4} | {}", cells.join(" | "));
        }
    }
}

/// OCR costs time by the pixel, and a blank page compresses to nearly nothing: past the
/// pixel budget a scan stops with a `too_large` error naming the page, and a picture is
/// refused, each saying how to raise the budget.
#[test]
fn the_ocr_pixel_budget_stops_a_scan_and_refuses_a_picture() {
    // A few pages' worth of pixels: the scan's first pages are read, the rest is not.
    let few_pages = gongkai::Limits::default().max_ocr_pixels(4_500_000);
    let report = gongkai::parse_path_with(fixture("hongze-district-2023.scan.pdf"), &few_pages)
        .expect("the first pages are read");
    let stop = report
        .diagnostics
        .iter()
        .find(|d| d.code == Code::TooLarge)
        .expect("a too_large diagnostic");
    assert!(stop.page.is_some_and(|p| p >= 2), "{}", stop.message);
    assert!(
        stop.message.contains("--max-ocr-pixels"),
        "{}",
        stop.message
    );

    let tiny = gongkai::Limits::default().max_ocr_pixels(1_000);
    let err = gongkai::parse_path_with(fixture("hongze-district-2024.seal.jpg"), &tiny)
        .expect_err("a picture over the budget is refused");
    assert!(err.to_string().contains("OCR budget"), "{err}");
}
