//! Prints what the PDF reader makes of a PDF: its text lines, and its table rows with
//! cells between `|`, each with its line number.
//! `cargo run -p gongkai --example pdfdump -- [--glyphs] FILE.pdf`; with `--glyphs`, every
//! glyph and ruling segment as the page content draws them.

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let glyphs = args.first().is_some_and(|a| a == "--glyphs");
    if glyphs {
        args.remove(0);
    }
    let Some(path) = args.first().cloned() else {
        eprintln!("usage: pdfdump FILE.pdf");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let text = if glyphs {
        gongkai::__private::pdf_glyphs(&bytes)
    } else {
        gongkai::__private::pdf_document(&bytes)
    };
    match text {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
