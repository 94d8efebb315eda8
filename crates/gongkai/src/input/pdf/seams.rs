//! Ruled tables continued across a page break, joined into one grid.
//!
//! A table that runs over a page break is drawn as two tables, one at the foot of a page
//! and one at the head of the next. Where the break falls between two rows, each part is
//! closed by its rules and the two are tables of their own as far as the geometry goes
//! (the semantic stage joins the tables of one part). Where it falls inside a row (a
//! producer that breaks rows: the label at the head of the next page, the numbers at the
//! foot of this one) or inside a merged cell (the part of a row group on the next page,
//! its merged cells blank), the cells on the two sides of the break are one cell, and
//! the geometry says so: such a cell has no rule on the side of the break, only its
//! verticals running to the page's edge of the table ([`super::table::CellBox`]).
//!
//! Two tables are joined when the cells along the foot of the first and the head of the
//! second stand in the same columns, one for one, and some of them are open on both
//! sides of the break: each such pair is one cell, its text the two halves' lines, and
//! the second table's rows follow the first's. A pair open on one side only (a producer
//! that draws the rule on one page and not the other), or two halves that both hold a
//! number, leave the join uncertain: the tables stay apart and the reader says so.
//!
//! A table whose header the next page repeats is one table too: the repeated rows are
//! dropped and the rows under them follow. The rule under the repeated header hides a
//! row the break cut; where the rows on the two sides look like its halves (numbers
//! without a label above, a label without numbers below) the reader says so.

use super::tolerances::seams::COLUMN_ALIGN;

/// A cell of a ruled table, with its text and its place in the table's grid.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SeamCell {
    /// Its text (lines joined by `\n`).
    pub text: String,
    /// Its first and last grid row.
    pub rows: (usize, usize),
    /// Its left and right rule.
    pub x: (f64, f64),
    /// No rule over it at the table's top edge.
    pub open_top: bool,
    /// No rule under it at the table's bottom edge.
    pub open_bottom: bool,
}

/// A ruled table's cells, in row-major order of their top-left corners.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PagedTable {
    /// How many grid rows it has.
    pub rows: usize,
    /// Its cells.
    pub cells: Vec<SeamCell>,
}

/// How two tables on either side of a page break were taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seam {
    /// One table: the second was joined to the first.
    Joined,
    /// Two tables: the break falls between rows, or they are different tables.
    Apart,
    /// Cells meet at the break but it is not certain they are one: left apart.
    Uncertain,
    /// One table (the next page repeats its header, which is dropped), but the row at
    /// the break may be cut in two, which the rule under the repeated header hides: its
    /// parts are kept as printed.
    JoinedUnsure,
}

impl PagedTable {
    /// The rows of the table, each the texts of the cells that start in it (a merged
    /// cell belongs to its first row); rows where no cell starts are left out.
    pub fn into_rows(self) -> Vec<Vec<String>> {
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); self.rows];
        for c in self.cells {
            rows[c.rows.0].push(c.text);
        }
        rows.retain(|r| !r.is_empty());
        rows
    }

    /// Joins `next`, the table at the head of the next page, to this one when the break
    /// falls inside its rows (see the module's comment). Returns how it was taken and,
    /// unless joined, `next` back.
    pub fn join(&mut self, next: PagedTable) -> (Seam, Option<PagedTable>) {
        // A header the next page repeats is dropped, and the rows under it continue
        // this table.
        let repeated = self.repeated_header(&next);
        if repeated > 0 {
            let body = next.without_rows(repeated);
            let (seam, back) = self.join_rows(body);
            return match back {
                None => (seam, None),
                Some(body) => {
                    // The same table, its header repeated: its rows follow, as printed.
                    let unsure = seam == Seam::Uncertain || self.cut_by_content(&body);
                    self.append(body, &[]);
                    (
                        if unsure {
                            Seam::JoinedUnsure
                        } else {
                            Seam::Joined
                        },
                        None,
                    )
                }
            };
        }
        self.join_rows(next)
    }

    /// The texts of the cells that start in grid row `r`, left to right.
    fn row_texts(&self, r: usize) -> Vec<&str> {
        let mut cells: Vec<&SeamCell> = self.cells.iter().filter(|c| c.rows.0 == r).collect();
        cells.sort_by(|p, q| p.x.0.total_cmp(&q.x.0));
        cells.iter().map(|c| c.text.as_str()).collect()
    }

    /// How many of `next`'s first rows repeat this table's first rows, text for text, with
    /// no cell of them reaching below them.
    fn repeated_header(&self, next: &PagedTable) -> usize {
        let mut k = 0;
        while k < self.rows.min(next.rows.saturating_sub(1)) {
            let row = next.row_texts(k);
            if row.is_empty() || row.iter().all(|t| t.trim().is_empty()) || row != self.row_texts(k)
            {
                break;
            }
            k += 1;
        }
        while k > 0 && next.cells.iter().any(|c| c.rows.0 < k && c.rows.1 >= k) {
            k -= 1;
        }
        k
    }

    /// The table without its first `k` grid rows (which no cell reaches below).
    fn without_rows(&self, k: usize) -> PagedTable {
        PagedTable {
            rows: self.rows - k,
            cells: self
                .cells
                .iter()
                .filter(|c| c.rows.0 >= k)
                .map(|c| SeamCell {
                    rows: (c.rows.0 - k, c.rows.1 - k),
                    ..c.clone()
                })
                .collect(),
        }
    }

    /// True when the last row here and the first of `next` look like one row cut in two:
    /// cell for cell, at most one of them holds text, and one holds numbers where the
    /// other holds a label (a header row above its values holds text in every column).
    fn cut_by_content(&self, next: &PagedTable) -> bool {
        let last = self.row_texts(self.rows.saturating_sub(1));
        let first = next.row_texts(0);
        let blank = |t: &str| t.trim().is_empty();
        let numbers = |r: &[&str]| r.iter().any(|t| is_number(t));
        let labelled = |r: &[&str]| r.iter().any(|t| !blank(t) && !is_number(t));
        last.len() == first.len()
            && last.iter().zip(&first).all(|(a, b)| blank(a) || blank(b))
            && ((numbers(&last) && labelled(&first)) || (labelled(&last) && numbers(&first)))
    }

    /// Appends `next`'s rows under this table's, but for the cells `taken` (joined
    /// already), its columns moved into this table's place on the page.
    fn append(&mut self, next: PagedTable, taken: &[bool]) {
        let shift = next.left() - self.left();
        let offset = self.rows;
        self.rows += next.rows;
        self.cells.extend(
            next.cells
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !taken.get(*i).copied().unwrap_or(false))
                .map(|(_, mut c)| {
                    c.rows = (c.rows.0 + offset, c.rows.1 + offset);
                    c.x = (c.x.0 - shift, c.x.1 - shift);
                    c.open_top = false;
                    c
                }),
        );
    }

    /// The table's left edge.
    fn left(&self) -> f64 {
        self.cells.iter().map(|c| c.x.0).fold(f64::MAX, f64::min)
    }

    /// [`Self::join`] once a repeated header is dropped: joined where cells are open on
    /// both sides of the break, else `next` back.
    fn join_rows(&mut self, next: PagedTable) -> (Seam, Option<PagedTable>) {
        let foot: Vec<usize> = (0..self.cells.len())
            .filter(|&i| self.cells[i].rows.1 + 1 == self.rows)
            .collect();
        let head: Vec<usize> = (0..next.cells.len())
            .filter(|&i| next.cells[i].rows.0 == 0)
            .collect();
        let mut foot = foot;
        foot.sort_by(|&p, &q| self.cells[p].x.0.total_cmp(&self.cells[q].x.0));
        // Columns are compared from each table's left edge: a table continued in the
        // next text column stands a column's width to the right.
        let shift = next.left() - self.left();
        let aligned = foot.len() == head.len()
            && foot.iter().zip(&head).all(|(&f, &h)| {
                let (a, b) = (self.cells[f].x, next.cells[h].x);
                (a.0 + shift - b.0).abs() <= COLUMN_ALIGN
                    && (a.1 + shift - b.1).abs() <= COLUMN_ALIGN
            });
        if !aligned {
            return (Seam::Apart, Some(next));
        }
        let pairs: Vec<(usize, usize)> = foot.into_iter().zip(head).collect();
        let open = |&(f, h): &(usize, usize)| self.cells[f].open_bottom && next.cells[h].open_top;
        // The last row's own cells decide whether the break cut it: all open on both
        // sides, cut; none, a row boundary (a rule drawn on either page marks one); some,
        // uncertain. Merged cells from rows above (a row group's) continue across a
        // boundary where they are open on both sides.
        let last_row = self.rows - 1;
        let own_row = |&(f, _): &(usize, usize)| self.cells[f].rows.0 == last_row;
        let own: Vec<(usize, usize)> = pairs.iter().copied().filter(own_row).collect();
        let cut = !own.is_empty() && own.iter().all(open);
        let boundary = own.iter().all(|p| !open(p));
        if !cut && !boundary {
            return (Seam::Uncertain, Some(next));
        }
        let joined: Vec<(usize, usize)> = if cut {
            pairs.iter().filter(|p| open(p)).copied().collect()
        } else {
            pairs
                .iter()
                .filter(|p| !own_row(p) && open(p))
                .copied()
                .collect()
        };
        if joined.is_empty() {
            // Closed on both sides: the break falls between rows, unless the rows on
            // either side look like the halves of one (a producer that closes a cut
            // row's cells with rules on both pages); that is said, not guessed.
            let seam = if self.cut_by_content(&next) {
                Seam::Uncertain
            } else {
                Seam::Apart
            };
            return (seam, Some(next));
        }
        let two_numbers = joined.iter().any(|&(f, h)| {
            let (a, b) = (&self.cells[f].text, &next.cells[h].text);
            !a.trim().is_empty() && !b.trim().is_empty() && (is_number(a) || is_number(b))
        });
        if two_numbers {
            return (Seam::Uncertain, Some(next));
        }
        // Each open pair is one cell: the head's half joins the foot's, and the rows of
        // the next table follow this one's.
        let offset = self.rows;
        let mut taken = vec![false; next.cells.len()];
        for (f, h) in joined {
            taken[h] = true;
            let half = &next.cells[h];
            let cell = &mut self.cells[f];
            if !half.text.is_empty() {
                if !cell.text.is_empty() {
                    cell.text.push('\n');
                }
                cell.text.push_str(&half.text);
            }
            cell.rows.1 = offset + half.rows.1;
            cell.open_bottom = half.open_bottom;
        }
        self.append(next, &taken);
        (Seam::Joined, None)
    }
}

/// True for a cell that holds a number (digits, with a decimal point or separators).
fn is_number(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '\n' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, rows: (usize, usize), x: (f64, f64), top: bool, bottom: bool) -> SeamCell {
        SeamCell {
            text: text.to_string(),
            rows,
            x,
            open_top: top,
            open_bottom: bottom,
        }
    }

    /// A part-3-like table foot: a merged group cell over two rows, the last row's label
    /// pushed to the next page and its numbers left here, no rule under it.
    fn foot() -> PagedTable {
        PagedTable {
            rows: 2,
            cells: vec![
                cell("（三）不予公开", (0, 1), (0.0, 30.0), false, true),
                cell("4.保护第三方合法权益", (0, 0), (30.0, 100.0), false, false),
                cell("0", (0, 0), (100.0, 120.0), false, false),
                cell("", (1, 1), (30.0, 100.0), false, true),
                cell("3", (1, 1), (100.0, 120.0), false, true),
            ],
        }
    }

    #[test]
    fn a_row_cut_by_the_break_is_one_row_and_the_group_continues() {
        // The next page: the group's blank continuation, the label, no numbers (no rule
        // above), then a row of its own.
        let head = PagedTable {
            rows: 2,
            cells: vec![
                cell("", (0, 1), (0.0, 30.0), true, false),
                cell(
                    "5.属于三类内部\n事务信息",
                    (0, 0),
                    (30.0, 100.0),
                    true,
                    false,
                ),
                cell("", (0, 0), (100.0, 120.0), true, false),
                cell("6.属于四类过程性信息", (1, 1), (30.0, 100.0), false, false),
                cell("7", (1, 1), (100.0, 120.0), false, false),
            ],
        };
        let mut t = foot();
        assert_eq!(t.join(head), (Seam::Joined, None));
        assert_eq!(
            t.into_rows(),
            vec![
                vec!["（三）不予公开", "4.保护第三方合法权益", "0"],
                vec!["5.属于三类内部\n事务信息", "3"],
                vec!["6.属于四类过程性信息", "7"],
            ]
        );
    }

    #[test]
    fn a_break_between_rows_leaves_two_tables() {
        // The next page's table is closed at its top: the break fell between rows.
        let head = PagedTable {
            rows: 1,
            cells: vec![
                cell("", (0, 0), (0.0, 30.0), false, false),
                cell(
                    "5.属于三类内部事务信息",
                    (0, 0),
                    (30.0, 100.0),
                    false,
                    false,
                ),
                cell("0", (0, 0), (100.0, 120.0), false, false),
            ],
        };
        let mut t = foot();
        let (seam, back) = t.join(head.clone());
        assert_eq!((seam, back), (Seam::Apart, Some(head)));
        // Different columns: another table.
        let other = PagedTable {
            rows: 1,
            cells: vec![cell("行政复议", (0, 0), (0.0, 120.0), true, false)],
        };
        assert_eq!(foot().join(other).0, Seam::Apart);
    }

    #[test]
    fn numbers_on_both_sides_or_a_rule_on_one_leave_the_join_uncertain() {
        let mut head = PagedTable {
            rows: 1,
            cells: vec![
                cell("", (0, 0), (0.0, 30.0), true, false),
                cell("5.属于三类内部事务信息", (0, 0), (30.0, 100.0), true, false),
                cell("4", (0, 0), (100.0, 120.0), true, false),
            ],
        };
        assert_eq!(foot().join(head.clone()).0, Seam::Uncertain);
        head.cells[2].text.clear();
        head.cells[1].open_top = false;
        assert_eq!(foot().join(head).0, Seam::Uncertain);
    }

    #[test]
    fn a_repeated_header_is_dropped_and_the_rows_continue() {
        let header = |top: bool| cell("申请人情况", (0, 0), (0.0, 120.0), top, false);
        let mut t = PagedTable {
            rows: 2,
            cells: vec![
                header(false),
                cell("1.属于国家秘密", (1, 1), (0.0, 100.0), false, false),
                cell("0", (1, 1), (100.0, 120.0), false, false),
            ],
        };
        // The next page: the header again, then a row, closed at its top.
        let next = PagedTable {
            rows: 2,
            cells: vec![
                header(false),
                cell(
                    "2.其他法律行政法规禁止公开",
                    (1, 1),
                    (0.0, 100.0),
                    false,
                    false,
                ),
                cell("0", (1, 1), (100.0, 120.0), false, false),
            ],
        };
        assert_eq!(t.clone().join(next.clone()), (Seam::Joined, None));
        t.join(next);
        assert_eq!(t.into_rows().len(), 3);
        // Under the repeated header, a label without numbers after numbers without a
        // label: a row cut in two that no rule shows; joined as printed, and said.
        let mut t = PagedTable {
            rows: 2,
            cells: vec![
                header(false),
                cell("", (1, 1), (0.0, 100.0), false, false),
                cell("3", (1, 1), (100.0, 120.0), false, false),
            ],
        };
        let next = PagedTable {
            rows: 2,
            cells: vec![
                header(false),
                cell(
                    "4.无正当理由大量反复申请",
                    (1, 1),
                    (0.0, 100.0),
                    false,
                    false,
                ),
                cell("", (1, 1), (100.0, 120.0), false, false),
            ],
        };
        assert_eq!(t.join(next), (Seam::JoinedUnsure, None));
    }

    #[test]
    fn halves_of_a_row_closed_by_rules_on_both_pages_are_said_not_joined() {
        // Numbers without a label at the foot, a label without numbers at the head, each
        // closed by its rules: one row cut in two, or two rows; the rules cannot say.
        let mut t = PagedTable {
            rows: 1,
            cells: vec![
                cell("", (0, 0), (0.0, 100.0), false, false),
                cell("3", (0, 0), (100.0, 120.0), false, false),
            ],
        };
        let next = PagedTable {
            rows: 1,
            cells: vec![
                cell(
                    "4.无正当理由大量反复申请",
                    (0, 0),
                    (0.0, 100.0),
                    false,
                    false,
                ),
                cell("", (0, 0), (100.0, 120.0), false, false),
            ],
        };
        assert_eq!(t.join(next.clone()), (Seam::Uncertain, Some(next)));
        assert_eq!(t.rows, 1);
    }

    #[test]
    fn a_row_group_continues_over_a_break_between_rows() {
        // WPS: no rule under the last row of a page, a rule over the next page's first
        // row; the group's merged cell is open on both sides. The rows stay apart, the
        // group's blank continuation goes.
        let mut head = PagedTable {
            rows: 1,
            cells: vec![
                cell("", (0, 0), (0.0, 30.0), true, false),
                cell(
                    "5.属于三类内部事务信息",
                    (0, 0),
                    (30.0, 100.0),
                    false,
                    false,
                ),
                cell("0", (0, 0), (100.0, 120.0), false, false),
            ],
        };
        let mut t = foot();
        assert_eq!(t.join(head.clone()), (Seam::Joined, None));
        assert_eq!(
            t.into_rows(),
            vec![
                vec!["（三）不予公开", "4.保护第三方合法权益", "0"],
                vec!["", "3"],
                vec!["5.属于三类内部事务信息", "0"],
            ]
        );
        // The group closed at the foot: two tables as drawn.
        head.cells[0].open_top = false;
        let mut t = foot();
        t.cells[0].open_bottom = false;
        assert_eq!(t.join(head).0, Seam::Apart);
    }
}
