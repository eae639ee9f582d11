//! Host-direct tests of `X-WING` (draft-connolly-cfrg-xwing-kem): the draft's known answers, the
//! key and ciphertext shapes, implicit rejection, and the exact `crypto_errno` of each bad input.
//!
//! `data/xwing_test_vectors.json` is the draft's `spec/test-vectors.json`
//! (github.com/dconnolly/draft-connolly-cfrg-xwing-kem), as shipped in the `x-wing` 0.1.1 crate:
//! per vector the 32-byte secret key `sk`, the 1216-byte public key `pk`, a 1120-byte
//! ciphertext `ct` and its 32-byte shared secret `ss`.

use serde_json::Value;
use wasicrypt_host::{
    AlgorithmType, CryptoCtx, CryptoError, Handle, KeyPairEncoding, PublicKeyEncoding,
    SecretKeyEncoding,
};

mod common;
use common::{export_kp, export_pk, export_sk, pull_all, unhex};

const KX: AlgorithmType = AlgorithmType::KeyExchange;
const ALG: &str = "X-WING";

fn vectors() -> Vec<Value> {
    serde_json::from_str::<Value>(include_str!("data/xwing_test_vectors.json"))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn field(v: &Value, name: &str) -> Vec<u8> {
    unhex(v[name].as_str().unwrap())
}

fn encapsulate(ctx: &mut CryptoCtx, pk: Handle) -> Result<(Vec<u8>, Vec<u8>), CryptoError> {
    let (secret, ct) = ctx.kx_encapsulate(pk)?;
    Ok((pull_all(ctx, secret), pull_all(ctx, ct)))
}

fn decapsulate(ctx: &mut CryptoCtx, sk: Handle, ct: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let out = ctx.kx_decapsulate(sk, ct)?;
    Ok(pull_all(ctx, out))
}

#[test]
fn draft_vectors_public_key_and_decapsulation() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 3);
    let mut ctx = CryptoCtx::new();
    for v in &vectors {
        let (sk_raw, pk_raw, ct, ss) = (
            field(v, "sk"),
            field(v, "pk"),
            field(v, "ct"),
            field(v, "ss"),
        );
        // The secret key expands to the draft's public key, through each import path.
        let sk = ctx
            .secretkey_import(KX, ALG, &sk_raw, SecretKeyEncoding::Raw)
            .unwrap();
        let derived = ctx.publickey_from_secretkey(sk).unwrap();
        assert_eq!(export_pk(&mut ctx, derived, PublicKeyEncoding::Raw), pk_raw);
        let kp = ctx
            .keypair_import(KX, ALG, &sk_raw, KeyPairEncoding::Raw)
            .unwrap();
        let kp_pk = ctx.keypair_publickey(kp).unwrap();
        assert_eq!(export_pk(&mut ctx, kp_pk, PublicKeyEncoding::Raw), pk_raw);
        assert_eq!(export_kp(&mut ctx, kp, KeyPairEncoding::Raw), sk_raw);
        assert_eq!(export_sk(&mut ctx, sk, SecretKeyEncoding::Raw), sk_raw);
        // The draft's ciphertext decapsulates to its shared secret.
        assert_eq!(decapsulate(&mut ctx, sk, &ct).unwrap(), ss);
        // An encapsulation to the imported public key round-trips with the secret key.
        let pk = ctx
            .publickey_import(KX, ALG, &pk_raw, PublicKeyEncoding::Raw)
            .unwrap();
        ctx.publickey_verify(pk).unwrap();
        let (secret, fresh_ct) = encapsulate(&mut ctx, pk).unwrap();
        assert_eq!((secret.len(), fresh_ct.len()), (32, 1120));
        assert_ne!(fresh_ct, ct, "encapsulation is randomized");
        assert_eq!(decapsulate(&mut ctx, sk, &fresh_ct).unwrap(), secret);
        // The pair is consistent for keypair_from_pk_and_sk.
        ctx.keypair_from_pk_and_sk(pk, sk).unwrap();
    }
}

#[test]
fn generated_keys_have_the_draft_shapes_and_round_trip() {
    let mut ctx = CryptoCtx::new();
    let kp = ctx.keypair_generate(KX, "x-wing", None).unwrap();
    let seed = export_kp(&mut ctx, kp, KeyPairEncoding::Raw);
    assert_eq!(seed.len(), 32);
    let pk = ctx.keypair_publickey(kp).unwrap();
    let sk = ctx.keypair_secretkey(kp).unwrap();
    assert_eq!(export_pk(&mut ctx, pk, PublicKeyEncoding::Raw).len(), 1216);
    assert_eq!(export_sk(&mut ctx, sk, SecretKeyEncoding::Raw), seed);
    let (secret, ct) = encapsulate(&mut ctx, pk).unwrap();
    assert_eq!(decapsulate(&mut ctx, sk, &ct).unwrap(), secret);
    let other = ctx.keypair_generate(KX, ALG, None).unwrap();
    assert_ne!(export_kp(&mut ctx, other, KeyPairEncoding::Raw), seed);
}

#[test]
fn tampered_ciphertext_yields_a_different_secret_and_wrong_length_is_an_errno() {
    let mut ctx = CryptoCtx::new();
    let v = &vectors()[0];
    let sk = ctx
        .secretkey_import(KX, ALG, &field(v, "sk"), SecretKeyEncoding::Raw)
        .unwrap();
    let (ct, ss) = (field(v, "ct"), field(v, "ss"));
    // A flipped bit in either half (ML-KEM ciphertext, X25519 share) is implicit rejection.
    for at in [0, 1087, 1088, 1119] {
        let mut bad = ct.clone();
        bad[at] ^= 0x01;
        let got = decapsulate(&mut ctx, sk, &bad).unwrap();
        assert_eq!(got.len(), 32);
        assert_ne!(got, ss, "flip at {at}");
    }
    for len in [0, 1119, 1121, 1088] {
        let bad = vec![0u8; len];
        assert_eq!(
            decapsulate(&mut ctx, sk, &bad),
            Err(CryptoError::VerificationFailed),
            "{len}"
        );
    }
}

#[test]
fn bad_keys_encodings_and_operations_have_their_errnos() {
    let mut ctx = CryptoCtx::new();
    let v = &vectors()[0];
    let (sk_raw, pk_raw) = (field(v, "sk"), field(v, "pk"));
    for len in [0, 31, 33, 64] {
        assert_eq!(
            ctx.secretkey_import(KX, ALG, &vec![1; len], SecretKeyEncoding::Raw),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.keypair_import(KX, ALG, &vec![1; len], KeyPairEncoding::Raw),
            Err(CryptoError::InvalidKey)
        );
    }
    for len in [0, 1184, 1215, 1217] {
        assert_eq!(
            ctx.publickey_import(KX, ALG, &vec![1; len], PublicKeyEncoding::Raw),
            Err(CryptoError::InvalidKey)
        );
    }
    // An ML-KEM-768 coefficient ≥ q fails the FIPS 203 §7.2 modulus check.
    let mut bad_pk = pk_raw.clone();
    bad_pk[0] = 0xff;
    bad_pk[1] |= 0x0f;
    assert_eq!(
        ctx.publickey_import(KX, ALG, &bad_pk, PublicKeyEncoding::Raw),
        Err(CryptoError::InvalidKey)
    );
    for enc in [
        PublicKeyEncoding::Pkcs8,
        PublicKeyEncoding::Pem,
        PublicKeyEncoding::Sec,
    ] {
        assert_eq!(
            ctx.publickey_import(KX, ALG, &pk_raw, enc),
            Err(CryptoError::UnsupportedEncoding)
        );
    }
    for enc in [SecretKeyEncoding::Pkcs8, SecretKeyEncoding::Pem] {
        assert_eq!(
            ctx.secretkey_import(KX, ALG, &sk_raw, enc),
            Err(CryptoError::UnsupportedEncoding)
        );
    }
    let kp = ctx
        .keypair_import(KX, ALG, &sk_raw, KeyPairEncoding::Raw)
        .unwrap();
    assert_eq!(
        ctx.keypair_export(kp, KeyPairEncoding::Pkcs8),
        Err(CryptoError::UnsupportedEncoding)
    );
    let (pk, sk) = (
        ctx.keypair_publickey(kp).unwrap(),
        ctx.keypair_secretkey(kp).unwrap(),
    );
    // X-Wing is a KEM: no DH; keys of another KEM do not pair with it.
    assert_eq!(ctx.kx_dh(pk, sk), Err(CryptoError::InvalidOperation));
    let mlkem = ctx.keypair_generate(KX, "ML-KEM-768", None).unwrap();
    let mlkem_pk = ctx.keypair_publickey(mlkem).unwrap();
    assert_eq!(
        ctx.keypair_from_pk_and_sk(mlkem_pk, sk),
        Err(CryptoError::IncompatibleKeys)
    );
    let other = ctx.keypair_generate(KX, ALG, None).unwrap();
    let other_pk = ctx.keypair_publickey(other).unwrap();
    assert_eq!(
        ctx.keypair_from_pk_and_sk(other_pk, sk),
        Err(CryptoError::InvalidKey)
    );
    // Not a signature algorithm.
    assert_eq!(
        ctx.keypair_generate(AlgorithmType::Signatures, ALG, None),
        Err(CryptoError::UnsupportedAlgorithm)
    );
}
