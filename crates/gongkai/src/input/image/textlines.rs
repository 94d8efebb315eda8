//! Lines of text in the ink: inside a cell, and on the page outside the tables, found by
//! their projection on the page's rows (a line of text is a band of rows with ink,
//! blank rows between lines), each cut to the columns its ink spans.

use super::rules::Ink;
use super::speckle;

/// A box in pixels: left, top, right, bottom (exclusive).
pub(crate) type PixBox = (usize, usize, usize, usize);

/// How far inside a cell's rules its text is looked for, in pixels: past the rule's
/// own thickness and the scanner's blur of it.
const INSET: usize = 4;

/// The white margin kept around a line's ink when it is cropped.
pub(crate) const MARGIN: usize = 3;

/// The least ink a line must have, in pixels: less is left-over dust or a rule's stub.
const MIN_INK: usize = 10;

/// A line of text on the page, outside the tables.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextLine {
    /// The top of its band, in pixels.
    pub top: usize,
    /// Its pieces, left to right: runs of text far apart on one band (a header's left
    /// and right ends) are recognised apart.
    pub pieces: Vec<PixBox>,
}

/// Bands of rows with ink in `rows` (ink per row), thin bands joined to a neighbour:
/// `二` and `三` have blank rows between their strokes, which are not lines.
fn bands(rows: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut y = 0;
    while y < rows.len() {
        if rows[y] == 0 {
            y += 1;
            continue;
        }
        let start = y;
        while y < rows.len() && rows[y] > 0 {
            y += 1;
        }
        out.push((start, y));
    }
    // Join thin bands to the nearer neighbour while one is closer than a line's height.
    // The line height is taken once, before joining, from the bands of some height (the
    // median): taken afresh after each join it would grow and swallow the page.
    let mut heights: Vec<usize> = out.iter().map(|b| b.1 - b.0).filter(|&h| h >= 6).collect();
    heights.sort_unstable();
    let tall = heights.get(heights.len() / 2).copied().unwrap_or(0);
    loop {
        // A thin band and the neighbour it joins: the nearer of those close enough that
        // the two together are no taller than a line and a half.
        let gap = |a: (usize, usize), b: (usize, usize)| {
            if b.0 >= a.1 {
                b.0 - a.1
            } else {
                a.0.saturating_sub(b.1)
            }
        };
        let pair = (0..out.len()).find_map(|i| {
            let b = out[i];
            if (b.1 - b.0) * 5 >= tall * 3 {
                return None;
            }
            [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter(|&j| j < out.len())
                .filter(|&j| {
                    let n = out[j];
                    gap(b, n) * 2 < tall && (n.1.max(b.1) - n.0.min(b.0)) * 2 <= tall * 3
                })
                .min_by_key(|&j| gap(b, out[j]))
                .map(|j| (i, j))
        });
        let Some((i, j)) = pair else { break };
        let (lo, hi) = (i.min(j), i.max(j));
        out[lo] = (out[lo].0.min(out[hi].0), out[lo].1.max(out[hi].1));
        out.remove(hi);
    }
    out
}

/// The lines of text inside a cell whose rules stand at `b`, as boxes to crop. Rows or
/// columns of the cell almost all ink are what is left of a rule and are not text.
pub(crate) fn cell_lines(ink: &Ink, b: PixBox) -> Vec<PixBox> {
    let (x0, y0) = (b.0 + INSET, b.1 + INSET);
    let (x1, y1) = (
        b.2.saturating_sub(INSET).min(ink.w),
        b.3.saturating_sub(INSET).min(ink.h),
    );
    if x0 + 2 > x1 || y0 + 2 > y1 {
        return Vec::new();
    }
    let (w, h) = (x1 - x0, y1 - y0);
    let col_ink: Vec<usize> = (x0..x1)
        .map(|x| (y0..y1).filter(|&y| ink.at(x, y)).count())
        .collect();
    let rule_col = |x: usize| col_ink[x - x0] * 10 > h * 8;
    let mut row_ink: Vec<usize> = (y0..y1)
        .map(|y| (x0..x1).filter(|&x| ink.at(x, y) && !rule_col(x)).count())
        .collect();
    for r in row_ink.iter_mut() {
        if *r * 10 > w * 8 {
            *r = 0;
        }
    }
    let is_ink =
        |x: usize, y: usize, row: &[usize]| ink.at(x, y) && row[y - y0] > 0 && !rule_col(x);
    bands(&row_ink)
        .into_iter()
        .filter_map(|(a, z)| {
            let (ya, yz) = (y0 + a, y0 + z);
            let xs: Vec<usize> = (x0..x1)
                .filter(|&x| (ya..yz).any(|y| is_ink(x, y, &row_ink)))
                .collect();
            let total: usize = row_ink[a..z].iter().sum();
            let (&l, &r) = (xs.first()?, xs.last()?);
            // Specks left in a shaded cell make a band of their own, as wide as the
            // cell: a line holds a glyph, and reading it costs the most of any line.
            let glyph = has_glyph(&|x, y| is_ink(x, y, &row_ink), (l, ya, r + 1, yz));
            (total >= MIN_INK && glyph).then(|| {
                (
                    l.saturating_sub(MARGIN).max(x0),
                    ya.saturating_sub(MARGIN).max(y0),
                    (r + 1 + MARGIN).min(x1),
                    (yz + MARGIN).min(y1),
                )
            })
        })
        .collect()
}

/// True when the ink in the box `b` (`dark` at a pixel) holds a glyph: a group of
/// touching ink pixels larger than a speck ([`speckle::MAX_SPECK`] pixels within
/// [`speckle::MAX_SIDE`] a side), as a dash, a point's digit or a stroke of a
/// character is.
fn has_glyph(dark: &dyn Fn(usize, usize) -> bool, b: PixBox) -> bool {
    let (x0, y0, x1, y1) = b;
    let w = x1 - x0;
    let mut seen = vec![false; w * (y1 - y0)];
    let mut stack = Vec::new();
    for y in y0..y1 {
        for x in x0..x1 {
            if seen[(y - y0) * w + x - x0] || !dark(x, y) {
                continue;
            }
            seen[(y - y0) * w + x - x0] = true;
            stack.push((x, y));
            let (mut n, mut bb) = (0usize, [x, y, x, y]);
            while let Some((x, y)) = stack.pop() {
                n += 1;
                bb = [bb[0].min(x), bb[1].min(y), bb[2].max(x), bb[3].max(y)];
                for ny in y.saturating_sub(1)..(y + 2).min(y1) {
                    for nx in x.saturating_sub(1)..(x + 2).min(x1) {
                        if ny >= y0 && nx >= x0 && !seen[(ny - y0) * w + nx - x0] && dark(nx, ny) {
                            seen[(ny - y0) * w + nx - x0] = true;
                            stack.push((nx, ny));
                        }
                    }
                }
            }
            if n > speckle::MAX_SPECK
                || bb[2] - bb[0] >= speckle::MAX_SIDE
                || bb[3] - bb[1] >= speckle::MAX_SIDE
            {
                return true;
            }
        }
    }
    false
}

/// The lines of text on a page outside the boxes of its tables.
pub(crate) fn page_lines(ink: &Ink, tables: &[PixBox]) -> Vec<TextLine> {
    let pad = INSET;
    let outside = |x: usize, y: usize| {
        !tables
            .iter()
            .any(|t| x + pad >= t.0 && x <= t.2 + pad && y + pad >= t.1 && y <= t.3 + pad)
    };
    let mut rows = vec![0usize; ink.h];
    for (y, r) in rows.iter_mut().enumerate() {
        *r = (0..ink.w)
            .filter(|&x| ink.dark[y * ink.w + x] && outside(x, y))
            .count();
        // A row that is ink almost across the page is a rule, not text.
        if *r * 10 > ink.w * 6 {
            *r = 0;
        }
    }
    let mut out = Vec::new();
    for (a, z) in bands(&rows) {
        let height = z - a;
        let total: usize = rows[a..z].iter().sum();
        if height < 6 || total < MIN_INK {
            continue;
        }
        let cols: Vec<bool> = (0..ink.w)
            .map(|x| (a..z).any(|y| ink.dark[y * ink.w + x] && rows[y] > 0 && outside(x, y)))
            .collect();
        // Pieces: runs of columns with ink, split at gaps wider than three line heights.
        let mut pieces = Vec::new();
        let mut x = 0;
        while x < ink.w {
            if !cols[x] {
                x += 1;
                continue;
            }
            let start = x;
            let mut end = x;
            let mut gap = 0;
            while x < ink.w && gap <= height * 3 {
                if cols[x] {
                    end = x;
                    gap = 0;
                } else {
                    gap += 1;
                }
                x += 1;
            }
            if end + 1 - start >= 4 {
                pieces.push((
                    start.saturating_sub(MARGIN),
                    a.saturating_sub(MARGIN),
                    (end + 1 + MARGIN).min(ink.w),
                    (z + MARGIN).min(ink.h),
                ));
            }
        }
        if !pieces.is_empty() {
            out.push(TextLine { top: a, pieces });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_of_specks_has_no_line_and_a_dash_is_one() {
        let (w, h) = (120usize, 40usize);
        let mut dark = vec![false; w * h];
        // Specks of 2 × 2 across the cell, more ink than a line's least.
        for x in (10..110).step_by(12) {
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                dark[(20 + dy) * w + x + dx] = true;
            }
        }
        let ink = Ink { dark, w, h };
        assert_eq!(cell_lines(&ink, (0, 0, w, h)), vec![]);
        // A dash, 12 × 2: a glyph.
        let mut dark = vec![false; w * h];
        for x in 50..62 {
            dark[20 * w + x] = true;
            dark[21 * w + x] = true;
        }
        let ink = Ink { dark, w, h };
        assert_eq!(cell_lines(&ink, (0, 0, w, h)).len(), 1);
    }

    #[test]
    fn the_strokes_of_er_are_one_line_and_two_lines_are_two() {
        // 二 over 10 rows: two strokes, a gap between; then a blank and a full line.
        let mut rows = vec![0usize; 40];
        rows[2..4].fill(5);
        rows[9..11].fill(8);
        rows[20..32].fill(6);
        assert_eq!(bands(&rows), vec![(2, 11), (20, 32)]);
    }
}
