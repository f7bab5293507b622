//! Subcommands of the binary (clap lives here only).

pub mod common;
pub mod eval;
pub mod extract;
