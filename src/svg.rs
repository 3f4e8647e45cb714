//! The same [`render`](crate::render::render) drawn to an SVG string with
//! plotters' SVG backend (static fallbacks and host tests; in the browser, only
//! the editor's build, for a custom chart's static image), plus the
//! `<title>`/`<desc>` that make the file accessible on its own.

use crate::error::ChartError;
use crate::layout::layout;
use crate::model::Chart;
use crate::render::{device_size, render, Frame, Surface};
use crate::text::DejaVuMetrics;
use crate::theme::Theme;

/// The chart at `width` CSS px as a standalone SVG document.
pub fn render_svg(chart: &Chart, width: f64, theme: &Theme) -> Result<String, ChartError> {
    render_svg_at(chart, width, theme, 1.0)
}

/// The chart laid out at `width` CSS px and drawn at `pixel_ratio` device px per CSS px
/// (the SVG is `width × pixel_ratio` wide): every edge snapped to a device pixel, as the
/// canvas at that devicePixelRatio draws it. What a PNG at 2× or 3× is rasterised from,
/// so that its bars are as exact as its pixels allow.
pub fn render_svg_at(chart: &Chart, width: f64, theme: &Theme, pixel_ratio: f64) -> Result<String, ChartError> {
    let layout = layout(chart, width, 1.0, &DejaVuMetrics);
    let mut out = String::new();
    {
        let backend = plotters_svg::SVGBackend::with_string(&mut out, device_size(&layout, None, pixel_ratio));
        render(backend, &layout, theme, Surface { pixel_ratio, font_scale: 1.24 }, Frame::FINAL)?;
    }
    Ok(out)
}

/// [`render_svg`] with the chart's title and description as `<title>` and
/// `<desc>`, and `role="img"`, for the static fallback files.
pub fn render_svg_document(chart: &Chart, width: f64, theme: &Theme) -> Result<String, ChartError> {
    render_svg_document_at(chart, width, theme, 1.0)
}

/// [`render_svg_document`] drawn at `pixel_ratio` (see [`render_svg_at`]).
pub fn render_svg_document_at(chart: &Chart, width: f64, theme: &Theme, pixel_ratio: f64) -> Result<String, ChartError> {
    let svg = render_svg_at(chart, width, theme, pixel_ratio)?;
    let Some(open_end) = svg.find('>') else { return Ok(svg) };
    let (open, rest) = svg.split_at(open_end);
    let head = [
        open,
        " role=\"img\" aria-labelledby=\"t d\"><title id=\"t\">",
        &escape_xml(&chart.title),
        "</title><desc id=\"d\">",
        &escape_xml(&chart.description()),
        "</desc>",
    ]
    .concat();
    Ok([head.as_str(), &rest[1..]].concat())
}

/// Text made safe as XML character data or attribute value.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Options, RawOptions};
    use crate::theme::{DARK, LIGHT};

    fn chart(name: &str) -> Chart {
        let raw = RawOptions { chart: Some(name.into()), ..Default::default() };
        Chart::build(&Options::from_raw(&raw).unwrap(), None).unwrap()
    }

    /// Widths of the `<rect>`s filled with `fill`, in document order.
    fn rect_widths(svg: &str, fill: &str) -> Vec<f64> {
        svg.split("<rect")
            .skip(1)
            .filter(|r| r.contains(&["fill=\"", fill, "\""].concat()))
            .filter_map(|r| r.split("width=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect()
    }

    #[test]
    fn each_chart_renders_with_its_texts_and_proportional_bars() {
        for (name, values) in [("length", vec![70.0, 51.0]), ("cost", vec![8.0, 65.0])] {
            let svg = render_svg(&chart(name), 640.0, &LIGHT).unwrap();
            assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
            assert!(svg.contains("width=\"640\""));
            let primary = rect_widths(&svg, "#0B5CAD");
            let secondary = rect_widths(&svg, "#8A8A8A");
            assert_eq!((primary.len(), secondary.len()), (1, 1), "{svg}");
            let measured = primary[0] / secondary[0];
            let expected = values[0] / values[1];
            assert!((measured / expected - 1.0).abs() < 0.02, "{name}: {measured} vs {expected}");
            assert!(svg.contains("Source: Kirill Dmitriev on X, 16 Oct 2025; The Independent"));
        }
        let cost = render_svg(&chart("cost"), 640.0, &LIGHT).unwrap();
        assert!(cost.contains("under $8bn") && cost.contains("over $65bn"));
        let context = render_svg(&chart("context"), 640.0, &DARK).unwrap();
        assert!(context.contains("Gotthard Base (Switzerland, 2016)"));
        assert_eq!(rect_widths(&context, "#8D96A3").len(), 3);
    }

    #[test]
    fn svg_font_sizes_match_the_canvas() {
        let svg = render_svg(&chart("length"), 960.0, &LIGHT).unwrap();
        // The title is 21 px at 960 px; plotters divides by 1.24, we multiplied by 1.24.
        assert!(svg.contains("font-size=\"21\""), "{}", &svg[..svg.len().min(2000)]);
    }

    #[test]
    fn documents_carry_title_and_description() {
        let svg = render_svg_document(&chart("length"), 640.0, &LIGHT).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("<title id=\"t\">The proposed Bering Strait tunnel against the strait&apos;s width</title>"), "{}", &svg[..400]);
        assert!(
            svg.contains("<desc id=\"d\">Proposed tunnel 70 miles; Bering Strait, width at its narrowest 51 miles. The tunnel would be 37% longer"),
            "{}",
            &svg[..600]
        );
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn text_is_escaped_not_markup() {
        use crate::spec::{RawBar, RawSpec};
        let spec = RawSpec {
            title: Some("\"><img src=x onerror=alert(1)>".into()),
            bars: Some(vec![RawBar { label: Some("<script>x</script>".into()), value: Some(1.0), qualifier: None }]),
            ..Default::default()
        };
        let c = Chart::build(&Options::from_raw(&RawOptions { chart: Some("length".into()), ..Default::default() }).unwrap(), Some(&spec)).unwrap();
        let svg = render_svg(&c, 640.0, &LIGHT).unwrap();
        assert!(!svg.contains("<img") && !svg.contains("<script"), "{svg}");
    }
}
