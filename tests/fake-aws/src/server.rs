//! Thread-per-connection HTTP/1.1 server on a std `TcpListener`.
//!
//! Threads are cheap at test scale and keep the code free of an async runtime,
//! so the emulator can run inside `#[tokio::test]`s without nesting runtimes.

use crate::http::{Request, Response, read_request, write_response};
use std::collections::HashMap;
use std::io::BufReader;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// What the request handler wants done with the connection.
pub enum Reply {
    Respond(Response),
    /// Close the connection without writing a byte (fault injection).
    Drop,
}

pub type Handler = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

#[derive(Default)]
struct Connections {
    next_id: u64,
    /// Clones of the live sockets so `Drop` can unblock threads stuck in `read`.
    streams: HashMap<u64, TcpStream>,
    threads: Vec<JoinHandle<()>>,
}

pub struct Server {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    conns: Arc<Mutex<Connections>>,
    accept_thread: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start(listener: TcpListener, handler: Handler) -> std::io::Result<Server> {
        let addr = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let conns = Arc::new(Mutex::new(Connections::default()));
        let accept_thread = {
            let (stopping, conns) = (stopping.clone(), conns.clone());
            std::thread::Builder::new()
                .name("fake-aws-accept".into())
                .spawn(move || accept_loop(listener, handler, stopping, conns))?
        };
        Ok(Server {
            addr,
            stopping,
            conns,
            accept_thread: Some(accept_thread),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

fn accept_loop(
    listener: TcpListener,
    handler: Handler,
    stopping: Arc<AtomicBool>,
    conns: Arc<Mutex<Connections>>,
) {
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let Ok(registered) = stream.try_clone() else {
            continue;
        };
        let mut guard = conns.lock().unwrap();
        guard.threads.retain(|t| !t.is_finished());
        let id = guard.next_id;
        guard.next_id += 1;
        guard.streams.insert(id, registered);
        let (handler, conns2) = (handler.clone(), conns.clone());
        let spawned = std::thread::Builder::new()
            .name(format!("fake-aws-conn-{id}"))
            .spawn(move || {
                serve_connection(stream, &handler);
                conns2.lock().unwrap().streams.remove(&id);
            });
        match spawned {
            Ok(t) => guard.threads.push(t),
            Err(_) => {
                guard.streams.remove(&id);
            }
        }
    }
}

fn serve_connection(stream: TcpStream, handler: &Handler) {
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let req = match read_request(&mut reader, &mut writer) {
            Ok(Some(req)) => req,
            Ok(None) => return,
            Err(e) => {
                // Unparseable input: answer 400 once and hang up, like real front ends.
                if e.kind() == std::io::ErrorKind::InvalidData {
                    let resp = Response::text(400, format!("bad request: {e}"));
                    let _ = write_response(&mut writer, &resp, false);
                }
                return;
            }
        };
        match handler(&req) {
            Reply::Respond(resp) => {
                if write_response(&mut writer, &resp, req.keep_alive).is_err() || !req.keep_alive {
                    return;
                }
            }
            Reply::Drop => {
                let _ = writer.shutdown(Shutdown::Both);
                return;
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // The accept loop blocks in `accept`; a throwaway connection wakes it up.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.accept_thread.take() {
            let _ = t.join();
        }
        let threads = {
            let mut guard = self.conns.lock().unwrap();
            for s in guard.streams.values() {
                let _ = s.shutdown(Shutdown::Both);
            }
            std::mem::take(&mut guard.threads)
        };
        for t in threads {
            let _ = t.join();
        }
    }
}
