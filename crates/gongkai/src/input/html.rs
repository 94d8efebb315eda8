//! HTML pages → text lines and table grids.
//!
//! The page is tokenized by html5ever's tokenizer (the one browsers' rules describe:
//! entities such as `&nbsp;`, comments, `<script>` and `<style>` raw text, broken
//! markup), which also gives each token its source line. A small tree is built from the
//! tokens with the implied end tags tables and paragraphs need (`<td>` closes the open
//! cell, `<tr>` the open row, a stray `</div>` never closes a table).
//!
//! The tree is then read in document order: block elements (`<p>`, `<div>`, `<br>`, ...)
//! end a text line; a `<table>` that holds no other table becomes a [`Grid`] whose rows
//! are its `<tr>` and whose cells are its `<td>`/`<th>` in source order, a merged cell
//! once, at its first row and column, as Word and the template draw it; a table that
//! holds tables (a page laid out with tables) is read as flow. `line` is the source line
//! of the element or text.
//!
//! The reader also records which lines and tables each flow element encloses, and the
//! page's `<title>`: a portal page holds the report among navigation, headers and
//! footers, and the semantic stage cuts it out by its headings (`semantic::locate`).

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::{Cell, Container, DocumentBuf, Grid, Layout, Row};
use crate::diagnostic::{Code, Diagnostic};

/// One node of the page tree.
#[derive(Debug)]
enum Node {
    Element(Element),
    Text { text: String, line: usize },
}

#[derive(Debug)]
struct Element {
    name: String,
    line: usize,
    children: Vec<usize>,
}

/// Elements whose content is never report text.
const SKIPPED: [&str; 9] = [
    "script", "style", "noscript", "template", "select", "textarea", "button", "iframe", "svg",
];

/// How deep elements nest in the tree at most (pages nest a few dozen deep).
const MAX_DEPTH: usize = 256;

/// How many nodes (elements and texts) the tree holds at most. Portal pages have some
/// thousands; a page with more than this is not a report page, and the tree of the rest
/// would cost many times the page's size in memory. What comes after is not read, and
/// a `too_large` diagnostic says from which line.
const MAX_NODES: usize = 1_000_000;

/// Elements without content.
const VOID: [&str; 14] = [
    "br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source", "embed",
    "param", "track",
];

/// Elements that end a line of text before and after them.
const BLOCKS: [&str; 34] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "pre",
    "center",
    "form",
    "body",
];

/// Builds the tree from tokens.
#[derive(Default)]
struct TreeBuilder {
    state: RefCell<TreeState>,
}

#[derive(Default)]
struct TreeState {
    nodes: Vec<Node>,
    /// Open elements, innermost last; index 0 is the root.
    open: Vec<usize>,
    /// Text of `<title>`, with its line.
    title: Option<(String, usize)>,
    in_title: bool,
    /// The source line at which the tree was full ([`MAX_NODES`]), if it was.
    cut: Option<usize>,
}

impl TreeState {
    fn name(&self, i: usize) -> &str {
        match &self.nodes[i] {
            Node::Element(e) => &e.name,
            Node::Text { .. } => "",
        }
    }

    fn append(&mut self, node: Node) -> usize {
        let id = self.nodes.len();
        self.nodes.push(node);
        let parent = *self.open.last().expect("the root is always open");
        if let Node::Element(e) = &mut self.nodes[parent] {
            e.children.push(id);
        }
        id
    }

    /// Closes the innermost open `name` unless a table or cell boundary stands between.
    fn close(&mut self, name: &str) {
        for k in (1..self.open.len()).rev() {
            let open = self.name(self.open[k]);
            if open == name {
                self.open.truncate(k);
                return;
            }
            let through = match open {
                "td" | "th" => matches!(name, "tr" | "tbody" | "thead" | "tfoot" | "table"),
                "tr" => matches!(name, "tbody" | "thead" | "tfoot" | "table"),
                "table" => false,
                _ => true,
            };
            if !through {
                return;
            }
        }
    }

    /// True when `name` is open inside the innermost table (or anywhere, outside tables).
    fn open_in_table(&self, name: &str) -> bool {
        for &i in self.open.iter().rev() {
            let n = self.name(i);
            if n == name {
                return true;
            }
            if n == "table" {
                return false;
            }
        }
        false
    }

    /// Closes an open `<p>` before a block starts, as HTML implies.
    fn close_paragraph(&mut self) {
        for k in (1..self.open.len()).rev() {
            match self.name(self.open[k]) {
                "p" => {
                    self.open.truncate(k);
                    return;
                }
                "td" | "th" | "table" | "div" | "li" | "body" => return,
                _ => {}
            }
        }
    }

    fn start(&mut self, name: &str, line: usize, self_closing: bool) {
        match name {
            "td" | "th" => {
                if self.open_in_table("td") {
                    self.close("td");
                }
                if self.open_in_table("th") {
                    self.close("th");
                }
            }
            "tr" if self.open_in_table("tr") => self.close("tr"),
            "tbody" | "thead" | "tfoot" => {
                for n in ["tr", "tbody", "thead", "tfoot"] {
                    if self.open_in_table(n) {
                        self.close(n);
                    }
                }
            }
            "li" if self.open_in_table("li") => self.close("li"),
            _ => {}
        }
        if name == "p" || (BLOCKS.contains(&name) && name != "td" && name != "th" && name != "tr") {
            self.close_paragraph();
        }
        let id = self.append(Node::Element(Element {
            name: name.to_string(),
            line,
            children: Vec::new(),
        }));
        // Elements nested deeper than MAX_DEPTH are read as if they were closed at once;
        // their content goes to the element around them. This bounds the recursion below.
        if !self_closing && !VOID.contains(&name) && self.open.len() < MAX_DEPTH {
            self.open.push(id);
        }
    }

    fn text(&mut self, s: &str, line: usize) {
        if self.in_title {
            let t = self.title.get_or_insert_with(|| (String::new(), line));
            t.0.push_str(s);
            return;
        }
        let parent = *self.open.last().expect("the root is always open");
        if let Node::Element(e) = &self.nodes[parent] {
            if let Some(&last) = e.children.last() {
                if let Node::Text { text, .. } = &mut self.nodes[last] {
                    text.push_str(s);
                    return;
                }
            }
        }
        self.append(Node::Text {
            text: s.to_string(),
            line,
        });
    }
}

impl TokenSink for TreeBuilder {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let line = usize::try_from(line_number).unwrap_or(usize::MAX);
        let mut st = self.state.borrow_mut();
        if st.nodes.len() >= MAX_NODES {
            st.cut.get_or_insert(line);
            return TokenSinkResult::Continue;
        }
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                match tag.kind {
                    TagKind::StartTag => {
                        if name == "title" {
                            st.in_title = !tag.self_closing;
                            return TokenSinkResult::RawData(RawKind::Rcdata);
                        }
                        st.start(name, line, tag.self_closing);
                        if !tag.self_closing {
                            match name {
                                "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                                "style" | "noscript" | "iframe" | "xmp" => {
                                    return TokenSinkResult::RawData(RawKind::Rawtext)
                                }
                                "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                                "plaintext" => return TokenSinkResult::Plaintext,
                                _ => {}
                            }
                        }
                    }
                    TagKind::EndTag => {
                        if name == "title" {
                            st.in_title = false;
                        } else if name == "br" {
                            // `</br>` is read as `<br>`, as browsers do.
                            st.start("br", line, true);
                        } else if name == "p" && !st.open_in_table("p") {
                            // A stray `</p>` makes an empty paragraph: a line break.
                            st.start("br", line, true);
                        } else {
                            st.close(name);
                        }
                    }
                }
            }
            Token::CharacterTokens(t) => st.text(&t, line),
            Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::ParseError(_)
            | Token::EOFToken => {}
        }
        TokenSinkResult::Continue
    }
}

/// True when the text starts like an HTML document or fragment.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !head.starts_with('<') {
        return false;
    }
    let mut end = head.len().min(2048);
    while !head.is_char_boundary(end) {
        end -= 1;
    }
    let head = head[..end].to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<table",
        "<div",
        "<p",
        "<!--",
    ]
    .iter()
    .any(|t| head.contains(t))
}

/// One block of the page in reading order, before the body is cut out.
enum Block {
    Line(String, usize),
    Table(Grid<'static>),
}

/// Reads the tree in document order.
struct Reader<'t> {
    nodes: &'t [Node],
    /// Which elements hold a `<table>` somewhere below them.
    holds_table: &'t [bool],
    blocks: Vec<Block>,
    /// The block range `[start, end)` each element covers (flow elements only).
    spans: Vec<(usize, usize)>,
    buf: String,
    buf_line: usize,
}

impl<'t> Reader<'t> {
    fn new(nodes: &'t [Node], holds_table: &'t [bool]) -> Self {
        Reader {
            nodes,
            holds_table,
            blocks: Vec::new(),
            spans: Vec::new(),
            buf: String::new(),
            buf_line: 0,
        }
    }

    fn push_text(&mut self, text: &str, line: usize) {
        push_collapsed(&mut self.buf, text);
        if self.buf_line == 0 && !crate::normalize::is_blank(&self.buf) {
            self.buf_line = line;
        }
    }

    fn flush(&mut self) {
        let t = self.buf.trim_matches(|c: char| c.is_whitespace());
        if !t.is_empty() && !crate::normalize::is_blank(t) {
            self.blocks
                .push(Block::Line(t.to_string(), self.buf_line.max(1)));
        }
        self.buf.clear();
        self.buf_line = 0;
    }

    fn flow(&mut self, id: usize) {
        match &self.nodes[id] {
            Node::Text { text, line } => self.push_text(text, *line),
            Node::Element(e) => {
                let name = e.name.as_str();
                if SKIPPED.contains(&name) || name == "head" {
                    return;
                }
                if name == "br" || name == "hr" {
                    self.flush();
                    return;
                }
                if name == "table" && !self.holds_table[id] {
                    self.flush();
                    let grid = self.table(id);
                    self.blocks.push(Block::Table(grid));
                    self.spans.push((self.blocks.len() - 1, self.blocks.len()));
                    return;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    self.flush();
                }
                let start = self.blocks.len();
                for &c in &e.children {
                    self.flow(c);
                }
                if block {
                    self.flush();
                }
                self.spans.push((start, self.blocks.len()));
            }
        }
    }

    /// The grid of a table that holds no other table.
    fn table(&self, id: usize) -> Grid<'static> {
        let mut rows = Vec::new();
        self.rows(id, &mut rows);
        Grid {
            layout: Layout::Html,
            rows,
        }
    }

    fn rows(&self, id: usize, out: &mut Vec<Row<'static>>) {
        let Node::Element(e) = &self.nodes[id] else {
            return;
        };
        if e.name == "tr" {
            let mut cells = Vec::new();
            self.cells(id, &mut cells);
            out.push(Row {
                cells,
                line: e.line,
            });
            return;
        }
        for &c in &e.children {
            self.rows(c, out);
        }
    }

    fn cells(&self, id: usize, out: &mut Vec<Cell<'static>>) {
        let Node::Element(e) = &self.nodes[id] else {
            return;
        };
        for &c in &e.children {
            if let Node::Element(x) = &self.nodes[c] {
                if x.name == "td" || x.name == "th" {
                    out.push(Cell {
                        text: self.cell_text(c).into(),
                        line: x.line,
                    });
                } else if !SKIPPED.contains(&x.name.as_str()) {
                    // Cells wrapped in stray elements (`<tr><span><td>`) still count.
                    self.cells(c, out);
                }
            }
        }
    }

    /// A cell's text: its lines trimmed and joined by `\n`.
    fn cell_text(&self, id: usize) -> String {
        let mut inner = Reader::new(self.nodes, self.holds_table);
        if let Node::Element(e) = &self.nodes[id] {
            for &c in &e.children {
                inner.flow(c);
            }
        }
        inner.flush();
        let mut text = String::new();
        for b in inner.blocks {
            if let Block::Line(t, _) = b {
                let t = crate::normalize::trim(&t);
                if !t.is_empty() {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(t);
                }
            }
        }
        text
    }
}

/// Appends text with runs of ASCII whitespace collapsed to one space, as HTML renders it.
fn push_collapsed(buf: &mut String, text: &str) {
    let mut space = buf.ends_with(' ') || buf.is_empty();
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
            if !space {
                buf.push(' ');
                space = true;
            }
        } else {
            buf.push(c);
            space = false;
        }
    }
}

/// Reads an HTML page into its lines and tables, with the elements that enclose them.
pub fn read(html: &str) -> DocumentBuf {
    let sink = TreeBuilder::default();
    {
        let mut st = sink.state.borrow_mut();
        st.nodes.push(Node::Element(Element {
            name: "#root".into(),
            line: 1,
            children: Vec::new(),
        }));
        st.open.push(0);
    }
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();

    let nodes = &state.nodes;
    let mut holds_table = vec![false; nodes.len()];
    // Children always come after their parent, so one backward pass fills it in.
    for i in (0..nodes.len()).rev() {
        if let Node::Element(e) = &nodes[i] {
            holds_table[i] = e.children.iter().any(|&c| {
                holds_table[c] || matches!(&nodes[c], Node::Element(x) if x.name == "table")
            });
        }
    }
    let mut reader = Reader::new(nodes, &holds_table);
    reader.flow(0);
    reader.flush();
    let Reader { blocks, spans, .. } = reader;

    // Block indexes → line and table indexes, for the containers.
    let mut counts = Vec::with_capacity(blocks.len() + 1);
    let (mut nl, mut nt) = (0usize, 0usize);
    for b in &blocks {
        counts.push((nl, nt));
        match b {
            Block::Line(..) => nl += 1,
            Block::Table(_) => nt += 1,
        }
    }
    counts.push((nl, nt));
    let mut doc = DocumentBuf {
        containers: spans
            .iter()
            .map(|&(s, e)| Container {
                lines: counts[s].0..counts[e].0,
                tables: counts[s].1..counts[e].1,
            })
            .collect(),
        title: state.title.map(|(t, l)| (t.trim().to_string(), l)),
        ..DocumentBuf::default()
    };
    for b in blocks {
        match b {
            Block::Line(t, l) => doc.push_line(&t, l),
            Block::Table(grid) => doc.push_table(grid),
        }
    }
    if let Some(line) = state.cut {
        doc.notes.push(
            Diagnostic::new(
                Code::TooLarge,
                msg!("the page holds more than {MAX_NODES} elements and texts, far more than any report page; it was read up to line {line}, the rest is missing"),
            )
            .at(line),
        );
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paragraphs_and_tables_with_source_lines() {
        let html = "<html><head><title>X</title><style>p{}</style></head><body>\n\
                    <div>导航</div>\n\
                    <div id=a><p>某局2024年政府信息公开工作年度报告</p>\n\
                    <p>一、总体情况</p><p>正文<span>继续</span></p>\n\
                    <table><tr><td colspan=4>第二十条第（一）项<td>x\n\
                    <tr><td>规&nbsp;章<td>1<td><p>2</p><td>&nbsp;</table>\n\
                    <script>var a = '<p>一、总体情况</p>';</script></div>\n\
                    <div>版权所有</div></body></html>";
        let buf = read(html);
        let doc = buf.document();
        let lines: Vec<_> = doc.lines.iter().map(|l| (l.text, l.no)).collect();
        assert_eq!(
            lines,
            vec![
                ("导航", 2),
                ("某局2024年政府信息公开工作年度报告", 3),
                ("一、总体情况", 4),
                ("正文继续", 4),
                ("版权所有", 8),
            ]
        );
        assert_eq!(doc.tables.len(), 1);
        let (at, grid) = doc.tables[0];
        assert_eq!(at, 4);
        let cells: Vec<Vec<&str>> = grid
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
            .collect();
        assert_eq!(
            cells,
            vec![
                vec!["第二十条第（一）项", "x"],
                vec!["规\u{a0}章", "1", "2", ""]
            ]
        );
        assert_eq!(grid.rows[1].line, 6);
        assert_eq!(doc.title.map(|t| t.text), Some("X"));
        // The second <div> holds lines 1..4 and the table.
        assert!(doc
            .containers
            .iter()
            .any(|c| c.lines == (1..4) && c.tables == (0..1)));
        assert!(looks_like_html(html));
        assert!(!looks_like_html("一、总体情况\n<p>"));
    }
}
