//! Streaming encryption of data of any size in constant memory: the STREAM construction
//! (Hoang, Reyhanitabar, Rogaway, Vizár, "Online Authenticated-Encryption and its Nonce-Reuse
//! Misuse-Resistance", CRYPTO 2015, §7) as implemented by RustCrypto's
//! [`aead-stream`](https://docs.rs/aead-stream) — re-exported here — over any AEAD of this
//! crate, and an `std::io` format on top of it.
//!
//! # The construction
//! A stream is a sequence of AEAD messages (chunks) under one key. Chunk `i`'s nonce is
//! `prefix ‖ i ‖ last`: the caller's nonce prefix (the AEAD's nonce length minus 5 bytes: 7 for
//! AES-GCM and ChaCha20-Poly1305, 19 for XChaCha20-Poly1305), the chunk's 32-bit big-endian
//! counter, and one byte that is 1 for the last chunk and 0 for the others ([`StreamBE32`]). So
//! a chunk that is dropped, repeated, moved, or taken from another stream fails authentication,
//! and so does a stream cut at a chunk boundary (its new last chunk was not sealed as last) or
//! extended after its last chunk. One key and prefix may seal one stream only: take the prefix
//! at random from a key used once, or use XChaCha20-Poly1305 and a random 19-byte prefix.
//!
//! # The `std::io` format (`WCS1`)
//! [`Encryptor`] writes, and [`Decryptor`] reads:
//!
//! | bytes | content |
//! |---|---|
//! | 4 | `"WCS1"` |
//! | 4 | chunk length `L`, big-endian `u32`, 1 ..= [`MAX_CHUNK_LEN`] |
//! | nonce length − 5 | nonce prefix |
//! | `L` + 16, repeated | every chunk but the last: `L` plaintext bytes sealed |
//! | 0 ..= `L` + 16 | the last chunk: the remaining 0 ..= `L` bytes sealed as last |
//!
//! Every chunk is sealed with the header (the first `8 + prefix` bytes) as associated data, so
//! the chunk length and prefix are authenticated too. The ciphertext is `16 × ⌈(n + 1) / L⌉`
//! bytes longer than `n` bytes of plaintext, plus the header. Memory: one buffer of `L + 16`
//! bytes on each side, whatever the stream's length; up to 2³² − 1 chunks (256 TiB at the
//! default `L` of 64 KiB). Byte counts are 64-bit: the tests seal and open 4.5 GiB (more
//! than a 32-bit guest can address) while the guest's memory grows by a few pages.
//!
//! ```
//! # if !cfg!(target_arch = "wasm32") { return Ok(()); } // the hostcalls need a WASI-Crypto host
//! use std::io::{Read, Write};
//! use aead::KeyInit;
//! use wasicrypt::chacha20poly1305::XChaCha20Poly1305;
//! use wasicrypt::stream::{Decryptor, Encryptor};
//!
//! let key = [0x42; 32];
//! let prefix = [0x24; 19]; // random in real use: one prefix per stream under a key
//! let mut sealer = Encryptor::new(XChaCha20Poly1305::new(&key.into()), &prefix, 1024, Vec::new())?;
//! sealer.write_all(&[7u8; 5000])?;
//! let sealed = sealer.finish()?;
//!
//! let mut opener = Decryptor::new(XChaCha20Poly1305::new(&key.into()), &sealed[..])?;
//! let mut plain = Vec::new();
//! opener.read_to_end(&mut plain)?;
//! assert_eq!(plain, [7u8; 5000]);
//! # Ok::<(), std::io::Error>(())
//! ```

use alloc::vec::Vec;
use core::ops::Sub;
use std::io::{self, Read, Write};

use aead::array::ArraySize;
use aead::array::typenum::{U5, Unsigned};
use aead::{AeadCore, AeadInOut};
pub use aead_stream::{self, DecryptorBE32, EncryptorBE32, NewStream, StreamBE32, StreamPrimitive};

/// The first four bytes of a stream.
pub const MAGIC: [u8; 4] = *b"WCS1";
/// The chunk length [`Encryptor::new`] callers usually want: 64 KiB.
pub const DEFAULT_CHUNK_LEN: u32 = 64 * 1024;
/// The longest chunk a [`Decryptor`] accepts (16 MiB): it bounds the memory a stream's header
/// can make the reader allocate.
pub const MAX_CHUNK_LEN: u32 = 16 * 1024 * 1024;
/// Tag length of every AEAD of this crate.
const TAG_LEN: usize = 16;

/// An `InvalidData` I/O error saying what failed.
fn invalid_data(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        alloc::format!("wasicrypt::stream: {what}"),
    )
}

/// Checks the chunk length and builds the header of a stream with nonce prefix `prefix`.
fn header(chunk_len: u32, prefix: &[u8]) -> io::Result<Vec<u8>> {
    if chunk_len == 0 || chunk_len > MAX_CHUNK_LEN {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "wasicrypt::stream: chunk length must be 1 ..= 16 MiB",
        ));
    }
    let mut header = Vec::with_capacity(8 + prefix.len());
    header.extend_from_slice(&MAGIC);
    header.extend_from_slice(&chunk_len.to_be_bytes());
    header.extend_from_slice(prefix);
    Ok(header)
}

/// The STREAM nonce prefix of `A` from a slice (`InvalidInput` if its length is not the AEAD's
/// nonce length minus 5).
fn nonce_prefix<A>(prefix: &[u8]) -> io::Result<aead_stream::Nonce<A, StreamBE32<A>>>
where
    A: AeadInOut,
    A::NonceSize: Sub<U5>,
    <<A as AeadCore>::NonceSize as Sub<U5>>::Output: ArraySize,
{
    prefix.try_into().map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "wasicrypt::stream: the nonce prefix must be the AEAD's nonce length minus 5 bytes",
        )
    })
}

/// Writes the `WCS1` format (see the [module docs](self)): buffers up to one chunk of plaintext,
/// seals each full chunk when more data follows, and the rest as the last chunk in
/// [`Encryptor::finish`].
///
/// Dropping an `Encryptor` without `finish` leaves a stream that every [`Decryptor`] rejects
/// as truncated.
pub struct Encryptor<A, W>
where
    A: AeadInOut,
    A::NonceSize: Sub<U5>,
    <<A as AeadCore>::NonceSize as Sub<U5>>::Output: ArraySize,
{
    stream: EncryptorBE32<A>,
    writer: W,
    header: Vec<u8>,
    buffer: Vec<u8>,
    chunk_len: usize,
}

impl<A, W> Encryptor<A, W>
where
    A: AeadInOut,
    A::NonceSize: Sub<U5>,
    <<A as AeadCore>::NonceSize as Sub<U5>>::Output: ArraySize,
    W: Write,
{
    /// Starts a stream sealed with `cipher`, nonce prefix `prefix` (nonce length − 5 bytes) and
    /// chunks of `chunk_len` plaintext bytes; writes the header to `writer`.
    ///
    /// # Errors
    /// `InvalidInput` for a prefix of the wrong length or a chunk length of 0 or above
    /// [`MAX_CHUNK_LEN`]; the writer's errors.
    pub fn new(cipher: A, prefix: &[u8], chunk_len: u32, mut writer: W) -> io::Result<Self> {
        let nonce = nonce_prefix::<A>(prefix)?;
        let header = header(chunk_len, prefix)?;
        writer.write_all(&header)?;
        let chunk_len = chunk_len as usize;
        Ok(Encryptor {
            stream: EncryptorBE32::from_aead(cipher, &nonce),
            writer,
            header,
            buffer: Vec::with_capacity(chunk_len + TAG_LEN),
            chunk_len,
        })
    }

    /// Seals the buffered data (possibly empty) as the last chunk, writes it, flushes, and
    /// returns the writer.
    ///
    /// # Errors
    /// `InvalidData` if the AEAD fails; the writer's errors.
    pub fn finish(self) -> io::Result<W> {
        let Encryptor {
            stream,
            mut writer,
            header,
            mut buffer,
            ..
        } = self;
        stream
            .encrypt_last_in_place(&header, &mut buffer)
            .map_err(|_| invalid_data("sealing the last chunk failed"))?;
        writer.write_all(&buffer)?;
        writer.flush()?;
        Ok(writer)
    }

    /// Seals the full buffer as a chunk that is not the last, and writes it.
    fn seal_chunk(&mut self) -> io::Result<()> {
        self.stream
            .encrypt_next_in_place(&self.header, &mut self.buffer)
            .map_err(|_| invalid_data("sealing a chunk failed"))?;
        self.writer.write_all(&self.buffer)?;
        self.buffer.clear();
        Ok(())
    }
}

impl<A, W> Write for Encryptor<A, W>
where
    A: AeadInOut,
    A::NonceSize: Sub<U5>,
    <<A as AeadCore>::NonceSize as Sub<U5>>::Output: ArraySize,
    W: Write,
{
    /// Buffers `data`; seals and writes a chunk each time the buffer is full and more data
    /// arrives (so the last chunk is sealed by [`Encryptor::finish`]).
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if data.is_empty() {
            return Ok(0);
        }
        if self.buffer.len() == self.chunk_len {
            self.seal_chunk()?;
        }
        let take = data.len().min(self.chunk_len - self.buffer.len());
        self.buffer.extend_from_slice(&data[..take]);
        Ok(take)
    }

    /// Flushes the writer. Buffered plaintext stays buffered: a chunk is only sealed once it is
    /// known not to be the last.
    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

impl<A, W> core::fmt::Debug for Encryptor<A, W>
where
    A: AeadInOut,
    A::NonceSize: Sub<U5>,
    <<A as AeadCore>::NonceSize as Sub<U5>>::Output: ArraySize,
{
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Encryptor")
            .field("chunk_len", &self.chunk_len)
            .finish_non_exhaustive()
    }
}

/// Reads the `WCS1` format (see the [module docs](self)): yields plaintext one authenticated
/// chunk at a time, and fails with `InvalidData` at the first chunk that does not authenticate
/// (tampered, reordered, from another stream, or a stream cut short or extended).
///
/// Plaintext is released only after its whole chunk authenticated; but a stream is known to be
/// complete only when `read` returns 0 — treat what came before an error as untrusted.
pub struct Decryptor<A, R>
where
    A: AeadInOut,
    A::NonceSize: Sub<U5>,
    <<A as AeadCore>::NonceSize as Sub<U5>>::Output: ArraySize,
{
    /// `None` once the last chunk was opened.
    stream: Option<DecryptorBE32<A>>,
    reader: R,
    header: Vec<u8>,
    /// The current chunk's plaintext, `buffer[position..]` not yet read.
    buffer: Vec<u8>,
    position: usize,
    /// One byte read past a full chunk, to learn whether it was the last.
    peeked: Option<u8>,
    /// A chunk failed to authenticate: every later `read` fails too.
    failed: bool,
    chunk_len: usize,
}

impl<A, R> Decryptor<A, R>
where
    A: AeadInOut,
    A::NonceSize: Sub<U5>,
    <<A as AeadCore>::NonceSize as Sub<U5>>::Output: ArraySize,
    R: Read,
{
    /// Reads and checks the header from `reader`, for a stream sealed with `cipher`'s key.
    ///
    /// # Errors
    /// `InvalidData` for a header that is not `WCS1` or whose chunk length is 0 or above
    /// [`MAX_CHUNK_LEN`]; `UnexpectedEof` for a short header; the reader's errors.
    pub fn new(cipher: A, mut reader: R) -> io::Result<Self> {
        let prefix_len = A::NonceSize::USIZE - 5;
        let mut header = alloc::vec![0u8; 8 + prefix_len];
        reader.read_exact(&mut header)?;
        if header[..4] != MAGIC {
            return Err(invalid_data("not a WCS1 stream"));
        }
        let chunk_len = u32::from_be_bytes([header[4], header[5], header[6], header[7]]);
        if chunk_len == 0 || chunk_len > MAX_CHUNK_LEN {
            return Err(invalid_data("chunk length out of range"));
        }
        let nonce = nonce_prefix::<A>(&header[8..])?;
        let chunk_len = chunk_len as usize;
        Ok(Decryptor {
            stream: Some(DecryptorBE32::from_aead(cipher, &nonce)),
            reader,
            header,
            buffer: Vec::with_capacity(chunk_len + TAG_LEN),
            position: 0,
            peeked: None,
            failed: false,
            chunk_len,
        })
    }

    /// Reads and opens the next chunk into `buffer`.
    fn open_chunk(&mut self) -> io::Result<()> {
        let Some(mut stream) = self.stream.take() else {
            return Ok(());
        };
        let sealed_len = self.chunk_len + TAG_LEN;
        self.buffer.clear();
        self.buffer.resize(sealed_len, 0);
        let mut filled = 0;
        if let Some(byte) = self.peeked.take() {
            self.buffer[0] = byte;
            filled = 1;
        }
        filled += read_full(&mut self.reader, &mut self.buffer[filled..])?;
        self.buffer.truncate(filled);
        self.position = 0;
        // A full chunk is the last one only if nothing follows it.
        let mut byte = [0u8; 1];
        let last = filled < sealed_len || read_full(&mut self.reader, &mut byte)? == 0;
        let opened = if last {
            stream.decrypt_last_in_place(&self.header, &mut self.buffer)
        } else {
            self.peeked = Some(byte[0]);
            let opened = stream.decrypt_next_in_place(&self.header, &mut self.buffer);
            self.stream = Some(stream);
            opened
        };
        opened.map_err(|_| {
            self.fail();
            invalid_data(FAILED)
        })
    }

    /// Stops the stream after an authentication failure.
    fn fail(&mut self) {
        self.stream = None;
        self.failed = true;
        crate::common::zeroize(&mut self.buffer);
        self.buffer.clear();
    }
}

/// The error of a chunk that does not authenticate.
const FAILED: &str = "a chunk failed authentication (tampered, reordered, truncated or extended)";

impl<A, R> Read for Decryptor<A, R>
where
    A: AeadInOut,
    A::NonceSize: Sub<U5>,
    <<A as AeadCore>::NonceSize as Sub<U5>>::Output: ArraySize,
    R: Read,
{
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.position == self.buffer.len() {
            if self.failed {
                return Err(invalid_data(FAILED));
            }
            if self.stream.is_none() {
                return Ok(0);
            }
            self.open_chunk()?;
        }
        let available = &self.buffer[self.position..];
        let take = available.len().min(out.len());
        out[..take].copy_from_slice(&available[..take]);
        self.position += take;
        Ok(take)
    }
}

impl<A, R> core::fmt::Debug for Decryptor<A, R>
where
    A: AeadInOut,
    A::NonceSize: Sub<U5>,
    <<A as AeadCore>::NonceSize as Sub<U5>>::Output: ArraySize,
{
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Decryptor")
            .field("chunk_len", &self.chunk_len)
            .field("finished", &self.stream.is_none())
            .finish_non_exhaustive()
    }
}

/// Reads until `buf` is full or the reader is at its end; returns the bytes read.
fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}
