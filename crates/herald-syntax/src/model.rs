//! The model file: a small versioned binary format, deflate-compressed.
//!
//! ```text
//! magic    4 bytes  "HSYN"
//! version  u16 LE   1
//! kind     u8       1 = tagger, 2 = parser
//! body     zlib stream of:
//!   classes   u32 LE          number of classes of the perceptron
//!   names     u32 LE count, then per name: u8 length + UTF-8 bytes
//!             (tagger: the UPOS tags by class; parser: the relations by label index)
//!   scale     f32 LE          weight = i16 value * scale
//!   features  u32 LE count, then per feature in ascending order:
//!             varint (LEB128) difference from the previous feature,
//!             u8 number of weights, then per weight: u8 class, i16 LE value
//!   lexicon   u32 LE count, then per word in ascending order: u64 LE hash
//!             of the lowercase form, u32 LE tags seen (a bit per class; empty for the parser)
//! ```
//! Weights are quantized to 16 bits; a weight that rounds to zero is dropped.

use crate::perceptron::{Feature, Model};
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use std::io::{Read, Write};

const MAGIC: &[u8; 4] = b"HSYN";
const VERSION: u16 = 1;

/// What a model file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Tagger = 1,
    Parser = 2,
}

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a Herald syntax model (bad magic bytes)")]
    Magic,
    #[error("model format version {0}, this build reads version {VERSION}")]
    Version(u16),
    #[error("model holds a {found:?}, a {expected:?} was expected")]
    Kind { expected: Kind, found: u8 },
    #[error("model is truncated or corrupt: {0}")]
    Corrupt(String),
    #[error("model's classes do not match this build: {0}")]
    Classes(String),
}

/// The contents of a model file.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelFile {
    pub names: Vec<String>,
    pub model: Model,
    /// Word hash and class bits, ascending by hash.
    pub lexicon: Vec<(u64, u32)>,
}

/// Writes a model with its class names and lexicon (sorted here).
pub fn write(kind: Kind, names: &[&str], model: &Model, lexicon: &[(u64, u32)]) -> Vec<u8> {
    let entries = model.entries();
    let max = entries
        .iter()
        .flat_map(|(_, r)| r.iter().map(|(_, w)| w.abs()))
        .fold(0.0f32, f32::max);
    let scale = crate::perceptron::quantum(max);
    let mut body = Vec::new();
    body.extend_from_slice(&(model.classes as u32).to_le_bytes());
    body.extend_from_slice(&(names.len() as u32).to_le_bytes());
    for n in names {
        body.push(n.len() as u8);
        body.extend_from_slice(n.as_bytes());
    }
    body.extend_from_slice(&scale.to_le_bytes());
    let quantized: Vec<(Feature, Vec<(u8, i16)>)> = entries
        .into_iter()
        .map(|(f, row)| {
            let q = row
                .into_iter()
                .map(|(c, w)| (c, (w / scale).round().clamp(-32767.0, 32767.0) as i16))
                .filter(|(_, q)| *q != 0)
                .collect::<Vec<_>>();
            (f, q)
        })
        .filter(|(_, q)| !q.is_empty())
        .collect();
    body.extend_from_slice(&(quantized.len() as u32).to_le_bytes());
    let mut last = 0u32;
    for (f, row) in quantized {
        let mut d = f - last;
        last = f;
        loop {
            let byte = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                body.push(byte);
                break;
            }
            body.push(byte | 0x80);
        }
        body.push(row.len() as u8);
        for (c, q) in row {
            body.push(c);
            body.extend_from_slice(&q.to_le_bytes());
        }
    }
    let mut lexicon = lexicon.to_vec();
    lexicon.sort_unstable();
    body.extend_from_slice(&(lexicon.len() as u32).to_le_bytes());
    for (w, tags) in lexicon {
        body.extend_from_slice(&w.to_le_bytes());
        body.extend_from_slice(&tags.to_le_bytes());
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.push(kind as u8);
    let mut z = ZlibEncoder::new(out, flate2::Compression::best());
    z.write_all(&body).expect("writing to memory");
    z.finish().expect("writing to memory")
}

struct Cursor<'a> {
    data: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let s = self
            .data
            .get(self.at..self.at + n)
            .ok_or_else(|| ModelError::Corrupt(format!("ends at byte {}", self.data.len())))?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn varint(&mut self) -> Result<u32, ModelError> {
        let mut v = 0u64;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(v)
                    .map_err(|_| ModelError::Corrupt("feature out of range".into()));
            }
        }
        Err(ModelError::Corrupt("varint too long".into()))
    }
}

/// Reads a model file of the expected kind: its class names and weights.
pub fn read(bytes: &[u8], expected: Kind) -> Result<ModelFile, ModelError> {
    if bytes.len() < 7 || &bytes[..4] != MAGIC {
        return Err(ModelError::Magic);
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != VERSION {
        return Err(ModelError::Version(version));
    }
    if bytes[6] != expected as u8 {
        return Err(ModelError::Kind {
            expected,
            found: bytes[6],
        });
    }
    let mut body = Vec::new();
    ZlibDecoder::new(&bytes[7..])
        .read_to_end(&mut body)
        .map_err(|e| ModelError::Corrupt(e.to_string()))?;
    let mut c = Cursor { data: &body, at: 0 };
    let classes = c.u32()? as usize;
    let count = c.u32()? as usize;
    let mut names = Vec::with_capacity(count.min(1024));
    for _ in 0..count {
        let len = c.u8()? as usize;
        let s =
            std::str::from_utf8(c.take(len)?).map_err(|e| ModelError::Corrupt(e.to_string()))?;
        names.push(s.to_string());
    }
    let sb = c.take(4)?;
    let scale = f32::from_le_bytes([sb[0], sb[1], sb[2], sb[3]]);
    let features = c.u32()? as usize;
    let mut entries = Vec::with_capacity(features.min(body.len()));
    let mut last = 0u32;
    for _ in 0..features {
        last = last
            .checked_add(c.varint()?)
            .ok_or_else(|| ModelError::Corrupt("feature out of range".into()))?;
        let n = c.u8()? as usize;
        let mut row = Vec::with_capacity(n);
        for _ in 0..n {
            let class = c.u8()?;
            if class as usize >= classes {
                return Err(ModelError::Corrupt(format!("class {class} of {classes}")));
            }
            let q = c.take(2)?;
            row.push((class, i16::from_le_bytes([q[0], q[1]]) as f32 * scale));
        }
        entries.push((last, row));
    }
    let words = c.u32()? as usize;
    let mut lexicon = Vec::with_capacity(words.min(body.len() / 12));
    for _ in 0..words {
        let w = c.take(8)?;
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        let t = c.u32()?;
        lexicon.push((w, t));
    }
    Ok(ModelFile {
        names,
        model: Model::from_entries(classes, entries),
        lexicon,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_reads_back_and_bad_bytes_are_refused() {
        let m = Model::from_entries(
            3,
            vec![(5, vec![(0, 1.5), (2, -0.25)]), (900_000, vec![(1, 3.0)])],
        );
        let bytes = write(Kind::Tagger, &["A", "B", "C"], &m, &[(9, 5), (2, 1)]);
        let file = read(&bytes, Kind::Tagger).unwrap();
        assert_eq!(file.names, ["A", "B", "C"]);
        assert_eq!(file.lexicon, [(2, 1), (9, 5)]);
        let back = file.model;
        let mut s = [0.0f32; 3];
        back.score(&[5, 900_000], &mut s);
        assert!(
            (s[0] - 1.5).abs() < 1e-3 && (s[1] - 3.0).abs() < 1e-3 && (s[2] + 0.25).abs() < 1e-3
        );
        assert!(matches!(
            read(&bytes, Kind::Parser),
            Err(ModelError::Kind { .. })
        ));
        assert!(matches!(
            read(b"nope", Kind::Tagger),
            Err(ModelError::Magic)
        ));
        assert!(matches!(
            read(&bytes[..bytes.len() - 3], Kind::Tagger),
            Err(ModelError::Corrupt(_))
        ));
        assert_eq!(
            write(Kind::Tagger, &["A", "B", "C"], &back, &file.lexicon),
            bytes
        );
    }
}
