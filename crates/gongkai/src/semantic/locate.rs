//! Finding the report inside its input: a portal page holds it among navigation,
//! headers and footers, and a page's headline names it better than the body does.

use super::table_part;
use std::borrow::Cow;

use crate::input::{Container, Document, Grid, Line};
use crate::template::parts::part_of;

/// How many lines above the report a headline is looked for.
const HEADLINE_REACH: usize = 40;

/// The report's part of a document. A document whose elements are known (HTML) is cut
/// down to the smallest element that holds every part heading and every table of the
/// report, and the page's headline (the nearest short line above that names a 报告, or
/// else the page's `<title>` without its site name) is put first, so it is the title even
/// where the body prints a shortened one. Other documents are returned as they are.
/// A portal's footer printed below the report is dropped (see [`without_site_footer`]).
pub(crate) fn report<'d, 'a>(doc: &'d Document<'a>) -> Located<'d, 'a> {
    let mut located = crop(doc);
    without_site_footer(&mut located);
    located
}

/// The report's lines and tables within a document: borrowed from it where the whole
/// document is the report (text, most files), made anew where a page was cropped. The
/// document itself stays whole for the checks that run after the semantic stage.
pub(crate) struct Located<'d, 'a> {
    /// The report's lines, in order.
    pub lines: Cow<'d, [Line<'a>]>,
    /// The report's tables, each with the number of lines before it.
    pub tables: Cow<'d, [(usize, &'a Grid<'static>)]>,
}

/// The part of `doc` that holds the report, with the page's headline first.
fn crop<'d, 'a>(doc: &'d Document<'a>) -> Located<'d, 'a> {
    if doc.containers.is_empty() && doc.title.is_none() {
        return Located {
            lines: Cow::Borrowed(&doc.lines),
            tables: Cow::Borrowed(&doc.tables),
        };
    }
    let mut heading_lines = Vec::new();
    let mut seen = [false; 7];
    for (i, l) in doc.lines.iter().enumerate() {
        if l.is_table_cell() {
            continue;
        }
        if let Some(n) = part_of(l.text) {
            if !std::mem::replace(&mut seen[usize::from(n)], true) {
                heading_lines.push(i);
            }
        }
    }
    let report_tables: Vec<usize> = (0..doc.tables.len())
        .filter(|&i| table_part(doc.tables[i].1).is_some())
        .collect();
    let holds_all = |c: &Container| {
        heading_lines.iter().all(|i| c.lines.contains(i))
            && report_tables.iter().all(|i| c.tables.contains(i))
    };
    let whole = Container {
        lines: 0..doc.lines.len(),
        tables: 0..doc.tables.len(),
    };
    let crop = if heading_lines.is_empty() && report_tables.is_empty() {
        whole
    } else {
        doc.containers
            .iter()
            .filter(|c| holds_all(c))
            .min_by_key(|c| c.lines.len() + c.tables.len())
            .cloned()
            .unwrap_or(whole)
    };

    let names_report = |t: &str| t.contains("报告") && t.chars().count() <= 80;
    let above = doc.lines[..crop.lines.start]
        .iter()
        .rev()
        .take(HEADLINE_REACH)
        .find(|l| names_report(l.text))
        .copied();
    let from_title = doc
        .title
        .map(|t| Line {
            text: page_title(t.text),
            no: t.no,
        })
        .filter(|t| names_report(t.text));
    let headline = above.or(from_title);

    let shift = usize::from(headline.is_some());
    let mut lines = Vec::with_capacity(crop.lines.len() + shift);
    lines.extend(headline);
    lines.extend_from_slice(&doc.lines[crop.lines.clone()]);
    let tables = doc.tables[crop.tables]
        .iter()
        .map(|&(at, g)| {
            let at = at.clamp(crop.lines.start, crop.lines.end) - crop.lines.start;
            (at + shift, g)
        })
        .collect();
    Located {
        lines: Cow::Owned(lines),
        tables: Cow::Owned(tables),
    }
}

/// How a portal's footer starts (`主办：某市人民政府办公室 联系电话：…`, `版权所有`,
/// `ICP备…`): printed below the report on a page saved or printed from a portal.
const FOOTER_STARTS: [&str; 9] = [
    "主办：",
    "主办:",
    "主办单位",
    "承办：",
    "版权所有",
    "Copyright",
    "©",
    "网站标识码",
    "技术支持",
];

/// The document without a portal's footer: the lines from the first one, after the last
/// part heading, that starts as a site footer does (see [`FOOTER_STARTS`]) or names an
/// ICP licence. The footer's phone number is the portal's, not the agency's.
fn without_site_footer(doc: &mut Located<'_, '_>) {
    let Some(last_heading) = doc
        .lines
        .iter()
        .rposition(|l| !l.is_table_cell() && part_of(l.text).is_some())
    else {
        return;
    };
    let is_footer = |l: &Line<'_>| {
        // Squashed only where it may be one: a footer's first char starts the line (past
        // its whitespace), or the line holds the 备 of an ICP licence.
        let first = l
            .text
            .chars()
            .find(|c| !c.is_whitespace() && *c != '\u{feff}');
        let may = first.is_some_and(|f| FOOTER_STARTS.iter().any(|s| s.starts_with(f)))
            || l.text.contains('备');
        may && {
            let t = crate::normalize::squash(l.text);
            FOOTER_STARTS.iter().any(|s| t.starts_with(s)) || t.contains("ICP备")
        }
    };
    if let Some(k) = doc.lines[last_heading + 1..].iter().position(is_footer) {
        let cut = last_heading + 1 + k;
        match &mut doc.lines {
            Cow::Borrowed(lines) => *lines = &lines[..cut],
            Cow::Owned(lines) => lines.truncate(cut),
        }
        if doc.tables.iter().any(|&(at, _)| at >= cut) {
            doc.tables.to_mut().retain(|&(at, _)| at < cut);
        }
    }
}

/// A page's `<title>` without the site name after the report's name (`…报告_某某人民政府`).
fn page_title(t: &str) -> &str {
    let t = t.trim();
    let Some(k) = t.rfind("报告") else {
        return t;
    };
    let end = k + "报告".len();
    if t[end..]
        .trim_start()
        .starts_with(['_', '-', '|', '—', '－', '｜'])
    {
        &t[..end]
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::html;

    #[test]
    fn cuts_the_report_out_of_a_portal_page() {
        let page = "<html><head><title>X</title><style>p{}</style></head><body>\n\
                    <div>导航</div>\n\
                    <div id=a><p>某局2024年政府信息公开工作年度报告</p>\n\
                    <p>一、总体情况</p><p>正文<span>继续</span></p>\n\
                    <p>二、主动公开政府信息情况</p>\n\
                    <table><tr><td colspan=4>第二十条第（一）项<td>x\n\
                    <tr><td>规&nbsp;章<td>1<td><p>2</p><td>&nbsp;</table>\n\
                    <script>var a = '<p>一、总体情况</p>';</script></div>\n\
                    <div>版权所有</div></body></html>";
        let buf = html::read(page);
        let whole = buf.document();
        let doc = report(&whole);
        let lines: Vec<_> = doc.lines.iter().map(|l| (l.text, l.no)).collect();
        assert_eq!(
            lines,
            vec![
                ("某局2024年政府信息公开工作年度报告", 3),
                ("一、总体情况", 4),
                ("正文继续", 4),
                ("二、主动公开政府信息情况", 5),
            ]
        );
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].0, 4);
        assert_eq!(doc.tables[0].1.rows[1].line, 7);
    }

    #[test]
    fn a_portal_footer_below_the_last_part_is_not_report() {
        let text = "某局2024年政府信息公开工作年度报告\n一、总体情况\n如有疑问请联系，电话：0531-1234567\n\
                    六、其他需要报告的事项\n无。\n某局\n2025年1月20日\n\
                    主办：某市人民政府办公室 联系电话：0000-00000000\n京ICP备000号";
        let whole = crate::input::text::document(text);
        let doc = report(&whole);
        assert_eq!(doc.lines.last().map(|l| l.text), Some("2025年1月20日"));
        let meta = super::super::meta::read(&doc.lines, whole.source, Some(1));
        assert_eq!(meta.phone.as_deref(), Some("0531-1234567"));
    }

    #[test]
    fn takes_the_headline_from_the_title_when_the_body_has_none() {
        let page = "<title>某局2023年度政府信息公开工作年度报告_某市人民政府</title>\
                    <div><p>一、总体情况</p><p>六、其他需要报告的事项</p></div>";
        let buf = html::read(page);
        let whole = buf.document();
        let doc = report(&whole);
        assert_eq!(doc.lines[0].text, "某局2023年度政府信息公开工作年度报告");
    }
}
