//! `wasi_ephemeral_crypto_signatures`: algorithms, signatures and their encodings.
//!
//! One file per family: `ed25519` (RFC 8032), `ecdsa` (FIPS 186-5 / SEC 1 on P-256, P-384,
//! secp256k1), `rsa` (RFC 8017 PKCS#1 v1.5 and PSS) and `mldsa` (FIPS 204 ML-DSA). Each exposes the same entry points
//! (`generate`, `import_keypair`, `import_public_key`, `import_secret_key`, `signature_import`,
//! `signature_export`) and implements the object traits of `crate::asymmetric`.

mod ecdsa;
mod ed25519;
mod mldsa;
mod ops;
mod rsa;

use crate::asymmetric::{
    KeyPair, KeyPairEncoding, PublicKey, PublicKeyEncoding, SecretKey, SecretKeyEncoding,
    SignatureEncoding,
};
use crate::error::Result;

pub use mldsa::MlDsaSigning;

/// An ECDSA curve and its hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EcdsaCurve {
    /// NIST P-256 (secp256r1) with SHA-256.
    P256,
    /// NIST P-384 (secp384r1) with SHA-384.
    P384,
    /// secp256k1 with SHA-256.
    K256,
}

/// The hash of an RSA signature algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RsaHash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

/// A signature algorithm of this host, named as the proposal spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureAlgorithm {
    /// `Ed25519` (RFC 8032, pure EdDSA).
    Ed25519,
    /// `ECDSA_P256_SHA256`, `ECDSA_P384_SHA384`, `ECDSA_K256_SHA256`.
    Ecdsa(EcdsaCurve),
    /// `RSA_PKCS1_<bits>_<hash>`: RSASSA-PKCS1-v1_5 (RFC 8017 §8.2), modulus of exactly `bits`.
    RsaPkcs1 {
        /// Modulus size in bits (2048, 3072 or 4096).
        bits: usize,
        /// Message digest.
        hash: RsaHash,
    },
    /// `RSA_PSS_<bits>_<hash>`: RSASSA-PSS (RFC 8017 §8.1), MGF1 with the same hash, salt length =
    /// hash length.
    RsaPss {
        /// Modulus size in bits (2048, 3072 or 4096).
        bits: usize,
        /// Message digest.
        hash: RsaHash,
    },
    /// `ML-DSA-44` (FIPS 204, security category 2).
    MlDsa44,
    /// `ML-DSA-65` (FIPS 204, security category 3).
    MlDsa65,
    /// `ML-DSA-87` (FIPS 204, security category 5).
    MlDsa87,
}

use SignatureAlgorithm as Sig;

const ALGORITHMS: &[(&str, SignatureAlgorithm)] = &[
    ("Ed25519", Sig::Ed25519),
    ("ECDSA_P256_SHA256", Sig::Ecdsa(EcdsaCurve::P256)),
    ("ECDSA_P384_SHA384", Sig::Ecdsa(EcdsaCurve::P384)),
    ("ECDSA_K256_SHA256", Sig::Ecdsa(EcdsaCurve::K256)),
    (
        "RSA_PKCS1_2048_SHA256",
        Sig::RsaPkcs1 {
            bits: 2048,
            hash: RsaHash::Sha256,
        },
    ),
    (
        "RSA_PKCS1_2048_SHA384",
        Sig::RsaPkcs1 {
            bits: 2048,
            hash: RsaHash::Sha384,
        },
    ),
    (
        "RSA_PKCS1_2048_SHA512",
        Sig::RsaPkcs1 {
            bits: 2048,
            hash: RsaHash::Sha512,
        },
    ),
    (
        "RSA_PKCS1_3072_SHA384",
        Sig::RsaPkcs1 {
            bits: 3072,
            hash: RsaHash::Sha384,
        },
    ),
    (
        "RSA_PKCS1_3072_SHA512",
        Sig::RsaPkcs1 {
            bits: 3072,
            hash: RsaHash::Sha512,
        },
    ),
    (
        "RSA_PKCS1_4096_SHA512",
        Sig::RsaPkcs1 {
            bits: 4096,
            hash: RsaHash::Sha512,
        },
    ),
    (
        "RSA_PSS_2048_SHA256",
        Sig::RsaPss {
            bits: 2048,
            hash: RsaHash::Sha256,
        },
    ),
    (
        "RSA_PSS_2048_SHA384",
        Sig::RsaPss {
            bits: 2048,
            hash: RsaHash::Sha384,
        },
    ),
    (
        "RSA_PSS_2048_SHA512",
        Sig::RsaPss {
            bits: 2048,
            hash: RsaHash::Sha512,
        },
    ),
    (
        "RSA_PSS_3072_SHA384",
        Sig::RsaPss {
            bits: 3072,
            hash: RsaHash::Sha384,
        },
    ),
    (
        "RSA_PSS_3072_SHA512",
        Sig::RsaPss {
            bits: 3072,
            hash: RsaHash::Sha512,
        },
    ),
    (
        "RSA_PSS_4096_SHA512",
        Sig::RsaPss {
            bits: 4096,
            hash: RsaHash::Sha512,
        },
    ),
    ("ML-DSA-44", Sig::MlDsa44),
    ("ML-DSA-65", Sig::MlDsa65),
    ("ML-DSA-87", Sig::MlDsa87),
];

/// [`ALGORITHMS`] by name, for `from_name`.
static INDEX: std::sync::LazyLock<crate::names::NameIndex<SignatureAlgorithm>> =
    std::sync::LazyLock::new(|| crate::names::NameIndex::new(ALGORITHMS));

impl SignatureAlgorithm {
    /// Parses a proposal algorithm name, case-insensitively; `unsupported_algorithm` otherwise.
    pub fn from_name(name: &str) -> Result<Self> {
        INDEX.find(name)
    }

    /// The proposal's spelling of this algorithm's name.
    pub fn name(self) -> &'static str {
        crate::names::name_of(ALGORITHMS, self)
    }

    /// Every algorithm of this kind that this host has, in the order of the proposal's lists.
    pub(crate) fn all() -> impl Iterator<Item = Self> {
        ALGORITHMS.iter().map(|&(_, alg)| alg)
    }
}

/// A signature: the algorithm and its canonical `raw` encoding.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    alg: SignatureAlgorithm,
    raw: Vec<u8>,
}

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Signature({}, {} bytes)",
            self.alg.name(),
            self.raw.len()
        )
    }
}

impl Signature {
    /// A signature of `alg` whose raw encoding is `raw` (produced by this host's signers).
    pub(crate) fn new(alg: SignatureAlgorithm, raw: Vec<u8>) -> Self {
        Signature { alg, raw }
    }

    /// The algorithm this signature belongs to.
    pub fn algorithm(&self) -> SignatureAlgorithm {
        self.alg
    }

    /// The raw encoding.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// `signature_import`: malformed bytes → `invalid_signature`; an encoding the algorithm lacks →
    /// `unsupported_encoding`.
    pub(crate) fn import(
        alg: SignatureAlgorithm,
        encoded: &[u8],
        encoding: SignatureEncoding,
    ) -> Result<Self> {
        let raw = match alg {
            Sig::Ed25519 => ed25519::signature_import(encoded, encoding)?,
            Sig::Ecdsa(curve) => ecdsa::signature_import(curve, encoded, encoding)?,
            Sig::RsaPkcs1 { .. } | Sig::RsaPss { .. } => {
                rsa::signature_import(alg, encoded, encoding)?
            }
            Sig::MlDsa44 | Sig::MlDsa65 | Sig::MlDsa87 => {
                mldsa::signature_import(alg, encoded, encoding)?
            }
        };
        Ok(Signature { alg, raw })
    }

    /// `signature_export`.
    pub(crate) fn export(&self, encoding: SignatureEncoding) -> Result<Vec<u8>> {
        match self.alg {
            Sig::Ed25519 => ed25519::signature_export(&self.raw, encoding),
            Sig::Ecdsa(curve) => ecdsa::signature_export(curve, &self.raw, encoding),
            Sig::RsaPkcs1 { .. } | Sig::RsaPss { .. } => {
                rsa::signature_export(self.alg, &self.raw, encoding)
            }
            Sig::MlDsa44 | Sig::MlDsa65 | Sig::MlDsa87 => {
                mldsa::signature_export(&self.raw, encoding)
            }
        }
    }
}

/// `keypair_generate` for a signature algorithm.
pub(crate) fn generate(alg: SignatureAlgorithm) -> Result<KeyPair> {
    match alg {
        Sig::Ed25519 => ed25519::generate(),
        Sig::Ecdsa(curve) => ecdsa::generate(curve),
        Sig::RsaPkcs1 { .. } | Sig::RsaPss { .. } => rsa::generate(alg),
        Sig::MlDsa44 | Sig::MlDsa65 | Sig::MlDsa87 => mldsa::generate(alg),
    }
}

/// `keypair_import` for a signature algorithm.
pub(crate) fn import_keypair(
    alg: SignatureAlgorithm,
    encoded: &[u8],
    encoding: KeyPairEncoding,
) -> Result<KeyPair> {
    match alg {
        Sig::Ed25519 => ed25519::import_keypair(encoded, encoding),
        Sig::Ecdsa(curve) => ecdsa::import_keypair(curve, encoded, encoding),
        Sig::RsaPkcs1 { .. } | Sig::RsaPss { .. } => rsa::import_keypair(alg, encoded, encoding),
        Sig::MlDsa44 | Sig::MlDsa65 | Sig::MlDsa87 => mldsa::import_keypair(alg, encoded, encoding),
    }
}

/// `publickey_import` for a signature algorithm.
pub(crate) fn import_public_key(
    alg: SignatureAlgorithm,
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<PublicKey> {
    match alg {
        Sig::Ed25519 => ed25519::import_public_key(encoded, encoding),
        Sig::Ecdsa(curve) => ecdsa::import_public_key(curve, encoded, encoding),
        Sig::RsaPkcs1 { .. } | Sig::RsaPss { .. } => rsa::import_public_key(alg, encoded, encoding),
        Sig::MlDsa44 | Sig::MlDsa65 | Sig::MlDsa87 => {
            mldsa::import_public_key(alg, encoded, encoding)
        }
    }
}

/// `secretkey_import` for a signature algorithm.
pub(crate) fn import_secret_key(
    alg: SignatureAlgorithm,
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SecretKey> {
    match alg {
        Sig::Ed25519 => ed25519::import_secret_key(encoded, encoding),
        Sig::Ecdsa(curve) => ecdsa::import_secret_key(curve, encoded, encoding),
        Sig::RsaPkcs1 { .. } | Sig::RsaPss { .. } => rsa::import_secret_key(alg, encoded, encoding),
        Sig::MlDsa44 | Sig::MlDsa65 | Sig::MlDsa87 => {
            mldsa::import_secret_key(alg, encoded, encoding)
        }
    }
}
