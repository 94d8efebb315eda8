//! PDF input as it comes: encrypted, scanned, damaged, or not a PDF at all.

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn pdf_error(bytes: &[u8]) -> String {
    match gongkai::parse_bytes(bytes) {
        Err(e @ gongkai::Error::Pdf { .. }) => e.to_string(),
        Err(e) => panic!("not a PDF error: {e}"),
        Ok(r) => panic!("parsed: {:?}", r.meta),
    }
}

#[test]
fn encrypted_with_an_empty_user_password_opens_without_asking() {
    for alg in ["rc4", "aes128", "aes256"] {
        let r = gongkai::parse_path(fixture(&format!(
            "pdf-odd/encrypted/huaian-city-2024.{alg}.pdf"
        )))
        .unwrap();
        assert_eq!(r.meta.agency.as_deref(), Some("淮安市人民政府"), "{alg}");
        assert_eq!(r.applications.new_received.total, Some(3119), "{alg}");
    }
}

#[test]
fn a_scan_is_an_error_that_suggests_ocr() {
    let e = pdf_error(&std::fs::read(fixture("pdf-odd/scan.pdf")).unwrap());
    assert!(e.contains("a scan") && e.contains("OCR"), "{e}");
    let e = pdf_error(&std::fs::read(fixture("pdf-odd/outlines.pdf")).unwrap());
    assert!(e.contains("outlines") && e.contains("OCR"), "{e}");
}

#[test]
fn an_invisible_ocr_layer_is_read_with_a_warning() {
    let r = gongkai::parse_path(fixture("pdf-odd/ocr-layer.pdf")).unwrap();
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == gongkai::Code::PdfText && d.message.contains("OCR")));
    // Not a report: the parts are missing, and say so.
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == gongkai::Code::SectionMissing));
}

#[test]
fn truncated_and_garbage_pdfs_are_errors_or_flagged_never_panics() {
    let whole = std::fs::read(fixture("real/pdf/hongze-district-2023.pdf")).unwrap();
    for cut in [
        20,
        1000,
        whole.len() / 3,
        whole.len() / 2,
        whole.len() - 200,
    ] {
        // A reader may repair a cut file far enough to read some pages; anything it
        // cannot read is an error or a diagnostic, never a panic.
        if let Ok(r) = gongkai::parse_bytes(&whole[..cut]) {
            let _ = r.to_json();
        }
    }
    let mut garbage = b"%PDF-1.7\n".to_vec();
    garbage.extend((0..5000u32).map(|i| (i * 7919 % 251) as u8));
    let e = pdf_error(&garbage);
    assert!(e.contains("the PDF could not be read"), "{e}");
    // Leading junk before the header, as readers allow.
    let mut junk = b"HTTP/1.1 200 OK\r\n\r\n".to_vec();
    junk.extend_from_slice(&whole);
    let r = gongkai::parse_bytes(&junk).unwrap();
    assert_eq!(r.meta.year, Some(2023));
}

#[test]
fn pages_and_lines_on_pages() {
    let r = gongkai::parse_path(fixture("real/pdf/hongze-district-2023.pdf")).unwrap();
    let part3 = r.sections.iter().find(|s| s.number == 3).unwrap();
    assert_eq!(part3.page, Some(3));
    assert!(part3.line >= 1 && part3.line < 60);
    assert!(r
        .diagnostics
        .iter()
        .all(|d| d.line.is_none() || d.page.is_some()));
    assert_eq!(
        gongkai::Format::from_file_name("报告.PDF"),
        Some(gongkai::Format::Pdf)
    );
}

#[test]
fn a_garbled_text_layer_is_an_error_that_says_so() {
    // A ToUnicode map rewritten to Latin-1, and Ghostscript re-distilling Chromium's
    // Type 3 fonts and wkhtmltopdf's TrueType ones (scripts/pdf_matrix.py).
    for name in [
        "002_a8545102c5627bed.garbled",
        "001_35b03cdfa0a63b83.garbled-gs",
        "002_a8545102c5627bed.garbled-gs-truetype",
    ] {
        let bytes = std::fs::read(fixture(&format!("pdf-matrix/special/{name}.pdf"))).unwrap();
        let e = pdf_error(&bytes);
        assert!(e.contains("garbled") && e.contains("OCR"), "{name}: {e}");
    }
}

#[test]
fn radicals_in_the_text_layer_read_as_ideographs() {
    // Every ideograph with a CJK Radicals Supplement or Kangxi twin mapped to it in the
    // ToUnicode maps (`人⺠政府`): nothing of either block reaches the output.
    let pdf = fixture("pdf-matrix/special/002_a8545102c5627bed.radicals.pdf");
    let doc = gongkai::__private::pdf_document(&std::fs::read(&pdf).unwrap()).unwrap();
    let left: String = doc
        .chars()
        .filter(|&c| ('\u{2e80}'..='\u{2fdf}').contains(&c))
        .collect();
    assert!(left.is_empty(), "{left}");
    assert!(doc.contains("局长") || doc.contains("长"), "{doc}");
}
