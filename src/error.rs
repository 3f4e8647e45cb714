//! The crate's one error type: what was wrong with the input, in words an
//! editor can act on (which setting, what it held, what is allowed).
//!
//! Messages are built by concatenation rather than `format!` so the wasm
//! build does not pull in `std::fmt` for them.

use crate::format::Join;

/// What kind of problem an error reports.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `data-bering-chart` is missing or names no chart.
    UnknownChart,
    /// A display option (`data-units`, `data-currency`, …) has a value that is not allowed.
    BadOption,
    /// The custom chart specification (child JSON) is malformed or out of range.
    BadSpec,
    /// A currency was asked for that a figure was never reported in, and no rate was given.
    MissingRate,
    /// The drawing surface refused to draw.
    Render,
}

/// An error with a reader-facing message.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartError {
    kind: ErrorKind,
    message: String,
}

impl ChartError {
    /// An error of `kind` whose message is the concatenation of `parts`.
    pub fn new(kind: ErrorKind, parts: &[&str]) -> Self {
        ChartError { kind, message: parts.cat() }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ChartError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_is_the_concatenated_parts() {
        let e = ChartError::new(ErrorKind::BadOption, &["data-units=\"", "x", "\" is not allowed"]);
        assert_eq!(e.message(), "data-units=\"x\" is not allowed");
        assert_eq!(e.to_string(), e.message());
        assert_eq!(e.kind(), ErrorKind::BadOption);
    }
}
