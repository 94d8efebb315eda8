//! The report record: the serde types of the JSON output (`docs/report-json.md`).
//!
//! Every value that a report may leave blank is an `Option`: `None` serialises as
//! `null`, which is never the same as `0`.

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::template::disclosure::Value;
pub use crate::template::disclosure::{
    ActiveDisclosure2019, ActiveDisclosure2021, Decisions, DocumentCounts, DocumentCounts2019,
    Fees, Fees2019, Matters2019, Procurement2019,
};
pub use crate::template::Applications;

/// The version of the JSON contract these types serialise to.
pub const SCHEMA_VERSION: u32 = 1;

/// One parsed annual report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// A template name other than `"2019"` or `"2021"`, as its `FromStr` (`"2021".parse::<Template>()`) met it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownTemplate(pub String);

impl std::fmt::Display for UnknownTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "template must be \"2019\" or \"2021\", not {:?}", self.0)
    }
}

impl std::error::Error for UnknownTemplate {}

impl std::str::FromStr for Template {
    type Err = UnknownTemplate;

    /// `"2021"` or `"2019"`, the names [`Template::as_str`] gives.
    ///
    /// ```
    /// use gongkai::Template;
    /// assert_eq!("2019".parse::<Template>(), Ok(Template::T2019));
    /// let err = "2020".parse::<Template>().unwrap_err();
    /// assert_eq!(err.to_string(), r#"template must be "2019" or "2021", not "2020""#);
    /// ```
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "2021" => Ok(Template::T2021),
            "2019" => Ok(Template::T2019),
            other => Err(UnknownTemplate(other.to_string())),
        }
    }
}

/// Metadata of a report; each field is `None` when the text does not give it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Section {
    /// 1 to 6, by meaning.
    pub number: u8,
    /// The heading line as printed (trimmed).
    pub heading: String,
    /// The part's title without its numbering.
    pub title: String,
    /// The body up to the next part, tables included as printed.
    pub text: String,
    /// 1-based line of the heading (for paged input, on its page).
    pub line: usize,
    /// For paged input (PDF): the 1-based page of the heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
}

/// Part 2, in the shape of the report's template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ActiveDisclosure {
    /// Template 2021.
    T2021(ActiveDisclosure2021),
    /// Template 2019.
    T2019(ActiveDisclosure2019),
}

impl ActiveDisclosure {
    /// Sets a value by row and column key; false when the template has no such cell or
    /// the value is of another kind than the column's.
    pub(crate) fn set(&mut self, row: &str, column: &str, value: Value) -> bool {
        match self {
            ActiveDisclosure::T2021(t) => t.set(row, column, value),
            ActiveDisclosure::T2019(t) => t.set(row, column, value),
        }
    }

    /// Part 2 of `template` with every value `null`.
    pub fn empty(template: Template) -> Self {
        match template {
            Template::T2021 => ActiveDisclosure::T2021(Default::default()),
            Template::T2019 => ActiveDisclosure::T2019(Default::default()),
        }
    }
}

/// One row of part 3: a count for each applicant type and the total.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    pub organizations: Option<Option<u64>>,
    /// 总计
    pub total: Option<u64>,
}

/// Deserialises a key that is present (even as `null`) to `Some`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u64>>, D::Error> {
    Option::<u64>::deserialize(d).map(Some)
}

impl ApplicationRow {
    /// The applicant columns' values, in the order of
    /// [`crate::template::APPLICANT_COLUMNS`]: the sums of the checks read the columns by
    /// their place, with no key to match.
    pub(crate) fn applicants(&self) -> [Option<u64>; 6] {
        [
            self.natural_person,
            self.commercial,
            self.research,
            self.social_welfare,
            self.legal_service,
            self.other,
        ]
    }

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

/// One group of part 4.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

    /// The values in [`crate::REVIEW_COLUMNS`] order.
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReviewLitigation {
    /// 行政复议
    pub review: ReviewOutcomes,
    /// 行政诉讼 · 未经复议直接起诉
    pub litigation_direct: ReviewOutcomes,
    /// 行政诉讼 · 复议后起诉
    pub litigation_after_review: ReviewOutcomes,
}

impl ReviewLitigation {
    /// A group by key (see [`crate::REVIEW_GROUPS`]).
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

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}
