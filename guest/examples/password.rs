//! Password storage with Argon2id PHC strings (RFC 9106; the PHC string format), computed by the
//! host: the memory-hard work runs natively, under the embedder's cost ceilings.
//!
//! ```text
//! password hash PASSWORD          prints $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//! password verify PHC PASSWORD    exit 0 if PASSWORD matches, 1 if not
//! ```
//!
//! The costs are OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane); the 16-byte salt
//! comes from the host's CSPRNG. `verify` takes the algorithm, costs and salt from the string,
//! so strings made by any Argon2 implementation with other costs verify too.

use std::process::ExitCode;

use wasicrypt::ErrorKind;
use wasicrypt::{Error, PasswordHash, PasswordHashCost, SymmetricKey};

/// OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1.
const COST: PasswordHashCost = PasswordHashCost {
    ops_limit: Some(2),
    memory_limit: Some(19 * 1024 * 1024),
    parallelism: Some(1),
};

/// 16 bytes from the host's CSPRNG (a fresh AES-128 key, exported).
fn random_salt() -> Result<Vec<u8>, Error> {
    SymmetricKey::generate("AES-128-GCM", None)?.export()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.as_slice() {
        [command, password] if command == "hash" => random_salt()
            .and_then(|salt| PasswordHash::hash("ARGON2-ID-13", password.as_bytes(), &salt, &COST))
            .map(|phc| println!("{phc}")),
        [command, phc, password] if command == "verify" => {
            PasswordHash::verify(phc, password.as_bytes()).map(|()| println!("match"))
        }
        _ => {
            eprintln!("usage: password hash PASSWORD | password verify PHC PASSWORD");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::VerificationFailed | ErrorKind::InvalidTag
            ) =>
        {
            eprintln!("password: no match");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("password: {error}");
            ExitCode::FAILURE
        }
    }
}
