//! The guest crate's typed algorithm names (`wasicrypt::{SymmetricAlgorithm, SignatureAlgorithm,
//! KxAlgorithm}`) list exactly the algorithms this host offers, spelled as the host's catalog
//! spells them, in the same order.

use wasicrypt_host::{AlgorithmType, algorithms};

fn host_names(kind: AlgorithmType) -> Vec<&'static str> {
    algorithms()
        .into_iter()
        .filter(|info| info.kind == kind)
        .map(|info| info.name)
        .collect()
}

#[test]
fn symmetric_names_match_the_host_catalog() {
    let guest: Vec<_> = wasicrypt::SymmetricAlgorithm::ALL
        .iter()
        .map(|a| a.name())
        .collect();
    assert_eq!(guest, host_names(AlgorithmType::Symmetric));
}

#[test]
fn signature_names_match_the_host_catalog() {
    let guest: Vec<_> = wasicrypt::SignatureAlgorithm::ALL
        .iter()
        .map(|a| a.name())
        .collect();
    assert_eq!(guest, host_names(AlgorithmType::Signatures));
}

#[test]
fn key_exchange_names_match_the_host_catalog() {
    let guest: Vec<_> = wasicrypt::KxAlgorithm::ALL
        .iter()
        .map(|a| a.name())
        .collect();
    assert_eq!(guest, host_names(AlgorithmType::KeyExchange));
}
