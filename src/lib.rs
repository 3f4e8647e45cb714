//! bering-chart: comparison charts for the Bering Strait tunnel story.
//!
//! The core is pure: [`spec`] (raw input as the page gives it) → [`model`]
//! (a validated chart with its derived numbers and words) → [`layout`] (pure
//! geometry in CSS pixels, text measured through [`text::TextMeasure`]) →
//! [`render::render`] (one function generic over plotters' `DrawingBackend`).
//! Only [`web`] (compiled for wasm32) speaks wasm-bindgen and touches the DOM;
//! [`svg`] (host, and the editor's wasm build) draws the same layout to an SVG string,
//! [`html`] (host, and the editor's build) to the snippet's static HTML.

pub mod error;
pub mod facts;
pub mod format;
/// The static chart as plain HTML (host, and the editor's wasm build: the script embed's snippet).
#[cfg(any(not(target_arch = "wasm32"), feature = "editor"))]
pub mod html;
pub mod i18n;
pub mod input;
pub mod layout;
pub mod model;
/// The editor's spreadsheet paste (host, and the editor's wasm build only).
#[cfg(any(not(target_arch = "wasm32"), feature = "editor"))]
pub mod paste;
pub mod render;
pub mod reserve;
pub mod spec;
pub mod text;
pub mod theme;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod canvas;
/// PNG from the SVG with resvg (host only: fallbacks, share cards, newsletter images).
#[cfg(not(target_arch = "wasm32"))]
pub mod raster;
#[cfg(any(not(target_arch = "wasm32"), feature = "editor"))]
pub mod svg;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{ChartError, ErrorKind};

/// The wasm build's allocator: a small free list (reuses freed blocks; the
/// page runs one thread). About 3 KB gzip lighter than the default dlmalloc.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
