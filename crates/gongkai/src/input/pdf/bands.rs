//! Horizontal rules without verticals (三线表 and booktabs, or rules between rows only):
//! the rules of one table gathered into a [`Stack`], which gives the table its extent
//! and, where rules run between rows, its rows. A row whose cells are blank is still a
//! row between two rules, so the table does not end at it, as it would if only the
//! numbers said where a table is. The columns come from the numbers and the header, as
//! for a table without rules ([`super::unruled`]).

use super::page::Segment;
use super::tolerances::bands::{MAX_PADDING, MIN_OVERLAP};

/// The horizontal rules of one table, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stack {
    /// Left end of the widest rule.
    pub x0: f64,
    /// Right end of the widest rule.
    pub x1: f64,
    /// The y of each rule, sorted: the first is the table's top, the last its bottom.
    pub rules: Vec<f64>,
}

impl Stack {
    /// True when a line with this box lies inside the stack: its middle between the first
    /// and the last rule, and some of it over the rules.
    pub fn holds(&self, b: &LineBox) -> bool {
        let c = (b.top + b.bottom) / 2.0;
        self.rules[0] < c
            && c < self.rules[self.rules.len() - 1]
            && b.left < self.x1
            && self.x0 < b.right
    }

    /// The band (the space between rule `k` and rule `k + 1`) a y falls in.
    pub fn band(&self, y: f64) -> usize {
        self.rules.partition_point(|&r| r < y).saturating_sub(1)
    }
}

/// A line's box and its font size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineBox {
    /// Top of its highest glyph.
    pub top: f64,
    /// Bottom of its lowest glyph.
    pub bottom: f64,
    /// Left end.
    pub left: f64,
    /// Right end.
    pub right: f64,
    /// Its largest font size.
    pub size: f64,
    /// True for a line that can be no table row: a part heading or a sentence.
    pub prose: bool,
}

/// True when the space between rules at `y0` and `y1` (spanning `a` to `b`) is a row:
/// empty, or its text close to both rules, as cell padding keeps it, and none of it a
/// part heading or a sentence. A paragraph between two tables (a part heading) stands
/// off in its margins, and says what it is where a producer sets it tight.
fn is_row_band(lines: &[LineBox], y0: f64, y1: f64, a: f64, b: f64) -> bool {
    let from = lines.partition_point(|l| (l.top + l.bottom) / 2.0 <= y0);
    let inside = lines[from..]
        .iter()
        .take_while(|l| (l.top + l.bottom) / 2.0 < y1)
        .filter(|l| l.left < b && a < l.right);
    let (mut top, mut bottom, mut size) = (f64::MAX, f64::MIN, 0.0f64);
    for l in inside {
        if l.prose {
            return false;
        }
        top = top.min(l.top);
        bottom = bottom.max(l.bottom);
        size = size.max(l.size);
    }
    size == 0.0 || (top - y0 <= MAX_PADDING * size && y1 - bottom <= MAX_PADDING * size)
}

/// The stacks of horizontal rules on a page: each rule joins the last stack its span
/// overlaps when the space between them is a row, and starts a stack otherwise. `rules`
/// are the page's horizontal rules that no ruled table took (merged, see
/// [`super::table::loose_rules`]); `lines` the page's prose lines, top to bottom. Only
/// stacks of two rules or more are kept.
pub(crate) fn stacks(rules: &[Segment], lines: &[LineBox]) -> Vec<Stack> {
    let mut rules: Vec<&Segment> = rules.iter().filter(|s| s.horizontal).collect();
    rules.sort_by(|p, q| p.at.total_cmp(&q.at));
    // Each stack with the span of its last rule.
    let mut open: Vec<(Stack, f64, f64)> = Vec::new();
    for r in rules {
        let overlaps = |a: f64, b: f64| {
            let shared = r.b.min(b) - r.a.max(a);
            shared > 0.0 && shared >= MIN_OVERLAP * (r.b - r.a).min(b - a)
        };
        let last = open.iter().rposition(|(_, a, b)| overlaps(*a, *b));
        let joins = last.filter(|&k| {
            let (s, a, b) = &open[k];
            let y0 = s.rules[s.rules.len() - 1];
            is_row_band(lines, y0, r.at, r.a.max(*a), r.b.min(*b))
        });
        match joins {
            Some(k) => {
                let (s, a, b) = &mut open[k];
                s.rules.push(r.at);
                s.x0 = s.x0.min(r.a);
                s.x1 = s.x1.max(r.b);
                (*a, *b) = (r.a, r.b);
            }
            None => open.push((
                Stack {
                    x0: r.a,
                    x1: r.b,
                    rules: vec![r.at],
                },
                r.a,
                r.b,
            )),
        }
    }
    open.into_iter()
        .map(|(s, ..)| s)
        .filter(|s| s.rules.len() >= 2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(y: f64, a: f64, b: f64) -> Segment {
        Segment {
            horizontal: true,
            at: y,
            a,
            b,
        }
    }

    fn line(top: f64) -> LineBox {
        LineBox {
            top,
            bottom: top + 10.0,
            left: 10.0,
            right: 200.0,
            size: 10.0,
            prose: false,
        }
    }

    #[test]
    fn rules_between_rows_are_one_stack_and_a_heading_between_tables_splits_two() {
        // Table one: rules at 0, 14, 28 around two rows; a heading far below; table two.
        let rules = [
            rule(0.0, 0.0, 300.0),
            rule(14.0, 0.0, 300.0),
            rule(28.0, 100.0, 300.0), // right of a merged cell
            rule(42.0, 0.0, 300.0),
            rule(100.0, 0.0, 300.0),
            rule(114.0, 0.0, 300.0),
        ];
        let lines = [line(2.0), line(16.0), line(30.0), line(66.0), line(102.0)];
        let got = stacks(&rules, &lines);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].rules, vec![0.0, 14.0, 28.0, 42.0]);
        assert_eq!(got[1].rules, vec![100.0, 114.0]);
        assert_eq!(got[0].band(20.0), 1);
        assert!(got[0].holds(&line(30.0)) && !got[0].holds(&line(66.0)));
    }

    #[test]
    fn rules_side_by_side_are_no_stack() {
        let rules = [rule(0.0, 0.0, 100.0), rule(14.0, 200.0, 300.0)];
        assert!(stacks(&rules, &[line(2.0)]).is_empty());
    }
}
