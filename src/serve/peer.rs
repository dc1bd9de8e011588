//! Which user a loopback peer is: instance metadata has no secret shared beforehand, so on
//! this machine the kernel's socket table says whether the client is the user aws-login
//! runs as (or root, who could read aws-login's memory anyway).

use std::net::{IpAddr, SocketAddr};

/// Whether the process at `peer` (a loopback connection to `local`) belongs to this user
/// or root. False when the socket table cannot tell: refusing is the safe side.
pub fn is_ours(peer: SocketAddr, local: SocketAddr) -> bool {
    // SAFETY: a plain query.
    let me = unsafe { libc::geteuid() };
    match owner(peer, local) {
        Some(uid) => uid == me || uid == 0,
        None => false,
    }
}

/// The uid owning the client socket `peer` -> `local`, from /proc/net/tcp and tcp6 (a
/// dual-stack client socket shows there with IPv4-mapped addresses).
fn owner(peer: SocketAddr, local: SocketAddr) -> Option<u32> {
    ["/proc/net/tcp", "/proc/net/tcp6"].iter().find_map(|file| {
        let table = std::fs::read_to_string(file).ok()?;
        let v6 = file.ends_with('6');
        find(&table, &hex(peer, v6)?, &hex(local, v6)?)
    })
}

/// The socket table's form of an address: each 32-bit word of the address as the kernel
/// holds it (native byte order) in hex, then the port in hex.
fn hex(addr: SocketAddr, v6: bool) -> Option<String> {
    let octets: Vec<u8> = match (addr.ip(), v6) {
        (IpAddr::V4(ip), false) => ip.octets().to_vec(),
        (IpAddr::V4(ip), true) => ip.to_ipv6_mapped().octets().to_vec(),
        (IpAddr::V6(ip), true) => ip.octets().to_vec(),
        (IpAddr::V6(ip), false) => ip.to_ipv4_mapped()?.octets().to_vec(),
    };
    let mut out = String::new();
    for word in octets.chunks(4) {
        let word = u32::from_ne_bytes(word.try_into().ok()?);
        out.push_str(&format!("{word:08X}"));
    }
    out.push_str(&format!(":{:04X}", addr.port()));
    Some(out)
}

/// The uid column of the row whose local address is `from` and remote is `to`.
fn find(table: &str, from: &str, to: &str) -> Option<u32> {
    table.lines().skip(1).find_map(|line| {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.get(1) == Some(&from) && cols.get(2) == Some(&to) {
            cols.get(7)?.parse().ok()
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{TcpListener, TcpStream};

    #[test]
    fn a_connection_from_this_process_is_ours() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (_server, peer) = listener.accept().unwrap();
        assert_eq!(peer, client.local_addr().unwrap());
        let local = listener.local_addr().unwrap();
        // SAFETY: a plain query.
        assert_eq!(owner(peer, local), Some(unsafe { libc::geteuid() }));
        assert!(is_ours(peer, local));
        // A connection that does not exist is never ours.
        let gone: SocketAddr = "127.0.0.1:1".parse().unwrap();
        assert!(!is_ours(gone, local));
    }

    #[test]
    fn addresses_are_written_as_the_socket_table_writes_them() {
        let a: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let expected = if cfg!(target_endian = "little") {
            "0100007F:1F90"
        } else {
            "7F000001:1F90"
        };
        assert_eq!(hex(a, false).unwrap(), expected);
        let mapped = hex(a, true).unwrap();
        assert_eq!(mapped.len(), 32 + 5);
        assert!(
            mapped.ends_with(&format!("{}:1F90", &expected[..8])),
            "{mapped}"
        );
        let table = format!(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: {expected} 0100007F:0050 01 00000000:00000000 00:00000000 00000000  1000        0 1 1\n"
        );
        assert_eq!(find(&table, expected, "0100007F:0050"), Some(1000));
        assert_eq!(find(&table, "0100007F:0050", expected), None);
    }
}
