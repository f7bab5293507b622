//! Library use: extract an article's graph and walk it.
//!
//! ```sh
//! cargo run --example extract -- fixtures/musk-ai-giants.fr.txt 2023-07-17
//! ```

use nergraph::graph::EntityGraph;
use nergraph::{CalDate, Extractor, Options};
use petgraph::visit::EdgeRef;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "fixtures/musk-ai-giants.fr.txt".to_string());
    let doc_date = args.next().map(|d| d.parse::<CalDate>()).transpose()?;

    // Built once (lexicons compiled into automata), used for many documents.
    let extractor = Extractor::builtin()?;
    let text = std::fs::read_to_string(&path)?;
    let doc = extractor.extract(
        &text,
        &Options {
            lang: None,
            doc_date,
        },
    )?;

    println!(
        "{} ({}): {} entities, {} relations",
        path,
        doc.lang,
        doc.entities.len(),
        doc.relations.len()
    );
    for e in doc
        .entities
        .iter()
        .filter(|e| e.kind == "PERSON" || e.kind == "ORG")
    {
        println!(
            "  {:6} {:<24} {} mention(s), aliases {:?}",
            e.kind,
            e.name,
            e.mentions.len(),
            e.aliases
        );
    }

    // The petgraph view: one node per person or organisation, one edge per relation.
    let graph = EntityGraph::new(&doc);
    for edge in graph.graph.edge_references() {
        let (a, b, r) = (
            graph.graph[edge.source()],
            graph.graph[edge.target()],
            edge.weight(),
        );
        println!(
            "  {} -{}-> {}{}   [{} {:.2}] \"{}\"",
            a.name,
            r.kind,
            b.name,
            r.date
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default(),
            r.rule,
            r.confidence,
            r.evidence.text.chars().take(80).collect::<String>()
        );
    }
    Ok(())
}
