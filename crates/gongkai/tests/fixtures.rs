//! Fixture-driven tests: every report under `tests/fixtures/` beside its hand-checked
//! values (`NAME.json`). Adding a real report is adding two files.
//!
//! - `corpus/`: every value must be exact, every `must_flag` field flagged.
//! - `rendered/`: the corpus rendered as HTML pages, .docx files and PDFs printed by
//!   LibreOffice and Chromium (`scripts/make-fixtures.py`): exact, like the corpus.
//! - `real/`: reports as people get them (PDF extractions, web pages). Every value must be
//!   exact or carry a diagnostic: a wrong number is never silent. The exact count is
//!   asserted too, so a change that loses values shows up.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixtures(dir: &str) -> Vec<(PathBuf, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut out = Vec::new();
    for entry in walk(&root) {
        if entry.extension().is_some_and(|e| e == "json") {
            continue;
        }
        let truth = entry.with_extension("json");
        if truth.exists() {
            out.push((entry, truth));
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no fixtures under {}", root.display());
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn leaves(v: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(v, p, out);
            }
        }
        _ => out.push((path, v.clone())),
    }
}

fn get<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => a == b,
    }
}

fn squash(v: &Value) -> Value {
    match v.as_str() {
        Some(s) => Value::String(s.split_whitespace().collect()),
        None => v.clone(),
    }
}

fn flagged(diags: &[Value], field: &str) -> bool {
    diags.iter().any(|d| {
        d["field"]
            .as_str()
            .is_some_and(|f| field == f || field.starts_with(&format!("{f}.")))
    })
}

/// Scores one report like `tools/score.py`: (fields, exact, wrong-and-silent, messages).
fn score(source: &Path, truth: &Path) -> (usize, usize, usize, Vec<String>) {
    let bytes = std::fs::read(source).unwrap();
    let hint = gongkai::Format::from_file_name(&source.to_string_lossy());
    let report = gongkai::parse_bytes_as(&bytes, hint).unwrap().to_value();
    let truth: Value = serde_json::from_str(&std::fs::read_to_string(truth).unwrap()).unwrap();
    let diags = report["diagnostics"].as_array().unwrap().clone();
    let (mut fields, mut exact, mut silent, mut wrong) = (0, 0, 0, Vec::new());
    for table in ["active_disclosure", "applications", "review_litigation"] {
        let mut ls = Vec::new();
        leaves(&truth[table], table.to_string(), &mut ls);
        for (path, want) in ls {
            fields += 1;
            match get(&report, &path) {
                Some(got) if same(got, &want) => exact += 1,
                got => {
                    wrong.push(format!("{path}: want {want} got {got:?}"));
                    if !flagged(&diags, &path) {
                        silent += 1;
                    }
                }
            }
        }
    }
    for (key, want) in truth["meta"].as_object().unwrap() {
        fields += 1;
        let got = &report["meta"][key];
        let ok = if ["title", "address", "agency"].contains(&key.as_str()) {
            squash(got) == squash(want)
        } else {
            same(got, want)
        };
        if ok {
            exact += 1;
        } else {
            wrong.push(format!("meta.{key}: want {want} got {got}"));
        }
    }
    if let Some(want) = truth["sections"].as_array() {
        fields += 1;
        // Sections are placed by line, or by page where the truth gives pages (PDFs
        // printed by other programs, whose line breaks are theirs).
        let by_page = want.first().is_some_and(|s| s.get("line").is_none());
        let place = if by_page { "page" } else { "line" };
        let pairs = |v: &Value| -> Vec<(u64, u64)> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .map(|s| (s["number"].as_u64().unwrap(), s[place].as_u64().unwrap()))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (w, g) = (
            pairs(&Value::Array(want.clone())),
            pairs(&report["sections"]),
        );
        if w == g {
            exact += 1;
        } else {
            wrong.push(format!("sections: want {w:?} got {g:?}"));
        }
    }
    // The template the report follows, where the truth names it: never wrong.
    if let Some(want) = truth.get("template").filter(|t| !t.is_null()) {
        if &report["template"] != want {
            wrong.push(format!("template: want {want} got {}", report["template"]));
            silent += 1;
        }
    }
    for f in truth["must_flag"].as_array().into_iter().flatten() {
        let f = f.as_str().unwrap();
        if !flagged(&diags, f) {
            wrong.push(format!("no diagnostic names {f}"));
            silent += 1;
        }
    }
    (fields, exact, silent, wrong)
}

/// Asserts every report under `dir` exact and returns how many fields were compared.
fn all_exact(dir: &str) -> usize {
    let mut total = 0;
    for (source, truth) in fixtures(dir) {
        let (fields, exact, silent, wrong) = score(&source, &truth);
        assert!(
            wrong.is_empty() && silent == 0,
            "{}: {exact}/{fields}\n{}",
            source.display(),
            wrong.join("\n")
        );
        total += fields;
    }
    total
}

#[test]
fn corpus_reports_are_exact() {
    assert_eq!(all_exact("corpus"), 1045);
}

#[test]
fn corpus_rendered_as_html_is_exact() {
    assert_eq!(all_exact("rendered/html"), 1045);
}

#[test]
fn corpus_rendered_as_docx_is_exact() {
    assert_eq!(all_exact("rendered/docx"), 1045);
}

#[test]
fn real_pdfs_are_exact() {
    // The three reports as their agencies published them (WPS), read from the PDF itself.
    assert_eq!(all_exact("real/pdf"), 638);
    // One of them encrypted with an empty user password, three ways (RC4, AES-128/256).
    assert_eq!(all_exact("pdf-odd/encrypted"), 3 * 208);
}

#[test]
fn corpus_printed_to_pdf_by_libreoffice_and_chromium_is_exact() {
    // Each report three ways: its .docx and its HTML page by LibreOffice, the page by
    // headless Chromium (which maps glyphs to Kangxi radicals, `⾏政`), tables split over
    // pages, rows cut by a page break, a portal's breadcrumb and footer on the page.
    assert_eq!(all_exact("rendered/pdf"), 3135);
}

#[test]
fn pdf_structures_as_they_come_are_exact() {
    // One report rotated 90°, with object streams and a cross-reference stream, with an
    // incremental update, and with a broken startxref (scripts/make-pdf-fixtures.py).
    assert_eq!(all_exact("pdf-odd/structures"), 836);
}

#[test]
fn tables_without_ruling_lines_are_exact_or_flagged() {
    // The corpus pages printed by Chromium with their table borders off: columns from
    // where the numbers (and the header words over empty columns) stand. Report 002
    // prints only its totals; where a row's numbers cannot be placed, they are flagged.
    assert!(exact_or_flagged("rendered/pdf-unruled") >= 1038);
}

#[test]
fn real_html_pages_are_exact() {
    assert_eq!(all_exact("real/html"), 643);
}

/// Asserts that no value under `dir` is wrong without a diagnostic; returns the exact
/// count and prints each file's score.
fn exact_or_flagged(dir: &str) -> usize {
    let mut report = Vec::new();
    let (mut all_fields, mut all_exact) = (0, 0);
    for (source, truth) in fixtures(dir) {
        let (fields, exact, silent, wrong) = score(&source, &truth);
        assert_eq!(
            silent,
            0,
            "{}: wrong values without a diagnostic:\n{}",
            source.display(),
            wrong.join("\n")
        );
        all_fields += fields;
        all_exact += exact;
        report.push(format!("{}: {exact}/{fields}", source.display()));
    }
    eprintln!("{}\n{dir}: {all_exact}/{all_fields}", report.join("\n"));
    all_exact
}

#[test]
fn real_reports_are_exact_or_flagged() {
    // Raise this floor as the parser learns; it must never go down.
    let exact = exact_or_flagged("real");
    assert!(
        exact >= REAL_EXACT_FLOOR,
        "{exact} exact, below the floor {REAL_EXACT_FLOOR}"
    );
}

/// Fields of `tests/fixtures/real` parsed exactly at the last count.
const REAL_EXACT_FLOOR: usize = 1406;

#[test]
fn numbers_printed_as_people_print_them_are_exact_and_flagged() {
    assert_eq!(all_exact("rendered/noisy"), 209);
}

#[test]
fn plain_text_with_single_spaces_is_exact() {
    assert_eq!(all_exact("rendered/spaces"), 209);
}

#[test]
fn template_2019_in_each_text_layout_is_exact() {
    assert_eq!(all_exact("rendered/template2019"), 681);
}

#[test]
fn corpus_in_other_encodings_and_line_endings_is_exact() {
    assert_eq!(all_exact("rendered/encodings"), 1045);
}

#[test]
fn corpus_printed_to_pdf_and_extracted_is_exact_or_flagged() {
    // Blank cells are lost in `pdftotext -layout` output (one report prints only totals),
    // so not every value can be read; none may be wrong without a diagnostic.
    let exact = exact_or_flagged("rendered/pdftotext");
    assert!(exact >= 999, "{exact} exact, below the floor 999");
}
