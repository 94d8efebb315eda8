//! gongkai in the browser. The web page (`web/`) runs these functions in a Web Worker:
//! a report's bytes in, its JSON out; the template's layout for drawing the tables; and
//! the downloads (a workbook, CSV, JSON Lines) made from the reports parsed. Nothing
//! leaves the machine: there is no network in any of it.

mod layout;
mod workbook;

use wasm_bindgen::prelude::*;

/// Parses one report from its bytes; `name` is the file name, whose extension helps
/// tell the kind of input where the bytes leave it open. Returns the report as contract
/// JSON, or throws an error saying why the file is not a report.
#[wasm_bindgen]
pub fn parse(bytes: &[u8], name: &str) -> Result<String, JsError> {
    let hint = gongkai::Format::from_file_name(name);
    gongkai::parse_bytes_as(bytes, hint)
        .map(|r| r.to_json())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The tables of a template (`"2019"` or `"2021"`) as the template prints them: row and
/// column keys with their Chinese labels, as JSON (see `layout.rs`).
#[wasm_bindgen]
pub fn layout(template: &str) -> Result<String, JsError> {
    layout::layout(template).map_err(|e| JsError::new(&e))
}

/// Reports given as their sources and JSON, parsed back.
fn reports(sources: &[String], jsons: &[String]) -> Result<Vec<gongkai::Report>, JsError> {
    if sources.len() != jsons.len() {
        return Err(JsError::new("sources and reports differ in number"));
    }
    jsons
        .iter()
        .map(|j| serde_json::from_str(j).map_err(|e| JsError::new(&format!("not a report: {e}"))))
        .collect()
}

/// An .xlsx workbook of the reports: a sheet `reports` in wide form (one row per report,
/// one column per value) and a sheet `diagnostics` (one row per diagnostic).
#[wasm_bindgen]
pub fn xlsx(sources: Vec<String>, jsons: Vec<String>) -> Result<Vec<u8>, JsError> {
    let reports = reports(&sources, &jsons)?;
    workbook::write(&sources, &reports).map_err(|e| JsError::new(&e.to_string()))
}

/// The wide CSV of the reports (one row per report), UTF-8 with a byte-order mark so
/// that Excel shows the Chinese text.
#[wasm_bindgen]
pub fn csv_wide(sources: Vec<String>, jsons: Vec<String>) -> Result<String, JsError> {
    let reports = reports(&sources, &jsons)?;
    let mut out = String::from("\u{feff}");
    out.push_str(&gongkai::csv::wide_header());
    out.push('\n');
    for (source, r) in sources.iter().zip(&reports) {
        r.wide_csv(&mut out, source);
    }
    Ok(out)
}

/// The tidy CSV of the reports (one row per value, with the template's labels), UTF-8
/// with a byte-order mark.
#[wasm_bindgen]
pub fn csv_tidy(sources: Vec<String>, jsons: Vec<String>) -> Result<String, JsError> {
    let reports = reports(&sources, &jsons)?;
    let mut out = String::from("\u{feff}");
    out.push_str(gongkai::csv::tidy_header(true));
    out.push('\n');
    for (source, r) in sources.iter().zip(&reports) {
        r.tidy_csv(&mut out, source, true);
    }
    Ok(out)
}

/// The version of gongkai.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
