//! `extract` on arbitrary bytes: the first byte picks the language and the
//! document date, the rest is the article, decoded as the CLI does (strict,
//! then `--lossy`). Checks the output's invariants, not just "no panic".
#![no_main]

use libfuzzer_sys::fuzz_target;
use nergraph::{CalDate, Document, Extractor, Lang, Options, decode};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::builtin().expect("built-in lexicons"))
}

/// Every offset slices the text to the given text; ids are consistent.
fn check(doc: &Document, text: &str) {
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
        assert!(!ent.name.is_empty() && !ent.mentions.is_empty(), "{ent:?}");
        for m in ent.mentions.iter().chain(&ent.references) {
            assert_eq!(slice(m.start, m.end), m.text, "mention of {}", ent.id);
            assert!(!m.text.contains('\0'));
        }
    }
    for r in &doc.relations {
        assert!(doc.entity(&r.source).is_some() && doc.entity(&r.target).is_some());
        for ev in std::iter::once(&r.evidence).chain(&r.more_evidence) {
            assert_eq!(slice(ev.start, ev.end), ev.text, "evidence");
        }
    }
    let line = doc.to_json_line();
    let back: Document = serde_json::from_str(&line).expect("JSON output reads back");
    assert_eq!(back.entities.len(), doc.entities.len());
    let _ = nergraph::export::dot::dot(doc);
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let lang = match sel % 3 {
        0 => None,
        1 => Some(Lang::Fr),
        _ => Some(Lang::En),
    };
    let doc_date = (sel & 0x80 != 0).then_some(CalDate {
        year: 2024,
        month: 2,
        day: 29,
    });
    let opts = Options { lang, doc_date };
    let strict = decode(rest, false);
    let text = decode(rest, true).expect("lossy decoding never fails");
    if let Ok(s) = &strict {
        assert_eq!(s, &text);
    }
    let doc = extractor().extract(&text, &opts).expect("extract");
    check(&doc, &text);
});
