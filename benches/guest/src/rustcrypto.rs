//! Every case through RustCrypto directly: the "native" column when built for the host, the
//! "pure wasm" column when built into the wasm32-wasip1 guest. The calls are the ones
//! `wasicrypt-host` makes for the same operation, so the columns compare like with like.

use std::hint::black_box;

use aes_gcm::Aes256Gcm;
use chacha20poly1305::ChaCha20Poly1305;
use chacha20poly1305::aead::inout::InOutBuf;
use chacha20poly1305::aead::{AeadInOut, KeyInit, Nonce, Tag};
use ed25519_dalek::Signer as _;
use ml_kem::kem::Decapsulate as _;
use ml_kem::{B32, DecapsulationKey, MlKem768, Seed};
use p256::elliptic_curve::Generate as _;
use sha2::{Digest, Sha256};

use crate::cases::{self, Op};

/// A failure of one case: which step failed.
pub type Failure = &'static str;

/// An AEAD case's input (the message, or its ciphertext under nonce 0) and a preallocated output
/// buffer of the same length: encryption reads one and writes the other, as the hostcall does
/// with guest memory.
pub struct Buffers {
    input: Vec<u8>,
    output: Vec<u8>,
}

impl Buffers {
    fn new(input: Vec<u8>) -> Buffers {
        let output = vec![0; input.len()];
        Buffers { input, output }
    }
}

/// The prepared inputs of one case (keys, messages, ciphertexts), made once before timing.
pub enum Fixture {
    /// [`Op::Sha256`].
    Sha256(Vec<u8>),
    /// [`Op::Aes256GcmEncrypt`] / [`Op::Aes256GcmDecrypt`]: the cipher, and the buffer (the
    /// message, or its ciphertext) with the tag.
    AesGcm(Box<Aes256Gcm>, Buffers, Tag<Aes256Gcm>, bool),
    /// [`Op::ChaCha20Poly1305Encrypt`] / [`Op::ChaCha20Poly1305Decrypt`].
    ChaCha(Box<ChaCha20Poly1305>, Buffers, Tag<ChaCha20Poly1305>, bool),
    /// [`Op::Ed25519Keygen`].
    Ed25519Keygen,
    /// [`Op::Ed25519Sign`] / [`Op::Ed25519Verify`].
    Ed25519(
        Box<ed25519_dalek::SigningKey>,
        ed25519_dalek::Signature,
        bool,
    ),
    /// [`Op::P256Keygen`].
    P256Keygen,
    /// [`Op::P256Sign`] / [`Op::P256Verify`].
    P256(Box<p256::ecdsa::SigningKey>, p256::ecdsa::Signature, bool),
    /// [`Op::Rsa2048Sign`] / [`Op::Rsa2048Verify`].
    Rsa(Box<rsa::PrivateKey>, rsa::PublicKey, Vec<u8>, bool),
    /// [`Op::X25519Keygen`].
    X25519Keygen,
    /// [`Op::X25519Dh`].
    X25519Dh(Box<x25519_dalek::StaticSecret>, x25519_dalek::PublicKey),
    /// [`Op::MlKem768Keygen`].
    MlKemKeygen,
    /// [`Op::MlKem768Encapsulate`] / [`Op::MlKem768Decapsulate`].
    MlKem(Box<DecapsulationKey<MlKem768>>, Vec<u8>, bool),
}

fn random<const N: usize>() -> Result<[u8; N], Failure> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| "getrandom")?;
    Ok(bytes)
}

fn p256_key() -> Result<p256::ecdsa::SigningKey, Failure> {
    let scalar = p256::NonZeroScalar::try_generate_from_rng(&mut getrandom::SysRng)
        .map_err(|_| "p256 keygen")?;
    Ok(p256::ecdsa::SigningKey::from(scalar))
}

fn mlkem_key() -> Result<DecapsulationKey<MlKem768>, Failure> {
    let seed = Seed::try_from(&random::<64>()?[..]).map_err(|_| "seed")?;
    Ok(DecapsulationKey::from_seed(seed))
}

impl Fixture {
    /// Prepares `op` on `len`-byte messages.
    ///
    /// # Errors
    /// The step that failed (random source, key generation).
    pub fn new(op: Op, len: usize) -> Result<Fixture, Failure> {
        let msg = cases::message(len);
        let nonce = Nonce::<Aes256Gcm>::from(cases::nonce(0));
        Ok(match op {
            Op::Sha256 => Fixture::Sha256(msg),
            Op::Aes256GcmEncrypt | Op::Aes256GcmDecrypt => {
                let c = Aes256Gcm::new(&cases::KEY.into());
                let mut buf = msg;
                let tag = c
                    .encrypt_inout_detached(&nonce, &[], buf.as_mut_slice().into())
                    .map_err(|_| "encrypt")?;
                Fixture::AesGcm(
                    Box::new(c),
                    Buffers::new(buf),
                    tag,
                    op == Op::Aes256GcmDecrypt,
                )
            }
            Op::ChaCha20Poly1305Encrypt | Op::ChaCha20Poly1305Decrypt => {
                let c = ChaCha20Poly1305::new(&cases::KEY.into());
                let mut buf = msg;
                let tag = c
                    .encrypt_inout_detached(&nonce, &[], buf.as_mut_slice().into())
                    .map_err(|_| "encrypt")?;
                Fixture::ChaCha(
                    Box::new(c),
                    Buffers::new(buf),
                    tag,
                    op == Op::ChaCha20Poly1305Decrypt,
                )
            }
            Op::Ed25519Keygen => Fixture::Ed25519Keygen,
            Op::Ed25519Sign | Op::Ed25519Verify => {
                let sk = ed25519_dalek::SigningKey::from_bytes(&random::<32>()?);
                let sig = sk.sign(&msg);
                Fixture::Ed25519(Box::new(sk), sig, op == Op::Ed25519Verify)
            }
            Op::P256Keygen => Fixture::P256Keygen,
            Op::P256Sign | Op::P256Verify => {
                let sk = p256_key()?;
                let sig: p256::ecdsa::Signature = sk.sign(&msg);
                Fixture::P256(Box::new(sk), sig, op == Op::P256Verify)
            }
            Op::Rsa2048Sign | Op::Rsa2048Verify => {
                let sk =
                    rsa::PrivateKey::new(&mut getrandom::SysRng, 2048).map_err(|_| "rsa keygen")?;
                let digest = Sha256::digest(&msg);
                let sig = sk
                    .pkcs1v15_sign_prehash_with_rng::<Sha256, _>(&mut getrandom::SysRng, &digest)
                    .map_err(|_| "rsa sign")?;
                let pk = sk.to_public_key();
                Fixture::Rsa(Box::new(sk), pk, sig, op == Op::Rsa2048Verify)
            }
            Op::X25519Keygen => Fixture::X25519Keygen,
            Op::X25519Dh => {
                let sk = x25519_dalek::StaticSecret::from(random::<32>()?);
                let peer = x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from(
                    random::<32>()?,
                ));
                Fixture::X25519Dh(Box::new(sk), peer)
            }
            Op::MlKem768Keygen => Fixture::MlKemKeygen,
            Op::MlKem768Encapsulate | Op::MlKem768Decapsulate => {
                let dk = mlkem_key()?;
                let m = B32::from(random::<32>()?);
                let (ct, _) = dk.encapsulation_key().encapsulate_deterministic(&m);
                Fixture::MlKem(Box::new(dk), ct.to_vec(), op == Op::MlKem768Decapsulate)
            }
        })
    }

    /// Runs the operation `iters` times.
    ///
    /// # Errors
    /// The step that failed (e.g. a tag that did not verify).
    pub fn run(&mut self, iters: u64) -> Result<(), Failure> {
        for i in 0..iters {
            self.once(i)?;
        }
        Ok(())
    }

    fn once(&mut self, i: u64) -> Result<(), Failure> {
        match self {
            Fixture::Sha256(msg) => {
                black_box(Sha256::digest(black_box(&msg[..])));
            }
            Fixture::AesGcm(c, bufs, tag, decrypt) => aead(&**c, bufs, tag, *decrypt, i)?,
            Fixture::ChaCha(c, bufs, tag, decrypt) => aead(&**c, bufs, tag, *decrypt, i)?,
            Fixture::Ed25519Keygen => {
                black_box(ed25519_dalek::SigningKey::from_bytes(&random::<32>()?));
            }
            Fixture::Ed25519(sk, sig, verify) => {
                let msg = cases::message(cases::MESSAGE_LEN);
                if *verify {
                    sk.verifying_key()
                        .verify_strict(&msg, sig)
                        .map_err(|_| "ed25519 verify")?;
                } else {
                    black_box(sk.sign(&msg));
                }
            }
            Fixture::P256Keygen => {
                let sk = p256_key()?;
                black_box(sk.verifying_key());
            }
            Fixture::P256(sk, sig, verify) => {
                use p256::ecdsa::signature::Verifier as _;
                let msg = cases::message(cases::MESSAGE_LEN);
                if *verify {
                    sk.verifying_key()
                        .verify(&msg, sig)
                        .map_err(|_| "p256 verify")?;
                } else {
                    let sig: p256::ecdsa::Signature = sk.sign(&msg);
                    black_box(sig);
                }
            }
            Fixture::Rsa(sk, pk, sig, verify) => {
                let digest = Sha256::digest(cases::message(cases::MESSAGE_LEN));
                if *verify {
                    pk.pkcs1v15_verify_prehash::<Sha256>(&digest, sig)
                        .map_err(|_| "rsa verify")?;
                } else {
                    black_box(
                        sk.pkcs1v15_sign_prehash_with_rng::<Sha256, _>(
                            &mut getrandom::SysRng,
                            &digest,
                        )
                        .map_err(|_| "rsa sign")?,
                    );
                }
            }
            Fixture::X25519Keygen => {
                let sk = x25519_dalek::StaticSecret::from(random::<32>()?);
                black_box(x25519_dalek::PublicKey::from(&sk));
            }
            Fixture::X25519Dh(sk, peer) => {
                black_box(sk.diffie_hellman(peer));
            }
            Fixture::MlKemKeygen => {
                let dk = mlkem_key()?;
                black_box(dk.encapsulation_key());
            }
            Fixture::MlKem(dk, ct, decapsulate) => {
                if *decapsulate {
                    black_box(dk.decapsulate_slice(ct).map_err(|_| "decapsulate")?);
                } else {
                    let m = B32::from(random::<32>()?);
                    black_box(dk.encapsulation_key().encapsulate_deterministic(&m));
                }
            }
        }
        Ok(())
    }
}

/// One AEAD message: encrypts the input under nonce `i` into the output buffer, or decrypts the
/// input (the ciphertext of nonce 0) into it and checks `tag`.
fn aead<C: AeadInOut>(
    c: &C,
    bufs: &mut Buffers,
    tag: &Tag<C>,
    decrypt: bool,
    i: u64,
) -> Result<(), Failure> {
    let inout = InOutBuf::new(&bufs.input, &mut bufs.output).map_err(|_| "buffers")?;
    if decrypt {
        let nonce = Nonce::<C>::try_from(&cases::nonce(0)[..]).map_err(|_| "nonce")?;
        c.decrypt_inout_detached(&nonce, &[], inout, tag)
            .map_err(|_| "decrypt")?;
    } else {
        let nonce = Nonce::<C>::try_from(&cases::nonce(i)[..]).map_err(|_| "nonce")?;
        let tag = c
            .encrypt_inout_detached(&nonce, &[], inout)
            .map_err(|_| "encrypt")?;
        black_box(tag);
    }
    black_box(&mut bufs.output);
    Ok(())
}
