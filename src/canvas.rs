//! The canvas backend (wasm32 only): plotters' `DrawingBackend` over a 2D
//! canvas context, kept apart from the wasm-bindgen exports as plotters keeps
//! its backends apart, and the text measure a house font needs.
//!
//! It wraps plotters-canvas's backend: the canvas is sized in device pixels
//! (CSS size × devicePixelRatio) before drawing and `render` works in device
//! pixels, so no transform is needed; rectangles, pixels and text are painted
//! with colours and fonts written by hand (plotters-canvas builds them with
//! `format!`, which would pull float formatting into the module).

use crate::format::{char_count, Join, EN};
use crate::text::{Font, TextMeasure};
use crate::theme::Rgb;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle};
use plotters_canvas::CanvasBackend;
use web_sys::CanvasRenderingContext2d;

pub(crate) fn css_font(font: Font, family: &str) -> String {
    [if font.bold { "bold " } else { "" }, &EN.number(font.size, 2), "px ", family].cat()
}

/// `#rrggbb` for a plotters colour.
fn hex(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    crate::wire::hex(Rgb(r, g, b))
}

/// The canvas surface `render` draws on: plotters-canvas's backend, wrapped.
///
/// The canvas is sized in device pixels (CSS size × devicePixelRatio) before
/// drawing, and `render` works in device pixels, so no transform is needed.
/// Rectangles, pixels and text are painted here with colours and fonts written
/// by hand: plotters-canvas builds them with `format!`, which would pull float
/// formatting into the module. plotters-canvas owns the canvas and its size;
/// lines, paths and circles (which `render` does not use) keep its defaults.
pub struct DeviceCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// Context state already set in this drawing (setting it again costs a style parse).
    fill: String,
    font: String,
    /// textAlign and textBaseline as last set.
    anchor: Option<(&'static str, &'static str)>,
}

impl DeviceCanvas {
    pub fn new(inner: CanvasBackend, context: CanvasRenderingContext2d) -> Self {
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
pub struct CanvasMeasure<'a> {
    pub context: &'a CanvasRenderingContext2d,
    pub family: &'a str,
}

impl TextMeasure for CanvasMeasure<'_> {
    fn width(&self, text: &str, font: Font) -> f64 {
        self.context.set_font(&css_font(font, self.family));
        self.context.measure_text(text).map(|m| m.width()).unwrap_or(char_count(text) as f64 * font.size)
    }
}
