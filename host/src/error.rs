//! Host errors and their `crypto_errno` values.
//!
//! Every fallible operation of the host core returns [`CryptoError`]. Each variant is one
//! `crypto_errno` value of the WASI-Crypto proposal (`wasi_ephemeral_crypto_common`), and its
//! discriminant *is* that value, so the mapping to the ABI lives in exactly one place:
//! [`CryptoError::errno`].

/// A WASI-Crypto error: one `crypto_errno` value (proposal, `$crypto_errno`).
///
/// The discriminant of each variant is the `u16` the guest receives. `success` (0) is not an error
/// and has no variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[repr(u16)]
#[non_exhaustive]
pub enum CryptoError {
    /// `guest_error` (1): a guest pointer or length is out of bounds, misaligned or not UTF-8.
    #[error("guest memory error")]
    GuestError = 1,
    /// `not_implemented` (2): the operation exists in the proposal but the host does not implement it.
    #[error("not implemented")]
    NotImplemented = 2,
    /// `unsupported_feature` (3): the chosen algorithm or host does not offer this feature.
    #[error("unsupported feature")]
    UnsupportedFeature = 3,
    /// `prohibited_operation` (4): the operation is valid but forbidden by policy.
    #[error("prohibited operation")]
    ProhibitedOperation = 4,
    /// `unsupported_encoding` (5): the algorithm has no such import/export encoding.
    #[error("unsupported encoding")]
    UnsupportedEncoding = 5,
    /// `unsupported_algorithm` (6): unknown algorithm name, or not of the expected type.
    #[error("unsupported algorithm")]
    UnsupportedAlgorithm = 6,
    /// `unsupported_option` (7): unknown option name, or wrong value type for it.
    #[error("unsupported option")]
    UnsupportedOption = 7,
    /// `invalid_key` (8): wrong key size, unparsable key, or a key made for another algorithm.
    #[error("invalid key")]
    InvalidKey = 8,
    /// `invalid_length` (9): the algorithm cannot produce or accept this length.
    #[error("invalid length")]
    InvalidLength = 9,
    /// `verification_failed` (10): a well-formed signature or tag did not verify.
    #[error("verification failed")]
    VerificationFailed = 10,
    /// `rng_error` (11): the host's secure random generator failed.
    #[error("random number generator error")]
    RngError = 11,
    /// `algorithm_failure` (12): the underlying primitive reported an error.
    #[error("algorithm failure")]
    AlgorithmFailure = 12,
    /// `invalid_signature` (13): a malformed signature.
    #[error("invalid signature")]
    InvalidSignature = 13,
    /// `closed` (14): the handle was already closed.
    #[error("handle already closed")]
    Closed = 14,
    /// `invalid_handle` (15): unknown handle, closed handle, or a handle of another kind.
    #[error("invalid handle")]
    InvalidHandle = 15,
    /// `overflow` (16): a guest buffer is too small, or a host limit on buffered bytes was hit.
    #[error("buffer overflow")]
    Overflow = 16,
    /// `internal_error` (17): an internal consistency check failed; host state is still safe.
    #[error("internal error")]
    InternalError = 17,
    /// `too_many_handles` (18): the handle limit of this context is reached.
    #[error("too many handles")]
    TooManyHandles = 18,
    /// `key_not_supported` (19): a key was given to an algorithm that takes none.
    #[error("key not supported by this algorithm")]
    KeyNotSupported = 19,
    /// `key_required` (20): the algorithm needs a key and none was given.
    #[error("key required")]
    KeyRequired = 20,
    /// `invalid_tag` (21): an authentication tag is wrong or has the wrong length.
    #[error("invalid tag")]
    InvalidTag = 21,
    /// `invalid_operation` (22): the algorithm does not support this operation.
    #[error("invalid operation")]
    InvalidOperation = 22,
    /// `nonce_required` (23): an encryption needs a (fresh) nonce.
    #[error("nonce required")]
    NonceRequired = 23,
    /// `invalid_nonce` (24): the nonce has the wrong size for the cipher.
    #[error("invalid nonce")]
    InvalidNonce = 24,
    /// `option_not_set` (25): the option exists but was not set.
    #[error("option not set")]
    OptionNotSet = 25,
    /// `not_found` (26): no managed key or secret has this identifier.
    #[error("not found")]
    NotFound = 26,
    /// `parameters_missing` (27): the algorithm needs options that were not given.
    #[error("parameters missing")]
    ParametersMissing = 27,
    /// `in_progress` (28): the computation is not finished; call again.
    #[error("in progress")]
    InProgress = 28,
    /// `incompatible_keys` (29): keys of different algorithms were combined.
    #[error("incompatible keys")]
    IncompatibleKeys = 29,
    /// `expired` (30): a managed key or secret has expired.
    #[error("expired")]
    Expired = 30,
}

impl CryptoError {
    /// The `crypto_errno` value (1..=30) the guest receives for this error.
    pub fn errno(self) -> u16 {
        self as u16
    }
}

/// Result of a host operation.
pub type Result<T, E = CryptoError> = std::result::Result<T, E>;
