//! Exporters. Each format is a public function of this module tree; [`render`]
//! and [`render_with`] dispatch on a [`Format`].
//!
//! | format | function | |
//! |---|---|---|
//! | JSON | [`json`] | the contract's document |
//! | DOT | [`dot::dot`] | Graphviz source |
//! | SVG | [`svg::svg`] | a diagram, laid out in pure Rust (or by Graphviz) |
//! | PNG | [`png::png`] | the same diagram as a picture (cargo feature `png`) |
//! | HTML | [`html::html`] | one self-contained page: article, diagram, relations |
//! | GraphML | [`graphml::graphml`] | for Gephi, yEd, Cytoscape |
//! | CSV | [`csv::files`] | node and edge tables for Gephi and Neo4j |
//!
//! [`Filter`] narrows a document before any of them.

pub mod csv;
pub mod dot;
pub mod escape;
pub mod filter;
pub mod font;
pub mod graphml;
pub mod html;
#[cfg(feature = "png")]
pub mod png;
pub mod style;
pub mod svg;

pub use filter::Filter;
pub use svg::{Engine, SvgOptions};

use crate::document::Document;
use crate::error::{Error, Result};
use std::str::FromStr;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// The contract's JSON.
    Json,
    /// Graphviz DOT.
    Dot,
    /// An SVG diagram.
    Svg,
    /// A PNG diagram.
    Png,
    /// A self-contained HTML report.
    Html,
    /// GraphML.
    Graphml,
    /// CSV node and edge tables (several files).
    Csv,
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "dot" | "gv" => Ok(Format::Dot),
            "svg" => Ok(Format::Svg),
            #[cfg(feature = "png")]
            "png" => Ok(Format::Png),
            #[cfg(not(feature = "png"))]
            "png" => Err(Error::bad_argument(
                "this build has no PNG output (cargo feature 'png'); use svg",
            )),
            "html" | "htm" => Ok(Format::Html),
            "graphml" => Ok(Format::Graphml),
            "csv" => Ok(Format::Csv),
            _ => Err(Error::bad_argument(format!(
                "unknown format '{s}' (expected json, dot, svg, png, html, graphml or csv)"
            ))),
        }
    }
}

impl Format {
    /// Whether the format writes several files (into a directory).
    pub fn is_multi_file(self) -> bool {
        self == Format::Csv
    }
}

/// Options shared by the exporters.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// What to keep of the document.
    pub filter: Filter,
    /// Layout engine of the SVG, PNG and HTML diagrams.
    pub engine: Engine,
    /// A title for diagrams and the HTML report (e.g. the file name).
    pub title: Option<String>,
}

/// What an exporter writes: one file, or several named files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// One file (or standard output).
    One(Vec<u8>),
    /// Several files: (file name, contents).
    Files(Vec<(String, Vec<u8>)>),
}

/// Render `doc` in a one-file `format` with default options. `text` is the
/// article (formats that show it use it). CSV writes several files: use
/// [`render_with`].
pub fn render(doc: &Document, format: Format, text: &str) -> Result<Vec<u8>> {
    match render_with(doc, format, text, &Options::default())? {
        Output::One(bytes) => Ok(bytes),
        Output::Files(_) => Err(Error::bad_argument(
            "this format writes several files; use render_with",
        )),
    }
}

/// Render `doc` in `format`, after `opts.filter`. `text` is the article (the
/// HTML report shows it; pass "" when there is none).
///
/// ```
/// use nergraph::export::{render_with, Format, Options, Output, Filter};
/// let ex = nergraph::Extractor::builtin()?;
/// let text = "Larry Page a fondé Google en 1998.";
/// let doc = ex.extract(text, &Default::default())?;
/// let opts = Options { filter: Filter { drop_isolated: true, ..Filter::default() }, ..Options::default() };
/// let Output::Files(files) = render_with(&doc, Format::Csv, text, &opts)? else { panic!() };
/// assert_eq!(files.len(), 4);
/// # Ok::<(), nergraph::Error>(())
/// ```
pub fn render_with(doc: &Document, format: Format, text: &str, opts: &Options) -> Result<Output> {
    let doc = opts.filter.apply(doc)?;
    let doc = &doc;
    let svg_opts = SvgOptions {
        engine: opts.engine,
        title: opts.title.clone(),
    };
    Ok(Output::One(match format {
        Format::Json => (json(doc) + "\n").into_bytes(),
        Format::Dot => dot::dot(doc).into_bytes(),
        Format::Svg => svg::svg(doc, &svg_opts)?.into_bytes(),
        #[cfg(feature = "png")]
        Format::Png => png::png(
            doc,
            &png::PngOptions {
                svg: svg_opts,
                ..Default::default()
            },
        )?,
        #[cfg(not(feature = "png"))]
        Format::Png => {
            return Err(Error::bad_argument(
                "this build has no PNG output (cargo feature 'png')",
            ));
        }
        Format::Html => html::html(
            doc,
            text,
            &html::HtmlOptions {
                svg: svg_opts,
                title: opts.title.clone(),
            },
        )?
        .into_bytes(),
        Format::Graphml => graphml::graphml(doc).into_bytes(),
        Format::Csv => {
            return Ok(Output::Files(
                csv::files(doc)
                    .into_iter()
                    .map(|(n, c)| (n, c.into_bytes()))
                    .collect(),
            ));
        }
    }))
}

/// The contract's JSON, pretty-printed.
///
/// ```
/// let ex = nergraph::Extractor::builtin().unwrap();
/// let doc = ex.extract("Le PDG de Globex, Marc Durand, a quitté Globex.", &nergraph::Options::default()).unwrap();
/// let json = nergraph::export::json(&doc);
/// assert!(json.contains("\"schema\": 1"));
/// ```
pub fn json(doc: &Document) -> String {
    doc.to_json_pretty()
}
