//! gongkai in the browser. The web page (`web/`) runs these functions in a Web Worker:
//! a report's bytes in, its JSON out; the template's layout for drawing the tables; and
//! the downloads (a workbook, CSV, JSON Lines) made from the reports parsed. Nothing
//! leaves the machine: there is no network in any of it.

mod layout;
mod workbook;

use wasm_bindgen::prelude::*;

/// A parsed report as the page takes it: the contract JSON, and the Chinese wording of
/// each of its diagnostics, made while the report is at hand rather than from its JSON
/// parsed back.
#[wasm_bindgen]
pub struct Parsed {
    json: String,
    messages_zh: String,
}

#[wasm_bindgen]
impl Parsed {
    /// The report as contract JSON.
    #[wasm_bindgen(getter)]
    pub fn json(&self) -> String {
        self.json.clone()
    }

    /// The Chinese wording of each diagnostic ([`gongkai::message_zh`]), in the order of
    /// the report's `diagnostics`, as a JSON array of strings.
    #[wasm_bindgen(getter)]
    pub fn messages_zh(&self) -> String {
        self.messages_zh.clone()
    }
}

/// Parses one report from its bytes; `name` is the file name, whose extension helps
/// tell the kind of input where the bytes leave it open. Returns the report's JSON and
/// its diagnostics in Chinese, or throws an error whose message is a JSON object
/// `{code, message, message_zh}`: the refusal's stable code ([`gongkai::Error::code`])
/// and its English and Chinese wordings, so that the page words it in the reader's
/// language.
#[wasm_bindgen]
pub fn parse(bytes: &[u8], name: &str) -> Result<Parsed, JsError> {
    let hint = gongkai::Format::from_file_name(name);
    match gongkai::parse_bytes_as(bytes, hint) {
        Ok(report) => {
            let messages: Vec<String> = report
                .diagnostics
                .iter()
                .map(|d| gongkai::message_zh(d, &report))
                .collect();
            Ok(Parsed {
                json: report.to_json(),
                messages_zh: serde_json::to_string(&messages).expect("strings serialise"),
            })
        }
        Err(e) => {
            let refusal = serde_json::json!({
                "code": e.code(),
                "message": e.to_string(),
                "message_zh": e.message_zh(),
            });
            Err(JsError::new(&refusal.to_string()))
        }
    }
}

/// Why a file of this name is passed over, as a JSON object `{message, message_zh}`, or
/// `null` when gongkai reads files of that kind ([`gongkai::Format::not_read_reason`]).
#[wasm_bindgen]
pub fn not_read_reason(name: &str) -> String {
    match (
        gongkai::Format::not_read_reason(name),
        gongkai::Format::not_read_reason_zh(name),
    ) {
        (Some(en), Some(zh)) => serde_json::json!({ "message": en, "message_zh": zh }).to_string(),
        _ => "null".to_string(),
    }
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
