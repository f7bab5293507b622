//! A self-contained HTML report: the article with every entity mention
//! highlighted (each entity its own shade, people in blues, organisations in
//! oranges, a type tag after each mention, as spaCy's displaCy does; aliases
//! share their entity's colour), the diagram as inline SVG, a relations table
//! (source, type, target, date, confidence, evidence sentence) and an entity
//! table. Hovering an entity (in the text, the diagram or a table) lights up
//! all its mentions and its node; hovering or clicking a relation (a table row,
//! an edge or its label) highlights its evidence in the text, and a click
//! scrolls to it. No network: styles and script are inline, and everything
//! from the input is escaped (the script never builds HTML from data).

use super::escape::xml;
use super::svg::{SvgOptions, svg};
use super::{font, style};
use crate::document::Document;
use crate::error::Result;
use std::collections::HashMap;
use std::fmt::Write;

/// Options of the HTML report.
#[derive(Clone, Debug, Default)]
pub struct HtmlOptions {
    /// How the diagram is drawn.
    pub svg: SvgOptions,
    /// The page title (e.g. the article's file name).
    pub title: Option<String>,
}

const CSS: &str = r#"
:root { --fg: #1d1d1f; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { margin: 0; font-family: FONT; color: var(--fg); background: #f6f7f9; }
header { padding: 18px 28px 8px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 0 0 10px; }
.meta { color: var(--muted); font-size: 13px; margin: 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 12px 28px; }
#graph svg { max-width: 100%; width: auto; height: auto; max-height: 60vh; display: block; margin: 0 auto; }
.cols { display: flex; gap: 0; align-items: flex-start; }
.cols > .card { flex: 1 1 50%; min-width: 0; }
.cols > .card:first-child { margin-right: 6px; }
.cols > .card:last-child { margin-left: 6px; }
#text { white-space: pre-wrap; line-height: 1.9; font-size: 15px; max-height: 120vh; overflow-y: auto; }
mark.ent { border-radius: 4px; padding: 1px 3px; color: inherit; cursor: pointer; }
mark.ent .tag { font-size: 9px; font-weight: bold; letter-spacing: .03em; margin-left: 4px; padding: 0 3px; border-radius: 3px; background: rgba(255,255,255,.65); vertical-align: 1px; }
mark.ref { background: transparent; border-bottom: 2px dotted; border-radius: 0; padding: 0; }
mark.focus, .node.focus ellipse, .node.focus rect, .node.focus path { outline: 2px solid #222; stroke-width: 3; }
span.ev.hl { background: #fff3a0; box-shadow: 0 0 0 2px #fff3a0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 5px 6px; border-bottom: 1px solid #eee; }
th { background: #fafafa; position: sticky; top: 0; }
tbody tr { cursor: pointer; }
tbody tr:hover, tbody tr.sel { background: #fff8d6; }
td.ev { color: #444; }
.rtype { font-weight: bold; white-space: nowrap; }
.chip { display: inline-block; border-radius: 4px; padding: 0 5px; margin-right: 6px; font-size: 12px; }
.edge.hl path { stroke-width: 4; }
.edge-label.hl rect { stroke-width: 2; }
.node, .edge, .edge-label { cursor: pointer; }
.muted { color: var(--muted); }
footer { color: var(--muted); font-size: 12px; padding: 4px 28px 24px; }
"#;

const JS: &str = r#"
(function () {
  function all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
  function byEntity(id) { return all('[data-entity="' + CSS.escape(id) + '"]'); }
  function byRel(i) { return all('[data-rel="' + CSS.escape(i) + '"]'); }
  function focusEntity(id, on) {
    byEntity(id).forEach(function (el) { el.classList.toggle('focus', on); });
  }
  function showRel(i, on) {
    all('.ev' + i).forEach(function (el) { el.classList.toggle('hl', on); });
    byRel(i).forEach(function (el) { el.classList.toggle('hl', on); el.classList.toggle('sel', on); });
  }
  var pinned = null;
  document.addEventListener('mouseover', function (e) {
    var ent = e.target.closest('[data-entity]');
    if (ent) focusEntity(ent.getAttribute('data-entity'), true);
    var rel = e.target.closest('[data-rel]');
    if (rel) showRel(rel.getAttribute('data-rel'), true);
  });
  document.addEventListener('mouseout', function (e) {
    var ent = e.target.closest('[data-entity]');
    if (ent) focusEntity(ent.getAttribute('data-entity'), false);
    var rel = e.target.closest('[data-rel]');
    if (rel && rel.getAttribute('data-rel') !== pinned) showRel(rel.getAttribute('data-rel'), false);
  });
  var next = {};
  document.addEventListener('click', function (e) {
    var rel = e.target.closest('[data-rel]');
    if (rel) {
      var i = rel.getAttribute('data-rel');
      if (pinned !== null) showRel(pinned, false);
      pinned = i;
      showRel(i, true);
      var first = document.querySelector('.ev' + i);
      if (first) first.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    var ent = e.target.closest('[data-entity]');
    if (ent && !ent.matches('mark')) {
      var id = ent.getAttribute('data-entity');
      var marks = all('mark[data-entity="' + CSS.escape(id) + '"]');
      if (marks.length) {
        var k = (next[id] || 0) % marks.length;
        next[id] = k + 1;
        marks[k].scrollIntoView({ behavior: 'smooth', block: 'center' });
      }
    }
  });
})();
"#;

/// A highlighted span of the text.
struct Mark {
    start: usize,
    end: usize,
    entity: usize,
    reference: bool,
}

/// The article as HTML: mentions as `<mark>`, evidence as `<span class="ev evN">`.
fn article(doc: &Document, text: &str, colours: &[&str]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut marks: Vec<Mark> = Vec::new();
    for (i, e) in doc.entities.iter().enumerate() {
        for (list, reference) in [(&e.mentions, false), (&e.references, true)] {
            for m in list {
                if m.start < m.end && m.end <= n {
                    marks.push(Mark {
                        start: m.start,
                        end: m.end,
                        entity: i,
                        reference,
                    });
                }
            }
        }
    }
    // Longest first at a position; drop marks overlapping a kept one.
    marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<Mark> = Vec::new();
    for m in marks {
        if kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    let mut evidence: Vec<(usize, usize, usize)> = Vec::new();
    for (i, r) in doc.relations.iter().enumerate() {
        for ev in std::iter::once(&r.evidence).chain(&r.more_evidence) {
            let (s, e) = (ev.start.min(n), ev.end.min(n));
            if s < e {
                evidence.push((s, e, i));
            }
        }
    }
    let mut cuts: Vec<usize> = vec![0, n];
    cuts.extend(kept.iter().flat_map(|m| [m.start, m.end]));
    cuts.extend(evidence.iter().flat_map(|e| [e.0, e.1]));
    cuts.sort_unstable();
    cuts.dedup();

    let mut out = String::with_capacity(text.len() * 2);
    let mut next_mark = 0;
    let mut open: Option<&Mark> = None;
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        if open.is_none()
            && let Some(m) = kept.get(next_mark).filter(|m| m.start == s)
        {
            let ent = &doc.entities[m.entity];
            let colour = colours[m.entity];
            let class = if m.reference { "ent ref" } else { "ent" };
            let paint = if m.reference {
                format!("border-color:{}", style::node_style(&ent.kind).stroke)
            } else {
                format!("background:{colour}")
            };
            let _ = write!(
                out,
                r#"<mark class="{class}" data-entity="{}" style="{paint}" title="{}">"#,
                xml(&ent.id),
                xml(&format!("{} ({})", ent.name, ent.kind))
            );
            open = Some(m);
            next_mark += 1;
        }
        let segment: String = chars[s..e].iter().collect();
        let evs: Vec<String> = evidence
            .iter()
            .filter(|v| v.0 <= s && e <= v.1)
            .map(|v| format!("ev{}", v.2))
            .collect();
        if evs.is_empty() {
            out.push_str(&xml(&segment));
        } else {
            let _ = write!(
                out,
                r#"<span class="ev {}">{}</span>"#,
                evs.join(" "),
                xml(&segment)
            );
        }
        if let Some(m) = open.filter(|m| m.end == e) {
            if !m.reference {
                let _ = write!(
                    out,
                    r#"<span class="tag">{}</span>"#,
                    xml(&doc.entities[m.entity].kind)
                );
            }
            out.push_str("</mark>");
            open = None;
        }
    }
    out
}

/// The HTML report of `doc` over its article `text`.
///
/// ```
/// let ex = nergraph::Extractor::builtin()?;
/// let text = "Larry Page a fondé Google en 1998.";
/// let doc = ex.extract(text, &Default::default())?;
/// let page = nergraph::export::html::html(&doc, text, &Default::default())?;
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("<svg") && page.contains(r#"<mark class="ent""#));
/// # Ok::<(), nergraph::Error>(())
/// ```
pub fn html(doc: &Document, text: &str, opts: &HtmlOptions) -> Result<String> {
    let graph = svg(
        doc,
        &SvgOptions {
            title: None,
            ..opts.svg.clone()
        },
    )?;
    let mut per_type: HashMap<&str, usize> = HashMap::new();
    let colours: Vec<&str> = doc
        .entities
        .iter()
        .map(|e| {
            let k = per_type.entry(e.kind.as_str()).or_default();
            *k += 1;
            style::entity_highlight(&e.kind, *k - 1)
        })
        .collect();
    let colour_of: HashMap<&str, &str> = doc
        .entities
        .iter()
        .zip(&colours)
        .map(|(e, c)| (e.id.as_str(), *c))
        .collect();
    let title = opts.title.as_deref().unwrap_or("nergraph report");
    let mut out = String::with_capacity(text.len() * 3 + graph.len() + 20_000);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; font-src data:\">\n\
         <title>{}</title>\n<style>{}{}</style>\n</head>\n<body>\n",
        xml(&doc.lang),
        xml(title),
        font::css_font_faces(),
        CSS.replace("FONT", font::STACK)
    );
    let people = doc.entities.iter().filter(|e| e.kind == "PERSON").count();
    let orgs = doc.entities.iter().filter(|e| e.kind == "ORG").count();
    let _ = write!(
        out,
        "<header><h1>{}</h1><p class=\"meta\">language {} · document date {} · {} people · {} organisations · {} entities in all · {} relations</p></header>\n",
        xml(title),
        xml(&doc.lang),
        xml(doc.doc_date.as_deref().unwrap_or("unknown")),
        people,
        orgs,
        doc.entities.len(),
        doc.relations.len()
    );
    let _ = write!(
        out,
        "<section class=\"card\" id=\"graph\"><h2>Graph</h2>{graph}</section>\n"
    );
    // Article.
    out.push_str("<div class=\"cols\">\n<section class=\"card\" id=\"article\"><h2>Article</h2><p class=\"meta\">");
    let mut kinds: Vec<&str> = Vec::new();
    for e in &doc.entities {
        if !kinds.contains(&e.kind.as_str()) {
            kinds.push(&e.kind);
        }
    }
    for k in &kinds {
        let _ = write!(
            out,
            "<span class=\"chip\" style=\"background:{}\">{}</span>",
            style::entity_highlight(k, 0),
            xml(k)
        );
    }
    out.push_str(
        " each entity has its own shade; pronouns and descriptions that refer to one are dotted.</p>\n<div id=\"text\">",
    );
    out.push_str(&article(doc, text, &colours));
    out.push_str("</div></section>\n");
    // Relations and entities.
    out.push_str(
        "<aside class=\"card\" id=\"relations\"><h2>Relations</h2>\
         <table><thead><tr><th>Source</th><th>Type</th><th>Target</th><th>Date</th><th>Conf.</th><th>Evidence</th></tr></thead><tbody>\n",
    );
    fn name<'a>(doc: &'a Document, id: &'a str) -> &'a str {
        doc.entity(id).map_or(id, |e| e.name.as_str())
    }
    let cell = |id: &str| {
        format!(
            r#"<td data-entity="{}"><span class="chip" style="background:{}">{}</span></td>"#,
            xml(id),
            colour_of.get(id).copied().unwrap_or("#eee"),
            xml(name(doc, id))
        )
    };
    for (i, r) in doc.relations.iter().enumerate() {
        let _ = write!(
            out,
            "<tr data-rel=\"{i}\">{}<td class=\"rtype\" style=\"color:{}\">{}</td>{}<td>{}</td><td>{:.2}</td><td class=\"ev\">{}</td></tr>\n",
            cell(&r.source),
            style::edge_color(&r.kind),
            xml(&r.kind),
            cell(&r.target),
            xml(r.date.as_deref().unwrap_or("")),
            r.confidence,
            xml(&r.evidence.text)
        );
    }
    if doc.relations.is_empty() {
        out.push_str("<tr><td colspan=\"6\" class=\"muted\">No relation found.</td></tr>\n");
    }
    out.push_str(
        "</tbody></table>\n<h2 style=\"margin-top:18px\">Entities</h2>\
         <table><thead><tr><th>Name</th><th>Type</th><th>Also written</th><th>Mentions</th></tr></thead><tbody>\n",
    );
    for e in &doc.entities {
        let _ = write!(
            out,
            "<tr data-entity=\"{}\"><td><span class=\"chip\" style=\"background:{}\">{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            xml(&e.id),
            colour_of.get(e.id.as_str()).copied().unwrap_or("#eee"),
            xml(&e.name),
            xml(&e.kind),
            xml(&e.aliases.join(", ")),
            e.mentions.len()
        );
    }
    out.push_str("</tbody></table></aside>\n</div>\n");
    out.push_str(
        "<footer>Made by nergraph. Hover an entity or a relation to see it in the text; click a relation to scroll to its evidence.</footer>\n",
    );
    let _ = write!(out, "<script>{JS}</script>\n</body>\n</html>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{EntityOut, EvidenceOut, MentionOut, RelationOut};

    fn mention(start: usize, end: usize, text: &str) -> MentionOut {
        MentionOut {
            start,
            end,
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn marks_nest_inside_evidence_and_bad_offsets_are_skipped() {
        let text = "Ana a fondé Zed. Zed <b>!";
        let doc = Document {
            entities: vec![
                EntityOut {
                    id: "e1".into(),
                    kind: "PERSON".into(),
                    name: "Ana".into(),
                    mentions: vec![mention(0, 3, "Ana"), mention(40, 50, "bad")],
                    ..Default::default()
                },
                EntityOut {
                    id: "e2".into(),
                    kind: "ORG".into(),
                    name: "Zed".into(),
                    mentions: vec![mention(12, 15, "Zed"), mention(17, 20, "Zed")],
                    ..Default::default()
                },
            ],
            relations: vec![RelationOut {
                kind: "FOUNDED".into(),
                source: "e1".into(),
                target: "e2".into(),
                evidence: EvidenceOut {
                    start: 0,
                    end: 16,
                    text: "Ana a fondé Zed.".into(),
                    ..Default::default()
                },
                ..Default::default()
            }],
            ..Default::default()
        };
        let colours = ["#111", "#222"];
        let a = article(&doc, text, &colours);
        assert_eq!(a.matches("<mark").count(), 3, "{a}");
        assert_eq!(a.matches("</mark>").count(), 3);
        assert!(a.contains(r#"<span class="ev ev0">Ana</span>"#), "{a}");
        assert!(a.contains("&lt;b&gt;!"));
        assert!(!a.contains("<b>"));
        // The second Zed is outside the evidence.
        assert!(a.contains(r#"style="background:#222" title="Zed (ORG)">Zed<span class="tag">ORG</span></mark> &lt;b&gt;"#), "{a}");
    }
}
