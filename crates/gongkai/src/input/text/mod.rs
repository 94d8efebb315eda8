//! Plain text: lines, and tables in whichever layout the text shows them.
//!
//! Text has no table elements: a table is a run of lines. The semantic stage finds where
//! each table's lines are; [`grid`] recognises their layout and builds the grid, with one
//! module per layout.

pub(crate) mod aligned;
pub(crate) mod cell_per_line;
pub(crate) mod lines;
pub(crate) mod pipe;
pub(crate) mod reading_order;
pub(crate) mod ruled;
pub(crate) mod tab_rows;

use super::{Cell, Document, Grid, Layout};
use lines::Line;

/// The document of a text: its lines, less the page headers and footers that PDF
/// extraction leaves in ([`lines::is_page_marker`]) and less an indent before a tab
/// ([`lines::without_indent`]); lines keep their numbers.
pub(crate) fn document(text: &str) -> Document<'_> {
    // Each line is looked at as it is split off, not in a second pass.
    let mut lines = Vec::with_capacity(lines::line_capacity(text));
    lines::for_each_line(
        text,
        // Inlined into the loop that splits the lines: called, it cost a dozen
        // instructions a line in passing the line and keeping the vector.
        #[inline(always)]
        |mut l| {
            if !lines::is_page_marker(l.text) {
                l.text = lines::without_indent(l.text);
                lines.push(l);
            }
        },
    );
    Document {
        lines,
        source: text,
        ..Document::default()
    }
}

/// Recognises the layout of a table region from its lines.
#[cfg(test)]
pub(crate) fn detect(lines: &[Line<'_>]) -> Layout {
    let mut tally = Tally::default();
    for (k, l) in lines.iter().enumerate() {
        tally.add(l.text, lines::scan(l.text), lines.len() - k - 1);
    }
    tally.layout()
}

/// What the lines of a region show of each layout, line by line: [`Tally::add`] looks at
/// each line once, on its bytes ([`lines::scan`]) and its first char, and asks the
/// costlier questions (is it a number, a rule, a gap between cells) only of the lines
/// whose bytes allow them; [`Tally::layout`] decides from the counts.
struct Tally {
    /// Lines that start with a box-drawing char ([`ruled::is_box_line`]).
    boxes: usize,
    /// ASCII grid rules (`+---+`).
    rules: usize,
    /// Lines of one number and nothing else ([`reading_order::is_lone_number`]).
    numbers: usize,
    /// False once the region can no longer read as reading order, whatever its lines
    /// left: then numbers are no longer counted.
    numbers_open: bool,
    /// Lines that show columns: a tab, a pipe, or a gap of spaces between cells.
    columns: usize,
    /// Lines of each of the other layouts, as the first that fits takes them.
    pipe: usize,
    single_tab: usize,
    multi_tab: usize,
    aligned: usize,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally {
            boxes: 0,
            rules: 0,
            numbers: 0,
            numbers_open: true,
            columns: 0,
            pipe: 0,
            single_tab: 0,
            multi_tab: 0,
            aligned: 0,
        }
    }
}

impl Tally {
    /// Counts one line, whose [`lines::scan`] is `seen`, with `left` lines after it.
    fn add(&mut self, t: &str, seen: u8, left: usize) {
        use lines::seen::{E3, PIPE, SPACE, TAB};
        let first = lines::first_char(t);
        self.boxes += usize::from(first.is_some_and(ruled::is_box));
        self.rules += usize::from(ruled::may_start_rule(first) && ruled::is_ascii_rule(t));
        self.numbers += usize::from(
            self.numbers_open
                && reading_order::could_be_number(first)
                && reading_order::is_lone_number_past_first(t),
        );
        // A gap of spaces between cells: none without a space or an ideographic space.
        let gap = || seen & (SPACE | E3) != 0 && aligned::has_column_gap(t);
        // Counted on the bytes: a pipe or a tab is never inside a char.
        let pipe = seen & PIPE != 0
            && (first == Some('|') || t.bytes().filter(|&b| b == b'|').count() >= 2);
        if pipe {
            self.pipe += 1;
            self.columns += 1;
        } else if seen & TAB != 0 {
            self.columns += 1;
            // A cell-per-line line is `\tcell`; a tab row has a tab between cells. (A line
            // with a tab that does not start with one is a tab row: its tabs stand between
            // cells, or end it.)
            if t.starts_with('\t') && !has_inner_tab(t) {
                self.single_tab += 1;
            } else {
                self.multi_tab += 1;
            }
        } else if seen & PIPE != 0 {
            // One pipe, not at the start: columns for reading order, no pipe row.
            self.columns += 1;
            self.aligned += usize::from(gap());
        } else if gap() {
            self.columns += 1;
            self.aligned += 1;
        }
        // Reading order is out once the lines left could not tip it, were each a lone
        // number: a table of another layout shows its columns within its first lines.
        let most = self.numbers + left;
        if most < 10 || most < 4 * self.columns {
            self.numbers_open = false;
        }
    }

    /// The layout the counts show. Rules are unmistakable, and a grid table's rows would
    /// otherwise count as pipes; then reading order: many lines that are one number each,
    /// and hardly any line that shows columns; else the layout most lines show.
    fn layout(&self) -> Layout {
        if self.boxes >= 2 || self.rules >= 2 {
            return Layout::Ruled;
        }
        if self.numbers_open && self.numbers >= 10 && self.numbers >= 4 * self.columns {
            return Layout::ReadingOrder;
        }
        let (pipe, single_tab, multi_tab, aligned) =
            (self.pipe, self.single_tab, self.multi_tab, self.aligned);
        let best = pipe.max(single_tab).max(multi_tab).max(aligned);
        if best == 0 {
            Layout::Aligned
        } else if best == pipe {
            Layout::Pipe
        } else if best == single_tab {
            Layout::CellPerLine
        } else if best == multi_tab {
            Layout::TabRows
        } else {
            Layout::Aligned
        }
    }
}

/// True when a tab stands inside the line, between two chars that are not tabs: past
/// its leading tabs, and before its trailing tabs and spaces.
fn has_inner_tab(t: &str) -> bool {
    let b = t.as_bytes();
    let start = b.iter().position(|&c| c != b'\t').unwrap_or(b.len());
    // The first tab past the leading ones is inner unless only tabs and spaces follow
    // it. Most lines hold none (`\tcell`): `contains` tells so a word at a time.
    let rest = &b[start..];
    if !rest.contains(&b'\t') {
        return false;
    }
    let j = rest.iter().position(|&c| c == b'\t').unwrap_or(rest.len());
    rest[j..].iter().any(|&c| c != b'\t' && c != b' ')
}

/// The cells of a line split at each `sep` byte (an ASCII char, never inside another),
/// as `text.splitn(MAX_ROW_CELLS, sep)` gives them: past [`MAX_ROW_CELLS`], the rest of
/// the line is the last cell. The separators are found first, into `at` (a vector kept
/// from row to row), so that the cells are allocated once at their number: collected
/// from `splitn`, which cannot tell its length, they were reallocated at every doubling.
///
/// [`MAX_ROW_CELLS`]: crate::input::grid::MAX_ROW_CELLS
fn split_cells<'a>(text: &'a str, sep: u8, line: usize, at: &mut Vec<usize>) -> Vec<Cell<'a>> {
    use crate::input::grid::MAX_ROW_CELLS;
    at.clear();
    for_each_byte(text.as_bytes(), sep, |i| {
        at.push(i);
        at.len() + 1 < MAX_ROW_CELLS
    });
    let mut cells = Vec::with_capacity(at.len() + 1);
    let mut start = 0;
    for &i in at.iter() {
        cells.push(Cell {
            text: text[start..i].into(),
            line,
        });
        start = i + 1;
    }
    cells.push(Cell {
        text: text[start..].into(),
        line,
    });
    cells
}

/// Calls `f` with the index of each byte `x` in the bytes, in order, while it returns
/// true.
///
/// The bytes are taken eight at a time as a word, in which every byte equal to `x` is
/// marked at once: a search call per cell (`memchr`) cost more to set up than to search
/// a cell of a few bytes, and a loop over the bytes nine instructions a byte.
fn for_each_byte(bytes: &[u8], x: u8, mut f: impl FnMut(usize) -> bool) {
    const LOW7: u64 = u64::from_le_bytes([0x7f; 8]);
    let pattern = u64::from_le_bytes([x; 8]);
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let t = u64::from_le_bytes(word.try_into().expect("eight bytes")) ^ pattern;
        // The high bit of each byte of `t` that is zero, and of no other: the low seven
        // bits carry into it unless they are all zero, and the byte's own high bit is
        // kept apart. Byte `k` of the word is bit `8k + 7`.
        let mut zero = !(((t & LOW7) + LOW7) | t | LOW7);
        while zero != 0 {
            if !f(at + (zero.trailing_zeros() / 8) as usize) {
                return;
            }
            zero &= zero - 1;
        }
        at += 8;
    }
    for (k, &b) in words.remainder().iter().enumerate() {
        if b == x && !f(at + k) {
            return;
        }
    }
}

/// Builds the grid of a table region in the layout its lines show ([`Tally`]). Sentences
/// in the region ([`lines::is_sentence`]) are prose, not rows, and are left out.
pub(crate) fn grid<'a>(lines: &[Line<'a>]) -> Grid<'a> {
    // One pass: each line is scanned once, asked whether it is a sentence, and counted
    // for the layout. The lines are copied only from the first sentence on.
    let mut tally = Tally::default();
    let mut kept: Option<Vec<Line<'a>>> = None;
    for (k, l) in lines.iter().enumerate() {
        let seen = lines::scan(l.text);
        if lines::is_sentence(l.text, seen) {
            kept.get_or_insert_with(|| {
                let mut v = Vec::with_capacity(lines.len() - 1);
                v.extend_from_slice(&lines[..k]);
                v
            });
            continue;
        }
        if let Some(v) = kept.as_mut() {
            v.push(*l);
        }
        tally.add(l.text, seen, lines.len() - k - 1);
    }
    let lines = kept.as_deref().unwrap_or(lines);
    let layout = tally.layout();
    let rows = match layout {
        // `Tally` names text layouts only; structured inputs come with their grids.
        Layout::CellPerLine | Layout::Html | Layout::Docx | Layout::Pdf => {
            cell_per_line::rows(lines)
        }
        Layout::TabRows => tab_rows::rows(lines),
        Layout::Ruled => ruled::rows(lines),
        Layout::ReadingOrder => reading_order::rows(lines),
        Layout::Pipe => pipe::rows(lines),
        Layout::Aligned => aligned::rows(lines),
    };
    Grid { layout, rows }
}

#[cfg(test)]
mod tests {
    use super::lines::lines;
    use super::*;

    #[test]
    fn sentences_are_not_rows() {
        let text = "被申请行政复议 1 件，被提起行政诉讼 0 件。\n行政复议   0   0   0   0   0\n";
        let g = grid(&lines(text));
        assert_eq!(g.rows.len(), 1);
        assert_eq!(g.rows[0].line, 2);
        // A cell with a note keeps its row; a header cell with a comma is no count.
        for row in [
            "行政许可\t97件，其中3件为延续\t\t",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "行政处罚    64",
        ] {
            assert!(!lines::is_sentence(row, lines::scan(row)), "{row}");
        }
        let s = "本年共受理申请 12 件, 均已办结";
        assert!(lines::is_sentence(s, lines::scan(s)));
    }

    #[test]
    fn finds_every_byte_sought() {
        let mut t = Vec::new();
        for k in 0..40u8 {
            t.push([b'|', b'}', b'{', 0xfc, 0x7c ^ 0x80, b'\t', 0][usize::from(k % 7)]);
            t.push(k.wrapping_mul(37));
        }
        for x in [b'|', b'\t', b'}', 0u8] {
            for len in 0..t.len() {
                let b = &t[..len];
                let mut got = Vec::new();
                for_each_byte(b, x, |i| {
                    got.push(i);
                    true
                });
                let want: Vec<usize> = (0..len).filter(|&i| b[i] == x).collect();
                assert_eq!(got, want, "{x} {b:?}");
            }
        }
    }

    #[test]
    fn inner_tabs_are_those_between_chars() {
        let naive = |t: &str| {
            let inner = t.trim_start_matches('\t').trim_end_matches(['\t', ' ']);
            inner.contains('\t')
        };
        for t in [
            "",
            "\t",
            "\t\t",
            "\t0",
            "\t0\t",
            "\t0 \t ",
            "\t0\t1",
            "0\t1",
            "\t\t0\t\t",
            "\t 0\t 1 ",
            "规章\t",
            " \t0",
            "\t0\t\tx\t",
        ] {
            assert_eq!(has_inner_tab(t), naive(t), "{t:?}");
        }
    }

    #[test]
    fn detects_each_layout() {
        let cpl = "\t规章\n\t0\n\t0\n\n\t行政许可\n\t0\n";
        assert_eq!(detect(&lines(cpl)), Layout::CellPerLine);
        let tabs = "规章\t0\t0\t0\n行政许可\t0\t\t\n";
        assert_eq!(detect(&lines(tabs)), Layout::TabRows);
        let pipes = "| 规章 | 0 | 0 | |\n| 行政许可 | 1300 | ||\n";
        assert_eq!(detect(&lines(pipes)), Layout::Pipe);
        let bare = "规章 | 0 | 0 | 1\n行政许可 | 1300 | |\n";
        assert_eq!(detect(&lines(bare)), Layout::Pipe);
        let spaced = "规章            1          0        11\n行政许可          447228\n";
        assert_eq!(detect(&lines(spaced)), Layout::Aligned);
    }
}
