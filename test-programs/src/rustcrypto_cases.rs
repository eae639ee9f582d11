//! Code written only against the RustCrypto traits (`digest` 0.11, `aead` 0.6, `signature` 3,
//! `cipher` 0.5),
//! compiled twice: in the `rustcrypto_traits` guest program over `wasicrypt`'s drop-in types, and
//! in the host's `guest_programs` test over the RustCrypto crates themselves. Both run [`run_all`]
//! and the test compares the two transcripts line by line.
//!
//! The includer provides a module `impls` with the modules `sha2`, `sha3`, `hmac`, `aes_gcm`,
//! `aes_gcm_siv`, `chacha20poly1305`, `ctr` (`Aes128Ctr`, `Aes256Ctr`), `ed25519`, `p256`, `p384` and `k256`: `wasicrypt`'s for the
//! guest, the RustCrypto crates for the host (where `hmac` holds `Hmac<Sha…>` aliases and
//! `ed25519` is `ed25519-dalek`). Nothing below names a concrete type except through `impls`.

use aead::array::typenum::Unsigned;
use aead::{Aead, AeadInOut, KeyInit, Payload};
use cipher::{KeyIvInit, StreamCipher, StreamCipherSeek};
use digest::{Digest, ExtendableOutput, FixedOutputReset, Mac, Update, XofReader};
use signature::{Keypair, SignatureEncoding, Signer, Verifier};

use super::impls::{
    aes_gcm, aes_gcm_siv, chacha20poly1305, ctr, ed25519, hmac, k256, p256, p384, sha2, sha3,
};

/// Labelled outputs, in the order they were produced.
pub type Transcript = Vec<(String, Vec<u8>)>;

/// Message lengths: empty, short, one block, several blocks with a tail.
const LENGTHS: [usize; 4] = [0, 3, 64, 1000];

/// A deterministic message of `len` bytes.
fn message(len: usize, salt: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(salt))
        .collect()
}

/// `ok` or `error`, for results whose error values differ between implementations.
fn outcome<T, E>(result: &Result<T, E>) -> Vec<u8> {
    if result.is_ok() {
        b"ok".to_vec()
    } else {
        b"error".to_vec()
    }
}

/// Every case, in a fixed order.
pub fn run_all() -> Transcript {
    let mut out = Transcript::new();
    digest_cases::<sha2::Sha256>("sha256", &mut out);
    digest_cases::<sha2::Sha384>("sha384", &mut out);
    digest_cases::<sha2::Sha512>("sha512", &mut out);
    digest_cases::<sha2::Sha512_256>("sha512_256", &mut out);
    digest_cases::<sha3::Sha3_256>("sha3_256", &mut out);
    digest_cases::<sha3::Sha3_384>("sha3_384", &mut out);
    digest_cases::<sha3::Sha3_512>("sha3_512", &mut out);
    xof_cases::<sha3::Shake128>("shake128", &mut out);
    xof_cases::<sha3::Shake256>("shake256", &mut out);
    mac_cases::<hmac::HmacSha256>("hmac_sha256", &mut out);
    mac_cases::<hmac::HmacSha384>("hmac_sha384", &mut out);
    mac_cases::<hmac::HmacSha512>("hmac_sha512", &mut out);
    aead_cases::<aes_gcm::Aes128Gcm>("aes128gcm", &mut out);
    aead_cases::<aes_gcm::Aes256Gcm>("aes256gcm", &mut out);
    aead_cases::<chacha20poly1305::ChaCha20Poly1305>("chacha20poly1305", &mut out);
    aead_cases::<chacha20poly1305::XChaCha20Poly1305>("xchacha20poly1305", &mut out);
    aead_cases::<aes_gcm_siv::Aes128GcmSiv>("aes128gcmsiv", &mut out);
    aead_cases::<aes_gcm_siv::Aes256GcmSiv>("aes256gcmsiv", &mut out);
    stream_cipher_cases::<ctr::Aes128Ctr>("aes128ctr", &mut out);
    stream_cipher_cases::<ctr::Aes256Ctr>("aes256ctr", &mut out);

    let ed25519_key = ed25519::SigningKey::from_bytes(&[0x9d; 32]);
    out.push((
        "ed25519 public".into(),
        ed25519_key.verifying_key().to_bytes().to_vec(),
    ));
    signer_cases::<ed25519::Signature, _>("ed25519", &ed25519_key, &mut out);

    let p256_key = p256::ecdsa::SigningKey::from_bytes(&[0x11; 32].into()).expect("P-256 key");
    out.push((
        "p256 public".into(),
        p256_key.verifying_key().to_sec1_bytes().to_vec(),
    ));
    signer_cases::<p256::ecdsa::Signature, _>("p256", &p256_key, &mut out);

    let p384_key = p384::ecdsa::SigningKey::from_bytes(&[0x22; 48].into()).expect("P-384 key");
    out.push((
        "p384 public".into(),
        p384_key.verifying_key().to_sec1_bytes().to_vec(),
    ));
    signer_cases::<p384::ecdsa::Signature, _>("p384", &p384_key, &mut out);

    let k256_key = k256::ecdsa::SigningKey::from_bytes(&[0x33; 32].into()).expect("k256 key");
    signer_cases::<k256::ecdsa::Signature, _>("k256", &k256_key, &mut out);
    out
}

/// `cipher`'s stream-cipher traits: whole and split keystream application (across block
/// boundaries), `write_keystream`, seeking back and forward, `current_pos`, and an IV
/// whose counter wraps.
pub fn stream_cipher_cases<C: KeyIvInit + StreamCipher + StreamCipherSeek>(
    name: &str,
    out: &mut Transcript,
) {
    let key: Vec<u8> = (0..C::key_size() as u8)
        .map(|i| i.wrapping_mul(7))
        .collect();
    let key = cipher::Key::<C>::try_from(key.as_slice()).expect("key size");
    for (label, iv) in [("iv", [0x5a; 16]), ("wrapping iv", [0xff; 16])] {
        let iv = cipher::Iv::<C>::try_from(&iv[..]).expect("IV size");
        for len in [0, 3, 16, 17, 100] {
            let mut whole = message(len, 3);
            C::new(&key, &iv).apply_keystream(&mut whole);
            out.push((format!("{name} {label} {len}"), whole.clone()));
            let mut split = message(len, 3);
            let mut c = C::new(&key, &iv);
            for piece in split.chunks_mut(7) {
                c.apply_keystream(piece);
            }
            out.push((format!("{name} {label} {len} split"), split));
            out.push((
                format!("{name} {label} {len} pos"),
                c.current_pos::<u64>().to_be_bytes().to_vec(),
            ));
        }
        let mut c = C::new(&key, &iv);
        let mut stream = [0u8; 40];
        c.write_keystream(&mut stream);
        out.push((format!("{name} {label} keystream"), stream.to_vec()));
        c.seek(21u64);
        let mut tail = [0u8; 19];
        c.write_keystream(&mut tail);
        out.push((format!("{name} {label} seek 21"), tail.to_vec()));
        c.seek(3u32);
        let mut again = message(50, 9);
        c.apply_keystream(&mut again);
        c.seek(3u32);
        c.apply_keystream(&mut again);
        out.push((format!("{name} {label} round trip"), again));
    }
}

/// `Digest`: one-shot, chained, byte-split updates, `finalize_reset`, `Clone` mid-stream.
pub fn digest_cases<D: Digest + Clone + FixedOutputReset>(name: &str, out: &mut Transcript) {
    for len in LENGTHS {
        let msg = message(len, 7);
        out.push((format!("{name} digest {len}"), D::digest(&msg).to_vec()));
        let (head, tail) = msg.split_at(len / 3);
        let chained = D::new().chain_update(head).chain_update(tail).finalize();
        out.push((format!("{name} chained {len}"), chained.to_vec()));
    }
    let mut hasher = D::new();
    Digest::update(&mut hasher, b"abc");
    let copy = hasher.clone();
    out.push((
        format!("{name} reset first"),
        hasher.finalize_reset().to_vec(),
    ));
    Digest::update(&mut hasher, b"de");
    out.push((format!("{name} reset second"), hasher.finalize().to_vec()));
    out.push((
        format!("{name} clone"),
        copy.chain_update(b"xyz").finalize().to_vec(),
    ));
    out.push((
        format!("{name} output_size"),
        vec![<D as Digest>::output_size() as u8],
    ));
}

/// `ExtendableOutput`: reads split over several calls, `Clone` before finalizing.
pub fn xof_cases<X: ExtendableOutput + Default + Update + Clone>(name: &str, out: &mut Transcript) {
    for len in LENGTHS {
        let mut xof = X::default();
        xof.update(&message(len, 3));
        let copy = xof.clone();
        let mut reader = xof.finalize_xof();
        let mut first = [0u8; 7];
        let mut rest = [0u8; 193];
        reader.read(&mut first);
        reader.read(&mut rest);
        let mut joined = first.to_vec();
        joined.extend_from_slice(&rest);
        out.push((format!("{name} read {len}"), joined));
        let mut whole = [0u8; 200];
        copy.finalize_xof_into(&mut whole);
        out.push((format!("{name} clone {len}"), whole.to_vec()));
    }
}

/// `Mac`: keys shorter and longer than a block, `verify_slice` of the right, a flipped and a
/// truncated tag.
pub fn mac_cases<M: Mac + KeyInit + Clone>(name: &str, out: &mut Transcript) {
    for key_len in [0usize, 20, 131] {
        let key = message(key_len, 0x0b);
        for len in LENGTHS {
            let msg = message(len, 1);
            let mut mac = <M as KeyInit>::new_from_slice(&key).expect("any key length");
            Mac::update(&mut mac, &msg);
            let copy = mac.clone();
            let tag = mac.finalize().into_bytes();
            out.push((format!("{name} key {key_len} tag {len}"), tag.to_vec()));
            let mut verifier = copy.clone();
            Mac::update(&mut verifier, b"");
            out.push((
                format!("{name} key {key_len} verify {len}"),
                outcome(&verifier.verify_slice(&tag)),
            ));
            let mut flipped = tag.to_vec();
            flipped[0] ^= 1;
            out.push((
                format!("{name} key {key_len} verify flipped {len}"),
                outcome(&copy.clone().verify_slice(&flipped)),
            ));
            out.push((
                format!("{name} key {key_len} verify truncated {len}"),
                outcome(&copy.verify_slice(&tag[..tag.len() - 1])),
            ));
        }
    }
}

/// `Aead` with `Payload`, the in-place and in-out detached forms, and tampering.
pub fn aead_cases<A: Aead + AeadInOut + KeyInit>(name: &str, out: &mut Transcript) {
    let key = aead::Key::<A>::try_from(message(A::key_size(), 0x40).as_slice()).expect("key size");
    let cipher = A::new(&key);
    let nonce = aead::Nonce::<A>::try_from(message(A::NonceSize::to_usize(), 0x60).as_slice())
        .expect("nonce size");
    for len in LENGTHS {
        for aad in [&b""[..], b"associated data"] {
            let label = format!("{name} {len} aad {}", aad.len());
            let msg = message(len, 9);
            let sealed = cipher
                .encrypt(&nonce, Payload { msg: &msg, aad })
                .expect("encrypt");
            out.push((format!("{label} sealed"), sealed.clone()));
            let opened = cipher
                .decrypt(&nonce, Payload { msg: &sealed, aad })
                .expect("decrypt");
            out.push((format!("{label} opened"), opened));
            let mut tampered = sealed.clone();
            tampered[len / 2] ^= 0x80;
            out.push((
                format!("{label} tampered"),
                outcome(&cipher.decrypt(
                    &nonce,
                    Payload {
                        msg: &tampered,
                        aad,
                    },
                )),
            ));
            out.push((
                format!("{label} wrong aad"),
                outcome(&cipher.decrypt(
                    &nonce,
                    Payload {
                        msg: &sealed,
                        aad: b"other",
                    },
                )),
            ));

            // Detached, separate input and output buffers.
            let mut ciphertext = vec![0u8; len];
            let buffer = aead::inout::InOutBuf::new(&msg, &mut ciphertext).expect("same lengths");
            let tag = cipher
                .encrypt_inout_detached(&nonce, aad, buffer)
                .expect("detached");
            out.push((format!("{label} detached"), ciphertext.clone()));
            out.push((format!("{label} detached tag"), tag.to_vec()));
            // Detached, in place.
            let mut in_place = ciphertext.clone();
            let opened =
                cipher.decrypt_inout_detached(&nonce, aad, in_place.as_mut_slice().into(), &tag);
            out.push((format!("{label} detached open"), outcome(&opened)));
            out.push((format!("{label} detached opened"), in_place));
            let mut bad_tag = tag.clone();
            bad_tag[15] ^= 1;
            let mut in_place = ciphertext.clone();
            let rejected = cipher.decrypt_inout_detached(
                &nonce,
                aad,
                in_place.as_mut_slice().into(),
                &bad_tag,
            );
            out.push((format!("{label} detached bad tag"), outcome(&rejected)));
        }
    }
    let short = cipher.decrypt(&nonce, &[0u8; 15][..]);
    out.push((format!("{name} shorter than a tag"), outcome(&short)));
}

/// `Signer`/`Verifier`/`Keypair`: deterministic signatures, round trips through the encoding,
/// rejection of a wrong message and a flipped bit.
pub fn signer_cases<S, K>(name: &str, key: &K, out: &mut Transcript)
where
    S: SignatureEncoding + core::fmt::Debug,
    K: Signer<S> + Keypair,
    K::VerifyingKey: Verifier<S>,
{
    let verifying_key = key.verifying_key();
    for len in LENGTHS {
        let msg = message(len, 5);
        let signature = key.sign(&msg);
        let bytes = signature.to_vec();
        out.push((format!("{name} sign {len}"), bytes.clone()));
        out.push((
            format!("{name} verify {len}"),
            outcome(&verifying_key.verify(&msg, &signature)),
        ));
        out.push((
            format!("{name} verify other message {len}"),
            outcome(&verifying_key.verify(b"other message", &signature)),
        ));
        let parsed = S::try_from(bytes.as_slice())
            .ok()
            .expect("signature bytes parse");
        out.push((
            format!("{name} verify parsed {len}"),
            outcome(&verifying_key.verify(&msg, &parsed)),
        ));
        let mut flipped = bytes.clone();
        flipped[bytes.len() - 1] ^= 0x01;
        let rejected = match S::try_from(flipped.as_slice()) {
            Ok(signature) => verifying_key.verify(&msg, &signature).is_err(),
            Err(_) => true,
        };
        out.push((
            format!("{name} flipped rejected {len}"),
            vec![u8::from(rejected)],
        ));
    }
}
