//! DOT output through graphviz-rust.
//!
//! People are blue ellipses, organisations orange boxes; an edge is labelled with
//! its type and date; FELL_OUT_WITH is red, dashed, with no arrowhead. Every name
//! is written as a quoted DOT string with `"`, `\` and line breaks escaped, so no
//! input can break the file.

use super::style;
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

/// Style (shape, fill colour) of a node type (see [`super::style`]).
pub fn node_style(kind: &str) -> (&'static str, &'static str) {
    let s = style::node_style(kind);
    (s.shape, s.fill)
}

/// Colour of an edge type (see [`super::style`]).
pub fn edge_color(kind: &str) -> &'static str {
    style::edge_color(kind)
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
        let s = style::node_style(&e.kind);
        let look = if s.shape == "box" {
            "filled,rounded"
        } else {
            "filled"
        };
        stmts.push(Stmt::Node(Node::new(
            NodeId(quote(&e.id), None),
            vec![
                attr("label", &e.name),
                attr("shape", s.shape),
                attr("style", look),
                attr("fillcolor", s.fill),
                attr("color", s.stroke),
                attr("tooltip", &e.kind),
            ],
        )));
    }
    for edge in g.graph.edge_references() {
        let r = *edge.weight();
        let (a, b) = (g.graph[edge.source()], g.graph[edge.target()]);
        let label = style::edge_label(&r.kind, r.date.as_deref());
        let mut attrs = vec![
            attr("label", &label),
            attr("color", edge_color(&r.kind)),
            attr("fontcolor", edge_color(&r.kind)),
        ];
        if style::symmetric(&r.kind) {
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
