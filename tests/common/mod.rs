//! Checks shared by the robustness tests.
#![allow(dead_code)]

use nergraph::Document;

/// A small French news paragraph written for these tests.
pub const ARTICLE: &str = "Le 3 mars 2021, Marc Durand, PDG de Globex SA, a quitté Globex. \
Il avait fondé Initech avec Anne Martin en 2015. « Nous partons », a dit M. Durand. \
Anne Martin s'est brouillée avec Marc Durand ; elle travaille désormais chez Acme.";

/// Every mention, reference and evidence of `doc` slices `text` (in code
/// points) to its own text; relation ends exist; the JSON reads back.
pub fn check(doc: &Document, text: &str) {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let slice = |s: usize, e: usize| -> &str {
        assert!(s < e && e < bounds.len(), "bad offsets {s}..{e}");
        &text[bounds[s]..bounds[e]]
    };
    for ent in &doc.entities {
        assert!(!ent.name.is_empty(), "{ent:?}");
        assert!(!ent.mentions.is_empty(), "{ent:?}");
        for m in ent.mentions.iter().chain(&ent.references) {
            assert_eq!(slice(m.start, m.end), m.text, "a mention of {}", ent.id);
            assert!(!m.text.contains('\0'), "{m:?}");
        }
    }
    for r in &doc.relations {
        assert!(doc.entity(&r.source).is_some(), "{r:?}");
        assert!(doc.entity(&r.target).is_some(), "{r:?}");
        for ev in std::iter::once(&r.evidence).chain(&r.more_evidence) {
            assert_eq!(slice(ev.start, ev.end), ev.text, "evidence of {r:?}");
        }
    }
    let back: Document = serde_json::from_str(&doc.to_json_line()).expect("JSON reads back");
    assert_eq!(back.entities.len(), doc.entities.len());
}
