//! Relations: typed, dated edges between entities, each with the sentence that
//! justifies it.
//!
//! Patterns are data (`lexicons/<lang>/relations.tsv`, format in [`pattern`]).
//! Every sentence with at least two entities is turned into items (entities,
//! resolved pronouns, words), and each pattern whose words (all its non-optional
//! ones) and slot types occur in the sentence is tried on it.
//!
//! **Dates on edges.** An edge found in a sentence takes the date mentioned in
//! that sentence nearest to the pattern's trigger word; failing that, the date
//! that opens the paragraph ("En 2015, …" as the first words of its first
//! sentence) frames every sentence of the paragraph. Vague dates
//! (`PRESENT_REF`, `PAST_REF`) are never used, and patterns flagged `state`
//! (appositions, titles: "X, PDG de Y") give undated edges.
//!
//! **Unknown names.** A capitalised run of two or three words that the
//! recognizers could not type ("Shivon Zilis") fills a PERSON slot, and so
//! becomes a PERSON entity, when a pattern's context says it is one.

pub mod pattern;

use crate::error::Result;
use crate::lang::Lang;
use crate::lexicon::LexiconSet;
use crate::recognize::Label;
use crate::recognize::names::{NameRules, TitleKind};
use crate::resolve::{Entity, Resolution};
use crate::span::Span;
use crate::text::Case;
use crate::tokenize::{Sentence, Token, TokenKind};
use foldhash::HashMap as FastMap;
pub use pattern::{Item, Pattern, RelType};
use std::borrow::Cow;
use std::collections::HashMap;

/// One piece of evidence for an edge.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// Byte span of the sentence.
    pub span: Span,
    /// Index of the sentence.
    pub sentence: usize,
    /// The rule that matched.
    pub rule: String,
    /// Its confidence.
    pub confidence: f32,
    /// The date this sentence gives the fact, if any (TIMEX3 value).
    pub date: Option<String>,
    /// True when an endpoint was a pronoun or description.
    pub via_reference: bool,
}

/// An edge: one per (type, source, target).
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// Its type.
    pub kind: RelType,
    /// Source entity.
    pub source: usize,
    /// Target entity.
    pub target: usize,
    /// All its evidence, in text order; the first is the main one.
    pub evidence: Vec<Evidence>,
}

impl Relation {
    /// The highest confidence among its evidence.
    pub fn confidence(&self) -> f32 {
        self.evidence
            .iter()
            .map(|e| e.confidence)
            .fold(0.0, f32::max)
    }

    /// The date of the fact: the first dated evidence's date.
    pub fn date(&self) -> Option<&str> {
        self.evidence.iter().find_map(|e| e.date.as_deref())
    }

    /// The rule of the main evidence.
    pub fn rule(&self) -> &str {
        self.evidence.first().map_or("", |e| e.rule.as_str())
    }
}

/// The patterns of one language, with what each one needs of a sentence, so
/// that a sentence only tries the patterns that may match in it.
#[derive(Clone, Debug, Default)]
struct LangPatterns {
    patterns: Vec<Pattern>,
    /// Every exact word alternative of the patterns (folded) → its id.
    words: FastMap<String, usize>,
    /// Every prefix alternative; prefix `k` has the id `words.len() + k`.
    prefixes: Vec<String>,
    /// The prefixes (their `k`) by first byte.
    prefixes_by_initial: Vec<Vec<usize>>,
    /// Per pattern, what a sentence needs for it to match.
    needs: Vec<Need>,
    /// Word and prefix id → the patterns whose first needed word (the rarest)
    /// it is one alternative of: a sentence's words name the only patterns
    /// worth a [`may_match`](LangPatterns::may_match).
    by_word: Vec<Vec<usize>>,
    /// The patterns that need no word.
    wordless: Vec<usize>,
}

/// What a pattern needs of a sentence.
#[derive(Clone, Debug, Default)]
struct Need {
    /// The words a match cannot do without (its non-optional words), each as
    /// the ids of its alternatives.
    words: Vec<Vec<usize>>,
    /// The types its source slot accepts.
    sources: Vec<Label>,
    /// The types its target slot accepts.
    targets: Vec<Label>,
    /// Its (source type, target type) pairs, as bits of [`slot_pairs`].
    pairs: u64,
}

/// The bit of the (source type, target type) pair `(a, b)`.
fn pair_bit(a: Label, b: Label) -> u64 {
    1 << (a as usize * LABELS + b as usize)
}

/// The (source type, target type) pairs that a sentence with `entities`
/// entities of each type (indexed by `Label as usize`) can fill: two entities
/// of the same type, or one of each.
fn slot_pairs(entities: &[usize; LABELS]) -> u64 {
    let mut pairs = 0;
    for (a, &na) in entities.iter().enumerate() {
        for (b, &nb) in entities.iter().enumerate() {
            let fits = if a == b { na >= 2 } else { na >= 1 && nb >= 1 };
            if fits {
                pairs |= 1 << (a * LABELS + b);
            }
        }
    }
    pairs
}

impl LangPatterns {
    /// Give ids to the words of the patterns and list what each pattern needs.
    fn index(&mut self) {
        for p in &self.patterns {
            for (exact, prefixes) in p.required_words() {
                for w in exact {
                    let n = self.words.len();
                    self.words.entry(w.clone()).or_insert(n);
                }
                for w in prefixes {
                    if !self.prefixes.contains(w) {
                        self.prefixes.push(w.clone());
                    }
                }
            }
        }
        self.prefixes_by_initial = vec![Vec::new(); 256];
        for (k, p) in self.prefixes.iter().enumerate() {
            if let Some(&b) = p.as_bytes().first() {
                self.prefixes_by_initial[usize::from(b)].push(k);
            }
        }
        let n = self.words.len();
        let slot = |p: &Pattern, source: bool| {
            p.elems
                .iter()
                .find_map(|e| match e {
                    pattern::Elem::Slot {
                        source: s, labels, ..
                    } if *s == source => Some(labels.clone()),
                    _ => None,
                })
                .unwrap_or_default()
        };
        self.needs = self
            .patterns
            .iter()
            .map(|p| Need {
                words: p
                    .required_words()
                    .map(|(exact, prefixes)| {
                        let exact = exact.iter().filter_map(|w| self.words.get(w).copied());
                        let prefixes = prefixes
                            .iter()
                            .filter_map(|w| self.prefixes.iter().position(|x| x == w))
                            .map(|k| n + k);
                        exact.chain(prefixes).collect()
                    })
                    .collect(),
                sources: slot(p, true),
                targets: slot(p, false),
                pairs: 0,
            })
            .collect();
        for need in &mut self.needs {
            for &a in &need.sources {
                for &b in &need.targets {
                    need.pairs |= pair_bit(a, b);
                }
            }
        }
        // Words with few alternatives first: they are the rarest, and the quickest to test.
        for need in &mut self.needs {
            need.words.sort_by_key(Vec::len);
        }
        self.by_word = vec![Vec::new(); n + self.prefixes.len()];
        self.wordless.clear();
        for (pi, need) in self.needs.iter().enumerate() {
            match need.words.first() {
                Some(ids) => ids.iter().for_each(|&id| self.by_word[id].push(pi)),
                None => self.wordless.push(pi),
            }
        }
    }

    /// Mark in `present` (one flag per word and prefix id, all false on entry)
    /// the ids of the words of a sentence, and list them in `marked`.
    fn mark_words<'w>(
        &self,
        words: impl Iterator<Item = &'w str>,
        present: &mut [bool],
        marked: &mut Vec<usize>,
    ) {
        let n = self.words.len();
        let mut mark = |id: usize| {
            if !present[id] {
                present[id] = true;
                marked.push(id);
            }
        };
        for w in words {
            if let Some(&id) = self.words.get(w) {
                mark(id);
            }
            let same_initial = w
                .as_bytes()
                .first()
                .map(|&b| &self.prefixes_by_initial[usize::from(b)]);
            for &k in same_initial.into_iter().flatten() {
                if w.starts_with(self.prefixes[k].as_str()) {
                    mark(n + k);
                }
            }
        }
    }

    /// Flag in `candidates` (one per pattern) the patterns that [`may_match`]
    /// can accept once the words `marked` are present: those listed under one of
    /// them in `by_word`, and those that need no word. (A pattern that may match
    /// has one alternative of its first needed word present.)
    ///
    /// [`may_match`]: LangPatterns::may_match
    fn candidates(&self, marked: &[usize], candidates: &mut [bool]) {
        candidates.iter_mut().for_each(|c| *c = false);
        for &pi in &self.wordless {
            candidates[pi] = true;
        }
        for &id in marked {
            for &pi in &self.by_word[id] {
                candidates[pi] = true;
            }
        }
    }

    /// Can pattern `pi` match a sentence with these words (`present`) and
    /// entities that can fill these slot type pairs (`pairs`, from
    /// [`slot_pairs`])? Its source and target slots need two entities of their
    /// types, and every word it needs must occur.
    fn may_match(&self, pi: usize, present: &[bool], pairs: u64) -> bool {
        let need = &self.needs[pi];
        need.pairs & pairs != 0
            && need
                .words
                .iter()
                .all(|ids| ids.iter().any(|&id| present[id]))
    }
}

/// The compiled relation rules of both languages.
#[derive(Clone, Debug)]
pub struct RelationRules {
    langs: Vec<LangPatterns>,
}

impl RelationRules {
    /// Compile `lexicons/<lang>/relations.tsv`. Duplicate rule ids: the last wins
    /// (so a user file can replace a built-in rule).
    ///
    /// Word classes for `@name` elements come from `titles.tsv`: `@role`,
    /// `@founder`, `@honorific`, `@kin` (each title's first word, folded).
    pub fn from_lexicons(set: &LexiconSet, names: &NameRules) -> Result<RelationRules> {
        let mut langs = Vec::new();
        for lang in Lang::ALL {
            let mut lp = LangPatterns::default();
            let mut ids: HashMap<String, usize> = HashMap::new();
            let mut classes: HashMap<String, Vec<String>> = HashMap::new();
            for (title, (kind, _)) in &names.langs[lang.index()].titles {
                let class = match kind {
                    TitleKind::Role => "role",
                    TitleKind::Founder => "founder",
                    TitleKind::Honorific => "honorific",
                    TitleKind::Kin => "kin",
                };
                let first = title
                    .split(' ')
                    .next()
                    .unwrap_or(title)
                    .trim_end_matches('.')
                    .to_string();
                let v = classes.entry(class.to_string()).or_default();
                if !v.contains(&first) {
                    v.push(first);
                }
            }
            for row in set.rows(lang.code(), "relations.tsv") {
                let p = Pattern::parse(row, &classes)?;
                if let Some(&i) = ids.get(&p.id) {
                    lp.patterns[i] = p;
                } else {
                    ids.insert(p.id.clone(), lp.patterns.len());
                    lp.patterns.push(p);
                }
            }
            lp.index();
            langs.push(lp);
        }
        Ok(RelationRules { langs })
    }

    /// The patterns of a language.
    pub fn patterns(&self, lang: Lang) -> &[Pattern] {
        &self.langs[lang.index()].patterns
    }

    /// Find the relations of a resolved document. May promote unknown names to
    /// PERSON entities (added to `res.entities`).
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        res: &mut Resolution,
        names: &NameRules,
        lang: Lang,
    ) -> Vec<Relation> {
        let lp = &self.langs[lang.index()];
        // Token → (mention index) at its start; token → reference at its start.
        // (Vectors indexed by token: the last one inserted wins, as in a map.)
        let mut mention_at: Vec<Option<usize>> = vec![None; tokens.len()];
        for (i, m) in res.mentions.iter().enumerate() {
            if let Some(slot) = mention_at.get_mut(m.tokens.0) {
                *slot = Some(i);
            }
        }
        let mut ref_at: Vec<Option<usize>> = vec![None; tokens.len()];
        for (i, r) in res.references.iter().enumerate() {
            if let Some(slot) = ref_at.get_mut(r.tokens.0) {
                *slot = Some(i);
            }
        }
        let dates = sentence_dates(sentences, res);
        // Items borrow the folded tokens while `res` changes (promotions): they
        // are taken out of it, and put back at the end.
        let folded = match std::mem::take(&mut res.folded) {
            f if f.len() == tokens.len() => f,
            _ => crate::tokenize::Folded::new(text, tokens),
        };
        let mut out: Vec<Relation> = Vec::new();
        let mut index: FastMap<(RelType, usize, usize), usize> = FastMap::default();
        let mut promoted: FastMap<String, usize> = FastMap::default();
        let mut present = vec![false; lp.words.len() + lp.prefixes.len()];
        let mut marked: Vec<usize> = Vec::new();
        let mut candidates = vec![false; lp.patterns.len()];
        let mut entities = [0usize; LABELS];
        // Items of a sentence, their tokens and sources (buffers reused sentence after
        // sentence, made once as long as the longest sentence).
        let longest = sentences
            .iter()
            .map(|s| s.last.saturating_sub(s.first))
            .max();
        let longest = longest.unwrap_or(0).min(tokens.len());
        let mut items: Vec<Item> = Vec::with_capacity(longest);
        let mut item_tok: Vec<usize> = Vec::with_capacity(longest);
        let mut item_src: Vec<Src> = Vec::with_capacity(longest);
        for (si, s) in sentences.iter().enumerate() {
            // Every pattern relates two entities: a sentence with fewer than two
            // mentions or references that may be people or organisations has no edge.
            let slot_fillers = (s.first..s.last.min(tokens.len()))
                .filter(|&i| {
                    ref_at[i].is_some()
                        || mention_at[i].is_some_and(|mi| {
                            res.entity_of[mi].is_none_or(|e| {
                                matches!(res.entities[e].label, Label::Person | Label::Org)
                            })
                        })
                })
                .count();
            if slot_fillers < 2 {
                continue;
            }
            // Items of the sentence.
            items.clear();
            item_tok.clear();
            item_src.clear();
            let mut i = s.first;
            while i < s.last {
                // A mention is one item; an untyped name that context cannot make a
                // person stays plain words ("Fondée" at the start of a sentence).
                let mention = mention_at.get(i).copied().flatten().and_then(|mi| {
                    let m = &res.mentions[mi];
                    match res.entity_of[mi] {
                        // "the son of X": X fills no slot of this sentence's verbs.
                        Some(e)
                            if res.entities[e].label == Label::Person
                                && names.is_kin_complement(&folded, m.tokens.0, lang) =>
                        {
                            None
                        }
                        Some(e) => Some((mi, res.entities[e].label, Src::Entity(e))),
                        None if promotable(text, tokens, m.tokens, names, lang) => {
                            Some((mi, Label::Person, Src::Unknown(mi)))
                        }
                        // One unknown word ("Initech left Globex"): an ORG slot may take it,
                        // unless it starts the sentence ("Fondée en 1958 par …").
                        None if m.tokens.0 != s.first
                            && org_promotable(text, tokens, m.tokens, names) =>
                        {
                            Some((mi, Label::Org, Src::Unknown(mi)))
                        }
                        None => None,
                    }
                });
                if let Some((mi, label, src)) = mention {
                    let m = &res.mentions[mi];
                    let id = match src {
                        Src::Entity(e) | Src::Reference(e) => e,
                        Src::Unknown(mi) | Src::Word(mi) => usize::MAX - mi,
                    };
                    items.push(Item::Entity {
                        id,
                        label,
                        weak: false,
                    });
                    item_tok.push(i);
                    item_src.push(src);
                    i = m.tokens.1.max(i + 1);
                    continue;
                }
                if let Some(&Some(ri)) = ref_at.get(i) {
                    let r = &res.references[ri];
                    let e = r.entity;
                    // A pronoun or description fills a slot but never blocks a gap.
                    items.push(Item::Entity {
                        id: e,
                        label: res.entities[e].label,
                        weak: true,
                    });
                    item_tok.push(i);
                    item_src.push(Src::Reference(e));
                    i = r.tokens.1.max(i + 1);
                    continue;
                }
                items.push(Item::Word(Cow::Borrowed(folded.word(i))));
                item_tok.push(i);
                item_src.push(Src::Word(i));
                i += 1;
            }
            // The patterns worth trying: those whose words and entity types occur.
            marked.iter().for_each(|&id| present[id] = false);
            marked.clear();
            lp.mark_words(
                items.iter().filter_map(|it| match it {
                    Item::Word(w) => Some(w.as_ref()),
                    Item::Entity { .. } => None,
                }),
                &mut present,
                &mut marked,
            );
            lp.candidates(&marked, &mut candidates);
            entities.iter_mut().for_each(|n| *n = 0);
            for it in &items {
                if let Item::Entity { label, .. } = it {
                    entities[*label as usize] += 1;
                }
            }
            let pairs = slot_pairs(&entities);
            for pi in 0..lp.patterns.len() {
                if !candidates[pi] || !lp.may_match(pi, &present, pairs) {
                    continue;
                }
                let p = &lp.patterns[pi];
                for m in p.find(&items) {
                    let via_reference = m
                        .sources
                        .iter()
                        .chain(&m.targets)
                        .any(|&x| matches!(item_src[x], Src::Reference(_)));
                    let anchor_tok = item_tok[m.anchor];
                    let date = if p.state {
                        None
                    } else {
                        dates
                            .nearest(si, anchor_tok)
                            .or_else(|| dates.frame[si].clone())
                    };
                    let mut resolve = |x: usize, res: &mut Resolution| -> Option<usize> {
                        match item_src[x] {
                            Src::Entity(e) | Src::Reference(e) => Some(e),
                            Src::Unknown(mi) => {
                                let label = match &items[x] {
                                    Item::Entity { label, .. } => *label,
                                    Item::Word(_) => Label::Person,
                                };
                                Some(promote(text, mi, res, &mut promoted, label))
                            }
                            Src::Word(_) => None,
                        }
                    };
                    let sources: Vec<usize> =
                        m.sources.iter().filter_map(|&x| resolve(x, res)).collect();
                    let targets: Vec<usize> =
                        m.targets.iter().filter_map(|&x| resolve(x, res)).collect();
                    for &a in &sources {
                        for &b in &targets {
                            if a == b || !types_fit(p.kind, &res.entities[a], &res.entities[b]) {
                                continue;
                            }
                            let key = if p.kind.symmetric() {
                                (p.kind, a.min(b), a.max(b))
                            } else {
                                (p.kind, a, b)
                            };
                            let ev = Evidence {
                                span: s.span,
                                sentence: si,
                                rule: p.id.clone(),
                                confidence: if via_reference {
                                    p.confidence * 0.85
                                } else {
                                    p.confidence
                                },
                                date: date.clone(),
                                via_reference,
                            };
                            match index.get(&key) {
                                Some(&ri) => {
                                    let r: &mut Relation = &mut out[ri];
                                    if !r.evidence.iter().any(|e| e.sentence == si) {
                                        r.evidence.push(ev);
                                    } else if let Some(old) =
                                        r.evidence.iter_mut().find(|e| e.sentence == si)
                                    {
                                        if ev.confidence > old.confidence {
                                            *old = ev;
                                        }
                                    }
                                }
                                None => {
                                    index.insert(key, out.len());
                                    out.push(Relation {
                                        kind: p.kind,
                                        source: a,
                                        target: b,
                                        evidence: vec![ev],
                                    });
                                }
                            }
                        }
                    }
                }
            }
        }
        res.folded = folded;
        out
    }
}

/// The number of entity types (`Label as usize` is below it).
const LABELS: usize = Label::Unknown as usize + 1;

#[derive(Clone, Copy, Debug)]
enum Src {
    Entity(usize),
    Reference(usize),
    Unknown(usize),
    Word(usize),
}

fn types_fit(kind: RelType, a: &Entity, b: &Entity) -> bool {
    use Label::*;
    match kind {
        RelType::WorkedAt | RelType::Founded | RelType::Left => a.label == Person && b.label == Org,
        RelType::Acquired => matches!(a.label, Org | Person) && b.label == Org,
        RelType::FellOutWith => matches!(
            (a.label, b.label),
            (Person, Person) | (Person, Org) | (Org, Person)
        ),
    }
}

/// A run that may become a PERSON by context: two or three title-case words, not a place.
fn promotable(
    text: &str,
    tokens: &[Token],
    (a, b): (usize, usize),
    names: &NameRules,
    lang: Lang,
) -> bool {
    let words: Vec<&Token> = tokens[a..b]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    // Its first word is not a demonym or adjective ("Japanese Politics").
    let first = words
        .first()
        .map(|t| crate::text::fold(t.text(text)))
        .unwrap_or_default();
    (2..=3).contains(&words.len())
        && words.iter().all(|t| t.case == Case::Title)
        && !crate::recognize::names::looks_like_demonym(&first)
        && !names.is_place(Span::new(tokens[a].span.start, tokens[b - 1].span.end).slice(text))
        // Not after an article ("formed by the White Nile").
        && !(a > 0 && names.is_determiner(lang, tokens[a - 1].text(text)))
}

/// One capitalised word that is no first name, place or capitalised non-name
/// ("Initech", "Hooli"): an ORG slot of a pattern may type it ORG.
fn org_promotable(text: &str, tokens: &[Token], (a, b): (usize, usize), names: &NameRules) -> bool {
    let words: Vec<&Token> = tokens[a..b]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    let [w] = words.as_slice() else { return false };
    let s = w.text(text);
    // Not after a preposition of place ("of Brookeborough", "à Tulle"), and not
    // a demonym or a party adjective ("Zambian", "Liberal").
    let prev = a
        .checked_sub(1)
        .map(|p| crate::text::fold(tokens[p].text(text)));
    if matches!(
        prev.as_deref(),
        Some("of" | "in" | "de" | "du" | "d'" | "en" | "à")
    ) {
        return false;
    }
    let f = crate::text::fold(s);
    if crate::recognize::names::looks_like_demonym(&f) || f.ends_with("al") {
        return false;
    }
    matches!(w.case, Case::Title | Case::Mixed)
        && s.chars().count() >= 3
        && !names.is_place(s)
        && !names.is_not_name(s)
        && names.first_name_gender(s).is_none()
}

fn promote(
    text: &str,
    mi: usize,
    res: &mut Resolution,
    promoted: &mut FastMap<String, usize>,
    label: Label,
) -> usize {
    let rule = if label == Label::Org {
        "org:relation-context"
    } else {
        "person:relation-context"
    };
    let name = res.mentions[mi].span.slice(text).to_string();
    let key = crate::text::fold(&name);
    if let Some(&e) = promoted.get(&key) {
        if !res.entities[e].mentions.contains(&mi) {
            res.entities[e].mentions.push(mi);
            res.entities[e].mentions.sort_unstable();
        }
        res.entity_of[mi] = Some(e);
        res.mentions[mi].label = res.entities[e].label;
        return e;
    }
    // Every other mention of the same name joins too.
    let same: Vec<usize> = (0..res.mentions.len())
        .filter(|&j| {
            res.entity_of[j].is_none() && crate::text::fold(res.mentions[j].span.slice(text)) == key
        })
        .collect();
    let e = res.entities.len();
    for &j in &same {
        res.entity_of[j] = Some(e);
        res.mentions[j].label = label;
        res.mentions[j].rule = rule;
    }
    res.entities.push(Entity {
        label,
        name,
        mentions: same,
        aliases: Vec::new(),
        gender: 'u',
        known: None,
        timex: None,
    });
    promoted.insert(key, e);
    e
}

struct SentenceDates {
    /// Per sentence: (token index, value) of its dates.
    dates: Vec<Vec<(usize, String)>>,
    /// Per sentence: the paragraph's framing date.
    frame: Vec<Option<String>>,
}

impl SentenceDates {
    fn nearest(&self, si: usize, tok: usize) -> Option<String> {
        self.dates[si]
            .iter()
            .min_by_key(|(t, _)| t.abs_diff(tok))
            .map(|(_, v)| v.clone())
    }
}

fn sentence_dates(sentences: &[Sentence], res: &Resolution) -> SentenceDates {
    let mut dates = vec![Vec::new(); sentences.len()];
    let mut opening: Vec<Option<String>> = vec![None; sentences.len()];
    let mut si = 0;
    for m in &res.mentions {
        if m.label != Label::Date {
            continue;
        }
        while si < sentences.len() && sentences[si].last <= m.tokens.0 {
            si += 1;
        }
        if si >= sentences.len() {
            break;
        }
        if let Some(t) = m.timex.as_ref().filter(|t| !t.value.ends_with("_REF")) {
            dates[si].push((m.tokens.0, t.value.clone()));
            // A date in the first three tokens opens the sentence's time frame.
            if m.tokens.0 < sentences[si].first + 3 && opening[si].is_none() {
                opening[si] = Some(t.value.clone());
            }
        }
    }
    let mut frame = vec![None; sentences.len()];
    let mut current: (usize, Option<String>) = (usize::MAX, None);
    for (i, s) in sentences.iter().enumerate() {
        if s.paragraph != current.0 {
            current = (s.paragraph, opening[i].clone());
        }
        frame[i] = current.1.clone();
    }
    SentenceDates { dates, frame }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    #[test]
    fn only_patterns_whose_words_and_slots_occur_are_tried() {
        let path: Arc<Path> = Arc::from(Path::new("r.tsv"));
        let rows = crate::lexicon::parse(
            &path,
            "FOUNDED\ta\t0.9\tS:PER a? fondé|créé T:ORG\nLEFT\tb\t0.9\tS:PER ~3 quitt* T:ORG|PER\n",
        )
        .unwrap();
        let mut lp = LangPatterns::default();
        for row in &rows {
            lp.patterns
                .push(Pattern::parse(row, &HashMap::new()).unwrap());
        }
        lp.index();
        let mut entities = [0usize; LABELS];
        entities[Label::Person as usize] = 2;
        for (words, want) in [
            ("il a fonde", [true, false]),
            ("il a quitte", [false, true]),
            ("cree quittant", [true, true]),
            ("il a", [false, false]),
        ] {
            let mut present = vec![false; lp.words.len() + lp.prefixes.len()];
            let mut marked = Vec::new();
            // (Sentence words are folded, as the patterns' are.)
            lp.mark_words(words.split(' '), &mut present, &mut marked);
            let mut candidates = vec![false; lp.patterns.len()];
            lp.candidates(&marked, &mut candidates);
            // A pattern that may match is a candidate.
            for pi in 0..2 {
                assert!(
                    candidates[pi] || !lp.may_match(pi, &present, !0),
                    "{words} {pi}"
                );
            }
            // Two people: only the second pattern's slots fit.
            assert!(!lp.may_match(0, &present, slot_pairs(&entities)));
            entities[Label::Org as usize] = 1;
            assert_eq!(
                [0, 1].map(|pi| lp.may_match(pi, &present, slot_pairs(&entities))),
                want,
                "{words}"
            );
            entities[Label::Org as usize] = 0;
        }
    }
    #[test]
    fn slot_pairs_fit_as_counted() {
        const ALL: [Label; LABELS] = [
            Label::Person,
            Label::Org,
            Label::Date,
            Label::Duration,
            Label::Product,
            Label::Place,
            Label::Unknown,
        ];
        // Every sentence with 0, 1 or 2 entities of each type.
        for code in 0..3usize.pow(LABELS as u32) {
            let mut entities = [0usize; LABELS];
            let mut c = code;
            for n in &mut entities {
                *n = c % 3;
                c /= 3;
            }
            let pairs = slot_pairs(&entities);
            for a in ALL {
                for b in ALL {
                    let (na, nb) = (entities[a as usize], entities[b as usize]);
                    let fits = if a == b { na >= 2 } else { na >= 1 && nb >= 1 };
                    assert_eq!(
                        pairs & pair_bit(a, b) != 0,
                        fits,
                        "{entities:?} {a:?} {b:?}"
                    );
                }
            }
        }
    }
}
