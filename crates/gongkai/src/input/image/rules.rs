//! Ink and ruling lines: the page binarised, and the long straight runs of ink that are a
//! table's rules, as the ruling segments the PDF reader's grid builder joins
//! ([`crate::input::pdf::table`]).
//!
//! A rule is a run of ink far longer than any stroke of a character, and thin. Stamps
//! (a seal's ring is curved, so no row or column of it is long) and speckle (dots) make
//! no such runs; text makes none either, except a `一` or a dash, which is short.

use image::GrayImage;

use crate::input::pdf::page::Segment;

/// The binarised page: `true` for ink.
#[derive(Debug, Clone)]
pub(crate) struct Ink {
    /// Row-major, `w * h`.
    pub dark: Vec<bool>,
    /// Width in pixels.
    pub w: usize,
    /// Height in pixels.
    pub h: usize,
}

impl Ink {
    /// Ink at (x, y); outside the page is paper.
    pub fn at(&self, x: usize, y: usize) -> bool {
        x < self.w && y < self.h && self.dark[y * self.w + x]
    }
}

/// The gray level between ink and paper over the whole page (Otsu's method), kept
/// within bounds so that a blank page or one solid block is not split at noise. (A
/// threshold against each region's own paper read shaded cells better but lost rules
/// around a seal on the fixtures: 498 exact values against 479.)
pub(crate) fn threshold(page: &GrayImage) -> u8 {
    let mut hist = [0u64; 256];
    for p in page.pixels() {
        hist[usize::from(p.0[0])] += 1;
    }
    let total: u64 = hist.iter().sum();
    let sum: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| i as f64 * c as f64)
        .sum();
    let (mut w0, mut sum0, mut best, mut at) = (0u64, 0f64, 0f64, 128u8);
    for (t, &c) in hist.iter().enumerate() {
        w0 += c;
        if w0 == 0 || w0 == total {
            continue;
        }
        sum0 += t as f64 * c as f64;
        let w1 = total - w0;
        let (m0, m1) = (sum0 / w0 as f64, (sum - sum0) / w1 as f64);
        let between = w0 as f64 * w1 as f64 * (m0 - m1) * (m0 - m1);
        if between > best {
            best = between;
            at = t as u8;
        }
    }
    at.clamp(80, 200)
}

/// The page binarised at its threshold.
pub(crate) fn ink(page: &GrayImage) -> Ink {
    let t = threshold(page);
    Ink {
        dark: page.pixels().map(|p| p.0[0] <= t).collect(),
        w: page.width() as usize,
        h: page.height() as usize,
    }
}

/// The gaps a rule may have and still be one: a scan's thin rule breaks up in places.
const MAX_GAP: usize = 3;

/// The thickest band of ink taken for a rule, in pixels: a border printed 1.5 pt thick
/// at 300 dpi is about 6 px; a filled block or a bold glyph row is thicker.
const MAX_THICKNESS: usize = 9;

/// A run of ink along one pixel row (or column).
#[derive(Debug, Clone, Copy)]
struct Run {
    at: usize,
    a: usize,
    b: usize,
}

/// The long runs of ink along rows (`horizontal`) or columns: at least `min_len` pixels
/// with gaps of at most [`MAX_GAP`]. Where `seal` (row-major, `true` for a seal's red)
/// covers the paper, a gap does not grow: a rule under a solid seal is hidden, not
/// broken. The run must still hold `min_len` pixels of ink of its own, so that the
/// seal does not make a rule of a few strokes on either side of it.
fn runs(ink: &Ink, seal: Option<&[bool]>, horizontal: bool, min_len: usize) -> Vec<Run> {
    let (outer, inner) = if horizontal {
        (ink.h, ink.w)
    } else {
        (ink.w, ink.h)
    };
    let mut out = Vec::new();
    for o in 0..outer {
        let dark = |i: usize| {
            if horizontal {
                ink.dark[o * ink.w + i]
            } else {
                ink.dark[i * ink.w + o]
            }
        };
        let hidden = |i: usize| {
            seal.is_some_and(|m| {
                if horizontal {
                    m[o * ink.w + i]
                } else {
                    m[i * ink.w + o]
                }
            })
        };
        let mut i = 0;
        while i < inner {
            if !dark(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i;
            let mut gap = 0;
            let mut count = 0;
            while i < inner && gap <= MAX_GAP {
                if dark(i) {
                    end = i;
                    gap = 0;
                    count += 1;
                } else if !hidden(i) {
                    gap += 1;
                }
                i += 1;
            }
            if end + 1 - start >= min_len && count >= min_len {
                out.push(Run {
                    at: o,
                    a: start,
                    b: end,
                });
            }
        }
    }
    out
}

/// A rule found, in pixels: along rows (`horizontal`) or columns, across `t0..=t1`,
/// from `a` to `b` (inclusive).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Band {
    horizontal: bool,
    t0: usize,
    t1: usize,
    a: usize,
    b: usize,
}

/// Runs on neighbouring rows whose spans overlap, joined into one band; bands thicker
/// than [`MAX_THICKNESS`] are not rules.
fn join(mut runs: Vec<Run>, horizontal: bool) -> Vec<Band> {
    runs.sort_by_key(|r| (r.at, r.a));
    // Open bands: (first row, last row, a, b).
    let mut bands: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut done = Vec::new();
    for r in runs {
        let mut joined = false;
        for band in bands.iter_mut() {
            if band.1 + 1 >= r.at && band.1 < r.at + 1 && r.a <= band.3 && band.2 <= r.b {
                band.1 = band.1.max(r.at);
                band.2 = band.2.min(r.a);
                band.3 = band.3.max(r.b);
                joined = true;
                break;
            }
        }
        if !joined {
            bands.push((r.at, r.at, r.a, r.b));
        }
        // Bands that ended more than a row ago are finished.
        let (open, closed): (Vec<_>, Vec<_>) = bands.into_iter().partition(|b| b.1 + 1 >= r.at);
        bands = open;
        done.extend(closed);
    }
    done.extend(bands);
    done.into_iter()
        .filter(|b| b.1 - b.0 < MAX_THICKNESS)
        .map(|(t0, t1, a, b)| Band {
            horizontal,
            t0,
            t1,
            a,
            b,
        })
        .collect()
}

/// The share of a band's length with paper beside it, on one side at least, a little
/// off its edge. A rule stands clear of what is around it (text keeps off it, and
/// only the rules that cross it touch it); a run along a line of text (the strokes of
/// characters set close, joined over their gaps) has their other strokes above and
/// below it along most of its length.
fn clear_share(ink: &Ink, r: &Band) -> f64 {
    let at = |i: usize, t: usize| {
        if r.horizontal {
            ink.at(i, t)
        } else {
            ink.at(t, i)
        }
    };
    let side = |i: usize, ts: std::ops::Range<usize>| ts.into_iter().all(|t| !at(i, t));
    let clear = (r.a..=r.b)
        .filter(|&i| {
            let before = r.t0 < 4 || side(i, r.t0 - 4..r.t0 - 1);
            before || side(i, r.t1 + 2..r.t1 + 5)
        })
        .count();
    clear as f64 / (r.b + 1 - r.a) as f64
}

/// The least share of a rule's length that [`clear_share`] must find: a rule loses some
/// to the rules it crosses and to text set close to it; strokes of text keep little.
const MIN_CLEAR: f64 = 0.8;

/// How far the end of a rule may stand from the rule it meets, in pixels: half a
/// thick rule's thickness and a scan's blur.
const MEET: usize = 4;

/// How far, in pixels, two pieces of one broken rule may stand off each other's line.
const COLLINEAR: usize = 2;

/// The bands that are rules: clear of ink beside them ([`clear_share`]), and either
/// long (`long` pixels or more) or meeting, at both ends, rules across them (or at one
/// end, on the line of a long rule: a piece of a broken one). A table's
/// short rules close a cell, so each of their ends meets another rule; a stroke of a
/// heading's character, or a few set in a row, ends in the open.
fn keep_rules(ink: &Ink, bands: Vec<Band>, long: usize) -> Vec<Band> {
    let mut kept: Vec<Band> = bands
        .into_iter()
        .filter(|r| clear_share(ink, r) >= MIN_CLEAR)
        .collect();
    // A short rule's ends must meet rules kept: dropping one may leave another short
    // one in the open, so until nothing changes (a few rounds at most).
    loop {
        let meets = |r: &Band, end: usize, kept: &[Band]| {
            let mid = (r.t0 + r.t1) / 2;
            kept.iter().any(|p| {
                p.horizontal != r.horizontal
                    && p.t0.saturating_sub(MEET) <= end
                    && end <= p.t1 + MEET
                    && p.a.saturating_sub(MEET) <= mid
                    && mid <= p.b + MEET
            })
        };
        // A piece of a rule broken by a faint stretch lies on the line of a long rule
        // and meets a rule across it at one end (its cell's corner) at least.
        let on_line = |r: &Band, kept: &[Band]| {
            let mid = r.t0 + r.t1;
            kept.iter().any(|p| {
                p.horizontal == r.horizontal
                    && p.b + 1 - p.a >= long
                    && (p.t0 + p.t1).abs_diff(mid) <= 2 * COLLINEAR
                    && (p.b < r.a || r.b < p.a)
            })
        };
        let next: Vec<Band> = kept
            .iter()
            .filter(|r| {
                let (a, b) = (meets(r, r.a, &kept), meets(r, r.b, &kept));
                r.b + 1 - r.a >= long || (a && b) || ((a || b) && on_line(r, &kept))
            })
            .copied()
            .collect();
        if next.len() == kept.len() {
            return kept;
        }
        kept = next;
    }
}

/// The ruling segments of a page, in the grid builder's units: pixels times `scale`
/// (points per pixel), so that its tolerances, set in points, hold. `min_len` is the
/// shortest rule in pixels: longer than any character's stroke. A rule shorter than
/// three times that must meet other rules at both ends ([`keep_rules`]).
pub(crate) fn segments(
    ink: &Ink,
    seal: Option<&[bool]>,
    min_len: usize,
    scale: f64,
) -> Vec<Segment> {
    let mut bands = join(runs(ink, seal, true, min_len), true);
    bands.extend(join(runs(ink, seal, false, min_len), false));
    keep_rules(ink, bands, 3 * min_len)
        .into_iter()
        .map(|r| Segment {
            horizontal: r.horizontal,
            at: (r.t0 + r.t1) as f64 / 2.0 * scale,
            a: r.a as f64 * scale,
            b: r.b as f64 * scale,
        })
        .collect()
}

/// How far either side of a rule's middle its ink is erased, in pixels: its thickness
/// and the blur and residual skew of a scan. What is left of a rule at a cell's edge would
/// otherwise be read as a `1` or a `|`.
const ERASE: f64 = 2.0;

/// Erases the rules of `segments` (in the grid builder's units, `scale` points per
/// pixel) from the ink and the page, so cells are cropped without them.
pub(crate) fn erase(ink: &mut Ink, page: &mut image::GrayImage, segments: &[Segment], scale: f64) {
    let (w, h) = (ink.w, ink.h);
    for s in segments {
        let at = s.at / scale;
        let (a, b) = (s.a / scale - 1.0, s.b / scale + 1.0);
        let lo = |v: f64, n: usize| (v.floor().max(0.0) as usize).min(n);
        let hi = |v: f64, n: usize| (v.ceil().max(0.0) as usize + 1).min(n);
        let (xs, ys) = if s.horizontal {
            (lo(a, w)..hi(b, w), lo(at - ERASE, h)..hi(at + ERASE, h))
        } else {
            (lo(at - ERASE, w)..hi(at + ERASE, w), lo(a, h)..hi(b, h))
        };
        for y in ys {
            for x in xs.clone() {
                ink.dark[y * w + x] = false;
                page.put_pixel(x as u32, y as u32, image::Luma([255]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_gives_four_rules_and_a_dot_none() {
        let (w, h) = (100usize, 80usize);
        let mut dark = vec![false; w * h];
        for x in 10..90 {
            for t in 0..2 {
                dark[(10 + t) * w + x] = true;
                dark[(70 + t) * w + x] = true;
            }
        }
        for y in 10..72 {
            dark[y * w + 10] = true;
            dark[y * w + 89] = true;
        }
        dark[40 * w + 50] = true;
        let segs = segments(&Ink { dark, w, h }, None, 30, 1.0);
        assert_eq!(segs.iter().filter(|s| s.horizontal).count(), 2);
        assert_eq!(segs.iter().filter(|s| !s.horizontal).count(), 2);
        let top = segs.iter().find(|s| s.horizontal).unwrap();
        assert_eq!((top.at, top.a, top.b), (10.5, 10.0, 89.0));
    }

    #[test]
    fn strokes_of_text_are_no_rules() {
        let (w, h) = (200usize, 120usize);
        let mut dark = vec![false; w * h];
        // A heading's strokes, 34 px, ending in the open above a box's top rule.
        for x in 40..74 {
            dark[20 * w + x] = true;
        }
        for y in 5..39 {
            dark[y * w + 120] = true;
        }
        // A run along a line of text: the characters' other strokes cross it, above
        // and below, all along (2 px of every 5).
        for x in 20..180 {
            dark[60 * w + x] = true;
            if x % 5 < 2 {
                for y in 52..69 {
                    dark[y * w + x] = true;
                }
            }
        }
        // The box: rules 180 long across, 60 down, meeting.
        for x in 10..190 {
            dark[40 * w + x] = true;
            dark[100 * w + x] = true;
        }
        for y in 40..101 {
            dark[y * w + 10] = true;
            dark[y * w + 189] = true;
        }
        let segs = segments(&Ink { dark, w, h }, None, 30, 1.0);
        let mut found: Vec<(bool, f64)> = segs.iter().map(|s| (s.horizontal, s.at)).collect();
        found.sort_by(|a, b| a.partial_cmp(b).unwrap());
        assert_eq!(
            found,
            vec![(false, 10.0), (false, 189.0), (true, 40.0), (true, 100.0)]
        );
    }

    #[test]
    fn a_piece_of_a_broken_rule_stays() {
        // A box whose bottom rule breaks: a long piece, a gap, and a short piece from
        // the gap to the right rule. The short piece meets the right rule, and lies on
        // the long piece's line.
        let (w, h) = (200usize, 100usize);
        let mut dark = vec![false; w * h];
        for x in 10..190 {
            dark[10 * w + x] = true;
            if !(140..150).contains(&x) {
                dark[80 * w + x] = true;
            }
        }
        for y in 10..81 {
            dark[y * w + 10] = true;
            dark[y * w + 189] = true;
        }
        let segs = segments(&Ink { dark, w, h }, None, 30, 1.0);
        assert!(segs
            .iter()
            .any(|s| s.horizontal && s.at == 80.0 && s.a == 150.0 && s.b == 189.0));
    }

    #[test]
    fn a_rule_under_a_seal_is_one_rule() {
        // A rule 120 long whose middle 40 px are under a seal's red (gone from the
        // gray): one rule across it.
        let (w, h) = (160usize, 20usize);
        let mut dark = vec![false; w * h];
        let mut seal = vec![false; w * h];
        for x in 20..140 {
            if (60..100).contains(&x) {
                seal[10 * w + x] = true;
            } else {
                dark[10 * w + x] = true;
            }
        }
        let ink = Ink { dark, w, h };
        let one = segments(&ink, Some(&seal), 30, 1.0);
        assert_eq!(one.len(), 1);
        assert_eq!((one[0].a, one[0].b), (20.0, 139.0));
        // Without it, two pieces too short to be rules alone, meeting none.
        assert!(segments(&ink, None, 30, 1.0).is_empty());
    }
}
