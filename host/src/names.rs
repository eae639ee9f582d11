//! Algorithm name tables: the proposal's spellings, matched case-insensitively.

use crate::error::{CryptoError, Result};

/// The algorithm named `name` in `table`, ignoring ASCII case; `unsupported_algorithm` otherwise.
pub(crate) fn find<T: Copy>(table: &[(&'static str, T)], name: &str) -> Result<T> {
    table
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, alg)| *alg)
        .ok_or(CryptoError::UnsupportedAlgorithm)
}

/// The proposal's spelling of `alg` in `table`.
pub(crate) fn name_of<T: Copy + PartialEq>(table: &[(&'static str, T)], alg: T) -> &'static str {
    table
        .iter()
        .find(|(_, a)| *a == alg)
        .map_or("?", |(n, _)| n)
}
