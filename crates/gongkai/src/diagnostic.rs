//! Diagnostics: everything the parser noticed, as data.
//!
//! Every diagnostic has a stable snake_case [`Code`]; the list of codes and their
//! meaning is in `docs/diagnostics.md`, and [`Code::describe`] says the same in code.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is, by what a user must do about it. Ordered from the most
/// serious: `Error < Warning < Note`, so `d.severity <= Severity::Warning` keeps what
/// needs a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A value could not be read, or a consistency check failed.
    Error,
    /// A value was read with doubt: check it against the source.
    Warning,
    /// A fact about the report that needs no action: a blank cell (its value is null), a
    /// check that could not run because its values are blank, a part not found, the
    /// input's encoding.
    Note,
}

impl Severity {
    /// Every severity, from the most serious.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Note];

    /// The name as serialised: `error`, `warning` or `note`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stable identifier of a diagnostic. Serialised as snake_case.
///
/// New codes come with new inputs and checks, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// A cell is blank: the value is `null`.
    BlankCell,
    /// A cell holds a number and more (a note, a unit, full-width digits...): the number is kept.
    CellNote,
    /// A cell holds no number at all (`/`, `—`, `无`): the value is `null`.
    NoNumber,
    /// A cell's number is in another unit than the template's and was converted.
    UnitConverted,
    /// A row has more cells than the table has columns: the extra cells are ignored.
    ExtraCells,
    /// A row has fewer cells than the table has columns: values fill left to right, the rest are `null`.
    MissingCells,
    /// A row of the template was not found in the table: its values are `null`.
    RowMissing,
    /// A row appears twice in a table: the first one is kept.
    DuplicateRow,
    /// A row with numbers whose label is not a row of the template: it is ignored.
    UnknownRow,
    /// A whole table was not found: its values are `null`.
    TableMissing,
    /// One of the six parts was not found.
    SectionMissing,
    /// A consistency check (勾稽关系) failed.
    CheckFailed,
    /// A consistency check holds only when blank cells are read as zero.
    CheckBlankAsZero,
    /// A consistency check could not be evaluated (a row or table is missing).
    CheckSkipped,
    /// A count cell holds a negative or fractional number where a whole count is expected.
    NotACount,
    /// The input was decoded from an encoding other than UTF-8.
    Encoding,
    /// The table's unit for an amount is not printed; the amount is kept as printed.
    UnitUnknown,
    /// Text of a PDF could not be read as drawn (glyphs without Unicode, an OCR layer).
    PdfText,
    /// The input file is damaged (cut short, or broken inside): what came before the damage
    /// was read, the rest is missing.
    Damaged,
    /// A table is far larger than any report's, or a PDF used up one of its reading
    /// budgets: only what came before was read.
    TooLarge,
    /// The report's text states a total (requests received, reviews…) that differs from
    /// the table's.
    ProseMismatch,
    /// A row's values fit two places (right after its labels, or under the header's
    /// columns; in reading-order text, row by row or column by column), and the table's
    /// other rows do not show which.
    AmbiguousRow,
    /// Numbers standing apart from their row's label were read into the one template
    /// row their position leaves them (reading-order text).
    RowPlaced,
    /// The report's line breaks were lost and were restored at the template's headings
    /// and row labels.
    LinesRestored,
    /// A row's numbers were printed with nothing between them: split where only one
    /// reading exists or adds up, or left null; named either way.
    GluedDigits,
    /// A scan or picture was read by OCR and a value's characters are uncertain (a digit
    /// read with low probability, or a cell that is not a clean number where digits
    /// appear): the page, table, row and column are named, never guessed in silence.
    OcrUncertain,
}

impl Code {
    /// Every code, in documentation order.
    pub const ALL: [Code; 26] = [
        Code::BlankCell,
        Code::CellNote,
        Code::NoNumber,
        Code::UnitConverted,
        Code::ExtraCells,
        Code::MissingCells,
        Code::RowMissing,
        Code::DuplicateRow,
        Code::UnknownRow,
        Code::TableMissing,
        Code::SectionMissing,
        Code::CheckFailed,
        Code::CheckBlankAsZero,
        Code::CheckSkipped,
        Code::NotACount,
        Code::Encoding,
        Code::UnitUnknown,
        Code::PdfText,
        Code::Damaged,
        Code::TooLarge,
        Code::ProseMismatch,
        Code::AmbiguousRow,
        Code::RowPlaced,
        Code::LinesRestored,
        Code::GluedDigits,
        Code::OcrUncertain,
    ];

    /// The stable snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::BlankCell => "blank_cell",
            Code::CellNote => "cell_note",
            Code::NoNumber => "no_number",
            Code::UnitConverted => "unit_converted",
            Code::ExtraCells => "extra_cells",
            Code::MissingCells => "missing_cells",
            Code::RowMissing => "row_missing",
            Code::DuplicateRow => "duplicate_row",
            Code::UnknownRow => "unknown_row",
            Code::TableMissing => "table_missing",
            Code::SectionMissing => "section_missing",
            Code::CheckFailed => "check_failed",
            Code::CheckBlankAsZero => "check_blank_as_zero",
            Code::CheckSkipped => "check_skipped",
            Code::NotACount => "not_a_count",
            Code::Encoding => "encoding",
            Code::UnitUnknown => "unit_unknown",
            Code::PdfText => "pdf_text",
            Code::Damaged => "damaged",
            Code::TooLarge => "too_large",
            Code::ProseMismatch => "prose_mismatch",
            Code::AmbiguousRow => "ambiguous_row",
            Code::RowPlaced => "row_placed",
            Code::LinesRestored => "lines_restored",
            Code::GluedDigits => "glued_digits",
            Code::OcrUncertain => "ocr_uncertain",
        }
    }

    /// What the code means, in one sentence.
    pub fn describe(self) -> &'static str {
        match self {
            Code::BlankCell => "a cell is blank; its value is null",
            Code::CellNote => "a cell carries more than its number (a note, a unit, full-width digits); the number is kept and the original text quoted",
            Code::NoNumber => "a cell holds no number (/, —, 无); its value is null",
            Code::UnitConverted => "a cell's amount was printed in another unit and converted to the template's unit",
            Code::ExtraCells => "a row has more cells than the table has columns; the extra cells are ignored",
            Code::MissingCells => "a row has fewer cells than columns; values fill the columns left to right and the rest are null",
            Code::RowMissing => "a row of the template is not in the table; its values are null",
            Code::DuplicateRow => "a row appears twice; the first is kept",
            Code::UnknownRow => "a row with numbers is not a row of the template; it is ignored",
            Code::TableMissing => "a whole table is missing; its values are null",
            Code::SectionMissing => "one of the six parts was not found",
            Code::CheckFailed => "a consistency check (勾稽关系) failed",
            Code::CheckBlankAsZero => "a consistency check holds only when blank cells are read as zero",
            Code::CheckSkipped => "a consistency check could not be evaluated",
            Code::NotACount => "a count cell holds a negative or fractional number",
            Code::Encoding => "the input was not UTF-8 and was decoded from another encoding",
            Code::UnitUnknown => "the table does not print the unit of an amount; it is kept as printed",
            Code::PdfText => "text of a PDF could not be read as drawn (glyphs without Unicode, or an invisible OCR layer)",
            Code::Damaged => "the input file is damaged; what came before the damage was read and the rest is missing",
            Code::TooLarge => "a table is far larger than any report's, or a PDF used up a reading budget; only what came before was read",
            Code::ProseMismatch => "the report's text states a total that differs from the table's",
            Code::AmbiguousRow => "a row's values fit two positions and the table does not show which; they may be shifted, or are left null",
            Code::RowPlaced => "numbers apart from their row's label were read into the one row their position leaves them",
            Code::LinesRestored => "the report's line breaks were lost; lines were restored at the template's headings and row labels",
            Code::GluedDigits => "a row's numbers were printed with nothing between them; split where only one reading exists or adds up, or left null",
            Code::OcrUncertain => "a scan was read by OCR and a value's characters are uncertain (a digit read with low probability, or not a clean number); the page and cell are named",
        }
    }

    /// What the code means, in one Chinese sentence: the web page shows this (with the
    /// place from [`crate::message_zh`]) where English readers see [`Code::describe`].
    pub fn describe_zh(self) -> &'static str {
        match self {
            Code::BlankCell => "单元格空白，读作空值（null），不当作 0",
            Code::CellNote => {
                "单元格除数字外还有别的内容（注释、单位、全角数字），数字已保留，原文照录"
            }
            Code::NoNumber => "单元格没有数字（/、—、无），读作空值",
            Code::UnitConverted => "金额以别的单位印出，已换算成模板的单位",
            Code::ExtraCells => "这一行的单元格比表格的列多，多出的单元格未读",
            Code::MissingCells => "这一行的单元格比表格的列少，数值自左向右填入，其余为空值",
            Code::RowMissing => "表格里没有模板的这一行，其数值为空值",
            Code::DuplicateRow => "同一行出现了两次，保留第一次",
            Code::UnknownRow => "有一行数字不是模板的行，未读",
            Code::TableMissing => "整张表格没有找到，其数值为空值",
            Code::SectionMissing => "六个部分中有一部分没有找到",
            Code::CheckFailed => "勾稽关系不成立",
            Code::CheckBlankAsZero => "勾稽关系只有把空白单元格当作 0 才成立（数值仍为空值）",
            Code::CheckSkipped => "勾稽关系无法核对：其中的数值全部空白",
            Code::NotACount => "件数单元格里是负数或小数，读作空值",
            Code::Encoding => "文件不是 UTF-8 编码，已按所示编码读取",
            Code::UnitUnknown => "表格没有印出金额的单位，按原样保留",
            Code::PdfText => {
                "PDF 中有文字无法按所绘读出（字形没有 Unicode 对应，或文字只来自不可见的识别层）"
            }
            Code::Damaged => "文件已损坏：损坏之前的内容已读取，之后的数值为空值",
            Code::TooLarge => "表格远大于任何报告的表格，或 PDF 用尽了读取额度：只读取了之前的内容",
            Code::ProseMismatch => "报告正文写出的总数与表格中的不同",
            Code::AmbiguousRow => {
                "这一行的数值可以放在两个位置，表格没有表明是哪一个：可能错位，或留为空值"
            }
            Code::RowPlaced => "数字与其行名分开，按位置读入它唯一可能的那一行",
            Code::LinesRestored => "报告丢失了换行，已在模板的标题和行名处恢复",
            Code::GluedDigits => {
                "一行的数字连在一起印出：只在唯一可能或合计相符时拆分，否则留为空值"
            }
            Code::OcrUncertain => "扫描件经文字识别读取，数值中有不确定的字符",
        }
    }

    /// The severity this code always has.
    pub fn severity(self) -> Severity {
        match self {
            Code::NoNumber
            | Code::RowMissing
            | Code::TableMissing
            | Code::CheckFailed
            | Code::NotACount
            | Code::Damaged
            | Code::TooLarge => Severity::Error,
            // Facts, not doubts: a blank cell is the report's content, a check over blank
            // cells has nothing to say, a missing part of prose holds no value, and the
            // encoding was decoded as named.
            Code::BlankCell
            | Code::CheckSkipped
            | Code::CheckBlankAsZero
            | Code::SectionMissing
            | Code::Encoding => Severity::Note,
            _ => Severity::Warning,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing the parser noticed, or one failed consistency check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Diagnostic {
    /// `error`, `warning` or `note`.
    pub severity: Severity,
    /// Stable identifier, see [`Code`].
    pub code: Code,
    /// What happened, for people; quotes the original text where a value was altered.
    // Borrowed where the message is always the same (`blank cell read as null`): a report
    // makes hundreds of diagnostics, most of them such notes.
    pub message: Cow<'static, str>,
    /// 1-based line of the input where it applies (for paged input, of its page).
    pub line: Option<usize>,
    /// For paged input (PDF): the 1-based page the line is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Dotted path of the value concerned, e.g. `applications.new_received.total`.
    pub field: Option<String>,
    /// For consistency checks: the check's stable id, e.g. `applications.balance.total`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's own severity.
    pub fn new(code: Code, message: impl Into<Cow<'static, str>>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            line: None,
            page: None,
            field: None,
            check: None,
        }
    }

    /// Sets the line.
    pub fn at(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the field path.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Sets the check id.
    pub fn check(mut self, id: impl Into<String>) -> Self {
        self.check = Some(id.into());
        self
    }
}

impl std::fmt::Display for Diagnostic {
    /// `LINE: SEVERITY CODE [FIELD] MESSAGE`, the line and field left out when unknown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(line) = self.line {
            write!(f, "{line}: ")?;
        }
        write!(f, "{} {}", self.severity, self.code)?;
        if let Some(field) = self.field.as_deref().or(self.check.as_deref()) {
            write!(f, " [{field}]")?;
        }
        write!(f, " {}", self.message)
    }
}

/// Formats a message into a string allocated once at a size that fits most messages
/// (`format!` grows its string as it writes, and diagnostics are made by the hundred).
#[doc(hidden)]
pub fn text(args: std::fmt::Arguments<'_>) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(args.as_str().map_or(160, str::len));
    let _ = s.write_fmt(args);
    s
}
