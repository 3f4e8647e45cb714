//! Words and number styles per language: en-US, en-GB, de, fr, ru.
//!
//! Every built-in text of the charts (titles, labels, takeaways, notes, the
//! source line, units, "bn", qualifiers, the page's own strings) comes from
//! the catalog (`catalog.rs`), so the canvas, the description, the data
//! table, the SVG and the CSV say the same thing the same way. A tag whose
//! language is not supported formats as en-US, and [`Words::for_tag`] says so.
//!
//! English is compiled into every build. The German, French and Russian
//! columns are compiled into host builds only (tests, the static SVGs, the
//! fuzzer), which also write them out as locale packs (`embed/locale/*.json`,
//! see [`pack_json`]); the wasm gets a pack at run time through
//! [`install_pack`], so an English page does not download the other
//! languages. A pack carries the [`fingerprint`] of the English column it was
//! made for, and a pack for another catalog is refused.

mod catalog;
mod pack;

use crate::facts::Qualifier;
use crate::format::{split_ascii, Join, Locale};
use crate::spec::{Currency, Units};
pub use catalog::fingerprint;
use catalog::{EN, T};
#[cfg(not(target_arch = "wasm32"))]
pub use pack::pack_json;
use pack::{has_column, translated};
pub use pack::{install_pack, missing_pack, PACK_NAMES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    EnUs,
    EnGb,
    De,
    Fr,
    Ru,
}

impl Lang {
    /// The tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::EnUs => "en-US",
            Lang::EnGb => "en-GB",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
        }
    }

    /// The pack that holds this language's words (`None` for English), and
    /// its column in the catalog.
    fn pack(self) -> Option<(&'static str, usize)> {
        let column = match self {
            Lang::EnUs | Lang::EnGb => return None,
            Lang::De => 0,
            Lang::Fr => 1,
            Lang::Ru => 2,
        };
        Some((PACK_NAMES[column], column))
    }
}

pub const SUPPORTED: &str = "en-US, en-GB, de-DE, fr-FR, ru-RU";

/// The catalog's English `GetTheData` and `SourceLink`, for the built charts (which are English):
/// read through the catalog, they would keep its whole English column in the first drawing's
/// wasm module. A test checks that they are the catalog's.
pub const ENGLISH_LINKS: (&str, &str) = ("Get the data", "Source");

/// Whether a tag's language can be spoken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    Yes,
    /// Not one of [`SUPPORTED`].
    No,
    /// Supported, but its locale pack has not been installed (it did not load).
    PackMissing(&'static str),
}

/// The words and number style of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub lang: Lang,
    /// Separators for numbers drawn and written.
    pub numbers: Locale,
}

/// Fills `{0}`, `{1}`, … (up to `{9}`) in `template` with `values`; other
/// text, and slots with no value, are kept as they are.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.bytes().position(|b| b == b'{') {
        out.push_str(&rest[..open]);
        let slot = rest.as_bytes().get(open + 1..open + 3);
        match slot {
            Some(&[digit, b'}']) if digit.is_ascii_digit() && usize::from(digit - b'0') < values.len() => {
                out.push_str(values[usize::from(digit - b'0')]);
                rest = &rest[open + 3..];
            }
            _ => {
                out.push('{');
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

impl Words {
    /// The words for a BCP 47 tag, and whether the tag's language can be spoken.
    pub fn for_tag(tag: &str) -> (Words, Support) {
        // Compared without case by bytes (no lower- or upper-cased copies).
        let mut parts = split_ascii(tag, b'-');
        let language = parts.next().unwrap_or("");
        let region = parts.next().unwrap_or("");
        let is = |name: &str| language.eq_ignore_ascii_case(name);
        let lang = if is("en") {
            if region.is_empty() || region.eq_ignore_ascii_case("US") {
                Lang::EnUs
            } else {
                Lang::EnGb
            }
        } else if is("de") {
            Lang::De
        } else if is("fr") {
            Lang::Fr
        } else if is("ru") {
            Lang::Ru
        } else {
            return (Words { lang: Lang::EnUs, numbers: Locale::for_tag("en-US") }, Support::No);
        };
        match lang.pack() {
            Some((name, column)) if !has_column(column) => (Words { lang: Lang::EnUs, numbers: Locale::for_tag("en-US") }, Support::PackMissing(name)),
            _ => (Words { lang, numbers: Locale::for_tag(tag) }, Support::Yes),
        }
    }

    /// Text `key` in this language (one call site for every key: not inlined).
    #[inline(never)]
    pub(in crate::i18n) fn t(&self, key: T) -> &'static str {
        let english = EN.get(key as usize).copied().unwrap_or("");
        match self.lang.pack() {
            Some((_, column)) => translated(column, key).unwrap_or(english),
            None => english,
        }
    }

    /// `one`, `few` or `many` by the language's plural rule for `value`
    /// (Russian's three forms; one for exactly 1 elsewhere).
    #[inline(never)]
    fn plural(&self, value: f64, one: T, few: T, many: T) -> &'static str {
        if self.lang != Lang::Ru {
            return self.t(if value == 1.0 { one } else { many });
        }
        if value.fract() != 0.0 {
            return self.t(few);
        }
        let n = value.abs() as u64;
        self.t(match (n % 10, n % 100) {
            (1, r) if r != 11 => one,
            (2..=4, r) if !(12..=14).contains(&r) => few,
            _ => many,
        })
    }

    /// `value` with up to `decimals` decimals, the language's separators.
    pub fn number(&self, value: f64, decimals: u32) -> String {
        self.numbers.number(value, decimals)
    }

    /// Numbers for speech: no group separators, which screen readers split.
    pub fn spoken_number(&self, value: f64, decimals: u32) -> String {
        Locale { group: "", ..self.numbers }.number(value, decimals)
    }

    /// `text` to be set inside this language's quotation marks (as `share_of_other` sets a
    /// label): the marks it holds of its own become the inner ones, „…“ inside „…“ becoming
    /// ‚…‘ in German, « … » becoming “…” in French and «…» becoming „…“ in Russian. A text
    /// without the language's opening mark is as it was (English sets no marks).
    pub fn inner_quotes(&self, text: &str) -> String {
        // (Char by char: `str::replace` would bring core's substring search into the module.)
        let (opening, pairs) = match self.lang {
            Lang::De => ('„', [('„', '‚'), ('“', '‘')]),
            Lang::Fr => ('«', [('«', '“'), ('»', '”')]),
            Lang::Ru => ('«', [('«', '„'), ('»', '“')]),
            Lang::EnUs | Lang::EnGb => return text.to_string(),
        };
        if !text.chars().any(|c| c == opening) {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut previous = ' ';
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            // French sets a no-break space inside « », none inside “ ”.
            let french_space = self.lang == Lang::Fr && c == '\u{a0}' && (previous == '«' || chars.peek() == Some(&'»'));
            if !french_space {
                out.push(if c == pairs[0].0 { pairs[0].1 } else if c == pairs[1].0 { pairs[1].1 } else { c });
            }
            previous = c;
        }
        out
    }

    /// A whole percentage with the language's spacing: "37%", "37 %".
    pub fn percent(&self, fraction: f64) -> String {
        [self.numbers.number(fraction * 100.0, 0).as_str(), self.t(T::PercentSpace), "%"].cat()
    }

    /// What goes between a number and "%": nothing in English, a no-break space in German
    /// and Russian, a narrow one in French.
    pub fn percent_space(&self) -> &'static str {
        self.t(T::PercentSpace)
    }

    pub fn qualifier(&self, q: Qualifier) -> &'static str {
        match q {
            Qualifier::None => "",
            Qualifier::Under => self.t(T::Under),
            Qualifier::Over => self.t(T::Over),
            Qualifier::About => self.t(T::About),
            Qualifier::AtLeast => self.t(T::AtLeast),
            Qualifier::AtMost => self.t(T::AtMost),
        }
    }

    /// A drawn distance: "70 mi", "112,7 km", "70 миль".
    pub fn distance(&self, number: &str, value: f64, units: Units) -> String {
        let unit = match units {
            Units::Miles if self.lang == Lang::Ru => self.plural(value, T::MileOne, T::MileFew, T::MileMany),
            Units::Miles => self.t(T::MiShort),
            Units::Kilometres => self.t(T::KmShort),
        };
        [number, "\u{a0}", unit].cat()
    }

    /// A distance for speech, with the unit in words.
    pub fn distance_spoken(&self, number: &str, value: f64, units: Units) -> String {
        let unit = match units {
            Units::Miles => self.plural(value, T::MileOne, T::MileFew, T::MileMany),
            Units::Kilometres if self.lang == Lang::EnUs => {
                if value == 1.0 {
                    "kilometer"
                } else {
                    "kilometers"
                }
            }
            Units::Kilometres => self.plural(value, T::KmOne, T::KmFew, T::KmMany),
        };
        [number, " ", unit].cat()
    }

    /// A drawn amount in billions: "$8bn", "8 Mrd. $".
    pub fn billions(&self, number: &str, currency: Currency) -> String {
        let symbol = if currency == Currency::Usd { "$" } else { "£" };
        fill(self.t(T::Billions), &[number, symbol])
    }

    /// An amount in billions for speech, the currency in words.
    pub fn billions_spoken(&self, number: &str, value: f64, currency: Currency) -> String {
        let words = match currency {
            Currency::Usd => self.plural(value, T::UsdOne, T::UsdFew, T::UsdMany),
            Currency::Gbp => self.plural(value, T::GbpOne, T::GbpFew, T::GbpMany),
        };
        [number, " ", words].cat()
    }

    pub fn unit_name(&self, units: Units) -> &'static str {
        match units {
            Units::Miles => self.t(T::MiShort),
            Units::Kilometres => self.t(T::KmShort),
        }
    }

    pub fn billions_unit_name(&self, currency: Currency) -> &'static str {
        match currency {
            Currency::Usd => self.t(T::BnUsd),
            Currency::Gbp => self.t(T::BnGbp),
        }
    }

    // Length chart.
    // Cost chart.
    /// "one half" … "one tenth" for `denominator` 2 to 10.
    pub fn unit_fraction(&self, denominator: u64) -> Option<&'static str> {
        const KEYS: [T; 9] = [T::Half, T::Third, T::Quarter, T::Fifth, T::Sixth, T::Seventh, T::Eighth, T::Ninth, T::Tenth];
        KEYS.get((denominator as usize).checked_sub(2)?).map(|key| self.t(*key))
    }
    // Context chart.
    /// A tunnel's name and country by its English name in `facts`.
    pub fn tunnel(&self, english_name: &str) -> (&'static str, &'static str) {
        match english_name {
            "Gotthard Base" => (self.t(T::Gotthard), self.t(T::Switzerland)),
            "Seikan" => (self.t(T::Seikan), self.t(T::Japan)),
            _ => (self.t(T::Channel), self.t(T::UkFrance)),
        }
    }
    /// "about twice", or "about 2.4 times" when not near a whole 1–3.
    pub fn times(&self, tenths: f64) -> String {
        let whole = tenths.round();
        if (tenths - whole).abs() < 0.05 {
            let word = match whole as u64 {
                1 => Some(T::TimesOne),
                2 => Some(T::TimesTwo),
                3 => Some(T::TimesThree),
                _ => None,
            };
            if let Some(word) = word {
                return self.t(word).to_string();
            }
        }
        fill(self.t(T::TimesN), &[&self.number(tenths, 1)])
    }
    // Custom data.
    // The page's own strings.
    /// The data table's (and CSV's) header cells.
    pub fn columns(&self) -> [&'static str; 7] {
        [T::ColLabel, T::ColValue, T::ColUnit, T::ColQualifier, T::ColShown, T::ColNote, T::ColSource].map(|key| self.t(key))
    }
}

#[cfg(test)]
mod tests {
    use super::catalog::OTHERS;
    use super::*;

    #[test]
    fn a_quote_inside_a_quote_takes_the_inner_marks() {
        let [de, fr, ru, en] = ["de-DE", "fr-FR", "ru-RU", "en-US"].map(|tag| Words::for_tag(tag).0);
        assert_eq!(de.inner_quotes("„Herkömmliche“ Kosten"), "‚Herkömmliche‘ Kosten");
        assert_eq!(fr.inner_quotes("Coût «\u{a0}traditionnel\u{a0}»"), "Coût “traditionnel”");
        assert_eq!(ru.inner_quotes("«Традиционная» стоимость"), "„Традиционная“ стоимость");
        assert_eq!(en.inner_quotes("“Traditional” cost"), "“Traditional” cost", "English sets no marks around a label");
        assert_eq!(de.inner_quotes("“Traditional” cost"), "“Traditional” cost", "no German opening mark: as it was");
        assert_eq!(de.inner_quotes("Geplanter Tunnel"), "Geplanter Tunnel");
    }

    #[test]
    fn the_english_links_are_the_catalogs() {
        for tag in ["en-US", "en-GB"] {
            let words = Words::for_tag(tag).0;
            assert_eq!(ENGLISH_LINKS, (words.get_the_data(), words.source_link()), "{tag}");
        }
    }

    #[test]
    fn tags_map_to_languages() {
        assert_eq!(Words::for_tag("en-US").0.lang, Lang::EnUs);
        assert_eq!(Words::for_tag("en").0.lang, Lang::EnUs);
        assert_eq!(Words::for_tag("en-GB").0.lang, Lang::EnGb);
        assert_eq!(Words::for_tag("en-AU").0.lang, Lang::EnGb);
        assert_eq!(Words::for_tag("de-AT").0.lang, Lang::De);
        assert_eq!(Words::for_tag("fr-CA").0.lang, Lang::Fr);
        assert_eq!(Words::for_tag("ru-RU").0.lang, Lang::Ru);
        let (words, supported) = Words::for_tag("ja-JP");
        assert_eq!((words.lang, supported), (Lang::EnUs, Support::No));
        // Case does not matter, and a language is the whole first subtag.
        assert_eq!(Words::for_tag("EN-gb").0.lang, Lang::EnGb);
        assert_eq!(Words::for_tag("En-Us").0.lang, Lang::EnUs);
        assert_eq!(Words::for_tag("DE").0.lang, Lang::De);
        assert_eq!(Words::for_tag("FR-ca").0.numbers, Locale::for_tag("fr"));
        assert_eq!(Words::for_tag("deu").1, Support::No);
        assert_eq!(Words::for_tag("e").1, Support::No);
    }

    #[test]
    fn russian_plurals() {
        let ru = Words::for_tag("ru-RU").0;
        assert_eq!(ru.distance("1", 1.0, Units::Miles), "1\u{a0}миля");
        assert_eq!(ru.distance("51", 51.0, Units::Miles), "51\u{a0}миля");
        assert_eq!(ru.distance("3", 3.0, Units::Miles), "3\u{a0}мили");
        assert_eq!(ru.distance("70", 70.0, Units::Miles), "70\u{a0}миль");
        assert_eq!(ru.distance("11", 11.0, Units::Miles), "11\u{a0}миль");
        assert_eq!(ru.distance("35,5", 35.5, Units::Miles), "35,5\u{a0}мили");
    }

    #[test]
    fn money_placement_per_language() {
        let words = |tag| Words::for_tag(tag).0;
        assert_eq!(words("en-GB").billions("8", Currency::Usd), "$8bn");
        assert_eq!(words("de-DE").billions("8", Currency::Usd), "8\u{a0}Mrd.\u{a0}$");
        assert_eq!(words("fr-FR").billions("6", Currency::Gbp), "6\u{a0}Md£");
        assert_eq!(words("ru-RU").billions("65", Currency::Usd), "65\u{a0}млрд\u{a0}$");
        assert_eq!(words("en-US").billions_spoken("8", 8.0, Currency::Usd), "8 billion US dollars");
        assert_eq!(words("ru-RU").billions_spoken("8", 8.0, Currency::Usd), "8 миллиардов долларов США");
    }

    /// The drawn value labels and takeaway of every default chart in every
    /// supported locale: a snapshot of what readers see.
    #[test]
    fn every_locale_formats_every_chart() {
        use crate::model::Chart;
        use crate::spec::{Options, RawOptions};
        let chart = |name: &str, locale: &str, units: &str| {
            let raw = RawOptions { chart: Some(name.into()), locale: Some(locale.into()), units: Some(units.into()), ..Default::default() };
            let c = Chart::build(&Options::from_raw(&raw).unwrap(), None).unwrap();
            let values: Vec<String> = c.bars.iter().map(|b| b.value_text.replace(['\u{a0}', '\u{202f}'], " ")).collect();
            (values.join(" | "), c.takeaway.replace(['\u{a0}', '\u{202f}'], " "))
        };
        let expect = [
            ("en-US", "cost", "mi", "under $8bn | over $65bn", "The claim: about one eighth (12%) of the “traditional” cost."),
            ("en-GB", "length", "km", "112.7 km | 82.1 km", "The tunnel would be 37% longer than the strait is wide at its narrowest."),
            ("de-DE", "cost", "mi", "unter 8 Mrd. $ | über 65 Mrd. $", "Die Behauptung: etwa ein Achtel (12 %) der „herkömmlichen“ Kosten."),
            ("de-DE", "length", "km", "112,7 km | 82,1 km", "Der Tunnel wäre 37 % länger, als die Meerenge an ihrer engsten Stelle breit ist."),
            ("fr-FR", "cost", "mi", "moins de 8 Md$ | plus de 65 Md$", "L’annonce : environ un huitième (12 %) du coût « traditionnel »."),
            (
                "fr-FR",
                "context",
                "km",
                "112,7 km | 57,1 km | 53,9 km | 50,5 km",
                "Il serait environ deux fois aussi long que le plus long tunnel ferroviaire construit à ce jour, le Tunnel de base du Saint-Gothard.",
            ),
            ("ru-RU", "cost", "mi", "менее 8 млрд $ | более 65 млрд $", "Заявление: примерно одна восьмая (12 %) «традиционной» стоимости."),
            ("ru-RU", "length", "mi", "70 миль | 51 миля", "Тоннель был бы на 37 % длиннее ширины пролива в самом узком месте."),
            (
                "ru-RU",
                "context",
                "mi",
                "70 миль | 35,5 мили | 33,5 мили | 31,3 мили",
                "Он был бы примерно в два раза длиннее самого длинного из построенных железнодорожных тоннелей — Готардский базисный тоннель.",
            ),
        ];
        for (locale, name, units, values, takeaway) in expect {
            assert_eq!(chart(name, locale, units), (values.to_string(), takeaway.to_string()), "{locale} {name} {units}");
        }
    }

    #[test]
    fn unsupported_locales_speak_english_and_say_so() {
        use crate::model::Chart;
        use crate::spec::{Options, RawOptions};
        let raw = RawOptions { chart: Some("length".into()), locale: Some("ja-JP".into()), ..Default::default() };
        let c = Chart::build(&Options::from_raw(&raw).unwrap(), None).unwrap();
        assert_eq!(c.words.lang, Lang::EnUs);
        assert!(c.locale_note.unwrap().starts_with("data-locale=\"ja-JP\" is not supported yet; showing en-US"));
        let raw = RawOptions { chart: Some("length".into()), locale: Some("de-CH".into()), ..Default::default() };
        assert_eq!(Chart::build(&Options::from_raw(&raw).unwrap(), None).unwrap().locale_note, None);
    }

    #[test]
    fn spoken_numbers_have_no_group_separators() {
        let en = Words::for_tag("en-US").0;
        assert_eq!(en.number(12345.0, 0), "12,345");
        assert_eq!(en.spoken_number(12345.0, 0), "12345");
        assert_eq!(Words::for_tag("fr-FR").0.spoken_number(12345.5, 1), "12345,5");
    }

    #[test]
    fn percent_is_whole() {
        let en = Words::for_tag("en-US").0;
        assert_eq!(en.percent(70.0 / 51.0 - 1.0), "37%");
        assert_eq!(en.percent(8.0 / 65.0), "12%");
        assert_eq!(Words::for_tag("de-DE").0.percent(0.37), "37\u{a0}%");
    }

    #[test]
    fn every_catalog_row_is_filled() {
        assert_eq!(EN.len(), OTHERS.len());
        for (key, row) in OTHERS.iter().enumerate() {
            // The Russian-only plural forms and the percent space may repeat or be empty in English.
            assert!(row.iter().all(|text| !text.is_empty()) || key == T::PercentSpace as usize, "row {key}");
        }
    }

    #[test]
    fn fill_replaces_numbered_slots() {
        assert_eq!(fill("{0} is {1} of {0}", &["A", "5%"]), "A is 5% of A");
        assert_eq!(fill("{2} {x} {", &["A"]), "{2} {x} {");
        assert_eq!(fill("«{0}»: {1}", &["é", "{0}"]), "«é»: {0}");
    }
}
