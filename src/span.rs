//! Byte spans and their conversion to Unicode code point offsets.

use serde::Serialize;

/// A half-open byte range `start..end` into a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A new span.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Number of bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span is empty.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies inside `self`.
    pub const fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text of the span. Returns "" if the span is not on char boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Maps byte offsets to code point offsets for one text.
///
/// Costs nothing for ASCII texts; otherwise holds the number of code points
/// before every multiple of 64 bytes and counts the rest, so memory is about
/// 1/8 of the text.
#[derive(Debug, Clone)]
pub struct CharMap {
    ascii: bool,
    /// Code points before byte `STEP * i`, and the total last.
    counts: Vec<usize>,
}

const STEP: usize = 64;

/// True for the first byte of a UTF-8 sequence (not a continuation byte).
fn starts_char(b: &u8) -> bool {
    b & 0xC0 != 0x80
}

/// The number of bytes of `bytes` that start a UTF-8 sequence, eight bytes
/// at a time: a continuation byte (`0b10xx_xxxx`) has bit 7 set and bit 6
/// clear, and each byte's flag is added up in its own lane of a `u64`.
fn count_chars(bytes: &[u8]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let mut words = bytes.chunks_exact(8);
    let mut continuations = 0;
    // 31 words at most per sum, so that the 8 lanes add up to less than 256.
    for _ in 0..words.len().div_ceil(31) {
        let mut lanes = 0u64;
        for w in words.by_ref().take(31) {
            let w = w.try_into().map_or(0, u64::from_le_bytes);
            lanes += ((w & !(w << 1)) >> 7) & LOW;
        }
        continuations += (lanes.wrapping_mul(LOW) >> 56) as usize;
    }
    let rest = words.remainder();
    bytes.len() - rest.len() - continuations + rest.iter().filter(|b| starts_char(b)).count()
}

impl CharMap {
    /// Build the map for `text`.
    pub fn new(text: &str) -> CharMap {
        if text.is_ascii() {
            return CharMap {
                ascii: true,
                counts: Vec::new(),
            };
        }
        let mut counts = Vec::with_capacity(text.len() / STEP + 2);
        let mut chars = 0;
        for block in text.as_bytes().chunks(STEP) {
            counts.push(chars);
            chars += count_chars(block);
        }
        counts.push(chars);
        CharMap {
            ascii: false,
            counts,
        }
    }

    /// Code point offset of byte offset `byte` (which must be a char boundary
    /// of the text; an offset past the end counts as the end).
    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let byte = byte.min(text.len());
        let block = byte / STEP;
        let before = self.counts.get(block).copied().unwrap_or(0);
        before + count_chars(&text.as_bytes()[block * STEP..byte])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_python_slicing() {
        let text = "Élodie à l’Opéra — 2015 ".repeat(20);
        let map = CharMap::new(&text);
        for (ci, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_offset(&text, b), ci);
        }
        assert_eq!(map.char_offset(&text, text.len()), text.chars().count());
        // A text whose length is a multiple of the block size; past the end is the end.
        let text = "é".repeat(64);
        let map = CharMap::new(&text);
        for (ci, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_offset(&text, b), ci);
        }
        assert_eq!(map.char_offset(&text, 128), 64);
        assert_eq!(map.char_offset(&text, 500), 64);
    }

    #[test]
    fn counts_chars_as_one_byte_at_a_time() {
        let naive = |b: &[u8]| b.iter().filter(|b| starts_char(b)).count();
        // Every byte value, in every position, and runs longer than one sum.
        let all: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        for a in 0..20 {
            for b in (a..all.len()).step_by(7) {
                assert_eq!(count_chars(&all[a..b]), naive(&all[a..b]), "{a}..{b}");
            }
        }
        let text = "é€😀a".repeat(100);
        assert_eq!(count_chars(text.as_bytes()), text.chars().count());
        assert_eq!(count_chars(&[0x80; 600]), 0);
        assert_eq!(count_chars(&[0xC3; 600]), 600);
    }

    #[test]
    fn ascii_is_identity() {
        let map = CharMap::new("abc");
        assert_eq!(map.char_offset("abc", 2), 2);
    }

    #[test]
    fn overlaps_and_contains() {
        let a = Span::new(0, 5);
        assert!(a.overlaps(&Span::new(4, 6)));
        assert!(!a.overlaps(&Span::new(5, 6)));
        assert!(a.contains(&Span::new(1, 5)));
        assert!(!a.contains(&Span::new(1, 6)));
    }
}
