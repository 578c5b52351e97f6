//! A fixed set of read-only SQLite connections shared by the readers, and
//! the guard that sets a query's time limit and cancel flag on the one it
//! borrows (an SQLite progress handler stops the statement).

use crate::{QueryControl, Result, StoreError};
use rusqlite::Connection;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// How long a reader waits for a free connection before "busy".
const WAIT_FOR_CONNECTION: Duration = Duration::from_secs(5);

pub(crate) struct Pool {
    free: Mutex<Vec<Connection>>,
    returned: Condvar,
}

/// A borrowed connection; goes back to the pool when dropped.
pub(crate) struct Lease<'a> {
    pool: &'a Pool,
    conn: Option<Connection>,
}

impl Pool {
    pub(crate) fn new(conns: Vec<Connection>) -> Pool {
        Pool {
            free: Mutex::new(conns),
            returned: Condvar::new(),
        }
    }

    /// A connection with `ctl`'s limit set on it.
    pub(crate) fn get(&self, ctl: &QueryControl) -> Result<Lease<'_>> {
        let mut free = self.free.lock().map_err(|_| StoreError::Busy)?;
        let waited_until = std::time::Instant::now() + WAIT_FOR_CONNECTION;
        loop {
            if let Some(mut conn) = free.pop() {
                let ctl = ctl.clone();
                if ctl.deadline.is_some() || ctl.cancel.is_some() {
                    conn.progress_handler(1000, Some(move || ctl.must_stop()))?;
                } else {
                    conn.progress_handler(1000, None::<fn() -> bool>)?;
                }
                return Ok(Lease {
                    pool: self,
                    conn: Some(conn),
                });
            }
            let now = std::time::Instant::now();
            if now >= waited_until || ctl.must_stop() {
                return Err(StoreError::Busy);
            }
            let wait = (waited_until - now).min(Duration::from_millis(50));
            free = self
                .returned
                .wait_timeout(free, wait)
                .map_err(|_| StoreError::Busy)?
                .0;
        }
    }
}

impl std::ops::Deref for Lease<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("a lease holds its connection")
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            if let Ok(mut free) = self.pool.free.lock() {
                free.push(conn);
                self.pool.returned.notify_one();
            }
        }
    }
}

/// Maps SQLite's "interrupted" to the reason it was stopped.
pub(crate) fn stopped(e: rusqlite::Error, ctl: &QueryControl) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, _) = &e {
        if f.code == rusqlite::ErrorCode::OperationInterrupted {
            return if ctl.cancelled() {
                StoreError::Cancelled
            } else {
                StoreError::TimedOut
            };
        }
    }
    StoreError::Sql(e)
}
