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
        Ok(Gazetteer {
            known,
            entries,
            automaton,
            uncapitalised_starts,
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
    fn matches_at_token_starts(&self, text: &str, tokens: &[Token]) -> Vec<(usize, Match)> {
        let mut out = Vec::new();
        for (ts, t) in tokens.iter().enumerate() {
            let word = t.text(text);
            if !word.chars().next().is_some_and(char::is_uppercase)
                && !word
                    .as_bytes()
                    .first()
                    .is_some_and(|&b| self.uncapitalised_starts[usize::from(b)])
            {
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

    /// The anchored search at token starts finds, among the matches that agree in
    /// case, exactly what a search over the whole text finds at token starts.
    #[test]
    fn token_start_search_finds_every_match() {
        let set = LexiconSet::builtin().unwrap();
        let g = Gazetteer::from_lexicons(&set, &|_| false).unwrap();
        let whole = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(g.entries.iter().map(|e| e.surface.as_str()))
            .unwrap();
        let text = "OPENAI et openai, Apple ou apple ; l'eBay d'EBAY, xAI chez Google \
                    DeepMind, Paypal à Microsoft Research. MICROSOFT 3M Meta Platforms";
        let tokens = tokenize(text);
        let agrees = |m: &Match| {
            case_agrees(
                &g.entries[m.pattern().as_usize()].surface,
                &text[m.start()..m.end()],
            )
        };
        let mut want: Vec<(usize, usize, usize)> = whole
            .find_overlapping_iter(text)
            .filter(|m| agrees(m))
            .filter_map(|m| {
                let ts = tokens.iter().position(|t| t.span.start == m.start())?;
                Some((ts, m.end(), m.pattern().as_usize()))
            })
            .collect();
        let mut got: Vec<(usize, usize, usize)> = g
            .matches_at_token_starts(text, &tokens)
            .into_iter()
            .filter(|(_, m)| agrees(m))
            .map(|(ts, m)| (ts, m.end(), m.pattern().as_usize()))
            .collect();
        want.sort();
        got.sort();

        assert!(want.len() >= 8, "{want:?}");
        assert_eq!(got, want);
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
