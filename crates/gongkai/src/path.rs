//! Reading a report from a file: what the CLI and both bindings call.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::input::Format;
use crate::limits::Limits;
use crate::report::Report;

/// Reads and parses the report in a file. The file's extension is the format hint of
/// [`crate::parse_bytes_as`]; a file that cannot be read is an [`Error::Io`] naming it.
///
/// ```
/// let dir = std::env::temp_dir().join("gongkai-doc-parse-path");
/// std::fs::create_dir_all(&dir).unwrap();
/// let file = dir.join("report.txt");
/// std::fs::write(&file, "一、总体情况\n正文\n").unwrap();
/// let report = gongkai::parse_path(&file)?;
/// assert_eq!(report.sections[0].title, "总体情况");
///
/// let missing = gongkai::parse_path(dir.join("missing.txt")).unwrap_err();
/// assert_eq!(missing.io_error().map(|e| e.kind()), Some(std::io::ErrorKind::NotFound));
/// # Ok::<(), gongkai::Error>(())
/// ```
pub fn parse_path(path: impl AsRef<Path>) -> Result<Report> {
    parse_path_with(path, &Limits::default())
}

/// Like [`parse_path`], within the given [`Limits`]: a file over the size limit is an
/// [`Error::TooLarge`], refused from its size before it is read (and, for a file whose
/// size is not known ahead, a pipe say, as soon as the limit is passed).
pub fn parse_path_with(path: impl AsRef<Path>, limits: &Limits) -> Result<Report> {
    let path = path.as_ref();
    let bytes = read_path_with(path, limits)?;
    crate::parse_bytes_with(&bytes, Format::from_path(path), limits)
}

/// Reads a file's bytes within the size limit, as [`parse_path_with`] does before it
/// parses: for callers that time or hash the bytes apart from the parse (the CLI's
/// `bench`). A file over the limit is refused from its size, before it is read.
pub fn read_path_with(path: &Path, limits: &Limits) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        source: Arc::new(e),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_file() {
        limits.check(meta.len())?;
    }
    let mut bytes = Vec::with_capacity(if meta.is_file() {
        meta.len() as usize
    } else {
        0
    });
    file.take(limits.max_input_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    limits.check(bytes.len() as u64)?;
    Ok(bytes)
}

/// Reads a stream whose size is not known ahead (standard input) to its end within the
/// size limit: at most one byte past the limit is read before it is refused. `name` is
/// what an [`Error::Io`] calls the stream (`-`, say).
pub fn read_stream_with(input: impl Read, name: &str, limits: &Limits) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    input
        .take(limits.max_input_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Io {
            path: name.into(),
            source: Arc::new(e),
        })?;
    limits.check(bytes.len() as u64)?;
    Ok(bytes)
}
