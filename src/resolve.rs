//! Resolution: from mentions to entities, one per real person, organisation or date.
//!
//! Rules, in order (each alias in the output names the rule that joined it):
//!
//! 1. **Typing the unknown.** A capitalised run the recognizers could not type
//!    becomes a PERSON when its last word is the surname of a person named in
//!    the document ("Kimball Musk" once "Elon Musk" is known: `person:known-surname`),
//!    or, as a single word, when it is such a surname (`surname`), the first
//!    name of exactly one person (`first-name`), a spelling variant of a surname
//!    (`variant:phonetic`), or the first word of a multi-word ORG (`org:short-form`).
//! 2. **Full names** join when they fold to the same string (case, accents,
//!    honorifics: `same-name`), when the lexicons give them one identity
//!    (`lexicon-alias`), or when they share a surname and their first names are one
//!    edit apart ("Dennis"/"Demis": `variant:first-name`).
//! 3. **Bare surnames** (and titled forms, "M. Musk") go to the most salient
//!    person with that surname: the one with the most mentions so far, then the
//!    nearest before, then the first in the document. So two Musks stay apart,
//!    and "Musk" goes to whichever has been talked about most.
//! 4. **Spelling variants**: a single word whose consonant key
//!    ([`crate::text::consonant_key`]) is equal to, or one edit from, a surname's,
//!    with the same first letter, at least 5 letters, and an edit distance of at most a
//!    third of the longer word ("Suskever"/"Satskevier", "Babuschkin"/"Babushkin").
//!    Thresholds were chosen on the seed article and the POPCORN dev set.
//! 5. **Organisations** join on their folded name without company suffix
//!    ("Acme SA"/"Acme": `org:suffix`), on an acronym of a multi-word name
//!    ("IBM"/"International Business Machines": `org:acronym`) and on lexicon aliases.
//! 6. **Pronouns and descriptions** (`lexicons/<lang>/pronouns.tsv`) become
//!    references to the most recent compatible entity (type, then gender from
//!    first names and titles); impersonal "il y a", "il faut" are skipped. They
//!    are not entities and are reported apart, as `references`.
//!
//! Types never mix: a PERSON and an ORG with the same word ("Ford") stay apart.

use crate::lang::Lang;
use crate::recognize::gazetteer::Gazetteer;
use crate::recognize::names::{NameRules, TitleKind, phrase_of};
use crate::recognize::{Label, Mention, Timex};
use crate::span::Span;
use crate::text::{Case, consonant_key, edit_distance, fold, with_fold};
use crate::tokenize::{Folded, Sentence, Token, TokenKind};
use foldhash::{HashMap as FastMap, HashSet as FastSet};

/// How a surface form joined its entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The surface form.
    pub text: String,
    /// The rule that joined it.
    pub rule: &'static str,
    /// The form it was joined to.
    pub of: String,
}

/// An entity: a cluster of mentions of one person, organisation or date.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// PERSON, ORG, DATE, DURATION, PRODUCT or LOC.
    pub label: Label,
    /// The canonical, fullest name.
    pub name: String,
    /// Indices of its mentions (into the analysis' mentions), in text order.
    pub mentions: Vec<usize>,
    /// Other surface forms and how they joined.
    pub aliases: Vec<Alias>,
    /// 'm', 'f' or 'u' for people.
    pub gender: char,
    /// Index of the lexicon entity, if known.
    pub known: Option<usize>,
    /// For dates and durations.
    pub timex: Option<Timex>,
}

/// A pronoun or description resolved to an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Byte span of the pronoun.
    pub span: Span,
    /// Its tokens.
    pub tokens: (usize, usize),
    /// The entity it refers to.
    pub entity: usize,
    /// True for possessive determiners ("son", "his").
    pub possessive: bool,
}

/// One pronoun entry.
#[derive(Clone, Debug)]
pub struct Pronoun {
    /// person, org or any.
    pub refers_to: Option<Label>,
    /// 'm', 'f', 'u'.
    pub gender: char,
    /// Possessive determiner.
    pub possessive: bool,
    /// Relative pronoun: refers to the entity just before.
    pub relative: bool,
}

/// The pronoun table of one language: folded phrase (in the form of
/// [`phrase_key`](crate::recognize::names::phrase_key)) → entry.
#[derive(Clone, Debug, Default)]
pub struct Pronouns {
    /// The first two bytes of the phrases.
    initials: Starts,
    /// Every prefix of every phrase (the phrases included), so that a scan
    /// stops as soon as no phrase can start with what it has read; with the
    /// entry of the prefixes that are phrases, so that one lookup answers both.
    prefixes: FastMap<String, Option<Pronoun>>,
}

impl Pronouns {
    /// An empty table.
    pub fn new() -> Pronouns {
        Pronouns::default()
    }

    /// Add (or replace) the entry of a folded phrase.
    pub fn insert(&mut self, phrase: String, pronoun: Pronoun) {
        for (i, _) in phrase.char_indices().skip(1) {
            self.prefixes.entry(phrase[..i].to_string()).or_insert(None);
        }
        self.initials.add(&phrase);
        self.prefixes.insert(phrase, Some(pronoun));
    }

    /// False when no phrase can start with `word` (its first two bytes start none).
    pub fn may_start(&self, word: &[u8]) -> bool {
        self.initials.may_start(word)
    }

    /// The entry of a folded phrase.
    pub fn get(&self, phrase: &str) -> Option<&Pronoun> {
        self.prefixes.get(phrase)?.as_ref()
    }

    /// True when some phrase starts with `s`.
    pub fn is_prefix(&self, s: &str) -> bool {
        self.prefixes.contains_key(s)
    }

    /// `None` when no phrase starts with `s`, else the entry of `s` if it is a
    /// phrase: [`is_prefix`](Pronouns::is_prefix) and [`get`](Pronouns::get) in one lookup.
    pub fn prefix(&self, s: &str) -> Option<Option<&Pronoun>> {
        self.prefixes.get(s).map(Option::as_ref)
    }

    /// True when the table is empty (each phrase is its own prefix).
    pub fn is_empty(&self) -> bool {
        self.prefixes.is_empty()
    }
}

/// The first bytes of some strings: a quick test before a lookup.
#[derive(Clone, Copy, Debug, Default)]
pub struct Initials([u64; 4]);

impl Initials {
    /// Add the first byte of `s` (nothing if it is empty).
    pub fn add(&mut self, s: &str) {
        if let Some(b) = s.bytes().next() {
            self.0[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }

    /// True when the first byte of `s` is one of them.
    pub fn may_start(&self, s: &str) -> bool {
        s.bytes()
            .next()
            .is_some_and(|b| self.0[usize::from(b >> 6)] >> (b & 63) & 1 == 1)
    }
}

/// The first two bytes of some strings (the first one alone for a string of one
/// byte): a quicker test than [`Initials`] before a lookup by word, as most words
/// share their first letter with some entry but far fewer their first two bytes.
///
/// A phrase that starts with a word of two bytes or more starts with that word's
/// first two bytes, so `may_start(word)` is false only when no string added can
/// start with `word`.
#[derive(Clone, Debug)]
pub struct Starts {
    first: Initials,
    /// One bit per pair of bytes: 65,536 bits.
    pairs: Box<[u64]>,
}

impl Default for Starts {
    fn default() -> Starts {
        Starts {
            first: Initials::default(),
            pairs: vec![0; 1 << 10].into_boxed_slice(),
        }
    }
}

impl Starts {
    /// Add the first byte and the first two bytes of `s`.
    pub fn add(&mut self, s: &str) {
        self.first.add(s);
        if let [a, b, ..] = *s.as_bytes() {
            let k = usize::from(a) << 8 | usize::from(b);
            self.pairs[k >> 6] |= 1 << (k & 63);
        }
    }

    /// False when no string added starts with `word`'s first two bytes (with its
    /// only byte, for a word of one byte).
    pub fn may_start(&self, word: &[u8]) -> bool {
        match *word {
            [] => false,
            [a] => self.first.0[usize::from(a >> 6)] >> (a & 63) & 1 == 1,
            [a, b, ..] => {
                let k = usize::from(a) << 8 | usize::from(b);
                self.pairs[k >> 6] >> (k & 63) & 1 == 1
            }
        }
    }
}

/// Everything resolution needs from the lexicons.
pub struct Resolver<'a> {
    /// Name rules (first names, suffixes).
    pub names: &'a NameRules,
    /// Known entities.
    pub gazetteer: &'a Gazetteer,
    /// Pronouns of the document's language.
    pub pronouns: &'a Pronouns,
    /// Longest pronoun phrase in words.
    pub max_pronoun_words: usize,
    /// Descriptions that name an entity ("l'homme le plus riche du monde").
    pub descriptions: &'a Descriptions,
    /// The year of the document date, if known (descriptions have a validity).
    pub doc_year: Option<i32>,
}

/// One description from `lexicons/common/descriptions.tsv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Description {
    /// Folded name of the entity it describes.
    pub name: String,
    /// First year it holds, if bounded.
    pub from: Option<i32>,
    /// Last year it holds, if bounded.
    pub to: Option<i32>,
}

/// Descriptions by folded phrase (in the form of `phrase_of`), with their length in tokens.
#[derive(Clone, Debug, Default)]
pub struct Descriptions {
    /// First folded token → (phrase, token count, readings).
    pub by_first: FastMap<String, Vec<(String, usize, Vec<Description>)>>,
    /// The first bytes of the keys of `by_first`.
    initials: Initials,
    /// The folded names the descriptions describe.
    names: FastSet<String>,
}

impl Descriptions {
    /// Compile `common/descriptions.tsv`: phrase, name, from year, to year.
    pub fn from_lexicons(set: &crate::lexicon::LexiconSet) -> crate::Result<Descriptions> {
        let mut out = Descriptions::default();
        for row in set.rows("common", "descriptions.tsv") {
            let phrase = row.field(0, "a description")?;
            let name = fold(row.field(1, "the name it describes")?);
            let year = |i: usize| -> crate::Result<Option<i32>> {
                match row.opt(i) {
                    "" => Ok(None),
                    y => y
                        .parse()
                        .map(Some)
                        .map_err(|_| row.error(i, "expected a year or nothing")),
                }
            };
            let d = Description {
                name,
                from: year(2)?,
                to: year(3)?,
            };
            let toks = crate::tokenize::tokenize(phrase);
            let Some(first) = toks.first() else { continue };
            let key = phrase_of(phrase, &toks);
            let list = out.by_first.entry(fold(first.text(phrase))).or_default();
            match list.iter_mut().find(|(k, _, _)| *k == key) {
                Some(entry) => entry.2.push(d),
                None => list.push((key, toks.len(), vec![d])),
            }
        }
        for k in out.by_first.keys() {
            out.initials.add(k);
        }
        out.names = out
            .by_first
            .values()
            .flatten()
            .flat_map(|(_, _, readings)| readings.iter().map(|d| d.name.clone()))
            .collect();
        Ok(out)
    }
}

/// The output of resolution.
#[derive(Clone, Debug, Default)]
pub struct Resolution {
    /// All mentions kept, in text order (unknown ones included, typed UNKNOWN).
    pub mentions: Vec<Mention>,
    /// Entity of each mention (None for UNKNOWN).
    pub entity_of: Vec<Option<usize>>,
    /// The entities.
    pub entities: Vec<Entity>,
    /// Pronoun references.
    pub references: Vec<Reference>,
    /// How each mention joined its entity: (rule, form it joined).
    pub joined: Vec<Option<(&'static str, usize)>>,
    /// The folded form of every token (for pronouns and descriptions, and
    /// again for relations).
    pub folded: Folded,
}

/// Is `a` a spelling variant of surname `b`? (Rule 4 of the module doc.)
pub fn is_variant(a: &str, b: &str) -> bool {
    Variant::new(a).of(&Variant::new(b))
}

/// A word prepared for spelling-variant tests ([`is_variant`]): folded once,
/// however many surnames it is compared with.
struct Variant<'a> {
    word: &'a str,
    folded: String,
    chars: usize,
    /// The word's [`consonant_key`], made at its first comparison that needs it.
    key: std::cell::OnceCell<String>,
}

impl Variant<'_> {
    fn new(word: &str) -> Variant<'_> {
        let folded = fold(word);
        let chars = folded.chars().count();
        Variant {
            word,
            folded,
            chars,
            key: std::cell::OnceCell::new(),
        }
    }

    fn key(&self) -> &str {
        self.key.get_or_init(|| consonant_key(self.word))
    }

    /// Is `self` a spelling variant of `b`?
    fn of(&self, b: &Variant) -> bool {
        let (fa, fb) = (&self.folded, &b.folded);
        if fa == fb {
            return true;
        }
        let (la, lb) = (self.chars, b.chars);
        if la < 5 || lb < 5 || fa.chars().next() != fb.chars().next() {
            return false;
        }
        // The edit distance is at least the difference in length: a quick no
        // before the consonant keys and the distances.
        if la.abs_diff(lb) * 3 > la.max(lb) {
            return false;
        }
        let (ka, kb) = (self.key(), b.key());
        if ka.len() < 3 || edit_distance(ka, kb) > 1 {
            return false;
        }
        edit_distance(fa, fb) * 3 <= la.max(lb)
    }
}

/// The words of an organisation's name without its company suffix.
fn without_suffix<'t>(ws: &[&'t str], names: &NameRules) -> Vec<&'t str> {
    let mut end = ws.len();
    while end > 1 && names.is_suffix(&ws[end - 1]) {
        end -= 1;
    }
    ws[..end]
        .iter()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .copied()
        .collect()
}

/// Is `acr` an acronym of the name `words` (without suffix)? It must be written in
/// capitals (inner lower case allowed: "BoA"), at least two letters, and be the
/// initials of the capitalised words ("IBM"), of all the words ("BoA" for "Bank of
/// America"), or — from three letters on — a subsequence of all the initials that
/// keeps the first and the last ("CRIF" for "Conseil représentatif des institutions
/// juives de France").
pub fn acronym_fits(acr: &str, words: &[&str]) -> bool {
    let letters: Vec<char> = acr
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let upper = acr.chars().filter(|c| c.is_uppercase()).count();
    if letters.len() < 2 || upper * 2 < letters.len() + 1 || words.len() < 2 {
        return false;
    }
    let initial = |w: &&str| fold(w).chars().next();
    let all: Vec<char> = words.iter().filter_map(initial).collect();
    let content: Vec<char> = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(initial)
        .collect();
    if letters == all || letters == content {
        return true;
    }
    if letters.len() < 3 || letters.first() != all.first() || letters.last() != all.last() {
        return false;
    }
    let mut it = all.iter();
    letters.iter().all(|c| it.any(|x| x == c))
}

/// Initials of the capitalised words of a name ("International Business Machines" → "IBM").
#[cfg(test)]
fn acronym_of(ws: &[&str]) -> String {
    ws.iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn org_key(ws: &[&str], names: &NameRules) -> String {
    let mut end = ws.len();
    while end > 1 && names.is_suffix(&ws[end - 1]) {
        end -= 1;
    }
    let mut s: String = ws[..end].join(" ");
    if ws.len() == 1 {
        s = ws[0].to_string();
    }
    fold(&s).chars().filter(|c| c.is_alphanumeric()).collect()
}

impl Resolver<'_> {
    /// Resolve `mentions` (sorted by start, not overlapping) into entities.
    pub fn resolve<'t>(
        &self,
        text: &'t str,
        tokens: &[Token],
        folded: &Folded,
        sentences: &[Sentence],
        mut mentions: Vec<Mention>,
        lang: Lang,
    ) -> Resolution {
        mentions.sort_by_key(|m| m.span.start);
        let n = mentions.len();
        // Each mention's words as written (`ws[i]`) and folded (`fw[i]`): slices of
        // two vectors for the whole document.
        let tokens_in_mentions = mentions.iter().map(|m| m.tokens.1 - m.tokens.0).sum();
        let mut all_words: Vec<&str> = Vec::with_capacity(tokens_in_mentions);
        let mut all_folded: Vec<&str> = Vec::with_capacity(tokens_in_mentions);
        let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(n);
        for m in &mentions {
            let a = all_words.len();
            for k in (m.tokens.0..m.tokens.1).filter(|&k| tokens[k].kind == TokenKind::Word) {
                all_words.push(tokens[k].text(text));
                all_folded.push(folded.word(k));
            }
            bounds.push((a, all_words.len()));
        }
        let ws: Vec<&[&str]> = bounds.iter().map(|&(a, b)| &all_words[a..b]).collect();
        let fw: Vec<&[&str]> = bounds.iter().map(|&(a, b)| &all_folded[a..b]).collect();
        let mut joined: Vec<Option<(&'static str, usize)>> = vec![None; n];

        // Surnames of people named in full (and of known people).
        let mut surnames: FastMap<String, usize> = FastMap::default();
        for (i, m) in mentions.iter().enumerate() {
            if m.label == Label::Person && ws[i].len() >= 2 {
                if let Some(s) = fw[i].last() {
                    *surnames.entry(s.to_string()).or_default() += 1;
                }
            }
        }
        let first_name_owner: FastMap<String, String> = {
            let mut owners: FastMap<String, Vec<String>> = FastMap::default();
            for (i, m) in mentions.iter().enumerate() {
                if m.label == Label::Person && ws[i].len() >= 2 {
                    let full = fw[i].join(" ");
                    let v = owners.entry(fw[i][0].to_string()).or_default();
                    if !v.contains(&full) {
                        v.push(full);
                    }
                }
            }
            owners
                .into_iter()
                .filter(|(_, v)| v.len() == 1)
                .map(|(k, mut v)| (k, v.remove(0)))
                .collect()
        };
        let multi_orgs: FastSet<String> = mentions
            .iter()
            .enumerate()
            .filter(|(i, m)| m.label == Label::Org && ws[*i].len() >= 2)
            .map(|(i, _)| fw[i][0].to_string())
            .collect();
        // Names typed ORG somewhere in the document, and single names typed PERSON by a title.
        let mut org_names: FastSet<String> = mentions
            .iter()
            .filter(|m| m.label == Label::Org)
            .map(|m| fold(m.span.slice(text)))
            .collect();
        // ... and without their company suffix: "Pied Piper Inc." then "Pied Piper".
        for (i, m) in mentions.iter().enumerate() {
            let w = &ws[i];
            if m.label == Label::Org && w.len() >= 2 && self.names.is_suffix(&w[w.len() - 1]) {
                org_names.insert(fw[i][..w.len() - 1].join(" "));
            }
        }
        for (i, m) in mentions.iter().enumerate() {
            if m.label == Label::Person && ws[i].len() == 1 && m.rule.starts_with("person:") {
                surnames.entry(fw[i][0].to_string()).or_default();
            }
        }

        // 1. Typing the unknown.
        let surname_variants: Vec<Variant> = surnames.keys().map(|s| Variant::new(s)).collect();
        let variant_of_surname = |w: &str| {
            let w = Variant::new(w);
            surname_variants.iter().any(|s| w.of(s))
        };
        for i in 0..n {
            if mentions[i].label != Label::Unknown || ws[i].is_empty() {
                continue;
            }
            let w = &ws[i];
            let last = fw[i][w.len() - 1];
            if with_fold(mentions[i].span.slice(text), |f| org_names.contains(f)) {
                // The same name typed ORG elsewhere ("cofondateur de Globex … a quitté Globex").
                mentions[i].label = Label::Org;
                mentions[i].rule = "org:same-name";
                continue;
            }
            if w.len() >= 2 {
                if w.len() <= 3 && surnames.contains_key(last) && !self.names.is_place(&w.join(" "))
                {
                    mentions[i].label = Label::Person;
                    mentions[i].rule = "person:known-surname";
                }
                continue;
            }
            let single = w[0];
            if self.names.is_not_name(single) {
                continue;
            }
            if surnames.contains_key(last) {
                mentions[i].label = Label::Person;
                mentions[i].rule = "surname";
            } else if first_name_owner.contains_key(last) {
                mentions[i].label = Label::Person;
                mentions[i].rule = "first-name";
            } else if multi_orgs.contains(last) {
                mentions[i].label = Label::Org;
                mentions[i].rule = "org:short-form";
            } else if self.names.first_name_gender(single).is_some()
                && Case::of(single) == Case::Title
                && !self.names.is_place(single)
                // "Trent 900", "Russel 2000": a name before a number is a model or an index.
                && tokens.get(mentions[i].tokens.1).is_none_or(|t| t.kind != TokenKind::Number)
            {
                // A first name alone, with no full name to attach to: "Jessica, 12 ans".
                mentions[i].label = Label::Person;
                mentions[i].rule = "person:first-name-only";
            } else if variant_of_surname(single)
                && Case::of(single) == Case::Title
                && self.names.first_name_gender(single).is_none()
            {
                mentions[i].label = Label::Person;
                mentions[i].rule = "variant:phonetic";
            }
        }

        // 2-4. People.
        let mut entities: Vec<Entity> = Vec::with_capacity(n);
        let mut entity_of: Vec<Option<usize>> = vec![None; n];
        let mut by_key: FastMap<String, usize> = FastMap::default();
        let mut by_known: FastMap<usize, usize> = FastMap::default();
        let mut people_full: Vec<(usize, String, String)> = Vec::new(); // (entity, folded first, folded surname)
        // Each (entity, first, surname) once: a known person named on every line of a
        // long text must not make the bare-surname scans below quadratic.
        let mut people_seen: FastSet<(usize, String, String)> = FastSet::default();
        let new_entity = |entities: &mut Vec<Entity>, label: Label, known: Option<usize>| {
            entities.push(Entity {
                label,
                name: String::new(),
                mentions: Vec::new(),
                aliases: Vec::new(),
                gender: 'u',
                known,
                timex: None,
            });
            entities.len() - 1
        };
        // Full names and known people first, in text order.
        for i in 0..n {
            let m = &mentions[i];
            if m.label != Label::Person {
                continue;
            }
            let w = &ws[i];
            if let Some(k) = m.known {
                if m.rule == "gazetteer:surname" {
                    continue;
                }
                let e = *by_known
                    .entry(k)
                    .or_insert_with(|| new_entity(&mut entities, Label::Person, Some(k)));
                entity_of[i] = Some(e);
                if w.len() >= 2 {
                    by_key.entry(fw[i].join(" ")).or_insert(e);
                    let p = (e, fw[i][0].to_string(), fw[i][w.len() - 1].to_string());
                    if people_seen.insert(p.clone()) {
                        people_full.push(p);
                    }
                }
                let canonical = &self.gazetteer.known()[k].name;
                let canonical_key = fold(canonical);
                let cw: Vec<&str> = canonical.split_whitespace().collect();
                if cw.len() >= 2 {
                    by_key.entry(canonical_key.clone()).or_insert(e);
                    let p = (e, fold(cw[0]), fold(cw[cw.len() - 1]));
                    if people_seen.insert(p.clone()) {
                        people_full.push(p);
                    }
                }
                if canonical_key != fw[i].join(" ") {
                    joined[i] = Some(("lexicon-alias", usize::MAX));
                }
                continue;
            }
            // "Van der Berg" (a particle first) is the surname of "Martin van der
            // Berg": it joins like a bare surname, below.
            if w.len() < 2 || self.names.is_particle(&w[0]) {
                continue;
            }
            let key = fw[i].join(" ");
            if let Some(&e) = by_key.get(&key) {
                entity_of[i] = Some(e);
                joined[i] = Some(("same-name", usize::MAX));
                continue;
            }
            let first = fw[i][0].to_string();
            let sur = fw[i][w.len() - 1].to_string();
            // Same surname, first names one edit apart: a misspelling.
            let variant = people_full.iter().find(|(_, f, s)| {
                *s == sur
                    && f != &first
                    && edit_distance(f, &first) <= 1
                    && f.chars().next() == first.chars().next()
                    && f.len() >= 4
            });
            if let Some(&(e, _, _)) = variant {
                entity_of[i] = Some(e);
                joined[i] = Some(("variant:first-name", usize::MAX));
                by_key.insert(key, e);
                continue;
            }
            let e = new_entity(&mut entities, Label::Person, None);
            by_key.insert(key, e);
            people_full.push((e, first, sur));
            entity_of[i] = Some(e);
        }
        // Bare surnames, first names, titled forms and variants.
        let people_variants: Vec<Variant> = people_full
            .iter()
            .map(|(_, _, s)| Variant::new(s))
            .collect();
        let mut count: Vec<usize> = vec![0; entities.len()];
        let mut last_seen: Vec<Option<usize>> = vec![None; entities.len()];
        for i in 0..n {
            if let Some(e) = entity_of[i] {
                count[e] += 1;
                last_seen[e] = Some(i);
                continue;
            }
            let m = &mentions[i];
            if m.label != Label::Person || ws[i].is_empty() {
                continue;
            }
            let w = &ws[i];
            let last = fw[i][w.len() - 1];
            let mut cands: Vec<(usize, &'static str)> = people_full
                .iter()
                .filter(|(_, _, s)| *s == last)
                .map(|&(e, _, _)| (e, "surname"))
                .collect();
            if cands.is_empty() && w.len() == 1 {
                cands = people_full
                    .iter()
                    .filter(|(_, f, _)| *f == last)
                    .map(|&(e, _, _)| (e, "first-name"))
                    .collect();
            }
            if cands.is_empty() && w.len() == 1 {
                let single = Variant::new(w[0]);
                cands = people_full
                    .iter()
                    .zip(&people_variants)
                    .filter(|(_, s)| single.of(s))
                    .map(|(p, _)| p)
                    .map(|&(e, _, _)| (e, "variant:phonetic"))
                    .collect();
            }
            if let Some(k) = m.known {
                // A known person's bare surname goes to a person of the document with
                // that surname ("Dennis Hassabis"), else to the known person.
                if cands.iter().any(|(e, _)| entities[*e].known == Some(k)) {
                    cands.retain(|(e, _)| entities[*e].known == Some(k));
                }
                if cands.is_empty() {
                    let e = *by_known
                        .entry(k)
                        .or_insert_with(|| new_entity(&mut entities, Label::Person, Some(k)));
                    count.resize(entities.len(), 0);
                    last_seen.resize(entities.len(), None);
                    cands.push((e, "surname"));
                }
            }
            cands.sort_by_key(|c| c.0);
            cands.dedup_by_key(|c| c.0);
            let chosen = cands.iter().copied().max_by(|a, b| {
                count[a.0]
                    .cmp(&count[b.0])
                    .then(last_seen[a.0].cmp(&last_seen[b.0]))
                    .then(b.0.cmp(&a.0))
            });
            let (e, rule) = match chosen {
                Some(c) => c,
                None => {
                    // A titled single name with no full form ("M. Durand"): its own entity.
                    let key = last.to_string();
                    if let Some(&e) = by_key.get(&key) {
                        (e, "same-name")
                    } else {
                        let e = new_entity(&mut entities, Label::Person, None);
                        count.push(0);
                        last_seen.push(None);
                        by_key.insert(key, e);
                        (e, "")
                    }
                }
            };
            entity_of[i] = Some(e);
            if !rule.is_empty() {
                joined[i] = Some((rule, usize::MAX));
            }
            count[e] += 1;
            last_seen[e] = Some(i);
        }

        // 5. Organisations.
        let mut org_by_key: FastMap<String, usize> = FastMap::default();
        // Multi-word names: (words without suffix, entity), for acronyms and short forms.
        let mut org_long: Vec<(Vec<&str>, usize)> = Vec::new();
        let mut org_acronyms: Vec<(String, usize)> = Vec::new();
        let mut org_first_word: FastMap<String, usize> = FastMap::default();
        let register = |w: &[&'t str],
                        e: usize,
                        org_long: &mut Vec<(Vec<&'t str>, usize)>,
                        org_first_word: &mut FastMap<String, usize>,
                        org_by_key: &mut FastMap<String, usize>| {
            let core = without_suffix(w, self.names);
            if core.len() >= 2 {
                org_first_word.entry(fold(&core[0])).or_insert(e);
                // "United States Air Force" is also "Air Force".
                for k in 1..core.len().min(3) {
                    if self.names.is_place(&core[..k].join(" ")) && core.len() - k >= 2 {
                        org_by_key
                            .entry(org_key(&core[k..], self.names))
                            .or_insert(e);
                    }
                }
                org_long.push((core, e));
            }
        };
        for pass in 0..2 {
            for i in 0..n {
                let m = &mentions[i];
                if m.label != Label::Org || entity_of[i].is_some() {
                    continue;
                }
                let w = &ws[i];
                if w.is_empty() {
                    continue;
                }
                // Multi-word and known names first, so that short forms find them.
                if pass == 0 && w.len() < 2 && m.known.is_none() {
                    continue;
                }
                if let Some(k) = m.known {
                    let e = *by_known
                        .entry(k)
                        .or_insert_with(|| new_entity(&mut entities, Label::Org, Some(k)));
                    entity_of[i] = Some(e);
                    let canonical = &self.gazetteer.known()[k].name;
                    if fold(canonical) != fw[i].join(" ") {
                        joined[i] = Some(("lexicon-alias", usize::MAX));
                    }
                    org_by_key.entry(org_key(w, self.names)).or_insert(e);
                    register(w, e, &mut org_long, &mut org_first_word, &mut org_by_key);
                    if w.len() == 1 && Case::of(&w[0]) == Case::Upper {
                        org_acronyms.push((w[0].to_string(), e));
                    }
                    continue;
                }
                let key = org_key(w, self.names);
                if let Some(&e) = org_by_key.get(&key) {
                    entity_of[i] = Some(e);
                    let rule = if w.len() >= 2 && self.names.is_suffix(&w[w.len() - 1]) {
                        "org:suffix"
                    } else {
                        "same-name"
                    };
                    joined[i] = Some((rule, usize::MAX));
                    continue;
                }
                if w.len() == 1 {
                    let acronym = org_acronyms
                        .iter()
                        .find(|(a, _)| a == &w[0])
                        .map(|x| x.1)
                        .or_else(|| {
                            org_long
                                .iter()
                                .find(|(long, _)| acronym_fits(w[0], long))
                                .map(|x| x.1)
                        });
                    if let Some(e) = acronym {
                        entity_of[i] = Some(e);
                        joined[i] = Some(("org:acronym", usize::MAX));
                        continue;
                    }
                    if let Some(&e) = org_first_word.get(fw[i][0]) {
                        entity_of[i] = Some(e);
                        joined[i] = Some(("org:short-form", usize::MAX));
                        continue;
                    }
                } else {
                    // The full form after its acronym: "IBM … International Business Machines".
                    let core = without_suffix(w, self.names);
                    if let Some(&(_, e)) = org_acronyms.iter().find(|(a, _)| acronym_fits(a, &core))
                    {
                        entity_of[i] = Some(e);
                        joined[i] = Some(("org:acronym", usize::MAX));
                        org_by_key.insert(key, e);
                        register(w, e, &mut org_long, &mut org_first_word, &mut org_by_key);
                        continue;
                    }
                }
                let e = new_entity(&mut entities, Label::Org, None);
                org_by_key.insert(key, e);
                if w.len() >= 2 {
                    register(w, e, &mut org_long, &mut org_first_word, &mut org_by_key);
                } else if Case::of(&w[0]) != Case::Title && Case::of(&w[0]) != Case::Lower {
                    // An acronym before its full form: "IBM (International Business Machines)".
                    org_acronyms.push((w[0].to_string(), e));
                }
                entity_of[i] = Some(e);
            }
        }

        // Dates, durations, products and places: one entity per value or name.
        let mut other_by_key: FastMap<(Label, String), usize> = FastMap::default();
        for i in 0..n {
            let m = &mentions[i];
            if !matches!(
                m.label,
                Label::Date | Label::Duration | Label::Product | Label::Place
            ) {
                continue;
            }
            let key = match &m.timex {
                Some(t) => {
                    let modifier = t.modifier.as_deref().unwrap_or("");
                    let mut key = String::with_capacity(t.value.len() + 1 + modifier.len());
                    key.push_str(&t.value);
                    key.push('|');
                    key.push_str(modifier);
                    key
                }
                None => fold(m.span.slice(text)),
            };
            let e = *other_by_key.entry((m.label, key)).or_insert_with(|| {
                let e = new_entity(&mut entities, m.label, None);
                entities[e].timex = m.timex.clone();
                e
            });
            entity_of[i] = Some(e);
        }

        // Names, aliases, genders.
        for (i, e) in entity_of.iter().enumerate() {
            if let Some(e) = *e {
                entities[e].mentions.push(i);
            }
        }
        for ent in entities.iter_mut() {
            let best = ent
                .mentions
                .iter()
                .copied()
                .filter(|&i| {
                    !matches!(
                        joined[i],
                        Some(("variant:phonetic" | "variant:first-name", _))
                    )
                })
                .max_by(|&a, &b| {
                    ws[a]
                        .len()
                        .cmp(&ws[b].len())
                        .then(mentions[a].span.len().cmp(&mentions[b].span.len()))
                        .then(b.cmp(&a))
                })
                .or_else(|| ent.mentions.first().copied());
            let Some(best) = best else { continue };
            // The lexicon's canonical name when the text uses it; otherwise the
            // fullest form the text uses ("Boris Yeltsin", not "Boris Eltsine").
            let fullest = clean_name(mentions[best].span.slice(text));
            ent.name = match (ent.known, ent.label) {
                (Some(k), Label::Person | Label::Org) => {
                    let canonical = &self.gazetteer.known()[k].name;
                    let key = fold(canonical);
                    if ent
                        .mentions
                        .iter()
                        .any(|&i| with_fold(mentions[i].span.slice(text), |f| f == key))
                    {
                        canonical.clone()
                    } else {
                        fullest
                    }
                }
                _ => fullest,
            };
            let mut seen: Vec<String> = vec![ent.name.clone()];
            for &i in &ent.mentions {
                let t = clean_name(mentions[i].span.slice(text));
                if seen.contains(&t) {
                    continue;
                }
                seen.push(t.clone());
                let rule = joined[i].map_or(
                    if mentions[i].known.is_some() {
                        "lexicon-alias"
                    } else {
                        "same-name"
                    },
                    |j| j.0,
                );
                ent.aliases.push(Alias {
                    text: t,
                    rule,
                    of: ent.name.clone(),
                });
            }
            if ent.label == Label::Person {
                ent.gender = ent
                    .known
                    .map(|k| self.gazetteer.known()[k].gender)
                    .filter(|&g| g != 'u')
                    .or_else(|| {
                        ent.mentions.iter().find_map(|&i| {
                            let w = &ws[i];
                            (w.len() >= 2 || mentions[i].rule == "person:first-name-only")
                                .then(|| self.names.first_name_gender(&w[0]))
                                .flatten()
                        })
                    })
                    .unwrap_or('u');
            }
        }
        // Keep entity ids dense: drop entities without mentions (cannot happen, but cheap).
        let folded = folded.clone();
        let mut references = self.pronouns(
            text, tokens, &folded, sentences, &mentions, &entity_of, &entities, lang,
        );
        references.extend(self.described(tokens, &folded, &mentions, &entities));
        references.sort_by_key(|r| r.span.start);
        Resolution {
            mentions,
            entity_of,
            entities,
            references,
            joined,
            folded,
        }
    }

    /// Descriptions ("l'homme le plus riche du monde", "the world's richest
    /// man") refer to the entity they describe when (1) that entity is named in
    /// the document and (2) the document's year, when known, lies in the
    /// description's years of validity. If several readings fit, the entity
    /// with the most mentions wins.
    // Out of line, so that profiles show the scan on its own.
    #[inline(never)]
    fn described(
        &self,
        tokens: &[Token],
        folded: &Folded,
        mentions: &[Mention],
        entities: &[Entity],
    ) -> Vec<Reference> {
        let mut out = Vec::new();
        // A description refers only to a person or organisation of the document that
        // bears the name it describes: without one, no need to read the tokens.
        let describable = |e: &Entity| {
            matches!(e.label, Label::Person | Label::Org)
                && (with_fold(&e.name, |f| self.descriptions.names.contains(f))
                    || e.aliases
                        .iter()
                        .any(|a| with_fold(&a.text, |f| self.descriptions.names.contains(f))))
        };
        if self.descriptions.by_first.is_empty() || !entities.iter().any(describable) {
            return out;
        }
        let mut covered = vec![false; tokens.len()];
        for m in mentions {
            covered[m.tokens.0..m.tokens.1]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        let named = |name: &str| -> Option<usize> {
            entities
                .iter()
                .enumerate()
                .filter(|(_, e)| matches!(e.label, Label::Person | Label::Org))
                .filter(|(_, e)| {
                    with_fold(&e.name, |f| f == name)
                        || e.aliases.iter().any(|a| with_fold(&a.text, |f| f == name))
                })
                .max_by_key(|(_, e)| e.mentions.len())
                .map(|(i, _)| i)
        };
        let mut phrase = String::new();
        // The token range whose phrase `phrase` holds: candidates of one length share it.
        let mut built = None;
        let mut i = 0;
        while i < tokens.len() {
            let first = folded.word(i);
            let cands = match self.descriptions.initials.may_start(first) {
                true => self.descriptions.by_first.get(first),
                false => None,
            };
            let Some(cands) = cands else {
                i += 1;
                continue;
            };
            let mut hit = None;
            for (key, len, readings) in cands {
                let end = i + len;
                if end > tokens.len() || covered[i..end].iter().any(|&c| c) || {
                    if built != Some((i, end)) {
                        phrase.clear();
                        phrase.push_str(folded.phrase(i, end));
                        built = Some((i, end));
                    }
                    phrase != *key
                } {
                    continue;
                }
                let best = readings
                    .iter()
                    .filter(|d| match self.doc_year {
                        Some(y) => d.from.is_none_or(|f| f <= y) && d.to.is_none_or(|t| y <= t),
                        None => true,
                    })
                    .filter_map(|d| named(&d.name))
                    .max_by_key(|&e| entities[e].mentions.len());
                if let Some(e) = best {
                    hit = Some((end, e));
                    break;
                }
            }
            match hit {
                Some((end, e)) => {
                    out.push(Reference {
                        span: Span::new(tokens[i].span.start, tokens[end - 1].span.end),
                        tokens: (i, end),
                        entity: e,
                        possessive: false,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    // Out of line, so that profiles show the scan on its own.
    #[inline(never)]
    fn pronouns(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &Folded,
        sentences: &[Sentence],
        mentions: &[Mention],
        entity_of: &[Option<usize>],
        entities: &[Entity],
        lang: Lang,
    ) -> Vec<Reference> {
        let mut out = Vec::new();
        if self.pronouns.is_empty() {
            return out;
        }
        // Token index → mention starting there.
        let mut starts: Vec<Option<usize>> = vec![None; tokens.len()];
        let mut covered = vec![false; tokens.len()];
        for (i, m) in mentions.iter().enumerate() {
            starts[m.tokens.0] = Some(i);
            covered[m.tokens.0..m.tokens.1]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        // People of the current sentence and of the last sentence that had any,
        // in text order, and mentions so far per person.
        let mut this_sentence: Vec<usize> = Vec::new();
        let mut last_sentence: Vec<usize> = Vec::new();
        let mut seen_count: FastMap<usize, usize> = FastMap::default();
        let mut last_org: Option<usize> = None;
        let mut prev_entity_end: Option<(usize, usize)> = None; // (token end, entity)
        let mut sentence = 0usize;
        // Where the current sentence ends (`sentences[sentence].last`), kept at hand.
        let sentence_end = |k: usize| sentences.get(k).map_or(usize::MAX, |s| s.last);
        let mut end = sentence_end(0);
        let mut phrase = String::new();
        let mut i = 0;
        while i < tokens.len() {
            while end <= i {
                sentence += 1;
                end = sentence_end(sentence);
                if !this_sentence.is_empty() {
                    last_sentence = std::mem::take(&mut this_sentence);
                }
            }
            if let Some(mi) = starts[i] {
                if let Some(e) = entity_of[mi] {
                    // "the eldest son of X, he joined …": X is said of someone
                    // else, who is the one the next pronoun means.
                    let kin = entities[e].label == Label::Person
                        && self
                            .names
                            .is_kin_complement(folded, mentions[mi].tokens.0, lang);
                    match entities[e].label {
                        Label::Person if kin => {}
                        Label::Person => {
                            this_sentence.push(e);
                            *seen_count.entry(e).or_default() += 1;
                        }
                        Label::Org => last_org = Some(e),
                        _ => {}
                    }
                    prev_entity_end = match entities[e].label {
                        Label::Person if kin => None,
                        Label::Person | Label::Org => Some((mentions[mi].tokens.1, e)),
                        _ => prev_entity_end,
                    };
                }
                i = mentions[mi].tokens.1.max(i + 1);
                continue;
            }
            if covered[i]
                || tokens[i].kind == TokenKind::Punct
                || !self.pronouns.may_start(folded.word_bytes(i))
            {
                i += 1;
                continue;
            }
            // The longest pronoun phrase of uncovered tokens at i (phrases built
            // word by word, as `names::phrase_of` would).
            let mut matched = None;
            phrase.clear();
            for k in 1..=self.max_pronoun_words.max(1) {
                if i + k > tokens.len() || covered[i + k - 1] {
                    break;
                }
                let t = &tokens[i + k - 1];
                if !phrase.is_empty() && !phrase.ends_with('\'') && t.kind != TokenKind::Punct {
                    phrase.push(' ');
                }
                phrase.push_str(folded.word(i + k - 1));
                match self.pronouns.prefix(&phrase) {
                    None => break,
                    Some(Some(p)) => matched = Some((k, p)),
                    Some(None) => {}
                }
            }
            let Some((k, p)) = matched else {
                i += 1;
                continue;
            };
            let next = folded.word(i + k);
            let impersonal = matches!(
                next,
                "y" | "faut"
                    | "s'"
                    | "semble"
                    | "parait"
                    | "suffit"
                    | "reste"
                    | "importe"
                    | "existe"
                    | "s'agit"
            );
            // A description followed by a name is a head ("la société Acme"), not a reference.
            // (A title is no name: "its CEO, Jane Roe".)
            let followed_by_name = tokens
                .get(i + k)
                .is_some_and(|t| t.case.is_capitalised() && t.kind == TokenKind::Word)
                && !self.names.langs[lang.index()].titles.contains_key(next);
            let target = if p.relative {
                // Only "X, qui …": the entity, a comma, then the relative pronoun.
                prev_entity_end
                    .filter(|&(end, _)| end + 1 == i && tokens[end].text(text) == ",")
                    .map(|(_, e)| e)
            } else if impersonal || followed_by_name {
                None
            } else {
                // "son fondateur", "its chief executive": a possessive before a role
                // belongs to an organisation, unless it has a gender of its own
                // ("his deputy", "her assistant": a person's).
                let before_role = p.possessive
                    && p.gender == 'u'
                    && matches!(
                        self.names.langs[lang.index()].titles.get(next),
                        Some((TitleKind::Role | TitleKind::Founder, _))
                    );
                let fits = |e: &usize| {
                    p.gender == 'u' || entities[*e].gender == 'u' || entities[*e].gender == p.gender
                };
                // An organisation: the last one named (tried: the first one of the
                // last sentence, as for people; worse on English news).
                match p.refers_to {
                    _ if before_role => last_org,
                    Some(Label::Org) => last_org,
                    // A person pronoun: the nearest person earlier in its sentence;
                    // else the first person (the subject, mostly) of the last sentence
                    // that named one; else the most mentioned person so far.
                    _ => this_sentence
                        .iter()
                        .rev()
                        .copied()
                        .find(fits)
                        .or_else(|| last_sentence.iter().copied().find(fits))
                        .or_else(|| {
                            seen_count
                                .iter()
                                .filter(|(e, _)| fits(e))
                                .max_by_key(|(e, n)| (**n, std::cmp::Reverse(**e)))
                                .map(|(e, _)| *e)
                        }),
                }
            };
            if let Some(e) = target {
                if entities[e].label == Label::Person && !p.possessive {
                    this_sentence.push(e);
                }
                out.push(Reference {
                    span: Span::new(tokens[i].span.start, tokens[i + k - 1].span.end),
                    tokens: (i, i + k),
                    entity: e,
                    possessive: p.possessive,
                });
            }
            i += k;
        }
        out
    }
}

/// The display form of a mention: without a leading honorific or a trailing possessive.
fn clean_name(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    for w in surface.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants() {
        let table = [
            ("Babushkin", "Babuschkin", true),
            ("Satskevier", "Suskever", true),
            ("Sutskever", "Suskever", true),
            ("Martin", "Morgan", false),
            ("Musk", "Mask", false), // too short
            ("Karpathy", "Kaplan", false),
            ("Dupont", "Dupond", true),
            ("Bernard", "Renard", false), // first letters differ
        ];
        for (a, b, want) in table {
            assert_eq!(is_variant(a, b), want, "{a} / {b}");
        }
    }

    #[test]
    fn folded_phrases_are_phrase_of() {
        let text = "L’homme le plus riche du MONDE, Élodie ! ÉCOLE STRAßE İZMİR \u{212A}M Ǆ";
        let tokens = crate::tokenize::tokenize(text);
        let folded = Folded::new(text, &tokens);
        for a in 0..tokens.len() {
            assert_eq!(folded.word(a), fold(tokens[a].text(text)));
            assert_eq!(folded.word_bytes(a), folded.word(a).as_bytes());
            for b in a..=tokens.len() {
                assert_eq!(
                    folded.phrase(a, b),
                    phrase_of(text, &tokens[a..b]),
                    "{a}..{b}"
                );
            }
        }
        assert_eq!(folded.word(tokens.len()), "");
        assert_eq!(folded.word(usize::MAX), "");
        assert!(folded.word_bytes(tokens.len()).is_empty());
        assert_eq!(folded.len(), tokens.len());
        let none = Folded::default();
        assert_eq!((none.len(), none.word(0)), (0, ""));
        assert_eq!(Folded::new("", &[]).len(), 0);
    }

    #[test]
    fn starts() {
        let mut set = Starts::default();
        for s in ["le groupe", "l'entreprise", "a b", "x", "élan", ""] {
            set.add(s);
        }
        for (s, want) in [
            ("le", true),
            ("les", true),
            ("la", false),
            ("l'", true),
            ("a", true),
            ("ab", false),
            ("x", true),
            ("xy", false),
            ("élite", true),
            ("é", true),
            ("è", false),
            ("e", false),
            ("", false),
        ] {
            assert_eq!(set.may_start(s.as_bytes()), want, "{s:?}");
        }
        // Never false for a word some added string starts with.
        for s in ["le groupe", "l'entreprise", "a b", "x", "élan"] {
            for (i, _) in s.char_indices().skip(1).chain([(s.len(), ' ')]) {
                assert!(set.may_start(s[..i].as_bytes()), "{:?}", &s[..i]);
            }
        }
    }

    #[test]
    fn initials() {
        let mut set = Initials::default();
        for s in ["le", "élan", "", "~x", "\u{7f}"] {
            set.add(s);
        }
        for (s, want) in [
            ("la", true),
            ("élite", true),
            ("ecole", false),
            ("", false),
            ("~", true),
            ("\u{7f}", true),
            ("?", false),
            ("z", false),
        ] {
            assert_eq!(set.may_start(s), want, "{s:?}");
        }
    }

    #[test]
    fn pronoun_prefixes() {
        let mut table = Pronouns::new();
        let p = Pronoun {
            refers_to: None,
            gender: 'u',
            possessive: false,
            relative: false,
        };
        table.insert("celle-ci".to_string(), p.clone());
        table.insert("l'entreprise".to_string(), p);
        for (s, want) in [
            ("c", true),
            ("celle", true),
            ("celle-ci", true),
            ("l'", true),
            ("cel ", false),
            ("x", false),
        ] {
            assert_eq!(table.is_prefix(s), want, "{s}");
        }
        assert!(table.get("celle").is_none() && table.get("celle-ci").is_some());
        // One lookup: not a prefix, a prefix only, a phrase.
        assert!(table.prefix("cex").is_none());
        assert!(table.prefix("celle").is_some_and(|p| p.is_none()));
        assert!(table.prefix("celle-ci").is_some_and(|p| p.is_some()));
        assert!(table.may_start(b"ces") && table.may_start(b"l'") && !table.may_start(b"x"));
        // The first two bytes: "le" starts neither "celle-ci" nor "l'entreprise".
        assert!(!table.may_start(b"le"));
        assert!(!table.may_start(b""));
    }

    #[test]
    fn acronym_table() {
        let w = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        for (acr, name, want) in [
            ("IBM", "International Business Machines", true),
            ("BoA", "Bank of America", true),
            (
                "CRIF",
                "Conseil représentatif des institutions juives de France",
                true,
            ),
            ("EADS", "European Aeronautic Defence Space", true),
            (
                "SNCF",
                "Société nationale des chemins de fer français",
                true,
            ),
            ("IBM", "Intel Business", false),
            ("AF", "Air France", true),
            ("Acme", "Alpha Corp Media Energy", false),
            ("ABC", "Alpha Beta", false),
        ] {
            assert_eq!(acronym_fits(acr, &w(name)), want, "{acr} / {name}");
        }
    }

    #[test]
    fn acronyms() {
        let w: Vec<&str> = "International Business Machines".split(' ').collect();
        assert_eq!(acronym_of(&w), "IBM");
    }
}
