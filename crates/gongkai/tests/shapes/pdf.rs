//! A small writer of PDF files for the hostile-PDF tests and shapes: a report page whose
//! text is in a CID font (Identity-H, each code its own Unicode code point through a
//! ToUnicode range), into which a test puts one hostile part.

#![allow(dead_code)]

use std::io::Write;

/// A PDF being written: objects numbered from 1 in the order they are added.
#[derive(Default)]
pub struct Pdf {
    objects: Vec<Vec<u8>>,
    trailer_extra: String,
}

impl Pdf {
    /// Adds an object and returns its number.
    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> usize {
        self.objects.push(body.into());
        self.objects.len()
    }

    /// Adds a stream object with `dict` entries (without the length) and `data`.
    pub fn stream(&mut self, dict: &str, data: &[u8]) -> usize {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.add(body)
    }

    /// Sets the body of object `n` (added earlier as a placeholder).
    pub fn set(&mut self, n: usize, body: impl Into<Vec<u8>>) {
        self.objects[n - 1] = body.into();
    }

    /// Adds entries to the trailer dictionary.
    pub fn trailer(&mut self, extra: &str) {
        self.trailer_extra.push_str(extra);
    }

    /// The file, with `root` as the catalog.
    pub fn finish(&self, root: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            writeln!(out, "{} 0 obj", i + 1).unwrap();
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        write!(out, "xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).unwrap();
        for o in &offsets {
            writeln!(out, "{o:010} 00000 n ").unwrap();
        }
        write!(
            out,
            "trailer\n<< /Size {} /Root {root} 0 R {} >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1,
            self.trailer_extra
        )
        .unwrap();
        out
    }
}

/// `text` as the hex string of an Identity-H font whose codes are UTF-16 code units.
pub fn cid_hex(text: &str) -> String {
    let mut s = String::from("<");
    for u in text.encode_utf16() {
        s.push_str(&format!("{u:04X}"));
    }
    s.push('>');
    s
}

/// The opening lines of a report, as a content stream fragment in the CID font `/F1`.
pub fn report_head() -> String {
    let lines = [
        "2024年某县人民政府政府信息公开工作年度报告",
        "一、总体情况",
        "本年度本机关主动公开政府信息。",
    ];
    let mut c = String::from("BT /F1 12 Tf 72 800 Td 16 TL\n");
    for l in lines {
        c.push_str(&format!("{} Tj T*\n", cid_hex(l)));
    }
    c.push_str("ET\n");
    c
}

/// The parts of a one-font document a test can change.
pub struct Parts {
    /// Entries added to the CIDFont dictionary (`/W [...]`, say).
    pub cid_font_extra: String,
    /// The ToUnicode CMap's body (between `begincmap` and `endcmap`); `None` maps every
    /// code to itself.
    pub to_unicode: Option<Vec<u8>>,
    /// Entries of each page's content stream dictionary (a `/Filter`, say).
    pub content_dict: String,
    /// Each page's content stream, as stored (already encoded for `content_dict`).
    pub contents: Vec<Vec<u8>>,
    /// Entries added to each page dictionary.
    pub page_extra: String,
}

impl Default for Parts {
    fn default() -> Self {
        Parts {
            cid_font_extra: String::new(),
            to_unicode: None,
            content_dict: String::new(),
            contents: vec![report_head().into_bytes()],
            page_extra: String::new(),
        }
    }
}

/// The object number of the font descriptor in a [`document`], for a test that gives the
/// font an embedded program.
pub const FONT_DESCRIPTOR: usize = 4;

/// The font descriptor's entries, without a font program.
pub const DESCRIPTOR_ENTRIES: &str = "/Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] /ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80";

/// The ToUnicode CMap body that maps every two-byte code to itself.
pub fn identity_to_unicode() -> Vec<u8> {
    b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n".to_vec()
}

/// A document of `parts`: a Type0 font with Identity-H encoding (no embedded program,
/// so it falls back to a standard font: only the text and positions matter here), one
/// page per content stream.
pub fn document(parts: &Parts) -> Pdf {
    let mut pdf = Pdf::default();
    let catalog = pdf.add(Vec::new());
    let pages = pdf.add(Vec::new());
    let cmap = {
        let mut body = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n".to_vec();
        body.extend_from_slice(
            parts
                .to_unicode
                .as_deref()
                .unwrap_or(&identity_to_unicode()),
        );
        body.extend_from_slice(
            b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n",
        );
        pdf.stream("", &body)
    };
    let descriptor = pdf.add(format!("<< {DESCRIPTOR_ENTRIES} >>"));
    assert_eq!(descriptor, FONT_DESCRIPTOR);
    let cid_font = pdf.add(format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /DW 1000 {} >>",
        parts.cid_font_extra
    ));
    let font = pdf.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [{cid_font} 0 R] /ToUnicode {cmap} 0 R >>"
    ));
    let latin = pdf
        .add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    let mut kids = Vec::new();
    for content in &parts.contents {
        let c = pdf.stream(&parts.content_dict, content);
        kids.push(pdf.add(format!(
            "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R /F2 {latin} 0 R >> >> /Contents {c} 0 R {} >>",
            parts.page_extra
        )));
    }
    let kids_text: Vec<String> = kids.iter().map(|k| format!("{k} 0 R")).collect();
    pdf.set(
        pages,
        format!(
            "<< /Type /Pages /Count {} /Kids [{}] >>",
            kids.len(),
            kids_text.join(" ")
        ),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    pdf
}

/// The file of `parts`, the catalog as root.
pub fn build(parts: &Parts) -> Vec<u8> {
    document(parts).finish(1)
}

/// `data` compressed with zlib (stored blocks would not shrink; this is real Deflate).
pub fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}
