//! The byte encoding of the compiled tables: little-endian integers, and length-prefixed byte
//! strings and arrays. The reader checks every length against what is left and returns an error,
//! never panics, so a damaged table is refused, not trusted.

/// Appends values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) out: Vec<u8>,
}

impl Writer {
    #[inline]
    pub(crate) fn u8(&mut self, v: u8) {
        self.out.push(v);
    }

    #[inline]
    pub(crate) fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    /// A length (`usize`, at most `u32::MAX` in any table this crate builds).
    #[inline]
    pub(crate) fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("a table longer than u32::MAX"));
    }

    /// Length-prefixed bytes.
    #[inline]
    pub(crate) fn bytes(&mut self, v: &[u8]) {
        self.len(v.len());
        self.out.extend_from_slice(v);
    }

    #[inline]
    pub(crate) fn str(&mut self, v: &str) {
        self.bytes(v.as_bytes());
    }

    /// Length-prefixed array of `u16`.
    #[inline]
    pub(crate) fn u16s(&mut self, v: &[u16]) {
        self.len(v.len());
        for &x in v {
            self.out.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// Length-prefixed array of `u32`.
    #[inline]
    pub(crate) fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        for &x in v {
            self.u32(x);
        }
    }
}

/// Reads values back, in the order they were written.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// Why a table was refused (a short description; the caller adds which table).
pub(crate) type DecodeError = String;

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    #[inline]
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| format!("truncated at byte {} (wanted {n} more)", self.at))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    #[inline]
    pub(crate) fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    #[inline]
    pub(crate) fn u32(&mut self) -> Result<u32, DecodeError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A length, checked to be at most `max` (so a damaged length cannot ask for a huge
    /// allocation before the data runs out).
    #[inline]
    pub(crate) fn len(&mut self, max: usize) -> Result<usize, DecodeError> {
        let n = self.u32()? as usize;
        if n > max {
            return Err(format!("length {n} at byte {} exceeds {max}", self.at - 4));
        }
        Ok(n)
    }

    /// Length-prefixed bytes, borrowed.
    #[inline]
    pub(crate) fn bytes(&mut self) -> Result<&'a [u8], DecodeError> {
        let n = self.len(self.remaining())?;
        self.take(n)
    }

    #[inline]
    pub(crate) fn str(&mut self) -> Result<&'a str, DecodeError> {
        let at = self.at;
        core::str::from_utf8(self.bytes()?)
            .map_err(|_| format!("invalid UTF-8 in the string at byte {at}"))
    }

    /// Length-prefixed array of `u16`.
    #[inline]
    pub(crate) fn u16s(&mut self) -> Result<Vec<u16>, DecodeError> {
        let n = self.len(self.remaining() / 2)?;
        let b = self.take(n * 2)?;
        Ok(b.chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect())
    }

    /// Length-prefixed array of `u32`.
    #[inline]
    pub(crate) fn u32s(&mut self) -> Result<Vec<u32>, DecodeError> {
        let n = self.len(self.remaining() / 4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    /// A count of items that take at least `min_bytes` each: at most what is left could hold.
    #[inline]
    pub(crate) fn count(&mut self, min_bytes: usize) -> Result<usize, DecodeError> {
        self.len(self.remaining() / min_bytes.max(1))
    }

    #[inline]
    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    /// Succeeds only if every byte was read.
    pub(crate) fn finish(self) -> Result<(), DecodeError> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(format!(
                "{} unread bytes at the end",
                self.bytes.len() - self.at
            ))
        }
    }
}

/// `Err` unless every index in `v` is below `n`.
pub(crate) fn check_below(what: &str, v: &[u32], n: usize) -> Result<(), DecodeError> {
    match v.iter().position(|&x| x as usize >= n) {
        None => Ok(()),
        Some(i) => Err(format!("{what}[{i}] = {} is out of range (< {n})", v[i])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut w = Writer::default();
        w.u8(7);
        w.u32(0xDEAD_BEEF);
        w.str("убить");
        w.u32s(&[1, 2, u32::MAX]);
        w.u16s(&[3, u16::MAX]);
        w.bytes(&[]);
        let mut r = Reader::new(&w.out);
        assert_eq!(r.u8().unwrap(), 7);
        assert_eq!(r.u32().unwrap(), 0xDEAD_BEEF);
        assert_eq!(r.str().unwrap(), "убить");
        assert_eq!(r.u32s().unwrap(), vec![1, 2, u32::MAX]);
        assert_eq!(r.u16s().unwrap(), vec![3, u16::MAX]);
        assert_eq!(r.bytes().unwrap(), &[] as &[u8]);
        r.finish().unwrap();
    }

    #[test]
    fn every_truncation_is_an_error() {
        let mut w = Writer::default();
        w.str("hello");
        w.u32s(&[5, 6]);
        w.u16s(&[7, 8]);
        for cut in 0..w.out.len() {
            let mut r = Reader::new(&w.out[..cut]);
            let ok = r.str().is_ok() && r.u32s().is_ok() && r.u16s().is_ok();
            assert!(!ok, "cut at {cut} read fine");
        }
    }

    #[test]
    fn huge_lengths_are_refused_before_allocating() {
        let mut r = Reader::new(&[0xff, 0xff, 0xff, 0xff, 1, 2]);
        assert!(r.u32s().is_err());
        let mut r = Reader::new(&[0xff, 0xff, 0xff, 0xff, 1, 2]);
        assert!(r.u16s().is_err());
        let mut r = Reader::new(&[0xff, 0xff, 0xff, 0x7f]);
        assert!(r.bytes().is_err());
        let mut r = Reader::new(&[3, 0, 0, 0, 0xff, 0xfe, 0xfd]);
        assert!(r.str().is_err());
        assert!(check_below("x", &[1, 5], 5).is_err());
        assert!(check_below("x", &[1, 4], 5).is_ok());
    }
}
