//! [`Store::absorb`]: a later store (the second half of a file read on
//! another thread) linked into this one without copying a figure.

use super::{AreaId, CHUNK, Conflict, EMPTY, Meta, NONE, Store};

impl Store {
    /// Adds every figure of `later`, the store of rows read after this
    /// store's (the second half of file `file`, whose lines there count from
    /// 1 after `line_shift` lines). Refused, and this store unchanged but
    /// for names, when a key and year are in both: one pass over the file
    /// must then say where the duplicate was first given.
    ///
    /// No figure is copied: `later`'s arena chunks are appended after a
    /// chunk boundary and its lists linked in.
    pub fn absorb(&mut self, later: Store, file: u16, line_shift: u32) -> Result<(), Conflict> {
        let members: Vec<u32> = (0..later.members.names.len())
            .map(|m| {
                let name = later.members.names.get(m).map_or("", |n| n);
                self.member(name).ok_or(Conflict)
            })
            .collect::<Result<_, _>>()?;
        let code = |c: u32| match c {
            0 => Some(0),
            c => members.get(c as usize - 1).map(|m| m + 1),
        };
        // the columns of `later` in this store's numbering
        let mut columns = Vec::with_capacity(later.column_keys.len());
        for &(indicator, c) in &later.column_keys {
            columns.push(self.column(indicator, code(c).ok_or(Conflict)?));
        }
        self.last_column = None;
        let areas: Vec<Option<AreaId>> = (0..later.blocks.len())
            .map(|a| match later.area_key(a as AreaId) {
                Some(k) => self.areas.ids.get(k).copied(),
                None => self.implicit,
            })
            .collect();
        // first every shared key, for a year given in both
        for (block, area) in later.blocks.iter().zip(&areas) {
            let Some(mine) = area.and_then(|a| self.blocks.get(a as usize)) else {
                continue;
            };
            for (slot, &col) in block.iter().zip(&columns) {
                let Some(own) = mine.get(col as usize) else {
                    continue;
                };
                if slot.head == NONE || own.head == NONE {
                    continue;
                }
                if own.seen & slot.seen != 0 {
                    return Err(Conflict);
                }
                let mut i = slot.head;
                while let Some(m) = later.meta(i) {
                    if self.find(own.head, i32::from(m.year)).is_some() {
                        return Err(Conflict);
                    }
                    i = m.next;
                }
            }
        }
        // then the figures: `later`'s chunks after this store's last one
        let base = (self.values.len() * CHUNK) as u32;
        let shift = |i: u32| if i == NONE { NONE } else { i + base };
        let Store {
            values,
            mut meta,
            blocks,
            len,
            max_year,
            implicit,
            areas: names,
            ..
        } = later;
        for chunk in &mut meta {
            for m in chunk.iter_mut() {
                m.next = shift(m.next);
                if m.file() == file {
                    m.line = m.line.saturating_add(line_shift);
                }
            }
        }
        self.values.extend(values);
        self.meta.extend(meta);
        self.len = base + len;
        let width = self.column_keys.len();
        for (a, block) in blocks.into_iter().enumerate() {
            let id = match areas.get(a).copied().flatten() {
                Some(id) => id,
                None if implicit == Some(a as AreaId) => self.implicit_area().ok_or(Conflict)?,
                None => {
                    let name = names.names.get(a).map_or("", |n| n);
                    self.area(name).ok_or(Conflict)?
                }
            };
            for (slot, &col) in block.iter().zip(&columns) {
                if slot.head == NONE {
                    continue;
                }
                let Some(mine) = self.blocks.get_mut(id as usize) else {
                    return Err(Conflict);
                };
                if mine.len() < width {
                    mine.resize(width, EMPTY);
                }
                let head = shift(slot.head);
                let Some(own) = mine.get_mut(col as usize) else {
                    continue;
                };
                let old = own.head;
                own.head = head;
                own.seen |= slot.seen;
                if old != NONE {
                    // link the later list's tail to this store's list
                    let mut tail = head;
                    while let Some(next) = self.meta(tail).map(|m| m.next).filter(|&n| n != NONE) {
                        tail = next;
                    }
                    if let Some(m) = self.meta_mut(tail) {
                        m.next = old;
                    }
                }
            }
        }
        self.max_year = match (self.max_year, max_year) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        Ok(())
    }

    /// The interning key of an area (the implicit area's is not a name).
    fn area_key(&self, id: AreaId) -> Option<&str> {
        if self.implicit == Some(id) {
            return None;
        }
        self.areas.names.get(id as usize).map(|n| &**n)
    }

    fn meta_mut(&mut self, i: u32) -> Option<&mut Meta> {
        let i = i as usize;
        self.meta.get_mut(i / CHUNK)?.get_mut(i % CHUNK)
    }
}
