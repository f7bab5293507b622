//! SVG diagrams, laid out in pure Rust.
//!
//! The built-in engine lays the graph out with the `layout-rs` crate (a
//! Graphviz-like layered layout in which every edge label is a node of its own,
//! so labels get room and do not overlap), measures every text with the
//! embedded Noto Sans metrics ([`super::font`]), and draws the picture itself:
//! people as blue ellipses, organisations as orange rounded boxes, other types
//! as green notes or grey hexagons; edges coloured by type and labelled with
//! type and date; FELL_OUT_WITH red, dashed, with no arrowhead. Entities with
//! no relation are listed in a row under the graph, and a legend explains
//! shapes and colours. With [`Engine::Dot`], Graphviz's `dot` (when on the
//! PATH) lays out and draws the DOT of [`super::dot::dot`] instead.
//!
//! Every node is a `<g class="node" data-entity="e1">` and every edge a
//! `<g class="edge" data-rel="0">` (the relation's index in the document), so
//! a page can script them (see [`super::html`]).

use super::{escape, font, style};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::graph::EntityGraph;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use petgraph::visit::EdgeRef;
use std::fmt::Write;
use std::str::FromStr;

/// Which program lays the graph out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    /// The built-in pure-Rust layout (`layout-rs`); needs nothing installed.
    #[default]
    Builtin,
    /// Graphviz's `dot`, which must be on the PATH.
    Dot,
}

impl FromStr for Engine {
    type Err = Error;
    fn from_str(s: &str) -> Result<Engine> {
        match s.to_ascii_lowercase().as_str() {
            "builtin" | "rust" => Ok(Engine::Builtin),
            "dot" | "graphviz" => Ok(Engine::Dot),
            _ => Err(Error::bad_argument(format!(
                "unknown engine '{s}' (expected builtin or dot)"
            ))),
        }
    }
}

/// Options of the SVG (and PNG) exporters.
#[derive(Clone, Debug, Default)]
pub struct SvgOptions {
    /// The layout engine.
    pub engine: Engine,
    /// A title drawn above the graph.
    pub title: Option<String>,
}

/// Font size of node names, in pixels.
const NAME_PX: f64 = 15.0;
/// Font size of edge labels.
const LABEL_PX: f64 = 12.0;
/// Line height of edge labels.
const LABEL_LINE: f64 = 15.0;
/// Margin around the picture.
const MARGIN: f64 = 24.0;
/// Widest a node name may be before it wraps.
const NAME_WRAP_PX: f64 = 210.0;

/// A laid-out node.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    /// Entity id.
    pub id: String,
    /// Entity type.
    pub kind: String,
    /// The name, wrapped into lines.
    pub lines: Vec<String>,
    /// Centre.
    pub x: f64,
    /// Centre.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// In the row of entities with no relation.
    pub isolated: bool,
}

/// A laid-out edge.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgePath {
    /// Index of the relation in the document.
    pub rel: usize,
    /// Relation type.
    pub kind: String,
    /// Label lines (type, then date).
    pub lines: Vec<String>,
    /// Cubic Bézier path: the start point, then (control, control, end) triples.
    pub points: Vec<(f64, f64)>,
    /// Arrowheads at the start and at the end.
    pub heads: (bool, bool),
    /// Centre of the label.
    pub label: (f64, f64),
    /// Size of the label box.
    pub label_size: (f64, f64),
}

/// A text box of a [`Diagram`]: what it is, and its rectangle (x, y, w, h).
pub type TextBox = (String, (f64, f64, f64, f64));

/// A diagram laid out by the built-in engine: every shape and label in pixels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagram {
    /// Width of the picture.
    pub width: f64,
    /// Height of the picture.
    pub height: f64,
    /// Nodes.
    pub nodes: Vec<NodeBox>,
    /// Edges.
    pub edges: Vec<EdgePath>,
    /// Where the row of entities without relations starts (its caption's baseline).
    pub isolated_caption: Option<f64>,
    /// Top of the legend.
    pub legend_y: f64,
    /// Title, if any, and its baseline.
    pub title: Option<String>,
}

impl Diagram {
    /// Every text-bearing box: nodes and edge labels.
    pub fn text_boxes(&self) -> Vec<TextBox> {
        let mut out: Vec<TextBox> = self
            .nodes
            .iter()
            .map(|n| {
                (
                    format!("node {}", n.id),
                    (n.x - n.w / 2.0, n.y - n.h / 2.0, n.w, n.h),
                )
            })
            .collect();
        out.extend(self.edges.iter().map(|e| {
            (
                format!("label of relation {}", e.rel),
                (
                    e.label.0 - e.label_size.0 / 2.0,
                    e.label.1 - e.label_size.1 / 2.0,
                    e.label_size.0,
                    e.label_size.1,
                ),
            )
        }));
        out
    }

    /// Pairs of text boxes that overlap (empty when the picture is legible).
    pub fn overlaps(&self) -> Vec<(String, String)> {
        let boxes = self.text_boxes();
        let mut out = Vec::new();
        for (i, (a, ra)) in boxes.iter().enumerate() {
            for (b, rb) in &boxes[i + 1..] {
                let sep = ra.0 + ra.2 <= rb.0
                    || rb.0 + rb.2 <= ra.0
                    || ra.1 + ra.3 <= rb.1
                    || rb.1 + rb.3 <= ra.1;
                if !sep {
                    out.push((a.clone(), b.clone()));
                }
            }
        }
        out
    }
}

/// Records what layout-rs draws, to draw it again our way.
#[derive(Default)]
struct Recorder {
    /// (node index, centre, size)
    nodes: Vec<(usize, Point, Point)>,
    /// (edge index, centre of the label)
    labels: Vec<(usize, Point)>,
    /// (edge index, path, heads)
    arrows: Vec<(usize, Vec<(Point, Point)>, (bool, bool))>,
}

fn tagged(properties: &Option<String>, prefix: char) -> Option<usize> {
    properties.as_deref()?.strip_prefix(prefix)?.parse().ok()
}

impl RenderBackend for Recorder {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        _look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        if let Some(i) = tagged(&properties, 'n') {
            let centre = Point::new(xy.x + size.x / 2.0, xy.y + size.y / 2.0);
            self.nodes.push((i, centre, size));
        }
    }

    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}

    fn draw_circle(&mut self, xy: Point, size: Point, _: &StyleAttr, properties: Option<String>) {
        if let Some(i) = tagged(&properties, 'n') {
            self.nodes.push((i, xy, size));
        }
    }

    fn draw_text(&mut self, xy: Point, _text: &str, look: &StyleAttr) {
        // Edge labels carry their edge's index + 1 in `rounded` (see `arrow`).
        if look.rounded > 0 {
            self.labels.push((look.rounded - 1, xy));
        }
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _dashed: bool,
        head: (bool, bool),
        _look: &StyleAttr,
        properties: Option<String>,
        _text: &str,
    ) {
        if let Some(i) = tagged(&properties, 'e') {
            self.arrows.push((i, path.to_vec(), head));
        }
    }

    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

/// A node name wrapped into lines no wider than [`NAME_WRAP_PX`] (at most
/// three; a longer name ends with "…").
fn wrap_name(name: &str) -> Vec<String> {
    let name = escape::one_line(name);
    if name.is_empty() {
        return vec!["?".to_string()];
    }
    let mut lines: Vec<String> = Vec::new();
    for word in name.split(' ') {
        match lines.last_mut() {
            Some(l) if font::text_width(&format!("{l} {word}"), NAME_PX, true) <= NAME_WRAP_PX => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    for l in &mut lines {
        while font::text_width(l, NAME_PX, true) > NAME_WRAP_PX * 1.3 && l.chars().count() > 2 {
            l.pop();
            l.pop();
            l.push('…');
        }
    }
    if lines.len() > 3 {
        lines.truncate(3);
        lines[2].push('…');
    }
    lines
}

fn node_size(kind: &str, lines: &[String]) -> (f64, f64) {
    let tw = lines
        .iter()
        .map(|l| font::text_width(l, NAME_PX, true))
        .fold(0.0, f64::max)
        * 1.06;
    let th = lines.len() as f64 * (NAME_PX * 1.25);
    match style::node_style(kind).shape {
        "ellipse" => (tw * 1.12 + 34.0, th * 1.2 + 18.0),
        "hexagon" => (tw + 44.0, th + 16.0),
        _ => (tw + 26.0, th + 16.0),
    }
}

fn edge_lines(kind: &str, date: Option<&str>) -> Vec<String> {
    let mut lines = vec![escape::one_line(kind)];
    if let Some(d) = date {
        lines.push(escape::one_line(d));
    }
    lines
}

fn label_size(lines: &[String]) -> (f64, f64) {
    let w = lines
        .iter()
        .enumerate()
        .map(|(i, l)| font::text_width(l, LABEL_PX, i == 0))
        .fold(0.0, f64::max);
    // 6% slack for viewers that draw with a wider fallback font.
    (w * 1.06 + 10.0, lines.len() as f64 * LABEL_LINE + 4.0)
}

/// The layout-rs arrow of an edge; its label is a placeholder as wide (in
/// layout-rs's one-em-per-character measure) as the real label.
fn arrow(i: usize, kind: &str, lines: &[String], reversed: bool) -> Arrow {
    let (w, h) = label_size(lines);
    let em = LABEL_LINE;
    let cols = (w / em).ceil().max(1.0) as usize;
    let rows = (h / em).round().max(1.0) as usize;
    let placeholder = vec!["x".repeat(cols); rows].join("\n");
    let mut look = StyleAttr::simple();
    look.font_size = em as usize;
    look.rounded = i + 1;
    look.line_color = Color::fast("black");
    let sym = style::symmetric(kind);
    let (start, end) = match (sym, reversed) {
        (true, _) => (LineEndKind::None, LineEndKind::None),
        (false, false) => (LineEndKind::None, LineEndKind::Arrow),
        (false, true) => (LineEndKind::Arrow, LineEndKind::None),
    };
    let line = if sym {
        LineStyleKind::Dashed
    } else {
        LineStyleKind::Normal
    };
    Arrow::with_properties(
        start,
        end,
        line,
        &placeholder,
        &look,
        format!("e{i}"),
        &None,
        &None,
    )
}

/// Lay `doc`'s graph out with the built-in engine.
///
/// ```
/// let ex = nergraph::Extractor::builtin()?;
/// let doc = ex.extract("Larry Page a fondé Google en 1998.", &Default::default())?;
/// let d = nergraph::export::svg::layout(&doc, None)?;
/// assert_eq!(d.nodes.len(), 2);
/// assert!(d.overlaps().is_empty());
/// # Ok::<(), nergraph::Error>(())
/// ```
pub fn layout(doc: &Document, title: Option<&str>) -> Result<Diagram> {
    let g = EntityGraph::new(doc);
    let rel_index = |r: &crate::document::RelationOut| {
        doc.relations
            .iter()
            .position(|x| std::ptr::eq(x, r))
            .unwrap_or(0)
    };
    let mut nodes: Vec<NodeBox> = g
        .graph
        .node_indices()
        .map(|n| {
            let e = g.graph[n];
            let lines = wrap_name(&e.name);
            let (w, h) = node_size(&e.kind, &lines);
            NodeBox {
                id: e.id.clone(),
                kind: e.kind.clone(),
                lines,
                x: 0.0,
                y: 0.0,
                w,
                h,
                isolated: g.graph.neighbors_undirected(n).next().is_none(),
            }
        })
        .collect();
    let mut edges: Vec<EdgePath> = g
        .graph
        .edge_references()
        .map(|e| {
            let r = *e.weight();
            let lines = edge_lines(&r.kind, r.date.as_deref());
            let label_size = label_size(&lines);
            EdgePath {
                rel: rel_index(r),
                kind: r.kind.clone(),
                lines,
                points: Vec::new(),
                heads: (false, false),
                label: (0.0, 0.0),
                label_size,
            }
        })
        .collect();

    // The connected part, through layout-rs.
    let mut rec = Recorder::default();
    if !edges.is_empty() {
        let mut vg = VisualGraph::new(Orientation::LeftToRight);
        let mut handle = vec![None; nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            if n.isolated {
                continue;
            }
            let shape = if style::node_style(&n.kind).shape == "ellipse" {
                ShapeKind::new_circle("")
            } else {
                ShapeKind::new_box("")
            };
            let el = Element::create_with_properties(
                shape,
                StyleAttr::simple(),
                Orientation::LeftToRight,
                Point::new(n.w, n.h),
                format!("n{i}"),
            );
            handle[i] = Some(vg.add_node(el));
        }
        for (i, e) in g.graph.edge_references().enumerate() {
            let (a, b) = (e.source().index(), e.target().index());
            let (Some(ha), Some(hb)) = (handle[a], handle[b]) else {
                continue;
            };
            vg.add_edge(arrow(i, &edges[i].kind, &edges[i].lines, false), ha, hb);
        }
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            vg.do_it(false, false, false, &mut rec);
        }))
        .map_err(|_| {
            Error::bad_argument("the built-in layout failed on this graph; try --engine dot")
        })?;
    }
    for &(i, c, s) in &rec.nodes {
        if let Some(n) = nodes.get_mut(i) {
            n.x = c.x;
            n.y = c.y;
            // layout-rs may round sizes; keep ours unless it grew them.
            n.w = n.w.max(s.x.min(n.w * 1.5));
            n.h = n.h.max(s.y.min(n.h * 1.5));
        }
    }
    for (i, c) in &rec.labels {
        if let Some(e) = edges.get_mut(*i) {
            e.label = (c.x, c.y);
        }
    }
    for (i, path, heads) in &rec.arrows {
        let Some(e) = edges.get_mut(*i) else { continue };
        e.heads = if style::symmetric(&e.kind) {
            (false, false)
        } else {
            *heads
        };
        e.points = bezier(path);
    }
    center_labels_on_edges(&nodes, &mut edges, &rec);

    // Bounding box of the connected part; move it to the margin.
    let mut min = (f64::INFINITY, f64::INFINITY);
    let mut max = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut grow = |x: f64, y: f64| {
        min = (min.0.min(x), min.1.min(y));
        max = (max.0.max(x), max.1.max(y));
    };
    for n in nodes.iter().filter(|n| !n.isolated) {
        grow(n.x - n.w / 2.0, n.y - n.h / 2.0);
        grow(n.x + n.w / 2.0, n.y + n.h / 2.0);
    }
    for e in &edges {
        grow(
            e.label.0 - e.label_size.0 / 2.0,
            e.label.1 - e.label_size.1 / 2.0,
        );
        grow(
            e.label.0 + e.label_size.0 / 2.0,
            e.label.1 + e.label_size.1 / 2.0,
        );
        for &(x, y) in &e.points {
            grow(x, y);
        }
    }
    let top = MARGIN + if title.is_some() { 34.0 } else { 0.0 };
    let (graph_w, graph_h) = if min.0.is_finite() {
        (max.0 - min.0, max.1 - min.1)
    } else {
        (0.0, 0.0)
    };
    let (dx, dy) = (MARGIN - min.0, top - min.1);
    if min.0.is_finite() {
        for n in nodes.iter_mut().filter(|n| !n.isolated) {
            n.x += dx;
            n.y += dy;
        }
        for e in &mut edges {
            e.label = (e.label.0 + dx, e.label.1 + dy);
            for p in &mut e.points {
                *p = (p.0 + dx, p.1 + dy);
            }
        }
    }
    let legend_w = legend_width(&nodes, &edges);
    let mut width = (graph_w + 2.0 * MARGIN)
        .max(legend_w + 2.0 * MARGIN)
        .max(480.0);
    let mut y = top + graph_h + if graph_h > 0.0 { 28.0 } else { 0.0 };

    // Entities without relations, in rows.
    let mut isolated_caption = None;
    if nodes.iter().any(|n| n.isolated) {
        isolated_caption = Some(y + 14.0);
        y += 26.0;
        let mut x = MARGIN;
        let mut row_h: f64 = 0.0;
        let row_w = width.max(graph_w + 2.0 * MARGIN);
        for n in nodes.iter_mut().filter(|n| n.isolated) {
            if x > MARGIN && x + n.w > row_w - MARGIN {
                x = MARGIN;
                y += row_h + 12.0;
                row_h = 0.0;
            }
            n.x = x + n.w / 2.0;
            n.y = y + n.h / 2.0;
            x += n.w + 12.0;
            row_h = row_h.max(n.h);
            width = width.max(x - 12.0 + MARGIN);
        }
        y += row_h + 24.0;
    }
    let legend_y = y;
    let height = legend_y + legend_height() + MARGIN;
    Ok(Diagram {
        width: width.ceil(),
        height: height.ceil(),
        nodes,
        edges,
        isolated_caption,
        legend_y,
        title: title.map(escape::one_line),
    })
}

/// layout-rs reserves room for a label at its connector's middle, but routes
/// the edge through the connector's side; move each label onto its edge (the
/// point where the path crosses the connector) when it fits there without
/// touching another label or a node.
fn center_labels_on_edges(nodes: &[NodeBox], edges: &mut [EdgePath], rec: &Recorder) {
    let rect = |c: (f64, f64), s: (f64, f64)| (c.0 - s.0 / 2.0, c.1 - s.1 / 2.0, s.0, s.1);
    let hit = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| {
        !(a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1)
    };
    for (i, path, _) in &rec.arrows {
        let Some(pass) = path.get(1).map(|p| (p.1.x, p.1.y)) else {
            continue;
        };
        if path.len() < 3 || *i >= edges.len() {
            continue;
        }
        let want = rect(pass, edges[*i].label_size);
        let blocked = nodes
            .iter()
            .filter(|n| !n.isolated)
            .any(|n| hit(want, rect((n.x, n.y), (n.w, n.h))))
            || edges
                .iter()
                .enumerate()
                .any(|(j, o)| j != *i && hit(want, rect(o.label, o.label_size)));
        if !blocked {
            edges[*i].label = pass;
        }
    }
}

/// layout-rs's path (an exit vector, then entry vectors) as a cubic Bézier:
/// start, then (control 1, control 2, end) for each segment, with the first
/// control point of later segments mirrored from the previous one.
fn bezier(path: &[(Point, Point)]) -> Vec<(f64, f64)> {
    let p = |q: Point| (q.x, q.y);
    let mut out = Vec::new();
    if path.len() < 2 {
        return out;
    }
    out.push(p(path[0].0));
    out.push(p(path[0].1));
    out.push(p(path[1].0));
    out.push(p(path[1].1));
    for w in path.windows(2).skip(1) {
        let (prev_c, prev_end) = (w[0].0, w[0].1);
        let mirrored = (2.0 * prev_end.x - prev_c.x, 2.0 * prev_end.y - prev_c.y);
        out.push(mirrored);
        out.push(p(w[1].0));
        out.push(p(w[1].1));
    }
    out
}

fn path_d(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        let cmd = match i {
            0 => "M",
            1 => " C",
            _ if (i - 1) % 3 == 0 => " C",
            _ => "",
        };
        let _ = write!(d, "{cmd} {x:.1},{y:.1}");
    }
    d
}

/// Node types present, in a fixed order, then the others.
fn node_kinds(nodes: &[NodeBox]) -> Vec<String> {
    let mut kinds: Vec<String> = Vec::new();
    for k in ["PERSON", "ORG", "DATE"] {
        if nodes.iter().any(|n| n.kind == k) {
            kinds.push(k.to_string());
        }
    }
    for n in nodes {
        if !kinds.contains(&n.kind) {
            kinds.push(n.kind.clone());
        }
    }
    kinds
}

/// Relation types present, in a fixed order, then the others.
fn edge_kinds(edges: &[EdgePath]) -> Vec<String> {
    let mut kinds: Vec<String> = Vec::new();
    for k in ["WORKED_AT", "FOUNDED", "LEFT", "ACQUIRED", "FELL_OUT_WITH"] {
        if edges.iter().any(|e| e.kind == k) {
            kinds.push(k.to_string());
        }
    }
    for e in edges {
        if !kinds.contains(&e.kind) {
            kinds.push(e.kind.clone());
        }
    }
    kinds
}

const LEGEND_PX: f64 = 12.0;

fn legend_items(nodes: &[NodeBox], edges: &[EdgePath]) -> Vec<(bool, String, f64)> {
    let mut items = Vec::new();
    for k in node_kinds(nodes) {
        let k = escape::one_line(&k);
        let w = 30.0 + font::text_width(&k, LEGEND_PX, false) + 18.0;
        items.push((true, k, w));
    }
    for k in edge_kinds(edges) {
        let k = escape::one_line(&k);
        let w = 40.0 + font::text_width(&k, LEGEND_PX, false) + 18.0;
        items.push((false, k, w));
    }
    items
}

fn legend_width(nodes: &[NodeBox], edges: &[EdgePath]) -> f64 {
    legend_items(nodes, edges).iter().map(|i| i.2).sum::<f64>() + 70.0
}

fn legend_height() -> f64 {
    34.0
}

fn marker_id(kind: &str, start: bool) -> String {
    let c = style::edge_color(kind).trim_start_matches('#');
    format!("{}{c}", if start { "as" } else { "ae" })
}

fn node_shape(out: &mut String, kind: &str, x: f64, y: f64, w: f64, h: f64) {
    let s = style::node_style(kind);
    let (l, t) = (x - w / 2.0, y - h / 2.0);
    let paint = format!(
        r#"fill="{}" stroke="{}" stroke-width="1.5""#,
        s.fill, s.stroke
    );
    match s.shape {
        "ellipse" => {
            let _ = write!(
                out,
                r#"<ellipse cx="{x:.1}" cy="{y:.1}" rx="{:.1}" ry="{:.1}" {paint}/>"#,
                w / 2.0,
                h / 2.0
            );
        }
        "box" => {
            let _ = write!(
                out,
                r#"<rect x="{l:.1}" y="{t:.1}" width="{w:.1}" height="{h:.1}" rx="6" {paint}/>"#
            );
        }
        "note" => {
            let f = (h / 4.0).min(10.0);
            let _ = write!(
                out,
                r#"<path d="M{l:.1},{t:.1} H{:.1} L{:.1},{:.1} V{:.1} H{l:.1} Z" {paint}/>"#,
                l + w - f,
                l + w,
                t + f,
                t + h
            );
        }
        _ => {
            let i = (h / 2.0).min(14.0);
            let _ = write!(
                out,
                r#"<path d="M{:.1},{t:.1} H{:.1} L{:.1},{y:.1} L{:.1},{:.1} H{:.1} L{l:.1},{y:.1} Z" {paint}/>"#,
                l + i,
                l + w - i,
                l + w,
                l + w - i,
                t + h,
                l + i
            );
        }
    }
}

fn text_lines(
    out: &mut String,
    x: f64,
    y: f64,
    lines: &[String],
    px: f64,
    line_h: f64,
    attrs: &str,
) {
    let top = y - line_h * lines.len() as f64 / 2.0;
    for (i, l) in lines.iter().enumerate() {
        let base = top + line_h * i as f64 + line_h / 2.0 + px * 0.36;
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{base:.1}" text-anchor="middle" font-size="{px}" {attrs}>{}</text>"#,
            escape::xml(l)
        );
    }
}

/// Draw a laid-out [`Diagram`] as SVG.
pub fn draw(d: &Diagram, doc: &Document) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{}" class="nergraph">"#,
        escape::xml(font::STACK),
        w = d.width,
        h = d.height
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "<title>{}</title>",
        escape::xml(d.title.as_deref().unwrap_or("nergraph entity graph"))
    );
    // Markers, one pair per colour used.
    out.push_str("<defs>");
    let mut kinds = edge_kinds(&d.edges);
    kinds.dedup();
    for k in &kinds {
        let c = style::edge_color(k);
        let _ = write!(
            out,
            r#"<marker id="{}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>"#,
            marker_id(k, false)
        );
        let _ = write!(
            out,
            r#"<marker id="{}" viewBox="0 0 10 10" refX="0" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M10,0 L0,5 L10,10 z" fill="{c}"/></marker>"#,
            marker_id(k, true)
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##,
        d.width, d.height
    );
    if let Some(t) = &d.title {
        let _ = writeln!(
            out,
            r##"<text x="{MARGIN}" y="{}" font-size="20" font-weight="bold" fill="#222222">{}</text>"##,
            MARGIN + 16.0,
            escape::xml(t)
        );
    }
    // Edges under nodes and labels.
    for e in &d.edges {
        if e.points.is_empty() {
            continue;
        }
        let c = style::edge_color(&e.kind);
        let dash = if style::symmetric(&e.kind) {
            r#" stroke-dasharray="7,5""#
        } else {
            ""
        };
        let mut heads = String::new();
        if e.heads.0 {
            let _ = write!(
                heads,
                r#" marker-start="url(#{})""#,
                marker_id(&e.kind, true)
            );
        }
        if e.heads.1 {
            let _ = write!(
                heads,
                r#" marker-end="url(#{})""#,
                marker_id(&e.kind, false)
            );
        }
        let _ = writeln!(
            out,
            r#"<g class="edge" data-rel="{}"><path d="{}" fill="none" stroke="{c}" stroke-width="1.8"{dash}{heads}/></g>"#,
            e.rel,
            path_d(&e.points)
        );
    }
    for n in &d.nodes {
        let e = doc.entity(&n.id);
        let _ = write!(
            out,
            r#"<g class="node" data-entity="{}"><title>{}</title>"#,
            escape::xml(&n.id),
            escape::xml(&format!(
                "{} ({}){}",
                e.map_or("", |e| e.name.as_str()),
                n.kind,
                e.filter(|e| !e.aliases.is_empty())
                    .map(|e| format!(", also: {}", e.aliases.join(", ")))
                    .unwrap_or_default()
            ))
        );
        node_shape(&mut out, &n.kind, n.x, n.y, n.w, n.h);
        text_lines(
            &mut out,
            n.x,
            n.y,
            &n.lines,
            NAME_PX,
            NAME_PX * 1.25,
            r##"font-weight="bold" fill="#1a1a1a""##,
        );
        out.push_str("</g>\n");
    }
    for e in &d.edges {
        let c = style::edge_color(&e.kind);
        let (w, h) = e.label_size;
        let _ = write!(
            out,
            r##"<g class="edge-label" data-rel="{}"><rect x="{:.1}" y="{:.1}" width="{w:.1}" height="{h:.1}" rx="3" fill="#ffffff" fill-opacity="0.92" stroke="{c}" stroke-width="0.6"/>"##,
            e.rel,
            e.label.0 - w / 2.0,
            e.label.1 - h / 2.0
        );
        let top = e.label.1 - h / 2.0 + 2.0;
        for (i, l) in e.lines.iter().enumerate() {
            let weight = if i == 0 { r#" font-weight="bold""# } else { "" };
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="{LABEL_PX}" fill="{c}"{weight}>{}</text>"#,
                e.label.0,
                top + LABEL_LINE * i as f64 + LABEL_LINE / 2.0 + LABEL_PX * 0.36,
                escape::xml(l)
            );
        }
        out.push_str("</g>\n");
    }
    if let Some(y) = d.isolated_caption {
        let _ = writeln!(
            out,
            r##"<text x="{MARGIN}" y="{y:.1}" font-size="13" font-style="italic" fill="#666666">Also mentioned, with no relation found:</text>"##
        );
    }
    legend(&mut out, d);
    out.push_str("</svg>\n");
    out
}

fn legend(out: &mut String, d: &Diagram) {
    let items = legend_items(&d.nodes, &d.edges);
    let w: f64 = items.iter().map(|i| i.2).sum::<f64>() + 70.0;
    let (x0, y0) = (MARGIN, d.legend_y);
    let _ = write!(
        out,
        r##"<g class="legend"><rect x="{x0}" y="{y0:.1}" width="{w:.1}" height="{}" rx="4" fill="#fafafa" stroke="#cccccc"/><text x="{}" y="{:.1}" font-size="{LEGEND_PX}" font-weight="bold" fill="#333333">Legend</text>"##,
        legend_height(),
        x0 + 10.0,
        y0 + 21.0
    );
    let mut x = x0 + 70.0;
    let cy = y0 + legend_height() / 2.0;
    for (is_node, k, iw) in &items {
        if *is_node {
            node_shape(out, k, x + 12.0, cy, 24.0, 16.0);
            let _ = write!(
                out,
                r##"<text x="{:.1}" y="{:.1}" font-size="{LEGEND_PX}" fill="#333333">{}</text>"##,
                x + 30.0,
                cy + LEGEND_PX * 0.36,
                escape::xml(k)
            );
        } else {
            let c = style::edge_color(k);
            let (dash, head) = if style::symmetric(k) {
                (r#" stroke-dasharray="7,5""#, String::new())
            } else {
                (
                    "",
                    format!(r#" marker-end="url(#{})""#, marker_id(k, false)),
                )
            };
            let _ = write!(
                out,
                r#"<path d="M{:.1},{cy:.1} H{:.1}" stroke="{c}" stroke-width="1.8"{dash}{head}/><text x="{:.1}" y="{:.1}" font-size="{LEGEND_PX}" fill="{c}" font-weight="bold">{}</text>"#,
                x,
                x + 32.0,
                x + 40.0,
                cy + LEGEND_PX * 0.36,
                escape::xml(k)
            );
        }
        x += iw;
    }
    out.push_str("</g>\n");
}

/// The SVG of `doc`'s graph.
///
/// ```
/// use nergraph::export::svg::{svg, SvgOptions};
/// let ex = nergraph::Extractor::builtin()?;
/// let doc = ex.extract("Larry Page a fondé Google en 1998.", &Default::default())?;
/// let out = svg(&doc, &SvgOptions::default())?;
/// assert!(out.starts_with("<svg"));
/// assert!(out.contains("Larry Page") && out.contains("FOUNDED"));
/// # Ok::<(), nergraph::Error>(())
/// ```
pub fn svg(doc: &Document, opts: &SvgOptions) -> Result<String> {
    match opts.engine {
        Engine::Builtin => Ok(draw(&layout(doc, opts.title.as_deref())?, doc)),
        Engine::Dot => svg_with_dot(doc),
    }
}

/// The SVG Graphviz's `dot` draws for [`super::dot::dot`], without its XML
/// prologue (so it can be inlined in HTML).
pub fn svg_with_dot(doc: &Document) -> Result<String> {
    use graphviz_rust::cmd::{CommandArg, Format};
    let out = graphviz_rust::exec_dot(super::dot::dot(doc), vec![CommandArg::Format(Format::Svg)])
        .map_err(|e| {
            Error::bad_argument(format!(
                "--engine dot: running Graphviz's dot failed ({e}); is it installed? --engine builtin needs nothing"
            ))
        })?;
    let text = String::from_utf8(out)
        .map_err(|_| Error::bad_argument("--engine dot: dot wrote invalid UTF-8"))?;
    Ok(match text.find("<svg") {
        Some(i) => text[i..].to_string(),
        None => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_and_truncate() {
        assert_eq!(wrap_name("Elon Musk"), vec!["Elon Musk"]);
        assert_eq!(wrap_name("  \n "), vec!["?"]);
        let long = wrap_name(&"Word ".repeat(60));
        assert_eq!(long.len(), 3);
        assert!(long[2].ends_with('…'));
        let one = wrap_name(&"x".repeat(200));
        assert!(font::text_width(&one[0], NAME_PX, true) <= NAME_WRAP_PX * 1.3);
    }

    #[test]
    fn bezier_paths_have_segments_of_three() {
        let p = |x, y| Point::new(x, y);
        let path = vec![
            (p(0., 0.), p(10., 0.)),
            (p(20., 10.), p(30., 10.)),
            (p(40., 20.), p(50., 20.)),
        ];
        let b = bezier(&path);
        assert_eq!(b.len(), 7);
        assert_eq!((b.len() - 1) % 3, 0);
        assert_eq!(b[4], (40.0, 10.0));
        assert!(path_d(&b).starts_with("M 0.0,0.0 C 10.0,0.0 20.0,10.0 30.0,10.0 C"));
    }

    #[test]
    fn engine_names() {
        assert_eq!("dot".parse::<Engine>().unwrap(), Engine::Dot);
        assert_eq!("Builtin".parse::<Engine>().unwrap(), Engine::Builtin);
        assert!("neato".parse::<Engine>().is_err());
    }
}
