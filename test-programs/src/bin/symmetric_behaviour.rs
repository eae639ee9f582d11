//! Behaviour rules of the symmetric module (`shared/spec/NOTES.md`, "Behaviour rules"): streaming
//! array outputs, deep state clones, overlapping buffers, single-use nonces, hash finalization on a
//! copy, tag verification, options, tag lengths, key generation and HKDF key derivation.

use wasicrypt::ErrorKind;
use wasicrypt::raw::{
    CRYPTO_ERRNO_INVALID_HANDLE as INVALID_HANDLE, CRYPTO_ERRNO_SUCCESS as SUCCESS, symmetric,
};
use wasicrypt::{
    Aead, AlgorithmType, Hash, Hkdf, Hmac, KxAlgorithm, KxKeyPair, Options, SignatureAlgorithm,
    SignatureKeyPair, SymmetricAlgorithm, SymmetricKey, SymmetricState,
};
use wasicrypt_test_programs::harness::{
    Context, Harness, ensure, ensure_bytes, ensure_eq, ensure_err, ensure_errno,
};
use wasicrypt_test_programs::rawcall as r;
use wasicrypt_test_programs::unhex;

/// FIPS 180-4 example digests (NIST CSRC SHA256.pdf) and python3 `hashlib` for the others.
const SHA256_ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
/// SHA-256("ab") and SHA-256("abd"), python3 hashlib.
const SHA256_AB: &str = "fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603";
const SHA256_ABD: &str = "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9";

const NONCE: [u8; 12] = [0x5a; 12];
const MESSAGE: &[u8] = b"The quick brown fox jumps over the lazy dog, twice: the quick brown fox.";

fn aes_key() -> Result<SymmetricKey, String> {
    SymmetricKey::import("AES-256-GCM", &[0x11; 32]).ctx("import")
}

fn main() {
    let mut h = Harness::new();

    h.check(
        "typed names: same results as strings, canonical algorithm()",
        || {
            let typed = Hash::hash(SymmetricAlgorithm::Sha256, b"abc", 32).ctx("typed")?;
            let spelled = Hash::hash("sha-256", b"abc", 32).ctx("spelled")?;
            ensure_bytes("typed digest", &typed, &unhex(SHA256_ABC)?)?;
            ensure_bytes("spelled digest", &spelled, &typed)?;
            let key = SymmetricKey::import("aes-256-gcm", &[0x11; 32]).ctx("import")?;
            ensure_eq("key algorithm", key.algorithm(), "AES-256-GCM")?;
            let state = SymmetricState::open(SymmetricAlgorithm::Aes256Gcm, Some(&key), None)
                .ctx("open")?;
            ensure_eq("state algorithm", state.algorithm(), "AES-256-GCM")?;
            let pair = SignatureKeyPair::generate("ed25519").ctx("ed25519")?;
            ensure_eq("key pair algorithm", pair.algorithm(), "Ed25519")?;
            let kx = KxKeyPair::generate(KxAlgorithm::X25519).ctx("x25519")?;
            ensure_eq("kx algorithm", kx.algorithm(), "X25519")?;
            for alg in SymmetricAlgorithm::ALL {
                // Every typed symmetric name is one the host knows: opening fails, if at all, for a
                // missing key or nonce, never as an unknown algorithm.
                if let Err(error) = SymmetricState::open(*alg, None, None) {
                    ensure(
                        error != ErrorKind::UnsupportedAlgorithm,
                        format!("{alg}: {error}"),
                    )?;
                }
            }
            for alg in SignatureAlgorithm::ALL {
                let name = SignatureKeyPair::generate(*alg).ctx(alg.name())?;
                ensure_eq("signature algorithm", name.algorithm(), alg.name())?;
            }
            Ok(())
        },
    );

    h.check(
        "errors: Display names the operation, the algorithm and the errno",
        || {
            let key = aes_key()?;
            let mut sealer =
                Aead::new(SymmetricAlgorithm::Aes256Gcm, &key, &NONCE, b"").ctx("new")?;
            let mut sealed = sealer.seal(MESSAGE).ctx("seal")?;
            sealed[0] ^= 1;
            let mut opener = Aead::new("aes-256-gcm", &key, &NONCE, b"").ctx("new")?;
            let error = opener
                .open(&sealed)
                .err()
                .ok_or("tampered ciphertext opened")?;
            ensure_eq("kind", error.kind(), ErrorKind::InvalidTag)?;
            ensure_eq(
                "display",
                error.to_string().as_str(),
                "symmetric_state_decrypt (AES-256-GCM): invalid_tag",
            )?;
            let error = Hash::new("SHA-265").err().ok_or("SHA-265 opened")?;
            ensure_eq(
                "unknown name",
                error.to_string().as_str(),
                "symmetric_state_open (SHA-265): unsupported_algorithm",
            )?;
            let error = SignatureKeyPair::generate(SignatureAlgorithm::Ed25519)
                .ctx("generate")?
                .sign(MESSAGE)
                .ctx("sign")?
                .export(wasicrypt::SignatureEncoding::Der)
                .err()
                .ok_or("DER export of an Ed25519 signature succeeded")?;
            ensure_eq("export kind", error.kind(), ErrorKind::UnsupportedEncoding)?;
            ensure_eq(
                "export operation",
                error.operation(),
                Some("signature_export"),
            )?;
            ensure_eq("export algorithm", error.algorithm(), Some("Ed25519"))?;
            Ok(())
        },
    );

    h.check(
        "array_output: 32-byte key export pulled 5 bytes at a time",
        || {
            let raw_key: Vec<u8> = (0u8..32).collect();
            let key = SymmetricKey::import("AES-256-GCM", &raw_key).ctx("import")?;
            let (e, output) = r::key_export(key.raw_handle());
            ensure_errno("symmetric_key_export", e, SUCCESS)?;
            let (e, len) = r::array_output_len(output);
            ensure_errno("array_output_len", e, SUCCESS)?;
            ensure_eq("array_output_len", len, 32)?;
            let mut pulled = Vec::new();
            let mut sizes = Vec::new();
            while pulled.len() < 32 {
                let mut buf = [0u8; 5];
                let (e, n) = r::array_output_pull(output, &mut buf);
                ensure_errno(&format!("pull #{}", sizes.len() + 1), e, SUCCESS)?;
                ensure(n > 0, "pull returned 0 bytes before the end")?;
                pulled.extend_from_slice(&buf[..n]);
                sizes.push(n);
            }
            ensure_eq("pull sizes", sizes, vec![5, 5, 5, 5, 5, 5, 2])?;
            ensure_bytes("streamed bytes", &pulled, &raw_key)?;
            // Fully consumed: the host closed the handle.
            ensure_errno(
                "array_output_len after full consumption",
                r::array_output_len(output).0,
                INVALID_HANDLE,
            )?;
            ensure_errno(
                "pull after full consumption",
                r::array_output_pull(output, &mut [0; 5]).0,
                INVALID_HANDLE,
            )
        },
    );
    h.check(
        "array_output: len reports the bytes left to pull; a big buffer gets the rest",
        || {
            let raw_key: Vec<u8> = (100u8..132).collect();
            let key = SymmetricKey::import("AES-256-GCM", &raw_key).ctx("import")?;
            let (e, output) = r::key_export(key.raw_handle());
            ensure_errno("symmetric_key_export", e, SUCCESS)?;
            let mut head = [0u8; 10];
            ensure_eq(
                "first pull",
                r::array_output_pull(output, &mut head),
                (SUCCESS, 10),
            )?;
            ensure_eq(
                "len after a partial pull (bytes left)",
                r::array_output_len(output),
                (SUCCESS, 22),
            )?;
            let mut rest = [0u8; 64];
            ensure_eq(
                "second pull (64-byte buffer)",
                r::array_output_pull(output, &mut rest),
                (SUCCESS, 22),
            )?;
            ensure_bytes("bytes", &[&head[..], &rest[..22]].concat(), &raw_key)?;
            ensure_errno(
                "len after full consumption",
                r::array_output_len(output).0,
                INVALID_HANDLE,
            )
        },
    );
    h.check("array_output: safe ArrayOutput::pull streaming", || {
        let raw_key = [0x77u8; 32];
        let key = SymmetricKey::import("AES-256-GCM", &raw_key).ctx("import")?;
        let mut output = key.export_output().ctx("export_output")?;
        ensure_eq("len", output.len().ctx("len")?, 32)?;
        let mut pulled = Vec::new();
        let mut buf = [0u8; 7];
        loop {
            let n = output.pull(&mut buf).ctx("pull")?;
            if n == 0 {
                break;
            }
            pulled.extend_from_slice(&buf[..n]);
        }
        ensure(output.is_consumed(), "not marked consumed")?;
        ensure_bytes("bytes", &pulled, &raw_key)?;
        ensure_errno(
            "raw len after full consumption",
            r::array_output_len(output.raw_handle()).0,
            INVALID_HANDLE,
        )
    });
    h.check(
        "array_output: dropping an unread ArrayOutput releases it",
        || {
            let key = aes_key()?;
            let output = key.export_output().ctx("export_output")?;
            let handle = output.raw_handle();
            drop(output);
            ensure_errno(
                "len after drop",
                r::array_output_len(handle).0,
                INVALID_HANDLE,
            )
        },
    );

    h.check(
        "symmetric_state_clone: SHA-256 clone evolves independently",
        || {
            let mut original = SymmetricState::open("SHA-256", None, None).ctx("open")?;
            original.absorb(b"ab").ctx("absorb ab")?;
            let mut copy = original.try_clone().ctx("clone")?;
            original.absorb(b"c").ctx("absorb c")?;
            copy.absorb(b"d").ctx("absorb d")?;
            let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
            original.squeeze(&mut a).ctx("squeeze original")?;
            copy.squeeze(&mut b).ctx("squeeze clone")?;
            ensure_bytes("original = SHA-256(abc)", &a, &unhex(SHA256_ABC)?)?;
            ensure_bytes("clone = SHA-256(abd)", &b, &unhex(SHA256_ABD)?)?;
            // Closing the original leaves the clone working.
            drop(original);
            copy.squeeze(&mut b)
                .ctx("squeeze clone after closing the original")?;
            ensure_bytes("clone after close", &b, &unhex(SHA256_ABD)?)
        },
    );
    h.check(
        "symmetric_state_clone: HMAC clone evolves independently",
        || {
            let key = SymmetricKey::import("HMAC/SHA-256", b"key").ctx("import")?;
            let mut original = Hmac::new("HMAC/SHA-256", &key).ctx("new")?;
            original.update(b"ab").ctx("update")?;
            let mut copy = original.state().try_clone().ctx("clone")?;
            original.update(b"c").ctx("update c")?;
            copy.absorb(b"d").ctx("absorb d")?;
            let a = original.finalize().ctx("finalize")?;
            let b = copy
                .squeeze_tag()
                .ctx("squeeze_tag")?
                .into_vec()
                .ctx("into_vec")?;
            ensure_bytes(
                "HMAC(abc)",
                &a,
                &Hmac::mac("HMAC/SHA-256", b"key", b"abc").ctx("mac")?,
            )?;
            ensure_bytes(
                "HMAC(abd)",
                &b,
                &Hmac::mac("HMAC/SHA-256", b"key", b"abd").ctx("mac")?,
            )
        },
    );

    for algorithm in ["AES-256-GCM", "CHACHA20-POLY1305"] {
        h.check(
            format!("{algorithm}: in-place seal/open equal out-of-place"),
            move || {
                let key = SymmetricKey::import(algorithm, &[0x33; 32]).ctx("import")?;
                let out_of_place = Aead::new(algorithm, &key, &NONCE, b"ad")
                    .ctx("new")?
                    .seal(MESSAGE)
                    .ctx("seal")?;
                let mut buf = MESSAGE.to_vec();
                Aead::new(algorithm, &key, &NONCE, b"ad")
                    .ctx("new")?
                    .seal_in_place(&mut buf)
                    .ctx("seal_in_place")?;
                ensure_bytes("in-place ciphertext", &buf, &out_of_place)?;
                Aead::new(algorithm, &key, &NONCE, b"ad")
                    .ctx("new")?
                    .open_in_place(&mut buf)
                    .ctx("open_in_place")?;
                ensure_bytes("in-place plaintext", &buf, MESSAGE)
            },
        );
    }
    h.check(
        "AES-256-GCM: encrypt/decrypt with shifted overlapping buffers",
        || {
            let key = aes_key()?;
            let expected = Aead::new("AES-256-GCM", &key, &NONCE, b"")
                .ctx("new")?
                .seal(MESSAGE)
                .ctx("seal")?;
            let n = MESSAGE.len();
            // Plaintext at offset 16, ciphertext ‖ tag written from offset 0: the ranges overlap.
            let mut buf = vec![0u8; n + 16];
            buf[16..].copy_from_slice(MESSAGE);
            let mut state = open_aes(&key)?;
            let base = buf.as_mut_ptr();
            let mut written = 0usize;
            // SAFETY: `base` comes from the unique borrow of `buf` (n + 16 bytes): the host reads n
            // bytes at offset 16 and writes at most n + 16 bytes at offset 0, both inside `buf`, and no
            // Rust reference to `buf` is used during the call.
            let e = unsafe {
                symmetric::symmetric_state_encrypt(
                    state.raw_handle(),
                    base,
                    n + 16,
                    base.add(16).cast_const(),
                    n,
                    &mut written,
                )
            };
            ensure_errno("encrypt", e, SUCCESS)?;
            ensure_eq("written", written, n + 16)?;
            ensure_bytes("overlapping ciphertext", &buf, &expected)?;
            // Decrypt: ciphertext ‖ tag at offset 0, plaintext written from offset 16.
            let mut out = vec![0u8; n + 32];
            out[..n + 16].copy_from_slice(&expected);
            state = open_aes(&key)?;
            let base = out.as_mut_ptr();
            // SAFETY: as above: reads n + 16 bytes at offset 0, writes n bytes at offset 16, all inside
            // the n + 32 bytes of `out`.
            let e = unsafe {
                symmetric::symmetric_state_decrypt(
                    state.raw_handle(),
                    base.add(16),
                    n,
                    base.cast_const(),
                    n + 16,
                    &mut written,
                )
            };
            ensure_errno("decrypt", e, SUCCESS)?;
            ensure_eq("plaintext length", written, n)?;
            ensure_bytes("overlapping plaintext", &out[16..16 + n], MESSAGE)
        },
    );

    h.check(
        "AEAD nonce single use: second seal -> nonce_required",
        || {
            let key = aes_key()?;
            let mut aead = Aead::new("AES-256-GCM", &key, &NONCE, b"").ctx("new")?;
            aead.seal(b"first").ctx("first seal")?;
            ensure_err(
                "second seal",
                aead.seal(b"second"),
                ErrorKind::NonceRequired,
            )?;
            ensure_err(
                "seal_detached after seal",
                aead.seal_detached(b"third").map(|_| ()),
                ErrorKind::NonceRequired,
            )
        },
    );
    h.check("AEAD: decrypting twice with one state works", || {
        let key = aes_key()?;
        let sealed = Aead::new("AES-256-GCM", &key, &NONCE, b"ad")
            .ctx("new")?
            .seal(MESSAGE)
            .ctx("seal")?;
        let mut aead = Aead::new("AES-256-GCM", &key, &NONCE, b"ad").ctx("new")?;
        ensure_bytes(
            "first open",
            &aead.open(&sealed).ctx("first open")?,
            MESSAGE,
        )?;
        ensure_bytes(
            "second open",
            &aead.open(&sealed).ctx("second open")?,
            MESSAGE,
        )
    });
    h.check(
        "AEAD: a state keeps working after its key is closed",
        || {
            let key = aes_key()?;
            let mut aead = Aead::new("AES-256-GCM", &key, &NONCE, b"").ctx("new")?;
            let expected = Aead::new("AES-256-GCM", &key, &NONCE, b"")
                .ctx("new")?
                .seal(MESSAGE)
                .ctx("seal")?;
            drop(key);
            ensure_bytes(
                "sealed after key close",
                &aead.seal(MESSAGE).ctx("seal")?,
                &expected,
            )
        },
    );
    h.check(
        "AEAD: open_in_place failure zeroes and empties the buffer",
        || {
            let key = aes_key()?;
            let mut buf = Aead::new("AES-256-GCM", &key, &NONCE, b"")
                .ctx("new")?
                .seal(MESSAGE)
                .ctx("seal")?;
            buf[0] ^= 1;
            let result = Aead::new("AES-256-GCM", &key, &NONCE, b"")
                .ctx("new")?
                .open_in_place(&mut buf);
            ensure_err("open_in_place", result, ErrorKind::InvalidTag)?;
            ensure(buf.is_empty(), "buffer not emptied")
        },
    );

    h.check(
        "hash: finalization works on a copy (squeeze, absorb, squeeze)",
        || {
            let mut hash = Hash::new("SHA-256").ctx("new")?;
            hash.update(b"ab").ctx("update ab")?;
            ensure_bytes(
                "digest of ab",
                &hash.finalize(32).ctx("finalize 1")?,
                &unhex(SHA256_AB)?,
            )?;
            hash.update(b"c").ctx("update c")?;
            ensure_bytes(
                "digest of abc",
                &hash.finalize(32).ctx("finalize 2")?,
                &unhex(SHA256_ABC)?,
            )
        },
    );
    h.check("hash: shorter squeeze truncates", || {
        let digest = Hash::hash("SHA-256", b"abc", 16).ctx("hash")?;
        ensure_bytes("16-byte digest", &digest, &unhex(SHA256_ABC)?[..16])?;
        let digest = Hash::hash("SHA-256", b"abc", 1).ctx("hash")?;
        ensure_bytes("1-byte digest", &digest, &unhex(SHA256_ABC)?[..1])
    });
    h.check("hash: many small absorbs equal one", || {
        let mut hash = Hash::new("SHA-512").ctx("new")?;
        for chunk in MESSAGE.chunks(3) {
            hash.update(chunk).ctx("update")?;
        }
        ensure_bytes(
            "digest",
            &hash.finalize(64).ctx("finalize")?,
            &Hash::hash("SHA-512", MESSAGE, 64).ctx("hash")?,
        )
    });

    h.check(
        "symmetric_tag_verify: correct, incorrect, length mismatch",
        || {
            let key = SymmetricKey::import("HMAC/SHA-256", b"tag key").ctx("import")?;
            let expected = Hmac::mac("HMAC/SHA-256", b"tag key", MESSAGE).ctx("mac")?;
            ensure_eq("tag length", expected.len(), 32)?;
            let mut state = SymmetricState::open("HMAC/SHA-256", Some(&key), None).ctx("open")?;
            state.absorb(MESSAGE).ctx("absorb")?;
            let tag = state.squeeze_tag().ctx("squeeze_tag")?;
            ensure_eq("symmetric_tag_len", tag.len().ctx("len")?, 32)?;
            tag.verify(&expected).ctx("verify correct tag")?;
            let mut wrong = expected.clone();
            wrong[0] ^= 0x01;
            ensure_err(
                "verify flipped tag",
                tag.verify(&wrong),
                ErrorKind::InvalidTag,
            )?;
            ensure_err(
                "verify truncated tag",
                tag.verify(&expected[..31]),
                ErrorKind::InvalidTag,
            )?;
            ensure_err(
                "verify extended tag",
                tag.verify(&[expected.as_slice(), &[0]].concat()),
                ErrorKind::InvalidTag,
            )?;
            // Verification leaves the tag open.
            tag.verify(&expected).ctx("verify again")?;
            ensure_bytes("pulled tag", &tag.into_vec().ctx("into_vec")?, &expected)
        },
    );
    h.check("Hmac::verify: correct and incorrect", || {
        let key = SymmetricKey::import("HMAC/SHA-512", b"k").ctx("import")?;
        let expected = Hmac::mac("HMAC/SHA-512", b"k", MESSAGE).ctx("mac")?;
        let mut mac = Hmac::new("HMAC/SHA-512", &key).ctx("new")?;
        mac.update(MESSAGE).ctx("update")?;
        mac.verify(&expected).ctx("verify")?;
        let mut mac = Hmac::new("HMAC/SHA-512", &key).ctx("new")?;
        mac.update(b"other").ctx("update")?;
        ensure_err(
            "verify other message",
            mac.verify(&expected),
            ErrorKind::InvalidTag,
        )
    });

    h.check("options_get returns the nonce", || {
        let key = aes_key()?;
        let aead = Aead::new("AES-256-GCM", &key, &NONCE, b"").ctx("new")?;
        let mut buf = [0u8; 32];
        let n = aead
            .state()
            .options_get("nonce", &mut buf)
            .ctx("options_get")?;
        ensure_bytes("nonce", &buf[..n], &NONCE)
    });
    h.check("options: setting a name again overwrites it", || {
        let key = aes_key()?;
        let mut options = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
        options.set("nonce", &[1; 12]).ctx("set 1")?;
        options.set("nonce", &NONCE).ctx("set 2")?;
        let state = SymmetricState::open("AES-256-GCM", Some(&key), Some(&options)).ctx("open")?;
        drop(options);
        let mut buf = [0u8; 12];
        let n = state.options_get("nonce", &mut buf).ctx("options_get")?;
        ensure_bytes("nonce", &buf[..n], &NONCE)
    });
    for (algorithm, key_len, nonce_len) in [
        ("AES-128-GCM", 16, 12),
        ("AES-256-GCM", 32, 12),
        ("CHACHA20-POLY1305", 32, 12),
        ("XCHACHA20-POLY1305", 32, 24),
    ] {
        h.check(
            format!("{algorithm}: max_tag_len = 16, seal adds 16 bytes"),
            move || {
                let key = SymmetricKey::import(algorithm, &vec![9; key_len]).ctx("import")?;
                let mut aead = Aead::new(algorithm, &key, &vec![4; nonce_len], b"").ctx("new")?;
                ensure_eq(
                    "max_tag_len",
                    aead.state().max_tag_len().ctx("max_tag_len")?,
                    16,
                )?;
                ensure_eq(
                    "sealed length",
                    aead.seal(MESSAGE).ctx("seal")?.len(),
                    MESSAGE.len() + 16,
                )
            },
        );
    }

    h.check(
        "generated keys: AES-256-GCM 32 random bytes, HMAC key usable",
        || {
            let a = SymmetricKey::generate("AES-256-GCM", None)
                .ctx("generate")?
                .export()
                .ctx("export")?;
            let b = SymmetricKey::generate("AES-256-GCM", None)
                .ctx("generate")?
                .export()
                .ctx("export")?;
            ensure_eq("AES-256-GCM key length", a.len(), 32)?;
            ensure(a != b, "two generated keys are equal")?;
            let key = SymmetricKey::generate("HMAC/SHA-256", None).ctx("generate HMAC key")?;
            let raw_key = key.export().ctx("export HMAC key")?;
            ensure(!raw_key.is_empty(), "empty HMAC key")?;
            let mut mac = Hmac::new("HMAC/SHA-256", &key).ctx("new")?;
            mac.update(MESSAGE).ctx("update")?;
            let tag = mac.finalize().ctx("finalize")?;
            ensure_bytes(
                "tag (re-imported key)",
                &tag,
                &Hmac::mac("HMAC/SHA-256", &raw_key, MESSAGE).ctx("mac")?,
            )
        },
    );
    h.check("HKDF: squeeze_key from HKDF-EXTRACT gives the RFC 5869 tc1 PRK, usable for expand", || {
        // RFC 5869 Appendix A.1.
        let ikm = SymmetricKey::import("HKDF-EXTRACT/SHA-256", &[0x0b; 22]).ctx("import IKM")?;
        let mut state = SymmetricState::open("HKDF-EXTRACT/SHA-256", Some(&ikm), None).ctx("open")?;
        state.absorb(&(0u8..=0x0c).collect::<Vec<_>>()).ctx("absorb salt")?;
        let prk = state.squeeze_key("HKDF-EXPAND/SHA-256").ctx("squeeze_key")?;
        ensure_bytes(
            "PRK",
            &prk.export().ctx("export")?,
            &unhex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5")?,
        )?;
        let okm = Hkdf::expand(&prk, &(0xf0u8..=0xf9).collect::<Vec<_>>(), 42).ctx("expand")?;
        ensure_bytes(
            "OKM",
            &okm,
            &unhex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")?,
        )
    });
    h.check(
        "HKDF: expand output is a prefix-consistent stream (L=10 is a prefix of L=100)",
        || {
            let prk = Hkdf::extract("SHA-512", b"ikm", b"salt").ctx("extract")?;
            let short = Hkdf::expand(&prk, b"info", 10).ctx("expand 10")?;
            let long = Hkdf::expand(&prk, b"info", 100).ctx("expand 100")?;
            ensure_bytes("prefix", &long[..10], &short)
        },
    );
    h.check("algorithm names are case-insensitive", || {
        ensure_bytes(
            "sha-256",
            &Hash::hash("sha-256", b"abc", 32).ctx("sha-256")?,
            &Hash::hash("SHA-256", b"abc", 32).ctx("SHA-256")?,
        )?;
        let key = SymmetricKey::import("aes-256-gcm", &[0x11; 32]).ctx("import lower-case")?;
        let lower = Aead::new("Aes-256-Gcm", &key, &NONCE, b"")
            .ctx("new mixed-case")?
            .seal(MESSAGE)
            .ctx("seal")?;
        let upper = Aead::new("AES-256-GCM", &aes_key()?, &NONCE, b"")
            .ctx("new")?
            .seal(MESSAGE)
            .ctx("seal")?;
        ensure_bytes("ciphertext", &lower, &upper)
    });

    h.run();
}

fn open_aes(key: &SymmetricKey) -> Result<SymmetricState, String> {
    let mut options = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
    options.set("nonce", &NONCE).ctx("set nonce")?;
    SymmetricState::open("AES-256-GCM", Some(key), Some(&options)).ctx("open")
}
