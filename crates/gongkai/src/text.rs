//! Lines of the input text, numbered from 1.

/// One line of the input, without its line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// The text, without the line break.
    pub text: &'a str,
    /// 1-based line number.
    pub no: usize,
}

impl Line<'_> {
    /// True when the line holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        crate::normalize::is_blank(self.text)
    }
}

/// Splits text into numbered lines. Line breaks are `\n`, `\r\n` or a lone `\r`.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(text.len() / 32 + 1);
    let bytes = text.as_bytes();
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            continue; // the `\n` of a `\r\n` already taken
        }
        out.push(Line {
            text: &text[start..i],
            no: out.len() + 1,
        });
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    if start < text.len() {
        out.push(Line {
            text: &text[start..],
            no: out.len() + 1,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lines_across_line_endings() {
        let l = lines("a\r\nb\rc\n\nd");
        let t: Vec<_> = l.iter().map(|l| (l.no, l.text)).collect();
        assert_eq!(t, vec![(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d")]);
        assert!(lines("").is_empty());
    }
}
