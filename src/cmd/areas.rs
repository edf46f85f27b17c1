//! Which areas a command is about: the one area of the data, the one
//! `--area` names, or (with `--by area`) every area or those named. Data
//! for several areas without `--area` or `--by area` stops the run rather
//! than being mixed.

use anyhow::Result;

use super::data::Data;
use crate::msg::Failure;
use crate::names::nfc;
use crate::store::AreaId;

/// How many area names an error lists.
const NAMED: usize = 3;

/// Files with and without an `area` column cannot be read together: the
/// rows of the latter belong to no area.
fn same_area_columns(data: &Data) -> Result<()> {
    let files = &data.outcome.files;
    let with = files.iter().find(|f| f.has_area == Some(true));
    let without = files.iter().find(|f| f.has_area == Some(false));
    if let (Some(with), Some(without)) = (with, without) {
        return Err(Failure::MixedAreaColumns {
            with: with.name.to_string(),
            without: without.name.to_string(),
        }
        .into());
    }
    Ok(())
}

/// Every area's name, in order of first sight.
fn names(data: &Data) -> Vec<String> {
    (0..data.store.area_count() as AreaId)
        .map(|a| data.store.area_name(a).to_string())
        .collect()
}

/// The area of a single-area command: the one `--area` names, else the
/// data's only area; `None` when the data has no row at all.
pub(super) fn one(data: &Data, wanted: &[String]) -> Result<Option<AreaId>> {
    same_area_columns(data)?;
    let store = &data.store;
    match wanted {
        [] => match store.area_count() {
            0 => Ok(None),
            1 => Ok(Some(0)),
            n => Err(Failure::SeveralAreas {
                n,
                some: names(data).into_iter().take(NAMED).collect(),
            }
            .into()),
        },
        [code] => find(data, code).map(Some),
        _ => Err(Failure::OneAreaOnly.into()),
    }
}

/// The areas `--area` names under `--by area` (empty: every area).
pub(super) fn named(data: &Data, wanted: &[String]) -> Result<Vec<AreaId>> {
    same_area_columns(data)?;
    wanted.iter().map(|code| find(data, code)).collect()
}

/// The area named `code` (trimmed, NFC), or why there is none.
fn find(data: &Data, code: &str) -> Result<AreaId> {
    let code = nfc(code.trim()).into_owned();
    let has_column = data.outcome.files.iter().any(|f| f.has_area == Some(true));
    if !has_column && data.store.area_count() > 0 {
        return Err(Failure::NoAreaColumn { code }.into());
    }
    data.store
        .find_area(&code)
        .filter(|&a| !data.store.is_implicit(a))
        .ok_or_else(|| {
            Failure::NoSuchArea {
                code,
                known: names(data),
            }
            .into()
        })
}
