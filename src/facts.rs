//! The story's figures, transcribed from `shared/facts.md`: the only source of
//! the default charts. Values are stored as reported (with their unit and
//! qualifier); everything derived (ratios, conversions, takeaways) is computed
//! in [`crate::model`], never typed in here.

/// How a figure was qualified by whoever reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    None,
    Under,
    Over,
    About,
    AtLeast,
    AtMost,
}

impl Qualifier {
    /// Every qualifier a bar can have, and its name in a spec ([`Qualifier::parse`] reads them).
    /// Host and editor builds only: the embed never writes a spec.
    #[cfg(any(not(target_arch = "wasm32"), feature = "editor"))]
    pub const NAMED: [(Qualifier, &'static str); 5] =
        [(Qualifier::Under, "under"), (Qualifier::Over, "over"), (Qualifier::About, "about"), (Qualifier::AtLeast, "at least"), (Qualifier::AtMost, "at most")];

    /// Parses the qualifier of a custom spec bar.
    pub fn parse(text: &str) -> Option<Qualifier> {
        match text.trim() {
            "" | "none" => Some(Qualifier::None),
            "under" => Some(Qualifier::Under),
            "over" => Some(Qualifier::Over),
            "about" => Some(Qualifier::About),
            "at least" => Some(Qualifier::AtLeast),
            "at most" => Some(Qualifier::AtMost),
            _ => None,
        }
    }
}

pub const ALLOWED_QUALIFIERS: &str = "\"under\", \"over\", \"about\", \"at least\", \"at most\" or none";

/// 1 international mile in kilometres, exactly.
pub const KM_PER_MILE: f64 = 1.609344;

/// Proposed tunnel length, miles (Dmitriev's posts on X).
pub const TUNNEL_LENGTH_MI: f64 = 70.0;
/// Bering Strait width at its narrowest point, miles (The Independent).
pub const STRAIT_WIDTH_MI: f64 = 51.0;
/// Claimed cost with Boring Company technology, US$ billions, "under" (Dmitriev).
pub const CLAIMED_COST_USD_BN: f64 = 8.0;
/// The same claim as reported in pounds, GB£ billions, "under" (The Independent):
/// named in the note of a pound chart, never drawn (every drawn figure is converted
/// at the one rate the publisher gives, so the ratio stays the dollar figures').
pub const CLAIMED_COST_GBP_BN: f64 = 6.0;
/// The "traditional" cost, US$ billions, "over" (Dmitriev). No pound figure was reported.
pub const BASELINE_COST_USD_BN: f64 = 65.0;

/// An existing rail tunnel for the context chart (lengths as reported, in km).
pub struct ExistingTunnel {
    pub name: &'static str,
    pub country: &'static str,
    pub length_km: f64,
    pub opened: &'static str,
}

pub const EXISTING_TUNNELS: [ExistingTunnel; 3] = [
    ExistingTunnel { name: "Gotthard Base", country: "Switzerland", length_km: 57.1, opened: "2016" },
    ExistingTunnel { name: "Seikan", country: "Japan", length_km: 53.85, opened: "1988" },
    ExistingTunnel { name: "Channel Tunnel", country: "UK–France", length_km: 50.45, opened: "1994" },
];

pub const DEFAULT_SOURCE: &str = "Source: Kirill Dmitriev on X, 16 Oct 2025; The Independent";
