//! The exact `crypto_errno` of the asymmetric hostcalls (`asymmetric_common`, `signatures`, `kx`)
//! for unknown algorithms, bad key and signature bytes, unsupported encodings, failed
//! verifications, mismatched or incompatible keys, operations an algorithm does not have,
//! managed keys, out-of-bounds pointers and bad handles.
//!
//! Errors are observed through the safe `wasicrypt` API where it can express the call, and
//! through `wasicrypt::raw` (small wrappers in the `call` module below) for what the types rule
//! out: handles of the wrong kind, invalid handles and pointers. Expected values follow
//! `shared/spec/NOTES.md` and the host's documented choices (`host/src/asymmetric`, `signatures`,
//! `kx`).

use std::ptr::without_provenance;

use wasicrypt::ErrorKind;
use wasicrypt::raw::{
    self, ALGORITHM_TYPE_KEY_EXCHANGE as KX, ALGORITHM_TYPE_SIGNATURES as SIG,
    ALGORITHM_TYPE_SYMMETRIC as SYMMETRIC, CRYPTO_ERRNO_GUEST_ERROR as GUEST_ERROR,
    CRYPTO_ERRNO_INCOMPATIBLE_KEYS as INCOMPATIBLE_KEYS,
    CRYPTO_ERRNO_INVALID_HANDLE as INVALID_HANDLE,
    CRYPTO_ERRNO_INVALID_OPERATION as INVALID_OPERATION, CRYPTO_ERRNO_SUCCESS as SUCCESS,
    CRYPTO_ERRNO_UNSUPPORTED_ALGORITHM as UNSUPPORTED_ALGORITHM,
    CRYPTO_ERRNO_UNSUPPORTED_FEATURE as UNSUPPORTED_FEATURE, CryptoErrno, asymmetric_common, kx,
    signatures,
};
use wasicrypt::{
    AlgorithmType, KeyPairEncoding, KxKeyPair, KxPublicKey, KxSecretKey, Options,
    PublicKeyEncoding, SecretKeyEncoding, Signature, SignatureEncoding, SignatureKeyPair,
    SignaturePublicKey, SignatureSecretKey, SymmetricKey,
};
use wasicrypt_test_programs::harness::{
    CheckResult, Context, Harness, ensure, ensure_err, ensure_errno,
};
use wasicrypt_test_programs::{hex, unhex};

/// A handle value no host hands out in these tests.
const BAD_HANDLE: u32 = 0xdead_beef;
/// An address near the top of the 32-bit space: `BAD_ADDR + BAD_LEN` overflows it, and it is far
/// beyond any linear memory these programs have.
const BAD_ADDR: usize = 0xFFFF_FF00;
const BAD_LEN: usize = 0x1000;

const RSA_2048_PEM: &str = include_str!("../../../host/tests/data/rsa-2048.pem");
const RSA_3072_PEM: &str = include_str!("../../../host/tests/data/rsa-3072.pem");

/// The order n of P-256 (FIPS 186-5 / SEC 2), big-endian.
const P256_N: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
/// The order L of edwards25519 (RFC 8032 §5.1), little-endian: an S equal to it is not canonical.
const ED25519_L_LE: &str = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";

/// X25519 u-coordinates of small order (RFC 7748 §7; the list of the host's tests): 0, 1, the
/// two points of order 8, p − 1, p and p + 1.
const X25519_SMALL_ORDER: [&str; 7] = [
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
];

/// Compares an errno, naming the call in the message.
macro_rules! errno {
    ($call:expr, $want:expr) => {
        ensure_errno(stringify!($call), $call, $want)
    };
}

/// Thin errno-returning wrappers over `wasicrypt::raw`. Each takes only references and slices,
/// so the host can only touch live Rust memory. Functions that create a handle close it again
/// when the call unexpectedly succeeds, so that a failing check leaks nothing.
mod call {
    use wasicrypt::raw::{
        self, CRYPTO_ERRNO_SUCCESS as SUCCESS, CryptoErrno, OptOptions, asymmetric_common as ac,
        kx, signatures as sig,
    };

    fn closing(e: CryptoErrno, close: impl FnOnce() -> CryptoErrno) -> CryptoErrno {
        if e == SUCCESS {
            let _ = close();
        }
        e
    }

    /// `keypair_generate` (closed again on success).
    pub fn keypair_generate(alg_type: u16, alg: &str, options: OptOptions) -> CryptoErrno {
        let mut h = 0;
        // SAFETY: all pointers come from live references.
        let e =
            unsafe { ac::keypair_generate(alg_type, alg.as_ptr(), alg.len(), &options, &mut h) };
        closing(e, || keypair_close(h))
    }

    /// `publickey_import` (closed again on success).
    pub fn publickey_import(
        alg_type: u16,
        alg: &str,
        encoded: &[u8],
        encoding: u16,
    ) -> CryptoErrno {
        let mut h = 0;
        // SAFETY: all pointers come from live references.
        let e = unsafe {
            ac::publickey_import(
                alg_type,
                alg.as_ptr(),
                alg.len(),
                encoded.as_ptr(),
                encoded.len(),
                encoding,
                &mut h,
            )
        };
        closing(e, || publickey_close(h))
    }

    /// `keypair_from_pk_and_sk` (closed again on success).
    pub fn keypair_from_pk_and_sk(pk: u32, sk: u32) -> CryptoErrno {
        let mut h = 0;
        // SAFETY: `&mut h` is a valid writable handle slot.
        let e = unsafe { ac::keypair_from_pk_and_sk(pk, sk, &mut h) };
        closing(e, || keypair_close(h))
    }

    /// Drains and releases an `array_output` returned by a call that was expected to fail.
    fn release(e: CryptoErrno, output: raw::ArrayOutput) -> CryptoErrno {
        if e == SUCCESS {
            drop(wasicrypt::ArrayOutput::from_raw(output));
        }
        e
    }

    /// `keypair_export` (the output is released on success).
    pub fn keypair_export(kp: u32, encoding: u16) -> CryptoErrno {
        let mut out = 0;
        // SAFETY: `&mut out` is a valid writable handle slot.
        release(unsafe { ac::keypair_export(kp, encoding, &mut out) }, out)
    }

    /// `publickey_export` (the output is released on success).
    pub fn publickey_export(pk: u32, encoding: u16) -> CryptoErrno {
        let mut out = 0;
        // SAFETY: `&mut out` is a valid writable handle slot.
        release(unsafe { ac::publickey_export(pk, encoding, &mut out) }, out)
    }

    /// `secretkey_export` (the output is released on success).
    pub fn secretkey_export(sk: u32, encoding: u16) -> CryptoErrno {
        let mut out = 0;
        // SAFETY: `&mut out` is a valid writable handle slot.
        release(unsafe { ac::secretkey_export(sk, encoding, &mut out) }, out)
    }

    /// `keypair_publickey` (closed again on success).
    pub fn keypair_publickey(kp: u32) -> CryptoErrno {
        let mut h = 0;
        // SAFETY: `&mut h` is a valid writable handle slot.
        let e = unsafe { ac::keypair_publickey(kp, &mut h) };
        closing(e, || publickey_close(h))
    }

    /// `keypair_secretkey` (closed again on success).
    pub fn keypair_secretkey(kp: u32) -> CryptoErrno {
        let mut h = 0;
        // SAFETY: `&mut h` is a valid writable handle slot.
        let e = unsafe { ac::keypair_secretkey(kp, &mut h) };
        closing(e, || secretkey_close(h))
    }

    /// `publickey_from_secretkey` (closed again on success).
    pub fn publickey_from_secretkey(sk: u32) -> CryptoErrno {
        let mut h = 0;
        // SAFETY: `&mut h` is a valid writable handle slot.
        let e = unsafe { ac::publickey_from_secretkey(sk, &mut h) };
        closing(e, || publickey_close(h))
    }

    /// `publickey_verify`.
    pub fn publickey_verify(pk: u32) -> CryptoErrno {
        // SAFETY: value argument only.
        unsafe { ac::publickey_verify(pk) }
    }

    /// `keypair_close`.
    pub fn keypair_close(kp: u32) -> CryptoErrno {
        // SAFETY: value argument only.
        unsafe { ac::keypair_close(kp) }
    }

    /// `publickey_close`.
    pub fn publickey_close(pk: u32) -> CryptoErrno {
        // SAFETY: value argument only.
        unsafe { ac::publickey_close(pk) }
    }

    /// `secretkey_close`.
    pub fn secretkey_close(sk: u32) -> CryptoErrno {
        // SAFETY: value argument only.
        unsafe { ac::secretkey_close(sk) }
    }

    /// `signature_export` (the output is released on success).
    pub fn signature_export(signature: u32, encoding: u16) -> CryptoErrno {
        let mut out = 0;
        // SAFETY: `&mut out` is a valid writable handle slot.
        release(
            unsafe { sig::signature_export(signature, encoding, &mut out) },
            out,
        )
    }

    /// `signature_close`.
    pub fn signature_close(signature: u32) -> CryptoErrno {
        // SAFETY: value argument only.
        unsafe { sig::signature_close(signature) }
    }

    /// `signature_state_open` (closed again on success).
    pub fn signature_state_open(kp: u32) -> CryptoErrno {
        let mut h = 0;
        // SAFETY: `&mut h` is a valid writable handle slot.
        let e = unsafe { sig::signature_state_open(kp, &mut h) };
        closing(e, || signature_state_close(h))
    }

    /// `signature_state_update`.
    pub fn signature_state_update(state: u32, data: &[u8]) -> CryptoErrno {
        // SAFETY: `data` is a live slice.
        unsafe { sig::signature_state_update(state, data.as_ptr(), data.len()) }
    }

    /// `signature_state_sign` (the signature is closed again on success).
    pub fn signature_state_sign(state: u32) -> CryptoErrno {
        let mut h = 0;
        // SAFETY: `&mut h` is a valid writable handle slot.
        let e = unsafe { sig::signature_state_sign(state, &mut h) };
        closing(e, || signature_close(h))
    }

    /// `signature_state_close`.
    pub fn signature_state_close(state: u32) -> CryptoErrno {
        // SAFETY: value argument only.
        unsafe { sig::signature_state_close(state) }
    }

    /// `signature_verification_state_open` (closed again on success).
    pub fn verification_state_open(pk: u32) -> CryptoErrno {
        let mut h = 0;
        // SAFETY: `&mut h` is a valid writable handle slot.
        let e = unsafe { sig::signature_verification_state_open(pk, &mut h) };
        closing(e, || verification_state_close(h))
    }

    /// `signature_verification_state_update`.
    pub fn verification_state_update(state: u32, data: &[u8]) -> CryptoErrno {
        // SAFETY: `data` is a live slice.
        unsafe { sig::signature_verification_state_update(state, data.as_ptr(), data.len()) }
    }

    /// `signature_verification_state_verify`.
    pub fn verification_state_verify(state: u32, signature: u32) -> CryptoErrno {
        // SAFETY: value arguments only.
        unsafe { sig::signature_verification_state_verify(state, signature) }
    }

    /// `signature_verification_state_close`.
    pub fn verification_state_close(state: u32) -> CryptoErrno {
        // SAFETY: value argument only.
        unsafe { sig::signature_verification_state_close(state) }
    }

    /// `kx_dh` (the output is released on success).
    pub fn kx_dh(pk: u32, sk: u32) -> CryptoErrno {
        let mut out = 0;
        // SAFETY: `&mut out` is a valid writable handle slot.
        release(unsafe { kx::kx_dh(pk, sk, &mut out) }, out)
    }

    /// `kx_encapsulate` (both outputs are released on success).
    pub fn kx_encapsulate(pk: u32) -> CryptoErrno {
        let (mut secret, mut ct) = (0, 0);
        // SAFETY: `&mut secret` and `&mut ct` are valid, distinct writable handle slots.
        let e = unsafe { kx::kx_encapsulate(pk, &mut secret, &mut ct) };
        release(release(e, secret), ct)
    }

    /// `kx_decapsulate` (the output is released on success).
    pub fn kx_decapsulate(sk: u32, encapsulated: &[u8]) -> CryptoErrno {
        let mut out = 0;
        // SAFETY: `encapsulated` is a live slice, `&mut out` a valid writable handle slot.
        release(
            unsafe { kx::kx_decapsulate(sk, encapsulated.as_ptr(), encapsulated.len(), &mut out) },
            out,
        )
    }
}

fn bad_ptr() -> *const u8 {
    without_provenance(BAD_ADDR)
}

fn none() -> raw::OptOptions {
    raw::OptOptions::none()
}

fn ed25519() -> Result<SignatureKeyPair, String> {
    SignatureKeyPair::generate("Ed25519").ctx("generate Ed25519")
}

fn p256() -> Result<SignatureKeyPair, String> {
    SignatureKeyPair::generate("ECDSA_P256_SHA256").ctx("generate ECDSA_P256_SHA256")
}

fn x25519() -> Result<KxKeyPair, String> {
    KxKeyPair::generate("X25519").ctx("generate X25519")
}

fn kx_pair(alg: &str) -> Result<KxKeyPair, String> {
    KxKeyPair::generate(alg).ctx(&format!("generate {alg}"))
}

fn rsa_2048(alg: &str) -> Result<SignatureKeyPair, String> {
    SignatureKeyPair::import(alg, RSA_2048_PEM.as_bytes(), KeyPairEncoding::Pem)
        .ctx("import the 2048-bit fixture")
}

/// Signs `message` and expects verification of `message ‖ "!"` to fail, and of `message` to
/// succeed.
fn tampered_message_fails(kp: &SignatureKeyPair) -> CheckResult {
    let pk = kp.public_key().ctx("public_key")?;
    let sig = kp.sign(b"the message").ctx("sign")?;
    pk.verify(b"the message", &sig)
        .ctx("verify the signed message")?;
    ensure_err(
        "verify a tampered message",
        pk.verify(b"the message!", &sig),
        ErrorKind::VerificationFailed,
    )?;
    ensure_err(
        "verify a message with one bit flipped",
        pk.verify(b"the messagf", &sig),
        ErrorKind::VerificationFailed,
    )
}

fn main() {
    let mut h = Harness::new();
    algorithm_checks(&mut h);
    invalid_key_checks(&mut h);
    encoding_checks(&mut h);
    verification_checks(&mut h);
    signature_format_checks(&mut h);
    key_pair_checks(&mut h);
    kx_operation_checks(&mut h);
    managed_key_checks(&mut h);
    pointer_checks(&mut h);
    handle_checks(&mut h);
    h.run();
}

fn algorithm_checks(h: &mut Harness) {
    h.check(
        "unknown signature algorithm -> unsupported_algorithm",
        || {
            for alg in [
                "Ed448",
                "Ed25519ph",
                "ECDSA_P521_SHA512",
                "RSA_PKCS1_1024_SHA256",
                "",
            ] {
                ensure_err(
                    alg,
                    SignatureKeyPair::generate(alg),
                    ErrorKind::UnsupportedAlgorithm,
                )?;
            }
            ensure_err(
                "SignaturePublicKey::import",
                SignaturePublicKey::import("Ed448", &[0; 57], PublicKeyEncoding::Raw),
                ErrorKind::UnsupportedAlgorithm,
            )?;
            ensure_err(
                "SignatureSecretKey::import",
                SignatureSecretKey::import("Ed448", &[0; 57], SecretKeyEncoding::Raw),
                ErrorKind::UnsupportedAlgorithm,
            )?;
            ensure_err(
                "SignatureKeyPair::import",
                SignatureKeyPair::import("Ed448", &[0; 114], KeyPairEncoding::Raw),
                ErrorKind::UnsupportedAlgorithm,
            )?;
            ensure_err(
                "Signature::import",
                Signature::import("Ed448", &[0; 114], SignatureEncoding::Raw),
                ErrorKind::UnsupportedAlgorithm,
            )
        },
    );
    h.check(
        "unknown key-exchange algorithm -> unsupported_algorithm",
        || {
            for alg in ["X448", "X-WING-2", "ML-KEM-256", "P521-SHA512"] {
                ensure_err(
                    alg,
                    KxKeyPair::generate(alg),
                    ErrorKind::UnsupportedAlgorithm,
                )?;
            }
            ensure_err(
                "KxPublicKey::import",
                KxPublicKey::import("X448", &[9; 56], PublicKeyEncoding::Raw),
                ErrorKind::UnsupportedAlgorithm,
            )?;
            ensure_err(
                "KxSecretKey::import",
                KxSecretKey::import("X448", &[9; 56], SecretKeyEncoding::Raw),
                ErrorKind::UnsupportedAlgorithm,
            )
        },
    );
    h.check(
        "algorithm of the other type -> unsupported_algorithm (X25519 as a signature, Ed25519 as kx)",
        || {
            ensure_err(
                "SignatureKeyPair::generate(X25519)",
                SignatureKeyPair::generate("X25519"),
                ErrorKind::UnsupportedAlgorithm,
            )?;
            ensure_err(
                "KxKeyPair::generate(Ed25519)",
                KxKeyPair::generate("Ed25519"),
                ErrorKind::UnsupportedAlgorithm,
            )?;
            ensure_err(
                "KxKeyPair::generate(ECDSA_P256_SHA256)",
                KxKeyPair::generate("ECDSA_P256_SHA256"),
                ErrorKind::UnsupportedAlgorithm,
            )?;
            ensure_err(
                "Signature::import(X25519)",
                Signature::import("X25519", &[0; 64], SignatureEncoding::Raw),
                ErrorKind::UnsupportedAlgorithm,
            )
        },
    );
    h.check(
        "keypair_generate with algorithm_type symmetric -> unsupported_algorithm",
        || {
            errno!(
                call::keypair_generate(SYMMETRIC, "Ed25519", none()),
                UNSUPPORTED_ALGORITHM
            )?;
            errno!(
                call::keypair_generate(SYMMETRIC, "AES-256-GCM", none()),
                UNSUPPORTED_ALGORITHM
            )?;
            errno!(
                call::publickey_import(SYMMETRIC, "X25519", &[9; 32], 0),
                UNSUPPORTED_ALGORITHM
            )
        },
    );
    h.check("algorithm names are case-insensitive", || {
        let kp = SignatureKeyPair::generate("ecdsa_p256_sha256").ctx("lower case")?;
        let pk = kp.public_key().ctx("public_key")?;
        let sig = kp.sign(b"m").ctx("sign")?;
        // Keys and signatures of differently spelled names of one algorithm work together.
        let raw = sig.export(SignatureEncoding::Raw).ctx("export")?;
        let imported =
            Signature::import("ECDSA_P256_SHA256", &raw, SignatureEncoding::Raw).ctx("import")?;
        pk.verify(b"m", &imported).ctx("verify")?;
        KxKeyPair::generate("ml-kem-512").ctx("ml-kem-512")?;
        Ok(())
    });
}

fn invalid_key_checks(h: &mut Harness) {
    h.check("Ed25519: garbage key bytes -> invalid_key", || {
        let kp = ed25519()?;
        let seed = kp
            .secret_key()
            .ctx("sk")?
            .export(SecretKeyEncoding::Raw)
            .ctx("export")?;
        for len in [0, 31, 33, 64] {
            ensure_err(
                &format!("public key raw, {len} bytes"),
                SignaturePublicKey::import("Ed25519", &vec![7; len], PublicKeyEncoding::Raw),
                ErrorKind::InvalidKey,
            )?;
            ensure_err(
                &format!("secret key raw, {len} bytes"),
                SignatureSecretKey::import("Ed25519", &vec![7; len], SecretKeyEncoding::Raw),
                ErrorKind::InvalidKey,
            )?;
        }
        ensure_err(
            "key pair raw, 63 bytes",
            SignatureKeyPair::import("Ed25519", &[7; 63], KeyPairEncoding::Raw),
            ErrorKind::InvalidKey,
        )?;
        // seed ‖ a public key that is not the seed's.
        let other = ed25519()?
            .public_key()
            .ctx("pk")?
            .export(PublicKeyEncoding::Raw)
            .ctx("pk")?;
        ensure_err(
            "key pair raw, seed ‖ another public key",
            SignatureKeyPair::import("Ed25519", &[seed, other].concat(), KeyPairEncoding::Raw),
            ErrorKind::InvalidKey,
        )?;
        ensure_err(
            "key pair pkcs8 garbage",
            SignatureKeyPair::import("Ed25519", b"\x30\x03\x02\x01\x00", KeyPairEncoding::Pkcs8),
            ErrorKind::InvalidKey,
        )?;
        ensure_err(
            "public key pem garbage",
            SignaturePublicKey::import(
                "Ed25519",
                b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
                PublicKeyEncoding::Pem,
            ),
            ErrorKind::InvalidKey,
        )?;
        ensure_err(
            "secret key pem, not PEM at all",
            SignatureSecretKey::import("Ed25519", b"hello", SecretKeyEncoding::Pem),
            ErrorKind::InvalidKey,
        )
    });
    h.check(
        "ECDSA: garbage key bytes, off-curve point, zero or ≥ n scalar -> invalid_key",
        || {
            let alg = "ECDSA_P256_SHA256";
            let mut off_curve = vec![0x04];
            off_curve.extend([1u8; 64]);
            for (what, bytes) in [
                ("(1, 1) is not on the curve", off_curve),
                ("identity 00", vec![0x00]),
                ("64 bytes, no prefix", vec![1; 64]),
                (
                    "compressed with prefix 05",
                    [vec![0x05], vec![1; 32]].concat(),
                ),
            ] {
                ensure_err(
                    what,
                    SignaturePublicKey::import(alg, &bytes, PublicKeyEncoding::Sec),
                    ErrorKind::InvalidKey,
                )?;
            }
            for (what, bytes) in [
                ("zero scalar", vec![0; 32]),
                ("scalar n", unhex(P256_N)?),
                ("31 bytes", vec![1; 31]),
                ("33 bytes", vec![1; 33]),
            ] {
                ensure_err(
                    &format!("secret key raw, {what}"),
                    SignatureSecretKey::import(alg, &bytes, SecretKeyEncoding::Raw),
                    ErrorKind::InvalidKey,
                )?;
                ensure_err(
                    &format!("key pair raw, {what}"),
                    SignatureKeyPair::import(alg, &bytes, KeyPairEncoding::Raw),
                    ErrorKind::InvalidKey,
                )?;
            }
            ensure_err(
                "secret key sec, garbage DER",
                SignatureSecretKey::import(alg, &[0x30, 0x00], SecretKeyEncoding::Sec),
                ErrorKind::InvalidKey,
            )?;
            // A P-384 key under the P-256 name.
            let p384 = SignatureKeyPair::generate("ECDSA_P384_SHA384").ctx("generate P-384")?;
            let der = p384.export(KeyPairEncoding::Pkcs8).ctx("export")?;
            ensure_err(
                "P-384 PKCS#8 under ECDSA_P256_SHA256",
                SignatureKeyPair::import(alg, &der, KeyPairEncoding::Pkcs8),
                ErrorKind::InvalidKey,
            )?;
            let spki = p384
                .public_key()
                .ctx("pk")?
                .export(PublicKeyEncoding::Pkcs8)
                .ctx("export")?;
            ensure_err(
                "P-384 SPKI under ECDSA_P256_SHA256",
                SignaturePublicKey::import(alg, &spki, PublicKeyEncoding::Pkcs8),
                ErrorKind::InvalidKey,
            )
        },
    );
    h.check(
        "RSA: wrong modulus size, garbage, another algorithm's key -> invalid_key",
        || {
            ensure_err(
                "3072-bit fixture under RSA_PKCS1_2048_SHA256",
                SignatureKeyPair::import(
                    "RSA_PKCS1_2048_SHA256",
                    RSA_3072_PEM.as_bytes(),
                    KeyPairEncoding::Pem,
                ),
                ErrorKind::InvalidKey,
            )?;
            ensure_err(
                "2048-bit fixture under RSA_PSS_3072_SHA384",
                SignatureSecretKey::import(
                    "RSA_PSS_3072_SHA384",
                    RSA_2048_PEM.as_bytes(),
                    SecretKeyEncoding::Pem,
                ),
                ErrorKind::InvalidKey,
            )?;
            ensure_err(
                "garbage PKCS#8",
                SignatureKeyPair::import(
                    "RSA_PSS_2048_SHA256",
                    &[0x30; 40],
                    KeyPairEncoding::Pkcs8,
                ),
                ErrorKind::InvalidKey,
            )?;
            let ed = ed25519()?
                .export(KeyPairEncoding::Pkcs8)
                .ctx("export Ed25519 PKCS#8")?;
            ensure_err(
                "an Ed25519 PKCS#8 under an RSA name",
                SignatureKeyPair::import("RSA_PKCS1_2048_SHA256", &ed, KeyPairEncoding::Pkcs8),
                ErrorKind::InvalidKey,
            )
        },
    );
    h.check(
        "X25519: wrong sizes, mismatched key pair -> invalid_key",
        || {
            for len in [0, 31, 33] {
                ensure_err(
                    &format!("public key raw, {len} bytes"),
                    KxPublicKey::import("X25519", &vec![9; len], PublicKeyEncoding::Raw),
                    ErrorKind::InvalidKey,
                )?;
                ensure_err(
                    &format!("secret key raw, {len} bytes"),
                    KxSecretKey::import("X25519", &vec![9; len], SecretKeyEncoding::Raw),
                    ErrorKind::InvalidKey,
                )?;
            }
            let a = x25519()?.export(KeyPairEncoding::Raw).ctx("export")?;
            let b = x25519()?.export(KeyPairEncoding::Raw).ctx("export")?;
            // pk of a ‖ sk of b.
            ensure_err(
                "key pair raw, pk ‖ another sk",
                KxKeyPair::import(
                    "X25519",
                    &[&a[..32], &b[32..]].concat(),
                    KeyPairEncoding::Raw,
                ),
                ErrorKind::InvalidKey,
            )?;
            ensure_err(
                "key pair raw, 63 bytes",
                KxKeyPair::import("X25519", &a[..63], KeyPairEncoding::Raw),
                ErrorKind::InvalidKey,
            )
        },
    );
    h.check(
        "ML-KEM: wrong seed size, expanded key, bad ek -> invalid_key",
        || {
            for len in [0, 32, 63, 65, 1632] {
                ensure_err(
                    &format!("ML-KEM-512 secret key raw, {len} bytes"),
                    KxSecretKey::import("ML-KEM-512", &vec![1; len], SecretKeyEncoding::Raw),
                    ErrorKind::InvalidKey,
                )?;
            }
            ensure_err(
                "ML-KEM-768 key pair raw, 63 bytes",
                KxKeyPair::import("ML-KEM-768", &[1; 63], KeyPairEncoding::Raw),
                ErrorKind::InvalidKey,
            )?;
            ensure_err(
                "ML-KEM-512 ek, 799 bytes",
                KxPublicKey::import("ML-KEM-512", &[0; 799], PublicKeyEncoding::Raw),
                ErrorKind::InvalidKey,
            )?;
            // Every 12-bit coefficient 0xfff ≥ q = 3329: fails the FIPS 203 §7.2 modulus check.
            ensure_err(
                "ML-KEM-512 ek with coefficients ≥ q",
                KxPublicKey::import("ML-KEM-512", &[0xff; 800], PublicKeyEncoding::Raw),
                ErrorKind::InvalidKey,
            )?;
            // An ML-KEM-768 ek under the ML-KEM-512 name.
            let ek = kx_pair("ML-KEM-768")?
                .public_key()
                .ctx("pk")?
                .export(PublicKeyEncoding::Raw)
                .ctx("export")?;
            ensure_err(
                "ML-KEM-768 ek under ML-KEM-512",
                KxPublicKey::import("ML-KEM-512", &ek, PublicKeyEncoding::Raw),
                ErrorKind::InvalidKey,
            )
        },
    );
    h.check(
        "ECDH: off-curve point and zero scalar -> invalid_key",
        || {
            let mut off_curve = vec![0x04];
            off_curve.extend([1u8; 96]);
            ensure_err(
                "P384-SHA384 public key (1, 1)",
                KxPublicKey::import("P384-SHA384", &off_curve, PublicKeyEncoding::Raw),
                ErrorKind::InvalidKey,
            )?;
            ensure_err(
                "P256-SHA256 zero scalar",
                KxSecretKey::import("P256-SHA256", &[0; 32], SecretKeyEncoding::Raw),
                ErrorKind::InvalidKey,
            )
        },
    );
    h.check(
        "X25519 low-order public keys -> invalid_key (validate and dh)",
        || {
            let sk = x25519()?.secret_key().ctx("sk")?;
            for point in X25519_SMALL_ORDER {
                let point = unhex(point)?;
                let mut high_bit = point.clone();
                high_bit[31] |= 0x80;
                for bytes in [point, high_bit] {
                    let pk = KxPublicKey::import("X25519", &bytes, PublicKeyEncoding::Raw)
                        .ctx(&format!("import {} (any 32 bytes import)", hex(&bytes)))?;
                    ensure_err(
                        &format!("validate {}", hex(&bytes)),
                        pk.validate(),
                        ErrorKind::InvalidKey,
                    )?;
                    ensure_err(
                        &format!("dh with {}", hex(&bytes)),
                        pk.dh(&sk),
                        ErrorKind::InvalidKey,
                    )?;
                }
            }
            Ok(())
        },
    );
    h.check(
        "Ed25519 small-order public key (the identity) -> validate invalid_key",
        || {
            let mut identity = vec![0u8; 32];
            identity[0] = 1;
            let pk = SignaturePublicKey::import("Ed25519", &identity, PublicKeyEncoding::Raw)
                .ctx("small-order points import")?;
            ensure_err("validate", pk.validate(), ErrorKind::InvalidKey)?;
            ed25519()?
                .public_key()
                .ctx("pk")?
                .validate()
                .ctx("a generated key validates")
        },
    );
}

fn encoding_checks(h: &mut Harness) {
    h.check(
        "Ed25519: sec and local encodings, der signatures -> unsupported_encoding",
        || {
            let kp = ed25519()?;
            let pk = kp.public_key().ctx("pk")?;
            let sk = kp.secret_key().ctx("sk")?;
            let pk_raw = pk.export(PublicKeyEncoding::Raw).ctx("export")?;
            let sk_raw = sk.export(SecretKeyEncoding::Raw).ctx("export")?;
            let kp_raw = kp.export(KeyPairEncoding::Raw).ctx("export")?;
            for enc in [PublicKeyEncoding::Sec, PublicKeyEncoding::Local] {
                ensure_err(
                    &format!("pk export {enc:?}"),
                    pk.export(enc),
                    ErrorKind::UnsupportedEncoding,
                )?;
                ensure_err(
                    &format!("pk import {enc:?}"),
                    SignaturePublicKey::import("Ed25519", &pk_raw, enc),
                    ErrorKind::UnsupportedEncoding,
                )?;
            }
            for enc in [SecretKeyEncoding::Sec, SecretKeyEncoding::Local] {
                ensure_err(
                    &format!("sk export {enc:?}"),
                    sk.export(enc),
                    ErrorKind::UnsupportedEncoding,
                )?;
                ensure_err(
                    &format!("sk import {enc:?}"),
                    SignatureSecretKey::import("Ed25519", &sk_raw, enc),
                    ErrorKind::UnsupportedEncoding,
                )?;
            }
            ensure_err(
                "kp export local",
                kp.export(KeyPairEncoding::Local),
                ErrorKind::UnsupportedEncoding,
            )?;
            ensure_err(
                "kp import local",
                SignatureKeyPair::import("Ed25519", &kp_raw, KeyPairEncoding::Local),
                ErrorKind::UnsupportedEncoding,
            )?;
            let sig = kp.sign(b"m").ctx("sign")?;
            ensure_err(
                "signature export der",
                sig.export(SignatureEncoding::Der),
                ErrorKind::UnsupportedEncoding,
            )?;
            let raw = sig.export(SignatureEncoding::Raw).ctx("export raw")?;
            ensure_err(
                "signature import der",
                Signature::import("Ed25519", &raw, SignatureEncoding::Der),
                ErrorKind::UnsupportedEncoding,
            )
        },
    );
    h.check(
        "RSA: raw and sec keys, der signatures -> unsupported_encoding",
        || {
            let kp = rsa_2048("RSA_PKCS1_2048_SHA256")?;
            let pk = kp.public_key().ctx("pk")?;
            let sk = kp.secret_key().ctx("sk")?;
            ensure_err(
                "kp export raw",
                kp.export(KeyPairEncoding::Raw),
                ErrorKind::UnsupportedEncoding,
            )?;
            ensure_err(
                "pk export raw",
                pk.export(PublicKeyEncoding::Raw),
                ErrorKind::UnsupportedEncoding,
            )?;
            ensure_err(
                "pk export sec",
                pk.export(PublicKeyEncoding::Sec),
                ErrorKind::UnsupportedEncoding,
            )?;
            ensure_err(
                "sk export raw",
                sk.export(SecretKeyEncoding::Raw),
                ErrorKind::UnsupportedEncoding,
            )?;
            ensure_err(
                "sk export sec",
                sk.export(SecretKeyEncoding::Sec),
                ErrorKind::UnsupportedEncoding,
            )?;
            let der = kp.export(KeyPairEncoding::Pkcs8).ctx("export pkcs8")?;
            ensure_err(
                "kp import raw",
                SignatureKeyPair::import("RSA_PKCS1_2048_SHA256", &der, KeyPairEncoding::Raw),
                ErrorKind::UnsupportedEncoding,
            )?;
            let spki = pk.export(PublicKeyEncoding::Pkcs8).ctx("export spki")?;
            ensure_err(
                "pk import raw",
                SignaturePublicKey::import("RSA_PKCS1_2048_SHA256", &spki, PublicKeyEncoding::Raw),
                ErrorKind::UnsupportedEncoding,
            )?;
            let sig = kp.sign(b"m").ctx("sign")?;
            ensure_err(
                "signature export der",
                sig.export(SignatureEncoding::Der),
                ErrorKind::UnsupportedEncoding,
            )?;
            let raw = sig.export(SignatureEncoding::Raw).ctx("export raw")?;
            ensure_err(
                "signature import der",
                Signature::import("RSA_PKCS1_2048_SHA256", &raw, SignatureEncoding::Der),
                ErrorKind::UnsupportedEncoding,
            )
        },
    );
    h.check(
        "ECDSA and ECDH: local encodings -> unsupported_encoding",
        || {
            let kp = p256()?;
            ensure_err(
                "kp export local",
                kp.export(KeyPairEncoding::Local),
                ErrorKind::UnsupportedEncoding,
            )?;
            ensure_err(
                "pk export local",
                kp.public_key().ctx("pk")?.export(PublicKeyEncoding::Local),
                ErrorKind::UnsupportedEncoding,
            )?;
            ensure_err(
                "sk export local",
                kp.secret_key().ctx("sk")?.export(SecretKeyEncoding::Local),
                ErrorKind::UnsupportedEncoding,
            )?;
            let raw = kp.export(KeyPairEncoding::Raw).ctx("export")?;
            ensure_err(
                "ECDH kp import local",
                KxKeyPair::import("P256-SHA256", &raw, KeyPairEncoding::Local),
                ErrorKind::UnsupportedEncoding,
            )
        },
    );
    h.check(
        "X25519 and ML-KEM: sec and local encodings -> unsupported_encoding",
        || {
            for alg in ["X25519", "ML-KEM-512"] {
                let kp = kx_pair(alg)?;
                let pk = kp.public_key().ctx("pk")?;
                let sk = kp.secret_key().ctx("sk")?;
                let pk_raw = pk.export(PublicKeyEncoding::Raw).ctx("export")?;
                let sk_raw = sk.export(SecretKeyEncoding::Raw).ctx("export")?;
                for enc in [PublicKeyEncoding::Sec, PublicKeyEncoding::Local] {
                    ensure_err(
                        &format!("{alg} pk export {enc:?}"),
                        pk.export(enc),
                        ErrorKind::UnsupportedEncoding,
                    )?;
                    ensure_err(
                        &format!("{alg} pk import {enc:?}"),
                        KxPublicKey::import(alg, &pk_raw, enc),
                        ErrorKind::UnsupportedEncoding,
                    )?;
                }
                for enc in [SecretKeyEncoding::Sec, SecretKeyEncoding::Local] {
                    ensure_err(
                        &format!("{alg} sk export {enc:?}"),
                        sk.export(enc),
                        ErrorKind::UnsupportedEncoding,
                    )?;
                    ensure_err(
                        &format!("{alg} sk import {enc:?}"),
                        KxSecretKey::import(alg, &sk_raw, enc),
                        ErrorKind::UnsupportedEncoding,
                    )?;
                }
                ensure_err(
                    &format!("{alg} kp export local"),
                    kp.export(KeyPairEncoding::Local),
                    ErrorKind::UnsupportedEncoding,
                )?;
            }
            Ok(())
        },
    );
}

fn verification_checks(h: &mut Harness) {
    h.check("Ed25519: tampered message -> verification_failed", || {
        tampered_message_fails(&ed25519()?)
    });
    for alg in [
        "ECDSA_P256_SHA256",
        "ECDSA_P384_SHA384",
        "ECDSA_K256_SHA256",
    ] {
        h.check(
            format!("{alg}: tampered message -> verification_failed"),
            move || tampered_message_fails(&SignatureKeyPair::generate(alg).ctx("generate")?),
        );
    }
    for alg in ["RSA_PKCS1_2048_SHA256", "RSA_PSS_2048_SHA512"] {
        h.check(
            format!("{alg}: tampered message -> verification_failed"),
            move || tampered_message_fails(&rsa_2048(alg)?),
        );
    }
    h.check(
        "well-formed signatures that do not match -> verification_failed",
        || {
            // Another key of the same algorithm.
            for alg in ["Ed25519", "ECDSA_P256_SHA256"] {
                let a = SignatureKeyPair::generate(alg).ctx("generate")?;
                let b = SignatureKeyPair::generate(alg).ctx("generate")?;
                let sig = a.sign(b"m").ctx("sign")?;
                ensure_err(
                    &format!("{alg}: verify with another key"),
                    b.public_key().ctx("pk")?.verify(b"m", &sig),
                    ErrorKind::VerificationFailed,
                )?;
                // The lowest bit of the last byte of R (Ed25519) or r (ECDSA) flipped: still
                // well-formed (S untouched; r stays in [1, n - 1]), so only verification fails.
                let mut raw = sig.export(SignatureEncoding::Raw).ctx("export")?;
                let half = raw.len() / 2;
                raw[half - 1] ^= 1;
                let flipped =
                    Signature::import(alg, &raw, SignatureEncoding::Raw).ctx("import flipped")?;
                ensure_err(
                    &format!("{alg}: verify a flipped signature"),
                    a.public_key().ctx("pk")?.verify(b"m", &flipped),
                    ErrorKind::VerificationFailed,
                )?;
            }
            // RSA PKCS#1 v1.5: a value ≥ n is well-formed (right length) but never verifies.
            let pk = rsa_2048("RSA_PKCS1_2048_SHA256")?.public_key().ctx("pk")?;
            let sig = Signature::import(
                "RSA_PKCS1_2048_SHA256",
                &[0xff; 256],
                SignatureEncoding::Raw,
            )
            .ctx("import 0xff…")?;
            ensure_err(
                "RSA all-0xff signature",
                pk.verify(b"m", &sig),
                ErrorKind::VerificationFailed,
            )
        },
    );
    h.check(
        "signature of another algorithm -> invalid_signature at verification",
        || {
            let ed = ed25519()?;
            let ed_sig = ed.sign(b"m").ctx("sign")?;
            let ecdsa_pk = p256()?.public_key().ctx("pk")?;
            ensure_err(
                "Ed25519 signature, ECDSA_P256_SHA256 key",
                ecdsa_pk.verify(b"m", &ed_sig),
                ErrorKind::InvalidSignature,
            )?;
            let p384 = SignatureKeyPair::generate("ECDSA_P384_SHA384").ctx("generate")?;
            let p384_sig = p384.sign(b"m").ctx("sign")?;
            ensure_err(
                "ECDSA_P384_SHA384 signature, ECDSA_P256_SHA256 key",
                ecdsa_pk.verify(b"m", &p384_sig),
                ErrorKind::InvalidSignature,
            )?;
            // Same key bytes, another RSA padding: a PSS signature is not PKCS#1 v1.5.
            let pss_sig = rsa_2048("RSA_PSS_2048_SHA256")?.sign(b"m").ctx("sign")?;
            let pkcs1_pk = rsa_2048("RSA_PKCS1_2048_SHA256")?.public_key().ctx("pk")?;
            ensure_err(
                "RSA_PSS_2048_SHA256 signature, RSA_PKCS1_2048_SHA256 key",
                pkcs1_pk.verify(b"m", &pss_sig),
                ErrorKind::InvalidSignature,
            )
        },
    );
}

fn signature_format_checks(h: &mut Harness) {
    h.check("Ed25519: malformed signatures -> invalid_signature", || {
        for len in [0, 63, 65] {
            ensure_err(
                &format!("{len} bytes"),
                Signature::import("Ed25519", &vec![0; len], SignatureEncoding::Raw),
                ErrorKind::InvalidSignature,
            )?;
        }
        // R ‖ S with S = L (RFC 8032 §5.1.7: S must be < L) and with S all ones.
        let sig = ed25519()?
            .sign(b"m")
            .ctx("sign")?
            .export(SignatureEncoding::Raw)
            .ctx("export")?;
        for (what, s) in [
            ("S = L", unhex(ED25519_L_LE)?),
            ("S = 2^256 - 1", vec![0xff; 32]),
        ] {
            ensure_err(
                what,
                Signature::import(
                    "Ed25519",
                    &[&sig[..32], &s[..]].concat(),
                    SignatureEncoding::Raw,
                ),
                ErrorKind::InvalidSignature,
            )?;
        }
        Ok(())
    });
    h.check("ECDSA: malformed signatures -> invalid_signature", || {
        let alg = "ECDSA_P256_SHA256";
        let sig = p256()?.sign(b"m").ctx("sign")?;
        let raw = sig.export(SignatureEncoding::Raw).ctx("export raw")?;
        let der = sig.export(SignatureEncoding::Der).ctx("export der")?;
        let n = unhex(P256_N)?;
        let cases: [(&str, Vec<u8>, SignatureEncoding); 8] = [
            ("raw, 63 bytes", raw[..63].to_vec(), SignatureEncoding::Raw),
            (
                "raw, 96 bytes (P-384 size)",
                vec![1; 96],
                SignatureEncoding::Raw,
            ),
            (
                "raw, r = 0",
                [&[0; 32][..], &raw[32..]].concat(),
                SignatureEncoding::Raw,
            ),
            (
                "raw, s = 0",
                [&raw[..32], &[0; 32][..]].concat(),
                SignatureEncoding::Raw,
            ),
            (
                "raw, s = n",
                [&raw[..32], &n[..]].concat(),
                SignatureEncoding::Raw,
            ),
            (
                "der, garbage",
                vec![0x30, 0x02, 0x05, 0x00],
                SignatureEncoding::Der,
            ),
            (
                "der, trailing byte",
                [&der[..], &[0]].concat(),
                SignatureEncoding::Der,
            ),
            (
                "der, truncated",
                der[..der.len() - 1].to_vec(),
                SignatureEncoding::Der,
            ),
        ];
        for (what, bytes, enc) in cases {
            ensure_err(
                what,
                Signature::import(alg, &bytes, enc),
                ErrorKind::InvalidSignature,
            )?;
        }
        Ok(())
    });
    h.check(
        "RSA: signature of the wrong length -> invalid_signature",
        || {
            for len in [0, 255, 257, 384] {
                ensure_err(
                    &format!("RSA_PKCS1_2048_SHA256, {len} bytes"),
                    Signature::import(
                        "RSA_PKCS1_2048_SHA256",
                        &vec![1; len],
                        SignatureEncoding::Raw,
                    ),
                    ErrorKind::InvalidSignature,
                )?;
            }
            ensure_err(
                "RSA_PSS_3072_SHA384, 256 bytes",
                Signature::import("RSA_PSS_3072_SHA384", &[1; 256], SignatureEncoding::Raw),
                ErrorKind::InvalidSignature,
            )
        },
    );
}

fn key_pair_checks(h: &mut Harness) {
    h.check(
        "keypair_from_pk_and_sk: mismatched keys of one algorithm -> invalid_key",
        || {
            for alg in ["Ed25519", "ECDSA_P256_SHA256", "ECDSA_K256_SHA256"] {
                let a = SignatureKeyPair::generate(alg).ctx("generate")?;
                let b = SignatureKeyPair::generate(alg).ctx("generate")?;
                ensure_err(
                    alg,
                    SignatureKeyPair::from_pk_and_sk(
                        &a.public_key().ctx("pk")?,
                        &b.secret_key().ctx("sk")?,
                    ),
                    ErrorKind::InvalidKey,
                )?;
            }
            for alg in ["X25519", "P384-SHA384", "ML-KEM-768"] {
                let a = KxKeyPair::generate(alg).ctx("generate")?;
                let b = KxKeyPair::generate(alg).ctx("generate")?;
                ensure_err(
                    alg,
                    KxKeyPair::from_pk_and_sk(
                        &a.public_key().ctx("pk")?,
                        &b.secret_key().ctx("sk")?,
                    ),
                    ErrorKind::InvalidKey,
                )?;
            }
            // RSA: the 2048-bit fixture's secret key with a 2048-bit public key of another modulus
            // (a generated key would be slow; flip one bit in the fixture's SPKI modulus instead).
            let kp = rsa_2048("RSA_PKCS1_2048_SHA256")?;
            let spki = kp
                .public_key()
                .ctx("pk")?
                .export(PublicKeyEncoding::Pkcs8)
                .ctx("export")?;
            let mut other = spki.clone();
            // The SPKI ends with the modulus n and then `INTEGER 65537` (02 03 01 00 01), so the
            // last byte of n is 6 bytes from the end; flip its bit 1 (n stays odd and 2048 bits).
            let at = spki.len() - 6;
            other[at] ^= 2;
            let other = SignaturePublicKey::import(
                "RSA_PKCS1_2048_SHA256",
                &other,
                PublicKeyEncoding::Pkcs8,
            )
            .ctx("import the altered public key")?;
            ensure_err(
                "RSA_PKCS1_2048_SHA256",
                SignatureKeyPair::from_pk_and_sk(&other, &kp.secret_key().ctx("sk")?),
                ErrorKind::InvalidKey,
            )
        },
    );
    h.check(
        "keypair_from_pk_and_sk: keys of different algorithms -> incompatible_keys",
        || {
            let pairs = [
                ("Ed25519", "ECDSA_P256_SHA256"),
                ("ECDSA_P256_SHA256", "ECDSA_K256_SHA256"),
            ];
            for (a, b) in pairs {
                let pk = SignatureKeyPair::generate(a)
                    .ctx("generate")?
                    .public_key()
                    .ctx("pk")?;
                let sk = SignatureKeyPair::generate(b)
                    .ctx("generate")?
                    .secret_key()
                    .ctx("sk")?;
                ensure_err(
                    &format!("{a} pk + {b} sk"),
                    SignatureKeyPair::from_pk_and_sk(&pk, &sk),
                    ErrorKind::IncompatibleKeys,
                )?;
            }
            // The same RSA key bytes under two names are two algorithms.
            let pss = rsa_2048("RSA_PSS_2048_SHA256")?;
            let pkcs1 = rsa_2048("RSA_PKCS1_2048_SHA256")?;
            ensure_err(
                "RSA_PSS_2048_SHA256 pk + RSA_PKCS1_2048_SHA256 sk",
                SignatureKeyPair::from_pk_and_sk(
                    &pss.public_key().ctx("pk")?,
                    &pkcs1.secret_key().ctx("sk")?,
                ),
                ErrorKind::IncompatibleKeys,
            )?;
            let kx_pairs = [("X25519", "P256-SHA256"), ("ML-KEM-512", "ML-KEM-768")];
            for (a, b) in kx_pairs {
                let pk = KxKeyPair::generate(a)
                    .ctx("generate")?
                    .public_key()
                    .ctx("pk")?;
                let sk = KxKeyPair::generate(b)
                    .ctx("generate")?
                    .secret_key()
                    .ctx("sk")?;
                ensure_err(
                    &format!("{a} pk + {b} sk"),
                    KxKeyPair::from_pk_and_sk(&pk, &sk),
                    ErrorKind::IncompatibleKeys,
                )?;
            }
            // Across families (raw handles): an Ed25519 public key with an X25519 secret key.
            let ed_pk = ed25519()?.public_key().ctx("pk")?;
            let x_sk = x25519()?.secret_key().ctx("sk")?;
            errno!(
                call::keypair_from_pk_and_sk(ed_pk.raw_handle(), x_sk.raw_handle()),
                INCOMPATIBLE_KEYS
            )
        },
    );
    h.check(
        "options of another algorithm type -> invalid_handle; of the right type -> ok",
        || {
            let symmetric = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
            ensure_err(
                "SignatureKeyPair::generate_with(symmetric options)",
                SignatureKeyPair::generate_with("Ed25519", Some(&symmetric)),
                ErrorKind::InvalidHandle,
            )?;
            let signatures = Options::open(AlgorithmType::Signatures).ctx("options_open")?;
            ensure_err(
                "KxKeyPair::generate_with(signature options)",
                KxKeyPair::generate_with("X25519", Some(&signatures)),
                ErrorKind::InvalidHandle,
            )?;
            SignatureKeyPair::generate_with("Ed25519", Some(&signatures))
                .ctx("signature options")?;
            let key_exchange = Options::open(AlgorithmType::KeyExchange).ctx("options_open")?;
            KxKeyPair::generate_with("X25519", Some(&key_exchange)).ctx("key-exchange options")?;
            errno!(
                call::keypair_generate(SIG, "Ed25519", raw::OptOptions::some(BAD_HANDLE)),
                INVALID_HANDLE
            )
        },
    );
}

fn kx_operation_checks(h: &mut Harness) {
    h.check("kx_dh on ML-KEM -> invalid_operation", || {
        for alg in ["ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"] {
            let kp = kx_pair(alg)?;
            ensure_err(
                alg,
                kp.public_key().ctx("pk")?.dh(&kp.secret_key().ctx("sk")?),
                ErrorKind::InvalidOperation,
            )?;
        }
        Ok(())
    });
    h.check("kx_dh across algorithms -> incompatible_keys", || {
        let pairs = [
            ("X25519", "P256-SHA256"),
            ("P256-SHA256", "P384-SHA384"),
            ("X25519", "ML-KEM-512"),
        ];
        for (a, b) in pairs {
            let pk = KxKeyPair::generate(a)
                .ctx("generate")?
                .public_key()
                .ctx("pk")?;
            let sk = KxKeyPair::generate(b)
                .ctx("generate")?
                .secret_key()
                .ctx("sk")?;
            ensure_err(
                &format!("{a} pk, {b} sk"),
                pk.dh(&sk),
                ErrorKind::IncompatibleKeys,
            )?;
        }
        Ok(())
    });
    h.check("kx_dh on signature keys -> invalid_operation (raw)", || {
        let kp = ed25519()?;
        let (pk, sk) = (kp.public_key().ctx("pk")?, kp.secret_key().ctx("sk")?);
        errno!(
            call::kx_dh(pk.raw_handle(), sk.raw_handle()),
            INVALID_OPERATION
        )
    });
    h.check(
        "kx_encapsulate / kx_decapsulate on DH algorithms -> invalid_operation",
        || {
            for alg in ["X25519", "P256-SHA256", "P384-SHA384"] {
                let kp = KxKeyPair::generate(alg).ctx("generate")?;
                ensure_err(
                    &format!("{alg} encapsulate"),
                    kp.public_key().ctx("pk")?.encapsulate(),
                    ErrorKind::InvalidOperation,
                )?;
                ensure_err(
                    &format!("{alg} decapsulate"),
                    kp.secret_key().ctx("sk")?.decapsulate(&[0; 32]),
                    ErrorKind::InvalidOperation,
                )?;
            }
            // A signature public key (raw handle) is no KEM either.
            let ed_pk = ed25519()?.public_key().ctx("pk")?;
            errno!(call::kx_encapsulate(ed_pk.raw_handle()), INVALID_OPERATION)
        },
    );
    h.check(
        "kx_decapsulate with a ciphertext of the wrong length -> verification_failed",
        || {
            for (alg, len) in [
                ("ML-KEM-512", 768),
                ("ML-KEM-768", 1088),
                ("ML-KEM-1024", 1568),
            ] {
                let sk = kx_pair(alg)?.secret_key().ctx("sk")?;
                for bad in [0, 1, len - 1, len + 1] {
                    ensure_err(
                        &format!("{alg}, {bad} bytes"),
                        sk.decapsulate(&vec![0; bad]),
                        ErrorKind::VerificationFailed,
                    )?;
                }
                // The right length is not an error (implicit rejection).
                let k = sk.decapsulate(&vec![0; len]).ctx("decapsulate zeros")?;
                ensure(k.len() == 32, "implicit rejection gives a 32-byte secret")?;
            }
            Ok(())
        },
    );
}

fn managed_key_checks(h: &mut Harness) {
    h.check("managed key pairs -> unsupported_feature (raw)", || {
        let kp = ed25519()?;
        let alg = "Ed25519";
        let opt = none();
        let mut handle = 0u32;
        let mut version = 0u64;
        let mut len = 0usize;
        let mut id = [0u8; 64];
        // SAFETY: every pointer comes from a live local; the host writes at most `id.len()` bytes.
        let results = unsafe {
            [
                (
                    "keypair_generate_managed",
                    asymmetric_common::keypair_generate_managed(
                        BAD_HANDLE,
                        SIG,
                        alg.as_ptr(),
                        alg.len(),
                        &opt,
                        &mut handle,
                    ),
                ),
                (
                    "keypair_store_managed",
                    asymmetric_common::keypair_store_managed(
                        BAD_HANDLE,
                        kp.raw_handle(),
                        id.as_mut_ptr(),
                        id.len(),
                    ),
                ),
                (
                    "keypair_replace_managed",
                    asymmetric_common::keypair_replace_managed(
                        BAD_HANDLE,
                        kp.raw_handle(),
                        kp.raw_handle(),
                        &mut version,
                    ),
                ),
                (
                    "keypair_id",
                    asymmetric_common::keypair_id(
                        kp.raw_handle(),
                        id.as_mut_ptr(),
                        id.len(),
                        &mut len,
                        &mut version,
                    ),
                ),
                (
                    "keypair_from_id",
                    asymmetric_common::keypair_from_id(
                        BAD_HANDLE,
                        id.as_ptr(),
                        8,
                        raw::VERSION_LATEST,
                        &mut handle,
                    ),
                ),
            ]
        };
        for (name, errno) in results {
            ensure_errno(name, errno, UNSUPPORTED_FEATURE)?;
        }
        Ok(())
    });
}

/// Calls `f` with an out-of-bounds pointer and `BAD_LEN`, expecting `guest_error`.
fn oob(what: &str, f: impl FnOnce(*const u8, usize) -> CryptoErrno) -> CheckResult {
    ensure_errno(what, f(bad_ptr(), BAD_LEN), GUEST_ERROR)
}

fn pointer_checks(h: &mut Harness) {
    h.check(
        "encoded key out of bounds -> guest_error (keypair / publickey / secretkey import)",
        || {
            let alg = "Ed25519";
            let mut handle = 0u32;
            // SAFETY (all three): the host validates the out-of-bounds input range against linear
            // memory and fails before writing the result; Rust never dereferences the pointer.
            oob("keypair_import", |p, n| unsafe {
                asymmetric_common::keypair_import(
                    SIG,
                    alg.as_ptr(),
                    alg.len(),
                    p,
                    n,
                    0,
                    &mut handle,
                )
            })?;
            oob("publickey_import", |p, n| unsafe {
                asymmetric_common::publickey_import(
                    SIG,
                    alg.as_ptr(),
                    alg.len(),
                    p,
                    n,
                    0,
                    &mut handle,
                )
            })?;
            oob("secretkey_import", |p, n| unsafe {
                asymmetric_common::secretkey_import(KX, "X25519".as_ptr(), 6, p, n, 0, &mut handle)
            })
        },
    );
    h.check("algorithm name out of bounds -> guest_error", || {
        let mut handle = 0u32;
        let opt = none();
        // SAFETY: as above; the name range is validated by the host.
        oob("keypair_generate", |p, n| unsafe {
            asymmetric_common::keypair_generate(SIG, p, n, &opt, &mut handle)
        })?;
        oob("signature_import", |p, n| unsafe {
            signatures::signature_import(p, n, [0u8; 64].as_ptr(), 64, 0, &mut handle)
        })
    });
    h.check("encoded signature out of bounds -> guest_error", || {
        let mut handle = 0u32;
        let alg = "Ed25519";
        // SAFETY: as above.
        oob("signature_import", |p, n| unsafe {
            signatures::signature_import(alg.as_ptr(), alg.len(), p, n, 0, &mut handle)
        })
    });
    h.check(
        "message out of bounds -> guest_error (signer and verifier update)",
        || {
            let kp = ed25519()?;
            let signer = kp.signer().ctx("signer")?;
            let verifier = kp.public_key().ctx("pk")?.verifier().ctx("verifier")?;
            // SAFETY: as above.
            oob("signature_state_update", |p, n| unsafe {
                signatures::signature_state_update(signer.raw_handle(), p, n)
            })?;
            // SAFETY: as above.
            oob("signature_verification_state_update", |p, n| unsafe {
                signatures::signature_verification_state_update(verifier.raw_handle(), p, n)
            })
        },
    );
    h.check("encapsulated secret out of bounds -> guest_error", || {
        let sk = kx_pair("ML-KEM-512")?.secret_key().ctx("sk")?;
        let mut out = 0u32;
        // SAFETY: as above.
        oob("kx_decapsulate", |p, n| unsafe {
            kx::kx_decapsulate(sk.raw_handle(), p, n, &mut out)
        })
    });
}

fn handle_checks(h: &mut Harness) {
    h.check(
        "signature state used as a verification state -> invalid_handle (raw)",
        || {
            let kp = ed25519()?;
            let mut signer = kp.signer().ctx("signer")?;
            let sig = kp.sign(b"m").ctx("sign")?;
            let st = signer.raw_handle();
            errno!(call::verification_state_update(st, b"m"), INVALID_HANDLE)?;
            errno!(
                call::verification_state_verify(st, sig.raw_handle()),
                INVALID_HANDLE
            )?;
            errno!(call::verification_state_close(st), INVALID_HANDLE)?;
            // The signer is unaffected.
            signer.update(b"m").ctx("update")?;
            let again = signer.sign().ctx("sign")?;
            kp.public_key()
                .ctx("pk")?
                .verify(b"m", &again)
                .ctx("verify")
        },
    );
    h.check(
        "verification state used as a signature state -> invalid_handle (raw)",
        || {
            let kp = ed25519()?;
            let verifier = kp.public_key().ctx("pk")?.verifier().ctx("verifier")?;
            let st = verifier.raw_handle();
            errno!(call::signature_state_update(st, b"m"), INVALID_HANDLE)?;
            errno!(call::signature_state_sign(st), INVALID_HANDLE)?;
            errno!(call::signature_state_close(st), INVALID_HANDLE)
        },
    );
    h.check(
        "signing or verification state on the wrong kind of key -> invalid_handle (raw)",
        || {
            let x = x25519()?;
            let ed = ed25519()?;
            errno!(call::signature_state_open(x.raw_handle()), INVALID_HANDLE)?;
            let x_pk = x.public_key().ctx("pk")?;
            errno!(
                call::verification_state_open(x_pk.raw_handle()),
                INVALID_HANDLE
            )?;
            // A public key is not a key pair, a key pair is not a public key.
            let ed_pk = ed.public_key().ctx("pk")?;
            errno!(
                call::signature_state_open(ed_pk.raw_handle()),
                INVALID_HANDLE
            )?;
            errno!(
                call::verification_state_open(ed.raw_handle()),
                INVALID_HANDLE
            )
        },
    );
    h.check("handles of the wrong kind -> invalid_handle (raw)", || {
        let kp = ed25519()?;
        let pk = kp.public_key().ctx("pk")?;
        let sk = kp.secret_key().ctx("sk")?;
        let sig = kp.sign(b"m").ctx("sign")?;
        let verifier = pk.verifier().ctx("verifier")?;
        let symmetric = SymmetricKey::generate("AES-256-GCM", None).ctx("symmetric key")?;
        errno!(call::keypair_export(pk.raw_handle(), 0), INVALID_HANDLE)?;
        errno!(call::keypair_publickey(sk.raw_handle()), INVALID_HANDLE)?;
        errno!(
            call::keypair_secretkey(symmetric.raw_handle()),
            INVALID_HANDLE
        )?;
        errno!(call::publickey_export(sk.raw_handle(), 0), INVALID_HANDLE)?;
        errno!(call::publickey_verify(kp.raw_handle()), INVALID_HANDLE)?;
        errno!(call::secretkey_export(pk.raw_handle(), 0), INVALID_HANDLE)?;
        errno!(
            call::publickey_from_secretkey(pk.raw_handle()),
            INVALID_HANDLE
        )?;
        errno!(
            call::keypair_from_pk_and_sk(sk.raw_handle(), pk.raw_handle()),
            INVALID_HANDLE
        )?;
        errno!(call::signature_export(pk.raw_handle(), 0), INVALID_HANDLE)?;
        errno!(
            call::verification_state_verify(verifier.raw_handle(), pk.raw_handle()),
            INVALID_HANDLE
        )?;
        errno!(
            call::kx_dh(sk.raw_handle(), pk.raw_handle()),
            INVALID_HANDLE
        )?;
        errno!(call::kx_encapsulate(sk.raw_handle()), INVALID_HANDLE)?;
        errno!(
            call::kx_decapsulate(pk.raw_handle(), &[0; 32]),
            INVALID_HANDLE
        )?;
        // Closing with the wrong close function fails and leaves the object alive.
        errno!(call::keypair_close(pk.raw_handle()), INVALID_HANDLE)?;
        errno!(call::publickey_close(sk.raw_handle()), INVALID_HANDLE)?;
        errno!(call::secretkey_close(kp.raw_handle()), INVALID_HANDLE)?;
        errno!(
            call::signature_close(symmetric.raw_handle()),
            INVALID_HANDLE
        )?;
        pk.verify(b"m", &sig).ctx("objects still work")?;
        ensure(
            sk.export(SecretKeyEncoding::Raw).is_ok(),
            "secret key still works",
        )
    });
    h.check(
        "invalid handles -> invalid_handle (raw, every asymmetric function)",
        || {
            let b = BAD_HANDLE;
            let cases = [
                ("keypair_export", call::keypair_export(b, 0)),
                ("keypair_publickey", call::keypair_publickey(b)),
                ("keypair_secretkey", call::keypair_secretkey(b)),
                ("keypair_from_pk_and_sk", call::keypair_from_pk_and_sk(b, b)),
                ("keypair_close", call::keypair_close(b)),
                ("publickey_export", call::publickey_export(b, 0)),
                ("publickey_verify", call::publickey_verify(b)),
                (
                    "publickey_from_secretkey",
                    call::publickey_from_secretkey(b),
                ),
                ("publickey_close", call::publickey_close(b)),
                ("secretkey_export", call::secretkey_export(b, 0)),
                ("secretkey_close", call::secretkey_close(b)),
                ("signature_export", call::signature_export(b, 0)),
                ("signature_close", call::signature_close(b)),
                ("signature_state_open", call::signature_state_open(b)),
                (
                    "signature_state_update",
                    call::signature_state_update(b, b"m"),
                ),
                ("signature_state_sign", call::signature_state_sign(b)),
                ("signature_state_close", call::signature_state_close(b)),
                (
                    "signature_verification_state_open",
                    call::verification_state_open(b),
                ),
                (
                    "signature_verification_state_update",
                    call::verification_state_update(b, b"m"),
                ),
                (
                    "signature_verification_state_verify",
                    call::verification_state_verify(b, b),
                ),
                (
                    "signature_verification_state_close",
                    call::verification_state_close(b),
                ),
                ("kx_dh", call::kx_dh(b, b)),
                ("kx_encapsulate", call::kx_encapsulate(b)),
                ("kx_decapsulate", call::kx_decapsulate(b, &[0; 768])),
            ];
            for (name, errno) in cases {
                ensure_errno(name, errno, INVALID_HANDLE)?;
            }
            Ok(())
        },
    );
    h.check(
        "a valid state with an invalid signature handle -> invalid_handle",
        || {
            let verifier = ed25519()?
                .public_key()
                .ctx("pk")?
                .verifier()
                .ctx("verifier")?;
            errno!(
                call::verification_state_verify(verifier.raw_handle(), BAD_HANDLE),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "closed handles -> invalid_handle on reuse and on a second close",
        || {
            let kp = ed25519()?;
            let pk = kp.public_key().ctx("pk")?.into_raw();
            let sk = kp.secret_key().ctx("sk")?.into_raw();
            let sig = kp.sign(b"m").ctx("sign")?.into_raw();
            let signer = kp.signer().ctx("signer")?;
            let kp = kp.into_raw();
            errno!(call::keypair_close(kp), SUCCESS)?;
            errno!(call::keypair_export(kp, 0), INVALID_HANDLE)?;
            errno!(call::keypair_close(kp), INVALID_HANDLE)?;
            errno!(call::publickey_close(pk), SUCCESS)?;
            errno!(call::publickey_export(pk, 0), INVALID_HANDLE)?;
            errno!(call::publickey_close(pk), INVALID_HANDLE)?;
            errno!(call::secretkey_close(sk), SUCCESS)?;
            errno!(call::secretkey_export(sk, 0), INVALID_HANDLE)?;
            errno!(call::secretkey_close(sk), INVALID_HANDLE)?;
            errno!(call::signature_close(sig), SUCCESS)?;
            errno!(call::signature_export(sig, 0), INVALID_HANDLE)?;
            errno!(call::signature_close(sig), INVALID_HANDLE)?;
            // The signer outlives its (closed) key pair.
            let mut signer = signer;
            signer
                .update(b"m")
                .ctx("update after the key pair was closed")?;
            signer.sign().ctx("sign after the key pair was closed")?;
            Ok(())
        },
    );
    h.check(
        "Debug output shows handles and algorithms, never key bytes",
        || {
            let kp = ed25519()?;
            let seed = kp
                .secret_key()
                .ctx("sk")?
                .export(SecretKeyEncoding::Raw)
                .ctx("export")?;
            let x = x25519()?;
            let x_sk = x.export(KeyPairEncoding::Raw).ctx("export")?;
            let texts = [
                format!("{kp:?}"),
                format!("{:?}", kp.secret_key().ctx("sk")?),
                format!("{:?}", kp.signer().ctx("signer")?),
                format!("{x:?}"),
                format!("{:?}", x.secret_key().ctx("sk")?),
            ];
            for text in &texts {
                ensure(
                    text.contains("handle") && text.contains("algorithm"),
                    format!("Debug: {text}"),
                )?;
                for secret in [hex(&seed), hex(&x_sk[32..])] {
                    ensure(
                        !text.contains(&secret),
                        format!("Debug shows the key: {text}"),
                    )?;
                }
                ensure(
                    !text.contains('['),
                    format!("Debug shows a byte array: {text}"),
                )?;
            }
            ensure(texts[0].starts_with("SignatureKeyPair"), texts[0].clone())
        },
    );
}
