//! Ruled tables: ruling segments joined into cell grids, merged cells found from the
//! rules that are missing, and glyphs placed in their cells.

use hayro_interpret::kurbo::Rect;

use super::page::Segment;

/// How close two rules must be to be one, in points.
const SNAP: f64 = 1.5;

/// A ruled table on a page: its grid of rules and its cells (a merged cell is one cell).
#[derive(Debug, Clone)]
pub(crate) struct RuledTable {
    /// The table's outline.
    pub bounds: Rect,
    /// The first grid row of each cell, cells in row-major order of their top-left corner.
    pub cell_rows: Vec<usize>,
    /// How many grid rows the table has.
    pub rows: usize,
    /// The x of each column rule and the y of each row rule, sorted.
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// For each elementary cell (row-major), the index of its cell in `cell_rows`, if it is
    /// inside the table.
    owner: Vec<Option<usize>>,
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
    let h = merge(h);
    let v = merge(v);
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
        .filter_map(|(hs, vs)| table(&hs, &vs))
        .collect();
    out.sort_by(|p, q| p.bounds.y0.total_cmp(&q.bounds.y0));
    out
}

/// One table from its horizontal and vertical rules.
fn table(hs: &[Segment], vs: &[Segment]) -> Option<RuledTable> {
    if vs.len() < 2 || hs.is_empty() {
        return None;
    }
    let xs = distinct(vs.iter().map(|s| s.at).collect());
    // Rows: the horizontal rules, and the ends of the verticals (a table cut by a page
    // break has no rule under its last row: its verticals end there).
    let mut y_all: Vec<f64> = hs.iter().map(|s| s.at).collect();
    y_all.extend(vs.iter().flat_map(|s| [s.a, s.b]));
    let ys = distinct(y_all);
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
    Some(RuledTable {
        bounds: Rect::new(xs[0], ys[0], xs[cols], ys[rows]),
        cell_rows,
        rows,
        xs,
        ys,
        owner,
    })
}
