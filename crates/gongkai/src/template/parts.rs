//! The six parts of a report: their headings as the template prints them, the words a
//! heading is recognised by whatever its numbering (`二、`, `2、`, `二.`, a wrong number or
//! none at all), and the words each table starts with when its heading is missing.

use crate::grammar::{numbering, Numbering};
use crate::normalize::{fold, has, has_char3, trim, utf8_3};

/// The six parts: number, canonical title, and what a heading must contain.
pub(crate) const PARTS: [(u8, &str, &[&str]); 6] = [
    (1, "总体情况", &["总体情况"]),
    (2, "主动公开政府信息情况", &["主动公开政府信息"]),
    (
        3,
        "收到和处理政府信息公开申请情况",
        &["收到和处理政府信息公开申请", "收到和处理政府信息公开"],
    ),
    (4, "政府信息公开行政复议、行政诉讼情况", &["复议", "诉讼"]),
    (
        5,
        "存在的主要问题及改进情况",
        &["存在的主要问题", "主要问题及改进"],
    ),
    (6, "其他需要报告的事项", &["其他需要报告的事项"]),
];

/// A char that every key of a part holds (`主` serves parts 2 and 5; part 4's heading
/// holds both its keys, and `复` is in one), one of which a heading therefore holds.
/// They are the keys' rarer chars: `公`, `申` and `其` stand in
/// most table cells and sentences of a report (`公开`, `申请`, `其中`), and a line that
/// passed on them went on to the numbering and the folding for nothing. None of these
/// chars has a compatibility form that folding would turn into it (`ideographs.rs`), so
/// the raw line holds it whenever the folded heading does (a test checks it).
const KEY_CHARS: [[u8; 3]; 5] = [
    utf8_3('总'),
    utf8_3('主'),
    utf8_3('收'),
    utf8_3('复'),
    utf8_3('需'),
];

/// Which part a line is the heading of, if any.
pub(crate) fn part_of(line: &str) -> Option<u8> {
    // No heading is longer than 40 chars, and every one holds a key char: most lines
    // (cells, prose) fail one of these and are passed over before any parsing or
    // folding. Counting chars costs less than looking for the key chars among them.
    let t = trim(line);
    if t.is_empty() || t.len() > 160 || t.chars().count() > 40 || !has_char3(t, &KEY_CHARS) {
        return None;
    }
    let rest = match numbering(t) {
        Ok((_, Numbering::Paren(_))) => return None,
        Ok((rest, Numbering::Top(_))) => rest,
        Err(_) => t,
    };
    let body = fold(rest);
    let body = body.trim_end_matches(['。', ':', '.', ';', '；']);
    for (number, title, keys) in PARTS {
        let hit = if number == 4 {
            keys.iter().all(|k| has(body, k))
        } else {
            keys.iter().any(|k| has(body, k))
        };
        // A heading is little more than its title: prose that merely mentions it is longer,
        // or goes on past a comma or a full stop (`…诉讼情况。全年未发生…`). (Counted only
        // for a hit: most lines that come this far hit no part.)
        if hit
            && body.chars().count() <= title.chars().count() + 8
            && !body.contains(['，', ',', '。'])
        {
            return Some(number);
        }
    }
    None
}

/// The canonical title of part `number` (1 to 6).
pub(crate) fn part_title(number: u8) -> &'static str {
    PARTS[usize::from(number.clamp(1, 6)) - 1].1
}

/// Words that mark where each table starts when its part heading is missing.
/// Words that name what every report is about (its title: 政府信息公开工作年度报告; its
/// text: 政务公开). An input with none of them, no part heading and no table is not a
/// report; one that names them is a report that could not be read, and says so with its
/// `table_missing` errors.
pub(crate) const SUBJECT_WORDS: [&str; 2] = ["信息公开", "政务公开"];

pub(crate) const TABLE_ANCHORS: [(u8, &[&str]); 3] = [
    (2, &["第二十条", "信息内容"]),
    (3, &["申请人情况", "本年新收"]),
    (4, &["行政复议"]),
];

/// The words a table's first rows are recognised by when it comes as a grid of its own
/// (a PDF or HTML table). They are asked in this order and the first part whose words
/// the text holds names the table, since one table's text may hold another's words.
pub(crate) const TABLE_WORDS: [(u8, &[&str]); 3] = [
    (3, &["申请人情况", "本年新收", "予以公开"]),
    (2, &["第二十条", "信息内容", "行政许可"]),
    (4, &["行政复议", "复议后起诉"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_numberings_and_misnumberings() {
        assert_eq!(part_of("一、总体情况"), Some(1));
        assert_eq!(part_of(" 二、主动公开政府信息情况"), Some(2));
        assert_eq!(part_of("2、 主动公开政府信息情况"), Some(2));
        assert_eq!(part_of("3、 政府信息公开行政复议、行政诉讼情况"), Some(4));
        assert_eq!(part_of("四、政府信息公开行政法复议、行政诉讼情况"), Some(4));
        assert_eq!(part_of("其他需要报告的事项"), Some(6));
        assert_eq!(part_of("五、存在的主要问题及改进情况"), Some(5));
        assert_eq!(part_of("四、政府信息公开行政复议、行政诉讼情况。"), Some(4));
        // A numbered prose line of part 1 that names part 4's words, then goes on.
        assert_eq!(
            part_of("2.申请行政复议、提起行政诉讼情况。全年未发生因。"),
            None
        );
    }

    #[test]
    fn every_heading_holds_a_key_char_that_folding_cannot_make() {
        // A heading holds one of its part's keys (all of them for part 4).
        for (number, _, keys) in PARTS {
            let holds = |k: &&str| has_char3(k, &KEY_CHARS);
            if number == 4 {
                assert!(keys.iter().any(holds), "{keys:?}");
            } else {
                assert!(keys.iter().all(holds), "{keys:?}");
            }
        }
        for c in KEY_CHARS {
            let c = std::str::from_utf8(&c).unwrap().chars().next().unwrap();
            assert!(crate::ideographs::EQUIVALENT
                .iter()
                .all(|&(_, to)| to != c as u32));
        }
    }

    #[test]
    fn rejects_sub_headings_prose_and_cells() {
        assert_eq!(part_of("（一）主动公开情况。"), None);
        assert_eq!(part_of("（二）2024年存在的主要问题。"), None);
        assert_eq!(
            part_of("本报告内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况"),
            None
        );
    }
}
