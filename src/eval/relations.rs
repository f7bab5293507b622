//! Relation scoring at cluster level.
//!
//! - **Type mapping.** A [`RelationMap`] (`data/eval/<corpus>.tsv`, or a file
//!   of the same form) maps corpus types to nergraph's, with a direction:
//!   `forward` (the corpus head is our source), `reverse` (the corpus head is
//!   our target) or `symmetric`. Gold relations of unmapped types are not
//!   scored, nor are predicted relations of a type no row maps to.
//! - **Entities to clusters.** A predicted entity stands for the gold cluster
//!   that the most of its mentions hit: first by mentions with exactly a span
//!   of that cluster, then by mentions overlapping one; a tie goes to the
//!   cluster mentioned first. An entity none of whose mentions overlaps a gold
//!   mention stands for no cluster.
//! - **Matching.** Each side is a set of (type, source cluster, target
//!   cluster), pairs sorted for symmetric types; a predicted relation with an
//!   end that stands for no cluster is a false positive (each such edge counts
//!   once).

use super::report::Counts;
use super::{GoldDoc, PredDoc};
use crate::error::{Error, Result};
use crate::lexicon;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

/// Which way a corpus relation reads as ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Corpus head = our source.
    Forward,
    /// Corpus head = our target.
    Reverse,
    /// Either way.
    Symmetric,
}

/// Corpus relation types mapped to nergraph's.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationMap {
    /// Where it came from ("popcorn", "redocred" or a path).
    pub name: String,
    /// (corpus type, nergraph type, direction).
    pub rows: Vec<(String, String, Direction)>,
    /// Per row: the gold labels allowed at the corpus head and tail (empty: any).
    pub labels: Vec<(Vec<String>, Vec<String>)>,
}

/// The built-in maps: (name, contents).
pub const BUILTIN: &[(&str, &str)] = &[
    ("popcorn", include_str!("../../data/eval/popcorn.tsv")),
    ("redocred", include_str!("../../data/eval/redocred.tsv")),
];

impl RelationMap {
    /// Parse a map file; errors name `path:line:column`.
    pub fn parse(contents: &str, path: &str) -> Result<RelationMap> {
        let path: Arc<Path> = Arc::from(Path::new(path));
        let mut rows = Vec::new();
        let mut labels = Vec::new();
        for row in lexicon::parse(&path, contents)? {
            let corpus = row.field(0, "a corpus relation type")?;
            let ours = row.field(1, "a nergraph relation type")?;
            let dir = match row.field(2, "forward, reverse or symmetric")? {
                "forward" => Direction::Forward,
                "reverse" => Direction::Reverse,
                "symmetric" => Direction::Symmetric,
                _ => return Err(row.error(2, "expected forward, reverse or symmetric")),
            };
            if row.fields.len() > 5 {
                return Err(row.error(5, "expected at most 5 fields"));
            }
            let allowed = |i: usize| -> Vec<String> {
                match row.opt(i) {
                    "" | "*" => Vec::new(),
                    l => l.split('|').map(str::to_string).collect(),
                }
            };
            labels.push((allowed(3), allowed(4)));
            rows.push((corpus.to_string(), ours.to_string(), dir));
        }
        Ok(RelationMap {
            name: path.display().to_string(),
            rows,
            labels,
        })
    }

    /// A built-in map by name (`popcorn`, `redocred`).
    pub fn builtin(name: &str) -> Option<RelationMap> {
        let (_, contents) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        let mut map = RelationMap::parse(contents, &format!("<builtin>/data/eval/{name}.tsv"))
            .expect("built-in relation maps are well-formed (tested)");
        map.name = name.to_string();
        Some(map)
    }

    /// A built-in map by name, or else a map file.
    pub fn load(name_or_path: &str) -> Result<RelationMap> {
        if let Some(map) = RelationMap::builtin(name_or_path) {
            return Ok(map);
        }
        let contents = std::fs::read_to_string(name_or_path).map_err(|e| {
            Error::bad_argument(format!(
                "{name_or_path}: {e} (--relations takes popcorn, redocred or a TSV file)"
            ))
        })?;
        RelationMap::parse(&contents, name_or_path)
    }

    /// The built-in map that knows the most of `gold`'s relation types, if
    /// it knows any.
    pub fn guess(gold: &[GoldDoc]) -> Option<RelationMap> {
        let types: BTreeSet<&str> = gold
            .iter()
            .flat_map(|g| g.relations.iter().map(|r| r.kind.as_str()))
            .collect();
        BUILTIN
            .iter()
            .filter_map(|(name, _)| RelationMap::builtin(name))
            .map(|m| {
                let known = m
                    .rows
                    .iter()
                    .filter(|(c, _, _)| types.contains(c.as_str()))
                    .count();
                (known, m)
            })
            .filter(|(known, _)| *known > 0)
            .max_by_key(|(known, _)| *known)
            .map(|(_, m)| m)
    }

    /// Our types, sorted.
    pub fn our_types(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self.rows.iter().map(|(_, o, _)| o.as_str()).collect();
        set.into_iter().map(str::to_string).collect()
    }

    fn direction_of_ours(&self, ours: &str) -> Option<Direction> {
        self.rows
            .iter()
            .find(|(_, o, _)| o == ours)
            .map(|(_, _, d)| *d)
    }
}

/// Relation counts of one document, per nergraph type.
pub(crate) type DocRelations = BTreeMap<String, Counts>;

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The gold cluster each predicted entity stands for.
pub(crate) fn clusters_of(g: &GoldDoc, p: &PredDoc) -> Vec<Option<String>> {
    p.entities
        .iter()
        .map(|e| {
            // cluster → (exact hits, overlapping mentions, first gold position)
            let mut score: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
            for &s in &e.mentions {
                // cluster → (exact hit, first gold mention overlapped)
                let mut hit: BTreeMap<&str, (bool, usize)> = BTreeMap::new();
                for (i, m) in g.mentions.iter().enumerate() {
                    if overlaps(s, (m.start, m.end)) {
                        let h = hit.entry(m.cluster.as_str()).or_insert((false, i));
                        h.0 |= s == (m.start, m.end);
                    }
                }
                for (c, (exact, first)) in hit {
                    let v = score.entry(c).or_insert((0, 0, first));
                    v.0 += usize::from(exact);
                    v.1 += 1;
                    v.2 = v.2.min(first);
                }
            }
            score
                .into_iter()
                .max_by(|a, b| (a.1.0, a.1.1).cmp(&(b.1.0, b.1.1)).then(b.1.2.cmp(&a.1.2)))
                .map(|(c, _)| c.to_string())
        })
        .collect()
}

pub(crate) fn score_doc(g: &GoldDoc, p: &PredDoc, map: &RelationMap) -> DocRelations {
    let key = |kind: &str, a: String, b: String, dir: Direction| {
        if dir == Direction::Symmetric && b < a {
            (kind.to_string(), b, a)
        } else {
            (kind.to_string(), a, b)
        }
    };
    // Gold labels of each cluster, for the map's label constraints.
    let mut cluster_labels: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for m in &g.mentions {
        cluster_labels
            .entry(m.cluster.as_str())
            .or_default()
            .insert(m.label.as_str());
    }
    let fits = |cluster: &str, allowed: &[String]| {
        allowed.is_empty()
            || cluster_labels
                .get(cluster)
                .is_some_and(|ls| allowed.iter().any(|a| ls.contains(a.as_str())))
    };
    let mut gold = BTreeSet::new();
    for r in &g.relations {
        for (i, (corpus, ours, dir)) in map.rows.iter().enumerate() {
            if *corpus != r.kind {
                continue;
            }
            let (heads, tails) = &map.labels[i];
            if !fits(&r.head, heads) || !fits(&r.tail, tails) {
                continue;
            }
            let (a, b) = match dir {
                Direction::Reverse => (r.tail.clone(), r.head.clone()),
                _ => (r.head.clone(), r.tail.clone()),
            };
            gold.insert(key(ours, a, b, *dir));
        }
    }
    let clusters = clusters_of(g, p);
    let mut pred = BTreeSet::new();
    for r in &p.relations {
        let Some(dir) = map.direction_of_ours(&r.kind) else {
            continue;
        };
        let end = |i: Option<usize>, fallback: String| {
            i.and_then(|i| clusters.get(i).cloned().flatten())
                .unwrap_or(fallback)
        };
        // An end standing for no cluster gets a name no gold cluster has.
        let a = end(r.source, format!("\u{0}pred:{:?}", r.source));
        let b = end(r.target, format!("\u{0}pred:{:?}", r.target));
        pred.insert(key(&r.kind, a, b, dir));
    }
    let mut out = DocRelations::new();
    for ours in map.our_types() {
        let g_set: BTreeSet<_> = gold.iter().filter(|k| k.0 == ours).collect();
        let p_set: BTreeSet<_> = pred.iter().filter(|k| k.0 == ours).collect();
        out.insert(
            ours,
            Counts {
                gold: g_set.len(),
                pred: p_set.len(),
                tp: g_set.intersection(&p_set).count(),
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_map_to_the_cluster_they_hit_best() {
        let g = GoldDoc::parse(
            concat!(
                r#"{"id":"x","text":"Ann Lee's firm hired Ann Lee.","entities":["#,
                r#"{"start":0,"end":7,"label":"PER","cluster":"p"},"#,
                r#"{"start":0,"end":14,"label":"ORG","cluster":"o"},"#,
                r#"{"start":21,"end":28,"label":"PER","cluster":"p"}]}"#
            ),
            "t",
        )
        .unwrap();
        // (mention spans of one predicted entity, cluster)
        let cases: &[(&[(usize, usize)], Option<&str>)] = &[
            (&[(0, 7)], Some("p")),            // exact beats overlap
            (&[(4, 7)], Some("p")),            // a tie goes to the first mentioned
            (&[(10, 14)], Some("o")),          // only the firm
            (&[(9, 14), (21, 28)], Some("p")), // overlaps: 1 for o, 1 for p; exact p
            (&[(15, 20)], None),               // "hired"
        ];
        for (mentions, want) in cases {
            let p = PredDoc {
                id: "x".into(),
                entities: vec![super::super::PredEntity {
                    label: "PER".into(),
                    value: None,
                    mentions: mentions.to_vec(),
                }],
                relations: vec![],
            };
            assert_eq!(clusters_of(&g, &p)[0].as_deref(), *want, "{mentions:?}");
        }
    }

    #[test]
    fn builtin_maps_parse() {
        for (name, _) in BUILTIN {
            let m = RelationMap::builtin(name).unwrap();
            assert!(!m.rows.is_empty(), "{name}");
        }
    }

    #[test]
    fn bad_map_lines_name_path_line_column() {
        let cases = [
            ("P108\tWORKED_AT\tsideways\n", "m.tsv:1:"),
            ("# c\nP108\tWORKED_AT\n", "m.tsv:2:"),
            ("P108\tWORKED_AT\tforward\tPER\tORG\textra\n", "m.tsv:1:"),
        ];
        for (contents, prefix) in cases {
            let e = RelationMap::parse(contents, "m.tsv").unwrap_err();
            assert!(e.to_string().starts_with(prefix), "{e}");
        }
    }
}
