//! The reports the benchmarks run over: the fixture corpus in each input layout, read
//! from `crates/gongkai/tests/fixtures`.

use std::path::{Path, PathBuf};

/// The allocator: mimalloc, for the many small short-lived allocations of parsing (see
/// the workspace's Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The fixture folder of the core crate.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/gongkai/tests/fixtures")
}

/// One group of benchmark inputs: a name and the files' bytes.
pub struct Inputs {
    /// What the files are (`text`, `html`, `docx`, `pdftotext`).
    pub name: &'static str,
    /// Each file's bytes.
    pub files: Vec<Vec<u8>>,
}

impl Inputs {
    /// Total size in bytes.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.len() as u64).sum()
    }
}

fn read(dir: &str, ext: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures().join(dir))
        .expect("fixture folder")
        .map(|e| e.expect("fixture entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("fixture file"))
        .collect()
}

/// Every group: the corpus text (three text layouts), `pdftotext -layout` output, and
/// the corpus rendered as HTML pages and as .docx.
pub fn groups() -> Vec<Inputs> {
    vec![
        Inputs {
            name: "text",
            files: read("corpus", "txt"),
        },
        Inputs {
            name: "pdftotext",
            files: read("real/pdftotext", "txt"),
        },
        Inputs {
            name: "html",
            files: read("rendered/html", "html"),
        },
        Inputs {
            name: "docx",
            files: read("rendered/docx", "docx"),
        },
        Inputs {
            name: "pdf",
            files: read("real/pdf", "pdf"),
        },
    ]
}

/// The text layouts besides the corpus: every rendering of the corpus as text (markdown,
/// w3m and pandoc, `pdftotext` with and without `-layout`, converters' labels apart,
/// encodings, text whose line breaks were lost...) and the real `pdftotext` extractions.
const TEXT_LAYOUTS: [&str; 13] = [
    "rendered/converter-above",
    "rendered/converter-below",
    "rendered/encodings",
    "rendered/noisy",
    "rendered/pandoc",
    "rendered/pdftotext",
    "rendered/plain",
    "rendered/spaces",
    "rendered/template2019",
    "rendered/unbroken-glued",
    "rendered/unbroken-spaced",
    "rendered/w3m",
    "real/pdftotext",
];

/// The fixed inputs of the instruction-count guard (`scripts/icount`), one group per
/// kind of input: the corpus text, the other text layouts, HTML pages, .docx files, the
/// real PDFs and the real portal pages printed from Chromium. Changing a group changes
/// its byte count, and the guard then asks for its baseline to be measured again.
pub fn guard_kinds() -> Vec<Inputs> {
    let mut layouts = Vec::new();
    for dir in TEXT_LAYOUTS {
        layouts.extend(read(dir, "txt"));
    }
    let mut html = read("rendered/html", "html");
    html.extend(read("real/html", "html"));
    vec![
        Inputs {
            name: "text",
            files: read("corpus", "txt"),
        },
        Inputs {
            name: "text-layouts",
            files: layouts,
        },
        Inputs {
            name: "html",
            files: html,
        },
        Inputs {
            name: "docx",
            files: read("rendered/docx", "docx"),
        },
        Inputs {
            name: "pdf",
            files: read("real/pdf", "pdf"),
        },
        // Browsers' PDFs cost most per report (a Type 3 font for each run of glyphs).
        Inputs {
            name: "pdf-browser",
            files: read("pdf-matrix/chromium-real", "pdf"),
        },
    ]
}

/// The PDF producer matrix (`tests/fixtures/pdf-matrix/PRODUCER/*.pdf`): one group per
/// producer, named after its folder, in name order. Each is the corpus printed by that
/// producer in its page setups (ruled, unruled, three-line, two columns...).
pub fn pdf_producers() -> Vec<(String, Vec<Vec<u8>>)> {
    let root = fixtures().join("pdf-matrix");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .expect("the producer matrix folder")
        .map(|e| {
            e.expect("matrix entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let files = read(&format!("pdf-matrix/{name}"), "pdf");
            (name, files)
        })
        .collect()
}
