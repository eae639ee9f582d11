//! [`AlgorithmPolicy`]: which algorithms a guest may use, set by the embedder in
//! [`Limits`](crate::Limits).
//!
//! A guest that names a denied algorithm — to generate or import a key, open a state, import a
//! signature, or derive a key with `symmetric_state_squeeze_key` — gets `prohibited_operation`.
//! An unknown name is still `unsupported_algorithm`: the policy never hides what the host lacks.

/// Allow and deny lists of algorithm names or families.
///
/// A *pattern* matches an algorithm if it is the algorithm's name, or a prefix of it that ends
/// where the name has a separator (`_`, `-` or `/`), ignoring ASCII case. So `"RSA"` matches every
/// `RSA_PKCS1_*` and `RSA_PSS_*` name, `"RSA_PSS"` only the PSS ones, `"HMAC"` every `HMAC/*`,
/// `"HKDF"` both HKDF halves, `"AES"` both AES-GCM keys, `"ML-KEM"` the three ML-KEM sets, and
/// `"SHA-512"` the hash `SHA-512` and `SHA-512/256` but not `HMAC/SHA-512`.
///
/// An algorithm is permitted when no `deny` pattern matches it and, if an allow list is set, an
/// `allow` pattern does. The default permits everything.
///
/// ```
/// use wasicrypt_host::AlgorithmPolicy;
///
/// // No RSA (RUSTSEC-2023-0071, the Marvin timing side channel), everything else allowed.
/// let policy = AlgorithmPolicy::default().deny("RSA");
/// assert!(!policy.permits("RSA_PSS_4096_SHA512"));
/// assert!(policy.permits("Ed25519"));
///
/// // Only what a TLS-like service needs.
/// let policy = AlgorithmPolicy::allow_only(["AES", "CHACHA20-POLY1305", "HKDF", "X25519"]);
/// assert!(policy.permits("HKDF-EXPAND/SHA-256"));
/// assert!(!policy.permits("SHA-256"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlgorithmPolicy {
    allow: Option<Vec<String>>,
    deny: Vec<String>,
}

impl AlgorithmPolicy {
    /// A policy that permits only the algorithms matched by one of `patterns`.
    pub fn allow_only<I, S>(patterns: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        AlgorithmPolicy {
            allow: Some(patterns.into_iter().map(Into::into).collect()),
            deny: Vec::new(),
        }
    }

    /// This policy, with the algorithms matched by `pattern` denied as well.
    #[must_use]
    pub fn deny(mut self, pattern: impl Into<String>) -> Self {
        self.deny.push(pattern.into());
        self
    }

    /// Whether every algorithm may be used (no allow list, nothing denied): the default.
    pub fn permits_all(&self) -> bool {
        self.allow.is_none() && self.deny.is_empty()
    }

    /// Whether the algorithm named `name` (the proposal's spelling) may be used.
    pub fn permits(&self, name: &str) -> bool {
        let hit = |patterns: &[String]| patterns.iter().any(|p| matches(p, name));
        !hit(&self.deny) && self.allow.as_deref().is_none_or(hit)
    }
}

/// Does `pattern` name `name` itself or a family of names that `name` belongs to?
fn matches(pattern: &str, name: &str) -> bool {
    let (p, n) = (pattern.as_bytes(), name.as_bytes());
    if p.is_empty() || p.len() > n.len() || !n[..p.len()].eq_ignore_ascii_case(p) {
        return false;
    }
    p.len() == n.len() || matches!(n[p.len()], b'_' | b'-' | b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_patterns_end_at_a_separator() {
        assert!(matches("RSA", "RSA_PKCS1_2048_SHA256"));
        assert!(matches("rsa_pss", "RSA_PSS_4096_SHA512"));
        assert!(!matches("RSA_PSS", "RSA_PKCS1_2048_SHA256"));
        assert!(matches("HMAC", "HMAC/SHA-256"));
        assert!(matches("SHA-512", "SHA-512/256"));
        assert!(!matches("SHA-512", "HMAC/SHA-512"));
        assert!(!matches("ECDSA_P25", "ECDSA_P256_SHA256"));
        assert!(!matches("", "SHA-256"));
        assert!(matches("x25519", "X25519"));
        assert!(!matches("X25519X", "X25519"));
    }

    #[test]
    fn deny_wins_over_allow() {
        let p = AlgorithmPolicy::allow_only(["RSA"]).deny("RSA_PSS");
        assert!(p.permits("RSA_PKCS1_2048_SHA256"));
        assert!(!p.permits("RSA_PSS_2048_SHA256"));
        assert!(!p.permits("Ed25519"));
        assert!(AlgorithmPolicy::default().permits("anything"));
        assert!(!AlgorithmPolicy::allow_only(Vec::<String>::new()).permits("SHA-256"));
    }

    #[test]
    fn only_the_default_policy_permits_all() {
        assert!(AlgorithmPolicy::default().permits_all());
        assert!(!AlgorithmPolicy::default().deny("RSA").permits_all());
        assert!(!AlgorithmPolicy::allow_only(["SHA-256"]).permits_all());
        assert!(!AlgorithmPolicy::allow_only(Vec::<String>::new()).permits_all());
    }
}
