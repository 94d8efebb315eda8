//! Part 4: administrative reviews and lawsuits, 3 groups × 5 outcomes printed as one row
//! of 15 numbers under a two-level header.

use super::cells::{count, fit, Field};
use crate::diagnostic::{Code, Diagnostic};
use crate::grammar::{cell_content, CellContent};
use crate::input::{Cell, Grid, Row};
use crate::report::{ReviewLitigation, Template};
use crate::template::{REVIEW_COLUMNS, REVIEW_GROUPS};

/// Reads part 4 from its grid. The numbers are the value cells of the first rows that hold
/// numbers, read in the template's order: 行政复议, then 未经复议直接起诉, then 复议后起诉,
/// each 维持, 纠正, 其他, 尚未审结, 总计.
/// `None` when the grid holds no row of numbers.
pub fn read(grid: &Grid<'_>, _: Template, diags: &mut Vec<Diagnostic>) -> Option<ReviewLitigation> {
    let n = REVIEW_GROUPS.len() * REVIEW_COLUMNS.len();
    let mut values: Vec<&Cell> = Vec::with_capacity(n);
    let mut line = None;
    let mut rows = grid.rows.iter();
    for row in rows.by_ref() {
        let cells = value_cells(row);
        if !has_number(cells) {
            if line.is_some() {
                break;
            }
            continue;
        }
        line.get_or_insert(row.line);
        values.extend(cells);
        if values.len() >= n {
            break;
        }
    }
    let line = line?;
    // Numbers further down the table are not read: say where they are.
    for row in rows.filter(|r| has_number(value_cells(r))) {
        let printed: Vec<&str> = value_cells(row).iter().map(|c| c.text.trim()).collect();
        diags.push(
            Diagnostic::new(
                Code::UnknownRow,
                msg!(
                    "a further row of numbers ({printed:?}) after the 15 cells of part 4; ignored"
                ),
            )
            .at(row.line),
        );
    }
    let mut out = ReviewLitigation::default();
    let mut cells = fit(
        &values,
        n,
        grid.layout.keeps(),
        "review_litigation",
        line,
        diags,
    );

    for group in REVIEW_GROUPS {
        let target = out.group_mut(group).expect("known group");
        let prefix = ["review_litigation.", group].concat();
        for col in REVIEW_COLUMNS {
            let cell = cells.next().flatten();
            let v = count(cell, &Field(&prefix, col), diags);
            *target.slot(col).expect("known column") = v;
        }
    }
    Some(out)
}

/// The value cells of a row: the cells after its last text cell, as
/// [`split`](super::cells::split) tells them, without the labels folded (part 4 reads
/// no label).
fn value_cells<'r, 'a>(row: &'r Row<'a>) -> &'r [Cell<'a>] {
    let start = row
        .cells
        .iter()
        .rposition(|c| cell_content(&c.text) == CellContent::Text)
        .map_or(0, |k| k + 1);
    &row.cells[start..]
}

/// True when some cell holds a number.
fn has_number(cells: &[Cell<'_>]) -> bool {
    cells
        .iter()
        .any(|c| matches!(cell_content(&c.text), CellContent::Number { .. }))
}
