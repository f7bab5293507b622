//! Normalisation: from an [`Expr`] to a TIMEX3 value, against the document date and the
//! narrative context. The rules are described in the module doc of [`super`].

use super::CalDate;
use super::grammar::{Dir, Expr, Found, YearRef};
use super::words::Unit;
use crate::recognize::{Label, Timex};
use crate::text::push_padded;

/// How many sentences an explicit year, or a day, stays the narrative's context.
pub const CONTEXT_SENTENCES: usize = 3;

/// How many months after the document's month a month without a year may be and still be in
/// the document's year ("juin" in an article of May is this June; "septembre" in an article of
/// February is last September).
pub const MONTHS_AHEAD: i32 = 2;

/// What normalisation remembers while it reads a document.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// The document date.
    pub doc: Option<CalDate>,
    /// The sentence being read.
    pub sentence: usize,
    /// The last explicit year, its sentence, and whether it opened its sentence.
    year: Option<(i32, usize, bool)>,
    /// The last full day, and its sentence.
    day: Option<(CalDate, usize)>,
}

impl State {
    /// A state for a document.
    pub fn new(doc: Option<CalDate>) -> State {
        State {
            doc,
            ..State::default()
        }
    }

    /// The narrative's year, when it differs from the document's: the last explicit year, if
    /// it opened its sentence ("Fin novembre 2022, …") at most [`CONTEXT_SENTENCES`] sentences
    /// back, or is in the same sentence.
    fn context_year(&self) -> Option<i32> {
        let (y, s, frame) = self.year?;
        let near = s == self.sentence || (frame && self.sentence - s <= CONTEXT_SENTENCES);
        (near && Some(y) != self.doc.map(|d| d.year)).then_some(y)
    }

    /// The day the narrative is at: the last full day mentioned nearby, or the document date.
    fn anchor(&self) -> Option<CalDate> {
        match self.day {
            Some((d, s)) if self.sentence - s <= CONTEXT_SENTENCES => Some(d),
            _ => self.doc,
        }
    }

    /// The year of a month without one.
    fn year_of_month(&self, month: u32, rel: Option<i32>) -> Option<i32> {
        if rel.is_none() {
            if let Some(y) = self.context_year() {
                return Some(y);
            }
        }
        let doc = self.doc?;
        let delta = month as i32 - doc.month as i32;
        Some(match rel {
            Some(-1) => doc.year - i32::from(delta >= 0),
            Some(1) => doc.year + i32::from(delta <= 0),
            Some(_) => doc.year,
            None if delta > MONTHS_AHEAD => doc.year - 1,
            None if delta < MONTHS_AHEAD - 11 => doc.year + 1,
            None => doc.year,
        })
    }

    /// The year of a day and month without one.
    fn year_of_day(&self, month: u32, day: u32, rel: Option<i32>) -> Option<i32> {
        let doc = self.doc;
        match (rel, doc) {
            (Some(-1), Some(doc)) => {
                Some(doc.year - i32::from((month, day) >= (doc.month, doc.day)))
            }
            (Some(1), Some(doc)) => {
                Some(doc.year + i32::from((month, day) <= (doc.month, doc.day)))
            }
            _ => self.year_of_month(month, rel),
        }
    }

    fn resolve_year(&self, y: &YearRef) -> Option<i32> {
        match *y {
            YearRef::Explicit(y) => Some(y),
            YearRef::Doc(off) => self.doc.map(|d| d.year + off),
            YearRef::Context => match self.year {
                Some((y, s, _)) if self.sentence - s <= CONTEXT_SENTENCES => Some(y),
                _ => self.doc.map(|d| d.year),
            },
            YearRef::None => None,
        }
    }

    /// Resolve one expression to a label, a TIMEX3 value and the day it names (if it names
    /// one), and update the context. `frame`: the expression opens its sentence.
    pub fn resolve(&mut self, f: &Found, frame: bool) -> (Label, Timex, Option<CalDate>) {
        if let Expr::Duration(v) = &f.expr {
            let t = Timex {
                value: v.clone(),
                modifier: f.modifier.clone(),
            };
            return (Label::Duration, t, None);
        }
        let (value, day) = self.value(&f.expr);
        // Context: explicit years and days.
        if let Some(y) = explicit_year(&f.expr) {
            self.year = Some((y, self.sentence, frame));
        }
        if let Some(d) = day {
            self.day = Some((d, self.sentence));
        }
        (Label::Date, decorate(value, day, f), day)
    }

    /// The value of an anchored expression (a clock time, "la nuit") on a given day.
    pub fn on_day(f: &Found, day: CalDate) -> Timex {
        decorate(date_string(day), Some(day), f)
    }

    /// The value, and the day it names when it names one.
    fn value(&self, e: &Expr) -> (String, Option<CalDate>) {
        let yyyy = |y: Option<i32>| {
            let mut s = String::with_capacity(10);
            push_year(&mut s, y);
            s
        };
        match e {
            Expr::Cal {
                year,
                month,
                day,
                weekday,
                rel,
            } => {
                let Some(m) = *month else {
                    return (yyyy(self.resolve_year(year)), None);
                };
                let y = match (year, *day) {
                    (YearRef::None, Some(d)) => {
                        let y = self.year_of_day(m, d, *rel);
                        // A weekday written with the date picks the year it falls in: the
                        // narrative's or the document's year, or one next to them.
                        let doc_y = self.doc.map(|doc| {
                            let no_context = State {
                                year: None,
                                ..self.clone()
                            };
                            no_context.year_of_day(m, d, *rel).unwrap_or(doc.year)
                        });
                        match (y, weekday) {
                            (Some(y), Some(wd)) => [Some(y), doc_y]
                                .into_iter()
                                .flatten()
                                .flat_map(|c| [c, c - 1, c + 1])
                                .find(|&c| {
                                    CalDate::new(c, m, d).is_some_and(|x| x.weekday() == *wd)
                                })
                                .or(Some(y)),
                            _ => y,
                        }
                    }
                    (YearRef::None, None) => self.year_of_month(m, *rel),
                    _ => self.resolve_year(year),
                };
                match *day {
                    Some(d) => {
                        let date = y.and_then(|y| CalDate::new(y, m, d));
                        let mut v = yyyy(y);
                        v.push('-');
                        push_padded(&mut v, m.into(), 2);
                        v.push('-');
                        push_padded(&mut v, d.into(), 2);
                        (v, date)
                    }
                    None => {
                        let mut v = yyyy(y);
                        v.push('-');
                        push_padded(&mut v, m.into(), 2);
                        (v, None)
                    }
                }
            }
            Expr::Period { year, unit, n } => {
                let (max, code) = if *unit == Unit::Quarter {
                    (4, "Q")
                } else {
                    (2, "H")
                };
                let n = if *n < 0 { max } else { *n };
                let first_month = (n - 1) * (12 / max) + 1;
                let y = match year {
                    YearRef::None => self.year_of_month(first_month as u32, None),
                    y => self.resolve_year(y),
                };
                (format!("{}-{code}{n}", yyyy(y)), None)
            }
            Expr::MonthWeek { year, month, n } => {
                let y = match year {
                    YearRef::None => self.year_of_month(*month, None),
                    y => self.resolve_year(y),
                };
                match y.and_then(|y| nth_thursday(y, *month, *n)) {
                    Some(t) => {
                        let (wy, w) = t.iso_week();
                        (format!("{wy:04}-W{w:02}"), None)
                    }
                    None => (format!("{}-{month:02}-W{n}", yyyy(y)), None),
                }
            }
            Expr::Season { year, code, rel } => {
                let start = match code.as_str() {
                    "SP" => 3,
                    "SU" => 6,
                    "FA" => 9,
                    _ => 12,
                };
                let y = match (year, rel, self.doc) {
                    (YearRef::None, Some(r), Some(doc)) => Some(match r {
                        -1 => doc.year - i32::from(start >= doc.month),
                        1 => doc.year + i32::from(start <= doc.month),
                        _ => doc.year,
                    }),
                    (YearRef::None, _, _) => self.context_year(),
                    (y, _, _) => self.resolve_year(y),
                };
                (format!("{}-{code}", yyyy(y)), None)
            }
            Expr::RelUnit { unit, offset } => {
                let Some(doc) = self.doc else {
                    return (unknown(*unit), None);
                };
                match unit {
                    Unit::Year => (format!("{:04}", doc.year + offset), None),
                    Unit::Month => {
                        let d = doc.add_months(*offset);
                        (format!("{:04}-{:02}", d.year, d.month), None)
                    }
                    Unit::Week => {
                        let (wy, w) = doc.add_days(7 * i64::from(*offset)).iso_week();
                        (format!("{wy:04}-W{w:02}"), None)
                    }
                    Unit::Weekend => {
                        // "ce week-end" early in the week is the one just past.
                        let back = if *offset == 0 && doc.weekday() <= 3 {
                            -7
                        } else {
                            0
                        };
                        let d = doc.add_days(7 * i64::from(*offset) + back);
                        let (wy, w) = d.iso_week();
                        (format!("{wy:04}-W{w:02}-WE"), None)
                    }
                    Unit::Quarter => {
                        let q = (doc.year * 4 + (doc.month as i32 - 1) / 3) + offset;
                        (
                            format!("{:04}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1),
                            None,
                        )
                    }
                    Unit::Half => {
                        let h = (doc.year * 2 + (doc.month as i32 - 1) / 6) + offset;
                        (
                            format!("{:04}-H{}", h.div_euclid(2), h.rem_euclid(2) + 1),
                            None,
                        )
                    }
                    _ => {
                        let d = doc.add_days(i64::from(*offset));
                        (date_string(d), Some(d))
                    }
                }
            }
            Expr::RelDay(n) => match self.doc {
                Some(doc) => {
                    let d = doc.add_days(i64::from(*n));
                    (date_string(d), Some(d))
                }
                None => ("XXXX-XX-XX".to_string(), None),
            },
            Expr::Weekday { day, dir } => match self.doc {
                Some(doc) => {
                    let d = weekday_date(doc, *day, *dir);
                    (date_string(d), Some(d))
                }
                None => (format!("XXXX-WXX-{day}"), None),
            },
            Expr::Ago { n, unit } => {
                let (Some(n), Some(doc)) = (n, self.doc) else {
                    return ("PAST_REF".to_string(), None);
                };
                let whole = n.floor() as i32;
                let months = |m: i32| {
                    let d = doc.add_months(-m);
                    (format!("{:04}-{:02}", d.year, d.month), None)
                };
                match unit {
                    Unit::Year => (format!("{:04}", doc.year - whole), None),
                    Unit::Decade => (format!("{:04}", doc.year - 10 * whole), None),
                    Unit::Century => (format!("{:04}", doc.year - 100 * whole), None),
                    Unit::Month => months(whole),
                    Unit::Quarter => months(3 * whole),
                    Unit::Half => months(6 * whole),
                    Unit::Week | Unit::Weekend => {
                        let d = doc.add_days(-7 * i64::from(whole));
                        (date_string(d), Some(d))
                    }
                    Unit::Day => {
                        let d = doc.add_days(-i64::from(whole));
                        (date_string(d), Some(d))
                    }
                    _ => (date_string(doc), Some(doc)),
                }
            }
            Expr::Anchor => match self.anchor() {
                Some(d) => (date_string(d), Some(d)),
                None => ("XXXX-XX-XX".to_string(), None),
            },
            Expr::Decade(d) => (format!("{d:03}"), None),
            Expr::Range(a, b) => {
                let (a, _) = self.value(a);
                let (b, _) = self.value(b);
                (format!("{a}/{b}"), None)
            }
            Expr::Ref(r) => (r.clone(), None),
            Expr::Duration(v) => (v.clone(), None),
        }
    }
}

/// Push a year as four digits at least (`{y:04}`), or XXXX when unknown.
fn push_year(out: &mut String, y: Option<i32>) {
    match y {
        None => out.push_str("XXXX"),
        Some(y) => match u64::try_from(y) {
            Ok(y) => push_padded(out, y, 4),
            // A negative year: rare enough for `format!`.
            Err(_) => out.push_str(&format!("{y:04}")),
        },
    }
}

/// `d.to_string()` ([`CalDate`]'s `Display`: YYYY-MM-DD).
fn date_string(d: CalDate) -> String {
    let mut v = String::with_capacity(10);
    push_year(&mut v, Some(d.year));
    v.push('-');
    push_padded(&mut v, d.month.into(), 2);
    v.push('-');
    push_padded(&mut v, d.day.into(), 2);
    v
}

/// Add the part of the day and the clock time to a value.
fn decorate(mut value: String, day: Option<CalDate>, f: &Found) -> Timex {
    if let Some(p) = &f.part {
        if day.is_some() || value.len() == 10 {
            value.push('T');
            value.push_str(p);
        }
    }
    if let Some(c) = &f.clock {
        value.push('T');
        push_padded(&mut value, c.hour.into(), 2);
        value.push(':');
        push_padded(&mut value, c.minute.into(), 2);
        value.push_str(c.zone.as_deref().unwrap_or(""));
    }
    Timex {
        value,
        modifier: f.modifier.clone(),
    }
}

/// The explicit year an expression writes, if any (the last one, for a range).
fn explicit_year(e: &Expr) -> Option<i32> {
    match e {
        Expr::Cal {
            year: YearRef::Explicit(y),
            ..
        }
        | Expr::Period {
            year: YearRef::Explicit(y),
            ..
        }
        | Expr::MonthWeek {
            year: YearRef::Explicit(y),
            ..
        }
        | Expr::Season {
            year: YearRef::Explicit(y),
            ..
        } => Some(*y),
        Expr::Range(a, b) => explicit_year(b).or_else(|| explicit_year(a)),
        _ => None,
    }
}

fn unknown(unit: Unit) -> String {
    match unit {
        Unit::Year => "XXXX".into(),
        Unit::Month => "XXXX-XX".into(),
        Unit::Week | Unit::Weekend => "XXXX-WXX".into(),
        _ => "XXXX-XX-XX".into(),
    }
}

/// The weekday `day` (Monday = 1) that `dir` designates around `doc`.
fn weekday_date(doc: CalDate, day: u32, dir: Dir) -> CalDate {
    let back = i64::from((doc.weekday() + 7 - day) % 7);
    let ahead = i64::from((day + 7 - doc.weekday()) % 7);
    match dir {
        Dir::Past => doc.add_days(-back),
        Dir::Last => doc.add_days(-if back == 0 { 7 } else { back }),
        Dir::Next => doc.add_days(if ahead == 0 { 7 } else { ahead }),
        Dir::Future => doc.add_days(ahead),
        Dir::This if ahead <= back => doc.add_days(ahead),
        Dir::This => doc.add_days(-back),
    }
}

/// The n-th Thursday of a month (n = -1: the last): the n-th week of the month is the ISO
/// week that holds it (ISO 8601's own rule for the first week of a year, applied to a month).
fn nth_thursday(year: i32, month: u32, n: i32) -> Option<CalDate> {
    let first = CalDate::new(year, month, 1)?;
    let first_thu = first.add_days(i64::from((4 + 7 - first.weekday()) % 7));
    let d = if n < 0 {
        let mut t = first_thu;
        while t.add_days(7).month == month {
            t = t.add_days(7);
        }
        t
    } else {
        first_thu.add_days(7 * i64::from(n - 1))
    };
    (d.month == month).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_numbers_and_dates_are_those_of_format() {
        for n in [
            0u64,
            1,
            9,
            10,
            99,
            100,
            999,
            1000,
            2015,
            9999,
            10000,
            123456,
            u64::MAX,
        ] {
            for width in 0..6 {
                let mut s = String::new();
                push_padded(&mut s, n, width);
                assert_eq!(s, format!("{n:0width$}"));
            }
        }
        for y in [
            -2015,
            -5,
            0,
            7,
            98,
            999,
            1000,
            2015,
            9999,
            10000,
            i32::MAX,
            i32::MIN,
        ] {
            let mut s = String::new();
            push_year(&mut s, Some(y));
            assert_eq!(s, format!("{y:04}"));
            for (m, d) in [(1, 1), (2, 28), (12, 31), (7, 9)] {
                let date = CalDate {
                    year: y,
                    month: m,
                    day: d,
                };
                assert_eq!(date_string(date), date.to_string());
            }
        }
        let mut s = String::new();
        push_year(&mut s, None);
        assert_eq!(s, "XXXX");
    }
}
