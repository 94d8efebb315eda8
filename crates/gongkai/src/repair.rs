//! Text whose line breaks were lost: a crawler's copy of a report page, the whole report
//! on one line, table cells run together (`规章000行政规范性文件000`, `行政处罚63600`).
//!
//! The line is cut again where the template's own words start: the part headings, the
//! table headers and the row labels (with their numbering, `2.`, `（七）`). A row's
//! numbers are what follows its label. Where they were printed with nothing between
//! them, a run of digits is split into the row's columns only where the digits admit one
//! reading (no part but `0` starts with `0`), or one reading whose totals add up; other
//! runs are dropped, so the row is null. Either way the row carries a `glued_digits`
//! diagnostic: a blank cell leaves no trace between glued digits, so no split is sure.
//!
//! The result is text with one row per line, read by the text layouts of the input
//! stage. This is the one step between input and semantic that knows the template (the
//! words it cuts at come from [`crate::template::rebreak`]): [`repair`] runs it on plain
//! text before the semantic stage, and no reader calls it.

use memchr::memmem;

use crate::diagnostic::{Code, Diagnostic};
use crate::input::Input;
use crate::normalize::is_cjk;
use crate::template::rebreak::{PART2, PART3, PARTS};

/// The mark every part heading's numbering ends in (`一、`), searched for first.
const NUMBERING_MARK: &str = "、";

/// The most readings of a run of digits that are looked at before it is called
/// ambiguous.
const MAX_READINGS: usize = 64;

/// The repair step of the pipeline: text input whose line breaks were lost is cut again
/// into lines; every other input passes through unchanged.
pub(crate) fn repair(mut input: Input<'_>) -> Input<'_> {
    let Some(text) = input.plain_text().filter(|t| is_unbroken(t)) else {
        return input;
    };
    let (lines, mut notes) = rebreak(text);
    input.set_text(lines);
    input.notes.append(&mut notes);
    input
}

/// True when some line holds two or more part headings: a report whose line breaks
/// were lost. A line with tabs is left alone: tab rows run together have lost the
/// header lines their cells are placed by, and are better flagged than re-cut.
pub(crate) fn is_unbroken(text: &str) -> bool {
    // Every text is asked this, so it is answered from the headings rather than the
    // lines: each heading's numbering ends in `、` (a test holds them to it), memchr's
    // vectorised search finds the marks in the whole text, and only there are the
    // numbering before and the words after compared. The line a heading stands on is
    // found from it, once per line: only a line over 200 bytes without a tab qualifies.
    let bytes = text.as_bytes();
    // The current line: where it starts and ends, whether it qualifies, the parts seen.
    let mut line: Option<(usize, usize, bool, u8)> = None;
    for p in memmem::find_iter(bytes, NUMBERING_MARK) {
        let (before, after) = text.split_at(p + NUMBERING_MARK.len());
        let Some(k) = PARTS
            .iter()
            .position(|(numbering, words)| before.ends_with(numbering) && after.starts_with(words))
        else {
            continue;
        };
        let (start, end, qualifies, seen) = match line {
            Some(l) if p < l.1 => l,
            _ => {
                // Back to the line's start, but never past the last line's end: every
                // byte is looked at a bounded number of times, whatever the headings.
                let from = line.map_or(0, |l| l.1);
                let start =
                    memchr::memrchr2(b'\n', b'\r', &bytes[from..p]).map_or(from, |i| from + i + 1);
                let end = memchr::memchr2(b'\n', b'\r', &bytes[p..]).map_or(bytes.len(), |i| p + i);
                let qualifies =
                    end - start > 200 && memchr::memchr(b'\t', &bytes[start..end]).is_none();
                (start, end, qualifies, 0)
            }
        };
        let seen = seen | 1 << k;
        if qualifies && seen.count_ones() >= 2 {
            return true;
        }
        line = Some((start, end, qualifies, seen));
    }
    false
}

/// The lines of `text`, ended by `\n`, `\r\n` or a lone `\r` (old Mac files).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
}

/// The length in bytes of `w` at the start of `rest`, where white space may stand
/// between its characters (a cell's label wrapped, `重新 出具`); `None` if absent.
fn loose_prefix(rest: &str, w: &str) -> Option<usize> {
    let mut chars = rest.char_indices().peekable();
    for want in w.chars() {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_whitespace() && !want.is_whitespace() {
                chars.next();
            } else {
                break;
            }
        }
        let (_, got) = chars.next()?;
        if got != want {
            return None;
        }
    }
    Some(chars.peek().map_or(rest.len(), |&(i, _)| i))
}

/// The part a break opens.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Part {
    Prose,
    Disclosure,
    Applications,
    Review,
}

/// A cut: where a line starts, what it is, and the key and column count of its row.
struct Cut {
    at: usize,
    row: Option<(&'static str, usize)>,
}

/// Re-breaks `text`: every line holding part headings is cut where the template's words
/// start, and its rows' glued digits are split or dropped. Returns the new text and the
/// diagnostics, the first of which says the line breaks were restored.
pub(crate) fn rebreak(text: &str) -> (String, Vec<Diagnostic>) {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut diags = vec![Diagnostic::new(
        Code::LinesRestored,
        "the report's line breaks were lost (a line holds several part headings); lines were restored where the template's headings and row labels start, and line numbers count the restored lines",
    )];
    let mut part = Part::Prose;
    let mut subtotal = false;
    for line in lines(text) {
        if line.len() <= 200 {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        // A markdown table run together: its cells are still delimited.
        let piped = line.matches('|').count() >= 20;
        let cs = cuts(line, &mut part);
        for (k, cut) in cs.iter().enumerate() {
            let end = cs.get(k + 1).map_or(line.len(), |c| c.at);
            let piece = line[cut.at..end].trim();
            if piece.contains("小计") {
                subtotal = true;
            }
            if piped {
                let inner = piece.trim_matches(|c: char| c == '|' || c.is_whitespace());
                if cut.row.is_some() || inner.contains('|') {
                    out.push_str(&format!("| {inner} |\n"));
                } else if !inner.is_empty() {
                    out.push_str(inner);
                    out.push('\n');
                }
                continue;
            }
            let columns = |n: usize| if n == 7 && subtotal { 8 } else { n };
            match cut.row {
                Some((key, n)) if n > 0 => {
                    push_row(&mut out, piece, key, columns(n), &mut diags);
                }
                _ => {
                    out.push_str(piece);
                    out.push('\n');
                }
            }
        }
    }
    (out, diags)
}

/// Where `line` is cut, in order, starting in part `part` (updated to the part the line
/// ends in).
fn cuts(line: &str, part: &mut Part) -> Vec<Cut> {
    let mut cuts = vec![Cut { at: 0, row: None }];
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let step = rest.chars().next().map_or(1, char::len_utf8);
        // `loose_prefix` here, told once for the position which char a word must start
        // with (white space before it is skipped, as `loose_prefix` does): the words
        // that start otherwise are passed over on their first char.
        let first = rest.chars().find(|c| !c.is_whitespace());
        let loose = |w: &str| {
            let head = w.chars().next();
            (head.is_some_and(char::is_whitespace) || head == first)
                .then(|| loose_prefix(rest, w))
                .flatten()
        };
        if i < 300 && *part == Part::Prose && cuts.len() == 1 {
            // The headline, at the start: it ends in 年度报告.
            if let Some(n) = loose("年度报告") {
                cuts.push(Cut {
                    at: i + n,
                    row: None,
                });
                i += n;
                continue;
            }
        }
        if let Some(p) = PARTS
            .iter()
            .position(|(n, w)| rest.starts_with(n) && rest[n.len()..].starts_with(w))
        {
            *part = match p {
                1 => Part::Disclosure,
                2 => Part::Applications,
                3 => Part::Review,
                _ => Part::Prose,
            };
            cuts.push(Cut { at: i, row: None });
            i += PARTS[p].0.len() + PARTS[p].1.len();
            if p == 3 {
                // …行政复议、行政诉讼情况
                i += loose_prefix(&line[i..], "、行政诉讼情况").unwrap_or(0);
            }
            // The heading on a line of its own.
            cuts.push(Cut { at: i, row: None });
            if *part == Part::Review {
                // The table is its header words and one run of numbers at the end.
                if let Some(at) = trailing_numbers(line, i) {
                    cuts.push(Cut {
                        at,
                        row: Some(("review_litigation", 15)),
                    });
                }
            }
            continue;
        }
        let hit = match *part {
            Part::Disclosure => PART2.iter().find_map(|&(w, key, n)| {
                let len = loose(w)?;
                Some((len, 0, key.map(|k| (k, n))))
            }),
            Part::Applications => PART3.iter().find_map(|&(w, key, numbered)| {
                let len = loose(w)?;
                let back = numbering_before(line[..i].trim_end());
                if numbered && back == 0 {
                    return None;
                }
                let at = line[..i].trim_end().len() - back;
                Some((len, i - at, key.map(|k| (k, 7))))
            }),
            _ => None,
        };
        match hit {
            Some((len, back, row)) => {
                let at = i - back;
                if cuts.last().is_some_and(|c| c.at >= at) {
                    i += len;
                    continue;
                }
                cuts.push(Cut { at, row });
                i += len;
            }
            None => i += step,
        }
    }
    cuts.dedup_by_key(|c| c.at);
    cuts
}

/// Bytes of a label's numbering just before `head`'s end: `2.`, `3、`, `（七）`, `四、`.
fn numbering_before(head: &str) -> usize {
    let mut chars = head.chars().rev();
    match (chars.next(), chars.next()) {
        (Some(p @ ('.' | '、' | '．')), Some(d))
            if d.is_ascii_digit() || "一二三四".contains(d) =>
        {
            p.len_utf8() + d.len_utf8()
        }
        (Some(c @ (')' | '）')), Some(d)) if "一二三四五六七".contains(d) => {
            match chars.next() {
                Some(o @ ('(' | '（')) => o.len_utf8() + d.len_utf8() + c.len_utf8(),
                _ => 0,
            }
        }
        _ => 0,
    }
}

/// The start of the run of numbers (digits, spaces) that ends the part-4 region starting
/// at `from`: up to the next part heading, or the line's end.
fn trailing_numbers(line: &str, from: usize) -> Option<usize> {
    let end = PARTS[4..]
        .iter()
        .filter_map(|(n, w)| line[from..].find(&format!("{n}{w}")).map(|p| from + p))
        .min()
        .unwrap_or(line.len());
    let region = &line[from..end];
    let body = region.trim_end();
    let start = body
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_digit() || c == ' ' || c == '\u{3000}')
        .last()
        .map(|(i, _)| i)?;
    let run = &body[start..];
    (run.chars().any(|c| c.is_ascii_digit()) && body[..start].chars().last().is_some_and(is_cjk))
        .then(|| from + start + (run.len() - run.trim_start().len()))
}

/// Writes one row: its label, then its numbers; a run of glued digits is split into
/// `columns` where it admits one reading, or dropped with a diagnostic naming `key`.
fn push_row(out: &mut String, piece: &str, key: &str, columns: usize, diags: &mut Vec<Diagnostic>) {
    let digits_start = piece
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_digit() || c == '.' || c.is_whitespace())
        .last()
        .map_or(piece.len(), |(i, _)| i);
    let (label, numbers) = piece.split_at(digits_start);
    let numbers = numbers.trim();
    let field = if key == "review_litigation" {
        key.to_string()
    } else if PART2.iter().any(|(_, k, _)| *k == Some(key)) {
        format!("active_disclosure.{key}")
    } else {
        format!("applications.{key}")
    };
    let glued = !numbers.contains(char::is_whitespace) && columns > 1 && !numbers.is_empty();
    if !glued {
        // Cells delimited as printed (tabs, spaces): the other layouts read them; a
        // number glued to its label (`行政处罚63600`) is set apart.
        out.push_str(label);
        if !label.ends_with(char::is_whitespace) && !numbers.is_empty() {
            out.push(' ');
            if numbers.len() > 1 && !numbers.contains(char::is_whitespace) {
                diags.push(
                    Diagnostic::new(
                        Code::GluedDigits,
                        msg!("the number {numbers:?} is glued to its label with nothing between them; it was read as one number, but if the row printed more cells, they ran together"),
                    )
                    .field(field),
                );
            }
        }
        out.push_str(&piece[label.len()..]);
        out.push('\n');
        return;
    }
    out.push_str(label.trim_end());
    let readings = readings(numbers, columns, key);
    match readings.as_slice() {
        [(one, by_sum)] => {
            // Even a split that is the only one assumes the row printed every cell: a
            // blank cell leaves no trace between glued digits. So the row is named
            // either way; where its totals add up, the reading is all but certain.
            let message = if *by_sum {
                msg!("the digits {numbers:?} were printed with nothing between them; of the ways to split them into {columns} numbers, one adds up, and it was read")
            } else {
                msg!("the digits {numbers:?} were printed with nothing between them and were read as the one split into {columns} numbers; a blank cell would leave no trace, so check the row")
            };
            diags.push(Diagnostic::new(Code::GluedDigits, message).field(field));
            for v in one {
                out.push(' ');
                out.push_str(v);
            }
        }
        _ => diags.push(
            Diagnostic::new(
                Code::GluedDigits,
                msg!("the digits {numbers:?} were printed with nothing between them and split into {columns} numbers more than one way (or none); the row is left null"),
            )
            .field(field),
        ),
    }
    out.push('\n');
}

/// The readings of a run of digits as `columns` numbers, none but `0` starting with `0`.
/// One reading is returned as is (`false`); several are narrowed to those whose totals
/// add up (`true`); an empty or many-valued answer means no reading.
fn readings<'a>(digits: &'a str, columns: usize, key: &str) -> Vec<(Vec<&'a str>, bool)> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() < columns {
        return Vec::new();
    }
    let mut all = Vec::new();
    let mut parts = Vec::with_capacity(columns);
    split_all(digits, columns, &mut parts, &mut all);
    if all.len() > MAX_READINGS {
        return Vec::new();
    }
    if all.len() == 1 {
        return vec![(all.remove(0), false)];
    }
    let adds_up = |r: &Vec<&str>| -> bool {
        let v: Vec<u64> = r.iter().filter_map(|s| s.parse().ok()).collect();
        if v.len() != r.len() {
            return false;
        }
        match (key, v.len()) {
            ("review_litigation", 15) => v.chunks(5).all(|g| g[..4].iter().sum::<u64>() == g[4]),
            (_, 7) => v[..6].iter().sum::<u64>() == v[6],
            (_, 8) => v[..6].iter().sum::<u64>() == v[7] && v[1..6].iter().sum::<u64>() == v[6],
            _ => false,
        }
    };
    let fit: Vec<_> = all.into_iter().filter(adds_up).collect();
    if fit.len() == 1 {
        fit.into_iter().map(|r| (r, true)).collect()
    } else {
        Vec::new()
    }
}

/// Every split of `rest` into `left` more numbers after `parts`, into `out` (stops past
/// [`MAX_READINGS`]).
fn split_all<'a>(
    rest: &'a str,
    left: usize,
    parts: &mut Vec<&'a str>,
    out: &mut Vec<Vec<&'a str>>,
) {
    if out.len() > MAX_READINGS {
        return;
    }
    if left == 1 {
        if rest == "0" || !rest.starts_with('0') {
            parts.push(rest);
            out.push(parts.clone());
            parts.pop();
        }
        return;
    }
    let max = if rest.starts_with('0') {
        1
    } else {
        rest.len() - (left - 1)
    };
    for len in 1..=max {
        parts.push(&rest[..len]);
        split_all(&rest[len..], left - 1, parts, out);
        parts.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_heading_numbering_ends_in_the_mark_searched_for() {
        for (numbering, _) in PARTS {
            assert!(numbering.ends_with(NUMBERING_MARK), "{numbering}");
        }
        let line = format!(
            "{}一、总体情况略。二、主动公开政府信息情况略",
            "略".repeat(70)
        );
        assert!(is_unbroken(&line));
        // One heading, or the same one twice, is a long line of a report with its breaks.
        let line = format!("{}一、总体情况略。一、总体情况", "略".repeat(70));
        assert!(!is_unbroken(&line));
        // Two headings on lines of their own, or on a long line with a tab, are not.
        let long = "略".repeat(70);
        assert!(!is_unbroken(&format!(
            "{long}一、总体情况\n{long}二、主动公开政府信息情况"
        )));
        assert!(!is_unbroken(&format!(
            "{long}一、总体情况\t二、主动公开政府信息情况"
        )));
        // The line that holds two is found after lines that hold one.
        assert!(is_unbroken(&format!(
            "一、总体情况\r\n{long}二、主动公开政府信息情况，三、收到和处理政府信息公开申请情况"
        )));
    }

    #[test]
    fn a_report_on_one_line_is_cut_at_its_labels() {
        let text = "某局2024年政府信息公开工作年度报告本报告……一、总体情况略。二、主动公开政府信息情况\
                    第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000\
                    行政规范性文件3455189第二十条第（五）项信息内容本年处理决定数量行政许可97\
                    三、收到和处理政府信息公开申请情况申请人情况自然人总计\
                    一、本年新收政府信息公开申请数量210000021二、上年结转政府信息公开申请数量0000000\
                    四、政府信息公开行政复议、行政诉讼情况行政复议结果维持总计000000000000000\
                    五、存在的主要问题及改进情况无。六、其他需要报告的事项无。某局2025年1月8日";
        assert!(is_unbroken(text));
        let report = crate::parse(text);
        assert_eq!(
            report.meta.title.as_deref(),
            Some("某局2024年政府信息公开工作年度报告")
        );
        assert_eq!(report.meta.published.as_deref(), Some("2025-01-08"));
        assert_eq!(report.sections.len(), 6);
        let v = serde_json::to_value(&report.active_disclosure).unwrap();
        assert_eq!(v["rules"]["in_force"], 0);
        assert_eq!(v["licensing"]["decisions"], 97);
        // 3455189 splits into three numbers many ways: not read, and named.
        assert!(v["normative_documents"]["issued"].is_null());
        let named = |field: &str| {
            report
                .diagnostics
                .iter()
                .any(|d| d.code == Code::GluedDigits && d.field.as_deref() == Some(field))
        };
        assert!(named("active_disclosure.normative_documents"));
        // 210000021 as seven numbers: 21,0,0,0,0,0,21 or 2,10,0,0,0,0,21 (no part but 0
        // starts with 0); only the first adds up, and it is read, and named.
        let apps = &report.applications;
        assert_eq!(apps.new_received.natural_person, Some(21));
        assert_eq!(apps.new_received.total, Some(21));
        assert!(named("applications.new_received"));
        assert_eq!(apps.carried_over.total, Some(0));
        assert_eq!(report.review_litigation.review.total, Some(0));
        assert_eq!(report.diagnostics[0].code, Code::LinesRestored);
    }

    #[test]
    fn digits_split_only_where_one_reading() {
        assert_eq!(
            readings("000", 3, "rules"),
            vec![(vec!["0", "0", "0"], false)]
        );
        assert!(readings("3455189", 3, "normative_documents").is_empty());
        // 2,1,0,0,0,0,21 and 21,0,0,0,0,0,21 and …: only one adds up.
        assert_eq!(
            readings("210000021", 7, "new_received"),
            vec![(vec!["21", "0", "0", "0", "0", "0", "21"], true)]
        );
    }
}
