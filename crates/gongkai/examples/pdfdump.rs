//! Prints what the PDF reader makes of a PDF: its text lines, and its table rows with
//! cells between `|`, each with its line number.
//! `cargo run -p gongkai --example pdfdump -- FILE.pdf`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdfdump FILE.pdf");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    match gongkai::__private::pdf_document(&bytes) {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
