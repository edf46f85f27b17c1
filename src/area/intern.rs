//! Interning: each distinct string gets a small integer id once, so the
//! per-row work compares and hashes integers.

use super::hash::FxMap;

/// Strings and their ids (0, 1, 2, ... in order of first sight).
#[derive(Debug, Default)]
pub struct Interner {
    ids: FxMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    /// The id of `s`, adding it when new; `None` once `u32::MAX` strings exist.
    pub fn intern(&mut self, s: &str) -> Option<u32> {
        if let Some(&id) = self.ids.get(s) {
            return Some(id);
        }
        let id = u32::try_from(self.names.len()).ok()?;
        self.ids.insert(s.into(), id);
        self.names.push(s.into());
        Some(id)
    }

    /// The id of `s`, if interned.
    pub fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    /// The string with this id.
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |s| s)
    }

    /// How many strings are interned.
    pub fn len(&self) -> usize {
        self.names.len()
    }
}
