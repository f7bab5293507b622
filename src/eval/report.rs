//! The evaluation report: totals, errors, and their text and JSON forms.

use super::relations::DocRelations;
use super::spans::{DocSpans, SpanError};
use super::{EvalOptions, GoldDoc, LABELS};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// Gold, predicted and matched counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Gold items.
    pub gold: usize,
    /// Predicted items.
    pub pred: usize,
    /// Matched items.
    pub tp: usize,
}

impl Counts {
    /// tp / pred, none without predictions.
    pub fn precision(&self) -> Option<f64> {
        (self.pred > 0).then(|| self.tp as f64 / self.pred as f64)
    }

    /// tp / gold, none without gold items.
    pub fn recall(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.tp as f64 / self.gold as f64)
    }

    /// 2 tp / (gold + pred), none when both are zero.
    pub fn f1(&self) -> Option<f64> {
        (self.gold + self.pred > 0).then(|| 2.0 * self.tp as f64 / (self.gold + self.pred) as f64)
    }

    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.tp += o.tp;
    }
}

/// Scores of one label (or relation type).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TypeScore {
    /// PER, ORG, DATE (or a relation type).
    pub label: String,
    /// False when the gold file has no item of this label at all: the corpus
    /// does not annotate it, and predictions of it are not scored.
    pub annotated: bool,
    /// Exact-span counts.
    pub exact: Counts,
    /// Overlap counts (spans only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overlap: Option<Counts>,
    /// Exact precision.
    pub precision: Option<f64>,
    /// Exact recall.
    pub recall: Option<f64>,
    /// Exact F1.
    pub f1: Option<f64>,
    /// Overlap F1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overlap_f1: Option<f64>,
}

impl TypeScore {
    fn finish(&mut self) {
        if !self.annotated {
            return;
        }
        self.precision = self.exact.precision();
        self.recall = self.exact.recall();
        self.f1 = self.exact.f1();
        self.overlap_f1 = self.overlap.and_then(|o| o.f1());
    }
}

/// One of the most frequent errors.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorItem {
    /// The label.
    pub label: String,
    /// "false positive" or "miss".
    pub side: String,
    /// spurious / missed, boundary (overlaps a span of the label on the other
    /// side), type (the same span has another label on the other side).
    pub class: String,
    /// The text (empty in class totals).
    pub text: String,
    /// How many times.
    pub count: usize,
}

/// One document's scores.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DocScore {
    /// Document id.
    pub id: String,
    /// Exact-span counts per label, in the order of [`LABELS`].
    pub labels: Vec<TypeScore>,
    /// Relation counts (all mapped types), when relations are scored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relations: Option<Counts>,
}

/// Date value accuracy.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DateValues {
    /// Gold DATE spans with a value.
    pub gold: usize,
    /// Those overlapped by a predicted DATE with the same value.
    pub right: usize,
    /// right / gold.
    pub accuracy: Option<f64>,
}

/// Relation scores.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RelationScores {
    /// The type mapping used.
    pub map: String,
    /// All mapped types together.
    pub total: TypeScore,
    /// Per nergraph type.
    pub types: Vec<TypeScore>,
}

/// The whole report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Gold documents scored.
    pub documents: usize,
    /// Whether non-name gold mentions were left out.
    pub named_only: bool,
    /// Gold ids with no prediction (scored as empty).
    pub missing_predictions: Vec<String>,
    /// Predicted documents whose id the gold file does not have.
    pub unmatched_predictions: usize,
    /// PER, ORG, DATE.
    pub types: Vec<TypeScore>,
    /// Date values.
    pub date_values: DateValues,
    /// Relations, when scored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relations: Option<RelationScores>,
    /// B³ clustering over the gold PER/ORG mentions found (see `eval::coref`).
    pub coref: super::coref::BCubed,
    /// Error totals per label, side and class (with `errors`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub error_classes: Vec<ErrorItem>,
    /// The most frequent errors per label and side (with `errors`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorItem>,
    /// Per document (with `by_doc`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<DocScore>,
    #[serde(skip)]
    error_counts: HashMap<(usize, SpanError), (usize, String)>,
}

impl Report {
    pub(crate) fn new(opts: &EvalOptions) -> Report {
        Report {
            named_only: opts.named_only,
            types: LABELS
                .iter()
                .map(|l| TypeScore {
                    label: l.to_string(),
                    overlap: Some(Counts::default()),
                    ..TypeScore::default()
                })
                .collect(),
            relations: opts.relations.as_ref().map(|m| RelationScores {
                map: m.name.clone(),
                total: TypeScore {
                    label: "ALL".to_string(),
                    ..TypeScore::default()
                },
                types: m
                    .our_types()
                    .into_iter()
                    .map(|t| TypeScore {
                        label: t,
                        ..TypeScore::default()
                    })
                    .collect(),
            }),
            ..Report::default()
        }
    }

    pub(crate) fn add(
        &mut self,
        g: &GoldDoc,
        doc: DocSpans,
        rel: Option<DocRelations>,
        opts: &EvalOptions,
    ) {
        let mut doc_labels = Vec::new();
        for (i, ls) in doc.labels.into_iter().enumerate() {
            let t = &mut self.types[i];
            t.exact.add(&ls.exact);
            if let Some(o) = t.overlap.as_mut() {
                o.add(&ls.overlap);
            }
            if opts.errors > 0 {
                for e in ls.errors {
                    // Grouped by the class's kind (its first word) and the
                    // text; the first full class seen is kept as the example.
                    let kind = e.class.split(' ').next().unwrap_or("").to_string();
                    let detail = e.class.clone();
                    let key = (i, SpanError { class: kind, ..e });
                    self.error_counts.entry(key).or_insert((0, detail)).0 += 1;
                }
            }
            doc_labels.push(TypeScore {
                label: t.label.clone(),
                exact: ls.exact,
                ..TypeScore::default()
            });
        }
        self.date_values.gold += doc.date_values.0;
        self.date_values.right += doc.date_values.1;
        let mut doc_rel = None;
        if let (Some(rs), Some(rel)) = (self.relations.as_mut(), rel) {
            let mut sum = Counts::default();
            for t in rs.types.iter_mut() {
                if let Some(c) = rel.get(&t.label) {
                    t.exact.add(c);
                    sum.add(c);
                }
            }
            rs.total.exact.add(&sum);
            doc_rel = Some(sum);
        }
        if opts.by_doc {
            self.docs.push(DocScore {
                id: g.id.clone(),
                labels: doc_labels,
                relations: doc_rel,
            });
        }
    }

    pub(crate) fn finish(&mut self, opts: &EvalOptions) {
        for t in self.types.iter_mut() {
            t.annotated = t.exact.gold > 0;
            t.finish();
        }
        let dv = &mut self.date_values;
        dv.accuracy = (dv.gold > 0).then(|| dv.right as f64 / dv.gold as f64);
        if let Some(rs) = self.relations.as_mut() {
            rs.total.annotated = true;
            rs.total.finish();
            for t in rs.types.iter_mut() {
                t.annotated = true;
                t.finish();
            }
        }
        for d in self.docs.iter_mut() {
            for (t, file) in d.labels.iter_mut().zip(&self.types) {
                t.annotated = file.annotated;
                t.precision = None;
                t.recall = None;
                t.f1 = None;
                t.finish();
            }
        }
        if opts.errors == 0 {
            return;
        }
        let mut classes: BTreeMap<(usize, &str, &str), usize> = BTreeMap::new();
        let types = &self.types;
        let mut items: Vec<(&(usize, SpanError), &(usize, String))> = self
            .error_counts
            .iter()
            .filter(|((i, _), _)| types[*i].annotated)
            .collect();
        for ((i, e), n) in &items {
            *classes.entry((*i, e.side, e.class.as_str())).or_insert(0) += n.0;
        }
        self.error_classes = classes
            .into_iter()
            .map(|((i, side, class), count)| ErrorItem {
                label: LABELS[i].to_string(),
                side: side.to_string(),
                class: class.to_string(),
                text: String::new(),
                count,
            })
            .collect();
        // Most frequent first, then by label, side, class and text.
        items.sort_by(|a, b| {
            (a.0.0, a.0.1.side)
                .cmp(&(b.0.0, b.0.1.side))
                .then(b.1.0.cmp(&a.1.0))
                .then(a.0.1.cmp(&b.0.1))
        });
        let mut taken: HashMap<(usize, &str), usize> = HashMap::new();
        let mut errors = Vec::new();
        for ((i, e), (n, example)) in items {
            let k = taken.entry((*i, e.side)).or_insert(0);
            if *k >= opts.errors {
                continue;
            }
            *k += 1;
            errors.push(ErrorItem {
                label: LABELS[*i].to_string(),
                side: e.side.to_string(),
                class: example.clone(),
                text: e.text.clone(),
                count: *n,
            });
        }
        self.errors = errors;
    }

    /// Machine-readable form.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a Report always serializes")
    }

    /// The text form: one line per label ending with the exact-span F1, then
    /// date values, relations, errors and documents.
    pub fn to_text(&self) -> String {
        let f = |x: Option<f64>| x.map_or_else(|| "  -  ".to_string(), |v| format!("{v:.3}"));
        let mut out = String::new();
        let counts: Vec<String> = self
            .types
            .iter()
            .map(|t| {
                format!(
                    "{} {}/{}/{}",
                    t.label, t.exact.gold, t.exact.pred, t.exact.tp
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "# {} documents{}; exact spans gold/predicted/matched: {}",
            self.documents,
            if self.named_only { ", names only" } else { "" },
            counts.join("  ")
        );
        let not_annotated: Vec<&str> = self
            .types
            .iter()
            .filter(|t| !t.annotated)
            .map(|t| t.label.as_str())
            .collect();
        if !not_annotated.is_empty() {
            let _ = writeln!(
                out,
                "# not annotated in the gold file, not scored: {}",
                not_annotated.join(" ")
            );
        }
        if !self.missing_predictions.is_empty() {
            let _ = writeln!(
                out,
                "# {} gold documents had no prediction (scored as empty): {}",
                self.missing_predictions.len(),
                self.missing_predictions.join(" ")
            );
        }
        if self.unmatched_predictions > 0 {
            let _ = writeln!(
                out,
                "# {} predicted documents have an id the gold file does not have",
                self.unmatched_predictions
            );
        }
        for t in &self.types {
            let _ = writeln!(
                out,
                "{:<5} P {}  R {}  overlap-F1 {}  F1 {}",
                t.label,
                f(t.precision),
                f(t.recall),
                f(t.overlap_f1),
                f(t.f1)
            );
        }
        let dv = &self.date_values;
        let _ = writeln!(
            out,
            "DATE-value  accuracy {}  ({}/{} gold dates with a value)",
            f(dv.accuracy),
            dv.right,
            dv.gold
        );
        if let Some((p, r, f1)) = self.coref.prf() {
            let _ = writeln!(
                out,
                "COREF B3  P {}  R {}  F1 {}  (over {} gold PER/ORG mentions found)",
                f(Some(p)),
                f(Some(r)),
                f(Some(f1)),
                self.coref.mentions
            );
        }
        if let Some(rs) = &self.relations {
            for t in std::iter::once(&rs.total).chain(&rs.types) {
                let _ = writeln!(
                    out,
                    "REL {:<13} P {}  R {}  F1 {}  (gold {}, predicted {}, matched {}; map {})",
                    t.label,
                    f(t.precision),
                    f(t.recall),
                    f(t.f1),
                    t.exact.gold,
                    t.exact.pred,
                    t.exact.tp,
                    rs.map
                );
            }
        }
        if !self.error_classes.is_empty() {
            let _ = writeln!(out, "\n# errors by class (exact spans)");
            for e in &self.error_classes {
                let _ = writeln!(
                    out,
                    "{:<5} {:<15} {:<12} {}",
                    e.label, e.side, e.class, e.count
                );
            }
            let _ = writeln!(out, "\n# most frequent errors");
            for e in &self.errors {
                let _ = writeln!(
                    out,
                    "{:<5} {:<15} {:>4}  {}  [{}]",
                    e.label,
                    e.side,
                    e.count,
                    e.text.replace('\n', " "),
                    e.class.replace('\n', " ")
                );
            }
        }
        if !self.docs.is_empty() {
            let _ = writeln!(out, "\n# per document: label gold/predicted/matched F1");
            for d in &self.docs {
                let mut line = d.id.clone();
                for t in &d.labels {
                    let _ = write!(
                        line,
                        "  {} {}/{}/{} {}",
                        t.label,
                        t.exact.gold,
                        t.exact.pred,
                        t.exact.tp,
                        f(t.f1)
                    );
                }
                if let Some(r) = &d.relations {
                    let _ = write!(line, "  REL {}/{}/{}", r.gold, r.pred, r.tp);
                }
                let _ = writeln!(out, "{line}");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_give_precision_recall_f1() {
        // (gold, pred, tp) → (P, R, F1)
        let cases = [
            ((4, 2, 1), (Some(0.5), Some(0.25), Some(1.0 / 3.0))),
            ((0, 0, 0), (None, None, None)),
            ((3, 0, 0), (None, Some(0.0), Some(0.0))),
            ((0, 2, 0), (Some(0.0), None, Some(0.0))),
            ((2, 2, 2), (Some(1.0), Some(1.0), Some(1.0))),
        ];
        for ((gold, pred, tp), (p, r, f1)) in cases {
            let c = Counts { gold, pred, tp };
            assert_eq!((c.precision(), c.recall()), (p, r), "{c:?}");
            match (c.f1(), f1) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{c:?}"),
                (a, b) => assert_eq!(a, b, "{c:?}"),
            }
        }
    }
}
