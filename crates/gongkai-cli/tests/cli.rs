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
    std::fs::write(dir.join("d.xls"), b"\xd0\xcf\x11\xe0").unwrap();
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
        err.contains("d.xls: skipped") && err.contains("spreadsheet"),
        "{err}"
    );
}

#[test]
fn folder_walks_read_doc_and_wps_files_and_name_what_is_not_a_report() {
    let dir = scratch("word97");
    let doc = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../gongkai/tests/fixtures/rendered/doc/000_4ad21a775c00ab02.docx.doc");
    std::fs::copy(&doc, dir.join("a.doc")).unwrap();
    std::fs::copy(&doc, dir.join("b.WPS")).unwrap();
    // A compound file that is cut short, named like a report: read, and its error named.
    std::fs::write(dir.join("c.doc"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1").unwrap();
    std::fs::write(dir.join("d.xls"), b"\xd0\xcf\x11\xe0").unwrap();
    let (code, out, err) = gongkai(&["parse", "--format", "jsonl", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    let reports: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), 2, "{out}");
    for r in &reports {
        assert_eq!(r["meta"]["agency"], "昌乐县卫生健康局");
        assert_eq!(r["applications"]["new_received"]["total"], 1);
    }
    assert!(
        err.contains("c.doc: the Word 97-2003 file (.doc, .wps) could not be read"),
        "{err}"
    );
    assert!(err.contains("d.xls: skipped: a spreadsheet"), "{err}");
    // A spreadsheet given by name is read for what its bytes are, and named.
    let (code, _, err) = gongkai(&["parse", dir.join("d.xls").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("d.xls: ") && err.contains("not a readable compound file"),
        "{err}"
    );
}

#[test]
fn a_folder_with_nothing_readable_is_an_error() {
    let dir = scratch("nothing");
    std::fs::write(dir.join("table.xls"), b"\xd0\xcf\x11\xe0").unwrap();
    std::fs::write(dir.join("scan.gif"), b"GIF89a").unwrap();
    let (code, out, err) = gongkai(&["parse", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out.trim(), "[]");
    assert!(
        err.contains("scan.gif: skipped") && err.contains("save it as PNG"),
        "{err}"
    );
    assert!(err.contains("no report file to read"), "{err}");
    // A picture OCR reads is walked into: a damaged one is named as a damaged image.
    std::fs::write(dir.join("scan.jpg"), b"\xff\xd8\xff").unwrap();
    let (code, _, err) = gongkai(&["parse", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("scan.jpg: ") && err.contains("image could not be read"),
        "{err}"
    );
    assert!(!err.contains("no report file to read"), "{err}");
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
fn check_ends_with_a_summary_and_can_show_errors_only_or_notes_too() {
    let file = fixture("002_a8545102c5627bed.txt");
    let (code, out, err) = gongkai(&["check", &file]);
    assert_eq!(code, 0);
    assert!(out.lines().all(|l| l.contains(": warning ")), "{out}");
    let n = out.lines().count();
    assert!(
        err.contains(&format!("gongkai check: 1 file, 0 errors, {n} warnings, ")),
        "{err}"
    );
    // Blank cells are notes: counted, not printed unless asked for.
    assert!(!out.contains("blank_cell"), "{out}");
    assert!(
        err.contains("notes not printed (--notes prints them)"),
        "{err}"
    );
    let (code, all, _) = gongkai(&["check", "--notes", &file]);
    assert_eq!(code, 0);
    let notes = all.lines().filter(|l| l.contains(": note ")).count();
    assert!(all.contains(": note blank_cell ["), "{all}");
    assert_eq!(all.lines().count(), n + notes);
    assert!(err.contains(&format!(", {notes} notes (")), "{err}");
    // --errors-only prints no warning, but its summary still counts them.
    let (code, out, err) = gongkai(&["check", "--errors-only", &file]);
    assert_eq!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains(&format!("1 file, 0 errors, {n} warnings, "))
            && err.contains("warnings not printed"),
        "{err}"
    );
}

#[test]
fn an_empty_folder_is_an_error_and_unreadable_files_are_counted() {
    let dir = scratch("empty");
    let (code, out, err) = gongkai(&["parse", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out.trim(), "[]");
    assert!(err.contains("no report file to read"), "{err}");
    let (code, _, err) = gongkai(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    // Two reports and one file that cannot be read: the summary says both.
    std::fs::copy(fixture("000_4ad21a775c00ab02.txt"), dir.join("a.txt")).unwrap();
    std::fs::copy(fixture("004_0ab517357debe96d.txt"), dir.join("b.txt")).unwrap();
    std::fs::write(dir.join("c.txt"), b"").unwrap();
    let (code, _, err) = gongkai(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("gongkai check: 2 files,") && err.contains("1 more could not be read"),
        "{err}"
    );
}

fn real(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../gongkai/tests/fixtures/real")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn wide_csv_has_a_row_per_report_and_keeps_blanks_empty() {
    let (code, out, _) = gongkai(&[
        "parse",
        "--format",
        "wide",
        &real("html/pingtan-2020.html"),
        &real("html/pingtan-2021.html"),
    ]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(
        &header[..6],
        ["source", "agency", "year", "template", "errors", "warnings"]
    );
    let col = |key: &str| header.iter().position(|h| *h == key).unwrap();
    let row2020: Vec<&str> = lines[1].split(',').collect();
    let row2021: Vec<&str> = lines[2].split(',').collect();
    assert_eq!(row2021[col("year")], "2021");
    assert_eq!(row2021[col("applications.new_received.total")], "70");
    assert_eq!(
        row2021[col("applications.carried_forward.natural_person")],
        "1"
    );
    // Template 2019 has no 本年制发件数: empty, never 0.
    assert_eq!(row2020[col("active_disclosure.rules.issued")], "");
    assert_eq!(row2020[col("template")], "2019");
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_reads_back_with_types_and_nulls() {
    use arrow_array::{Array, Float64Array, Int32Array, Int64Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let dir = std::env::temp_dir().join(format!("gongkai-parquet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        real("html/pingtan-2020.html"),
        real("pdf/hongze-district-2024.pdf"),
    ];
    let read = |path: &PathBuf| {
        let file = std::fs::File::open(path).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<_> = reader.map(Result::unwrap).collect();
        only_batch(&batches)
    };

    // Wide: one row per report, integer and float columns with nulls.
    let wide = dir.join("wide.parquet");
    let (code, _, err) = gongkai(&[
        "parse",
        "--format",
        "parquet",
        "--wide",
        "--output",
        wide.to_str().unwrap(),
        &files[0],
        &files[1],
    ]);
    assert_eq!(code, 0, "{err}");
    let batch = read(&wide);
    assert_eq!(batch.num_rows(), 2);
    let col = |name: &str| batch.column_by_name(name).unwrap().clone();
    let year = col("year");
    let year = year.as_any().downcast_ref::<Int32Array>().unwrap();
    assert_eq!((year.value(0), year.value(1)), (2020, 2024));
    let issued = col("active_disclosure.rules.issued");
    let issued = issued.as_any().downcast_ref::<Int64Array>().unwrap();
    assert!(issued.is_null(0)); // template 2019: not a 0
    assert!(!issued.is_null(1));
    let new = col("applications.new_received.total");
    let new = new.as_any().downcast_ref::<Int64Array>().unwrap();
    assert_eq!(new.value(1), 95);
    let fees = col("active_disclosure.fees.amount");
    assert!(fees.as_any().downcast_ref::<Float64Array>().is_some());
    let granted = col("rates.granted");
    let granted = granted.as_any().downcast_ref::<Float64Array>().unwrap();
    assert_eq!(granted.value(1), 50.0 / 95.0);

    // Long: one row per value; counts in `value`, amounts in `amount`.
    let long = dir.join("long.parquet");
    let (code, _, err) = gongkai(&[
        "parse",
        "--format",
        "parquet",
        "-o",
        long.to_str().unwrap(),
        &files[1],
    ]);
    assert_eq!(code, 0, "{err}");
    let batch = read(&long);
    let text = |name: &str, i: usize| {
        let c = batch.column_by_name(name).unwrap();
        c.as_any()
            .downcast_ref::<StringArray>()
            .unwrap()
            .value(i)
            .to_string()
    };
    let value = batch.column_by_name("value").unwrap();
    let value = value.as_any().downcast_ref::<Int64Array>().unwrap();
    let amount = batch.column_by_name("amount").unwrap();
    let amount = amount.as_any().downcast_ref::<Float64Array>().unwrap();
    let row = (0..batch.num_rows())
        .find(|&i| text("row", i) == "new_received" && text("column", i) == "total")
        .unwrap();
    assert_eq!(value.value(row), 95);
    assert!(amount.is_null(row));
    let fee = (0..batch.num_rows())
        .find(|&i| text("row", i) == "fees")
        .unwrap();
    assert!(value.is_null(fee));
    assert_eq!(amount.value(fee), 7545.0);
    assert_eq!(text("unit", fee), "万元");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The batches of a file as one (the files here are small: one batch).
#[cfg(feature = "parquet")]
fn only_batch(batches: &[arrow_array::RecordBatch]) -> arrow_array::RecordBatch {
    assert_eq!(batches.len(), 1);
    batches[0].clone()
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_needs_an_output_file() {
    let (code, _, err) = gongkai(&[
        "parse",
        "--format",
        "parquet",
        &fixture("000_4ad21a775c00ab02.txt"),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--output"), "{err}");
}

/// A build without Parquet (`--no-default-features`) says so and how to get it, before
/// reading anything.
#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_is_refused_by_a_build_without_it() {
    let (code, out, err) = gongkai(&[
        "parse",
        "--format",
        "parquet",
        "--output",
        "never-written.parquet",
        &fixture("000_4ad21a775c00ab02.txt"),
    ]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("without Parquet output"), "{err}");
    assert!(err.contains("cargo install"), "{err}");
    assert!(!std::path::Path::new("never-written.parquet").exists());
}

/// A scan read by a build without OCR is an error that names the missing feature.
#[cfg(not(feature = "ocr"))]
#[test]
fn a_scan_is_refused_by_a_build_without_ocr() {
    let scan = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../gongkai/tests/fixtures/ocr/hongze-district-2023.scan.pdf");
    let (code, _, err) = gongkai_os(["check".as_ref(), scan.as_os_str()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no OCR"), "{err}");
}

#[test]
fn audit_of_real_years_finds_nothing_and_rates_group_them() {
    let (code, out, err) = gongkai(&[
        "audit",
        &real("pdf/hongze-district-2023.pdf"),
        &real("pdf/hongze-district-2024.pdf"),
        &real("html"),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("5 reports, 5 with agency and year, 0 findings"),
        "{err}"
    );

    let (code, out, _) = gongkai(&[
        "rates",
        "--by",
        "agency",
        "--format",
        "csv",
        &real("pdf/hongze-district-2023.pdf"),
        &real("pdf/hongze-district-2024.pdf"),
    ]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let header: Vec<&str> = lines[0].split(',').collect();
    let row: Vec<&str> = lines[1].split(',').collect();
    let at = |k: &str| header.iter().position(|h| *h == k).unwrap();
    // Both years as one agency: granted 0 of 21 (2023) and 50 of 95 (2024).
    assert_eq!(row[at("agency")], "淮安市洪泽区人民政府");
    assert_eq!(row[at("reports")], "2");
    assert_eq!(row[at("granted_numerator")], "50");
    assert_eq!(row[at("granted_denominator")], "116");
}

#[test]
fn audit_names_a_copied_report() {
    // The same report twice under two names: one agency, one year, same prose.
    let dir = std::env::temp_dir().join(format!("gongkai-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = real("html/pingtan-2021.html");
    std::fs::copy(&page, dir.join("a.html")).unwrap();
    std::fs::copy(&page, dir.join("b.html")).unwrap();
    let (code, out, _) = gongkai(&["audit", "--format", "jsonl", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let kinds: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(kinds.contains(&"same_year".to_string()), "{out}");
    assert!(kinds.contains(&"repeated_prose".to_string()), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn diff_compares_reports_with_truth_files() {
    let dir = fixture("");
    let (code, out, _) = gongkai(&["diff", &dir]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("total: 1045/1045 exact, 0 silent, 5 file(s)\n"));

    // A truth file that disagrees: the wrong value is named, with both values, and
    // marked SILENT because no diagnostic names it.
    let tmp = std::env::temp_dir().join(format!("gongkai-diff-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let truth = tmp.join("000.json");
    let text = std::fs::read_to_string(fixture("000_4ad21a775c00ab02.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["active_disclosure"]["punishment"]["decisions"] = 65.into();
    std::fs::write(&truth, v.to_string()).unwrap();
    let report = fixture("000_4ad21a775c00ab02.txt");
    let (code, out, _) = gongkai(&["diff", &truth.to_string_lossy(), &report]);
    assert_eq!(code, 1);
    assert!(out.contains("208/209 exact, 1 silent"), "{out}");
    assert!(out.contains("SILENT  active_disclosure.punishment.decisions: want 65, got 64"));
    let (code, _, _) = gongkai(&["diff", &truth.to_string_lossy(), &report, "--allow-flagged"]);
    assert_eq!(code, 1);
    let (code, out, _) = gongkai(&[
        "diff",
        "--format",
        "jsonl",
        &truth.to_string_lossy(),
        &report,
    ]);
    let line: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!((code, &line["silent"]), (1, &serde_json::json!(1)));
    std::fs::remove_dir_all(&tmp).ok();
}

#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_refused_not_waited_on() {
    let dir = scratch("fifo");
    let fifo = dir.join("report.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // Nothing writes to it: opening it to read would wait for ever.
    let (code, _, err) = gongkai(&["parse", fifo.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("FIFO") && err.contains("standard input"),
        "{err}"
    );
}

#[path = "../../gongkai/tests/shapes/pdf.rs"]
mod pdf;

#[cfg(target_os = "linux")]
#[test]
fn one_hostile_pdf_costs_a_batch_nothing() {
    // 40 good reports and a 3.5 KB PDF whose width range runs to 2^27 (once 3.5 GB and
    // an abort that lost every report), under a 3 GiB address-space cap.
    let dir = scratch("hostile-batch");
    for i in 0..40 {
        std::fs::copy(
            fixture("000_4ad21a775c00ab02.txt"),
            dir.join(format!("f{i:02}.txt")),
        )
        .unwrap();
    }
    let bomb = pdf::build(&pdf::Parts {
        cid_font_extra: "/W [0 134217728 500]".into(),
        ..pdf::Parts::default()
    });
    std::fs::write(dir.join("f20_bomb.pdf"), bomb).unwrap();
    let out = Command::new("prlimit")
        .arg("--as=3221225472")
        .arg(env!("CARGO_BIN_EXE_gongkai"))
        .args(["parse", "--format", "jsonl", "--jobs", "2"])
        .arg(&dir)
        .output()
        .expect("prlimit (util-linux)");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let sources: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["source"].clone())
        .collect();
    assert_eq!(
        sources.len(),
        41,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(sources
        .iter()
        .any(|s| s.as_str().unwrap().ends_with("f20_bomb.pdf")));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn pdf_budgets_are_options() {
    let pdf = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../gongkai/tests/fixtures/real/pdf/huaian-city-2024.pdf");
    let (code, out, err) = gongkai(&["check", "--max-pages", "1", pdf.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("too_large") && out.contains("--max-pages"),
        "{out}"
    );
    let (code, _, err) = gongkai(&["parse", "--max-decoded", "1K", pdf.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("budget of 1024 bytes decoded"), "{err}");
}

#[test]
fn a_text_that_is_not_a_report_is_an_error_of_its_own() {
    let dir = scratch("not-a-report");
    let notice = dir.join("notice.txt");
    std::fs::write(
        &notice,
        "关于开展2024年度春季植树活动的通知\n各单位：\n为改善生态环境，定于3月12日开展植树活动。\n特此通知。\n",
    )
    .unwrap();
    let good = fixture("004_0ab517357debe96d.txt");
    for command in ["parse", "check"] {
        let (code, out, err) = gongkai(&[command, notice.to_str().unwrap(), &good]);
        assert_eq!(code, 2, "{command}: {err}");
        assert!(
            err.contains("notice.txt: the input is not a 政府信息公开工作年度报告"),
            "{command}: {err}"
        );
        // The report beside it is read as usual, and the notice is not a line of output.
        assert!(!out.contains("notice.txt"), "{command}: {out}");
        if command == "check" {
            assert!(err.contains("1 more could not be read"), "{err}");
        }
    }
}

#[test]
fn a_batch_shows_its_progress_when_asked_and_never_with_quiet() {
    let a = fixture("004_0ab517357debe96d.txt");
    let b = fixture("002_a8545102c5627bed.txt");
    let (code, out, err) = gongkai(&["parse", "--format", "jsonl", "--progress", &a, &b]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2);
    assert!(err.contains("gongkai: 2/2 files"), "{err}");
    // Standard error is not a terminal here, so by default there is no progress line.
    let (_, _, err) = gongkai(&["check", &a, &b]);
    assert!(!err.contains("/2 files"), "{err}");
    let (_, _, err) = gongkai(&["check", "--quiet", &a, &b]);
    assert!(!err.contains("/2 files"), "{err}");
}

#[test]
fn labels_outside_the_tidy_csv_are_refused_with_a_word() {
    let file = fixture("004_0ab517357debe96d.txt");
    for format in ["json", "wide", "jsonl"] {
        let (code, out, err) = gongkai(&["parse", "--format", format, "--labels", "zh", &file]);
        assert_eq!(code, 2, "{format}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains("--labels is for --format csv"), "{err}");
    }
}
