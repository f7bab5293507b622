//! Small text helpers shared by every stage: folding and letter case.

/// Lower-case `s` and strip Latin accents, and map typographic apostrophes and
/// dashes to ASCII. Used to compare words with lexicon entries.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Push `n` in decimal, with zeros before it up to `width` digits: `format!("{n:0width$}")`
/// without the formatting machinery (dates, offsets, ids).
pub(crate) fn push_padded(out: &mut String, n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut rest = n;
    loop {
        k -= 1;
        digits[k] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for _ in digits.len() - k..width {
        out.push('0');
    }
    for &d in &digits[k..] {
        out.push(char::from(d));
    }
}

/// `f` of the [`fold`] of `s`, without allocating for a short ASCII `s` (whose
/// fold is its ASCII lower case): the stages look words up by their fold
/// thousands of times per document.
pub fn with_fold<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    if !s.is_ascii() {
        return f(&fold(s));
    }
    if !s.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(s);
    }
    with_ascii_lower(s, f)
}

/// `f` of the ASCII lower case of `s`, without allocating for a short `s`.
pub fn with_ascii_lower<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 48;
    if s.len() > MAX {
        return f(&s.to_ascii_lowercase());
    }
    let mut buf = [0u8; MAX];
    let buf = &mut buf[..s.len()];
    buf.copy_from_slice(s.as_bytes());
    buf.make_ascii_lowercase();
    // Lower-casing ASCII bytes keeps UTF-8 valid.
    f(std::str::from_utf8(buf).unwrap_or_default())
}

/// [`fold`] into an existing buffer (which is cleared first).
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    fold_push(s, out);
}

/// [`fold`] `s` onto the end of `out`.
pub fn fold_push(s: &str, out: &mut String) {
    // An ASCII string, most of those folded, is copied at once and lower-cased
    // in place: its fold is its lower case.
    if s.is_ascii() {
        let from = out.len();
        out.push_str(s);
        if let Some(copy) = out.get_mut(from..) {
            copy.make_ascii_lowercase();
        }
        return;
    }
    fold_push_chars(s, out);
}

/// [`fold_push`] char by char (for a string known to have a character that is
/// not ASCII).
pub(crate) fn fold_push_chars(s: &str, out: &mut String) {
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        // À-ÿ, most accents of a Latin text, from a table of what the rest of
        // this loop gives them (see the test `latin1_folds`).
        if let Some(&(a, b)) = LATIN1_FOLDS.get((c as usize).wrapping_sub(0xC0)) {
            out.push(a);
            if b != '\0' {
                out.push(b);
            }
            continue;
        }
        match fold_char(c) {
            Some(f) => out.push_str(f),
            // Latin-1 punctuation and symbols, general punctuation (« » – ’ …):
            // no case there, each is its own lower case, found without the tables.
            None if is_caseless(c) => out.push(c),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// Whether `c` is in a block with no letter that has a lower case: Latin-1
/// punctuation and symbols (U+0080-U+00BF) and general punctuation
/// (U+2000-U+206F).
fn is_caseless(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{bf}' | '\u{2000}'..='\u{206f}')
}

/// The fold of U+00C0 + i, as one or two characters ('\0' for none): the ASCII
/// of [`fold_char`], or the lower case of the six it leaves (Ð Þ × ð ÷ þ).
const LATIN1_FOLDS: [(char, char); 64] = {
    let mut table = [('\0', '\0'); 64];
    let mut i = 0;
    while i < 64 {
        let c = match char::from_u32(0xC0 + i as u32) {
            Some(c) => c,
            None => '\0',
        };
        table[i] = match fold_char(c) {
            Some(f) => {
                let f = f.as_bytes();
                (f[0] as char, if f.len() > 1 { f[1] as char } else { '\0' })
            }
            None => match c {
                'Ð' => ('ð', '\0'),
                'Þ' => ('þ', '\0'),
                _ => (c, '\0'),
            },
        };
        i += 1;
    }
    table
};

const fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'ć' | 'č' | 'Ć' | 'Č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ě' | 'ę' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' | 'ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ș' | 'ş' | 'š' | 'Ș' | 'Ş' | 'Š' | 'ś' => "s",
        'ț' | 'ţ' | 'Ț' | 'Ţ' => "t",
        'ž' | 'Ž' | 'ź' | 'ż' => "z",
        'ł' | 'Ł' => "l",
        'ß' => "ss",
        '’' | '‘' | 'ʼ' | '´' | '`' => "'",
        '‐' | '‑' | '‒' | '–' | '—' => "-",
        _ => return None,
    })
}

/// Whether `c` is a letter ([`char::is_alphabetic`]) and if so whether it is upper case
/// ([`char::is_uppercase`]): `Some(true)` for 'É', `Some(false)` for 'é', `None` for '-'.
/// ASCII and Latin-1 characters, most of a Latin text, are answered without the Unicode
/// tables.
pub fn letter_case(c: char) -> Option<bool> {
    match c {
        'a'..='z' => Some(false),
        'A'..='Z' => Some(true),
        '\0'..='\u{7f}' => None,
        // Latin-1: À-Þ but × are upper case letters, ß-ÿ but ÷ lower case ones.
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' => Some(true),
        '\u{df}'..='\u{f6}' | '\u{f8}'..='\u{ff}' => Some(false),
        c if c.is_alphabetic() => Some(c.is_uppercase()),
        _ => None,
    }
}

/// The letter case of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// No letters (numbers, punctuation).
    None,
    /// all lower case: "société".
    Lower,
    /// First letter upper, the rest lower: "Google", "Jean-Luc".
    Title,
    /// All letters upper (two or more letters): "IBM", "OPENAI".
    Upper,
    /// Upper case inside the word: "OpenAI", "xAI", "DNNresearch", "McDonald".
    Mixed,
}

impl Case {
    /// The case of `word`.
    pub fn of(word: &str) -> Case {
        // Most words are ASCII lower or title case ("société" is not): check those first,
        // byte by byte.
        if let [first, rest @ ..] = word.as_bytes() {
            if rest.iter().all(u8::is_ascii_lowercase) {
                if first.is_ascii_lowercase() {
                    return Case::Lower;
                }
                if first.is_ascii_uppercase() {
                    return Case::Title;
                }
            }
        }
        if word.is_ascii() {
            Case::of_chars(word.bytes().map(char::from))
        } else {
            Case::of_chars(word.chars())
        }
    }

    fn of_chars(word: impl Iterator<Item = char>) -> Case {
        let mut letters = 0usize;
        let mut upper = 0usize;
        let mut first_upper = false;
        let mut upper_after_first = false;
        let mut after_sep = true;
        for c in word {
            if let Some(up) = letter_case(c) {
                if letters == 0 {
                    first_upper = up;
                } else if up && !after_sep {
                    upper_after_first = true;
                }
                letters += 1;
                upper += up as usize;
                after_sep = false;
            } else {
                // "Jean-Luc", "O'Brien": a capital after a separator is still title case.
                after_sep = matches!(c, '-' | '\'' | '’' | '.');
            }
        }
        if letters == 0 {
            Case::None
        } else if upper == letters && letters >= 2 {
            Case::Upper
        } else if upper == 0 {
            Case::Lower
        } else if first_upper && !upper_after_first {
            Case::Title
        } else if first_upper && upper == 1 {
            Case::Title
        } else {
            Case::Mixed
        }
    }

    /// True for words that start with a capital or are all capitals.
    pub fn is_capitalised(self) -> bool {
        matches!(self, Case::Title | Case::Upper | Case::Mixed)
    }
}

/// Levenshtein distance between two strings, by chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A phonetic key for surnames: the folded consonant skeleton, with common
/// spellings of one sound unified (sch/sh, ck/k, ph/f, c/k, z/s, w/v) and doubles
/// collapsed. "Babuschkin" and "Babushkin" share the key `bbskn`.
pub fn consonant_key(s: &str) -> String {
    let f = fold(s);
    let f = f
        .replace("sch", "s")
        .replace("sh", "s")
        .replace("ck", "k")
        .replace("ph", "f")
        .replace("tz", "s")
        .replace("ts", "s");
    let mut out = String::new();
    for c in f.chars() {
        let c = match c {
            'c' | 'q' => 'k',
            'z' => 's',
            'w' => 'v',
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' => continue,
            c if c.is_alphabetic() => c,
            _ => continue,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        for (input, want) in [
            ("Société Générale", "societe generale"),
            ("l’OpenAI", "l'openai"),
            ("ÉCOLE", "ecole"),
            ("Œuvre", "oeuvre"),
        ] {
            assert_eq!(fold(input), want, "{input}");
        }
    }

    /// The table of [`fold_push`] gives what its general path gives.
    #[test]
    fn latin1_folds() {
        for (i, &(a, b)) in LATIN1_FOLDS.iter().enumerate() {
            let c = char::from_u32(0xC0 + i as u32).unwrap();
            let want: String = match fold_char(c) {
                Some(f) => f.to_string(),
                None => c.to_lowercase().collect(),
            };
            let got: String = [a, b].iter().filter(|&&x| x != '\0').collect();
            assert_eq!(got, want, "{c:?}");
        }
        assert_eq!(fold("ÀÉÎÕÜÇÆßÐÞ×÷ðþÿ"), "aeioucaessðþ×÷ðþy");
    }

    #[test]
    fn caseless_characters_are_their_own_lower_case() {
        let caseless: Vec<char> = (0..=0x10ffffu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_caseless(c))
            .collect();
        assert_eq!(caseless.len(), 0x40 + 0x70);
        for c in caseless {
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    #[test]
    fn letter_case_agrees_with_unicode() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let want = c.is_alphabetic().then(|| c.is_uppercase());
            assert_eq!(letter_case(c), want, "{c:?}");
        }
    }

    proptest::proptest! {
        /// The ASCII path of [`fold_push`] gives what the char loop gives, and
        /// leaves what was in the buffer as it was.
        #[test]
        fn fold_push_ascii_path(s in "[ -~]{0,12}|[a-zA-Zé’ -]{0,12}") {
            let mut want = String::from("Déjà ");
            fold_push_chars(&s, &mut want);
            let mut got = String::from("Déjà ");
            fold_push(&s, &mut got);
            proptest::prop_assert_eq!(got, want);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]
        /// The short paths of [`Case::of`] give what the character loop gives.
        #[test]
        fn case_short_paths(word in "[a-zA-Z0-9éÉßÿ'’.-]{0,6}") {
            proptest::prop_assert_eq!(Case::of(&word), Case::of_chars(word.chars()));
        }
    }

    #[test]
    fn cases() {
        for (w, c) in [
            ("Google", Case::Title),
            ("google", Case::Lower),
            ("IBM", Case::Upper),
            ("OpenAI", Case::Mixed),
            ("xAI", Case::Mixed),
            ("DNNresearch", Case::Mixed),
            ("Jean-Luc", Case::Title),
            ("O'Brien", Case::Title),
            ("2015", Case::None),
            ("A", Case::Title),
        ] {
            assert_eq!(Case::of(w), c, "{w}");
        }
    }

    #[test]
    fn distances_and_keys() {
        assert_eq!(edit_distance("Babuschkin", "Babushkin"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(consonant_key("Babuschkin"), consonant_key("Babushkin"));
        assert_eq!(consonant_key("Suskever"), consonant_key("Satskevier"));
        assert_ne!(consonant_key("Martin"), consonant_key("Morgan"));
    }
}
