//! The `nergraph` command line. Each subcommand lives in `src/cli/<name>.rs`;
//! the library does all the work.

mod cli;

/// mimalloc: the pipeline allocates many small strings, and the system allocator
/// was about a fifth of the instructions.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "nergraph",
    version,
    about = "People, companies, dates and their relations from news articles, as a graph"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the graph of one article (FILE or - for standard input), or of a JSONL batch.
    Extract(cli::extract::Args),
    /// Score extraction against gold annotations (JSONL), or score given predictions.
    Eval(cli::eval::Args),
    /// Merge nergraph outputs (JSONL batches, documents, corpus graphs) into one corpus graph.
    Merge(cli::merge::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cli::extract::run(args),
        Command::Eval(args) => cli::eval::run(args),
        Command::Merge(args) => cli::merge::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("nergraph: {e}");
            ExitCode::from(1)
        }
    }
}
