//! The `wasi_ephemeral_crypto_kx` module: key exchange (Diffie-Hellman, [`KxPublicKey::dh`]) and
//! key encapsulation ([`KxPublicKey::encapsulate`], [`KxSecretKey::decapsulate`]).
//!
//! Keys are created with `algorithm_type` `key_exchange`. Algorithm names are the proposal's
//! spelling, matched case-insensitively by the host:
//!
//! | algorithm | standard | operation | key pair `Raw` | public key `Raw` | secret key `Raw` | output |
//! |---|---|---|---|---|---|---|
//! | `X25519` | RFC 7748 §5, §6.1 | DH | 64 bytes: public key (32) ‖ secret key (32) | 32 bytes: the u-coordinate (little-endian) | 32 bytes: the scalar, kept unclamped | 32-byte `X25519(sk, pk)`, unhashed |
//! | `P256-SHA256` | NIST SP 800-56A §5.7.1.2 on P-256 | DH | 32 bytes: the big-endian secret scalar | SEC 1 §2.3.3 point: 65 bytes `04 ‖ x ‖ y` (33 compressed accepted on import) | 32 bytes: the scalar | 32 bytes: the x-coordinate Z, **not** hashed |
//! | `P384-SHA384` | as above on P-384 | DH | 48 bytes: the scalar | 97 bytes (49 compressed) | 48 bytes | 48 bytes: Z, not hashed |
//! | `ML-KEM-512` | FIPS 203 | KEM | 64 bytes: the seed `d ‖ z` | 800 bytes: `ek` | 64 bytes: the seed `d ‖ z` | 32-byte `K`; ciphertext 768 bytes |
//! | `ML-KEM-768` | FIPS 203 | KEM | 64-byte seed | 1184 bytes | 64-byte seed | `K` 32 bytes; ciphertext 1088 bytes |
//! | `ML-KEM-1024` | FIPS 203 | KEM | 64-byte seed | 1568 bytes | 64-byte seed | `K` 32 bytes; ciphertext 1568 bytes |
//! | `X-WING` | draft-connolly-cfrg-xwing-kem (ML-KEM-768 + X25519) | KEM | 32 bytes: the seed `sk` | 1216 bytes: `pk_M ‖ pk_X` | 32-byte seed | 32-byte shared secret; ciphertext 1120 bytes |
//!
//! The `-SHA256` / `-SHA384` of the ECDH names is the hash the proposal pairs with the curve for
//! a later key derivation: the shared secret is the raw Z, to be fed to e.g.
//! [`Hkdf`](crate::Hkdf) by the caller.
//!
//! Other encodings ([`crate::asymmetric`] describes them):
//! - `Pkcs8` / `Pem`: every algorithm but `X-WING` (raw only: [`ErrorKind::UnsupportedEncoding`]), for key pairs, public keys and secret keys (RFC 8410 for
//!   X25519, RFC 5915 inside RFC 5958 for ECDH, the seed form of the IETF ML-KEM PKIX draft for
//!   ML-KEM; public keys are `SubjectPublicKeyInfo`).
//! - `Sec`: ECDH public keys (same bytes as `Raw`) and secret keys (SEC 1 `ECPrivateKey` DER).
//!   [`ErrorKind::UnsupportedEncoding`] for X25519 and ML-KEM.
//! - `Local`: [`ErrorKind::UnsupportedEncoding`] on `wasicrypt-host`.
//!
//! Errors: [`ErrorKind::UnsupportedAlgorithm`] (unknown name); [`ErrorKind::InvalidKey`] (bytes that are
//! not a key of the algorithm, a key pair whose halves do not match, an X25519 public key of
//! small order at [`KxPublicKey::validate`] or [`KxPublicKey::dh`]); [`ErrorKind::UnsupportedEncoding`];
//! [`ErrorKind::IncompatibleKeys`] (keys of different algorithms combined);
//! [`ErrorKind::InvalidOperation`] (`dh` on a KEM, `encapsulate` / `decapsulate` on a DH algorithm);
//! [`ErrorKind::VerificationFailed`] (an ML-KEM ciphertext of the wrong length). A well-formed
//! ML-KEM ciphertext that was not made for the key is **not** an error: FIPS 203 implicit
//! rejection returns a pseudorandom secret that differs from the sender's.
//!
//! # Example
//!
//! Run under a WASI-Crypto host; natively every call returns [`ErrorKind::NotImplemented`], which
//! the hidden `main` accepts.
//!
//! ```
//! # fn main() {
//! #     if let Err(error) = run() {
//! #         assert!(!cfg!(target_arch = "wasm32"), "{error}");
//! #         assert_eq!(error, wasicrypt::ErrorKind::NotImplemented);
//! #     }
//! # }
//! # fn run() -> wasicrypt::Result<()> {
//! use wasicrypt::KxKeyPair;
//!
//! // X25519: both sides compute the same 32-byte secret.
//! let alice = KxKeyPair::generate("X25519")?;
//! let bob = KxKeyPair::generate("X25519")?;
//! let k1 = bob.public_key()?.dh(&alice.secret_key()?)?;
//! let k2 = alice.public_key()?.dh(&bob.secret_key()?)?;
//! assert_eq!(k1, k2);
//!
//! // ML-KEM-768: the sender encapsulates to the public key, the owner decapsulates.
//! let receiver = KxKeyPair::generate("ML-KEM-768")?;
//! let (secret, ciphertext) = receiver.public_key()?.encapsulate()?;
//! assert_eq!(ciphertext.len(), 1088);
//! assert_eq!(receiver.secret_key()?.decapsulate(&ciphertext)?, secret);
//! # Ok(())
//! # }
//! ```

use alloc::vec::Vec;
use core::fmt;

use crate::algorithms::{AlgorithmName, KxAlgorithm, Name};
use crate::asymmetric::{
    KeyPairEncoding, KeyPairHandle, PublicKeyEncoding, PublicKeyHandle, SecretKeyEncoding,
    SecretKeyHandle,
};
use crate::common::{AlgorithmType, ArrayOutput, Options};
#[cfg(doc)] // The documentation's links.
use crate::error::ErrorKind;
use crate::error::{Result, check};
use crate::raw;

const KEY_EXCHANGE: AlgorithmType = AlgorithmType::KeyExchange;

/// A key-exchange key pair (a host `keypair` of `algorithm_type` `key_exchange`).
///
/// The key material stays in the host. The handle is closed on `Drop` (`keypair_close`); keys
/// obtained from the pair keep working after that. `Debug` shows the handle and the algorithm,
/// never the key.
pub struct KxKeyPair {
    pub(crate) inner: KeyPairHandle,
}

impl KxKeyPair {
    /// Generates a fresh key pair for `algorithm` (`keypair_generate`), e.g. `"X25519"` or
    /// `"ML-KEM-768"`.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`] for an unknown name; [`ErrorKind::RngError`] if the host's
    /// generator fails.
    pub fn generate(algorithm: impl AlgorithmName<KxAlgorithm>) -> Result<Self> {
        Self::generate_with(algorithm, None)
    }

    /// As [`KxKeyPair::generate`], with an options object of type [`AlgorithmType::KeyExchange`]
    /// (`wasicrypt-host` defines no key-exchange options).
    ///
    /// # Errors
    /// As [`KxKeyPair::generate`]; [`ErrorKind::InvalidHandle`] for options of another algorithm
    /// type.
    pub fn generate_with(
        algorithm: impl AlgorithmName<KxAlgorithm>,
        options: Option<&Options>,
    ) -> Result<Self> {
        Ok(KxKeyPair {
            inner: KeyPairHandle::generate(KEY_EXCHANGE, Name::of(&algorithm), options)?,
        })
    }

    /// Imports an encoded key pair (`keypair_import`); see the [module table](self) for the
    /// `Raw` layouts (X25519: public key ‖ secret key, 64 bytes; ECDH: the secret scalar;
    /// ML-KEM: the 64-byte seed).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::InvalidKey`] for bytes that do not parse, a
    /// wrong size, or an X25519 public half that does not belong to the secret key;
    /// [`ErrorKind::UnsupportedEncoding`].
    pub fn import(
        algorithm: impl AlgorithmName<KxAlgorithm>,
        encoded: &[u8],
        encoding: KeyPairEncoding,
    ) -> Result<Self> {
        Ok(KxKeyPair {
            inner: KeyPairHandle::import(KEY_EXCHANGE, Name::of(&algorithm), encoded, encoding)?,
        })
    }

    /// Joins a public key and its secret key into a key pair (`keypair_from_pk_and_sk`).
    ///
    /// # Errors
    /// [`ErrorKind::IncompatibleKeys`] if the keys belong to different algorithms;
    /// [`ErrorKind::InvalidKey`] if `pk` is not the public key of `sk`.
    pub fn from_pk_and_sk(pk: &KxPublicKey, sk: &KxSecretKey) -> Result<Self> {
        Ok(KxKeyPair {
            inner: KeyPairHandle::from_pk_and_sk(&pk.inner, &sk.inner)?,
        })
    }

    /// Exports the key pair (`keypair_export`). The bytes include the secret key.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedEncoding`] for an encoding the algorithm lacks;
    /// [`ErrorKind::ProhibitedOperation`] if the host refuses to export the key.
    pub fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        self.inner.export(encoding)
    }

    /// The public half (`keypair_publickey`), as a new handle.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHandle`] if the pair was closed behind this object's back.
    pub fn public_key(&self) -> Result<KxPublicKey> {
        Ok(KxPublicKey {
            inner: self.inner.public_key()?,
        })
    }

    /// The secret half (`keypair_secretkey`), as a new handle.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHandle`] if the pair was closed behind this object's back.
    pub fn secret_key(&self) -> Result<KxSecretKey> {
        Ok(KxSecretKey {
            inner: self.inner.secret_key()?,
        })
    }

    /// The algorithm name the pair was created for, canonical for every name
    /// [`KxAlgorithm`] lists, as given by the caller otherwise.
    pub fn algorithm(&self) -> &str {
        self.inner.algorithm.as_str()
    }

    /// The raw `keypair` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::KxKeypair {
        self.inner.handle
    }

    /// Takes ownership of a raw key-exchange `keypair` handle created for `algorithm`; it is
    /// closed on `Drop`. Nothing else may close it.
    pub fn from_raw(handle: raw::KxKeypair, algorithm: impl AlgorithmName<KxAlgorithm>) -> Self {
        KxKeyPair {
            inner: KeyPairHandle::from_raw(handle, Name::of(&algorithm)),
        }
    }

    /// Gives up ownership of the handle without closing it.
    pub fn into_raw(self) -> raw::KxKeypair {
        self.inner.into_raw()
    }
}

impl fmt::Debug for KxKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KxKeyPair")
            .field("handle", &self.inner.handle)
            .field("algorithm", &self.inner.algorithm)
            .finish_non_exhaustive()
    }
}

/// A key-exchange public key (a host `publickey` of `algorithm_type` `key_exchange`): the peer's
/// half of a Diffie-Hellman exchange, or the encapsulation key of a KEM.
///
/// The handle is closed on `Drop` (`publickey_close`).
pub struct KxPublicKey {
    inner: PublicKeyHandle,
}

impl KxPublicKey {
    /// Imports an encoded public key (`publickey_import`): X25519 `Raw` is any 32 bytes (RFC 7748
    /// §5: the top bit is ignored, small-order points are caught by [`KxPublicKey::validate`] and
    /// [`KxPublicKey::dh`]); ECDH `Raw` / `Sec` a SEC 1 point, fully validated; ML-KEM `Raw` the
    /// encapsulation key, checked per FIPS 203 §7.2.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::InvalidKey`] for bytes that do not parse, a
    /// wrong size or an invalid point / encapsulation key; [`ErrorKind::UnsupportedEncoding`].
    pub fn import(
        algorithm: impl AlgorithmName<KxAlgorithm>,
        encoded: &[u8],
        encoding: PublicKeyEncoding,
    ) -> Result<Self> {
        Ok(KxPublicKey {
            inner: PublicKeyHandle::import(KEY_EXCHANGE, Name::of(&algorithm), encoded, encoding)?,
        })
    }

    /// Exports the public key (`publickey_export`). ECDH points are exported uncompressed.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedEncoding`] for an encoding the algorithm lacks.
    pub fn export(&self, encoding: PublicKeyEncoding) -> Result<Vec<u8>> {
        self.inner.export(encoding)
    }

    /// Checks that the key is valid for its algorithm (`publickey_verify`).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for an X25519 point of small order (RFC 7748 §7).
    pub fn validate(&self) -> Result<()> {
        self.inner.validate()
    }

    /// The secret shared by our secret key `sk` and this (the peer's) public key (`kx_dh`):
    /// 32 bytes for X25519 and P-256, 48 for P-384, without any key derivation.
    ///
    /// # Errors
    /// [`ErrorKind::IncompatibleKeys`] if `sk` belongs to another algorithm;
    /// [`ErrorKind::InvalidKey`] if the result would be all zeros (an X25519 point of small order);
    /// [`ErrorKind::InvalidOperation`] for KEMs (ML-KEM).
    pub fn dh(&self, sk: &KxSecretKey) -> Result<Vec<u8>> {
        let mut output: raw::ArrayOutput = 0;
        // SAFETY: plain handle arguments; `&mut output` is a valid, aligned, writable `u32`.
        check(
            unsafe { raw::kx::kx_dh(self.inner.handle, sk.inner.handle, &mut output) },
            "kx_dh",
            self.algorithm(),
        )?;
        ArrayOutput::from_raw(output).into_vec()
    }

    /// Creates a fresh shared secret for the owner of this public key (`kx_encapsulate`) and
    /// returns `(shared secret, encapsulated secret)`: for ML-KEM the 32-byte `K` and the
    /// ciphertext `c` of FIPS 203 §7.2 (768 / 1088 / 1568 bytes). Send `c` to the key's owner,
    /// who recovers `K` with [`KxSecretKey::decapsulate`].
    ///
    /// # Errors
    /// [`ErrorKind::InvalidOperation`] for Diffie-Hellman algorithms (X25519, ECDH);
    /// [`ErrorKind::RngError`] if the host's generator fails.
    pub fn encapsulate(&self) -> Result<(Vec<u8>, Vec<u8>)> {
        let mut secret: raw::ArrayOutput = 0;
        let mut encapsulated: raw::ArrayOutput = 0;
        // SAFETY: `&mut secret` and `&mut encapsulated` are distinct, valid, aligned, writable
        // `u32`s for the call.
        check(
            unsafe { raw::kx::kx_encapsulate(self.inner.handle, &mut secret, &mut encapsulated) },
            "kx_encapsulate",
            self.algorithm(),
        )?;
        // Own both outputs before reading either, so that both are released on any error.
        let (secret, encapsulated) = (
            ArrayOutput::from_raw(secret),
            ArrayOutput::from_raw(encapsulated),
        );
        let secret = secret.into_vec()?;
        let encapsulated = encapsulated.into_vec()?;
        Ok((secret, encapsulated))
    }

    /// The algorithm name the key was created for, canonical for every name
    /// [`KxAlgorithm`] lists, as given by the caller otherwise.
    pub fn algorithm(&self) -> &str {
        self.inner.algorithm.as_str()
    }

    /// The raw `publickey` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::KxPublickey {
        self.inner.handle
    }

    /// Takes ownership of a raw key-exchange `publickey` handle created for `algorithm`; it is
    /// closed on `Drop`. Nothing else may close it.
    pub fn from_raw(handle: raw::KxPublickey, algorithm: impl AlgorithmName<KxAlgorithm>) -> Self {
        KxPublicKey {
            inner: PublicKeyHandle::from_raw(handle, Name::of(&algorithm)),
        }
    }

    /// Gives up ownership of the handle without closing it.
    pub fn into_raw(self) -> raw::KxPublickey {
        self.inner.into_raw()
    }
}

impl fmt::Debug for KxPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KxPublicKey")
            .field("handle", &self.inner.handle)
            .field("algorithm", &self.inner.algorithm)
            .finish_non_exhaustive()
    }
}

/// A key-exchange secret key (a host `secretkey` of `algorithm_type` `key_exchange`).
///
/// The handle is closed on `Drop` (`secretkey_close`; the host wipes its copy). `Debug` never
/// shows the key.
pub struct KxSecretKey {
    inner: SecretKeyHandle,
}

impl KxSecretKey {
    /// Imports an encoded secret key (`secretkey_import`): X25519 `Raw` is the 32-byte scalar
    /// (kept as given; clamping happens in each multiplication), ECDH `Raw` the big-endian scalar
    /// and `Sec` an `ECPrivateKey`, ML-KEM `Raw` the 64-byte seed `d ‖ z` (the expanded
    /// decapsulation key is not accepted).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::InvalidKey`] for bytes that do not parse or a
    /// wrong size; [`ErrorKind::UnsupportedEncoding`].
    pub fn import(
        algorithm: impl AlgorithmName<KxAlgorithm>,
        encoded: &[u8],
        encoding: SecretKeyEncoding,
    ) -> Result<Self> {
        Ok(KxSecretKey {
            inner: SecretKeyHandle::import(KEY_EXCHANGE, Name::of(&algorithm), encoded, encoding)?,
        })
    }

    /// Exports the secret key (`secretkey_export`).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedEncoding`]; [`ErrorKind::ProhibitedOperation`] if the host refuses.
    pub fn export(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        self.inner.export(encoding)
    }

    /// Computes the matching public key (`publickey_from_secretkey`).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHandle`] if the key was closed behind this object's back.
    pub fn public_key(&self) -> Result<KxPublicKey> {
        Ok(KxPublicKey {
            inner: self.inner.public_key()?,
        })
    }

    /// Recovers the shared secret a peer encapsulated for this key (`kx_decapsulate`): the
    /// 32-byte ML-KEM `K` of FIPS 203 §7.3.
    ///
    /// # Errors
    /// [`ErrorKind::VerificationFailed`] if `encapsulated` has the wrong length for the algorithm
    /// (a ciphertext of the right length that was made for another key is not detected: it
    /// yields a different, pseudorandom secret); [`ErrorKind::InvalidOperation`] for
    /// Diffie-Hellman algorithms.
    pub fn decapsulate(&self, encapsulated: &[u8]) -> Result<Vec<u8>> {
        let mut output: raw::ArrayOutput = 0;
        // SAFETY: `encapsulated` is a live slice read during the call only; `&mut output` is a
        // valid, aligned, writable `u32`.
        check(
            unsafe {
                raw::kx::kx_decapsulate(
                    self.inner.handle,
                    encapsulated.as_ptr(),
                    encapsulated.len(),
                    &mut output,
                )
            },
            "kx_decapsulate",
            self.algorithm(),
        )?;
        ArrayOutput::from_raw(output).into_vec()
    }

    /// The algorithm name the key was created for, canonical for every name
    /// [`KxAlgorithm`] lists, as given by the caller otherwise.
    pub fn algorithm(&self) -> &str {
        self.inner.algorithm.as_str()
    }

    /// The raw `secretkey` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::KxSecretkey {
        self.inner.handle
    }

    /// Takes ownership of a raw key-exchange `secretkey` handle created for `algorithm`; it is
    /// closed on `Drop`. Nothing else may close it.
    pub fn from_raw(handle: raw::KxSecretkey, algorithm: impl AlgorithmName<KxAlgorithm>) -> Self {
        KxSecretKey {
            inner: SecretKeyHandle::from_raw(handle, Name::of(&algorithm)),
        }
    }

    /// Gives up ownership of the handle without closing it.
    pub fn into_raw(self) -> raw::KxSecretkey {
        self.inner.into_raw()
    }
}

impl fmt::Debug for KxSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KxSecretKey")
            .field("handle", &self.inner.handle)
            .field("algorithm", &self.inner.algorithm)
            .finish_non_exhaustive()
    }
}
