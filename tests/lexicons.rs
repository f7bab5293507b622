//! The built-in lexicon files stay sorted (so that a reader finds an entry, and a
//! merge conflict shows), and every one of them parses.

use nergraph::lexicon::{BUILTIN, LexiconSet};

/// The sort key of a row: relation patterns by (type, rule id); dates.tsv is
/// sorted within its sections (checked by its own module); others by first field.
fn key(file: &str, line: &str) -> Option<String> {
    let fields: Vec<&str> = line.split('\t').collect();
    match file {
        "dates.tsv" => None,
        "relations.tsv" => Some(format!("{}\t{}", fields[0], fields.get(1).unwrap_or(&""))),
        _ => Some(fields[0].trim().to_lowercase()),
    }
}

#[test]
fn builtin_lexicons_are_sorted() {
    let mut problems = Vec::new();
    for (part, file, contents) in BUILTIN {
        let rows: Vec<&str> = contents
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .collect();
        let keys: Vec<String> = rows.iter().filter_map(|l| key(file, l)).collect();
        for w in keys.windows(2) {
            if w[0] > w[1] {
                problems.push(format!("{part}/{file}: {:?} before {:?}", w[0], w[1]));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "unsorted lexicon rows:\n{}",
        problems.join("\n")
    );
}

#[test]
fn builtin_lexicons_build_an_extractor() {
    let set = LexiconSet::builtin().unwrap();
    assert!(set.files().count() >= 20);
    nergraph::Extractor::from_lexicons(&set).unwrap();
}

#[test]
fn a_user_directory_adds_removes_and_reports_bad_lines() {
    let dir = std::env::temp_dir().join(format!("nergraph-lex-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("common")).unwrap();
    std::fs::create_dir_all(dir.join("fr")).unwrap();
    // Add a company, remove a built-in one, add a relation pattern.
    std::fs::write(
        dir.join("common/orgs.tsv"),
        "Zorblax Industries\tZorblax\n-Google\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("fr/relations.tsv"),
        "WORKED_AT\tfr/worked/test-pilote\t0.9\tS:PER pilote pour T:ORG\n",
    )
    .unwrap();
    let ex = nergraph::Extractor::builder()
        .lexicons_dir(&dir)
        .build()
        .unwrap();
    let opts = nergraph::Options {
        lang: Some(nergraph::Lang::Fr),
        doc_date: None,
    };
    let doc = ex
        .extract(
            "Paul Verdier pilote pour Zorblax depuis 2019. Google rit.",
            &opts,
        )
        .unwrap();
    // Known through the user's alias: a gazetteer ORG (named as the text names it).
    let z = doc
        .entities
        .iter()
        .find(|e| e.name == "Zorblax" && e.kind == "ORG");
    assert!(
        z.is_some_and(|z| z.mentions[0].rule.as_deref() == Some("gazetteer")),
        "{:?}",
        doc.entities
    );
    assert!(
        doc.relations
            .iter()
            .any(|r| r.rule == "fr/worked/test-pilote")
    );
    assert!(!doc.entities.iter().any(|e| {
        e.name == "Google"
            && e.mentions
                .iter()
                .any(|m| m.rule.as_deref() == Some("gazetteer"))
    }));
    // A malformed line names path:line:column.
    std::fs::write(
        dir.join("fr/relations.tsv"),
        "# ok\nWORKED_AT\tx\t2.5\tS:PER a T:ORG\n",
    )
    .unwrap();
    let err = nergraph::Extractor::builder()
        .lexicons_dir(&dir)
        .build()
        .unwrap_err()
        .to_string();
    assert!(err.contains("relations.tsv:2:"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
