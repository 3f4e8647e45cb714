//! Words and number styles per language: en-US, en-GB, de, fr, ru.
//!
//! Every built-in text of the charts (titles, labels, takeaways, notes, the
//! source line, units, "bn", qualifiers, the page's own strings) comes from
//! here, so the canvas, the description, the data table, the SVG and the CSV
//! say the same thing the same way. A tag whose language is not supported
//! formats as en-US, and [`Words::for_tag`] says so.

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

pub const SUPPORTED: &str = "en-US, en-GB, de-DE, fr-FR, ru-RU";

/// The words and number style of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub lang: Lang,
    /// Separators for numbers drawn and written.
    pub numbers: Locale,
}

/// Fills `{0}`, `{1}`, … in `template` with `values`.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = template.to_string();
    for (i, value) in values.iter().enumerate() {
        let key = ["{", &crate::format::EN.number(i as f64, 0), "}"].concat();
        out = out.replace(&key, value);
    }
    out
}

impl Words {
    /// The words for a BCP 47 tag, and whether the tag's language is supported.
    pub fn for_tag(tag: &str) -> (Words, bool) {
        let mut parts = tag.split('-');
        let language = parts.next().unwrap_or("").to_ascii_lowercase();
        let region = parts.next().unwrap_or("").to_ascii_uppercase();
        let (lang, supported) = match language.as_str() {
            "en" if region.is_empty() || region == "US" => (Lang::EnUs, true),
            "en" => (Lang::EnGb, true),
            "de" => (Lang::De, true),
            "fr" => (Lang::Fr, true),
            "ru" => (Lang::Ru, true),
            _ => (Lang::EnUs, false),
        };
        (Words { lang, numbers: Locale::for_tag(tag) }, supported)
    }

    fn pick(&self, en: &'static str, de: &'static str, fr: &'static str, ru: &'static str) -> &'static str {
        match self.lang {
            Lang::EnUs | Lang::EnGb => en,
            Lang::De => de,
            Lang::Fr => fr,
            Lang::Ru => ru,
        }
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
        let space = self.pick("", "\u{a0}", "\u{202f}", "\u{a0}");
        [self.numbers.number(fraction * 100.0, 0).as_str(), space, "%"].concat()
    }

    pub fn qualifier(&self, q: Qualifier) -> &'static str {
        match q {
            Qualifier::None => "",
            Qualifier::Under => self.pick("under", "unter", "moins de", "менее"),
            Qualifier::Over => self.pick("over", "über", "plus de", "более"),
            Qualifier::About => self.pick("about", "etwa", "environ", "около"),
            Qualifier::AtLeast => self.pick("at least", "mindestens", "au moins", "не менее"),
            Qualifier::AtMost => self.pick("at most", "höchstens", "au plus", "не более"),
        }
    }

    /// Russian noun form for a count: 1 миля, 2 мили, 5 миль (fractions take the "2" form).
    fn russian_form(value: f64, one: &'static str, few: &'static str, many: &'static str) -> &'static str {
        if value.fract() != 0.0 {
            return few;
        }
        let n = value.abs() as u64;
        match (n % 10, n % 100) {
            (1, r) if r != 11 => one,
            (2..=4, r) if !(12..=14).contains(&r) => few,
            _ => many,
        }
    }

    /// A distance as drawn: "70 mi", "112,7 km", "70 миль".
    pub fn distance(&self, number: &str, value: f64, units: Units) -> String {
        let unit = match (units, self.lang) {
            (Units::Miles, Lang::Ru) => Self::russian_form(value, "миля", "мили", "миль"),
            (Units::Miles, _) => "mi",
            (Units::Kilometres, Lang::Ru) => "км",
            (Units::Kilometres, _) => "km",
        };
        [number, "\u{a0}", unit].concat()
    }

    /// A distance for speech: "70 miles", "112.7 kilometers".
    pub fn distance_spoken(&self, number: &str, value: f64, units: Units) -> String {
        let unit = match units {
            Units::Miles => match self.lang {
                Lang::Ru => Self::russian_form(value, "миля", "мили", "миль"),
                _ if value == 1.0 => self.pick("mile", "Meile", "mille", ""),
                _ => self.pick("miles", "Meilen", "milles", ""),
            },
            Units::Kilometres => match self.lang {
                Lang::EnUs => "kilometers",
                Lang::Ru => Self::russian_form(value, "километр", "километра", "километров"),
                _ => self.pick("kilometres", "Kilometer", "kilomètres", ""),
            },
        };
        [number, " ", unit].concat()
    }

    /// Billions of money as drawn: "$8bn", "8 Mrd. $", "8 Md$", "8 млрд $".
    pub fn billions(&self, number: &str, currency: Currency) -> String {
        let symbol = if currency == Currency::Usd { "$" } else { "£" };
        match self.lang {
            Lang::EnUs | Lang::EnGb => [symbol, number, "bn"].concat(),
            Lang::De => [number, "\u{a0}Mrd.\u{a0}", symbol].concat(),
            Lang::Fr => [number, "\u{a0}Md", symbol].concat(),
            Lang::Ru => [number, "\u{a0}млрд\u{a0}", symbol].concat(),
        }
    }

    /// Billions of money for speech: "8 billion US dollars".
    pub fn billions_spoken(&self, number: &str, value: f64, currency: Currency) -> String {
        let words = match (self.lang, currency) {
            (Lang::EnUs | Lang::EnGb, Currency::Usd) => "billion US dollars",
            (Lang::EnUs | Lang::EnGb, Currency::Gbp) => "billion pounds sterling",
            (Lang::De, Currency::Usd) => "Milliarden US-Dollar",
            (Lang::De, Currency::Gbp) => "Milliarden Pfund Sterling",
            (Lang::Fr, Currency::Usd) => "milliards de dollars américains",
            (Lang::Fr, Currency::Gbp) => "milliards de livres sterling",
            (Lang::Ru, Currency::Usd) => Self::russian_form(value, "миллиард долларов США", "миллиарда долларов США", "миллиардов долларов США"),
            (Lang::Ru, Currency::Gbp) => Self::russian_form(value, "миллиард фунтов стерлингов", "миллиарда фунтов стерлингов", "миллиардов фунтов стерлингов"),
        };
        [number, " ", words].concat()
    }

    /// The unit column of the data download.
    pub fn unit_name(&self, units: Units) -> &'static str {
        match units {
            Units::Miles => self.pick("mi", "mi", "mi", "мили"),
            Units::Kilometres => self.pick("km", "km", "km", "км"),
        }
    }

    pub fn billions_unit_name(&self, currency: Currency) -> &'static str {
        match currency {
            Currency::Usd => self.pick("US$ bn", "Mrd. US$", "Md US$", "млрд долл. США"),
            Currency::Gbp => self.pick("GB£ bn", "Mrd. GB£", "Md GB£", "млрд ф. ст."),
        }
    }

    pub fn source_line(&self) -> &'static str {
        self.pick(
            "Source: Kirill Dmitriev on X, 16 Oct 2025; The Independent",
            "Quelle: Kirill Dmitrijew auf X, 16. Okt. 2025; The Independent",
            "Source\u{a0}: Kirill Dmitriev sur X, 16 oct. 2025\u{a0}; The Independent",
            "Источник: Кирилл Дмитриев в X, 16 окт. 2025; The Independent",
        )
    }

    pub fn operators_source(&self) -> &'static str {
        self.pick("; tunnel operators", "; Tunnelbetreiber", "\u{a0}; exploitants des tunnels", "; операторы тоннелей")
    }

    // Length chart.
    pub fn length_title(&self) -> &'static str {
        self.pick(
            "The proposed Bering Strait tunnel against the strait's width",
            "Der geplante Tunnel unter der Beringstraße und die Breite der Meerenge",
            "Le tunnel proposé sous le détroit de Béring face à la largeur du détroit",
            "Предлагаемый тоннель под Беринговым проливом и ширина пролива",
        )
    }
    pub fn length_tunnel(&self) -> &'static str {
        self.pick("Proposed tunnel", "Geplanter Tunnel", "Tunnel proposé", "Предлагаемый тоннель")
    }
    pub fn length_strait(&self) -> &'static str {
        self.pick(
            "Bering Strait, width at its narrowest",
            "Beringstraße, Breite an der engsten Stelle",
            "Détroit de Béring, largeur au plus étroit",
            "Берингов пролив, ширина в самом узком месте",
        )
    }
    /// {0}: how much longer, as a percentage.
    pub fn length_takeaway(&self) -> &'static str {
        self.pick(
            "The tunnel would be {0} longer than the strait is wide at its narrowest.",
            "Der Tunnel wäre {0} länger, als die Meerenge an ihrer engsten Stelle breit ist.",
            "Le tunnel serait {0} plus long que le détroit n’est large en son point le plus étroit.",
            "Тоннель был бы на {0} длиннее ширины пролива в самом узком месте.",
        )
    }
    pub fn length_km_note(&self) -> &'static str {
        self.pick(
            "Converted from miles: 1 mile = 1.609344 km.",
            "Umgerechnet aus Meilen: 1 Meile = 1,609344 km.",
            "Converti depuis les milles\u{a0}: 1 mille = 1,609344 km.",
            "Пересчитано из миль: 1 миля = 1,609344 км.",
        )
    }

    // Cost chart.
    pub fn cost_title(&self) -> &'static str {
        self.pick(
            "Claimed cost of the Bering Strait tunnel",
            "Behauptete Kosten des Tunnels unter der Beringstraße",
            "Coût annoncé du tunnel sous le détroit de Béring",
            "Заявленная стоимость тоннеля под Беринговым проливом",
        )
    }
    pub fn cost_claimed(&self) -> &'static str {
        self.pick(
            "Claimed, with Boring Company technology",
            "Behauptet, mit Technik der Boring Company",
            "Annoncé, avec la technologie de la Boring Company",
            "Заявлено, с технологией Boring Company",
        )
    }
    pub fn cost_baseline(&self) -> &'static str {
        self.pick("“Traditional” cost", "„Herkömmliche“ Kosten", "Coût «\u{a0}traditionnel\u{a0}»", "«Традиционная» стоимость")
    }
    /// {0}: the fraction in words, {1}: the percentage.
    pub fn cost_takeaway(&self) -> &'static str {
        self.pick(
            "The claim: about {0} ({1}) of the “traditional” cost.",
            "Die Behauptung: etwa {0} ({1}) der „herkömmlichen“ Kosten.",
            "L’annonce\u{a0}: environ {0} ({1}) du coût «\u{a0}traditionnel\u{a0}».",
            "Заявление: примерно {0} ({1}) «традиционной» стоимости.",
        )
    }
    pub fn cost_usd_note(&self) -> &'static str {
        self.pick(
            "“Under” and “over” as stated by Dmitriev.",
            "„Unter“ und „über“ laut Dmitrijew.",
            "«\u{a0}Moins de\u{a0}» et «\u{a0}plus de\u{a0}» selon Dmitriev.",
            "«Менее» и «более» — по словам Дмитриева.",
        )
    }
    /// {0}: the rate, pounds per dollar.
    pub fn cost_gbp_note(&self) -> &'static str {
        self.pick(
            "£6bn as reported by The Independent; the “traditional” cost converted at £{0} per US$ (rate set by the publisher).",
            "6 Mrd. £ laut The Independent; die „herkömmlichen“ Kosten umgerechnet zu {0} £ je US$ (Kurs vom Herausgeber).",
            "6 Md£ selon The Independent\u{a0}; coût «\u{a0}traditionnel\u{a0}» converti à {0}\u{a0}£ pour 1 US$ (taux fixé par l’éditeur).",
            "6 млрд £ — по данным The Independent; «традиционная» стоимость пересчитана по курсу {0} £ за 1 долл. США (курс задан издателем).",
        )
    }
    /// "one eighth" for a denominator of 8; `None` beyond ten.
    pub fn unit_fraction(&self, denominator: u64) -> Option<&'static str> {
        const EN: [&str; 9] = ["one half", "one third", "one quarter", "one fifth", "one sixth", "one seventh", "one eighth", "one ninth", "one tenth"];
        const DE: [&str; 9] =
            ["die Hälfte", "ein Drittel", "ein Viertel", "ein Fünftel", "ein Sechstel", "ein Siebtel", "ein Achtel", "ein Neuntel", "ein Zehntel"];
        const FR: [&str; 9] = ["la moitié", "un tiers", "un quart", "un cinquième", "un sixième", "un septième", "un huitième", "un neuvième", "un dixième"];
        const RU: [&str; 9] = ["половина", "треть", "четверть", "одна пятая", "одна шестая", "одна седьмая", "одна восьмая", "одна девятая", "одна десятая"];
        let table = match self.lang {
            Lang::EnUs | Lang::EnGb => &EN,
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::Ru => &RU,
        };
        table.get((denominator as usize).checked_sub(2)?).copied()
    }
    pub fn same(&self) -> &'static str {
        self.pick("the same", "dasselbe", "autant", "столько же")
    }

    // Context chart.
    pub fn context_title(&self) -> &'static str {
        self.pick(
            "The proposed tunnel beside the longest rail tunnels built",
            "Der geplante Tunnel neben den längsten gebauten Eisenbahntunneln",
            "Le tunnel proposé face aux plus longs tunnels ferroviaires construits",
            "Предлагаемый тоннель рядом с самыми длинными построенными железнодорожными тоннелями",
        )
    }
    pub fn context_proposed(&self) -> &'static str {
        self.pick(
            "Proposed Bering Strait tunnel",
            "Geplanter Beringstraßen-Tunnel",
            "Tunnel proposé sous le détroit de Béring",
            "Предлагаемый тоннель под Беринговым проливом",
        )
    }
    /// Name and country of an existing tunnel, by its English name.
    pub fn tunnel(&self, english_name: &str) -> (&'static str, &'static str) {
        match english_name {
            "Gotthard Base" => (
                self.pick("Gotthard Base", "Gotthard-Basistunnel", "Tunnel de base du Saint-Gothard", "Готардский базисный тоннель"),
                self.pick("Switzerland", "Schweiz", "Suisse", "Швейцария"),
            ),
            "Seikan" => (self.pick("Seikan", "Seikan-Tunnel", "Tunnel du Seikan", "Тоннель Сэйкан"), self.pick("Japan", "Japan", "Japon", "Япония")),
            _ => (
                self.pick("Channel Tunnel", "Eurotunnel", "Tunnel sous la Manche", "Тоннель под Ла-Маншем"),
                self.pick("UK–France", "Großbritannien–Frankreich", "Royaume-Uni–France", "Великобритания–Франция"),
            ),
        }
    }
    /// {0}: "about twice" etc., {1}: the longest tunnel's name.
    pub fn context_takeaway(&self) -> &'static str {
        self.pick(
            "It would be {0} as long as the longest rail tunnel built so far, the {1}.",
            "Er wäre {0} so lang wie der bisher längste Eisenbahntunnel, der {1}.",
            "Il serait {0} aussi long que le plus long tunnel ferroviaire construit à ce jour, le {1}.",
            "Он был бы {0} длиннее самого длинного из построенных железнодорожных тоннелей — {1}.",
        )
    }
    /// "about twice" for 2, "about 2.4 times" for 2.4 (ratio rounded to tenths).
    pub fn times(&self, tenths: f64) -> String {
        let whole = tenths.round();
        if (tenths - whole).abs() < 0.05 {
            let word = match whole as u64 {
                1 => Some(self.pick("about", "etwa", "à peu près", "примерно")),
                2 => Some(self.pick("about twice", "etwa doppelt", "environ deux fois", "примерно в два раза")),
                3 => Some(self.pick("about three times", "etwa dreimal", "environ trois fois", "примерно в три раза")),
                _ => None,
            };
            if let Some(word) = word {
                return word.to_string();
            }
        }
        let number = self.number(tenths, 1);
        match self.lang {
            Lang::EnUs | Lang::EnGb => ["about ", &number, " times"].concat(),
            Lang::De => ["etwa ", &number, "-mal"].concat(),
            Lang::Fr => ["environ ", &number, " fois"].concat(),
            Lang::Ru => ["примерно в ", &number, " раза"].concat(),
        }
    }
    pub fn context_note(&self) -> &'static str {
        self.pick("Year opened in brackets.", "Eröffnungsjahr in Klammern.", "Année d’ouverture entre parenthèses.", "В скобках — год открытия.")
    }

    // Custom data.
    /// {0}: A, {1}: the percentage, {2}: B.
    pub fn more_than(&self) -> &'static str {
        self.pick("{0} is {1} more than {2}.", "{0} ist {1} mehr als {2}.", "{0} est supérieur de {1} à {2}.", "{0} на {1} больше, чем {2}.")
    }
    /// {0}: A, {1}: the percentage, {2}: B.
    pub fn share_of(&self) -> &'static str {
        self.pick("{0} is {1} of {2}.", "{0} beträgt {1} von {2}.", "{0} représente {1} de {2}.", "{0} составляет {1} от {2}.")
    }
    /// {0}: A, {1}: B.
    pub fn equals(&self) -> &'static str {
        self.pick("{0} equals {1}.", "{0} ist gleich {1}.", "{0} est égal à {1}.", "{0} равно {1}.")
    }

    // The page's own strings.
    pub fn source_link(&self) -> &'static str {
        self.pick("Source", "Quelle", "Source", "Источник")
    }

    pub fn get_the_data(&self) -> &'static str {
        self.pick("Get the data", "Daten herunterladen", "Télécharger les données", "Скачать данные")
    }
    /// Column headers of the data table and the CSV.
    pub fn columns(&self) -> [&'static str; 7] {
        match self.lang {
            Lang::EnUs | Lang::EnGb => ["Label", "Value", "Unit", "Qualifier", "As shown", "Note", "Source"],
            Lang::De => ["Bezeichnung", "Wert", "Einheit", "Einschränkung", "Darstellung", "Anmerkung", "Quelle"],
            Lang::Fr => ["Libellé", "Valeur", "Unité", "Précision", "Affichage", "Note", "Source"],
            Lang::Ru => ["Название", "Значение", "Единица", "Уточнение", "Как показано", "Примечание", "Источник"],
        }
    }
    /// Tooltip line 2: {0}: the percentage, {1}: the other bar's label (quoted
    /// where the language would otherwise need to decline it).
    pub fn share_of_other(&self) -> &'static str {
        self.pick("{0} of {1}", "{0} von „{1}“", "{0} de «\u{a0}{1}\u{a0}»", "{0} от «{1}»")
    }

    /// ": " with the language's spacing (French puts a no-break space before it).
    pub fn colon(&self) -> &'static str {
        self.pick(": ", ": ", "\u{a0}: ", ": ")
    }

    /// "; " with the language's spacing.
    pub fn semicolon(&self) -> &'static str {
        self.pick("; ", "; ", "\u{a0}; ", "; ")
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
        assert_eq!((words.lang, supported), (Lang::EnUs, false));
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
    fn fill_replaces_numbered_slots() {
        assert_eq!(fill("{0} is {1} of {0}", &["A", "5%"]), "A is 5% of A");
    }
}
