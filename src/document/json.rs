//! One-line JSON for a [`Document`], written directly into a string.
//!
//! The bytes are exactly those of `serde_json::to_string(doc)` (same key
//! order, same skipped fields, same escaping; numbers and ids through
//! serde_json itself), without serde's per-field dispatch and key escaping.
//! The tests below compare the two on hostile documents.

use super::{AliasOut, Document, EntityOut, EvidenceOut, MentionOut, RelationOut};
use serde::Serialize;

/// `doc` as one line of JSON.
pub(super) fn line(doc: &Document) -> String {
    let mut out = Json(String::with_capacity(1024));
    out.document(doc);
    out.0
}

/// An output buffer with helpers for the pieces of the format.
struct Json(String);

impl Json {
    fn document(&mut self, d: &Document) {
        self.raw("{\"schema\":");
        self.uint(d.schema as usize);
        if let Some(id) = &d.id {
            self.raw(",\"id\":");
            self.serde(id);
        }
        self.raw(",\"lang\":");
        self.str(&d.lang);
        self.raw(",\"doc_date\":");
        self.opt_str(d.doc_date.as_deref());
        self.raw(",\"entities\":");
        self.list(&d.entities, Json::entity);
        self.raw(",\"relations\":");
        self.list(&d.relations, Json::relation);
        self.raw("}");
    }

    fn entity(&mut self, e: &EntityOut) {
        self.raw("{\"id\":");
        self.str(&e.id);
        self.raw(",\"type\":");
        self.str(&e.kind);
        self.raw(",\"name\":");
        self.str(&e.name);
        self.raw(",\"aliases\":");
        self.list(&e.aliases, |j, a| j.str(a));
        if !e.alias_rules.is_empty() {
            self.raw(",\"alias_rules\":");
            self.list(&e.alias_rules, Json::alias);
        }
        self.field("value", e.value.as_deref());
        self.field("mod", e.modifier.as_deref());
        self.field("gender", e.gender.as_deref());
        self.raw(",\"mentions\":");
        self.list(&e.mentions, Json::mention);
        if !e.references.is_empty() {
            self.raw(",\"references\":");
            self.list(&e.references, Json::mention);
        }
        self.raw("}");
    }

    fn alias(&mut self, a: &AliasOut) {
        self.raw("{\"text\":");
        self.str(&a.text);
        self.raw(",\"rule\":");
        self.str(&a.rule);
        self.raw(",\"of\":");
        self.str(&a.of);
        self.raw("}");
    }

    fn mention(&mut self, m: &MentionOut) {
        self.raw("{\"start\":");
        self.uint(m.start);
        self.raw(",\"end\":");
        self.uint(m.end);
        self.raw(",\"text\":");
        self.str(&m.text);
        self.raw(",\"sentence\":");
        self.uint(m.sentence);
        self.field("rule", m.rule.as_deref());
        if let Some(doc) = &m.doc {
            self.raw(",\"doc\":");
            self.serde(doc);
        }
        self.raw("}");
    }

    fn evidence(&mut self, e: &EvidenceOut) {
        self.raw("{\"start\":");
        self.uint(e.start);
        self.raw(",\"end\":");
        self.uint(e.end);
        self.raw(",\"text\":");
        self.str(&e.text);
        self.field("rule", e.rule.as_deref());
        if let Some(c) = e.confidence {
            self.raw(",\"confidence\":");
            self.serde(&c);
        }
        self.field("date", e.date.as_deref());
        if let Some(doc) = &e.doc {
            self.raw(",\"doc\":");
            self.serde(doc);
        }
        self.raw("}");
    }

    fn relation(&mut self, r: &RelationOut) {
        self.raw("{\"type\":");
        self.str(&r.kind);
        self.raw(",\"source\":");
        self.str(&r.source);
        self.raw(",\"target\":");
        self.str(&r.target);
        self.field("date", r.date.as_deref());
        self.raw(",\"confidence\":");
        self.serde(&r.confidence);
        self.raw(",\"rule\":");
        self.str(&r.rule);
        self.raw(",\"evidence\":");
        self.evidence(&r.evidence);
        if !r.more_evidence.is_empty() {
            self.raw(",\"more_evidence\":");
            self.list(&r.more_evidence, Json::evidence);
        }
        self.raw("}");
    }

    /// `,"key":"value"` when there is a value (a field skipped when `None`).
    fn field(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.raw(",\"");
            self.raw(key);
            self.raw("\":");
            self.str(v);
        }
    }

    fn list<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Json, &T)) {
        self.raw("[");
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            item(self, x);
        }
        self.raw("]");
    }

    fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    /// A string literal, escaped as serde_json escapes it.
    fn str(&mut self, s: &str) {
        let out = &mut self.0;
        out.push('"');
        let bytes = s.as_bytes();
        let (mut start, mut i) = (0, 0);
        while i < bytes.len() {
            // Most text needs no escape: skip it eight bytes at a time.
            if let Some(word) = bytes.get(i..i + 8) {
                if !any_escape(word.try_into().map_or(!0, u64::from_le_bytes)) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            i += 1;
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0C => "\\f",
                0x00..=0x1F => "",
                _ => continue,
            };
            // Escaped bytes are ASCII, so `i - 1` is a char boundary.
            out.push_str(&s[start..i - 1]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            } else {
                out.push_str(escape);
            }
            start = i;
        }
        out.push_str(&s[start..]);
        out.push('"');
    }

    fn uint(&mut self, n: usize) {
        super::push_uint(&mut self.0, n);
    }

    /// Anything else (ids, floats) through serde_json itself.
    fn serde<T: Serialize + ?Sized>(&mut self, v: &T) {
        let s = serde_json::to_string(v).expect("a JSON value or number always serializes");
        self.0.push_str(&s);
    }
}

/// True when one of the eight bytes of `word` needs an escape: a control
/// character (below 0x20), a quote or a backslash.
fn any_escape(word: u64) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A zero byte of `x` sets the high bit of its lane here (and only a lane
    // above a zero byte can be set wrongly, so "any" is exact).
    let has_zero = |x: u64| x.wrapping_sub(LOW) & !x & HIGH;
    let control = word.wrapping_sub(LOW * 0x20) & !word & HIGH;
    control | has_zero(word ^ (LOW * u64::from(b'"'))) | has_zero(word ^ (LOW * u64::from(b'\\')))
        != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hostile() -> Vec<String> {
        let mut v: Vec<String> = [
            "",
            "plain",
            "quote \" and backslash \\ end\\",
            "\"",
            "line\nbreak\r\ttab\u{8}\u{c}",
            "\u{0}\u{1}\u{1f}\u{7f}",
            "Élodie à l’Opéra — « 2015 » 😀",
            "</script>&<>'",
            "\u{2028}\u{2029}\u{feff}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every control character and a few around them, alone and mixed.
        v.extend(
            (0u32..0x30)
                .filter_map(char::from_u32)
                .map(|c| format!("a{c}é")),
        );
        v
    }

    fn mention(text: &str, rule: Option<&str>, doc: Option<serde_json::Value>) -> MentionOut {
        MentionOut {
            start: 0,
            end: usize::MAX,
            text: text.to_string(),
            sentence: 10,
            rule: rule.map(String::from),
            doc,
        }
    }

    fn evidence(text: &str, full: bool) -> EvidenceOut {
        EvidenceOut {
            start: 7,
            end: 1234567,
            text: text.to_string(),
            rule: full.then(|| text.to_string()),
            confidence: full.then_some(0.123),
            date: full.then(|| "2015-XX".to_string()),
            doc: full.then(|| json!({"a": [1, 2.5, null, "x\"y"]})),
        }
    }

    #[test]
    fn same_bytes_as_serde_json() {
        let mut docs = vec![Document::default()];
        for (i, s) in hostile().iter().enumerate() {
            let odd = i % 2 == 1;
            let entity = EntityOut {
                id: format!("e{i}"),
                kind: s.clone(),
                name: s.clone(),
                aliases: if odd {
                    vec![]
                } else {
                    vec![s.clone(), s.clone()]
                },
                alias_rules: if odd {
                    vec![]
                } else {
                    vec![AliasOut {
                        text: s.clone(),
                        rule: "same-name".into(),
                        of: s.clone(),
                    }]
                },
                value: odd.then(|| s.clone()),
                modifier: odd.then(|| s.clone()),
                gender: (!odd).then(|| s.clone()),
                mentions: vec![mention(s, Some(s), None), mention(s, None, Some(json!(i)))],
                references: if odd {
                    vec![mention(s, None, None)]
                } else {
                    vec![]
                },
            };
            let relation = RelationOut {
                kind: s.clone(),
                source: s.clone(),
                target: "e1".into(),
                date: odd.then(|| s.clone()),
                confidence: [0.0, 1.0, 0.7, 0.333, 1e-7, f32::NAN][i % 6],
                rule: s.clone(),
                evidence: evidence(s, odd),
                more_evidence: if odd { vec![] } else { vec![evidence(s, true)] },
            };
            docs.push(Document {
                schema: 1,
                id: [None, Some(json!(s)), Some(json!(-3)), Some(json!({"k": s}))]
                    .into_iter()
                    .nth(i % 4)
                    .flatten(),
                lang: s.clone(),
                doc_date: odd.then(|| s.clone()),
                entities: vec![entity.clone(), entity],
                relations: vec![relation.clone(), relation],
            });
        }
        for doc in &docs {
            assert_eq!(line(doc), serde_json::to_string(doc).unwrap());
        }
    }

    #[test]
    fn escape_test_is_exact() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut word = *b"abcdefgh";
                word[lane] = b;
                let want = b < 0x20 || b == b'"' || b == b'\\';
                assert_eq!(any_escape(u64::from_le_bytes(word)), want, "{b} at {lane}");
            }
        }
        // Bytes above a control byte do not hide it, nor does a control byte
        // make its neighbours look like one.
        assert!(any_escape(u64::from_le_bytes(
            *b"\x00\xff\x80\x21\x7f\xe9\x22\x5c"
        )));
        assert!(!any_escape(u64::from_le_bytes(*b"\xff\x80\x21\x7f\xe9 ~!")));
    }

    #[test]
    fn numbers() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            let mut j = Json(String::new());
            j.uint(n);
            assert_eq!(j.0, n.to_string());
        }
    }
}
