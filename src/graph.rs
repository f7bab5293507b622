//! The entity graph: people and organisations as nodes, relations as edges, over petgraph.

use crate::document::{Document, EntityOut, RelationOut};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

/// A graph view of a [`Document`]: one node per PERSON or ORG entity (and per
/// entity of another type that a relation touches), one edge per relation.
#[derive(Clone, Debug)]
pub struct EntityGraph<'d> {
    /// The petgraph graph; node weights are entities, edge weights relations.
    pub graph: DiGraph<&'d EntityOut, &'d RelationOut>,
    /// Node of each entity id.
    pub node_of: HashMap<&'d str, NodeIndex>,
}

impl<'d> EntityGraph<'d> {
    /// Build the graph of `doc`. Cost: linear in entities and relations.
    pub fn new(doc: &'d Document) -> EntityGraph<'d> {
        let mut graph = DiGraph::new();
        let mut node_of = HashMap::new();
        let linked: std::collections::HashSet<&str> = doc
            .relations
            .iter()
            .flat_map(|r| [r.source.as_str(), r.target.as_str()])
            .collect();
        for e in &doc.entities {
            if matches!(e.kind.as_str(), "PERSON" | "ORG") || linked.contains(e.id.as_str()) {
                node_of.insert(e.id.as_str(), graph.add_node(e));
            }
        }
        for r in &doc.relations {
            if let (Some(&a), Some(&b)) = (
                node_of.get(r.source.as_str()),
                node_of.get(r.target.as_str()),
            ) {
                graph.add_edge(a, b, r);
            }
        }
        EntityGraph { graph, node_of }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}
