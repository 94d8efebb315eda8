//! Part 4: administrative reviews and lawsuits, 3 groups × 5 outcomes printed as one row
//! of 15 numbers under a two-level header.

use super::cells::{count, fit, split};
use crate::diagnostic::{Code, Diagnostic};
use crate::input::{Cell, Grid};
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
    let mut rows = grid.rows.iter().map(split);
    for row in rows.by_ref() {
        if !row.has_number() {
            if line.is_some() {
                break;
            }
            continue;
        }
        line.get_or_insert(row.line);
        values.extend(row.values.iter().copied());
        if values.len() >= n {
            break;
        }
    }
    let line = line?;
    // Numbers further down the table are not read: say where they are.
    for row in rows.filter(|r| r.has_number()) {
        let printed = row.value_texts();
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
    let cells = fit(
        &values,
        n,
        grid.layout.keeps(),
        "review_litigation",
        line,
        diags,
    );
    let mut cells = cells.into_iter();
    for group in REVIEW_GROUPS {
        let target = out.group_mut(group).expect("known group");
        for col in REVIEW_COLUMNS {
            let cell = cells.next().flatten();
            let v = count(cell, &msg!("review_litigation.{group}.{col}"), diags);
            *target.slot(col).expect("known column") = v;
        }
    }
    Some(out)
}
