//! The `host` column: each case through [`CryptoCtx`]'s Rust API, with the same calls the guest
//! makes through the hostcall (so the difference between the two is the wasm boundary and the
//! guest-memory glue).

use std::hint::black_box;

use anyhow::{Context, Result};
use wasicrypt_host::{AlgorithmType, CryptoCtx, Handle};

use crate::cases::{self, Op};

/// A prepared case: the context, its handles, and the buffers.
pub struct Fixture {
    ctx: CryptoCtx,
    op: Op,
    /// Key, key pair, public or secret key handles the case uses.
    handles: [Handle; 2],
    input: Vec<u8>,
    output: Vec<u8>,
}

impl Fixture {
    /// Prepares `op` on `len`-byte messages.
    ///
    /// # Errors
    /// The host error of the call that failed.
    pub fn new(op: Op, len: usize) -> Result<Fixture> {
        let mut ctx = CryptoCtx::new();
        let alg = op.algorithm();
        let msg = cases::message(len);
        let mut handles = [0; 2];
        let mut input = msg.clone();
        let mut output = Vec::new();
        let sig = AlgorithmType::Signatures;
        let kx = AlgorithmType::KeyExchange;
        match op {
            Op::Sha256 => {}
            Op::Aes256GcmEncrypt
            | Op::Aes256GcmDecrypt
            | Op::ChaCha20Poly1305Encrypt
            | Op::ChaCha20Poly1305Decrypt => {
                let decrypt = matches!(op, Op::Aes256GcmDecrypt | Op::ChaCha20Poly1305Decrypt);
                let key = ctx.symmetric_key_import(alg, &cases::KEY)?;
                let options = ctx.options_open(AlgorithmType::Symmetric)?;
                ctx.options_set(options, "nonce", &cases::nonce(0))?;
                if decrypt {
                    let state = ctx.symmetric_state_open(alg, Some(key), Some(options))?;
                    input = vec![0; len + 16];
                    ctx.symmetric_state_encrypt(state, &mut input, &msg)?;
                    ctx.symmetric_state_close(state)?;
                }
                output = vec![0; if decrypt { len } else { len + 16 }];
                handles = [key, options];
            }
            Op::Ed25519Keygen | Op::P256Keygen | Op::X25519Keygen | Op::MlKem768Keygen => {}
            Op::Ed25519Sign | Op::P256Sign | Op::Rsa2048Sign => {
                handles[0] = ctx.keypair_generate(sig, alg, None)?;
            }
            Op::Ed25519Verify | Op::P256Verify | Op::Rsa2048Verify => {
                let kp = ctx.keypair_generate(sig, alg, None)?;
                let state = ctx.signature_state_open(kp)?;
                ctx.signature_state_update(state, &msg)?;
                let signature = ctx.signature_state_sign(state)?;
                ctx.signature_state_close(state)?;
                handles = [ctx.keypair_publickey(kp)?, signature];
            }
            Op::X25519Dh => {
                let ours = ctx.keypair_generate(kx, alg, None)?;
                let peer = ctx.keypair_generate(kx, alg, None)?;
                handles = [ctx.keypair_secretkey(ours)?, ctx.keypair_publickey(peer)?];
            }
            Op::MlKem768Encapsulate | Op::MlKem768Decapsulate => {
                let kp = ctx.keypair_generate(kx, alg, None)?;
                let pk = ctx.keypair_publickey(kp)?;
                let (secret, ct) = ctx.kx_encapsulate(pk)?;
                input = pull(&mut ctx, ct)?;
                pull(&mut ctx, secret)?;
                handles = [ctx.keypair_secretkey(kp)?, pk];
            }
        }
        Ok(Fixture {
            ctx,
            op,
            handles,
            input,
            output,
        })
    }

    /// Runs the case `iters` times.
    ///
    /// # Errors
    /// The host error of the first call that failed.
    pub fn run(&mut self, iters: u64) -> Result<()> {
        for i in 0..iters {
            self.once(i)
                .with_context(|| format!("{} (host)", self.op.name()))?;
        }
        Ok(())
    }

    fn once(&mut self, i: u64) -> wasicrypt_host::Result<()> {
        let ctx = &mut self.ctx;
        let alg = self.op.algorithm();
        let [a, b] = self.handles;
        let sig = AlgorithmType::Signatures;
        let kx = AlgorithmType::KeyExchange;
        match self.op {
            Op::Sha256 => {
                let state = ctx.symmetric_state_open(alg, None, None)?;
                ctx.symmetric_state_absorb(state, black_box(&self.input))?;
                let mut digest = [0u8; 32];
                ctx.symmetric_state_squeeze(state, &mut digest)?;
                ctx.symmetric_state_close(state)?;
                black_box(digest);
            }
            Op::Aes256GcmEncrypt | Op::ChaCha20Poly1305Encrypt => {
                ctx.options_set(b, "nonce", &cases::nonce(i))?;
                let state = ctx.symmetric_state_open(alg, Some(a), Some(b))?;
                ctx.symmetric_state_encrypt(state, &mut self.output, &self.input)?;
                ctx.symmetric_state_close(state)?;
            }
            Op::Aes256GcmDecrypt | Op::ChaCha20Poly1305Decrypt => {
                ctx.options_set(b, "nonce", &cases::nonce(0))?;
                let state = ctx.symmetric_state_open(alg, Some(a), Some(b))?;
                ctx.symmetric_state_decrypt(state, &mut self.output, &self.input)?;
                ctx.symmetric_state_close(state)?;
            }
            Op::Ed25519Keygen | Op::P256Keygen => {
                let kp = ctx.keypair_generate(sig, alg, None)?;
                ctx.keypair_close(kp)?;
            }
            Op::X25519Keygen | Op::MlKem768Keygen => {
                let kp = ctx.keypair_generate(kx, alg, None)?;
                ctx.keypair_close(kp)?;
            }
            Op::Ed25519Sign | Op::P256Sign | Op::Rsa2048Sign => {
                let state = ctx.signature_state_open(a)?;
                ctx.signature_state_update(state, &cases::message(cases::MESSAGE_LEN))?;
                let signature = ctx.signature_state_sign(state)?;
                ctx.signature_state_close(state)?;
                ctx.signature_close(signature)?;
            }
            Op::Ed25519Verify | Op::P256Verify | Op::Rsa2048Verify => {
                let state = ctx.signature_verification_state_open(a)?;
                ctx.signature_verification_state_update(
                    state,
                    &cases::message(cases::MESSAGE_LEN),
                )?;
                ctx.signature_verification_state_verify(state, b)?;
                ctx.signature_verification_state_close(state)?;
            }
            Op::X25519Dh => {
                let out = ctx.kx_dh(b, a)?;
                black_box(pull(ctx, out)?);
            }
            Op::MlKem768Encapsulate => {
                let (secret, ct) = ctx.kx_encapsulate(b)?;
                black_box(pull(ctx, secret)?);
                black_box(pull(ctx, ct)?);
            }
            Op::MlKem768Decapsulate => {
                let out = ctx.kx_decapsulate(a, &self.input)?;
                black_box(pull(ctx, out)?);
            }
        }
        Ok(())
    }
}

/// Reads an array output whole, as the guest crate does (`array_output_len`, then
/// `array_output_pull`).
fn pull(ctx: &mut CryptoCtx, output: Handle) -> wasicrypt_host::Result<Vec<u8>> {
    let mut bytes = vec![0; ctx.array_output_len(output)?];
    ctx.array_output_pull(output, &mut bytes)?;
    Ok(bytes)
}

/// The cheapest call through [`CryptoCtx`]: `symmetric_state_absorb` of 0 bytes, `iters` times.
///
/// # Errors
/// The host error of the call that failed.
pub fn noop(ctx: &mut CryptoCtx, state: Handle, iters: u64) -> wasicrypt_host::Result<()> {
    for _ in 0..iters {
        ctx.symmetric_state_absorb(state, black_box(&[]))?;
    }
    Ok(())
}
