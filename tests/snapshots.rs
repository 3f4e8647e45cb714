//! The snapshot gallery: every default chart (each units, the cost chart in
//! pounds, each locale, dark, 320/640/960 px) and the custom fixtures of
//! `tests/snapshots/fixtures/` (long labels, 12 bars, zero values, every
//! qualifier) rendered to SVG on the host, compared with `tests/snapshots/`.
//!
//! A difference fails and writes `<name>-changed.svg` beside the snapshot;
//! `tests/snapshots/gallery.html` shows every snapshot, with its changed copy
//! beside it where there is one, for review. `UPDATE_SNAPSHOTS=1 cargo test
//! --test snapshots` accepts the changes (and writes missing snapshots, which
//! otherwise fail).

use bering_chart::model::Chart;
use bering_chart::spec::{parse_spec_json, Options, RawOptions, ThemeChoice};
use bering_chart::svg::{escape_xml, render_svg_document};
use bering_chart::theme::Theme;
use std::path::{Path, PathBuf};

struct Case {
    name: String,
    options: RawOptions,
    fixture: Option<&'static str>,
    width: u32,
    dark: bool,
}

fn options(chart: &str, units: &str, locale: &str) -> RawOptions {
    RawOptions { chart: Some(chart.into()), units: Some(units.into()), locale: Some(locale.into()), ..Default::default() }
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let defaults = [("length", "mi"), ("length", "km"), ("cost", "mi"), ("context", "mi"), ("context", "km")];
    for (chart, units) in defaults {
        let stem = if units == "km" { format!("{chart}-km") } else { chart.to_string() };
        for width in [320, 640, 960] {
            cases.push(Case { name: format!("{stem}-{width}"), options: options(chart, units, "en-US"), fixture: None, width, dark: false });
        }
        cases.push(Case { name: format!("{stem}-dark-640"), options: options(chart, units, "en-US"), fixture: None, width: 640, dark: true });
    }
    for locale in ["en-GB", "de-DE", "fr-FR", "ru-RU"] {
        for chart in ["length", "cost", "context"] {
            let units = if locale == "en-GB" || chart == "cost" { "mi" } else { "km" };
            cases.push(Case { name: format!("{chart}-{locale}-640"), options: options(chart, units, locale), fixture: None, width: 640, dark: false });
        }
    }
    let pounds = RawOptions { currency: Some("GBP".into()), gbp_per_usd: Some("0.79".into()), ..options("cost", "mi", "en-GB") };
    for width in [320, 640] {
        cases.push(Case { name: format!("cost-GBP-{width}"), options: pounds.clone(), fixture: None, width, dark: false });
    }
    for fixture in ["long-labels", "twelve-bars", "zero-values", "qualifiers"] {
        for (width, dark) in [(320, false), (960, false), (640, true)] {
            let theme = if dark { "-dark" } else { "" };
            cases.push(Case { name: format!("{fixture}{theme}-{width}"), options: options("length", "mi", "en-US"), fixture: Some(fixture), width, dark });
        }
    }
    cases
}

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("snapshots")
}

fn render(case: &Case) -> String {
    let options = Options::from_raw(&case.options).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let spec = case.fixture.map(|name| {
        let path = folder().join("fixtures").join(format!("{name}.json"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        parse_spec_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    });
    let chart = Chart::build(&options, spec.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let theme = Theme::resolve(if case.dark { ThemeChoice::Dark } else { ThemeChoice::Light }, false);
    render_svg_document(&chart, f64::from(case.width), theme).unwrap_or_else(|e| panic!("{}: {e}", case.name))
}

/// The review page: each snapshot, and its changed copy beside it where there is one.
fn gallery(cases: &[Case], changed: &[String]) -> String {
    let mut html = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>bering-chart snapshot gallery</title>\n\
         <style>body{font:14px/1.4 system-ui,sans-serif;margin:16px;background:#eee}figure{display:inline-block;vertical-align:top;\
         margin:0 12px 16px 0;padding:8px;background:#fff}figure.changed{outline:3px solid #b3261e}figcaption{margin-bottom:6px}\
         img{display:inline-block;margin-right:8px;border:1px solid #ccc;vertical-align:top}</style></head><body>\n\
         <h1>Snapshot gallery</h1>\n<p>Written by <code>cargo test --test snapshots</code>: every snapshot in <code>tests/snapshots/</code>; \
         a changed rendering is outlined, with the new copy (<code>-changed.svg</code>) on the right. \
         <code>UPDATE_SNAPSHOTS=1 cargo test --test snapshots</code> accepts it.</p>\n",
    );
    for case in cases {
        let is_changed = changed.contains(&case.name);
        let name = escape_xml(&case.name);
        html.push_str(&format!(
            "<figure{}><figcaption>{name}{}</figcaption><img src=\"{name}.svg\" alt=\"\">",
            if is_changed { " class=\"changed\"" } else { "" },
            if is_changed { " (changed: snapshot, then new)" } else { "" }
        ));
        if is_changed {
            html.push_str(&format!("<img src=\"{name}-changed.svg\" alt=\"\">"));
        }
        html.push_str("</figure>\n");
    }
    html.push_str("</body></html>\n");
    html
}

#[test]
fn every_snapshot_matches_its_rendering() {
    let update = std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1");
    let cases = cases();
    let mut changed = Vec::new();
    let mut missing = Vec::new();
    for case in &cases {
        let svg = render(case);
        let stored_path = folder().join(format!("{}.svg", case.name));
        let changed_path = folder().join(format!("{}-changed.svg", case.name));
        match std::fs::read_to_string(&stored_path) {
            Ok(stored) if stored == svg => {
                let _ = std::fs::remove_file(&changed_path);
            }
            Ok(_) if update => {
                std::fs::write(&stored_path, &svg).unwrap();
                let _ = std::fs::remove_file(&changed_path);
            }
            Ok(_) => {
                std::fs::write(&changed_path, &svg).unwrap();
                changed.push(case.name.clone());
            }
            Err(_) if update => std::fs::write(&stored_path, &svg).unwrap(),
            Err(_) => missing.push(case.name.clone()),
        }
    }
    std::fs::write(folder().join("gallery.html"), gallery(&cases, &changed)).unwrap();
    assert!(missing.is_empty(), "no snapshot for {missing:?}: UPDATE_SNAPSHOTS=1 cargo test --test snapshots writes them");
    assert!(
        changed.is_empty(),
        "{} snapshots changed: {changed:?}; see tests/snapshots/gallery.html (the new renderings are the -changed.svg files; \
         UPDATE_SNAPSHOTS=1 cargo test --test snapshots accepts them)",
        changed.len()
    );
}

#[test]
fn the_gallery_lists_every_case_once() {
    let cases = cases();
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are unique");
    let html = gallery(&cases, &["qualifiers-320".to_string()]);
    assert_eq!(html.matches("<figure").count(), cases.len());
    assert!(html.contains("<img src=\"qualifiers-320-changed.svg\""));
}
