//! Encodings shared by every elliptic-curve key of this host (ECDSA in
//! [`crate::signatures`] and ECDH in [`crate::kx`], on P-256, P-384 and secp256k1): SEC 1 points
//! and private keys, PKCS#8 and SubjectPublicKeyInfo, PEM.
//!
//! One generic implementation over [`EcCurve`] serves every curve and both families, so a key
//! exported by ECDSA imports into ECDH on the same curve and the other way round. Every parser is
//! RustCrypto's (`elliptic-curve`, `sec1`, `pkcs8`, `spki`); this module only chooses encodings
//! and maps errors. `F` below is the field size: 32 bytes for P-256 and secp256k1, 48 for P-384.
//!
//! | object | `raw` | `sec` | `pkcs8` | `pem` |
//! |---|---|---|---|---|
//! | public key | SEC 1 §2.3.3 point | same as `raw` | `SubjectPublicKeyInfo` DER (RFC 5480) | SPKI in PEM, `PUBLIC KEY` |
//! | secret key | big-endian scalar, exactly `F` bytes | `ECPrivateKey` DER (RFC 5915) | PKCS#8 DER (RFC 5958, RFC 5915 inside) | PKCS#8 in PEM, `PRIVATE KEY` |
//! | key pair | the secret key's `raw` (see below) | — | as the secret key | as the secret key |
//!
//! - Public keys: import accepts compressed (`02`/`03` ‖ x, `1 + F` bytes) and uncompressed
//!   (`04` ‖ x ‖ y, `1 + 2F` bytes) points; export is always uncompressed. The point must be on
//!   the curve and not the identity (the one-byte `00` encoding is rejected).
//! - Secret keys: the scalar must be in `[1, n - 1]`. `sec` and `pkcs8` check that an embedded
//!   public key, if present, belongs to the scalar, and that a named-curve parameter, if present,
//!   is this curve. `pem` import also accepts a SEC 1 `EC PRIVATE KEY` block; export is always
//!   PKCS#8 with `\n` line endings. SEC 1 and PKCS#8 export embed the public key.
//! - Key pairs: `raw` is the secret scalar alone (big-endian, exactly `F` bytes, the same bytes
//!   as the secret key's `raw`, as the proposal's reference implementation does); the public key
//!   is derived from it. `pkcs8` and `pem` are the secret key's encodings. Key pairs have no
//!   `sec` encoding in the proposal.
//!
//! Errors: bytes that do not parse, a wrong length, an off-curve or identity point, a zero or
//! out-of-range scalar, another curve's key, or a PEM block that is not UTF-8 → `invalid_key`;
//! `local` → `unsupported_encoding`. Secret material passes through [`Zeroizing`] buffers and
//! RustCrypto's `SecretKey`, which wipes the scalar on drop.

use elliptic_curve::array::typenum::Unsigned;
use elliptic_curve::pkcs8::{
    AssociatedOid, DecodePrivateKey, DecodePublicKey, EncodePrivateKey, LineEnding,
};
use elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use elliptic_curve::{
    CurveArithmetic, FieldBytesSize, Generate, NonZeroScalar, PublicKey, SecretKey,
};
use zeroize::Zeroizing;

use super::{KeyPairEncoding, PublicKeyEncoding, SecretKeyEncoding};
use crate::error::{CryptoError, Result};

/// A prime-order elliptic curve of this host (P-256, P-384 or secp256k1) with everything the
/// shared encodings need: arithmetic, SEC 1 points and an object identifier (RFC 5480 §2.1.1.1).
pub(crate) trait EcCurve:
    CurveArithmetic<AffinePoint: FromSec1Point<Self> + ToSec1Point<Self>>
    + elliptic_curve::Curve<FieldBytesSize: ModulusSize>
    + AssociatedOid
{
}

impl EcCurve for p256::NistP256 {}

impl EcCurve for p384::NistP384 {}

impl EcCurve for k256::Secp256k1 {}

/// The field size `F` of curve `C` in bytes: 32 (P-256, secp256k1) or 48 (P-384). It is also the
/// length of a raw secret scalar, of a shared x-coordinate and of each half of an `r ‖ s`
/// signature.
pub(crate) fn field_len<C: EcCurve>() -> usize {
    FieldBytesSize::<C>::USIZE
}

/// A fresh secret key: a uniformly random scalar in `[1, n - 1]` drawn from the operating
/// system's CSPRNG (rejection sampling by `elliptic-curve`); `rng_error` if the CSPRNG fails.
pub(crate) fn generate_secret_key<C: EcCurve>() -> Result<SecretKey<C>> {
    NonZeroScalar::<C>::try_generate_from_rng(&mut getrandom::SysRng)
        .map(SecretKey::from)
        .map_err(|_| CryptoError::RngError)
}

/// `publickey_import`: `raw` and `sec` are a SEC 1 §2.3.3 point (compressed or uncompressed),
/// `pkcs8` is `SubjectPublicKeyInfo` DER with `id-ecPublicKey` and this curve's OID, `pem` is that
/// in a `PUBLIC KEY` block. Unparsable bytes, another curve, an off-curve or identity point →
/// `invalid_key`; `local` → `unsupported_encoding`.
pub(crate) fn import_public_key<C: EcCurve>(
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<PublicKey<C>> {
    let pk = match encoding {
        PublicKeyEncoding::Raw | PublicKeyEncoding::Sec => {
            PublicKey::<C>::from_sec1_bytes(encoded).ok()
        }
        PublicKeyEncoding::Pkcs8 => PublicKey::<C>::from_public_key_der(encoded).ok(),
        PublicKeyEncoding::Pem => {
            PublicKey::<C>::from_public_key_pem(crate::asymmetric::pem_text(encoded)?).ok()
        }
        PublicKeyEncoding::Local => return Err(CryptoError::UnsupportedEncoding),
    };
    pk.ok_or(CryptoError::InvalidKey)
}

/// `publickey_export`: `raw` and `sec` give the uncompressed SEC 1 point (`04` ‖ x ‖ y,
/// `1 + 2F` bytes), `pkcs8` `SubjectPublicKeyInfo` DER, `pem` that in a `PUBLIC KEY` block with
/// `\n` line endings; `local` → `unsupported_encoding`.
pub(crate) fn export_public_key<C: EcCurve>(
    pk: &PublicKey<C>,
    encoding: PublicKeyEncoding,
) -> Result<Vec<u8>> {
    match encoding {
        PublicKeyEncoding::Raw | PublicKeyEncoding::Sec => {
            Ok(pk.to_sec1_point(false).as_bytes().to_vec())
        }
        PublicKeyEncoding::Pkcs8 | PublicKeyEncoding::Pem | PublicKeyEncoding::Local => {
            super::export_spki(pk, encoding)
        }
    }
}

/// `secretkey_import`: `raw` is the big-endian scalar of exactly `F` bytes, `sec` an RFC 5915
/// `ECPrivateKey` DER, `pkcs8` a PKCS#8 DER, `pem` a PKCS#8 `PRIVATE KEY` or SEC 1
/// `EC PRIVATE KEY` block. A zero or out-of-range scalar, a wrong length, unparsable bytes, another
/// curve, or an embedded public key that is not the scalar's → `invalid_key`; `local` →
/// `unsupported_encoding`.
pub(crate) fn import_secret_key<C: EcCurve>(
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SecretKey<C>> {
    let sk = match encoding {
        SecretKeyEncoding::Raw if encoded.len() == field_len::<C>() => {
            SecretKey::<C>::from_slice(encoded).ok()
        }
        SecretKeyEncoding::Raw => None,
        SecretKeyEncoding::Sec => SecretKey::<C>::from_sec1_der(encoded).ok(),
        SecretKeyEncoding::Pkcs8 => SecretKey::<C>::from_pkcs8_der(encoded).ok(),
        SecretKeyEncoding::Pem => {
            SecretKey::<C>::from_pem(crate::asymmetric::pem_text(encoded)?).ok()
        }
        SecretKeyEncoding::Local => return Err(CryptoError::UnsupportedEncoding),
    };
    sk.ok_or(CryptoError::InvalidKey)
}

/// `secretkey_export`: `raw` gives the big-endian scalar (`F` bytes), `sec` RFC 5915
/// `ECPrivateKey` DER (with the named curve and the public key), `pkcs8` PKCS#8 DER (with the
/// public key), `pem` that in a `PRIVATE KEY` block with `\n` line endings; `local` →
/// `unsupported_encoding`.
pub(crate) fn export_secret_key<C: EcCurve>(
    sk: &SecretKey<C>,
    encoding: SecretKeyEncoding,
) -> Result<Vec<u8>> {
    match encoding {
        SecretKeyEncoding::Raw => Ok(Zeroizing::new(sk.to_bytes()).to_vec()),
        SecretKeyEncoding::Sec => sk
            .to_sec1_der()
            .map(|mut der| std::mem::take(&mut *der))
            .map_err(|_| CryptoError::AlgorithmFailure),
        SecretKeyEncoding::Pkcs8 => sk
            .to_pkcs8_der()
            .map(|doc| doc.as_bytes().to_vec())
            .map_err(|_| CryptoError::AlgorithmFailure),
        SecretKeyEncoding::Pem => sk
            .to_pkcs8_pem(LineEnding::LF)
            .map(|mut pem| std::mem::take(&mut *pem).into_bytes())
            .map_err(|_| CryptoError::AlgorithmFailure),
        SecretKeyEncoding::Local => Err(CryptoError::UnsupportedEncoding),
    }
}

/// The secret-key encoding that a key-pair encoding stands for (`raw` → the raw scalar);
/// `unsupported_encoding` for `local`.
fn keypair_as_secret_encoding(encoding: KeyPairEncoding) -> Result<SecretKeyEncoding> {
    match encoding {
        KeyPairEncoding::Raw => Ok(SecretKeyEncoding::Raw),
        KeyPairEncoding::Pkcs8 => Ok(SecretKeyEncoding::Pkcs8),
        KeyPairEncoding::Pem => Ok(SecretKeyEncoding::Pem),
        KeyPairEncoding::Local => Err(CryptoError::UnsupportedEncoding),
    }
}

/// `keypair_import`: the secret key of the pair (its public key is derived from it). `raw` is the
/// big-endian secret scalar of exactly `F` bytes; `pkcs8` and `pem` as [`import_secret_key`].
/// Errors as [`import_secret_key`].
pub(crate) fn import_keypair<C: EcCurve>(
    encoded: &[u8],
    encoding: KeyPairEncoding,
) -> Result<SecretKey<C>> {
    import_secret_key(encoded, keypair_as_secret_encoding(encoding)?)
}

/// `keypair_export`: `raw` gives the big-endian secret scalar (`F` bytes); `pkcs8` and `pem` as
/// [`export_secret_key`]; `local` → `unsupported_encoding`.
pub(crate) fn export_keypair<C: EcCurve>(
    sk: &SecretKey<C>,
    encoding: KeyPairEncoding,
) -> Result<Vec<u8>> {
    export_secret_key(sk, keypair_as_secret_encoding(encoding)?)
}
