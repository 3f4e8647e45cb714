//! The only module that speaks wasm-bindgen (compiled for wasm32 only).
//!
//! It converts and forwards: JS values in (read by name through
//! [`crate::input`], for which it gives `JsValue` an [`Input`]), a [`Widget`]
//! out that lays a chart out (with the same text metrics as the host, see
//! [`crate::text`]), draws its plot band on the canvas backend of
//! [`crate::canvas`] at the device pixel ratio, and hands the page what it
//! shows around the canvas as the JSON of [`crate::wire`]. Errors cross as
//! plain strings carrying the reader-facing message; nothing here panics on
//! bad input.
//!
//! The build splits the module in four by what each export reaches
//! (`tools/split-wasm.mjs`): the primary, what the first drawing of a default
//! chart needs ([`Widget::new`], [`Widget::draw`], [`Widget::read`], [`needs`]);
//! "more", which the shim loads after that drawing ([`Widget::read_more`],
//! [`Widget::bar_at`], [`Widget::bar_count`]); and two the shim loads before the
//! first drawing of a chart that needs one: "model" ([`Widget::with_model`], the
//! model for the options no chart was built for: pounds, a language from a pack;
//! [`install_locale_pack`]) and "input" ([`Widget::with_spec`]: custom data, with its
//! own copy of the model). So the exports of the primary must not reach what only
//! the others need (the model, a custom specification's reading, the table, CSV and
//! tooltips).

use crate::canvas::{CanvasMeasure, DeviceCanvas};
use crate::error::ChartError;
use crate::i18n::{install_pack, missing_pack};
use crate::input::{check_spec_size, read_options_record, read_pack, read_spec, read_style_record, Input};
use crate::layout::{layout, row_at, Layout};
use crate::model::Chart;
use crate::render::{device_size, render, Frame, Surface};
use crate::spec::Options;
use crate::text::DejaVuMetrics;
use crate::theme::{HouseStyle, Theme, SCHEME_PAPER};
use crate::wire::{self, Part};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

fn thrown(error: ChartError) -> JsValue {
    JsValue::from_str(error.message())
}

/// JS values as the page passes them, for the one validator of [`crate::input`].
impl Input for JsValue {
    fn field(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let value = js_sys::Reflect::get(self, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined() && !value.is_null()).then_some(value)
    }
    fn unknown_key(&self, allowed: &[&str]) -> Option<String> {
        if !self.is_object() {
            return None;
        }
        let keys = js_sys::Object::keys(&js_sys::Object::from(self.clone()));
        for i in 0..keys.length() {
            let key = keys.get(i).as_string().unwrap_or_default();
            if !allowed.contains(&key.as_str()) {
                return Some(key);
            }
        }
        None
    }
    fn text(&self) -> Option<String> {
        self.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn is_bool(&self) -> bool {
        self.as_bool().is_some()
    }
    fn is_null(&self) -> bool {
        JsValue::is_null(self) || self.is_undefined()
    }
    fn is_list(&self) -> bool {
        js_sys::Array::is_array(self)
    }
    fn list_len(&self) -> usize {
        if js_sys::Array::is_array(self) {
            js_sys::Array::from(self).length() as usize
        } else {
            0
        }
    }
    fn item(&self, index: usize) -> Self {
        js_sys::Reflect::get_u32(self, index as u32).unwrap_or(JsValue::UNDEFINED)
    }
    fn is_object(&self) -> bool {
        JsValue::is_object(self) && !js_sys::Array::is_array(self)
    }
}

/// The display options, as the shim hands them over: a text record of named fields (see
/// [`crate::input::record_fields`]).
fn parse_options(options: &str) -> Result<Options, JsValue> {
    Options::from_raw(&read_options_record(options)).map_err(thrown)
}

/// One chart and the canvas it paints on (the shim gives every widget the same
/// detached canvas, and shows each drawing as an ImageBitmap).
#[wasm_bindgen]
pub struct Widget {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    options: Options,
    chart: Chart,
    style: HouseStyle,
    /// The last layout drawn (bar geometry for focus, pointer and tooltips).
    layout: Option<Layout>,
    /// The last drawing's overlay (JSON, [`Part::Overlay`]).
    overlay: String,
    /// The top of the canvas's band in the last drawing, CSS px from the chart's top.
    band_top: f64,
}

/// What the primary module lacks to build the chart of `options` (the options record):
/// nothing ("") when [`Widget::new`] can; the locale pack its language needs (`de`, `fr`,
/// `ru`), not installed yet; or "model", the module whose [`Widget::with_model`] builds
/// the charts the primary has none built for (pounds, or a language from a pack). Bad
/// options need nothing: the constructor says what is wrong with them.
#[wasm_bindgen]
pub fn needs(options: &str) -> String {
    let Ok(options) = parse_options(options) else { return String::new() };
    match missing_pack(&options.locale) {
        Some(pack) => pack.into(),
        None if Chart::built(&options).is_some() => String::new(),
        None => "model".into(),
    }
}

/// Installs a locale pack, the parsed `embed/locale/<lang>.json`
/// (`{lang, catalog, texts}`). Throws a string message when it is not one made
/// for this build.
#[wasm_bindgen(js_name = installLocalePack)]
pub fn install_locale_pack(pack: JsValue) -> Result<(), JsValue> {
    let (lang, catalog, texts) = read_pack(&pack).ok_or_else(|| JsValue::from_str("Locale pack: the file is not shaped {lang, catalog, texts}."))?;
    install_pack(&lang, &catalog, texts).map_err(thrown)
}

#[wasm_bindgen]
impl Widget {
    /// Validates `options` and binds the story's default chart, as it was built beforehand
    /// ([`Chart::built`]), to `canvas`: what the first drawing of a default chart needs. The
    /// other charts are made by [`Widget::with_model`] ([`needs`] says which) and custom ones by
    /// [`Widget::with_spec`]. Throws a string
    /// message on bad input.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, options: &str) -> Result<Widget, JsValue> {
        let options = parse_options(options)?;
        let chart =
            Chart::built(&options).ok_or_else(|| JsValue::from_str("This chart's options need the embed's bering_chart_model.wasm, which did not load."))?;
        Widget::bind(canvas, options, chart)
    }

    /// The story's chart as the model builds it, with `options`: the charts the primary has
    /// none built for (pounds, a language from a pack; [`needs`] says which). It reads no
    /// custom data, so the "model" module that holds it is smaller than the "input" one.
    /// Throws a string message on bad input.
    #[wasm_bindgen(js_name = withModel)]
    pub fn with_model(canvas: HtmlCanvasElement, options: &str) -> Result<Widget, JsValue> {
        let options = parse_options(options)?;
        let chart = Chart::build_default(&options).map_err(thrown)?;
        Widget::bind(canvas, options, chart)
    }

    /// A widget for the custom chart `spec` (the parsed child JSON of `spec_chars`
    /// characters) with `options` (the story's own charts are [`Widget::with_model`]'s).
    /// Throws a string message on bad input.
    #[wasm_bindgen(js_name = withSpec)]
    pub fn with_spec(canvas: HtmlCanvasElement, options: &str, spec: JsValue, spec_chars: usize) -> Result<Widget, JsValue> {
        let options = parse_options(options)?;
        check_spec_size(spec_chars).map_err(thrown)?;
        let spec = read_spec(&spec).map_err(thrown)?;
        let chart = Chart::build(&options, Some(&spec)).map_err(thrown)?;
        Widget::bind(canvas, options, chart)
    }

    /// `canvas` is the page's one drawing canvas, whose 2D context the shim made (opaque:
    /// the chart paints its whole background, so it is cheaper to copy).
    fn bind(canvas: HtmlCanvasElement, options: Options, chart: Chart) -> Result<Widget, JsValue> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .map(JsCast::unchecked_into::<CanvasRenderingContext2d>)
            .ok_or_else(|| JsValue::from_str("This browser cannot draw on a canvas."))?;
        Ok(Widget { canvas, context, options, chart, style: HouseStyle::default(), layout: None, overlay: String::new(), band_top: 0.0 })
    }

    /// Lays the chart out at `css_width` (fonts × `text_scale`), draws the
    /// frame (`focus` a bar index or -1) of its plot band (see
    /// [`Layout::plot_band`]) on the canvas, with a backing store of its CSS
    /// size × `pixel_ratio`, and returns the whole chart's height in CSS px.
    /// `scheme` is the page's as the shim reads it: 0 light, [`crate::theme::SCHEME_DARK`], or
    /// [`crate::theme::SCHEME_PAPER`] when printing (the light theme whatever the options).
    /// `style` is the page's house style (`text`, `muted`, `background`, `accent`,
    /// `baseline`, `font`: computed CSS colours, then the font family, as a text record of
    /// named fields), read with each drawing (no export of its own); a missing or unreadable value
    /// keeps the theme's own. The text around the band is for the page to set:
    /// [`Part::Overlay`] through [`Widget::read`].
    #[allow(clippy::too_many_arguments)]
    pub fn draw(&mut self, css_width: f64, pixel_ratio: f64, scheme: u32, text_scale: f64, focus: i32, style: &str) -> Result<f64, JsValue> {
        self.style = read_style_record(style);
        if scheme == SCHEME_PAPER {
            self.style.for_paper();
        }
        let ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 { pixel_ratio.clamp(0.25, 8.0) } else { 1.0 };
        let theme = Theme::for_scheme(self.options.theme, scheme).with_style(&self.style);
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
        let frame = Frame { focus: usize::try_from(focus).ok(), band: Some(band) };
        render(backend, &layout, &theme, Surface { pixel_ratio: ratio, font_scale: 1.0 }, frame).map_err(thrown)?;
        self.overlay = wire::overlay(&layout, band, &theme, text_scale);
        let height = layout.height;
        self.band_top = band.0;
        self.layout = Some(layout);
        Ok(height)
    }

    /// The text of one of the parts a first drawing needs ([`Part::Overlay`] of the last
    /// drawing, [`Part::Texts`]: the words outside the canvas), numbered as in `Part::ALL`;
    /// nothing for any other part (see [`Widget::read_more`]). One export for both, as each
    /// export costs its own wrapper and glue.
    pub fn read(&self, part: u32) -> Option<String> {
        match Part::from_number(part)? {
            Part::Overlay => Some(self.overlay.clone()),
            Part::Texts => Some(wire::texts(&self.chart, &self.options)),
            _ => None,
        }
    }

    /// The text of any [`Part`] (`index` is the bar, for a tooltip or a bar's row), or
    /// nothing for an unknown part or bar: besides [`Widget::read`]'s, the table, the CSV
    /// (JSON but the CSV, see [`crate::wire`]), a bar's tooltip and its row, and the
    /// figures in words (the canvas's description). In the
    /// embed's "more" module, loaded after the first drawing.
    #[wasm_bindgen(js_name = readMore)]
    pub fn read_more(&self, part: u32, index: usize) -> Option<String> {
        match Part::from_number(part)? {
            Part::Table => Some(wire::table(&self.chart)),
            Part::Csv => Some(self.chart.csv()),
            Part::Tooltip => self.chart.tooltip(index),
            Part::BarRow => wire::bar_row(self.layout.as_ref()?, index),
            Part::Description => Some(wire::description(&self.chart)),
            _ => self.read(part),
        }
    }

    #[wasm_bindgen(js_name = barCount)]
    pub fn bar_count(&self) -> usize {
        self.chart.bars.len()
    }

    /// The bar whose row contains `y` (CSS px, from the canvas top) in the last drawing, or -1.
    #[wasm_bindgen(js_name = barAt)]
    pub fn bar_at(&self, y: f64) -> i32 {
        self.layout.as_ref().and_then(|l| row_at(l, y + self.band_top)).map(|i| i as i32).unwrap_or(-1)
    }
}

/// The editor's build only (`--features editor`, loaded by the preview page, never
/// by the embed): what the editor asks of the same core.
#[cfg(feature = "editor")]
mod editor {
    use super::*;
    use crate::input::read_options;
    use crate::paste::read_paste;
    use crate::spec::RawSpec;
    use crate::wire::Json;

    /// The locale pack (`de`, `fr`, `ru`) that charts in `tag` need and this page
    /// has not installed yet, or "" when none is missing.
    #[wasm_bindgen(js_name = missingLocalePack)]
    pub fn missing_locale_pack(tag: &str) -> String {
        missing_pack(tag).unwrap_or("").to_string()
    }

    /// The editor's options: a JS object (`{chart, units, …}`, values as text), read by the
    /// same validator as the embed's.
    fn parse_options(options: &JsValue) -> Result<Options, JsValue> {
        read_options(options).and_then(|raw| Options::from_raw(&raw)).map_err(thrown)
    }

    /// The custom chart of `spec` (parsed JSON of `chars` characters) with `options`,
    /// checked as the embed checks it.
    fn custom_chart(options: &JsValue, spec: &JsValue, chars: usize) -> Result<(Options, Chart), JsValue> {
        let options = parse_options(options)?;
        check_spec_size(chars).map_err(thrown)?;
        let chart = Chart::build(&options, Some(&read_spec(spec).map_err(thrown)?)).map_err(thrown)?;
        Ok((options, chart))
    }

    /// A value as a JSON number with every digit the double holds (a pasted 0.0004 stays
    /// 0.0004, not 0 at three decimals); null if it is not finite. The editor's build only,
    /// so std's float formatting never reaches the embed's.
    fn json_value(value: f64) -> String {
        if value.is_finite() { value.to_string() } else { "null".into() }
    }

    /// A pasted spreadsheet block read in the locale `tag`, as JSON:
    /// `{header: {cells} | null, bars: [{label, value (null: unreadable), typed (the value cell as typed), qualifier, row}], prefix, unit, problems: [{row, column, message}]}`
    /// (`prefix` and `unit`: the currency sign and the unit the values were written with, or "").
    #[wasm_bindgen(js_name = readPaste)]
    pub fn read_paste_json(text: &str, tag: &str) -> String {
        let pasted = read_paste(text, tag);
        let bars: Vec<String> = pasted
            .bars
            .iter()
            .zip(pasted.rows.iter().zip(&pasted.typed))
            .map(|(bar, (row, typed))| {
                let json = Json::object().text("label", bar.label.as_deref().unwrap_or("")).number("row", *row as f64).text("typed", typed);
                let json = match bar.value {
                    Some(value) => json.raw("value", &json_value(value)),
                    None => json.raw("value", "null"),
                };
                json.text("qualifier", bar.qualifier.as_deref().unwrap_or("")).close()
            })
            .collect();
        let problems: Vec<String> = pasted
            .problems
            .iter()
            .map(|p| Json::object().number("row", p.row as f64).number("column", p.column as f64).text("message", &p.message).close())
            .collect();
        let header = match &pasted.header {
            Some(cells) => {
                let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                Json::object().texts("cells", &cells).close()
            }
            None => "null".into(),
        };
        Json::object()
            .raw("header", &header)
            .raw("bars", &["[", &bars.join(","), "]"].concat())
            .text("prefix", &pasted.prefix)
            .text("unit", &pasted.unit)
            .raw("problems", &["[", &problems.join(","), "]"].concat())
            .close()
    }

    /// The message the embed would show for `spec` (parsed JSON of `chars` characters)
    /// with `options`, or "" when it draws: the same validator as the embed's.
    #[wasm_bindgen(js_name = checkSpec)]
    pub fn check_spec(options: JsValue, spec: JsValue, chars: usize) -> String {
        custom_chart(&options, &spec, chars).err().and_then(|e| e.as_string()).unwrap_or_default()
    }

    /// A default chart (`options`) written as a custom specification, for the editor to
    /// start from: `{title, bars: [{label, value, qualifier}], unit, prefix, note, source}`.
    #[wasm_bindgen(js_name = defaultSpec)]
    pub fn default_spec(options: JsValue) -> Result<String, JsValue> {
        use crate::facts::Qualifier;
        use crate::spec::{ChartKind, Currency, Units};
        let options = parse_options(&options)?;
        let chart = Chart::build(&options, None).map_err(thrown)?;
        let bars: Vec<String> = chart
            .bars
            .iter()
            .map(|bar| {
                let qualifier = Qualifier::NAMED.iter().find(|(q, _)| *q == bar.qualifier).map_or("", |(_, name)| name);
                Json::object().text("label", &bar.label).raw("value", &crate::format::PLAIN.number(bar.value, 3)).text("qualifier", qualifier).close()
            })
            .collect();
        let (prefix, unit) = match (options.chart, options.units, options.currency) {
            (ChartKind::Cost, _, Currency::Usd) => ("$", "bn"),
            (ChartKind::Cost, _, Currency::Gbp) => ("£", "bn"),
            (_, Units::Kilometres, _) => ("", "km"),
            (_, Units::Miles, _) => ("", "mi"),
        };
        Ok(Json::object()
            .text("title", &chart.title)
            .raw("bars", &["[", &bars.join(","), "]"].concat())
            .text("unit", unit)
            .text("prefix", prefix)
            .text("note", chart.note.as_deref().unwrap_or(""))
            .text("source", chart.source.as_deref().unwrap_or(""))
            .close())
    }

    /// The takeaway the core computes from the numbers (whatever own takeaway the spec has).
    #[wasm_bindgen(js_name = computedTakeaway)]
    pub fn computed_takeaway(options: JsValue, spec: JsValue, chars: usize) -> Result<String, JsValue> {
        let options = parse_options(&options)?;
        check_spec_size(chars).map_err(thrown)?;
        let spec = RawSpec { takeaway: None, ..read_spec(&spec).map_err(thrown)? };
        Ok(Chart::build(&options, Some(&spec)).map_err(thrown)?.takeaway)
    }

    /// The chart's figures as CSV (UTF-8 with BOM), as "Get the data" gives them.
    #[wasm_bindgen(js_name = chartCsv)]
    pub fn chart_csv(options: JsValue, spec: JsValue, chars: usize) -> Result<String, JsValue> {
        Ok(custom_chart(&options, &spec, chars)?.1.csv())
    }

    /// The chart's height at any width as one CSS length of its box's width (see
    /// [`crate::reserve`]): what a custom chart's snippet image holds.
    #[wasm_bindgen(js_name = heightCss)]
    pub fn height_css(options: JsValue, spec: JsValue, chars: usize) -> Result<String, JsValue> {
        Ok(crate::reserve::HeightSteps::of(&custom_chart(&options, &spec, chars)?.1).css())
    }

    /// The chart as a standalone SVG document at `width` CSS px (the static image of a
    /// custom chart: the same layout as the canvas, so the same height at that width).
    #[wasm_bindgen(js_name = renderSvg)]
    pub fn render_svg(options: JsValue, spec: JsValue, chars: usize, width: f64, dark: bool) -> Result<String, JsValue> {
        let (options, chart) = custom_chart(&options, &spec, chars)?;
        let theme = Theme::resolve(options.theme, dark);
        crate::svg::render_svg_document(&chart, width, theme).map_err(thrown)
    }

    /// The chart as the script embed's static HTML at `width` CSS px (see [`crate::html`]),
    /// in the light theme with the dark one's colours for a reader's dark scheme (the
    /// snippet's element has no theme: the live chart follows the reader's scheme too).
    #[wasm_bindgen(js_name = renderHtml)]
    pub fn render_html(options: JsValue, spec: JsValue, chars: usize, width: f64) -> Result<String, JsValue> {
        let (options, chart) = custom_chart(&options, &spec, chars)?;
        let (light, dark) = (Theme::resolve(options.theme, false), Theme::resolve(options.theme, true));
        Ok(crate::html::render_html(&chart, width, light, (dark != light).then_some(dark)))
    }
}
