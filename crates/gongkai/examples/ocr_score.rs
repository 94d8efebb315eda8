//! Scores the OCR fixtures against their truth: exact, flagged and silent values per
//! fixture and in total, and with `-v` every value that is not exact with the
//! diagnostics that name it (the cause of each flag, for looking into the reader).
//!
//! ```sh
//! cargo run --release -p gongkai --example ocr_score [-- -v]
//! ```

use std::path::Path;

use serde_json::Value;

/// The fixtures and their truth files, in `tests/fixtures/ocr`.
const FIXTURES: [(&str, &str); 3] = [
    (
        "hongze-district-2023.scan.pdf",
        "hongze-district-2023.scan.json",
    ),
    (
        "hongze-district-2024.seal.jpg",
        "hongze-district-2024.seal.json",
    ),
    (
        "huaian-city-2024.speckle.png",
        "huaian-city-2024.speckle.json",
    ),
];

fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ocr");
    let (mut fields, mut exact, mut flagged, mut silent) = (0, 0, 0, 0);
    for (name, truth) in FIXTURES {
        let report = match gongkai::parse_path(dir.join(name)) {
            Ok(r) => r.to_value(),
            Err(e) => {
                println!("{name}: {e}");
                continue;
            }
        };
        let truth: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(truth)).unwrap()).unwrap();
        let c = gongkai::compare::compare(&report, &truth);
        let f = c.mismatches.iter().filter(|m| m.flagged).count();
        println!(
            "{name}: {} fields, {} exact, {f} flagged, {} silent",
            c.fields, c.exact, c.silent
        );
        (fields, exact, flagged, silent) = (
            fields + c.fields,
            exact + c.exact,
            flagged + f,
            silent + c.silent,
        );
        if !verbose {
            continue;
        }
        let diags = report["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for m in &c.mismatches {
            println!(
                "  {} want {} got {}{}",
                m.path,
                m.want,
                m.got,
                if m.flagged { "" } else { " SILENT" }
            );
            for d in diags.iter().filter(|d| {
                d["field"]
                    .as_str()
                    .is_some_and(|f| m.path == f || m.path.starts_with(&format!("{f}.")))
            }) {
                println!("    [{}] {}", d["code"], d["message"]);
            }
        }
        for d in diags.iter().filter(|d| d["code"] == "ocr_uncertain") {
            println!("  ocr: {}", d["message"]);
        }
    }
    println!("total: {fields} fields, {exact} exact, {flagged} flagged, {silent} silent");
}
