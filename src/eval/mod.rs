//! Accuracy against gold annotations (`nergraph eval`).
//!
//! The gold side is one JSON object per line: `{"id", "lang", "text",
//! "entities": [{"start", "end", "label", "value"?, "cluster"?,
//! "syntactic_type"?, "function"?}], "relations": [{"head", "tail", "type",
//! "head_cluster"?, "tail_cluster"?}], "meta": {"dct"?}}` with code point
//! offsets. The predicted side is nergraph's JSON document, one per line with
//! its `"id"` ([`crate::Document`]; only entity types, values, mention offsets
//! and relation ends are read), or the extractor run in-process
//! ([`predict`]).
//!
//! Scoring rules (also in the README, "Accuracy"):
//! - **Labels.** Predicted `PERSON` is `PER`; other types keep their name.
//!   PER, ORG and DATE are scored.
//! - **Spans.** A mention is (start, end, label) in code points. Each side is a
//!   set: a span given twice (by two entities, or two gold entries) counts once.
//!   *Exact*: a true positive is a predicted span equal to a gold span with the
//!   same label. *Overlap*: a one-to-one maximum matching between predicted and
//!   gold spans of the same label that share at least one code point.
//!   Precision = tp / predicted, recall = tp / gold, F1 = 2 tp / (gold +
//!   predicted) (none when both are zero).
//! - **Names only** (`named_only`): gold PER/ORG mentions that are not names
//!   are left out (see [`GoldMention::named`]); a predicted span left unmatched
//!   that equals (exact) or overlaps (overlap) a left-out gold mention of its
//!   label is left out too, neither right nor wrong.
//! - **Date values.** The share of gold DATE spans that carry a value and are
//!   overlapped by a predicted DATE with the same value (string equality).
//! - **Relations** ([`relations`]): at cluster level, through a type mapping.

pub mod coref;
pub mod relations;
mod report;
mod spans;

pub use relations::{Direction, RelationMap};
pub use report::{Counts, DocScore, ErrorItem, Report, TypeScore};

use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;
use crate::pipeline::{Extractor, Options};
use crate::recognize::date::CalDate;
use serde::Deserialize;
use std::collections::HashMap;

/// The labels scored, in output order.
pub const LABELS: [&str; 3] = ["PER", "ORG", "DATE"];

/// One gold document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldDoc {
    /// The document id, as a string.
    pub id: String,
    /// The language the file gives.
    pub lang: Option<Lang>,
    /// The text.
    pub text: String,
    /// The document creation time the file gives (`doc_date`, `meta.dct`, or
    /// the value of a DATE whose `function` is `CREATION_TIME`).
    pub doc_date: Option<CalDate>,
    /// Entity mentions, in file order.
    pub mentions: Vec<GoldMention>,
    /// Relations between clusters.
    pub relations: Vec<GoldRelation>,
}

/// One gold mention.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldMention {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// PER, ORG, LOC, DATE, MISC, DURATION, SET…
    pub label: String,
    /// TIMEX3 value, for time expressions.
    pub value: Option<String>,
    /// The coreference cluster (the mention's index when the file gives none).
    pub cluster: String,
    /// Whether the mention is a name: MEANTIME `syntactic_type` NAM or
    /// PRE.NAM; else POPCORN's `named_heuristic` (a capitalised word that is
    /// not a sentence-initial pronoun); else whether a word of it starts with
    /// a capital letter.
    pub named: bool,
}

/// One gold relation, between clusters, with the corpus's type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct GoldRelation {
    /// The corpus type (IS_PART_OF, P108…).
    pub kind: String,
    /// Head cluster.
    pub head: String,
    /// Tail cluster.
    pub tail: String,
}

/// One predicted document, reduced to what is scored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PredDoc {
    /// The document id, as a string.
    pub id: String,
    /// Entities.
    pub entities: Vec<PredEntity>,
    /// Relations, as indices into `entities`.
    pub relations: Vec<PredRelation>,
}

/// One predicted entity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PredEntity {
    /// Its label (PERSON read as PER).
    pub label: String,
    /// TIMEX3 value.
    pub value: Option<String>,
    /// Mention spans (start, end) in code points.
    pub mentions: Vec<(usize, usize)>,
}

/// One predicted relation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PredRelation {
    /// WORKED_AT, FOUNDED…
    pub kind: String,
    /// Index of the source entity, `None` when the id names no entity.
    pub source: Option<usize>,
    /// Index of the target entity.
    pub target: Option<usize>,
}

/// What to score.
#[derive(Clone, Debug, Default)]
pub struct EvalOptions {
    /// Leave out gold mentions that are not names.
    pub named_only: bool,
    /// How many of the most frequent errors to list per label (0: none).
    pub errors: usize,
    /// Score each document on its own too.
    pub by_doc: bool,
    /// The relation type mapping; `None` scores no relations.
    pub relations: Option<RelationMap>,
}

/// The label nergraph's type `kind` is scored as.
pub fn label_of(kind: &str) -> String {
    match kind {
        "PERSON" => "PER".to_string(),
        k => k.to_ascii_uppercase(),
    }
}

fn json_error(origin: String, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Json {
        origin,
        message: message.into(),
    })
}

fn id_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[derive(Deserialize)]
struct RawGold {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    lang: Option<String>,
    text: String,
    #[serde(default)]
    doc_date: Option<String>,
    #[serde(default)]
    entities: Vec<RawGoldEntity>,
    #[serde(default)]
    relations: Vec<RawGoldRelation>,
    #[serde(default)]
    meta: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct RawGoldEntity {
    start: Option<usize>,
    end: Option<usize>,
    #[serde(default)]
    label: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    function: Option<String>,
    #[serde(default)]
    cluster: Option<serde_json::Value>,
    #[serde(default)]
    syntactic_type: Option<String>,
    #[serde(default)]
    named_heuristic: Option<bool>,
}

#[derive(Deserialize)]
struct RawGoldRelation {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    head: Option<usize>,
    #[serde(default)]
    tail: Option<usize>,
    #[serde(default)]
    head_cluster: Option<serde_json::Value>,
    #[serde(default)]
    tail_cluster: Option<serde_json::Value>,
}

/// Whether a word of `s` starts with an upper-case letter.
fn has_capitalised_word(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .any(char::is_uppercase)
}

/// The code points `start..end` of `text` (clamped to the text).
pub fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

impl GoldDoc {
    /// Read one gold line; `origin` names it in errors ("file:line").
    pub fn parse(line: &str, origin: &str) -> Result<GoldDoc> {
        let raw: RawGold = serde_json::from_str(line)
            .map_err(|e| json_error(origin.to_string(), e.to_string()))?;
        let bad = |m: String| json_error(origin.to_string(), m);
        let lang = match raw.lang.as_deref() {
            Some(l) => Some(l.parse::<Lang>().map_err(|e| bad(e.to_string()))?),
            None => None,
        };
        let n_chars = raw.text.chars().count();
        let mut mentions = Vec::with_capacity(raw.entities.len());
        let mut creation = None;
        for (i, e) in raw.entities.iter().enumerate() {
            let (Some(start), Some(end)) = (e.start, e.end) else {
                return Err(bad(format!(
                    "entity {i} has no start/end offsets (name-level gold is scored by score_names.py)"
                )));
            };
            if start > end || end > n_chars {
                return Err(bad(format!(
                    "entity {i}: span {start}..{end} is outside the text ({n_chars} code points)"
                )));
            }
            if e.function.as_deref() == Some("CREATION_TIME") && creation.is_none() {
                creation = e
                    .value
                    .as_deref()
                    .and_then(|v| v.get(..10))
                    .and_then(|v| v.parse::<CalDate>().ok());
            }
            let named = match (e.syntactic_type.as_deref(), e.named_heuristic) {
                (Some(t), _) => matches!(t, "NAM" | "PRE.NAM"),
                (None, Some(n)) => n,
                (None, None) => has_capitalised_word(&char_slice(&raw.text, start, end)),
            };
            mentions.push(GoldMention {
                start,
                end,
                label: e.label.to_ascii_uppercase(),
                value: e.value.clone().filter(|v| !v.is_empty()),
                cluster: e
                    .cluster
                    .as_ref()
                    .map(id_string)
                    .unwrap_or_else(|| format!("#{i}")),
                named,
            });
        }
        let cluster_of = |which: &str, given: &Option<serde_json::Value>, index: Option<usize>| {
            if let Some(c) = given {
                return Ok(id_string(c));
            }
            match index.and_then(|i| mentions.get(i)) {
                Some(m) => Ok(m.cluster.clone()),
                None => Err(bad(format!("a relation's {which} names no entity"))),
            }
        };
        let mut relations = Vec::with_capacity(raw.relations.len());
        for r in &raw.relations {
            relations.push(GoldRelation {
                kind: r.kind.clone(),
                head: cluster_of("head", &r.head_cluster, r.head)?,
                tail: cluster_of("tail", &r.tail_cluster, r.tail)?,
            });
        }
        let given_date = raw.doc_date.as_deref().or_else(|| {
            raw.meta
                .as_ref()
                .and_then(|m| m.get("dct"))
                .and_then(|d| d.as_str())
        });
        let doc_date = match given_date {
            Some(d) => Some(
                d.get(..10)
                    .unwrap_or(d)
                    .parse::<CalDate>()
                    .map_err(|e| bad(e.to_string()))?,
            ),
            None => creation,
        };
        Ok(GoldDoc {
            id: id_string(&raw.id),
            lang,
            text: raw.text,
            doc_date,
            mentions,
            relations,
        })
    }
}

/// Read a gold JSONL file's contents; `path` names it in errors.
pub fn read_gold(contents: &str, path: &str) -> Result<Vec<GoldDoc>> {
    let mut docs = Vec::new();
    for (n, line) in contents.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        docs.push(GoldDoc::parse(line, &format!("{path}:{}", n + 1))?);
    }
    Ok(docs)
}

#[derive(Deserialize)]
struct RawPred {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    entities: Vec<RawPredEntity>,
    #[serde(default)]
    relations: Vec<RawPredRelation>,
}

#[derive(Deserialize)]
struct RawPredEntity {
    #[serde(default)]
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    mentions: Vec<RawSpan>,
}

#[derive(Deserialize)]
struct RawSpan {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct RawPredRelation {
    #[serde(rename = "type")]
    kind: String,
    source: String,
    target: String,
}

fn relations_by_id<'a>(
    ids: &[&str],
    rels: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
) -> Vec<PredRelation> {
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    rels.map(|(kind, s, t)| PredRelation {
        kind: kind.to_string(),
        source: index.get(s).copied(),
        target: index.get(t).copied(),
    })
    .collect()
}

impl PredDoc {
    /// Read one predicted line (nergraph's JSON document with an `"id"`). A
    /// batch error record (`{"id", "error"}`) reads as a document with nothing
    /// found.
    pub fn parse(line: &str, origin: &str) -> Result<PredDoc> {
        let raw: RawPred = serde_json::from_str(line)
            .map_err(|e| json_error(origin.to_string(), e.to_string()))?;
        let ids: Vec<&str> = raw.entities.iter().map(|e| e.id.as_str()).collect();
        let relations = relations_by_id(
            &ids,
            raw.relations
                .iter()
                .map(|r| (r.kind.as_str(), r.source.as_str(), r.target.as_str())),
        );
        Ok(PredDoc {
            id: id_string(&raw.id),
            entities: raw
                .entities
                .iter()
                .map(|e| PredEntity {
                    label: label_of(&e.kind),
                    value: e.value.clone(),
                    mentions: e.mentions.iter().map(|m| (m.start, m.end)).collect(),
                })
                .collect(),
            relations,
        })
    }

    /// The scored part of an extracted document, under `id`.
    pub fn from_document(doc: &Document, id: &str) -> PredDoc {
        let ids: Vec<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
        PredDoc {
            id: id.to_string(),
            entities: doc
                .entities
                .iter()
                .map(|e| PredEntity {
                    label: label_of(&e.kind),
                    value: e.value.clone(),
                    mentions: e.mentions.iter().map(|m| (m.start, m.end)).collect(),
                })
                .collect(),
            relations: relations_by_id(
                &ids,
                doc.relations
                    .iter()
                    .map(|r| (r.kind.as_str(), r.source.as_str(), r.target.as_str())),
            ),
        }
    }
}

/// Read a predicted JSONL file's contents; `path` names it in errors.
pub fn read_pred(contents: &str, path: &str) -> Result<Vec<PredDoc>> {
    let mut docs = Vec::new();
    for (n, line) in contents.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        docs.push(PredDoc::parse(line, &format!("{path}:{}", n + 1))?);
    }
    Ok(docs)
}

/// Run the extractor on each gold text, with the file's language and document
/// date. A document the extractor refuses reads as a document with nothing
/// found; its id and the error are returned alongside.
pub fn predict(extractor: &Extractor, gold: &[GoldDoc]) -> (Vec<PredDoc>, Vec<(String, Error)>) {
    let mut preds = Vec::with_capacity(gold.len());
    let mut failures = Vec::new();
    for g in gold {
        let opts = Options {
            lang: g.lang,
            doc_date: g.doc_date,
        };
        match extractor.extract(&g.text, &opts) {
            Ok(doc) => preds.push(PredDoc::from_document(&doc, &g.id)),
            Err(e) => {
                preds.push(PredDoc {
                    id: g.id.clone(),
                    ..PredDoc::default()
                });
                failures.push((g.id.clone(), e));
            }
        }
    }
    (preds, failures)
}

/// Score `pred` against `gold`, pairing documents by id. A gold document with
/// no prediction counts as one where nothing was found; predictions for ids
/// the gold file does not have are ignored (their number is in the report).
pub fn evaluate(gold: &[GoldDoc], pred: &[PredDoc], opts: &EvalOptions) -> Report {
    let mut by_id: HashMap<&str, &PredDoc> = HashMap::new();
    for p in pred {
        by_id.entry(p.id.as_str()).or_insert(p);
    }
    let empty = PredDoc::default();
    let mut report = Report::new(opts);
    let mut used = 0;
    for g in gold {
        let p = match by_id.get(g.id.as_str()) {
            Some(p) => {
                used += 1;
                *p
            }
            None => {
                report.missing_predictions.push(g.id.clone());
                &empty
            }
        };
        let doc = spans::score_doc(g, p, opts);
        let rel = opts
            .relations
            .as_ref()
            .map(|map| relations::score_doc(g, p, map));
        report.coref.add(coref::score_doc(g, p, opts.named_only));
        report.add(g, doc, rel, opts);
    }
    report.documents = gold.len();
    report.unmatched_predictions = by_id.len().saturating_sub(used);
    report.finish(opts);
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_lines_read_dates_clusters_and_names() {
        let cases: &[(&str, Option<&str>, usize)] = &[
            (
                r#"{"id":"a","lang":"fr","text":"Le 3 mai.","entities":[],"meta":{"dct":"1999-05-17"}}"#,
                Some("1999-05-17"),
                0,
            ),
            (
                r#"{"id":1,"text":"X\nMarch 01, 2008","entities":[{"start":2,"end":16,"label":"DATE","value":"2008-03-01","function":"CREATION_TIME"}]}"#,
                Some("2008-03-01"),
                1,
            ),
            (
                r#"{"id":"c","text":"ab","doc_date":"2003-01-02"}"#,
                Some("2003-01-02"),
                0,
            ),
            (r#"{"id":"d","text":"ab"}"#, None, 0),
        ];
        for (line, date, n) in cases {
            let g = GoldDoc::parse(line, "t").unwrap();
            assert_eq!(
                g.doc_date.map(|d| d.to_string()).as_deref(),
                *date,
                "{line}"
            );
            assert_eq!(g.mentions.len(), *n);
        }
        let g = GoldDoc::parse(
            r#"{"id":2,"text":"Ann Lee met the boss.","entities":[{"start":0,"end":7,"label":"PER"},{"start":12,"end":20,"label":"PER","syntactic_type":"NOM","cluster":5}]}"#,
            "t",
        )
        .unwrap();
        assert_eq!(g.id, "2");
        assert!(g.mentions[0].named);
        assert!(!g.mentions[1].named);
        assert_eq!(g.mentions[0].cluster, "#0");
        assert_eq!(g.mentions[1].cluster, "5");
        // POPCORN's own flag wins over the capital letter; without either, the capital decides.
        let g = GoldDoc::parse(
            r#"{"id":3,"text":"Elle vit à Lyon avec la mère.","entities":[{"start":0,"end":4,"label":"PER","named_heuristic":false},{"start":11,"end":15,"label":"LOC"},{"start":21,"end":28,"label":"PER"}]}"#,
            "t",
        )
        .unwrap();
        let named: Vec<bool> = g.mentions.iter().map(|m| m.named).collect();
        assert_eq!(named, [false, true, false]);
    }

    #[test]
    fn bad_gold_lines_are_errors_naming_the_line() {
        let cases = [
            r#"{"id":"a","text":"ab","entities":[{"start":0,"end":9,"label":"PER"}]}"#,
            r#"{"id":"a","text":"ab","entities":[{"names":["x"],"type":"PERSON"}]}"#,
            r#"{"id":"a","text":"ab","lang":"de"}"#,
            r#"{"id":"a","text":"ab","relations":[{"head":3,"tail":0,"type":"P108"}]}"#,
            r#"{"id":"a"}"#,
            "not json",
        ];
        for line in cases {
            let e = GoldDoc::parse(line, "gold.jsonl:7").unwrap_err();
            assert!(e.to_string().starts_with("gold.jsonl:7"), "{e}");
        }
    }

    #[test]
    fn predicted_person_reads_as_per_and_error_records_as_empty() {
        let p = PredDoc::parse(
            r#"{"id":"a","entities":[{"id":"e1","type":"PERSON","mentions":[{"start":0,"end":3}]}],"relations":[{"type":"LEFT","source":"e1","target":"e9"}]}"#,
            "p",
        )
        .unwrap();
        assert_eq!(p.entities[0].label, "PER");
        assert_eq!(p.relations[0].source, Some(0));
        assert_eq!(p.relations[0].target, None);
        let e = PredDoc::parse(r#"{"id":"a","error":"bad"}"#, "p").unwrap();
        assert!(e.entities.is_empty());
    }
}
