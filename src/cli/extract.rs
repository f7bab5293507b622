//! `nergraph extract`: one article, a JSONL batch, or a directory of `.txt` files.
//!
//! Batches run on a rayon pool (`--threads N`) in chunks: a chunk of input
//! lines is extracted in parallel while the next chunk is read, then its
//! results are written in input order. Memory is bounded by two chunks
//! (`CHUNK_DOCS` documents or `CHUNK_BYTES` of input, whichever comes first),
//! whatever the size of the input; `--merge` keeps the corpus graph instead.

use super::common::{build_extractor, parse_lang, read_input, write_output};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nergraph::export::{Engine, Filter, Format, Output};
use nergraph::lexicon::LexiconSet;
use nergraph::merge::Merger;
use nergraph::{CalDate, Document, Error, Extractor, Lang, Options, decode};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// At most this many documents per chunk.
const CHUNK_DOCS: usize = 512;
/// At most this many input bytes per chunk (a longer document is a chunk of its own).
const CHUNK_BYTES: usize = 4 << 20;

#[derive(clap::Args)]
pub struct Args {
    /// The article (UTF-8 text), - for standard input, a JSONL batch with
    /// --jsonl, or a directory (every .txt file under it, recursively).
    #[arg(default_value = "-")]
    input: String,
    /// Output format: json, dot, svg, png, html, graphml or csv (csv needs -o DIR).
    /// A batch writes JSONL unless --merge.
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
    /// Batch mode: each input line is {"id", "text", "lang"?, "doc_date"?}; one JSON document per output line, in input order.
    #[arg(long)]
    jsonl: bool,
    /// Merge the documents into one corpus graph (written in --format).
    #[arg(long)]
    merge: bool,
    /// Worker threads for a batch (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// No progress bar and no summary line on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
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
    let is_dir = args.input != "-" && Path::new(&args.input).is_dir();
    let batch_lines = (args.jsonl || is_dir) && !args.merge;
    if args.format.is_multi_file() && args.output.is_none() && !batch_lines {
        return Err(Error::bad_argument(
            "--format csv writes several files: give a directory with -o DIR",
        ));
    }
    let opts = nergraph::export::Options {
        filter,
        engine: args.engine.parse::<Engine>()?,
        title: Path::new(&args.input)
            .file_name()
            .filter(|_| args.input != "-")
            .map(|n| n.to_string_lossy().into_owned()),
    };
    let extractor = build_extractor(args.lexicons.as_deref())?;
    if args.jsonl || is_dir {
        return batch(&args, &extractor, lang, doc_date, is_dir, &opts);
    }
    let bytes = read_input(&args.input)?;
    let text = decode(&bytes, args.lossy)
        .map_err(|e| Error::bad_argument(format!("{}: {e}", args.input)))?;
    let mut doc = extractor.extract(&text, &Options { lang, doc_date })?;
    if args.merge {
        doc = merger(args.lexicons.as_deref())?.merge([&doc]);
    }
    write_rendered(&args, &doc, &text, &opts)?;
    Ok(ExitCode::SUCCESS)
}

/// Render one graph in --format and write it (csv: several files under -o DIR).
fn write_rendered(
    args: &Args,
    doc: &Document,
    text: &str,
    opts: &nergraph::export::Options,
) -> Result<(), Error> {
    match nergraph::export::render_with(doc, args.format, text, opts)? {
        Output::One(bytes) => write_output(args.output.as_deref(), &bytes),
        Output::Files(files) => {
            let dir = args.output.as_deref().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::bad_argument(format!("{}: {e}", dir.display())))?;
            for (name, contents) in files {
                write_output(Some(&dir.join(name)), &contents)?;
            }
            Ok(())
        }
    }
}

/// The merger on the built-in lexicons and `dir`.
pub fn merger(dir: Option<&Path>) -> Result<Merger, Error> {
    let mut set = LexiconSet::builtin()?;
    if let Some(d) = dir {
        set.add_dir(d)?;
    }
    Merger::from_lexicons(&set)
}

/// One unit of work: a JSONL line or a file.
enum Job {
    Line { n: usize, bytes: Vec<u8> },
    File { path: PathBuf, id: String },
}

/// What a job gives: a document, or an error record with the document's id.
type Outcome = Result<Document, (serde_json::Value, Error)>;

/// Where jobs come from.
enum Source {
    Lines {
        reader: Box<dyn BufRead + Send>,
        n: usize,
    },
    Files(std::vec::IntoIter<(PathBuf, String, u64)>),
}

impl Source {
    /// The next chunk: up to CHUNK_DOCS jobs and about CHUNK_BYTES of input.
    fn chunk(&mut self) -> Result<Vec<(Job, u64)>, Error> {
        let mut jobs = Vec::new();
        let mut bytes = 0usize;
        while jobs.len() < CHUNK_DOCS && bytes < CHUNK_BYTES {
            match self {
                Source::Lines { reader, n } => {
                    let mut line = Vec::new();
                    let read = reader
                        .read_until(b'\n', &mut line)
                        .map_err(|e| Error::bad_argument(format!("input: {e}")))?;
                    if read == 0 {
                        break;
                    }
                    *n += 1;
                    bytes += read;
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    jobs.push((Job::Line { n: *n, bytes: line }, read as u64));
                }
                Source::Files(files) => {
                    let Some((path, id, size)) = files.next() else {
                        break;
                    };
                    bytes += size as usize;
                    jobs.push((Job::File { path, id }, size));
                }
            }
        }
        Ok(jobs)
    }
}

/// Every `.txt` file under `dir`, sorted by path, with its id (the path under
/// `dir`, '/'-separated) and size.
fn txt_files(dir: &Path) -> Result<Vec<(PathBuf, String, u64)>, Error> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d)
            .map_err(|e| Error::bad_argument(format!("{}: {e}", d.display())))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::bad_argument(format!("{}: {e}", d.display())))?;
            let path = entry.path();
            let meta = std::fs::metadata(&path)
                .map_err(|e| Error::bad_argument(format!("{}: {e}", path.display())))?;
            if meta.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "txt") {
                let id = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((path, id, meta.len()));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Standard output, or a temporary file renamed to `path` at the end.
struct OutFile {
    tmp: Option<(PathBuf, PathBuf)>,
}

impl OutFile {
    fn open(path: Option<&Path>) -> Result<(OutFile, Box<dyn Write + Send>), Error> {
        match path {
            None => Ok((
                OutFile { tmp: None },
                Box::new(std::io::BufWriter::with_capacity(
                    1 << 16,
                    std::io::stdout(),
                )),
            )),
            Some(p) => {
                let tmp = super::common::temp_path(p);
                let f = std::fs::File::create(&tmp)
                    .map_err(|e| Error::bad_argument(format!("{}: {e}", p.display())))?;
                Ok((
                    OutFile {
                        tmp: Some((tmp, p.to_path_buf())),
                    },
                    Box::new(std::io::BufWriter::with_capacity(1 << 16, f)),
                ))
            }
        }
    }

    fn commit(self) -> Result<(), Error> {
        if let Some((tmp, p)) = self.tmp {
            std::fs::rename(&tmp, &p).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Error::bad_argument(format!("{}: {e}", p.display()))
            })?;
        }
        Ok(())
    }

    fn abort(self) {
        if let Some((tmp, _)) = self.tmp {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// A batch: JSONL lines or the files of a directory.
fn batch(
    args: &Args,
    ex: &Extractor,
    lang: Option<Lang>,
    doc_date: Option<CalDate>,
    is_dir: bool,
    opts: &nergraph::export::Options,
) -> Result<ExitCode, Error> {
    if !args.merge && args.format != Format::Json {
        return Err(Error::bad_argument(
            "a batch writes JSONL; use --merge for one graph in another format",
        ));
    }
    let (mut source, total) = if is_dir {
        let files = txt_files(Path::new(&args.input))?;
        let total = files.iter().map(|f| f.2).sum();
        (Source::Files(files.into_iter()), Some(total))
    } else if args.input == "-" {
        let reader: Box<dyn BufRead + Send> =
            Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()));
        (Source::Lines { reader, n: 0 }, None)
    } else {
        let f = std::fs::File::open(&args.input)
            .map_err(|e| Error::bad_argument(format!("{}: {e}", args.input)))?;
        let total = f.metadata().ok().map(|m| m.len());
        let reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(1 << 16, f));
        (Source::Lines { reader, n: 0 }, total)
    };
    let threads = args.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::bad_argument(format!("threads: {e}")))?;
    let bar = progress_bar(args.quiet, total);
    let (lossy, merge) = (args.lossy, args.merge);
    let merger = if args.merge {
        Some(merger(args.lexicons.as_deref())?)
    } else {
        None
    };
    let mut corpus = merger.as_ref().map(Merger::corpus);
    // Lines go to a file renamed into place at the end; a merged graph is written at the end.
    let (output, mut writer) = if merge {
        (
            OutFile { tmp: None },
            Box::new(std::io::sink()) as Box<dyn Write + Send>,
        )
    } else {
        OutFile::open(args.output.as_deref())?
    };
    let started = Instant::now();
    let (mut docs, mut errors, mut bytes) = (0usize, 0usize, 0u64);
    let mut written: Result<(), std::io::Error> = Ok(());
    let mut next = source.chunk()?;
    while !next.is_empty() && written.is_ok() {
        let chunk = next;
        // Extract this chunk on the pool while the next one is read.
        let (outcomes, read) = pool.install(|| {
            rayon::join(
                || {
                    chunk
                        .par_iter()
                        .map(|(job, _)| {
                            let outcome = run_job(ex, job, lang, doc_date, lossy);
                            // Lines are filtered one by one; a corpus graph as a whole.
                            let outcome = match outcome {
                                Ok(doc) if !merge && !opts.filter.is_empty() => opts
                                    .filter
                                    .apply(&doc)
                                    .map_err(|e| (doc.id.clone().unwrap_or_default(), e)),
                                other => other,
                            };
                            match outcome {
                                Ok(doc) if !merge => Ok(Err(doc.to_json_line())),
                                outcome => outcome.map(Ok),
                            }
                        })
                        .collect::<Vec<_>>()
                },
                || source.chunk(),
            )
        });
        next = match read {
            Ok(n) => n,
            Err(e) => {
                bar.finish_and_clear();
                output.abort();
                return Err(e);
            }
        };
        for ((_, size), outcome) in chunk.iter().zip(outcomes) {
            docs += 1;
            bytes += size;
            let line = match outcome {
                Ok(Ok(doc)) => {
                    if let Some(c) = &mut corpus {
                        c.add(&doc);
                    }
                    continue;
                }
                Ok(Err(line)) => line,
                Err((id, e)) => {
                    errors += 1;
                    if merge {
                        bar.suspend(|| eprintln!("nergraph: document {id}: {e}"));
                        continue;
                    }
                    serde_json::json!({"id": id, "error": e.to_string()}).to_string()
                }
            };
            written = writer
                .write_all(line.as_bytes())
                .and_then(|_| writer.write_all(b"\n"));
            if written.is_err() {
                break;
            }
        }
        bar.set_position(bytes);
        bar.set_message(format!("{docs} docs"));
    }
    bar.finish_and_clear();
    if let Some(c) = corpus {
        write_rendered(args, &c.finish(), "", opts)?;
    }
    let written = written.and_then(|_| writer.flush());
    drop(writer);
    match written {
        // A closed pipe (`| head`) ends the batch quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            output.abort();
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => {
            output.abort();
            return Err(Error::bad_argument(format!("output: {e}")));
        }
        Ok(()) => output.commit()?,
    }
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        let mb = bytes as f64 / 1e6;
        eprintln!(
            "nergraph: {docs} documents, {errors} errors, {mb:.2} MB in {secs:.2} s ({:.1} MB/s, {} thread{})",
            mb / secs.max(1e-9),
            pool.current_num_threads(),
            if pool.current_num_threads() == 1 {
                ""
            } else {
                "s"
            }
        );
    }
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// A progress bar on standard error when it is a terminal, else a hidden one.
fn progress_bar(quiet: bool, total: Option<u64>) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {msg} {bytes_per_sec} ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {bytes} {msg} {bytes_per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

fn run_job(
    ex: &Extractor,
    job: &Job,
    lang: Option<Lang>,
    doc_date: Option<CalDate>,
    lossy: bool,
) -> Outcome {
    match job {
        Job::Line { n, bytes } => batch_line(ex, bytes, *n, lang, doc_date, lossy),
        Job::File { path, id } => {
            let idv = serde_json::Value::from(id.as_str());
            let fail = |e: String| (idv.clone(), Error::bad_argument(format!("{id}: {e}")));
            let mut bytes = Vec::new();
            std::fs::File::open(path)
                .and_then(|mut f| f.read_to_end(&mut bytes))
                .map_err(|e| fail(e.to_string()))?;
            let text = decode(&bytes, lossy).map_err(|e| fail(e.to_string()))?;
            let mut doc = ex
                .extract(&text, &Options { lang, doc_date })
                .map_err(|e| fail(e.to_string()))?;
            doc.id = Some(idv);
            Ok(doc)
        }
    }
}

fn batch_line(
    ex: &Extractor,
    line: &[u8],
    n: usize,
    lang: Option<Lang>,
    doc_date: Option<CalDate>,
    lossy: bool,
) -> Outcome {
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
