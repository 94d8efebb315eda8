//! Diagnostics told in Chinese, for people who read the report in Chinese (the web page's
//! default view). The English `message` stays the record of what happened; this builds a
//! Chinese one from what is stable about a diagnostic: its code ([`Code::describe_zh`]),
//! the field it names (the template's own row and column labels) and, for a consistency
//! check, the template's equation evaluated on the report. Nothing here parses English.

use crate::diagnostic::{Code, Diagnostic};
use crate::report::{Report, Template};
use crate::template::balance::{self, Equation};
use crate::template::parts::{part_title, PARTS};
use crate::template::{column_label, row_label, TABLES};

/// The part of the report a table belongs to, by its contract key.
fn table_part(table: &str) -> Option<u8> {
    TABLES
        .iter()
        .find(|(key, _, _)| *key == table)
        .map(|&(_, part, _)| part)
}

/// Chinese numerals of the parts, as headings print them.
const PART_NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// `三、收到和处理政府信息公开申请情况`.
fn part_heading(n: u8) -> String {
    format!("{}、{}", PART_NUMERALS[usize::from(n - 1)], part_title(n))
}

/// A dotted field (`applications.new_received.total`) in the template's words:
/// `三、收到和处理政府信息公开申请情况：一、本年新收政府信息公开申请数量 · 总计`. Keys the template
/// does not know are shown as they are.
pub(crate) fn field_zh(field: &str, template: Template) -> String {
    let mut keys = field.splitn(3, '.');
    let table = keys.next().unwrap_or_default();
    let Some(part) = table_part(table) else {
        return field.to_string();
    };
    let mut out = part_heading(part);
    if let Some(row) = keys.next() {
        out.push('：');
        out.push_str(row_label(table, template, row).unwrap_or(row));
        if let Some(column) = keys.next() {
            out.push_str(" · ");
            out.push_str(column_label(table, template, row, column).unwrap_or(column));
        }
    }
    out
}

/// What a check's last key names: a column of part 3, a row of part 3, or a group of
/// part 4.
fn check_subject(table: &str, key: &str, template: Template) -> String {
    let label = match table {
        "applications" => row_label(table, template, key)
            .or_else(|| column_label(table, template, "new_received", key)),
        _ => row_label(table, template, key),
    };
    label.unwrap_or(key).to_string()
}

/// The template's equation with this check id (family and key, as
/// [`Equation::id`] holds them apart), evaluated on the report.
fn equation(report: &Report, family: &str, key: &str) -> Option<Equation> {
    balance::applications(&report.applications)
        .into_iter()
        .chain(balance::review_litigation(&report.review_litigation))
        .find(|eq| eq.id == (family, key))
}

/// The quoted originals of an English message (`cell "789(医…)" carries …`): what the
/// report printed, which needs no translation.
fn quoted(message: &str) -> Vec<&str> {
    message
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|q| !q.is_ascii())
        .collect()
}

/// The diagnostic in Chinese: what it means, where (the template's labels), and for a
/// consistency check both sides as evaluated; the original text where the report's own
/// words were quoted. Page and line are left to the caller, which words them.
///
/// ```
/// let report = gongkai::parse("三、收到和处理政府信息公开申请情况\n");
/// let d = gongkai::Diagnostic::new(gongkai::Code::BlankCell, "blank cell read as null")
///     .field("applications.new_received.total");
/// assert_eq!(
///     gongkai::message_zh(&d, &report),
///     "单元格空白，读作空值（null），不当作 0。位置：三、收到和处理政府信息公开申请情况：一、本年新收政府信息公开申请数量 · 总计"
/// );
/// ```
pub fn message_zh(d: &Diagnostic, report: &Report) -> String {
    let template = report.template;
    let mut out = String::from(d.code.describe_zh());
    if let Some(field) = &d.field {
        out.push_str("。位置：");
        out.push_str(&field_zh(field, template));
    }
    if let Some(check) = &d.check {
        let (family, key) = check.rsplit_once('.').unwrap_or_default();
        let table = family.split('.').next().unwrap_or_default();
        if let Some(part) = table_part(table) {
            out.push('。');
            out.push_str(&part_heading(part));
            out.push('：');
            out.push_str(&check_subject(table, key, template));
        }
        if let Some(eq) = equation(report, family, key) {
            let (l, r) = (eq.left.sum(), eq.right.sum());
            let blanks = eq.left.blanks() + eq.right.blanks();
            let sides =
                |rel: &str| format!("，{}={l} {rel} {}={r}", eq.left.what_zh, eq.right.what_zh);
            match d.code {
                Code::CheckFailed if blanks > 0 => {
                    out.push_str(&sides("≠"));
                    out.push_str(&format!("（{blanks} 个空白单元格按 0 计）"));
                }
                Code::CheckFailed => out.push_str(&sides("≠")),
                Code::CheckBlankAsZero => {
                    out.push_str(&sides("="));
                    out.push_str(&format!("（{blanks} 个空白单元格按 0 计）"));
                }
                _ => {}
            }
        }
    }
    if d.code == Code::SectionMissing {
        if let Some((n, _, _)) = PARTS.iter().find(|(_, t, _)| d.message.contains(t)) {
            out.push('：');
            out.push_str(&part_heading(*n));
        }
    }
    let originals = quoted(&d.message);
    if !originals.is_empty() {
        out.push_str("。原文：");
        out.push_str(
            &originals
                .iter()
                .map(|q| format!("「{q}」"))
                .collect::<Vec<_>>()
                .join("、"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_balance_names_both_sides_in_chinese() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/corpus/000_4ad21a775c00ab02.txt"
        ))
        .unwrap();
        let report = crate::parse(&text);
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.code == Code::CheckBlankAsZero)
            .expect("report 000 has a check over blank cells");
        let zh = message_zh(d, &report);
        assert!(
            zh.starts_with("勾稽关系只有把空白单元格当作 0 才成立"),
            "{zh}"
        );
        assert!(
            zh.contains("三、收到和处理政府信息公开申请情况：自然人"),
            "{zh}"
        );
        assert!(zh.contains("(七)总计=1"), "{zh}");
        assert!(zh.ends_with("（2 个空白单元格按 0 计）"), "{zh}");
        // Every diagnostic of the report has a Chinese wording with no English sentence.
        for d in &report.diagnostics {
            let zh = message_zh(d, &report);
            assert!(!zh.contains(" the "), "{zh}");
        }
    }

    #[test]
    fn quoted_originals_and_missing_parts() {
        let report = crate::parse("三、收到和处理政府信息公开申请情况\n");
        let d = Diagnostic::new(
            Code::CellNote,
            "cell \"789(医、护士)\" carries more than its number; kept 789",
        );
        assert!(message_zh(&d, &report).ends_with("原文：「789(医、护士)」"));
        let d = Diagnostic::new(
            Code::SectionMissing,
            "part 5 (存在的主要问题及改进情况) was not found",
        );
        assert_eq!(
            message_zh(&d, &report),
            "六个部分中有一部分没有找到：五、存在的主要问题及改进情况"
        );
    }
}
