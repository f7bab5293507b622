//! Escaping for the XML-family formats (SVG, GraphML, HTML).

/// `s` escaped for XML and HTML text and double- or single-quoted attribute
/// values: `& < > " '` become entities, line breaks and tabs become character
/// references (so they survive in attributes), and characters XML 1.0 forbids
/// (other C0 controls, U+FFFE, U+FFFF) become U+FFFD.
///
/// ```
/// use nergraph::export::escape::xml;
/// assert_eq!(xml("Jean \"Le <b>Boss</b>\" & co"), "Jean &quot;Le &lt;b&gt;Boss&lt;/b&gt;&quot; &amp; co");
/// assert_eq!(xml("a\nb\u{1}"), "a&#10;b\u{FFFD}");
/// ```
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if is_xml_forbidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `s` on one line: runs of white space (line breaks included) become one
/// space, and it is trimmed. For labels drawn as a single line.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether XML 1.0 forbids `c` even as a character reference.
pub fn is_xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (input, want) in [
            ("plain", "plain"),
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("a'b\"c", "a&#39;b&quot;c"),
            ("x\r\n\ty", "x&#13;&#10;&#9;y"),
            ("\u{0}\u{1F}\u{FFFF}", "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("été &amp;", "été &amp;amp;"),
        ] {
            assert_eq!(xml(input), want, "{input:?}");
        }
        assert_eq!(one_line("  Jean\n  Dupont \t"), "Jean Dupont");
    }
}
