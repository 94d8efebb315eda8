//! The C ABI of gongkai. Every function returns a [`gk_status`] (or nothing, for the
//! free functions); results come back through out-parameters; a thread-local message
//! explains the last failure ([`gk_last_error`]). Null pointers and invalid arguments
//! are errors, never crashes, and panics are caught at the boundary.
//!
//! Ownership: a `gk_report` is owned by the caller from [`gk_parse`] until
//! [`gk_report_free`]. Every string and diagnostic handed out by a `gk_report_*` getter
//! is borrowed from the report and valid until the report is freed.

#![allow(non_camel_case_types)]

use std::cell::RefCell;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The allocator: mimalloc, for the many small short-lived allocations of parsing (see
/// the workspace's Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The outcome of a call.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum gk_status {
    /// Success; the out-parameters are written.
    Ok = 0,
    /// The value asked for is blank in the report (`null`): nothing was written.
    Null = 1,
    /// No such table, row, column, meta key or diagnostic index.
    NotFound = 2,
    /// A required pointer argument was NULL.
    NullPointer = 3,
    /// An argument is invalid (e.g. a key that is not UTF-8).
    InvalidArgument = 4,
    /// The input is not a report's text (empty, binary, unknown encoding).
    ParseError = 5,
    /// An internal error (a caught panic); please report it.
    Panic = 6,
}

/// How serious a diagnostic is.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum gk_severity {
    /// A value could not be read, or a consistency check failed.
    Error = 0,
    /// A value was read with doubt: check it against the source.
    Warning = 1,
    /// A fact that needs no action: a blank cell, a check over blank cells, a part not
    /// found, the input's encoding.
    Note = 2,
}

/// One diagnostic. The strings are borrowed from the report.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct gk_diagnostic {
    /// Error, warning or note.
    pub severity: gk_severity,
    /// Stable snake_case code, e.g. "blank_cell".
    pub code: *const c_char,
    /// What happened, for people.
    pub message: *const c_char,
    /// 1-based line of the input, or 0 when unknown.
    pub line: usize,
    /// Dotted path of the value concerned, or NULL.
    pub field: *const c_char,
    /// The consistency check's id, or NULL.
    pub check: *const c_char,
}

struct DiagnosticStrings {
    severity: gk_severity,
    code: CString,
    message: CString,
    line: usize,
    field: Option<CString>,
    check: Option<CString>,
}

/// A parsed report (opaque).
pub struct gk_report {
    value: serde_json::Value,
    json: CString,
    meta: Vec<(String, Option<CString>)>,
    diagnostics: Vec<DiagnosticStrings>,
}

thread_local! {
    static LAST_ERROR: RefCell<Option<CString>> = const { RefCell::new(None) };
}

fn cstring(s: &str) -> CString {
    CString::new(s.replace('\0', " ")).unwrap_or_default()
}

fn set_error(msg: &str) {
    LAST_ERROR.with(|e| *e.borrow_mut() = Some(cstring(msg)));
}

/// Runs `f`, turning a panic into [`gk_status::Panic`] with a message.
fn guard(f: impl FnOnce() -> Result<gk_status, (gk_status, String)>) -> gk_status {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(status)) => status,
        Ok(Err((status, msg))) => {
            set_error(&msg);
            status
        }
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            set_error(&format!("internal error (panic): {msg}"));
            gk_status::Panic
        }
    }
}

fn key<'a>(p: *const c_char, what: &str) -> Result<&'a str, (gk_status, String)> {
    if p.is_null() {
        return Err((gk_status::NullPointer, format!("{what} is NULL")));
    }
    // SAFETY: the caller passes a NUL-terminated string (documented).
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| (gk_status::InvalidArgument, format!("{what} is not UTF-8")))
}

fn report_ref<'a>(r: *const gk_report) -> Result<&'a gk_report, (gk_status, String)> {
    // SAFETY: a non-null report pointer comes from gk_parse and is not yet freed (documented).
    unsafe { r.as_ref() }.ok_or((gk_status::NullPointer, "report is NULL".into()))
}

fn build(report: gongkai::Report) -> gk_report {
    let value = report.to_value();
    let json = cstring(&report.to_json());
    // Every meta field of the output, as text (the year printed as digits), and the template.
    let mut meta: Vec<(String, Option<CString>)> = value["meta"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => Some(cstring(s)),
                serde_json::Value::Null => None,
                other => Some(cstring(&other.to_string())),
            };
            (k.clone(), text)
        })
        .collect();
    meta.push(("template".into(), Some(cstring(report.template.as_str()))));
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| DiagnosticStrings {
            severity: match d.severity {
                gongkai::Severity::Error => gk_severity::Error,
                gongkai::Severity::Warning => gk_severity::Warning,
                gongkai::Severity::Note => gk_severity::Note,
            },
            code: cstring(d.code.as_str()),
            message: cstring(&d.message),
            line: d.line.unwrap_or(0),
            field: d.field.as_deref().map(cstring),
            check: d.check.as_deref().map(cstring),
        })
        .collect();
    gk_report {
        value,
        json,
        meta,
        diagnostics,
    }
}

/// Parses a report from `len` bytes at `data` (a .docx, .doc, .wps or PDF file, or text
/// or HTML in UTF-8 with or without BOM, UTF-16 or GB18030/GBK) and writes a new report
/// to `*out`.
/// Input over the default size limit (128 MiB) is refused; see `gk_parse_with_limit`.
///
/// Ownership: the caller owns `*out` and must release it with `gk_report_free`. On
/// failure `*out` is set to NULL. `data` is only read during the call.
/// Returns GK_STATUS_OK, GK_STATUS_NULL_POINTER, or GK_STATUS_PARSE_ERROR (see
/// `gk_last_error`).
///
/// # Safety
/// Every pointer argument is NULL or valid for what this comment says it is.
#[no_mangle]
pub unsafe extern "C" fn gk_parse(
    data: *const u8,
    len: usize,
    out: *mut *mut gk_report,
) -> gk_status {
    // SAFETY: the same contract as this function's.
    unsafe { gk_parse_with_limit(data, len, 0, out) }
}

/// Like `gk_parse`, with a size limit: input over `max_bytes` bytes (for a .docx, its
/// unpacked document) is refused with GK_STATUS_PARSE_ERROR. 0 means the default limit
/// (128 MiB). A parse needs up to about ten times its input in memory.
///
/// # Safety
/// Every pointer argument is NULL or valid for what `gk_parse` says it is.
#[no_mangle]
pub unsafe extern "C" fn gk_parse_with_limit(
    data: *const u8,
    len: usize,
    max_bytes: u64,
    out: *mut *mut gk_report,
) -> gk_status {
    let limits = gk_limits {
        max_input_bytes: max_bytes,
        ..gk_limits::default()
    };
    // SAFETY: the same contract as this function's; `limits` lives through the call.
    unsafe { gk_parse_with_limits(data, len, &limits, out) }
}

/// What one parse may read and do. A field left 0 takes its default; the PDF budgets
/// bound what a document costs whatever its size, and past one reading stops there with
/// a `too_large` error diagnostic.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy)]
pub struct gk_limits {
    /// The largest input read, in bytes (default 128 MiB).
    pub max_input_bytes: u64,
    /// PDF: the most bytes decoded from streams (default 32 MiB plus six times the input).
    pub max_decoded_bytes: u64,
    /// PDF: the most pages read (default 2,000).
    pub max_pages: u64,
    /// PDF: the most glyphs shown, counted as the bytes of the strings showing them
    /// (default 2 million).
    pub max_glyphs: u64,
    /// PDF: the most content-stream operators interpreted (default 4 million).
    pub max_operators: u64,
}

impl gk_limits {
    /// The core's limits: the defaults, with every field that is not 0.
    fn to_core(self) -> gongkai::Limits {
        let mut l = gongkai::Limits::default();
        if self.max_input_bytes > 0 {
            l = l.max_input_bytes(self.max_input_bytes);
        }
        if self.max_decoded_bytes > 0 {
            l = l.max_decoded_bytes(self.max_decoded_bytes);
        }
        if self.max_pages > 0 {
            l = l.max_pages(usize::try_from(self.max_pages).unwrap_or(usize::MAX));
        }
        if self.max_glyphs > 0 {
            l = l.max_glyphs(self.max_glyphs);
        }
        if self.max_operators > 0 {
            l = l.max_operators(self.max_operators);
        }
        l
    }
}

/// Like `gk_parse`, within `limits` (NULL: the defaults).
///
/// # Safety
/// Every pointer argument is NULL or valid for what `gk_parse` says it is; `limits` is
/// NULL or points to a `gk_limits`.
#[no_mangle]
pub unsafe extern "C" fn gk_parse_with_limits(
    data: *const u8,
    len: usize,
    limits: *const gk_limits,
    out: *mut *mut gk_report,
) -> gk_status {
    guard(|| {
        if out.is_null() {
            return Err((gk_status::NullPointer, "out is NULL".into()));
        }
        // SAFETY: out is non-null and points to writable storage (documented).
        unsafe { *out = std::ptr::null_mut() };
        if data.is_null() {
            return Err((gk_status::NullPointer, "data is NULL".into()));
        }
        // SAFETY: the caller passes `len` readable bytes at `data` (documented).
        let bytes = unsafe { std::slice::from_raw_parts(data, len) };
        // SAFETY: limits is NULL or points to a gk_limits (documented).
        let limits = unsafe { limits.as_ref() }
            .copied()
            .unwrap_or_default()
            .to_core();
        let report = gongkai::parse_bytes_with(bytes, None, &limits)
            .map_err(|e| (gk_status::ParseError, e.to_string()))?;
        // SAFETY: as above.
        unsafe { *out = Box::into_raw(Box::new(build(report))) };
        Ok(gk_status::Ok)
    })
}

/// Frees a report and sets `*report` to NULL, so a second call is a no-op: a report
/// cannot be freed twice through this function. `report` or `*report` may be NULL.
///
/// # Safety
/// Every pointer argument is NULL or valid for what this comment says it is.
#[no_mangle]
pub unsafe extern "C" fn gk_report_free(report: *mut *mut gk_report) {
    let _ = guard(|| {
        if report.is_null() {
            return Ok(gk_status::Ok);
        }
        // SAFETY: report points to a pointer from gk_parse, or NULL (documented).
        let p = unsafe { std::mem::replace(&mut *report, std::ptr::null_mut()) };
        if !p.is_null() {
            // SAFETY: p came from Box::into_raw in gk_parse and was not freed (it is
            // nulled here on free).
            drop(unsafe { Box::from_raw(p) });
        }
        Ok(gk_status::Ok)
    });
}

/// Writes the whole report as the contract's JSON (NUL-terminated UTF-8) to `*json` and
/// its length in bytes to `*len` (`len` may be NULL).
///
/// Ownership: the string is borrowed from the report and valid until `gk_report_free`.
///
/// # Safety
/// Every pointer argument is NULL or valid for what this comment says it is.
#[no_mangle]
pub unsafe extern "C" fn gk_report_json(
    report: *const gk_report,
    json: *mut *const c_char,
    len: *mut usize,
) -> gk_status {
    guard(|| {
        let r = report_ref(report)?;
        if json.is_null() {
            return Err((gk_status::NullPointer, "json is NULL".into()));
        }
        // SAFETY: json is non-null and writable; len is writable when non-null.
        unsafe {
            *json = r.json.as_ptr();
            if !len.is_null() {
                *len = r.json.as_bytes().len();
            }
        }
        Ok(gk_status::Ok)
    })
}

/// Reads one cell of parts 2–4, addressed by the contract's keys, e.g. ("applications",
/// "new_received", "total") or ("active_disclosure", "fees", "amount"), into `*value`.
///
/// Returns GK_STATUS_OK with `*value` written; GK_STATUS_NULL when the cell is blank
/// (`*value` untouched), so null is never confused with zero; GK_STATUS_NOT_FOUND for
/// keys the report does not have. Counts are exact in a double up to 2^53.
///
/// # Safety
/// Every pointer argument is NULL or valid for what this comment says it is.
#[no_mangle]
pub unsafe extern "C" fn gk_report_cell(
    report: *const gk_report,
    table: *const c_char,
    row: *const c_char,
    column: *const c_char,
    value: *mut f64,
) -> gk_status {
    guard(|| {
        let r = report_ref(report)?;
        let (t, rw, c) = (
            key(table, "table")?,
            key(row, "row")?,
            key(column, "column")?,
        );
        if value.is_null() {
            return Err((gk_status::NullPointer, "value is NULL".into()));
        }
        if !gongkai::TABLES.iter().any(|(key, _, _)| *key == t) {
            return Err((gk_status::NotFound, format!("no table {t:?}")));
        }
        let cell = r
            .value
            .get(t)
            .and_then(|v| v.get(rw))
            .and_then(|v| v.get(c))
            .ok_or((gk_status::NotFound, format!("no cell {t}.{rw}.{c}")))?;
        match cell.as_f64() {
            Some(v) => {
                // SAFETY: value is non-null and writable.
                unsafe { *value = v };
                Ok(gk_status::Ok)
            }
            None => Ok(gk_status::Null),
        }
    })
}

/// Reads a metadata string by key: "title", "agency", "year", "period_start",
/// "period_end", "published", "phone", "address" or "template".
///
/// Returns GK_STATUS_OK with `*out` pointing to a NUL-terminated UTF-8 string borrowed
/// from the report (valid until `gk_report_free`); GK_STATUS_NULL when the report does
/// not give it; GK_STATUS_NOT_FOUND for an unknown key.
///
/// # Safety
/// Every pointer argument is NULL or valid for what this comment says it is.
#[no_mangle]
pub unsafe extern "C" fn gk_report_meta(
    report: *const gk_report,
    name: *const c_char,
    out: *mut *const c_char,
) -> gk_status {
    guard(|| {
        let r = report_ref(report)?;
        let k = key(name, "name")?;
        if out.is_null() {
            return Err((gk_status::NullPointer, "out is NULL".into()));
        }
        let (_, v) = r
            .meta
            .iter()
            .find(|(n, _)| n == k)
            .ok_or((gk_status::NotFound, format!("no meta key {k:?}")))?;
        match v {
            Some(s) => {
                // SAFETY: out is non-null and writable.
                unsafe { *out = s.as_ptr() };
                Ok(gk_status::Ok)
            }
            None => Ok(gk_status::Null),
        }
    })
}

/// Writes the number of diagnostics to `*count`.
///
/// # Safety
/// Every pointer argument is NULL or valid for what this comment says it is.
#[no_mangle]
pub unsafe extern "C" fn gk_report_diagnostic_count(
    report: *const gk_report,
    count: *mut usize,
) -> gk_status {
    guard(|| {
        let r = report_ref(report)?;
        if count.is_null() {
            return Err((gk_status::NullPointer, "count is NULL".into()));
        }
        // SAFETY: count is non-null and writable.
        unsafe { *count = r.diagnostics.len() };
        Ok(gk_status::Ok)
    })
}

/// Writes diagnostic number `index` (from 0) to `*out`. Its strings are borrowed from
/// the report and valid until `gk_report_free`. GK_STATUS_NOT_FOUND past the end.
///
/// # Safety
/// Every pointer argument is NULL or valid for what this comment says it is.
#[no_mangle]
pub unsafe extern "C" fn gk_report_diagnostic(
    report: *const gk_report,
    index: usize,
    out: *mut gk_diagnostic,
) -> gk_status {
    guard(|| {
        let r = report_ref(report)?;
        if out.is_null() {
            return Err((gk_status::NullPointer, "out is NULL".into()));
        }
        let d = r.diagnostics.get(index).ok_or((
            gk_status::NotFound,
            format!("no diagnostic {index}: there are {}", r.diagnostics.len()),
        ))?;
        let opt = |s: &Option<CString>| s.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
        // SAFETY: out is non-null and writable.
        unsafe {
            *out = gk_diagnostic {
                severity: d.severity,
                code: d.code.as_ptr(),
                message: d.message.as_ptr(),
                line: d.line,
                field: opt(&d.field),
                check: opt(&d.check),
            }
        };
        Ok(gk_status::Ok)
    })
}

/// The message of the last failed call on this thread, or NULL if none failed yet.
/// Borrowed: valid until the next failing call on this thread.
#[no_mangle]
pub extern "C" fn gk_last_error() -> *const c_char {
    LAST_ERROR.with(|e| e.borrow().as_ref().map_or(std::ptr::null(), |s| s.as_ptr()))
}

/// The library version, e.g. "0.1.0" (static string).
#[no_mangle]
pub extern "C" fn gk_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        let status = guard(|| panic!("boom"));
        assert_eq!(status, gk_status::Panic);
        // SAFETY: gk_last_error returns a NUL-terminated string owned by this thread.
        let msg = unsafe { CStr::from_ptr(gk_last_error()) }.to_str().unwrap();
        assert_eq!(msg, "internal error (panic): boom");
    }

    #[test]
    fn null_pointers_are_errors() {
        let mut r: *mut gk_report = std::ptr::null_mut();
        // SAFETY (this test's calls): every pointer is NULL or points to a live local;
        // the functions check for NULL before use, which is what is tested.
        assert_eq!(
            // SAFETY: as above.
            unsafe { gk_parse(std::ptr::null(), 0, &mut r) },
            gk_status::NullPointer
        );
        assert_eq!(
            // SAFETY: as above.
            unsafe { gk_parse(b"x".as_ptr(), 1, std::ptr::null_mut()) },
            gk_status::NullPointer
        );
        let mut n = 0usize;
        assert_eq!(
            // SAFETY: as above.
            unsafe { gk_report_diagnostic_count(std::ptr::null(), &mut n) },
            gk_status::NullPointer
        );
        // SAFETY: NULL is accepted and ignored.
        unsafe { gk_report_free(std::ptr::null_mut()) };
        // SAFETY: `r` is a live local holding NULL, which is accepted and ignored.
        unsafe { gk_report_free(&mut r) };
    }
}
