//! `nergraph merge`: the reduce step. Merges nergraph JSON outputs (JSONL
//! batches, single documents or corpus graphs) into one corpus graph.

use super::common::write_output;
use super::extract::merger;
use nergraph::export::Format;
use nergraph::{Document, Error};
use std::io::{BufReader, Read};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// nergraph outputs: JSONL batches (`extract --jsonl`), JSON documents or
    /// corpus graphs; - for standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Output format: json or dot.
    #[arg(long, default_value = "json")]
    format: Format,
    /// A directory of lexicon files laid over the built-in ones (company
    /// suffixes and honorifics used to match names).
    #[arg(long)]
    lexicons: Option<PathBuf>,
    /// No summary line on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let merger = merger(args.lexicons.as_deref())?;
    let mut corpus = merger.corpus();
    let mut skipped = 0usize;
    for input in &args.inputs {
        let reader: Box<dyn Read> = if input == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(
                std::fs::File::open(input)
                    .map_err(|e| Error::bad_argument(format!("{input}: {e}")))?,
            )
        };
        let stream =
            serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, reader))
                .into_iter::<serde_json::Value>();
        for (n, value) in stream.enumerate() {
            let value = value
                .map_err(|e| Error::bad_argument(format!("{input}: document {}: {e}", n + 1)))?;
            // Error records of the map step have no graph.
            if value.get("error").is_some() && value.get("entities").is_none() {
                skipped += 1;
                continue;
            }
            let doc: Document = serde_json::from_value(value).map_err(|e| {
                Error::bad_argument(format!(
                    "{input}: document {}: not a nergraph document: {e}",
                    n + 1
                ))
            })?;
            corpus.add(&doc);
        }
    }
    let documents = corpus.documents();
    let graph = corpus.finish();
    let out = nergraph::export::render(&graph, args.format, "")?;
    write_output(args.output.as_deref(), &out)?;
    if !args.quiet {
        eprintln!(
            "nergraph: merged {documents} graphs ({skipped} error records skipped): {} entities, {} relations",
            graph.entities.len(),
            graph.relations.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}
