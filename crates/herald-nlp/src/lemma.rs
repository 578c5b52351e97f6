//! Rule-based English lemmas, and the inverse: inflections of a lemma.
//!
//! Irregular forms come from `data/irregular.tsv` (written by the team);
//! regular ones from suffix rules. The stem left by -ed or -ing is checked
//! against the verbs of UD English EWT (`data/verb_lemmas.txt`), then by its
//! last letters (`data/verb_stem_endings.tsv`: "includ" takes back its
//! "e", "cancell" loses an "l"); both are made by
//! `scripts/build_verb_lemmas.py`. Without a tagger a lemma is a best guess;
//! the cue matcher therefore matches generated inflections, not guesses.

use std::collections::HashMap;

const IRREGULAR_TSV: &str = include_str!("../data/irregular.tsv");
const VERB_LEMMAS: &str = include_str!("../data/verb_lemmas.txt");
const VERB_STEM_ENDINGS: &str = include_str!("../data/verb_stem_endings.tsv");

/// The irregular inflections of verbs that the irregular table lists as
/// no noun ("withdrew", "fled", "fought"; not "put", which is its own
/// lemma, nor a form also listed as a noun).
pub fn irregular_verb_forms() -> &'static std::collections::HashSet<&'static str> {
    static FORMS: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        let rows = || {
            IRREGULAR_TSV
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| {
                    let mut c = l.split('\t');
                    Some((c.next()?, c.next()?, c.next()?))
                })
        };
        let nouns: std::collections::HashSet<&str> =
            rows().filter(|r| r.2 == "N").map(|r| r.0).collect();
        rows()
            .filter(|&(form, lemma, pos)| pos == "V" && form != lemma && !nouns.contains(form))
            .map(|r| r.0)
            .collect()
    })
}

/// How the stem left by -ed or -ing becomes the lemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StemChange {
    Keep,
    AddE,
    Undouble,
}

impl StemChange {
    fn apply(self, stem: &str) -> String {
        match self {
            StemChange::Keep => stem.to_string(),
            StemChange::AddE => format!("{stem}e"),
            StemChange::Undouble => stem[..stem.len() - 1].to_string(),
        }
    }
}

/// Words ending in -s that are not plurals.
const NOT_PLURAL: &[&str] = &[
    "always",
    "analysis",
    "arms",
    "as",
    "basis",
    "bus",
    "campus",
    "chaos",
    "congress",
    "consensus",
    "crisis",
    "diagnosis",
    "emphasis",
    "thus",
    "economics",
    "gas",
    "hostages",
    "is",
    "lens",
    "means",
    "news",
    "nexus",
    "politics",
    "physics",
    "process",
    "progress",
    "series",
    "species",
    "status",
    "this",
    "was",
    "has",
    "does",
    "his",
    "its",
    "us",
    "yes",
    "various",
    "previous",
    "serious",
    "numerous",
    "famous",
    "dangerous",
    "religious",
    "anonymous",
    "across",
    "unless",
    "sanctions",
    "talks",
    "troops",
    "forces",
    "headquarters",
    "whereabouts",
    "afterwards",
    "towards",
    "overseas",
];

/// Stems that keep their final double consonant (kill -> killed).
fn keeps_double(stem: &str) -> bool {
    stem.ends_with("ll") || stem.ends_with("ss") || stem.ends_with("zz") || stem.ends_with("ff")
}

/// Whether a stem doubles its last consonant before -ed and -ing: it ends in
/// a consonant after one vowel after a consonant ("stop", "refer", "equip"),
/// which "ad" does not ("added" is "add").
fn doubles_when_inflected(stem: &[char]) -> bool {
    let n = stem.len();
    n >= 3 && is_vowel(stem[n - 2]) && {
        let before = stem[n - 3];
        !is_vowel(before) || before == 'u' && n >= 4 && stem[n - 4] == 'q'
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

#[derive(Debug, Clone)]
pub struct Lemmatizer {
    /// form -> lemma, for irregular forms
    irregular: HashMap<String, String>,
    /// verb lemma -> irregular forms
    forms: HashMap<String, Vec<String>>,
    /// noun lemma -> irregular plurals
    noun_forms: HashMap<String, Vec<String>>,
    /// known verb lemmas ("include", "need", "bring")
    verbs: std::collections::HashSet<String>,
    /// last letters of an -ed/-ing stem -> how it becomes the lemma
    stem_endings: HashMap<String, StemChange>,
}

impl Lemmatizer {
    /// The English lemmatizer with the embedded irregular table.
    pub fn english() -> Self {
        Self::from_table(IRREGULAR_TSV)
    }

    /// Builds from a `form<TAB>lemma<TAB>pos` table; `#` lines are comments.
    pub fn from_table(tsv: &str) -> Self {
        let mut irregular: HashMap<String, String> = HashMap::new();
        let mut forms: HashMap<String, Vec<String>> = HashMap::new();
        let mut noun_forms: HashMap<String, Vec<String>> = HashMap::new();
        for line in tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut cols = line.split('\t');
            let (Some(form), Some(lemma)) = (cols.next(), cols.next()) else {
                continue;
            };
            let noun = cols.next() == Some("N");
            // a form that is both (leaves: leave/leaf) reads as the verb in news
            if !noun || !irregular.contains_key(form) {
                irregular.insert(form.to_string(), lemma.to_string());
            }
            let table = if noun { &mut noun_forms } else { &mut forms };
            table
                .entry(lemma.to_string())
                .or_default()
                .push(form.to_string());
        }
        let data = |text: &'static str| {
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        };
        let verbs = data(VERB_LEMMAS).map(str::to_string).collect();
        let stem_endings = data(VERB_STEM_ENDINGS)
            .filter_map(|l| {
                let (ending, how) = l.split_once('\t')?;
                let how = match how {
                    "keep" => StemChange::Keep,
                    "add_e" => StemChange::AddE,
                    "undouble" => StemChange::Undouble,
                    _ => return None,
                };
                Some((ending.to_string(), how))
            })
            .collect();
        Lemmatizer {
            irregular,
            forms,
            noun_forms,
            verbs,
            stem_endings,
        }
    }

    /// The lemma of the stem left by -ed or -ing: a known verb that it is,
    /// with its "e" or with a doubled consonant undone ("includ", "stopp"),
    /// else what stems with its last letters become, else the spelling rules.
    fn verb_stem_lemma(&self, stem: &str) -> String {
        let undoubled = {
            let b = stem.as_bytes();
            (b.len() > 2 && b[b.len() - 1] == b[b.len() - 2]).then(|| &stem[..stem.len() - 1])
        };
        let with_e = format!("{stem}e");
        // "hoping" is "hope": "hop" would have doubled its "p"
        let chars: Vec<char> = stem.chars().collect();
        if self.verbs.contains(&with_e)
            && (!self.verbs.contains(stem) || doubles_when_inflected(&chars))
        {
            return with_e;
        }
        if self.verbs.contains(stem) {
            return stem.to_string();
        }
        if let Some(u) = undoubled.filter(|u| self.verbs.contains(*u)) {
            return u.to_string();
        }
        for k in (1..=4).rev() {
            if stem.len() > k && stem.is_char_boundary(stem.len() - k) {
                if let Some(how) = self.stem_endings.get(&stem[stem.len() - k..]) {
                    if *how != StemChange::Undouble || undoubled.is_some() {
                        return how.apply(stem);
                    }
                }
            }
        }
        restore_stem(stem)
    }

    /// The lemma of a lowercased word.
    pub fn lemma(&self, lower: &str) -> String {
        if let Some(l) = self.irregular.get(lower) {
            return l.clone();
        }
        let n = lower.chars().count();
        if n <= 3
            || !lower.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
            || NOT_PLURAL.contains(&lower)
        {
            return match lower {
                "sanctions" => "sanction".into(),
                "talks" => "talk".into(),
                "troops" => "troop".into(),
                "forces" => "force".into(),
                "hostages" => "hostage".into(),
                _ => lower.to_string(),
            };
        }
        // "need", "bring", "proceed": a verb, not an inflection of one
        if (lower.ends_with("ed") || lower.ends_with("ing")) && self.verbs.contains(lower) {
            return lower.to_string();
        }
        if let Some(stem) = lower.strip_suffix("ies") {
            return format!("{stem}y");
        }
        for suffix in ["sses", "shes", "ches", "xes", "zzes"] {
            if lower.ends_with(suffix) {
                return lower[..lower.len() - 2].to_string();
            }
        }
        if lower.ends_with('s')
            && !lower.ends_with("ss")
            && !lower.ends_with("us")
            && !lower.ends_with("is")
        {
            return lower[..lower.len() - 1].to_string();
        }
        if let Some(stem) = lower.strip_suffix("ied") {
            return format!("{stem}y");
        }
        if lower.ends_with("eed")
            && n > 5
            && !matches!(lower, "proceed" | "succeed" | "exceed" | "indeed")
        {
            return lower[..lower.len() - 1].to_string();
        }
        if let Some(stem) = lower.strip_suffix("ed") {
            return self.verb_stem_lemma(stem);
        }
        if let Some(stem) = lower.strip_suffix("ing") {
            if stem.len() >= 3 {
                return self.verb_stem_lemma(stem);
            }
        }
        lower.to_string()
    }

    /// Every form of a verb lemma: base, -s, past, participles, -ing.
    pub fn verb_forms(&self, lemma: &str) -> Vec<String> {
        let mut out = vec![lemma.to_string(), third_person(lemma)];
        let last = lemma.chars().last().unwrap_or(' ');
        let chars: Vec<char> = lemma.chars().collect();
        if let Some(stem) = lemma.strip_suffix('e') {
            out.push(format!("{lemma}d"));
            if !lemma.ends_with("ee") {
                out.push(format!("{stem}ing"));
            } else {
                out.push(format!("{lemma}ing"));
            }
        } else if last == 'y' && chars.len() > 1 && !is_vowel(chars[chars.len() - 2]) {
            out.push(format!("{}ied", &lemma[..lemma.len() - 1]));
            out.push(format!("{lemma}ing"));
        } else {
            out.push(format!("{lemma}ed"));
            out.push(format!("{lemma}ing"));
            // stop -> stopped, commit -> committed, travel -> travelled
            let n = chars.len();
            if n >= 3
                && !is_vowel(last)
                && !matches!(last, 'w' | 'x' | 'y')
                && is_vowel(chars[n - 2])
                && !is_vowel(chars[n - 3])
            {
                out.push(format!("{lemma}{last}ed"));
                out.push(format!("{lemma}{last}ing"));
            }
        }
        if let Some(irr) = self.forms.get(lemma) {
            out.extend(irr.iter().cloned());
        }
        out.sort();
        out.dedup();
        out
    }

    /// A noun lemma and its plurals.
    pub fn noun_forms(&self, lemma: &str) -> Vec<String> {
        let mut out = vec![lemma.to_string(), third_person(lemma)];
        if let Some(irr) = self.noun_forms.get(lemma) {
            out.extend(irr.iter().cloned());
        }
        out.sort();
        out.dedup();
        out
    }
}

fn third_person(lemma: &str) -> String {
    let chars: Vec<char> = lemma.chars().collect();
    let n = chars.len();
    if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
    {
        format!("{lemma}es")
    } else if n > 1 && chars[n - 1] == 'y' && !is_vowel(chars[n - 2]) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    }
}

/// Undoes the spelling changes of -ed/-ing: "stopp" -> "stop", "accus" -> "accuse".
fn restore_stem(stem: &str) -> String {
    let chars: Vec<char> = stem.chars().collect();
    let n = chars.len();
    if n >= 2
        && chars[n - 1] == chars[n - 2]
        && !is_vowel(chars[n - 1])
        && !keeps_double(stem)
        && doubles_when_inflected(&chars[..n - 1])
    {
        return stem[..stem.len() - 1].to_string();
    }
    let needs_e = stem.ends_with('v')
        || stem.ends_with('z')
        || (stem.ends_with('c') && !stem.ends_with("ic"))
        || stem.ends_with("us")
        || stem.ends_with("as")
        || stem.ends_with("os")
        || stem.ends_with("rs")
        || stem.ends_with("ns")
        || stem.ends_with("ls")
        || stem.ends_with("rg")
        || stem.ends_with("dg")
        || stem.ends_with("ng") && n > 4 && stem.ends_with("ang") && !stem.ends_with("hang")
        || stem.ends_with("ut") && n >= 2 && n > 3 && !is_vowel(chars[n - 3])
        || (stem.ends_with("at") && n > 3 && !matches!(chars[n - 3], 'a' | 'e' | 'o'))
        || (stem.ends_with("it") && n > 4 && chars[n - 3] == 'n')
        || stem.ends_with("ir") && n <= 4
        || ((3..=4).contains(&n)
            && !is_vowel(chars[n - 1])
            && !matches!(chars[n - 1], 'w' | 'x' | 'y')
            && is_vowel(chars[n - 2])
            && !is_vowel(chars[n - 3]));
    if needs_e {
        format!("{stem}e")
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irregular_verb_forms_are_the_tables_inflections_of_verbs_only() {
        let forms = irregular_verb_forms();
        for verb in ["withdrew", "withdrawn", "fled", "fought"] {
            assert!(forms.contains(verb), "{verb}");
        }
        // a noun's plural, and no lemma of its own
        for other in ["men", "analyses", "withdraw", "flee"] {
            assert!(!forms.contains(other), "{other}");
        }
    }

    #[test]
    fn regular_and_irregular_lemmas() {
        let l = Lemmatizer::from_table("met\tmeet\tV\nheld\thold\tV\npeople\tperson\tN\n");
        for (form, lemma) in [
            ("met", "meet"),
            ("held", "hold"),
            ("attacked", "attack"),
            ("accused", "accuse"),
            ("urged", "urge"),
            ("stopped", "stop"),
            ("killed", "kill"),
            ("countries", "country"),
            ("talks", "talk"),
            ("news", "news"),
            ("agreed", "agree"),
            ("negotiated", "negotiate"),
            ("treated", "treat"),
            ("released", "release"),
            ("pledged", "pledge"),
            ("announced", "announce"),
            ("visiting", "visit"),
            ("fired", "fire"),
            ("voted", "vote"),
            ("sanctions", "sanction"),
            ("people", "person"),
            ("carried", "carry"),
            // a doubled consonant is undone only where inflection doubles it
            ("added", "add"),
            ("adding", "add"),
            ("planned", "plan"),
            ("referred", "refer"),
            ("equipped", "equip"),
            // verbs the treebank knows, and stems by their last letters
            ("need", "need"),
            ("needed", "need"),
            ("including", "include"),
            ("scheduled", "schedule"),
            ("postponed", "postpone"),
            ("cancelled", "cancel"),
            ("travelled", "travel"),
            ("patrolled", "patrol"),
            ("shelled", "shell"),
            ("hoping", "hope"),
            ("hopping", "hop"),
            ("bring", "bring"),
            ("ridiculed", "ridicule"),
        ] {
            assert_eq!(l.lemma(form), lemma, "{form}");
        }
    }

    #[test]
    fn inflections_cover_common_forms() {
        let l = Lemmatizer::from_table("met\tmeet\tV\n");
        let meet = l.verb_forms("meet");
        for f in ["meet", "meets", "met", "meeting"] {
            assert!(meet.contains(&f.to_string()), "{f}");
        }
        let stop = l.verb_forms("stop");
        assert!(stop.contains(&"stopped".to_string()));
        let accuse = l.verb_forms("accuse");
        assert!(
            accuse.contains(&"accused".to_string()) && accuse.contains(&"accusing".to_string())
        );
        assert!(l.verb_forms("deny").contains(&"denied".to_string()));
        assert!(l.noun_forms("crisis").contains(&"crisis".to_string()));
    }
}
