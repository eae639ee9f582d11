//! [`Absorbed`]: bytes a state must keep from its inputs (HKDF salt and info, AEAD associated
//! data, an Ed25519 message), bounded by [`crate::Limits::max_absorbed_bytes`].

use zeroize::Zeroizing;

use crate::error::{CryptoError, Result};

/// A byte buffer filled by `absorb` / `update`, bounded by the context's limit.
#[derive(Clone)]
pub(crate) struct Absorbed {
    data: Zeroizing<Vec<u8>>,
    limit: usize,
}

impl Absorbed {
    pub(crate) fn new(limit: usize) -> Self {
        Absorbed {
            data: Zeroizing::new(Vec::new()),
            limit,
        }
    }

    /// Appends `data`; `overflow` past the limit (nothing is appended then).
    pub(crate) fn push(&mut self, data: &[u8]) -> Result<()> {
        if data.len() > self.limit.saturating_sub(self.data.len()) {
            return Err(CryptoError::Overflow);
        }
        self.data.extend_from_slice(data);
        Ok(())
    }

    /// Bytes [`push`](Self::push) still accepts.
    pub(crate) fn room(&self) -> usize {
        self.limit.saturating_sub(self.data.len())
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.data
    }
}
