//! Glyphs → text: fake-bold duplicates dropped, glyphs grouped into lines by their
//! baselines, lines read left to right.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::page::Glyph;
use super::tolerances::text::{COLUMN_GAP, DUPLICATE_BUCKET, LINE_OVERLAP, WORD_GAP};

/// True for a glyph that is a full em wide: CJK ideographs, their punctuation and the
/// full-width forms (everything from the CJK radicals block up, as these reports use it).
/// Such glyphs are set solid, so no space is read between two of them.
pub(crate) fn is_wide(text: Option<&str>) -> bool {
    text.and_then(|t| t.chars().next())
        .is_some_and(|c| c as u32 >= 0x2E80)
}

/// Drops glyphs drawn twice at (nearly) the same place, as fake bold does (fill then
/// stroke, or a copy shifted by a fraction of a point).
pub(crate) fn dedup(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    // Buckets of 1 pt: a copy within 1 pt falls in its original's bucket or a neighbour.
    let bucket = |g: &Glyph| {
        let c = g.rect.center();
        (
            (c.x / DUPLICATE_BUCKET).floor() as i64,
            (c.y / DUPLICATE_BUCKET).floor() as i64,
        )
    };
    // Each glyph is looked up in four cells, so its text is made a number once: a
    // glyph's text is nearly always one character, packed with its length; longer text
    // is numbered in order of appearance.
    let mut long: HashMap<&str, u64, BuildHasherDefault<MixHasher>> = HashMap::default();
    // The kept glyphs, found by their text and a cell of 2×2 buckets: a bucket's eight
    // neighbours and itself lie in four cells, so a glyph is four look-ups, not nine. Each
    // cell is a chain through `kept` (its last glyph in the map, each glyph naming the one
    // before it), so no cell allocates.
    let mut cells: HashMap<(u64, i64, i64), u32, BuildHasherDefault<MixHasher>> =
        HashMap::with_capacity_and_hasher(glyphs.len(), Default::default());
    let mut kept: Vec<((i64, i64), u32)> = Vec::with_capacity(glyphs.len());
    const END: u32 = u32::MAX;
    let keep: Vec<bool> = glyphs
        .iter()
        .map(|g| {
            let text = g.text.as_deref().unwrap_or("");
            if text.is_empty() {
                return true;
            }
            let next = long.len() as u64;
            let key = text_key(text).unwrap_or_else(|| *long.entry(text).or_insert(next));
            let (bx, by) = bucket(g);
            let near = |cx: i64, cy: i64| {
                let mut at = cells.get(&(key, cx, cy)).copied().unwrap_or(END);
                while at != END {
                    let ((x, y), before) = kept[at as usize];
                    if (x - bx).abs() <= 1 && (y - by).abs() <= 1 {
                        return true;
                    }
                    at = before;
                }
                false
            };
            let (x0, y0) = ((bx - 1).div_euclid(2), (by - 1).div_euclid(2));
            let dup = near(x0, y0) || near(x0 + 1, y0) || near(x0, y0 + 1) || near(x0 + 1, y0 + 1);
            if !dup {
                let cell = cells
                    .entry((key, bx.div_euclid(2), by.div_euclid(2)))
                    .or_insert(END);
                kept.push(((bx, by), *cell));
                *cell = (kept.len() - 1) as u32;
            }
            !dup
        })
        .collect();
    glyphs
        .into_iter()
        .zip(keep)
        .filter_map(|(g, k)| k.then_some(g))
        .collect()
}

/// Text of at most seven bytes as one number (its bytes, and its length in the top
/// byte, which no numbered longer text reaches); `None` for longer text.
fn text_key(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    (bytes.len() <= 7).then(|| {
        let mut word = [0u8; 8];
        word[..bytes.len()].copy_from_slice(bytes);
        word[7] = bytes.len() as u8 + 1;
        u64::from_le_bytes(word)
    })
}

/// A multiply-and-rotate hasher for [`dedup`]'s small keys (a glyph's text and two
/// bucket numbers): SipHash's resistance to chosen keys buys nothing there, and its cost
/// was a tenth of a PDF's reading time. A hostile PDF can at worst make its own lookups
/// collide, which the glyph limit per page bounds.
#[derive(Default)]
struct MixHasher(u64);

impl Hasher for MixHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Groups glyphs into lines: glyphs whose vertical extents overlap by more than half the
/// smaller are on one line. Lines are returned top to bottom, each left to right.
pub(crate) fn lines(mut glyphs: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    glyphs.sort_by(|a, b| {
        a.rect
            .center()
            .y
            .total_cmp(&b.rect.center().y)
            .then(a.rect.x0.total_cmp(&b.rect.x0))
    });
    // A glyph joins the line above it or starts one, so each line is a run of the sorted
    // glyphs: the runs are found first and each line is then made at its size.
    let mut starts: Vec<usize> = Vec::new();
    let mut band: (f64, f64) = (f64::NAN, f64::NAN);
    for (i, g) in glyphs.iter().enumerate() {
        let (top, bottom) = (g.rect.y0, g.rect.y1);
        let overlap = bottom.min(band.1) - top.max(band.0);
        let smaller = (bottom - top).min(band.1 - band.0);
        if i > 0 && overlap > smaller * LINE_OVERLAP {
            band = (band.0.min(top), band.1.max(bottom));
        } else {
            starts.push(i);
            band = (top, bottom);
        }
    }
    starts.push(glyphs.len());
    starts
        .windows(2)
        .map(|run| {
            let mut line = glyphs[run[0]..run[1]].to_vec();
            line.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
            line
        })
        .collect()
}

/// The text of a line: glyphs in order, a space where the gap between two glyphs is wider
/// than a third of the font size (words of Latin text, or columns of a table drawn
/// without rules, which get two).
pub(crate) fn line_text(line: &[&Glyph]) -> String {
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in line {
        if let Some(p) = prev {
            let gap = g.rect.x0 - p.rect.x1;
            let size = g.size.max(p.size);
            if gap > size * COLUMN_GAP {
                s.push_str("  ");
            } else if gap > size * WORD_GAP {
                s.push(' ');
            }
        }
        s.push_str(g.text.as_deref().unwrap_or("\u{fffd}"));
        prev = Some(g);
    }
    s
}

/// The text of a table cell: its lines joined by `\n`, each line's glyphs without
/// spaces between CJK characters (labels are letter-spaced: `总 计`).
pub(crate) fn cell_text(glyphs: Vec<&Glyph>) -> String {
    // Vertical text (one glyph per line in an Identity-V font) reads top to bottom.
    if !glyphs.is_empty() && glyphs.iter().all(|g| g.vertical) {
        let mut g = glyphs;
        g.sort_by(|a, b| a.rect.y0.total_cmp(&b.rect.y0));
        return g.iter().filter_map(|g| g.text.as_deref()).collect();
    }
    lines(glyphs)
        .iter()
        .map(|l| {
            // Each glyph's text and at most one space before it, so the line is written
            // into one allocation.
            let bytes: usize = l
                .iter()
                .map(|g| g.text.as_deref().map_or(3, str::len) + 1)
                .sum();
            let mut s = String::with_capacity(bytes);
            let mut prev: Option<&Glyph> = None;
            for g in l {
                let t = g.text.as_deref().unwrap_or("\u{fffd}");
                if let Some(p) = prev {
                    let gap = g.rect.x0 - p.rect.x1;
                    let solid = is_wide(g.text.as_deref()) && is_wide(p.text.as_deref());
                    if gap > g.size.max(p.size) * WORD_GAP && !solid {
                        s.push(' ');
                    }
                }
                s.push_str(t);
                prev = Some(g);
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayro_interpret::kurbo::Rect;

    fn glyph(text: &str, x: f64, y: f64) -> Glyph {
        Glyph {
            text: Some(text.into()),
            rect: Rect::new(x, y, x + 10.0, y + 10.0),
            size: 10.0,
            vertical: false,
            invisible: false,
        }
    }

    #[test]
    fn fake_bold_copies_are_dropped_and_neighbours_kept() {
        let glyphs = vec![
            glyph("行", 0.0, 0.0),
            glyph("行", 0.4, 0.3), // the stroke of a fill-then-stroke fake bold
            glyph("政", 10.0, 0.0),
            glyph("行", 30.0, 0.0), // the same character further on: kept
        ];
        let kept: Vec<_> = dedup(glyphs).iter().map(|g| g.rect.x0).collect();
        assert_eq!(kept, vec![0.0, 10.0, 30.0]);
    }

    #[test]
    fn text_past_seven_bytes_is_told_apart_and_its_copies_dropped() {
        let glyphs = vec![
            glyph("政府信息", 0.0, 0.0),
            glyph("政府信息", 0.5, 0.0), // a copy of a long mapping: dropped
            glyph("政府信箱", 0.2, 0.0), // other text at the same place: kept
            glyph("政府", 0.3, 0.0),     // short text: kept
            glyph("", 0.1, 0.0),         // unmapped glyphs are never copies
            glyph("", 0.1, 0.0),
        ];
        let kept: Vec<_> = dedup(glyphs).iter().map(|g| g.rect.x0).collect();
        assert_eq!(kept, vec![0.0, 0.2, 0.3, 0.1, 0.1]);
    }
}
