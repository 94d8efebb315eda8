//! Row labels apart from their numbers: what PDF-to-markdown converters make of a ruled
//! table. Each label stands on a line of its own (`（二）部分公开…`) and the row's
//! numbers on the line just above or just below it (`| 0 | 1 | 0 | 0 | 0 | 0 | 1 |`);
//! some rows lose their label altogether, and a label cut over two lines leaves a
//! fragment that names no row (`开申请`).
//!
//! Which side a table's labels stand on is seen at its ends: a table whose first row of
//! data is a label prints labels above their numbers, one whose last is a label prints
//! them below. Where both ends are numbers (the first or the last label lost), both
//! sides are possible and the table reader decides by the template and the checks.
//! A label is paired with the nearest row of numbers on its side, passing over lines
//! that name no row; numbers left without a label stay rows without a label, for the
//! reader to place by the template's order or to name as unplaced.

use super::cells::SplitRow;

/// What a row of a table is, for pairing labels with numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowKind {
    /// Labels naming a template row, and no numbers: this key.
    Label(&'static str),
    /// Numbers (or blank value cells), and no labels.
    Numbers,
    /// Labels and numbers together: a row as printed in any other layout.
    Whole,
    /// A header row: no label stands across one from its numbers.
    Header,
    /// A label that names no row (a header, a group label, a fragment of a cut label):
    /// passed over when pairing.
    Other,
}

/// On which side of its numbers a table prints each row's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// The label's line comes first, its numbers on the next.
    Above,
    /// The numbers first, their label on the next line.
    Below,
}

/// True when a table prints its labels apart from its numbers: at least two rows of each
/// and more rows of bare numbers than whole rows.
pub(super) fn is_apart(kinds: &[RowKind]) -> bool {
    let n = |k: fn(&RowKind) -> bool| kinds.iter().filter(|x| k(x)).count();
    let numbers = n(|k| *k == RowKind::Numbers);
    let labels = n(|k| matches!(k, RowKind::Label(_)));
    numbers >= 2 && labels >= 2 && numbers > n(|k| *k == RowKind::Whole)
}

/// The sides the table's ends allow: [`Side::Above`] when its first row of data is a
/// label, [`Side::Below`] when its last is; both when both ends are numbers, none when
/// both ends are labels (then the table is not of this layout).
pub(super) fn sides(kinds: &[RowKind]) -> Vec<Side> {
    let data = |k: &&RowKind| matches!(k, RowKind::Label(_) | RowKind::Numbers);
    let first = kinds.iter().find(data);
    let last = kinds.iter().rev().find(data);
    match (first, last) {
        (Some(RowKind::Label(_)), Some(RowKind::Label(_))) => Vec::new(),
        (Some(RowKind::Label(_)), _) => vec![Side::Above],
        (_, Some(RowKind::Label(_))) => vec![Side::Below],
        (Some(_), Some(_)) => vec![Side::Above, Side::Below],
        _ => Vec::new(),
    }
}

/// The label row each row of numbers takes, as `(label, numbers)` indices: the nearest
/// row on `side` that is not [`RowKind::Other`], when that is a label not already taken and
/// `fits` says its row holds that many numbers.
pub(super) fn pairs(
    kinds: &[RowKind],
    side: Side,
    fits: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut taken = vec![false; kinds.len()];
    let mut out = Vec::new();
    for (i, k) in kinds.iter().enumerate() {
        if *k != RowKind::Numbers {
            continue;
        }
        let mut near: Box<dyn Iterator<Item = usize>> = match side {
            Side::Above => Box::new((0..i).rev()),
            Side::Below => Box::new(i + 1..kinds.len()),
        };
        let Some(j) = near.find(|&j| kinds[j] != RowKind::Other) else {
            continue;
        };
        if matches!(kinds[j], RowKind::Label(_)) && !taken[j] && fits(j, i) {
            taken[j] = true;
            out.push((j, i));
        }
    }
    out
}

/// The table's rows with each pair made one row: the label's cells with the numbers'
/// cells, where the label stood. Rows of numbers left unpaired stay as they are, rows
/// without a label.
pub(super) fn merged<'g>(rows: &[SplitRow<'g>], pairs: &[(usize, usize)]) -> Vec<SplitRow<'g>> {
    let mut out: Vec<Option<SplitRow<'g>>> = rows.iter().cloned().map(Some).collect();
    for &(label, numbers) in pairs {
        let values = out[numbers].take().map(|r| r.values).unwrap_or_default();
        if let Some(row) = out[label].as_mut() {
            row.values = values;
        }
    }
    out.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::RowKind::*;
    use super::*;

    #[test]
    fn the_ends_show_the_side() {
        let above = [Other, Label("a"), Numbers, Label("b"), Numbers];
        assert_eq!(sides(&above), vec![Side::Above]);
        assert_eq!(
            pairs(&above, Side::Above, |_, _| true),
            vec![(1, 2), (3, 4)]
        );
        let below = [Numbers, Label("a"), Other, Numbers, Label("b")];
        assert_eq!(sides(&below), vec![Side::Below]);
        assert_eq!(
            pairs(&below, Side::Below, |_, _| true),
            vec![(1, 0), (4, 3)]
        );
        // The first label lost, or the last: the ends cannot tell.
        let either = [Numbers, Label("a"), Numbers, Label("b"), Numbers];
        assert_eq!(sides(&either), vec![Side::Above, Side::Below]);
        assert_eq!(
            pairs(&either, Side::Above, |_, _| true),
            vec![(1, 2), (3, 4)]
        );
        assert_eq!(
            pairs(&either, Side::Below, |_, _| true),
            vec![(1, 0), (3, 2)]
        );
        assert!(sides(&[Label("a"), Numbers, Label("b")]).is_empty());
    }

    #[test]
    fn a_label_is_taken_once_and_only_where_it_fits() {
        let kinds = [Label("a"), Numbers, Numbers, Label("b"), Numbers];
        assert_eq!(
            pairs(&kinds, Side::Above, |_, _| true),
            vec![(0, 1), (3, 4)]
        );
        assert_eq!(pairs(&kinds, Side::Above, |l, _| l != 0), vec![(3, 4)]);
    }
}
