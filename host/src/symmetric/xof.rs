//! Extendable-output functions: `SHAKE-128`, `SHAKE-256` (FIPS 202 §6.2), `CSHAKE-128`,
//! `CSHAKE-256` (SP 800-185 §3; function name N empty, customization S = option `context`),
//! `TURBOSHAKE-128`, `TURBOSHAKE-256` (RFC 9861, domain separation byte 0x1F) and `BLAKE3`
//! (hash mode, or keyed mode with a 32-byte key).
//!
//! `absorb` feeds the message. The first `squeeze` finalizes the input; every `squeeze` then
//! continues the output stream, so two squeezes of 32 bytes give the first 64 bytes of output.
//! `absorb` after a squeeze is `invalid_operation`. Keyed BLAKE3 is also a MAC: `squeeze_tag`
//! (while absorbing) returns the first 32 bytes of its output as a tag, on a copy of the state.

use digest::{ExtendableOutput, Update, XofReader};
use zeroize::Zeroize;

use super::StateOps;
use crate::error::{CryptoError, Result};

/// An extendable-output function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum XofAlgorithm {
    /// SHAKE128 (FIPS 202).
    Shake128,
    /// SHAKE256 (FIPS 202).
    Shake256,
    /// cSHAKE128 (SP 800-185), S = option `context`.
    CShake128,
    /// cSHAKE256 (SP 800-185), S = option `context`.
    CShake256,
    /// TurboSHAKE128 (RFC 9861), D = 0x1F.
    TurboShake128,
    /// TurboSHAKE256 (RFC 9861), D = 0x1F.
    TurboShake256,
    /// BLAKE3: hash mode, or keyed mode with a 32-byte key.
    Blake3,
}

/// Length in bytes of a BLAKE3 key and of a keyed BLAKE3 tag.
pub(crate) const BLAKE3_KEY_LEN: usize = 32;

/// The absorbing half of an XOF, object-safe so that every function shares one state type.
trait Absorber: Send + Sync {
    fn update(&mut self, data: &[u8]);
    fn finish(self: Box<Self>) -> Box<dyn Squeezer>;
    fn boxed_clone(&self) -> Box<dyn Absorber>;
}

/// The squeezing half of an XOF: each `read` continues the output stream.
trait Squeezer: Send + Sync {
    fn read(&mut self, out: &mut [u8]);
    fn boxed_clone(&self) -> Box<dyn Squeezer>;
}

impl<T> Absorber for T
where
    T: Update + ExtendableOutput + Clone + Send + Sync + 'static,
    T::Reader: Clone + Send + Sync + 'static,
{
    fn update(&mut self, data: &[u8]) {
        Update::update(self, data);
    }
    fn finish(self: Box<Self>) -> Box<dyn Squeezer> {
        Box::new(Reader((*self).finalize_xof()))
    }
    fn boxed_clone(&self) -> Box<dyn Absorber> {
        Box::new(self.clone())
    }
}

/// A RustCrypto XOF reader (they wipe themselves on drop with the `zeroize` feature).
#[derive(Clone)]
struct Reader<R>(R);

impl<R: XofReader + Clone + Send + Sync + 'static> Squeezer for Reader<R> {
    fn read(&mut self, out: &mut [u8]) {
        self.0.read(out);
    }
    fn boxed_clone(&self) -> Box<dyn Squeezer> {
        Box::new(self.clone())
    }
}

/// A BLAKE3 hasher, wiped on drop (the crate's `Zeroize` is not a drop impl).
#[derive(Clone)]
struct Blake3(blake3::Hasher);

impl Drop for Blake3 {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl Absorber for Blake3 {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }
    fn finish(self: Box<Self>) -> Box<dyn Squeezer> {
        Box::new(Blake3Reader(self.0.finalize_xof()))
    }
    fn boxed_clone(&self) -> Box<dyn Absorber> {
        Box::new(self.clone())
    }
}

/// A BLAKE3 output reader, wiped on drop.
#[derive(Clone)]
struct Blake3Reader(blake3::OutputReader);

impl Drop for Blake3Reader {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl Squeezer for Blake3Reader {
    fn read(&mut self, out: &mut [u8]) {
        self.0.fill(out);
    }
    fn boxed_clone(&self) -> Box<dyn Squeezer> {
        Box::new(self.clone())
    }
}

enum Phase {
    Absorbing(Box<dyn Absorber>),
    Squeezing(Box<dyn Squeezer>),
}

/// The state of one XOF: absorbing until the first squeeze, squeezing after.
pub(crate) struct XofState {
    phase: Phase,
    /// Keyed BLAKE3: `squeeze_tag` is allowed.
    keyed: bool,
}

impl Clone for XofState {
    fn clone(&self) -> Self {
        let phase = match &self.phase {
            Phase::Absorbing(a) => Phase::Absorbing(a.boxed_clone()),
            Phase::Squeezing(s) => Phase::Squeezing(s.boxed_clone()),
        };
        XofState {
            phase,
            keyed: self.keyed,
        }
    }
}

impl XofState {
    /// A new state. `key` is the BLAKE3 key (32 bytes, checked on import) or empty;
    /// `customization` is cSHAKE's S (empty for the others, which take no `context`).
    pub(crate) fn new(alg: XofAlgorithm, key: &[u8], customization: &[u8]) -> Result<Self> {
        use digest::CustomizedInit;
        let absorber: Box<dyn Absorber> = match alg {
            XofAlgorithm::Shake128 => Box::new(shake::Shake128::default()),
            XofAlgorithm::Shake256 => Box::new(shake::Shake256::default()),
            XofAlgorithm::CShake128 => Box::new(cshake::CShake128::new_customized(customization)),
            XofAlgorithm::CShake256 => Box::new(cshake::CShake256::new_customized(customization)),
            XofAlgorithm::TurboShake128 => Box::new(turboshake::TurboShake128::default()),
            XofAlgorithm::TurboShake256 => Box::new(turboshake::TurboShake256::default()),
            XofAlgorithm::Blake3 if key.is_empty() => Box::new(Blake3(blake3::Hasher::new())),
            XofAlgorithm::Blake3 => {
                let key: &[u8; BLAKE3_KEY_LEN] =
                    key.try_into().map_err(|_| CryptoError::InvalidKey)?;
                Box::new(Blake3(blake3::Hasher::new_keyed(key)))
            }
        };
        Ok(XofState {
            phase: Phase::Absorbing(absorber),
            keyed: !key.is_empty(),
        })
    }
}

impl StateOps for XofState {
    fn absorb(&mut self, data: &[u8]) -> Result<()> {
        match &mut self.phase {
            Phase::Absorbing(a) => {
                a.update(data);
                Ok(())
            }
            Phase::Squeezing(_) => Err(CryptoError::InvalidOperation),
        }
    }

    fn max_squeeze_len(&self) -> Option<usize> {
        Some(usize::MAX)
    }

    fn squeeze_streams(&self) -> bool {
        true
    }

    fn squeeze(&mut self, out: &mut [u8]) -> Result<()> {
        if let Phase::Absorbing(a) = &self.phase {
            // Finalizes a copy (a few hundred bytes); the original is wiped as it is replaced.
            self.phase = Phase::Squeezing(a.boxed_clone().finish());
        }
        if let Phase::Squeezing(s) = &mut self.phase {
            s.read(out);
        }
        Ok(())
    }

    fn squeeze_tag(&mut self) -> Result<Vec<u8>> {
        match &self.phase {
            Phase::Absorbing(a) if self.keyed => {
                let mut tag = vec![0u8; BLAKE3_KEY_LEN];
                a.boxed_clone().finish().read(&mut tag);
                Ok(tag)
            }
            _ => Err(CryptoError::InvalidOperation),
        }
    }
}
