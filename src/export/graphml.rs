//! GraphML for Gephi, yEd and Cytoscape: one node per graph node (people,
//! organisations, and any entity a relation touches), one edge per relation,
//! with their attributes as typed `<data>` keys.
//!
//! Node keys: `label` and `name` (the canonical name), `type`, `aliases`
//! (joined with " | "), `mentions` (int). Edge keys: `label` (type and date),
//! `type`, `date`, `confidence` (double), `rule`, `evidence` (the sentence).
//! FELL_OUT_WITH edges are marked `directed="false"`.

use super::escape::xml;
use super::style;
use crate::document::Document;
use crate::graph::EntityGraph;
use petgraph::visit::EdgeRef;
use std::fmt::Write;

const KEYS: &[(&str, &str, &str, &str)] = &[
    ("label", "node", "label", "string"),
    ("name", "node", "name", "string"),
    ("type", "node", "type", "string"),
    ("aliases", "node", "aliases", "string"),
    ("mentions", "node", "mentions", "int"),
    ("elabel", "edge", "label", "string"),
    ("etype", "edge", "type", "string"),
    ("date", "edge", "date", "string"),
    ("confidence", "edge", "confidence", "double"),
    ("rule", "edge", "rule", "string"),
    ("evidence", "edge", "evidence", "string"),
];

fn data(out: &mut String, key: &str, value: &str) {
    let _ = write!(out, "<data key=\"{key}\">{}</data>", xml(value));
}

/// The GraphML of `doc`'s graph.
///
/// ```
/// let ex = nergraph::Extractor::builtin()?;
/// let doc = ex.extract("Larry Page a fondé Google en 1998.", &Default::default())?;
/// let g = nergraph::export::graphml::graphml(&doc);
/// assert!(g.contains("<graphml") && g.contains(">FOUNDED</data>"));
/// # Ok::<(), nergraph::Error>(())
/// ```
pub fn graphml(doc: &Document) -> String {
    let g = EntityGraph::new(doc);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, kind, name, ty) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{kind}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <graph id=\"nergraph\" edgedefault=\"directed\">\n");
    for n in g.graph.node_indices() {
        let e = g.graph[n];
        let _ = write!(out, "    <node id=\"{}\">", xml(&e.id));
        data(&mut out, "label", &e.name);
        data(&mut out, "name", &e.name);
        data(&mut out, "type", &e.kind);
        data(&mut out, "aliases", &e.aliases.join(" | "));
        data(&mut out, "mentions", &e.mentions.len().to_string());
        out.push_str("</node>\n");
    }
    for (i, edge) in g.graph.edge_references().enumerate() {
        let r = *edge.weight();
        let (a, b) = (g.graph[edge.source()], g.graph[edge.target()]);
        let directed = if style::symmetric(&r.kind) {
            " directed=\"false\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "    <edge id=\"r{i}\" source=\"{}\" target=\"{}\"{directed}>",
            xml(&a.id),
            xml(&b.id)
        );
        data(
            &mut out,
            "elabel",
            &style::edge_label(&r.kind, r.date.as_deref()),
        );
        data(&mut out, "etype", &r.kind);
        if let Some(d) = &r.date {
            data(&mut out, "date", d);
        }
        data(&mut out, "confidence", &format!("{}", r.confidence));
        data(&mut out, "rule", &r.rule);
        data(&mut out, "evidence", &r.evidence.text);
        out.push_str("</edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
