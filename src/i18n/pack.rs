//! Locale packs: the German, French and Russian columns as the wasm gets them
//! at run time (`embed/locale/<lang>.json`, written by host builds with
//! [`pack_json`]), installed once per page by [`install_pack`], which refuses a
//! pack made for another catalog (see [`fingerprint`]), too long, holding
//! control characters or with the wrong number of texts.

#[cfg(not(target_arch = "wasm32"))]
use super::catalog::OTHERS;
use super::catalog::{fingerprint, EN};
use super::{Support, Words, T};
use crate::error::{ChartError, ErrorKind};
use std::sync::OnceLock;

/// The locale packs, in the order of the catalog's columns after English.
pub const PACK_NAMES: [&str; 3] = ["de", "fr", "ru"];

/// The catalog column of pack `name`, if it is one.
pub(super) fn pack_column(name: &str) -> Option<usize> {
    PACK_NAMES.iter().position(|pack| *pack == name)
}

/// The installed packs (German, French, Russian), each set at most once per page.
pub(super) static PACKS: [OnceLock<Box<[String]>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

/// The longest text a pack may hold on average, in bytes (the longest in the catalog is about 250).
const PACK_TEXT_MAX: usize = 400;

fn pack_error(parts: &[&str]) -> ChartError {
    let mut all = vec!["The locale pack "];
    all.extend_from_slice(parts);
    ChartError::new(ErrorKind::BadOption, &all)
}

/// Installs the words of language `name` (`de`, `fr`, `ru`), made for the
/// catalog `catalog` (its [`fingerprint`]): one text per key in catalog order.
/// A language installed once stays; installing it again
/// changes nothing.
pub fn install_pack(name: &str, catalog: &str, texts: Vec<String>) -> Result<(), ChartError> {
    let Some(column) = pack_column(name) else {
        return Err(pack_error(&["names no supported language (de, fr, ru)."]));
    };
    if catalog != fingerprint() {
        return Err(pack_error(&["\"", name, "\" was made for another version of the chart; reload the page."]));
    }
    // Chart words are laid out as they are: no control characters, no runaway lengths.
    let length: usize = texts.iter().map(String::len).sum();
    if length > EN.len() * PACK_TEXT_MAX || texts.iter().any(|t| t.chars().any(char::is_control)) {
        return Err(pack_error(&["\"", name, "\" is too long or holds control characters."]));
    }
    if texts.len() != EN.len() {
        return Err(pack_error(&["\"", name, "\" has the wrong number of texts."]));
    }
    let _ = PACKS[column].set(texts.into_boxed_slice());
    Ok(())
}

/// The pack file of a language (`de`, `fr`, `ru`) as JSON: `{"lang", "catalog", "texts"}`.
#[cfg(not(target_arch = "wasm32"))]
pub fn pack_json(name: &str) -> Option<String> {
    let column = pack_column(name)?;
    let texts: Vec<&str> = OTHERS.iter().map(|row| row[column]).collect();
    Some(serde_json::json!({ "lang": name, "catalog": fingerprint(), "texts": texts }).to_string())
}

/// Text `key` in column `column` (0 de, 1 fr, 2 ru), if this build has it.
pub(super) fn translated(column: usize, key: T) -> Option<&'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        OTHERS.get(key as usize).map(|row| row[column])
    }
    #[cfg(target_arch = "wasm32")]
    {
        PACKS[column].get().and_then(|texts| texts.get(key as usize)).map(|text| text.as_str())
    }
}

/// Whether this build can speak language `column` now.
pub(super) fn has_column(column: usize) -> bool {
    cfg!(not(target_arch = "wasm32")) || PACKS[column].get().is_some()
}

/// The locale pack a tag needs that is not installed yet (`de`, `fr`, `ru`), if any.
pub fn missing_pack(tag: &str) -> Option<&'static str> {
    match Words::for_tag(tag).1 {
        Support::PackMissing(name) => Some(name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the wasm gets at run time is what host builds compile in.
    #[test]
    fn locale_packs_round_trip_and_bad_packs_are_refused() {
        let texts = |json: &serde_json::Value| -> Vec<String> { json["texts"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect() };
        for (column, name) in PACK_NAMES.into_iter().enumerate() {
            let json: serde_json::Value = serde_json::from_str(&pack_json(name).unwrap()).unwrap();
            assert_eq!(json["lang"], name);
            assert_eq!(json["catalog"], fingerprint().as_str());
            install_pack(name, &fingerprint(), texts(&json)).unwrap();
            let installed = PACKS[column].get().unwrap();
            assert_eq!(installed.len(), EN.len());
            for (key, row) in OTHERS.iter().enumerate() {
                assert_eq!(installed[key], row[column], "{name} text {key}");
            }
        }
        let de: serde_json::Value = serde_json::from_str(&pack_json("de").unwrap()).unwrap();
        let message = |r: Result<(), ChartError>| r.unwrap_err().message().to_string();
        assert!(message(install_pack("it", &fingerprint(), texts(&de))).contains("names no supported language"));
        assert!(message(install_pack("de", "00000000", texts(&de))).contains("made for another version"));
        assert!(message(install_pack("de", &fingerprint(), texts(&de)[1..].to_vec())).contains("wrong number of texts"));
        let mut control = texts(&de);
        control[3] = "a\u{1e}b".into();
        assert!(message(install_pack("de", &fingerprint(), control)).contains("control characters"));
        assert_eq!(pack_json("it"), None);
        assert_eq!(fingerprint().len(), 8);
    }
}
