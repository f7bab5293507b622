//! Building an extractor from a fuzzed lexicon file laid over the built-in ones
//! (the first byte picks which file), then extracting a fixed text with it.
//! Slow (it compiles every automaton): run it with a small -max_len.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nergraph::lexicon::{BUILTIN, LexiconSet};
use nergraph::{Extractor, Options};
use std::path::Path;
use std::sync::OnceLock;

const TEXT: &str = "Le 3 mars 2021, Marc Durand, PDG de Globex SA, a quitté Globex. \
    Il avait fondé Initech avec Anne Martin en 2015. Musk s'est brouillé avec Altman. \
    Microsoft acquired GitHub in June 2018; Satya Nadella said his firm was glad.";

fn builtin() -> &'static LexiconSet {
    static SET: OnceLock<LexiconSet> = OnceLock::new();
    SET.get_or_init(|| LexiconSet::builtin().expect("built-in lexicons"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(contents) = std::str::from_utf8(rest) else {
        return;
    };
    let (part, file, _) = BUILTIN[sel as usize % BUILTIN.len()];
    let mut set = builtin().clone();
    let path = Path::new("fuzz.tsv");
    if let Err(e) = set.add_file(part, file, path, contents) {
        let s = e.to_string();
        assert!(s.starts_with("fuzz.tsv:") && !s.contains('\n'), "{s}");
        return;
    }
    for w in set.warnings() {
        assert!(w.starts_with("fuzz.tsv:") && !w.contains('\n'), "{w}");
    }
    match Extractor::from_lexicons(&set) {
        Ok(ex) => {
            let doc = ex.extract(TEXT, &Options::default()).expect("extract");
            for e in &doc.entities {
                for m in &e.mentions {
                    assert_eq!(
                        TEXT.chars()
                            .skip(m.start)
                            .take(m.end - m.start)
                            .collect::<String>(),
                        m.text
                    );
                }
            }
        }
        Err(e) => {
            let s = e.to_string();
            assert!(!s.contains('\n'), "{s}");
        }
    }
});
