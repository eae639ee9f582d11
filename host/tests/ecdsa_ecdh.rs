//! Host-direct tests of ECDSA (`ECDSA_P256_SHA256`, `ECDSA_P384_SHA384`, `ECDSA_K256_SHA256`) and
//! ECDH (`P256-SHA256`, `P384-SHA384`) through [`CryptoCtx`], without a wasm engine: known
//! answers, every encoding round trip, cross-checks against the `p256` / `p384` / `k256` crates,
//! and the exact `crypto_errno` of each bad input.
//!
//! Vectors (each re-checked with Python's `cryptography` 48 / OpenSSL before being written here):
//! - RFC 6979 §A.2.5 (P-256, SHA-256) and §A.2.6 (P-384, SHA-384), messages "sample" and "test":
//!   deterministic signatures r ‖ s and the public keys.
//! - RFC 5903 §8.1 (P-256) and §8.2 (P-384): ECDH shared x-coordinate and both public keys.
//! - secp256k1 with the RFC 6979 §A.2.5 scalar: OpenSSL's deterministic (RFC 6979) signatures,
//!   already low-S.
//! - PKCS#8, SEC 1 (`EC PRIVATE KEY`) and SPKI documents of those keys exported by OpenSSL.

use p256::elliptic_curve::Generate;
use p256::elliptic_curve::ff::PrimeField;
use p256::elliptic_curve::scalar::IsHigh;
use signature::{Signer, Verifier};
use wasicrypt_host::{
    AlgorithmType, CryptoCtx, CryptoError, Handle, KeyPairEncoding, Limits, PublicKeyEncoding,
    SecretKeyEncoding, SignatureEncoding,
};

mod common;
use common::{export_kp, export_pk, export_sk, pull_all, unhex};

const SIG: AlgorithmType = AlgorithmType::Signatures;
const KX: AlgorithmType = AlgorithmType::KeyExchange;

/// ECDSA algorithms and their field sizes in bytes.
const ECDSA: [(&str, usize); 3] = [
    ("ECDSA_P256_SHA256", 32),
    ("ECDSA_P384_SHA384", 48),
    ("ECDSA_K256_SHA256", 32),
];
/// ECDH algorithms and their field sizes in bytes.
const ECDH: [(&str, usize); 2] = [("P256-SHA256", 32), ("P384-SHA384", 48)];

const KP_ENCODINGS: [KeyPairEncoding; 3] = [
    KeyPairEncoding::Raw,
    KeyPairEncoding::Pkcs8,
    KeyPairEncoding::Pem,
];
const PK_ENCODINGS: [PublicKeyEncoding; 4] = [
    PublicKeyEncoding::Raw,
    PublicKeyEncoding::Sec,
    PublicKeyEncoding::Pkcs8,
    PublicKeyEncoding::Pem,
];
const SK_ENCODINGS: [SecretKeyEncoding; 4] = [
    SecretKeyEncoding::Raw,
    SecretKeyEncoding::Sec,
    SecretKeyEncoding::Pkcs8,
    SecretKeyEncoding::Pem,
];

// RFC 6979 §A.2.5: P-256 key.
const P256_X: &str = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
const P256_U: &str = "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6\
                      7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
// RFC 6979 §A.2.6: P-384 key.
const P384_X: &str = "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8\
                      96d5724e4c70a825f872c9ea60d2edf5";
const P384_U: &str = "04ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64\
                      def8f0ea9055866064a254515480bc138015d9b72d7d57244ea8ef9ac0c6218967\
                      08a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720";
// secp256k1 with the same scalar as P-256 above (OpenSSL).
const K256_U: &str = "042c8c31fc9f990c6b55e3865a184a4ce50e09481f2eaeb3e60ec1cea13a6ae645\
                      64b95e4fdb6948c0386e189b006a29f686769b011704275e4459822dc3328085";

// Curve orders n (FIPS 186-5 / SEC 2), checked with OpenSSL: (n - 1)·G = -G, n is refused.
const P256_N: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const P384_N: &str = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf\
                      581a0db248b0a77aecec196accc52973";
const K256_N: &str = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

/// The field size, one of the test keys (secret scalar, uncompressed public key) and the order
/// of the curve of an ECDSA algorithm.
fn curve_of(alg: &str) -> (usize, &'static str, &'static str, &'static str) {
    match alg {
        "ECDSA_P256_SHA256" | "P256-SHA256" => (32, P256_X, P256_U, P256_N),
        "ECDSA_P384_SHA384" | "P384-SHA384" => (48, P384_X, P384_U, P384_N),
        "ECDSA_K256_SHA256" => (32, P256_X, K256_U, K256_N),
        _ => panic!("unknown algorithm {alg}"),
    }
}

/// Signs `parts` (absorbed one `update` each) with key pair `kp`; the signature handle.
fn sign_parts(ctx: &mut CryptoCtx, kp: Handle, parts: &[&[u8]]) -> Handle {
    let st = ctx.signature_state_open(kp).unwrap();
    for part in parts {
        ctx.signature_state_update(st, part).unwrap();
    }
    let sig = ctx.signature_state_sign(st).unwrap();
    ctx.signature_state_close(st).unwrap();
    sig
}

fn sign(ctx: &mut CryptoCtx, kp: Handle, msg: &[u8]) -> Handle {
    sign_parts(ctx, kp, &[msg])
}

fn export_sig(ctx: &mut CryptoCtx, sig: Handle, encoding: SignatureEncoding) -> Vec<u8> {
    let out = ctx.signature_export(sig, encoding).unwrap();
    pull_all(ctx, out)
}

fn sign_raw(ctx: &mut CryptoCtx, kp: Handle, msg: &[u8]) -> Vec<u8> {
    let sig = sign(ctx, kp, msg);
    let raw = export_sig(ctx, sig, SignatureEncoding::Raw);
    ctx.signature_close(sig).unwrap();
    raw
}

/// Verifies signature handle `sig` over `msg` with public key `pk`.
fn verify(ctx: &mut CryptoCtx, pk: Handle, msg: &[u8], sig: Handle) -> Result<(), CryptoError> {
    let st = ctx.signature_verification_state_open(pk)?;
    ctx.signature_verification_state_update(st, msg)?;
    let r = ctx.signature_verification_state_verify(st, sig);
    ctx.signature_verification_state_close(st)?;
    r
}

/// Imports an encoded signature of `alg` and verifies it over `msg` with `pk`.
fn verify_encoded(
    ctx: &mut CryptoCtx,
    alg: &str,
    pk: Handle,
    msg: &[u8],
    encoded: &[u8],
    encoding: SignatureEncoding,
) -> Result<(), CryptoError> {
    let sig = ctx.signature_import(alg, encoded, encoding)?;
    let r = verify(ctx, pk, msg, sig);
    ctx.signature_close(sig)?;
    r
}

fn dh(ctx: &mut CryptoCtx, pk: Handle, sk: Handle) -> Result<Vec<u8>, CryptoError> {
    let out = ctx.kx_dh(pk, sk)?;
    Ok(pull_all(ctx, out))
}

// ---- (1) known answers ----

#[test]
fn rfc6979_a_2_5_p256_sha256_known_answers() {
    let mut ctx = CryptoCtx::new();
    let alg = "ECDSA_P256_SHA256";
    let kp = ctx
        .keypair_import(SIG, alg, &unhex(P256_X), KeyPairEncoding::Raw)
        .unwrap();
    let pk = ctx.keypair_publickey(kp).unwrap();
    assert_eq!(
        export_pk(&mut ctx, pk, PublicKeyEncoding::Raw),
        unhex(P256_U)
    );
    let cases: [(&[u8], &str); 2] = [
        (
            b"sample",
            "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716\
             f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8",
        ),
        (
            b"test",
            "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367\
             019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083",
        ),
    ];
    for (msg, want) in cases {
        let raw = sign_raw(&mut ctx, kp, msg);
        assert_eq!(hex::encode(&raw), want);
        // The published signature verifies with the published public key.
        let pk2 = ctx
            .publickey_import(SIG, alg, &unhex(P256_U), PublicKeyEncoding::Sec)
            .unwrap();
        verify_encoded(
            &mut ctx,
            alg,
            pk2,
            msg,
            &unhex(want),
            SignatureEncoding::Raw,
        )
        .unwrap();
    }
}

#[test]
fn rfc6979_a_2_6_p384_sha384_known_answers() {
    let mut ctx = CryptoCtx::new();
    let alg = "ECDSA_P384_SHA384";
    let kp = ctx
        .keypair_import(SIG, alg, &unhex(P384_X), KeyPairEncoding::Raw)
        .unwrap();
    let pk = ctx.keypair_publickey(kp).unwrap();
    assert_eq!(
        export_pk(&mut ctx, pk, PublicKeyEncoding::Sec),
        unhex(P384_U)
    );
    let cases: [(&[u8], &str); 2] = [
        (
            b"sample",
            "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c\
             81a648152e44acf96e36dd1e80fabe46\
             99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94f\
             a329c145786e679e7b82c71a38628ac8",
        ),
        (
            b"test",
            "8203b63d3c853e8d77227fb377bcf7b7b772e97892a80f36ab775d509d7a5feb\
             0542a7f0812998da8f1dd3ca3cf023db\
             ddd0760448d42d8a43af45af836fce4de8be06b485e9b61b827c2f13173923e0\
             6a739f040649a667bf3b828246baa5a5",
        ),
    ];
    for (msg, want) in cases {
        let raw = sign_raw(&mut ctx, kp, msg);
        assert_eq!(raw.len(), 96);
        assert_eq!(hex::encode(&raw), want);
        verify_encoded(&mut ctx, alg, pk, msg, &unhex(want), SignatureEncoding::Raw).unwrap();
    }
}

#[test]
fn secp256k1_rfc6979_known_answers_openssl() {
    let mut ctx = CryptoCtx::new();
    let alg = "ECDSA_K256_SHA256";
    let kp = ctx
        .keypair_import(SIG, alg, &unhex(P256_X), KeyPairEncoding::Raw)
        .unwrap();
    let pk = ctx.keypair_publickey(kp).unwrap();
    assert_eq!(
        export_pk(&mut ctx, pk, PublicKeyEncoding::Raw),
        unhex(K256_U)
    );
    let cases: [(&[u8], &str); 2] = [
        (
            b"sample",
            "432310e32cb80eb6503a26ce83cc165c783b870845fb8aad6d970889fcd7a6c8\
             530128b6b81c548874a6305d93ed071ca6e05074d85863d4056ce89b02bfab69",
        ),
        (
            b"test",
            "f2adcea7139057be6409855ee96d008e0e5b5f532333ec17448e26a36f47bcb2\
             570c9d342779b40f513c0d75cbf93e3f3de7b01f6593f17bfc2ee87151414d64",
        ),
    ];
    for (msg, want) in cases {
        assert_eq!(hex::encode(sign_raw(&mut ctx, kp, msg)), want);
    }
}

#[test]
fn signature_states_stream_and_stay_usable() {
    let mut ctx = CryptoCtx::new();
    for (alg, _) in ECDSA {
        let kp = ctx.keypair_generate(SIG, alg, None).unwrap();
        let pk = ctx.keypair_publickey(kp).unwrap();
        // Deterministic nonces: one update or many gives the same signature.
        let whole = sign_raw(&mut ctx, kp, b"hello, world");
        let sig = sign_parts(&mut ctx, kp, &[b"hel", b"", b"lo, ", b"world"]);
        assert_eq!(
            export_sig(&mut ctx, sig, SignatureEncoding::Raw),
            whole,
            "{alg}"
        );
        // The verification state streams too.
        let st = ctx.signature_verification_state_open(pk).unwrap();
        for part in [&b"hello"[..], b", ", b"world"] {
            ctx.signature_verification_state_update(st, part).unwrap();
        }
        ctx.signature_verification_state_verify(st, sig).unwrap();
        // Signing does not end the state: absorbing more signs the longer message.
        let st = ctx.signature_state_open(kp).unwrap();
        ctx.signature_state_update(st, b"hello, ").unwrap();
        let first = ctx.signature_state_sign(st).unwrap();
        ctx.signature_state_update(st, b"world").unwrap();
        let second = ctx.signature_state_sign(st).unwrap();
        verify(&mut ctx, pk, b"hello, ", first).unwrap();
        assert_eq!(
            export_sig(&mut ctx, second, SignatureEncoding::Raw),
            whole,
            "{alg}"
        );
        // Key pairs and keys can be closed while states built from them live on.
        let st = ctx.signature_state_open(kp).unwrap();
        ctx.keypair_close(kp).unwrap();
        ctx.signature_state_update(st, b"hello, world").unwrap();
        let third = ctx.signature_state_sign(st).unwrap();
        assert_eq!(
            export_sig(&mut ctx, third, SignatureEncoding::Raw),
            whole,
            "{alg}"
        );
    }
}

#[test]
fn ecdh_rfc5903_section_8_known_answers() {
    // (algorithm, i, g^i uncompressed, r, g^r uncompressed, g^ir x-coordinate)
    let cases = [
        (
            "P256-SHA256",
            "c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433",
            "04dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180\
             5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3",
            "c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53",
            "04d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63\
             56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab",
            "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de",
        ),
        (
            "P384-SHA384",
            "099f3c7034d4a2c699884d73a375a67f7624ef7c6b3c0f160647b67414dce655\
             e35b538041e649ee3faef896783ab194",
            "04667842d7d180ac2cde6f74f37551f55755c7645c20ef73e31634fe72b4c55ee6\
             de3ac808acb4bdb4c88732aee95f41aa9482ed1fc0eeb9cafc4984625ccfc23f\
             65032149e0e144ada024181535a0f38eeb9fcff3c2c947dae69b4c634573a81c",
            "41cb0779b4bdb85d47846725fbec3c9430fab46cc8dc5060855cc9bda0aa2942\
             e0308312916b8ed2960e4bd55a7448fc",
            "04e558dbef53eecde3d3fccfc1aea08a89a987475d12fd950d83cfa41732bc509d\
             0d1ac43a0336def96fda41d0774a3571dcfbec7aacf3196472169e838430367f\
             66eebe3c6e70c416dd5f0c68759dd1fff83fa40142209dff5eaad96db9e6386c",
            "11187331c279962d93d604243fd592cb9d0a926f422e47187521287e7156c5c4\
             d603135569b9e9d09cf5d4a270f59746",
        ),
    ];
    let mut ctx = CryptoCtx::new();
    for (alg, i, gi, r, gr, gir) in cases {
        let si = ctx
            .secretkey_import(KX, alg, &unhex(i), SecretKeyEncoding::Raw)
            .unwrap();
        let sr = ctx
            .secretkey_import(KX, alg, &unhex(r), SecretKeyEncoding::Raw)
            .unwrap();
        let pi = ctx.publickey_from_secretkey(si).unwrap();
        let pr = ctx.publickey_from_secretkey(sr).unwrap();
        assert_eq!(
            export_pk(&mut ctx, pi, PublicKeyEncoding::Sec),
            unhex(gi),
            "{alg}"
        );
        assert_eq!(
            export_pk(&mut ctx, pr, PublicKeyEncoding::Sec),
            unhex(gr),
            "{alg}"
        );
        // Both directions give the published x-coordinate, also with imported public keys.
        assert_eq!(dh(&mut ctx, pr, si).unwrap(), unhex(gir), "{alg}");
        assert_eq!(dh(&mut ctx, pi, sr).unwrap(), unhex(gir), "{alg}");
        let gr_pk = ctx
            .publickey_import(KX, alg, &unhex(gr), PublicKeyEncoding::Raw)
            .unwrap();
        ctx.publickey_verify(gr_pk).unwrap();
        assert_eq!(dh(&mut ctx, gr_pk, si).unwrap(), unhex(gir), "{alg}");
    }
}

// ---- (3) round trips ----

#[test]
fn ecdsa_round_trips_every_encoding() {
    let mut ctx = CryptoCtx::new();
    let msg = b"round trip";
    for (alg, field) in ECDSA {
        let kp = ctx.keypair_generate(SIG, alg, None).unwrap();
        let pk = ctx.keypair_publickey(kp).unwrap();
        let sk = ctx.keypair_secretkey(kp).unwrap();
        let sig = sign(&mut ctx, kp, msg);
        assert_eq!(
            export_sig(&mut ctx, sig, SignatureEncoding::Raw).len(),
            2 * field,
            "{alg}"
        );

        for enc in KP_ENCODINGS {
            let bytes = export_kp(&mut ctx, kp, enc);
            if enc == KeyPairEncoding::Raw {
                assert_eq!(bytes.len(), field, "{alg}");
            }
            let kp2 = ctx.keypair_import(SIG, alg, &bytes, enc).unwrap();
            assert_eq!(export_kp(&mut ctx, kp2, enc), bytes, "{alg} {enc:?}");
            let sig2 = sign(&mut ctx, kp2, msg);
            verify(&mut ctx, pk, msg, sig2).unwrap();
        }
        for enc in PK_ENCODINGS {
            let bytes = export_pk(&mut ctx, pk, enc);
            let pk2 = ctx.publickey_import(SIG, alg, &bytes, enc).unwrap();
            ctx.publickey_verify(pk2).unwrap();
            assert_eq!(export_pk(&mut ctx, pk2, enc), bytes, "{alg} {enc:?}");
            verify(&mut ctx, pk2, msg, sig).unwrap();
        }
        for enc in SK_ENCODINGS {
            let bytes = export_sk(&mut ctx, sk, enc);
            let sk2 = ctx.secretkey_import(SIG, alg, &bytes, enc).unwrap();
            assert_eq!(export_sk(&mut ctx, sk2, enc), bytes, "{alg} {enc:?}");
            let kp2 = ctx.keypair_from_pk_and_sk(pk, sk2).unwrap();
            let sig2 = sign(&mut ctx, kp2, msg);
            let pk2 = ctx.publickey_from_secretkey(sk2).unwrap();
            verify(&mut ctx, pk2, msg, sig2).unwrap();
        }
        // Uncompressed raw/sec: 04 ‖ x ‖ y. A compressed point imports as the same key.
        let sec = export_pk(&mut ctx, pk, PublicKeyEncoding::Sec);
        assert_eq!(sec.len(), 1 + 2 * field);
        assert_eq!(sec[0], 4);
        let mut compressed = sec[..1 + field].to_vec();
        compressed[0] = 2 | (sec[2 * field] & 1);
        for enc in [PublicKeyEncoding::Sec, PublicKeyEncoding::Raw] {
            let pk3 = ctx.publickey_import(SIG, alg, &compressed, enc).unwrap();
            assert_eq!(
                export_pk(&mut ctx, pk3, PublicKeyEncoding::Sec),
                sec,
                "{alg}"
            );
            verify(&mut ctx, pk3, msg, sig).unwrap();
        }
        // PEM labels.
        let pem = String::from_utf8(export_pk(&mut ctx, pk, PublicKeyEncoding::Pem)).unwrap();
        assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{pem}");
        let pem = String::from_utf8(export_sk(&mut ctx, sk, SecretKeyEncoding::Pem)).unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        // Key pair raw = secret key raw.
        assert_eq!(
            export_kp(&mut ctx, kp, KeyPairEncoding::Raw),
            export_sk(&mut ctx, sk, SecretKeyEncoding::Raw)
        );
        // Signature encodings: raw → der → raw.
        let raw = export_sig(&mut ctx, sig, SignatureEncoding::Raw);
        let der = export_sig(&mut ctx, sig, SignatureEncoding::Der);
        assert_eq!(der[0], 0x30);
        let sig_der = ctx
            .signature_import(alg, &der, SignatureEncoding::Der)
            .unwrap();
        assert_eq!(
            export_sig(&mut ctx, sig_der, SignatureEncoding::Raw),
            raw,
            "{alg}"
        );
        assert_eq!(
            export_sig(&mut ctx, sig_der, SignatureEncoding::Der),
            der,
            "{alg}"
        );
        verify(&mut ctx, pk, msg, sig_der).unwrap();
        // Names are case-insensitive.
        let lower = alg.to_ascii_lowercase();
        verify_encoded(&mut ctx, &lower, pk, msg, &raw, SignatureEncoding::Raw).unwrap();
    }
}

#[test]
fn ecdh_round_trips_every_encoding() {
    let mut ctx = CryptoCtx::new();
    for (alg, field) in ECDH {
        let a = ctx.keypair_generate(KX, alg, None).unwrap();
        let b = ctx.keypair_generate(KX, alg, None).unwrap();
        let (a_pk, a_sk) = (
            ctx.keypair_publickey(a).unwrap(),
            ctx.keypair_secretkey(a).unwrap(),
        );
        let (b_pk, b_sk) = (
            ctx.keypair_publickey(b).unwrap(),
            ctx.keypair_secretkey(b).unwrap(),
        );
        let shared = dh(&mut ctx, b_pk, a_sk).unwrap();
        assert_eq!(shared.len(), field, "{alg}");
        assert_eq!(dh(&mut ctx, a_pk, b_sk).unwrap(), shared, "{alg}");

        for enc in KP_ENCODINGS {
            let bytes = export_kp(&mut ctx, a, enc);
            let a2 = ctx.keypair_import(KX, alg, &bytes, enc).unwrap();
            assert_eq!(export_kp(&mut ctx, a2, enc), bytes, "{alg} {enc:?}");
            let a2_sk = ctx.keypair_secretkey(a2).unwrap();
            assert_eq!(dh(&mut ctx, b_pk, a2_sk).unwrap(), shared, "{alg} {enc:?}");
        }
        for enc in PK_ENCODINGS {
            let bytes = export_pk(&mut ctx, a_pk, enc);
            let a_pk2 = ctx.publickey_import(KX, alg, &bytes, enc).unwrap();
            ctx.publickey_verify(a_pk2).unwrap();
            assert_eq!(export_pk(&mut ctx, a_pk2, enc), bytes, "{alg} {enc:?}");
            assert_eq!(dh(&mut ctx, a_pk2, b_sk).unwrap(), shared, "{alg} {enc:?}");
        }
        for enc in SK_ENCODINGS {
            let bytes = export_sk(&mut ctx, a_sk, enc);
            let a_sk2 = ctx.secretkey_import(KX, alg, &bytes, enc).unwrap();
            assert_eq!(export_sk(&mut ctx, a_sk2, enc), bytes, "{alg} {enc:?}");
            assert_eq!(dh(&mut ctx, b_pk, a_sk2).unwrap(), shared, "{alg} {enc:?}");
            let kp = ctx.keypair_from_pk_and_sk(a_pk, a_sk2).unwrap();
            assert_eq!(export_kp(&mut ctx, kp, KeyPairEncoding::Raw).len(), field);
        }
        // Compressed SEC import.
        let sec = export_pk(&mut ctx, a_pk, PublicKeyEncoding::Sec);
        let mut compressed = sec[..1 + field].to_vec();
        compressed[0] = 2 | (sec[2 * field] & 1);
        let a_pk3 = ctx
            .publickey_import(KX, alg, &compressed, PublicKeyEncoding::Sec)
            .unwrap();
        assert_eq!(dh(&mut ctx, a_pk3, b_sk).unwrap(), shared, "{alg}");
    }
}

#[test]
fn keys_move_between_ecdsa_and_ecdh_on_the_same_curve() {
    let mut ctx = CryptoCtx::new();
    for (sig_alg, kx_alg) in [
        ("ECDSA_P256_SHA256", "P256-SHA256"),
        ("ECDSA_P384_SHA384", "P384-SHA384"),
    ] {
        let kp = ctx.keypair_generate(SIG, sig_alg, None).unwrap();
        let pkcs8 = export_kp(&mut ctx, kp, KeyPairEncoding::Pkcs8);
        let kx = ctx
            .keypair_import(KX, kx_alg, &pkcs8, KeyPairEncoding::Pkcs8)
            .unwrap();
        assert_eq!(export_kp(&mut ctx, kx, KeyPairEncoding::Pkcs8), pkcs8);
        let pk = ctx.keypair_publickey(kp).unwrap();
        let spki = export_pk(&mut ctx, pk, PublicKeyEncoding::Pkcs8);
        let kx_pk = ctx.keypair_publickey(kx).unwrap();
        assert_eq!(export_pk(&mut ctx, kx_pk, PublicKeyEncoding::Pkcs8), spki);
    }
}

#[test]
fn openssl_documents_import() {
    // (algorithm, PKCS#8 DER, SEC 1 DER, SEC 1 PEM, SPKI DER, SPKI PEM, compressed point), all
    // made by OpenSSL from the keys above.
    let cases = [
        (
            "ECDSA_P256_SHA256",
            "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420c9afa9d845ba\
             75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721a1440342000460fed4ba255a9d31c961\
             eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c\
             2d7e9f5177a3c294d4462299",
            "30770201010420c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721a00a06\
             082a8648ce3d030107a1440342000460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce66962\
             2e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
            "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIMmvqdhFunUWa1whV2ex1pNOUMPbNuibEnuKYisSD2choAoGCCqGSM49\n\
             AwEHoUQDQgAEYP7UuiVanTHJYet0xjVtaMBJuJI7Yfps5mliLmDyn7Z5A/4QCLi8\n\
             maQa6elWKLxk8vGyDC1+n1F3o8KU1EYimQ==\n-----END EC PRIVATE KEY-----\n",
            "3059301306072a8648ce3d020106082a8648ce3d0301070342000460fed4ba255a9d31c961eb74c6356d\
             68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177\
             a3c294d4462299",
            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYP7UuiVanTHJYet0xjVtaMBJuJI7\n\
             Yfps5mliLmDyn7Z5A/4QCLi8maQa6elWKLxk8vGyDC1+n1F3o8KU1EYimQ==\n-----END PUBLIC KEY-----\n",
            "0360fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
        ),
        (
            "ECDSA_P384_SHA384",
            "3081b6020100301006072a8648ce3d020106052b8104002204819e30819b02010104306b9d3dad2e1b8c\
             1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2edf5a1\
             6403620004ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea90\
             55866064a254515480bc138015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9d\
             b1288b231c3ae0d4fe7344fd2533264720",
            "3081a402010104306b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5\
             724e4c70a825f872c9ea60d2edf5a00706052b81040022a16403620004ec3a4e415b4e19a4568618029f\
             427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea9055866064a254515480bc138015d9b72d7d57\
             244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720",
            "-----BEGIN EC PRIVATE KEY-----\nMIGkAgEBBDBrnT2tLhuMHAWxmHW2ZZ9N4jw7Znvyl7qapHdAeHE32JbVck5McKgl\n\
             +HLJ6mDS7fWgBwYFK4EEACKhZANiAATsOk5BW04ZpFaGGAKfQn+l2pqLxK6S4C4G\n\
             quUoazAMZN748OqQVYZgZKJUUVSAvBOAFdm3LX1XJE6o75rAxiGJZwilk2f537n1\n\
             TKhLPxydsSiLIxw64NT+c0T9JTMmRyA=\n-----END EC PRIVATE KEY-----\n",
            "3076301006072a8648ce3d020106052b8104002203620004ec3a4e415b4e19a4568618029f427fa5da9a\
             8bc4ae92e02e06aae5286b300c64def8f0ea9055866064a254515480bc138015d9b72d7d57244ea8ef9a\
             c0c621896708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720",
            "-----BEGIN PUBLIC KEY-----\nMHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE7DpOQVtOGaRWhhgCn0J/pdqai8SukuAu\n\
             BqrlKGswDGTe+PDqkFWGYGSiVFFUgLwTgBXZty19VyROqO+awMYhiWcIpZNn+d+5\n\
             9UyoSz8cnbEoiyMcOuDU/nNE/SUzJkcg\n-----END PUBLIC KEY-----\n",
            "02ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea9055866064\
             a254515480bc13",
        ),
        (
            "ECDSA_K256_SHA256",
            "308184020100301006072a8648ce3d020106052b8104000a046d306b0201010420c9afa9d845ba75166b\
             5c215767b1d6934e50c3db36e89b127b8a622b120f6721a144034200042c8c31fc9f990c6b55e3865a18\
             4a4ce50e09481f2eaeb3e60ec1cea13a6ae64564b95e4fdb6948c0386e189b006a29f686769b01170427\
             5e4459822dc3328085",
            "30740201010420c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721a00706\
             052b8104000aa144034200042c8c31fc9f990c6b55e3865a184a4ce50e09481f2eaeb3e60ec1cea13a6a\
             e64564b95e4fdb6948c0386e189b006a29f686769b011704275e4459822dc3328085",
            "-----BEGIN EC PRIVATE KEY-----\nMHQCAQEEIMmvqdhFunUWa1whV2ex1pNOUMPbNuibEnuKYisSD2choAcGBSuBBAAK\n\
             oUQDQgAELIwx/J+ZDGtV44ZaGEpM5Q4JSB8urrPmDsHOoTpq5kVkuV5P22lIwDhu\n\
             GJsAain2hnabARcEJ15EWYItwzKAhQ==\n-----END EC PRIVATE KEY-----\n",
            "3056301006072a8648ce3d020106052b8104000a034200042c8c31fc9f990c6b55e3865a184a4ce50e09\
             481f2eaeb3e60ec1cea13a6ae64564b95e4fdb6948c0386e189b006a29f686769b011704275e4459822d\
             c3328085",
            "-----BEGIN PUBLIC KEY-----\nMFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAELIwx/J+ZDGtV44ZaGEpM5Q4JSB8urrPm\n\
             DsHOoTpq5kVkuV5P22lIwDhuGJsAain2hnabARcEJ15EWYItwzKAhQ==\n-----END PUBLIC KEY-----\n",
            "032c8c31fc9f990c6b55e3865a184a4ce50e09481f2eaeb3e60ec1cea13a6ae645",
        ),
    ];
    let mut ctx = CryptoCtx::new();
    for (alg, pkcs8, sec1, sec1_pem, spki, spki_pem, compressed) in cases {
        let (_, x, u, _) = curve_of(alg);
        let sks = [
            ctx.secretkey_import(SIG, alg, &unhex(pkcs8), SecretKeyEncoding::Pkcs8)
                .unwrap(),
            ctx.secretkey_import(SIG, alg, &unhex(sec1), SecretKeyEncoding::Sec)
                .unwrap(),
            // PEM import takes a SEC 1 `EC PRIVATE KEY` block as well as PKCS#8.
            ctx.secretkey_import(SIG, alg, sec1_pem.as_bytes(), SecretKeyEncoding::Pem)
                .unwrap(),
        ];
        for sk in sks {
            assert_eq!(
                export_sk(&mut ctx, sk, SecretKeyEncoding::Raw),
                unhex(x),
                "{alg}"
            );
        }
        let kps = [
            ctx.keypair_import(SIG, alg, &unhex(pkcs8), KeyPairEncoding::Pkcs8)
                .unwrap(),
            ctx.keypair_import(SIG, alg, sec1_pem.as_bytes(), KeyPairEncoding::Pem)
                .unwrap(),
        ];
        for kp in kps {
            assert_eq!(
                export_kp(&mut ctx, kp, KeyPairEncoding::Raw),
                unhex(x),
                "{alg}"
            );
        }
        // Our SEC 1 export is byte-identical to OpenSSL's (named curve and public key included).
        assert_eq!(
            export_sk(&mut ctx, sks[0], SecretKeyEncoding::Sec),
            unhex(sec1),
            "{alg}"
        );
        let pks = [
            ctx.publickey_import(SIG, alg, &unhex(spki), PublicKeyEncoding::Pkcs8)
                .unwrap(),
            ctx.publickey_import(SIG, alg, spki_pem.as_bytes(), PublicKeyEncoding::Pem)
                .unwrap(),
            ctx.publickey_import(SIG, alg, &unhex(compressed), PublicKeyEncoding::Sec)
                .unwrap(),
        ];
        for pk in pks {
            assert_eq!(
                export_pk(&mut ctx, pk, PublicKeyEncoding::Raw),
                unhex(u),
                "{alg}"
            );
            assert_eq!(
                export_pk(&mut ctx, pk, PublicKeyEncoding::Pkcs8),
                unhex(spki),
                "{alg}"
            );
            assert_eq!(
                export_pk(&mut ctx, pk, PublicKeyEncoding::Pem),
                spki_pem.as_bytes(),
                "{alg}"
            );
        }
    }
}

// ---- (4) cross-checks with the RustCrypto crates called directly ----

/// Signs with the host and verifies with the crate; signs with the crate (and its high-S twin)
/// and verifies with the host.
macro_rules! ecdsa_cross_check {
    ($name:ident, $alg:literal, $krate:ident) => {
        #[test]
        fn $name() {
            use $krate::ecdsa::{Signature, SigningKey, VerifyingKey};
            let mut ctx = CryptoCtx::new();
            let msg = b"cross-check message";
            for _ in 0..4 {
                let kp = ctx.keypair_generate(SIG, $alg, None).unwrap();
                let pk = ctx.keypair_publickey(kp).unwrap();
                let sec = export_pk(&mut ctx, pk, PublicKeyEncoding::Sec);
                let x = export_kp(&mut ctx, kp, KeyPairEncoding::Raw);

                // Host → crate, raw and DER.
                let sig = sign(&mut ctx, kp, msg);
                let raw = export_sig(&mut ctx, sig, SignatureEncoding::Raw);
                let der = export_sig(&mut ctx, sig, SignatureEncoding::Der);
                let vk = VerifyingKey::from_sec1_bytes(&sec).unwrap();
                let crate_sig = Signature::from_slice(&raw).unwrap();
                vk.verify(msg, &crate_sig).unwrap();
                assert_eq!(crate_sig.to_der().as_bytes(), &der[..]);
                assert!(vk.verify(b"other message", &crate_sig).is_err());

                // Crate → host, raw and DER.
                let signer = SigningKey::from_slice(&x).unwrap();
                let theirs: Signature = signer.sign(msg);
                assert_eq!(theirs.to_bytes().as_slice(), &raw[..], "both use RFC 6979");
                let theirs_der = theirs.to_der();
                verify_encoded(
                    &mut ctx,
                    $alg,
                    pk,
                    msg,
                    theirs_der.as_bytes(),
                    SignatureEncoding::Der,
                )
                .unwrap();

                // The high-S twin (r, n - s) is accepted by the host on every curve.
                let (r, s) = theirs.split_scalars();
                let high = Signature::from_scalars(r.to_repr(), (-*s).to_repr()).unwrap();
                let (low, high) = if bool::from(theirs.s().is_high()) {
                    (high, theirs)
                } else {
                    (theirs, high)
                };
                for sig in [low, high] {
                    verify_encoded(
                        &mut ctx,
                        $alg,
                        pk,
                        msg,
                        &sig.to_bytes(),
                        SignatureEncoding::Raw,
                    )
                    .unwrap();
                    let r = verify_encoded(
                        &mut ctx,
                        $alg,
                        pk,
                        b"x",
                        &sig.to_bytes(),
                        SignatureEncoding::Raw,
                    );
                    assert_eq!(r, Err(CryptoError::VerificationFailed));
                }
                // Only the crate's own verifier for secp256k1 insists on low-S.
                let crate_high = vk.verify(msg, &high);
                assert_eq!(crate_high.is_ok(), $alg != "ECDSA_K256_SHA256");
            }
        }
    };
}

ecdsa_cross_check!(p256_cross_check_with_crate, "ECDSA_P256_SHA256", p256);
ecdsa_cross_check!(p384_cross_check_with_crate, "ECDSA_P384_SHA384", p384);
ecdsa_cross_check!(k256_cross_check_with_crate, "ECDSA_K256_SHA256", k256);

#[test]
fn ecdh_cross_check_with_crates() {
    let mut ctx = CryptoCtx::new();
    for _ in 0..4 {
        // P-256
        let kp = ctx.keypair_generate(KX, "P256-SHA256", None).unwrap();
        let (pk, sk) = (
            ctx.keypair_publickey(kp).unwrap(),
            ctx.keypair_secretkey(kp).unwrap(),
        );
        let theirs = p256::SecretKey::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
        let their_pk = theirs.public_key();
        let their_sec = p256::elliptic_curve::sec1::ToSec1Point::to_sec1_point(&their_pk, false);
        let their_handle = ctx
            .publickey_import(
                KX,
                "P256-SHA256",
                their_sec.as_bytes(),
                PublicKeyEncoding::Sec,
            )
            .unwrap();
        let ours = dh(&mut ctx, their_handle, sk).unwrap();
        let our_pk =
            p256::PublicKey::from_sec1_bytes(&export_pk(&mut ctx, pk, PublicKeyEncoding::Sec))
                .unwrap();
        assert_eq!(
            theirs.diffie_hellman(&our_pk).raw_secret_bytes().as_slice(),
            &ours[..]
        );
        let our_sk =
            p256::SecretKey::from_slice(&export_sk(&mut ctx, sk, SecretKeyEncoding::Raw)).unwrap();
        assert_eq!(
            our_sk
                .diffie_hellman(&their_pk)
                .raw_secret_bytes()
                .as_slice(),
            &ours[..]
        );

        // P-384
        let kp = ctx.keypair_generate(KX, "P384-SHA384", None).unwrap();
        let (pk, sk) = (
            ctx.keypair_publickey(kp).unwrap(),
            ctx.keypair_secretkey(kp).unwrap(),
        );
        let theirs = p384::SecretKey::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
        let their_pk = theirs.public_key();
        let their_sec = p384::elliptic_curve::sec1::ToSec1Point::to_sec1_point(&their_pk, true);
        let their_handle = ctx
            .publickey_import(
                KX,
                "P384-SHA384",
                their_sec.as_bytes(),
                PublicKeyEncoding::Sec,
            )
            .unwrap();
        let ours = dh(&mut ctx, their_handle, sk).unwrap();
        let our_pk =
            p384::PublicKey::from_sec1_bytes(&export_pk(&mut ctx, pk, PublicKeyEncoding::Sec))
                .unwrap();
        assert_eq!(
            theirs.diffie_hellman(&our_pk).raw_secret_bytes().as_slice(),
            &ours[..]
        );
    }
}

// ---- (5) exact errno for bad input ----

#[test]
fn bad_keys_are_invalid_key() {
    let mut ctx = CryptoCtx::new();
    let garbage: &[&[u8]] = &[
        b"",
        b"\x00",
        b"garbage bytes",
        &[0x04; 65],
        &[0x30, 0x03, 0x02, 0x01, 0x01],
        &[0xff; 200],
    ];
    let all = ECDSA
        .iter()
        .map(|&(a, f)| (SIG, a, f))
        .chain(ECDH.iter().map(|&(a, f)| (KX, a, f)));
    for (ty, alg, field) in all {
        for bytes in garbage {
            for enc in KP_ENCODINGS {
                assert_eq!(
                    ctx.keypair_import(ty, alg, bytes, enc),
                    Err(CryptoError::InvalidKey),
                    "{alg} {enc:?}"
                );
            }
            for enc in PK_ENCODINGS {
                assert_eq!(
                    ctx.publickey_import(ty, alg, bytes, enc),
                    Err(CryptoError::InvalidKey),
                    "{alg} {enc:?}"
                );
            }
            for enc in SK_ENCODINGS {
                assert_eq!(
                    ctx.secretkey_import(ty, alg, bytes, enc),
                    Err(CryptoError::InvalidKey),
                    "{alg} {enc:?}"
                );
            }
        }
        let (_, x, u, n) = curve_of(alg);
        let n = unhex(n);
        // Scalars: zero, n, all-ones (≥ n), wrong length → invalid_key; n - 1 is fine.
        let mut n_minus_1 = n.clone();
        *n_minus_1.last_mut().unwrap() -= 1;
        ctx.secretkey_import(ty, alg, &n_minus_1, SecretKeyEncoding::Raw)
            .unwrap();
        ctx.keypair_import(ty, alg, &n_minus_1, KeyPairEncoding::Raw)
            .unwrap();
        let short = &unhex(x)[1..];
        let mut long = unhex(x);
        long.insert(0, 0);
        for bad in [
            vec![0; field],
            n.clone(),
            vec![0xff; field],
            short.to_vec(),
            long,
        ] {
            assert_eq!(
                ctx.secretkey_import(ty, alg, &bad, SecretKeyEncoding::Raw),
                Err(CryptoError::InvalidKey)
            );
            assert_eq!(
                ctx.keypair_import(ty, alg, &bad, KeyPairEncoding::Raw),
                Err(CryptoError::InvalidKey)
            );
        }
        // Points: identity (00), off-curve (y + 1), x ≥ p, a compressed x with no square root,
        // truncated or extended encodings, unknown prefixes.
        let u = unhex(u);
        let mut off_curve = u.clone();
        *off_curve.last_mut().unwrap() ^= 1;
        let mut big_x = vec![0xff; 1 + 2 * field];
        big_x[0] = 4;
        let mut compressed = u[..1 + field].to_vec();
        compressed[0] = 7;
        let mut extended = u.clone();
        extended.push(0);
        // 02 ‖ x where x³ + ax + b has no square root mod p (x = 1 on P-256 and P-384, x = 0 on
        // secp256k1; checked with OpenSSL, which refuses them too).
        let mut no_root = vec![0u8; 1 + field];
        no_root[0] = 2;
        if alg != "ECDSA_K256_SHA256" {
            no_root[field] = 1;
        }
        for bad in [
            vec![0u8],
            off_curve,
            big_x,
            compressed,
            no_root,
            u[..u.len() - 1].to_vec(),
            extended,
        ] {
            for enc in [PublicKeyEncoding::Raw, PublicKeyEncoding::Sec] {
                assert_eq!(
                    ctx.publickey_import(ty, alg, &bad, enc),
                    Err(CryptoError::InvalidKey),
                    "{alg} {bad:02x?}"
                );
            }
        }
        // Non-UTF-8 PEM.
        assert_eq!(
            ctx.publickey_import(ty, alg, &[0xff, 0xfe], PublicKeyEncoding::Pem),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.secretkey_import(ty, alg, &[0xff, 0xfe], SecretKeyEncoding::Pem),
            Err(CryptoError::InvalidKey)
        );
    }
}

#[test]
fn identity_and_off_curve_points_are_invalid_key_specific() {
    let mut ctx = CryptoCtx::new();
    // The SEC 1 identity (a single zero byte) and the uncompressed all-zero "point".
    for (ty, alg, field) in [
        (SIG, "ECDSA_P256_SHA256", 32),
        (KX, "P256-SHA256", 32),
        (KX, "P384-SHA384", 48),
    ] {
        assert_eq!(
            ctx.publickey_import(ty, alg, &[0], PublicKeyEncoding::Sec),
            Err(CryptoError::InvalidKey)
        );
        let mut zero = vec![0; 1 + 2 * field];
        zero[0] = 4;
        assert_eq!(
            ctx.publickey_import(ty, alg, &zero, PublicKeyEncoding::Raw),
            Err(CryptoError::InvalidKey)
        );
    }
    // A SPKI carrying the identity.
    let mut spki = unhex(
        "3059301306072a8648ce3d020106082a8648ce3d0301070342000460fed4ba255a9d31c961eb74c6356d\
         68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177\
         a3c294d4462299",
    );
    let point = spki.len() - 65;
    spki[point..].fill(0);
    spki[point] = 4;
    assert_eq!(
        ctx.publickey_import(KX, "P256-SHA256", &spki, PublicKeyEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );
}

#[test]
fn keys_of_another_curve_or_mismatched_halves_are_invalid_key() {
    let mut ctx = CryptoCtx::new();
    // PKCS#8 / SPKI / SEC 1 of P-384 given as P-256 and the reverse.
    for (from, to) in [
        ("ECDSA_P384_SHA384", "ECDSA_P256_SHA256"),
        ("ECDSA_P256_SHA256", "ECDSA_P384_SHA384"),
        ("ECDSA_P256_SHA256", "ECDSA_K256_SHA256"),
    ] {
        let kp = ctx.keypair_generate(SIG, from, None).unwrap();
        let (pk, sk) = (
            ctx.keypair_publickey(kp).unwrap(),
            ctx.keypair_secretkey(kp).unwrap(),
        );
        for enc in [KeyPairEncoding::Pkcs8, KeyPairEncoding::Pem] {
            let bytes = export_kp(&mut ctx, kp, enc);
            assert_eq!(
                ctx.keypair_import(SIG, to, &bytes, enc),
                Err(CryptoError::InvalidKey),
                "{from}→{to}"
            );
        }
        for enc in [
            SecretKeyEncoding::Pkcs8,
            SecretKeyEncoding::Pem,
            SecretKeyEncoding::Sec,
        ] {
            let bytes = export_sk(&mut ctx, sk, enc);
            assert_eq!(
                ctx.secretkey_import(SIG, to, &bytes, enc),
                Err(CryptoError::InvalidKey),
                "{from}→{to} {enc:?}"
            );
        }
        for enc in [PublicKeyEncoding::Pkcs8, PublicKeyEncoding::Pem] {
            let bytes = export_pk(&mut ctx, pk, enc);
            assert_eq!(
                ctx.publickey_import(SIG, to, &bytes, enc),
                Err(CryptoError::InvalidKey),
                "{from}→{to} {enc:?}"
            );
        }
    }
    // A SEC 1 / PKCS#8 document whose embedded public key is another key's.
    for (ty, alg) in [(SIG, "ECDSA_P256_SHA256"), (KX, "P384-SHA384")] {
        let a = ctx.keypair_generate(ty, alg, None).unwrap();
        let b = ctx.keypair_generate(ty, alg, None).unwrap();
        let a_sk = ctx.keypair_secretkey(a).unwrap();
        let b_pk = ctx.keypair_publickey(b).unwrap();
        let b_point = export_pk(&mut ctx, b_pk, PublicKeyEncoding::Sec);
        for enc in [SecretKeyEncoding::Sec, SecretKeyEncoding::Pkcs8] {
            let mut doc = export_sk(&mut ctx, a_sk, enc);
            let at = doc.len() - b_point.len();
            doc[at..].copy_from_slice(&b_point);
            assert_eq!(
                ctx.secretkey_import(ty, alg, &doc, enc),
                Err(CryptoError::InvalidKey),
                "{alg} {enc:?}"
            );
        }
        // keypair_from_pk_and_sk with someone else's public key.
        assert_eq!(
            ctx.keypair_from_pk_and_sk(b_pk, a_sk),
            Err(CryptoError::InvalidKey),
            "{alg}"
        );
    }
}

#[test]
fn local_encoding_is_unsupported() {
    let mut ctx = CryptoCtx::new();
    let all = ECDSA
        .iter()
        .map(|&(a, _)| (SIG, a))
        .chain(ECDH.iter().map(|&(a, _)| (KX, a)));
    for (ty, alg) in all {
        let kp = ctx.keypair_generate(ty, alg, None).unwrap();
        let (pk, sk) = (
            ctx.keypair_publickey(kp).unwrap(),
            ctx.keypair_secretkey(kp).unwrap(),
        );
        let e = Err(CryptoError::UnsupportedEncoding);
        assert_eq!(ctx.keypair_export(kp, KeyPairEncoding::Local), e);
        assert_eq!(ctx.publickey_export(pk, PublicKeyEncoding::Local), e);
        assert_eq!(ctx.secretkey_export(sk, SecretKeyEncoding::Local), e);
        let raw = export_kp(&mut ctx, kp, KeyPairEncoding::Raw);
        assert_eq!(ctx.keypair_import(ty, alg, &raw, KeyPairEncoding::Local), e);
        assert_eq!(
            ctx.secretkey_import(ty, alg, &raw, SecretKeyEncoding::Local),
            e
        );
        let sec = export_pk(&mut ctx, pk, PublicKeyEncoding::Sec);
        assert_eq!(
            ctx.publickey_import(ty, alg, &sec, PublicKeyEncoding::Local),
            e
        );
    }
}

#[test]
fn bad_signatures_are_invalid_signature() {
    let mut ctx = CryptoCtx::new();
    for (alg, field) in ECDSA {
        let (_, _, _, n) = curve_of(alg);
        let n = unhex(n);
        let kp = ctx.keypair_generate(SIG, alg, None).unwrap();
        let raw = sign_raw(&mut ctx, kp, b"msg");
        let (r, s) = raw.split_at(field);
        let e = Err(CryptoError::InvalidSignature);
        // Wrong lengths.
        for len in [0, 1, field, 2 * field - 1, 2 * field + 1, 4 * field] {
            let bytes = vec![1; len];
            assert_eq!(
                ctx.signature_import(alg, &bytes, SignatureEncoding::Raw),
                e,
                "{alg} len {len}"
            );
        }
        // r or s zero or ≥ n.
        let zero = vec![0; field];
        let ones = vec![0xff; field];
        for (r, s) in [
            (&zero[..], s),
            (r, &zero[..]),
            (&n[..], s),
            (r, &n[..]),
            (&ones[..], s),
            (r, &ones[..]),
        ] {
            let bytes = [r, s].concat();
            assert_eq!(
                ctx.signature_import(alg, &bytes, SignatureEncoding::Raw),
                e,
                "{alg}"
            );
        }
        // DER: garbage, trailing bytes, truncated, r = 0, raw bytes given as DER.
        let der = {
            let sig = ctx
                .signature_import(alg, &raw, SignatureEncoding::Raw)
                .unwrap();
            export_sig(&mut ctx, sig, SignatureEncoding::Der)
        };
        let mut trailing = der.clone();
        trailing.push(0);
        let bad_ders: [&[u8]; 11] = [
            b"",
            b"not der",
            &trailing,
            &der[..der.len() - 1],
            // r = 0.
            &[0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01],
            // r with a superfluous leading zero (BER, not DER).
            &[0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01],
            // r negative.
            &[0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01],
            // Long-form length where the short form fits.
            &[0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
            // Wrong tags: SET instead of SEQUENCE, OCTET STRING instead of INTEGER.
            &[0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
            &[0x30, 0x06, 0x04, 0x01, 0x01, 0x02, 0x01, 0x01],
            &raw,
        ];
        for bytes in bad_ders {
            assert_eq!(
                ctx.signature_import(alg, bytes, SignatureEncoding::Der),
                e,
                "{alg} {bytes:02x?}"
            );
        }
        // An oversized DER with r = n.
        let mut big = vec![0x30, 0, 0x02, (field + 1) as u8, 0];
        big.extend_from_slice(&n);
        big.extend_from_slice(&[0x02, 0x01, 0x01]);
        big[1] = (big.len() - 2) as u8;
        assert_eq!(
            ctx.signature_import(alg, &big, SignatureEncoding::Der),
            e,
            "{alg}"
        );
        // A small but valid DER (r = s = 1) imports (and then fails to verify).
        let tiny = ctx
            .signature_import(
                alg,
                &[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
                SignatureEncoding::Der,
            )
            .unwrap();
        let pk = ctx.keypair_publickey(kp).unwrap();
        assert_eq!(
            verify(&mut ctx, pk, b"msg", tiny),
            Err(CryptoError::VerificationFailed)
        );
    }
}

#[test]
fn verification_failures_and_wrong_algorithms() {
    let mut ctx = CryptoCtx::new();
    let p256 = ctx
        .keypair_generate(SIG, "ECDSA_P256_SHA256", None)
        .unwrap();
    let p256_pk = ctx.keypair_publickey(p256).unwrap();
    let k256 = ctx
        .keypair_generate(SIG, "ECDSA_K256_SHA256", None)
        .unwrap();
    let p384 = ctx
        .keypair_generate(SIG, "ECDSA_P384_SHA384", None)
        .unwrap();
    let sig = sign(&mut ctx, p256, b"message");
    // Tampered message, tampered signature, another key → verification_failed.
    assert_eq!(
        verify(&mut ctx, p256_pk, b"messagE", sig),
        Err(CryptoError::VerificationFailed)
    );
    assert_eq!(
        verify(&mut ctx, p256_pk, b"", sig),
        Err(CryptoError::VerificationFailed)
    );
    let mut raw = export_sig(&mut ctx, sig, SignatureEncoding::Raw);
    raw[40] ^= 0x01;
    assert_eq!(
        verify_encoded(
            &mut ctx,
            "ECDSA_P256_SHA256",
            p256_pk,
            b"message",
            &raw,
            SignatureEncoding::Raw
        ),
        Err(CryptoError::VerificationFailed)
    );
    let other = ctx
        .keypair_generate(SIG, "ECDSA_P256_SHA256", None)
        .unwrap();
    let other_pk = ctx.keypair_publickey(other).unwrap();
    assert_eq!(
        verify(&mut ctx, other_pk, b"message", sig),
        Err(CryptoError::VerificationFailed)
    );
    verify(&mut ctx, p256_pk, b"message", sig).unwrap();
    // A signature of another algorithm (same length on secp256k1) → invalid_signature.
    for kp in [k256, p384] {
        let foreign = sign(&mut ctx, kp, b"message");
        assert_eq!(
            verify(&mut ctx, p256_pk, b"message", foreign),
            Err(CryptoError::InvalidSignature)
        );
    }
    // The same bytes imported under the right name verify, under another name they do not.
    let raw = export_sig(&mut ctx, sig, SignatureEncoding::Raw);
    let as_k256 = ctx
        .signature_import("ECDSA_K256_SHA256", &raw, SignatureEncoding::Raw)
        .unwrap();
    assert_eq!(
        verify(&mut ctx, p256_pk, b"message", as_k256),
        Err(CryptoError::InvalidSignature)
    );
}

#[test]
fn wrong_handles_and_operations() {
    let mut ctx = CryptoCtx::new();
    let kp = ctx
        .keypair_generate(SIG, "ECDSA_P256_SHA256", None)
        .unwrap();
    let pk = ctx.keypair_publickey(kp).unwrap();
    let sk = ctx.keypair_secretkey(kp).unwrap();
    let sign_state = ctx.signature_state_open(kp).unwrap();
    ctx.signature_state_update(sign_state, b"m").unwrap();
    let sig = ctx.signature_state_sign(sign_state).unwrap();
    let e = Some(CryptoError::InvalidHandle);
    // A signing state is not a verification state (nor a signature), and the reverse.
    assert_eq!(
        ctx.signature_verification_state_update(sign_state, b"m")
            .err(),
        e
    );
    assert_eq!(
        ctx.signature_verification_state_verify(sign_state, sig)
            .err(),
        e
    );
    assert_eq!(ctx.signature_verification_state_close(sign_state).err(), e);
    let verify_state = ctx.signature_verification_state_open(pk).unwrap();
    assert_eq!(
        ctx.signature_verification_state_verify(verify_state, sign_state)
            .err(),
        e
    );
    assert_eq!(ctx.signature_state_update(verify_state, b"m").err(), e);
    assert_eq!(ctx.signature_state_sign(verify_state).err(), e);
    // Keys of the wrong kind.
    assert_eq!(ctx.signature_state_open(pk).err(), e);
    assert_eq!(ctx.signature_state_open(sk).err(), e);
    assert_eq!(ctx.signature_verification_state_open(kp).err(), e);
    // The sign state still works after all that.
    ctx.signature_verification_state_update(verify_state, b"m")
        .unwrap();
    ctx.signature_verification_state_verify(verify_state, sig)
        .unwrap();

    // ECDH keys: no signature states, no KEM.
    let kx = ctx.keypair_generate(KX, "P256-SHA256", None).unwrap();
    let kx_pk = ctx.keypair_publickey(kx).unwrap();
    let kx_sk = ctx.keypair_secretkey(kx).unwrap();
    assert_eq!(ctx.signature_state_open(kx).err(), e);
    assert_eq!(ctx.signature_verification_state_open(kx_pk).err(), e);
    assert_eq!(
        ctx.kx_encapsulate(kx_pk),
        Err(CryptoError::InvalidOperation)
    );
    assert_eq!(
        ctx.kx_decapsulate(kx_sk, &[0; 65]),
        Err(CryptoError::InvalidOperation)
    );
    // ECDSA keys cannot do DH.
    assert_eq!(ctx.kx_dh(pk, sk), Err(CryptoError::InvalidOperation));
    assert_eq!(ctx.kx_encapsulate(pk), Err(CryptoError::InvalidOperation));
}

#[test]
fn mixing_curves_and_families_is_incompatible_keys() {
    let mut ctx = CryptoCtx::new();
    let p256 = ctx.keypair_generate(KX, "P256-SHA256", None).unwrap();
    let p384 = ctx.keypair_generate(KX, "P384-SHA384", None).unwrap();
    let ecdsa = ctx
        .keypair_generate(SIG, "ECDSA_P256_SHA256", None)
        .unwrap();
    let (p256_pk, p256_sk) = (
        ctx.keypair_publickey(p256).unwrap(),
        ctx.keypair_secretkey(p256).unwrap(),
    );
    let (p384_pk, p384_sk) = (
        ctx.keypair_publickey(p384).unwrap(),
        ctx.keypair_secretkey(p384).unwrap(),
    );
    let (ecdsa_pk, ecdsa_sk) = (
        ctx.keypair_publickey(ecdsa).unwrap(),
        ctx.keypair_secretkey(ecdsa).unwrap(),
    );
    let e = Err(CryptoError::IncompatibleKeys);
    assert_eq!(ctx.kx_dh(p256_pk, p384_sk), e);
    assert_eq!(ctx.kx_dh(p384_pk, p256_sk), e);
    assert_eq!(ctx.kx_dh(ecdsa_pk, p256_sk), e);
    assert_eq!(ctx.kx_dh(p256_pk, ecdsa_sk), e);
    assert_eq!(ctx.keypair_from_pk_and_sk(p256_pk, p384_sk), e);
    assert_eq!(ctx.keypair_from_pk_and_sk(ecdsa_pk, p256_sk), e);
    // The same point as an ECDSA key and as an ECDH key are still different algorithms.
    let sec = export_pk(&mut ctx, p256_pk, PublicKeyEncoding::Sec);
    let as_ecdsa = ctx
        .publickey_import(SIG, "ECDSA_P256_SHA256", &sec, PublicKeyEncoding::Sec)
        .unwrap();
    assert_eq!(ctx.keypair_from_pk_and_sk(as_ecdsa, p256_sk), e);
    assert_eq!(ctx.kx_dh(as_ecdsa, p256_sk), e);
    // Matching halves work.
    ctx.keypair_from_pk_and_sk(p256_pk, p256_sk).unwrap();
    ctx.keypair_from_pk_and_sk(ecdsa_pk, ecdsa_sk).unwrap();
}

#[test]
fn debug_output_shows_no_secret() {
    let mut ctx = CryptoCtx::new();
    let x = unhex(P256_X);
    let kp = ctx
        .keypair_import(SIG, "ECDSA_P256_SHA256", &x, KeyPairEncoding::Raw)
        .unwrap();
    let _sk = ctx.keypair_secretkey(kp).unwrap();
    let _st = ctx.signature_state_open(kp).unwrap();
    let _kx = ctx
        .keypair_import(KX, "P256-SHA256", &x, KeyPairEncoding::Raw)
        .unwrap();
    let _kx_sk = ctx
        .secretkey_import(KX, "P384-SHA384", &unhex(P384_X), SecretKeyEncoding::Raw)
        .unwrap();
    let debug = format!("{ctx:?}");
    assert!(debug.contains("ECDSA_P256_SHA256"), "{debug}");
    assert!(debug.contains("P256-SHA256"), "{debug}");
    for secret in [P256_X, P384_X] {
        let lower = secret.to_ascii_lowercase();
        let upper = secret.to_ascii_uppercase();
        assert!(
            !debug.to_ascii_lowercase().contains(&lower[..16]),
            "{debug}"
        );
        assert!(!debug.contains(&upper[..16]), "{debug}");
    }
    // Nor as a list of decimal bytes.
    let decimal = format!("{}, {}, {}", x[0], x[1], x[2]);
    assert!(!debug.contains(&decimal), "{debug}");
}

/// Random bytes in `0..n`.
fn random_below(n: usize) -> usize {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).unwrap();
    (u64::from_le_bytes(b) % n as u64) as usize
}

#[test]
fn mutated_encodings_never_panic_and_give_the_documented_errno() {
    // Successful imports stay open: room for all of them.
    let mut ctx = CryptoCtx::with_limits(Limits {
        max_handles: 1 << 20,
        ..Limits::default()
    });
    let all = ECDSA
        .iter()
        .map(|&(a, _)| (SIG, a))
        .chain(ECDH.iter().map(|&(a, _)| (KX, a)));
    for (ty, alg) in all {
        let kp = ctx.keypair_generate(ty, alg, None).unwrap();
        let (pk, sk) = (
            ctx.keypair_publickey(kp).unwrap(),
            ctx.keypair_secretkey(kp).unwrap(),
        );
        let kps: Vec<_> = KP_ENCODINGS
            .iter()
            .map(|&e| (e, export_kp(&mut ctx, kp, e)))
            .collect();
        let pks: Vec<_> = PK_ENCODINGS
            .iter()
            .map(|&e| (e, export_pk(&mut ctx, pk, e)))
            .collect();
        let sks: Vec<_> = SK_ENCODINGS
            .iter()
            .map(|&e| (e, export_sk(&mut ctx, sk, e)))
            .collect();
        let sigs: Vec<_> = if ty == SIG {
            let sig = sign(&mut ctx, kp, b"m");
            [SignatureEncoding::Raw, SignatureEncoding::Der]
                .iter()
                .map(|&e| (e, export_sig(&mut ctx, sig, e)))
                .collect()
        } else {
            Vec::new()
        };
        let mutate = |bytes: &[u8]| -> Vec<u8> {
            let mut m = bytes.to_vec();
            match random_below(3) {
                0 => {
                    let i = random_below(m.len());
                    m[i] ^= 1 << random_below(8);
                }
                1 => m.truncate(random_below(m.len())),
                _ => m.insert(random_below(m.len() + 1), random_below(256) as u8),
            }
            m
        };
        for _ in 0..200 {
            let ok_or = |r: Result<Handle, CryptoError>, e: CryptoError| {
                if let Err(got) = r {
                    assert_eq!(got, e, "{alg}");
                }
            };
            for (enc, bytes) in &kps {
                ok_or(
                    ctx.keypair_import(ty, alg, &mutate(bytes), *enc),
                    CryptoError::InvalidKey,
                );
            }
            for (enc, bytes) in &pks {
                ok_or(
                    ctx.publickey_import(ty, alg, &mutate(bytes), *enc),
                    CryptoError::InvalidKey,
                );
            }
            for (enc, bytes) in &sks {
                ok_or(
                    ctx.secretkey_import(ty, alg, &mutate(bytes), *enc),
                    CryptoError::InvalidKey,
                );
            }
            for (enc, bytes) in &sigs {
                ok_or(
                    ctx.signature_import(alg, &mutate(bytes), *enc),
                    CryptoError::InvalidSignature,
                );
            }
        }
    }
}
