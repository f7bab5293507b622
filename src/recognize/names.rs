//! Rules for names that are in no lexicon.
//!
//! A *capitalised run* is a sequence of capitalised words, possibly joined by
//! name particles ("de", "van", "bin") and initials ("J. P."). Leading words that
//! are not names ("Selon", "Lorsque", "Le") and leading titles ("M.", "PDG") are
//! trimmed off and kept as context. What is left is typed by the first rule that
//! applies:
//!
//! | rule id              | evidence                                                    | type    |
//! |----------------------|-------------------------------------------------------------|---------|
//! | `place`              | the run is a place from `common/places.txt`                 | LOC     |
//! | `org:suffix`         | ends with a company suffix ("Acme SA", "Globex Corp.")      | ORG     |
//! | `org:word`           | holds an organisation word ("Banque", "Airlines")           | ORG     |
//! | `person:title`       | follows an honorific ("M. Durand", "Mrs Smith")             | PERSON  |
//! | `person:first-name`  | starts with a known first name, two words or more           | PERSON  |
//! | `person:role`        | follows a role or kin word ("PDG Marc Durand", "son frère") | PERSON  |
//! | `org:context`        | follows an organisation head or cue ("la société X", "chez X") | ORG  |
//! | `org:camelcase`      | one word with inner capitals ("xAI", "DNNresearch")         | ORG     |
//! | `org:acronym`        | one all-capitals word of 2–6 letters ("IBM")                | ORG     |
//! | `unknown`            | anything else; resolution may type it later                 | UNKNOWN |

use super::{Label, Mention};
use crate::error::Result;
use crate::lang::Lang;
use crate::lexicon::LexiconSet;
use crate::span::Span;
use crate::text::{Case, fold, with_ascii_lower, with_fold};
use crate::tokenize::{Folded, Sentence, Token, TokenKind};
use foldhash::{HashMap, HashSet};

/// Kind of a title word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleKind {
    /// "M.", "Mrs", "Dr": the next name is a person.
    Honorific,
    /// "PDG", "CEO", "directeur".
    Role,
    /// "fondateur", "co-founder": a role that also says who founded the organisation.
    Founder,
    /// "frère", "wife".
    Kin,
}

/// Per-language word lists used by the rules.
#[derive(Clone, Debug, Default)]
pub struct LangNames {
    /// Folded title phrases.
    pub titles: HashMap<String, (TitleKind, char)>,
    /// The titles written with a final period ("m.", "dr."), keyed without it, so
    /// that a word is looked up as "word." without building that string.
    titles_before_dot: HashMap<String, (TitleKind, char)>,
    /// Folded org-context phrases: true for a head noun, false for a cue.
    pub org_context: HashMap<String, bool>,
    /// Folded capitalised non-names.
    pub not_names: HashSet<String>,
    /// Folded heads of institution names that go on in lower case.
    pub institutions: HashSet<String>,
    /// Folded words that end an operator's name before a number ("Adam Air
    /// Flight 574"): kind `tail` in org_context.tsv.
    pub tails: HashSet<String>,
    /// Folded articles ("the", "la"): a name right after one is no person.
    pub determiners: HashSet<String>,
    /// English capitalises roles before a name ("Finance Minister Kaoru Yosano");
    /// French does not, so there a capitalised role inside a sentence is a name.
    pub capitalised_roles: bool,
    /// Longest phrase, in words, among titles and org context.
    max_words: usize,
    /// Pre-tests for the lookups above (built last in [`NameRules::from_lexicons`]).
    filters: LangFilters,
}

/// The [`KeyFilter`]s of one language's lists.
#[derive(Clone, Debug, Default)]
struct LangFilters {
    titles: KeyFilter,
    titles_before_dot: KeyFilter,
    org_context: KeyFilter,
    not_names: KeyFilter,
    institutions: KeyFilter,
    tails: KeyFilter,
    determiners: KeyFilter,
}

impl LangNames {
    fn title(&self, s: &str) -> Option<&(TitleKind, char)> {
        self.filters
            .titles
            .may_hold(s)
            .then(|| self.titles.get(s))?
    }

    fn title_before_dot(&self, s: &str) -> Option<&(TitleKind, char)> {
        self.filters
            .titles_before_dot
            .may_hold(s)
            .then(|| self.titles_before_dot.get(s))?
    }

    /// The org-context entry: true for a head, false for a cue.
    fn context(&self, s: &str) -> Option<bool> {
        self.filters
            .org_context
            .may_hold(s)
            .then(|| self.org_context.get(s).copied())?
    }

    fn not_name(&self, s: &str) -> bool {
        self.filters.not_names.may_hold(s) && self.not_names.contains(s)
    }

    fn institution(&self, s: &str) -> bool {
        self.filters.institutions.may_hold(s) && self.institutions.contains(s)
    }

    fn tail(&self, s: &str) -> bool {
        self.filters.tails.may_hold(s) && self.tails.contains(s)
    }

    fn determiner(&self, s: &str) -> bool {
        self.filters.determiners.may_hold(s) && self.determiners.contains(s)
    }
}

/// An exact pre-test for a lookup in a set of strings: a string can be a key only
/// when its byte length, its first two bytes and its last two bytes are those of
/// some key (each taken modulo a small table, so that unrelated strings may pass,
/// never a key). The name rules look up thousands of words and phrases per document
/// that are in no list ("de la", "a annoncé"); most of them fail here without
/// hashing.
///
/// A phrase of folded tokens starts with its first token's folded word and ends
/// with its last one's ([`Folded::phrase`] is a slice of the folded text from one to
/// the other), so when that word has two bytes or more, the phrase's first (last)
/// two bytes are the word's: [`KeyFilter::may_start_with`] and
/// [`KeyFilter::may_end_with`] rule out every phrase starting (ending) at a token
/// at once, before any phrase is sliced.
#[derive(Clone, Debug)]
struct KeyFilter {
    /// Bit `min(len, 63)` for the byte length of each key.
    lens: u64,
    /// Bit [`KeyFilter::pair`] of each key's first two bytes.
    first: [u64; 16],
    /// Bit [`KeyFilter::pair`] of each key's last two bytes.
    last: [u64; 16],
}

impl Default for KeyFilter {
    /// Holds nothing.
    fn default() -> KeyFilter {
        KeyFilter {
            lens: 0,
            first: [0; 16],
            last: [0; 16],
        }
    }
}

impl KeyFilter {
    fn new<'a>(keys: impl IntoIterator<Item = &'a String>) -> KeyFilter {
        let mut f = KeyFilter::default();
        for k in keys {
            let b = k.as_bytes();
            f.lens |= 1 << b.len().min(63);
            let (first, last) = (Self::first_pair(b), Self::last_pair(b));
            f.first[first / 64] |= 1 << (first % 64);
            f.last[last / 64] |= 1 << (last % 64);
        }
        f
    }

    #[inline]
    fn first_pair(b: &[u8]) -> usize {
        match *b {
            [] => 0,
            [x] => Self::pair(x, 0),
            [x, y, ..] => Self::pair(x, y),
        }
    }

    #[inline]
    fn last_pair(b: &[u8]) -> usize {
        match *b {
            [] => 0,
            [x] => Self::pair(0, x),
            [.., x, y] => Self::pair(x, y),
        }
    }

    #[inline]
    fn has_first(&self, i: usize) -> bool {
        self.first[i / 64] & (1 << (i % 64)) != 0
    }

    #[inline]
    fn has_last(&self, i: usize) -> bool {
        self.last[i / 64] & (1 << (i % 64)) != 0
    }

    /// A 10-bit index of two bytes: their low five bits (a-z are 1-26, and so are
    /// A-Z: an ASCII string and its lower case get the same index).
    #[inline]
    fn pair(x: u8, y: u8) -> usize {
        usize::from(x & 31) << 5 | usize::from(y & 31)
    }

    /// False when `s` is surely no key.
    #[inline]
    fn may_hold(&self, s: &str) -> bool {
        let b = s.as_bytes();
        self.lens & (1 << b.len().min(63)) != 0
            && self.has_first(Self::first_pair(b))
            && self.has_last(Self::last_pair(b))
    }

    /// False when no phrase that starts with the folded word `w` is a key.
    #[inline]
    fn may_start_with(&self, w: &str) -> bool {
        match *w.as_bytes() {
            [x, y, ..] => self.has_first(Self::pair(x, y)),
            _ => true,
        }
    }

    /// False when no phrase that ends with the folded word `w` is a key.
    #[inline]
    fn may_end_with(&self, w: &str) -> bool {
        match *w.as_bytes() {
            [.., x, y] => self.has_last(Self::pair(x, y)),
            _ => true,
        }
    }
}

/// Most tokens an institution name is extended by.
const MAX_EXTENSION: usize = 8;

/// French adjective endings (for institution names: "nationale", "européen").
fn is_adjective(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "al", "ale", "aux", "ales", "el", "elle", "els", "elles", "ien", "ienne", "iens", "iennes",
        "ain", "aine", "ains", "aines", "aire", "aires", "ais", "aise", "ique", "iques", "if",
        "ive", "ifs", "ives", "é", "ée", "és", "ées", "en", "enne", "ens", "ennes", "ois", "oise",
        "iste", "istes", "eur", "rice",
    ];
    w.chars().count() > 3 && ENDINGS.iter().any(|e| w.ends_with(e))
}

/// The compiled name rules.
#[derive(Clone, Debug)]
pub struct NameRules {
    /// Folded first name → gender ('m', 'f', 'u').
    pub first_names: HashMap<String, char>,
    suffixes: HashSet<String>,
    /// The suffixes of four characters or more, in ASCII lower case: these match in any case.
    long_suffixes: HashSet<String>,
    org_words: HashSet<String>,
    particles: HashSet<String>,
    places: HashSet<String>,
    place_words: HashSet<String>,
    /// Per language (index by [`Lang::index`]).
    pub langs: [LangNames; 2],
    filters: Filters,
}

/// The [`KeyFilter`]s of the common lists.
#[derive(Clone, Debug)]
struct Filters {
    first_names: KeyFilter,
    suffixes: KeyFilter,
    long_suffixes: KeyFilter,
    org_words: KeyFilter,
    particles: KeyFilter,
    places: KeyFilter,
    place_words: KeyFilter,
}

impl NameRules {
    /// Compile from the lexicons.
    pub fn from_lexicons(set: &LexiconSet) -> Result<NameRules> {
        let mut first_names = HashMap::default();
        for row in set.rows("common", "first_names.tsv") {
            let g = match row.opt(1) {
                "m" => 'm',
                "f" => 'f',
                "u" | "" => 'u',
                _ => return Err(row.error(1, "expected gender m, f or u")),
            };
            first_names.insert(fold(row.field(0, "a first name")?), g);
        }
        let list = |file: &str, f: fn(&str) -> String| -> Result<HashSet<String>> {
            set.rows("common", file)
                .iter()
                .map(|r| r.field(0, "an entry").map(f))
                .collect()
        };
        let mut langs: [LangNames; 2] = Default::default();
        for lang in Lang::ALL {
            let l = &mut langs[lang.index()];
            l.capitalised_roles = lang == Lang::En;
            for row in set.rows(lang.code(), "titles.tsv") {
                let kind = match row.field(1, "a title kind")? {
                    "honorific" => TitleKind::Honorific,
                    "role" => TitleKind::Role,
                    "founder" => TitleKind::Founder,
                    "kin" => TitleKind::Kin,
                    _ => return Err(row.error(1, "expected honorific, role, founder or kin")),
                };
                let g = row.opt(2).chars().next().unwrap_or('u');
                if !matches!(g, 'm' | 'f' | 'u') {
                    return Err(row.error(2, "expected gender m, f or u"));
                }
                let key = phrase_key(row.field(0, "a title")?);
                l.max_words = l.max_words.max(key.split(' ').count());
                if let Some(k) = key.strip_suffix('.') {
                    l.titles_before_dot.insert(k.to_string(), (kind, g));
                }
                l.titles.insert(key, (kind, g));
            }
            for row in set.rows(lang.code(), "org_context.tsv") {
                let head = match row.field(1, "head, cue or tail")? {
                    "head" => true,
                    "cue" => false,
                    "tail" => {
                        l.tails.insert(phrase_key(row.field(0, "a word")?));
                        continue;
                    }
                    _ => return Err(row.error(1, "expected head, cue or tail")),
                };
                let key = phrase_key(row.field(0, "words")?);
                l.max_words = l.max_words.max(key.split(' ').count());
                l.org_context.insert(key, head);
            }
            for row in set.rows(lang.code(), "not_names.txt") {
                l.not_names.insert(fold(row.field(0, "a word")?));
            }
            for row in set.rows(lang.code(), "institutions.txt") {
                l.institutions.insert(fold(row.field(0, "a word")?));
            }
            for row in set.rows(lang.code(), "determiners.txt") {
                l.determiners.insert(fold(row.field(0, "a word")?));
            }
            l.filters = LangFilters {
                titles: KeyFilter::new(l.titles.keys()),
                titles_before_dot: KeyFilter::new(l.titles_before_dot.keys()),
                org_context: KeyFilter::new(l.org_context.keys()),
                not_names: KeyFilter::new(&l.not_names),
                institutions: KeyFilter::new(&l.institutions),
                tails: KeyFilter::new(&l.tails),
                determiners: KeyFilter::new(&l.determiners),
            };
        }
        let suffixes: HashSet<String> =
            list("org_suffixes.txt", |w| w.trim_end_matches('.').to_string())?;
        let long_suffixes: HashSet<String> = suffixes
            .iter()
            .filter(|x| x.chars().count() >= 4)
            .map(|x| x.to_ascii_lowercase())
            .collect();
        let org_words = list("org_words.txt", fold)?;
        let particles = list("particles.txt", fold)?;
        let places = list("places.txt", fold)?;
        let place_words = list("place_words.txt", fold)?;
        let filters = Filters {
            first_names: KeyFilter::new(first_names.keys()),
            suffixes: KeyFilter::new(&suffixes),
            long_suffixes: KeyFilter::new(&long_suffixes),
            org_words: KeyFilter::new(&org_words),
            particles: KeyFilter::new(&particles),
            places: KeyFilter::new(&places),
            place_words: KeyFilter::new(&place_words),
        };
        Ok(NameRules {
            first_names,
            suffixes,
            long_suffixes,
            org_words,
            particles,
            places,
            place_words,
            langs,
            filters,
        })
    }

    fn first_name(&self, s: &str) -> bool {
        self.filters.first_names.may_hold(s) && self.first_names.contains_key(s)
    }

    fn org_word(&self, s: &str) -> bool {
        self.filters.org_words.may_hold(s) && self.org_words.contains(s)
    }

    fn particle(&self, s: &str) -> bool {
        self.filters.particles.may_hold(s) && self.particles.contains(s)
    }

    fn place(&self, s: &str) -> bool {
        self.filters.places.may_hold(s) && self.places.contains(s)
    }

    fn place_word(&self, s: &str) -> bool {
        self.filters.place_words.may_hold(s) && self.place_words.contains(s)
    }

    /// True when `word` (any case) is a capitalised non-name in some language.
    pub fn is_not_name(&self, word: &str) -> bool {
        with_fold(word, |f| self.langs.iter().any(|l| l.not_name(f)))
    }

    /// True when `word` (any case) is an article of `lang` ("the", "la").
    pub fn is_determiner(&self, lang: Lang, word: &str) -> bool {
        with_fold(word, |f| self.langs[lang.index()].determiner(f))
    }

    /// True when the mention starting at token `a` is the complement of a kinship
    /// word ("son of X", "la fille de X"): X is said of someone else.
    pub fn is_kin_complement(&self, folded: &Folded, a: usize, lang: Lang) -> bool {
        a >= 2
            && matches!(folded.word(a - 1), "of" | "de" | "d'" | "du")
            && matches!(
                self.langs[lang.index()].title(folded.word(a - 2)),
                Some((TitleKind::Kin, _))
            )
    }

    /// True when `name` is a place.
    pub fn is_place(&self, name: &str) -> bool {
        // The fold of an ASCII name is its ASCII lower case, of the same length,
        // and the filter reads letters blind to case: it can rule the name out
        // before it is folded.
        if name.is_ascii() && !self.filters.places.may_hold(name) {
            return false;
        }
        with_fold(name, |f| self.place(f))
    }

    /// Gender of a first name, if known.
    pub fn first_name_gender(&self, word: &str) -> Option<char> {
        with_fold(word, |f| {
            self.filters
                .first_names
                .may_hold(f)
                .then(|| self.first_names.get(f).copied())?
        })
    }

    /// True when the (lower-case) word is a name particle ("van", "de", "bin").
    pub fn is_particle(&self, word: &str) -> bool {
        with_fold(word, |f| self.particle(f))
    }

    /// Number of tokens from `i` that form a company suffix ("Inc.", "Corp"), if any.
    pub fn suffix_len(&self, text: &str, tokens: &[Token], i: usize) -> usize {
        let Some(t) = tokens.get(i) else { return 0 };
        if t.kind != TokenKind::Word || !self.is_suffix(t.text(text)) {
            return 0;
        }
        // Take the dot of "Inc." / "Corp." with it.
        match tokens.get(i + 1) {
            Some(d) if d.text(text) == "." && !d.space_before => 2,
            _ => 1,
        }
    }

    /// True when the folded word is a company suffix.
    pub fn is_suffix(&self, word: &str) -> bool {
        // Case matters for short suffixes ("SA", "SE", "AG" are not "sa", "se", "ag");
        // longer ones may be written in any case ("Group", "GROUP").
        let w = word.trim_end_matches('.');
        (self.filters.suffixes.may_hold(w) && self.suffixes.contains(w))
            // The ASCII lower case of `w` has its length and, byte by byte, its low
            // five bits: the filter answers for it as for `w`.
            || (self.filters.long_suffixes.may_hold(w)
                && w.chars().count() >= 4
                && w.chars().next().is_some_and(char::is_uppercase)
                && with_ascii_lower(w, |lower| self.long_suffixes.contains(lower)))
    }

    /// Find names in `text` outside the `taken` tokens.
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &Folded,
        sentences: &[Sentence],
        lang: Lang,
        taken: &[bool],
    ) -> Vec<Mention> {
        let l = &self.langs[lang.index()];
        let mut out = Vec::new();
        let mut taken_here: Vec<bool> = taken.to_vec();
        for s in sentences {
            self.quoted_orgs(text, tokens, folded, s, l, &mut taken_here, &mut out);
        }
        let taken = &taken_here[..];
        for s in sentences {
            let headline = is_headline(text, &tokens[s.first..s.last]);
            let mut i = s.first;
            while i < s.last {
                if !tokens[i].case.is_capitalised() || taken[i] || !starts_name(text, &tokens[i]) {
                    i += 1;
                    continue;
                }
                let mut end = self.run_end(text, tokens, i, s.last, taken);
                // "ministre de l'Intérieur Jean-Pierre Chevènement": a known first name
                // inside a run followed by another capitalised word starts a new name.
                if let Some(ext) =
                    self.institution_end(text, tokens, folded, i, end, s.last, taken, l)
                {
                    end = ext;
                }
                if let Some(k) = self.inner_first_name(text, tokens, folded, i, end) {
                    end = k;
                }
                // A role title inside a run ends the name before it: "Globex CEO
                // Jane Roe", "Initech Chief Financial Officer John Smith" (English
                // pre-modifiers). The title starts the next run, where it is trimmed.
                if !headline {
                    if let Some(j) = self.inner_title(tokens, folded, i, end, l) {
                        end = j;
                    }
                }
                self.classify(text, tokens, folded, s, i, end, l, headline, &mut out);
                i = end;
            }
        }
        out
    }

    /// A quoted name right after an organisation head is an ORG, whatever its
    /// letter case: l'association « Un cheval, une vie », la fondation "Buenos",
    /// the charity "Hope for All" (rule `org:quoted`).
    #[allow(clippy::too_many_arguments)]
    fn quoted_orgs(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &Folded,
        s: &Sentence,
        l: &LangNames,
        taken: &mut [bool],
        out: &mut Vec<Mention>,
    ) {
        let bytes = text.as_bytes();
        for (q, t) in (s.first..).zip(&tokens[s.first..s.last]) {
            // Only an opening quote can start one: '"', or the first byte of
            // "«" (C2 AB) or of "“" and "‘" (E2 80 9C, E2 80 98).
            if !matches!(bytes.get(t.span.start), Some(b'"' | 0xC2 | 0xE2)) {
                continue;
            }
            let close = match tokens[q].text(text) {
                "«" => "»",
                "\"" => "\"",
                "“" => "”",
                "‘" | "‘‘" => "’",
                _ => continue,
            };
            if taken[q] || !self.org_context_before(tokens, folded, s.first, q, q, q, l) {
                continue;
            }
            let Some(c) = (q + 1..s.last.min(q + 14)).find(|&k| {
                let t = tokens[k].text(text);
                t == close || t.starts_with(close) || (close == "’" && t == "'")
            }) else {
                continue;
            };
            if c == q + 1
                || taken[q + 1..c].iter().any(|&t| t)
                || !tokens[q + 1..c].iter().any(|t| t.kind == TokenKind::Word)
            {
                continue;
            }
            taken[q + 1..c].iter_mut().for_each(|t| *t = true);
            out.push(Mention {
                span: Span::new(tokens[q + 1].span.start, tokens[c - 1].span.end),
                tokens: (q + 1, c),
                label: Label::Org,
                rule: "org:quoted",
                known: None,
                timex: None,
            });
        }
    }

    /// The index of a known first name inside `tokens[a..b]` (not at `a`, followed by
    /// a capitalised word of the run, after a word that is not itself a first name).
    fn inner_first_name(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &Folded,
        a: usize,
        b: usize,
    ) -> Option<usize> {
        let has_org_word =
            |r: std::ops::Range<usize>| r.into_iter().any(|k| self.org_word(folded.word(k)));
        // "President of Pakistan Asif Ali Zardari": a leading place ends there when
        // a person's name follows.
        let after_place = (a + 1..b.saturating_sub(1).min(a + 3)).find(|&k| {
            self.place(folded.phrase(a, k))
                && b - k >= 2
                && (k..b).any(|j| self.first_name(folded.word(j)))
                && !has_org_word(k..b)
        });
        after_place.or_else(|| {
            (a + 1..b.saturating_sub(1)).find(|&k| {
                let t = &tokens[k];
                t.case == Case::Title
                    && tokens[k + 1].case.is_capitalised()
                    && tokens[k + 1].kind == TokenKind::Word
                    && tokens[k - 1].kind == TokenKind::Word
                    && self.first_name(folded.word(k))
                    && !self.first_name(folded.word(k - 1))
                    && !self.particle(tokens[k - 1].text(text))
                    // "Redeemed Christian Church" is one organisation.
                    && !has_org_word(k..b)
            })
        })
    }

    /// French institution names go on in lower case: "Assemblée nationale",
    /// "Caisse d'allocations familiales", "Cour d'appel de Paris". When the run starts
    /// with a head from `lexicons/<lang>/institutions.txt`, extend it over adjectives
    /// (by their endings) and "de"-phrases, at most [`MAX_EXTENSION`] tokens, ending on
    /// a content word.
    #[allow(clippy::too_many_arguments)]
    fn institution_end(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &Folded,
        a: usize,
        b: usize,
        limit: usize,
        taken: &[bool],
        l: &LangNames,
    ) -> Option<usize> {
        if !l.institution(folded.word(a)) {
            return None;
        }
        let mut j = b;
        let mut best = None;
        while j < limit && j < b + MAX_EXTENSION && !taken[j] {
            let t = &tokens[j];
            let w = folded.word(j);
            if t.kind == TokenKind::Word
                && t.case == Case::Lower
                && is_adjective(w)
                && !l.not_name(w)
            {
                j += 1;
                best = Some(j);
            } else if matches!(w, "de" | "d'" | "du" | "des") && j + 1 < limit && !taken[j + 1] {
                let mut k = j + 1;
                if matches!(folded.word(k), "la" | "l'") && k + 1 < limit && !taken[k + 1] {
                    k += 1;
                }
                let n = &tokens[k];
                if n.kind != TokenKind::Word || taken[k] {
                    break;
                }
                if n.case.is_capitalised() {
                    let e = self.run_end(text, tokens, k, limit, taken);
                    j = e;
                    best = Some(e);
                } else if !l.not_name(folded.word(k)) && n.text(text).chars().count() > 3 {
                    j = k + 1;
                    best = Some(j);
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        best
    }

    fn run_end(
        &self,
        text: &str,
        tokens: &[Token],
        start: usize,
        limit: usize,
        taken: &[bool],
    ) -> usize {
        let mut j = start + 1;
        loop {
            if j >= limit || taken[j] {
                return j;
            }
            let t = &tokens[j];
            if starts_name(text, t) {
                j += 1;
                continue;
            }
            let s = t.text(text);
            if t.kind == TokenKind::Punct
                && s == "."
                && !t.space_before
                && tokens[j - 1].text(text).chars().count() == 1
                && j + 1 < limit
                && starts_name(text, &tokens[j + 1])
            {
                j += 1; // "J. P. Morgan"
            } else if matches!(s, "'" | "’")
                && !t.space_before
                && tokens[j - 1].text(text).chars().count() == 1
                && j + 1 < limit
                && !taken[j + 1]
                && starts_name(text, &tokens[j + 1])
            {
                j += 1; // "O' Leary", an Irish name with a stray space
            } else if let Some(k) = self.particles_then_name(text, tokens, j, limit, taken) {
                j += k; // "Charles de Gaulle", "Martin van der Berg"
            } else if s == "of"
                && j + 1 < limit
                && !taken[j + 1]
                && tokens[j + 1].case == Case::Title
                && tokens[start..j]
                    .iter()
                    .any(|t| self.org_word(&fold(t.text(text))))
            {
                j += 1; // "Bank of America", "University of Tokyo"
            } else if s == "&"
                && j + 1 < limit
                && !taken[j + 1]
                && starts_name(text, &tokens[j + 1])
            {
                j += 1; // "Procter & Gamble"
            } else {
                return j;
            }
        }
    }

    /// How many lower-case particles start at token `j` ("de", "van der",
    /// "bin"), when a capitalised word follows them.
    fn particles_then_name(
        &self,
        text: &str,
        tokens: &[Token],
        j: usize,
        limit: usize,
        taken: &[bool],
    ) -> Option<usize> {
        let mut k = j;
        while k < limit
            && k < j + 3
            && !taken[k]
            && tokens[k].kind == TokenKind::Word
            && tokens[k].case == Case::Lower
            && self.particle(tokens[k].text(text))
        {
            k += 1;
        }
        (k > j && k < limit && !taken[k] && matches!(tokens[k].case, Case::Title | Case::Upper))
            .then_some(k - j)
    }

    #[allow(clippy::too_many_arguments)]
    fn classify(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &Folded,
        s: &Sentence,
        mut a: usize,
        b: usize,
        l: &LangNames,
        headline: bool,
        out: &mut Vec<Mention>,
    ) {
        // Trim leading non-names and titles, remembering the titles.
        let mut title: Option<TitleKind> = None;
        while a < b {
            let f = folded.word(a);
            // A capitalised role inside a sentence is part of a name ("General
            // Artificial Intelligence") unless a first name follows ("President
            // Dmitry Medvedev"); honorifics, all-capital roles ("PDG", "CEO") and a
            // sentence's first word are titles.
            let single = l.title(f).or_else(|| l.title_before_dot(f));
            let single = single.filter(|(k, _)| {
                *k == TitleKind::Honorific
                    || l.capitalised_roles
                    || tokens[a].case == Case::Upper
                    || a == s.first
                    || (a + 1 < b && self.first_name(folded.word(a + 1)))
            });
            if let Some((len, k)) = self.title_at(folded, a, b, l) {
                // A multi-word title first: "Chief Financial Officer", "Vice President".
                title = Some(k);
                a += len;
            } else if let Some((k, _)) = single {
                title = Some(*k);
                a += 1;
                if a < b && tokens[a].text(text) == "." {
                    a += 1;
                }
            } else if l.not_name(f) || tokens[a].kind != TokenKind::Word {
                title = None;
                a += 1;
            } else {
                break;
            }
        }
        // Trailing particles or dots are not part of a name (the lower-case words of
        // an institution's name are: "Affaires européennes").
        let mut b = b;
        while b > a
            && (tokens[b - 1].kind != TokenKind::Word
                || (tokens[b - 1].case == Case::Lower
                    && (self.particle(tokens[b - 1].text(text))
                        || matches!(tokens[b - 1].text(text), "of" | "and" | "et" | "d'" | "l'"))))
        {
            b -= 1;
        }
        if a >= b {
            return;
        }
        // "Adam Air Flight 574": an operator's name, a service word, a number.
        let operator = b - a >= 2
            && tokens.get(b).is_some_and(|t| t.kind == TokenKind::Number)
            && l.tail(folded.word(b - 1));
        if operator {
            b -= 1;
        }
        if title.is_none() {
            title = self.title_before(text, tokens, folded, s.first, a, l);
            // "Ryanair CEO, Michael Smith" is a person; one word after a role and a
            // comma is mostly the next item of a list ("Best Director, Best Actress").
            if b - a == 1 && a > s.first && tokens[a - 1].text(text) == "," {
                title = None;
            }
        }
        // The words of the name, without collecting them (most runs are one to three
        // tokens long, and every run comes here).
        let words = || {
            tokens[a..b]
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| t.text(text))
        };
        let n = words().count();
        let first_word = words().next().unwrap_or_default();
        let last_word = words().last().unwrap_or_default();
        let span = Span::new(tokens[a].span.start, tokens[b - 1].span.end);
        let whole = span.slice(text);
        let push = |out: &mut Vec<Mention>, label: Label, rule: &'static str| {
            out.push(Mention {
                span,
                tokens: (a, b),
                label,
                rule,
                known: None,
                timex: None,
            });
        };
        // The folded words, as `words` gives them.
        let folded_words = || {
            (a..b)
                .filter(|&k| tokens[k].kind == TokenKind::Word)
                .map(|k| folded.word(k))
        };
        let has_org_word = folded_words().any(|w| self.org_word(w));
        // `is_place(whole)` on the folded phrase when that is the fold of `whole`.
        let place = match folded_span(text, tokens, folded, a, b) {
            Some(f) => self.place(f),
            None => self.is_place(whole),
        };
        if place
            || (whole.contains('.') && self.is_place(&format!("{whole}.")))
            || (folded_words().any(|w| self.place_word(w)) && !has_org_word)
        {
            return push(out, Label::Place, "place");
        }
        if operator {
            return push(out, Label::Org, "org:operator");
        }
        if n >= 2 && self.is_suffix(last_word) {
            return push(out, Label::Org, "org:suffix");
        }
        if has_org_word && !(n == 1 && a == s.first) {
            return push(out, Label::Org, "org:word");
        }
        if title == Some(TitleKind::Honorific) {
            return push(out, Label::Person, "person:title");
        }
        // After an article, a first name starts a place or a thing ("the White
        // Nile", "the Geneva Conventions"), not a person.
        let after_article = a > s.first && l.determiner(folded.word(a - 1));
        if n >= 2
            && tokens[a].case == Case::Title
            && folded_words().next().is_some_and(|w| self.first_name(w))
            && !headline
            && !after_article
        {
            return push(out, Label::Person, "person:first-name");
        }
        // Initials then a surname: "J. P. Whitfield", "T. S. Eliot".
        if n >= 2
            && !headline
            && last_word.chars().count() > 1
            && Case::of(last_word) == Case::Title
            && folded_words().last().is_some_and(|w| !l.not_name(w))
            && words().take(n - 1).all(|w| w.chars().count() == 1)
            && tokens[a..b].iter().any(|t| t.text(text) == ".")
        {
            return push(out, Label::Person, "person:initials");
        }
        if matches!(
            title,
            Some(TitleKind::Role | TitleKind::Founder | TitleKind::Kin)
        ) && n <= 3
            && !headline
        {
            return push(out, Label::Person, "person:role");
        }
        if self.org_context_before(tokens, folded, s.first, a, b, s.last, l) {
            return push(out, Label::Org, "org:context");
        }
        if self.role_of_before(folded, s.first, a, l) {
            return push(out, Label::Org, "org:role-context");
        }
        if n <= 4 && !headline && self.role_after(text, tokens, folded, b, s.last, l) {
            return push(out, Label::Org, "org:role-after");
        }
        // "Kaoru Yosano, the Japanese minister of …": two or three capitalised
        // words that open a clause (no lower-case word before them), then a role
        // in apposition.
        if (2..=3).contains(&n)
            && !headline
            && (a == s.first
                || tokens[a - 1].kind != TokenKind::Word
                || tokens[a - 1].case != Case::Lower)
            && tokens[a..b]
                .iter()
                .all(|t| t.kind != TokenKind::Word || t.case == Case::Title)
            && folded_words()
                .next()
                .is_some_and(|w| !looks_like_demonym(w))
            && self.role_apposition_after(text, tokens, folded, b, s.last, l)
        {
            return push(out, Label::Person, "person:role-apposition");
        }
        if n == 1 && tokens[a].case == Case::Mixed && !is_name_like_mixed(first_word) {
            return push(out, Label::Org, "org:camelcase");
        }
        if n == 1
            && tokens[a].case == Case::Upper
            && !headline
            && (2..=6).contains(&first_word.chars().count())
            && first_word.chars().all(|c| c.is_alphabetic() || c == '&')
            && !is_model_code(text, tokens, b)
        {
            return push(out, Label::Org, "org:acronym");
        }
        push(out, Label::Unknown, "unknown");
    }

    /// The title just before token `a` (skipping a determiner and a comma),
    /// as in "le PDG Marc Durand", "M. Durand", "son frère Kimball".
    fn title_before(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &Folded,
        first: usize,
        a: usize,
        l: &LangNames,
    ) -> Option<TitleKind> {
        // "Ryanair CEO, Michael Smith": a comma may stand between a role and the name.
        let ends = [
            Some(a),
            (a > first + 1 && tokens[a - 1].text(text) == ",").then(|| a - 1),
        ];
        for end in ends.into_iter().flatten() {
            if end <= first || !l.filters.titles.may_end_with(folded.word(end - 1)) {
                continue;
            }
            for k in 1..=l.max_words.max(1) {
                if end < first + k {
                    break;
                }
                if let Some((kind, _)) = l.title(folded.phrase(end - k, end)) {
                    if end < a && *kind != TitleKind::Role && *kind != TitleKind::Founder {
                        continue;
                    }
                    return Some(*kind);
                }
            }
        }
        None
    }

    /// The longest title phrase of two words or more starting at token `a`
    /// (before `b`): its length in tokens and its kind.
    fn title_at(
        &self,
        folded: &Folded,
        a: usize,
        b: usize,
        l: &LangNames,
    ) -> Option<(usize, TitleKind)> {
        if !l.filters.titles.may_start_with(folded.word(a)) {
            return None;
        }
        (2..=l.max_words.min(b - a))
            .rev()
            .find_map(|k| l.title(folded.phrase(a, a + k)).map(|(kind, _)| (k, *kind)))
    }

    /// The first token after `start` and before `end` where a role title begins,
    /// titles at the very start of the run left aside ("Vice President Jane Roe"
    /// is one title and a name, not a name cut at "President").
    fn inner_title(
        &self,
        tokens: &[Token],
        folded: &Folded,
        start: usize,
        end: usize,
        l: &LangNames,
    ) -> Option<usize> {
        let role_at = |j: usize| -> Option<usize> {
            if !l.filters.titles.may_start_with(folded.word(j)) {
                return None;
            }
            (1..=l.max_words.min(end - j)).rev().find_map(|k| {
                match l.title(folded.phrase(j, j + k)) {
                    Some((TitleKind::Role | TitleKind::Founder, _)) => Some(k),
                    _ => None,
                }
            })
        };
        let mut j = start;
        // Leading titles and non-names are the run's own business (classify trims them).
        while j < end {
            let f = folded.word(j);
            if let Some(k) = role_at(j) {
                j += k;
            } else if l.not_name(f) || l.title(f).is_some() {
                j += 1;
            } else {
                break;
            }
        }
        (j + 1..end).find(|&k| tokens[k].kind == TokenKind::Word && role_at(k).is_some())
    }

    /// True when a role title follows token `b` (after an optional possessive
    /// 's), itself followed by a capitalised word or a comma: "Globex CEO Jane
    /// Roe", "Globex's chief executive, Jane Roe".
    fn role_after(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &Folded,
        mut b: usize,
        last: usize,
        l: &LangNames,
    ) -> bool {
        if b < last && tokens[b].kind == TokenKind::Possessive {
            b += 1;
        }
        let n = l.max_words.min(last.saturating_sub(b));
        if n == 0 || !l.filters.titles.may_start_with(folded.word(b)) {
            return false;
        }
        for k in (1..=n).rev() {
            if let Some((TitleKind::Role | TitleKind::Founder, _)) =
                l.title(folded.phrase(b, b + k))
            {
                // A capitalised role ends a title of its own ("National Security
                // Advisor", "Best Director"); only a lower-case or all-capital one
                // ("Globex chief executive", "Globex CEO") says whose role it is.
                if tokens[b].case == Case::Title {
                    return false;
                }
                return match tokens.get(b + k) {
                    Some(t) if b + k < last => starts_name(text, t) || t.text(text) == ",",
                    _ => false,
                };
            }
        }
        false
    }

    /// True when a comma follows token `b`, then an article, up to two other
    /// words (not a possessive), and a role: ", the Japanese minister", ", minister".
    fn role_apposition_after(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &Folded,
        b: usize,
        last: usize,
        l: &LangNames,
    ) -> bool {
        if b >= last || tokens[b].text(text) != "," {
            return false;
        }
        let mut j = b + 1;
        if j < last && l.determiner(folded.word(j)) {
            j += 1;
        }
        for _ in 0..3 {
            if j >= last || tokens[j].kind != TokenKind::Word {
                return false;
            }
            if let Some((TitleKind::Role | TitleKind::Founder, _)) = l.title(folded.word(j)) {
                return true;
            }
            j += 1;
        }
        false
    }

    /// "PDG de X", "cofondateur d'X", "employé de la X", "strategist at X": a role
    /// title, up to two words (adjectives), then "de"/"d'"/"du"/"des"/"of"/"at"/"for"
    /// (and "la"/"l'") right before the name.
    fn role_of_before(&self, folded: &Folded, first: usize, a: usize, l: &LangNames) -> bool {
        let mut k = a;
        if k > first && matches!(folded.word(k - 1), "la" | "l'") {
            k -= 1;
        }
        if k <= first
            || !matches!(
                folded.word(k - 1),
                "de" | "d'" | "du" | "des" | "of" | "at" | "for"
            )
        {
            return false;
        }
        k -= 1;
        (1..=3).any(|back| {
            k >= first + back && {
                matches!(
                    l.title(folded.word(k - back)),
                    Some((TitleKind::Role | TitleKind::Founder, _))
                )
            }
        })
    }

    /// An organisation head or cue right before the name, or before one
    /// lower-case word ("la start-up grenobloise Thermix") or a "de"-phrase
    /// ("la banque d'affaires Lazard"); or after it, as an apposition
    /// ("Alvéa, une société de conseil").
    #[allow(clippy::too_many_arguments)]
    fn org_context_before(
        &self,
        tokens: &[Token],
        folded: &Folded,
        first: usize,
        a: usize,
        b: usize,
        last: usize,
        l: &LangNames,
    ) -> bool {
        let lower = |i: usize| tokens[i].kind == TokenKind::Word && tokens[i].case == Case::Lower;
        // The phrase ends at `a`, or before one lower-case word, or before it and "de".
        let mut ends = [a, a, a];
        let mut n = 1;
        if a > first && lower(a - 1) && !l.not_name(folded.word(a - 1)) {
            ends[1] = a - 1;
            n = 2;
            if a > first + 1 && matches!(folded.word(a - 2), "de" | "d'") {
                ends[2] = a - 2;
                n = 3;
            }
        }
        for &end in &ends[..n] {
            if end <= first || !l.filters.org_context.may_end_with(folded.word(end - 1)) {
                continue;
            }
            for k in 1..=l.max_words.max(1) {
                if end < first + k {
                    break;
                }
                let phrase = folded.phrase(end - k, end);
                if let Some(head) = l.context(phrase)
                    && (head || end == a)
                {
                    return true;
                }
            }
        }
        // Apposition after the name: ", une société …", ", the company …".
        if b + 2 < last && folded.word(b) == "," {
            if l.determiner(folded.word(b + 1)) {
                for k in 1..=l.max_words.max(1) {
                    if b + 2 + k > last {
                        break;
                    }
                    if l.context(folded.phrase(b + 2, b + 2 + k)) == Some(true) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// The folded key of a lexicon phrase: words joined by one space, an elision
/// glued to the next word ("l' opérateur" and "l'opérateur" are one key).
pub fn phrase_key(s: &str) -> String {
    let f = fold(s);
    let mut out = String::new();
    for w in f.split_whitespace() {
        if !out.is_empty() && !out.ends_with('\'') {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The folded phrase of some tokens, in the form of [`phrase_key`].
pub fn phrase_of(text: &str, toks: &[Token]) -> String {
    // Room for the tokens and the spaces between them (folding seldom grows a word).
    let mut out = String::with_capacity(toks.iter().map(|t| t.span.len() + 1).sum());
    for t in toks {
        if !out.is_empty() && !out.ends_with('\'') && t.kind != TokenKind::Punct {
            out.push(' ');
        }
        crate::text::fold_push(t.text(text), &mut out);
    }
    out
}

/// The fold of the text from token `a` to token `b - 1` as a slice of `folded`, when
/// the text between those tokens is what the folded text has there (one space or
/// nothing): [`fold`] folds character by character, a token's folded word is the
/// fold of its text, and a space folds to itself.
fn folded_span<'f>(
    text: &str,
    tokens: &[Token],
    folded: &'f Folded,
    a: usize,
    b: usize,
) -> Option<&'f str> {
    for k in a..b.saturating_sub(1) {
        let gap = text
            .as_bytes()
            .get(tokens[k].span.end..tokens[k + 1].span.start)?;
        let joined = folded.phrase(k, k + 2).len();
        let words = folded.word(k).len() + folded.word(k + 1).len();
        match joined.checked_sub(words)? {
            0 if gap.is_empty() => {}
            1 if gap == b" " => {}
            _ => return None,
        }
    }
    (a < b).then(|| folded.phrase(a, b))
}

/// True when a token can start or continue a name: a capitalised word.
fn starts_name(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && t.case.is_capitalised()
        && match text.as_bytes().get(t.span.start) {
            // An ASCII first byte is the first character (of a token's non-empty span).
            Some(b) if b.is_ascii() && t.span.start < t.span.end && t.span.end <= text.len() => {
                b.is_ascii_alphabetic()
            }
            _ => t.text(text).chars().next().is_some_and(char::is_alphabetic),
        }
}

/// Organisation names followed by a model number name a product: "Airbus A380",
/// "Boeing 787s". Each such ORG mention becomes a PRODUCT mention that takes in the
/// model token (when it is free). A number that looks like a year is not a model.
pub fn model_names(text: &str, tokens: &[Token], mentions: &mut [Mention], taken: &mut [bool]) {
    for m in mentions.iter_mut() {
        if m.label != Label::Org {
            continue;
        }
        let b = m.tokens.1;
        let Some(t) = tokens.get(b) else { continue };
        let w = t.text(text);
        let digits = w.chars().filter(char::is_ascii_digit).count();
        let model = t.space_before
            && !taken[b]
            && digits > 0
            && match t.kind {
                TokenKind::Number => {
                    !(digits == 4 && (w.starts_with("19") || w.starts_with("20")))
                        && w.chars().all(|c| c.is_ascii_digit())
                }
                // "A380", "737s"
                TokenKind::Word => w
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
                _ => false,
            };
        if model {
            taken[b] = true;
            m.tokens.1 = b + 1;
            m.span = Span::new(m.span.start, t.span.end);
            m.label = Label::Product;
            m.rule = "product:model";
            m.known = None;
        }
    }
}

/// True when a folded word ends like a demonym or a nationality adjective
/// ("Japanese", "Canadian", "British", "français"): such a word does not start a
/// person's name ("Japanese Politics").
pub fn looks_like_demonym(folded: &str) -> bool {
    ["ese", "ian", "ean", "ish", "ais", "aise", "ois"]
        .iter()
        .any(|x| folded.ends_with(x))
}

/// True when the word ending at token `b` is glued by a hyphen to a number, as in a
/// model code: "KC-45", "DC-10", "MD-11" (not organisations).
fn is_model_code(text: &str, tokens: &[Token], b: usize) -> bool {
    matches!(
        (tokens.get(b), tokens.get(b + 1)),
        (Some(h), Some(n)) if matches!(h.text(text), "-" | "‐" | "‑")
            && !h.space_before
            && !n.space_before
            && n.kind == TokenKind::Number
    )
}

/// "McDonald", "MacArthur", "DeVito", "O'Neil": inner capitals that are still a person's name.
fn is_name_like_mixed(w: &str) -> bool {
    let starts = [
        "Mc", "Mac", "De", "Di", "Le", "La", "Van", "O'", "O’", "D'", "D’",
    ];
    starts.iter().any(|p| {
        w.strip_prefix(p).is_some_and(|rest| {
            rest.chars().next().is_some_and(char::is_uppercase) && Case::of(rest) == Case::Title
        })
    })
}

/// A sentence written mostly in capitals or in title case (a headline): letter
/// case says little about names there.
fn is_headline(text: &str, toks: &[Token]) -> bool {
    let words = toks.iter().filter(|t| t.kind == TokenKind::Word);
    let n = words.clone().count();
    if n < 3 {
        return false;
    }
    let upper = words.filter(|t| t.case == Case::Upper).count();
    let _ = text;
    upper * 10 >= n * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filtered lookups answer as the maps do, for the lists' own keys and for
    /// every phrase of up to five tokens of some invented sentences; a phrase that
    /// starts or ends with a word the hoisted tests rule out is no key.
    #[test]
    fn filtered_lookups_are_the_maps() {
        let rules = NameRules::from_lexicons(&LexiconSet::builtin().unwrap()).unwrap();
        let sentences = [
            "Selon le PDG de la société Acme SA, M. Jean-Luc Durand, l'opérateur « Orange » \
             a été racheté par le groupe Vivendi ; la ministre de l'Intérieur et le \
             secrétaire d'État à l'Économie ont salué la start-up grenobloise Thermix.",
            "Le directeur général délégué de la Caisse d'allocations familiales, Mme Léa \
             Martin, a quitté l'Assemblée nationale pour Paris et New York.",
            "Globex CEO Jane Roe, the chief executive of Initech Corp., said Vice President \
             John Smith and his wife left the company at Bank of America in Washington.",
            "Kaoru Yosano, the Japanese finance minister, met Dr. O'Neil of the Adam Air \
             Flight 574 inquiry, a co-founder of the charity \"Hope for All\".",
        ];
        let mut phrases: Vec<String> = Vec::new();
        for l in &rules.langs {
            phrases.extend(l.titles.keys().cloned());
            phrases.extend(l.titles_before_dot.keys().cloned());
            phrases.extend(l.org_context.keys().cloned());
            phrases.extend(l.not_names.iter().cloned());
            phrases.extend(l.institutions.iter().cloned());
            phrases.extend(l.tails.iter().cloned());
            phrases.extend(l.determiners.iter().cloned());
        }
        phrases.extend(rules.first_names.keys().cloned());
        for set in [
            &rules.suffixes,
            &rules.long_suffixes,
            &rules.org_words,
            &rules.particles,
            &rules.places,
            &rules.place_words,
        ] {
            phrases.extend(set.iter().cloned());
        }
        let mut hoisted = 0;
        for text in sentences {
            let toks = crate::tokenize::tokenize(text);
            let folded = Folded::new(text, &toks);
            for a in 0..toks.len() {
                for b in a + 1..=(a + 5).min(toks.len()) {
                    let p = folded.phrase(a, b);
                    phrases.push(p.to_string());
                    for l in &rules.langs {
                        let f = &l.filters;
                        if !f.titles.may_start_with(folded.word(a))
                            || !f.titles.may_end_with(folded.word(b - 1))
                        {
                            assert_eq!(l.titles.get(p), None, "{p}");
                            hoisted += 1;
                        }
                        if !f.org_context.may_end_with(folded.word(b - 1))
                            || !f.org_context.may_start_with(folded.word(a))
                        {
                            assert_eq!(l.org_context.get(p), None, "{p}");
                        }
                    }
                }
            }
        }
        assert!(hoisted > 100, "{hoisted}");
        let mut hits = 0;
        for p in &phrases {
            let p = p.as_str();
            for l in &rules.langs {
                assert_eq!(l.title(p), l.titles.get(p), "{p}");
                assert_eq!(l.title_before_dot(p), l.titles_before_dot.get(p), "{p}");
                assert_eq!(l.context(p), l.org_context.get(p).copied(), "{p}");
                assert_eq!(l.not_name(p), l.not_names.contains(p), "{p}");
                assert_eq!(l.institution(p), l.institutions.contains(p), "{p}");
                assert_eq!(l.tail(p), l.tails.contains(p), "{p}");
                assert_eq!(l.determiner(p), l.determiners.contains(p), "{p}");
                hits += usize::from(l.title(p).is_some());
            }
            assert_eq!(
                rules.first_name(p),
                rules.first_names.contains_key(p),
                "{p}"
            );
            assert_eq!(rules.org_word(p), rules.org_words.contains(p), "{p}");
            assert_eq!(rules.particle(p), rules.particles.contains(p), "{p}");
            assert_eq!(rules.place(p), rules.places.contains(p), "{p}");
            assert_eq!(rules.place_word(p), rules.place_words.contains(p), "{p}");
            for w in [p.to_string(), p.to_uppercase(), format!("{p}.")] {
                let scan = {
                    let w = w.trim_end_matches('.');
                    rules.suffixes.contains(w)
                        || (w.chars().count() >= 4
                            && w.chars().next().is_some_and(char::is_uppercase)
                            && rules.long_suffixes.contains(&w.to_ascii_lowercase()))
                };
                assert_eq!(rules.is_suffix(&w), scan, "{w}");
            }
        }
        assert!(hits > 200, "{hits}");
    }

    /// The folded phrase stands for the fold of a span's text only when it is that
    /// fold; `starts_name` reads an ASCII first byte as the first character.
    #[test]
    fn folded_spans_and_name_starts_are_the_plain_ones() {
        let rules = NameRules::from_lexicons(&LexiconSet::builtin().unwrap()).unwrap();
        let (mut some, mut none) = (0, 0);
        for text in [
            "À Paris, M. Jean-Luc Durand et  Mme Léa  Martin (Île-de-France) ont vu l'Élysée.",
            "New York\u{a0}City, Los Angeles\nand Saint-Étienne ; « Orange » d'Air France-KLM.",
            "L’ONU à Genève, O'Neil’s U.S. trip: J. P. Morgan, ÉDF, 3M, xAI, Œuvre, élan.",
        ] {
            let toks = crate::tokenize::tokenize(text);
            let folded = Folded::new(text, &toks);
            for a in 0..toks.len() {
                let t = &toks[a];
                let plain = t.kind == TokenKind::Word
                    && t.case.is_capitalised()
                    && t.text(text).chars().next().is_some_and(char::is_alphabetic);
                assert_eq!(starts_name(text, t), plain, "{:?}", t.text(text));
                for b in a + 1..=(a + 5).min(toks.len()) {
                    let whole = &text[toks[a].span.start..toks[b - 1].span.end];
                    match folded_span(text, &toks, &folded, a, b) {
                        Some(f) => {
                            assert_eq!(f, fold(whole), "{whole:?}");
                            some += 1;
                        }
                        None => none += 1,
                    }
                }
            }
        }
        assert!(some > 50 && none > 10, "{some} {none}");
        for place in rules.places.iter().filter(|p| p.is_ascii()).take(50) {
            assert!(rules.is_place(place) && rules.is_place(&place.to_uppercase()));
        }
    }

    #[test]
    fn with_fold_is_fold() {
        let long = "A".repeat(60);
        for s in [
            "",
            "Paris",
            "paris",
            "PARIS",
            "O'Neil",
            "Élodie",
            "MÜNCHEN",
            "x-Y_z",
            "`",
            &long,
            "ÀB",
            "a\u{202f}B",
        ] {
            assert_eq!(with_fold(s, str::to_string), fold(s), "{s:?}");
        }
    }

    #[test]
    fn suffixes_match_as_the_list_scan_did() {
        let rules =
            NameRules::from_lexicons(&crate::lexicon::LexiconSet::builtin().unwrap()).unwrap();
        let scan = |word: &str| {
            let w = word.trim_end_matches('.');
            rules.suffixes.contains(w)
                || (w.chars().count() >= 4
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && rules
                        .suffixes
                        .iter()
                        .any(|x| x.chars().count() >= 4 && x.eq_ignore_ascii_case(w)))
        };
        let mut words: Vec<String> =
            vec!["SA".into(), "sa".into(), "Société".into(), "Acme".into()];
        for x in &rules.suffixes {
            words.extend([
                x.clone(),
                x.to_uppercase(),
                x.to_lowercase(),
                format!("{x}."),
            ]);
            let mut title = x.to_lowercase();
            if let Some(c) = title.get(..1) {
                title = c.to_uppercase() + &title[1..];
            }
            words.push(title);
        }
        assert!(
            words
                .iter()
                .any(|w| rules.is_suffix(w) && !rules.suffixes.contains(w.trim_end_matches('.')))
        );
        for w in &words {
            assert_eq!(rules.is_suffix(w), scan(w), "{w}");
        }
    }

    #[test]
    fn folded_words_and_phrases_are_fold_and_phrase_of() {
        let text = "le PDG d'Acme Inc. , l'opérateur « Œuvre » de M. Jean-Luc O'Brien’s";
        let toks = crate::tokenize::tokenize(text);
        let folded = Folded::new(text, &toks);
        assert_eq!(folded.len(), toks.len());
        for a in 0..toks.len() {
            assert_eq!(folded.word(a), fold(toks[a].text(text)), "{a}");
            for b in a + 1..=toks.len() {
                assert_eq!(
                    folded.phrase(a, b),
                    phrase_of(text, &toks[a..b]),
                    "{a}..{b}"
                );
            }
        }
        assert_eq!(folded.phrase(2, 6), "d'acme inc.");
        assert_eq!((folded.word(toks.len()), folded.phrase(3, 3)), ("", ""));
    }
}
