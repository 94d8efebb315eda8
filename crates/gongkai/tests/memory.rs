//! Peak memory of a parse, per adversarial input shape, measured with a counting
//! allocator (not the process's resident size): every shape at 50 MB must parse in at
//! most [`BOUND`] times its size. Run alone, sequentially, in its own test binary so
//! that nothing else allocates while a parse is measured.

mod shapes;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts bytes allocated now and the most ever allocated at once.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(n: usize) {
    let now = NOW.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed to the system allocator unchanged; only counters are kept.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A reallocation may hold both blocks at once: count the new one before the old
        // one is let go.
        grow(new_size);
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most memory a parse may take, as a multiple of its input.
const BOUND: f64 = 10.0;

/// The input size every shape is measured at.
const SIZE: usize = 50 << 20;

/// Bytes allocated at most during `f`, above what was allocated before it.
fn peak_during<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (PEAK.load(Ordering::Relaxed) - base, out)
}

#[test]
fn every_shape_parses_in_at_most_ten_times_its_size() {
    let only = std::env::var("GONGKAI_SHAPE").ok();
    let mut report = Vec::new();
    let mut over = Vec::new();
    for shape in shapes::all() {
        if only.as_deref().is_some_and(|o| !shape.name.contains(o)) {
            continue;
        }
        let input = (shape.build)(SIZE);
        let (peak, parsed) = peak_during(|| {
            gongkai::parse_bytes_as(&input, Some(shape.format)).map(|r| r.diagnostics.len())
        });
        let ratio = peak as f64 / input.len() as f64;
        report.push(format!(
            "{:32} {:6.1} MB  peak {:7.1} MB  {ratio:5.1}x  {}",
            shape.name,
            input.len() as f64 / 1e6,
            peak as f64 / 1e6,
            match parsed {
                Ok(n) => format!("{n} diagnostics"),
                Err(e) => format!("error: {e}"),
            }
        ));
        if ratio > BOUND {
            over.push(shape.name);
        }
    }
    println!("{}", report.join("\n"));
    assert!(
        over.is_empty(),
        "over {BOUND}x: {over:?}\n{}",
        report.join("\n")
    );
}
