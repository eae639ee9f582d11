//! [`Budget`]: the host memory one [`CryptoCtx`](crate::CryptoCtx) may hold on its guest's
//! behalf, [`Limits::max_memory_bytes`](crate::Limits::max_memory_bytes).
//!
//! Every allocation a guest can cause is preceded by a [`Reservation`] of its size: the objects
//! behind handles (keys, states, tags, signatures, array outputs, option values), the bytes states
//! buffer from `absorb`/`update`, clones, and the host copies one call makes of guest buffers for
//! as long as the call runs. A reservation the budget cannot cover is `overflow`, and nothing is
//! allocated; dropping a reservation gives its bytes back.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{CryptoError, Result};

/// Fixed cost charged for every object behind a handle, on top of its payload: the table entry,
/// the object's own struct and allocator overhead (an upper estimate, in bytes).
pub(crate) const OBJECT_OVERHEAD: usize = 1024;

/// A shared account of bytes in use against a limit. Cloning shares the account.
#[derive(Clone)]
pub(crate) struct Budget(Arc<Account>);

struct Account {
    limit: usize,
    used: AtomicUsize,
}

impl fmt::Debug for Budget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Budget({} of {} bytes)", self.used(), self.0.limit)
    }
}

impl Budget {
    pub(crate) fn new(limit: usize) -> Self {
        Budget(Arc::new(Account {
            limit,
            used: AtomicUsize::new(0),
        }))
    }

    /// Bytes currently reserved.
    pub(crate) fn used(&self) -> usize {
        self.0.used.load(Ordering::Relaxed)
    }

    /// Reserves `bytes`; `overflow` if the budget cannot cover them (nothing is reserved then).
    pub(crate) fn reserve(&self, bytes: usize) -> Result<Reservation> {
        let mut r = Reservation {
            budget: self.clone(),
            bytes: 0,
        };
        r.grow(bytes)?;
        Ok(r)
    }

    /// Takes `bytes` from the account without a [`Reservation`] to give them back: the caller
    /// keeps the count and calls [`give_back`](Self::give_back) with it (the handle table, which
    /// holds one count per entry). `overflow` if the budget cannot cover them (nothing taken).
    pub(crate) fn take(&self, bytes: usize) -> Result<()> {
        let account = &self.0;
        let mut used = account.used.load(Ordering::Relaxed);
        loop {
            let Some(new) = used.checked_add(bytes).filter(|&u| u <= account.limit) else {
                return Err(CryptoError::Overflow);
            };
            match account.used.compare_exchange_weak(
                used,
                new,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return Ok(()),
                Err(actual) => used = actual,
            }
        }
    }

    /// Gives back `bytes` that [`take`](Self::take) took.
    pub(crate) fn give_back(&self, bytes: usize) {
        if bytes > 0 {
            self.0.used.fetch_sub(bytes, Ordering::Relaxed);
        }
    }

    /// A reservation of nothing, to [`grow`](Reservation::grow) later.
    pub(crate) fn empty(&self) -> Reservation {
        Reservation {
            budget: self.clone(),
            bytes: 0,
        }
    }
}

/// Bytes reserved from a [`Budget`], given back on drop.
pub(crate) struct Reservation {
    budget: Budget,
    bytes: usize,
}

impl fmt::Debug for Reservation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Reservation({} bytes)", self.bytes)
    }
}

impl Reservation {
    /// Reserves `more` bytes on top; `overflow` if the budget cannot cover them (the reservation
    /// is unchanged then).
    pub(crate) fn grow(&mut self, more: usize) -> Result<()> {
        self.budget.take(more)?;
        self.bytes += more;
        Ok(())
    }

    /// An empty reservation from the same budget.
    pub(crate) fn sibling(&self) -> Reservation {
        self.budget.empty()
    }

    /// A second reservation of the same size, for a copy of what this one covers, taken even past
    /// the limit: only for copies whose room the caller reserved (and gave back) just before, as
    /// `symmetric_state_clone` does.
    pub(crate) fn clone_unchecked(&self) -> Reservation {
        self.budget.0.used.fetch_add(self.bytes, Ordering::Relaxed);
        Reservation {
            budget: self.budget.clone(),
            bytes: self.bytes,
        }
    }

    /// Bytes this reservation holds.
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        // An empty reservation (an AEAD state that buffered no associated data) gives back
        // nothing: no atomic write for it.
        if self.bytes > 0 {
            self.budget.0.used.fetch_sub(self.bytes, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reservations_are_bounded_and_given_back() {
        let budget = Budget::new(100);
        let a = budget.reserve(60).unwrap();
        assert_eq!(budget.reserve(41).unwrap_err(), CryptoError::Overflow);
        let mut b = budget.reserve(40).unwrap();
        assert_eq!(b.grow(1), Err(CryptoError::Overflow));
        assert_eq!(b.bytes(), 40);
        drop(a);
        b.grow(60).unwrap();
        assert_eq!(budget.used(), 100);
        let copy = b.clone_unchecked();
        assert_eq!(budget.used(), 200, "an unchecked copy is still counted");
        drop(copy);
        drop(b);
        assert_eq!(budget.used(), 0);
        budget.take(70).unwrap();
        assert_eq!(
            budget.take(31),
            Err(CryptoError::Overflow),
            "taken counts too"
        );
        assert_eq!(budget.reserve(31).unwrap_err(), CryptoError::Overflow);
        budget.give_back(70);
        assert_eq!(budget.used(), 0);
    }
}
