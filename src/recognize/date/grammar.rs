//! The date grammar: token patterns that find date expressions and say what they mean
//! ([`Expr`]), before normalisation. See the module doc of [`super`] for the patterns.

use super::words::{Change, NONE, Unit, Word, Words, change, kind, kind_bit, lower_changed};
use crate::lang::Lang;
use crate::text::Case;
use crate::tokenize::{Folded, Token, TokenKind};
use std::cell::Cell;

/// Where the year of a date comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum YearRef {
    /// Not given: from the narrative context or the document date.
    None,
    /// Written in the text.
    Explicit(i32),
    /// The document's year plus an offset ("cette année", "l'an dernier").
    Doc(i32),
    /// "l'année": the year the narrative is in.
    Context,
}

/// Which occurrence of a weekday.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// The last one, or today ("mardi", "on Tuesday").
    Past,
    /// The last one before today ("mardi dernier", "last Tuesday").
    Last,
    /// The next one after today ("mardi prochain").
    Next,
    /// The next one, or today ("jusqu'à vendredi").
    Future,
    /// The nearest one ("ce mardi", "this Tuesday").
    This,
}

/// What a date expression means, before normalisation.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A calendar date: a year, a month or a day.
    Cal {
        /// The year.
        year: YearRef,
        /// The month, 1-12.
        month: Option<u32>,
        /// The day of the month.
        day: Option<u32>,
        /// A weekday written with the date, Monday = 1.
        weekday: Option<u32>,
        /// "dernier" (-1), "prochain" (+1), "this" (0) after or before it.
        rel: Option<i32>,
    },
    /// A quarter or a half-year; `n` = -1 for the last one.
    Period {
        /// The year.
        year: YearRef,
        /// Quarter or Half.
        unit: Unit,
        /// 1-4 (quarters), 1-2 (halves), -1 (the last).
        n: i32,
    },
    /// The n-th week of a month ("la première semaine d'avril").
    MonthWeek {
        /// The year.
        year: YearRef,
        /// The month.
        month: u32,
        /// 1-5, or -1 for the last.
        n: i32,
    },
    /// A season.
    Season {
        /// The year.
        year: YearRef,
        /// SP, SU, FA, WI.
        code: String,
        /// A relative word.
        rel: Option<i32>,
    },
    /// A unit relative to the document date ("l'an dernier", "this week").
    RelUnit {
        /// The unit.
        unit: Unit,
        /// Offset in units.
        offset: i32,
    },
    /// A day relative to the document date ("hier").
    RelDay(i32),
    /// A weekday alone.
    Weekday {
        /// Monday = 1.
        day: u32,
        /// Which one.
        dir: Dir,
    },
    /// "il y a trois ans", "two weeks ago".
    Ago {
        /// How many; `None` when unspecified ("il y a quelques mois").
        n: Option<f64>,
        /// Of what.
        unit: Unit,
    },
    /// The day the narrative is at ("la nuit", "the same day", a clock time).
    Anchor,
    /// A decade: the first three digits of its years ("199").
    Decade(i32),
    /// A range of two dates.
    Range(Box<Expr>, Box<Expr>),
    /// A vague reference (PRESENT_REF, …).
    Ref(String),
    /// A duration, TIMEX3 value.
    Duration(String),
}

/// A clock time.
#[derive(Clone, Debug, PartialEq)]
pub struct Clock {
    /// 0-24.
    pub hour: u32,
    /// 0-59.
    pub minute: u32,
    /// A time zone suffix ("Z").
    pub zone: Option<String>,
}

/// A date expression found in the tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it means.
    pub expr: Expr,
    /// A part of the day (MO, AF, EV, NI, DT).
    pub part: Option<String>,
    /// A clock time.
    pub clock: Option<Clock>,
    /// TIMEX3 mod.
    pub modifier: Option<String>,
}

impl Found {
    fn new(start: usize, end: usize, expr: Expr) -> Found {
        Found {
            start,
            end,
            expr,
            part: None,
            clock: None,
            modifier: None,
        }
    }
}

type P<T> = Option<(usize, T)>;

/// What token `i` can start a rule with: the kinds of the phrases starting there and
/// the token's own marks. Each rule of [`Parser::core`] needs one of a few of them on
/// its first token: "18" (a digit), "juillet" (a month), "le" (an article, before the
/// rest), "dernier" (a relative word), "trois" (a number word)…
#[derive(Default)]
struct Start {
    det: bool,
    weekday: bool,
    month: bool,
    rel: bool,
    decade: bool,
    unit: bool,
    day: bool,
    ago: bool,
    number_word: bool,
    ordinal: bool,
    season: bool,
    time: bool,
    range: bool,
    reference: bool,
    duration: bool,
    /// A number token.
    number: bool,
    /// The token holds an ASCII digit.
    digit: bool,
    /// The token holds a hyphen.
    hyphen: bool,
    /// The token is an apostrophe.
    apostrophe: bool,
}

/// Whether a cue comes before the token where a rule starts ([`Parser::cue_before`]),
/// looked at when a rule first asks: most candidates fail before they ask.
struct Cued {
    /// The token.
    at: usize,
    value: Cell<Option<bool>>,
}

impl Cued {
    fn at(i: usize) -> Cued {
        Cued {
            at: i,
            value: Cell::new(None),
        }
    }

    fn known(value: bool) -> Cued {
        Cued {
            at: 0,
            value: Cell::new(Some(value)),
        }
    }

    fn get(&self, p: &Parser) -> bool {
        if let Some(v) = self.value.get() {
            return v;
        }
        let v = p.cue_before(self.at).is_some();
        self.value.set(Some(v));
        v
    }
}

/// The kinds of phrases that open an expression (see [`Parser::may_start`]).
const OPENS: u32 = kind::MONTH
    | kind::WEEKDAY
    | kind::MOD
    | kind::DAY
    | kind::TIME
    | kind::UNIT
    | kind::DURATION
    | kind::NUMBER
    | kind::ORDINAL
    | kind::REL
    | kind::SEASON
    | kind::AGO
    | kind::DECADE
    | kind::RANGE
    | kind::REF;

/// Characters of a lowered token that rules look for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Marks {
    /// An ASCII digit.
    digit: bool,
    /// A hyphen.
    hyphen: bool,
    /// The token is an apostrophe.
    apostrophe: bool,
}

impl Marks {
    fn of(s: &str) -> Marks {
        let mut m = Marks {
            apostrophe: s == "'",
            ..Marks::default()
        };
        for b in s.bytes() {
            m.digit |= b.is_ascii_digit();
            m.hyphen |= b == b'-';
        }
        m
    }
}

/// What the bytes of a raw token say before it is lowered: it holds an ASCII digit, a
/// hyphen, or a byte that lowering changes beyond ASCII case (non-ASCII, or the backquote
/// made an apostrophe), so that it is lowered rather than read from the folded table.
const DIGIT: u8 = 1;
const HYPHEN: u8 = 2;
const NOT_FOLDED: u8 = 4;
/// An ASCII space (which lowering neither makes nor removes).
const SPACE: u8 = 8;
const BYTE_CLASSES: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'-' => HYPHEN,
            b' ' => SPACE,
            b'`' | 128..=255 => NOT_FOLDED,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The union of the [`BYTE_CLASSES`] of the bytes of `s`.
fn byte_classes(s: &[u8]) -> u8 {
    let class = |b: u8| BYTE_CLASSES[usize::from(b)];
    // Four bytes a step, then the rest.
    let mut quads = s.chunks_exact(4);
    let mut c = 0;
    for q in &mut quads {
        c |= class(q[0]) | class(q[1]) | class(q[2]) | class(q[3]);
    }
    quads.remainder().iter().fold(c, |c, &b| c | class(b))
}

/// Where the parser reads the lower case ([`lower`](super::words::lower)) of a token.
#[derive(Clone, Copy, Debug, Default)]
enum Source {
    /// The document's folded table: an ASCII token without a backquote is folded as it is
    /// lowered.
    #[default]
    Folded,
    /// The token itself, which lowering does not change ("été").
    Raw,
    /// [`Parser::lowered`], from .0 to .1.
    Lowered(usize, usize),
}

/// What the parser knows of one token.
#[derive(Clone, Copy, Debug, Default)]
struct Info {
    /// Where its lower case is.
    source: Source,
    /// What its lower case holds.
    marks: Marks,
    /// A line break comes right before it.
    nl: bool,
    /// The kinds of the phrases starting at it ([`kind_bit`]s).
    kinds: u32,
    /// Its phrase matches are `phrases[phrases.0..phrases.1]` (see [`Parser::table`]).
    phrases: (usize, usize),
    /// Its key token id ([`Words::token_id`]; `words::NONE` when no phrase has it).
    id: u32,
}

impl Info {
    /// No rule can start at the token: no phrase starts there (every meaning has a kind)
    /// and its lower case holds no digit, hyphen or apostrophe ([`Parser::may_start`]'s
    /// first test).
    fn inert(&self) -> bool {
        self.kinds == 0 && !(self.marks.digit || self.marks.hyphen || self.marks.apostrophe)
    }
}

/// The parser over one document's tokens.
pub struct Parser<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// The document's folded tokens.
    folded: &'a Folded,
    /// The tokens that are not read from `folded`, [`lower`](super::words::lower)ed end to
    /// end.
    lowered: String,
    /// Each token.
    info: Vec<Info>,
    /// Phrase matches starting at each token, end to end: (end, meaning), longest first.
    phrases: Vec<(usize, &'a Word)>,
    /// In order, the tokens that are not [`Info::inert`], and maybe some that are: where
    /// [`Parser::find_all`] tries the rules (with the node of their one-token key, or
    /// `NONE`).
    open: Vec<(usize, u32)>,
    words: &'a Words,
    lang: Lang,
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl<'a> Parser<'a> {
    /// Prepare the tokens of one text.
    pub fn new(
        text: &'a str,
        toks: &'a [Token],
        folded: &'a Folded,
        words: &'a Words,
        lang: Lang,
    ) -> Parser<'a> {
        let n = toks.len();
        let mut lowered = String::new();
        let mut info = Vec::with_capacity(n);
        // The tokens where a phrase starts, and the node of their one-token key, and the
        // tokens with a digit, hyphen or apostrophe (node `NONE`): the tokens that are not
        // [`Info::inert`].
        let mut starts = Vec::with_capacity(n / 2);
        let mut spaced = false;
        let bytes = text.as_bytes();
        let mut last_end = 0;
        for (i, t) in toks.iter().enumerate() {
            // The token's bytes, read without `Token::text`'s character boundary checks: a
            // span of ASCII bytes is on character boundaries, and another one is read again
            // with `Token::text` below.
            let raw = bytes.get(t.span.start..t.span.end).unwrap_or(&[]);
            let classes = byte_classes(raw);
            spaced |= classes & SPACE != 0;
            // Only white space comes between two tokens, and none before a token that has
            // no space before it.
            let nl = i > 0
                && t.space_before
                && bytes
                    .get(last_end..t.span.start)
                    .is_some_and(|gap| match gap {
                        // Mostly one space.
                        [b] => *b == b'\n',
                        _ => gap.contains(&b'\n'),
                    });
            last_end = t.span.end;
            let (source, marks, id) = if classes & NOT_FOLDED == 0 {
                // Folded as lowered: lower-casing keeps digits, hyphens and apostrophes, and
                // the folded form is the ASCII lower case.
                let marks = Marks {
                    digit: classes & DIGIT != 0,
                    hyphen: classes & HYPHEN != 0,
                    apostrophe: raw == b"'",
                };
                (Source::Folded, marks, words.token_id_ascii(raw))
            } else {
                let s = t.text(text);
                let change = change(s);
                // Where only ASCII letters change, if anything, the marks are those of the
                // raw bytes (and a non-ASCII token is no apostrophe).
                let marks = |low: &str| {
                    if matches!(change, Change::Nothing | Change::AsciiCase)
                        && low.len() == raw.len()
                    {
                        Marks {
                            digit: classes & DIGIT != 0,
                            hyphen: classes & HYPHEN != 0,
                            apostrophe: false,
                        }
                    } else {
                        Marks::of(low)
                    }
                };
                if change == Change::Nothing {
                    (Source::Raw, marks(s), words.token_id(s))
                } else {
                    let start = lowered.len();
                    lower_changed(s, change, &mut lowered);
                    let low = &lowered[start..];
                    let source = Source::Lowered(start, lowered.len());
                    (source, marks(low), words.token_id(low))
                }
            };
            info.push(Info {
                source,
                marks,
                nl,
                id,
                kinds: 0,
                phrases: (0, 0),
            });
            let node = words.first(id);
            if node != NONE || marks.digit || marks.hyphen || marks.apostrophe {
                starts.push((i, node));
            }
        }
        let mut parser = Parser {
            text,
            toks,
            folded,
            lowered,
            info,
            phrases: Vec::new(),
            open: Vec::new(),
            words,
            lang,
        };
        if spaced {
            // A token with a space could join a phrase key of other tokens: look the keys up
            // as strings (never in practice: tokens hold no spaces).
            parser.table_by_keys();
            parser.open = (0..n)
                .filter(|&i| !parser.info[i].inert())
                .map(|i| (i, NONE))
                .collect();
        } else {
            parser.table_by_ids(&starts);
            // A token with no node keeps kinds 0 ([`Parser::table_by_ids`]): a token not
            // in `starts` is inert, and those in it may be.
            parser.open = starts;
        }
        parser
    }

    /// Fill [`Parser::phrases`] and each token's phrases and kinds from the tokens' key ids
    /// by walking the phrase trie: the same matches as [`Parser::table_by_keys`], because no
    /// token holds a space, so that the key of tokens i..=j is a phrase key exactly when
    /// their ids walk the trie to a node.
    fn table_by_ids(&mut self, starts: &[(usize, u32)]) {
        let n = self.toks.len();
        let words = self.words;
        let mut phrases: Vec<(usize, &'a Word)> = Vec::with_capacity(starts.len() * 2);
        // The other tokens keep no phrases and no kinds, nor do those with node `NONE`.
        for &(i, mut node) in starts {
            let first = phrases.len();
            let mut kinds = 0;
            let mut j = i;
            while node != NONE {
                let (phrase, bits) = words.node(node);
                kinds |= bits;
                for w in &phrase.words {
                    phrases.push((j + 1, w));
                }
                j += 1;
                if !phrase.extends
                    || j >= (i + words.max_len).min(n)
                    || self.info[j].nl
                    || (self.f(j) == "." && self.toks[j].space_before)
                {
                    break;
                }
                node = words.child(node, self.info[j].id);
            }
            if phrases.len() - first > 1 {
                phrases[first..].reverse();
            }
            self.info[i].phrases = (first, phrases.len());
            self.info[i].kinds = kinds;
        }
        self.phrases = phrases;
    }

    /// [`Parser::table_by_ids`] the straightforward way: at each token, the keys of one,
    /// two, … tokens, built as strings and looked up until one is no phrase and no start of
    /// one.
    fn table_by_keys(&mut self) {
        let n = self.toks.len();
        let words = self.words;
        let mut phrases: Vec<(usize, &'a Word)> = Vec::with_capacity(n);
        let mut key = String::new();
        for i in 0..n {
            let first = phrases.len();
            for j in i..(i + words.max_len).min(n) {
                if j > i && (self.info[j].nl || (self.f(j) == "." && self.toks[j].space_before)) {
                    break;
                }
                key.clear();
                for k in i..=j {
                    if k > i {
                        key.push(' ');
                    }
                    key.push_str(self.f(k));
                }
                let Some(phrase) = words.lookup(&key) else {
                    break;
                };
                for w in &phrase.words {
                    phrases.push((j + 1, w));
                }
                if !phrase.extends {
                    break;
                }
            }
            phrases[first..].reverse();
            self.info[i].phrases = (first, phrases.len());
            self.info[i].kinds = phrases[first..].iter().fold(0, |k, (_, w)| k | kind_bit(w));
        }
        self.phrases = phrases;
    }

    /// Every date expression, left to right, longest first, not overlapping.
    pub fn find_all(&self) -> Vec<Found> {
        let mut out = Vec::new();
        // The first token not covered by an expression found.
        let mut i = 0;
        // Token by token, `parse` at i, then on after what it finds or at i + 1, would find
        // nothing at an inert token (the first test of `may_start`): only the open tokens
        // are tried.
        for &(k, _) in &self.open {
            if k < i {
                continue;
            }
            if let Some(f) = self.parse(k).filter(|f| f.end > k) {
                i = f.end;
                out.push(f);
            }
        }
        out
    }

    // ---- token helpers ----

    /// A line break comes right before token `i`.
    #[cfg(test)]
    pub(super) fn line_break_before(&self, i: usize) -> bool {
        self.info[i].nl
    }

    /// Token `i`, lowered.
    #[cfg(test)]
    pub(super) fn lowered(&self, i: usize) -> &str {
        self.f(i)
    }

    /// Token `i` holds an ASCII digit.
    #[cfg(test)]
    pub(super) fn has_digit(&self, i: usize) -> bool {
        self.info[i].marks.digit
    }

    /// Assert that the phrase table read through the trie ([`Parser::table_by_ids`], as
    /// built) is the one of the straightforward string keys ([`Parser::table_by_keys`]).
    #[cfg(test)]
    pub(super) fn assert_table_by_keys(mut self) {
        let table = |p: &Parser<'a>| {
            (0..p.len())
                .map(|i| (p.table(i).to_vec(), p.info[i].kinds))
                .collect::<Vec<_>>()
        };
        let by_ids = table(&self);
        self.table_by_keys();
        assert_eq!(by_ids, table(&self));
    }

    /// Token `i`'s marks are those of its lowered form.
    #[cfg(test)]
    pub(super) fn marks_of_lowered(&self, i: usize) -> bool {
        self.info[i].marks == Marks::of(self.f(i))
    }

    fn len(&self) -> usize {
        self.toks.len()
    }

    /// Token `i` exists and continues the expression (no line break before it).
    fn cont(&self, i: usize) -> bool {
        i < self.len() && !self.info[i].nl
    }

    fn glued(&self, i: usize) -> bool {
        self.cont(i) && !self.toks[i].space_before
    }

    fn f(&self, i: usize) -> &str {
        match self.info.get(i).map(|t| t.source) {
            Some(Source::Folded) => self.folded.word(i),
            Some(Source::Raw) => self.raw(i),
            Some(Source::Lowered(a, b)) => &self.lowered[a..b],
            None => "",
        }
    }

    /// Some phrase of kind `bit` ([`kind`]) starts at token `i`: the rules that look for one
    /// ask this before reading the phrases.
    fn has(&self, i: usize, bit: u32) -> bool {
        self.info.get(i).is_some_and(|t| t.kinds & bit != 0)
    }

    /// What token `i`'s lower case holds (nothing past the end). The rules that look for a
    /// digit or a hyphen in it ("1er", "mois-ci") ask these first.
    fn marks(&self, i: usize) -> Marks {
        self.info.get(i).map_or(Marks::default(), |t| t.marks)
    }

    fn raw(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    fn case(&self, i: usize) -> Case {
        self.toks.get(i).map_or(Case::None, |t| t.case)
    }

    /// Phrase matches starting at token `i`: (end, meaning), longest first.
    fn table(&self, i: usize) -> &[(usize, &'a Word)] {
        let (a, b) = self.info[i].phrases;
        &self.phrases[a..b]
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// The longest phrase at `i` whose meaning `f` accepts.
    fn word<T>(&self, i: usize, f: impl Fn(&Word) -> Option<T>) -> P<T> {
        if i >= self.len() {
            return None;
        }
        self.table(i)
            .iter()
            .find_map(|&(end, w)| f(w).map(|v| (end, v)))
    }

    /// Like [`Parser::word`], for a token that continues an expression.
    fn next<T>(&self, i: usize, f: impl Fn(&Word) -> Option<T>) -> P<T> {
        if self.cont(i) { self.word(i, f) } else { None }
    }

    fn is(&self, i: usize, f: impl Fn(&Word) -> bool) -> Option<usize> {
        self.next(i, |w| f(w).then_some(())).map(|(e, ())| e)
    }

    /// A phrase ending right before `i`, on the same line, whose meaning `f` accepts.
    fn before<T>(&self, i: usize, f: impl Fn(&Word) -> Option<T>) -> Option<T> {
        if i == 0 || i >= self.len() + 1 || (i < self.len() && self.info[i].nl) {
            return None;
        }
        for n in 1..=self.words.max_len.min(i) {
            let s = i - n;
            if let Some(v) = self
                .table(s)
                .iter()
                .filter(|(end, _)| *end == i)
                .find_map(|&(_, w)| f(w))
            {
                return Some(v);
            }
        }
        None
    }

    /// The strength of the cue before `i`: Some(true) strong, Some(false) weak.
    fn cue_before(&self, i: usize) -> Option<bool> {
        let mut best = None;
        for n in 1..=self.words.max_len.min(i) {
            if i < self.len() && self.info[i].nl {
                break;
            }
            let s = i - n;
            for (end, w) in self.table(s) {
                if *end == i {
                    if let Word::Cue { strong } = w {
                        best = Some(best.unwrap_or(false) || *strong);
                    }
                }
            }
        }
        best
    }

    /// Token `i` starts a sentence or a line (after a full stop, a colon, a quote…).
    fn initial(&self, i: usize) -> bool {
        i == 0
            || self.info[i].nl
            || matches!(
                self.raw(i - 1),
                "." | "!" | "?" | ":" | ";" | "«" | "\"" | "“" | "(" | "—" | "–" | "-" | "_" | "*"
            )
    }

    // ---- numbers ----

    /// A whole number written in digits.
    fn int(&self, i: usize) -> Option<(u32, usize)> {
        let s = self.raw(i);
        (self.kind(i) == Some(TokenKind::Number) && is_digits(s) && s.len() <= 4)
            .then(|| (s.parse().unwrap_or(0), s.len()))
    }

    /// A four-digit year, 1000-2099.
    fn year4(&self, i: usize) -> Option<i32> {
        match self.int(i) {
            Some((y, 4)) if (1000..=2099).contains(&y) => Some(y as i32),
            _ => None,
        }
    }

    /// A day of the month: "18", "1er", "18th".
    fn day_num(&self, i: usize) -> Option<u32> {
        if !self.marks(i).digit {
            return None;
        }
        let s = self.f(i);
        let digits: &str = match self.kind(i) {
            Some(TokenKind::Number) => s,
            Some(TokenKind::Word) => {
                let n = s.bytes().take_while(u8::is_ascii_digit).count();
                if !matches!(
                    &s[n..],
                    "er" | "re" | "ere" | "e" | "st" | "nd" | "rd" | "th"
                ) {
                    return None;
                }
                &s[..n]
            }
            _ => return None,
        };
        if !is_digits(digits) || digits.len() > 2 {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    /// A number of units: digits ("8", "30,4"), number words ("trois", "dix-huit", "a few").
    fn number(&self, i: usize) -> P<Option<f64>> {
        if i >= self.len() {
            return None;
        }
        if self.kind(i) == Some(TokenKind::Number) {
            let s = self.raw(i);
            let v: f64 = if is_digits(s) && s.len() <= 15 {
                // Below 2^53: the integer is the float that parsing the digits gives.
                s.parse::<u64>().ok()? as f64
            } else if s.contains(',') {
                s.replace(',', ".").parse().ok()?
            } else {
                s.parse().ok()?
            };
            return (v > 0.0 && v <= 10_000.0).then_some((i + 1, Some(v)));
        }
        if self.has(i, kind::NUMBER) {
            let number = self.word(i, |w| match w {
                Word::Number(n) => Some(*n),
                _ => None,
            });
            if number.is_some() {
                return number;
            }
        }
        if !self.marks(i).hyphen {
            return None;
        }
        self.hyphen_number(self.f(i)).map(|v| (i + 1, Some(v)))
    }

    /// A hyphenated number word: "dix-huit", "quatre-vingt-dix", "twenty-five".
    fn hyphen_number(&self, s: &str) -> Option<f64> {
        if !s.contains('-') {
            return None;
        }
        let mut total = 0.0;
        for part in s.split('-') {
            let v = self.words.get(part).iter().find_map(|w| match w {
                Word::Number(Some(v)) => Some(*v),
                Word::List => Some(0.0), // "vingt-et-un"
                _ => None,
            })?;
            if (v == 20.0 || v == 100.0 || v == 1000.0) && total > 0.0 && total < v {
                total *= v;
            } else {
                total += v;
            }
        }
        (total > 0.0).then_some(total)
    }

    // ---- words ----

    /// A month word at `i`: (end, month, abbreviation).
    fn month(&self, i: usize) -> P<(u32, bool)> {
        if !self.has(i, kind::MONTH) {
            return None;
        }
        let (end, m) = self.word(i, |w| match w {
            Word::Month { month, abbr } => Some((*month, *abbr)),
            _ => None,
        })?;
        if self.lang == Lang::En && !self.case(i).is_capitalised() {
            return None;
        }
        Some((end, m))
    }

    /// A weekday word at `i`: (end, day, abbreviation).
    fn weekday(&self, i: usize) -> P<(u32, bool)> {
        if !self.has(i, kind::WEEKDAY) {
            return None;
        }
        let (end, d) = self.word(i, |w| match w {
            Word::Weekday { day, abbr } => Some((*day, *abbr)),
            _ => None,
        })?;
        if self.lang == Lang::En && !self.case(i).is_capitalised() {
            return None;
        }
        Some((end, d))
    }

    fn unit(&self, i: usize) -> P<Unit> {
        if self.has(i, kind::UNIT) {
            let unit = self.word(i, |w| match w {
                Word::Unit(u) => Some(*u),
                _ => None,
            });
            if unit.is_some() {
                return unit;
            }
        }
        // "ce mois-ci", "cette semaine-ci".
        if !self.marks(i).hyphen {
            return None;
        }
        let s = self.f(i);
        let stem = s.strip_suffix("-ci")?;
        self.words.get(stem).iter().find_map(|w| match w {
            Word::Unit(u) => Some((i + 1, *u)),
            _ => None,
        })
    }

    fn rel(&self, i: usize, after: bool) -> P<i32> {
        if !self.has(i, kind::REL) {
            return None;
        }
        self.next(i, |w| match w {
            Word::Rel { offset, after: a } if *a == after => Some(*offset),
            _ => None,
        })
    }

    fn det(&self, i: usize) -> Option<usize> {
        if !self.has(i, kind::DET) {
            return None;
        }
        self.is(i, |w| matches!(w, Word::Det))
    }

    fn of(&self, i: usize) -> Option<usize> {
        if !self.has(i, kind::OF) {
            return None;
        }
        self.is(i, |w| matches!(w, Word::Of))
    }

    /// A part of the day; `events`: also the words that may name an event ("soirée").
    fn part(&self, i: usize, events: bool) -> P<String> {
        if !self.has(i, kind::PART) {
            return None;
        }
        self.next(i, |w| match w {
            Word::Part { code, event } if events || !event => Some(code.clone()),
            _ => None,
        })
    }

    /// After a bare year: punctuation, a capital, the end, or a word of after_year.
    fn year_may_end_before(&self, i: usize) -> bool {
        if !self.cont(i) {
            return true;
        }
        match self.kind(i) {
            Some(TokenKind::Punct) => !matches!(self.raw(i), "%" | "$" | "€" | "£"),
            Some(TokenKind::Possessive) => true,
            Some(TokenKind::Number) => false,
            _ => {
                self.case(i).is_capitalised()
                    || self.is(i, |w| matches!(w, Word::AfterYear)).is_some()
            }
        }
    }

    /// A number that stands next to other digits, money, or after a number sign ("n°",
    /// "numéro", "page") is not a year.
    fn in_number(&self, i: usize) -> bool {
        if self
            .before(i, |w| matches!(w, Word::NumberSign).then_some(()))
            .is_some()
        {
            return true;
        }
        if i > 0 {
            let p = self.raw(i - 1);
            if self.kind(i - 1) == Some(TokenKind::Number)
                || matches!(p, "$" | "€" | "£" | "#" | "n°" | "N°" | "°" | "+")
                || (self.glued(i)
                    && matches!(p, "," | "." | "/" | "-" | ":")
                    && i >= 2
                    && self.glued(i - 1)
                    && self.kind(i - 2) == Some(TokenKind::Number))
            {
                return true;
            }
        }
        let n = i + 1;
        self.glued(n)
            && (matches!(self.raw(n), "%" | "€" | "$")
                || (matches!(self.raw(n), "," | "." | "/" | "-" | ":")
                    && self.glued(n + 1)
                    && self.kind(n + 1) == Some(TokenKind::Number)))
    }

    /// "le mercredi" (every Wednesday): a weekday right after an article.
    fn habitual(&self, i: usize) -> bool {
        self.before(i, |w| matches!(w, Word::Det).then_some(()))
            .is_some()
    }

    /// Right after a capitalised word that is no date word: part of a name ("Russell 2000",
    /// "Windows 2000").
    fn after_name(&self, i: usize) -> bool {
        i > 0
            && !self.info[i].nl
            && self.kind(i - 1) == Some(TokenKind::Word)
            && self.case(i - 1).is_capitalised()
            && !self.initial(i - 1)
            && self.table(i - 1).is_empty()
    }

    /// A year given after "de"/"of" or alone: "2013", "cette année", "l'an dernier", "l'année".
    fn year_ref(&self, i: usize) -> P<YearRef> {
        if !self.cont(i) {
            return None;
        }
        if let Some(y) = self.year4(i) {
            return Some((i + 1, YearRef::Explicit(y)));
        }
        let mut j = i;
        let det = self.det(j);
        if let Some(e) = det {
            j = e;
        }
        let before = self.rel(j, false);
        if let Some((e, _)) = before {
            j = e;
        }
        let (e, unit) = self.unit(j).filter(|_| self.cont(j))?;
        if unit != Unit::Year {
            return None;
        }
        j = e;
        if let Some((e, off)) = self.rel(j, true) {
            return Some((e, YearRef::Doc(off)));
        }
        match (before, det) {
            (Some((_, off)), _) => Some((j, YearRef::Doc(off))),
            (None, Some(_)) => Some((j, YearRef::Context)),
            _ => None,
        }
    }

    /// A two-digit year after a month (French: "octobre 98"); 19xx or 20xx.
    fn year2(&self, i: usize) -> Option<i32> {
        if self.lang != Lang::Fr || !self.cont(i) {
            return None;
        }
        let (v, len) = self.int(i)?;
        if len != 2
            || self
                .is(i + 1, |w| matches!(w, Word::Hour | Word::Unit(_)))
                .is_some()
        {
            return None;
        }
        if self.glued(i + 1) && self.raw(i + 1) == ":" {
            return None;
        }
        if !self.year_may_end_before(i + 1) {
            return None;
        }
        Some(if v <= 30 {
            2000 + v as i32
        } else {
            1900 + v as i32
        })
    }

    // ---- the grammar ----

    /// The longest date expression starting at `i`.
    fn parse(&self, i: usize) -> Option<Found> {
        if !self.may_start(i) {
            return None;
        }
        if self.only_range(i) {
            return self.range(i);
        }
        if self.number_without_unit(i) || self.bare_season(i) {
            return None;
        }
        let cued = Cued::at(i);
        let mut best = self.core(i, &cued);
        if let Some(f) = self.with_mod(i) {
            if best.as_ref().is_none_or(|b| f.end > b.end) {
                best = Some(f);
            }
        }
        best
    }

    /// Token `i` opens only a range ("de", "entre"): no other kind of phrase that a rule or a
    /// qualifier starts with, no digit, hyphen or apostrophe, not a number. Of the rules of
    /// [`Parser::core`], only `range` starts there (see [`Parser::start`]), a range is no day
    /// that a part of the day could follow, and no qualifier starts there: what `parse`
    /// finds is what `range` finds.
    fn only_range(&self, i: usize) -> bool {
        let t = &self.info[i];
        t.kinds & (OPENS | kind::DET) == kind::RANGE
            && !(t.marks.digit || t.marks.hyphen || t.marks.apostrophe)
            && self.kind(i) != Some(TokenKind::Number)
    }

    /// Token `i` is a number word that opens nothing else (as in [`Parser::only_range`])
    /// and no unit can follow it ("un homme", "deux fois"): of the rules of [`Parser::core`],
    /// only `ago` and `duration` start there, and both need a unit right after the number
    /// phrase, or "et demi" then a unit: the number phrase is followed by no phrase of a unit
    /// or a list word, nor by a compound ("mois-ci").
    fn number_without_unit(&self, i: usize) -> bool {
        let t = &self.info[i];
        if t.kinds & (OPENS | kind::DET) != kind::NUMBER
            || t.marks.digit
            || t.marks.hyphen
            || t.marks.apostrophe
            || self.kind(i) == Some(TokenKind::Number)
        {
            return false;
        }
        let Some((e, _)) = self.word(i, |w| matches!(w, Word::Number(_)).then_some(())) else {
            return false;
        };
        self.info
            .get(e)
            .is_none_or(|n| n.kinds & (kind::UNIT | kind::LIST) == 0 && !n.marks.hyphen)
    }

    /// Token `i` is a season word that opens nothing else (as in [`Parser::only_range`]),
    /// that no year or relative word can follow, and that is ambiguous ("fall") or has no
    /// cue before it ("a été nommé"): of the rules of [`Parser::core`], only `season`
    /// starts there, with no article or relative word before the season (none starts at
    /// `i`); after the season phrase (the longest, as `season` reads it) it needs a year (a
    /// number: a digit), a relative word after ("été dernier") or "de" and a year, else it
    /// gives up on an ambiguous season or one without a cue before it (its `cued` is
    /// `cue_before(i)`); and no qualifier starts there.
    fn bare_season(&self, i: usize) -> bool {
        let t = &self.info[i];
        if t.kinds & (OPENS | kind::DET) != kind::SEASON
            || t.marks.digit
            || t.marks.hyphen
            || t.marks.apostrophe
            || self.kind(i) == Some(TokenKind::Number)
        {
            return false;
        }
        let Some((e, ambiguous)) = self.word(i, |w| match w {
            Word::Season { ambiguous, .. } => Some(*ambiguous),
            _ => None,
        }) else {
            return false;
        };
        self.info
            .get(e)
            .is_none_or(|n| n.kinds & (kind::REL | kind::OF) == 0 && !n.marks.digit)
            && (ambiguous || self.cue_before(i).is_none())
    }

    /// Assert that where [`Parser::only_range`] holds, `range` finds what the rules of
    /// [`Parser::parse`] find, and that they find nothing where
    /// [`Parser::number_without_unit`] holds; the number of such tokens.
    #[cfg(test)]
    pub(super) fn assert_only_range(&self) -> usize {
        let mut n = 0;
        for i in 0..self.len() {
            // The rules that ask the marks first rely on them.
            assert_eq!(self.marks(i), Marks::of(self.f(i)), "{i}");
            if self.only_range(i) {
                assert_eq!(self.range(i), self.core(i, &Cued::at(i)), "{i}");
                assert_eq!(self.with_mod(i), None, "{i}");
                n += 1;
            }
            if self.number_without_unit(i) || self.bare_season(i) {
                assert_eq!(self.core(i, &Cued::at(i)), None, "{i}");
                assert_eq!(self.with_mod(i), None, "{i}");
                n += 1;
            }
            // `find_all` tries only the open tokens; the others are inert, where every rule
            // finds nothing.
            if self.open.binary_search_by_key(&i, |&(k, _)| k).is_err() {
                assert!(self.info[i].inert(), "{i}");
            }
            if self.info[i].inert() {
                assert!(!self.may_start(i), "{i}");
                assert_eq!(self.core(i, &Cued::at(i)), None, "{i}");
                assert_eq!(self.with_mod(i), None, "{i}");
            }
            // A token with no kinds has no phrases (every meaning has a kind).
            if self.info[i].kinds == 0 {
                assert!(self.table(i).is_empty(), "{i}");
            }
        }
        n
    }

    /// Whether some rule may start at `i`, so that the others are skipped without trying the
    /// rules. Every rule starts on a token with a digit ("18", "Q1", "15h30", "1er"), on a
    /// compound word ("dix-huit", "fifty-year", "mi-mars"), on an apostrophe ("'82"), on a phrase that
    /// opens an expression ("juillet", "hier", "dernier", "trois"), or on an article
    /// followed by such a token or by a word that only follows an article ("la nuit", "l'été",
    /// "le même jour"). Words that only link or follow ("de", "et", "h", "UTC") start none.
    fn may_start(&self, i: usize) -> bool {
        // Most tokens: no phrase starts there and nothing in them to look at.
        let Some(t) = self.info.get(i) else {
            return false;
        };
        let (marks, kinds) = (t.marks, t.kinds);
        if t.inert() {
            return false;
        }
        if (marks.digit || marks.apostrophe || marks.hyphen) && self.compound_or_digits(i) {
            return true;
        }
        if kinds & OPENS != 0 {
            return true;
        }
        // After an article: "les années 90", "la nuit", "le même jour", "les '90s".
        if kinds & kind::DET == 0 {
            return false;
        }
        let Some((j, ())) = self.word(i, |w| matches!(w, Word::Det).then_some(())) else {
            return false;
        };
        j < self.len()
            && (self.compound_or_digits(j)
                || self.info[j].kinds & (OPENS | kind::PART | kind::SAME) != 0)
    }

    /// Token `i` holds a digit, is an apostrophe ("'82", "'90s"), or is a compound whose
    /// last or second part is a date word ("dix-huit", "fifty-year", "mi-mars") or that ends
    /// in "-ci" ("mois-ci").
    fn compound_or_digits(&self, i: usize) -> bool {
        let marks = self.info.get(i).map(|t| t.marks).unwrap_or_default();
        if marks.digit || marks.apostrophe {
            return true;
        }
        if !marks.hyphen {
            return false;
        }
        let s = self.f(i);
        let (Some((_, tail)), Some((_, last))) = (s.split_once('-'), s.rsplit_once('-')) else {
            return false;
        };
        s.ends_with("-ci") || !self.words.get(tail).is_empty() || !self.words.get(last).is_empty()
    }

    fn start(&self, i: usize) -> Start {
        let (marks, k) = self
            .info
            .get(i)
            .map_or((Marks::default(), 0), |t| (t.marks, t.kinds));
        let has = |bit: u32| k & bit != 0;
        Start {
            number: self.kind(i) == Some(TokenKind::Number),
            digit: marks.digit,
            hyphen: marks.hyphen,
            apostrophe: marks.apostrophe,
            det: has(kind::DET),
            weekday: has(kind::WEEKDAY),
            month: has(kind::MONTH),
            rel: has(kind::REL),
            decade: has(kind::DECADE),
            unit: has(kind::UNIT),
            day: has(kind::DAY),
            ago: has(kind::AGO),
            number_word: has(kind::NUMBER),
            ordinal: has(kind::ORDINAL),
            season: has(kind::SEASON),
            time: has(kind::TIME),
            range: has(kind::RANGE),
            reference: has(kind::REF),
            duration: has(kind::DURATION),
        }
    }

    /// A qualifier, then a date: "fin novembre 2022", "au début de 2013", "early 2014".
    fn with_mod(&self, i: usize) -> Option<Found> {
        if !self.has(i, kind::MOD) {
            return None;
        }
        let (mut j, m) = self.word(i, |w| match w {
            Word::Mod(m) => Some(m.clone()),
            _ => None,
        })?;
        if self.glued(j) && self.raw(j) == "-" {
            j += 1;
        } else if let Some(e) = self.of(j) {
            // "début de 2014", but not "fin de semaine" without a date after.
            j = e;
        }
        if !self.cont(j) {
            return None;
        }
        let mut f = self.core(j, &Cued::known(true))?;
        // An approximation qualifies numbers ("vers 2015", "about three years", "vers 21 h"),
        // not "about last week".
        if m == "APPROX"
            && f.clock.is_none()
            && !matches!(f.expr, Expr::Duration(_) | Expr::Ago { .. })
            && self.kind(j) != Some(TokenKind::Number)
        {
            return None;
        }
        f.start = i;
        if f.modifier.is_none() {
            f.modifier = Some(m);
        }
        Some(f)
    }

    /// A date without a leading qualifier.
    fn core(&self, i: usize, cued: &Cued) -> Option<Found> {
        // Candidates in order; a later one wins only if it ends further.
        let mut best: Option<Found> = None;
        let mut take = |c: Option<Found>| {
            if let Some(c) = c {
                if best.as_ref().is_none_or(|b| c.end > b.end) {
                    best = Some(c);
                }
            }
        };
        // Each rule is tried only on a token it can start on (see `Start`).
        let s = self.start(i);
        if s.number {
            take(self.numeric(i));
        }
        if s.weekday || s.digit {
            take(self.day_first(i));
        }
        if s.rel || s.weekday || s.month || s.hyphen {
            take(self.month_first(i, cued));
        }
        if s.det || s.decade || s.apostrophe || s.digit {
            take(self.decade(i));
        }
        if s.det || s.unit || s.hyphen || s.apostrophe || s.digit {
            take(self.year(i, cued));
        }
        if s.day {
            take(self.rel_day(i));
        }
        if s.det || s.rel {
            take(self.rel_unit(i, cued));
        }
        if s.rel || s.weekday {
            take(self.weekday_alone(i));
        }
        if s.ago || s.number_word || s.number || s.hyphen {
            take(self.ago(i));
        }
        if s.det || s.ordinal {
            take(self.ordinal_period(i, cued));
        }
        if s.det || s.rel || s.season {
            take(self.season(i, cued));
        }
        if s.det {
            take(self.part_of(i, cued));
        }
        if s.time || s.digit {
            take(self.clock(i, cued));
        }
        if s.range {
            take(self.range(i));
        }
        if s.reference {
            take(self.reference(i));
        }
        if s.duration || s.number_word || s.number || s.hyphen {
            take(self.duration(i));
        }
        if s.det || s.rel {
            take(self.anchor(i, cued));
        }
        if s.digit {
            take(self.period_code(i, cued));
        }
        let mut f = best?;
        // A part of the day after a day: "mardi soir", "hier matin", "18 juillet au soir".
        if f.part.is_none() && f.clock.is_none() && day_like(&f.expr) {
            if let Some((e, p)) = self.part(f.end, false) {
                f.end = e;
                f.part = Some(p);
            } else if self
                .is(f.end, |w| matches!(w, Word::Cue { .. } | Word::Of))
                .is_some_and(|e| e == f.end + 1)
            {
                if let Some((e, p)) = self.part(f.end + 1, false) {
                    f.end = e;
                    f.part = Some(p);
                }
            }
        }
        Some(f)
    }

    /// Digits and separators: "18/07/2015", "2015-07-18", "18.07.2015", "7/8/07", "2017-2018".
    fn numeric(&self, i: usize) -> Option<Found> {
        if self.kind(i) != Some(TokenKind::Number) {
            return None;
        }
        if i > 0 && self.glued(i) && matches!(self.raw(i - 1), "/" | "-" | "." | "–") {
            return None;
        }
        // One token with dots: "18.07.2015".
        let s = self.raw(i);
        if s.contains('.') {
            let p: Vec<&str> = s.split('.').collect();
            if p.len() == 3 && p.iter().all(|x| is_digits(x)) {
                return self
                    .dmy(p[0], p[1], p[2], false)
                    .map(|e| Found::new(i, i + 1, e));
            }
            return None;
        }
        let mut parts = vec![s];
        let mut seps = Vec::new();
        let mut j = i;
        while self.glued(j + 1)
            && matches!(self.raw(j + 1), "/" | "-" | "–")
            && self.glued(j + 2)
            && self.kind(j + 2) == Some(TokenKind::Number)
        {
            seps.push(self.raw(j + 1));
            parts.push(self.raw(j + 2));
            j += 2;
        }
        if parts.len() > 3 || parts.iter().any(|p| !is_digits(p)) {
            return None;
        }
        let end = j + 1;
        match parts.len() {
            3 if seps[0] == seps[1] => {
                let e = if parts[0].len() == 4 {
                    self.ymd(parts[0], parts[1], parts[2])
                } else {
                    self.dmy(parts[0], parts[1], parts[2], seps[0] == "/")
                }?;
                Some(Found::new(i, end, e))
            }
            2 => {
                let (a, b) = (parts[0], parts[1]);
                let av: i32 = a.parse().ok()?;
                let bv: i32 = b.parse().ok()?;
                if a.len() == 4 && (1000..=2099).contains(&av) {
                    let year = |y| Expr::Cal {
                        year: YearRef::Explicit(y),
                        month: None,
                        day: None,
                        weekday: None,
                        rel: None,
                    };
                    let to = match b.len() {
                        4 => bv,
                        2 if bv == (av + 1) % 100 || bv > av % 100 => av / 100 * 100 + bv,
                        2 if seps[0] == "-" && (1..=12).contains(&bv) => {
                            return Some(Found::new(
                                i,
                                end,
                                Expr::Cal {
                                    year: YearRef::Explicit(av),
                                    month: Some(bv as u32),
                                    day: None,
                                    weekday: None,
                                    rel: None,
                                },
                            ));
                        }
                        _ => return None,
                    };
                    if to <= av || to - av > 100 {
                        return None;
                    }
                    return Some(Found::new(
                        i,
                        end,
                        Expr::Range(Box::new(year(av)), Box::new(year(to))),
                    ));
                }
                // "07/2015".
                if b.len() == 4 && seps[0] == "/" && (1..=12).contains(&av) && a.len() <= 2 {
                    return Some(Found::new(
                        i,
                        end,
                        Expr::Cal {
                            year: YearRef::Explicit(bv),
                            month: Some(av as u32),
                            day: None,
                            weekday: None,
                            rel: None,
                        },
                    ));
                }
                None
            }
            _ => None,
        }
    }

    fn ymd(&self, y: &str, m: &str, d: &str) -> Option<Expr> {
        if m.len() > 2 || d.len() > 2 {
            return None;
        }
        cal(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Day, month, year; in English with slashes, month first when it can be.
    fn dmy(&self, a: &str, b: &str, y: &str, slashes: bool) -> Option<Expr> {
        if a.len() > 2 || b.len() > 2 || !(y.len() == 2 || y.len() == 4) {
            return None;
        }
        let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        let mut year: i32 = y.parse().ok()?;
        if y.len() == 2 {
            year += if year <= 30 { 2000 } else { 1900 };
        }
        if self.lang == Lang::En && slashes && a <= 12 {
            cal(year, a, b)
        } else {
            cal(year, b, a)
        }
    }

    /// "[lundi] 6 [de] septembre [1999]", "18th of July 2015", "les 6 et 13 avril".
    fn day_first(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let mut weekday = None;
        if let Some((e, (d, _abbr))) = self.weekday(i) {
            // A French weekday in capitals mid-sentence is a name ("Vendredi").
            weekday = Some(d);
            j = e;
            if self.cont(j) && self.raw(j) == "," {
                j += 1;
            }
        }
        if !self.cont(j) && j != i {
            return None;
        }
        let day = self.day_num(j)?;
        let mut k = j + 1;
        if let Some(e) = self.of(k).filter(|_| self.lang == Lang::En) {
            k = e;
        }
        let Some((mut e, (month, _))) = self.month(k).filter(|_| self.cont(k)) else {
            // "les 6 et 13 avril": the first day takes the month after the second.
            if weekday.is_some() {
                return None;
            }
            let l = self.is(k, |w| matches!(w, Word::List))?;
            self.day_num(l).filter(|_| self.cont(l))?;
            let (e2, (month, _)) = self.month(l + 1).filter(|_| self.cont(l + 1))?;
            let year = self.year4(e2).filter(|_| self.cont(e2));
            let rel = self.rel(e2, true).map(|r| r.1);
            let expr = cal_expr(
                year.map_or(YearRef::None, YearRef::Explicit),
                month,
                day,
                None,
                rel,
            )?;
            return Some(Found::new(j, j + 1, expr));
        };
        let mut year = YearRef::None;
        let mut rel = None;
        if let Some(y) = self.year4(e).filter(|_| self.cont(e)) {
            year = YearRef::Explicit(y);
            e += 1;
        } else if self.lang == Lang::En
            && self.raw(e) == ","
            && self.cont(e)
            && self.year4(e + 1).is_some()
            && self.cont(e + 1)
        {
            year = YearRef::Explicit(self.year4(e + 1)?);
            e += 2;
        } else if let Some(y) = self.year2(e) {
            year = YearRef::Explicit(y);
            e += 1;
        } else if let Some((e2, r)) = self.rel(e, true) {
            rel = Some(r);
            e = e2;
        } else if let Some(o) = self.of(e) {
            if let Some((e2, y)) = self.year_ref(o) {
                year = y;
                e = e2;
            }
        }
        let expr = cal_expr(year, month, day, weekday, rel)?;
        Some(Found::new(i, e, expr))
    }

    /// "[last|this] [Friday,] September 18[,] [2008]", "novembre 2022", "juin prochain",
    /// "avril de cette année", "en mars", "mi-juillet".
    fn month_first(&self, i: usize, cued: &Cued) -> Option<Found> {
        let mut j = i;
        let before = self.word(i, |w| match w {
            Word::Rel {
                offset,
                after: false,
            } => Some(*offset),
            _ => None,
        });
        if let Some((e, _)) = before {
            j = e;
        }
        let mut weekday = None;
        if let Some((e, (d, _))) = self.weekday(j).filter(|_| self.cont(j) || j == i) {
            weekday = Some(d);
            j = e;
            if self.cont(j) && self.raw(j) == "," {
                j += 1;
            }
        }
        if j != i && !self.cont(j) {
            return None;
        }
        // "mi-mars", "mid-March": a qualifier glued to the month.
        let mut modifier = None;
        let (mut e, (month, abbr)) = match self.month(j) {
            Some(m) => m,
            None => {
                if !self.marks(j).hyphen {
                    return None;
                }
                let s = self.f(j);
                let (head, tail) = s.split_once('-')?;
                let m = self.words.get(head).iter().find_map(|w| match w {
                    Word::Mod(m) => Some(m.clone()),
                    _ => None,
                })?;
                let month = self.words.get(tail).iter().find_map(|w| match w {
                    Word::Month { month, abbr: false } => Some(*month),
                    _ => None,
                })?;
                modifier = Some(m);
                (j + 1, (month, false))
            }
        };
        let month_tok = j;
        // Day after the month: "March 01, 2008", "June 18".
        if self.cont(e) && (self.lang == Lang::En || weekday.is_some()) {
            if let Some(day) = self
                .day_num(e)
                .filter(|_| !self.glued(e + 1) || !matches!(self.raw(e + 1), ":" | "/"))
            {
                if self
                    .is(e + 1, |w| matches!(w, Word::Unit(_) | Word::Hour))
                    .is_none()
                {
                    let mut k = e + 1;
                    let mut year = YearRef::None;
                    let comma = self.cont(k) && self.raw(k) == ",";
                    let yk = if comma { k + 1 } else { k };
                    if let Some(y) = self.year4(yk).filter(|_| self.cont(yk)) {
                        year = YearRef::Explicit(y);
                        k = yk + 1;
                    }
                    let rel = before.map(|b| b.1);
                    let mut f = Found::new(i, k, cal_expr(year, month, day, weekday, rel)?);
                    f.modifier = modifier;
                    return Some(f);
                }
            }
        }
        if weekday.is_some() {
            return None;
        }
        let mut year = YearRef::None;
        let mut rel = before.map(|b| b.1);
        let mut explicit = false;
        if let Some(y) = self.year4(e).filter(|_| self.cont(e)) {
            year = YearRef::Explicit(y);
            e += 1;
            explicit = true;
        } else if let Some(y) = self.year2(e) {
            year = YearRef::Explicit(y);
            e += 1;
            explicit = true;
        } else if let Some((e2, r)) = self.rel(e, true) {
            rel = Some(r);
            e = e2;
        } else if let Some(o) = self.of(e) {
            if let Some((e2, y)) = self.year_ref(o) {
                year = y;
                e = e2;
                explicit = true;
            }
        }
        let lower = self.case(month_tok) == Case::Lower;
        if !explicit {
            // A month alone: not an abbreviation; in English capitalised and after a cue; in
            // French lower case, or capitalised at the start of a sentence after a qualifier.
            if abbr {
                return None;
            }
            let ok = rel.is_some()
                || modifier.is_some()
                || match self.lang {
                    Lang::En => cued.get(self),
                    Lang::Fr => lower || (cued.get(self) && self.initial(month_tok)),
                };
            if !ok {
                return None;
            }
        } else if self.lang == Lang::Fr && !lower && !self.initial(month_tok) && month_tok == i {
            // "Mars 2020" mid-sentence is a name.
            return None;
        }
        let mut f = Found::new(
            i,
            e,
            Expr::Cal {
                year,
                month: Some(month),
                day: None,
                weekday: None,
                rel,
            },
        );
        f.modifier = modifier;
        Some(f)
    }

    /// A bare year: "en 2013", "depuis 1998", "in 2009", "the 2008 Olympics", "l'année 2001", "'82".
    fn year(&self, i: usize, cued: &Cued) -> Option<Found> {
        // "l'année 2001", "l'an 2000".
        let mut j = i;
        if let Some((e, ())) = self.word(i, |w| matches!(w, Word::Det).then_some(())) {
            j = e;
        }
        if let Some((e, Unit::Year)) = self.unit(j).filter(|_| j == i || self.cont(j)) {
            if let Some(y) = self.year4(e).filter(|_| self.cont(e)) {
                return Some(Found::new(i, e + 1, year_expr(y)));
            }
        }
        // "'82".
        if matches!(self.raw(i), "'" | "’") && self.glued(i + 1) {
            let (v, len) = self.int(i + 1)?;
            if len == 2 && self.cue_before(i).is_some() && self.year_may_end_before(i + 2) {
                let y = if v <= 30 { 2000 + v } else { 1900 + v };
                return Some(Found::new(i, i + 2, year_expr(y as i32)));
            }
            return None;
        }
        let y = self.year4(i)?;
        if self.in_number(i) || (!cued.get(self) && self.after_name(i)) {
            return None;
        }
        let strong = cued.get(self) && self.cue_before(i) != Some(false);
        let ok = if strong {
            true
        } else {
            (cued.get(self) || (1900..=2099).contains(&y)) && self.year_may_end_before(i + 1)
        };
        if !ok {
            return None;
        }
        Some(Found::new(i, i + 1, year_expr(y)))
    }

    /// "hier", "aujourd'hui", "yesterday", "tonight".
    fn rel_day(&self, i: usize) -> Option<Found> {
        let (e, (offset, part)) = self.word(i, |w| match w {
            Word::Day { offset, part } => Some((*offset, part.clone())),
            _ => None,
        })?;
        let mut f = Found::new(i, e, Expr::RelDay(offset));
        f.part = part;
        Some(f)
    }

    /// "cette année", "l'an dernier", "la semaine dernière", "ce mois-ci", "last year",
    /// "this week", "ce soir", "this morning", "the weekend".
    fn rel_unit(&self, i: usize, cued: &Cued) -> Option<Found> {
        let mut j = i;
        let det = self
            .word(i, |w| matches!(w, Word::Det).then_some(()))
            .map(|r| r.0);
        if let Some(e) = det {
            j = e;
        }
        let before = if j == i {
            self.word(i, |w| match w {
                Word::Rel {
                    offset,
                    after: false,
                } => Some(*offset),
                _ => None,
            })
        } else {
            self.rel(j, false)
        };
        if let Some((e, _)) = before {
            j = e;
        }
        if j != i && !self.cont(j) {
            return None;
        }
        // "ce soir", "this morning".
        if let (Some((_, 0)), Some((e, p))) = (before, self.part(j, false)) {
            let mut f = Found::new(i, e, Expr::RelDay(0));
            f.part = Some(p);
            return Some(f);
        }
        let (mut e, unit) = self.unit(j).filter(|_| j != i)?;
        if !matches!(
            unit,
            Unit::Year | Unit::Month | Unit::Week | Unit::Weekend | Unit::Quarter | Unit::Day
        ) {
            return None;
        }
        let mut offset = before.map(|b| b.1);
        if let Some((e2, r)) = self.rel(e, true) {
            offset = Some(r);
            e = e2;
        } else if self.f(e - 1).ends_with("-ci") {
            offset = Some(0);
        }
        match offset {
            Some(o) => {
                if unit == Unit::Day && o != 0 {
                    return None;
                }
                Some(Found::new(i, e, Expr::RelUnit { unit, offset: o }))
            }
            // "the weekend", "le week-end", after a cue.
            None if unit == Unit::Weekend
                && det.is_some()
                && (cued.get(self)
                    || self
                        .before(i, |w| matches!(w, Word::AnchorCue).then_some(()))
                        .is_some()) =>
            {
                Some(Found::new(i, e, Expr::RelUnit { unit, offset: 0 }))
            }
            None => None,
        }
    }

    /// "mardi", "mardi dernier", "on Tuesday", "last Tuesday", "ce dimanche", "ce même lundi".
    fn weekday_alone(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let before = self.word(i, |w| match w {
            Word::Rel {
                offset,
                after: false,
            } => Some(*offset),
            _ => None,
        });
        if let Some((e, _)) = before {
            j = e;
        }
        let same = self.is(j, |w| matches!(w, Word::Same)).filter(|_| j != i);
        if let Some(e) = same {
            j = e;
        }
        if j != i && !self.cont(j) {
            return None;
        }
        let (mut e, (day, abbr)) = self.weekday(j)?;
        if abbr || (j == i && self.habitual(i)) {
            return None;
        }
        // French weekdays are lower case; a capital is fine at the start of a sentence.
        if self.lang == Lang::Fr && j == i && self.case(j) != Case::Lower && !self.initial(j) {
            return None;
        }
        let mut dir = match before.map(|b| b.1) {
            Some(-1) => Dir::Last,
            Some(1) => Dir::Next,
            Some(_) => Dir::This,
            None => Dir::Past,
        };
        if let Some((e2, r)) = self.rel(e, true) {
            dir = if r < 0 { Dir::Last } else { Dir::Next };
            e = e2;
        } else if dir == Dir::Past
            && self
                .before(i, |w| matches!(w, Word::Future).then_some(()))
                .is_some()
        {
            dir = Dir::Future;
        }
        let expr = if same.is_some() {
            Expr::Anchor
        } else {
            Expr::Weekday { day, dir }
        };
        Some(Found::new(i, e, expr))
    }

    /// "il y a [plus de] trois ans", "three years ago".
    fn ago(&self, i: usize) -> Option<Found> {
        if let Some((mut j, false)) = self.word(i, |w| match w {
            Word::Ago { after } => Some(*after),
            _ => None,
        }) {
            let mut modifier = None;
            if let Some((e, m)) = self.next(j, |w| match w {
                Word::Mod(m) => Some(m.clone()),
                _ => None,
            }) {
                modifier = Some(m);
                j = e;
            }
            let (e, n) = self.number(j).filter(|_| self.cont(j))?;
            let (e, unit) = self.unit(e).filter(|_| self.cont(e))?;
            let mut f = Found::new(i, e, Expr::Ago { n, unit });
            f.modifier = modifier;
            return Some(f);
        }
        let (e, n) = self.number(i)?;
        let (e, unit) = self.unit(e).filter(|_| self.cont(e))?;
        let e = self.is(e, |w| matches!(w, Word::Ago { after: true }))?;
        Some(Found::new(i, e, Expr::Ago { n, unit }))
    }

    /// "premier trimestre de 2013", "the third quarter of this year", "la seconde moitié de
    /// l'année", "la première semaine d'avril".
    fn ordinal_period(&self, i: usize, cued: &Cued) -> Option<Found> {
        let mut j = i;
        let det = self.word(i, |w| matches!(w, Word::Det).then_some(()));
        if let Some((e, ())) = det {
            j = e;
        }
        if j != i && !self.cont(j) {
            return None;
        }
        let (e, n) = self.word(j, |w| match w {
            Word::Ordinal(n) => Some(*n),
            _ => None,
        })?;
        let (mut e, unit) = self.unit(e).filter(|_| self.cont(e))?;
        match unit {
            Unit::Week => {
                let o = self.of(e)?;
                let (e2, (month, _)) = self.month(o).filter(|_| self.cont(o))?;
                e = e2;
                let mut year = YearRef::None;
                if let Some(y) = self.year4(e).filter(|_| self.cont(e)) {
                    year = YearRef::Explicit(y);
                    e += 1;
                } else if let Some(o2) = self.of(e) {
                    if let Some((e3, y)) = self.year_ref(o2) {
                        year = y;
                        e = e3;
                    }
                }
                if !(1..=5).contains(&n) && n != -1 {
                    return None;
                }
                Some(Found::new(i, e, Expr::MonthWeek { year, month, n }))
            }
            Unit::Quarter | Unit::Half => {
                let max = if unit == Unit::Quarter { 4 } else { 2 };
                if !(1..=max).contains(&n) && n != -1 {
                    return None;
                }
                let mut year = YearRef::None;
                if let Some(y) = self.year4(e).filter(|_| self.cont(e)) {
                    year = YearRef::Explicit(y);
                    e += 1;
                } else if let Some(o) = self.of(e) {
                    if let Some((e2, y)) = self.year_ref(o) {
                        year = y;
                        e = e2;
                    }
                }
                if year == YearRef::None && det.is_none() && !cued.get(self) {
                    return None;
                }
                Some(Found::new(i, e, Expr::Period { year, unit, n }))
            }
            _ => None,
        }
    }

    /// "l'été 2019", "cet été", "en été", "last summer", "the fall of 2008".
    fn season(&self, i: usize, cued: &Cued) -> Option<Found> {
        let mut j = i;
        let det = self.word(i, |w| matches!(w, Word::Det).then_some(()));
        let before = self.word(i, |w| match w {
            Word::Rel {
                offset,
                after: false,
            } => Some(*offset),
            _ => None,
        });
        if let Some((e, ())) = det {
            j = e;
        } else if let Some((e, _)) = before {
            j = e;
        }
        if j != i && !self.cont(j) {
            return None;
        }
        // "les mois d'été": the season.
        if let Some((e, Unit::Month)) = self.unit(j).filter(|_| j != i && self.cont(j)) {
            if let Some(o) = self.of(e) {
                if let Some((e2, (code, false))) = self.next(o, |w| match w {
                    Word::Season { code, ambiguous } => Some((code.clone(), *ambiguous)),
                    _ => None,
                }) {
                    let expr = Expr::Season {
                        year: YearRef::None,
                        code,
                        rel: None,
                    };
                    return Some(Found::new(i, e2, expr));
                }
            }
        }
        let (mut e, (code, ambiguous)) = self.word(j, |w| match w {
            Word::Season { code, ambiguous } => Some((code.clone(), *ambiguous)),
            _ => None,
        })?;
        let mut year = YearRef::None;
        let mut rel = before.map(|b| b.1);
        let mut explicit = false;
        if let Some(y) = self.year4(e).filter(|_| self.cont(e)) {
            year = YearRef::Explicit(y);
            e += 1;
            explicit = true;
        } else if let Some((e2, r)) = self.rel(e, true) {
            rel = Some(r);
            e = e2;
        } else if let Some(o) = self.of(e) {
            if let Some((e2, y)) = self.year_ref(o) {
                year = y;
                e = e2;
                explicit = true;
            }
        }
        // A bare season needs an article or a cue other than "de" ("en été", "l'été"; not
        // "les Jeux d'hiver").
        let of_before = self
            .before(i, |w| matches!(w, Word::Of).then_some(()))
            .is_some();
        if !explicit
            && rel.is_none()
            && (ambiguous || !((cued.get(self) && !of_before) || det.is_some()))
        {
            return None;
        }
        Some(Found::new(i, e, Expr::Season { year, code, rel }))
    }

    /// "les années 1990", "les années 90", "the 1990s", "the '90s".
    fn decade(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if let Some((e, ())) = self.word(i, |w| matches!(w, Word::Det).then_some(())) {
            j = e;
        }
        if let Some(e) = self
            .is(j, |w| matches!(w, Word::Decade))
            .filter(|_| j == i || self.cont(j))
        {
            let (v, len) = self.int(e).filter(|_| self.cont(e))?;
            let d = match len {
                4 if v % 10 == 0 && (1000..=2090).contains(&v) => v / 10,
                2 if v % 10 == 0 => 190 + v / 10,
                _ => return None,
            };
            return Some(Found::new(i, e + 1, Expr::Decade(d as i32)));
        }
        if j == i && !self.cont(j) {
            return None;
        }
        // "1990s", "'90s".
        let mut k = j;
        let short = matches!(self.raw(k), "'" | "’") && self.glued(k + 1);
        if short {
            k += 1;
        }
        if !self.marks(k).digit {
            return None;
        }
        let s = self.f(k);
        let digits = s.strip_suffix('s')?;
        if !is_digits(digits) || !digits.ends_with('0') {
            return None;
        }
        let d: i32 = digits.parse().ok()?;
        let d = match (digits.len(), short) {
            (4, false) if (1000..=2090).contains(&d) => d / 10,
            (2, true) => 190 + d / 10,
            _ => return None,
        };
        Some(Found::new(i, k + 1, Expr::Decade(d)))
    }

    /// "le soir du 18 juillet 2015", "the night of March 3"; "dans la nuit", "la soirée"
    /// after a cue: the narrative's day.
    fn part_of(&self, i: usize, cued: &Cued) -> Option<Found> {
        let mut j = i;
        let det = self.word(i, |w| matches!(w, Word::Det).then_some(()));
        if let Some((e, ())) = det {
            j = e;
        }
        if j == i {
            return None;
        }
        let (e, part) = self.part(j, true)?;
        // "le matin même", "le soir même": that day.
        if let Some(e2) = self.is(e, |w| matches!(w, Word::Same)) {
            let mut f = Found::new(i, e2, Expr::Anchor);
            f.part = Some(part);
            return Some(f);
        }
        if let Some(o) = self.of(e) {
            let day = [self.day_first(o), self.month_first(o, &Cued::known(true))]
                .into_iter()
                .flatten()
                .filter(|f| f.start == o && day_like(&f.expr))
                .max_by_key(|f| f.end);
            if let Some(mut f) = day.filter(|_| self.cont(o)) {
                f.start = i;
                f.part = Some(part);
                return Some(f);
            }
        }
        let anchored = cued.get(self)
            || self
                .before(i, |w| matches!(w, Word::AnchorCue).then_some(()))
                .is_some();
        if !anchored {
            return None;
        }
        let mut f = Found::new(i, e, Expr::Anchor);
        f.part = Some(part);
        Some(f)
    }

    /// Clock times: "21 h 45", "18 h", "21h45", "18:00 UTC", "0800 UTC", "6:40 p.m.", "midi".
    fn clock(&self, i: usize, cued: &Cued) -> Option<Found> {
        let (mut e, hour, minute, strong) = self.clock_core(i, cued)?;
        let mut hour = hour;
        if let Some((e2, pm)) = self.next(e, |w| match w {
            Word::Ampm { pm } => Some(*pm),
            _ => None,
        }) {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = match (pm, hour) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            e = e2;
        } else if !strong {
            // Bare "18:00" needs a zone.
            if self
                .next(e, |w| matches!(w, Word::Timezone(_)).then_some(()))
                .is_none()
            {
                return None;
            }
        }
        let mut zone = None;
        if let Some((e2, z)) = self.next(e, |w| match w {
            Word::Timezone(z) => Some(z.clone()),
            _ => None,
        }) {
            zone = Some(z);
            e = e2;
        }
        let mut f = Found::new(i, e, Expr::Anchor);
        f.clock = Some(Clock { hour, minute, zone });
        Some(f)
    }

    /// (end, hour, minute, needs nothing after it).
    fn clock_core(&self, i: usize, cued: &Cued) -> Option<(usize, u32, u32, bool)> {
        if let Some((e, (hour, minute))) = self.word(i, |w| match w {
            Word::Time { hour, minute } => Some((*hour, *minute)),
            _ => None,
        }) {
            if self.case(i) != Case::Lower && !self.initial(i) {
                return None;
            }
            return Some((e, hour, minute, true));
        }
        // "21h45", "18h", and the other forms: all digits.
        if !self.marks(i).digit {
            return None;
        }
        let s = self.f(i);
        if self.kind(i) == Some(TokenKind::Word) {
            let n = s.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &s[n..];
            if (1..=2).contains(&n)
                && rest.starts_with('h')
                && (rest.len() == 1 || (rest.len() == 3 && is_digits(&rest[1..])))
            {
                let h: u32 = s[..n].parse().ok()?;
                let m: u32 = if rest.len() == 3 {
                    rest[1..].parse().ok()?
                } else {
                    0
                };
                return (h <= 24 && m < 60).then_some((i + 1, h, m, true));
            }
            return None;
        }
        let (h, len) = self.int(i)?;
        // "0800 UTC".
        if len == 4 {
            self.next(i + 1, |w| matches!(w, Word::Timezone(_)).then_some(()))?;
            let (hh, mm) = (h / 100, h % 100);
            return (hh < 24 && mm < 60).then_some((i + 1, hh, mm, true));
        }
        if h > 24 {
            return None;
        }
        // "21 h 45", "18 h".
        if let Some(e) = self.is(i + 1, |w| matches!(w, Word::Hour)) {
            if let Some((m, 2)) = self.int(e).filter(|_| self.cont(e)) {
                if m < 60 {
                    return Some((e + 1, h, m, true));
                }
            }
            return Some((e, h, 0, true));
        }
        // "18:00", "6:40".
        if self.glued(i + 1) && self.raw(i + 1) == ":" && self.glued(i + 2) {
            if let Some((m, 2)) = self.int(i + 2) {
                if m < 60 && !(self.glued(i + 3) && self.raw(i + 3) == ":") {
                    return Some((i + 3, h, m, cued.get(self)));
                }
            }
            return None;
        }
        // "3 pm": only with a.m./p.m. after it.
        if self
            .next(i + 1, |w| matches!(w, Word::Ampm { .. }).then_some(()))
            .is_some()
        {
            return Some((i + 1, h, 0, false));
        }
        None
    }

    /// "de 2012 à 2017", "from 2009 to 2011", "between 2014 and 2016", "de janvier à mars 2020".
    fn range(&self, i: usize) -> Option<Found> {
        // The closers are borrowed from the phrase table, not cloned: "de" opens a range
        // candidate at nearly every "de" of a French text.
        let (j, closers) = self.table(i).iter().find_map(|&(end, w)| match w {
            Word::Range { closers } => Some((end, closers)),
            _ => None,
        })?;
        let (a_end, a) = self.point(j)?;
        // The closing word.
        let mut c_end = None;
        for closer in closers {
            let n = closer.split(' ').count();
            if (a_end..a_end + n).all(|k| self.cont(k))
                && (a_end..a_end + n)
                    .map(|k| self.f(k))
                    .collect::<Vec<_>>()
                    .join(" ")
                    == *closer
            {
                c_end = Some(a_end + n);
                break;
            }
        }
        let c_end = c_end?;
        let (b_end, b) = self.point(c_end)?;
        let (a, b) = match (a, b) {
            (
                Expr::Cal {
                    year: YearRef::None,
                    month: Some(am),
                    ..
                },
                Expr::Cal {
                    year: YearRef::Explicit(y),
                    month: Some(bm),
                    day: None,
                    ..
                },
            ) => (
                cal_month(YearRef::Explicit(if am <= bm { y } else { y - 1 }), am),
                cal_month(YearRef::Explicit(y), bm),
            ),
            (
                a @ Expr::Cal {
                    year: YearRef::Explicit(_),
                    month: am,
                    ..
                },
                b @ Expr::Cal {
                    year: YearRef::Explicit(_),
                    month: bm,
                    ..
                },
            ) if am.is_some() == bm.is_some() => (a, b),
            _ => return None,
        };
        if !self.year_may_end_before(b_end) {
            return None;
        }
        Some(Found::new(i, b_end, Expr::Range(Box::new(a), Box::new(b))))
    }

    /// One end of a range: a year, or a month with or without a year.
    fn point(&self, i: usize) -> P<Expr> {
        if !self.cont(i) {
            return None;
        }
        // A year has digits, a month is a month phrase ("de" is mostly followed by neither).
        if !self.marks(i).digit && self.info[i].kinds & kind::MONTH == 0 {
            return None;
        }
        if let Some(y) = self.year4(i) {
            return Some((i + 1, year_expr(y)));
        }
        let (e, (m, abbr)) = self.month(i)?;
        if let Some(y) = self.year4(e).filter(|_| self.cont(e)) {
            return Some((e + 1, cal_month(YearRef::Explicit(y), m)));
        }
        (!abbr).then(|| (e, cal_month(YearRef::None, m)))
    }

    /// "ces jours-ci", "recently".
    fn reference(&self, i: usize) -> Option<Found> {
        let (e, r) = self.word(i, |w| match w {
            Word::Ref(r) => Some(r.clone()),
            _ => None,
        })?;
        Some(Found::new(i, e, Expr::Ref(r)))
    }

    /// Durations: "8 ans", "trois mois", "two and a half years", "27-year", "quinquennat".
    fn duration(&self, i: usize) -> Option<Found> {
        if let Some((e, v)) = self.word(i, |w| match w {
            Word::Duration(v) => Some(v.clone()),
            _ => None,
        }) {
            return Some(Found::new(i, e, Expr::Duration(v)));
        }
        // A frequency, not a duration: "par an", "chaque jour", "15 a year".
        if self
            .before(i, |w| matches!(w, Word::Set).then_some(()))
            .is_some()
        {
            return None;
        }
        // "fifty-year", "one-year".
        if let Some(f) = self.hyphen_duration(i) {
            return Some(f);
        }
        let (mut e, mut n) = self.number(i)?;
        let one_word = self.kind(i) == Some(TokenKind::Word) && n == Some(1.0);
        if one_word && i > 0 && self.kind(i - 1) == Some(TokenKind::Number) && self.cont(i) {
            return None;
        }
        // "two and a half years".
        if let Some(h) = self.half_after(e) {
            n = n.map(|v| v + 0.5);
            e = h;
        }
        if self.glued(e) && self.raw(e) == "-" && self.kind(i) == Some(TokenKind::Number) {
            e += 1;
        }
        let (mut e, unit) = self.unit(e).filter(|_| self.cont(e))?;
        // "a second consecutive day": an ordinal, not a unit.
        if self
            .word(e - 1, |w| matches!(w, Word::Ordinal(_)).then_some(()))
            .is_some()
            && self.cont(e)
            && self.kind(e) == Some(TokenKind::Word)
            && self.case(e) == Case::Lower
        {
            return None;
        }
        // "deux ans et demi", "a year and a half".
        if let Some(h) = self.half_after(e) {
            n = n.map(|v| v + 0.5);
            e = h;
        }
        Some(Found::new(i, e, Expr::Duration(duration_value(n, unit))))
    }

    /// One hyphenated word: "fifty-year", "one-year".
    fn hyphen_duration(&self, i: usize) -> Option<Found> {
        if !self.marks(i).hyphen {
            return None;
        }
        let s = self.f(i);
        if self.kind(i) != Some(TokenKind::Word) {
            return None;
        }
        let (head, tail) = s.rsplit_once('-')?;
        let unit = self.words.get(tail).iter().find_map(|w| match w {
            Word::Unit(u) => Some(*u),
            _ => None,
        })?;
        let n = self
            .words
            .get(head)
            .iter()
            .find_map(|w| match w {
                Word::Number(Some(v)) => Some(*v),
                _ => None,
            })
            .or_else(|| self.hyphen_number(head))?;
        let value = duration_value(Some(n), unit);
        Some(Found::new(i, i + 1, Expr::Duration(value)))
    }

    /// "et demi", "and a half": the end, if there.
    fn half_after(&self, i: usize) -> Option<usize> {
        let j = self.is(i, |w| matches!(w, Word::List))?;
        let j = self
            .is(j, |w| matches!(w, Word::Number(Some(v)) if *v == 1.0))
            .unwrap_or(j);
        self.is(j, |w| matches!(w, Word::Half))
    }

    /// "the day" after "end", "for"…; "the same day", "le même jour".
    fn anchor(&self, i: usize, cued: &Cued) -> Option<Found> {
        let lead = self
            .word(i, |w| matches!(w, Word::Det).then_some(()))
            .map(|r| r.0)
            .or_else(|| {
                self.word(i, |w| {
                    matches!(
                        w,
                        Word::Rel {
                            offset: 0,
                            after: false
                        }
                    )
                    .then_some(())
                })
                .map(|r| r.0)
            })?;
        let mut j = lead;
        let same = self.is(j, |w| matches!(w, Word::Same));
        if let Some(e) = same {
            j = e;
        }
        let (e, unit) = self.unit(j).filter(|_| self.cont(j))?;
        if unit != Unit::Day {
            return None;
        }
        let anchored = same.is_some()
            || cued.get(self)
            || self
                .before(i, |w| matches!(w, Word::AnchorCue).then_some(()))
                .is_some();
        if !anchored || self.is(e, |w| matches!(w, Word::Of)).is_some() {
            return None;
        }
        Some(Found::new(i, e, Expr::Anchor))
    }

    /// "Q1 2013", "T1 2013", "H2 2013".
    fn period_code(&self, i: usize, cued: &Cued) -> Option<Found> {
        if !self.marks(i).digit {
            return None;
        }
        let s = self.f(i);
        let b = s.as_bytes();
        if b.len() != 2 || !b[1].is_ascii_digit() || !self.case(i).is_capitalised() {
            return None;
        }
        let unit = self.words.get(&s[..1]).iter().find_map(|w| match w {
            Word::PeriodCode(u) => Some(*u),
            _ => None,
        })?;
        let n = i32::from(b[1] - b'0');
        let max = if unit == Unit::Quarter { 4 } else { 2 };
        if !(1..=max).contains(&n) {
            return None;
        }
        if let Some(y) = self.year4(i + 1).filter(|_| self.cont(i + 1)) {
            return Some(Found::new(
                i,
                i + 2,
                Expr::Period {
                    year: YearRef::Explicit(y),
                    unit,
                    n,
                },
            ));
        }
        cued.get(self).then(|| {
            Found::new(
                i,
                i + 1,
                Expr::Period {
                    year: YearRef::None,
                    unit,
                    n,
                },
            )
        })
    }
}

/// Dates of one day (to which a part of the day can be added).
fn day_like(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Cal { day: Some(_), .. } | Expr::RelDay(_) | Expr::Weekday { .. } | Expr::Anchor
    )
}

fn year_expr(y: i32) -> Expr {
    Expr::Cal {
        year: YearRef::Explicit(y),
        month: None,
        day: None,
        weekday: None,
        rel: None,
    }
}

fn cal_month(year: YearRef, m: u32) -> Expr {
    Expr::Cal {
        year,
        month: Some(m),
        day: None,
        weekday: None,
        rel: None,
    }
}

/// A full date, if the day exists in that month (in a leap year when the year is unknown).
fn cal(y: i32, m: u32, d: u32) -> Option<Expr> {
    cal_expr(YearRef::Explicit(y), m, d, None, None)
}

fn cal_expr(
    year: YearRef,
    month: u32,
    day: u32,
    weekday: Option<u32>,
    rel: Option<i32>,
) -> Option<Expr> {
    let y = match year {
        YearRef::Explicit(y) => y,
        _ => 2000,
    };
    super::CalDate::new(y, month, day)?;
    Some(Expr::Cal {
        year,
        month: Some(month),
        day: Some(day),
        weekday,
        rel,
    })
}

/// A duration in TIMEX3 terms: the number in the unit written, the unit's
/// letter, and whether it is a time of day (PT…).
fn duration_parts(n: Option<f64>, unit: Unit) -> (Option<f64>, &'static str, bool) {
    match unit {
        Unit::Second => (n, "S", true),
        Unit::Minute => (n, "M", true),
        Unit::Hour => (n, "H", true),
        Unit::Day => (n, "D", false),
        Unit::Week => (n, "W", false),
        Unit::Weekend => (n, "WE", false),
        Unit::Month => (n, "M", false),
        Unit::Quarter => (n, "Q", false),
        Unit::Half => (n.map(|v| v * 6.0), "M", false),
        Unit::Year => (n, "Y", false),
        Unit::Decade => (n.map(|v| v * 10.0), "Y", false),
        Unit::Century => (n.map(|v| v * 100.0), "Y", false),
    }
}

/// TIMEX3 value of a duration: P8Y, PT30M, P2.5Y, PXY.
pub fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let (n, letter, time) = duration_parts(n, unit);
    let mut out = String::with_capacity(8);
    out.push('P');
    if time {
        out.push('T');
    }
    match n {
        None => out.push('X'),
        // A whole number written digit by digit: what `format!("{}", v as i64)` writes.
        Some(v) if v.fract() == 0.0 => {
            let v = v as i64;
            if v < 0 {
                out.push('-');
            }
            crate::text::push_padded(&mut out, v.unsigned_abs(), 1);
        }
        Some(v) => out.push_str(&format!("{}", (v * 100.0).round() / 100.0)),
    }
    out.push_str(letter);
    out
}

/// [`duration_value`] through `format!`.
#[cfg(test)]
pub(super) fn duration_value_by_format(n: Option<f64>, unit: Unit) -> String {
    let (n, letter, time) = duration_parts(n, unit);
    let num = match n {
        None => "X".to_string(),
        Some(v) if v.fract() == 0.0 => format!("{}", v as i64),
        Some(v) => format!("{}", (v * 100.0).round() / 100.0),
    };
    format!("P{}{num}{letter}", if time { "T" } else { "" })
}
