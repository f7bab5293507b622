//! # nergraph
//!
//! Reads a news article (French or English) and turns it into a graph of
//! **people, companies and dates** and the relations between them: who worked
//! where, who founded, left or acquired what, and who fell out with whom.
//!
//! Everything is rules and lexicons (plain text files under `lexicons/`,
//! compiled in and overridable from a directory): fast, deterministic, and
//! every entity and edge says which rule produced it.
//!
//! ```
//! use nergraph::{Extractor, Options};
//!
//! let extractor = Extractor::builtin()?;
//! let doc = extractor.extract(
//!     "Luc Martin, cofondateur de Globex, a quitté Globex en 2019.",
//!     &Options::default(),
//! )?;
//! assert_eq!(doc.lang, "fr");
//! let left = doc.relations.iter().find(|r| r.kind == "LEFT").unwrap();
//! assert_eq!(doc.entity(&left.source).unwrap().name, "Luc Martin");
//! assert_eq!(left.date.as_deref(), Some("2019"));
//! println!("{}", nergraph::export::dot::dot(&doc));
//! # Ok::<(), nergraph::Error>(())
//! ```
//!
//! ## Errors and panics
//!
//! Everything that reads input a caller gives (text bytes, lexicon files, batch
//! lines, dates) returns [`Result`]; every [`Error`] displays as one line. No
//! function panics on any input: the text pipeline, the lexicon and pattern
//! parsers and the batch line reader are fuzzed (see `fuzz/README.md`) and
//! property-tested, and take time linear in their input. The only `expect`s
//! outside tests are on the crate's own data (serialising its output types to
//! JSON, parsing its built-in relation maps), which cannot fail.
//!
//! ## Stages
//! - [`tokenize`]: tokens and sentences;
//! - [`lexicon`]: loading the lexicon files;
//! - [`recognize`]: gazetteer, name rules, dates;
//! - [`resolve`]: mentions into entities, pronouns into references;
//! - [`relate`]: relation patterns into edges;
//! - [`document`], [`graph`], [`export`]: the output.

#![warn(missing_docs)]

pub mod batch;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod graph;
pub mod lang;
pub mod lexicon;
pub mod merge;
pub mod pipeline;
pub mod recognize;
pub mod relate;
pub mod resolve;
pub mod span;
pub mod text;
pub mod tokenize;

pub use document::Document;
pub use error::{Error, ErrorKind, Result};
pub use lang::Lang;
pub use pipeline::{Extractor, Options, decode};
pub use recognize::date::CalDate;
