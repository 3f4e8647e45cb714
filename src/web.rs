//! The only module that speaks wasm-bindgen (compiled for wasm32 only).
//!
//! It converts and forwards: JS values in (options as strings, the parsed
//! child JSON, locale packs), a [`Widget`] out that lays a chart out (with the
//! same text metrics as the host, see [`crate::text`]), draws its plot band
//! through plotters-canvas at the device pixel ratio, and hands the page the
//! text lines around it ([`Widget::overlay`]). Errors cross as plain strings
//! carrying the reader-facing message; nothing here panics on bad input.

use crate::error::{ChartError, ErrorKind};
use crate::format::{char_count, Join, Locale, EN};
use crate::i18n::{install_pack, missing_pack};
use crate::layout::{layout, row_at, Align, Layout, Mark};
use crate::model::{Chart, FIELD_SEPARATOR, FIELD_SEPARATOR_TEXT, RECORD_SEPARATOR};
use crate::render::{device_size, render, Frame, Surface};
use crate::spec::{clip, Options, RawBar, RawOptions, RawSpec};
use crate::text::{DejaVuMetrics, Font, TextMeasure};
use crate::theme::{parse_css_color, HouseStyle, Rgb, Theme};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

fn thrown(error: ChartError) -> JsValue {
    JsValue::from_str(error.message())
}

/// How a JS value is called in messages: "text \"NaN\"", "a number", "a list", ….
fn kind_of(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return ["text \"", &clip(&text, 30), "\""].cat();
    }
    if value.as_f64().is_some() {
        return "a number".into();
    }
    if value.as_bool().is_some() {
        return "true/false".into();
    }
    if js_sys::Array::is_array(value) {
        return "a list".into();
    }
    if value.is_null() {
        return "null".into();
    }
    if value.is_object() {
        "an object".into()
    } else {
        "something else".into()
    }
}

/// Reads the JS inputs by hand (js_sys), field by field, with messages that
/// name the field: this keeps serde's deserializer and its float formatting
/// out of the module. The outputs cross as plain strings and numbers too;
/// serde-wasm-bindgen is a dependency but no longer ships in the embed's wasm.
struct Reader<'a> {
    object: &'a JsValue,
    /// "Chart data: ", "Options: " or "Locale pack: ".
    context: &'static str,
    /// The path of `object` within the input ("", "bars[2].").
    path: String,
}

impl Reader<'_> {
    fn fail(&self, key: &str, rest: &[&str]) -> JsValue {
        let mut parts = vec![self.context, "\"", &self.path, key, "\" "];
        parts.extend_from_slice(rest);
        JsValue::from_str(&parts.cat())
    }

    fn get(&self, key: &str) -> Option<JsValue> {
        let value = js_sys::Reflect::get(self.object, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined() && !value.is_null()).then_some(value)
    }

    fn text(&self, key: &str) -> Result<Option<String>, JsValue> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v.as_string().map(Some).ok_or_else(|| self.fail(key, &["must be text, not ", &kind_of(&v), "."])),
        }
    }

    fn number(&self, key: &str) -> Result<Option<f64>, JsValue> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v.as_f64().map(Some).ok_or_else(|| self.fail(key, &["must be a number, not ", &kind_of(&v), "."])),
        }
    }

    /// Rejects keys other than `allowed` (a typo gets a message, not a silently empty field).
    fn only(&self, allowed: &[&str]) -> Result<(), JsValue> {
        let keys = js_sys::Object::keys(&js_sys::Object::from(self.object.clone()));
        for key in keys.iter().filter_map(|k| k.as_string()) {
            if !allowed.contains(&key.as_str()) {
                return Err(self.fail(&key, &["is not a field; use ", &allowed.joined(", "), "."]));
            }
        }
        Ok(())
    }
}

fn parse_options(options: JsValue) -> Result<Options, JsValue> {
    if !options.is_object() {
        return Err(JsValue::from_str("Options must be an object whose values are strings, e.g. {chart: \"length\"}."));
    }
    let read = Reader { object: &options, context: "Options: ", path: String::new() };
    let raw = RawOptions {
        chart: read.text("chart")?,
        units: read.text("units")?,
        currency: read.text("currency")?,
        locale: read.text("locale")?,
        theme: read.text("theme")?,
        gbp_per_usd: read.text("gbpPerUsd")?,
    };
    Options::from_raw(&raw).map_err(thrown)
}

fn parse_spec(spec: JsValue) -> Result<RawSpec, JsValue> {
    if !spec.is_object() || js_sys::Array::is_array(&spec) {
        return Err(thrown(ChartError::new(
            ErrorKind::BadSpec,
            &["Chart data: the JSON must be an object like {\"title\": \"…\", \"bars\": [{\"label\": \"…\", \"value\": 1}]}."],
        )));
    }
    let read = Reader { object: &spec, context: "Chart data: ", path: String::new() };
    read.only(&["title", "bars", "unit", "prefix", "note", "source", "sourceUrl"])?;
    let bars = match read.get("bars") {
        None => None,
        Some(list) if js_sys::Array::is_array(&list) => {
            let list = js_sys::Array::from(&list);
            // Count first: a huge list is rejected by the model without reading it.
            if list.length() as usize > crate::model::MAX_BARS {
                Some(vec![RawBar::default(); list.length().min(100_000) as usize])
            } else {
                let mut bars = Vec::new();
                for (i, item) in list.iter().enumerate() {
                    let path = ["bars[", &EN.number(i as f64, 0), "]."].cat();
                    if !item.is_object() || js_sys::Array::is_array(&item) {
                        return Err(JsValue::from_str(
                            &[
                                "Chart data: \"",
                                &path[..path.len() - 1],
                                "\" must be an object like {\"label\": \"…\", \"value\": 1}, not ",
                                &kind_of(&item),
                                ".",
                            ]
                            .cat(),
                        ));
                    }
                    let bar = Reader { object: &item, context: "Chart data: ", path };
                    bar.only(&["label", "value", "qualifier"])?;
                    bars.push(RawBar { label: bar.text("label")?, value: bar.number("value")?, qualifier: bar.text("qualifier")? });
                }
                Some(bars)
            }
        }
        Some(other) => return Err(read.fail("bars", &["must be a list of bars, not ", &kind_of(&other), "."])),
    };
    Ok(RawSpec {
        title: read.text("title")?,
        bars,
        unit: read.text("unit")?,
        prefix: read.text("prefix")?,
        note: read.text("note")?,
        source: read.text("source")?,
        source_url: read.text("sourceUrl")?,
    })
}

/// [`Widget::overlay`] of a drawing: the canvas band and the text lines around it.
fn overlay(layout: &Layout, band: (f64, f64), theme: &Theme) -> String {
    const PLAIN: Locale = Locale { decimal: ".", group: "" };
    let mut out = String::new();
    let mut field = |text: &str, last: bool| {
        out.push_str(text);
        out.push_str(if last { RECORD_SEPARATOR } else { FIELD_SEPARATOR_TEXT });
    };
    let number = |value: f64| PLAIN.number(value, 2);
    let color = |rgb: Rgb| hex(BackendColor { alpha: 1.0, rgb: (rgb.0, rgb.1, rgb.2) });
    field(&number(band.0), false);
    field(&number(band.1 - band.0), false);
    field(&number(layout.padding), false);
    field(&color(theme.muted), false);
    field(&color(theme.background), true);
    for mark in layout.lines_outside(band) {
        if let Mark::Text { x, y, text, font, paint, align, line_height, .. } = mark {
            field(if *align == Align::Left { "l" } else { "r" }, false);
            field(&number(*x), false);
            field(&number(y - line_height / 2.0), false);
            // The CSS `font` shorthand with the line height: bold 20.48px/27px family.
            let weight = if font.bold { "bold " } else { "" };
            field(&[weight, &number(font.size), "px/", &number(*line_height), "px ", &theme.font_family].cat(), false);
            field(&color(theme.color(*paint)), false);
            field(text, true);
        }
    }
    out.pop();
    out
}

pub(crate) fn css_font(font: Font, family: &str) -> String {
    [if font.bold { "bold " } else { "" }, &EN.number(font.size, 2), "px ", family].cat()
}

/// `#rrggbb` for a colour, written by hand.
fn hex(color: BackendColor) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let (r, g, b) = color.rgb;
    let mut out = String::with_capacity(7);
    out.push('#');
    for v in [r, g, b] {
        out.push(DIGITS[(v >> 4) as usize] as char);
        out.push(DIGITS[(v & 15) as usize] as char);
    }
    out
}

/// The canvas surface `render` draws on: plotters-canvas's backend, wrapped.
///
/// The canvas is sized in device pixels (CSS size × devicePixelRatio) before
/// drawing, and `render` works in device pixels, so no transform is needed.
/// Rectangles, pixels and text are painted here with colours and fonts written
/// by hand: plotters-canvas builds them with `format!`, which would pull float
/// formatting into the module. plotters-canvas owns the canvas and its size;
/// lines, paths and circles (which `render` does not use) keep its defaults.
struct DeviceCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// Context state already set in this drawing (setting it again costs a style parse).
    fill: String,
    font: String,
    /// textAlign and textBaseline as last set.
    anchor: Option<(&'static str, &'static str)>,
}

impl DeviceCanvas {
    fn new(inner: CanvasBackend, context: CanvasRenderingContext2d) -> Self {
        DeviceCanvas { inner, context, fill: String::new(), font: String::new(), anchor: None }
    }

    fn set_fill(&mut self, color: BackendColor) {
        let fill = hex(color);
        if fill != self.fill {
            self.context.set_fill_style_str(&fill);
            self.fill = fill;
        }
    }
}

/// A drawing call the canvas refused.
#[derive(Debug)]
pub struct CanvasRefused;

impl std::fmt::Display for CanvasRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the canvas refused to draw")
    }
}

impl std::error::Error for CanvasRefused {}

type Drawn = Result<(), DrawingErrorKind<CanvasRefused>>;

fn refused<E>(_: E) -> DrawingErrorKind<CanvasRefused> {
    DrawingErrorKind::DrawingError(CanvasRefused)
}

impl DrawingBackend for DeviceCanvas {
    type ErrorType = CanvasRefused;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        self.set_fill(color);
        self.context.fill_rect(point.0 as f64, point.1 as f64, 1.0, 1.0);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Drawn {
        let (x0, y0) = (upper_left.0 as f64, upper_left.1 as f64);
        let (w, h) = (bottom_right.0 as f64 - x0, bottom_right.1 as f64 - y0);
        if fill {
            self.set_fill(style.color());
            self.context.fill_rect(x0, y0, w, h);
        } else {
            self.context.set_stroke_style_str(&hex(style.color()));
            self.context.set_line_width(style.stroke_width() as f64);
            self.context.stroke_rect(x0, y0, w, h);
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Drawn {
        let font = css_font(Font { size: style.size(), bold: matches!(style.style(), FontStyle::Bold) }, style.family().as_str());
        if font != self.font {
            self.context.set_font(&font);
            self.font = font;
        }
        self.set_fill(style.color());
        let anchor = (
            match style.anchor().h_pos {
                HPos::Left => "left",
                HPos::Right => "right",
                HPos::Center => "center",
            },
            match style.anchor().v_pos {
                VPos::Top => "top",
                VPos::Center => "middle",
                VPos::Bottom => "bottom",
            },
        );
        if self.anchor != Some(anchor) {
            self.context.set_text_align(anchor.0);
            self.context.set_text_baseline(anchor.1);
            self.anchor = Some(anchor);
        }
        self.context.fill_text(text, pos.0 as f64, pos.1 as f64).map_err(refused)
    }
}

/// Measures text with the canvas's 2D context: used when a house style sets
/// its own font, whose widths the built-in table does not know.
struct CanvasMeasure<'a> {
    context: &'a CanvasRenderingContext2d,
    family: &'a str,
}

impl TextMeasure for CanvasMeasure<'_> {
    fn width(&self, text: &str, font: Font) -> f64 {
        self.context.set_font(&css_font(font, self.family));
        self.context.measure_text(text).map(|m| m.width()).unwrap_or(char_count(text) as f64 * font.size)
    }
}

/// One chart bound to one canvas.
#[wasm_bindgen]
pub struct Widget {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    options: Options,
    spec: Option<RawSpec>,
    chart: Chart,
    style: HouseStyle,
    /// The last layout drawn (bar geometry for focus, pointer and tooltips).
    layout: Option<Layout>,
    /// The last drawing's [`Widget::overlay`].
    overlay: String,
    /// The top of the canvas's band in the last drawing, CSS px from the chart's top.
    band_top: f64,
}

/// The locale pack (`de`, `fr`, `ru`) that charts in `tag` need and this page
/// has not installed yet, or "" when none is missing.
#[wasm_bindgen(js_name = missingLocalePack)]
pub fn missing_locale_pack(tag: &str) -> String {
    missing_pack(tag).unwrap_or("").to_string()
}

/// Installs a locale pack, as read from `embed/locale/<lang>.json`: its
/// `lang`, its `catalog` and its `texts` joined by [`FIELD_SEPARATOR`].
/// Throws a string message when it is not one made for this build.
#[wasm_bindgen(js_name = installLocalePack)]
pub fn install_locale_pack(lang: &str, catalog: &str, texts: &str) -> Result<(), JsValue> {
    install_pack(lang, catalog, texts).map_err(thrown)
}

fn color_of(text: &str) -> Option<Rgb> {
    parse_css_color(text)
}

#[wasm_bindgen]
impl Widget {
    /// Validates `options` (and `spec` when `has_spec`) and binds the chart to `canvas`.
    /// Throws a string message on bad input.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, options: JsValue, has_spec: bool, spec: JsValue) -> Result<Widget, JsValue> {
        let options = parse_options(options)?;
        let spec = if has_spec { Some(parse_spec(spec)?) } else { None };
        let chart = Chart::build(&options, spec.as_ref()).map_err(thrown)?;
        // An opaque canvas (the chart paints its whole background): cheaper to composite.
        let settings = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&settings, &JsValue::from_str("alpha"), &JsValue::FALSE);
        let context = canvas
            .get_context_with_context_options("2d", &settings)
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(|| JsValue::from_str("This browser cannot draw on a canvas."))?;
        Ok(Widget { canvas, context, options, spec, chart, style: HouseStyle::default(), layout: None, overlay: String::new(), band_top: 0.0 })
    }

    /// Replaces every option (the shim merges updates); the chart is rebuilt.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options: JsValue) -> Result<(), JsValue> {
        let options = parse_options(options)?;
        self.chart = Chart::build(&options, self.spec.as_ref()).map_err(thrown)?;
        self.options = options;
        Ok(())
    }

    /// The page's house style, as computed CSS values joined by
    /// [`FIELD_SEPARATOR`]: the text, muted, background, accent and baseline
    /// colours (as `rgb(…)`), then the font family (last, so that a font value
    /// holding the separator cannot shift the colours); empty fields keep the
    /// theme's own.
    #[wasm_bindgen(js_name = setStyle)]
    pub fn set_style(&mut self, style: &str) {
        let mut fields = style.splitn(6, FIELD_SEPARATOR);
        let mut color = || fields.next().and_then(color_of);
        let (text, muted, background, accent, baseline) = (color(), color(), color(), color(), color());
        let font = fields.next().unwrap_or("").trim();
        self.style = HouseStyle { font: (!font.is_empty()).then(|| font.to_string()), text, muted, background, accent, baseline };
    }

    /// Lays the chart out at `css_width` (fonts × `text_scale`), draws the
    /// frame (`grow` 0..1, `focus` a bar index or -1) of its plot band (see
    /// [`Layout::plot_band`]) on the canvas, with a backing store of its CSS
    /// size × `pixel_ratio`, and returns the whole chart's height in CSS px.
    /// The text around the band is for the page to set: [`Widget::overlay`].
    #[allow(clippy::too_many_arguments)]
    pub fn draw(&mut self, css_width: f64, pixel_ratio: f64, prefers_dark: bool, text_scale: f64, grow: f64, focus: i32) -> Result<f64, JsValue> {
        let ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 { pixel_ratio.clamp(0.25, 8.0) } else { 1.0 };
        let theme = Theme::resolve(self.options.theme, prefers_dark).with_style(&self.style);
        let layout = if self.style.has_font() {
            layout(&self.chart, css_width, text_scale, &CanvasMeasure { context: &self.context, family: &theme.font_family })
        } else {
            // The same metrics as the static SVG, so a fallback of the same width has the same height.
            layout(&self.chart, css_width, text_scale, &DejaVuMetrics)
        };
        let band = layout.plot_band();
        let (width, height) = device_size(&layout, Some(band), ratio);
        // Assigning the size clears the canvas, even when unchanged; we redraw everything anyway.
        self.canvas.set_width(width);
        self.canvas.set_height(height);
        let inner = CanvasBackend::with_canvas_object(self.canvas.clone()).ok_or_else(|| JsValue::from_str("This browser cannot draw on a canvas."))?;
        let backend = DeviceCanvas::new(inner, self.context.clone());
        let frame = Frame { grow, focus: usize::try_from(focus).ok(), band: Some(band) };
        render(backend, &layout, &theme, Surface { pixel_ratio: ratio, font_scale: 1.0 }, frame).map_err(thrown)?;
        self.overlay = overlay(&layout, band, &theme);
        let height = layout.height;
        self.band_top = band.0;
        self.layout = Some(layout);
        Ok(height)
    }

    /// What the page draws around the canvas after [`Widget::draw`], as
    /// records joined by U+001E, their fields by [`FIELD_SEPARATOR`]: first
    /// the canvas's top and height, the margin, the colour of small print and
    /// the background (CSS px and `#rrggbb`); then one record per line of
    /// text above and below the canvas: `l` or `r` (its `x` is its left or
    /// right edge), `x`, top, CSS `font` (with the line height), colour, text.
    pub fn overlay(&self) -> String {
        self.overlay.clone()
    }

    /// Everything the chart says outside the canvas, in one call (each getter
    /// would cost its own export and glue), joined by [`FIELD_SEPARATOR`]: `[lang, chart name, title,
    /// takeaway, description, data link text, source address or "", source
    /// link text, locale note or "", the figures alone]`. `lang` is a tag for the `lang`
    /// attribute; the chart name is `length`, `cost` or `context`; the title is
    /// the canvas's accessible name and the caption, with the one-line takeaway;
    /// the description has every figure in words, then the takeaway; the source
    /// address is always `https://`; the locale note says why the requested
    /// locale was not used.
    pub fn texts(&self) -> String {
        let chart = &self.chart;
        let lang = chart.words.lang.tag();
        [
            lang,
            self.options.chart.name(),
            &chart.title,
            &chart.takeaway,
            &chart.description,
            chart.words.get_the_data(),
            chart.source_url.as_deref().unwrap_or(""),
            chart.words.source_link(),
            chart.locale_note.as_deref().unwrap_or(""),
            &chart.figures,
        ]
        .joined(FIELD_SEPARATOR_TEXT)
    }

    /// The data table's cells joined by [`FIELD_SEPARATOR`]: the header's
    /// seven cells, then each bar's row of seven.
    pub fn table(&self) -> String {
        let mut cells: Vec<String> = self.chart.words.columns().iter().map(|c| c.to_string()).collect();
        cells.extend(self.chart.rows(false).into_iter().flatten());
        cells.joined(FIELD_SEPARATOR_TEXT)
    }

    #[wasm_bindgen(js_name = barCount)]
    pub fn bar_count(&self) -> usize {
        self.chart.bars.len()
    }

    /// Tooltip text of bar `index`: label, value with qualifier, share of the other bar.
    pub fn tooltip(&self, index: usize) -> Option<String> {
        self.chart.tooltip(index)
    }

    /// The bar whose row contains `y` (CSS px, from the canvas top) in the last drawing, or -1.
    #[wasm_bindgen(js_name = barAt)]
    pub fn bar_at(&self, y: f64) -> i32 {
        self.layout.as_ref().and_then(|l| row_at(l, y + self.band_top)).map(|i| i as i32).unwrap_or(-1)
    }

    /// `[left, top, right, bottom]` in CSS px of bar `index`'s row in the last drawing
    /// (for placing its tooltip); empty if there is none.
    #[wasm_bindgen(js_name = barRow)]
    pub fn bar_row(&self, index: usize) -> Vec<f64> {
        let Some(layout) = &self.layout else {
            return Vec::new();
        };
        let bar = layout.marks.iter().filter_map(|m| if let Mark::Bar { x, w, .. } = m { Some((*x, *w)) } else { None }).nth(index);
        match (layout.rows.get(index), bar) {
            (Some(&(top, bottom)), Some((x, w))) => vec![x, top, x + w, bottom],
            _ => Vec::new(),
        }
    }

    /// The chart's figures as CSV (UTF-8 with BOM), for "Get the data".
    pub fn csv(&self) -> String {
        self.chart.csv()
    }
}
