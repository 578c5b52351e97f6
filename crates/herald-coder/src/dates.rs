//! Date expressions in running text, resolved against the published date:
//! weekdays, "yesterday", "a week ago", "about ten days ago", "last month",
//! "in 2018", "March 2", "2 March 2023", "March 2023".

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use herald_core::{DatePrecision, Doc};
use herald_kb::words::MONTHS;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct DateExpr {
    pub tokens: Range<usize>,
    pub value: String,
    pub precision: DatePrecision,
}

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

/// Whether a word names a month, written out or abbreviated ("Oct.", "Sept").
pub fn is_month(word: &str) -> bool {
    month_of(word).is_some()
}

/// Whether a word names a day of the week ("tuesday", lower-cased).
pub fn is_weekday(word: &str) -> bool {
    weekday_of(word).is_some()
}

/// Whether a lowercased word names a day by itself: a weekday, "today",
/// "yesterday" or "tonight".
pub fn is_day_word(word: &str) -> bool {
    is_weekday(word) || matches!(word, "today" | "yesterday" | "tonight")
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

fn day(d: NaiveDate) -> (String, DatePrecision) {
    (d.format("%Y-%m-%d").to_string(), DatePrecision::Day)
}

/// A date found at a token: how many tokens it covers, its value and its
/// precision.
type Found = (usize, String, DatePrecision);

/// Finds and resolves date expressions; without a published date only
/// absolute ones ("in 2018", "March 2, 2023") resolve.
pub fn find_dates(doc: &Doc, published: Option<NaiveDate>) -> Vec<DateExpr> {
    let lower: Vec<&str> = doc.tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        match date_at(doc, &lower, i, published) {
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

/// The date expression starting at token `i`, if any: the first rule whose
/// opening word fits decides.
fn date_at(doc: &Doc, lower: &[&str], i: usize, published: Option<NaiveDate>) -> Option<Found> {
    let w = lower[i];
    let next = |k: usize| lower.get(i + k).copied().unwrap_or("");
    let prev = if i > 0 { lower[i - 1] } else { "" };
    if let (Some(wd), Some(p)) = (weekday_of(w), published) {
        Some(weekday_date(wd, prev, p))
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
        Some((1, v, pr))
    } else if let Some(m) =
        month_of(w).filter(|_| doc.tokens[i].shape != herald_core::Shape::Lower || w.len() > 3)
    {
        month_first(m, prev, [next(1), next(2), next(3)], published)
    } else if let (Some(d), Some(m)) = (day_number(w), month_of(next(1))) {
        // "2 March", "2 March 2023"
        if doc.tokens[i + 1].shape == herald_core::Shape::Lower {
            return None;
        }
        let year = year_number(next(2));
        let (v, pr) = day(resolve_month_day(year, m, d, published)?);
        Some((if year.is_some() { 3 } else { 2 }, v, pr))
    } else if let Some(y) = year_number(w).filter(|_| {
        matches!(
            prev,
            "in" | "since" | "until" | "of" | "from" | "by" | "during" | "early" | "late"
        )
    }) {
        Some((1, format!("{y:04}"), DatePrecision::Year))
    } else if let Some(p) = published {
        time_ago(w, next, p).or_else(|| last_period(w, next(1), p))
    } else {
        None
    }
}

/// "Monday" is the last one on or before the published day; "next Monday"
/// the one after it; "last Thursday" said on a Thursday is a week back.
fn weekday_date(wd: Weekday, prev: &str, p: NaiveDate) -> Found {
    let back = (p.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64)
        .rem_euclid(7);
    let d = if prev == "next" {
        p + Duration::days(if back == 0 { 7 } else { 7 - back })
    } else if prev == "last" && back == 0 {
        p - Duration::days(7)
    } else {
        p - Duration::days(back)
    };
    let (v, pr) = day(d);
    (1, v, pr)
}

/// A date opening with month `m`: "March 2", "March 2, 2023", "March 2023",
/// "in March" (the words after the month are `after`).
fn month_first(
    m: u32,
    prev: &str,
    after: [&str; 3],
    published: Option<NaiveDate>,
) -> Option<Found> {
    if let Some(d) = day_number(after[0]) {
        let (year, len) = match (after[1], year_number(after[2]), year_number(after[1])) {
            (",", Some(y), _) => (Some(y), 4),
            (_, _, Some(y)) => (Some(y), 3),
            _ => (None, 2),
        };
        let (v, pr) = day(resolve_month_day(year, m, d, published)?);
        Some((len, v, pr))
    } else if let Some(y) = year_number(after[0]) {
        Some((2, format!("{y:04}-{m:02}"), DatePrecision::Month))
    } else if matches!(
        prev,
        "in" | "since" | "until" | "last" | "early" | "late" | "mid"
    ) {
        // the last such month up to the published one ("last March": a year back)
        let p = published?;
        let y = if m > p.month() || prev == "last" && m >= p.month() {
            p.year() - 1
        } else {
            p.year()
        };
        Some((1, format!("{y:04}-{m:02}"), DatePrecision::Month))
    } else {
        None
    }
}

/// "(about|some|nearly) N days|weeks|months|years ago".
fn time_ago<'a>(w: &str, next: impl Fn(usize) -> &'a str, p: NaiveDate) -> Option<Found> {
    let k = usize::from(matches!(
        w,
        "about" | "some" | "nearly" | "almost" | "around" | "roughly" | "over"
    ));
    let n = number_word(next(k))?;
    let unit = next(k + 1).trim_end_matches('s');
    if next(k + 2) != "ago" || !matches!(unit, "day" | "week" | "month" | "year") {
        return None;
    }
    let (v, pr) = match unit {
        "day" => day(p - Duration::days(n)),
        "week" => day(p - Duration::days(7 * n)),
        "month" => {
            let d = p.checked_sub_months(Months::new(n as u32)).unwrap_or(p);
            (d.format("%Y-%m").to_string(), DatePrecision::Month)
        }
        _ => (format!("{:04}", p.year() - n as i32), DatePrecision::Year),
    };
    Some((k + 3, v, pr))
}

/// "last week" (the day a week back), "last month", "last year".
fn last_period(w: &str, unit: &str, p: NaiveDate) -> Option<Found> {
    if w != "last" {
        return None;
    }
    match unit {
        "week" => {
            let (v, pr) = day(p - Duration::days(7));
            Some((2, v, pr))
        }
        "month" => {
            let d = p.checked_sub_months(Months::new(1)).unwrap_or(p);
            Some((2, d.format("%Y-%m").to_string(), DatePrecision::Month))
        }
        "year" => Some((2, format!("{:04}", p.year() - 1), DatePrecision::Year)),
        _ => None,
    }
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
    use crate::testing;

    fn dates(text: &str) -> Vec<(String, &'static str)> {
        let doc = testing::doc(text);
        let p = NaiveDate::from_ymd_opt(2023, 3, 2); // a Thursday
        find_dates(&doc, p)
            .into_iter()
            .map(|d| (d.value, d.precision.as_str()))
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
    fn last_reaches_back_a_full_week_month_or_year() {
        // published on a Thursday in March
        assert_eq!(
            dates("They met last Thursday."),
            [("2023-02-23".into(), "day")]
        );
        assert_eq!(dates("It began last March."), [("2022-03".into(), "month")]);
        assert_eq!(dates("He left last week."), [("2023-02-23".into(), "day")]);
        assert_eq!(
            dates("It ended three months ago."),
            [("2022-12".into(), "month")]
        );
    }

    #[test]
    fn a_day_without_a_year_falls_in_the_year_before_publication() {
        // up to a week ahead is a scheduled day of this year, later is last year's
        assert_eq!(dates("on March 8"), [("2023-03-08".into(), "day")]);
        assert_eq!(dates("on March 20"), [("2022-03-20".into(), "day")]);
        assert_eq!(dates("on 2 March 2021"), [("2021-03-02".into(), "day")]);
        // without a published date only absolute dates resolve
        let doc = testing::doc("He came on Monday, last week, in 2018.");
        let found: Vec<String> = find_dates(&doc, None)
            .into_iter()
            .map(|d| d.value)
            .collect();
        assert_eq!(found, ["2018"]);
    }

    #[test]
    fn non_dates_are_ignored() {
        assert!(dates("He may go. 2018 troops came. 16 years in prison").is_empty());
    }
}
