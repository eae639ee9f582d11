//! Host-direct tests of the symmetric core: known answers, behaviour rules and the exact
//! `crypto_errno` of each bad input, through [`CryptoCtx`] without a wasm engine.
//!
//! Vectors: FIPS 180-4 examples ("abc"), RFC 4231 §4.2 (test case 1), RFC 5869 §A.1,
//! the GCM specification (McGrew & Viega) test case 3, RFC 8439 §2.8.2. Each was re-checked with
//! Python's `hashlib`/`hmac` and `cryptography` before being written here.

use wasicrypt_host::{AlgorithmType, CryptoCtx, CryptoError, Handle};

mod common;
use common::{pull_all, unhex};

fn hash(ctx: &mut CryptoCtx, alg: &str, data: &[u8], len: usize) -> Result<Vec<u8>, CryptoError> {
    let st = ctx.symmetric_state_open(alg, None, None)?;
    ctx.symmetric_state_absorb(st, data)?;
    let mut out = vec![0; len];
    let r = ctx.symmetric_state_squeeze(st, &mut out);
    ctx.symmetric_state_close(st)?;
    r.map(|()| out)
}

fn nonce_options(ctx: &mut CryptoCtx, nonce: &[u8]) -> Handle {
    let o = ctx.options_open(AlgorithmType::Symmetric).unwrap();
    ctx.options_set(o, "nonce", nonce).unwrap();
    o
}

#[test]
fn sha2_known_answers_fips_180_4() {
    let mut ctx = CryptoCtx::new();
    let cases = [
        (
            "SHA-256",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ),
        (
            "SHA-384",
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
        ),
        (
            "SHA-512",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        ),
        (
            "SHA-512/256",
            "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
        ),
    ];
    for (alg, want) in cases {
        let want = unhex(want);
        assert_eq!(
            hash(&mut ctx, alg, b"abc", want.len()).unwrap(),
            want,
            "{alg}"
        );
        // Shorter output truncates; longer is invalid_length.
        assert_eq!(hash(&mut ctx, alg, b"abc", 5).unwrap(), want[..5], "{alg}");
        assert_eq!(
            hash(&mut ctx, alg, b"abc", want.len() + 1),
            Err(CryptoError::InvalidLength),
            "{alg}"
        );
    }
    // Names are case-insensitive.
    assert_eq!(
        hash(&mut ctx, "sha-256", b"abc", 32).unwrap(),
        hash(&mut ctx, "SHA-256", b"abc", 32).unwrap()
    );
    assert_eq!(ctx.open_handles(), 0);
}

#[test]
fn hash_squeeze_finalizes_a_copy() {
    let mut ctx = CryptoCtx::new();
    let st = ctx.symmetric_state_open("SHA-256", None, None).unwrap();
    ctx.symmetric_state_absorb(st, b"ab").unwrap();
    let mut first = [0; 32];
    ctx.symmetric_state_squeeze(st, &mut first).unwrap();
    ctx.symmetric_state_absorb(st, b"c").unwrap();
    let mut second = [0; 32];
    ctx.symmetric_state_squeeze(st, &mut second).unwrap();
    assert_eq!(
        first.to_vec(),
        hash(&mut ctx, "SHA-256", b"ab", 32).unwrap()
    );
    assert_eq!(
        second.to_vec(),
        hash(&mut ctx, "SHA-256", b"abc", 32).unwrap()
    );
}

#[test]
fn state_clone_is_deep() {
    let mut ctx = CryptoCtx::new();
    let a = ctx.symmetric_state_open("SHA-512", None, None).unwrap();
    ctx.symmetric_state_absorb(a, b"a").unwrap();
    let b = ctx.symmetric_state_clone(a).unwrap();
    ctx.symmetric_state_absorb(a, b"bc").unwrap();
    ctx.symmetric_state_absorb(b, b"xyz").unwrap();
    let (mut da, mut db) = ([0; 64], [0; 64]);
    ctx.symmetric_state_squeeze(a, &mut da).unwrap();
    ctx.symmetric_state_squeeze(b, &mut db).unwrap();
    assert_eq!(da.to_vec(), hash(&mut ctx, "SHA-512", b"abc", 64).unwrap());
    assert_eq!(db.to_vec(), hash(&mut ctx, "SHA-512", b"axyz", 64).unwrap());
}

#[test]
fn hmac_rfc_4231_case_1_and_tags() {
    let mut ctx = CryptoCtx::new();
    let cases = [
        (
            "HMAC/SHA-256",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        ),
        (
            "HMAC/SHA-384",
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
        ),
        (
            "HMAC/SHA-512",
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
        ),
    ];
    for (alg, want) in cases {
        let want = unhex(want);
        let key = ctx.symmetric_key_import(alg, &[0x0b; 20]).unwrap();
        let st = ctx.symmetric_state_open(alg, Some(key), None).unwrap();
        ctx.symmetric_key_close(key).unwrap(); // the state keeps its own reference
        ctx.symmetric_state_absorb(st, b"Hi ").unwrap();
        ctx.symmetric_state_absorb(st, b"There").unwrap();
        // A MAC has no "maximum tag length" (that is the padding rule of ciphers): the
        // reference host and WasmEdge answer `invalid_operation`, and so does this one.
        assert_eq!(
            ctx.symmetric_state_max_tag_len(st),
            Err(CryptoError::InvalidOperation)
        );
        let tag = ctx.symmetric_state_squeeze_tag(st).unwrap();
        assert_eq!(ctx.symmetric_tag_len(tag), Ok(want.len()));
        assert_eq!(ctx.symmetric_tag_verify(tag, &want), Ok(()));
        let mut wrong = want.clone();
        wrong[0] ^= 1;
        assert_eq!(
            ctx.symmetric_tag_verify(tag, &wrong),
            Err(CryptoError::InvalidTag)
        );
        assert_eq!(
            ctx.symmetric_tag_verify(tag, &want[1..]),
            Err(CryptoError::InvalidTag)
        );
        let mut short = vec![0; want.len() - 1];
        assert_eq!(
            ctx.symmetric_tag_pull(tag, &mut short),
            Err(CryptoError::Overflow)
        );
        let mut buf = vec![0; want.len() + 3];
        assert_eq!(ctx.symmetric_tag_pull(tag, &mut buf), Ok(want.len()));
        assert_eq!(buf[..want.len()], want[..]);
        // Pulling closes the tag.
        assert_eq!(ctx.symmetric_tag_len(tag), Err(CryptoError::InvalidHandle));
        assert_eq!(
            ctx.symmetric_state_squeeze(st, &mut [0; 4]),
            Err(CryptoError::InvalidOperation)
        );
        ctx.symmetric_state_close(st).unwrap();
    }
    assert_eq!(ctx.open_handles(), 0);
}

#[test]
fn hkdf_rfc_5869_case_1() {
    let mut ctx = CryptoCtx::new();
    let ikm = ctx
        .symmetric_key_import("HKDF-EXTRACT/SHA-256", &[0x0b; 22])
        .unwrap();
    let st = ctx
        .symmetric_state_open("HKDF-EXTRACT/SHA-256", Some(ikm), None)
        .unwrap();
    ctx.symmetric_state_absorb(st, &unhex("000102030405060708090a0b0c"))
        .unwrap();
    assert_eq!(
        ctx.symmetric_state_squeeze_key(st, "AES-256-GCM"),
        Err(CryptoError::UnsupportedAlgorithm)
    );
    assert_eq!(
        ctx.symmetric_state_squeeze_key(st, "HKDF-EXPAND/SHA-512"),
        Err(CryptoError::UnsupportedAlgorithm)
    );
    let prk = ctx
        .symmetric_state_squeeze_key(st, "HKDF-EXPAND/SHA-256")
        .unwrap();
    let exported = ctx.symmetric_key_export(prk).unwrap();
    assert_eq!(
        pull_all(&mut ctx, exported),
        unhex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5")
    );
    let ex = ctx
        .symmetric_state_open("HKDF-EXPAND/SHA-256", Some(prk), None)
        .unwrap();
    ctx.symmetric_state_absorb(ex, &unhex("f0f1f2f3f4f5f6f7f8f9"))
        .unwrap();
    let mut okm = [0; 42];
    ctx.symmetric_state_squeeze(ex, &mut okm).unwrap();
    assert_eq!(
        okm.to_vec(),
        unhex(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        )
    );
    // L = 255·HashLen is the maximum.
    assert_eq!(
        ctx.symmetric_state_squeeze(ex, &mut vec![0; 255 * 32]),
        Ok(())
    );
    assert_eq!(
        ctx.symmetric_state_squeeze(ex, &mut vec![0; 255 * 32 + 1]),
        Err(CryptoError::InvalidLength)
    );
    // A PRK shorter than HashLen is not a PRK.
    assert_eq!(
        ctx.symmetric_key_import("HKDF-EXPAND/SHA-256", &[0; 31]),
        Err(CryptoError::InvalidKey)
    );
}

#[test]
fn aes_gcm_test_case_3_attached_and_detached() {
    let mut ctx = CryptoCtx::new();
    let pt = unhex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
    );
    let ct_tag = unhex(
        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f59854d5c2af327cd64a62cf35abd2ba6fab4",
    );
    let key = ctx
        .symmetric_key_import("AES-128-GCM", &unhex("feffe9928665731c6d6a8f9467308308"))
        .unwrap();
    let opts = nonce_options(&mut ctx, &unhex("cafebabefacedbaddecaf888"));
    let st = ctx
        .symmetric_state_open("AES-128-GCM", Some(key), Some(opts))
        .unwrap();
    ctx.options_close(opts).unwrap();
    assert_eq!(ctx.symmetric_state_max_tag_len(st), Ok(16));
    assert_eq!(
        ctx.symmetric_state_options_get(st, "nonce"),
        Ok(unhex("cafebabefacedbaddecaf888"))
    );

    assert_eq!(
        ctx.symmetric_state_encrypt(st, &mut vec![0; pt.len() + 15], &pt),
        Err(CryptoError::Overflow)
    );
    let mut out = vec![0; pt.len() + 16];
    assert_eq!(
        ctx.symmetric_state_encrypt(st, &mut out, &pt),
        Ok(ct_tag.len())
    );
    assert_eq!(out, ct_tag);
    // The nonce is spent: no second encryption, on this state or on a clone of it.
    assert_eq!(
        ctx.symmetric_state_encrypt(st, &mut out, &pt),
        Err(CryptoError::NonceRequired)
    );

    let mut back = vec![0; pt.len()];
    assert_eq!(
        ctx.symmetric_state_decrypt(st, &mut back, &ct_tag),
        Ok(pt.len())
    );
    assert_eq!(back, pt);
    let (ct, tag) = ct_tag.split_at(pt.len());
    let mut back2 = vec![0; pt.len()];
    assert_eq!(
        ctx.symmetric_state_decrypt_detached(st, &mut back2, ct, tag),
        Ok(pt.len())
    );
    assert_eq!(back2, pt);
    assert_eq!(
        ctx.symmetric_state_decrypt_detached(st, &mut back2, ct, &tag[..15]),
        Err(CryptoError::InvalidTag)
    );

    let mut forged = ct_tag.clone();
    forged[3] ^= 0x40;
    let mut garbage = vec![0xaa; pt.len()];
    assert_eq!(
        ctx.symmetric_state_decrypt(st, &mut garbage, &forged),
        Err(CryptoError::InvalidTag)
    );
    assert!(
        garbage.iter().all(|&b| b == 0),
        "output is zeroed on failure"
    );
    assert_eq!(
        ctx.symmetric_state_decrypt(st, &mut garbage, &ct_tag[..15]),
        Err(CryptoError::InvalidTag)
    );

    // Detached encryption on a fresh state gives the same ciphertext and tag.
    let opts = nonce_options(&mut ctx, &unhex("cafebabefacedbaddecaf888"));
    let st2 = ctx
        .symmetric_state_open("aes-128-gcm", Some(key), Some(opts))
        .unwrap();
    let clone = ctx.symmetric_state_clone(st2).unwrap();
    let mut ct2 = vec![0; pt.len()];
    let tag2 = ctx
        .symmetric_state_encrypt_detached(st2, &mut ct2, &pt)
        .unwrap();
    assert_eq!(ct2, ct);
    assert_eq!(ctx.symmetric_tag_verify(tag2, tag), Ok(()));
    assert_eq!(
        ctx.symmetric_state_encrypt(clone, &mut out, &pt),
        Err(CryptoError::NonceRequired)
    );
}

#[test]
fn chacha20_poly1305_rfc_8439_2_8_2() {
    let mut ctx = CryptoCtx::new();
    let pt = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
    let want = unhex(
        "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b61161ae10b594f09e26a7e902ecbd0600691",
    );
    let key_bytes: Vec<u8> = (0x80..0xa0).collect();
    let key = ctx
        .symmetric_key_import("CHACHA20-POLY1305", &key_bytes)
        .unwrap();
    let opts = nonce_options(&mut ctx, &unhex("070000004041424344454647"));
    let st = ctx
        .symmetric_state_open("CHACHA20-POLY1305", Some(key), Some(opts))
        .unwrap();
    ctx.symmetric_state_absorb(st, &unhex("50515253")).unwrap();
    ctx.symmetric_state_absorb(st, &unhex("c0c1c2c3c4c5c6c7"))
        .unwrap();
    let mut out = vec![0; pt.len() + 16];
    assert_eq!(
        ctx.symmetric_state_encrypt(st, &mut out, pt),
        Ok(want.len())
    );
    assert_eq!(out, want);
}

#[test]
fn aead_key_and_nonce_rules() {
    let mut ctx = CryptoCtx::new();
    assert_eq!(
        ctx.symmetric_key_import("AES-256-GCM", &[0; 31]),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        ctx.symmetric_key_import("XCHACHA20-POLY1305", &[0; 33]),
        Err(CryptoError::InvalidKey)
    );
    let key = ctx
        .symmetric_key_generate("XCHACHA20-POLY1305", None)
        .unwrap();
    let exported = ctx.symmetric_key_export(key).unwrap();
    assert_eq!(ctx.array_output_len(exported), Ok(32));
    // Streaming pull: 5 bytes at a time, then the handle is gone.
    let mut total = 0;
    while total < 32 {
        let mut chunk = [0; 5];
        total += ctx.array_output_pull(exported, &mut chunk).unwrap();
        if total < 32 {
            assert_eq!(ctx.array_output_len(exported), Ok(32 - total));
        }
    }
    assert_eq!(
        ctx.array_output_len(exported),
        Err(CryptoError::InvalidHandle)
    );

    let wrong = nonce_options(&mut ctx, &[0; 12]);
    assert_eq!(
        ctx.symmetric_state_open("XCHACHA20-POLY1305", Some(key), Some(wrong)),
        Err(CryptoError::InvalidNonce)
    );
    let st = ctx
        .symmetric_state_open("XCHACHA20-POLY1305", Some(key), None)
        .unwrap();
    assert_eq!(
        ctx.symmetric_state_encrypt(st, &mut [0; 20], b"hi"),
        Err(CryptoError::NonceRequired)
    );
    assert_eq!(
        ctx.symmetric_state_decrypt(st, &mut [0; 20], &[0; 18]),
        Err(CryptoError::NonceRequired)
    );
    assert_eq!(
        ctx.symmetric_state_options_get(st, "nonce"),
        Err(CryptoError::OptionNotSet)
    );
    assert_eq!(
        ctx.symmetric_state_options_get(st, "colour"),
        Err(CryptoError::UnsupportedOption)
    );
    assert_eq!(
        ctx.symmetric_state_options_get_u64(st, "ops_limit"),
        Err(CryptoError::OptionNotSet)
    );
    assert_eq!(
        ctx.symmetric_state_open("AES-256-GCM", Some(key), None),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        ctx.symmetric_state_open("AES-256-GCM", None, None),
        Err(CryptoError::KeyRequired)
    );
    assert_eq!(
        ctx.symmetric_state_squeeze(st, &mut [0; 16]),
        Err(CryptoError::InvalidOperation)
    );
    assert_eq!(
        ctx.symmetric_state_squeeze_tag(st),
        Err(CryptoError::InvalidOperation)
    );
    assert_eq!(
        ctx.symmetric_state_ratchet(st),
        Err(CryptoError::InvalidOperation)
    );
}

#[test]
fn errno_for_bad_names_keys_handles_and_options() {
    let mut ctx = CryptoCtx::new();
    assert_eq!(
        ctx.symmetric_state_open("NOPE-256", None, None),
        Err(CryptoError::UnsupportedAlgorithm)
    );
    assert_eq!(
        ctx.symmetric_key_generate("NOPE-256", None),
        Err(CryptoError::UnsupportedAlgorithm)
    );
    assert_eq!(
        ctx.symmetric_key_generate("SHA-256", None),
        Err(CryptoError::KeyNotSupported)
    );
    assert_eq!(
        ctx.symmetric_key_import("SHA-256", &[1; 32]),
        Err(CryptoError::KeyNotSupported)
    );
    let hmac_key = ctx.symmetric_key_generate("HMAC/SHA-256", None).unwrap();
    assert_eq!(
        ctx.symmetric_state_open("SHA-256", Some(hmac_key), None),
        Err(CryptoError::KeyNotSupported)
    );
    assert_eq!(
        ctx.symmetric_state_open("HMAC/SHA-256", None, None),
        Err(CryptoError::KeyRequired)
    );
    assert_eq!(
        ctx.symmetric_state_open("HMAC/SHA-512", Some(hmac_key), None),
        Err(CryptoError::InvalidKey)
    );

    // Handles of the wrong kind are invalid_handle, whatever their value.
    let st = ctx.symmetric_state_open("SHA-256", None, None).unwrap();
    assert_eq!(
        ctx.symmetric_state_absorb(hmac_key, b"x"),
        Err(CryptoError::InvalidHandle)
    );
    assert_eq!(
        ctx.symmetric_state_open("HMAC/SHA-256", Some(st), None),
        Err(CryptoError::InvalidHandle)
    );
    assert_eq!(ctx.symmetric_key_close(st), Err(CryptoError::InvalidHandle));
    assert_eq!(
        ctx.symmetric_state_absorb(0xdead_beef, b"x"),
        Err(CryptoError::InvalidHandle)
    );
    assert_eq!(
        ctx.symmetric_state_encrypt(st, &mut [0; 32], b"x"),
        Err(CryptoError::InvalidOperation)
    );
    ctx.symmetric_state_close(st).unwrap();
    assert_eq!(
        ctx.symmetric_state_close(st),
        Err(CryptoError::InvalidHandle)
    );

    let sig_opts = ctx.options_open(AlgorithmType::Signatures).unwrap();
    assert_eq!(
        ctx.options_set(sig_opts, "nonce", &[0; 12]),
        Err(CryptoError::UnsupportedOption)
    );
    assert_eq!(
        ctx.symmetric_state_open("SHA-256", None, Some(sig_opts)),
        Err(CryptoError::InvalidHandle)
    );
    let opts = ctx.options_open(AlgorithmType::Symmetric).unwrap();
    assert_eq!(
        ctx.options_set(opts, "colour", b"blue"),
        Err(CryptoError::UnsupportedOption)
    );
    assert_eq!(
        ctx.options_set(opts, "memory_limit", b"1"),
        Err(CryptoError::UnsupportedOption)
    );
    assert_eq!(
        ctx.options_set_u64(opts, "nonce", 1),
        Err(CryptoError::UnsupportedOption)
    );
    assert_eq!(ctx.options_set_u64(opts, "ops_limit", 3), Ok(()));
    assert_eq!(ctx.options_set_guest_buffer(opts, "buffer", 64), Ok(()));
    let hs = ctx
        .symmetric_state_open("SHA-256", None, Some(opts))
        .unwrap();
    assert_eq!(ctx.symmetric_state_options_get_u64(hs, "ops_limit"), Ok(3));
    assert_eq!(
        ctx.symmetric_state_options_get(hs, "ops_limit"),
        Err(CryptoError::UnsupportedOption)
    );
}

#[test]
fn handle_limit_is_too_many_handles() {
    let mut ctx = CryptoCtx::with_limits(wasicrypt_host::Limits {
        max_handles: 3,
        ..Default::default()
    });
    let hs: Vec<_> = (0..3)
        .map(|_| ctx.symmetric_state_open("SHA-256", None, None).unwrap())
        .collect();
    assert_eq!(
        ctx.symmetric_state_open("SHA-256", None, None),
        Err(CryptoError::TooManyHandles)
    );
    assert_eq!(
        ctx.symmetric_state_clone(hs[0]),
        Err(CryptoError::TooManyHandles)
    );
    ctx.symmetric_state_close(hs[1]).unwrap();
    let again = ctx.symmetric_state_open("SHA-256", None, None).unwrap();
    assert!(!hs.contains(&again) || again == hs[1]);
    assert_ne!(again, 0);
}

#[test]
fn absorb_limit_is_overflow() {
    let mut ctx = CryptoCtx::with_limits(wasicrypt_host::Limits {
        max_absorbed_bytes: 8,
        ..Default::default()
    });
    let key = ctx.symmetric_key_generate("AES-256-GCM", None).unwrap();
    let st = ctx
        .symmetric_state_open("AES-256-GCM", Some(key), None)
        .unwrap();
    assert_eq!(ctx.symmetric_state_absorb(st, &[0; 8]), Ok(()));
    assert_eq!(
        ctx.symmetric_state_absorb(st, &[0; 1]),
        Err(CryptoError::Overflow)
    );
    // Hashes buffer nothing, so the limit does not apply.
    let h = ctx.symmetric_state_open("SHA-256", None, None).unwrap();
    assert_eq!(ctx.symmetric_state_absorb(h, &[0; 64]), Ok(()));
}

#[test]
fn a_failed_absorb_poisons_aead_and_hkdf_states() {
    let mut ctx = CryptoCtx::with_limits(wasicrypt_host::Limits {
        max_absorbed_bytes: 8,
        ..Default::default()
    });
    // AEAD: no encryption over partial associated data.
    let key = ctx.symmetric_key_generate("AES-256-GCM", None).unwrap();
    let nonce = nonce_options(&mut ctx, &[0; 12]);
    let st = ctx
        .symmetric_state_open("AES-256-GCM", Some(key), Some(nonce))
        .unwrap();
    ctx.symmetric_state_absorb(st, &[1; 4]).unwrap();
    assert_eq!(
        ctx.symmetric_state_absorb(st, &[2; 5]),
        Err(CryptoError::Overflow)
    );
    let mut out = [0xAA; 32];
    assert_eq!(
        ctx.symmetric_state_encrypt(st, &mut out, &[7; 16]),
        Err(CryptoError::Overflow)
    );
    assert_eq!(out, [0xAA; 32], "no byte was copied");
    // HKDF-EXPAND: no key material over partial info.
    let prk = ctx
        .symmetric_key_import("HKDF-EXPAND/SHA-256", &[9; 32])
        .unwrap();
    let st = ctx
        .symmetric_state_open("HKDF-EXPAND/SHA-256", Some(prk), None)
        .unwrap();
    assert_eq!(
        ctx.symmetric_state_absorb(st, &[0; 9]),
        Err(CryptoError::Overflow)
    );
    assert_eq!(
        ctx.symmetric_state_absorb(st, &[0; 1]),
        Err(CryptoError::Overflow)
    );
    let mut okm = [0; 32];
    assert_eq!(
        ctx.symmetric_state_squeeze(st, &mut okm),
        Err(CryptoError::Overflow)
    );
}

#[test]
fn encrypt_without_a_fresh_nonce_copies_nothing() {
    // The plaintext once sat in `out` when `nonce_required` came back.
    let mut ctx = CryptoCtx::new();
    let key = ctx.symmetric_key_generate("AES-256-GCM", None).unwrap();
    let st = ctx
        .symmetric_state_open("AES-256-GCM", Some(key), None)
        .unwrap();
    let mut out = [0u8; 48];
    assert_eq!(
        ctx.symmetric_state_encrypt(st, &mut out, b"the plaintext 32 bytes long....."),
        Err(CryptoError::NonceRequired)
    );
    assert_eq!(
        ctx.symmetric_state_encrypt_detached(st, &mut out, b"the plaintext"),
        Err(CryptoError::NonceRequired)
    );
    assert_eq!(out, [0; 48]);
}

#[test]
fn option_names_are_case_insensitive_like_algorithm_names() {
    let mut ctx = CryptoCtx::new();
    let o = ctx.options_open(AlgorithmType::Symmetric).unwrap();
    ctx.options_set(o, "NONCE", &[3; 12]).unwrap();
    let key = ctx.symmetric_key_generate("AES-128-GCM", None).unwrap();
    let st = ctx
        .symmetric_state_open("aes-128-gcm", Some(key), Some(o))
        .unwrap();
    assert_eq!(
        ctx.symmetric_state_options_get(st, "Nonce").unwrap(),
        [3; 12]
    );
    assert_eq!(
        ctx.options_set(o, "nonces", &[0; 12]),
        Err(CryptoError::UnsupportedOption)
    );
}
