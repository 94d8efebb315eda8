//! The compiled half of the `gongkai` Python package: parsing in Rust, results handed to
//! Python as contract JSON. The Python half (`python/gongkai`) wraps them in typed objects.

mod table;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

// Named `gongkai.ParseError`, where users meet it (the package re-exports it).
create_exception!(
    gongkai,
    ParseError,
    PyValueError,
    "The input is not a report's text: empty, binary, or in an unknown encoding."
);

/// The Python exception for a failed parse: OS errors as `OSError(errno, strerror,
/// filename)`, which Python turns into the matching subclass (`FileNotFoundError`,
/// `IsADirectoryError`, ...) with `errno` and `filename` set; the rest as `ParseError`.
fn to_pyerr(e: gongkai::Error) -> PyErr {
    match &e {
        gongkai::Error::Io { path, source } => {
            let strerror = source.to_string();
            match source.raw_os_error() {
                Some(errno) => {
                    // As Python words it: without Rust's ` (os error N)`.
                    let suffix = format!(" (os error {errno})");
                    let strerror = strerror.strip_suffix(&suffix).unwrap_or(&strerror);
                    let filename = path.as_os_str().to_os_string();
                    PyOSError::new_err((errno, strerror.to_string(), filename))
                }
                None => PyOSError::new_err(format!("{}: {strerror}", path.display())),
            }
        }
        _ => ParseError::new_err(e.to_string()),
    }
}

/// The Python exception for a file that failed: as [`to_pyerr`], a parse error prefixed
/// with the file's path (an OS error names it already).
fn file_pyerr(path: &Path, e: gongkai::Error) -> PyErr {
    match e.io_error() {
        Some(_) => to_pyerr(e),
        None => ParseError::new_err(format!("{}: {e}", path.display())),
    }
}

/// A report given back as its contract JSON (what the Python `Report` holds).
fn report_from_json(json: &[u8]) -> PyResult<gongkai::Report> {
    serde_json::from_slice(json)
        .map_err(|e| PyValueError::new_err(format!("not a gongkai report: {e}")))
}

/// The limits of a parse: the default ones, with the size limit and the PDF budgets
/// given (`budgets`: `max_decoded_bytes`, `max_pages`, `max_glyphs`, `max_operators`,
/// `max_ocr_pixels`).
fn limits(
    max_bytes: Option<u64>,
    budgets: Option<HashMap<String, u64>>,
) -> PyResult<gongkai::Limits> {
    let mut limits = gongkai::Limits::default();
    match max_bytes {
        Some(0) => return Err(PyValueError::new_err("max_bytes must be at least 1")),
        Some(n) => limits = limits.max_input_bytes(n),
        None => {}
    }
    for (name, value) in budgets.unwrap_or_default() {
        if value == 0 {
            return Err(PyValueError::new_err(format!("{name} must be at least 1")));
        }
        limits = match name.as_str() {
            "max_decoded_bytes" => limits.max_decoded_bytes(value),
            "max_pages" => limits.max_pages(usize::try_from(value).unwrap_or(usize::MAX)),
            "max_glyphs" => limits.max_glyphs(value),
            "max_operators" => limits.max_operators(value),
            "max_ocr_pixels" => limits.max_ocr_pixels(value),
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "unexpected keyword argument {name:?} (the budgets are max_decoded_bytes, max_pages, max_glyphs, max_operators, max_ocr_pixels)"
                )))
            }
        };
    }
    Ok(limits)
}

/// Parses the text of one report; returns the contract JSON.
#[pyfunction]
fn parse_text(py: Python<'_>, text: &str) -> String {
    py.detach(|| gongkai::parse(text).to_json())
}

/// Parses the bytes of one report (.docx, .doc, .wps or PDF, or text or HTML in UTF-8,
/// UTF-16 with BOM or GB18030); returns the contract JSON.
#[pyfunction]
#[pyo3(signature = (data, max_bytes=None, budgets=None))]
fn parse_bytes(
    py: Python<'_>,
    data: &[u8],
    max_bytes: Option<u64>,
    budgets: Option<HashMap<String, u64>>,
) -> PyResult<String> {
    let limits = limits(max_bytes, budgets)?;
    py.detach(|| gongkai::parse_bytes_with(data, None, &limits).map(|r| r.to_json()))
        .map_err(to_pyerr)
}

/// Reads and parses one file (a path as the OS gives it); returns the contract JSON.
#[pyfunction]
#[pyo3(signature = (path, max_bytes=None, budgets=None))]
fn parse_file(
    py: Python<'_>,
    path: PathBuf,
    max_bytes: Option<u64>,
    budgets: Option<HashMap<String, u64>>,
) -> PyResult<String> {
    let limits = limits(max_bytes, budgets)?;
    py.detach(|| gongkai::parse_path_with(&path, &limits).map(|r| r.to_json()))
        .map_err(|e| file_pyerr(&path, e))
}

/// Parses many files in parallel with the GIL released. Returns, in input order, either
/// the contract JSON or the exception to raise for that file.
#[pyfunction]
#[pyo3(signature = (paths, threads=None, max_bytes=None, budgets=None))]
fn parse_many(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    threads: Option<usize>,
    max_bytes: Option<u64>,
    budgets: Option<HashMap<String, u64>>,
) -> PyResult<Vec<(Bound<'_, PyBytes>, Option<PyErr>)>> {
    let limits = limits(max_bytes, budgets)?;
    let n = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, paths.len().clamp(1, 256));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .map_err(|e| PyOSError::new_err(format!("cannot start {n} threads: {e}")))?;
    let results: Vec<gongkai::Result<Vec<u8>>> = py.detach(|| {
        pool.install(|| {
            paths
                .par_iter()
                .map(|p| gongkai::parse_path_with(p, &limits).map(|r| r.to_json().into_bytes()))
                .collect()
        })
    });
    Ok(results
        .into_iter()
        .zip(&paths)
        .map(|(r, path)| match r {
            // Bytes, not str: a copy, where a str of CJK text is a conversion. Python
            // decodes the JSON only when the report is used.
            Ok(json) => (PyBytes::new(py, &json), None),
            Err(e) => (PyBytes::new(py, b""), Some(file_pyerr(path, e))),
        })
        .collect())
}

/// One tidy row: table, row, column, value (`None` when blank), unit (`None` when the
/// template fixes none), flag (the diagnostic codes on the value, `;`-separated).
type TidyRow = (
    &'static str,
    String,
    String,
    Py<PyAny>,
    Option<&'static str>,
    String,
);

/// The long form of a report given as its JSON: (table, row, column, value) tuples, from
/// the core's own tidy rows.
#[pyfunction]
fn tidy(py: Python<'_>, json: &[u8]) -> PyResult<Vec<TidyRow>> {
    report_from_json(json)?
        .tidy()
        .into_iter()
        .map(|c| {
            let value = match &c.value {
                None => py.None(),
                Some(n) => match (n.as_u64(), n.as_i64()) {
                    (Some(u), _) => u.into_pyobject(py)?.into_any().unbind(),
                    (None, Some(i)) => i.into_pyobject(py)?.into_any().unbind(),
                    _ => n
                        .as_f64()
                        .unwrap_or(f64::NAN)
                        .into_pyobject(py)?
                        .into_any()
                        .unbind(),
                },
            };
            let flag: Vec<&str> = c.flags.iter().map(|f| f.as_str()).collect();
            Ok((c.table, c.row, c.column, value, c.unit, flag.join(";")))
        })
        .collect()
}

/// The labels the template prints for a value's row and column (`None` where it prints
/// none), by contract keys and template (`"2019"` or `"2021"`).
#[pyfunction]
fn template_labels(
    table: &str,
    template: &str,
    row: &str,
    column: &str,
) -> PyResult<(Option<&'static str>, Option<&'static str>)> {
    let template: gongkai::Template = template
        .parse()
        .map_err(|e: gongkai::UnknownTemplate| PyValueError::new_err(e.to_string()))?;
    Ok((
        gongkai::row_label(table, template, row),
        gongkai::column_label(table, template, row, column),
    ))
}

/// Why a folder walk leaves a file of this name out, or None when its extension names a
/// kind of input gongkai reads: the core's one wording, as the CLI prints it.
#[pyfunction]
fn not_read_reason(name: PathBuf) -> Option<&'static str> {
    let name = name.file_name()?.to_string_lossy().into_owned();
    gongkai::Format::not_read_reason(&name)
}

/// The diagnostic codes and what each means, as (code, severity, meaning) triples.
#[pyfunction]
fn diagnostic_codes() -> Vec<(&'static str, &'static str, &'static str)> {
    gongkai::Code::ALL
        .iter()
        .map(|c| (c.as_str(), c.severity().as_str(), c.describe()))
        .collect()
}

/// The compiled module.
#[pymodule]
fn _gongkai(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ParseError", m.py().get_type::<ParseError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", gongkai::SCHEMA_VERSION)?;
    m.add("APPLICANT_COLUMNS", gongkai::APPLICANT_COLUMNS.to_vec())?;
    let tables: Vec<&str> = gongkai::TABLES.iter().map(|&(key, _, _)| key).collect();
    m.add("TABLES", tables)?;
    m.add_function(wrap_pyfunction!(parse_text, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(parse_file, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(diagnostic_codes, m)?)?;
    m.add_function(wrap_pyfunction!(not_read_reason, m)?)?;
    m.add_function(wrap_pyfunction!(template_labels, m)?)?;
    m.add_function(wrap_pyfunction!(tidy, m)?)?;
    m.add_class::<table::Table>()?;
    m.add_function(wrap_pyfunction!(table::collection_table, m)?)?;
    m.add_function(wrap_pyfunction!(table::audit_table, m)?)?;
    m.add_function(wrap_pyfunction!(table::rates_table, m)?)?;
    m.add_function(wrap_pyfunction!(table::report_rates, m)?)?;
    m.add(
        "RATE_FORMULAS",
        gongkai::RATES
            .iter()
            .map(|r| (r.key, r.formula))
            .collect::<Vec<_>>(),
    )?;
    Ok(())
}
