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

/// Tells French from English by counting each language's function words
/// (from `lexicons/<lang>/function_words.txt`) among the first words of the text.
#[derive(Clone, Debug)]
pub struct LangDetector {
    words: [HashSet<String>; 2],
}

/// How many words the detector looks at, at most.
const SAMPLE_WORDS: usize = 2000;

impl LangDetector {
    /// A detector from each language's function words.
    pub fn new(fr: HashSet<String>, en: HashSet<String>) -> LangDetector {
        LangDetector { words: [fr, en] }
    }

    /// Scores (French hits, English hits) over the first words of `text`.
    pub fn scores(&self, text: &str) -> [usize; 2] {
        let mut score = [0usize; 2];
        let mut buf = String::new();
        for w in text
            .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .take(SAMPLE_WORDS)
        {
            crate::text::fold_into(w, &mut buf);
            // French elisions count for French: "l'équipe", "d'OpenAI".
            let head = match buf.find('\'') {
                Some(i) if i <= 6 && i + 1 < buf.len() => {
                    score[0] += usize::from(self.words[0].contains(&buf[..=i]));
                    &buf[..i]
                }
                _ => buf.as_str(),
            };
            for (i, set) in self.words.iter().enumerate() {
                if set.contains(head) {
                    score[i] += 1;
                }
            }
        }
        score
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
