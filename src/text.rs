//! Text measurement and line breaking for the layout.
//!
//! The layout never asks a browser: it measures through [`TextMeasure`].
//! [`DejaVuMetrics`] implements it from DejaVu Sans advance widths (the font
//! the chart names first, which headless Chromium on Debian also uses for
//! `sans-serif`) on every surface, so host tests, the static SVG and the canvas
//! lay out alike; only for a house font (`--bering-font`) does the web module
//! measure with the canvas's own `measureText`, in that font.

use crate::format::{split_ascii, Join};

/// A font as the layout uses it: a size in CSS px and a weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub size: f64,
    pub bold: bool,
}

/// Measures the advance width of a single line of text, in CSS px.
pub trait TextMeasure {
    fn width(&self, text: &str, font: Font) -> f64;
}

/// Advance widths of ASCII 32..=126 in DejaVu Sans, units per 2048 em.
const REGULAR: [u16; 95] = [
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690,
    1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499,
    1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300,
    1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
];
/// The same for DejaVu Sans Bold.
const BOLD: [u16; 95] = [
    713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819,
    819, 1716, 1716, 1716, 1188, 2048, 1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397,
    1663, 1585, 2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407,
    1466, 1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716,
];

/// Host-side metrics: DejaVu Sans for ASCII, conservative widths for the rest
/// (combining marks take no width, wide scripts and emoji a full em).
#[derive(Debug, Clone, Copy, Default)]
pub struct DejaVuMetrics;

impl TextMeasure for DejaVuMetrics {
    fn width(&self, text: &str, font: Font) -> f64 {
        let table = if font.bold { &BOLD } else { &REGULAR };
        let mut units: u32 = 0;
        for c in text.chars() {
            units += match c as u32 {
                32..=126 => table[c as usize - 32] as u32,
                0xa0 | 0x202f => table[0] as u32,
                0x300..=0x36f | 0x200b..=0x200f | 0xfe00..=0xfe0f => 0,
                0x1100..=0x11ff | 0x2e80..=0xa4cf | 0xac00..=0xd7a3 | 0xf900..=0xfaff | 0xff00..=0xff60 => 2048,
                0x1f000..=0x1faff => 2048,
                _ => 1400 + if font.bold { 100 } else { 0 },
            };
        }
        units as f64 * font.size / 2048.0
    }
}

/// Breaks `text` into lines no wider than `max_width`, at spaces; a word
/// longer than a line is cut. Every line is kept (a headline or a source cut
/// short with an ellipsis loses what the newsroom wrote: the chart grows taller
/// instead). Always returns at least one line.
pub fn wrap(text: &str, font: Font, max_width: f64, measure: &dyn TextMeasure) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in split_ascii(text, b' ') {
        if word.is_empty() {
            continue;
        }
        let candidate = if current.is_empty() { word.to_string() } else { [current.as_str(), " ", word].cat() };
        if measure.width(&candidate, font) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        current = word.to_string();
        while measure.width(&current, font) > max_width {
            let (head, tail) = split_to_fit(&current, font, max_width, measure);
            lines.push(head);
            current = tail;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// `text` if it fits in `max_width`, else its longest prefix that fits followed by "…".
pub fn ellipsize(text: &str, font: Font, max_width: f64, measure: &dyn TextMeasure) -> String {
    if measure.width(text, font) <= max_width {
        return text.to_string();
    }
    // (Text patterns, not char ones, here and in trim_spaces_end: core's char-pattern
    // searcher is one more function in the wasm, and the text one is there already.)
    let body = text.strip_suffix("…").unwrap_or(text);
    // Cut one character more each time, and the spaces before the cut.
    let mut end = body.len();
    while end > 0 {
        end -= 1;
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        let candidate = [trim_spaces_end(&body[..end]), "…"].cat();
        if measure.width(&candidate, font) <= max_width {
            return candidate;
        }
    }
    String::new()
}

/// `text` without the spaces it ends in: ASCII, no-break and narrow no-break spaces (the
/// spaces a label or a value holds; not core's whole Unicode `trim_end`, for the wasm's size).
fn trim_spaces_end(mut text: &str) -> &str {
    while let Some(shorter) = text.strip_suffix(" ").or_else(|| text.strip_suffix("\u{a0}")).or_else(|| text.strip_suffix("\u{202f}")) {
        text = shorter;
    }
    text
}

/// Splits a too-long word: the longest head that fits (at least one char), and the rest.
fn split_to_fit(word: &str, font: Font, max_width: f64, measure: &dyn TextMeasure) -> (String, String) {
    let mut end = 0;
    for (i, c) in word.char_indices() {
        let next = i + c.len_utf8();
        if end > 0 && measure.width(&word[..next], font) > max_width {
            break;
        }
        end = next;
    }
    (word[..end].to_string(), word[end..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: Font = Font { size: 20.48, bold: false };

    #[test]
    fn ascii_widths_come_from_the_table() {
        // 'a' is 1255 units; at 20.48 px a unit is 0.01 px.
        assert!((DejaVuMetrics.width("a", F) - 12.55).abs() < 1e-9);
        assert!(DejaVuMetrics.width("a", Font { bold: true, ..F }) > DejaVuMetrics.width("a", F));
        assert_eq!(DejaVuMetrics.width("e\u{301}", F), DejaVuMetrics.width("e", F));
        assert_eq!(DejaVuMetrics.width("", F), 0.0);
    }

    #[test]
    fn wrap_keeps_lines_within_width() {
        let text = "The proposed Bering Strait tunnel against the strait's width";
        for max in [60.0, 120.0, 300.0, 2000.0] {
            let lines = wrap(text, F, max, &DejaVuMetrics);
            for l in &lines {
                assert!(DejaVuMetrics.width(l, F) <= max, "{l:?} wider than {max}");
            }
            assert_eq!(lines.join(" ").replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn wrap_cuts_long_words_and_keeps_every_line() {
        let lines = wrap(&"W".repeat(100), F, 100.0, &DejaVuMetrics);
        assert!(lines.len() > 3, "{lines:?}");
        assert!(lines.iter().all(|l| DejaVuMetrics.width(l, F) <= 100.0 && !l.contains('…')));
        assert_eq!(lines.concat(), "W".repeat(100), "nothing cut away");
        assert_eq!(wrap("", F, 100.0, &DejaVuMetrics), vec![String::new()]);
    }

    #[test]
    fn ellipsize_fits() {
        assert_eq!(ellipsize("short", F, 500.0, &DejaVuMetrics), "short");
        let cut = ellipsize("a rather long label indeed", F, 80.0, &DejaVuMetrics);
        assert!(cut.ends_with('…') && DejaVuMetrics.width(&cut, F) <= 80.0, "{cut}");
        // Cut between characters (never inside one), the spaces before the cut dropped.
        let width = |text: &str| DejaVuMetrics.width(text, F);
        assert_eq!(ellipsize("Zürich Übergang", F, width("Zürich Ü…") + 0.01, &DejaVuMetrics), "Zürich Ü…");
        assert_eq!(ellipsize("Zürich Übergang", F, width("Zürich …") + 0.01, &DejaVuMetrics), "Zürich…");
        assert_eq!(ellipsize("70\u{a0}mi more", F, width("70\u{a0}…") + 0.01, &DejaVuMetrics), "70…");
        assert_eq!(ellipsize("ab", F, 0.0, &DejaVuMetrics), "", "nothing fits: nothing is drawn");
    }
}
