//! The only module that speaks wasm-bindgen (compiled for wasm32 only).
//!
//! It converts and forwards: JS values in (options as strings, the parsed
//! child JSON), a [`Widget`] out that lays a chart out (with the same text
//! metrics as the host, see [`crate::text`]) and draws it through
//! plotters-canvas at the device pixel ratio. Errors cross as plain strings carrying the reader-facing message;
//! nothing here panics on bad input.

use crate::error::{ChartError, ErrorKind};
use crate::format::EN;
use crate::layout::layout;
use crate::model::Chart;
use crate::render::{device_size, render, Surface};
use crate::spec::{Options, RawOptions, RawSpec};
use crate::text::{DejaVuMetrics, Font};
use crate::theme::Theme;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle};
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

pub(crate) fn css_font(font: Font, family: &str) -> String {
    [if font.bold { "bold " } else { "" }, &EN.number(font.size, 2), "px ", family].concat()
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
/// Filled rectangles and text are painted here with colours and fonts written
/// by hand: plotters-canvas builds them with `format!`, which would pull float
/// formatting into the module. Everything else goes to plotters-canvas.
struct DeviceCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
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
        self.inner.draw_pixel(point, color).map_err(refused)
    }

    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Drawn {
        if !fill {
            return self.inner.draw_rect(upper_left, bottom_right, style, fill).map_err(refused);
        }
        self.context.set_fill_style_str(&hex(style.color()));
        let (x0, y0) = (upper_left.0 as f64, upper_left.1 as f64);
        self.context.fill_rect(x0, y0, bottom_right.0 as f64 - x0, bottom_right.1 as f64 - y0);
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Drawn {
        let font = Font { size: style.size(), bold: matches!(style.style(), FontStyle::Bold) };
        self.context.set_font(&css_font(font, style.family().as_str()));
        self.context.set_fill_style_str(&hex(style.color()));
        self.context.set_text_align(match style.anchor().h_pos {
            HPos::Left => "left",
            HPos::Right => "right",
            HPos::Center => "center",
        });
        self.context.set_text_baseline(match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.context.fill_text(text, pos.0 as f64, pos.1 as f64).map_err(refused)
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
    padding: f64,
    link_color: String,
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
        Ok(Widget { canvas, context, options, spec, chart, padding: 0.0, link_color: String::new() })
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
        // The same metrics as the static SVG, so a fallback of the same width has the same height.
        let layout = layout(&self.chart, css_width, &DejaVuMetrics);
        let (width, height) = device_size(&layout, ratio);
        // Assigning the size clears the canvas, even when unchanged; we redraw everything anyway.
        self.canvas.set_width(width);
        self.canvas.set_height(height);
        let inner = CanvasBackend::with_canvas_object(self.canvas.clone())
            .ok_or_else(|| JsValue::from_str("This browser cannot draw on a canvas."))?;
        let backend = DeviceCanvas { inner, context: self.context.clone() };
        render(backend, &layout, theme, Surface { pixel_ratio: ratio, font_scale: 1.0 }).map_err(thrown)?;
        self.padding = layout.padding;
        let muted = theme.muted;
        self.link_color = hex(BackendColor { alpha: 1.0, rgb: (muted.0, muted.1, muted.2) });
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

    /// The margin of the last drawing in CSS px (the shim aligns the data link with it).
    pub fn padding(&self) -> f64 {
        self.padding
    }

    /// The colour of small print in the last drawing's theme, for the data link.
    #[wasm_bindgen(js_name = linkColor)]
    pub fn link_color(&self) -> String {
        self.link_color.clone()
    }

    /// The chart's figures as CSV (UTF-8 with BOM), for "Get the data".
    pub fn csv(&self) -> String {
        self.chart.csv()
    }

    /// The chart's name (`length`, `cost`, `context`).
    #[wasm_bindgen(js_name = chartName)]
    pub fn chart_name(&self) -> String {
        self.options.chart.name().to_string()
    }
}
