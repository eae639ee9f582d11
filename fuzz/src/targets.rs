//! The fuzz targets' bodies: each takes arbitrary bytes and panics only on a host defect. Shared by
//! the cargo-fuzz binaries (`fuzz/fuzz_targets/`) and the stable corpus replay
//! (`host/tests/fuzz_corpus.rs`), which includes this file.
//!
//! - [`ctx_ops`]: sequences of proposal functions on one `CryptoCtx` with arbitrary arguments;
//!   invariants: no panic, the handle and memory limits hold, a closed handle is refused by a
//!   second close.
//! - [`abi`]: the wiggle-generated functions with an in-memory guest memory and arbitrary
//!   pointers, lengths and enum values: an errno or a trap, never a panic.
//! - [`imports`]: every `*_import` × algorithm × encoding on arbitrary bytes.
//! - [`differential`]: hashes, HMAC, AEADs and Ed25519 through `CryptoCtx` equal the RustCrypto
//!   crates called directly.

use arbitrary::{Result, Unstructured};
use wasicrypt_host::{
    AlgorithmType, CryptoCtx, CryptoError, Handle, KeyPairEncoding, Limits, PasswordHashLimits,
    PublicKeyEncoding, SecretKeyEncoding, SignatureEncoding,
};

/// Symmetric algorithm names, with a few near misses.
const SYMMETRIC: &[&str] = &[
    "SHA-256",
    "SHA-512",
    "SHA-512/256",
    "HMAC/SHA-256",
    "HMAC/SHA-512",
    "HKDF-EXTRACT/SHA-256",
    "HKDF-EXPAND/SHA-256",
    "HKDF-EXPAND/SHA-512",
    "AES-128-GCM",
    "AES-256-GCM",
    "CHACHA20-POLY1305",
    "XCHACHA20-POLY1305",
    "SHA3-256",
    "BLAKE2B-512",
    "SHAKE-128",
    "CSHAKE-256",
    "TURBOSHAKE-128",
    "BLAKE3",
    "HMAC/SHA3-256",
    "KMAC-128",
    "AES-128-CMAC",
    "AES-256-GCM-SIV",
    "AEGIS-128L",
    "AEGIS-256",
    "AES-128-CTR",
    "AES-256-CBC",
    "XOODYAK-128",
    "ARGON2-ID-13",
    "PBKDF2-HMAC/SHA-256",
    "sha-256",
    "AES-256-GCM ",
    "",
    "HMAC/SHA-1",
];

/// Asymmetric algorithm names with their type, and near misses.
const ASYMMETRIC: &[(AlgorithmType, &str)] = &[
    (AlgorithmType::Signatures, "Ed25519"),
    (AlgorithmType::Signatures, "ECDSA_P256_SHA256"),
    (AlgorithmType::Signatures, "ECDSA_K256_SHA256"),
    (AlgorithmType::Signatures, "ECDSA_P384_SHA384"),
    (AlgorithmType::Signatures, "RSA_PKCS1_2048_SHA256"),
    (AlgorithmType::Signatures, "RSA_PSS_2048_SHA256"),
    (AlgorithmType::Signatures, "ML-DSA-44"),
    (AlgorithmType::KeyExchange, "X25519"),
    (AlgorithmType::KeyExchange, "P256-SHA256"),
    (AlgorithmType::KeyExchange, "P384-SHA384"),
    (AlgorithmType::KeyExchange, "ML-KEM-512"),
    (AlgorithmType::KeyExchange, "ML-KEM-768"),
    (AlgorithmType::KeyExchange, "ML-KEM-1024"),
    (AlgorithmType::KeyExchange, "X-WING"),
    (AlgorithmType::Symmetric, "Ed25519"),
    (AlgorithmType::KeyExchange, "Ed25519"),
    (AlgorithmType::Signatures, "RSA_PSS_1024_SHA256"),
];

/// Option names, valid and not.
const OPTIONS: &[&str] = &[
    "nonce",
    "context",
    "salt",
    "NONCE",
    "memory_limit",
    "buffer",
    "",
];

/// A `*_close` function of the context.
type Close = fn(&mut CryptoCtx, Handle) -> std::result::Result<(), CryptoError>;

const BUDGET: usize = 4 << 20;
const MAX_HANDLES: usize = 64;

/// A context with small limits, so that sequences reach them.
fn small_ctx() -> CryptoCtx {
    CryptoCtx::with_limits(Limits {
        max_handles: MAX_HANDLES,
        max_memory_bytes: BUDGET,
        max_absorbed_bytes: 1 << 20,
        // Password hashes cheap enough for thousands of runs a second.
        password_hashing: PasswordHashLimits {
            max_argon2_memory_bytes: 256 << 10,
            max_argon2_passes: 2,
            max_argon2_lanes: 2,
            max_pbkdf2_iterations: 2000,
        },
        ..Limits::default()
    })
}

fn pick<'a, T>(u: &mut Unstructured<'_>, items: &'a [T]) -> Result<&'a T> {
    u.choose(items)
}

/// An algorithm name: usually from the list, sometimes arbitrary text.
fn name(u: &mut Unstructured<'_>, list: &[&str]) -> Result<String> {
    if u.ratio(1, 8)? {
        let len = u.int_in_range(0..=40)?;
        Ok(String::from_utf8_lossy(u.bytes(len)?).into_owned())
    } else {
        Ok(pick(u, list)?.to_string())
    }
}

fn bytes<'a>(u: &mut Unstructured<'a>, max: usize) -> Result<&'a [u8]> {
    let len = u.int_in_range(0..=max)?;
    u.bytes(len.min(u.len()))
}

fn alg_type(u: &mut Unstructured<'_>) -> Result<AlgorithmType> {
    Ok(*pick(
        u,
        &[
            AlgorithmType::Signatures,
            AlgorithmType::Symmetric,
            AlgorithmType::KeyExchange,
        ],
    )?)
}

/// The op-sequence target. See the module documentation.
pub fn ctx_ops(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let mut cx = small_ctx();
    // Handles the context returned (possibly closed since); arguments pick from them or not.
    let mut seen: Vec<Handle> = vec![0, 1, u32::MAX];
    for _ in 0..64 {
        if u.is_empty() {
            break;
        }
        let Ok(op) = step(&mut u, &mut cx, &mut seen) else {
            break;
        };
        assert!(cx.open_handles() <= MAX_HANDLES, "{op}: handle limit");
        assert!(cx.memory_in_use() <= BUDGET, "{op}: memory budget");
    }
}

fn step(
    u: &mut Unstructured<'_>,
    cx: &mut CryptoCtx,
    seen: &mut Vec<Handle>,
) -> Result<&'static str> {
    let h = |u: &mut Unstructured<'_>, seen: &[Handle]| -> Result<Handle> {
        if u.ratio(1, 16)? {
            u.arbitrary()
        } else {
            Ok(*u.choose(seen)?)
        }
    };
    fn keep(seen: &mut Vec<Handle>, r: std::result::Result<Handle, CryptoError>) {
        if let Ok(handle) = r {
            seen.push(handle);
        }
    }
    let op = u.int_in_range(0..=30)?;
    let name_of_op = match op {
        0 => {
            keep(seen, cx.options_open(alg_type(u)?));
            "options_open"
        }
        1 => {
            let o = h(u, seen)?;
            let n = name(u, OPTIONS)?;
            let v = bytes(u, 64)?;
            let _ = cx.options_set(o, &n, v);
            "options_set"
        }
        2 => {
            let o = h(u, seen)?;
            let n = name(u, OPTIONS)?;
            let _ = cx.options_set_u64(o, &n, u.arbitrary()?);
            "options_set_u64"
        }
        3 => {
            let n = name(u, SYMMETRIC)?;
            let o = if u.arbitrary()? {
                Some(h(u, seen)?)
            } else {
                None
            };
            keep(seen, cx.symmetric_key_generate(&n, o));
            "symmetric_key_generate"
        }
        4 => {
            let n = name(u, SYMMETRIC)?;
            let raw = bytes(u, 80)?;
            keep(seen, cx.symmetric_key_import(&n, raw));
            "symmetric_key_import"
        }
        5 => {
            keep(seen, cx.symmetric_key_export(h(u, seen)?));
            "symmetric_key_export"
        }
        6 => {
            let n = name(u, SYMMETRIC)?;
            let k = if u.arbitrary()? {
                Some(h(u, seen)?)
            } else {
                None
            };
            let o = if u.arbitrary()? {
                Some(h(u, seen)?)
            } else {
                None
            };
            keep(seen, cx.symmetric_state_open(&n, k, o));
            "symmetric_state_open"
        }
        7 => {
            let s = h(u, seen)?;
            let d = bytes(u, 300)?;
            let _ = cx.symmetric_state_absorb(s, d);
            "symmetric_state_absorb"
        }
        8 => {
            let s = h(u, seen)?;
            let mut out = vec![0; u.int_in_range(0..=100)?];
            let _ = cx.symmetric_state_squeeze(s, &mut out);
            "symmetric_state_squeeze"
        }
        9 => {
            keep(seen, cx.symmetric_state_squeeze_tag(h(u, seen)?));
            "symmetric_state_squeeze_tag"
        }
        10 => {
            let s = h(u, seen)?;
            let n = name(u, SYMMETRIC)?;
            keep(seen, cx.symmetric_state_squeeze_key(s, &n));
            "symmetric_state_squeeze_key"
        }
        11 => {
            let s = h(u, seen)?;
            let d = bytes(u, 200)?;
            let mut out = vec![0; u.int_in_range(0..=240)?];
            let _ = cx.symmetric_state_encrypt(s, &mut out, d);
            "symmetric_state_encrypt"
        }
        12 => {
            let s = h(u, seen)?;
            let d = bytes(u, 200)?;
            let mut out = vec![0; u.int_in_range(0..=240)?];
            keep(seen, cx.symmetric_state_encrypt_detached(s, &mut out, d));
            "symmetric_state_encrypt_detached"
        }
        13 => {
            let s = h(u, seen)?;
            let d = bytes(u, 200)?;
            let mut out = vec![0; u.int_in_range(0..=240)?];
            let _ = cx.symmetric_state_decrypt(s, &mut out, d);
            "symmetric_state_decrypt"
        }
        14 => {
            let s = h(u, seen)?;
            let d = bytes(u, 200)?;
            let t = bytes(u, 20)?;
            let mut out = vec![0; u.int_in_range(0..=240)?];
            let _ = cx.symmetric_state_decrypt_detached(s, &mut out, d, t);
            "symmetric_state_decrypt_detached"
        }
        15 => {
            keep(seen, cx.symmetric_state_clone(h(u, seen)?));
            "symmetric_state_clone"
        }
        16 => {
            let t = h(u, seen)?;
            let mut out = vec![0; u.int_in_range(0..=80)?];
            let _ = cx.symmetric_tag_pull(t, &mut out);
            let e = bytes(u, 70)?;
            let _ = cx.symmetric_tag_verify(t, e);
            "symmetric_tag_pull/verify"
        }
        17 => {
            let a = h(u, seen)?;
            let mut out = vec![0; u.int_in_range(0..=100)?];
            let _ = cx.array_output_len(a);
            let _ = cx.array_output_pull(a, &mut out);
            "array_output_pull"
        }
        18 => {
            // Cheap generations only: RSA takes seconds.
            let (t, n) = *pick(u, &ASYMMETRIC[..4])?;
            let (t, n) = if u.ratio(1, 2)? {
                (t, n)
            } else {
                *pick(u, &ASYMMETRIC[6..])?
            };
            let o = if u.ratio(1, 4)? {
                Some(h(u, seen)?)
            } else {
                None
            };
            keep(seen, cx.keypair_generate(t, n, o));
            "keypair_generate"
        }
        19 => {
            let kp = h(u, seen)?;
            keep(seen, cx.keypair_publickey(kp));
            keep(seen, cx.keypair_secretkey(kp));
            "keypair_publickey/secretkey"
        }
        20 => {
            let kp = h(u, seen)?;
            let e = *pick(
                u,
                &[
                    KeyPairEncoding::Raw,
                    KeyPairEncoding::Pkcs8,
                    KeyPairEncoding::Pem,
                    KeyPairEncoding::Local,
                ],
            )?;
            keep(seen, cx.keypair_export(kp, e));
            "keypair_export"
        }
        21 => {
            let pk = h(u, seen)?;
            let e = *pick(
                u,
                &[
                    PublicKeyEncoding::Raw,
                    PublicKeyEncoding::Pkcs8,
                    PublicKeyEncoding::Pem,
                    PublicKeyEncoding::Sec,
                    PublicKeyEncoding::Local,
                ],
            )?;
            keep(seen, cx.publickey_export(pk, e));
            let _ = cx.publickey_verify(pk);
            "publickey_export/verify"
        }
        22 => {
            let sk = h(u, seen)?;
            let e = *pick(
                u,
                &[
                    SecretKeyEncoding::Raw,
                    SecretKeyEncoding::Pkcs8,
                    SecretKeyEncoding::Pem,
                    SecretKeyEncoding::Sec,
                    SecretKeyEncoding::Local,
                ],
            )?;
            keep(seen, cx.secretkey_export(sk, e));
            keep(seen, cx.publickey_from_secretkey(sk));
            "secretkey_export"
        }
        23 => {
            let (pk, sk) = (h(u, seen)?, h(u, seen)?);
            keep(seen, cx.keypair_from_pk_and_sk(pk, sk));
            keep(seen, cx.kx_dh(pk, sk));
            "keypair_from_pk_and_sk/kx_dh"
        }
        24 => {
            let pk = h(u, seen)?;
            if let Ok((a, b)) = cx.kx_encapsulate(pk) {
                seen.extend([a, b]);
            }
            let sk = h(u, seen)?;
            let c = bytes(u, 1600)?;
            keep(seen, cx.kx_decapsulate(sk, c));
            "kx_encapsulate/decapsulate"
        }
        25 => {
            keep(seen, cx.signature_state_open(h(u, seen)?));
            keep(seen, cx.signature_verification_state_open(h(u, seen)?));
            "signature_*_state_open"
        }
        26 => {
            let s = h(u, seen)?;
            let d = bytes(u, 300)?;
            let _ = cx.signature_state_update(s, d);
            let _ = cx.signature_verification_state_update(s, d);
            keep(seen, cx.signature_state_sign(s));
            "signature_state_update/sign"
        }
        27 => {
            let (s, sig) = (h(u, seen)?, h(u, seen)?);
            let _ = cx.signature_verification_state_verify(s, sig);
            let e = *pick(u, &[SignatureEncoding::Raw, SignatureEncoding::Der])?;
            keep(seen, cx.signature_export(sig, e));
            "signature_verify/export"
        }
        28 => {
            let n = name(u, &ASYMMETRIC.iter().map(|(_, n)| *n).collect::<Vec<_>>())?;
            let d = bytes(u, 200)?;
            let e = *pick(u, &[SignatureEncoding::Raw, SignatureEncoding::Der])?;
            keep(seen, cx.signature_import(&n, d, e));
            "signature_import"
        }
        29 => {
            let hdl = h(u, seen)?;
            let closes: [Close; 11] = [
                CryptoCtx::options_close,
                CryptoCtx::symmetric_key_close,
                CryptoCtx::symmetric_state_close,
                CryptoCtx::symmetric_tag_close,
                CryptoCtx::keypair_close,
                CryptoCtx::publickey_close,
                CryptoCtx::secretkey_close,
                CryptoCtx::signature_state_close,
                CryptoCtx::signature_verification_state_close,
                CryptoCtx::signature_close,
                CryptoCtx::symmetric_state_close,
            ];
            let close = *pick(u, &closes)?;
            if close(cx, hdl).is_ok() {
                // The same close again is refused: the handle is gone.
                assert_eq!(
                    close(cx, hdl),
                    Err(CryptoError::InvalidHandle),
                    "double close"
                );
            }
            "close"
        }
        _ => {
            let s = h(u, seen)?;
            let _ = cx.symmetric_state_max_tag_len(s);
            let _ = cx.symmetric_state_ratchet(s);
            let n = name(u, OPTIONS)?;
            let _ = cx.symmetric_state_options_get(s, &n);
            let _ = cx.symmetric_state_options_get_u64(s, &n);
            "symmetric_state_*"
        }
    };
    Ok(name_of_op)
}

/// The ABI target. See the module documentation.
pub fn abi(data: &[u8]) {
    use wasicrypt_host::fuzzing::{IMPORTS, call};
    let mut u = Unstructured::new(data);
    let mut cx = small_ctx();
    let mut memory = vec![0u8; 4096];
    // Seed the memory with useful strings at fixed places.
    memory[0..7].copy_from_slice(b"SHA-256");
    memory[16..23].copy_from_slice(b"Ed25519");
    memory[32..43].copy_from_slice(b"AES-256-GCM");
    memory[64] = 1; // opt_* none
    for _ in 0..32 {
        let Ok(&(module, func, n)) = u.choose(IMPORTS) else {
            break;
        };
        let mut args = Vec::with_capacity(n);
        for _ in 0..n {
            let v: i64 = match u.int_in_range(0..=5).unwrap_or(0) {
                0 => 0,
                1 => u.int_in_range(0..=80).unwrap_or(0),
                2 => u.int_in_range(0..=4200).unwrap_or(0),
                3 => i64::from(u.arbitrary::<i32>().unwrap_or(0)),
                4 => u.arbitrary::<i64>().unwrap_or(0),
                _ => [0, 16, 32, 64, 128, 256, 1024][u.int_in_range(0..=6).unwrap_or(0)],
            };
            args.push(v);
        }
        let patch_len = u.int_in_range(0..=8).unwrap_or(0);
        if let Ok(patch) = u.bytes(patch_len) {
            let at = usize::from(u.arbitrary::<u16>().unwrap_or(0)) % (memory.len() - 8);
            memory[at..at + patch.len()].copy_from_slice(patch);
        }
        // An errno or a trap (an `Err`): either is fine; a panic is the defect.
        let _ = call(&mut cx, &mut memory, module, func, &args).expect("a listed import");
        assert!(cx.memory_in_use() <= BUDGET);
        assert!(cx.open_handles() <= MAX_HANDLES);
    }
}

/// The import target. See the module documentation.
pub fn imports(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let mut cx = small_ctx();
    let Ok(which) = u.int_in_range(0..=4u8) else {
        return;
    };
    let Ok(&(t, n)) = u.choose(ASYMMETRIC) else {
        return;
    };
    let Ok(sel) = u.int_in_range(0..=4u8) else {
        return;
    };
    let encoded = u.take_rest();
    let result = match which {
        0 => {
            let e = [
                KeyPairEncoding::Raw,
                KeyPairEncoding::Pkcs8,
                KeyPairEncoding::Pem,
                KeyPairEncoding::Local,
            ][usize::from(sel % 4)];
            cx.keypair_import(t, n, encoded, e)
        }
        1 => {
            let e = [
                PublicKeyEncoding::Raw,
                PublicKeyEncoding::Pkcs8,
                PublicKeyEncoding::Pem,
                PublicKeyEncoding::Sec,
                PublicKeyEncoding::Local,
            ][usize::from(sel)];
            cx.publickey_import(t, n, encoded, e)
        }
        2 => {
            let e = [
                SecretKeyEncoding::Raw,
                SecretKeyEncoding::Pkcs8,
                SecretKeyEncoding::Pem,
                SecretKeyEncoding::Sec,
                SecretKeyEncoding::Local,
            ][usize::from(sel)];
            cx.secretkey_import(t, n, encoded, e)
        }
        3 => {
            let e = [SignatureEncoding::Raw, SignatureEncoding::Der][usize::from(sel % 2)];
            cx.signature_import(n, encoded, e)
        }
        _ => cx.symmetric_key_import(SYMMETRIC[usize::from(sel) % SYMMETRIC.len()], encoded),
    };
    // Whatever parses must export again and be usable.
    if let Ok(h) = result {
        match which {
            0 => {
                let _ = cx
                    .keypair_publickey(h)
                    .expect("a key pair has a public key");
            }
            1 => {
                let _ = cx.publickey_verify(h);
            }
            _ => {}
        }
    }
}

/// The differential target. See the module documentation.
pub fn differential(data: &[u8]) {
    use aes_gcm::aead::{AeadInOut, KeyInit};
    use hmac::Mac;
    use sha2::Digest;

    let mut u = Unstructured::new(data);
    let mut cx = CryptoCtx::new();
    let Ok(which) = u.int_in_range(0..=4u8) else {
        return;
    };
    let Ok(key) = u.bytes(32) else { return };
    let Ok(nonce) = u.bytes(12) else { return };
    let Ok(split) = u.int_in_range(0..=64usize) else {
        return;
    };
    let rest = u.take_rest();
    let (ad, msg) = rest.split_at(split.min(rest.len()));
    match which {
        0 => {
            let st = cx.symmetric_state_open("SHA-256", None, None).unwrap();
            cx.symmetric_state_absorb(st, ad).unwrap();
            cx.symmetric_state_absorb(st, msg).unwrap();
            let mut out = [0; 32];
            cx.symmetric_state_squeeze(st, &mut out).unwrap();
            assert_eq!(out[..], sha2::Sha256::digest(rest)[..]);
        }
        1 => {
            let st = cx.symmetric_state_open("SHA-512", None, None).unwrap();
            cx.symmetric_state_absorb(st, rest).unwrap();
            let mut out = [0; 64];
            cx.symmetric_state_squeeze(st, &mut out).unwrap();
            assert_eq!(out[..], sha2::Sha512::digest(rest)[..]);
        }
        2 => {
            let k = cx.symmetric_key_import("HMAC/SHA-256", key).unwrap();
            let st = cx
                .symmetric_state_open("HMAC/SHA-256", Some(k), None)
                .unwrap();
            cx.symmetric_state_absorb(st, rest).unwrap();
            let tag = cx.symmetric_state_squeeze_tag(st).unwrap();
            let mut ours = [0; 32];
            cx.symmetric_tag_pull(tag, &mut ours).unwrap();
            let mut m = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key).unwrap();
            m.update(rest);
            assert_eq!(ours[..], m.finalize().into_bytes()[..]);
        }
        3 => {
            let (ours, theirs) =
                aead_both::<aes_gcm::Aes256Gcm>(&mut cx, "AES-256-GCM", key, nonce, ad, msg);
            assert_eq!(ours, theirs);
        }
        _ => {
            let (ours, theirs) = aead_both::<chacha20poly1305::ChaCha20Poly1305>(
                &mut cx,
                "CHACHA20-POLY1305",
                key,
                nonce,
                ad,
                msg,
            );
            assert_eq!(ours, theirs);
        }
    }

    /// (ciphertext ‖ tag through `CryptoCtx`, the same through the crate), and our decryption
    /// gives the message back.
    fn aead_both<C: KeyInit + AeadInOut>(
        cx: &mut CryptoCtx,
        alg: &str,
        key: &[u8],
        nonce: &[u8],
        ad: &[u8],
        msg: &[u8],
    ) -> (Vec<u8>, Vec<u8>) {
        let k = cx.symmetric_key_import(alg, key).unwrap();
        let o = cx.options_open(AlgorithmType::Symmetric).unwrap();
        cx.options_set(o, "nonce", nonce).unwrap();
        let st = cx.symmetric_state_open(alg, Some(k), Some(o)).unwrap();
        cx.symmetric_state_absorb(st, ad).unwrap();
        let mut ours = vec![0; msg.len() + 16];
        let n = cx.symmetric_state_encrypt(st, &mut ours, msg).unwrap();
        assert_eq!(n, ours.len());
        let cipher = C::new_from_slice(key).unwrap();
        let mut theirs = msg.to_vec();
        let tag = cipher
            .encrypt_inout_detached(nonce.try_into().unwrap(), ad, theirs.as_mut_slice().into())
            .unwrap();
        theirs.extend_from_slice(&tag);
        let dec = cx.symmetric_state_open(alg, Some(k), Some(o)).unwrap();
        cx.symmetric_state_absorb(dec, ad).unwrap();
        let mut back = vec![0; msg.len()];
        cx.symmetric_state_decrypt(dec, &mut back, &ours).unwrap();
        assert_eq!(back, msg);
        (ours, theirs)
    }
}
