//! Ruled text tables: the box-drawing tables text browsers print (`w3m -dump`:
//! `┌──┬──┐`, `│`, `├──┼──┤`) and the ASCII grid tables of pandoc and others
//! (`+----+----+`, `|`, `+====+`).
//!
//! The rules say where every cell is, so nothing is guessed from spacing. Each line is
//! laid out in display columns (a CJK character is two wide, as the printer padded it),
//! the rule characters are walls, and a cell is a connected stretch of the rest: text
//! that continues on the next line with no rule between is the same cell, so a cell
//! wrapped over several lines is joined, and a merged cell (no rule where the grid would
//! have one) is one cell. Like an HTML table, a merged cell appears once, in the row
//! where it starts; rows are the cells grouped by the line they start on.

use super::lines::Line;
use crate::input::grid::MAX_ROW_CELLS;
use crate::input::{Cell, Row};
use crate::normalize::char_columns;
use std::borrow::Cow;

/// True for a box-drawing character (U+2500–U+257F): always a rule, never text.
pub(crate) fn is_box(c: char) -> bool {
    ('\u{2500}'..='\u{257F}').contains(&c)
}

/// True for a line of an ASCII grid table that is a rule: only `+ - = : |` and
/// spaces, with a `+` next to a `-` or `=` (so `| - | - |`, a row of dashes, is not).
pub(crate) fn is_ascii_rule(t: &str) -> bool {
    // On the first char alone, most lines are no rule.
    if !may_start_rule(super::lines::first_char(t)) {
        return false;
    }
    // On the bytes: the chars are all ASCII, and a `+` next to a `-` or `=` is sought in
    // the same pairs of bytes, not in four searches.
    let t = super::lines::trim(t).as_bytes();
    !t.is_empty()
        && t.iter()
            .all(|b| matches!(b, b'+' | b'-' | b'=' | b':' | b'|' | b' '))
        && t.windows(2)
            .any(|w| matches!((w[0], w[1]), (b'+', b'-' | b'=') | (b'-' | b'=', b'+')))
}

/// True when a line whose first char (past whitespace) is `first` may be an ASCII grid
/// rule ([`is_ascii_rule`]).
pub(crate) fn may_start_rule(first: Option<char>) -> bool {
    matches!(first, Some('+' | '-' | '=' | ':' | '|'))
}

/// True when a line belongs to a ruled table: it starts with a box-drawing character,
/// or it is an ASCII grid rule, or an ASCII grid row (`| … |`) next to one.
pub(crate) fn is_box_line(t: &str) -> bool {
    super::lines::first_char(t).is_some_and(is_box)
}

/// A run of text between two walls on one line.
struct Segment {
    /// Index of the line in the block.
    line: usize,
    /// Display columns `[from, to)`.
    from: usize,
    to: usize,
    /// Byte range of the text in the line.
    bytes: std::ops::Range<usize>,
}

/// The text runs of one line of a ruled block, left to right. What stands before the
/// first wall and after the last is outside the table. Past [`MAX_ROW_CELLS`] runs, the
/// rest of the line is one run. On a line that is an ASCII grid rule (`ascii_rule`),
/// `-`, `=` and `:` are walls too.
fn segments(index: usize, text: &str, ascii_rule: bool, out: &mut Vec<Segment>) {
    let first = out.len();
    let (mut col, mut start): (usize, Option<(usize, usize)>) = (0, None);
    let mut seen_wall = false;
    let mut at = 0;
    while at < text.len() {
        let (len, columns, is_wall) = char_at(text, at, ascii_rule);
        let wall = is_wall && out.len() - first < MAX_ROW_CELLS;
        if wall {
            if let (Some((from, b)), true) = (start.take(), seen_wall) {
                out.push(Segment {
                    line: index,
                    from,
                    to: col,
                    bytes: b..at,
                });
            }
            seen_wall = true;
        } else if start.is_none() {
            start = Some((col, at));
        }
        col += columns;
        at += len;
        // The chars after it of its kind (walls, or not) change nothing but the column:
        // a run of spaces, of a cell's text, of a rule. They are passed over here, on
        // their lead bytes.
        while let Some((len, columns, is_wall)) = known_char_at(text.as_bytes(), at, ascii_rule) {
            if is_wall != wall {
                break;
            }
            col += columns;
            at += len;
        }
    }
    if let (Some((from, b)), true) = (start, out.len() - first >= MAX_ROW_CELLS) {
        // Cut at the cell limit: the rest of the line is one cell.
        out.push(Segment {
            line: index,
            from,
            to: col,
            bytes: b..text.len(),
        });
    }
}

/// The char at byte `at` of a line, as [`segments`] takes it: its length in bytes, the
/// display columns it takes, and whether it is a wall (a box-drawing char, `|` or `+`,
/// and on an ASCII rule `-`, `=` and `:`).
///
/// Told on its lead bytes where they say it all: ASCII, a box-drawing char (`E2 94`,
/// `E2 95`: U+2500–U+257F, one column) and a CJK ideograph from U+5000 on (lead byte `E5`
/// to `E9`: two columns), which make up nearly every line of a table; any other char is
/// decoded.
#[inline]
fn char_at(text: &str, at: usize, ascii_rule: bool) -> (usize, usize, bool) {
    known_char_at(text.as_bytes(), at, ascii_rule).unwrap_or_else(|| {
        let c = text[at..].chars().next().unwrap_or_default();
        // Below U+1100 every char is one column wide.
        let columns = if (c as u32) < 0x1100 {
            1
        } else {
            char_columns(c)
        };
        (c.len_utf8(), columns, is_box(c))
    })
}

/// [`char_at`] of a char its lead bytes tell (see there), or `None` for one that must be
/// decoded, or past the end.
#[inline(always)]
fn known_char_at(bytes: &[u8], at: usize, ascii_rule: bool) -> Option<(usize, usize, bool)> {
    Some(match *bytes.get(at)? {
        b if b < 0x80 => (
            1,
            1,
            matches!(b, b'|' | b'+') || (ascii_rule && matches!(b, b'-' | b'=' | b':')),
        ),
        0xe2 if matches!(bytes.get(at + 1), Some(0x94 | 0x95)) => (3, 1, true),
        0xe5..=0xe9 => (3, 2, false),
        _ => return None,
    })
}

/// Union-find root with path halving.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The rows of a region holding ruled tables. Lines outside the tables (a caption, a
/// paragraph between two tables) are left out: prose is not a row.
// Called once a region: inlined, it only crowded the registers of the loop over lines
// in `grid`.
#[inline(never)]
pub fn rows<'a>(lines: &[Line<'a>]) -> Vec<Row<'a>> {
    // Each line is asked once what it is in a table: an ASCII rule (`Some(true)`), another
    // line of a table (`Some(false)`), or none.
    let part: Vec<Option<bool>> = lines
        .iter()
        .map(|l| {
            let first = super::lines::first_char(l.text);
            if may_start_rule(first) && is_ascii_rule(l.text) {
                Some(true)
            } else if first.is_some_and(|c| is_box(c) || c == '|') {
                Some(false)
            } else {
                None
            }
        })
        .collect();
    let mut rows = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        if part[k].is_none() {
            k += 1;
            continue;
        }
        let end = (k..lines.len())
            .find(|&j| part[j].is_none())
            .unwrap_or(lines.len());
        rows.extend(block(&lines[k..end], &part[k..end]));
        k = end;
    }
    rows
}

/// The rows of one table: consecutive ruled lines.
/// `part` says of each line whether it is an ASCII rule (see [`rows`]).
fn block<'a>(lines: &[Line<'a>], part: &[Option<bool>]) -> Vec<Row<'a>> {
    let mut segs = Vec::new();
    let mut line_starts = Vec::with_capacity(lines.len() + 1);
    for (i, l) in lines.iter().enumerate() {
        line_starts.push(segs.len());
        segments(i, l.text, part[i] == Some(true), &mut segs);
    }
    line_starts.push(segs.len());
    // Runs on adjacent lines that share a column are one cell.
    let mut parent: Vec<usize> = (0..segs.len()).collect();
    for i in 1..lines.len() {
        let (above, here) = (
            line_starts[i - 1]..line_starts[i],
            line_starts[i]..line_starts[i + 1],
        );
        let mut a = above.start;
        for h in here {
            while a < above.end && segs[a].to <= segs[h].from {
                a += 1;
            }
            let mut b = a;
            while b < above.end && segs[b].from < segs[h].to {
                let (ra, rh) = (root(&mut parent, b), root(&mut parent, h));
                parent[ra.max(rh)] = ra.min(rh);
                b += 1;
            }
        }
    }
    // Each cell: its first run (top line, leftmost) and its text, line by line. A cell
    // of one piece (most) borrows it; only a cell of several is copied together.
    struct Gathered<'a> {
        top: usize,
        left: usize,
        text: Cow<'a, str>,
        line: Option<usize>,
    }
    let mut cells: Vec<Option<Gathered>> = (0..segs.len()).map(|_| None).collect();
    for (i, s) in segs.iter().enumerate() {
        let r = root(&mut parent, i);
        let piece = super::lines::trim(&lines[s.line].text[s.bytes.clone()]);
        let g = cells[r].get_or_insert(Gathered {
            top: s.line,
            left: s.from,
            text: Cow::Borrowed(""),
            line: None,
        });
        g.left = g.left.min(s.from);
        if !piece.is_empty() {
            match g.line {
                None => g.text = Cow::Borrowed(piece),
                Some(last) => {
                    let text = g.text.to_mut();
                    text.push(if last == s.line { ' ' } else { '\n' });
                    text.push_str(piece);
                }
            }
            g.line = Some(s.line);
        }
    }
    let mut found: Vec<Gathered<'a>> = cells.into_iter().flatten().collect();
    found.sort_by_key(|g| (g.top, g.left));
    // Each row's cells counted first (the cells of a row are those of one top line, next
    // to each other once sorted), so that its vector is allocated once at its size:
    // pushed one by one, it was reallocated at every doubling.
    let mut tops: Vec<(usize, usize)> = Vec::new();
    for g in &found {
        match tops.last_mut() {
            Some((top, n)) if *top == g.top => *n += 1,
            _ => tops.push((g.top, 1)),
        }
    }
    let mut found = found.into_iter();
    tops.into_iter()
        .map(|(top, n)| {
            let no = lines[top].no;
            let cells = found
                .by_ref()
                .take(n)
                .map(|g| Cell {
                    text: g.text,
                    line: no,
                })
                .collect();
            Row { cells, line: no }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::lines::lines;
    use super::*;

    fn texts(rows: &[Row<'_>]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
            .collect()
    }

    #[test]
    fn chars_are_told_as_decoded() {
        let line = "│ 规章 ┼ 0 ┃ é € 㐀 ䷀ 一 丂 鿿 ０ ─ ╿ ▀ | + - = : \t\u{3000}x\u{10400}";
        for ascii_rule in [false, true] {
            for (at, c) in line.char_indices() {
                let wall = is_box(c)
                    || matches!(c, '|' | '+')
                    || (ascii_rule && matches!(c, '-' | '=' | ':'));
                let columns = if (c as u32) < 0x1100 {
                    1
                } else {
                    char_columns(c)
                };
                assert_eq!(
                    char_at(line, at, ascii_rule),
                    (c.len_utf8(), columns, wall),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn box_drawing_with_merged_and_wrapped_cells() {
        let text = "\
┌────────────┬──────────────────┐
│            │申请人情况        │
│            ├──────┬─────┬─────┤
│（本列数据  │自然人│商业 │总计 │
│的勾稽关系）│      │企业 │     │
├────────────┼──────┼─────┼─────┤
│一、本年新收│1     │     │1    │
├──────┬─────┼──────┼─────┼─────┤
│三、  │（一 │-2    │0    │3    │
│      │）予 │      │     │     │
└──────┴─────┴──────┴─────┴─────┘
";
        let rows = rows(&lines(text));
        assert_eq!(
            texts(&rows),
            [
                vec!["（本列数据\n的勾稽关系）", "申请人情况"],
                vec!["自然人", "商业\n企业", "总计"],
                vec!["一、本年新收", "1", "", "1"],
                vec!["三、", "（一\n）予", "-2", "0", "3"],
            ]
        );
        assert_eq!(rows[2].line, 7);
    }

    #[test]
    fn ascii_grid_tables() {
        let text = "\
+----------+------+------+
| 信息内容 | 本年 | 现行 |
|          | 制发 | 有效 |
+==========+======+======+
| 规章     | -18  |      |
+----------+------+------+
";
        let detect = super::super::detect;
        assert_eq!(detect(&lines(text)), crate::input::Layout::Ruled);
        assert_eq!(
            texts(&rows(&lines(text))),
            [
                vec!["信息内容", "本年\n制发", "现行\n有效"],
                vec!["规章", "-18", ""]
            ]
        );
        // A pipe table is not a grid table.
        assert_eq!(
            detect(&lines("| a | b |\n|---|---|\n| 1 | 2 |\n")),
            crate::input::Layout::Pipe
        );
    }
}
