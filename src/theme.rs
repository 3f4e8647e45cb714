//! Colour themes. Each paint role used by the layout maps to one sRGB colour
//! per theme; the web module and the SVG renderer resolve `auto` from the
//! reader's colour-scheme preference before asking for a theme.

use crate::spec::ThemeChoice;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

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
    pub font_family: &'static str,
}

pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

pub const LIGHT: Theme = Theme {
    background: Rgb(0xff, 0xff, 0xff),
    text: Rgb(0x1b, 0x1b, 0x1b),
    muted: Rgb(0x59, 0x59, 0x59),
    primary: Rgb(0x0b, 0x5c, 0xad),
    secondary: Rgb(0x8a, 0x8a, 0x8a),
    font_family: FONT_FAMILY,
};

pub const DARK: Theme = Theme {
    background: Rgb(0x16, 0x18, 0x1d),
    text: Rgb(0xec, 0xef, 0xf4),
    muted: Rgb(0xaa, 0xb2, 0xbf),
    primary: Rgb(0x5e, 0xa8, 0xff),
    secondary: Rgb(0x8d, 0x96, 0xa3),
    font_family: FONT_FAMILY,
};

impl Theme {
    /// The theme for a choice, given whether the reader prefers a dark scheme.
    pub fn resolve(choice: ThemeChoice, prefers_dark: bool) -> &'static Theme {
        match choice {
            ThemeChoice::Light => &LIGHT,
            ThemeChoice::Dark => &DARK,
            ThemeChoice::Auto if prefers_dark => &DARK,
            ThemeChoice::Auto => &LIGHT,
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
            if s <= 0.04045 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    }

    fn contrast(a: Rgb, b: Rgb) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
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
    fn auto_follows_the_preference() {
        assert_eq!(Theme::resolve(ThemeChoice::Auto, true), &DARK);
        assert_eq!(Theme::resolve(ThemeChoice::Auto, false), &LIGHT);
        assert_eq!(Theme::resolve(ThemeChoice::Light, true), &LIGHT);
        assert_eq!(Theme::resolve(ThemeChoice::Dark, false), &DARK);
    }
}
