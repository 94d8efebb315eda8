//! Scanned PDFs: pages that are images with no text layer. Each page's largest image is
//! decoded (hayro's decoders, inside the PDF's decode budget) and read by the OCR reader
//! ([`crate::input::image`]), so a scan gives the same lines and grids as a PDF with text.

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_syntax::budget::DecodeScope;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::kurbo::{Affine, BezPath, Rect};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask,
};
use image::GrayImage;

use super::super::DocumentBuf;
use crate::diagnostic::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::input::image::{decode, Reader};

/// The fewest pixels an image must have to be a page's scan: a logo or an icon is
/// smaller than a page at 72 dpi (595 × 842).
const MIN_PIXELS: u64 = 200_000;

/// Collects the largest image of a page, decoded to gray.
struct Images<'l> {
    limits: &'l crate::limits::Limits,
    best: Option<GrayImage>,
    /// An image over the image limits, as (width, height).
    too_large: Option<(u32, u32)>,
}

impl<'a> Device<'a> for Images<'_> {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, _: &GlyphRun<'_, 'a>, _: DrawProps<'a>, _: &DrawMode) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_image(&mut self, image: Image<'a, '_>, _: ImageDrawProps<'a>) {
        let Image::Raster(raster) = image else { return };
        let (w, h) = (raster.width(), raster.height());
        let pixels = u64::from(w) * u64::from(h);
        let best = self
            .best
            .as_ref()
            .map_or(0, |b| u64::from(b.width()) * u64::from(b.height()));
        if pixels < MIN_PIXELS || pixels <= best {
            return;
        }
        // The header's size is checked before the stream is decoded (a bomb claims
        // gigapixels in a few bytes).
        if decode::check_size(u64::from(w), u64::from(h), self.limits).is_err() {
            self.too_large = Some((w, h));
            return;
        }
        raster.with_rgba(
            |data, _alpha| {
                let gray = match data {
                    hayro_interpret::ImageData::Luma(l) => {
                        GrayImage::from_raw(l.width, l.height, l.data)
                    }
                    hayro_interpret::ImageData::Rgb(c) => {
                        image::RgbImage::from_raw(c.width, c.height, c.data)
                            .map(|rgb| decode::gray_of_rgb(&rgb))
                    }
                };
                if let Some(g) = gray {
                    self.best = Some(g);
                }
            },
            None,
        );
    }
}

/// Reads a scanned PDF by OCR: each page's largest image, page by page.
pub(crate) fn read(bytes: &[u8], limits: &crate::limits::Limits) -> Result<DocumentBuf> {
    let _scope = DecodeScope::open(limits.decoded_budget(bytes.len()));
    let pdf = Pdf::new(bytes.to_vec()).map_err(|_| Error::Pdf {
        reason: "its structure could not be read (damaged or not a PDF)".to_string(),
    })?;
    // The models are loaded at the first page that holds a scan, so that a PDF of
    // images too small to be pages is refused for what it is.
    let mut reader: Option<Reader> = None;
    let mut blank_before = 0usize;
    let settings = InterpreterSettings::default();
    let cache = InterpreterCache::new();
    let mut notes = Vec::new();
    for (i, page) in pdf.pages().iter().enumerate() {
        if i == limits.max_pages {
            notes.push(Diagnostic::new(
                Code::TooLarge,
                msg!(
                    "the scan has more than the budget of {} pages; the rest was not read",
                    limits.max_pages
                ),
            ));
            break;
        }
        let (w, h) = page.render_dimensions();
        let initial = Affine::new(page.initial_transform(true).as_coeffs());
        let mut ctx = Context::new(
            initial,
            Rect::new(0.0, 0.0, f64::from(w), f64::from(h)),
            &cache,
            page.xref(),
            settings.clone(),
        );
        let mut device = Images {
            limits,
            best: None,
            too_large: None,
        };
        interpret_page(page, &mut ctx, &mut device);
        if let Some((w, h)) = device.too_large {
            let mut d = Diagnostic::new(
                Code::TooLarge,
                msg!(
                    "page {}'s image is {w} × {h} pixels, over the image limits; it was not read",
                    i + 1
                ),
            );
            d.page = Some(i + 1);
            notes.push(d);
        }
        // A page without a scan (blank, or its image too large) is still a page, so
        // later pages keep their numbers.
        let found = device.best.is_some();
        let img = device
            .best
            .unwrap_or_else(|| GrayImage::from_pixel(1, 1, image::Luma([255])));
        let r = match reader.as_mut() {
            Some(r) => r,
            None if found => {
                let mut r = Reader::new(limits.ocr_budget(bytes.len()))?;
                for _ in 0..blank_before {
                    r.page(GrayImage::from_pixel(1, 1, image::Luma([255])))?;
                }
                reader.insert(r)
            }
            None => {
                blank_before += 1;
                continue;
            }
        };
        if !r.has_room(&img) {
            let mut d = Diagnostic::new(
                Code::TooLarge,
                msg!(
                    "the scan's pages from page {} on were not read: they pass the OCR budget of {} pixels for a file of {} bytes (raise it with --max-ocr-pixels)",
                    i + 1,
                    r.budget,
                    bytes.len()
                ),
            );
            d.page = Some(i + 1);
            notes.push(d);
            break;
        }
        r.page(img)?;
    }
    let Some(reader) = reader else {
        return Err(Error::Pdf {
            reason: "its pages are images (a scan), but none is large enough to be a page for OCR to read".to_string(),
        });
    };
    let mut doc = reader.finish();
    doc.notes.push(Diagnostic::new(
        Code::PdfText,
        "the PDF's pages are images (a scan) and were read by OCR; unsure digits are flagged (ocr_uncertain)",
    ));
    doc.notes.extend(notes);
    Ok(doc)
}
