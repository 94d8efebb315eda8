//! Speckle: the dots a scanner, a photocopier or dust leave. Each connected blob of ink
//! is measured; a tiny blob with no real ink near it is a speck and is erased, while a
//! decimal point or a dot of punctuation (tiny too, but beside its digits) stays.

use image::{GrayImage, Luma};

use super::rules::Ink;

/// The largest blob that may be a speck, in pixels: a dot of dust at 150–300 dpi. A
/// stroke of a character is larger.
const MAX_SPECK: usize = 12;

/// How close a tiny blob must be to real ink to be kept, in pixels: a decimal point
/// stands within a digit's gap of its digits.
const NEAR: usize = 6;

/// Erases the specks from `ink` and whitens them in `page`; returns how many it erased.
pub(crate) fn despeckle(ink: &mut Ink, page: &mut GrayImage) -> usize {
    let (w, h) = (ink.w, ink.h);
    // Label the blobs (8-connected) with an explicit stack: no recursion on any input.
    let mut label = vec![0u32; w * h];
    let mut blobs: Vec<(usize, [usize; 4])> = vec![(0, [0; 4])]; // (area, bbox) per label
    let mut stack = Vec::new();
    let mut pixels_of_small: Vec<(u32, usize)> = Vec::new();
    for start in 0..w * h {
        if !ink.dark[start] || label[start] != 0 {
            continue;
        }
        let id = blobs.len() as u32;
        let (mut area, mut bbox) = (0usize, [usize::MAX, usize::MAX, 0, 0]);
        label[start] = id;
        stack.push(start);
        let mut members = Vec::new();
        while let Some(i) = stack.pop() {
            area += 1;
            let (x, y) = (i % w, i / w);
            bbox = [
                bbox[0].min(x),
                bbox[1].min(y),
                bbox[2].max(x),
                bbox[3].max(y),
            ];
            if area <= MAX_SPECK {
                members.push(i);
            }
            for dy in [-1isize, 0, 1] {
                for dx in [-1isize, 0, 1] {
                    let (nx, ny) = (x as isize + dx, y as isize + dy);
                    if nx < 0 || ny < 0 || nx >= w as isize || ny >= h as isize {
                        continue;
                    }
                    let j = ny as usize * w + nx as usize;
                    if ink.dark[j] && label[j] == 0 {
                        label[j] = id;
                        stack.push(j);
                    }
                }
            }
        }
        if area <= MAX_SPECK {
            pixels_of_small.extend(members.into_iter().map(|i| (id, i)));
        }
        blobs.push((area, bbox));
    }
    let big = |i: usize| label[i] != 0 && blobs[label[i] as usize].0 > MAX_SPECK;
    let mut erased = 0;
    let mut decided: Vec<Option<bool>> = vec![None; blobs.len()];
    for (id, i) in pixels_of_small {
        let keep = *decided[id as usize].get_or_insert_with(|| {
            let [x0, y0, x1, y1] = blobs[id as usize].1;
            let (xa, ya) = (x0.saturating_sub(NEAR), y0.saturating_sub(NEAR));
            let (xb, yb) = ((x1 + NEAR).min(w - 1), (y1 + NEAR).min(h - 1));
            (ya..=yb).any(|y| (xa..=xb).any(|x| big(y * w + x)))
        });
        if !keep {
            ink.dark[i] = false;
            page.put_pixel((i % w) as u32, (i / w) as u32, Luma([255]));
            erased += 1;
        }
    }
    erased
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
        let mut ink = Ink { dark, w, h };
        let mut page = GrayImage::from_pixel(w as u32, h as u32, Luma([0]));
        assert_eq!(despeckle(&mut ink, &mut page), 1);
        assert!(ink.at(13, 14) && !ink.at(35, 3));
    }
}
