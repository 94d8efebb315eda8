//! Image files → one grayscale page each: format by magic bytes, size limits checked
//! from the header before any pixel is decoded, and colour turned to gray so that a red
//! seal fades out of the text under it.

use image::{GrayImage, ImageFormat, Luma, RgbImage};

use crate::error::{Error, Result};

/// The image formats read, by their magic bytes.
pub(crate) fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    let starts = |m: &[u8]| bytes.starts_with(m);
    if starts(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if starts(b"\xff\xd8\xff") {
        Some(ImageFormat::Jpeg)
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Some(ImageFormat::Tiff)
    } else if starts(b"BM") && is_bmp_header(bytes) {
        Some(ImageFormat::Bmp)
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

/// True when `BM` starts a BMP header and not a text (`BMI…`): reserved bytes zero and a
/// DIB header of one of the sizes Windows and OS/2 write.
fn is_bmp_header(bytes: &[u8]) -> bool {
    let u32_at = |i: usize| {
        bytes
            .get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    u32_at(6) == Some(0) && matches!(u32_at(14), Some(12 | 40 | 52 | 56 | 64 | 108 | 124))
}

/// True when the bytes are an image file of a format read.
pub(crate) fn is_image(bytes: &[u8]) -> bool {
    sniff(bytes).is_some()
}

/// The error for an image of `w` × `h` pixels, if it is over the limits.
pub(crate) fn check_size(w: u64, h: u64, limits: &crate::limits::Limits) -> Result<()> {
    let side = w.max(h);
    if side > u64::from(limits.max_image_side) || w * h > limits.max_image_pixels {
        return Err(Error::Image {
            reason: format!(
                "it is {w} × {h} pixels, more than the limit of {} pixels or {} on a side (Limits::max_image_pixels); a page scanned at 300 dpi has about 9 million",
                limits.max_image_pixels, limits.max_image_side
            ),
        });
    }
    Ok(())
}

/// Decodes an image file into a grayscale page, refusing one over the limits before its
/// pixels are decoded (a few kilobytes of PNG can claim gigapixels).
pub(crate) fn decode(bytes: &[u8], limits: &crate::limits::Limits) -> Result<GrayImage> {
    let format = sniff(bytes).ok_or_else(|| Error::Image {
        reason: "it is not an image of a kind gongkai reads (PNG, JPEG, TIFF, BMP, WebP)"
            .to_string(),
    })?;
    let damaged = |e: image::ImageError| {
        Error::Image {
        reason: format!("it could not be decoded ({e}); the file is damaged or uses a feature the decoder does not read"),
    }
    };
    let reader = || image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let (w, h) = reader().into_dimensions().map_err(damaged)?;
    check_size(u64::from(w), u64::from(h), limits)?;
    // The decoder's own limits as well: a TIFF's or WebP's frames may claim more than
    // the header said.
    let mut dl = image::Limits::default();
    dl.max_image_width = Some(limits.max_image_side);
    dl.max_image_height = Some(limits.max_image_side);
    dl.max_alloc = Some(limits.max_image_pixels.saturating_mul(8));
    let mut reader = reader();
    reader.limits(dl);
    let img = reader.decode().map_err(damaged)?;
    Ok(match img {
        image::DynamicImage::ImageLuma8(g) => g,
        other if other.color().has_color() => gray_of_rgb(&other.to_rgb8()),
        other => other.to_luma8(),
    })
}

/// Gray from colour, with red ink faded: where a pixel is clearly red (a seal, a red
/// heading) its red channel stands for it, so the seal is near white and black text
/// under it stays black; elsewhere the usual luma.
///
/// Where the seal's ink is solid it hides what was under it: a rule there is gone from
/// the gray, though it was printed. So the red pixels are also remembered, beside the
/// gray page they belong to ([`take_seal`]), for the rule finder to bridge a rule's gap
/// that only the seal made.
pub(crate) fn gray_of_rgb(rgb: &RgbImage) -> GrayImage {
    let mut out = GrayImage::new(rgb.width(), rgb.height());
    let mut red = GrayImage::new(rgb.width(), rgb.height());
    let mut any = false;
    for ((p, q), m) in rgb.pixels().zip(out.pixels_mut()).zip(red.pixels_mut()) {
        let [r, g, b] = p.0.map(i32::from);
        let v = if r - g.max(b) > 60 {
            any = true;
            m.0[0] = 255;
            r
        } else {
            (r * 299 + g * 587 + b * 114) / 1000
        };
        *q = Luma([v.clamp(0, 255) as u8]);
    }
    SEAL.with(|s| {
        *s.borrow_mut() = any.then(|| (fingerprint(&out), red));
    });
    out
}

thread_local! {
    /// The red pixels of the last page [`gray_of_rgb`] made (255 where red), with that
    /// page's [`fingerprint`]. The readers hand a page over as gray (a PDF's scan and an
    /// image file alike); the seal's mask goes beside it this way, and is taken only by
    /// the page it was made with.
    static SEAL: std::cell::RefCell<Option<(u64, GrayImage)>> = const { std::cell::RefCell::new(None) };
}

/// A page's size and a hash of its pixels: which page a seal's mask belongs to.
fn fingerprint(page: &GrayImage) -> u64 {
    // FNV-1a over the size and the pixels.
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let size = [page.width().to_le_bytes(), page.height().to_le_bytes()];
    for &b in size.iter().flatten().chain(page.as_raw()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The mask of red (seal) pixels of `page` (255 where red, same size), when `page` is
/// the one [`gray_of_rgb`] made last on this thread and it had red in it.
pub(crate) fn take_seal(page: &GrayImage) -> Option<GrayImage> {
    let (print, mask) = SEAL.with(|s| s.borrow_mut().take())?;
    (print == fingerprint(page)).then_some(mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes_name_the_format() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(ImageFormat::Png));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0"), Some(ImageFormat::Jpeg));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageFormat::WebP));
        assert_eq!(sniff(b"%PDF-1.7"), None);
        assert_eq!(
            sniff(b"BMI of the staff: 2024 report, table 1, and more"),
            None
        );
    }

    #[test]
    fn a_red_seal_fades_and_black_text_stays() {
        let mut rgb = RgbImage::new(2, 1);
        rgb.put_pixel(0, 0, image::Rgb([220, 40, 40]));
        rgb.put_pixel(1, 0, image::Rgb([20, 20, 20]));
        let g = gray_of_rgb(&rgb);
        assert!(g.get_pixel(0, 0).0[0] > 200);
        assert!(g.get_pixel(1, 0).0[0] < 40);
        // The seal's red is kept for that page only.
        let other = GrayImage::from_pixel(2, 1, Luma([255]));
        assert!(take_seal(&other).is_none());
        let g = gray_of_rgb(&rgb);
        let mask = take_seal(&g).expect("the seal's mask");
        assert_eq!(
            (mask.get_pixel(0, 0).0[0], mask.get_pixel(1, 0).0[0]),
            (255, 0)
        );
        assert!(take_seal(&g).is_none());
    }
}
