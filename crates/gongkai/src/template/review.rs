//! Part 4, 政府信息公开行政复议、行政诉讼情况: its groups and outcome columns.

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
