//! Two pieces of work on two cores: the one place that asks how many cores
//! there are, and the two-way split used by the per-area results and the
//! area CSV. (`area/split.rs` spawns its own thread: when none is to be
//! had it reads the file in one pass instead.)

/// True on a machine with two cores or more.
pub fn two_cores() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
}

/// Runs `here` on this thread and `there` on another, and returns both
/// results. When the system gives no thread, `there` runs here after
/// `here`: the results are the same either way. A panic in `there` is
/// resumed here.
pub fn join<A, B: Send>(here: impl FnOnce() -> A, there: impl Fn() -> B + Sync) -> (A, B) {
    std::thread::scope(|s| {
        let spawned = std::thread::Builder::new().spawn_scoped(s, &there);
        let a = here();
        let b = match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => there(),
        };
        (a, b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_results_come_back_in_order() {
        let data: Vec<u64> = (1..=1000).collect();
        let (low, high) = join(
            || data[..500].iter().sum::<u64>(),
            || data[500..].iter().sum::<u64>(),
        );
        // 1 + ... + 500 = 500 * 501 / 2; 501 + ... + 1000 = 500500 - 125250
        assert_eq!((low, high), (125_250, 375_250));
    }
}
