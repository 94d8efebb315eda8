//! The `gongkai` binary on the corpus reports.

use std::path::PathBuf;
use std::process::Command;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../gongkai/tests/fixtures/corpus")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn gongkai(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn json_of_one_report() {
    let (code, out, _) = gongkai(&["parse", &fixture("000_4ad21a775c00ab02.txt")]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["meta"]["agency"], "昌乐县卫生健康局");
    assert_eq!(v["active_disclosure"]["punishment"]["decisions"], 64);
    assert_eq!(
        v["applications"]["other_unpaid_fee"]["total"],
        serde_json::Value::Null
    );
}

#[test]
fn jsonl_has_a_source_per_line() {
    let a = fixture("001_35b03cdfa0a63b83.txt");
    let b = fixture("003_b66439113936b5c6.txt");
    let (code, out, _) = gongkai(&["parse", "--format", "jsonl", &a, &b]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"], a.as_str());
    assert_eq!(lines[1]["active_disclosure"]["punishment"]["decisions"], 53);
}

#[test]
fn csv_is_tidy() {
    let (code, out, _) = gongkai(&[
        "parse",
        "--format",
        "csv",
        &fixture("003_b66439113936b5c6.txt"),
    ]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("source,agency,year,table,row,column,value")
    );
    let rows: Vec<&str> = lines.collect();
    // 10 part-2 cells + 25 × 7 part-3 cells + 15 part-4 cells.
    assert_eq!(rows.len(), 10 + 175 + 15);
    assert!(rows.iter().any(|r| r
        .ends_with(",硚口区卫健局,2024,applications,withheld_enforcement_files,natural_person,2")));
}

#[test]
fn unreadable_files_are_named_and_the_rest_processed() {
    let good = fixture("004_0ab517357debe96d.txt");
    let (code, out, err) = gongkai(&["parse", "--format", "jsonl", "/no/such/file.txt", &good]);
    assert_eq!(code, 2);
    assert!(err.contains("/no/such/file.txt"), "{err}");
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn check_prints_diagnostics_and_fails_on_errors() {
    let (code, out, _) = gongkai(&["check", &fixture("002_a8545102c5627bed.txt")]);
    assert_eq!(code, 0, "002 has warnings only");
    assert!(
        out.contains(":45: warning cell_note [active_disclosure.licensing.decisions]"),
        "{out}"
    );
    let dir = std::env::temp_dir().join("gongkai-cli-test");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t5\n").unwrap();
    let (code, out, _) = gongkai(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("check_failed"), "{out}");
}

#[test]
fn usage_errors() {
    assert_eq!(gongkai(&["parse"]).0, 2);
    assert_eq!(gongkai(&["parse", "--format", "xml", "x"]).0, 2);
    let (code, _, err) = gongkai(&["parse", "--bogus", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");
    let (code, out, _) = gongkai(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("parse") && out.contains("check") && out.contains("bench"));
    // Every command has its own help.
    for (command, option) in [
        ("parse", "--format"),
        ("check", "--jobs"),
        ("bench", "--jobs"),
    ] {
        let (code, out, _) = gongkai(&[command, "--help"]);
        assert_eq!(code, 0, "{command} --help");
        assert!(out.contains(option), "{command} --help: {out}");
    }
}
