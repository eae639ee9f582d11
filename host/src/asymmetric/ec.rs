//! Encodings shared by every elliptic-curve key of this host (ECDSA and ECDH on P-256, P-384 and
//! secp256k1): SEC 1 points and private keys, PKCS#8 and SubjectPublicKeyInfo, PEM.
//!
//! Not implemented yet.
