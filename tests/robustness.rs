//! Robustness through the library: bad and hostile input, fuzz regressions,
//! and a property test that any string extracts with offsets that slice it.
//! Sizes are kept small enough for a fast `cargo test`; nothing here is timed
//! (the 100 MB measurements are in the README).

mod common;

use common::{ARTICLE, check};
use nergraph::document::{Document, EntityOut, EvidenceOut, MentionOut, RelationOut};
use nergraph::{CalDate, ErrorKind, Extractor, Lang, Options, decode};
use proptest::prelude::*;
use std::sync::OnceLock;

fn ex() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::builtin().unwrap())
}

fn extract(text: &str) -> Document {
    let doc = ex().extract(text, &Options::default()).unwrap();
    check(&doc, text);
    doc
}

fn names(doc: &Document) -> Vec<(&str, &str)> {
    let mut v: Vec<(&str, &str)> = doc
        .entities
        .iter()
        .map(|e| (e.kind.as_str(), e.name.as_str()))
        .collect();
    v.sort();
    v
}

#[test]
fn the_test_article_gives_a_graph() {
    // The checks below are only worth something if extraction finds things.
    let doc = extract(ARTICLE);
    let n = names(&doc);
    assert!(n.contains(&("PERSON", "Marc Durand")), "{n:?}");
    assert!(n.contains(&("ORG", "Globex SA")), "{n:?}");
    assert!(!doc.relations.is_empty());
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_lossy_goes_on() {
    let bytes = b"Marc Durand a quitt\xC3 Globex SA.";
    let err = decode(bytes, false).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidUtf8 { offset: 19 }),
        "{err:?}"
    );
    assert!(err.to_string().contains("offset 19"), "{err}");
    let text = decode(bytes, true).unwrap();
    assert_eq!(text, "Marc Durand a quitt\u{fffd} Globex SA.");
    let doc = extract(&text);
    assert!(
        names(&doc).contains(&("ORG", "Globex SA")),
        "{:?}",
        names(&doc)
    );
}

#[test]
fn empty_and_blank_input_give_an_empty_document() {
    for text in ["", " ", "\n\n\r\n\t", "\u{feff}"] {
        let doc = extract(text);
        assert!(
            doc.entities.is_empty() && doc.relations.is_empty(),
            "{text:?}"
        );
        let v: serde_json::Value = serde_json::from_str(&nergraph::export::json(&doc)).unwrap();
        assert_eq!(v["entities"], serde_json::json!([]));
    }
    assert_eq!(decode(b"", false).unwrap(), "");
}

#[test]
fn binary_input_is_an_error_or_lossy_text_never_garbage() {
    let mut bytes = b"Marc Durand\0\0\x01\x02 a fond\xC3\xA9 Globex SA.\0".to_vec();
    let err = decode(&bytes, false).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Binary { offset: 11 }),
        "{err:?}"
    );
    let text = decode(&bytes, true).unwrap();
    assert!(!text.contains('\0'));
    let doc = extract(&text);
    for e in &doc.entities {
        assert!(!e.name.chars().any(|c| c.is_control()), "{e:?}");
    }
    // A real binary blob (every byte value, repeated) under --lossy.
    bytes = (0..=255u8).cycle().take(64 * 1024).collect();
    let text = decode(&bytes, true).unwrap();
    let doc = extract(&text);
    for e in &doc.entities {
        assert!(
            !e.name.chars().any(|c| c.is_control() || c == '\u{fffd}'),
            "{e:?}"
        );
    }
}

#[test]
fn a_bom_is_dropped_and_offsets_count_from_the_text() {
    let with_bom = format!("\u{feff}{ARTICLE}");
    let text = decode(with_bom.as_bytes(), false).unwrap();
    assert_eq!(text, ARTICLE);
    assert_eq!(extract(&text), extract(ARTICLE));
}

#[test]
fn crlf_line_ends_give_the_same_graph() {
    let lf = format!("Titre du jour\n\n{}\n", ARTICLE.replace(". ", ".\n"));
    let crlf = lf.replace('\n', "\r\n");
    let (a, b) = (extract(&lf), extract(&crlf));
    assert_eq!(names(&a), names(&b));
    assert_eq!(a.relations.len(), b.relations.len());
    for e in &b.entities {
        assert!(!e.name.contains('\r'), "{e:?}");
    }
}

#[test]
fn a_long_single_line_finishes_with_sane_output() {
    // About 2 MB on one line: the article over and over, no line break.
    let text = ARTICLE.repeat(2_000_000 / ARTICLE.len());
    let doc = extract(&text);
    let n = names(&doc);
    assert!(n.contains(&("PERSON", "Marc Durand")), "{n:?}");
    // Repeats are the same entities, not thousands of new ones.
    assert!(doc.entities.len() < 50, "{}", doc.entities.len());
    let durand = doc
        .entities
        .iter()
        .find(|e| e.name == "Marc Durand")
        .unwrap();
    assert!(durand.mentions.len() >= 2 * (text.len() / ARTICLE.len()));
}

#[test]
fn ten_thousand_nested_parentheses() {
    let text = format!(
        "{}Marc Durand a fondé Globex SA{}. {}",
        "(".repeat(10_000),
        ")".repeat(10_000),
        "[« (".repeat(3_000)
    );
    let doc = extract(&text);
    assert!(
        names(&doc).contains(&("PERSON", "Marc Durand")),
        "{:?}",
        names(&doc)
    );
}

#[test]
fn a_page_of_capitalised_words() {
    // Title-case words with no punctuation: one long capitalised run, with
    // first names inside it, then the same as a long list of short sentences.
    let words = [
        "Durand",
        "Jean",
        "Globex",
        "Marie",
        "Paris",
        "Société",
        "De",
        "Martin",
        "Anne",
        "Acme",
    ];
    let run: Vec<&str> = words.iter().cycle().take(20_000).copied().collect();
    let run = run.join(" ");
    let doc = extract(&run);
    assert!(doc.entities.len() < 10_000);
    let sentences = run.replace(" Jean", ". Jean");
    extract(&sentences);
    let upper = run.to_uppercase();
    extract(&upper);
}

#[test]
fn coordinations_and_apposition_chains() {
    // Long lists of names joined by commas feed the pattern matcher's coordination.
    let list: Vec<String> = (0..2_000).map(|i| format!("Globex{i} SA")).collect();
    let text = format!("{} ont racheté Initech SA.", list.join(", "));
    extract(&text);
    let appos = "Marc Durand, PDG de Globex SA, ".repeat(2_000) + "a quitté Initech SA.";
    extract(&appos);
    let many_dates = "en 2015 et en mars 2016, ".repeat(20_000);
    extract(&many_dates);
}

#[test]
fn hostile_names_are_escaped_in_json_and_dot() {
    let hostile = [
        "Jean \"Le Boss\" Dupont",
        "Ligne\nNouvelle\r\nCorp",
        "<script>alert('x')</script>",
        "Acme, Inc.; DROP TABLE",
        "Back\\slash \u{0007}bell \u{2028}sep {braces} [brackets] -> edge",
    ];
    let mention = |t: &str| MentionOut {
        start: 0,
        end: t.chars().count(),
        text: t.to_string(),
        ..Default::default()
    };
    let doc = Document {
        schema: 1,
        lang: "fr".into(),
        entities: hostile
            .iter()
            .enumerate()
            .map(|(i, n)| EntityOut {
                id: format!("e{}", i + 1),
                kind: if i % 2 == 0 { "PERSON" } else { "ORG" }.into(),
                name: n.to_string(),
                aliases: vec![n.to_string()],
                mentions: vec![mention(n)],
                ..Default::default()
            })
            .collect(),
        relations: vec![RelationOut {
            kind: "WORKED_AT".into(),
            source: "e1".into(),
            target: "e2".into(),
            date: Some("20\"15".into()),
            confidence: 0.9,
            rule: "r\"\n".into(),
            evidence: EvidenceOut {
                text: hostile.join(" "),
                ..Default::default()
            },
            more_evidence: vec![],
        }],
        ..Default::default()
    };
    // JSON: reads back to the same names, and one line per document in JSONL.
    let back: Document = serde_json::from_str(&nergraph::export::json(&doc)).unwrap();
    assert_eq!(back, doc);
    assert!(!doc.to_json_line().contains('\n'));
    // DOT: parses, with one node per entity whose label is the name (line
    // breaks as \n, other control characters as spaces).
    let dot = nergraph::export::dot::dot(&doc);
    let g = graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
    let graphviz_rust::dot_structures::Graph::DiGraph { stmts, .. } = g else {
        panic!("not a digraph")
    };
    let mut labels = Vec::new();
    let mut edges = 0;
    for s in &stmts {
        match s {
            graphviz_rust::dot_structures::Stmt::Node(n) => {
                for a in &n.attributes {
                    if let (
                        graphviz_rust::dot_structures::Id::Plain(k),
                        graphviz_rust::dot_structures::Id::Escaped(v),
                    ) = (&a.0, &a.1)
                    {
                        if k == "label" {
                            labels.push(v.clone());
                        }
                    }
                }
            }
            graphviz_rust::dot_structures::Stmt::Edge(_) => edges += 1,
            _ => {}
        }
    }
    assert_eq!(labels.len(), hostile.len(), "{dot}");
    assert_eq!(edges, 1, "{dot}");
    for (label, name) in labels.iter().zip(hostile) {
        let unescaped = label[1..label.len() - 1]
            .replace("\\\\", "\u{0}")
            .replace("\\\"", "\"")
            .replace("\\n", "\n")
            .replace('\u{0}', "\\");
        let want: String = name
            .chars()
            .filter(|&c| c != '\r')
            .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
            .collect();
        assert_eq!(unescaped, want);
    }
}

#[test]
fn hostile_names_from_a_lexicon_end_to_end() {
    let dir = std::env::temp_dir().join(format!("nergraph-hostile-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("common")).unwrap();
    std::fs::write(
        dir.join("common/orgs.tsv"),
        "Acme \"Rocket\"; Co, <script>\n",
    )
    .unwrap();
    let ex = Extractor::builder().lexicons_dir(&dir).build().unwrap();
    let text = "Marc Durand a quitté Acme \"Rocket\"; Co, <script> en 2019.";
    let doc = ex.extract(text, &Options::default()).unwrap();
    check(&doc, text);
    let acme = doc
        .entities
        .iter()
        .find(|e| e.name.starts_with("Acme"))
        .expect("found");
    assert_eq!(acme.name, "Acme \"Rocket\"; Co, <script>");
    let dot = nergraph::export::dot::dot(&doc);
    assert!(dot.contains("Acme \\\"Rocket\\\"; Co, <script>"), "{dot}");
    graphviz_rust::parse(&dot).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_language_and_doc_date_on_odd_text() {
    let date = "2024-02-29".parse::<CalDate>().unwrap();
    for lang in [None, Some(Lang::Fr), Some(Lang::En)] {
        for doc_date in [None, Some(date)] {
            for text in [
                ARTICLE,
                "'",
                "l'",
                "d’’’",
                "M.",
                "...",
                "«»",
                "É",
                "\u{301}A\u{301}",
            ] {
                let doc = ex().extract(text, &Options { lang, doc_date }).unwrap();
                check(&doc, text);
            }
        }
    }
}

#[test]
fn fuzz_regressions() {
    // Each file is an input that once crashed or hung a fuzz target (see
    // fuzz/README.md); all run in every language.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("batch-") {
            for lossy in [false, true] {
                if let Err(e) = nergraph::batch::parse_line(&bytes, lossy) {
                    assert!(!e.to_string().contains('\n'), "{name}: {e}");
                }
            }
        } else if name.starts_with("lexicon-") {
            let text = String::from_utf8_lossy(&bytes);
            let path: std::sync::Arc<std::path::Path> = std::sync::Arc::from(path.as_path());
            if let Ok(rows) = nergraph::lexicon::parse(&path, &text) {
                for row in &rows {
                    let _ = nergraph::relate::Pattern::parse(row, &Default::default());
                }
            }
        } else {
            let text = decode(&bytes, true).unwrap();
            for lang in [None, Some(Lang::Fr), Some(Lang::En)] {
                let doc = ex()
                    .extract(
                        &text,
                        &Options {
                            lang,
                            doc_date: None,
                        },
                    )
                    .unwrap();
                check(&doc, &text);
            }
        }
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {dir}");
}

/// Pieces of news text: words of both languages, capitalised runs, punctuation,
/// digits, French quotes, apostrophes, combining marks, control characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Marc",
            "Durand",
            "Anne",
            "Martin",
            "Globex",
            "SA",
            "Inc.",
            "Corp",
            "PDG",
            "CEO",
            "M.",
            "Mme",
            "Dr.",
            "de",
            "du",
            "la",
            "l'",
            "d'",
            "qu’",
            "a",
            "fondé",
            "quitté",
            "racheté",
            "founded",
            "left",
            "acquired",
            "the",
            "of",
            "and",
            "et",
            "chez",
            "en",
            "in",
            "mars",
            "March",
            "juin",
            "2015",
            "1999",
            "13",
            "1er",
            "début",
            "fin",
            "Musk",
            "Elon",
            "OpenAI",
            "xAI",
            "IBM",
            "Jean-Luc",
            "Saint-Exupéry",
            "Élodie",
            "Œuvre",
            "il",
            "elle",
            "his",
            "son",
            "qui",
            "who",
            "'s",
            "’s",
        ])
        .prop_map(String::from),
        prop::sample::select(vec![
            " ", " ", " ", ", ", ". ", "! ", "? ", "; ", ": ", "…", "«", "»", "« ", " »", "\"",
            "'", "’", "(", ")", "[", "]", "-", "–", "—", "&", "/", "\n", "\n\n", "\r\n", "\t",
            "\u{a0}", "\u{202f}", "\u{301}", "\u{308}", "\u{200b}", "\u{feff}", "\u{1}", "\u{1b}",
            "\u{7f}", "\u{85}", "\u{2028}", "😀", "中文", "ß", "İ",
        ])
        .prop_map(String::from),
        "[A-Z][a-zé]{0,8}",
        "[0-9]{1,5}",
        any::<char>()
            .prop_filter("no NUL", |c| *c != '\0')
            .prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_string_extracts_and_offsets_slice_it(s in "\\PC*") {
        for lang in [None, Some(Lang::Fr), Some(Lang::En)] {
            let doc = ex().extract(&s, &Options { lang, doc_date: None }).unwrap();
            check(&doc, &s);
        }
    }

    #[test]
    fn news_like_mixes_extract_and_offsets_slice_them(
        pieces in prop::collection::vec(piece(), 0..120),
        lang in prop::sample::select(vec![None, Some(Lang::Fr), Some(Lang::En)]),
    ) {
        let s: String = pieces.concat();
        let doc = ex().extract(&s, &Options { lang, doc_date: "2020-06-15".parse().ok() }).unwrap();
        check(&doc, &s);
    }
}
