//! Runs Wycheproof cases sent by `wasicrypt-vectors` (`vectors/src/wasm.rs`) with the `wasicrypt`
//! guest crate, over real WASI-Crypto hostcalls.
//!
//! stdin: one case per line, space-separated, binary fields in lowercase hex (`-` = empty):
//!
//! ```text
//! aead   ALG KEY NONCE AAD MSG SEALED     open SEALED (ciphertext ‖ tag), then seal MSG: sealed ‖ opened
//! cipher ALG KEY IV MSG CT                decrypt CT, then encrypt MSG: ciphertext ‖ plaintext
//! mac    ALG KEY MSG TAG                  tag of MSG, verified against TAG, then pulled
//! pbkdf  ALG PASSWORD SALT ITER LEN       PasswordHash::derive_key: LEN bytes
//! hkdf   HASH IKM SALT INFO SIZE          HKDF-EXTRACT/HASH then HKDF-EXPAND/HASH: SIZE bytes
//! verify ALG PKENC PK SIGENC SIG MSG      import public key and signature, verify MSG: no output
//! dh     ALG PKENC PK SKENC SK            import public key and secret key, kx_dh
//! sign   ALG KPENC KEY MSG                import the key pair, sign MSG: the raw signature
//! kemgen ALG SEED                         import the raw secret key (seed): its raw public key
//! kemdec ALG SEED CT                      as kemgen, then decapsulate CT: public key ‖ shared secret
//! kemenc ALG EK                           import the raw public key, encapsulate: no output
//! ```
//!
//! `PKENC`, `SKENC`, `KPENC` and `SIGENC` are the proposal's encoding values. stdout: one line per case, in order:
//! `ok HEX` (`ok -` for no output) or `err ERRNO`. A line that does not parse is answered with
//! `bad WHY`. Exits 0 once stdin is exhausted.

use std::io::{self, BufRead, BufWriter, Write};

use wasicrypt::{
    Aead, Cipher, Hkdf, KeyPairEncoding, KxPublicKey, KxSecretKey, PasswordHash, PasswordHashCost,
    PublicKeyEncoding, SecretKeyEncoding, Signature, SignatureEncoding, SignatureKeyPair,
    SignaturePublicKey, SymmetricKey, SymmetricState,
};

fn main() -> io::Result<()> {
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lines() {
        let line = line?;
        match parse_and_run(&line) {
            Ok(Ok(output)) if output.is_empty() => writeln!(out, "ok -")?,
            Ok(Ok(output)) => writeln!(out, "ok {}", to_hex(&output))?,
            Ok(Err(error)) => writeln!(out, "err {}", error.errno())?,
            Err(why) => writeln!(out, "bad {why}")?,
        }
    }
    out.flush()
}

/// Parses one case line and runs it: `Err` if the line is malformed.
fn parse_and_run(line: &str) -> Result<wasicrypt::Result<Vec<u8>>, String> {
    let fields: Vec<&str> = line.split(' ').collect();
    let hex = |i: usize| {
        fields
            .get(i)
            .ok_or_else(|| format!("missing field {i}"))
            .and_then(|f| from_hex(f))
    };
    let text = |i: usize| {
        fields
            .get(i)
            .copied()
            .ok_or_else(|| format!("missing field {i}"))
    };
    let number = |i: usize| {
        text(i)?
            .parse::<usize>()
            .map_err(|e| format!("field {i}: {e}"))
    };
    let code = |i: usize| u16::try_from(number(i)?).map_err(|e| format!("field {i}: {e}"));
    let pk_encoding = |i: usize| {
        PublicKeyEncoding::from_raw(code(i)?)
            .ok_or_else(|| format!("field {i}: unknown public key encoding"))
    };
    let arity = |n: usize| {
        if fields.len() == n {
            Ok(())
        } else {
            Err(format!("{} fields, expected {n}", fields.len()))
        }
    };
    match fields[0] {
        "aead" => {
            arity(7)?;
            Ok(aead(
                text(1)?,
                &hex(2)?,
                &hex(3)?,
                &hex(4)?,
                &hex(5)?,
                &hex(6)?,
            ))
        }
        "cipher" => {
            arity(6)?;
            Ok(cipher(text(1)?, &hex(2)?, &hex(3)?, &hex(4)?, &hex(5)?))
        }
        "pbkdf" => {
            arity(6)?;
            let cost = PasswordHashCost {
                ops_limit: Some(number(4)? as u64),
                ..PasswordHashCost::default()
            };
            Ok(PasswordHash::derive_key(
                text(1)?,
                &hex(2)?,
                &hex(3)?,
                &cost,
                number(5)?,
            ))
        }
        "mac" => {
            arity(5)?;
            Ok(mac(text(1)?, &hex(2)?, &hex(3)?, &hex(4)?))
        }
        "hkdf" => {
            arity(6)?;
            Ok(Hkdf::derive(
                text(1)?,
                &hex(2)?,
                &hex(3)?,
                &hex(4)?,
                number(5)?,
            ))
        }
        "verify" => {
            arity(7)?;
            let sig_encoding = SignatureEncoding::from_raw(code(4)?)
                .ok_or_else(|| "field 4: unknown signature encoding".to_owned())?;
            let verified = verify(
                text(1)?,
                &hex(3)?,
                pk_encoding(2)?,
                &hex(5)?,
                sig_encoding,
                &hex(6)?,
            );
            Ok(verified.map(|()| Vec::new()))
        }
        "dh" => {
            arity(6)?;
            let sk_encoding = SecretKeyEncoding::from_raw(code(4)?)
                .ok_or_else(|| "field 4: unknown secret key encoding".to_owned())?;
            Ok(dh(
                text(1)?,
                &hex(3)?,
                pk_encoding(2)?,
                &hex(5)?,
                sk_encoding,
            ))
        }
        "sign" => {
            arity(5)?;
            let kp_encoding = KeyPairEncoding::from_raw(code(2)?)
                .ok_or_else(|| "field 2: unknown key pair encoding".to_owned())?;
            Ok(sign(text(1)?, &hex(3)?, kp_encoding, &hex(4)?))
        }
        "kemgen" => {
            arity(3)?;
            Ok(kem_public_key(text(1)?, &hex(2)?).map(|(_, pk)| pk))
        }
        "kemdec" => {
            arity(4)?;
            Ok(kem_decapsulate(text(1)?, &hex(2)?, &hex(3)?))
        }
        "kemenc" => {
            arity(3)?;
            Ok(kem_encapsulate(text(1)?, &hex(2)?).map(|()| Vec::new()))
        }
        other => Err(format!("unknown operation {other:?}")),
    }
}

/// Opens `sealed` (ciphertext ‖ tag), then seals `msg` with a fresh [`Aead`]: sealed ‖ opened.
fn aead(
    alg: &str,
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
    msg: &[u8],
    sealed: &[u8],
) -> wasicrypt::Result<Vec<u8>> {
    let key = SymmetricKey::import(alg, key)?;
    let opened = Aead::new(alg, &key, nonce, aad)?.open(sealed)?;
    let mut out = Aead::new(alg, &key, nonce, aad)?.seal(msg)?;
    out.extend_from_slice(&opened);
    Ok(out)
}

/// [`Cipher`]: decrypt `ct`, then encrypt `msg` with a fresh state: ciphertext ‖ plaintext.
fn cipher(alg: &str, key: &[u8], iv: &[u8], msg: &[u8], ct: &[u8]) -> wasicrypt::Result<Vec<u8>> {
    let key = SymmetricKey::import(alg, key)?;
    let opened = Cipher::new(alg, &key, iv)?.decrypt(ct)?;
    let mut out = Cipher::new(alg, &key, iv)?.encrypt(msg)?;
    out.extend_from_slice(&opened);
    Ok(out)
}

/// The MAC of `msg`, verified against `tag` (in the host, constant time) before it is pulled.
fn mac(alg: &str, key: &[u8], msg: &[u8], tag: &[u8]) -> wasicrypt::Result<Vec<u8>> {
    let key = SymmetricKey::import(alg, key)?;
    let mut state = SymmetricState::open(alg, Some(&key), None)?;
    state.absorb(msg)?;
    let computed = state.squeeze_tag()?;
    computed.verify(tag)?;
    computed.into_vec()
}

/// `SignaturePublicKey::import` + `Signature::import` + `SignaturePublicKey::verify`.
fn verify(
    alg: &str,
    pk: &[u8],
    pk_encoding: PublicKeyEncoding,
    sig: &[u8],
    sig_encoding: SignatureEncoding,
    msg: &[u8],
) -> wasicrypt::Result<()> {
    let pk = SignaturePublicKey::import(alg, pk, pk_encoding)?;
    let sig = Signature::import(alg, sig, sig_encoding)?;
    pk.verify(msg, &sig)
}

/// `KxPublicKey::import` + `KxSecretKey::import` + `KxPublicKey::dh`.
fn dh(
    alg: &str,
    pk: &[u8],
    pk_encoding: PublicKeyEncoding,
    sk: &[u8],
    sk_encoding: SecretKeyEncoding,
) -> wasicrypt::Result<Vec<u8>> {
    let pk = KxPublicKey::import(alg, pk, pk_encoding)?;
    let sk = KxSecretKey::import(alg, sk, sk_encoding)?;
    pk.dh(&sk)
}

fn from_hex(field: &str) -> Result<Vec<u8>, String> {
    if field == "-" {
        return Ok(Vec::new());
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Ok(c - b'0'),
        b'a'..=b'f' => Ok(c - b'a' + 10),
        b'A'..=b'F' => Ok(c - b'A' + 10),
        _ => Err(format!("not hex: {:?}", char::from(c))),
    };
    let bytes = field.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return Err("odd hex length".to_owned());
    }
    bytes
        .chunks(2)
        .map(|pair| Ok(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// `SignatureKeyPair::import` + `SignatureKeyPair::sign`: the raw signature.
fn sign(
    alg: &str,
    key: &[u8],
    encoding: KeyPairEncoding,
    msg: &[u8],
) -> wasicrypt::Result<Vec<u8>> {
    SignatureKeyPair::import(alg, key, encoding)?
        .sign(msg)?
        .export(SignatureEncoding::Raw)
}

/// `KxSecretKey::import` (raw seed) + `KxSecretKey::public_key`: (secret key, raw public key).
fn kem_public_key(alg: &str, seed: &[u8]) -> wasicrypt::Result<(KxSecretKey, Vec<u8>)> {
    let sk = KxSecretKey::import(alg, seed, SecretKeyEncoding::Raw)?;
    let pk = sk.public_key()?.export(PublicKeyEncoding::Raw)?;
    Ok((sk, pk))
}

/// The raw public key of the seed's secret key ‖ `KxSecretKey::decapsulate(ct)`.
fn kem_decapsulate(alg: &str, seed: &[u8], ct: &[u8]) -> wasicrypt::Result<Vec<u8>> {
    let (sk, mut out) = kem_public_key(alg, seed)?;
    out.extend(sk.decapsulate(ct)?);
    Ok(out)
}

/// `KxPublicKey::import` (raw) + `KxPublicKey::encapsulate`.
fn kem_encapsulate(alg: &str, ek: &[u8]) -> wasicrypt::Result<()> {
    KxPublicKey::import(alg, ek, PublicKeyEncoding::Raw)?.encapsulate()?;
    Ok(())
}
