//! Property tests (issue 5): arbitrary valid specs at arbitrary widths, text
//! scales and pixel ratios keep the layout invariants; arbitrary raw specs,
//! valid or not, never panic and fail only with a "Chart data: " message.

use bering_chart::error::ErrorKind;
use bering_chart::layout::*;
use bering_chart::model::{Chart, MAX_BARS, MAX_LABEL_CHARS, MAX_NOTE_CHARS, MAX_PREFIX_CHARS, MAX_TITLE_CHARS, MAX_UNIT_CHARS, MAX_VALUE};
use bering_chart::render::{device_size, device_span, render, Frame, Surface};
use bering_chart::spec::{Options, RawBar, RawOptions, RawSpec};
use bering_chart::text::DejaVuMetrics;
use bering_chart::theme::{DARK, LIGHT};
use proptest::prelude::*;

/// Fragments that have broken text layout elsewhere: right-to-left text
/// with digits, emoji sequences, combining marks, control and format
/// characters, markup, and long unbreakable words.
const HOSTILE: &[&str] = &[
    "\"><img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "&amp; &lt;b&gt; ]]> <!--",
    "مضيق بيرينغ 82 كم",
    "מנהרה 112.7 ק\"מ",
    "\u{202e}desrever\u{202c} 42",
    "👩‍👩‍👧‍👦🇺🇸🏳️‍🌈",
    "😀😀😀😀😀😀😀😀😀😀",
    "e\u{301}\u{302}\u{303}\u{304}\u{305}",
    "Z\u{335}\u{31b}\u{358}a\u{336}\u{321}l\u{337}g\u{338}o",
    "\u{0}\u{7}\t\n\r\u{1b}[31m\u{7f}\u{85}",
    "\u{200b}\u{200d}\u{feff}\u{fe0f}",
    "漢字かなカナ한국어",
    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
    "%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%",
    "   ",
    "…",
    "\u{a0}\u{202f}",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z0-9 ,.()'-]{1,40}",
        2 => prop::sample::select(HOSTILE).prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
        1 => "[A-Za-z]{40,200}",
        1 => prop::collection::vec(any::<char>(), 0..20).prop_map(|c| c.into_iter().collect()),
    ]
}

/// Text of 0 or more fragments, at most `max` characters.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..8).prop_map(move |parts| parts.concat().chars().take(max).collect())
}

/// A text that is accepted: non-blank after cleaning, within `max`.
fn accepted_text(max: usize) -> impl Strategy<Value = String> {
    text(max).prop_map(move |t| if bering_chart::model::clean_text(&t).is_empty() { "x".to_string() } else { t })
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(MAX_VALUE),
        Just(f64::MIN_POSITIVE),
        0.0..=1.0f64,
        0.0..=1e4f64,
        0.0..=MAX_VALUE,
        (-300i32..=15).prop_map(|e| 10f64.powi(e).min(MAX_VALUE)),
    ]
}

fn qualifier() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop::sample::select(&["", "none", "under", "over", "about", "at least", "at most", " at most "][..]).prop_map(str::to_string))
}

/// Mostly short labels (so that labels often sit beside their bars), some long.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (fragment(), prop::option::of(fragment())).prop_map(|(a, b)| {
            let t: String = [a, b.unwrap_or_default()].concat().chars().take(24).collect();
            if bering_chart::model::clean_text(&t).is_empty() { "x".to_string() } else { t }
        }),
        2 => accepted_text(MAX_LABEL_CHARS),
    ]
}

fn valid_bar() -> impl Strategy<Value = RawBar> {
    (label(), value(), qualifier()).prop_map(|(label, value, qualifier)| RawBar { label: Some(label), value: Some(value), qualifier })
}

fn valid_spec() -> impl Strategy<Value = RawSpec> {
    (
        accepted_text(MAX_TITLE_CHARS),
        prop::collection::vec(valid_bar(), 1..=MAX_BARS),
        prop::option::of(text(MAX_UNIT_CHARS)),
        prop::option::of(text(MAX_PREFIX_CHARS)),
        prop::option::of(text(MAX_NOTE_CHARS)),
        prop::option::of(text(MAX_NOTE_CHARS)),
    )
        .prop_map(|(title, mut bars, unit, prefix, note, source)| {
            if bars.iter().all(|b| b.value == Some(0.0)) {
                bars[0].value = Some(1.0);
            }
            RawSpec { title: Some(title), bars: Some(bars), unit, prefix, note, source, source_url: None, takeaway: None }
        })
}

fn locale() -> impl Strategy<Value = String> {
    prop::sample::select(&["en-US", "en-GB", "de-DE", "fr-FR", "ru-RU", "ja-JP"][..]).prop_map(str::to_string)
}

fn options(locale: String) -> Options {
    Options::from_raw(&RawOptions { chart: Some("length".into()), locale: Some(locale), ..Default::default() }).unwrap()
}

fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 - 0.01 && b.0 < a.2 - 0.01 && a.1 < b.3 - 0.01 && b.1 < a.3 - 0.01
}

/// Every string a raw field may hold, valid or not: hostile text, over-long
/// text (past each limit), blank text.
fn any_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        4 => text(60),
        1 => text(700),
        1 => (1usize..=3, fragment()).prop_map(|(n, f)| f.repeat(n * 120)),
    ])
}

fn any_value() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(prop_oneof![
        3 => value(),
        1 => any::<f64>(),
        1 => prop::sample::select(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, -1.0, 1e308, MAX_VALUE * 1.0000001][..]),
    ])
}

fn any_qualifier() -> impl Strategy<Value = Option<String>> {
    prop_oneof![qualifier(), any_text()]
}

fn any_spec() -> impl Strategy<Value = RawSpec> {
    let bar = (any_text(), any_value(), any_qualifier()).prop_map(|(label, value, qualifier)| RawBar { label, value, qualifier });
    (any_text(), prop::option::of(prop::collection::vec(bar, 0..=16)), any_text(), any_text(), any_text(), any_text())
        .prop_map(|(title, bars, unit, prefix, note, source)| RawSpec { title, bars, unit, prefix, note, source, source_url: None, takeaway: None })
}

/// 96 cases by default, so `cargo test` stays quick; `PROPTEST_CASES=5000` for a longer search.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(96);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_specs_keep_the_layout_invariants(
        spec in valid_spec(),
        locale in locale(),
        width in 120u32..=2000,
        text_scale in 1.0..=2.0f64,
        ratio in 1.0..=3.0f64,
        focus in prop::option::of(0usize..MAX_BARS),
        dark in any::<bool>(),
    ) {
        let chart = match Chart::build(&options(locale), Some(&spec)) {
            Ok(chart) => chart,
            Err(e) => return Err(TestCaseError::fail(format!("a valid spec was rejected: {e}"))),
        };
        let l = layout(&chart, width as f64, text_scale, &DejaVuMetrics);
        prop_assert_eq!(l.width, width as f64);
        prop_assert_eq!(l.height, l.height.round());
        prop_assert_eq!(l.rows.len(), chart.bars.len());

        // Every mark inside the canvas.
        for m in &l.marks {
            let (x0, y0, x1, y1) = bounds(m);
            prop_assert!(
                x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite(),
                "{:?} has a coordinate that is not finite", m
            );
            prop_assert!(
                x0 >= 0.0 && y0 >= 0.0 && x1 <= l.width && y1 <= l.height,
                "{:?} outside {}x{}", m, l.width, l.height
            );
        }

        // No text overlaps other text or a bar.
        let boxes: Vec<_> = l.marks.iter().filter(|m| !matches!(m, Mark::Rule { .. })).map(|m| (m, bounds(m))).collect();
        for (i, (a, ba)) in boxes.iter().enumerate() {
            for (b, bb) in &boxes[i + 1..] {
                let both_bars = matches!(a, Mark::Bar { .. }) && matches!(b, Mark::Bar { .. });
                prop_assert!(both_bars || !overlaps(*ba, *bb), "at {} px: {:?} overlaps {:?}", width, a, b);
            }
        }

        // Bars proportional within one device pixel, from one zero.
        let bars: Vec<(f64, f64)> = l
            .marks
            .iter()
            .filter_map(|m| if let Mark::Bar { x, w, .. } = m { Some((*x, *w)) } else { None })
            .collect();
        prop_assert_eq!(bars.len(), chart.bars.len());
        let (longest, max_value) = bars.iter().zip(&chart.bars).map(|(b, m)| (b.1, m.value)).fold((0.0, 0.0), |a, b| if b.1 > a.1 { b } else { a });
        prop_assert!(max_value > 0.0 && longest > 0.0);
        for ((x, w), bar) in bars.iter().zip(&chart.bars) {
            prop_assert_eq!(*x, bars[0].0, "one zero for every bar");
            let device = device_span(*x, *w, ratio);
            let expected = bar.value / max_value * longest * ratio;
            prop_assert!((device - expected).abs() <= 1.0, "width {} ratio {}: {} vs {}", width, ratio, device, expected);
        }

        // The canvas band holds every shape with its focus ring and every text line
        // of the bars; the lines outside it (set as page text) are clear of it.
        let band = l.plot_band();
        prop_assert!(band.0 >= 0.0 && band.0 < band.1 && band.1 <= l.height);
        for m in &l.marks {
            let (_, y0, _, y1) = bounds(m);
            if Layout::in_band(m, band) {
                let reach = if matches!(m, Mark::Bar { .. }) { 5.0 } else { 0.0 };
                prop_assert!(y0 - reach >= band.0 - 0.5 && y1 + reach <= band.1 + 0.5, "{:?} (ring {}) leaves the band {:?}", m, reach, band);
            } else {
                prop_assert!(y1 <= band.0 + 0.5 || y0 >= band.1 - 0.5, "{:?} outside the band overlaps it {:?}", m, band);
            }
        }
        // And the band alone draws too, at this ratio.
        let mut band_svg = String::new();
        {
            let backend = plotters_svg::SVGBackend::with_string(&mut band_svg, device_size(&l, Some(band), ratio));
            let surface = Surface { pixel_ratio: ratio, font_scale: 1.24 };
            let drawn = render(backend, &l, &LIGHT, surface, Frame { focus, band: Some(band) });
            prop_assert!(drawn.is_ok(), "{:?}", drawn);
        }

        // The same layout draws at this pixel ratio, mid-animation and with focus.
        let mut out = String::new();
        {
            let backend = plotters_svg::SVGBackend::with_string(&mut out, device_size(&l, None, ratio));
            let theme = if dark { &DARK } else { &LIGHT };
            let surface = Surface { pixel_ratio: ratio, font_scale: 1.24 };
            let drawn = render(backend, &l, theme, surface, Frame { focus, band: None });
            prop_assert!(drawn.is_ok(), "{:?}", drawn);
        }
        prop_assert!(out.starts_with("<svg"));
    }

    #[test]
    fn arbitrary_raw_specs_never_panic(spec in any_spec(), locale in locale(), width in 120u32..=2000) {
        match Chart::build(&options(locale), Some(&spec)) {
            Ok(chart) => {
                let l = layout(&chart, width as f64, 1.0, &DejaVuMetrics);
                prop_assert!(l.height > 0.0);
                prop_assert!(bering_chart::svg::render_svg_document(&chart, width as f64, &LIGHT).is_ok());
            }
            Err(e) => {
                prop_assert_eq!(e.kind(), ErrorKind::BadSpec);
                prop_assert!(e.message().starts_with("Chart data: "), "{}", e.message());
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// A paste of anything (cells of hostile text, numbers in any locale, stray quotes and
    /// delimiters) never panics, keeps one bar per non-empty row, and every problem names a
    /// row that was pasted and one of the four columns it reads.
    #[test]
    fn any_paste_is_read_without_panic(
        cells in prop::collection::vec(prop::collection::vec(prop_oneof![
            prop::sample::select(HOSTILE.to_vec()).prop_map(String::from),
            "[0-9 .,'\u{a0}\u{202f}<>≈~$£%-]{0,12}",
            any::<String>(),
        ], 0..5), 0..8),
        delimiter in prop::sample::select(vec!["\t", ",", ";"]),
        locale in locale(),
    ) {
        let text: String = cells.iter().map(|row| row.join(delimiter)).collect::<Vec<_>>().join("\n");
        let pasted = bering_chart::paste::read_paste(&text, &locale);
        let lines = text.split(['\n', '\r']).count().max(1);
        prop_assert!(pasted.bars.len() <= lines);
        prop_assert_eq!(pasted.bars.len(), pasted.rows.len());
        for problem in &pasted.problems {
            prop_assert!(problem.row >= 1 && problem.column >= 1 && problem.column <= 4, "{:?}", problem);
            prop_assert!(problem.message.starts_with("Row "), "{}", problem.message);
        }
    }
}
