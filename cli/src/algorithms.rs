//! `wasicrypt algorithms`: the host's algorithm catalogue as a table or JSON.

use wasicrypt_host::{AlgorithmInfo, AlgorithmType, Encodings};

/// The proposal's name of an algorithm type.
fn kind(kind: AlgorithmType) -> &'static str {
    match kind {
        AlgorithmType::Signatures => "signatures",
        AlgorithmType::Symmetric => "symmetric",
        AlgorithmType::KeyExchange => "key_exchange",
    }
}

/// The encodings, per object, as `object: enc,enc` joined by `; ` (`-` when none).
fn encodings_summary(e: &Encodings) -> String {
    let parts: Vec<String> = objects(e)
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(object, list)| format!("{object}: {}", list.join(",")))
        .collect();
    if parts.is_empty() {
        "-".to_owned()
    } else {
        parts.join("; ")
    }
}

/// Each object's name (as in the JSON output) with its encodings.
fn objects(e: &Encodings) -> [(&'static str, &'static [&'static str]); 5] {
    [
        ("symmetric_key", e.symmetric_key),
        ("keypair", e.key_pair),
        ("publickey", e.public_key),
        ("secretkey", e.secret_key),
        ("signature", e.signature),
    ]
}

/// The catalogue as an aligned table, one algorithm per line, with a header.
pub fn table(algorithms: &[AlgorithmInfo]) -> String {
    let rows: Vec<[String; 5]> = algorithms
        .iter()
        .map(|a| {
            [
                a.name.to_owned(),
                kind(a.kind).to_owned(),
                a.family.to_owned(),
                a.standard.to_owned(),
                encodings_summary(&a.encodings),
            ]
        })
        .collect();
    let header = ["NAME", "KIND", "FAMILY", "STANDARD", "ENCODINGS"].map(str::to_owned);
    let mut widths = [0usize; 4];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        for (cell, width) in row.iter().zip(widths) {
            out.push_str(&format!("{cell:<width$}  "));
        }
        out.push_str(&row[4]);
        out.push('\n');
    }
    out
}

/// The catalogue as a JSON array: `{"name", "kind", "family", "standard", "encodings":
/// {"symmetric_key": [...], "keypair": [...], "publickey": [...], "secretkey": [...],
/// "signature": [...]}}`, objects without encodings left out of `encodings`.
pub fn json(algorithms: &[AlgorithmInfo]) -> serde_json::Value {
    let entries = algorithms
        .iter()
        .map(|a| {
            let encodings: serde_json::Map<String, serde_json::Value> = objects(&a.encodings)
                .into_iter()
                .filter(|(_, list)| !list.is_empty())
                .map(|(object, list)| (object.to_owned(), serde_json::json!(list)))
                .collect();
            serde_json::json!({
                "name": a.name,
                "kind": kind(a.kind),
                "family": a.family,
                "standard": a.standard,
                "encodings": encodings,
            })
        })
        .collect();
    serde_json::Value::Array(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_one_line_per_algorithm_and_a_header() {
        let all = wasicrypt_host::algorithms();
        let table = table(&all);
        assert_eq!(table.lines().count(), all.len() + 1);
        assert!(table.starts_with("NAME"));
        let ed = table
            .lines()
            .find(|l| l.starts_with("Ed25519 "))
            .expect("Ed25519 row");
        assert!(ed.contains("signatures"), "{ed}");
        assert!(ed.contains("signature: raw"), "{ed}");
    }

    #[test]
    fn json_lists_encodings_per_object() {
        let value = json(&wasicrypt_host::algorithms());
        let aes = value
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == "AES-256-GCM")
            .expect("AES-256-GCM");
        assert_eq!(aes["kind"], "symmetric");
        assert_eq!(aes["family"], "aead");
        assert_eq!(
            aes["encodings"],
            serde_json::json!({"symmetric_key": ["raw"]})
        );
    }
}
