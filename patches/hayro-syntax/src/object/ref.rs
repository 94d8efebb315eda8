//! Object references.

use crate::object::ObjectIdentifier;
use crate::object::ObjectLike;
use crate::reader::Reader;
use crate::reader::{Readable, ReaderContext, ReaderExt, Skippable};
use crate::trivia::is_white_space_character;
use core::fmt::{Debug, Display, Formatter};

/// A reference to an object.
#[derive(PartialEq, Eq, Debug, Clone, Copy, Hash)]
pub struct ObjRef {
    /// The object number.
    pub obj_number: u32,
    /// The generation number.
    pub gen_number: i32,
}

impl ObjRef {
    /// Create a new object reference.
    pub fn new(obj_number: u32, gen_number: i32) -> Self {
        Self {
            obj_number,
            gen_number,
        }
    }
}

impl Display for ObjRef {
    fn fmt(&self, f: &mut Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} {} R", self.obj_number, self.gen_number)
    }
}

impl From<ObjRef> for ObjectIdentifier {
    fn from(value: ObjRef) -> Self {
        Self::new(value.obj_number, value.gen_number)
    }
}

impl From<ObjectIdentifier> for ObjRef {
    fn from(value: ObjectIdentifier) -> Self {
        Self::new(value.obj_number, value.gen_number)
    }
}

impl Skippable for ObjRef {
    fn skip(r: &mut Reader<'_>, _: bool) -> Option<()> {
        r.skip::<u32>(false)?;
        r.skip_white_spaces();
        r.skip::<i32>(false)?;
        r.skip_white_spaces();
        r.forward_tag(b"R")?;

        Some(())
    }
}

/// What `lex_plain_ref` finds (gongkai patch).
enum Lexed {
    /// A reference, and the offset after its `R`.
    Ref(ObjRef, usize),
    /// Surely no reference: the generic reading fails here too.
    NotRef,
    /// A shape left to the generic reading.
    Unknown,
}

/// gongkai patch: `n g R` of plain digits (at most nine each) parted by white space, read
/// straight from the slice, exactly as the generic reading below reads that shape; and
/// the shapes where that reading surely fails (no number where one must start, or no `R`
/// after two numbers), which are most of the numbers an array or a dictionary holds.
#[inline]
fn lex_plain_ref(data: &[u8], pos: usize) -> Lexed {
    fn digits(data: &[u8], pos: usize) -> Option<(u32, usize)> {
        let mut value = 0u32;
        let mut end = pos;
        while let Some(d) = data
            .get(end)
            .map(|b| b.wrapping_sub(b'0'))
            .filter(|d| *d < 10)
        {
            // A tenth digit is no plain reference (the generic reading takes it), and is
            // refused before it is added: nine digits past 429,496,729 times ten overflow
            // a `u32` (a panic where overflow is checked).
            if end - pos == 9 {
                return None;
            }
            value = value * 10 + u32::from(d);
            end += 1;
        }
        // A number ends at white space; it must be followed by some.
        (end > pos && is_white_space_character(*data.get(end)?)).then_some((value, end))
    }
    fn white(data: &[u8], mut pos: usize) -> usize {
        while data.get(pos).is_some_and(|b| is_white_space_character(*b)) {
            pos += 1;
        }
        pos
    }
    // Where no number can start, `u32`/`i32` reading fails.
    fn no_number(data: &[u8], pos: usize) -> bool {
        !matches!(data.get(pos), Some(b'0'..=b'9' | b'+' | b'-' | b'.'))
    }

    if no_number(data, pos) {
        return Lexed::NotRef;
    }
    let Some((obj_number, end)) = digits(data, pos) else {
        return Lexed::Unknown;
    };
    let end = white(data, end);
    if no_number(data, end) {
        return Lexed::NotRef;
    }
    let Some((gen_number, end)) = digits(data, end) else {
        return Lexed::Unknown;
    };
    let end = white(data, end);
    if data.get(end) == Some(&b'R') {
        Lexed::Ref(ObjRef::new(obj_number, gen_number as i32), end + 1)
    } else {
        Lexed::NotRef
    }
}

impl Readable<'_> for ObjRef {
    fn read(r: &mut Reader<'_>, _: &ReaderContext<'_>) -> Option<Self> {
        match lex_plain_ref(r.data, r.offset()) {
            Lexed::Ref(obj_ref, end) => {
                r.jump(end);
                return Some(obj_ref);
            }
            Lexed::NotRef => return None,
            Lexed::Unknown => {}
        }
        let obj_ref = r.read_without_context::<u32>()?;
        r.skip_white_spaces();
        let gen_num = r.read_without_context::<i32>()?;
        r.skip_white_spaces();
        r.forward_tag(b"R")?;

        Some(Self::new(obj_ref, gen_num))
    }
}

/// A struct that is either an object or a reference to an object.
#[derive(PartialEq, Eq)]
pub enum MaybeRef<T> {
    /// A reference to an object.
    Ref(ObjRef),
    /// An object.
    NotRef(T),
}

impl<T> MaybeRef<T> {
    /// If the object is an object reference, return it.
    pub fn as_obj_ref(&self) -> Option<ObjRef> {
        match self {
            Self::Ref(r) => Some(*r),
            Self::NotRef(_) => None,
        }
    }
}

#[allow(private_bounds)]
impl<'a, T> MaybeRef<T>
where
    T: ObjectLike<'a>,
{
    /// Resolve the `MaybeRef` object with the given xref table.
    pub(crate) fn resolve(self, ctx: &ReaderContext<'a>) -> Option<T> {
        match self {
            Self::Ref(r) => ctx.xref().get_with::<T>(r.into(), ctx),
            Self::NotRef(t) => Some(t),
        }
    }
}

impl<T> TryFrom<MaybeRef<T>> for ObjRef {
    type Error = ();

    fn try_from(value: MaybeRef<T>) -> Result<Self, Self::Error> {
        match value {
            MaybeRef::Ref(r) => Ok(r),
            MaybeRef::NotRef(_) => Err(()),
        }
    }
}

impl<T> Debug for MaybeRef<T>
where
    T: Debug,
{
    fn fmt(&self, f: &mut Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Ref(r) => write!(f, "{r:?}"),
            Self::NotRef(nr) => write!(f, "{nr:?}"),
        }
    }
}

impl<T: Display> Display for MaybeRef<T> {
    fn fmt(&self, f: &mut Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Ref(value) => Display::fmt(value, f),
            Self::NotRef(value) => Display::fmt(value, f),
        }
    }
}

impl<T> Skippable for MaybeRef<T>
where
    T: Skippable,
{
    fn skip(r: &mut Reader<'_>, is_content_stream: bool) -> Option<()> {
        Self::skip_with_depth(r, is_content_stream, 0)
    }

    fn skip_with_depth(r: &mut Reader<'_>, is_content_stream: bool, depth: usize) -> Option<()> {
        r.skip::<ObjRef>(is_content_stream)
            .or_else(|| r.skip_with_depth::<T>(is_content_stream, depth))
            .map(|_| {})
    }
}

impl<'a, T> Readable<'a> for MaybeRef<T>
where
    T: Readable<'a>,
{
    fn read(r: &mut Reader<'a>, ctx: &ReaderContext<'a>) -> Option<Self> {
        if let Some(obj) = r.read::<ObjRef>(ctx) {
            Some(Self::Ref(obj))
        } else {
            Some(Self::NotRef(r.read::<T>(ctx)?))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::object::{MaybeRef, Number, ObjRef};
    use crate::reader::Reader;
    use crate::reader::ReaderExt;

    #[test]
    fn display() {
        assert_eq!(format!("{}", ObjRef::new(34, 1)), "34 1 R");
        assert_eq!(format!("{}", MaybeRef::NotRef(Number::from_i32(12))), "12");
    }

    #[test]
    fn ref_1() {
        assert_eq!(
            Reader::new("34 1 R".as_bytes())
                .read_without_context::<ObjRef>()
                .unwrap(),
            ObjRef::new(34, 1)
        );
    }

    #[test]
    fn ref_trailing() {
        assert_eq!(
            Reader::new("256 0 R (hi)".as_bytes())
                .read_without_context::<ObjRef>()
                .unwrap(),
            ObjRef::new(256, 0)
        );
    }

    #[test]
    fn ref_invalid_1() {
        assert!(
            Reader::new("256 R".as_bytes())
                .read_without_context::<ObjRef>()
                .is_none()
        );
    }

    #[test]
    fn ref_invalid_2() {
        assert!(
            Reader::new("256 257".as_bytes())
                .read_without_context::<ObjRef>()
                .is_none()
        );
    }

    #[test]
    fn ref_above_i32_max() {
        assert_eq!(
            Reader::new("2147483648 0 R".as_bytes())
                .read_without_context::<ObjRef>()
                .unwrap(),
            ObjRef::new(2_147_483_648, 0)
        );
        assert_eq!(
            Reader::new("4294967295 0 R".as_bytes())
                .read_without_context::<ObjRef>()
                .unwrap(),
            ObjRef::new(u32::MAX, 0)
        );
    }

    #[test]
    fn ref_invalid_object_number() {
        for input in ["4294967296 0 R", "-1 0 R"] {
            assert!(
                Reader::new(input.as_bytes())
                    .read_without_context::<ObjRef>()
                    .is_none()
            );
        }
    }
}
