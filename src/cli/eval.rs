//! `nergraph eval`: accuracy against gold annotations.

use super::common::{build_extractor, read_input, write_output};
use nergraph::eval::{self, EvalOptions, RelationMap};
use nergraph::{Error, decode};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// Gold annotations: one JSON document per line with code point offsets.
    #[arg(long)]
    gold: String,
    /// Score these predictions (nergraph JSON documents, one per line with
    /// "id") instead of running the extractor.
    #[arg(long)]
    pred: Option<String>,
    /// A directory of lexicon files laid over the built-in ones (extractor runs only).
    #[arg(long)]
    lexicons: Option<PathBuf>,
    /// Relation type mapping: popcorn, redocred, a TSV file, auto (guess
    /// from the gold types) or none.
    #[arg(long, default_value = "auto")]
    relations: String,
    /// Leave out gold PER/ORG mentions that are not names.
    #[arg(long)]
    named_only: bool,
    /// List the N most frequent false positives and misses per type.
    #[arg(long, value_name = "N", default_value_t = 0)]
    errors: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Also score each document.
    #[arg(long)]
    by_doc: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

fn read_text(path: &str) -> Result<String, Error> {
    let bytes = read_input(path)?;
    decode(&bytes, false).map_err(|e| Error::bad_argument(format!("{path}: {e}")))
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let gold = eval::read_gold(&read_text(&args.gold)?, &args.gold)?;
    let relations = match args.relations.as_str() {
        "none" => None,
        "auto" => RelationMap::guess(&gold),
        other => Some(RelationMap::load(other)?),
    };
    let pred = match &args.pred {
        Some(path) => eval::read_pred(&read_text(path)?, path)?,
        None => {
            let extractor = build_extractor(args.lexicons.as_deref())?;
            let (pred, failures) = eval::predict(&extractor, &gold);
            for (id, e) in &failures {
                eprintln!("nergraph: eval: document {id}: {e} (scored as empty)");
            }
            pred
        }
    };
    let opts = EvalOptions {
        named_only: args.named_only,
        errors: args.errors,
        by_doc: args.by_doc,
        relations,
    };
    let report = eval::evaluate(&gold, &pred, &opts);
    let out = match args.format {
        Format::Text => report.to_text(),
        Format::Json => report.to_json() + "\n",
    };
    write_output(args.output.as_deref(), out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
