//! Word 97 (.doc) files built and taken apart for the tests: a minimal document written
//! from scratch (paragraphs, table rows with their properties, compressed and UTF-16
//! pieces in any order in the stream, as a fast save leaves them), a LibreOffice file's
//! piece table cut into many pieces, and the raw places in a compound file that the
//! damaged shapes change.
#![allow(dead_code)]

use std::io::{Cursor, Read, Write};

/// sprmPFInTable, on.
pub const IN_TABLE: [u8; 3] = [0x16, 0x24, 1];
/// sprmPFTtp, on: the paragraph ends a table row.
pub const TTP: [u8; 3] = [0x17, 0x24, 1];

/// One paragraph of a minimal document: its text (without its mark), whether it ends
/// with a cell mark (else a paragraph mark), and its properties (a grpprl).
pub struct Para {
    pub text: String,
    pub cell: bool,
    pub grpprl: Vec<u8>,
    /// Characters of `text` (by index) deleted with tracked changes.
    pub deleted: std::ops::Range<usize>,
}

/// A body paragraph.
pub fn para(text: &str) -> Para {
    Para {
        text: text.into(),
        cell: false,
        grpprl: Vec::new(),
        deleted: 0..0,
    }
}

/// A cell of a table row: its text, ended by a cell mark.
pub fn cell(text: &str) -> Para {
    Para {
        text: text.into(),
        cell: true,
        grpprl: IN_TABLE.to_vec(),
        deleted: 0..0,
    }
}

/// A row's end mark, with the row's cells given by their TC flags (bit 1 fMerged, bit 5
/// fVertMerge, bit 6 fVertRestart), and any more row properties.
pub fn row_end(tc_flags: &[u16], more: &[u8]) -> Para {
    let mut g = IN_TABLE.to_vec();
    g.extend(TTP);
    g.extend(def_table(tc_flags));
    g.extend_from_slice(more);
    Para {
        text: String::new(),
        cell: true,
        grpprl: g,
        deleted: 0..0,
    }
}

/// A sprmTDefTable with one TC per flag word.
pub fn def_table(tc_flags: &[u16]) -> Vec<u8> {
    let n = tc_flags.len();
    let mut op = vec![n as u8];
    for i in 0..=n {
        op.extend(((i * 1000) as i16).to_le_bytes());
    }
    for &f in tc_flags {
        let mut tc = [0u8; 20];
        tc[..2].copy_from_slice(&f.to_le_bytes());
        op.extend(tc);
    }
    let mut g = vec![0x08, 0xD6];
    g.extend(((op.len() + 1) as u16).to_le_bytes());
    g.extend(op);
    g
}

/// A sprmTVertMerge: cell `itc` merged with the one above (1) or starting a merge (3).
pub fn vert_merge(itc: u8, how: u8) -> Vec<u8> {
    vec![0x2B, 0xD6, 2, itc, how]
}

/// How a minimal document stores its text.
pub struct Layout {
    /// Characters per piece (the last one may be shorter).
    pub piece_chars: usize,
    /// Store pieces whose text is all in Windows-1252 one byte a character.
    pub compress: bool,
    /// Write the pieces into the stream last first, as a fast save leaves them.
    pub reversed: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            piece_chars: usize::MAX,
            compress: false,
            reversed: false,
        }
    }
}

/// A character as one byte of Windows-1252, where it is one (a few of the 0x80–0x9F
/// range, and Latin-1).
pub fn cp1252(c: char) -> Option<u8> {
    match c {
        '\u{0}'..='\u{7f}' | '\u{a0}'..='\u{ff}' => Some(c as u8),
        '€' => Some(0x80),
        '’' => Some(0x92),
        '–' => Some(0x96),
        '—' => Some(0x97),
        _ => None,
    }
}

/// Where the FIB's table-stream pointers are: (fc, lcb) pair `i`.
pub fn fib_pair_at(i: usize) -> usize {
    0x9A + i * 8
}

/// A minimal Word 97 document: a FIB, the text in pieces, one FKP page per ten
/// paragraphs, and the table stream (`1Table`) with the CLX and the PlcBtePapx.
/// Returns the compound file and the number of pieces.
pub fn minimal(paras: &[Para], layout: &Layout) -> (Vec<u8>, usize) {
    let mut chars: Vec<char> = Vec::new();
    // For each paragraph, the CP of its mark.
    let mut marks = Vec::new();
    // The CPs of characters deleted with tracked changes.
    let mut deleted_cps = Vec::new();
    for p in paras {
        deleted_cps.extend(p.deleted.clone().map(|i| chars.len() + i));
        chars.extend(p.text.chars());
        marks.push(chars.len());
        chars.push(if p.cell { '\x07' } else { '\r' });
    }
    // Pieces: (first CP, one past the last, compressed).
    let mut pieces = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let end = at.saturating_add(layout.piece_chars).min(chars.len());
        let narrow = chars[at..end].iter().all(|&c| cp1252(c).is_some());
        pieces.push((at, end, layout.compress && narrow));
        at = end;
    }
    let mut word = vec![0u8; 0x600];
    let mut fcs = vec![0usize; pieces.len()];
    let order: Vec<usize> = if layout.reversed {
        (0..pieces.len()).rev().collect()
    } else {
        (0..pieces.len()).collect()
    };
    for &i in &order {
        let (s, e, compressed) = pieces[i];
        fcs[i] = word.len();
        for &c in &chars[s..e] {
            if compressed {
                word.push(cp1252(c).unwrap());
            } else {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    word.extend(u.to_le_bytes());
                }
            }
        }
    }
    // The file position of each mark.
    let fc_of = |cp: usize| -> (usize, usize) {
        let i = pieces
            .iter()
            .position(|&(s, e, _)| s <= cp && cp < e)
            .unwrap();
        let (s, _, compressed) = pieces[i];
        if compressed {
            (fcs[i] + (cp - s), 1)
        } else {
            (fcs[i] + 2 * (cp - s), 2)
        }
    };
    let mut runs: Vec<(usize, usize, &[u8])> = marks
        .iter()
        .zip(paras)
        .map(|(&cp, p)| {
            let (fc, w) = fc_of(cp);
            (fc, w, p.grpprl.as_slice())
        })
        .collect();
    runs.sort_by_key(|r| r.0);
    // At least 4096 bytes, as every Word file's is: smaller streams go to the compound
    // file's mini stream, and the damaged shapes change the main FAT's chains.
    while !word.len().is_multiple_of(512) || word.len() < 4096 {
        word.push(0);
    }
    let mut bte_fcs = Vec::new();
    let mut bte_pns = Vec::new();
    for chunk in runs.chunks(10) {
        let mut page = [0u8; 512];
        let crun = chunk.len();
        for (i, r) in chunk.iter().enumerate() {
            page[i * 4..i * 4 + 4].copy_from_slice(&(r.0 as u32).to_le_bytes());
        }
        let last = chunk.last().unwrap();
        page[crun * 4..crun * 4 + 4].copy_from_slice(&((last.0 + last.1) as u32).to_le_bytes());
        let mut free = 511;
        for (i, r) in chunk.iter().enumerate() {
            let mut papx = vec![0u8, 0u8]; // istd 0
            papx.extend_from_slice(r.2);
            let l = papx.len();
            let mut bytes = if l % 2 == 1 {
                vec![l.div_ceil(2) as u8]
            } else {
                vec![0, (l / 2) as u8]
            };
            bytes.extend(papx);
            let mut off = free - bytes.len();
            off -= off % 2;
            page[off..off + bytes.len()].copy_from_slice(&bytes);
            free = off;
            page[4 * (crun + 1) + i * 13] = (off / 2) as u8;
        }
        page[511] = crun as u8;
        bte_fcs.push(chunk[0].0 as u32);
        bte_pns.push((word.len() / 512) as u32);
        word.extend(page);
    }
    bte_fcs.push((last_run_end(&runs)) as u32);

    // Character properties: a run for each deleted character (sprmCFRMarkDel), runs
    // without properties between them.
    let mut points: Vec<(usize, bool)> = Vec::new();
    for &cp in &deleted_cps {
        let (fc, w) = fc_of(cp);
        points.push((fc, true));
        points.push((fc + w, false));
    }
    points.sort();
    points.dedup_by(|b, a| {
        a.0 == b.0 && {
            a.1 |= b.1;
            true
        }
    });
    let mut chpx_fcs = Vec::new();
    let mut chpx_pns = Vec::new();
    for chunk in points.windows(2).collect::<Vec<_>>().chunks(50) {
        let mut page = [0u8; 512];
        let crun = chunk.len();
        for (i, w) in chunk.iter().enumerate() {
            page[i * 4..i * 4 + 4].copy_from_slice(&(w[0].0 as u32).to_le_bytes());
        }
        let end = chunk[crun - 1][1].0 as u32;
        page[crun * 4..crun * 4 + 4].copy_from_slice(&end.to_le_bytes());
        // One CHPX, shared by the deleted runs: cb, then sprmCFRMarkDel on.
        page[500..504].copy_from_slice(&[3, 0x00, 0x08, 1]);
        for (i, w) in chunk.iter().enumerate() {
            if w[0].1 {
                page[4 * (crun + 1) + i] = 250;
            }
        }
        page[511] = crun as u8;
        chpx_fcs.push(chunk[0][0].0 as u32);
        chpx_pns.push((word.len() / 512) as u32);
        word.extend(page);
    }
    if let Some(last) = points.last() {
        chpx_fcs.push(last.0 as u32);
    }

    let mut table = Vec::new();
    // The CLX: the PlcPcd in a Pcdt.
    let mut plc = Vec::new();
    for &(s, _, _) in &pieces {
        plc.extend((s as u32).to_le_bytes());
    }
    plc.extend((chars.len() as u32).to_le_bytes());
    for (i, &(_, _, compressed)) in pieces.iter().enumerate() {
        let fc = if compressed {
            (fcs[i] as u32 * 2) | 0x4000_0000
        } else {
            fcs[i] as u32
        };
        plc.extend([0, 0]);
        plc.extend(fc.to_le_bytes());
        plc.extend([0, 0]);
    }
    table.push(2);
    table.extend((plc.len() as u32).to_le_bytes());
    table.extend(&plc);
    let clx = (0u32, table.len() as u32);
    let papx_at = table.len() as u32;
    for f in &bte_fcs {
        table.extend(f.to_le_bytes());
    }
    for p in &bte_pns {
        table.extend(p.to_le_bytes());
    }
    let papx = (papx_at, table.len() as u32 - papx_at);
    let chpx_at = table.len() as u32;
    if !chpx_pns.is_empty() {
        for f in &chpx_fcs {
            table.extend(f.to_le_bytes());
        }
        for p in &chpx_pns {
            table.extend(p.to_le_bytes());
        }
    }
    let chpx = (chpx_at, table.len() as u32 - chpx_at);

    // The FIB.
    word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    word[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
    let mut flags = 0x0200u16; // fWhichTblStm: 1Table
    if pieces.len() > 1 {
        flags |= 0x0004; // fComplex
    }
    word[0x0A..0x0C].copy_from_slice(&flags.to_le_bytes());
    word[0x20..0x22].copy_from_slice(&14u16.to_le_bytes());
    word[0x3E..0x40].copy_from_slice(&22u16.to_le_bytes());
    word[0x4C..0x50].copy_from_slice(&(chars.len() as u32).to_le_bytes());
    word[0x98..0x9A].copy_from_slice(&93u16.to_le_bytes());
    for (i, (fc, lcb)) in [(12, chpx), (13, papx), (33, clx)] {
        let at = fib_pair_at(i);
        word[at..at + 4].copy_from_slice(&fc.to_le_bytes());
        word[at + 4..at + 8].copy_from_slice(&lcb.to_le_bytes());
    }
    (
        write_cfb(&[("/WordDocument", &word), ("/1Table", &table)]),
        pieces.len(),
    )
}

fn last_run_end(runs: &[(usize, usize, &[u8])]) -> usize {
    runs.last().map_or(0, |r| r.0 + r.1)
}

/// A compound file holding the given streams.
pub fn write_cfb(streams: &[(&str, &[u8])]) -> Vec<u8> {
    // Version 3 (512-byte sectors), as Word writes them, so the damaged shapes can find
    // the FAT and the directory where [`dir_entry`] looks.
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        file.create_stream(name).unwrap().write_all(data).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// A stream of a compound file.
pub fn stream(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    file.open_stream(name)
        .unwrap()
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

/// A Word document's piece table: (CPs, (fc field, prm) per piece), and where the CLX is.
pub fn pieces(word: &[u8], table: &[u8]) -> (Vec<u32>, Vec<(u32, u16)>) {
    let at = u32_at(word, fib_pair_at(33)) as usize;
    let mut p = at;
    while table[p] == 1 {
        let cb = u16::from_le_bytes([table[p + 1], table[p + 2]]) as usize;
        p += 3 + cb;
    }
    assert_eq!(table[p], 2);
    let lcb = u32_at(table, p + 1) as usize;
    let plc = &table[p + 5..p + 5 + lcb];
    let n = (lcb - 4) / 12;
    let cps = (0..=n).map(|i| u32_at(plc, i * 4)).collect();
    let pcds = (0..n)
        .map(|i| {
            let d = 4 * (n + 1) + i * 8;
            (
                u32_at(plc, d + 2),
                u16::from_le_bytes([plc[d + 6], plc[d + 7]]),
            )
        })
        .collect();
    (cps, pcds)
}

/// A LibreOffice .doc with its text cut into many pieces as a fast save leaves them:
/// stretches of text between paragraph marks are copied to the end of the
/// `WordDocument` stream, last first, the ASCII ones one byte a character (compressed),
/// the others as UTF-16; the marks stay where the paragraph properties point. Returns
/// the new file, its number of pieces and how many of them are compressed.
pub fn fast_saved(bytes: &[u8]) -> (Vec<u8>, usize, usize) {
    let mut word = stream(bytes, "/WordDocument");
    let mut table = stream(bytes, "/1Table");
    let (cps, pcds) = pieces(&word, &table);
    let text_len = *cps.last().unwrap();
    // Each CP's character and file position, from the original pieces.
    let mut chars: Vec<(u16, u32, bool)> = Vec::new();
    for (i, &(fc, _)) in pcds.iter().enumerate() {
        let compressed = fc & 0x4000_0000 != 0;
        for k in 0..(cps[i + 1] - cps[i]) {
            if compressed {
                let f = (fc & 0x3FFF_FFFF) / 2 + k;
                chars.push((word[f as usize] as u16, f, true));
            } else {
                let f = fc + 2 * k;
                let u = u16::from_le_bytes([word[f as usize], word[f as usize + 1]]);
                chars.push((u, f, false));
            }
        }
    }
    assert_eq!(chars.len() as u32, text_len);
    // Runs: a mark stays in place (a piece of its own); the text between marks is cut
    // into stretches of at most 7 characters, each ASCII or not.
    let is_mark = |u: u16| matches!(u, 0x0D | 0x07 | 0x0C);
    let mut runs: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, moved)
    let mut i = 0;
    while i < chars.len() {
        if is_mark(chars[i].0) {
            runs.push((i, i + 1, false));
            i += 1;
            continue;
        }
        let ascii = chars[i].0 < 0x80;
        let mut j = i;
        while j < chars.len() && j - i < 7 && !is_mark(chars[j].0) && (chars[j].0 < 0x80) == ascii {
            j += 1;
        }
        runs.push((i, j, true));
        i = j;
    }
    // Moved stretches are written at the end of the stream, last first.
    let mut fc_of_run = vec![0u32; runs.len()];
    let mut compressed_runs = vec![false; runs.len()];
    for (r, &(s, e, moved)) in runs.iter().enumerate().rev() {
        if !moved {
            let (_, f, c) = chars[s];
            fc_of_run[r] = if c { (f * 2) | 0x4000_0000 } else { f };
            compressed_runs[r] = c;
            continue;
        }
        let ascii = chars[s..e].iter().all(|c| c.0 < 0x80);
        let at = word.len() as u32;
        if ascii {
            word.extend(chars[s..e].iter().map(|c| c.0 as u8));
            fc_of_run[r] = (at * 2) | 0x4000_0000;
            compressed_runs[r] = true;
        } else {
            for c in &chars[s..e] {
                word.extend(c.0.to_le_bytes());
            }
            fc_of_run[r] = at;
        }
    }
    let mut plc = Vec::new();
    for &(s, _, _) in &runs {
        plc.extend((s as u32).to_le_bytes());
    }
    plc.extend(text_len.to_le_bytes());
    for &fc in &fc_of_run {
        plc.extend([0, 0]);
        plc.extend(fc.to_le_bytes());
        plc.extend([0, 0]);
    }
    let clx_at = table.len() as u32;
    table.push(2);
    table.extend((plc.len() as u32).to_le_bytes());
    table.extend(&plc);
    let clx_len = table.len() as u32 - clx_at;
    let at = fib_pair_at(33);
    word[at..at + 4].copy_from_slice(&clx_at.to_le_bytes());
    word[at + 4..at + 8].copy_from_slice(&clx_len.to_le_bytes());
    // fComplex: the last save was a fast one.
    word[0x0A] |= 0x04;
    let compressed = compressed_runs.iter().filter(|&&c| c).count();
    // The Data stream holds the wide rows' properties (sprmPHugePapx).
    let data = stream(bytes, "/Data");
    (
        write_cfb(&[
            ("/WordDocument", &word),
            ("/1Table", &table),
            ("/Data", &data),
        ]),
        runs.len(),
        compressed,
    )
}

/// Where a stream's directory entry is in a compound file written by [`write_cfb`]
/// (version 3, 512-byte sectors): the byte offset of the entry.
pub fn dir_entry(bytes: &[u8], name: &str) -> usize {
    let first_dir = u32_at(bytes, 0x30) as usize;
    let want: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let mut sector = first_dir;
    // Follow the directory's chain in the FAT.
    for _ in 0..64 {
        let base = (sector + 1) * 512;
        for k in 0..4 {
            let e = base + k * 128;
            if bytes[e..e + want.len()] == want[..] {
                return e;
            }
        }
        sector = fat_entry(bytes, sector) as usize;
    }
    panic!("no directory entry {name}");
}

/// The FAT's entry for `sector` (the FAT's first sector only: small files).
pub fn fat_entry(bytes: &[u8], sector: usize) -> u32 {
    let fat = u32_at(bytes, 0x4C) as usize;
    u32_at(bytes, (fat + 1) * 512 + sector * 4)
}

/// Sets the FAT's entry for `sector`.
pub fn set_fat_entry(bytes: &mut [u8], sector: usize, next: u32) {
    let fat = u32_at(bytes, 0x4C) as usize;
    let at = (fat + 1) * 512 + sector * 4;
    bytes[at..at + 4].copy_from_slice(&next.to_le_bytes());
}

/// A stream's first sector and declared size, from its directory entry.
pub fn start_and_size(bytes: &[u8], entry: usize) -> (u32, u32) {
    (u32_at(bytes, entry + 116), u32_at(bytes, entry + 120))
}
