//! Fuel for host work: what a hostcall costs, in wasmtime fuel units.
//!
//! When the store consumes fuel (`Config::consume_fuel`), every WASI-Crypto hostcall is charged
//! for the work the host does for it, in the same units as the guest's own instructions (about
//! one unit per wasm instruction, i.e. roughly one unit per nanosecond of work on a current core):
//!
//! | work | fuel |
//! |---|---|
//! | every call | [`CALL`] |
//! | each byte absorbed, squeezed, encrypted, decrypted or signed/verified through `update` | [`PER_BYTE`] |
//! | key pair generation, by family | [`keypair_generate`] |
//! | `signature_state_sign`, by algorithm (the message is paid per byte on `update`) | [`sign`] |
//! | `signature_verification_state_verify`, by algorithm | [`verify`] |
//! | `kx_dh`, `kx_encapsulate`, `kx_decapsulate`, by algorithm | [`key_agreement`] |
//! | a call that reads or writes the secrets manager's backend (managed keys, external secrets) | [`SECRETS_BACKEND`] |
//! | a password hash (`symmetric_state_squeeze`, `_squeeze_tag`): per byte its function processes (Argon2: t · m KiB; PBKDF2: two compression blocks per iteration and output block) | [`PASSWORD_HASH_PER_BYTE`] |
//!
//! The per-operation figures are upper estimates of the time each takes in ns on a current
//! x86_64 core with a release build, rounded up (they are not measured per machine). Operations
//! not listed (key import and export, state open and close, tags) cost [`CALL`] plus their bytes.
//!
//! The charge is taken *before* the work: a guest whose remaining fuel cannot pay for it traps
//! with wasmtime's out-of-fuel trap (`Trap::OutOfFuel`) and the host does nothing. After the call
//! the store's fuel is reduced by what the call cost. Without fuel, nothing is counted.

use crate::asymmetric::AsymmetricAlgorithm;
use crate::error::{CryptoError, Result};
use crate::kx::KxAlgorithm;
use crate::signatures::SignatureAlgorithm;

/// Fuel every hostcall costs, whatever it does.
pub const CALL: u64 = 100;

/// Fuel for a call that reads or writes the secrets manager's backend (a vault write waits for
/// the disk: about a millisecond with `fsync`), charged even when the call then fails.
pub const SECRETS_BACKEND: u64 = 1_000_000;

/// Fuel per byte of guest data the host processes.
pub const PER_BYTE: u64 = 1;

/// Fuel per byte a password hash processes: Argon2 fills and re-reads its memory at about 2 ns
/// per byte and pass, PBKDF2's compression function runs at about 2.5 ns per byte (release
/// build, current x86_64 core), rounded up.
pub const PASSWORD_HASH_PER_BYTE: u64 = 3;

/// Fuel for `keypair_generate` of `alg`: an upper estimate of the generation time in ns on a
/// current x86_64 core (release build). RSA is dominated by the random prime search, so its
/// figure covers slow draws too (RSA-4096 takes 1–5 s).
pub fn keypair_generate(alg: AsymmetricAlgorithm) -> u64 {
    match alg {
        AsymmetricAlgorithm::Signature(s) => match s {
            SignatureAlgorithm::Ed25519 => 50_000,
            SignatureAlgorithm::Ecdsa(_) => 500_000,
            SignatureAlgorithm::RsaPkcs1 { bits, .. } | SignatureAlgorithm::RsaPss { bits, .. } => {
                match bits {
                    0..=2048 => 300_000_000,
                    2049..=3072 => 1_000_000_000,
                    _ => 3_000_000_000,
                }
            }
            // Key generation expands Â and the secret vectors from the seed.
            SignatureAlgorithm::MlDsa44
            | SignatureAlgorithm::MlDsa65
            | SignatureAlgorithm::MlDsa87 => 500_000,
        },
        AsymmetricAlgorithm::Kx(k) => match k {
            KxAlgorithm::X25519 => 50_000,
            _ => 500_000,
        },
    }
}

/// Fuel for one `signature_state_sign` with `alg` (the private-key operation; hashing the
/// message was paid on `update`).
pub fn sign(alg: SignatureAlgorithm) -> u64 {
    match alg {
        SignatureAlgorithm::Ed25519 => 50_000,
        SignatureAlgorithm::Ecdsa(_) => 1_000_000,
        SignatureAlgorithm::RsaPkcs1 { bits, .. } | SignatureAlgorithm::RsaPss { bits, .. } => {
            match bits {
                0..=2048 => 2_000_000,
                2049..=3072 => 6_000_000,
                _ => 15_000_000,
            }
        }
        // The rejection loop repeats about 4–5 times on average, with a long tail.
        SignatureAlgorithm::MlDsa44 | SignatureAlgorithm::MlDsa65 | SignatureAlgorithm::MlDsa87 => {
            2_000_000
        }
    }
}

/// Fuel for one `signature_verification_state_verify` with `alg`.
pub fn verify(alg: SignatureAlgorithm) -> u64 {
    match alg {
        SignatureAlgorithm::Ed25519 => 100_000,
        SignatureAlgorithm::Ecdsa(_) => 2_000_000,
        // e = 65537: a few modular squarings.
        SignatureAlgorithm::RsaPkcs1 { .. } | SignatureAlgorithm::RsaPss { .. } => 300_000,
        SignatureAlgorithm::MlDsa44 | SignatureAlgorithm::MlDsa65 | SignatureAlgorithm::MlDsa87 => {
            300_000
        }
    }
}

/// Fuel for one `kx_dh`, `kx_encapsulate` or `kx_decapsulate` with `alg`.
pub fn key_agreement(alg: KxAlgorithm) -> u64 {
    match alg {
        KxAlgorithm::X25519 => 100_000,
        KxAlgorithm::P256Sha256 => 500_000,
        KxAlgorithm::P384Sha384 => 2_000_000,
        KxAlgorithm::MlKem512 | KxAlgorithm::MlKem768 | KxAlgorithm::MlKem1024 => 200_000,
        // ML-KEM-768, an X25519 scalar multiplication and SHA3-256.
        KxAlgorithm::XWing => 300_000,
    }
}

/// Fuel for a key-exchange operation with keys of `alg` (key agreement of its algorithm; a
/// signature key never gets this far, it is refused by the operation itself).
pub(crate) fn key_agreement_of(alg: AsymmetricAlgorithm) -> u64 {
    match alg {
        AsymmetricAlgorithm::Kx(k) => key_agreement(k),
        AsymmetricAlgorithm::Signature(_) => 0,
    }
}

/// The fuel account of one hostcall.
#[derive(Debug, Default)]
pub(crate) struct Meter {
    /// Fuel the store had when the call began; `None` when the store is not metered.
    limit: Option<u64>,
    used: u64,
    exhausted: bool,
}

impl Meter {
    /// Starts a hostcall with `fuel` left in the store (`None`: unmetered).
    pub(crate) fn begin(&mut self, fuel: Option<u64>) {
        *self = Meter {
            limit: fuel,
            used: 0,
            exhausted: false,
        };
    }

    /// Charges `units` before doing the work they pay for. When the store cannot pay, the meter
    /// is marked exhausted and the error is returned (the linker glue turns it into the
    /// out-of-fuel trap, so the guest never sees this errno).
    pub(crate) fn charge(&mut self, units: u64) -> Result<()> {
        let used = self.used.saturating_add(units);
        match self.limit {
            Some(limit) if used > limit => {
                self.exhausted = true;
                Err(CryptoError::ProhibitedOperation)
            }
            _ => {
                self.used = used;
                Ok(())
            }
        }
    }

    /// Charges [`PER_BYTE`] for each of `len` bytes.
    pub(crate) fn charge_bytes(&mut self, len: usize) -> Result<()> {
        self.charge(PER_BYTE.saturating_mul(u64::try_from(len).unwrap_or(u64::MAX)))
    }

    /// Ends the hostcall: the fuel it used, and whether it ran out.
    pub(crate) fn finish(&mut self) -> (u64, bool) {
        let out = (self.used, self.exhausted);
        self.begin(None);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmetered_never_runs_out() {
        let mut m = Meter::default();
        m.begin(None);
        m.charge(u64::MAX).unwrap();
        m.charge(u64::MAX).unwrap();
        assert_eq!(m.finish(), (u64::MAX, false));
    }

    #[test]
    fn a_charge_past_the_limit_is_refused_and_not_counted() {
        let mut m = Meter::default();
        m.begin(Some(1_000));
        m.charge(600).unwrap();
        assert_eq!(m.charge(401), Err(CryptoError::ProhibitedOperation));
        assert_eq!(m.finish(), (600, true));
        // The next call starts afresh.
        m.begin(Some(10));
        m.charge_bytes(10).unwrap();
        assert_eq!(m.finish(), (10, false));
    }
}
