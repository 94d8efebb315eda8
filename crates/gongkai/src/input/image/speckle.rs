//! Speckle: the dots a scanner, a photocopier or dust leave. Ink is grouped into blobs
//! the way the eye groups it: pixels dark enough to be ink, joined through their lighter
//! edges (a thin stroke binarises into fragments, which its gray edge still joins). A
//! tiny blob with no real ink near it is a speck and is erased, while a decimal point or
//! a dot of punctuation (tiny too, but beside its digits) stays. Inside a number's cell
//! ([`clean_number`]) a tiny blob that is not between two digits of the line is erased
//! too: a number has no mark before its first digit or after its last.

use image::{GrayImage, Luma};

use super::rules::{self, Ink};

/// The largest blob that may be a speck, in pixels of its gray extent: a dot of dust at
/// 150–300 dpi with its blur. The thinnest digit (a `1` at 150 dpi) is larger.
pub(crate) const MAX_SPECK: usize = 24;

/// How close a tiny blob must be to real ink to be kept, in pixels: a decimal point
/// stands within a digit's gap of its digits.
const NEAR: usize = 6;

/// The gray level up to which a pixel belongs to a blob it touches: halfway between the
/// ink threshold and white. Ink is only the pixels at or under the threshold; this
/// lighter level joins a thin stroke's fragments, not the paper.
pub(crate) fn weak_level(threshold: u8) -> u8 {
    threshold + (255 - threshold) / 2
}

/// One blob: its pixels (row-major indices of the image it was found in), how many of
/// them are ink, and its box (left, top, right, bottom, inclusive).
#[derive(Debug, Clone)]
pub(crate) struct Blob {
    pub pixels: Vec<usize>,
    pub ink: usize,
    pub bbox: [usize; 4],
}

/// The widest and tallest a speck may be, in pixels: dust is a dot, while the thinnest
/// digit (a `1` drawn in a stroke of one pixel, no more ink than a dot) is tall.
pub(crate) const MAX_SIDE: usize = 5;

impl Blob {
    /// True when the blob is small enough to be a speck: little ink, and compact.
    pub fn tiny(&self) -> bool {
        let [x0, y0, x1, y1] = self.bbox;
        self.pixels.len() <= MAX_SPECK && x1 - x0 < MAX_SIDE && y1 - y0 < MAX_SIDE
    }
}

/// The blobs of an image `w` wide: 8-connected runs of `weak` pixels that hold at least
/// one `strong` one, and a label per pixel (0 for none, else the blob's index + 1).
fn blobs(
    weak: &dyn Fn(usize) -> bool,
    strong: &dyn Fn(usize) -> bool,
    w: usize,
    h: usize,
) -> (Vec<Blob>, Vec<u32>) {
    let mut label = vec![0u32; w * h];
    let mut out: Vec<Blob> = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if label[start] != 0 || !strong(start) {
            continue;
        }
        // An explicit stack: no recursion on any input.
        let id = out.len() as u32 + 1;
        let mut blob = Blob {
            pixels: Vec::new(),
            ink: 0,
            bbox: [usize::MAX, usize::MAX, 0, 0],
        };
        label[start] = id;
        stack.push(start);
        while let Some(i) = stack.pop() {
            blob.pixels.push(i);
            blob.ink += usize::from(strong(i));
            let (x, y) = (i % w, i / w);
            let b = &mut blob.bbox;
            *b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
            for (dx, dy) in [
                (-1, -1),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (nx, ny) = (x as isize + dx, y as isize + dy);
                if nx < 0 || ny < 0 || nx >= w as isize || ny >= h as isize {
                    continue;
                }
                let j = ny as usize * w + nx as usize;
                if label[j] == 0 && weak(j) {
                    label[j] = id;
                    stack.push(j);
                }
            }
        }
        out.push(blob);
    }
    (out, label)
}

/// The side of the square tiles the paper's level is taken over, in pixels: larger than
/// a glyph, so that a tile's median is its paper even where text is dense.
const TILE: usize = 32;

/// The weak level of each [`TILE`] of `page` (row-major, tiles across first): halfway
/// between the ink threshold and the tile's own paper (its median). A shaded cell's
/// gray is paper there, not a glyph's blurred edge: against white paper it would be
/// weak ink, and join every speck in the cell into one blob too large to be a speck.
fn tile_levels(page: &GrayImage, threshold: u8) -> (Vec<u8>, usize) {
    let (w, h) = (page.width() as usize, page.height() as usize);
    let (tw, th) = (w.div_ceil(TILE), h.div_ceil(TILE));
    let raw = page.as_raw();
    let mut levels = Vec::with_capacity(tw * th);
    let mut hist = [0u32; 256];
    for ty in 0..th {
        for tx in 0..tw {
            hist.fill(0);
            let (x0, y0) = (tx * TILE, ty * TILE);
            let (x1, y1) = ((x0 + TILE).min(w), (y0 + TILE).min(h));
            for y in y0..y1 {
                for &v in &raw[y * w + x0..y * w + x1] {
                    hist[usize::from(v)] += 1;
                }
            }
            let half = ((x1 - x0) * (y1 - y0)).div_ceil(2) as u32;
            let (mut seen, mut median) = (0u32, 255u8);
            for (v, &c) in hist.iter().enumerate() {
                seen += c;
                if seen >= half {
                    median = v as u8;
                    break;
                }
            }
            // A tile mostly ink (a thick rule, a filled block) has no paper to go by:
            // ink alone is ink there.
            levels.push(if median <= threshold {
                threshold
            } else {
                threshold + (median - threshold) / 2
            });
        }
    }
    (levels, tw)
}

/// Erases the specks from `ink` and whitens them in `page`; returns how many blobs it
/// erased.
pub(crate) fn despeckle(ink: &mut Ink, page: &mut GrayImage) -> usize {
    let (w, h) = (ink.w, ink.h);
    let (levels, tw) = tile_levels(page, rules::threshold(page));
    let raw = page.as_raw();
    let weak = |i: usize| raw[i] <= levels[(i / w / TILE) * tw + (i % w) / TILE];
    let (found, label) = {
        let dark = &ink.dark;
        blobs(&|i| dark[i] || weak(i), &|i| dark[i], w, h)
    };
    let big = |i: usize| label[i] != 0 && !found[label[i] as usize - 1].tiny();
    let mut erased = 0;
    for blob in found.iter().filter(|b| b.tiny()) {
        let [x0, y0, x1, y1] = blob.bbox;
        let (xa, ya) = (x0.saturating_sub(NEAR), y0.saturating_sub(NEAR));
        let (xb, yb) = ((x1 + NEAR).min(w - 1), (y1 + NEAR).min(h - 1));
        if (ya..=yb).any(|y| (xa..=xb).any(|x| big(y * w + x))) {
            continue;
        }
        // The blob's gray edge goes too: left, it reads as a faint mark.
        for &i in &blob.pixels {
            ink.dark[i] = false;
            page.put_pixel((i % w) as u32, (i / w) as u32, Luma([255]));
        }
        erased += 1;
    }
    erased
}

/// A number's cell cleaned of marks that cannot be part of it: `crop` is the cell (dark
/// text on light ground, ink at or under `threshold`). Tiny blobs that do not stand
/// between two larger blobs of their line (a speck before the first digit, after the
/// last, above or below them) are whitened. Returns the box of what is left (left, top,
/// right, bottom, exclusive) and how many glyphs (blobs larger than a speck) it holds,
/// or `None` when nothing is.
pub(crate) fn clean_number(
    crop: &mut GrayImage,
    threshold: u8,
) -> Option<((usize, usize, usize, usize), usize)> {
    let (w, h) = (crop.width() as usize, crop.height() as usize);
    let level = weak_level(threshold);
    let raw = crop.as_raw().clone();
    let (found, _) = blobs(&|i| raw[i] <= level, &|i| raw[i] <= threshold, w, h);
    let glyphs: Vec<&Blob> = found.iter().filter(|b| !b.tiny()).collect();
    // Without a glyph taller than a speck by far, what is a mark is not clear: as is.
    let tallest = glyphs.iter().map(|g| g.bbox[3] - g.bbox[1] + 1).max()?;
    if tallest < 2 * MAX_SIDE {
        return None;
    }
    let mut left: Option<(usize, usize, usize, usize)> = None;
    for b in &found {
        let [x0, y0, x1, y1] = b.bbox;
        let keep = !b.tiny() || {
            let (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2);
            // Glyphs of its line: those whose rows hold its middle.
            let line = || glyphs.iter().filter(|g| g.bbox[1] <= cy && cy <= g.bbox[3]);
            line().any(|g| g.bbox[2] <= cx) && line().any(|g| g.bbox[0] >= cx)
        };
        if keep {
            left = Some(match left {
                None => (x0, y0, x1 + 1, y1 + 1),
                Some((a, b2, c, d)) => (a.min(x0), b2.min(y0), c.max(x1 + 1), d.max(y1 + 1)),
            });
        } else {
            for &i in &b.pixels {
                crop.put_pixel((i % w) as u32, (i / w) as u32, Luma([255]));
            }
        }
    }
    left.map(|b| (b, glyphs.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_dot_goes_and_a_decimal_point_stays() {
        let (w, h) = (40usize, 20usize);
        let mut dark = vec![false; w * h];
        // A digit-sized block, a point 3 px right of it, a lone dot far off.
        for y in 5..15 {
            for x in 5..10 {
                dark[y * w + x] = true;
            }
        }
        dark[14 * w + 13] = true;
        dark[3 * w + 35] = true;
        let mut page = GrayImage::from_fn(w as u32, h as u32, |x, y| {
            Luma([if dark[y as usize * w + x as usize] {
                0
            } else {
                255
            }])
        });
        let mut ink = Ink { dark, w, h };
        assert_eq!(despeckle(&mut ink, &mut page), 1);
        assert!(ink.at(13, 14) && !ink.at(35, 3));
    }

    #[test]
    fn a_speck_on_a_shaded_cell_goes() {
        // A cell shaded gray (lighter than ink, darker than white paper's weak level)
        // with a speck in it and a glyph far off: the shading is the cell's paper, so
        // the speck stands alone.
        let mut page = GrayImage::from_pixel(128, 64, Luma([255]));
        for y in 0..64 {
            for x in 64..128 {
                page.put_pixel(x, y, Luma([205]));
            }
        }
        for y in 20..40 {
            for x in 10..16 {
                page.put_pixel(x, y, Luma([30]));
            }
        }
        page.put_pixel(100, 30, Luma([40]));
        page.put_pixel(101, 30, Luma([40]));
        let mut ink = rules::ink(&page);
        assert!(ink.at(100, 30));
        assert_eq!(despeckle(&mut ink, &mut page), 1);
        assert!(!ink.at(100, 30) && ink.at(12, 30));
    }

    #[test]
    fn a_thin_stroke_in_fragments_is_one_blob_and_stays() {
        // A stroke 1 px wide and 20 tall, every fourth pixel only gray (a thin `1`
        // binarised into pieces of 3): its gray joins it, so nothing is erased.
        let (w, h) = (20usize, 30usize);
        let mut page = GrayImage::from_pixel(w as u32, h as u32, Luma([255]));
        for y in 5..25u32 {
            page.put_pixel(10, y, Luma([if y % 4 == 0 { 150 } else { 40 }]));
        }
        let mut ink = rules::ink(&page);
        assert_eq!(despeckle(&mut ink, &mut page), 0);
        assert!(ink.at(10, 6));
    }

    #[test]
    fn marks_outside_a_number_go_and_its_point_stays() {
        // `1.5`-like: two glyph blocks, a point between them at the baseline, a speck
        // after the last and one above the first.
        let mut crop = GrayImage::from_pixel(60, 30, Luma([255]));
        let mut fill = |x0: u32, y0: u32, x1: u32, y1: u32| {
            for y in y0..y1 {
                for x in x0..x1 {
                    crop.put_pixel(x, y, Luma([0]));
                }
            }
        };
        fill(5, 8, 12, 24);
        fill(20, 8, 27, 24);
        fill(15, 21, 17, 23);
        fill(40, 20, 42, 22);
        fill(7, 1, 9, 3);
        let b = clean_number(&mut crop, 128);
        assert_eq!(b, Some(((5, 8, 27, 24), 2)));
        assert_eq!(crop.get_pixel(16, 22).0[0], 0);
        assert_eq!(crop.get_pixel(41, 21).0[0], 255);
        assert_eq!(crop.get_pixel(8, 2).0[0], 255);
    }

    #[test]
    fn a_thin_first_digit_is_not_a_speck() {
        // `12` where the `1` is a stroke one pixel wide (less ink than a dot's blur):
        // it is tall, so it stays.
        let mut crop = GrayImage::from_pixel(40, 30, Luma([255]));
        for y in 8..24 {
            crop.put_pixel(6, y, Luma([0]));
            for x in 12..20 {
                crop.put_pixel(x, y, Luma([0]));
            }
        }
        assert_eq!(clean_number(&mut crop, 128), Some(((6, 8, 20, 24), 2)));
        assert_eq!(crop.get_pixel(6, 10).0[0], 0);
    }
}
