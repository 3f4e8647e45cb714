//! The validated chart: bars with their values and words, title, takeaway,
//! note, source and an accessible description, built either from the story's
//! figures ([`crate::facts`]) under the display options, or from a custom
//! [`RawSpec`]. Every derived number (ratios, conversions) is computed here;
//! every built-in word comes from [`crate::i18n`].

use crate::error::{ChartError, ErrorKind};
use crate::facts::{self, Qualifier, ALLOWED_QUALIFIERS, KM_PER_MILE};
use crate::format::{char_count, decimals_needed, fit_decimals, Join, PLAIN};
use crate::i18n::{fill, Lang, Support, Words, ENGLISH_LINKS, SUPPORTED};
use crate::spec::{clip, ChartKind, Currency, Options, RawSpec, Units};
use crate::theme::Paint;

/// Limits on custom specs, documented in the README.
pub const MAX_BARS: usize = 12;
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_LABEL_CHARS: usize = 200;
pub const MAX_NOTE_CHARS: usize = 500;
pub const MAX_UNIT_CHARS: usize = 16;
pub const MAX_PREFIX_CHARS: usize = 4;
pub const MAX_VALUE: f64 = 1e15;

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// The value in the chart's display unit; bars are drawn proportional to it.
    pub value: f64,
    pub qualifier: Qualifier,
    /// The value label as drawn, qualifier included ("under $8bn"); the same for speech
    /// is [`Chart::spoken`].
    pub value_text: String,
    pub paint: Paint,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// One line computed from the numbers ("… 37% longer than the strait is wide").
    pub takeaway: String,
    pub bars: Vec<Bar>,
    pub note: Option<String>,
    pub source: Option<String>,
    /// A link to the source (custom specs only): always an `https://` address.
    pub source_url: Option<String>,
    /// The unit of every value, spelled out for the data download ("mi", "US$ bn").
    pub unit: String,
    /// The language the chart speaks.
    pub words: Words,
    /// What the values measure, and the most decimals they are written with (for their
    /// spoken form, [`Chart::spoken`], made only when asked for).
    measure: Measure,
    decimals: u32,
    /// Set when the requested locale is not supported (the chart speaks en-US).
    pub locale_note: Option<String>,
    /// The words of the links under the chart, "Get the data" and "Source", in its language:
    /// set when the chart is made, so drawing a built chart never reads the catalog (whose
    /// English column, with every text it points to, then stays out of the first drawing's
    /// wasm module: see tools/split-wasm.mjs).
    pub data_link: &'static str,
    pub source_link: &'static str,
}

/// What the values measure, which decides how they are written.
#[derive(Debug, Clone, PartialEq)]
enum Measure {
    Distance(Units),
    Billions(Currency),
    /// A custom spec: `prefix` + number + (space) + `unit`.
    Custom {
        prefix: String,
        unit: String,
    },
}

/// Units written without a space: "$8bn", "40%".
fn unit_attaches(unit: &str) -> bool {
    matches!(unit, "bn" | "m" | "k" | "%" | "tn")
}

/// The text of a value with its qualifier, drawn ("under $8bn") or `spoken` ("under 8
/// billion US dollars": units spelled out, no group separators).
fn value_text(words: &Words, measure: &Measure, value: f64, qualifier: Qualifier, decimals: u32, spoken: bool) -> String {
    let number = if spoken { words.spoken_number(value, decimals) } else { words.number(value, decimals) };
    let text = match measure {
        Measure::Distance(units) if spoken => words.distance_spoken(&number, value, *units),
        Measure::Distance(units) => words.distance(&number, value, *units),
        Measure::Billions(currency) if spoken => words.billions_spoken(&number, value, *currency),
        Measure::Billions(currency) => words.billions(&number, *currency),
        Measure::Custom { prefix, unit } => {
            // "%" takes the language's own space, as the takeaway's percentages do: "12%", "12 %".
            let gap = if unit == "%" { words.percent_space() } else if unit.is_empty() || unit_attaches(unit) { "" } else { " " };
            [prefix.as_str(), &number, gap, unit].cat()
        }
    };
    match words.qualifier(qualifier) {
        "" => text,
        word => [word, " ", &text].cat(),
    }
}

struct Maker {
    words: Words,
    measure: Measure,
    decimals: u32,
}

impl Maker {
    fn bar(&self, label: &str, value: f64, qualifier: Qualifier, paint: Paint) -> Bar {
        let value_text = value_text(&self.words, &self.measure, value, qualifier, self.decimals, false);
        Bar { label: label.to_string(), value, qualifier, value_text, paint }
    }

    fn chart(&self, title: &str, takeaway: String, bars: Vec<Bar>, note: Option<String>, source: Option<String>, unit: &str) -> Chart {
        Chart {
            title: title.to_string(),
            takeaway,
            bars,
            note,
            source,
            source_url: None,
            unit: unit.to_string(),
            words: self.words,
            measure: self.measure.clone(),
            decimals: self.decimals,
            locale_note: None,
            data_link: self.words.get_the_data(),
            source_link: self.words.source_link(),
        }
    }
}

impl Chart {
    /// The chart for `options`: the story's default data, or `spec` when given.
    pub fn build(options: &Options, spec: Option<&RawSpec>) -> Result<Chart, ChartError> {
        match spec {
            Some(spec) => {
                let (words, supported) = Words::for_tag(&options.locale);
                Ok(custom(spec, words)?.finish(options, supported))
            }
            None => Chart::build_default(options),
        }
    }

    /// The story's default chart for `options` (what the embed's first drawing needs:
    /// nothing of a custom specification's reading is reached from here).
    pub fn build_default(options: &Options) -> Result<Chart, ChartError> {
        let (words, supported) = Words::for_tag(&options.locale);
        let chart = match options.chart {
            ChartKind::Length => length(options.units, words),
            ChartKind::Cost => cost(options, words)?,
            ChartKind::Context => context(options.units, words),
        };
        Ok(chart.finish(options, supported))
    }

    /// The story's default chart for `options` as [`Chart::build_default`] made it when the
    /// crate was written (`model/built.rs`, checked against the model by a test), or `None`
    /// for options it was not made for: a language from a locale pack, or pounds. The embed's
    /// first drawing builds with this, so none of the model's own code is in the primary
    /// module; the rest are built in the "model" module (through `Widget::withModel`), and
    /// custom charts in the "input" module (`Widget::withSpec`).
    pub fn built(options: &Options) -> Option<Chart> {
        let (words, supported) = Words::for_tag(&options.locale);
        let made = built::CHARTS.iter().find(|c| {
            c.kind == options.chart
                && c.langs.contains(&words.lang)
                && c.units.is_none_or(|u| u == options.units)
                && c.currency.is_none_or(|u| u == options.currency)
        })?;
        let mut bars = Vec::with_capacity(made.bars.len());
        for bar in made.bars {
            bars.push(Bar { label: bar.label.into(), value: bar.value, qualifier: bar.qualifier, value_text: bar.value_text.into(), paint: bar.paint });
        }
        let chart = Chart {
            title: made.title.into(),
            takeaway: made.takeaway.into(),
            bars,
            note: made.note.map(str::to_string),
            source: made.source.map(str::to_string),
            source_url: None,
            unit: made.unit.into(),
            words,
            measure: made.measure.clone(),
            decimals: made.decimals,
            locale_note: None,
            // (Built charts are English: see `crate::i18n::ENGLISH_LINKS`.)
            data_link: ENGLISH_LINKS.0,
            source_link: ENGLISH_LINKS.1,
        };
        Some(chart.finish(options, supported))
    }

    /// The locale note, for a chart built either way.
    fn finish(mut self, options: &Options, supported: Support) -> Chart {
        let tag = clip(&options.locale, 40);
        self.locale_note = match supported {
            Support::Yes => None,
            Support::No => Some(["data-locale=\"", &tag, "\" is not supported yet; showing en-US (supported: ", SUPPORTED, ")."].cat()),
            Support::PackMissing(name) => {
                Some(["data-locale=\"", &tag, "\": the ", name, " words (embed/locale/", name, ".json) did not load; showing en-US."].cat())
            }
        };
        self
    }

    /// Every figure as a row of text cells: label, value, unit, qualifier, as
    /// shown, note, source; headed by [`Words::columns`]. The value is a plain
    /// number (a point, no grouping) for machines when `plain`, else in the
    /// chart's language (for the data table people read).
    pub fn rows(&self, plain: bool) -> Vec<[String; 7]> {
        let note = self.note.clone().unwrap_or_default();
        let source = self.source.clone().unwrap_or_default();
        self.bars
            .iter()
            .map(|bar| {
                [
                    bar.label.clone(),
                    if plain { PLAIN.number(bar.value, self.decimals.max(3)) } else { self.words.number(bar.value, self.decimals.max(3)) },
                    self.unit.clone(),
                    self.words.qualifier(bar.qualifier).to_string(),
                    bar.value_text.clone(),
                    note.clone(),
                    source.clone(),
                ]
            })
            .collect()
    }

    /// The chart's figures as CSV for "Get the data": UTF-8 with a byte-order
    /// mark, CRLF lines, every cell quoted, and cells that a spreadsheet would
    /// run as a formula (starting with `= + - @`, tab or CR) prefixed with `'`.
    pub fn csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        push_csv_row(&mut out, &self.words.columns());
        for row in self.rows(true) {
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            push_csv_row(&mut out, &cells);
        }
        out
    }

    /// What bar `index` says in a tooltip: its value, and its share of the
    /// other bar it is compared with (the first bar for the others; the second for the first).
    pub fn tooltip(&self, index: usize) -> Option<String> {
        let bar = self.bars.get(index)?;
        let other_index = if index == 0 { 1 } else { 0 };
        let mut text = [bar.label.as_str(), self.words.colon(), &bar.value_text].cat();
        if let Some(other) = self.bars.get(other_index).filter(|o| o.value > 0.0) {
            text.push_str(" · ");
            let other_label = self.words.inner_quotes(&other.label);
            text.push_str(&fill(self.words.share_of_other(), &[&self.words.percent(bar.value / other.value), &other_label]));
        }
        Some(text)
    }

    /// Bar `bar`'s value for speech, qualifier included ("under 8 billion US dollars").
    pub fn spoken(&self, bar: &Bar) -> String {
        value_text(&self.words, &self.measure, bar.value, bar.qualifier, self.decimals, true)
    }

    /// Every figure in words ("Proposed tunnel 70 miles; Bering Strait, width at its
    /// narrowest 51 miles."): what a copy of the page carries of the bars (the title and
    /// takeaway are copied from the lines of text around them).
    pub fn figures(&self) -> String {
        let items: Vec<String> = self.bars.iter().map(|b| [b.label.as_str(), " ", &self.spoken(b)].cat()).collect();
        [&items.joined(self.words.semicolon()), "."].cat()
    }

    /// Plain-text description for assistive technology: every figure, then the takeaway.
    pub fn description(&self) -> String {
        match self.takeaway.as_str() {
            "" => self.figures(),
            takeaway => [&self.figures(), " ", takeaway].cat(),
        }
    }
}

fn push_csv_row(out: &mut String, cells: &[&str]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            out.push('\'');
        }
        for c in cell.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    }
    out.push_str("\r\n");
}

fn length(units: Units, words: Words) -> Chart {
    let factor = if units == Units::Miles { 1.0 } else { KM_PER_MILE };
    let make = Maker { words, measure: Measure::Distance(units), decimals: 1 };
    let tunnel = facts::TUNNEL_LENGTH_MI * factor;
    let strait = facts::STRAIT_WIDTH_MI * factor;
    make.chart(
        words.length_title(),
        fill(words.length_takeaway(), &[&words.percent(tunnel / strait - 1.0)]),
        vec![
            make.bar(words.length_tunnel(), tunnel, Qualifier::None, Paint::Primary),
            make.bar(words.length_strait(), strait, Qualifier::None, Paint::Secondary),
        ],
        (units == Units::Kilometres).then(|| words.length_km_note().to_string()),
        Some(words.source_line().into()),
        words.unit_name(units),
    )
}

fn cost(options: &Options, words: Words) -> Result<Chart, ChartError> {
    let (claimed, baseline, note) = match options.currency {
        Currency::Usd => (facts::CLAIMED_COST_USD_BN, facts::BASELINE_COST_USD_BN, words.cost_usd_note().to_string()),
        Currency::Gbp => {
            let Some(rate) = options.gbp_per_usd else {
                return Err(ChartError::new(
                    ErrorKind::MissingRate,
                    &[
                        "data-currency=\"GBP\": the “traditional” cost (over $65bn) was reported only in US dollars, ",
                        "so it cannot be shown in pounds without an exchange rate. Add data-gbp-per-usd ",
                        "(pounds per US dollar, e.g. \"0.79\") or use data-currency=\"USD\".",
                    ],
                ));
            };
            // One rate for every figure, so the bars keep the ratio of the dollar figures the claim
            // was made in; the pounds the newspaper reported for the claim are named in the note.
            let note = fill(words.cost_gbp_note(), &[&words.number(rate, 3)]);
            (facts::CLAIMED_COST_USD_BN * rate, facts::BASELINE_COST_USD_BN * rate, note)
        }
    };
    let make = Maker { words, measure: Measure::Billions(options.currency), decimals: 1 };
    let share = claimed / baseline;
    let denominator = (1.0 / share).round().max(1.0) as u64;
    let fraction = match denominator {
        0 | 1 => words.same().to_string(),
        n => words.unit_fraction(n).map(str::to_string).unwrap_or_else(|| ["1/", &words.number(n as f64, 0)].cat()),
    };
    Ok(make.chart(
        words.cost_title(),
        fill(words.cost_takeaway(), &[&fraction, &words.percent(share)]),
        vec![
            make.bar(words.cost_claimed(), claimed, Qualifier::Under, Paint::Primary),
            make.bar(words.cost_baseline(), baseline, Qualifier::Over, Paint::Secondary),
        ],
        Some(note),
        Some(words.source_line().into()),
        words.billions_unit_name(options.currency),
    ))
}

fn context(units: Units, words: Words) -> Chart {
    let (tunnel, from_km) = match units {
        Units::Miles => (facts::TUNNEL_LENGTH_MI, 1.0 / KM_PER_MILE),
        Units::Kilometres => (facts::TUNNEL_LENGTH_MI * KM_PER_MILE, 1.0),
    };
    let make = Maker { words, measure: Measure::Distance(units), decimals: 1 };
    let mut bars = vec![make.bar(words.context_proposed(), tunnel, Qualifier::None, Paint::Primary)];
    for t in &facts::EXISTING_TUNNELS {
        let (name, country) = words.tunnel(t.name);
        let label = [name, " (", country, ", ", t.opened, ")"].cat();
        bars.push(make.bar(&label, t.length_km * from_km, Qualifier::None, Paint::Secondary));
    }
    let longest = facts::EXISTING_TUNNELS.iter().max_by(|a, b| a.length_km.total_cmp(&b.length_km));
    let (longest_name, longest_length) = longest.map(|t| (words.tunnel(t.name).0, t.length_km * from_km)).unwrap_or(("", 1.0));
    let tenths = (tunnel / longest_length * 10.0).round() / 10.0;
    make.chart(
        words.context_title(),
        fill(words.context_takeaway(), &[&words.times(tenths), longest_name]),
        bars,
        Some(words.context_note().into()),
        Some([words.source_line(), words.operators_source()].cat()),
        words.unit_name(units),
    )
}

/// One of the story's default charts as the model made it (see [`Chart::built`]): for `kind`
/// in `langs`, in `units` and `currency` (`None`: the chart is the same in any).
pub(crate) struct BuiltChart {
    kind: ChartKind,
    langs: &'static [Lang],
    units: Option<Units>,
    currency: Option<Currency>,
    title: &'static str,
    takeaway: &'static str,
    bars: &'static [BuiltBar],
    note: Option<&'static str>,
    source: Option<&'static str>,
    unit: &'static str,
    measure: Measure,
    decimals: u32,
}

pub(crate) struct BuiltBar {
    label: &'static str,
    value: f64,
    qualifier: Qualifier,
    value_text: &'static str,
    paint: Paint,
}

mod built;

/// The source of `model/built.rs`: every default chart the model makes in English (en-US,
/// en-GB) without a publisher's rate, each written once with the options it does not depend
/// on left open. Host builds only; `BERING_WRITE_BUILT=1 cargo test --lib built` rewrites the file.
#[cfg(not(target_arch = "wasm32"))]
pub fn built_source() -> String {
    use crate::spec::{RawOptions, CHART_KINDS};
    let made = |kind: ChartKind, tag: &str, units: Units, currency: Currency| {
        let mut options = Options::from_raw(&RawOptions { chart: Some("length".into()), ..Default::default() }).expect("the default options are valid");
        options.chart = kind;
        options.locale = tag.into();
        options.units = units;
        options.currency = currency;
        Chart::build_default(&options).ok()
    };
    let mut out = String::from(
        "//! @generated by `model::built_source` (`BERING_WRITE_BUILT=1 cargo test --lib built`): the story's\n\
         //! default charts as the model makes them in English, for the embed's first drawing\n\
         //! (see `Chart::built`). Do not edit: the test `built_charts_are_the_models` fails when\n\
         //! this file and the model disagree.\n\n\
         use super::{BuiltBar, BuiltChart, Measure};\n\
         use crate::facts::Qualifier;\n\
         use crate::i18n::Lang;\n\
         use crate::spec::{ChartKind, Currency, Units};\n\
         use crate::theme::Paint;\n\n",
    );
    // Each chart once for the languages it is the same in (English's two differ in none today):
    // its kind, languages, units and currency (`None`: any), and the chart.
    type Entry = (ChartKind, Vec<Lang>, Option<Units>, Option<Currency>, Chart);
    let mut entries: Vec<Entry> = Vec::new();
    for kind in CHART_KINDS {
        for (tag, lang) in [("en-US", Lang::EnUs), ("en-GB", Lang::EnGb)] {
            // The same chart in either currency (no rate needed)?
            let any_currency = [Units::Miles, Units::Kilometres].iter().all(|&u| {
                let usd = made(kind, tag, u, Currency::Usd);
                usd.is_some() && made(kind, tag, u, Currency::Gbp) == usd
            });
            let currency = if any_currency { None } else { Some(Currency::Usd) };
            let miles = made(kind, tag, Units::Miles, Currency::Usd).expect("every default chart builds in dollars");
            let kilometres = made(kind, tag, Units::Kilometres, Currency::Usd).expect("every default chart builds in dollars");
            let mut charts = vec![(Some(Units::Miles), miles.clone()), (Some(Units::Kilometres), kilometres.clone())];
            if miles == kilometres {
                charts = vec![(None, miles)];
            }
            let same_words = |a: &Chart, b: &Chart| Chart { words: b.words, ..a.clone() } == *b;
            let earlier: Vec<usize> = (0..entries.len()).filter(|&i| entries[i].0 == kind).collect();
            let same = earlier.len() == charts.len()
                && earlier
                    .iter()
                    .zip(&charts)
                    .all(|(&i, (units, chart))| entries[i].2 == *units && entries[i].3 == currency && same_words(&entries[i].4, chart));
            if same {
                earlier.iter().for_each(|&i| entries[i].1.push(lang));
            } else {
                entries.extend(charts.into_iter().map(|(units, chart)| (kind, vec![lang], units, currency, chart)));
            }
        }
    }
    let text = |value: &str| format!("{value:?}");
    let optional = |value: &Option<String>| value.as_deref().map_or("None".to_string(), |v| format!("Some({v:?})"));
    out.push_str(&format!("#[rustfmt::skip]\npub(super) static CHARTS: [BuiltChart; {}] = [\n", entries.len()));
    for (kind, langs, units, currency, chart) in entries {
        let langs: Vec<String> = langs.iter().map(|l| format!("Lang::{l:?}")).collect();
        let measure = match chart.measure {
            Measure::Distance(units) => format!("Measure::Distance(Units::{units:?})"),
            Measure::Billions(currency) => format!("Measure::Billions(Currency::{currency:?})"),
            Measure::Custom { .. } => unreachable!("a default chart has no custom measure"),
        };
        out.push_str(&format!(
            "    BuiltChart {{\n        kind: ChartKind::{kind:?},\n        langs: &[{}],\n        units: {},\n        currency: {},\n",
            langs.join(", "),
            units.map_or("None".to_string(), |u| format!("Some(Units::{u:?})")),
            currency.map_or("None".to_string(), |c| format!("Some(Currency::{c:?})")),
        ));
        out.push_str(&format!("        title: {},\n        takeaway: {},\n        bars: &[\n", text(&chart.title), text(&chart.takeaway)));
        for bar in &chart.bars {
            out.push_str(&format!(
                "            BuiltBar {{ label: {}, value: {:?}, qualifier: Qualifier::{:?}, value_text: {}, paint: Paint::{:?} }},\n",
                text(&bar.label),
                bar.value,
                bar.qualifier,
                text(&bar.value_text),
                bar.paint
            ));
        }
        out.push_str(&format!(
            "        ],\n        note: {},\n        source: {},\n        unit: {},\n        measure: {measure},\n        decimals: {},\n    }},\n",
            optional(&chart.note),
            optional(&chart.source),
            text(&chart.unit),
            chart.decimals
        ));
    }
    out.push_str("];\n");
    out
}

/// Input text made safe to lay out: control characters become spaces, ends trimmed.
pub fn clean_text(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_string()
}

fn spec_error(parts: &[&str]) -> ChartError {
    let mut all = vec!["Chart data: "];
    all.extend_from_slice(parts);
    ChartError::new(ErrorKind::BadSpec, &all)
}

/// A cleaned text field: required or optional, at most `max` characters.
fn text_field(value: &Option<String>, name: &str, max: usize, required: bool) -> Result<Option<String>, ChartError> {
    let cleaned = value.as_deref().map(clean_text).filter(|t| !t.is_empty());
    match cleaned {
        None if required => Err(spec_error(&["\"", name, "\" is missing or empty; give it a text."])),
        Some(text) if char_count(&text) > max => Err(spec_error(&[
            "\"",
            name,
            "\" is too long (",
            &PLAIN.number(char_count(&text) as f64, 0),
            " characters); at most ",
            &PLAIN.number(max as f64, 0),
            " are allowed.",
        ])),
        other => Ok(other),
    }
}

fn custom(spec: &RawSpec, words: Words) -> Result<Chart, ChartError> {
    let title = text_field(&spec.title, "title", MAX_TITLE_CHARS, true)?.unwrap_or_default();
    let unit = text_field(&spec.unit, "unit", MAX_UNIT_CHARS, false)?.unwrap_or_default();
    let prefix = text_field(&spec.prefix, "prefix", MAX_PREFIX_CHARS, false)?.unwrap_or_default();
    let note = text_field(&spec.note, "note", MAX_NOTE_CHARS, false)?;
    let source = text_field(&spec.source, "source", MAX_NOTE_CHARS, false)?;
    let source_url = match text_field(&spec.source_url, "sourceUrl", MAX_NOTE_CHARS, false)? {
        None => None,
        Some(url) if is_https_address(&url) => Some(url),
        Some(url) => return Err(spec_error(&["\"sourceUrl\" must be an https:// address; it is \"", &clip(&url, 40), "\"."])),
    };
    let raw_bars = match &spec.bars {
        None => return Err(spec_error(&["\"bars\" is missing; give a list of 1 to 12 bars."])),
        Some(b) if b.is_empty() => return Err(spec_error(&["\"bars\" is empty; give 1 to 12 bars."])),
        Some(b) if b.len() > MAX_BARS => return Err(spec_error(&["\"bars\" has ", &PLAIN.number(b.len() as f64, 0), " bars; at most 12 are allowed."])),
        Some(b) => b,
    };
    // Written with the decimals the figures need (0.004 as given, not 0), at most four, and
    // at least two as before, but fewer for a figure near 1e15. (A figure that is not
    // allowed is refused below: the chart is not made.)
    let mut decimals = 2;
    let mut largest: f64 = 0.0;
    for value in raw_bars.iter().filter_map(|raw| raw.value) {
        if value.is_finite() {
            decimals = decimals.max(decimals_needed(value));
            largest = largest.max(value);
        }
    }
    let make = Maker { words, measure: Measure::Custom { prefix: prefix.clone(), unit: unit.clone() }, decimals: fit_decimals(decimals, largest) };
    let mut bars = Vec::with_capacity(raw_bars.len());
    for (i, raw) in raw_bars.iter().enumerate() {
        let name = ["bars[", &PLAIN.number(i as f64, 0), "]"].cat();
        let label = text_field(&raw.label, &[&name, ".label"].cat(), MAX_LABEL_CHARS, true)?.unwrap_or_default();
        let value = match raw.value {
            None => return Err(spec_error(&["\"", &name, ".value\" is missing; give a number."])),
            Some(v) if !v.is_finite() => return Err(spec_error(&["\"", &name, ".value\" is not a finite number."])),
            Some(v) if v < 0.0 => {
                return Err(spec_error(&["\"", &name, ".value\" is ", &PLAIN.number(v, 3), "; values must be 0 or more (bars start at zero)."]))
            }
            Some(v) if v > MAX_VALUE => return Err(spec_error(&["\"", &name, ".value\" is too large; at most 1e15 is allowed."])),
            Some(v) => v,
        };
        let qualifier_text = raw.qualifier.as_deref().unwrap_or("");
        let Some(qualifier) = Qualifier::parse(qualifier_text) else {
            return Err(spec_error(&["\"", &name, ".qualifier\" is \"", &clip(qualifier_text, 40), "\"; use ", ALLOWED_QUALIFIERS, "."]));
        };
        let paint = if i == 0 { Paint::Primary } else { Paint::Secondary };
        bars.push(make.bar(&label, value, qualifier, paint));
    }
    if bars.iter().all(|b| b.value == 0.0) {
        return Err(spec_error(&["every bar is 0; at least one value must be above zero."]));
    }
    let own = text_field(&spec.takeaway, "takeaway", MAX_TITLE_CHARS, false)?;
    let takeaway = match bars.as_slice() {
        _ if own.is_some() => own.unwrap_or_default(),
        [a, b, ..] if b.value > 0.0 && a.value > b.value => fill(words.more_than(), &[&a.label, &words.percent(a.value / b.value - 1.0), &b.label]),
        [a, b, ..] if b.value > 0.0 && a.value < b.value => fill(words.share_of(), &[&a.label, &words.percent(a.value / b.value), &b.label]),
        [a, b, ..] if a.value == b.value => fill(words.equals(), &[&a.label, &b.label]),
        [a, ..] => [&a.label, ": ", &a.value_text, "."].cat(),
        [] => String::new(),
    };
    let unit = [prefix.as_str(), if prefix.is_empty() || unit.is_empty() { "" } else { " " }, unit.as_str()].cat();
    let mut chart = make.chart(&title, takeaway, bars, note, source, &unit);
    chart.source_url = source_url;
    Ok(chart)
}

/// `https://host…` with a host and no spaces, quotes or angle brackets: the
/// only links a spec may carry (no `javascript:`, `data:` or plain `http:`).
pub fn is_https_address(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{RawBar, RawOptions};

    fn options(chart: &str) -> Options {
        Options::from_raw(&RawOptions { chart: Some(chart.into()), ..Default::default() }).unwrap()
    }

    fn values(chart: &Chart) -> Vec<f64> {
        chart.bars.iter().map(|b| b.value).collect()
    }

    /// `model/built.rs` is what the model makes now.
    #[test]
    fn built_charts_are_the_models() {
        let source = built_source();
        if std::env::var_os("BERING_WRITE_BUILT").is_some() {
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/src/model/built.rs"), &source).unwrap();
            return;
        }
        assert!(
            include_str!("model/built.rs") == source,
            "src/model/built.rs is not what the model makes now: run `BERING_WRITE_BUILT=1 cargo test --lib built` and commit it"
        );
    }

    /// For every option the embed may be given, a built chart is the one the model builds,
    /// and every English chart in dollars, or in any currency where the chart has none, is built.
    #[test]
    fn a_built_chart_is_the_one_the_model_builds() {
        let tags = ["en-US", "en-us", "en", "EN-GB", "en-AU", "en-Latn-GB", "es", "de-DE", "fr", "ru-RU", "x-unknown"];
        let mut built = 0;
        for kind in crate::spec::CHART_KINDS {
            for units in [Units::Miles, Units::Kilometres] {
                for currency in [Currency::Usd, Currency::Gbp] {
                    for rate in [None, Some(0.79)] {
                        for tag in tags {
                            let o = Options { units, currency, gbp_per_usd: rate, locale: tag.into(), ..options(kind.name()) };
                            let from_table = Chart::built(&o);
                            let english = matches!(Words::for_tag(tag).0.lang, Lang::EnUs | Lang::EnGb);
                            let money = kind == ChartKind::Cost && currency == Currency::Gbp;
                            assert_eq!(from_table.is_some(), english && !money, "{kind:?} {units:?} {currency:?} {rate:?} {tag}");
                            if let Some(chart) = from_table {
                                assert_eq!(Some(chart), Chart::build_default(&o).ok(), "{kind:?} {units:?} {currency:?} {rate:?} {tag}");
                                built += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(built > 100, "{built}");
    }

    #[test]
    fn length_in_miles_and_kilometres() {
        let mi = Chart::build(&options("length"), None).unwrap();
        assert_eq!(values(&mi), vec![70.0, 51.0]);
        assert_eq!(mi.bars[0].value_text, "70\u{a0}mi");
        assert_eq!(mi.bars[1].value_text, "51\u{a0}mi");
        assert_eq!(mi.takeaway, "The tunnel would be 37% longer than the strait is wide at its narrowest.");
        let km = Chart::build(&Options { units: Units::Kilometres, ..options("length") }, None).unwrap();
        assert_eq!(km.bars[0].value, 70.0 * 1.609344);
        assert_eq!(km.bars[0].value_text, "112.7\u{a0}km");
        assert_eq!(km.bars[1].value_text, "82.1\u{a0}km");
        assert_eq!(km.takeaway, mi.takeaway, "the ratio does not depend on the unit");
        assert!(km.note.unwrap().contains("1.609344"));
    }

    #[test]
    fn cost_keeps_its_qualifiers() {
        let usd = Chart::build(&options("cost"), None).unwrap();
        assert_eq!(values(&usd), vec![8.0, 65.0]);
        assert_eq!(usd.bars[0].value_text, "under $8bn");
        assert_eq!(usd.bars[1].value_text, "over $65bn");
        assert_eq!(usd.takeaway, "The claim: about one eighth (12%) of the “traditional” cost.");
    }

    #[test]
    fn cost_in_pounds_needs_a_rate_for_the_baseline() {
        let gbp = Options { currency: Currency::Gbp, ..options("cost") };
        let e = Chart::build(&gbp, None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingRate);
        assert!(e.message().contains("reported only in US dollars"), "{e}");
        assert!(e.message().contains("data-gbp-per-usd"), "{e}");
        let with_rate = Chart::build(&Options { gbp_per_usd: Some(0.79), ..gbp }, None).unwrap();
        assert_eq!(with_rate.bars[0].value_text, "under £6.3bn", "converted at the one rate, as the baseline is");
        assert_eq!(with_rate.bars[1].value, 65.0 * 0.79);
        assert_eq!(with_rate.bars[1].value_text, "over £51.4bn");
        // The dollar figures' ratio, whatever the rate (lie factor 1).
        assert!((with_rate.bars[1].value / with_rate.bars[0].value - 65.0 / 8.0).abs() < 1e-12);
        let note = with_rate.note.unwrap();
        assert!(note.contains("£0.79 per US$") && note.contains("reported the claim as £6bn"), "{note}");
    }

    #[test]
    fn context_compares_with_existing_tunnels() {
        let mi = Chart::build(&options("context"), None).unwrap();
        let texts: Vec<&str> = mi.bars.iter().map(|b| b.value_text.as_str()).collect();
        assert_eq!(texts, ["70\u{a0}mi", "35.5\u{a0}mi", "33.5\u{a0}mi", "31.3\u{a0}mi"]);
        assert_eq!(mi.bars[1].label, "Gotthard Base (Switzerland, 2016)");
        assert_eq!(mi.takeaway, "It would be about twice as long as the longest rail tunnel built so far, the Gotthard Base.");
        let km = Chart::build(&Options { units: Units::Kilometres, ..options("context") }, None).unwrap();
        let texts: Vec<&str> = km.bars.iter().map(|b| b.value_text.as_str()).collect();
        assert_eq!(texts, ["112.7\u{a0}km", "57.1\u{a0}km", "53.9\u{a0}km", "50.5\u{a0}km"]);
    }

    #[test]
    fn derived_words() {
        let en = Words::for_tag("en-US").0;
        assert_eq!(en.unit_fraction(8), Some("one eighth"));
        assert_eq!(en.unit_fraction(2), Some("one half"));
        assert_eq!(en.unit_fraction(100), None);
        assert_eq!(en.times(2.0), "about twice");
        assert_eq!(en.times(2.4), "about 2.4 times");
        assert_eq!(en.times(3.0), "about three times");
        assert_eq!(en.times(1.0), "about");
        assert_eq!(Words::for_tag("de-DE").0.times(2.4), "etwa 2,4-mal");
    }

    #[test]
    fn description_has_every_figure_and_the_takeaway() {
        let c = Chart::build(&options("length"), None).unwrap();
        assert!(c.description().starts_with("Proposed tunnel 70 miles; Bering Strait, width at its narrowest 51 miles."), "{}", c.description());
        assert!(c.description().ends_with("37% longer than the strait is wide at its narrowest."));
        assert_eq!(c.figures(), "Proposed tunnel 70 miles; Bering Strait, width at its narrowest 51 miles.", "the figures alone");
    }

    fn spec(bars: Vec<RawBar>) -> RawSpec {
        RawSpec { title: Some("T".into()), bars: Some(bars), ..Default::default() }
    }

    fn rb(label: &str, value: f64) -> RawBar {
        RawBar { label: Some(label.into()), value: Some(value), qualifier: None }
    }

    /// A custom chart writes its figures with the decimals they need (up to four, at least
    /// two as before): a small figure is never drawn as 0, nor rounded in the table or CSV.
    #[test]
    fn custom_figures_keep_the_decimals_they_need() {
        let texts = |values: &[f64]| {
            let bars = values.iter().enumerate().map(|(i, v)| rb(&["B", &PLAIN.number(i as f64, 0)].cat(), *v)).collect();
            let chart = Chart::build(&options("length"), Some(&spec(bars))).unwrap();
            let shown: Vec<String> = chart.bars.iter().map(|b| b.value_text.clone()).collect();
            let table: Vec<String> = chart.rows(true).into_iter().map(|row| row[1].clone()).collect();
            (shown, table)
        };
        assert_eq!(texts(&[0.004, 1.5]), (vec!["0.004".to_string(), "1.5".into()], vec!["0.004".to_string(), "1.5".into()]));
        assert_eq!(texts(&[0.0004, 12.0]).0, ["0.0004", "12"]);
        assert_eq!(texts(&[53.85, 57.1, 70.0]).0, ["53.85", "57.1", "70"], "as before");
        assert_eq!(texts(&[1.0 / 3.0, 1.0]).0, ["0.3333", "1"], "four at most");
        assert_eq!(texts(&[1.23456, 2.0]).1, ["1.2346", "2"]);
        let german = Chart::build(&Options { locale: "de-DE".into(), ..options("length") }, Some(&spec(vec![rb("A", 0.004), rb("B", 1.0)]))).unwrap();
        assert_eq!(german.bars[0].value_text, "0,004");
    }

    /// A custom chart in percent writes "%" as its language writes percentages, and as its
    /// own takeaway does: "12%" in English, "12 %" (no-break) in German, narrow in French.
    #[test]
    fn a_percent_unit_is_spaced_as_the_language_spaces_percentages() {
        let percent = |locale: &str| {
            let s = RawSpec { unit: Some("%".into()), ..spec(vec![rb("A", 12.5), rb("B", 4.0)]) };
            let chart = Chart::build(&Options { locale: locale.into(), ..options("length") }, Some(&s)).unwrap();
            (chart.bars[0].value_text.clone(), chart.takeaway.clone())
        };
        assert_eq!(percent("en-US").0, "12.5%");
        let (german, takeaway) = percent("de-DE");
        assert_eq!(german, "12,5\u{a0}%");
        assert!(takeaway.contains("\u{a0}%"), "{takeaway}");
        assert_eq!(percent("fr-FR").0, "12,5\u{202f}%");
        assert_eq!(percent("ru-RU").0, "12,5\u{a0}%");
        let s = RawSpec { unit: Some("t".into()), ..spec(vec![rb("A", 3.0)]) };
        assert_eq!(Chart::build(&Options { locale: "de-DE".into(), ..options("length") }, Some(&s)).unwrap().bars[0].value_text, "3 t", "other units keep their space");
    }

    fn spec_message(s: RawSpec) -> String {
        let e = Chart::build(&options("length"), Some(&s)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BadSpec);
        e.message().to_string()
    }

    #[test]
    fn an_own_takeaway_replaces_the_computed_one() {
        let computed = Chart::build(&options("length"), Some(&spec(vec![rb("A", 3.0), rb("B", 2.0)]))).unwrap();
        assert_eq!(computed.takeaway, "A is 50% more than B.");
        let own = RawSpec { takeaway: Some("  A leads, by half again.  ".into()), ..spec(vec![rb("A", 3.0), rb("B", 2.0)]) };
        let chart = Chart::build(&options("length"), Some(&own)).unwrap();
        assert_eq!(chart.takeaway, "A leads, by half again.");
        assert!(chart.description().ends_with("A leads, by half again."), "{}", chart.description());
        let long = RawSpec { takeaway: Some("x".repeat(201)), ..spec(vec![rb("A", 1.0)]) };
        assert!(spec_message(long).contains("\"takeaway\" is too long (201 characters); at most 200 are allowed."));
    }

    #[test]
    fn custom_spec_is_drawn_as_given() {
        let mut s = spec(vec![rb("A", 30.0), rb("B", 20.0)]);
        s.unit = Some("t".into());
        s.source = Some("Source: us".into());
        let c = Chart::build(&options("length"), Some(&s)).unwrap();
        assert_eq!(values(&c), vec![30.0, 20.0]);
        assert_eq!(c.bars[0].value_text, "30 t");
        assert_eq!(c.takeaway, "A is 50% more than B.");
        assert_eq!(c.source.as_deref(), Some("Source: us"));
        let c = Chart::build(&options("length"), Some(&spec(vec![rb("A", 10.0), rb("B", 40.0)]))).unwrap();
        assert_eq!(c.takeaway, "A is 25% of B.");
        let c = Chart::build(&options("length"), Some(&spec(vec![rb("A", 4.0)]))).unwrap();
        assert_eq!(c.takeaway, "A: 4.");
    }

    #[test]
    fn every_spec_rejection_has_its_message() {
        assert_eq!(
            spec_message(RawSpec { bars: Some(vec![rb("A", 1.0)]), ..Default::default() }),
            "Chart data: \"title\" is missing or empty; give it a text."
        );
        assert_eq!(spec_message(RawSpec { title: Some("T".into()), ..Default::default() }), "Chart data: \"bars\" is missing; give a list of 1 to 12 bars.");
        assert_eq!(spec_message(spec(vec![])), "Chart data: \"bars\" is empty; give 1 to 12 bars.");
        assert_eq!(spec_message(spec((0..1000).map(|i| rb("x", i as f64)).collect())), "Chart data: \"bars\" has 1000 bars; at most 12 are allowed.");
        assert_eq!(
            spec_message(spec(vec![rb("A", 1.0), RawBar { label: Some(" \u{7} ".into()), value: Some(1.0), qualifier: None }])),
            "Chart data: \"bars[1].label\" is missing or empty; give it a text."
        );
        assert_eq!(
            spec_message(spec(vec![RawBar { label: Some("A".into()), value: None, qualifier: None }])),
            "Chart data: \"bars[0].value\" is missing; give a number."
        );
        assert_eq!(spec_message(spec(vec![rb("A", f64::NAN)])), "Chart data: \"bars[0].value\" is not a finite number.");
        assert_eq!(spec_message(spec(vec![rb("A", -3.5)])), "Chart data: \"bars[0].value\" is -3.5; values must be 0 or more (bars start at zero).");
        assert_eq!(spec_message(spec(vec![rb("A", 1e308)])), "Chart data: \"bars[0].value\" is too large; at most 1e15 is allowed.");
        assert_eq!(spec_message(spec(vec![rb("A", 0.0), rb("B", 0.0)])), "Chart data: every bar is 0; at least one value must be above zero.");
        assert_eq!(
            spec_message(spec(vec![RawBar { label: Some("A".into()), value: Some(1.0), qualifier: Some("roughly".into()) }])),
            "Chart data: \"bars[0].qualifier\" is \"roughly\"; use \"under\", \"over\", \"about\", \"at least\", \"at most\" or none."
        );
        let mut long = spec(vec![rb("A", 1.0)]);
        long.title = Some("x".repeat(201));
        assert_eq!(spec_message(long), "Chart data: \"title\" is too long (201 characters); at most 200 are allowed.");
        let mut unit = spec(vec![rb("A", 1.0)]);
        unit.unit = Some("u".repeat(17));
        assert!(spec_message(unit).starts_with("Chart data: \"unit\" is too long"));
        let mut prefix = spec(vec![rb("A", 1.0)]);
        prefix.prefix = Some("US$$$".into());
        assert!(spec_message(prefix).starts_with("Chart data: \"prefix\" is too long"));
        let mut note = spec(vec![rb("A", 1.0)]);
        note.note = Some("n".repeat(501));
        assert!(spec_message(note).starts_with("Chart data: \"note\" is too long"));
        let mut source = spec(vec![rb("A", 1.0)]);
        source.source = Some("s".repeat(501));
        assert!(spec_message(source).starts_with("Chart data: \"source\" is too long"));
    }

    #[test]
    fn csv_has_every_figure_with_qualifiers_and_source() {
        let csv = Chart::build(&options("cost"), None).unwrap().csv();
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "\"Label\",\"Value\",\"Unit\",\"Qualifier\",\"As shown\",\"Note\",\"Source\"");
        assert!(lines[1].starts_with("\"Claimed, with Boring Company technology\",\"8\",\"US$ bn\",\"under\",\"under $8bn\","), "{}", lines[1]);
        assert!(lines[2].starts_with("\"“Traditional” cost\",\"65\",\"US$ bn\",\"over\",\"over $65bn\","), "{}", lines[2]);
        assert!(lines[1].ends_with("\"Source: Kirill Dmitriev on X, 16 Oct 2025; The Independent\""));
        assert_eq!(lines.len(), 4, "header, two bars, trailing empty line");
        let km = Chart::build(&Options { units: Units::Kilometres, ..options("length") }, None).unwrap().csv();
        assert!(km.contains("\"Proposed tunnel\",\"112.654\",\"km\",\"\",\"112.7\u{a0}km\""), "{km}");
    }

    #[test]
    fn csv_neutralises_formulas_and_escapes_quotes() {
        let mut s = spec(vec![rb("=HYPERLINK(\"x\")", 12345.5), rb("+1", 1.0), rb("-2", 1.0), rb("@SUM(A1)", 1.0), rb("ok \"quoted\"", 1.0)]);
        s.source = Some("=cmd".into());
        let csv = Chart::build(&options("length"), Some(&s)).unwrap().csv();
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\",\"12345.5\""), "{csv}");
        assert!(csv.contains("\"'+1\"") && csv.contains("\"'-2\"") && csv.contains("\"'@SUM(A1)\""));
        assert!(csv.contains("\"ok \"\"quoted\"\"\""));
        assert!(csv.contains("\"'=cmd\"\r\n"));
    }

    #[test]
    fn source_links_are_https_only() {
        let with_url = |url: &str| RawSpec { source_url: Some(url.into()), ..spec(vec![rb("A", 1.0)]) };
        let c = Chart::build(&options("length"), Some(&with_url("https://www.independent.co.uk/news"))).unwrap();
        assert_eq!(c.source_url.as_deref(), Some("https://www.independent.co.uk/news"));
        for bad in [
            "javascript:alert(1)",
            "http://example.org",
            "data:text/html,x",
            "https://",
            "https://a b",
            "https://x\"><img>",
            "//example.org",
            "HTTPS://example.org",
        ] {
            let message = spec_message(with_url(bad));
            assert!(message.starts_with("Chart data: \"sourceUrl\" must be an https:// address"), "{bad}: {message}");
        }
        assert_eq!(Chart::build(&options("length"), None).unwrap().source_url, None);
    }

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(clean_text("\u{0}a\tb\nc "), "a b c");
    }

    /// Issue 5, bad input: each row is JSON text as an editor might paste it,
    /// parsed as `bering-render --spec` does (`spec::parse_spec_json`, then
    /// [`Chart::build`]), and its documented outcome: an error whose message
    /// contains the given words (every message starts "Chart data: "), or a
    /// chart that keeps the text as text.
    #[test]
    fn bad_input_rows_end_in_their_documented_outcome() {
        fn parse(json: &str) -> Result<Chart, String> {
            let spec = crate::spec::parse_spec_json(json).map_err(|e| e.to_string())?;
            Chart::build(&options("length"), Some(&spec)).map_err(|e| {
                assert_eq!(e.kind(), ErrorKind::BadSpec, "{e}");
                e.to_string()
            })
        }
        fn bars_json(bars: &str) -> String {
            ["{\"title\":\"T\",\"bars\":", bars, "}"].concat()
        }
        let one_bar = |value: &str| bars_json(&["[{\"label\":\"A\",\"value\":", value, "}]"].concat());
        let nested = |open: &str, close: &str| bars_json(&[open.repeat(10_000), close.repeat(10_000)].concat());
        let thousand = bars_json(&["[", &vec!["{\"label\":\"x\",\"value\":1}"; 1000].join(","), "]"].concat());
        let long = "x".repeat(10_000);
        let long_label = bars_json(&["[{\"label\":\"", &long, "\",\"value\":1}]"].concat());
        let long_title = ["{\"title\":\"", &long, "\",\"bars\":[{\"label\":\"A\",\"value\":1}]}"].concat();
        let long_note = ["{\"title\":\"T\",\"bars\":[{\"label\":\"A\",\"value\":1}],\"note\":\"", &long, "\"}"].concat();

        let errors: Vec<(&str, String, &str)> = vec![
            ("not JSON", "hello".into(), "expected value at line 1 column 1"),
            ("empty", "".into(), "EOF while parsing a value"),
            ("whitespace only", " \n ".into(), "EOF while parsing a value"),
            ("null", "null".into(), "the JSON must be an object"),
            ("empty array", "[]".into(), "the JSON must be an object"),
            ("array of numbers", "[1,2,3]".into(), "the JSON must be an object"),
            ("a spec written as an array", "[\"T\",[[\"A\",1,null]],null,null,null,null]".into(), "the JSON must be an object"),
            ("a bar written as an array", bars_json("[[\"A\",1,null]]"), "\"bars[0]\" must be an object"),
            ("a string", "\"length\"".into(), "the JSON must be an object"),
            ("truncated", "{\"title\":".into(), "EOF while parsing a value"),
            ("trailing text", [one_bar("1").as_str(), " x"].concat(), "trailing characters"),
            // A repeated key: the last one wins, as with the browser's JSON.parse.
            ("duplicate field", "{\"title\":\"T\",\"title\":\"U\"}".into(), "\"bars\" is missing"),
            ("unknown field", "{\"title\":\"T\",\"lable\":\"x\"}".into(), "\"lable\" is not a field; use title, bars"),
            // 10,000 levels: serde_json's recursion limit (128) stops the parse.
            ("10,000 nested arrays", nested("[", "]"), "recursion limit exceeded"),
            ("10,000 nested arrays at the top", "[".repeat(10_000), "recursion limit exceeded"),
            ("10,000 nested objects", ["{\"title\":".repeat(10_000), "}".repeat(10_000)].concat(), "recursion limit exceeded"),
            ("title a number", "{\"title\":5}".into(), "\"title\" must be text, not a number."),
            ("bars an object", bars_json("{}"), "\"bars\" must be a list of bars, not an object."),
            ("bars a string", bars_json("\"A,B\""), "\"bars\" must be a list of bars, not text \"A,B\"."),
            ("label a number", bars_json("[{\"label\":7,\"value\":1}]"), "\"bars[0].label\" must be text, not a number."),
            ("value a numeric string", one_bar("\"12\""), "\"bars[0].value\" must be a number, not text \"12\"."),
            ("value a boolean", one_bar("true"), "\"bars[0].value\" must be a number, not true/false."),
            ("value null", one_bar("null"), "\"bars[0].value\" is missing; give a number."),
            ("value \"NaN\"", one_bar("\"NaN\""), "\"bars[0].value\" must be a number, not text \"NaN\"."),
            ("value \"Infinity\"", one_bar("\"Infinity\""), "\"bars[0].value\" must be a number, not text \"Infinity\"."),
            ("value bare NaN", one_bar("NaN"), "expected value"),
            ("value bare Infinity", one_bar("Infinity"), "expected value"),
            ("value 1e308", one_bar("1e308"), "\"bars[0].value\" is too large; at most 1e15 is allowed."),
            ("value 1e309", one_bar("1e309"), "number out of range"),
            ("value negative", one_bar("-3.5"), "\"bars[0].value\" is -3.5; values must be 0 or more"),
            ("zero only", bars_json("[{\"label\":\"A\",\"value\":0},{\"label\":\"B\",\"value\":-0}]"), "every bar is 0"),
            ("missing title", "{\"bars\":[{\"label\":\"A\",\"value\":1}]}".into(), "\"title\" is missing or empty"),
            ("title null", "{\"title\":null,\"bars\":null}".into(), "\"title\" is missing or empty"),
            ("missing bars", "{\"title\":\"T\"}".into(), "\"bars\" is missing; give a list of 1 to 12 bars."),
            ("missing label", bars_json("[{\"value\":1}]"), "\"bars[0].label\" is missing or empty"),
            ("missing value", bars_json("[{\"label\":\"A\"}]"), "\"bars[0].value\" is missing; give a number."),
            ("bar an empty object", bars_json("[{}]"), "\"bars[0].label\" is missing or empty"),
            ("no bars", bars_json("[]"), "\"bars\" is empty; give 1 to 12 bars."),
            ("1,000 bars", thousand, "\"bars\" has 1000 bars; at most 12 are allowed."),
            ("control characters only", bars_json("[{\"label\":\"\\u0000\\u0007\\t\",\"value\":1}]"), "\"bars[0].label\" is missing or empty"),
            // Limits are on characters after cleaning: 10,000 is rejected, never truncated.
            ("label of 10,000 characters", long_label, "\"bars[0].label\" is too long (10000 characters); at most 200 are allowed."),
            ("title of 10,000 characters", long_title, "\"title\" is too long (10000 characters); at most 200 are allowed."),
            ("note of 10,000 characters", long_note, "\"note\" is too long (10000 characters); at most 500 are allowed."),
        ];
        for (row, json, expected) in &errors {
            match parse(json) {
                Ok(chart) => panic!("{row}: accepted as {:?}", chart.title),
                Err(message) => {
                    assert!(message.starts_with("Chart data: "), "{row}: {message}");
                    assert!(message.contains(expected), "{row}: {message:?} does not say {expected:?}");
                }
            }
        }
        // The recursion limit is on: 10,000 levels are an error, not a stack overflow.
        let deep = serde_json::from_str::<serde_json::Value>(&"[".repeat(10_000)).unwrap_err();
        assert!(deep.to_string().contains("recursion limit exceeded"), "{deep}");

        // Hostile text in every text field: accepted and kept as text (control
        // characters become spaces, ends trimmed), or, past the field's limit,
        // rejected as too long. Never interpreted.
        let hostile: [(&str, &str, &str); 8] = [
            ("right-to-left with digits", "مضيق بيرينغ 82 كم و 51 ميلا", "مضيق بيرينغ 82 كم و 51 ميلا"),
            ("emoji", "🚄 Tunnel 👩‍👩‍👧‍👦 🇺🇸 🏳️‍🌈", "🚄 Tunnel 👩‍👩‍👧‍👦 🇺🇸 🏳️‍🌈"),
            ("combining marks", "e\u{301}\u{302} Z\u{335}a\u{336}l\u{337}", "e\u{301}\u{302} Z\u{335}a\u{336}l\u{337}"),
            ("control characters", "\u{0}a\u{0}b\u{7}c\td\ne\r\u{1b}[31m\u{7f}\u{85}", "a b c d e  [31m"),
            ("markup", "\"><img src=x onerror=alert(1)>", "\"><img src=x onerror=alert(1)>"),
            ("script", "<script>alert('x')</script>&amp;", "<script>alert('x')</script>&amp;"),
            ("short markup", "<b>", "<b>"),
            ("short right-to-left", "كم٥", "كم٥"),
        ];
        let fields = [
            ("title", MAX_TITLE_CHARS),
            ("label", MAX_LABEL_CHARS),
            ("unit", MAX_UNIT_CHARS),
            ("prefix", MAX_PREFIX_CHARS),
            ("note", MAX_NOTE_CHARS),
            ("source", MAX_NOTE_CHARS),
        ];
        let mut accepted = 0;
        for (row, input, kept) in hostile {
            for (field, max) in fields {
                let mut spec = serde_json::json!({
                    "title": "T",
                    "bars": [{"label": "A", "value": 70}, {"label": "B", "value": 51}],
                });
                if field == "label" {
                    spec["bars"][0]["label"] = input.into();
                } else {
                    spec[field] = input.into();
                }
                let json = spec.to_string();
                let what = [row, " in ", field].concat();
                if kept.chars().count() > max {
                    let message = parse(&json).unwrap_err();
                    let name = if field == "label" { "bars[0].label" } else { field };
                    assert!(message.starts_with(&["Chart data: \"", name, "\" is too long ("].concat()), "{what}: {message}");
                    continue;
                }
                let chart = parse(&json).unwrap_or_else(|e| panic!("{what}: rejected: {e}"));
                accepted += 1;
                let shown: Vec<String> = match field {
                    "title" => vec![chart.title.clone()],
                    "label" => vec![chart.bars[0].label.clone(), chart.rows(true)[0][0].clone()],
                    "note" => vec![chart.note.clone().unwrap_or_default(), chart.rows(true)[0][5].clone()],
                    "source" => vec![chart.source.clone().unwrap_or_default(), chart.rows(true)[0][6].clone()],
                    _ => vec![chart.unit.clone(), chart.rows(true)[0][2].clone()],
                };
                for text in shown {
                    assert_eq!(text, kept, "{what}");
                }
                match field {
                    // Whole in the description, which a screen reader reads.
                    "label" => assert!(chart.description().contains(kept), "{what}: {}", chart.description()),
                    "unit" => assert!(chart.bars[0].value_text.ends_with(kept), "{what}: {}", chart.bars[0].value_text),
                    "prefix" => assert!(chart.bars[0].value_text.starts_with(kept), "{what}: {}", chart.bars[0].value_text),
                    _ => {}
                }
                let svg = crate::svg::render_svg_document(&chart, 640.0, &crate::theme::LIGHT).unwrap();
                assert!(!svg.contains("<img") && !svg.contains("<script"), "{what}: markup reached the SVG");
            }
        }
        // Title, label, note and source take all 8; unit (16 chars) 4; prefix (4 chars) 2.
        assert_eq!(accepted, 8 * 4 + 4 + 2, "every field takes every payload within its limits");

        // The qualifier is a closed list: hostile text there is an error that quotes it (clipped).
        for (row, input, _) in hostile {
            let json = serde_json::json!({"title": "T", "bars": [{"label": "A", "value": 1, "qualifier": input}]}).to_string();
            let message = parse(&json).unwrap_err();
            assert!(message.starts_with("Chart data: \"bars[0].qualifier\" is \""), "{row}: {message}");
            assert!(message.ends_with("use \"under\", \"over\", \"about\", \"at least\", \"at most\" or none."), "{row}: {message}");
        }
    }
}
