//! The `Names` interner of a store: area and member names to small
//! ids, in order of first sight.

use rustc_hash::FxHashMap;

use super::NONE;

/// Names interned to small ids, in order of first sight.
#[derive(Debug, Default)]
pub(super) struct Names {
    pub(super) ids: FxHashMap<Box<str>, u32>,
    pub(super) names: Vec<Box<str>>,
}

impl Names {
    pub(super) fn intern(&mut self, key: &str, display: &str) -> Option<u32> {
        if let Some(&id) = self.ids.get(key) {
            return Some(id);
        }
        let id = u32::try_from(self.names.len()).ok().filter(|&i| i < NONE)?;
        self.ids.insert(key.into(), id);
        self.names.push(display.into());
        Some(id)
    }
}
