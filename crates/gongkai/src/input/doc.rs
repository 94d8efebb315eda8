//! Word 97–2003 documents (.doc, and the .wps files WPS Office writes in the same
//! format) → text lines and table grids.
//!
//! A .doc is a compound file (an OLE "structured storage", a small FAT file system in
//! one file), opened with the `cfb` crate. The document lives in two of its streams:
//! `WordDocument`, which starts with the FIB (the file information block: where
//! everything else is) and holds the text, and the table stream (`1Table` or `0Table`,
//! as the FIB says), which holds the piece table and the paragraph properties' index.
//!
//! - **Text.** The piece table (the CLX) cuts the main document's character positions
//!   (CPs) into pieces, each stored somewhere in `WordDocument` either as single bytes
//!   ("compressed": Windows-1252) or as UTF-16. A document saved in one go has one or
//!   two pieces; a fast-saved one has many, in any order in the stream.
//! - **Paragraphs.** Paragraph marks (`\r`), cell marks (`\x07`) and section marks
//!   (`\x0c`) end paragraphs. Each paragraph's properties (PAPX) are found from the
//!   file position of its mark through the PlcBtePapx and the 512-byte FKP pages it
//!   points to, with the piece's own property modifier applied after them.
//! - **Tables.** A paragraph in a table (sprmPFInTable) belongs to a cell; a cell mark
//!   ends the cell; the row ends with a paragraph that holds only a cell mark and is
//!   flagged as the table's terminating paragraph (sprmPFTtp), whose properties carry
//!   the row's layout (sprmTDefTable: one TC per cell, with the merge flags). A cell
//!   merged into the one on its left (fMerged) or into the one above it (fVertMerge
//!   without fVertRestart, or Word 2000's sprmTVertMerge) is left out, so the grid has
//!   the shape the .docx reader gives: a merged cell once, a blank cell blank. A table
//!   nested in a cell (depth over 1) leaves its text among the lines of the outer cell,
//!   as in the .docx reader.
//! - **Fields** (`\x13` code `\x14` result `\x15`) show their result only, and text
//!   deleted with tracked changes (sprmCFRMarkDel in the character properties) is left
//!   out, as the .docx reader leaves out `w:delText`.
//!
//! `line` counts the body's blocks from 1 in document order, as for .docx: each
//! paragraph outside tables (empty ones too) and each top-level table row is one block.
//!
//! Everything read from the file is checked before it is used: the compound file's
//! chains (the `cfb` crate refuses loops and sectors shared by two chains), stream
//! sizes against the size limit, and every offset of the FIB, piece table and FKP pages
//! against the stream it points into. A file that breaks any of these is an error that
//! says what is wrong, never a panic or a guess.

use std::collections::HashMap;
use std::io::Read;

use super::{Cell, DocumentBuf, Grid, Layout, Row};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::{Error, Result};

/// The first bytes of every compound file.
const CFB_SIGNATURE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

/// The FIB's `wIdent` for a Word document.
const WORD_IDENT: u16 = 0xA5EC;

/// The first `nFib` of Word 97; Word 6.0 and 95 files (nFib 101–105) have another FIB.
const NFIB_WORD97: u16 = 0xC1;

/// True when the bytes start like a compound file (.doc, .xls, .ppt, a .wps of WPS
/// Office...). The first half of the signature is enough to take the file for one: a
/// file cut short after it is a damaged compound file, and says so.
pub fn is_cfb(bytes: &[u8]) -> bool {
    bytes.starts_with(&CFB_SIGNATURE[..4])
}

/// The error for a .wps file that is not a compound file: WPS Office's own older formats
/// (WPS 2000 and before), which are not Word documents.
pub fn old_wps() -> Error {
    Error::UnsupportedFormat {
        format: "legacy WPS (an older WPS format: WPS 2000 or earlier, not the Word 97 format)",
        advice: "open it in WPS Office and save it as .docx or .doc",
    }
}

/// A [`Error::Doc`] with the reason.
fn damaged(reason: impl Into<String>) -> Error {
    Error::Doc {
        reason: reason.into(),
    }
}

/// Reads a Word 97–2003 document (or a WPS file in the same format) into the lines and
/// tables of a report. A compound file that holds no Word document (a spreadsheet, a
/// presentation, an encrypted .docx) is an [`Error::UnsupportedFormat`] naming what it
/// is; a password-protected document is one too.
pub fn read(bytes: &[u8], limits: &crate::limits::Limits) -> Result<DocumentBuf> {
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .map_err(|e| damaged(msg!("not a readable compound file ({e})")))?;
    if !file.is_stream("/WordDocument") {
        return Err(not_word(&file));
    }
    let word = read_stream(&mut file, "/WordDocument", limits)?;
    let fib = Fib::read(&word)?;
    let table_name = if fib.table_one { "/1Table" } else { "/0Table" };
    if !file.is_stream(table_name) {
        return Err(damaged(msg!(
            "the FIB names the table stream {}, which the file does not have",
            &table_name[1..]
        )));
    }
    let table = read_stream(&mut file, table_name, limits)?;
    let limit = limits.max_input_bytes;
    if (word.len() as u64).saturating_add(table.len() as u64) > limit {
        return Err(Error::TooLarge {
            size: word.len() as u64 + table.len() as u64,
            limit,
        });
    }
    let clx = Clx::read(slice(&table, fib.clx, "the piece table (CLX)")?, word.len())?;
    let papx = PapxIndex::read(slice(&table, fib.papx, "the paragraph index (PlcBtePapx)")?)?;
    let deleted = deleted_text(
        &word,
        slice(&table, fib.chpx, "the character index (PlcBteChpx)")?,
    )?;
    // The Data stream holds the properties too large for their FKP page.
    let data = if file.is_stream("/Data") {
        read_stream(&mut file, "/Data", limits)?
    } else {
        Vec::new()
    };
    let mut reader = Reader {
        word: &word,
        data: &data,
        clx: &clx,
        papx,
        pages: HashMap::new(),
        deleted,
    };
    let paragraphs = reader.paragraphs(fib.ccp_text)?;
    Ok(build(paragraphs))
}

/// What a compound file without a `WordDocument` stream is, as an error.
fn not_word<F: std::io::Read + std::io::Seek>(file: &cfb::CompoundFile<F>) -> Error {
    let has = |name: &str| file.is_stream(name);
    let (format, advice) = if has("/EncryptionInfo") && has("/EncryptedPackage") {
        (
            "password-protected Office (an encrypted .docx or .xlsx)",
            "open it with its password and save it again without one",
        )
    } else if has("/Workbook") || has("/Book") {
        (
            "Microsoft Excel 97-2003 workbook (.xls)",
            "a spreadsheet is not a report; give gongkai the report itself",
        )
    } else if has("/PowerPoint Document") {
        (
            "Microsoft PowerPoint 97-2003 presentation (.ppt)",
            "a presentation is not a report; give gongkai the report itself",
        )
    } else if has("/CONTENTS") {
        (
            "Microsoft Works (.wps)",
            "open it in a word processor and save it as .docx",
        )
    } else {
        (
            "non-Word compound (OLE storage)",
            "it is not a report; give gongkai the report as .doc, .docx, PDF, HTML or text",
        )
    };
    Error::UnsupportedFormat { format, advice }
}

/// Reads one stream of the compound file whole, refusing one over the size limit.
fn read_stream<F: std::io::Read + std::io::Seek>(
    file: &mut cfb::CompoundFile<F>,
    name: &str,
    limits: &crate::limits::Limits,
) -> Result<Vec<u8>> {
    let mut stream = file.open_stream(name).map_err(|e| {
        damaged(msg!(
            "the {} stream cannot be opened in the compound file ({e})",
            &name[1..]
        ))
    })?;
    let declared = stream.len();
    limits.check(declared)?;
    // The declared size is within the limit, but the chain behind it may be shorter:
    // never reserve more than the file could hold.
    let mut out = Vec::with_capacity(usize::try_from(declared).unwrap_or(0).min(1 << 24));
    (&mut stream)
        .take(limits.max_input_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| {
            damaged(msg!(
                "the {} stream cannot be read from the compound file ({e})",
                &name[1..]
            ))
        })?;
    limits.check(out.len() as u64)?;
    Ok(out)
}

/// `bytes[range]`, or an error naming what the range was meant to hold.
fn slice<'a>(bytes: &'a [u8], (fc, lcb): (u32, u32), what: &str) -> Result<&'a [u8]> {
    let start = fc as usize;
    let end = start.checked_add(lcb as usize);
    match end {
        Some(end) if end <= bytes.len() => Ok(&bytes[start..end]),
        _ => Err(damaged(msg!(
            "{what} lies outside its stream (bytes {fc}..{} of {})",
            u64::from(fc) + u64::from(lcb),
            bytes.len()
        ))),
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// What the reader needs of the FIB.
#[derive(Debug)]
struct Fib {
    /// The table stream is `1Table` (else `0Table`).
    table_one: bool,
    /// Characters in the main document (the rest of the text is footnotes, headers...).
    ccp_text: u32,
    /// Offset and size of the CLX in the table stream.
    clx: (u32, u32),
    /// Offset and size of the PlcBtePapx in the table stream.
    papx: (u32, u32),
    /// Offset and size of the PlcBteChpx (character properties) in the table stream.
    chpx: (u32, u32),
}

impl Fib {
    fn read(word: &[u8]) -> Result<Fib> {
        let short = || damaged("the WordDocument stream is too short for its FIB");
        let ident = u16_at(word, 0).ok_or_else(short)?;
        if ident != WORD_IDENT {
            return Err(damaged(msg!(
                "the WordDocument stream does not start with a Word FIB (0x{ident:04X})"
            )));
        }
        let nfib = u16_at(word, 2).ok_or_else(short)?;
        let flags = u16_at(word, 0x0A).ok_or_else(short)?;
        // fEncrypted (bit 8) and fObfuscated (bit 15): the text is scrambled without the
        // password.
        if flags & 0x0100 != 0 || flags & 0x8000 != 0 {
            return Err(Error::UnsupportedFormat {
                format: "password-protected (encrypted) Word",
                advice: "open it with its password and save it again without one",
            });
        }
        if nfib < NFIB_WORD97 {
            return Err(Error::UnsupportedFormat {
                format: "Word 6.0/95 (older than Word 97)",
                advice: "open it in Word or WPS Office and save it as .docx",
            });
        }
        // FibBase (32 bytes), then csw and fibRgW, then cslw and fibRgLw, then cbRgFcLcb
        // and the (fc, lcb) pairs.
        let csw = usize::from(u16_at(word, 0x20).ok_or_else(short)?);
        let rglw = 0x22 + csw * 2;
        let cslw = usize::from(u16_at(word, rglw).ok_or_else(short)?);
        let lw = rglw + 2;
        // fibRgLw[3] is ccpText.
        let ccp_text = if cslw > 3 {
            u32_at(word, lw + 12).ok_or_else(short)?
        } else {
            return Err(short());
        };
        let rgfclcb = lw + cslw * 4;
        let count = usize::from(u16_at(word, rgfclcb).ok_or_else(short)?);
        let pair = |i: usize| -> Result<(u32, u32)> {
            if i >= count {
                return Err(short());
            }
            let at = rgfclcb + 2 + i * 8;
            Ok((
                u32_at(word, at).ok_or_else(short)?,
                u32_at(word, at + 4).ok_or_else(short)?,
            ))
        };
        Ok(Fib {
            table_one: flags & 0x0200 != 0,
            ccp_text,
            papx: pair(13)?,
            chpx: pair(12)?,
            clx: pair(33)?,
        })
    }
}

/// One piece of the text.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// The CPs it holds.
    cp: (u32, u32),
    /// Where its first character is in `WordDocument`.
    fc: usize,
    /// One byte a character (Windows-1252), else two (UTF-16LE).
    compressed: bool,
    /// The piece's property modifier (Prm).
    prm: u16,
}

/// The piece table and the property lists (Prc) that pieces' modifiers may point to.
#[derive(Debug)]
struct Clx {
    pieces: Vec<Piece>,
    grpprls: Vec<Vec<u8>>,
}

impl Clx {
    /// Reads the CLX; every piece must lie inside the `WordDocument` stream of `len`
    /// bytes, and together they may not claim more text than the stream holds.
    fn read(b: &[u8], len: usize) -> Result<Clx> {
        let mut at = 0usize;
        let mut grpprls = Vec::new();
        let bad = |what: &str| damaged(msg!("the piece table is damaged: {what}"));
        loop {
            match b.get(at) {
                Some(1) => {
                    let cb = usize::from(u16_at(b, at + 1).ok_or_else(|| bad("a cut Prc"))?);
                    let data = b
                        .get(at + 3..at + 3 + cb)
                        .ok_or_else(|| bad("a Prc runs past its end"))?;
                    grpprls.push(data.to_vec());
                    at += 3 + cb;
                }
                Some(2) => break,
                Some(t) => return Err(bad(&format!("unexpected CLX entry type {t}"))),
                None => return Err(bad("no piece descriptors (Pcdt)")),
            }
        }
        let lcb = u32_at(b, at + 1).ok_or_else(|| bad("a cut Pcdt"))? as usize;
        let plc = b
            .get(at + 5..at + 5usize.saturating_add(lcb))
            .ok_or_else(|| bad("the PlcPcd runs past its end"))?;
        if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(12) {
            return Err(bad(&format!("a PlcPcd of {} bytes", plc.len())));
        }
        let n = (plc.len() - 4) / 12;
        let mut pieces = Vec::with_capacity(n);
        let mut total = 0usize;
        for i in 0..n {
            let start = u32_at(plc, i * 4).unwrap_or(0);
            let end = u32_at(plc, i * 4 + 4).unwrap_or(0);
            if end < start {
                return Err(bad(&format!(
                    "piece {i} ends (CP {end}) before it starts ({start})"
                )));
            }
            if i > 0 && pieces.last().is_some_and(|p: &Piece| p.cp.1 != start) {
                return Err(bad(&format!("piece {i} does not follow the one before it")));
            }
            let pcd = 4 * (n + 1) + i * 8;
            let raw = u32_at(plc, pcd + 2).unwrap_or(0);
            let prm = u16_at(plc, pcd + 6).unwrap_or(0);
            let compressed = raw & 0x4000_0000 != 0;
            let fc_bits = (raw & 0x3FFF_FFFF) as usize;
            let chars = (end - start) as usize;
            let (fc, bytes) = if compressed {
                (fc_bits / 2, chars)
            } else {
                (fc_bits, chars * 2)
            };
            if fc.checked_add(bytes).is_none_or(|e| e > len) {
                return Err(bad(&format!(
                    "piece {i} points outside the WordDocument stream (bytes {fc}..{} of {len})",
                    fc as u64 + bytes as u64
                )));
            }
            total += bytes;
            // Pieces of a real document never overlap; a table whose pieces repeat the
            // same bytes would make text far larger than the file.
            if total > len {
                return Err(bad(
                    "its pieces claim more text than the WordDocument stream holds",
                ));
            }
            pieces.push(Piece {
                cp: (start, end),
                fc,
                compressed,
                prm,
            });
        }
        Ok(Clx { pieces, grpprls })
    }
}

/// The PlcBtePapx: which FKP page holds the properties of the paragraphs whose marks lie
/// in each range of file positions.
#[derive(Debug)]
struct PapxIndex {
    fcs: Vec<u32>,
    pages: Vec<u32>,
}

impl PapxIndex {
    fn read(b: &[u8]) -> Result<PapxIndex> {
        if b.len() < 4 || !(b.len() - 4).is_multiple_of(8) {
            return Err(damaged(msg!(
                "the paragraph index (PlcBtePapx) has {} bytes, not 4 + 8n",
                b.len()
            )));
        }
        let n = (b.len() - 4) / 8;
        let fcs = (0..=n).map(|i| u32_at(b, i * 4).unwrap_or(0)).collect();
        let pages = (0..n)
            .map(|i| u32_at(b, 4 * (n + 1) + i * 4).unwrap_or(0) & 0x003F_FFFF)
            .collect();
        Ok(PapxIndex { fcs, pages })
    }

    /// The FKP page for the paragraph mark at `fc`.
    fn page(&self, fc: u32) -> Option<u32> {
        let i = self.fcs.partition_point(|&f| f <= fc);
        if i == 0 || i > self.pages.len() {
            return None;
        }
        Some(self.pages[i - 1])
    }
}

/// One FKP page of paragraph properties: runs of file positions and each run's grpprl.
#[derive(Debug, Default)]
struct Fkp {
    fcs: Vec<u32>,
    /// Each run's property modifiers (after the style index), empty for none.
    grpprls: Vec<Vec<u8>>,
}

impl Fkp {
    fn read(page: &[u8]) -> Fkp {
        let crun = usize::from(page[511]);
        // A damaged count is cut to what fits in the page rather than read past it.
        let crun = crun.min((511 - 4) / 17);
        let fcs: Vec<u32> = (0..=crun)
            .map(|i| u32_at(page, i * 4).unwrap_or(0))
            .collect();
        let grpprls = (0..crun)
            .map(|i| {
                let bx = 4 * (crun + 1) + i * 13;
                let off = usize::from(page[bx]) * 2;
                if off == 0 || off >= 511 {
                    return Vec::new();
                }
                let (start, len) = match page[off] {
                    0 => (off + 2, usize::from(*page.get(off + 1).unwrap_or(&0)) * 2),
                    cb => (off + 1, usize::from(cb) * 2 - 1),
                };
                let end = (start + len).min(511);
                // The first two bytes are the style index.
                page.get(start + 2..end).unwrap_or(&[]).to_vec()
            })
            .collect();
        Fkp { fcs, grpprls }
    }

    fn grpprl(&self, fc: u32) -> &[u8] {
        let i = self.fcs.partition_point(|&f| f <= fc);
        if i == 0 || i > self.grpprls.len() {
            return &[];
        }
        &self.grpprls[i - 1]
    }
}

/// What the reader needs of a paragraph's (and, for a row's end, a table row's)
/// properties.
#[derive(Debug, Default, Clone, PartialEq)]
struct Props {
    /// Table depth: 0 outside tables.
    depth: u32,
    /// The paragraph ends a row of a top-level table (sprmPFTtp).
    ttp: bool,
    /// The paragraph ends a row of a nested table (sprmPFInnerTtp).
    inner_ttp: bool,
    /// The row's cells as sprmTDefTable and sprmTVertMerge give them: (merged into the
    /// cell on the left, merged into the cell above).
    cells: Option<Vec<(bool, bool)>>,
    /// Where the rest of the properties are in the `Data` stream (sprmPHugePapx): Word
    /// puts them there when they do not fit in their FKP page (a wide table row's).
    huge: Option<u32>,
}

impl Props {
    /// Applies a grpprl (a run of property modifiers).
    fn apply(&mut self, mut g: &[u8]) {
        while g.len() >= 2 {
            let sprm = u16::from_le_bytes([g[0], g[1]]);
            let rest = &g[2..];
            let (operand, used) = match operand(sprm, rest) {
                Some(x) => x,
                None => return,
            };
            match sprm {
                // sprmPFInTable
                0x2416 => {
                    if operand.first().is_some_and(|&b| b != 0) {
                        self.depth = self.depth.max(1);
                    } else {
                        self.depth = 0;
                    }
                }
                // sprmPFTtp
                0x2417 => self.ttp = operand.first().is_some_and(|&b| b != 0),
                // sprmPItap
                0x6649 => self.depth = u32_at(operand, 0).unwrap_or(0).min(64),
                // sprmPFInnerTtp
                0x244C => self.inner_ttp = operand.first().is_some_and(|&b| b != 0),
                // sprmTDefTable
                0xD608 => self.cells = Some(def_table(operand)),
                // sprmPHugePapx
                0x6646 => self.huge = u32_at(operand, 0),
                // sprmTVertMerge
                0xD62B => {
                    if let (Some(&itc), Some(&how), Some(cells)) =
                        (operand.first(), operand.get(1), self.cells.as_mut())
                    {
                        if let Some(c) = cells.get_mut(usize::from(itc)) {
                            // 1: merged with the cell above; 3: starts a merge; 0: none.
                            c.1 = how == 1;
                        }
                    }
                }
                _ => {}
            }
            g = &rest[used..];
        }
    }
}

/// The operand of a sprm at the start of `rest`, and how many bytes it takes there.
fn operand(sprm: u16, rest: &[u8]) -> Option<(&[u8], usize)> {
    let fixed = match sprm >> 13 {
        0 | 1 => Some(1),
        2 | 4 | 5 => Some(2),
        3 => Some(4),
        7 => Some(3),
        _ => None,
    };
    let (start, len) = match (fixed, sprm) {
        (Some(n), _) => (0, n),
        // sprmTDefTable and its Word 6 twin: a two-byte size, one more than the rest.
        (None, 0xD608 | 0xD606) => (2, usize::from(u16_at(rest, 0)?).saturating_sub(1)),
        // sprmPChgTabs: a size byte, where 255 means a longer form this reader skips.
        (None, 0xC615) if rest.first() == Some(&255) => return None,
        (None, _) => (1, usize::from(*rest.first()?)),
    };
    let operand = rest.get(start..start + len)?;
    Some((operand, start + len))
}

/// The merge flags of each cell of a sprmTDefTable operand.
fn def_table(op: &[u8]) -> Vec<(bool, bool)> {
    let Some(&n) = op.first() else {
        return Vec::new();
    };
    let n = usize::from(n);
    let tcs = 1 + (n + 1) * 2;
    (0..n)
        .map(|i| match u16_at(op, tcs + i * 20) {
            // fMerged (bit 1); fVertMerge (bit 5) without fVertRestart (bit 6).
            Some(f) => (f & 0x0002 != 0, f & 0x0020 != 0 && f & 0x0040 == 0),
            // Fewer TCs than cells: the rest have none of the flags.
            None => (false, false),
        })
        .collect()
}

/// How a paragraph ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// A paragraph mark (or a section mark).
    Paragraph,
    /// A cell mark: the end of a cell, or of a row when the properties say so.
    Cell,
    /// The text ran out before a mark.
    None,
}

/// One paragraph of the main document.
#[derive(Debug)]
struct Paragraph {
    text: String,
    end: End,
    props: Props,
}

struct Reader<'a> {
    word: &'a [u8],
    /// The `Data` stream (empty when the file has none).
    data: &'a [u8],
    clx: &'a Clx,
    papx: PapxIndex,
    pages: HashMap<u32, Fkp>,
    /// File ranges of text deleted with tracked changes, sorted.
    deleted: Vec<(u32, u32)>,
}

impl Reader<'_> {
    /// The main document's paragraphs, with their properties.
    fn paragraphs(&mut self, ccp_text: u32) -> Result<Vec<Paragraph>> {
        let mut out = Vec::new();
        let mut text = String::new();
        // Open fields: whether each is past its separator (showing its result).
        let mut fields: Vec<bool> = Vec::new();
        // The first half of a UTF-16 surrogate pair, waiting for its second.
        let mut high: Option<u16> = None;
        let clx = self.clx;
        for piece in &clx.pieces {
            let (start, end) = piece.cp;
            if start >= ccp_text {
                break;
            }
            let end = end.min(ccp_text);
            for k in 0..(end - start) as usize {
                let (c, fc) = if piece.compressed {
                    let fc = piece.fc + k;
                    (cp1252(self.word[fc]), fc)
                } else {
                    let fc = piece.fc + 2 * k;
                    let u = u16::from_le_bytes([self.word[fc], self.word[fc + 1]]);
                    if (0xD800..0xDC00).contains(&u) {
                        high = Some(u);
                        continue;
                    }
                    let c = match (high.take(), u) {
                        (Some(h), 0xDC00..=0xDFFF) => {
                            let v =
                                0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                            char::from_u32(v).unwrap_or('\u{FFFD}')
                        }
                        (h, _) => {
                            if h.is_some() {
                                // A first half without its second.
                                text.push('\u{FFFD}');
                            }
                            char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')
                        }
                    };
                    (c, fc)
                };
                // Text deleted with tracked changes is still in the file: it is left
                // out, as the .docx reader leaves out `w:delText`. Marks stay, so the
                // paragraphs and cells keep their shape.
                if !matches!(c, '\r' | '\x0c' | '\x07') && self.is_deleted(fc as u32) {
                    continue;
                }
                let end = match c {
                    '\r' | '\x0c' => Some(End::Paragraph),
                    '\x07' => Some(End::Cell),
                    _ => None,
                };
                if let Some(end) = end {
                    let props = self.props(fc as u32, piece.prm);
                    out.push(Paragraph {
                        text: std::mem::take(&mut text),
                        end,
                        props,
                    });
                    continue;
                }
                match c {
                    '\x13' => {
                        if fields.len() < 256 {
                            fields.push(false);
                        }
                        continue;
                    }
                    '\x14' => {
                        if let Some(f) = fields.last_mut() {
                            *f = true;
                        }
                        continue;
                    }
                    '\x15' => {
                        fields.pop();
                        continue;
                    }
                    _ => {}
                }
                if fields.iter().any(|&shown| !shown) {
                    continue;
                }
                match c {
                    '\x0b' | '\x0e' => text.push('\n'),
                    '\x1e' => text.push('-'),
                    '\t' => text.push('\t'),
                    c if (c as u32) < 0x20 => {}
                    c => text.push(c),
                }
            }
        }
        if !text.is_empty() {
            out.push(Paragraph {
                text,
                end: End::None,
                props: Props::default(),
            });
        }
        Ok(out)
    }

    /// True when the character at `fc` was deleted with tracked changes.
    fn is_deleted(&self, fc: u32) -> bool {
        let i = self.deleted.partition_point(|r| r.0 <= fc);
        i > 0 && fc < self.deleted[i - 1].1
    }

    /// The properties of the paragraph whose mark is at `fc`, with the piece's modifier
    /// applied after them.
    fn props(&mut self, fc: u32, prm: u16) -> Props {
        let mut props = Props::default();
        if let Some(pn) = self.papx.page(fc) {
            let word = self.word;
            let fkp = self.pages.entry(pn).or_insert_with(|| {
                let at = pn as usize * 512;
                match word.get(at..at + 512) {
                    Some(page) => Fkp::read(page),
                    None => Fkp::default(),
                }
            });
            props.apply(fkp.grpprl(fc));
        }
        if let Some(at) = props.huge.take() {
            // The properties in the Data stream: a two-byte size, then the grpprl.
            let at = at as usize;
            let len = u16_at(self.data, at).map_or(0, usize::from);
            if let Some(g) = self.data.get(at + 2..at + 2 + len) {
                props.apply(g);
            }
        }
        // A Prm1 (bit 0 set) names one of the CLX's property lists; a Prm0 holds a
        // single character or paragraph property that is never a table's.
        if prm & 1 == 1 {
            if let Some(g) = self.clx.grpprls.get(usize::from(prm >> 1)) {
                props.apply(g);
            }
        }
        props
    }
}

/// The file ranges of text deleted with tracked changes (sprmCFRMarkDel), from the
/// character properties' FKP pages.
fn deleted_text(word: &[u8], plc: &[u8]) -> Result<Vec<(u32, u32)>> {
    if plc.is_empty() {
        return Ok(Vec::new());
    }
    if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(8) {
        return Err(damaged(msg!(
            "the character index (PlcBteChpx) has {} bytes, not 4 + 8n",
            plc.len()
        )));
    }
    let n = (plc.len() - 4) / 8;
    let mut pages: Vec<u32> = (0..n)
        .map(|i| u32_at(plc, 4 * (n + 1) + i * 4).unwrap_or(0) & 0x003F_FFFF)
        .collect();
    pages.sort_unstable();
    pages.dedup();
    let mut out = Vec::new();
    for pn in pages {
        let at = pn as usize * 512;
        let Some(page) = word.get(at..at + 512) else {
            continue;
        };
        // A damaged count is cut to what fits in the page.
        let crun = usize::from(page[511]).min((511 - 4) / 5);
        for i in 0..crun {
            let off = usize::from(page[4 * (crun + 1) + i]) * 2;
            if off == 0 || off >= 511 {
                continue;
            }
            let cb = usize::from(page[off]);
            let mut g = &page[off + 1..(off + 1 + cb).min(511)];
            while g.len() >= 2 {
                let sprm = u16::from_le_bytes([g[0], g[1]]);
                let Some((op, used)) = operand(sprm, &g[2..]) else {
                    break;
                };
                // sprmCFRMarkDel: on (1), or the opposite of the style's (0x81).
                if sprm == 0x0800 && matches!(op.first(), Some(1 | 0x81)) {
                    let (from, to) = (u32_at(page, i * 4), u32_at(page, i * 4 + 4));
                    if let (Some(from), Some(to)) = (from, to) {
                        out.push((from, to));
                    }
                }
                g = &g[2 + used..];
            }
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// A byte of a compressed piece as a character (Windows-1252).
fn cp1252(b: u8) -> char {
    if b < 0x80 {
        return char::from(b);
    }
    let byte = [b];
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
    s.chars().next().unwrap_or('\u{FFFD}')
}

/// The state of building the document from its paragraphs.
#[derive(Default)]
struct Builder {
    doc: DocumentBuf,
    /// The body's block count.
    block: usize,
    /// The rows of the open top-level table.
    rows: Vec<Row<'static>>,
    /// The finished cells of the open row.
    cells: Vec<String>,
    /// The lines of the open cell.
    cell_lines: Vec<String>,
    /// Rows that ended without their row-end mark and properties.
    unfinished_rows: usize,
}

impl Builder {
    /// A paragraph outside tables.
    fn body(&mut self, text: &str) {
        self.end_table();
        self.block += 1;
        for line in text.split('\n') {
            if !crate::normalize::is_blank(line) {
                self.doc.push_line(line.trim(), self.block);
            }
        }
    }

    /// A paragraph inside a cell.
    fn cell_paragraph(&mut self, text: &str) {
        self.cell_lines.extend(text.split('\n').map(str::to_string));
    }

    /// A cell mark: the open cell is finished.
    fn end_cell(&mut self) {
        let text = super::docx::cell_text(&self.cell_lines);
        self.cell_lines.clear();
        self.cells.push(text);
    }

    /// A row's end, with its cells' merge flags when the row has them.
    fn end_row(&mut self, merges: Option<&[(bool, bool)]>) {
        self.block += 1;
        let line = self.block;
        let mut row = Vec::with_capacity(self.cells.len());
        for (i, text) in std::mem::take(&mut self.cells).into_iter().enumerate() {
            let (left, up) = merges.and_then(|m| m.get(i).copied()).unwrap_or_default();
            if up {
                continue;
            }
            if left {
                // A cell merged into the one on its left shows nothing of its own; were
                // there text in it, it joins that cell rather than being lost.
                if let Some(prev) = row.last_mut().filter(|_| !text.is_empty()) {
                    let prev: &mut Cell<'static> = prev;
                    let joined = if prev.text.is_empty() {
                        text
                    } else {
                        format!("{}\n{text}", prev.text)
                    };
                    prev.text = joined.into();
                }
                continue;
            }
            row.push(Cell {
                text: text.into(),
                line,
            });
        }
        self.rows.push(Row { cells: row, line });
    }

    /// The open table, if any, is finished.
    fn end_table(&mut self) {
        if !self.cell_lines.is_empty() || !self.cells.is_empty() {
            // Cells whose row never ended: kept as a row, but without the row's
            // properties their merges are unknown, so the reader says so.
            if !self.cell_lines.is_empty() {
                self.end_cell();
            }
            self.unfinished_rows += 1;
            self.end_row(None);
        }
        if !self.rows.is_empty() {
            self.doc.push_table(Grid {
                layout: Layout::Docx,
                rows: std::mem::take(&mut self.rows),
            });
        }
    }
}

/// The lines and tables of the paragraphs.
fn build(paragraphs: Vec<Paragraph>) -> DocumentBuf {
    let mut b = Builder::default();
    for p in paragraphs {
        match (p.props.depth, p.end) {
            (0, _) => b.body(&p.text),
            // A row of a top-level table ends: the row-end mark holds no text.
            (1, End::Cell) if p.props.ttp => {
                if !p.text.is_empty() {
                    b.cell_paragraph(&p.text);
                    b.end_cell();
                }
                b.end_row(p.props.cells.as_deref());
            }
            (1, End::Cell) => {
                b.cell_paragraph(&p.text);
                b.end_cell();
            }
            // Inside a nested table, every paragraph and cell is a line of the outer
            // cell; the nested rows' end marks hold no text.
            (_, _) => b.cell_paragraph(&p.text),
        }
    }
    b.end_table();
    if b.unfinished_rows > 0 {
        b.doc.notes.push(Diagnostic::new(
            Code::Damaged,
            msg!(
                "the .doc is damaged: {} table rows have no row-end mark, so their merged cells are unknown; their cells were kept in the order they come",
                b.unfinished_rows
            ),
        ));
    }
    b.doc
}
