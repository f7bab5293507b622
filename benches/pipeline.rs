//! Benchmarks per stage (tokenize, recognize, resolve, relate, export) and end
//! to end, in bytes per second.
//!
//! Corpora: the seed article repeated 20 times (one long document, and 20
//! documents), and, when `$NERGRAPH_EVAL_DIR` is set, the dev corpora found
//! there: each JSONL file's texts as a batch (a missing file is skipped). `cargo bench --bench pipeline -- end_to_end`
//! runs one group; word counts are printed so that MB/s converts to words/s.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nergraph::recognize::Mention;
use nergraph::tokenize::{self, Sentence, Token};
use nergraph::{Extractor, Lang, Options};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// The allocator of the `nergraph` binary (see `src/main.rs`), so that the library
/// is measured as the tool runs it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Corpus {
    name: String,
    docs: Vec<(String, Lang)>,
}

impl Corpus {
    fn bytes(&self) -> u64 {
        self.docs.iter().map(|d| d.0.len() as u64).sum()
    }
    fn words(&self) -> usize {
        self.docs
            .iter()
            .map(|d| d.0.split_whitespace().count())
            .sum()
    }
}

fn corpora(ex: &Extractor) -> Vec<Corpus> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_to_string(root.join("fixtures/musk-ai-giants.fr.txt")).unwrap();
    let mut out = vec![
        Corpus {
            name: "seed-x20-one-doc".into(),
            docs: vec![(vec![seed.as_str(); 20].join("\n\n"), Lang::Fr)],
        },
        Corpus {
            name: "seed-x20-docs".into(),
            docs: vec![(seed.clone(), Lang::Fr); 20],
        },
    ];
    let Some(dir) = std::env::var_os("NERGRAPH_EVAL_DIR").map(PathBuf::from) else {
        eprintln!("bench: NERGRAPH_EVAL_DIR not set, dev corpora skipped");
        return report(out);
    };
    for (file, limit) in [
        ("news_relations_fr.dev.jsonl", usize::MAX),
        ("news_relations_en.dev.jsonl", usize::MAX),
        ("fr_timebank.dev.jsonl", usize::MAX),
        ("popcorn_fr.dev.jsonl", 300),
    ] {
        let Ok(jsonl) = std::fs::read_to_string(dir.join(file)) else {
            eprintln!("bench: {} absent, skipped", dir.join(file).display());
            continue;
        };
        let docs = jsonl
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| {
                let text = v.get("text")?.as_str()?.to_string();
                let lang = v
                    .get("lang")
                    .and_then(|l| l.as_str())
                    .and_then(|l| l.parse().ok())
                    .unwrap_or_else(|| ex.detect_lang(&text));
                Some((text, lang))
            })
            .take(limit)
            .collect();
        out.push(Corpus {
            name: file.trim_end_matches(".dev.jsonl").to_string(),
            docs,
        });
    }
    report(out)
}

/// Print each corpus's size (words convert MB/s into words/s).
fn report(out: Vec<Corpus>) -> Vec<Corpus> {
    for c in &out {
        eprintln!(
            "bench: corpus {}: {} documents, {} bytes, {} words ({:.1} bytes/word)",
            c.name,
            c.docs.len(),
            c.bytes(),
            c.words(),
            c.bytes() as f64 / c.words().max(1) as f64
        );
    }
    out
}

/// Tokens and sentences.
fn tokens(ex: &Extractor, text: &str, lang: Lang) -> (Vec<Token>, Vec<Sentence>) {
    let t = tokenize::tokenize(text);
    let s = tokenize::sentences(text, &t, ex.abbreviations(lang));
    (t, s)
}

/// The recognizers, in the pipeline's priority order.
fn recognize(ex: &Extractor, text: &str, t: &[Token], s: &[Sentence], lang: Lang) -> Vec<Mention> {
    let mut taken = vec![false; t.len()];
    let mut out = Vec::new();
    let mut claim = |found: Vec<Mention>, taken: &mut Vec<bool>| {
        for m in found {
            let (a, b) = m.tokens;
            if a >= b || b > taken.len() || taken[a..b].iter().any(|&x| x) {
                continue;
            }
            taken[a..b].iter_mut().for_each(|x| *x = true);
            out.push(m);
        }
    };
    let folded = tokenize::Folded::new(text, t);
    claim(
        ex.date_rules().find(text, t, &folded, s, lang, None),
        &mut taken,
    );
    claim(ex.gazetteer().find(text, t), &mut taken);
    let names = ex.name_rules().find(text, t, &folded, s, lang, &taken);
    claim(names, &mut taken);
    out.sort_by_key(|m| m.span.start);
    out
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

fn bench(crit: &mut Criterion) {
    let ex = Extractor::builtin().unwrap();
    let corpora = corpora(&ex);
    let opts = |lang| Options {
        lang: Some(lang),
        doc_date: None,
    };
    // Precomputed inputs of each stage.
    struct Pre {
        tokens: Vec<Token>,
        folded: tokenize::Folded,
        sentences: Vec<Sentence>,
        mentions: Vec<Mention>,
        analysis: nergraph::pipeline::Analysis,
    }
    for c in &corpora {
        let mut g = crit.benchmark_group(c.name.as_str());
        g.throughput(Throughput::Bytes(c.bytes()));
        // End to end first, with nothing but the corpus in memory, as in a batch run
        // (the stages' precomputed inputs below are made after, and dropped).
        g.bench_with_input(BenchmarkId::new("end_to_end", "json"), c, |b, c| {
            b.iter(|| {
                for (text, lang) in &c.docs {
                    let doc = ex.extract(text, &opts(*lang)).unwrap();
                    black_box(doc.to_json_line());
                }
            })
        });
        let pre: Vec<Pre> = c
            .docs
            .iter()
            .map(|(text, lang)| {
                let (tokens, sentences) = tokens(&ex, text, *lang);
                let mentions = recognize(&ex, text, &tokens, &sentences, *lang);
                let analysis = ex.analyze(text, &opts(*lang));
                let folded = tokenize::Folded::new(text, &tokens);
                Pre {
                    tokens,
                    folded,
                    sentences,
                    mentions,
                    analysis,
                }
            })
            .collect();
        let pre = &pre;
        g.bench_function("tokenize", |b| {
            b.iter(|| {
                for (text, lang) in &c.docs {
                    black_box(tokens(&ex, text, *lang));
                }
            })
        });
        g.bench_function("recognize", |b| {
            b.iter(|| {
                for ((text, lang), p) in c.docs.iter().zip(pre) {
                    black_box(recognize(&ex, text, &p.tokens, &p.sentences, *lang));
                }
            })
        });
        g.bench_function("resolve", |b| {
            b.iter(|| {
                for ((text, lang), p) in c.docs.iter().zip(pre) {
                    let r = ex.resolver(*lang, None);
                    black_box(r.resolve(
                        text,
                        &p.tokens,
                        &p.folded,
                        &p.sentences,
                        p.mentions.clone(),
                        *lang,
                    ));
                }
            })
        });
        g.bench_function("relate", |b| {
            b.iter(|| {
                for ((text, lang), p) in c.docs.iter().zip(pre) {
                    let mut res = p.analysis.resolution.clone();
                    black_box(ex.relation_rules().find(
                        text,
                        &p.tokens,
                        &p.sentences,
                        &mut res,
                        ex.name_rules(),
                        *lang,
                    ));
                }
            })
        });
        g.bench_function("export", |b| {
            b.iter(|| {
                for ((text, lang), p) in c.docs.iter().zip(pre) {
                    let doc = ex.document(text, &p.analysis, &opts(*lang));
                    black_box(doc.to_json_line());
                    black_box(nergraph::export::dot::dot(&doc));
                }
            })
        });
        g.finish();
    }
    // Last: building the automata again and again churns the heap.
    crit.bench_function("startup/builtin_lexicons", |b| {
        b.iter(|| black_box(Extractor::builtin().unwrap()))
    });
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench
}
criterion_main!(benches);
