//! Exporters: JSON (the contract) and DOT (Graphviz).

pub mod dot;

use crate::document::Document;

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
