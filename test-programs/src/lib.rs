//! Support code for the `wasm32-wasip1` guest programs in `src/bin/`: a tiny check harness and hex
//! helpers.
//!
//! Each program registers named checks with [`harness::Harness::check`] and calls
//! [`harness::Harness::run`], which prints `ok NAME` or `FAIL NAME: why` per check, then
//! `N passed, M failed`, and exits with status 1 if anything failed (0 otherwise).

use std::fmt::Write as _;

pub mod harness;
pub mod rawcall;

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Decodes hex, ignoring ASCII whitespace (so long vectors can be split over lines).
///
/// # Errors
/// A message naming the offending input for an odd number of digits or a non-hex character.
pub fn unhex(text: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !digits.len().is_multiple_of(2) {
        return Err(format!("odd number of hex digits in {text:?}"));
    }
    let value = |d: u8| -> Result<u8, String> {
        match d {
            b'0'..=b'9' => Ok(d - b'0'),
            b'a'..=b'f' => Ok(d - b'a' + 10),
            b'A'..=b'F' => Ok(d - b'A' + 10),
            _ => Err(format!("bad hex digit {:?} in {text:?}", d as char)),
        }
    };
    digits
        .chunks(2)
        .map(|pair| Ok((value(pair[0])? << 4) | value(pair[1])?))
        .collect()
}

/// The size of the guest's memory 0 in wasm pages of 64 KiB (0 when not built for wasm32).
pub fn memory_pages() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        assert_eq!(hex(&[0x00, 0xab, 0xff]), "00abff");
        assert_eq!(unhex("00 AB\nff").unwrap(), vec![0x00, 0xab, 0xff]);
        assert!(unhex("abc").is_err());
        assert!(unhex("zz").is_err());
    }
}
