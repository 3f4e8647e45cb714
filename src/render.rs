//! Draws a [`Layout`] with plotters onto any `DrawingBackend`: the canvas in
//! the browser, an SVG string on the host. This is the only place marks meet
//! pixels: CSS px are multiplied by the pixel ratio and snapped to whole
//! device pixels, so bars are crisp and their lengths stay proportional.

use crate::error::{ChartError, ErrorKind};
use crate::layout::{Align, Layout, Mark};
use crate::text::Font;
use crate::theme::{Rgb, Theme};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
pub fn render<DB: DrawingBackend>(backend: DB, layout: &Layout, theme: &Theme, surface: Surface, frame: Frame) -> Result<(), ChartError> {
    let failed = |_| ChartError::new(ErrorKind::Render, &["The chart could not be drawn on this surface."]);
    let r = surface.pixel_ratio;
    let band = frame.band.unwrap_or((0.0, layout.height));
    let px = |v: f64| (v * r).round() as i32;
    // Vertical positions, moved up to the band's top.
    let py = |v: f64| ((v - band.0) * r).round() as i32;
    let area = backend.into_drawing_area();
    area.fill(&color(theme.background)).map_err(failed)?;
    let mut bar_index = 0;
    // Shapes first, then the text one font at a time: a canvas parses the font at each change.
    let mut fonts: Vec<Font> = Vec::new();
    let marks = || layout.marks.iter().filter(|m| Layout::in_band(m, band));
    for mark in marks() {
        if let Mark::Text { font, .. } = mark {
            if !fonts.contains(font) {
                fonts.push(*font);
            }
        }
    }
    let shapes = marks().filter(|m| !matches!(m, Mark::Text { .. }));
    let texts = fonts.iter().flat_map(|f| marks().filter(move |m| matches!(m, Mark::Text { font, .. } if font == f)));
    for mark in shapes.chain(texts) {
        match mark {
            Mark::Bar { x, y, w, h, paint } => {
                let index = bar_index;
                bar_index += 1;
                let w = *w;
                if frame.focus == Some(index) {
                    // A 2 px ring, 3 px outside the bar, in the text colour.
                    let ring = color(theme.text).filled();
                    let (left, top, right, bottom) = (x - 5.0, y - 5.0, x + w + 5.0, y + h + 5.0);
                    for [(x0, y0), (x1, y1)] in [
                        [(left, top), (right, top + 2.0)],
                        [(left, bottom - 2.0), (right, bottom)],
                        [(left, top), (left + 2.0, bottom)],
                        [(right - 2.0, top), (right, bottom)],
                    ] {
                        area.draw(&Rectangle::new([(px(x0), py(y0)), (px(x1), py(y1))], ring)).map_err(failed)?;
                    }
                }
                if device_span(*x, w, r) < 1.0 {
                    continue;
                }
                let style = color(theme.color(*paint)).filled();
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
                area.draw(&Rectangle::new([(px(*x), py(*y)), (end, py(y + h))], style)).map_err(failed)?;
                #[cfg(not(target_arch = "wasm32"))]
                if share != theme.background {
                    area.draw(&Rectangle::new([(end, py(*y)), (end + 1, py(y + h))], color(share).filled())).map_err(failed)?;
                }
            }
            Mark::Rule { x, y, h } => {
                let right = px(*x);
                let left = right - (r.round() as i32).max(1);
                let style = color(theme.text).filled();
                area.draw(&Rectangle::new([(left, py(*y)), (right, py(y + h))], style)).map_err(failed)?;
            }
            Mark::Text { x, y, text, font, paint, align, .. } => {
                let family = FontFamily::Name(&theme.font_family);
                let weight = if font.bold { FontStyle::Bold } else { FontStyle::Normal };
                let h_pos = if *align == Align::Left { HPos::Left } else { HPos::Right };
                let fill = color(theme.color(*paint));
                let style = TextStyle::from((family, font.size * r * surface.font_scale, weight)).color(&fill).pos(Pos::new(h_pos, VPos::Center));
                area.draw(&Text::new(text.as_str(), (px(*x), py(*y)), style)).map_err(failed)?;
            }
        }
    }
    area.present().map_err(failed)
}
