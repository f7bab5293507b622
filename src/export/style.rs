//! Colours and shapes shared by the DOT, SVG and HTML exporters, so a type
//! looks the same everywhere.

/// How a node type is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeStyle {
    /// "ellipse", "box" (rounded rectangle), "note" or "hexagon".
    pub shape: &'static str,
    /// Fill colour.
    pub fill: &'static str,
    /// Border colour.
    pub stroke: &'static str,
}

/// The style of an entity type: people blue ellipses, organisations orange
/// rounded boxes, dates green notes, anything else grey hexagons.
pub fn node_style(kind: &str) -> NodeStyle {
    match kind {
        "PERSON" => NodeStyle {
            shape: "ellipse",
            fill: "#cfe2ff",
            stroke: "#3566a8",
        },
        "ORG" => NodeStyle {
            shape: "box",
            fill: "#ffe5b4",
            stroke: "#b86e00",
        },
        "DATE" | "DURATION" => NodeStyle {
            shape: "note",
            fill: "#e2f0d9",
            stroke: "#4d7c3a",
        },
        _ => NodeStyle {
            shape: "hexagon",
            fill: "#eeeeee",
            stroke: "#777777",
        },
    }
}

/// The colour of a relation type.
pub fn edge_color(kind: &str) -> &'static str {
    match kind {
        "WORKED_AT" => "#1f4e9c",
        "FOUNDED" => "#2e7d32",
        "LEFT" => "#8a6500",
        "ACQUIRED" => "#6a1b9a",
        "FELL_OUT_WITH" => "#c62828",
        _ => "#444444",
    }
}

/// Whether a relation type is symmetric (drawn without an arrowhead, dashed).
pub fn symmetric(kind: &str) -> bool {
    kind == "FELL_OUT_WITH"
}

/// The label of an edge: its type, and its date when it has one.
pub fn edge_label(kind: &str, date: Option<&str>) -> String {
    match date {
        Some(d) => format!("{kind} ({d})"),
        None => kind.to_string(),
    }
}

/// A light highlight colour for entity number `i` (HTML mentions), by type:
/// people in blues and violets, organisations in oranges and yellows, so the
/// type shows and each entity still has its own shade.
pub fn entity_highlight(kind: &str, i: usize) -> &'static str {
    const PERSON: [&str; 8] = [
        "#bcd7ff", "#d9c8ff", "#b8ecf5", "#c9d4f2", "#e6c8f0", "#a9e0ff", "#cfd0ff", "#c2e5ff",
    ];
    const ORG: [&str; 8] = [
        "#ffd8a8", "#ffeaa0", "#ffc9b5", "#f7dca0", "#ffd0d0", "#f3e3b0", "#ffc48a", "#fbe1c6",
    ];
    match kind {
        "PERSON" => PERSON[i % PERSON.len()],
        "ORG" => ORG[i % ORG.len()],
        "DATE" | "DURATION" => "#d6efc7",
        _ => "#e4e4e4",
    }
}
