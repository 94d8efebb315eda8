//! Many reports at once: the wide form (one row per report), the rates, and the audit
//! of what no single report shows (carry-over between years, copied reports).
//!
//! This stage comes after the three of the pipeline and only reads finished
//! [`Report`](crate::Report)s: it parses nothing.

pub(crate) mod agency;
mod audit;
mod rates;
mod wide;

pub use agency::{agency_key, AgencyGroups};
pub use audit::{audit, Finding, FindingKind, Source};
pub use rates::{rates_by, GroupBy, Rate, Rates, RATES};
pub use wide::{wide_columns, ValueType, WideColumn, WIDE_LEADING_COLUMNS, WIDE_LEADING_LABELS};
