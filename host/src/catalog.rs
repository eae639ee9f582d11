//! [`algorithms`]: every algorithm this host offers, with its kind, family, standard and encodings.
//!
//! The list is built from the same name tables the host parses guest input with, so it cannot
//! name an algorithm the host lacks or miss one it has. `wasicrypt algorithms` prints it.

use crate::kx::KxAlgorithm;
use crate::options::AlgorithmType;
use crate::signatures::SignatureAlgorithm;
use crate::symmetric::{
    AeadAlgorithm, HashFunction, MacAlgorithm, PasswordHashAlgorithm, SymmetricAlgorithm,
    XofAlgorithm,
};

/// One algorithm of this host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlgorithmInfo {
    /// The proposal's spelling (`AES-256-GCM`, `Ed25519`, `ML-KEM-768`); matched
    /// case-insensitively by the host.
    pub name: &'static str,
    /// The `algorithm_type` a guest names it under (`symmetric`, `signatures`, `key_exchange`).
    pub kind: AlgorithmType,
    /// What it does: `hash`, `xof`, `mac`, `kdf`, `aead`, `cipher`, `session`, `password-hash`,
    /// `signature`, `key-exchange` (Diffie–Hellman) or `kem` (key encapsulation).
    pub family: &'static str,
    /// The standard it follows (FIPS, NIST SP, RFC or draft).
    pub standard: &'static str,
    /// The encodings its keys and signatures take.
    pub encodings: Encodings,
}

/// Encodings an algorithm's objects take, as the proposal spells them (`raw`, `pkcs8`, `pem`,
/// `sec`, `der`); empty where the object does not exist for the algorithm. Import and export
/// accept the same list; any other encoding is `unsupported_encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encodings {
    /// `symmetric_key_import` / `symmetric_key_export` (empty for unkeyed algorithms).
    pub symmetric_key: &'static [&'static str],
    /// `keypair_import` / `keypair_export`.
    pub key_pair: &'static [&'static str],
    /// `publickey_import` / `publickey_export`.
    pub public_key: &'static [&'static str],
    /// `secretkey_import` / `secretkey_export`.
    pub secret_key: &'static [&'static str],
    /// `signature_import` / `signature_export`.
    pub signature: &'static [&'static str],
}

const NONE: &[&str] = &[];
const RAW: &[&str] = &["raw"];
const RAW_PKCS8_PEM: &[&str] = &["raw", "pkcs8", "pem"];
const RAW_SEC_PKCS8_PEM: &[&str] = &["raw", "sec", "pkcs8", "pem"];
const PKCS8_PEM: &[&str] = &["pkcs8", "pem"];

const fn symmetric(keyed: bool) -> Encodings {
    Encodings {
        symmetric_key: if keyed { RAW } else { NONE },
        key_pair: NONE,
        public_key: NONE,
        secret_key: NONE,
        signature: NONE,
    }
}

const fn asymmetric(
    key_pair: &'static [&'static str],
    key: &'static [&'static str],
    signature: &'static [&'static str],
) -> Encodings {
    Encodings {
        symmetric_key: NONE,
        key_pair,
        public_key: key,
        secret_key: key,
        signature,
    }
}

/// Every algorithm of this host: symmetric first, then signatures, then key exchange, each in
/// the order of the proposal's lists.
pub fn algorithms() -> Vec<AlgorithmInfo> {
    let symmetric = SymmetricAlgorithm::all().map(|alg| {
        let (family, standard) = describe_symmetric(alg);
        AlgorithmInfo {
            name: alg.name(),
            kind: AlgorithmType::Symmetric,
            family,
            standard,
            encodings: symmetric(alg.takes_key()),
        }
    });
    let signatures = SignatureAlgorithm::all().map(|alg| {
        let (standard, encodings) = describe_signature(alg);
        AlgorithmInfo {
            name: alg.name(),
            kind: AlgorithmType::Signatures,
            family: "signature",
            standard,
            encodings,
        }
    });
    let kx = KxAlgorithm::all().map(|alg| {
        let (family, standard, encodings) = describe_kx(alg);
        AlgorithmInfo {
            name: alg.name(),
            kind: AlgorithmType::KeyExchange,
            family,
            standard,
            encodings,
        }
    });
    symmetric.chain(signatures).chain(kx).collect()
}

fn hash_standard(h: HashFunction) -> &'static str {
    use HashFunction::*;
    match h {
        Sha256 | Sha384 | Sha512 | Sha512_256 => "FIPS 180-4",
        Sha3_224 | Sha3_256 | Sha3_384 | Sha3_512 => "FIPS 202",
        Blake2b256 | Blake2b512 | Blake2s256 => "RFC 7693",
    }
}

fn describe_symmetric(alg: SymmetricAlgorithm) -> (&'static str, &'static str) {
    use SymmetricAlgorithm as S;
    match alg {
        S::Hash(h) => ("hash", hash_standard(h)),
        S::Xof(x) => (
            "xof",
            match x {
                XofAlgorithm::Shake128 | XofAlgorithm::Shake256 => "FIPS 202",
                XofAlgorithm::CShake128 | XofAlgorithm::CShake256 => "NIST SP 800-185",
                XofAlgorithm::TurboShake128 | XofAlgorithm::TurboShake256 => "RFC 9861",
                XofAlgorithm::Blake3 => "BLAKE3 specification",
            },
        ),
        S::Mac(m) => (
            "mac",
            match m {
                MacAlgorithm::Hmac(h) if hash_standard(h) == "FIPS 202" => "RFC 2104, FIPS 202",
                MacAlgorithm::Hmac(_) => "RFC 2104, FIPS 198-1",
                MacAlgorithm::Kmac128 | MacAlgorithm::Kmac256 => "NIST SP 800-185",
                MacAlgorithm::Aes128Cmac | MacAlgorithm::Aes256Cmac => "RFC 4493, NIST SP 800-38B",
            },
        ),
        S::HkdfExtract(_) => ("kdf", "RFC 5869 §2.2"),
        S::HkdfExpand(_) => ("kdf", "RFC 5869 §2.3"),
        S::Aead(a) => (
            "aead",
            match a {
                AeadAlgorithm::Aes128Gcm | AeadAlgorithm::Aes256Gcm => "NIST SP 800-38D",
                AeadAlgorithm::ChaCha20Poly1305 => "RFC 8439",
                AeadAlgorithm::XChaCha20Poly1305 => "draft-irtf-cfrg-xchacha-03",
                AeadAlgorithm::Aes128GcmSiv | AeadAlgorithm::Aes256GcmSiv => "RFC 8452",
                AeadAlgorithm::Aegis128L | AeadAlgorithm::Aegis256 => "draft-irtf-cfrg-aegis-aead",
            },
        ),
        S::PasswordHash(p) => (
            "password-hash",
            match p {
                PasswordHashAlgorithm::Argon2id
                | PasswordHashAlgorithm::Argon2i
                | PasswordHashAlgorithm::Argon2d => "RFC 9106",
                PasswordHashAlgorithm::Pbkdf2Sha256 | PasswordHashAlgorithm::Pbkdf2Sha512 => {
                    "RFC 8018 §5.2"
                }
            },
        ),
        S::Cipher(_) => ("cipher", "NIST SP 800-38A"),
        S::Session(_) => (
            "session",
            "Xoodyak (NIST lightweight cryptography finalist)",
        ),
    }
}

fn describe_signature(alg: SignatureAlgorithm) -> (&'static str, Encodings) {
    use SignatureAlgorithm as S;
    match alg {
        S::Ed25519 => ("RFC 8032", asymmetric(RAW_PKCS8_PEM, RAW_PKCS8_PEM, RAW)),
        S::Ecdsa(_) => (
            "FIPS 186-5, SEC 1, RFC 6979",
            asymmetric(RAW_PKCS8_PEM, RAW_SEC_PKCS8_PEM, &["raw", "der"]),
        ),
        S::RsaPkcs1 { .. } => (
            "RFC 8017 §8.2 (RSASSA-PKCS1-v1_5)",
            asymmetric(PKCS8_PEM, PKCS8_PEM, RAW),
        ),
        S::RsaPss { .. } => (
            "RFC 8017 §8.1 (RSASSA-PSS)",
            asymmetric(PKCS8_PEM, PKCS8_PEM, RAW),
        ),
        S::MlDsa44 | S::MlDsa65 | S::MlDsa87 => (
            "FIPS 204, RFC 9881",
            asymmetric(RAW_PKCS8_PEM, RAW_PKCS8_PEM, RAW),
        ),
    }
}

fn describe_kx(alg: KxAlgorithm) -> (&'static str, &'static str, Encodings) {
    use KxAlgorithm as K;
    match alg {
        K::X25519 => (
            "key-exchange",
            "RFC 7748",
            asymmetric(RAW_PKCS8_PEM, RAW_PKCS8_PEM, NONE),
        ),
        K::P256Sha256 | K::P384Sha384 => (
            "key-exchange",
            "NIST SP 800-56A",
            asymmetric(RAW_PKCS8_PEM, RAW_SEC_PKCS8_PEM, NONE),
        ),
        K::MlKem512 | K::MlKem768 | K::MlKem1024 => (
            "kem",
            "FIPS 203",
            asymmetric(RAW_PKCS8_PEM, RAW_PKCS8_PEM, NONE),
        ),
        K::XWing => (
            "kem",
            "draft-connolly-cfrg-xwing-kem-06",
            asymmetric(RAW, RAW, NONE),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asymmetric::{
        self, AsymmetricAlgorithm, KeyPairEncoding, PublicKeyEncoding, SecretKeyEncoding,
        SignatureEncoding,
    };
    use crate::error::CryptoError;
    use crate::signatures::{EcdsaCurve, RsaHash};

    #[test]
    fn every_name_parses_back_to_its_kind() {
        let all = algorithms();
        assert_eq!(all.len(), 52 + 19 + 7);
        for info in &all {
            let parsed = match info.kind {
                AlgorithmType::Symmetric => SymmetricAlgorithm::from_name(info.name).is_ok(),
                AlgorithmType::Signatures => SignatureAlgorithm::from_name(info.name).is_ok(),
                AlgorithmType::KeyExchange => KxAlgorithm::from_name(info.name).is_ok(),
            };
            assert!(parsed, "{}", info.name);
            assert!(!info.standard.is_empty());
        }
        let aes = all.iter().find(|i| i.name == "AES-256-GCM").unwrap();
        assert_eq!((aes.family, aes.encodings.symmetric_key), ("aead", RAW));
        let sha = all.iter().find(|i| i.name == "SHA-256").unwrap();
        assert_eq!(sha.encodings.symmetric_key, NONE);
    }

    /// The listed encodings are exactly those export accepts: one algorithm of each family
    /// generates a key pair and exports it, its public key, its secret key and a signature in
    /// every encoding of the proposal.
    #[test]
    fn listed_encodings_are_the_ones_export_accepts() {
        let names = |listed: &[&str], all: &[(&'static str, bool)]| {
            all.iter()
                .filter(|(_, ok)| *ok)
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                == listed
        };
        let accepted = |r: crate::error::Result<Vec<u8>>| match r {
            Ok(_) => true,
            Err(CryptoError::UnsupportedEncoding) => false,
            Err(e) => panic!("export failed with {e:?}"),
        };
        let samples = [
            AsymmetricAlgorithm::Signature(SignatureAlgorithm::Ed25519),
            AsymmetricAlgorithm::Signature(SignatureAlgorithm::Ecdsa(EcdsaCurve::P256)),
            AsymmetricAlgorithm::Signature(SignatureAlgorithm::RsaPss {
                bits: 2048,
                hash: RsaHash::Sha256,
            }),
            AsymmetricAlgorithm::Signature(SignatureAlgorithm::MlDsa44),
            AsymmetricAlgorithm::Kx(KxAlgorithm::X25519),
            AsymmetricAlgorithm::Kx(KxAlgorithm::P384Sha384),
            AsymmetricAlgorithm::Kx(KxAlgorithm::MlKem768),
            AsymmetricAlgorithm::Kx(KxAlgorithm::XWing),
        ];
        for alg in samples {
            let (name, enc) = match alg {
                AsymmetricAlgorithm::Signature(s) => (s.name(), describe_signature(s).1),
                AsymmetricAlgorithm::Kx(k) => (k.name(), describe_kx(k).2),
            };
            let kp = asymmetric::generate(alg).unwrap();
            let pk = kp.public_key().unwrap();
            let sk = kp.secret_key().unwrap();
            let kp_all = [
                ("raw", KeyPairEncoding::Raw),
                ("pkcs8", KeyPairEncoding::Pkcs8),
                ("pem", KeyPairEncoding::Pem),
            ]
            .map(|(n, e)| (n, accepted(kp.export(e))));
            let pk_all = [
                ("raw", PublicKeyEncoding::Raw),
                ("sec", PublicKeyEncoding::Sec),
                ("pkcs8", PublicKeyEncoding::Pkcs8),
                ("pem", PublicKeyEncoding::Pem),
            ]
            .map(|(n, e)| (n, accepted(pk.export(e))));
            let sk_all = [
                ("raw", SecretKeyEncoding::Raw),
                ("sec", SecretKeyEncoding::Sec),
                ("pkcs8", SecretKeyEncoding::Pkcs8),
                ("pem", SecretKeyEncoding::Pem),
            ]
            .map(|(n, e)| (n, accepted(sk.export(e))));
            assert!(names(enc.key_pair, &kp_all), "{name} key pair: {kp_all:?}");
            assert!(
                names(enc.public_key, &pk_all),
                "{name} public key: {pk_all:?}"
            );
            assert!(
                names(enc.secret_key, &sk_all),
                "{name} secret key: {sk_all:?}"
            );
            assert!(!accepted(kp.export(KeyPairEncoding::Local)), "{name}");
            if let AsymmetricAlgorithm::Signature(_) = alg {
                let limit = crate::absorbed::AbsorbLimit::unbudgeted(usize::MAX);
                let mut state = kp
                    .signature_state(&limit, crate::signatures::MlDsaSigning::Deterministic)
                    .unwrap();
                state.update(b"message").unwrap();
                let sig = state.sign().unwrap();
                let sig_all = [
                    ("raw", SignatureEncoding::Raw),
                    ("der", SignatureEncoding::Der),
                ]
                .map(|(n, e)| (n, accepted(sig.export(e))));
                assert!(
                    names(enc.signature, &sig_all),
                    "{name} signature: {sig_all:?}"
                );
            }
        }
    }
}
