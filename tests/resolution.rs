//! Entity resolution, table-driven, on sentences written for these tests
//! (invented names, or well-known ones where the lexicons matter).

use nergraph::document::EntityOut;
use nergraph::{CalDate, Document, Extractor, Lang, Options};

fn extractor() -> &'static Extractor {
    static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EX.get_or_init(|| Extractor::builtin().unwrap())
}

fn extract(text: &str, lang: Lang) -> Document {
    extractor()
        .extract(
            text,
            &Options {
                lang: Some(lang),
                doc_date: None,
            },
        )
        .unwrap()
}

fn entity_of<'d>(doc: &'d Document, surface: &str) -> Option<&'d EntityOut> {
    doc.entities
        .iter()
        .find(|e| e.mentions.iter().any(|m| m.text == surface))
}

/// (text, language, surfaces that must be one entity, surfaces that must be apart)
const CASES: &[(&str, Lang, &[&str], &[&str])] = &[
    // A surname alone, a titled form and a possessive join the full name.
    (
        "Paul Verdier dirige Globex. M. Verdier a démenti. Verdier sourit.",
        Lang::Fr,
        &["Paul Verdier", "Verdier"],
        &[],
    ),
    (
        "Jane Whitcombe runs Initech. Ms. Whitcombe declined. Whitcombe's office said no.",
        Lang::En,
        &["Jane Whitcombe", "Whitcombe"],
        &[],
    ),
    // Two people who share a surname stay apart; the bare surname goes to the most mentioned.
    (
        "Paul Verdier a fondé Globex. Verdier a tout décidé. Verdier a embauché son frère Lucien Verdier.",
        Lang::Fr,
        &["Paul Verdier", "Verdier"],
        &["Paul Verdier", "Lucien Verdier"],
    ),
    // Spelling variants of a surname (edit distance and consonant key).
    (
        "Igor Wisniewski travaille chez Globex. Plus tard, Wisnievski a quitté Globex.",
        Lang::Fr,
        &["Igor Wisniewski", "Wisnievski"],
        &[],
    ),
    // A variant too far is not merged.
    (
        "Igor Wisniewski travaille chez Globex. Plus tard, M. Wisnovsky a quitté Globex.",
        Lang::Fr,
        &[],
        &["Igor Wisniewski", "Wisnovsky"],
    ),
    // A first name alone after the full name.
    (
        "Margot Lestrade a créé Fabrikam. Margot a tout financé.",
        Lang::Fr,
        &["Margot Lestrade", "Margot"],
        &[],
    ),
    // Upper-case variant of a name.
    (
        "Paul Verdier dirige Globex. Selon VERDIER, tout va bien.",
        Lang::Fr,
        &["Paul Verdier", "VERDIER"],
        &[],
    ),
    // An organisation with and without its suffix, and an acronym with its full form.
    (
        "Acme SA a racheté Globex. Acme a ensuite licencié 40 salariés.",
        Lang::Fr,
        &["Acme SA", "Acme"],
        &[],
    ),
    (
        "Zenith Data Systems (ZDS) a été racheté. ZDS comptait 300 salariés.",
        Lang::Fr,
        &["Zenith Data Systems", "ZDS"],
        &[],
    ),
    // A company and a person with the same word stay apart.
    (
        "Henry Ford founded Ford in 1903. Ford later bought Volvo.",
        Lang::En,
        &[],
        &["Henry Ford", "Ford"],
    ),
    // Lexicon aliases: a nickname joins its person.
    (
        "Elon Musk a lancé xAI. Boss Ma a recruté onze personnes.",
        Lang::Fr,
        &["Elon Musk", "Boss Ma"],
        &[],
    ),
];

#[test]
fn resolution_table() {
    for (text, lang, together, apart) in CASES {
        let doc = extract(text, *lang);
        let ids: Vec<Option<&str>> = together
            .iter()
            .map(|s| entity_of(&doc, s).map(|e| e.id.as_str()))
            .collect();
        for (s, id) in together.iter().zip(&ids) {
            assert!(id.is_some(), "{text}: no entity for {s:?}");
        }
        assert!(
            ids.windows(2).all(|w| w[0] == w[1]),
            "{text}: {together:?} are not one entity: {:?}",
            doc.entities
        );
        let apart_ids: Vec<Option<&str>> = apart
            .iter()
            .map(|s| entity_of(&doc, s).map(|e| e.id.as_str()))
            .collect();
        for (i, a) in apart_ids.iter().enumerate() {
            assert!(a.is_some(), "{text}: no entity for {:?}", apart[i]);
            for b in &apart_ids[i + 1..] {
                assert_ne!(a, b, "{text}: {apart:?} were merged");
            }
        }
    }
}

#[test]
fn every_alias_says_how_it_joined() {
    let doc = extract(
        "Paul Verdier dirige Globex. M. Verdier a démenti. Wisnievski rit. Igor Wisniewski aussi.",
        Lang::Fr,
    );
    for e in &doc.entities {
        assert_eq!(e.aliases.len(), e.alias_rules.len(), "{e:?}");
        for (a, r) in e.aliases.iter().zip(&e.alias_rules) {
            assert_eq!(a, &r.text);
            assert!(!r.rule.is_empty() && !r.of.is_empty(), "{r:?}");
        }
    }
    let verdier = entity_of(&doc, "Paul Verdier").unwrap();
    assert_eq!(verdier.alias_rules[0].rule, "surname");
}

#[test]
fn two_musks_and_the_most_salient_one() {
    let text = "Elon Musk a fondé xAI. Musk a recruté. Musk a parlé à son frère Kimball Musk. Plus tard, Musk a quitté la réunion.";
    let doc = extract(text, Lang::Fr);
    let elon = entity_of(&doc, "Elon Musk").unwrap();
    let kimball = entity_of(&doc, "Kimball Musk").unwrap();
    assert_ne!(elon.id, kimball.id);
    let bare: Vec<&str> = doc
        .entities
        .iter()
        .filter(|e| e.mentions.iter().any(|m| m.text == "Musk"))
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(bare, vec![elon.id.as_str()], "every bare Musk goes to Elon");
}

#[test]
fn pronouns_carry_relations_but_are_not_entities() {
    let text = "Le plus connu est Igor Wisniewski, arrivé en mars. Lorsqu'il travaillait chez Globex, il dirigeait une équipe.";
    let doc = extract(text, Lang::Fr);
    let igor = entity_of(&doc, "Igor Wisniewski").unwrap();
    assert!(igor.references.iter().any(|r| r.text == "il"), "{igor:?}");
    assert!(
        !doc.entities
            .iter()
            .any(|e| e.name == "il" || e.name == "Il")
    );
    let globex = entity_of(&doc, "Globex").unwrap();
    assert!(
        doc.relations
            .iter()
            .any(|r| r.kind == "WORKED_AT" && r.source == igor.id && r.target == globex.id)
    );
}

#[test]
fn descriptions_resolve_within_their_scope() {
    let text = "Elon Musk a racheté Twitter. Selon l'homme le plus riche du monde, tout va bien.";
    let doc = extractor()
        .extract(
            text,
            &Options {
                lang: Some(Lang::Fr),
                doc_date: Some("2023-07-17".parse::<CalDate>().unwrap()),
            },
        )
        .unwrap();
    let musk = entity_of(&doc, "Elon Musk").unwrap();
    assert!(
        musk.references
            .iter()
            .any(|r| r.text.contains("plus riche")),
        "{musk:?}"
    );
    // Out of its date range, the description names nobody.
    let doc = extractor()
        .extract(
            text,
            &Options {
                lang: Some(Lang::Fr),
                doc_date: Some("2012-01-01".parse::<CalDate>().unwrap()),
            },
        )
        .unwrap();
    let musk = entity_of(&doc, "Elon Musk").unwrap();
    assert!(
        !musk
            .references
            .iter()
            .any(|r| r.text.contains("plus riche")),
        "{musk:?}"
    );
}
