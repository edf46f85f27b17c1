//! The targets file as TOML gives it: serde types that keep the place of
//! every value, and the cutting of a long file into batches of indicators,
//! so that TOML's tree of a file of 100,000 indicators is never whole in
//! memory (it takes about 30 times the file's size).
//!
//! A file is cut only where it is certain that the batches mean what the
//! whole file means: before an `[[indicator]]` header line, when every
//! header after the first indicator belongs to an indicator and the file
//! has no multi-line string (whose lines could look like headers).
//! Otherwise it is read whole, as one batch.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// The first batch: the whole file, or its head and first indicators.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub resolution: RawMeta,
    pub pillar: Vec<RawPillar>,
    pub indicator: Vec<RawIndicator>,
}

/// Every later batch: indicators only.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMore {
    pub indicator: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub id: String,
    pub title_vi: String,
    pub title_en: String,
    pub issuer_vi: String,
    pub issuer_en: String,
    pub adopted: Spanned<String>,
    #[serde(default)]
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPillar {
    pub id: Spanned<String>,
    pub name_vi: String,
    pub name_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: Spanned<String>,
    pub pillar: Spanned<String>,
    pub item: Option<String>,
    pub name_vi: Spanned<String>,
    pub name_en: Spanned<String>,
    pub unit: Spanned<String>,
    pub note_vi: Option<String>,
    pub note_en: Option<String>,
    pub each_vi: Option<String>,
    pub each_en: Option<String>,
    #[serde(default)]
    pub members: Vec<Spanned<String>>,
    pub members_vi: Option<Spanned<Vec<String>>>,
    pub aggregate: Option<Spanned<String>>,
    pub weight: Option<Spanned<String>>,
    pub targets: Spanned<BTreeMap<Spanned<String>, Spanned<String>>>,
    pub baseline: Option<Spanned<RawBaseline>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBaseline {
    pub year: i64,
    pub value: f64,
}

/// Indicators per batch.
const BATCH: usize = 512;

/// The batches of `text`: (byte offset, text), in order. One batch unless
/// the file can be cut safely (see the module comment).
pub fn batches(text: &str) -> Vec<(usize, &str)> {
    let whole = vec![(0, text)];
    if text.contains("\"\"\"") || text.contains("'''") {
        return whole;
    }
    let mut cuts = Vec::new();
    let mut indicators = 0usize;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let Some(header) = header(line) else {
            continue;
        };
        if header == "[[indicator]]" {
            if indicators > 0 && indicators.is_multiple_of(BATCH) {
                cuts.push(here);
            }
            indicators += 1;
        } else if indicators > 0
            && !(header.starts_with("[indicator.") || header.starts_with("[[indicator."))
        {
            // a table of another kind among the indicators
            return whole;
        }
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts.into_iter().chain([text.len()]) {
        if let Some(part) = text.get(start..cut) {
            out.push((start, part));
        }
        start = cut;
    }
    out
}

/// A table header line, its blanks removed (`[[ indicator ]]` is
/// `[[indicator]]`); `None` for any other line. A header with a quote in
/// it (`["indicator"]`) is given as `["` so that no cut is made.
fn header(line: &str) -> Option<String> {
    let t = line.trim_start();
    if !t.starts_with('[') {
        return None;
    }
    let end = t.find(']')?;
    let close = if t.starts_with("[[") {
        end + 2
    } else {
        end + 1
    };
    let head = t.get(..close.min(t.len()))?;
    if head.contains(['"', '\'']) {
        return Some("[\"".to_string());
    }
    Some(head.chars().filter(|c| !c.is_whitespace()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(i: usize) -> String {
        format!("[[indicator]]\nid = \"i{i}\"\n[indicator.baseline]\nyear = 2020\nvalue = 1\n")
    }

    #[test]
    fn a_long_file_is_cut_before_indicator_headers_only() {
        let head = "[resolution]\nid = \"r\"\n\n[[pillar]]\nid = \"p\"\n\n";
        let body: String = (0..2 * BATCH + 1).map(indicator).collect();
        let text = format!("{head}{body}");
        let parts = batches(&text);
        assert_eq!(parts.len(), 3);
        // the batches are the text, in order, each after the first starting
        // at an indicator header, the first holding the head
        let joined: String = parts.iter().map(|p| p.1).collect();
        assert_eq!(joined, text);
        assert!(parts[0].1.starts_with("[resolution]"));
        for &(offset, part) in &parts[1..] {
            assert!(part.starts_with("[[indicator]]"));
            assert_eq!(text.get(offset..offset + part.len()), Some(part));
        }
        assert_eq!(parts[1].1.matches("[[indicator]]").count(), BATCH);
        assert_eq!(parts[2].1.matches("[[indicator]]").count(), 1);
    }

    #[test]
    fn a_file_that_cannot_be_cut_safely_is_read_whole() {
        let body: String = (0..2 * BATCH).map(indicator).collect();
        let cases = [
            // a pillar after the indicators
            format!("{body}[[pillar]]\nid = \"q\"\n"),
            // a header with quotes
            format!("{body}[[\"indicator\"]]\nid = \"x\"\n"),
            // a multi-line string could hold header-like lines
            format!("{body}[[indicator]]\nnote_en = \"\"\"\n[[indicator]]\n\"\"\"\n"),
        ];
        for text in cases {
            assert_eq!(batches(&text), vec![(0, text.as_str())]);
        }
        // blanks inside the brackets do not matter
        let spaced = body.replace("[[indicator]]", "[[ indicator ]]");
        assert_eq!(batches(&spaced).len(), 2);
    }
}
