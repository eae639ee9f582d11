//! Streaming encryption (`wasicrypt::stream`, the STREAM construction and its `WCS1` format) and
//! in-place sealing without reallocation: round trips at chunk boundaries, rejection of every
//! kind of stream manipulation, and constant guest memory for a 64 MiB stream.

use std::io::{self, Read, Write};

use aead::{AeadInOut, KeyInit};
use wasicrypt::aes_gcm::Aes256Gcm;
use wasicrypt::chacha20poly1305::XChaCha20Poly1305;
use wasicrypt::stream::{Decryptor, Encryptor, MAX_CHUNK_LEN};
use wasicrypt::{Aead, SymmetricKey};
use wasicrypt_test_programs::harness::{Context, Harness, ensure, ensure_bytes, ensure_eq};
use wasicrypt_test_programs::memory_pages;

const KEY: [u8; 32] = [0x42; 32];
const PREFIX: [u8; 7] = [0x24; 7];
const CHUNK: u32 = 100;
/// `WCS1` header length for a 12-byte nonce: magic, chunk length, 7-byte prefix.
const HEADER: usize = 4 + 4 + 7;
const SEALED_CHUNK: usize = CHUNK as usize + 16;

fn cipher() -> Aes256Gcm {
    Aes256Gcm::new(&KEY.into())
}

fn plaintext(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

/// Seals `data` written in pieces of `piece` bytes.
fn seal(data: &[u8], piece: usize) -> Result<Vec<u8>, String> {
    let mut sealer = Encryptor::new(cipher(), &PREFIX, CHUNK, Vec::new()).ctx("new")?;
    for part in data.chunks(piece.max(1)) {
        sealer.write_all(part).ctx("write")?;
    }
    sealer.finish().ctx("finish")
}

/// Opens a whole stream.
fn open_with(cipher: Aes256Gcm, sealed: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    Decryptor::new(cipher, sealed)?.read_to_end(&mut out)?;
    Ok(out)
}

/// Expects `sealed` to be rejected with `InvalidData`.
fn rejected(what: &str, sealed: &[u8]) -> Result<(), String> {
    match open_with(cipher(), sealed) {
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Ok(()),
        Err(e) => Err(format!("{what}: {e:?}, expected InvalidData")),
        Ok(plain) => Err(format!("{what}: opened {} bytes", plain.len())),
    }
}

/// Generates `len` bytes without holding them.
struct Source {
    left: usize,
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.left);
        buf[..n].fill(0xa5);
        self.left -= n;
        Ok(n)
    }
}

/// Counts what is written, keeping only the last 64 KiB it saw in one call.
#[derive(Default)]
struct Sink {
    len: usize,
    kept: Vec<u8>,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.len += buf.len();
        self.kept.clear();
        self.kept
            .extend_from_slice(&buf[buf.len().saturating_sub(1 << 16)..]);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn main() {
    let mut h = Harness::new();

    h.check("stream: round trips at and around chunk boundaries", || {
        for len in [0, 1, 99, 100, 101, 199, 200, 201, 1000] {
            for piece in [1, 7, 100, 4096] {
                let data = plaintext(len);
                let sealed = seal(&data, piece)?;
                let chunks = len.div_ceil(CHUNK as usize).max(1);
                ensure_eq("sealed length", sealed.len(), HEADER + len + 16 * chunks)?;
                let opened = open_with(cipher(), &sealed).ctx("open")?;
                ensure_bytes(&format!("{len} bytes in pieces of {piece}"), &opened, &data)?;
            }
        }
        Ok(())
    });

    h.check(
        "stream: the header is WCS1, the chunk length and the prefix",
        || {
            let sealed = seal(b"x", 1)?;
            ensure_bytes(
                "header",
                &sealed[..HEADER],
                b"WCS1\0\0\0\x64\x24\x24\x24\x24\x24\x24\x24",
            )
        },
    );

    h.check("stream: tampering with any byte is rejected", || {
        let sealed = seal(&plaintext(250), 50)?;
        for index in [0, 4, 7, 8, 14, HEADER, HEADER + 120, sealed.len() - 1] {
            let mut bad = sealed.clone();
            bad[index] ^= 0x01;
            rejected(&format!("byte {index} flipped"), &bad)?;
        }
        Ok(())
    });

    h.check(
        "stream: truncated, extended and reordered streams are rejected",
        || {
            let sealed = seal(&plaintext(250), 50)?;
            ensure_eq(
                "three chunks",
                sealed.len(),
                HEADER + 2 * SEALED_CHUNK + 50 + 16,
            )?;
            rejected("last chunk dropped", &sealed[..HEADER + 2 * SEALED_CHUNK])?;
            rejected("cut inside the last chunk", &sealed[..sealed.len() - 1])?;
            rejected("header only", &sealed[..HEADER])?;
            let mut extended = sealed.clone();
            extended.push(0);
            rejected("one byte appended", &extended)?;
            let mut twice = sealed.clone();
            twice.extend_from_slice(&sealed[HEADER..]);
            rejected("chunks appended again", &twice)?;
            let mut swapped = sealed[..HEADER].to_vec();
            swapped.extend_from_slice(&sealed[HEADER + SEALED_CHUNK..HEADER + 2 * SEALED_CHUNK]);
            swapped.extend_from_slice(&sealed[HEADER..HEADER + SEALED_CHUNK]);
            swapped.extend_from_slice(&sealed[HEADER + 2 * SEALED_CHUNK..]);
            rejected("first two chunks swapped", &swapped)?;
            // A stream whose full last chunk was sealed as last, cut to its first chunk.
            let exact = seal(&plaintext(200), 200)?;
            rejected(
                "exact multiple, last chunk dropped",
                &exact[..HEADER + SEALED_CHUNK],
            )
        },
    );

    h.check("stream: another key or another prefix is rejected", || {
        let sealed = seal(&plaintext(150), 150)?;
        let other = Aes256Gcm::new(&[0x43; 32].into());
        ensure(
            open_with(other, &sealed).is_err(),
            "opened with another key",
        )?;
        let mut other_prefix =
            Encryptor::new(cipher(), &[0x25; 7], CHUNK, Vec::new()).ctx("new")?;
        other_prefix.write_all(&plaintext(150)).ctx("write")?;
        let mut spliced = other_prefix.finish().ctx("finish")?;
        spliced.truncate(HEADER);
        spliced.extend_from_slice(&sealed[HEADER..]);
        rejected("chunks of another prefix", &spliced)
    });

    h.check("stream: after a failure every read fails", || {
        let mut sealed = seal(&plaintext(250), 250)?;
        sealed[HEADER + 1] ^= 1;
        let mut opener = Decryptor::new(cipher(), &sealed[..]).ctx("new")?;
        let mut buf = [0u8; 10];
        for attempt in 0..3 {
            match opener.read(&mut buf) {
                Err(e) if e.kind() == io::ErrorKind::InvalidData => {}
                other => return Err(format!("read {attempt}: {other:?}")),
            }
        }
        Ok(())
    });

    h.check(
        "stream: bad headers and parameters are refused before allocating",
        || {
            let sealed = seal(b"abc", 3)?;
            let mut magic = sealed.clone();
            magic[0] = b'X';
            rejected("bad magic", &magic)?;
            let mut huge = sealed.clone();
            huge[4..8].copy_from_slice(&(MAX_CHUNK_LEN + 1).to_be_bytes());
            rejected("chunk length above the maximum", &huge)?;
            let mut zero = sealed.clone();
            zero[4..8].copy_from_slice(&0u32.to_be_bytes());
            rejected("chunk length 0", &zero)?;
            match Decryptor::new(cipher(), &sealed[..5]) {
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {}
                other => return Err(format!("short header: {:?}", other.map(|_| ()))),
            }
            for (prefix, chunk) in [
                (&[0u8; 6][..], CHUNK),
                (&PREFIX[..], 0),
                (&PREFIX[..], MAX_CHUNK_LEN + 1),
            ] {
                match Encryptor::new(cipher(), prefix, chunk, Vec::new()) {
                    Err(e) if e.kind() == io::ErrorKind::InvalidInput => {}
                    other => {
                        return Err(format!(
                            "prefix {} chunk {chunk}: {:?}",
                            prefix.len(),
                            other.map(|_| ())
                        ));
                    }
                }
            }
            Ok(())
        },
    );

    h.check("stream: XChaCha20-Poly1305 with a 19-byte prefix", || {
        let cipher = || XChaCha20Poly1305::new(&KEY.into());
        let mut sealer = Encryptor::new(cipher(), &[9u8; 19], 64, Vec::new()).ctx("new")?;
        sealer.write_all(&plaintext(1000)).ctx("write")?;
        let sealed = sealer.finish().ctx("finish")?;
        ensure_eq("length", sealed.len(), 8 + 19 + 1000 + 16 * 16)?;
        let mut opened = Vec::new();
        Decryptor::new(cipher(), &sealed[..])
            .ctx("new")?
            .read_to_end(&mut opened)
            .ctx("read")?;
        ensure_bytes("plaintext", &opened, &plaintext(1000))
    });

    h.check("stream: 64 MiB through in constant guest memory", || {
        const LEN: usize = 64 << 20;
        let before = memory_pages();
        let mut sealer = Encryptor::new(cipher(), &PREFIX, 1 << 16, Sink::default()).ctx("new")?;
        io::copy(&mut Source { left: LEN }, &mut sealer).ctx("seal")?;
        let sink = sealer.finish().ctx("finish")?;
        ensure_eq("sealed length", sink.len, HEADER + LEN + 16 * (LEN >> 16))?;
        // Open a re-generated stream without holding it: seal again into a pipe of chunks.
        let mut sealed = Vec::new();
        let mut small = Encryptor::new(cipher(), &PREFIX, 1 << 16, &mut sealed).ctx("new")?;
        io::copy(&mut Source { left: 1 << 20 }, &mut small).ctx("seal 1 MiB")?;
        small.finish().ctx("finish")?;
        let mut opener = Decryptor::new(cipher(), &sealed[..]).ctx("new")?;
        let mut count = Sink::default();
        io::copy(&mut opener, &mut count).ctx("open")?;
        ensure_eq("opened length", count.len, 1 << 20)?;
        let grown = memory_pages() - before;
        // Buffers of 64 KiB + 16 bytes and the 1 MiB stream: well under 64 pages (4 MiB).
        ensure(
            grown < 64,
            format!("guest memory grew by {grown} pages of 64 KiB"),
        )
    });

    h.check(
        "Aead::seal_in_place does not reallocate a buffer with room for the tag",
        || {
            let key = SymmetricKey::import("AES-256-GCM", &KEY).ctx("import")?;
            let mut buf = Vec::with_capacity(1000 + 16);
            buf.extend_from_slice(&plaintext(1000));
            let ptr = buf.as_ptr();
            Aead::new("AES-256-GCM", &key, &[1; 12], b"")
                .ctx("new")?
                .seal_in_place(&mut buf)
                .ctx("seal")?;
            ensure(buf.as_ptr() == ptr, "the buffer moved")?;
            ensure_eq("capacity", buf.capacity(), 1016)?;
            let mut tight = plaintext(1000);
            tight.shrink_to_fit();
            Aead::new("AES-256-GCM", &key, &[2; 12], b"")
                .ctx("new")?
                .seal_in_place(&mut tight)
                .ctx("seal")?;
            ensure_eq("grown by exactly the tag", tight.capacity(), 1016)
        },
    );

    h.check(
        "aead::AeadInOut::encrypt_in_place does not reallocate either",
        || {
            let mut buf = Vec::with_capacity(1000 + 16);
            buf.extend_from_slice(&plaintext(1000));
            let ptr = buf.as_ptr();
            cipher()
                .encrypt_in_place(&[3; 12].into(), b"ad", &mut buf)
                .map_err(|e| e.to_string())?;
            ensure(buf.as_ptr() == ptr, "the buffer moved")?;
            ensure_eq("length", buf.len(), 1016)?;
            cipher()
                .decrypt_in_place(&[3; 12].into(), b"ad", &mut buf)
                .map_err(|e| e.to_string())?;
            ensure_bytes("plaintext", &buf, &plaintext(1000))
        },
    );

    h.run();
}
