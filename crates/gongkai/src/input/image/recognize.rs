//! Text recognition of one line image: the PP-OCR recognition network and CTC greedy
//! decoding, each character kept with its probability.

use image::GrayImage;
use tract_onnx::prelude::*;

use super::models::{self, Recognizer};

/// The height the network reads lines at.
const HEIGHT: u32 = 48;

/// The widest line image handed to the network, in its pixels: a line of about 80
/// characters. Wider crops (a line across a whole tall page, say) are cut down to it,
/// which bounds the time one crop can take.
const MAX_WIDTH: u32 = 3_184;

/// One recognised character and the network's probability for it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Char {
    /// The character (a class of the table can be more than one `char`).
    pub text: String,
    /// The probability of the most likely frame of the character, 0 to 1.
    pub prob: f32,
}

/// A recognised line: its characters with their probabilities.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Recognised {
    /// The characters, left to right.
    pub chars: Vec<Char>,
    /// The same line read as a number: each character frame's best digit (or `.`, `-`)
    /// and its probability against the second best, for a cell that reads as digits
    /// and digit-like letters (a lone `0` read as `o`, which only a digit can be in a
    /// table's value cell).
    pub digits: Vec<Char>,
}

impl Recognised {
    /// The text, the characters joined.
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.text.as_str()).collect()
    }
}

/// Recognises the text of a line image (dark text on light ground). The image is scaled
/// to the network's height, keeping its aspect, with a little white margin, as PaddleOCR
/// prepares its inputs.
pub(crate) fn recognise(rec: &Recognizer, line: &GrayImage) -> Result<Recognised, String> {
    let (w, h) = line.dimensions();
    if w == 0 || h == 0 {
        return Ok(Recognised::default());
    }
    let scaled_w = ((w as f32 * HEIGHT as f32 / h as f32).ceil() as u32).clamp(8, MAX_WIDTH);
    let resized = image::imageops::resize(line, scaled_w, HEIGHT, image::imageops::Triangle);
    // A margin of white at the start: a digit touching the crop's edge is read worse.
    // The rest of the network's width is white too.
    let pad = 8u32;
    let width = models::WIDTHS
        .iter()
        .copied()
        .find(|&w| w >= scaled_w + 2 * pad)
        .unwrap_or(models::WIDTHS[models::WIDTHS.len() - 1]);
    let scaled_w = scaled_w.min(width - 2 * pad);
    let resized = if resized.width() > scaled_w {
        image::imageops::resize(&resized, scaled_w, HEIGHT, image::imageops::Triangle)
    } else {
        resized
    };
    let plan = rec.plan(width)?;
    let width = width as usize;
    let mut input = vec![1.0f32; 3 * HEIGHT as usize * width];
    for (x, y, p) in resized.enumerate_pixels() {
        // (v / 255 - 0.5) / 0.5, the same in the three channels.
        let v = f32::from(p.0[0]) / 127.5 - 1.0;
        let i = y as usize * width + (x + pad) as usize;
        for c in 0..3 {
            input[c * HEIGHT as usize * width + i] = v;
        }
    }
    let tensor = Tensor::from_shape(&[1, 3, HEIGHT as usize, width], &input)
        .map_err(|e| format!("OCR input: {e}"))?;
    let out = plan
        .run(tvec!(tensor.into()))
        .map_err(|e| format!("OCR recognition failed: {e}"))?;
    let probs = out[0]
        .to_plain_array_view::<f32>()
        .map_err(|e| format!("OCR output: {e}"))?;
    let shape = probs.shape();
    if shape.len() != 3 || shape[2] != rec.chars.len() {
        return Err(format!(
            "OCR output has shape {shape:?}, not [1, frames, {}]",
            rec.chars.len()
        ));
    }
    Ok(decode(
        probs.outer_iter().next().into_iter().flat_map(|frames| {
            frames
                .outer_iter()
                .map(|f| f.iter().copied().collect::<Vec<f32>>())
                .collect::<Vec<_>>()
        }),
        &rec.chars,
    ))
}

/// The classes a number is made of.
fn numeric(class: &str) -> bool {
    class.len() == 1 && matches!(class.as_bytes()[0], b'0'..=b'9' | b'.' | b'-')
}

/// CTC greedy decoding: the most likely class of each frame, repeats collapsed and blanks
/// (class 0) dropped. A character's probability is that of its most likely frame. The
/// numeric reading ([`Recognised::digits`]) is decoded alongside.
pub(crate) fn decode(frames: impl IntoIterator<Item = Vec<f32>>, chars: &[String]) -> Recognised {
    let allowed: Vec<usize> = (1..chars.len()).filter(|&i| numeric(&chars[i])).collect();
    let mut out = Recognised::default();
    let (mut prev, mut prev_digit) = (0usize, 0usize);
    for frame in frames {
        let (best, p) = frame
            .iter()
            .enumerate()
            .fold(
                (0usize, f32::MIN),
                |(bi, bp), (i, &p)| {
                    if p > bp {
                        (i, p)
                    } else {
                        (bi, bp)
                    }
                },
            );
        if best != 0 && best == prev {
            if let Some(last) = out.chars.last_mut() {
                last.prob = last.prob.max(p);
            }
        } else if best != 0 {
            if let Some(text) = chars.get(best) {
                out.chars.push(Char {
                    text: text.clone(),
                    prob: p,
                });
            }
        }
        prev = best;
        // The numeric reading: a frame that holds a character holds the best digit,
        // sure as far as it stands out from the second best.
        let mut digit = 0usize;
        if best != 0 {
            let (mut d1, mut p1, mut p2) = (0usize, 0f32, 0f32);
            for &i in &allowed {
                let q = frame.get(i).copied().unwrap_or(0.0);
                if q > p1 {
                    (d1, p2, p1) = (i, p1, q);
                } else if q > p2 {
                    p2 = q;
                }
            }
            digit = d1;
            let sure = if p1 + p2 > 0.0 { p1 / (p1 + p2) } else { 0.0 };
            if digit != 0 && digit == prev_digit {
                if let Some(last) = out.digits.last_mut() {
                    last.prob = last.prob.max(sure);
                }
            } else if digit != 0 {
                out.digits.push(Char {
                    text: chars[digit].clone(),
                    prob: sure,
                });
            }
        }
        prev_digit = digit;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_decoding_collapses_repeats_and_drops_blanks() {
        let chars: Vec<String> = ["", "1", "2"].iter().map(|s| s.to_string()).collect();
        let f = |i: usize, p: f32| {
            let mut v = vec![0.0; 3];
            v[i] = p;
            v
        };
        // 1 1 _ 1 2 2 -> "112"; the first 1's probability is its best frame's.
        let r = decode(
            [
                f(1, 0.6),
                f(1, 0.9),
                f(0, 0.99),
                f(1, 0.5),
                f(2, 0.7),
                f(2, 0.8),
            ],
            &chars,
        );
        assert_eq!(r.text(), "112");
        assert_eq!(r.chars[0].prob, 0.9);
        assert_eq!(r.chars[1].prob, 0.5);
    }
}
