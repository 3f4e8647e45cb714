//! Pure geometry: where every mark of a chart goes at a given CSS width.
//!
//! Input: a validated [`Chart`], a width in CSS px and a [`TextMeasure`].
//! Output: a [`Layout`] (its height and a list of marks in CSS px). No
//! drawing, no DOM, no device pixels: the renderer scales by the pixel ratio.
//! Invariants (tested below over 280..=1200 px): every mark lies inside the
//! canvas, no two text boxes overlap and no text overlaps a bar, and bar
//! lengths are proportional to their values on one zero-based scale.

use crate::model::Chart;
use crate::text::{ellipsize, wrap, Font, TextMeasure};
use crate::theme::Paint;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A filled bar, from its zero at `x` to `x + w`.
    Bar { x: f64, y: f64, w: f64, h: f64, paint: Paint },
    /// The zero line: one CSS px wide, immediately left of `x`, from `y` to `y + h`.
    Rule { x: f64, y: f64, h: f64 },
    /// One line of text; `x` is its left (or right) edge, `y` the middle of its
    /// line box of height `line_height`; `width` is its measured advance.
    Text { x: f64, y: f64, text: String, font: Font, paint: Paint, align: Align, width: f64, line_height: f64 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    /// Whole CSS px, so that the backing store is exact.
    pub height: f64,
    /// The margin around the content; the last `LINK_LINE` px above the bottom
    /// margin are left blank for the "Get the data" link.
    pub padding: f64,
    /// One band per bar, `(top, bottom)` in CSS px, covering its label and bar
    /// across the whole width: what a pointer or tooltip refers to.
    pub rows: Vec<(f64, f64)>,
    pub marks: Vec<Mark>,
}

/// Narrowest width the layout is designed for; narrower containers still get a
/// chart, drawn with the same rules.
pub const MIN_WIDTH: f64 = 280.0;

/// Height of the blank line reserved at the bottom for the data link (a 24 px target).
pub const LINK_LINE: f64 = 24.0;

fn line_height(font: Font) -> f64 {
    (font.size * 1.3).ceil()
}

struct Builder<'a> {
    marks: Vec<Mark>,
    measure: &'a dyn TextMeasure,
}

impl Builder<'_> {
    fn text(&mut self, x: f64, y_top: f64, text: String, font: Font, paint: Paint, align: Align) -> f64 {
        let lh = line_height(font);
        let width = self.measure.width(&text, font);
        self.marks.push(Mark::Text { x, y: y_top + lh / 2.0, text, font, paint, align, width, line_height: lh });
        lh
    }

    /// Wrapped paragraph at `x`, starting at `y`, every line of it; returns the new `y`.
    fn paragraph(&mut self, x: f64, mut y: f64, text: &str, font: Font, paint: Paint, width: f64) -> f64 {
        for line in wrap(text, font, width, self.measure) {
            y += self.text(x, y, line, font, paint, Align::Left);
        }
        y
    }
}

/// The bar which `y` (CSS px) falls in, if any.
/// How far the focus ring reaches beyond a bar's row (it is drawn 5 px outside the bar).
pub const RING_REACH: f64 = 6.0;

impl Layout {
    /// The band a canvas draws: the bars' rows with their labels, values and
    /// focus ring, `(top, bottom)` in whole CSS px. The text above it (title,
    /// takeaway) and below it (note, source) can be set as page text instead.
    /// The whole layout when there are no rows.
    pub fn plot_band(&self) -> (f64, f64) {
        match (self.rows.first(), self.rows.last()) {
            (Some(first), Some(last)) => ((first.0 - RING_REACH).floor().max(0.0), (last.1 + RING_REACH).ceil().min(self.height)),
            _ => (0.0, self.height),
        }
    }

    /// Whether a mark is drawn with the band `(top, bottom)`: every shape, and
    /// the text lines whose middle is inside it.
    pub fn in_band(mark: &Mark, (top, bottom): (f64, f64)) -> bool {
        match mark {
            Mark::Text { y, .. } => *y > top && *y < bottom,
            _ => true,
        }
    }

    /// Whether a mark is a text line outside the band `(top, bottom)`: one the page sets
    /// as text around the canvas (a predicate for plain loops over the marks, which are
    /// smaller in the wasm than a filtering iterator).
    pub fn is_line_outside(mark: &Mark, band: (f64, f64)) -> bool {
        matches!(mark, Mark::Text { .. }) && !Self::in_band(mark, band)
    }
}

pub fn row_at(layout: &Layout, y: f64) -> Option<usize> {
    layout.rows.iter().position(|&(top, bottom)| y >= top && y < bottom)
}

/// Lays `chart` out at `width` CSS px, with every font `text_scale` times its
/// designed size (the reader's default font size over 16 px; 1 to 2).
pub fn layout(chart: &Chart, width: f64, text_scale: f64, measure: &dyn TextMeasure) -> Layout {
    let width = if width.is_finite() { width.clamp(120.0, 4000.0).floor() } else { MIN_WIDTH };
    let scale = if text_scale.is_finite() { text_scale.clamp(1.0, 2.0) } else { 1.0 };
    let font = |size: f64, bold: bool| Font { size: size * scale, bold };
    let narrow = width < 480.0;
    let pad = if narrow { 10.0 } else { 16.0 };
    let inner = width - 2.0 * pad;
    let title_font = font(
        if narrow {
            17.0
        } else if width < 800.0 {
            19.0
        } else {
            21.0
        },
        true,
    );
    let body_font = font(if narrow { 14.0 } else { 15.0 }, false);
    let label_font = font(if narrow { 13.0 } else { 14.0 }, false);
    let value_font = Font { bold: true, ..label_font };
    let small_font = font(12.0, false);
    // At least 24 px: a pointer target (WCAG 2.5.8), and room for the value label.
    let bar_height = f64::max(if narrow { 24.0 } else { 26.0 }, line_height(label_font));
    let bar_gap = if narrow { 10.0 } else { 12.0 };

    let mut b = Builder { marks: Vec::new(), measure };
    let mut y = pad;
    y = b.paragraph(pad, y, &chart.title, title_font, Paint::Text, inner);
    y += 2.0;
    if !chart.takeaway.is_empty() {
        y = b.paragraph(pad, y, &chart.takeaway, body_font, Paint::Text, inner);
    }
    y += 14.0;

    // (One plain loop for the widest label, value and the largest value: smaller in the wasm.)
    let (mut widest_label, mut widest_value, mut max_value) = (0.0f64, 0.0f64, 0.0f64);
    for bar in &chart.bars {
        widest_label = widest_label.max(measure.width(&bar.label, label_font));
        widest_value = widest_value.max(measure.width(&bar.value_text, value_font));
        max_value = max_value.max(bar.value);
    }
    // Labels sit left of their bars when there is room, else above them.
    let inline = !narrow && widest_label <= inner * 0.34;
    let zero_x = if inline { pad + widest_label + 12.0 } else { pad + 1.0 };
    let right = pad + inner;
    let value_gap = 6.0;
    let scale_length = (right - zero_x - value_gap - widest_value).max(inner * 0.3);
    let bars_top = y;
    let mut rows = Vec::with_capacity(chart.bars.len());
    for bar in &chart.bars {
        let row_top = y - bar_gap / 2.0;
        if !inline {
            y = b.paragraph(pad, y, &bar.label, label_font, Paint::Text, inner);
            y += 2.0;
        }
        let length = if max_value > 0.0 { bar.value / max_value * scale_length } else { 0.0 };
        b.marks.push(Mark::Bar { x: zero_x, y, w: length, h: bar_height, paint: bar.paint });
        if !inline {
            b.marks.push(Mark::Rule { x: zero_x, y: y - 3.0, h: bar_height + 6.0 });
        }
        let middle_top = y + (bar_height - line_height(label_font)) / 2.0;
        if inline {
            let label = ellipsize(&bar.label, label_font, widest_label, measure);
            b.text(zero_x - 12.0, middle_top, label, label_font, Paint::Text, Align::Right);
        }
        let value_x = zero_x + length + value_gap;
        let value = ellipsize(&bar.value_text, value_font, right - value_x, measure);
        b.text(value_x, middle_top, value, value_font, Paint::Text, Align::Left);
        y += bar_height + bar_gap;
        rows.push((row_top, y - bar_gap / 2.0));
    }
    if inline {
        b.marks.push(Mark::Rule { x: zero_x, y: bars_top - 4.0, h: y - bar_gap + 4.0 - (bars_top - 4.0) });
    }
    y += 4.0 - bar_gap + 12.0;
    if let Some(note) = &chart.note {
        y = b.paragraph(pad, y, note, small_font, Paint::Muted, inner);
    }
    if let Some(source) = &chart.source {
        y = b.paragraph(pad, y, source, small_font, Paint::Muted, inner);
    }
    // A blank line for the page's "Get the data" link, laid over the canvas
    // by the shim; reserved in every rendering so the static SVG is as tall.
    y += 4.0 + LINK_LINE * scale;
    Layout { width, height: (y + pad).ceil(), padding: pad, rows, marks: b.marks }
}

/// The box a mark covers, as (left, top, right, bottom) in CSS px.
pub fn bounds(mark: &Mark) -> (f64, f64, f64, f64) {
    match *mark {
        Mark::Bar { x, y, w, h, .. } => (x, y, x + w, y + h),
        Mark::Rule { x, y, h } => (x - 1.0, y, x, y + h),
        Mark::Text { x, y, width, line_height, align, .. } => {
            let left = if align == Align::Left { x } else { x - width };
            (left, y - line_height / 2.0, left + width, y + line_height / 2.0)
        }
    }
}

#[cfg(test)]
mod tests {
    /// The canvas band holds every shape, the focus ring and every bar's text; the
    /// lines outside it are the title, takeaway, note and source; band + outside = all.
    #[test]
    fn plot_band_splits_the_chart_from_its_surrounding_text() {
        use crate::model::Chart;
        use crate::spec::{Options, RawOptions};
        for name in ["length", "cost", "context"] {
            let raw = RawOptions { chart: Some(name.into()), ..Default::default() };
            let chart = Chart::build(&Options::from_raw(&raw).unwrap(), None).unwrap();
            for width in [280.0, 640.0, 1200.0] {
                let full = layout(&chart, width, 1.0, &DejaVuMetrics);
                let (top, bottom) = full.plot_band();
                assert!(top >= 0.0 && top < bottom && bottom <= full.height, "{name} {width}: band {top}..{bottom}");
                let inside: Vec<&Mark> = full.marks.iter().filter(|m| Layout::in_band(m, (top, bottom))).collect();
                let outside: Vec<&Mark> = full.marks.iter().filter(|m| Layout::is_line_outside(m, (top, bottom))).collect();
                assert_eq!(inside.len() + outside.len(), full.marks.len(), "{name} {width}: every mark once");
                for mark in &inside {
                    if let Mark::Bar { y, h, .. } = mark {
                        assert!(*y - 5.0 >= top && y + h + 5.0 <= bottom, "{name} {width}: the focus ring fits");
                    }
                }
                let texts = |marks: &mut dyn Iterator<Item = &Mark>| -> Vec<String> {
                    marks.filter_map(|m| if let Mark::Text { text, .. } = m { Some(text.clone()) } else { None }).collect()
                };
                let outside_text = texts(&mut outside.iter().copied()).join(" ");
                assert!(outside_text.starts_with(&chart.title[..10]), "{name} {width}: the title is outside: {outside_text}");
                let inside_text = texts(&mut inside.iter().copied()).join(" ");
                for bar in &chart.bars {
                    assert!(inside_text.contains(&bar.value_text), "{name} {width}: {} is on the canvas", bar.value_text);
                }
            }
        }
    }

    use super::*;
    use crate::model::Chart;
    use crate::spec::{Options, RawBar, RawOptions, RawSpec};
    use crate::text::DejaVuMetrics;

    fn charts() -> Vec<Chart> {
        let mut all = Vec::new();
        for chart in ["length", "cost", "context"] {
            for units in ["mi", "km"] {
                let raw = RawOptions {
                    chart: Some(chart.into()),
                    units: Some(units.into()),
                    currency: Some(if units == "mi" { "USD" } else { "GBP" }.into()),
                    gbp_per_usd: Some("0.79".into()),
                    ..Default::default()
                };
                all.push(Chart::build(&Options::from_raw(&raw).unwrap(), None).unwrap());
            }
        }
        let long_labels = RawSpec {
            title: Some("A very long custom title that certainly needs wrapping on a narrow phone screen".into()),
            bars: Some(vec![
                RawBar {
                    label: Some("An extraordinarily long label for a bar that never fits beside it".into()),
                    value: Some(1234.5),
                    qualifier: Some("at least".into()),
                },
                RawBar { label: Some("Short".into()), value: Some(0.5), qualifier: None },
                RawBar { label: Some("Zero".into()), value: Some(0.0), qualifier: None },
            ]),
            unit: Some("tonnes".into()),
            note: Some("A note.".into()),
            source: Some("Source: a long list of sources, each of which is named here in full".into()),
            ..Default::default()
        };
        all.push(Chart::build(&Options::from_raw(&RawOptions { chart: Some("length".into()), ..Default::default() }).unwrap(), Some(&long_labels)).unwrap());
        all
    }

    /// A newsroom's words are shown whole at any width and reader font size: every word of
    /// the title, takeaway, labels, note and source is on a line of its own text, none cut
    /// with an ellipsis (the chart grows taller). The Russian context chart at a phone's
    /// width lost the end of its title and takeaway when each was held to three lines.
    #[test]
    fn every_word_of_every_text_is_shown_however_narrow() {
        let mut all = charts();
        let russian = RawOptions { chart: Some("context".into()), locale: Some("ru-RU".into()), ..Default::default() };
        all.push(Chart::build(&Options::from_raw(&russian).unwrap(), None).unwrap());
        let title = "A title of nearly two hundred characters, about the most a title may have, written out so that it wraps onto many lines at the narrowest width and the largest reader font size the layout allows";
        let long = RawSpec { title: Some(title.into()), bars: Some(vec![RawBar { label: Some("A".into()), value: Some(1.0), qualifier: None }]), ..Default::default() };
        all.push(Chart::build(&Options::from_raw(&RawOptions { chart: Some("length".into()), ..Default::default() }).unwrap(), Some(&long)).unwrap());
        for chart in &all {
            let texts = [chart.title.as_str(), chart.takeaway.as_str(), chart.note.as_deref().unwrap_or(""), chart.source.as_deref().unwrap_or("")].join(" ");
            let mut words: Vec<&str> = texts.split(' ').filter(|w| !w.is_empty()).collect();
            for bar in &chart.bars {
                words.extend(bar.label.split(' ').filter(|w| !w.is_empty()));
            }
            for (width, scale) in [(280.0, 1.0), (280.0, 2.0), (360.0, 1.0), (640.0, 2.0)] {
                let l = layout(chart, width, scale, &DejaVuMetrics);
                // (Lines joined with nothing between them: a word too long for a line is broken
                // across two, and is shown whole all the same.)
                let shown: String = l.marks.iter().filter_map(|m| if let Mark::Text { text, .. } = m { Some(text.as_str()) } else { None }).collect::<Vec<_>>().concat();
                for word in &words {
                    assert!(shown.contains(word), "{}: {word:?} shown at {width} px × {scale}", chart.title);
                }
            }
        }
    }

    fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
        a.0 < b.2 - 0.01 && b.0 < a.2 - 0.01 && a.1 < b.3 - 0.01 && b.1 < a.3 - 0.01
    }

    #[test]
    fn marks_stay_inside_and_text_never_overlaps() {
        for chart in charts() {
            for width in (280..=1200).step_by(8) {
                let l = layout(&chart, width as f64, 1.0, &DejaVuMetrics);
                assert_eq!(l.width, width as f64);
                assert_eq!(l.height, l.height.round());
                for m in &l.marks {
                    let (x0, y0, x1, y1) = bounds(m);
                    assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= l.width && y1 <= l.height, "{m:?} outside {}x{}", l.width, l.height);
                }
                let boxes: Vec<_> = l.marks.iter().filter(|m| !matches!(m, Mark::Rule { .. })).map(|m| (m, bounds(m))).collect();
                for (i, (a, ba)) in boxes.iter().enumerate() {
                    for (b, bb) in &boxes[i + 1..] {
                        let both_bars = matches!(a, Mark::Bar { .. }) && matches!(b, Mark::Bar { .. });
                        assert!(both_bars || !overlaps(*ba, *bb), "at {width}: {a:?} overlaps {b:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn bars_are_proportional_within_one_device_pixel() {
        for chart in charts() {
            for width in (280..=1200).step_by(8) {
                let l = layout(&chart, width as f64, 1.0, &DejaVuMetrics);
                let bars: Vec<(f64, f64)> = l.marks.iter().filter_map(|m| if let Mark::Bar { x, w, .. } = m { Some((*x, *w)) } else { None }).collect();
                assert_eq!(bars.len(), chart.bars.len());
                let (longest, max_value) = bars.iter().zip(&chart.bars).map(|(b, m)| (b.1, m.value)).fold((0.0, 0.0), |a, b| if b.1 > a.1 { b } else { a });
                for ratio in [1.0, 1.5, 2.0, 3.0] {
                    for ((x, w), bar) in bars.iter().zip(&chart.bars) {
                        assert_eq!(*x, bars[0].0, "one zero for every bar");
                        let device = crate::render::device_span(*x, *w, ratio);
                        let expected = bar.value / max_value * longest * ratio;
                        assert!((device - expected).abs() <= 1.0, "width {width} ratio {ratio}: {device} vs {expected}");
                    }
                }
            }
        }
    }

    #[test]
    fn long_labels_move_above_their_bars_on_narrow_widths() {
        let chart = &charts()[0];
        let label_x = |l: &Layout| {
            l.marks.iter().find_map(|m| match m {
                Mark::Text { text, align, x, .. } if text == "Proposed tunnel" => Some((*align, *x)),
                _ => None,
            })
        };
        let wide = layout(chart, 960.0, 1.0, &DejaVuMetrics);
        assert_eq!(label_x(&wide).unwrap().0, Align::Right, "beside the bar at 960 px");
        let narrow = layout(chart, 320.0, 1.0, &DejaVuMetrics);
        assert_eq!(label_x(&narrow).unwrap(), (Align::Left, 10.0), "above the bar at 320 px");
    }

    #[test]
    fn larger_reader_fonts_keep_the_invariants() {
        for chart in charts() {
            for width in [280.0, 320.0, 640.0, 1200.0] {
                let base = layout(&chart, width, 1.0, &DejaVuMetrics);
                let big = layout(&chart, width, 2.0, &DejaVuMetrics);
                assert!(big.height > base.height, "text at twice the size needs more height");
                for m in &big.marks {
                    let (x0, y0, x1, y1) = bounds(m);
                    assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= big.width && y1 <= big.height, "{m:?}");
                }
            }
        }
    }

    #[test]
    fn rows_cover_each_bar_and_do_not_overlap() {
        for chart in charts() {
            for width in [280.0, 640.0, 960.0] {
                let l = layout(&chart, width, 1.0, &DejaVuMetrics);
                assert_eq!(l.rows.len(), chart.bars.len());
                let bars: Vec<_> = l.marks.iter().filter_map(|m| if let Mark::Bar { y, h, .. } = m { Some((*y, *h)) } else { None }).collect();
                for (i, ((top, bottom), (y, h))) in l.rows.iter().zip(&bars).enumerate() {
                    assert!(*top <= *y && y + h <= *bottom, "row {i} covers its bar");
                    assert!(bottom - top >= 24.0, "row {i} is a 24 px target");
                    assert_eq!(row_at(&l, y + h / 2.0), Some(i));
                }
                for pair in l.rows.windows(2) {
                    assert!(pair[0].1 <= pair[1].0);
                }
                assert_eq!(row_at(&l, 0.0), None);
            }
        }
    }

    #[test]
    fn odd_widths_do_not_break_the_layout() {
        let chart = &charts()[0];
        for w in [0.0, -5.0, f64::NAN, f64::INFINITY, 1e9] {
            let l = layout(chart, w, 1.0, &DejaVuMetrics);
            assert!(l.width >= 120.0 && l.height > 0.0);
        }
    }
}
