//! MIGRATE: the source sends each key to the target as `RESTORE-ASKING` and deletes it only
//! when the target acknowledged that key. A multi-key MIGRATE is not all-or-nothing. The
//! target's side is routed like a client's command, but with the CMD_ASKING flag, so an
//! importing target accepts it without ASKING, and a target that neither owns nor imports the
//! slot answers MOVED (which MIGRATE passes on as the target's error).

use crate::args::{is, parse_i64};
use crate::cluster::Cluster;
use crate::command::RESTORE_ASKING;
use crate::event::Event;
use crate::keyspace::Bytes;
use crate::node_id::NodeIdx;
use crate::reply::Reply;
use crate::route::{route, Request};
use crate::slot::Slot;

/// `MIGRATE host port key|"" db timeout [COPY] [REPLACE] [AUTH pw] [AUTH2 user pw] [KEYS k...]`
/// run on `source`.
pub fn migrate(
    cluster: &mut Cluster,
    source: NodeIdx,
    argv: &[Vec<u8>],
    events: &mut Vec<Event>,
) -> Reply {
    let (mut copy, mut replace) = (false, false);
    let mut first_key = 3;
    let mut key_count = 1;
    let mut j = 6;
    while j < argv.len() {
        let more = argv.len() - 1 - j;
        let opt = &argv[j];
        if is(opt, "copy") {
            copy = true;
        } else if is(opt, "replace") {
            replace = true;
        } else if is(opt, "auth") {
            if more == 0 {
                return Reply::err("syntax error");
            }
            j += 1;
        } else if is(opt, "auth2") {
            if more < 2 {
                return Reply::err("syntax error");
            }
            j += 2;
        } else if is(opt, "keys") {
            if !argv[3].is_empty() {
                return Reply::err(
                    "When using MIGRATE KEYS option, the key argument must be set to the empty string",
                );
            }
            first_key = j + 1;
            key_count = argv.len() - j - 1;
            break;
        } else {
            return Reply::err("syntax error");
        }
        j += 1;
    }
    let (Some(_timeout), Some(db)) = (parse_i64(&argv[5]), parse_i64(&argv[4])) else {
        return Reply::err("value is not an integer or out of range");
    };
    let now = cluster.now();
    let keys: Vec<&Vec<u8>> = argv[first_key..first_key + key_count]
        .iter()
        .filter(|k| cluster.node(source).keys.live(k, now).is_some())
        .collect();
    if keys.is_empty() {
        return Reply::Status("NOKEY".into());
    }
    let Some(target) = cluster.by_addr(&argv[1], &argv[2]) else {
        return unreachable_target(&argv[1]);
    };
    if target == source {
        // The source blocks on its own socket until the timeout.
        return Reply::Error("IOERR error or timeout reading to target instance".into());
    }
    let select_failed = db != 0;
    let mut first_error: Option<String> = None;
    for &key in &keys {
        let Some(entry) = cluster.node(source).keys.live(key, now).cloned() else {
            continue;
        };
        let ttl = entry.expire_at().map(|at| at.saturating_sub(now).max(1));
        let result = restore_asking(cluster, target, key, entry.value.clone(), ttl, replace);
        let failure = if select_failed {
            Some("ERR SELECT is not allowed in cluster mode".to_string())
        } else {
            result.clone().err()
        };
        let key_bytes: Bytes = key.as_slice().into();
        match failure {
            Some(e) => {
                if result.is_ok() {
                    events.push(Event::KeyCopied {
                        from: source,
                        to: target,
                        key: key_bytes,
                    });
                }
                first_error.get_or_insert(e);
            }
            None if copy => events.push(Event::KeyCopied {
                from: source,
                to: target,
                key: key_bytes,
            }),
            None => {
                cluster.node_mut(source).keys.remove(key);
                events.push(Event::KeyMoved {
                    from: source,
                    to: target,
                    key: key_bytes,
                });
            }
        }
    }
    // The batch has arrived: the target's newest runs will not grow again in this step.
    let mut slots: Vec<Slot> = keys.iter().map(|k| Slot::of_key(k)).collect();
    slots.dedup();
    for slot in slots {
        cluster.node_mut(target).keys.trim(slot);
    }
    match first_error {
        Some(e) => Reply::err(format!("Target instance replied with error: {e}")),
        None => Reply::ok(),
    }
}

/// The target's side: `RESTORE-ASKING key ttl payload [REPLACE]`, routed like any command
/// but with the CMD_ASKING flag. Returns the target's error text on failure.
fn restore_asking(
    cluster: &mut Cluster,
    target: NodeIdx,
    key: &[u8],
    value: Bytes,
    ttl: Option<u64>,
    replace: bool,
) -> Result<(), String> {
    let argv = vec![b"RESTORE-ASKING".to_vec(), key.to_vec()];
    let now = cluster.now();
    let request = Request {
        spec: &RESTORE_ASKING,
        argv: &argv,
        asking: false,
        cmd_asking: true,
        readonly: false,
        now,
    };
    if let Err(reply) = route(cluster.node(target), &request, cluster.nodes()) {
        return Err(reply.error_text().unwrap_or_default());
    }
    let keys = &mut cluster.node_mut(target).keys;
    if !replace && keys.live(key, now).is_some() {
        return Err("BUSYKEY Target key name already exists.".into());
    }
    keys.set(key, value, ttl.map(|t| now + t));
    Ok(())
}

/// No node listens there: a loopback address refuses at once (seen as the *writing* error on
/// real Redis 7.0); any other address times out while connecting.
fn unreachable_target(host: &[u8]) -> Reply {
    let loopback = host.starts_with(b"127.") || host.eq_ignore_ascii_case(b"localhost");
    Reply::Error(if loopback {
        "IOERR error or timeout writing to target instance".into()
    } else {
        "IOERR error or timeout connecting to the client".into()
    })
}
