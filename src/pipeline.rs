//! The pipeline: text in, [`Document`] out.
//!
//! ```text
//! tokenize → sentences → dates → gazetteer → name rules → resolve → relate → Document
//! ```

use crate::document::{
    AliasOut, Document, EntityOut, EvidenceOut, MentionOut, RelationOut, SCHEMA, push_uint,
};
use crate::error::{Error, ErrorKind, Result};
use crate::lang::{Lang, LangDetector};
use crate::lexicon::LexiconSet;
use crate::recognize::date::{CalDate, DateRules};
use crate::recognize::gazetteer::Gazetteer;
use crate::recognize::names::{NameRules, phrase_key};
use crate::recognize::{Label, Mention};
use crate::relate::{Relation, RelationRules};
use crate::resolve::{Descriptions, Pronoun, Pronouns, Resolution, Resolver};
use crate::span::CharMap;
use crate::text::fold;
use crate::tokenize::{self, Sentence, Token};
use std::collections::HashSet;
use std::path::Path;

/// Options for one extraction.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The language, or `None` to detect it.
    pub lang: Option<Lang>,
    /// The document creation time, for relative and partial dates.
    pub doc_date: Option<CalDate>,
}

/// Everything between the text and the document, for callers that want the
/// intermediate stages (tokens, mentions, resolution).
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The language used.
    pub lang: Lang,
    /// Tokens.
    pub tokens: Vec<Token>,
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Resolution (mentions, entities, references).
    pub resolution: Resolution,
    /// Relations.
    pub relations: Vec<Relation>,
}

/// A compiled extractor: lexicons, automata and rules, built once and used for
/// many documents (it is `Send + Sync`).
#[derive(Clone, Debug)]
pub struct Extractor {
    gazetteer: Gazetteer,
    names: NameRules,
    dates: DateRules,
    relations: RelationRules,
    pronouns: Vec<(Pronouns, usize)>,
    abbreviations: Vec<HashSet<String>>,
    detector: LangDetector,
    descriptions: Descriptions,
    /// Lexicon warnings (duplicate or conflicting entries), see [`LexiconSet::warnings`].
    warnings: Vec<String>,
}

/// Builds an [`Extractor`].
#[derive(Clone, Debug, Default)]
pub struct ExtractorBuilder {
    dirs: Vec<std::path::PathBuf>,
}

impl ExtractorBuilder {
    /// Lay a lexicon directory over the built-in lexicons (see [`crate::lexicon`]).
    pub fn lexicons_dir(mut self, dir: impl AsRef<Path>) -> ExtractorBuilder {
        self.dirs.push(dir.as_ref().to_path_buf());
        self
    }

    /// Compile.
    pub fn build(self) -> Result<Extractor> {
        let mut set = LexiconSet::builtin()?;
        for d in &self.dirs {
            set.add_dir(d)?;
        }
        Extractor::from_lexicons(&set)
    }
}

impl Extractor {
    /// A builder.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// An extractor on the built-in lexicons.
    pub fn builtin() -> Result<Extractor> {
        Extractor::builder().build()
    }

    /// Compile from a lexicon set.
    pub fn from_lexicons(set: &LexiconSet) -> Result<Extractor> {
        let names = NameRules::from_lexicons(set)?;
        let gazetteer = Gazetteer::from_lexicons(set, &|w| {
            names.is_not_name(w) || names.first_name_gender(w).is_some()
        })?;
        let dates = DateRules::from_lexicons(set)?;
        let relations = RelationRules::from_lexicons(set, &names)?;
        let mut pronouns = Vec::new();
        let mut abbreviations = Vec::new();
        let mut function_words = Vec::new();
        for lang in Lang::ALL {
            let mut table = Pronouns::new();
            let mut max = 1;
            for row in set.rows(lang.code(), "pronouns.tsv") {
                let refers_to = match row.field(1, "person, org or any")? {
                    "person" => Some(Label::Person),
                    "org" => Some(Label::Org),
                    "any" => None,
                    _ => return Err(row.error(1, "expected person, org or any")),
                };
                let gender = row.opt(2).chars().next().unwrap_or('u');
                if !matches!(gender, 'm' | 'f' | 'u') {
                    return Err(row.error(2, "expected gender m, f or u"));
                }
                let flag = row.opt(3);
                if !matches!(flag, "" | "poss" | "rel") {
                    return Err(row.error(3, "expected poss, rel or nothing"));
                }
                let key = phrase_key(row.field(0, "a pronoun")?);
                max = max.max(key.split(' ').count());
                table.insert(
                    key,
                    Pronoun {
                        refers_to,
                        gender,
                        possessive: flag == "poss",
                        relative: flag == "rel",
                    },
                );
            }
            pronouns.push((table, max));
            let mut abbr = HashSet::new();
            for row in set.rows(lang.code(), "abbreviations.txt") {
                abbr.insert(fold(row.field(0, "an abbreviation")?.trim_end_matches('.')));
            }
            abbreviations.push(abbr);
            let mut fw = HashSet::new();
            for row in set.rows(lang.code(), "function_words.txt") {
                fw.insert(fold(row.field(0, "a word")?));
            }
            function_words.push(fw);
        }
        let en = function_words.pop().unwrap_or_default();
        let fr = function_words.pop().unwrap_or_default();
        Ok(Extractor {
            gazetteer,
            names,
            dates,
            relations,
            pronouns,
            abbreviations,
            detector: LangDetector::new(fr, en),
            descriptions: Descriptions::from_lexicons(set)?,
            warnings: set.warnings().to_vec(),
        })
    }

    /// Warnings about the lexicons it was built from (duplicate or conflicting
    /// entries, each naming both lines); empty for the built-in lexicons.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The language detector.
    pub fn detector(&self) -> &LangDetector {
        &self.detector
    }

    /// Detect the language of `text` (English, the language most articles come
    /// in, when the text gives no evidence: a bare name, an all-caps headline).
    pub fn detect_lang(&self, text: &str) -> Lang {
        self.detector.detect(text, Lang::En)
    }

    /// Run every stage and keep the intermediate results.
    pub fn analyze(&self, text: &str, opts: &Options) -> Analysis {
        let lang = opts.lang.unwrap_or_else(|| self.detect_lang(text));
        let li = lang.index();
        let tokens = tokenize::tokenize(text);
        let sentences = tokenize::sentences(text, &tokens, &self.abbreviations[li]);
        // Every token folded once, for the date and name rules.
        let folded = tokenize::Folded::new(text, &tokens);
        // Recognizers, in priority order.
        let mut taken = vec![false; tokens.len()];
        let mut mentions: Vec<Mention> = Vec::with_capacity(tokens.len() / 8 + 4);
        let claim = |found: Vec<Mention>, taken: &mut Vec<bool>, mentions: &mut Vec<Mention>| {
            for m in found {
                let (a, b) = m.tokens;
                if a >= b || b > taken.len() || taken[a..b].iter().any(|&t| t) {
                    continue;
                }
                taken[a..b].iter_mut().for_each(|t| *t = true);
                mentions.push(m);
            }
        };
        claim(
            self.dates
                .find(text, &tokens, &folded, &sentences, lang, opts.doc_date),
            &mut taken,
            &mut mentions,
        );
        let gaz: Vec<Mention> = self
            .gazetteer
            .find(text, &tokens)
            .into_iter()
            .filter(|m| {
                !self.is_ambiguous_initial(text, &tokens, &sentences, m)
                    && !self.after_first_name(text, &tokens, m)
            })
            .collect();
        // A known organisation followed by a company suffix takes it: "Citigroup Inc.".
        let gaz: Vec<Mention> = gaz
            .into_iter()
            .map(|mut m| {
                let n = if m.label == Label::Org {
                    self.names.suffix_len(text, &tokens, m.tokens.1)
                } else {
                    0
                };
                if n > 0 {
                    m.tokens.1 += n;
                    m.span.end = tokens[m.tokens.1 - 1].span.end;
                }
                m
            })
            .collect();
        claim(gaz, &mut taken, &mut mentions);
        // "Airbus A380", "Boeing 787": a product, not its maker.
        crate::recognize::names::model_names(text, &tokens, &mut mentions, &mut taken);
        claim(
            self.names
                .find(text, &tokens, &folded, &sentences, lang, &taken),
            &mut taken,
            &mut mentions,
        );
        let (table, max) = &self.pronouns[li];
        let resolver = Resolver {
            names: &self.names,
            gazetteer: &self.gazetteer,
            pronouns: table,
            max_pronoun_words: *max,
            descriptions: &self.descriptions,
            doc_year: opts.doc_date.map(|d| d.year),
        };
        let relate = |res: &mut Resolution| {
            self.relations
                .find(text, &tokens, &sentences, res, &self.names, lang)
        };
        let mut resolution = resolver.resolve(text, &tokens, &folded, &sentences, mentions, lang);
        let mut relations = relate(&mut resolution);
        // Names that relation context typed PERSON ("Shivon Zilis, membre du conseil
        // de …") are resolved again, so that their bare surnames and pronouns join them.
        if resolution
            .mentions
            .iter()
            .any(|m| m.rule == "person:relation-context")
        {
            let mentions = std::mem::take(&mut resolution.mentions);
            resolution = resolver.resolve(text, &tokens, &folded, &sentences, mentions, lang);
            relations = relate(&mut resolution);
        }
        Analysis {
            lang,
            tokens,
            sentences,
            resolution,
            relations,
        }
    }

    /// A one-word organisation right after a first name is a surname ("Henry
    /// Ford", "Paul Renault"): the name rules take it.
    fn after_first_name(&self, text: &str, tokens: &[Token], m: &Mention) -> bool {
        let a = m.tokens.0;
        m.tokens.1 - a == 1
            && m.label == Label::Org
            && a > 0
            && tokens[a - 1].case == crate::text::Case::Title
            && text[tokens[a - 1].span.end..tokens[a].span.start] == *" "
            && self
                .names
                .first_name_gender(tokens[a - 1].text(text))
                .is_some()
    }

    /// A sentence-initial gazetteer match that is also a common capitalised word
    /// ("Orange", "Total" at the start of a sentence) is not taken on its own.
    fn is_ambiguous_initial(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        m: &Mention,
    ) -> bool {
        m.tokens.1 - m.tokens.0 == 1
            && self.names.is_not_name(m.span.slice(text))
            && sentences
                .binary_search_by(|s| s.first.cmp(&m.tokens.0))
                .is_ok()
            && !tokens[m.tokens.0]
                .text(text)
                .chars()
                .all(|c| c.is_uppercase())
    }

    /// Extract the document's graph.
    ///
    /// ```
    /// use nergraph::{Extractor, Options};
    /// let ex = Extractor::builtin()?;
    /// let doc = ex.extract("En 2015, Marc Durand a fondé Globex SA avec Anne Martin.", &Options::default())?;
    /// let durand = doc.entities.iter().find(|e| e.name == "Marc Durand").unwrap();
    /// let globex = doc.entities.iter().find(|e| e.name == "Globex SA").unwrap();
    /// let founded = doc.relations.iter().find(|r| r.kind == "FOUNDED" && r.source == durand.id).unwrap();
    /// assert_eq!(founded.target, globex.id);
    /// assert_eq!(founded.date.as_deref(), Some("2015"));
    /// # Ok::<(), nergraph::Error>(())
    /// ```
    pub fn extract(&self, text: &str, opts: &Options) -> Result<Document> {
        let a = self.analyze(text, opts);
        Ok(self.document(text, &a, opts))
    }

    /// Build the output document from an analysis.
    pub fn document(&self, text: &str, a: &Analysis, opts: &Options) -> Document {
        let map = CharMap::new(text);
        let res = &a.resolution;
        let sentence_of = |tok: usize| a.sentences.partition_point(|s| s.last <= tok);
        // Entities in order of first mention; ids by kind.
        let mut order: Vec<usize> = (0..res.entities.len())
            .filter(|&e| !res.entities[e].mentions.is_empty())
            .collect();
        order.sort_by_cached_key(|&e| {
            res.entities[e]
                .mentions
                .iter()
                .map(|&m| res.mentions[m].span.start)
                .min()
                .unwrap_or(0)
        });
        let mut ids = vec![String::new(); res.entities.len()];
        let (mut ne, mut nd, mut nx) = (0, 0, 0);
        for &e in &order {
            let (letter, n) = match res.entities[e].label {
                Label::Person | Label::Org => {
                    ne += 1;
                    ('e', ne)
                }
                Label::Date | Label::Duration => {
                    nd += 1;
                    ('d', nd)
                }
                _ => {
                    nx += 1;
                    ('x', nx)
                }
            };
            let mut id = String::with_capacity(4);
            id.push(letter);
            push_uint(&mut id, n);
            ids[e] = id;
        }
        let mention_out = |span: crate::span::Span, tok: usize, rule: Option<&str>| MentionOut {
            start: map.char_offset(text, span.start),
            end: map.char_offset(text, span.end),
            text: span.slice(text).to_string(),
            sentence: sentence_of(tok),
            rule: rule.map(String::from),
            doc: None,
        };
        let mut entities = Vec::with_capacity(order.len());
        for &e in &order {
            let ent = &res.entities[e];
            let mentions: Vec<MentionOut> = ent
                .mentions
                .iter()
                .map(|&m| {
                    let mm = &res.mentions[m];
                    mention_out(mm.span, mm.tokens.0, Some(mm.rule))
                })
                .collect();
            let references: Vec<MentionOut> = res
                .references
                .iter()
                .filter(|r| r.entity == e)
                .map(|r| {
                    mention_out(
                        r.span,
                        r.tokens.0,
                        Some(if r.possessive {
                            "pronoun:possessive"
                        } else {
                            "pronoun"
                        }),
                    )
                })
                .collect();
            entities.push(EntityOut {
                id: ids[e].clone(),
                kind: ent.label.as_str().to_string(),
                name: ent.name.clone(),
                aliases: ent.aliases.iter().map(|a| a.text.clone()).collect(),
                alias_rules: ent
                    .aliases
                    .iter()
                    .map(|a| AliasOut {
                        text: a.text.clone(),
                        rule: a.rule.to_string(),
                        of: a.of.clone(),
                    })
                    .collect(),
                value: ent.timex.as_ref().map(|t| t.value.clone()),
                modifier: ent.timex.as_ref().and_then(|t| t.modifier.clone()),
                gender: (ent.label == Label::Person && ent.gender != 'u')
                    .then(|| ent.gender.to_string()),
                mentions,
                references,
            });
        }
        let evidence_out = |ev: &crate::relate::Evidence, full: bool| EvidenceOut {
            start: map.char_offset(text, ev.span.start),
            end: map.char_offset(text, ev.span.end),
            text: ev.span.slice(text).to_string(),
            rule: full.then(|| ev.rule.clone()),
            confidence: full.then_some(round(ev.confidence)),
            date: if full { ev.date.clone() } else { None },
            doc: None,
        };
        let relations = a
            .relations
            .iter()
            .filter(|r| !ids[r.source].is_empty() && !ids[r.target].is_empty())
            .map(|r| RelationOut {
                kind: r.kind.as_str().to_string(),
                source: ids[r.source].clone(),
                target: ids[r.target].clone(),
                date: r.date().map(String::from),
                confidence: round(r.confidence()),
                rule: r.rule().to_string(),
                evidence: evidence_out(&r.evidence[0], false),
                more_evidence: r.evidence[1..]
                    .iter()
                    .map(|e| evidence_out(e, true))
                    .collect(),
            })
            .collect();
        Document {
            schema: SCHEMA,
            id: None,
            lang: a.lang.code().to_string(),
            doc_date: opts.doc_date.map(|d| d.to_string()),
            entities,
            relations,
        }
    }
}

fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// Check and decode input bytes: UTF-8 (an error names the first bad byte
/// unless `lossy`), no NUL bytes (binary), a leading BOM removed.
pub fn decode(bytes: &[u8], lossy: bool) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        if !lossy {
            return Err(Error::new(ErrorKind::Binary { offset }));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) if !lossy || !s.contains('\0') => Ok(s.to_string()),
        Ok(s) => Ok(s.replace('\0', " ")),
        Err(e) if !lossy => Err(Error::new(ErrorKind::InvalidUtf8 {
            offset: e.valid_up_to(),
        })),
        Err(_) => Ok(String::from_utf8_lossy(bytes).replace('\0', " ")),
    }
}

/// The compiled stages, for callers (and `benches/`) that run them one by one.
impl Extractor {
    /// Abbreviations that do not end a sentence, for [`tokenize::sentences`].
    pub fn abbreviations(&self, lang: Lang) -> &HashSet<String> {
        &self.abbreviations[lang.index()]
    }

    /// The date recognizer.
    pub fn date_rules(&self) -> &DateRules {
        &self.dates
    }

    /// The gazetteer of known names.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The name rules.
    pub fn name_rules(&self) -> &NameRules {
        &self.names
    }

    /// The relation patterns.
    pub fn relation_rules(&self) -> &RelationRules {
        &self.relations
    }

    /// The resolver for documents in `lang` dated `doc_date`.
    pub fn resolver(&self, lang: Lang, doc_date: Option<CalDate>) -> Resolver<'_> {
        let (table, max) = &self.pronouns[lang.index()];
        Resolver {
            names: &self.names,
            gazetteer: &self.gazetteer,
            pronouns: table,
            max_pronoun_words: *max,
            descriptions: &self.descriptions,
            doc_year: doc_date.map(|d| d.year),
        }
    }
}
