//! Password hashing: `ARGON2-ID-13`, `ARGON2-I-13`, `ARGON2-D-13` (RFC 9106, version 0x13) and
//! `PBKDF2-HMAC/SHA-256`, `PBKDF2-HMAC/SHA-512` (RFC 8018 §5.2).
//!
//! No key. `absorb` appends to the password. `squeeze(out)` derives `out.len()` bytes (4 to 1024
//! for Argon2, 1 to 1024 for PBKDF2; other lengths are `invalid_length`) from the password so far;
//! `squeeze_tag` returns the PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`,
//! `$pbkdf2-sha256$i=…,l=32$salt$hash`) with a 32-byte hash.
//!
//! Options, read when the state is opened: `salt` (bytes, required: `parameters_missing`;
//! at least 8 bytes for Argon2), `ops_limit` (Argon2 passes t, PBKDF2 iterations c),
//! `memory_limit` (Argon2 only: bytes of memory, m = memory_limit / 1024 KiB) and `parallelism`
//! (Argon2 only: lanes p). An option the algorithm does not use is `unsupported_option`; a cost
//! below the algorithm's minimum (t, c or p of 0, m below 8·p KiB) is `invalid_length`; a cost
//! above the embedder's [`PasswordHashLimits`] is `prohibited_operation`, answered when the state
//! is opened, before anything is allocated.
//!
//! Argon2's working memory is host memory: the proposal's `buffer` option would let it live in
//! guest memory, but the `argon2` crate takes its memory as `&mut [Block]`, and viewing guest
//! bytes as blocks needs `unsafe`. The memory is capped by
//! [`PasswordHashLimits::max_argon2_memory_bytes`] and is also held against the context's memory
//! budget for the length of the call (`overflow` if the budget cannot hold it).

use zeroize::Zeroizing;

use super::StateOps;
use crate::absorbed::{AbsorbLimit, Absorbed};
use crate::budget::Budget;
use crate::error::{CryptoError, Result};
use crate::options::Options;

/// A password-hashing algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PasswordHashAlgorithm {
    /// Argon2id, version 0x13 (RFC 9106).
    Argon2id,
    /// Argon2i, version 0x13 (RFC 9106).
    Argon2i,
    /// Argon2d, version 0x13 (RFC 9106).
    Argon2d,
    /// PBKDF2 with HMAC-SHA-256 as PRF (RFC 8018 §5.2).
    Pbkdf2Sha256,
    /// PBKDF2 with HMAC-SHA-512 as PRF (RFC 8018 §5.2).
    Pbkdf2Sha512,
}

impl PasswordHashAlgorithm {
    fn is_argon2(self) -> bool {
        matches!(
            self,
            PasswordHashAlgorithm::Argon2id
                | PasswordHashAlgorithm::Argon2i
                | PasswordHashAlgorithm::Argon2d
        )
    }
}

/// The embedder's ceilings on the cost of one password hash ([`crate::Limits::password_hashing`]).
/// A guest asking for more is answered `prohibited_operation` when it opens the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordHashLimits {
    /// Most Argon2 memory (`memory_limit`), in bytes. Default 64 MiB: RFC 9106 §4's second
    /// recommended setting, and half the default memory budget.
    pub max_argon2_memory_bytes: u64,
    /// Most Argon2 passes t (`ops_limit`). Default 10.
    pub max_argon2_passes: u64,
    /// Most Argon2 lanes p (`parallelism`). Default 16. The host computes lanes one after another,
    /// so lanes cost no more memory or time than one lane of the same total memory.
    pub max_argon2_lanes: u64,
    /// Most PBKDF2 iterations c (`ops_limit`). Default 10 000 000 (about 16 times OWASP's
    /// 600 000 for PBKDF2-HMAC-SHA-256).
    pub max_pbkdf2_iterations: u64,
}

impl Default for PasswordHashLimits {
    fn default() -> Self {
        PasswordHashLimits {
            max_argon2_memory_bytes: 64 << 20,
            max_argon2_passes: 10,
            max_argon2_lanes: 16,
            max_pbkdf2_iterations: 10_000_000,
        }
    }
}

/// Longest output `squeeze` derives, in bytes.
const MAX_OUTPUT_LEN: usize = 1024;
/// Length of the hash in a PHC string, in bytes.
const PHC_HASH_LEN: usize = 32;

/// Argon2 costs when the guest sets none: RFC 9106 §4, second recommended option.
const DEFAULT_ARGON2_PASSES: u64 = 3;
const DEFAULT_ARGON2_MEMORY_BYTES: u64 = 64 << 20;
const DEFAULT_ARGON2_LANES: u64 = 4;

/// The costs of one hash, checked against the ceilings.
#[derive(Debug, Clone, Copy)]
enum Cost {
    /// Argon2: t passes over m KiB in p lanes.
    Argon2 { t: u32, m_kib: u32, p: u32 },
    /// PBKDF2: c iterations.
    Pbkdf2 { c: u32 },
}

/// A password-hashing state.
#[derive(Clone)]
pub(crate) struct PasswordState {
    alg: PasswordHashAlgorithm,
    cost: Cost,
    salt: Zeroizing<Vec<u8>>,
    password: Absorbed,
    budget: Budget,
}

/// A `u64` option, or `default` when it is not set.
fn u64_option(options: Option<&Options>, name: &str, default: u64) -> Result<u64> {
    match options.map(|o| o.get_u64(name)) {
        None | Some(Err(CryptoError::OptionNotSet)) => Ok(default),
        Some(r) => r,
    }
}

/// `value` if it is at least `min` and at most `max` (`invalid_length` below, `prohibited_operation`
/// above), as a `u32`.
fn within(value: u64, min: u64, max: u64) -> Result<u32> {
    if value < min {
        return Err(CryptoError::InvalidLength);
    }
    if value > max {
        return Err(CryptoError::ProhibitedOperation);
    }
    u32::try_from(value).map_err(|_| CryptoError::ProhibitedOperation)
}

impl PasswordState {
    /// Reads and checks the options (see the module documentation) against `limits`.
    pub(crate) fn new(
        alg: PasswordHashAlgorithm,
        options: Option<&Options>,
        limits: &PasswordHashLimits,
        absorb_limit: &AbsorbLimit,
    ) -> Result<Self> {
        let allowed: &[&str] = if alg.is_argon2() {
            &["salt", "ops_limit", "memory_limit", "parallelism"]
        } else {
            &["salt", "ops_limit"]
        };
        if options.is_some_and(|o| o.names().any(|name| !allowed.contains(&name))) {
            return Err(CryptoError::UnsupportedOption);
        }
        let salt = match options.map(|o| o.get("salt")) {
            Some(Ok(salt)) => salt,
            None | Some(Err(CryptoError::OptionNotSet)) => {
                return Err(CryptoError::ParametersMissing);
            }
            Some(Err(e)) => return Err(e),
        };
        let cost = if alg.is_argon2() {
            if salt.len() < argon2::MIN_SALT_LEN {
                return Err(CryptoError::InvalidLength);
            }
            let t = u64_option(options, "ops_limit", DEFAULT_ARGON2_PASSES)?;
            let memory = u64_option(options, "memory_limit", DEFAULT_ARGON2_MEMORY_BYTES)?;
            let p = u64_option(options, "parallelism", DEFAULT_ARGON2_LANES)?;
            let p = within(p, 1, limits.max_argon2_lanes)?;
            let t = within(t, 1, limits.max_argon2_passes)?;
            let m_kib = within(
                memory / 1024,
                8 * u64::from(p),
                limits.max_argon2_memory_bytes / 1024,
            )?;
            Cost::Argon2 { t, m_kib, p }
        } else {
            let default = match alg {
                PasswordHashAlgorithm::Pbkdf2Sha512 => pbkdf2::Params::RECOMMENDED_SHA512_ROUNDS,
                _ => pbkdf2::Params::RECOMMENDED_ROUNDS,
            };
            let c = u64_option(options, "ops_limit", default.into())?;
            Cost::Pbkdf2 {
                c: within(c, 1, limits.max_pbkdf2_iterations)?,
            }
        };
        Ok(PasswordState {
            alg,
            cost,
            salt: Zeroizing::new(salt.to_vec()),
            password: Absorbed::new(absorb_limit),
            budget: absorb_limit.budget.clone(),
        })
    }

    /// The buffered password.
    pub(crate) fn absorbed(&self) -> &Absorbed {
        &self.password
    }

    /// Argon2 with this state's algorithm and costs, and the output length `len`.
    fn argon2(&self, t: u32, m_kib: u32, p: u32, len: usize) -> Result<argon2::Argon2<'static>> {
        let algorithm = match self.alg {
            PasswordHashAlgorithm::Argon2i => argon2::Algorithm::Argon2i,
            PasswordHashAlgorithm::Argon2d => argon2::Algorithm::Argon2d,
            _ => argon2::Algorithm::Argon2id,
        };
        let params =
            argon2::Params::new(m_kib, t, p, Some(len)).map_err(|_| CryptoError::InvalidLength)?;
        Ok(argon2::Argon2::new(
            algorithm,
            argon2::Version::V0x13,
            params,
        ))
    }

    /// Holds Argon2's working memory (m KiB, rounded down to 4·p blocks) against the memory
    /// budget for as long as the reservation lives; `overflow` if it does not fit.
    fn hold_memory(&self, argon2: &argon2::Argon2<'_>) -> Result<crate::budget::Reservation> {
        self.budget
            .reserve(argon2.params().block_count().saturating_mul(1024))
    }

    fn pbkdf2_algorithm(&self) -> pbkdf2::Algorithm {
        match self.alg {
            PasswordHashAlgorithm::Pbkdf2Sha512 => pbkdf2::Algorithm::Pbkdf2Sha512,
            _ => pbkdf2::Algorithm::Pbkdf2Sha256,
        }
    }
}

impl StateOps for PasswordState {
    fn absorb(&mut self, data: &[u8]) -> Result<()> {
        self.password.push(data)
    }
    fn absorb_room(&self) -> usize {
        self.password.room()
    }

    fn max_squeeze_len(&self) -> Option<usize> {
        Some(MAX_OUTPUT_LEN)
    }

    /// Fuel of one hash: [`PASSWORD_HASH_PER_BYTE`] for each byte the function processes
    /// (Argon2: t · m KiB; PBKDF2: two compression-function blocks per iteration and output
    /// block).
    ///
    /// [`PASSWORD_HASH_PER_BYTE`]: crate::metering::PASSWORD_HASH_PER_BYTE
    fn work(&self, out_len: usize) -> u64 {
        let bytes = match self.cost {
            Cost::Argon2 { t, m_kib, .. } => u64::from(t) * u64::from(m_kib) * 1024,
            Cost::Pbkdf2 { c } => {
                let (h_len, block) = match self.alg {
                    PasswordHashAlgorithm::Pbkdf2Sha512 => (64, 128),
                    _ => (32, 64),
                };
                let blocks = out_len.div_ceil(h_len).max(1) as u64;
                u64::from(c) * blocks * 2 * block
            }
        };
        bytes.saturating_mul(crate::metering::PASSWORD_HASH_PER_BYTE)
    }

    fn squeeze(&mut self, out: &mut [u8]) -> Result<()> {
        if out.len() > MAX_OUTPUT_LEN {
            return Err(CryptoError::InvalidLength);
        }
        let password = self.password.bytes()?;
        match self.cost {
            Cost::Argon2 { t, m_kib, p } => {
                if out.len() < argon2::Params::MIN_OUTPUT_LEN {
                    return Err(CryptoError::InvalidLength);
                }
                let argon2 = self.argon2(t, m_kib, p, out.len())?;
                let _held = self.hold_memory(&argon2)?;
                argon2
                    .hash_password_into(password, &self.salt, out)
                    .map_err(|_| CryptoError::AlgorithmFailure)
            }
            Cost::Pbkdf2 { c } => {
                if out.is_empty() {
                    return Err(CryptoError::InvalidLength);
                }
                match self.alg {
                    PasswordHashAlgorithm::Pbkdf2Sha512 => {
                        pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, &self.salt, c, out)
                    }
                    _ => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, &self.salt, c, out),
                }
                Ok(())
            }
        }
    }

    fn squeeze_tag(&mut self) -> Result<Vec<u8>> {
        use argon2::password_hash::{CustomizedPasswordHasher, PasswordHasher};
        let password = self.password.bytes()?;
        // A PHC string's salt and hash are encoded; a salt it cannot carry is `invalid_length`.
        let phc = match self.cost {
            Cost::Argon2 { t, m_kib, p } => {
                let argon2 = self.argon2(t, m_kib, p, PHC_HASH_LEN)?;
                let _held = self.hold_memory(&argon2)?;
                argon2
                    .hash_password_with_salt(password, &self.salt)
                    .map_err(|_| CryptoError::InvalidLength)?
                    .to_string()
            }
            Cost::Pbkdf2 { c } => {
                let params = pbkdf2::Params::new_with_output_len(c, PHC_HASH_LEN)
                    .map_err(|_| CryptoError::InvalidLength)?;
                pbkdf2::Pbkdf2::new(self.pbkdf2_algorithm(), params)
                    .hash_password_customized(password, &self.salt, None, None, params)
                    .map_err(|_| CryptoError::InvalidLength)?
                    .to_string()
            }
        };
        Ok(phc.into_bytes())
    }
}
