//! Date expressions in running text, resolved against the published date:
//! weekdays, "yesterday", "a week ago", "about ten days ago", "last month",
//! "in 2018", "March 2", "2 March 2023", "March 2023".

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use herald_core::Doc;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct DateExpr {
    pub tokens: Range<usize>,
    pub value: String,
    /// "day", "month" or "year"
    pub precision: &'static str,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some(i as u32 + 1);
    }
    let abbrev = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if word.ends_with('.') || w == "sept" {
        let w = if w == "sept" { "sep" } else { w };
        return abbrev.iter().position(|m| *m == w).map(|i| i as u32 + 1);
    }
    None
}

fn weekday_of(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn number_word(word: &str) -> Option<i64> {
    if let Ok(n) = word.parse::<i64>() {
        return Some(n);
    }
    Some(match word {
        "a" | "an" | "one" => 1,
        "two" | "couple" => 2,
        "three" | "few" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        _ => return None,
    })
}

fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<i32> {
    word.parse::<i32>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
}

fn day(d: NaiveDate) -> (String, &'static str) {
    (d.format("%Y-%m-%d").to_string(), "day")
}

/// Finds and resolves date expressions; without a published date only
/// absolute ones ("in 2018", "March 2, 2023") resolve.
pub fn find_dates(doc: &Doc, published: Option<NaiveDate>) -> Vec<DateExpr> {
    let lower: Vec<&str> = doc.tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        let w = lower[i];
        let next = |k: usize| lower.get(i + k).copied().unwrap_or("");
        let prev = if i > 0 { lower[i - 1] } else { "" };
        let mut found: Option<(usize, String, &'static str)> = None;
        if let (Some(wd), Some(p)) = (weekday_of(w), published) {
            let back = (p.weekday().num_days_from_monday() as i64
                - wd.num_days_from_monday() as i64)
                .rem_euclid(7);
            let d = if prev == "next" {
                p + Duration::days(if back == 0 { 7 } else { 7 - back })
            } else if prev == "last" && back == 0 {
                p - Duration::days(7)
            } else {
                p - Duration::days(back)
            };
            let (v, pr) = day(d);
            found = Some((1, v, pr));
        } else if let (Some(p), true) = (
            published,
            matches!(w, "yesterday" | "today" | "tonight" | "tomorrow"),
        ) {
            let d = match w {
                "yesterday" => p - Duration::days(1),
                "tomorrow" => p + Duration::days(1),
                _ => p,
            };
            let (v, pr) = day(d);
            found = Some((1, v, pr));
        } else if let Some(m) =
            month_of(w).filter(|_| doc.tokens[i].shape != herald_core::Shape::Lower || w.len() > 3)
        {
            // "March 2", "March 2, 2023", "March 2023", "in March"
            if w == "may" && doc.tokens[i].shape == herald_core::Shape::Lower {
                i += 1;
                continue;
            }
            if let Some(d) = day_number(next(1)) {
                let (year, len) = match (next(2), year_number(next(3)), year_number(next(2))) {
                    (",", Some(y), _) => (Some(y), 4),
                    (_, _, Some(y)) => (Some(y), 3),
                    _ => (None, 2),
                };
                if let Some(date) = resolve_month_day(year, m, d, published) {
                    let (v, pr) = day(date);
                    found = Some((len, v, pr));
                }
            } else if let Some(y) = year_number(next(1)) {
                found = Some((2, format!("{y:04}-{m:02}"), "month"));
            } else if matches!(
                prev,
                "in" | "since" | "until" | "last" | "early" | "late" | "mid"
            ) {
                if let Some(p) = published {
                    let y = if m > p.month() || prev == "last" && m >= p.month() {
                        p.year() - 1
                    } else {
                        p.year()
                    };
                    found = Some((1, format!("{y:04}-{m:02}"), "month"));
                }
            }
        } else if let (Some(d), Some(m)) = (day_number(w), month_of(next(1))) {
            // "2 March", "2 March 2023"
            if doc.tokens[i + 1].shape != herald_core::Shape::Lower {
                let year = year_number(next(2));
                if let Some(date) = resolve_month_day(year, m, d, published) {
                    let (v, pr) = day(date);
                    found = Some((if year.is_some() { 3 } else { 2 }, v, pr));
                }
            }
        } else if let Some(y) = year_number(w).filter(|_| {
            matches!(
                prev,
                "in" | "since" | "until" | "of" | "from" | "by" | "during" | "early" | "late"
            )
        }) {
            found = Some((1, format!("{y:04}"), "year"));
        } else if let Some(p) = published {
            // "(about|some|nearly) N days|weeks|months|years ago", "last week|month|year"
            let mut k = 0;
            if matches!(
                w,
                "about" | "some" | "nearly" | "almost" | "around" | "roughly" | "over"
            ) {
                k = 1;
            }
            if let (Some(n), unit) = (number_word(next(k)), next(k + 1)) {
                let unit = unit.trim_end_matches('s');
                if next(k + 2) == "ago" && matches!(unit, "day" | "week" | "month" | "year") {
                    let (v, pr) = match unit {
                        "day" => day(p - Duration::days(n)),
                        "week" => day(p - Duration::days(7 * n)),
                        "month" => {
                            let d = p.checked_sub_months(Months::new(n as u32)).unwrap_or(p);
                            (d.format("%Y-%m").to_string(), "month")
                        }
                        _ => (format!("{:04}", p.year() - n as i32), "year"),
                    };
                    found = Some((k + 3, v, pr));
                }
            }
            if found.is_none() && w == "last" {
                match next(1) {
                    "week" => {
                        let (v, pr) = day(p - Duration::days(7));
                        found = Some((2, v, pr));
                    }
                    "month" => {
                        let d = p.checked_sub_months(Months::new(1)).unwrap_or(p);
                        found = Some((2, d.format("%Y-%m").to_string(), "month"));
                    }
                    "year" => found = Some((2, format!("{:04}", p.year() - 1), "year")),
                    _ => {}
                }
            }
        }
        match found {
            Some((len, value, precision)) => {
                out.push(DateExpr {
                    tokens: i..i + len,
                    value,
                    precision,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// A month and day without a year fall within a year before the published
/// date (allowing a week ahead for scheduled events).
fn resolve_month_day(
    year: Option<i32>,
    m: u32,
    d: u32,
    published: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match (year, published) {
        (Some(y), _) => NaiveDate::from_ymd_opt(y, m, d),
        (None, Some(p)) => {
            let this = NaiveDate::from_ymd_opt(p.year(), m, d)?;
            if this > p + Duration::days(7) {
                NaiveDate::from_ymd_opt(p.year() - 1, m, d)
            } else {
                Some(this)
            }
        }
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_nlp::Nlp;

    fn dates(text: &str) -> Vec<(String, &'static str)> {
        let doc = Nlp::new().analyze(text);
        let p = NaiveDate::from_ymd_opt(2023, 3, 2); // a Thursday
        find_dates(&doc, p)
            .into_iter()
            .map(|d| (d.value, d.precision))
            .collect()
    }

    #[test]
    fn relative_dates_resolve_against_published() {
        assert_eq!(
            dates("what the UN asked for a week ago"),
            [("2023-02-23".into(), "day")]
        );
        assert_eq!(dates("about ten days ago"), [("2023-02-20".into(), "day")]);
        assert_eq!(
            dates("He met him on Monday."),
            [("2023-02-27".into(), "day")]
        );
        assert_eq!(
            dates("They talk on Thursday."),
            [("2023-03-02".into(), "day")]
        );
        assert_eq!(
            dates("He will go next Monday."),
            [("2023-03-06".into(), "day")]
        );
        assert_eq!(dates("yesterday"), [("2023-03-01".into(), "day")]);
        assert_eq!(dates("last month"), [("2023-02".into(), "month")]);
        assert_eq!(dates("last year"), [("2022".into(), "year")]);
        assert_eq!(dates("two years ago"), [("2021".into(), "year")]);
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            dates("arrested in 2018 and sentenced in 2020"),
            [("2018".into(), "year"), ("2020".into(), "year")]
        );
        assert_eq!(dates("on March 2, 2021"), [("2021-03-02".into(), "day")]);
        assert_eq!(dates("on 5 January"), [("2023-01-05".into(), "day")]);
        assert_eq!(dates("on Dec. 20"), [("2022-12-20".into(), "day")]);
        assert_eq!(dates("in March 2022"), [("2022-03".into(), "month")]);
        assert_eq!(dates("in November"), [("2022-11".into(), "month")]);
    }

    #[test]
    fn non_dates_are_ignored() {
        assert!(dates("He may go. 2018 troops came. 16 years in prison").is_empty());
    }
}
