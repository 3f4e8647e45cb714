//! Number formatting for labels, takeaways and descriptions, by hand (no
//! `std::fmt`, which would weigh on the wasm build): rounding to a number of
//! decimals, trailing zeros trimmed, the locale's decimal and group
//! separators. Locale words (units, "bn") arrive with the locales issue; the
//! separators are here so every surface already formats one way.

/// Separators of a locale; chosen by the tag's language subtag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    pub decimal: &'static str,
    pub group: &'static str,
}

pub const EN: Locale = Locale { decimal: ".", group: "," };

impl Locale {
    /// The separators for a BCP 47 tag; unknown languages format as `en-US`.
    pub fn for_tag(tag: &str) -> Locale {
        let language = tag.split('-').next().unwrap_or("");
        match language.to_ascii_lowercase().as_str() {
            "de" => Locale { decimal: ",", group: "." },
            "fr" => Locale { decimal: ",", group: "\u{202f}" },
            "ru" => Locale { decimal: ",", group: "\u{a0}" },
            _ => EN,
        }
    }

    /// `value` rounded to at most `max_decimals` (0..=3) decimals, trailing zeros trimmed,
    /// thousands grouped. Values are expected finite and below 1e15 (the model ensures it).
    pub fn number(&self, value: f64, max_decimals: u32) -> String {
        let decimals = max_decimals.min(3);
        let scale = 10u64.pow(decimals);
        let scaled = (value.abs() * scale as f64).round();
        let scaled = if scaled.is_finite() && scaled < 1.8e19 { scaled as u64 } else { u64::MAX };
        let (whole, mut fraction) = (scaled / scale, scaled % scale);
        let mut fraction_digits = decimals;
        while fraction_digits > 0 && fraction % 10 == 0 {
            fraction /= 10;
            fraction_digits -= 1;
        }
        let mut out = String::new();
        if value < 0.0 && scaled > 0 {
            out.push('-');
        }
        let digits = digits_of(whole);
        for (i, d) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 && whole >= 10_000 {
                out.push_str(self.group);
            }
            out.push(*d as char);
        }
        if fraction_digits > 0 {
            out.push_str(self.decimal);
            let frac = digits_of(fraction);
            for _ in frac.len()..fraction_digits as usize {
                out.push('0');
            }
            out.extend(frac.iter().map(|&d| d as char));
        }
        out
    }

    /// A whole percentage, e.g. `37%`.
    pub fn percent(&self, fraction: f64) -> String {
        let mut out = self.number(fraction * 100.0, 0);
        out.push('%');
        out
    }
}

/// ASCII digits of `n`, most significant first.
fn digits_of(mut n: u64) -> Vec<u8> {
    let mut digits = Vec::new();
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_and_trims() {
        assert_eq!(EN.number(70.0, 1), "70");
        assert_eq!(EN.number(112.65408, 1), "112.7");
        assert_eq!(EN.number(82.076544, 1), "82.1");
        assert_eq!(EN.number(0.05, 1), "0.1");
        assert_eq!(EN.number(0.04, 1), "0");
        assert_eq!(EN.number(53.85, 2), "53.85");
        assert_eq!(EN.number(2.50, 2), "2.5");
        assert_eq!(EN.number(1.05, 2), "1.05");
        assert_eq!(EN.number(-3.0, 0), "-3");
        assert_eq!(EN.number(-0.0001, 1), "0");
    }

    #[test]
    fn groups_thousands_from_five_digits() {
        assert_eq!(EN.number(1234.0, 0), "1234");
        assert_eq!(EN.number(12345.0, 0), "12,345");
        assert_eq!(EN.number(1234567.25, 2), "1,234,567.25");
        assert_eq!(EN.number(1e14, 0), "100,000,000,000,000");
    }

    #[test]
    fn locales_change_separators() {
        let de = Locale::for_tag("de-DE");
        assert_eq!(de.number(112.65408, 1), "112,7");
        assert_eq!(de.number(12345.5, 1), "12.345,5");
        assert_eq!(Locale::for_tag("fr-FR").number(12345.5, 1), "12\u{202f}345,5");
        assert_eq!(Locale::for_tag("ru-RU").number(12345.5, 1), "12\u{a0}345,5");
        assert_eq!(Locale::for_tag("en-GB"), EN);
        assert_eq!(Locale::for_tag("xx-YY"), EN);
    }

    #[test]
    fn percent_is_whole() {
        assert_eq!(EN.percent(70.0 / 51.0 - 1.0), "37%");
        assert_eq!(EN.percent(8.0 / 65.0), "12%");
    }
}
