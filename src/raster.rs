//! Pixels on the host, for the channels that take no SVG and run no script
//! (social cards, newsletters, Apple News, AMP placeholders): a chart's SVG from
//! [`crate::svg`] drawn to PNG by resvg, its text set in the font files the
//! layout measures (DejaVu Sans, from Debian's `fonts-dejavu-core` or any folder
//! holding the two files), so a PNG breaks and sets its lines as the SVG and the
//! canvas do. Plus the two composed images: the share card (1200×630: the whole
//! chart, title, takeaway and source included, scaled into a safe margin) and
//! the newsletter image (600 CSS px at 2×).

use crate::error::{ChartError, ErrorKind};
use crate::layout::{LINK_LINE, MIN_WIDTH};
use crate::model::Chart;
use crate::reserve::HeightSteps;
use crate::svg::{escape_xml, render_svg_at, render_svg_document_at};
use crate::theme::Theme;
use crate::wire::hex;
use resvg::usvg::{self, fontdb};
use std::path::Path;
use std::sync::Arc;

/// Where Debian's `fonts-dejavu-core` puts DejaVu Sans.
pub const DEFAULT_FONT_DIR: &str = "/usr/share/fonts/truetype/dejavu";
/// The faces the layout measures: regular (labels, values, notes) and bold (title, values).
pub const FONT_FILES: [&str; 2] = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

/// The share card's size in pixels (what Facebook, X, LinkedIn and Slack show at 1.91:1).
pub const CARD_SIZE: (u32, u32) = (1200, 630);
/// The card's safe margin on every side: nothing is drawn in it but the background,
/// so a platform that rounds corners or crops a few per cent cuts nothing.
pub const CARD_MARGIN: f64 = 48.0;
/// The newsletter image: this many CSS px wide (a common email column), drawn at 2×.
pub const NEWSLETTER_WIDTH: f64 = 600.0;
pub const NEWSLETTER_SCALE: f32 = 2.0;

/// The font files text is set in, loaded once and shared by every image.
pub struct Fonts {
    database: Arc<fontdb::Database>,
}

impl Fonts {
    /// DejaVu Sans regular and bold from `dir`; a missing file is named with the package that has it.
    pub fn load(dir: &Path) -> Result<Fonts, ChartError> {
        let mut database = fontdb::Database::new();
        for file in FONT_FILES {
            let path = dir.join(file);
            let data = std::fs::read(&path).map_err(|e| {
                let shown = path.display().to_string();
                let cause = e.to_string();
                ChartError::new(
                    ErrorKind::Render,
                    &[
                        "cannot read the font ",
                        &shown,
                        " (",
                        &cause,
                        "): install Debian's fonts-dejavu-core, or pass --fonts DIR holding DejaVuSans.ttf and DejaVuSans-Bold.ttf",
                    ],
                )
            })?;
            database.load_font_data(data);
        }
        database.set_sans_serif_family("DejaVu Sans");
        Ok(Fonts { database: Arc::new(database) })
    }
}

/// An encoded PNG and its size in pixels.
pub struct Png {
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// `svg` drawn at `scale` device px per SVG px (1, 2, 3 …) to PNG.
pub fn png_of_svg(svg: &str, scale: f32, fonts: &Fonts) -> Result<Png, ChartError> {
    let fail = |what: &str, cause: String| ChartError::new(ErrorKind::Render, &[what, &cause]);
    let options = usvg::Options { fontdb: fonts.database.clone(), font_family: "DejaVu Sans".into(), ..Default::default() };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| fail("the SVG could not be read: ", e.to_string()))?;
    let size = tree.size();
    let (width, height) = ((size.width() * scale).round() as u32, (size.height() * scale).round() as u32);
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(width, height).ok_or_else(|| fail("no image of that size: ", [width, height].map(|n| n.to_string()).join("×")))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let bytes = pixmap.encode_png().map_err(|e| fail("PNG encoding failed: ", e.to_string()))?;
    Ok(Png { width, height, bytes })
}

/// The chart at `width` CSS px and `scale` as PNG (the fallback beside its SVG): the
/// same renderer drawing at that pixel ratio, as the canvas does at that devicePixelRatio.
pub fn chart_png(chart: &Chart, width: f64, scale: f32, theme: &Theme, fonts: &Fonts) -> Result<Png, ChartError> {
    png_of_svg(&render_svg_document_at(chart, width, theme, scale as f64)?, 1.0, fonts)
}

/// The newsletter image: [`NEWSLETTER_WIDTH`] CSS px at [`NEWSLETTER_SCALE`].
pub fn newsletter_png(chart: &Chart, theme: &Theme, fonts: &Fonts) -> Result<Png, ChartError> {
    chart_png(chart, NEWSLETTER_WIDTH, NEWSLETTER_SCALE, theme, fonts)
}

/// Where the chart sits in the share card: laid out at `width` CSS px (`height`
/// tall at that width), scaled by `scale`, its top left corner at (`x`, `y`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardFit {
    pub width: f64,
    pub height: f64,
    pub scale: f64,
    pub x: f64,
    pub y: f64,
}

/// The layout width that lets the whole chart fill the card's safe area the most
/// (a narrower layout wraps more lines but scales up more), centred in it. The
/// blank line the layout keeps at its foot for the page's "Get the data" link
/// has no use in an image: it may fall in the bottom margin (it is background).
pub fn card_fit(chart: &Chart) -> CardFit {
    let steps = HeightSteps::of(chart);
    let (inner_w, inner_h) = (CARD_SIZE.0 as f64 - 2.0 * CARD_MARGIN, CARD_SIZE.1 as f64 - 2.0 * CARD_MARGIN);
    let mut best = CardFit { width: inner_w, height: steps.at(inner_w) as f64, scale: 0.0, x: 0.0, y: 0.0 };
    for width in (MIN_WIDTH as u32)..=(inner_w as u32) {
        let height = steps.at(width as f64) as f64;
        let scale = (inner_w / width as f64).min(inner_h / (height - LINK_LINE));
        if scale > best.scale {
            best = CardFit { width: width as f64, height, scale, x: 0.0, y: 0.0 };
        }
    }
    // Whole pixels, so that the chart's edges fall on the card's pixel grid.
    best.x = (CARD_MARGIN + (inner_w - best.width * best.scale) / 2.0).round();
    best.y = (CARD_MARGIN + (inner_h - (best.height - LINK_LINE) * best.scale) / 2.0).round();
    best
}

/// The share card as an SVG document of [`CARD_SIZE`]: the theme's background and,
/// inside the safe margin, the whole chart (title, takeaway, bars with their
/// qualified values, note, source) as the layout draws it at [`card_fit`]'s width.
pub fn share_card_svg(chart: &Chart, theme: &Theme) -> Result<String, ChartError> {
    let fit = card_fit(chart);
    // Drawn at the card's scale (edges snapped to the card's pixels), not scaled afterwards.
    let inner = render_svg_at(chart, fit.width, theme, fit.scale)?;
    let body_start = inner.find('>').map_or(0, |i| i + 1);
    let body_end = inner.rfind("</svg>").unwrap_or(inner.len());
    let n = |v: f64| crate::format::PLAIN.number(v, 3);
    let (w, h) = (CARD_SIZE.0.to_string(), CARD_SIZE.1.to_string());
    Ok([
        "<svg width=\"",
        &w,
        "\" height=\"",
        &h,
        "\" viewBox=\"0 0 ",
        &w,
        " ",
        &h,
        "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"t d\"><title id=\"t\">",
        &escape_xml(&chart.title),
        "</title><desc id=\"d\">",
        &escape_xml(&chart.description()),
        "</desc>\n<rect width=\"",
        &w,
        "\" height=\"",
        &h,
        "\" fill=\"",
        &hex(theme.background),
        "\"/>\n<g transform=\"translate(",
        &n(fit.x),
        " ",
        &n(fit.y),
        ")\">",
        &inner[body_start..body_end],
        "</g>\n</svg>\n",
    ]
    .concat())
}

/// The share card as PNG, 1200×630.
pub fn share_card_png(chart: &Chart, theme: &Theme, fonts: &Fonts) -> Result<Png, ChartError> {
    png_of_svg(&share_card_svg(chart, theme)?, 1.0, fonts)
}

#[cfg(test)]
mod tests {
    //! Truthful pixels: every image is decoded and its bars measured in its pixels.
    use super::*;
    use crate::i18n::SUPPORTED;
    use crate::spec::{Options, RawOptions};
    use crate::theme::{Rgb, DARK, LIGHT};
    use resvg::tiny_skia::Pixmap;

    fn fonts() -> Fonts {
        Fonts::load(Path::new(DEFAULT_FONT_DIR)).expect("DejaVu Sans (fonts-dejavu-core) is installed by tools/ensure-deps.sh")
    }

    fn chart(name: &str, units: &str, locale: &str) -> Chart {
        let raw = RawOptions { chart: Some(name.into()), units: Some(units.into()), locale: Some(locale.into()), ..Default::default() };
        Chart::build(&Options::from_raw(&raw).unwrap(), None).unwrap()
    }

    fn pixel(image: &Pixmap, x: u32, y: u32) -> Rgb {
        let p = image.pixel(x, y).unwrap().demultiply();
        Rgb(p.red(), p.green(), p.blue())
    }

    /// The largest difference of one channel between two colours.
    fn distance(a: Rgb, b: Rgb) -> u8 {
        a.0.abs_diff(b.0).max(a.1.abs_diff(b.1)).max(a.2.abs_diff(b.2))
    }

    /// How much of a pixel of colour `c` is `bar` over `background` (0..=1), from the
    /// channel where the two differ most.
    fn coverage(c: Rgb, bar: Rgb, background: Rgb) -> f64 {
        let channels = [(c.0, bar.0, background.0), (c.1, bar.1, background.1), (c.2, bar.2, background.2)];
        let (c, bar, bg) = channels.into_iter().max_by_key(|(_, b, g)| b.abs_diff(*g)).unwrap();
        ((c as f64 - bg as f64) / (bar as f64 - bg as f64)).clamp(0.0, 1.0)
    }

    /// The bars of an image, top to bottom: in each band of rows, the longest run of a bar
    /// colour plus the share of the pixel after it that the bar covers (its anti-aliased end).
    fn bar_lengths(image: &Pixmap, theme: &Theme) -> Vec<f64> {
        let mut bars: Vec<f64> = Vec::new();
        let mut in_bar = false;
        for y in 0..image.height() {
            let mut best = 0.0_f64;
            for bar in [theme.primary, theme.secondary] {
                let mut run = 0;
                for x in 0..=image.width() {
                    let c = (x < image.width()).then(|| pixel(image, x, y));
                    if c.is_some_and(|c| distance(c, bar) <= 2) {
                        run += 1;
                    } else {
                        if run > 4 {
                            best = best.max(run as f64 + c.map_or(0.0, |c| coverage(c, bar, theme.background)));
                        }
                        run = 0;
                    }
                }
            }
            if best > 0.0 {
                if in_bar {
                    *bars.last_mut().unwrap() = best.max(*bars.last().unwrap());
                } else {
                    bars.push(best);
                }
            }
            in_bar = best > 0.0;
        }
        bars
    }

    /// Lie factor of each bar against the first: (measured ratio) / (value ratio).
    fn lie_factors(image: &Pixmap, theme: &Theme, chart: &Chart) -> Vec<f64> {
        let bars = bar_lengths(image, theme);
        assert_eq!(bars.len(), chart.bars.len(), "one measured bar per bar of the chart: {bars:?}");
        bars.iter().zip(&chart.bars).map(|(&px, bar)| (px / bars[0]) / (bar.value / chart.bars[0].value)).collect()
    }

    fn decode(png: &Png) -> Pixmap {
        let image = Pixmap::decode_png(&png.bytes).unwrap();
        assert_eq!((image.width(), image.height()), (png.width, png.height));
        image
    }

    #[test]
    fn a_png_is_the_svg_at_its_scale_with_bars_to_scale() {
        let fonts = fonts();
        for (name, units, locale) in [("length", "mi", "en-US"), ("cost", "mi", "en-US"), ("cost", "mi", "ru-RU"), ("context", "km", "en-US")] {
            let chart = chart(name, units, locale);
            for (width, scale) in [(320.0, 1.0), (640.0, 1.0), (640.0, 2.0), (960.0, 3.0)] {
                for theme in [&LIGHT, &DARK] {
                    let png = chart_png(&chart, width, scale, theme, &fonts).unwrap();
                    let css_height = HeightSteps::of(&chart).at(width);
                    assert_eq!(png.width, (width * scale as f64) as u32);
                    assert_eq!(png.height, (css_height as f32 * scale).round() as u32, "{name} at {width} ×{scale}");
                    let image = decode(&png);
                    for lie in lie_factors(&image, theme, &chart) {
                        assert!((lie - 1.0).abs() <= 0.02, "{name} {width}×{scale}: lie factor {lie}");
                    }
                    assert_eq!(pixel(&image, 0, 0), theme.background);
                }
            }
        }
    }

    #[test]
    fn text_is_set_in_dejavu_sans() {
        // The title's ink ends where the layout (DejaVu metrics) says its line ends.
        let fonts = fonts();
        let chart = chart("cost", "mi", "en-US");
        let image = decode(&chart_png(&chart, 640.0, 1.0, &LIGHT, &fonts).unwrap());
        let layout = crate::layout::layout(&chart, 640.0, 1.0, &crate::text::DejaVuMetrics);
        let Some(crate::layout::Mark::Text { x, y, width, line_height, .. }) = layout.marks.iter().find(|m| matches!(m, crate::layout::Mark::Text { .. }))
        else {
            panic!("no text")
        };
        let rows = (y - line_height / 2.0) as u32..(y + line_height / 2.0) as u32;
        let ink_right = (0..image.width()).filter(|&x| rows.clone().any(|y| pixel(&image, x, y) != LIGHT.background)).max().unwrap();
        let expected = x + width;
        assert!((ink_right as f64 - expected).abs() <= 4.0, "title ink ends at {ink_right}, the layout's line at {expected}");
    }

    #[test]
    fn the_share_card_holds_the_whole_chart_inside_its_margin_in_every_language() {
        let fonts = fonts();
        for tag in SUPPORTED.split(", ") {
            for (name, units) in [("length", "mi"), ("cost", "mi"), ("context", "mi"), ("context", "km")] {
                let chart = chart(name, units, tag);
                for theme in [&LIGHT, &DARK] {
                    let png = share_card_png(&chart, theme, &fonts).unwrap();
                    assert_eq!((png.width, png.height), CARD_SIZE);
                    let image = decode(&png);
                    let (mut top, mut bottom, mut left, mut right) = (u32::MAX, 0, u32::MAX, 0);
                    for y in 0..image.height() {
                        for x in 0..image.width() {
                            if distance(pixel(&image, x, y), theme.background) > 6 {
                                (top, bottom, left, right) = (top.min(y), bottom.max(y), left.min(x), right.max(x));
                            }
                        }
                    }
                    let m = CARD_MARGIN as u32;
                    let what = [tag, name, units].join(" ");
                    assert!(top >= m && left >= m && right < CARD_SIZE.0 - m && bottom < CARD_SIZE.1 - m, "{what}: ink {left}..{right} × {top}..{bottom}");
                    // The chart fills the safe area in one direction (no tiny chart in a big card).
                    let fit = card_fit(&chart);
                    assert!(fit.scale >= 1.2, "{what}: scaled only {}", fit.scale);
                    // The source is the last line: ink reaches the chart's foot (its padding and link line above it).
                    let padding = crate::layout::layout(&chart, fit.width, 1.0, &crate::text::DejaVuMetrics).padding;
                    let chart_bottom = fit.y + fit.height * fit.scale;
                    let gap = (chart_bottom - bottom as f64) / fit.scale - padding - LINK_LINE;
                    assert!(gap <= 8.0, "{what}: last ink at {bottom}, chart ends at {chart_bottom}: {gap} px above its foot");
                    for lie in lie_factors(&image, theme, &chart) {
                        assert!((lie - 1.0).abs() <= 0.02, "{what}: lie factor {lie}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_share_card_says_what_the_chart_says() {
        let chart = chart("cost", "mi", "en-US");
        let svg = share_card_svg(&chart, &LIGHT).unwrap();
        for text in ["under $8bn", "over $65bn", "Source: Kirill Dmitriev on X", &escape_xml(&chart.takeaway), &escape_xml(&chart.title)] {
            assert!(svg.contains(text), "{text}");
        }
    }

    #[test]
    fn the_newsletter_image_is_600_css_px_at_2x() {
        let chart = chart("length", "mi", "en-US");
        let png = newsletter_png(&chart, &LIGHT, &fonts()).unwrap();
        assert_eq!(png.width, 1200);
        assert_eq!(png.height, HeightSteps::of(&chart).at(600.0) * 2);
    }

    #[test]
    fn a_missing_font_folder_is_named() {
        let e = Fonts::load(Path::new("/nonexistent-fonts")).err().unwrap();
        assert!(e.message().contains("/nonexistent-fonts/DejaVuSans.ttf") && e.message().contains("fonts-dejavu-core"), "{e}");
    }
}
