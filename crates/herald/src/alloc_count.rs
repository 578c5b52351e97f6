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
