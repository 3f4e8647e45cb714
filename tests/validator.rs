//! One validator: the messages `tests/snapshots/messages.json` records for bad
//! chart data are what the host's reader (`parse_spec_json`) says, and
//! `tests/browser/validator.test.mjs` checks the browser shows each one, word
//! for word, in the widget's box. `UPDATE_SNAPSHOTS=1` rewrites the file.

use bering_chart::model::Chart;
use bering_chart::spec::{parse_spec_json, Options, RawOptions};
use std::path::Path;

/// Bad specifications as an editor might write them, one per reader rule.
const CASES: &[&str] = &[
    r#"{"title": "T", "bars": [{"label": "A", "value": "12"}]}"#,
    r#"{"title": "T", "bars": [{"label": "A", "value": true}]}"#,
    r#"{"title": 5, "bars": [{"label": "A", "value": 1}]}"#,
    r#"{"title": "T", "lable": "x", "bars": []}"#,
    r#"{"title": "T", "bars": [{"label": "A", "value": 1, "colour": "red"}]}"#,
    r#"{"title": "T", "bars": [["A", 1]]}"#,
    r#"{"title": "T", "bars": {"label": "A"}}"#,
    r#"{"title": "T", "bars": "A,B"}"#,
    r#"["T", [["A", 1]]]"#,
    r#"{"title": "T", "bars": [{"label": 7, "value": 1}]}"#,
    r#"{"title": "T", "bars": []}"#,
    r#"{"title": "", "bars": [{"label": "A", "value": 1}]}"#,
    r#"{"title": "T", "bars": [{"label": "A", "value": -3.5}]}"#,
    r#"{"title": "T", "bars": [{"label": "A", "value": 0}]}"#,
    r#"{"title": "T", "bars": [{"label": "A", "value": 1, "qualifier": "nearly"}]}"#,
    r#"{"title": "T", "bars": [{"label": "A", "value": 1}], "sourceUrl": "javascript:alert(1)"}"#,
];

fn message(json: &str) -> String {
    let options = Options::from_raw(&RawOptions { chart: Some("length".into()), ..Default::default() }).unwrap();
    match parse_spec_json(json).and_then(|spec| Chart::build(&options, Some(&spec))) {
        Ok(_) => panic!("{json} is accepted; every case must be bad"),
        Err(e) => e.message().to_string(),
    }
}

#[test]
fn the_recorded_messages_are_the_host_readers() {
    let cases: Vec<serde_json::Value> = CASES.iter().map(|json| serde_json::json!({ "json": json, "message": message(json) })).collect();
    let text = serde_json::to_string_pretty(&cases).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/messages.json");
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &text).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(stored, text, "tests/snapshots/messages.json differs from the host's messages (UPDATE_SNAPSHOTS=1 rewrites it)");
}
