//! Password hashing: Argon2 (RFC 9106) and PBKDF2 (RFC 8018), as raw derived keys or PHC strings.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::algorithms::{AlgorithmName, SymmetricAlgorithm};
use crate::common::{AlgorithmType, Options};
use crate::error::{Error, ErrorKind, Result};
use crate::symmetric::SymmetricState;

/// The costs of one password hash; `None` leaves the host's default.
///
/// | field | option | Argon2 | PBKDF2 |
/// |---|---|---|---|
/// | `ops_limit` | `ops_limit` | passes t (default 3) | iterations c (default 600 000 for SHA-256, 210 000 for SHA-512) |
/// | `memory_limit` | `memory_limit` | memory in bytes, m = memory_limit / 1024 KiB (default 64 MiB) | not allowed |
/// | `parallelism` | `parallelism` | lanes p (default 4) | not allowed |
///
/// The host refuses costs above its embedder's ceilings with [`ErrorKind::ProhibitedOperation`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PasswordHashCost {
    /// Argon2 passes, or PBKDF2 iterations.
    pub ops_limit: Option<u64>,
    /// Argon2 memory, in bytes.
    pub memory_limit: Option<u64>,
    /// Argon2 lanes.
    pub parallelism: Option<u64>,
}

/// Password hashing with `ARGON2-ID-13`, `ARGON2-I-13`, `ARGON2-D-13` (RFC 9106, version 0x13)
/// or `PBKDF2-HMAC/SHA-256`, `PBKDF2-HMAC/SHA-512` (RFC 8018 §5.2).
///
/// [`PasswordHash::derive_key`] gives raw key bytes (4 to 1024 for Argon2, 1 to 1024 for PBKDF2);
/// [`PasswordHash::hash`] a PHC string with a 32-byte hash, which [`PasswordHash::verify`]
/// checks.
#[derive(Debug)]
pub struct PasswordHash;

impl PasswordHash {
    /// Opens a state for `algorithm` with `salt` and `cost`, and absorbs `password`.
    fn state(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        password: &[u8],
        salt: &[u8],
        cost: &PasswordHashCost,
    ) -> Result<SymmetricState> {
        let mut options = Options::open(AlgorithmType::Symmetric)?;
        options.set("salt", salt)?;
        for (name, value) in [
            ("ops_limit", cost.ops_limit),
            ("memory_limit", cost.memory_limit),
            ("parallelism", cost.parallelism),
        ] {
            if let Some(value) = value {
                options.set_u64(name, value)?;
            }
        }
        let mut state = SymmetricState::open(algorithm, None, Some(&options))?;
        state.absorb(password)?;
        Ok(state)
    }

    /// Derives a `len`-byte key from `password` and `salt`.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::InvalidLength`] for a salt shorter than 8 bytes
    /// (Argon2), a cost of 0 or an Argon2 memory below 8 KiB per lane, or a `len` out of range;
    /// [`ErrorKind::UnsupportedOption`] for `memory_limit` or `parallelism` with PBKDF2;
    /// [`ErrorKind::ProhibitedOperation`] for costs above the host's ceilings; [`ErrorKind::Overflow`]
    /// if the host's memory budget cannot hold Argon2's memory.
    pub fn derive_key(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        password: &[u8],
        salt: &[u8],
        cost: &PasswordHashCost,
        len: usize,
    ) -> Result<Vec<u8>> {
        let mut state = Self::state(algorithm, password, salt, cost)?;
        let mut out = vec![0u8; len];
        state.squeeze(&mut out)?;
        Ok(out)
    }

    /// The PHC string of `password` (e.g. `$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>` or
    /// `$pbkdf2-sha256$i=600000,l=32$<salt>$<hash>`, B64 without padding, 32-byte hash).
    ///
    /// # Errors
    /// As [`PasswordHash::derive_key`]; for PBKDF2 also [`ErrorKind::InvalidLength`] below 1000
    /// iterations (the PHC format's minimum).
    pub fn hash(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        password: &[u8],
        salt: &[u8],
        cost: &PasswordHashCost,
    ) -> Result<String> {
        let mut state = Self::state(algorithm, password, salt, cost)?;
        let tag = state.squeeze_tag()?.into_vec()?;
        String::from_utf8(tag).map_err(|_| {
            Error::new(
                ErrorKind::AlgorithmFailure,
                "PasswordHash::hash",
                state.algorithm(),
            )
        })
    }

    /// Checks `password` against the PHC string `phc` (as made by [`PasswordHash::hash`]): the
    /// host recomputes it with the string's algorithm, costs and salt and compares in constant
    /// time.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidTag`] for a wrong password; [`ErrorKind::UnsupportedEncoding`] for a string
    /// that is not PHC, has no salt, or a hash of another length than 32 bytes;
    /// [`ErrorKind::UnsupportedAlgorithm`] for another algorithm or Argon2 version; the errors of
    /// [`PasswordHash::derive_key`] for its costs.
    pub fn verify(phc: &str, password: &[u8]) -> Result<()> {
        let parsed = phc::PasswordHash::new(phc)
            .map_err(|_| Error::new(ErrorKind::UnsupportedEncoding, "PasswordHash::verify", ""))?;
        let salt = parsed.salt.ok_or_else(|| {
            Error::new(ErrorKind::UnsupportedEncoding, "PasswordHash::verify", "")
        })?;
        if parsed.hash.map(|h| h.len()) != Some(32) {
            return Err(Error::new(
                ErrorKind::UnsupportedEncoding,
                "PasswordHash::verify",
                "",
            ));
        }
        let decimal = |name: &str| parsed.params.get_decimal(name).map(u64::from);
        let (algorithm, cost) = match parsed.algorithm.as_str() {
            id @ ("argon2id" | "argon2i" | "argon2d") => {
                if parsed.version != Some(0x13) {
                    return Err(Error::new(
                        ErrorKind::UnsupportedAlgorithm,
                        "PasswordHash::verify",
                        "",
                    ));
                }
                let algorithm = match id {
                    "argon2id" => "ARGON2-ID-13",
                    "argon2i" => "ARGON2-I-13",
                    _ => "ARGON2-D-13",
                };
                let cost = PasswordHashCost {
                    ops_limit: decimal("t"),
                    memory_limit: decimal("m").map(|kib| kib * 1024),
                    parallelism: decimal("p"),
                };
                (algorithm, cost)
            }
            id @ ("pbkdf2-sha256" | "pbkdf2-sha512") => {
                let algorithm = match id {
                    "pbkdf2-sha256" => "PBKDF2-HMAC/SHA-256",
                    _ => "PBKDF2-HMAC/SHA-512",
                };
                let cost = PasswordHashCost {
                    ops_limit: decimal("i"),
                    ..PasswordHashCost::default()
                };
                (algorithm, cost)
            }
            _ => {
                return Err(Error::new(
                    ErrorKind::UnsupportedAlgorithm,
                    "PasswordHash::verify",
                    "",
                ));
            }
        };
        let mut state = Self::state(algorithm, password, salt.as_ref(), &cost)?;
        state.squeeze_tag()?.verify(phc.as_bytes())
    }
}
