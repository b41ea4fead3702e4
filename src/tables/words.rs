//! A list of words stored one after another in one string, as the compiled tables keep them:
//! one allocation, and read back with its bounds checked.

use super::codec::{DecodeError, Reader, Writer};

/// Words `0..len()`; word `i` ends at `ends[i]` in `text`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Words {
    text: String,
    ends: Vec<u32>,
}

impl Words {
    pub(crate) fn push(&mut self, word: &str) {
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Word `i` (empty when out of range).
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).map_or(0, |&e| e as usize),
        };
        let end = self.ends.get(i).map_or(0, |&e| e as usize);
        self.text.get(start..end).unwrap_or("")
    }

    pub(crate) fn encode(&self, w: &mut Writer) {
        w.str(&self.text);
        w.u32s(&self.ends);
    }

    /// Reads what [`encode`](Self::encode) wrote: every word non-empty and on char boundaries,
    /// the ends covering the text. `what` names the table in the error.
    pub(crate) fn decode(r: &mut Reader, what: &str) -> Result<Words, DecodeError> {
        let text = r.str()?.to_string();
        let ends = r.u32s()?;
        let mut prev = 0;
        for &e in &ends {
            if e <= prev || !text.is_char_boundary(e as usize) {
                return Err(format!("{what}: word end {e} out of order or off a char"));
            }
            prev = e;
        }
        if prev as usize != text.len() {
            return Err(format!("{what}: the word ends do not cover the words"));
        }
        Ok(Words { text, ends })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let mut words = Words::default();
        for w in ["kill", "убью", "a"] {
            words.push(w);
        }
        assert_eq!(
            (words.len(), words.get(1), words.get(2), words.get(3)),
            (3, "убью", "a", "")
        );
        let mut w = Writer::default();
        words.encode(&mut w);
        let back = Words::decode(&mut Reader::new(&w.out), "test").unwrap();
        assert_eq!(back, words);
        for cut in 0..w.out.len() {
            assert!(Words::decode(&mut Reader::new(&w.out[..cut]), "test").is_err());
        }
        // An end inside `у` (2 bytes), an empty word, ends short of the text.
        for ends in [vec![4, 5, 10, 11], vec![4, 4, 12, 13], vec![4, 12]] {
            let mut w = Writer::default();
            w.str(&words.text);
            w.u32s(&ends);
            assert!(
                Words::decode(&mut Reader::new(&w.out), "test").is_err(),
                "{ends:?}"
            );
        }
    }
}
