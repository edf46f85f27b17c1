//! Example data for the roll-up (the figures of a parent area computed from
//! its descendants' rows): areas files and data files with numerators,
//! denominators and weights. Every figure is illustrative, made up; the
//! areas are real (the 63 -> 34 provinces of 1 July 2025) except the
//! communes, which are invented (`Xã mẫu 1`, ...).
//!
//! ```text
//! cargo run --release --example gen_rollup                  # rewrites the example files in examples/
//! cargo run --release --example gen_rollup -- --dir DIR     # the same files, into DIR
//! cargo run --release --example gen_rollup -- --bench 10600 --areas-out areas.csv [--out data.csv]
//!     [--years 5] [--targets FILE] [--sectors 10] [--seed 749]
//! ```
//!
//! Without `--bench` it writes five files into `--dir` (default: this
//! crate's `examples/`), then reads the areas files back and checks them
//! (unique codes, parents known, every chain ends at the root, the number
//! of units in force at given dates) and that every data row's unit is in
//! force in the row's year; a failed check exits 2.
//! - `areas-2025.csv`: `VN` and the 63 provinces. The 34 units of 1 July
//!   2025 keep the code of the predecessor whose name they kept; the 29
//!   absorbed ones end on 2025-06-30 and name that unit as their parent.
//! - `national-2021-2025.csv`: every indicator of `national-749.toml` but
//!   the international ranks, for the 63 provinces in 2021-2024 and the 34
//!   in 2025 (for a merged province, the figures of the merged territory).
//! - `areas-binh-thuan.csv` and `binh-thuan-communes.csv`: against the
//!   built-in targets, 2022-2024 rows of Bình Thuận (60) and 2025 rows of
//!   25 invented communes lying in its former territory.
//!
//! With `--bench N` it writes instead a national commune file: `N` communes
//! `C00001`, ... spread evenly over the 34 provinces, in force throughout,
//! every indicator of `--targets` (default: the built-in resolution) for
//! the `--years` years before 2025 (default 5), as gen_actuals does (one
//! row per member, about 1 % of figures left out) plus `numerator`,
//! `denominator` (shares) and `weight` (%/year) columns. The data goes to
//! `--out` (default: standard output), the areas file to `--areas-out`
//! (required). `--sectors` (default 10) is the number of sectors of "each"
//! indicators without declared members; `--seed` (default 749) changes
//! every figure. Deterministic for a given seed.
//!
//! Shares are `value = 100 × numerator / denominator` rounded half up to
//! one decimal; %/year rows carry a `weight` (the area's GRDP of the year
//! before, in billion VND); ranks carry a value only.

use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use dtcalc::targets::{self, Resolution, Unit};

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

/// Uniform in [lo, hi), from a pair.
fn pick(rng: &mut Rng, (lo, hi): (f64, f64)) -> f64 {
    rng.range(lo, hi)
}

// --- The provinces -----------------------------------------------------------

/// The 63 provinces before 1 July 2025: GSO code, name, the code of the unit
/// that absorbed it ("" for the 11 unchanged and the 23 that continue), and
/// the population in thousands (rounded, about 2023; it only sizes the
/// illustrative denominators). From the list of the 1 July 2025 reorganisation
/// (Resolution 202/2025/QH15); a continuing unit has the name the list gives
/// the new unit (Huế, TP Hồ Chí Minh), without its "(city)" notes.
const PROVINCES: [(&str, &str, &str, u32); 63] = [
    ("01", "Hà Nội", "", 8587),
    ("02", "Hà Giang", "08", 903),
    ("04", "Cao Bằng", "", 547),
    ("06", "Bắc Kạn", "19", 326),
    ("08", "Tuyên Quang", "", 805),
    ("10", "Lào Cai", "", 770),
    ("11", "Điện Biên", "", 640),
    ("12", "Lai Châu", "", 482),
    ("14", "Sơn La", "", 1300),
    ("15", "Yên Bái", "10", 846),
    ("17", "Hòa Bình", "25", 875),
    ("19", "Thái Nguyên", "", 1337),
    ("20", "Lạng Sơn", "", 802),
    ("22", "Quảng Ninh", "", 1381),
    ("24", "Bắc Giang", "27", 1922),
    ("25", "Phú Thọ", "", 1517),
    ("26", "Vĩnh Phúc", "25", 1211),
    ("27", "Bắc Ninh", "", 1517),
    ("30", "Hải Dương", "31", 1950),
    ("31", "Hải Phòng", "", 2105),
    ("33", "Hưng Yên", "", 1300),
    ("34", "Thái Bình", "33", 1882),
    ("35", "Hà Nam", "37", 885),
    ("36", "Nam Định", "37", 1877),
    ("37", "Ninh Bình", "", 1010),
    ("38", "Thanh Hóa", "", 3760),
    ("40", "Nghệ An", "", 3440),
    ("42", "Hà Tĩnh", "", 1330),
    ("44", "Quảng Bình", "45", 920),
    ("45", "Quảng Trị", "", 650),
    ("46", "Huế", "", 1160),
    ("48", "Đà Nẵng", "", 1230),
    ("49", "Quảng Nam", "48", 1520),
    ("51", "Quảng Ngãi", "", 1250),
    ("52", "Bình Định", "64", 1490),
    ("54", "Phú Yên", "66", 880),
    ("56", "Khánh Hòa", "", 1260),
    ("58", "Ninh Thuận", "56", 600),
    ("60", "Bình Thuận", "68", 1260),
    ("62", "Kon Tum", "51", 590),
    ("64", "Gia Lai", "", 1590),
    ("66", "Đắk Lắk", "", 1920),
    ("67", "Đắk Nông", "68", 680),
    ("68", "Lâm Đồng", "", 1340),
    ("70", "Bình Phước", "75", 1030),
    ("72", "Tây Ninh", "", 1190),
    ("74", "Bình Dương", "79", 2760),
    ("75", "Đồng Nai", "", 3310),
    ("77", "Bà Rịa - Vũng Tàu", "79", 1190),
    ("79", "TP Hồ Chí Minh", "", 9460),
    ("80", "Long An", "72", 1740),
    ("82", "Tiền Giang", "87", 1790),
    ("83", "Bến Tre", "86", 1300),
    ("84", "Trà Vinh", "86", 1020),
    ("86", "Vĩnh Long", "", 1030),
    ("87", "Đồng Tháp", "", 1600),
    ("89", "An Giang", "", 1910),
    ("91", "Kiên Giang", "89", 1760),
    ("92", "Cần Thơ", "", 1260),
    ("93", "Hậu Giang", "92", 730),
    ("94", "Sóc Trăng", "92", 1200),
    ("95", "Bạc Liêu", "96", 920),
    ("96", "Cà Mau", "", 1210),
];

/// The day the 29 absorbed provinces ceased.
const CEASED: &str = "2025-06-30";
/// The day the new communes began.
const COMMUNES_FROM: &str = "2025-07-01";
const AREAS_HEADER: &str = "code,name,parent,level,valid_from,valid_to";
const DATA_HEADER: &str =
    "area,indicator,year,breakdown,value,numerator,denominator,weight,unit,source";

// --- What denominators count -------------------------------------------------

/// What a share's denominator counts; a row's denominator is the area's
/// quantity times a per-area, per-row part (a sector's share of GRDP, the
/// adults among the population, ...).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Base {
    /// People.
    Population,
    /// Households.
    Households,
    /// GRDP, billion VND.
    Grdp,
    /// Administrative procedures eligible to be offered online.
    Procedures,
    /// Databases to complete and connect.
    Databases,
    /// Periodic and statistical reporting regimes.
    Reports,
    /// Provincial Party and State agencies.
    Agencies,
    /// Work dossiers handled in a year at province level.
    DossiersProvince,
    /// The same at district level (the level ended on 1 July 2025).
    DossiersDistrict,
    /// The same at commune level.
    DossiersCommune,
    /// Communes, wards and townships.
    Communes,
    /// Enterprises, cooperatives and household businesses.
    Businesses,
    /// Schools.
    Schools,
    /// Hospitals and health centres.
    Hospitals,
    /// Inspections by state agencies in a year.
    Inspections,
    /// Data records to digitise.
    Records,
}

const BASES: usize = 16;

impl Base {
    /// A first-year quantity for an area of `pop_k` thousand people.
    fn init(self, pop_k: f64, rng: &mut Rng) -> f64 {
        match self {
            Base::Population => pop_k * 1000.0 * rng.range(0.98, 1.0),
            Base::Households => pop_k * 1000.0 / rng.range(3.3, 3.9),
            Base::Grdp => pop_k * rng.range(50.0, 140.0),
            Base::Procedures => rng.range(1500.0, 2000.0),
            Base::Databases => rng.range(8.0, 16.0),
            Base::Reports => rng.range(150.0, 250.0),
            Base::Agencies => rng.range(30.0, 45.0),
            Base::DossiersProvince => pop_k * rng.range(25.0, 60.0),
            Base::DossiersDistrict => pop_k * rng.range(70.0, 150.0),
            Base::DossiersCommune => pop_k * rng.range(120.0, 300.0),
            Base::Communes => pop_k * rng.range(0.08, 0.14),
            Base::Businesses => pop_k * 1000.0 / rng.range(12.0, 20.0),
            Base::Schools => pop_k * rng.range(0.4, 0.8),
            Base::Hospitals => pop_k * rng.range(0.015, 0.03),
            Base::Inspections => pop_k * rng.range(0.3, 0.7),
            Base::Records => pop_k * rng.range(2.0, 15.0),
        }
    }

    /// The factor from one year to the next. In 2025 the district level
    /// ended at mid-year (half a year of district dossiers) and communes
    /// were merged, about 10,035 into 3,321.
    fn growth(self, year: i32) -> (f64, f64) {
        match (self, year) {
            (Base::DossiersDistrict, 2025) => (0.45, 0.55),
            (Base::Communes, 2025) => (0.30, 0.36),
            (Base::Population, _) => (1.005, 1.012),
            (Base::Households, _) => (1.01, 1.02),
            (Base::Grdp, _) => (1.06, 1.11),
            (Base::Procedures, _) => (0.99, 1.03),
            (Base::Databases, _) => (1.0, 1.08),
            (Base::Reports | Base::Agencies, _) => (1.0, 1.03),
            (Base::DossiersProvince | Base::DossiersCommune, _) => (1.0, 1.12),
            (Base::DossiersDistrict, _) => (1.0, 1.1),
            (Base::Communes, _) => (0.98, 1.0),
            (Base::Businesses, _) => (1.02, 1.06),
            (Base::Schools, _) => (0.99, 1.01),
            (Base::Hospitals, _) => (1.0, 1.03),
            (Base::Inspections, _) => (0.95, 1.1),
            (Base::Records, _) => (1.05, 1.2),
        }
    }

    /// True for what a province has one set of (its procedures, databases,
    /// reporting regimes, agencies): a merged province has one set too,
    /// not the sum of its predecessors' sets.
    fn one_set(self) -> bool {
        matches!(
            self,
            Base::Procedures | Base::Databases | Base::Reports | Base::Agencies
        )
    }
}

// --- Rows of shares ----------------------------------------------------------

/// One row of a share per area and year: an indicator (and member), what
/// its denominator counts, and how its share starts and moves.
#[derive(Clone, Copy)]
struct Slot {
    id: &'static str,
    member: &'static str,
    base: Base,
    /// The part of the base the denominator counts (per area, uniform).
    part: (f64, f64),
    /// The share in the first year, % (per area, uniform).
    level: (f64, f64),
    /// The change of the share per year, points.
    step: (f64, f64),
    /// From this year on, this change instead (5G's launch in late 2024).
    jump: Option<(i32, f64, f64)>,
}

/// A slot whose denominator is the whole base, without a jump.
const fn slot(
    id: &'static str,
    member: &'static str,
    base: Base,
    level: (f64, f64),
    step: (f64, f64),
) -> Slot {
    Slot {
        id,
        member,
        base,
        part: (1.0, 1.0),
        level,
        step,
        jump: None,
    }
}

/// A slot whose denominator is a part of the base.
const fn part(
    id: &'static str,
    member: &'static str,
    base: Base,
    part: (f64, f64),
    level: (f64, f64),
    step: (f64, f64),
) -> Slot {
    Slot {
        id,
        member,
        base,
        part,
        level,
        step,
        jump: None,
    }
}

/// The shares of `examples/national-749.toml`.
#[rustfmt::skip]
const NATIONAL: [Slot; 14] = [
    slot("gov.online_services_level4", "", Base::Procedures, (35.0, 70.0), (4.0, 9.0)),
    slot("gov.dossiers_online.ministry_province", "", Base::DossiersProvince, (70.0, 92.0), (1.0, 4.0)),
    slot("gov.dossiers_online.district", "", Base::DossiersDistrict, (55.0, 80.0), (2.0, 5.0)),
    slot("gov.dossiers_online.commune", "", Base::DossiersCommune, (35.0, 60.0), (3.0, 7.0)),
    slot("gov.national_databases", "", Base::Databases, (20.0, 50.0), (8.0, 15.0)),
    slot("econ.digital_economy_gdp", "", Base::Grdp, (6.0, 14.0), (0.8, 2.0)),
    part("econ.digital_economy_sector", "agriculture", Base::Grdp, (0.08, 0.35), (2.0, 6.0), (0.3, 1.0)),
    part("econ.digital_economy_sector", "industry", Base::Grdp, (0.20, 0.45), (6.0, 12.0), (0.5, 1.5)),
    part("econ.digital_economy_sector", "trade", Base::Grdp, (0.08, 0.15), (8.0, 15.0), (0.8, 2.0)),
    slot("soc.fibre_households", "", Base::Households, (60.0, 85.0), (2.0, 5.0)),
    slot("soc.fibre_communes", "", Base::Communes, (80.0, 97.0), (1.0, 4.0)),
    part("soc.mobile_4g5g_smartphones", "", Base::Population, (0.74, 0.78), (65.0, 80.0), (2.0, 5.0)),
    Slot { jump: Some((2024, 10.0, 30.0)), ..slot("soc.mobile_5g", "", Base::Population, (0.0, 1.5), (0.3, 1.5)) },
    part("soc.epayment_accounts", "", Base::Population, (0.74, 0.78), (30.0, 55.0), (5.0, 10.0)),
];

/// The shares of the built-in Bình Thuận targets (`targets.toml`).
#[rustfmt::skip]
const BINH_THUAN: [Slot; 24] = [
    slot("gov.online_services", "", Base::Procedures, (55.0, 70.0), (8.0, 13.0)),
    slot("gov.dossiers_online.province", "", Base::DossiersProvince, (80.0, 88.0), (2.0, 5.0)),
    slot("gov.dossiers_online.district", "", Base::DossiersDistrict, (65.0, 75.0), (3.0, 6.0)),
    slot("gov.dossiers_online.commune", "", Base::DossiersCommune, (40.0, 50.0), (4.0, 8.0)),
    part("gov.digital_data", "agriculture", Base::Records, (0.25, 0.35), (40.0, 50.0), (5.0, 9.0)),
    part("gov.digital_data", "education", Base::Records, (0.20, 0.30), (55.0, 65.0), (5.0, 9.0)),
    part("gov.digital_data", "health", Base::Records, (0.15, 0.25), (52.0, 60.0), (5.0, 9.0)),
    part("gov.digital_data", "tourism", Base::Records, (0.05, 0.10), (45.0, 55.0), (5.0, 9.0)),
    part("gov.digital_data", "transport", Base::Records, (0.10, 0.15), (48.0, 56.0), (5.0, 9.0)),
    slot("gov.reporting_system", "", Base::Reports, (55.0, 65.0), (10.0, 20.0)),
    slot("gov.inspections_online", "", Base::Inspections, (18.0, 25.0), (8.0, 12.0)),
    slot("gov.ai_analytics", "", Base::Agencies, (0.0, 5.0), (8.0, 14.0)),
    slot("econ.digital_economy_grdp", "", Base::Grdp, (7.0, 9.0), (1.0, 2.0)),
    part("econ.digital_economy_sector", "agriculture", Base::Grdp, (0.20, 0.30), (1.5, 2.5), (0.5, 0.9)),
    part("econ.digital_economy_sector", "industry", Base::Grdp, (0.25, 0.35), (7.0, 8.0), (0.9, 1.3)),
    part("econ.digital_economy_sector", "services", Base::Grdp, (0.30, 0.40), (10.0, 12.0), (1.2, 1.9)),
    slot("econ.dt_platform_adoption", "", Base::Businesses, (38.0, 45.0), (11.0, 15.0)),
    slot("soc.fibre_coverage", "households", Base::Households, (70.0, 75.0), (5.0, 8.0)),
    slot("soc.fibre_coverage", "schools", Base::Schools, (85.0, 90.0), (3.0, 6.0)),
    slot("soc.fibre_coverage", "hospitals", Base::Hospitals, (93.0, 97.0), (2.0, 5.0)),
    slot("soc.mobile_broadband", "", Base::Population, (96.0, 98.0), (0.5, 1.5)),
    part("soc.epayment_accounts", "", Base::Population, (0.70, 0.74), (50.0, 55.0), (10.0, 16.0)),
    slot("soc.digital_identity", "", Base::Population, (28.0, 33.0), (20.0, 30.0)),
    part("soc.digital_skills", "", Base::Population, (0.76, 0.80), (35.0, 40.0), (8.0, 11.0)),
];

/// The built-in indicators a commune has no figure for: work at province
/// or district level (the district level ended on 1 July 2025), the
/// provincial reporting system and agencies, and the province's rank.
const PROVINCE_ONLY: [&str; 5] = [
    "gov.dossiers_online.province",
    "gov.dossiers_online.district",
    "gov.reporting_system",
    "gov.ai_analytics",
    "overall.dt_rank",
];

/// Commune figures left out, so that a roll-up's coverage is below 100 %.
const MISSING: [(&str, &str); 2] = [
    ("BT-007", "soc.digital_identity"),
    ("BT-019", "econ.dt_platform_adoption"),
];

/// Wards and communes of the Bình Thuận example.
const WARDS: usize = 5;
const COMMUNES: usize = 20;

/// The slots of each indicator of `res`, in its order; every share of `res`
/// must have slots (one per declared member), and nothing else may.
fn slots_of(res: &Resolution, slots: &[Slot]) -> Result<Vec<Vec<usize>>, String> {
    let mut all = Vec::new();
    for ind in &res.indicators {
        let mine: Vec<usize> = (0..slots.len())
            .filter(|&s| slots[s].id == ind.id)
            .collect();
        let members: Vec<&str> = mine.iter().map(|&s| slots[s].member).collect();
        let ok = match ind.unit {
            Unit::Percent if !ind.members.is_empty() => members == ind.members,
            Unit::Percent if ind.each.is_some() => !mine.is_empty() && !members.contains(&""),
            Unit::Percent => members == [""],
            Unit::PercentPerYear | Unit::Rank => mine.is_empty(),
            Unit::Number => false,
        };
        if !ok {
            return Err(format!(
                "{}: no rows defined for it here, or the wrong ones",
                ind.id
            ));
        }
        all.push(mine);
    }
    for s in slots {
        if !res.indicators.iter().any(|i| i.id == s.id) {
            return Err(format!("{}: not an indicator of {}", s.id, res.meta.id));
        }
    }
    Ok(all)
}

// --- An area's figures, year by year -----------------------------------------

/// An area in one year: its quantities, the part and share of every slot,
/// its labour productivity growth and that growth's weight.
#[derive(Clone)]
struct Area {
    base: [f64; BASES],
    parts: Vec<f64>,
    shares: Vec<f64>,
    /// Labour productivity growth, tenths of %/year.
    growth: i64,
    /// Its weight: GRDP of the year before, billion VND.
    weight: u64,
}

fn step(slot: &Slot, year: i32, rng: &mut Rng) -> f64 {
    match slot.jump {
        Some((from, lo, hi)) if year >= from => rng.range(lo, hi),
        _ => pick(rng, slot.step),
    }
}

impl Area {
    /// The first year of an area of `pop_k` thousand people.
    fn new(pop_k: f64, slots: &[Slot], rng: &mut Rng) -> Area {
        let mut base = [0.0; BASES];
        for (i, b) in ALL_BASES.iter().enumerate() {
            base[i] = b.init(pop_k, rng);
        }
        let weight = (base[Base::Grdp as usize] / rng.range(1.02, 1.06)).round() as u64;
        Area {
            base,
            parts: slots.iter().map(|s| pick(rng, s.part)).collect(),
            shares: slots.iter().map(|s| pick(rng, s.level)).collect(),
            growth: rng.range(35.0, 80.0).round() as i64,
            weight,
        }
    }

    /// Slot `i`'s denominator: a whole number, at least 1.
    fn den(&self, slots: &[Slot], i: usize) -> u64 {
        (self.base[slots[i].base as usize] * self.parts[i])
            .round()
            .max(1.0) as u64
    }

    /// Slot `i`'s numerator: the share of the denominator, at most all of it.
    fn num(&self, slots: &[Slot], i: usize) -> u64 {
        let d = self.den(slots, i);
        ((self.shares[i] / 100.0 * d as f64).round().max(0.0) as u64).min(d)
    }

    /// The same area a year later.
    fn next_year(&mut self, year: i32, slots: &[Slot], rng: &mut Rng) {
        self.weight = self.den_of(Base::Grdp);
        for (i, b) in ALL_BASES.iter().enumerate() {
            self.base[i] *= pick(rng, b.growth(year));
        }
        for (i, s) in slots.iter().enumerate() {
            self.shares[i] = (self.shares[i] + step(s, year, rng)).clamp(0.0, 100.0);
        }
        self.growth = (self.growth + rng.range(-12.0, 12.0).round() as i64).clamp(-30, 120);
    }

    fn den_of(&self, b: Base) -> u64 {
        self.base[b as usize].round().max(1.0) as u64
    }

    /// The area that merges `parts` (their figures of the year before
    /// `year`), in `year`: quantities summed (one set kept for what a
    /// province has one of), shares from the summed numerators and
    /// denominators, growth weighted by the parts' weights.
    fn merged(parts: &[&Area], year: i32, slots: &[Slot], rng: &mut Rng) -> Area {
        let mut base = [0.0; BASES];
        for (i, b) in ALL_BASES.iter().enumerate() {
            let q = parts.iter().map(|p| p.base[i]);
            base[i] = if b.one_set() {
                q.fold(0.0, f64::max)
            } else {
                q.sum()
            };
            base[i] *= pick(rng, b.growth(year));
        }
        let mut area = Area {
            base,
            parts: Vec::with_capacity(slots.len()),
            shares: Vec::with_capacity(slots.len()),
            growth: 0,
            weight: parts.iter().map(|p| p.den_of(Base::Grdp)).sum(),
        };
        for (i, s) in slots.iter().enumerate() {
            let b = s.base as usize;
            let whole: f64 = parts.iter().map(|p| p.base[b]).sum();
            area.parts
                .push(parts.iter().map(|p| p.base[b] * p.parts[i]).sum::<f64>() / whole);
            let num: u64 = parts.iter().map(|p| p.num(slots, i)).sum();
            let den: u64 = parts.iter().map(|p| p.den(slots, i)).sum();
            let share = 100.0 * num as f64 / den as f64 + step(s, year, rng);
            area.shares.push(share.clamp(0.0, 100.0));
        }
        let w: u64 = parts.iter().map(|p| p.weight).sum();
        let g: f64 = parts
            .iter()
            .map(|p| p.growth as f64 * p.weight as f64)
            .sum::<f64>()
            / w as f64;
        area.growth = (g + rng.range(-8.0, 8.0)).round() as i64;
        area
    }

    /// A commune holding the fraction `w` of this province (its figures of
    /// the year before `year`), in `year`.
    fn commune(&self, w: f64, year: i32, slots: &[Slot], rng: &mut Rng) -> Area {
        let mut base = [0.0; BASES];
        for (i, b) in ALL_BASES.iter().enumerate() {
            let q = if b.one_set() {
                self.base[i] * rng.range(0.17, 0.25)
            } else {
                self.base[i] * w * rng.range(0.85, 1.15)
            };
            base[i] = q * pick(rng, b.growth(year));
        }
        Area {
            base,
            parts: self.parts.iter().map(|p| p * rng.range(0.8, 1.2)).collect(),
            shares: (slots.iter().zip(&self.shares))
                .map(|(s, v)| (v + step(s, year, rng) + rng.range(-6.0, 6.0)).clamp(0.0, 100.0))
                .collect(),
            growth: self.growth + rng.range(-15.0, 15.0).round() as i64,
            weight: (self.base[Base::Grdp as usize] * w).round().max(1.0) as u64,
        }
    }
}

const ALL_BASES: [Base; BASES] = [
    Base::Population,
    Base::Households,
    Base::Grdp,
    Base::Procedures,
    Base::Databases,
    Base::Reports,
    Base::Agencies,
    Base::DossiersProvince,
    Base::DossiersDistrict,
    Base::DossiersCommune,
    Base::Communes,
    Base::Businesses,
    Base::Schools,
    Base::Hospitals,
    Base::Inspections,
    Base::Records,
];

// --- Writing ----------------------------------------------------------------

/// Tenths as a decimal with one digit: 875 -> "87.5", -3 -> "-0.3".
fn tenths(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    format!("{sign}{}.{}", t.unsigned_abs() / 10, t.unsigned_abs() % 10)
}

/// 100 × num / den rounded half up to one decimal, in tenths, exactly.
fn share_tenths(num: u64, den: u64) -> i64 {
    ((2000 * num as u128 + den as u128) / (2 * den as u128)) as i64
}

/// A CSV field, quoted when it must be.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// What the rows of one area and year hold besides the shares.
struct Extra<'a> {
    /// The rank (written for rank indicators), if the area has one.
    rank: Option<u32>,
    /// Indicators left out.
    skip: &'a [&'a str],
}

/// A resolution with the slots of each of its indicators.
struct Layout<'a> {
    res: &'a Resolution,
    slots: &'a [Slot],
    /// Per indicator of `res`, its slots (see [`slots_of`]).
    of: Vec<Vec<usize>>,
}

/// The rows of one area in one year, every indicator in order.
fn write_rows(
    w: &mut impl Write,
    layout: &Layout,
    (code, year): (&str, i32),
    area: &Area,
    extra: &Extra,
) -> std::io::Result<usize> {
    let (res, slots) = (layout.res, layout.slots);
    let mut rows = 0;
    for (ind, mine) in res.indicators.iter().zip(&layout.of) {
        if extra.skip.contains(&ind.id.as_str()) {
            continue;
        }
        let unit = ind.unit.symbol();
        match ind.unit {
            Unit::Percent => {
                for &i in mine {
                    let (n, d) = (area.num(slots, i), area.den(slots, i));
                    let v = tenths(share_tenths(n, d));
                    let m = slots[i].member;
                    writeln!(
                        w,
                        "{code},{},{year},{m},{v},{n},{d},,{unit},illustrative",
                        ind.id
                    )?;
                    rows += 1;
                }
            }
            Unit::PercentPerYear => {
                let (v, wt) = (tenths(area.growth), area.weight);
                writeln!(
                    w,
                    "{code},{},{year},,{v},,,{wt},{unit},illustrative",
                    ind.id
                )?;
                rows += 1;
            }
            Unit::Rank | Unit::Number => {
                if let Some(r) = extra.rank {
                    writeln!(w, "{code},{},{year},,{r},,,,{unit},illustrative", ind.id)?;
                    rows += 1;
                }
            }
        }
    }
    Ok(rows)
}

/// A row of an areas file.
struct AreaRow {
    code: String,
    name: String,
    parent: String,
    level: String,
    from: String,
    to: String,
}

impl AreaRow {
    fn new(code: &str, name: &str, parent: &str, level: &str, from: &str, to: &str) -> AreaRow {
        let s = |x: &str| x.to_string();
        AreaRow {
            code: s(code),
            name: s(name),
            parent: s(parent),
            level: s(level),
            from: s(from),
            to: s(to),
        }
    }

    /// In force in `year`: the unit exists on 31 December of that year.
    fn in_force(&self, year: i32) -> bool {
        let day = format!("{year}-12-31");
        (self.from.is_empty() || self.from <= day) && (self.to.is_empty() || self.to >= day)
    }
}

fn write_areas(path: &Path, rows: &[AreaRow]) -> Result<(), String> {
    let mut w = create(path)?;
    let mut text = format!("{AREAS_HEADER}\n");
    for r in rows {
        let name = field(&r.name);
        text += &format!(
            "{},{name},{},{},{},{}\n",
            r.code, r.parent, r.level, r.from, r.to
        );
    }
    w.write_all(text.as_bytes())
        .and_then(|()| w.flush())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn create(path: &Path) -> Result<BufWriter<std::fs::File>, String> {
    let f = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(BufWriter::new(f))
}

// --- Checks -----------------------------------------------------------------

/// Reads an areas file back (our files have no quoted fields).
fn read_areas(path: &Path) -> Result<Vec<AreaRow>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.lines();
    if lines.next() != Some(AREAS_HEADER) {
        return Err(format!("{}: header is not {AREAS_HEADER}", path.display()));
    }
    let mut rows = Vec::new();
    for (n, line) in lines.enumerate() {
        let f: Vec<&str> = line.split(',').collect();
        let date = |d: &str| {
            d.is_empty()
                || (d.len() == 10
                    && d.bytes().enumerate().all(|(i, c)| {
                        if i == 4 || i == 7 {
                            c == b'-'
                        } else {
                            c.is_ascii_digit()
                        }
                    }))
        };
        if f.len() != 6 || line.contains('"') || !date(f[4]) || !date(f[5]) {
            return Err(format!(
                "{}:{}: not a row of {AREAS_HEADER}",
                path.display(),
                n + 2
            ));
        }
        rows.push(AreaRow::new(f[0], f[1], f[2], f[3], f[4], f[5]));
    }
    Ok(rows)
}

/// Unique codes, one root, known parents, every chain ends at the root.
fn check_tree(rows: &[AreaRow]) -> Result<HashMap<&str, &AreaRow>, String> {
    let mut by_code = HashMap::new();
    for r in rows {
        if by_code.insert(r.code.as_str(), r).is_some() {
            return Err(format!("code {} given twice", r.code));
        }
    }
    if rows.iter().filter(|r| r.parent.is_empty()).count() != 1 {
        return Err("not exactly one root".into());
    }
    for r in rows {
        let mut at = r;
        for _ in 0..=rows.len() {
            if at.parent.is_empty() {
                break;
            }
            at = by_code
                .get(at.parent.as_str())
                .ok_or(format!("{}: parent {} unknown", at.code, at.parent))?;
        }
        if !at.parent.is_empty() {
            return Err(format!("{}: its parent chain loops", r.code));
        }
    }
    Ok(by_code)
}

/// Units of `level` in force in `year`.
fn count(rows: &[AreaRow], level: &str, year: i32) -> usize {
    rows.iter()
        .filter(|r| r.level == level && r.in_force(year))
        .count()
}

fn expect(what: &str, got: usize, want: usize) -> Result<(), String> {
    if got == want {
        println!("  ok: {what}: {got}");
        Ok(())
    } else {
        Err(format!("{what}: {got}, expected {want}"))
    }
}

/// The counts the reference gives for 2025: 63 provinces in force at the end
/// of 2024, 34 at the end of 2025 (11 unchanged, 23 continuing), 29 ceased.
fn check_national_areas(path: &Path) -> Result<(), String> {
    let rows = read_areas(path)?;
    check_tree(&rows)?;
    println!("{}:", path.display());
    expect(
        "provinces in force on 2024-12-31",
        count(&rows, "province", 2024),
        63,
    )?;
    expect(
        "provinces in force on 2025-12-31",
        count(&rows, "province", 2025),
        34,
    )?;
    expect(
        "provinces ceased on 2025-06-30",
        rows.iter().filter(|r| r.to == CEASED).count(),
        29,
    )?;
    let heads: HashSet<&str> = rows
        .iter()
        .filter(|r| r.to == CEASED)
        .map(|r| r.parent.as_str())
        .collect();
    let continuing = rows
        .iter()
        .filter(|r| heads.contains(r.code.as_str()) && r.in_force(2025))
        .count();
    expect("in force and absorbing others (continuing)", continuing, 23)?;
    expect("in force, absorbing none (unchanged)", 34 - continuing, 11)?;
    expect(
        "predecessors merged (continuing + absorbed)",
        continuing + 29,
        52,
    )
}

fn check_binh_thuan_areas(path: &Path) -> Result<(), String> {
    let rows = read_areas(path)?;
    check_tree(&rows)?;
    println!("{}:", path.display());
    expect(
        "communes in force on 2024-12-31",
        count(&rows, "commune", 2024),
        0,
    )?;
    expect(
        "communes in force on 2025-12-31",
        count(&rows, "commune", 2025),
        WARDS + COMMUNES,
    )?;
    expect(
        "provinces in force on 2024-12-31",
        count(&rows, "province", 2024),
        2,
    )?;
    expect(
        "provinces in force on 2025-12-31",
        count(&rows, "province", 2025),
        1,
    )
}

/// Every row's unit is in the areas file and in force in the row's year.
fn check_rows_in_force(written: &[(String, i32)], areas: &Path) -> Result<(), String> {
    let rows = read_areas(areas)?;
    let by_code = check_tree(&rows)?;
    for (code, year) in written {
        match by_code.get(code.as_str()) {
            Some(r) if r.in_force(*year) => {}
            _ => {
                return Err(format!(
                    "data for {code} in {year}, not in force then per {}",
                    areas.display()
                ));
            }
        }
    }
    println!("  ok: every area of the data is in force in its rows' years");
    Ok(())
}

// --- The example files -------------------------------------------------------

fn national(dir: &Path, seed: u64) -> Result<(), String> {
    let areas_path = dir.join("areas-2025.csv");
    let mut areas = vec![AreaRow::new("VN", "Việt Nam", "", "country", "", "")];
    for (code, name, into, _) in PROVINCES {
        let (parent, to) = if into.is_empty() {
            ("VN", "")
        } else {
            (into, CEASED)
        };
        areas.push(AreaRow::new(code, name, parent, "province", "", to));
    }
    write_areas(&areas_path, &areas)?;
    check_national_areas(&areas_path)?;

    let res = targets::load(&dir.join("national-749.toml")).map_err(|e| format!("{e:#}"))?;
    let layout = Layout {
        of: slots_of(&res, &NATIONAL)?,
        res: &res,
        slots: &NATIONAL,
    };
    let mut rng = Rng(seed);
    let mut years: Vec<Vec<Area>> = vec![
        PROVINCES
            .iter()
            .map(|p| Area::new(p.3 as f64, &NATIONAL, &mut rng))
            .collect(),
    ];
    for year in 2022..=2024 {
        let mut next = years.last().expect("a year").clone();
        for a in &mut next {
            a.next_year(year, &NATIONAL, &mut rng);
        }
        years.push(next);
    }
    // 2025: each unit in force, from itself and the units it absorbed
    let last = years.last().expect("2024");
    let in_2025: Vec<(usize, Area)> = (0..PROVINCES.len())
        .filter(|&i| PROVINCES[i].2.is_empty())
        .map(|i| {
            let parts: Vec<&Area> = (0..PROVINCES.len())
                .filter(|&j| j == i || PROVINCES[j].2 == PROVINCES[i].0)
                .map(|j| &last[j])
                .collect();
            let area = if parts.len() == 1 {
                let mut a = parts[0].clone();
                a.next_year(2025, &NATIONAL, &mut rng);
                a
            } else {
                Area::merged(&parts, 2025, &NATIONAL, &mut rng)
            };
            (i, area)
        })
        .collect();

    let path = dir.join("national-2021-2025.csv");
    let io = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut w = create(&path)?;
    writeln!(w, "{DATA_HEADER}").map_err(io)?;
    let (mut rows, mut written) = (0, Vec::new());
    let extra = Extra {
        rank: None,
        skip: &[],
    };
    for (i, (code, ..)) in PROVINCES.iter().enumerate() {
        for (y, areas) in years.iter().enumerate() {
            let year = 2021 + y as i32;
            rows += write_rows(&mut w, &layout, (code, year), &areas[i], &extra).map_err(io)?;
            written.push((code.to_string(), year));
        }
        if let Some((_, a)) = in_2025.iter().find(|(j, _)| *j == i) {
            rows += write_rows(&mut w, &layout, (code, 2025), a, &extra).map_err(io)?;
            written.push((code.to_string(), 2025));
        }
    }
    w.flush().map_err(io)?;
    println!("{}: {rows} rows, {} areas", path.display(), PROVINCES.len());
    check_rows_in_force(&written, &areas_path)
}

fn binh_thuan(dir: &Path, seed: u64) -> Result<(), String> {
    let areas_path = dir.join("areas-binh-thuan.csv");
    let mut areas = vec![
        AreaRow::new("VN", "Việt Nam", "", "country", "", ""),
        AreaRow::new("68", "Lâm Đồng", "VN", "province", "", ""),
        AreaRow::new("60", "Bình Thuận", "68", "province", "", CEASED),
    ];
    let codes: Vec<String> = (1..=WARDS + COMMUNES)
        .map(|i| format!("BT-{i:03}"))
        .collect();
    for (i, code) in codes.iter().enumerate() {
        let name = if i < WARDS {
            format!("Phường mẫu {}", i + 1)
        } else {
            format!("Xã mẫu {}", i + 1 - WARDS)
        };
        areas.push(AreaRow::new(
            code,
            &name,
            "60",
            "commune",
            COMMUNES_FROM,
            "",
        ));
    }
    write_areas(&areas_path, &areas)?;
    check_binh_thuan_areas(&areas_path)?;

    let res = targets::parse(targets::BUILTIN, "targets.toml").map_err(|e| format!("{e:#}"))?;
    let layout = Layout {
        of: slots_of(&res, &BINH_THUAN)?,
        res: &res,
        slots: &BINH_THUAN,
    };
    let mut rng = Rng(seed ^ 0x60);
    let pop_k = PROVINCES.iter().find(|p| p.0 == "60").expect("60").3 as f64;
    let mut province = Area::new(pop_k, &BINH_THUAN, &mut rng);
    let mut rank = rng.range(36.0, 42.0);

    let path = dir.join("binh-thuan-communes.csv");
    let io = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut w = create(&path)?;
    writeln!(w, "{DATA_HEADER}").map_err(io)?;
    let (mut rows, mut written) = (0, Vec::new());
    for year in 2022..=2024 {
        if year > 2022 {
            province.next_year(year, &BINH_THUAN, &mut rng);
            rank -= rng.range(2.0, 7.0);
        }
        let extra = Extra {
            rank: Some(rank.round() as u32),
            skip: &[],
        };
        rows += write_rows(&mut w, &layout, ("60", year), &province, &extra).map_err(io)?;
        written.push(("60".to_string(), year));
    }
    let sizes: Vec<f64> = codes.iter().map(|_| rng.range(0.4, 1.6)).collect();
    let total: f64 = sizes.iter().sum();
    for (code, size) in codes.iter().zip(&sizes) {
        let commune = province.commune(size / total, 2025, &BINH_THUAN, &mut rng);
        let mut skip: Vec<&str> = PROVINCE_ONLY.to_vec();
        skip.extend(MISSING.iter().filter(|m| m.0 == code).map(|m| m.1));
        let extra = Extra {
            rank: None,
            skip: &skip,
        };
        rows += write_rows(&mut w, &layout, (code, 2025), &commune, &extra).map_err(io)?;
        written.push((code.clone(), 2025));
    }
    w.flush().map_err(io)?;
    println!("{}: {rows} rows, {} areas", path.display(), 1 + codes.len());
    check_rows_in_force(&written, &areas_path)
}

// --- The benchmark file ------------------------------------------------------

/// Sectors of "each" indicators without declared members (as gen_actuals).
const SECTORS: [&str; 12] = [
    "agriculture",
    "industry",
    "construction",
    "trade",
    "tourism",
    "transport",
    "education",
    "health",
    "finance",
    "energy",
    "environment",
    "culture",
];

fn bench(a: &Args) -> Result<(), String> {
    let n = a.bench.expect("--bench");
    let areas_out = a
        .areas_out
        .as_ref()
        .ok_or("--bench needs --areas-out FILE")?;
    let res: Resolution = match &a.targets {
        Some(p) => targets::load(Path::new(p)).map_err(|e| format!("{e:#}"))?,
        None => targets::parse(targets::BUILTIN, "targets.toml").map_err(|e| format!("{e:#}"))?,
    };
    let provinces: Vec<(&str, &str)> = PROVINCES
        .iter()
        .filter(|p| p.2.is_empty())
        .map(|p| (p.0, p.1))
        .collect();
    let mut areas = vec![AreaRow::new("VN", "Việt Nam", "", "country", "", "")];
    areas.extend(
        provinces
            .iter()
            .map(|(c, name)| AreaRow::new(c, name, "VN", "province", "", "")),
    );
    let code = |i: usize| format!("C{i:05}");
    for i in 1..=n {
        areas.push(AreaRow::new(
            &code(i),
            &format!("Xã mẫu {i}"),
            provinces[(i - 1) % provinces.len()].0,
            "commune",
            "",
            "",
        ));
    }
    write_areas(Path::new(areas_out), &areas)?;

    let out: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(create(Path::new(p))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::with_capacity(1 << 16, out);
    let io = |e: std::io::Error| e.to_string();
    writeln!(
        w,
        "area,indicator,year,breakdown,value,numerator,denominator,weight"
    )
    .map_err(io)?;
    let mut rng = Rng(a.seed);
    let first = 2025 - a.years;
    for i in 1..=n {
        let area = code(i);
        for ind in &res.indicators {
            let members: Vec<&str> = match (&ind.each, ind.members.is_empty()) {
                (None, _) => vec![""],
                (Some(_), false) => ind.members.iter().map(String::as_str).collect(),
                (Some(_), true) => SECTORS.iter().take(a.sectors).copied().collect(),
            };
            for m in members {
                let mut share = rng.range(20.0, 95.0);
                let mut den = rng.range(200.0, 20_000.0);
                let mut rate = rng.range(-20.0, 120.0);
                let mut rank = rng.range(5.0, 120.0);
                let weight = rng.range(1_000.0, 100_000.0).round() as u64;
                for year in first..2025 {
                    share = (share + 2.5 * rng.range(0.0, 1.0)).min(100.0);
                    den *= rng.range(1.0, 1.04);
                    rate += rng.range(-10.0, 10.0);
                    rank = (rank - 1.5 * rng.range(0.0, 1.0)).max(1.0);
                    if rng.range(0.0, 1.0) < 0.01 {
                        continue; // a gap in the data
                    }
                    let id = &ind.id;
                    match ind.unit {
                        Unit::Percent => {
                            let d = den.round() as u64;
                            let num = ((share / 100.0 * d as f64).round() as u64).min(d);
                            let v = tenths(share_tenths(num, d));
                            writeln!(w, "{area},{id},{year},{m},{v},{num},{d},").map_err(io)?;
                        }
                        Unit::PercentPerYear => {
                            let v = tenths(rate.round() as i64);
                            writeln!(w, "{area},{id},{year},{m},{v},,,{weight}").map_err(io)?;
                        }
                        Unit::Rank => {
                            writeln!(w, "{area},{id},{year},{m},{},,,", rank.round()).map_err(io)?
                        }
                        Unit::Number => writeln!(
                            w,
                            "{area},{id},{year},{m},{},,,",
                            tenths(rate.round() as i64)
                        )
                        .map_err(io)?,
                    }
                }
            }
        }
    }
    w.flush().map_err(io)
}

// --- Command line ------------------------------------------------------------

struct Args {
    dir: PathBuf,
    bench: Option<usize>,
    areas_out: Option<String>,
    out: Option<String>,
    years: i32,
    targets: Option<String>,
    seed: u64,
    sectors: usize,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"),
        bench: None,
        areas_out: None,
        out: None,
        years: 5,
        targets: None,
        seed: 749,
        sectors: 10,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let bad = |_| format!("{flag}: \"{value}\" is not a number");
        match flag.as_str() {
            "--dir" => a.dir = PathBuf::from(&value),
            "--bench" => a.bench = Some(value.parse().map_err(bad)?),
            "--areas-out" => a.areas_out = Some(value),
            "--out" => a.out = Some(value),
            "--years" => a.years = value.parse().map_err(bad)?,
            "--targets" => a.targets = Some(value),
            "--seed" => a.seed = value.parse().map_err(bad)?,
            "--sectors" => a.sectors = value.parse().map_err(bad)?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    a.sectors = a.sectors.clamp(1, SECTORS.len());
    Ok(a)
}

fn run() -> Result<(), String> {
    let a = args()?;
    if a.bench.is_some() {
        return bench(&a);
    }
    national(&a.dir, a.seed)?;
    binh_thuan(&a.dir, a.seed)
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) if e.contains("Broken pipe") => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_rollup: error: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
