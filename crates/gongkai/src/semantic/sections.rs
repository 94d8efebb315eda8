//! The six parts of a report, found by meaning: `二、`, `2、`, `二.`, a wrong number or
//! none at all.

use crate::input::Line;
use crate::normalize::trim;
use crate::report::Section;
use crate::template::parts::{part_of, PARTS};

/// A heading found in the text: the part it is by meaning, and where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub number: u8,
    /// Index into the lines.
    pub index: usize,
}

/// Finds the part headings, in order: the longest run of headings whose parts rise
/// (on a tie, the run that starts earliest).
///
/// Why not each part's first heading after the previous one: a short prose line that reads
/// like a later part's heading (`2.申请行政复议、提起行政诉讼情况。` inside part 1) would then
/// hide every real heading before that part. Taking the longest rising run lets one such
/// line cost nothing. It is linear: the best run ending in each of the six parts is kept.
pub fn headings(lines: &[Line<'_>]) -> Vec<Heading> {
    // best[p]: the best run found so far whose last heading is part p + 1.
    let mut best: [Vec<Heading>; 6] = Default::default();
    for (index, line) in lines.iter().enumerate() {
        if line.is_table_cell() {
            continue;
        }
        let Some(number) = part_of(line.text) else {
            continue;
        };
        let p = usize::from(number) - 1;
        // The best run this heading can extend: the longest ending in an earlier part
        // (the earliest of equals). Runs hold only earlier lines, so the order holds.
        let mut from: &[Heading] = &[];
        for r in &best[..p] {
            if better(r, from) {
                from = r;
            }
        }
        let mut run = from.to_vec();
        run.push(Heading { number, index });
        if better(&run, &best[p]) {
            best[p] = run;
        }
    }
    best.into_iter()
        .reduce(|a, b| if better(&b, &a) { b } else { a })
        .unwrap_or_default()
}

/// Whether run `a` is to be kept over run `b`: longer, or as long and starting earlier
/// (its line indices compared in order).
fn better(a: &[Heading], b: &[Heading]) -> bool {
    a.len() > b.len()
        || (a.len() == b.len()
            && !a.is_empty()
            && a.iter().map(|h| h.index).lt(b.iter().map(|h| h.index)))
}

/// The sections for the headings found: heading, title, body text and line.
pub fn sections(lines: &[Line<'_>], headings: &[Heading]) -> Vec<Section> {
    headings
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let end = headings.get(k + 1).map_or(lines.len(), |n| n.index);
            let heading = trim(lines[h.index].text).to_string();
            // Joined into one string sized once, without a vector of the lines.
            let body = &lines[h.index + 1..end];
            let size = body.iter().map(|l| l.text.len() + 1).sum();
            let mut text = String::with_capacity(size);
            for l in body {
                if !text.is_empty() || !l.text.is_empty() {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(l.text);
                }
            }
            text.truncate(text.trim_end_matches('\n').len());
            Section {
                number: h.number,
                title: PARTS[h.number as usize - 1].1.to_string(),
                heading,
                text,
                line: lines[h.index].no,
                page: None,
            }
        })
        .collect()
}

/// The line range `[start, end)` (indices into the lines) of a part's body.
pub fn body_range(lines_len: usize, headings: &[Heading], number: u8) -> Option<(usize, usize)> {
    let k = headings.iter().position(|h| h.number == number)?;
    let end = headings.get(k + 1).map_or(lines_len, |n| n.index);
    Some((headings[k].index + 1, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<(u8, usize)> {
        let lines: Vec<Line<'_>> = text
            .lines()
            .enumerate()
            .map(|(i, text)| Line { text, no: i + 1 })
            .collect();
        headings(&lines)
            .iter()
            .map(|h| (h.number, h.index))
            .collect()
    }

    #[test]
    fn a_line_like_a_later_heading_does_not_hide_the_parts_before_it() {
        // Line 2 reads as part 4's heading (the part-3 heading of a report whose part 1
        // says "3、行政复议行政诉讼情况"); the run 一 二 三 四 五 六 is longer.
        let text = "一、总体情况\n正文\n3、政府信息公开行政复议、行政诉讼情况\n\
                    二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
                    四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n\
                    六、其他需要报告的事项\n";
        assert_eq!(
            numbers(text),
            [(1, 0), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7)]
        );
    }

    #[test]
    fn of_runs_as_long_the_earliest_is_kept() {
        let text = "一、总体情况\n二、主动公开政府信息情况\n二、主动公开政府信息情况\n\
                    三、收到和处理政府信息公开申请情况\n";
        assert_eq!(numbers(text), [(1, 0), (2, 1), (3, 3)]);
    }
}
