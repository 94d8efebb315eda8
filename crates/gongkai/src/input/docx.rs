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
use crate::error::{Error, Result};

/// The largest `word/document.xml` read, uncompressed: a guard against zip bombs.
const MAX_XML: u64 = 256 * 1024 * 1024;

/// True when the bytes are a zip archive (a .docx is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads a .docx file into the lines and tables of a report.
pub fn read(bytes: &[u8]) -> Result<DocumentBuf> {
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
    let mut xml = Vec::with_capacity(usize::try_from(entry.size().min(MAX_XML)).unwrap_or(0));
    (&mut entry)
        .take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| Error::docx("word/document.xml", e))?;
    if xml.len() as u64 > MAX_XML {
        return Err(Error::Docx {
            reason: format!("word/document.xml is larger than {} MiB", MAX_XML >> 20),
            source: None,
        });
    }
    read_xml(&xml)
}

/// One table being read.
#[derive(Default)]
struct TableState {
    rows: Vec<Row<'static>>,
    row: Vec<Cell<'static>>,
    row_line: usize,
    /// The open cell: its lines, and whether it continues a vertical merge.
    cell: Vec<String>,
    cell_continues: bool,
}

/// The state of reading a document body.
#[derive(Default)]
struct Body {
    doc: DocumentBuf,
    /// Open paragraphs (a text box nests one in another), innermost last.
    paragraphs: Vec<String>,
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
            b"p" => self.paragraphs.push(String::new()),
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
                if let Some(t) = self.tables.last_mut() {
                    t.cell.clear();
                    t.cell_continues = false;
                }
            }
            b"vMerge" => vmerge(e, &mut self.tables),
            _ => {}
        }
    }

    /// An empty element (`<w:tab/>`, `<w:br/>`, an empty paragraph...).
    fn empty(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        let text = |c: char| move |p: &mut String| p.push(c);
        match e.local_name().as_ref() {
            b"tab" => self.paragraphs.last_mut().map(text('\t')),
            b"br" | b"cr" => self.paragraphs.last_mut().map(text('\n')),
            b"noBreakHyphen" => self.paragraphs.last_mut().map(text('-')),
            b"vMerge" => {
                vmerge(e, &mut self.tables);
                None
            }
            b"p" if self.tables.is_empty() && self.paragraphs.is_empty() => {
                self.block += 1;
                None
            }
            _ => None,
        };
    }

    /// Text inside `w:t`.
    fn text(&mut self, s: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.push_str(s);
        }
    }

    /// An element closes.
    fn end(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"p" => self.end_paragraph(),
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    if !t.cell_continues {
                        let text = cell_text(&t.cell);
                        t.row.push(Cell {
                            text: text.into(),
                            line: t.row_line,
                        });
                    }
                }
            }
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
    /// box), or the body as lines.
    fn end_paragraph(&mut self) {
        let text = self.paragraphs.pop().unwrap_or_default();
        if let Some(t) = self.tables.last_mut() {
            t.cell.extend(text.split('\n').map(str::to_string));
        } else if let Some(outer) = self.paragraphs.last_mut() {
            // A text box's paragraph: its own line after the outer one's.
            outer.push('\n');
            outer.push_str(&text);
        } else {
            self.block += 1;
            for line in text.split('\n') {
                if !crate::normalize::is_blank(line) {
                    self.doc.push_line(line.trim(), self.block);
                }
            }
        }
    }

    /// A table closes: a top-level table becomes a grid; a table inside a cell joins the
    /// cell's text.
    fn end_table(&mut self) {
        let Some(t) = self.tables.pop() else {
            return;
        };
        let grid = Grid {
            layout: Layout::Docx,
            rows: t.rows,
        };
        match self.tables.last_mut() {
            Some(outer) => outer.cell.extend(
                grid.rows
                    .into_iter()
                    .flat_map(|r| r.cells.into_iter().map(|c| c.text.into_owned())),
            ),
            None => self.doc.push_table(grid),
        }
    }
}

/// Reads WordprocessingML (`word/document.xml`).
pub fn read_xml(xml: &[u8]) -> Result<DocumentBuf> {
    let mut reader = Reader::from_reader(xml);
    let mut body = Body::default();
    let mut buf = Vec::new();
    // Depth inside an element whose text is not the document's (deleted text, field
    // codes, the fallback copy of a drawing).
    let mut skip_depth = 0usize;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| Error::docx("word/document.xml", e))?;
        match event {
            Event::Start(e) => {
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
            Event::Text(t) if skip_depth == 0 && body.in_text => {
                let s = t
                    .decode()
                    .map_err(|e| Error::docx("word/document.xml", e))?;
                body.text(&s);
            }
            Event::GeneralRef(r) if skip_depth == 0 && body.in_text => {
                if let Some(c) = general_ref(&r) {
                    body.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                } else {
                    body.end(e.local_name().as_ref());
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
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

/// A cell's lines, trimmed, blank ones dropped, joined by `\n`.
fn cell_text(lines: &[String]) -> String {
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
    fn rejects_zips_that_are_not_docx() {
        assert!(read(b"PK\x03\x04garbage").is_err());
    }
}
