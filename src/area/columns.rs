//! The header of a `--by area` data file: where the known columns are.

use ::csv::ByteRecord;

use crate::diagnostic::Diagnostic;

/// Roles of the columns the calculation reads, as indices into a row's
/// field array.
pub const AREA: usize = 0;
pub const INDICATOR: usize = 1;
pub const YEAR: usize = 2;
pub const VALUE: usize = 3;
pub const BREAKDOWN: usize = 4;
pub const UNIT: usize = 5;
/// Number of roles.
pub const ROLES: usize = 6;

/// Columns every reader knows; others are ignored with a warning.
const KNOWN: [&str; 8] = [
    "area",
    "indicator",
    "year",
    "value",
    "breakdown",
    "unit",
    "source",
    "note",
];

/// Where the known columns are in a file's header.
#[derive(Debug)]
pub struct Columns {
    /// Header names, trimmed and lower case.
    pub names: Vec<String>,
    /// Per field: its role, if the calculation reads it.
    pub roles: Vec<Option<usize>>,
    /// Per role: its field index.
    pub index: [Option<usize>; ROLES],
}

impl Columns {
    /// Reads the header row; returns the columns and the ignored names.
    pub fn from_header(
        record: &ByteRecord,
        file: &str,
        line: u64,
    ) -> Result<(Columns, Vec<String>), Diagnostic> {
        let names: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().to_lowercase())
            .collect();
        let find = |n: &str| names.iter().position(|h| h == n);
        let missing: Vec<&str> = ["indicator", "year", "value"]
            .into_iter()
            .filter(|n| find(n).is_none())
            .collect();
        if !missing.is_empty() {
            let msg = format!(
                "missing required column{} {}; the header has: {}",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                names.join(", ")
            );
            return Err(Diagnostic::at(file, line, 1, None, "missing-column", msg));
        }
        for (i, n) in names.iter().enumerate() {
            if KNOWN.contains(&n.as_str()) && names.iter().take(i).any(|m| m == n) {
                let msg = format!("column {n} appears twice in the header");
                return Err(Diagnostic::at(
                    file,
                    line,
                    i as u64 + 1,
                    Some(n),
                    "duplicate-column",
                    msg,
                ));
            }
        }
        let ignored = names
            .iter()
            .filter(|n| !KNOWN.contains(&n.as_str()))
            .cloned()
            .collect();
        let index = ["area", "indicator", "year", "value", "breakdown", "unit"].map(find);
        let mut roles = vec![None; names.len()];
        for (role, i) in index.iter().enumerate() {
            if let Some(slot) = i.and_then(|i| roles.get_mut(i)) {
                *slot = Some(role);
            }
        }
        Ok((
            Columns {
                names,
                roles,
                index,
            },
            ignored,
        ))
    }

    /// The field index of a role.
    pub fn of(&self, role: usize) -> Option<usize> {
        self.index.get(role).copied().flatten()
    }

    /// The header name of a field.
    pub fn name(&self, field: usize) -> Option<&str> {
        self.names.get(field).map(String::as_str)
    }
}

/// Picks `,`, `;` or tab: whichever occurs most often, outside quotes, in the
/// header line. Ties and a header with none of them give `,`. (The general
/// reader's rule, repeated until the readers merge.)
pub fn detect_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semicolon, tab] = counts;
    if tab > comma && tab > semicolon {
        b'\t'
    } else if semicolon > comma {
        b';'
    } else {
        b','
    }
}
