//! `wasi_ephemeral_crypto_kx`: key exchange and key encapsulation.
//!
//! One file per family: `x25519` (RFC 7748), `ecdh` (NIST SP 800-56A ECDH on P-256 and
//! P-384), `mlkem` (FIPS 203 ML-KEM) and `xwing` (the X-Wing hybrid KEM). Each exposes `generate`, `import_keypair`,
//! `import_public_key` and `import_secret_key`, and implements the object traits of
//! `crate::asymmetric` (`dh` for DH families, `encapsulate` / `decapsulate` for KEMs).

mod ecdh;
mod mlkem;
mod ops;
mod x25519;
mod xwing;

use crate::asymmetric::{
    KeyPair, KeyPairEncoding, PublicKey, PublicKeyEncoding, SecretKey, SecretKeyEncoding,
};
use crate::error::Result;

/// A key-exchange algorithm of this host, named as the proposal spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KxAlgorithm {
    /// `X25519` (RFC 7748 §5, §6.1).
    X25519,
    /// `P256-SHA256`: ECDH on NIST P-256; the shared secret is the 32-byte x-coordinate.
    P256Sha256,
    /// `P384-SHA384`: ECDH on NIST P-384; the shared secret is the 48-byte x-coordinate.
    P384Sha384,
    /// `ML-KEM-512` (FIPS 203).
    MlKem512,
    /// `ML-KEM-768` (FIPS 203).
    MlKem768,
    /// `ML-KEM-1024` (FIPS 203).
    MlKem1024,
    /// `X-WING` (draft-connolly-cfrg-xwing-kem): ML-KEM-768 + X25519, 32-byte shared secret.
    XWing,
}

const ALGORITHMS: &[(&str, KxAlgorithm)] = &[
    ("X25519", KxAlgorithm::X25519),
    ("P256-SHA256", KxAlgorithm::P256Sha256),
    ("P384-SHA384", KxAlgorithm::P384Sha384),
    ("ML-KEM-512", KxAlgorithm::MlKem512),
    ("ML-KEM-768", KxAlgorithm::MlKem768),
    ("ML-KEM-1024", KxAlgorithm::MlKem1024),
    ("X-WING", KxAlgorithm::XWing),
];

/// [`ALGORITHMS`] by name, for `from_name`.
static INDEX: std::sync::LazyLock<crate::names::NameIndex<KxAlgorithm>> =
    std::sync::LazyLock::new(|| crate::names::NameIndex::new(ALGORITHMS));

impl KxAlgorithm {
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

/// `keypair_generate` for a key-exchange algorithm.
pub(crate) fn generate(alg: KxAlgorithm) -> Result<KeyPair> {
    match alg {
        KxAlgorithm::X25519 => x25519::generate(),
        KxAlgorithm::P256Sha256 | KxAlgorithm::P384Sha384 => ecdh::generate(alg),
        KxAlgorithm::MlKem512 | KxAlgorithm::MlKem768 | KxAlgorithm::MlKem1024 => {
            mlkem::generate(alg)
        }
        KxAlgorithm::XWing => xwing::generate(),
    }
}

/// `keypair_import` for a key-exchange algorithm.
pub(crate) fn import_keypair(
    alg: KxAlgorithm,
    encoded: &[u8],
    encoding: KeyPairEncoding,
) -> Result<KeyPair> {
    match alg {
        KxAlgorithm::X25519 => x25519::import_keypair(encoded, encoding),
        KxAlgorithm::P256Sha256 | KxAlgorithm::P384Sha384 => {
            ecdh::import_keypair(alg, encoded, encoding)
        }
        KxAlgorithm::MlKem512 | KxAlgorithm::MlKem768 | KxAlgorithm::MlKem1024 => {
            mlkem::import_keypair(alg, encoded, encoding)
        }
        KxAlgorithm::XWing => xwing::import_keypair(encoded, encoding),
    }
}

/// `publickey_import` for a key-exchange algorithm.
pub(crate) fn import_public_key(
    alg: KxAlgorithm,
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<PublicKey> {
    match alg {
        KxAlgorithm::X25519 => x25519::import_public_key(encoded, encoding),
        KxAlgorithm::P256Sha256 | KxAlgorithm::P384Sha384 => {
            ecdh::import_public_key(alg, encoded, encoding)
        }
        KxAlgorithm::MlKem512 | KxAlgorithm::MlKem768 | KxAlgorithm::MlKem1024 => {
            mlkem::import_public_key(alg, encoded, encoding)
        }
        KxAlgorithm::XWing => xwing::import_public_key(encoded, encoding),
    }
}

/// `secretkey_import` for a key-exchange algorithm.
pub(crate) fn import_secret_key(
    alg: KxAlgorithm,
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SecretKey> {
    match alg {
        KxAlgorithm::X25519 => x25519::import_secret_key(encoded, encoding),
        KxAlgorithm::P256Sha256 | KxAlgorithm::P384Sha384 => {
            ecdh::import_secret_key(alg, encoded, encoding)
        }
        KxAlgorithm::MlKem512 | KxAlgorithm::MlKem768 | KxAlgorithm::MlKem1024 => {
            mlkem::import_secret_key(alg, encoded, encoding)
        }
        KxAlgorithm::XWing => xwing::import_secret_key(encoded, encoding),
    }
}
