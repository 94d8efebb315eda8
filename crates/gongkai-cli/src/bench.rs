//! `gongkai bench`: parse throughput on the user's own files, on one core and on all.
//!
//! Files are read before the clock starts, so the figures are the parser's, not the
//! disk's. Small sets are parsed over and over until a second has passed; sets larger
//! than [`RESIDENT`] are parsed once, a chunk at a time, so memory stays bounded.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use gongkai::Limits;
use rayon::prelude::*;

use crate::parse::expand;
use crate::Inputs;

/// The most input held in memory at once.
const RESIDENT: u64 = 256 * 1024 * 1024;

/// Time to spend per measurement on a small set.
const MIN_TIME: Duration = Duration::from_secs(1);

/// One measurement.
struct Figures {
    threads: usize,
    files: u64,
    bytes: u64,
    time: Duration,
    passes: u32,
}

/// `gongkai bench`: the files and folders given, read and measured; exit 2 when some
/// could not be read or parsed.
pub fn command(inputs: &Inputs) -> ExitCode {
    let (files, unreadable) = expand(&inputs.paths);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let jobs = crate::batch::threads(inputs.threads(), files.len());
    let result = run(&files, jobs, &inputs.limits(), &mut out).and_then(|failed| {
        out.flush()?;
        Ok(if failed || unreadable {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        })
    });
    crate::finish(result)
}

/// Parses the files on 1 and on `jobs` threads (0: one per core) and prints the figures.
/// Returns true when some file could not be read or parsed.
pub fn run(
    files: &[PathBuf],
    jobs: usize,
    limits: &Limits,
    out: &mut impl Write,
) -> io::Result<bool> {
    let all = if jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        jobs
    };
    let mut sizes = 0u64;
    let mut readable = Vec::new();
    let mut failed = false;
    for f in files {
        match std::fs::metadata(f) {
            Ok(m) => {
                sizes += m.len();
                readable.push(f.clone());
            }
            Err(e) => {
                eprintln!("gongkai: {}: cannot read: {e}", f.display());
                failed = true;
            }
        }
    }
    let resident = if sizes <= RESIDENT {
        Some(load_all(&readable, limits, &mut failed))
    } else {
        None
    };
    writeln!(
        out,
        "gongkai bench: {} files, {:.1} MB",
        readable.len(),
        sizes as f64 / 1e6
    )?;
    writeln!(
        out,
        "{:>8} {:>12} {:>10} {:>8}",
        "threads", "files/s", "MB/s", "passes"
    )?;
    let mut counts = vec![1];
    if all > 1 {
        counts.push(all);
    }
    for threads in counts {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(io::Error::other)?;
        let f = match &resident {
            Some(data) => measure_resident(&pool, data),
            None => measure_streaming(&pool, &readable, limits),
        };
        let secs = f.time.as_secs_f64().max(1e-9);
        writeln!(
            out,
            "{:>8} {:>12.0} {:>10.1} {:>8}",
            f.threads,
            f.files as f64 / secs,
            f.bytes as f64 / 1e6 / secs,
            f.passes
        )?;
    }
    Ok(failed)
}

fn load_all(files: &[PathBuf], limits: &Limits, failed: &mut bool) -> Vec<Vec<u8>> {
    let mut data = Vec::with_capacity(files.len());
    for f in files {
        match crate::batch::read(f, limits) {
            Ok(b) => data.push(b),
            Err(msg) => {
                eprintln!("gongkai: {msg}");
                *failed = true;
            }
        }
    }
    data
}

fn parse_all(pool: &rayon::ThreadPool, data: &[Vec<u8>]) {
    pool.install(|| {
        data.par_iter().for_each(|b| {
            std::hint::black_box(gongkai::parse_bytes(b).ok());
        })
    });
}

fn measure_resident(pool: &rayon::ThreadPool, data: &[Vec<u8>]) -> Figures {
    let bytes: u64 = data.iter().map(|b| b.len() as u64).sum();
    // One pass to warm caches and the pool, not counted.
    parse_all(pool, data);
    let mut f = Figures {
        threads: pool.current_num_threads(),
        files: 0,
        bytes: 0,
        time: Duration::ZERO,
        passes: 0,
    };
    while f.time < MIN_TIME && f.passes < 100_000 {
        let t = Instant::now();
        parse_all(pool, data);
        f.time += t.elapsed();
        f.files += data.len() as u64;
        f.bytes += bytes;
        f.passes += 1;
    }
    f
}

fn measure_streaming(pool: &rayon::ThreadPool, files: &[PathBuf], limits: &Limits) -> Figures {
    let mut f = Figures {
        threads: pool.current_num_threads(),
        files: 0,
        bytes: 0,
        time: Duration::ZERO,
        passes: 1,
    };
    let chunk = pool.current_num_threads() * crate::batch::CHUNK_PER_THREAD;
    for paths in files.chunks(chunk.max(1)) {
        let mut failed = false;
        let data = load_all(paths, limits, &mut failed);
        let t = Instant::now();
        parse_all(pool, &data);
        f.time += t.elapsed();
        f.files += data.len() as u64;
        f.bytes += data.iter().map(|b| b.len() as u64).sum::<u64>();
    }
    f
}
