//! The crate's error type: a WASI-Crypto `crypto_errno` value ([`ErrorKind`]) with the operation
//! and algorithm it came from.

use core::fmt;

use crate::raw;

/// Shorthand for `core::result::Result<T, wasicrypt::Error>`.
pub type Result<T> = core::result::Result<T, Error>;

macro_rules! errors {
    ($( $(#[$doc:meta])* $variant:ident = $konst:ident => $name:literal, )*) => {
        /// What went wrong: one variant per non-success `crypto_errno` value of the proposal, plus
        /// [`ErrorKind::Unknown`] for a value this crate does not know.
        ///
        /// [`ErrorKind::errno`] gives the wire value (a `u16`); `Display` prints the proposal's
        /// name for it (`"invalid_tag"`, `"nonce_required"`, ...).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorKind {
            $( $(#[$doc])* $variant, )*
            /// A `crypto_errno` value this crate does not know (a newer host, or a broken one).
            Unknown(u16),
        }

        impl ErrorKind {
            /// Maps a `crypto_errno` value to its kind.
            ///
            /// Returns `None` for `success` (0) and [`ErrorKind::Unknown`] for a value outside the
            /// proposal's range (1 ..= 30).
            pub const fn from_errno(errno: u16) -> Option<ErrorKind> {
                match errno {
                    raw::CRYPTO_ERRNO_SUCCESS => None,
                    $( raw::$konst => Some(ErrorKind::$variant), )*
                    other => Some(ErrorKind::Unknown(other)),
                }
            }

            /// The `crypto_errno` value of this error (never 0).
            pub const fn errno(&self) -> u16 {
                match self {
                    $( ErrorKind::$variant => raw::$konst, )*
                    ErrorKind::Unknown(errno) => *errno,
                }
            }

            /// The proposal's name of this error (`"invalid_tag"`), or `"unknown"` for
            /// [`ErrorKind::Unknown`].
            pub const fn name(&self) -> &'static str {
                match self {
                    $( ErrorKind::$variant => $name, )*
                    ErrorKind::Unknown(_) => "unknown",
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

impl fmt::Display for ErrorKind {
    /// The proposal's name (`"invalid_tag"`), or `"unknown crypto_errno N"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Unknown(errno) => write!(f, "unknown crypto_errno {errno}"),
            known => f.write_str(known.name()),
        }
    }
}

/// Longest algorithm name an [`Error`] keeps in full (every name of
/// [`SymmetricAlgorithm`](crate::SymmetricAlgorithm) and its siblings fits).
const LABEL_CAPACITY: usize = 30;

/// An algorithm name copied into the error, so that errors stay `Copy` and allocation-free.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Label {
    len: u8,
    bytes: [u8; LABEL_CAPACITY],
}

impl Label {
    const EMPTY: Label = Label {
        len: 0,
        bytes: [0; LABEL_CAPACITY],
    };

    /// Copies `name`; a longer one keeps its first characters and ends in `...`.
    fn new(name: &str) -> Label {
        let mut label = Label::EMPTY;
        let (kept, ellipsis) = if name.len() <= LABEL_CAPACITY {
            (name, "")
        } else {
            let mut end = LABEL_CAPACITY - 3;
            while !name.is_char_boundary(end) {
                end -= 1;
            }
            (&name[..end], "...")
        };
        let len = kept.len() + ellipsis.len();
        label.bytes[..kept.len()].copy_from_slice(kept.as_bytes());
        label.bytes[kept.len()..len].copy_from_slice(ellipsis.as_bytes());
        label.len = len as u8;
        label
    }

    fn as_str(&self) -> &str {
        // Only ever built from a `&str` cut at a char boundary (plus ASCII dots).
        core::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

/// A WASI-Crypto error: its [`ErrorKind`] (the `crypto_errno` the host returned, or the one this
/// crate reports for a check it makes itself), the operation that failed and, where one was
/// involved, the algorithm.
///
/// `Display` prints all three: `symmetric_state_decrypt (AES-256-GCM): invalid_tag`. The
/// operation is the proposal's function name for a hostcall, or the crate's own method
/// (`Aead::seal`) for a check made in the guest. Compare errors by kind with [`Error::kind`] or
/// `error == ErrorKind::InvalidTag`; `==` between two `Error`s also compares the context.
///
/// The type is `Copy`, allocation-free and carries no secret: the algorithm name is copied in
/// (names longer than 30 bytes are cut and end in `...`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error {
    kind: ErrorKind,
    operation: &'static str,
    algorithm: Label,
}

impl Error {
    /// An error of `kind` raised by `operation` on `algorithm` (`""` for none).
    pub fn new(kind: ErrorKind, operation: &'static str, algorithm: &str) -> Error {
        Error {
            kind,
            operation,
            algorithm: Label::new(algorithm),
        }
    }

    /// What went wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The `crypto_errno` value of this error (never 0).
    pub const fn errno(&self) -> u16 {
        self.kind.errno()
    }

    /// The operation that failed: the proposal's function name for a hostcall
    /// (`"symmetric_state_open"`), or this crate's method for a check it makes itself; `None`
    /// for an error built from a bare [`ErrorKind`].
    pub fn operation(&self) -> Option<&'static str> {
        (!self.operation.is_empty()).then_some(self.operation)
    }

    /// The algorithm involved: the canonical spelling for every name this crate lists, the
    /// caller's otherwise; `None` when no algorithm was involved (options, array outputs).
    pub fn algorithm(&self) -> Option<&str> {
        let name = self.algorithm.as_str();
        (!name.is_empty()).then_some(name)
    }

    /// The same error, naming `algorithm` (used where the hostcall site does not know it).
    pub fn with_algorithm(mut self, algorithm: &str) -> Error {
        self.algorithm = Label::new(algorithm);
        self
    }
}

impl From<ErrorKind> for Error {
    /// An error of `kind` with no operation or algorithm.
    fn from(kind: ErrorKind) -> Error {
        Error {
            kind,
            operation: "",
            algorithm: Label::EMPTY,
        }
    }
}

impl PartialEq<ErrorKind> for Error {
    fn eq(&self, kind: &ErrorKind) -> bool {
        self.kind == *kind
    }
}

impl PartialEq<Error> for ErrorKind {
    fn eq(&self, error: &Error) -> bool {
        *self == error.kind
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Error");
        out.field("kind", &self.kind);
        if let Some(operation) = self.operation() {
            out.field("operation", &operation);
        }
        if let Some(algorithm) = self.algorithm() {
            out.field("algorithm", &algorithm);
        }
        out.finish()
    }
}

impl fmt::Display for Error {
    /// `operation (algorithm): kind`, leaving out what is unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.operation(), self.algorithm()) {
            (Some(operation), Some(algorithm)) => write!(f, "{operation} ({algorithm}): ")?,
            (Some(operation), None) => write!(f, "{operation}: ")?,
            (None, Some(algorithm)) => write!(f, "{algorithm}: ")?,
            (None, None) => {}
        }
        fmt::Display::fmt(&self.kind, f)
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
/// `operation` is the proposal's function name, `algorithm` the name involved (`""` for none).
#[inline]
pub(crate) fn check(
    errno: raw::CryptoErrno,
    operation: &'static str,
    algorithm: &str,
) -> Result<()> {
    if errno == raw::CRYPTO_ERRNO_SUCCESS {
        Ok(())
    } else {
        Err(failure(errno, operation, algorithm))
    }
}

#[cold]
#[inline(never)]
fn failure(errno: raw::CryptoErrno, operation: &'static str, algorithm: &str) -> Error {
    let kind = ErrorKind::from_errno(errno).unwrap_or(ErrorKind::Unknown(errno));
    Error::new(kind, operation, algorithm)
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate alloc;
    use alloc::string::ToString;

    #[test]
    fn errno_round_trip() {
        assert_eq!(ErrorKind::from_errno(0), None);
        for errno in 1..=30u16 {
            let kind = ErrorKind::from_errno(errno).unwrap();
            assert!(!matches!(kind, ErrorKind::Unknown(_)), "{errno}");
            assert_eq!(kind.errno(), errno);
            assert_eq!(Error::from(kind).errno(), errno);
        }
        assert_eq!(ErrorKind::from_errno(31), Some(ErrorKind::Unknown(31)));
        assert_eq!(ErrorKind::Unknown(31).errno(), 31);
        assert_eq!(ErrorKind::from_errno(21), Some(ErrorKind::InvalidTag));
        assert_eq!(ErrorKind::from_errno(23), Some(ErrorKind::NonceRequired));
    }

    #[test]
    fn display_names_operation_algorithm_and_kind() {
        assert_eq!(ErrorKind::GuestError.to_string(), "guest_error");
        assert_eq!(
            ErrorKind::Unknown(99).to_string(),
            "unknown crypto_errno 99"
        );
        assert_eq!(Error::from(ErrorKind::Expired).to_string(), "expired");
        let error = check(21, "symmetric_state_decrypt", "AES-256-GCM").unwrap_err();
        assert_eq!(
            error.to_string(),
            "symmetric_state_decrypt (AES-256-GCM): invalid_tag"
        );
        assert_eq!(error, ErrorKind::InvalidTag);
        assert_eq!(error.operation(), Some("symmetric_state_decrypt"));
        assert_eq!(error.algorithm(), Some("AES-256-GCM"));
        let error = check(15, "options_close", "").unwrap_err();
        assert_eq!(error.to_string(), "options_close: invalid_handle");
        assert_eq!(error.algorithm(), None);
        assert_eq!(check(0, "options_close", ""), Ok(()));
        assert_eq!(
            check(99, "x", "").unwrap_err().kind(),
            ErrorKind::Unknown(99)
        );
    }

    #[test]
    fn long_and_non_ascii_names_are_cut_at_a_char_boundary() {
        let long = "A-VERY-LONG-VENDOR-ALGORITHM-NAME-OF-SOME-HOST";
        let error = Error::new(
            ErrorKind::UnsupportedAlgorithm,
            "symmetric_state_open",
            long,
        );
        let shown = error.algorithm().unwrap();
        assert_eq!(shown.len(), LABEL_CAPACITY);
        assert!(shown.ends_with("...") && long.starts_with(&shown[..LABEL_CAPACITY - 3]));
        let wide = "ÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄ";
        let shown = Error::new(ErrorKind::UnsupportedAlgorithm, "x", wide)
            .algorithm()
            .unwrap()
            .to_string();
        assert!(
            shown.ends_with("...") && shown.len() <= LABEL_CAPACITY,
            "{shown}"
        );
        assert_eq!(
            Error::new(ErrorKind::InvalidKey, "x", "SHA-256").algorithm(),
            Some("SHA-256")
        );
    }
}
