//! The spec parser end to end, as a page or `bering-render --spec` feeds it:
//! JSON bytes -> the one validator (`parse_spec_json`: size, JSON, field by
//! field) -> Chart::build -> layout -> render.
//! Any panic is a bug; so is an error that is not a "Chart data: " BadSpec,
//! a mark outside the canvas, or data text that reaches the SVG as markup.
#![no_main]

use bering_chart::layout::{bounds, layout};
use bering_chart::model::Chart;
use bering_chart::render::{device_size, render, Frame, Surface};
use bering_chart::spec::{parse_spec_json, Options, RawOptions};
use bering_chart::svg::render_svg_document;
use bering_chart::text::DejaVuMetrics;
use bering_chart::theme::{DARK, LIGHT};
use bering_chart::ErrorKind;
use libfuzzer_sys::fuzz_target;

const LOCALES: [&str; 6] = ["en-US", "en-GB", "de-DE", "fr-FR", "ru-RU", "ja-JP"];

fuzz_target!(|data: &[u8]| {
    // The one validator (bering_chart::input), as the host and, through JsValue, the browser run it.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let spec = match parse_spec_json(text) {
        Ok(spec) => spec,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::BadSpec, "{e}");
            assert!(e.message().starts_with("Chart data: "), "{e}");
            return;
        }
    };
    // Sizes and locale from the input's length, so the JSON itself stays plain JSON.
    let n = data.len();
    let raw = RawOptions { chart: Some("length".into()), locale: Some(LOCALES[n % 6].into()), ..Default::default() };
    let options = Options::from_raw(&raw).expect("fixed options are valid");
    let chart = match Chart::build(&options, Some(&spec)) {
        Ok(chart) => chart,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::BadSpec, "{e}");
            assert!(e.message().starts_with("Chart data: "), "{e}");
            return;
        }
    };
    let width = 120.0 + ((n * 37) % 1881) as f64;
    let text_scale = 1.0 + (n % 5) as f64 / 4.0;
    let ratio = 1.0 + (n % 9) as f64 / 4.0;
    let l = layout(&chart, width, text_scale, &DejaVuMetrics);
    for m in &l.marks {
        let (x0, y0, x1, y1) = bounds(m);
        assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= l.width && y1 <= l.height, "{m:?} outside {}x{}", l.width, l.height);
    }
    // Odd inputs draw only the canvas band, as the browser does; even ones the whole layout.
    let band = if n % 2 == 1 { Some(l.plot_band()) } else { None };
    if let Some((top, bottom)) = band {
        assert!(top >= 0.0 && top < bottom && bottom <= l.height, "band {top}..{bottom} of {}", l.height);
    }
    let mut out = String::new();
    {
        let backend = plotters_svg::SVGBackend::with_string(&mut out, device_size(&l, band, ratio));
        let surface = Surface { pixel_ratio: ratio, font_scale: 1.24 };
        let frame = Frame { focus: Some(n % 13), band };
        render(backend, &l, if n % 2 == 0 { &LIGHT } else { &DARK }, surface, frame).expect("draws");
    }
    let svg = render_svg_document(&chart, width, &LIGHT).expect("draws");
    for tag in ["<img", "<script", "<iframe", "<a "] {
        assert!(!svg.contains(tag) && !out.contains(tag), "data text reached the SVG as markup: {tag}");
    }
});
