//! Batch input: one JSON object per line, `{"id", "text", "lang"?, "doc_date"?}`.
//!
//! [`parse_line`] reads one line. It never panics: a line that is not UTF-8,
//! not JSON, not an object, or has no `"text"` string gives a [`LineError`]
//! that keeps the line's `"id"` when it could be read, so that the caller can
//! write an error record `{"id": …, "error": …}` in the document's place.
//!
//! ```
//! use nergraph::batch::parse_line;
//! let input = parse_line(br#"{"id": 7, "text": "Bonjour.", "lang": "fr"}"#, false).unwrap();
//! assert_eq!(input.id, 7);
//! assert_eq!(input.text, "Bonjour.");
//! let err = parse_line(br#"{"id": "a", "txt": "oops"}"#, false).unwrap_err();
//! assert_eq!(err.id, "a");
//! assert_eq!(err.error.to_string(), "no \"text\" string");
//! ```

use crate::error::{Error, ErrorKind};
use crate::lang::Lang;
use crate::pipeline::{Options, decode};
use crate::recognize::date::CalDate;
use serde_json::Value;
use std::fmt;

/// One batch line, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchInput {
    /// The line's `"id"` (any JSON value; `null` when absent).
    pub id: Value,
    /// The article.
    pub text: String,
    /// The line's `"lang"`: `None` when absent, `Some(None)` for `"auto"`.
    pub lang: Option<Option<Lang>>,
    /// The line's `"doc_date"`, when given.
    pub doc_date: Option<CalDate>,
}

impl BatchInput {
    /// The extraction options of this line: its own `lang` and `doc_date`
    /// where it gives them, else `defaults`'.
    pub fn options(&self, defaults: &Options) -> Options {
        Options {
            lang: self.lang.unwrap_or(defaults.lang),
            doc_date: self.doc_date.or(defaults.doc_date),
        }
    }
}

/// A line that cannot be read, with its `"id"` when known (`null` otherwise).
#[derive(Debug)]
pub struct LineError {
    /// The line's `"id"`, or `null`.
    pub id: Value,
    /// What is wrong with it.
    pub error: Error,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for LineError {}

/// Read one batch line (without its line break; a trailing `\r` is allowed).
///
/// With `lossy`, invalid UTF-8 and NUL bytes (raw, or `\u0000` in the text)
/// are replaced instead of being errors, as for a single article ([`decode`]).
pub fn parse_line(line: &[u8], lossy: bool) -> Result<BatchInput, LineError> {
    let no_id = |error: Error| LineError {
        id: Value::Null,
        error,
    };
    let line = decode(line, lossy).map_err(no_id)?;
    let v: Value = serde_json::from_str(&line)
        .map_err(|e| no_id(Error::bad_argument(format!("not JSON: {e}"))))?;
    let Value::Object(obj) = v else {
        return Err(no_id(Error::bad_argument(
            "expected a JSON object {\"id\", \"text\", \"lang\"?, \"doc_date\"?}",
        )));
    };
    let id = obj.get("id").cloned().unwrap_or(Value::Null);
    let fail = |error: Error| LineError {
        id: id.clone(),
        error,
    };
    let text = obj
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| fail(Error::bad_argument("no \"text\" string")))?;
    // A NUL inside the text is binary input, as in a file.
    let text = match text.find('\0') {
        None => text.to_string(),
        Some(_) if lossy => text.replace('\0', " "),
        Some(at) => {
            return Err(fail(Error::new(ErrorKind::Binary {
                offset: text[..at].len(),
            })));
        }
    };
    let lang = match obj.get("lang") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.eq_ignore_ascii_case("auto") => Some(None),
        Some(Value::String(s)) => Some(Some(s.parse::<Lang>().map_err(fail)?)),
        Some(_) => {
            return Err(fail(Error::bad_argument(
                "\"lang\" must be a string (fr, en or auto)",
            )));
        }
    };
    let doc_date = match obj.get("doc_date") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.parse::<CalDate>().map_err(fail)?),
        Some(_) => {
            return Err(fail(Error::bad_argument(
                "\"doc_date\" must be a string YYYY-MM-DD",
            )));
        }
    };
    Ok(BatchInput {
        id,
        text,
        lang,
        doc_date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines() {
        let i = parse_line(
            br#"{"id": "x", "text": "Salut", "lang": "auto", "doc_date": "2020-02-29"}"#,
            false,
        )
        .unwrap();
        assert_eq!(i.lang, Some(None));
        assert_eq!(i.doc_date.unwrap().to_string(), "2020-02-29");
        let i = parse_line(b"{\"text\": \"a\"}\r", false).unwrap();
        assert_eq!(i.id, Value::Null);
        assert_eq!(i.lang, None);
        let i = parse_line(br#"{"text": "a\u0000b"}"#, true).unwrap();
        assert_eq!(i.text, "a b");
    }

    #[test]
    fn bad_lines() {
        // (line, id kept, start of the message)
        let cases: &[(&[u8], Value, &str)] = &[
            (b"not json", Value::Null, "not JSON"),
            (b"[1, 2]", Value::Null, "expected a JSON object"),
            (
                b"{\"id\": 1, \"text\": \"caf\xc3\"}",
                Value::Null,
                "input is not valid UTF-8",
            ),
            (
                b"{\"id\": 1, \"text\": 5}",
                Value::from(1),
                "no \"text\" string",
            ),
            (
                br#"{"id": 2, "text": "a", "lang": "de"}"#,
                Value::from(2),
                "unknown language",
            ),
            (
                br#"{"id": 3, "text": "a", "lang": 1}"#,
                Value::from(3),
                "\"lang\" must be",
            ),
            (
                br#"{"id": 4, "text": "a", "doc_date": "2021-02-30"}"#,
                Value::from(4),
                "bad date",
            ),
            (
                br#"{"id": 5, "text": "a\u0000"}"#,
                Value::from(5),
                "input looks binary",
            ),
            (br#"{"id": 6, "text": "\ud800"}"#, Value::Null, "not JSON"),
            (
                b"{\"id\": 7, \"text\": \"a\x00\"}",
                Value::Null,
                "input looks binary",
            ),
        ];
        for (line, id, msg) in cases {
            let e = parse_line(line, false).unwrap_err();
            assert_eq!(&e.id, id, "{}", String::from_utf8_lossy(line));
            assert!(
                e.to_string().starts_with(msg),
                "{}: {e}",
                String::from_utf8_lossy(line)
            );
        }
    }
}
