//! Many files: folders walked into report files, and files parsed on all cores in
//! chunks, so that output keeps input order and memory holds one chunk, not the batch.
//!
//! Paths are kept as the operating system gives them (`PathBuf`), so a file name that is
//! not UTF-8 (a GBK name from a Windows archive) is read like any other; messages show
//! it lossily.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use gongkai::{Limits, Report};
use rayon::prelude::*;

/// Files parsed at a time per worker thread: enough to keep the threads busy, few enough
/// that memory stays that of a handful of reports.
pub const CHUNK_PER_THREAD: usize = 16;

/// The most worker threads a run starts, whatever `--jobs` asks for.
pub const MAX_JOBS: u32 = 256;

/// The files a command line names, and what a folder walk left out.
#[derive(Default)]
pub struct Expansion {
    /// The files to read, in order: files as given, `-` for standard input, and every
    /// regular file of a kind gongkai reads under each folder, in name order.
    pub files: Vec<PathBuf>,
    /// Files under a folder that were not read, each a message naming it and why.
    pub skipped: Vec<String>,
    /// Folders that could not be read, each a message.
    pub errors: Vec<String>,
}

/// True for the argument `-`: standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == OsStr::new("-")
}

/// Expands the command line's paths: a folder becomes the report files under it.
pub fn expand(args: &[PathBuf]) -> Expansion {
    let mut out = Expansion::default();
    for a in args {
        if !is_stdin(a) && a.is_dir() {
            walk(a, &mut out);
        } else {
            out.files.push(a.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Expansion) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.errors
                .push(format!("{}: cannot read folder: {e}", dir.display()));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        // `file_type` does not follow symbolic links, so a link loop is never walked.
        let Ok(kind) = e.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out);
            continue;
        }
        let Some(format) = gongkai::Format::from_path(&path) else {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let reason = gongkai::Format::not_read_reason(&name).unwrap_or_default();
            out.skipped
                .push(format!("{}: skipped: {reason}", path.display()));
            continue;
        };
        // What the entry is once links are followed: only a regular file is read (a
        // FIFO would block the batch, a device read for ever).
        match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => out.files.push(path),
            Ok(m) => {
                let what = special_kind(&m);
                out.skipped.push(format!(
                    "{}: skipped: named like a {format:?} file but is {what}, not a regular file",
                    path.display()
                ));
            }
            Err(err) => out
                .skipped
                .push(format!("{}: skipped: cannot follow: {err}", path.display())),
        }
    }
}

/// An error naming `path` unless it is a regular file once links are followed: a FIFO
/// named on the command line would block until something writes to it, and a device
/// may never end. (Standard input, `-`, is read as it comes.)
fn regular(path: &Path) -> Result<(), String> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => Err(format!(
            "{}: {} is not read, as it could block; pipe it to standard input instead (gongkai parse - < FILE)",
            path.display(),
            special_kind(&m)
        )),
        _ => Ok(()),
    }
}

/// What a file that is not a regular file is.
fn special_kind(m: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if m.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Reads one file's bytes within the size limit (for `bench`, which times the parse
/// alone); the error is a message naming the file.
pub fn read(path: &Path, limits: &Limits) -> Result<Vec<u8>, String> {
    regular(path)?;
    gongkai::read_path_with(path, limits).map_err(|e| message(path, &e))
}

/// An error of one file as printed: its name, and `cannot read:` before the operating
/// system's error.
fn message(path: &Path, e: &gongkai::Error) -> String {
    let name = path.display();
    match e.io_error() {
        Some(io) => format!("{name}: cannot read: {io}"),
        None => format!("{name}: {e}"),
    }
}

/// Reads and parses one file (`-`: standard input); the error is a message naming the
/// file.
pub fn load(path: &Path, limits: &Limits) -> Result<Report, String> {
    if is_stdin(path) {
        let stdin = std::io::stdin().lock();
        let bytes =
            gongkai::read_stream_with(stdin, "-", limits).map_err(|e| match e.io_error() {
                Some(io) => format!("-: standard input: cannot read: {io}"),
                None => format!("-: standard input: {e}"),
            })?;
        return gongkai::parse_bytes_with(&bytes, None, limits).map_err(|e| format!("-: {e}"));
    }
    regular(path)?;
    gongkai::parse_path_with(path, limits).map_err(|e| message(path, &e))
}

/// Runs `work` over the files on the pool, a chunk at a time, and hands each result to
/// `sink` in input order.
pub fn for_each_in_order<T: Send>(
    pool: &rayon::ThreadPool,
    files: &[PathBuf],
    work: impl Fn(&Path) -> T + Sync,
    mut sink: impl FnMut(&Path, T) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let chunk = (pool.current_num_threads() * CHUNK_PER_THREAD).max(1);
    for paths in files.chunks(chunk) {
        let results: Vec<T> = pool.install(|| paths.par_iter().map(|p| work(p)).collect());
        for (p, r) in paths.iter().zip(results) {
            sink(p, r)?;
        }
    }
    Ok(())
}

/// The worker threads for a run of `files` files: `requested` (0: one per core), never
/// more than there are files, nor more than [`MAX_JOBS`].
pub fn threads(requested: usize, files: usize) -> usize {
    let want = if requested == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        requested
    };
    want.min(files.max(1)).min(MAX_JOBS as usize)
}

/// Parses a size: bytes, or a number with `K`, `M` or `G` (binary: 1K = 1024 bytes),
/// optionally followed by `B` or `iB` (`128M`, `1.5GiB`, `500KB`).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let digits = lower.trim_end_matches("ib").trim_end_matches('b');
    let (num, shift) = match digits.chars().last() {
        Some('k') => (&digits[..digits.len() - 1], 10),
        Some('m') => (&digits[..digits.len() - 1], 20),
        Some('g') => (&digits[..digits.len() - 1], 30),
        _ => (digits, 0),
    };
    let n: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a size (say 128M, 1G or a number of bytes)"))?;
    if !(n.is_finite() && n >= 1.0) {
        return Err(format!("{s:?}: the size must be at least 1 byte"));
    }
    Ok((n * (1u64 << shift) as f64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("128M"), Ok(128 << 20));
        assert_eq!(parse_size("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse_size("500kb"), Ok(500 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn threads_are_bounded_by_files_and_the_maximum() {
        assert_eq!(threads(100_000, 1), 1);
        assert_eq!(threads(100_000, 10_000), MAX_JOBS as usize);
        assert_eq!(threads(3, 10), 3);
        assert!(threads(0, 10) >= 1);
    }
}
