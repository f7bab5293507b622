//! Span scoring of one document: exact and overlap matches per label, date
//! values, and the errors behind them.

use super::report::Counts;
use super::{EvalOptions, GoldDoc, LABELS, PredDoc, char_slice};
use std::collections::{BTreeSet, HashSet};

/// A span: (start, end) in code points.
pub(crate) type Span = (usize, usize);

/// One error: which side, its class, and the text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct SpanError {
    /// "false positive" or "miss".
    pub side: &'static str,
    /// spurious / missed; boundary (overlaps a span of the label on the other
    /// side); type (the same span has another label on the other side);
    /// overlap-type (overlaps a span with another label on the other side).
    pub class: String,
    /// The text of the span.
    pub text: String,
}

/// Scores of one label in one document.
#[derive(Clone, Debug, Default)]
pub(crate) struct LabelScore {
    pub exact: Counts,
    pub overlap: Counts,
    pub errors: Vec<SpanError>,
}

/// Scores of one document.
#[derive(Clone, Debug, Default)]
pub(crate) struct DocSpans {
    /// In the order of [`LABELS`].
    pub labels: Vec<LabelScore>,
    /// Gold DATE spans with a value, and those of them found with that value.
    pub date_values: (usize, usize),
}

fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Size of a maximum one-to-one matching between `preds` and `golds` where
/// an edge is an overlap (Kuhn's augmenting paths), and which preds matched.
fn overlap_matching(preds: &[Span], golds: &[Span]) -> (usize, Vec<bool>) {
    let adj: Vec<Vec<usize>> = preds
        .iter()
        .map(|&p| {
            (0..golds.len())
                .filter(|&g| overlaps(p, golds[g]))
                .collect()
        })
        .collect();
    let mut gold_to: Vec<Option<usize>> = vec![None; golds.len()];
    fn augment(
        p: usize,
        adj: &[Vec<usize>],
        seen: &mut [bool],
        gold_to: &mut [Option<usize>],
    ) -> bool {
        for &g in &adj[p] {
            if seen[g] {
                continue;
            }
            seen[g] = true;
            let free = match gold_to[g] {
                None => true,
                Some(q) => augment(q, adj, seen, gold_to),
            };
            if free {
                gold_to[g] = Some(p);
                return true;
            }
        }
        false
    }
    let mut size = 0;
    for p in 0..preds.len() {
        let mut seen = vec![false; golds.len()];
        if augment(p, &adj, &mut seen, &mut gold_to) {
            size += 1;
        }
    }
    let mut matched = vec![false; preds.len()];
    for p in gold_to.into_iter().flatten() {
        matched[p] = true;
    }
    (size, matched)
}

pub(crate) fn score_doc(g: &GoldDoc, p: &PredDoc, opts: &EvalOptions) -> DocSpans {
    // Each side as a set of (span, label).
    let gold_all: BTreeSet<(Span, &str)> = g
        .mentions
        .iter()
        .map(|m| ((m.start, m.end), m.label.as_str()))
        .collect();
    let pred_all: BTreeSet<(Span, &str)> = p
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |&s| (s, e.label.as_str())))
        .collect();
    let dropped =
        |label: &str, m: &super::GoldMention| opts.named_only && label != "DATE" && !m.named;
    let text_of = |s: Span| char_slice(&g.text, s.0, s.1);
    let mut labels = Vec::with_capacity(LABELS.len());
    for label in LABELS {
        let kept: BTreeSet<Span> = g
            .mentions
            .iter()
            .filter(|m| m.label == label && !dropped(label, m))
            .map(|m| (m.start, m.end))
            .collect();
        // A span kept by one gold entry is kept, even if another drops it.
        let ignored: BTreeSet<Span> = g
            .mentions
            .iter()
            .filter(|m| m.label == label && dropped(label, m))
            .map(|m| (m.start, m.end))
            .filter(|s| !kept.contains(s))
            .collect();
        let preds: BTreeSet<Span> = pred_all
            .iter()
            .filter(|(_, l)| *l == label)
            .map(|(s, _)| *s)
            .collect();
        // Exact.
        let exact_preds: Vec<Span> = preds
            .iter()
            .copied()
            .filter(|s| kept.contains(s) || !ignored.contains(s))
            .collect();
        let tp = exact_preds.iter().filter(|s| kept.contains(s)).count();
        let exact = Counts {
            gold: kept.len(),
            pred: exact_preds.len(),
            tp,
        };
        // Overlap.
        let golds: Vec<Span> = kept.iter().copied().collect();
        let all_preds: Vec<Span> = preds.iter().copied().collect();
        let (_, matched) = overlap_matching(&all_preds, &golds);
        let overlap_preds: Vec<Span> = all_preds
            .iter()
            .zip(&matched)
            .filter(|(s, m)| **m || !ignored.iter().any(|i| overlaps(**s, *i)))
            .map(|(s, _)| *s)
            .collect();
        let (otp, _) = overlap_matching(&overlap_preds, &golds);
        let overlap = Counts {
            gold: golds.len(),
            pred: overlap_preds.len(),
            tp: otp,
        };
        // Errors (exact spans).
        let mut errors = Vec::new();
        for &s in exact_preds.iter().filter(|s| !kept.contains(s)) {
            let class = if let Some((_, other)) =
                gold_all.iter().find(|(gs, gl)| *gs == s && *gl != label)
            {
                format!("type (gold {other})")
            } else if let Some(k) = kept.iter().find(|k| overlaps(**k, s)) {
                format!("boundary (gold \"{}\")", text_of(*k))
            } else if let Some((k, other)) = gold_all
                .iter()
                .find(|(gs, gl)| *gl != label && overlaps(*gs, s))
            {
                format!("overlap-type (gold {other} \"{}\")", text_of(*k))
            } else {
                "spurious".to_string()
            };
            errors.push(SpanError {
                side: "false positive",
                class,
                text: text_of(s),
            });
        }
        for &s in kept.iter().filter(|s| !preds.contains(s)) {
            let class = if let Some((_, other)) =
                pred_all.iter().find(|(ps, pl)| *ps == s && *pl != label)
            {
                format!("type (predicted {other})")
            } else if let Some(k) = preds.iter().find(|k| overlaps(**k, s)) {
                format!("boundary (predicted \"{}\")", text_of(*k))
            } else if let Some((k, other)) = pred_all
                .iter()
                .find(|(ps, pl)| *pl != label && overlaps(*ps, s))
            {
                format!("overlap-type (predicted {other} \"{}\")", text_of(*k))
            } else {
                "missed".to_string()
            };
            errors.push(SpanError {
                side: "miss",
                class,
                text: text_of(s),
            });
        }
        labels.push(LabelScore {
            exact,
            overlap,
            errors,
        });
    }
    // Date values.
    let pred_dates: Vec<(Span, &str)> = p
        .entities
        .iter()
        .filter(|e| e.label == "DATE")
        .filter_map(|e| e.value.as_deref().map(|v| (e, v)))
        .flat_map(|(e, v)| e.mentions.iter().map(move |&s| (s, v)))
        .collect();
    let mut seen = HashSet::new();
    let (mut total, mut right) = (0, 0);
    for m in g.mentions.iter().filter(|m| m.label == "DATE") {
        let Some(value) = m.value.as_deref() else {
            continue;
        };
        if !seen.insert((m.start, m.end)) {
            continue;
        }
        total += 1;
        if pred_dates
            .iter()
            .any(|(s, v)| *v == value && overlaps(*s, (m.start, m.end)))
        {
            right += 1;
        }
    }
    DocSpans {
        labels,
        date_values: (total, right),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_matching_is_one_to_one_and_maximum() {
        // (preds, golds, expected size)
        let cases: &[(&[Span], &[Span], usize)] = &[
            (&[(0, 10)], &[(0, 3), (5, 8)], 1),
            (&[(0, 3), (5, 8)], &[(0, 10)], 1),
            (&[(0, 5), (4, 6)], &[(4, 5), (0, 2)], 2),
            (&[(0, 2)], &[(2, 4)], 0),
            (&[], &[(0, 1)], 0),
        ];
        for (preds, golds, size) in cases {
            assert_eq!(
                overlap_matching(preds, golds).0,
                *size,
                "{preds:?} {golds:?}"
            );
        }
    }
}
