//! Colour themes. Each paint role used by the layout maps to one sRGB colour
//! per theme; the web module and the SVG renderer resolve `auto` from the
//! reader's colour-scheme preference before asking for a theme.

use crate::spec::ThemeChoice;
use std::borrow::Cow;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

#[cfg(not(target_arch = "wasm32"))]
impl Rgb {
    /// This colour with `share` (0..=1) of `other` over it, channel by channel (what a
    /// renderer's anti-aliasing paints for a pixel `other` covers that much of).
    pub fn mix(self, other: Rgb, share: f64) -> Rgb {
        let channel = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * share.clamp(0.0, 1.0)).round() as u8;
        Rgb(channel(self.0, other.0), channel(self.1, other.1), channel(self.2, other.2))
    }
}

/// What a mark is painted with; resolved to a colour by a [`Theme`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Text,
    Muted,
    /// The bar the story is about (the proposed tunnel, the claimed cost).
    Primary,
    /// The bars it is compared with.
    Secondary,
    Axis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub background: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub primary: Rgb,
    pub secondary: Rgb,
    /// CSS font family list used for all text. DejaVu Sans first: the layout
    /// measures with its metrics on every surface, so canvas and static SVG
    /// break lines alike; the fallbacks are narrower, so text still fits.
    pub font_family: Cow<'static, str>,
}

/// A page's house style: CSS custom properties on the host element
/// (`--bering-font`, `--bering-text`, `--bering-muted`, `--bering-bg`,
/// `--bering-accent`, `--bering-baseline`), read at render time; also how
/// forced-colors mode hands in the system colours. Empty fields keep the theme's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HouseStyle {
    pub font: Option<String>,
    pub text: Option<Rgb>,
    pub muted: Option<Rgb>,
    pub background: Option<Rgb>,
    pub accent: Option<Rgb>,
    pub baseline: Option<Rgb>,
}

impl HouseStyle {
    /// Whether the text must be measured with the real font (a font other than the default).
    pub fn has_font(&self) -> bool {
        self.font.is_some()
    }

    /// The style for paper ([`SCHEME_PAPER`]): its accent, baseline and font, not its text and
    /// background colours (a dark house style printed pale text on white around a dark canvas).
    pub fn for_paper(&mut self) {
        self.text = None;
        self.muted = None;
        self.background = None;
    }
}

/// Parses a computed CSS colour: `rgb(r, g, b)`, `rgba(r, g, b, a)` (alpha ignored), `#rgb` or `#rrggbb`.
pub fn parse_css_color(text: &str) -> Option<Rgb> {
    let text = text.trim_ascii();
    // Text patterns, not char ones: see text::ellipsize.
    if let Some(hex) = text.strip_prefix("#") {
        let digit = |i: usize| hex.as_bytes().get(i).and_then(|b| (*b as char).to_digit(16)).map(|d| d as u8);
        return match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(Rgb(digit(0)? * 16 + digit(1)?, digit(2)? * 16 + digit(3)?, digit(4)? * 16 + digit(5)?)),
            _ => None,
        };
    }
    let inner = text.strip_prefix("rgba(").or_else(|| text.strip_prefix("rgb("))?.strip_suffix(")")?;
    // Its first three numbers, between commas, spaces and a slash (bytes: every separator is
    // ASCII); a plain loop, which is smaller in the wasm than filtered and mapped adapters.
    let mut channels = [0u8; 3];
    let mut found = 0;
    for part in inner.as_bytes().split(|b| matches!(b, b',' | b' ' | b'/')) {
        if part.is_empty() {
            continue;
        }
        if found == 3 {
            break;
        }
        let value = crate::format::parse_decimal_bytes(part)?;
        if value > 255.0 {
            return None;
        }
        channels[found] = value.round() as u8;
        found += 1;
    }
    (found == 3).then_some(Rgb(channels[0], channels[1], channels[2]))
}

pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

pub const LIGHT: Theme = Theme {
    background: Rgb(0xff, 0xff, 0xff),
    text: Rgb(0x1b, 0x1b, 0x1b),
    muted: Rgb(0x59, 0x59, 0x59),
    primary: Rgb(0x0b, 0x5c, 0xad),
    secondary: Rgb(0x8a, 0x8a, 0x8a),
    font_family: Cow::Borrowed(FONT_FAMILY),
};

pub const DARK: Theme = Theme {
    background: Rgb(0x16, 0x18, 0x1d),
    text: Rgb(0xec, 0xef, 0xf4),
    muted: Rgb(0xaa, 0xb2, 0xbf),
    primary: Rgb(0x5e, 0xa8, 0xff),
    secondary: Rgb(0x8d, 0x96, 0xa3),
    font_family: Cow::Borrowed(FONT_FAMILY),
};

/// The scheme a live drawing is for, as the shim reads it (`Widget::draw`): 0 a light page,
/// [`SCHEME_DARK`] a dark one, [`SCHEME_PAPER`] printing.
pub const SCHEME_DARK: u32 = 1;
/// Printing: paper is white, and browsers print no backgrounds unless asked, so a dark chart
/// came out as a dark canvas under pale text on white. On paper the light theme is taken,
/// whatever the chart's `theme`, and a house style's accent, baseline and font still apply, but
/// not its text and background colours (a dark house style printed pale text around a dark canvas).
pub const SCHEME_PAPER: u32 = 2;

impl Theme {
    /// The theme for a choice and the scheme a live drawing is for (see [`SCHEME_PAPER`]).
    pub fn for_scheme(choice: ThemeChoice, scheme: u32) -> &'static Theme {
        if scheme == SCHEME_PAPER {
            &LIGHT
        } else {
            Self::resolve(choice, scheme == SCHEME_DARK)
        }
    }

    /// The theme for a choice, given whether the reader prefers a dark scheme.
    pub fn resolve(choice: ThemeChoice, prefers_dark: bool) -> &'static Theme {
        match choice {
            ThemeChoice::Light => &LIGHT,
            ThemeChoice::Dark => &DARK,
            ThemeChoice::Auto if prefers_dark => &DARK,
            ThemeChoice::Auto => &LIGHT,
        }
    }

    /// This theme with a house style laid over it.
    pub fn with_style(&self, style: &HouseStyle) -> Theme {
        Theme {
            background: style.background.unwrap_or(self.background),
            text: style.text.unwrap_or(self.text),
            muted: style.muted.unwrap_or(self.muted),
            primary: style.accent.unwrap_or(self.primary),
            secondary: style.baseline.unwrap_or(self.secondary),
            font_family: match &style.font {
                Some(font) => Cow::Owned(font.clone()),
                None => self.font_family.clone(),
            },
        }
    }

    pub fn color(&self, paint: Paint) -> Rgb {
        match paint {
            Paint::Text | Paint::Axis => self.text,
            Paint::Muted => self.muted,
            Paint::Primary => self.primary,
            Paint::Secondary => self.secondary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: Rgb) -> f64 {
        let lin = |v: u8| {
            let s = v as f64 / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    }

    fn contrast(a: Rgb, b: Rgb) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn paper_takes_the_light_theme_whatever_the_choice_and_screens_follow_it() {
        for choice in [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::Auto] {
            assert_eq!(Theme::for_scheme(choice, SCHEME_PAPER).background, LIGHT.background, "{choice:?} on paper");
        }
        assert_eq!(Theme::for_scheme(ThemeChoice::Dark, 0).background, DARK.background);
        assert_eq!(Theme::for_scheme(ThemeChoice::Light, SCHEME_DARK).background, LIGHT.background);
        assert_eq!(Theme::for_scheme(ThemeChoice::Auto, SCHEME_DARK).background, DARK.background);
        assert_eq!(Theme::for_scheme(ThemeChoice::Auto, 0).background, LIGHT.background);
    }

    #[test]
    fn text_and_marks_have_enough_contrast_in_both_themes() {
        for theme in [&LIGHT, &DARK] {
            assert!(contrast(theme.text, theme.background) >= 4.5);
            assert!(contrast(theme.muted, theme.background) >= 4.5);
            assert!(contrast(theme.primary, theme.background) >= 3.0);
            assert!(contrast(theme.secondary, theme.background) >= 3.0);
        }
    }

    #[test]
    fn css_colours_parse() {
        assert_eq!(parse_css_color("rgb(12, 34, 56)"), Some(Rgb(12, 34, 56)));
        assert_eq!(parse_css_color(" rgba(1, 2, 3, 0.5) "), Some(Rgb(1, 2, 3)));
        assert_eq!(parse_css_color("rgb(1 2 3 / 50%)"), Some(Rgb(1, 2, 3)));
        assert_eq!(parse_css_color("rgb(12.6,0,  254.5)"), Some(Rgb(13, 0, 255)), "rounded channels");
        assert_eq!(parse_css_color("rgba(1, 2, 3, none)"), Some(Rgb(1, 2, 3)), "the alpha is not read");
        assert_eq!(parse_css_color("#0b5cad"), Some(Rgb(0x0b, 0x5c, 0xad)));
        assert_eq!(parse_css_color("#fff"), Some(Rgb(255, 255, 255)));
        for bad in ["", "red", "rgb(300, 0, 0)", "#12", "rgb(1, 2)", "rgb(1, x, 3)", "rgb(1, 2, 3", "hsl(0 0% 0%)"] {
            assert_eq!(parse_css_color(bad), None, "{bad}");
        }
    }

    #[test]
    fn house_style_overrides_only_what_it_sets() {
        let style = HouseStyle { accent: Some(Rgb(1, 2, 3)), font: Some("Georgia, serif".into()), ..Default::default() };
        let themed = LIGHT.with_style(&style);
        assert_eq!(themed.primary, Rgb(1, 2, 3));
        assert_eq!(themed.secondary, LIGHT.secondary);
        assert_eq!(themed.font_family, "Georgia, serif");
        assert_eq!(LIGHT.with_style(&HouseStyle::default()), LIGHT);
    }

    #[test]
    fn paper_keeps_a_house_accent_and_font_but_not_its_text_and_background() {
        let dark_house = HouseStyle {
            background: Some(Rgb(32, 32, 32)),
            text: Some(Rgb(240, 240, 240)),
            muted: Some(Rgb(192, 192, 192)),
            accent: Some(Rgb(255, 136, 0)),
            font: Some("Georgia, serif".into()),
            ..Default::default()
        };
        let mut on_paper = dark_house.clone();
        on_paper.for_paper();
        let paper = Theme::for_scheme(ThemeChoice::Dark, SCHEME_PAPER).with_style(&on_paper);
        assert_eq!((paper.background, paper.text, paper.muted), (LIGHT.background, LIGHT.text, LIGHT.muted));
        assert_eq!((paper.primary, paper.secondary), (Rgb(255, 136, 0), LIGHT.secondary));
        assert_eq!(paper.font_family, "Georgia, serif");
    }

    #[test]
    fn auto_follows_the_preference() {
        assert_eq!(Theme::resolve(ThemeChoice::Auto, true), &DARK);
        assert_eq!(Theme::resolve(ThemeChoice::Auto, false), &LIGHT);
        assert_eq!(Theme::resolve(ThemeChoice::Light, true), &LIGHT);
        assert_eq!(Theme::resolve(ThemeChoice::Dark, false), &DARK);
    }
}
