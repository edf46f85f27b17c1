//! The header row of a data file: where each known column is. Column
//! names are matched without regard to case, in English or Vietnamese,
//! with or without accents (`giá trị`, `gia tri`, `value`).

use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::record::{Record, column_letters};
use crate::diagnostic::Diagnostic;
use crate::msg::Problem;

/// The role of a column the reader knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Area,
    Indicator,
    Year,
    Value,
    Breakdown,
    Unit,
    Source,
    Note,
    Numerator,
    Denominator,
    Weight,
}

/// Every role with its English name and its Vietnamese name without
/// accents (as [`fold`] leaves it).
const NAMES: [(Role, &str, &str); 11] = [
    (Role::Area, "area", "dia ban"),
    (Role::Indicator, "indicator", "chi tieu"),
    (Role::Year, "year", "nam"),
    (Role::Value, "value", "gia tri"),
    (Role::Breakdown, "breakdown", "phan to"),
    (Role::Unit, "unit", "don vi"),
    (Role::Source, "source", "nguon"),
    (Role::Note, "note", "ghi chu"),
    (Role::Numerator, "numerator", "tu so"),
    (Role::Denominator, "denominator", "mau so"),
    (Role::Weight, "weight", "trong so"),
];

/// Where the known columns are in a file's header (field indices).
#[derive(Debug, Clone)]
pub struct Columns {
    /// Header names, trimmed and lower case, as messages name them.
    pub names: Vec<Arc<str>>,
    /// The `indicator` column.
    pub indicator: usize,
    /// The `year` column.
    pub year: usize,
    /// The `value` column.
    pub value: usize,
    /// The `breakdown` column, if any.
    pub breakdown: Option<usize>,
    /// The `unit` column, if any.
    pub unit: Option<usize>,
    /// The `area` column, if any.
    pub area: Option<usize>,
    /// The `numerator` and `denominator` columns, if both are there.
    pub parts: Option<(usize, usize)>,
    /// The `weight` column, if any.
    pub weight: Option<usize>,
}

/// A header read: its columns, and the names of the columns ignored.
pub type Header = (Columns, Vec<String>);

impl Columns {
    /// Reads the header row; a missing or repeated column is a problem.
    pub fn from_header(record: &Record, file: &Arc<str>) -> Result<Header, Box<Diagnostic>> {
        let names: Vec<String> = (0..record.len())
            .map(|i| {
                record
                    .text(i)
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .to_lowercase()
            })
            .collect();
        let roles: Vec<Option<Role>> = names.iter().map(|n| role_of(n)).collect();
        let find = |role: Role| roles.iter().position(|r| *r == Some(role));
        let missing: Vec<&'static str> = [
            (Role::Indicator, "indicator"),
            (Role::Year, "year"),
            (Role::Value, "value"),
        ]
        .into_iter()
        .filter(|(role, _)| find(*role).is_none())
        .map(|(_, name)| name)
        .collect();
        let at = |i: usize, problem: Problem| {
            let (line, column) = record.place(i);
            let d = Diagnostic::at(file, line, column, problem);
            Box::new(match record.cell(i) {
                Some(cell) => d.in_cell(cell),
                None => d,
            })
        };
        let (numerator, denominator) = (find(Role::Numerator), find(Role::Denominator));
        let lone = match (numerator, denominator) {
            (Some(_), None) => Some(("numerator", "denominator")),
            (None, Some(_)) => Some(("denominator", "numerator")),
            _ => None,
        };
        if missing.is_empty()
            && let Some((given, lacking)) = lone
        {
            let i = numerator.or(denominator).unwrap_or_default();
            let problem = Problem::LonePartColumn { given, lacking };
            let name = names.get(i).cloned().unwrap_or_default();
            return Err(Box::new(at(i, problem).with_value(name)));
        }
        if !missing.is_empty() {
            let value = names.join(", ");
            let problem = Problem::MissingColumns {
                missing,
                header: names,
            };
            return Err(at(0, problem).with_value(value).into());
        }
        for (i, role) in roles.iter().enumerate() {
            if role.is_some() && roles.iter().take(i).any(|r| r == role) {
                let name = names.get(i).cloned().unwrap_or_default();
                let d = at(i, Problem::DuplicateColumn { name: name.clone() })
                    .in_field(Some(&Arc::from(name.as_str())))
                    .with_value(name);
                return Err(Box::new(d));
            }
        }
        let ignored = names
            .iter()
            .zip(&roles)
            .enumerate()
            .filter(|(_, (_, r))| r.is_none())
            .map(|(i, (n, _))| match n.is_empty() {
                true => format!("(unnamed column {})", column_letters(i as u64 + 1)),
                false => n.clone(),
            })
            .collect();
        let columns = Columns {
            indicator: find(Role::Indicator).unwrap_or_default(),
            year: find(Role::Year).unwrap_or_default(),
            value: find(Role::Value).unwrap_or_default(),
            breakdown: find(Role::Breakdown),
            unit: find(Role::Unit),
            area: find(Role::Area),
            parts: numerator.zip(denominator),
            weight: find(Role::Weight),
            names: names.into_iter().map(|n| Arc::from(n.as_str())).collect(),
        };
        Ok((columns, ignored))
    }

    /// The header name of column `col`.
    pub fn name(&self, col: usize) -> Option<&Arc<str>> {
        self.names.get(col)
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        self.names.len()
    }
}

/// The role of a header name (trimmed, lower case), if the reader knows it.
fn role_of(name: &str) -> Option<Role> {
    if let Some(&(role, ..)) = NAMES.iter().find(|(_, en, _)| *en == name) {
        return Some(role);
    }
    let folded = fold(name);
    NAMES
        .iter()
        .find(|(_, en, vi)| *vi == folded || *en == folded)
        .map(|&(role, ..)| role)
}

/// A name without accents, `đ` as `d`, `_` as a space: how Vietnamese
/// header names are compared.
pub(crate) fn fold(name: &str) -> String {
    name.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            '_' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::record::RecordBuf;

    fn header(names: &[&str]) -> Result<Header, Box<Diagnostic>> {
        let mut b = RecordBuf::default();
        for n in names {
            b.push(n);
        }
        Columns::from_header(&b.record(1, 1, None), &Arc::from("f.csv"))
    }

    #[test]
    fn english_and_vietnamese_names_with_or_without_accents() {
        let (c, ignored) =
            header(&["Chỉ tiêu", "nam", "GIÁ TRỊ", "phan_to", "Địa bàn", "x"]).unwrap();
        assert_eq!((c.indicator, c.year, c.value), (0, 1, 2));
        assert_eq!((c.breakdown, c.area, c.unit), (Some(3), Some(4), None));
        assert_eq!(ignored, vec!["x".to_string()]);
        assert_eq!((c.parts, c.weight), (None, None));
        let (c, ignored) =
            header(&["indicator", "year", "value", "Mẫu số", "tu_so", "trọng số"]).unwrap();
        assert_eq!((c.parts, c.weight), (Some((4, 3)), Some(5)));
        assert!(ignored.is_empty());
        let (c, _) = header(&["\u{feff}Value", "Year", "indicator"]).unwrap();
        assert_eq!((c.indicator, c.year, c.value), (2, 1, 0));
    }

    #[test]
    fn missing_and_repeated_columns_are_problems() {
        let d = header(&["indicator", "value"]).unwrap_err();
        assert_eq!((d.rule().id(), d.column), ("missing-column", Some(1)));
        let d = header(&["indicator", "year", "value", "giá trị"]).unwrap_err();
        assert_eq!((d.rule().id(), d.column), ("duplicate-column", Some(4)));
        // a numerator is nothing without its denominator
        let d = header(&["indicator", "year", "value", "numerator"]).unwrap_err();
        assert_eq!((d.rule().id(), d.column), ("missing-column", Some(4)));
    }
}
