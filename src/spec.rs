//! Input as the page gives it, and the validated display options.
//!
//! Two stages, ripgrep-style: [`RawOptions`] and [`RawSpec`] mirror the data
//! attributes and the child JSON as closely as possible (every field is a
//! plain string or number); [`Options::from_raw`] turns the options into
//! closed enums with a specific message for each value that is not allowed.
//! The spec is validated into a chart by [`crate::model`].

use crate::error::{ChartError, ErrorKind};
use crate::format::{split_ascii, Join};

/// Display options exactly as given: data attributes (without `data-`,
/// camelCased as in `dataset`) or the object passed to `render`.
/// Every value is a string; unknown keys are ignored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawOptions {
    pub chart: Option<String>,
    pub units: Option<String>,
    pub currency: Option<String>,
    pub locale: Option<String>,
    pub theme: Option<String>,
    pub gbp_per_usd: Option<String>,
}

/// A custom chart specification (the child `<script type="application/json">`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawSpec {
    pub title: Option<String>,
    pub bars: Option<Vec<RawBar>>,
    /// Unit written after each value, e.g. `"mi"`, `"bn"`.
    pub unit: Option<String>,
    /// Written before each value, e.g. `"$"`.
    pub prefix: Option<String>,
    pub note: Option<String>,
    pub source: Option<String>,
    /// A link to the source: an `https://` address only.
    pub source_url: Option<String>,
    /// The editor's own one-line takeaway, in place of the one computed from the numbers.
    pub takeaway: Option<String>,
}

/// One bar of a custom specification.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawBar {
    pub label: Option<String>,
    pub value: Option<f64>,
    pub qualifier: Option<String>,
}

/// Which built-in chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Proposed tunnel length against the strait's narrowest width.
    Length,
    /// Claimed cost against the "traditional" cost.
    Cost,
    /// The proposed tunnel beside the longest rail tunnels built.
    Context,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Units {
    Miles,
    Kilometres,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    Usd,
    Gbp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeChoice {
    /// Follow the reader's `prefers-color-scheme`.
    Auto,
    Light,
    Dark,
}

/// Validated display options.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub chart: ChartKind,
    pub units: Units,
    pub currency: Currency,
    /// A syntactically valid BCP 47 tag (formatting by [`crate::format::Locale`]).
    pub locale: String,
    pub theme: ThemeChoice,
    /// Pounds per US dollar, set by the publisher; never invented.
    pub gbp_per_usd: Option<f64>,
}

/// The rates `data-gbp-per-usd` may give. Pounds per US dollar have stayed between about
/// 0.4 and 0.95 for fifty years; a figure outside 0.2 to 2 is a slip (7.9 or 0.079 for
/// 0.79), which would draw every figure wrong under the publisher's own name.
pub const GBP_PER_USD_LEAST: f64 = 0.2;
pub const GBP_PER_USD_MOST: f64 = 2.0;

pub const CHART_NAMES: &str = "\"length\", \"cost\" or \"context\"";
/// Every built-in chart, in the order the names above give them.
pub const CHART_KINDS: [ChartKind; 3] = [ChartKind::Length, ChartKind::Cost, ChartKind::Context];

impl ChartKind {
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Length => "length",
            ChartKind::Cost => "cost",
            ChartKind::Context => "context",
        }
    }
}

fn bad_option(attribute: &str, value: &str, allowed: &str) -> ChartError {
    bad_value(ErrorKind::BadOption, attribute, value, allowed)
}

/// `attribute="value" is not allowed: use …`, as an error of `kind`.
fn bad_value(kind: ErrorKind, attribute: &str, value: &str, allowed: &str) -> ChartError {
    ChartError::new(kind, &[attribute, "=\"", &clip(value, 40), "\" is not allowed: use ", allowed, "."])
}

/// At most `max` characters of `text`, with an ellipsis when cut (for quoting input in messages).
pub fn clip(text: &str, max: usize) -> String {
    // Where character `max` starts: the byte that is the start of a character for the
    // `max + 1`-th time (what `char_indices().nth(max)` finds, in less wasm).
    let mut starts = text.bytes().enumerate().filter(|(_, byte)| byte & 0xc0 != 0x80);
    match starts.nth(max) {
        Some((at, _)) => [&text[..at], "…"].cat(),
        None => text.to_string(),
    }
}

/// A present, non-blank option value, trimmed of ASCII whitespace (what attributes hold).
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim_ascii).filter(|v| !v.is_empty())
}

impl Options {
    /// Validates every option; the first problem found is reported.
    pub fn from_raw(raw: &RawOptions) -> Result<Options, ChartError> {
        let chart = match given(&raw.chart) {
            None => return Err(ChartError::new(ErrorKind::UnknownChart, &["data-bering-chart is empty: name a chart, ", CHART_NAMES, "."])),
            Some("length") => ChartKind::Length,
            Some("cost") => ChartKind::Cost,
            Some("context") => ChartKind::Context,
            Some(other) => return Err(bad_value(ErrorKind::UnknownChart, "data-bering-chart", other, CHART_NAMES)),
        };
        let units = match given(&raw.units) {
            None | Some("mi") => Units::Miles,
            Some("km") => Units::Kilometres,
            Some(other) => return Err(bad_option("data-units", other, "\"mi\" or \"km\"")),
        };
        let currency = match given(&raw.currency) {
            None | Some("USD") => Currency::Usd,
            Some("GBP") => Currency::Gbp,
            Some(other) => return Err(bad_option("data-currency", other, "\"USD\" or \"GBP\"")),
        };
        let theme = match given(&raw.theme) {
            None | Some("auto") => ThemeChoice::Auto,
            Some("light") => ThemeChoice::Light,
            Some("dark") => ThemeChoice::Dark,
            Some(other) => return Err(bad_option("data-theme", other, "\"auto\", \"light\" or \"dark\"")),
        };
        let locale = match given(&raw.locale) {
            None => "en-US".to_string(),
            Some(tag) if is_language_tag(tag) => tag.to_string(),
            Some(other) => return Err(bad_option("data-locale", other, "a BCP 47 language tag such as \"en-GB\"")),
        };
        let gbp_per_usd = match given(&raw.gbp_per_usd) {
            None => None,
            Some(text) => match crate::format::parse_decimal(text) {
                Some(rate) if (GBP_PER_USD_LEAST..=GBP_PER_USD_MOST).contains(&rate) => Some(rate),
                _ => return Err(bad_option("data-gbp-per-usd", text, "pounds per US dollar, a number from 0.2 to 2, e.g. \"0.79\"")),
            },
        };
        Ok(Options { chart, units, currency, locale, theme, gbp_per_usd })
    }
}

/// A specification's JSON text read on the host: see [`crate::input::parse_spec_json`].
#[cfg(not(target_arch = "wasm32"))]
pub use crate::input::parse_spec_json;

/// A well-formed BCP 47 tag: a 2–3 letter language, then 1–8 character
/// alphanumeric subtags separated by hyphens, at most 35 characters.
fn is_language_tag(tag: &str) -> bool {
    if tag.len() > 35 {
        return false;
    }
    let mut parts = split_ascii(tag, b'-');
    let language_ok = parts.next().map(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic())).unwrap_or(false);
    language_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(chart: &str) -> RawOptions {
        RawOptions { chart: Some(chart.into()), ..Default::default() }
    }

    #[test]
    fn clip_cuts_between_characters() {
        assert_eq!(clip("ab", 2), "ab");
        assert_eq!(clip("abc", 2), "ab…");
        assert_eq!(clip("ééé", 2), "éé…");
        assert_eq!(clip("日本語", 1), "日…");
        assert_eq!(clip("", 0), "");
        assert_eq!(clip("a", 0), "…");
    }

    #[test]
    fn defaults_are_miles_dollars_auto_en_us() {
        let o = Options::from_raw(&raw("length")).unwrap();
        assert_eq!(o.chart, ChartKind::Length);
        assert_eq!(o.units, Units::Miles);
        assert_eq!(o.currency, Currency::Usd);
        assert_eq!(o.theme, ThemeChoice::Auto);
        assert_eq!(o.locale, "en-US");
        assert_eq!(o.gbp_per_usd, None);
    }

    #[test]
    fn every_allowed_value_is_accepted() {
        let o = Options::from_raw(&RawOptions {
            chart: Some(" context ".into()),
            units: Some("km".into()),
            currency: Some("GBP".into()),
            locale: Some("de-DE".into()),
            theme: Some("dark".into()),
            gbp_per_usd: Some("0.79".into()),
        })
        .unwrap();
        assert_eq!(o.chart, ChartKind::Context);
        assert_eq!(o.units, Units::Kilometres);
        assert_eq!(o.currency, Currency::Gbp);
        assert_eq!(o.theme, ThemeChoice::Dark);
        assert_eq!(o.locale, "de-DE");
        assert_eq!(o.gbp_per_usd, Some(0.79));
        assert_eq!(Options::from_raw(&raw("cost")).unwrap().chart, ChartKind::Cost);
        let light = RawOptions { theme: Some("light".into()), ..raw("length") };
        assert_eq!(Options::from_raw(&light).unwrap().theme, ThemeChoice::Light);
    }

    fn message(raw: RawOptions) -> (ErrorKind, String) {
        let e = Options::from_raw(&raw).unwrap_err();
        (e.kind(), e.message().to_string())
    }

    #[test]
    fn missing_or_blank_chart_is_rejected() {
        for blank in [None, Some("".to_string()), Some("  ".to_string())] {
            let (kind, text) = message(RawOptions { chart: blank, ..Default::default() });
            assert_eq!(kind, ErrorKind::UnknownChart);
            assert_eq!(text, "data-bering-chart is empty: name a chart, \"length\", \"cost\" or \"context\".");
        }
    }

    #[test]
    fn unknown_chart_is_rejected() {
        let (kind, text) = message(raw("pie"));
        assert_eq!(kind, ErrorKind::UnknownChart);
        assert_eq!(text, "data-bering-chart=\"pie\" is not allowed: use \"length\", \"cost\" or \"context\".");
    }

    #[test]
    fn unknown_units_currency_theme_are_rejected() {
        let (_, t) = message(RawOptions { units: Some("furlongs".into()), ..raw("length") });
        assert_eq!(t, "data-units=\"furlongs\" is not allowed: use \"mi\" or \"km\".");
        let (_, t) = message(RawOptions { currency: Some("usd".into()), ..raw("cost") });
        assert_eq!(t, "data-currency=\"usd\" is not allowed: use \"USD\" or \"GBP\".");
        let (kind, t) = message(RawOptions { theme: Some("sepia".into()), ..raw("cost") });
        assert_eq!(kind, ErrorKind::BadOption);
        assert_eq!(t, "data-theme=\"sepia\" is not allowed: use \"auto\", \"light\" or \"dark\".");
    }

    #[test]
    fn malformed_locale_is_rejected() {
        for bad in ["e", "english-language", "en_GB", "12-GB", "en--GB", "en-GB-toolongsubtag"] {
            let (_, t) = message(RawOptions { locale: Some(bad.into()), ..raw("length") });
            assert!(t.starts_with("data-locale=\""), "{t}");
            assert!(t.ends_with("use a BCP 47 language tag such as \"en-GB\"."), "{t}");
        }
    }

    #[test]
    fn bad_rates_are_rejected() {
        for bad in ["abc", "0", "-1", "NaN", "inf", "12", "7.9", "0.079", "0.19", "2.01", "0.0000001"] {
            let (_, t) = message(RawOptions { gbp_per_usd: Some(bad.into()), ..raw("cost") });
            assert_eq!(t, format!("data-gbp-per-usd=\"{bad}\" is not allowed: use pounds per US dollar, a number from 0.2 to 2, e.g. \"0.79\"."));
        }
        for good in ["0.2", "0.79", " 0.8 ", "2"] {
            let options = Options::from_raw(&RawOptions { gbp_per_usd: Some(good.into()), ..raw("cost") }).unwrap();
            assert_eq!(options.gbp_per_usd, Some(good.trim().parse().unwrap()), "{good}");
        }
    }

    #[test]
    fn long_values_are_clipped_in_messages() {
        let long = "x".repeat(500);
        let (_, t) = message(RawOptions { units: Some(long), ..raw("length") });
        assert!(t.len() < 120, "{t}");
        assert!(t.contains("…"));
    }

    #[test]
    fn host_spec_parsing_wants_objects() {
        assert!(parse_spec_json(r#"{"title":"T","bars":[{"label":"A","value":1}]}"#).is_ok());
        for (text, words) in [
            (r#"["T",[["A",1,null]],null,null,null,null]"#, "must be an object"),
            (r#"{"title":"T","bars":[["A",1,null]]}"#, "\"bars[0]\" must be an object"),
            ("null", "must be an object"),
            ("{not json", "not valid JSON"),
            (&"[".repeat(10_000), "not valid JSON"),
            (r#"{"title":5}"#, "\"title\" must be text, not a number"),
        ] {
            let e = parse_spec_json(text).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::BadSpec);
            assert!(e.message().starts_with("Chart data: ") && e.message().contains(words), "{text:.40}: {e}");
        }
    }

    #[test]
    fn spec_rejects_unknown_fields_and_wrong_types() {
        let e = parse_spec_json(r#"{"title":"t","lable":"x"}"#).unwrap_err();
        assert!(e.message().contains("\"lable\" is not a field"), "{e}");
        let e = parse_spec_json(r#"{"bars":[{"value":"NaN"}]}"#).unwrap_err();
        assert_eq!(e.message(), "Chart data: \"bars[0].value\" must be a number, not text \"NaN\".");
    }
}
