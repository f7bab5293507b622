//! Filters shared by every format: keep some relation types, a minimum
//! confidence, some entity types, and drop entities left with no relation.

use crate::document::Document;
use crate::error::{Error, Result};
use std::collections::HashSet;

/// What to keep of a document before exporting it. The default keeps everything.
///
/// ```
/// use nergraph::export::Filter;
/// let ex = nergraph::Extractor::builtin()?;
/// let doc = ex.extract("Larry Page a fondé Google en 1998. Sam Altman a quitté OpenAI en 2023.", &Default::default())?;
/// let filter = Filter {
///     relations: Some(Filter::parse_list("founded")?),
///     drop_isolated: true,
///     ..Filter::default()
/// };
/// let kept = filter.apply(&doc)?;
/// assert!(kept.relations.iter().all(|r| r.kind == "FOUNDED"));
/// assert_eq!(kept.relations.len(), 1);
/// assert!(kept.entities.iter().all(|e| e.name != "OpenAI"));
/// # Ok::<(), nergraph::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Keep only relations of these types (upper case, e.g. `FOUNDED`).
    pub relations: Option<Vec<String>>,
    /// Keep only relations whose confidence is at least this (0..=1).
    pub min_confidence: Option<f32>,
    /// Keep only entities of these types (e.g. `PERSON`, `ORG`), and the relations between them.
    pub types: Option<Vec<String>>,
    /// Drop entities that no kept relation touches.
    pub drop_isolated: bool,
}

impl Filter {
    /// Whether the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// A comma-separated list of type names, upper-cased: `"founded, WORKED_AT"`
    /// gives `["FOUNDED", "WORKED_AT"]`. Names are letters, digits and `_`.
    pub fn parse_list(s: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for part in s.split(',') {
            let name = part.trim().to_uppercase();
            if name.is_empty() {
                continue;
            }
            if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(Error::bad_argument(format!(
                    "bad type name '{}' (expected letters, digits and _)",
                    part.trim()
                )));
            }
            out.push(name);
        }
        if out.is_empty() {
            return Err(Error::bad_argument(format!("empty type list '{s}'")));
        }
        Ok(out)
    }

    /// A confidence threshold, checked to be a number in 0..=1.
    pub fn parse_confidence(s: &str) -> Result<f32> {
        match s.trim().parse::<f32>() {
            Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
            _ => Err(Error::bad_argument(format!(
                "bad confidence '{s}' (expected a number from 0 to 1)"
            ))),
        }
    }

    /// The filtered copy of `doc`. Cost: linear in entities and relations.
    pub fn apply(&self, doc: &Document) -> Result<Document> {
        if let Some(c) = self.min_confidence
            && !(0.0..=1.0).contains(&c)
        {
            return Err(Error::bad_argument(format!(
                "bad confidence {c} (expected a number from 0 to 1)"
            )));
        }
        if self.is_empty() {
            return Ok(doc.clone());
        }
        let has = |list: &Option<Vec<String>>, k: &str| {
            list.as_ref().is_none_or(|l| l.iter().any(|x| x == k))
        };
        let kept: HashSet<&str> = doc
            .entities
            .iter()
            .filter(|e| has(&self.types, &e.kind))
            .map(|e| e.id.as_str())
            .collect();
        let relations: Vec<_> = doc
            .relations
            .iter()
            .filter(|r| has(&self.relations, &r.kind))
            .filter(|r| self.min_confidence.is_none_or(|c| r.confidence >= c))
            .filter(|r| kept.contains(r.source.as_str()) && kept.contains(r.target.as_str()))
            .cloned()
            .collect();
        let linked: HashSet<&str> = relations
            .iter()
            .flat_map(|r| [r.source.as_str(), r.target.as_str()])
            .collect();
        let entities = doc
            .entities
            .iter()
            .filter(|e| kept.contains(e.id.as_str()))
            .filter(|e| !self.drop_isolated || linked.contains(e.id.as_str()))
            .cloned()
            .collect();
        Ok(Document {
            entities,
            relations,
            ..doc.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{EntityOut, RelationOut};

    fn ent(id: &str, kind: &str) -> EntityOut {
        EntityOut {
            id: id.into(),
            kind: kind.into(),
            name: id.to_uppercase(),
            ..Default::default()
        }
    }

    fn rel(kind: &str, s: &str, t: &str, c: f32) -> RelationOut {
        RelationOut {
            kind: kind.into(),
            source: s.into(),
            target: t.into(),
            confidence: c,
            ..Default::default()
        }
    }

    fn doc() -> Document {
        Document {
            schema: 1,
            entities: vec![
                ent("e1", "PERSON"),
                ent("e2", "ORG"),
                ent("e3", "PERSON"),
                ent("e4", "ORG"),
                ent("d1", "DATE"),
            ],
            relations: vec![
                rel("FOUNDED", "e1", "e2", 0.9),
                rel("WORKED_AT", "e3", "e2", 0.4),
                rel("FELL_OUT_WITH", "e1", "e3", 0.7),
            ],
            ..Default::default()
        }
    }

    fn ids(d: &Document) -> Vec<&str> {
        d.entities.iter().map(|e| e.id.as_str()).collect()
    }

    fn kinds(d: &Document) -> Vec<&str> {
        d.relations.iter().map(|r| r.kind.as_str()).collect()
    }

    #[test]
    fn table() {
        let d = doc();
        let cases: Vec<(Filter, Vec<&str>, Vec<&str>)> = vec![
            (
                Filter::default(),
                vec!["e1", "e2", "e3", "e4", "d1"],
                vec!["FOUNDED", "WORKED_AT", "FELL_OUT_WITH"],
            ),
            (
                Filter {
                    relations: Some(vec!["FOUNDED".into()]),
                    ..Default::default()
                },
                vec!["e1", "e2", "e3", "e4", "d1"],
                vec!["FOUNDED"],
            ),
            (
                Filter {
                    min_confidence: Some(0.5),
                    drop_isolated: true,
                    ..Default::default()
                },
                vec!["e1", "e2", "e3"],
                vec!["FOUNDED", "FELL_OUT_WITH"],
            ),
            (
                Filter {
                    types: Some(vec!["PERSON".into()]),
                    ..Default::default()
                },
                vec!["e1", "e3"],
                vec!["FELL_OUT_WITH"],
            ),
            (
                Filter {
                    drop_isolated: true,
                    ..Default::default()
                },
                vec!["e1", "e2", "e3"],
                vec!["FOUNDED", "WORKED_AT", "FELL_OUT_WITH"],
            ),
        ];
        for (f, want_ids, want_kinds) in cases {
            let out = f.apply(&d).unwrap();
            assert_eq!(ids(&out), want_ids, "{f:?}");
            assert_eq!(kinds(&out), want_kinds, "{f:?}");
        }
    }

    #[test]
    fn lists_and_thresholds() {
        assert_eq!(
            Filter::parse_list(" founded,WORKED_AT ,").unwrap(),
            vec!["FOUNDED", "WORKED_AT"]
        );
        assert!(Filter::parse_list("a;b").is_err());
        assert!(Filter::parse_list(" , ").is_err());
        assert_eq!(Filter::parse_confidence("0.5").unwrap(), 0.5);
        assert!(Filter::parse_confidence("1.5").is_err());
        assert!(Filter::parse_confidence("NaN").is_err());
        let bad = Filter {
            min_confidence: Some(f32::NAN),
            ..Default::default()
        };
        assert!(bad.apply(&doc()).is_err());
    }
}
