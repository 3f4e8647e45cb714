//! Number formatting for labels, takeaways and descriptions, by hand (no
//! `std::fmt`, which would weigh on the wasm build): rounding to a number of
//! decimals, trailing zeros trimmed, the locale's decimal and group
//! separators. The words around numbers (units, "bn", "Mrd.") live in
//! [`crate::i18n`]; every surface (canvas, SVG, table, CSV) formats through here.
//!
//! Where this deliberately differs from `Intl.NumberFormat` at its defaults:
//! thousands are grouped only from five digits (`1234` but `12,345`), in every
//! language, as newsroom style books do for four-digit figures and so a year
//! never reads "2,016"; Intl groups four digits in en, de and fr. Negative zero
//! prints as `0`. Otherwise the results agree: the same separators (a narrow
//! no-break space in French, a no-break space in Russian), rounding half away
//! from zero on the double's value, at most four decimals ([`MAX_DECIMALS`]) with
//! trailing zeros trimmed.

/// The most decimals a number is written with (a value of up to 1e15 in ten-thousandths fits a u64).
pub const MAX_DECIMALS: u32 = 4;

/// The fewest decimals, up to [`MAX_DECIMALS`], that write `value` as it is, or
/// `MAX_DECIMALS`: 0.004 needs 3, 53.85 needs 2, a third needs more than there are.
pub fn decimals_needed(value: f64) -> u32 {
    let mut scaled = value.abs();
    for decimals in 0..MAX_DECIMALS {
        if (scaled - scaled.round()).abs() <= 1e-9 * scaled.max(1.0) {
            return decimals;
        }
        scaled *= 10.0;
    }
    MAX_DECIMALS
}

/// `decimals`, or fewer where `largest` in units of its last decimal would reach a
/// double's 2^53 (9e15), past which its digits are not exact.
pub fn fit_decimals(mut decimals: u32, largest: f64) -> u32 {
    let mut reach = largest;
    for _ in 0..decimals {
        reach *= 10.0;
    }
    while decimals > 0 && reach >= 9e15 {
        reach /= 10.0;
        decimals -= 1;
    }
    decimals
}

/// Separators of a locale; chosen by the tag's language subtag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    pub decimal: &'static str,
    pub group: &'static str,
}

pub const EN: Locale = Locale { decimal: ".", group: "," };
/// Numbers for machines: a point, no grouping (CSV, JSON, CSS lengths, messages).
pub const PLAIN: Locale = Locale { decimal: ".", group: "" };

impl Locale {
    /// The separators for a BCP 47 tag; unknown languages format as `en-US`.
    pub fn for_tag(tag: &str) -> Locale {
        let language = split_ascii(tag, b'-').next().unwrap_or("");
        let is = |name: &str| language.eq_ignore_ascii_case(name);
        if is("de") {
            Locale { decimal: ",", group: "." }
        } else if is("fr") {
            Locale { decimal: ",", group: "\u{202f}" }
        } else if is("ru") {
            Locale { decimal: ",", group: "\u{a0}" }
        } else {
            EN
        }
    }

    /// `value` rounded to at most `max_decimals` (0..=4) decimals, trailing zeros trimmed,
    /// thousands grouped. Values are expected finite and at most 1e15 (the model ensures it),
    /// and their digits are exact while `value` in units of its last decimal stays below 2^53
    /// (the model gives a large figure fewer decimals: [`fit_decimals`]).
    pub fn number(&self, value: f64, max_decimals: u32) -> String {
        let decimals = max_decimals.min(MAX_DECIMALS);
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
            if i > 0 && (digits.len() - i).is_multiple_of(3) && whole >= 10_000 {
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
}

/// Parses a plain decimal like `0.79` or `12` (ASCII digits, at most one `.`,
/// at most 15 digits): enough for a rate typed into an attribute, without
/// pulling the general float parser (and its tables) into the wasm build.
pub fn parse_decimal(text: &str) -> Option<f64> {
    parse_decimal_bytes(text.as_bytes())
}

/// [`parse_decimal`] of text as bytes.
pub fn parse_decimal_bytes(text: &[u8]) -> Option<f64> {
    let (whole, fraction) = match text.iter().position(|&b| b == b'.') {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, &text[text.len()..]),
    };
    let all_digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    if whole.len() + fraction.len() == 0 || whole.len() + fraction.len() > 15 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let mut value = 0.0;
    for b in whole.iter().chain(fraction) {
        value = value * 10.0 + (b - b'0') as f64;
    }
    Some(value / 10f64.powi(fraction.len() as i32))
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

/// `text` split at every `separator`, an ASCII byte (so always between characters): what
/// `text.split(c)` gives for an ASCII `c`, without core's generic character searcher (about
/// 0.9 KB of wasm, for the first drawing's few splits: words, language tags, records).
pub fn split_ascii(text: &str, separator: u8) -> AsciiSplit<'_> {
    debug_assert!(separator.is_ascii());
    AsciiSplit { rest: Some(text), separator }
}

/// `text` before and after its first `separator` (an ASCII byte), as `split_once` gives.
pub fn split_once_ascii(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == separator)?;
    Some((&text[..at], &text[at + 1..]))
}

/// The pieces of [`split_ascii`].
pub struct AsciiSplit<'a> {
    rest: Option<&'a str>,
    separator: u8,
}

impl<'a> Iterator for AsciiSplit<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match split_once_ascii(rest, self.separator) {
            Some((piece, after)) => {
                self.rest = Some(after);
                Some(piece)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// The number of characters (Unicode scalar values) in `text`: what
/// `text.chars().count()` gives, without its 0.5 KB of unrolled wasm.
pub fn char_count(text: &str) -> usize {
    text.bytes().filter(|byte| byte & 0xc0 != 0x80).count()
}

/// Joining text, for the whole crate: `[a, b].cat()`, `items.joined("; ")`.
/// The standard `concat`/`join` share a generic copy routine that costs the
/// wasm about 1 KB per element type; these plain loops cost a tenth of that.
pub trait Join {
    /// The parts one after another.
    fn cat(&self) -> String {
        self.joined("")
    }
    /// The parts with `separator` between them.
    fn joined(&self, separator: &str) -> String;
}

impl<S: AsRef<str>> Join for [S] {
    fn joined(&self, separator: &str) -> String {
        let mut out = String::new();
        for (i, part) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            out.push_str(part.as_ref());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_splits_split_as_str_does() {
        for text in ["", "a", "-", "en-GB", "-a--b-", "Prop\u{e9}s\u{e9} tunnel \u{2014} 70", "\u{1f}x\u{1e}"] {
            for separator in [b'-', b' ', b'\x1e'] {
                let ours: Vec<&str> = split_ascii(text, separator).collect();
                let std: Vec<&str> = text.split(separator as char).collect();
                assert_eq!(ours, std, "{text:?} at {separator}");
                assert_eq!(split_once_ascii(text, separator), text.split_once(separator as char), "{text:?} at {separator}");
            }
        }
    }

    #[test]
    fn char_count_counts_characters() {
        for text in ["", "abc", "«é»", "Тоннель", "a\u{1f600}b"] {
            assert_eq!(char_count(text), text.chars().count(), "{text}");
        }
    }

    #[test]
    fn join_and_cat() {
        assert_eq!(["a", "b", "c"].cat(), "abc");
        assert_eq!([String::from("x"), String::from("y")].joined("; "), "x; y");
        assert_eq!(Vec::<String>::new().joined(","), "");
    }

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
        assert_eq!(EN.number(0.0004, 4), "0.0004");
        let needed: Vec<u32> = [0.0, 70.0, 53.85, 57.1, 0.004, 0.0004, 1.0 / 3.0, 1e15, 0.1 + 0.2].into_iter().map(decimals_needed).collect();
        assert_eq!(needed, [0, 0, 2, 1, 3, 4, 4, 0, 1]);
        assert_eq!(EN.number(0.00004, 9), "0", "at most four decimals");
        assert_eq!(EN.number(123456789012.3456, 4), "123,456,789,012.3456");
        assert_eq!(fit_decimals(4, 1.5), 4);
        assert_eq!(fit_decimals(4, 1e15 + 0.5), 0, "no digits a double does not hold");
        assert_eq!(fit_decimals(4, 1e12), 3);
        assert_eq!(fit_decimals(2, 0.0), 2);
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
        assert_eq!(Locale::for_tag("DE-at"), de);
        assert_eq!(Locale::for_tag("Ru"), Locale::for_tag("ru-RU"));
        assert_eq!(Locale::for_tag("d"), EN);
        assert_eq!(Locale::for_tag("fra"), EN);
    }

    #[test]
    fn parses_plain_decimals_only() {
        assert_eq!(parse_decimal("0.79"), Some(0.79));
        assert_eq!(parse_decimal("12"), Some(12.0));
        assert_eq!(parse_decimal(".5"), Some(0.5));
        assert_eq!(parse_decimal("3."), Some(3.0));
        for bad in ["", ".", "1.2.3", "-1", "1e3", "NaN", "inf", " 1", "0x10", "1234567890123456"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }
}
