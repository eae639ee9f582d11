//! Runs [`Case`]s directly on [`CryptoCtx`], with the same sequence of proposal calls that the
//! guest program (`test-programs/src/bin/wycheproof.rs`) makes through the `wasicrypt` crate, so
//! the two modes can be compared errno for errno.

use wasicrypt_host::{AlgorithmType, CryptoCtx, CryptoError, Handle, Limits, MlDsaSigning};

use crate::case::{
    Case, KeyPairEncoding, Op, Outcome, PublicKeyEncoding, SecretKeyEncoding, SignatureEncoding,
};

type Result<T> = std::result::Result<T, CryptoError>;

/// Runs every case, each in a fresh [`CryptoCtx`].
pub fn run_cases(cases: &[Case]) -> Vec<Outcome> {
    cases.iter().map(|case| run_op(&case.op)).collect()
}

/// The context every case runs in, in both modes: the default limits, with deterministic
/// ML-DSA signing so that signatures can be compared with the files'.
pub fn context() -> CryptoCtx {
    CryptoCtx::with_limits(Limits {
        ml_dsa_signing: MlDsaSigning::Deterministic,
        ..Limits::default()
    })
}

/// Runs one operation in a fresh [`context`].
pub fn run_op(op: &Op) -> Outcome {
    let mut ctx = context();
    let result = match op {
        Op::Aead {
            alg,
            key,
            nonce,
            aad,
            msg,
            ct,
            tag,
        } => aead(
            &mut ctx,
            alg,
            key,
            nonce,
            aad,
            msg,
            &[ct.as_slice(), tag].concat(),
        ),
        Op::Cipher {
            alg,
            key,
            iv,
            msg,
            ct,
        } => cipher(&mut ctx, alg, key, iv, msg, ct),
        Op::Mac { alg, key, msg, tag } => mac(&mut ctx, alg, key, msg, tag),
        Op::Pbkdf {
            alg,
            password,
            salt,
            iterations,
            dk,
        } => pbkdf(&mut ctx, alg, password, salt, *iterations, dk.len()),
        Op::Hkdf {
            hash,
            ikm,
            salt,
            info,
            size,
            ..
        } => hkdf(&mut ctx, hash, ikm, salt, info, *size),
        Op::Verify {
            alg,
            public_key,
            public_key_encoding,
            msg,
            sig,
            sig_encoding,
        } => verify(
            &mut ctx,
            alg,
            public_key,
            *public_key_encoding,
            msg,
            sig,
            *sig_encoding,
        )
        .map(|()| Vec::new()),
        Op::Dh {
            alg,
            public_key,
            public_key_encoding,
            secret_key,
            secret_key_encoding,
            ..
        } => dh(
            &mut ctx,
            alg,
            public_key,
            *public_key_encoding,
            secret_key,
            *secret_key_encoding,
        ),
        Op::Sign {
            alg,
            key,
            key_encoding,
            msg,
            ..
        } => sign(&mut ctx, alg, key, *key_encoding, msg),
        Op::KemKeyGen { alg, seed, .. } => kem_public_key(&mut ctx, alg, seed).map(|(_, pk)| pk),
        Op::KemDecaps { alg, seed, ct, .. } => kem_decapsulate(&mut ctx, alg, seed, ct),
        Op::KemEncaps { alg, ek } => kem_encapsulate(&mut ctx, alg, ek).map(|()| Vec::new()),
    };
    match result {
        Ok(out) => Outcome::Ok(out),
        Err(e) => Outcome::Err(e.errno()),
    }
}

/// `Aead::new`: options with the nonce, a state, the associated data; returns (state, tag length).
fn aead_state(
    ctx: &mut CryptoCtx,
    alg: &str,
    key: Handle,
    nonce: &[u8],
    aad: &[u8],
) -> Result<(Handle, usize)> {
    let options = ctx.options_open(AlgorithmType::Symmetric)?;
    ctx.options_set(options, "nonce", nonce)?;
    let state = ctx.symmetric_state_open(alg, Some(key), Some(options))?;
    if !aad.is_empty() {
        ctx.symmetric_state_absorb(state, aad)?;
    }
    let tag_len = ctx.symmetric_state_max_tag_len(state)?;
    Ok((state, tag_len))
}

/// Opens `sealed` (ciphertext ‖ tag), then seals `msg` on a fresh state: sealed ‖ opened.
fn aead(
    ctx: &mut CryptoCtx,
    alg: &str,
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
    msg: &[u8],
    sealed: &[u8],
) -> Result<Vec<u8>> {
    let key = ctx.symmetric_key_import(alg, key)?;
    let (state, tag_len) = aead_state(ctx, alg, key, nonce, aad)?;
    let mut opened = vec![0u8; sealed.len().saturating_sub(tag_len)];
    let n = ctx.symmetric_state_decrypt(state, &mut opened, sealed)?;
    opened.truncate(n);
    let (state, tag_len) = aead_state(ctx, alg, key, nonce, aad)?;
    let mut out = vec![0u8; msg.len() + tag_len];
    let n = ctx.symmetric_state_encrypt(state, &mut out, msg)?;
    out.truncate(n);
    out.extend_from_slice(&opened);
    Ok(out)
}

/// Decrypts `ct`, then encrypts `msg` on a fresh state: ciphertext ‖ plaintext.
fn cipher(
    ctx: &mut CryptoCtx,
    alg: &str,
    key: &[u8],
    iv: &[u8],
    msg: &[u8],
    ct: &[u8],
) -> Result<Vec<u8>> {
    let key = ctx.symmetric_key_import(alg, key)?;
    let options = ctx.options_open(AlgorithmType::Symmetric)?;
    ctx.options_set(options, "nonce", iv)?;
    let state = ctx.symmetric_state_open(alg, Some(key), Some(options))?;
    let mut opened = vec![0u8; ct.len()];
    let n = ctx.symmetric_state_decrypt(state, &mut opened, ct)?;
    opened.truncate(n);
    let state = ctx.symmetric_state_open(alg, Some(key), Some(options))?;
    let mut out = vec![0u8; msg.len() + 16];
    let n = ctx.symmetric_state_encrypt(state, &mut out, msg)?;
    out.truncate(n);
    out.extend_from_slice(&opened);
    Ok(out)
}

/// `len` bytes of password hash of `password` with `salt` and `iterations` (`ops_limit`).
fn pbkdf(
    ctx: &mut CryptoCtx,
    alg: &str,
    password: &[u8],
    salt: &[u8],
    iterations: u64,
    len: usize,
) -> Result<Vec<u8>> {
    let options = ctx.options_open(AlgorithmType::Symmetric)?;
    ctx.options_set(options, "salt", salt)?;
    ctx.options_set_u64(options, "ops_limit", iterations)?;
    let state = ctx.symmetric_state_open(alg, None, Some(options))?;
    ctx.symmetric_state_absorb(state, password)?;
    let mut out = vec![0u8; len];
    ctx.symmetric_state_squeeze(state, &mut out)?;
    Ok(out)
}

/// The MAC of `msg`, verified against `tag` first.
fn mac(ctx: &mut CryptoCtx, alg: &str, key: &[u8], msg: &[u8], tag: &[u8]) -> Result<Vec<u8>> {
    let key = ctx.symmetric_key_import(alg, key)?;
    let state = ctx.symmetric_state_open(alg, Some(key), None)?;
    ctx.symmetric_state_absorb(state, msg)?;
    let computed = ctx.symmetric_state_squeeze_tag(state)?;
    ctx.symmetric_tag_verify(computed, tag)?;
    let mut out = vec![0u8; ctx.symmetric_tag_len(computed)?];
    let n = ctx.symmetric_tag_pull(computed, &mut out)?;
    out.truncate(n);
    Ok(out)
}

/// `Hkdf::derive`: extract with `salt`, squeeze the PRK, expand with `info` to `size` bytes.
fn hkdf(
    ctx: &mut CryptoCtx,
    hash: &str,
    ikm: &[u8],
    salt: &[u8],
    info: &[u8],
    size: usize,
) -> Result<Vec<u8>> {
    let extract = format!("HKDF-EXTRACT/{hash}");
    let expand = format!("HKDF-EXPAND/{hash}");
    let ikm = ctx.symmetric_key_import(&extract, ikm)?;
    let state = ctx.symmetric_state_open(&extract, Some(ikm), None)?;
    ctx.symmetric_state_absorb(state, salt)?;
    let prk = ctx.symmetric_state_squeeze_key(state, &expand)?;
    let state = ctx.symmetric_state_open(&expand, Some(prk), None)?;
    ctx.symmetric_state_absorb(state, info)?;
    let mut okm = vec![0u8; size];
    ctx.symmetric_state_squeeze(state, &mut okm)?;
    Ok(okm)
}

fn public_key_encoding(encoding: PublicKeyEncoding) -> wasicrypt_host::PublicKeyEncoding {
    match encoding {
        PublicKeyEncoding::Raw => wasicrypt_host::PublicKeyEncoding::Raw,
        PublicKeyEncoding::Pkcs8 => wasicrypt_host::PublicKeyEncoding::Pkcs8,
        PublicKeyEncoding::Pem => wasicrypt_host::PublicKeyEncoding::Pem,
        PublicKeyEncoding::Sec => wasicrypt_host::PublicKeyEncoding::Sec,
    }
}

/// Imports the public key and the signature, then verifies over `msg`.
fn verify(
    ctx: &mut CryptoCtx,
    alg: &str,
    public_key: &[u8],
    pk_encoding: PublicKeyEncoding,
    msg: &[u8],
    sig: &[u8],
    sig_encoding: SignatureEncoding,
) -> Result<()> {
    let pk = ctx.publickey_import(
        AlgorithmType::Signatures,
        alg,
        public_key,
        public_key_encoding(pk_encoding),
    )?;
    let sig_encoding = match sig_encoding {
        SignatureEncoding::Raw => wasicrypt_host::SignatureEncoding::Raw,
        SignatureEncoding::Der => wasicrypt_host::SignatureEncoding::Der,
    };
    let sig = ctx.signature_import(alg, sig, sig_encoding)?;
    let state = ctx.signature_verification_state_open(pk)?;
    ctx.signature_verification_state_update(state, msg)?;
    ctx.signature_verification_state_verify(state, sig)
}

/// Imports the key pair and signs `msg`: the raw signature.
fn sign(
    ctx: &mut CryptoCtx,
    alg: &str,
    key: &[u8],
    key_encoding: KeyPairEncoding,
    msg: &[u8],
) -> Result<Vec<u8>> {
    let key_encoding = match key_encoding {
        KeyPairEncoding::Raw => wasicrypt_host::KeyPairEncoding::Raw,
        KeyPairEncoding::Pkcs8 => wasicrypt_host::KeyPairEncoding::Pkcs8,
    };
    let kp = ctx.keypair_import(AlgorithmType::Signatures, alg, key, key_encoding)?;
    let state = ctx.signature_state_open(kp)?;
    ctx.signature_state_update(state, msg)?;
    let sig = ctx.signature_state_sign(state)?;
    let out = ctx.signature_export(sig, wasicrypt_host::SignatureEncoding::Raw)?;
    pull(ctx, out)
}

/// Imports a KEM secret key from its raw seed: (the secret key, its raw public key).
fn kem_public_key(ctx: &mut CryptoCtx, alg: &str, seed: &[u8]) -> Result<(Handle, Vec<u8>)> {
    let sk = ctx.secretkey_import(
        AlgorithmType::KeyExchange,
        alg,
        seed,
        wasicrypt_host::SecretKeyEncoding::Raw,
    )?;
    let pk = ctx.publickey_from_secretkey(sk)?;
    let out = ctx.publickey_export(pk, wasicrypt_host::PublicKeyEncoding::Raw)?;
    Ok((sk, pull(ctx, out)?))
}

/// The raw public key of the seed's secret key, followed by the decapsulation of `ct`.
fn kem_decapsulate(ctx: &mut CryptoCtx, alg: &str, seed: &[u8], ct: &[u8]) -> Result<Vec<u8>> {
    let (sk, mut out) = kem_public_key(ctx, alg, seed)?;
    let shared = ctx.kx_decapsulate(sk, ct)?;
    out.extend(pull(ctx, shared)?);
    Ok(out)
}

/// Imports a raw KEM public key and encapsulates to it.
fn kem_encapsulate(ctx: &mut CryptoCtx, alg: &str, ek: &[u8]) -> Result<()> {
    let pk = ctx.publickey_import(
        AlgorithmType::KeyExchange,
        alg,
        ek,
        wasicrypt_host::PublicKeyEncoding::Raw,
    )?;
    let (shared, ct) = ctx.kx_encapsulate(pk)?;
    pull(ctx, shared)?;
    pull(ctx, ct)?;
    Ok(())
}

/// Imports the peer public key and the secret key, and returns their shared secret.
fn dh(
    ctx: &mut CryptoCtx,
    alg: &str,
    public_key: &[u8],
    pk_encoding: PublicKeyEncoding,
    secret_key: &[u8],
    sk_encoding: SecretKeyEncoding,
) -> Result<Vec<u8>> {
    let pk = ctx.publickey_import(
        AlgorithmType::KeyExchange,
        alg,
        public_key,
        public_key_encoding(pk_encoding),
    )?;
    let sk = ctx.secretkey_import(
        AlgorithmType::KeyExchange,
        alg,
        secret_key,
        match sk_encoding {
            SecretKeyEncoding::Raw => wasicrypt_host::SecretKeyEncoding::Raw,
            SecretKeyEncoding::Pkcs8 => wasicrypt_host::SecretKeyEncoding::Pkcs8,
            SecretKeyEncoding::Pem => wasicrypt_host::SecretKeyEncoding::Pem,
        },
    )?;
    let output = ctx.kx_dh(pk, sk)?;
    pull(ctx, output)
}

/// Pulls a whole array output, however many calls it takes.
fn pull(ctx: &mut CryptoCtx, output: Handle) -> Result<Vec<u8>> {
    let mut bytes = vec![0u8; ctx.array_output_len(output)?];
    let mut filled = 0;
    while filled < bytes.len() {
        match ctx.array_output_pull(output, &mut bytes[filled..])? {
            0 => return Err(CryptoError::InternalError),
            n => filled += n,
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_an_hmac() {
        // RFC 4231 test case 2.
        let tag = hex::decode("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
            .unwrap();
        let op = Op::Mac {
            alg: "HMAC/SHA-256".into(),
            key: b"Jefe".to_vec(),
            msg: b"what do ya want for nothing?".to_vec(),
            tag: tag.clone(),
        };
        assert_eq!(run_op(&op), Outcome::Ok(tag));
        let Op::Mac { alg, key, msg, .. } = op else {
            unreachable!()
        };
        assert_eq!(
            run_op(&Op::Mac {
                alg,
                key,
                msg,
                tag: vec![0; 32]
            }),
            Outcome::Err(21)
        );
    }
}
