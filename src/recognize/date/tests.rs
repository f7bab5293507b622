use super::*;
use crate::tokenize::{Folded, sentences, tokenize};
use std::collections::HashSet;

fn rules() -> DateRules {
    DateRules::from_lexicons(&LexiconSet::builtin().unwrap()).unwrap()
}

/// (text, label, value, mod) of every date and duration in `text`.
fn found(
    rules: &DateRules,
    lang: Lang,
    text: &str,
    doc: Option<&str>,
) -> Vec<(String, &'static str, String, Option<String>)> {
    let toks = tokenize(text);
    let abbr: HashSet<String> = ["m", "sept", "janv", "mar"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let sents = sentences(text, &toks, &abbr);
    let doc = doc.map(|d| d.parse::<CalDate>().unwrap());
    let folded = Folded::new(text, &toks);
    let ms = rules.find(text, &toks, &folded, &sents, lang, doc);
    for m in &ms {
        // Token-aligned: the tokens cover the span exactly.
        assert_eq!(toks[m.tokens.0].span.start, m.span.start, "{text}");
        assert_eq!(toks[m.tokens.1 - 1].span.end, m.span.end, "{text}");
    }
    ms.into_iter()
        .map(|m| {
            let t = m.timex.unwrap();
            (
                m.span.slice(text).to_string(),
                m.label.as_str(),
                t.value,
                t.modifier,
            )
        })
        .collect()
}

type Want<'a> = &'a [(&'a str, &'a str)];

/// Check every (surface, value) in order; a value starting with "P" must be a DURATION, any
/// other a DATE; a value "v|MOD" also checks the mod.
fn check(lang: Lang, doc: Option<&str>, cases: &[(&str, Want)]) {
    let r = rules();
    for (text, want) in cases {
        let got = found(&r, lang, text, doc);
        let got_pairs: Vec<(String, String)> = got
            .iter()
            .map(|(s, _, v, m)| {
                let v = match m {
                    Some(m) => format!("{v}|{m}"),
                    None => v.clone(),
                };
                (s.clone(), v)
            })
            .collect();
        let want_pairs: Vec<(String, String)> = want
            .iter()
            .map(|(s, v)| (s.to_string(), v.to_string()))
            .collect();
        assert_eq!(got_pairs, want_pairs, "{text}");
        for (s, label, v, _) in &got {
            let is_duration = v.starts_with('P') && !v.ends_with("_REF");
            let want_label = if is_duration { "DURATION" } else { "DATE" };
            assert_eq!(*label, want_label, "{text}: {s}");
        }
    }
}

#[test]
fn absolute_dates() {
    check(
        Lang::Fr,
        Some("2023-07-17"),
        &[
            (
                "Le 18 juillet 2015, ils dînent.",
                &[("18 juillet 2015", "2015-07-18")],
            ),
            ("Né le 1er mars 2021.", &[("1er mars 2021", "2021-03-01")]),
            (
                "Le 18/07/2015 et le 2015-07-18.",
                &[("18/07/2015", "2015-07-18"), ("2015-07-18", "2015-07-18")],
            ),
            (
                "Le 18.07.2015 au matin.",
                &[("18.07.2015 au matin", "2015-07-18TMO")],
            ),
            (
                "Il vient lundi 6 septembre 1999.",
                &[("lundi 6 septembre 1999", "1999-09-06")],
            ),
            (
                "Dès octobre 98, puis le 10 novembre 93.",
                &[("octobre 98", "1998-10"), ("10 novembre 93", "1993-11-10")],
            ),
            (
                "Les 6 et 13 avril prochains.",
                &[("6", "2024-04-06"), ("13 avril prochains", "2024-04-13")],
            ),
            (
                "En novembre 2022, puis en 2013.",
                &[("novembre 2022", "2022-11"), ("2013", "2013")],
            ),
        ],
    );
    check(
        Lang::En,
        Some("2023-07-17"),
        &[
            (
                "On July 18, 2015 they met.",
                &[("July 18, 2015", "2015-07-18")],
            ),
            (
                "On 18th July 2015 and the 3rd of May 2016.",
                &[
                    ("18th July 2015", "2015-07-18"),
                    ("3rd of May 2016", "2016-05-03"),
                ],
            ),
            ("Written 7/8/07 in the US.", &[("7/8/07", "2007-07-08")]),
            (
                "In 2013 and in November 2022.",
                &[("2013", "2013"), ("November 2022", "2022-11")],
            ),
            (
                "Friday, September 18, 2008 was sunny.",
                &[("Friday, September 18, 2008", "2008-09-18")],
            ),
        ],
    );
}

#[test]
fn ranges_and_qualifiers() {
    check(
        Lang::Fr,
        Some("2023-07-17"),
        &[
            (
                "En 2017-2018, il y avait 50 employés.",
                &[("2017-2018", "2017/2018")],
            ),
            (
                "Il a dirigé X de 2012 à 2017.",
                &[("de 2012 à 2017", "2012/2017")],
            ),
            (
                "La saison 2002/2003 commence.",
                &[("2002/2003", "2002/2003")],
            ),
            (
                "Fin 2012, Début 2014, mi-2013.",
                &[
                    ("Fin 2012", "2012|END"),
                    ("Début 2014", "2014|START"),
                    ("mi-2013", "2013|MID"),
                ],
            ),
            (
                "Au milieu de 2013 et au début de 2023.",
                &[
                    ("Au milieu de 2013", "2013|MID"),
                    ("au début de 2023", "2023|START"),
                ],
            ),
            (
                "Fin mars et mi-juillet, courant 2014.",
                &[
                    ("Fin mars", "2023-03|END"),
                    ("mi-juillet", "2023-07|MID"),
                    ("courant 2014", "2014|MID"),
                ],
            ),
            ("Vers 2015, il part.", &[("Vers 2015", "2015|APPROX")]),
        ],
    );
    check(
        Lang::En,
        Some("2023-07-17"),
        &[
            (
                "It ran between 2012 and 2017.",
                &[("between 2012 and 2017", "2012/2017")],
            ),
            (
                "Early 2014 and late 2012, mid-March.",
                &[
                    ("Early 2014", "2014|START"),
                    ("late 2012", "2012|END"),
                    ("mid-March", "2012-03|MID"),
                ],
            ),
            (
                "By the end of 2014 it was done.",
                &[("By the end of 2014", "2014|END")],
            ),
        ],
    );
}

#[test]
fn periods() {
    check(
        Lang::Fr,
        Some("2023-07-17"),
        &[
            (
                "Au premier trimestre de 2013, il gagne.",
                &[("premier trimestre de 2013", "2013-Q1")],
            ),
            (
                "Au T1 2013 et au 3e trimestre 2014.",
                &[("T1 2013", "2013-Q1"), ("3e trimestre 2014", "2014-Q3")],
            ),
            (
                "En 2013. Dans la seconde moitié de l'année, rien.",
                &[
                    ("2013", "2013"),
                    ("la seconde moitié de l'année", "2013-H2"),
                ],
            ),
            (
                "La première semaine d'avril 2013.",
                &[("La première semaine d'avril 2013", "2013-W14")],
            ),
            (
                "L'été 2019, cet hiver et en automne.",
                &[
                    ("L'été 2019", "2019-SU"),
                    ("cet hiver", "2023-WI"),
                    ("automne", "2019-FA"),
                ],
            ),
            ("Il fait froid en hiver.", &[("hiver", "XXXX-WI")]),
            ("Les Jeux d'hiver ont eu lieu.", &[]),
            (
                "Le soir du 18 juillet 2015, hier soir.",
                &[
                    ("Le soir du 18 juillet 2015", "2015-07-18TEV"),
                    ("hier soir", "2023-07-16TEV"),
                ],
            ),
            (
                "Dans les années 1990 et les années 80.",
                &[("les années 1990", "199"), ("les années 80", "198")],
            ),
            (
                "Mardi vers 21 h 45, puis à 18h.",
                &[
                    ("Mardi", "2023-07-11"),
                    ("vers 21 h 45", "2023-07-11T21:45|APPROX"),
                    ("18h", "2023-07-11T18:00"),
                ],
            ),
            (
                "Vers 0 h 40, jeudi, deux voitures.",
                &[
                    ("Vers 0 h 40", "2023-07-13T00:40|APPROX"),
                    ("jeudi", "2023-07-13"),
                ],
            ),
            (
                "Il a plu dans la nuit. Cette soirée sera animée.",
                &[("la nuit", "2023-07-17TNI")],
            ),
        ],
    );
    check(
        Lang::En,
        Some("2007-03-13"),
        &[(
            "Sales rose in the fourth quarter.",
            &[("the fourth quarter", "2006-Q4")],
        )],
    );
    check(
        Lang::En,
        Some("2009-10-16"),
        &[
            (
                "It lost money in the third quarter of this year.",
                &[("the third quarter of this year", "2009-Q3")],
            ),
            (
                "In Q1 2013 and the first half of 2014.",
                &[
                    ("Q1 2013", "2013-Q1"),
                    ("the first half of 2014", "2014-H1"),
                ],
            ),
            (
                "Back in the 1990s, and last summer.",
                &[("the 1990s", "199"), ("last summer", "2009-SU")],
            ),
            ("The fall in prices was sharp.", &[]),
            (
                "At 16:08 UTC and at 6:40 p.m., then 0800 UTC.",
                &[
                    ("16:08 UTC", "2009-10-16T16:08Z"),
                    ("6:40 p.m.", "2009-10-16T18:40"),
                    ("0800 UTC", "2009-10-16T08:00Z"),
                ],
            ),
        ],
    );
}

#[test]
fn relative_dates() {
    check(
        Lang::Fr,
        Some("2023-07-17"),
        &[
            (
                "Hier, aujourd'hui et demain.",
                &[
                    ("Hier", "2023-07-16"),
                    ("aujourd'hui", "2023-07-17"),
                    ("demain", "2023-07-18"),
                ],
            ),
            (
                "L'an dernier et cette année.",
                &[("L'an dernier", "2022"), ("cette année", "2023")],
            ),
            (
                "Il y a trois ans, il y a plus de trois mois.",
                &[
                    ("Il y a trois ans", "2020"),
                    ("il y a plus de trois mois", "2023-04|APPROX"),
                ],
            ),
            (
                "La semaine dernière, ce mois-ci, le mois prochain.",
                &[
                    ("La semaine dernière", "2023-W28"),
                    ("ce mois-ci", "2023-07"),
                    ("le mois prochain", "2023-08"),
                ],
            ),
            (
                "Mardi dernier et mardi prochain, puis ce mardi.",
                &[
                    ("Mardi dernier", "2023-07-11"),
                    ("mardi prochain", "2023-07-18"),
                    ("ce mardi", "2023-07-18"),
                ],
            ),
            (
                "Lundi, il est parti. Il reste jusqu'à vendredi.",
                &[("Lundi", "2023-07-17"), ("vendredi", "2023-07-21")],
            ),
            (
                "En avril de cette année, en septembre dernier, juin prochain.",
                &[
                    ("avril de cette année", "2023-04"),
                    ("septembre dernier", "2022-09"),
                    ("juin prochain", "2024-06"),
                ],
            ),
            (
                "Le 13 juillet, puis le 14 juin et le 20 décembre.",
                &[
                    ("13 juillet", "2023-07-13"),
                    ("14 juin", "2023-06-14"),
                    ("20 décembre", "2022-12-20"),
                ],
            ),
            ("Ouvert uniquement le mercredi.", &[]),
            (
                "Ce week-end, ces jours-ci.",
                &[
                    ("Ce week-end", "2023-W28-WE"),
                    ("ces jours-ci", "PRESENT_REF"),
                ],
            ),
        ],
    );
    check(
        Lang::En,
        Some("2023-07-17"),
        &[
            (
                "Last year, three years ago, this April.",
                &[
                    ("Last year", "2022"),
                    ("three years ago", "2020"),
                    ("this April", "2023-04"),
                ],
            ),
            (
                "He spoke on Tuesday about last week.",
                &[("Tuesday", "2023-07-11"), ("last week", "2023-W28")],
            ),
            (
                "About three years ago, around 2015.",
                &[
                    ("About three years ago", "2020|APPROX"),
                    ("around 2015", "2015|APPROX"),
                ],
            ),
            (
                "Markets stay closed until Friday.",
                &[("Friday", "2023-07-21")],
            ),
            (
                "Yesterday morning and tonight.",
                &[
                    ("Yesterday morning", "2023-07-16TMO"),
                    ("tonight", "2023-07-17TEV"),
                ],
            ),
            (
                "It was announced in June, and in May it may rain.",
                &[("June", "2023-06"), ("May", "2023-05")],
            ),
            ("Prices fell. They may march on.", &[]),
        ],
    );
}

#[test]
fn without_a_document_date_unknown_parts_stay_unknown() {
    check(
        Lang::Fr,
        None,
        &[
            (
                "Le 13 juillet, hier, en 2015.",
                &[
                    ("13 juillet", "XXXX-07-13"),
                    ("hier", "XXXX-XX-XX"),
                    ("2015", "2015"),
                ],
            ),
            (
                "Mardi dernier, l'an dernier.",
                &[("Mardi dernier", "XXXX-WXX-2"), ("l'an dernier", "XXXX")],
            ),
        ],
    );
}

#[test]
fn narrative_year_context() {
    check(
        Lang::Fr,
        Some("2023-07-17"),
        &[
            // An explicit year that opens its sentence frames the next ones.
            (
                "Fin novembre 2022, il était furieux. Début décembre, il a annoncé la rupture.",
                &[
                    ("Fin novembre 2022", "2022-11|END"),
                    ("Début décembre", "2022-12|START"),
                ],
            ),
            // Not for ever: four sentences later the document's year is back.
            (
                "En 2013, rien. Un. Deux. Trois. Le 14 juin, il part.",
                &[("2013", "2013"), ("14 juin", "2023-06-14")],
            ),
            // Not from a year inside a sentence.
            (
                "Le plus bas depuis 1983. Il n'a pas fait mieux depuis février.",
                &[("1983", "1983"), ("février", "2023-02")],
            ),
            // Relative years never set it.
            (
                "Il y a trois ans, il parlait. Le 14 juin, il a publié.",
                &[("Il y a trois ans", "2020"), ("14 juin", "2023-06-14")],
            ),
        ],
    );
    // A weekday picks its year.
    check(
        Lang::Fr,
        Some("2003-02-16"),
        &[(
            "Née le 1er mai 1962, elle sera enterrée lundi 17 février.",
            &[
                ("1er mai 1962", "1962-05-01"),
                ("lundi 17 février", "2003-02-17"),
            ],
        )],
    );
}

#[test]
fn durations() {
    check(
        Lang::Fr,
        Some("2023-07-17"),
        &[
            ("Il veut diriger pendant 8 ans.", &[("8 ans", "P8Y")]),
            (
                "Trois mois, dix-huit mois, deux ans et demi.",
                &[
                    ("Trois mois", "P3M"),
                    ("dix-huit mois", "P18M"),
                    ("deux ans et demi", "P2.5Y"),
                ],
            ),
            (
                "Il a gagné de 30,4 secondes, quinze minutes après.",
                &[("30,4 secondes", "PT30.4S"), ("quinze minutes", "PT15M")],
            ),
            (
                "Depuis plusieurs années, un quinquennat.",
                &[("plusieurs années", "PXY"), ("quinquennat", "P5Y")],
            ),
            ("Il vient chaque jour, 15 fois par an.", &[]),
        ],
    );
    check(
        Lang::En,
        Some("2023-07-17"),
        &[
            ("He stayed for two years.", &[("two years", "P2Y")]),
            (
                "A 27-year contract and a fifty-year life, two and a half years late.",
                &[
                    ("27-year", "P27Y"),
                    ("fifty-year", "P50Y"),
                    ("two and a half years", "P2.5Y"),
                ],
            ),
            ("15 a year, for a second consecutive day.", &[]),
        ],
    );
}

#[test]
fn trap_sept_dot_is_september_never_seven() {
    check(
        Lang::Fr,
        Some("2023-07-17"),
        &[
            (
                "Le 3 sept. 2019, ils étaient sept.",
                &[("3 sept. 2019", "2019-09-03")],
            ),
            ("Il a vécu sept ans à Lyon.", &[("sept ans", "P7Y")]),
        ],
    );
    check(
        Lang::En,
        Some("2023-07-17"),
        &[("Sept. 3, 2019.", &[("Sept. 3, 2019", "2019-09-03")])],
    );
}

#[test]
fn trap_mar_is_mars_or_mardi_only_in_context() {
    check(
        Lang::Fr,
        Some("2023-07-17"),
        &[
            (
                "Le mar. 3 mars 2020, rien.",
                &[("mar. 3 mars 2020", "2020-03-03")],
            ),
            ("Le 3 mar 2020, rien.", &[("3 mar 2020", "2020-03-03")]),
            ("Mar est un prénom, mar aussi, la mar.", &[]),
            (
                "La sonde vole vers Mars. La mission Mars 2020 a atterri.",
                &[],
            ),
        ],
    );
    check(
        Lang::En,
        Some("2023-07-17"),
        &[
            ("Mar 3, 2020 was sunny.", &[("Mar 3, 2020", "2020-03-03")]),
            ("Clouds mar the view.", &[]),
        ],
    );
}

#[test]
fn trap_1er_is_1() {
    check(
        Lang::Fr,
        Some("2023-07-17"),
        &[
            (
                "Le 1er mars 2021 et le mercredi 1er mai.",
                &[
                    ("1er mars 2021", "2021-03-01"),
                    ("mercredi 1er mai", "2024-05-01"),
                ],
            ),
            (
                "Au 1er trimestre 2021.",
                &[("1er trimestre 2021", "2021-Q1")],
            ),
        ],
    );
}

#[test]
fn trap_weekday_lookalikes_are_not_dates() {
    let none: Want = &[];
    check(
        Lang::Fr,
        Some("2023-07-17"),
        &[
            (
                "Je pense que Sam Altman et Ma ont vu la mer avec sa sœur.",
                none,
            ),
            ("Sam a dit : ma foi, je viens. Mer calme, Sam et Ma.", none),
            ("Boss Ma, sam, mer, je, sa, ma, lun, ven, dim.", none),
        ],
    );
    check(
        Lang::En,
        Some("2023-07-17"),
        &[(
            "Sam Altman met Ma at sea; Sun and Sat and Wed were there.",
            none,
        )],
    );
    // In the pipeline, the names stay names.
    let ex = crate::Extractor::builtin().unwrap();
    let doc = ex
        .extract(
            "En 2015, Musk a cofondé OpenAI avec Sam Altman. Sam dit que Ma est là.",
            &crate::Options {
                lang: Some(Lang::Fr),
                doc_date: Some("2023-07-17".parse().unwrap()),
            },
        )
        .unwrap();
    let dates: Vec<&str> = doc
        .entities
        .iter()
        .filter(|e| e.kind == "DATE")
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(dates, ["2015"]);
    assert!(
        doc.entities.iter().any(|e| e.name == "Sam Altman"),
        "{doc:?}"
    );
}

#[test]
fn trap_numbers_that_are_not_years() {
    let none: Want = &[];
    check(
        Lang::Fr,
        Some("2023-07-17"),
        &[
            (
                "Au prix de 400 millions de livres, soit 1,2 milliard.",
                none,
            ),
            ("Un texte de 3308 mots sur la Model S et la puce D1.", none),
            ("Appelez le 01 23 45 67 89 ou le 06.12.20.15.14.", none),
            (
                "Ils ont vendu 2023 voitures et 2000 employés sont partis.",
                none,
            ),
            ("Un budget de 2000 euros, soit 2015 €, ou 1999 %.", none),
            ("Le numéro 1998 ; la route n° 2010 ; 1.2015 ; 3,2019.", none),
        ],
    );
    check(
        Lang::En,
        Some("2023-07-17"),
        &[
            ("It sold 2023 cars to 2000 employees.", none),
            ("The Russell 2000 Index and Windows 2000 fell.", none),
            ("The 2008 Beijing Olympic Games.", &[("2008", "2008")]),
        ],
    );
}

#[test]
fn dates_never_cross_a_line_break() {
    check(
        Lang::En,
        Some("2008-09-18"),
        &[(
            "Markets closed until Friday\nSeptember 18, 2008\nText.",
            &[
                ("Friday", "2008-09-19"),
                ("September 18, 2008", "2008-09-18"),
            ],
        )],
    );
}

#[test]
fn never_panics_on_odd_input() {
    let r = rules();
    for text in [
        "",
        "2015-",
        "-2015",
        "le 31 février 2015",
        "29/02/2023 et 29/02/2024",
        "99:99 UTC",
        "il y a",
        "il y a trois",
        "de 2012 à",
        "the 1990s'",
        "'",
        "mi-",
        "Q9 2013",
        "25 h 70",
        "le 0 mars",
        "années 1995",
        "\u{feff}2015\n\n2016",
    ] {
        for lang in Lang::ALL {
            let _ = found(&r, lang, text, Some("2023-07-17"));
            let _ = found(&r, lang, text, None);
        }
    }
    let got = found(
        &r,
        Lang::Fr,
        "le 31 février 2015, 29/02/2023 et 29/02/2024",
        None,
    );
    let values: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
    assert_eq!(values, ["2015-02", "2024-02-29"]);
}

/// The parser's line breaks, read only where a token has space before it, are the line
/// feeds between tokens; its marks are those of the lowered token.
#[test]
fn parser_line_breaks_and_marks() {
    let rules = rules();
    let text =
        "Le 3\u{a0}MARS\n\n2015 :\r\n« L’été »\u{301}\nmi-Juin, '82 `90s dix-huit ' ` ‐ 1‑2.\n";
    let toks = tokenize(text);
    let folded = Folded::new(text, &toks);
    let parser = Parser::new(
        text,
        &toks,
        &folded,
        &rules.langs[Lang::Fr.index()],
        Lang::Fr,
    );
    for i in 0..toks.len() {
        let gap = if i == 0 {
            ""
        } else {
            &text[toks[i - 1].span.end..toks[i].span.start]
        };
        assert_eq!(
            parser.line_break_before(i),
            i > 0 && gap.contains('\n'),
            "{i}"
        );
        let f = parser.lowered(i);
        assert_eq!(f, words::lower(toks[i].text(text)), "{i}");
        assert_eq!(
            parser.has_digit(i),
            f.chars().any(|c| c.is_ascii_digit()),
            "{f}"
        );
        assert!(parser.marks_of_lowered(i), "{f}");
    }
}

/// Parse `text` and check the phrase table read through the trie against string keys, and
/// the range rule alone against all rules where only a range can start; the number of such
/// tokens.
fn check_table(rules: &DateRules, lang: Lang, text: &str) -> usize {
    let toks = tokenize(text);
    let folded = Folded::new(text, &toks);
    let parser = Parser::new(text, &toks, &folded, &rules.langs[lang.index()], lang);
    let n = parser.assert_only_range();
    parser.assert_table_by_keys();
    n
}

/// Every phrase of both lexicons, in lower case, capitals and title case, alone, between
/// other words, glued to punctuation and cut by a line break or a full stop.
#[test]
fn phrase_table_by_ids_is_the_table_by_keys() {
    let rules = rules();
    let set = LexiconSet::builtin().unwrap();
    for lang in Lang::ALL {
        let phrases: Vec<&str> = set
            .rows(lang.code(), "dates.tsv")
            .iter()
            .map(|r| r.field(0, "a phrase").unwrap())
            .collect();
        assert!(phrases.len() > 100);
        let mut text = String::new();
        for (k, p) in phrases.iter().enumerate() {
            let next = phrases[(k + 1) % phrases.len()];
            let upper = p.to_uppercase();
            let mut title = String::new();
            let mut cs = p.chars();
            if let Some(c) = cs.next() {
                title.extend(c.to_uppercase());
                title.push_str(cs.as_str());
            }
            text.push_str(&format!(
                "{p} {next} 2015. {upper}, {title}\n{p} . {next} ({p}) l'{p} {p}-ci 18 {p}\n"
            ));
        }
        assert!(check_table(&rules, lang, &text) > 0);
        let ranges = match lang {
            Lang::Fr => "de 2012 à 2017, du 3 au 6 mai, de janvier à mars 2020, entre 2014 et 2016",
            Lang::En => "from 2009 to 2011, between 2014 and 2016, from May to June 2020",
        };
        assert!(check_table(&rules, lang, ranges) >= 3);
        let numbers = match lang {
            Lang::Fr => {
                "un homme, deux fois, trois ans, une semaine et demie, un an et demi, \
                         deux mois-ci, un. Deux"
            }
            Lang::En => "one man, two times, three years, a week and a half, two-year, one. Two",
        };
        assert!(check_table(&rules, lang, numbers) >= 3);
        let seasons = match lang {
            Lang::Fr => {
                "Il a été nommé, en été, été 2019, été dernier, a été de 2019, en été de \
                 l'an dernier, a été 2019, l'été, cet été, Été\n2019, hiver 98, a été"
            }
            Lang::En => {
                "fall, in fall 2019, in the fall of 2019, last fall, fall of last year, \
                 in summer, summer, fall\n2019, in fall"
            }
        };
        assert!(check_table(&rules, lang, seasons) >= 3);
        for text in [
            "Le 3\u{a0}MARS\n\n2015 :\r\n« L’été »\u{301}\nmi-Juin, '82 `90s dix-huit ' ` ‐ 1‑2.\n",
            "Fin novembre 2022, il y a trois ans et demi, l’an dernier, début de l'année, \
             au cours des années 1990 ; le 1er janvier, la première semaine d'avril 2013.",
            "On Tuesday, March 3, 2008, at 6:40 p.m. UTC, three years ago; the end of \
             last year, between 2014 and 2016, in the 1990s, a 27-year contract.",
            "aujourd\u{2019}hui, l\u{2019}été, jusqu\u{2019}à, AUJOURD'HUI, Février, fevrier",
            "",
            ".",
            "l'",
        ] {
            check_table(&rules, lang, text);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
    /// Random sequences of date words, numbers, punctuation and other words.
    #[test]
    fn phrase_table_by_ids_on_random_texts(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "l'", "L’", "an", "année", "dernier", "DERNIÈRE", "de", "la", "nuit", "il", "y",
                "a", "trois", "ans", "et", "demi", "fin", "début", "mi-", "mars", "Mars", "juin",
                "1er", "18", "2015", "Q1", "h", "30", "the", "end", "of", "last", "week", "ago",
                "the", "same", "day", "plus", "jusqu'", "à", "aujourd'hui", "’", "-", ".", ",",
                "\n", "soir", "même", "Jean-Pierre", "été", "Été", "ÉTÉ", "ce", "mois-ci",
            ]),
            0..24,
        ),
        glue in proptest::collection::vec(proptest::bool::ANY, 24),
    ) {
        let mut text = String::new();
        for (k, p) in parts.iter().enumerate() {
            if k > 0 && !glue[k] {
                text.push(' ');
            }
            text.push_str(p);
        }
        let rules = rules();
        for lang in Lang::ALL {
            check_table(&rules, lang, &text);
        }
    }
}

/// Digits read as an integer are the float that parsing them gives.
#[test]
fn integer_digits_parse_as_floats() {
    for s in [
        "0",
        "7",
        "0123",
        "2015",
        "999999999999999",
        "123456789012345",
        "10000",
    ] {
        assert_eq!(
            s.parse::<u64>().unwrap() as f64,
            s.parse::<f64>().unwrap(),
            "{s}"
        );
    }
}

/// Duration values written digit by digit are those of `format!`, for whole numbers of
/// every size and sign, fractions, and no number, in every unit.
#[test]
fn duration_values_equal_format() {
    use words::Unit;
    let units = [
        Unit::Second,
        Unit::Minute,
        Unit::Hour,
        Unit::Day,
        Unit::Week,
        Unit::Weekend,
        Unit::Month,
        Unit::Quarter,
        Unit::Half,
        Unit::Year,
        Unit::Decade,
        Unit::Century,
    ];
    let mut values = vec![
        None,
        Some(0.0),
        Some(-0.0),
        Some(0.5),
        Some(2.5),
        Some(1.0 / 3.0),
        Some(-7.0),
        Some(-2.25),
        Some(1e15),
        Some(1e300),
        Some(-1e300),
        Some(f64::INFINITY),
        Some(f64::NEG_INFINITY),
        Some(f64::NAN),
        Some(i64::MAX as f64),
        Some(i64::MIN as f64),
    ];
    values.extend((0..2000).map(|k| Some(f64::from(k))));
    values.extend((0..200).map(|k| Some(f64::from(k) * 0.25)));
    for unit in units {
        for &n in &values {
            assert_eq!(
                grammar::duration_value(n, unit),
                grammar::duration_value_by_format(n, unit),
                "{n:?} {unit:?}"
            );
        }
    }
}
