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
//! `1 234,5` in German, French and Russian. Nothing is dropped silently: a
//! cell that cannot be read keeps its row, with a message that names its row
//! and column, so nothing the user typed is lost.

use crate::format::{Join, Locale, EN};
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
/// each bar's value cell as typed (kept for one that could not be read), and
/// the problems.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pasted {
    pub header: Option<Vec<String>>,
    pub bars: Vec<RawBar>,
    pub rows: Vec<usize>,
    pub typed: Vec<String>,
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

/// The delimiter of a paste: tabs if any, else semicolons where they are (a comma is then
/// the decimal mark), else commas.
fn delimiter_of(text: &str) -> char {
    if text.contains('\t') {
        '\t'
    } else if text.contains(';') {
        ';'
    } else {
        ','
    }
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

/// A number as a spreadsheet of `locale` writes it: its decimal mark, groups of three
/// with its group separator (or a space, or an apostrophe), an optional currency sign
/// before it. `None` if it is not one.
pub fn read_number(cell: &str, locale: Locale) -> Option<f64> {
    let mut text = cell.trim();
    for sign in ["US$", "$", "£", "€"] {
        text = text.strip_prefix(sign).unwrap_or(text).trim_start();
    }
    let text = text.strip_suffix('%').unwrap_or(text).trim_end();
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
    plain.parse().ok()
}

/// Reads a pasted block in the locale `tag` (see the module documentation).
pub fn read_paste(text: &str, tag: &str) -> Pasted {
    let (words, _) = Words::for_tag(tag);
    let locale = Locale::for_tag(tag);
    let delimiter = delimiter_of(text);
    let mut rows: Vec<(usize, Vec<String>)> =
        cells(text, delimiter).into_iter().enumerate().map(|(i, row)| (i + 1, row.into_iter().map(|c| c.trim().to_string()).collect::<Vec<_>>())).collect();
    rows.retain(|(_, row)| row.iter().any(|c| !c.is_empty()));
    let value_of = |cell: &str| read_number(split_qualifier(cell, &words).1, locale);
    let mut pasted = Pasted::default();
    // A header: a first row whose second cell is no number, above rows whose second cells are.
    if let [(_, first), rest @ ..] = rows.as_slice() {
        let numbers_below = rest.iter().any(|(_, row)| row.get(1).is_some_and(|c| value_of(c).is_some()));
        if first.get(1).is_none_or(|c| value_of(c).is_none()) && numbers_below {
            pasted.header = Some(first.clone());
            rows.remove(0);
        }
    }
    let problem = |row: usize, column: usize, parts: &[&str]| CellProblem { row, column, message: parts.cat() };
    let example = EN.number(12345.5, 1);
    let local_example = locale.number(12345.5, 1);
    for (line, row) in rows {
        let label = row.first().cloned().unwrap_or_default();
        let value_cell = row.get(1).cloned().unwrap_or_default();
        let (mut qualifier, number) = split_qualifier(&value_cell, &words);
        let value = read_number(number, locale);
        if label.is_empty() {
            pasted.problems.push(problem(line, 1, &["Row ", &EN.number(line as f64, 0), ": the label is empty."]));
        }
        if value_cell.is_empty() {
            pasted.problems.push(problem(line, 2, &["Row ", &EN.number(line as f64, 0), ": there is no value; give a number."]));
        } else if value.is_none() {
            let format =
                if locale.decimal == "," { ["write it as ", local_example.as_str(), " in ", tag].cat() } else { ["write it as ", example.as_str()].cat() };
            pasted.problems.push(problem(line, 2, &["Row ", &EN.number(line as f64, 0), ": \"", &value_cell, "\" is not a number; ", &format, "."]));
        }
        if let Some(cell) = row.get(2).filter(|c| !c.is_empty()) {
            match split_qualifier(cell, &words) {
                (Some(name), "") if qualifier.is_none() || qualifier == Some(name) => qualifier = Some(name),
                _ => pasted.problems.push(problem(
                    line,
                    3,
                    &["Row ", &EN.number(line as f64, 0), ": \"", cell, "\" is not a qualifier; use under, over, about, at least or at most."],
                )),
            }
        }
        if row.len() > 3 && row[3..].iter().any(|c| !c.is_empty()) {
            pasted.problems.push(problem(
                line,
                4,
                &["Row ", &EN.number(line as f64, 0), ": only label, value and qualifier are read; the rest of the row is left out."],
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
