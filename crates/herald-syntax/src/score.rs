//! Scores against gold trees with gold tokens: UPOS accuracy, UAS and LAS
//! over every word, punctuation included (the CoNLL 2018 convention). `las`
//! compares universal relations as CoNLL 2018 does ("nsubj:pass" against
//! "nsubj" counts); `las_full` also requires the subtype.

/// Running counts of correct words.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub words: usize,
    pub upos: usize,
    pub heads: usize,
    pub labelled: usize,
    pub labelled_full: usize,
}

impl Score {
    pub fn upos(&self) -> f64 {
        ratio(self.upos, self.words)
    }
    pub fn uas(&self) -> f64 {
        ratio(self.heads, self.words)
    }
    pub fn las(&self) -> f64 {
        ratio(self.labelled, self.words)
    }
    pub fn las_full(&self) -> f64 {
        ratio(self.labelled_full, self.words)
    }

    /// Adds one word: gold and predicted tag, head and relation.
    pub fn add(&mut self, gold: (&str, u32, &str), guess: (&str, u32, &str)) {
        self.words += 1;
        self.upos += (gold.0 == guess.0) as usize;
        if gold.1 == guess.1 {
            self.heads += 1;
            let universal = |s: &str| s.split(':').next().unwrap_or("").to_string();
            self.labelled += (universal(gold.2) == universal(guess.2)) as usize;
            self.labelled_full += (gold.2 == guess.2) as usize;
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtypes_count_for_las_but_not_for_full_las() {
        let mut s = Score::default();
        s.add(("NOUN", 2, "nsubj:pass"), ("NOUN", 2, "nsubj"));
        s.add(("VERB", 0, "root"), ("AUX", 0, "root"));
        s.add(("PUNCT", 2, "punct"), ("PUNCT", 1, "punct"));
        assert_eq!(
            (s.upos(), s.las(), s.las_full()),
            (2.0 / 3.0, 2.0 / 3.0, 1.0 / 3.0)
        );
        assert_eq!(s.uas(), 2.0 / 3.0);
    }
}
