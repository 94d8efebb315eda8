//! The words a report's lines start with, for text whose line breaks were lost
//! ([`crate::repair`]): the part headings, the header words and row labels of parts 2
//! and 3, each row with its contract key. A line is cut again where one of these starts.
//!
//! They are the template's labels as reports print them at the start of a line, shorter
//! than the full labels where reports vary the end; the tests hold them to the template.

/// The part headings: numbering and words.
pub(crate) const PARTS: [(&str, &str); 6] = [
    ("一、", "总体情况"),
    ("二、", "主动公开政府信息情况"),
    ("三、", "收到和处理政府信息公开申请情况"),
    ("四、", "政府信息公开行政复议"),
    ("五、", "存在的主要问题及改进情况"),
    ("六、", "其他需要报告的事项"),
];

/// Part 2: words that open a header line or a row, and the row's number of columns in
/// template 2021 (`0`: a header, no numbers read).
pub(crate) const PART2: [(&str, Option<&str>, usize); 10] = [
    ("第二十条第", None, 0),
    ("信息内容", None, 0),
    ("规章", Some("rules"), 3),
    ("行政规范性文件", Some("normative_documents"), 3),
    ("规范性文件", Some("normative_documents"), 3),
    ("行政许可", Some("licensing"), 1),
    ("行政处罚", Some("punishment"), 1),
    ("行政强制", Some("coercion"), 1),
    ("行政事业性收费", Some("fees"), 1),
    ("其他对外管理服务事项", Some("other_services"), 3),
];

/// Part 3: the words of each row label (the numbering before them goes with them), the
/// row's key (`None`: a group label or header, no numbers), and whether the words stand
/// only after a numbering (`3.其他`, `（七）总计`: the bare words are header cells).
pub(crate) const PART3: [(&str, Option<&str>, bool); 31] = [
    ("申请人情况", None, false),
    ("本年新收", Some("new_received"), false),
    ("上年结转", Some("carried_over"), false),
    ("本年度办理结果", None, false),
    ("予以公开", Some("granted"), false),
    ("部分公开", Some("partially_granted"), false),
    ("不予公开", None, false),
    ("属于国家秘密", Some("withheld_state_secret"), false),
    (
        "其他法律行政法规禁止公开",
        Some("withheld_prohibited_by_law"),
        false,
    ),
    ("危及", Some("withheld_security_stability"), false),
    (
        "保护第三方合法权益",
        Some("withheld_third_party_rights"),
        false,
    ),
    (
        "属于三类内部事务信息",
        Some("withheld_internal_affairs"),
        false,
    ),
    (
        "属于四类过程性信息",
        Some("withheld_process_information"),
        false,
    ),
    (
        "属于行政执法案卷",
        Some("withheld_enforcement_files"),
        false,
    ),
    ("属于行政查询事项", Some("withheld_query_matters"), false),
    ("无法提供", None, false),
    ("本机关不掌握", Some("unavailable_not_held"), false),
    ("没有现成信息", Some("unavailable_needs_creation"), false),
    (
        "补正后申请内容仍不明确",
        Some("unavailable_still_unclear"),
        false,
    ),
    ("不予处理", None, false),
    ("信访举报投诉", Some("rejected_complaint"), false),
    ("重复申请", Some("rejected_duplicate"), false),
    ("要求提供公开出版物", Some("rejected_publication"), false),
    ("无正当理由大量反复申请", Some("rejected_excessive"), false),
    ("要求行政机关确认", Some("rejected_reconfirmation"), false),
    ("其他处理", Some("other_handling"), false),
    (
        "申请人无正当理由逾期不补正",
        Some("other_overdue_correction"),
        false,
    ),
    ("申请人逾期未按收费通知", Some("other_unpaid_fee"), false),
    ("其他", Some("other_other"), true),
    ("总计", Some("total_processed"), true),
    ("结转下年度继续办理", Some("carried_forward"), false),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Template;
    use crate::template::{application_spec, disclosure_rows, parts};

    #[test]
    fn every_key_is_a_row_of_the_template() {
        for (_, key, _) in PART3 {
            if let Some(key) = key {
                assert!(
                    (0..=crate::template::APPLICATION_ROWS.len())
                        .any(|k| application_spec(k).map(|s| s.key) == Some(key)),
                    "{key}"
                );
            }
        }
        for (_, key, columns) in PART2 {
            if let Some(key) = key {
                let in_2021 = disclosure_rows(Template::T2021)
                    .iter()
                    .find(|r| r.key == key);
                let in_2019 = disclosure_rows(Template::T2019)
                    .iter()
                    .find(|r| r.key == key);
                let row = in_2021.or(in_2019).unwrap_or_else(|| panic!("{key}"));
                assert_eq!(row.columns.len(), columns, "{key}");
            }
        }
    }

    #[test]
    fn headings_start_the_template_titles() {
        for (k, (_, words)) in PARTS.iter().enumerate() {
            assert!(parts::PARTS[k].1.starts_with(words), "{words}");
        }
    }
}
