//! The gazetteer: names from the lexicons, found with one aho-corasick automaton.
//!
//! Matching is case-aware: a letter that is upper case in the lexicon must be
//! upper case in the text ("apple" is not "Apple"), while an all-capitals text
//! matches any entry ("OPENAI" in a headline is OpenAI). A match must start and
//! end on token boundaries. Among overlapping matches the longest wins, then the
//! leftmost.

use super::{Label, Mention};
use crate::error::Result;
use crate::lexicon::LexiconSet;
use crate::span::Span;
use crate::text::fold;
use crate::tokenize::Token;
use aho_corasick::automaton::OverlappingState;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, Match, MatchKind, StartKind};
use foldhash::HashSet;

/// A person or organisation the lexicons know, with its aliases.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownEntity {
    /// Canonical name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// `Person` or `Org`.
    pub label: Label,
    /// For people: 'm', 'f' or 'u'.
    pub gender: char,
}

#[derive(Clone, Debug)]
struct Entry {
    surface: String,
    label: Label,
    known: Option<usize>,
    rule: &'static str,
}

/// The compiled gazetteer.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    known: Vec<KnownEntity>,
    entries: Vec<Entry>,
    automaton: AhoCorasick,
    /// The first bytes (in both ASCII cases) of the entries that do not start with a
    /// capital: only those can match at a token that does not start with a capital.
    uncapitalised_starts: [bool; 256],
    /// What a token can be for a match that starts with it (see [`FirstTokens`]).
    first_tokens: FirstTokens,
    /// The first bytes of the tokens that [`Gazetteer::matches_at_token_starts`] may
    /// search from: ASCII capitals, `uncapitalised_starts` and every non-ASCII byte
    /// (whose character is tested then).
    searched_first_bytes: [bool; 256],
}

/// An exact pre-test for the anchored search at a token. [`Gazetteer::find`] keeps
/// only the matches that end where a token ends, so a kept match that starts at a
/// token covers that whole token: the token's text is a prefix of the entry, up to
/// the ASCII case that the automaton ignores. This holds a hash of the
/// ASCII-lower-cased prefixes of every entry (two prefixes may share a hash: then a
/// token is searched for nothing, which is only slower); a capitalised word that
/// starts no entry ("Le", "Il", "Selon") is skipped without a search.
#[derive(Clone, Debug)]
struct FirstTokens {
    prefixes: HashSet<u64>,
    /// The longest entry, in bytes.
    longest: usize,
    /// Bit `b0 * 256 + b1` for the first two bytes, ASCII-lower-cased, of each entry
    /// of two bytes or more: a first test before hashing a token.
    pairs: Box<[u64; 1024]>,
    /// The first bytes, ASCII-lower-cased, of the entries: what a one-byte token
    /// ("S" of "S&P 500") must be.
    firsts: [bool; 256],
}

impl Default for FirstTokens {
    fn default() -> FirstTokens {
        FirstTokens {
            prefixes: HashSet::default(),
            longest: 0,
            pairs: Box::new([0; 1024]),
            firsts: [false; 256],
        }
    }
}

impl FirstTokens {
    fn new<'a>(surfaces: impl Iterator<Item = &'a str>) -> FirstTokens {
        let mut f = FirstTokens::default();
        for s in surfaces {
            let b = s.as_bytes();
            f.longest = f.longest.max(b.len());
            if let Some(&x) = b.first() {
                f.firsts[usize::from(x.to_ascii_lowercase())] = true;
            }
            if let [x, y, ..] = *b {
                let i = pair(x, y);
                f.pairs[i / 64] |= 1 << (i % 64);
            }
            let mut h = PrefixHash::new();
            for &x in b {
                h.push(x);
                f.prefixes.insert(h.0);
            }
        }
        f
    }

    /// False when no entry starts with `token` (bytes of the text), in any ASCII case.
    #[inline]
    fn may_start(&self, token: &[u8]) -> bool {
        if token.len() > self.longest {
            return false;
        }
        let first_two = match *token {
            [] => false,
            [x] => self.firsts[usize::from(x.to_ascii_lowercase())],
            [x, y, ..] => self.pairs[pair(x, y) / 64] & (1 << (pair(x, y) % 64)) != 0,
        };
        if !first_two {
            return false;
        }
        let mut h = PrefixHash::new();
        token.iter().for_each(|&x| h.push(x));
        self.prefixes.contains(&h.0)
    }
}

/// The index of two bytes, blind to ASCII case, in [`FirstTokens::pairs`].
fn pair(x: u8, y: u8) -> usize {
    usize::from(x.to_ascii_lowercase()) << 8 | usize::from(y.to_ascii_lowercase())
}

/// A hash of bytes taken one by one, blind to ASCII case.
struct PrefixHash(u64);

impl PrefixHash {
    fn new() -> PrefixHash {
        PrefixHash(0xcbf2_9ce4_8422_2325)
    }

    #[inline]
    fn push(&mut self, x: u8) {
        self.0 = (self.0 ^ u64::from(x.to_ascii_lowercase())).wrapping_mul(0x0000_0100_0000_01b3);
    }
}

/// Bare surnames of known people are matched only when at least this long
/// ("Zuckerberg", "Hassabis"), so that "Page", "Cook" or "Son" are not.
const MIN_BARE_SURNAME: usize = 6;

impl Gazetteer {
    /// Build from `common/people.tsv`, `common/orgs.tsv`, `common/products.txt`.
    pub fn from_lexicons(set: &LexiconSet, not_names: &dyn Fn(&str) -> bool) -> Result<Gazetteer> {
        let mut known = Vec::new();
        let mut entries = Vec::new();
        for (file, label) in [("people.tsv", Label::Person), ("orgs.tsv", Label::Org)] {
            for row in set.rows("common", file) {
                let name = row.field(0, "a name")?.to_string();
                let aliases: Vec<String> = row
                    .opt(1)
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect();
                let gender = match (label, row.opt(2)) {
                    (Label::Org, _) | (_, "") | (_, "u") => 'u',
                    (_, "m") => 'm',
                    (_, "f") => 'f',
                    (_, _) => return Err(row.error(2, "expected gender m, f or u")),
                };
                let idx = known.len();
                for s in std::iter::once(&name).chain(&aliases) {
                    entries.push(Entry {
                        surface: s.clone(),
                        label,
                        known: Some(idx),
                        rule: "gazetteer",
                    });
                }
                if label == Label::Person {
                    if let Some(last) = name.split_whitespace().last() {
                        if last.chars().count() >= MIN_BARE_SURNAME
                            && name.split_whitespace().count() >= 2
                            && !not_names(last)
                        {
                            entries.push(Entry {
                                surface: last.to_string(),
                                label,
                                known: Some(idx),
                                rule: "gazetteer:surname",
                            });
                        }
                    }
                }
                known.push(KnownEntity {
                    name,
                    aliases,
                    label,
                    gender,
                });
            }
        }
        for (file, label) in [("products.txt", Label::Product)] {
            for row in set.rows("common", file) {
                entries.push(Entry {
                    surface: row.field(0, "a name")?.to_string(),
                    label,
                    known: None,
                    rule: "gazetteer",
                });
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // Built once per run: the plain NFA builds faster than the compact one, and
            // searches as fast from token starts.
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            // Searched from token starts only (see `find`).
            .start_kind(StartKind::Anchored)
            .build(entries.iter().map(|e| e.surface.as_str()))
            .map_err(|e| crate::Error::bad_argument(format!("cannot build gazetteer: {e}")))?;
        let mut uncapitalised_starts = [false; 256];
        for e in &entries {
            let Some(&b) = e.surface.as_bytes().first() else {
                continue;
            };
            if !e.surface.chars().next().is_some_and(char::is_uppercase) {
                uncapitalised_starts[usize::from(b.to_ascii_lowercase())] = true;
                uncapitalised_starts[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        let first_tokens = FirstTokens::new(entries.iter().map(|e| e.surface.as_str()));
        let searched_first_bytes = std::array::from_fn(|b| {
            b >= 0x80 || uncapitalised_starts[b] || (b as u8).is_ascii_uppercase()
        });
        Ok(Gazetteer {
            known,
            entries,
            automaton,
            uncapitalised_starts,
            first_tokens,
            searched_first_bytes,
        })
    }

    /// The known entities, indexed by [`Mention::known`].
    pub fn known(&self) -> &[KnownEntity] {
        &self.known
    }

    /// Find known names in `text`. `tokens` must be the tokens of `text`.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<Mention> {
        let mut cands: Vec<(usize, usize, usize)> = Vec::new(); // (tok_start, tok_end, entry)
        for (ts, m) in self.matches_at_token_starts(text, tokens) {
            let (s, e) = (m.start(), m.end());
            let Ok(te) = tokens.binary_search_by(|t| t.span.end.cmp(&e)) else {
                continue;
            };
            let entry = &self.entries[m.pattern().as_usize()];
            if !case_agrees(&entry.surface, &text[s..e]) {
                continue;
            }
            // A bare surname right after a capitalised word belongs to that name
            // ("Dennis Hassabis" is for the name rules, not "Hassabis" alone).
            if entry.rule == "gazetteer:surname" && next_to_name(text, tokens, ts, te) {
                continue;
            }
            cands.push((ts, te + 1, m.pattern().as_usize()));
        }
        // Longest first, then leftmost; skip what overlaps a kept match.
        cands.sort_by(|a, b| {
            (b.1 - b.0)
                .cmp(&(a.1 - a.0))
                .then(a.0.cmp(&b.0))
                .then(a.2.cmp(&b.2))
        });
        let mut taken = vec![false; tokens.len()];
        let mut out = Vec::new();
        for (ts, te, ei) in cands {
            if taken[ts..te].iter().any(|&t| t) {
                continue;
            }
            taken[ts..te].iter_mut().for_each(|t| *t = true);
            let entry = &self.entries[ei];
            out.push(Mention {
                span: Span::new(tokens[ts].span.start, tokens[te - 1].span.end),
                tokens: (ts, te),
                label: entry.label,
                rule: entry.rule,
                known: entry.known,
                timex: None,
            });
        }
        out.sort_by_key(|m| m.span.start);
        out
    }

    /// Every match of an entry that starts where a token starts (overlapping matches
    /// included), with that token's index. A match must start on a token, so the
    /// automaton is run anchored at each token rather than over the whole text; and
    /// an entry that starts with a capital only matches at a capital (see
    /// [`case_agrees`]), so other tokens are tried only against the other entries.
    /// A token that starts no entry is not searched at all (see [`FirstTokens`]):
    /// of the matches that end inside that token, [`Gazetteer::find`] keeps none.
    fn matches_at_token_starts(&self, text: &str, tokens: &[Token]) -> Vec<(usize, Match)> {
        let mut out = Vec::new();
        for (ts, t) in tokens.iter().enumerate() {
            // A token whose first byte is neither a capital, nor an uncapitalised
            // start, nor the start of a non-ASCII character fails the tests below.
            if !text
                .as_bytes()
                .get(t.span.start)
                .is_some_and(|&b| self.searched_first_bytes[usize::from(b)])
            {
                continue;
            }
            // The token's bytes (a token's span is on character boundaries).
            let Some(word) = text.as_bytes().get(t.span.start..t.span.end) else {
                continue;
            };
            let capital = match word.first() {
                Some(&b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => t.text(text).chars().next().is_some_and(char::is_uppercase),
            };
            if !capital
                && !word
                    .first()
                    .is_some_and(|&b| self.uncapitalised_starts[usize::from(b)])
            {
                continue;
            }
            if !self.first_tokens.may_start(word) {
                continue;
            }
            let input = Input::new(text)
                .range(t.span.start..)
                .anchored(Anchored::Yes);
            let mut state = OverlappingState::start();
            // The automaton supports anchored searches, so this cannot fail. An anchored
            // overlapping search also reports the entries that end a longer match
            // ("DeepMind" inside "Google DeepMind"): those start at another token.
            while let Ok(()) = self
                .automaton
                .try_find_overlapping(input.clone(), &mut state)
            {
                match state.get_match() {
                    Some(m) if m.start() == t.span.start => out.push((ts, m)),
                    Some(_) => {}
                    None => break,
                }
            }
        }
        out
    }

    /// The known entity whose name or alias folds to `name`.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let f = fold(name);
        self.known
            .iter()
            .position(|k| fold(&k.name) == f || k.aliases.iter().any(|a| fold(a) == f))
    }
}

/// True when the tokens `ts..=te` are right after or right before another
/// capitalised word on the same line ("Dennis Hassabis", "Philippe Barret").
fn next_to_name(text: &str, tokens: &[Token], ts: usize, te: usize) -> bool {
    let word = |t: &Token| t.kind == crate::tokenize::TokenKind::Word && t.case.is_capitalised();
    let spaced = |a: usize, b: usize| text[a..b].chars().all(|c| c == ' ' || c == '\u{a0}');
    (ts > 0 && word(&tokens[ts - 1]) && spaced(tokens[ts - 1].span.end, tokens[ts].span.start))
        || (te + 1 < tokens.len()
            && word(&tokens[te + 1])
            && spaced(tokens[te].span.end, tokens[te + 1].span.start))
}

/// True when every letter that is upper case in `pattern` is upper case in
/// `found`, or `found` is written all in capitals (a headline).
fn case_agrees(pattern: &str, found: &str) -> bool {
    let all_caps = found
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && found.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    if all_caps {
        return true;
    }
    pattern
        .chars()
        .zip(found.chars())
        .all(|(p, f)| !p.is_uppercase() || f.is_uppercase())
        // "Paypal" for "PayPal": a capital inside the word may be lost, not the first one.
        || (pattern.chars().next().is_some_and(char::is_uppercase)
            && found.chars().next().is_some_and(char::is_uppercase)
            && fold(pattern) == fold(found)
            && !pattern.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn builtin() -> Gazetteer {
        Gazetteer::from_lexicons(&LexiconSet::builtin().unwrap(), &|_| false).unwrap()
    }

    /// The matches [`Gazetteer::find`] can keep: from a token start to a token end,
    /// agreeing in case, as (first token, end byte, entry).
    fn kept(
        g: &Gazetteer,
        text: &str,
        tokens: &[Token],
        matches: impl Iterator<Item = Match>,
    ) -> Vec<(usize, usize, usize)> {
        let mut out: Vec<(usize, usize, usize)> = matches
            .filter(|m| {
                case_agrees(
                    &g.entries[m.pattern().as_usize()].surface,
                    &text[m.start()..m.end()],
                ) && tokens.iter().any(|t| t.span.end == m.end())
            })
            .filter_map(|m| {
                let ts = tokens.iter().position(|t| t.span.start == m.start())?;
                Some((ts, m.end(), m.pattern().as_usize()))
            })
            .collect();
        out.sort();
        out
    }

    /// What `find` can keep of a search over the whole text, and of the anchored
    /// search at token starts with its filters.
    fn both_searches(g: &Gazetteer, text: &str) -> [Vec<(usize, usize, usize)>; 2] {
        let whole = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(g.entries.iter().map(|e| e.surface.as_str()))
            .unwrap();
        let tokens = tokenize(text);
        let fast = g.matches_at_token_starts(text, &tokens);
        [
            kept(g, text, &tokens, whole.find_overlapping_iter(text)),
            kept(g, text, &tokens, fast.into_iter().map(|(_, m)| m)),
        ]
    }

    #[test]
    fn token_start_search_finds_every_match() {
        let g = builtin();
        for (text, at_least) in [
            (
                "OPENAI et openai, Apple ou apple ; l'eBay d'EBAY, xAI chez Google \
                 DeepMind, Paypal à Microsoft Research. MICROSOFT 3M Meta Platforms",
                8,
            ),
            (
                "Le PDG de Google DeepMind, M. Hassabis, a quitté OpenAI pour xAI.",
                3,
            ),
            (
                "L'opérateur ORANGE et la banque BNP Paribas ; « Apple » à Paris.",
                2,
            ),
            (
                "Mark Zuckerberg's Meta Platforms bought WhatsApp; MICROSOFT and 3M too.",
                3,
            ),
            ("Googleplex, Metaverse, Applesauce : MetaPlatforms", 0),
            ("The S&P 500 and the Dow Jones rose; s&p 500, S & P 500.", 2),
            ("a b c X Y Z é É œ ’ « » 1 22 333", 0),
            ("", 0),
        ] {
            let [want, got] = both_searches(&g, text);
            assert_eq!(got, want, "{text}");
            assert!(want.len() >= at_least, "{text}: {want:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn token_start_search_is_exact(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Google", "google", "GOOGLE", "Deep", "DeepMind", "Meta", "meta", "X",
                    "x", "A", "Le", "la", "L'", "Orange", "Banque", "de", "France", "é",
                    "Élysée", "«", "»", ",", "3M", "3", "M", "OpenAI", "open", "AI", "Inc.",
                    "Microsoft", "Research", "Platforms", "eBay", "EBAY", "xAI", "Pay", "Pal",
                    "S", "&", "P", "500", "S&P", "Dow", "Jones", "Nasdaq", "NASDAQ",
                ]),
                0..12,
            ),
            glue in proptest::collection::vec(proptest::sample::select(vec![" ", "", "  ", "-", "'"]), 12),
        ) {
            let mut text = String::new();
            for (w, g) in words.iter().zip(&glue) {
                text.push_str(w);
                text.push_str(g);
            }
            let [want, got] = both_searches(builtin_once(), &text);
            proptest::prop_assert_eq!(got, want, "{:?}", text);
        }
    }

    fn builtin_once() -> &'static Gazetteer {
        static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        G.get_or_init(builtin)
    }

    #[test]
    fn case_rules() {
        for (p, f, want) in [
            ("Apple", "Apple", true),
            ("Apple", "apple", false),
            ("Apple", "APPLE", true),
            ("OpenAI", "OPENAI", true),
            ("PayPal", "Paypal", true),
            ("xAI", "XAI", true),
            ("Orange", "orange", false),
        ] {
            assert_eq!(case_agrees(p, f), want, "{p} / {f}");
        }
    }
}
