//! Corpus graphs: merging is order-independent and associative, the same
//! person across articles is one node, and the map/reduce path of the README
//! (split, `extract --jsonl` on each part, `merge`) equals `extract --jsonl --merge`.

use nergraph::merge::Merger;
use nergraph::{Document, Extractor, Options};
use proptest::prelude::*;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// Small articles written for these tests, and the fixtures.
const TEXTS: &[(&str, &str)] = &[
    (
        "a",
        "Marc Durand a fondé Globex SA en 2015 avec Anne Martin. Durand dirige toujours Globex.",
    ),
    (
        "b",
        "Le PDG de Globex, Marc Durand, a quitté Globex en 2019. Il a rejoint Initech.",
    ),
    (
        "c",
        "Anne Martin, cofondatrice de Globex, travaille désormais chez Initech. Mme Martin a quitté Globex en 2019.",
    ),
    (
        "d",
        "Paul Martin a racheté Initech. Martin est le frère d'Anne Martin.",
    ),
    (
        "e",
        "Luc Bernard, ancien directeur de Globex SA, a quitté Globex pour fonder Hooli.",
    ),
];

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::builtin().unwrap())
}

fn merger() -> &'static Merger {
    static M: OnceLock<Merger> = OnceLock::new();
    M.get_or_init(|| Merger::builtin().unwrap())
}

fn fixture_texts() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = TEXTS
        .iter()
        .map(|(id, t)| (id.to_string(), t.to_string()))
        .collect();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for f in files {
        let id = f.file_name().unwrap().to_string_lossy().into_owned();
        out.push((id, std::fs::read_to_string(&f).unwrap()));
    }
    out
}

fn docs() -> &'static Vec<Document> {
    static D: OnceLock<Vec<Document>> = OnceLock::new();
    D.get_or_init(|| {
        fixture_texts()
            .into_iter()
            .map(|(id, text)| {
                let mut d = extractor().extract(&text, &Options::default()).unwrap();
                d.id = Some(id.into());
                d
            })
            .collect()
    })
}

/// Merge, then go through JSON as the reduce step of a real job would.
fn merged(docs: &[&Document]) -> Document {
    let json = merger().merge(docs.iter().copied()).to_json_line();
    serde_json::from_str(&json).unwrap()
}

fn pretty(docs: &[&Document]) -> String {
    merger().merge(docs.iter().copied()).to_json_pretty()
}

#[test]
fn same_person_across_articles_is_one_node_with_evidence_per_document() {
    let all: Vec<&Document> = docs().iter().collect();
    let g = merger().merge(all);
    let durand: Vec<_> = g
        .entities
        .iter()
        .filter(|e| e.name == "Marc Durand")
        .collect();
    assert_eq!(durand.len(), 1, "one node for Marc Durand");
    let in_docs: std::collections::BTreeSet<String> = durand[0]
        .mentions
        .iter()
        .map(|m| m.doc.as_ref().unwrap().to_string())
        .collect();
    assert!(
        in_docs.contains("\"a\"") && in_docs.contains("\"b\""),
        "{in_docs:?}"
    );
    // Paul Martin and Anne Martin share a surname and stay apart.
    let martins: Vec<_> = g
        .entities
        .iter()
        .filter(|e| e.kind == "PERSON" && e.name.ends_with("Martin"))
        .map(|e| e.name.as_str())
        .collect();
    assert!(
        martins.contains(&"Anne Martin") && martins.contains(&"Paul Martin"),
        "{martins:?}"
    );
    assert_eq!(martins.iter().filter(|n| **n == "Anne Martin").count(), 1);
    // "Globex SA" and "Globex" are one organisation.
    assert_eq!(
        g.entities
            .iter()
            .filter(|e| e.kind == "ORG" && e.name.starts_with("Globex"))
            .count(),
        1
    );
    // Every mention and every piece of evidence names its document, and its
    // offsets slice that document's text.
    let texts: std::collections::HashMap<String, String> = fixture_texts()
        .into_iter()
        .map(|(id, t)| (serde_json::Value::from(id).to_string(), t))
        .collect();
    let slice = |doc: &Option<serde_json::Value>, s: usize, e: usize| -> String {
        let t = &texts[&doc.as_ref().expect("a doc id").to_string()];
        t.chars().skip(s).take(e - s).collect()
    };
    for e in &g.entities {
        for m in e.mentions.iter().chain(&e.references) {
            assert_eq!(slice(&m.doc, m.start, m.end), m.text);
        }
    }
    assert!(!g.relations.is_empty());
    for r in &g.relations {
        for ev in std::iter::once(&r.evidence).chain(&r.more_evidence) {
            assert_eq!(slice(&ev.doc, ev.start, ev.end), ev.text);
            assert!(ev.rule.is_some() && ev.confidence.is_some());
        }
    }
    // Durand's LEFT Globex edge has its evidence from document b.
    let globex = g
        .entities
        .iter()
        .find(|e| e.name.starts_with("Globex"))
        .unwrap();
    let left = g
        .relations
        .iter()
        .find(|r| r.kind == "LEFT" && r.source == durand[0].id && r.target == globex.id)
        .expect("Durand LEFT Globex");
    assert_eq!(left.evidence.doc, Some("b".into()));
}

#[test]
fn every_permutation_gives_the_same_bytes() {
    let d = docs();
    let want = pretty(&d[..5].iter().collect::<Vec<_>>());
    // All 120 orders of the five small articles.
    let mut idx: Vec<usize> = (0..5).collect();
    let mut count = 0;
    permute(&mut idx, 0, &mut |p| {
        let order: Vec<&Document> = p.iter().map(|&i| &d[i]).collect();
        assert_eq!(pretty(&order), want, "order {p:?}");
        count += 1;
    });
    assert_eq!(count, 120);
}

fn permute(v: &mut Vec<usize>, k: usize, f: &mut dyn FnMut(&[usize])) {
    if k == v.len() {
        f(v);
        return;
    }
    for i in k..v.len() {
        v.swap(k, i);
        permute(v, k + 1, f);
        v.swap(k, i);
    }
}

#[test]
fn associative() {
    let d = docs();
    let n = d.len();
    for i in 0..n {
        for j in 0..n {
            for k in 0..n {
                let (a, b, c) = (&d[i], &d[j], &d[k]);
                let left = merged(&[&merged(&[a, b]), c]);
                let right = merged(&[a, &merged(&[b, c])]);
                assert_eq!(
                    pretty(&[&left]),
                    pretty(&[&right]),
                    "merge(merge({i},{j}),{k}) != merge({i},merge({j},{k}))"
                );
                assert_eq!(pretty(&[&left]), pretty(&[a, b, c]));
            }
        }
    }
}

#[test]
fn merging_a_corpus_graph_again_changes_nothing() {
    let all: Vec<&Document> = docs().iter().collect();
    let g = merged(&all);
    assert_eq!(pretty(&[&g]), pretty(&all));
    assert_eq!(pretty(&[&g, &g]), pretty(&all));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Any split of the corpus into parts, each merged on its own (in any
    /// order), then merged, equals the merge of the whole.
    #[test]
    fn any_split_equals_the_whole(
        assign in proptest::collection::vec(0usize..4, 8),
        shuffle in proptest::collection::vec(any::<u32>(), 8),
    ) {
        let d = docs();
        let whole = pretty(&d.iter().collect::<Vec<_>>());
        let mut order: Vec<usize> = (0..d.len()).collect();
        order.sort_by_key(|&i| shuffle[i % shuffle.len()]);
        let mut parts: Vec<Vec<&Document>> = vec![Vec::new(); 4];
        for &i in &order {
            parts[assign[i % assign.len()]].push(&d[i]);
        }
        let reduced: Vec<Document> = parts.iter().filter(|p| !p.is_empty()).map(|p| merged(p)).collect();
        let reduced: Vec<&Document> = reduced.iter().collect();
        prop_assert_eq!(pretty(&reduced), whole);
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nergraph"))
}

fn tmp(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The README's map/reduce example, with the parts run one after the other
/// instead of by GNU parallel.
#[test]
fn map_reduce_equals_merge_of_the_whole() {
    let dir = tmp("map_reduce");
    let lines: Vec<String> = fixture_texts()
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string())
        .collect();
    std::fs::write(dir.join("corpus.jsonl"), lines.join("\n") + "\n").unwrap();
    // split -l 3 corpus.jsonl part-
    let mut parts = Vec::new();
    for (i, chunk) in lines.chunks(3).enumerate() {
        let p = dir.join(format!("part-{i}"));
        std::fs::write(&p, chunk.join("\n") + "\n").unwrap();
        parts.push(p);
    }
    assert!(parts.len() >= 3);
    // The map step: one JSONL output per part.
    let mut outs = Vec::new();
    for p in &parts {
        let out = p.with_extension("out.jsonl");
        let st = bin()
            .args(["extract", "--jsonl", "--quiet", "-o"])
            .arg(&out)
            .arg(p)
            .status()
            .unwrap();
        assert!(st.success());
        outs.push(out);
    }
    // The reduce step, over the outputs in reverse order.
    outs.reverse();
    let reduce = bin()
        .args(["merge", "--quiet"])
        .args(&outs)
        .output()
        .unwrap();
    assert!(
        reduce.status.success(),
        "{}",
        String::from_utf8_lossy(&reduce.stderr)
    );
    let whole = bin()
        .args(["extract", "--jsonl", "--merge", "--quiet", "--threads", "2"])
        .arg(dir.join("corpus.jsonl"))
        .output()
        .unwrap();
    assert!(whole.status.success());
    assert!(!whole.stdout.is_empty());
    assert_eq!(
        String::from_utf8(reduce.stdout).unwrap(),
        String::from_utf8(whole.stdout).unwrap()
    );
    // The same through the library.
    let lib = merger().merge(docs().iter()).to_json_pretty() + "\n";
    let whole = bin()
        .args(["extract", "--jsonl", "--merge", "--quiet"])
        .arg(dir.join("corpus.jsonl"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(whole.stdout).unwrap(), lib);
}

#[test]
fn batch_keeps_input_order_on_many_threads_and_reports_bad_lines() {
    let dir = tmp("batch_order");
    let mut input = String::new();
    let mut want_ids = Vec::new();
    for i in 0..300 {
        if i == 150 {
            input.push_str("{\"id\": 150, \"text\": 3}\n");
        } else {
            let (_, t) = TEXTS[i % TEXTS.len()];
            input.push_str(&serde_json::json!({"id": i, "text": t}).to_string());
            input.push('\n');
        }
        want_ids.push(i);
    }
    let path = dir.join("in.jsonl");
    std::fs::write(&path, &input).unwrap();
    let one = bin()
        .args(["extract", "--jsonl", "--quiet", "--threads", "1"])
        .arg(&path)
        .output()
        .unwrap();
    let four = bin()
        .args(["extract", "--jsonl", "--quiet", "--threads", "4"])
        .arg(&path)
        .output()
        .unwrap();
    // Exit code 2: the batch ran to the end, some documents failed.
    assert_eq!(one.status.code(), Some(2));
    assert_eq!(four.status.code(), Some(2));
    assert_eq!(one.stdout, four.stdout);
    let out = String::from_utf8(four.stdout).unwrap();
    let ids: Vec<usize> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"].as_u64().unwrap() as usize
        })
        .collect();
    assert_eq!(ids, want_ids);
    let bad: serde_json::Value = serde_json::from_str(out.lines().nth(150).unwrap()).unwrap();
    assert!(bad["error"].as_str().unwrap().contains("line 151"), "{bad}");
    // --quiet: nothing on standard error; otherwise one summary line.
    assert!(four.stderr.is_empty());
    let loud = bin()
        .args(["extract", "--jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8(loud.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("300 documents, 1 errors"), "{err}");
}

#[test]
fn directory_batch_reads_every_txt_file_recursively() {
    let dir = tmp("dir_batch");
    std::fs::create_dir_all(dir.join("sub/deeper")).unwrap();
    std::fs::write(dir.join("one.txt"), TEXTS[0].1).unwrap();
    std::fs::write(dir.join("sub/two.txt"), TEXTS[1].1).unwrap();
    std::fs::write(dir.join("sub/deeper/three.txt"), TEXTS[2].1).unwrap();
    std::fs::write(dir.join("sub/skip.md"), "Marc Durand").unwrap();
    let out = bin()
        .args(["extract", "--quiet"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(ids, ["one.txt", "sub/deeper/three.txt", "sub/two.txt"]);
    // --merge in DOT: one graph.
    let dot = bin()
        .args(["extract", "--quiet", "--merge", "--format", "dot"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(dot.status.success());
    let dot = String::from_utf8(dot.stdout).unwrap();
    assert!(
        dot.starts_with("digraph") || dot.contains("digraph"),
        "{dot}"
    );
    assert_eq!(dot.matches("Marc Durand").count(), 1, "{dot}");
}
