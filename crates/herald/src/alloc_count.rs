//! The process allocator: mimalloc, counting on each thread the bytes it
//! allocates and the most it holds at once, so that `herald bench` can weigh
//! each component of the coder. Counting costs a few thread-local additions
//! per allocation.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

pub struct CountingMimalloc;

thread_local! {
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
    static LIVE: Cell<i64> = const { Cell::new(0) };
    static PEAK: Cell<i64> = const { Cell::new(0) };
}

fn note_alloc(size: usize) {
    // try_with: a thread being torn down still allocates
    let _ = ALLOCATED.try_with(|a| a.set(a.get() + size as u64));
    let _ = LIVE.try_with(|live| {
        let now = live.get() + size as i64;
        live.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

fn note_free(size: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get() - size as i64));
}

// SAFETY: every call is passed on unchanged to mimalloc; counting touches
// only const-initialised thread-locals, which never allocate.
unsafe impl GlobalAlloc for CountingMimalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        mimalloc::MiMalloc.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        mimalloc::MiMalloc.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note_free(layout.size());
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_free(layout.size());
        note_alloc(new_size);
        mimalloc::MiMalloc.realloc(ptr, layout, new_size)
    }
}

/// Bytes this thread has allocated so far.
pub fn allocated() -> u64 {
    ALLOCATED.with(Cell::get)
}

/// Starts a new peak measure on this thread; returns the bytes it holds now.
pub fn start_peak() -> i64 {
    let live = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(live));
    live
}

/// The most this thread has held since `start_peak`.
pub fn peak() -> i64 {
    PEAK.with(Cell::get)
}

/// `mi_option_purge_delay` in mimalloc's `mi_option_t` (the same index in
/// its v2 and v3, which the `mimalloc` crate builds).
const MI_OPTION_PURGE_DELAY: i32 = 15;

extern "C" {
    fn mi_option_set(option: i32, value: std::os::raw::c_long);
}

/// How long freed memory stays with the process before it goes back to the
/// system. A batch frees what the next one will need; with mimalloc's 1 s a
/// worker returned it between batches and faulted it back in as zeroed
/// 2 MiB pages (`clear_page` was 5-8 % of the queue's CPU). Peak memory is
/// unchanged; what a burst took is returned 10 s later.
pub const PURGE_DELAY_MS: i64 = 10_000;

/// Sets the purge delay; called first thing in `main`, before any thread.
pub fn configure() {
    // SAFETY: plain setters of mimalloc's option table, which it reads
    // atomically; the option index is mimalloc's own (checked by a test).
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS as _) }
}

#[cfg(test)]
mod tests {
    use super::*;

    extern "C" {
        fn mi_option_get(option: i32) -> std::os::raw::c_long;
    }

    fn purge_delay_ms() -> i64 {
        // SAFETY: a plain getter of mimalloc's option table.
        unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) as i64 }
    }

    #[test]
    fn the_purge_delay_option_is_the_one_mimalloc_reads() {
        // mimalloc's default is 1000 ms in v3 and 10 ms in v2: reading one of
        // those first shows the index names the purge delay, not another option
        let before = purge_delay_ms();
        assert!(
            before == 1000 || before == 10,
            "purge delay read as {before}"
        );
        configure();
        assert_eq!(purge_delay_ms(), PURGE_DELAY_MS);
    }
}
