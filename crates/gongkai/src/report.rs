//! The report record: the serde types of the JSON contract (`docs/report-json.md`).
//!
//! Every value that a report may leave blank is an `Option`: `None` serialises as
//! `null`, which is never the same as `0`.

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// The version of the JSON contract these types serialise to.
pub const SCHEMA_VERSION: u32 = 1;

/// One parsed annual report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Version of the JSON contract, see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Which national template the report follows.
    pub template: Template,
    /// Title, agency, year, dates and contacts.
    pub meta: Meta,
    /// The six parts, in order of appearance.
    pub sections: Vec<Section>,
    /// Part 2: documents issued, licences, penalties, fees.
    pub active_disclosure: ActiveDisclosure,
    /// Part 3: information requests received and how they were answered.
    pub applications: Applications,
    /// Part 4: administrative reviews and lawsuits.
    pub review_litigation: ReviewLitigation,
    /// Everything the parser noticed, and every failed consistency check.
    pub diagnostics: Vec<Diagnostic>,
}

/// The national template a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Template {
    /// 国办公开办函〔2021〕30号, reports for 2021 onwards.
    #[serde(rename = "2021")]
    T2021,
    /// 国办公开办函〔2019〕60号, reports for 2019 and 2020.
    #[serde(rename = "2019")]
    T2019,
}

impl Template {
    /// `"2021"` or `"2019"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::T2021 => "2021",
            Template::T2019 => "2019",
        }
    }
}

/// Metadata of a report; each field is `None` when the text does not give it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The title as printed, whitespace and line breaks removed.
    pub title: Option<String>,
    /// The reporting body as the title names it.
    pub agency: Option<String>,
    /// The year reported on.
    pub year: Option<i32>,
    /// Start of the statistics period, `YYYY-MM-DD`.
    pub period_start: Option<String>,
    /// End of the statistics period, `YYYY-MM-DD`.
    pub period_end: Option<String>,
    /// The date printed at the end (落款), `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Contact telephone as printed.
    pub phone: Option<String>,
    /// Contact address as printed.
    pub address: Option<String>,
}

/// One of the six parts of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// 1 to 6, by meaning.
    pub number: u8,
    /// The heading line as printed (trimmed).
    pub heading: String,
    /// The part's title without its numbering.
    pub title: String,
    /// The body up to the next part, tables included as printed.
    pub text: String,
    /// 1-based line of the heading.
    pub line: usize,
}

/// A row of part 2 for rules and normative documents (template 2021).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentCounts {
    /// 本年制发件数
    pub issued: Option<u64>,
    /// 本年废止件数
    pub repealed: Option<u64>,
    /// 现行有效件数
    pub in_force: Option<u64>,
}

/// A row of part 2 counting decisions (template 2021).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Decisions {
    /// 本年处理决定数量
    pub decisions: Option<u64>,
}

/// The fees row of part 2 (template 2021).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fees {
    /// 本年收费金额, in 万元.
    pub amount: Option<f64>,
}

/// Part 2 in template 2021.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActiveDisclosure2021 {
    /// 规章
    pub rules: DocumentCounts,
    /// 行政规范性文件
    pub normative_documents: DocumentCounts,
    /// 行政许可
    pub licensing: Decisions,
    /// 行政处罚
    pub punishment: Decisions,
    /// 行政强制
    pub coercion: Decisions,
    /// 行政事业性收费
    pub fees: Fees,
}

/// A documents row of part 2 in template 2019.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentCounts2019 {
    /// 本年新制作数量
    pub made: Option<u64>,
    /// 本年新公开数量
    pub published: Option<u64>,
    /// 对外公开总数量
    pub total_published: Option<u64>,
}

/// A matters row of part 2 in template 2019.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Matters2019 {
    /// 上一年项目数量
    pub previous: Option<u64>,
    /// 本年增/减 (may be negative)
    pub change: Option<i64>,
    /// 处理决定数量
    pub decisions: Option<u64>,
}

/// The fees row of part 2 in template 2019.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fees2019 {
    /// 上一年项目数量
    pub previous: Option<u64>,
    /// 本年增/减 (may be negative)
    pub change: Option<i64>,
}

/// The procurement row of part 2 in template 2019.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Procurement2019 {
    /// 采购项目数量
    pub projects: Option<u64>,
    /// 采购总金额, in the unit printed.
    pub amount: Option<f64>,
}

/// Part 2 in template 2019.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActiveDisclosure2019 {
    /// 规章
    pub rules: DocumentCounts2019,
    /// 规范性文件
    pub normative_documents: DocumentCounts2019,
    /// 行政许可
    pub licensing: Matters2019,
    /// 其他对外管理服务事项
    pub other_services: Matters2019,
    /// 行政处罚
    pub punishment: Matters2019,
    /// 行政强制
    pub coercion: Matters2019,
    /// 行政事业性收费
    pub fees: Fees2019,
    /// 政府集中采购
    pub procurement: Procurement2019,
}

/// Part 2, in the shape of the report's template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ActiveDisclosure {
    /// Template 2021.
    T2021(ActiveDisclosure2021),
    /// Template 2019.
    T2019(ActiveDisclosure2019),
}

/// The applicant columns of part 3, in the template's order.
pub const APPLICANT_COLUMNS: [&str; 6] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other",
];

/// One row of part 3: a count for each applicant type and the total.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicationRow {
    /// 自然人
    pub natural_person: Option<u64>,
    /// 商业企业
    pub commercial: Option<u64>,
    /// 科研机构
    pub research: Option<u64>,
    /// 社会公益组织
    pub social_welfare: Option<u64>,
    /// 法律服务机构
    pub legal_service: Option<u64>,
    /// 其他
    pub other: Option<u64>,
    /// 法人或其他组织小计: present only when the report prints that column.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub organizations: Option<Option<u64>>,
    /// 总计
    pub total: Option<u64>,
}

/// Deserialises a key that is present (even as `null`) to `Some`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u64>>, D::Error> {
    Option::<u64>::deserialize(d).map(Some)
}

impl ApplicationRow {
    /// The value of a column by its contract key (`natural_person` … `total`, `organizations`).
    pub fn get(&self, column: &str) -> Option<Option<u64>> {
        Some(match column {
            "natural_person" => self.natural_person,
            "commercial" => self.commercial,
            "research" => self.research,
            "social_welfare" => self.social_welfare,
            "legal_service" => self.legal_service,
            "other" => self.other,
            "total" => self.total,
            "organizations" => return self.organizations,
            _ => return None,
        })
    }

    /// Sets a column by its contract key; returns false for an unknown key.
    pub fn set(&mut self, column: &str, value: Option<u64>) -> bool {
        let slot = match column {
            "natural_person" => &mut self.natural_person,
            "commercial" => &mut self.commercial,
            "research" => &mut self.research,
            "social_welfare" => &mut self.social_welfare,
            "legal_service" => &mut self.legal_service,
            "other" => &mut self.other,
            "total" => &mut self.total,
            "organizations" => {
                self.organizations = Some(value);
                return true;
            }
            _ => return false,
        };
        *slot = value;
        true
    }
}

macro_rules! application_rows {
    ($($(#[$doc:meta])* $key:ident),* $(,)?) => {
        /// Part 3: one [`ApplicationRow`] per row of the template.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        pub struct Applications {
            $($(#[$doc])* pub $key: ApplicationRow,)*
            /// （六）其他处理 as a single row (template 2019, and some 2021 reports):
            /// present only where the report prints the single row.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub other_handling: Option<ApplicationRow>,
        }

        /// The row keys of part 3 in the template's order (without `other_handling`).
        pub const APPLICATION_ROWS: [&str; 25] = [$(stringify!($key)),*];

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

application_rows! {
    /// 一、本年新收政府信息公开申请数量
    new_received,
    /// 二、上年结转政府信息公开申请数量
    carried_over,
    /// 三、（一）予以公开
    granted,
    /// （二）部分公开
    partially_granted,
    /// （三）1.属于国家秘密
    withheld_state_secret,
    /// 2.其他法律行政法规禁止公开
    withheld_prohibited_by_law,
    /// 3.危及"三安全一稳定"
    withheld_security_stability,
    /// 4.保护第三方合法权益
    withheld_third_party_rights,
    /// 5.属于三类内部事务信息
    withheld_internal_affairs,
    /// 6.属于四类过程性信息
    withheld_process_information,
    /// 7.属于行政执法案卷
    withheld_enforcement_files,
    /// 8.属于行政查询事项
    withheld_query_matters,
    /// （四）1.本机关不掌握相关政府信息
    unavailable_not_held,
    /// 2.没有现成信息需要另行制作
    unavailable_needs_creation,
    /// 3.补正后申请内容仍不明确
    unavailable_still_unclear,
    /// （五）1.信访举报投诉类申请
    rejected_complaint,
    /// 2.重复申请
    rejected_duplicate,
    /// 3.要求提供公开出版物
    rejected_publication,
    /// 4.无正当理由大量反复申请
    rejected_excessive,
    /// 5.要求行政机关确认或重新出具已获取信息
    rejected_reconfirmation,
    /// （六）1.申请人无正当理由逾期不补正…
    other_overdue_correction,
    /// 2.申请人逾期未按收费通知要求缴纳费用…
    other_unpaid_fee,
    /// 3.其他
    other_other,
    /// （七）总计
    total_processed,
    /// 四、结转下年度继续办理
    carried_forward,
}

/// The outcome columns of part 4, in the template's order.
pub const REVIEW_COLUMNS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];

/// The groups of part 4, in the template's order.
pub const REVIEW_GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];

/// One group of part 4.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewOutcomes {
    /// 结果维持
    pub upheld: Option<u64>,
    /// 结果纠正
    pub corrected: Option<u64>,
    /// 其他结果
    pub other: Option<u64>,
    /// 尚未审结
    pub pending: Option<u64>,
    /// 总计
    pub total: Option<u64>,
}

impl ReviewOutcomes {
    /// A mutable slot by column key.
    pub fn slot(&mut self, column: &str) -> Option<&mut Option<u64>> {
        match column {
            "upheld" => Some(&mut self.upheld),
            "corrected" => Some(&mut self.corrected),
            "other" => Some(&mut self.other),
            "pending" => Some(&mut self.pending),
            "total" => Some(&mut self.total),
            _ => None,
        }
    }

    /// The values in [`REVIEW_COLUMNS`] order.
    pub fn values(&self) -> [Option<u64>; 5] {
        [
            self.upheld,
            self.corrected,
            self.other,
            self.pending,
            self.total,
        ]
    }
}

/// Part 4: reviews and lawsuits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewLitigation {
    /// 行政复议
    pub review: ReviewOutcomes,
    /// 行政诉讼 · 未经复议直接起诉
    pub litigation_direct: ReviewOutcomes,
    /// 行政诉讼 · 复议后起诉
    pub litigation_after_review: ReviewOutcomes,
}

impl ReviewLitigation {
    /// A group by key (see [`REVIEW_GROUPS`]).
    pub fn group(&self, key: &str) -> Option<&ReviewOutcomes> {
        match key {
            "review" => Some(&self.review),
            "litigation_direct" => Some(&self.litigation_direct),
            "litigation_after_review" => Some(&self.litigation_after_review),
            _ => None,
        }
    }

    /// A mutable group by key.
    pub fn group_mut(&mut self, key: &str) -> Option<&mut ReviewOutcomes> {
        match key {
            "review" => Some(&mut self.review),
            "litigation_direct" => Some(&mut self.litigation_direct),
            "litigation_after_review" => Some(&mut self.litigation_after_review),
            _ => None,
        }
    }
}

/// One value of one table in long form: what the tidy CSV and data frames hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TidyCell {
    /// `active_disclosure`, `applications` or `review_litigation`.
    pub table: &'static str,
    /// The row key, e.g. `new_received`.
    pub row: String,
    /// The column key, e.g. `natural_person`.
    pub column: String,
    /// The value, `None` when blank.
    pub value: Option<serde_json::Number>,
}

impl Report {
    /// The report as a `serde_json::Value` in the contract's shape.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a report always serialises")
    }

    /// The report as contract JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a report always serialises")
    }

    /// The report as indented contract JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }

    /// Every cell of parts 2–4 in long form, in the contract's key order.
    pub fn tidy(&self) -> Vec<TidyCell> {
        let mut out = Vec::with_capacity(200);
        let value = self.to_value();
        for table in ["active_disclosure", "applications", "review_litigation"] {
            let Some(rows) = value.get(table).and_then(|t| t.as_object()) else {
                continue;
            };
            for (row, cols) in rows {
                let Some(cols) = cols.as_object() else {
                    continue;
                };
                for (column, v) in cols {
                    out.push(TidyCell {
                        table,
                        row: row.clone(),
                        column: column.clone(),
                        value: v.as_number().cloned(),
                    });
                }
            }
        }
        out
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}
