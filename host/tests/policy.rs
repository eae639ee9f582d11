//! `Limits::policy` and `Limits::max_rsa_modulus_bits`: a denied algorithm is
//! `prohibited_operation` wherever a guest can name it; an unknown name stays
//! `unsupported_algorithm`; permitted algorithms keep working.

use wasicrypt_host::{
    AlgorithmPolicy, AlgorithmType, CryptoCtx, CryptoError, KeyPairEncoding, Limits,
    SignatureEncoding,
};

fn ctx_with(policy: AlgorithmPolicy) -> CryptoCtx {
    CryptoCtx::with_limits(Limits {
        policy,
        ..Limits::default()
    })
}

const RSA_2048_PEM: &[u8] = include_bytes!("data/rsa-2048.pem");

#[test]
fn denied_family_is_prohibited_everywhere_a_guest_names_it() {
    let mut ctx = ctx_with(AlgorithmPolicy::default().deny("RSA"));
    let sig = AlgorithmType::Signatures;
    assert_eq!(
        ctx.keypair_generate(sig, "RSA_PSS_2048_SHA256", None),
        Err(CryptoError::ProhibitedOperation)
    );
    // Case-insensitive, like the names themselves.
    assert_eq!(
        ctx.keypair_generate(sig, "rsa_pkcs1_2048_sha256", None),
        Err(CryptoError::ProhibitedOperation)
    );
    assert_eq!(
        ctx.keypair_import(
            sig,
            "RSA_PKCS1_2048_SHA256",
            RSA_2048_PEM,
            KeyPairEncoding::Pem
        ),
        Err(CryptoError::ProhibitedOperation)
    );
    assert_eq!(
        ctx.signature_import("RSA_PSS_2048_SHA256", &[0; 256], SignatureEncoding::Raw),
        Err(CryptoError::ProhibitedOperation)
    );
    // Unknown names are still reported as unknown, not as denied.
    assert_eq!(
        ctx.keypair_generate(sig, "RSA_PSS_1024_SHA256", None),
        Err(CryptoError::UnsupportedAlgorithm)
    );
    // Other families are unaffected.
    let kp = ctx.keypair_generate(sig, "Ed25519", None).unwrap();
    let state = ctx.signature_state_open(kp).unwrap();
    ctx.signature_state_update(state, b"message").unwrap();
    ctx.signature_state_sign(state).unwrap();
}

#[test]
fn allow_list_covers_symmetric_key_exchange_and_key_derivation() {
    let mut ctx = ctx_with(AlgorithmPolicy::allow_only(["HKDF-EXTRACT", "X25519"]));
    assert_eq!(
        ctx.symmetric_state_open("SHA-256", None, None),
        Err(CryptoError::ProhibitedOperation)
    );
    assert_eq!(
        ctx.symmetric_key_generate("AES-256-GCM", None),
        Err(CryptoError::ProhibitedOperation)
    );
    assert_eq!(
        ctx.symmetric_key_import("HMAC/SHA-256", b"key"),
        Err(CryptoError::ProhibitedOperation)
    );
    assert_eq!(
        ctx.keypair_generate(AlgorithmType::KeyExchange, "P256-SHA256", None),
        Err(CryptoError::ProhibitedOperation)
    );
    ctx.keypair_generate(AlgorithmType::KeyExchange, "X25519", None)
        .unwrap();

    // HKDF-EXTRACT is allowed, but squeezing its PRK into HKDF-EXPAND names a denied algorithm.
    let ikm = ctx
        .symmetric_key_import("HKDF-EXTRACT/SHA-256", b"input keying material")
        .unwrap();
    let extract = ctx
        .symmetric_state_open("HKDF-EXTRACT/SHA-256", Some(ikm), None)
        .unwrap();
    ctx.symmetric_state_absorb(extract, b"salt").unwrap();
    assert_eq!(
        ctx.symmetric_state_squeeze_key(extract, "HKDF-EXPAND/SHA-256"),
        Err(CryptoError::ProhibitedOperation)
    );
}

#[test]
fn rsa_modulus_limit() {
    let mut ctx = CryptoCtx::with_limits(Limits {
        max_rsa_modulus_bits: 2048,
        ..Limits::default()
    });
    let sig = AlgorithmType::Signatures;
    assert_eq!(
        ctx.keypair_generate(sig, "RSA_PSS_4096_SHA512", None),
        Err(CryptoError::ProhibitedOperation)
    );
    assert_eq!(
        ctx.keypair_generate(sig, "RSA_PKCS1_3072_SHA384", None),
        Err(CryptoError::ProhibitedOperation)
    );
    // 2048 bits is within the limit.
    ctx.keypair_import(
        sig,
        "RSA_PKCS1_2048_SHA256",
        RSA_2048_PEM,
        KeyPairEncoding::Pem,
    )
    .unwrap();
}

#[test]
fn context_is_send_and_sync_and_shares_objects_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<CryptoCtx>();

    let mut ctx = CryptoCtx::new();
    let key = ctx.symmetric_key_import("HMAC/SHA-256", b"key").unwrap();
    let state = ctx
        .symmetric_state_open("HMAC/SHA-256", Some(key), None)
        .unwrap();
    ctx.symmetric_state_absorb(state, b"data").unwrap();
    let tag = ctx.symmetric_state_squeeze_tag(state).unwrap();
    let mut raw = [0u8; 32];
    let copy = ctx.symmetric_state_squeeze_tag(state).unwrap();
    ctx.symmetric_tag_pull(copy, &mut raw).unwrap();

    // Read-only operations through `&CryptoCtx` from several threads at once.
    let ctx = &ctx;
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(move || {
                for _ in 0..100 {
                    assert_eq!(ctx.symmetric_tag_len(tag), Ok(32));
                    assert_eq!(ctx.symmetric_tag_verify(tag, &raw), Ok(()));
                    assert_eq!(
                        ctx.symmetric_tag_verify(tag, &[0; 32]),
                        Err(CryptoError::InvalidTag)
                    );
                }
            });
        }
    });
}
