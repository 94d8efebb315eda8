//! nom parsers for the pieces of a report that have a grammar: numbers in cells, part
//! heading numberings, dates, statistics periods and phone numbers.
//!
//! All parsers work on `&str`. Full-width digits and punctuation are accepted where
//! reports print them.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, satisfy};
use nom::combinator::{map, map_opt, opt, recognize, value};
use nom::multi::many1_count;
use nom::{IResult, Parser};

/// Whitespace as reports print it: ASCII, U+3000, NBSP.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}'
}

fn space0(i: &str) -> IResult<&str, &str> {
    take_while(is_space)(i)
}

/// The value of a half- or full-width decimal digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// A run of half- or full-width digits.
fn digits(i: &str) -> IResult<&str, &str> {
    take_while1(is_digit)(i)
}

fn digits_value(s: &str) -> Option<u64> {
    let mut v: u64 = 0;
    for c in s.chars() {
        v = v.checked_mul(10)?.checked_add(digit_value(c)? as u64)?;
    }
    Some(v)
}

// ---------------------------------------------------------------------------------
// Numbers in cells
// ---------------------------------------------------------------------------------

/// A number as printed in a cell, before any unit is applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// True for a leading minus sign.
    pub negative: bool,
    /// The integer part.
    pub int: u64,
    /// The digits after the decimal point, as printed (e.g. `"90"`), empty if none.
    pub frac_digits: u32,
    /// The fractional part as an integer over `10^frac_digits`.
    pub frac: u64,
}

impl Number {
    /// The number as `f64`.
    pub fn as_f64(&self) -> f64 {
        let mut v = self.int as f64;
        if self.frac_digits > 0 {
            v += self.frac as f64 / 10f64.powi(self.frac_digits as i32);
        }
        if self.negative {
            -v
        } else {
            v
        }
    }

    /// True when the number is a whole number (no fractional digits other than zeros).
    pub fn is_whole(&self) -> bool {
        self.frac == 0
    }
}

/// A unit printed after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 件, 条, 个, 项, 次, 宗: counts.
    Count,
    /// 万元
    TenThousandYuan,
    /// 元
    Yuan,
    /// %
    Percent,
}

fn minus(i: &str) -> IResult<&str, char> {
    alt((char('-'), char('－'), char('−'))).parse(i)
}

fn thousands_sep(i: &str) -> IResult<&str, char> {
    alt((char(','), char('，'))).parse(i)
}

fn decimal_point(i: &str) -> IResult<&str, char> {
    alt((char('.'), char('．'))).parse(i)
}

/// Digits with optional thousands separators (`1,300`, `１，３００`).
fn integer_part(i: &str) -> IResult<&str, u64> {
    // Grouped form first: 1-3 digits then one or more ",ddd" groups.
    let grouped = recognize((
        take_while_m_n(1, 3, is_digit),
        many1_count((thousands_sep, take_while_m_n(3, 3, is_digit))),
    ));
    map_opt(alt((grouped, digits)), |s: &str| {
        digits_value(&s.chars().filter(|c| is_digit(*c)).collect::<String>())
    })
    .parse(i)
}

/// A decimal number: optional minus, integer part with optional thousands separators,
/// optional fraction. `"1,300"` → 1300, `"-18"` → -18, `"0.35"`, `"１２"` → 12.
pub fn number(i: &str) -> IResult<&str, Number> {
    let (i, neg) = opt(minus).parse(i)?;
    let (i, int) = integer_part(i)?;
    let (i, frac) = opt((decimal_point, digits)).parse(i)?;
    let (frac, frac_digits) = match frac {
        Some((_, d)) if d.chars().count() <= 18 => {
            (digits_value(d).unwrap_or(0), d.chars().count() as u32)
        }
        _ => (0, 0),
    };
    Ok((
        i,
        Number {
            negative: neg.is_some(),
            int,
            frac,
            frac_digits,
        },
    ))
}

/// A unit after a number.
pub fn unit(i: &str) -> IResult<&str, Unit> {
    alt((
        value(Unit::TenThousandYuan, tag("万元")),
        value(Unit::Yuan, tag("元")),
        value(Unit::Percent, alt((tag("%"), tag("％")))),
        value(
            Unit::Count,
            alt((
                tag("件"),
                tag("条"),
                tag("个"),
                tag("项"),
                tag("次"),
                tag("宗"),
            )),
        ),
    ))
    .parse(i)
}

/// What a table cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum CellContent<'a> {
    /// Nothing but whitespace.
    Blank,
    /// A number, with the unit printed after it and whatever else the cell carries.
    Number {
        /// The number.
        number: Number,
        /// A unit printed right after it.
        unit: Option<Unit>,
        /// Anything else the cell carries (a note), trimmed; empty if none.
        rest: &'a str,
    },
    /// A mark that says "nothing" (`/`, `—`, `-`, `无`, `空`...).
    NoneMark,
    /// Text: a label, not a value.
    Text,
}

/// A mark meaning "none": dashes, slashes, 无, 空, ×.
/// The characters a none mark is made of: slashes, dashes, 一, 无, 空, ×, underscores.
fn is_none_char(c: char) -> bool {
    matches!(
        c,
        '/' | '／'
            | '\\'
            | '-'
            | '－'
            | '—'
            | '–'
            | '―'
            | '─'
            | '一'
            | '无'
            | '空'
            | '×'
            | '╱'
            | '_'
            | '＿'
    )
}

fn none_mark(i: &str) -> IResult<&str, ()> {
    value(
        (),
        many1_count(alt((satisfy(is_none_char), satisfy(is_space)))),
    )
    .parse(i)
}

/// True when [`cell_content`] reads `raw` as [`CellContent::Text`]. The common cells are
/// told here without it (a label starting with an ideograph, a count in plain digits, an
/// empty cell): every cell of a table is asked this when its row is split, and the full
/// classification costs several times these tests.
#[inline]
pub fn is_text(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    match bytes.first() {
        None => false,
        // As in `cell_content`: a lead byte E4–EE starts a char of U+4000–U+EFFF, text
        // unless it is one of the none marks 一, 无 and 空.
        Some(&lead)
            if (0xe4..=0xee).contains(&lead)
                && !matches!(raw.chars().next(), Some('一' | '无' | '空')) =>
        {
            true
        }
        Some(b'0'..=b'9') if plain_digits(raw).is_some() => false,
        // A numbered label, `1.属于…`: digits, a stop and an ideograph are what
        // `is_label_numbering` takes for one, and nothing before it in `cell_content`
        // reads a cell starting with a digit.
        Some(b'0'..=b'9') => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            match &bytes[digits..] {
                [b'.', lead, ..] | [0xe3, 0x80, 0x81, lead, ..] if (0xe4..=0xee).contains(lead) => {
                    true
                }
                _ => matches!(cell_content(raw), CellContent::Text),
            }
        }
        // Padded with ASCII spaces (markdown, aligned text): blank, or a count.
        Some(b' ') if plain_digits(raw.trim_ascii()).is_some() || raw.trim_ascii().is_empty() => {
            false
        }
        // A first char that is no space is the trimmed cell's first too, and one that
        // starts no number and no none mark makes it text (`（一）予以公开`).
        _ => match raw.chars().next() {
            Some(c) if !(is_space(c) || c == '\u{feff}' || may_start_value(c)) => true,
            _ => matches!(cell_content(raw), CellContent::Text),
        },
    }
}

/// True for a char a number or a none mark may start with: a digit, a minus sign, or a
/// char of a none mark ([`is_none_char`]).
fn may_start_value(c: char) -> bool {
    is_digit(c) || matches!(c, '-' | '－' | '−') || is_none_char(c)
}

/// Classifies a cell's text. Numbering prefixes such as `1.属于国家秘密` are [`CellContent::Text`].
#[inline]
pub fn cell_content(raw: &str) -> CellContent<'_> {
    // Most cells are a count of plain ASCII digits, a label starting with an ideograph, or
    // blank, as the cell stands or once trimmed: all three are told from the bytes, before
    // anything is decoded (every cell of every table is classified, some more than once).
    if let Some(int) = plain_digits(raw) {
        return plain_number(int);
    }
    if let Some(&lead) = raw.as_bytes().first() {
        // A lead byte E4–EE starts a char of U+4000–U+EFFF: no space, no digit, no minus,
        // and a none mark only for 一, 无 and 空 (checked below, as any other first char).
        if (0xe4..=0xee).contains(&lead) && !matches!(raw.chars().next(), Some('一' | '无' | '空'))
        {
            return CellContent::Text;
        }
    }
    classify(raw)
}

/// [`cell_content`] of a cell that is neither plain digits nor a label starting with an
/// ideograph: out of line, so that those two, inline where a cell is classified, pay
/// nothing for the rest.
#[inline(never)]
fn classify(raw: &str) -> CellContent<'_> {
    // ASCII spaces off the bytes first (`" 0 "`), then whatever else is a space.
    let ascii = raw.trim_ascii();
    let s = match (ascii.as_bytes().first(), ascii.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => ascii,
        _ => ascii.trim_matches(|c: char| is_space(c) || c == '\u{feff}'),
    };
    if s.is_empty() {
        return CellContent::Blank;
    }
    // Most value cells are plain ASCII digits: read them without the general grammar.
    if let Some(int) = plain_digits(s) {
        return plain_number(int);
    }
    // A number starts with a digit or a minus sign, a none mark with one of its
    // characters: anything else (most labels) is text, without trying the grammar.
    if let Some(c) = s.chars().next() {
        if !may_start_value(c) {
            return CellContent::Text;
        }
    }
    if let Ok(("", ())) = none_mark(s) {
        return CellContent::NoneMark;
    }
    // A leading number followed by a list separator and text is a row label (`1.属于`, `2、`).
    if is_label_numbering(s) {
        return CellContent::Text;
    }
    match number(s) {
        Ok((rest, number)) => {
            let (rest, _) = space0(rest).unwrap_or((rest, ""));
            let (rest, unit) = match unit(rest) {
                Ok((r, u)) => (r, Some(u)),
                Err(_) => (rest, None),
            };
            let rest = rest.trim_matches(|c: char| is_space(c));
            // `2024年度，我局…` is prose that starts with a number, not a value.
            if unit.is_none() && rest.chars().next().is_some_and(crate::normalize::is_cjk) {
                return CellContent::Text;
            }
            CellContent::Number { number, unit, rest }
        }
        Err(_) => CellContent::Text,
    }
}

/// The value of a text of 1 to 18 ASCII digits and nothing else (not even a space): the
/// common value cell, read without the grammar.
pub(crate) fn plain_digits(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 18 {
        return None;
    }
    let mut v = 0u64;
    for &d in b {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(d - b'0');
    }
    Some(v)
}

/// What [`cell_content`] says of plain digits ([`plain_digits`]) of this value.
fn plain_number(int: u64) -> CellContent<'static> {
    CellContent::Number {
        number: Number {
            negative: false,
            int,
            frac_digits: 0,
            frac: 0,
        },
        unit: None,
        rest: "",
    }
}

/// True for `1.属于…`, `2、重复申请`, `３．其他`, and a numbering alone (`3.`): a
/// numbered label, not a number.
fn is_label_numbering(s: &str) -> bool {
    let parsed: IResult<&str, char> = (
        digits,
        space0,
        alt((char('.'), char('．'), char('、'), char(','), char('，'))),
        space0,
        satisfy(|c| !is_digit(c)),
    )
        .map(|(_, _, _, _, c)| c)
        .parse(s);
    if matches!(parsed, Ok((_, c)) if !is_space(c)) {
        return true;
    }
    // A numbering alone (`3.`, `12、`): the head of a label whose text wrapped to the
    // next line, not a value.
    let digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let rest = s[digits_end..].trim_start_matches(is_space);
    (1..=2).contains(&digits_end) && matches!(rest, "." | "．" | "、")
}

// ---------------------------------------------------------------------------------
// Heading numberings
// ---------------------------------------------------------------------------------

/// The numbering at the start of a heading or a row label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// `一、`, `二.`, `2、`, `3.`, `第二部分`: a top-level number.
    Top(u32),
    /// `（一）`, `(1)`: a sub-item.
    Paren(u32),
}

/// The value of a Chinese numeral from 一 to 九十九.
fn chinese_numeral(i: &str) -> IResult<&str, u32> {
    alt((
        // 二十三, 二十, 十三, 十
        map(
            (opt(chinese_digit), char('十'), opt(chinese_digit)),
            |(t, _, u)| t.unwrap_or(1) * 10 + u.unwrap_or(0),
        ),
        chinese_digit,
    ))
    .parse(i)
}

/// The value of one Chinese digit character.
fn chinese_digit_value(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'Ｏ' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// One Chinese digit.
fn chinese_digit(i: &str) -> IResult<&str, u32> {
    map_opt(
        satisfy(|c| chinese_digit_value(c).is_some()),
        chinese_digit_value,
    )
    .parse(i)
}

/// The separator after a top-level number: `、` `.` `．` `，` `,` or space (the grammar
/// [`numbering`] reads as, kept for the test that holds it to it).
#[cfg(test)]
fn list_sep(i: &str) -> IResult<&str, ()> {
    value(
        (),
        alt((
            char('、'),
            char('.'),
            char('．'),
            char('，'),
            char(','),
            char('：'),
            char(':'),
        )),
    )
    .parse(i)
}

#[cfg(test)]
fn arabic(i: &str) -> IResult<&str, u32> {
    map_opt(digits, |d| {
        digits_value(d).and_then(|v| u32::try_from(v).ok())
    })
    .parse(i)
}

/// A numbering prefix: `一、`, `2、`, `3.`, `（二）`, `(1)`, `第三部分`. Returns the
/// numbering and the rest after any following whitespace.
///
/// Written out by hand on the chars rather than as a `nom` alternation: it runs on every
/// row label and on every line that might be a heading, and trying each form in turn
/// cost several hundred instructions a label. It reads what this grammar does (a test
/// holds it to it):
///
/// ```text
/// numbering := space* form space*
/// form      := ("(" | "（") space* numeral space* (")" | "）") sep?      Paren
///            | "第" numeral ("部分" | "章" | "节") sep?                      Top
///            | numeral space* sep                                          Top
/// numeral   := chinese? "十" chinese? | chinese | digit+
/// sep       := "、" | "." | "．" | "，" | "," | "：" | ":"
/// ```
#[inline]
pub fn numbering(i: &str) -> IResult<&str, Numbering> {
    // Most labels and lines start with a word, and are told so here, inline, from their
    // first char; the forms are read out of line.
    if !i.chars().next().is_some_and(may_start_numbering) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Char,
        )));
    }
    numbering_form(i)
}

/// True for a char a numbering may start with: a space (skipped), a bracket, `第`, or
/// the start of a numeral (a Chinese digit, `十`, a digit).
fn may_start_numbering(c: char) -> bool {
    is_space(c)
        || matches!(c, '(' | '（' | '第' | '十')
        || is_digit(c)
        || chinese_digit_value(c).is_some()
}

/// [`numbering`] of a text whose first char may start one.
#[inline(never)]
fn numbering_form(i: &str) -> IResult<&str, Numbering> {
    let fail = |i| {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Char,
        )))
    };
    let i = skip_space(i);
    let mut chars = i.chars();
    let n = match chars.next() {
        Some('(' | '（') => {
            let Some((n, rest)) = numeral(skip_space(chars.as_str())) else {
                return fail(i);
            };
            let mut rest = skip_space(rest).chars();
            if !matches!(rest.next(), Some(')' | '）')) {
                return fail(i);
            }
            let rest = rest.as_str();
            (Numbering::Paren(n), skip_sep(rest))
        }
        Some('第') => {
            let Some((n, rest)) = numeral(chars.as_str()) else {
                return fail(i);
            };
            let Some(rest) = ["部分", "章", "节"]
                .iter()
                .find_map(|w| rest.strip_prefix(w))
            else {
                return fail(i);
            };
            (Numbering::Top(n), skip_sep(rest))
        }
        _ => {
            // Every other form starts with a numeral: a Chinese digit, `十` or a digit.
            // Most labels and lines start with none (a label's first word), and fail here.
            let Some((n, rest)) = numeral(i) else {
                return fail(i);
            };
            let rest = skip_space(rest);
            let after = skip_sep(rest);
            if after.len() == rest.len() {
                return fail(i);
            }
            (Numbering::Top(n), after)
        }
    };
    let (n, rest) = n;
    Ok((skip_space(rest), n))
}

/// `s` without its leading whitespace ([`is_space`]).
fn skip_space(s: &str) -> &str {
    // Most text starts with no space, which its first byte shows: printable ASCII, or
    // the lead byte of a char from U+4000 up (no space lies there). Decoding the first
    // char to ask was most of what reading a numbering cost.
    match s.as_bytes().first() {
        Some(&b) if (0x21..0x80).contains(&b) || b >= 0xe4 => s,
        _ => s.trim_start_matches(is_space),
    }
}

/// `s` after one separator of a numbering (`、` `.` `．` `，` `,` `：` `:`), if it starts
/// with one.
fn skip_sep(s: &str) -> &str {
    let mut chars = s.chars();
    match chars.next() {
        Some('、' | '.' | '．' | '，' | ',' | '：' | ':') => chars.as_str(),
        _ => s,
    }
}

/// The numeral at the start of `s` and the rest: `二十三`, `十二`, `十`, `三` (the digits
/// of [`chinese_digit_value`]), or half- or full-width digits that fit a `u32`.
fn numeral(s: &str) -> Option<(u32, &str)> {
    let mut chars = s.chars();
    let first = chars.next()?;
    if let Some(t) = chinese_digit_value(first) {
        let after = chars.as_str();
        return match after.strip_prefix('十') {
            Some(rest) => Some(tens(Some(t), rest)),
            None => Some((t, after)),
        };
    }
    if first == '十' {
        return Some(tens(None, chars.as_str()));
    }
    // Most labels start with a word, not a numeral: told from the char already read.
    if !is_digit(first) {
        return None;
    }
    let end = s.find(|c: char| !is_digit(c)).unwrap_or(s.len());
    let v = digits_value(&s[..end]).and_then(|v| u32::try_from(v).ok())?;
    Some((v, &s[end..]))
}

/// The value of `t十u` (each digit optional) where `rest` follows the `十`.
fn tens(t: Option<u32>, rest: &str) -> (u32, &str) {
    let mut chars = rest.chars();
    match chars.next().and_then(chinese_digit_value) {
        Some(u) => (t.unwrap_or(1) * 10 + u, chars.as_str()),
        None => (t.unwrap_or(1) * 10, rest),
    }
}

/// Strips every leading numbering (`三、（一）予以公开` → `予以公开`).
pub fn strip_numbering(s: &str) -> &str {
    let mut s = s;
    while let Ok((rest, _)) = numbering(s) {
        if rest.len() == s.len() || rest.is_empty() {
            break;
        }
        s = rest;
    }
    s
}

// ---------------------------------------------------------------------------------
// Dates, periods, phones
// ---------------------------------------------------------------------------------

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

impl Date {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A year of four Arabic or Chinese digits (`2025`, `二〇二五`).
fn year4(i: &str) -> IResult<&str, i32> {
    let arabic_year = map_opt(take_while_m_n(4, 4, is_digit), |d: &str| {
        digits_value(d).map(|v| v as i32)
    });
    let cn_year = map_opt(
        take_while_m_n(4, 4, |c| c != '两' && chinese_digit_value(c).is_some()),
        |s: &str| {
            Some(s.chars().fold(0, |a, c| {
                a * 10 + chinese_digit_value(c).unwrap_or(0) as i32
            }))
        },
    );
    alt((arabic_year, cn_year)).parse(i)
}

fn small_number(i: &str) -> IResult<&str, u32> {
    alt((
        map_opt(take_while_m_n(1, 2, is_digit), |d: &str| {
            digits_value(d).map(|v| v as u32)
        }),
        chinese_numeral,
    ))
    .parse(i)
}

/// A date such as `2025年1月8日`, `2024 年 12 月 31 日`, `二〇二五年一月八日`.
pub fn date(i: &str) -> IResult<&str, Date> {
    let (i, year) = year4(i)?;
    let (i, _) = (space0, char('年'), space0).parse(i)?;
    let (i, month) = small_number(i)?;
    let (i, _) = (space0, char('月'), space0).parse(i)?;
    let (i, day) = small_number(i)?;
    let (i, _) = (space0, alt((char('日'), char('号')))).parse(i)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1900..=2200).contains(&year) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((i, Date { year, month, day }))
}

/// A month and day without a year: `12月31日`.
fn month_day(i: &str) -> IResult<&str, (u32, u32)> {
    let (i, month) = small_number(i)?;
    let (i, _) = (space0, char('月'), space0).parse(i)?;
    let (i, day) = small_number(i)?;
    let (i, _) = (space0, alt((char('日'), char('号')))).parse(i)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((i, (month, day)))
}

/// The word or dash between the two ends of a range: `至`, `到`, `—`, `-`, `－`, `~`, `～`.
fn range_word(i: &str) -> IResult<&str, &str> {
    alt((
        tag("至"),
        tag("到"),
        tag("—"),
        tag("-"),
        tag("－"),
        tag("~"),
        tag("～"),
    ))
    .parse(i)
}

/// A period such as `2024年1月1日起，至2024年12月31日止` or `2025年1月1日至2025年12月31日`.
/// The end may leave out its year (`2023年1月1日至12月31日`): it is then the start's.
pub fn period(i: &str) -> IResult<&str, (Date, Date)> {
    let (i, start) = date(i)?;
    let (i, _) = (
        space0,
        opt(char('起')),
        space0,
        opt(alt((char('，'), char(','), char('、')))),
        space0,
        range_word,
        space0,
    )
        .parse(i)?;
    let (i, end) = match date(i) {
        Ok(found) => found,
        Err(_) => {
            let (i, (month, day)) = month_day(i)?;
            let end = Date {
                year: start.year,
                month,
                day,
            };
            (i, end)
        }
    };
    Ok((i, (start, end)))
}

/// A statistics period that names a whole year rather than two dates: `2023年度`,
/// `2023年全年`, `2023年1月至12月` (`1-12月`, `1月—12月`). Read as 1 January to
/// 31 December of that year.
pub fn whole_year(i: &str) -> IResult<&str, (Date, Date)> {
    let (i, year) = year4(i)?;
    let (i, _) = (space0, char('年'), space0).parse(i)?;
    let months = (
        tag("1"),
        space0,
        opt(char('月')),
        space0,
        range_word,
        space0,
        tag("12"),
        space0,
        char('月'),
    );
    let (i, _) = alt((
        recognize(char('度')),
        recognize(tag("全年")),
        recognize(months),
    ))
    .parse(i)?;
    if !(1900..=2200).contains(&year) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let on = |month, day| Date { year, month, day };
    Ok((i, (on(1, 1), on(12, 31))))
}

/// A phone number as printed: digits with `-`, parentheses and spaces between groups.
/// Needs at least 7 digits. The output is the matched text, trimmed.
pub fn phone(i: &str) -> IResult<&str, &str> {
    let part = |i| {
        recognize(many1_count(alt((
            take_while1(is_digit),
            recognize(alt((
                char('-'),
                char('－'),
                char('—'),
                char('('),
                char(')'),
                char('（'),
                char('）'),
            ))),
        ))))
        .parse(i)
    };
    let (_, s) = part(i)?;
    let s = s.trim_end_matches(|c: char| !is_digit(c));
    let n = s.chars().filter(|c| is_digit(*c)).count();
    if n < 7 {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((&i[s.len()..], s))
}

/// Skips any run of characters that are not digits (up to `max` characters) and
/// parses a phone number after them: for text after `电话`.
pub fn phone_after_label(i: &str, max: usize) -> Option<&str> {
    let mut rest = i;
    for _ in 0..=max {
        if let Ok((_, p)) = phone(rest) {
            return Some(p);
        }
        let mut chars = rest.chars();
        let c = chars.next()?;
        if is_digit(c) {
            return None;
        }
        rest = chars.as_str();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `nom` grammar [`numbering`] was, which it must read as.
    /// A numbering prefix: `一、`, `2、`, `3.`, `（二）`, `(1)`, `第三部分`. Returns the
    /// numbering and the rest after any following whitespace.
    fn numbering_nom(i: &str) -> IResult<&str, Numbering> {
        let (i, _) = space0(i)?;
        // Every form starts with a bracket, `第`, a Chinese numeral (a digit or `十`) or a
        // digit. Most labels and lines start with none (a label's first word), and fail here,
        // before each form below is tried on them: this parser runs on every row label and
        // on every line that might be a heading.
        let first = i.chars().next().unwrap_or(' ');
        if !(matches!(first, '(' | '（' | '第' | '十')
            || is_digit(first)
            || chinese_digit_value(first).is_some())
        {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Char,
            )));
        }
        let (i, n) = alt((
            map(
                (
                    alt((char('('), char('（'))),
                    space0,
                    alt((chinese_numeral, arabic)),
                    space0,
                    alt((char(')'), char('）'))),
                    opt(list_sep),
                ),
                |(_, _, n, _, _, _)| Numbering::Paren(n),
            ),
            map(
                (
                    char('第'),
                    alt((chinese_numeral, arabic)),
                    alt((tag("部分"), tag("章"), tag("节"))),
                    opt(list_sep),
                ),
                |(_, n, _, _)| Numbering::Top(n),
            ),
            map(
                (alt((chinese_numeral, arabic)), space0, list_sep),
                |(n, _, _)| Numbering::Top(n),
            ),
            map((arabic, space0, char(' ')), |(n, _, _)| Numbering::Top(n)),
        ))
        .parse(i)?;
        let (i, _) = space0(i)?;
        Ok((i, n))
    }

    #[test]
    fn is_text_says_what_cell_content_says() {
        let cells = [
            "",
            " ",
            "  ",
            "\u{a0}",
            "\u{3000}",
            "\u{feff}0",
            " 0 ",
            " 12",
            "0",
            "12",
            "1.5",
            "1.属于国家秘密",
            "12、重复申请",
            "3.",
            "1.",
            "1.5万元",
            "3. 其他",
            "1.一",
            "（七）总计",
            "(一)",
            "一",
            "一、本年新收",
            "无",
            "空",
            "/",
            "—",
            "-3",
            "－",
            "×",
            "789(医、护士)",
            "0万元",
            "予以公开",
            "Ａ类",
            "2024年度，我局",
            "\u{b}0",
            "0\u{a0}",
            "第三部分",
            " 1.属于",
            "\u{a0}\u{a0}",
            " （一）予以公开 ",
            "  一",
            " 无",
            "\u{a0}1",
            " \u{feff}",
            "\u{a0}\u{feff}",
            " 1. 属于",
            " 1、重复申请 ",
            "\u{3000}（三）",
            " —",
            " ×",
        ];
        for c in cells {
            assert_eq!(
                is_text(c),
                matches!(cell_content(c), CellContent::Text),
                "{c:?}"
            );
        }
    }

    #[test]
    fn numbering_reads_as_the_grammar_did() {
        let lead = ["", " ", "\u{3000}"];
        let open = ["", "(", "（", "第", "第 "];
        let numerals = [
            "",
            "一",
            "十",
            "二十三",
            "十二",
            "两",
            "〇",
            "三十",
            "二三",
            "12",
            "１２",
            "3",
            "99999999999",
            "十十",
            "x",
        ];
        let close = ["", ")", " ）", "部分", "章", "节", "部"];
        let sep = ["", "、", ".", "．", "，", ",", "：", ":", " 、", "。"];
        let tail = ["", "属于", " x", "3", "（一）予以公开"];
        let mut n = 0;
        for l in lead {
            for o in open {
                for m in numerals {
                    for c in close {
                        for p in sep {
                            for t in tail {
                                let s = format!("{l}{o}{m}{c}{p}{t}");
                                let ours = numbering(&s).ok();
                                let theirs = numbering_nom(&s).ok();
                                assert_eq!(ours, theirs, "{s:?}");
                                assert_eq!(strip_numbering(&s), {
                                    let mut s = s.as_str();
                                    while let Ok((rest, _)) = numbering_nom(s) {
                                        if rest.len() == s.len() || rest.is_empty() {
                                            break;
                                        }
                                        s = rest;
                                    }
                                    s
                                });
                                n += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(n > 10_000);
    }

    fn num(s: &str) -> f64 {
        match cell_content(s) {
            CellContent::Number { number, .. } => number.as_f64(),
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(num("0"), 0.0);
        assert_eq!(num(" 64 "), 64.0);
        assert_eq!(num("1,300"), 1300.0);
        assert_eq!(num("１２"), 12.0);
        assert_eq!(num("１，３００"), 1300.0);
        assert_eq!(num("-18"), -18.0);
        assert_eq!(num("0.35"), 0.35);
        assert_eq!(num("73802895.90"), 73802895.9);
        assert_eq!(num("24252.311082"), 24252.311082);
    }

    #[test]
    fn numbers_with_units_and_notes() {
        match cell_content("789(医、护士、公共卫生许可)") {
            CellContent::Number { number, unit, rest } => {
                assert_eq!(number.int, 789);
                assert_eq!(unit, None);
                assert_eq!(rest, "(医、护士、公共卫生许可)");
            }
            other => panic!("{other:?}"),
        }
        match cell_content("0万元") {
            CellContent::Number { number, unit, rest } => {
                assert_eq!(number.int, 0);
                assert_eq!(unit, Some(Unit::TenThousandYuan));
                assert_eq!(rest, "");
            }
            other => panic!("{other:?}"),
        }
        match cell_content("12 件") {
            CellContent::Number { unit, rest, .. } => {
                assert_eq!(unit, Some(Unit::Count));
                assert_eq!(rest, "");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn blanks_marks_and_labels() {
        assert_eq!(cell_content(" \u{a0} "), CellContent::Blank);
        assert_eq!(cell_content("/"), CellContent::NoneMark);
        assert_eq!(cell_content("——"), CellContent::NoneMark);
        assert_eq!(cell_content("无"), CellContent::NoneMark);
        assert_eq!(cell_content("-"), CellContent::NoneMark);
        assert_eq!(cell_content("1.属于国家秘密"), CellContent::Text);
        assert_eq!(cell_content("2. 重复申请"), CellContent::Text);
        assert_eq!(cell_content("3、其他"), CellContent::Text);
        // A numbering whose label text wrapped to the next line.
        assert_eq!(cell_content("3."), CellContent::Text);
        assert!(matches!(cell_content("3"), CellContent::Number { .. }));
        assert_eq!(cell_content("行政许可"), CellContent::Text);
        assert_eq!(cell_content("2024年度，我局"), CellContent::Text);
    }

    #[test]
    fn numberings() {
        assert_eq!(numbering("一、总体情况").unwrap().1, Numbering::Top(1));
        assert_eq!(numbering("2、 主动公开").unwrap().1, Numbering::Top(2));
        assert_eq!(numbering("二.主动").unwrap().1, Numbering::Top(2));
        assert_eq!(numbering("（一）主动公开").unwrap().1, Numbering::Paren(1));
        assert_eq!(numbering("(五) 监督").unwrap().1, Numbering::Paren(5));
        assert_eq!(numbering("第三部分 收到").unwrap().1, Numbering::Top(3));
        assert_eq!(numbering("十二、x").unwrap().1, Numbering::Top(12));
        assert!(numbering("总体情况").is_err());
        assert_eq!(strip_numbering("三、（一）予以公开"), "予以公开");
        assert_eq!(strip_numbering("(二) 部分公开"), "部分公开");
        assert_eq!(strip_numbering("1.属于国家秘密"), "属于国家秘密");
    }

    #[test]
    fn dates_and_periods() {
        assert_eq!(date("2025年1月8日").unwrap().1.iso(), "2025-01-08");
        assert_eq!(date("2024 年 12 月 31 日").unwrap().1.iso(), "2024-12-31");
        assert_eq!(date("二〇二五年一月八日").unwrap().1.iso(), "2025-01-08");
        assert_eq!(
            date("二○二三年十二月三十一日").unwrap().1.iso(),
            "2023-12-31"
        );
        assert!(date("2025年13月8日").is_err());
        let (_, (a, b)) = period("2024年1月1日起，至2024年12月31日止").unwrap();
        assert_eq!(
            (a.iso(), b.iso()),
            ("2024-01-01".into(), "2024-12-31".into())
        );
        let (_, (a, b)) = period("2023年1月1日至12月31日").unwrap();
        assert_eq!(
            (a.iso(), b.iso()),
            ("2023-01-01".into(), "2023-12-31".into())
        );
        let (_, (a, b)) = period("2022 年 1 月 1 日起至 2022 年 12 月 31 日止").unwrap();
        assert_eq!(
            (a.iso(), b.iso()),
            ("2022-01-01".into(), "2022-12-31".into())
        );
    }

    #[test]
    fn phones() {
        assert_eq!(phone("0536-6221579。").unwrap().1, "0536-6221579");
        assert_eq!(phone("027-83760190").unwrap().1, "027-83760190");
        assert!(phone("223001").is_err());
        assert_eq!(
            phone_after_label(":0536-6221579。", 6),
            Some("0536-6221579")
        );
        assert_eq!(
            phone_after_label("/传真：0591-23165370", 6),
            Some("0591-23165370")
        );
    }
}
