//! Reading an areas file (the model is `hierarchy`): CSV (any delimiter the data reader detects, UTF-8
//! or UTF-16 with a byte-order mark) through the same record reader as
//! data files, so its lines, columns and quoting problems are named the
//! same way. Every problem is collected before the load fails.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use anyhow::Result;
use encoding_rs::Encoding;
use rustc_hash::FxHashMap;

use super::csv::{CsvReader, Event};
use super::decode;
use super::header::fold;
use super::record::Record;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::hierarchy::{Date, Hierarchy, Unit, UnitId};
use crate::msg::{AreasWrong, Failure, Problem, Reason};
use crate::names::nfc;

/// The columns of an areas file: English name, Vietnamese name without
/// accents.
const COLUMNS: [(&str, &str); 6] = [
    ("code", "ma"),
    ("name", "ten"),
    ("parent", "cap tren"),
    ("level", "cap"),
    ("valid_from", "tu ngay"),
    ("valid_to", "den ngay"),
];

/// Reads and checks an areas file. A file that cannot be read fails with
/// a [`Failure`]; a file with problems with [`Diagnostics`].
pub fn load(path: &Path, encoding: Option<&'static Encoding>) -> Result<Hierarchy> {
    let name = path.display().to_string();
    let cannot = |reason: Reason| Failure::CannotReadAreas {
        path: name.clone(),
        reason,
    };
    if path.is_dir() {
        return Err(cannot(Reason::IsDirectory).into());
    }
    let bytes = std::fs::read(path).map_err(|e| cannot(Reason::from(e)))?;
    parse(&bytes, &name, encoding)
}

/// Reads and checks areas-file bytes; `file` names it in messages;
/// `encoding` is for a file without a byte-order mark (UTF-8 if `None`),
/// as `--encoding` gives it for data files.
pub fn parse(bytes: &[u8], file: &str, encoding: Option<&'static Encoding>) -> Result<Hierarchy> {
    let file: Arc<str> = Arc::from(file);
    let sniffed = decode::sniff(bytes, encoding);
    let body = bytes.get(sniffed.bom..).unwrap_or_default();
    let text: Box<dyn Read + '_> = match sniffed.encoding {
        Some(e) => Box::new(decode::Transcoder::new(body, e)),
        None => Box::new(body),
    };
    let mut csv = CsvReader::new(text, None, Arc::clone(&file));
    let mut reading = Reading::new(Arc::clone(&file));
    while let Some(event) = csv.next_event() {
        match event {
            Event::Record(record, None) => reading.record(&record),
            Event::Record(_, Some(d)) | Event::Lost(d) => reading.problems.push(*d),
            Event::Stop(d) => {
                reading.problems.push(*d);
                break;
            }
            Event::Io(e) => {
                return Err(Failure::CannotReadAreas {
                    path: file.to_string(),
                    reason: Reason::from(e),
                }
                .into());
            }
        }
    }
    reading.finish()
}

/// Where each column is.
struct Columns {
    /// Per role of [`COLUMNS`]: the field index.
    at: [Option<usize>; 6],
}

impl Columns {
    fn text<'a>(&self, record: &Record<'a>, role: usize) -> &'a str {
        match self.at.get(role).copied().flatten() {
            Some(i) => record.text(i),
            None => "",
        }
    }

    fn place(&self, record: &Record, role: usize) -> (u64, u64) {
        record.place(self.at.get(role).copied().flatten().unwrap_or(0))
    }
}

const CODE: usize = 0;
const NAME: usize = 1;
const PARENT: usize = 2;
const LEVEL: usize = 3;
const FROM: usize = 4;
const TO: usize = 5;

struct Reading {
    file: Arc<str>,
    columns: Option<Columns>,
    units: Vec<Unit>,
    /// Per unit: the line of its code, and its parent's code and place.
    lines: Vec<u64>,
    parents: Vec<Option<(String, u64, u64)>>,
    by_code: FxHashMap<String, UnitId>,
    levels: Vec<String>,
    problems: Vec<Diagnostic>,
    /// The header was unusable: the rest is not read.
    broken: bool,
}

impl Reading {
    fn new(file: Arc<str>) -> Self {
        Reading {
            file,
            columns: None,
            units: Vec::new(),
            lines: Vec::new(),
            parents: Vec::new(),
            by_code: FxHashMap::default(),
            levels: Vec::new(),
            problems: Vec::new(),
            broken: false,
        }
    }

    fn wrong(&mut self, (line, column): (u64, u64), what: AreasWrong, value: &str) {
        let d = Diagnostic::at(&self.file, line, column, Problem::AreasLine { what })
            .with_value(value.to_string());
        self.problems.push(d);
    }

    fn record(&mut self, record: &Record) {
        if self.broken || record.is_blank() {
            return;
        }
        let Some(columns) = &self.columns else {
            return self.header(record);
        };
        let code = nfc(columns.text(record, CODE)).into_owned();
        let code_at = columns.place(record, CODE);
        if code.is_empty() {
            return self.wrong(code_at, AreasWrong::EmptyCode, "");
        }
        let name = columns.text(record, NAME).to_string();
        let parent = columns.text(record, PARENT);
        let parent = (!parent.is_empty()).then(|| {
            let (line, col) = columns.place(record, PARENT);
            (nfc(parent).into_owned(), line, col)
        });
        let level = columns.text(record, LEVEL);
        let dates =
            [FROM, TO].map(|role| (columns.text(record, role), columns.place(record, role)));
        let level = (!level.is_empty()).then(|| self.level(level));
        let [from, to] = dates.map(|(raw, at)| match raw {
            "" => None,
            raw => {
                let date = Date::parse(raw);
                if date.is_none() {
                    let what = AreasWrong::BadDate {
                        raw: raw.to_string(),
                    };
                    self.wrong(at, what, raw);
                }
                date
            }
        });
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            let what = AreasWrong::EndsBeforeStart {
                from: f.to_string(),
                to: t.to_string(),
            };
            let (raw, at) = dates[1];
            self.wrong(at, what, raw);
        }
        if let Some(&first) = self.by_code.get(&code) {
            let first = self.lines.get(first as usize).copied().unwrap_or(0);
            let what = AreasWrong::DuplicateCode {
                code: code.clone(),
                first,
            };
            return self.wrong(code_at, what, &code);
        }
        let id = self.units.len() as UnitId;
        self.by_code.insert(code.clone(), id);
        self.lines.push(code_at.0);
        self.parents.push(parent);
        self.units.push(Unit {
            code,
            name,
            parent: None,
            level,
            from,
            to,
        });
    }

    fn level(&mut self, name: &str) -> u16 {
        let i = match self.levels.iter().position(|l| l == name) {
            Some(i) => i,
            None => {
                self.levels.push(name.to_string());
                self.levels.len() - 1
            }
        };
        u16::try_from(i).unwrap_or(u16::MAX)
    }

    fn header(&mut self, record: &Record) {
        let names: Vec<String> = (0..record.len())
            .map(|i| {
                record
                    .text(i)
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .to_lowercase()
            })
            .collect();
        let mut at = [None; 6];
        for (role, (en, vi)) in COLUMNS.iter().enumerate() {
            at[role] = names
                .iter()
                .position(|n| n == en || fold(n) == *vi || fold(n) == en.replace('_', " "));
        }
        let missing: Vec<&'static str> = [CODE, NAME, PARENT]
            .into_iter()
            .filter(|&r| at[r].is_none())
            .filter_map(|r| COLUMNS.get(r).map(|c| c.0))
            .collect();
        if !missing.is_empty() {
            self.broken = true;
            let value = names.join(", ");
            return self.wrong(
                record.place(0),
                AreasWrong::MissingColumns { missing },
                &value,
            );
        }
        self.columns = Some(Columns { at });
    }

    fn finish(mut self) -> Result<Hierarchy> {
        if self.columns.is_some() && self.units.is_empty() && self.problems.is_empty() {
            self.problems.push(Diagnostic::file(
                &self.file,
                Problem::AreasLine {
                    what: AreasWrong::NoUnits,
                },
            ));
        }
        if self.columns.is_none() && self.problems.is_empty() {
            self.problems.push(Diagnostic::file(
                &self.file,
                Problem::AreasLine {
                    what: AreasWrong::Empty,
                },
            ));
        }
        let parents = std::mem::take(&mut self.parents);
        for (id, parent) in parents.into_iter().enumerate() {
            let Some((code, line, col)) = parent else {
                continue;
            };
            match self.by_code.get(&code).copied() {
                Some(p) => {
                    if let Some(u) = self.units.get_mut(id) {
                        u.parent = Some(p);
                    }
                }
                None => {
                    let what = AreasWrong::UnknownParent {
                        parent: code.clone(),
                    };
                    self.wrong((line, col), what, &code);
                }
            }
        }
        self.cycles();
        if !self.problems.is_empty() {
            return Err(Diagnostics(self.problems).into());
        }
        Ok(Hierarchy::new(self.file, self.units, self.levels))
    }

    /// Every unit on a cycle of parents, once per cycle, at its code.
    fn cycles(&mut self) {
        // 0: not seen, 1: on the path being walked, 2: done
        let mut state = vec![0u8; self.units.len()];
        for start in 0..self.units.len() {
            let mut path = Vec::new();
            let mut at = Some(start);
            while let Some(u) = at {
                match state.get(u).copied() {
                    Some(0) => {
                        state[u] = 1;
                        path.push(u);
                        at = self.units.get(u).and_then(|x| x.parent).map(|p| p as usize);
                    }
                    Some(1) => {
                        let code = self
                            .units
                            .get(u)
                            .map(|x| x.code.clone())
                            .unwrap_or_default();
                        let line = self.lines.get(u).copied().unwrap_or(0);
                        self.wrong((line, 1), AreasWrong::Cycle { code: code.clone() }, &code);
                        // break the cycle so that walks end
                        if let Some(x) = self.units.get_mut(u) {
                            x.parent = None;
                        }
                        break;
                    }
                    _ => break,
                }
            }
            for u in path {
                state[u] = 2;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Hierarchy, Vec<String>> {
        parse(text.as_bytes(), "a.csv", None).map_err(|e| {
            e.downcast_ref::<Diagnostics>()
                .map(|d| d.0.iter().map(ToString::to_string).collect())
                .unwrap_or_else(|| vec![format!("{e:#}")])
        })
    }

    const AREAS: &str = "code,name,parent,level,valid_from,valid_to\n\
                         VN,Việt Nam,,country,,\n\
                         68,Lâm Đồng,VN,province,,\n\
                         60,Bình Thuận,68,province,,2025-06-30\n\
                         BT-001,Xã mẫu 1,60,commune,2025-07-01,\n";

    #[test]
    fn units_parents_levels_and_dates_are_read() {
        let h = read(AREAS).expect("reads");
        assert_eq!(h.units.len(), 4);
        let bt = h.find("60").expect("60");
        let commune = h.find(" BT-001 ").expect("trimmed");
        let walk: Vec<String> = h
            .walk(commune)
            .map(|u| h.units[u as usize].code.clone())
            .collect();
        assert_eq!(walk, ["BT-001", "60", "68", "VN"]);
        assert_eq!(h.levels, ["country", "province", "commune"]);
        assert_eq!(h.level("Province"), Some(1));
        let unit = &h.units[bt as usize];
        assert!(unit.in_force(2024) && !unit.in_force(2025));
        assert_eq!(h.label(bt), "60 Bình Thuận");
    }

    #[test]
    fn vietnamese_headers_and_no_optional_columns() {
        let h = read("Mã;Tên;Cấp trên\nVN;Việt Nam;\n01;Hà Nội;VN\n").expect("reads");
        assert_eq!(h.units[1].parent, Some(0));
        assert_eq!(h.units[1].level, None);
    }

    #[test]
    fn every_problem_is_named_with_its_line_and_column() {
        let text = "code,name,parent,level,valid_from,valid_to\n\
                    VN,Việt Nam,,country,,\n\
                    01,Hà Nội,XX,province,,\n\
                    01,Hà Nội,VN,province,,\n\
                    ,nameless,VN,province,,\n\
                    02,Hà Giang,VN,province,2025-07-01,2025-06-30\n\
                    03,x,VN,province,2025-02-30,\n\
                    A,a,B,,,\n\
                    B,b,A,,,\n";
        let problems = read(text).expect_err("problems");
        assert_eq!(
            problems,
            [
                "a.csv:4:1: code \"01\" is given again (first on line 3)",
                "a.csv:5:1: the line has no code",
                "a.csv:6:6: valid_to 2025-06-30 is before valid_from 2025-07-01",
                "a.csv:7:5: \"2025-02-30\" is not a date; expected YYYY-MM-DD",
                "a.csv:3:3: parent \"XX\" is no code of the areas file",
                "a.csv:8:1: \"A\" is among its own parents",
            ]
        );
    }

    #[test]
    fn a_header_without_code_name_parent_is_one_problem() {
        let problems = read("id,name\nVN,Việt Nam\n").expect_err("problems");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].contains("has no column code, parent"),
            "{problems:?}"
        );
        assert_eq!(read("").expect_err("empty").len(), 1);
        let none = read("code,name,parent\n").expect_err("no units");
        assert!(
            none[0].ends_with("the areas file lists no area"),
            "{none:?}"
        );
    }
}
