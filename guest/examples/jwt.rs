//! JSON Web Tokens (RFC 7519) signed in the host with EdDSA (Ed25519, RFC 8037) and ES256
//! (ECDSA P-256 with SHA-256, RFC 7518 §3.4), through the `signature` traits of
//! `wasicrypt::ed25519` and `wasicrypt::p256::ecdsa`.
//!
//! ```text
//! jwt sign EdDSA|ES256 SEED_HEX PAYLOAD_JSON   prints the compact token, then the public key (hex)
//! jwt verify EdDSA|ES256 PUBLIC_HEX TOKEN      prints the payload; exit 1 if the token is refused
//! ```
//!
//! `SEED_HEX` is the 32-byte Ed25519 seed or P-256 scalar; `PUBLIC_HEX` the 32-byte Ed25519
//! key or the uncompressed SEC 1 P-256 point. A token is
//! `BASE64URL(header) . BASE64URL(payload) . BASE64URL(signature)` (RFC 7515 §7.1, no padding);
//! the signature covers the first two parts as ASCII, and ES256's is the 64-byte `r ‖ s`
//! (RFC 7518 §3.4), not DER. `verify` checks the header's `alg` before the signature (RFC 8725
//! §3.1: the verifier, not the token, chooses the algorithm).

use std::process::ExitCode;

use base64ct::{Base64UrlUnpadded, Encoding};
use signature::{SignatureEncoding, Signer, Verifier};
use wasicrypt::{ed25519, p256};

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Decodes hex (`None` for anything else).
fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The JOSE header of `alg`.
fn header(alg: &str) -> String {
    format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#)
}

/// Signs `payload` with `key` as a compact JWS of `alg`.
fn sign<S: SignatureEncoding>(
    alg: &str,
    key: &impl Signer<S>,
    payload: &str,
) -> Result<String, String> {
    let signing_input = format!(
        "{}.{}",
        Base64UrlUnpadded::encode_string(header(alg).as_bytes()),
        Base64UrlUnpadded::encode_string(payload.as_bytes())
    );
    let signature = key
        .try_sign(signing_input.as_bytes())
        .map_err(|e| format!("signing: {e}"))?;
    Ok(format!(
        "{signing_input}.{}",
        Base64UrlUnpadded::encode_string(&signature.to_vec())
    ))
}

/// Verifies the compact token `token` with `key`, expecting `alg`; returns the payload.
fn verify<S>(alg: &str, key: &impl Verifier<S>, token: &str) -> Result<String, String>
where
    S: for<'a> TryFrom<&'a [u8]>,
{
    let mut parts = token.split('.');
    let (Some(head), Some(body), Some(sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("not a compact JWS (three parts)".into());
    };
    let decode =
        |part: &str| Base64UrlUnpadded::decode_vec(part).map_err(|_| "bad base64url".to_string());
    let header_json = String::from_utf8(decode(head)?).map_err(|_| "header is not UTF-8")?;
    if !header_json
        .replace(' ', "")
        .contains(&format!(r#""alg":"{alg}""#))
    {
        return Err(format!("header {header_json} is not alg {alg}"));
    }
    let signature =
        S::try_from(decode(sig)?.as_slice()).map_err(|_| "malformed signature".to_string())?;
    key.verify(format!("{head}.{body}").as_bytes(), &signature)
        .map_err(|_| "signature does not verify".to_string())?;
    String::from_utf8(decode(body)?).map_err(|_| "payload is not UTF-8".into())
}

fn run(args: &[String]) -> Result<String, String> {
    let [command, alg, key_hex, text] = args else {
        return Err("usage: jwt sign|verify EdDSA|ES256 KEY_HEX PAYLOAD_OR_TOKEN".into());
    };
    let key = unhex(key_hex).ok_or("key is not hex")?;
    match (command.as_str(), alg.as_str()) {
        ("sign", "EdDSA") => {
            let seed: [u8; 32] = key.try_into().map_err(|_| "an Ed25519 seed is 32 bytes")?;
            let key = ed25519::SigningKey::try_from_bytes(&seed).map_err(|e| e.to_string())?;
            let token = sign::<ed25519::Signature>("EdDSA", &key, text)?;
            Ok(format!("{token}\n{}", hex(&key.verifying_key().to_bytes())))
        }
        ("sign", "ES256") => {
            let key = p256::ecdsa::SigningKey::from_slice(&key).map_err(|e| e.to_string())?;
            let token = sign::<p256::ecdsa::Signature>("ES256", &key, text)?;
            Ok(format!(
                "{token}\n{}",
                hex(&key.verifying_key().to_sec1_bytes())
            ))
        }
        ("verify", "EdDSA") => {
            let public: [u8; 32] = key.try_into().map_err(|_| "an Ed25519 key is 32 bytes")?;
            let key = ed25519::VerifyingKey::from_bytes(&public).map_err(|e| e.to_string())?;
            verify::<ed25519::Signature>("EdDSA", &key, text)
        }
        ("verify", "ES256") => {
            let key =
                p256::ecdsa::VerifyingKey::from_sec1_bytes(&key).map_err(|e| e.to_string())?;
            verify::<p256::ecdsa::Signature>("ES256", &key, text)
        }
        _ => Err(format!("unknown command or algorithm: {command} {alg}")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("jwt: {error}");
            ExitCode::FAILURE
        }
    }
}
