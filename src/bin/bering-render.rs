//! `bering-render`: renders any chart with the same core as the browser, to SVG
//! or PNG (resvg, text in DejaVu Sans), and writes what `make dist` publishes:
//! the static fallbacks, share cards and newsletter images of every default
//! chart, the locale packs, the reserving stylesheet and the shim's generated
//! module.
//!
//! ```text
//! bering-render [--chart length|cost|context] [--units mi|km] [--currency USD|GBP]
//!               [--gbp-per-usd RATE] [--locale TAG] [--theme light|dark] [--width PX]
//!               [--spec FILE.json] [--image chart|card|newsletter] [--format svg|png]
//!               [--scale 1|2|3|4] [--fonts DIR] [--out FILE]
//!     one chart (a default, or any spec file): the chart at --width (640) CSS px, the
//!     share card (1200×630) or the newsletter image (600 CSS px at 2×); PNG when
//!     --format png or --out ends in .png, else SVG; --scale is device px per CSS px
//! bering-render --all DIR [--fonts DIR]
//!     every default chart in every language, units and theme into DIR: SVG at 320,
//!     640 and 960 px, PNG of each at 1× and 2×, the share card and the newsletter
//!     image, listed in DIR/index.json, and beside each SVG the same chart as plain
//!     HTML for the script embed's snippet (`<stem>.html`; a light one also
//!     `<stem>-auto.html`, with the dark colours for a reader's dark scheme)
//! bering-render --locales DIR  the locale packs (de.json, fr.json, ru.json) into DIR
//! bering-render --stylesheet FILE.css  the optional stylesheet that reserves each
//!                           default chart's height before any script runs
//! bering-render --wire FILE.js  the generated module the shim is built with
//!                           (`bering_chart::wire::shim_module`: chart names, static
//!                           files, style fields, held heights)
//! ```
//!
//! `--fonts` is the folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (default
//! Debian's `/usr/share/fonts/truetype/dejavu`, package fonts-dejavu-core).
//!
//! Each file's entry in `DIR/index.json` has its chart, units, locale and theme,
//! format, purpose (`fallback`, `share-card`, `newsletter`), width and height in
//! CSS px, scale, pixel size, bytes, title and alt text; an SVG's has its height as
//! a CSS length of its box's width (`reserve`, see `bering_chart::reserve`), for
//! the generator's snippet, and its HTML files (`html`, `htmlAuto`); a share card's has the takeaway, source and data
//! table, for the share page (`tools/share-pages.mjs`).

use bering_chart::i18n::{pack_json, PACK_NAMES};
use bering_chart::layout::MIN_WIDTH;
use bering_chart::model::Chart;
use bering_chart::raster::{
    chart_png, newsletter_png, share_card_png, share_card_svg, Fonts, Png, CARD_SIZE, DEFAULT_FONT_DIR, NEWSLETTER_SCALE, NEWSLETTER_WIDTH,
};
use bering_chart::reserve::HeightSteps;
use bering_chart::spec::{parse_spec_json, Options, RawOptions, ThemeChoice, CHART_KINDS};
use bering_chart::html::render_html;
use bering_chart::svg::render_svg_document;
use bering_chart::theme::Theme;
use bering_chart::wire::shim_module;
use std::process::ExitCode;

/// Widths of the fallback files; 640 carries no suffix in the file name.
const WIDTHS: [u32; 3] = [320, 640, 960];
/// Languages of the fallback files, as the shim and the generator match them (exact
/// tags, any case; en-US carries no suffix). Pounds have none: they take the page's rate.
const STATIC_LOCALES: [&str; 5] = ["en-US", "en-GB", "de-DE", "fr-FR", "ru-RU"];

fn fail(message: &str) -> ExitCode {
    eprintln!("bering-render: {message}");
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let mut raw = RawOptions::default();
    let (mut width, mut spec_path, mut out, mut all, mut locales, mut stylesheet, mut wire_module) = (640.0, None, None, None, None, None, None);
    let (mut image, mut format, mut scale, mut font_dir) = ("chart".to_string(), None, 1.0_f32, DEFAULT_FONT_DIR.to_string());
    let mut pairs = args.iter();
    while let Some(flag) = pairs.next() {
        let value = pairs.next().ok_or_else(|| format!("{flag} needs a value"))?.clone();
        match flag.as_str() {
            "--chart" => raw.chart = Some(value),
            "--units" => raw.units = Some(value),
            "--currency" => raw.currency = Some(value),
            "--gbp-per-usd" => raw.gbp_per_usd = Some(value),
            "--locale" => raw.locale = Some(value),
            "--theme" => raw.theme = Some(value),
            "--width" => width = value.parse().map_err(|_| format!("--width {value:?} is not a number"))?,
            "--spec" => spec_path = Some(value),
            "--out" => out = Some(value),
            "--all" => all = Some(value),
            "--locales" => locales = Some(value),
            "--stylesheet" => stylesheet = Some(value),
            "--wire" => wire_module = Some(value),
            "--image" => image = value,
            "--format" => format = Some(value),
            "--scale" => {
                scale = value.parse().ok().filter(|s: &f32| (1.0..=4.0).contains(s)).ok_or_else(|| format!("--scale {value:?}: give a number from 1 to 4"))?
            }
            "--fonts" => font_dir = value,
            other => return Err(format!("unknown flag {other:?}; see the usage in src/bin/bering-render.rs")),
        }
    }
    if let Some(dir) = all {
        return write_all(&dir, &load_fonts(&font_dir)?);
    }
    if let Some(dir) = locales {
        return write_locales(&dir);
    }
    if let Some(path) = wire_module {
        let module = shim_module(&STATIC_LOCALES, &reserve_table()?);
        return std::fs::write(&path, module).map_err(|e| format!("{path}: {e}"));
    }
    if let Some(path) = stylesheet {
        return std::fs::write(&path, reserving_stylesheet()?).map_err(|e| format!("{path}: {e}"));
    }
    if raw.chart.is_none() {
        raw.chart = Some("length".into());
    }
    let options = Options::from_raw(&raw).map_err(|e| e.to_string())?;
    let spec = match spec_path {
        None => None,
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            Some(parse_spec_json(&text).map_err(|e| format!("{path}: {e}"))?)
        }
    };
    let chart = Chart::build(&options, spec.as_ref()).map_err(|e| e.to_string())?;
    let theme = Theme::resolve(options.theme, false);
    let png = match format.as_deref() {
        Some("png") => true,
        Some("svg") => false,
        Some(other) => return Err(format!("--format {other:?}: give svg or png")),
        None => out.as_deref().is_some_and(|path| path.ends_with(".png")),
    };
    let bytes = if png {
        let fonts = load_fonts(&font_dir)?;
        let drawn = match image.as_str() {
            "chart" => chart_png(&chart, width, scale, theme, &fonts),
            "card" => share_card_png(&chart, theme, &fonts),
            "newsletter" => newsletter_png(&chart, theme, &fonts),
            other => return Err(format!("--image {other:?}: give chart, card or newsletter")),
        };
        drawn.map_err(|e| e.to_string())?.bytes
    } else {
        let drawn = match image.as_str() {
            "chart" => render_svg_document(&chart, width, theme),
            "card" => share_card_svg(&chart, theme),
            "newsletter" => render_svg_document(&chart, NEWSLETTER_WIDTH, theme),
            other => return Err(format!("--image {other:?}: give chart, card or newsletter")),
        };
        drawn.map_err(|e| e.to_string())?.into_bytes()
    };
    match out {
        Some(path) => std::fs::write(&path, bytes).map_err(|e| format!("{path}: {e}")),
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes).map_err(|e| e.to_string())
        }
    }
}

fn load_fonts(dir: &str) -> Result<Fonts, String> {
    Fonts::load(std::path::Path::new(dir)).map_err(|e| e.to_string())
}

/// File name of a fallback variant: `<chart>[-<locale>][-km][-dark][-<width>].svg`
/// (en-US and 640 px carry no suffix). Its PNGs are the same stem with `.png` and
/// `@2x.png`; the share card and the newsletter image of a chart in a language,
/// units and theme are the 640 px stem with `-card.png` and `-newsletter@2x.png`.
pub fn fallback_name(chart: &str, locale: &str, km: bool, dark: bool, width: u32) -> String {
    fallback_stem(chart, locale, km, dark, width) + ".svg"
}

fn fallback_stem(chart: &str, locale: &str, km: bool, dark: bool, width: u32) -> String {
    let mut name = chart.to_string();
    if locale != "en-US" {
        name.push('-');
        name.push_str(locale);
    }
    if km {
        name.push_str("-km");
    }
    if dark {
        name.push_str("-dark");
    }
    if width != 640 {
        name.push_str(&format!("-{width}"));
    }
    name
}

/// Every default chart in its units (the cost chart has none) in `locale`: name, km, model.
fn default_variants(locale: &str) -> Result<Vec<(&'static str, bool, Chart)>, String> {
    let mut variants = Vec::new();
    for chart in CHART_KINDS.map(|kind| kind.name()) {
        let unit_choices: &[bool] = if chart == "cost" { &[false] } else { &[false, true] };
        for &km in unit_choices {
            let raw =
                RawOptions { chart: Some(chart.into()), units: Some(if km { "km" } else { "mi" }.into()), locale: Some(locale.into()), ..Default::default() };
            let options = Options::from_raw(&raw).map_err(|e| e.to_string())?;
            variants.push((chart, km, Chart::build(&options, None).map_err(|e| e.to_string())?));
        }
    }
    Ok(variants)
}

/// The key of a default chart in its units in `reserve.json` and the shim: `length`, `length-km`.
fn reserve_key(chart: &str, km: bool) -> String {
    if km {
        format!("{chart}-km")
    } else {
        chart.to_string()
    }
}

/// The stylesheet a page may link in its head: an empty element of a default chart
/// (the plain embed) gets its chart's height at its width before any script runs. The
/// shim's own rules turn it off (`:host::before`) once it holds the space itself.
///
/// Where no script ever runs (a CMS that pastes the module as a classic `<script src>`,
/// which is a syntax error, or strips it; scripting off; a blocked script), that held
/// place shows the chart's static file, as the shim's fallback would, with its words as
/// the pseudo-element's alternative text: after the element's `data-load-timeout` (10 s
/// when it has none or not a positive one, as the shim reads it; where the browser has no
/// typed `attr()`, always 10 s), at once under `scripting: none`, and the 320 px file in a
/// phone's viewport. Only the options a static file shows exactly get one (see the shim's
/// `staticFallbackUrl`): no custom data, no pounds, a language with its own files; its theme
/// is the element's, else the page's class or attribute on `<html>` or `<body>` (the
/// markers `pageDark` reads), else the reader's scheme. The image is set by one animation's
/// last keyframe, through custom properties (a change of width or theme then changes the
/// file without starting the delay again), so it is fetched only when it shows; a claimed
/// element (the shim ran) has no `::before`.
fn reserving_stylesheet() -> Result<String, String> {
    // (Declared, as the words below are not all ASCII: a server may send the file with no charset.)
    let mut css = String::from(
        "@charset \"UTF-8\";\n\
         /* bering-chart: reserves each default chart's height (en-US, text at the reader's default size) in the\n   \
         plain embed, before any script runs, and shows its static chart there if no script runs.\n   \
         Optional: <link rel=\"stylesheet\"> it in the page's head. */\n",
    );
    let units_of = |chart: &str, km: bool| {
        if km {
            "[data-units=\"km\"]"
        } else if chart == "cost" {
            ""
        } else {
            ":not([data-units=\"km\"])"
        }
    };
    for (chart, km, model) in default_variants("en-US")? {
        let units = units_of(chart, km);
        let height = HeightSteps::of(&model).css();
        css.push_str(&format!("[data-bering-chart=\"{chart}\"]{units}:not(:has(> *))::before {{ content: \"\"; display: block; padding-top: {height}; }}\n"));
    }
    // The delay: the element's timeout when positive, else 10 s (no sign(): Chromium had typed
    // attr() before it). A browser without typed attr() drops the second declaration.
    let timeout = "max(attr(data-load-timeout ms, 10s), 0s)";
    css.push_str(&format!(
        "@keyframes bering-static {{ to {{ background-image: var(--bering-static); }} }}\n\
         [data-bering-chart]::before {{ background: 50% 0 / contain no-repeat; print-color-adjust: exact; -webkit-print-color-adjust: exact; \
         animation: bering-static 0s 10s forwards; animation-delay: calc({timeout} + clamp(0s, (0.001ms - {timeout}) * 1e9, 10s)); \
         --bering-static: var(--bering-wide); --bering-wide: var(--bering-light); --bering-narrow: var(--bering-light-320); }}\n\
         @media (max-width: 480px) {{ [data-bering-chart]::before {{ --bering-static: var(--bering-narrow); }} }}\n\
         @media (scripting: none) {{ [data-bering-chart]::before {{ animation-delay: 0s; }} }}\n"
    ));
    let light = "--bering-wide: var(--bering-light); --bering-narrow: var(--bering-light-320);";
    let dark = "--bering-wide: var(--bering-dark); --bering-narrow: var(--bering-dark-320);";
    let marked = |scheme: &str| {
        let classes = format!(".{scheme}, .theme-{scheme}");
        let attributes: Vec<String> = ["data-theme", "data-color-scheme", "data-mode", "data-bs-theme"].iter().map(|name| format!("[{name}=\"{scheme}\"]")).collect();
        format!("{classes}, {}", attributes.join(", "))
    };
    // The theme: the reader's scheme, then the page's markers (<html>'s over <body>'s), then the
    // element's own. The markers are the shim's (`readPageDark` in www/shim/environment.js, its
    // attributes `HOST_THEME_ATTRIBUTES` in www/shim/state.js): a change there belongs here too.
    css.push_str(&format!("@media (prefers-color-scheme: dark) {{ [data-bering-chart]::before {{ {dark} }} }}\n"));
    for node in ["body", "html"] {
        css.push_str(&format!("{node}:is({}) [data-bering-chart]::before {{ {light} }}\n", marked("light")));
        css.push_str(&format!("{node}:is({}) [data-bering-chart]::before {{ {dark} }}\n", marked("dark")));
    }
    css.push_str(&format!("[data-bering-chart][data-theme=\"light\"][data-theme]::before {{ {light} }}\n"));
    css.push_str(&format!("[data-bering-chart][data-theme=\"dark\"][data-theme]::before {{ {dark} }}\n"));
    for locale in STATIC_LOCALES {
        let language = if locale == "en-US" {
            ":is(:not([data-locale]), [data-locale=\"\"], [data-locale=\"en\" i], [data-locale=\"en-US\" i])".to_string()
        } else {
            format!("[data-locale=\"{locale}\" i]")
        };
        for (chart, km, model) in default_variants(locale)? {
            let currency = if chart == "cost" { ":is(:not([data-currency]), [data-currency=\"\"], [data-currency=\"USD\"])" } else { "" };
            let alt = css_string(&[model.title.as_str(), ". ", &model.description()].concat());
            let file = |dark, width| fallback_name(chart, locale, km, dark, width);
            // (An empty content's alternative text is dropped from the accessibility tree; a zero-width
            // space, in a line of no height, holds it without changing the held height.)
            css.push_str(&format!(
                "[data-bering-chart=\"{chart}\"]{}{language}{currency}:not([data-bering-custom]):not(:has(> *))::before {{ \
                 content: \"\\200B\" / {alt}; font-size: 0; line-height: 0; --bering-light: url(\"../fallback/{}\"); \
                 --bering-light-320: url(\"../fallback/{}\"); --bering-dark: url(\"../fallback/{}\"); --bering-dark-320: url(\"../fallback/{}\"); }}\n",
                units_of(chart, km),
                file(false, 640),
                file(false, 320),
                file(true, 640),
                file(true, 320)
            ));
        }
    }
    Ok(css)
}

/// `text` as a CSS string: quoted, with its quotes, backslashes and line breaks escaped.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push_str("\\a "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Each default chart's held heights for the shim, by `reserve_key`, as
/// `[first, width, height, …]` from 280 px (en-US: the shim holds that height for
/// every language; a km chart as tall as its mile twin at every width is left
/// out, and the shim falls back to the twin).
fn reserve_table() -> Result<serde_json::Value, String> {
    let mut reserve = serde_json::Map::new();
    for (chart, km, model) in default_variants("en-US")? {
        let flat = HeightSteps::of(&model).flat(MIN_WIDTH as u32);
        if !km || reserve.get(chart) != Some(&serde_json::json!(flat)) {
            reserve.insert(reserve_key(chart, km), flat.into());
        }
    }
    Ok(reserve.into())
}

/// What an image shows and is for, in `index.json`.
struct Entry<'a> {
    chart: &'a str,
    km: bool,
    dark: bool,
    locale: &'a str,
    model: &'a Chart,
}

impl Entry<'_> {
    fn json(&self, format: &str, purpose: &str, css: (u32, u32), scale: f32, pixels: (u32, u32), bytes: usize) -> serde_json::Value {
        serde_json::json!({
            "chart": self.chart, "units": if self.km { "km" } else { "mi" }, "theme": if self.dark { "dark" } else { "light" },
            "locale": self.locale, "format": format, "purpose": purpose,
            "width": css.0, "height": css.1, "scale": scale, "pixelWidth": pixels.0, "pixelHeight": pixels.1, "bytes": bytes,
            "title": self.model.title, "alt": self.model.description(),
            "values": self.model.bars.iter().map(|bar| bar.value).collect::<Vec<f64>>(),
        })
    }
}

fn write_all(dir: &str, fonts: &Fonts) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
    let mut variants = Vec::new();
    for locale in STATIC_LOCALES {
        variants.extend(default_variants(locale)?.into_iter().map(|variant| (locale, variant)));
    }
    // Two workers (the machines this builds on have two cores): each takes every other variant.
    let halves: Vec<Result<Vec<(String, serde_json::Value)>, String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|worker| {
                let variants = &variants;
                scope.spawn(move || {
                    let mut entries = Vec::new();
                    for (locale, (chart, km, model)) in variants.iter().skip(worker).step_by(2) {
                        entries.extend(write_variant(dir, fonts, Entry { chart, km: *km, dark: false, locale, model })?);
                        entries.extend(write_variant(dir, fonts, Entry { chart, km: *km, dark: true, locale, model })?);
                    }
                    Ok(entries)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_else(|_| Err("a render worker failed".into()))).collect()
    });
    let mut index = serde_json::Map::new();
    for half in halves {
        index.extend(half?);
    }
    index.sort_keys();
    let json = serde_json::to_string_pretty(&index).map_err(|e| e.to_string())?;
    std::fs::write(format!("{dir}/index.json"), json + "\n").map_err(|e| format!("{dir}/index.json: {e}"))
}

/// One default chart in one language, units and theme: its SVGs and their PNGs at every
/// width, its share card and its newsletter image, with their index entries.
fn write_variant(dir: &str, fonts: &Fonts, entry: Entry) -> Result<Vec<(String, serde_json::Value)>, String> {
    let Entry { chart, km, dark, locale, model } = entry;
    let theme = Theme::resolve(if dark { ThemeChoice::Dark } else { ThemeChoice::Light }, false);
    let write = |name: &str, bytes: &[u8]| std::fs::write(format!("{dir}/{name}"), bytes).map_err(|e| format!("{dir}/{name}: {e}"));
    let height_css = HeightSteps::of(model).css();
    let png_entry = |name: String, purpose: &str, css: (u32, u32), scale: f32, png: Png| -> Result<(String, serde_json::Value), String> {
        write(&name, &png.bytes)?;
        Ok((name, entry.json("png", purpose, css, scale, (png.width, png.height), png.bytes.len())))
    };
    let mut entries = Vec::new();
    for width in WIDTHS {
        let svg = render_svg_document(model, width as f64, theme).map_err(|e| e.to_string())?;
        let height = svg_height(&svg).ok_or("rendered SVG has no height")?;
        let stem = fallback_stem(chart, locale, km, dark, width);
        write(&format!("{stem}.svg"), svg.as_bytes())?;
        for scale in [1.0, 2.0] {
            let png = chart_png(model, width as f64, scale, theme, fonts).map_err(|e| e.to_string())?;
            let name = if scale == 1.0 { format!("{stem}.png") } else { format!("{stem}@2x.png") };
            entries.push(png_entry(name, "fallback", (width, height), scale, png)?);
        }
        let mut svg_entry = entry.json("svg", "fallback", (width, height), 1.0, (width, height), svg.len());
        svg_entry["reserve"] = height_css.clone().into();
        svg_entry["description"] = model.description().into();
        // The same chart as plain HTML for the script embed's snippet (src/html.rs); beside
        // the light one, both themes in one block for the snippet's theme auto.
        let html_name = format!("{stem}.html");
        write(&html_name, render_html(model, width as f64, theme, None).as_bytes())?;
        svg_entry["html"] = html_name.into();
        if !dark {
            let auto_name = format!("{stem}-auto.html");
            let dark_theme = Theme::resolve(ThemeChoice::Dark, false);
            write(&auto_name, render_html(model, width as f64, theme, Some(dark_theme)).as_bytes())?;
            svg_entry["htmlAuto"] = auto_name.into();
        }
        entries.push((format!("{stem}.svg"), svg_entry));
    }
    let stem = fallback_stem(chart, locale, km, dark, 640);
    let card = share_card_png(model, theme, fonts).map_err(|e| e.to_string())?;
    let (name, mut card) = png_entry(format!("{stem}-card.png"), "share-card", CARD_SIZE, 1.0, card)?;
    // The card's entry also carries what the share page prints beside it.
    let rows: Vec<Vec<String>> = model.rows(false).into_iter().map(|row| row[..5].to_vec()).collect();
    card["takeaway"] = model.takeaway.clone().into();
    card["source"] = model.source.clone().unwrap_or_default().into();
    card["note"] = model.note.clone().unwrap_or_default().into();
    card["table"] = serde_json::json!({ "header": model.words.columns()[..5], "rows": rows });
    entries.push((name, card));
    let letter = newsletter_png(model, theme, fonts).map_err(|e| e.to_string())?;
    let css = (NEWSLETTER_WIDTH as u32, (letter.height as f32 / NEWSLETTER_SCALE) as u32);
    entries.push(png_entry(format!("{stem}-newsletter@2x.png"), "newsletter", css, NEWSLETTER_SCALE, letter)?);
    Ok(entries)
}

/// Writes the packs the wasm loads for charts in German, French and Russian.
fn write_locales(dir: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
    for name in PACK_NAMES {
        let path = std::path::Path::new(dir).join(format!("{name}.json"));
        let json = pack_json(name).ok_or_else(|| format!("no pack for {name}"))?;
        std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The `height="…"` of the root element.
fn svg_height(svg: &str) -> Option<u32> {
    svg.split("height=\"").nth(1)?.split('"').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_documented_scheme() {
        assert_eq!(fallback_name("length", "en-US", false, false, 640), "length.svg");
        assert_eq!(fallback_name("cost", "en-US", false, true, 640), "cost-dark.svg");
        assert_eq!(fallback_name("context", "en-US", true, true, 320), "context-km-dark-320.svg");
        assert_eq!(fallback_name("context", "de-DE", true, false, 960), "context-de-DE-km-960.svg");
    }

    #[test]
    fn the_stylesheet_holds_each_plain_default_chart() {
        let css = reserving_stylesheet().unwrap();
        let rules: Vec<&str> = css.lines().filter(|line| line.contains("padding-top")).collect();
        assert_eq!(rules.len(), 5);
        let length = HeightSteps::of(&default_variants("en-US").unwrap()[0].2).css();
        assert!(rules[0].starts_with("[data-bering-chart=\"length\"]:not([data-units=\"km\"]):not(:has(> *))::before"));
        assert!(rules[0].contains(&format!("padding-top: {length};")));
    }

    #[test]
    fn the_stylesheet_names_a_static_file_for_each_plain_default_chart() {
        let css = reserving_stylesheet().unwrap();
        assert!(css.starts_with("@charset \"UTF-8\";\n"));
        // Every default chart, units and language with files of its own: its light and dark files, at 640 and 320 px.
        let files: Vec<&str> = css.lines().filter(|line| line.contains("--bering-light:")).collect();
        assert_eq!(files.len(), 5 * STATIC_LOCALES.len());
        let german_km = files.iter().find(|line| line.contains("\"../fallback/length-de-DE-km.svg\"")).unwrap();
        assert!(german_km.starts_with("[data-bering-chart=\"length\"][data-units=\"km\"][data-locale=\"de-DE\" i]"), "{german_km}");
        for name in ["length-de-DE-km-320.svg", "length-de-DE-km-dark.svg", "length-de-DE-km-dark-320.svg"] {
            assert!(german_km.contains(&format!("\"../fallback/{name}\"")), "{name}: {german_km}");
        }
        // Pounds have no file: the cost chart's rules hold dollars only.
        assert!(files.iter().filter(|line| line.starts_with("[data-bering-chart=\"cost\"]")).all(|line| line.contains("[data-currency=\"USD\"]")));
        // Each plain chart's words as the image's alternative text, in its language.
        let english = files.iter().find(|line| line.starts_with("[data-bering-chart=\"length\"]:not([data-units=\"km\"]):is(:not([data-locale])")).unwrap();
        assert!(english.contains("content: \"\\200B\" / \"The proposed Bering Strait tunnel") && english.contains("70 miles"), "{english}");
        assert!(css.contains("animation-delay: calc(max(attr(data-load-timeout ms, 10s), 0s)") && css.contains("@media (scripting: none)"));
        // The element's own theme outweighs the page's markers.
        assert!(css.contains("html:is(.dark, .theme-dark, [data-theme=\"dark\"], [data-color-scheme=\"dark\"], [data-mode=\"dark\"], [data-bs-theme=\"dark\"]) [data-bering-chart]::before"));
        assert!(css.contains("[data-bering-chart][data-theme=\"light\"][data-theme]::before"));
    }

    #[test]
    fn css_strings_escape_quotes_backslashes_and_breaks() {
        assert_eq!(css_string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\a d\"");
    }

    #[test]
    fn all_writes_every_variant_and_an_index() {
        let dir = std::env::temp_dir().join(format!("bering-render-test-{}", std::process::id()));
        write_all(dir.to_str().unwrap(), &load_fonts(DEFAULT_FONT_DIR).unwrap()).unwrap();
        let index: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
        let entries = index.as_object().unwrap();
        let count = |format: &str, purpose: &str| entries.values().filter(|e| e["format"] == format && e["purpose"] == purpose).count();
        assert_eq!(count("svg", "fallback"), 30 * STATIC_LOCALES.len());
        assert_eq!(count("png", "fallback"), 2 * 30 * STATIC_LOCALES.len(), "each SVG at 1x and 2x");
        assert_eq!(count("png", "share-card"), 10 * STATIC_LOCALES.len());
        assert_eq!(count("png", "newsletter"), 10 * STATIC_LOCALES.len());
        assert_eq!(entries.len(), 110 * STATIC_LOCALES.len());
        // Each listed file is there, with the listed bytes; a PNG's pixels are its CSS size × scale.
        for (name, entry) in entries {
            let bytes = std::fs::metadata(dir.join(name)).unwrap().len();
            assert_eq!(entry["bytes"].as_u64(), Some(bytes), "{name}");
            assert!(entry["alt"].as_str().is_some_and(|alt| alt.len() > 40), "{name}: alt text");
            let scale = entry["scale"].as_f64().unwrap();
            if entry["purpose"] != "share-card" {
                assert_eq!(entry["pixelWidth"].as_f64(), Some(entry["width"].as_f64().unwrap() * scale), "{name}");
                assert_eq!(entry["pixelHeight"].as_f64(), Some(entry["height"].as_f64().unwrap() * scale), "{name}");
            }
        }
        let png = &index["cost-dark-320@2x.png"];
        assert_eq!((png["width"].as_u64(), png["pixelWidth"].as_u64(), png["theme"].as_str()), (Some(320), Some(640), Some("dark")));
        assert_eq!(index["cost-dark-320@2x.png"]["height"], index["cost-dark-320.svg"]["height"], "a PNG is as tall as its SVG");
        let card = &index["length-de-DE-card.png"];
        assert_eq!((card["pixelWidth"].as_u64(), card["pixelHeight"].as_u64()), (Some(1200), Some(630)));
        assert!(card["table"]["rows"][0][0].as_str().unwrap().contains("Tunnel"), "{}", card["table"]);
        assert_eq!(index["context-km-newsletter@2x.png"]["pixelWidth"], 1200);
        let length = &index["length.svg"];
        assert_eq!(length["width"], 640);
        assert!(length["description"].as_str().unwrap().contains("70 mi"));
        // Each language's file in its own words and numbers, and its own height.
        let german = &index["length-de-DE-km.svg"];
        assert_eq!(german["locale"], "de-DE");
        assert!(german["description"].as_str().unwrap().contains("112,7 Kilometer"), "{}", german["description"]);
        assert!(std::fs::read_to_string(dir.join("length-de-DE-km.svg")).unwrap().contains("112,7"));
        assert_eq!(german["chart"], "length");
        assert_eq!(german["units"], "km");
        let reserve = reserve_table().unwrap();
        assert_eq!(reserve["length"][0], HeightSteps::of(&default_variants("en-US").unwrap()[0].2).at(280.0));
        assert!(reserve.get("context-km").is_none(), "a km chart as tall as its mile twin is left out");
        let svg = std::fs::read_to_string(dir.join("length.svg")).unwrap();
        assert_eq!(svg_height(&svg), length["height"].as_u64().map(|h| h as u32));
        // Each SVG's HTML twin is written and named; a light one's has the dark colours too.
        let html = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!((length["html"].as_str(), length["htmlAuto"].as_str()), (Some("length.html"), Some("length-auto.html")));
        assert!(html("length.html").contains(&format!("aspect-ratio:640/{}", length["height"])));
        assert!(html("length-auto.html").contains("light-dark(") && !html("length.html").contains("light-dark("));
        assert!(html("length-de-DE-km.html").contains("112,7"));
        assert_eq!(index["cost-dark-320.svg"]["html"], "cost-dark-320.html");
        assert!(index["cost-dark-320.svg"].get("htmlAuto").is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
