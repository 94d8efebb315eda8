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
        '\u{2e80}'..='\u{2fdf}' => Some(unradical(c)),
        _ => Some(c),
    }
}

/// The unified ideograph of each Kangxi radical, U+2F00 to U+2FD5 in order (their
/// compatibility mappings). Some PDF producers (Chromium among them) map glyphs to the
/// radicals in their ToUnicode tables, so `行政处罚` comes out as `⾏政处罚`.
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// The ideograph a Kangxi radical (or one of the two CJK radical supplements that have a
/// compatibility mapping) stands for; any other char unchanged.
pub fn unradical(c: char) -> char {
    match c {
        '\u{2f00}'..='\u{2fd5}' => KANGXI.chars().nth(c as usize - 0x2f00).unwrap_or(c),
        '\u{2e9f}' => '母',
        '\u{2ef3}' => '龟',
        _ => c,
    }
}

/// [`unradical`] over a string, borrowing it when it holds no radical.
pub fn unradicals(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| unradical(c) != c) {
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
fn may_fold(b: u8) -> bool {
    matches!(
        b,
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef
    )
}

/// How many bytes the char that `b` starts takes (1 for a continuation byte, which a
/// scan by chars never meets).
#[inline]
fn char_width(b: u8) -> usize {
    match b {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

/// [`fold_char`] over a string: the form labels are compared in.
pub fn fold(s: &str) -> Cow<'_, str> {
    // Most labels need no folding: borrow them, and fold from the first char that does.
    // The scan steps a char at a time on the bytes and decodes only the chars that may
    // fold (see `may_fold`).
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if may_fold(b) {
            let c = s[i..].chars().next().unwrap_or(' ');
            if fold_char(c) != Some(c) {
                let mut out = String::with_capacity(s.len());
                out.push_str(&s[..i]);
                out.extend(s[i..].chars().filter_map(fold_char));
                return Cow::Owned(out);
            }
        }
        i += char_width(b);
    }
    Cow::Borrowed(s)
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
        let width = match b {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => 1,
            0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef => {
                let c = s[i..].chars().next().unwrap_or(' ');
                if c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}' {
                    c.len_utf8()
                } else {
                    0
                }
            }
            _ => 0,
        };
        if width > 0 {
            out.push_str(&s[run..i]);
            i += width;
            run = i;
        } else {
            // Chars are stepped over whole: CJK text takes a third as many steps as bytes.
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
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}')
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
        Some(&first) => h.len() >= n.len() && h.windows(n.len()).any(|w| w[0] == first && w == n),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kangxi_radicals_read_as_ideographs() {
        assert_eq!(unradicals("⾏政处罚 第⼆⼗条"), "行政处罚 第二十条");
        assert_eq!(unradical('\u{2f00}'), '一');
        assert_eq!(unradical('\u{2fd5}'), '龠');
        assert!(matches!(unradicals("行政处罚"), Cow::Borrowed(_)));
        assert_eq!(fold("⾏政许可"), "行政许可");
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
