//! Tables drawn without ruling lines: rebuilt from where the numbers stand.
//!
//! Among a page's prose lines, a run of lines that end in numbers is a table. Its value
//! columns are where the numbers stand: the horizontal extents of the numbers of every
//! row, overlapping ones joined (a column's numbers overlap whether the column aligns them
//! left, right or centred; two columns' never do). Every number is so placed in exactly
//! one column and a column a row leaves empty is a blank cell, which text extraction
//! (`pdftotext -layout`) cannot tell. Words left of the first column are the row's
//! labels; a label wrapped onto lines of its own joins the nearest row. Two numbers of
//! one row in one column (columns run together) stay in one cell, as `1 2`, which the
//! semantic stage reports instead of reading.

use std::cell::OnceCell;

use super::bands::{LineBox, Stack};
use super::page::{Glyph, Segment};
use super::text::is_wide;
use super::tolerances::text::WORD_GAP;
use super::tolerances::unruled::{NEARER_BY, ROW_GAP};

/// A run of a line's glyphs without a wide gap: a word, a label or a number.
struct Token<'g> {
    glyphs: Vec<&'g Glyph>,
    x0: f64,
    x1: f64,
    number: bool,
    /// The token's text, made on first use: most tokens of a page's prose are never
    /// asked for it, and those of a table's rows are asked several times (number row,
    /// header, heading, cell).
    text: OnceCell<String>,
}

impl Token<'_> {
    fn text(&self) -> &str {
        self.text
            .get_or_init(|| super::text::cell_text(self.glyphs.clone()))
    }
}

/// One prose line of a page, with its tokens.
struct LineTokens<'g> {
    glyphs: Vec<&'g Glyph>,
    tokens: Vec<Token<'g>>,
    top: f64,
    bottom: f64,
    left: f64,
    right: f64,
    size: f64,
    number_row: bool,
}

/// Labels longer than this are prose, not a table row's label.
const MAX_LABEL_CHARS: usize = 45;

impl LineTokens<'_> {
    /// True for a line that ends in a number and reads as a table row: its label is
    /// no sentence (no `。`, not longer than a label runs), so a line of prose that breaks
    /// after a number (`…截至2024年12月31`) is not a row.
    fn is_number_row(&self) -> bool {
        self.number_row
    }
    fn centre(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
    fn boxed(&self) -> LineBox {
        LineBox {
            top: self.top,
            bottom: self.bottom,
            left: self.left,
            right: self.right,
            size: self.size,
            prose: !self.number_row && !is_header_line(self),
        }
    }
}

/// The box of a line of glyphs (`prose` left false).
fn line_box(glyphs: &[&Glyph]) -> LineBox {
    LineBox {
        top: glyphs.iter().map(|g| g.rect.y0).fold(f64::MAX, f64::min),
        bottom: glyphs.iter().map(|g| g.rect.y1).fold(f64::MIN, f64::max),
        left: glyphs.iter().map(|g| g.rect.x0).fold(f64::MAX, f64::min),
        right: glyphs.iter().map(|g| g.rect.x1).fold(f64::MIN, f64::max),
        size: glyphs.iter().map(|g| g.size).fold(0.0, f64::max),
        prose: false,
    }
}

/// What the prose lines of a page are: lines, and tables found among them.
pub(crate) enum Piece<'g> {
    /// A line of prose.
    Line(Vec<&'g Glyph>),
    /// A table without rules: its top, and its rows of cells.
    Table(f64, Vec<Vec<String>>),
}

fn is_digit_text(t: &str) -> bool {
    t.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

fn is_number_text(glyphs: &[&Glyph]) -> bool {
    let texts = || glyphs.iter().map(|g| g.text.as_deref().unwrap_or(""));
    texts().any(is_digit_text)
        && texts().all(|t| !t.is_empty() && (is_digit_text(t) || t == "." || t == ","))
}

/// A line's tokens: glyphs split where the gap is wider than a third of the font size,
/// and a number set solid after a CJK label (`行政规范性文件0`) split from it.
fn tokens<'g>(line: &[&'g Glyph]) -> Vec<Token<'g>> {
    let mut runs: Vec<Vec<&Glyph>> = Vec::new();
    // Spaces drawn as glyphs (a blank cell's `&nbsp;`) are no token.
    let inked = line
        .iter()
        .filter(|g| !g.text.as_deref().is_some_and(|t| t.trim().is_empty()));
    for &g in inked {
        match runs
            .last_mut()
            .and_then(|r| r.last().copied().map(|p| (r, p)))
        {
            Some((run, p)) if g.rect.x0 - p.rect.x1 <= g.size.max(p.size) * WORD_GAP => run.push(g),
            _ => runs.push(vec![g]),
        }
    }
    let mut out = Vec::with_capacity(runs.len());
    for mut run in runs {
        // A trailing run of digits glued to a CJK character is a number of its own.
        let digits = run
            .iter()
            .rev()
            .take_while(|g| is_digit_text(g.text.as_deref().unwrap_or("x")))
            .count();
        if digits > 0 && digits < run.len() && is_wide(run[run.len() - digits - 1].text.as_deref())
        {
            let tail = run.split_off(run.len() - digits);
            out.push(token(run));
            out.push(token(tail));
        } else {
            out.push(token(run));
        }
    }
    out
}

fn token(glyphs: Vec<&Glyph>) -> Token<'_> {
    let x0 = glyphs.iter().map(|g| g.rect.x0).fold(f64::MAX, f64::min);
    let x1 = glyphs.iter().map(|g| g.rect.x1).fold(f64::MIN, f64::max);
    let number = is_number_text(&glyphs);
    Token {
        glyphs,
        x0,
        x1,
        number,
        text: OnceCell::new(),
    }
}

/// Splits a page's prose lines (top to bottom) into lines and unruled tables.
/// `carried` holds the columns of the last table of the page before: a table that starts
/// a page with no header of its own continues that one and keeps its columns (those no
/// row on this page fills included). It is left holding this page's last table's.
/// `rules` are the page's horizontal rules no ruled table took; stacked
/// ([`super::bands`]), the lines inside a stack are one table when some of them are
/// number rows, whatever lines without numbers lie between those.
pub(crate) fn pieces<'g>(
    lines: Vec<Vec<&'g Glyph>>,
    carried: &mut Vec<(f64, f64)>,
    rules: &[Segment],
) -> Vec<Piece<'g>> {
    let lines: Vec<LineTokens<'_>> = lines
        .into_iter()
        .map(|glyphs| {
            let LineBox {
                top,
                bottom,
                left,
                right,
                size,
                ..
            } = line_box(&glyphs);
            let tokens = tokens(&glyphs);
            let number_row = tokens.last().is_some_and(|t| t.number) && {
                let label: String = tokens
                    .iter()
                    .filter(|t| !t.number)
                    .map(Token::text)
                    .collect();
                !label.contains('。') && label.chars().count() <= MAX_LABEL_CHARS
            };
            LineTokens {
                tokens,
                glyphs,
                top,
                bottom,
                left,
                right,
                size,
                number_row,
            }
        })
        .collect();
    let stacks = if rules.len() < 2 {
        Vec::new()
    } else {
        let boxes: Vec<LineBox> = lines.iter().map(LineTokens::boxed).collect();
        super::bands::stacks(rules, &boxes)
    };
    // The stack of rules each line lies in.
    let in_stack: Vec<Option<usize>> = lines
        .iter()
        .map(|l| {
            let b = l.boxed();
            stacks.iter().position(|s| s.holds(&b))
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    // The first line after the last table: header lines are not looked for above it.
    let mut floor = 0;
    while i < lines.len() {
        // The lines of a stack of rules that holds number rows: one table, its header
        // the lines above its first number row.
        let ruled = in_stack[i].and_then(|s| {
            let end = i + in_stack[i..].iter().take_while(|&&t| t == Some(s)).count();
            let first = (i..end).find(|&k| lines[k].is_number_row())?;
            Some((s, end, first))
        });
        if let Some((s, end, first)) = ruled {
            // A table that opens the page continues the last one; the lines above its
            // first number row are then labels (the rest of a row the break cut, or a
            // label wrapped above its numbers) when none of them stands over the
            // columns it continues, and not a header.
            let opens = out
                .iter()
                .all(|p| matches!(p, Piece::Line(l) if is_furniture(l)));
            let continues = opens && (first == i || labels_only(&lines[i..first], carried));
            let inherited = if continues { &carried[..] } else { &[] };
            let header = if continues { 0 } else { first - i };
            let (rows, columns) = table(&lines[i..end], header, inherited, Some(&stacks[s]));
            out.push(Piece::Table(lines[i].top, rows));
            *carried = columns;
            i = end;
            floor = end;
            continue;
        }
        // A table found from its numbers ends where a stack of rules begins.
        let found = region(&lines, i).and_then(|end| {
            let end = (i + 1..end).find(|&k| in_stack[k].is_some()).unwrap_or(end);
            (i..end).any(|k| lines[k].is_number_row()).then_some(end)
        });
        match found {
            Some(end) => {
                // Header lines directly above are the table's header rows.
                let mut h = i;
                while h > floor && i - h < MAX_HEADER_LINES && is_header_line(&lines[h - 1]) {
                    h -= 1;
                }
                out.truncate(out.len() - (i - h));
                let continues = h == i
                    && out
                        .iter()
                        .all(|p| matches!(p, Piece::Line(l) if is_furniture(l)));
                let inherited = if continues { &carried[..] } else { &[] };
                let (rows, columns) = table(&lines[h..end], i - h, inherited, None);
                out.push(Piece::Table(lines[h].top, rows));
                *carried = columns;
                i = end;
                floor = end;
            }
            None => {
                out.push(Piece::Line(lines[i].glyphs.clone()));
                i += 1;
            }
        }
    }
    out
}

/// True when every word of `lines` stands left of the first of `columns` (the value
/// columns of a table continued from the page before): label lines, not a header.
fn labels_only(lines: &[LineTokens<'_>], columns: &[(f64, f64)]) -> bool {
    let Some(&(first, _)) = columns.first() else {
        return false;
    };
    lines
        .iter()
        .all(|l| !is_heading(l) && l.tokens.iter().all(|t| !t.number && t.x1 <= first))
}

/// Header words are not made columns past this many (a report table has at most 16).
const MAX_COLUMNS: usize = 64;

/// The most lines above a table's first row read as its header.
const MAX_HEADER_LINES: usize = 6;

/// True for a line that can be a header row above a table: no sentence, no part heading
/// (`三、收到和处理…`).
fn is_header_line(line: &LineTokens<'_>) -> bool {
    // A full stop is in a glyph's own text (the spaces and line breaks a token's text adds
    // are not one), so a sentence is told from its glyphs before any token's text is made.
    let stop = |g: &&Glyph| g.text.as_deref().is_some_and(|t| t.contains('。'));
    if line.tokens.iter().any(|t| t.glyphs.iter().any(stop)) {
        return false;
    }
    !is_heading(line)
        && line
            .tokens
            .iter()
            .map(|t| t.text().chars().count())
            .sum::<usize>()
            <= 60
}

/// True for a line that starts as a part heading does (`五、存在的主要问题…`): neither a
/// header nor a wrapped label.
fn is_heading(line: &LineTokens<'_>) -> bool {
    let text = line.tokens.first().map(Token::text).unwrap_or_default();
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit())
        && chars.next() == Some('、')
}

/// Where the table starting at line `start` ends (exclusive), if a table starts there:
/// two or more number rows (or one with three numbers or more, as part 4 is, or one
/// with a short label), with at most three label lines between two
/// of them. A label line holds no number, starts inside the labels' column (left of the
/// right end of the rows' labels) and ends left of the numbers; label lines just above the
/// first row or just below the last are their wrapped labels.
fn region(lines: &[LineTokens<'_>], start: usize) -> Option<usize> {
    let number_left = |l: &LineTokens<'_>| {
        l.tokens
            .iter()
            .filter(|t| t.number)
            .map(|t| t.x0)
            .fold(f64::MAX, f64::min)
    };
    let label_right = |l: &LineTokens<'_>| {
        let left = number_left(l);
        l.tokens
            .iter()
            .filter(|t| !t.number && t.x1 <= left)
            .map(|t| t.x1)
            .fold(f64::MIN, f64::max)
    };
    let in_label_area = |l: &LineTokens<'_>, left: f64, bound: f64| {
        !l.tokens.is_empty()
            && !is_heading(l)
            && l.tokens.iter().all(|t| !t.number && t.x0 < bound)
            && l.glyphs.iter().all(|g| g.rect.x1 <= left)
    };
    // The first number row at or after `start`, reached through label lines only.
    let first = (start..lines.len().min(start + 4)).find(|&k| lines[k].is_number_row())?;
    let mut left = number_left(&lines[first]);
    let mut bound = label_right(&lines[first]);
    if bound == f64::MIN {
        bound = left;
    }
    if !(start..first).all(|k| in_label_area(&lines[k], left, bound)) {
        return None;
    }
    let mut rows = 1;
    let mut last = first;
    let mut k = first + 1;
    while k < lines.len() {
        if lines[k].is_number_row() {
            rows += 1;
            last = k;
            left = left.min(number_left(&lines[k]));
            bound = bound.max(label_right(&lines[k]));
            k += 1;
            continue;
        }
        let gap = (k..lines.len())
            .take_while(|&j| in_label_area(&lines[j], left, bound))
            .count();
        if gap == 0 || gap > 3 || k + gap >= lines.len() || !lines[k + gap].is_number_row() {
            break;
        }
        k += gap;
    }
    let numbers = lines[first].tokens.iter().filter(|t| t.number).count();
    if rows < 2 && numbers < 3 && !is_short_row(&lines[first]) {
        return None;
    }
    // A label line wrapped below the last row, close to it.
    let mut end = last + 1;
    let height = lines[last].bottom - lines[last].top;
    if end < lines.len()
        && in_label_area(&lines[end], left, bound)
        && lines[end].top - lines[last].bottom < height
    {
        end += 1;
    }
    Some(end)
}

/// True for a number row that is a table on its own (`行政许可  97` between headers):
/// a short label and no sentence punctuation, which tells it from a line of prose that
/// happens to break after a number (`…发布各类信息共98`).
fn is_short_row(line: &LineTokens<'_>) -> bool {
    let label: String = line
        .tokens
        .iter()
        .filter(|t| !t.number)
        .map(Token::text)
        .collect();
    !label.is_empty()
        && label.chars().count() <= 20
        && !label.contains(['，', '。', '；', '：', ',', ';', ':'])
}

/// The value columns of a table: the joined extents of its numbers, and then the header
/// words right of the labels that stand over no column yet (the header of a column no row
/// fills), narrowest first; a header word over two or more columns spans them and makes
/// none.
fn columns(
    header: &[LineTokens<'_>],
    body: &[LineTokens<'_>],
    inherited: &[(f64, f64)],
) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64)> = body
        .iter()
        .filter(|l| l.is_number_row())
        .flat_map(|l| l.tokens.iter().filter(|t| t.number).map(|t| (t.x0, t.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut columns: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match columns.last_mut() {
            Some(c) if a <= c.1 => c.1 = c.1.max(b),
            _ => columns.push((a, b)),
        }
    }
    let label_right = body
        .iter()
        .filter(|l| l.is_number_row())
        .flat_map(|l| l.tokens.iter().filter(|t| !t.number))
        .map(|t| t.x1)
        .filter(|&x| x <= columns.first().map_or(f64::MAX, |c| c.0))
        .fold(f64::MIN, f64::max);
    let mut words: Vec<(f64, f64)> = header
        .iter()
        .flat_map(|l| &l.tokens)
        .filter(|t| t.x0 >= label_right)
        .map(|t| (t.x0, t.x1))
        .collect();
    words.sort_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)));
    words.splice(0..0, inherited.iter().copied());
    // Columns stay sorted and disjoint, so a word's overlap is two binary searches.
    for (a, b) in words {
        let at = columns.partition_point(|c| c.1 <= a);
        if columns.get(at).is_none_or(|c| c.0 >= b) {
            columns.insert(at, (a, b));
        }
        if columns.len() > MAX_COLUMNS {
            break;
        }
    }
    columns
}

/// The rows of an unruled table from its lines, the first `header` of them its header,
/// and its value columns. With a `stack` of rules, lines between the same two rules are
/// one row, and a band of labels without numbers is a row of blank cells.
fn table(
    lines: &[LineTokens<'_>],
    header: usize,
    inherited: &[(f64, f64)],
    stack: Option<&Stack>,
) -> (Vec<Vec<String>>, Vec<(f64, f64)>) {
    let (head, lines) = lines.split_at(header);
    let columns = columns(head, lines, inherited);
    let first_column = columns.first().map_or(f64::MAX, |c| c.0);
    // The rules run between rows when no two number rows share a band. Where two do, the
    // table is a three-line one (rules above and below it and under its headers only):
    // each number line is a row, and the lines between a number row and the rule under
    // a header are that header's rows, each of its own (a sub-table's title and column
    // heads: `第二十条第（六）项`, `信息内容  本年处理决定数量`), not wrapped labels.
    let number_bands: Vec<usize> = stack.map_or_else(Vec::new, |s| {
        (0..lines.len())
            .filter(|&k| lines[k].is_number_row())
            .map(|k| s.band(lines[k].centre()))
            .collect()
    });
    let rows_ruled = number_bands.windows(2).all(|w| w[0] != w[1]);
    let mut header_row = vec![false; lines.len()];
    if let (Some(s), false) = (stack, rows_ruled) {
        let numbers: Vec<usize> = (0..lines.len())
            .filter(|&k| lines[k].is_number_row())
            .collect();
        for k in (0..lines.len()).filter(|&k| !lines[k].is_number_row()) {
            let at = numbers.partition_point(|&r| r < k);
            let here = s.band(lines[k].centre());
            header_row[k] = numbers
                .get(at)
                .is_some_and(|&r| s.band(lines[r].centre()) > here);
        }
    }
    let stack = stack.filter(|_| rows_ruled);
    let band = |k: usize| stack.map(|s| s.band(lines[k].centre()));
    // Rows: one per number line, and one per band of labels without numbers; label
    // lines join the row of their band, or else the nearest.
    let mut blank = vec![false; lines.len()];
    if stack.is_some() {
        let mut taken: Vec<Option<usize>> = (0..lines.len())
            .filter(|&k| lines[k].is_number_row())
            .map(band)
            .collect();
        for k in 0..lines.len() {
            if !lines[k].is_number_row() && !taken.contains(&band(k)) {
                blank[k] = true;
                taken.push(band(k));
            }
        }
    }
    let rows_at: Vec<usize> = (0..lines.len())
        .filter(|&k| lines[k].is_number_row() || blank[k] || header_row[k])
        .collect();
    // The row of each band that holds exactly one.
    let mut by_band: std::collections::HashMap<usize, Option<usize>> = Default::default();
    for (r, &k) in rows_at.iter().enumerate() {
        if let Some(b) = band(k) {
            by_band
                .entry(b)
                .and_modify(|e| *e = None)
                .or_insert(Some(r));
        }
    }
    let mut labels: Vec<Vec<(f64, f64, String)>> = rows_at
        .iter()
        .map(|&k| {
            lines[k]
                .tokens
                .iter()
                .filter(|t| blank[k] || (!t.number && t.x1 <= first_column))
                .map(|t| (t.x0, t.x1, t.text().to_string()))
                .collect()
        })
        .collect();
    // Lines set at the table's tightest spacing are the lines of one cell; a wider gap
    // (the cells' padding) parts two rows. Each line's block of lines so set, and the
    // row of each block that holds exactly one.
    let gaps: Vec<f64> = lines.windows(2).map(|w| w[1].top - w[0].bottom).collect();
    let tightest = gaps
        .iter()
        .copied()
        .filter(|&g| g > 0.0)
        .fold(f64::MAX, f64::min);
    let mut block = vec![0usize; lines.len()];
    for k in 1..lines.len() {
        let parted = gaps[k - 1] > tightest + ROW_GAP * lines[k].size.max(lines[k - 1].size);
        block[k] = block[k - 1] + usize::from(parted);
    }
    let mut by_block: std::collections::HashMap<usize, Option<usize>> = Default::default();
    for (r, &k) in rows_at.iter().enumerate() {
        by_block
            .entry(block[k])
            .and_modify(|e| *e = None)
            .or_insert(Some(r));
    }
    // Label lines join a row: the one row of their band, or of their block; between an
    // unlabelled row and a labelled one, the unlabelled (its label is wrapped around its
    // numbers); else the nearer.
    let unlabelled: Vec<bool> = labels.iter().map(Vec::is_empty).collect();
    for (k, line) in lines.iter().enumerate() {
        if line.is_number_row() || blank[k] || header_row[k] {
            continue;
        }
        let below = rows_at.partition_point(|&r| r < k);
        let distance = |r: usize| (lines[rows_at[r]].centre() - line.centre()).abs();
        // A line that starts a numbered item (`2.申请人…`) starts the label of a row
        // below; it continues none above.
        let item = line.tokens.first().is_some_and(|t| {
            let text = t.text();
            crate::grammar::strip_numbering(text.trim()).len() < text.trim().len()
        });
        // Between rules, the row of the line's band; else as above.
        let own = band(k)
            .and_then(|b| by_band.get(&b).copied().flatten())
            .or_else(|| by_block.get(&block[k]).copied().flatten());
        let nearest = match (
            own,
            below.checked_sub(1),
            (below < rows_at.len()).then_some(below),
        ) {
            (Some(r), ..) => r,
            (None, Some(_), Some(b)) if item => b,
            (None, Some(a), Some(b))
                if unlabelled[a] != unlabelled[b]
                    && !much_nearer(distance(a), distance(b), line.size) =>
            {
                if unlabelled[a] {
                    a
                } else {
                    b
                }
            }
            (None, Some(a), Some(b)) => {
                if distance(a) <= distance(b) {
                    a
                } else {
                    b
                }
            }
            (None, Some(a), None) => a,
            (None, None, Some(b)) => b,
            (None, None, None) => continue,
        };
        let above = k < rows_at[nearest];
        for t in &line.tokens {
            let text = t.text();
            let cells = &mut labels[nearest];
            match cells.iter_mut().find(|c| t.x0 < c.1 && c.0 < t.x1) {
                Some(c) if above => c.2.insert_str(0, text),
                Some(c) => c.2.push_str(text),
                None => {
                    let at = cells.iter().take_while(|c| c.0 < t.x0).count();
                    cells.insert(at, (t.x0, t.x1, text.to_string()));
                }
            }
        }
    }
    let header_rows = head.iter().map(|l| {
        l.tokens
            .iter()
            .map(|t| t.text().to_string())
            .collect::<Vec<_>>()
    });
    let body_rows = rows_at.iter().zip(labels).map(|(&k, labels)| {
        if header_row[k] {
            return lines[k]
                .tokens
                .iter()
                .map(|t| t.text().to_string())
                .collect();
        }
        let mut cells: Vec<String> = labels.into_iter().map(|c| c.2).collect();
        let mut values = vec![String::new(); columns.len()];
        for t in lines[k]
            .tokens
            .iter()
            .filter(|t| !blank[k] && (t.number || t.x1 > first_column))
        {
            let centre = (t.x0 + t.x1) / 2.0;
            // The first column that ends right of the token: the one it overlaps, or
            // else the one it stands left of.
            let col = columns
                .partition_point(|c| c.1 <= t.x0.min(centre))
                .min(columns.len() - 1);
            let cell = &mut values[col];
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(t.text());
        }
        cells.extend(values);
        cells
    });
    let rows = header_rows.chain(body_rows).collect();
    (rows, columns)
}

/// True when one of a label line's two candidate rows, at distances `a` and `b`, is
/// nearer than the other by more than [`NEARER_BY`] of the line's font `size`: then the
/// line is that row's wrapped label, whichever of the two has a label on its numbers' line.
fn much_nearer(a: f64, b: f64, size: f64) -> bool {
    (a - b).abs() > NEARER_BY * size
}

/// True for a page header or footer line (`— 3 —`, `第2页 共5页`).
fn is_furniture(line: &[&Glyph]) -> bool {
    let text: String = line.iter().filter_map(|g| g.text.as_deref()).collect();
    crate::input::text::lines::is_page_marker(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayro_interpret::kurbo::Rect;

    #[test]
    fn a_label_line_much_nearer_one_row_is_that_rows() {
        // reportlab's centred cells: 5.7 pt from one row, 24.9 from the other, 10.5 pt type.
        assert!(much_nearer(5.7, 24.9, 10.5));
        assert!(much_nearer(24.9, 5.7, 10.5));
        // Within a line of each other: the row without a label keeps its claim.
        assert!(!much_nearer(9.0, 16.0, 10.5));
    }

    /// Glyphs of `text` set solid from `x` on a line at `y`, 10 pt, a space a gap.
    fn glyphs(y: f64, runs: &[(f64, &str)]) -> Vec<Glyph> {
        let mut out = Vec::new();
        for &(x, text) in runs {
            let mut at = x;
            for c in text.chars() {
                let w = if c.is_ascii() { 5.5 } else { 10.0 };
                out.push(Glyph {
                    text: Some(c.into()),
                    rect: Rect::new(at, y, at + w, y + 10.0),
                    size: 10.0,
                    vertical: false,
                    invisible: false,
                });
                at += w;
            }
        }
        out
    }

    fn read(lines: &[Vec<Glyph>]) -> Vec<Option<Vec<Vec<String>>>> {
        let refs: Vec<Vec<&Glyph>> = lines.iter().map(|l| l.iter().collect()).collect();
        pieces(refs, &mut Vec::new(), &[])
            .into_iter()
            .map(|p| match p {
                Piece::Table(_, rows) => Some(rows),
                Piece::Line(_) => None,
            })
            .collect()
    }

    #[test]
    fn blank_cells_stay_blank_where_the_numbers_stand() {
        let lines = [
            glyphs(
                0.0,
                &[(0.0, "规章"), (100.0, "1"), (150.0, "2"), (200.0, "3")],
            ),
            glyphs(14.0, &[(0.0, "行政规范性文件"), (100.0, "4"), (200.0, "6")]),
        ];
        let got = read(&lines);
        assert_eq!(
            got,
            vec![Some(vec![
                vec!["规章".to_string(), "1".into(), "2".into(), "3".into()],
                vec![
                    "行政规范性文件".to_string(),
                    "4".into(),
                    "".into(),
                    "6".into()
                ],
            ])]
        );
    }

    #[test]
    fn prose_that_breaks_after_a_number_is_no_table() {
        let lines = [
            glyphs(0.0, &[(0.0, "本年共收到申请12件。截至2024年12月31")]),
            glyphs(14.0, &[(0.0, "日，已办结10件。其中予以公开的有8")]),
        ];
        assert_eq!(read(&lines), vec![None, None]);
    }

    #[test]
    fn a_three_line_table_keeps_its_inner_headers_as_rows() {
        // Rules above the table, under the second sub-table's header and below the
        // table: two number rows share the first band, so the rules are no row rules,
        // and the title and header above the inner rule are rows of their own.
        let lines = [
            glyphs(2.0, &[(0.0, "规章"), (100.0, "1")]),
            glyphs(16.0, &[(0.0, "行政规范性文件"), (100.0, "2")]),
            glyphs(30.0, &[(0.0, "第二十条第（五）项")]),
            glyphs(44.0, &[(0.0, "信息内容"), (100.0, "本年处理决定数量")]),
            glyphs(58.0, &[(0.0, "行政许可"), (100.0, "3")]),
        ];
        let rule = |y: f64| Segment {
            horizontal: true,
            at: y,
            a: 0.0,
            b: 200.0,
        };
        let refs: Vec<Vec<&Glyph>> = lines.iter().map(|l| l.iter().collect()).collect();
        let got: Vec<_> = pieces(refs, &mut Vec::new(), &[rule(0.0), rule(56.0), rule(70.0)])
            .into_iter()
            .filter_map(|p| match p {
                Piece::Table(_, rows) => Some(rows),
                Piece::Line(_) => None,
            })
            .collect();
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            vec![vec![
                row(&["规章", "1"]),
                row(&["行政规范性文件", "2"]),
                row(&["第二十条第（五）项"]),
                row(&["信息内容", "本年处理决定数量"]),
                row(&["行政许可", "3"]),
            ]]
        );
    }

    #[test]
    fn wrapped_labels_stay_with_the_row_their_spacing_puts_them_in() {
        // Cells aligned to their top: the numbers on a row's first line, its label
        // wrapped below at the line spacing, and the next row a cell padding further down.
        // The last wrapped line stands nearer the next row than its own numbers.
        let lines = [
            glyphs(0.0, &[(0.0, "2.其他法律"), (100.0, "0")]),
            glyphs(12.0, &[(0.0, "行政法规")]),
            glyphs(24.0, &[(0.0, "禁止公开")]),
            glyphs(40.0, &[(0.0, "3.危及三安"), (100.0, "5")]),
            glyphs(52.0, &[(0.0, "全一稳定")]),
        ];
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            read(&lines),
            vec![Some(vec![
                row(&["2.其他法律行政法规禁止公开", "0"]),
                row(&["3.危及三安全一稳定", "5"]),
            ])]
        );
    }

    #[test]
    fn a_table_continued_under_label_lines_keeps_the_columns_of_the_page_before() {
        // The head of a page: the rest of a row the break cut (its label), then a row
        // whose only number stands in the second of the columns carried over.
        let lines = [
            glyphs(2.0, &[(0.0, "4.保护第三方合法权益")]),
            glyphs(16.0, &[(0.0, "5.属于三类内部事务信息"), (150.0, "0")]),
        ];
        let rule = |y: f64| Segment {
            horizontal: true,
            at: y,
            a: 0.0,
            b: 200.0,
        };
        let refs: Vec<Vec<&Glyph>> = lines.iter().map(|l| l.iter().collect()).collect();
        let mut carried = vec![(120.0, 126.0), (150.0, 156.0)];
        let got: Vec<_> = pieces(refs, &mut carried, &[rule(0.0), rule(14.0), rule(28.0)])
            .into_iter()
            .filter_map(|p| match p {
                Piece::Table(_, rows) => Some(rows),
                Piece::Line(_) => None,
            })
            .collect();
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            vec![vec![
                row(&["4.保护第三方合法权益", "", ""]),
                row(&["5.属于三类内部事务信息", "", "0"]),
            ]]
        );
    }
}
