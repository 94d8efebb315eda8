//! Part 4: administrative reviews and lawsuits, 3 groups × 5 outcomes printed as one row
//! of 15 numbers under a two-level header.

use super::cells::{count, fit, split};
use crate::diagnostic::{Code, Diagnostic};
use crate::layout::{Cell, Grid};
use crate::report::{ReviewLitigation, REVIEW_COLUMNS, REVIEW_GROUPS};

/// Reads part 4 from its grid. The numbers are the value cells of the first rows that hold
/// numbers, read in the template's order: 行政复议, then 未经复议直接起诉, then 复议后起诉,
/// each 维持, 纠正, 其他, 尚未审结, 总计.
pub fn read(grid: &Grid, out: &mut ReviewLitigation, diags: &mut Vec<Diagnostic>) -> bool {
    let n = REVIEW_GROUPS.len() * REVIEW_COLUMNS.len();
    let mut values: Vec<&Cell> = Vec::with_capacity(n);
    let mut line = None;
    for row in &grid.rows {
        let row = split(row);
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
    let Some(line) = line else {
        diags.push(
            Diagnostic::new(
                Code::TableMissing,
                "the part 4 table (行政复议、行政诉讼) was not found; its values are null",
            )
            .field("review_litigation"),
        );
        return false;
    };
    let cells = fit(&values, n, grid.layout, "review_litigation", line, diags);
    let mut cells = cells.into_iter();
    for group in REVIEW_GROUPS {
        let target = out.group_mut(group).expect("known group");
        for col in REVIEW_COLUMNS {
            let cell = cells.next().flatten();
            let v = count(cell, &msg!("review_litigation.{group}.{col}"), diags);
            *target.slot(col).expect("known column") = v;
        }
    }
    true
}
