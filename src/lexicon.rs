//! Lexicons: language knowledge as data.
//!
//! Every file under `lexicons/` is compiled in with `include_str!`. A directory
//! given at run time (`--lexicons DIR`, [`LexiconSet::add_dir`]) is laid over
//! them: for each `DIR/<part>/<file>` whose name is known, its rows are added
//! to the built-in ones; a row whose first field starts with `-` removes the
//! built-in rows with that first field (`-Apple` removes `Apple`).
//!
//! All files share one syntax: UTF-8 lines, `#` starts a comment line, blank
//! lines are ignored, fields are separated by tabs. What the fields mean is up
//! to the stage that reads the file; each stage reports a bad field as
//! `path:line:column: what was expected`.

use crate::error::{Error, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One line of a lexicon file, split into tab-separated fields.
#[derive(Clone, Debug)]
pub struct Row {
    /// The file it came from.
    pub path: Arc<Path>,
    /// 1-based line number.
    pub line: usize,
    /// The fields, trimmed of surrounding spaces.
    pub fields: Vec<String>,
    /// 1-based column of each field.
    columns: Vec<usize>,
}

impl Row {
    /// Field `i`, or an error saying what was expected there.
    pub fn field(&self, i: usize, expected: &str) -> Result<&str> {
        match self.fields.get(i) {
            Some(f) if !f.is_empty() => Ok(f),
            _ => Err(self.error(i, format!("expected {expected} in field {}", i + 1))),
        }
    }

    /// Field `i`, or "" when it is absent.
    pub fn opt(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", String::as_str)
    }

    /// An error about field `i` of this row.
    pub fn error(&self, i: usize, message: impl Into<String>) -> Error {
        self.error_at(i, 0, message)
    }

    /// An error about the part of field `i` that starts `offset` characters
    /// into it (a token of a relation pattern).
    pub fn error_at(&self, i: usize, offset: usize, message: impl Into<String>) -> Error {
        let column = self
            .columns
            .get(i)
            .copied()
            .unwrap_or_else(|| self.columns.last().copied().unwrap_or(1));
        Error::lexicon(self.path.to_path_buf(), self.line, column + offset, message)
    }
}

macro_rules! builtin {
    ($($part:literal / $file:literal),* $(,)?) => {
        &[$(($part, $file, include_str!(concat!("../lexicons/", $part, "/", $file)))),*]
    };
}

/// The built-in lexicon files: (part, file name, contents).
pub const BUILTIN: &[(&str, &str, &str)] = builtin![
    "common" / "descriptions.tsv",
    "common" / "first_names.tsv",
    "common" / "org_suffixes.txt",
    "common" / "org_words.txt",
    "common" / "orgs.tsv",
    "common" / "particles.txt",
    "common" / "people.tsv",
    "common" / "place_words.txt",
    "common" / "places.txt",
    "common" / "products.txt",
    "en" / "abbreviations.txt",
    "en" / "dates.tsv",
    "en" / "determiners.txt",
    "en" / "function_words.txt",
    "en" / "institutions.txt",
    "en" / "not_names.txt",
    "en" / "org_context.tsv",
    "en" / "pronouns.tsv",
    "en" / "relations.tsv",
    "en" / "titles.tsv",
    "fr" / "abbreviations.txt",
    "fr" / "dates.tsv",
    "fr" / "determiners.txt",
    "fr" / "function_words.txt",
    "fr" / "institutions.txt",
    "fr" / "not_names.txt",
    "fr" / "org_context.tsv",
    "fr" / "pronouns.tsv",
    "fr" / "relations.tsv",
    "fr" / "titles.tsv",
];

/// All lexicon files, parsed into rows, keyed by (part, file name).
#[derive(Clone, Debug, Default)]
pub struct LexiconSet {
    files: BTreeMap<(String, String), Vec<Row>>,
    warnings: Vec<String>,
}

impl LexiconSet {
    /// The built-in lexicons.
    pub fn builtin() -> Result<LexiconSet> {
        let mut set = LexiconSet::default();
        for (part, file, contents) in BUILTIN {
            let path: Arc<Path> = Arc::from(PathBuf::from(format!("<builtin>/{part}/{file}")));
            // Built-in files hold no duplicates: the test `builtin_lexicons_have_no_duplicates`
            // checks them, so that a start does not.
            let rows = parse(&path, contents)?;
            set.files.insert((part.to_string(), file.to_string()), rows);
        }
        Ok(set)
    }

    /// Lay the files of `dir` over these lexicons (see the module doc).
    /// Unknown file names are an error, so that a typo does not go unnoticed.
    pub fn add_dir(&mut self, dir: &Path) -> Result<()> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(Some(dir.to_path_buf()), e))?;
        let mut parts: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        parts.sort();
        for part_dir in parts {
            if !part_dir.is_dir() {
                continue;
            }
            let part = part_dir
                .file_name()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            if !matches!(part.as_str(), "common" | "fr" | "en") {
                return Err(Error::bad_argument(format!(
                    "{}: unknown lexicon part (expected common, fr or en)",
                    part_dir.display()
                )));
            }
            let mut files: Vec<PathBuf> = std::fs::read_dir(&part_dir)
                .map_err(|e| Error::io(Some(part_dir.clone()), e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            files.sort();
            for path in files {
                let name = path
                    .file_name()
                    .and_then(|s| s.to_str())
                    .unwrap_or("")
                    .to_string();
                if !self.files.contains_key(&(part.clone(), name.clone())) {
                    return Err(Error::bad_argument(format!(
                        "{}: unknown lexicon file (known in {part}/: {})",
                        path.display(),
                        self.files
                            .keys()
                            .filter(|k| k.0 == part)
                            .map(|k| k.1.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                }
                let bytes = std::fs::read(&path).map_err(|e| Error::io(Some(path.clone()), e))?;
                let contents = String::from_utf8(bytes).map_err(|e| {
                    let offset = e.utf8_error().valid_up_to();
                    let bytes = e.as_bytes();
                    let line_start = bytes[..offset]
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(0, |p| p + 1);
                    // Column in characters: the valid prefix of the line is UTF-8.
                    let column = String::from_utf8_lossy(&bytes[line_start..offset])
                        .chars()
                        .count();
                    Error::lexicon(
                        &path,
                        1 + line_of(bytes, offset),
                        column + 1,
                        format!("invalid UTF-8 (byte offset {offset}); lexicon files are UTF-8"),
                    )
                })?;
                self.add_file(&part, &name, &path, &contents)?;
            }
        }
        Ok(())
    }

    /// Lay the contents of one file over the lexicon file `part/file` (as
    /// [`add_dir`](Self::add_dir) does for each file of a directory); `path` names
    /// it in errors and warnings. An entry that is already there gives a warning.
    pub fn add_file(&mut self, part: &str, file: &str, path: &Path, contents: &str) -> Result<()> {
        let key = (part.to_string(), file.to_string());
        if !self.files.contains_key(&key) {
            return Err(Error::bad_argument(format!(
                "{}: unknown lexicon file {part}/{file}",
                path.display()
            )));
        }
        let arc: Arc<Path> = Arc::from(path);
        let rows = parse(&arc, contents)?;
        let mut seen = HashMap::new();
        // Relation rules replace built-in rules with the same id (see relate):
        // only a rule given twice in one file is a duplicate.
        if file != "relations.tsv" {
            for row in self.rows(part, file) {
                for k in entry_keys(file, row) {
                    seen.entry(k).or_insert_with(|| row.clone());
                }
            }
        }
        let mut added = Vec::new();
        for row in rows {
            if let Some(name) = row.fields[0].strip_prefix('-') {
                let name = name.trim().to_string();
                if let Some(target) = self.files.get_mut(&key) {
                    target.retain(|r| r.fields[0] != name);
                }
                seen.retain(|_, r: &mut Row| r.fields[0] != name);
            } else {
                self.check_duplicate(file, &row, &mut seen);
                added.push(row);
            }
        }
        if let Some(target) = self.files.get_mut(&key) {
            target.extend(added);
        }
        Ok(())
    }

    /// Warn about an entry of `row` that `seen` already holds (from another row
    /// of the same lexicon file), naming both lines; then remember its entries.
    fn check_duplicate(&mut self, file: &str, row: &Row, seen: &mut HashMap<String, Row>) {
        for k in entry_keys(file, row) {
            match seen.get(&k) {
                Some(first) => {
                    let same = first.fields.len() == row.fields.len()
                        && first.fields[1..] == row.fields[1..];
                    let what = if same { "duplicate" } else { "conflicting" };
                    self.warnings.push(format!(
                        "{}:{}: {what} entry '{k}' (also at {}:{}){}",
                        row.path.display(),
                        row.line,
                        first.path.display(),
                        first.line,
                        if same {
                            String::new()
                        } else {
                            format!(
                                ": '{}' there, '{}' here",
                                first.fields.join("\t"),
                                row.fields.join("\t")
                            )
                        }
                    ));
                }
                None => {
                    seen.insert(k, row.clone());
                }
            }
        }
    }

    /// Warnings about duplicate or conflicting entries, one line each,
    /// as `path:line: … (also at path:line)`.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The rows of one file (empty if the file is unknown).
    pub fn rows(&self, part: &str, file: &str) -> &[Row] {
        self.files
            .get(&(part.to_string(), file.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// The known (part, file) names.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.keys().map(|(p, f)| (p.as_str(), f.as_str()))
    }
}

/// The keys under which a row's entries are looked up: the rule id for relation
/// patterns, the name and every alias for known people and organisations, the
/// entry as written for products, the word and its kind for date words, else
/// the first field (folded, spaces collapsed, as the stages compare them).
fn entry_keys(file: &str, row: &Row) -> Vec<String> {
    let key = |s: &str| crate::recognize::names::phrase_key(s);
    match file {
        "relations.tsv" => vec![row.opt(1).to_string()],
        // Matched as written (case-aware gazetteer).
        "products.txt" => vec![row.fields[0].clone()],
        // One word may play several parts ("from": a cue, a range opener).
        "dates.tsv" => vec![format!("{} ({})", key(&row.fields[0]), row.opt(1))],
        // One description may name several entities over the years.
        "descriptions.tsv" => vec![format!("{} ({})", key(&row.fields[0]), key(row.opt(1)))],
        "people.tsv" | "orgs.tsv" => std::iter::once(row.fields[0].as_str())
            .chain(row.opt(1).split('|'))
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .fold(Vec::new(), |mut keys, a| {
                if !keys.iter().any(|k| k == a) {
                    keys.push(a.to_string());
                }
                keys
            }),
        _ => vec![key(&row.fields[0])],
    }
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Parse one file's contents into rows.
pub fn parse(path: &Arc<Path>, contents: &str) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for (i, raw) in contents.lines().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(pos) = line.find(|c: char| c.is_control() && c != '\t') {
            return Err(Error::lexicon(
                path.to_path_buf(),
                i + 1,
                line[..pos].chars().count() + 1,
                "unexpected control character (fields are separated by tabs)",
            ));
        }
        let mut fields = Vec::new();
        let mut columns = Vec::new();
        let mut col = 1usize;
        for f in line.split('\t') {
            let lead = f.chars().take_while(|c| c.is_whitespace()).count();
            columns.push(col + lead);
            fields.push(f.trim().to_string());
            col += f.chars().count() + 1;
        }
        if fields[0].is_empty() {
            return Err(Error::lexicon(
                path.to_path_buf(),
                i + 1,
                1,
                "expected an entry in field 1, found an empty field",
            ));
        }
        rows.push(Row {
            path: path.clone(),
            line: i + 1,
            fields,
            columns,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fields_and_columns() {
        let path: Arc<Path> = Arc::from(Path::new("x.tsv"));
        let rows = parse(&path, "# comment\n\nAcme\tAcme Corp|ACME\n  Zed \n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[0].fields, vec!["Acme", "Acme Corp|ACME"]);
        let err = rows[1].field(1, "aliases").unwrap_err().to_string();
        assert_eq!(err, "x.tsv:4:3: expected aliases in field 2");
        let err = rows[0].error(1, "bad alias").to_string();
        assert_eq!(err, "x.tsv:3:6: bad alias");
    }

    #[test]
    fn empty_first_field_is_an_error() {
        let path: Arc<Path> = Arc::from(Path::new("y.tsv"));
        let err = parse(&path, "ok\n\tnope\n").unwrap_err().to_string();
        assert!(err.starts_with("y.tsv:2:1:"), "{err}");
    }

    #[test]
    fn builtin_lexicons_parse() {
        LexiconSet::builtin().unwrap();
    }

    #[test]
    fn overlays_warn_about_duplicates_naming_both_lines() {
        let mut set = LexiconSet::builtin().unwrap();
        let path = Path::new("my/common/people.tsv");
        set.add_file(
            "common",
            "people.tsv",
            path,
            "Luc Martin\t\tm\n# c\nLuc Martin\t\tf\nAnne Roy\nAnne Roy\n",
        )
        .unwrap();
        assert_eq!(
            set.warnings(),
            &[
                "my/common/people.tsv:3: conflicting entry 'Luc Martin' (also at my/common/people.tsv:1): 'Luc Martin\t\tm' there, 'Luc Martin\t\tf' here",
                "my/common/people.tsv:5: duplicate entry 'Anne Roy' (also at my/common/people.tsv:4)",
            ]
        );
        // Against a built-in entry, and a removed entry may come back.
        let builtin_line = set.rows("fr", "titles.tsv")[0].line;
        let first = set.rows("fr", "titles.tsv")[0].fields.join("\t");
        let mut set = LexiconSet::builtin().unwrap();
        set.add_file("fr", "titles.tsv", Path::new("t.tsv"), &first)
            .unwrap();
        assert_eq!(set.warnings().len(), 1);
        assert!(
            set.warnings()[0].starts_with("t.tsv:1: duplicate entry")
                && set.warnings()[0]
                    .ends_with(&format!("(also at <builtin>/fr/titles.tsv:{builtin_line})")),
            "{:?}",
            set.warnings()
        );
        let mut set = LexiconSet::builtin().unwrap();
        let name = &set.rows("fr", "titles.tsv")[0].fields[0].clone();
        set.add_file(
            "fr",
            "titles.tsv",
            Path::new("t.tsv"),
            &format!("-{name}\n{first}\n"),
        )
        .unwrap();
        assert_eq!(set.warnings(), &[] as &[String]);
        // Relation rules with a built-in id replace it: no warning.
        let mut set = LexiconSet::builtin().unwrap();
        let rule = set.rows("fr", "relations.tsv")[0].fields.join("\t");
        set.add_file("fr", "relations.tsv", Path::new("r.tsv"), &rule)
            .unwrap();
        assert_eq!(set.warnings(), &[] as &[String]);
    }

    #[test]
    fn builtin_lexicons_have_no_duplicates() {
        let builtin = LexiconSet::builtin().unwrap();
        assert_eq!(builtin.warnings(), &[] as &[String]);
        // What checking each built-in file at start-up would say.
        let mut set = LexiconSet::default();
        for (part, file, _) in BUILTIN {
            let mut seen = HashMap::new();
            for row in builtin.rows(part, file) {
                set.check_duplicate(file, row, &mut seen);
            }
        }
        assert_eq!(set.warnings(), &[] as &[String]);
        // The check finds a duplicate in a built-in file.
        let mut seen = HashMap::new();
        let row = &builtin.rows("fr", "titles.tsv")[0];
        set.check_duplicate("titles.tsv", row, &mut seen);
        set.check_duplicate("titles.tsv", row, &mut seen);
        assert_eq!(set.warnings().len(), 1);
    }
}
