//! Part 3 from reading-order text read as one stream of numbers.
//!
//! Plain `pdftotext` (and a PDF viewer's copy) prints a table's cells in the order they
//! were drawn, which is not always row by row: a stretch of rows may come out column by
//! column (the first column of those rows, then the second…), and row labels may stand
//! far from their numbers. What stays is the count: when the table's numbers, taken in
//! order, are exactly rows × columns of the template, they are its cells, in the
//! template's row order, each stretch either row by row or column by column.
//!
//! Which stretches are which comes from the text and is confirmed by the table's own
//! sums: a column-by-column stretch of `m` rows prints as `columns` groups of `m` lines
//! with no blank line inside a group, and its rows add up (the total the sum of the
//! applicant columns) read that way and not the other. A label standing right before
//! numbers must name a row of the stretch those numbers start. Where any of this fails,
//! the stream is not read and the row-by-label reading takes over; where a stretch could
//! be read both ways, its rows are flagged and left null.

use super::super::cells::SplitRow;
use super::rows::{adds_up, fill, is_late, match_label, value_columns};
use crate::diagnostic::{Code, Diagnostic};
use crate::input::{Cell, Keeps};
use crate::template::applications::OTHER_ROW_WORDS;
use crate::template::{
    ApplicationRowSpec, Applications, APPLICANT_COLUMNS, APPLICATION_ROW_SPECS, OTHER_HANDLING,
};

/// The most rows of a stretch whose reading does not add up that the stream tolerates
/// (reports do print a wrong total now and then); more means the stream is misread.
const MAX_UNBALANCED_ROWS: usize = 2;

/// How one stretch of rows is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// Row by row: each row's cells together.
    Rows,
    /// Column by column: the first cell of every row of the stretch, then the second…
    Columns,
}

/// A stretch of template rows `[first, first + len)` and how it was read; `None`: it
/// reads both ways and is not read.
struct Stretch {
    first: usize,
    len: usize,
    order: Option<Order>,
}

/// The rows of part 3 for a table of `rows` rows: the template's 25, or 23 with the
/// single （六）其他处理 row.
fn row_specs(rows: usize) -> Option<Vec<&'static ApplicationRowSpec>> {
    let all = APPLICATION_ROW_SPECS.iter();
    match rows {
        25 => Some(all.collect()),
        23 => {
            let mut v: Vec<_> = all.filter(|s| !s.key.starts_with("other_")).collect();
            let at = v.iter().position(|s| s.key == "total_processed")?;
            v.insert(at, &OTHER_HANDLING);
            Some(v)
        }
        _ => None,
    }
}

/// The cells of a stretch of `len` rows starting at stream index `at`, one vector per
/// row, read in `order`.
fn cells_of<'g>(
    stream: &[&'g Cell<'g>],
    at: usize,
    len: usize,
    columns: usize,
    order: Order,
) -> Vec<Vec<&'g Cell<'g>>> {
    (0..len)
        .map(|r| {
            (0..columns)
                .map(|c| match order {
                    Order::Rows => stream[at + r * columns + c],
                    Order::Columns => stream[at + c * len + r],
                })
                .collect()
        })
        .collect()
}

/// The physical groups of the stream: runs of numbers on consecutive lines. Returns the
/// length of the group starting at each index (0 inside a group).
fn group_starts(stream: &[&Cell<'_>]) -> Vec<usize> {
    let mut starts = vec![0; stream.len()];
    let mut i = 0;
    while i < stream.len() {
        let mut j = i + 1;
        while j < stream.len() && stream[j].line == stream[j - 1].line + 1 {
            j += 1;
        }
        starts[i] = j - i;
        i = j;
    }
    starts
}

/// Cuts the stream into stretches: `columns` equal groups of `m > 1` lines make a
/// column-by-column stretch of `m` rows; anything else is read a row at a time.
fn stretches(stream: &[&Cell<'_>], rows: usize, columns: usize) -> Vec<Stretch> {
    let groups = group_starts(stream);
    let mut out = Vec::new();
    let mut row = 0;
    while row < rows {
        let at = row * columns;
        let m = groups[at];
        let by_columns =
            m > 1 && row + m <= rows && (0..columns).all(|c| groups.get(at + c * m) == Some(&m));
        if !by_columns {
            out.push(Stretch {
                first: row,
                len: 1,
                order: Some(Order::Rows),
            });
            row += 1;
            continue;
        }
        let as_columns = cells_of(stream, at, m, columns, Order::Columns);
        let as_rows = cells_of(stream, at, m, columns, Order::Rows);
        let text = |v: &Vec<Vec<&Cell<'_>>>| -> Vec<Vec<String>> {
            v.iter()
                .map(|r| r.iter().map(|c| c.text.to_string()).collect())
                .collect()
        };
        let balanced = |v: &Vec<Vec<&Cell<'_>>>| v.iter().all(|r| adds_up(r));
        let order = if text(&as_columns) == text(&as_rows) {
            Some(Order::Columns)
        } else {
            match (balanced(&as_columns), balanced(&as_rows)) {
                (true, false) => Some(Order::Columns),
                (false, true) => Some(Order::Rows),
                _ => None,
            }
        };
        out.push(Stretch {
            first: row,
            len: m,
            order,
        });
        row += m;
    }
    out
}

/// Reads part 3 from a reading-order grid's rows as one stream of numbers; `None` when
/// the numbers do not fill the template exactly or the text contradicts the reading.
/// `headers` tells which rows are headers ([`super::rows::Facts::headers`]).
pub(super) fn read(
    rows: &[SplitRow<'_>],
    headers: &[bool],
    keeps: Keeps,
    diags: &mut Vec<Diagnostic>,
) -> Option<Applications> {
    let stream = stream_of(rows);
    let columns = value_columns(rows, headers);
    let (specs, cut) = cut(rows, &stream, columns)?;
    let mut apps = Applications::default();
    let mut local = Vec::new();
    let unbalanced = fill_stretches(&stream, &specs, &cut, columns, keeps, &mut apps, &mut local);
    if unbalanced > MAX_UNBALANCED_ROWS {
        return None;
    }
    diags.append(&mut local);
    Some(apps)
}

/// The table's numbers in the order printed, and the labels standing right before them.
struct Stream<'g> {
    cells: Vec<&'g Cell<'g>>,
    /// (stream index, row spec) for each label that stands right before numbers.
    led: Vec<(usize, &'static ApplicationRowSpec)>,
}

fn stream_of<'g>(rows: &[SplitRow<'g>]) -> Stream<'g> {
    let mut cells: Vec<&Cell<'_>> = Vec::new();
    let mut led = Vec::new();
    let mut late = false;
    for row in rows {
        if let Some(spec) = match_label(row.last_label(), || row.folded_labels().iter(), late) {
            // `总计` before the first number is the header's last column, not （七）.
            let header = cells.is_empty() && spec.key == "total_processed";
            if !row.values.is_empty() && !header {
                led.push((cells.len(), spec));
            }
            late |= is_late(spec.role);
        }
        cells.extend(row.values.iter().copied());
    }
    Stream { cells, led }
}

/// The template rows the stream fills (`columns` numbers each) and the stretches it is
/// printed in; `None` when a number is not a count, the numbers do not fill the
/// template's rows, the labels print the three （六） rows where the count says one, or a
/// label right before numbers names no row of the stretch they start.
fn cut(
    rows: &[SplitRow<'_>],
    stream: &Stream<'_>,
    columns: usize,
) -> Option<(Vec<&'static ApplicationRowSpec>, Vec<Stretch>)> {
    let cells = &stream.cells;
    if cells.is_empty() || cells.iter().any(|c| !is_count(c)) {
        return None;
    }
    if !cells.len().is_multiple_of(columns) {
        return None;
    }
    let specs = row_specs(cells.len() / columns)?;
    let three_other = rows.iter().any(|r| {
        let t = r.all_labels();
        OTHER_ROW_WORDS.iter().any(|w| t.contains(w))
    });
    if three_other && specs.len() != APPLICATION_ROW_SPECS.len() {
        return None;
    }
    let cut = stretches(cells, specs.len(), columns);
    let stretch_of = |index: usize| cut.iter().find(|s| index / columns < s.first + s.len);
    for &(at, spec) in &stream.led {
        let s = stretch_of(at)?;
        let named = specs[s.first..s.first + s.len].iter().any(|t| {
            t.key == spec.key || (spec.key == "other_other" && t.key == OTHER_HANDLING.key)
        });
        if !named {
            return None;
        }
    }
    Some((specs, cut))
}

/// Reads each stretch into `apps`, diagnostics into `local`: a stretch read both ways is
/// left null and flagged, a row read by its place and not its label is `row_placed`.
/// Returns how many rows do not add up.
fn fill_stretches(
    stream: &Stream<'_>,
    specs: &[&'static ApplicationRowSpec],
    cut: &[Stretch],
    columns: usize,
    keeps: Keeps,
    apps: &mut Applications,
    local: &mut Vec<Diagnostic>,
) -> usize {
    let mut names: Vec<&str> = APPLICANT_COLUMNS.to_vec();
    if columns == APPLICANT_COLUMNS.len() + 2 {
        names.push("organizations");
    }
    names.push("total");
    let mut unbalanced = 0;
    for s in cut {
        let at = s.first * columns;
        let rows = &specs[s.first..s.first + s.len];
        let Some(order) = s.order else {
            for spec in rows {
                local.push(
                    Diagnostic::new(
                        Code::AmbiguousRow,
                        msg!("the numbers of {} rows from here read as a row each and as a column each, and both add up; the row is left null", s.len),
                    )
                    .at(stream.cells[at].line)
                    .field(spec.path),
                );
                if spec.key == OTHER_HANDLING.key {
                    apps.other_handling.get_or_insert_with(Default::default);
                }
            }
            continue;
        };
        let cells = cells_of(&stream.cells, at, s.len, columns, order);
        for (spec, values) in rows.iter().zip(&cells) {
            let own_label = s.len == 1
                && stream
                    .led
                    .iter()
                    .any(|&(i, l)| i == at && l.key == spec.key);
            if !adds_up(values) {
                unbalanced += 1;
            }
            if !own_label {
                let how = match order {
                    Order::Columns => "printed column by column with the rows around it",
                    Order::Rows => "its label stands elsewhere",
                };
                local.push(
                    Diagnostic::new(
                        Code::RowPlaced,
                        msg!(
                            "read as {} by its place in the table's stream of numbers ({how}); the numbers fill the template's {} rows × {columns} columns",
                            spec.key,
                            specs.len()
                        ),
                    )
                    .at(values.first().map_or(0, |c| c.line))
                    .field(spec.path),
                );
            }
            fill(
                apps,
                spec.key,
                spec.path,
                values,
                &names,
                keeps,
                values[0].line,
                local,
            );
        }
    }
    unbalanced
}

/// True for a cell holding a whole, non-negative number.
fn is_count(c: &Cell<'_>) -> bool {
    matches!(
        crate::grammar::cell_content(&c.text),
        crate::grammar::CellContent::Number { number, rest: "", .. } if number.is_whole() && !number.negative
    )
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;

    /// A reading-order part 3: `rows` of 7 numbers, rows `[from, from + 7)` printed
    /// column by column, every other row after its own label.
    fn text(rows: &[[u64; 7]], from: usize, labels: &[&str]) -> String {
        let mut out =
            String::from("三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n总计\n");
        let mut k = 0;
        while k < rows.len() {
            if k == from {
                for c in 0..7 {
                    let column: Vec<String> = rows[from..from + 7]
                        .iter()
                        .map(|r| r[c].to_string())
                        .collect();
                    out += &format!("\n{}\n", column.join("\n"));
                }
                k += 7;
                continue;
            }
            out += labels[k];
            out += "\n";
            for v in rows[k] {
                out += &format!("\n{v}\n");
            }
            k += 1;
        }
        out + "四、政府信息公开行政复议、行政诉讼情况\n"
    }

    const LABELS: [&str; 25] = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（二）部分公开",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
        "（七）总计",
        "四、结转下年度继续办理",
    ];

    fn rows() -> Vec<[u64; 7]> {
        let mut rows = vec![[0; 7]; 25];
        rows[0] = [21, 0, 0, 0, 0, 0, 21];
        rows[3] = [4, 0, 0, 0, 0, 0, 4];
        rows[4] = [1, 0, 0, 0, 0, 0, 1];
        rows[9] = [1, 0, 0, 0, 0, 0, 1];
        rows[10] = [1, 0, 0, 0, 0, 0, 1];
        rows[12] = [10, 0, 0, 0, 0, 0, 10];
        rows[13] = [3, 0, 0, 0, 0, 0, 3];
        rows[15] = [1, 0, 0, 0, 0, 0, 1];
        rows[23] = [21, 0, 0, 0, 0, 0, 21];
        rows
    }

    #[test]
    fn a_stretch_printed_column_by_column_is_read_by_its_sums() {
        let rows = rows();
        let report = crate::parse(&text(&rows, 4, &LABELS));
        let apps = &report.applications;
        assert_eq!(apps.withheld_state_secret.natural_person, Some(1));
        assert_eq!(apps.withheld_state_secret.total, Some(1));
        assert_eq!(apps.withheld_process_information.total, Some(1));
        assert_eq!(apps.unavailable_not_held.natural_person, Some(10));
        assert_eq!(apps.total_processed.total, Some(21));
        let placed = |key: &str| {
            report.diagnostics.iter().any(|d| {
                d.code == Code::RowPlaced
                    && d.field.as_deref() == Some(&format!("applications.{key}"))
            })
        };
        assert!(placed("withheld_state_secret"));
        assert!(!placed("unavailable_not_held"), "led by its own label");
    }

    #[test]
    fn a_stretch_that_adds_up_both_ways_is_flagged_and_left_null() {
        let mut rows = rows();
        // Rows 4..11 as a table of totals: read row by row or column by column, every
        // row adds up, and the two readings differ.
        rows[4] = [1, 2, 0, 0, 0, 0, 3];
        rows[10] = [1, 2, 0, 0, 0, 0, 3];
        rows[9] = [0; 7];
        let report = crate::parse(&text(&rows, 4, &LABELS));
        let apps = &report.applications;
        assert_eq!(apps.withheld_state_secret.natural_person, None);
        assert_eq!(apps.withheld_enforcement_files.total, None);
        assert!(report
            .diagnostics
            .iter()
            .any(|d| d.code == Code::AmbiguousRow
                && d.field.as_deref() == Some("applications.withheld_state_secret")));
        // The rows around it are read.
        assert_eq!(apps.new_received.total, Some(21));
        assert_eq!(apps.unavailable_not_held.total, Some(10));
    }

    #[test]
    fn a_label_that_contradicts_the_stream_stops_it() {
        let rows = rows();
        let mut labels = LABELS;
        labels.swap(12, 13);
        let report = crate::parse(&text(&rows, 4, &labels));
        // The stream is not read: the label before 10 names another row, so the
        // stretch rows without labels are not placed by position.
        assert!(report
            .diagnostics
            .iter()
            .all(|d| d.code != Code::RowPlaced || !d.message.contains("stream")));
    }
}
