//! Published dates from metadata: ISO 8601, RFC 2822, and written-out dates.

use chrono::{DateTime, NaiveDate};

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// Parses a published date as found in metadata into `YYYY-MM-DD`.
/// Returns None when it cannot be read; callers warn.
pub fn parse_published(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive().to_string());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive().to_string());
    }
    // "2023-03-02", "2023-03-02T10:00", "2023/03/02 10:00"
    let head: String = s.chars().take(10).collect::<String>().replace('/', "-");
    if let Ok(d) = NaiveDate::parse_from_str(&head, "%Y-%m-%d") {
        return Some(d.to_string());
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y%m%d") {
            return Some(d.to_string());
        }
    }
    // "March 2, 2023", "2 March 2023", "Thu, Mar 2 2023"
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for w in &words {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        if let Some(m) = month_number(w)
            .filter(|_| month.is_none() && w.chars().all(|c| c.is_alphabetic() || c == '.'))
        {
            month = Some(m);
        } else if let Ok(n) = digits.parse::<u32>() {
            if n >= 1000 && year.is_none() {
                year = Some(n as i32);
            } else if (1..=31).contains(&n) && day.is_none() {
                day = Some(n);
            }
        }
    }
    NaiveDate::from_ymd_opt(year?, month?, day?).map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_metadata_formats() {
        assert_eq!(
            parse_published("2023-03-02T09:30:00+05:30").as_deref(),
            Some("2023-03-02")
        );
        assert_eq!(parse_published("2023-03-02").as_deref(), Some("2023-03-02"));
        assert_eq!(
            parse_published("Thu, 02 Mar 2023 10:00:00 GMT").as_deref(),
            Some("2023-03-02")
        );
        assert_eq!(
            parse_published("March 2, 2023").as_deref(),
            Some("2023-03-02")
        );
        assert_eq!(
            parse_published("2 March 2023").as_deref(),
            Some("2023-03-02")
        );
        assert_eq!(parse_published("20230302").as_deref(), Some("2023-03-02"));
    }

    #[test]
    fn garbage_is_none() {
        assert_eq!(parse_published("yesterday-ish"), None);
        assert_eq!(parse_published("2023-13-45"), None);
        assert_eq!(parse_published(""), None);
    }
}
