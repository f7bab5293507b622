//! Recognizers: find mentions of people, organisations, dates (and things that
//! must not be taken for them: products, places) in tokenized text.
//!
//! - [`gazetteer`]: known names from the lexicons (aho-corasick, leftmost-longest on token boundaries);
//! - [`names`]: rules for names in no lexicon (first names, titles, suffixes, context, letter case);
//! - [`date`]: dates and durations, normalised to TIMEX3.
//!
//! Overlaps are settled in that order: dates first, then the gazetteer, then the rules;
//! within one recognizer, longest first, then leftmost.

pub mod date;
pub mod gazetteer;
pub mod names;

use crate::span::Span;
use serde::Serialize;

/// What a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    /// A person.
    Person,
    /// An organisation: company, lab, institution, media.
    Org,
    /// A calendar date or period.
    Date,
    /// A duration ("trois mois", "for two years").
    Duration,
    /// A product, model, software or game: never a person or an organisation.
    Product,
    /// A place.
    Place,
    /// A capitalised name whose type the rules could not tell; resolution or
    /// relation context may type it later, otherwise it is dropped.
    Unknown,
}

impl Label {
    /// The contract's name of the type.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Date => "DATE",
            Label::Duration => "DURATION",
            Label::Product => "PRODUCT",
            Label::Place => "LOC",
            Label::Unknown => "UNKNOWN",
        }
    }
}

/// A TIMEX3 value and modifier.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct Timex {
    /// TIMEX3 `value`: "2013", "2013-04", "2023-07-13", "2013-Q1", "2017/2018", "P8Y", "XXXX-07-13".
    pub value: String,
    /// TIMEX3 `mod`: START, MID, END, APPROX.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

/// One mention found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Byte span in the text.
    pub span: Span,
    /// First token and one past the last token.
    pub tokens: (usize, usize),
    /// What it names.
    pub label: Label,
    /// The rule or lexicon that found it ("gazetteer", "person:first-name", …).
    pub rule: &'static str,
    /// Index of the known entity (from the lexicons) it names, if any.
    pub known: Option<usize>,
    /// For dates and durations: the normalised value.
    pub timex: Option<Timex>,
}
