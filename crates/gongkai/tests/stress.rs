//! A hang guard, not a benchmark: every adversarial shape at 20 MB must parse within a
//! deadline that a linear path meets many times over (about a second per shape in an
//! optimised test build) and a superlinear one misses by far: a quadratic step over
//! 20 MB takes hours. Each shape runs on its own thread, so a hang fails the test at
//! the deadline instead of stalling it.

mod shapes;

use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The input size of each shape.
const SIZE: usize = 20 << 20;

/// The longest one shape may take.
const DEADLINE: Duration = Duration::from_secs(90);

#[test]
fn every_shape_parses_in_linear_time() {
    let only = std::env::var("GONGKAI_SHAPE").ok();
    let mut lines = Vec::new();
    for shape in shapes::all() {
        if only.as_deref().is_some_and(|o| !shape.name.contains(o)) {
            continue;
        }
        let input = (shape.build)(SIZE);
        let mb = input.len() as f64 / 1e6;
        let (tx, rx) = mpsc::channel();
        let format = shape.format;
        std::thread::spawn(move || {
            let t = Instant::now();
            // A shape with nothing of a report in it may be refused as not a report:
            // the parse ran to its end and said so.
            let ok = matches!(
                gongkai::parse_bytes_as(&input, Some(format)),
                Ok(_) | Err(gongkai::Error::NotAReport { .. })
            );
            let _ = tx.send((t.elapsed(), ok));
        });
        match rx.recv_timeout(DEADLINE) {
            Ok((took, ok)) => {
                assert!(ok, "{}: the parse failed", shape.name);
                lines.push(format!(
                    "{:32} {mb:5.1} MB in {:6.2} s  ({:.0} ms/MB)",
                    shape.name,
                    took.as_secs_f64(),
                    took.as_secs_f64() * 1e3 / mb
                ));
            }
            Err(_) => panic!(
                "{}: {mb:.1} MB did not parse within {DEADLINE:?}: a superlinear path\n{}",
                shape.name,
                lines.join("\n")
            ),
        }
    }
    println!("{}", lines.join("\n"));
}
