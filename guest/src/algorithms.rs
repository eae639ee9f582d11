//! Typed algorithm names: one enum per algorithm type, one variant per name the proposal lists
//! and `wasicrypt-host` implements, so a misspelled name is a compile error.
//!
//! Every constructor that takes an algorithm accepts either the typed name or a string
//! ([`AlgorithmName`]); the two are the same to the host:
//!
//! ```
//! use wasicrypt::{SignatureAlgorithm, SymmetricAlgorithm};
//!
//! assert_eq!(SymmetricAlgorithm::Aes256Gcm.name(), "AES-256-GCM");
//! assert_eq!(SymmetricAlgorithm::from_name("aes-256-gcm"), Some(SymmetricAlgorithm::Aes256Gcm));
//! assert_eq!("Ed25519".parse(), Ok(SignatureAlgorithm::Ed25519));
//! ```
//!
//! A misspelled variant, or a name of another algorithm type, is refused by the compiler:
//!
//! ```compile_fail
//! let key = wasicrypt::SymmetricKey::generate(wasicrypt::SymmetricAlgorithm::Aes256Gmc, None);
//! ```
//!
//! ```compile_fail
//! let key = wasicrypt::SymmetricKey::generate(wasicrypt::SignatureAlgorithm::Ed25519, None);
//! ```
//!
//! Objects report the name they were created for through `algorithm()`: the canonical spelling
//! below for every name these enums know, however the caller spelled it (hosts match names
//! case-insensitively), and the caller's spelling otherwise (a name another host may offer).

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use crate::error::{Error, ErrorKind};

/// An algorithm type's typed names: implemented by [`SymmetricAlgorithm`],
/// [`SignatureAlgorithm`] and [`KxAlgorithm`].
pub trait AlgorithmKind: Copy + 'static {
    /// The proposal's spelling of this algorithm (`"AES-256-GCM"`, `"Ed25519"`, `"X25519"`).
    fn canonical_name(self) -> &'static str;
    /// The algorithm spelled `name`, compared ASCII case-insensitively as hosts do; `None` for a
    /// name this crate does not list.
    fn parse_name(name: &str) -> Option<Self>;
}

/// An algorithm name a constructor accepts for algorithms of type `K`: the typed name itself,
/// or a string (`&str`, `String`) spelled as in the proposal, or a reference to either.
///
/// A typed name of another algorithm type does not implement it, so
/// `SymmetricKey::generate(SignatureAlgorithm::Ed25519, None)` does not compile.
pub trait AlgorithmName<K: AlgorithmKind> {
    /// The spelling passed to the host.
    fn spelling(&self) -> &str;
    /// The typed name, if this crate lists it.
    fn typed(&self) -> Option<K>;
}

impl<K: AlgorithmKind> AlgorithmName<K> for str {
    fn spelling(&self) -> &str {
        self
    }
    fn typed(&self) -> Option<K> {
        K::parse_name(self)
    }
}

impl<K: AlgorithmKind> AlgorithmName<K> for String {
    fn spelling(&self) -> &str {
        self
    }
    fn typed(&self) -> Option<K> {
        K::parse_name(self)
    }
}

impl<K: AlgorithmKind, T: AlgorithmName<K> + ?Sized> AlgorithmName<K> for &T {
    fn spelling(&self) -> &str {
        (**self).spelling()
    }
    fn typed(&self) -> Option<K> {
        (**self).typed()
    }
}

/// The name an object was created for: canonical when known, the caller's spelling otherwise.
/// Known names cost no allocation.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Name {
    Known(&'static str),
    Other(Box<str>),
}

impl Name {
    /// The name of `algorithm`, canonical when this crate lists it.
    pub(crate) fn of<K: AlgorithmKind>(algorithm: &impl AlgorithmName<K>) -> Name {
        match algorithm.typed() {
            Some(known) => Name::Known(known.canonical_name()),
            None => Name::Other(algorithm.spelling().into()),
        }
    }

    /// A name that is already canonical (from a typed name or another object).
    pub(crate) const fn known(name: &'static str) -> Name {
        Name::Known(name)
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            Name::Known(name) => name,
            Name::Other(name) => name,
        }
    }
}

impl core::ops::Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

macro_rules! algorithms {
    (
        $(#[$doc:meta])* $ty:ident {
            $( $(#[$vdoc:meta])* $variant:ident => $name:literal, )*
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $ty {
            $( $(#[$vdoc])* #[doc = concat!("`", $name, "`")] $variant, )*
        }

        impl $ty {
            /// Every name of this type, in the order of the proposal's lists.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            /// The proposal's spelling of this algorithm's name.
            pub const fn name(self) -> &'static str {
                match self {
                    $( $ty::$variant => $name, )*
                }
            }

            /// The algorithm spelled `name`, compared ASCII case-insensitively as hosts do;
            /// `None` for a name this crate does not list.
            pub fn from_name(name: &str) -> Option<Self> {
                // The proposal's own spelling is matched first, by one `match` (a length switch
                // and a compare, in wasm too): a constructor given a string parses it on every
                // call. Other spellings fall back to the case-insensitive search.
                match name {
                    $( $name => Some($ty::$variant), )*
                    _ => Self::ALL
                        .iter()
                        .copied()
                        .find(|alg| alg.name().eq_ignore_ascii_case(name)),
                }
            }
        }

        impl AlgorithmKind for $ty {
            fn canonical_name(self) -> &'static str {
                self.name()
            }
            fn parse_name(name: &str) -> Option<Self> {
                Self::from_name(name)
            }
        }

        impl AlgorithmName<$ty> for $ty {
            fn spelling(&self) -> &str {
                self.name()
            }
            fn typed(&self) -> Option<$ty> {
                Some(*self)
            }
        }

        impl fmt::Display for $ty {
            /// Writes the proposal's spelling.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.name()
            }
        }

        impl FromStr for $ty {
            type Err = Error;

            /// Parses a name case-insensitively; [`ErrorKind::UnsupportedAlgorithm`] for a
            /// name this crate does not list.
            fn from_str(name: &str) -> Result<Self, Error> {
                Self::from_name(name).ok_or_else(|| {
                    Error::new(ErrorKind::UnsupportedAlgorithm, "parse algorithm name", name)
                })
            }
        }
    };
}

algorithms! {
    /// Symmetric algorithms (`algorithm_type::symmetric`): hashes, XOFs, MACs, HKDF, AEADs,
    /// ciphers, sessions and password hashes.
    SymmetricAlgorithm {
        /// SHA-256 (FIPS 180-4): 32-byte digest.
        Sha256 => "SHA-256",
        /// SHA-384 (FIPS 180-4): 48-byte digest.
        Sha384 => "SHA-384",
        /// SHA-512 (FIPS 180-4): 64-byte digest.
        Sha512 => "SHA-512",
        /// SHA-512/256 (FIPS 180-4): 32-byte digest.
        Sha512_256 => "SHA-512/256",
        /// SHA3-224 (FIPS 202): 28-byte digest.
        Sha3_224 => "SHA3-224",
        /// SHA3-256 (FIPS 202): 32-byte digest.
        Sha3_256 => "SHA3-256",
        /// SHA3-384 (FIPS 202): 48-byte digest.
        Sha3_384 => "SHA3-384",
        /// SHA3-512 (FIPS 202): 64-byte digest.
        Sha3_512 => "SHA3-512",
        /// BLAKE2b-256 (RFC 7693): 32-byte digest.
        Blake2b256 => "BLAKE2B-256",
        /// BLAKE2b-512 (RFC 7693): 64-byte digest.
        Blake2b512 => "BLAKE2B-512",
        /// BLAKE2s-256 (RFC 7693): 32-byte digest.
        Blake2s256 => "BLAKE2S-256",
        /// SHAKE128 (FIPS 202): extendable output.
        Shake128 => "SHAKE-128",
        /// SHAKE256 (FIPS 202): extendable output.
        Shake256 => "SHAKE-256",
        /// cSHAKE128 (NIST SP 800-185): customizable XOF.
        CShake128 => "CSHAKE-128",
        /// cSHAKE256 (NIST SP 800-185): customizable XOF.
        CShake256 => "CSHAKE-256",
        /// TurboSHAKE128 (RFC 9861): extendable output.
        TurboShake128 => "TURBOSHAKE-128",
        /// TurboSHAKE256 (RFC 9861): extendable output.
        TurboShake256 => "TURBOSHAKE-256",
        /// BLAKE3: extendable output, optionally keyed (32-byte key).
        Blake3 => "BLAKE3",
        /// HMAC-SHA-256 (RFC 2104, FIPS 198-1): 32-byte tag.
        HmacSha256 => "HMAC/SHA-256",
        /// HMAC-SHA-384 (RFC 2104, FIPS 198-1): 48-byte tag.
        HmacSha384 => "HMAC/SHA-384",
        /// HMAC-SHA-512 (RFC 2104, FIPS 198-1): 64-byte tag.
        HmacSha512 => "HMAC/SHA-512",
        /// HMAC-SHA3-256 (FIPS 198-1): 32-byte tag.
        HmacSha3_256 => "HMAC/SHA3-256",
        /// HMAC-SHA3-512 (FIPS 198-1): 64-byte tag.
        HmacSha3_512 => "HMAC/SHA3-512",
        /// KMAC128 (NIST SP 800-185).
        Kmac128 => "KMAC-128",
        /// KMAC256 (NIST SP 800-185).
        Kmac256 => "KMAC-256",
        /// AES-128-CMAC (NIST SP 800-38B): 16-byte key and tag.
        Aes128Cmac => "AES-128-CMAC",
        /// AES-256-CMAC (NIST SP 800-38B): 32-byte key, 16-byte tag.
        Aes256Cmac => "AES-256-CMAC",
        /// HKDF-Extract with SHA-256 (RFC 5869).
        HkdfExtractSha256 => "HKDF-EXTRACT/SHA-256",
        /// HKDF-Extract with SHA-384 (RFC 5869).
        HkdfExtractSha384 => "HKDF-EXTRACT/SHA-384",
        /// HKDF-Extract with SHA-512 (RFC 5869).
        HkdfExtractSha512 => "HKDF-EXTRACT/SHA-512",
        /// HKDF-Expand with SHA-256 (RFC 5869).
        HkdfExpandSha256 => "HKDF-EXPAND/SHA-256",
        /// HKDF-Expand with SHA-384 (RFC 5869).
        HkdfExpandSha384 => "HKDF-EXPAND/SHA-384",
        /// HKDF-Expand with SHA-512 (RFC 5869).
        HkdfExpandSha512 => "HKDF-EXPAND/SHA-512",
        /// AES-128-GCM (NIST SP 800-38D): 16-byte key, 12-byte nonce, 16-byte tag.
        Aes128Gcm => "AES-128-GCM",
        /// AES-256-GCM (NIST SP 800-38D): 32-byte key, 12-byte nonce, 16-byte tag.
        Aes256Gcm => "AES-256-GCM",
        /// ChaCha20-Poly1305 (RFC 8439): 32-byte key, 12-byte nonce, 16-byte tag.
        ChaCha20Poly1305 => "CHACHA20-POLY1305",
        /// XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha): 32-byte key, 24-byte nonce, 16-byte tag.
        XChaCha20Poly1305 => "XCHACHA20-POLY1305",
        /// AES-128-GCM-SIV (RFC 8452): 16-byte key, 12-byte nonce, 16-byte tag.
        Aes128GcmSiv => "AES-128-GCM-SIV",
        /// AES-256-GCM-SIV (RFC 8452): 32-byte key, 12-byte nonce, 16-byte tag.
        Aes256GcmSiv => "AES-256-GCM-SIV",
        /// AEGIS-128L (draft-irtf-cfrg-aegis-aead): 16-byte key and nonce.
        Aegis128L => "AEGIS-128L",
        /// AEGIS-256 (draft-irtf-cfrg-aegis-aead): 32-byte key and nonce.
        Aegis256 => "AEGIS-256",
        /// Xoodyak with a 128-bit tag (NIST lightweight cryptography finalist).
        Xoodyak128 => "XOODYAK-128",
        /// Xoodyak with a 160-bit tag.
        Xoodyak160 => "XOODYAK-160",
        /// AES-128 in CTR mode (NIST SP 800-38A): 16-byte key and IV, no authentication.
        Aes128Ctr => "AES-128-CTR",
        /// AES-256 in CTR mode (NIST SP 800-38A): 32-byte key, 16-byte IV, no authentication.
        Aes256Ctr => "AES-256-CTR",
        /// AES-128 in CBC mode with PKCS#7 padding (NIST SP 800-38A): no authentication.
        Aes128Cbc => "AES-128-CBC",
        /// AES-256 in CBC mode with PKCS#7 padding (NIST SP 800-38A): no authentication.
        Aes256Cbc => "AES-256-CBC",
        /// Argon2id, version 0x13 (RFC 9106).
        Argon2id => "ARGON2-ID-13",
        /// Argon2i, version 0x13 (RFC 9106).
        Argon2i => "ARGON2-I-13",
        /// Argon2d, version 0x13 (RFC 9106).
        Argon2d => "ARGON2-D-13",
        /// PBKDF2 with HMAC-SHA-256 (RFC 8018).
        Pbkdf2HmacSha256 => "PBKDF2-HMAC/SHA-256",
        /// PBKDF2 with HMAC-SHA-512 (RFC 8018).
        Pbkdf2HmacSha512 => "PBKDF2-HMAC/SHA-512",
    }
}

algorithms! {
    /// Signature algorithms (`algorithm_type::signatures`).
    SignatureAlgorithm {
        /// Ed25519 (RFC 8032): 32-byte public key, 64-byte signature.
        Ed25519 => "Ed25519",
        /// ECDSA on P-256 with SHA-256 (FIPS 186-5).
        EcdsaP256Sha256 => "ECDSA_P256_SHA256",
        /// ECDSA on P-384 with SHA-384 (FIPS 186-5).
        EcdsaP384Sha384 => "ECDSA_P384_SHA384",
        /// ECDSA on secp256k1 with SHA-256 (SEC 2, FIPS 186-5).
        EcdsaK256Sha256 => "ECDSA_K256_SHA256",
        /// RSASSA-PKCS1-v1_5, 2048-bit modulus, SHA-256 (RFC 8017).
        RsaPkcs1_2048Sha256 => "RSA_PKCS1_2048_SHA256",
        /// RSASSA-PKCS1-v1_5, 2048-bit modulus, SHA-384 (RFC 8017).
        RsaPkcs1_2048Sha384 => "RSA_PKCS1_2048_SHA384",
        /// RSASSA-PKCS1-v1_5, 2048-bit modulus, SHA-512 (RFC 8017).
        RsaPkcs1_2048Sha512 => "RSA_PKCS1_2048_SHA512",
        /// RSASSA-PKCS1-v1_5, 3072-bit modulus, SHA-384 (RFC 8017).
        RsaPkcs1_3072Sha384 => "RSA_PKCS1_3072_SHA384",
        /// RSASSA-PKCS1-v1_5, 3072-bit modulus, SHA-512 (RFC 8017).
        RsaPkcs1_3072Sha512 => "RSA_PKCS1_3072_SHA512",
        /// RSASSA-PKCS1-v1_5, 4096-bit modulus, SHA-512 (RFC 8017).
        RsaPkcs1_4096Sha512 => "RSA_PKCS1_4096_SHA512",
        /// RSASSA-PSS, 2048-bit modulus, SHA-256 (RFC 8017).
        RsaPss2048Sha256 => "RSA_PSS_2048_SHA256",
        /// RSASSA-PSS, 2048-bit modulus, SHA-384 (RFC 8017).
        RsaPss2048Sha384 => "RSA_PSS_2048_SHA384",
        /// RSASSA-PSS, 2048-bit modulus, SHA-512 (RFC 8017).
        RsaPss2048Sha512 => "RSA_PSS_2048_SHA512",
        /// RSASSA-PSS, 3072-bit modulus, SHA-384 (RFC 8017).
        RsaPss3072Sha384 => "RSA_PSS_3072_SHA384",
        /// RSASSA-PSS, 3072-bit modulus, SHA-512 (RFC 8017).
        RsaPss3072Sha512 => "RSA_PSS_3072_SHA512",
        /// RSASSA-PSS, 4096-bit modulus, SHA-512 (RFC 8017).
        RsaPss4096Sha512 => "RSA_PSS_4096_SHA512",
        /// ML-DSA-44 (FIPS 204, security category 2).
        MlDsa44 => "ML-DSA-44",
        /// ML-DSA-65 (FIPS 204, security category 3).
        MlDsa65 => "ML-DSA-65",
        /// ML-DSA-87 (FIPS 204, security category 5).
        MlDsa87 => "ML-DSA-87",
    }
}

algorithms! {
    /// Key-exchange algorithms (`algorithm_type::key_exchange`): Diffie–Hellman and KEMs.
    KxAlgorithm {
        /// X25519 (RFC 7748): 32-byte keys and shared secret.
        X25519 => "X25519",
        /// ECDH on P-256 (NIST SP 800-56A).
        P256Sha256 => "P256-SHA256",
        /// ECDH on P-384 (NIST SP 800-56A).
        P384Sha384 => "P384-SHA384",
        /// ML-KEM-512 (FIPS 203).
        MlKem512 => "ML-KEM-512",
        /// ML-KEM-768 (FIPS 203).
        MlKem768 => "ML-KEM-768",
        /// ML-KEM-1024 (FIPS 203).
        MlKem1024 => "ML-KEM-1024",
        /// X-Wing (draft-connolly-cfrg-xwing-kem): ML-KEM-768 + X25519, 32-byte shared secret.
        XWing => "X-WING",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back_in_any_case() {
        let mut count = 0;
        for alg in SymmetricAlgorithm::ALL {
            let name = alg.name();
            assert_eq!(SymmetricAlgorithm::from_name(name), Some(*alg));
            assert_eq!(
                SymmetricAlgorithm::from_name(&name.to_ascii_lowercase()),
                Some(*alg)
            );
            assert_eq!(name.parse::<SymmetricAlgorithm>(), Ok(*alg));
            count += 1;
        }
        for alg in SignatureAlgorithm::ALL {
            assert_eq!(
                SignatureAlgorithm::from_name(&alg.name().to_ascii_uppercase()),
                Some(*alg)
            );
            count += 1;
        }
        for alg in KxAlgorithm::ALL {
            assert_eq!(
                KxAlgorithm::from_name(&alg.name().to_ascii_lowercase()),
                Some(*alg)
            );
            count += 1;
        }
        assert_eq!(count, 52 + 19 + 7);
    }

    #[test]
    fn near_misses_and_other_kinds_are_unknown() {
        assert_eq!(SymmetricAlgorithm::from_name("AES-256-GCM "), None);
        assert_eq!(SymmetricAlgorithm::from_name("AES256-GCM"), None);
        assert_eq!(SymmetricAlgorithm::from_name("Ed25519"), None);
        assert_eq!(KxAlgorithm::from_name("ML-KEM-76"), None);
        let error = "SHA-265".parse::<SymmetricAlgorithm>().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::UnsupportedAlgorithm);
        assert_eq!(error.algorithm(), Some("SHA-265"));
    }

    #[test]
    fn names_are_canonical_when_known() {
        let typed = Name::of(&SymmetricAlgorithm::Sha256);
        let spelled = Name::of::<SymmetricAlgorithm>(&"sha-256");
        let other = Name::of::<SymmetricAlgorithm>(&"VENDOR-HASH");
        assert_eq!(typed.as_str(), "SHA-256");
        assert_eq!(spelled.as_str(), "SHA-256");
        assert_eq!(other.as_str(), "VENDOR-HASH");
    }
}
