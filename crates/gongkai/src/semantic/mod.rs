//! The semantic stage: grids and lines → the report schema, by label matching.
//!
//! Sections are found by meaning ([`sections`]), metadata by pattern ([`meta`]), and each
//! table region is handed to the layout stage for a grid, which the table's module reads
//! row by row ([`active_disclosure`], [`applications`], [`review_litigation`]).

pub mod active_disclosure;
pub mod applications;
pub mod cells;
pub mod meta;
pub mod review_litigation;
pub mod sections;

use crate::diagnostic::{Code, Diagnostic};
use crate::layout::{self, Document, Grid, PlacedTable};
use crate::normalize::fold;
use crate::report::{Applications, Report, ReviewLitigation, Template, SCHEMA_VERSION};
use crate::text::{lines, Line};
use sections::Heading;

/// Words that mark where each table starts when its part heading is missing.
const TABLE_ANCHORS: [(u8, &[&str]); 3] = [
    (2, &["第二十条", "信息内容"]),
    (3, &["申请人情况", "本年新收"]),
    (4, &["行政复议"]),
];

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
pub fn table_part(grid: &Grid) -> Option<u8> {
    let mut text = String::new();
    for r in grid.rows.iter().take(12) {
        for c in &r.cells {
            text.push_str(&fold(&c.text));
        }
    }
    if text.contains("申请人情况") || text.contains("本年新收") || text.contains("予以公开")
    {
        Some(3)
    } else if text.contains("第二十条") || text.contains("信息内容") || text.contains("行政许可")
    {
        Some(2)
    } else if text.contains("行政复议") || text.contains("复议后起诉") {
        Some(4)
    } else {
        None
    }
}

/// The grids of parts 2, 3 and 4 from a document's tables. A table goes to the part its
/// words name; a table that names none goes to the part whose heading stands above it,
/// or else continues the table before it. Tables of one part are joined.
fn placed_grids(headings: &[Heading], tables: &[PlacedTable]) -> [Option<Grid<'static>>; 3] {
    let mut grids: [Option<Grid<'static>>; 3] = [None, None, None];
    let mut previous: Option<u8> = None;
    for t in tables {
        let under = headings
            .iter()
            .rev()
            .find(|h| h.index < t.at)
            .map(|h| h.number)
            .filter(|n| (2..=4).contains(n));
        let Some(part) = table_part(&t.grid).or(under).or(previous) else {
            continue;
        };
        previous = Some(part);
        let slot = &mut grids[usize::from(part) - 2];
        match slot {
            Some(g) => g.rows.extend(t.grid.rows.iter().cloned()),
            None => *slot = Some(t.grid.clone()),
        }
    }
    grids
}

/// Parses the text of one report. Page headers and footers that PDF extraction leaves in
/// the text ([`crate::text::is_page_marker`]) are left out first; lines keep their numbers.
pub fn analyse(text: &str) -> Report {
    let mut lines = lines(text);
    lines.retain(|l| !crate::text::is_page_marker(l.text));
    analyse_lines(&lines, None)
}

/// Parses a report read from a structured input (HTML, .docx). A part whose table is not
/// among the document's tables is looked for in its lines, as in text.
pub fn analyse_document(doc: &Document) -> Report {
    let lines: Vec<Line<'_>> = doc
        .lines
        .iter()
        .map(|(text, no)| Line { text, no: *no })
        .collect();
    analyse_lines(&lines, Some(&doc.tables))
}

fn analyse_lines(lines: &[Line<'_>], tables: Option<&[PlacedTable]>) -> Report {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let headings = sections::headings(lines);
    let meta = meta::read(lines, headings.first().map(|h| h.index));
    let sections = sections::sections(lines, &headings);
    for n in 1..=6u8 {
        if !headings.iter().any(|h| h.number == n) {
            diags.push(Diagnostic::new(
                Code::SectionMissing,
                msg!("part {n} ({}) was not found", sections::part_title(n)),
            ));
        }
    }

    let [placed2, placed3, placed4] = match tables {
        Some(t) => placed_grids(&headings, t),
        None => [None, None, None],
    };
    let grid_of = |placed: Option<Grid<'static>>, n: u8| -> Option<Grid<'_>> {
        placed.or_else(|| table_range(lines, &headings, n).map(|(a, b)| layout::grid(&lines[a..b])))
    };
    let grid2 = grid_of(placed2, 2);
    let grid3 = grid_of(placed3, 3);
    let grid4 = grid_of(placed4, 4);

    let template = grid2
        .as_ref()
        .and_then(active_disclosure::template_of)
        .unwrap_or_else(|| {
            let old = lines.iter().any(|l| l.text.contains("〔2019〕60号"))
                || meta.year.is_some_and(|y| y <= 2020);
            if old {
                Template::T2019
            } else {
                Template::T2021
            }
        });

    let active = match &grid2 {
        Some(g) => active_disclosure::read(g, template, &mut diags),
        None => {
            let empty = layout::Grid {
                layout: layout::Layout::Aligned,
                rows: Vec::new(),
            };
            active_disclosure::read(&empty, template, &mut diags)
        }
    };

    let mut applications = Applications::default();
    let found = grid3
        .as_ref()
        .is_some_and(|g| applications::read(g, &mut applications, &mut diags));
    if !found {
        diags.push(
            Diagnostic::new(
                Code::TableMissing,
                "the part 3 table (收到和处理政府信息公开申请情况) was not found; its values are null",
            )
            .field("applications"),
        );
    }

    let mut review = ReviewLitigation::default();
    match &grid4 {
        Some(g) => {
            review_litigation::read(g, &mut review, &mut diags);
        }
        None => diags.push(
            Diagnostic::new(
                Code::TableMissing,
                "the part 4 table (行政复议、行政诉讼) was not found; its values are null",
            )
            .field("review_litigation"),
        ),
    }

    crate::checks::run(&applications, &review, &mut diags);

    Report {
        schema_version: SCHEMA_VERSION,
        template,
        meta,
        sections,
        active_disclosure: active,
        applications,
        review_litigation: review,
        diagnostics: diags,
    }
}
