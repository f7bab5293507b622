//! PNG pictures: the SVG of [`super::svg`] rasterised with `resvg`, drawing
//! text with the embedded Noto Sans ([`super::font`]), so it needs no font,
//! Graphviz or anything else installed. System fonts are loaded only when a
//! name has characters Noto Sans lacks (CJK, for instance). Behind the
//! default-on `png` cargo feature.

use super::font;
use super::svg::{SvgOptions, svg};
use crate::document::Document;
use crate::error::{Error, Result};
use resvg::{tiny_skia, usvg};

/// The PNG signature every PNG file starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// Options of the PNG exporter.
#[derive(Clone, Debug)]
pub struct PngOptions {
    /// How the graph is drawn.
    pub svg: SvgOptions,
    /// Pixels per SVG pixel (2 gives a sharp picture for slides).
    pub scale: f32,
}

impl Default for PngOptions {
    fn default() -> PngOptions {
        PngOptions {
            svg: SvgOptions::default(),
            scale: 2.0,
        }
    }
}

/// Largest side of a picture, in pixels; larger graphs are scaled down to fit.
const MAX_SIDE: f32 = 12000.0;

/// The PNG of `doc`'s graph.
///
/// ```
/// let ex = nergraph::Extractor::builtin()?;
/// let doc = ex.extract("Larry Page a fondé Google en 1998.", &Default::default())?;
/// let png = nergraph::export::png::png(&doc, &Default::default())?;
/// assert_eq!(png[..8], nergraph::export::png::SIGNATURE);
/// # Ok::<(), nergraph::Error>(())
/// ```
pub fn png(doc: &Document, opts: &PngOptions) -> Result<Vec<u8>> {
    rasterize(&svg(doc, &opts.svg)?, opts.scale)
}

/// Rasterise an SVG document to PNG at `scale`.
pub fn rasterize(svg_text: &str, scale: f32) -> Result<Vec<u8>> {
    let mut opt = usvg::Options {
        font_family: font::FAMILY.to_string(),
        // Graphviz's SVG asks for Times or Helvetica: draw it with ours.
        style_sheet: Some(format!("text {{ font-family: '{}'; }}", font::FAMILY)),
        ..usvg::Options::default()
    };
    let db = opt.fontdb_mut();
    db.load_font_data(font::REGULAR.to_vec());
    db.load_font_data(font::BOLD.to_vec());
    db.set_sans_serif_family(font::FAMILY);
    if !font::covers(svg_text) {
        db.load_system_fonts();
    }
    let tree = usvg::Tree::from_str(svg_text, &opt)
        .map_err(|e| Error::bad_argument(format!("png: cannot read the SVG: {e}")))?;
    let size = tree.size();
    let side = size.width().max(size.height()).max(1.0);
    let scale = if scale.is_finite() && scale > 0.0 {
        scale.min(MAX_SIDE / side)
    } else {
        1.0
    };
    let (w, h) = (
        (size.width() * scale).ceil().max(1.0) as u32,
        (size.height() * scale).ceil().max(1.0) as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| Error::bad_argument(format!("png: cannot make a {w}x{h} picture")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::bad_argument(format!("png: cannot encode: {e}")))
}
