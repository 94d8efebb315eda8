//! Times the OCR reader on the files given: wall-clock and CPU seconds per file, the
//! models loaded first (once per process) and timed apart. CPU time is the figure to
//! compare on a shared machine (wall time counts the waits for a busy core); it is read
//! from `/proc/thread-self/stat`, so it shows on Linux only.
//!
//! ```sh
//! cargo build --release -p gongkai --example ocr_pages
//! taskset -c 0 target/release/examples/ocr_pages crates/gongkai/tests/fixtures/ocr/*.{pdf,jpg,png}
//! ```
//!
//! The fixtures hold 10 pages (3 in the scan, 3 stitched in the seal picture, 4 in the
//! speckled PNG): the total divided by 10 is the figure per page.

use std::time::Instant;

/// This thread's CPU time (user and system) in seconds, when the system tells it.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // The fields after the command's closing parenthesis: utime and stime are the 12th
    // and 13th of them, in clock ticks (100 a second on Linux).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

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
    let (mut wall, mut cpu) = (0.0, 0.0);
    for path in &files {
        let t = Instant::now();
        let c = cpu_seconds();
        let r = gongkai::parse_path(path);
        let w = t.elapsed().as_secs_f64();
        let c = c.zip(cpu_seconds()).map(|(a, b)| b - a);
        wall += w;
        cpu += c.unwrap_or(0.0);
        match r {
            Ok(_) => println!(
                "{path}: {w:.2} s wall, {} CPU",
                c.map_or("?".to_string(), |c| format!("{c:.2} s"))
            ),
            Err(e) => println!("{path}: {e}"),
        }
    }
    println!("total: {wall:.2} s wall, {cpu:.2} s CPU");
}
