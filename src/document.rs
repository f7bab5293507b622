//! The output model: a document's entities and relations, as in the JSON
//! contract (`CONTRACT.md`, schema 1). Offsets here are Unicode code point
//! offsets (Python `text[start:end]`), not bytes.

use serde::{Deserialize, Serialize};

mod json;

/// The current schema version.
pub const SCHEMA: u32 = 1;

/// One extracted document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Schema version (1).
    pub schema: u32,
    /// The batch id, when the document came from a batch line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    /// "fr" or "en".
    pub lang: String,
    /// The document creation time used to resolve relative dates.
    #[serde(default)]
    pub doc_date: Option<String>,
    /// Entities, in order of first mention.
    pub entities: Vec<EntityOut>,
    /// Relations, in order of first evidence.
    pub relations: Vec<RelationOut>,
}

/// An entity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityOut {
    /// "e1" (people and organisations), "d1" (dates, durations), "x1" (products, places).
    pub id: String,
    /// PERSON, ORG, DATE, DURATION, PRODUCT or LOC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical, fullest name.
    pub name: String,
    /// Every other surface form merged into it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// How each alias joined: which rule, and the form it joined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alias_rules: Vec<AliasOut>,
    /// TIMEX3 value (dates and durations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// TIMEX3 mod (START, MID, END, APPROX).
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// 'm', 'f' for people whose gender the lexicons tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Mentions, in text order.
    pub mentions: Vec<MentionOut>,
    /// Pronouns and descriptions resolved to this entity (not names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<MentionOut>,
}

/// How an alias joined its entity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AliasOut {
    /// The alias.
    pub text: String,
    /// The merge rule (see `src/resolve.rs`).
    pub rule: String,
    /// The form it was merged with.
    pub of: String,
}

/// A mention: code point offsets, text, sentence number.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MentionOut {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The text, `input[start:end]`.
    pub text: String,
    /// Sentence number (0-based).
    pub sentence: usize,
    /// The recognizer rule that found it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Batch document id (in merged corpus graphs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<serde_json::Value>,
}

/// A span of evidence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceOut {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The sentence.
    pub text: String,
    /// Rule that matched here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Confidence of this piece.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// Date this sentence gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Batch document id (in merged corpus graphs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<serde_json::Value>,
}

/// A relation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RelationOut {
    /// WORKED_AT, FOUNDED, LEFT, ACQUIRED, FELL_OUT_WITH.
    #[serde(rename = "type")]
    pub kind: String,
    /// Source entity id.
    pub source: String,
    /// Target entity id.
    pub target: String,
    /// TIMEX3 value of the date of the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Confidence, 0..1.
    pub confidence: f32,
    /// Rule id of the main evidence.
    pub rule: String,
    /// The main evidence.
    pub evidence: EvidenceOut,
    /// Further evidence for the same edge.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_evidence: Vec<EvidenceOut>,
}

/// Append the decimal digits of `n` to `out` (as `n.to_string()` writes them,
/// without the formatting machinery).
pub(crate) fn push_uint(out: &mut String, n: usize) {
    crate::text::push_padded(out, n as u64, 1);
}

impl Document {
    /// The entity with id `id`.
    pub fn entity(&self, id: &str) -> Option<&EntityOut> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Serialize to pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a Document always serializes")
    }

    /// Serialize to one line of JSON (the bytes of `serde_json::to_string`).
    pub fn to_json_line(&self) -> String {
        json::line(self)
    }
}
