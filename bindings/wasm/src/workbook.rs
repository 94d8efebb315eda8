//! The .xlsx download: reports in wide form, their diagnostics, and what each column is.
//! The page is for people who read Chinese: headers are the template's labels, the
//! diagnostics are worded in Chinese, and a third sheet maps each label to its contract
//! key (as the CSV and JSON name it) and type.

use gongkai::Report;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// The workbook's bytes.
pub(crate) fn write(sources: &[String], reports: &[Report]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();

    let sheet = book.add_worksheet().set_name("报告")?;
    let header: Vec<&str> = gongkai::WIDE_LEADING_LABELS
        .iter()
        .copied()
        .chain(gongkai::wide_columns().iter().map(|c| c.label.as_str()))
        .collect();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, (source, r)) in sources.iter().zip(reports).enumerate() {
        let row = i as u32 + 1;
        let (errors, warnings) = r.counts();
        sheet.write_string(row, 0, source)?;
        if let Some(a) = &r.meta.agency {
            sheet.write_string(row, 1, a)?;
        }
        if let Some(y) = r.meta.year {
            sheet.write_number(row, 2, y)?;
        }
        sheet.write_string(row, 3, r.template.as_str())?;
        sheet.write_number(row, 4, errors as f64)?;
        sheet.write_number(row, 5, warnings as f64)?;
        // A blank stays an empty cell, never 0.
        for (k, v) in r.wide().iter().enumerate() {
            if let Some(x) = v.as_ref().and_then(|v| v.as_f64()) {
                sheet.write_number(row, 6 + k as u16, x)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 1)?;

    let sheet = book.add_worksheet().set_name("提示")?;
    let header = [
        "文件", "级别", "代码", "页", "行", "位置", "说明", "message",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut row = 1u32;
    for (source, r) in sources.iter().zip(reports) {
        for d in &r.diagnostics {
            sheet.write_string(row, 0, source)?;
            sheet.write_string(row, 1, severity_zh(d.severity))?;
            sheet.write_string(row, 2, d.code.as_str())?;
            if let Some(p) = d.page {
                sheet.write_number(row, 3, p as f64)?;
            }
            if let Some(l) = d.line {
                sheet.write_number(row, 4, l as f64)?;
            }
            if let Some(f) = &d.field {
                sheet.write_string(row, 5, f)?;
            }
            sheet.write_string(row, 6, gongkai::message_zh(d, r))?;
            sheet.write_string(row, 7, &*d.message)?;
            row += 1;
        }
    }
    sheet.set_freeze_panes(1, 0)?;

    let sheet = book.add_worksheet().set_name("列")?;
    for (c, h) in ["列名", "key", "类型"].iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let leading = gongkai::WIDE_LEADING_LABELS
        .iter()
        .zip(gongkai::WIDE_LEADING_COLUMNS)
        .map(|(label, key)| (*label, key, ""));
    let values = gongkai::wide_columns().iter().map(|c| {
        let kind = match c.value_type {
            gongkai::ValueType::Integer => "整数",
            gongkai::ValueType::Float => "小数",
        };
        (c.label.as_str(), c.key.as_str(), kind)
    });
    for (i, (label, key, kind)) in leading.chain(values).enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, label)?;
        sheet.write_string(row, 1, key)?;
        sheet.write_string(row, 2, kind)?;
    }
    book.save_to_buffer()
}

/// A severity as the Chinese page says it.
fn severity_zh(s: gongkai::Severity) -> &'static str {
    match s {
        gongkai::Severity::Error => "错误",
        gongkai::Severity::Warning => "警告",
        gongkai::Severity::Note => "说明",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_workbook_is_a_zip_with_both_sheets() {
        let r = gongkai::parse("某县2024年政府信息公开工作年度报告\n一、总体情况\n");
        let bytes = super::write(&["a.txt".to_string()], &[r]).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("xl/worksheets/sheet3.xml"));
    }
}
