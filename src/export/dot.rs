//! DOT output through graphviz-rust.
//!
//! People are blue ellipses, organisations orange boxes; an edge is labelled with
//! its type and date; FELL_OUT_WITH is red, dashed, with no arrowhead. Every name
//! is written as a quoted DOT string with `"`, `\` and line breaks escaped, so no
//! input can break the file.

use crate::document::Document;
use crate::graph::EntityGraph;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::visit::EdgeRef;

/// A quoted, escaped DOT string.
pub fn quote(s: &str) -> Id {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_string()), quote(v))
}

/// Style (shape, fill colour) of a node type.
pub fn node_style(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "PERSON" => ("ellipse", "#cfe2ff"),
        "ORG" => ("box", "#ffe5b4"),
        "DATE" | "DURATION" => ("note", "#e2f0d9"),
        _ => ("hexagon", "#eeeeee"),
    }
}

/// Colour of an edge type.
pub fn edge_color(kind: &str) -> &'static str {
    match kind {
        "WORKED_AT" => "#1f4e9c",
        "FOUNDED" => "#2e7d32",
        "LEFT" => "#7b5e00",
        "ACQUIRED" => "#6a1b9a",
        "FELL_OUT_WITH" => "#c62828",
        _ => "#444444",
    }
}

/// The DOT text of a document's graph.
pub fn dot(doc: &Document) -> String {
    let g = EntityGraph::new(doc);
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", "LR"),
            attr("fontname", "Helvetica"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("style", "filled"),
            attr("fontname", "Helvetica"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "10"),
        ])),
    ];
    for n in g.graph.node_indices() {
        let e = g.graph[n];
        let (shape, color) = node_style(&e.kind);
        stmts.push(Stmt::Node(Node::new(
            NodeId(quote(&e.id), None),
            vec![
                attr("label", &e.name),
                attr("shape", shape),
                attr("fillcolor", color),
                attr("tooltip", &e.kind),
            ],
        )));
    }
    for edge in g.graph.edge_references() {
        let r = *edge.weight();
        let (a, b) = (g.graph[edge.source()], g.graph[edge.target()]);
        let label = match &r.date {
            Some(d) => format!("{} ({d})", r.kind),
            None => r.kind.clone(),
        };
        let mut attrs = vec![
            attr("label", &label),
            attr("color", edge_color(&r.kind)),
            attr("fontcolor", edge_color(&r.kind)),
        ];
        if r.kind == "FELL_OUT_WITH" {
            attrs.push(attr("style", "dashed"));
            attrs.push(attr("dir", "none"));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(quote(&a.id), None)),
                Vertex::N(NodeId(quote(&b.id), None)),
            ),
            attributes: attrs,
        }));
    }
    let graph = Graph::DiGraph {
        id: Id::Plain("nergraph".to_string()),
        strict: false,
        stmts,
    };
    let mut ctx = PrinterContext::default();
    graph.print(&mut ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_cannot_break_out() {
        let Id::Escaped(s) = quote("Jean \"Le <b>Boss</b>\" Dupont\\\n") else {
            panic!()
        };
        assert_eq!(s, "\"Jean \\\"Le <b>Boss</b>\\\" Dupont\\\\\\n\"");
    }
}
