//! Corpus graphs: the graphs of many documents merged into one.
//!
//! A merged [`Document`] has one node per person, organisation, date or
//! product across the corpus, and keeps every mention and every piece of
//! evidence with the id of the document it came from (the `doc` fields of
//! [`MentionOut`] and [`EvidenceOut`]).
//!
//! ## When two entities are one
//!
//! Entities of the same type join when they share a *key*; joining is
//! transitive (connected components). The keys follow the notions of
//! [`crate::resolve`]:
//!
//! - **PERSON**: a full name of two words or more, folded (case, accents) and
//!   without leading honorifics (`titles.tsv`, kind `honorific`), from the
//!   entity's name or from an alias that some rule other than a partial one
//!   (`surname`, `first-name`) joined. So "Elon Musk" and "ELON MUSK" are one
//!   node, and "Kimball Musk" stays apart from "Elon Musk" although both have
//!   "Musk" among their aliases. An entity known only by one word ("Musk")
//!   joins other one-word entities with that word, never a full name: the word
//!   alone does not say which Musk.
//! - **ORG**: the folded name or alias without company suffix
//!   (`org_suffixes.txt`) and punctuation, as resolve's `org:suffix` rule, but
//!   not an alias joined as a short form (`org:short-form`: "Google" for
//!   "Google DeepMind").
//! - **DATE, DURATION**: the same TIMEX3 value and mod, when the value is
//!   complete; a value with unknown parts (`XXXX-07-13`) stays in its document.
//! - **other types** (PRODUCT, LOC): the folded name or an alias.
//!
//! ## Canonical form
//!
//! The output depends only on the *set* of inputs, never on their order or
//! grouping: `merge(a, merge(b, c))`, `merge(merge(a, b), c)` and the merge of
//! any permutation are equal byte for byte once serialised, so the merge is a
//! reduce step that can run in any grouping. To that end every field is a set
//! union or a join in a small lattice:
//!
//! - the name of a merged entity is the fullest of its documents' names (most
//!   words, then most characters, then not in capitals, then the smallest string); the other names
//!   become aliases with the rule `corpus:name`, so a merged graph can be
//!   merged again;
//! - mentions, references and evidence are sorted by document id (its JSON
//!   text), then offsets; entities by their first mention, then type and name;
//!   ids are given in that order (`e…` people and organisations, `d…` dates,
//!   `x…` others);
//! - a relation's main evidence is the one with the highest confidence (ties:
//!   the first in canonical order); it carries its rule, confidence and date
//!   itself, and the relation's `rule`, `confidence` and `date` are its;
//!   symmetric relations (FELL_OUT_WITH) go from the entity with the smaller id;
//! - `gender`: the one gender the documents give, `"u"` when they disagree;
//!   `lang` and `doc_date`: the common value, else `"mul"` and none.
//!
//! ```
//! use nergraph::{Extractor, Options, merge::Merger};
//! let ex = Extractor::builtin()?;
//! let mut a = ex.extract("Marc Durand a fondé Globex SA.", &Options::default())?;
//! let mut b = ex.extract("Le PDG de Globex, Marc Durand, a quitté Globex.", &Options::default())?;
//! a.id = Some("a".into());
//! b.id = Some("b".into());
//! let merger = Merger::builtin()?;
//! let corpus = merger.merge([&a, &b]);
//! assert_eq!(corpus.entities.iter().filter(|e| e.name == "Marc Durand").count(), 1);
//! assert_eq!(corpus.to_json_pretty(), merger.merge([&b, &a]).to_json_pretty());
//! # Ok::<(), nergraph::Error>(())
//! ```

use crate::document::{AliasOut, Document, EntityOut, EvidenceOut, MentionOut, RelationOut};
use crate::error::Result;
use crate::lexicon::LexiconSet;
use crate::text::fold;
use serde_json::Value;
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The rule given to the names of merged entities other than the chosen one.
pub const CORPUS_NAME: &str = "corpus:name";

/// Alias rules that join a part of a name: such an alias is not a key.
const PARTIAL_RULES: &[&str] = &["surname", "first-name", "org:short-form"];

/// Merges documents into corpus graphs. Built once from the lexicons.
#[derive(Clone, Debug, Default)]
pub struct Merger {
    suffixes: HashSet<String>,
    honorifics: HashSet<String>,
}

impl Merger {
    /// A merger on the built-in lexicons.
    pub fn builtin() -> Result<Merger> {
        Merger::from_lexicons(&LexiconSet::builtin()?)
    }

    /// A merger on a lexicon set (company suffixes, honorifics).
    pub fn from_lexicons(set: &LexiconSet) -> Result<Merger> {
        let mut suffixes = HashSet::new();
        for row in set.rows("common", "org_suffixes.txt") {
            suffixes.insert(strip_dot(row.field(0, "a company suffix")?));
        }
        let mut honorifics = HashSet::new();
        for part in ["fr", "en"] {
            for row in set.rows(part, "titles.tsv") {
                if row.opt(1) == "honorific" {
                    for w in row.field(0, "a title")?.split_whitespace() {
                        honorifics.insert(strip_dot(w));
                    }
                }
            }
        }
        Ok(Merger {
            suffixes,
            honorifics,
        })
    }

    /// An empty corpus to add documents to.
    pub fn corpus(&self) -> Corpus<'_> {
        Corpus {
            merger: self,
            parts: Vec::new(),
            relations: Vec::new(),
            lang: None,
            doc_date: None,
            documents: 0,
        }
    }

    /// Merge `docs` into one corpus graph.
    pub fn merge<'d>(&self, docs: impl IntoIterator<Item = &'d Document>) -> Document {
        let mut c = self.corpus();
        for d in docs {
            c.add(d);
        }
        c.finish()
    }

    /// The keys of an entity (see the module doc).
    fn keys(&self, p: &Part) -> Vec<String> {
        let mut keys = Vec::new();
        let key_alias = |text: &str| {
            p.alias_rules
                .iter()
                .any(|a| a.text == text && !PARTIAL_RULES.contains(&a.rule.as_str()))
        };
        let forms = p
            .names
            .iter()
            .map(|n| (n, true))
            .chain(p.aliases.iter().map(|a| (a, false)));
        match p.kind.as_str() {
            "PERSON" => {
                for (form, is_name) in forms {
                    if !is_name && !key_alias(form) {
                        continue;
                    }
                    let mut ws: Vec<&str> = form.split_whitespace().collect();
                    while ws.len() > 1 && self.honorifics.contains(&strip_dot(ws[0])) {
                        ws.remove(0);
                    }
                    match ws.len() {
                        0 => {}
                        1 if is_name => keys.push(format!("P1\t{}", fold(ws[0]))),
                        1 => {}
                        _ => keys.push(format!("P\t{}", fold(&ws.join(" ")))),
                    }
                }
            }
            "ORG" => {
                for (form, is_name) in forms {
                    if !is_name && !key_alias(form) {
                        continue;
                    }
                    let mut ws: Vec<&str> = form.split_whitespace().collect();
                    while ws.len() > 1 && self.suffixes.contains(&strip_dot(ws[ws.len() - 1])) {
                        ws.pop();
                    }
                    let k: String = fold(&ws.join(" "))
                        .chars()
                        .filter(|c| c.is_alphanumeric())
                        .collect();
                    if !k.is_empty() {
                        keys.push(format!("O\t{k}"));
                    }
                }
            }
            "DATE" | "DURATION" => {
                let value = p.value.as_deref().unwrap_or("");
                let modifier = p.modifier.as_deref().unwrap_or("");
                if !value.is_empty() && !value.contains('X') {
                    keys.push(format!("D\t{}\t{value}\t{modifier}", p.kind));
                } else {
                    // Incomplete: only within its document.
                    let doc = p.mentions.first().map_or(String::new(), |m| m.0.clone());
                    for n in &p.names {
                        keys.push(format!(
                            "D\t{}\t{value}\t{modifier}\t{doc}\t{}",
                            p.kind,
                            fold(n)
                        ));
                    }
                }
            }
            kind => {
                for (form, _) in forms {
                    keys.push(format!("X\t{kind}\t{}", fold(form)));
                }
            }
        }
        keys
    }
}

/// A corpus being merged: add documents, then [`Corpus::finish`].
#[derive(Debug)]
pub struct Corpus<'m> {
    merger: &'m Merger,
    parts: Vec<Part>,
    relations: Vec<RelPart>,
    lang: Option<String>,
    doc_date: Option<Option<String>>,
    documents: usize,
}

/// One input entity, as sets.
#[derive(Debug, Default)]
struct Part {
    kind: String,
    names: BTreeSet<String>,
    aliases: BTreeSet<String>,
    alias_rules: BTreeSet<AliasKey>,
    value: Option<String>,
    modifier: Option<String>,
    gender: Option<String>,
    mentions: Vec<Keyed<MentionOut>>,
    references: Vec<Keyed<MentionOut>>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct AliasKey {
    text: String,
    rule: String,
    of: String,
}

/// A value with the sort key of its document id.
#[derive(Clone, Debug)]
struct Keyed<T>(String, T);

#[derive(Debug)]
struct RelPart {
    kind: String,
    source: usize,
    target: usize,
    evidence: Vec<Keyed<EvidenceOut>>,
}

/// The sort key of a document id: its JSON text ("" for none).
fn doc_key(doc: &Option<Value>) -> String {
    match doc {
        None | Some(Value::Null) => String::new(),
        Some(v) => v.to_string(),
    }
}

fn strip_dot(w: &str) -> String {
    fold(w.trim_end_matches('.'))
}

fn mention_cmp(a: &Keyed<MentionOut>, b: &Keyed<MentionOut>) -> Ordering {
    (&a.0, a.1.start, a.1.end, &a.1.text, a.1.sentence, &a.1.rule).cmp(&(
        &b.0,
        b.1.start,
        b.1.end,
        &b.1.text,
        b.1.sentence,
        &b.1.rule,
    ))
}

fn evidence_cmp(a: &Keyed<EvidenceOut>, b: &Keyed<EvidenceOut>) -> Ordering {
    (&a.0, a.1.start, a.1.end, &a.1.text, &a.1.rule, &a.1.date)
        .cmp(&(&b.0, b.1.start, b.1.end, &b.1.text, &b.1.rule, &b.1.date))
        .then_with(|| {
            let c = |e: &EvidenceOut| e.confidence.unwrap_or(0.0);
            c(&a.1).total_cmp(&c(&b.1))
        })
}

/// Sort and remove exact duplicates.
fn canonical<T: PartialEq>(v: &mut Vec<Keyed<T>>, cmp: fn(&Keyed<T>, &Keyed<T>) -> Ordering) {
    v.sort_by(cmp);
    v.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
}

/// Join of two values in the lattice none < value < conflict.
fn join(a: &mut Option<String>, b: Option<&str>, conflict: &str) {
    match (a.as_deref(), b) {
        (_, None) => {}
        (None, Some(b)) => *a = Some(b.to_string()),
        (Some(x), Some(y)) if x == y => {}
        _ => *a = Some(conflict.to_string()),
    }
}

/// Fullest name first: most words, most characters, not all capitals ("Epinal"
/// before "EPINAL"), then the smallest string.
fn fuller(a: &str, b: &str) -> Ordering {
    let words = |s: &str| s.split_whitespace().count();
    let shouting = |s: &str| {
        s.chars().filter(|c| c.is_alphabetic()).count() > 1 && !s.chars().any(char::is_lowercase)
    };
    words(b)
        .cmp(&words(a))
        .then(b.chars().count().cmp(&a.chars().count()))
        .then(shouting(a).cmp(&shouting(b)))
        .then(a.cmp(b))
}

impl Corpus<'_> {
    /// The number of documents added.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// Add a document (a single document's graph, or a corpus graph).
    pub fn add(&mut self, doc: &Document) {
        self.documents += 1;
        join(&mut self.lang, Some(&doc.lang), "mul");
        self.doc_date = Some(match self.doc_date.take() {
            None => doc.doc_date.clone(),
            Some(d) if d == doc.doc_date => d,
            Some(_) => None,
        });
        let tag = |d: &Option<Value>| d.clone().or_else(|| doc.id.clone());
        let keyed = |m: &MentionOut| {
            let mut m = m.clone();
            m.doc = tag(&m.doc).filter(|v| !v.is_null());
            Keyed(doc_key(&m.doc), m)
        };
        let mut index: HashMap<&str, usize> = HashMap::new();
        for e in &doc.entities {
            let mut p = Part {
                kind: e.kind.clone(),
                value: e.value.clone(),
                modifier: e.modifier.clone(),
                gender: e.gender.clone(),
                ..Part::default()
            };
            p.names.insert(e.name.clone());
            for a in &e.alias_rules {
                if a.rule == CORPUS_NAME {
                    p.names.insert(a.text.clone());
                } else {
                    p.alias_rules.insert(AliasKey {
                        text: a.text.clone(),
                        rule: a.rule.clone(),
                        of: a.of.clone(),
                    });
                }
            }
            for a in &e.aliases {
                if p.names.contains(a) {
                    continue;
                }
                // An alias no rule explains keeps that fact, so that merges stay associative.
                if !p.alias_rules.iter().any(|r| &r.text == a) {
                    p.alias_rules.insert(AliasKey {
                        text: a.clone(),
                        rule: "unknown".into(),
                        of: e.name.clone(),
                    });
                }
                p.aliases.insert(a.clone());
            }
            p.mentions = e.mentions.iter().map(keyed).collect();
            p.references = e.references.iter().map(keyed).collect();
            index.insert(&e.id, self.parts.len());
            self.parts.push(p);
        }
        for r in &doc.relations {
            let (Some(&source), Some(&target)) =
                (index.get(r.source.as_str()), index.get(r.target.as_str()))
            else {
                continue;
            };
            let mut main = r.evidence.clone();
            if main.rule.is_none() {
                // A single document's main evidence: its rule, confidence and date are the relation's.
                main.rule = Some(r.rule.clone());
                main.confidence = Some(r.confidence);
                main.date = r.date.clone();
            }
            let mut evidence = vec![main];
            evidence.extend(r.more_evidence.iter().cloned());
            let evidence = evidence
                .into_iter()
                .map(|mut e| {
                    e.doc = tag(&e.doc).filter(|v| !v.is_null());
                    Keyed(doc_key(&e.doc), e)
                })
                .collect();
            self.relations.push(RelPart {
                kind: r.kind.clone(),
                source,
                target,
                evidence,
            });
        }
    }

    /// The corpus graph.
    pub fn finish(self) -> Document {
        let Corpus {
            merger,
            parts,
            relations,
            lang,
            doc_date,
            ..
        } = self;
        // Connected components over shared keys.
        let mut parent: Vec<usize> = (0..parts.len()).collect();
        fn find(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut by_key: HashMap<(String, String), usize> = HashMap::new();
        for (i, p) in parts.iter().enumerate() {
            for k in merger.keys(p) {
                match by_key.entry((p.kind.clone(), k)) {
                    std::collections::hash_map::Entry::Occupied(o) => {
                        let (a, b) = (find(&mut parent, *o.get()), find(&mut parent, i));
                        if a != b {
                            parent[a.max(b)] = a.min(b);
                        }
                    }
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(i);
                    }
                }
            }
        }
        let mut group_of = vec![usize::MAX; parts.len()];
        let mut groups: Vec<Part> = Vec::new();
        for (i, p) in parts.into_iter().enumerate() {
            let root = find(&mut parent, i);
            if group_of[root] == usize::MAX {
                group_of[root] = groups.len();
                groups.push(Part {
                    kind: p.kind.clone(),
                    ..Part::default()
                });
            }
            let g = group_of[root];
            group_of[i] = g;
            let m = &mut groups[g];
            m.names.extend(p.names);
            m.aliases.extend(p.aliases);
            m.alias_rules.extend(p.alias_rules);
            join(&mut m.gender, p.gender.as_deref(), "u");
            if p.value.is_some() && (m.value.is_none() || p.value < m.value) {
                m.value = p.value;
            }
            if p.modifier.is_some() && (m.modifier.is_none() || p.modifier < m.modifier) {
                m.modifier = p.modifier;
            }
            m.mentions.extend(p.mentions);
            m.references.extend(p.references);
        }
        for g in &mut groups {
            canonical(&mut g.mentions, mention_cmp);
            canonical(&mut g.references, mention_cmp);
        }
        // Canonical entity order: first mention, then type and fullest name.
        let name_of = |g: &Part| -> String {
            g.names
                .iter()
                .min_by(|a, b| fuller(a, b))
                .cloned()
                .unwrap_or_default()
        };
        let names: Vec<String> = groups.iter().map(name_of).collect();
        let mut order: Vec<usize> = (0..groups.len()).collect();
        order.sort_by(|&a, &b| {
            let first = |g: &Part| {
                g.mentions
                    .first()
                    .map(|m| (m.0.clone(), m.1.start, m.1.end))
            };
            // Entities without mentions last.
            let (fa, fb) = (first(&groups[a]), first(&groups[b]));
            match (&fa, &fb) {
                (Some(x), Some(y)) => x.cmp(y),
                (None, None) => Ordering::Equal,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
            }
            .then_with(|| groups[a].kind.cmp(&groups[b].kind))
            .then_with(|| names[a].cmp(&names[b]))
            .then_with(|| groups[a].aliases.cmp(&groups[b].aliases))
        });
        let mut ids = vec![String::new(); groups.len()];
        let mut rank = vec![0; groups.len()];
        let (mut ne, mut nd, mut nx) = (0, 0, 0);
        for (r, &g) in order.iter().enumerate() {
            rank[g] = r;
            ids[g] = match groups[g].kind.as_str() {
                "PERSON" | "ORG" => {
                    ne += 1;
                    format!("e{ne}")
                }
                "DATE" | "DURATION" => {
                    nd += 1;
                    format!("d{nd}")
                }
                _ => {
                    nx += 1;
                    format!("x{nx}")
                }
            };
        }
        // Relations: one edge per (type, source, target), evidence as a set.
        let mut edges: HashMap<(String, usize, usize), Vec<Keyed<EvidenceOut>>> = HashMap::new();
        for r in relations {
            let (mut s, mut t) = (group_of[r.source], group_of[r.target]);
            let symmetric =
                crate::relate::pattern::RelType::parse(&r.kind).is_some_and(|k| k.symmetric());
            if symmetric && rank[t] < rank[s] {
                std::mem::swap(&mut s, &mut t);
            }
            edges.entry((r.kind, s, t)).or_default().extend(r.evidence);
        }
        let mut rels: Vec<(Keyed<EvidenceOut>, RelationOut)> = Vec::new();
        for ((kind, s, t), mut ev) in edges {
            canonical(&mut ev, evidence_cmp);
            let conf = |e: &Keyed<EvidenceOut>| e.1.confidence.unwrap_or(0.0);
            let best = (0..ev.len())
                .max_by(|&a, &b| conf(&ev[a]).total_cmp(&conf(&ev[b])).then(b.cmp(&a)))
                .unwrap_or(0);
            let first = ev[0].clone();
            let main = ev.remove(best);
            let date = main
                .1
                .date
                .clone()
                .or_else(|| ev.iter().find_map(|e| e.1.date.clone()));
            rels.push((
                first,
                RelationOut {
                    kind,
                    source: ids[s].clone(),
                    target: ids[t].clone(),
                    date,
                    confidence: main.1.confidence.unwrap_or(0.0),
                    rule: main.1.rule.clone().unwrap_or_default(),
                    evidence: main.1,
                    more_evidence: ev.into_iter().map(|e| e.1).collect(),
                },
            ));
        }
        let num = |id: &str| -> (char, usize) {
            let mut c = id.chars();
            let k = c.next().unwrap_or(' ');
            (k, c.as_str().parse().unwrap_or(0))
        };
        rels.sort_by(|(fa, a), (fb, b)| {
            evidence_cmp(fa, fb)
                .then_with(|| a.kind.cmp(&b.kind))
                .then_with(|| num(&a.source).cmp(&num(&b.source)))
                .then_with(|| num(&a.target).cmp(&num(&b.target)))
        });
        let mut entities: Vec<EntityOut> = Vec::with_capacity(groups.len());
        let mut groups: Vec<Option<Part>> = groups.into_iter().map(Some).collect();
        for &g in &order {
            let Some(p) = groups[g].take() else { continue };
            let name = names[g].clone();
            let mut alias_rules: BTreeSet<AliasKey> = p.alias_rules;
            for n in &p.names {
                if *n != name {
                    alias_rules.insert(AliasKey {
                        text: n.clone(),
                        rule: CORPUS_NAME.into(),
                        of: name.clone(),
                    });
                }
            }
            let aliases: BTreeSet<String> = p
                .names
                .iter()
                .chain(p.aliases.iter())
                .filter(|a| **a != name)
                .cloned()
                .collect();
            entities.push(EntityOut {
                id: ids[g].clone(),
                kind: p.kind,
                name,
                aliases: aliases.into_iter().collect(),
                alias_rules: alias_rules
                    .into_iter()
                    .map(|a| AliasOut {
                        text: a.text,
                        rule: a.rule,
                        of: a.of,
                    })
                    .collect(),
                value: p.value,
                modifier: p.modifier,
                gender: p.gender,
                mentions: p.mentions.into_iter().map(|m| m.1).collect(),
                references: p.references.into_iter().map(|m| m.1).collect(),
            });
        }
        Document {
            schema: crate::document::SCHEMA,
            id: None,
            lang: lang.unwrap_or_else(|| "mul".into()),
            doc_date: doc_date.flatten(),
            entities,
            relations: rels.into_iter().map(|(_, r)| r).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str, aliases: &[(&str, &str)], start: usize) -> EntityOut {
        EntityOut {
            id: id.into(),
            kind: "PERSON".into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.0.to_string()).collect(),
            alias_rules: aliases
                .iter()
                .map(|(t, r)| AliasOut {
                    text: t.to_string(),
                    rule: r.to_string(),
                    of: name.into(),
                })
                .collect(),
            mentions: vec![MentionOut {
                start,
                end: start + name.chars().count(),
                text: name.into(),
                ..MentionOut::default()
            }],
            ..EntityOut::default()
        }
    }

    fn doc(id: &str, entities: Vec<EntityOut>) -> Document {
        Document {
            schema: 1,
            id: Some(id.into()),
            lang: "fr".into(),
            entities,
            ..Document::default()
        }
    }

    #[test]
    fn person_keys() {
        let m = Merger::builtin().unwrap();
        // (name in doc a, aliases, name in doc b, aliases, one node?)
        let table: &[(&str, &[(&str, &str)], &str, &[(&str, &str)], bool)] = &[
            ("Elon Musk", &[("Musk", "surname")], "ELON MUSK", &[], true),
            ("Élodie Durand", &[], "Elodie Durand", &[], true),
            (
                "Elon Musk",
                &[("Musk", "surname")],
                "Kimball Musk",
                &[("Musk", "surname")],
                false,
            ),
            (
                "Elon Musk",
                &[("Boss Ma", "lexicon-alias")],
                "Boss Ma",
                &[],
                true,
            ),
            ("Musk", &[], "Elon Musk", &[], false),
            ("Musk", &[], "Musk", &[], true),
            (
                "Marc Durand",
                &[("M. Durand", "surname")],
                "Anne Durand",
                &[("Mme Durand", "surname")],
                false,
            ),
            ("Ilya Sutskever", &[], "Ilya Suskever", &[], false),
        ];
        for (na, aa, nb, ab, one) in table {
            let a = doc("a", vec![person("e1", na, aa, 0)]);
            let b = doc("b", vec![person("e1", nb, ab, 0)]);
            let g = m.merge([&a, &b]);
            assert_eq!(g.entities.len() == 1, *one, "{na} / {nb}: {:?}", g.entities);
        }
    }

    #[test]
    fn org_keys() {
        let m = Merger::builtin().unwrap();
        let org = |name: &str, aliases: &[(&str, &str)]| {
            let mut e = person("e1", name, aliases, 0);
            e.kind = "ORG".into();
            e
        };
        let table: &[(&str, &[(&str, &str)], &str, bool)] = &[
            ("Acme SA", &[], "Acme", true),
            ("Open-AI", &[], "OpenAI", true),
            (
                "Google DeepMind",
                &[("Google", "org:short-form")],
                "Google",
                false,
            ),
            (
                "International Business Machines",
                &[("IBM", "org:acronym")],
                "IBM",
                true,
            ),
            ("Ford", &[], "Tesla", false),
        ];
        for (na, aa, nb, one) in table {
            let a = doc("a", vec![org(na, aa)]);
            let b = doc("b", vec![org(nb, &[])]);
            let g = m.merge([&a, &b]);
            assert_eq!(g.entities.len() == 1, *one, "{na} / {nb}");
        }
        // A person and an organisation with the same name stay apart.
        let a = doc("a", vec![org("Ford", &[])]);
        let b = doc("b", vec![person("e1", "Ford", &[], 0)]);
        assert_eq!(m.merge([&a, &b]).entities.len(), 2);
    }

    #[test]
    fn names_and_lattices() {
        let m = Merger::builtin().unwrap();
        let mut a = doc("a", vec![person("e1", "Marc Durand", &[], 5)]);
        a.entities[0].gender = Some("m".into());
        let mut b = doc(
            "b",
            vec![person(
                "e1",
                "Marc Antoine Durand",
                &[("Marc Durand", "same-name")],
                0,
            )],
        );
        b.entities[0].gender = Some("f".into());
        b.lang = "en".into();
        let g = m.merge([&a, &b]);
        assert_eq!(g.entities.len(), 1);
        let e = &g.entities[0];
        assert_eq!(e.name, "Marc Antoine Durand");
        assert_eq!(e.aliases, vec!["Marc Durand"]);
        assert!(
            e.alias_rules
                .iter()
                .any(|r| r.rule == CORPUS_NAME && r.text == "Marc Durand")
        );
        assert_eq!(e.gender.as_deref(), Some("u"));
        assert_eq!(g.lang, "mul");
        // Mentions keep their document, in document order.
        let docs: Vec<_> = e.mentions.iter().map(|m| m.doc.clone().unwrap()).collect();
        assert_eq!(docs, vec![Value::from("a"), Value::from("b")]);
    }
}
