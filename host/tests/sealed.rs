//! Sealed key pairs (`CryptoCtx::keypair_import_sealed`): a guest uses the key, never exports it.

mod common;

use common::{export_kp, pull_all};
use wasicrypt_host::{
    AlgorithmType, CryptoCtx, CryptoError, KeyPairEncoding, PublicKeyEncoding, SecretKeyEncoding,
};

/// A context holding a sealed copy of a fresh key pair of `alg`, and that key pair's PKCS#8.
fn sealed(alg_type: AlgorithmType, alg: &str) -> (CryptoCtx, u32, Vec<u8>) {
    let mut service = CryptoCtx::new();
    let kp = service.keypair_generate(alg_type, alg, None).unwrap();
    let pkcs8 = export_kp(&mut service, kp, KeyPairEncoding::Pkcs8);
    let mut guest = CryptoCtx::new();
    let handle = guest
        .keypair_import_sealed(alg_type, alg, &pkcs8, KeyPairEncoding::Pkcs8)
        .unwrap();
    (guest, handle, pkcs8)
}

#[test]
fn a_sealed_key_pair_signs_but_never_exports() {
    let (mut cx, kp, _) = sealed(AlgorithmType::Signatures, "Ed25519");
    for encoding in [
        KeyPairEncoding::Raw,
        KeyPairEncoding::Pkcs8,
        KeyPairEncoding::Pem,
    ] {
        assert_eq!(
            cx.keypair_export(kp, encoding),
            Err(CryptoError::ProhibitedOperation)
        );
    }
    let sk = cx.keypair_secretkey(kp).unwrap();
    for encoding in [
        SecretKeyEncoding::Raw,
        SecretKeyEncoding::Pkcs8,
        SecretKeyEncoding::Pem,
    ] {
        assert_eq!(
            cx.secretkey_export(sk, encoding),
            Err(CryptoError::ProhibitedOperation)
        );
    }
    // Rebuilding a key pair from its parts keeps it sealed.
    let pk = cx.keypair_publickey(kp).unwrap();
    let rebuilt = cx.keypair_from_pk_and_sk(pk, sk).unwrap();
    assert_eq!(
        cx.keypair_export(rebuilt, KeyPairEncoding::Raw),
        Err(CryptoError::ProhibitedOperation)
    );
    // The public key is public, and the key signs.
    let spki = cx.publickey_export(pk, PublicKeyEncoding::Pkcs8).unwrap();
    assert!(!pull_all(&mut cx, spki).is_empty());
    let state = cx.signature_state_open(kp).unwrap();
    cx.signature_state_update(state, b"message").unwrap();
    let signature = cx.signature_state_sign(state).unwrap();
    let verify = cx.signature_verification_state_open(pk).unwrap();
    cx.signature_verification_state_update(verify, b"message")
        .unwrap();
    cx.signature_verification_state_verify(verify, signature)
        .unwrap();
}

#[test]
fn a_sealed_key_exchange_secret_agrees_but_never_exports() {
    let (mut cx, kp, _) = sealed(AlgorithmType::KeyExchange, "X25519");
    let sk = cx.keypair_secretkey(kp).unwrap();
    assert_eq!(
        cx.secretkey_export(sk, SecretKeyEncoding::Raw),
        Err(CryptoError::ProhibitedOperation)
    );
    let peer = cx
        .keypair_generate(AlgorithmType::KeyExchange, "X25519", None)
        .unwrap();
    let peer_pk = cx.keypair_publickey(peer).unwrap();
    let peer_sk = cx.keypair_secretkey(peer).unwrap();
    let pk = cx.keypair_publickey(kp).unwrap();
    let ours = cx.kx_dh(peer_pk, sk).unwrap();
    let theirs = cx.kx_dh(pk, peer_sk).unwrap();
    assert_eq!(pull_all(&mut cx, ours), pull_all(&mut cx, theirs));
}

#[test]
fn sealed_import_has_the_errors_of_import() {
    let mut cx = CryptoCtx::new();
    assert_eq!(
        cx.keypair_import_sealed(
            AlgorithmType::Signatures,
            "Ed25519",
            b"not a key",
            KeyPairEncoding::Pkcs8
        ),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        cx.keypair_import_sealed(AlgorithmType::Signatures, "NOPE", b"", KeyPairEncoding::Raw),
        Err(CryptoError::UnsupportedAlgorithm)
    );
    assert_eq!(cx.open_handles(), 0);
}
