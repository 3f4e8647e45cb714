//! A block pasted from a spreadsheet (Excel, Google Sheets, LibreOffice), read
//! into bars: the editor's "paste your data" field.
//!
//! Spreadsheets copy TSV (tabs, with `"…"` around a cell that holds a tab, a
//! quote or a line break); a CSV file may use commas, or semicolons where the
//! decimal mark is a comma. Each row is a label and a value, with the
//! qualifier in a third column or before the number (`over 65`, `< 8`,
//! `≈ 30`, or the qualifier in the chosen language: `mindestens 20`). A first
//! row whose values are not numbers while the others' are is a header.
//! Numbers are read in the chosen locale: `1,234.5` in English, `1.234,5` or
//! `1 234,5` in German, French and Russian, with a minus sign (`-` or `−`) or
//! a bare fraction (`.5`). A currency sign before the number and a unit after
//! it (`$8bn`, `12%`, `31.4 mi`) become the chart's prefix and unit; values in
//! two currencies or units are refused, as their bars would not be to scale,
//! and a value below zero is named. Nothing is dropped silently: a
//! cell that cannot be read keeps its row, with a message that names its row
//! and column, so nothing the user typed is lost.

use crate::format::{Join, Locale, EN, PLAIN};
use crate::i18n::Words;
use crate::spec::RawBar;

/// A cell that could not be read: its 1-based row and column in the paste, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    pub row: usize,
    pub column: usize,
    pub message: String,
}

/// What a paste gave: the header (if the first row was one), one bar per data
/// row (a value that could not be read is `None`), the paste row of each bar,
/// each bar's value cell as typed (kept for one that could not be read), the
/// currency sign and the unit its values were written with ("" if none), and
/// the problems.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pasted {
    pub header: Option<Vec<String>>,
    pub bars: Vec<RawBar>,
    pub rows: Vec<usize>,
    pub typed: Vec<String>,
    pub prefix: String,
    pub unit: String,
    pub problems: Vec<CellProblem>,
}

/// The cells of `text`, row by row, split at `delimiter`, with spreadsheet quoting.
fn cells(text: &str, delimiter: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            c if quoted => cell.push(c),
            c if c == delimiter => row.push(std::mem::take(&mut cell)),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            c => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// The delimiter of a paste: tabs if any, else semicolons where a line has one outside quotes
/// (a comma is then the decimal mark), else commas. (A semicolon in a quoted cell, as in a
/// note of the chart's own CSV, is text. A quote opens a quoted cell only at the cell's start,
/// as `cells` reads it: `12" pipe;5` is two cells.)
fn delimiter_of(text: &str) -> char {
    if text.contains('\t') {
        return '\t';
    }
    let (mut quoted, mut at_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if at_start => quoted = true,
            ';' if !quoted => return ';',
            ',' | '\r' | '\n' if !quoted => {
                at_start = true;
                continue;
            }
            c if c.is_whitespace() && at_start => continue,
            _ => {}
        }
        at_start = false;
    }
    ','
}

/// Whether `header` is the chart's own CSV's ("Get the data", the editor's download), in
/// English or in the language of `words`: its values are then plain numbers (a point, no
/// groups), its qualifier has a column of its own, and its prefix and unit are in the value
/// as shown.
fn is_own_csv(header: &[String], words: &Words) -> bool {
    let (english, _) = Words::for_tag("en-US");
    [words.columns(), english.columns()].iter().any(|names| header.len() == names.len() && header.iter().zip(names).all(|(cell, name)| cell == name))
}

/// The qualifier written before a number, in symbols or in English or the chosen language,
/// as the spec names it; and the rest of the cell.
fn split_qualifier<'a>(cell: &'a str, words: &Words) -> (Option<&'static str>, &'a str) {
    const SYMBOLS: [(&str, &str); 12] = [
        ("<=", "at most"),
        ("≤", "at most"),
        (">=", "at least"),
        ("≥", "at least"),
        ("<", "under"),
        (">", "over"),
        ("~", "about"),
        ("≈", "about"),
        ("c.", "about"),
        ("ca.", "about"),
        ("approx.", "about"),
        ("around", "about"),
    ];
    let lower = cell.to_lowercase();
    let mut found: Option<(usize, &'static str)> = None;
    for (prefix, name) in SYMBOLS {
        if lower.starts_with(prefix) && found.is_none_or(|(len, _)| prefix.len() > len) {
            found = Some((prefix.len(), name));
        }
    }
    // English names, "less than"/"more than", and the language's own words (longest first wins).
    let english = [
        ("at least", "at least"),
        ("at most", "at most"),
        ("under", "under"),
        ("over", "over"),
        ("about", "about"),
        ("less than", "under"),
        ("more than", "over"),
    ];
    let local = crate::facts::Qualifier::NAMED.map(|(q, name)| (words.qualifier(q), name));
    for (word, name) in english.into_iter().chain(local) {
        let word_lower = word.to_lowercase();
        let after = lower.get(word_lower.len()..).unwrap_or("x");
        let fits =
            !word.is_empty() && lower.starts_with(&word_lower) && (after.is_empty() || after.starts_with(|c: char| c.is_whitespace() || c.is_ascii_digit()));
        if fits && found.is_none_or(|(len, _)| word_lower.len() > len) {
            found = Some((word_lower.len(), name));
        }
    }
    match found {
        // `lower` and `cell` have the same byte lengths for these prefixes (ASCII, or the same
        // letters lowercased); otherwise the qualifier is not taken.
        Some((len, name)) if cell.is_char_boundary(len) && cell[..len].to_lowercase().len() == len => (Some(name), cell[len..].trim()),
        _ => (None, cell),
    }
}

/// A value cell (its qualifier taken off) in three: the currency sign before the number
/// (`$`, `US$`, `£`, `€`), the number as written, and the unit after it (`%`, `bn`,
/// ` km`: letters, up to 16, or `%`); each part "" when there is none. A cell with
/// anything else after its last digit is all number, and so not read as one.
pub fn split_affixes(cell: &str) -> (&str, &str, &str) {
    let cell = cell.trim();
    let mut prefix = "";
    for sign in ["US$", "$", "£", "€"] {
        if prefix.is_empty() && cell.starts_with(sign) {
            prefix = sign;
        }
    }
    let rest = cell[prefix.len()..].trim_start();
    let end = rest.rfind(|c: char| c.is_ascii_digit()).map_or(0, |at| at + 1);
    let unit = rest[end..].trim();
    let is_unit = unit == "%" || unit.chars().count() <= 16 && unit.chars().all(char::is_alphabetic);
    if is_unit {
        (prefix, rest[..end].trim_end(), unit)
    } else {
        (prefix, rest, "")
    }
}

/// A number as a spreadsheet of `locale` writes it: its decimal mark, groups of three
/// with its group separator (or a space, or an apostrophe), a minus sign (`-` or `−`)
/// before it, a bare fraction (`.5`), and a currency sign before it and a unit after it
/// (see [`split_affixes`]). `None` if it is not one.
pub fn read_number(cell: &str, locale: Locale) -> Option<f64> {
    read_digits(split_affixes(cell).1, locale)
}

/// [`read_number`] of a number already split from its affixes.
fn read_digits(text: &str, locale: Locale) -> Option<f64> {
    let (sign, text) = match text.strip_prefix('-').or_else(|| text.strip_prefix('\u{2212}')) {
        Some(rest) => (-1.0, rest.trim_start()),
        None => (1.0, text),
    };
    if text.is_empty() {
        return None;
    }
    let decimal = locale.decimal.chars().next().unwrap_or('.');
    let mut plain = String::with_capacity(text.len());
    let (whole, fraction) = match text.rfind(decimal) {
        Some(at) => (&text[..at], Some(&text[at + decimal.len_utf8()..])),
        None => (text, None),
    };
    let is_group = |c: char| {
        c.to_string() == locale.group || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'') || (c == ',' && decimal == '.') || (c == '.' && decimal == ',')
    };
    // A bare fraction (".5") is a fraction of 0.
    let whole = if whole.is_empty() && fraction.is_some() { "0" } else { whole };
    let groups: Vec<&str> = whole.split(is_group).collect();
    let (first, rest) = groups.split_first()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Groups after the first are of three digits exactly: "1,234" yes, "12,34" no.
    if !digits(first) || first.len() > 3 && !rest.is_empty() || rest.iter().any(|g| g.len() != 3 || !digits(g)) {
        return None;
    }
    plain.push_str(&groups.concat());
    if let Some(fraction) = fraction {
        if !digits(fraction) {
            return None;
        }
        plain.push('.');
        plain.push_str(fraction);
    }
    // (+ 0.0: "-0" is 0, not -0.)
    plain.parse().ok().map(|n: f64| sign * n + 0.0)
}

/// Reads a pasted block in the locale `tag` (see the module documentation).
pub fn read_paste(text: &str, tag: &str) -> Pasted {
    let (words, _) = Words::for_tag(tag);
    let locale = Locale::for_tag(tag);
    // (A CSV file's byte order mark, copied with its first line.)
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter_of(text);
    let mut rows: Vec<(usize, Vec<String>)> =
        cells(text, delimiter).into_iter().enumerate().map(|(i, row)| (i + 1, row.into_iter().map(|c| c.trim().to_string()).collect::<Vec<_>>())).collect();
    rows.retain(|(_, row)| row.iter().any(|c| !c.is_empty()));
    let value_of = |cell: &str| read_number(split_qualifier(cell, &words).1, locale);
    let mut pasted = Pasted::default();
    // A header: a first row whose second cell is no number, above rows whose second cells
    // are; or the chart's own CSV's header (whose plain numbers, 33.5, a German reading refuses).
    let own_csv = rows.first().is_some_and(|(_, first)| is_own_csv(first, &words));
    if let [(_, first), rest @ ..] = rows.as_slice() {
        let numbers_below = rest.iter().any(|(_, row)| row.get(1).is_some_and(|c| value_of(c).is_some()));
        if own_csv || first.get(1).is_none_or(|c| value_of(c).is_none()) && numbers_below {
            pasted.header = Some(first.clone());
            rows.remove(0);
        }
    }
    // The chart's own CSV pasted back: each row made a label, the value with the prefix and
    // unit it is shown with, and the qualifier; the rest (the unit's name, the note and the
    // source, the same on every row) left out.
    if own_csv {
        for (_, row) in rows.iter_mut() {
            // (A cell the CSV kept from running as a formula has a ' before its = + - @.)
            let cell = |i: usize| {
                let text = row.get(i).map(String::as_str).unwrap_or("");
                text.strip_prefix('\'').filter(|rest| rest.starts_with(['=', '+', '-', '@'])).unwrap_or(text)
            };
            let (prefix, _, unit) = split_affixes(split_qualifier(cell(4), &words).1);
            let value = if cell(1).is_empty() { String::new() } else { [prefix, cell(1), unit].cat() };
            *row = vec![cell(0).to_string(), value, cell(3).to_string()];
        }
    }
    let locale = if own_csv { PLAIN } else { locale };
    let problem = |row: usize, column: usize, parts: &[&str]| CellProblem { row, column, message: parts.cat() };
    let example = EN.number(12345.5, 1);
    let local_example = locale.number(12345.5, 1);
    // The rows that gave the chart its currency sign and its unit.
    let (mut prefix_row, mut unit_row) = (String::new(), String::new());
    for (line, row) in rows {
        let label = row.first().cloned().unwrap_or_default();
        let value_cell = row.get(1).cloned().unwrap_or_default();
        let (mut qualifier, number) = split_qualifier(&value_cell, &words);
        let (prefix, digits, unit) = split_affixes(number);
        let read = read_digits(digits, locale);
        let mut value = read;
        let row_name = ["Row ", &EN.number(line as f64, 0)].cat();
        if value.is_some_and(|v| v < 0.0) {
            pasted.problems.push(problem(line, 2, &[&row_name, ": \"", &value_cell, "\" is below zero; a bar starts at zero, so give 0 or more."]));
        }
        // One currency and one unit for every value: a bar in millions beside one in billions
        // would be drawn a thousand times too long. The first row's are the chart's.
        for (affix, (chart_affix, first_row), what) in
            [(prefix, (&mut pasted.prefix, &mut prefix_row), "currency"), (unit, (&mut pasted.unit, &mut unit_row), "unit")]
        {
            if read.is_none() || affix.is_empty() {
                continue;
            }
            if chart_affix.is_empty() {
                *chart_affix = affix.to_string();
                *first_row = EN.number(line as f64, 0);
            } else if affix != chart_affix.as_str() {
                let message = [&row_name, ": \"", &value_cell, "\" is in ", affix, ", and row ", first_row, " in ", chart_affix, "; give every value in one ", what, "."];
                pasted.problems.push(problem(line, 2, &message));
                value = None;
            }
        }
        if label.is_empty() {
            pasted.problems.push(problem(line, 1, &[&row_name, ": the label is empty."]));
        }
        if value_cell.is_empty() {
            pasted.problems.push(problem(line, 2, &[&row_name, ": there is no value; give a number."]));
        } else if read.is_none() {
            let format =
                if locale.decimal == "," { ["write it as ", local_example.as_str(), " in ", tag].cat() } else { ["write it as ", example.as_str()].cat() };
            pasted.problems.push(problem(line, 2, &[&row_name, ": \"", &value_cell, "\" is not a number; ", &format, "."]));
        }
        if let Some(cell) = row.get(2).filter(|c| !c.is_empty()) {
            match split_qualifier(cell, &words) {
                (Some(name), "") if qualifier.is_none() || qualifier == Some(name) => qualifier = Some(name),
                _ => pasted.problems.push(problem(
                    line,
                    3,
                    &[&row_name, ": \"", cell, "\" is not a qualifier; use under, over, about, at least or at most."],
                )),
            }
        }
        if row.len() > 3 && row[3..].iter().any(|c| !c.is_empty()) {
            pasted.problems.push(problem(
                line,
                4,
                &[&row_name, ": only label, value and qualifier are read; the rest of the row is left out."],
            ));
        }
        pasted.bars.push(RawBar { label: Some(label), value, qualifier: qualifier.map(String::from) });
        pasted.rows.push(line);
        pasted.typed.push(value_cell);
    }
    pasted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(p: &Pasted) -> Vec<Option<f64>> {
        p.bars.iter().map(|b| b.value).collect()
    }

    #[test]
    fn the_charts_own_csv_pasted_back_gives_its_bars_qualifiers_prefix_and_unit() {
        // As "Get the data" writes it: every cell quoted, a note holding a semicolon.
        let csv = "\u{feff}\"Label\",\"Value\",\"Unit\",\"Qualifier\",\"As shown\",\"Note\",\"Source\"\r\n\
                   \"Claimed\",\"8\",\"US$ bn\",\"under\",\"under $8bn\",\"Transit Costs Project; filings\",\"Source: X\"\r\n\
                   \"Traditional\",\"1234.5\",\"US$ bn\",\"over\",\"over $1,234.5bn\",\"Transit Costs Project; filings\",\"Source: X\"\r\n";
        // In German too: its values are the CSV's plain numbers, not German ones.
        for tag in ["en-US", "de-DE"] {
            let p = read_paste(csv, tag);
            assert!(p.problems.is_empty(), "{tag}: {:?}", p.problems);
            assert_eq!(values(&p), vec![Some(8.0), Some(1234.5)], "{tag}");
            assert_eq!(p.bars[0].label.as_deref(), Some("Claimed"));
            assert_eq!(p.bars.iter().map(|b| b.qualifier.as_deref()).collect::<Vec<_>>(), vec![Some("under"), Some("over")]);
            assert_eq!((p.prefix.as_str(), p.unit.as_str()), ("$", "bn"), "{tag}");
        }
        // Only plain numbers with decimals, read in German, French and Russian.
        let decimals = "\"Label\",\"Value\",\"Unit\",\"Qualifier\",\"As shown\",\"Note\",\"Source\"\r\n\
                        \"A\",\"33.5\",\"km\",\"\",\"33.5 km\",\"\",\"\"\r\n\"'-5 route\",\"82.125\",\"km\",\"\",\"82.1 km\",\"\",\"\"\r\n";
        for tag in ["de-DE", "fr-FR", "ru-RU", "en-GB"] {
            let p = read_paste(decimals, tag);
            assert!(p.problems.is_empty(), "{tag}: {:?}", p.problems);
            assert_eq!(values(&p), vec![Some(33.5), Some(82.125)], "{tag}");
            assert_eq!(p.bars[1].label.as_deref(), Some("-5 route"), "{tag}: the formula guard taken off");
        }
        let km = read_paste("\"Label\",\"Value\",\"Unit\",\"Qualifier\",\"As shown\",\"Note\",\"Source\"\r\n\"Proposed tunnel\",\"112.654\",\"km\",\"\",\"112.7\u{a0}km\",\"\",\"\"\r\n\"Strait\",\"82.1\",\"km\",\"\",\"82.1\u{a0}km\",\"\",\"\"\r\n", "en-US");
        assert!(km.problems.is_empty(), "{:?}", km.problems);
        assert_eq!(values(&km), vec![Some(112.654), Some(82.1)]);
        assert_eq!(km.unit, "km");
    }

    #[test]
    fn a_semicolon_in_a_later_row_does_not_make_a_comma_block_semicolon_separated() {
        let p = read_paste("Tunnel,Length\nSeikan,33.5\n\"A; B\",12\n", "en-US");
        assert_eq!(values(&p), vec![Some(33.5), Some(12.0)]);
        assert_eq!(p.bars[1].label.as_deref(), Some("A; B"));
        let german = read_paste("Tunnel;Länge\nSeikan;33,5\n", "de-DE");
        assert_eq!(values(&german), vec![Some(33.5)]);
        // A title line above the block, and a quote inside a cell, leave the semicolons delimiters.
        let titled = read_paste("Tunnel lengths\nTunnel;Länge\nSeikan;33,5\n", "de-DE");
        assert_eq!(titled.bars.last().map(|b| b.value), Some(Some(33.5)), "{:?}", titled.bars);
        let inches = read_paste("12\" pipe;5\n6\" pipe;7\n", "en-US");
        assert_eq!(values(&inches), vec![Some(5.0), Some(7.0)]);
    }

    #[test]
    fn a_spreadsheet_block_with_a_header_becomes_bars() {
        let p = read_paste("Tunnel\tLength (mi)\r\nProposed\t70\r\nBering Strait\t51\r\n", "en-US");
        assert_eq!(p.header, Some(vec!["Tunnel".into(), "Length (mi)".into()]));
        assert_eq!(values(&p), vec![Some(70.0), Some(51.0)]);
        assert_eq!(p.bars[1].label.as_deref(), Some("Bering Strait"));
        assert_eq!(p.rows, vec![2, 3]);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
    }

    #[test]
    fn numbers_are_read_in_the_locale() {
        assert_eq!(read_number("1,234.5", Locale::for_tag("en-US")), Some(1234.5));
        assert_eq!(read_number("1.234,5", Locale::for_tag("de-DE")), Some(1234.5));
        assert_eq!(read_number("1 234,5", Locale::for_tag("fr-FR")), Some(1234.5));
        assert_eq!(read_number("1\u{202f}234,5", Locale::for_tag("fr-FR")), Some(1234.5));
        assert_eq!(read_number("$65", Locale::for_tag("en-US")), Some(65.0));
        assert_eq!(read_number("12,34", Locale::for_tag("en-US")), None, "groups are of three");
        assert_eq!(read_number("1.5", Locale::for_tag("de-DE")), None, "a German 1.5 is no number");
        assert_eq!(read_number("seventy", Locale::for_tag("en-US")), None);
        let p = read_paste("A;8,5\nB;65\n", "de-DE");
        assert_eq!(values(&p), vec![Some(8.5), Some(65.0)]);
    }

    #[test]
    fn qualifiers_in_their_own_column_or_before_the_number() {
        let p = read_paste("Claimed\t< 8\nTraditional\tover 65\nC\t≈ 30\nD\t20\tat least\nE\tmindestens 5\n", "de-DE");
        let q: Vec<Option<&str>> = p.bars.iter().map(|b| b.qualifier.as_deref()).collect();
        assert_eq!(q, vec![Some("under"), Some("over"), Some("about"), Some("at least"), Some("at least")]);
        assert_eq!(values(&p), vec![Some(8.0), Some(65.0), Some(30.0), Some(20.0), Some(5.0)]);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
    }

    #[test]
    fn what_cannot_be_read_keeps_its_row_and_says_where() {
        let p = read_paste("Label\tValue\nA\t70\nB\tabout seventy\n\tfive\nC\t5\tnearly\n", "en-US");
        assert_eq!(p.bars.len(), 4, "every row is kept");
        assert_eq!(p.bars[1].value, None);
        assert_eq!(p.typed[1], "about seventy", "the cell as typed");
        let at: Vec<(usize, usize)> = p.problems.iter().map(|e| (e.row, e.column)).collect();
        assert_eq!(at, vec![(3, 2), (4, 1), (4, 2), (5, 3)]);
        assert_eq!(p.problems[0].message, "Row 3: \"about seventy\" is not a number; write it as 12,345.5.");
        assert!(p.problems[3].message.contains("\"nearly\" is not a qualifier"));
        let german = read_paste("A\t1.5\n", "de-DE");
        assert_eq!(german.problems[0].message, "Row 1: \"1.5\" is not a number; write it as 12.345,5 in de-DE.");
    }

    #[test]
    fn minus_signs_bare_fractions_and_units_are_read() {
        let en = Locale::for_tag("en-US");
        assert_eq!(read_number("-3", en), Some(-3.0));
        assert_eq!(read_number("\u{2212}1,234.5", en), Some(-1234.5), "a typographic minus");
        assert_eq!(read_number("-0", en), Some(0.0));
        assert!(read_number("-0", en).unwrap().is_sign_positive());
        assert_eq!(read_number(".5", en), Some(0.5));
        assert_eq!(read_number(",5", Locale::for_tag("de-DE")), Some(0.5));
        assert_eq!(read_number("$8bn", en), Some(8.0));
        assert_eq!(read_number("12.5 million", en), Some(12.5));
        assert_eq!(read_number("5-6", en), None, "a range is no number");
        assert_eq!(read_number("8bn.", en), None, "after the last digit, a unit or nothing");
        assert_eq!(read_number("-", en), None);
        assert_eq!(read_number(".", en), None);
        assert_eq!(split_affixes(" US$ 65 bn "), ("US$", "65", "bn"));
        assert_eq!(split_affixes("12%"), ("", "12", "%"));
        assert_eq!(split_affixes("70 km²"), ("", "70 km²", ""), "only letters make a unit");
    }

    #[test]
    fn a_paste_gives_its_currency_and_unit_and_refuses_a_mix() {
        let p = read_paste("Claimed\tunder $8bn\nTraditional\tover $65bn\n", "en-US");
        assert_eq!(values(&p), vec![Some(8.0), Some(65.0)]);
        assert_eq!((p.prefix.as_str(), p.unit.as_str()), ("$", "bn"));
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let mixed = read_paste("A\t8\nB\t$8bn\nC\t65m\nD\t£4bn\nE\t3\n", "en-US");
        assert_eq!(values(&mixed), vec![Some(8.0), Some(8.0), None, None, Some(3.0)], "a bar in another unit is not drawn");
        assert_eq!((mixed.prefix.as_str(), mixed.unit.as_str()), ("$", "bn"));
        let messages: Vec<&str> = mixed.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            vec!["Row 3: \"65m\" is in m, and row 2 in bn; give every value in one unit.", "Row 4: \"£4bn\" is in £, and row 2 in $; give every value in one currency."]
        );
        assert_eq!(mixed.typed[2], "65m", "kept as typed");
    }

    #[test]
    fn a_value_below_zero_says_so() {
        let p = read_paste("A\t\u{2212}3\nB\t5\n", "en-US");
        assert_eq!(values(&p), vec![Some(-3.0), Some(5.0)]);
        assert_eq!(p.problems.len(), 1);
        assert_eq!((p.problems[0].row, p.problems[0].column), (1, 2));
        assert_eq!(p.problems[0].message, "Row 1: \"\u{2212}3\" is below zero; a bar starts at zero, so give 0 or more.");
    }

    #[test]
    fn quoted_cells_and_blank_lines() {
        let p = read_paste("\"Tunnel, proposed\",70\n\n\"The \"\"traditional\"\" cost\",\"65\"\n", "en-US");
        assert_eq!(p.bars[0].label.as_deref(), Some("Tunnel, proposed"));
        assert_eq!(p.bars[1].label.as_deref(), Some("The \"traditional\" cost"));
        assert_eq!(values(&p), vec![Some(70.0), Some(65.0)]);
        assert_eq!(p.rows, vec![1, 3]);
        let multi = read_paste("\"Line one\nline two\"\t4\n", "en-US");
        assert_eq!(multi.bars[0].label.as_deref(), Some("Line one\nline two"));
    }
}
