//! The only module that speaks wasm-bindgen (compiled for wasm32 only).
//!
//! It converts and forwards: JS values in (options as strings, the parsed
//! child JSON), a [`Widget`] out that lays a chart out with the canvas's own
//! text metrics and draws it through plotters-canvas at the device pixel
//! ratio. Errors cross as plain strings carrying the reader-facing message;
//! nothing here panics on bad input.

use crate::error::{ChartError, ErrorKind};
use crate::format::EN;
use crate::layout::layout;
use crate::model::Chart;
use crate::render::{device_size, render, Surface};
use crate::spec::{Options, RawOptions, RawSpec};
use crate::text::{Font, TextMeasure};
use crate::theme::Theme;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

fn thrown(error: ChartError) -> JsValue {
    JsValue::from_str(error.message())
}

fn parse_options(options: JsValue) -> Result<Options, JsValue> {
    let raw: RawOptions = serde_wasm_bindgen::from_value(options).map_err(|_| {
        JsValue::from_str("Options must be an object whose values are strings, e.g. {chart: \"length\"}.")
    })?;
    Options::from_raw(&raw).map_err(thrown)
}

fn parse_spec(spec: JsValue) -> Result<RawSpec, JsValue> {
    if !spec.is_object() || js_sys::Array::is_array(&spec) {
        return Err(thrown(ChartError::new(
            ErrorKind::BadSpec,
            &["Chart data: the JSON must be an object like {\"title\": \"…\", \"bars\": [{\"label\": \"…\", \"value\": 1}]}."],
        )));
    }
    serde_wasm_bindgen::from_value(spec).map_err(|e| JsValue::from_str(&["Chart data: ", &e.to_string(), "."].concat()))
}

/// Measures text with the canvas's 2D context, i.e. the font the reader sees.
struct CanvasMeasure<'a> {
    context: &'a CanvasRenderingContext2d,
    family: &'a str,
}

pub(crate) fn css_font(font: Font, family: &str) -> String {
    [if font.bold { "bold " } else { "" }, &EN.number(font.size, 2), "px ", family].concat()
}

impl TextMeasure for CanvasMeasure<'_> {
    fn width(&self, text: &str, font: Font) -> f64 {
        self.context.set_font(&css_font(font, self.family));
        self.context.measure_text(text).map(|m| m.width()).unwrap_or(text.chars().count() as f64 * font.size)
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
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(|| JsValue::from_str("This browser cannot draw on a canvas."))?;
        Ok(Widget { canvas, context, options, spec, chart })
    }

    /// Replaces every option (the shim merges updates); the chart is rebuilt.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options: JsValue) -> Result<(), JsValue> {
        let options = parse_options(options)?;
        self.chart = Chart::build(&options, self.spec.as_ref()).map_err(thrown)?;
        self.options = options;
        Ok(())
    }

    /// Lays the chart out at `css_width`, sizes the backing store to CSS size ×
    /// `pixel_ratio`, draws, and returns the chart's height in CSS px.
    pub fn draw(&mut self, css_width: f64, pixel_ratio: f64, prefers_dark: bool) -> Result<f64, JsValue> {
        let ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 { pixel_ratio.clamp(0.25, 8.0) } else { 1.0 };
        let theme = Theme::resolve(self.options.theme, prefers_dark);
        let measure = CanvasMeasure { context: &self.context, family: theme.font_family };
        let layout = layout(&self.chart, css_width, &measure);
        let (width, height) = device_size(&layout, ratio);
        // Assigning the size clears the canvas, even when unchanged; we redraw everything anyway.
        self.canvas.set_width(width);
        self.canvas.set_height(height);
        let backend = CanvasBackend::with_canvas_object(self.canvas.clone())
            .ok_or_else(|| JsValue::from_str("This browser cannot draw on a canvas."))?;
        render(backend, &layout, theme, Surface { pixel_ratio: ratio, font_scale: 1.0 }).map_err(thrown)?;
        Ok(layout.height)
    }

    /// The chart's title, for the figure caption.
    pub fn title(&self) -> String {
        self.chart.title.clone()
    }

    /// Plain-text description with every figure and the takeaway.
    pub fn description(&self) -> String {
        self.chart.description.clone()
    }

    /// The chart's name (`length`, `cost`, `context`).
    #[wasm_bindgen(js_name = chartName)]
    pub fn chart_name(&self) -> String {
        self.options.chart.name().to_string()
    }
}
