//! The docs list every diagnostic code, with the severity the code has.

#[test]
fn every_code_is_documented() {
    let doc = include_str!("../../../docs/diagnostics.md");
    for code in gongkai::Code::ALL {
        let sev = match code.severity() {
            gongkai::Severity::Error => "error",
            gongkai::Severity::Warning => "warning",
        };
        let row = format!("| `{}` | {sev} |", code.as_str());
        assert!(doc.contains(&row), "docs/diagnostics.md lacks {row}");
    }
}
