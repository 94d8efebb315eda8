//! The compiled half of the `gongkai` Python package: parsing in Rust, results handed to
//! Python as contract JSON. The Python half (`python/gongkai`) wraps them in typed objects.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use pyo3::create_exception;
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

create_exception!(
    _gongkai,
    ParseError,
    PyValueError,
    "The input is not a report's text: empty, binary, or in an unknown encoding."
);

/// A parse that failed: why, and whether the file could not be opened at all.
enum Failure {
    Io(std::io::Error),
    Parse(gongkai::Error),
}

fn to_pyerr(path: Option<&str>, f: Failure) -> PyErr {
    let prefix = path.map(|p| format!("{p}: ")).unwrap_or_default();
    match f {
        Failure::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            PyFileNotFoundError::new_err(format!("{prefix}{e}"))
        }
        Failure::Io(e) => PyOSError::new_err(format!("{prefix}{e}")),
        Failure::Parse(e) => ParseError::new_err(format!("{prefix}{e}")),
    }
}

fn parse_path(path: &str) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(Failure::Io)?;
    gongkai::parse_bytes_as(&bytes, gongkai::Format::from_file_name(path))
        .map(|r| r.to_json())
        .map_err(Failure::Parse)
}

/// Parses the text of one report; returns the contract JSON.
#[pyfunction]
fn parse_text(py: Python<'_>, text: &str) -> String {
    py.detach(|| gongkai::parse(text).to_json())
}

/// Parses the bytes of one report (.docx, or text or HTML in UTF-8, UTF-16 with BOM or
/// GB18030); returns the contract JSON.
#[pyfunction]
fn parse_bytes(py: Python<'_>, data: &[u8]) -> PyResult<String> {
    py.detach(|| gongkai::parse_bytes(data).map(|r| r.to_json()))
        .map_err(|e| to_pyerr(None, Failure::Parse(e)))
}

/// Reads and parses one file; returns the contract JSON.
#[pyfunction]
fn parse_file(py: Python<'_>, path: &str) -> PyResult<String> {
    py.detach(|| parse_path(path))
        .map_err(|f| to_pyerr(Some(path), f))
}

/// Parses many files in parallel with the GIL released. Returns, in input order, either
/// the contract JSON or the exception to raise for that file.
#[pyfunction]
#[pyo3(signature = (paths, threads=None))]
fn parse_many(
    py: Python<'_>,
    paths: Vec<String>,
    threads: Option<usize>,
) -> PyResult<Vec<(Bound<'_, PyBytes>, Option<PyErr>)>> {
    let n = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, paths.len().max(1));
    /// One file's JSON, or why it failed.
    type Outcome = Result<Vec<u8>, Failure>;
    let results: Vec<Outcome> = py.detach(|| {
        let next = AtomicUsize::new(0);
        let slots: Vec<Mutex<Option<Outcome>>> = paths.iter().map(|_| Mutex::new(None)).collect();
        std::thread::scope(|s| {
            for _ in 0..n {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    let r = parse_path(path).map(String::into_bytes);
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
                });
            }
        });
        slots
            .into_iter()
            .map(|m| {
                m.into_inner()
                    .unwrap_or_else(|e| e.into_inner())
                    .unwrap_or_else(|| {
                        Err(Failure::Io(std::io::Error::other("the parse did not run")))
                    })
            })
            .collect()
    });
    Ok(results
        .into_iter()
        .zip(&paths)
        .map(|(r, path)| match r {
            // Bytes, not str: a copy, where a str of CJK text is a conversion. Python
            // decodes the JSON only when the report is used.
            Ok(json) => (PyBytes::new(py, &json), None),
            Err(f) => (PyBytes::new(py, b""), Some(to_pyerr(Some(path), f))),
        })
        .collect())
}

/// The diagnostic codes and what each means, as (code, severity, meaning) triples.
#[pyfunction]
fn diagnostic_codes() -> Vec<(&'static str, &'static str, &'static str)> {
    gongkai::Code::ALL
        .iter()
        .map(|c| {
            let sev = match c.severity() {
                gongkai::Severity::Error => "error",
                gongkai::Severity::Warning => "warning",
            };
            (c.as_str(), sev, c.describe())
        })
        .collect()
}

/// The compiled module.
#[pymodule]
fn _gongkai(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ParseError", m.py().get_type::<ParseError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", gongkai::SCHEMA_VERSION)?;
    m.add("APPLICANT_COLUMNS", gongkai::APPLICANT_COLUMNS.to_vec())?;
    m.add_function(wrap_pyfunction!(parse_text, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(parse_file, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(diagnostic_codes, m)?)?;
    Ok(())
}
