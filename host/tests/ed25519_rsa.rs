//! Host-direct tests of Ed25519 and RSA signatures through [`CryptoCtx`], without a wasm engine:
//! known answers, round trips through every encoding, cross-checks against `ed25519-dalek` and
//! `rsa` called directly, and the exact `crypto_errno` of each bad input.
//!
//! Provenance of the fixed data:
//! - Ed25519: RFC 8032 §7.1, TEST 1, TEST 2, TEST 3 and TEST SHA(abc); RFC 8410 §10.1 and §10.3
//!   (PEM public and private key). Each was re-checked with Python `cryptography` 48.0.0.
//! - RSA: `tests/data/rsa-{2048,3072,4096}.pem` are PKCS#8 PEM keys (e = 65537) generated once with
//!   Python `cryptography` 48.0.0 (`rsa.generate_private_key(65537, bits)`,
//!   `private_bytes(PEM, PKCS8, NoEncryption())`). [`PKCS1_VECTORS`] are Python's
//!   `key.sign(RSA_MESSAGE, padding.PKCS1v15(), hash)` (deterministic, so ours must match byte for
//!   byte); [`PSS_VECTORS`] are Python's `key.sign(RSA_MESSAGE, padding.PSS(MGF1(hash),
//!   DIGEST_LENGTH), hash)` (randomized, so they are only verified, and ours are verified by the
//!   `rsa` crate).
//!
//! Only one RSA key is generated here (2048 bits); the 3072- and 4096-bit tests use the fixtures.

use wasicrypt_host::{
    AlgorithmType, CryptoCtx, CryptoError, Handle, KeyPairEncoding, Limits, PublicKeyEncoding,
    SecretKeyEncoding, SignatureEncoding,
};

mod common;
use common::{export_kp, export_pk, export_sk, pull_all, unhex};

const SIG: AlgorithmType = AlgorithmType::Signatures;

/// Signs the concatenation of `chunks` (one `update` each) and returns the raw signature.
fn sign_chunks(ctx: &mut CryptoCtx, kp: Handle, chunks: &[&[u8]]) -> Vec<u8> {
    let st = ctx.signature_state_open(kp).unwrap();
    for chunk in chunks {
        ctx.signature_state_update(st, chunk).unwrap();
    }
    let sig = ctx.signature_state_sign(st).unwrap();
    ctx.signature_state_close(st).unwrap();
    let out = ctx.signature_export(sig, SignatureEncoding::Raw).unwrap();
    ctx.signature_close(sig).unwrap();
    pull_all(ctx, out)
}

fn sign(ctx: &mut CryptoCtx, kp: Handle, msg: &[u8]) -> Vec<u8> {
    sign_chunks(ctx, kp, &[msg])
}

/// Imports `raw` as a signature of `alg` and verifies it over `msg` with `pk`.
fn verify(
    ctx: &mut CryptoCtx,
    alg: &str,
    pk: Handle,
    msg: &[u8],
    raw: &[u8],
) -> Result<(), CryptoError> {
    let sig = ctx.signature_import(alg, raw, SignatureEncoding::Raw)?;
    let st = ctx.signature_verification_state_open(pk).unwrap();
    ctx.signature_verification_state_update(st, msg).unwrap();
    let r = ctx.signature_verification_state_verify(st, sig);
    ctx.signature_verification_state_close(st).unwrap();
    ctx.signature_close(sig).unwrap();
    r
}

// ---------------------------------------------------------------------------------------------
// Ed25519
// ---------------------------------------------------------------------------------------------

/// RFC 8032 §7.1: (name, secret key (seed), public key, message, signature).
const RFC8032_VECTORS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "TEST 1",
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "TEST 2",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
    (
        "TEST 3",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
    (
        "TEST SHA(abc)",
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
        "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
    ),
];

/// RFC 8410 §10.3: an Ed25519 private key as PKCS#8 v1 PEM.
const RFC8410_PRIVATE_PEM: &str = "-----BEGIN PRIVATE KEY-----\n\
MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n\
-----END PRIVATE KEY-----\n";
/// RFC 8410 §10.1: its public key as SubjectPublicKeyInfo PEM.
const RFC8410_PUBLIC_PEM: &str = "-----BEGIN PUBLIC KEY-----\n\
MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
-----END PUBLIC KEY-----\n";
const RFC8410_SEED: &str = "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842";
const RFC8410_PUBLIC: &str = "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1";

#[test]
fn ed25519_rfc8032_vectors() {
    let mut ctx = CryptoCtx::new();
    for (name, seed, public, msg, want) in RFC8032_VECTORS {
        let (seed, public, msg, want) = (unhex(seed), unhex(public), unhex(msg), unhex(want));
        let raw_kp = [seed.clone(), public.clone()].concat();
        let kp = ctx
            .keypair_import(SIG, "Ed25519", &raw_kp, KeyPairEncoding::Raw)
            .unwrap();
        assert_eq!(sign(&mut ctx, kp, &msg), want, "{name}");
        // Streaming, byte by byte, gives the same signature.
        let chunks: Vec<&[u8]> = msg.chunks(1).collect();
        assert_eq!(sign_chunks(&mut ctx, kp, &chunks), want, "{name}");
        // The derived public key is the vector's.
        let pk = ctx.keypair_publickey(kp).unwrap();
        assert_eq!(
            export_pk(&mut ctx, pk, PublicKeyEncoding::Raw),
            public,
            "{name}"
        );
        assert_eq!(ctx.publickey_verify(pk), Ok(()));
        // The vector's signature verifies with the imported public key, and not on another message.
        let imported_pk = ctx
            .publickey_import(SIG, "Ed25519", &public, PublicKeyEncoding::Raw)
            .unwrap();
        assert_eq!(
            verify(&mut ctx, "Ed25519", imported_pk, &msg, &want),
            Ok(()),
            "{name}"
        );
        let mut other = msg.clone();
        other.push(0);
        assert_eq!(
            verify(&mut ctx, "Ed25519", imported_pk, &other, &want),
            Err(CryptoError::VerificationFailed)
        );
        // A key pair from the raw seed and the public key signs the same.
        let sk = ctx
            .secretkey_import(SIG, "Ed25519", &seed, SecretKeyEncoding::Raw)
            .unwrap();
        let kp2 = ctx.keypair_from_pk_and_sk(imported_pk, sk).unwrap();
        assert_eq!(sign(&mut ctx, kp2, &msg), want, "{name}");
        for h in [kp, kp2] {
            ctx.keypair_close(h).unwrap();
        }
        for h in [pk, imported_pk] {
            ctx.publickey_close(h).unwrap();
        }
        ctx.secretkey_close(sk).unwrap();
    }
    assert_eq!(ctx.open_handles(), 0);
}

#[test]
fn ed25519_rfc8410_pem_and_pkcs8() {
    let mut ctx = CryptoCtx::new();
    let kp = ctx
        .keypair_import(
            SIG,
            "ed25519",
            RFC8410_PRIVATE_PEM.as_bytes(),
            KeyPairEncoding::Pem,
        )
        .unwrap();
    let raw = export_kp(&mut ctx, kp, KeyPairEncoding::Raw);
    assert_eq!(raw, [unhex(RFC8410_SEED), unhex(RFC8410_PUBLIC)].concat());
    let pk = ctx
        .publickey_import(
            SIG,
            "Ed25519",
            RFC8410_PUBLIC_PEM.as_bytes(),
            PublicKeyEncoding::Pem,
        )
        .unwrap();
    assert_eq!(
        export_pk(&mut ctx, pk, PublicKeyEncoding::Raw),
        unhex(RFC8410_PUBLIC)
    );
    // Public and secret-key exports reproduce the RFC documents byte for byte (v1 PKCS#8).
    assert_eq!(
        export_pk(&mut ctx, pk, PublicKeyEncoding::Pem),
        RFC8410_PUBLIC_PEM.as_bytes()
    );
    let sk = ctx.keypair_secretkey(kp).unwrap();
    assert_eq!(
        export_sk(&mut ctx, sk, SecretKeyEncoding::Pem),
        RFC8410_PRIVATE_PEM.as_bytes()
    );
    let sk_der = export_sk(&mut ctx, sk, SecretKeyEncoding::Pkcs8);
    assert_eq!(sk_der[..16], unhex("302e020100300506032b657004220420")[..]);
    assert_eq!(sk_der[16..], unhex(RFC8410_SEED)[..]);
    // The key-pair export is the same PKCS#8 v1 document (no public key: OpenSSL 3.0 and Python
    // `cryptography` refuse v2).
    assert_eq!(export_kp(&mut ctx, kp, KeyPairEncoding::Pkcs8), sk_der);
    assert_eq!(
        export_kp(&mut ctx, kp, KeyPairEncoding::Pem),
        RFC8410_PRIVATE_PEM.as_bytes()
    );
    // A PKCS#8 v2 document (RFC 5958 `OneAsymmetricKey` with the public key) imports too.
    let v2 = [
        unhex("3051020101300506032b657004220420"),
        unhex(RFC8410_SEED),
        unhex("812100"),
        unhex(RFC8410_PUBLIC),
    ]
    .concat();
    let kp2 = ctx
        .keypair_import(SIG, "Ed25519", &v2, KeyPairEncoding::Pkcs8)
        .unwrap();
    assert_eq!(export_kp(&mut ctx, kp2, KeyPairEncoding::Raw), raw);
    let sk2 = ctx
        .secretkey_import(SIG, "Ed25519", &v2, SecretKeyEncoding::Pkcs8)
        .unwrap();
    assert_eq!(
        export_sk(&mut ctx, sk2, SecretKeyEncoding::Raw),
        unhex(RFC8410_SEED)
    );
}

#[test]
fn ed25519_round_trips_every_encoding() {
    let mut ctx = CryptoCtx::new();
    let msg = b"round trip";
    let kp = ctx.keypair_generate(SIG, "Ed25519", None).unwrap();
    let pk = ctx.keypair_publickey(kp).unwrap();
    let sk = ctx.keypair_secretkey(kp).unwrap();
    let reference = sign(&mut ctx, kp, msg);
    assert_eq!(reference.len(), 64);

    for enc in [
        KeyPairEncoding::Raw,
        KeyPairEncoding::Pkcs8,
        KeyPairEncoding::Pem,
    ] {
        let bytes = export_kp(&mut ctx, kp, enc);
        let kp2 = ctx.keypair_import(SIG, "Ed25519", &bytes, enc).unwrap();
        // Ed25519 is deterministic: the re-imported pair signs identically.
        assert_eq!(sign(&mut ctx, kp2, msg), reference, "{enc:?}");
        assert_eq!(export_kp(&mut ctx, kp2, enc), bytes, "{enc:?}");
        ctx.keypair_close(kp2).unwrap();
    }
    assert_eq!(export_kp(&mut ctx, kp, KeyPairEncoding::Raw).len(), 64);

    for enc in [
        PublicKeyEncoding::Raw,
        PublicKeyEncoding::Pkcs8,
        PublicKeyEncoding::Pem,
    ] {
        let bytes = export_pk(&mut ctx, pk, enc);
        let pk2 = ctx.publickey_import(SIG, "Ed25519", &bytes, enc).unwrap();
        assert_eq!(
            verify(&mut ctx, "Ed25519", pk2, msg, &reference),
            Ok(()),
            "{enc:?}"
        );
        assert_eq!(export_pk(&mut ctx, pk2, enc), bytes, "{enc:?}");
        ctx.publickey_close(pk2).unwrap();
    }
    assert_eq!(export_pk(&mut ctx, pk, PublicKeyEncoding::Raw).len(), 32);

    for enc in [
        SecretKeyEncoding::Raw,
        SecretKeyEncoding::Pkcs8,
        SecretKeyEncoding::Pem,
    ] {
        let bytes = export_sk(&mut ctx, sk, enc);
        let sk2 = ctx.secretkey_import(SIG, "Ed25519", &bytes, enc).unwrap();
        let pk2 = ctx.publickey_from_secretkey(sk2).unwrap();
        let kp2 = ctx.keypair_from_pk_and_sk(pk2, sk2).unwrap();
        assert_eq!(sign(&mut ctx, kp2, msg), reference, "{enc:?}");
        assert_eq!(export_sk(&mut ctx, sk2, enc), bytes, "{enc:?}");
        ctx.keypair_close(kp2).unwrap();
        ctx.publickey_close(pk2).unwrap();
        ctx.secretkey_close(sk2).unwrap();
    }
    assert_eq!(export_sk(&mut ctx, sk, SecretKeyEncoding::Raw).len(), 32);

    // The signature itself round-trips through `raw`.
    let st = ctx.signature_state_open(kp).unwrap();
    ctx.signature_state_update(st, msg).unwrap();
    let sig = ctx.signature_state_sign(st).unwrap();
    let out = ctx.signature_export(sig, SignatureEncoding::Raw).unwrap();
    assert_eq!(pull_all(&mut ctx, out), reference);
    // The state stays usable after signing: it now signs the longer message.
    ctx.signature_state_update(st, b"!").unwrap();
    let sig2 = ctx.signature_state_sign(st).unwrap();
    let out = ctx.signature_export(sig2, SignatureEncoding::Raw).unwrap();
    let longer = pull_all(&mut ctx, out);
    assert_eq!(
        verify(&mut ctx, "Ed25519", pk, b"round trip!", &longer),
        Ok(())
    );
}

#[test]
fn ed25519_cross_check_with_dalek() {
    use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey};
    use ed25519_dalek::{Signer, SigningKey, VerifyingKey};

    let mut ctx = CryptoCtx::new();
    let msg = b"cross-check with ed25519-dalek";
    let kp = ctx.keypair_generate(SIG, "Ed25519", None).unwrap();
    let pk = ctx.keypair_publickey(kp).unwrap();

    // Our key pair, read by dalek from our PKCS#8 export; our public key from our SPKI export.
    let der = export_kp(&mut ctx, kp, KeyPairEncoding::Pkcs8);
    let dalek_sk = SigningKey::from_pkcs8_der(&der).unwrap();
    let dalek_pk =
        VerifyingKey::from_public_key_der(&export_pk(&mut ctx, pk, PublicKeyEncoding::Pkcs8))
            .unwrap();
    assert_eq!(dalek_sk.verifying_key(), dalek_pk);

    // Our signature verifies with dalek (strictly) and equals dalek's own.
    let ours = sign(&mut ctx, kp, msg);
    let ours_sig = ed25519_dalek::Signature::from_slice(&ours).unwrap();
    dalek_pk.verify_strict(msg, &ours_sig).unwrap();
    assert_eq!(dalek_sk.sign(msg).to_bytes().to_vec(), ours);

    // A dalek key pair in dalek's PKCS#8 imports, and dalek's signature verifies with our host.
    let other = SigningKey::from_bytes(&[7; 32]);
    let der = other.to_pkcs8_der().unwrap();
    let kp2 = ctx
        .keypair_import(SIG, "Ed25519", der.as_bytes(), KeyPairEncoding::Pkcs8)
        .unwrap();
    let pk2 = ctx.keypair_publickey(kp2).unwrap();
    let theirs = other.sign(msg).to_bytes();
    assert_eq!(verify(&mut ctx, "Ed25519", pk2, msg, &theirs), Ok(()));
    assert_eq!(sign(&mut ctx, kp2, msg), theirs.to_vec());
}

#[test]
fn ed25519_errors() {
    let mut ctx = CryptoCtx::new();
    let (seed, public) = (unhex(RFC8032_VECTORS[0].1), unhex(RFC8032_VECTORS[0].2));
    let other_public = unhex(RFC8032_VECTORS[1].2);

    // Garbage key bytes.
    for bad in [&[][..], &[1; 31], &[1; 33], b"not a key at all"] {
        assert_eq!(
            ctx.keypair_import(SIG, "Ed25519", bad, KeyPairEncoding::Raw),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.keypair_import(SIG, "Ed25519", bad, KeyPairEncoding::Pkcs8),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.keypair_import(SIG, "Ed25519", bad, KeyPairEncoding::Pem),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.publickey_import(SIG, "Ed25519", bad, PublicKeyEncoding::Raw),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.publickey_import(SIG, "Ed25519", bad, PublicKeyEncoding::Pkcs8),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.publickey_import(SIG, "Ed25519", bad, PublicKeyEncoding::Pem),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.secretkey_import(SIG, "Ed25519", bad, SecretKeyEncoding::Raw),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.secretkey_import(SIG, "Ed25519", bad, SecretKeyEncoding::Pkcs8),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.secretkey_import(SIG, "Ed25519", bad, SecretKeyEncoding::Pem),
            Err(CryptoError::InvalidKey)
        );
    }
    // A non-UTF-8 PEM, and an RSA key given to Ed25519.
    assert_eq!(
        ctx.keypair_import(SIG, "Ed25519", &[0xff; 40], KeyPairEncoding::Pem),
        Err(CryptoError::InvalidKey)
    );
    let rsa_pem = include_bytes!("data/rsa-2048.pem");
    assert_eq!(
        ctx.keypair_import(SIG, "Ed25519", rsa_pem, KeyPairEncoding::Pem),
        Err(CryptoError::InvalidKey)
    );
    // The public key PEM is not a private key PEM.
    assert_eq!(
        ctx.keypair_import(
            SIG,
            "Ed25519",
            RFC8410_PUBLIC_PEM.as_bytes(),
            KeyPairEncoding::Pem
        ),
        Err(CryptoError::InvalidKey)
    );

    // Raw key pair whose public half is not the seed's.
    let mismatched = [seed.clone(), other_public.clone()].concat();
    assert_eq!(
        ctx.keypair_import(SIG, "Ed25519", &mismatched, KeyPairEncoding::Raw),
        Err(CryptoError::InvalidKey)
    );
    // PKCS#8 v2 whose public key is not the seed's.
    let good = [seed.clone(), public.clone()].concat();
    let kp = ctx
        .keypair_import(SIG, "Ed25519", &good, KeyPairEncoding::Raw)
        .unwrap();
    let der = [
        unhex("3051020101300506032b657004220420"),
        seed.clone(),
        unhex("812100"),
        other_public.clone(),
    ]
    .concat();
    assert_eq!(
        ctx.keypair_import(SIG, "Ed25519", &der, KeyPairEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        ctx.secretkey_import(SIG, "Ed25519", &der, SecretKeyEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );
    let der = [
        unhex("3051020101300506032b657004220420"),
        seed.clone(),
        unhex("812100"),
        public.clone(),
    ]
    .concat();
    assert!(
        ctx.keypair_import(SIG, "Ed25519", &der, KeyPairEncoding::Pkcs8)
            .is_ok()
    );

    // A point that does not decompress is refused at import; a small-order point imports but
    // fails publickey_verify.
    let not_a_point = (2u8..)
        .map(|y| {
            let mut b = [0u8; 32];
            b[0] = y;
            b
        })
        .find(|b| ed25519_dalek::VerifyingKey::from_bytes(b).is_err())
        .unwrap();
    assert_eq!(
        ctx.publickey_import(SIG, "Ed25519", &not_a_point, PublicKeyEncoding::Raw),
        Err(CryptoError::InvalidKey)
    );
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let weak = ctx
        .publickey_import(SIG, "Ed25519", &identity, PublicKeyEncoding::Raw)
        .unwrap();
    assert_eq!(ctx.publickey_verify(weak), Err(CryptoError::InvalidKey));

    // Unsupported encodings.
    let pk = ctx.keypair_publickey(kp).unwrap();
    let sk = ctx.keypair_secretkey(kp).unwrap();
    assert_eq!(
        ctx.publickey_import(SIG, "Ed25519", &public, PublicKeyEncoding::Sec),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.publickey_import(SIG, "Ed25519", &public, PublicKeyEncoding::Local),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.secretkey_import(SIG, "Ed25519", &seed, SecretKeyEncoding::Sec),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.keypair_import(SIG, "Ed25519", &good, KeyPairEncoding::Local),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.publickey_export(pk, PublicKeyEncoding::Sec),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.secretkey_export(sk, SecretKeyEncoding::Sec),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.keypair_export(kp, KeyPairEncoding::Local),
        Err(CryptoError::UnsupportedEncoding)
    );
    let sig_raw = unhex(RFC8032_VECTORS[0].4);
    assert_eq!(
        ctx.signature_import("Ed25519", &sig_raw, SignatureEncoding::Der),
        Err(CryptoError::UnsupportedEncoding)
    );
    let sig = ctx
        .signature_import("Ed25519", &sig_raw, SignatureEncoding::Raw)
        .unwrap();
    assert_eq!(
        ctx.signature_export(sig, SignatureEncoding::Der),
        Err(CryptoError::UnsupportedEncoding)
    );

    // Malformed signatures: wrong length, or S not below the group order L.
    for len in [0, 63, 65, 128] {
        assert_eq!(
            ctx.signature_import("Ed25519", &vec![0; len], SignatureEncoding::Raw),
            Err(CryptoError::InvalidSignature),
            "{len}"
        );
    }
    let l = unhex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
    let mut s_is_l = sig_raw.clone();
    s_is_l[32..].copy_from_slice(&l);
    assert_eq!(
        ctx.signature_import("Ed25519", &s_is_l, SignatureEncoding::Raw),
        Err(CryptoError::InvalidSignature)
    );
    let mut s_high = sig_raw.clone();
    s_high[63] |= 0xe0;
    assert_eq!(
        ctx.signature_import("Ed25519", &s_high, SignatureEncoding::Raw),
        Err(CryptoError::InvalidSignature)
    );
    // S = L − 1 is canonical: it imports, and is simply a wrong signature.
    let mut s_max = s_is_l.clone();
    s_max[32] -= 1;
    assert_eq!(
        verify(&mut ctx, "Ed25519", pk, b"", &s_max),
        Err(CryptoError::VerificationFailed)
    );
    // An R that is not a point is only caught at verification.
    let mut bad_r = sig_raw.clone();
    bad_r[..32].copy_from_slice(&not_a_point);
    assert_eq!(
        verify(&mut ctx, "Ed25519", pk, b"", &bad_r),
        Err(CryptoError::VerificationFailed)
    );

    // Tampered message and tampered signature.
    assert_eq!(verify(&mut ctx, "Ed25519", pk, b"", &sig_raw), Ok(()));
    assert_eq!(
        verify(&mut ctx, "Ed25519", pk, b"x", &sig_raw),
        Err(CryptoError::VerificationFailed)
    );
    let mut flipped = sig_raw.clone();
    flipped[0] ^= 1;
    assert_eq!(
        verify(&mut ctx, "Ed25519", pk, b"", &flipped),
        Err(CryptoError::VerificationFailed)
    );

    // keypair_from_pk_and_sk with another key → invalid_key.
    let other_pk = ctx
        .publickey_import(SIG, "Ed25519", &other_public, PublicKeyEncoding::Raw)
        .unwrap();
    assert_eq!(
        ctx.keypair_from_pk_and_sk(other_pk, sk),
        Err(CryptoError::InvalidKey)
    );

    // States: a public key is not a key pair; Ed25519 keys cannot do DH.
    assert_eq!(
        ctx.signature_state_open(pk),
        Err(CryptoError::InvalidHandle)
    );
    assert_eq!(
        ctx.signature_verification_state_open(sk),
        Err(CryptoError::InvalidHandle)
    );
    assert_eq!(ctx.kx_dh(pk, sk), Err(CryptoError::InvalidOperation));
}

#[test]
fn ed25519_absorb_limit() {
    let mut ctx = CryptoCtx::with_limits(Limits {
        max_absorbed_bytes: 16,
        ..Limits::default()
    });
    let kp = ctx.keypair_generate(SIG, "Ed25519", None).unwrap();
    let pk = ctx.keypair_publickey(kp).unwrap();
    let st = ctx.signature_state_open(kp).unwrap();
    ctx.signature_state_update(st, &[1; 10]).unwrap();
    assert_eq!(
        ctx.signature_state_update(st, &[2; 7]),
        Err(CryptoError::Overflow)
    );
    // The failed update kept nothing; the state still takes up to the limit.
    ctx.signature_state_update(st, &[3; 6]).unwrap();
    assert_eq!(
        ctx.signature_state_update(st, &[4]),
        Err(CryptoError::Overflow)
    );
    let sig = ctx.signature_state_sign(st).unwrap();
    let vst = ctx.signature_verification_state_open(pk).unwrap();
    ctx.signature_verification_state_update(vst, &[1; 10])
        .unwrap();
    assert_eq!(
        ctx.signature_verification_state_update(vst, &[0; 7]),
        Err(CryptoError::Overflow)
    );
    ctx.signature_verification_state_update(vst, &[3; 6])
        .unwrap();
    assert_eq!(ctx.signature_verification_state_verify(vst, sig), Ok(()));
}

// ---------------------------------------------------------------------------------------------
// RSA
// ---------------------------------------------------------------------------------------------

const RSA_2048_PEM: &str = include_str!("data/rsa-2048.pem");
const RSA_3072_PEM: &str = include_str!("data/rsa-3072.pem");
const RSA_4096_PEM: &str = include_str!("data/rsa-4096.pem");

/// The message every fixed RSA signature signs.
const RSA_MESSAGE: &[u8] = b"wasicrypt: RSA signature test vector";

/// Every RSA algorithm: (name, modulus bits).
const RSA_ALGORITHMS: &[(&str, usize)] = &[
    ("RSA_PKCS1_2048_SHA256", 2048),
    ("RSA_PKCS1_2048_SHA384", 2048),
    ("RSA_PKCS1_2048_SHA512", 2048),
    ("RSA_PKCS1_3072_SHA384", 3072),
    ("RSA_PKCS1_3072_SHA512", 3072),
    ("RSA_PKCS1_4096_SHA512", 4096),
    ("RSA_PSS_2048_SHA256", 2048),
    ("RSA_PSS_2048_SHA384", 2048),
    ("RSA_PSS_2048_SHA512", 2048),
    ("RSA_PSS_3072_SHA384", 3072),
    ("RSA_PSS_3072_SHA512", 3072),
    ("RSA_PSS_4096_SHA512", 4096),
];

fn fixture(bits: usize) -> &'static str {
    match bits {
        2048 => RSA_2048_PEM,
        3072 => RSA_3072_PEM,
        4096 => RSA_4096_PEM,
        _ => unreachable!(),
    }
}

/// Python `cryptography` RSASSA-PKCS1-v1_5 signatures of [`RSA_MESSAGE`] with the fixture key of
/// each size (deterministic).
const PKCS1_VECTORS: &[(&str, &str)] = &[
    (
        "RSA_PKCS1_2048_SHA256",
        "1439b26c21ee00e7ab3ffb73ccdc1294fa54e4bdc31f662c507d788cf8a545a1cbb234a573a4c8881b998e0bdaf77f0a13f6a339ebfbd08a960c5a1a3560d42504282debcb294e989c6c89c01a0148cd8875a9f81ed84b24c4a857b61d55ef16d5249935743d64df28155b1e99565e336719ec85de102dac09c339296cb47666d1b6cd340ee6f973a2a5a2b1e24ffa6e5a12db22c605782bfe4a9d9982bb77d8f614c0587b27e818071d9020792f9c617c945c3aba924ae16fb85cc54a2b7cd314b8eef4571cd1f76db8d41377be7653e7909aeea5efbffe1df1c6f3a87226e98f9c106d00728017e1748daeea3687c27b90e95e931dab107fb3b8ef8c35007c",
    ),
    (
        "RSA_PKCS1_2048_SHA384",
        "658db7c0c30d68645ba4985b0a639dc4d7930091d7bea3cbd77fc8631f7422df54297a50cea9cf20c79aa5437c0536b2b0b9a84dac62117500e7fa16739d28d8a5c3fd4ef80f264d270a55d24a320a22d42dc1da6adda7db3c05241514c4cc8e11958a456471ae506028027b5d52aeaba5491b1b5f1e3319b92e0450eb4ca65958d71388d6519c6a6361b7530c1200453f5e4d07889df3ea3be64102dfd1d40f6778bb3acbcdfc823fd7d74d3754762603ad57e0cbe35080d68dc26349bf814951cc308d0e501ea3eb497c02a30437eebc957a3b87be846f347e30ce857824c513202fcf0e19e1518ab845cd7b0e0b7ac1db51fedfcd69cc08b17092cd56d02b",
    ),
    (
        "RSA_PKCS1_2048_SHA512",
        "63086341a59bec0a992decad9ea3eab8a7d71b1ca1a7a2b6dbc208c41f226cc72cc155f05a6bde60f607bfb2fdd62b9b04f63e7d505398aa47fe0147c4ffc69d4dd4d6635dad04a57427e66d5e9e5ca63e67c4d8ed4784a6526c4db64acb7c3c2c8f1c03c47dbd6443c149677bf6f00ca79e265bb567ebe13739de65e236cc175b9f33c3ae9549289e7c467a7dd5f3c775df0eaf3b84607f288e46bf3a297a8d7b505c922e6c6666b9bf118b89e26e5c1a76648c5afe1e48978b40f3d3d1d472c6421babfff12b921ad2de2a80b032301eea3e139d81b154fd4c831e8e1bf1445c0453c71c77e98e8a2b4b43a7719403508f8daa3bb799e6612ce472639e8cc8",
    ),
    (
        "RSA_PKCS1_3072_SHA384",
        "aa0dc89da469b11b64af1679f7e4fdf46447c3ce298fde251646e5038498cc8e838c167a6adba687089865b2534c120f7a2aa303469e4b42c096f697c9964a6cdcddc27b807b2ec8353913bde3146c9f351233d569674f578705e2847bdf863ddca71fc9e1d28fafdc604e09efca90f440e18f6cd6e2870cfd993f5bc227f0d5c4d21d82bd3928d7f25e42e2f38639a7d5707fcd4807d6bd76ef9f99aa670837df3e25e8f332798255e303e30c430c79fd2a33615141630b7c34a956ee348660a4afe8b6385e9bf926ad187068a0b974ba8fc6b2e8c50288e0df79c4b8e327c3464552b451a21842e2491a3bc1437ac0babf2cb62c26a62db34e5647d1e38f65d2d33b77dfd584d6752f690236431a43a42041b5d6575b9187fe52dd346274b8eeb72df22e7d77dc4be32eab5a3111acafc8e868424ea1f37f4bde9a4d7c49c3106380a3b66ad44f04f77050feb3207b1f4450b24cc695380250903221882134072b6d12ca12c10f93c1f7563c9a2479562cbf69fc7322b3992ab50a045e3faa",
    ),
    (
        "RSA_PKCS1_3072_SHA512",
        "aa3f0e0940528ac2049fbcce7e6ddfa5649662c1902939334be148ef9ef343d9527b6e08a4c44cf1b9a9827c6158522797247e746fd0d8724c20fc64298d1a0fb64f1723f532a60997c496ef06da8286441d079651a44dbdde3944f8d050ca5304e14bb229e1ae9ac75abcd5bb2a66d160e396feed4cb75b2607f21bfa4ed0086e0fba6ba6fe760d5671998efaf044e6682503eae354b2b064edd7c87bfac20a7a48133b7731efa1cf75158a0c664892025c16788c3d091733726e1efbaaa83a6f6e8a6ec90aaf1966fe3d7ff0b8eab617c9dc9ca8cb615a1092ef9c46c3c62bde08d179334147c46b6231d8a6c0f531fab78f7a72a240e4236f8a2414df57151a7bef87c9197b92ee06b131de77b70a6098c704c54014d7c5798d9e320ef135e5290dbe5db0c08c99b41156820e65255ee4dfde97dcbcd4eff85b65ae0e7e6d64d5fe23450b6858dc8ecc94ae19cc1109273e7bf173b81f70ad9d531c1e03298e6aee94ddb905657f221a6e7f647eaa4c240c96c61a6da13531c8cab8e50785",
    ),
    (
        "RSA_PKCS1_4096_SHA512",
        "a6b43ff013796647a1d0e19598f3fe2d7ab2a3e26f88727ec96b32002c4271d29970360c0fe6195426b033849528a18bd469a969bdbd6bea4b8829b9e44de63b2e831e053237195d65f290c3a0034aa4ca6968f9bde63ff5e7d248f01df17a60db60f2f41a802cddcf001c9f699c9db61045d3f775729eb79b7a089bee1ac38c067f35741e8912b802804edf9ee7e1edbe73751defd1b11c116a23a2f3fbb11a8b6317d7adec48c8bb01d6d983d309acc5066fc52d521ae9954ad29cdbf8df31e361f432c36acefe155069347cb894e2e97440191e506838c102b2c144556bb95ba25eb975b98127a899530218d75c76bf08341d668141e1ba3b37da8268aa0c7a85b4b91787853fed81dcbc4362402962d3c02d11383d0acefabbc0de0aa4816cc21705f2a69481b6c09f221201a29f4540e8b37330cfa2f33686b884fe21f81a3ec0155291bf15aa01aeb9a1c12439a4eaeaf90478321a249f3e8479a7c13032831e846c7c20c13b02f45720bf3fe24d335caaca9ab3797f698524f09192c5adf371b893f5acb3eb5468c6f2beeddc5d5f26a04b358fa950a143955b8e8c3e1347b4ed5aebb448fed738cfa575b57825d397c628c95dba419769aaab811a071b61fa7030d35096d5f2ab800d98c9e3334e3b8bc60c8b437e72c62329826c957f2ce765544e231b51577e7be94f8fcb638255dbef4c9c534967413a9414c2ce",
    ),
];

/// Python `cryptography` RSASSA-PSS signatures of [`RSA_MESSAGE`] (MGF1 with the same hash, salt
/// length = digest length) with the fixture key of each size (randomized).
const PSS_VECTORS: &[(&str, &str)] = &[
    (
        "RSA_PSS_2048_SHA256",
        "4268e1a8c5dbdba26e4264922f9194a9d41b1ec4a119f96dff38a290dc1d8c496bb8fd97b062b5b9fe15a6613fd8d2bc3c9aede50ccae0a5a7a266623183add1bf9b9e64231cae43e60e2dfa281c2f6ea809658bc8d366a08fb5d4a737bc326290c3dcf807c0e7b84fdd7a282b7dd6a24e3496876f58e921875b11cb7f6da8e98e58ad878fd38f03ebd487576156493ed406e07991b4ee91385dffa1bb86445465c039e72bee86428ec254a5c593ade48b8d19baacee8bf01bf996ebafd7e94fa56a6bdc041cadeefce092d445a566e6767ba814b635d94cc01c07d72654e01723e284a343610b773e08eb222cd03900fdc85a0657a725339a6b657994eb039e",
    ),
    (
        "RSA_PSS_2048_SHA384",
        "55e903ee07035c0145597c044e601afb2eb68ef16fe69cc234e79afa8a9be0392c10b70d37d30cbc438589c42b7c93bd4cdf07f2ec50ad3a9b31ed070e06942138a3c88acac9fde7e366c1b5883991a74bcebfed315f77dfd1a2d5f54a4ed0f679cafe3a5fc44255a66f6cd616aa6021a343ed87092eeaf2929830804dd33cafea1107f607a484e7555fa6c31b460288929545a51c76507ad3c18f9badc11cb329e72ac3d511722e0054628fee7e8079f2352db678167f939e54352bc63fdaff0fd130da02616428f2188a33faa42efe0c3bd0f3935d01b3dbeb6208b13eafda8cfa4964671e67333708e45911821117e792dbcc11fe19ebe31a280876e2ec28",
    ),
    (
        "RSA_PSS_2048_SHA512",
        "446ba6393e8839aad0e1d8bb381c34a678f7b13b59e1512b70aa0c866499c6078f4deedde026867d4d948b98b44a047627830d7f15975573850bcc5e9d851bf52e58c8d482889b1194bbfb8ddfc25f26e47e4aaaec01eeafa3ea441e75eafd99e88ba4b43f85e0b085368146a7198ffff64365bea83e68323394a4d5ab50904d21c7082b69a0aee7786b8691a174cc49411a44ebca9b399b0c3eaa7e05cb6910eabacf8dc6c77ebbaaf1552a3f83b5fbbd38419513eea89707c685dc110cbb42e177bb2e18901b3c3c488f55b385c2d0e6b9d48a1c1e82a81577dad6de11a0ea551df9fe97bbd172f2f27380bcb54edfacd16e1f849ea83ae3aa3f40cd8e363c",
    ),
    (
        "RSA_PSS_3072_SHA384",
        "8c7de3e63dbccd5255408847f07443655406ba096d64fe5ba118207a0ce6c2de9ed498160bdaa156644f1cdc8c4c599a51556728d21fcc0bcd0ce1d4aa91d777836f6cc626a643dc0efad03aae514716a9e62770dda42a78d9c43217e2e594de56b6ebc05b8444c7c0104db9fdb0ba1af868629d799ad980b23a70efcc3fbb4c9a22fad392db4f91fa8c3f9fa58a000d76d98d24d78e78ac5585543f3d4b43e0eb865c8d99678f2f5930b611138b07c54b05bac7be654b974ccc4aa68d4d3204a4910195b57f535284ac4532d96f18117db8278bd69b0d53b4696b70cde337af195659589416f49d021cf7637c1bad6912ee9a964d4135258e8c9d43764730718c5720154c1f4fbb08f47080425d2321b5c8650de4a839d7397d7f02e917ff83056fd3189f2cc840e7fc9224aabc87e0b24d3defad8fd5df8af2967d55c66bb96a4f1e0024d267932ecfbfd4844343ca90c8add40f42ff39aa1518a1763f86543ba02835183f185bda5754c2455bccde0f61f7e4b65e4cc3b0483ead43ac6f07",
    ),
    (
        "RSA_PSS_3072_SHA512",
        "4a06f71791f8cc0f3f6ad3d4e356faa6c680ebc9b93067d4097858b7d59c890c7920507e2abf1abc97334ed9b3a1917804b95e07dd047a69df2a02cc9006f396bb2de1dd816c09c00fbe9fc09ec64df3bd27d0fa9a25a6e2d59fad08fa61b66b530daaee0e2efbb2aa88ff6c5cc53fc65131a69e39700abda2af653e1535e4e8bfe83266d1633a592217cad6d88ffe7eed5e79c8f0de0369e4217e06ceeed4af58854c8113ff0236a4c183666ea8fdc92c7f0944f88bdc755bc62e948bee372e4746d532bd7022d4a59d0a6dd4ae16769becf12b3d5d5f59d61471eb235a36217477ecb3c78b5e483fe05945798880951783a508f0d384e675a02176bfb0b2b50e85e867ee94e5856ccb227eaf42c5e72a05d912c8acf2b8ca0de4d987efd708ae408686455db25f067352ed589b623f986ab7734208cb076e06b7facbcf91795e1efe7abd3e8b2440fcbceab9e727ec7d9781af7186b6bfc09f88c2fd0d47f26aa23bf32dfd2ad60b777cd04169b4c27bb317ad1c107461f91db8ec73f2fce6",
    ),
    (
        "RSA_PSS_4096_SHA512",
        "c7323a0377270517bdfb611b3ef3e13ae4d19ed3ed66a42fb2ea089da6a61a00f9d6084e34c356089aab2df8ee5d5f812a939753813e5941689cde59c0a5c31fcba78594c27528df663cda7041cf1282c8bb599d322d2b023ef6bf691a5a125f8ba13b4b7c8fe17e42ce900965cd49dd996e4c628343948ad9bcaea9733caecfe16756585fbd3c9cdbb4b26df3be96d5c27bd4f5f5626dc532e1324c06a19a9ca2ae56a0d501487e22b50b8a4e2c5bd3d5b09ba4e322ea2780def3b91122a8ab020e16b1793b218ef31d16cd4cc92e128905f28b01e447ca6435049a343928a9711cc4f32570105cd32aeda98c87e780579554a2622e4b925df9e4f85e5e01d168f9c5fadd04b00178a48a93a644923807c24bc834a8698944ae0f529a26d209de489530e3a14686a44a261edd2b101459bebff0d50757ce371bcf8784b20f44a0eb62e0a9aff6068ee182fb2fc4ed79a2a31b2e4496fcb6e5053f3b44b68f889b820d43a2b0a6d82c8f668eb86773dea8d6b772d7a5a8ca448fa22c073b4549ad1c6982bc1571a93087814334afbce4180e554a76787db2af64095eb3913fe9c0b75bb1097b164dc22890229199368ad646d0569eb8b72fc9e945e65a3cf8d311a14e13f343fca4431601ddcf35454ce2d10feeac8b1aca34a0f196dfad097ba2ba3fe6c469c6089ee6c14ff853c61e51a329f2898bee97553046b566862c46",
    ),
];

fn import_fixture(ctx: &mut CryptoCtx, alg: &str, bits: usize) -> (Handle, Handle) {
    let kp = ctx
        .keypair_import(SIG, alg, fixture(bits).as_bytes(), KeyPairEncoding::Pem)
        .unwrap();
    let pk = ctx.keypair_publickey(kp).unwrap();
    (kp, pk)
}

fn bits_of(alg: &str) -> usize {
    RSA_ALGORITHMS.iter().find(|(n, _)| *n == alg).unwrap().1
}

#[test]
fn rsa_pkcs1_signatures_match_python() {
    let mut ctx = CryptoCtx::new();
    for (alg, want) in PKCS1_VECTORS {
        let want = unhex(want);
        let bits = bits_of(alg);
        assert_eq!(want.len(), bits / 8);
        let (kp, pk) = import_fixture(&mut ctx, alg, bits);
        assert_eq!(sign(&mut ctx, kp, RSA_MESSAGE), want, "{alg}");
        // Incremental hashing: the same signature from several updates.
        let (a, b) = RSA_MESSAGE.split_at(10);
        assert_eq!(sign_chunks(&mut ctx, kp, &[a, &[], b]), want, "{alg}");
        assert_eq!(
            verify(&mut ctx, alg, pk, RSA_MESSAGE, &want),
            Ok(()),
            "{alg}"
        );
        assert_eq!(ctx.publickey_verify(pk), Ok(()), "{alg}");
        ctx.keypair_close(kp).unwrap();
        ctx.publickey_close(pk).unwrap();
    }
    assert_eq!(ctx.open_handles(), 0);
}

#[test]
fn rsa_pss_cross_check_with_python_and_rsa_crate() {
    use rsa::pkcs8::DecodePrivateKey;
    use sha2::{Sha256, Sha384, Sha512};

    let mut ctx = CryptoCtx::new();
    for (alg, python_sig) in PSS_VECTORS {
        let python_sig = unhex(python_sig);
        let bits = bits_of(alg);
        let (kp, pk) = import_fixture(&mut ctx, alg, bits);
        // Python's signature verifies with our host.
        assert_eq!(
            verify(&mut ctx, alg, pk, RSA_MESSAGE, &python_sig),
            Ok(()),
            "{alg}"
        );
        assert_eq!(
            verify(&mut ctx, alg, pk, b"tampered", &python_sig),
            Err(CryptoError::VerificationFailed)
        );
        // Ours is randomized, verifies with our host and with the `rsa` crate directly.
        let ours = sign(&mut ctx, kp, RSA_MESSAGE);
        assert_eq!(ours.len(), bits / 8);
        assert_ne!(ours, python_sig, "{alg}");
        assert_eq!(
            verify(&mut ctx, alg, pk, RSA_MESSAGE, &ours),
            Ok(()),
            "{alg}"
        );
        let public = rsa::PrivateKey::from_pkcs8_pem(fixture(bits))
            .unwrap()
            .to_public_key();
        match alg.rsplit('_').next().unwrap() {
            "SHA256" => public.pss_verify::<Sha256>(RSA_MESSAGE, &ours),
            "SHA384" => public.pss_verify::<Sha384>(RSA_MESSAGE, &ours),
            _ => public.pss_verify::<Sha512>(RSA_MESSAGE, &ours),
        }
        .unwrap_or_else(|e| panic!("{alg}: {e}"));
        ctx.keypair_close(kp).unwrap();
        ctx.publickey_close(pk).unwrap();
    }
}

#[test]
fn rsa_cross_check_pkcs1_with_rsa_crate() {
    use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
    use sha2::Sha384;

    let mut ctx = CryptoCtx::new();
    let alg = "RSA_PKCS1_3072_SHA384";
    let (kp, pk) = import_fixture(&mut ctx, alg, 3072);
    let key = rsa::PrivateKey::from_pkcs8_pem(RSA_3072_PEM).unwrap();
    // The `rsa` crate's signature verifies with our host and equals ours.
    let theirs = key.pkcs1v15_sign::<Sha384>(b"direct").unwrap();
    assert_eq!(verify(&mut ctx, alg, pk, b"direct", &theirs), Ok(()));
    assert_eq!(sign(&mut ctx, kp, b"direct"), theirs);
    // Our exports parse with the `rsa` crate as the same key.
    let der = export_kp(&mut ctx, kp, KeyPairEncoding::Pkcs8);
    assert_eq!(rsa::PrivateKey::from_pkcs8_der(&der).unwrap(), key);
    let spki = export_pk(&mut ctx, pk, PublicKeyEncoding::Pkcs8);
    assert_eq!(
        rsa::PublicKey::from_public_key_der(&spki).unwrap(),
        key.to_public_key()
    );
    // And our PKCS#8 PEM export reproduces the Python fixture byte for byte.
    assert_eq!(
        export_kp(&mut ctx, kp, KeyPairEncoding::Pem),
        RSA_3072_PEM.as_bytes()
    );
}

#[test]
fn rsa_round_trips_every_algorithm_and_encoding() {
    let mut ctx = CryptoCtx::new();
    let msg = b"round trip";
    // The only RSA key generation of this suite: 2048 bits, reused (via PKCS#8) for every
    // 2048-bit algorithm. 3072 and 4096 bits use the fixtures.
    let generated = ctx
        .keypair_generate(SIG, "RSA_PSS_2048_SHA256", None)
        .unwrap();
    let generated_der = export_kp(&mut ctx, generated, KeyPairEncoding::Pkcs8);
    let generated_pk = ctx.keypair_publickey(generated).unwrap();
    assert_eq!(ctx.publickey_verify(generated_pk), Ok(()));

    for &(alg, bits) in RSA_ALGORITHMS {
        let kp = match bits {
            2048 => ctx
                .keypair_import(SIG, alg, &generated_der, KeyPairEncoding::Pkcs8)
                .unwrap(),
            _ => import_fixture(&mut ctx, alg, bits).0,
        };
        let pk = ctx.keypair_publickey(kp).unwrap();
        let sk = ctx.keypair_secretkey(kp).unwrap();
        let reference = sign(&mut ctx, kp, msg);
        assert_eq!(reference.len(), bits / 8, "{alg}");

        for enc in [KeyPairEncoding::Pkcs8, KeyPairEncoding::Pem] {
            let bytes = export_kp(&mut ctx, kp, enc);
            let kp2 = ctx.keypair_import(SIG, alg, &bytes, enc).unwrap();
            let sig = sign(&mut ctx, kp2, msg);
            assert_eq!(
                verify(&mut ctx, alg, pk, msg, &sig),
                Ok(()),
                "{alg} {enc:?}"
            );
            assert_eq!(export_kp(&mut ctx, kp2, enc), bytes, "{alg} {enc:?}");
            ctx.keypair_close(kp2).unwrap();
        }
        for enc in [PublicKeyEncoding::Pkcs8, PublicKeyEncoding::Pem] {
            let bytes = export_pk(&mut ctx, pk, enc);
            let pk2 = ctx.publickey_import(SIG, alg, &bytes, enc).unwrap();
            assert_eq!(
                verify(&mut ctx, alg, pk2, msg, &reference),
                Ok(()),
                "{alg} {enc:?}"
            );
            assert_eq!(export_pk(&mut ctx, pk2, enc), bytes, "{alg} {enc:?}");
            ctx.publickey_close(pk2).unwrap();
        }
        for enc in [SecretKeyEncoding::Pkcs8, SecretKeyEncoding::Pem] {
            let bytes = export_sk(&mut ctx, sk, enc);
            let sk2 = ctx.secretkey_import(SIG, alg, &bytes, enc).unwrap();
            let pk2 = ctx.publickey_from_secretkey(sk2).unwrap();
            let kp2 = ctx.keypair_from_pk_and_sk(pk2, sk2).unwrap();
            let sig = sign(&mut ctx, kp2, msg);
            assert_eq!(
                verify(&mut ctx, alg, pk, msg, &sig),
                Ok(()),
                "{alg} {enc:?}"
            );
            assert_eq!(export_sk(&mut ctx, sk2, enc), bytes, "{alg} {enc:?}");
            ctx.keypair_close(kp2).unwrap();
            ctx.publickey_close(pk2).unwrap();
            ctx.secretkey_close(sk2).unwrap();
        }
        // The signature round-trips through `raw`, and the state stays usable after signing.
        let st = ctx.signature_state_open(kp).unwrap();
        ctx.signature_state_update(st, b"round").unwrap();
        let first = ctx.signature_state_sign(st).unwrap();
        ctx.signature_state_update(st, b" trip").unwrap();
        let second = ctx.signature_state_sign(st).unwrap();
        let out = ctx.signature_export(first, SignatureEncoding::Raw).unwrap();
        let first = pull_all(&mut ctx, out);
        let out = ctx
            .signature_export(second, SignatureEncoding::Raw)
            .unwrap();
        let second = pull_all(&mut ctx, out);
        assert_eq!(verify(&mut ctx, alg, pk, b"round", &first), Ok(()), "{alg}");
        assert_eq!(verify(&mut ctx, alg, pk, msg, &second), Ok(()), "{alg}");
        assert_eq!(
            verify(&mut ctx, alg, pk, msg, &first),
            Err(CryptoError::VerificationFailed),
            "{alg}"
        );
        ctx.keypair_close(kp).unwrap();
        ctx.publickey_close(pk).unwrap();
        ctx.secretkey_close(sk).unwrap();
    }
}

#[test]
fn rsa_errors() {
    let mut ctx = CryptoCtx::new();
    let alg = "RSA_PKCS1_2048_SHA256";
    let (kp, pk) = import_fixture(&mut ctx, alg, 2048);
    let sk = ctx.keypair_secretkey(kp).unwrap();
    let der = export_kp(&mut ctx, kp, KeyPairEncoding::Pkcs8);
    let spki = export_pk(&mut ctx, pk, PublicKeyEncoding::Pkcs8);
    let spki_pem = export_pk(&mut ctx, pk, PublicKeyEncoding::Pem);

    // Garbage key bytes.
    for bad in [
        &[][..],
        &[0x30; 40],
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        &der[..100],
    ] {
        assert_eq!(
            ctx.keypair_import(SIG, alg, bad, KeyPairEncoding::Pkcs8),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.keypair_import(SIG, alg, bad, KeyPairEncoding::Pem),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.publickey_import(SIG, alg, bad, PublicKeyEncoding::Pkcs8),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.publickey_import(SIG, alg, bad, PublicKeyEncoding::Pem),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.secretkey_import(SIG, alg, bad, SecretKeyEncoding::Pkcs8),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.secretkey_import(SIG, alg, bad, SecretKeyEncoding::Pem),
            Err(CryptoError::InvalidKey)
        );
    }
    // A key with a corrupted prime fails validation (p·q ≠ n).
    let prime = {
        use rsa::pkcs8::DecodePrivateKey;
        use rsa::traits::PrivateKeyParts;
        let key = rsa::PrivateKey::from_pkcs8_der(&der).unwrap();
        key.primes()[0].to_be_bytes()
    };
    let at = der
        .windows(prime.len())
        .position(|w| w == &prime[..])
        .unwrap()
        + prime.len() / 2;
    let mut corrupted = der.clone();
    corrupted[at] ^= 0x01;
    assert_eq!(
        ctx.keypair_import(SIG, alg, &corrupted, KeyPairEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );
    // An Ed25519 key given to RSA; an oversized input.
    assert_eq!(
        ctx.keypair_import(
            SIG,
            alg,
            RFC8410_PRIVATE_PEM.as_bytes(),
            KeyPairEncoding::Pem
        ),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        ctx.keypair_import(SIG, alg, &vec![0x30; 20_000], KeyPairEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );

    // The modulus size must match the name exactly.
    for (wrong_alg, bits) in [
        ("RSA_PKCS1_3072_SHA384", 3072),
        ("RSA_PSS_4096_SHA512", 4096),
    ] {
        assert_eq!(
            ctx.keypair_import(SIG, wrong_alg, &der, KeyPairEncoding::Pkcs8),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.keypair_import(
                SIG,
                wrong_alg,
                RSA_2048_PEM.as_bytes(),
                KeyPairEncoding::Pem
            ),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.secretkey_import(SIG, wrong_alg, &der, SecretKeyEncoding::Pkcs8),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.publickey_import(SIG, wrong_alg, &spki, PublicKeyEncoding::Pkcs8),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            ctx.publickey_import(SIG, wrong_alg, &spki_pem, PublicKeyEncoding::Pem),
            Err(CryptoError::InvalidKey)
        );
        // ... and the other way round.
        assert_eq!(
            ctx.keypair_import(SIG, alg, fixture(bits).as_bytes(), KeyPairEncoding::Pem),
            Err(CryptoError::InvalidKey)
        );
    }

    // Unsupported encodings.
    assert_eq!(
        ctx.keypair_import(SIG, alg, &der, KeyPairEncoding::Raw),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.keypair_import(SIG, alg, &der, KeyPairEncoding::Local),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.publickey_import(SIG, alg, &spki, PublicKeyEncoding::Raw),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.publickey_import(SIG, alg, &spki, PublicKeyEncoding::Sec),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.secretkey_import(SIG, alg, &der, SecretKeyEncoding::Raw),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.secretkey_import(SIG, alg, &der, SecretKeyEncoding::Sec),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.keypair_export(kp, KeyPairEncoding::Raw),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.publickey_export(pk, PublicKeyEncoding::Raw),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.publickey_export(pk, PublicKeyEncoding::Sec),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.secretkey_export(sk, SecretKeyEncoding::Raw),
        Err(CryptoError::UnsupportedEncoding)
    );
    assert_eq!(
        ctx.secretkey_export(sk, SecretKeyEncoding::Sec),
        Err(CryptoError::UnsupportedEncoding)
    );
    let good_sig = unhex(PKCS1_VECTORS[0].1);
    assert_eq!(
        ctx.signature_import(alg, &good_sig, SignatureEncoding::Der),
        Err(CryptoError::UnsupportedEncoding)
    );
    let sig = ctx
        .signature_import(alg, &good_sig, SignatureEncoding::Raw)
        .unwrap();
    assert_eq!(
        ctx.signature_export(sig, SignatureEncoding::Der),
        Err(CryptoError::UnsupportedEncoding)
    );

    // Wrong-length signatures.
    for len in [0, 255, 257, 384, 512] {
        assert_eq!(
            ctx.signature_import(alg, &vec![1; len], SignatureEncoding::Raw),
            Err(CryptoError::InvalidSignature)
        );
    }
    assert_eq!(
        ctx.signature_import("RSA_PSS_3072_SHA384", &good_sig, SignatureEncoding::Raw),
        Err(CryptoError::InvalidSignature)
    );

    // Tampered message, tampered signature, a value ≥ n.
    assert_eq!(verify(&mut ctx, alg, pk, RSA_MESSAGE, &good_sig), Ok(()));
    assert_eq!(
        verify(
            &mut ctx,
            alg,
            pk,
            b"wasicrypt: RSA signature test vectoR",
            &good_sig
        ),
        Err(CryptoError::VerificationFailed)
    );
    let mut flipped = good_sig.clone();
    flipped[100] ^= 0x40;
    assert_eq!(
        verify(&mut ctx, alg, pk, RSA_MESSAGE, &flipped),
        Err(CryptoError::VerificationFailed)
    );
    assert_eq!(
        verify(&mut ctx, alg, pk, RSA_MESSAGE, &[0xff; 256]),
        Err(CryptoError::VerificationFailed)
    );

    // A signature of another algorithm (same size) → invalid_signature; so is an Ed25519 one.
    let pss_sig = ctx
        .signature_import("RSA_PSS_2048_SHA256", &good_sig, SignatureEncoding::Raw)
        .unwrap();
    let st = ctx.signature_verification_state_open(pk).unwrap();
    ctx.signature_verification_state_update(st, RSA_MESSAGE)
        .unwrap();
    assert_eq!(
        ctx.signature_verification_state_verify(st, pss_sig),
        Err(CryptoError::InvalidSignature)
    );
    let ed_sig = ctx
        .signature_import(
            "Ed25519",
            &unhex(RFC8032_VECTORS[0].4),
            SignatureEncoding::Raw,
        )
        .unwrap();
    assert_eq!(
        ctx.signature_verification_state_verify(st, ed_sig),
        Err(CryptoError::InvalidSignature)
    );
    assert_eq!(ctx.signature_verification_state_verify(st, sig), Ok(()));
    // ... and the other way round: an RSA signature given to an Ed25519 verifier.
    let ed_pk = ctx
        .publickey_import(
            SIG,
            "Ed25519",
            &unhex(RFC8032_VECTORS[0].2),
            PublicKeyEncoding::Raw,
        )
        .unwrap();
    let ed_st = ctx.signature_verification_state_open(ed_pk).unwrap();
    assert_eq!(
        ctx.signature_verification_state_verify(ed_st, sig),
        Err(CryptoError::InvalidSignature)
    );

    // keypair_from_pk_and_sk: another key of the same algorithm → invalid_key; another algorithm
    // (even the same key under the PSS name, or an Ed25519 key) → incompatible_keys.
    // The "other key" is the fixture's public key with one middle byte of the modulus changed
    // (still odd, still 2048 bits).
    let mut other_spki = spki.clone();
    let mid = other_spki.len() / 2;
    other_spki[mid] ^= 0x01;
    let other_pk = ctx
        .publickey_import(SIG, alg, &other_spki, PublicKeyEncoding::Pkcs8)
        .unwrap();
    assert_eq!(
        ctx.keypair_from_pk_and_sk(other_pk, sk),
        Err(CryptoError::InvalidKey)
    );
    let pss_pk = ctx
        .publickey_import(SIG, "RSA_PSS_2048_SHA256", &spki, PublicKeyEncoding::Pkcs8)
        .unwrap();
    assert_eq!(
        ctx.keypair_from_pk_and_sk(pss_pk, sk),
        Err(CryptoError::IncompatibleKeys)
    );
    assert_eq!(
        ctx.keypair_from_pk_and_sk(ed_pk, sk),
        Err(CryptoError::IncompatibleKeys)
    );
    let ed_kp = ctx.keypair_generate(SIG, "Ed25519", None).unwrap();
    let ed_sk = ctx.keypair_secretkey(ed_kp).unwrap();
    assert_eq!(
        ctx.keypair_from_pk_and_sk(pk, ed_sk),
        Err(CryptoError::IncompatibleKeys)
    );

    // States and operations on the wrong handle kind.
    assert_eq!(
        ctx.signature_state_open(pk),
        Err(CryptoError::InvalidHandle)
    );
    assert_eq!(
        ctx.signature_state_open(sk),
        Err(CryptoError::InvalidHandle)
    );
    assert_eq!(ctx.kx_dh(pk, sk), Err(CryptoError::InvalidOperation));
}

/// An `id-RSASSA-PSS` SubjectPublicKeyInfo (RFC 4055 §3.1) is accepted for a PSS name when its
/// parameters are absent or match the name, and is `invalid_key` otherwise. The parameters are the
/// DER `RSASSA-PSS-params` of Wycheproof's `rsa_pss_2048_sha256_mgf1_32_params` keys (SHA-256,
/// MGF1-SHA-256, salt 32).
#[test]
fn rsa_pss_spki_parameters_must_match_the_name() {
    use spki::der::{Decode, Encode};
    const PSS_SHA256_PARAMS: &str = "3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120";
    let mut ctx = CryptoCtx::new();
    let kp = ctx
        .keypair_import(
            SIG,
            "RSA_PSS_2048_SHA256",
            RSA_2048_PEM.as_bytes(),
            KeyPairEncoding::Pem,
        )
        .unwrap();
    let pk = ctx.keypair_publickey(kp).unwrap();
    let plain = export_pk(&mut ctx, pk, PublicKeyEncoding::Pkcs8);
    let plain = spki::SubjectPublicKeyInfoRef::from_der(&plain).unwrap();
    let pss_spki = |params: Option<&[u8]>| {
        spki::SubjectPublicKeyInfoOwned {
            algorithm: spki::AlgorithmIdentifierOwned {
                oid: spki::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10"),
                parameters: params.map(|p| spki::der::Any::from_der(p).unwrap()),
            },
            subject_public_key: spki::der::asn1::BitString::from_bytes(
                plain.subject_public_key.raw_bytes(),
            )
            .unwrap(),
        }
        .to_der()
        .unwrap()
    };
    let with_params = pss_spki(Some(&unhex(PSS_SHA256_PARAMS)));
    let without_params = pss_spki(None);

    let sig = sign(&mut ctx, kp, b"message");
    for der in [&with_params, &without_params] {
        let imported = ctx
            .publickey_import(SIG, "RSA_PSS_2048_SHA256", der, PublicKeyEncoding::Pkcs8)
            .unwrap();
        assert_eq!(
            verify(&mut ctx, "RSA_PSS_2048_SHA256", imported, b"message", &sig),
            Ok(())
        );
    }
    // Parameters for another hash, and a PSS-only key offered for PKCS#1 v1.5.
    assert_eq!(
        ctx.publickey_import(
            SIG,
            "RSA_PSS_2048_SHA384",
            &with_params,
            PublicKeyEncoding::Pkcs8
        ),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        ctx.publickey_import(
            SIG,
            "RSA_PKCS1_2048_SHA256",
            &without_params,
            PublicKeyEncoding::Pkcs8
        ),
        Err(CryptoError::InvalidKey)
    );
}
