//! Calendar arithmetic on the proleptic Gregorian calendar: days, weekdays, ISO weeks.

use super::CalDate;

/// Days in a month of the proleptic Gregorian calendar (0 for a month outside 1-12).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl CalDate {
    /// A date, if it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<CalDate> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(CalDate { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> CalDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        CalDate { year, month, day }
    }

    /// This date plus `n` days.
    pub fn add_days(self, n: i64) -> CalDate {
        CalDate::from_days(self.days() + n)
    }

    /// This date plus `n` months, the day clamped to the month's length.
    pub fn add_months(self, n: i32) -> CalDate {
        let total = self.year * 12 + self.month as i32 - 1 + n;
        let year = total.div_euclid(12);
        let month = (total.rem_euclid(12) + 1) as u32;
        CalDate {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// Day of the week, Monday = 1 … Sunday = 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week: (week-year, week number).
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = CalDate {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = (thursday.days() - jan1.days()) / 7 + 1;
        (thursday.year, week as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> CalDate {
        CalDate::new(y, m, day).unwrap()
    }

    #[test]
    fn days_round_trip() {
        for (date, days) in [
            (d(1970, 1, 1), 0),
            (d(2000, 3, 1), 11_017),
            (d(1969, 12, 31), -1),
        ] {
            assert_eq!(date.days(), days, "{date}");
            assert_eq!(CalDate::from_days(days), date);
        }
        let mut x = d(1899, 12, 25);
        for _ in 0..3000 {
            let y = x.add_days(1);
            assert_eq!(y.days(), x.days() + 1);
            x = y;
        }
    }

    #[test]
    fn weekdays_and_weeks() {
        assert_eq!(d(2023, 7, 17).weekday(), 1);
        assert_eq!(d(2003, 2, 17).weekday(), 1);
        assert_eq!(d(1999, 5, 23).weekday(), 7);
        assert_eq!(d(2013, 4, 4).iso_week(), (2013, 14));
        assert_eq!(d(1999, 7, 9).iso_week(), (1999, 27));
        assert_eq!(d(2010, 1, 3).iso_week(), (2009, 53));
        assert_eq!(d(2008, 12, 29).iso_week(), (2009, 1));
    }

    #[test]
    fn month_arithmetic() {
        assert_eq!(d(2023, 7, 17).add_months(-3), d(2023, 4, 17));
        assert_eq!(d(2023, 3, 31).add_months(-1), d(2023, 2, 28));
        assert_eq!(d(2023, 1, 15).add_months(-13), d(2021, 12, 15));
        assert_eq!(CalDate::new(2023, 2, 29), None);
    }
}
