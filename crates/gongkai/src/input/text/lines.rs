//! Lines of the input text, numbered from 1.

use crate::normalize::{has_char3, utf8_3};

/// One line of the input, without its line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// The text, without the line break.
    pub text: &'a str,
    /// 1-based line number.
    pub no: usize,
}

impl Line<'_> {
    /// True when the line holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        crate::normalize::is_blank(self.text)
    }

    /// True when a text layout shows the line as a table cell or row: a cell of the
    /// cell-per-line layout (`\tcell`), a markdown pipe row (`| a | b |`), or a line of a
    /// ruled table (`│ a │`, `+---+`). Such a line is never a heading or a title.
    pub fn is_table_cell(&self) -> bool {
        let t = self.text.trim_start();
        self.text.starts_with('\t')
            || t.starts_with('|')
            || t.starts_with("+-")
            || t.starts_with("+=")
            || super::ruled::is_box_line(t)
    }
}

/// True for a line of running text that states counts (`被申请行政复议 1 件，被提起行政诉讼
/// 0 件。`): clause punctuation, and a number followed by a counter word (件, 个, 项, 次,
/// 条, 人). Such a line is prose even where spaces make it look like cells, and never a
/// table row. Lines with tabs, pipes or rules are left to their layout: there a note in
/// a cell is still a cell.
pub fn is_sentence(text: &str) -> bool {
    // The quick test first, on the bytes: most lines hold no clause punctuation.
    const CLAUSE: [[u8; 3]; 3] = [utf8_3('。'), utf8_3('，'), utf8_3('；')];
    if memchr::memchr2(b',', b';', text.as_bytes()).is_none() && !has_char3(text, &CLAUSE) {
        return false;
    }
    let t = text.trim();
    if t.contains(['\t', '|']) || super::ruled::is_box_line(t) {
        return false;
    }
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            while chars
                .peek()
                .is_some_and(|d| d.is_ascii_digit() || ('０'..='９').contains(d))
            {
                chars.next();
            }
            while chars.peek().is_some_and(|d| *d == ' ' || *d == '\u{3000}') {
                chars.next();
            }
            if chars
                .peek()
                .is_some_and(|d| matches!(d, '件' | '个' | '项' | '次' | '条' | '人'))
            {
                return true;
            }
        }
    }
    false
}

/// Splits text into numbered lines. Line breaks are `\n`, `\r\n` or a lone `\r`.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    // Counted first, so that the vector is allocated once at its size: growing it by
    // doubling would hold up to three times the lines' size at the last copy.
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            continue; // the `\n` of a `\r\n` already taken
        }
        out.push(Line {
            text: &text[start..i],
            no: out.len() + 1,
        });
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    if start < text.len() {
        out.push(Line {
            text: &text[start..],
            no: out.len() + 1,
        });
    }
    out
}

/// The line without an indentation of spaces (ASCII, U+3000, NBSP) standing before a
/// tab: an editor's paragraph indent in front of a cell-per-line cell or a tab row, not a
/// cell of its own. Other lines are returned as they are: in aligned text, leading spaces
/// place the columns.
pub fn without_indent(text: &str) -> &str {
    let rest = text.trim_start_matches([' ', '\u{3000}', '\u{a0}']);
    if rest.len() < text.len() && rest.starts_with('\t') {
        rest
    } else {
        text
    }
}

/// True for a line that is furniture around the text, not text: a page header or footer
/// that PDF extraction leaves between the rows of a table (a page number between dashes,
/// `-3-`, `— 3 —`, or `第2页`, `第2页 共5页`, `共5页 第2页`), or a converter's fenced-div
/// line (`::: article`). A bare number is never taken for one: it may be a cell.
pub fn is_page_marker(text: &str) -> bool {
    // Every line is asked this: most start with a char neither kind of marker starts
    // with, and are passed over on that char alone.
    let first = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars()
        .next();
    if !first.is_some_and(|c| matches!(c, ':' | '-' | '—' | '－' | '–' | '―' | '一' | '第' | '共'))
    {
        return false;
    }
    is_div_fence(text) || is_page_number(text)
}

/// True for a fenced-div line of pandoc's markdown (`::: article`, `:::`,
/// `::: {.content}`): markup around the text, never part of it.
fn is_div_fence(text: &str) -> bool {
    let t = text.trim();
    let rest = t.trim_start_matches(':');
    t.len() - rest.len() >= 3
        && !rest.contains(':')
        && rest
            .trim()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " {}.#-_=\"".contains(c))
}

/// True for a page number or page counter that PDF extraction leaves between lines.
fn is_page_number(text: &str) -> bool {
    // Cheap rejection first: this runs on every line.
    let trimmed = crate::normalize::trim(text);
    if trimmed.is_empty() || trimmed.len() > 60 {
        return false;
    }
    if !trimmed.starts_with(['-', '—', '－', '–', '―', '一', '第', '共']) {
        return false;
    }
    let t: String = trimmed
        .chars()
        .filter(|c| !(c.is_whitespace() || *c == '\u{a0}' || *c == '\u{3000}'))
        .collect();
    if t.is_empty() || t.len() > 40 {
        return false;
    }
    let dash = |c: char| matches!(c, '-' | '—' | '－' | '–' | '―' | '一');
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let core = t.trim_matches(dash);
    if core.len() < t.len() && t.starts_with(dash) && t.ends_with(dash) {
        return !core.is_empty() && core.chars().all(digit);
    }
    // 第N页, 共M页, in either order, nothing else.
    let mut rest = t.as_str();
    let mut parts = 0;
    while !rest.is_empty() {
        let Some(r) = rest.strip_prefix('第').or_else(|| rest.strip_prefix('共')) else {
            return false;
        };
        let digits = r.find(|c: char| !digit(c)).unwrap_or(r.len());
        if digits == 0 {
            return false;
        }
        let Some(r) = r[digits..].strip_prefix('页') else {
            return false;
        };
        rest = r.trim_start_matches([',', '，', '/', '、']);
        parts += 1;
    }
    parts > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lines_across_line_endings() {
        let l = lines("a\r\nb\rc\n\nd");
        let t: Vec<_> = l.iter().map(|l| (l.no, l.text)).collect();
        assert_eq!(t, vec![(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d")]);
        assert!(lines("").is_empty());
    }

    #[test]
    fn page_markers() {
        for t in [
            "-3-",
            " — 3 — ",
            "\x0c- 12 -",
            "第2页 共5页",
            "共5页第2页",
            "第 3 页",
            "::: article",
            ":::",
            "::::: {.content #main}",
        ] {
            assert!(is_page_marker(t), "{t:?}");
        }
        for t in [
            "3",
            "0",
            "-18",
            "— —",
            "第二十条第（一）项",
            "第2页的内容",
            ":: 注",
            "::: 说明：见下表",
            "一、总体情况",
        ] {
            assert!(!is_page_marker(t), "{t:?}");
        }
    }
}
