//! Words and number styles per language: en-US, en-GB, de, fr, ru.
//!
//! Every built-in text of the charts (titles, labels, takeaways, notes, the
//! source line, units, "bn", qualifiers, the page's own strings) comes from
//! the [`catalog!`] table here, so the canvas, the description, the data
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

use crate::format::Join;
use std::sync::OnceLock;

use crate::error::{ChartError, ErrorKind};
use crate::facts::Qualifier;
use crate::format::Locale;
use crate::spec::{Currency, Units};

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

/// The locale packs, in the order of the catalog's columns after English.
pub const PACK_NAMES: [&str; 3] = ["de", "fr", "ru"];

/// The catalog column of pack `name`, if it is one.
fn pack_column(name: &str) -> Option<usize> {
    PACK_NAMES.iter().position(|pack| *pack == name)
}

pub const SUPPORTED: &str = "en-US, en-GB, de-DE, fr-FR, ru-RU";

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
    while let Some(open) = rest.find('{') {
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

/// Declares the catalog: `T` (one key per text), `EN` (the English column,
/// in every build) and `OTHERS` (German, French, Russian; host builds only).
macro_rules! catalog {
    ($($key:ident: $en:expr, $de:expr, $fr:expr, $ru:expr;)*) => {
        /// A built-in text, by name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(clippy::upper_case_acronyms)]
        enum T { $($key),* }
        /// The English column, in `T` order.
        const EN: &[&str] = &[$($en),*];
        /// The German, French and Russian columns, in `T` order.
        #[cfg(not(target_arch = "wasm32"))]
        const OTHERS: &[[&str; 3]] = &[$([$de, $fr, $ru]),*];
    };
}

catalog! {
    PercentSpace: "", "\u{a0}", "\u{202f}", "\u{a0}";
    Under: "under", "unter", "moins de", "менее";
    Over: "over", "über", "plus de", "более";
    About: "about", "etwa", "environ", "около";
    AtLeast: "at least", "mindestens", "au moins", "не менее";
    AtMost: "at most", "höchstens", "au plus", "не более";
    MiShort: "mi", "mi", "mi", "мили";
    KmShort: "km", "km", "km", "км";
    MileOne: "mile", "Meile", "mille", "миля";
    MileFew: "miles", "Meilen", "milles", "мили";
    MileMany: "miles", "Meilen", "milles", "миль";
    KmOne: "kilometre", "Kilometer", "kilomètre", "километр";
    KmFew: "kilometres", "Kilometer", "kilomètres", "километра";
    KmMany: "kilometres", "Kilometer", "kilomètres", "километров";
    Billions: "{1}{0}bn", "{0}\u{a0}Mrd.\u{a0}{1}", "{0}\u{a0}Md{1}", "{0}\u{a0}млрд\u{a0}{1}";
    UsdOne: "billion US dollars", "Milliarden US-Dollar", "milliards de dollars américains", "миллиард долларов США";
    UsdFew: "billion US dollars", "Milliarden US-Dollar", "milliards de dollars américains", "миллиарда долларов США";
    UsdMany: "billion US dollars", "Milliarden US-Dollar", "milliards de dollars américains", "миллиардов долларов США";
    GbpOne: "billion pounds sterling", "Milliarden Pfund Sterling", "milliards de livres sterling", "миллиард фунтов стерлингов";
    GbpFew: "billion pounds sterling", "Milliarden Pfund Sterling", "milliards de livres sterling", "миллиарда фунтов стерлингов";
    GbpMany: "billion pounds sterling", "Milliarden Pfund Sterling", "milliards de livres sterling", "миллиардов фунтов стерлингов";
    BnUsd: "US$ bn", "Mrd. US$", "Md US$", "млрд долл. США";
    BnGbp: "GB£ bn", "Mrd. GB£", "Md GB£", "млрд ф. ст.";
    SourceLine:
        "Source: Kirill Dmitriev on X, 16 Oct 2025; The Independent",
        "Quelle: Kirill Dmitrijew auf X, 16. Okt. 2025; The Independent",
        "Source\u{a0}: Kirill Dmitriev sur X, 16 oct. 2025\u{a0}; The Independent",
        "Источник: Кирилл Дмитриев в X, 16 окт. 2025; The Independent";
    OperatorsSource: "; tunnel operators", "; Tunnelbetreiber", "\u{a0}; exploitants des tunnels", "; операторы тоннелей";
    LengthTitle:
        "The proposed Bering Strait tunnel against the strait's width",
        "Der geplante Tunnel unter der Beringstraße und die Breite der Meerenge",
        "Le tunnel proposé sous le détroit de Béring face à la largeur du détroit",
        "Предлагаемый тоннель под Беринговым проливом и ширина пролива";
    LengthTunnel: "Proposed tunnel", "Geplanter Tunnel", "Tunnel proposé", "Предлагаемый тоннель";
    LengthStrait:
        "Bering Strait, width at its narrowest",
        "Beringstraße, Breite an der engsten Stelle",
        "Détroit de Béring, largeur au plus étroit",
        "Берингов пролив, ширина в самом узком месте";
    LengthTakeaway:
        "The tunnel would be {0} longer than the strait is wide at its narrowest.",
        "Der Tunnel wäre {0} länger, als die Meerenge an ihrer engsten Stelle breit ist.",
        "Le tunnel serait {0} plus long que le détroit n’est large en son point le plus étroit.",
        "Тоннель был бы на {0} длиннее ширины пролива в самом узком месте.";
    LengthKmNote:
        "Converted from miles: 1 mile = 1.609344 km.",
        "Umgerechnet aus Meilen: 1 Meile = 1,609344 km.",
        "Converti depuis les milles\u{a0}: 1 mille = 1,609344 km.",
        "Пересчитано из миль: 1 миля = 1,609344 км.";
    CostTitle:
        "Claimed cost of the Bering Strait tunnel",
        "Behauptete Kosten des Tunnels unter der Beringstraße",
        "Coût annoncé du tunnel sous le détroit de Béring",
        "Заявленная стоимость тоннеля под Беринговым проливом";
    CostClaimed:
        "Claimed, with Boring Company technology",
        "Behauptet, mit Technik der Boring Company",
        "Annoncé, avec la technologie de la Boring Company",
        "Заявлено, с технологией Boring Company";
    CostBaseline: "“Traditional” cost", "„Herkömmliche“ Kosten", "Coût «\u{a0}traditionnel\u{a0}»", "«Традиционная» стоимость";
    CostTakeaway:
        "The claim: about {0} ({1}) of the “traditional” cost.",
        "Die Behauptung: etwa {0} ({1}) der „herkömmlichen“ Kosten.",
        "L’annonce\u{a0}: environ {0} ({1}) du coût «\u{a0}traditionnel\u{a0}».",
        "Заявление: примерно {0} ({1}) «традиционной» стоимости.";
    CostUsdNote:
        "“Under” and “over” as stated by Dmitriev.",
        "„Unter“ und „über“ laut Dmitrijew.",
        "«\u{a0}Moins de\u{a0}» et «\u{a0}plus de\u{a0}» selon Dmitriev.",
        "«Менее» и «более» — по словам Дмитриева.";
    CostGbpNote:
        "Both figures converted from US dollars at £{0} per US$ (rate set by the publisher); The Independent reported the claim as £6bn.",
        "Beide Beträge aus US-Dollar umgerechnet zu {0} £ je US$ (Kurs vom Herausgeber); The Independent meldete die Behauptung als 6 Mrd. £.",
        "Les deux montants convertis du dollar américain à {0}\u{a0}£ pour 1 US$ (taux fixé par l’éditeur)\u{a0}; The Independent a rapporté l’annonce comme 6 Md£.",
        "Обе суммы пересчитаны из долларов США по курсу {0} £ за 1 долл. США (курс задан издателем); The Independent сообщила о заявлении как о 6 млрд £.";
    Half: "one half", "die Hälfte", "la moitié", "половина";
    Third: "one third", "ein Drittel", "un tiers", "треть";
    Quarter: "one quarter", "ein Viertel", "un quart", "четверть";
    Fifth: "one fifth", "ein Fünftel", "un cinquième", "одна пятая";
    Sixth: "one sixth", "ein Sechstel", "un sixième", "одна шестая";
    Seventh: "one seventh", "ein Siebtel", "un septième", "одна седьмая";
    Eighth: "one eighth", "ein Achtel", "un huitième", "одна восьмая";
    Ninth: "one ninth", "ein Neuntel", "un neuvième", "одна девятая";
    Tenth: "one tenth", "ein Zehntel", "un dixième", "одна десятая";
    Same: "the same", "dasselbe", "autant", "столько же";
    ContextTitle:
        "The proposed tunnel beside the longest rail tunnels built",
        "Der geplante Tunnel neben den längsten gebauten Eisenbahntunneln",
        "Le tunnel proposé face aux plus longs tunnels ferroviaires construits",
        "Предлагаемый тоннель рядом с самыми длинными построенными железнодорожными тоннелями";
    ContextProposed: "Proposed Bering Strait tunnel", "Geplanter Beringstraßen-Tunnel", "Tunnel proposé sous le détroit de Béring", "Предлагаемый тоннель под Беринговым проливом";
    Gotthard: "Gotthard Base", "Gotthard-Basistunnel", "Tunnel de base du Saint-Gothard", "Готардский базисный тоннель";
    Switzerland: "Switzerland", "Schweiz", "Suisse", "Швейцария";
    Seikan: "Seikan", "Seikan-Tunnel", "Tunnel du Seikan", "Тоннель Сэйкан";
    Japan: "Japan", "Japan", "Japon", "Япония";
    Channel: "Channel Tunnel", "Eurotunnel", "Tunnel sous la Manche", "Тоннель под Ла-Маншем";
    UkFrance: "UK–France", "Großbritannien–Frankreich", "Royaume-Uni–France", "Великобритания–Франция";
    ContextTakeaway:
        "It would be {0} as long as the longest rail tunnel built so far, the {1}.",
        "Er wäre {0} so lang wie der bisher längste Eisenbahntunnel, der {1}.",
        "Il serait {0} aussi long que le plus long tunnel ferroviaire construit à ce jour, le {1}.",
        "Он был бы {0} длиннее самого длинного из построенных железнодорожных тоннелей — {1}.";
    TimesOne: "about", "etwa", "à peu près", "примерно";
    TimesTwo: "about twice", "etwa doppelt", "environ deux fois", "примерно в два раза";
    TimesThree: "about three times", "etwa dreimal", "environ trois fois", "примерно в три раза";
    TimesN: "about {0} times", "etwa {0}-mal", "environ {0} fois", "примерно в {0} раза";
    ContextNote: "Year opened in brackets.", "Eröffnungsjahr in Klammern.", "Année d’ouverture entre parenthèses.", "В скобках — год открытия.";
    MoreThan: "{0} is {1} more than {2}.", "{0} ist {1} mehr als {2}.", "{0} est supérieur de {1} à {2}.", "{0} на {1} больше, чем {2}.";
    ShareOf: "{0} is {1} of {2}.", "{0} beträgt {1} von {2}.", "{0} représente {1} de {2}.", "{0} составляет {1} от {2}.";
    Equals: "{0} equals {1}.", "{0} ist gleich {1}.", "{0} est égal à {1}.", "{0} равно {1}.";
    SourceLink: "Source", "Quelle", "Source", "Источник";
    GetTheData: "Get the data", "Daten herunterladen", "Télécharger les données", "Скачать данные";
    ColLabel: "Label", "Bezeichnung", "Libellé", "Название";
    ColValue: "Value", "Wert", "Valeur", "Значение";
    ColUnit: "Unit", "Einheit", "Unité", "Единица";
    ColQualifier: "Qualifier", "Einschränkung", "Précision", "Уточнение";
    ColShown: "As shown", "Darstellung", "Affichage", "Как показано";
    ColNote: "Note", "Anmerkung", "Note", "Примечание";
    ColSource: "Source", "Quelle", "Source", "Источник";
    ShareOfOther: "{0} of {1}", "{0} von „{1}“", "{0} de «\u{a0}{1}\u{a0}»", "{0} от «{1}»";
    Colon: ": ", ": ", "\u{a0}: ", ": ";
    Semicolon: "; ", "; ", "\u{a0}; ", "; ";
}

/// The installed packs (German, French, Russian), each set at most once per page.
static PACKS: [OnceLock<Box<[String]>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

/// The longest text a pack may hold on average, in bytes (the longest in the catalog is about 250).
const PACK_TEXT_MAX: usize = 400;

/// FNV-1a of the English column's texts, each ended by a zero byte (at compile time).
const FINGERPRINT: u32 = {
    let mut hash: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < EN.len() {
        let bytes = EN[i].as_bytes();
        let mut j = 0;
        while j <= bytes.len() {
            let byte = if j < bytes.len() { bytes[j] } else { 0 };
            hash = (hash ^ byte as u32).wrapping_mul(0x0100_0193);
            j += 1;
        }
        i += 1;
    }
    hash
};

/// A short, stable name of the English column (FNV-1a over its texts): a pack
/// made for another catalog carries another one.
pub fn fingerprint() -> String {
    let hash = FINGERPRINT;
    let digits = b"0123456789abcdef";
    (0..8).map(|i| char::from(digits[((hash >> (28 - 4 * i)) & 15) as usize])).collect()
}

fn pack_error(parts: &[&str]) -> ChartError {
    let mut all = vec!["The locale pack "];
    all.extend_from_slice(parts);
    ChartError::new(ErrorKind::BadOption, &all)
}

/// Installs the words of language `name` (`de`, `fr`, `ru`), made for the
/// catalog `catalog` (its [`fingerprint`]): one text per key in catalog order,
/// joined by U+001F. A language installed once stays; installing it again
/// changes nothing.
pub fn install_pack(name: &str, catalog: &str, texts: &str) -> Result<(), ChartError> {
    let Some(column) = pack_column(name) else {
        return Err(pack_error(&["names no supported language (de, fr, ru)."]));
    };
    if catalog != fingerprint() {
        return Err(pack_error(&["\"", name, "\" was made for another version of the chart; reload the page."]));
    }
    // Control characters would break the fields the shim splits; the separator itself splits the texts.
    if texts.len() > EN.len() * PACK_TEXT_MAX || texts.bytes().any(|b| b < 0x20 && b != 0x1f) {
        return Err(pack_error(&["\"", name, "\" is too long or holds control characters."]));
    }
    let texts: Box<[String]> = texts.split('\u{1f}').map(String::from).collect();
    if texts.len() != EN.len() {
        return Err(pack_error(&["\"", name, "\" has the wrong number of texts."]));
    }
    let _ = PACKS[column].set(texts);
    Ok(())
}

/// The pack file of a language (`de`, `fr`, `ru`) as JSON: `{"lang", "catalog", "texts"}`.
#[cfg(not(target_arch = "wasm32"))]
pub fn pack_json(name: &str) -> Option<String> {
    let column = pack_column(name)?;
    let texts: Vec<&str> = OTHERS.iter().map(|row| row[column]).collect();
    Some(serde_json::json!({ "lang": name, "catalog": fingerprint(), "texts": texts }).to_string())
}

/// Text `key` in column `column` (0 de, 1 fr, 2 ru), if this build has it.
fn translated(column: usize, key: T) -> Option<&'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        OTHERS.get(key as usize).map(|row| row[column])
    }
    #[cfg(target_arch = "wasm32")]
    {
        PACKS[column].get().and_then(|texts| texts.get(key as usize)).map(|text| text.as_str())
    }
}

/// Whether this build can speak language `column` now.
fn has_column(column: usize) -> bool {
    cfg!(not(target_arch = "wasm32")) || PACKS[column].get().is_some()
}

/// The locale pack a tag needs that is not installed yet (`de`, `fr`, `ru`), if any.
pub fn missing_pack(tag: &str) -> Option<&'static str> {
    match Words::for_tag(tag).1 {
        Support::PackMissing(name) => Some(name),
        _ => None,
    }
}

impl Words {
    /// The words for a BCP 47 tag, and whether the tag's language can be spoken.
    pub fn for_tag(tag: &str) -> (Words, Support) {
        let mut parts = tag.split('-');
        let language = parts.next().unwrap_or("").to_ascii_lowercase();
        let region = parts.next().unwrap_or("").to_ascii_uppercase();
        let lang = match language.as_str() {
            "en" if region.is_empty() || region == "US" => Lang::EnUs,
            "en" => Lang::EnGb,
            "de" => Lang::De,
            "fr" => Lang::Fr,
            "ru" => Lang::Ru,
            _ => return (Words { lang: Lang::EnUs, numbers: Locale::for_tag("en-US") }, Support::No),
        };
        match lang.pack() {
            Some((name, column)) if !has_column(column) => (Words { lang: Lang::EnUs, numbers: Locale::for_tag("en-US") }, Support::PackMissing(name)),
            _ => (Words { lang, numbers: Locale::for_tag(tag) }, Support::Yes),
        }
    }

    /// Text `key` in this language (one call site for every key: not inlined).
    #[inline(never)]
    fn t(&self, key: T) -> &'static str {
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

    /// A whole percentage with the language's spacing: "37%", "37 %".
    pub fn percent(&self, fraction: f64) -> String {
        [self.numbers.number(fraction * 100.0, 0).as_str(), self.t(T::PercentSpace), "%"].cat()
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

    pub fn source_line(&self) -> &'static str {
        self.t(T::SourceLine)
    }

    pub fn operators_source(&self) -> &'static str {
        self.t(T::OperatorsSource)
    }

    // Length chart.
    pub fn length_title(&self) -> &'static str {
        self.t(T::LengthTitle)
    }
    pub fn length_tunnel(&self) -> &'static str {
        self.t(T::LengthTunnel)
    }
    pub fn length_strait(&self) -> &'static str {
        self.t(T::LengthStrait)
    }
    /// `{0}`: how much longer, as a percentage.
    pub fn length_takeaway(&self) -> &'static str {
        self.t(T::LengthTakeaway)
    }
    pub fn length_km_note(&self) -> &'static str {
        self.t(T::LengthKmNote)
    }

    // Cost chart.
    pub fn cost_title(&self) -> &'static str {
        self.t(T::CostTitle)
    }
    pub fn cost_claimed(&self) -> &'static str {
        self.t(T::CostClaimed)
    }
    pub fn cost_baseline(&self) -> &'static str {
        self.t(T::CostBaseline)
    }
    /// `{0}`: the unit fraction in words; `{1}`: the percentage.
    pub fn cost_takeaway(&self) -> &'static str {
        self.t(T::CostTakeaway)
    }
    pub fn cost_usd_note(&self) -> &'static str {
        self.t(T::CostUsdNote)
    }
    /// `{0}`: the publisher's rate.
    pub fn cost_gbp_note(&self) -> &'static str {
        self.t(T::CostGbpNote)
    }
    /// "one half" … "one tenth" for `denominator` 2 to 10.
    pub fn unit_fraction(&self, denominator: u64) -> Option<&'static str> {
        const KEYS: [T; 9] = [T::Half, T::Third, T::Quarter, T::Fifth, T::Sixth, T::Seventh, T::Eighth, T::Ninth, T::Tenth];
        KEYS.get((denominator as usize).checked_sub(2)?).map(|key| self.t(*key))
    }
    pub fn same(&self) -> &'static str {
        self.t(T::Same)
    }

    // Context chart.
    pub fn context_title(&self) -> &'static str {
        self.t(T::ContextTitle)
    }
    pub fn context_proposed(&self) -> &'static str {
        self.t(T::ContextProposed)
    }
    /// A tunnel's name and country by its English name in `facts`.
    pub fn tunnel(&self, english_name: &str) -> (&'static str, &'static str) {
        match english_name {
            "Gotthard Base" => (self.t(T::Gotthard), self.t(T::Switzerland)),
            "Seikan" => (self.t(T::Seikan), self.t(T::Japan)),
            _ => (self.t(T::Channel), self.t(T::UkFrance)),
        }
    }
    /// `{0}`: how many times as long; `{1}`: the longest tunnel's name.
    pub fn context_takeaway(&self) -> &'static str {
        self.t(T::ContextTakeaway)
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
    pub fn context_note(&self) -> &'static str {
        self.t(T::ContextNote)
    }

    // Custom data.
    pub fn more_than(&self) -> &'static str {
        self.t(T::MoreThan)
    }
    pub fn share_of(&self) -> &'static str {
        self.t(T::ShareOf)
    }
    pub fn equals(&self) -> &'static str {
        self.t(T::Equals)
    }

    // The page's own strings.
    pub fn source_link(&self) -> &'static str {
        self.t(T::SourceLink)
    }

    pub fn get_the_data(&self) -> &'static str {
        self.t(T::GetTheData)
    }
    /// The data table's (and CSV's) header cells.
    pub fn columns(&self) -> [&'static str; 7] {
        [T::ColLabel, T::ColValue, T::ColUnit, T::ColQualifier, T::ColShown, T::ColNote, T::ColSource].map(|key| self.t(key))
    }
    pub fn share_of_other(&self) -> &'static str {
        self.t(T::ShareOfOther)
    }

    pub fn colon(&self) -> &'static str {
        self.t(T::Colon)
    }

    pub fn semicolon(&self) -> &'static str {
        self.t(T::Semicolon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// What the wasm gets at run time is what host builds compile in.
    #[test]
    fn locale_packs_round_trip_and_bad_packs_are_refused() {
        let texts = |json: &serde_json::Value| -> Vec<String> { json["texts"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect() };
        let joined = |texts: Vec<String>| texts.join("\u{1f}");
        for (column, name) in PACK_NAMES.into_iter().enumerate() {
            let json: serde_json::Value = serde_json::from_str(&pack_json(name).unwrap()).unwrap();
            assert_eq!(json["lang"], name);
            assert_eq!(json["catalog"], fingerprint().as_str());
            install_pack(name, &fingerprint(), &joined(texts(&json))).unwrap();
            let installed = PACKS[column].get().unwrap();
            assert_eq!(installed.len(), EN.len());
            for (key, row) in OTHERS.iter().enumerate() {
                assert_eq!(installed[key], row[column], "{name} text {key}");
            }
        }
        let de: serde_json::Value = serde_json::from_str(&pack_json("de").unwrap()).unwrap();
        let message = |r: Result<(), ChartError>| r.unwrap_err().message().to_string();
        assert!(message(install_pack("it", &fingerprint(), &joined(texts(&de)))).contains("names no supported language"));
        assert!(message(install_pack("de", "00000000", &joined(texts(&de)))).contains("made for another version"));
        assert!(message(install_pack("de", &fingerprint(), &joined(texts(&de)[1..].to_vec()))).contains("wrong number of texts"));
        let mut control = texts(&de);
        control[3] = "a\u{1e}b".into();
        assert!(message(install_pack("de", &fingerprint(), &joined(control))).contains("control characters"));
        assert_eq!(pack_json("it"), None);
        assert_eq!(fingerprint().len(), 8);
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
