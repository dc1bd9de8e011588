//! The endpoint's open connections: how many there may be, and which one makes room.
//!
//! Every connection holds a descriptor, and holding one costs a client nothing (no token is
//! needed to connect). So there is a cap, below the descriptor limit so that a refresh
//! can still open its files and sockets. At the cap, a new connection closes the one that
//! has waited longest for its client: idle between requests, or still short of a whole
//! request head. A connection being answered is never closed, nor one not yet read (its
//! request may be waiting in the socket); when every connection is one of those, accepting
//! waits until one ends or starts waiting.

use std::collections::HashMap;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Instant;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;

/// Most connections at once, however high the descriptor limit.
const MOST: usize = 1024;
/// Descriptors kept for everything else: the listener, the runtime, stdio, the child, and
/// a refresh's sockets, cache files and locks.
const RESERVE: usize = 64;
/// Fewest connections at once, however low the descriptor limit.
const FEWEST: usize = 8;

/// The cap for a process allowed `fd_limit` descriptors.
pub fn cap(fd_limit: u64) -> usize {
    let limit = usize::try_from(fd_limit).unwrap_or(usize::MAX);
    limit.saturating_sub(RESERVE).clamp(FEWEST, MOST)
}

pub struct Conns {
    cap: usize,
    epoch: Instant,
    next: AtomicU64,
    open: Mutex<HashMap<u64, Arc<Conn>>>,
    /// A connection ended or started waiting for its client: there may be room now.
    changed: Notify,
}

/// One connection's state, shared by its socket (reads and writes) and its service.
pub struct Conn {
    /// A request is being answered.
    busy: AtomicBool,
    /// When the connection started waiting for its client (nanoseconds since the epoch,
    /// plus one); 0 while it is not waiting.
    waiting_since: AtomicU64,
    close: Notify,
}

impl Conns {
    pub fn new(cap: usize) -> Arc<Conns> {
        Arc::new(Conns {
            cap,
            epoch: Instant::now(),
            next: AtomicU64::new(0),
            open: Mutex::new(HashMap::new()),
            changed: Notify::new(),
        })
    }

    /// A place for one more connection, closing the longest waiting one at the cap.
    pub async fn admit(self: &Arc<Self>) -> Slot {
        loop {
            // Made before looking, so that a change meanwhile is not missed.
            let changed = self.changed.notified();
            {
                let mut open = self.open.lock().unwrap();
                if open.len() < self.cap || evict_longest_waiting(&mut open) {
                    let id = self.next.fetch_add(1, Ordering::Relaxed);
                    let conn = Arc::new(Conn {
                        busy: AtomicBool::new(false),
                        waiting_since: AtomicU64::new(0),
                        close: Notify::new(),
                    });
                    open.insert(id, conn.clone());
                    return Slot {
                        conns: self.clone(),
                        id,
                        conn,
                    };
                }
            }
            changed.await;
        }
    }

    fn now(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_nanos()).unwrap_or(u64::MAX - 1) + 1
    }
}

fn evict_longest_waiting(open: &mut HashMap<u64, Arc<Conn>>) -> bool {
    let longest = open
        .iter()
        .filter(|(_, c)| !c.busy.load(Ordering::Relaxed))
        .filter_map(|(id, c)| match c.waiting_since.load(Ordering::Relaxed) {
            0 => None,
            since => Some((since, *id)),
        })
        .min();
    let Some((_, id)) = longest else {
        return false;
    };
    if let Some(conn) = open.remove(&id) {
        // Stored if the connection's task is not listening yet: it ends when it next runs.
        conn.close.notify_one();
    }
    true
}

impl Conn {
    /// Resolves when the connection must close to make room for another.
    pub async fn closed(&self) {
        self.close.notified().await
    }

    /// Mark a request as being answered until the returned guard goes.
    pub fn answering(self: &Arc<Self>) -> Answering {
        self.busy.store(true, Ordering::Relaxed);
        self.waiting_since.store(0, Ordering::Relaxed);
        Answering(self.clone())
    }
}

pub struct Answering(Arc<Conn>);

impl Drop for Answering {
    fn drop(&mut self) {
        self.0.busy.store(false, Ordering::Relaxed);
    }
}

/// A connection's place among the open ones, given up when the connection goes.
pub struct Slot {
    conns: Arc<Conns>,
    id: u64,
    conn: Arc<Conn>,
}

impl Slot {
    pub fn conn(&self) -> Arc<Conn> {
        self.conn.clone()
    }

    fn waiting(&self, yes: bool) {
        let since = &self.conn.waiting_since;
        if !yes {
            since.store(0, Ordering::Relaxed);
        } else if since.load(Ordering::Relaxed) == 0 {
            since.store(self.conns.now(), Ordering::Relaxed);
            self.conns.changed.notify_waiters();
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.conns.open.lock().unwrap().remove(&self.id);
        self.conns.changed.notify_waiters();
    }
}

/// A socket that tells its [`Slot`] when it waits for the client: a read that finds
/// nothing. The wait lasts until a request is answered (bytes that trickle in without
/// making a whole request do not end it) or an answer is written.
pub struct Watched<S> {
    inner: S,
    slot: Slot,
}

impl<S> Watched<S> {
    pub fn new(inner: S, slot: Slot) -> Watched<S> {
        Watched { inner, slot }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if polled.is_pending() {
            self.slot.waiting(true);
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.slot.waiting(false);
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.slot.waiting(false);
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn the_cap_leaves_descriptors_for_the_rest_within_bounds() {
        assert_eq!(cap(256), 192);
        assert_eq!(cap(1024), 960);
        assert_eq!(cap(1 << 20), MOST);
        assert_eq!(cap(u64::MAX), MOST);
        assert_eq!(cap(32), FEWEST);
    }

    #[tokio::test]
    async fn at_the_cap_the_longest_waiting_connection_makes_room() {
        let conns = Conns::new(2);
        let (a, b) = (conns.admit().await, conns.admit().await);
        // Neither has been read yet: a third waits.
        let third = tokio::spawn({
            let conns = conns.clone();
            async move { conns.admit().await }
        });
        tokio::task::yield_now().await;
        assert!(!third.is_finished());
        // One being answered is not closed either, even while it waits on its socket.
        let answering = b.conn().answering();
        b.waiting(true);
        tokio::task::yield_now().await;
        assert!(!third.is_finished());
        a.waiting(true);
        let c = third.await.unwrap();
        tokio::time::timeout(Duration::from_secs(1), a.conn().closed())
            .await
            .expect("the waiting connection is told to close");
        drop(answering);
        assert_eq!(conns.open.lock().unwrap().len(), 2);
        drop((a, b, c));
        assert!(conns.open.lock().unwrap().is_empty());
    }
}
