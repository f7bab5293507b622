//! Dates and durations, normalised to TIMEX3.
//!
//! (First version: absolute dates, months and years, with début/fin/early/late
//! qualifiers. Month words and qualifiers come from `lexicons/<lang>/dates.tsv`.)

use super::{Label, Mention, Timex};
use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;
use crate::lexicon::LexiconSet;
use crate::span::Span;
use crate::text::fold;
use crate::tokenize::{Sentence, Token};
use regex::Regex;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

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
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(bad());
        }
        Ok(CalDate { year, month, day })
    }
}

impl fmt::Display for CalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[derive(Clone, Debug)]
struct LangDates {
    months: HashMap<String, u32>,
    mods: HashMap<String, String>,
    re: Regex,
}

/// The compiled date rules.
#[derive(Clone, Debug)]
pub struct DateRules {
    langs: Vec<LangDates>,
}

impl DateRules {
    /// Compile from `lexicons/<lang>/dates.tsv`.
    pub fn from_lexicons(set: &LexiconSet) -> Result<DateRules> {
        let mut langs = Vec::new();
        for lang in Lang::ALL {
            let mut months = HashMap::new();
            let mut mods = HashMap::new();
            let mut raw: Vec<String> = Vec::new();
            let mut raw_mods: Vec<String> = Vec::new();
            for row in set.rows(lang.code(), "dates.tsv") {
                let w = fold(row.field(0, "a word")?);
                match row.field(1, "a kind")? {
                    "month" => raw.push(row.field(0, "a word")?.to_string()),
                    "mod" => raw_mods.push(row.field(0, "a word")?.to_string()),
                    _ => {}
                }
                match row.field(1, "a kind")? {
                    "month" => {
                        let m: u32 = row
                            .field(2, "a month number")?
                            .parse()
                            .map_err(|_| row.error(2, "expected a month number 1-12"))?;
                        if !(1..=12).contains(&m) {
                            return Err(row.error(2, "expected a month number 1-12"));
                        }
                        months.insert(w, m);
                    }
                    "mod" => {
                        mods.insert(w, row.field(2, "a TIMEX3 mod")?.to_string());
                    }
                    _ => {}
                }
            }
            let alt = |keys: Vec<&String>| {
                let mut k: Vec<String> = keys.iter().map(|s| regex::escape(s)).collect();
                k.sort_by_key(|s| std::cmp::Reverse(s.len()));
                k.join("|")
            };
            let month_alt = alt(months.keys().chain(raw.iter()).collect());
            let mod_alt = alt(mods.keys().chain(raw_mods.iter()).collect());
            let pattern = format!(
                r"(?i)\b(?:(?P<mod>{mod_alt})[\s-]+(?:(?:de|d'|of)\s*)?)?(?:(?P<day>[0-3]?\d)(?:er|st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>{month_alt})(?:\s+(?P<mday>[0-3]?\d)(?:st|nd|rd|th)?,?)?(?:\s+(?P<myear>(?:1[89]|20)\d\d))?\b|\b(?:(?P<ymod>{mod_alt})[\s-]+(?:(?:de|d'|of)\s*)?)?(?P<year>(?:1[89]|20)\d\d)\b"
            );
            let re = Regex::new(&pattern)
                .map_err(|e| Error::bad_argument(format!("date rules: {e}")))?;
            langs.push(LangDates { months, mods, re });
        }
        Ok(DateRules { langs })
    }

    /// Find dates in `text`.
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        _sentences: &[Sentence],
        lang: Lang,
        doc_date: Option<CalDate>,
    ) -> Vec<Mention> {
        let l = &self.langs[lang.index()];
        let mut out = Vec::new();
        let mut context_year: Option<i32> = None;
        for c in l.re.captures_iter(text) {
            let m = c.get(0).expect("group 0");
            let (s, e) = (m.start(), m.end());
            let Ok(ts) = tokens.binary_search_by(|t| t.span.start.cmp(&s)) else {
                continue;
            };
            let Ok(te) = tokens.binary_search_by(|t| t.span.end.cmp(&e)) else {
                continue;
            };
            let modifier = c
                .name("mod")
                .or_else(|| c.name("ymod"))
                .and_then(|m| l.mods.get(&fold(m.as_str())).cloned());
            let value = if let Some(y) = c.name("year") {
                let y: i32 = y.as_str().parse().unwrap_or(0);
                // A bare number is a year only with a qualifier or a preposition before it.
                let before = text[..s].trim_end();
                let prep = [
                    "en", "in", "depuis", "since", "de", "from", "à", "to", "et", "and",
                    "jusqu'en", "avant", "après", "before", "after", "by", "of", "during",
                    "pendant",
                ]
                .iter()
                .any(|p| before.to_lowercase().ends_with(p));
                if modifier.is_none() && !prep {
                    continue;
                }
                context_year = Some(y);
                format!("{y:04}")
            } else {
                let month = c
                    .name("month")
                    .and_then(|m| l.months.get(&fold(m.as_str())))
                    .copied()
                    .unwrap_or(0);
                let day = c
                    .name("day")
                    .or_else(|| c.name("mday"))
                    .and_then(|d| d.as_str().parse::<u32>().ok());
                let year = c.name("myear").and_then(|y| y.as_str().parse::<i32>().ok());
                // A bare month word needs a day, a year or a qualifier ("mai" alone is too ambiguous).
                if day.is_none() && year.is_none() && modifier.is_none() {
                    continue;
                }
                let year = year.or(context_year).or(doc_date.map(|d| d.year));
                if let Some(y) = c.name("myear").and_then(|y| y.as_str().parse::<i32>().ok()) {
                    context_year = Some(y);
                }
                let y = year.map_or("XXXX".to_string(), |y| format!("{y:04}"));
                match day {
                    Some(d) if (1..=31).contains(&d) => format!("{y}-{month:02}-{d:02}"),
                    Some(_) => continue,
                    None => format!("{y}-{month:02}"),
                }
            };
            out.push(Mention {
                span: Span::new(s, e),
                tokens: (ts, te + 1),
                label: Label::Date,
                rule: "date",
                known: None,
                timex: Some(Timex { value, modifier }),
            });
        }
        out
    }
}
