//! The national template as data: the rows and columns of the three tables, the words
//! their labels are recognised by, and the role each row plays in the checks.
//!
//! This is the one place a row of the template is written down. The part-3 struct
//! ([`Applications`]) and its key list are generated from [`application_rows!`]; the
//! table readers match labels with the patterns here; the checks add up rows by their
//! [`Role`]; the tidy rows and the bindings take keys and printed labels from here.
//! Adding a row is one line in the right list.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

use crate::report::{ApplicationRow, Template};

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
        pub(crate) const APPLICATION_ROW_SPECS: [ApplicationRowSpec; APPLICATION_ROWS.len()] = [
            $(ApplicationRowSpec { key: stringify!($key), label: $label, pattern: $pattern, role: $role },)*
        ];

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
    label: "（六）其他处理",
    pattern: Exactly("其他处理"),
    role: Role::Result(Other),
};

/// Words in numbered groups, all found in a text in one pass of an Aho-Corasick
/// automaton built once: which is the first group (in the list's order) one of whose
/// words the text contains. This is how a label is matched against every row of a
/// table: one pass over the label, not a substring search per word per row.
pub(crate) struct WordSet {
    automaton: AhoCorasick,
    /// The group of each word, by the automaton's pattern index.
    group: Vec<usize>,
}

impl WordSet {
    /// A set of `(group, word)`; words must not be empty.
    pub(crate) fn new(words: &[(usize, &'static str)]) -> WordSet {
        let automaton = AhoCorasick::builder()
            // Overlapping search needs the standard match semantics: every word found,
            // wherever it overlaps another.
            .match_kind(MatchKind::Standard)
            .build(words.iter().map(|(_, w)| w))
            .expect("the template's words make a small automaton");
        WordSet {
            automaton,
            group: words.iter().map(|(g, _)| *g).collect(),
        }
    }

    /// The first group one of whose words `text` contains.
    pub(crate) fn first_group(&self, text: &str) -> Option<usize> {
        self.automaton
            .find_overlapping_iter(text)
            .map(|m| self.group[m.pattern().as_usize()])
            .min()
    }
}

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

/// The words of [`DISCLOSURE_LABEL_WORDS`], grouped by their index there.
pub(crate) static DISCLOSURE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let words: Vec<(usize, &str)> = DISCLOSURE_LABEL_WORDS
        .iter()
        .enumerate()
        .map(|(k, (_, w))| (k, *w))
        .collect();
    WordSet::new(&words)
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

/// How a value of part 2 is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// A whole, non-negative count (件).
    Count,
    /// A whole number that may be negative (本年增/减).
    Signed,
    /// An amount in 万元; amounts printed in 元 are converted.
    TenThousandYuan,
    /// An amount in the unit the report prints (template 2019 procurement).
    AsPrinted,
}

/// One column of a part-2 row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ColumnSpec {
    /// The contract key, e.g. `issued`.
    pub key: &'static str,
    /// The header as the template prints it.
    pub label: &'static str,
    /// How its cells are read.
    pub kind: ValueKind,
}

/// One row of part 2.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DisclosureRowSpec {
    /// The contract key, e.g. `rules`.
    pub key: &'static str,
    /// The label as the template prints it.
    pub label: &'static str,
    /// Its columns, in the template's order.
    pub columns: &'static [ColumnSpec],
}

const fn col(key: &'static str, label: &'static str, kind: ValueKind) -> ColumnSpec {
    ColumnSpec { key, label, kind }
}

const DOCUMENTS_2021: &[ColumnSpec] = &[
    col("issued", "本年制发件数", ValueKind::Count),
    col("repealed", "本年废止件数", ValueKind::Count),
    col("in_force", "现行有效件数", ValueKind::Count),
];
const DECISIONS_2021: &[ColumnSpec] = &[col("decisions", "本年处理决定数量", ValueKind::Count)];
const DOCUMENTS_2019: &[ColumnSpec] = &[
    col("made", "本年新制作数量", ValueKind::Count),
    col("published", "本年新公开数量", ValueKind::Count),
    col("total_published", "对外公开总数量", ValueKind::Count),
];
const MATTERS_2019: &[ColumnSpec] = &[
    col("previous", "上一年项目数量", ValueKind::Count),
    col("change", "本年增/减", ValueKind::Signed),
    col("decisions", "处理决定数量", ValueKind::Count),
];

const fn row(
    key: &'static str,
    label: &'static str,
    columns: &'static [ColumnSpec],
) -> DisclosureRowSpec {
    DisclosureRowSpec {
        key,
        label,
        columns,
    }
}

/// Part 2 of template 2021.
pub(crate) const DISCLOSURE_2021: &[DisclosureRowSpec] = &[
    row("rules", "规章", DOCUMENTS_2021),
    row("normative_documents", "行政规范性文件", DOCUMENTS_2021),
    row("licensing", "行政许可", DECISIONS_2021),
    row("punishment", "行政处罚", DECISIONS_2021),
    row("coercion", "行政强制", DECISIONS_2021),
    row(
        "fees",
        "行政事业性收费",
        &[col(
            "amount",
            "本年收费金额（单位：万元）",
            ValueKind::TenThousandYuan,
        )],
    ),
];

/// Part 2 of template 2019.
pub(crate) const DISCLOSURE_2019: &[DisclosureRowSpec] = &[
    row("rules", "规章", DOCUMENTS_2019),
    row("normative_documents", "规范性文件", DOCUMENTS_2019),
    row("licensing", "行政许可", MATTERS_2019),
    row("other_services", "其他对外管理服务事项", MATTERS_2019),
    row("punishment", "行政处罚", MATTERS_2019),
    row("coercion", "行政强制", MATTERS_2019),
    row(
        "fees",
        "行政事业性收费",
        &[
            col("previous", "上一年项目数量", ValueKind::Count),
            col("change", "本年增/减", ValueKind::Signed),
        ],
    ),
    row(
        "procurement",
        "政府集中采购",
        &[
            col("projects", "采购项目数量", ValueKind::Count),
            col("amount", "采购总金额", ValueKind::AsPrinted),
        ],
    ),
];

/// The rows of part 2 in `template`.
pub(crate) fn disclosure_rows(template: Template) -> &'static [DisclosureRowSpec] {
    match template {
        Template::T2021 => DISCLOSURE_2021,
        Template::T2019 => DISCLOSURE_2019,
    }
}

/// The words a part-2 label is recognised by, most specific first, over both templates
/// (a row of the other template is recognised, and reported as out of place).
pub(crate) const DISCLOSURE_LABEL_WORDS: [(&str, &str); 8] = [
    ("normative_documents", "规范性文件"),
    ("rules", "规章"),
    ("other_services", "其他对外管理服务"),
    ("licensing", "行政许可"),
    ("punishment", "行政处罚"),
    ("coercion", "行政强制"),
    ("procurement", "采购"),
    ("fees", "收费"),
];

/// Header words only template 2019 prints in part 2.
pub(crate) const TEMPLATE_2019_WORDS: [&str; 6] = [
    "新制作",
    "新公开",
    "对外公开总数",
    "上一年项目",
    "增/减",
    "其他对外管理服务",
];

/// The outcome columns of part 4, in the template's order.
pub const REVIEW_COLUMNS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];

/// The groups of part 4, in the template's order.
pub const REVIEW_GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];

/// The printed labels of [`REVIEW_COLUMNS`].
pub(crate) const REVIEW_COLUMN_LABELS: [&str; 5] =
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// The printed labels of [`REVIEW_GROUPS`].
pub(crate) const REVIEW_GROUP_LABELS: [&str; 3] = [
    "行政复议",
    "行政诉讼：未经复议直接起诉",
    "行政诉讼：复议后起诉",
];

/// The three tables: contract key, part number and the title the template prints.
pub(crate) const TABLES: [(&str, u8, &str); 3] = [
    ("active_disclosure", 2, "主动公开政府信息情况"),
    ("applications", 3, "收到和处理政府信息公开申请情况"),
    ("review_litigation", 4, "行政复议、行政诉讼"),
];

/// The label the template prints for a row of one of the three tables, by contract keys.
///
/// ```
/// use gongkai::{row_label, Template};
/// assert_eq!(row_label("applications", Template::T2021, "rejected_duplicate"), Some("2.重复申请"));
/// assert_eq!(row_label("active_disclosure", Template::T2019, "normative_documents"), Some("规范性文件"));
/// assert_eq!(row_label("applications", Template::T2021, "nope"), None);
/// ```
pub fn row_label(table: &str, template: Template, key: &str) -> Option<&'static str> {
    match table {
        "active_disclosure" => disclosure_rows(template)
            .iter()
            .find(|r| r.key == key)
            .map(|r| r.label),
        "applications" => APPLICATION_ROW_SPECS
            .iter()
            .chain([&OTHER_HANDLING])
            .find(|r| r.key == key)
            .map(|r| r.label),
        "review_litigation" => REVIEW_GROUPS
            .iter()
            .position(|g| *g == key)
            .map(|i| REVIEW_GROUP_LABELS[i]),
        _ => None,
    }
}

/// The label the template prints for a column of a row, by contract keys.
///
/// ```
/// use gongkai::{column_label, Template};
/// assert_eq!(column_label("applications", Template::T2021, "new_received", "research"), Some("科研机构"));
/// assert_eq!(column_label("active_disclosure", Template::T2021, "rules", "in_force"), Some("现行有效件数"));
/// ```
pub fn column_label(
    table: &str,
    template: Template,
    row: &str,
    column: &str,
) -> Option<&'static str> {
    match table {
        "active_disclosure" => disclosure_rows(template)
            .iter()
            .find(|r| r.key == row)?
            .columns
            .iter()
            .find(|c| c.key == column)
            .map(|c| c.label),
        "applications" => APPLICATION_COLUMN_LABELS
            .iter()
            .find(|(k, _)| *k == column)
            .map(|(_, l)| *l),
        "review_litigation" => REVIEW_COLUMNS
            .iter()
            .position(|c| *c == column)
            .map(|i| REVIEW_COLUMN_LABELS[i]),
        _ => None,
    }
}
