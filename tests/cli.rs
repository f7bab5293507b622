//! The command line on bad input: one-line errors, exit codes, no panic traces.
//! Exit codes: 0 success (warnings may go to standard error), 1 bad input or
//! arguments, 2 a usage error found by the argument parser.

mod common;

use common::ARTICLE;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn nergraph(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nergraph"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// Exit code 1 and exactly one line on standard error, starting `nergraph: `.
fn one_line_error(o: &Output) -> String {
    let e = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert_eq!(e.lines().count(), 1, "{e:?}");
    assert!(
        e.starts_with("nergraph: ") && !e.contains("panicked"),
        "{e}"
    );
    assert!(o.stdout.is_empty());
    e
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nergraph-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn invalid_utf8_is_one_line_naming_the_offset_and_lossy_goes_on() {
    let bytes = b"Marc Durand a quitt\xC3 Globex SA.";
    let e = one_line_error(&nergraph(&["extract", "-"], bytes));
    assert!(e.contains("offset 19") && e.contains("--lossy"), "{e}");
    let path = tmp("bad.txt");
    std::fs::write(&path, bytes).unwrap();
    let e = one_line_error(&nergraph(&["extract", path.to_str().unwrap()], b""));
    assert!(e.contains("bad.txt") && e.contains("offset 19"), "{e}");
    let v = json(&nergraph(&["extract", "--lossy", "-"], bytes));
    let names: Vec<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Globex SA"), "{names:?}");
}

#[test]
fn empty_input_is_an_empty_document() {
    let v = json(&nergraph(&["extract", "-"], b""));
    assert_eq!(v["entities"], serde_json::json!([]));
    assert_eq!(v["relations"], serde_json::json!([]));
    let o = nergraph(&["extract", "--format", "dot", "-"], b"");
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("digraph"));
}

#[test]
fn binary_input_is_an_error_and_lossy_gives_no_garbage() {
    let mut bytes = b"Marc Durand a quitt\xC3\xA9 Globex SA.".to_vec();
    bytes.extend((0..=255u8).cycle().take(4096));
    let e = one_line_error(&nergraph(&["extract", "-"], &bytes));
    assert!(e.contains("binary") && e.contains("offset 32"), "{e}");
    let v = json(&nergraph(&["extract", "--lossy", "-"], &bytes));
    for e in v["entities"].as_array().unwrap() {
        let name = e["name"].as_str().unwrap();
        assert!(
            !name.chars().any(|c| c.is_control() || c == '\u{fffd}'),
            "{name:?}"
        );
    }
}

#[test]
fn bom_and_crlf() {
    let plain = json(&nergraph(&["extract", "-"], ARTICLE.as_bytes()));
    let with_bom = json(&nergraph(
        &["extract", "-"],
        format!("\u{feff}{ARTICLE}").as_bytes(),
    ));
    assert_eq!(plain, with_bom);
    let crlf = ARTICLE.replace(". ", ".\r\n");
    let v = json(&nergraph(&["extract", "-"], crlf.as_bytes()));
    assert_eq!(
        v["entities"].as_array().unwrap().len(),
        plain["entities"].as_array().unwrap().len()
    );
}

#[test]
fn missing_file_and_bad_arguments_are_one_line_errors() {
    let e = one_line_error(&nergraph(&["extract", "/no/such/file.txt"], b""));
    assert!(e.contains("/no/such/file.txt"), "{e}");
    for bad in [
        "2023-02-30",
        "yesterday",
        "2023-13-01",
        "99999-01-01",
        "",
        "2023-01-01\nrm -rf /",
    ] {
        let e = one_line_error(&nergraph(&["extract", "--doc-date", bad, "-"], b"x"));
        assert!(e.contains("bad date") && e.contains("YYYY-MM-DD"), "{e}");
    }
    let e = one_line_error(&nergraph(&["extract", "--lang", "de", "-"], b"x"));
    assert!(e.contains("unknown language 'de'"), "{e}");
    let e = one_line_error(&nergraph(
        &["extract", "--lexicons", "/no/such/dir", "-"],
        b"x",
    ));
    assert!(e.contains("/no/such/dir"), "{e}");
    let e = one_line_error(&nergraph(
        &["extract", "-o", "/no/such/dir/out.json", "-"],
        b"x",
    ));
    assert!(e.contains("/no/such/dir/out.json"), "{e}");
}

#[test]
fn lexicon_errors_are_path_line_column_and_duplicates_warn() {
    let dir = tmp("lex");
    std::fs::create_dir_all(dir.join("fr")).unwrap();
    std::fs::create_dir_all(dir.join("common")).unwrap();
    let titles = dir.join("fr/titles.tsv");
    std::fs::write(&titles, "# mine\npatronne\trole\tf\ngérante\tboss\tf\n").unwrap();
    let e = one_line_error(&nergraph(
        &["extract", "--lexicons", dir.to_str().unwrap(), "-"],
        b"x",
    ));
    let want = format!(
        "{}:3:9: expected honorific, role, founder or kin",
        titles.display()
    );
    assert!(e.contains(&want), "{e}");
    std::fs::remove_file(&titles).unwrap();
    let rel = dir.join("fr/relations.tsv");
    std::fs::write(&rel, "FOUNDED\tmine/x\t0.8\tS:PER a fondé  T:PLACE\n").unwrap();
    let e = one_line_error(&nergraph(
        &["extract", "--lexicons", dir.to_str().unwrap(), "-"],
        b"x",
    ));
    assert!(
        e.contains(&format!("{}:1:35: in pattern: 'T:PLACE'", rel.display())),
        "{e}"
    );
    std::fs::remove_file(&rel).unwrap();
    let bad = dir.join("common/people.tsv");
    std::fs::write(&bad, b"Luc Martin\t\tm\nL\xE9a Roy\n").unwrap();
    let e = one_line_error(&nergraph(
        &["extract", "--lexicons", dir.to_str().unwrap(), "-"],
        b"x",
    ));
    assert!(
        e.contains(&format!("{}:2:2: invalid UTF-8", bad.display())),
        "{e}"
    );
    // Duplicates and conflicts: a warning naming both lines, and the run goes on.
    std::fs::write(&bad, "Luc Martin\t\tm\nAnne Roy\nLuc Martin\t\tf\n").unwrap();
    let o = nergraph(
        &["extract", "--lexicons", dir.to_str().unwrap(), "-"],
        ARTICLE.as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let want = format!(
        "nergraph: warning: {p}:3: conflicting entry 'Luc Martin' (also at {p}:1)",
        p = bad.display()
    );
    assert!(stderr(&o).starts_with(&want), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn batch_bad_lines_become_error_records() {
    let input = [
        r#"{"id": 1, "text": "Marc Durand a quitté Globex SA en 2019."}"#.as_bytes(),
        b"not json",
        br#"{"id": "b", "txt": "no text"}"#,
        b"{\"id\": 4, \"text\": \"caf\xC3\"}",
        br#"{"id": 5, "text": "x", "doc_date": "2021-02-30"}"#,
        br#"{"id": 6, "text": "nul\u0000"}"#,
        br#"{"id": 7, "text": "Anne Martin a fond\u00e9 Initech.", "lang": "fr"}"#,
    ]
    .join(&b'\n');
    let o = nergraph(&["extract", "--jsonl", "-"], &input);
    // The batch runs to the end; exit code 2 says some lines failed.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("7 documents, 5 errors"),
        "{}",
        stderr(&o)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7, "{out}");
    let ids: Vec<String> = lines.iter().map(|l| l["id"].to_string()).collect();
    assert_eq!(ids, ["1", "null", "\"b\"", "null", "5", "6", "7"]);
    let errors: Vec<bool> = lines.iter().map(|l| l.get("error").is_some()).collect();
    assert_eq!(errors, [false, true, true, true, true, true, false]);
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("line 2: not JSON")
    );
    assert!(lines[3]["error"].as_str().unwrap().contains("offset"));
    assert!(lines[6]["entities"].as_array().unwrap().len() >= 2);
}

#[test]
fn output_file_is_written_whole() {
    let out = tmp("out.json");
    let o = nergraph(
        &["extract", "-o", out.to_str().unwrap(), "-"],
        ARTICLE.as_bytes(),
    );
    assert!(o.status.success() && o.stdout.is_empty(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert!(!v["entities"].as_array().unwrap().is_empty());
    // No temporary file left beside it.
    let left: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["extract", "--no-such-flag"][..],
        &["extract", "--format", "svgz", "-"],
    ] {
        let o = nergraph(args, b"x");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with("error: ") && !stderr(&o).contains("panicked"));
    }
}
