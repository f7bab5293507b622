//! Languages and automatic language detection.

use serde::Serialize;
use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

/// A language nergraph reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// All languages, in lexicon order.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The ISO 639-1 code ("fr", "en"), also the lexicon directory name.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" | "french" => Ok(Lang::Fr),
            "en" | "eng" | "english" => Ok(Lang::En),
            _ => Err(crate::Error::bad_argument(format!(
                "unknown language '{s}' (expected fr, en or auto)"
            ))),
        }
    }
}

/// Tells French from English from the evidence of the text itself:
///
/// - each language's function words (`lexicons/<lang>/function_words.txt`); a word
///   in both lists ("a") counts for neither;
/// - French elisions before a letter ("l'équipe", "d'OpenAI", "qu'il"): French;
/// - English clitics ("Musk's", "don't", "they're", "we've", "I'll"): English;
/// - a lower-case word with a French accent ("fondé", "déjà", "ça"): half a point
///   for French (proper names such as "José" are left out by their capital).
///
/// Only the first [`SAMPLE_WORDS`] words are read. A text with no evidence, or as
/// much for both languages, gets the caller's fallback: very short texts ("MUSK
/// SUES OPENAI", a bare name) and evenly mixed ones.
#[derive(Clone, Debug)]
pub struct LangDetector {
    words: [HashSet<String>; 2],
}

/// How many words the detector looks at, at most.
pub const SAMPLE_WORDS: usize = 2000;

const FR_ELISIONS: &[&str] = &[
    "l", "d", "qu", "n", "j", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
];
const EN_CLITICS: &[&str] = &["s", "t", "re", "ve", "ll", "m", "d"];

fn french_accent(c: char) -> bool {
    matches!(
        c,
        'é' | 'è' | 'ê' | 'ë' | 'à' | 'â' | 'ù' | 'û' | 'ç' | 'œ' | 'î' | 'ï' | 'ô'
    )
}

impl LangDetector {
    /// A detector from each language's function words (folded).
    pub fn new(fr: HashSet<String>, en: HashSet<String>) -> LangDetector {
        LangDetector { words: [fr, en] }
    }

    /// Evidence (French, English) over the first words of `text`, in points.
    pub fn scores(&self, text: &str) -> [f32; 2] {
        let mut score = [0f32; 2];
        let mut buf = String::new();
        for w in text
            .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .take(SAMPLE_WORDS)
        {
            if w.chars().next().is_some_and(char::is_lowercase) && w.chars().any(french_accent) {
                score[0] += 0.5;
            }
            crate::text::fold_into(w, &mut buf);
            let word = buf.trim_matches('\'');
            let (head, tail) = match word.find('\'') {
                Some(i) => (&word[..i], &word[i + 1..]),
                None => (word, ""),
            };
            if !tail.is_empty() {
                if FR_ELISIONS.contains(&head) {
                    score[0] += 1.0;
                    // "l'équipe": the word after the elision counts too.
                    self.count(tail, &mut score);
                    continue;
                }
                if EN_CLITICS.contains(&tail) || tail == "t" && head.ends_with('n') {
                    score[1] += 1.0;
                }
            }
            self.count(head, &mut score);
        }
        score
    }

    fn count(&self, word: &str, score: &mut [f32; 2]) {
        let fr = self.words[0].contains(word);
        let en = self.words[1].contains(word);
        if fr && !en {
            score[0] += 1.0;
        } else if en && !fr {
            score[1] += 1.0;
        }
    }

    /// The language of `text`; `fallback` when the text gives no evidence
    /// (too short, or a tie).
    pub fn detect(&self, text: &str, fallback: Lang) -> Lang {
        let [fr, en] = self.scores(text);
        if fr > en {
            Lang::Fr
        } else if en > fr {
            Lang::En
        } else {
            fallback
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> LangDetector {
        let set = crate::lexicon::LexiconSet::builtin().unwrap();
        let words = |lang: &str| -> HashSet<String> {
            set.rows(lang, "function_words.txt")
                .iter()
                .map(|r| crate::text::fold(&r.fields[0]))
                .collect()
        };
        LangDetector::new(words("fr"), words("en"))
    }

    #[test]
    fn detects_short_and_mixed_texts() {
        let d = detector();
        let cases: &[(&str, Option<Lang>)] = &[
            ("Jane Roe joined Globex in 2019.", Some(Lang::En)),
            ("Jane Roe a rejoint Globex en 2019.", None), // no function word: fallback
            ("Jane Roe a rejoint Globex après la fusion.", Some(Lang::Fr)),
            ("Globex's founder left.", Some(Lang::En)),
            ("L'équipe d'Initech", Some(Lang::Fr)),
            ("Il a été évincé.", Some(Lang::Fr)),
            ("MUSK SUES OPENAI", None),
            ("", None),
            ("Jane Roe", None),
            // Mostly English with a French quote: English.
            (
                "Jane Roe said the deal was off: « c'est fini ». She left the company the next day.",
                Some(Lang::En),
            ),
            // Mostly French with an English quote: French.
            (
                "Jean Dupont a déclaré « the deal is off » avant de quitter la société avec ses associés.",
                Some(Lang::Fr),
            ),
            // A French name does not make an English text French.
            (
                "José Álvarez, the founder of Hélé, is in Québec.",
                Some(Lang::En),
            ),
        ];
        for &(text, want) in cases {
            let got_fr = d.detect(text, Lang::Fr);
            let got_en = d.detect(text, Lang::En);
            match want {
                Some(l) => assert!(got_fr == l && got_en == l, "{text}: {:?}", d.scores(text)),
                None => assert!(
                    got_fr == Lang::Fr && got_en == Lang::En,
                    "{text} should fall back: {:?}",
                    d.scores(text)
                ),
            }
        }
    }
}
