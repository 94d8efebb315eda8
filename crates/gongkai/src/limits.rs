//! How much one parse may read: the guard that keeps a batch's memory bounded.

/// Limits on what one parse reads. Every entry point applies [`Limits::default`] unless
/// given others ([`crate::parse_bytes_with`], [`crate::parse_path_with`]).
///
/// A parse needs at most about ten times its input in memory (measured per input kind in
/// the crate's `memory` test), so the default limit of 128 MiB bounds one parse to
/// about 1.3 GB; a batch needs that once per parallel job.
///
/// ```
/// let small = gongkai::Limits::default().max_input_bytes(16);
/// let err = gongkai::parse_bytes_with("一、总体情况\n正文……".as_bytes(), None, &small).unwrap_err();
/// assert!(matches!(err, gongkai::Error::TooLarge { limit: 16, .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest input read, in bytes: a file's size, or for a .docx the unpacked size
    /// of its document. Larger input is refused with [`crate::Error::TooLarge`] before it
    /// is read whole.
    pub max_input_bytes: u64,
}

impl Limits {
    /// The default size limit: 128 MiB. Annual reports are rarely over 10 MB, even as
    /// PDF.
    pub const DEFAULT_MAX_INPUT_BYTES: u64 = 128 << 20;

    /// These limits with another size limit.
    pub fn max_input_bytes(mut self, bytes: u64) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// The error for input of `size` bytes, if it is over the limit.
    pub(crate) fn check(&self, size: u64) -> crate::Result<()> {
        if size > self.max_input_bytes {
            return Err(crate::Error::TooLarge {
                size,
                limit: self.max_input_bytes,
            });
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: Self::DEFAULT_MAX_INPUT_BYTES,
        }
    }
}
