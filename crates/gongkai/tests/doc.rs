//! Word 97–2003 (.doc) and WPS (.wps) files: LibreOffice's .doc of each corpus report
//! reads exactly as the .docx it was saved from; a minimal document built here shows
//! merged cells, fields, and compressed and UTF-16 pieces; a fast-saved document (many
//! pieces, out of order in the stream) reads as the one saved in one go.

mod wordbin;

use std::path::{Path, PathBuf};

use gongkai::Format;
use wordbin::{cell, minimal, para, row_end, vert_merge, Layout};

fn rendered(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rendered")
        .join(dir)
}

fn names() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(rendered("docx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    out.sort();
    assert_eq!(out.len(), 5);
    out
}

/// Asserts two reports equal, showing where they first differ rather than both whole.
fn assert_same(got: &gongkai::Report, want: &gongkai::Report, what: &str) {
    let (g, w) = (got.to_json(), want.to_json());
    if g != w {
        let at = g
            .char_indices()
            .zip(w.chars())
            .find(|((_, a), b)| a != b)
            .map_or(g.len().min(w.len()), |((i, _), _)| i);
        let from = g.floor_char_boundary(at.saturating_sub(200));
        panic!(
            "{what}: reports differ at byte {at}:\n got  …{}\n want …{}",
            &g[from..g.floor_char_boundary((at + 200).min(g.len()))],
            &w[w.floor_char_boundary(from.min(w.len()))
                ..w.floor_char_boundary((at + 200).min(w.len()))]
        );
    }
}

fn parse(path: &Path) -> gongkai::Report {
    gongkai::parse_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn libreoffice_doc_reads_exactly_as_its_docx() {
    // The whole report: metadata, sections with their lines, every table value and
    // every diagnostic, since `line` is the block index in both formats.
    for name in names() {
        let docx = parse(&rendered("docx").join(format!("{name}.docx")));
        let doc = parse(&rendered("doc").join(format!("{name}.docx.doc")));
        assert_same(&doc, &docx, &name);
    }
}

#[test]
fn a_wps_file_in_the_word_97_format_reads_as_the_doc() {
    let name = &names()[0];
    let wps = parse(&rendered("doc").join(format!("{name}.wps")));
    let doc = parse(&rendered("doc").join(format!("{name}.docx.doc")));
    assert_same(&wps, &doc, "wps");
    // By its bytes, whatever its name says.
    let bytes = std::fs::read(rendered("doc").join(format!("{name}.wps"))).unwrap();
    for hint in [
        None,
        Some(Format::Text),
        Some(Format::Docx),
        Some(Format::Wps),
    ] {
        let r = gongkai::parse_bytes_as(&bytes, hint).unwrap();
        assert_same(&r, &doc, &format!("{hint:?}"));
    }
}

#[test]
fn a_fast_saved_doc_with_many_pieces_reads_as_the_one_saved_at_once() {
    for name in names() {
        let path = rendered("doc").join(format!("{name}.docx.doc"));
        let whole = parse(&path);
        let (bytes, pieces, compressed) = wordbin::fast_saved(&std::fs::read(&path).unwrap());
        // Hundreds of pieces, both kinds, out of order in the stream.
        assert!(pieces > 500, "{name}: {pieces} pieces");
        assert!(
            compressed > 50 && compressed < pieces,
            "{name}: {compressed}"
        );
        let fast = gongkai::parse_bytes(&bytes).unwrap();
        assert_same(&fast, &whole, &name);
    }
}

/// A small report table: a header row, a label merged down two rows, a label merged
/// across two columns, and blank cells.
fn table_doc(layout: &Layout, word2000_merges: bool) -> Vec<u8> {
    // The second row's first cell continues the merge down; in the Word 2000 form the
    // flag comes from sprmTVertMerge rather than the TC.
    let (first_row, second_row, more_first, more_second) = if word2000_merges {
        (
            vec![0, 0, 0],
            vec![0, 0, 0],
            vert_merge(0, 3),
            vert_merge(0, 1),
        )
    } else {
        (vec![0x60, 0, 0], vec![0x20, 0, 0], Vec::new(), Vec::new())
    };
    let paras = vec![
        para("某县2024年政府信息公开工作年度报告"),
        para(""),
        para("三、收到和处理政府信息公开申请情况"),
        cell("本列数据的勾稽关系"),
        cell("申请人情况"),
        cell(""),
        row_end(&[0, 0x01, 0x02], &[]),
        cell("一、本年新收政府信息公开申请数量"),
        cell("12"),
        cell(""),
        row_end(&first_row, &more_first),
        cell(""),
        cell("Total 7"),
        cell("3"),
        row_end(&second_row, &more_second),
        para("四、政府信息公开行政复议、行政诉讼情况\u{b}（见下表）"),
    ];
    minimal(&paras, layout).0
}

#[test]
fn merged_and_blank_cells_come_out_as_the_docx_reader_gives_them() {
    // The grid itself, through the hidden hook the benches use.
    for (layout, word2000) in [
        (Layout::default(), false),
        (Layout::default(), true),
        (
            Layout {
                piece_chars: 5,
                compress: true,
                reversed: true,
            },
            false,
        ),
    ] {
        let bytes = table_doc(&layout, word2000);
        let doc = gongkai::__private::read_document(&bytes, Some(Format::Doc)).unwrap();
        assert_eq!(
            doc.lines,
            vec![
                ("某县2024年政府信息公开工作年度报告".to_string(), 1),
                ("三、收到和处理政府信息公开申请情况".to_string(), 3),
                ("四、政府信息公开行政复议、行政诉讼情况".to_string(), 7),
                ("（见下表）".to_string(), 7),
            ]
        );
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].0, 2, "the table stands after two lines");
        // Row 1: the header merged across its last two cells (Word 97's fFirstMerged /
        // fMerged) is one cell. Row 2: the label starts a vertical merge; the blank
        // cell stays, blank. Row 3: the cell the merge continues into is left out.
        assert_eq!(
            doc.tables[0].1,
            vec![
                (
                    4,
                    vec!["本列数据的勾稽关系".to_string(), "申请人情况".to_string()]
                ),
                (
                    5,
                    vec![
                        "一、本年新收政府信息公开申请数量".to_string(),
                        "12".to_string(),
                        String::new()
                    ]
                ),
                (6, vec!["Total 7".to_string(), "3".to_string()]),
            ]
        );
    }
}

#[test]
fn fields_show_their_result_deletions_are_left_out_and_text_comes_through_both_kinds_of_piece() {
    let paras = vec![
        para("联系电话：\u{13} HYPERLINK \"tel:1\" \u{14}0536-6221579\u{15}"),
        // A field in a field's result; a field without a result shows nothing.
        para("第\u{13} PAGE \u{14}\u{13} = 1 \u{14}3\u{15}\u{15}页\u{13} TC \"x\" \u{15}"),
        para("Caf\u{e9}\u{a0}\u{2013} 年报\u{1e}2024\u{1f}\u{9}完"),
        // Tracked changes: 12 deleted, 15 inserted; the deleted text is left out.
        wordbin::Para {
            deleted: 4..6,
            ..para("收到申请1215件")
        },
    ];
    let want = vec![
        ("联系电话：0536-6221579".to_string(), 1),
        ("第3页".to_string(), 2),
        ("Caf\u{e9}\u{a0}\u{2013} 年报-2024\t完".to_string(), 3),
        ("收到申请15件".to_string(), 4),
    ];
    for layout in [
        Layout::default(),
        Layout {
            piece_chars: 3,
            compress: true,
            reversed: true,
        },
        Layout {
            piece_chars: 1,
            compress: true,
            reversed: false,
        },
    ] {
        let (bytes, pieces) = minimal(&paras, &layout);
        let doc = gongkai::__private::read_document(&bytes, None).unwrap();
        assert_eq!(doc.lines, want, "{pieces} pieces");
    }
}
