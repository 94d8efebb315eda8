//! Compound-file bytes through the Word 97 reader (.doc and .wps) and the whole
//! pipeline: the byte-level target rarely gets past the compound file's header, and the
//! FIB, piece table and FKP pages need mutations of their own (offsets outside their
//! streams, sector chains that loop, huge declared sizes). Nothing may panic, hang or
//! blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A small limit, so that huge declared sizes meet it rather than the fuzzer's
    // memory cap.
    let limits = gongkai::Limits::default().max_input_bytes(4 << 20);
    for f in [gongkai::Format::Doc, gongkai::Format::Wps] {
        if let Ok(r) = gongkai::parse_bytes_with(data, Some(f), &limits) {
            let _ = r.to_json();
            let _ = r.tidy();
        }
    }
});
