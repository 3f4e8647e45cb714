//! The height a chart takes at every width, as one CSS length: what a page
//! reserves for the chart before the chart draws (the generated snippet's
//! image, the plain embed's placeholder, the optional stylesheet).
//!
//! A chart's height is a step function of its width: its text wraps into more
//! or fewer lines, and its fonts and padding change at 480 and 800 px. The
//! layout floors the width, so the steps fall on whole CSS px. [`HeightSteps`]
//! records them, laid out with the same metrics as the canvas, and
//! [`HeightSteps::css`] writes them as a `calc()` of `100%` in which each step
//! is a `clamp()`: 0 below its width, its whole difference from its width on.
//! A percentage in `padding` resolves against the containing block's width, so
//! the length gives the chart's height in the box's own width, in pure CSS,
//! with no script and no container query.

use crate::layout::layout;
use crate::model::Chart;
use crate::text::DejaVuMetrics;

/// The narrowest width laid out; the layout clamps narrower boxes to it.
pub const NARROWEST: u32 = 120;
/// The widest width looked at: past it no default chart's text wraps again.
pub const WIDEST: u32 = 2400;

/// A chart's height in CSS px at every whole width from [`NARROWEST`] to [`WIDEST`].
#[derive(Debug, Clone, PartialEq)]
pub struct HeightSteps {
    /// The height at [`NARROWEST`] px and below.
    pub first: u32,
    /// `(width, height)`: from `width` px on, the chart is `height` px tall.
    pub steps: Vec<(u32, u32)>,
}

impl HeightSteps {
    /// Lays `chart` out at every whole width (designed text size, as the
    /// reader's default of 16 px gives).
    pub fn of(chart: &Chart) -> HeightSteps {
        let height_at = |width: u32| layout(chart, width as f64, 1.0, &DejaVuMetrics).height as u32;
        let first = height_at(NARROWEST);
        let mut steps = Vec::new();
        let mut last = first;
        for width in NARROWEST + 1..=WIDEST {
            let height = height_at(width);
            if height != last {
                steps.push((width, height));
                last = height;
            }
        }
        HeightSteps { first, steps }
    }

    /// The height at `width` CSS px (a fraction is floored, as the layout does).
    pub fn at(&self, width: f64) -> u32 {
        let whole = width.floor();
        self.steps.iter().take_while(|&&(from, _)| f64::from(from) <= whole).last().map_or(self.first, |&(_, height)| height)
    }

    /// `[first, width, height, width, height, …]` from `narrowest` px on: the shim's
    /// compact copy (from the element's least width, 280 px, to save bytes), from which
    /// it writes the same CSS as [`HeightSteps::css`] (a browser test holds the two to
    /// the drawn heights).
    pub fn flat(&self, narrowest: u32) -> Vec<u32> {
        let later = self.steps.iter().filter(|&&(width, _)| width > narrowest);
        std::iter::once(self.at(f64::from(narrowest))).chain(later.flat_map(|&(width, height)| [width, height])).collect()
    }

    /// The height as a CSS length of `100%` (the box's width where it is used as padding).
    ///
    /// Each step adds `clamp(0px, (100% - (w - 0.01)px) * 100000, d px)`: a layout
    /// width is a multiple of 1/64 px, so the term is 0 at `w - 1/64` and below and
    /// the whole `d` from `w` on (1000 px before the clamp, and every `d` is less).
    /// The subtraction comes first: Chrome saturates a length past 2^25 px, so
    /// `100000% - …px` would lose the width.
    pub fn css(&self) -> String {
        let mut out = format!("calc({}px", self.first);
        let mut last = self.first;
        for &(width, height) in &self.steps {
            let (sign, difference) = if height > last { ('+', height - last) } else { ('-', last - height) };
            let edge = f64::from(width) - 0.01;
            out.push_str(&format!(" {sign} clamp(0px, (100% - {edge}px) * 100000, {difference}px)"));
            last = height;
        }
        out.push(')');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Options, RawOptions};

    fn default_chart(name: &str, units: &str) -> Chart {
        let raw = RawOptions { chart: Some(name.into()), units: Some(units.into()), ..Default::default() };
        Chart::build(&Options::from_raw(&raw).unwrap(), None).unwrap()
    }

    /// What the CSS length evaluates to at `width`, as a browser computes it.
    fn evaluate(steps: &HeightSteps, width: f64) -> f64 {
        let mut height = f64::from(steps.first);
        let mut last = steps.first;
        for &(from, to) in &steps.steps {
            let edge = f64::from(from) - 0.01;
            let term = ((width - edge) * 100000.0).clamp(0.0, f64::from(to.abs_diff(last)));
            height += if to > last { term } else { -term };
            last = to;
        }
        height
    }

    #[test]
    fn the_steps_give_the_layout_height_at_every_width() {
        for (name, units) in [("length", "mi"), ("length", "km"), ("cost", "mi"), ("context", "mi"), ("context", "km")] {
            let chart = default_chart(name, units);
            let steps = HeightSteps::of(&chart);
            // Each clamp reaches its whole difference at its width (1000 px before the clamp).
            let mut last = steps.first;
            for &(_, height) in &steps.steps {
                assert!(height.abs_diff(last) < 1000);
                last = height;
            }
            assert!(!steps.steps.is_empty() && steps.steps.len() < 40, "{name}: {} steps", steps.steps.len());
            for width in (NARROWEST..=WIDEST).step_by(7) {
                let height = layout(&chart, width as f64, 1.0, &DejaVuMetrics).height;
                assert_eq!(f64::from(steps.at(width as f64)), height, "{name} {units} at {width}");
                assert_eq!(f64::from(steps.at(width as f64 + 0.984375)), height, "{name} {units} at {width} and 63/64");
                // The CSS at whole and 1/64-px widths, as the browser resolves 100%.
                assert!((evaluate(&steps, width as f64) - height).abs() < 1e-6, "{name} {units} css at {width}");
                assert!((evaluate(&steps, width as f64 + 0.984375) - height).abs() < 1e-6, "{name} {units} css at {width}+63/64");
            }
        }
    }

    #[test]
    fn the_css_is_one_calc_of_the_width() {
        let steps = HeightSteps { first: 300, steps: vec![(480, 320), (600, 290)] };
        assert_eq!(steps.css(), "calc(300px + clamp(0px, (100% - 479.99px) * 100000, 20px) - clamp(0px, (100% - 599.99px) * 100000, 30px))");
        assert_eq!(steps.flat(120), vec![300, 480, 320, 600, 290]);
        assert_eq!(steps.flat(480), vec![320, 600, 290]);
        assert_eq!(steps.at(479.9), 300);
        assert_eq!(steps.at(480.0), 320);
        assert_eq!(steps.at(1000.0), 290);
    }
}
