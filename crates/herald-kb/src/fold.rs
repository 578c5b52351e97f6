//! Name keys: lowercased tokens, diacritics folded, joined by single spaces,
//! so "Erdoğan", "ERDOGAN" and "Erdogan" share one key.

/// Folds common Latin diacritics to ASCII; other characters pass through.
pub fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ĝ' | 'ġ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        '’' | '‘' | '`' => '\'',
        '‐' | '‑' | '–' => '-',
        _ => c,
    }
}

/// The key of one lowercased token.
pub fn fold_token(lower: &str) -> String {
    lower.chars().map(fold_char).collect()
}

/// The key of a whole name: tokenized as text is, then folded.
pub fn name_key(name: &str) -> String {
    // Fast path: letters and single spaces tokenize to the words themselves.
    if name.chars().all(|c| c.is_alphabetic() || c == ' ') && !name.contains("  ") {
        let mut key = String::with_capacity(name.len());
        for c in name.trim().chars() {
            for l in c.to_lowercase() {
                key.push(fold_char(l));
            }
        }
        return key;
    }
    let tokens = herald_nlp::tokenize(name);
    let mut key = String::with_capacity(name.len());
    for t in &tokens {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&fold_token(&t.lower));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_and_marks() {
        assert_eq!(name_key("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(name_key("the Kremlin's"), "the kremlin 's");
        assert_eq!(name_key("U.S."), "u.s.");
        assert_eq!(name_key("Côte d’Ivoire"), "cote d'ivoire");
    }
}
