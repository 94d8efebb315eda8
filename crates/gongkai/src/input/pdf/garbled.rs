//! Telling a text layer that does not carry the printed text.
//!
//! Some producers write a text layer whose characters are not the ones printed:
//! Ghostscript re-distilling Type 3 or TrueType CID fonts maps `年` to U+0080 and `上` to
//! `P`, and some tools write glyph ids as text. Such a layer has glyphs, so it is no scan,
//! but read as text it yields nothing but "table missing". A Chinese report's text is
//! mostly CJK ideographs and punctuation with ASCII digits; Latin-1 and Latin Extended
//! letters, C0/C1 control characters and private-use code points are all but absent. A
//! layer where they are common, and where none of the template's fixed words is found,
//! is garbled.

/// Below this many inked characters there is too little to judge (a cover page, a
/// one-line OCR layer): the layer is taken as it is.
const MIN_CHARS: usize = 50;

/// Implausible characters above this share of the inked ones, with none of the
/// template's fixed words present, make a layer garbled (a real report has next to none:
/// a `×` or `°` in a sentence).
const JUNK_SHARE_WITHOUT_WORDS: f64 = 0.03;

/// Implausible characters above this share make a layer garbled even where a fixed word
/// survives: a partly re-mapped layer (Ghostscript over Chromium's Type 3 fonts leaves
/// about 6.5% of the characters wrong, `申请` intact, digits among the wrong ones) cannot
/// be trusted for any number.
const JUNK_SHARE: f64 = 0.05;

/// Words every report of the national template prints; a legible layer has some.
const FIXED_WORDS: [&str; 5] = ["政府信息公开", "行政复议", "行政诉讼", "申请", "年度报告"];

/// True for a character a Chinese report's text layer should not hold.
fn implausible(c: char) -> bool {
    let code = c as u32;
    matches!(code,
        0x00..=0x08 | 0x0e..=0x1f | 0x7f..=0x9f // control characters
        | 0xc0..=0x2af // Latin-1 letters, Latin Extended A and B, IPA
        | 0xe000..=0xf8ff) // private use
        && c != '×'
        && c != '÷'
        || matches!(
            c,
            '¤' | '¦' | '¨' | '¯' | '´' | '¸' | '¿' | '¡' | '¬' | '®' | '©'
        )
}

/// True when the characters of a PDF's text layer are not the text it prints.
pub(crate) fn is_garbled<'a>(texts: impl Iterator<Item = &'a str>) -> bool {
    let mut inked = String::new();
    let (mut chars, mut junk) = (0usize, 0usize);
    for t in texts {
        for c in t.chars().filter(|c| !c.is_whitespace()) {
            chars += 1;
            junk += usize::from(implausible(c));
            inked.push(c);
        }
    }
    if chars < MIN_CHARS {
        return false;
    }
    let share = junk as f64 / chars as f64;
    let inked = crate::normalize::unradicals(&inked);
    let words = FIXED_WORDS.iter().any(|w| inked.contains(w));
    share > JUNK_SHARE || (share > JUNK_SHARE_WITHOUT_WORDS && !words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_legible_and_a_remapped_layer_is_not() {
        let report =
            "本年度共收到政府信息公开申请12件，办结12件，行政复议0件，行政诉讼0件。".repeat(3);
        assert!(!is_garbled(std::iter::once(report.as_str())));
        // The same text mapped to Latin-1, as a Type 3 re-distil writes it.
        let garbled: String = report
            .chars()
            .map(|c| {
                if c as u32 > 0x2e80 {
                    char::from_u32(0xc0 + c as u32 % 0x40).unwrap()
                } else {
                    c
                }
            })
            .collect();
        assert!(is_garbled(std::iter::once(garbled.as_str())));
        // A partial re-map: a third of the ideographs garbled, the fixed words broken.
        let partial: String = report
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 3 == 0 && c as u32 > 0x2e80 {
                    '\u{80}'
                } else {
                    c
                }
            })
            .collect();
        assert!(is_garbled(std::iter::once(partial.as_str())));
        // Too little text to judge.
        assert!(!is_garbled(std::iter::once("ÀÁÂ")));
    }
}
