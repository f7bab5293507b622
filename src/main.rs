//! The `nergraph` command line.

use clap::{Parser, Subcommand, ValueEnum};
use nergraph::{CalDate, Document, Error, Extractor, Lang, Options, decode};
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
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
    Extract(ExtractArgs),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Json,
    Dot,
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// The article (UTF-8 text), or - for standard input.
    #[arg(default_value = "-")]
    input: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("nergraph: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Extract(args) => extract(args),
    }
}

fn parse_lang(s: &str) -> Result<Option<Lang>, Error> {
    if s.eq_ignore_ascii_case("auto") {
        Ok(None)
    } else {
        s.parse().map(Some)
    }
}

fn build_extractor(dir: Option<&Path>) -> Result<Extractor, Error> {
    let mut b = Extractor::builder();
    if let Some(d) = dir {
        b = b.lexicons_dir(d);
    }
    b.build()
}

fn read_input(input: &str) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::bad_argument(format!("standard input: {e}")))?;
    } else {
        bytes = std::fs::read(input).map_err(|e| Error::bad_argument(format!("{input}: {e}")))?;
    }
    Ok(bytes)
}

fn extract(args: ExtractArgs) -> Result<ExitCode, Error> {
    let lang = parse_lang(&args.lang)?;
    let doc_date = args
        .doc_date
        .as_deref()
        .map(str::parse::<CalDate>)
        .transpose()?;
    let extractor = build_extractor(args.lexicons.as_deref())?;
    let bytes = read_input(&args.input)?;
    let out = if args.jsonl {
        batch(&extractor, &bytes, lang, doc_date, args.lossy)
    } else {
        let text = decode(&bytes, args.lossy)
            .map_err(|e| Error::bad_argument(format!("{}: {e}", args.input)))?;
        let doc = extractor.extract(&text, &Options { lang, doc_date })?;
        render(&doc, args.format)
    };
    write_output(args.output.as_deref(), &out)?;
    Ok(ExitCode::SUCCESS)
}

fn render(doc: &Document, format: Format) -> String {
    match format {
        Format::Json => nergraph::export::json(doc) + "\n",
        Format::Dot => nergraph::export::dot::dot(doc),
    }
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
    let _ = std::io::stdin().lock().fill_buf();
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
    let no_id = serde_json::Value::Null;
    let text = decode(line, lossy)
        .map_err(|e| (no_id.clone(), Error::bad_argument(format!("line {n}: {e}"))))?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        (
            no_id.clone(),
            Error::bad_argument(format!("line {n}: not JSON: {e}")),
        )
    })?;
    let id = v.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let fail = |msg: String| (id.clone(), Error::bad_argument(format!("line {n}: {msg}")));
    let body = v
        .get("text")
        .and_then(|t| t.as_str())
        .ok_or_else(|| fail("no \"text\" string".into()))?;
    let lang = match v.get("lang").and_then(|l| l.as_str()) {
        Some(l) => parse_lang(l).map_err(|e| fail(e.to_string()))?,
        None => lang,
    };
    let doc_date = match v.get("doc_date").and_then(|d| d.as_str()) {
        Some(d) => Some(d.parse::<CalDate>().map_err(|e| fail(e.to_string()))?),
        None => doc_date,
    };
    let mut doc = ex
        .extract(body, &Options { lang, doc_date })
        .map_err(|e| fail(e.to_string()))?;
    doc.id = Some(id);
    Ok(doc)
}

/// Write `out` to `path` atomically (temporary file, then rename), or to standard output.
fn write_output(path: Option<&Path>, out: &str) -> Result<(), Error> {
    match path {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(out.as_bytes())
                .and_then(|_| stdout.flush())
                .or_else(|e| {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })
                .map_err(|e| Error::bad_argument(format!("standard output: {e}")))
        }
        Some(p) => {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let tmp = dir.join(format!(
                ".{}.nergraph-tmp",
                p.file_name().and_then(|s| s.to_str()).unwrap_or("out")
            ));
            std::fs::write(&tmp, out)
                .and_then(|_| std::fs::rename(&tmp, p))
                .map_err(|e| {
                    let _ = std::fs::remove_file(&tmp);
                    Error::bad_argument(format!("{}: {e}", p.display()))
                })
        }
    }
}
