//! `raw-replay HOST:PORT FILE`: the floor for a chain of calls. Sends the raw HTTP requests
//! in FILE (separated by a line `--next--`) one after another on ONE keep-alive TCP
//! connection, reading each response by its Content-Length, and fails unless each is 200.
//! No signing, no parsing beyond the status line: what is left is process start and the
//! round trips, the least any client can spend on the same requests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(addr), Some(file)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: raw-replay HOST:PORT FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(file)?;
    let stream = TcpStream::connect(addr.as_str())?;
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    for request in text.split("--next--\n") {
        writer.write_all(request.as_bytes())?;
        let mut status = String::new();
        reader.read_line(&mut status)?;
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line)?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        if !status.contains(" 200 ") {
            eprintln!("raw-replay: {}", status.trim());
            std::process::exit(1);
        }
    }
    Ok(())
}
