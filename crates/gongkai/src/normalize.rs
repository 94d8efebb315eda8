//! Text normalisation shared by the layout and semantic stages.
//!
//! Labels are compared after [`fold`]: whitespace removed, full-width ASCII folded to
//! half-width, the many dashes, quotes and brackets of Chinese typography folded to one
//! form each.

use std::borrow::Cow;

/// Folds one character: full-width ASCII to half-width, typographic variants to one form.
/// Returns `None` for whitespace (including U+3000 and NBSP), which [`fold`] drops.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{feff}' => None,
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        '“' | '”' | '„' | '‟' | '″' | '「' | '」' | '『' | '』' => Some('"'),
        '‘' | '’' | '′' => Some('\''),
        '【' | '〔' => Some('['),
        '】' | '〕' => Some(']'),
        '—' | '–' | '‐' | '‑' | '‒' | '―' | '−' => Some('-'),
        '\u{2e80}'..='\u{2fdf}' | '\u{f900}'..='\u{faff}' | '\u{2f800}'..='\u{2fa1f}' => {
            Some(unradical(c))
        }
        _ => Some(c),
    }
}

/// The unified ideograph a compatibility code point stands for (a Kangxi radical, a CJK
/// Radicals Supplement radical, a CJK compatibility ideograph), from Unicode's data (see
/// [`crate::ideographs`]); any other char unchanged. Some PDF producers map glyphs to
/// these code points in their ToUnicode tables (`⾏政处罚`, `人⺠政府`).
pub fn unradical(c: char) -> char {
    if (c as u32) < 0x2e80 {
        return c;
    }
    crate::ideographs::unified(c).unwrap_or(c)
}

/// [`unradical`] over a string, borrowing it when it holds no compatibility ideograph.
/// The bytes are scanned first: every such code point's UTF-8 starts `E2 BA`–`E2 BF`
/// (U+2E80–U+2FFF), `EF A4`–`EF AB` (U+F900–U+FAFF) or `F0 AF` (U+2F800–U+2FA1F), so the
/// common text without any costs a byte search and no char decoding.
pub fn unradicals(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let maybe = memchr::memchr3_iter(0xe2, 0xef, 0xf0, b).any(|i| {
        matches!(
            (b[i], b.get(i + 1)),
            (0xe2, Some(0xba..=0xbf)) | (0xef, Some(0xa4..=0xab)) | (0xf0, Some(0xaf))
        )
    });
    if maybe && s.chars().any(|c| unradical(c) != c) {
        Cow::Owned(s.chars().map(unradical).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// True when the char a byte starts may be one [`fold_char`] changes (whitespace,
/// full-width forms, typographic variants, radicals). Only ASCII whitespace and chars whose UTF-8 starts
/// with `C2`, `E1`, `E2`, `E3` or `EF` can fold: CJK ideographs (`E4`–`E9`) and the
/// rest of ASCII never do.
#[inline]
const fn may_fold(b: u8) -> bool {
    matches!(
        b,
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef
    )
}

/// How many bytes the char that `b` starts takes (1 for a continuation byte, which a
/// scan by chars never meets).
#[inline]
const fn char_width(b: u8) -> usize {
    match b {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

/// For each byte: 0 where the char it starts may be whitespace or fold ([`may_fold`]),
/// else the width of the char it starts ([`char_width`]), built from those two at compile
/// time. A scan steps over every other char with one load and one branch, instead of
/// testing the byte against each kind of space and each width in turn.
const SPACE_STEP: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        if !may_fold(b as u8) {
            t[b] = char_width(b as u8) as u8;
        }
        b += 1;
    }
    t
};

/// For each byte: true where it may be the last byte of a space as [`space_width`] tells
/// them (ASCII whitespace; the last bytes of U+0085, U+00A0, U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF). A test holds it to `space_width`.
const ENDS_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let ends: [u8; 13] = [
        b'\t', b'\n', 0x0b, 0x0c, b'\r', b' ', 0x85, 0xa0, 0xa8, 0xa9, 0xaf, 0x9f, 0xbf,
    ];
    let mut k = 0;
    while k < ends.len() {
        t[ends[k] as usize] = true;
        k += 1;
    }
    // U+1680, U+2000–U+200A and U+3000 end in 0x80–0x8A.
    let mut b = 0x80;
    while b <= 0x8a {
        t[b] = true;
        b += 1;
    }
    t
};

/// [`fold_char`] over a string: the form labels are compared in.
pub fn fold(s: &str) -> Cow<'_, str> {
    // Most labels need no folding: borrow them, and fold from the first char that does.
    // The scan steps a char at a time on the bytes and decodes only the chars that may
    // fold (see `may_fold`).
    // Past the first such char, the runs between chars that fold are copied whole: a
    // label with a full-width bracket or a space is otherwise decoded and pushed a char
    // at a time, and most of its chars are ideographs that never fold.
    let bytes = s.as_bytes();
    let mut out: Option<String> = None;
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // The chars `may_fold` rejects, stepped over whole by the table (a test checks they
        // are the same bytes).
        let step = SPACE_STEP[usize::from(b)];
        if step != 0 && (b < 0xf0 || out.is_none()) {
            i += usize::from(step);
            continue;
        }
        let width = char_width(b);
        // Once folding has begun, a compatibility ideograph of the supplement (lead byte
        // `F0`, which `may_fold` leaves out) is folded too, as every later char always was.
        if may_fold(b) || (b >= 0xf0 && out.is_some()) {
            let c = s[i..].chars().next().unwrap_or(' ');
            let folded = fold_char(c);
            if folded != Some(c) {
                let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
                o.push_str(&s[run..i]);
                o.extend(folded);
                run = i + width;
            }
        }
        i += width;
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[run..]);
            Cow::Owned(o)
        }
    }
}

/// The width in bytes of the whitespace char (as [`squash`] drops: `char::is_whitespace`,
/// NBSP, U+FEFF) that starts at `bytes[i]`, or 0 for any other char. Told from the UTF-8
/// bytes themselves: Chinese text is full of `，`, `。` and `（`, whose lead bytes (`E3`,
/// `EF`) the spaces share, and decoding each of them to ask `is_whitespace` cost more than
/// the rest of the scan.
#[inline(always)]
fn space_width(bytes: &[u8], i: usize) -> usize {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => 1,
        // U+0085, U+00A0.
        0xc2 if matches!(at(1), 0x85 | 0xa0) => 2,
        // U+1680.
        0xe1 if at(1) == 0x9a && at(2) == 0x80 => 3,
        // U+2000–U+200A, U+2028, U+2029, U+202F; U+205F.
        0xe2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) => 3,
        0xe2 if at(1) == 0x81 && at(2) == 0x9f => 3,
        // U+3000.
        0xe3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        // U+FEFF.
        0xef if at(1) == 0xbb && at(2) == 0xbf => 3,
        _ => 0,
    }
}

/// Removes all whitespace (ASCII, U+3000, NBSP) and nothing else.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_squashed(&mut out, s);
    out
}

/// Appends `s` to `out` without its whitespace, as [`squash`] does.
pub fn push_squashed(out: &mut String, s: &str) {
    // Copies the runs between whitespace whole. Whitespace is found on the bytes: ASCII
    // whitespace directly, and the few non-ASCII spaces only where their lead byte is.
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Chars are stepped over whole: CJK text takes a third as many steps as bytes.
        let step = SPACE_STEP[usize::from(b)];
        if step != 0 {
            i += usize::from(step);
            continue;
        }
        let width = space_width(bytes, i);
        if width > 0 {
            if run < i {
                out.push_str(&s[run..i]);
            }
            i += width;
            run = i;
        } else {
            i += char_width(b);
        }
    }
    out.push_str(&s[run..]);
}

/// True for a blank cell: nothing but whitespace, NBSP and U+3000.
pub fn is_blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}')
}

/// Trims whitespace including NBSP and U+3000.
pub fn trim(s: &str) -> &str {
    // On the bytes, as `space_width` tells a space: every cell and line is trimmed, most
    // have nothing to trim, and `trim_matches` decoded a char at each end to learn it.
    let bytes = s.as_bytes();
    // Most have nothing to trim, and show it on their first and last bytes alone: the
    // first starts no space (nor anything that folds), the last ends no space.
    if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) {
        if SPACE_STEP[usize::from(first)] != 0 && !ENDS_SPACE[usize::from(last)] {
            return s;
        }
    }
    let mut start = 0;
    while start < bytes.len() {
        match space_width(bytes, start) {
            0 => break,
            w => start += w,
        }
    }
    let mut end = bytes.len();
    while end > start {
        // The start of the last char: back over its continuation bytes.
        let mut c = end - 1;
        while c > start && bytes[c] & 0xc0 == 0x80 {
            c -= 1;
        }
        if space_width(&bytes[..end], c) == 0 {
            break;
        }
        end = c;
    }
    &s[start..end]
}

/// `hay.contains(needle)` for the short strings labels are: a plain scan of byte windows.
/// `str::contains` sets up a two-way searcher on every call, which costs more than the
/// search itself on a 30-byte label tried against dozens of words.
#[inline]
pub fn has(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    match n.first() {
        None => true,
        Some(_) if h.len() > 512 => hay.contains(needle),
        // The last byte is asked before the whole window: a word's first byte, the lead
        // byte of an ideograph, starts many windows of Chinese text, and its last byte
        // rules most of them out without a compare of the rest.
        Some(&first) => {
            let last = n[n.len() - 1];
            h.len() >= n.len()
                && h.windows(n.len())
                    .any(|w| w[0] == first && w[n.len() - 1] == last && w == n)
        }
    }
}

/// The UTF-8 bytes of a char of three bytes (U+0800 to U+FFFF: CJK ideographs and
/// punctuation), for [`has_char3`].
pub const fn utf8_3(c: char) -> [u8; 3] {
    let c = c as u32;
    [
        0xe0 | (c >> 12) as u8,
        0x80 | ((c >> 6) & 0x3f) as u8,
        0x80 | (c & 0x3f) as u8,
    ]
}

/// True when `s` holds one of the chars in `set` (given by [`utf8_3`]). Compared on the
/// bytes a char at a time, without decoding: the quick test run on every line before
/// anything is folded or parsed.
#[inline]
pub fn has_char3(s: &str, set: &[[u8; 3]]) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 3 <= b.len() {
        let lead = b[i];
        if lead >= 0xe0
            && set
                .iter()
                .any(|c| c[0] == lead && c[1..] == b[i + 1..i + 3])
        {
            return true;
        }
        i += char_width(lead);
    }
    false
}

/// True for CJK ideographs (the characters of labels and prose).
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// The columns a character takes where text is aligned in a fixed-width font (a text
/// browser, a converter, a terminal): two for East Asian wide and fullwidth characters
/// (CJK ideographs, kana, hangul, fullwidth forms), one for the rest.
pub fn char_columns(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// The columns a text takes in a fixed-width font: the sum of its `char_columns`.
///
/// ```
/// assert_eq!(gongkai::display_width("平潭县2024"), 10);
/// ```
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_columns).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_space_ends_in_a_byte_the_trim_table_knows() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if space_width(bytes, 0) > 0 {
                assert!(ENDS_SPACE[usize::from(*bytes.last().unwrap())], "{c:?}");
                assert_eq!(SPACE_STEP[usize::from(bytes[0])], 0, "{c:?}");
            }
        }
        for s in [
            " a",
            "a ",
            "\u{3000}总\u{3000}",
            "总\u{a0}",
            "\u{feff}x",
            "x\u{2009}",
            "0",
            "",
            " \u{3000}\t\u{feff}",
        ] {
            assert_eq!(
                trim(s),
                s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}'),
                "{s:?}"
            );
        }
    }

    #[test]
    fn chinese_characters_take_two_columns() {
        assert_eq!(display_width("平潭县人民政府"), 14);
        assert_eq!(display_width("2024"), 4);
        assert_eq!(char_columns('Ａ'), 2);
        assert_eq!(char_columns('a'), 1);
    }

    #[test]
    fn kangxi_radicals_read_as_ideographs() {
        assert_eq!(unradicals("⾏政处罚 第⼆⼗条"), "行政处罚 第二十条");
        assert_eq!(unradical('\u{2f00}'), '一');
        assert_eq!(unradical('\u{2fd5}'), '龠');
        assert!(matches!(unradicals("行政处罚"), Cow::Borrowed(_)));
        assert_eq!(fold("⾏政许可"), "行政许可");
    }

    #[test]
    fn radicals_supplement_and_compatibility_ideographs_read_as_ideographs() {
        // U+2EA0 (CJK Radicals Supplement) for 民, U+2ED3 for 长, U+F92C (a CJK
        // compatibility ideograph) for 郎, U+2F8A6 (the supplement block) for 慈.
        assert_eq!(unradicals("人⺠政府"), "人民政府");
        assert_eq!(unradicals("局⻓"), "局长");
        assert_eq!(unradicals("\u{f92c}"), "郎");
        assert_eq!(unradicals("\u{2f8a6}"), "慈");
        assert_eq!(fold("人⺠政府"), "人民政府");
        // Other characters whose UTF-8 starts alike stay as they are.
        assert!(matches!(unradicals("“—”…　，！"), Cow::Borrowed(_)));
    }

    #[test]
    fn squash_drops_every_kind_of_space() {
        let reference = |s: &str| -> String {
            s.chars()
                .filter(|c| !(c.is_whitespace() || *c == '\u{a0}' || *c == '\u{feff}'))
                .collect()
        };
        for s in [
            "淮\n安市 \t人民\u{3000}政府\u{a0}办公室\u{feff}",
            "\u{2003}a\u{2028}b\u{205f}c\u{1680}d\u{85}e",
            "，。、“”—",
            "",
        ] {
            assert_eq!(squash(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn space_width_is_is_whitespace_for_every_char() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let space = c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}';
            assert_eq!(space_width(b, 0), if space { b.len() } else { 0 }, "{c:?}");
        }
    }

    #[test]
    fn fold_copies_runs_as_folding_every_char_after_the_first_did() {
        // The former fold: borrowed up to the first char `may_fold` lets through that
        // folds, then every char from there through `fold_char`.
        let reference = |s: &str| -> String {
            let mut i = 0;
            while i < s.len() {
                let b = s.as_bytes()[i];
                let c = s[i..].chars().next().unwrap();
                if may_fold(b) && fold_char(c) != Some(c) {
                    let mut out = s[..i].to_string();
                    out.extend(s[i..].chars().filter_map(fold_char));
                    return out;
                }
                i += c.len_utf8();
            }
            s.to_string()
        };
        for s in [
            "（一）予以公开",
            "行政 许可　12 ",
            "\u{2f8a6}（慈）\u{2f8a6}",
            "人⺠政府“x”—\u{f92c}",
            "ａｂｃ１２３",
            "abc",
            "",
            " ",
            "\u{85}\u{a0}\u{feff}end",
        ] {
            assert_eq!(fold(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn trim_is_trim_matches() {
        let reference = |s: &str| -> String {
            s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}')
                .to_string()
        };
        for s in [
            "",
            " ",
            "\u{3000}规章\u{3000}",
            "\t 行政许可 12 \r",
            "\u{a0}\u{feff}a\u{2029}",
            "总\u{85}",
            "\u{2000}\u{200a}x\u{202f}\u{205f}\u{1680}",
            "€",
            "a€ ",
            "，。",
            "\u{200b}x\u{200b}",
        ] {
            assert_eq!(trim(s), reference(s), "{s:?}");
        }
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!(" {c}x{c} ");
            assert_eq!(trim(&s), reference(&s), "{c:?}");
        }
    }

    #[test]
    fn space_step_is_may_fold_and_char_width() {
        for b in 0..=255u8 {
            let step = usize::from(SPACE_STEP[usize::from(b)]);
            assert_eq!(step == 0, may_fold(b), "{b:#x}");
            if step != 0 {
                assert_eq!(step, char_width(b), "{b:#x}");
            }
        }
    }

    #[test]
    fn has_char3_is_contains() {
        const SET: [[u8; 3]; 3] = [utf8_3('总'), utf8_3('。'), utf8_3('，')];
        for s in [
            "一、总体情况",
            "a。",
            "，",
            "总",
            "abc",
            "",
            "行政处罚 12",
            "€",
            "ab总",
        ] {
            assert_eq!(has_char3(s, &SET), s.contains(['总', '。', '，']), "{s:?}");
        }
    }

    #[test]
    fn has_is_contains() {
        for (h, n) in [
            ("予以公开", "公开"),
            ("予以公开", "不予"),
            ("", "a"),
            ("a", ""),
            ("ab", "abc"),
        ] {
            assert_eq!(has(h, n), h.contains(n));
        }
    }

    #[test]
    fn folds_width_and_space() {
        assert_eq!(fold("（一） 予以公开"), "(一)予以公开");
        assert_eq!(fold("１２，３"), "12,3");
        assert_eq!(fold("危及“三安全一稳定”"), "危及\"三安全一稳定\"");
        assert_eq!(
            fold("本年收费金额（单位：万元）"),
            "本年收费金额(单位:万元)"
        );
    }

    #[test]
    fn blanks() {
        assert!(is_blank(" \u{a0}\u{3000}\t"));
        assert!(!is_blank(" 0 "));
        assert_eq!(trim("\u{a0}12\u{3000}"), "12");
    }
}
