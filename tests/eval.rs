//! `nergraph eval` on tiny hand-made gold files (tests/data/eval/), whose
//! scores are worked out by hand in the comments.
//!
//! gold.jsonl: 3 documents; PER: Ann Lee, Hélène Roux, Marie Dupont, Elle (a
//! pronoun, syntactic_type PRO) = 4; ORG: Globex, Initech, Acme = 3; DATE:
//! May 2020 (2020-05), hier (2002-06-30) = 2; one IS_PART_OF relation
//! (Ann Lee → Globex).

use nergraph::eval::{self, EvalOptions, RelationMap};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/eval");

fn data(name: &str) -> String {
    format!("{DATA}/{name}")
}

fn eval_json(pred: &str, extra: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_nergraph"))
        .args(["eval", "--gold", &data("gold.jsonl"), "--format", "json"])
        .args(["--pred", &data(pred)])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn label<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["label"] == name)
        .unwrap()
}

/// (gold, pred, tp) exact, then overlap.
fn counts(t: &Value, which: &str) -> (u64, u64, u64) {
    let c = &t[which];
    (
        c["gold"].as_u64().unwrap(),
        c["pred"].as_u64().unwrap(),
        c["tp"].as_u64().unwrap(),
    )
}

fn close(v: &Value, want: Option<f64>) -> bool {
    match (v.as_f64(), want) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => v.is_null(),
        _ => false,
    }
}

#[test]
fn hand_computed_scores() {
    // (pred file, label, exact (gold, pred, tp), overlap tp, P, R, F1, overlap F1)
    type Row = (
        &'static str,
        &'static str,
        (u64, u64, u64),
        u64,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
    );
    let table: &[Row] = &[
        // Perfect: every span found with its label.
        (
            "pred_perfect.jsonl",
            "PER",
            (4, 4, 4),
            4,
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ),
        (
            "pred_perfect.jsonl",
            "ORG",
            (3, 3, 3),
            3,
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ),
        (
            "pred_perfect.jsonl",
            "DATE",
            (2, 2, 2),
            2,
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ),
        // Empty: nothing predicted; precision undefined, recall and F1 zero.
        (
            "pred_empty.jsonl",
            "PER",
            (4, 0, 0),
            0,
            None,
            Some(0.0),
            Some(0.0),
            Some(0.0),
        ),
        (
            "pred_empty.jsonl",
            "DATE",
            (2, 0, 0),
            0,
            None,
            Some(0.0),
            Some(0.0),
            Some(0.0),
        ),
        // Off by one: every end one code point too far; no exact match, every overlap.
        (
            "pred_off_by_one.jsonl",
            "PER",
            (4, 4, 0),
            4,
            Some(0.0),
            Some(0.0),
            Some(0.0),
            Some(1.0),
        ),
        (
            "pred_off_by_one.jsonl",
            "ORG",
            (3, 3, 0),
            3,
            Some(0.0),
            Some(0.0),
            Some(0.0),
            Some(1.0),
        ),
        // Wrong type: people labelled ORG and organisations PERSON.
        (
            "pred_wrong_type.jsonl",
            "PER",
            (4, 3, 0),
            0,
            Some(0.0),
            Some(0.0),
            Some(0.0),
            Some(0.0),
        ),
        (
            "pred_wrong_type.jsonl",
            "ORG",
            (3, 4, 0),
            0,
            Some(0.0),
            Some(0.0),
            Some(0.0),
            Some(0.0),
        ),
        (
            "pred_wrong_type.jsonl",
            "DATE",
            (2, 2, 2),
            2,
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
        ),
    ];
    for (pred, name, exact, otp, p, r, f1, of1) in table {
        let report = eval_json(pred, &[]);
        let t = label(&report, name);
        let ctx = format!("{pred} {name}: {t}");
        assert_eq!(counts(t, "exact"), *exact, "{ctx}");
        assert_eq!(counts(t, "overlap").2, *otp, "{ctx}");
        assert!(close(&t["precision"], *p), "{ctx}");
        assert!(close(&t["recall"], *r), "{ctx}");
        assert!(close(&t["f1"], *f1), "{ctx}");
        assert!(close(&t["overlap_f1"], *of1), "{ctx}");
    }
}

#[test]
fn date_values_and_relations() {
    // (pred file, date values right of 2, relations (gold, pred, tp))
    let table = [
        ("pred_perfect.jsonl", 2, (1, 1, 1)),
        ("pred_empty.jsonl", 0, (1, 0, 0)),
        // The spans are off by one, but still overlap a gold date of the same value.
        ("pred_off_by_one.jsonl", 2, (1, 0, 0)),
    ];
    for (pred, right, rel) in table {
        let report = eval_json(pred, &["--relations", "popcorn"]);
        assert_eq!(report["date_values"]["gold"], 2, "{pred}");
        assert_eq!(report["date_values"]["right"], right, "{pred}");
        let total = &report["relations"]["total"]["exact"];
        let got = (
            total["gold"].as_u64().unwrap(),
            total["pred"].as_u64().unwrap(),
            total["tp"].as_u64().unwrap(),
        );
        // The perfect file's LEFT edge is not scored: POPCORN has no such type.
        assert_eq!(got, rel, "{pred}");
    }
}

#[test]
fn named_only_leaves_out_the_pronoun() {
    // "Elle" (PRO) leaves the gold: 3 PER. A prediction equal to it leaves too.
    let report = eval_json("pred_perfect.jsonl", &["--named-only"]);
    assert_eq!(counts(label(&report, "PER"), "exact"), (3, 3, 3));
    // Off by one, "Elle " matches no kept span: an exact false positive, but in
    // overlap scoring it only overlaps the left-out pronoun, so it leaves too.
    let report = eval_json("pred_off_by_one.jsonl", &["--named-only"]);
    let per = label(&report, "PER");
    assert_eq!(counts(per, "exact"), (3, 4, 0));
    assert_eq!(counts(per, "overlap"), (3, 3, 3));
}

#[test]
fn errors_are_classified() {
    let report = eval_json("pred_wrong_type.jsonl", &["--errors", "2"]);
    let errors = report["errors"].as_array().unwrap();
    // Two per label and side: PER and ORG, false positives and misses.
    assert_eq!(errors.len(), 8);
    assert!(errors.iter().any(|e| e["label"] == "PER"
        && e["side"] == "miss"
        && e["class"] == "type (predicted ORG)"));
    let classes = report["error_classes"].as_array().unwrap();
    let per_fp = classes
        .iter()
        .find(|c| c["label"] == "PER" && c["side"] == "false positive")
        .unwrap();
    assert_eq!(
        (per_fp["class"].as_str(), per_fp["count"].as_u64()),
        (Some("type"), Some(3))
    );
}

#[test]
fn text_lines_end_with_the_exact_f1() {
    let out = Command::new(env!("CARGO_BIN_EXE_nergraph"))
        .args(["eval", "--gold", &data("gold.jsonl")])
        .args(["--pred", &data("pred_off_by_one.jsonl"), "--by-doc"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let per = text.lines().find(|l| l.starts_with("PER ")).unwrap();
    assert!(per.contains("overlap-F1 1.000"), "{per}");
    assert!(per.ends_with("F1 0.000"), "{per}");
    assert!(
        text.lines().any(|l| l.starts_with("3  PER 2/2/0 0.000")),
        "{text}"
    );
}

#[test]
fn bad_gold_is_an_error_naming_file_and_line() {
    let dir = std::env::temp_dir().join(format!("nergraph-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gold = dir.join("names.jsonl");
    std::fs::write(
        &gold,
        "{\"id\":\"x\",\"text\":\"ab\"}\n{\"id\":\"y\",\"text\":\"ab\",\"entities\":[{\"id\":\"e1\",\"type\":\"PERSON\",\"names\":[\"Ann\"]}]}\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nergraph"))
        .args(["eval", "--gold", gold.to_str().unwrap()])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("names.jsonl:2"), "{err}");
}

#[test]
fn in_process_run_uses_the_files_language_and_date() {
    let gold = eval::read_gold(
        concat!(
            r#"{"id":"s","lang":"fr","text":"Luc Martin, cofondateur de Globex, a quitté Globex en 2019.","#,
            r#""entities":[{"start":0,"end":10,"label":"PER"},{"start":54,"end":58,"label":"DATE","value":"2019"}],"#,
            r#""meta":{"dct":"2020-01-02"}}"#
        ),
        "inline",
    )
    .unwrap();
    assert_eq!(gold[0].doc_date.unwrap().to_string(), "2020-01-02");
    let extractor = nergraph::Extractor::builtin().unwrap();
    let (pred, failures) = eval::predict(&extractor, &gold);
    assert!(failures.is_empty());
    let report = eval::evaluate(
        &gold,
        &pred,
        &EvalOptions {
            relations: RelationMap::builtin("popcorn"),
            ..EvalOptions::default()
        },
    );
    // The seed-style sentence: the person and the year are found exactly.
    assert_eq!(report.types[0].exact.tp, 1, "{}", report.to_text());
    assert_eq!(report.date_values.right, 1, "{}", report.to_text());
    // ORG is not in this gold file: not annotated, so not scored.
    assert!(!report.types[1].annotated && report.types[1].f1.is_none());
}

/// The independent Python scorer (scripts/score_spans.py) agrees with
/// `nergraph eval` on exact-span P/R/F1 for every fixture. Needs python3;
/// without it the test says so and checks nothing.
#[test]
fn python_scorer_agrees() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/score_spans.py");
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("python3 not found: cross-check skipped");
        return;
    }
    assert!(Path::new(script).exists());
    for pred in [
        "pred_perfect.jsonl",
        "pred_empty.jsonl",
        "pred_off_by_one.jsonl",
        "pred_wrong_type.jsonl",
    ] {
        let ours = eval_json(pred, &[]);
        let out = Command::new("python3")
            .args([script, &data("gold.jsonl"), &data(pred), "--json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs: Value = serde_json::from_slice(&out.stdout).unwrap();
        for name in ["PER", "ORG", "DATE"] {
            let t = label(&ours, name);
            let p = &theirs[name];
            assert_eq!(
                counts(t, "exact"),
                (
                    p["gold"].as_u64().unwrap(),
                    p["pred"].as_u64().unwrap(),
                    p["tp"].as_u64().unwrap(),
                ),
                "{pred} {name}"
            );
            for k in ["precision", "recall", "f1"] {
                assert!(
                    close(&t[k], p[k].as_f64()),
                    "{pred} {name} {k}: {} vs {}",
                    t[k],
                    p[k]
                );
            }
        }
    }
}
