//! Signs with a key the guest never sees: an Ed25519 key pair that the operator provisioned in
//! the host's vault (`wasicrypt secrets generate Ed25519`), opened by its identifier through the
//! secrets manager.
//!
//! ```text
//! vault_sign KEY_ID MESSAGE    prints `public-key HEX`, `signature HEX` and why the secret
//!                              key could not be exported; exit 1 if the key cannot be used
//! ```
//!
//! Run it with a vault: `wasicrypt run --vault vault.db --namespace app vault_sign.wasm ID msg`.
//! The signature is a raw 64-byte Ed25519 signature (RFC 8032) of MESSAGE's bytes.

use std::process::ExitCode;

use wasicrypt::secrets::{KeyId, SecretsManager, Version};
use wasicrypt::{
    KeyPairEncoding, PublicKeyEncoding, SignatureAlgorithm, SignatureEncoding, SignatureKeyPair,
};

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn run(id: &str, message: &str) -> wasicrypt::Result<()> {
    let manager = SecretsManager::open()?;
    let id = KeyId::from(id);
    let key =
        SignatureKeyPair::from_id(&manager, SignatureAlgorithm::Ed25519, &id, Version::LATEST)?;
    let (_, version) = key.managed_id()?;
    let public = key.public_key()?.export(PublicKeyEncoding::Raw)?;
    let signature = key
        .sign(message.as_bytes())?
        .export(SignatureEncoding::Raw)?;
    println!("version {}", version.0);
    println!("public-key {}", hex(&public));
    println!("signature {}", hex(&signature));
    match key.export(KeyPairEncoding::Raw) {
        Ok(_) => println!("export allowed"),
        Err(e) => println!("export refused: {}", e.kind()),
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, id, message] = args.as_slice() else {
        eprintln!("usage: vault_sign KEY_ID MESSAGE");
        return ExitCode::from(2);
    };
    match run(id, message) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vault_sign: {e}");
            ExitCode::FAILURE
        }
    }
}
