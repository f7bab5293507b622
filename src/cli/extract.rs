//! `nergraph extract`: one article, or a JSONL batch.

use super::common::{build_extractor, parse_lang, read_input, write_output};
use nergraph::export::{Engine, Filter, Format, Output};
use nergraph::{CalDate, Document, Error, Extractor, Lang, Options, decode};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The article (UTF-8 text), or - for standard input.
    #[arg(default_value = "-")]
    input: String,
    /// Output format: json, dot, svg, png, html, graphml or csv (csv needs -o DIR).
    #[arg(long, default_value = "json")]
    format: Format,
    /// Diagram layout for svg, png and html: builtin (pure Rust) or dot (Graphviz, if installed).
    #[arg(long, default_value = "builtin")]
    engine: String,
    /// Keep only these relation types (comma-separated, e.g. FOUNDED,WORKED_AT).
    #[arg(long, value_name = "TYPES")]
    relations: Option<String>,
    /// Keep only relations with at least this confidence (0 to 1).
    #[arg(long, value_name = "X")]
    min_confidence: Option<String>,
    /// Keep only entities of these types (comma-separated, e.g. PERSON,ORG).
    #[arg(long, value_name = "TYPES")]
    types: Option<String>,
    /// Drop entities that no (kept) relation touches.
    #[arg(long)]
    drop_isolated: bool,
    /// Language: fr, en or auto.
    #[arg(long, default_value = "auto")]
    lang: String,
    /// Publication date of the article (YYYY-MM-DD), to resolve relative dates.
    #[arg(long)]
    doc_date: Option<String>,
    /// A directory of lexicon files laid over the built-in ones.
    #[arg(long)]
    lexicons: Option<PathBuf>,
    /// Batch mode: each input line is {"id", "text", "lang"?, "doc_date"?}; one JSON document per output line.
    #[arg(long)]
    jsonl: bool,
    /// Replace invalid UTF-8 and NUL bytes instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Write to this file (atomically) instead of standard output; for csv, a directory.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let lang = parse_lang(&args.lang)?;
    let doc_date = args
        .doc_date
        .as_deref()
        .map(str::parse::<CalDate>)
        .transpose()?;
    let filter = Filter {
        relations: args
            .relations
            .as_deref()
            .map(Filter::parse_list)
            .transpose()?,
        min_confidence: args
            .min_confidence
            .as_deref()
            .map(Filter::parse_confidence)
            .transpose()?,
        types: args.types.as_deref().map(Filter::parse_list).transpose()?,
        drop_isolated: args.drop_isolated,
    };
    if args.format.is_multi_file() && args.output.is_none() && !args.jsonl {
        return Err(Error::bad_argument(
            "--format csv writes several files: give a directory with -o DIR",
        ));
    }
    let extractor = build_extractor(args.lexicons.as_deref())?;
    let bytes = read_input(&args.input)?;
    let out = if args.jsonl {
        batch(&extractor, &bytes, lang, doc_date, args.lossy, &filter).into_bytes()
    } else {
        let text = decode(&bytes, args.lossy)
            .map_err(|e| Error::bad_argument(format!("{}: {e}", args.input)))?;
        let doc = extractor.extract(&text, &Options { lang, doc_date })?;
        let opts = nergraph::export::Options {
            filter,
            engine: args.engine.parse::<Engine>()?,
            title: std::path::Path::new(&args.input)
                .file_name()
                .filter(|_| args.input != "-")
                .map(|n| n.to_string_lossy().into_owned()),
        };
        match nergraph::export::render_with(&doc, args.format, &text, &opts)? {
            Output::One(bytes) => bytes,
            Output::Files(files) => {
                let dir = args.output.as_deref().unwrap_or(std::path::Path::new("."));
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::bad_argument(format!("{}: {e}", dir.display())))?;
                for (name, contents) in files {
                    write_output(Some(&dir.join(name)), &contents)?;
                }
                return Ok(ExitCode::SUCCESS);
            }
        }
    };
    write_output(args.output.as_deref(), &out)?;
    Ok(ExitCode::SUCCESS)
}

/// One output line per input line; a bad line gives an error record.
fn batch(
    ex: &Extractor,
    bytes: &[u8],
    lang: Option<Lang>,
    doc_date: Option<CalDate>,
    lossy: bool,
    filter: &Filter,
) -> String {
    let mut out = String::new();
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record = match batch_line(ex, line, n + 1, lang, doc_date, lossy).and_then(|doc| {
            filter
                .apply(&doc)
                .map_err(|e| (doc.id.clone().unwrap_or_default(), e))
        }) {
            Ok(doc) => doc.to_json_line(),
            Err((id, e)) => serde_json::json!({"id": id, "error": e.to_string()}).to_string(),
        };
        out.push_str(&record);
        out.push('\n');
    }
    out
}

fn batch_line(
    ex: &Extractor,
    line: &[u8],
    n: usize,
    lang: Option<Lang>,
    doc_date: Option<CalDate>,
    lossy: bool,
) -> Result<Document, (serde_json::Value, Error)> {
    // Reading the line is the library's job (nergraph::batch), so that it is fuzzed.
    let input = nergraph::batch::parse_line(line, lossy)
        .map_err(|e| (e.id, Error::bad_argument(format!("line {n}: {}", e.error))))?;
    let id = input.id.clone();
    let fail = |msg: String| (id.clone(), Error::bad_argument(format!("line {n}: {msg}")));
    let Options { lang, doc_date } = input.options(&Options { lang, doc_date });
    let body = input.text.as_str();
    let mut doc = ex
        .extract(body, &Options { lang, doc_date })
        .map_err(|e| fail(e.to_string()))?;
    doc.id = Some(id);
    Ok(doc)
}
