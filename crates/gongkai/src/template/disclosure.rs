//! Part 2, 主动公开政府信息情况: its rows per template, each row's columns with how
//! their values are read, and the words a row's label and a template are recognised by.

use std::sync::LazyLock;

use super::WordSet;
use crate::report::Template;

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

/// The words of [`DISCLOSURE_LABEL_WORDS`], grouped by their index there.
pub(crate) static DISCLOSURE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let words: Vec<(usize, &str)> = DISCLOSURE_LABEL_WORDS
        .iter()
        .enumerate()
        .map(|(k, (_, w))| (k, *w))
        .collect();
    WordSet::new(&words)
});
