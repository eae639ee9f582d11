//! `wasicrypt::blake3` under the host: prints one `label hex` line per output. The host's test
//! computes the same lines with the `blake3` crate natively and compares them.

use wasicrypt::blake3::{self, Hash, Hasher};
use wasicrypt_test_programs::hex;

fn input(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

/// Through the `digest` traits only (kept out of `main`'s scope: with `Digest` in scope,
/// `hasher.finalize()` would be `Digest::finalize`), as generic RustCrypto code would use it.
fn via_digest<D: digest::Digest>(data: &[u8]) -> Vec<u8> {
    D::digest(data).to_vec()
}

fn via_xof<X>(data: &[u8], len: usize) -> Vec<u8>
where
    X: Default + digest::Update + digest::ExtendableOutput,
{
    use digest::XofReader;
    let mut xof = X::default();
    xof.update(data);
    let mut out = vec![0u8; len];
    xof.finalize_xof().read(&mut out);
    out
}

fn main() {
    let key: [u8; 32] = core::array::from_fn(|i| i as u8);
    for len in [0, 3, 1023, 1024, 1025, 100_000] {
        let data = input(len);
        println!("hash {len} {}", blake3::hash(&data).to_hex());
        println!("keyed {len} {}", blake3::keyed_hash(&key, &data).to_hex());
        let mut pieces = Hasher::new();
        for piece in data.chunks(777) {
            pieces.update(piece);
        }
        println!("pieces {len} {}", pieces.finalize().to_hex());
        let mut long = [0u8; 200];
        Hasher::new_keyed(&key)
            .update(&data)
            .finalize_xof()
            .fill(&mut long);
        println!("keyed-xof {len} {}", hex(&long));
        println!("digest {len} {}", hex(&via_digest::<Hasher>(&data)));
        println!("xof-trait {len} {}", hex(&via_xof::<Hasher>(&data, 77)));
    }

    // Finalizing does not end the hasher; clones and resets are independent.
    let mut hasher = Hasher::new_keyed(&key);
    hasher.update(b"foo");
    let first = hasher.finalize();
    let copy = hasher.clone();
    hasher.update(b"bar");
    println!("continue {}", hasher.finalize().to_hex());
    println!("first {}", first.to_hex());
    println!("clone {}", Hasher::finalize(&copy).to_hex());
    hasher.reset();
    hasher.update(b"baz");
    println!("reset-keyed {}", hasher.finalize().to_hex());

    // Reading the stream in pieces gives the same bytes as one read.
    let mut reader = Hasher::new().update(b"stream").finalize_xof();
    let mut parts = Vec::new();
    for len in [1, 31, 64, 3] {
        let mut part = vec![0u8; len];
        reader.fill(&mut part);
        parts.extend_from_slice(&part);
    }
    println!("stream {}", hex(&parts));

    let stored = Hash::from_bytes(*blake3::hash(b"abc").as_bytes());
    println!("equal {}", stored == blake3::hash(b"abc"));
    println!("unequal {}", stored == blake3::hash(b"abd"));
}
