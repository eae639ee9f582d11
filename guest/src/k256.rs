//! Drop-in for the [`k256`](https://docs.rs/k256) crate's `ecdsa` module: ECDSA on
//! secp256k1 (SEC 2) with SHA-256 (FIPS 186-5), computed by the host.

pub mod ecdsa {
    //! ECDSA on secp256k1 with SHA-256 (host algorithm `ECDSA_K256_SHA256`): [`SigningKey`], [`VerifyingKey`],
    //! [`Signature`] with the names and shapes of `k256::ecdsa`.
    //!
    //! | item | shape |
    //! |---|---|
    //! | [`FieldBytes`] (secret scalar) | 32 bytes, big-endian |
    //! | [`VerifyingKey::to_sec1_bytes`] | 1 + 2 × 32 bytes, uncompressed SEC 1 |
    //! | [`SignatureBytes`] | 2 × 32 bytes, `r ‖ s` |
    //! | [`Signature::to_der`] | DER `ECDSA-Sig-Value`, at most 2 × 32 + 9 bytes |

    crate::rustcrypto::ecdsa::ecdsa!("secp256k1", "ECDSA_K256_SHA256", "SHA-256", 32, U32, U64);
}
