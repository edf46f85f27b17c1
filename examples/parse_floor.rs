//! The parse floor: read every record of a CSV file with the csv crate
//! (one reused `ByteRecord`, the same 64 KiB buffer as dtcalc) and count
//! them; nothing else. `report --by area` is measured against it.
//!
//! cargo run --release --example parse_floor -- big.csv

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_floor FILE.csv");
        return std::process::ExitCode::from(2);
    };
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_path(&path);
    let mut reader = match reader {
        Ok(r) => r,
        Err(e) => {
            eprintln!("parse_floor: {path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let mut record = csv::ByteRecord::new();
    let mut count: u64 = 0;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => count += 1,
            Ok(false) => break,
            Err(e) => {
                eprintln!("parse_floor: {path}: {e}");
                return std::process::ExitCode::from(2);
            }
        }
    }
    println!("{count} records");
    std::process::ExitCode::SUCCESS
}
