//! Part 3: the applications table (25 rows × 7 columns, or 8 with 法人或其他组织小计).

use super::cells::{count, first_time, fit, split, SplitRow};
use crate::diagnostic::{Code, Diagnostic};
use crate::layout::Grid;
use crate::normalize::{fold, has};
use crate::report::{Applications, APPLICANT_COLUMNS, APPLICATION_ROWS};

/// How a row label identifies a row: by a distinctive piece it contains, or by being
/// exactly a word (after its numbering is stripped).
enum Pattern {
    Contains(&'static [&'static str]),
    Exactly(&'static str),
}

use Pattern::{Contains, Exactly};

/// The rows of part 3 and how their labels are recognised, misprints included.
const ROWS: [(&str, Pattern); 26] = [
    (
        "new_received",
        Contains(&["本年新收", "新收政府信息公开申请"]),
    ),
    ("carried_over", Contains(&["上年结转"])),
    ("granted", Contains(&["予以公开"])),
    ("partially_granted", Contains(&["部分公开"])),
    ("withheld_state_secret", Contains(&["国家秘密"])),
    (
        "withheld_prohibited_by_law",
        Contains(&["法律行政法规禁止", "禁止公开"]),
    ),
    (
        "withheld_security_stability",
        Contains(&["三安全一稳定", "危及"]),
    ),
    (
        "withheld_third_party_rights",
        Contains(&["第三方合法权益", "保护第三方"]),
    ),
    ("withheld_internal_affairs", Contains(&["内部事务"])),
    ("withheld_process_information", Contains(&["过程性信息"])),
    ("withheld_enforcement_files", Contains(&["执法案卷"])),
    (
        "withheld_query_matters",
        Contains(&["行政查询", "查询事项"]),
    ),
    ("unavailable_not_held", Contains(&["不掌握"])),
    (
        "unavailable_needs_creation",
        Contains(&["另行制作", "没有现成信息"]),
    ),
    (
        "unavailable_still_unclear",
        Contains(&["仍不明确", "补正后申请"]),
    ),
    (
        "rejected_complaint",
        Contains(&["信访举报投诉", "信访举报", "投诉类"]),
    ),
    ("rejected_duplicate", Contains(&["重复申请"])),
    ("rejected_publication", Contains(&["出版物"])),
    ("rejected_excessive", Contains(&["大量反复"])),
    (
        "rejected_reconfirmation",
        Contains(&["重新出具", "确认或重新"]),
    ),
    ("other_overdue_correction", Contains(&["不补正"])),
    ("other_unpaid_fee", Contains(&["收费通知", "缴纳费用"])),
    ("other_handling", Exactly("其他处理")),
    ("other_other", Exactly("其他")),
    ("total_processed", Exactly("总计")),
    ("carried_forward", Contains(&["结转下年", "下年度继续办理"])),
];

/// Column header words: a row with two or more of them is a header row.
const HEADER_WORDS: [&str; 9] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
    "法人或其他组织",
    "申请人情况",
];

fn is_header(row: &SplitRow<'_>) -> bool {
    let n = row
        .labels
        .iter()
        .filter(|c| {
            let t = fold(&c.text);
            HEADER_WORDS.iter().any(|w| t == *w) || has(&t, "小计")
        })
        .count();
    n >= 2
        || (n == 1
            && row
                .values
                .iter()
                .all(|c| crate::normalize::is_blank(&c.text)))
}

/// The key of the row a label names; `seen_rejected` allows the bare `其他` row.
fn match_row(row: &SplitRow<'_>, seen_late_rows: bool) -> Option<&'static str> {
    let last = row.last_label();
    for (key, pattern) in &ROWS {
        let hit = match pattern {
            Contains(words) => words.iter().any(|w| has(&last, w)),
            Exactly(word) => {
                last == *word
                    && match *key {
                        "other_other" => seen_late_rows,
                        _ => true,
                    }
            }
        };
        if hit {
            return Some(key);
        }
    }
    // A label wrapped over cells: try the whole label text.
    let all = row.all_labels();
    ROWS.iter().find_map(|(key, p)| match p {
        Contains(words) if words.iter().any(|w| has(&all, w)) => Some(*key),
        _ => None,
    })
}

/// Reads part 3 from its grid into `apps`, with diagnostics. Returns false when no row
/// of the table was found.
pub fn read(grid: &Grid, apps: &mut Applications, diags: &mut Vec<Diagnostic>) -> bool {
    let mut columns: Vec<&str> = APPLICANT_COLUMNS.to_vec();
    columns.push("total");
    let mut found: Vec<&str> = Vec::with_capacity(26);
    for row in &grid.rows {
        let row = split(row);
        if row.labels.is_empty() {
            continue;
        }
        if is_header(&row) {
            if row.labels.iter().any(|c| fold(&c.text).contains("小计")) && columns.len() == 7 {
                columns.insert(6, "organizations");
            }
            continue;
        }
        if row.values.is_empty() {
            continue;
        }
        let late = found
            .iter()
            .any(|k| k.starts_with("rejected_") || k.starts_with("other_"));
        let Some(key) = match_row(&row, late) else {
            if row.has_number() {
                diags.push(
                    Diagnostic::new(
                        Code::UnknownRow,
                        msg!(
                            "row {:?} is not a row of the template; ignored",
                            row.all_labels()
                        ),
                    )
                    .at(row.line),
                );
            }
            continue;
        };
        let field = msg!("applications.{key}");
        if !first_time(&mut found, key, &field, row.line, diags) {
            continue;
        }
        let cells = fit(
            &row.values,
            columns.len(),
            grid.layout,
            &field,
            row.line,
            diags,
        );
        let target = apps.row_mut(key).expect("known row key");
        for (col, cell) in columns.iter().zip(cells) {
            let v = count(cell, &format_args!("{field}.{col}"), diags);
            target.set(col, v);
        }
    }
    if found.is_empty() {
        return false;
    }
    let single_other = found.contains(&"other_handling");
    if !single_other && !found.iter().any(|k| k.starts_with("other_")) {
        diags.push(
            Diagnostic::new(
                Code::RowMissing,
                "neither the three （六） rows nor the single （六）其他处理 row was found; their values are null",
            )
            .field("applications.other_handling"),
        );
    }
    for key in APPLICATION_ROWS {
        if found.contains(&key) {
            continue;
        }
        if single_other && key.starts_with("other_") {
            continue; // The report prints （六）其他处理 as one row.
        }
        diags.push(
            Diagnostic::new(
                Code::RowMissing,
                msg!("row {key} was not found in the table; its values are null"),
            )
            .field(msg!("applications.{key}")),
        );
    }
    true
}
