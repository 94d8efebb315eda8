//! One page's content as gongkai needs it: every glyph with its Unicode text and its box,
//! and every ruling segment, in page coordinates (points, origin top left, y down, the
//! page's rotation applied). Drawn through hayro-interpret's `Device`.

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_syntax::object::Dict;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask,
};
use smol_str::SmolStr;

use super::tolerances::page::{
    ASCENT, DESCENT, MAX_RULE_LEAN, MAX_RULE_SIDES, MAX_RULE_WIDTH, MIN_RULE_LENGTH,
    NARROW_GLYPH_WIDTH,
};

/// One glyph on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// Its text (one character, or a ligature's several); `None` when the font gives
    /// no Unicode for it. Held inline when short (as nearly every glyph's is): a page
    /// has thousands of glyphs, and a `String` each was an allocation and a free per
    /// glyph.
    pub text: Option<SmolStr>,
    /// Its box: left, top, right, bottom.
    pub rect: Rect,
    /// The font size, in points on the page.
    pub size: f64,
    /// Drawn with a vertical writing mode (Identity-V).
    pub vertical: bool,
    /// Invisible text (render mode 3: an OCR layer).
    pub invisible: bool,
}

/// A ruling segment: horizontal (`y` fixed, from `a` to `b` in x) or vertical (`x` fixed,
/// from `a` to `b` in y).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Segment {
    /// True for a horizontal segment.
    pub horizontal: bool,
    /// The fixed coordinate.
    pub at: f64,
    /// Start of the span (the smaller coordinate).
    pub a: f64,
    /// End of the span.
    pub b: f64,
}

/// What a page holds.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Ruling segments.
    pub segments: Vec<Segment>,
    /// Filled paths made of curves: the sign of text drawn as outlines.
    pub curve_fills: usize,
    /// Images drawn (a scan is one big image).
    pub images: usize,
    /// Glyphs whose font maps them to more text than one glyph can carry (damage); they
    /// are read as unmapped.
    pub overlong_text: usize,
    /// How many glyphs run in each direction on the page: right, down, left, up (the
    /// direction of the baseline). Text on a rotated page runs down or up.
    pub directions: [usize; 4],
}

/// A budget a reading stage ran out of, and so stopped where it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spent {
    /// Bytes decoded from streams ([`crate::limits::Limits::max_decoded_bytes`]).
    Decoded,
    /// Pages ([`crate::limits::Limits::max_pages`]).
    Pages,
    /// Glyphs shown ([`crate::limits::Limits::max_glyphs`]).
    Glyphs,
    /// Operators interpreted ([`crate::limits::Limits::max_operators`]).
    Operators,
}

/// What is left of a document's glyph and operator budgets as its pages are read.
#[derive(Debug, Clone)]
pub(crate) struct Budget {
    glyphs: u64,
    operators: u64,
    glyph_text: usize,
    /// The budget that ran out, if one did.
    pub spent: Option<Spent>,
}

impl Budget {
    /// The budgets `limits` give a document.
    pub fn new(limits: &crate::limits::Limits) -> Self {
        Budget {
            glyphs: limits.max_glyphs,
            operators: limits.max_operators,
            glyph_text: limits.max_glyph_text,
            spent: None,
        }
    }
}

/// The `Device` that collects a page's content, within the document's budget.
pub(crate) struct Collector<'b> {
    /// What was collected.
    pub content: PageContent,
    budget: &'b mut Budget,
}

impl<'b> Collector<'b> {
    /// A collector that draws on `budget`.
    pub fn new(budget: &'b mut Budget) -> Self {
        Collector {
            content: PageContent::default(),
            budget,
        }
    }

    fn push_segment(&mut self, p: Point, q: Point) {
        let (dx, dy) = ((q.x - p.x).abs(), (q.y - p.y).abs());
        if dy < MAX_RULE_LEAN && dx >= MIN_RULE_LENGTH {
            self.content.segments.push(Segment {
                horizontal: true,
                at: (p.y + q.y) / 2.0,
                a: p.x.min(q.x),
                b: p.x.max(q.x),
            });
        } else if dx < MAX_RULE_LEAN && dy >= MIN_RULE_LENGTH {
            self.content.segments.push(Segment {
                horizontal: false,
                at: (p.x + q.x) / 2.0,
                a: p.y.min(q.y),
                b: p.y.max(q.y),
            });
        }
    }

    /// A thin filled rectangle is a rule along its long side.
    fn push_thin_rect(&mut self, r: Rect) {
        let (w, h) = (r.width(), r.height());
        if h <= MAX_RULE_WIDTH && w > h {
            let y = (r.y0 + r.y1) / 2.0;
            self.push_segment(Point::new(r.x0, y), Point::new(r.x1, y));
        } else if w <= MAX_RULE_WIDTH && h > w {
            let x = (r.x0 + r.x1) / 2.0;
            self.push_segment(Point::new(x, r.y0), Point::new(x, r.y1));
        }
    }
}

/// The line segments of a path that is only straight lines, in page space; `None` when
/// it has curves.
fn straight_lines(path: &BezPath, t: Affine) -> Option<Vec<(Point, Point)>> {
    let mut out = Vec::new();
    let (mut start, mut last) = (Point::ZERO, Point::ZERO);
    for el in path.elements() {
        match *el {
            PathEl::MoveTo(p) => {
                start = t * p;
                last = start;
            }
            PathEl::LineTo(p) => {
                let p = t * p;
                out.push((last, p));
                last = p;
            }
            PathEl::ClosePath => {
                out.push((last, start));
                last = start;
            }
            PathEl::QuadTo(..) | PathEl::CurveTo(..) => return None,
        }
    }
    Some(out)
}

/// The box of a small closed polygon (a rectangle, or a quadrilateral with a slanted end
/// as wkhtmltopdf bevels a border where two sides meet), if the path is one. Only its box
/// matters: a thin one is a rule whatever its corners look like.
fn as_polygon_box(lines: &[(Point, Point)]) -> Option<Rect> {
    if !(3..=MAX_RULE_SIDES).contains(&lines.len()) {
        return None;
    }
    let mut r = Rect::from_points(lines[0].0, lines[0].1);
    for (p, q) in lines {
        r = r.union_pt(*p).union_pt(*q);
    }
    Some(r)
}

impl<'a> Device<'a> for Collector<'_> {
    fn proceed(&mut self, text_bytes: usize) -> bool {
        let b = &mut *self.budget;
        if b.spent.is_some() {
            return false;
        }
        if text_bytes == 0 {
            if b.operators == 0 {
                b.spent = Some(Spent::Operators);
                return false;
            }
            b.operators -= 1;
        } else if text_bytes as u64 > b.glyphs {
            // A string's bytes bound its glyphs: refused before hayro builds them.
            b.spent = Some(Spent::Glyphs);
            return false;
        } else {
            // Charged before its glyphs are built, so that the strings of one long
            // `TJ` array are counted as they come.
            b.glyphs -= text_bytes as u64;
        }
        true
    }

    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        let Some(lines) = straight_lines(path, props.transform) else {
            if matches!(mode, DrawMode::Fill(_) | DrawMode::FillAndStroke(..)) {
                self.content.curve_fills += 1;
            }
            return;
        };
        match mode {
            DrawMode::Stroke(_) | DrawMode::FillAndStroke(..) => {
                for (p, q) in lines {
                    self.push_segment(p, q);
                }
            }
            DrawMode::Fill(_) => {
                // A filled shape is a rule only when it is thin: the sides of cell
                // backgrounds and shaded paragraphs are not rules. Its corners may be
                // slanted (bevelled borders), so only its box is looked at.
                if let Some(r) = as_polygon_box(&lines) {
                    self.push_thin_rect(r);
                }
            }
            DrawMode::Invisible => {}
        }
    }

    fn draw_rect(&mut self, rect: &Rect, props: DrawProps<'a>, mode: &DrawMode) {
        self.draw_path(&rect.to_path(0.1), props, mode);
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        let vertical = matches!(
            run.writing_mode(),
            hayro_interpret::hayro_cmap::WritingMode::Vertical
        );
        let invisible = matches!(mode, DrawMode::Invisible);
        for g in run.glyphs() {
            let t = props.transform * g.transform();
            // Glyph space is 1000 units to the em; its origin is on the baseline.
            let origin = t * Point::ZERO;
            let up = t * Point::new(0.0, 1000.0);
            let right = t * Point::new(1000.0, 0.0);
            let run = right - origin;
            let direction = if run.x.abs() >= run.y.abs() {
                if run.x >= 0.0 {
                    0
                } else {
                    2
                }
            } else if run.y >= 0.0 {
                1
            } else {
                3
            };
            self.content.directions[direction] += 1;
            let size = origin.distance(up).max(0.01);
            // Radicals some producers map glyphs to are read as the ideographs.
            let text = g.as_unicode().and_then(|u| match u {
                hayro_interpret::hayro_cmap::BfString::Char(c) => {
                    Some(SmolStr::from(crate::normalize::unradical(c)))
                }
                // A glyph's text is a character or a ligature's few; a font that maps
                // one to more is damaged, and its glyph is read as unmapped.
                hayro_interpret::hayro_cmap::BfString::String(s)
                    if s.chars().nth(self.budget.glyph_text).is_some() =>
                {
                    self.content.overlong_text += 1;
                    None
                }
                hayro_interpret::hayro_cmap::BfString::String(s) => {
                    Some(SmolStr::new(crate::normalize::unradicals(&s)))
                }
            });
            let rect = if vertical {
                // Vertical text: the origin is the top centre of the glyph.
                let half = origin.distance(right) / 2.0;
                Rect::new(origin.x - half, origin.y, origin.x + half, origin.y + size)
            } else {
                let em = origin.distance(right);
                let width = if super::text::is_wide(text.as_deref()) {
                    em
                } else {
                    em * NARROW_GLYPH_WIDTH
                };
                Rect::from_points(
                    origin,
                    Point::new(origin.x + width, origin.y - size * ASCENT),
                )
                .union_pt(Point::new(origin.x, origin.y + size * DESCENT))
            };
            self.content.glyphs.push(Glyph {
                text,
                rect,
                size,
                vertical,
                invisible,
            });
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.content.images += 1;
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}

    fn begin_marked_content(&mut self, _: &[u8], _: Option<&Dict<'_>>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bevelled_border_is_a_rule_and_a_cell_background_is_not() {
        // wkhtmltopdf's top border: a thin quadrilateral with one slanted end.
        let bevel = [
            (Point::new(6.1, 0.0), Point::new(6.1, 0.77)),
            (Point::new(6.1, 0.77), Point::new(759.2, 0.77)),
            (Point::new(759.2, 0.77), Point::new(759.9, 0.0)),
            (Point::new(759.9, 0.0), Point::new(6.1, 0.0)),
        ];
        let r = as_polygon_box(&bevel).expect("a polygon");
        let mut budget = Budget::new(&crate::limits::Limits::default());
        let mut c = Collector::new(&mut budget);
        c.push_thin_rect(r);
        // A background: a filled box 20 pt high.
        c.push_thin_rect(Rect::new(0.0, 0.0, 100.0, 20.0));
        let segs = &c.content.segments;
        assert_eq!(segs.len(), 1);
        assert!(segs[0].horizontal && (segs[0].b - segs[0].a - 753.8).abs() < 0.01);
    }
}
