//! Results from decoding filtered data streams.

mod ascii_85;
pub(crate) mod ascii_hex;
#[cfg(feature = "images")]
mod ccitt;
#[cfg(feature = "images")]
mod dct;
#[cfg(feature = "images")]
mod jbig2;
#[cfg(feature = "images")]
mod jpx;
mod lzw_flate;
mod png;
mod run_length;

use crate::object::Dict;
use crate::object::Name;
use crate::object::dict::keys::*;
use crate::object::stream::{DecodeFailure, FilterResult, ImageDecodeParams};
use core::ops::Deref;

/// A data filter.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub enum Filter {
    /// ASCII hexadecimal encoding.
    AsciiHexDecode,
    /// ASCII base-85 encoding.
    Ascii85Decode,
    /// Lempel-Ziv-Welch (LZW) compression.
    LzwDecode,
    /// DEFLATE compression (zlib/gzip).
    FlateDecode,
    /// Run-length encoding compression.
    RunLengthDecode,
    /// CCITT Group 3 or Group 4 fax compression.
    CcittFaxDecode,
    /// JBIG2 compression for bi-level images.
    Jbig2Decode,
    /// JPEG (DCT) compression.
    DctDecode,
    /// JPEG 2000 compression.
    JpxDecode,
    /// Encryption filter.
    Crypt,
}

impl Filter {
    /// The filter's name as PDF writes it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::AsciiHexDecode => "ASCIIHexDecode",
            Self::Ascii85Decode => "ASCII85Decode",
            Self::LzwDecode => "LZWDecode",
            Self::FlateDecode => "FlateDecode",
            Self::RunLengthDecode => "RunLengthDecode",
            Self::CcittFaxDecode => "CCITTFaxDecode",
            Self::Jbig2Decode => "JBIG2Decode",
            Self::DctDecode => "DCTDecode",
            Self::JpxDecode => "JPXDecode",
            Self::Crypt => "Crypt",
        }
    }

    pub(crate) fn from_name(name: Name<'_>) -> Option<Self> {
        match name.deref() {
            ASCII_HEX_DECODE | ASCII_HEX_DECODE_ABBREVIATION => Some(Self::AsciiHexDecode),
            ASCII85_DECODE | ASCII85_DECODE_ABBREVIATION => Some(Self::Ascii85Decode),
            LZW_DECODE | LZW_DECODE_ABBREVIATION => Some(Self::LzwDecode),
            FLATE_DECODE | FLATE_DECODE_ABBREVIATION => Some(Self::FlateDecode),
            RUN_LENGTH_DECODE | RUN_LENGTH_DECODE_ABBREVIATION => Some(Self::RunLengthDecode),
            CCITTFAX_DECODE | CCITTFAX_DECODE_ABBREVIATION => Some(Self::CcittFaxDecode),
            JBIG2_DECODE => Some(Self::Jbig2Decode),
            DCT_DECODE | DCT_DECODE_ABBREVIATION => Some(Self::DctDecode),
            JPX_DECODE => Some(Self::JpxDecode),
            CRYPT => Some(Self::Crypt),
            _ => None,
        }
    }

    /// Applies the filter. The output of the filters that can grow their input
    /// (Flate, LZW, RunLength) stops once it passes `room` bytes, and the stream is then
    /// refused as over the budget (gongkai patch; see [`crate::budget`]).
    pub(crate) fn apply(
        &self,
        data: &[u8],
        params: &Dict<'_>,
        #[cfg_attr(not(feature = "images"), allow(unused))] image_params: &ImageDecodeParams,
        room: usize,
        id: Option<crate::object::ObjectIdentifier>,
    ) -> Result<FilterResult<'static>, DecodeFailure> {
        let grown = |mut d: Vec<u8>| {
            if d.len() > room {
                Err(DecodeFailure::OverBudget)
            } else {
                // Decoders grow their output by doubling; a page keeps its decoded
                // content as long as the document is open, so keep only what it holds.
                if d.capacity() - d.len() > d.len() / 8 {
                    d.shrink_to_fit();
                }
                Ok(FilterResult::from_data(d))
            }
        };
        match self {
            Self::AsciiHexDecode => ascii_hex::decode(data)
                .map(FilterResult::from_data)
                .ok_or(DecodeFailure::StreamDecode),
            Self::Ascii85Decode => ascii_85::decode(data)
                .map(FilterResult::from_data)
                .ok_or(DecodeFailure::StreamDecode),
            Self::RunLengthDecode => run_length::decode(data, room)
                .ok_or(DecodeFailure::StreamDecode)
                .and_then(grown),
            Self::LzwDecode => lzw_flate::lzw::decode(data, params, room)
                .ok_or(DecodeFailure::StreamDecode)
                .and_then(grown),
            Self::FlateDecode => match lzw_flate::flate::decode(data, params, room) {
                None => Err(DecodeFailure::StreamDecode),
                Some((d, recovered)) => {
                    if recovered && d.len() <= room {
                        crate::budget::record(
                            crate::budget::DecodeProblem::Recovered("FlateDecode"),
                            id,
                        );
                    }
                    grown(d)
                }
            },
            #[cfg(feature = "images")]
            Self::DctDecode => {
                dct::decode(data, params, image_params).ok_or(DecodeFailure::ImageDecode)
            }
            #[cfg(feature = "images")]
            Self::CcittFaxDecode => {
                ccitt::decode(data, params, image_params).ok_or(DecodeFailure::ImageDecode)
            }
            #[cfg(feature = "images")]
            Self::Jbig2Decode => {
                jbig2::decode(data, params, image_params).ok_or(DecodeFailure::ImageDecode)
            }
            #[cfg(feature = "images")]
            Self::JpxDecode => jpx::decode(data, image_params).ok_or(DecodeFailure::ImageDecode),
            #[cfg(not(feature = "images"))]
            Self::DctDecode | Self::CcittFaxDecode | Self::Jbig2Decode | Self::JpxDecode => {
                Err(DecodeFailure::ImageDecode)
            }
            _ => Err(DecodeFailure::StreamDecode),
        }
    }
}
