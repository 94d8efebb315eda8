//! Many files: folders walked into report files, and files parsed on all cores in
//! chunks, so that output keeps input order and memory holds one chunk, not the batch.

use std::io::Read;
use std::path::Path;

use gongkai::Report;
use rayon::prelude::*;

/// Files parsed at a time per worker thread: enough to keep the threads busy, few enough
/// that memory stays that of a handful of reports.
pub const CHUNK_PER_THREAD: usize = 16;

/// The report files the command line names: files as given, `-` for standard input,
/// and every report file (`.txt`, `.htm`, `.html`, `.docx`, ...) under a folder, in name
/// order. A folder that cannot be read is reported as an error string.
pub fn expand(args: &[String]) -> (Vec<String>, Vec<String>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for a in args {
        let p = Path::new(a);
        if a != "-" && p.is_dir() {
            walk(p, &mut files, &mut errors);
        } else {
            files.push(a.clone());
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<String>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}: cannot read folder: {e}", dir.display()));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        // `file_type` does not follow symbolic links, so a link loop is never walked.
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&path, files, errors),
            Ok(_) => {
                let name = path.to_string_lossy();
                if gongkai::Format::from_file_name(&name).is_some() {
                    files.push(name.into_owned());
                }
            }
            Err(_) => {}
        }
    }
}

/// Reads one file's bytes (for `bench`, which times the parse alone); the error is a
/// message naming the file.
pub fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))
}

/// Reads and parses one file (`-`: standard input); the error is a message naming the
/// file.
pub fn load(path: &str) -> Result<Report, String> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("-: cannot read standard input: {e}"))?;
        return gongkai::parse_bytes(&bytes).map_err(|e| format!("-: {e}"));
    }
    gongkai::parse_path(path).map_err(|e| match e.io_error() {
        Some(io) => format!("{path}: cannot read: {io}"),
        None => format!("{path}: {e}"),
    })
}

/// Runs `work` over the files on the pool, a chunk at a time, and hands each result to
/// `sink` in input order.
pub fn for_each_in_order<T: Send>(
    pool: &rayon::ThreadPool,
    files: &[String],
    work: impl Fn(&str) -> T + Sync,
    mut sink: impl FnMut(&str, T) -> std::io::Result<()>,
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
