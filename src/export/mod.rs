//! Exporters. Each format is a public function of this module tree; [`render`]
//! dispatches on a [`Format`].

pub mod dot;

use crate::document::Document;
use crate::error::{Error, Result};
use std::str::FromStr;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// The contract's JSON.
    Json,
    /// Graphviz DOT.
    Dot,
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "dot" | "gv" => Ok(Format::Dot),
            _ => Err(Error::bad_argument(format!(
                "unknown format '{s}' (expected json or dot)"
            ))),
        }
    }
}

/// Render `doc` in `format`. `text` is the article (formats that show it use it).
pub fn render(doc: &Document, format: Format, text: &str) -> Result<Vec<u8>> {
    let _ = text;
    Ok(match format {
        Format::Json => (json(doc) + "\n").into_bytes(),
        Format::Dot => dot::dot(doc).into_bytes(),
    })
}

/// The contract's JSON, pretty-printed.
///
/// ```
/// let ex = nergraph::Extractor::builtin().unwrap();
/// let doc = ex.extract("Le PDG de Globex, Marc Durand, a quitté Globex.", &nergraph::Options::default()).unwrap();
/// let json = nergraph::export::json(&doc);
/// assert!(json.contains("\"schema\": 1"));
/// ```
pub fn json(doc: &Document) -> String {
    doc.to_json_pretty()
}
