//! Tokens and sentences.
//!
//! Built on Unicode word boundaries (UAX #29: `unicode-segmentation`, with a
//! shorter path of the same rules for lines of Latin text, which also finds each
//! word's kind and case as it reads it), then adjusted for news text:
//! - French elisions are split off: "d'OpenAI" gives `d'` and `OpenAI` (both `'` and `’`);
//! - an English possessive is split off: "Musk's" gives `Musk` and `'s`;
//! - hyphenated words stay whole: "Jean-Luc", "Saint-Exupéry", "co-fondateur";
//! - a full stop glued to the next sentence ("mois.Lorsqu'il") is split.
//!
//! Sentences end at `.`, `!`, `?`, `…` and line breaks, except after an
//! abbreviation from the lexicons ("M.", "Dr.", "Inc.") or an initial ("J. P. Morgan").
//! A blank line also ends a paragraph.

use crate::span::Span;
use crate::text::{Case, letter_case};
use std::collections::HashSet;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits, hyphens, inner apostrophes).
    Word,
    /// Digits (possibly with inner `.`/`,`).
    Number,
    /// An elided article or pronoun: "l'", "d'", "qu'".
    Elision,
    /// An English possessive "'s" or "'".
    Possessive,
    /// Anything else that is not space.
    Punct,
}

/// A token: a kind, a letter case and a byte span into the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub span: Span,
    /// The kind of token.
    pub kind: TokenKind,
    /// Letter case (for words).
    pub case: Case,
    /// True when a space or line break comes right before the token.
    pub space_before: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
}

/// A sentence: a range of tokens and its byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span, from its first token to its last.
    pub span: Span,
    /// Index of the first token.
    pub first: usize,
    /// One past the index of the last token.
    pub last: usize,
    /// Paragraph number (0-based); paragraphs are separated by blank lines.
    pub paragraph: usize,
}

const ELISIONS: &[&str] = &[
    "l", "d", "qu", "s", "n", "j", "m", "t", "c", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Split `text` into tokens. Never fails; every byte that is not white space
/// belongs to exactly one token.
///
/// A line feed is always a word boundary on both sides (UAX #29 rules WB3a and
/// WB3b), so each line can be segmented on its own. The text is read by the
/// short path of [`scan_simple`], which finds the segments and each word's kind
/// and letter case in one pass over the bytes, as long as its characters are
/// those [`simple_class`] knows (ASCII, Latin letters, common punctuation); a
/// line with any other character goes through `unicode-segmentation` and
/// [`push_word`].
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Tokens {
        text,
        base: 0,
        out: Vec::with_capacity(text.len() / 5),
        space_before: true,
    };
    let mut from = 0;
    while let Some(rest) = text.get(from..) {
        tokens.base = from;
        let Err(stop) = scan_simple(rest, &mut tokens) else {
            break;
        };
        // The short path stopped at a character it does not know: the tokens
        // it pushed for that line are taken back, and the line is read again
        // by the general path. (No token of an earlier line changed: a hyphen
        // join needs a token with no space before it, and the first token of a
        // line has a line feed before it, or is the first.)
        let at = from + stop;
        let line_start = text
            .get(..at)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let line_end = text
            .get(at..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| at + i);
        let mark = tokens.out.partition_point(|t| t.span.start < line_start);
        tokens.out.truncate(mark);
        tokens.space_before = true;
        let line = text.get(line_start..line_end).unwrap_or_default();
        for (i, w) in line.split_word_bound_indices() {
            tokens.general(line_start + i, w);
        }
        // The line feed, if any, is read next by the short path.
        from = line_end;
    }
    tokens.out
}

/// Where [`scan_simple`] puts the segments it finds.
trait Segments {
    /// The segment `start..end` (byte offsets in the text scanned).
    fn segment(&mut self, start: usize, end: usize, segment: Segment);
}

/// The tokens of a text, as they are made.
struct Tokens<'t> {
    text: &'t str,
    /// Where the part of `text` being scanned starts.
    base: usize,
    out: Vec<Token>,
    /// True when white space came since the last token.
    space_before: bool,
}

impl Tokens<'_> {
    /// Push the tokens of the UAX #29 segment `w` at `start` by the general
    /// path: split at narrow no-break spaces, then [`push_word`].
    fn general(&mut self, start: usize, w: &str) {
        let (text, out, space_before) = (self.text, &mut self.out, &mut self.space_before);
        split_at_narrow_spaces(w, |j, piece| {
            let first = match piece.chars().next() {
                Some(c) => c,
                None => return,
            };
            if first.is_whitespace() {
                *space_before = true;
                return;
            }
            push_word(text, start + j, piece, *space_before, out);
            *space_before = false;
        });
    }

    /// Push the token `start..end` as it is.
    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind, case: Case) {
        let t = Token {
            span: Span::new(start, end),
            kind,
            case,
            space_before: self.space_before,
        };
        push_token(self.text, &mut self.out, t);
        self.space_before = false;
    }

    /// Push the run `start..end` when it is an elision and a word ("l'équipe",
    /// "qu’il"), as [`push_word`] would cut it; false when it is not. The run's
    /// only special character is its apostrophe, so the word after it has no
    /// apostrophe, dot or narrow no-break space: no further elision, no
    /// possessive ("l's" is cut into "l'" and "s" too), no glued stop, and its
    /// case is `tail.case()`. The rest starts with a letter, as the apostrophe
    /// (MidNumLet) only holds together two letters after an elided word.
    fn elision(&mut self, start: usize, end: usize, run: &Run) -> bool {
        let cut = start + run.special_at;
        let head = &self.text[start..cut];
        let apostrophe = match self.text.as_bytes()[cut] {
            b'\'' => 1,
            _ if self.text[cut..].starts_with('’') => '’'.len_utf8(),
            _ => return false,
        };
        if !ELISIONS.iter().any(|e| head.eq_ignore_ascii_case(e)) {
            return false;
        }
        self.push(start, cut + apostrophe, TokenKind::Elision, Case::None);
        self.push(cut + apostrophe, end, TokenKind::Word, run.tail.case());
        true
    }
}

impl Segments for Tokens<'_> {
    #[inline(always)]
    fn segment(&mut self, start: usize, end: usize, segment: Segment) {
        let (a, b) = (self.base + start, self.base + end);
        match segment {
            Segment::Spaces => self.space_before = true,
            Segment::Single(c) if c.is_whitespace() => self.space_before = true,
            // No simple character outside a run is a letter or a digit (see
            // the test `single_characters_are_punctuation`).
            Segment::Single(_) => self.push(a, b, TokenKind::Punct, Case::None),
            // A run with no `.`, `'`, `‘`, `’` or narrow no-break space is one
            // token, as `push_word` would make it, with `kind_of` and `Case::of`
            // from the counts of the scan.
            Segment::Run(run) if run.specials == 0 => self.push(a, b, run.kind(), run.case()),
            Segment::Run(run) if run.specials == 1 && run.tail.letters > 0 => {
                if !self.elision(a, b, &run) {
                    self.general(a, &self.text[a..b]);
                }
            }
            // Other runs may hold a possessive or a glued stop, or be cut at a
            // narrow no-break space: the general path.
            Segment::Run(_) => self.general(a, &self.text[a..b]),
        }
    }
}

/// Push `t`, joining `Word - Word` with no spaces around the hyphen into one
/// word: when `t` is a word right after a hyphen right after a word, the three
/// become one. Joining as tokens come, left to right, gives what one pass over
/// the finished tokens would: a word joined to the one before it can still be
/// joined to the next ("Saint-Jean-de-Luz").
#[inline]
fn push_token(text: &str, out: &mut Vec<Token>, t: Token) {
    if t.kind == TokenKind::Word && !t.space_before && join_hyphenated(text, out, t) {
        return;
    }
    out.push(t);
}

/// Join the word `t` to the word and hyphen that end `out`, if they do; false
/// when they do not.
#[inline(never)]
fn join_hyphenated(text: &str, out: &mut Vec<Token>, t: Token) -> bool {
    let [.., w, h] = out.as_slice() else {
        return false;
    };
    if w.kind != TokenKind::Word || h.space_before || !is_hyphen(h.text(text)) {
        return false;
    }
    let span = Span::new(w.span.start, t.span.end);
    let joined = Token {
        span,
        kind: TokenKind::Word,
        case: Case::of(span.slice(text)),
        space_before: w.space_before,
    };
    out.pop();
    if let Some(last) = out.last_mut() {
        *last = joined;
    }
    true
}

/// The narrow no-break space.
const NNBSP: char = '\u{202F}';

/// Call `f(start, piece)` for the pieces of a UAX #29 segment split at narrow
/// no-break spaces (U+202F, which French puts before « » : ; ! ?): UAX #29 joins
/// that space to the letters around it ("dit\u{202F}Marc" is one segment), but to a
/// reader it separates words. Each space is a piece of its own.
fn split_at_narrow_spaces<'t>(w: &'t str, mut f: impl FnMut(usize, &'t str)) {
    if !w.contains(NNBSP) {
        return f(0, w);
    }
    let mut from = 0;
    for (i, _) in w.match_indices(NNBSP) {
        if i > from {
            f(from, &w[from..i]);
        }
        f(i, &w[i..i + NNBSP.len_utf8()]);
        from = i + NNBSP.len_utf8();
    }
    if from < w.len() {
        f(from, &w[from..]);
    }
}

/// The UAX #29 word-break class of a character, for the characters whose
/// segmentation [`scan_simple`] implements; `None` for the others (marks,
/// other scripts, emoji, format characters…).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordClass {
    /// ALetter: ASCII and Latin letters.
    Letter,
    /// Numeric: ASCII digits.
    Digit,
    /// MidLetter: `:` `·`.
    MidLetter,
    /// MidNum: `,` `;`.
    MidNum,
    /// MidNumLet and Single_Quote: `.` `'` `‘` `’`.
    MidNumLet,
    /// ExtendNumLet: `_` and the narrow no-break space.
    ExtendNumLet,
    /// WSegSpace: the ASCII space.
    Space,
    /// Anything else: spaces, line breaks, other punctuation and symbols.
    Other,
}

#[cfg(test)]
fn simple_class(c: char) -> Option<WordClass> {
    simple_class_case(c).map(|(class, _)| class)
}

/// The [`WordClass`] of a character the short path knows, and whether it is an
/// upper-case letter.
fn simple_class_case(c: char) -> Option<(WordClass, bool)> {
    use WordClass::*;
    Some(match c {
        '\0'..='\u{7f}' => (ASCII_CLASS[c as usize], c.is_ascii_uppercase()),
        '\u{b7}' => (MidLetter, false),
        '\u{2018}' | '\u{2019}' => (MidNumLet, false),
        '\u{202f}' => (ExtendNumLet, false),
        // Latin-1 letters and Latin Extended-A and B, but × and ÷.
        '\u{c0}'..='\u{24f}' if letter_case(c).is_some() => (Letter, letter_case(c) == Some(true)),
        '\u{d7}' | '\u{f7}' => (Other, false),
        // No-break space, ¡ £ § « ° » ¿, dashes, quotes, bullet, ellipsis, primes, €.
        '\u{a0}'
        | '\u{a1}'
        | '\u{a3}'
        | '\u{a7}'
        | '\u{ab}'
        | '\u{b0}'
        | '\u{bb}'
        | '\u{bf}'
        | '\u{2010}'..='\u{2015}'
        | '\u{201c}'
        | '\u{201d}'
        | '\u{2022}'
        | '\u{2026}'
        | '\u{2032}'
        | '\u{2033}'
        | '\u{20ac}' => (Other, false),
        _ => return None,
    })
}

/// The [`WordClass`] of each ASCII character, from a table.
const ASCII_CLASS: [WordClass; 128] = {
    let mut table = [WordClass::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = ascii_class(b as u8);
        b += 1;
    }
    table
};

const fn ascii_class(b: u8) -> WordClass {
    use WordClass::*;
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Letter,
        b'0'..=b'9' => Digit,
        b':' => MidLetter,
        b',' | b';' => MidNum,
        b'.' | b'\'' => MidNumLet,
        b'_' => ExtendNumLet,
        b' ' => Space,
        _ => Other,
    }
}

/// A word-boundary segment found by [`scan_simple`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Segment {
    /// A run of ASCII spaces.
    Spaces,
    /// One character that is a segment by itself.
    Single(char),
    /// Letters, digits and `_` (with the inner punctuation that holds them together).
    Run(Run),
}

/// The letters of a run or of its tail.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Letters {
    /// The number of letters.
    letters: u32,
    /// The number of upper-case letters.
    upper: u32,
    /// Whether the first letter is upper case.
    first_upper: bool,
}

impl Letters {
    #[inline]
    fn add(&mut self, upper: bool) {
        if self.letters == 0 {
            self.first_upper = upper;
        }
        self.letters += 1;
        self.upper += u32::from(upper);
    }

    /// Add `n` lower-case letters.
    #[inline]
    fn add_lower(&mut self, n: u32) {
        if self.letters == 0 {
            self.first_upper = false;
        }
        self.letters += n;
    }

    /// [`Case::of`] a word with these letters, whose other characters are
    /// none of the separators (`-` `'` `’` `.`) after which `Case::of` allows a
    /// capital in a title-case word: so a capital after the first letter makes
    /// the word mixed case. (In a run with no special character, the other
    /// characters are digits, `_`, `:`, `·`, `,` and `;`.)
    fn case(&self) -> Case {
        if self.letters == 0 {
            Case::None
        } else if self.upper == self.letters && self.letters >= 2 {
            Case::Upper
        } else if self.upper == 0 {
            Case::Lower
        } else if self.first_upper && self.upper == 1 {
            Case::Title
        } else {
            Case::Mixed
        }
    }
}

/// What a run of letters and digits holds: enough for its [`TokenKind`] and
/// [`Case`], and where an elision would end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Run {
    /// All its letters.
    all: Letters,
    /// The letters after its last special character.
    tail: Letters,
    /// Whether there is a digit.
    digits: bool,
    /// The number of special characters: `.`, `'`, `‘`, `’` and the narrow
    /// no-break space, exactly the characters of a run with a byte `push_word`
    /// looks at (`'`, `.` or 0xE2, which in a run only starts these last three).
    specials: u32,
    /// Where the last special character is, in bytes from the start of the run.
    special_at: usize,
}

impl Run {
    /// Add the character of `class` at byte `at` of the run.
    #[inline]
    fn add(&mut self, class: WordClass, upper: bool, len: usize, at: usize) {
        match class {
            WordClass::Letter => {
                self.all.add(upper);
                self.tail.add(upper);
            }
            WordClass::Digit => self.digits = true,
            WordClass::MidNumLet => self.special(at),
            // `_` is one byte, the narrow no-break space three.
            WordClass::ExtendNumLet if len > 1 => self.special(at),
            _ => {}
        }
    }

    /// A special character at byte `at`: the tail starts after it.
    fn special(&mut self, at: usize) {
        self.specials += 1;
        self.special_at = at;
        self.tail = Letters::default();
    }

    /// [`kind_of`] the run: the only letters and numeric characters in a run are
    /// those of the classes `Letter` and `Digit`.
    fn kind(&self) -> TokenKind {
        if self.all.letters > 0 {
            TokenKind::Word
        } else if self.digits {
            TokenKind::Number
        } else {
            TokenKind::Punct
        }
    }

    /// [`Case::of`] the run, when it is a word with no special character.
    fn case(&self) -> Case {
        self.all.case()
    }
}

/// The character at byte `i` of `line` (a char boundary), its [`WordClass`],
/// whether it is an upper-case letter, and its length in bytes; `None` for a
/// character with no simple class. ASCII, most of the text, is read from the
/// table without decoding.
#[inline(always)]
fn char_at(line: &str, i: usize) -> Option<(char, WordClass, bool, usize)> {
    let b = *line.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((
            char::from(b),
            ASCII_CLASS[usize::from(b)],
            b.is_ascii_uppercase(),
            1,
        ));
    }
    // U+00C0-U+00FF (À-ÿ, French accents), from a table: in UTF-8, 0xC3 then a
    // continuation byte 0x80-0xBF holding the low six bits.
    if b == 0xC3 {
        if let Some(&next) = line.as_bytes().get(i + 1) {
            let low = next & 0x3F;
            let (class, upper) = LATIN1_LETTERS[usize::from(low)];
            return Some((char::from(0xC0 + low), class, upper, 2));
        }
    }
    non_ascii_at(line, i)
}

/// The [`simple_class_case`] of U+00C0 + i: letters, upper case up to Þ, but ×
/// and ÷ (see the test `latin1_table`).
const LATIN1_LETTERS: [(WordClass, bool); 64] = {
    let mut table = [(WordClass::Letter, false); 64];
    let mut i = 0;
    while i < 64 {
        table[i] = match 0xC0 + i {
            0xD7 | 0xF7 => (WordClass::Other, false),
            c => (WordClass::Letter, c <= 0xDE),
        };
        i += 1;
    }
    table
};

#[inline(never)]
fn non_ascii_at(line: &str, i: usize) -> Option<(char, WordClass, bool, usize)> {
    let c = line.get(i..)?.chars().next()?;
    let (class, upper) = simple_class_case(c)?;
    Some((c, class, upper, c.len_utf8()))
}

/// Give `out` the word-boundary segments of `line` in order; stop at the first
/// character with no [`simple_class`] and return where it is. (A line feed is a
/// segment by itself, as UAX #29 has it.) For the characters it knows, UAX #29 comes down to:
/// letters, digits and `_` hold together (WB5, WB8-WB10, WB13a-b); a MidLetter
/// or MidNumLet between two letters (WB6-7), or a MidNum or MidNumLet between
/// two digits (WB11-12), holds too; spaces hold together (WB3d); every other
/// character is a segment by itself.
fn scan_simple(line: &str, out: &mut impl Segments) -> Result<(), usize> {
    use WordClass::*;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if bytes[i] == b' ' {
            i += 1;
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            out.segment(start, i, Segment::Spaces);
            continue;
        }
        let Some((c, class, upper, n)) = char_at(line, i) else {
            return Err(i);
        };
        i += n;
        if !matches!(class, Letter | Digit | ExtendNumLet) {
            out.segment(start, i, Segment::Single(c));
            continue;
        }
        let mut run = Run::default();
        run.add(class, upper, n, 0);
        let mut prev = class;
        loop {
            // The bulk of a word: ASCII lower-case letters, counted in a tight
            // loop (each is a Letter, and lower case).
            let from = i;
            while i < bytes.len() && bytes[i].is_ascii_lowercase() {
                i += 1;
            }
            if i > from {
                let n = (i - from) as u32;
                run.all.add_lower(n);
                run.tail.add_lower(n);
                prev = Letter;
            }
            if i >= bytes.len() {
                break;
            }
            let Some((_, next, upper, n)) = char_at(line, i) else {
                return Err(i);
            };
            if matches!(next, Letter | Digit | ExtendNumLet) {
                run.add(next, upper, n, i - start);
                prev = next;
                i += n;
                continue;
            }
            let mid_ok = match prev {
                Letter => matches!(next, MidLetter | MidNumLet),
                Digit => matches!(next, MidNum | MidNumLet),
                _ => false,
            };
            if !mid_ok || i + n >= bytes.len() {
                break;
            }
            let Some((_, after, after_upper, m)) = char_at(line, i + n) else {
                return Err(i + n);
            };
            if after != prev {
                break;
            }
            run.add(next, false, n, i - start);
            run.add(after, after_upper, m, i + n - start);
            i += n + m;
        }
        out.segment(start, i, Segment::Run(run));
    }
    Ok(())
}

fn kind_of(w: &str) -> TokenKind {
    if w.chars().any(|c| letter_case(c).is_some()) {
        TokenKind::Word
    } else if w.chars().any(char::is_numeric) {
        TokenKind::Number
    } else {
        TokenKind::Punct
    }
}

fn make(text: &str, start: usize, end: usize, kind: TokenKind, space_before: bool) -> Token {
    let s = &text[start..end];
    Token {
        span: Span::new(start, end),
        kind,
        case: if kind == TokenKind::Word {
            Case::of(s)
        } else {
            Case::None
        },
        space_before,
    }
}

fn push_word(text: &str, start: usize, w: &str, space_before: bool, out: &mut Vec<Token>) {
    let kind = kind_of(w);
    // Elisions and possessives need an apostrophe (`'` or `’`, whose UTF-8 starts
    // with 0xE2), a glued stop needs a `.`: most words have none of them.
    let plain = || !w.bytes().any(|b| matches!(b, b'\'' | b'.' | 0xE2));
    if kind != TokenKind::Word || plain() {
        push_token(
            text,
            out,
            make(text, start, start + w.len(), kind, space_before),
        );
        return;
    }
    // A loop over the word's tail, not recursion, and no scan of the whole tail
    // per step: a hostile word of any length ("l'l'l'…", "ab.Cdab.Cd…", which
    // UAX #29 keeps whole) costs linear time and constant stack. (Robustness
    // issue: the recursive version was quadratic and could overflow the stack.)
    let (mut start, mut w, mut space_before) = (start, w, space_before);
    // The possessive ending's length, and where the last apostrophe before it
    // is (a byte offset in `text`): the tail is a possessive once it is passed.
    let possessive = ["'s", "'S", "’s", "’S"]
        .iter()
        .find_map(|p| w.strip_suffix(p).map(|_| p.len()));
    let inner_apostrophe =
        possessive.and_then(|p| w[..w.len() - p].rfind(is_apostrophe).map(|i| start + i));
    loop {
        // Elision: "d'OpenAI", "qu’il". Elided words are short, so only an
        // apostrophe in the first few bytes can end one.
        let first_apostrophe = w
            .char_indices()
            .take_while(|&(i, _)| i <= MAX_ELISION_BYTES)
            .find(|&(_, c)| is_apostrophe(c));
        if let Some((i, c)) = first_apostrophe {
            let head = &w[..i];
            let rest = &w[i + c.len_utf8()..];
            if rest.chars().next().is_some_and(char::is_alphabetic)
                && ELISIONS.iter().any(|e| head.eq_ignore_ascii_case(e))
            {
                let cut = start + i + c.len_utf8();
                push_token(
                    text,
                    out,
                    make(text, start, cut, TokenKind::Elision, space_before),
                );
                // The rest starts with a letter: still a word.
                (start, w, space_before) = (cut, rest, false);
                continue;
            }
        }
        // Possessive: "Musk's", "Altman’s" (the only apostrophe left in the word).
        // (An elision may have taken the ending's apostrophe: "l's" leaves "s".)
        if let Some(i) = possessive.and_then(|p| w.len().checked_sub(p)) {
            if i > 0 && inner_apostrophe.is_none_or(|a| a < start) {
                push_token(
                    text,
                    out,
                    make(text, start, start + i, TokenKind::Word, space_before),
                );
                push_token(
                    text,
                    out,
                    make(
                        text,
                        start + i,
                        start + w.len(),
                        TokenKind::Possessive,
                        false,
                    ),
                );
                return;
            }
        }
        // A full stop glued to the next sentence: "mois.Lorsqu'il", "formelle.En".
        if let Some(i) = glued_stop(w) {
            // The head holds no glued stop (this one is the first), so this
            // recursion goes one level deep at most.
            push_word(text, start, &w[..i], space_before, out);
            push_token(
                text,
                out,
                make(text, start + i, start + i + 1, TokenKind::Punct, false),
            );
            // The tail starts with a capital: still a word.
            (start, w, space_before) = (start + i + 1, &w[i + 1..], false);
            continue;
        }
        push_token(
            text,
            out,
            make(text, start, start + w.len(), kind, space_before),
        );
        return;
    }
}

/// The longest elided word, in bytes ("puisqu", "quoiqu", "lorsqu").
const MAX_ELISION_BYTES: usize = 7;

/// Position of a `.` between two lower-case letters before and a capital after
/// ("mois.Lorsqu"), which is a missing space, not an abbreviation or a domain.
fn glued_stop(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'.' && i >= 2 {
            let before = &w[..i];
            let after = &w[i + 1..];
            let lower_before = before.chars().rev().take(2).all(char::is_lowercase);
            let upper_after = after.chars().next().is_some_and(char::is_uppercase)
                && after.chars().nth(1).is_some_and(char::is_lowercase);
            if lower_before && upper_after {
                return Some(i);
            }
        }
    }
    None
}

fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "‐" | "‑")
}

/// The tokens of a text folded ([`fold`](crate::text::fold)) once, end to end, with a
/// space before every token but punctuation and the word after an elision: the folded
/// form of a token, and the folded phrase of any run of tokens (the form of
/// `recognize::names::phrase_of`, as lexicon keys are written), are slices of it. The
/// space before a token depends only on the token before it, so a run's phrase is the
/// same whatever comes before the run.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    text: String,
    /// Each token's folded form in `text`: start (after the space before it) and end.
    spans: Vec<(usize, usize)>,
}

impl Folded {
    /// Fold the tokens of `text`.
    pub fn new(text: &str, tokens: &[Token]) -> Folded {
        let mut out = String::with_capacity(text.len() + tokens.len());
        let mut spans = Vec::with_capacity(tokens.len());
        for t in tokens {
            if !out.is_empty() && !out.ends_with('\'') && t.kind != TokenKind::Punct {
                out.push(' ');
            }
            let start = out.len();
            let word = t.text(text);
            // An ASCII word is copied as it is and lower-cased with the rest below
            // (its fold is its lower case).
            if word.is_ascii() {
                out.push_str(word);
            } else {
                crate::text::fold_push_chars(word, &mut out);
            }
            spans.push((start, out.len()));
        }
        // Folding leaves no ASCII capital, so this only lower-cases the ASCII words.
        out.make_ascii_lowercase();
        Folded { text: out, spans }
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The folded form of token `i` ("" past the end).
    pub fn word(&self, i: usize) -> &str {
        self.spans.get(i).map_or("", |&(a, b)| &self.text[a..b])
    }

    /// The bytes of [`word`](Folded::word)`(i)`, without the check that its ends are
    /// character boundaries (they are: each word is pushed whole), for byte tests.
    pub fn word_bytes(&self, i: usize) -> &[u8] {
        self.spans
            .get(i)
            .and_then(|&(a, b)| self.text.as_bytes().get(a..b))
            .unwrap_or_default()
    }

    /// The folded phrase of tokens `a..b` ("" when the range is empty or past the end).
    pub fn phrase(&self, a: usize, b: usize) -> &str {
        if a >= b || b > self.spans.len() {
            return "";
        }
        &self.text[self.spans[a].0..self.spans[b - 1].1]
    }
}

/// Split tokens into sentences. `abbreviations` holds folded abbreviations
/// without their final dot ("m", "mme", "dr", "inc").
pub fn sentences(text: &str, tokens: &[Token], abbreviations: &HashSet<String>) -> Vec<Sentence> {
    // News sentences are some twenty tokens long or more.
    let mut out = Vec::with_capacity(tokens.len() / 16 + 1);
    let mut first = 0usize;
    let mut paragraph = 0usize;
    let mut next_paragraph = 0usize;
    let mut i = 0usize;
    let mut abbreviation = Abbreviations::new(abbreviations);
    let push = |out: &mut Vec<Sentence>, first: usize, last: usize, paragraph: usize| {
        if last > first {
            out.push(Sentence {
                span: Span::new(tokens[first].span.start, tokens[last - 1].span.end),
                first,
                last,
                paragraph,
            });
        }
    };
    while i < tokens.len() {
        // Line breaks between this token and the previous one.
        let newlines = if i > 0 {
            line_feeds(text, tokens[i - 1].span.end, tokens[i].span.start)
        } else {
            0
        };
        if i > first {
            if newlines >= 1 {
                push(&mut out, first, i, paragraph);
                first = i;
                paragraph = next_paragraph;
            }
            if newlines >= 2 {
                next_paragraph += 1;
                paragraph = next_paragraph;
            }
        } else if newlines >= 2 {
            next_paragraph += 1;
            paragraph = next_paragraph;
        }
        let t = tokens[i];
        if t.kind == TokenKind::Punct && ends_sentence(text, tokens, i, &mut abbreviation) {
            // Closing quotes and brackets stay with the sentence they close.
            let mut end = i + 1;
            while end < tokens.len()
                && (!tokens[end].space_before || tokens[end].text(text) == "»")
                && matches!(
                    tokens[end].text(text),
                    "»" | "\"" | "”" | ")" | "’" | "'" | "*"
                )
            {
                end += 1;
            }
            push(&mut out, first, end, paragraph);
            first = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push(&mut out, first, tokens.len(), paragraph);
    out
}

/// The number of line feeds in `text[a..b]` (none when that is not a range of it).
fn line_feeds(text: &str, a: usize, b: usize) -> usize {
    match text.as_bytes().get(a..b) {
        // Most tokens are one space or nothing apart.
        Some([] | [b' ']) | None => 0,
        Some(gap) => gap.iter().filter(|&&b| b == b'\n').count(),
    }
}

/// The abbreviations of [`sentences`], and a buffer to fold words into (no
/// string made per full stop).
struct Abbreviations<'a> {
    set: &'a HashSet<String>,
    folded: String,
}

impl<'a> Abbreviations<'a> {
    fn new(set: &'a HashSet<String>) -> Self {
        Abbreviations {
            set,
            folded: String::new(),
        }
    }

    /// Whether `word` folds to an abbreviation.
    fn contains(&mut self, word: &str) -> bool {
        crate::text::fold_into(word, &mut self.folded);
        self.set.contains(self.folded.as_str())
    }
}

fn ends_sentence(
    text: &str,
    tokens: &[Token],
    i: usize,
    abbreviations: &mut Abbreviations,
) -> bool {
    let s = tokens[i].text(text);
    // Only `.` `!` `?` `…` and `。` can end a sentence: a look at the first byte
    // first (`…` is E2 80 A6 in UTF-8, `。` E3 80 82).
    if !matches!(s.as_bytes().first(), Some(b'.' | b'!' | b'?' | 0xE2 | 0xE3)) {
        return false;
    }
    match s {
        "!" | "?" | "…" | "。" => {}
        "." => {
            // "..." as three dots: only the last one counts.
            if i + 1 < tokens.len() && tokens[i + 1].text(text) == "." {
                return false;
            }
            if i > 0 && !tokens[i].space_before {
                let prev = tokens[i - 1];
                let p = prev.text(text);
                if prev.kind == TokenKind::Word {
                    if abbreviations.contains(p) {
                        return false;
                    }
                    // An initial: "J. P. Morgan".
                    let mut chars = p.chars();
                    let one_char = chars.next().is_some() && chars.next().is_none();
                    if one_char && prev.case.is_capitalised() {
                        return false;
                    }
                }
                // "N.V.", "U.S." : letter-dot sequences.
                if prev.kind == TokenKind::Word && p.as_bytes().contains(&b'.') {
                    return false;
                }
            }
        }
        _ => return false,
    }
    // A lower-case word or a digit right after does not start a new sentence.
    match tokens.get(i + 1) {
        None => true,
        Some(next) => {
            let n = next.text(text);
            !(next.kind == TokenKind::Word && next.case == Case::Lower && s == ".")
                && !(next.kind == TokenKind::Punct && matches!(n, "," | ";" | ":"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The batch form of [`push_token`]'s joining, as `tokenize` did it before.
    /// Join `Word - Word` with no spaces around the hyphen into one word, in place.
    fn join_hyphenated_batch(text: &str, toks: &mut Vec<Token>) {
        if toks.len() < 3 {
            return;
        }
        // Tokens are read at `i` and written at `kept` (never after `i`).
        let mut kept = 0;
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            let mut end = i;
            if t.kind == TokenKind::Word {
                while end + 2 < toks.len()
                    && is_hyphen(toks[end + 1].text(text))
                    && !toks[end + 1].space_before
                    && !toks[end + 2].space_before
                    && toks[end + 2].kind == TokenKind::Word
                {
                    end += 2;
                }
            }
            toks[kept] = if end > i {
                let span = Span::new(t.span.start, toks[end].span.end);
                Token {
                    span,
                    kind: TokenKind::Word,
                    case: Case::of(span.slice(text)),
                    space_before: t.space_before,
                }
            } else {
                t
            };
            kept += 1;
            i = end + 1;
        }
        toks.truncate(kept);
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn tokens() {
        let cases: &[(&str, &[&str])] = &[
            ("d'OpenAI", &["d'", "OpenAI"]),
            ("l’équipe d’xAI", &["l’", "équipe", "d’", "xAI"]),
            ("Lorsqu'il part", &["Lorsqu'", "il", "part"]),
            ("Jean-Luc Saint-Exupéry", &["Jean-Luc", "Saint-Exupéry"]),
            ("Musk's firm", &["Musk", "'s", "firm"]),
            ("mois.Lorsqu'il", &["mois", ".", "Lorsqu'", "il"]),
            ("« Allons-y » !", &["«", "Allons-y", "»", "!"]),
            ("2017-2018", &["2017", "-", "2018"]),
            ("aujourd'hui", &["aujourd'hui"]),
            ("don't", &["don't"]),
            ("l'l'OpenAI's", &["l'", "l'", "OpenAI", "'s"]),
            ("O'Brien's", &["O'Brien's"]),
            ("d'Altman’S", &["d'", "Altman", "’S"]),
            ("ab.Cdef.Gh's", &["ab.Cdef.Gh", "'s"]),
            ("ab.Cdef", &["ab", ".", "Cdef"]),
            ("l's", &["l'", "s"]),
            ("qu’s", &["qu’", "s"]),
            ("EADS N.V.", &["EADS", "N.V", "."]),
            // A narrow no-break space (French typography) separates words, though
            // UAX #29 joins it to letters.
            (
                "«\u{202F}Bonjour\u{202F}», dit\u{202F}Marc",
                &["«", "Bonjour", "»", ",", "dit", "Marc"],
            ),
            ("le 3\u{202F}mai", &["le", "3", "mai"]),
            ("Saint-Jean-de-Luz", &["Saint-Jean-de-Luz"]),
            ("a -b c- d", &["a", "-", "b", "c", "-", "d"]),
            ("l'Jean-Luc", &["l'", "Jean-Luc"]),
            ("qu’Œdipe", &["qu’", "Œdipe"]),
        ];
        for (input, want) in cases {
            assert_eq!(&words(input), want, "{input}");
        }
    }

    #[test]
    fn spans_slice_the_input() {
        let text = "M. Durand, PDG d’Acme\u{a0}SA, a dit : « oui… ».";
        for t in tokenize(text) {
            assert!(!t.text(text).is_empty());
            assert!(!t.text(text).chars().any(char::is_whitespace));
        }
    }

    fn sents(text: &str) -> Vec<String> {
        let abbr: HashSet<String> = ["m", "mme", "dr", "inc", "st", "mr", "fevr"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let toks = tokenize(text);
        sentences(text, &toks, &abbr)
            .iter()
            .map(|s| s.span.slice(text).to_string())
            .collect()
    }

    #[test]
    fn sentence_splitting() {
        let cases: &[(&str, &[&str])] = &[
            (
                "M. Durand est là. Il part.",
                &["M. Durand est là.", "Il part."],
            ),
            (
                "Acme Inc. a dit oui. Bien.",
                &["Acme Inc. a dit oui.", "Bien."],
            ),
            ("J. P. Morgan rit.", &["J. P. Morgan rit."]),
            (
                "Il a dit « non. » Puis rien…",
                &["Il a dit « non. »", "Puis rien…"],
            ),
            ("Un titre\nLe texte.", &["Un titre", "Le texte."]),
            (
                "trois mois.Lorsqu'il partit",
                &["trois mois.", "Lorsqu'il partit"],
            ),
            ("Dr. No rit. Fin", &["Dr. No rit.", "Fin"]),
            ("Le 3 févr. Il part.", &["Le 3 févr. Il part."]),
            ("Le 3 FÉVR. Il part.", &["Le 3 FÉVR. Il part."]),
            ("Le 3 février. Il part.", &["Le 3 février.", "Il part."]),
        ];
        for (input, want) in cases {
            assert_eq!(&sents(input), want, "{input}");
        }
    }

    impl Segments for Vec<(usize, usize)> {
        fn segment(&mut self, start: usize, end: usize, _: Segment) {
            self.push((start, end));
        }
    }

    /// The segments `tokenize` reads: [`scan_simple`]'s for the lines it
    /// knows, `unicode-segmentation`'s for the others.
    fn fast(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let mut segments = Vec::new();
            if scan_simple(body, &mut segments).is_ok() {
                out.extend(segments.iter().map(|&(a, b)| (start + a, &body[a..b])));
            } else {
                out.extend(body.split_word_bound_indices().map(|(i, w)| (start + i, w)));
            }
            if body.len() < line.len() {
                out.push((start + body.len(), "\n"));
            }
            start += line.len();
        }
        out
    }

    /// The tokens by the general path alone, as `tokenize` made them before
    /// its short path: every UAX #29 segment split at narrow no-break spaces and
    /// given to `push_word`, then hyphenated words joined in one pass at the end.
    fn reference(text: &str) -> Vec<Token> {
        let mut raw = Vec::new();
        let mut space_before = true;
        for (i, w) in text.split_word_bound_indices() {
            split_at_narrow_spaces(w, |j, piece| {
                if piece.chars().next().is_some_and(char::is_whitespace) {
                    space_before = true;
                    return;
                }
                // A segment holds no hyphen, so `push_word` joins nothing here.
                let mut tokens = Vec::new();
                push_word(text, i + j, piece, space_before, &mut tokens);
                raw.extend(tokens);
                space_before = false;
            });
        }
        join_hyphenated_batch(text, &mut raw);
        raw
    }

    /// Pieces of news text, to be strung together: elisions, possessives,
    /// glued stops, hyphens, capitals, accents, numbers, spaces of every kind,
    /// and characters the short path does not know (a combining accent, Greek).
    const PIECES: &[&str] = &[
        "l'",
        "L'",
        "d’",
        "qu'",
        "Qu’",
        "jusqu'",
        "JUSQU’",
        "s",
        "S",
        "'s",
        "’S",
        "'",
        "’",
        "‘",
        "Musk",
        "OpenAI",
        "xAI",
        "IBM",
        "A",
        "x",
        "équipe",
        "ÉCOLE",
        "Œuvre",
        "œ",
        "ß",
        "İ",
        "ǅ",
        "aujourd'hui",
        "O'Brien",
        "mois.Lorsqu",
        "U.S.",
        "N.V",
        "a.b",
        "2017",
        "30,4",
        "1.000",
        "7",
        ".",
        "..",
        "…",
        "!",
        "?",
        "-",
        "‐",
        "‑",
        "–",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\r\n",
        "\u{a0}",
        "\u{202f}",
        "«",
        "»",
        ",",
        ";",
        ":",
        "·",
        "_",
        "(",
        ")",
        "\u{301}",
        "α",
        "Ça",
        "×",
        "€",
        "\"",
    ];

    fn pieces() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(proptest::sample::select(PIECES), 0..16).prop_map(|p| p.concat())
    }

    fn uax29(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    /// Every character with a simple class, in every pair of contexts that the
    /// rules tell apart, segments as `unicode-segmentation` does.
    #[test]
    fn simple_classes_agree_with_uax29() {
        let simple: Vec<char> = (0..0x3000u32)
            .filter_map(char::from_u32)
            .filter(|&c| simple_class(c).is_some() && c != '\r' && c != '\n')
            .collect();
        assert!(simple.len() > 500);
        let contexts = ["a", "1", ".", ":", ",", "'", "_", " ", "-", "é", "\u{202f}"];
        for &c in &simple {
            for l in contexts {
                for r in contexts {
                    for text in [
                        format!("{l}{c}{r}"),
                        format!("{l}{l}{c}{r}{r}"),
                        format!("{c}{c}{l}{c}"),
                        format!("x{l}{c}\n{r}{c}"),
                    ] {
                        assert_eq!(fast(&text), uax29(&text), "{text:?}");
                    }
                }
            }
        }
    }

    /// What [`Run`] and the short path of `tokenize` take for granted about the
    /// characters [`scan_simple`] knows.
    #[test]
    fn single_characters_are_punctuation() {
        use WordClass::*;
        let mut seen = 0;
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let Some((class, upper)) = simple_class_case(c) else {
                continue;
            };
            seen += 1;
            // Letters are the `Letter` class, with their case; digits `Digit`.
            assert_eq!(letter_case(c).is_some(), class == Letter, "{c:?}");
            assert_eq!(upper, letter_case(c) == Some(true), "{c:?}");
            assert_eq!(c.is_numeric(), class == Digit, "{c:?}");
            if matches!(class, Other | Space) {
                continue;
            }
            // In a run, the bytes `push_word` looks at are those of special
            // characters, and so are the separators of `Case::of`.
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).bytes();
            let special = class == MidNumLet || (class == ExtendNumLet && c.len_utf8() > 1);
            assert_eq!(
                bytes.clone().any(|b| matches!(b, b'\'' | b'.' | 0xE2)),
                special,
                "{c:?}"
            );
            if matches!(c, '-' | '\'' | '’' | '.') {
                assert!(special, "{c:?}");
            }
        }
        assert!(seen > 500);
    }

    #[test]
    fn other_lines_fall_back_to_uax29() {
        for text in [
            "Ça va\u{301} bien.\nМосква 2015, 北京 l'ι.\n\u{1F600}\u{200d}x",
            "\n\n\u{301}a\n",
            "e\u{303}\u{ad}z",
        ] {
            assert_eq!(fast(text), uax29(text), "{text:?}");
        }
        // A carriage return and line feed are one segment for UAX #29, two
        // here; both are white space, so the tokens are the same.
        assert_eq!(words("a\r\nb"), ["a", "b"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn segments_are_uax29(text in "[a-zA-Z0-9éÉœ’'.,:;_ \u{a0}\u{202f}\n«»()\u{301}\u{3b1}-]{0,24}") {
            proptest::prop_assert_eq!(fast(&text), uax29(&text));
        }

        /// The short path (segments, kinds, cases, elisions, hyphen joins as
        /// tokens come) gives the tokens of the general path.
        #[test]
        fn tokens_are_the_general_paths(text in pieces()) {
            proptest::prop_assert_eq!(tokenize(&text), reference(&text), "{:?}", text);
        }

        #[test]
        fn tokens_of_any_characters(text in "[a-zA-Z0-9éÉœ’'‘.,:;_ \u{a0}\u{202f}\n«»()\u{301}\u{3b1}‐-]{0,32}") {
            proptest::prop_assert_eq!(tokenize(&text), reference(&text), "{:?}", text);
        }
    }

    #[test]
    fn latin1_table() {
        for (i, &entry) in LATIN1_LETTERS.iter().enumerate() {
            let c = char::from(0xC0 + i as u8);
            assert_eq!(Some(entry), simple_class_case(c), "{c:?}");
            let mut buf = [0; 4];
            let line = c.encode_utf8(&mut buf);
            assert_eq!(char_at(line, 0), Some((c, entry.0, entry.1, 2)), "{c:?}");
        }
    }

    /// A line the short path does not know is read again by the general path,
    /// wherever it is, and the lines around it are left as they were.
    #[test]
    fn unknown_lines_are_read_again() {
        for text in [
            "Jean-Luc a dit.\nМосква, l'équipe d'OpenAI\nd'Acme-Corp y va.",
            "α\nJean-Luc",
            "Jean-Luc\nα",
            "a-b\n\nl'x\u{301}-y\nc-d",
            "e\u{301}",
            "\n\n\u{1F600} Marc's\n",
        ] {
            assert_eq!(tokenize(text), reference(text), "{text:?}");
        }
        assert_eq!(
            words("Jean-Luc a dit.\nМосква, l'équipe\nd'Acme-Corp"),
            [
                "Jean-Luc",
                "a",
                "dit",
                ".",
                "Москва",
                ",",
                "l'",
                "équipe",
                "d'",
                "Acme-Corp"
            ]
        );
    }

    #[test]
    fn paragraphs() {
        let text = "Un. Deux.\n\nTrois.";
        let toks = tokenize(text);
        let s = sentences(text, &toks, &HashSet::new());
        let paras: Vec<usize> = s.iter().map(|s| s.paragraph).collect();
        assert_eq!(paras, vec![0, 0, 1]);
    }
}
