//! The static chart as plain HTML: the same layout as [`svg`](crate::svg) draws, as
//! one block of positioned boxes (bars, the zero line) and lines of text, for the
//! script embed's snippet to show until the live chart draws (host, and the editor's
//! wasm build for a custom chart's snippet).
//!
//! Why not the SVG image: a browser lays out and paints each SVG image as a document
//! of its own on the main thread, its text above all; a page with one pair of charts
//! took 4.2 ms less thread CPU with this HTML (28.6 against 32.8 ms in one run of the
//! bench), though 1.9 ms more with 40 copies, which share one image document
//! (bench/README.md). Every length is in `cqw` of the block (a size container), so the
//! block scales with its width exactly as the image does; off screen,
//! `content-visibility: auto` skips its layout.
//!
//! The block resets what it would inherit from the article (italics, letter spacing,
//! direction) and each mark what an article's rules for `div` and `span` set (margins,
//! borders, line heights, fonts, colours), so they do not reach it; it keeps its
//! colours in forced colours and in print, as an image does. A line break between the
//! marks keeps the words apart where a CMS strips the styles (the lines then read as
//! text, in order) and in a copy of the page. With a dark theme too (the snippet's
//! theme `auto`), each colour is `light-dark()` under `color-scheme: light dark`,
//! which follows the reader's colour scheme as the image's `<picture>` did (a browser
//! without `light-dark()` keeps the light colour written before it). Text is escaped,
//! never markup; a font family is written only if it is plain names.

use crate::layout::{layout, Align, Mark};
use crate::model::Chart;
use crate::svg::escape_xml;
use crate::text::DejaVuMetrics;
use crate::theme::{Paint, Rgb, Theme, FONT_FAMILY};
use std::fmt::Write;

/// The chart laid out at `width` CSS px as one HTML block: its description as the
/// accessible name (`role="img"`), its size as an aspect ratio of whatever width it is
/// given, the colours of `light` (with `dark`'s as their `light-dark()` pair).
pub fn render_html(chart: &Chart, width: f64, light: &Theme, dark: Option<&Theme>) -> String {
    let laid = layout(chart, width, 1.0, &DejaVuMetrics);
    // A CSS px of the layout as a share of the block's width.
    let cqw = |px: f64| {
        let value = (px * 100.0 / laid.width * 1000.0).round() / 1000.0;
        format!("{value}cqw")
    };
    // `property` in the light theme's colour, then (with a dark theme) the two as a pair.
    let paint = |property: &str, pick: &dyn Fn(&Theme) -> Rgb| {
        let plain = format!("{property}:{}", hex(pick(light)));
        match dark {
            Some(dark) => format!("{plain};{property}:light-dark({},{})", hex(pick(light)), hex(pick(dark))),
            None => plain,
        }
    };
    // (A family is written into CSS: only names and commas, else the built-in list.)
    let plain = light.font_family.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | ',' | '-'));
    let family = if plain { &*light.font_family } else { FONT_FAMILY };
    let mut out = String::new();
    let _ = write!(
        out,
        "<div role=\"img\" aria-label=\"{}\" style=\"{BLOCK_RESET};display:block;position:relative;width:100%;aspect-ratio:{}/{};overflow:hidden;\
         container-type:inline-size;content-visibility:auto;{}{};{};font-family:{family};line-height:1;white-space:nowrap\">",
        escape_xml(&chart.description()),
        laid.width,
        laid.height,
        if dark.is_some() { "color-scheme:light dark;" } else { "" },
        paint("background", &|t| t.background),
        paint("color", &|t| t.text),
    );
    let boxed = |out: &mut String, left: f64, top: f64, w: f64, h: f64, fill: Paint| {
        let _ = write!(
            out,
            "\n<div style=\"{MARK_RESET};position:absolute;left:{};top:{};width:{};height:{};{}\"></div>",
            cqw(left),
            cqw(top),
            cqw(w),
            cqw(h),
            paint("background", &|t: &Theme| t.color(fill))
        );
    };
    // Shapes first, then text, as the canvas draws them.
    for mark in &laid.marks {
        match mark {
            Mark::Bar { x, y, w, h, paint: fill } => boxed(&mut out, *x, *y, *w, *h, *fill),
            Mark::Rule { x, y, h } => boxed(&mut out, x - 1.0, *y, 1.0, *h, Paint::Axis),
            Mark::Text { .. } => {}
        }
    }
    for mark in &laid.marks {
        let Mark::Text { x, y, text, font, paint: text_paint, align, .. } = mark else { continue };
        // The line box is the font size tall (line-height 1), centred on `y` as the canvas
        // centres its text (textBaseline "middle"). Its font and colour are its own, so that
        // an article's rules for `span` do not reach it.
        let edge = if *align == Align::Left { format!("left:{}", cqw(*x)) } else { format!("right:{}", cqw(laid.width - x)) };
        let _ = write!(
            out,
            "\n<span style=\"{TEXT_RESET};position:absolute;{edge};top:{};font:{}{}/1 {family};{}\">{}</span>",
            cqw(y - font.size / 2.0),
            if font.bold { "bold " } else { "" },
            cqw(font.size),
            paint("color", &|t: &Theme| t.color(*text_paint)),
            escape_xml(text),
        );
    }
    out.push_str("\n</div>");
    out
}

/// What the block sets against an article's rules (for `div`, or inherited from around it),
/// property by property: `all: revert` would do it, but costs the page's style
/// recalculation every property of every element (about 6 ms at 40 charts, measured).
/// It keeps its colours where the browser would replace them (forced colours) or drop
/// backgrounds (print), as an image's are kept, and is laid out left to right.
const BLOCK_RESET: &str = "margin:0;padding:0;border:0;float:none;height:auto;min-width:0;max-width:none;min-height:0;max-height:none;\
                           font-style:normal;font-weight:normal;letter-spacing:normal;word-spacing:normal;text-transform:none;text-indent:0;\
                           text-align:left;text-shadow:none;text-decoration:none;direction:ltr;unicode-bidi:isolate;\
                           -webkit-text-size-adjust:none;text-size-adjust:none;forced-color-adjust:none;\
                           -webkit-print-color-adjust:exact;print-color-adjust:exact";
/// What each bar and the zero line set against an article's rules for `div`.
const MARK_RESET: &str = "margin:0;padding:0;border:0;min-width:0;max-width:none;min-height:0;max-height:none";
/// What each line of text sets against an article's rules for `span` (its font and colour
/// are written after).
const TEXT_RESET: &str = "margin:0;padding:0;border:0;letter-spacing:normal;word-spacing:normal;text-transform:none;\
                          text-shadow:none;text-decoration:none;background:none;vertical-align:baseline";

fn hex(Rgb(red, green, blue): Rgb) -> String {
    format!("#{red:02X}{green:02X}{blue:02X}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Options, RawBar, RawOptions, RawSpec};
    use crate::svg::render_svg;
    use crate::theme::{DARK, LIGHT};

    fn chart(name: &str, spec: Option<&RawSpec>) -> Chart {
        let raw = RawOptions { chart: Some(name.into()), ..Default::default() };
        Chart::build(&Options::from_raw(&raw).unwrap(), spec).unwrap()
    }

    /// The `style` values of every element with `style`, in document order.
    fn styles(html: &str) -> Vec<&str> {
        html.split("style=\"").skip(1).filter_map(|s| s.split('"').next()).collect()
    }

    #[test]
    fn every_text_of_the_svg_is_a_line_and_the_bars_keep_their_proportions() {
        for (name, values) in [("length", [70.0, 51.0]), ("cost", [8.0, 65.0])] {
            let c = chart(name, None);
            let html = render_html(&c, 640.0, &LIGHT, None);
            let svg = render_svg(&c, 640.0, &LIGHT).unwrap();
            let svg_texts: Vec<&str> = svg.split("<text ").skip(1).filter_map(|s| s.split(">\n").nth(1)?.split('\n').next()).collect();
            assert_eq!(html.matches("<span").count(), svg.matches("<text").count(), "{html}");
            for text in &svg_texts {
                assert!(html.contains(&format!(">{text}</span>")), "{text} in {html}");
            }
            let width = |fill: &str| -> f64 {
                let style = styles(&html).into_iter().find(|s| s.ends_with(&format!("background:{fill}"))).unwrap();
                style.split(";width:").nth(1).unwrap().split("cqw").next().unwrap().parse().unwrap()
            };
            let measured = width("#0B5CAD") / width("#8A8A8A");
            assert!((measured / (values[0] / values[1]) - 1.0).abs() < 0.01, "{name}: {measured}");
        }
    }

    #[test]
    fn it_is_one_scaling_block_named_by_the_description() {
        let c = chart("length", None);
        let html = render_html(&c, 640.0, &LIGHT, None);
        assert!(html.starts_with("<div role=\"img\" aria-label=\"Proposed tunnel 70 miles;"), "{html}");
        assert!(html.ends_with("</div>"));
        let block = styles(&html)[0];
        let height = crate::layout::layout(&c, 640.0, 1.0, &DejaVuMetrics).height;
        assert!(block.contains(&format!("aspect-ratio:640/{height}")), "{block}");
        assert!(block.contains("container-type:inline-size") && block.contains("content-visibility:auto"), "{block}");
        // Every length of the marks is a share of the block's width.
        for style in &styles(&html)[1..] {
            assert!(!style.contains("px"), "{style}");
        }
        assert!(!html.contains("light-dark"), "one theme: plain colours");
        // Its colours kept in forced colours and in print, as an image's; left to right.
        for kept in ["forced-color-adjust:none", "print-color-adjust:exact", "direction:ltr", "height:auto"] {
            assert!(block.contains(kept), "{kept} in {block}");
        }
    }

    #[test]
    fn a_family_that_is_not_plain_names_is_not_written_into_css() {
        let odd = Theme { font_family: "Georgia;background:url(x)".to_string().into(), ..LIGHT.clone() };
        let html = render_html(&chart("length", None), 640.0, &odd, None);
        assert!(!html.contains("url(") && html.contains("font-family:DejaVu Sans, Verdana"), "{html}");
        let house = Theme { font_family: "Source Sans 3, Arial, sans-serif".to_string().into(), ..LIGHT.clone() };
        assert!(render_html(&chart("length", None), 640.0, &house, None).contains("/1 Source Sans 3, Arial, sans-serif;"));
    }

    #[test]
    fn both_themes_pair_every_colour() {
        let html = render_html(&chart("cost", None), 320.0, &LIGHT, Some(&DARK));
        assert!(styles(&html)[0].contains("color-scheme:light dark;background:#FFFFFF;background:light-dark(#FFFFFF,#16181D)"), "{html}");
        assert!(html.contains("background:#0B5CAD;background:light-dark(#0B5CAD,#5EA8FF)"), "{html}");
        assert!(html.contains("color:#595959;color:light-dark(#595959,#AAB2BF)"), "muted text: {html}");
    }

    #[test]
    fn text_is_escaped_not_markup() {
        let spec = RawSpec {
            title: Some("\"><img src=x onerror=alert(1)>".into()),
            bars: Some(vec![RawBar { label: Some("<script>x</script> & 'so'".into()), value: Some(1.0), qualifier: None }]),
            ..Default::default()
        };
        let html = render_html(&chart("length", Some(&spec)), 640.0, &LIGHT, None);
        assert!(!html.contains("<img") && !html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt; &amp; &apos;so&apos;"), "{html}");
    }
}
