//! `nergraph extract`: one article, or a JSONL batch.

use super::common::{build_extractor, parse_lang, read_input, write_output};
use nergraph::export::Format;
use nergraph::{CalDate, Document, Error, Extractor, Lang, Options, decode};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The article (UTF-8 text), or - for standard input.
    #[arg(default_value = "-")]
    input: String,
    /// Output format: json or dot.
    #[arg(long, default_value = "json")]
    format: Format,
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
    /// Write to this file (atomically) instead of standard output.
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
    let extractor = build_extractor(args.lexicons.as_deref())?;
    let bytes = read_input(&args.input)?;
    let out = if args.jsonl {
        batch(&extractor, &bytes, lang, doc_date, args.lossy).into_bytes()
    } else {
        let text = decode(&bytes, args.lossy)
            .map_err(|e| Error::bad_argument(format!("{}: {e}", args.input)))?;
        let doc = extractor.extract(&text, &Options { lang, doc_date })?;
        nergraph::export::render(&doc, args.format, &text)?
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
) -> String {
    let mut out = String::new();
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record = match batch_line(ex, line, n + 1, lang, doc_date, lossy) {
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
