//! The catalog: every built-in text of the charts, one row per key (English,
//! German, French, Russian), declared once by [`catalog!`], which generates
//! the key enum `T`, the English column `EN` (every build), the other columns
//! `OTHERS` (host builds only), and an accessor on `Words` for each text the
//! charts use as it is (those marked `=> name`); and the catalog's
//! [`fingerprint`], which a locale pack must carry.

use super::Words;

/// Declares the catalog: `T` (one key per text), `EN` (the English column,
/// in every build) and `OTHERS` (German, French, Russian; host builds only).
macro_rules! catalog {
    ($($key:ident $(=> $accessor:ident)?: $en:expr, $de:expr, $fr:expr, $ru:expr;)*) => {
        /// A built-in text, by name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(clippy::upper_case_acronyms)]
        pub(super) enum T { $($key),* }
        /// The English column, in `T` order.
        pub(super) const EN: &[&str] = &[$($en),*];
        /// The German, French and Russian columns, in `T` order.
        #[cfg(not(target_arch = "wasm32"))]
        pub(super) const OTHERS: &[[&str; 3]] = &[$([$de, $fr, $ru]),*];
        /// One accessor per text the charts use as it is (`Words::length_title`, …).
        impl Words {
            $($(
                #[doc = concat!("The text `", stringify!($key), "` in this language: \"", $en, "\" in English.")]
                pub fn $accessor(&self) -> &'static str {
                    self.t(T::$key)
                }
            )?)*
        }
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
    SourceLine => source_line:
        "Source: Kirill Dmitriev on X, 16 Oct 2025; The Independent",
        "Quelle: Kirill Dmitrijew auf X, 16. Okt. 2025; The Independent",
        "Source\u{a0}: Kirill Dmitriev sur X, 16 oct. 2025\u{a0}; The Independent",
        "Источник: Кирилл Дмитриев в X, 16 окт. 2025; The Independent";
    OperatorsSource => operators_source: "; tunnel operators", "; Tunnelbetreiber", "\u{a0}; exploitants des tunnels", "; операторы тоннелей";
    LengthTitle => length_title:
        "The proposed Bering Strait tunnel against the strait's width",
        "Der geplante Tunnel unter der Beringstraße und die Breite der Meerenge",
        "Le tunnel proposé sous le détroit de Béring face à la largeur du détroit",
        "Предлагаемый тоннель под Беринговым проливом и ширина пролива";
    LengthTunnel => length_tunnel: "Proposed tunnel", "Geplanter Tunnel", "Tunnel proposé", "Предлагаемый тоннель";
    LengthStrait => length_strait:
        "Bering Strait, width at its narrowest",
        "Beringstraße, Breite an der engsten Stelle",
        "Détroit de Béring, largeur au plus étroit",
        "Берингов пролив, ширина в самом узком месте";
    LengthTakeaway => length_takeaway:
        "The tunnel would be {0} longer than the strait is wide at its narrowest.",
        "Der Tunnel wäre {0} länger, als die Meerenge an ihrer engsten Stelle breit ist.",
        "Le tunnel serait {0} plus long que le détroit n’est large en son point le plus étroit.",
        "Тоннель был бы на {0} длиннее ширины пролива в самом узком месте.";
    LengthKmNote => length_km_note:
        "Converted from miles: 1 mile = 1.609344 km.",
        "Umgerechnet aus Meilen: 1 Meile = 1,609344 km.",
        "Converti depuis les milles\u{a0}: 1 mille = 1,609344 km.",
        "Пересчитано из миль: 1 миля = 1,609344 км.";
    CostTitle => cost_title:
        "Claimed cost of the Bering Strait tunnel",
        "Behauptete Kosten des Tunnels unter der Beringstraße",
        "Coût annoncé du tunnel sous le détroit de Béring",
        "Заявленная стоимость тоннеля под Беринговым проливом";
    CostClaimed => cost_claimed:
        "Claimed, with Boring Company technology",
        "Behauptet, mit Technik der Boring Company",
        "Annoncé, avec la technologie de la Boring Company",
        "Заявлено, с технологией Boring Company";
    CostBaseline => cost_baseline: "“Traditional” cost", "„Herkömmliche“ Kosten", "Coût «\u{a0}traditionnel\u{a0}»", "«Традиционная» стоимость";
    CostTakeaway => cost_takeaway:
        "The claim: about {0} ({1}) of the “traditional” cost.",
        "Die Behauptung: etwa {0} ({1}) der „herkömmlichen“ Kosten.",
        "L’annonce\u{a0}: environ {0} ({1}) du coût «\u{a0}traditionnel\u{a0}».",
        "Заявление: примерно {0} ({1}) «традиционной» стоимости.";
    CostUsdNote => cost_usd_note:
        "“Under” and “over” as stated by Dmitriev.",
        "„Unter“ und „über“ laut Dmitrijew.",
        "«\u{a0}Moins de\u{a0}» et «\u{a0}plus de\u{a0}» selon Dmitriev.",
        "«Менее» и «более» — по словам Дмитриева.";
    CostGbpNote => cost_gbp_note:
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
    Same => same: "the same", "dasselbe", "autant", "столько же";
    ContextTitle => context_title:
        "The proposed tunnel beside the longest rail tunnels built",
        "Der geplante Tunnel neben den längsten gebauten Eisenbahntunneln",
        "Le tunnel proposé face aux plus longs tunnels ferroviaires construits",
        "Предлагаемый тоннель рядом с самыми длинными построенными железнодорожными тоннелями";
    ContextProposed => context_proposed: "Proposed Bering Strait tunnel", "Geplanter Beringstraßen-Tunnel", "Tunnel proposé sous le détroit de Béring", "Предлагаемый тоннель под Беринговым проливом";
    Gotthard: "Gotthard Base", "Gotthard-Basistunnel", "Tunnel de base du Saint-Gothard", "Готардский базисный тоннель";
    Switzerland: "Switzerland", "Schweiz", "Suisse", "Швейцария";
    Seikan: "Seikan", "Seikan-Tunnel", "Tunnel du Seikan", "Тоннель Сэйкан";
    Japan: "Japan", "Japan", "Japon", "Япония";
    Channel: "Channel Tunnel", "Eurotunnel", "Tunnel sous la Manche", "Тоннель под Ла-Маншем";
    UkFrance: "UK–France", "Großbritannien–Frankreich", "Royaume-Uni–France", "Великобритания–Франция";
    ContextTakeaway => context_takeaway:
        "It would be {0} as long as the longest rail tunnel built so far, the {1}.",
        "Er wäre {0} so lang wie der bisher längste Eisenbahntunnel, der {1}.",
        "Il serait {0} aussi long que le plus long tunnel ferroviaire construit à ce jour, le {1}.",
        "Он был бы {0} длиннее самого длинного из построенных железнодорожных тоннелей — {1}.";
    TimesOne: "about", "etwa", "à peu près", "примерно";
    TimesTwo: "about twice", "etwa doppelt", "environ deux fois", "примерно в два раза";
    TimesThree: "about three times", "etwa dreimal", "environ trois fois", "примерно в три раза";
    TimesN: "about {0} times", "etwa {0}-mal", "environ {0} fois", "примерно в {0} раза";
    ContextNote => context_note: "Year opened in brackets.", "Eröffnungsjahr in Klammern.", "Année d’ouverture entre parenthèses.", "В скобках — год открытия.";
    MoreThan => more_than: "{0} is {1} more than {2}.", "{0} ist {1} mehr als {2}.", "{0} est supérieur de {1} à {2}.", "{0} на {1} больше, чем {2}.";
    ShareOf => share_of: "{0} is {1} of {2}.", "{0} beträgt {1} von {2}.", "{0} représente {1} de {2}.", "{0} составляет {1} от {2}.";
    Equals => equals: "{0} equals {1}.", "{0} ist gleich {1}.", "{0} est égal à {1}.", "{0} равно {1}.";
    SourceLink => source_link: "Source", "Quelle", "Source", "Источник";
    GetTheData => get_the_data: "Get the data", "Daten herunterladen", "Télécharger les données", "Скачать данные";
    ColLabel: "Label", "Bezeichnung", "Libellé", "Название";
    ColValue: "Value", "Wert", "Valeur", "Значение";
    ColUnit: "Unit", "Einheit", "Unité", "Единица";
    ColQualifier: "Qualifier", "Einschränkung", "Précision", "Уточнение";
    ColShown: "As shown", "Darstellung", "Affichage", "Как показано";
    ColNote: "Note", "Anmerkung", "Note", "Примечание";
    ColSource: "Source", "Quelle", "Source", "Источник";
    ShareOfOther => share_of_other: "{0} of {1}", "{0} von „{1}“", "{0} de «\u{a0}{1}\u{a0}»", "{0} от «{1}»";
    Colon => colon: ": ", ": ", "\u{a0}: ", ": ";
    Semicolon => semicolon: "; ", "; ", "\u{a0}; ", "; ";
}

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
