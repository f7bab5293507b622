//! CSV node and edge tables, ready for Gephi, Neo4j's `LOAD CSV` and
//! `neo4j-admin database import`.
//!
//! [`files`] gives four tables over the same nodes and edges as the other
//! graph formats:
//! - `nodes.csv` ([`NODES_HEADER`]) and `edges.csv` ([`EDGES_HEADER`]) use the
//!   column names Gephi's spreadsheet import recognises (`Id`, `Label`;
//!   `Source`, `Target`, `Type` = Directed/Undirected, `Kind` = the relation
//!   type) and read as they are with `LOAD CSV WITH HEADERS`;
//! - `neo4j-nodes.csv` and `neo4j-edges.csv` carry `neo4j-admin import`'s typed
//!   headers (`:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, `float`,
//!   `string[]`), since neo4j-admin needs those and Gephi does not know them.
//!
//! Fields are quoted when they hold a comma, quote, semicolon or `|`, with
//! quotes doubled (RFC 4180); line breaks inside a field become spaces, so
//! every record is one line. Aliases are joined with `|` (import with
//! `--array-delimiter="|"`); a `|` inside an alias becomes `¦`.

use super::escape::one_line;
use super::style;
use crate::document::{Document, EntityOut, RelationOut};
use crate::graph::EntityGraph;
use petgraph::visit::EdgeRef;

/// Header of `nodes.csv`.
pub const NODES_HEADER: &str = "Id,Label,type,aliases,mentions";
/// Header of `edges.csv`.
pub const EDGES_HEADER: &str = "Source,Target,Type,Kind,Label,date,confidence,rule,evidence";
/// Header of `neo4j-nodes.csv`.
pub const NEO4J_NODES_HEADER: &str = "id:ID,name,:LABEL,aliases:string[],mentions:int";
/// Header of `neo4j-edges.csv`.
pub const NEO4J_EDGES_HEADER: &str = ":START_ID,:END_ID,:TYPE,date,confidence:float,rule,evidence";

/// One CSV field: on one line, quoted when needed.
pub fn field(s: &str) -> String {
    let s = one_line(s);
    if s.contains([',', '"', ';', '|']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn aliases(e: &EntityOut) -> String {
    e.aliases
        .iter()
        .map(|a| one_line(a).replace('|', "¦"))
        .collect::<Vec<_>>()
        .join("|")
}

fn row(fields: &[String]) -> String {
    let mut line = fields.join(",");
    line.push('\n');
    line
}

fn node_rows(doc: &Document, neo4j: bool) -> String {
    let g = EntityGraph::new(doc);
    let mut out = String::from(if neo4j {
        NEO4J_NODES_HEADER
    } else {
        NODES_HEADER
    });
    out.push('\n');
    for n in g.graph.node_indices() {
        let e = g.graph[n];
        out.push_str(&row(&[
            field(&e.id),
            field(&e.name),
            field(&e.kind),
            field(&aliases(e)),
            e.mentions.len().to_string(),
        ]));
    }
    out
}

fn edge_rows(doc: &Document, neo4j: bool) -> String {
    let g = EntityGraph::new(doc);
    let mut out = String::from(if neo4j {
        NEO4J_EDGES_HEADER
    } else {
        EDGES_HEADER
    });
    out.push('\n');
    for edge in g.graph.edge_references() {
        let r: &RelationOut = edge.weight();
        let (a, b) = (g.graph[edge.source()], g.graph[edge.target()]);
        let date = r.date.as_deref().unwrap_or("");
        let mut f = vec![field(&a.id), field(&b.id)];
        if !neo4j {
            let dir = if style::symmetric(&r.kind) {
                "Undirected"
            } else {
                "Directed"
            };
            f.push(dir.to_string());
        }
        f.push(field(&r.kind));
        if !neo4j {
            f.push(field(&style::edge_label(&r.kind, r.date.as_deref())));
        }
        f.extend([
            field(date),
            format!("{}", r.confidence),
            field(&r.rule),
            field(&r.evidence.text),
        ]);
        out.push_str(&row(&f));
    }
    out
}

/// `nodes.csv`: one row per graph node.
pub fn nodes(doc: &Document) -> String {
    node_rows(doc, false)
}

/// `edges.csv`: one row per relation between graph nodes.
pub fn edges(doc: &Document) -> String {
    edge_rows(doc, false)
}

/// The four tables, as (file name, contents).
///
/// ```
/// let ex = nergraph::Extractor::builtin()?;
/// let doc = ex.extract("Larry Page a fondé Google en 1998.", &Default::default())?;
/// let files = nergraph::export::csv::files(&doc);
/// assert_eq!(files[0].0, "nodes.csv");
/// assert!(files[1].1.starts_with(nergraph::export::csv::EDGES_HEADER));
/// assert!(files[1].1.contains("Directed,FOUNDED"));
/// # Ok::<(), nergraph::Error>(())
/// ```
pub fn files(doc: &Document) -> Vec<(String, String)> {
    vec![
        ("nodes.csv".into(), node_rows(doc, false)),
        ("edges.csv".into(), edge_rows(doc, false)),
        ("neo4j-nodes.csv".into(), node_rows(doc, true)),
        ("neo4j-edges.csv".into(), edge_rows(doc, true)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        for (input, want) in [
            ("Elon Musk", "Elon Musk"),
            ("a,b", "\"a,b\""),
            ("Jean \"Le Boss\"", "\"Jean \"\"Le Boss\"\"\""),
            ("x;y", "\"x;y\""),
            ("line\nbreak", "line break"),
            ("", ""),
        ] {
            assert_eq!(field(input), want, "{input:?}");
        }
    }
}
