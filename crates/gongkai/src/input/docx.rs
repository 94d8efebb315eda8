//! Word documents (.docx) → text lines and table grids.
//!
//! A .docx is a zip archive; the report is `word/document.xml` (WordprocessingML), read
//! with the `zip` crate and streamed with `quick-xml`. Body paragraphs (`w:p`) become text
//! lines; tables (`w:tbl`) become [`Grid`]s with one row per `w:tr` and one cell per
//! `w:tc`. A cell merged across columns (`w:gridSpan`) is one cell; a cell merged down
//! rows (`w:vMerge`) is kept at its first row and left out of the rows it continues
//! into, so the grid has the shape an HTML table with `rowspan` has.
//!
//! `line` counts the body's blocks from 1 in document order: each paragraph outside
//! tables (empty ones too) and each table row is one block. Deleted text of tracked
//! changes, field codes and the fallback copy of drawings are skipped.

use std::io::Read;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{Cell, DocumentBuf, Grid, Layout, Row};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::{Error, Result};

/// True when the bytes are a zip archive (a .docx is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads a .docx file into the lines and tables of a report. The unpacked
/// `word/document.xml` is the input the size limit applies to (a guard against zip
/// bombs): its declared size is checked before it is unpacked, and its real size while
/// it is.
pub fn read(bytes: &[u8], limits: &crate::limits::Limits) -> Result<DocumentBuf> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Error::docx("not a readable zip archive", e))?;
    let mut entry = match archive.by_name("word/document.xml") {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(Error::UnsupportedFormat {
                format: "zip archive without word/document.xml (not .docx)",
                advice: "save the report as .docx, HTML or text",
            })
        }
        Err(e) => return Err(Error::docx("word/document.xml", e)),
    };
    let max = limits.max_input_bytes;
    limits.check(entry.size())?;
    let mut xml = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
    (&mut entry)
        .take(max.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|e| Error::docx("word/document.xml", e))?;
    limits.check(xml.len() as u64)?;
    read_xml(&xml)
}

/// One table being read.
#[derive(Default)]
struct TableState {
    rows: Vec<Row<'static>>,
    row: Vec<Cell<'static>>,
    row_line: usize,
    /// Where the open cell's lines start in [`Body::cell_lines`].
    cell_start: usize,
    /// Whether the open cell continues a vertical merge.
    cell_continues: bool,
}

/// The state of reading a document body.
///
/// Text nests (a text box's paragraph inside a paragraph, a table inside a cell), and
/// every level of it is kept in one shared buffer with a stack of start offsets, so that
/// closing an element never copies the text of the elements inside it: reading is linear
/// in the size of the document however deep it nests.
#[derive(Default)]
struct Body {
    doc: DocumentBuf,
    /// The text of the open paragraphs, outermost first.
    text: String,
    /// Open paragraphs (a text box nests one in another), innermost last: where the
    /// paragraph's separator and its text start in `text`.
    paragraphs: Vec<(usize, usize)>,
    /// The lines of the open cells, outermost first: a table inside a cell leaves its
    /// cells' lines here, as lines of the cell around it.
    cell_lines: Vec<String>,
    /// Open tables (a table in a cell nests one in another), innermost last.
    tables: Vec<TableState>,
    /// The block count: body paragraphs and top-level table rows so far.
    block: usize,
    in_text: bool,
}

impl Body {
    /// An element opens.
    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        match e.local_name().as_ref() {
            b"p" => {
                let sep = self.text.len();
                if !self.paragraphs.is_empty() {
                    // A paragraph inside a paragraph is a line of its own.
                    self.text.push('\n');
                }
                self.paragraphs.push((sep, self.text.len()));
            }
            b"t" => self.in_text = true,
            b"tbl" => self.tables.push(TableState::default()),
            b"tr" => {
                if self.tables.len() == 1 {
                    self.block += 1;
                }
                let block = self.block;
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                    t.row_line = block;
                }
            }
            b"tc" => {
                let start = self.cell_lines.len();
                if let Some(t) = self.tables.last_mut() {
                    t.cell_start = start;
                    t.cell_continues = false;
                }
            }
            b"vMerge" => vmerge(e, &mut self.tables),
            _ => {}
        }
    }

    /// An empty element (`<w:tab/>`, `<w:br/>`, an empty paragraph...).
    fn empty(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        match e.local_name().as_ref() {
            b"tab" => self.text("\t"),
            b"br" | b"cr" => self.text("\n"),
            b"noBreakHyphen" => self.text("-"),
            b"vMerge" => vmerge(e, &mut self.tables),
            b"p" if self.tables.is_empty() && self.paragraphs.is_empty() => self.block += 1,
            _ => {}
        }
    }

    /// Text inside `w:t`.
    fn text(&mut self, s: &str) {
        if !self.paragraphs.is_empty() {
            self.text.push_str(s);
        }
    }

    /// An element closes.
    fn end(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"p" => self.end_paragraph(),
            b"tc" => self.end_cell(),
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let cells = std::mem::take(&mut t.row);
                    t.rows.push(Row {
                        cells,
                        line: t.row_line,
                    });
                }
            }
            b"tbl" => self.end_table(),
            _ => {}
        }
    }

    /// A paragraph closes: its text joins the open cell, the paragraph around it (a text
    /// box, where it already stands), or the body as lines.
    fn end_paragraph(&mut self) {
        let Some((sep, start)) = self.paragraphs.pop() else {
            return;
        };
        if !self.tables.is_empty() {
            let lines = self.text[start..].split('\n').map(str::to_string);
            self.cell_lines.extend(lines);
            self.text.truncate(sep);
        } else if self.paragraphs.is_empty() {
            self.block += 1;
            for line in self.text.split('\n') {
                if !crate::normalize::is_blank(line) {
                    self.doc.push_line(line.trim(), self.block);
                }
            }
            self.text.clear();
        }
    }

    /// A cell closes: in a top-level table its lines become the cell; in a nested table
    /// they stay where they are, lines of the cell around the table. A cell that
    /// continues a vertical merge is left out.
    fn end_cell(&mut self) {
        let nested = self.tables.len() > 1;
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let start = t.cell_start.min(self.cell_lines.len());
        if t.cell_continues {
            self.cell_lines.truncate(start);
        } else if !nested {
            let text = cell_text(&self.cell_lines[start..]);
            self.cell_lines.truncate(start);
            t.row.push(Cell {
                text: text.into(),
                line: t.row_line,
            });
        }
    }

    /// A table closes: a top-level table becomes a grid; a table inside a cell has left
    /// its text among the cell's lines already.
    fn end_table(&mut self) {
        let Some(t) = self.tables.pop() else {
            return;
        };
        if self.tables.is_empty() {
            self.doc.push_table(Grid {
                layout: Layout::Docx,
                rows: t.rows,
            });
        }
    }
}

impl Body {
    /// The document broke off: the rows a table completed before the break are kept
    /// (the row and cell it broke in are not: their last value may be cut in half).
    fn cut_short(&mut self) {
        self.paragraphs.clear();
        self.text.clear();
        while let Some(t) = self.tables.last_mut() {
            t.row.clear();
            self.end_table();
        }
    }
}

/// Reads WordprocessingML (`word/document.xml`).
///
/// XML with no document body at all (empty, plain text, another kind of file) is an
/// error. A document that is cut short or broken inside keeps what came before the
/// damage, with a `damaged` diagnostic: the values after it are missing, not zero.
pub fn read_xml(xml: &[u8]) -> Result<DocumentBuf> {
    let mut reader = Reader::from_reader(xml);
    let mut body = Body::default();
    let mut buf = Vec::new();
    // Depth inside an element whose text is not the document's (deleted text, field
    // codes, the fallback copy of a drawing).
    let mut skip_depth = 0usize;
    // Elements open, and whether `w:body` was seen.
    let mut open = 0usize;
    let mut saw_body = false;
    let damage = loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => break Some(msg!("{e}")),
        };
        match event {
            Event::Start(e) => {
                open += 1;
                saw_body |= e.local_name().as_ref() == b"body";
                let skipped = matches!(
                    e.local_name().as_ref(),
                    b"Fallback" | b"delText" | b"instrText"
                );
                if skip_depth > 0 || skipped {
                    skip_depth += 1;
                } else {
                    body.start(&e);
                }
            }
            Event::Empty(e) if skip_depth == 0 => body.empty(&e),
            Event::Text(t) if skip_depth == 0 && body.in_text => match t.decode() {
                Ok(s) => body.text(&s),
                Err(e) => break Some(msg!("{e}")),
            },
            Event::GeneralRef(r) if skip_depth == 0 && body.in_text => {
                if let Some(c) = general_ref(&r) {
                    body.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::End(e) => {
                open = open.saturating_sub(1);
                if skip_depth > 0 {
                    skip_depth -= 1;
                } else {
                    body.end(e.local_name().as_ref());
                }
            }
            Event::Eof if open > 0 => break Some("the document ends inside an element".into()),
            Event::Eof => break None,
            _ => {}
        }
        buf.clear();
    };
    if !saw_body {
        return Err(Error::Docx {
            reason: match damage {
                Some(d) => msg!("word/document.xml is not a Word document body ({d})"),
                None => "word/document.xml holds no document body".into(),
            },
            source: None,
        });
    }
    if let Some(d) = damage {
        body.cut_short();
        let at = reader.buffer_position();
        body.doc.notes.push(Diagnostic::new(
            Code::Damaged,
            msg!("the .docx is damaged: word/document.xml breaks off at byte {at} of {} ({d}); the text before it was read, the rest is missing", xml.len()),
        ));
    }
    Ok(body.doc)
}

/// Marks the open cell as a continuation of the cell above it, unless it starts a merge.
fn vmerge(e: &quick_xml::events::BytesStart<'_>, tables: &mut [TableState]) {
    let restart = e
        .attributes()
        .flatten()
        .any(|a| a.key.local_name().as_ref() == b"val" && a.value.as_ref() == b"restart");
    if let Some(t) = tables.last_mut() {
        t.cell_continues = !restart;
    }
}

/// The character of an entity or character reference in text.
fn general_ref(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match &**r {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        _ => None,
    }
}

/// A cell's lines, trimmed, blank ones dropped, joined by `\n` (the .doc reader's
/// cells too).
pub(super) fn cell_text(lines: &[String]) -> String {
    let mut text = String::new();
    for l in lines {
        let t = crate::normalize::trim(l);
        if !t.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(t);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paragraphs_tables_and_merges() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>某局2024年度报告</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t xml:space="preserve">一、总体</w:t><w:delText>删</w:delText><w:t>情况 &amp; 说明</w:t></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>表头</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>总计</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>
<w:p><w:r><w:t>二、</w:t><w:tab/><w:t>主动公开</w:t></w:r></w:p>
</w:body></w:document>"#;
        let buf = read_xml(xml.as_bytes()).unwrap();
        let doc = buf.document();
        let lines: Vec<_> = doc.lines.iter().map(|l| (l.text, l.no)).collect();
        assert_eq!(
            lines,
            vec![
                ("某局2024年度报告", 1),
                ("一、总体情况 & 说明", 3),
                ("二、\t主动公开", 6)
            ]
        );
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].0, 2);
        let rows: Vec<Vec<(&str, usize)>> = doc.tables[0]
            .1
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| (c.text.as_ref(), c.line)).collect())
            .collect();
        assert_eq!(
            rows,
            vec![vec![("表头", 4), ("总计", 4)], vec![("1\n2", 5)]]
        );
    }

    #[test]
    fn nested_paragraphs_and_tables_keep_their_order() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>外</w:t></w:r><w:p><w:r><w:t>框</w:t></w:r></w:p><w:r><w:t>后</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>上</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>下</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let buf = read_xml(xml.as_bytes()).unwrap();
        let doc = buf.document();
        let lines: Vec<_> = doc.lines.iter().map(|l| l.text).collect();
        assert_eq!(lines, vec!["外", "框后"]);
        let cells: Vec<&str> = doc.tables[0].1.rows[0]
            .cells
            .iter()
            .map(|c| c.text.as_ref())
            .collect();
        assert_eq!(cells, vec!["上\n甲\n乙\n下", "5"]);
    }

    #[test]
    fn a_document_without_a_body_is_an_error() {
        for xml in [
            "",
            "一、总体情况\n收到申请 5 件",
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"/>",
        ] {
            let err = read_xml(xml.as_bytes()).unwrap_err();
            assert!(err.to_string().contains("document body"), "{xml:?}: {err}");
        }
    }

    #[test]
    fn a_document_cut_short_keeps_the_rows_before_the_cut_and_says_so() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>总计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>其他</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3"#;
        for cut in [xml.to_string(), format!("{xml}<w:bad")] {
            let buf = read_xml(cut.as_bytes()).unwrap();
            assert_eq!(buf.notes.len(), 1);
            assert_eq!(buf.notes[0].code, Code::Damaged);
            let doc = buf.document();
            assert_eq!(doc.lines[0].text, "一、总体情况");
            let rows = &doc.tables[0].1.rows;
            assert_eq!(rows.len(), 1, "the row the cut falls in is left out");
            assert_eq!(rows[0].cells[1].text, "12");
        }
    }

    #[test]
    fn rejects_zips_that_are_not_docx() {
        assert!(read(b"PK\x03\x04garbage", &crate::limits::Limits::default()).is_err());
    }
}
