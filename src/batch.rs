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
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;
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
    // A line that is UTF-8 without NUL bytes is read in place; anything else
    // goes through `decode`, for its errors or replacements.
    let decoded;
    let line = match std::str::from_utf8(line.strip_prefix(BOM).unwrap_or(line)) {
        Ok(s) if !s.contains('\0') => s,
        _ => {
            decoded = decode(line, lossy).map_err(no_id)?;
            decoded.as_str()
        }
    };
    // Most lines are well-formed: read their fields straight into their types,
    // borrowing the strings. A line this cannot read (wrong types, duplicate
    // keys, not JSON) is read again as a JSON value, to say what is wrong.
    match serde_json::from_str::<Fields>(line) {
        Ok(f) => {
            let lang = f.lang.as_deref().map_or(Field::Absent, Field::Str);
            let doc_date = f.doc_date.as_deref().map_or(Field::Absent, Field::Str);
            checked(f.id.unwrap_or(Value::Null), &f.text, lang, doc_date, lossy)
        }
        Err(_) => parse_value(line, lossy),
    }
}

/// [`parse_line`] through a JSON [`Value`]: slower, but it tells what is wrong.
fn parse_value(line: &str, lossy: bool) -> Result<BatchInput, LineError> {
    let no_id = |error: Error| LineError {
        id: Value::Null,
        error,
    };
    let v: Value = serde_json::from_str(line)
        .map_err(|e| no_id(Error::bad_argument(format!("not JSON: {e}"))))?;
    let Value::Object(obj) = v else {
        return Err(no_id(Error::bad_argument(
            "expected a JSON object {\"id\", \"text\", \"lang\"?, \"doc_date\"?}",
        )));
    };
    let id = obj.get("id").cloned().unwrap_or(Value::Null);
    let Some(text) = obj.get("text").and_then(Value::as_str) else {
        return Err(LineError {
            id,
            error: Error::bad_argument("no \"text\" string"),
        });
    };
    let field = |key: &str| match obj.get(key) {
        None | Some(Value::Null) => Field::Absent,
        Some(Value::String(s)) => Field::Str(s),
        Some(_) => Field::Other,
    };
    checked(id.clone(), text, field("lang"), field("doc_date"), lossy)
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The fields of a well-formed line, borrowed from it unless an escape
/// sequence forces a copy.
#[derive(Deserialize)]
struct Fields<'a> {
    #[serde(default)]
    id: Option<Value>,
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(default, borrow)]
    lang: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    doc_date: Option<Cow<'a, str>>,
}

/// An optional string field of a line.
enum Field<'a> {
    /// Absent or `null`.
    Absent,
    Str(&'a str),
    /// Present but not a string.
    Other,
}

/// Check the fields of a line and make its [`BatchInput`].
fn checked(
    id: Value,
    text: &str,
    lang: Field,
    doc_date: Field,
    lossy: bool,
) -> Result<BatchInput, LineError> {
    let fail = |error: Error| LineError {
        id: id.clone(),
        error,
    };
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
    let lang = match lang {
        Field::Absent => None,
        Field::Str(s) if s.eq_ignore_ascii_case("auto") => Some(None),
        Field::Str(s) => Some(Some(s.parse::<Lang>().map_err(fail)?)),
        Field::Other => {
            return Err(fail(Error::bad_argument(
                "\"lang\" must be a string (fr, en or auto)",
            )));
        }
    };
    let doc_date = match doc_date {
        Field::Absent => None,
        Field::Str(s) => Some(s.parse::<CalDate>().map_err(fail)?),
        Field::Other => {
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
    fn typed_fields_read_as_values_do() {
        let lines = [
            r#"{"id": "x", "text": "Salut", "lang": "auto", "doc_date": "2020-02-29"}"#,
            r#"{"text": "a\nb \"c\" \u00e9\ud83d\ude00", "id": [1, {"k": null}]}"#,
            r#"{"id": null, "text": "a", "lang": null, "doc_date": null, "x": [1, {}]}"#,
            r#"{"id": 1e3, "text": "a\u0000b"}"#,
            r#"{"id": 1, "text": "a", "text": "b"}"#,
            r#"{"id": 1, "id": 2, "text": "a"}"#,
            r#"{"id": 1, "text": 5}"#,
            r#"{"id": 2, "text": "a", "lang": "de"}"#,
            r#"{"id": 3, "text": "a", "lang": 1}"#,
            r#"{"id": 4, "text": "a", "doc_date": "2021-02-30"}"#,
            r#"{"id": 4, "text": "a", "doc_date": 20210230}"#,
            r#"{"id": 6, "text": "\ud800"}"#,
            r#"{"te\u0078t": "escaped key", "lang": "FR"}"#,
            "{\"text\": \"a\"}\r",
            "[1, 2]",
            "not json",
            "",
        ];
        for line in lines {
            for lossy in [false, true] {
                let fast = parse_line(line.as_bytes(), lossy);
                let slow = parse_value(line, lossy);
                match (fast, slow) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b, "{line}"),
                    (Err(a), Err(b)) => {
                        assert_eq!((a.to_string(), a.id), (b.to_string(), b.id), "{line}")
                    }
                    (a, b) => panic!("{line}: {a:?} / {b:?}"),
                }
            }
        }
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
