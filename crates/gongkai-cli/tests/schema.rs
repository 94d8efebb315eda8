//! The published JSON Schema (`docs/report.schema.json`) is current with the types.
//! (Every fixture's output is validated against it by a stock validator in the Python
//! tests, `bindings/python/tests/test_schema.py`.)

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn committed() -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("docs/report.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn committed_schema_is_current() {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, gongkai::json_schema());
    assert!(
        printed == committed(),
        "docs/report.schema.json is stale: run `cargo run -p gongkai-cli -- schema > docs/report.schema.json`"
    );
}
