//! Any bytes through every entry point: `parse_bytes` (sniffs text, HTML, .docx, .doc, PDF),
//! `parse_bytes_as` with each format forced, and `parse` on the bytes as text. Nothing
//! may panic, hang or blow up; the report must always serialise.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(r) = gongkai::parse_bytes(data) {
        let _ = r.to_json();
    }
    for f in [
        gongkai::Format::Text,
        gongkai::Format::Html,
        gongkai::Format::Docx,
        gongkai::Format::Doc,
        gongkai::Format::Wps,
        gongkai::Format::Pdf,
    ] {
        let _ = gongkai::parse_bytes_as(data, Some(f));
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let r = gongkai::parse(s);
        let _ = r.to_json();
        let _ = r.tidy();
    }
});
