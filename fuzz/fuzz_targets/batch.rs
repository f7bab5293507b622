//! The JSONL batch line reader on arbitrary bytes: an input or an error with
//! the line's id, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nergraph::Options;
use nergraph::batch::parse_line;

fuzz_target!(|data: &[u8]| {
    for lossy in [false, true] {
        match parse_line(data, lossy) {
            Ok(input) => {
                assert!(lossy || !input.text.contains('\0'));
                let _ = input.options(&Options::default());
            }
            Err(e) => {
                let s = e.to_string();
                assert!(!s.is_empty() && !s.contains('\n'), "{s}");
                let record = serde_json::json!({"id": e.id, "error": s}).to_string();
                assert!(!record.contains('\n'));
            }
        }
    }
});
