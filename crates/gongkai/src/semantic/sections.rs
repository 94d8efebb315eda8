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

/// Finds the part headings, in order: each part's first heading after the previous part's.
pub fn headings(lines: &[Line<'_>]) -> Vec<Heading> {
    let mut found = Vec::with_capacity(6);
    let mut last = 0u8;
    for (index, line) in lines.iter().enumerate() {
        if line.is_table_cell() {
            continue;
        }
        if let Some(number) = part_of(line.text) {
            if number > last {
                found.push(Heading { number, index });
                last = number;
            }
        }
    }
    found
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
