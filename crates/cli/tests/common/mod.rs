//! A real Redis 7 cluster on loopback for conformance tests: servers in a temporary
//! directory, `redis-cli --cluster create`, a minimal RESP client, and bounded waits.
#![allow(dead_code)]

use slotscope_model::Reply;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The hint printed when the real parts are missing.
pub const INSTALL_HINT: &str =
    "conformance tests need Debian's redis-server package (redis-server and redis-cli): \
     run `make test` as root, or `sudo apt-get install -y redis-server`";

/// Fails the test, with the install hint, when redis-server or redis-cli is missing.
pub fn require_redis() {
    for tool in ["redis-server", "redis-cli"] {
        let ok = Command::new(tool)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "{tool} not found. {INSTALL_HINT}");
    }
}

/// One connection speaking RESP2.
pub struct Conn {
    reader: BufReader<TcpStream>,
}

impl Conn {
    /// Connects to `addr`, retrying for up to five seconds.
    pub fn open(addr: &str) -> Conn {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match TcpStream::connect(addr) {
                Ok(s) => {
                    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                    return Conn {
                        reader: BufReader::new(s),
                    };
                }
                Err(e) if Instant::now() > deadline => panic!("cannot connect to {addr}: {e}"),
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// Sends one command and reads its reply.
    pub fn call(&mut self, argv: &[Vec<u8>]) -> Reply {
        let mut out = format!("*{}\r\n", argv.len()).into_bytes();
        for a in argv {
            out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
            out.extend_from_slice(a);
            out.extend_from_slice(b"\r\n");
        }
        self.reader.get_mut().write_all(&out).unwrap();
        self.read_reply()
    }

    /// Sends a command given as words.
    pub fn cmd(&mut self, words: &[&str]) -> Reply {
        let argv: Vec<Vec<u8>> = words.iter().map(|w| w.as_bytes().to_vec()).collect();
        self.call(&argv)
    }

    fn line(&mut self) -> String {
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("a reply line");
        line.trim_end_matches("\r\n").to_string()
    }

    fn read_reply(&mut self) -> Reply {
        let line = self.line();
        let (kind, rest) = line.split_at(1);
        match kind {
            "+" => Reply::Status(rest.to_string().into()),
            "-" => parse_error(rest),
            ":" => Reply::Integer(rest.parse().unwrap()),
            "$" => {
                let len: i64 = rest.parse().unwrap();
                if len < 0 {
                    return Reply::Nil;
                }
                let mut buf = vec![0; len as usize + 2];
                self.reader.read_exact(&mut buf).unwrap();
                buf.truncate(len as usize);
                Reply::Bulk(buf.into())
            }
            "*" => {
                let len: i64 = rest.parse().unwrap();
                if len < 0 {
                    return Reply::Nil;
                }
                Reply::Array((0..len).map(|_| self.read_reply()).collect())
            }
            other => panic!("unexpected RESP type {other:?} in {line:?}"),
        }
    }
}

/// Turns `-MOVED 9189 127.0.0.1:7103` into `Reply::Moved`, and so on.
pub fn parse_error(text: &str) -> Reply {
    let parts: Vec<&str> = text.split(' ').collect();
    if let [kind @ ("MOVED" | "ASK"), slot, addr] = parts.as_slice() {
        if let Some(slot) = slot.parse().ok().and_then(slotscope_model::Slot::new) {
            let addr = addr.to_string();
            return if *kind == "MOVED" {
                Reply::Moved { slot, addr }
            } else {
                Reply::Ask { slot, addr }
            };
        }
    }
    Reply::Error(text.to_string())
}

/// A real cluster of masters on loopback, stopped and deleted on drop.
pub struct RealCluster {
    /// `ip:port` of each master, in order.
    pub addrs: Vec<String>,
    /// Each master's real id.
    pub ids: Vec<String>,
    children: Vec<Child>,
    dir: PathBuf,
}

impl RealCluster {
    /// Starts one server per address and joins them with `redis-cli --cluster create`.
    pub fn start(addrs: &[String]) -> RealCluster {
        RealCluster::start_with_outsiders(addrs, &[])
    }

    /// Like `start`, but the servers at the `outside` indices are left out of the cluster:
    /// empty masters that know no one until a `CLUSTER MEET`.
    pub fn start_with_outsiders(addrs: &[String], outside: &[usize]) -> RealCluster {
        require_redis();
        let dir = std::env::temp_dir().join(format!(
            "slotscope-conformance-{}-{}",
            std::process::id(),
            addrs
                .first()
                .map_or("x".into(), |a| a.replace([':', '.'], "_"))
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut cluster = RealCluster {
            addrs: addrs.to_vec(),
            ids: Vec::new(),
            children: Vec::new(),
            dir: dir.clone(),
        };
        for addr in addrs {
            let (ip, port) = addr.rsplit_once(':').unwrap();
            assert!(
                ip.starts_with("127."),
                "conformance clusters run on loopback only, not {addr}"
            );
            let node_dir = dir.join(port);
            std::fs::create_dir_all(&node_dir).unwrap();
            let child = Command::new("redis-server")
                .args(["--port", port, "--bind", ip, "--cluster-enabled", "yes"])
                .args([
                    "--cluster-config-file",
                    "nodes.conf",
                    "--cluster-node-timeout",
                    "5000",
                ])
                .args(["--save", "", "--appendonly", "no", "--protected-mode", "no"])
                .args(["--loglevel", "warning", "--logfile", "redis.log"])
                .arg("--dir")
                .arg(&node_dir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start redis-server: {e}. {INSTALL_HINT}"));
            cluster.children.push(child);
        }
        for addr in addrs {
            let mut c = Conn::open(addr);
            assert_eq!(
                c.cmd(&["PING"]),
                Reply::Status("PONG".into()),
                "{addr} is not answering"
            );
        }
        let members: Vec<String> = addrs
            .iter()
            .enumerate()
            .filter(|(i, _)| !outside.contains(i))
            .map(|(_, a)| a.clone())
            .collect();
        let status = Command::new("redis-cli")
            .args(["--cluster", "create"])
            .args(&members)
            .args(["--cluster-replicas", "0", "--cluster-yes"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("redis-cli runs");
        assert!(status.success(), "redis-cli --cluster create failed");
        cluster.ids = addrs
            .iter()
            .map(|a| match Conn::open(a).cmd(&["CLUSTER", "MYID"]) {
                Reply::Bulk(b) => String::from_utf8(b.to_vec()).unwrap(),
                other => panic!("CLUSTER MYID gave {other:?}"),
            })
            .collect();
        // A master keeps cluster_state:fail for its first 2 s (CLUSTER_WRITABLE_DELAY).
        let deadline = Instant::now() + Duration::from_secs(20);
        while !(cluster.wait_agree_among(&members, Duration::from_secs(10))
            && cluster.signature(&members[0]).contains("cluster_state:ok"))
        {
            assert!(
                Instant::now() < deadline,
                "the new cluster did not converge to cluster_state:ok"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        cluster
    }

    /// One node's view: its CLUSTER NODES lines without timings, sorted, plus its epochs.
    pub fn signature(&self, addr: &str) -> String {
        let mut c = Conn::open(addr);
        let nodes = match c.cmd(&["CLUSTER", "NODES"]) {
            Reply::Bulk(b) => String::from_utf8_lossy(&b).into_owned(),
            other => format!("{other:?}"),
        };
        let mut lines: Vec<String> = nodes
            .lines()
            .map(|l| {
                let f: Vec<&str> = l.split(' ').collect();
                let flags = f.get(2).unwrap_or(&"").replace("myself,", "");
                let slots: Vec<&str> = f
                    .iter()
                    .skip(8)
                    .filter(|s| !s.starts_with('['))
                    .copied()
                    .collect();
                format!(
                    "{} {} {} {} {}",
                    f[0],
                    flags,
                    f.get(3).unwrap_or(&""),
                    f.get(6).unwrap_or(&""),
                    slots.join(" ")
                )
            })
            .collect();
        lines.sort();
        let info = match c.cmd(&["CLUSTER", "INFO"]) {
            Reply::Bulk(b) => String::from_utf8_lossy(&b).into_owned(),
            _ => String::new(),
        };
        let state: Vec<&str> = info
            .lines()
            .filter(|l| l.starts_with("cluster_current_epoch") || l.starts_with("cluster_state"))
            .collect();
        format!("{}\n{}", lines.join("\n"), state.join("\n"))
    }

    /// Polls until every node reports the same view three times in a row, or the time is up.
    pub fn wait_agree(&self, limit: Duration) -> bool {
        self.wait_agree_among(&self.addrs, limit)
    }

    /// `wait_agree` over some of the nodes.
    pub fn wait_agree_among(&self, addrs: &[String], limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        let mut stable = 0;
        loop {
            let sigs: Vec<String> = addrs.iter().map(|a| self.signature(a)).collect();
            if sigs.iter().all(|s| *s == sigs[0]) {
                stable += 1;
                if stable >= 3 {
                    return true;
                }
            } else {
                stable = 0;
            }
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for RealCluster {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
