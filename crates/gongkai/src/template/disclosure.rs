//! Part 2, 主动公开政府信息情况: its rows per template, each row's columns with how
//! their values are read, and the words a row's label and a template are recognised by.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

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

/// A value of part 2 as its column reads it, `None` for a blank cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Value {
    /// A [`ValueKind::Count`].
    Count(Option<u64>),
    /// A [`ValueKind::Signed`].
    Signed(Option<i64>),
    /// A [`ValueKind::TenThousandYuan`] or [`ValueKind::AsPrinted`].
    Amount(Option<f64>),
}

/// The Rust type of a column's values, and how a [`Value`] of the right kind fits it.
trait Column: Sized {
    fn from_value(v: Value) -> Option<Option<Self>>;
}

impl Column for u64 {
    fn from_value(v: Value) -> Option<Option<u64>> {
        match v {
            Value::Count(v) => Some(v),
            _ => None,
        }
    }
}

impl Column for i64 {
    fn from_value(v: Value) -> Option<Option<i64>> {
        match v {
            Value::Signed(v) => Some(v),
            _ => None,
        }
    }
}

impl Column for f64 {
    fn from_value(v: Value) -> Option<Option<f64>> {
        match v {
            Value::Amount(v) => Some(v),
            _ => None,
        }
    }
}

/// A row type of part 2: a struct with one field per column, its [`ColumnSpec`]s, and a
/// setter by column key. Several rows share a type (规章 and 行政规范性文件 both count
/// documents), so the row types are written once each and the tables name them.
macro_rules! part2_row {
    ($(#[doc = $doc:literal])* $name:ident {
        $($col:ident: $label:literal, $kind:ident, $ty:ty, $field_doc:literal;)*
    }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub struct $name {
            $(#[doc = $field_doc] pub $col: Option<$ty>,)*
        }

        impl $name {
            const COLUMNS: &'static [ColumnSpec] = &[
                $(ColumnSpec { key: stringify!($col), label: $label, kind: ValueKind::$kind },)*
            ];

            /// Sets a column by key; false for an unknown key or a value of another kind.
            fn set(&mut self, column: &str, value: Value) -> bool {
                match column {
                    $(stringify!($col) => match <$ty>::from_value(value) {
                        Some(v) => {
                            self.$col = v;
                            true
                        }
                        None => false,
                    },)*
                    _ => false,
                }
            }
        }
    };
}

/// Part 2 of one template: a struct with one field per row, and the row specs in the
/// template's order.
macro_rules! part2_table {
    ($(#[doc = $doc:literal])* $name:ident, $specs:ident {
        $($row:ident: $label:literal, $ty:ident;)*
    }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub struct $name {
            $(#[doc = $label] pub $row: $ty,)*
        }

        #[doc = concat!("The rows of [`", stringify!($name), "`] in the template's order.")]
        pub(crate) const $specs: &[DisclosureRowSpec] = &[
            $(DisclosureRowSpec { key: stringify!($row), label: $label, columns: $ty::COLUMNS },)*
        ];

        impl $name {
            /// Sets a value by row and column key; false when the template has no such
            /// cell or the value is of another kind.
            pub(crate) fn set(&mut self, row: &str, column: &str, value: Value) -> bool {
                match row {
                    $(stringify!($row) => self.$row.set(column, value),)*
                    _ => false,
                }
            }
        }
    };
}

part2_row! {
    /// A row of part 2 for rules and normative documents (template 2021).
    DocumentCounts {
        issued: "本年制发件数", Count, u64, "本年制发件数";
        repealed: "本年废止件数", Count, u64, "本年废止件数";
        in_force: "现行有效件数", Count, u64, "现行有效件数";
    }
}

part2_row! {
    /// A row of part 2 counting decisions (template 2021).
    Decisions {
        decisions: "本年处理决定数量", Count, u64, "本年处理决定数量";
    }
}

part2_row! {
    /// The fees row of part 2 (template 2021).
    Fees {
        amount: "本年收费金额（单位：万元）", TenThousandYuan, f64, "本年收费金额, in 万元.";
    }
}

part2_table! {
    /// Part 2 in template 2021.
    ActiveDisclosure2021, DISCLOSURE_2021 {
        rules: "规章", DocumentCounts;
        normative_documents: "行政规范性文件", DocumentCounts;
        licensing: "行政许可", Decisions;
        punishment: "行政处罚", Decisions;
        coercion: "行政强制", Decisions;
        fees: "行政事业性收费", Fees;
    }
}

part2_row! {
    /// A documents row of part 2 in template 2019.
    DocumentCounts2019 {
        made: "本年新制作数量", Count, u64, "本年新制作数量";
        published: "本年新公开数量", Count, u64, "本年新公开数量";
        total_published: "对外公开总数量", Count, u64, "对外公开总数量";
    }
}

part2_row! {
    /// A matters row of part 2 in template 2019.
    Matters2019 {
        previous: "上一年项目数量", Count, u64, "上一年项目数量";
        change: "本年增/减", Signed, i64, "本年增/减 (may be negative)";
        decisions: "处理决定数量", Count, u64, "处理决定数量";
    }
}

part2_row! {
    /// The fees row of part 2 in template 2019.
    Fees2019 {
        previous: "上一年项目数量", Count, u64, "上一年项目数量";
        change: "本年增/减", Signed, i64, "本年增/减 (may be negative)";
    }
}

part2_row! {
    /// The procurement row of part 2 in template 2019.
    Procurement2019 {
        projects: "采购项目数量", Count, u64, "采购项目数量";
        amount: "采购总金额", AsPrinted, f64, "采购总金额, in the unit printed.";
    }
}

part2_table! {
    /// Part 2 in template 2019.
    ActiveDisclosure2019, DISCLOSURE_2019 {
        rules: "规章", DocumentCounts2019;
        normative_documents: "规范性文件", DocumentCounts2019;
        licensing: "行政许可", Matters2019;
        other_services: "其他对外管理服务事项", Matters2019;
        punishment: "行政处罚", Matters2019;
        coercion: "行政强制", Matters2019;
        fees: "行政事业性收费", Fees2019;
        procurement: "政府集中采购", Procurement2019;
    }
}

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

/// Header words only template 2021 prints in part 2.
pub(crate) const TEMPLATE_2021_WORDS: [&str; 3] = ["本年制发", "现行有效", "本年处理决定"];

/// Words of part 2's header rows (信息内容, the column heads).
pub(crate) const HEADER_WORDS: [&str; 1] = ["信息内容"];

/// How a header row of part 2 may start: the template's 第二十条第（一）项 heading.
pub(crate) const HEADER_STARTS: [&str; 1] = ["第二十条"];

/// The notice that set the 2019 template (国办公开办函〔2019〕60号), which reports on it
/// cite: where part 2 does not show the template, a report citing it is read as 2019.
pub(crate) const TEMPLATE_2019_NOTICE: &str = "〔2019〕60号";

/// Header words only template 2019 prints in part 2.
pub(crate) const TEMPLATE_2019_WORDS: [&str; 6] = [
    "新制作",
    "新公开",
    "对外公开总数",
    "上一年项目",
    "增/减",
    "其他对外管理服务",
];

/// [`TEMPLATE_2019_WORDS`] (group 0) and [`TEMPLATE_2021_WORDS`] (group 1) as one
/// automaton: which template a cell's words name, in one pass over it.
pub(crate) static TEMPLATE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let words: Vec<(usize, &str)> = TEMPLATE_2019_WORDS
        .iter()
        .map(|w| (0, *w))
        .chain(TEMPLATE_2021_WORDS.iter().map(|w| (1, *w)))
        .collect();
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
