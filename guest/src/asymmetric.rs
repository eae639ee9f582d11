//! The `wasi_ephemeral_crypto_asymmetric_common` module: the encodings of key pairs, public keys,
//! secret keys and signatures, shared by [`crate::signatures`] and [`crate::kx`].
//!
//! Which encoding each algorithm supports, and its byte layout, is listed in the module
//! documentation of [`crate::signatures`] and [`crate::kx`]. An encoding an algorithm does not
//! have fails with [`ErrorKind::UnsupportedEncoding`](crate::ErrorKind::UnsupportedEncoding) on import and
//! export; bytes that do not parse as a key of the algorithm fail with
//! [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey).
//!
//! | encoding | key pair | public key | secret key |
//! |---|---|---|---|
//! | `Raw` (0) | the algorithm's own layout | the algorithm's own layout | the algorithm's own layout |
//! | `Pkcs8` (1) | PKCS#8 `OneAsymmetricKey` DER (RFC 5208 / RFC 5958) | `SubjectPublicKeyInfo` DER (RFC 5280 §4.1.2.7) | PKCS#8 DER |
//! | `Pem` (2) | PKCS#8 in PEM, `PRIVATE KEY` (RFC 7468) | SPKI in PEM, `PUBLIC KEY` | PKCS#8 in PEM, `PRIVATE KEY` |
//! | `Sec` (3) | — | SEC 1 §2.3.3 elliptic-curve point | SEC 1 `ECPrivateKey` DER (RFC 5915) |
//! | `Local` (3 / 4) | host-defined | host-defined | host-defined |
//!
//! `wasicrypt-host` defines no `Local` format: it is always `UnsupportedEncoding` there.

use alloc::vec::Vec;
use core::mem::{self, ManuallyDrop};

use crate::algorithms::Name;
use crate::common::{AlgorithmType, ArrayOutput, Options};
use crate::error::{Result, check};
use crate::raw;

/// Encodings of a key pair (`keypair_encoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyPairEncoding {
    /// `raw` (0): the algorithm's own layout (Ed25519: seed ‖ public key, 64 bytes; X25519:
    /// public key ‖ secret key, 64 bytes; ECDSA / ECDH: the big-endian secret scalar; ML-KEM: the
    /// 64-byte seed `d ‖ z`; none for RSA).
    Raw,
    /// `pkcs8` (1): PKCS#8 DER (RFC 5208, RFC 5958 `OneAsymmetricKey`).
    Pkcs8,
    /// `pem` (2): the PKCS#8 DER in PEM armour, label `PRIVATE KEY` (RFC 7468).
    Pem,
    /// `local` (3): a format private to the host (`wasicrypt-host` has none).
    Local,
}

impl KeyPairEncoding {
    /// The `keypair_encoding` wire value (0 ..= 3).
    pub const fn to_raw(self) -> raw::KeypairEncoding {
        match self {
            KeyPairEncoding::Raw => raw::KEYPAIR_ENCODING_RAW,
            KeyPairEncoding::Pkcs8 => raw::KEYPAIR_ENCODING_PKCS8,
            KeyPairEncoding::Pem => raw::KEYPAIR_ENCODING_PEM,
            KeyPairEncoding::Local => raw::KEYPAIR_ENCODING_LOCAL,
        }
    }

    /// Maps a wire value back to an encoding (`None` outside 0 ..= 3).
    pub const fn from_raw(value: raw::KeypairEncoding) -> Option<Self> {
        match value {
            raw::KEYPAIR_ENCODING_RAW => Some(KeyPairEncoding::Raw),
            raw::KEYPAIR_ENCODING_PKCS8 => Some(KeyPairEncoding::Pkcs8),
            raw::KEYPAIR_ENCODING_PEM => Some(KeyPairEncoding::Pem),
            raw::KEYPAIR_ENCODING_LOCAL => Some(KeyPairEncoding::Local),
            _ => None,
        }
    }
}

/// Encodings of a public key (`publickey_encoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PublicKeyEncoding {
    /// `raw` (0): the algorithm's own layout (Ed25519: the 32-byte point A; X25519: the 32-byte
    /// u-coordinate; ECDSA / ECDH: a SEC 1 point; ML-KEM: the encapsulation key `ek`; none for
    /// RSA).
    Raw,
    /// `pkcs8` (1): `SubjectPublicKeyInfo` DER (RFC 5280 §4.1.2.7).
    Pkcs8,
    /// `pem` (2): the `SubjectPublicKeyInfo` DER in PEM armour, label `PUBLIC KEY` (RFC 7468).
    Pem,
    /// `sec` (3): a SEC 1 §2.3.3 elliptic-curve point (ECDSA and ECDH only). Import accepts the
    /// compressed (`02`/`03` ‖ x) and uncompressed (`04` ‖ x ‖ y) forms; export is uncompressed.
    Sec,
    /// `local` (4): a format private to the host (`wasicrypt-host` has none).
    Local,
}

impl PublicKeyEncoding {
    /// The `publickey_encoding` wire value (0 ..= 4).
    pub const fn to_raw(self) -> raw::PublickeyEncoding {
        match self {
            PublicKeyEncoding::Raw => raw::PUBLICKEY_ENCODING_RAW,
            PublicKeyEncoding::Pkcs8 => raw::PUBLICKEY_ENCODING_PKCS8,
            PublicKeyEncoding::Pem => raw::PUBLICKEY_ENCODING_PEM,
            PublicKeyEncoding::Sec => raw::PUBLICKEY_ENCODING_SEC,
            PublicKeyEncoding::Local => raw::PUBLICKEY_ENCODING_LOCAL,
        }
    }

    /// Maps a wire value back to an encoding (`None` outside 0 ..= 4).
    pub const fn from_raw(value: raw::PublickeyEncoding) -> Option<Self> {
        match value {
            raw::PUBLICKEY_ENCODING_RAW => Some(PublicKeyEncoding::Raw),
            raw::PUBLICKEY_ENCODING_PKCS8 => Some(PublicKeyEncoding::Pkcs8),
            raw::PUBLICKEY_ENCODING_PEM => Some(PublicKeyEncoding::Pem),
            raw::PUBLICKEY_ENCODING_SEC => Some(PublicKeyEncoding::Sec),
            raw::PUBLICKEY_ENCODING_LOCAL => Some(PublicKeyEncoding::Local),
            _ => None,
        }
    }
}

/// Encodings of a secret key (`secretkey_encoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SecretKeyEncoding {
    /// `raw` (0): the algorithm's own layout (Ed25519: the 32-byte seed; X25519: the 32-byte
    /// scalar; ECDSA / ECDH: the big-endian scalar, exactly the field size; ML-KEM: the 64-byte
    /// seed `d ‖ z`; none for RSA).
    Raw,
    /// `pkcs8` (1): PKCS#8 DER (RFC 5208, RFC 5958).
    Pkcs8,
    /// `pem` (2): the PKCS#8 DER in PEM armour, label `PRIVATE KEY` (RFC 7468).
    Pem,
    /// `sec` (3): SEC 1 `ECPrivateKey` DER (RFC 5915), for elliptic curves (ECDSA and ECDH).
    Sec,
    /// `local` (4): a format private to the host (`wasicrypt-host` has none).
    Local,
}

impl SecretKeyEncoding {
    /// The `secretkey_encoding` wire value (0 ..= 4).
    pub const fn to_raw(self) -> raw::SecretkeyEncoding {
        match self {
            SecretKeyEncoding::Raw => raw::SECRETKEY_ENCODING_RAW,
            SecretKeyEncoding::Pkcs8 => raw::SECRETKEY_ENCODING_PKCS8,
            SecretKeyEncoding::Pem => raw::SECRETKEY_ENCODING_PEM,
            SecretKeyEncoding::Sec => raw::SECRETKEY_ENCODING_SEC,
            SecretKeyEncoding::Local => raw::SECRETKEY_ENCODING_LOCAL,
        }
    }

    /// Maps a wire value back to an encoding (`None` outside 0 ..= 4).
    pub const fn from_raw(value: raw::SecretkeyEncoding) -> Option<Self> {
        match value {
            raw::SECRETKEY_ENCODING_RAW => Some(SecretKeyEncoding::Raw),
            raw::SECRETKEY_ENCODING_PKCS8 => Some(SecretKeyEncoding::Pkcs8),
            raw::SECRETKEY_ENCODING_PEM => Some(SecretKeyEncoding::Pem),
            raw::SECRETKEY_ENCODING_SEC => Some(SecretKeyEncoding::Sec),
            raw::SECRETKEY_ENCODING_LOCAL => Some(SecretKeyEncoding::Local),
            _ => None,
        }
    }
}

/// Encodings of a signature (`signature_encoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureEncoding {
    /// `raw` (0): the algorithm's own fixed-size layout (Ed25519: R ‖ S, 64 bytes; ECDSA: r ‖ s,
    /// each big-endian and the field size; RSA: the `bits / 8`-byte octet string of RFC 8017).
    Raw,
    /// `der` (1): ASN.1 DER `ECDSA-Sig-Value` (RFC 3279 §2.2.3); ECDSA only.
    Der,
}

impl SignatureEncoding {
    /// The `signature_encoding` wire value (0 or 1).
    pub const fn to_raw(self) -> raw::SignatureEncoding {
        match self {
            SignatureEncoding::Raw => raw::SIGNATURE_ENCODING_RAW,
            SignatureEncoding::Der => raw::SIGNATURE_ENCODING_DER,
        }
    }

    /// Maps a wire value back to an encoding (`None` outside 0 ..= 1).
    pub const fn from_raw(value: raw::SignatureEncoding) -> Option<Self> {
        match value {
            raw::SIGNATURE_ENCODING_RAW => Some(SignatureEncoding::Raw),
            raw::SIGNATURE_ENCODING_DER => Some(SignatureEncoding::Der),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Owned handles shared by the signature and key-exchange types. Each closes its handle on drop;
// the public types of `signatures` and `kx` wrap them to keep the two families apart.
// ---------------------------------------------------------------------------------------------

/// Reads an `array_output` handle returned by a successful call into a `Vec`.
fn pull(output: raw::ArrayOutput) -> Result<Vec<u8>> {
    ArrayOutput::from_raw(output).into_vec()
}

/// An owned `keypair` handle and the algorithm name it was created for.
pub(crate) struct KeyPairHandle {
    pub(crate) handle: raw::Keypair,
    pub(crate) algorithm: Name,
}

impl KeyPairHandle {
    /// `keypair_generate`.
    pub(crate) fn generate(
        algorithm_type: AlgorithmType,
        algorithm: Name,
        options: Option<&Options>,
    ) -> Result<Self> {
        let opt = Options::opt(options);
        let mut handle: raw::Keypair = 0;
        // SAFETY: `algorithm` and `&opt` are live values read during the call only; `&mut handle`
        // is a valid, aligned, writable `u32`.
        check(
            unsafe {
                raw::asymmetric_common::keypair_generate(
                    algorithm_type.to_raw(),
                    algorithm.as_ptr(),
                    algorithm.len(),
                    &opt,
                    &mut handle,
                )
            },
            "keypair_generate",
            &algorithm,
        )?;
        Ok(Self::from_raw(handle, algorithm))
    }

    /// `keypair_import`.
    pub(crate) fn import(
        algorithm_type: AlgorithmType,
        algorithm: Name,
        encoded: &[u8],
        encoding: KeyPairEncoding,
    ) -> Result<Self> {
        let mut handle: raw::Keypair = 0;
        // SAFETY: `algorithm` and `encoded` are live slices read during the call only;
        // `&mut handle` is a valid, aligned, writable `u32`.
        check(
            unsafe {
                raw::asymmetric_common::keypair_import(
                    algorithm_type.to_raw(),
                    algorithm.as_ptr(),
                    algorithm.len(),
                    encoded.as_ptr(),
                    encoded.len(),
                    encoding.to_raw(),
                    &mut handle,
                )
            },
            "keypair_import",
            &algorithm,
        )?;
        Ok(Self::from_raw(handle, algorithm))
    }

    /// `keypair_from_pk_and_sk`; the pair takes the secret key's algorithm name.
    pub(crate) fn from_pk_and_sk(pk: &PublicKeyHandle, sk: &SecretKeyHandle) -> Result<Self> {
        let mut handle: raw::Keypair = 0;
        // SAFETY: plain handle arguments; `&mut handle` is a valid, aligned, writable `u32`.
        check(
            unsafe {
                raw::asymmetric_common::keypair_from_pk_and_sk(pk.handle, sk.handle, &mut handle)
            },
            "keypair_from_pk_and_sk",
            &sk.algorithm,
        )?;
        Ok(Self::from_raw(handle, sk.algorithm.clone()))
    }

    /// `keypair_export`, pulled into a `Vec`.
    pub(crate) fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        let mut output: raw::ArrayOutput = 0;
        // SAFETY: `&mut output` is a valid, aligned, writable `u32` for the call.
        check(
            unsafe {
                raw::asymmetric_common::keypair_export(self.handle, encoding.to_raw(), &mut output)
            },
            "keypair_export",
            self.algorithm.as_str(),
        )?;
        pull(output)
    }

    /// `keypair_publickey`.
    pub(crate) fn public_key(&self) -> Result<PublicKeyHandle> {
        let mut handle: raw::Publickey = 0;
        // SAFETY: `&mut handle` is a valid, aligned, writable `u32` for the call.
        check(
            unsafe { raw::asymmetric_common::keypair_publickey(self.handle, &mut handle) },
            "keypair_publickey",
            self.algorithm.as_str(),
        )?;
        Ok(PublicKeyHandle::from_raw(handle, self.algorithm.clone()))
    }

    /// `keypair_secretkey`.
    pub(crate) fn secret_key(&self) -> Result<SecretKeyHandle> {
        let mut handle: raw::Secretkey = 0;
        // SAFETY: `&mut handle` is a valid, aligned, writable `u32` for the call.
        check(
            unsafe { raw::asymmetric_common::keypair_secretkey(self.handle, &mut handle) },
            "keypair_secretkey",
            self.algorithm.as_str(),
        )?;
        Ok(SecretKeyHandle::from_raw(handle, self.algorithm.clone()))
    }

    pub(crate) fn from_raw(handle: raw::Keypair, algorithm: Name) -> Self {
        KeyPairHandle { handle, algorithm }
    }

    /// Gives up the handle without closing it.
    pub(crate) fn into_raw(self) -> raw::Keypair {
        let mut this = ManuallyDrop::new(self);
        drop(mem::replace(&mut this.algorithm, Name::known("")));
        this.handle
    }
}

impl Drop for KeyPairHandle {
    fn drop(&mut self) {
        // SAFETY: plain value argument; a close error is ignored.
        let _ = unsafe { raw::asymmetric_common::keypair_close(self.handle) };
    }
}

/// An owned `publickey` handle and the algorithm name it was created for.
pub(crate) struct PublicKeyHandle {
    pub(crate) handle: raw::Publickey,
    pub(crate) algorithm: Name,
}

impl PublicKeyHandle {
    /// `publickey_import`.
    pub(crate) fn import(
        algorithm_type: AlgorithmType,
        algorithm: Name,
        encoded: &[u8],
        encoding: PublicKeyEncoding,
    ) -> Result<Self> {
        let mut handle: raw::Publickey = 0;
        // SAFETY: `algorithm` and `encoded` are live slices read during the call only;
        // `&mut handle` is a valid, aligned, writable `u32`.
        check(
            unsafe {
                raw::asymmetric_common::publickey_import(
                    algorithm_type.to_raw(),
                    algorithm.as_ptr(),
                    algorithm.len(),
                    encoded.as_ptr(),
                    encoded.len(),
                    encoding.to_raw(),
                    &mut handle,
                )
            },
            "publickey_import",
            &algorithm,
        )?;
        Ok(Self::from_raw(handle, algorithm))
    }

    /// `publickey_export`, pulled into a `Vec`.
    pub(crate) fn export(&self, encoding: PublicKeyEncoding) -> Result<Vec<u8>> {
        let mut output: raw::ArrayOutput = 0;
        // SAFETY: `&mut output` is a valid, aligned, writable `u32` for the call.
        check(
            unsafe {
                raw::asymmetric_common::publickey_export(
                    self.handle,
                    encoding.to_raw(),
                    &mut output,
                )
            },
            "publickey_export",
            self.algorithm.as_str(),
        )?;
        pull(output)
    }

    /// `publickey_verify`.
    pub(crate) fn validate(&self) -> Result<()> {
        // SAFETY: plain value argument.
        check(
            unsafe { raw::asymmetric_common::publickey_verify(self.handle) },
            "publickey_verify",
            self.algorithm.as_str(),
        )
    }

    pub(crate) fn from_raw(handle: raw::Publickey, algorithm: Name) -> Self {
        PublicKeyHandle { handle, algorithm }
    }

    /// Gives up the handle without closing it.
    pub(crate) fn into_raw(self) -> raw::Publickey {
        let mut this = ManuallyDrop::new(self);
        drop(mem::replace(&mut this.algorithm, Name::known("")));
        this.handle
    }
}

impl Drop for PublicKeyHandle {
    fn drop(&mut self) {
        // SAFETY: plain value argument; a close error is ignored.
        let _ = unsafe { raw::asymmetric_common::publickey_close(self.handle) };
    }
}

/// An owned `secretkey` handle and the algorithm name it was created for.
pub(crate) struct SecretKeyHandle {
    pub(crate) handle: raw::Secretkey,
    pub(crate) algorithm: Name,
}

impl SecretKeyHandle {
    /// `secretkey_import`.
    pub(crate) fn import(
        algorithm_type: AlgorithmType,
        algorithm: Name,
        encoded: &[u8],
        encoding: SecretKeyEncoding,
    ) -> Result<Self> {
        let mut handle: raw::Secretkey = 0;
        // SAFETY: `algorithm` and `encoded` are live slices read during the call only;
        // `&mut handle` is a valid, aligned, writable `u32`.
        check(
            unsafe {
                raw::asymmetric_common::secretkey_import(
                    algorithm_type.to_raw(),
                    algorithm.as_ptr(),
                    algorithm.len(),
                    encoded.as_ptr(),
                    encoded.len(),
                    encoding.to_raw(),
                    &mut handle,
                )
            },
            "secretkey_import",
            &algorithm,
        )?;
        Ok(Self::from_raw(handle, algorithm))
    }

    /// `secretkey_export`, pulled into a `Vec`.
    pub(crate) fn export(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        let mut output: raw::ArrayOutput = 0;
        // SAFETY: `&mut output` is a valid, aligned, writable `u32` for the call.
        check(
            unsafe {
                raw::asymmetric_common::secretkey_export(
                    self.handle,
                    encoding.to_raw(),
                    &mut output,
                )
            },
            "secretkey_export",
            self.algorithm.as_str(),
        )?;
        pull(output)
    }

    /// `publickey_from_secretkey`.
    pub(crate) fn public_key(&self) -> Result<PublicKeyHandle> {
        let mut handle: raw::Publickey = 0;
        // SAFETY: `&mut handle` is a valid, aligned, writable `u32` for the call.
        check(
            unsafe { raw::asymmetric_common::publickey_from_secretkey(self.handle, &mut handle) },
            "publickey_from_secretkey",
            self.algorithm.as_str(),
        )?;
        Ok(PublicKeyHandle::from_raw(handle, self.algorithm.clone()))
    }

    pub(crate) fn from_raw(handle: raw::Secretkey, algorithm: Name) -> Self {
        SecretKeyHandle { handle, algorithm }
    }

    /// Gives up the handle without closing it.
    pub(crate) fn into_raw(self) -> raw::Secretkey {
        let mut this = ManuallyDrop::new(self);
        drop(mem::replace(&mut this.algorithm, Name::known("")));
        this.handle
    }
}

impl Drop for SecretKeyHandle {
    fn drop(&mut self) {
        // SAFETY: plain value argument; a close error is ignored (the host wipes the key).
        let _ = unsafe { raw::asymmetric_common::secretkey_close(self.handle) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_wire_values_round_trip() {
        for (i, e) in [
            KeyPairEncoding::Raw,
            KeyPairEncoding::Pkcs8,
            KeyPairEncoding::Pem,
            KeyPairEncoding::Local,
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(usize::from(e.to_raw()), i);
            assert_eq!(KeyPairEncoding::from_raw(e.to_raw()), Some(e));
        }
        assert_eq!(KeyPairEncoding::from_raw(4), None);
        for (i, e) in [
            PublicKeyEncoding::Raw,
            PublicKeyEncoding::Pkcs8,
            PublicKeyEncoding::Pem,
            PublicKeyEncoding::Sec,
            PublicKeyEncoding::Local,
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(usize::from(e.to_raw()), i);
            assert_eq!(PublicKeyEncoding::from_raw(e.to_raw()), Some(e));
        }
        assert_eq!(PublicKeyEncoding::from_raw(5), None);
        for (i, e) in [
            SecretKeyEncoding::Raw,
            SecretKeyEncoding::Pkcs8,
            SecretKeyEncoding::Pem,
            SecretKeyEncoding::Sec,
            SecretKeyEncoding::Local,
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(usize::from(e.to_raw()), i);
            assert_eq!(SecretKeyEncoding::from_raw(e.to_raw()), Some(e));
        }
        assert_eq!(SecretKeyEncoding::from_raw(5), None);
        assert_eq!(SignatureEncoding::Raw.to_raw(), 0);
        assert_eq!(SignatureEncoding::Der.to_raw(), 1);
        assert_eq!(SignatureEncoding::from_raw(1), Some(SignatureEncoding::Der));
        assert_eq!(SignatureEncoding::from_raw(2), None);
    }
}
