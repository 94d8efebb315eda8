//! Ruled tables: ruling segments joined into cell grids, merged cells found from the
//! rules that are missing, and glyphs placed in their cells.

use hayro_interpret::kurbo::Rect;

use super::page::Segment;
use super::tolerances::table::{PAIR_GAP, SNAP};

/// A ruled table on a page: its grid of rules and its cells (a merged cell is one cell).
#[derive(Debug, Clone)]
pub(crate) struct RuledTable {
    /// The table's outline.
    pub bounds: Rect,
    /// The first grid row of each cell, cells in row-major order of their top-left corner.
    pub cell_rows: Vec<usize>,
    /// How many grid rows the table has.
    pub rows: usize,
    /// Each cell's place, in the order of `cell_rows`.
    pub cells: Vec<CellBox>,
    /// The x of each column rule and the y of each row rule, sorted.
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// For each elementary cell (row-major), the index of its cell in `cell_rows`, if it is
    /// inside the table.
    owner: Vec<Option<usize>>,
}

/// Where a cell of a ruled table stands, and whether it is closed at the table's top and
/// bottom edges: a cell cut by a page break has no rule on the side of the break (its
/// verticals just end), which is what tells a row or a merged cell that continues on
/// the next page from one that ends with the page ([`super::seams`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CellBox {
    /// Its first and last grid row.
    pub rows: (usize, usize),
    /// Its left and right rule.
    pub x: (f64, f64),
    /// It touches the table's top edge and no rule is drawn over it there.
    pub open_top: bool,
    /// It touches the table's bottom edge and no rule is drawn under it there.
    pub open_bottom: bool,
}

impl RuledTable {
    /// The index in `cell_rows` of the cell that holds a point, if any: two binary searches
    /// and a lookup, so placing a page's glyphs costs no scan of the cells.
    pub fn cell_at(&self, p: hayro_interpret::kurbo::Point) -> Option<usize> {
        let col = self.xs.partition_point(|&x| x <= p.x).checked_sub(1)?;
        let row = self.ys.partition_point(|&y| y <= p.y).checked_sub(1)?;
        let cols = self.xs.len() - 1;
        if col >= cols || row >= self.rows {
            return None;
        }
        self.owner[row * cols + col]
    }

    /// The box of each cell (a merged cell's whole box), in the order of `cell_rows`:
    /// where the OCR reader ([`crate::input::image`]) crops a cell's text from the page.
    #[cfg(feature = "ocr")]
    pub fn cell_boxes(&self) -> Vec<Rect> {
        let cols = self.xs.len() - 1;
        let mut boxes: Vec<Option<(usize, usize, usize, usize)>> = vec![None; self.cell_rows.len()];
        for (i, owner) in self.owner.iter().enumerate() {
            let Some(k) = *owner else { continue };
            let (r, c) = (i / cols, i % cols);
            let b = boxes[k].get_or_insert((r, c, r, c));
            *b = (b.0.min(r), b.1.min(c), b.2.max(r), b.3.max(c));
        }
        boxes
            .into_iter()
            .map(|b| {
                b.map_or(Rect::ZERO, |(r0, c0, r1, c1)| {
                    Rect::new(self.xs[c0], self.ys[r0], self.xs[c1 + 1], self.ys[r1 + 1])
                })
            })
            .collect()
    }
}

/// Merges segments on one line (same fixed coordinate within [`SNAP`]) whose spans touch.
fn merge(mut segs: Vec<Segment>) -> Vec<Segment> {
    segs.sort_by(|p, q| p.at.total_cmp(&q.at).then(p.a.total_cmp(&q.a)));
    let mut out: Vec<Segment> = Vec::with_capacity(segs.len());
    // Group by fixed coordinate, then merge spans within a group.
    let mut i = 0;
    while i < segs.len() {
        let mut j = i + 1;
        while j < segs.len() && segs[j].at - segs[j - 1].at <= SNAP / 2.0 {
            j += 1;
        }
        let mut group: Vec<Segment> = segs[i..j].to_vec();
        let at = group.iter().map(|s| s.at).sum::<f64>() / group.len() as f64;
        group.sort_by(|p, q| p.a.total_cmp(&q.a));
        let mut cur = group[0];
        cur.at = at;
        for s in &group[1..] {
            if s.a <= cur.b + SNAP {
                cur.b = cur.b.max(s.b);
            } else {
                out.push(cur);
                cur = Segment { at, ..*s };
            }
        }
        out.push(cur);
        i = j;
    }
    out
}

/// Joins paired rules into one: where cells are drawn as separate boxes (`cellspacing`)
/// or a border is drawn double, each cell boundary is two parallel rules a few points
/// apart, and each box's side stops short of its neighbour's. Parallel rules within
/// [`PAIR_GAP`] of the first of their group are moved to the group's middle and each is
/// lengthened by the group's spread, so a row's box sides meet end to end. Groups that
/// are one line already (within [`SNAP`]) are left as drawn. Returns whether any pair
/// was joined.
fn pair(mut segs: Vec<Segment>) -> (Vec<Segment>, bool) {
    let mut paired = false;
    segs.sort_by(|p, q| p.at.total_cmp(&q.at));
    let mut i = 0;
    while i < segs.len() {
        let first = segs[i].at;
        let j = i + segs[i..]
            .iter()
            .take_while(|s| s.at - first <= PAIR_GAP)
            .count();
        let spread = segs[j - 1].at - first;
        if spread > SNAP {
            paired = true;
            let mid = segs[i..j].iter().map(|s| s.at).sum::<f64>() / (j - i) as f64;
            for s in &mut segs[i..j] {
                s.at = mid;
                s.a -= spread;
                s.b += spread;
            }
        }
        i = j;
    }
    (segs, paired)
}

/// Union-find root.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// True when segment `s` covers the point `p` along its span, within [`SNAP`].
fn covers(s: &Segment, at: f64, p: f64) -> bool {
    (s.at - at).abs() <= SNAP && s.a - SNAP <= p && p <= s.b + SNAP
}

/// Sorted distinct values, those within [`SNAP`] taken as one.
fn distinct(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::with_capacity(v.len());
    for x in v {
        if out.last().is_none_or(|l| x - l > SNAP) {
            out.push(x);
        }
    }
    out
}

/// The ruled tables a page's segments draw.
pub(crate) fn tables(segments: &[Segment]) -> Vec<RuledTable> {
    let (h, v): (Vec<Segment>, Vec<Segment>) = segments.iter().partition(|s| s.horizontal);
    // Separate cell boxes and double borders pair rules both ways; rules paired one way
    // only are something else (the sliver of a row a page break cut, two rules a
    // fraction of a row apart) and are left as drawn.
    let ((hp, h_paired), (vp, v_paired)) = (pair(h.clone()), pair(v.clone()));
    let paired = h_paired && v_paired;
    let (h, v) = if paired { (hp, vp) } else { (h, v) };
    let (h, v) = (merge(h), merge(v));
    // Where rules come in pairs, a vertical's end stands half a pair from the rule it
    // meets; elsewhere within a snap.
    let end_snap = if paired { PAIR_GAP } else { SNAP };
    let n = h.len() + v.len();
    if h.is_empty() || v.is_empty() || n > 20_000 {
        return Vec::new();
    }
    // Segments that cross or touch belong to one table. Sorted sweeps keep this near
    // linear: each vertical is tested against the horizontals within its y span.
    let mut parent: Vec<usize> = (0..n).collect();
    let mut by_y: Vec<usize> = (0..h.len()).collect();
    by_y.sort_by(|&p, &q| h[p].at.total_cmp(&h[q].at));
    for (k, s) in v.iter().enumerate() {
        let lo = by_y.partition_point(|&i| h[i].at < s.a - SNAP);
        for &i in by_y[lo..].iter().take_while(|&&i| h[i].at <= s.b + SNAP) {
            if h[i].a - SNAP <= s.at && s.at <= h[i].b + SNAP {
                let (a, b) = (find(&mut parent, i), find(&mut parent, h.len() + k));
                parent[a] = b;
            }
        }
    }
    // A vertical that meets no horizontal rule (the side of a merged cell continued
    // from the page before, whose rules lie on that page) belongs to the table of a
    // vertical that starts and ends where it does: the producer drew both down the same
    // rows.
    let lone: Vec<bool> = (0..v.len())
        .map(|k| find(&mut parent, h.len() + k) == h.len() + k)
        .collect();
    if lone.iter().any(|&l| l) {
        let mut by_top: Vec<usize> = (0..v.len()).collect();
        by_top.sort_by(|&p, &q| v[p].a.total_cmp(&v[q].a));
        for k in (0..v.len()).filter(|&k| lone[k]) {
            let lo = by_top.partition_point(|&i| v[i].a < v[k].a - SNAP);
            let twin = by_top[lo..]
                .iter()
                .take_while(|&&i| v[i].a <= v[k].a + SNAP)
                .find(|&&i| !lone[i] && (v[i].b - v[k].b).abs() <= SNAP);
            if let Some(&i) = twin {
                let (a, b) = (
                    find(&mut parent, h.len() + k),
                    find(&mut parent, h.len() + i),
                );
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Segment>, Vec<Segment>)> =
        Default::default();
    for i in 0..n {
        let root = find(&mut parent, i);
        let g = groups.entry(root).or_default();
        if i < h.len() {
            g.0.push(h[i]);
        } else {
            g.1.push(v[i - h.len()]);
        }
    }
    let mut out: Vec<RuledTable> = groups
        .into_values()
        .filter_map(|(hs, vs)| table(&hs, &vs, end_snap))
        .collect();
    out.sort_by(|p, q| p.bounds.y0.total_cmp(&q.bounds.y0));
    out
}

/// The horizontal rules no ruled table took, merged as a table's are: the rules of
/// tables drawn without verticals ([`super::bands`]).
pub(crate) fn loose_rules(segments: &[Segment], tables: &[RuledTable]) -> Vec<Segment> {
    let h: Vec<Segment> = segments.iter().filter(|s| s.horizontal).copied().collect();
    if h.len() < 2 {
        return Vec::new();
    }
    merge(pair(h).0)
        .into_iter()
        .filter(|s| {
            !tables.iter().any(|t| {
                let b = t.bounds;
                b.y0 - SNAP <= s.at && s.at <= b.y1 + SNAP && s.a < b.x1 && b.x0 < s.b
            })
        })
        .collect()
}

/// One table from its horizontal and vertical rules.
fn table(hs: &[Segment], vs: &[Segment], end_snap: f64) -> Option<RuledTable> {
    if vs.len() < 2 || hs.is_empty() {
        return None;
    }
    let xs = distinct(vs.iter().map(|s| s.at).collect());
    // Rows: the horizontal rules, and the ends of the verticals (a table cut by a page
    // break has no rule under its last row: its verticals end there). A vertical that
    // ends near a rule ends at it: paired rules put the rule between two box corners.
    let mut ys = distinct(hs.iter().map(|s| s.at).collect());
    let ends: Vec<f64> = vs
        .iter()
        .flat_map(|s| [s.a, s.b])
        .filter(|&e| {
            let k = ys.partition_point(|&y| y < e);
            let near = |y: Option<&f64>| y.is_some_and(|y| (y - e).abs() <= end_snap);
            !near(ys.get(k)) && !near(k.checked_sub(1).and_then(|k| ys.get(k)))
        })
        .collect();
    if !ends.is_empty() {
        ys.extend(ends);
        ys = distinct(ys);
    }
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows * cols > 200_000 {
        return None;
    }
    // Elementary cells that are inside the table: some vertical rule left of it spans
    // its middle, and some right of it (a table is not always a rectangle).
    let spans_row = |r: usize| {
        let mid = (ys[r] + ys[r + 1]) / 2.0;
        vs.iter().any(|s| s.a - SNAP <= mid && mid <= s.b + SNAP)
    };
    let id = |r: usize, c: usize| r * cols + c;
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        let ymid = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..cols {
            let xmid = (xs[c] + xs[c + 1]) / 2.0;
            // No vertical rule between this cell and the next: one merged cell.
            if c + 1 < cols && !vs.iter().any(|s| covers(s, xs[c + 1], ymid)) {
                let (a, b) = (find(&mut parent, id(r, c)), find(&mut parent, id(r, c + 1)));
                parent[b] = a;
            }
            // No horizontal rule between this cell and the one below.
            if r + 1 < rows && !hs.iter().any(|s| covers(s, ys[r + 1], xmid)) {
                let (a, b) = (find(&mut parent, id(r, c)), find(&mut parent, id(r + 1, c)));
                parent[b] = a;
            }
        }
    }
    let mut cells: std::collections::BTreeMap<usize, (usize, usize, usize, usize)> =
        Default::default();
    for r in 0..rows {
        if !spans_row(r) {
            continue;
        }
        for c in 0..cols {
            let root = find(&mut parent, id(r, c));
            let e = cells.entry(root).or_insert((r, c, r, c));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
        }
    }
    let mut spans: Vec<(usize, usize, usize, usize)> = cells.into_values().collect();
    spans.sort_by_key(|&(r0, c0, _, _)| (r0, c0));
    let mut owner = vec![None; rows * cols];
    for (k, &(r0, c0, r1, c1)) in spans.iter().enumerate() {
        for r in r0..=r1 {
            owner[r * cols + c0..=r * cols + c1].fill(Some(k));
        }
    }
    let cell_rows = spans.iter().map(|&(r0, ..)| r0).collect();
    let ruled = |y: f64, x0: f64, x1: f64| hs.iter().any(|s| covers(s, y, (x0 + x1) / 2.0));
    let cells = spans
        .iter()
        .map(|&(r0, c0, r1, c1)| {
            let (x0, x1) = (xs[c0], xs[c1 + 1]);
            CellBox {
                rows: (r0, r1),
                x: (x0, x1),
                open_top: r0 == 0 && !ruled(ys[0], x0, x1),
                open_bottom: r1 + 1 == rows && !ruled(ys[rows], x0, x1),
            }
        })
        .collect();
    Some(RuledTable {
        bounds: Rect::new(xs[0], ys[0], xs[cols], ys[rows]),
        cell_rows,
        rows,
        cells,
        xs,
        ys,
        owner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayro_interpret::kurbo::Point;

    fn h(y: f64, a: f64, b: f64) -> Segment {
        Segment {
            horizontal: true,
            at: y,
            a,
            b,
        }
    }

    fn v(x: f64, a: f64, b: f64) -> Segment {
        Segment {
            horizontal: false,
            at: x,
            a,
            b,
        }
    }

    /// The four sides of a cell box.
    fn boxed(x0: f64, y0: f64, x1: f64, y1: f64) -> [Segment; 4] {
        [h(y0, x0, x1), h(y1, x0, x1), v(x0, y0, y1), v(x1, y0, y1)]
    }

    #[test]
    fn separate_cell_boxes_are_one_grid_with_one_boundary_per_pair() {
        // Two rows of two cells, each its own box, 3 pt apart (cellspacing).
        let mut segs = Vec::new();
        for (y0, y1) in [(0.0, 20.0), (23.0, 43.0)] {
            for (x0, x1) in [(0.0, 100.0), (103.0, 200.0)] {
                segs.extend(boxed(x0, y0, x1, y1));
            }
        }
        let t = tables(&segs);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows, 2);
        assert_eq!(t[0].cell_rows, vec![0, 0, 1, 1]);
        // The label of each cell stays in its cell.
        let cell = |x, y| t[0].cell_at(Point::new(x, y));
        assert_ne!(cell(50.0, 10.0), cell(150.0, 10.0));
        assert_ne!(cell(50.0, 10.0), cell(50.0, 33.0));
    }

    #[test]
    fn a_single_rule_grid_is_left_as_drawn() {
        let segs = [
            h(0.0, 0.0, 200.0),
            h(20.0, 0.0, 200.0),
            h(40.0, 0.0, 200.0),
            v(0.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 0.0, 40.0),
        ];
        let t = tables(&segs);
        assert_eq!((t[0].rows, t[0].cell_rows.len()), (2, 4));
        assert_eq!(t[0].bounds, Rect::new(0.0, 0.0, 200.0, 40.0));
    }

    #[test]
    fn a_merged_cell_continued_from_the_page_before_is_kept_and_open_at_the_top() {
        // The head of a page: the group's column (x 0-50) has no horizontal rule on this
        // page; rows of the other column are ruled from y 20 on; nothing is drawn above y 0.
        let segs = [
            v(0.0, 0.0, 60.0),
            v(50.0, 0.0, 60.0),
            v(100.0, 0.0, 60.0),
            h(20.0, 50.0, 100.0),
            h(40.0, 50.0, 100.0),
            h(60.0, 0.0, 100.0),
        ];
        let t = tables(&segs);
        assert_eq!(t.len(), 1);
        let group = t[0].cells[0];
        assert_eq!((group.rows, group.x), ((0, 2), (0.0, 50.0)));
        assert!(group.open_top && !group.open_bottom);
        // The cut row's other half: open at the top; the rows below are closed.
        assert!(t[0].cells[1].open_top);
        assert!(t[0].cells[2..]
            .iter()
            .all(|c| !c.open_top && !c.open_bottom));
    }
}
