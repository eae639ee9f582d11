//! `signature` 3 implementations of ECDSA (FIPS 186-5) over host key pairs, with the names and
//! shapes of the RustCrypto `ecdsa` types (`SigningKey`, `VerifyingKey`, `Signature`) of
//! `p256`, `p384` and `k256`.

/// Defines `SigningKey`, `VerifyingKey` and `Signature` for the host algorithm `$alg` on a curve
/// with `$field`-byte scalars (`$field_n` as a typenum) and `$sig_n`-byte `r ‖ s` signatures.
macro_rules! ecdsa {
    ($curve:literal, $alg:literal, $hash:literal, $field:literal, $field_n:ident, $sig_n:ident) => {
        use core::fmt;

        pub use signature::{self, Keypair, Signer, Verifier};

        use $crate::rustcrypto::{host_failure, signature_error};
        use $crate::{
            Error, ErrorKind, KeyPairEncoding, PublicKeyEncoding, Result, SignatureEncoding,
            SignatureKeyPair, SignaturePublicKey,
        };

        /// The host algorithm name.
        pub const ALGORITHM: &str = $alg;

        /// A big-endian scalar of the curve:
        #[doc = concat!($field, " bytes.")]
        pub type FieldBytes = digest::array::Array<u8, digest::consts::$field_n>;

        /// The fixed-size encoding of a [`Signature`]: `r ‖ s`, big-endian,
        #[doc = concat!($field, " bytes each.")]
        pub type SignatureBytes = digest::array::Array<u8, digest::consts::$sig_n>;

        #[doc = concat!("An ECDSA signing key on ", $curve, " (FIPS 186-5 §6.4) hashing with ", $hash, ": a host key pair.")]
        ///
        /// Signatures are deterministic (RFC 6979, as the RustCrypto crates sign), so they equal
        /// the RustCrypto type's for the same key and message.
        ///
        /// # Panics
        /// `Signer::sign` panics if the host fails the call (it does not offer
        #[doc = concat!("`", $alg, "`,")]
        /// or the embedder's limits refuse it); `Signer::try_sign` returns the error.
        /// [`SigningKey::to_bytes`] panics if the host refuses to export the key.
        pub struct SigningKey {
            keypair: SignatureKeyPair,
            verifying_key: VerifyingKey,
        }

        impl SigningKey {
            /// The key of a big-endian secret scalar (`signature_keypair_import` raw).
            ///
            /// # Errors
            /// A `signature::Error` whose source is [`ErrorKind::InvalidKey`] for zero or a scalar
            /// not below the group order.
            pub fn from_bytes(bytes: &FieldBytes) -> core::result::Result<Self, signature::Error> {
                Self::from_slice(bytes)
            }

            /// [`SigningKey::from_bytes`] from a slice.
            ///
            /// # Errors
            /// As [`SigningKey::from_bytes`]; also for a slice of another length.
            pub fn from_slice(bytes: &[u8]) -> core::result::Result<Self, signature::Error> {
                SignatureKeyPair::import($alg, bytes, KeyPairEncoding::Raw)
                    .and_then(Self::from_keypair)
                    .map_err(signature_error)
            }

            /// A fresh key from the host's CSPRNG (`signature_keypair_generate`). It stands in
            /// for the RustCrypto `random(&mut rng)`: the host draws the randomness.
            ///
            /// # Errors
            /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::RngError`] if the host's RNG fails.
            pub fn generate() -> Result<Self> {
                Self::from_keypair(SignatureKeyPair::generate($alg)?)
            }

            /// Uses a host key pair of
            #[doc = concat!("`", $alg, "`")]
            /// (generated, imported or managed).
            ///
            /// # Errors
            /// [`ErrorKind::InvalidKey`] for a key pair of another algorithm; as
            /// [`SignatureKeyPair::public_key`].
            pub fn from_keypair(keypair: SignatureKeyPair) -> Result<Self> {
                if keypair.algorithm() != $alg {
                    let kind = ErrorKind::InvalidKey;
                    return Err(Error::new(kind, "SigningKey::from_keypair", keypair.algorithm()));
                }
                let verifying_key = VerifyingKey::from_public_key(keypair.public_key()?)?;
                Ok(SigningKey {
                    keypair,
                    verifying_key,
                })
            }

            /// A key from a PKCS#8 DER document (RFC 5915 inside RFC 5208).
            ///
            /// # Errors
            /// [`ErrorKind::InvalidKey`] for a document that is not a key of this curve.
            pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
                Self::from_keypair(SignatureKeyPair::import($alg, der, KeyPairEncoding::Pkcs8)?)
            }

            /// A key from a PEM `PRIVATE KEY` (PKCS#8) or `EC PRIVATE KEY` (SEC 1) block.
            ///
            /// # Errors
            /// As [`SigningKey::from_pkcs8_der`].
            pub fn from_pkcs8_pem(pem: &str) -> Result<Self> {
                Self::from_keypair(SignatureKeyPair::import(
                    $alg,
                    pem.as_bytes(),
                    KeyPairEncoding::Pem,
                )?)
            }

            /// The big-endian secret scalar (`signature_keypair_export` raw). Keep it secret.
            ///
            /// # Panics
            /// If the host refuses the export (a managed key it does not let the guest see).
            pub fn to_bytes(&self) -> FieldBytes {
                let mut exported = self
                    .keypair
                    .export(KeyPairEncoding::Raw)
                    .unwrap_or_else(|e| host_failure($alg, "key pair export", e));
                let bytes = FieldBytes::try_from(exported.as_slice())
                    .unwrap_or_else(|_| host_failure($alg, "key pair export", ErrorKind::InvalidLength.into()));
                $crate::common::zeroize(&mut exported);
                bytes
            }

            /// The public half.
            pub fn verifying_key(&self) -> &VerifyingKey {
                &self.verifying_key
            }

            /// The host key pair.
            pub fn keypair(&self) -> &SignatureKeyPair {
                &self.keypair
            }
        }

        impl fmt::Debug for SigningKey {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("SigningKey")
                    .field("verifying_key", &self.verifying_key)
                    .finish_non_exhaustive()
            }
        }

        impl Signer<Signature> for SigningKey {
            fn try_sign(&self, message: &[u8]) -> core::result::Result<Signature, signature::Error> {
                let raw = self
                    .keypair
                    .sign(message)
                    .and_then(|signature| signature.export(SignatureEncoding::Raw))
                    .map_err(signature_error)?;
                let bytes = SignatureBytes::try_from(raw.as_slice())
                    .map_err(|_| signature_error(ErrorKind::InvalidSignature.into()))?;
                Ok(Signature { bytes })
            }
        }

        impl Verifier<Signature> for SigningKey {
            fn verify(
                &self,
                message: &[u8],
                signature: &Signature,
            ) -> core::result::Result<(), signature::Error> {
                self.verifying_key.verify(message, signature)
            }
        }

        impl Keypair for SigningKey {
            type VerifyingKey = VerifyingKey;

            fn verifying_key(&self) -> VerifyingKey {
                self.verifying_key.clone()
            }
        }

        #[doc = concat!("An ECDSA public key on ", $curve, ": its uncompressed SEC 1 encoding (`04 ‖ x ‖ y`) and the host handle it was imported as.")]
        ///
        /// `Clone` imports the key again; equality compares the encodings.
        ///
        /// # Panics
        /// `Clone` panics if the host fails to import the (valid) key again.
        pub struct VerifyingKey {
            sec1: alloc::boxed::Box<[u8]>,
            key: SignaturePublicKey,
        }

        impl VerifyingKey {
            /// Imports a SEC 1 point, compressed or uncompressed (`signature_publickey_import`
            /// sec).
            ///
            /// # Errors
            /// A `signature::Error` whose source is [`ErrorKind::InvalidKey`] for bytes that are not
            /// a point of the curve (or are the identity).
            pub fn from_sec1_bytes(bytes: &[u8]) -> core::result::Result<Self, signature::Error> {
                SignaturePublicKey::import($alg, bytes, PublicKeyEncoding::Sec)
                    .and_then(Self::from_public_key)
                    .map_err(signature_error)
            }

            /// Imports a DER `SubjectPublicKeyInfo` (RFC 5480).
            ///
            /// # Errors
            /// [`ErrorKind::InvalidKey`] for a document that is not a public key of this curve.
            pub fn from_public_key_der(der: &[u8]) -> Result<Self> {
                Self::from_public_key(SignaturePublicKey::import(
                    $alg,
                    der,
                    PublicKeyEncoding::Pkcs8,
                )?)
            }

            /// Uses a host public key of
            #[doc = concat!("`", $alg, "`.")]
            ///
            /// # Errors
            /// [`ErrorKind::InvalidKey`] for a key of another algorithm; as
            /// [`SignaturePublicKey::export`].
            pub fn from_public_key(key: SignaturePublicKey) -> Result<Self> {
                if key.algorithm() != $alg {
                    let kind = ErrorKind::InvalidKey;
                    return Err(Error::new(kind, "VerifyingKey::from_public_key", key.algorithm()));
                }
                let sec1 = key.export(PublicKeyEncoding::Sec)?.into_boxed_slice();
                Ok(VerifyingKey { sec1, key })
            }

            /// The uncompressed SEC 1 encoding `04 ‖ x ‖ y`
            #[doc = concat!("(1 + 2 × ", $field, " bytes).")]
            pub fn to_sec1_bytes(&self) -> alloc::boxed::Box<[u8]> {
                self.sec1.clone()
            }

            /// The host public key.
            pub fn public_key(&self) -> &SignaturePublicKey {
                &self.key
            }
        }

        impl Clone for VerifyingKey {
            fn clone(&self) -> Self {
                let key = SignaturePublicKey::import($alg, &self.sec1, PublicKeyEncoding::Sec)
                    .unwrap_or_else(|e| host_failure($alg, "public key import", e));
                VerifyingKey {
                    sec1: self.sec1.clone(),
                    key,
                }
            }
        }

        impl PartialEq for VerifyingKey {
            fn eq(&self, other: &Self) -> bool {
                self.sec1 == other.sec1
            }
        }

        impl Eq for VerifyingKey {}

        impl fmt::Debug for VerifyingKey {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("VerifyingKey(")?;
                for byte in self.sec1.iter() {
                    write!(f, "{byte:02x}")?;
                }
                f.write_str(")")
            }
        }

        impl Verifier<Signature> for VerifyingKey {
            /// Verifies with the host (`signature_import`, `signature_verification_state_open`,
            /// `_update`, `_verify`).
            ///
            /// # Errors
            /// A `signature::Error` whose source is [`ErrorKind::VerificationFailed`] for a
            /// signature that does not verify, [`ErrorKind::InvalidSignature`] for `r` or `s` zero or
            /// not below the group order.
            fn verify(
                &self,
                message: &[u8],
                signature: &Signature,
            ) -> core::result::Result<(), signature::Error> {
                $crate::Signature::import($alg, &signature.bytes, SignatureEncoding::Raw)
                    .and_then(|signature| self.key.verify(message, &signature))
                    .map_err(signature_error)
            }
        }

        #[doc = concat!("An ECDSA signature on ", $curve, ": `r ‖ s`, big-endian, ", $field, " bytes each (the fixed-size form of SEC 1 / IEEE P1363).")]
        ///
        /// The bytes are kept as given; `r` and `s` are range-checked by the host when a
        /// signature is imported from DER ([`Signature::from_der`]) and when it is verified.
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        pub struct Signature {
            bytes: SignatureBytes,
        }

        impl Signature {
            /// A signature from its fixed-size encoding `r ‖ s`.
            ///
            /// # Errors
            /// A `signature::Error` whose source is [`ErrorKind::InvalidSignature`] if `r` or `s` is
            /// zero.
            pub fn from_bytes(bytes: &SignatureBytes) -> core::result::Result<Self, signature::Error> {
                let (r, s) = bytes.split_at($field);
                if r.iter().all(|&b| b == 0) || s.iter().all(|&b| b == 0) {
                    return Err(signature_error(ErrorKind::InvalidSignature.into()));
                }
                Ok(Signature { bytes: *bytes })
            }

            /// [`Signature::from_bytes`] from a slice.
            ///
            /// # Errors
            /// As [`Signature::from_bytes`]; also for a slice of another length.
            pub fn from_slice(bytes: &[u8]) -> core::result::Result<Self, signature::Error> {
                let bytes = SignatureBytes::try_from(bytes)
                    .map_err(|_| signature_error(ErrorKind::InvalidSignature.into()))?;
                Self::from_bytes(&bytes)
            }

            /// A signature from its DER `ECDSA-Sig-Value` (RFC 5480 / SEC 1), converted by the
            /// host (`signature_import` der, `signature_export` raw).
            ///
            /// # Errors
            /// A `signature::Error` whose source is [`ErrorKind::InvalidSignature`] for DER that does
            /// not parse or out-of-range `r`, `s`.
            pub fn from_der(der: &[u8]) -> core::result::Result<Self, signature::Error> {
                let raw = $crate::Signature::import($alg, der, SignatureEncoding::Der)
                    .and_then(|signature| signature.export(SignatureEncoding::Raw))
                    .map_err(signature_error)?;
                Self::from_slice(&raw)
            }

            /// The DER `ECDSA-Sig-Value`, converted by the host. Unlike the RustCrypto
            /// `to_der` (a fixed-capacity `der::Signature`) it returns the bytes.
            ///
            /// # Errors
            /// [`ErrorKind::InvalidSignature`] if `r` or `s` is not below the group order.
            pub fn to_der(&self) -> Result<alloc::vec::Vec<u8>> {
                $crate::Signature::import($alg, &self.bytes, SignatureEncoding::Raw)?
                    .export(SignatureEncoding::Der)
            }

            /// The fixed-size encoding `r ‖ s`.
            pub fn to_bytes(&self) -> SignatureBytes {
                self.bytes
            }

            /// [`Signature::to_bytes`] as a `Vec`.
            pub fn to_vec(&self) -> alloc::vec::Vec<u8> {
                self.bytes.to_vec()
            }

            /// `r` and `s`, big-endian.
            pub fn split_bytes(&self) -> (FieldBytes, FieldBytes) {
                let (r, s) = self.bytes.split_at($field);
                let r = FieldBytes::try_from(r).unwrap_or_default();
                let s = FieldBytes::try_from(s).unwrap_or_default();
                (r, s)
            }
        }

        impl fmt::Debug for Signature {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("Signature(")?;
                for byte in self.bytes.iter() {
                    write!(f, "{byte:02x}")?;
                }
                f.write_str(")")
            }
        }

        impl TryFrom<&[u8]> for Signature {
            type Error = signature::Error;

            fn try_from(bytes: &[u8]) -> core::result::Result<Self, signature::Error> {
                Self::from_slice(bytes)
            }
        }

        impl From<Signature> for SignatureBytes {
            fn from(signature: Signature) -> SignatureBytes {
                signature.bytes
            }
        }

        impl signature::SignatureEncoding for Signature {
            type Repr = SignatureBytes;
        }
    };
}

pub(crate) use ecdsa;
