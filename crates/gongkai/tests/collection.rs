//! Many reports at once, on the real multi-year fixtures: 洪泽区 2023 and 2024 (PDF) and
//! 平潭综合实验区 2020–2022 (web pages, templates 2019 and 2021); the wide form, the rates,
//! the audit, and the prose check.

use std::path::Path;

use gongkai::{audit, Code, FindingKind, Rates, Report, Source};

fn real(name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name);
    gongkai::parse_path(&path).unwrap()
}

fn sources<'a>(reports: &'a [(&'a str, Report)]) -> Vec<Source<'a>> {
    reports
        .iter()
        .map(|(source, report)| Source { source, report })
        .collect()
}

fn hongze() -> Vec<(&'static str, Report)> {
    vec![
        ("hongze-2023", real("pdf/hongze-district-2023.pdf")),
        ("hongze-2024", real("pdf/hongze-district-2024.pdf")),
    ]
}

fn pingtan() -> Vec<(&'static str, Report)> {
    vec![
        ("pingtan-2020", real("html/pingtan-2020.html")),
        ("pingtan-2021", real("html/pingtan-2021.html")),
        ("pingtan-2022", real("html/pingtan-2022.html")),
    ]
}

#[test]
fn the_hongze_pair_is_one_agency_and_its_carry_over_agrees() {
    let reports = hongze();
    // Checked by hand in the PDFs: the 2023 report prints 洪泽区人民政府 and carries 0
    // forward in every column; the 2024 one prints 淮安市洪泽区人民政府 and carries 0 over.
    assert_eq!(reports[0].1.meta.agency.as_deref(), Some("洪泽区人民政府"));
    assert_eq!(
        reports[1].1.meta.agency.as_deref(),
        Some("淮安市洪泽区人民政府")
    );
    assert_eq!(reports[0].1.applications.carried_forward.total, Some(0));
    assert_eq!(reports[1].1.applications.carried_over.total, Some(0));
    let groups = gongkai::AgencyGroups::new(["洪泽区人民政府", "淮安市洪泽区人民政府"]);
    assert_eq!(groups.len(), 1);
    assert!(audit(&sources(&reports)).is_empty());
}

#[test]
fn a_carry_over_that_does_not_agree_is_found() {
    let mut reports = hongze();
    // The 2023 report as if it had carried 2 requests of natural persons forward.
    let a = &mut reports[0].1.applications.carried_forward;
    a.natural_person = Some(2);
    a.total = Some(2);
    let findings = audit(&sources(&reports));
    let kinds: Vec<_> = findings
        .iter()
        .map(|f| (f.kind, f.field.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                FindingKind::CarryOverMismatch,
                Some("applications.carried_over.natural_person")
            ),
            (
                FindingKind::CarryOverMismatch,
                Some("applications.carried_over.total")
            ),
        ]
    );
    let f = &findings[1];
    assert_eq!((f.source.as_str(), f.year), ("hongze-2024", 2024));
    assert_eq!(
        (f.other_source.as_str(), f.other_year),
        ("hongze-2023", 2023)
    );
    assert_eq!((f.value, f.other_value), (Some(0), Some(2)));
    assert_eq!(f.agency, "淮安市洪泽区人民政府");
    assert!(f.message.contains("carries 2 forward"), "{}", f.message);
}

#[test]
fn pingtan_across_templates_agrees_and_a_null_agency_is_left_out() {
    let mut reports = pingtan();
    // 2021 carries 1 forward (自然人), 2022 carries 1 over: as printed.
    assert_eq!(
        reports[1].1.applications.carried_forward.natural_person,
        Some(1)
    );
    assert_eq!(
        reports[2].1.applications.carried_over.natural_person,
        Some(1)
    );
    assert!(audit(&sources(&reports)).is_empty());
    // Without an agency, 2022 cannot be placed: its changed carry-over is not compared.
    reports[2].1.meta.agency = None;
    reports[2].1.applications.carried_over.natural_person = Some(5);
    assert!(audit(&sources(&reports)).is_empty());
}

#[test]
fn a_report_copied_from_last_year_is_a_likely_copy() {
    // The 2021 page republished as 2022: its tables and prose are 2021's.
    let mut reports = pingtan();
    let copy = reports[1].1.clone();
    reports[2].1 = copy;
    reports[2].1.meta.year = Some(2022);
    let findings = audit(&sources(&reports));
    let kinds: Vec<_> = findings
        .iter()
        .map(|f| (f.kind, f.source.as_str(), f.other_source.as_str()))
        .collect();
    assert!(kinds.contains(&(FindingKind::IdenticalTables, "pingtan-2022", "pingtan-2021")));
    assert!(kinds.contains(&(FindingKind::RepeatedProse, "pingtan-2022", "pingtan-2021")));
    // 2021 carries 1 forward, and the copy carries 0 over: also found.
    assert!(kinds.contains(&(
        FindingKind::CarryOverMismatch,
        "pingtan-2022",
        "pingtan-2021"
    )));
    let prose = findings
        .iter()
        .find(|f| f.kind == FindingKind::RepeatedProse)
        .unwrap();
    assert!(prose.message.contains("本年度全区共收到70件申请") || prose.message.contains("「"));
}

#[test]
fn two_reports_for_one_year_are_named() {
    let mut reports = hongze();
    reports[0].1.meta.year = Some(2024);
    let findings = audit(&sources(&reports));
    assert!(findings.iter().any(|f| f.kind == FindingKind::SameYear));
}

#[test]
fn rates_per_report_and_pooled() {
    let reports = hongze();
    // 2024 (as in the hand-checked values): （一）予以公开 50 of （七）总计 95; 行政复议:
    // 维持 1, 纠正 1, 其他 0; 行政诉讼: 维持 1 + 2, 纠正 0, 其他 1.
    let r = reports[1].1.rates();
    assert_eq!(r.fractions[0], (Some(50), Some(95)));
    assert_eq!(r.get("granted"), Some(50.0 / 95.0));
    assert_eq!(r.get("review_corrected"), Some(0.5));
    assert_eq!(r.fractions[7], (Some(0), Some(4)));
    assert_eq!(r.get("litigation_corrected"), Some(0.0));
    let pooled = Rates::pooled(reports.iter().map(|(_, r)| r));
    assert_eq!(pooled.reports, 2);
    assert_eq!(pooled.fractions[0], (Some(50), Some(21 + 95)));
    // A blank count leaves its report out of that rate only.
    let mut blank = reports[1].1.clone();
    blank.applications.granted.total = None;
    assert_eq!(blank.rates().get("granted"), None);
    let pooled = Rates::pooled([&reports[0].1, &blank]);
    assert_eq!(pooled.fractions[0], (Some(0), Some(21)));
}

#[test]
fn wide_values_are_the_report_values() {
    let reports = pingtan();
    let cols = gongkai::wide_columns();
    let at = |key: &str| cols.iter().position(|c| c.key == key).unwrap();
    let v2020 = reports[0].1.wide();
    let v2021 = reports[1].1.wide();
    let num = |v: &Option<serde_json::Number>| v.as_ref().and_then(|n| n.as_i64());
    assert_eq!(num(&v2021[at("applications.new_received.total")]), Some(70));
    // Template 2019 has no 本年制发件数; template 2021 no 本年新制作数量: null, not 0.
    assert_eq!(v2020[at("active_disclosure.rules.issued")], None);
    assert_eq!(v2021[at("active_disclosure.rules.made")], None);
    assert!(v2020[at("active_disclosure.rules.made")].is_some());
    assert_eq!(v2021.len(), cols.len());
}

#[test]
fn prose_that_disagrees_with_the_tables_is_a_warning() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/html/pingtan-2021.html");
    let page = std::fs::read_to_string(path).unwrap();
    // As printed: 共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理 — all agree.
    let clean = gongkai::parse(&page);
    assert!(!clean
        .diagnostics
        .iter()
        .any(|d| d.code == Code::ProseMismatch));
    let edited = page
        .replace("共收到70件申请", "共收到71件申请")
        .replace("办结69件", "办结68件");
    let report = gongkai::parse(&edited);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ProseMismatch)
        .map(|d| d.field.as_deref().unwrap())
        .collect();
    assert_eq!(
        found,
        [
            "applications.new_received.total",
            "applications.total_processed.total"
        ]
    );
}

#[test]
fn no_prose_warning_on_any_real_fixture() {
    for name in [
        "pdf/hongze-district-2023.pdf",
        "pdf/hongze-district-2024.pdf",
        "pdf/huaian-city-2024.pdf",
        "html/pingtan-2020.html",
        "html/pingtan-2021.html",
        "html/pingtan-2022.html",
        "pdftotext/huaian-city-2024.layout.txt",
        "pdftotext/hongze-district-2024.plain.txt",
    ] {
        let r = real(name);
        let prose: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::ProseMismatch)
            .collect();
        assert!(prose.is_empty(), "{name}: {prose:?}");
    }
}
