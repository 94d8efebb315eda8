//! Bytes → text: UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK; line endings
//! are left to [`super::text::lines::for_each_line`], which accepts `\n`, `\r\n` and `\r`.

use std::borrow::Cow;

use crate::error::{Error, Result};

/// Text decoded from bytes, and the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, without a byte-order mark.
    pub text: Cow<'a, str>,
    /// The encoding's name: `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GB18030`.
    pub encoding: &'static str,
}

/// Signatures of binary formats people hand in by mistake.
/// (Compound files, .doc among them, never come here: [`super::read`] takes them first.)
const SIGNATURES: [(&[u8], &str, &str); 3] = [
    (b"\x89PNG", "PNG image", "gongkai reads text, not images"),
    (
        b"\xff\xd8\xff",
        "JPEG image",
        "gongkai reads text, not images",
    ),
    (b"{\\rtf", "RTF", "save it as plain text first"),
];

/// Decodes the bytes of a report.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    for (sig, name, hint) in SIGNATURES {
        if bytes.starts_with(sig) {
            return Err(Error::UnsupportedFormat {
                format: name,
                advice: hint,
            });
        }
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        (utf8(rest)?, "UTF-8")
    } else if bytes.starts_with(b"\xff\xfe") {
        (utf16(bytes, encoding_rs::UTF_16LE)?, "UTF-16LE")
    } else if bytes.starts_with(b"\xfe\xff") {
        (utf16(bytes, encoding_rs::UTF_16BE)?, "UTF-16BE")
    } else if let Some(s) = utf8_without_nul(bytes) {
        (Cow::Borrowed(s), "UTF-8")
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let name = if enc == encoding_rs::UTF_16LE {
            "UTF-16LE (no byte-order mark; detected from the bytes)"
        } else {
            "UTF-16BE (no byte-order mark; detected from the bytes)"
        };
        (utf16(bytes, enc)?, name)
    } else {
        match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(s) => (s, "GB18030"),
            None => {
                let bad = std::str::from_utf8(bytes)
                    .err()
                    .map_or(0, |e| e.valid_up_to());
                return Err(Error::NotText {
                    reason: msg!(
                        "invalid UTF-8 at byte {bad}, and not GB18030/GBK either (nor UTF-16 with a byte-order mark, or whose bytes show it plainly)"
                    ),
                });
            }
        }
    };
    check_is_text(&text)?;
    if crate::normalize::is_blank(&text) {
        return Err(Error::Empty);
    }
    Ok(Decoded { text, encoding })
}

/// The bytes as UTF-8, unless they are not, or their start holds NUL bytes (UTF-16 of
/// ASCII text is valid UTF-8, and no text report holds NUL).
fn utf8_without_nul(bytes: &[u8]) -> Option<&str> {
    let s = simdutf8::basic::from_utf8(bytes).ok()?;
    let head = &bytes[..bytes.len().min(4096)];
    memchr::memchr(0, head).is_none().then_some(s)
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>> {
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    // Invalid: std's validator says where.
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|e| Error::NotText {
            reason: msg!(
                "invalid UTF-8 after the byte-order mark at byte {}",
                e.valid_up_to() + 3
            ),
        })
}

fn utf16<'a>(bytes: &'a [u8], enc: &'static encoding_rs::Encoding) -> Result<Cow<'a, str>> {
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        return Err(Error::NotText {
            reason: msg!("invalid {}", enc.name()),
        });
    }
    Ok(Cow::Owned(text.into_owned()))
}

/// UTF-16 without a BOM, when the bytes show it plainly. In UTF-16 text of a report,
/// the high byte of almost every code unit is one of a few values: `00` (ASCII: digits,
/// line breaks, spaces), `30` (CJK punctuation `、。《》`), `4E`–`9F` (CJK ideographs) or
/// `FF` (full-width forms). Nine in ten of the first 2,048 code units must show it in
/// one byte order (never in GBK, where hanzi lead bytes are `B0`–`F7`), with no NUL
/// among the low bytes' of ASCII-free text the other way round.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let units = head.len() / 2;
    let plain = |high: usize| {
        head.chunks_exact(2)
            .filter(|u| matches!(u[high], 0x00 | 0x30 | 0x4e..=0x9f | 0xff))
            .count()
    };
    let zeros = |at: usize| head.chunks_exact(2).filter(|u| u[at] == 0).count();
    let (le, be) = (plain(1), plain(0));
    if le * 10 >= units * 9 && zeros(0) * 10 < units {
        Some(encoding_rs::UTF_16LE)
    } else if be * 10 >= units * 9 && zeros(1) * 10 < units {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Rejects decoded "text" that is mostly control characters (binary data).
fn check_is_text(text: &str) -> Result<()> {
    // Counted on the bytes of the first 8 KiB, as git tells text from binary: C0
    // controls and DEL are single bytes, C1 controls (U+0080–U+009F) are 0xC2 0x80–0x9F;
    // every byte that starts a character counts towards the total.
    let bytes = &text.as_bytes()[..text.len().min(8 << 10)];
    // Counted in blocks of 224 into a byte, with the tests combined without branches, so
    // the compiler does it sixteen or thirty-two bytes at a time: a count into a usize
    // behind a short-circuit test went a byte at a time, at a dozen instructions a byte.
    // (224 is seven times 32: blocks of 255 left the last 31 bytes of each to a loop of a
    // byte at a time.)
    let c0: usize = bytes
        .chunks(224)
        .map(|block| {
            block.iter().fold(0u8, |n, &b| {
                // The bytes below 0x20 but for the four of text (tab, `\n`, form feed,
                // `\r`: 9 to 13 less 11), and DEL: counted as sums of compares, a few
                // instructions for sixteen bytes, not a chain of tests.
                let text = u8::from(b.wrapping_sub(9) < 5) - u8::from(b == 11);
                (n + u8::from(b < 0x20) + u8::from(b == 0x7f)).wrapping_sub(text)
            })
        })
        .map(usize::from)
        .sum();
    // Only at the `C2` bytes: text with a `·` or an NBSP holds a few, and looking at every
    // pair of bytes for them cost more than the count of C0 controls.
    let c1 = memchr::memchr_iter(0xc2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|b| (0x80..0xa0).contains(b)))
        .count();
    let controls = c0 + c1;
    if controls == 0 {
        return Ok(());
    }
    let total = bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count();
    if controls * 100 > total.max(1) {
        return Err(Error::NotText {
            reason: msg!("{controls} control characters in the first {total}: binary data"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_controls_the_c0_bytes_but_text_ones_and_del() {
        for b in 0u8..0x80 {
            let text = String::from(char::from(b)).repeat(300) + "规章";
            let control = (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r')) || b == 0x7f;
            assert_eq!(check_is_text(&text).is_err(), control, "{b:#x}");
        }
    }

    #[test]
    fn decodes_each_encoding() {
        let s = "二、主动公开政府信息情况\r\n规章\t0";
        assert_eq!(decode(s.as_bytes()).unwrap().text, s);
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom).unwrap().text, s);
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        let d = decode(&gbk).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), (s, "GB18030"));
        let mut le = vec![0xff, 0xfe];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap().text, s);
        let mut be = vec![0xfe, 0xff];
        be.extend(s.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn detects_utf16_without_bom_in_chinese_and_in_ascii() {
        let report =
            "一、总体情况\n2024年，本机关收到政府信息公开申请12件，办结12件。\n（一）主动公开\n";
        for (units, le) in [
            (
                report
                    .encode_utf16()
                    .flat_map(|u| u.to_le_bytes())
                    .collect::<Vec<u8>>(),
                true,
            ),
            (
                report
                    .encode_utf16()
                    .flat_map(|u| u.to_be_bytes())
                    .collect(),
                false,
            ),
            (
                "report 2024\n"
                    .encode_utf16()
                    .flat_map(|u| u.to_le_bytes())
                    .collect(),
                true,
            ),
        ] {
            let d = decode(&units).unwrap();
            assert!(
                d.text.starts_with(if le { &report[..3] } else { "一" })
                    || d.text.starts_with("report")
            );
            assert!(d.encoding.contains("no byte-order mark"), "{}", d.encoding);
            assert!(d
                .encoding
                .starts_with(if le { "UTF-16LE" } else { "UTF-16BE" }));
        }
        // GBK text is never taken for UTF-16.
        let (gbk, _, _) = encoding_rs::GBK.encode(report);
        assert_eq!(decode(&gbk).unwrap().encoding, "GB18030");
    }

    #[test]
    fn rejects_what_is_not_text() {
        assert!(matches!(decode(b""), Err(Error::Empty)));
        assert!(matches!(decode(b" \n\t"), Err(Error::Empty)));
        assert!(matches!(
            decode(b"\x89PNG\r\n"),
            Err(Error::UnsupportedFormat {
                format: "PNG image",
                ..
            })
        ));
        let garbage: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(decode(&garbage), Err(Error::NotText { .. })));
    }
}
