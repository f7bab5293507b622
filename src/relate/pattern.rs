//! The relation pattern language (see `lexicons/fr/relations.tsv` for its
//! documentation) and its matcher.
//!
//! A sentence is seen as a sequence of [`Item`]s: an entity mention (or a
//! pronoun resolved to an entity) is one item, every other token is one item.
//! A pattern matches a contiguous stretch of items. Matching backtracks over
//! optional elements and gaps; gaps are bounded, so the cost of one attempt is
//! bounded by the product of gap sizes, and patterns are only tried on
//! sentences that contain all their non-optional words.

use crate::error::Result;
use crate::lexicon::Row;
use crate::recognize::Label;
use crate::resolve::Initials;
use crate::text::fold;
use std::borrow::Cow;
use std::collections::HashMap;

/// The five relation types of the contract (and room for more).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelType {
    /// PERSON → ORG: employed by, member, executive of.
    WorkedAt,
    /// PERSON → ORG: founded or co-founded.
    Founded,
    /// PERSON → ORG: left, resigned, was pushed out.
    Left,
    /// ORG|PERSON → ORG: bought or took over.
    Acquired,
    /// PERSON ↔ PERSON|ORG: feud, quarrel (symmetric).
    FellOutWith,
}

impl RelType {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            RelType::WorkedAt => "WORKED_AT",
            RelType::Founded => "FOUNDED",
            RelType::Left => "LEFT",
            RelType::Acquired => "ACQUIRED",
            RelType::FellOutWith => "FELL_OUT_WITH",
        }
    }

    /// Parse the contract's name.
    pub fn parse(s: &str) -> Option<RelType> {
        Some(match s {
            "WORKED_AT" => RelType::WorkedAt,
            "FOUNDED" => RelType::Founded,
            "LEFT" => RelType::Left,
            "ACQUIRED" => RelType::Acquired,
            "FELL_OUT_WITH" => RelType::FellOutWith,
            _ => return None,
        })
    }

    /// True for symmetric relations.
    pub fn symmetric(self) -> bool {
        self == RelType::FellOutWith
    }
}

/// Words a gap never skips: they open another clause. "et"/"and" count only
/// before a relative ("… avec Musk et qui est dirigeante de …" does not make
/// Musk the subject of "est"), since they mostly join nouns.
fn breaks_clause(w: &str, next: Option<&Item>) -> bool {
    match w {
        "qui" | "mais" | ";" | "who" | "which" | "but" => true,
        "et" | "and" => {
            matches!(next, Some(Item::Word(n)) if matches!(n.as_ref(), "qui" | "que" | "who" | "which"))
        }
        _ => false,
    }
}

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum Elem {
    /// An entity slot.
    Slot {
        /// Source (true) or target (false).
        source: bool,
        /// Accepted entity types.
        labels: Vec<Label>,
        /// Accept "X et Y" coordination.
        coord: bool,
    },
    /// A word or punctuation, with alternatives (folded); `prefix` alternatives end with `*`.
    Word {
        /// Exact alternatives.
        exact: Vec<String>,
        /// Prefix alternatives.
        prefixes: Vec<String>,
        /// May be skipped.
        optional: bool,
    },
    /// Skip up to N items.
    Gap(usize),
    /// `~,`: skip an apposition or a parenthesis, if there is one: ", … ," or "( … )"
    /// of at most 12 items, entities included ("Luc Martin, cofondateur de Globex, a quitté").
    Apposition,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Relation type.
    pub kind: RelType,
    /// Rule id, e.g. `fr/founded/active`.
    pub id: String,
    /// Confidence of an edge it finds.
    pub confidence: f32,
    /// Elements.
    pub elems: Vec<Elem>,
    /// Index of the anchor element: the first non-optional word.
    pub anchor: Option<usize>,
    /// A pattern for a standing role or description ("X, PDG de Y"), flagged
    /// `state` in the file's fifth field: its edges take no date, since the
    /// sentence's date is seldom the date of the role.
    pub state: bool,
    /// The first bytes of the anchor's alternatives: a quick test before
    /// comparing words with them.
    anchor_initials: Initials,
}

/// An item of a sentence, as the matcher sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum Item<'a> {
    /// An entity (index) of a given type; `unknown` marks a promotable name.
    Entity {
        /// Identity of the entity: two items with one id are one entity.
        id: usize,
        /// Its type.
        label: Label,
        /// A pronoun or description resolved to an entity: gaps may skip it.
        weak: bool,
    },
    /// A folded word or punctuation.
    Word(Cow<'a, str>),
}

/// One match: sources, targets, and the item range matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    /// Source items (indices into the items).
    pub sources: Vec<usize>,
    /// Target items.
    pub targets: Vec<usize>,
    /// First item matched.
    pub start: usize,
    /// One past the last item matched.
    pub end: usize,
    /// Item of the anchor word.
    pub anchor: usize,
}

fn parse_labels(s: &str) -> Option<Vec<Label>> {
    s.split('|')
        .map(|l| match l {
            "PER" | "PERSON" => Some(Label::Person),
            "ORG" => Some(Label::Org),
            _ => None,
        })
        .collect()
}

impl Pattern {
    /// Parse a row `TYPE <TAB> id <TAB> confidence <TAB> pattern`.
    pub fn parse(row: &Row, classes: &HashMap<String, Vec<String>>) -> Result<Pattern> {
        let kind = RelType::parse(row.field(0, "a relation type")?).ok_or_else(|| {
            row.error(
                0,
                "expected WORKED_AT, FOUNDED, LEFT, ACQUIRED or FELL_OUT_WITH",
            )
        })?;
        let id = row.field(1, "a rule id")?.to_string();
        let confidence: f32 = row
            .field(2, "a confidence")?
            .parse()
            .ok()
            .filter(|c| (0.0..=1.0).contains(c))
            .ok_or_else(|| row.error(2, "expected a confidence between 0 and 1"))?;
        let text = row.field(3, "a pattern")?;
        let mut elems = Vec::new();
        // Errors point at the token: its offset in characters into the field.
        let at = |tok: &str| {
            let byte = (tok.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            text.get(..byte).map_or(0, |s| s.chars().count())
        };
        for tok in text.split_whitespace() {
            let elem = if tok == "~," {
                Elem::Apposition
            } else if let Some(n) = tok.strip_prefix('~') {
                Elem::Gap(n.parse().ok().filter(|&n: &usize| n <= 12).ok_or_else(|| {
                    row.error_at(
                        3,
                        at(tok),
                        format!("in pattern: '{tok}': expected ~N with N from 0 to 12"),
                    )
                })?)
            } else if let Some(rest) = tok.strip_prefix("S:").or_else(|| tok.strip_prefix("T:")) {
                let (rest, coord) = match rest.strip_suffix('!') {
                    Some(r) => (r, false),
                    None => (rest, true),
                };
                let labels = parse_labels(rest).ok_or_else(|| {
                    row.error_at(
                        3,
                        at(tok),
                        format!(
                            "in pattern: '{tok}': expected a slot like S:PER, T:ORG or S:PER|ORG"
                        ),
                    )
                })?;
                Elem::Slot {
                    source: tok.starts_with('S'),
                    labels,
                    coord,
                }
            } else {
                let (body, optional) = match tok.strip_suffix('?') {
                    Some(b) if !b.is_empty() => (b, true),
                    _ => (tok, false),
                };
                let mut exact = Vec::new();
                let mut prefixes = Vec::new();
                for alt in body.split('|') {
                    if let Some(name) = alt.strip_prefix('@') {
                        let words = classes.get(name).ok_or_else(|| {
                            let mut known: Vec<String> =
                                classes.keys().map(|k| format!("@{k}")).collect();
                            known.sort();
                            row.error_at(
                                3,
                                at(tok),
                                format!(
                                    "in pattern: '{tok}': unknown word class '@{name}' (known: {})",
                                    known.join(", ")
                                ),
                            )
                        })?;
                        exact.extend(words.iter().cloned());
                        continue;
                    }
                    if alt.is_empty() {
                        return Err(row.error_at(
                            3,
                            at(tok),
                            format!("in pattern: '{tok}': empty alternative"),
                        ));
                    }
                    match alt.strip_suffix('*') {
                        Some(p) if !p.is_empty() => prefixes.push(fold(p)),
                        _ => exact.push(fold(alt)),
                    }
                }
                Elem::Word {
                    exact,
                    prefixes,
                    optional,
                }
            };
            elems.push(elem);
        }
        let sources = elems
            .iter()
            .filter(|e| matches!(e, Elem::Slot { source: true, .. }))
            .count();
        let targets = elems
            .iter()
            .filter(|e| matches!(e, Elem::Slot { source: false, .. }))
            .count();
        if sources != 1 || targets != 1 {
            return Err(row.error(
                3,
                "expected exactly one source slot (S:…) and one target slot (T:…)",
            ));
        }
        if matches!(elems.first(), Some(Elem::Gap(_) | Elem::Apposition))
            || matches!(elems.last(), Some(Elem::Gap(_) | Elem::Apposition))
        {
            return Err(row.error(3, "a pattern cannot start or end with a gap"));
        }
        let state = match row.opt(4) {
            "" => false,
            "state" => true,
            _ => return Err(row.error(4, "expected 'state' or nothing in field 5")),
        };
        let anchor = elems.iter().position(|e| {
            matches!(
                e,
                Elem::Word {
                    optional: false,
                    ..
                }
            )
        });
        let mut anchor_initials = Initials::default();
        if let Some(Elem::Word {
            exact, prefixes, ..
        }) = anchor.map(|a| &elems[a])
        {
            exact
                .iter()
                .chain(prefixes)
                .for_each(|w| anchor_initials.add(w));
        }
        Ok(Pattern {
            anchor_initials,
            state,
            kind,
            id,
            confidence,
            elems,
            anchor,
        })
    }

    /// The words every match uses (its non-optional words): for each, its
    /// exact and prefix alternatives.
    pub fn required_words(&self) -> impl Iterator<Item = (&[String], &[String])> {
        self.elems.iter().filter_map(|e| match e {
            Elem::Word {
                exact,
                prefixes,
                optional: false,
            } => Some((exact.as_slice(), prefixes.as_slice())),
            _ => None,
        })
    }

    /// Find all matches in `items` (at most one per start position).
    pub fn find(&self, items: &[Item]) -> Vec<Match> {
        let mut out = Vec::new();
        // The anchor word is never optional: no match starts after its last occurrence.
        let end = match self.anchor.map(|a| &self.elems[a]) {
            Some(Elem::Word {
                exact, prefixes, ..
            }) => items
                .iter()
                .rposition(|it| {
                    matches!(it, Item::Word(w)
                        if (w.is_empty() || self.anchor_initials.may_start(w))
                            && (exact.iter().any(|x| x == w)
                                || prefixes.iter().any(|p| w.starts_with(p.as_str()))))
                })
                .map_or(0, |p| p + 1),
            _ => items.len(),
        };
        for start in 0..end {
            // A pattern that opens with a slot starts only at an entity of its type
            // (what match_at would find at once, without the call).
            if let Some(Elem::Slot { labels, .. }) = self.elems.first() {
                if !matches!(&items[start], Item::Entity { label, .. } if labels.contains(label)) {
                    continue;
                }
            }
            let mut st = State::default();
            if self.match_at(items, 0, start, &mut st) {
                out.push(Match {
                    sources: st.sources,
                    targets: st.targets,
                    start,
                    end: st.end,
                    anchor: st.anchor.unwrap_or(start),
                });
            }
        }
        out
    }

    fn match_at(&self, items: &[Item], e: usize, pos: usize, st: &mut State) -> bool {
        let Some(elem) = self.elems.get(e) else {
            // An entity is never related to itself: backtrack to another binding
            // ("avec son associée X": "son" is the subject, X the co-founder).
            let id = |x: usize| match &items[x] {
                Item::Entity { id, .. } => Some(*id),
                Item::Word(_) => None,
            };
            if st
                .sources
                .iter()
                .any(|&a| st.targets.iter().any(|&b| id(a) == id(b)))
            {
                return false;
            }
            st.end = pos;
            return true;
        };
        match elem {
            Elem::Apposition => {
                let close = match items.get(pos) {
                    Some(Item::Word(w)) if w == "," => ",",
                    Some(Item::Word(w)) if w == "(" => ")",
                    _ => return self.match_at(items, e + 1, pos, st),
                };
                let end = (pos + 1..items.len().min(pos + 14))
                    .find(|&p| matches!(&items[p], Item::Word(w) if w == close));
                // A failed match_at leaves `st` as it was (see State).
                if let Some(end) = end {
                    if self.match_at(items, e + 1, end + 1, st) {
                        return true;
                    }
                }
                self.match_at(items, e + 1, pos, st)
            }
            Elem::Gap(n) => {
                // The types of the nearest slots before and after may not be skipped:
                // the nearest entity binds.
                fn slot_labels(x: &Elem) -> Option<&[Label]> {
                    match x {
                        Elem::Slot { labels, .. } => Some(labels.as_slice()),
                        _ => None,
                    }
                }
                let next: &[Label] = self.elems[e + 1..]
                    .iter()
                    .find_map(slot_labels)
                    .unwrap_or(&[]);
                let prev: &[Label] = self.elems[..e]
                    .iter()
                    .rev()
                    .find_map(slot_labels)
                    .unwrap_or(&[]);
                let blocked = |l: &Label| next.contains(l) || prev.contains(l);
                let mut p = pos;
                for _ in 0..=*n {
                    if self.match_at(items, e + 1, p, st) {
                        return true;
                    }
                    match items.get(p) {
                        Some(Item::Entity { label, weak, .. }) if !weak && blocked(label) => {
                            return false;
                        }
                        // A gap stays inside its clause.
                        Some(Item::Word(w)) if breaks_clause(w, items.get(p + 1)) => return false,
                        Some(_) => p += 1,
                        None => return false,
                    }
                }
                false
            }
            Elem::Word {
                exact,
                prefixes,
                optional,
            } => {
                if let Some(Item::Word(w)) = items.get(pos) {
                    if exact.iter().any(|x| x == w)
                        || prefixes.iter().any(|p| w.starts_with(p.as_str()))
                    {
                        let anchor = st.anchor;
                        if Some(e) == self.anchor {
                            st.anchor = Some(pos);
                        }
                        if self.match_at(items, e + 1, pos + 1, st) {
                            return true;
                        }
                        st.anchor = anchor;
                    }
                }
                *optional && self.match_at(items, e + 1, pos, st)
            }
            Elem::Slot {
                source,
                labels,
                coord,
            } => {
                let Some(Item::Entity { label, .. }) = items.get(pos) else {
                    return false;
                };
                if !labels.contains(label) {
                    return false;
                }
                // Coordination: "X et Y", "X, Y et Z". The members are the items
                // pos, pos + 2, pos + 4, …: `n` of them.
                let mut n = 1;
                let mut p = pos + 1;
                if *coord {
                    loop {
                        let comma = match items.get(p) {
                            Some(Item::Word(w))
                                if matches!(w.as_ref(), "," | "et" | "and" | "&") =>
                            {
                                w == ","
                            }
                            _ => break,
                        };
                        match items.get(p + 1) {
                            Some(Item::Entity { label: l2, .. }) if labels.contains(l2) => {
                                n += 1;
                                p += 2;
                                if !comma {
                                    break;
                                }
                            }
                            _ => break,
                        }
                    }
                }
                // Try the longest coordination first, then shorter ones.
                while n > 0 {
                    let saved = (st.sources.len(), st.targets.len());
                    let members = (0..n).map(|k| pos + 2 * k);
                    let next = pos + 2 * (n - 1) + 1;
                    if *source {
                        st.sources.extend(members);
                    } else {
                        st.targets.extend(members);
                    }
                    if self.match_at(items, e + 1, next, st) {
                        return true;
                    }
                    st.sources.truncate(saved.0);
                    st.targets.truncate(saved.1);
                    n -= 1;
                }
                false
            }
        }
    }
}

/// The bindings of a match in progress. `match_at` only changes it on success:
/// a branch that fails undoes its own changes (sources and targets only grow, so
/// truncating to the saved lengths undoes them), and so leaves it as it found it.
#[derive(Clone, Debug, Default)]
struct State {
    sources: Vec<usize>,
    targets: Vec<usize>,
    end: usize,
    anchor: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    fn pattern(line: &str) -> Pattern {
        let path: Arc<Path> = Arc::from(Path::new("t.tsv"));
        let rows = crate::lexicon::parse(&path, line).unwrap();
        {
            let mut classes = HashMap::new();
            classes.insert(
                "role".to_string(),
                vec!["pdg".to_string(), "ministre".to_string()],
            );
            Pattern::parse(&rows[0], &classes).unwrap()
        }
    }

    fn items(spec: &str) -> Vec<Item<'_>> {
        spec.split_whitespace()
            .enumerate()
            .map(|(i, w)| match w {
                "P" => Item::Entity {
                    id: i,
                    label: Label::Person,
                    weak: false,
                },
                "O" => Item::Entity {
                    id: i,
                    label: Label::Org,
                    weak: false,
                },
                "D" => Item::Entity {
                    id: i,
                    label: Label::Date,
                    weak: false,
                },
                w => Item::Word(fold(w).into()),
            })
            .collect()
    }

    #[test]
    fn anchor_initials_reject_only_other_words() {
        // The anchor ("fondé", "créé", "lanc*", "@role") is found wherever a word
        // fits one of its alternatives, and its first-byte test changes nothing.
        let p = pattern("FOUNDED\tt\t0.9\tS:PER fondé|créé|lanc*|@role T:ORG");
        for (words, found) in [
            ("P fondé O", true),
            ("P Créé O", true),
            ("P lancée O", true),
            ("P lanc O", true),
            ("P PDG O", true),
            ("P fonder O", false),
            ("P ondé O", false),
            ("P xlancée O", false),
            ("P , O", false),
        ] {
            assert_eq!(p.find(&items(words)).len(), usize::from(found), "{words}");
        }
    }

    #[test]
    fn matches() {
        let cases: &[(&str, &str, Option<(Vec<usize>, Vec<usize>)>)] = &[
            (
                "FOUNDED\tt\t0.9\tfondée ~3 par S:PER! ~, , T:ORG",
                "fondée en D par P , O est dirigée par P",
                Some((vec![4], vec![6])),
            ),
            (
                "LEFT\tt\t0.9\tS:PER ~, ~3 a quitté T:ORG",
                "P , fondateur de O , a quitté O",
                Some((vec![0], vec![8])),
            ),
            (
                "FOUNDED\tt\t0.9\tS:PER ~2 a fondé T:ORG",
                "P a fondé O",
                Some((vec![0], vec![3])),
            ),
            (
                "FOUNDED\tt\t0.9\tS:PER ~3 a fondé T:ORG",
                "P , hier , a fondé O",
                Some((vec![0], vec![6])),
            ),
            (
                "FOUNDED\tt\t0.9\tS:PER ~2 a fondé T:ORG",
                "P et P ont fondé O",
                None,
            ),
            (
                "FOUNDED\tt\t0.9\tS:PER ~2 ont fondé T:ORG",
                "P et P ont fondé O",
                Some((vec![0, 2], vec![5])),
            ),
            (
                "FOUNDED\tt\t0.9\tT:ORG ~3 fondée par S:PER",
                "O , fondée par P",
                Some((vec![4], vec![0])),
            ),
            (
                "LEFT\tt\t0.9\tS:PER ~3 a quitté T:ORG",
                "P dit que P a quitté O",
                Some((vec![3], vec![6])),
            ),
            (
                "WORKED_AT\tt\t0.9\tS:PER ~3 travaill* chez T:ORG",
                "P travaillait chez O",
                Some((vec![0], vec![3])),
            ),
            (
                "WORKED_AT\tt\t0.9\tS:PER ~3 travaill* chez T:ORG",
                "P travaillait pour O",
                None,
            ),
            (
                "ACQUIRED\tt\t0.9\tS:ORG a|avait racheté? acquis T:ORG",
                "O a acquis O",
                Some((vec![0], vec![3])),
            ),
        ];
        for (p, s, want) in cases {
            let pat = pattern(p);
            let got = pat
                .find(&items(s))
                .into_iter()
                .next()
                .map(|m| (m.sources, m.targets));
            assert_eq!(&got, want, "{p} on {s}");
        }
    }

    #[test]
    fn bad_patterns_name_the_column() {
        let path: Arc<Path> = Arc::from(Path::new("r.tsv"));
        for (line, col) in [
            ("FOUNDS\tx\t0.5\tS:PER a T:ORG", 1),
            ("FOUNDED\tx\t1.5\tS:PER a T:ORG", 11),
            ("FOUNDED\tx\t0.5\tS:PER a", 15),
            ("FOUNDED\tx\t0.5\tS:PLACE a T:ORG", 15),
            ("FOUNDED\tx\t0.5\tS:PER  a|| T:ORG", 22),
            ("FOUNDED\tx\t0.5\tS:PER a ~13 T:ORG", 23),
        ] {
            let rows = crate::lexicon::parse(&path, line).unwrap();
            let err = Pattern::parse(&rows[0], &HashMap::new())
                .unwrap_err()
                .to_string();
            assert!(err.starts_with(&format!("r.tsv:1:{col}:")), "{line}: {err}");
        }
    }
}
