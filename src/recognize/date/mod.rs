//! Dates and durations, normalised to TIMEX3.
//!
//! The recognizer reads tokens, not characters: every pattern below is a sequence of token
//! tests, and every word it knows comes from `lexicons/<lang>/dates.tsv` (`words.rs`), looked up
//! by lower-cased token sequence in a trie built once: each token of a text is looked up once
//! (by its first eight bytes, in an open-addressing table of the lexicon's tokens), and the
//! phrases starting at it are found by walking the trie with the next tokens' ids. At each
//! token where some pattern can start (the kinds of its phrases, a digit, a hyphen) the grammar
//! tries the patterns with a bounded look-ahead and keeps the longest match, so a document is
//! read in linear time. Matches never cross a line break.
//!
//! ## Patterns (`grammar.rs`)
//! - absolute dates: "18 juillet 2015", "le 1er mars 2021" (the article is left out of the
//!   span, as in CONTRACT.md's "13 juillet"), "lundi 6 septembre", "18/07/2015" (English:
//!   month first when it can be, "7/8/07"), "2015-07-18", "18.07.2015", "July 18, 2015",
//!   "18th of July 2015"; in a list ("les 6 et 13 avril", "du 3 au 6 mai") each day is a date;
//! - months and years: "novembre 2022", "octobre 98", "juin prochain", "last September",
//!   "avril de cette année"; a bare month: French in lower case, English capitalised after a cue
//!   ("in June", "since November"); a bare year, see below;
//! - ranges, value `A/B`: "2017-2018", "2017-18", "2002/2003", "de 2012 à 2017",
//!   "between 2014 and 2016", "de janvier à mars 2020" (years, or months with a year);
//! - qualifiers before any date give the TIMEX3 `mod`: début, fin, mi-, milieu, courant, au
//!   début de, à la fin de, early, late, mid, the end of (START, MID, END), vers, environ,
//!   plus de, around, about (APPROX);
//! - periods: quarters and halves ("premier trimestre de 2013" → 2013-Q1, "Q1 2013",
//!   "la seconde moitié de l'année" → 2013-H2), weeks of a month ("la première semaine
//!   d'avril" → the ISO week holding the month's first Thursday, 2013-W14: ISO 8601's own rule
//!   for a year's first week, applied to the month; without a year, `XXXX-04-W1`), seasons
//!   ("l'été 2019" → 2019-SU), parts of a day ("le soir du 18 juillet 2015" → 2015-07-18TEV,
//!   "hier matin", "mardi soir", "dans la nuit"), clock times ("21 h 45", "18:00 UTC",
//!   "6:40 p.m.", "midi"), decades ("les années 1990", "the 1990s" → 199);
//! - relative dates: "hier", "aujourd'hui", "l'an dernier", "cette année", "la semaine
//!   dernière" (ISO week), "ce week-end" (`YYYY-Www-WE`; from Monday to Wednesday, the weekend just past), "il y a trois ans", "last year",
//!   "three years ago", "this April", "mardi dernier", "on Tuesday", "ces jours-ci"
//!   (PRESENT_REF);
//! - durations, label DURATION: "pendant 8 ans" (the span is "8 ans", P8Y), "trois mois" (P3M),
//!   "for two years", "deux ans et demi" (P2.5Y), "a 27-year contract", "quinze minutes"
//!   (PT15M), "plusieurs jours" (PXD); never after "par", "chaque", "every" (frequencies).
//!
//! ## What is not a date
//! - A bare four-digit number is a year after a strong cue ("en", "depuis", "in", "since", or a
//!   qualifier). After a weak cue ("de", "of") or none, it must be 1900-2099 (any year after a
//!   weak cue) and be followed by punctuation, a capital, the end of the line or a word of the
//!   lexicon's `after_year` list: "de 2000 euros", "2023 voitures", "of 2000 employees" are
//!   counts. Numbers inside numbers ("1,2", "3.000"), after money signs or before "%" are not
//!   years.
//! - Month and weekday abbreviations count only next to a day number or a year ("3 sept. 2019",
//!   "mar. 3 mars"): "sept" is seven, "mar", "mer", "Sam" are not dates; "je", "ma", "sa" are no
//!   date words at all. English month and weekday names must be capitalised ("may", "march").
//!   A capitalised French month mid-sentence without a day is a name ("Mars 2020", "sur Mars").
//!
//! ## Normalisation (`normalise.rs`)
//! Relative dates resolve against the document date (`--doc-date`, or a batch line's
//! `doc_date`); without one, what is unknown stays unknown (`XXXX-07-13`, `XXXX-XX-XX`).
//! - **Narrative year context.** A date without a year (a month, a day and month, a quarter, a
//!   season) takes the year of the last *explicit* year written in the text when that year
//!   differs from the document's and either opened its sentence (a time frame: "Fin novembre
//!   2022, …", in the first three tokens) at most `CONTEXT_SENTENCES` (3) sentences before, or
//!   is in the same sentence: "Fin novembre 2022, … . Début décembre, …" gives 2022-12, while
//!   "… its lowest since 1983. … since February." keeps February in the document's year.
//!   Relative expressions ("il y a trois ans", "l'an dernier") never set the context.
//! - Otherwise it is placed around the document date: in the document's year when the month is
//!   at most `MONTHS_AHEAD` (2) months after the document's month and at most nine
//!   before, else in the year before (or after). "dernier"/"last" and "prochain"/"next" take the
//!   last one before, or the next one after, the document date.
//! - A weekday written with the date chooses among the candidate years the one it falls on
//!   ("lundi 17 février" in 2003, even after "le 1er mai 1962").
//! - A weekday alone is the last such day, today included ("mardi", "on Tuesday"); "dernier" /
//!   "last" excludes today; "prochain", "next" and a future cue ("jusqu'à", "until") look ahead;
//!   "ce"/"this" take the nearest one.
//! - "l'année" without a number (as in "la seconde moitié de l'année") is the narrative's year
//!   (the last explicit year within the same distance), else the document's year.
//! - Clock times and "la nuit", "the day", "le même jour" take the day named in their own
//!   sentence ("vers 15 h 30, hier"), else the last day named at most that many sentences
//!   before (each anchored expression keeps that day current), else the document date.

mod calendar;
mod grammar;
mod normalise;
mod words;

pub use calendar::days_in_month;

use super::{Label, Mention};
use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;
use crate::lexicon::LexiconSet;
use crate::span::Span;
use crate::tokenize::{Folded, Sentence, Token};
use grammar::{Expr, Parser};
use normalise::State;
use std::fmt;
use std::str::FromStr;
use words::Words;

/// A calendar date (the document creation time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CalDate {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
    /// Day, 1-31.
    pub day: u32,
}

impl FromStr for CalDate {
    type Err = Error;
    fn from_str(s: &str) -> Result<CalDate> {
        let bad = || Error::new(ErrorKind::BadDate(format!("'{s}' (expected YYYY-MM-DD)")));
        let parts: Vec<&str> = s.trim().split('-').collect();
        if parts.len() != 3 || parts[0].len() != 4 {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month: u32 = parts[1].parse().map_err(|_| bad())?;
        let day: u32 = parts[2].parse().map_err(|_| bad())?;
        CalDate::new(year, month, day).ok_or_else(bad)
    }
}

impl fmt::Display for CalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The compiled date rules: one phrase table per language.
#[derive(Clone, Debug)]
pub struct DateRules {
    langs: Vec<Words>,
}

impl DateRules {
    /// Compile from `lexicons/<lang>/dates.tsv`.
    pub fn from_lexicons(set: &LexiconSet) -> Result<DateRules> {
        let langs = Lang::ALL
            .iter()
            .map(|lang| Words::from_rows(set.rows(lang.code(), "dates.tsv")))
            .collect::<Result<Vec<_>>>()?;
        Ok(DateRules { langs })
    }

    /// Find the dates and durations of `text`, normalised against `doc_date`. `folded`
    /// holds the folded `tokens`.
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &Folded,
        sentences: &[Sentence],
        lang: Lang,
        doc_date: Option<CalDate>,
    ) -> Vec<Mention> {
        let Some(words) = self.langs.get(lang.index()) else {
            return Vec::new();
        };
        let parser = Parser::new(text, tokens, folded, words, lang);
        let mut state = State::new(doc_date);
        let found = parser.find_all();
        let mut resolved = Vec::with_capacity(found.len());
        for f in &found {
            let si = sentences.partition_point(|s| s.last <= f.start);
            state.sentence = si;
            let frame = sentences.get(si).is_some_and(|s| f.start < s.first + 3);
            let (label, timex, day) = state.resolve(f, frame);
            resolved.push((si, label, timex, day));
        }
        // A clock time or "la nuit" before the day of its own sentence ("vers 15 h 30, hier")
        // takes that day.
        for k in 0..found.len() {
            let (si, ..) = resolved[k];
            if found[k].expr != Expr::Anchor
                || (0..k).any(|j| resolved[j].0 == si && resolved[j].3.is_some())
            {
                continue;
            }
            let later = (k + 1..found.len())
                .take_while(|&j| resolved[j].0 == si)
                .find(|&j| found[j].expr != Expr::Anchor && resolved[j].3.is_some());
            if let Some(day) = later.and_then(|j| resolved[j].3) {
                resolved[k].2 = State::on_day(&found[k], day);
            }
        }
        found
            .iter()
            .zip(resolved)
            .map(|(f, (_, label, timex, _))| Mention {
                span: Span::new(tokens[f.start].span.start, tokens[f.end - 1].span.end),
                tokens: (f.start, f.end),
                label,
                rule: rule_name(&f.expr, label),
                known: None,
                timex: Some(timex),
            })
            .collect()
    }
}

fn rule_name(e: &Expr, label: Label) -> &'static str {
    if label == Label::Duration {
        return "duration";
    }
    match e {
        Expr::Cal { .. } => "date:calendar",
        Expr::Period { .. } | Expr::MonthWeek { .. } | Expr::Season { .. } | Expr::Decade(_) => {
            "date:period"
        }
        Expr::RelUnit { .. } | Expr::RelDay(_) | Expr::Weekday { .. } | Expr::Ago { .. } => {
            "date:relative"
        }
        Expr::Anchor => "date:anchored",
        Expr::Range(..) => "date:range",
        Expr::Ref(_) => "date:reference",
        Expr::Duration(_) => "duration",
    }
}

#[cfg(test)]
mod tests;
