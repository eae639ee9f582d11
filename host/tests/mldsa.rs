//! Host-direct tests of `ML-DSA-44`, `ML-DSA-65`, `ML-DSA-87` (FIPS 204): known answers, the
//! streaming of long messages, hedged and deterministic signing, every encoding, and the exact
//! `crypto_errno` of each bad input.
//!
//! Known answers: Wycheproof (C2SP/wycheproof `testvectors_v1/mldsa_{44,65,87}_sign_seed_test.json`,
//! schema `mldsa_sign_seed_schema.json`), group 1, tcId 1 "baseline": the seed 2a…2a, the message
//! "Hello world", the deterministic signature with the empty context. The public keys and
//! signatures are given by their SHA-256 (computed with Python `hashlib` from the file), the
//! PKCS#8 document (RFC 9881 seed form) in full.

use sha2::{Digest, Sha256};
use wasicrypt_host::{
    AlgorithmType, CryptoCtx, CryptoError, Handle, KeyPairEncoding, Limits, MlDsaSigning,
    PublicKeyEncoding, SecretKeyEncoding, SignatureEncoding,
};

mod common;
use common::{export_kp, export_pk, export_sk, pull_all, unhex};

const SIG: AlgorithmType = AlgorithmType::Signatures;

/// (algorithm, seed, SHA-256 of the public key, SHA-256 of the tcId 1 signature, public key
/// bytes, signature bytes, the PKCS#8 OID's last byte).
const KAT: [(&str, &str, &str, &str, usize, usize, u8); 3] = [
    (
        "ML-DSA-44",
        "2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a",
        "d87f8ca136ac1aa55e2d6c4521680efb3a378cbb9bc0bfb446e9c60893931ea3",
        "8cd6fc03daa72e87210a4e721523e84c14f27733789075e65736744d4787fdd5",
        1312,
        2420,
        0x11,
    ),
    (
        "ML-DSA-65",
        "2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a",
        "b7acce2ddb11f8cc1aa46e2bafac6eacfa2b732ef192bd636ad8d3a56d649c66",
        "39fbbb0d97a52c79844213b325af823a7f16a174e00a5b3daeb3e6e6d1c89681",
        1952,
        3309,
        0x12,
    ),
    (
        "ML-DSA-87",
        "2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a",
        "d43128fa8a8c785c1d44c9e7db538dbf9dd88fe6c8ad911a344bcec1017c6d54",
        "1ad45bd0419e694375bd38ec11d8e0c228ab9ffac2fce4adbe6218d9c949e293",
        2592,
        4627,
        0x13,
    ),
];

const ALGS: [&str; 3] = ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"];

fn deterministic() -> CryptoCtx {
    CryptoCtx::with_limits(Limits {
        ml_dsa_signing: MlDsaSigning::Deterministic,
        ..Limits::default()
    })
}

fn sha256(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Signs `chunks` (one `update` each) with `kp`; the raw signature.
fn sign(ctx: &mut CryptoCtx, kp: Handle, chunks: &[&[u8]]) -> Result<Vec<u8>, CryptoError> {
    let st = ctx.signature_state_open(kp)?;
    for chunk in chunks {
        ctx.signature_state_update(st, chunk)?;
    }
    let sig = ctx.signature_state_sign(st)?;
    ctx.signature_state_close(st)?;
    let out = ctx.signature_export(sig, SignatureEncoding::Raw)?;
    Ok(pull_all(ctx, out))
}

/// Verifies `sig` (raw) over `chunks` with `pk`.
fn verify(
    ctx: &mut CryptoCtx,
    alg: &str,
    pk: Handle,
    chunks: &[&[u8]],
    sig: &[u8],
) -> Result<(), CryptoError> {
    let sig = ctx.signature_import(alg, sig, SignatureEncoding::Raw)?;
    let st = ctx.signature_verification_state_open(pk)?;
    for chunk in chunks {
        ctx.signature_verification_state_update(st, chunk)?;
    }
    let r = ctx.signature_verification_state_verify(st, sig);
    ctx.signature_verification_state_close(st)?;
    r
}

/// The RFC 9881 PKCS#8 seed form for `seed` under `id-ml-dsa-*` ending in `oid_last`.
fn pkcs8_seed_form(oid_last: u8, seed: &[u8]) -> Vec<u8> {
    let mut der = unhex("3034020100300b06096086480165030403");
    der.extend_from_slice(&[oid_last, 0x04, 0x22, 0x80, 0x20]);
    der.extend_from_slice(seed);
    der
}

#[test]
fn wycheproof_baseline_deterministic_signatures() {
    let mut ctx = deterministic();
    for (alg, seed, pk_sha, sig_sha, pk_len, sig_len, oid) in KAT {
        let seed = unhex(seed);
        let kp = ctx
            .keypair_import(SIG, alg, &seed, KeyPairEncoding::Raw)
            .unwrap();
        let pk = ctx.keypair_publickey(kp).unwrap();
        let pk_raw = export_pk(&mut ctx, pk, PublicKeyEncoding::Raw);
        assert_eq!((pk_raw.len(), sha256(&pk_raw).as_str()), (pk_len, pk_sha));
        // The message in three updates gives the one-shot deterministic signature.
        let sig = sign(&mut ctx, kp, &[b"Hel", b"lo wo", b"rld"]).unwrap();
        assert_eq!(
            (sig.len(), sha256(&sig).as_str()),
            (sig_len, sig_sha),
            "{alg}"
        );
        assert_eq!(sign(&mut ctx, kp, &[b"Hello world"]).unwrap(), sig);
        verify(&mut ctx, alg, pk, &[b"Hello world"], &sig).unwrap();
        // RFC 9881 seed-form PKCS#8, exactly.
        let der = pkcs8_seed_form(oid, &seed);
        assert_eq!(export_kp(&mut ctx, kp, KeyPairEncoding::Pkcs8), der);
        let sk = ctx.keypair_secretkey(kp).unwrap();
        assert_eq!(export_sk(&mut ctx, sk, SecretKeyEncoding::Pkcs8), der);
        assert_eq!(export_sk(&mut ctx, sk, SecretKeyEncoding::Raw), seed);
        let again = ctx
            .keypair_import(SIG, alg, &der, KeyPairEncoding::Pkcs8)
            .unwrap();
        assert_eq!(export_kp(&mut ctx, again, KeyPairEncoding::Raw), seed);
    }
}

#[test]
fn hedged_signing_is_the_default_and_every_signature_verifies() {
    let mut ctx = CryptoCtx::new();
    for alg in ALGS {
        let kp = ctx.keypair_generate(SIG, alg, None).unwrap();
        let pk = ctx.keypair_publickey(kp).unwrap();
        let a = sign(&mut ctx, kp, &[b"message"]).unwrap();
        let b = sign(&mut ctx, kp, &[b"message"]).unwrap();
        assert_ne!(a, b, "{alg}: hedged signatures differ");
        for sig in [&a, &b] {
            verify(&mut ctx, alg, pk, &[b"mess", b"age"], sig).unwrap();
        }
        assert_eq!(
            verify(&mut ctx, alg, pk, &[b"massage"], &a),
            Err(CryptoError::VerificationFailed)
        );
    }
}

#[test]
fn a_state_keeps_absorbing_after_sign_and_long_messages_are_not_buffered() {
    // One byte of absorb budget: ML-DSA hashes as it goes and buffers nothing.
    let mut ctx = CryptoCtx::with_limits(Limits {
        ml_dsa_signing: MlDsaSigning::Deterministic,
        max_absorbed_bytes: 1,
        ..Limits::default()
    });
    let kp = ctx.keypair_generate(SIG, "ML-DSA-65", None).unwrap();
    let pk = ctx.keypair_publickey(kp).unwrap();
    let chunk = vec![0x5a; 1 << 20];
    let st = ctx.signature_state_open(kp).unwrap();
    ctx.signature_state_update(st, b"prefix").unwrap();
    let first = ctx.signature_state_sign(st).unwrap();
    for _ in 0..8 {
        ctx.signature_state_update(st, &chunk).unwrap();
    }
    let second = ctx.signature_state_sign(st).unwrap();
    let mut raw = |sig| {
        let out = ctx.signature_export(sig, SignatureEncoding::Raw).unwrap();
        pull_all(&mut ctx, out)
    };
    let (first, second) = (raw(first), raw(second));
    assert_eq!(first, sign(&mut ctx, kp, &[b"prefix"]).unwrap());
    let mut long: Vec<&[u8]> = vec![b"prefix"];
    long.extend(std::iter::repeat_n(chunk.as_slice(), 8));
    verify(&mut ctx, "ML-DSA-65", pk, &long, &second).unwrap();
    assert_ne!(first, second);
}

#[test]
fn encodings_round_trip_and_have_the_fips_204_sizes() {
    let mut ctx = CryptoCtx::new();
    for (alg, _, _, _, pk_len, sig_len, _) in KAT {
        let kp = ctx.keypair_generate(SIG, alg, None).unwrap();
        let seed = export_kp(&mut ctx, kp, KeyPairEncoding::Raw);
        assert_eq!(seed.len(), 32);
        let pk = ctx.keypair_publickey(kp).unwrap();
        let sk = ctx.keypair_secretkey(kp).unwrap();
        let pk_raw = export_pk(&mut ctx, pk, PublicKeyEncoding::Raw);
        assert_eq!(pk_raw.len(), pk_len);
        for enc in [PublicKeyEncoding::Pkcs8, PublicKeyEncoding::Pem] {
            let bytes = export_pk(&mut ctx, pk, enc);
            let back = ctx.publickey_import(SIG, alg, &bytes, enc).unwrap();
            assert_eq!(export_pk(&mut ctx, back, PublicKeyEncoding::Raw), pk_raw);
        }
        for enc in [SecretKeyEncoding::Pkcs8, SecretKeyEncoding::Pem] {
            let bytes = export_sk(&mut ctx, sk, enc);
            let back = ctx.secretkey_import(SIG, alg, &bytes, enc).unwrap();
            assert_eq!(export_sk(&mut ctx, back, SecretKeyEncoding::Raw), seed);
        }
        let pem = export_kp(&mut ctx, kp, KeyPairEncoding::Pem);
        assert!(pem.starts_with(b"-----BEGIN PRIVATE KEY-----\n"));
        let back = ctx
            .keypair_import(SIG, alg, &pem, KeyPairEncoding::Pem)
            .unwrap();
        assert_eq!(export_kp(&mut ctx, back, KeyPairEncoding::Raw), seed);
        // A key pair rebuilt from its halves signs what the public key verifies.
        let sk2 = ctx
            .secretkey_import(SIG, alg, &seed, SecretKeyEncoding::Raw)
            .unwrap();
        let derived = ctx.publickey_from_secretkey(sk2).unwrap();
        assert_eq!(export_pk(&mut ctx, derived, PublicKeyEncoding::Raw), pk_raw);
        let pair = ctx.keypair_from_pk_and_sk(pk, sk2).unwrap();
        let sig = sign(&mut ctx, pair, &[b"m"]).unwrap();
        assert_eq!(sig.len(), sig_len);
        verify(&mut ctx, alg, pk, &[b"m"], &sig).unwrap();
    }
}

#[test]
fn bad_keys_signatures_and_encodings_have_their_errnos() {
    let mut ctx = CryptoCtx::new();
    for (alg, _, _, _, pk_len, sig_len, oid) in KAT {
        for len in [0, 31, 33, 64, 2560, 4032, 4896] {
            assert_eq!(
                ctx.keypair_import(SIG, alg, &vec![7; len], KeyPairEncoding::Raw),
                Err(CryptoError::InvalidKey),
                "{alg} seed of {len} bytes"
            );
            assert_eq!(
                ctx.secretkey_import(SIG, alg, &vec![7; len], SecretKeyEncoding::Raw),
                Err(CryptoError::InvalidKey)
            );
        }
        for len in [0, pk_len - 1, pk_len + 1] {
            assert_eq!(
                ctx.publickey_import(SIG, alg, &vec![7; len], PublicKeyEncoding::Raw),
                Err(CryptoError::InvalidKey)
            );
        }
        // Another parameter set's OID, and the expandedKey choice (a bare OCTET STRING).
        let other_oid = pkcs8_seed_form(if oid == 0x11 { 0x12 } else { 0x11 }, &[7; 32]);
        assert_eq!(
            ctx.keypair_import(SIG, alg, &other_oid, KeyPairEncoding::Pkcs8),
            Err(CryptoError::InvalidKey)
        );
        let mut expanded = pkcs8_seed_form(oid, &[7; 32]);
        expanded[20] = 0x04;
        assert_eq!(
            ctx.secretkey_import(SIG, alg, &expanded, SecretKeyEncoding::Pkcs8),
            Err(CryptoError::InvalidKey)
        );
        for enc in [SecretKeyEncoding::Sec, SecretKeyEncoding::Local] {
            assert_eq!(
                ctx.secretkey_import(SIG, alg, &[7; 32], enc),
                Err(CryptoError::UnsupportedEncoding)
            );
        }
        assert_eq!(
            ctx.publickey_import(SIG, alg, &vec![7; pk_len], PublicKeyEncoding::Sec),
            Err(CryptoError::UnsupportedEncoding)
        );
        // Signatures: length, malformed hints, DER.
        for len in [0, sig_len - 1, sig_len + 1] {
            assert_eq!(
                ctx.signature_import(alg, &vec![0; len], SignatureEncoding::Raw),
                Err(CryptoError::InvalidSignature)
            );
        }
        let mut bad_hint = vec![0u8; sig_len];
        *bad_hint.last_mut().unwrap() = 0xff;
        assert_eq!(
            ctx.signature_import(alg, &bad_hint, SignatureEncoding::Raw),
            Err(CryptoError::InvalidSignature)
        );
        let kp = ctx.keypair_generate(SIG, alg, None).unwrap();
        let pk = ctx.keypair_publickey(kp).unwrap();
        let sig = sign(&mut ctx, kp, &[b"m"]).unwrap();
        assert_eq!(
            ctx.signature_import(alg, &sig, SignatureEncoding::Der),
            Err(CryptoError::UnsupportedEncoding)
        );
        let handle = ctx
            .signature_import(alg, &sig, SignatureEncoding::Raw)
            .unwrap();
        assert_eq!(
            ctx.signature_export(handle, SignatureEncoding::Der),
            Err(CryptoError::UnsupportedEncoding)
        );
        // A flipped bit of c̃ still decodes but does not verify.
        let mut tampered = sig.clone();
        tampered[0] ^= 1;
        assert_eq!(
            verify(&mut ctx, alg, pk, &[b"m"], &tampered),
            Err(CryptoError::VerificationFailed)
        );
        // Another key of the same set, another set, another family.
        let other = ctx.keypair_generate(SIG, alg, None).unwrap();
        let other_pk = ctx.keypair_publickey(other).unwrap();
        assert_eq!(
            verify(&mut ctx, alg, other_pk, &[b"m"], &sig),
            Err(CryptoError::VerificationFailed)
        );
        let sk = ctx.keypair_secretkey(kp).unwrap();
        assert_eq!(
            ctx.keypair_from_pk_and_sk(other_pk, sk),
            Err(CryptoError::InvalidKey)
        );
        let ed = ctx.keypair_generate(SIG, "Ed25519", None).unwrap();
        let ed_sig = sign(&mut ctx, ed, &[b"m"]).unwrap();
        let ed_sig = ctx
            .signature_import("Ed25519", &ed_sig, SignatureEncoding::Raw)
            .unwrap();
        let st = ctx.signature_verification_state_open(pk).unwrap();
        assert_eq!(
            ctx.signature_verification_state_verify(st, ed_sig),
            Err(CryptoError::InvalidSignature)
        );
        let ed_pk = ctx.keypair_publickey(ed).unwrap();
        assert_eq!(
            ctx.keypair_from_pk_and_sk(ed_pk, sk),
            Err(CryptoError::IncompatibleKeys)
        );
    }
    assert_eq!(
        ctx.keypair_generate(AlgorithmType::KeyExchange, "ML-DSA-44", None),
        Err(CryptoError::UnsupportedAlgorithm)
    );
}
