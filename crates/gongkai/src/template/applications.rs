//! Part 3, 收到和处理政府信息公开申请情况: its rows (generated into [`Applications`]),
//! the words each row's label is recognised by, each row's role in the balance, and the
//! applicant columns.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::WordSet;
use crate::report::ApplicationRow;

/// How a row label identifies a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// The label contains one of these words.
    Contains(&'static [&'static str]),
    /// The label is exactly this word once its numbering is stripped.
    Exactly(&'static str),
    /// Like `Exactly`, but only after a row of role [`Outcome::Rejected`] or
    /// [`Outcome::Other`] was seen: the bare `其他` of （六）3.
    ExactlyLate(&'static str),
}

/// How a request was answered: the groups of result rows in part 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// （一）予以公开
    Granted,
    /// （二）部分公开
    PartiallyGranted,
    /// （三）不予公开
    Withheld,
    /// （四）无法提供
    Unavailable,
    /// （五）不予处理
    Rejected,
    /// （六）其他处理
    Other,
}

/// What a part-3 row is in the balance of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// 一、本年新收
    NewReceived,
    /// 二、上年结转
    CarriedOver,
    /// A result row of 三、本年度办理结果, which add up to （七）总计.
    Result(Outcome),
    /// （七）总计
    TotalProcessed,
    /// 四、结转下年度继续办理
    CarriedForward,
}

/// One row of part 3.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ApplicationRowSpec {
    /// The contract key, e.g. `new_received`.
    pub key: &'static str,
    /// Where the spec stands in [`application_spec`] order: the template's rows from 0,
    /// then （六）其他处理 as one row. A reading keeps the rows it found by this.
    pub index: usize,
    /// The row's dotted path, e.g. `applications.new_received`: what its diagnostics
    /// name, written out here so that reading a row joins no string for it.
    pub path: &'static str,
    /// The label as the template prints it.
    pub label: &'static str,
    /// How a report's label is recognised as this row.
    pub pattern: Pattern,
    /// Its role in the checks.
    pub role: Role,
}

macro_rules! application_rows {
    ($($key:ident: $label:literal, $pattern:expr, $role:expr;)*) => {
        /// Part 3: one [`ApplicationRow`] per row of the template.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub struct Applications {
            $(#[doc = $label] pub $key: ApplicationRow,)*
            /// （六）其他处理 as a single row (template 2019, and some 2021 reports):
            /// present only where the report prints the single row.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub other_handling: Option<ApplicationRow>,
        }

        /// The row keys of part 3 in the template's order (without `other_handling`).
        pub const APPLICATION_ROWS: [&str; [$(stringify!($key)),*].len()] = [$(stringify!($key)),*];

        /// The rows of part 3 in the template's order (without `other_handling`).
        pub(crate) const APPLICATION_ROW_SPECS: [ApplicationRowSpec; APPLICATION_ROWS.len()] = {
            let mut specs = [
                $(ApplicationRowSpec {
                    key: stringify!($key),
                    index: 0,
                    path: concat!("applications.", stringify!($key)),
                    label: $label,
                    pattern: $pattern,
                    role: $role,
                },)*
            ];
            let mut k = 0;
            while k < specs.len() {
                specs[k].index = k;
                k += 1;
            }
            specs
        };

        impl Applications {
            /// A row by its contract key, `other_handling` included when present.
            pub fn row(&self, key: &str) -> Option<&ApplicationRow> {
                match key {
                    $(stringify!($key) => Some(&self.$key),)*
                    "other_handling" => self.other_handling.as_ref(),
                    _ => None,
                }
            }

            /// A mutable row by its contract key; `other_handling` is created on demand.
            pub fn row_mut(&mut self, key: &str) -> Option<&mut ApplicationRow> {
                match key {
                    $(stringify!($key) => Some(&mut self.$key),)*
                    "other_handling" => Some(self.other_handling.get_or_insert_with(Default::default)),
                    _ => None,
                }
            }
        }
    };
}

use Outcome::*;
use Pattern::{Contains, Exactly, ExactlyLate};
use Role::{CarriedForward, CarriedOver, NewReceived, TotalProcessed};

application_rows! {
    new_received: "一、本年新收政府信息公开申请数量",
        Contains(&["本年新收", "新收政府信息公开申请"]), NewReceived;
    carried_over: "二、上年结转政府信息公开申请数量", Contains(&["上年结转"]), CarriedOver;
    granted: "三、本年度办理结果（一）予以公开", Contains(&["予以公开"]), Role::Result(Granted);
    partially_granted: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        Contains(&["部分公开"]), Role::Result(PartiallyGranted);
    withheld_state_secret: "（三）不予公开 1.属于国家秘密",
        Contains(&["国家秘密"]), Role::Result(Withheld);
    withheld_prohibited_by_law: "2.其他法律行政法规禁止公开",
        Contains(&["法律行政法规禁止", "禁止公开", "其他法律行政"]), Role::Result(Withheld);
    withheld_security_stability: "3.危及“三安全一稳定”",
        Contains(&["三安全一稳定", "危及"]), Role::Result(Withheld);
    withheld_third_party_rights: "4.保护第三方合法权益",
        Contains(&["第三方合法权益", "保护第三方"]), Role::Result(Withheld);
    withheld_internal_affairs: "5.属于三类内部事务信息",
        Contains(&["内部事务"]), Role::Result(Withheld);
    withheld_process_information: "6.属于四类过程性信息",
        Contains(&["过程性信息"]), Role::Result(Withheld);
    withheld_enforcement_files: "7.属于行政执法案卷",
        Contains(&["执法案卷"]), Role::Result(Withheld);
    withheld_query_matters: "8.属于行政查询事项",
        Contains(&["行政查询", "查询事项"]), Role::Result(Withheld);
    unavailable_not_held: "（四）无法提供 1.本机关不掌握相关政府信息",
        Contains(&["不掌握"]), Role::Result(Unavailable);
    unavailable_needs_creation: "2.没有现成信息需要另行制作",
        Contains(&["另行制作", "没有现成信息"]), Role::Result(Unavailable);
    unavailable_still_unclear: "3.补正后申请内容仍不明确",
        Contains(&["仍不明确", "补正后申请"]), Role::Result(Unavailable);
    rejected_complaint: "（五）不予处理 1.信访举报投诉类申请",
        Contains(&["信访举报投诉", "信访举报", "投诉类"]), Role::Result(Rejected);
    rejected_duplicate: "2.重复申请", Contains(&["重复申请"]), Role::Result(Rejected);
    rejected_publication: "3.要求提供公开出版物", Contains(&["出版物"]), Role::Result(Rejected);
    rejected_excessive: "4.无正当理由大量反复申请", Contains(&["大量反复"]), Role::Result(Rejected);
    rejected_reconfirmation: "5.要求行政机关确认或重新出具已获取信息",
        Contains(&["重新出具", "确认或重新"]), Role::Result(Rejected);
    other_overdue_correction: "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        Contains(&["不补正"]), Role::Result(Other);
    other_unpaid_fee: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        Contains(&["收费通知", "缴纳费用"]), Role::Result(Other);
    other_other: "3.其他", ExactlyLate("其他"), Role::Result(Other);
    total_processed: "（七）总计", Exactly("总计"), TotalProcessed;
    carried_forward: "四、结转下年度继续办理",
        Contains(&["结转下年", "下年度继续办理"]), CarriedForward;
}

/// （六）其他处理 printed as one row instead of its three sub-rows.
pub(crate) const OTHER_HANDLING: ApplicationRowSpec = ApplicationRowSpec {
    key: "other_handling",
    index: APPLICATION_ROWS.len(),
    path: "applications.other_handling",
    label: "（六）其他处理",
    pattern: Exactly("其他处理"),
    role: Role::Result(Other),
};

/// The part-3 row specs in the order labels are matched against them: the template's
/// rows, then （六）其他处理 as one row.
pub(crate) fn application_spec(k: usize) -> Option<&'static ApplicationRowSpec> {
    APPLICATION_ROW_SPECS
        .get(k)
        .or((k == APPLICATION_ROWS.len()).then_some(&OTHER_HANDLING))
}

/// The words of every [`Pattern::Contains`] of part 3, grouped by
/// [`application_spec`] index.
pub(crate) static APPLICATION_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut words = Vec::new();
    for (k, spec) in APPLICATION_ROW_SPECS
        .iter()
        .chain([&OTHER_HANDLING])
        .enumerate()
    {
        if let Pattern::Contains(ws) = spec.pattern {
            words.extend(ws.iter().map(|w| (k, *w)));
        }
    }
    WordSet::new(&words)
});

/// The [`Pattern::Exactly`] and [`Pattern::ExactlyLate`] words of part 3 in
/// [`application_spec`] order: the spec index, the word, and whether only late.
pub(crate) static APPLICATION_EXACT: LazyLock<Vec<(usize, &'static str, bool)>> =
    LazyLock::new(|| {
        (0..=APPLICATION_ROWS.len())
            .filter_map(|k| match application_spec(k)?.pattern {
                Pattern::Contains(_) => None,
                Pattern::Exactly(word) => Some((k, word, false)),
                Pattern::ExactlyLate(word) => Some((k, word, true)),
            })
            .collect()
    });

/// The applicant columns of part 3, in the template's order.
pub const APPLICANT_COLUMNS: [&str; 6] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other",
];

/// Every column key of part 3 with its printed label, in the template's order, the
/// optional 法人或其他组织小计 included.
pub(crate) const APPLICATION_COLUMN_LABELS: [(&str, &str); 8] = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("organizations", "法人或其他组织小计"),
    ("total", "总计"),
];

/// Column header words: a row with two or more of them is a header row.
pub(crate) const HEADER_WORDS: [&str; 9] = [
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

/// Words only the three （六） rows print (逾期不补正, 收费通知, 缴纳费用): a report that
/// prints them has the 25-row part 3, not the 23 rows with the single （六）其他处理.
pub(crate) const OTHER_ROW_WORDS: [&str; 3] = ["不补正", "收费通知", "缴纳费用"];

/// [`HEADER_WORDS`] as one automaton, a group each: how many of them a text holds, found
/// in one pass (a label is asked this for every row of a table).
pub(crate) static HEADER_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| {
    let words: Vec<(usize, &str)> = HEADER_WORDS.iter().copied().enumerate().collect();
    WordSet::new(&words)
});
