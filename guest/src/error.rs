//! The crate's error type: one variant per WASI-Crypto `crypto_errno` value.

use core::fmt;

use crate::raw;

/// Shorthand for `core::result::Result<T, wasicrypt::Error>`.
pub type Result<T> = core::result::Result<T, Error>;

macro_rules! errors {
    ($( $(#[$doc:meta])* $variant:ident = $konst:ident => $name:literal, )*) => {
        /// A WASI-Crypto error: one variant per non-success `crypto_errno` value of the proposal, plus
        /// [`Error::Unknown`] for a value this crate does not know.
        ///
        /// [`Error::errno`] gives the wire value (a `u16`); `Display` prints the proposal's name for it
        /// (`"invalid_tag"`, `"nonce_required"`, ...). The type is `Copy` and carries no secret.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Error {
            $( $(#[$doc])* $variant, )*
            /// A `crypto_errno` value this crate does not know (a newer host, or a broken one).
            Unknown(u16),
        }

        impl Error {
            /// Maps a `crypto_errno` value to an error.
            ///
            /// Returns `None` for `success` (0) and [`Error::Unknown`] for a value outside the
            /// proposal's range (1 ..= 30).
            pub const fn from_errno(errno: u16) -> Option<Error> {
                match errno {
                    raw::CRYPTO_ERRNO_SUCCESS => None,
                    $( raw::$konst => Some(Error::$variant), )*
                    other => Some(Error::Unknown(other)),
                }
            }

            /// The `crypto_errno` value of this error (never 0).
            pub const fn errno(&self) -> u16 {
                match self {
                    $( Error::$variant => raw::$konst, )*
                    Error::Unknown(errno) => *errno,
                }
            }

            /// The proposal's name of this error (`"invalid_tag"`), or `"unknown"` for
            /// [`Error::Unknown`].
            pub const fn name(&self) -> &'static str {
                match self {
                    $( Error::$variant => $name, )*
                    Error::Unknown(_) => "unknown",
                }
            }
        }
    };
}

errors! {
    /// `guest_error` (1): the host could not access the guest's memory (a pointer out of bounds,
    /// an invalid UTF-8 string, an invalid enum value).
    GuestError = CRYPTO_ERRNO_GUEST_ERROR => "guest_error",
    /// `not_implemented` (2): the function is not implemented by the host. Every function returns
    /// this when the crate is built for a target other than `wasm32`.
    NotImplemented = CRYPTO_ERRNO_NOT_IMPLEMENTED => "not_implemented",
    /// `unsupported_feature` (3): an optional feature is not supported by the host.
    UnsupportedFeature = CRYPTO_ERRNO_UNSUPPORTED_FEATURE => "unsupported_feature",
    /// `prohibited_operation` (4): the operation is not allowed (e.g. exporting a managed key).
    ProhibitedOperation = CRYPTO_ERRNO_PROHIBITED_OPERATION => "prohibited_operation",
    /// `unsupported_encoding` (5): the encoding is not supported for this object.
    UnsupportedEncoding = CRYPTO_ERRNO_UNSUPPORTED_ENCODING => "unsupported_encoding",
    /// `unsupported_algorithm` (6): the algorithm name is not known to the host.
    UnsupportedAlgorithm = CRYPTO_ERRNO_UNSUPPORTED_ALGORITHM => "unsupported_algorithm",
    /// `unsupported_option` (7): the option name is not known for this algorithm type.
    UnsupportedOption = CRYPTO_ERRNO_UNSUPPORTED_OPTION => "unsupported_option",
    /// `invalid_key` (8): the key is malformed, has the wrong size or belongs to another algorithm.
    InvalidKey = CRYPTO_ERRNO_INVALID_KEY => "invalid_key",
    /// `invalid_length` (9): a length is out of range (e.g. squeezing more than a digest).
    InvalidLength = CRYPTO_ERRNO_INVALID_LENGTH => "invalid_length",
    /// `verification_failed` (10): a signature or decapsulation did not verify.
    VerificationFailed = CRYPTO_ERRNO_VERIFICATION_FAILED => "verification_failed",
    /// `rng_error` (11): the host's random number generator failed.
    RngError = CRYPTO_ERRNO_RNG_ERROR => "rng_error",
    /// `algorithm_failure` (12): the underlying primitive failed.
    AlgorithmFailure = CRYPTO_ERRNO_ALGORITHM_FAILURE => "algorithm_failure",
    /// `invalid_signature` (13): a signature is malformed.
    InvalidSignature = CRYPTO_ERRNO_INVALID_SIGNATURE => "invalid_signature",
    /// `closed` (14): the object was closed.
    Closed = CRYPTO_ERRNO_CLOSED => "closed",
    /// `invalid_handle` (15): the handle is unknown, closed, or of another object kind.
    InvalidHandle = CRYPTO_ERRNO_INVALID_HANDLE => "invalid_handle",
    /// `overflow` (16): an output buffer is too small.
    Overflow = CRYPTO_ERRNO_OVERFLOW => "overflow",
    /// `internal_error` (17): the host failed unexpectedly (also used by this crate when the host
    /// breaks a documented guarantee, e.g. an `array_output` that stops yielding bytes).
    InternalError = CRYPTO_ERRNO_INTERNAL_ERROR => "internal_error",
    /// `too_many_handles` (18): the host's handle limit is reached.
    TooManyHandles = CRYPTO_ERRNO_TOO_MANY_HANDLES => "too_many_handles",
    /// `key_not_supported` (19): a key was given to an algorithm that takes none (e.g. `SHA-256`).
    KeyNotSupported = CRYPTO_ERRNO_KEY_NOT_SUPPORTED => "key_not_supported",
    /// `key_required` (20): a keyed algorithm (HMAC, HKDF, AEAD) was opened without a key.
    KeyRequired = CRYPTO_ERRNO_KEY_REQUIRED => "key_required",
    /// `invalid_tag` (21): an authentication tag did not verify (or has the wrong length).
    InvalidTag = CRYPTO_ERRNO_INVALID_TAG => "invalid_tag",
    /// `invalid_operation` (22): the algorithm does not support this operation (e.g. `squeeze`
    /// on an AEAD, `encrypt` on a hash).
    InvalidOperation = CRYPTO_ERRNO_INVALID_OPERATION => "invalid_operation",
    /// `nonce_required` (23): the algorithm needs a nonce and none is set (or it was consumed by
    /// a previous encryption).
    NonceRequired = CRYPTO_ERRNO_NONCE_REQUIRED => "nonce_required",
    /// `invalid_nonce` (24): the nonce has the wrong size.
    InvalidNonce = CRYPTO_ERRNO_INVALID_NONCE => "invalid_nonce",
    /// `option_not_set` (25): the option was never set.
    OptionNotSet = CRYPTO_ERRNO_OPTION_NOT_SET => "option_not_set",
    /// `not_found` (26): the identifier is unknown to the secrets manager.
    NotFound = CRYPTO_ERRNO_NOT_FOUND => "not_found",
    /// `parameters_missing` (27): the algorithm needs parameters that were not given.
    ParametersMissing = CRYPTO_ERRNO_PARAMETERS_MISSING => "parameters_missing",
    /// `in_progress` (28): a concurrent operation is in progress.
    InProgress = CRYPTO_ERRNO_IN_PROGRESS => "in_progress",
    /// `incompatible_keys` (29): keys of different algorithms were combined.
    IncompatibleKeys = CRYPTO_ERRNO_INCOMPATIBLE_KEYS => "incompatible_keys",
    /// `expired` (30): the secret or key has expired.
    Expired = CRYPTO_ERRNO_EXPIRED => "expired",
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unknown(errno) => write!(f, "unknown crypto_errno {errno}"),
            known => f.write_str(known.name()),
        }
    }
}

/// `std::error::Error` is this same trait (re-exported by `std`), so it is implemented with or
/// without the `std` feature.
impl core::error::Error for Error {}

#[cfg(feature = "std")]
impl From<Error> for std::io::Error {
    /// Wraps the error as an [`std::io::ErrorKind::Other`] I/O error (the `std` feature).
    fn from(error: Error) -> Self {
        std::io::Error::other(error)
    }
}

/// Turns a hostcall's errno into a `Result`: the one place where errno values become errors.
#[inline]
pub(crate) fn check(errno: raw::CryptoErrno) -> Result<()> {
    match Error::from_errno(errno) {
        None => Ok(()),
        Some(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errno_round_trip() {
        assert_eq!(Error::from_errno(0), None);
        for errno in 1..=30u16 {
            let error = Error::from_errno(errno).unwrap();
            assert!(!matches!(error, Error::Unknown(_)), "{errno}");
            assert_eq!(error.errno(), errno);
        }
        assert_eq!(Error::from_errno(31), Some(Error::Unknown(31)));
        assert_eq!(Error::Unknown(31).errno(), 31);
        assert_eq!(Error::from_errno(21), Some(Error::InvalidTag));
        assert_eq!(Error::from_errno(23), Some(Error::NonceRequired));
    }

    #[test]
    fn display_uses_proposal_names() {
        extern crate alloc;
        use alloc::string::ToString;
        assert_eq!(Error::GuestError.to_string(), "guest_error");
        assert_eq!(Error::Expired.to_string(), "expired");
        assert_eq!(Error::Unknown(99).to_string(), "unknown crypto_errno 99");
        assert_eq!(check(0), Ok(()));
        assert_eq!(check(15), Err(Error::InvalidHandle));
    }
}
