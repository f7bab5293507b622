//! The crate's one error type.
//!
//! [`Error`] is opaque: match on [`Error::kind`] to tell the cases apart. Every
//! message is one line, lower case, and names the file (and line, for lexicons)
//! it is about.

use std::fmt;
use std::path::PathBuf;

/// A `Result` whose error is the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A lexicon or pattern file has a malformed line.
    Lexicon {
        /// The file, as given (built-in files are named `<builtin>/lang/file`).
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// 1-based column (in characters) where the problem starts.
        column: usize,
        /// What was expected.
        message: String,
    },
    /// Input bytes are not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// Input looks binary (it holds NUL bytes).
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// A date given by the caller (e.g. `--doc-date`) cannot be read.
    BadDate(String),
    /// An argument or option is invalid.
    BadArgument(String),
    /// Reading or writing a file failed.
    Io {
        /// The file concerned, when there is one.
        path: Option<PathBuf>,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A JSON document cannot be read.
    Json {
        /// Where the JSON came from (file and line when known).
        origin: String,
        /// The parser's message.
        message: String,
    },
}

/// The error of every fallible operation in nergraph.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    /// The kind of the error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    pub(crate) fn lexicon(
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Error {
        Error::new(ErrorKind::Lexicon {
            path: path.into(),
            line,
            column,
            message: message.into(),
        })
    }

    pub(crate) fn io(path: Option<PathBuf>, source: std::io::Error) -> Error {
        Error::new(ErrorKind::Io { path, source })
    }

    /// An invalid argument (for callers such as the command-line tool).
    pub fn bad_argument(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::BadArgument(message.into()))
    }
}

impl fmt::Display for Error {
    /// One line, always: control characters that came from the input (a line
    /// break inside a `--doc-date` or a batch line's `"lang"`) are written escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message();
        if !message.contains(char::is_control) {
            return f.write_str(&message);
        }
        for c in message.chars() {
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

impl Error {
    fn message(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let f = &mut s;
        let _ = match &self.kind {
            ErrorKind::Lexicon {
                path,
                line,
                column,
                message,
            } => write!(f, "{}:{}:{}: {}", path.display(), line, column, message),
            ErrorKind::InvalidUtf8 { offset } => write!(
                f,
                "input is not valid UTF-8 (first invalid byte at offset {offset}); use --lossy to replace invalid bytes"
            ),
            ErrorKind::Binary { offset } => write!(
                f,
                "input looks binary (NUL byte at offset {offset}); use --lossy to read it as text anyway"
            ),
            ErrorKind::BadDate(s) => write!(f, "bad date: {s}"),
            ErrorKind::BadArgument(s) => write!(f, "{s}"),
            ErrorKind::Io {
                path: Some(p),
                source,
            } => write!(f, "{}: {}", p.display(), source),
            ErrorKind::Io { path: None, source } => write!(f, "{source}"),
            ErrorKind::Json { origin, message } => write!(f, "{origin}: invalid JSON: {message}"),
        };
        s
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line_whatever_the_input() {
        let e = Error::new(ErrorKind::BadDate(
            "'2020-01-01\nrm -rf\r\t\u{1b}[31m'".into(),
        ));
        assert_eq!(
            e.to_string(),
            "bad date: '2020-01-01\\nrm -rf\\r\\t\\u{1b}[31m'"
        );
        let e = Error::lexicon("a\nb.tsv", 3, 4, "expected x");
        assert_eq!(e.to_string(), "a\\nb.tsv:3:4: expected x");
    }
}
