//! Pages set in two text columns: the gutter between them found, so that each column is
//! read on its own, left before right, as a page of its own would be (a table that runs
//! from the foot of the left column into the head of the right one is then joined as
//! across a page break, [`super::seams`]).
//!
//! A gutter is a vertical strip in the middle of the page that nothing crosses: no glyph,
//! no horizontal rule, no vertical rule inside it. That alone is also what the space
//! between two number columns of a table drawn without rules looks like, so each side
//! must also hold what a text column holds: ruled tables, or lines of running text
//! (several ideographs set solid), which the right half of a table's numbers never has.

use super::page::{Glyph, Segment};
use super::text::is_wide;
use super::tolerances::columns::{
    GUTTER_MARGIN, MIN_GUTTER, MIN_SIDE_LINES, MIN_SIDE_RULES, RUN_GLYPHS, RUN_STEP,
};

/// The x of the gutter between two text columns, if the page is set in two.
pub(crate) fn gutter(glyphs: &[Glyph], segments: &[Segment]) -> Option<f64> {
    if glyphs.is_empty() {
        return None;
    }
    // Everything's horizontal extent; a vertical rule is a point.
    let mut spans: Vec<(f64, f64)> = glyphs
        .iter()
        .map(|g| (g.rect.x0, g.rect.x1))
        .chain(segments.iter().map(|s| {
            if s.horizontal {
                (s.a, s.b)
            } else {
                (s.at, s.at)
            }
        }))
        .collect();
    spans.sort_by(|p, q| p.0.total_cmp(&q.0));
    let (left, right) = (
        spans[0].0,
        spans.iter().map(|s| s.1).fold(f64::MIN, f64::max),
    );
    let width = right - left;
    // The widest gap between the covered stretches whose middle lies in the middle
    // third of the content.
    let mut best: Option<(f64, f64)> = None;
    let mut reach = spans[0].1;
    for &(a, b) in &spans[1..] {
        if a > reach {
            let mid = (a + reach) / 2.0;
            let central =
                (mid - left) > width * GUTTER_MARGIN && (right - mid) > width * GUTTER_MARGIN;
            if central && a - reach >= MIN_GUTTER && best.is_none_or(|(g, _)| a - reach > g) {
                best = Some((a - reach, mid));
            }
        }
        reach = reach.max(b);
    }
    let (_, x) = best?;
    (is_column(glyphs, segments, |c| c < x) && is_column(glyphs, segments, |c| c > x)).then_some(x)
}

/// True when the side of the page `side` keeps holds what a text column holds: ruled
/// tables, or lines of running text.
fn is_column(glyphs: &[Glyph], segments: &[Segment], side: impl Fn(f64) -> bool) -> bool {
    let rules = segments
        .iter()
        .filter(|s| {
            side(if s.horizontal {
                (s.a + s.b) / 2.0
            } else {
                s.at
            })
        })
        .count();
    if rules >= MIN_SIDE_RULES {
        return true;
    }
    // Runs of ideographs set solid, one per line at most: glyphs in drawing order, a run
    // broken by a glyph that is not wide or does not follow on the same line.
    let mut lines = Vec::new();
    let mut run = 0usize;
    let mut prev: Option<&Glyph> = None;
    for g in glyphs.iter().filter(|g| side(g.rect.center().x)) {
        let follows = prev.is_some_and(|p| {
            (g.rect.y0 - p.rect.y0).abs() < p.size * RUN_STEP
                && (g.rect.x0 - p.rect.x1).abs() < p.size * RUN_STEP
        });
        run = if is_wide(g.text.as_deref()) && follows {
            run + 1
        } else {
            usize::from(is_wide(g.text.as_deref()))
        };
        if run == RUN_GLYPHS {
            let y = g.rect.y0;
            if !lines
                .iter()
                .any(|&l: &f64| (l - y).abs() < g.size * RUN_STEP)
            {
                lines.push(y);
            }
        }
        prev = Some(g);
    }
    lines.len() >= MIN_SIDE_LINES
}

/// Splits a page's glyphs and rules at the gutter: the left column's, then the right's.
pub(crate) fn split(
    glyphs: Vec<Glyph>,
    segments: Vec<Segment>,
    x: f64,
) -> [(Vec<Glyph>, Vec<Segment>); 2] {
    let (gl, gr): (Vec<Glyph>, Vec<Glyph>) =
        glyphs.into_iter().partition(|g| g.rect.center().x < x);
    let (sl, sr): (Vec<Segment>, Vec<Segment>) = segments.into_iter().partition(|s| {
        (if s.horizontal {
            (s.a + s.b) / 2.0
        } else {
            s.at
        }) < x
    });
    [(gl, sl), (gr, sr)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayro_interpret::kurbo::Rect;

    fn line(out: &mut Vec<Glyph>, text: &str, x: f64, y: f64) {
        for (i, c) in text.chars().enumerate() {
            let w = if c.is_ascii() { 5.0 } else { 10.0 };
            let x0 = x + i as f64 * w;
            out.push(Glyph {
                text: Some(c.into()),
                rect: Rect::new(x0, y, x0 + w, y + 10.0),
                size: 10.0,
                vertical: false,
                invisible: false,
            });
        }
    }

    #[test]
    fn two_columns_of_text_have_a_gutter_and_one_column_none() {
        let mut g = Vec::new();
        for k in 0..4 {
            let y = k as f64 * 14.0;
            line(&mut g, "本年度我局主动公开政府信息", 0.0, y);
            line(&mut g, "行政复议和行政诉讼情况如下", 200.0, y);
        }
        let x = gutter(&g, &[]).expect("a gutter");
        assert!(130.0 < x && x < 200.0, "{x}");
        // A title across both columns closes the gutter.
        line(
            &mut g,
            "政府信息公开工作年度报告政府信息公开工作年度报告",
            20.0,
            -20.0,
        );
        assert_eq!(gutter(&g, &[]), None);
    }

    #[test]
    fn the_number_columns_of_an_unruled_table_are_no_gutter() {
        let mut g = Vec::new();
        for k in 0..6 {
            let y = k as f64 * 14.0;
            line(&mut g, "三、本年度办理结果予以公开", 0.0, y);
            for c in 0..6 {
                line(&mut g, "12", 160.0 + c as f64 * 40.0, y);
            }
        }
        assert_eq!(gutter(&g, &[]), None);
    }

    #[test]
    fn a_ruled_table_beside_prose_is_a_column_of_its_own() {
        let mut g = Vec::new();
        let mut rules = Vec::new();
        for k in 0..5 {
            let y = k as f64 * 14.0;
            line(&mut g, "规章", 2.0, y + 2.0);
            line(&mut g, "0", 90.0, y + 2.0);
            rules.push(Segment {
                horizontal: true,
                at: y,
                a: 0.0,
                b: 120.0,
            });
            line(&mut g, "本年度我局主动公开政府信息", 200.0, y);
        }
        for x in [0.0, 80.0, 120.0] {
            rules.push(Segment {
                horizontal: false,
                at: x,
                a: 0.0,
                b: 56.0,
            });
        }
        let x = gutter(&g, &rules).expect("a gutter");
        assert!(120.0 < x && x < 200.0, "{x}");
        let [(left, left_rules), (right, _)] = split(g, rules, x);
        assert!(left.iter().all(|g| g.rect.x1 <= 120.0) && right.len() == 5 * 13);
        assert_eq!(left_rules.len(), 8);
    }
}
