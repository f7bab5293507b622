//! The date words of one language, from `lexicons/<lang>/dates.tsv`.
//!
//! Every row is `phrase <TAB> kind <TAB> value [<TAB> flag]`; the kinds are described in the
//! files' headers. Phrases are tokenized with the crate's tokenizer and lower-cased ([`lower`]),
//! so that lookups compare token sequences.

use crate::error::Result;
use crate::lexicon::Row;
use crate::text::fold;
use crate::tokenize::tokenize;
use foldhash::{HashMap, HashSet};

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Second.
    Second,
    /// Minute.
    Minute,
    /// Hour.
    Hour,
    /// Day.
    Day,
    /// Week.
    Week,
    /// Weekend.
    Weekend,
    /// Month.
    Month,
    /// Quarter.
    Quarter,
    /// Half-year.
    Half,
    /// Year.
    Year,
    /// Decade.
    Decade,
    /// Century.
    Century,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "TS" => Unit::Second,
            "TM" => Unit::Minute,
            "TH" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "WE" => Unit::Weekend,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "H" => Unit::Half,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }
}

/// What a phrase means.
#[derive(Clone, Debug, PartialEq)]
pub enum Word {
    /// A month, 1-12; an abbreviation needs a day or a year next to it.
    Month {
        /// 1-12.
        month: u32,
        /// An abbreviation.
        abbr: bool,
    },
    /// A weekday, Monday = 1; an abbreviation needs a day and a month after it.
    Weekday {
        /// Monday = 1.
        day: u32,
        /// An abbreviation.
        abbr: bool,
    },
    /// A qualifier and its TIMEX3 mod.
    Mod(String),
    /// A day relative to the document date, maybe with a part of the day.
    Day {
        /// Days from the document date.
        offset: i32,
        /// A part of the day.
        part: Option<String>,
    },
    /// A part of the day (MO, AF, EV, NI, DT); an event word ("soirée") is one only after a
    /// cue ("dans la soirée").
    Part {
        /// TIMEX3 code.
        code: String,
        /// The word may name an event.
        event: bool,
    },
    /// A clock time written as a word.
    Time {
        /// 0-23.
        hour: u32,
        /// 0-59.
        minute: u32,
    },
    /// A unit of time.
    Unit(Unit),
    /// A word that is a duration by itself.
    Duration(String),
    /// A number; `None` for an unspecified one ("plusieurs").
    Number(Option<f64>),
    /// One half.
    Half,
    /// An ordinal; -1 is "last".
    Ordinal(i32),
    /// A relative word: offset, and whether it stands after what it qualifies.
    Rel {
        /// -1, 0 or 1.
        offset: i32,
        /// It stands after what it qualifies.
        after: bool,
    },
    /// A season code; ambiguous ones need a year or a relative word.
    Season {
        /// SP, SU, FA, WI.
        code: String,
        /// Needs a year or a relative word.
        ambiguous: bool,
    },
    /// "il y a" (before the number) or "ago" (after the unit).
    Ago {
        /// It stands after the unit.
        after: bool,
    },
    /// A determiner kept in the span.
    Det,
    /// The link between a period and its date.
    Of,
    /// The decade word ("années").
    Decade,
    /// A word before a bare year or month; strong cues accept a year before any word.
    Cue {
        /// A strong cue.
        strong: bool,
    },
    /// A word that may follow a bare year.
    AfterYear,
    /// The opening word of a range and its closing words (folded token keys).
    Range {
        /// Closing words, as token keys.
        closers: Vec<String>,
    },
    /// A word between two day numbers that share a month.
    List,
    /// A word after which a bare weekday is in the future.
    Future,
    /// A period code letter (Q, H).
    PeriodCode(Unit),
    /// A word that makes a number and a unit a frequency.
    Set,
    /// A word after which a number is an identifier, not a year ("numéro 1998").
    NumberSign,
    /// A word before "la nuit", "the day".
    AnchorCue,
    /// "même", "same".
    Same,
    /// A vague reference (PRESENT_REF, PAST_REF, FUTURE_REF).
    Ref(String),
    /// The hour sign of clock times ("h").
    Hour,
    /// A time zone after a clock time.
    Timezone(String),
    /// a.m. or p.m.
    Ampm {
        /// p.m.
        pm: bool,
    },
}

impl Trie {
    fn new(phrases: &HashMap<String, Phrase>) -> Trie {
        // Sorted, so that ids and nodes do not depend on the hash table's order.
        let mut keys: Vec<&String> = phrases.keys().collect();
        keys.sort();
        let node_of: HashMap<&str, u32> = keys
            .iter()
            .enumerate()
            .map(|(n, k)| (k.as_str(), n as u32))
            .collect();
        let mut ids: HashMap<&str, u32> = HashMap::default();
        let mut trie = Trie::default();
        for key in &keys {
            for part in key.split(' ') {
                let next = ids.len() as u32;
                ids.entry(part).or_insert(next);
            }
        }
        trie.first = vec![NONE; ids.len()];
        trie.nodes = keys
            .iter()
            .map(|k| {
                let phrase = phrases[*k].clone();
                let kinds = phrase.words.iter().fold(0, |m, w| m | kind_bit(w));
                Node {
                    phrase,
                    kinds,
                    children: Vec::new(),
                }
            })
            .collect();
        for (n, key) in keys.iter().enumerate() {
            match key.rsplit_once(' ') {
                None => trie.first[ids[key.as_str()] as usize] = n as u32,
                Some((prefix, last)) => {
                    // Every proper token prefix of a key is a key (`extends`).
                    let parent = node_of[prefix] as usize;
                    trie.nodes[parent].children.push((ids[last], n as u32));
                }
            }
        }
        for node in &mut trie.nodes {
            node.children.sort_unstable();
        }
        let mut tokens: Vec<(Box<str>, u32)> =
            ids.into_iter().map(|(s, id)| (Box::from(s), id)).collect();
        tokens.sort_by_key(|&(_, id)| id);
        // At most one token in four slots, so that a probe mostly ends at once.
        let size = (tokens.len() * 4).next_power_of_two().max(16);
        trie.slots = vec![Slot::default(); size];
        for (s, id) in &tokens {
            let (head, len) = (pack(s.as_bytes()), s.len());
            let mut at = slot_of(head, len, size);
            while trie.slots[at].len != 0 {
                at = (at + 1) & (size - 1);
            }
            trie.slots[at] = Slot {
                head,
                len: len as u32,
                id: *id,
            };
        }
        trie.tokens = tokens;
        trie
    }
}

/// One bit per kind of [`Word`] (its variant; [`kind_bit`]), so that the kinds of a
/// token's phrases are a set; a token without phrases has none.
pub mod kind {
    /// [`Word::Month`](super::Word::Month).
    pub const MONTH: u32 = 1 << 0;
    /// [`Word::Weekday`](super::Word::Weekday).
    pub const WEEKDAY: u32 = 1 << 1;
    /// [`Word::Mod`](super::Word::Mod).
    pub const MOD: u32 = 1 << 2;
    /// [`Word::Day`](super::Word::Day).
    pub const DAY: u32 = 1 << 3;
    /// [`Word::Part`](super::Word::Part).
    pub const PART: u32 = 1 << 4;
    /// [`Word::Time`](super::Word::Time).
    pub const TIME: u32 = 1 << 5;
    /// [`Word::Unit`](super::Word::Unit).
    pub const UNIT: u32 = 1 << 6;
    /// [`Word::Duration`](super::Word::Duration).
    pub const DURATION: u32 = 1 << 7;
    /// [`Word::Number`](super::Word::Number).
    pub const NUMBER: u32 = 1 << 8;
    /// [`Word::Half`](super::Word::Half).
    pub const HALF: u32 = 1 << 9;
    /// [`Word::Ordinal`](super::Word::Ordinal).
    pub const ORDINAL: u32 = 1 << 10;
    /// [`Word::Rel`](super::Word::Rel).
    pub const REL: u32 = 1 << 11;
    /// [`Word::Season`](super::Word::Season).
    pub const SEASON: u32 = 1 << 12;
    /// [`Word::Ago`](super::Word::Ago).
    pub const AGO: u32 = 1 << 13;
    /// [`Word::Det`](super::Word::Det).
    pub const DET: u32 = 1 << 14;
    /// [`Word::Of`](super::Word::Of).
    pub const OF: u32 = 1 << 15;
    /// [`Word::Decade`](super::Word::Decade).
    pub const DECADE: u32 = 1 << 16;
    /// [`Word::Cue`](super::Word::Cue).
    pub const CUE: u32 = 1 << 17;
    /// [`Word::AfterYear`](super::Word::AfterYear).
    pub const AFTER_YEAR: u32 = 1 << 18;
    /// [`Word::Range`](super::Word::Range).
    pub const RANGE: u32 = 1 << 19;
    /// [`Word::List`](super::Word::List).
    pub const LIST: u32 = 1 << 20;
    /// [`Word::Future`](super::Word::Future).
    pub const FUTURE: u32 = 1 << 21;
    /// [`Word::PeriodCode`](super::Word::PeriodCode).
    pub const PERIOD_CODE: u32 = 1 << 22;
    /// [`Word::Set`](super::Word::Set).
    pub const SET: u32 = 1 << 23;
    /// [`Word::NumberSign`](super::Word::NumberSign).
    pub const NUMBER_SIGN: u32 = 1 << 24;
    /// [`Word::AnchorCue`](super::Word::AnchorCue).
    pub const ANCHOR_CUE: u32 = 1 << 25;
    /// [`Word::Same`](super::Word::Same).
    pub const SAME: u32 = 1 << 26;
    /// [`Word::Ref`](super::Word::Ref).
    pub const REF: u32 = 1 << 27;
    /// [`Word::Hour`](super::Word::Hour).
    pub const HOUR: u32 = 1 << 28;
    /// [`Word::Timezone`](super::Word::Timezone).
    pub const TIMEZONE: u32 = 1 << 29;
    /// [`Word::Ampm`](super::Word::Ampm).
    pub const AMPM: u32 = 1 << 30;
}

/// The [`kind`] bit of a meaning.
pub fn kind_bit(w: &Word) -> u32 {
    match w {
        Word::Month { .. } => kind::MONTH,
        Word::Weekday { .. } => kind::WEEKDAY,
        Word::Mod(_) => kind::MOD,
        Word::Day { .. } => kind::DAY,
        Word::Part { .. } => kind::PART,
        Word::Time { .. } => kind::TIME,
        Word::Unit(_) => kind::UNIT,
        Word::Duration(_) => kind::DURATION,
        Word::Number(_) => kind::NUMBER,
        Word::Half => kind::HALF,
        Word::Ordinal(_) => kind::ORDINAL,
        Word::Rel { .. } => kind::REL,
        Word::Season { .. } => kind::SEASON,
        Word::Ago { .. } => kind::AGO,
        Word::Det => kind::DET,
        Word::Of => kind::OF,
        Word::Decade => kind::DECADE,
        Word::Cue { .. } => kind::CUE,
        Word::AfterYear => kind::AFTER_YEAR,
        Word::Range { .. } => kind::RANGE,
        Word::List => kind::LIST,
        Word::Future => kind::FUTURE,
        Word::PeriodCode(_) => kind::PERIOD_CODE,
        Word::Set => kind::SET,
        Word::NumberSign => kind::NUMBER_SIGN,
        Word::AnchorCue => kind::ANCHOR_CUE,
        Word::Same => kind::SAME,
        Word::Ref(_) => kind::REF,
        Word::Hour => kind::HOUR,
        Word::Timezone(_) => kind::TIMEZONE,
        Word::Ampm { .. } => kind::AMPM,
    }
}

/// The phrase table of one language.
#[derive(Clone, Debug, Default)]
pub struct Words {
    /// Phrase keys and every proper token prefix of one ("1er" for "1er janvier"), so that one
    /// lookup tells what a key means and whether a longer phrase can start with it.
    phrases: HashMap<String, Phrase>,
    /// Longest phrase, in tokens.
    pub max_len: usize,
    /// Bit [`filter_bit`] of every key of `phrases` is set, so that a key whose bit is clear
    /// is known absent without hashing it: most tokens of a text are no date words.
    filter: Vec<u64>,
    /// The phrase table as a trie over token ids, for [`Words::token_id`] and
    /// [`Words::first`] / [`Words::child`]: a text's tokens are looked up one by one, without
    /// building or hashing multi-token keys.
    trie: Trie,
}

/// No token id, no node.
pub const NONE: u32 = u32::MAX;

/// The keys of a phrase table as a trie. Every token of a key (the parts between its
/// spaces: "l'" and "an" in "l' an") has an id; each key is a node, and since every proper
/// token prefix of a key is a key too, a key of n tokens is the child of the key of its first
/// n - 1 tokens. No key token holds a space (tokens hold none), so a sequence of tokens is a
/// key exactly when its tokens' ids walk the trie from [`Trie::first`] to a node.
#[derive(Clone, Debug, Default)]
struct Trie {
    /// The key tokens by [`slot_of`], with linear probing; a power of two long.
    slots: Vec<Slot>,
    /// (key token, its id), by id.
    tokens: Vec<(Box<str>, u32)>,
    /// Node of the one-token key of each token id, or [`NONE`].
    first: Vec<u32>,
    /// Each node's phrase and children.
    nodes: Vec<Node>,
}

#[derive(Clone, Debug)]
struct Node {
    phrase: Phrase,
    /// What the phrase's meanings are: the union of their [`kind_bit`]s.
    kinds: u32,
    /// (token id, node), sorted by token id.
    children: Vec<(u32, u32)>,
}

/// A key token in [`Trie::slots`].
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    /// Its first eight bytes ([`pack`]).
    head: u64,
    /// Its length in bytes; 0 for an empty slot (no key token is empty).
    len: u32,
    /// Its id.
    id: u32,
}

/// The first eight bytes of a token as a number (little-endian), zeros after its end.
fn pack(b: &[u8]) -> u64 {
    // Two loads that may overlap, of the same bytes at the same places: their union.
    let n = b.len();
    let le4 = |x: &[u8]| x.try_into().map_or(0, |a| u64::from(u32::from_le_bytes(a)));
    let le2 = |x: &[u8]| x.try_into().map_or(0, |a| u64::from(u16::from_le_bytes(a)));
    match n {
        8.. => b[..8].try_into().map_or(0, u64::from_le_bytes),
        4..=7 => le4(&b[..4]) | le4(&b[n - 4..]) << (8 * (n - 4)),
        2..=3 => le2(&b[..2]) | le2(&b[n - 2..]) << (8 * (n - 2)),
        1 => u64::from(b[0]),
        _ => 0,
    }
}

/// [`pack`] with ASCII capitals made lower case (the bytes must be ASCII).
fn pack_ascii_lower(b: &[u8]) -> u64 {
    let p = pack(b);
    // A byte 'A'..='Z' (all bytes below 0x80): adding 0x3F carries into its high bit from
    // 'A' up, adding 0x25 from '[' up; the difference gets the 0x20 of its lower case.
    let from_a = p.wrapping_add(0x3F3F_3F3F_3F3F_3F3F);
    let past_z = p.wrapping_add(0x2525_2525_2525_2525);
    let upper = from_a & !past_z & 0x8080_8080_8080_8080;
    p | upper >> 2
}

/// The first slot to probe for a token of this head and length in a table of `size` slots.
fn slot_of(head: u64, len: usize, size: usize) -> usize {
    let h = (head ^ (len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (h >> 40) as usize & (size - 1)
}

/// The size of [`Words::filter`], in bits.
const FILTER_BITS: u32 = 1 << 14;

/// A key's bit in [`Words::filter`], from its length and first and last bytes.
fn filter_bit(key: &str) -> usize {
    let b = key.as_bytes();
    bit_of(b.first().copied(), b.last().copied(), b.len())
}

/// [`filter_bit`] of a key with these first and last bytes and this length.
fn bit_of(first: Option<u8>, last: Option<u8>, len: usize) -> usize {
    let x = u32::from(first.unwrap_or(0))
        | u32::from(last.unwrap_or(0)) << 8
        | (len.min(255) as u32) << 16;
    (x.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS.trailing_zeros())) as usize
}

/// What the phrase table holds for one key.
#[derive(Clone, Debug, Default)]
pub struct Phrase {
    /// The key's meanings (none for a key that is only the start of longer phrases).
    pub words: Vec<Word>,
    /// Some phrase key is longer than this one and starts with its tokens.
    pub extends: bool,
}

/// A token as the phrase table sees it: lower case, typographic apostrophes and dashes made
/// ASCII, accents kept ("à" is not "a", "dès" is not "des").
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    lower_into(s, &mut out);
    out
}

/// How [`lower`] changes a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Not at all: ASCII without capitals or backquotes, and lower-case Latin-1 letters ß-ÿ
    /// (U+00DF-U+00FF, written C3 9F-BF in UTF-8), which lowering keeps ("été", "année").
    Nothing,
    /// Only ASCII capitals ("Février").
    AsciiCase,
    /// Typographic apostrophes (’, E2 80 99) too, made ASCII ("l’", "aujourd’hui").
    Quotes,
    /// Something else, changed through the Unicode tables.
    Other,
}

/// How [`lower`] changes `s`, from its bytes.
pub fn change(s: &str) -> Change {
    let mut b = s.as_bytes();
    let mut upper = false;
    let mut quotes = false;
    loop {
        b = match b {
            [] => break,
            [b'`', ..] => return Change::Other,
            [c @ 0..=0x7F, rest @ ..] => {
                upper |= c.is_ascii_uppercase();
                rest
            }
            [0xC3, 0x9F..=0xBF, rest @ ..] => rest,
            [0xE2, 0x80, 0x99, rest @ ..] => {
                quotes = true;
                rest
            }
            _ => return Change::Other,
        }
    }
    match (quotes, upper) {
        (true, _) => Change::Quotes,
        (false, true) => Change::AsciiCase,
        (false, false) => Change::Nothing,
    }
}

/// [`lower`], appended to `out`.
pub fn lower_into(s: &str, out: &mut String) {
    lower_changed(s, change(s), out);
}

/// [`lower_into`] for a token that lowering changes as `change` ([`change`]) says.
pub fn lower_changed(s: &str, change: Change, out: &mut String) {
    let start = out.len();
    match change {
        Change::Nothing => return out.push_str(s),
        Change::AsciiCase => out.push_str(s),
        Change::Quotes => {
            for (n, part) in s.split('’').enumerate() {
                if n > 0 {
                    out.push('\'');
                }
                out.push_str(part);
            }
        }
        Change::Other => return lower_chars(s, out),
    }
    out[start..].make_ascii_lowercase();
}

/// [`lower_into`] character by character.
fn lower_chars(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '`' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            // Latin-1 letters, the common case in French text: an upper-case one is its
            // lower-case one plus 32, the others are lower case already.
            'À'..='Þ' if c != '×' => out.push(char::from_u32(c as u32 + 32).unwrap_or(c)),
            'ß'..='ÿ' => out.push(c),
            c => lower_char(c, out),
        }
    }
}

/// One character of [`lower`], by the Unicode tables.
fn lower_char(c: char, out: &mut String) {
    for c in c.to_lowercase() {
        out.push(match c {
            '’' | '‘' | 'ʼ' | '´' => '\'',
            '‐' | '‑' | '‒' | '–' | '—' => '-',
            c => c,
        });
    }
}

/// The token key of a phrase: its tokens, [`lower`]ed, joined by spaces. A lone elision
/// ("l'", "jusqu'") is one token, as it is before a word.
pub fn key_of(phrase: &str) -> String {
    let toks = tokenize(phrase);
    let mut parts: Vec<String> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let s = lower(t.text(phrase));
        if i > 0 && s == "'" && !t.space_before {
            if let Some(last) = parts.last_mut() {
                last.push('\'');
                continue;
            }
        }
        parts.push(s);
    }
    parts.join(" ")
}

impl Words {
    /// Read the rows of one `dates.tsv`.
    pub fn from_rows(rows: &[Row]) -> Result<Words> {
        let mut words = Words::default();
        for row in rows {
            let phrase = row.field(0, "a phrase")?;
            let kind = row.field(1, "a kind")?;
            let value = row.opt(2);
            let flag = row.opt(3);
            let need = |what: &str| row.error(2, format!("expected {what}"));
            let int = |lo: i32, hi: i32, what: &str| -> Result<i32> {
                value
                    .trim_start_matches('+')
                    .parse::<i32>()
                    .ok()
                    .filter(|v| (lo..=hi).contains(v))
                    .ok_or_else(|| need(what))
            };
            let flag_is = |allowed: &[&str]| -> Result<()> {
                if allowed.contains(&flag) {
                    Ok(())
                } else {
                    Err(row.error(
                        3,
                        format!("expected flag {} or nothing", allowed[1..].join(" or ")),
                    ))
                }
            };
            let word = match kind {
                "month" => {
                    flag_is(&["", "abbr"])?;
                    Word::Month {
                        month: int(1, 12, "a month number 1-12")? as u32,
                        abbr: flag == "abbr",
                    }
                }
                "weekday" => {
                    flag_is(&["", "abbr"])?;
                    Word::Weekday {
                        day: int(1, 7, "a weekday number 1-7 (Monday = 1)")? as u32,
                        abbr: flag == "abbr",
                    }
                }
                "mod" => match value {
                    "START" | "MID" | "END" | "APPROX" => Word::Mod(value.to_string()),
                    _ => return Err(need("a TIMEX3 mod: START, MID, END or APPROX")),
                },
                "day" => {
                    if !matches!(flag, "" | "MO" | "AF" | "EV" | "NI" | "DT") {
                        return Err(row.error(3, "expected a part of the day: MO, AF, EV, NI, DT"));
                    }
                    Word::Day {
                        offset: int(-30, 30, "an offset in days")?,
                        part: (!flag.is_empty()).then(|| flag.to_string()),
                    }
                }
                "part" => {
                    flag_is(&["", "event"])?;
                    match value {
                        "MO" | "AF" | "EV" | "NI" | "DT" => Word::Part {
                            code: value.to_string(),
                            event: flag == "event",
                        },
                        _ => return Err(need("a part of the day: MO, AF, EV, NI, DT")),
                    }
                }
                "time" => {
                    let (h, m) = value.split_once(':').ok_or_else(|| need("a time HH:MM"))?;
                    match (h.parse::<u32>(), m.parse::<u32>()) {
                        (Ok(hour), Ok(minute)) if hour < 24 && minute < 60 => {
                            Word::Time { hour, minute }
                        }
                        _ => return Err(need("a time HH:MM")),
                    }
                }
                "unit" => Word::Unit(
                    Unit::parse(value)
                        .ok_or_else(|| need("a unit: TS TM TH D W WE M Q H Y DE CE"))?,
                ),
                "duration" => {
                    if !value.starts_with('P') || value.len() < 3 {
                        return Err(need("a TIMEX3 duration such as P5Y"));
                    }
                    Word::Duration(value.to_string())
                }
                "number" => Word::Number(if value == "X" {
                    None
                } else {
                    Some(
                        value
                            .parse::<f64>()
                            .ok()
                            .filter(|v| *v >= 0.0)
                            .ok_or_else(|| need("a number or X"))?,
                    )
                }),
                "half" => Word::Half,
                "ordinal" => Word::Ordinal(int(-1, 53, "an ordinal 1-53 or -1")?),
                "rel" => {
                    flag_is(&["", "before", "after"])?;
                    if flag.is_empty() {
                        return Err(row.error(3, "expected flag before or after"));
                    }
                    Word::Rel {
                        offset: int(-1, 1, "an offset -1, 0 or 1")?,
                        after: flag == "after",
                    }
                }
                "season" => {
                    flag_is(&["", "ambiguous"])?;
                    match value {
                        "SP" | "SU" | "FA" | "WI" => Word::Season {
                            code: value.to_string(),
                            ambiguous: flag == "ambiguous",
                        },
                        _ => return Err(need("a season: SP, SU, FA, WI")),
                    }
                }
                "ago" => match value {
                    "before" | "after" => Word::Ago {
                        after: value == "after",
                    },
                    _ => return Err(need("before or after")),
                },
                "det" => Word::Det,
                "of" => Word::Of,
                "decade" => Word::Decade,
                "cue" => match value {
                    "strong" | "weak" => Word::Cue {
                        strong: value == "strong",
                    },
                    _ => return Err(need("strong or weak")),
                },
                "after_year" => Word::AfterYear,
                "range" => {
                    if value.is_empty() {
                        return Err(need("closing words, separated by |"));
                    }
                    Word::Range {
                        closers: value.split('|').map(key_of).collect(),
                    }
                }
                "list" => Word::List,
                "future" => Word::Future,
                "period_code" => match value {
                    "Q" => Word::PeriodCode(Unit::Quarter),
                    "H" => Word::PeriodCode(Unit::Half),
                    _ => return Err(need("Q or H")),
                },
                "set" => Word::Set,
                "number_sign" => Word::NumberSign,
                "anchor_cue" => Word::AnchorCue,
                "same" => Word::Same,
                "ref" => match value {
                    "PRESENT_REF" | "PAST_REF" | "FUTURE_REF" => Word::Ref(value.to_string()),
                    _ => return Err(need("PRESENT_REF, PAST_REF or FUTURE_REF")),
                },
                "hour" => Word::Hour,
                "timezone" => {
                    if value.is_empty() {
                        return Err(need("a time zone suffix such as Z"));
                    }
                    Word::Timezone(value.to_string())
                }
                "ampm" => match value {
                    "am" | "pm" => Word::Ampm { pm: value == "pm" },
                    _ => return Err(need("am or pm")),
                },
                _ => {
                    return Err(row.error(
                        1,
                        "expected a kind: month, weekday, mod, day, part, time, unit, duration, \
                         number, half, ordinal, rel, season, ago, det, of, decade, cue, \
                         after_year, range, list, future, period_code, set, number_sign, anchor_cue, \
                         same, ref, hour, timezone, ampm",
                    ));
                }
            };
            let key = key_of(phrase);
            if key.is_empty() {
                return Err(row.error(0, "expected a phrase with at least one word"));
            }
            words.max_len = words.max_len.max(key.split(' ').count());
            // Text typed without accents still matches, for words long enough not to collide
            // with another word ("fevrier", "debut", but not "a" for "à" or "des" for "dès").
            let bare = fold(&key);
            if bare != key && bare.split(' ').all(|w| w.chars().count() >= 4) {
                let list = &mut words.phrases.entry(bare).or_default().words;
                if !list.contains(&word) {
                    list.push(word.clone());
                }
            }
            let list = &mut words.phrases.entry(key).or_default().words;
            if !list.contains(&word) {
                list.push(word);
            }
        }
        let mut prefixes = HashSet::default();
        for key in words.phrases.keys() {
            for (at, _) in key.match_indices(' ') {
                prefixes.insert(key[..at].to_string());
            }
        }
        for prefix in prefixes {
            words.phrases.entry(prefix).or_default().extends = true;
        }
        words.filter = vec![0; FILTER_BITS as usize / 64];
        for key in words.phrases.keys() {
            let bit = filter_bit(key);
            words.filter[bit / 64] |= 1 << (bit % 64);
        }
        words.trie = Trie::new(&words.phrases);
        Ok(words)
    }

    /// The id of a key token ("l'", "an", "juillet"), or [`NONE`] when no key has it.
    pub fn token_id(&self, token: &str) -> u32 {
        let b = token.as_bytes();
        self.find_token(pack(b), b, |a, b| a == b)
    }

    /// [`Words::token_id`] of the lower case of an ASCII token, read from the token itself:
    /// no key token holds an ASCII capital, so that ASCII case does not matter.
    #[inline]
    pub fn token_id_ascii(&self, token: &[u8]) -> u32 {
        self.find_token(pack_ascii_lower(token), token, |a, b| {
            a.eq_ignore_ascii_case(b)
        })
    }

    /// The id of the key token whose first eight bytes are `head` (the token's, maybe in
    /// lower case) and whose other bytes `same` finds equal to the token's.
    #[inline]
    fn find_token(&self, head: u64, token: &[u8], same: impl Fn(&[u8], &[u8]) -> bool) -> u32 {
        let slots = &self.trie.slots;
        if slots.is_empty() || token.is_empty() {
            return NONE;
        }
        let mut at = slot_of(head, token.len(), slots.len());
        loop {
            let s = slots[at];
            if s.len == 0 {
                return NONE;
            }
            if s.head == head && s.len as usize == token.len() {
                let key = self.trie.tokens[s.id as usize].0.as_bytes();
                if token.len() <= 8 || same(&key[8..], &token[8..]) {
                    return s.id;
                }
            }
            at = (at + 1) & (slots.len() - 1);
        }
    }

    /// The node of the one-token key of token id `id`, or [`NONE`].
    pub fn first(&self, id: u32) -> u32 {
        self.trie.first.get(id as usize).copied().unwrap_or(NONE)
    }

    /// The node of key `node` followed by token id `id`, or [`NONE`].
    pub fn child(&self, node: u32, id: u32) -> u32 {
        let children = &self.trie.nodes[node as usize].children;
        children
            .binary_search_by_key(&id, |&(t, _)| t)
            .map_or(NONE, |k| children[k].1)
    }

    /// The phrase of a node from [`Words::first`] or [`Words::child`], and the union of its
    /// meanings' [`kind_bit`]s.
    pub fn node(&self, node: u32) -> (&Phrase, u32) {
        let n = &self.trie.nodes[node as usize];
        (&n.phrase, n.kinds)
    }

    /// The meanings of a folded token key.
    pub fn get(&self, key: &str) -> &[Word] {
        if key.contains(' ') {
            return self.lookup(key).map_or(&[], |p| p.words.as_slice());
        }
        // A one-token key: its node in the trie, without hashing the key.
        match self.first(self.token_id(key)) {
            NONE => &[],
            node => &self.trie.nodes[node as usize].phrase.words,
        }
    }

    /// The meanings of a folded token key and whether longer phrases start with it; `None`
    /// when the key is neither a phrase nor the start of one.
    pub fn lookup(&self, key: &str) -> Option<&Phrase> {
        let bit = filter_bit(key);
        // An empty filter (a default table) filters nothing.
        let absent = self
            .filter
            .get(bit / 64)
            .is_some_and(|w| w & 1 << (bit % 64) == 0);
        if absent { None } else { self.phrases.get(key) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse;
    use std::path::Path;
    use std::sync::Arc;

    fn rows(s: &str) -> Vec<Row> {
        let path: Arc<Path> = Arc::from(Path::new("d.tsv"));
        parse(&path, s).unwrap()
    }

    #[test]
    fn phrases_are_token_keys() {
        let w = Words::from_rows(&rows(
            "l'an dernier\tunit\tY\nsept.\tmonth\t9\tabbr\njusqu'\tcue\tweak\n\
             février\tmonth\t2\nà\tcue\tweak\n",
        ))
        .unwrap();
        assert_eq!(w.get("l' an dernier"), &[Word::Unit(Unit::Year)]);
        assert_eq!(
            w.get("sept ."),
            &[Word::Month {
                month: 9,
                abbr: true
            }]
        );
        assert_eq!(w.get("jusqu'"), &[Word::Cue { strong: false }]);
        assert_eq!(w.max_len, 3);
        // Accents may be missing on long words, not on short ones.
        assert_eq!(w.get("fevrier"), w.get("février"));
        assert!(!w.get("février").is_empty());
        assert!(w.get("a").is_empty());
    }

    #[test]
    fn lowering() {
        for (s, want) in [
            ("Février", "février"),
            ("L’AN", "l'an"),
            ("`82", "'82"),
            ("mi‑JUIN", "mi-juin"),
            ("İz", "i\u{307}z"),
        ] {
            assert_eq!(lower(s), want, "{s}");
        }
    }

    /// `lower` as first written: every character through the Unicode tables.
    fn lower_by_tables(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            if c.is_ascii() {
                out.push(if c == '`' {
                    '\''
                } else {
                    c.to_ascii_lowercase()
                });
                continue;
            }
            for c in c.to_lowercase() {
                out.push(match c {
                    '’' | '‘' | 'ʼ' | '´' => '\'',
                    '‐' | '‑' | '‒' | '–' | '—' => '-',
                    c => c,
                });
            }
        }
        out
    }

    #[test]
    fn lowering_fast_path_matches_the_tables() {
        let all: String = ('\0'..='\u{3000}').collect();
        assert_eq!(lower(&all), lower_by_tables(&all));
        for s in [
            "ÉTÉ À Noël",
            "ÀÖ×ØÞßàÿ",
            "ŸĀ İ",
            "mi‑JUIN",
            "`82",
            "ÆØÅ",
            "été",
            "Fév",
        ] {
            assert_eq!(lower(s), lower_by_tables(s), "{s}");
        }
        // Each character within words, for the path of plain ASCII and lower-case Latin-1.
        for c in '\0'..='\u{3000}' {
            for s in [
                format!("{c}"),
                format!("Aé{c}"),
                format!("{c}ÿZ"),
                format!("L’{c}"),
                format!("’{c}’"),
            ] {
                let want = lower_by_tables(&s);
                assert_eq!(lower(&s), want, "{s:?}");
                let mut chars = String::new();
                lower_chars(&s, &mut chars);
                assert_eq!(chars, want, "{s:?}");
                match change(&s) {
                    Change::Nothing => assert_eq!(want, s),
                    Change::AsciiCase => assert_eq!(want, s.to_ascii_lowercase()),
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn the_filter_lets_every_key_through() {
        let set = crate::lexicon::LexiconSet::builtin().unwrap();
        for lang in crate::lang::Lang::ALL {
            let w = Words::from_rows(set.rows(lang.code(), "dates.tsv")).unwrap();
            assert!(w.phrases.len() > 100);
            for (key, phrase) in &w.phrases {
                assert!(std::ptr::eq(w.lookup(key).unwrap(), phrase), "{key}");
            }
            // And it is sparse enough to turn most other words away.
            let set_bits: u32 = w.filter.iter().map(|b| b.count_ones()).sum();
            assert!(set_bits * 10 < FILTER_BITS, "{set_bits}");
        }
        // A default table has no filter and no keys.
        assert!(Words::default().lookup("mai").is_none());
    }

    /// The trie finds every key, token by token, with the key's own phrase; and no other.
    #[test]
    fn the_trie_walks_to_every_key() {
        let set = crate::lexicon::LexiconSet::builtin().unwrap();
        for lang in crate::lang::Lang::ALL {
            let w = Words::from_rows(set.rows(lang.code(), "dates.tsv")).unwrap();
            for (key, phrase) in &w.phrases {
                let mut parts = key.split(' ');
                let mut node = w.first(w.token_id(parts.next().unwrap()));
                for part in parts {
                    assert_ne!(node, NONE, "{key}");
                    node = w.child(node, w.token_id(part));
                }
                assert_ne!(node, NONE, "{key}");
                let (found, kinds) = w.node(node);
                assert_eq!(found.words, phrase.words, "{key}");
                assert_eq!(found.extends, phrase.extends, "{key}");
                let want = phrase.words.iter().fold(0, |k, x| k | kind_bit(x));
                assert_eq!(kinds, want, "{key}");
            }
            let by_scan = |s: &str| {
                w.trie
                    .tokens
                    .iter()
                    .find(|(t, _)| **t == *s)
                    .map_or(NONE, |&(_, id)| id)
            };
            for (token, id) in &w.trie.tokens {
                assert_eq!(w.trie.tokens[*id as usize].1, *id);
                let mut cut = token.to_string();
                cut.pop();
                for other in [
                    format!("{token}x"),
                    format!("x{token}"),
                    format!("{token}s"),
                    cut,
                ] {
                    assert_eq!(w.token_id(&other), by_scan(&other), "{other}");
                    if other.is_ascii() {
                        let upper = other.to_ascii_uppercase();
                        assert_eq!(w.token_id_ascii(upper.as_bytes()), by_scan(&other));
                    }
                }
                assert!(!token.bytes().any(|b| b.is_ascii_uppercase()), "{token}");
                assert_eq!(w.token_id(token), *id, "{token}");
                if token.is_ascii() {
                    let upper = token.to_ascii_uppercase();
                    assert_eq!(w.token_id_ascii(upper.as_bytes()), *id, "{token}");
                    assert_eq!(w.token_id_ascii(token.as_bytes()), *id, "{token}");
                }
            }
            for other in ["", "x", "Xyz", "JUI", "l'An", "2015", "Mai", "DE", "Q1"] {
                assert_eq!(
                    w.token_id_ascii(other.as_bytes()),
                    w.token_id(&other.to_ascii_lowercase()),
                    "{other}"
                );
            }
            // `get` through the trie is `get` through the hash table.
            let by_map = |k: &str| w.lookup(k).map_or(&[][..], |p| p.words.as_slice());
            for key in w.phrases.keys() {
                for k in [
                    key.clone(),
                    format!("{key}s"),
                    key.replace(' ', ""),
                    key.to_uppercase(),
                ] {
                    assert_eq!(w.get(&k), by_map(&k), "{k}");
                }
            }
            for absent in ["", "xyz", "jui", "1er janvier", "l'"] {
                assert_eq!(w.get(absent), by_map(absent), "{absent}");
                let node = w.first(w.token_id(absent));
                assert_eq!(node != NONE, w.lookup(absent).is_some(), "{absent}");
            }
        }
        let none = Words::default();
        assert_eq!(none.first(none.token_id("mai")), NONE);
    }

    #[test]
    fn packing() {
        let by_bytes = |b: &[u8]| {
            b.iter()
                .take(8)
                .enumerate()
                .fold(0, |p, (k, &c)| p | u64::from(c) << (8 * k))
        };
        let text = "abcdefghijKLMNOPQRSTUVWXYZ@[`{'-1é";
        for a in 0..text.len() {
            for b in a..=text.len() {
                let s = text.as_bytes().get(a..b).unwrap();
                assert_eq!(pack(s), by_bytes(s), "{s:?}");
                if s.is_ascii() {
                    assert_eq!(pack_ascii_lower(s), pack(&s.to_ascii_lowercase()), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn prefixes_extend() {
        let w = Words::from_rows(&rows("l'an dernier\tunit\tY\nl'an\tunit\tY\n")).unwrap();
        let an = w.lookup("l' an").unwrap();
        assert!(an.extends && !an.words.is_empty());
        let l = w.lookup("l'").unwrap();
        assert!(l.extends && l.words.is_empty());
        assert!(!w.lookup("l' an dernier").unwrap().extends);
        assert!(w.lookup("an").is_none());
    }

    #[test]
    fn malformed_rows_name_line_and_column() {
        for (line, want) in [
            (
                "mai\tmonth\t13\n",
                "d.tsv:1:11: expected a month number 1-12",
            ),
            (
                "mai\tmonth\t5\tshort\n",
                "d.tsv:1:13: expected flag abbr or nothing",
            ),
            ("x\tnope\t1\n", "d.tsv:1:3: expected a kind"),
            ("fin\tmod\tLATE\n", "d.tsv:1:9: expected a TIMEX3 mod"),
        ] {
            let err = Words::from_rows(&rows(line)).unwrap_err().to_string();
            assert!(err.starts_with(want), "{line:?}: {err}");
        }
    }
}
