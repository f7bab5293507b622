//! The lexicon file parser and the relation pattern parser on arbitrary text:
//! errors, never panics, and every error is `path:line:column: message`
//! pointing inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nergraph::ErrorKind;
use nergraph::lexicon::parse;
use nergraph::relate::Pattern;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

fn check_error(e: &nergraph::Error, text: &str) {
    let s = e.to_string();
    assert!(s.starts_with("f.tsv:") && !s.contains('\n'), "{s}");
    if let ErrorKind::Lexicon { line, column, .. } = e.kind() {
        let lines: Vec<&str> = text.lines().collect();
        assert!(*line >= 1 && *line <= lines.len().max(1), "{s}");
        let width = lines.get(line - 1).map_or(0, |l| l.chars().count());
        assert!(*column >= 1 && *column <= width + 1, "{s}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path: Arc<Path> = Arc::from(Path::new("f.tsv"));
    let rows = match parse(&path, text) {
        Ok(rows) => rows,
        Err(e) => return check_error(&e, text),
    };
    let mut classes = HashMap::new();
    classes.insert(
        "role".to_string(),
        vec!["pdg".to_string(), "ceo".to_string()],
    );
    classes.insert("kin".to_string(), vec!["frere".to_string()]);
    for row in &rows {
        for i in 0..row.fields.len() + 1 {
            let _ = row.opt(i);
            if let Err(e) = row.field(i, "something") {
                check_error(&e, text);
            }
        }
        match Pattern::parse(row, &classes) {
            Ok(p) => {
                assert!(p.elems.len() >= 2);
                // Run the pattern on the row's own words, as items.
                let items: Vec<nergraph::relate::Item> = row
                    .fields
                    .iter()
                    .flat_map(|f| f.split_whitespace())
                    .enumerate()
                    .map(|(i, w)| match w.len() % 3 {
                        0 => nergraph::relate::Item::Entity {
                            id: i,
                            label: nergraph::recognize::Label::Person,
                            weak: i % 2 == 0,
                        },
                        1 => nergraph::relate::Item::Entity {
                            id: i,
                            label: nergraph::recognize::Label::Org,
                            weak: false,
                        },
                        _ => nergraph::relate::Item::Word(w.to_lowercase().into()),
                    })
                    .collect();
                for m in p.find(&items) {
                    assert!(m.start <= m.end && m.end <= items.len());
                }
            }
            Err(e) => check_error(&e, text),
        }
    }
});
