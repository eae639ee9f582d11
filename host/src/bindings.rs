//! The wiggle bindings generated from `witx/`, and the one place where host errors become
//! `crypto_errno` values. Private: embedders use [`crate::add_to_linker`].

// The generated traits mirror the proposal's signatures, some of which take many arguments.
#![allow(clippy::too_many_arguments)]

use crate::error::CryptoError;

wiggle::from_witx!({
    witx: [
        "witx/wasi_ephemeral_crypto_common.witx",
        "witx/wasi_ephemeral_crypto_asymmetric_common.witx",
        "witx/wasi_ephemeral_crypto_symmetric.witx",
        "witx/wasi_ephemeral_crypto_signatures.witx",
        "witx/wasi_ephemeral_crypto_kx.witx",
        "witx/wasi_ephemeral_crypto_external_secrets.witx",
    ],
    errors: { crypto_errno => trappable Error },
    // The linker glue is ours (`crate::linker`): it meters fuel around each call.
    wasmtime: false,
    // No TRACE span per call: it cost a measurable share of the cheapest hostcall. Failures are
    // still logged (at DEBUG, below).
    tracing: false,
});

impl wiggle::GuestErrorType for types::CryptoErrno {
    fn success() -> Self {
        types::CryptoErrno::Success
    }
}

impl From<CryptoError> for types::Error {
    fn from(e: CryptoError) -> Self {
        tracing::debug!(error = %e, errno = e.errno(), "wasi-crypto call failed");
        match types::CryptoErrno::try_from(e.errno()) {
            Ok(errno) => errno.into(),
            // Unreachable: `CryptoError` discriminants are the witx enum's values (tested below).
            Err(_) => types::Error::trap(wasmtime::format_err!("no crypto_errno for {e:?}")),
        }
    }
}

impl From<wiggle::GuestError> for types::Error {
    fn from(e: wiggle::GuestError) -> Self {
        tracing::debug!(error = %e, "guest memory error");
        types::CryptoErrno::GuestError.into()
    }
}

#[cfg(test)]
mod tests {
    use super::types::CryptoErrno;
    use crate::error::CryptoError;

    #[test]
    fn every_crypto_error_has_the_witx_errno_of_the_same_name() {
        let pairs = [
            (CryptoError::GuestError, CryptoErrno::GuestError),
            (CryptoError::NotImplemented, CryptoErrno::NotImplemented),
            (
                CryptoError::UnsupportedFeature,
                CryptoErrno::UnsupportedFeature,
            ),
            (
                CryptoError::ProhibitedOperation,
                CryptoErrno::ProhibitedOperation,
            ),
            (
                CryptoError::UnsupportedEncoding,
                CryptoErrno::UnsupportedEncoding,
            ),
            (
                CryptoError::UnsupportedAlgorithm,
                CryptoErrno::UnsupportedAlgorithm,
            ),
            (
                CryptoError::UnsupportedOption,
                CryptoErrno::UnsupportedOption,
            ),
            (CryptoError::InvalidKey, CryptoErrno::InvalidKey),
            (CryptoError::InvalidLength, CryptoErrno::InvalidLength),
            (
                CryptoError::VerificationFailed,
                CryptoErrno::VerificationFailed,
            ),
            (CryptoError::RngError, CryptoErrno::RngError),
            (CryptoError::AlgorithmFailure, CryptoErrno::AlgorithmFailure),
            (CryptoError::InvalidSignature, CryptoErrno::InvalidSignature),
            (CryptoError::Closed, CryptoErrno::Closed),
            (CryptoError::InvalidHandle, CryptoErrno::InvalidHandle),
            (CryptoError::Overflow, CryptoErrno::Overflow),
            (CryptoError::InternalError, CryptoErrno::InternalError),
            (CryptoError::TooManyHandles, CryptoErrno::TooManyHandles),
            (CryptoError::KeyNotSupported, CryptoErrno::KeyNotSupported),
            (CryptoError::KeyRequired, CryptoErrno::KeyRequired),
            (CryptoError::InvalidTag, CryptoErrno::InvalidTag),
            (CryptoError::InvalidOperation, CryptoErrno::InvalidOperation),
            (CryptoError::NonceRequired, CryptoErrno::NonceRequired),
            (CryptoError::InvalidNonce, CryptoErrno::InvalidNonce),
            (CryptoError::OptionNotSet, CryptoErrno::OptionNotSet),
            (CryptoError::NotFound, CryptoErrno::NotFound),
            (
                CryptoError::ParametersMissing,
                CryptoErrno::ParametersMissing,
            ),
            (CryptoError::InProgress, CryptoErrno::InProgress),
            (CryptoError::IncompatibleKeys, CryptoErrno::IncompatibleKeys),
            (CryptoError::Expired, CryptoErrno::Expired),
        ];
        for (ours, witx) in pairs {
            assert_eq!(ours.errno(), u16::from(witx), "{ours:?}");
            assert_eq!(CryptoErrno::try_from(ours.errno()).ok(), Some(witx));
        }
        assert_eq!(pairs.len(), 30);
    }
}
