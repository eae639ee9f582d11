//! Seals and opens files of any size in constant memory, with a key the host never lets this
//! program choose badly: `wasicrypt::stream` (STREAM over XChaCha20-Poly1305) under a per-file
//! key derived with HKDF-SHA-256 (RFC 5869).
//!
//! ```text
//! wasicrypt run --dir DIR::/data seal_file.wasm seal /data/key /data/plain /data/plain.sealed
//! wasicrypt run --dir DIR::/data seal_file.wasm open /data/key /data/plain.sealed /data/plain.out
//! ```
//!
//! `key` holds the 32-byte master key. A sealed file is `"WSF1"`, a 32-byte random salt, then a
//! `WCS1` stream (see `wasicrypt::stream`) with 64 KiB chunks. The file key is
//! `HKDF-SHA-256(ikm = master key, salt, info = "wasicrypt seal_file v1")`: each file has its
//! own key, used for one stream only, so the STREAM nonce prefix can be fixed (19 zero bytes).
//! `open` writes to `OUT.partial` and renames it to `OUT` only once the whole stream has
//! authenticated, so a tampered or truncated file never leaves plaintext behind under `OUT`.
//! Exit status: 0 on success, 1 on a refused file (printed on stderr), 2 for bad usage.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

use wasicrypt::chacha20poly1305::XChaCha20Poly1305;
use wasicrypt::stream::{DEFAULT_CHUNK_LEN, Decryptor, Encryptor};
use wasicrypt::{Hkdf, SymmetricKey};

/// The first four bytes of a sealed file.
const MAGIC: &[u8; 4] = b"WSF1";
/// HKDF `info` binding the derived key to this format.
const INFO: &[u8] = b"wasicrypt seal_file v1";
/// The STREAM nonce prefix: fixed, since every file key seals one stream.
const PREFIX: [u8; 19] = [0; 19];

/// The file key of `salt`.
fn file_cipher(master: &[u8], salt: &[u8]) -> io::Result<XChaCha20Poly1305> {
    let key = Hkdf::derive("SHA-256", master, salt, INFO, 32).map_err(io::Error::other)?;
    XChaCha20Poly1305::try_new(&key).map_err(io::Error::other)
}

/// 32 bytes from the host's CSPRNG: a freshly generated key, exported.
fn random_salt() -> io::Result<Vec<u8>> {
    SymmetricKey::generate("XCHACHA20-POLY1305", None)
        .and_then(|key| key.export())
        .map_err(io::Error::other)
}

fn seal(master: &[u8], input: &str, output: &str) -> io::Result<()> {
    let salt = random_salt()?;
    let mut writer = BufWriter::new(File::create(output)?);
    writer.write_all(MAGIC)?;
    writer.write_all(&salt)?;
    let mut sealer = Encryptor::new(
        file_cipher(master, &salt)?,
        &PREFIX,
        DEFAULT_CHUNK_LEN,
        writer,
    )?;
    io::copy(&mut BufReader::new(File::open(input)?), &mut sealer)?;
    sealer
        .finish()?
        .into_inner()
        .map_err(|e| e.into_error())?
        .sync_all()
}

fn open(master: &[u8], input: &str, output: &str) -> io::Result<()> {
    let mut reader = BufReader::new(File::open(input)?);
    let mut head = [0u8; 4 + 32];
    reader.read_exact(&mut head)?;
    if &head[..4] != MAGIC {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "not a sealed file",
        ));
    }
    let mut opener = Decryptor::new(file_cipher(master, &head[4..])?, reader)?;
    let partial = format!("{output}.partial");
    let copied = File::create(&partial).and_then(|file| {
        let mut writer = BufWriter::new(file);
        io::copy(&mut opener, &mut writer)?;
        writer.into_inner().map_err(|e| e.into_error())?.sync_all()
    });
    match copied {
        Ok(()) => std::fs::rename(&partial, output),
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            Err(error)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, command, key_file, input, output] = args.as_slice() else {
        eprintln!("usage: seal_file seal|open KEY_FILE IN OUT");
        return ExitCode::from(2);
    };
    let master = match std::fs::read(key_file) {
        Ok(key) if key.len() == 32 => key,
        Ok(key) => {
            eprintln!(
                "seal_file: {key_file}: a master key is 32 bytes, not {}",
                key.len()
            );
            return ExitCode::from(2);
        }
        Err(error) => {
            eprintln!("seal_file: {key_file}: {error}");
            return ExitCode::from(2);
        }
    };
    let result = match command.as_str() {
        "seal" => seal(&master, input, output),
        "open" => open(&master, input, output),
        _ => {
            eprintln!("usage: seal_file seal|open KEY_FILE IN OUT");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("seal_file: {command} {input}: {error}");
            ExitCode::FAILURE
        }
    }
}
