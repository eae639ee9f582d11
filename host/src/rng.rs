//! The host's secure random source: the operating system's CSPRNG through `getrandom`.

use crate::error::{CryptoError, Result};

/// Fills `buf` with secure random bytes; `rng_error` if the OS source fails.
pub(crate) fn fill(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|_| CryptoError::RngError)
}
