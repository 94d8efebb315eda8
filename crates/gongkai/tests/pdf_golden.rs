//! Golden dumps of what the PDF reader makes of each PDF of the producer matrix: its
//! lines and table rows (`gongkai::__private::pdf_document`), committed beside each PDF as
//! `NAME.SETUP.dump.txt`. A change to the reader shows as a readable diff of these files,
//! at the stage that changed. Refresh them with `GONGKAI_BLESS=1 cargo test -p gongkai
//! --test pdf_golden` and read the diff before committing it.

use std::path::{Path, PathBuf};

fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            pdfs(&p, out);
        } else if p.extension().is_some_and(|e| e == "pdf") {
            out.push(p);
        }
    }
}

#[test]
fn intermediate_documents_match_their_golden_dumps() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf-matrix");
    let mut all = Vec::new();
    pdfs(&root, &mut all);
    all.sort();
    let bless = std::env::var_os("GONGKAI_BLESS").is_some();
    let mut stale = Vec::new();
    for pdf in all {
        let got = match gongkai::__private::pdf_document(&std::fs::read(&pdf).unwrap()) {
            Ok(doc) => doc,
            Err(e) => format!("error: {e}\n"),
        };
        let golden = pdf.with_extension("dump.txt");
        if bless {
            std::fs::write(&golden, &got).unwrap();
        } else if std::fs::read_to_string(&golden).ok().as_deref() != Some(got.as_str()) {
            stale.push(golden.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "the reader's output changed (GONGKAI_BLESS=1 to refresh, then read the diff):\n{}",
        stale.join("\n")
    );
}
