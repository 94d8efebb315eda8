//! PDF bytes only, through the PDF reader and the whole pipeline: the byte-level target
//! spends most of its time on text, and PDFs need mutations of their own (broken
//! cross-reference tables, cut streams, odd fonts). Nothing may panic, hang or blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(r) = gongkai::parse_bytes_as(data, Some(gongkai::Format::Pdf)) {
        let _ = r.to_json();
        let _ = r.tidy();
    }
});
