//! Helpers shared by subcommands: reading input, writing output atomically,
//! building the extractor.

use nergraph::{Error, Extractor, Lang};
use std::io::{Read, Write};
use std::path::Path;

/// "auto" → None, else a language.
pub fn parse_lang(s: &str) -> Result<Option<Lang>, Error> {
    if s.eq_ignore_ascii_case("auto") {
        Ok(None)
    } else {
        s.parse().map(Some)
    }
}

/// The extractor on the built-in lexicons, with an optional directory laid over them.
pub fn build_extractor(dir: Option<&Path>) -> Result<Extractor, Error> {
    let mut b = Extractor::builder();
    if let Some(d) = dir {
        b = b.lexicons_dir(d);
    }
    let ex = b.build()?;
    for w in ex.warnings() {
        eprintln!("nergraph: warning: {w}");
    }
    Ok(ex)
}

/// All bytes of a file, or of standard input for "-".
pub fn read_input(input: &str) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::bad_argument(format!("standard input: {e}")))?;
    } else {
        bytes = std::fs::read(input).map_err(|e| Error::bad_argument(format!("{input}: {e}")))?;
    }
    Ok(bytes)
}

/// Write `out` to `path` atomically (temporary file, then rename), or to standard output.
pub fn write_output(path: Option<&Path>, out: &[u8]) -> Result<(), Error> {
    match path {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(out)
                .and_then(|_| stdout.flush())
                .or_else(|e| {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })
                .map_err(|e| Error::bad_argument(format!("standard output: {e}")))
        }
        Some(p) => {
            let tmp = temp_path(p);
            std::fs::write(&tmp, out)
                .and_then(|_| std::fs::rename(&tmp, p))
                .map_err(|e| {
                    let _ = std::fs::remove_file(&tmp);
                    Error::bad_argument(format!("{}: {e}", p.display()))
                })
        }
    }
}

/// The temporary file that `path` is written to before it is renamed into place:
/// beside it (same file system), hidden, named after the process.
pub fn temp_path(path: &Path) -> std::path::PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("out");
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}
