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
    gongkai_os(args.iter().map(std::ffi::OsStr::new))
}

fn gongkai_os<S: AsRef<std::ffi::OsStr>>(
    args: impl IntoIterator<Item = S>,
) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
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
        Some("source,agency,year,table,row,column,value,template,unit,flag")
    );
    let rows: Vec<&str> = lines.collect();
    // 10 part-2 cells + 25 × 7 part-3 cells + 15 part-4 cells.
    assert_eq!(rows.len(), 10 + 175 + 15);
    assert!(rows.iter().any(|r| r.ends_with(
        ",硚口区卫健局,2024,applications,withheld_enforcement_files,natural_person,2,2021,件,"
    )));
}

#[test]
fn csv_for_excel_has_a_bom_flags_units_and_labels() {
    let (code, out, _) = gongkai(&[
        "parse",
        "--format",
        "csv",
        "--excel",
        "--labels",
        "zh",
        &fixture("004_0ab517357debe96d.txt"),
    ]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("\u{feff}source,agency,year,table,row,column,value,template,unit,flag,row_label,column_label")
    );
    let rows: Vec<&str> = lines.collect();
    // A blank cell: no value, flagged, labelled as the template prints it.
    assert!(
        rows.iter().any(|r| r.ends_with(
            ",2025,active_disclosure,rules,in_force,,2021,件,blank_cell,规章,现行有效件数"
        )),
        "{rows:?}"
    );
    assert!(rows
        .iter()
        .any(|r| r.contains(",fees,amount,") && r.contains(",万元,")));
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

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongkai-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn folder_walks_read_regular_files_only_and_name_what_they_skip() {
    use std::os::unix::fs::symlink;
    let dir = scratch("walk");
    std::fs::copy(fixture("004_0ab517357debe96d.txt"), dir.join("a.txt")).unwrap();
    // A FIFO named like a report would block the batch; a link to /dev/zero would be
    // read until memory runs out.
    let fifo = dir.join("b.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    symlink("/dev/zero", dir.join("c.txt")).unwrap();
    std::fs::write(dir.join("d.doc"), b"\xd0\xcf\x11\xe0").unwrap();
    let (code, out, err) = gongkai(&["parse", "--format", "jsonl", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1);
    assert!(
        err.contains("b.txt: skipped") && err.contains("FIFO"),
        "{err}"
    );
    assert!(
        err.contains("c.txt: skipped") && err.contains("device"),
        "{err}"
    );
    assert!(
        err.contains("d.doc: skipped") && err.contains(".docx"),
        "{err}"
    );
}

#[test]
fn a_folder_with_nothing_readable_is_an_error() {
    let dir = scratch("nothing");
    std::fs::write(dir.join("report.doc"), b"\xd0\xcf\x11\xe0").unwrap();
    std::fs::write(dir.join("scan.jpg"), b"\xff\xd8\xff").unwrap();
    let (code, out, err) = gongkai(&["parse", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out.trim(), "[]");
    assert!(
        err.contains("scan.jpg: skipped") && err.contains("OCR"),
        "{err}"
    );
    assert!(err.contains("no report file to read"), "{err}");
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("gbk");
    // 报告.txt in GBK, as a Windows archive unpacks it.
    let name = std::ffi::OsStr::from_bytes(b"\xb1\xa8\xb8\xe6.txt");
    let file = dir.join(name);
    std::fs::copy(fixture("004_0ab517357debe96d.txt"), &file).unwrap();
    let (code, out, err) = gongkai_os([std::ffi::OsStr::new("parse"), file.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["meta"]["year"], 2025);
    // Found by a folder walk too, and named lossily.
    let (code, out, err) = gongkai(&["parse", "--format", "jsonl", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("\"source\":") && out.contains('\u{fffd}'),
        "{out}"
    );
}

#[test]
fn jobs_are_bounded_by_the_files() {
    let (code, out, err) = gongkai(&[
        "parse",
        "--jobs",
        "100000",
        &fixture("004_0ab517357debe96d.txt"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with('{'));
}

#[test]
fn files_over_the_size_limit_are_refused_before_they_are_read() {
    let file = fixture("004_0ab517357debe96d.txt");
    let (code, out, err) = gongkai(&["parse", "--max-size", "1K", &file]);
    assert_eq!(code, 2);
    assert!(out.is_empty() || out.trim() == "[]", "{out}");
    assert!(err.contains("more than the limit of 1024 bytes"), "{err}");
    assert_eq!(gongkai(&["parse", "--max-size", "lots", &file]).0, 2);
}

#[test]
fn check_ends_with_a_summary_and_can_show_errors_only() {
    let file = fixture("002_a8545102c5627bed.txt");
    let (code, out, err) = gongkai(&["check", &file]);
    assert_eq!(code, 0);
    assert!(out.lines().all(|l| l.contains(": warning ")), "{out}");
    let n = out.lines().count();
    assert!(
        err.contains(&format!("gongkai check: 1 file, 0 errors, {n} warnings (")),
        "{err}"
    );
    let (code, out, err) = gongkai(&["check", "--errors-only", &file]);
    assert_eq!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("1 file, 0 errors, 0 warnings"), "{err}");
}
