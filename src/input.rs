//! The page's inputs read field by field: one validator for every surface.
//!
//! The options, a custom chart specification, the house style and a locale
//! pack arrive as JS values in the browser and as JSON on the host (the
//! `--spec` file, the fuzzer, the tests). Both implement [`Input`], and the
//! readers here turn either into [`RawOptions`], [`RawSpec`], a
//! [`HouseStyle`] or a pack, with the same message for the same bad input
//! (`"bars[0].value" must be a number, not text "12".`). The web module adds
//! only its `Input` for `JsValue`, so serde stays out of the embed's wasm.

use crate::error::{ChartError, ErrorKind};
use crate::format::{split_ascii, split_once_ascii, Join, EN};
use crate::model::MAX_BARS;
use crate::spec::{clip, RawBar, RawOptions, RawSpec};
use crate::theme::{parse_css_color, HouseStyle};

/// The most characters a custom specification's JSON text may hold (the message of
/// [`check_spec_size`] writes it out; a test holds the two together).
pub const MAX_SPEC_CHARS: usize = 100_000;

/// The fields of a custom specification, as its JSON names them.
pub const SPEC_FIELDS: [&str; 8] = ["title", "bars", "unit", "prefix", "note", "source", "sourceUrl", "takeaway"];
/// The fields of one bar.
pub const BAR_FIELDS: [&str; 3] = ["label", "value", "qualifier"];
/// The house style's fields, each with the CSS custom property a page sets it by:
/// computed colours, then the font family.
pub const STYLE_FIELDS: [(&str, &str); 6] = [
    ("text", "--bering-text"),
    ("muted", "--bering-muted"),
    ("background", "--bering-bg"),
    ("accent", "--bering-accent"),
    ("baseline", "--bering-baseline"),
    ("font", "--bering-font"),
];

/// A value as the page gave it: a JS value or a JSON value.
pub trait Input: Sized {
    /// The field `key` of an object; `None` when absent, `null` or `undefined`.
    fn field(&self, key: &str) -> Option<Self>;
    /// The first own key of an object that is not one of `allowed`.
    fn unknown_key(&self, allowed: &[&str]) -> Option<String>;
    fn text(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn is_bool(&self) -> bool;
    fn is_null(&self) -> bool;
    fn is_list(&self) -> bool;
    /// A list's length without reading its items (0 when it is not a list).
    fn list_len(&self) -> usize;
    /// Item `index` of a list (null or undefined past its end or in a hole).
    fn item(&self, index: usize) -> Self;
    /// An object that is not a list.
    fn is_object(&self) -> bool;
}

/// How a value is called in messages: "text \"NaN\"", "a number", "a list", ….
pub fn kind_of<V: Input>(value: &V) -> String {
    if let Some(text) = value.text() {
        return ["text \"", &clip(&text, 30), "\""].cat();
    }
    if value.number().is_some() {
        "a number".into()
    } else if value.is_bool() {
        "true/false".into()
    } else if value.is_list() {
        "a list".into()
    } else if value.is_null() {
        "null".into()
    } else if value.is_object() {
        "an object".into()
    } else {
        "something else".into()
    }
}

/// Reads one object's fields, with messages that name the field and its path.
struct Reader<'a, V> {
    object: &'a V,
    kind: ErrorKind,
    /// "Chart data: ", "Options: " or "Locale pack: ".
    context: &'static str,
    /// The path of `object` within the input ("", "bars[2].").
    path: String,
}

impl<V: Input> Reader<'_, V> {
    fn fail(&self, key: &str, rest: &[&str]) -> ChartError {
        let mut parts = vec![self.context, "\"", &self.path, key, "\" "];
        parts.extend_from_slice(rest);
        ChartError::new(self.kind, &parts)
    }

    fn text(&self, key: &str) -> Result<Option<String>, ChartError> {
        match self.object.field(key) {
            None => Ok(None),
            Some(v) => v.text().map(Some).ok_or_else(|| self.fail(key, &["must be text, not ", &kind_of(&v), "."])),
        }
    }

    fn number(&self, key: &str) -> Result<Option<f64>, ChartError> {
        match self.object.field(key) {
            None => Ok(None),
            Some(v) => v.number().map(Some).ok_or_else(|| self.fail(key, &["must be a number, not ", &kind_of(&v), "."])),
        }
    }

    /// Rejects keys other than `allowed` (a typo gets a message, not a silently empty field).
    fn only(&self, allowed: &[&str]) -> Result<(), ChartError> {
        match self.object.unknown_key(allowed) {
            Some(key) => Err(self.fail(&key, &["is not a field; use ", &allowed.joined(", "), "."])),
            None => Ok(()),
        }
    }
}

/// The display options (`{chart, units, currency, locale, theme, gbpPerUsd}`, every value text).
pub fn read_options<V: Input>(options: &V) -> Result<RawOptions, ChartError> {
    if !options.is_object() {
        return Err(ChartError::new(ErrorKind::BadOption, &["Options must be an object whose values are strings, e.g. {chart: \"length\"}."]));
    }
    let read = Reader { object: options, kind: ErrorKind::BadOption, context: "Options: ", path: String::new() };
    Ok(RawOptions {
        chart: read.text("chart")?,
        units: read.text("units")?,
        currency: read.text("currency")?,
        locale: read.text("locale")?,
        theme: read.text("theme")?,
        gbp_per_usd: read.text("gbpPerUsd")?,
    })
}

/// Says whether a specification's JSON text of `chars` characters may be read at all.
pub fn check_spec_size(chars: usize) -> Result<(), ChartError> {
    if chars > MAX_SPEC_CHARS {
        return Err(ChartError::new(ErrorKind::BadSpec, &["Chart data: the JSON holds more than 100,000 characters, the most allowed."]));
    }
    Ok(())
}

/// A custom chart specification, field by field (the model then checks its ranges).
pub fn read_spec<V: Input>(spec: &V) -> Result<RawSpec, ChartError> {
    if !spec.is_object() {
        return Err(ChartError::new(
            ErrorKind::BadSpec,
            &["Chart data: the JSON must be an object like {\"title\": \"…\", \"bars\": [{\"label\": \"…\", \"value\": 1}]}."],
        ));
    }
    let read = Reader { object: spec, kind: ErrorKind::BadSpec, context: "Chart data: ", path: String::new() };
    read.only(&SPEC_FIELDS)?;
    let bars = match spec.field("bars") {
        None => None,
        // Count first: a huge list is rejected by the model without reading it.
        Some(list) if list.list_len() > MAX_BARS => Some(vec![RawBar::default(); list.list_len().min(100_000)]),
        Some(list) if !list.is_list() => return Err(read.fail("bars", &["must be a list of bars, not ", &kind_of(&list), "."])),
        Some(list) => {
            let mut bars = Vec::with_capacity(list.list_len());
            for i in 0..list.list_len() {
                let item = list.item(i);
                let path = ["bars[", &EN.number(i as f64, 0), "]."].cat();
                if !item.is_object() {
                    let at = &path[..path.len() - 1];
                    return Err(ChartError::new(
                        ErrorKind::BadSpec,
                        &["Chart data: \"", at, "\" must be an object like {\"label\": \"…\", \"value\": 1}, not ", &kind_of(&item), "."],
                    ));
                }
                let bar = Reader { object: &item, kind: ErrorKind::BadSpec, context: "Chart data: ", path };
                bar.only(&BAR_FIELDS)?;
                bars.push(RawBar { label: bar.text("label")?, value: bar.number("value")?, qualifier: bar.text("qualifier")? });
            }
            Some(bars)
        }
    };
    Ok(RawSpec {
        title: read.text("title")?,
        bars,
        unit: read.text("unit")?,
        prefix: read.text("prefix")?,
        note: read.text("note")?,
        source: read.text("source")?,
        source_url: read.text("sourceUrl")?,
        takeaway: read.text("takeaway")?,
    })
}

/// The page's house style ([`STYLE_FIELDS`]); a missing or unreadable value keeps the theme's own.
pub fn read_style<V: Input>(style: &V) -> HouseStyle {
    style_from(|key| style.field(key).and_then(|v| v.text()).unwrap_or_default())
}

/// The separators of the text record the embed hands its options and house style over in
/// (`chart` U+001F `length` U+001E `units` U+001F `km`): every value is text, read here by
/// name as the JS values are, with no JS object to walk field by field across the wasm
/// boundary and nothing to decode. They are control characters, which the shim turns into
/// spaces in any value (as [`crate::model::clean_text`] does in a chart's texts); the
/// generated module hands them to the shim ([`crate::wire::shim_module`]).
pub const FIELD_SEPARATOR: char = '\u{1f}';
pub const RECORD_SEPARATOR: char = '\u{1e}';

/// The `(name, value)` fields of such a record, in order (a record without its field
/// separator is skipped).
pub fn record_fields(text: &str) -> impl Iterator<Item = (&str, &str)> {
    split_ascii(text, RECORD_SEPARATOR as u8).filter_map(|field| split_once_ascii(field, FIELD_SEPARATOR as u8))
}

/// The display options from their [`record_fields`] (unknown names are ignored, as
/// [`read_options`] ignores unknown keys).
pub fn read_options_record(text: &str) -> RawOptions {
    let mut raw = RawOptions::default();
    for (key, value) in record_fields(text) {
        let slot = match key {
            "chart" => &mut raw.chart,
            "units" => &mut raw.units,
            "currency" => &mut raw.currency,
            "locale" => &mut raw.locale,
            "theme" => &mut raw.theme,
            "gbpPerUsd" => &mut raw.gbp_per_usd,
            _ => continue,
        };
        *slot = Some(value.to_string());
    }
    raw
}

/// The house style from its [`record_fields`], as [`read_style`] reads it from an object.
pub fn read_style_record(text: &str) -> HouseStyle {
    style_from(|key| record_fields(text).find(|(name, _)| *name == key).map(|(_, value)| value.to_string()).unwrap_or_default())
}

fn style_from(text: impl Fn(&str) -> String) -> HouseStyle {
    let color = |key: &str| parse_css_color(&text(key));
    let font = text("font").trim_ascii().to_string();
    HouseStyle {
        text: color("text"),
        muted: color("muted"),
        background: color("background"),
        accent: color("accent"),
        baseline: color("baseline"),
        font: (!font.is_empty()).then_some(font),
    }
}

/// A locale pack file (`{"lang", "catalog", "texts": […]}`) as `(lang, catalog, texts)`;
/// `None` when it is not shaped so (the shim then says the pack could not load).
pub fn read_pack<V: Input>(pack: &V) -> Option<(String, String, Vec<String>)> {
    let text = |key: &str| pack.field(key)?.text();
    let list = pack.field("texts").filter(Input::is_list)?;
    let mut texts = Vec::with_capacity(list.list_len());
    for i in 0..list.list_len() {
        texts.push(list.item(i).text()?);
    }
    Some((text("lang")?, text("catalog")?, texts))
}

/// JSON values as the host reads them (files, the fuzzer, tests).
#[cfg(not(target_arch = "wasm32"))]
impl Input for serde_json::Value {
    fn field(&self, key: &str) -> Option<Self> {
        self.get(key).filter(|v| !v.is_null()).cloned()
    }
    fn unknown_key(&self, allowed: &[&str]) -> Option<String> {
        self.as_object()?.keys().find(|key| !allowed.contains(&key.as_str())).cloned()
    }
    fn text(&self) -> Option<String> {
        self.as_str().map(String::from)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn is_bool(&self) -> bool {
        self.is_boolean()
    }
    fn is_null(&self) -> bool {
        serde_json::Value::is_null(self)
    }
    fn is_list(&self) -> bool {
        self.is_array()
    }
    fn list_len(&self) -> usize {
        self.as_array().map_or(0, Vec::len)
    }
    fn item(&self, index: usize) -> Self {
        self.get(index).cloned().unwrap_or(serde_json::Value::Null)
    }
    fn is_object(&self) -> bool {
        serde_json::Value::is_object(self)
    }
}

/// A specification from its JSON text, as the host reads it: the size limit, JSON,
/// then [`read_spec`] (the browser parses with `JSON.parse` and reads the same way).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_spec_json(text: &str) -> Result<RawSpec, ChartError> {
    check_spec_size(text.chars().count())?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ChartError::new(ErrorKind::BadSpec, &["Chart data: not valid JSON (", &e.to_string(), ")."]))?;
    read_spec(&value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::Rgb;
    use serde_json::json;

    fn spec_error(value: serde_json::Value) -> String {
        read_spec(&value).unwrap_err().message().to_string()
    }

    #[test]
    fn messages_name_the_field_and_what_it_held() {
        assert_eq!(spec_error(json!({"bars": [{"label": "a", "value": "12"}]})), "Chart data: \"bars[0].value\" must be a number, not text \"12\".");
        assert_eq!(spec_error(json!({"title": 3})), "Chart data: \"title\" must be text, not a number.");
        assert_eq!(
            spec_error(json!({"titel": "x"})),
            "Chart data: \"titel\" is not a field; use title, bars, unit, prefix, note, source, sourceUrl, takeaway."
        );
        assert_eq!(
            spec_error(json!({"bars": [{"label": "a", "value": 1, "colour": "red"}]})),
            "Chart data: \"bars[0].colour\" is not a field; use label, value, qualifier."
        );
        assert_eq!(spec_error(json!({"bars": [[1, 2]]})), "Chart data: \"bars[0]\" must be an object like {\"label\": \"…\", \"value\": 1}, not a list.");
        assert_eq!(spec_error(json!({"bars": {"label": "a"}})), "Chart data: \"bars\" must be a list of bars, not an object.");
        assert!(spec_error(json!([1])).starts_with("Chart data: the JSON must be an object"));
        assert_eq!(read_options(&json!({"chart": 1})).unwrap_err().message(), "Options: \"chart\" must be text, not a number.");
    }

    #[test]
    fn null_is_absent_and_a_huge_list_is_counted_not_read() {
        let spec = read_spec(&json!({"title": null, "bars": [{"label": "a", "value": 1, "qualifier": null}]})).unwrap();
        assert_eq!(spec.title, None);
        assert_eq!(spec.bars.unwrap()[0].qualifier, None);
        let many: Vec<serde_json::Value> = (0..500).map(|_| json!("not a bar")).collect();
        assert_eq!(read_spec(&json!({ "bars": many })).unwrap().bars.unwrap().len(), 500);
    }

    #[test]
    fn the_size_limit_and_json_are_checked_first() {
        let long = format!("{{\"title\": \"{}\"}}", "x".repeat(MAX_SPEC_CHARS));
        assert_eq!(parse_spec_json(&long).unwrap_err().message(), "Chart data: the JSON holds more than 100,000 characters, the most allowed.");
        assert!(check_spec_size(MAX_SPEC_CHARS).is_ok());
        assert!(check_spec_size(MAX_SPEC_CHARS + 1).unwrap_err().message().contains(&EN.number(MAX_SPEC_CHARS as f64, 0)));
        assert!(parse_spec_json("{").unwrap_err().message().starts_with("Chart data: not valid JSON ("));
        assert_eq!(parse_spec_json("{\"bars\": [{\"label\": \"a\", \"value\": 7}]}").unwrap().bars.unwrap()[0].value, Some(7.0));
    }

    #[test]
    fn options_and_style_as_text_records() {
        let record = |fields: &[(&str, &str)]| fields.iter().map(|(k, v)| [*k, "\u{1f}", v].concat()).collect::<Vec<_>>().join("\u{1e}");
        let raw = read_options_record(&record(&[("chart", "cost"), ("currency", "GBP"), ("gbpPerUsd", "0.79"), ("locale", "de-DE"), ("colour", "red")]));
        assert_eq!(
            raw,
            RawOptions {
                chart: Some("cost".into()),
                currency: Some("GBP".into()),
                gbp_per_usd: Some("0.79".into()),
                locale: Some("de-DE".into()),
                ..Default::default()
            }
        );
        // Any other character is itself: markup, separators of other formats, quotes, non-ASCII.
        let raw = read_options_record(&record(&[("chart", "<b> x&y=z%41+"), ("units", "“км”"), ("theme", "")]));
        assert_eq!(raw.chart.as_deref(), Some("<b> x&y=z%41+"));
        assert_eq!(raw.units.as_deref(), Some("“км”"));
        assert_eq!(raw.theme.as_deref(), Some(""));
        assert_eq!(read_options_record("units"), RawOptions::default(), "a field without its separator is skipped");
        assert_eq!(read_options_record(""), RawOptions::default());
        let style = read_style_record(&record(&[("text", "rgb(1, 2, 3)"), ("font", " 游ゴシック, serif "), ("accent", "")]));
        assert_eq!(style.text, Some(Rgb(1, 2, 3)));
        assert_eq!(style.font.as_deref(), Some("游ゴシック, serif"));
        assert!(style.accent.is_none() && style.muted.is_none());
    }

    #[test]
    fn style_and_pack_by_name() {
        let style = read_style(&json!({"text": "rgb(1, 2, 3)", "font": " Georgia ", "accent": 5}));
        assert_eq!(style.font.as_deref(), Some("Georgia"));
        assert!(style.text.is_some() && style.accent.is_none() && style.muted.is_none());
        let (lang, catalog, texts) = read_pack(&json!({"lang": "de", "catalog": "abc", "texts": ["a", "b"]})).unwrap();
        assert_eq!((lang.as_str(), catalog.as_str(), texts.len()), ("de", "abc", 2));
        assert_eq!(read_pack(&json!({"lang": "de", "catalog": "abc", "texts": [1]})), None);
        assert_eq!(read_pack(&json!({"lang": "de", "texts": []})), None);
    }
}
