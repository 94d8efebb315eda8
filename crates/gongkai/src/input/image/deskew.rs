//! Deskew: the small angle a page was scanned or photographed at, found where the rows of
//! ink line up best, and the page turned back by it.

use image::{GrayImage, Luma};

/// The largest skew looked for, in degrees: a page fed crooked into a scanner or
/// photographed by hand; more is a page turned sideways, which this does not handle.
const MAX_DEGREES: f32 = 4.0;

/// The step of the search, in degrees. A table 1,200 px wide is off by 1 px at its far
/// end at 0.05°, within what the grid builder snaps.
const STEP: f32 = 0.05;

/// Skews smaller than this are left alone: turning costs a resampling, which blurs.
const MIN_DEGREES: f32 = 0.08;

/// The page's skew in degrees (positive: the text runs down to the right), from the
/// dark pixels of `ink` (a binarised page). For each angle the ink is projected onto
/// rows along it; the rows of text and rules are sharpest (largest sum of squares) at
/// the page's angle.
pub(crate) fn skew(ink: &[bool], w: usize, h: usize) -> f32 {
    // A sample of the ink is enough and keeps this cheap on big pages.
    let stride = (w * h / 400_000).max(1);
    let points: Vec<(f32, f32)> = ink
        .iter()
        .enumerate()
        .filter(|(_, &d)| d)
        .step_by(stride)
        .map(|(i, _)| ((i % w) as f32, (i / w) as f32))
        .take(200_000)
        .collect();
    if points.len() < 100 {
        return 0.0;
    }
    let score = |deg: f32| -> f64 {
        let t = deg.to_radians().tan();
        let mut hist = vec![0u32; h + w + 2];
        let off = (w as f32 * t.abs()) + 1.0;
        for &(x, y) in &points {
            let r = (y - x * t + off) as usize;
            if let Some(b) = hist.get_mut(r) {
                *b += 1;
            }
        }
        hist.iter().map(|&c| f64::from(c) * f64::from(c)).sum()
    };
    let steps = (MAX_DEGREES / STEP) as i32;
    let (mut best, mut best_score) = (0.0f32, score(0.0));
    for k in -steps..=steps {
        let deg = k as f32 * STEP;
        let s = score(deg);
        if s > best_score * 1.0001 {
            best = deg;
            best_score = s;
        }
    }
    best
}

/// The page turned by `-deg` degrees about its centre (bilinear), new area white; the
/// page itself when the skew is too small to matter.
pub(crate) fn straighten(page: GrayImage, deg: f32) -> GrayImage {
    if deg.abs() < MIN_DEGREES {
        return page;
    }
    let (w, h) = page.dimensions();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let (sin, cos) = deg.to_radians().sin_cos();
    let mut out = GrayImage::from_pixel(w, h, Luma([255]));
    for (x, y, p) in out.enumerate_pixels_mut() {
        // The source of an output pixel: turned back by the skew.
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let sx = cx + dx * cos - dy * sin;
        let sy = cy + dx * sin + dy * cos;
        if sx < 0.0 || sy < 0.0 || sx >= (w - 1) as f32 || sy >= (h - 1) as f32 {
            continue;
        }
        let (x0, y0) = (sx as u32, sy as u32);
        let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
        let px = |x, y| f32::from(page.get_pixel(x, y).0[0]);
        let top = px(x0, y0) * (1.0 - fx) + px(x0 + 1, y0) * fx;
        let bottom = px(x0, y0 + 1) * (1.0 - fx) + px(x0 + 1, y0 + 1) * fx;
        *p = Luma([(top * (1.0 - fy) + bottom * fy).round() as u8]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tilted_rule_gives_its_angle() {
        let (w, h) = (400usize, 200usize);
        let mut ink = vec![false; w * h];
        // Rules sloping down by 1° (y grows with x).
        let t = 1f32.to_radians().tan();
        for y0 in [50.0f32, 100.0, 150.0] {
            for x in 0..w {
                let y = (y0 + x as f32 * t) as usize;
                ink[y * w + x] = true;
            }
        }
        let s = skew(&ink, w, h);
        assert!((s - 1.0).abs() < 0.11, "{s}");
    }
}
