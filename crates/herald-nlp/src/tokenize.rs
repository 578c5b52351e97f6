//! Tokens with byte spans. Keeps abbreviations ("U.S.", "Mr.", "a.m.") whole,
//! splits possessives ("Russia" "'s") and contractions ("did" "n't").

use herald_core::{Shape, Span, Token};

/// Words that take a period without ending a sentence (compared case-sensitively).
pub const ABBREVIATIONS: &[&str] = &[
    "Adm", "Ala", "Apr", "Ariz", "Ark", "Atty", "Aug", "Ave", "Blvd", "Brig", "Calif", "Capt",
    "Cmdr", "Co", "Col", "Colo", "Conn", "Corp", "Cpl", "Dec", "Del", "Dept", "Dr", "Drs", "Feb",
    "Fla", "Fr", "Ft", "Ga", "Gen", "Gov", "Hon", "Ill", "Inc", "Ind", "Jan", "Jr", "Jul", "Jun",
    "Kan", "Ky", "La", "Lt", "Ltd", "Maj", "Mar", "Mass", "Md", "Messrs", "Mich", "Minn", "Miss",
    "Mo", "Mont", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Neb", "Nev", "No", "Nos", "Nov", "Oct", "Okla",
    "Ore", "Pa", "Pfc", "Ph", "Pres", "Prof", "Pvt", "Rd", "Rep", "Reps", "Rev", "Sen", "Sens",
    "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
    "approx", "cf", "est", "etc", "ft", "govt", "no", "nos", "vs", "Vs",
];

/// Suffixes after a hyphen that make the word before it an actor ("US-led").
pub(crate) const AFFILIATION_SUFFIXES: &[&str] = &[
    "led",
    "backed",
    "supported",
    "funded",
    "brokered",
    "sponsored",
    "allied",
    "aligned",
    "trained",
    "armed",
    "controlled",
    "run",
    "owned",
    "based",
    "made",
    "built",
];

/// "Saint", "Mount" and "Fort" before a name, as capitals write them in a
/// dateline ("ST. PAUL --", "FT. WORTH"): they keep their period and end no
/// sentence, as "St." does.
pub(crate) const UPPER_PLACE_PREFIXES: &[&str] = &["ST", "MT", "FT"];

/// Abbreviations that never end a sentence: titles and months before names and dates.
pub(crate) const NEVER_FINAL: &[&str] = &[
    "Adm", "Atty", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Dr", "Drs", "Fr", "Gen", "Gov", "Hon",
    "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Msgr", "Mt", "No", "Nos", "Pfc", "Pres", "Prof",
    "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "St", "Supt", "vs", "Vs", "Jan", "Feb",
    "Aug", "Sept", "Oct", "Nov", "Dec",
];

/// Whether a capitalised word and what follows its hyphen are two tokens:
/// "Atlanta-area", "EU-Israel", "Israeli-Egyptian", "R-Charleston" (party and
/// home of a legislator). Names such as "Jean-Bertrand" or "Zia-ul-Haq" stay
/// whole.
fn splits_at_hyphen(left: &str, rest_lower: &str, capital_after: bool) -> bool {
    const DEMONYM_ENDINGS: &[&str] = &[
        "ian", "ean", "ese", "ish", "ani", "aqi", "eli", "can", "ern",
    ];
    rest_lower == "area"
        || (capital_after
            && ((left.len() >= 2 && left.chars().all(|c| c.is_ascii_uppercase()))
                || matches!(left, "D" | "R" | "I")
                || (left.chars().nth(4).is_some()
                    && DEMONYM_ENDINGS.iter().any(|e| left.ends_with(e)))))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits a text into tokens. Lemmas are filled in by the caller.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with(text, &|_, _| false)
}

/// Splits a text into tokens, and also a capitalised word from the word
/// after its hyphen when `two_names(left, right)` says that one of them is
/// a name of its own ("Russia-Ukraine", "Fargo-Moorhead",
/// "Cypriot-flagged"): which words name something is the knowledge base's
/// to say, not the tokenizer's.
pub fn tokenize_with(text: &str, two_names: &dyn Fn(&str, &str) -> bool) -> Vec<Token> {
    let scan = Scanner {
        text,
        chars: text.char_indices().collect(),
        two_names,
    };
    let chars = &scan.chars;
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut newlines = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            i += 1;
            continue;
        }
        let para_start = newlines >= 2;
        newlines = 0;
        i = if is_word_char(c) {
            scan.push_word(i, para_start, &mut tokens)
        } else {
            let j = scan.symbol_end(i);
            tokens.push(make_token(text, start, scan.end_of(j), para_start));
            j
        };
    }
    tokens
}

/// The text and its characters with their byte offsets; token ends are
/// found on the characters, then cut from the text.
struct Scanner<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
    two_names: &'a dyn Fn(&str, &str) -> bool,
}

impl Scanner<'_> {
    /// The byte offset of character `i` (the text's end past the last one).
    fn end_of(&self, i: usize) -> usize {
        if i < self.chars.len() {
            self.chars[i].0
        } else {
            self.text.len()
        }
    }

    /// Pushes the word starting at character `i` (one token, or two for
    /// "didn't") and returns the character after it.
    fn push_word(&self, i: usize, para_start: bool, tokens: &mut Vec<Token>) -> usize {
        let start = self.chars[i].0;
        let mut j = self.word_end(i);
        let word = &self.text[start..self.end_of(j)];
        if self.negation_follows(word, j) {
            // "didn't" -> "did" "n't"
            let cut = self.end_of(j - 1);
            tokens.push(make_token(self.text, start, cut, para_start));
            tokens.push(make_token(self.text, cut, self.end_of(j + 2), false));
            return j + 2;
        }
        if self.keeps_period(word, j) {
            j += 1;
        }
        tokens.push(make_token(self.text, start, self.end_of(j), para_start));
        j
    }

    /// The character after the word starting at `i`: letters and digits, joined
    /// by inner hyphens, periods ("U.S", "3.5"), thousands commas, "&" between
    /// capitals and apostrophes that are not a clitic's.
    fn word_end(&self, i: usize) -> usize {
        let chars = &self.chars;
        let mut j = i + 1;
        while j < chars.len() {
            let cj = chars[j].1;
            let next = chars.get(j + 1).map(|x| x.1);
            if is_word_char(cj) {
                j += 1;
            } else if matches!(cj, '-' | '‑') && next.is_some_and(is_word_char) {
                if self.splits_hyphen(i, j) {
                    break;
                }
                j += 1;
            } else if cj == '.'
                && next.is_some_and(is_word_char)
                && !next.is_some_and(|n| n.is_uppercase() && j - i > 2)
            {
                j += 1; // "U.S", "a.m", "3.5"; not "end.Next"
            } else if self.thousands_comma(j) {
                j += 4; // "1,000"
            } else if cj == '&'
                && chars[j - 1].1.is_uppercase()
                && next.is_some_and(|n| n.is_uppercase())
            {
                j += 1; // "AT&T"
            } else if is_apostrophe(cj) && next.is_some_and(|n| n.is_alphabetic()) {
                // "O'Brien", "al-Qaeda's": split possessives and contractions.
                if self.clitic_after(j) {
                    break;
                }
                j += 1;
            } else {
                break;
            }
        }
        j
    }

    /// Whether the word starting at `i` ends at its hyphen at `j`.
    fn splits_hyphen(&self, i: usize, j: usize) -> bool {
        let chars = &self.chars;
        // "US-led", "Iranian-backed": the actor named before the hyphen stands apart
        let rest: String = chars[j + 1..]
            .iter()
            .take_while(|x| x.1.is_alphabetic())
            .map(|x| x.1.to_ascii_lowercase())
            .collect();
        if chars[i].1.is_uppercase() && AFFILIATION_SUFFIXES.contains(&rest.as_str()) {
            return true;
        }
        // a slice, not a copy: a long chain of hyphens stays linear
        let left = &self.text[chars[i].0..chars[j].0];
        let capital_after = chars.get(j + 1).is_some_and(|n| n.1.is_uppercase());
        chars[i].1.is_uppercase()
            && (splits_at_hyphen(left, &rest, capital_after)
                // the first hyphen of a word only: a long chain stays linear
                || (!left.contains(['-', '‑']) && (self.two_names)(left, self.word_after(j))))
    }

    /// The letters and digits right after character `j`.
    fn word_after(&self, j: usize) -> &str {
        let start = self.end_of(j + 1);
        let end = self.chars[j + 1..]
            .iter()
            .find(|x| !x.1.is_alphanumeric())
            .map_or(self.text.len(), |x| x.0);
        &self.text[start..end]
    }

    /// Whether the comma at `j` groups thousands: a digit before, three after
    /// and no fourth.
    fn thousands_comma(&self, j: usize) -> bool {
        let chars = &self.chars;
        chars[j].1 == ','
            && chars[j - 1].1.is_ascii_digit()
            && chars
                .get(j + 1..j + 4)
                .is_some_and(|d| d.iter().all(|x| x.1.is_ascii_digit()))
            && !chars.get(j + 4).is_some_and(|x| x.1.is_ascii_digit())
    }

    /// Whether the apostrophe at `j` starts a clitic ("'s", "'re", "'t").
    fn clitic_after(&self, j: usize) -> bool {
        let rest: String = self.chars[j + 1..]
            .iter()
            .take_while(|x| x.1.is_alphabetic())
            .map(|x| x.1)
            .collect();
        matches!(
            rest.to_lowercase().as_str(),
            "s" | "re" | "ve" | "ll" | "d" | "m" | "t"
        )
    }

    /// Whether `word`, ending at character `j`, is followed by "'t" and ends
    /// in "n": "didn't".
    fn negation_follows(&self, word: &str, j: usize) -> bool {
        let chars = &self.chars;
        j < chars.len()
            && is_apostrophe(chars[j].1)
            && word.len() > 1
            && word.to_lowercase().ends_with('n')
            && chars.get(j + 1).is_some_and(|x| x.1 == 't' || x.1 == 'T')
            && !chars.get(j + 2).is_some_and(|x| x.1.is_alphabetic())
    }

    /// Whether the period at `j` belongs to `word` before it: an abbreviation
    /// or an initial.
    fn keeps_period(&self, word: &str, j: usize) -> bool {
        if j >= self.chars.len() || self.chars[j].1 != '.' {
            return false;
        }
        let has_inner_period = word.contains('.') && word.chars().any(|c| c.is_alphabetic());
        let initial = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
        has_inner_period
            || initial
            || ABBREVIATIONS.contains(&word)
            || UPPER_PLACE_PREFIXES.contains(&word)
    }

    /// The character after a token that is not a word, starting at `i`: a
    /// clitic after a word ("'s"), a run of periods or hyphens, else one
    /// character.
    fn symbol_end(&self, i: usize) -> usize {
        let chars = &self.chars;
        let c = chars[i].1;
        let mut j = i + 1;
        if is_apostrophe(c) {
            // "'s", "'re" after a word
            let rest: String = chars[i + 1..]
                .iter()
                .take_while(|x| x.1.is_alphabetic())
                .map(|x| x.1)
                .collect();
            let attached = i > 0 && is_word_char(chars[i - 1].1);
            if attached
                && matches!(
                    rest.to_lowercase().as_str(),
                    "s" | "re" | "ve" | "ll" | "d" | "m"
                )
            {
                j = i + 1 + rest.chars().count();
            }
        } else if c == '.' || c == '-' {
            while j < chars.len() && chars[j].1 == c {
                j += 1; // "...", "--"
            }
        }
        j
    }
}

fn make_token(text: &str, start: usize, end: usize, para_start: bool) -> Token {
    let surface = &text[start..end];
    let lower = surface.to_lowercase();
    Token {
        span: Span::new(start, end),
        lemma: lower.clone(),
        lower,
        shape: shape_of(surface),
        para_start,
    }
}

fn shape_of(s: &str) -> Shape {
    let mut letters = 0;
    let mut upper = 0;
    let mut lower = 0;
    let mut digits = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        } else if c.is_ascii_digit() {
            digits += 1;
        }
    }
    let first_upper = s.chars().next().is_some_and(|c| c.is_uppercase());
    if letters == 0 && digits > 0 {
        Shape::Number
    } else if letters == 0 && digits == 0 {
        Shape::Punct
    } else if upper >= 2 && lower == 0 {
        Shape::Upper
    } else if first_upper || (digits > 0 && upper > 0 && lower == 0) {
        Shape::Capitalized
    } else if lower > 0 && upper == 0 {
        Shape::Lower
    } else {
        Shape::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn abbreviations_stay_whole() {
        assert_eq!(
            words("Mr. Smith met U.S. officials at 9 a.m."),
            [
                "Mr.",
                "Smith",
                "met",
                "U.S.",
                "officials",
                "at",
                "9",
                "a.m."
            ]
        );
        assert_eq!(
            words("Gen. Milley, No. 2"),
            ["Gen.", "Milley", ",", "No.", "2"]
        );
        assert_eq!(words("ST. PAUL -- Taxes"), ["ST.", "PAUL", "--", "Taxes"]);
    }

    #[test]
    fn possessives_and_contractions_split() {
        assert_eq!(
            words("Russia's ambassador didn't go"),
            ["Russia", "'s", "ambassador", "did", "n't", "go"]
        );
        assert_eq!(words("Moscow’s plan"), ["Moscow", "’s", "plan"]);
        assert_eq!(
            words("O'Brien and al-Qaeda"),
            ["O'Brien", "and", "al-Qaeda"]
        );
        assert_eq!(
            words("US-led forces, well-known"),
            ["US", "-", "led", "forces", ",", "well-known"]
        );
        assert_eq!(
            words("Israeli-Egyptian peace"),
            ["Israeli", "-", "Egyptian", "peace"]
        );
        assert_eq!(
            words("an EU-Israel summit"),
            ["an", "EU", "-", "Israel", "summit"]
        );
        assert_eq!(
            words("Atlanta-area calls"),
            ["Atlanta", "-", "area", "calls"]
        );
        assert_eq!(
            words("Harrell, R-Charleston"),
            ["Harrell", ",", "R", "-", "Charleston"]
        );
        // hyphenated given names stay whole
        assert_eq!(
            words("Jean-Bertrand Aristide and Zia-Ul-Haq"),
            ["Jean-Bertrand", "Aristide", "and", "Zia-Ul-Haq"]
        );
    }

    #[test]
    fn numbers_and_punctuation() {
        assert_eq!(
            words("1,000 troops, 3.5% — “no”"),
            ["1,000", "troops", ",", "3.5", "%", "—", "“", "no", "”"]
        );
    }

    #[test]
    fn a_hyphenated_pair_is_cut_where_the_caller_knows_a_name() {
        let places = |left: &str, _: &str| matches!(left, "Fargo" | "Russia" | "Cypriot");
        let cut = |text: &str| -> Vec<String> {
            tokenize_with(text, &places)
                .iter()
                .map(|t| t.span.slice(text).to_string())
                .collect()
        };
        assert_eq!(
            cut("Fargo-Moorhead and the Russia-Ukraine war"),
            ["Fargo", "-", "Moorhead", "and", "the", "Russia", "-", "Ukraine", "war"]
        );
        assert_eq!(
            cut("a Cypriot-flagged ship"),
            ["a", "Cypriot", "-", "flagged", "ship"]
        );
        // words the caller does not know, and any without a capital, stay whole
        assert_eq!(
            cut("Winston-Salem, well-known, anti-Fargo"),
            ["Winston-Salem", ",", "well-known", ",", "anti-Fargo"]
        );
        // without a caller that knows names, nothing new is cut
        assert_eq!(words("Fargo-Moorhead"), ["Fargo-Moorhead"]);
        // the caller is asked at the first hyphen of a word only: a long chain stays linear
        let asked = std::cell::Cell::new(0);
        let counting = |_: &str, _: &str| {
            asked.set(asked.get() + 1);
            false
        };
        let chain = "Word-".repeat(10_000) + "End";
        assert_eq!(tokenize_with(&chain, &counting).len(), 1);
        assert_eq!(asked.get(), 1);
    }

    #[test]
    fn a_long_chain_of_hyphens_is_one_token_read_in_linear_time() {
        // each hyphen used to copy the whole word before it: minutes for 0.5 MB
        let chain = "Word-".repeat(200_000) + "end";
        let tokens = tokenize(&chain);
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens[0].span.end, chain.len());
        assert_eq!(
            words("Jean-Bertrand Aristide met EU-Israel and Israeli-Egyptian envoys"),
            [
                "Jean-Bertrand",
                "Aristide",
                "met",
                "EU",
                "-",
                "Israel",
                "and",
                "Israeli",
                "-",
                "Egyptian",
                "envoys"
            ]
        );
    }

    #[test]
    fn shapes() {
        let t = tokenize("NATO Blinken said G20");
        let shapes: Vec<Shape> = t.iter().map(|t| t.shape).collect();
        assert_eq!(
            shapes,
            [
                Shape::Upper,
                Shape::Capitalized,
                Shape::Lower,
                Shape::Capitalized
            ]
        );
    }
}
