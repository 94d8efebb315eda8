//! How much one parse may read and do: the guard that keeps a batch's memory and time
//! bounded. The size limit refuses input before it is read; the PDF budgets stop a
//! document whose cost is not in its size (a stream that inflates a thousandfold, a
//! string of millions of glyphs) where the budget runs out, with a `too_large` error
//! diagnostic that says which budget and where.

/// Limits on what one parse reads. Every entry point applies [`Limits::default`] unless
/// given others ([`crate::parse_bytes_with`], [`crate::parse_path_with`]).
///
/// A parse needs at most about ten times its input in memory (measured per input kind in
/// the crate's `memory` test), so the default limit of 128 MiB bounds one parse to
/// about 1.3 GB; a batch needs that once per parallel job.
///
/// ```
/// let small = gongkai::Limits::default().max_input_bytes(16);
/// let err = gongkai::parse_bytes_with("一、总体情况\n正文……".as_bytes(), None, &small).unwrap_err();
/// assert!(matches!(err, gongkai::Error::TooLarge { limit: 16, .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest input read, in bytes: a file's size, or for a .docx the unpacked size
    /// of its document. Larger input is refused with [`crate::Error::TooLarge`] before it
    /// is read whole.
    pub max_input_bytes: u64,
    /// PDF: the most bytes decoded from the document's streams, all filters counted as
    /// they inflate. A few kilobytes of stacked Flate filters can inflate to gigabytes,
    /// so the file's size alone bounds nothing. `None` (the default) allows
    /// [`Limits::decoded_budget`] of the input's size.
    pub max_decoded_bytes: Option<u64>,
    /// PDF: the most pages read.
    pub max_pages: usize,
    /// PDF: the most glyphs shown, over all pages, counted as the bytes of the strings
    /// that show them (a glyph takes one or two), before their glyphs are built.
    pub max_glyphs: u64,
    /// PDF: the most content-stream operators interpreted, over all pages. Each path
    /// segment is one, so this also bounds the paths a page can build.
    pub max_operators: u64,
    /// PDF: the most characters of text one glyph may carry (a ligature carries two or
    /// three). A font that maps a glyph to more is damaged; the glyph is read as U+FFFD.
    pub max_glyph_text: usize,
    /// Images (scans, pictures of tables): the most pixels one image may have, checked
    /// from its header before it is decoded; a few kilobytes of PNG can claim gigapixels.
    pub max_image_pixels: u64,
    /// Images: the longest side, in pixels.
    pub max_image_side: u32,
    /// OCR: the most pixels recognised over a whole input (pages as the reader scales
    /// them). Recognition costs about a second per million pixels, and a blank page
    /// compresses to almost nothing, so the input's size alone bounds no time. `None`
    /// (the default) allows [`Limits::ocr_budget`] of the input's size.
    pub max_ocr_pixels: Option<u64>,
}

impl Limits {
    /// The default size limit: 128 MiB. Annual reports are rarely over 10 MB, even as
    /// PDF.
    pub const DEFAULT_MAX_INPUT_BYTES: u64 = 128 << 20;

    /// The budget of decoded bytes for an input of `input_bytes`: the one set, or else
    /// 32 MiB and six bytes per input byte. Real reports' PDFs decode to at most about
    /// five times their size (their pages' content and fonts; images are not decoded),
    /// and small ones to a few megabytes; a bomb stops at a small multiple of its size.
    pub fn decoded_budget(&self, input_bytes: usize) -> u64 {
        self.max_decoded_bytes
            .unwrap_or_else(|| (32 << 20) + 6 * input_bytes as u64)
    }

    /// The default page budget: 2,000. Reports run to tens of pages.
    pub const DEFAULT_MAX_PAGES: usize = 2_000;

    /// The default glyph budget: 2 million bytes of shown strings, about a thousand pages
    /// of dense text.
    pub const DEFAULT_MAX_GLYPHS: u64 = 2_000_000;

    /// The default operator budget: 4 million. A report's page takes a few thousand;
    /// a path of 4 million segments takes about 220 MB while it is built.
    pub const DEFAULT_MAX_OPERATORS: u64 = 4_000_000;

    /// The default text per glyph: 32 characters.
    pub const DEFAULT_MAX_GLYPH_TEXT: usize = 32;

    /// The default pixel limit for one image: 60 million, a page scanned at 600 dpi
    /// (about 35 million) or a dozen pages at 150 dpi stitched into one picture.
    pub const DEFAULT_MAX_IMAGE_PIXELS: u64 = 60_000_000;

    /// The default longest side of an image: 40,000 pixels, a tall screenshot of a long
    /// report's tables.
    pub const DEFAULT_MAX_IMAGE_SIDE: u32 = 40_000;

    /// The budget of pixels to recognise for an input of `input_bytes`: the one set, or
    /// else 16 million (four pages at 200 dpi, whatever the input's size) and 100 per
    /// input byte. A scanned page compresses to 15–40 pixels a byte, so real scans stay
    /// well within it, while a small file of blank pages stops after a few of them.
    pub fn ocr_budget(&self, input_bytes: usize) -> u64 {
        self.max_ocr_pixels
            .unwrap_or_else(|| 16_000_000 + 100 * input_bytes as u64)
    }

    /// These limits with another OCR pixel budget.
    pub fn max_ocr_pixels(mut self, pixels: u64) -> Self {
        self.max_ocr_pixels = Some(pixels);
        self
    }

    /// These limits with another pixel limit for images.
    pub fn max_image_pixels(mut self, pixels: u64) -> Self {
        self.max_image_pixels = pixels;
        self
    }

    /// These limits with another limit on an image's longest side.
    pub fn max_image_side(mut self, pixels: u32) -> Self {
        self.max_image_side = pixels;
        self
    }

    /// These limits with another size limit.
    pub fn max_input_bytes(mut self, bytes: u64) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// These limits with another budget of decoded bytes (PDF).
    pub fn max_decoded_bytes(mut self, bytes: u64) -> Self {
        self.max_decoded_bytes = Some(bytes);
        self
    }

    /// These limits with another page budget (PDF).
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = pages;
        self
    }

    /// These limits with another glyph budget (PDF).
    pub fn max_glyphs(mut self, glyphs: u64) -> Self {
        self.max_glyphs = glyphs;
        self
    }

    /// These limits with another operator budget (PDF).
    pub fn max_operators(mut self, operators: u64) -> Self {
        self.max_operators = operators;
        self
    }

    /// These limits with another bound on the text of one glyph (PDF).
    pub fn max_glyph_text(mut self, chars: usize) -> Self {
        self.max_glyph_text = chars;
        self
    }

    /// The error for input of `size` bytes, if it is over the limit.
    pub(crate) fn check(&self, size: u64) -> crate::error::Result<()> {
        if size > self.max_input_bytes {
            return Err(crate::error::Error::TooLarge {
                size,
                limit: self.max_input_bytes,
            });
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: Self::DEFAULT_MAX_INPUT_BYTES,
            max_decoded_bytes: None,
            max_pages: Self::DEFAULT_MAX_PAGES,
            max_glyphs: Self::DEFAULT_MAX_GLYPHS,
            max_operators: Self::DEFAULT_MAX_OPERATORS,
            max_glyph_text: Self::DEFAULT_MAX_GLYPH_TEXT,
            max_image_pixels: Self::DEFAULT_MAX_IMAGE_PIXELS,
            max_image_side: Self::DEFAULT_MAX_IMAGE_SIDE,
            max_ocr_pixels: None,
        }
    }
}
