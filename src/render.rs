//! Draws a [`Layout`] with plotters onto any `DrawingBackend`: the canvas in
//! the browser, an SVG string on the host. This is the only place marks meet
//! pixels: CSS px are multiplied by the pixel ratio and snapped to whole
//! device pixels, so bars are crisp and their lengths stay proportional.
//!
//! It speaks to the backend itself (`draw_rect`, `draw_text`): the marks are
//! already in device pixels, so a `DrawingArea` and its elements would only
//! map them through an identity and wrap each call (they are the same calls
//! that `DrawingArea::fill` and the `Rectangle` and `Text` elements make).
//! A text mark's style is a [`Lettering`], which lends the theme's family
//! where plotters' `TextStyle` would copy it into new strings for each mark.

use crate::error::{ChartError, ErrorKind};
use crate::layout::{Align, Layout, Mark};
use crate::text::Font;
use crate::theme::{Rgb, Theme};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendTextStyle};

/// How one text mark is lettered, as a backend reads it: the family lent by the
/// theme, size in device px, weight, colour and anchor. Backends that draw text
/// themselves (the canvas, SVG) need nothing else; it has no glyphs to lay out.
struct Lettering<'a> {
    family: &'a str,
    size: f64,
    bold: bool,
    color: BackendColor,
    anchor: Pos,
}

/// What a backend gets that would lay out or rasterise text itself (the crate's one
/// error type): there are no glyphs here.
fn no_glyphs() -> ChartError {
    ChartError::new(ErrorKind::Render, &["This surface must draw text itself."])
}

impl BackendTextStyle for Lettering<'_> {
    type FontError = ChartError;

    fn color(&self) -> BackendColor {
        self.color
    }

    fn size(&self) -> f64 {
        self.size
    }

    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }

    fn anchor(&self) -> Pos {
        self.anchor
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(self.family)
    }

    fn layout_box(&self, _text: &str) -> Result<((i32, i32), (i32, i32)), ChartError> {
        Err(no_glyphs())
    }

    fn draw<E, DrawFunc: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: DrawFunc,
    ) -> Result<Result<(), E>, ChartError> {
        Err(no_glyphs())
    }
}

/// How the target surface maps CSS px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Surface {
    /// Device pixels per CSS px (`devicePixelRatio`), 1 for SVG.
    pub pixel_ratio: f64,
    /// Multiplier on font sizes: 1 for the canvas, 1.24 for plotters' SVG
    /// backend, which writes every font size divided by 1.24.
    pub font_scale: f64,
}

/// What changes between drawings of one layout: the bar in focus, and which
/// band of the layout the surface shows. (The grow-in is not drawn here: the
/// page animates covers over the final drawing, see `wire::overlay`.)
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The bar with the keyboard focus ring, if any.
    pub focus: Option<usize>,
    /// `(top, bottom)` in CSS px: the surface shows this band of the layout
    /// (its shapes, and the text lines whose middle is inside it), moved up to
    /// its top. `None`: the whole layout.
    pub band: Option<(f64, f64)>,
}

impl Frame {
    pub const FINAL: Frame = Frame { focus: None, band: None };
}

/// Backing-store size in device pixels for a layout (or its `band`) on a surface.
pub fn device_size(layout: &Layout, band: Option<(f64, f64)>, pixel_ratio: f64) -> (u32, u32) {
    let (top, bottom) = band.unwrap_or((0.0, layout.height));
    ((layout.width * pixel_ratio).round() as u32, ((bottom - top) * pixel_ratio).round() as u32)
}

/// Length in device px of the span `x .. x + w` (CSS px) after snapping both ends.
pub fn device_span(x: f64, w: f64, pixel_ratio: f64) -> f64 {
    ((x + w) * pixel_ratio).round() - (x * pixel_ratio).round()
}

fn color(rgb: Rgb) -> RGBColor {
    RGBColor(rgb.0, rgb.1, rgb.2)
}

/// Draws `layout` in `theme` on `backend`, whose size must be [`device_size`].
pub fn render<DB: DrawingBackend>(mut backend: DB, layout: &Layout, theme: &Theme, surface: Surface, frame: Frame) -> Result<(), ChartError> {
    let failed = |_| ChartError::new(ErrorKind::Render, &["The chart could not be drawn on this surface."]);
    let r = surface.pixel_ratio;
    let band = frame.band.unwrap_or((0.0, layout.height));
    let px = |v: f64| (v * r).round() as i32;
    // Vertical positions, moved up to the band's top.
    let py = |v: f64| ((v - band.0) * r).round() as i32;
    backend.ensure_prepared().map_err(failed)?;
    let (width, height) = backend.get_size();
    backend.draw_rect((0, 0), (width as i32, height as i32), &color(theme.background), true).map_err(failed)?;
    // A filled rectangle between two corners, in either order (as plotters' Rectangle draws it).
    let fill_rect = |backend: &mut DB, (x0, y0): (i32, i32), (x1, y1): (i32, i32), fill: RGBColor| {
        backend.draw_rect((x0.min(x1), y0.min(y1)), (x0.max(x1), y0.max(y1)), &fill, true).map_err(failed)
    };
    let mut bar_index = 0;
    // Shapes first, then the text one font at a time: a canvas parses the font at each change.
    let mut fonts: Vec<Font> = Vec::new();
    // (Plain loops over the marks, here and below: smaller in the wasm than filter adapters.)
    for mark in &layout.marks {
        if !Layout::in_band(mark, band) {
            continue;
        }
        if let Mark::Text { font, .. } = mark {
            if !fonts.contains(font) {
                fonts.push(*font);
            }
        }
    }
    // Pass 0 draws the shapes (no font); pass k the text lines in the k-th font.
    for pass in 0..=fonts.len() {
        let pass_font = pass.checked_sub(1).and_then(|k| fonts.get(k).copied());
        for mark in &layout.marks {
            let mark_font = if let Mark::Text { font, .. } = mark { Some(*font) } else { None };
            if mark_font != pass_font || !Layout::in_band(mark, band) {
                continue;
            }
            match mark {
                Mark::Bar { x, y, w, h, paint } => {
                    let index = bar_index;
                    bar_index += 1;
                    let w = *w;
                    if frame.focus == Some(index) {
                        // A 2 px ring, 3 px outside the bar, in the text colour.
                        let ring = color(theme.text);
                        let (left, top, right, bottom) = (x - 5.0, y - 5.0, x + w + 5.0, y + h + 5.0);
                        for [(x0, y0), (x1, y1)] in [
                            [(left, top), (right, top + 2.0)],
                            [(left, bottom - 2.0), (right, bottom)],
                            [(left, top), (left + 2.0, bottom)],
                            [(right - 2.0, top), (right, bottom)],
                        ] {
                            fill_rect(&mut backend, (px(x0), py(y0)), (px(x1), py(y1)), ring)?;
                        }
                    }
                    if device_span(*x, w, r) < 1.0 {
                        continue;
                    }
                    let style = color(theme.color(*paint));
                    // Host images (the SVG and PNG files): the bar's last device pixel is painted
                    // in the share of it the bar covers, so that even a 20 px bar of a 1x image is
                    // as long as its value says to a fraction of a pixel (lie factor 1.00 +- 0.02
                    // measured in the pixels), where a whole pixel would be 2.5% of it. The live
                    // canvas, redrawn at the reader's own pixel ratio, keeps whole pixels.
                    #[cfg(not(target_arch = "wasm32"))]
                    let (end, share) = {
                        let end = (x + w) * r;
                        (end.floor() as i32, theme.background.mix(theme.color(*paint), end - end.floor()))
                    };
                    #[cfg(target_arch = "wasm32")]
                    let end = px(x + w);
                    fill_rect(&mut backend, (px(*x), py(*y)), (end, py(y + h)), style)?;
                    #[cfg(not(target_arch = "wasm32"))]
                    if share != theme.background {
                        fill_rect(&mut backend, (end, py(*y)), (end + 1, py(y + h)), color(share))?;
                    }
                }
                Mark::Rule { x, y, h } => {
                    let right = px(*x);
                    let left = right - (r.round() as i32).max(1);
                    fill_rect(&mut backend, (left, py(*y)), (right, py(y + h)), color(theme.text))?;
                }
                Mark::Text { x, y, text, font, paint, align, .. } => {
                    let h_pos = if *align == Align::Left { HPos::Left } else { HPos::Right };
                    let Rgb(red, green, blue) = theme.color(*paint);
                    let lettering = Lettering {
                        family: &theme.font_family,
                        size: font.size * r * surface.font_scale,
                        bold: font.bold,
                        color: BackendColor { alpha: 1.0, rgb: (red, green, blue) },
                        anchor: Pos::new(h_pos, VPos::Center),
                    };
                    backend.draw_text(text.as_str(), &lettering, (px(*x), py(*y))).map_err(failed)?;
                }
            }
        }
    }
    backend.present().map_err(failed)
}
