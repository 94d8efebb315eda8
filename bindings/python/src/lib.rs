//! The compiled half of the `gongkai` Python package: parsing in Rust, each report kept
//! in Rust as a [`RawReport`]. The Python half (`python/gongkai`) wraps it in typed
//! objects; tidy rows, rates and tables are computed from the Rust report, and JSON or
//! Python dicts are made only when asked for.

mod table;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyList, PyString};

/// The allocator: mimalloc, for the many small short-lived allocations of parsing (see
/// the workspace's Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// One parsed report, held in Rust: what the Python `Report` wraps. Tidy rows, rates
/// and tables borrow it where it is; JSON and dicts are made from it only on request.
#[pyclass(frozen, module = "gongkai._gongkai")]
pub struct RawReport {
    pub(crate) report: gongkai::Report,
    /// The path the report was read from, exactly as the OS gave it (not always UTF-8).
    source: Option<PathBuf>,
}

impl RawReport {
    /// The source as frames and tables show it: valid Unicode, since an Arrow or Parquet
    /// string (and a CSV writer) takes nothing else, so the bytes of a name that is not
    /// UTF-8 show as U+FFFD, as the CLI prints them; `""` without a source.
    pub(crate) fn shown_source(&self) -> Cow<'_, str> {
        self.source
            .as_deref()
            .map_or(Cow::Borrowed(""), Path::to_string_lossy)
    }
}

#[pymethods]
impl RawReport {
    /// A report from its contract JSON (`str` or UTF-8 `bytes`), read once here.
    #[staticmethod]
    #[pyo3(signature = (json, source=None))]
    fn from_json(json: &Bound<'_, PyAny>, source: Option<PathBuf>) -> PyResult<Self> {
        let parsed = match json.cast::<PyString>() {
            Ok(text) => serde_json::from_str(&text.to_cow()?),
            Err(_) => serde_json::from_slice(json.cast::<PyBytes>()?.as_bytes()),
        };
        let report =
            parsed.map_err(|e| PyValueError::new_err(format!("not a gongkai report: {e}")))?;
        Ok(RawReport { report, source })
    }

    /// The path the report was read from as the OS gave it (a name that is not UTF-8
    /// keeps its bytes as lone surrogates, as `os.fsdecode` gives them), or None.
    #[getter]
    fn source(&self) -> Option<&OsStr> {
        self.source.as_deref().map(Path::as_os_str)
    }

    /// The report as compact contract JSON.
    fn to_json(&self) -> String {
        self.report.to_json()
    }

    /// The report as plain Python data in the contract's shape and key order, built
    /// directly (no JSON text in between).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.report.to_value())
    }

    /// Every value of parts 2–4 as a dict: source (as shown), agency, year, table, row,
    /// column, value (`None` when blank), template, unit (`None` where the template
    /// fixes none) and flag (the diagnostic codes on the value, `;`-separated).
    fn tidy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let meta = &self.report.meta;
        // One Python object each for what every row repeats.
        let source = PyString::new(py, &self.shown_source());
        let agency = meta.agency.as_deref().into_pyobject(py)?;
        let year = meta.year.into_pyobject(py)?;
        let template = PyString::new(py, self.report.template.as_str());
        let rows = PyList::empty(py);
        for c in self.report.tidy() {
            let value = match &c.value {
                Some(n) => number(py, n)?,
                None => py.None().into_bound(py),
            };
            let flag: Vec<&str> = c.flags.iter().map(|f| f.as_str()).collect();
            let row = PyDict::new(py);
            row.set_item(intern!(py, "source"), &source)?;
            row.set_item(intern!(py, "agency"), &agency)?;
            row.set_item(intern!(py, "year"), &year)?;
            row.set_item(intern!(py, "table"), c.table)?;
            row.set_item(intern!(py, "row"), c.row)?;
            row.set_item(intern!(py, "column"), c.column)?;
            row.set_item(intern!(py, "value"), value)?;
            row.set_item(intern!(py, "template"), &template)?;
            row.set_item(intern!(py, "unit"), c.unit)?;
            row.set_item(intern!(py, "flag"), flag.join(";"))?;
            rows.append(row)?;
        }
        Ok(rows)
    }

    /// The report's rates as `{key: value}`, in the order of `RATE_FORMULAS` (`None`
    /// where a count is blank or the denominator is 0).
    fn rates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (rate, value) in gongkai::RATES.iter().zip(self.report.rates().values()) {
            out.set_item(rate.key, value)?;
        }
        Ok(out)
    }
}

/// A JSON number as Python gives it from `json.loads`: `int` when whole, else `float`.
fn number<'py>(py: Python<'py>, n: &serde_json::Number) -> PyResult<Bound<'py, PyAny>> {
    Ok(match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => u.into_pyobject(py)?.into_any(),
        (None, Some(i)) => i.into_pyobject(py)?.into_any(),
        _ => PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any(),
    })
}

/// A JSON value as the Python data `json.loads` would give for its text: dicts keep the
/// contract's key order (serde_json's `preserve_order`).
fn to_python<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => number(py, n)?,
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, to_python(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Parses the text of one report.
#[pyfunction]
fn parse_text(py: Python<'_>, text: &str) -> RawReport {
    let report = py.detach(|| gongkai::parse(text));
    RawReport {
        report,
        source: None,
    }
}

/// Parses the bytes of one report (.docx, .doc, .wps or PDF, or text or HTML in UTF-8,
/// UTF-16 with BOM or GB18030).
#[pyfunction]
#[pyo3(signature = (data, max_bytes=None, budgets=None))]
fn parse_bytes(
    py: Python<'_>,
    data: &[u8],
    max_bytes: Option<u64>,
    budgets: Option<HashMap<String, u64>>,
) -> PyResult<RawReport> {
    let limits = limits(max_bytes, budgets)?;
    let report = py
        .detach(|| gongkai::parse_bytes_with(data, None, &limits))
        .map_err(to_pyerr)?;
    Ok(RawReport {
        report,
        source: None,
    })
}

/// Reads and parses one file (a path as the OS gives it, kept as the report's source).
#[pyfunction]
#[pyo3(signature = (path, max_bytes=None, budgets=None))]
fn parse_file(
    py: Python<'_>,
    path: PathBuf,
    max_bytes: Option<u64>,
    budgets: Option<HashMap<String, u64>>,
) -> PyResult<RawReport> {
    let limits = limits(max_bytes, budgets)?;
    match py.detach(|| gongkai::parse_path_with(&path, &limits)) {
        Ok(report) => Ok(RawReport {
            report,
            source: Some(path),
        }),
        Err(e) => Err(file_pyerr(&path, e)),
    }
}

/// Parses many files in parallel with the GIL released. Returns, in input order, a
/// (report, None) or (None, exception to raise) pair per file.
#[pyfunction]
#[pyo3(signature = (paths, threads=None, max_bytes=None, budgets=None))]
fn parse_many(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    threads: Option<usize>,
    max_bytes: Option<u64>,
    budgets: Option<HashMap<String, u64>>,
) -> PyResult<Vec<(Option<RawReport>, Option<PyErr>)>> {
    let limits = limits(max_bytes, budgets)?;
    let n = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, paths.len().clamp(1, 256));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .map_err(|e| PyOSError::new_err(format!("cannot start {n} threads: {e}")))?;
    let results: Vec<gongkai::Result<gongkai::Report>> = py.detach(|| {
        pool.install(|| {
            paths
                .par_iter()
                .map(|p| gongkai::parse_path_with(p, &limits))
                .collect()
        })
    });
    Ok(results
        .into_iter()
        .zip(paths)
        .map(|(r, path)| match r {
            Ok(report) => (
                Some(RawReport {
                    report,
                    source: Some(path),
                }),
                None,
            ),
            Err(e) => (None, Some(file_pyerr(&path, e))),
        })
        .collect())
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
    m.add_class::<RawReport>()?;
    m.add_class::<table::Table>()?;
    m.add_function(wrap_pyfunction!(table::collection_table, m)?)?;
    m.add_function(wrap_pyfunction!(table::audit_table, m)?)?;
    m.add_function(wrap_pyfunction!(table::rates_table, m)?)?;
    m.add(
        "RATE_FORMULAS",
        gongkai::RATES
            .iter()
            .map(|r| (r.key, r.formula))
            .collect::<Vec<_>>(),
    )?;
    Ok(())
}
