//! The pipeline is one-way, and this test holds it there.
//!
//! Every source file of the core belongs to a layer: the base helpers, the input readers,
//! the template (with the report schema it generates), the repair of lost line breaks,
//! the semantic stage, the checks, and what is built on finished reports. A file may
//! name (`crate::…`, `super::…` across a layer) only the layers its own may use; the
//! table below is the rule, and ARCHITECTURE.md states the same in words. The test reads
//! the code with comments left out, so a doc link to a later stage is fine.

use std::path::{Path, PathBuf};

/// The layer a top-level module of `src/` belongs to.
fn layer(module: &str) -> &'static str {
    match module {
        "diagnostic" | "error" | "normalize" | "grammar" | "ideographs" | "limits" => "base",
        "input" => "input",
        "template" | "report" => "template",
        "repair" => "repair",
        "semantic" => "semantic",
        "checks" => "checks",
        "collection" | "tidy" | "csv" | "compare" | "explain" => "reports",
        "lib" | "path" => "entry",
        other => panic!("src/{other}: a module with no layer; add it to tests/layers.rs"),
    }
}

/// The layers each layer may name. Anything not listed is a reach forward or back.
fn may_use(from: &str) -> &'static [&'static str] {
    match from {
        "base" => &["base"],
        "input" => &["base", "input"],
        "template" => &["base", "template"],
        "repair" => &["base", "input", "template", "repair"],
        "semantic" => &["base", "input", "template", "semantic"],
        // The checks read the finished report, and the document's lines for the prose.
        "checks" => &["base", "input", "template", "checks"],
        "reports" => &["base", "template", "reports"],
        "entry" => &[
            "base", "input", "template", "repair", "semantic", "checks", "reports", "entry",
        ],
        _ => unreachable!(),
    }
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's code with `//` comments cut off each line.
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split_once("//").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file names through `crate::`.
fn named_modules(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if rest.starts_with('{') {
            // `use crate::{a::X, b}`: every path in the braces.
            let inner = &rest[1..rest.find('}').unwrap_or(rest.len())];
            for part in inner.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

#[test]
fn no_stage_names_one_it_must_not() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(files.len() > 40, "the sources were not found");
    let mut broken = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let from = layer(&top);
        for name in named_modules(&code(file)) {
            // A re-export of the crate root hides where an item is defined: modules import
            // from the module that defines it. The entry points (`parse` and its kin) are
            // the root's own, for the entry layer and for tests.
            let Some(to) = (match name.as_str() {
                n if n.chars().next().is_some_and(char::is_uppercase) => {
                    if from != "entry" {
                        broken.push(format!(
                            "{}: crate::{n} goes through the crate root",
                            rel.display()
                        ));
                    }
                    None
                }
                "parse" | "parse_bytes" | "parse_bytes_as" | "parse_bytes_with" | "parse_path" => {
                    Some("entry")
                }
                n => Some(layer(n)),
            }) else {
                continue;
            };
            let test_only = to == "entry" && code(file).contains("#[cfg(test)]");
            if !may_use(from).contains(&to) && !test_only {
                broken.push(format!(
                    "{}: layer {from} names crate::{name} (layer {to})",
                    rel.display()
                ));
            }
        }
    }
    broken.sort();
    broken.dedup();
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn no_input_reader_knows_a_row_of_the_template() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/input");
    let mut files = Vec::new();
    sources(&src, &mut files);
    for file in &files {
        let code = code(file);
        for key in gongkai::APPLICATION_ROWS {
            assert!(
                !code.contains(&format!("\"{key}\"")),
                "{}: names the template row {key}",
                file.display()
            );
        }
    }
}

/// The semantic stage reads a grid by what its layout keeps (`Layout::keeps`), never by
/// the layout's name: a new layout then declares its losses in one place and every table
/// reader follows. Tests may build grids of a named layout.
#[test]
fn no_table_reader_names_a_layout() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/semantic");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(files.len() > 10, "the sources were not found");
    for file in &files {
        let code = code(file);
        let code = code.split("#[cfg(test)]").next().unwrap_or_default();
        assert!(
            !code.contains("Layout::"),
            "{}: names a layout; ask grid.layout.keeps() what the table kept",
            file.display()
        );
    }
}

/// ARCHITECTURE.md is the code map: every module of the core is named there (as
/// `name`, `name.rs`, `name/` or a path ending in it), so a new module comes with its
/// line saying what it holds.
#[test]
fn the_architecture_names_every_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("../../ARCHITECTURE.md")).unwrap();
    let src = root.join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut unnamed = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let stem = file.file_stem().unwrap().to_string_lossy();
        let name = match stem.as_ref() {
            "lib" => continue,
            "mod" => rel
                .parent()
                .and_then(Path::file_name)
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            other => other.to_string(),
        };
        let named = [
            format!("`{name}`"),
            format!("`{name}."),
            format!("{name}.rs"),
            format!("{name}/"),
            format!("::{name}`"),
            format!("/{name}`"),
        ]
        .iter()
        .any(|form| map.contains(form.as_str()));
        if !named {
            unnamed.push(rel.display().to_string());
        }
    }
    assert!(
        unnamed.is_empty(),
        "ARCHITECTURE.md does not name: {}",
        unnamed.join(", ")
    );
}
