//! Times the OCR reader on the files given: seconds per file, the models loaded first
//! (once per process) and timed apart.
//!
//! ```sh
//! cargo build --release -p gongkai --example ocr_pages
//! taskset -c 0 target/release/examples/ocr_pages crates/gongkai/tests/fixtures/ocr/*.{pdf,jpg,png}
//! ```

use std::time::Instant;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let Some(first) = files.first() else {
        eprintln!("usage: ocr_pages FILE...");
        return;
    };
    // The first parse loads the models and prepares the network's widths: timed apart.
    let t = Instant::now();
    let _ = gongkai::parse_path(first);
    println!("warm-up ({first}): {:.2} s", t.elapsed().as_secs_f64());
    for path in &files {
        let t = Instant::now();
        match gongkai::parse_path(path) {
            Ok(_) => println!("{path}: {:.2} s", t.elapsed().as_secs_f64()),
            Err(e) => println!("{path}: {e}"),
        }
    }
}
