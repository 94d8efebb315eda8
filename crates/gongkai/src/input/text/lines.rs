//! Lines of the input text, numbered from 1.

use crate::normalize::utf8_3;

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
    #[inline]
    pub fn is_table_cell(&self) -> bool {
        // Every line is asked this: on the first char alone, most are no cell.
        if self.text.starts_with('\t') {
            return true;
        }
        match first_char(self.text) {
            Some('|') => true,
            Some('+') => {
                let t = self.text.trim_start();
                t.starts_with("+-") || t.starts_with("+=")
            }
            Some(c) => super::ruled::is_box(c),
            None => false,
        }
    }
}

/// The first char of the text that is not whitespace (the first char of
/// `text.trim_start()`), found on the bytes: the spaces before it are passed over
/// without decoding ([`space_len`]), and only that char is decoded.
#[inline]
pub(crate) fn first_char(text: &str) -> Option<char> {
    // Inlined up to the first byte that is no ASCII whitespace: most lines start with
    // an ASCII char, or a tab before one.
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        match *bytes.get(i)? {
            b'\t'..=b'\r' | b' ' => i += 1,
            b if b < 0x80 => return Some(char::from(b)),
            _ => return first_char_from(text, i),
        }
    }
}

/// [`first_char`] from byte `i` on, where a non-ASCII char starts.
#[inline(never)]
fn first_char_from(text: &str, mut i: usize) -> Option<char> {
    let bytes = text.as_bytes();
    loop {
        match *bytes.get(i)? {
            b'\t'..=b'\r' | b' ' => i += 1,
            b if b < 0x80 => return Some(char::from(b)),
            // A char of three bytes from U+4000 on (CJK ideographs, as most lines start,
            // full-width forms): never a space, and put together from its bytes without
            // a decoder.
            lead @ 0xe4..=0xef => {
                let (b1, b2) = (bytes[i + 1], bytes[i + 2]);
                let c =
                    u32::from(lead & 0x0f) << 12 | u32::from(b1 & 0x3f) << 6 | u32::from(b2 & 0x3f);
                return char::from_u32(c);
            }
            _ => match space_len(&bytes[i..]) {
                0 => return text[i..].chars().next(),
                n => i += n,
            },
        }
    }
}

/// The length in bytes of the non-ASCII whitespace char (`char::is_whitespace`) the bytes
/// start with, or 0: U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000.
fn space_len(bytes: &[u8]) -> usize {
    match bytes {
        [0xc2, 0x85 | 0xa0, ..] => 2,
        [0xe1, 0x9a, 0x80, ..]
        | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..]
        | [0xe2, 0x81, 0x9f, ..]
        | [0xe3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// `text.trim()`, with the ASCII whitespace at either end (an indent, a tab, the padding
/// of aligned columns) passed over on the bytes: `trim` decodes and tests a char at a
/// time. Only where a char that may be a non-ASCII space (its lead byte `C2`, `E1`, `E2`
/// or `E3`) then stands at an end is the rest left to `trim`.
pub(crate) fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    let ascii_space = |c: &u8| matches!(c, b'\t'..=b'\r' | b' ');
    // The padding of a cell (a ruled or aligned column) is passed over eight spaces at a
    // time, as one word, and the rest a byte at a time.
    const SPACES: &[u8; 8] = b"        ";
    let mut start = 0;
    while b[start..].starts_with(SPACES) {
        start += 8;
    }
    let Some(first) = b[start..].iter().position(|c| !ascii_space(c)) else {
        return "";
    };
    let start = start + first;
    // Stops above `start`, which is no space.
    let mut end = b.len();
    while b[..end].ends_with(SPACES) {
        end -= 8;
    }
    let end = b[..end]
        .iter()
        .rposition(|c| !ascii_space(c))
        .map_or(start, |e| e + 1);
    let s = &text[start..end];
    let sb = s.as_bytes();
    // The lead byte of the last char: back over its continuation bytes.
    let last = sb
        .iter()
        .rposition(|c| c & 0xc0 != 0x80)
        .map_or(0, |i| sb[i]);
    let may_be_space = |c: u8| matches!(c, 0xc2 | 0xe1 | 0xe2 | 0xe3);
    if may_be_space(sb[0]) || may_be_space(last) {
        s.trim()
    } else {
        s
    }
}

/// The bytes a line holds, as far as telling layouts and sentences apart needs: one bit
/// per kind ([`seen`]). A bit says the byte occurs, not where; what needs more (a gap
/// between cells, a char of three bytes) is looked at only on the lines whose bits allow
/// it. The bytes are taken sixteen at a time into sixteen lanes, with no branch, so that
/// the compiler compares them all at once; the last few are taken alike in a block of
/// their own, padded with zeros (no kind of byte here): byte by byte, a line cost some
/// ten instructions a byte.
pub(crate) fn scan(text: &str) -> u8 {
    #[inline(always)]
    const fn bits(b: u8) -> u8 {
        (b == b'\t') as u8
            | ((b == b'|') as u8) << 1
            | (((b == b',') | (b == b';')) as u8) << 2
            | ((b == b' ') as u8) << 3
            | ((b == 0xe3) as u8) << 4
            | ((b == 0xef) as u8) << 5
            | ((b.wrapping_sub(b'0') < 10) as u8) << 6
    }
    /// The bits of every byte, for the shortest lines.
    const BITS: [u8; 256] = {
        let mut t = [0; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = bits(b as u8);
            b += 1;
        }
        t
    };
    // A line of a few bytes (a cell of one number, `\t0`) is looked up a byte at a time:
    // the sixteen lanes cost some forty instructions, whatever they hold.
    if text.len() < 8 {
        return text.bytes().fold(0, |acc, b| acc | BITS[usize::from(b)]);
    }
    let mut lanes = [0u8; 16];
    for block in text.as_bytes().chunks_exact(16) {
        for (lane, &b) in lanes.iter_mut().zip(block) {
            *lane |= bits(b);
        }
    }
    // The bytes past the last block, in a block of their own with the bytes before them
    // (taken twice, no harm for bits that only say a byte occurs), or, in a line shorter
    // than a block, copied in pieces of fixed size that overlap (a copy of the line's
    // length was a call to `memcpy`).
    let b = text.as_bytes();
    let n = b.len();
    let mut last = [0u8; 16];
    if n >= 16 {
        if !n.is_multiple_of(16) {
            last.copy_from_slice(&b[n - 16..]);
        }
    } else {
        last[..8].copy_from_slice(&b[..8]);
        last[8..].copy_from_slice(&b[n - 8..]);
    }
    for (lane, &b) in lanes.iter_mut().zip(&last) {
        *lane |= bits(b);
    }
    lanes.iter().fold(0, |acc, &lane| acc | lane)
}

/// The bits of [`scan`].
pub(crate) mod seen {
    /// A tab.
    pub const TAB: u8 = 1;
    /// A pipe.
    pub const PIPE: u8 = 1 << 1;
    /// An ASCII comma or semicolon.
    pub const CLAUSE: u8 = 1 << 2;
    /// An ASCII space.
    pub const SPACE: u8 = 1 << 3;
    /// A lead byte `E3`: U+3000–U+3FFF, CJK punctuation (`。`) and the ideographic space.
    pub const E3: u8 = 1 << 4;
    /// A lead byte `EF`: U+F000–U+FFFF, full-width forms (`，`, `；`, `０`).
    pub const EF: u8 = 1 << 5;
    /// An ASCII digit.
    pub const DIGIT: u8 = 1 << 6;
}

/// True for a line of running text that states counts (`被申请行政复议 1 件，被提起行政诉讼
/// 0 件。`): clause punctuation, and a number followed by a counter word (件, 个, 项, 次,
/// 条, 人). Such a line is prose even where spaces make it look like cells, and never a
/// table row. Lines with tabs, pipes or rules are left to their layout: there a note in
/// a cell is still a cell.
///
/// `seen` is the line's [`scan`], taken once for this and for the layout.
pub(crate) fn is_sentence(text: &str, seen: u8) -> bool {
    // The quick test first, on the bytes: most lines hold no clause punctuation. The
    // full-width marks are sought only at their lead bytes (`E3`, `EF`, never inside
    // another char), not char by char through the line.
    const CLAUSE: [[u8; 3]; 3] = [utf8_3('。'), utf8_3('，'), utf8_3('；')];
    let wide_clause = || {
        let b = text.as_bytes();
        memchr::memchr2_iter(0xe3, 0xef, b).any(|i| {
            b.get(i..i + 3)
                .is_some_and(|c| CLAUSE.iter().any(|k| k == c))
        })
    };
    // A count needs a digit: an ASCII one, or a full-width one (lead byte `EF`).
    if seen & (seen::DIGIT | seen::EF) == 0 {
        return false;
    }
    if seen & seen::CLAUSE == 0 && (seen & (seen::E3 | seen::EF) == 0 || !wide_clause()) {
        return false;
    }
    let t = trim(text);
    // A tab or a pipe within the line (one at either end is trimmed off): sought on the
    // bytes, and only in a line that holds one.
    if seen & (seen::TAB | seen::PIPE) != 0 && t.bytes().any(|b| b == b'\t' || b == b'|') {
        return false;
    }
    if super::ruled::is_box_line(t) {
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
#[cfg(test)]
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(line_capacity(text));
    for_each_line(text, |l| out.push(l));
    out
}

/// The room a vector of the text's lines is given: counted first, so that it is
/// allocated once at its size (growing it by doubling would hold up to three times the
/// lines' size at the last copy). A lone `\r` is not counted: text that breaks its lines
/// so is rare, and its vector grows.
pub(crate) fn line_capacity(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1
}

/// Each line of the text, numbered from 1, handed to `f` in order. Line breaks are
/// `\n`, `\r\n` or a lone `\r`.
#[inline]
pub(crate) fn for_each_line<'a>(text: &'a str, mut f: impl FnMut(Line<'a>)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut no = 0;
    while let Some(i) = next_break(bytes, start) {
        no += 1;
        f(Line {
            text: &text[start..i],
            no,
        });
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    if start < text.len() {
        f(Line {
            text: &text[start..],
            no: no + 1,
        });
    }
}

/// The index of the first `\n` or `\r` in the bytes from `from` on.
///
/// Most lines are short (a cell, a few words), and a search call (`memchr2`) cost more
/// in setting up than in searching them. So the first 32 bytes are looked at here, eight
/// at a time as a word: one subtraction flags every byte below `0E`, the line breaks
/// among them (and a tab or another control char, or a byte just above a flagged one,
/// which the test of the byte itself passes over). Only a longer line is left to
/// `memchr2`, which is quicker at length.
#[inline]
fn next_break(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let is_break = |b: u8| b == b'\n' || b == b'\r';
    let mut at = from;
    for _ in 0..4 {
        let Some(word) = bytes.get(at..at + 8) else {
            // Fewer than eight bytes left: the end of the text.
            let rest = bytes.get(at..)?;
            return rest.iter().position(|&b| is_break(b)).map(|k| at + k);
        };
        let x = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        // The high bit of each byte below 0x0E (and below 0x80), and of a byte that
        // borrows from one; never of another byte.
        let mut flagged = x.wrapping_sub(ONES * 0x0e) & !x & HIGH;
        while flagged != 0 {
            let i = at + (flagged.trailing_zeros() / 8) as usize;
            if is_break(bytes[i]) {
                return Some(i);
            }
            flagged &= flagged - 1;
        }
        at += 8;
    }
    memchr::memchr2(b'\n', b'\r', &bytes[at..]).map(|k| at + k)
}

/// The line without an indentation of spaces (ASCII, U+3000, NBSP) standing before a
/// tab: an editor's paragraph indent in front of a cell-per-line cell or a tab row, not a
/// cell of its own. Other lines are returned as they are: in aligned text, leading spaces
/// place the columns.
#[inline]
pub fn without_indent(text: &str) -> &str {
    // Most lines start with no such space (` `, or the lead byte of U+3000 or NBSP).
    if !matches!(text.as_bytes().first(), Some(b' ' | 0xe3 | 0xc2)) {
        return text;
    }
    without_indent_of_spaces(text)
}

/// [`without_indent`] of a line that starts with a byte of a space: out of line, so that
/// the test above is inlined where every line is asked.
#[inline(never)]
fn without_indent_of_spaces(text: &str) -> &str {
    // On the bytes, eight spaces at a time: the indent of an aligned line is long, and
    // was decoded a char at a time.
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        while b[i..].first_chunk::<8>() == Some(&[b' '; 8]) {
            i += 8;
        }
        match b[i..] {
            [b' ', ..] => i += 1,
            [0xe3, 0x80, 0x80, ..] => i += 3, // U+3000
            [0xc2, 0xa0, ..] => i += 2,       // NBSP
            _ => break,
        }
    }
    if i > 0 && b.get(i) == Some(&b'\t') {
        &text[i..]
    } else {
        text
    }
}

/// True for a line that is furniture around the text, not text: a page header or footer
/// that PDF extraction leaves between the rows of a table (a page number between dashes,
/// `-3-`, `— 3 —`, or `第2页`, `第2页 共5页`, `共5页 第2页`), or a converter's fenced-div
/// line (`::: article`). A bare number is never taken for one: it may be a cell.
#[inline(always)]
pub fn is_page_marker(text: &str) -> bool {
    // Every line is asked this: most start with a char neither kind of marker starts
    // with, and are passed over on that char alone, seen on its bytes: neither a
    // marker's first char, nor a space, nor a byte-order mark.
    let bytes = text.as_bytes();
    let Some(i) = bytes
        .iter()
        .position(|&b| !matches!(b, b'\t'..=b'\r' | b' '))
    else {
        return false;
    };
    let rest = &bytes[i..];
    let may_be = match rest {
        [b':' | b'-', ..] => true,
        // `–`, `—`, `―`; `－`; a byte-order mark; 一, 共, 第.
        [0xe2, 0x80, 0x93..=0x95, ..]
        | [0xef, 0xbc, 0x8d, ..]
        | [0xef, 0xbb, 0xbf, ..]
        | [0xe4, 0xb8, 0x80, ..]
        | [0xe5, 0x85, 0xb1, ..]
        | [0xe7, 0xac, 0xac, ..] => true,
        // A space before the first char: the full test.
        _ => space_len(rest) > 0,
    };
    may_be && is_page_marker_past_first_bytes(text)
}

/// [`is_page_marker`] of a line whose first bytes may start a marker: the rest of the
/// test, out of line, so that the quick rejection above is inlined where every line is
/// asked.
#[inline(never)]
fn is_page_marker_past_first_bytes(text: &str) -> bool {
    // A byte-order mark is no whitespace, but is passed over here too.
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let mut chars = t.chars();
    let first = chars.next();
    match first {
        // A fence starts with colons (`:::`), a page number never.
        Some(':') => t[1..].starts_with(':') && is_div_fence(text),
        // `is_page_number` turns most lines that start with 一 or 第 away on their second
        // char.
        Some(c) if c == '第' || c == '共' || is_dash(c) => is_page_number(text),
        _ => false,
    }
}

/// A dash of a page number (`-3-`, `— 3 —`), 一 among them.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '－' | '–' | '―' | '一')
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
    let space = |c: &char| c.is_whitespace() || *c == '\u{a0}' || *c == '\u{3000}';
    let dash = is_dash;
    // An ASCII or a full-width digit.
    let digit = |c: char| crate::grammar::digit_value(c).is_some();
    // The second char (spaces passed over) of a marker is a digit (`第2页`, `- 3 -`) or a
    // dash after a dash (`--3--`): most lines that start with 一 or 第 (`一、总体情况`,
    // `第二十条`) are turned away on it, before their chars are gathered below.
    let mut chars = trimmed.chars().filter(|c| !space(c));
    match (chars.next(), chars.next()) {
        (_, Some(c)) if digit(c) => {}
        (Some(a), Some(b)) if dash(a) && dash(b) => {}
        _ => return false,
    }
    // The chars less the spaces, in a buffer on the stack: a longer line is no marker,
    // and no line asked this allocates.
    let mut buf = [0u8; 40];
    let mut len = 0;
    for c in trimmed.chars().filter(|c| !space(c)) {
        let Some(room) = buf.get_mut(len..len + c.len_utf8()) else {
            return false;
        };
        c.encode_utf8(room);
        len += c.len_utf8();
    }
    let Ok(t) = std::str::from_utf8(&buf[..len]) else {
        return false;
    };
    if t.is_empty() {
        return false;
    }
    let core = t.trim_matches(dash);
    if core.len() < t.len() && t.starts_with(dash) && t.ends_with(dash) {
        return !core.is_empty() && core.chars().all(digit);
    }
    // 第N页, 共M页, in either order, nothing else.
    let mut rest = t;
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
    fn finds_every_break_wherever_it_stands() {
        let naive = |b: &[u8]| -> Vec<usize> {
            (0..b.len())
                .filter(|&i| matches!(b[i], b'\n' | b'\r'))
                .collect()
        };
        // Breaks among tabs, other controls, the bytes just above them and CJK text, at
        // every offset in a word, across words, and past the bytes looked at one by one.
        let pieces: [&[u8]; 9] = [
            b"\n",
            b"\r",
            b"\t",
            b"\x0b",
            b"\x0c",
            b"\x0e",
            b"\x0d\x0e",
            b"\x00",
            "\u{89c4}".as_bytes(),
        ];
        for a in pieces {
            for b in pieces {
                for pad in [0, 1, 2, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 70] {
                    let mut t = vec![b'x'; pad];
                    t.extend_from_slice(a);
                    t.extend_from_slice(b);
                    t.extend_from_slice(&vec![b'y'; pad]);
                    t.extend_from_slice(a);
                    let mut got = Vec::new();
                    let mut from = 0;
                    while let Some(i) = next_break(&t, from) {
                        got.push(i);
                        from = i + 1;
                    }
                    assert_eq!(got, naive(&t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn first_char_is_that_of_trim_start() {
        for s in [
            "",
            " ",
            "\t规章",
            "\u{3000}一",
            "\u{a0}x",
            "\u{85}y",
            "\u{2003}┌",
            "\u{1680}z",
            "\u{feff}1",
            "\x0b-",
            "\x01a",
            "规章",
            "|a",
            "é",
            "€",
            "┌─",
            "－3",
            "—",
            " \t\u{3000}x",
            "\t \u{a0}|",
            "  ",
            "\x1c",
            "\r\n\x0c+",
        ] {
            assert_eq!(first_char(s), s.trim_start().chars().next(), "{s:?}");
        }
    }

    #[test]
    fn scan_sees_each_kind_of_byte_wherever_it_stands() {
        let naive = |t: &str| {
            t.bytes().fold(0u8, |acc, b| {
                acc | match b {
                    b'\t' => seen::TAB,
                    b'|' => seen::PIPE,
                    b',' | b';' => seen::CLAUSE,
                    b' ' => seen::SPACE,
                    0xe3 => seen::E3,
                    0xef => seen::EF,
                    b'0'..=b'9' => seen::DIGIT,
                    _ => 0,
                }
            })
        };
        let long = "规章行政许可其他对外管理服务事项".repeat(3);
        for mark in ["\t", "|", ",", ";", " ", "。", "，", "a", "0", "9"] {
            for at in [0, 3, 15, 30, 45, long.len()] {
                let t = format!("{}{mark}{}", &long[..at], &long[at..]);
                assert_eq!(scan(&t), naive(&t), "{t:?}");
                assert_eq!(scan(&t[at..]), naive(&t[at..]), "{t:?}");
            }
        }
        assert_eq!(scan(""), 0);
        // Every length up to a few blocks, the byte at every place.
        for len in 1..40 {
            for at in 0..len {
                for mark in [
                    "\t", "|", ",", " ", "\u{3000}", "\u{ff0c}", "0", "9", "/", ":",
                ] {
                    let mut t = "x".repeat(len);
                    t.replace_range(at..at + 1, mark);
                    assert_eq!(scan(&t), naive(&t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn first_char_passes_every_space() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("{c}x");
            assert_eq!(first_char(&s), s.trim_start().chars().next(), "{c:?}");
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "\t\t",
            "a",
            " a ",
            "\ta\t",
            "\u{3000}a\u{3000}",
            " \u{3000} a \u{a0}",
            "规章  ",
            "  规章",
            "\u{2003}",
            "a\u{85}",
            "\u{feff}a",
            "é ",
            " \u{1680}x\u{2029}\r\n",
            "                 规章                    ",
            "        ",
            "                ",
            "        \t        a        ",
            "a        ",
            "        a",
            "a                ",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn an_indent_before_a_tab_goes() {
        fn naive(t: &str) -> &str {
            let rest = t.trim_start_matches([' ', '\u{3000}', '\u{a0}']);
            if rest.len() < t.len() && rest.starts_with('\t') {
                rest
            } else {
                t
            }
        }
        for t in [
            "",
            " ",
            "\t0",
            " \t0",
            "          \t0",
            "\u{3000}\t规章",
            " \u{a0} \u{3000}         \t0",
            "           规章   0",
            "\u{3000}\u{3000}一、",
            "\u{a0}",
            "        ",
            "\u{2003}\t0",
        ] {
            assert_eq!(without_indent(t), naive(t), "{t:?}");
        }
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
            "\u{feff}-3-",
            "\u{3000}第 3 页",
            "\u{a0}— 3 —",
            "－3－",
            "--3--",
            "— — 12 — —",
            "第３页",
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
            "第",
            "—",
            "-a-",
            "第二页",
            "— — —",
            "一一",
        ] {
            assert!(!is_page_marker(t), "{t:?}");
        }
    }
}
