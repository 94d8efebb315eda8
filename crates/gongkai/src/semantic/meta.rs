//! Metadata: title, agency, year, statistics period, publication date, phone, address.

use memchr::memmem;

use crate::grammar::{date, digit_value, period, phone_after_label};
use crate::input::Line;
use crate::normalize::{is_cjk, squash, trim};
use crate::report::Meta;

/// Reads the metadata. `first_heading` is the index of the first part heading, if any:
/// the title stands above it. `source` is the text the lines are pieces of, if they are
/// ([`crate::input::Document::source`]).
pub fn read(lines: &[Line<'_>], source: &str, first_heading: Option<usize>) -> Meta {
    let title = title(lines, first_heading);
    let agency = title.as_deref().and_then(agency_from_title);
    // Meta is searched in the text with all whitespace removed, so values broken over
    // lines (`淮\n安市`) are found whole.
    let flat = Flat::new(lines, source);
    let (period_start, period_end) = match statistics_period(&flat) {
        Some((a, b)) => (Some(a), Some(b)),
        None => (None, None),
    };
    let year = title
        .as_deref()
        .and_then(year_in)
        .or_else(|| period_end.as_deref().and_then(|d| d[..4].parse().ok()));
    Meta {
        title,
        agency,
        year,
        period_start,
        period_end,
        published: published(lines),
        phone: contact_phone(&flat),
        address: contact_address(&flat),
    }
}

/// The text of the lines as the metadata is searched in: without whitespace, so a value
/// broken over lines (`淮\n安市`) reads whole. Nothing is copied up front, as a squashed
/// copy of the whole text was: a key is found on the lines' own bytes, and only the few
/// dozen chars after it are read without their whitespace.
struct Flat<'a> {
    /// The lines as runs of `source` ([`crate::input::runs`]): most documents are one run.
    runs: Vec<&'a str>,
}

/// A place in a [`Flat`]: a byte offset in one of its runs.
#[derive(Debug, Clone, Copy)]
struct At {
    run: usize,
    byte: usize,
}

impl<'a> Flat<'a> {
    fn new(lines: &'a [Line<'a>], source: &'a str) -> Self {
        Flat {
            runs: crate::input::runs(source, lines),
        }
    }

    /// The chars from `at` on, whitespace left out, each with the place after it.
    fn chars(&self, at: At) -> impl Iterator<Item = (char, At)> + '_ {
        self.runs[at.run..]
            .iter()
            .enumerate()
            .flat_map(move |(k, run)| {
                let run_no = at.run + k;
                let from = if k == 0 { at.byte } else { 0 };
                run[from..].char_indices().map(move |(i, c)| {
                    let byte = from + i + c.len_utf8();
                    (c, At { run: run_no, byte })
                })
            })
            // The whitespace `normalize::squash` removes.
            .filter(|&(c, _)| !(c.is_whitespace() || c == '\u{feff}'))
    }

    /// Up to `n` chars from `at`, without whitespace.
    fn take(&self, at: At, n: usize) -> String {
        self.chars(at).take(n).map(|(c, _)| c).collect()
    }

    /// The place after each occurrence of `key` in the text without whitespace, in order.
    /// Its first char is looked for on the bytes; the rest of the key may stand after
    /// whitespace or on the next line. No key here holds its first char twice, so its
    /// occurrences cannot overlap, as in a search of the squashed text.
    fn after<'s>(&'s self, key: &'s str) -> impl Iterator<Item = At> + 's {
        let first = key.chars().next().map_or(0, char::len_utf8);
        debug_assert!(!key[first..].contains(&key[..first]));
        let (head, rest) = key.split_at(first);
        self.runs
            .iter()
            .enumerate()
            .flat_map(move |(run, text)| {
                memmem::find_iter(text.as_bytes(), head.as_bytes()).map(move |p| At {
                    run,
                    byte: p + first,
                })
            })
            .filter_map(move |at| {
                let mut chars = self.chars(at);
                let mut end = at;
                for k in rest.chars() {
                    match chars.next() {
                        Some((c, next)) if c == k => end = next,
                        _ => return None,
                    }
                }
                Some(end)
            })
    }
}

/// The title: the short lines at the top, up to the one that ends in 报告.
fn title(lines: &[Line<'_>], first_heading: Option<usize>) -> Option<String> {
    let end = first_heading.unwrap_or(lines.len()).min(12);
    let mut acc = String::new();
    for l in &lines[..end.min(lines.len())] {
        let t = squash(l.text);
        if t.is_empty() {
            continue;
        }
        if l.is_table_cell() {
            return None;
        }
        if is_breadcrumb(&t) || is_page_field(&t) {
            // Page furniture above the headline: `首页 > 政务公开 > 年报`, `正文`,
            // `发布日期：2024-01-15`.
            acc.clear();
            continue;
        }
        acc.push_str(strip_furniture(&t));
        if acc.chars().count() > 60 {
            return None;
        }
        if acc.ends_with("报告") || acc.ends_with("报告》") {
            return Some(acc);
        }
    }
    None
}

/// True for a portal's breadcrumb trail (`首页>政务公开>年报`, `当前位置：…`).
fn is_breadcrumb(t: &str) -> bool {
    t.starts_with("当前位置")
        || t.starts_with("您的位置")
        || t.starts_with("您当前的位置")
        || t.starts_with("您所在的位置")
        || t.matches(['>', '＞', '›', '»']).count() >= 2
}

/// True for a line of a portal page's furniture around the headline: a label standing
/// alone (`正文`, `标题：`) or a field of the page's info box (`索引号：…`, `发布日期：…`).
fn is_page_field(t: &str) -> bool {
    const ALONE: [&str; 6] = ["正文", "标题", "标题：", "标题:", "内容", "全文"];
    const FIELDS: [&str; 16] = [
        "索引号",
        "发布机构",
        "发文机关",
        "发布日期",
        "发文日期",
        "成文日期",
        "发布时间",
        "来源：",
        "来源:",
        "信息来源",
        "文号",
        "浏览次数",
        "访问次数",
        "主题分类",
        "生成日期",
        "有效性",
    ];
    ALONE.contains(&t) || FIELDS.iter().any(|f| t.starts_with(f))
}

/// A headline without the label a page prints before it (`标题：`, `正文`).
fn strip_furniture(t: &str) -> &str {
    ["标题：", "标题:", "正文"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(t)
}

/// The agency as the title names it: what stands before the year, or between the year
/// and 政府信息公开 when the title starts with the year.
fn agency_from_title(title: &str) -> Option<String> {
    let pos = title.char_indices().find_map(|(i, _)| {
        let (rest, _) = year_prefix(&title[i..])?;
        Some((i, rest))
    });
    let agency = match pos {
        Some((0, rest)) => {
            let rest = rest.trim_start_matches('度');
            let end = rest.find("政府信息公开")?;
            &rest[..end]
        }
        Some((i, _)) => &title[..i],
        None => {
            let end = title.find("政府信息公开")?;
            &title[..end]
        }
    };
    let agency = agency
        .trim_end_matches("关于")
        .trim_matches(|c: char| !is_cjk(c) && !c.is_alphanumeric());
    (!agency.is_empty()).then(|| agency.to_string())
}

/// `2024年` at the start of `s`: the year and the rest after 年.
fn year_prefix(s: &str) -> Option<(&str, i32)> {
    let mut chars = s.char_indices();
    let mut year = 0i32;
    for _ in 0..4 {
        let (_, c) = chars.next()?;
        year = year * 10 + digit_value(c)? as i32;
    }
    let (i, c) = chars.next()?;
    (c == '年' && (1990..=2200).contains(&year)).then(|| (&s[i + c.len_utf8()..], year))
}

/// The first `YYYY年` in a string.
fn year_in(s: &str) -> Option<i32> {
    s.char_indices()
        .find_map(|(i, _)| year_prefix(&s[i..]).map(|(_, y)| y))
}

/// The statistics period: the first date range after 统计, 期限 or 时间范围; failing
/// that, a whole year named right after one of them (`统计期限为2023年度`).
fn statistics_period(flat: &Flat<'_>) -> Option<(String, String)> {
    dated_period(flat).or_else(|| year_period(flat))
}

/// A whole year named right after a period's key: `统计期限为2023年度`,
/// `统计时间为2023年1月至12月`.
fn year_period(flat: &Flat<'_>) -> Option<(String, String)> {
    for key in ["统计期限", "统计时间", "统计周期", "时间范围"] {
        for start in flat.after(key) {
            // A whole year is at most a dozen chars (`2023年1月至12月`).
            let rest: String = flat
                .chars(start)
                .map(|(c, _)| c)
                .skip_while(|c| matches!(c, '为' | '是' | '：' | ':' | '自' | '从'))
                .take(40)
                .collect();
            if let Ok((_, (a, b))) = crate::grammar::whole_year(&rest) {
                return Some((a.iso(), b.iso()));
            }
        }
    }
    None
}

/// The first date range after 统计, 期限 or 时间范围.
fn dated_period(flat: &Flat<'_>) -> Option<(String, String)> {
    for key in ["统计期限", "统计", "期限", "时间范围"] {
        for start in flat.after(key) {
            // The 40 chars after the key.
            let window = flat.take(start, 40);
            for (i, _) in window.char_indices() {
                if let Ok((_, (a, b))) = period(&window[i..]) {
                    return Some((a.iso(), b.iso()));
                }
            }
        }
    }
    None
}

/// The date printed at the end (落款): a short line near the end that is, or ends in, a
/// date; or, where the body is one long line (a crawler's copy), the text after its last
/// sentence when that is short and ends in a date.
fn published(lines: &[Line<'_>]) -> Option<String> {
    let tail = lines.iter().rev().filter(|l| !l.is_blank()).take(8);
    for (k, l) in tail.enumerate() {
        let t = squash(l.text);
        let t = match t.rfind(['。', '！', '；']) {
            // The 落款 glued to the end of the last sentence.
            Some(end) if k == 0 => t[end..].chars().skip(1).collect(),
            _ => t,
        };
        if t.chars().count() > 40 || t.contains('。') {
            continue;
        }
        if let Some(d) = ending_date(&t) {
            return Some(d);
        }
    }
    None
}

/// The date a short text ends in, as `YYYY-MM-DD`.
fn ending_date(t: &str) -> Option<String> {
    t.char_indices().find_map(|(i, _)| match date(&t[i..]) {
        Ok((rest, d)) if trim(rest).is_empty() => Some(d.iso()),
        _ => None,
    })
}

/// The contact phone: the first phone number after 电话.
fn contact_phone(flat: &Flat<'_>) -> Option<String> {
    flat.after("电话").find_map(|start| {
        // The label's next few chars, then on to the first ideograph: a phone number is
        // digits, dashes and brackets, never an ideograph, so the number is read whole.
        let mut text = String::new();
        for (n, (c, _)) in flat.chars(start).enumerate() {
            if n >= 64 && is_cjk(c) {
                break;
            }
            text.push(c);
        }
        phone_after_label(&text, 8).map(str::to_string)
    })
}

/// The contact address: the text after 地址：, up to the next punctuation or field.
fn contact_address(flat: &Flat<'_>) -> Option<String> {
    // An address is at most 60 chars, and the words that end it at most 4: what stands
    // past 80 chars cannot change which address is read.
    flat.after("地址")
        .find_map(|start| address_after_key(&flat.take(start, 80)))
}

/// The address in the text after a 地址 (`：…`, `为…`): up to the next punctuation or
/// field, if it is there and at most 60 chars.
fn address_after_key(rest: &str) -> Option<String> {
    let rest = rest
        .strip_prefix('：')
        .or_else(|| rest.strip_prefix(':'))
        .or_else(|| rest.strip_prefix("为"))?;
    let end = rest
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '，' | ',' | '。' | '；' | ';' | '）' | ')' | '、')
                || ["邮编", "邮政编码", "电话", "联系电话", "传真"]
                    .iter()
                    .any(|k| rest[i..].starts_with(k))
        })
        .map_or(rest.len(), |(i, _)| i);
    let addr = &rest[..end];
    (!addr.is_empty() && addr.chars().count() <= 60).then(|| addr.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, no: usize) -> Line<'_> {
        Line { text, no }
    }

    /// A flat text of separate lines, one run each.
    fn flat_of<'a>(texts: &[&'a str]) -> Flat<'a> {
        Flat {
            runs: texts.to_vec(),
        }
    }

    #[test]
    fn a_breadcrumb_or_label_above_the_headline_is_not_title() {
        let lines = [
            line("首页 > 政务公开 > 年报", 1),
            line("沙湾市卫生健康委2024年政府信息公开", 2),
            line("工作年度报告", 3),
            line("一、总体情况", 4),
        ];
        assert_eq!(
            title(&lines, Some(3)).as_deref(),
            Some("沙湾市卫生健康委2024年政府信息公开工作年度报告")
        );
        let lines = [
            line("正文", 1),
            line("发布日期：2024 年 1 月 15 日", 2),
            line("标题：某局2024年政府信息公开工作年度报告", 3),
        ];
        assert_eq!(
            title(&lines, None).as_deref(),
            Some("某局2024年政府信息公开工作年度报告")
        );
    }

    #[test]
    fn the_date_under_a_body_of_one_line() {
        let body =
            "六、其他需要报告的事项本机关未收取信息处理费。某某县人民政府办公室 2024 年 1 月 15 日";
        assert_eq!(published(&[line(body, 1)]).as_deref(), Some("2024-01-15"));
        let body = "六、其他需要报告的事项本机关于2024年1月15日未收取信息处理费。";
        assert_eq!(published(&[line(body, 1)]), None);
    }

    #[test]
    fn a_whole_year_as_the_period() {
        for text in [
            "本报告统计期限为2023年度。",
            "统计时间为2023年1月至12月",
            "统计期限为2023年全年",
        ] {
            assert_eq!(
                statistics_period(&flat_of(&[text])),
                Some(("2023-01-01".into(), "2023-12-31".into())),
                "{text}"
            );
        }
        // A year named in passing is no period.
        assert_eq!(statistics_period(&flat_of(&["2023年度统计数据显示"])), None);
    }

    #[test]
    fn agency_from_titles() {
        assert_eq!(
            agency_from_title("昌乐县卫生健康局2024年政府信息公开工作年度报告").as_deref(),
            Some("昌乐县卫生健康局")
        );
        assert_eq!(
            agency_from_title("2024年度淮安市人民政府政府信息公开工作年度报告").as_deref(),
            Some("淮安市人民政府")
        );
        assert_eq!(
            agency_from_title("金乡县卫生健康局关于2022年度政府信息公开工作年度报告").as_deref(),
            Some("金乡县卫生健康局")
        );
    }

    #[test]
    fn contacts() {
        let text = "请与金乡县卫生健康局联系（地址：山东省济宁市金乡县崇文大道5号，联系电话：0537-8729856）。";
        let flat = flat_of(&[text]);
        assert_eq!(contact_phone(&flat).as_deref(), Some("0537-8729856"));
        assert_eq!(
            contact_address(&flat).as_deref(),
            Some("山东省济宁市金乡县崇文大道5号")
        );
        assert_eq!(
            statistics_period(&flat_of(&[
                "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
            ])),
            Some(("2022-01-01".into(), "2022-12-31".into()))
        );
    }

    /// The searches as they were, on a squashed copy of the whole text: what the
    /// [`Flat`] searches must find.
    mod squashed {
        use super::*;

        pub fn period(flat: &str) -> Option<(String, String)> {
            for key in ["统计期限", "统计", "期限", "时间范围"] {
                for p in memmem::find_iter(flat.as_bytes(), key) {
                    let start = p + key.len();
                    let end = flat[start..]
                        .char_indices()
                        .nth(40)
                        .map_or(flat.len(), |(i, _)| start + i);
                    let window = &flat[start..end];
                    for (i, _) in window.char_indices() {
                        if let Ok((_, (a, b))) = crate::grammar::period(&window[i..]) {
                            return Some((a.iso(), b.iso()));
                        }
                    }
                }
            }
            for key in ["统计期限", "统计时间", "统计周期", "时间范围"] {
                for p in memmem::find_iter(flat.as_bytes(), key) {
                    let rest = flat[p + key.len()..]
                        .trim_start_matches(['为', '是', '：', ':', '自', '从']);
                    if let Ok((_, (a, b))) = crate::grammar::whole_year(rest) {
                        return Some((a.iso(), b.iso()));
                    }
                }
            }
            None
        }

        pub fn phone(flat: &str) -> Option<String> {
            memmem::find_iter(flat.as_bytes(), "电话")
                .find_map(|p| phone_after_label(&flat[p + "电话".len()..], 8).map(str::to_string))
        }

        /// Every 地址 of the whole squashed text, the rest of the text after it.
        pub fn address(flat: &str) -> Option<String> {
            memmem::find_iter(flat.as_bytes(), "地址")
                .find_map(|p| address_after_key(&flat[p + "地址".len()..]))
        }
    }

    #[test]
    fn flat_searches_find_what_a_squashed_copy_shows() {
        // Pieces that make keys, values and near misses, joined in every order of a few,
        // with whitespace, line breaks and indents between them and inside the keys.
        let pieces = [
            "统计期限自2022年1月1日起至2022年12月31日止",
            "统 计\n期限为2023年度",
            "统计时间为为：2023年1月至12月",
            "期限",
            "时间范\n围2021年全年",
            "地址：山东省济宁市金乡县崇文大道5号，",
            "地\u{3000}址：一个很长的地址一个很长的地址一个很长的地址一个很长的地址一个很长的地址一个很长的地址一个很长的地址",
            "地址为湖北省武汉市联系电话",
            "电话：0537-8729856",
            "电 话（0537）8729-8561234567890123456789012345678901234567890123456789012345678901234567890",
            "联系电话咨询本机关",
            "12345678901234567890",
            "\n\n",
            "  \t",
            "传真",
            "。",
        ];
        let mut checked = 0;
        for a in 0..pieces.len() {
            for b in 0..pieces.len() {
                for c in [0, 4, 7, 9, 11] {
                    let text = format!(
                        "{}\n  {}{}\r\n{}",
                        pieces[a], pieces[b], pieces[c], pieces[a]
                    );
                    // The text's lines, as the text reader cuts them (without the indent).
                    let lines: Vec<Line<'_>> = text
                        .split('\n')
                        .enumerate()
                        .map(|(no, l)| line(l.trim_start(), no + 1))
                        .collect();
                    let joined: String = lines.iter().map(|l| squash(l.text)).collect();
                    for source in [text.as_str(), ""] {
                        let flat = Flat::new(&lines, source);
                        assert_eq!(
                            statistics_period(&flat),
                            squashed::period(&joined),
                            "{text:?}"
                        );
                        assert_eq!(contact_phone(&flat), squashed::phone(&joined), "{text:?}");
                        assert_eq!(
                            contact_address(&flat),
                            squashed::address(&joined),
                            "{text:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, pieces.len() * pieces.len() * 5 * 2);
    }
}
