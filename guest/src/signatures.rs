//! The `wasi_ephemeral_crypto_signatures` module: signature key pairs, keys, signatures and the
//! streaming [`Signer`] / [`Verifier`] states.
//!
//! Keys are created with `algorithm_type` `signatures`. Algorithm names are the proposal's
//! spelling, matched case-insensitively by the host:
//!
//! | algorithm | standard | key pair `Raw` | public key `Raw` | secret key `Raw` | signature `Raw` |
//! |---|---|---|---|---|---|
//! | `Ed25519` | RFC 8032 §5.1 (pure, strict verification) | 64 bytes: seed (32) ‖ public key (32) | 32 bytes: the encoded point A (§5.1.5) | 32 bytes: the seed (RFC 8032's private key) | 64 bytes: R (32) ‖ S (32, little-endian) (§5.1.6) |
//! | `ECDSA_P256_SHA256` | FIPS 186-5 §6, SEC 1 §4.1; NIST P-256 + SHA-256 | 32 bytes: the big-endian secret scalar | SEC 1 §2.3.3 point: 65 bytes `04 ‖ x ‖ y` (33 compressed accepted on import) | 32 bytes: the big-endian scalar | 64 bytes: r ‖ s |
//! | `ECDSA_P384_SHA384` | as above; NIST P-384 + SHA-384 | 48 bytes: the scalar | 97 bytes (49 compressed) | 48 bytes | 96 bytes: r ‖ s |
//! | `ECDSA_K256_SHA256` | as above; secp256k1 + SHA-256, low-S signatures (BIP 62) | 32 bytes: the scalar | 65 bytes (33 compressed) | 32 bytes | 64 bytes: r ‖ s |
//! | `RSA_PKCS1_2048_SHA256`, `RSA_PKCS1_2048_SHA384`, `RSA_PKCS1_2048_SHA512`, `RSA_PKCS1_3072_SHA384`, `RSA_PKCS1_3072_SHA512`, `RSA_PKCS1_4096_SHA512` | RFC 8017 §8.2 RSASSA-PKCS1-v1_5 | — | — | — | `bits / 8` bytes, big-endian (I2OSP) |
//! | `RSA_PSS_2048_SHA256`, `RSA_PSS_2048_SHA384`, `RSA_PSS_2048_SHA512`, `RSA_PSS_3072_SHA384`, `RSA_PSS_3072_SHA512`, `RSA_PSS_4096_SHA512` | RFC 8017 §8.1 RSASSA-PSS, MGF1 with the same hash, salt = hash length | — | — | — | `bits / 8` bytes |
//! | `ML-DSA-44` | FIPS 204 (pure ML-DSA, empty context), security category 2 | 32 bytes: the seed ξ | 1312 bytes: `pkEncode(ρ, t1)` | 32 bytes: the seed ξ | 2420 bytes: `sigEncode(c̃, z, h)` |
//! | `ML-DSA-65` | as above, category 3 | 32-byte seed | 1952 bytes | 32-byte seed | 3309 bytes |
//! | `ML-DSA-87` | as above, category 5 | 32-byte seed | 2592 bytes | 32-byte seed | 4627 bytes |
//!
//! Other encodings ([`crate::asymmetric`] describes them):
//! - `Pkcs8` / `Pem`: every algorithm, for key pairs, public keys and secret keys (key pair and
//!   secret key share one PKCS#8 document: RFC 8410 for Ed25519, RFC 5915 inside RFC 5958 for
//!   ECDSA, `rsaEncryption` with a PKCS#1 `RSAPrivateKey` for RSA, the RFC 9881 seed form for
//!   ML-DSA, whose expanded secret key is [`ErrorKind::InvalidKey`]; public keys are
//!   `SubjectPublicKeyInfo`). RSA keys have **only** these two encodings: `Raw` is
//!   [`ErrorKind::UnsupportedEncoding`].
//! - `Sec`: ECDSA public keys (same bytes as `Raw`) and secret keys (SEC 1 `ECPrivateKey` DER,
//!   RFC 5915). Key pairs have no `Sec` encoding.
//! - [`SignatureEncoding::Der`]: ECDSA only (`ECDSA-Sig-Value`, RFC 3279 §2.2.3).
//! - `Local`: [`ErrorKind::UnsupportedEncoding`] on `wasicrypt-host`.
//!
//! ECDSA nonces are deterministic (RFC 6979), so signing a message twice with the same key gives
//! the same signature; ML-DSA signatures are hedged (fresh randomness each time, FIPS 204 §3.4)
//! unless the embedder chose the deterministic variant, and its [`Signer`] hashes the message as
//! it comes, so messages of any length are fine; RSA key sizes are fixed by the name (a 3072-bit key under a 2048 name is
//! [`ErrorKind::InvalidKey`]).
//!
//! Errors common to the whole module: [`ErrorKind::UnsupportedAlgorithm`] (unknown name);
//! [`ErrorKind::InvalidKey`] (bytes that are not a key of the algorithm, a key pair whose halves do
//! not match); [`ErrorKind::UnsupportedEncoding`] (an encoding the object lacks);
//! [`ErrorKind::InvalidSignature`] (bytes that cannot be a signature of the algorithm, or a signature
//! of another algorithm); [`ErrorKind::VerificationFailed`] (a well-formed signature that does not
//! match the message and key); [`ErrorKind::IncompatibleKeys`] (a public and a secret key of
//! different algorithms combined).
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
//! use wasicrypt::{
//!     PublicKeyEncoding, SignatureAlgorithm, SignatureEncoding, SignatureKeyPair,
//!     SignaturePublicKey,
//! };
//!
//! let key_pair = SignatureKeyPair::generate(SignatureAlgorithm::Ed25519)?;
//! let signature = key_pair.sign(b"message")?;
//! assert_eq!(signature.export(SignatureEncoding::Raw)?.len(), 64);
//!
//! // The verifier only needs the public key (32 raw bytes for Ed25519).
//! let public = key_pair.public_key()?.export(PublicKeyEncoding::Raw)?;
//! let public_key = SignaturePublicKey::import(SignatureAlgorithm::Ed25519, &public, PublicKeyEncoding::Raw)?;
//! public_key.verify(b"message", &signature)?;
//! let error = public_key.verify(b"another message", &signature).unwrap_err();
//! assert_eq!(error.kind(), wasicrypt::ErrorKind::VerificationFailed);
//! # Ok(())
//! # }
//! ```

use alloc::vec::Vec;
use core::fmt;
use core::mem::{self, ManuallyDrop};

use crate::algorithms::{AlgorithmName, Name, SignatureAlgorithm};
use crate::asymmetric::{
    KeyPairEncoding, KeyPairHandle, PublicKeyEncoding, PublicKeyHandle, SecretKeyEncoding,
    SecretKeyHandle, SignatureEncoding,
};
use crate::common::{AlgorithmType, ArrayOutput, Options};
#[cfg(doc)] // The documentation's links.
use crate::error::ErrorKind;
use crate::error::{Result, check};
use crate::raw;

const SIGNATURES: AlgorithmType = AlgorithmType::Signatures;

/// A signature key pair (a host `keypair` of `algorithm_type` `signatures`).
///
/// The key material stays in the host. The handle is closed on `Drop` (`keypair_close`); keys
/// and [`Signer`]s obtained from the pair keep working after that. `Debug` shows the handle and
/// the algorithm, never the key.
pub struct SignatureKeyPair {
    pub(crate) inner: KeyPairHandle,
}

impl SignatureKeyPair {
    /// Generates a fresh key pair for `algorithm` (`keypair_generate`), e.g. `"Ed25519"` or
    /// `"ECDSA_P256_SHA256"`. RSA generation is slow (seconds for 4096 bits).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`] for an unknown name; [`ErrorKind::RngError`] if the host's
    /// generator fails.
    pub fn generate(algorithm: impl AlgorithmName<SignatureAlgorithm>) -> Result<Self> {
        Self::generate_with(algorithm, None)
    }

    /// As [`SignatureKeyPair::generate`], with an options object of type
    /// [`AlgorithmType::Signatures`] (`wasicrypt-host` defines no signature options).
    ///
    /// # Errors
    /// As [`SignatureKeyPair::generate`]; [`ErrorKind::InvalidHandle`] for options of another
    /// algorithm type.
    pub fn generate_with(
        algorithm: impl AlgorithmName<SignatureAlgorithm>,
        options: Option<&Options>,
    ) -> Result<Self> {
        Ok(SignatureKeyPair {
            inner: KeyPairHandle::generate(SIGNATURES, Name::of(&algorithm), options)?,
        })
    }

    /// Imports an encoded key pair (`keypair_import`); see the [module table](self) for the
    /// `Raw` layouts (Ed25519: seed ‖ public key, 64 bytes; ECDSA: the secret scalar).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::InvalidKey`] for bytes that do not parse, a
    /// wrong size, or an Ed25519 public half that does not belong to the seed;
    /// [`ErrorKind::UnsupportedEncoding`] (`Raw` for RSA, `Local`).
    pub fn import(
        algorithm: impl AlgorithmName<SignatureAlgorithm>,
        encoded: &[u8],
        encoding: KeyPairEncoding,
    ) -> Result<Self> {
        Ok(SignatureKeyPair {
            inner: KeyPairHandle::import(SIGNATURES, Name::of(&algorithm), encoded, encoding)?,
        })
    }

    /// Joins a public key and its secret key into a key pair (`keypair_from_pk_and_sk`).
    ///
    /// # Errors
    /// [`ErrorKind::IncompatibleKeys`] if the keys belong to different algorithms;
    /// [`ErrorKind::InvalidKey`] if `pk` is not the public key of `sk`.
    pub fn from_pk_and_sk(pk: &SignaturePublicKey, sk: &SignatureSecretKey) -> Result<Self> {
        Ok(SignatureKeyPair {
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
    pub fn public_key(&self) -> Result<SignaturePublicKey> {
        Ok(SignaturePublicKey {
            inner: self.inner.public_key()?,
        })
    }

    /// The secret half (`keypair_secretkey`), as a new handle.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHandle`] if the pair was closed behind this object's back.
    pub fn secret_key(&self) -> Result<SignatureSecretKey> {
        Ok(SignatureSecretKey {
            inner: self.inner.secret_key()?,
        })
    }

    /// Signs `message` in one call (a [`Signer`] fed once).
    ///
    /// # Errors
    /// [`ErrorKind::Overflow`] if the host cannot buffer a message this long (Ed25519 hashes the
    /// message twice, so `wasicrypt-host` buffers it, bounded by its absorb limit).
    pub fn sign(&self, message: &[u8]) -> Result<Signature> {
        let mut signer = self.signer()?;
        signer.update(message)?;
        signer.sign()
    }

    /// Opens a streaming signing state (`signature_state_open`).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHandle`] if the pair was closed behind this object's back;
    /// [`ErrorKind::TooManyHandles`].
    pub fn signer(&self) -> Result<Signer> {
        let mut handle: raw::SignatureState = 0;
        // SAFETY: `&mut handle` is a valid, aligned, writable `u32` for the call.
        check(
            unsafe { raw::signatures::signature_state_open(self.inner.handle, &mut handle) },
            "signature_state_open",
            self.algorithm(),
        )?;
        Ok(Signer {
            handle,
            algorithm: self.inner.algorithm.clone(),
        })
    }

    /// The algorithm name the pair was created for, canonical for every name
    /// [`SignatureAlgorithm`] lists, as given by the caller otherwise.
    pub fn algorithm(&self) -> &str {
        self.inner.algorithm.as_str()
    }

    /// The raw `keypair` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::SignatureKeypair {
        self.inner.handle
    }

    /// Takes ownership of a raw signature `keypair` handle created for `algorithm`; it is closed
    /// on `Drop`. Nothing else may close it.
    pub fn from_raw(
        handle: raw::SignatureKeypair,
        algorithm: impl AlgorithmName<SignatureAlgorithm>,
    ) -> Self {
        SignatureKeyPair {
            inner: KeyPairHandle::from_raw(handle, Name::of(&algorithm)),
        }
    }

    /// Gives up ownership of the handle without closing it.
    pub fn into_raw(self) -> raw::SignatureKeypair {
        self.inner.into_raw()
    }
}

impl fmt::Debug for SignatureKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignatureKeyPair")
            .field("handle", &self.inner.handle)
            .field("algorithm", &self.inner.algorithm)
            .finish_non_exhaustive()
    }
}

/// A signature public key (a host `publickey` of `algorithm_type` `signatures`).
///
/// The handle is closed on `Drop` (`publickey_close`); [`Verifier`]s opened with it keep working.
pub struct SignaturePublicKey {
    inner: PublicKeyHandle,
}

impl SignaturePublicKey {
    /// Imports an encoded public key (`publickey_import`): Ed25519 `Raw` is 32 bytes, ECDSA
    /// `Raw` / `Sec` a SEC 1 point (compressed or uncompressed), every algorithm takes `Pkcs8`
    /// (SubjectPublicKeyInfo DER) and `Pem`.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::InvalidKey`] for bytes that do not parse, a
    /// point not on the curve, or an RSA modulus of another size than the name's;
    /// [`ErrorKind::UnsupportedEncoding`] (`Raw` / `Sec` for RSA, `Sec` for Ed25519, `Local`).
    pub fn import(
        algorithm: impl AlgorithmName<SignatureAlgorithm>,
        encoded: &[u8],
        encoding: PublicKeyEncoding,
    ) -> Result<Self> {
        Ok(SignaturePublicKey {
            inner: PublicKeyHandle::import(SIGNATURES, Name::of(&algorithm), encoded, encoding)?,
        })
    }

    /// Exports the public key (`publickey_export`). ECDSA points are exported uncompressed.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedEncoding`] for an encoding the algorithm lacks.
    pub fn export(&self, encoding: PublicKeyEncoding) -> Result<Vec<u8>> {
        self.inner.export(encoding)
    }

    /// Checks that the key is valid for its algorithm (`publickey_verify`), e.g. that an Ed25519
    /// point is not of small order.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for a weak or invalid key.
    pub fn validate(&self) -> Result<()> {
        self.inner.validate()
    }

    /// Verifies `signature` over `message` in one call (a [`Verifier`] fed once).
    ///
    /// # Errors
    /// [`ErrorKind::VerificationFailed`] if the signature does not match the message and key;
    /// [`ErrorKind::InvalidSignature`] for a signature of another algorithm.
    pub fn verify(&self, message: &[u8], signature: &Signature) -> Result<()> {
        let mut verifier = self.verifier()?;
        verifier.update(message)?;
        verifier.verify(signature)
    }

    /// Opens a streaming verification state (`signature_verification_state_open`).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHandle`] if the key was closed behind this object's back;
    /// [`ErrorKind::TooManyHandles`].
    pub fn verifier(&self) -> Result<Verifier> {
        let mut handle: raw::SignatureVerificationState = 0;
        // SAFETY: `&mut handle` is a valid, aligned, writable `u32` for the call.
        check(
            unsafe {
                raw::signatures::signature_verification_state_open(self.inner.handle, &mut handle)
            },
            "signature_verification_state_open",
            self.algorithm(),
        )?;
        Ok(Verifier {
            handle,
            algorithm: self.inner.algorithm.clone(),
        })
    }

    /// The algorithm name the key was created for, canonical for every name
    /// [`SignatureAlgorithm`] lists, as given by the caller otherwise.
    pub fn algorithm(&self) -> &str {
        self.inner.algorithm.as_str()
    }

    /// The raw `publickey` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::SignaturePublickey {
        self.inner.handle
    }

    /// Takes ownership of a raw signature `publickey` handle created for `algorithm`; it is
    /// closed on `Drop`. Nothing else may close it.
    pub fn from_raw(
        handle: raw::SignaturePublickey,
        algorithm: impl AlgorithmName<SignatureAlgorithm>,
    ) -> Self {
        SignaturePublicKey {
            inner: PublicKeyHandle::from_raw(handle, Name::of(&algorithm)),
        }
    }

    /// Gives up ownership of the handle without closing it.
    pub fn into_raw(self) -> raw::SignaturePublickey {
        self.inner.into_raw()
    }
}

impl fmt::Debug for SignaturePublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignaturePublicKey")
            .field("handle", &self.inner.handle)
            .field("algorithm", &self.inner.algorithm)
            .finish_non_exhaustive()
    }
}

/// A signature secret key (a host `secretkey` of `algorithm_type` `signatures`).
///
/// To sign, join it with its public key ([`SignatureKeyPair::from_pk_and_sk`]). The handle is
/// closed on `Drop` (`secretkey_close`; the host wipes its copy). `Debug` never shows the key.
pub struct SignatureSecretKey {
    inner: SecretKeyHandle,
}

impl SignatureSecretKey {
    /// Imports an encoded secret key (`secretkey_import`): Ed25519 `Raw` is the 32-byte seed,
    /// ECDSA `Raw` the big-endian scalar (exactly the field size) and `Sec` an `ECPrivateKey`;
    /// every algorithm takes `Pkcs8` and `Pem`.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::InvalidKey`] for bytes that do not parse, a
    /// wrong size or an out-of-range scalar; [`ErrorKind::UnsupportedEncoding`].
    pub fn import(
        algorithm: impl AlgorithmName<SignatureAlgorithm>,
        encoded: &[u8],
        encoding: SecretKeyEncoding,
    ) -> Result<Self> {
        Ok(SignatureSecretKey {
            inner: SecretKeyHandle::import(SIGNATURES, Name::of(&algorithm), encoded, encoding)?,
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
    pub fn public_key(&self) -> Result<SignaturePublicKey> {
        Ok(SignaturePublicKey {
            inner: self.inner.public_key()?,
        })
    }

    /// The algorithm name the key was created for, canonical for every name
    /// [`SignatureAlgorithm`] lists, as given by the caller otherwise.
    pub fn algorithm(&self) -> &str {
        self.inner.algorithm.as_str()
    }

    /// The raw `secretkey` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::SignatureSecretkey {
        self.inner.handle
    }

    /// Takes ownership of a raw signature `secretkey` handle created for `algorithm`; it is
    /// closed on `Drop`. Nothing else may close it.
    pub fn from_raw(
        handle: raw::SignatureSecretkey,
        algorithm: impl AlgorithmName<SignatureAlgorithm>,
    ) -> Self {
        SignatureSecretKey {
            inner: SecretKeyHandle::from_raw(handle, Name::of(&algorithm)),
        }
    }

    /// Gives up ownership of the handle without closing it.
    pub fn into_raw(self) -> raw::SignatureSecretkey {
        self.inner.into_raw()
    }
}

impl fmt::Debug for SignatureSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignatureSecretKey")
            .field("handle", &self.inner.handle)
            .field("algorithm", &self.inner.algorithm)
            .finish_non_exhaustive()
    }
}

/// A host `signature`: produced by [`Signer::sign`] / [`SignatureKeyPair::sign`], or imported.
///
/// The handle is closed on `Drop` (`signature_close`).
pub struct Signature {
    handle: raw::Signature,
    algorithm: Name,
}

impl Signature {
    /// Imports an encoded signature of `algorithm` (`signature_import`): `Raw` for every
    /// algorithm (see the [module table](self) for sizes), `Der` for ECDSA.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::InvalidSignature`] for bytes that cannot be a
    /// signature of the algorithm (wrong length, non-canonical Ed25519 S, ECDSA r or s zero or
    /// ≥ n, malformed DER); [`ErrorKind::UnsupportedEncoding`] (`Der` for Ed25519 and RSA).
    pub fn import(
        algorithm: impl AlgorithmName<SignatureAlgorithm>,
        encoded: &[u8],
        encoding: SignatureEncoding,
    ) -> Result<Self> {
        let name = Name::of(&algorithm);
        let algorithm = name.as_str();
        let mut handle: raw::Signature = 0;
        // SAFETY: `algorithm` and `encoded` are live slices read during the call only;
        // `&mut handle` is a valid, aligned, writable `u32`.
        check(
            unsafe {
                raw::signatures::signature_import(
                    algorithm.as_ptr(),
                    algorithm.len(),
                    encoded.as_ptr(),
                    encoded.len(),
                    encoding.to_raw(),
                    &mut handle,
                )
            },
            "signature_import",
            algorithm,
        )?;
        Ok(Self::from_raw_name(handle, name))
    }

    /// Exports the signature (`signature_export`): ECDSA converts between `Raw` (r ‖ s) and
    /// `Der` in either direction.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedEncoding`] (`Der` for Ed25519 and RSA).
    pub fn export(&self, encoding: SignatureEncoding) -> Result<Vec<u8>> {
        let mut output: raw::ArrayOutput = 0;
        // SAFETY: `&mut output` is a valid, aligned, writable `u32` for the call.
        check(
            unsafe {
                raw::signatures::signature_export(self.handle, encoding.to_raw(), &mut output)
            },
            "signature_export",
            self.algorithm.as_str(),
        )?;
        ArrayOutput::from_raw(output).into_vec()
    }

    /// The algorithm name of the key that made the signature (or given to
    /// [`Signature::import`]).
    pub fn algorithm(&self) -> &str {
        self.algorithm.as_str()
    }

    /// The raw `signature` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::Signature {
        self.handle
    }

    /// Takes ownership of a raw `signature` handle of `algorithm`; it is closed on `Drop`.
    /// Nothing else may close it.
    pub fn from_raw(
        handle: raw::Signature,
        algorithm: impl AlgorithmName<SignatureAlgorithm>,
    ) -> Self {
        Self::from_raw_name(handle, Name::of(&algorithm))
    }

    pub(crate) fn from_raw_name(handle: raw::Signature, algorithm: Name) -> Self {
        Signature { handle, algorithm }
    }

    /// Gives up ownership of the handle without closing it.
    pub fn into_raw(self) -> raw::Signature {
        let mut this = ManuallyDrop::new(self);
        drop(mem::replace(&mut this.algorithm, Name::known("")));
        this.handle
    }
}

impl Drop for Signature {
    fn drop(&mut self) {
        // SAFETY: plain value argument; a close error is ignored.
        let _ = unsafe { raw::signatures::signature_close(self.handle) };
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signature")
            .field("handle", &self.handle)
            .field("algorithm", &self.algorithm)
            .finish()
    }
}

/// A streaming signing state (`signature_state`), from [`SignatureKeyPair::signer`].
///
/// Feed the message with [`Signer::update`] in any number of pieces, then call
/// [`Signer::sign`]. Signing does not end the state: more updates extend the message and a later
/// `sign` covers everything absorbed so far. The handle is closed on `Drop`
/// (`signature_state_close`).
pub struct Signer {
    handle: raw::SignatureState,
    algorithm: Name,
}

impl Signer {
    /// Appends `data` to the message (`signature_state_update`).
    ///
    /// # Errors
    /// [`ErrorKind::Overflow`] if a host that buffers the message (Ed25519) reaches its limit.
    pub fn update(&mut self, data: &[u8]) -> Result<()> {
        // SAFETY: `data` is a live slice read during the call only.
        check(
            unsafe {
                raw::signatures::signature_state_update(self.handle, data.as_ptr(), data.len())
            },
            "signature_state_update",
            self.algorithm.as_str(),
        )
    }

    /// Signs everything absorbed so far (`signature_state_sign`).
    ///
    /// # Errors
    /// [`ErrorKind::TooManyHandles`]; [`ErrorKind::RngError`] for randomized schemes (RSA-PSS).
    pub fn sign(&mut self) -> Result<Signature> {
        let mut handle: raw::Signature = 0;
        // SAFETY: `&mut handle` is a valid, aligned, writable `u32` for the call.
        check(
            unsafe { raw::signatures::signature_state_sign(self.handle, &mut handle) },
            "signature_state_sign",
            self.algorithm.as_str(),
        )?;
        Ok(Signature::from_raw_name(handle, self.algorithm.clone()))
    }

    /// The algorithm name of the key pair the state was opened with.
    pub fn algorithm(&self) -> &str {
        self.algorithm.as_str()
    }

    /// The raw `signature_state` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::SignatureState {
        self.handle
    }
}

impl Drop for Signer {
    fn drop(&mut self) {
        // SAFETY: plain value argument; a close error is ignored.
        let _ = unsafe { raw::signatures::signature_state_close(self.handle) };
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("handle", &self.handle)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

/// A streaming verification state (`signature_verification_state`), from
/// [`SignaturePublicKey::verifier`].
///
/// Feed the message with [`Verifier::update`] in any number of pieces, then check a signature
/// with [`Verifier::verify`] (which may be called again, also after more updates). The handle is
/// closed on `Drop` (`signature_verification_state_close`).
pub struct Verifier {
    handle: raw::SignatureVerificationState,
    algorithm: Name,
}

impl Verifier {
    /// Appends `data` to the message (`signature_verification_state_update`).
    ///
    /// # Errors
    /// [`ErrorKind::Overflow`] if a host that buffers the message (Ed25519) reaches its limit.
    pub fn update(&mut self, data: &[u8]) -> Result<()> {
        // SAFETY: `data` is a live slice read during the call only.
        check(
            unsafe {
                raw::signatures::signature_verification_state_update(
                    self.handle,
                    data.as_ptr(),
                    data.len(),
                )
            },
            "signature_verification_state_update",
            self.algorithm.as_str(),
        )
    }

    /// Checks `signature` against everything absorbed so far
    /// (`signature_verification_state_verify`).
    ///
    /// # Errors
    /// [`ErrorKind::VerificationFailed`] if the signature does not match the message and key;
    /// [`ErrorKind::InvalidSignature`] for a signature of another algorithm.
    pub fn verify(&self, signature: &Signature) -> Result<()> {
        // SAFETY: plain handle arguments.
        check(
            unsafe {
                raw::signatures::signature_verification_state_verify(self.handle, signature.handle)
            },
            "signature_verification_state_verify",
            self.algorithm.as_str(),
        )
    }

    /// The algorithm name of the public key the state was opened with.
    pub fn algorithm(&self) -> &str {
        self.algorithm.as_str()
    }

    /// The raw `signature_verification_state` handle, for use with [`crate::raw`]. It stays
    /// owned by `self`.
    pub fn raw_handle(&self) -> raw::SignatureVerificationState {
        self.handle
    }
}

impl Drop for Verifier {
    fn drop(&mut self) {
        // SAFETY: plain value argument; a close error is ignored.
        let _ = unsafe { raw::signatures::signature_verification_state_close(self.handle) };
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("handle", &self.handle)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}
