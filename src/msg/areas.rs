//! Messages about an areas file (`--areas`): what is wrong with one of its
//! lines.

use super::shown;
use crate::lang::Lang;
use crate::say;

/// What is wrong with a line of an areas file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreasWrong {
    /// The header lacks required columns.
    MissingColumns { missing: Vec<&'static str> },
    /// A line without a code.
    EmptyCode,
    /// A code given before, on that line.
    DuplicateCode { code: String, first: u64 },
    /// A parent that is no code of the file.
    UnknownParent { parent: String },
    /// A unit that is its own ancestor.
    Cycle { code: String },
    /// A date that is not `YYYY-MM-DD`.
    BadDate { raw: String },
    /// `valid_to` before `valid_from`.
    EndsBeforeStart { from: String, to: String },
    /// A file with a header and no unit.
    NoUnits,
    /// A file with nothing in it, not even a header.
    Empty,
}

impl AreasWrong {
    /// What was expected, in English (for JSON).
    pub fn expected(&self) -> &'static str {
        use AreasWrong::*;
        match self {
            MissingColumns { .. } => "columns code, name, parent",
            EmptyCode => "a code",
            DuplicateCode { .. } => "each code once",
            UnknownParent { .. } => "a parent that is a code of the file, or none",
            Cycle { .. } => "parents that lead up to a unit without a parent",
            BadDate { .. } => "a date YYYY-MM-DD, or nothing",
            EndsBeforeStart { .. } => "valid_to on or after valid_from",
            NoUnits => "one line per area",
            Empty => "a header row: code, name, parent[, level, valid_from, valid_to]",
        }
    }

    /// The message in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        use AreasWrong::*;
        let v = |raw: &str| shown(raw, lang);
        match self {
            MissingColumns { missing } => say!(lang,
                en: format!("the areas file has no column {}; its header must name code, name, parent \
                             (and may name level, valid_from, valid_to)", missing.join(", ")),
                vi: format!("tệp địa bàn thiếu cột {}; dòng tiêu đề cần có code, name, parent \
                             (có thể thêm level, valid_from, valid_to)", missing.join(", ")),
            ),
            EmptyCode => say!(lang,
                en: "the line has no code".into(),
                vi: "dòng không có mã (code)".into(),
            ),
            DuplicateCode { code, first } => say!(lang,
                en: format!("code {} is given again (first on line {first})", v(code)),
                vi: format!("mã {} bị lặp lại (lần đầu ở dòng {first})", v(code)),
            ),
            UnknownParent { parent } => say!(lang,
                en: format!("parent {} is no code of the areas file", v(parent)),
                vi: format!("đơn vị cấp trên {} không phải là mã nào trong tệp địa bàn", v(parent)),
            ),
            Cycle { code } => say!(lang,
                en: format!("{} is among its own parents", v(code)),
                vi: format!("{} nằm trong chính các cấp trên của nó", v(code)),
            ),
            BadDate { raw } => say!(lang,
                en: format!("{} is not a date; expected YYYY-MM-DD", v(raw)),
                vi: format!("{} không phải là ngày; cần dạng YYYY-MM-DD", v(raw)),
            ),
            EndsBeforeStart { from, to } => say!(lang,
                en: format!("valid_to {to} is before valid_from {from}"),
                vi: format!("valid_to {to} trước valid_from {from}"),
            ),
            NoUnits => say!(lang,
                en: "the areas file lists no area".into(),
                vi: "tệp địa bàn không có địa bàn nào".into(),
            ),
            Empty => say!(lang,
                en: "the areas file is empty; expected a header row with the columns code, name, parent (and level, valid_from, valid_to if wanted)".into(),
                vi: "tệp địa bàn trống; cần một dòng tiêu đề với các cột code, name, parent (và level, valid_from, valid_to nếu cần)".into(),
            ),
        }
    }
}
