//! What crosses from Rust to the page, defined once, with named fields.
//!
//! The web module hands the shim each of these as JSON text, which the shim
//! reads with `JSON.parse` and by field name (never by position): [`Overlay`]
//! after every drawing, [`Texts`] and [`Table`] when the chart changes. The
//! inputs (options, spec, style, locale pack) are read by name in
//! [`crate::input`]. JSON is written here by hand, so serde stays out of the
//! embed's wasm; the host tests parse it back with serde_json.
//!
//! [`shim_module`] (host only) writes what the shim must know of the core
//! (chart names, the static files' names and languages, the held heights) as
//! one generated ES module, so that no second copy of them is written in JS.

use crate::format::{Join, PLAIN};
use crate::layout::{Align, Layout, Mark};
use crate::model::Chart;
use crate::spec::Options;
use crate::theme::{Rgb, Theme};

/// The texts a widget hands the page on request (`Widget::read`), by number: one export
/// for all of them, as each export costs the wasm its wrapper and the glue its function.
/// The shim knows them by name from [`shim_module`] (`PART`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// [`overlay`] of the last drawing.
    Overlay,
    /// [`texts`]: every word outside the canvas.
    Texts,
    /// [`table`]: the data table.
    Table,
    /// The chart's figures as CSV (UTF-8 with BOM), for "Get the data".
    Csv,
    /// Bar `index`'s tooltip: label, value with qualifier, share of the other bar.
    Tooltip,
    /// Bar `index`'s row in the last drawing: [`bar_row`], `{left, top, right, bottom}` in CSS px.
    BarRow,
    /// [`description`]: the figures in words, for assistive technology and a copy of the page.
    Description,
}

impl Part {
    /// Every part with the name the shim uses, in number order.
    pub const ALL: [(Part, &'static str); 7] = [
        (Part::Overlay, "overlay"),
        (Part::Texts, "texts"),
        (Part::Table, "table"),
        (Part::Csv, "csv"),
        (Part::Tooltip, "tooltip"),
        (Part::BarRow, "barRow"),
        (Part::Description, "description"),
    ];

    /// The part numbered `number`, if any.
    pub fn from_number(number: u32) -> Option<Part> {
        Part::ALL.get(number as usize).map(|&(part, _)| part)
    }
}

/// A JSON object written field by field (the text so far, and whether a field is in).
pub struct Json(String, bool);

impl Json {
    /// An object's opening brace.
    pub fn object() -> Json {
        Json(String::from("{"), false)
    }

    fn key(&mut self, key: &str) {
        if self.1 {
            self.0.push(',');
        }
        self.1 = true;
        string_into(&mut self.0, key);
        self.0.push(':');
    }

    pub fn text(mut self, key: &str, value: &str) -> Json {
        self.key(key);
        string_into(&mut self.0, value);
        self
    }

    pub fn number(mut self, key: &str, value: f64) -> Json {
        self.key(key);
        self.0.push_str(&plain(value));
        self
    }

    pub fn texts(mut self, key: &str, values: &[&str]) -> Json {
        self.key(key);
        list_into(&mut self.0, values);
        self
    }

    /// A field holding already-written JSON.
    pub fn raw(mut self, key: &str, json: &str) -> Json {
        self.key(key);
        self.0.push_str(json);
        self
    }

    pub fn close(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// A number as JSON writes it, to 2 decimals (sub-pixel); 0 for a non-finite one.
fn plain(value: f64) -> String {
    if value.is_finite() {
        PLAIN.number(value, 2)
    } else {
        "0".into()
    }
}

/// `value` as a JSON string: quotes, backslashes and control characters escaped.
fn string_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn list_into(out: &mut String, values: &[&str]) {
    out.push('[');
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string_into(out, value);
    }
    out.push(']');
}

/// `#rrggbb`, written by hand.
pub fn hex(rgb: Rgb) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(7);
    out.push('#');
    for v in [rgb.0, rgb.1, rgb.2] {
        out.push(DIGITS[(v >> 4) as usize] as char);
        out.push(DIGITS[(v & 15) as usize] as char);
    }
    out
}

/// What the page draws around the canvas after a drawing.
///
/// `{canvasTop, canvasHeight, padding, linkColor, background, textScale, lines: [{align, x, top, font, color, text}]}`:
/// CSS px and `#rrggbb`; `textScale` is the text size used (the reader's, clamped); each
/// line of text above and below the canvas has `align` `left` (its `x` is its left
/// edge) or `right`, its top, its CSS `font` with the line height, its colour.
/// `covers` has one `[left, top, width, height, bar]` per bar, from the canvas's top:
/// the box over the bar and its value label, and the bar's length in it. The
/// grow-in lays one over each bar in the background colour and shrinks it
/// towards its right edge (a compositor animation: the canvas is drawn once).
pub fn overlay(layout: &Layout, band: (f64, f64), theme: &Theme, text_scale: f64) -> String {
    let mut lines = String::from("[");
    for mark in &layout.marks {
        if !Layout::is_line_outside(mark, band) {
            continue;
        }
        if let Mark::Text { x, y, text, font, paint, align, line_height, .. } = mark {
            if lines.len() > 1 {
                lines.push(',');
            }
            let weight = if font.bold { "bold " } else { "" };
            // The CSS `font` shorthand with the line height: bold 20.48px/27px family.
            let css_font = [weight, &plain(font.size), "px/", &plain(*line_height), "px ", &theme.font_family].cat();
            let line = Json::object()
                .text("align", if *align == Align::Left { "left" } else { "right" })
                .number("x", *x)
                .number("top", y - line_height / 2.0)
                .text("font", &css_font)
                .text("color", &hex(theme.color(*paint)))
                .text("text", text)
                .close();
            lines.push_str(&line);
        }
    }
    lines.push(']');
    Json::object()
        .raw("covers", &covers(layout, band))
        .number("canvasTop", band.0)
        .number("canvasHeight", band.1 - band.0)
        .number("padding", layout.padding)
        .text("linkColor", &hex(theme.muted))
        .text("background", &hex(theme.background))
        .number("textScale", text_scale.clamp(1.0, 2.0))
        .raw("lines", &lines)
        .close()
}

/// `[[left, top, width, height, bar], …]`: each bar's box with its value label (the first
/// left-aligned text after it that starts right of the bar's start), from the band's top.
fn covers(layout: &Layout, band: (f64, f64)) -> String {
    let mut out = String::from("[");
    let mut bar = None;
    for mark in &layout.marks {
        match mark {
            Mark::Bar { x, y, w, h, .. } => bar = Some((*x, *y, *w, *h)),
            Mark::Text { x, y, width, line_height, align: Align::Left, .. } => {
                if let Some((left, bar_top, w, h)) = bar.filter(|b| *x >= b.0) {
                    bar = None;
                    let right = f64::max(left + w, x + width) + 1.0;
                    let top = f64::min(bar_top, y - line_height / 2.0);
                    let bottom = f64::max(bar_top + h, y + line_height / 2.0);
                    if out.len() > 1 {
                        out.push(',');
                    }
                    out.push('[');
                    for (i, value) in [left, top - band.0, right - left, bottom - top, w].iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        out.push_str(&plain(*value));
                    }
                    out.push(']');
                }
            }
            _ => {}
        }
    }
    out.push(']');
    out
}

/// Everything the chart says outside the canvas.
///
/// `{lang, chart, title, takeaway, dataLink, sourceUrl, sourceLink, localeNote}`:
/// `lang` a tag for the `lang` attribute; `chart` the chart's name (`length`, `cost`,
/// `context`); the title is the canvas's accessible name and the caption, with the
/// one-line takeaway; `sourceUrl` is `https://` or ""; `localeNote` says why the
/// requested locale was not used, or is "". (The figures in words are [`description`]'s.)
pub fn texts(chart: &Chart, options: &Options) -> String {
    Json::object()
        .text("lang", chart.words.lang.tag())
        .text("chart", options.chart.name())
        .text("title", &chart.title)
        .text("takeaway", &chart.takeaway)
        .text("dataLink", chart.data_link)
        .text("sourceUrl", chart.source_url.as_deref().unwrap_or(""))
        .text("sourceLink", chart.source_link)
        .text("localeNote", chart.locale_note.as_deref().unwrap_or(""))
        .close()
}

/// The figures in words: `{description, figures}`. The description has every figure in
/// words, then the takeaway (the canvas's accessible description); `figures` the figures
/// alone, for a copy of the page. Made when asked for (by the embed's "more" module).
pub fn description(chart: &Chart) -> String {
    Json::object().text("description", &chart.description()).text("figures", &chart.figures()).close()
}

/// The data table: `{header: [cells], rows: [[cells]]}`.
pub fn table(chart: &Chart) -> String {
    let header = chart.words.columns();
    let mut rows = String::from("[");
    for (i, row) in chart.rows(false).iter().enumerate() {
        if i > 0 {
            rows.push(',');
        }
        let cells: [&str; 7] = std::array::from_fn(|i| row[i].as_str());
        list_into(&mut rows, &cells);
    }
    rows.push(']');
    Json::object().texts("header", &header).raw("rows", &rows).close()
}

/// Bar `index`'s row in `layout` (for placing its tooltip), in CSS px from the
/// layout's top: `left` and `right` of the bar, `top` and `bottom` of its row, and
/// `end`, the right edge of all that is drawn in the row (its label, bar and value).
pub fn bar_row(layout: &Layout, index: usize) -> Option<String> {
    let (left, width) = layout.marks.iter().filter_map(|m| if let Mark::Bar { x, w, .. } = m { Some((*x, *w)) } else { None }).nth(index)?;
    let &(top, bottom) = layout.rows.get(index)?;
    let mut end = left + width;
    for mark in &layout.marks {
        if let Mark::Text { x, y, align, width, .. } = mark {
            let right = if *align == Align::Left { x + width } else { *x };
            if *y > top && *y < bottom && right > end {
                end = right;
            }
        }
    }
    Some(Json::object().number("left", left).number("top", top).number("right", left + width).number("bottom", bottom).number("end", end).close())
}

/// A control character as a JS string escape (`\u001f`).
#[cfg(not(target_arch = "wasm32"))]
fn js_escape(c: char) -> String {
    let code = c as u32;
    assert!(code < 0x20, "only control characters are written escaped");
    const HEX: &[u8; 16] = b"0123456789abcdef";
    ["\\u00", &(HEX[(code >> 4) as usize] as char).to_string(), &(HEX[(code & 15) as usize] as char).to_string()].concat()
}

/// [`shim_module`]'s `MODEL_FIRST`: by chart, the currencies (attribute values) it has none
/// built in ([`crate::model::Chart::built`]; the cost chart in pounds, whose rate is the
/// page's), and the languages whose words come in a locale pack, which only the "model"
/// module installs.
#[cfg(not(target_arch = "wasm32"))]
fn model_first() -> String {
    use crate::model::Chart;
    use crate::spec::{Options, RawOptions, CHART_KINDS};
    let mut currencies = Json::object();
    for kind in CHART_KINDS {
        let unbuilt: Vec<&str> = ["USD", "GBP"]
            .into_iter()
            .filter(|currency| {
                let raw = RawOptions { chart: Some(kind.name().into()), currency: Some((*currency).into()), gbp_per_usd: Some("0.79".into()), ..Default::default() };
                let options = Options::from_raw(&raw).expect("the documented currencies are valid options");
                Chart::built(&options).is_none()
            })
            .collect();
        if !unbuilt.is_empty() {
            currencies = currencies.texts(kind.name(), &unbuilt);
        }
    }
    Json::object().raw("currency", &currencies.close()).texts("language", &crate::i18n::PACK_NAMES).close()
}

/// The generated ES module the shim is built with (`build/generated/wire.js`):
/// the chart names, the languages of the static files and their naming rule,
/// the house style's fields and each default chart's held heights (`reserve`, as
/// `[first, width, height, …]`), and which option values the model module builds.
#[cfg(not(target_arch = "wasm32"))]
pub fn shim_module(static_locales: &[&str], reserve: &serde_json::Value) -> String {
    use crate::spec::CHART_KINDS;
    let charts: Vec<&str> = CHART_KINDS.iter().map(|kind| kind.name()).collect();
    let mut names = String::new();
    list_into(&mut names, &charts);
    let mut style = Json::object();
    for (field, property) in crate::input::STYLE_FIELDS {
        style = style.text(field, property);
    }
    let mut parts = Json::object();
    for (number, (_, name)) in Part::ALL.iter().enumerate() {
        parts = parts.number(name, number as f64);
    }
    let mut locales = String::new();
    list_into(&mut locales, &static_locales.iter().filter(|&&l| l != "en-US").copied().collect::<Vec<_>>());
    [
        "// Generated by `bering-render --wire` from the Rust core (src/wire.rs): do not edit.\n",
        "/** The default charts' names. */\nexport const CHARTS = ",
        &names,
        ";\n/** The languages of the static files besides en-US (which has no suffix). */\nexport const STATIC_LOCALES = ",
        &locales,
        ";\n/** Longer child JSON is not parsed: Rust says why (the spec size limit). */\nexport const MAX_SPEC_CHARS = ",
        &crate::input::MAX_SPEC_CHARS.to_string(),
        ";\n/** The house style's fields (the style `Widget.draw` is given) and the CSS custom properties a page sets them by. */\nexport const STYLE_PROPERTIES = ",
        &style.close(),
        ";\n/** What `Widget.read(part, index)` hands back, by name. */\nexport const PART = ",
        &parts.close(),
        ";\n/** The scheme `Widget.draw` is given besides a light page's 0: a dark page's, and paper's (printing: light). */\nexport const SCHEME_DARK = ",
        &crate::theme::SCHEME_DARK.to_string(),
        ";\nexport const SCHEME_PAPER = ",
        &crate::theme::SCHEME_PAPER.to_string(),
        ";\n/** Each default chart's height at every width from 280 px: [first, width, height, …] (src/reserve.rs). */\nexport const RESERVE = ",
        &reserve.to_string(),
        ";\n/** Option values whose charts the primary module has none built for (src/model/built.rs), so the\n",
        " * \"model\" module builds them: a page with one starts loading it beside the primary. */\nexport const MODEL_FIRST = ",
        &model_first(),
        ";\n/** Options or the house style as the text record `Widget` reads them in (src/input.rs): each\n",
        " * name, its value (the separators in it made spaces), joined by the field and record separators. */\n",
        "export function record(fields) {\n",
        "  return Object.entries(fields).map(([name, value]) => `${name}",
        &js_escape(crate::input::FIELD_SEPARATOR),
        "${String(value).replace(/[",
        &js_escape(crate::input::FIELD_SEPARATOR),
        &js_escape(crate::input::RECORD_SEPARATOR),
        "]/g, \" \")}`).join(\"",
        &js_escape(crate::input::RECORD_SEPARATOR),
        "\");\n}\n",
        "/** A static file's name: `<chart>[-<locale>][-km][-dark][-<width>].svg` (en-US and 640 px: no suffix). */\n",
        "export function fallbackName(chart, locale, km, dark, width = 640) {\n",
        "  return `${chart}${locale === \"en-US\" ? \"\" : `-${locale}`}${km ? \"-km\" : \"\"}${dark ? \"-dark\" : \"\"}${width === 640 ? \"\" : `-${width}`}.svg`;\n",
        "}\n",
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout;
    use crate::spec::RawOptions;
    use crate::text::DejaVuMetrics;
    use crate::theme::LIGHT;
    use serde_json::Value;

    fn chart(name: &str, locale: &str) -> (Chart, Options) {
        let raw = RawOptions { chart: Some(name.into()), locale: Some(locale.into()), ..Default::default() };
        let options = Options::from_raw(&raw).unwrap();
        (Chart::build(&options, None).unwrap(), options)
    }

    #[test]
    fn json_escapes_what_it_must() {
        let text = Json::object().text("a\"", "q\"b\\s\n\u{1}é").number("n", 2.5).texts("l", &["x", "\""]).close();
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a\""], "q\"b\\s\n\u{1}é");
        assert_eq!(back["n"], 2.5);
        assert_eq!(back["l"][1], "\"");
        // Escapes between multi-byte characters, and both hex digits of a control byte.
        let text = Json::object().text("k", "é\u{1f}ж\"€\\\t").close();
        assert!(text.contains(r#""é\u001fж\"€\\\u0009""#), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["k"], "é\u{1f}ж\"€\\\t");
    }

    #[test]
    fn overlay_round_trips_with_every_line_by_name() {
        let (chart, _) = chart("cost", "de-DE");
        let laid = layout(&chart, 640.0, 1.3, &DejaVuMetrics);
        let band = laid.plot_band();
        let back: Value = serde_json::from_str(&overlay(&laid, band, &LIGHT, 1.3)).unwrap();
        assert_eq!(back["canvasTop"], band.0);
        assert_eq!(back["canvasHeight"].as_f64().unwrap(), ((band.1 - band.0) * 100.0).round() / 100.0);
        assert_eq!(back["textScale"], 1.3);
        assert_eq!(back["background"], "#ffffff");
        let lines = back["lines"].as_array().unwrap();
        let expected: Vec<&Mark> = laid.marks.iter().filter(|m| Layout::is_line_outside(m, band)).collect();
        assert_eq!(lines.len(), expected.len());
        assert!(lines.len() >= 3, "title, takeaway, source at least");
        for (line, mark) in lines.iter().zip(expected) {
            let Mark::Text { text, x, .. } = mark else { unreachable!() };
            assert_eq!(line["text"], text.as_str());
            assert_eq!(line["x"].as_f64().unwrap(), (x * 100.0).round() / 100.0);
            assert!(line["font"].as_str().unwrap().contains("px/"));
            assert!(["left", "right"].contains(&line["align"].as_str().unwrap()));
        }
    }

    #[test]
    fn each_bar_has_a_cover_over_it_and_its_value_label() {
        for (name, width) in [("length", 640.0), ("cost", 320.0), ("context", 960.0)] {
            let (chart, _) = chart(name, "en-US");
            let laid = layout(&chart, width, 1.0, &DejaVuMetrics);
            let band = laid.plot_band();
            let back: Value = serde_json::from_str(&overlay(&laid, band, &LIGHT, 1.0)).unwrap();
            let covers = back["covers"].as_array().unwrap();
            let bars: Vec<(f64, f64, f64, f64)> =
                laid.marks.iter().filter_map(|m| if let Mark::Bar { x, y, w, h, .. } = m { Some((*x, *y, *w, *h)) } else { None }).collect();
            assert_eq!(covers.len(), bars.len(), "{name}");
            for ((x, y, w, h), cover) in bars.into_iter().zip(covers) {
                let c: Vec<f64> = cover.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
                let (left, top, right, bottom) = (c[0], c[1] + band.0, c[0] + c[2], c[1] + c[3] + band.0);
                assert!((left - x).abs() < 0.01 && (c[4] - w).abs() < 0.01, "{name}: the cover starts at the bar, {c:?}");
                assert!(top <= y + 0.01 && bottom >= y + h - 0.01 && right >= x + w, "{name}: the bar is covered, {c:?}");
                // Its value label (the text on the bar's middle, right of its end) is inside too.
                let label = laid.marks.iter().find_map(|m| match m {
                    Mark::Text { x: lx, y: ly, width, line_height, .. } if *lx > x + w && (*ly - (y + h / 2.0)).abs() < h / 2.0 => {
                        Some((*lx + width, ly - line_height / 2.0, ly + line_height / 2.0))
                    }
                    _ => None,
                });
                let (label_right, label_top, label_bottom) = label.expect("a value label");
                assert!(right >= label_right && top <= label_top + 0.01 && bottom >= label_bottom - 0.01, "{name}: the label is covered, {c:?}");
            }
        }
    }

    #[test]
    fn texts_and_table_round_trip_by_name() {
        let (chart, options) = chart("length", "fr-FR");
        let back: Value = serde_json::from_str(&texts(&chart, &options)).unwrap();
        assert_eq!(back["lang"], "fr");
        assert_eq!(back["chart"], "length");
        assert_eq!(back["title"], chart.title.as_str());
        assert_eq!(back["localeNote"], "");
        let spoken: Value = serde_json::from_str(&description(&chart)).unwrap();
        assert_eq!(spoken["figures"], chart.figures().as_str());
        assert_eq!(spoken["description"], chart.description().as_str());
        assert!(spoken["description"].as_str().unwrap().starts_with(chart.figures().as_str()));
        let table: Value = serde_json::from_str(&table(&chart)).unwrap();
        assert_eq!(table["header"].as_array().unwrap().len(), chart.words.columns().len());
        let rows = table["rows"].as_array().unwrap();
        assert_eq!(rows.len(), chart.bars.len());
        assert_eq!(rows[0][0], chart.rows(false)[0][0].as_str());
    }

    #[test]
    fn the_shim_module_names_what_the_core_knows() {
        let module = shim_module(&["en-US", "de-DE"], &serde_json::json!({"length": [1, 2, 3]}));
        assert!(module.contains("export const CHARTS = [\"length\",\"cost\",\"context\"];"), "{module}");
        assert!(module.contains("export const STATIC_LOCALES = [\"de-DE\"];"));
        assert!(module.contains("export const MAX_SPEC_CHARS = 100000;"));
        assert!(module.contains("export const STYLE_PROPERTIES = {\"text\":\"--bering-text\","), "{module}");
        assert!(module.contains("export const RESERVE = {\"length\":[1,2,3]};"));
        // Pounds and the packs' languages are the model module's to build.
        assert!(module.contains("export const MODEL_FIRST = {\"currency\":{\"cost\":[\"GBP\"]},\"language\":[\"de\",\"fr\",\"ru\"]};"), "{module}");
        assert!(
            module.contains("export const SCHEME_DARK = 1;\nexport const SCHEME_PAPER = 2;") && module.contains("export const PART = {\"overlay\":0,\"texts\":1,\"table\":2,\"csv\":3,\"tooltip\":4,\"barRow\":5,\"description\":6};"),
            "{module}"
        );
        // The record the options and style cross in, with input.rs's separators, escaped.
        assert!(module.contains("`${name}\\u001f${String(value).replace(/[\\u001f\\u001e]/g, \" \")}`).join(\"\\u001e\")"), "{module}");
    }

    #[test]
    fn a_bar_row_is_the_bar_across_and_its_row_down() {
        let (chart, _) = chart("length", "en-US");
        let laid = layout(&chart, 640.0, 1.0, &DejaVuMetrics);
        for index in 0..chart.bars.len() {
            let back: Value = serde_json::from_str(&bar_row(&laid, index).unwrap()).unwrap();
            let (top, bottom) = laid.rows[index];
            assert!((back["top"].as_f64().unwrap() - top).abs() < 0.01 && (back["bottom"].as_f64().unwrap() - bottom).abs() < 0.01);
            assert!(back["left"].as_f64().unwrap() < back["right"].as_f64().unwrap(), "{back}");
            // The row ends with its value, right of the bar, and every text mark of the row ends by then.
            let end = back["end"].as_f64().unwrap();
            assert!(end > back["right"].as_f64().unwrap() + 10.0, "{back}");
            for mark in &laid.marks {
                if let Mark::Text { x, y, width, align: Align::Left, .. } = mark {
                    if *y > top && *y < bottom {
                        assert!(x + width <= end + 0.01, "{back}");
                    }
                }
            }
        }
        assert_eq!(bar_row(&laid, chart.bars.len()), None);
    }

    #[test]
    fn each_part_is_read_back_by_its_own_number() {
        for (number, &(part, _)) in Part::ALL.iter().enumerate() {
            assert_eq!(Part::from_number(number as u32), Some(part));
        }
        assert_eq!(Part::from_number(Part::ALL.len() as u32), None);
    }
}
