//! Drop-in for the [`p384`](https://docs.rs/p384) crate's `ecdsa` module: ECDSA on
//! NIST P-384 (secp384r1) with SHA-384 (FIPS 186-5), computed by the host.

pub mod ecdsa {
    //! ECDSA on P-384 with SHA-384 (host algorithm `ECDSA_P384_SHA384`): [`SigningKey`], [`VerifyingKey`],
    //! [`Signature`] with the names and shapes of `p384::ecdsa`.
    //!
    //! | item | shape |
    //! |---|---|
    //! | [`FieldBytes`] (secret scalar) | 48 bytes, big-endian |
    //! | [`VerifyingKey::to_sec1_bytes`] | 1 + 2 × 48 bytes, uncompressed SEC 1 |
    //! | [`SignatureBytes`] | 2 × 48 bytes, `r ‖ s` |
    //! | [`Signature::to_der`] | DER `ECDSA-Sig-Value`, at most 2 × 48 + 9 bytes |

    crate::rustcrypto::ecdsa::ecdsa!("P-384", "ECDSA_P384_SHA384", "SHA-384", 48, U48, U96);
}
