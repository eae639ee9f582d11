//! Every case through WASI-Crypto hostcalls, written as a guest application would with the
//! `wasicrypt` crate: keys are made once, each iteration is one message (a fresh AEAD state per
//! nonce, as the proposal requires). Only meaningful inside the wasm guest; natively the imports
//! are stubs.

use std::hint::black_box;

use wasicrypt::{
    AlgorithmType, Hash, KxKeyPair, KxPublicKey, KxSecretKey, Options, Signature, SignatureKeyPair,
    SignaturePublicKey, SymmetricKey, SymmetricState,
};

use crate::cases::{self, Op};

/// A failed call: the `crypto_errno` the host returned.
pub type Errno = u16;

/// The prepared objects of one case, made once before timing.
pub enum Fixture {
    /// [`Op::Sha256`]: the message.
    Sha256(Vec<u8>),
    /// AEAD cases: algorithm, key, nonce options, input, output buffer, decrypt?
    Aead {
        /// `AES-256-GCM` or `CHACHA20-POLY1305`.
        algorithm: &'static str,
        /// The imported 32-byte key.
        key: SymmetricKey,
        /// The options object carrying the nonce, reused for every message.
        options: Options,
        /// The message, or ciphertext ‖ tag under nonce 0.
        input: Vec<u8>,
        /// Where each iteration writes its result.
        output: Vec<u8>,
        /// Decrypt (true) or encrypt.
        decrypt: bool,
    },
    /// Signature key generation for the algorithm.
    SignatureKeygen(&'static str),
    /// Signing with the key pair.
    Sign(SignatureKeyPair),
    /// Verification of the signature with the public key.
    Verify(SignaturePublicKey, Signature),
    /// Key-exchange key generation for the algorithm.
    KxKeygen(&'static str),
    /// `kx_dh` of our secret key with the peer's public key.
    Dh(KxSecretKey, KxPublicKey),
    /// `kx_encapsulate` to the public key.
    Encapsulate(KxPublicKey),
    /// `kx_decapsulate` of the ciphertext.
    Decapsulate(KxSecretKey, Vec<u8>),
}

fn errno(e: wasicrypt::Error) -> Errno {
    e.errno()
}

impl Fixture {
    /// Prepares `op` on `len`-byte messages.
    ///
    /// # Errors
    /// The errno of the call that failed.
    pub fn new(op: Op, len: usize) -> Result<Fixture, Errno> {
        let msg = cases::message(len);
        let alg = op.algorithm();
        Ok(match op {
            Op::Sha256 => Fixture::Sha256(msg),
            Op::Aes256GcmEncrypt
            | Op::Aes256GcmDecrypt
            | Op::ChaCha20Poly1305Encrypt
            | Op::ChaCha20Poly1305Decrypt => {
                let decrypt = matches!(op, Op::Aes256GcmDecrypt | Op::ChaCha20Poly1305Decrypt);
                let key = SymmetricKey::import(alg, &cases::KEY).map_err(errno)?;
                let mut options = Options::open(AlgorithmType::Symmetric).map_err(errno)?;
                options.set("nonce", &cases::nonce(0)).map_err(errno)?;
                let input = if decrypt {
                    let mut state =
                        SymmetricState::open(alg, Some(&key), Some(&options)).map_err(errno)?;
                    let mut ct = vec![0; len + 16];
                    state.encrypt(&mut ct, &msg).map_err(errno)?;
                    ct
                } else {
                    msg
                };
                let output = vec![0; if decrypt { len } else { len + 16 }];
                Fixture::Aead {
                    algorithm: alg,
                    key,
                    options,
                    input,
                    output,
                    decrypt,
                }
            }
            Op::Ed25519Keygen | Op::P256Keygen => Fixture::SignatureKeygen(alg),
            Op::Ed25519Sign | Op::P256Sign | Op::Rsa2048Sign => {
                Fixture::Sign(SignatureKeyPair::generate(alg).map_err(errno)?)
            }
            Op::Ed25519Verify | Op::P256Verify | Op::Rsa2048Verify => {
                let kp = SignatureKeyPair::generate(alg).map_err(errno)?;
                let sig = kp.sign(&msg).map_err(errno)?;
                Fixture::Verify(kp.public_key().map_err(errno)?, sig)
            }
            Op::X25519Keygen | Op::MlKem768Keygen => Fixture::KxKeygen(alg),
            Op::X25519Dh => {
                let ours = KxKeyPair::generate(alg).map_err(errno)?;
                let peer = KxKeyPair::generate(alg).map_err(errno)?;
                Fixture::Dh(
                    ours.secret_key().map_err(errno)?,
                    peer.public_key().map_err(errno)?,
                )
            }
            Op::MlKem768Encapsulate => {
                let kp = KxKeyPair::generate(alg).map_err(errno)?;
                Fixture::Encapsulate(kp.public_key().map_err(errno)?)
            }
            Op::MlKem768Decapsulate => {
                let kp = KxKeyPair::generate(alg).map_err(errno)?;
                let (_, ct) = kp
                    .public_key()
                    .map_err(errno)?
                    .encapsulate()
                    .map_err(errno)?;
                Fixture::Decapsulate(kp.secret_key().map_err(errno)?, ct)
            }
        })
    }

    /// Runs the operation `iters` times.
    ///
    /// # Errors
    /// The errno of the first call that failed.
    pub fn run(&mut self, iters: u64) -> Result<(), Errno> {
        for i in 0..iters {
            self.once(i).map_err(errno)?;
        }
        Ok(())
    }

    fn once(&mut self, i: u64) -> wasicrypt::Result<()> {
        match self {
            Fixture::Sha256(msg) => {
                let mut h = Hash::new("SHA-256")?;
                h.update(black_box(msg))?;
                let mut digest = [0u8; 32];
                h.finalize_into(&mut digest)?;
                black_box(digest);
            }
            Fixture::Aead {
                algorithm,
                key,
                options,
                input,
                output,
                decrypt,
            } => {
                let nonce = cases::nonce(if *decrypt { 0 } else { i });
                options.set("nonce", &nonce)?;
                let mut state = SymmetricState::open(*algorithm, Some(key), Some(options))?;
                if *decrypt {
                    state.decrypt(output, input)?;
                } else {
                    state.encrypt(output, input)?;
                }
                black_box(&mut *output);
            }
            Fixture::SignatureKeygen(alg) => {
                black_box(SignatureKeyPair::generate(*alg)?);
            }
            Fixture::Sign(kp) => {
                black_box(kp.sign(&cases::message(cases::MESSAGE_LEN))?);
            }
            Fixture::Verify(pk, sig) => {
                pk.verify(&cases::message(cases::MESSAGE_LEN), sig)?;
            }
            Fixture::KxKeygen(alg) => {
                black_box(KxKeyPair::generate(*alg)?);
            }
            Fixture::Dh(sk, pk) => {
                black_box(pk.dh(sk)?);
            }
            Fixture::Encapsulate(pk) => {
                black_box(pk.encapsulate()?);
            }
            Fixture::Decapsulate(sk, ct) => {
                black_box(sk.decapsulate(ct)?);
            }
        }
        Ok(())
    }
}

/// The cheapest hostcall, `iters` times: `symmetric_state_absorb` of 0 bytes into a SHA-256
/// state.
///
/// # Errors
/// The errno of the call that failed.
pub fn noop(iters: u64) -> Result<(), Errno> {
    let mut state = SymmetricState::open("SHA-256", None, None).map_err(errno)?;
    for _ in 0..iters {
        state.absorb(black_box(&[])).map_err(errno)?;
    }
    Ok(())
}
