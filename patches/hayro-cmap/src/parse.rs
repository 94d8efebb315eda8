use alloc::boxed::Box;
use alloc::vec::Vec;

use hayro_postscript::{Number, Scanner, Token};

#[cfg(feature = "embed-cmaps")]
use crate::bcmap;
use crate::{
    BfRange, CMap, CMapName, CharacterCollection, CidFamily, CidRange, CodespaceRange,
    MAX_NESTING_DEPTH, Metadata, PartitionedRanges, Range, Units, WritingMode,
};

struct Context<'d, F> {
    buf: Vec<u8>,
    get_cmap: F,
    /// The bytes the scanner reads (gongkai patch: for `fast_bf_entry`).
    data: &'d [u8],
}

pub(crate) fn parse_inner<'a>(
    data: &[u8],
    get_cmap: impl Fn(CMapName<'_>) -> Option<&'a [u8]> + Clone + 'a,
    depth: u32,
) -> Option<CMap> {
    // Prevent stack overflow for malicious cmap files or circular references.
    if depth >= MAX_NESTING_DEPTH {
        return None;
    }

    // Check if it's in our custom embedded cmap format.
    #[cfg(feature = "embed-cmaps")]
    if data.starts_with(b"bcmap") {
        return bcmap::parse(data, get_cmap, depth);
    }

    let mut scanner = Scanner::new(data);
    let mut ctx = Context {
        buf: Vec::new(),
        get_cmap,
        data,
    };
    let mut _codespace_ranges = Vec::new();
    let mut ranges = PartitionedRanges::new();
    let mut notdef_ranges = PartitionedRanges::new();
    let mut bf_entries = Vec::new();
    let mut base = None;

    let mut registry = None;
    let mut ordering = None;
    let mut supplement = None;
    let mut cmap_name = None;
    let mut writing_mode = None;
    let mut last = None;

    while !scanner.at_end() {
        let obj = scanner.parse_token().ok()?;
        let prev = last.replace(obj.clone());

        let Token::Name(name) = &obj else { continue };

        if name.is_literal() {
            match name.as_str() {
                // Strictly speaking, Registry and Ordering should be strings,
                // but some PDF generators emit names instead, so be lenient
                // and try both.
                Some("Registry") => {
                    registry = parse_string_or_name(&mut scanner);
                }
                Some("Ordering") => {
                    ordering = parse_string_or_name(&mut scanner);
                }
                Some("Supplement") => {
                    supplement = parse_integer(&mut scanner).and_then(|n| i32::try_from(n).ok());
                }
                Some("CMapName") => {
                    cmap_name = scanner.parse_name().ok().map(|n| n.as_bytes().to_vec());
                }
                Some("WMode") => {
                    writing_mode = parse_writing_mode(&mut scanner);
                }
                _ => {}
            }
        } else {
            match name.as_str() {
                Some("begincodespacerange") => {
                    parse_codespace_range(&mut scanner, &mut _codespace_ranges, &mut ctx)?;
                }
                Some("begincidrange") => {
                    parse_range(&mut scanner, &mut ranges, &mut ctx, "endcidrange")?;
                }
                Some("begincidchar") => {
                    parse_char(&mut scanner, &mut ranges, &mut ctx, "endcidchar")?;
                }
                Some("beginnotdefrange") => {
                    parse_range(&mut scanner, &mut notdef_ranges, &mut ctx, "endnotdefrange")?;
                }
                Some("beginnotdefchar") => {
                    parse_char(&mut scanner, &mut notdef_ranges, &mut ctx, "endnotdefchar")?;
                }
                Some("beginbfchar") => {
                    parse_bf_char(&mut scanner, &mut bf_entries, &mut ctx)?;
                }
                Some("beginbfrange") => {
                    parse_bf_range(&mut scanner, &mut bf_entries, &mut ctx)?;
                }
                Some("usecmap") => {
                    let Some(Token::Name(operand)) = prev else {
                        return None;
                    };

                    if !operand.is_literal() {
                        return None;
                    }

                    let nested_data = (ctx.get_cmap)(CMapName::from_bytes(operand.as_bytes()))?;

                    base = Some(Box::new(parse_inner(
                        nested_data,
                        ctx.get_cmap.clone(),
                        depth + 1,
                    )?));
                }
                _ => {}
            }
        }
    }

    // Since we will use binary search for finding the correct entry, sort now.
    ranges.sort();
    notdef_ranges.sort();
    bf_entries.sort_by_key(|a| a.range.start);

    // See PDFJS-3323, which has an invalid CIDSystemInfo entry.
    // We ignore it if it's invalid.
    let character_collection = if let (Some(registry), Some(ordering), Some(supplement)) =
        (registry, ordering, supplement)
    {
        Some(CharacterCollection {
            family: CidFamily::from_registry_ordering(&registry, &ordering),
            supplement,
        })
    } else {
        None
    };

    let metadata = Metadata {
        character_collection,
        name: cmap_name,
        writing_mode,
    };

    Some(CMap {
        metadata,
        _codespace_ranges,
        cid_ranges: ranges,
        notdef_ranges,
        bf_entries,
        base,
        identity: false,
    })
}

fn parse_writing_mode(scanner: &mut Scanner<'_>) -> Option<WritingMode> {
    match parse_integer(scanner)? {
        0 => Some(WritingMode::Horizontal),
        1 => Some(WritingMode::Vertical),
        _ => None,
    }
}

fn parse_integer(scanner: &mut Scanner<'_>) -> Option<i64> {
    match scanner.parse_number().ok()? {
        Number::Integer(n) => Some(n),
        Number::Real(_) => None,
    }
}

fn parse_string_or_name(scanner: &mut Scanner<'_>) -> Option<Vec<u8>> {
    match scanner.parse_token().ok()? {
        Token::String(s) => s.decode().ok(),
        Token::Name(n) => Some(n.as_bytes().to_vec()),
        _ => None,
    }
}

fn parse_codespace_range<F>(
    scanner: &mut Scanner<'_>,
    ranges: &mut Vec<CodespaceRange>,
    ctx: &mut Context<'_, F>,
) -> Option<()> {
    loop {
        let obj = scanner.parse_token().ok()?;

        if name_matches(&obj, "endcodespacerange") {
            return Some(());
        }

        let low = extract_u32_code(&obj, &mut ctx.buf)?;
        let n_bytes = u8::try_from(ctx.buf.len()).ok()?;
        let high = read_u32_code(scanner, &mut ctx.buf)?;

        if ctx.buf.len() != usize::from(n_bytes) {
            return None;
        }

        ranges.push(CodespaceRange {
            number_bytes: n_bytes,
            low,
            high,
        });
    }
}

fn parse_range<F>(
    scanner: &mut Scanner<'_>,
    ranges: &mut PartitionedRanges,
    ctx: &mut Context<'_, F>,
    end_marker: &str,
) -> Option<()> {
    loop {
        let obj = scanner.parse_token().ok()?;

        if name_matches(&obj, end_marker) {
            return Some(());
        }

        let start = extract_u32_code(&obj, &mut ctx.buf)?;
        let byte_len = ctx.buf.len();
        let end = read_u32_code(scanner, &mut ctx.buf)?;
        let cid_start = u32::try_from(parse_integer(scanner)?).ok()?;

        ranges.push(
            byte_len,
            CidRange {
                range: Range { start, end },
                cid_start,
            },
        );
    }
}

fn parse_char<F>(
    scanner: &mut Scanner<'_>,
    ranges: &mut PartitionedRanges,
    ctx: &mut Context<'_, F>,
    end_marker: &str,
) -> Option<()> {
    loop {
        let obj = scanner.parse_token().ok()?;

        if name_matches(&obj, end_marker) {
            return Some(());
        }

        let code = extract_u32_code(&obj, &mut ctx.buf)?;
        let byte_len = ctx.buf.len();
        let cid_start = u32::try_from(parse_integer(scanner)?).ok()?;

        ranges.push(
            byte_len,
            CidRange {
                range: Range {
                    start: code,
                    end: code,
                },
                cid_start,
            },
        );
    }
}

/// The longest destination string of a `bfchar` or `bfrange` entry, in bytes.
///
/// gongkai patch: the CMap format caps a destination at 512 bytes (Adobe Technical
/// Note #5014, "Adobe CMap and CIDFont Files Specification", and #5411 for ToUnicode
/// maps). Upstream took any length, so one code mapped to a 250,000-character string,
/// shown 2,000 times, cost gigabytes as each glyph's text was built. A longer
/// destination is damage: the entry is left out, and its codes have no Unicode text.
const MAX_DST_BYTES: usize = 512;

fn parse_bf_char<F>(
    scanner: &mut Scanner<'_>,
    entries: &mut Vec<BfRange>,
    ctx: &mut Context<'_, F>,
) -> Option<()> {
    loop {
        if let Some(end) = fast_bf_entry(ctx.data, scanner.offset(), false, entries) {
            scanner.set_offset(end);
            continue;
        }

        let obj = scanner.parse_token().ok()?;

        if name_matches(&obj, "endbfchar") {
            return Some(());
        }

        let code = extract_u32_code(&obj, &mut ctx.buf)?;
        let dst = scanner.parse_string().ok()?;
        dst.decode_into(&mut ctx.buf).ok()?;
        if ctx.buf.len() > MAX_DST_BYTES {
            continue;
        }

        entries.push(BfRange {
            range: Range {
                start: code,
                end: code,
            },
            dst_base: decode_be(&ctx.buf)?,
        });
    }
}

fn parse_bf_range<F>(
    scanner: &mut Scanner<'_>,
    entries: &mut Vec<BfRange>,
    ctx: &mut Context<'_, F>,
) -> Option<()> {
    loop {
        if let Some(end) = fast_bf_entry(ctx.data, scanner.offset(), true, entries) {
            scanner.set_offset(end);
            continue;
        }

        let obj = scanner.parse_token().ok()?;

        if name_matches(&obj, "endbfrange") {
            return Some(());
        }

        let start = extract_u32_code(&obj, &mut ctx.buf)?;
        let end = read_u32_code(scanner, &mut ctx.buf)?;

        let next = scanner.parse_token().ok()?;

        match &next {
            Token::String(s) => {
                s.decode_into(&mut ctx.buf).ok()?;
                if ctx.buf.len() > MAX_DST_BYTES {
                    continue;
                }

                entries.push(BfRange {
                    range: Range { start, end },
                    dst_base: decode_be(&ctx.buf)?,
                });
            }
            _ if name_matches(&next, "[") => {
                for code in start..=end {
                    let s = scanner.parse_string().ok()?;
                    s.decode_into(&mut ctx.buf).ok()?;
                    if ctx.buf.len() > MAX_DST_BYTES {
                        continue;
                    }

                    entries.push(BfRange {
                        range: Range {
                            start: code,
                            end: code,
                        },
                        dst_base: decode_be(&ctx.buf)?,
                    });
                }

                if !name_matches(&scanner.parse_token().ok()?, "]") {
                    return None;
                }
            }
            _ => return None,
        }
    }
}

/// gongkai patch: a `bfchar` entry (`<code> <dst>`) or a `bfrange` entry with a string
/// destination (`<start> <end> <dst>`) whose strings are hex digits only, an even number
/// of them, read straight from the bytes at `pos` (after white space), without the
/// scanner's tokens and without a heap allocation for a one-unit destination. It
/// pushes exactly the entry the scanner's path pushes and returns the offset after it;
/// anything else (comments, white space inside a string, odd digits, a code of more
/// than four bytes, a destination over `MAX_DST_BYTES`, an array, the end marker) is
/// `None`, left to the scanner's path.
fn fast_bf_entry(
    data: &[u8],
    pos: usize,
    range: bool,
    entries: &mut Vec<BfRange>,
) -> Option<usize> {
    fn skip_white(data: &[u8], mut pos: usize) -> usize {
        while data
            .get(pos)
            .is_some_and(|b| matches!(b, 0x00 | 0x09 | 0x0a | 0x0c | 0x0d | 0x20))
        {
            pos += 1;
        }
        pos
    }

    /// The hex digits of the string at `pos` and the offset after its `>`.
    fn hex(data: &[u8], pos: usize, max_digits: usize) -> Option<(&[u8], usize)> {
        let pos = skip_white(data, pos);
        if data.get(pos) != Some(&b'<') {
            return None;
        }
        let tail = data.get(pos + 1..)?;
        let len = tail.iter().position(|b| !b.is_ascii_hexdigit())?;
        if tail[len] != b'>' || len == 0 || len % 2 != 0 || len > max_digits {
            return None;
        }
        Some((&tail[..len], pos + len + 2))
    }

    fn nibble(b: u8) -> u8 {
        match b {
            b'0'..=b'9' => b - b'0',
            b'A'..=b'F' => b - b'A' + 10,
            _ => b - b'a' + 10,
        }
    }

    fn byte(digits: &[u8], i: usize) -> u8 {
        nibble(digits[2 * i]) << 4 | nibble(digits[2 * i + 1])
    }

    fn code(digits: &[u8]) -> u32 {
        (0..digits.len() / 2).fold(0, |val, i| (val << 8) | u32::from(byte(digits, i)))
    }

    let (start, pos) = hex(data, pos, 8)?;
    let (end, pos) = if range {
        let (end, pos) = hex(data, pos, 8)?;
        (code(end), pos)
    } else {
        (code(start), pos)
    };
    let (dst, pos) = hex(data, pos, 2 * MAX_DST_BYTES)?;

    // As `decode_be`: big-endian units, an odd first byte a unit of its own.
    let n_bytes = dst.len() / 2;
    let dst_base = if n_bytes <= 2 {
        Units::One(if n_bytes == 1 {
            u16::from(byte(dst, 0))
        } else {
            u16::from_be_bytes([byte(dst, 0), byte(dst, 1)])
        })
    } else {
        let mut units = Vec::with_capacity(n_bytes.div_ceil(2));
        let mut i = 0;
        if n_bytes % 2 != 0 {
            units.push(u16::from(byte(dst, 0)));
            i = 1;
        }
        while i < n_bytes {
            units.push(u16::from_be_bytes([byte(dst, i), byte(dst, i + 1)]));
            i += 2;
        }
        Units::Many(units)
    };

    entries.push(BfRange {
        range: Range {
            start: code(start),
            end,
        },
        dst_base,
    });

    Some(pos)
}

/// Convert the buffer into native-endian u16, so that we can use `String::from_utf16`.
fn decode_be(bytes: &[u8]) -> Option<Units> {
    if bytes.is_empty() {
        return None;
    }

    // gongkai patch: one unit without a heap allocation.
    if bytes.len() <= 2 {
        return Some(Units::One(if bytes.len() == 1 {
            u16::from(bytes[0])
        } else {
            u16::from_be_bytes([bytes[0], bytes[1]])
        }));
    }

    let mut out = Vec::with_capacity(bytes.len().div_ceil(2));
    let mut i = 0;

    // My understanding is that the bf strings should always be UTF16-BE encoded,
    // but it seems like some PDFs only have a single byte there? I guess we just
    // pad them? Wasn't able to find anything specific in the specifications.
    if !bytes.len().is_multiple_of(2) {
        out.push(u16::from(bytes[0]));
        i = 1;
    }

    while i < bytes.len() {
        out.push(u16::from_be_bytes([bytes[i], bytes[i + 1]]));
        i += 2;
    }

    Some(Units::Many(out))
}

#[inline]
fn read_u32_code(scanner: &mut Scanner<'_>, buf: &mut Vec<u8>) -> Option<u32> {
    let s = scanner.parse_string().ok()?;
    s.decode_into(buf).ok()?;
    bytes_to_u32(buf)
}

#[inline]
fn extract_u32_code(obj: &Token<'_>, buf: &mut Vec<u8>) -> Option<u32> {
    let Token::String(s) = obj else { return None };
    s.decode_into(buf).ok()?;
    bytes_to_u32(buf)
}

#[inline]
fn bytes_to_u32(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }

    let mut val = 0_u32;
    for &b in bytes {
        val = (val << 8) | b as u32;
    }

    Some(val)
}

fn name_matches(obj: &Token<'_>, expected: &str) -> bool {
    matches!(obj, Token::Name(name) if !name.is_literal() && name.as_str() == Some(expected))
}
