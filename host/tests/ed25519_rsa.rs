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
    // Up to the limit, in pieces, signs and verifies.
    let st = ctx.signature_state_open(kp).unwrap();
    ctx.signature_state_update(st, &[1; 10]).unwrap();
    ctx.signature_state_update(st, &[3; 6]).unwrap();
    let sig = ctx.signature_state_sign(st).unwrap();
    let vst = ctx.signature_verification_state_open(pk).unwrap();
    ctx.signature_verification_state_update(vst, &[1; 10])
        .unwrap();
    ctx.signature_verification_state_update(vst, &[3; 6])
        .unwrap();
    assert_eq!(ctx.signature_verification_state_verify(vst, sig), Ok(()));
}

#[test]
fn a_failed_ed25519_update_poisons_the_state() {
    // Once a signature over the first 16 bytes only was returned after an `overflow`.
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
    // Nothing more goes in, and no signature comes out, until the state is closed.
    assert_eq!(
        ctx.signature_state_update(st, &[3; 6]),
        Err(CryptoError::Overflow)
    );
    assert_eq!(ctx.signature_state_sign(st), Err(CryptoError::Overflow));
    ctx.signature_state_close(st).unwrap();
    let good = ctx.signature_state_open(kp).unwrap();
    let sig = ctx.signature_state_sign(good).unwrap();
    // The verification side alike: a failed update is never "verified".
    let vst = ctx.signature_verification_state_open(pk).unwrap();
    assert_eq!(
        ctx.signature_verification_state_update(vst, &[0; 17]),
        Err(CryptoError::Overflow)
    );
    assert_eq!(
        ctx.signature_verification_state_verify(vst, sig),
        Err(CryptoError::Overflow)
    );
}

// ---------------------------------------------------------------------------------------------
// RSA
// ---------------------------------------------------------------------------------------------

const RSA_2048_PEM: &str = include_str!("data/rsa-2048.pem");
const RSA_3072_PEM: &str = include_str!("data/rsa-3072.pem");
const RSA_4096_PEM: &str = include_str!("data/rsa-4096.pem");

// `RSA_MESSAGE`, `PKCS1_VECTORS` and `PSS_VECTORS`: the Python-made RSA signature vectors.
include!("data/rsa_vectors.rs");

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
