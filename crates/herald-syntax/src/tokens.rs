//! What the tagger and parser know of a token, computed once per token:
//! hashes of its normalised form, lowercase form, affixes and shape.

use crate::perceptron::hash_str;

/// Hashed views of one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TokenKeys {
    pub form: u64,
    pub lower: u64,
    pub prefix: [u64; 3],
    pub suffix: [u64; 4],
    pub shape: u64,
}

/// Keys of the positions before the first and after the last token.
pub const PAD: TokenKeys = TokenKeys {
    form: 1,
    lower: 1,
    prefix: [1; 3],
    suffix: [1; 4],
    shape: 1,
};

/// Curly quotes and apostrophes as the treebank mostly writes them, so that
/// "Moscow’s" and "Moscow's" look alike.
fn normalise(form: &str) -> String {
    form.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .collect()
}

/// Kind of each character, runs of one kind written once past two ("Xxx", "dd.d").
fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        run = if k == last { run + 1 } else { 1 };
        last = k;
        if run <= 2 {
            out.push(k);
        }
    }
    out
}

impl TokenKeys {
    pub fn new(form: &str) -> TokenKeys {
        let normal;
        let form = if form.is_ascii() {
            form
        } else {
            normal = normalise(form);
            normal.as_str()
        };
        let lower_owned;
        let lower = if form.bytes().any(|b| b.is_ascii_uppercase()) || !form.is_ascii() {
            lower_owned = form.to_lowercase();
            lower_owned.as_str()
        } else {
            form
        };
        // Byte offsets of the first four and last four character boundaries.
        let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
        let n = starts.len();
        let at = |k: usize| if k >= n { lower.len() } else { starts[k] };
        let part = |a: usize, b: usize| hash_str(&lower[at(a)..at(b)]) ^ 0x5555;
        let mut prefix = [0u64; 3];
        for (k, p) in prefix.iter_mut().enumerate() {
            *p = part(0, (k + 1).min(n));
        }
        let mut suffix = [0u64; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            *s = part(n.saturating_sub(k + 1), n);
        }
        TokenKeys {
            form: hash_str(form),
            lower: hash_str(lower),
            prefix,
            suffix,
            shape: shape_hash(form),
        }
    }
}

/// The hash of [`shape`], without building the string for ASCII words.
fn shape_hash(form: &str) -> u64 {
    if !form.is_ascii() || form.len() > 32 {
        return hash_str(&shape(form));
    }
    let mut buf = [0u8; 32];
    let mut len = 0;
    let (mut last, mut run) = (0u8, 0);
    for b in form.bytes() {
        let k = match b {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0'..=b'9' => b'd',
            b => b,
        };
        run = if k == last { run + 1 } else { 1 };
        last = k;
        if run <= 2 {
            buf[len] = k;
            len += 1;
        }
    }
    hash_str(std::str::from_utf8(&buf[..len]).unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_apostrophes_read_as_straight_ones() {
        assert_eq!(TokenKeys::new("’s"), TokenKeys::new("'s"));
        assert_ne!(TokenKeys::new("Apple").form, TokenKeys::new("apple").form);
        assert_eq!(TokenKeys::new("Apple").lower, TokenKeys::new("apple").lower);
        assert_eq!(shape("Washington"), "Xxx");
        assert_eq!(shape("3.50"), "d.dd");
        assert_eq!(TokenKeys::new("").lower, hash_str(""));
        for w in [
            "Washington",
            "3.50",
            "U.S.",
            "al-Qaeda",
            "naïve",
            "ÉCOLE",
            "x",
            "AbCdEfGh",
        ] {
            assert_eq!(shape_hash(w), hash_str(&shape(w)), "{w}");
        }
        // Affixes count characters, not bytes.
        assert_eq!(
            TokenKeys::new("café").suffix[0],
            TokenKeys::new("é").suffix[0]
        );
    }
}
