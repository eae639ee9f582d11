//! [`Absorbed`]: bytes a state must keep from its inputs (HKDF salt and info, AEAD associated
//! data, an Ed25519 message), bounded by [`crate::Limits::max_absorbed_bytes`].
//!
//! A push that fails *poisons* the buffer: the state it belongs to then holds only part of what
//! the guest gave it, so every later use ([`Absorbed::bytes`], another push) answers the error of
//! the failed push, and no result (a signature, a key, a ciphertext) is ever made over partial
//! input. Only closing the state ends it.

use zeroize::Zeroize;

use crate::budget::{Budget, Reservation};
use crate::error::{CryptoError, Result};

/// What a state may buffer: at most `max` bytes ([`crate::Limits::max_absorbed_bytes`]), each
/// reserved from the context's memory `budget` as the buffer grows.
#[derive(Debug, Clone)]
pub(crate) struct AbsorbLimit {
    pub(crate) max: usize,
    pub(crate) budget: Budget,
}

impl AbsorbLimit {
    /// A limit of `max` bytes with a budget of its own that never runs out (tests, and states made
    /// outside a context).
    #[cfg(test)]
    pub(crate) fn unbudgeted(max: usize) -> Self {
        AbsorbLimit {
            max,
            budget: Budget::new(usize::MAX),
        }
    }
}

/// A byte buffer filled by `absorb` / `update`, bounded by the context's limit.
pub(crate) struct Absorbed {
    /// Wiped when replaced or dropped ([`wipe`]).
    data: Vec<u8>,
    limit: usize,
    /// The error of the push that failed, if one did.
    poisoned: Option<CryptoError>,
    /// The budget reservation of `data`'s capacity.
    held: Reservation,
}

impl Clone for Absorbed {
    /// A copy, counted in the same budget. The caller (`symmetric_state_clone`) reserves the room
    /// for it beforehand, see [`Absorbed::len`].
    fn clone(&self) -> Self {
        Absorbed {
            data: self.data.clone(),
            limit: self.limit,
            poisoned: self.poisoned,
            held: self.held.clone_unchecked(),
        }
    }
}

/// Zeroes `data`'s whole allocation, then frees it. A buffer that never allocated is left
/// alone: `Zeroizing<Vec<u8>>` zeroes an empty buffer's spare capacity too, and on this
/// machine's AVX-512 `memset` that is a masked store of no bytes to the dangling pointer,
/// which took about 60 ns (an eighth of a 64-byte AES-GCM message's host time).
fn wipe(mut data: Vec<u8>) {
    if data.capacity() != 0 {
        data.zeroize();
    }
}

impl Drop for Absorbed {
    fn drop(&mut self) {
        wipe(std::mem::take(&mut self.data));
    }
}

impl Absorbed {
    pub(crate) fn new(limit: &AbsorbLimit) -> Self {
        Absorbed {
            data: Vec::new(),
            limit: limit.max,
            poisoned: None,
            held: limit.budget.empty(),
        }
    }

    /// Appends `data`; `overflow` past the limit or past the context's memory budget. A failed
    /// push appends nothing and poisons the buffer (see the module documentation); a poisoned
    /// buffer answers its error again.
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
            // The new buffer is reserved while the old one is still held (both exist during the
            // copy); the old reservation goes with the old buffer.
            let mut held = self.held.sibling();
            if let Err(e) = held.grow(capacity) {
                return Err(self.poison(e));
            }
            let mut grown = Vec::new();
            if grown.try_reserve_exact(capacity).is_err() {
                return Err(self.poison(CryptoError::Overflow));
            }
            grown.extend_from_slice(&self.data);
            wipe(std::mem::replace(&mut self.data, grown));
            self.held = held;
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

    /// Bytes of the budget this buffer holds (its capacity): what a copy of it costs.
    pub(crate) fn reserved(&self) -> usize {
        self.held.bytes()
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
        let mut a = Absorbed::new(&AbsorbLimit::unbudgeted(8));
        a.push(b"12345").unwrap();
        assert_eq!(a.push(b"6789"), Err(CryptoError::Overflow));
        assert_eq!(a.bytes(), Err(CryptoError::Overflow));
        // Even a push that would fit is refused now.
        assert_eq!(a.push(b"6"), Err(CryptoError::Overflow));
        assert_eq!(a.len(), 5);
    }

    #[test]
    fn pushes_past_the_budget_are_overflow_and_poison() {
        let limit = AbsorbLimit {
            max: 1 << 20,
            budget: Budget::new(1000),
        };
        let mut a = Absorbed::new(&limit);
        a.push(&[1; 600]).unwrap();
        assert!(a.reserved() >= 600);
        let mut b = Absorbed::new(&limit);
        assert_eq!(b.push(&[2; 600]), Err(CryptoError::Overflow));
        assert_eq!(b.bytes(), Err(CryptoError::Overflow));
        drop(a);
        assert_eq!(limit.budget.used(), 0, "every byte is given back");
    }

    #[test]
    fn many_small_pushes_keep_every_byte() {
        let mut a = Absorbed::new(&AbsorbLimit::unbudgeted(1 << 20));
        for i in 0..10_000u32 {
            a.push(&i.to_le_bytes()[..1]).unwrap();
        }
        assert_eq!(a.bytes().unwrap().len(), 10_000);
        assert_eq!(a.bytes().unwrap()[300], (300 % 256) as u8);
    }
}
