//! The embedded font (Noto Sans, from the `ttf-noto-sans` crate, Apache-2.0)
//! and text measurement with it.
//!
//! The SVG layout measures every label with this font's advance widths, so
//! boxes fit their text; the PNG rasteriser draws with the same font, so a
//! picture looks the same on a machine with no fonts installed. Characters the
//! font lacks are measured as 0.6 em.

use std::sync::OnceLock;
use ttf_parser::Face;

/// Noto Sans Regular (TrueType).
pub const REGULAR: &[u8] = ttf_noto_sans::REGULAR;
/// Noto Sans Bold (TrueType).
pub const BOLD: &[u8] = ttf_noto_sans::BOLD;
/// The family name the SVG asks for first.
pub const FAMILY: &str = "Noto Sans";
/// The CSS font stack of the SVG and HTML output.
pub const STACK: &str = "'Noto Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif";

fn face(bold: bool) -> Option<&'static Face<'static>> {
    static R: OnceLock<Option<Face<'static>>> = OnceLock::new();
    static B: OnceLock<Option<Face<'static>>> = OnceLock::new();
    let cell = if bold { &B } else { &R };
    cell.get_or_init(|| Face::parse(if bold { BOLD } else { REGULAR }, 0).ok())
        .as_ref()
}

/// Width in pixels of one line of `text` at `size` pixels.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let Some(f) = face(bold) else {
        return text.chars().count() as f64 * size * 0.6;
    };
    let em = f64::from(f.units_per_em().max(1));
    let units: f64 = text
        .chars()
        .map(|c| {
            f.glyph_index(c)
                .and_then(|g| f.glyph_hor_advance(g))
                .map_or(em * 0.6, f64::from)
        })
        .sum();
    units * size / em
}

/// Whether the embedded font has a glyph for every character of `text`
/// (control and white-space characters aside).
pub fn covers(text: &str) -> bool {
    match face(false) {
        Some(f) => text
            .chars()
            .all(|c| c.is_whitespace() || c.is_control() || f.glyph_index(c).is_some()),
        None => false,
    }
}

/// `bytes` in standard base64 (for `data:` URLs).
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(A[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// CSS `@font-face` rules embedding the font (regular and bold), so a page
/// draws with the metrics the layout measured, offline.
pub fn css_font_faces() -> String {
    format!(
        "@font-face {{ font-family: '{FAMILY}'; font-weight: 400; src: url(data:font/ttf;base64,{}) format('truetype'); }}\n\
         @font-face {{ font-family: '{FAMILY}'; font-weight: 700; src: url(data:font/ttf;base64,{}) format('truetype'); }}\n",
        base64(REGULAR),
        base64(BOLD)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let a = text_width("Elon Musk", 14.0, false);
        assert!(a > 40.0 && a < 100.0, "{a}");
        assert!(text_width("Elon Musk", 14.0, true) > a);
        assert!(text_width("Elon Musk", 28.0, false) > 1.9 * a);
        assert_eq!(text_width("", 14.0, false), 0.0);
        assert!(text_width("WWW", 10.0, false) > text_width("iii", 10.0, false));
    }

    #[test]
    fn base64_table() {
        for (input, want) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foobar", "Zm9vYmFy"),
            (&[0xff, 0xfe, 0x00][..], "//4A"),
        ] {
            assert_eq!(base64(input), want);
        }
    }

    #[test]
    fn coverage() {
        assert!(covers("Société Générale, Zürich – Łódź"));
        assert!(!covers("習近平"));
    }
}
