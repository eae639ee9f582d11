//! [`Absorbed`]: bytes a state must keep from its inputs (HKDF salt and info, AEAD associated
//! data, an Ed25519 message), bounded by [`crate::Limits::max_absorbed_bytes`].
//!
//! A push that fails *poisons* the buffer: the state it belongs to then holds only part of what
//! the guest gave it, so every later use ([`Absorbed::bytes`], another push) answers the error of
//! the failed push, and no result (a signature, a key, a ciphertext) is ever made over partial
//! input. Only closing the state ends it.

use zeroize::Zeroizing;

use crate::error::{CryptoError, Result};

/// A byte buffer filled by `absorb` / `update`, bounded by the context's limit.
#[derive(Clone)]
pub(crate) struct Absorbed {
    data: Zeroizing<Vec<u8>>,
    limit: usize,
    /// The error of the push that failed, if one did.
    poisoned: Option<CryptoError>,
}

impl Absorbed {
    pub(crate) fn new(limit: usize) -> Self {
        Absorbed {
            data: Zeroizing::new(Vec::new()),
            limit,
            poisoned: None,
        }
    }

    /// Appends `data`; `overflow` past the limit. A failed push appends nothing and poisons the
    /// buffer (see the module documentation); a poisoned buffer answers its error again.
    pub(crate) fn push(&mut self, data: &[u8]) -> Result<()> {
        self.usable()?;
        if data.len() > self.room() {
            return Err(self.poison(CryptoError::Overflow));
        }
        let needed = self.data.len() + data.len();
        if needed > self.data.capacity() {
            // Grow by hand, fallibly: `Vec`'s own growth would free the old bytes unzeroized.
            // Doubling (up to the limit) keeps many small pushes linear.
            let capacity = needed.max(self.data.capacity().saturating_mul(2).min(self.limit));
            let mut grown = Zeroizing::new(Vec::new());
            if grown.try_reserve_exact(capacity).is_err() {
                return Err(self.poison(CryptoError::Overflow));
            }
            grown.extend_from_slice(&self.data);
            self.data = grown;
        }
        self.data.extend_from_slice(data);
        Ok(())
    }

    fn poison(&mut self, e: CryptoError) -> CryptoError {
        self.poisoned = Some(e);
        e
    }

    /// The error of the failed push, if any.
    fn usable(&self) -> Result<()> {
        match self.poisoned {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Number of bytes held.
    pub(crate) fn len(&self) -> usize {
        self.data.len()
    }

    /// Bytes [`push`](Self::push) still accepts.
    pub(crate) fn room(&self) -> usize {
        self.limit.saturating_sub(self.data.len())
    }

    /// Everything pushed; the error of the failed push if one failed.
    pub(crate) fn bytes(&self) -> Result<&[u8]> {
        self.usable()?;
        Ok(&self.data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_push_poisons_the_buffer() {
        let mut a = Absorbed::new(8);
        a.push(b"12345").unwrap();
        assert_eq!(a.push(b"6789"), Err(CryptoError::Overflow));
        assert_eq!(a.bytes(), Err(CryptoError::Overflow));
        // Even a push that would fit is refused now.
        assert_eq!(a.push(b"6"), Err(CryptoError::Overflow));
        assert_eq!(a.len(), 5);
    }

    #[test]
    fn many_small_pushes_keep_every_byte() {
        let mut a = Absorbed::new(1 << 20);
        for i in 0..10_000u32 {
            a.push(&i.to_le_bytes()[..1]).unwrap();
        }
        assert_eq!(a.bytes().unwrap().len(), 10_000);
        assert_eq!(a.bytes().unwrap()[300], (300 % 256) as u8);
    }
}
