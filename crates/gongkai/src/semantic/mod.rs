//! The semantic stage: a [`Document`] of lines and grids → the report schema, by label
//! matching against the template ([`crate::template`]).
//!
//! [`locate`] cuts the report out of its input; [`sections`] finds the six parts by
//! meaning and [`meta`] the metadata by pattern; each table's grid (given by the input,
//! or built from the lines under its heading) is read by its table's module, all three
//! with one signature: [`active_disclosure`], [`applications`], [`review_litigation`].

pub(crate) mod active_disclosure;
pub(crate) mod apart;
pub(crate) mod applications;
pub(crate) mod cells;
pub(crate) mod locate;
pub(crate) mod meta;
pub(crate) mod review_litigation;
pub(crate) mod sections;

use crate::diagnostic::{Code, Diagnostic};
use crate::input::grid::MAX_TABLE_LINES;
use crate::input::{text, Document, Grid, Line};
use crate::normalize::fold;
use crate::report::{ActiveDisclosure, Report, Template, SCHEMA_VERSION};
use crate::template::disclosure::TEMPLATE_2019_NOTICE;
use crate::template::parts::{part_title, TABLE_ANCHORS, TABLE_WORDS};
use crate::template::TABLES;
use sections::Heading;

/// The line range `[start, end)` of the table of part `number`.
fn table_range(lines: &[Line<'_>], headings: &[Heading], number: u8) -> Option<(usize, usize)> {
    if let Some(r) = sections::body_range(lines.len(), headings, number) {
        return Some(r);
    }
    // No heading: start at the table's own words, end at the next table or heading.
    let anchor = |n: u8, from: usize| -> Option<usize> {
        let words = TABLE_ANCHORS.iter().find(|(k, _)| *k == n)?.1;
        (from..lines.len()).find(|&i| {
            let t = fold(lines[i].text);
            words.iter().any(|w| t.contains(w))
        })
    };
    let from = headings
        .iter()
        .filter(|h| h.number < number)
        .map(|h| h.index + 1)
        .max()
        .unwrap_or(0);
    let start = anchor(number, from)?;
    let next_heading = headings
        .iter()
        .find(|h| h.index > start)
        .map_or(lines.len(), |h| h.index);
    let next_table = if number < 4 {
        anchor(number + 1, start + 1).unwrap_or(lines.len())
    } else {
        lines.len()
    };
    Some((start, next_heading.min(next_table)))
}

/// Which report table a grid is, from its words: 2, 3, 4, or `None` for a table that
/// names none of them (a continuation, or not part of the report).
pub(crate) fn table_part(grid: &Grid) -> Option<u8> {
    let mut text = String::new();
    for r in grid.rows.iter().take(12) {
        for c in &r.cells {
            text.push_str(&fold(&c.text));
        }
    }
    TABLE_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| text.contains(w)))
        .map(|&(part, _)| part)
}

/// The grids of parts 2, 3 and 4 from a document's tables. A table goes to the part its
/// words name; a table that names none goes to the part whose heading stands above it,
/// or else continues the table before it. Tables of one part are joined.
fn placed_grids<'a>(
    headings: &[Heading],
    tables: &[(usize, &'a Grid<'static>)],
) -> [Option<Grid<'a>>; 3] {
    let mut grids: [Option<Grid<'a>>; 3] = [None, None, None];
    let mut previous: Option<u8> = None;
    for &(at, grid) in tables {
        let under = headings
            .iter()
            .rev()
            .find(|h| h.index < at)
            .map(|h| h.number)
            .filter(|n| (2..=4).contains(n));
        let Some(part) = table_part(grid).or(under).or(previous) else {
            continue;
        };
        previous = Some(part);
        let slot = &mut grids[usize::from(part) - 2];
        // Rows past the limit are not copied (`grid_of` says they were cut).
        let room = |g: &Grid| (MAX_TABLE_LINES + 1).saturating_sub(g.rows.len());
        match slot {
            Some(g) => {
                let n = room(g);
                g.rows.extend(grid.rows.iter().take(n).cloned());
            }
            None => {
                *slot = Some(Grid {
                    layout: grid.layout,
                    rows: grid
                        .rows
                        .iter()
                        .take(MAX_TABLE_LINES + 1)
                        .cloned()
                        .collect(),
                })
            }
        }
    }
    grids
}

/// Reads the report in a document: its parts, metadata and three tables, with the
/// diagnostics of reading them. The consistency checks are not run here
/// ([`crate::checks`]).
pub(crate) fn analyse(doc: &Document<'_>) -> Report {
    let source = doc.source;
    let doc = locate::report(doc);
    let lines = &doc.lines[..];
    // Room for the dozens of diagnostics a report raises (most are blank-cell notes): grown
    // from empty, the vector copied them over at each doubling.
    let mut diags: Vec<Diagnostic> = Vec::with_capacity(64);
    let headings = sections::headings(lines);
    let meta = meta::read(lines, source, headings.first().map(|h| h.index));
    let sections = sections::sections(lines, &headings);
    for n in 1..=6u8 {
        if !headings.iter().any(|h| h.number == n) {
            diags.push(Diagnostic::new(
                Code::SectionMissing,
                msg!("part {n} ({}) was not found", part_title(n)),
            ));
        }
    }

    // Each table's grid: the input's own table where it has one, else the lines under
    // the table's heading, gridded in the layout they show.
    let [placed2, placed3, placed4] = placed_grids(&headings, &doc.tables);
    let grids = [
        grid_of(placed2, lines, &headings, 2, &mut diags),
        grid_of(placed3, lines, &headings, 3, &mut diags),
        grid_of(placed4, lines, &headings, 4, &mut diags),
    ];

    let template = grids[0]
        .as_ref()
        .and_then(active_disclosure::template_of)
        .unwrap_or_else(|| {
            let old = lines.iter().any(|l| l.text.contains(TEMPLATE_2019_NOTICE))
                || meta.year.is_some_and(|y| y <= 2020);
            if old {
                Template::T2019
            } else {
                Template::T2021
            }
        });

    let [g2, g3, g4] = &grids;
    let active = read_table(0, g2, template, active_disclosure::read, &mut diags)
        .unwrap_or_else(|| ActiveDisclosure::empty(template));
    let applications =
        read_table(1, g3, template, applications::read, &mut diags).unwrap_or_default();
    let review_litigation =
        read_table(2, g4, template, review_litigation::read, &mut diags).unwrap_or_default();

    Report {
        schema_version: SCHEMA_VERSION,
        template,
        meta,
        sections,
        active_disclosure: active,
        applications,
        review_litigation,
        diagnostics: diags,
    }
}

/// The grid of part `n`: the input's own table, else the lines under the part's heading.
/// A grid longer than any report's table is cut at [`MAX_TABLE_LINES`], and says so.
fn grid_of<'a>(
    placed: Option<Grid<'a>>,
    lines: &[Line<'a>],
    headings: &[Heading],
    n: u8,
    diags: &mut Vec<Diagnostic>,
) -> Option<Grid<'a>> {
    let mut cut = None;
    let grid = placed
        .map(|mut g| {
            if g.rows.len() > MAX_TABLE_LINES {
                cut = Some((g.rows[MAX_TABLE_LINES].line, "rows"));
                g.rows.truncate(MAX_TABLE_LINES);
            }
            g
        })
        .or_else(|| {
            let (a, b) = table_range(lines, headings, n)?;
            let end = b.min(a + MAX_TABLE_LINES);
            if end < b {
                cut = Some((lines[end].no, "lines"));
            }
            Some(text::grid(&lines[a..end]))
        });
    if let Some((line, what)) = cut {
        let (key, part, _) = TABLES[usize::from(n) - 2];
        diags.push(
            Diagnostic::new(
                Code::TooLarge,
                msg!("the part {part} table runs past {MAX_TABLE_LINES} {what}, far more than any report's; only the first {MAX_TABLE_LINES} were read"),
            )
            .at(line)
            .field(key),
        );
    }
    grid
}

/// The signature every table reader has: a grid in, the table out, or `None` when the
/// grid holds no row of the table.
type TableReader<T> = fn(&Grid<'_>, Template, &mut Vec<Diagnostic>) -> Option<T>;

/// Reads table `k` of [`TABLES`] with its reader; a table that is not there (no grid, or
/// no row of it in the grid) is one `table_missing` diagnostic.
fn read_table<T>(
    k: usize,
    grid: &Option<Grid<'_>>,
    template: Template,
    reader: TableReader<T>,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let table = grid.as_ref().and_then(|g| reader(g, template, diags));
    if table.is_none() {
        let (key, part, title) = TABLES[k];
        diags.push(
            Diagnostic::new(
                Code::TableMissing,
                msg!("the part {part} table ({title}) was not found; its values are null"),
            )
            .field(key),
        );
    }
    table
}
