//! Columns aligned with runs of spaces: `pdftotext -layout` output and plain text
//! tables. Cells are split at runs of two or more spaces (or a tab); numbers separated
//! by a single space are split too.
//!
//! ```text
//! 规章            1          0        11
//! 行政许可          447228
//! ```

use super::{Cell, Row};
use crate::normalize::is_blank;
use crate::text::Line;

/// True when the line has a gap of two or more spaces between two pieces of text.
pub fn has_column_gap(t: &str) -> bool {
    let t = t.trim();
    t.contains("  ") || t.contains('\u{3000}')
}

/// True when every character of the token is a digit or a number sign.
fn is_number_token(t: &str) -> bool {
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
}

/// Splits a line into cells at runs of two or more spaces, and between numbers.
pub fn split_cells(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut spaces = 0usize;
    let mut space_start = 0usize;
    for (i, c) in text.char_indices() {
        let is_space = c == ' ' || c == '\t' || c == '\u{3000}' || c == '\u{a0}';
        if is_space {
            if spaces == 0 {
                space_start = i;
            }
            spaces += if c == ' ' || c == '\u{a0}' { 1 } else { 2 };
            continue;
        }
        if let Some(s) = start {
            if spaces >= 2 {
                out.push(&text[s..space_start]);
                start = Some(i);
            } else if spaces == 1 {
                // A single space splits two numbers (`0 0`) but not words (`结 果`).
                let before = &text[s..space_start];
                let last = before.rsplit(' ').next().unwrap_or(before);
                let after_end = text[i..]
                    .find([' ', '\t', '\u{3000}'])
                    .map_or(text.len(), |e| i + e);
                if is_number_token(last) && is_number_token(&text[i..after_end]) {
                    out.push(before);
                    start = Some(i);
                }
            }
        } else {
            start = Some(i);
        }
        spaces = 0;
    }
    if let Some(s) = start {
        let end = if spaces > 0 { space_start } else { text.len() };
        out.push(&text[s..end]);
    }
    out
}

/// The rows of an aligned table region: one row per non-blank line.
pub fn rows(lines: &[Line<'_>]) -> Vec<Row> {
    lines
        .iter()
        .filter(|l| !is_blank(l.text))
        .map(|l| Row {
            cells: split_cells(l.text)
                .into_iter()
                .map(|c| Cell {
                    text: c.to_string(),
                    line: l.no,
                })
                .collect(),
            line: l.no,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_wide_gaps_and_between_numbers() {
        assert_eq!(
            split_cells("规章            1          0        11"),
            ["规章", "1", "0", "11"]
        );
        assert_eq!(
            split_cells("  结 果   维持   0 0 12"),
            ["结 果", "维持", "0", "0", "12"]
        );
        assert_eq!(
            split_cells("行政许可          447228  "),
            ["行政许可", "447228"]
        );
    }
}
