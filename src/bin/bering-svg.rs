//! `bering-svg`: renders a chart to a static SVG with the same core as the
//! browser (the fallback files of `make dist`, or any custom spec).
//!
//! ```text
//! bering-svg [--chart length|cost|context] [--units mi|km] [--currency USD|GBP]
//!            [--gbp-per-usd RATE] [--locale TAG] [--theme light|dark] [--width PX]
//!            [--spec FILE.json] [--out FILE.svg]
//! bering-svg --all DIR      every default variant into DIR, plus DIR/index.json
//! bering-svg --locales DIR  the locale packs (de.json, fr.json, ru.json) into DIR
//! bering-svg --stylesheet FILE.css  the optional stylesheet that reserves each
//!                           default chart's height before any script runs
//! bering-svg --wire FILE.js  the generated module the shim is built with
//!                           (`bering_chart::wire::shim_module`: chart names, static
//!                           files, style fields, held heights)
//! ```
//!
//! Each file's entry in `DIR/index.json` has its chart, units, locale and theme,
//! and its height as a CSS length of its box's width (`reserve`, see
//! `bering_chart::reserve`), for the generator's snippet.

use bering_chart::i18n::{pack_json, PACK_NAMES};
use bering_chart::layout::MIN_WIDTH;
use bering_chart::model::Chart;
use bering_chart::reserve::HeightSteps;
use bering_chart::spec::{parse_spec_json, Options, RawOptions, ThemeChoice, CHART_KINDS};
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
    eprintln!("bering-svg: {message}");
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
            other => return Err(format!("unknown flag {other:?}; see the usage in src/bin/bering-svg.rs")),
        }
    }
    if let Some(dir) = all {
        return write_all(&dir);
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
    let svg = render_svg_document(&chart, width, theme).map_err(|e| e.to_string())?;
    match out {
        Some(path) => std::fs::write(&path, svg).map_err(|e| format!("{path}: {e}")),
        None => {
            print!("{svg}");
            Ok(())
        }
    }
}

/// File name of a fallback variant: `<chart>[-<locale>][-km][-dark][-<width>].svg`
/// (en-US and 640 px carry no suffix).
pub fn fallback_name(chart: &str, locale: &str, km: bool, dark: bool, width: u32) -> String {
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
    name + ".svg"
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
fn reserving_stylesheet() -> Result<String, String> {
    let mut css = String::from(
        "/* bering-chart: reserves each default chart's height (en-US, text at the reader's default size) in the\n   \
         plain embed, before any script runs. Optional: <link rel=\"stylesheet\"> it in the page's head. */\n",
    );
    for (chart, km, model) in default_variants("en-US")? {
        let units = if km {
            "[data-units=\"km\"]"
        } else if chart == "cost" {
            ""
        } else {
            ":not([data-units=\"km\"])"
        };
        let height = HeightSteps::of(&model).css();
        css.push_str(&format!("[data-bering-chart=\"{chart}\"]{units}:not(:has(> *))::before {{ content: \"\"; display: block; padding-top: {height}; }}\n"));
    }
    Ok(css)
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

fn write_all(dir: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
    let mut index = serde_json::Map::new();
    let mut variants = Vec::new();
    for locale in STATIC_LOCALES {
        variants.extend(default_variants(locale)?.into_iter().map(|variant| (locale, variant)));
    }
    for (locale, (chart, km, model)) in variants {
        let height_css = HeightSteps::of(&model).css();
        for dark in [false, true] {
            let theme = Theme::resolve(if dark { ThemeChoice::Dark } else { ThemeChoice::Light }, false);
            for width in WIDTHS {
                let svg = render_svg_document(&model, width as f64, theme).map_err(|e| e.to_string())?;
                let height = svg_height(&svg).ok_or("rendered SVG has no height")?;
                let name = fallback_name(chart, locale, km, dark, width);
                std::fs::write(format!("{dir}/{name}"), &svg).map_err(|e| format!("{dir}/{name}: {e}"))?;
                index.insert(
                    name,
                    serde_json::json!({
                        "chart": chart, "units": if km { "km" } else { "mi" }, "theme": if dark { "dark" } else { "light" },
                        "width": width, "height": height, "locale": locale,
                        "title": model.title, "description": model.description,
                        "reserve": height_css,
                    }),
                );
            }
        }
    }
    let json = serde_json::to_string_pretty(&index).map_err(|e| e.to_string())?;
    std::fs::write(format!("{dir}/index.json"), json + "\n").map_err(|e| format!("{dir}/index.json: {e}"))
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
        let rules: Vec<&str> = css.lines().filter(|line| line.starts_with('[')).collect();
        assert_eq!(rules.len(), 5);
        let length = HeightSteps::of(&default_variants("en-US").unwrap()[0].2).css();
        assert!(rules[0].starts_with("[data-bering-chart=\"length\"]:not([data-units=\"km\"]):not(:has(> *))::before"));
        assert!(rules[0].contains(&format!("padding-top: {length};")));
    }

    #[test]
    fn all_writes_every_variant_and_an_index() {
        let dir = std::env::temp_dir().join(format!("bering-svg-test-{}", std::process::id()));
        write_all(dir.to_str().unwrap()).unwrap();
        let index: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
        assert_eq!(index.as_object().unwrap().len(), 30 * STATIC_LOCALES.len());
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
        std::fs::remove_dir_all(dir).unwrap();
    }
}
