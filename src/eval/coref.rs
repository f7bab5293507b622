//! Clustering score: B³ over the gold PER/ORG mentions that the prediction found.
//!
//! A gold mention is *found* when a predicted PERSON or ORG mention overlaps it;
//! it then stands for that mention's entity. For every found mention `m`, with
//! `G` the found mentions of its gold cluster and `P` the found mentions of its
//! predicted entity, precision is `|G ∩ P| / |P|` and recall `|G ∩ P| / |G|`;
//! B³ averages them over all found mentions of all documents. Mentions the
//! prediction missed count in the span scores, not here, so this measures
//! resolution alone: wrong merges lower precision, missed merges recall.

use super::{GoldDoc, PredDoc};

/// Sums for B³ over one or more documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct BCubed {
    /// Found gold mentions.
    pub mentions: usize,
    /// Sum of per-mention precision.
    pub precision_sum: f64,
    /// Sum of per-mention recall.
    pub recall_sum: f64,
}

impl BCubed {
    /// Averaged precision, recall and F1 (None without mentions).
    pub fn prf(&self) -> Option<(f64, f64, f64)> {
        if self.mentions == 0 {
            return None;
        }
        let p = self.precision_sum / self.mentions as f64;
        let r = self.recall_sum / self.mentions as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Some((p, r, f))
    }

    /// Add another document's sums.
    pub fn add(&mut self, other: BCubed) {
        self.mentions += other.mentions;
        self.precision_sum += other.precision_sum;
        self.recall_sum += other.recall_sum;
    }
}

/// B³ sums of one document.
pub fn score_doc(g: &GoldDoc, p: &PredDoc, named_only: bool) -> BCubed {
    // (gold cluster, predicted entity) of each found gold mention.
    let mut found: Vec<(&str, usize)> = Vec::new();
    for m in &g.mentions {
        if !matches!(m.label.as_str(), "PER" | "ORG") || (named_only && !m.named) {
            continue;
        }
        let hit = p.entities.iter().enumerate().find_map(|(i, e)| {
            (matches!(e.label.as_str(), "PER" | "ORG")
                && e.mentions.iter().any(|&(s, t)| s < m.end && m.start < t))
            .then_some(i)
        });
        if let Some(e) = hit {
            found.push((m.cluster.as_str(), e));
        }
    }
    let mut out = BCubed::default();
    for &(c, e) in &found {
        let g_n = found.iter().filter(|x| x.0 == c).count();
        let p_n = found.iter().filter(|x| x.1 == e).count();
        let both = found.iter().filter(|x| x.0 == c && x.1 == e).count();
        out.mentions += 1;
        out.precision_sum += both as f64 / p_n as f64;
        out.recall_sum += both as f64 / g_n as f64;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{GoldMention, PredEntity};

    fn gold(clusters: &[&str]) -> GoldDoc {
        GoldDoc {
            mentions: clusters
                .iter()
                .enumerate()
                .map(|(i, c)| GoldMention {
                    start: i * 10,
                    end: i * 10 + 5,
                    label: "PER".into(),
                    cluster: c.to_string(),
                    named: true,
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    fn pred(groups: &[&[usize]]) -> PredDoc {
        PredDoc {
            entities: groups
                .iter()
                .map(|g| PredEntity {
                    label: "PER".into(),
                    value: None,
                    mentions: g.iter().map(|&i| (i * 10, i * 10 + 5)).collect(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn hand_computed() {
        // Perfect: two clusters of two.
        let s = score_doc(
            &gold(&["a", "a", "b", "b"]),
            &pred(&[&[0, 1], &[2, 3]]),
            false,
        );
        assert_eq!(s.prf(), Some((1.0, 1.0, 1.0)));
        // Everything merged: each mention's precision is 2/4, recall 1.
        let s = score_doc(&gold(&["a", "a", "b", "b"]), &pred(&[&[0, 1, 2, 3]]), false);
        assert_eq!(s.prf().unwrap().0, 0.5);
        assert_eq!(s.prf().unwrap().1, 1.0);
        // Nothing merged: precision 1, recall 1/2.
        let s = score_doc(
            &gold(&["a", "a", "b", "b"]),
            &pred(&[&[0], &[1], &[2], &[3]]),
            false,
        );
        assert_eq!(s.prf().unwrap().0, 1.0);
        assert_eq!(s.prf().unwrap().1, 0.5);
        // A missed mention is not counted.
        let s = score_doc(&gold(&["a", "a", "b"]), &pred(&[&[0, 1]]), false);
        assert_eq!(s.mentions, 2);
    }
}
