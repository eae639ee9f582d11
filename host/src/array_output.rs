//! `array_output`: host-allocated output that the guest pulls, possibly in several calls.

use zeroize::Zeroizing;

/// Bytes waiting to be pulled by the guest, wiped from host memory on drop.
pub(crate) struct ArrayOutput {
    data: Zeroizing<Vec<u8>>,
    pos: usize,
}

impl std::fmt::Debug for ArrayOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ArrayOutput({} of {} bytes left)",
            self.remaining(),
            self.data.len()
        )
    }
}

impl ArrayOutput {
    pub(crate) fn new(data: Vec<u8>) -> Self {
        ArrayOutput {
            data: Zeroizing::new(data),
            pos: 0,
        }
    }

    /// Bytes held (pulled or not).
    pub(crate) fn len(&self) -> usize {
        self.data.len()
    }

    /// Bytes not yet pulled (the full length before the first pull).
    pub(crate) fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// Copies `min(buf.len(), remaining)` bytes into `buf` and returns that count.
    pub(crate) fn pull(&mut self, buf: &mut [u8]) -> usize {
        let n = buf.len().min(self.remaining());
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        n
    }
}
