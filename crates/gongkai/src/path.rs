//! Reading a report from a file: what the CLI and both bindings call.

use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::input::Format;
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
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: Arc::new(e),
    })?;
    crate::parse_bytes_as(&bytes, Format::from_path(path))
}
