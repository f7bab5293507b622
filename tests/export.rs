//! Exporters: structure of every format on the seed article, escaping of a
//! hostile document in every format, filters and the command line.
//! Nothing here needs Graphviz or a browser.

use nergraph::document::{EntityOut, EvidenceOut, MentionOut, RelationOut};
use nergraph::export::{self, Filter, Format, Options, Output, csv, escape, graphml, html, svg};
use nergraph::graph::EntityGraph;
use nergraph::{Document, Extractor};
use std::process::Command;

const SEED: &str = include_str!("../fixtures/musk-ai-giants.fr.txt");

fn seed() -> Document {
    Extractor::builtin()
        .unwrap()
        .extract(SEED, &Default::default())
        .unwrap()
}

fn svg_of(doc: &Document) -> String {
    svg::svg(doc, &Default::default()).unwrap()
}

/// Text of every `<text>` under a node group, joined by spaces.
fn node_names(svg_text: &str) -> Vec<String> {
    let tree = roxmltree::Document::parse(svg_text).unwrap();
    tree.descendants()
        .filter(|n| n.attribute("class") == Some("node"))
        .map(|g| {
            g.descendants()
                .filter(|t| t.has_tag_name("text"))
                .map(|t| t.text().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn seed_svg_is_valid_with_every_person_and_org() {
    let doc = seed();
    let out = svg_of(&doc);
    let tree = roxmltree::Document::parse(&out).expect("valid XML");
    let root = tree.root_element();
    assert!(root.has_tag_name(("http://www.w3.org/2000/svg", "svg")));
    let g = EntityGraph::new(&doc);
    let count = |class: &str| {
        tree.descendants()
            .filter(|n| n.attribute("class") == Some(class))
            .count()
    };
    assert_eq!(count("node"), g.node_count());
    assert_eq!(count("edge"), g.edge_count());
    assert_eq!(count("edge-label"), g.edge_count());
    assert!(g.edge_count() >= 10, "the seed has a real graph");
    let names = node_names(&out);
    for e in doc
        .entities
        .iter()
        .filter(|e| e.kind == "PERSON" || e.kind == "ORG")
    {
        assert!(names.contains(&e.name), "{} missing from the SVG", e.name);
    }
    // A legend naming every relation type drawn.
    let legend = tree
        .descendants()
        .find(|n| n.attribute("class") == Some("legend"))
        .expect("a legend");
    let legend_text: String = legend
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    for r in &doc.relations {
        assert!(
            legend_text.contains(&r.kind),
            "{} not in the legend",
            r.kind
        );
    }
}

#[test]
fn seed_layout_has_no_overlapping_labels_and_fell_out_with_is_red_dashed_headless() {
    let doc = seed();
    let d = svg::layout(&doc, Some("seed")).unwrap();
    assert_eq!(d.overlaps(), Vec::<(String, String)>::new());
    for n in &d.nodes {
        assert!(
            n.x - n.w / 2.0 >= 0.0 && n.x + n.w / 2.0 <= d.width,
            "{n:?}"
        );
        assert!(
            n.y - n.h / 2.0 >= 0.0 && n.y + n.h / 2.0 <= d.height,
            "{n:?}"
        );
    }
    let out = svg::draw(&d, &doc);
    let tree = roxmltree::Document::parse(&out).unwrap();
    let mut fell = 0;
    for g in tree
        .descendants()
        .filter(|n| n.attribute("class") == Some("edge"))
    {
        let rel = &doc.relations[g.attribute("data-rel").unwrap().parse::<usize>().unwrap()];
        let path = g.children().find(|c| c.has_tag_name("path")).unwrap();
        if rel.kind == "FELL_OUT_WITH" {
            fell += 1;
            assert_eq!(path.attribute("stroke"), Some("#c62828"));
            assert!(path.attribute("stroke-dasharray").is_some());
            assert!(
                path.attribute("marker-end").is_none() && path.attribute("marker-start").is_none()
            );
        } else {
            assert!(path.attribute("stroke-dasharray").is_none());
            assert!(
                path.attribute("marker-end").is_some() || path.attribute("marker-start").is_some()
            );
        }
    }
    assert!(fell >= 1, "the seed has a FELL_OUT_WITH edge");
}

#[test]
fn edge_labels_carry_type_and_date() {
    let doc = seed();
    let d = svg::layout(&doc, None).unwrap();
    for e in &d.edges {
        let r = &doc.relations[e.rel];
        assert_eq!(e.lines[0], r.kind);
        assert_eq!(e.lines.get(1), r.date.as_ref());
    }
}

#[cfg(feature = "png")]
#[test]
fn seed_png_is_a_png() {
    let out = export::render(&seed(), Format::Png, SEED).unwrap();
    assert_eq!(out[..8], export::png::SIGNATURE);
    assert_eq!(&out[12..16], b"IHDR");
    let w = u32::from_be_bytes(out[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(out[20..24].try_into().unwrap());
    assert!(w > 800 && h > 600, "{w}x{h}");
}

#[test]
fn seed_graphml_loads_with_the_right_counts_and_attributes() {
    let doc = seed();
    let out = graphml::graphml(&doc);
    let tree = roxmltree::Document::parse(&out).expect("valid XML");
    let ns = "http://graphml.graphdrawing.org/xmlns";
    let g = EntityGraph::new(&doc);
    let nodes: Vec<_> = tree
        .descendants()
        .filter(|n| n.has_tag_name((ns, "node")))
        .collect();
    let edges: Vec<_> = tree
        .descendants()
        .filter(|n| n.has_tag_name((ns, "edge")))
        .collect();
    assert_eq!(nodes.len(), g.node_count());
    assert_eq!(edges.len(), g.edge_count());
    let keys: Vec<(&str, &str)> = tree
        .descendants()
        .filter(|n| n.has_tag_name((ns, "key")))
        .map(|k| {
            (
                k.attribute("for").unwrap(),
                k.attribute("attr.name").unwrap(),
            )
        })
        .collect();
    for want in [
        ("node", "type"),
        ("node", "name"),
        ("node", "aliases"),
        ("edge", "type"),
        ("edge", "date"),
        ("edge", "confidence"),
        ("edge", "evidence"),
    ] {
        assert!(keys.contains(&want), "{want:?}");
    }
    let data = |n: &roxmltree::Node, key: &str| {
        n.children()
            .find(|d| d.attribute("key") == Some(key))
            .and_then(|d| d.text())
            .map(str::to_string)
    };
    // Every edge's endpoints are nodes, and its attributes match the document.
    let ids: Vec<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
    for e in &edges {
        assert!(ids.contains(&e.attribute("source").unwrap()));
        assert!(ids.contains(&e.attribute("target").unwrap()));
        let kind = data(e, "etype").unwrap();
        let r = doc
            .relations
            .iter()
            .find(|r| {
                r.kind == kind
                    && r.source == e.attribute("source").unwrap()
                    && r.target == e.attribute("target").unwrap()
            })
            .unwrap();
        assert_eq!(
            data(e, "evidence").as_deref(),
            Some(r.evidence.text.as_str())
        );
        assert_eq!(data(e, "date"), r.date);
        assert_eq!(
            e.attribute("directed") == Some("false"),
            kind == "FELL_OUT_WITH"
        );
    }
    let musk = nodes
        .iter()
        .find(|n| data(n, "name").as_deref() == Some("Elon Musk"))
        .unwrap();
    assert_eq!(data(musk, "type").as_deref(), Some("PERSON"));
    assert!(data(musk, "aliases").unwrap().contains("Musk"));
}

/// A small RFC 4180 reader: records of fields (no line breaks inside fields,
/// which the exporter never writes).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| {
            let mut fields = vec![String::new()];
            let mut quoted = false;
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, quoted) {
                    ('"', true) if chars.peek() == Some(&'"') => {
                        chars.next();
                        fields.last_mut().unwrap().push('"');
                    }
                    ('"', _) => quoted = !quoted,
                    (',', false) => fields.push(String::new()),
                    (c, _) => fields.last_mut().unwrap().push(c),
                }
            }
            assert!(!quoted, "unterminated quote in {line:?}");
            fields
        })
        .collect()
}

#[test]
fn seed_csv_tables_have_documented_headers_and_consistent_rows() {
    let doc = seed();
    let g = EntityGraph::new(&doc);
    let files = csv::files(&doc);
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "nodes.csv",
            "edges.csv",
            "neo4j-nodes.csv",
            "neo4j-edges.csv"
        ]
    );
    let headers = [
        csv::NODES_HEADER,
        csv::EDGES_HEADER,
        csv::NEO4J_NODES_HEADER,
        csv::NEO4J_EDGES_HEADER,
    ];
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for ((name, text), header) in files.iter().zip(headers) {
        let rows = read_csv(text);
        assert_eq!(text.lines().next(), Some(header), "{name}");
        let want = if name.contains("nodes") {
            g.node_count()
        } else {
            g.edge_count()
        };
        assert_eq!(rows.len(), want + 1, "{name}");
        for r in &rows {
            assert_eq!(r.len(), rows[0].len(), "{name}: {r:?}");
        }
        assert!(
            readme.contains(header),
            "README does not document {name}'s header {header}"
        );
    }
    // The documented LOAD CSV script reads columns that exist.
    let cypher = readme
        .split("```cypher")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a cypher block in README");
    let columns: Vec<&str> = csv::NODES_HEADER
        .split(',')
        .chain(csv::EDGES_HEADER.split(','))
        .collect();
    let mut used = 0;
    for part in cypher.split("row.").skip(1) {
        let col: String = part
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        assert!(
            columns.contains(&col.as_str()),
            "README's LOAD CSV reads row.{col}"
        );
        used += 1;
    }
    assert!(used >= 5);
    // Gephi: FELL_OUT_WITH is undirected, the rest directed.
    let edges = read_csv(&files[1].1);
    for r in &edges[1..] {
        assert_eq!(r[2] == "Undirected", r[3] == "FELL_OUT_WITH", "{r:?}");
    }
}

#[test]
fn seed_html_report_structure() {
    let doc = seed();
    let page = html::html(&doc, SEED, &Default::default()).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    // No network: nothing is fetched from anywhere.
    for bad in ["src=\"http", "href=\"http", "url(http", "<link", "@import"] {
        assert!(!page.contains(bad), "{bad}");
    }
    assert_eq!(page.matches("<script>").count(), 1);
    // The inline SVG is valid and complete.
    let s = page.find("<svg").unwrap();
    let e = page.find("</svg>").unwrap() + "</svg>".len();
    let tree = roxmltree::Document::parse(&page[s..e]).expect("inline SVG is XML");
    let g = EntityGraph::new(&doc);
    assert_eq!(
        tree.descendants()
            .filter(|n| n.attribute("class") == Some("node"))
            .count(),
        g.node_count()
    );
    // One table row per relation, each with its evidence.
    assert_eq!(page.matches("<tr data-rel=").count(), doc.relations.len());
    for r in &doc.relations {
        assert!(page.contains(&escape::xml(&r.evidence.text)));
    }
    // Mentions highlighted; every alias of an entity shares its colour.
    let musk = doc.entities.iter().find(|e| e.name == "Elon Musk").unwrap();
    let marks: Vec<&str> = page
        .split(&format!("<mark class=\"ent\" data-entity=\"{}\" ", musk.id))
        .skip(1)
        .map(|rest| rest.split('"').nth(1).unwrap())
        .collect();
    assert!(
        marks.len() >= musk.mentions.len() / 2,
        "{} marks",
        marks.len()
    );
    assert!(marks.iter().all(|c| *c == marks[0]), "{marks:?}");
    // Evidence spans for every relation, for the hover and click.
    for i in 0..doc.relations.len() {
        assert!(
            page.contains(&format!(" ev{i}\"")) || page.contains(&format!(" ev{i} ")),
            "ev{i}"
        );
    }
}

const HOSTILE: [&str; 4] = [
    "Jean \"Le <b>Boss</b>\" Dupont",
    "<script>alert('x')</script> & Co",
    "Line\nBreak, Comma; Semi|Pipe",
    "O'Brien\t& \\Back\\slash",
];

/// A document built by hand with hostile names and evidence.
fn hostile() -> (Document, String) {
    let text = format!(
        "{} a fondé {}. {} a quitté {}.",
        HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[3]
    );
    let at = |s: &str| text.find(s).map(|b| text[..b].chars().count()).unwrap();
    let ent = |i: usize, id: &str, kind: &str| {
        let start = at(HOSTILE[i]);
        EntityOut {
            id: id.into(),
            kind: kind.into(),
            name: HOSTILE[i].into(),
            aliases: vec![format!("{}, alias", HOSTILE[i])],
            mentions: vec![MentionOut {
                start,
                end: start + HOSTILE[i].chars().count(),
                text: HOSTILE[i].into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    };
    let rel = |kind: &str, s: &str, t: &str| RelationOut {
        kind: kind.into(),
        source: s.into(),
        target: t.into(),
        date: Some("2019<\"".into()),
        confidence: 0.8,
        rule: "r<1>".into(),
        evidence: EvidenceOut {
            start: 0,
            end: text.chars().count(),
            text: text.clone(),
            ..Default::default()
        },
        more_evidence: vec![],
    };
    let doc = Document {
        schema: 1,
        lang: "fr\"><script>".into(),
        entities: vec![
            ent(0, "e1", "PERSON"),
            ent(1, "e2\"<x>", "ORG"),
            ent(2, "e3", "PERSON"),
            ent(3, "e4", "ORG"),
        ],
        relations: vec![
            rel("FOUNDED", "e1", "e2\"<x>"),
            rel("LEFT", "e3", "e4"),
            rel("FELL_OUT_WITH", "e1", "e3"),
        ],
        ..Default::default()
    };
    (doc, text)
}

#[test]
fn hostile_names_come_out_escaped_in_svg() {
    let (doc, _) = hostile();
    let out = svg_of(&doc);
    assert!(!out.contains("<b>") && !out.contains("<script"));
    let tree = roxmltree::Document::parse(&out).expect("valid XML");
    assert_eq!(
        tree.descendants()
            .filter(|n| n.attribute("class") == Some("node"))
            .count(),
        4
    );
    let names = node_names(&out);
    for h in HOSTILE {
        // Drawn names are on one line; long ones may wrap onto several text lines.
        assert!(
            names.contains(&escape::one_line(h)),
            "{h:?} not in {names:?}"
        );
    }
    assert!(
        tree.descendants()
            .any(|n| n.attribute("data-entity") == Some("e2\"<x>"))
    );
}

#[test]
fn hostile_names_come_out_escaped_in_graphml() {
    let (doc, _) = hostile();
    let out = graphml::graphml(&doc);
    assert!(!out.contains("<b>") && !out.contains("<script"));
    let tree = roxmltree::Document::parse(&out).expect("valid XML");
    let names: Vec<&str> = tree
        .descendants()
        .filter(|n| n.attribute("key") == Some("name"))
        .filter_map(|n| n.text())
        .collect();
    // Exactly the input, newlines and tabs included.
    for h in HOSTILE {
        assert!(names.contains(&h), "{h:?} not in {names:?}");
    }
    assert!(
        tree.descendants()
            .any(|n| n.attribute("target") == Some("e2\"<x>"))
    );
    assert!(tree.descendants().any(|n| n.text() == Some("2019<\"")));
}

#[test]
fn hostile_names_come_out_escaped_in_html() {
    let (doc, text) = hostile();
    let page = html::html(&doc, &text, &Default::default()).unwrap();
    assert_eq!(page.matches("<script").count(), 1, "only our own script");
    assert!(!page.contains("<b>"));
    assert!(!page.contains("'x'"), "quotes escaped");
    assert!(page.contains("Jean &quot;Le &lt;b&gt;Boss&lt;/b&gt;&quot; Dupont"));
    assert!(page.contains("lang=\"fr&quot;&gt;&lt;script&gt;\""));
    // The four mentions are highlighted even so.
    assert_eq!(page.matches("<mark class=\"ent\"").count(), 4);
}

#[test]
fn hostile_names_come_out_escaped_in_dot() {
    let (doc, _) = hostile();
    let out = export::dot::dot(&doc);
    let parsed = graphviz_rust::parse(&out).expect("valid DOT");
    let graphviz_rust::dot_structures::Graph::DiGraph { stmts, .. } = parsed else {
        panic!("a digraph")
    };
    let nodes = stmts
        .iter()
        .filter(|s| matches!(s, graphviz_rust::dot_structures::Stmt::Node(_)))
        .count();
    let edges = stmts
        .iter()
        .filter(|s| matches!(s, graphviz_rust::dot_structures::Stmt::Edge(_)))
        .count();
    assert_eq!((nodes, edges), (4, 3));
    assert!(
        out.contains(r#"label="Jean \"Le <b>Boss</b>\" Dupont""#),
        "{out}"
    );
    assert!(
        out.contains(r#"label="Line\nBreak, Comma; Semi|Pipe""#),
        "{out}"
    );
    assert!(out.contains(r#"\\Back\\slash"#), "{out}");
}

#[test]
fn hostile_names_come_out_escaped_in_csv() {
    let (doc, _) = hostile();
    for (name, text) in csv::files(&doc) {
        let rows = read_csv(&text);
        assert_eq!(text.lines().count(), rows.len());
        for r in &rows {
            assert_eq!(r.len(), rows[0].len(), "{name}: {r:?}");
        }
        if name.contains("nodes") {
            assert_eq!(rows.len(), 5);
            let names: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
            for h in HOSTILE {
                assert!(
                    names.contains(&escape::one_line(h).as_str()),
                    "{name}: {h:?}"
                );
            }
            // Aliases: one array, split on |, that a name's own | cannot break.
            assert!(rows.iter().all(|r| r[3].split('|').count() <= 1));
        } else {
            assert_eq!(rows.len(), 4);
        }
    }
}

#[test]
fn json_and_every_format_render_the_hostile_document() {
    let (doc, text) = hostile();
    for f in ["json", "dot", "svg", "html", "graphml"] {
        let format: Format = f.parse().unwrap();
        let out = export::render(&doc, format, &text).unwrap();
        assert!(!out.is_empty(), "{f}");
    }
    assert!(export::render(&doc, Format::Csv, &text).is_err());
}

#[test]
fn filters_apply_to_every_format() {
    let doc = seed();
    let opts = Options {
        filter: Filter {
            relations: Some(vec!["FOUNDED".into()]),
            drop_isolated: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let founded = doc.relations.iter().filter(|r| r.kind == "FOUNDED").count();
    let Output::One(g) = export::render_with(&doc, Format::Graphml, SEED, &opts).unwrap() else {
        panic!()
    };
    let g = String::from_utf8(g).unwrap();
    assert_eq!(g.matches("<edge ").count(), founded);
    assert!(!g.contains(">WORKED_AT<"));
    let Output::One(s) = export::render_with(&doc, Format::Svg, SEED, &opts).unwrap() else {
        panic!()
    };
    let s = String::from_utf8(s).unwrap();
    assert!(!s.contains("no relation found"), "isolated nodes dropped");
    assert_eq!(s.matches("class=\"edge\"").count(), founded);
    let Output::Files(files) = export::render_with(&doc, Format::Csv, SEED, &opts).unwrap() else {
        panic!()
    };
    assert_eq!(
        files[1].1.iter().filter(|&&b| b == b'\n').count(),
        founded + 1
    );
}

#[test]
fn layout_survives_awkward_graphs() {
    // Self-loops, parallel and opposite edges, cycles, a clique, unknown types.
    let mut seed: u64 = 7;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    for n in [1u64, 2, 3, 8, 25] {
        let entities = (0..n)
            .map(|i| EntityOut {
                id: format!("e{i}"),
                kind: ["PERSON", "ORG", "PRODUCT"][(i % 3) as usize].into(),
                name: format!("Entity number {i}"),
                ..Default::default()
            })
            .collect();
        let relations = (0..n * 2)
            .map(|_| RelationOut {
                kind: ["FOUNDED", "FELL_OUT_WITH", "WORKED_AT", "INVESTED_IN"][next(4) as usize]
                    .into(),
                source: format!("e{}", next(n)),
                target: format!("e{}", next(n)),
                confidence: 0.5,
                ..Default::default()
            })
            .collect();
        let doc = Document {
            schema: 1,
            entities,
            relations,
            ..Default::default()
        };
        let out = svg_of(&doc);
        roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{n} nodes: {e}"));
    }
    // And the empty document.
    let out = svg_of(&Document::default());
    roxmltree::Document::parse(&out).unwrap();
}

fn nergraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nergraph"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn cli_csv_writes_a_directory_with_filters() {
    let dir = std::env::temp_dir().join(format!("nergraph-csv-{}", std::process::id()));
    let d = dir.to_str().unwrap();
    let out = nergraph(&[
        "extract",
        "fixtures/musk-ai-giants.fr.txt",
        "--format",
        "csv",
        "-o",
        d,
        "--relations",
        "founded,left",
        "--min-confidence",
        "0.85",
        "--drop-isolated",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let edges = std::fs::read_to_string(dir.join("edges.csv")).unwrap();
    let rows = read_csv(&edges);
    assert!(rows.len() > 1);
    for r in &rows[1..] {
        assert!(r[3] == "FOUNDED" || r[3] == "LEFT", "{r:?}");
        assert!(r[6].parse::<f32>().unwrap() >= 0.85, "{r:?}");
    }
    let nodes = read_csv(&std::fs::read_to_string(dir.join("nodes.csv")).unwrap());
    let linked: Vec<&str> = rows[1..]
        .iter()
        .flat_map(|r| [r[0].as_str(), r[1].as_str()])
        .collect();
    assert!(nodes[1..].iter().all(|n| linked.contains(&n[0].as_str())));
    assert!(dir.join("neo4j-edges.csv").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cli_rejects_bad_export_arguments() {
    for args in [
        &[
            "extract",
            "fixtures/musk-ai-giants.fr.txt",
            "--format",
            "csv",
        ][..],
        &[
            "extract",
            "fixtures/musk-ai-giants.fr.txt",
            "--min-confidence",
            "2",
        ],
        &[
            "extract",
            "fixtures/musk-ai-giants.fr.txt",
            "--types",
            "PERSON;ORG",
        ],
        &[
            "extract",
            "fixtures/musk-ai-giants.fr.txt",
            "--engine",
            "neato",
        ],
    ] {
        let out = nergraph(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn cli_svg_to_stdout_with_type_filter() {
    let out = nergraph(&[
        "extract",
        "fixtures/musk-ai-giants.fr.txt",
        "--format",
        "svg",
        "--types",
        "PERSON",
    ]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    let tree = roxmltree::Document::parse(&s).unwrap();
    assert!(
        tree.descendants()
            .filter(|n| n.attribute("class") == Some("edge"))
            .all(|e| e.attribute("data-rel").is_some())
    );
    assert!(!s.contains(">OpenAI<"), "organisations filtered out");
    assert!(s.contains(">Elon Musk<"));
}
