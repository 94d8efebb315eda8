//! Prose against tables: the totals a report states in words (parts 1, 3 and 4) must be
//! the ones its tables hold.
//!
//! A sentence is compared only when it plainly states one of the table's totals, so
//! nothing is raised on prose that counts something else. A clause (the text between
//! two commas, semicolons, enumeration commas or brackets) is read when:
//!
//! - it holds exactly one count, a number followed by `件`, and no other number than
//!   the report's own year (`2024年`); a clause that names another year is about
//!   another period and is skipped;
//! - the words right before the count (or right after it, for `1件结转下年度`) are one of
//!   the fixed phrases of [`PHRASES`], such as `受理政府信息公开申请` or `被申请行政复议`;
//! - the rest of the clause before the phrase (its subject) names no part of the whole
//!   (`代表`, `其中`, `部门`…) and no other kind of case (`投诉`, `信访`…), see
//!   [`NARROWING`].
//!
//! A stated number of requests received may include the requests carried over from the
//! year before (`收到75件` where the table has 74 new and 1 carried over): that is not a
//! mismatch. Everything else must be equal, or it is a `prose_mismatch` warning that
//! quotes the sentence and names the cell.

use std::sync::LazyLock;

use memchr::memmem;

use crate::diagnostic::{Code, Diagnostic};
use crate::input::Line;
use crate::normalize::{fold, trim};
use crate::report::Report;

/// The quantities the prose is compared on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quantity {
    /// 本年新收 (or new plus carried over).
    Received,
    /// （七）总计: requests answered.
    Processed,
    /// 上年结转.
    CarriedOver,
    /// 结转下年度继续办理.
    CarriedForward,
    /// 行政复议 总计.
    Review,
    /// 行政诉讼 总计, both groups.
    Litigation,
}

/// Where the phrase stands: before the count, or right after its `件`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

/// The phrases that state a table's total, in folded form (no whitespace, half-width
/// punctuation). A phrase before the count must end the text before it (optionally
/// followed by one of [`TALLY_WORDS`]); a phrase after the count must start the text
/// after `件`. Longer phrases first.
const PHRASES: &[(&str, Side, Quantity)] = &[
    ("收到政府信息公开申请", Side::Before, Quantity::Received),
    ("受理政府信息公开申请", Side::Before, Quantity::Received),
    ("接收政府信息公开申请", Side::Before, Quantity::Received),
    ("新收政府信息公开申请", Side::Before, Quantity::Received),
    ("收到信息公开申请", Side::Before, Quantity::Received),
    ("受理信息公开申请", Side::Before, Quantity::Received),
    ("收到依申请公开", Side::Before, Quantity::Received),
    ("受理依申请公开", Side::Before, Quantity::Received),
    ("收到公开申请", Side::Before, Quantity::Received),
    ("受理公开申请", Side::Before, Quantity::Received),
    ("收到申请", Side::Before, Quantity::Received),
    ("受理申请", Side::Before, Quantity::Received),
    ("上年度结转申请", Side::Before, Quantity::CarriedOver),
    ("上年度结转", Side::Before, Quantity::CarriedOver),
    ("上年结转申请", Side::Before, Quantity::CarriedOver),
    ("上年结转", Side::Before, Quantity::CarriedOver),
    ("结转上年度", Side::Before, Quantity::CarriedOver),
    ("结转上年", Side::Before, Quantity::CarriedOver),
    ("结转下年度继续办理", Side::Before, Quantity::CarriedForward),
    ("结转下年度", Side::Before, Quantity::CarriedForward),
    ("办结", Side::Before, Quantity::Processed),
    ("答复", Side::Before, Quantity::Processed),
    ("被申请行政复议", Side::Before, Quantity::Review),
    ("行政复议案件", Side::Before, Quantity::Review),
    ("行政复议", Side::Before, Quantity::Review),
    ("被提起行政诉讼", Side::Before, Quantity::Litigation),
    ("行政诉讼案件", Side::Before, Quantity::Litigation),
    ("行政诉讼", Side::Before, Quantity::Litigation),
    ("申请", Side::After, Quantity::Received),
    ("政府信息公开申请", Side::After, Quantity::Received),
    ("结转下年", Side::After, Quantity::CarriedForward),
    ("结转至下年", Side::After, Quantity::CarriedForward),
    ("结转到下年", Side::After, Quantity::CarriedForward),
    ("顺延到下年", Side::After, Quantity::CarriedForward),
    ("顺延至下年", Side::After, Quantity::CarriedForward),
];

/// Words that may stand between a phrase and its count: `受理申请共计21件`.
const TALLY_WORDS: &[&str] = &["共计", "合计", "累计", "共", ":"];

/// Words in a clause's subject that make the count a part of the whole, another kind
/// of case, or another period: the clause is then not compared.
const NARROWING: &[&str] = &[
    "代表",
    "其中",
    "部门",
    "单位",
    "乡镇",
    "街道",
    "涉及",
    "转办",
    "按时",
    "逾期",
    "延期",
    "当场",
    "网上",
    "书面",
    "电子",
    "现场",
    "投诉",
    "举报",
    "信访",
    "热线",
    "留言",
    "咨询",
    "诉求",
    "同比",
    "较",
    "比上年",
    "去年",
    "上一年",
    "下年",
    "结果",
    "维持",
    "纠正",
    "审结",
    "败诉",
    "复议后",
    "直接",
    "平均",
    "%",
    "率",
];

/// Subject words that are fine for the carry-over phrases (a breakdown of the total:
/// `其中结转上年0件`).
const CARRY_OVER_OK: &[&str] = &["其中"];

/// Checks the prose of parts 1, 3 and 4 against the tables; `lines` are the document's
/// lines, where the sentences are found with their line numbers.
pub(super) fn run(report: &Report, lines: &[Line<'_>], diags: &mut Vec<Diagnostic>) {
    let year = report.meta.year;
    // Walk the lines, following the parts by their headings (in order of appearance;
    // an HTML page may print them all on one source line, so numbers do not tell).
    let mut next = report.sections.iter().peekable();
    let mut part = 0u8;
    for line in lines {
        if let Some(s) = next.next_if(|s| s.line == line.no && trim(line.text) == s.heading) {
            part = s.number;
            continue;
        }
        if matches!(part, 1 | 3 | 4) {
            check_line(report, year, line, diags);
        }
    }
}

/// True when `text` holds `件`. Every line of parts 1, 3 and 4 is asked this (the cells
/// of a table among them): memchr's vectorised search for the char's three bytes, set up
/// once; `str::contains` runs a search for the last byte (`B6`, which also ends about
/// one ideograph in 64) from each call, and compares the bytes before every hit.
fn has_jian(text: &str) -> bool {
    static JIAN: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("件"));
    text.len() >= 3 && JIAN.find(text.as_bytes()).is_some()
}

/// Compares every statement of one line.
fn check_line(report: &Report, year: Option<i32>, line: &Line<'_>, diags: &mut Vec<Diagnostic>) {
    if !has_jian(line.text) {
        return;
    }
    for sentence in line.text.split(['。', '；', ';', '！', '？']) {
        // Only a clause with `件` states a count (see `statement`); folding never makes one.
        if !has_jian(sentence) {
            continue;
        }
        let folded = fold(sentence);
        for clause in clauses(&folded) {
            let Some((quantity, stated)) = statement(clause, year) else {
                continue;
            };
            let Some((field, table, accepted)) = table_value(report, quantity) else {
                continue;
            };
            if accepted.contains(&stated) {
                continue;
            }
            let quoted = sentence.trim();
            diags.push(
                Diagnostic::new(
                    Code::ProseMismatch,
                    msg!("the text says 「{quoted}」 ({stated}), but {field} is {table}"),
                )
                .at(line.no)
                .field(field),
            );
        }
    }
}

/// Splits a folded sentence into clauses, keeping a comma between digits (`3,119`).
fn clauses(s: &str) -> Vec<&str> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in s.char_indices() {
        let cut = match c {
            ',' => {
                let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
                let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                !(digit_before && digit_after)
            }
            '、' | '(' | ')' | '[' | ']' => true,
            _ => false,
        };
        if cut {
            out.push(&s[from..i]);
            from = i + c.len_utf8();
        }
    }
    out.push(&s[from..]);
    out
}

/// A number in a clause: where it stands and its value.
struct Number {
    start: usize,
    end: usize,
    value: Option<u64>,
}

/// The numbers of a clause (digits, with `,` between digits).
fn numbers(clause: &str) -> Vec<Number> {
    let b = clause.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len()
            && (b[i].is_ascii_digit()
                || (b[i] == b',' && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        // A decimal is not a count.
        let decimal = b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        let value = if decimal {
            None
        } else {
            clause[start..i].replace(',', "").parse().ok()
        };
        out.push(Number {
            start,
            end: i,
            value,
        });
    }
    out
}

/// What a clause states: a quantity of the tables and its number, when the clause reads
/// as one plain statement of it.
fn statement(clause: &str, year: Option<i32>) -> Option<(Quantity, u64)> {
    // Most clauses state no count: passed over before their numbers are collected.
    if !has_jian(clause) {
        return None;
    }
    let numbers = numbers(clause);
    let mut count = None;
    for n in &numbers {
        let after = &clause[n.end..];
        if after.starts_with('件') {
            if count.is_some() {
                return None; // two counts: a breakdown, not one statement
            }
            count = Some(n);
        } else if after.starts_with('年') {
            // The report's own year only: another year is another period.
            let this_year = year.is_some_and(|y| n.value == Some(y as u64));
            if !this_year {
                return None;
            }
        } else {
            return None;
        }
    }
    let count = count?;
    let stated = count.value?;
    let before = &clause[..count.start];
    let after = &clause[count.end + '件'.len_utf8()..];
    let (quantity, subject) = phrase(before, after)?;
    let narrowed = NARROWING
        .iter()
        .filter(|w| !(is_carry(quantity) && CARRY_OVER_OK.contains(w)))
        .any(|w| subject.contains(w));
    if narrowed {
        return None;
    }
    Some((quantity, stated))
}

fn is_carry(q: Quantity) -> bool {
    matches!(q, Quantity::CarriedOver | Quantity::CarriedForward)
}

/// The quantity a clause's words state, and the clause's subject (the words before the
/// phrase, or before the count when the phrase follows it).
fn phrase<'a>(before: &'a str, after: &str) -> Option<(Quantity, &'a str)> {
    let mut head = before;
    for w in TALLY_WORDS {
        if let Some(h) = head.strip_suffix(w) {
            head = h;
            break;
        }
    }
    for &(words, side, quantity) in PHRASES {
        match side {
            Side::Before => {
                if let Some(subject) = head.strip_suffix(words) {
                    return Some((quantity, subject));
                }
            }
            Side::After => {
                // `收到70件申请`: the verb is before the count.
                let receive = ["收到", "受理", "接收", "新收"];
                let verb = receive.iter().find_map(|v| head.strip_suffix(v));
                let rest = after.strip_prefix(words);
                match quantity {
                    Quantity::Received => {
                        if let (Some(subject), Some(rest)) = (verb, rest) {
                            if rest.is_empty() {
                                return Some((quantity, subject));
                            }
                        }
                    }
                    _ => {
                        if rest.is_some() {
                            return Some((quantity, before));
                        }
                    }
                }
            }
        }
    }
    None
}

/// The cell a quantity is compared with: its path, its value as printed in the message,
/// and the numbers the prose may state for it. `None` when the table has no value.
fn table_value(report: &Report, q: Quantity) -> Option<(&'static str, String, Vec<u64>)> {
    let a = &report.applications;
    let r = &report.review_litigation;
    Some(match q {
        Quantity::Received => {
            let new = a.new_received.total?;
            match a.carried_over.total {
                Some(over) if over > 0 => (
                    "applications.new_received.total",
                    format!("{new} ({} with the {over} carried over)", new + over),
                    vec![new, new + over],
                ),
                _ => (
                    "applications.new_received.total",
                    new.to_string(),
                    vec![new],
                ),
            }
        }
        Quantity::Processed => {
            let v = a.total_processed.total?;
            ("applications.total_processed.total", v.to_string(), vec![v])
        }
        Quantity::CarriedOver => {
            let v = a.carried_over.total?;
            ("applications.carried_over.total", v.to_string(), vec![v])
        }
        Quantity::CarriedForward => {
            let v = a.carried_forward.total?;
            ("applications.carried_forward.total", v.to_string(), vec![v])
        }
        Quantity::Review => {
            let v = r.review.total?;
            ("review_litigation.review.total", v.to_string(), vec![v])
        }
        Quantity::Litigation => {
            let (d, a) = (r.litigation_direct.total?, r.litigation_after_review.total?);
            (
                "review_litigation.litigation_direct.total",
                format!(
                    "{d} (and litigation_after_review.total {a}, {} in all)",
                    d + a
                ),
                vec![d + a],
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stated(clause: &str) -> Option<(Quantity, u64)> {
        statement(&fold(clause), Some(2024))
    }

    #[test]
    fn plain_statements_are_read() {
        use Quantity::*;
        assert_eq!(
            stated("2024年全区受理政府信息公开申请21件"),
            Some((Received, 21))
        );
        assert_eq!(
            stated("全市共受理政府信息公开申请3,119件"),
            Some((Received, 3119))
        );
        assert_eq!(stated("本年度全区共收到70件申请"), Some((Received, 70)));
        assert_eq!(stated("及时依法依规办结69件"), Some((Processed, 69)));
        assert_eq!(stated("1件结转下年度继续办理"), Some((CarriedForward, 1)));
        assert_eq!(
            stated("另有103件顺延到下年度答复"),
            Some((CarriedForward, 103))
        );
        assert_eq!(stated("含上年度结转申请34件"), Some((CarriedOver, 34)));
        assert_eq!(stated("其中结转上年0件"), Some((CarriedOver, 0)));
        assert_eq!(stated("被申请行政复议 1 件"), Some((Review, 1)));
        assert_eq!(stated("被提起行政诉讼0件"), Some((Litigation, 0)));
        assert_eq!(stated("共有行政诉讼案件1件"), Some((Litigation, 1)));
    }

    #[test]
    fn other_counts_are_not_statements() {
        // A part of the whole, another kind of case, another year, a breakdown.
        assert_eq!(stated("区政府办代表区政府受理政府信息公开申请17件"), None);
        assert_eq!(stated("收到群众诉求348件"), None);
        assert_eq!(stated("2023年受理政府信息公开申请21件"), None);
        assert_eq!(stated("其中结果维持72件"), None);
        assert_eq!(stated("涉及自然人72件"), None);
        assert_eq!(stated("较上年增加行政复议3件"), None);
        assert_eq!(stated("受理21件"), None);
        assert_eq!(stated("办结率100%"), None);
        assert_eq!(stated("收到申请21件办结20件"), None);
    }

    #[test]
    fn clauses_keep_thousands_separators() {
        assert_eq!(
            clauses("共3,119件,答复3050件"),
            vec!["共3,119件", "答复3050件"]
        );
    }
}
