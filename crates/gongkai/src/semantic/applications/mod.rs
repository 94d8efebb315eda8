//! Part 3: the applications table (25 rows × 7 columns, or 8 with 法人或其他组织小计).
//!
//! The table is read by one of three strategies, chosen by what the grid's layout keeps
//! of the printed table ([`Keeps`](crate::input::Keeps)), never by the layout's name:
//!
//! - [`number_stream`]: where rows are not kept in order (reading-order text), the
//!   table's numbers taken as one stream that fills the template's rows × columns;
//! - [`labels_apart`]: where each label stands on a line of its own beside its numbers;
//! - [`by_label`]: each row by its label, the reading every other table gets and the one
//!   the other two fall back on.
//!
//! All three share [`rows`]: which row a label names, the header, the table's columns,
//! whether a run of numbers adds up as a row, and reading cells into the table.

mod by_label;
mod labels_apart;
mod number_stream;
mod rows;

use super::cells::{split, SplitRow};
use crate::diagnostic::Diagnostic;
use crate::input::Grid;
use crate::report::Template;
use crate::template::Applications;

/// Reads part 3 from its grid; `None` when the grid holds no row of it.
pub fn read(grid: &Grid<'_>, _: Template, diags: &mut Vec<Diagnostic>) -> Option<Applications> {
    let rows: Vec<SplitRow<'_>> = grid.rows.iter().map(split).collect();
    let facts = rows::Facts::of(&rows);
    let keeps = grid.layout.keeps();
    if !keeps.row_order {
        if let Some(apps) = number_stream::read(&rows, &facts.headers, keeps, diags) {
            return Some(apps);
        }
        // Rows whose labels stand elsewhere may have run on after another row's numbers:
        // they become rows without a label, placed by the template's order.
        let columns = rows::value_columns(&rows, &facts.headers);
        let rows = by_label::runs_of(rows, columns);
        return by_label::read(&rows, &rows::Facts::of(&rows), keeps, None, true, diags);
    }
    if let Some(apps) = labels_apart::read(&rows, &facts, keeps, diags) {
        return apps;
    }
    // Where empty cells are kept but not their columns, the table's own named rows show
    // where a row with fewer label cells puts its values.
    let placement = (keeps.empty_cells && !keeps.positions).then(|| rows::learn(&rows, &facts));
    by_label::read(&rows, &facts, keeps, placement, false, diags)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_row_cut_by_a_page_break_is_joined_and_an_unknown_row_is_not() {
        let text = "三、收到和处理政府信息公开申请情况\n\
                    | 3.危 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
                    | 及“三安全一稳定” | | | | | | | |\n\
                    | 9.其他事项 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
                    | 4.保护第三方合法权益 | | | | | | | |\n\
                    四、政府信息公开行政复议、行政诉讼情况\n";
        let report = crate::parse(text);
        let apps = &report.applications;
        assert_eq!(apps.withheld_security_stability.natural_person, Some(1));
        assert_eq!(apps.withheld_security_stability.total, Some(1));
        // `9.其他事项` is no head of `4.保护…`: its 5 is not taken for that row.
        assert_eq!(apps.withheld_third_party_rights.natural_person, None);
        assert_eq!(apps.withheld_third_party_rights.total, None);
        assert!(report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("9.其他事项")));
    }
}
