//! The keyed string commands, run on the keyspace of the node that routing chose: GET, SET
//! (NX, XX, GET, EX, PX, EXAT, PXAT, KEEPTTL), DEL, EXISTS, MGET, MSET, APPEND, INCR,
//! PEXPIRE and EXPIRE (NX, XX, GT, LT), TTL, PTTL and DBSIZE, with Redis 7.0's errors.

use crate::args::{is, parse_i64};
use crate::command::Keyed;
use crate::keyspace::{Bytes, Keyspace};
use crate::reply::Reply;

const NOT_INTEGER: &str = "value is not an integer or out of range";

fn bytes(v: &[u8]) -> Bytes {
    Bytes::from(v)
}

/// Runs a string command on a keyspace at time `now`. Arity was checked by the caller.
pub fn run(cmd: Keyed, argv: &[Vec<u8>], keys: &mut Keyspace, now: u64) -> Reply {
    match cmd {
        Keyed::Get => get(keys, &argv[1], now),
        Keyed::Set => set(argv, keys, now),
        Keyed::Del => Reply::Integer(
            argv[1..]
                .iter()
                .filter(|k| keys.remove(k).is_some())
                .count() as i64,
        ),
        Keyed::Exists => Reply::Integer(
            argv[1..]
                .iter()
                .filter(|k| keys.live(k, now).is_some())
                .count() as i64,
        ),
        Keyed::Mget => Reply::Array(argv[1..].iter().map(|k| get(keys, k, now)).collect()),
        Keyed::Mset => mset(argv, keys),
        Keyed::Append => append(argv, keys, now),
        Keyed::Incr => incr(argv, keys, now),
        Keyed::Pexpire => expire(argv, keys, now, 1),
        Keyed::Expire => expire(argv, keys, now, 1000),
        Keyed::Ttl => ttl(keys, &argv[1], now, true),
        Keyed::Pttl => ttl(keys, &argv[1], now, false),
        Keyed::Dbsize => Reply::Integer(keys.len() as i64),
    }
}

fn get(keys: &Keyspace, key: &[u8], now: u64) -> Reply {
    keys.live(key, now)
        .map_or(Reply::Nil, |e| Reply::Bulk(e.value.clone()))
}

fn set(argv: &[Vec<u8>], keys: &mut Keyspace, now: u64) -> Reply {
    #[derive(PartialEq)]
    enum Ttl {
        Clear,
        Keep,
        At(i64),
    }
    let (mut nx, mut xx, mut get_old) = (false, false, false);
    let mut ttl = Ttl::Clear;
    let mut expire: Option<(&[u8], i64, bool)> = None; // arg, unit ms, absolute
    let mut expire_name: Option<&str> = None;
    let mut j = 3;
    while j < argv.len() {
        let opt = &argv[j];
        let has_next = j + 1 < argv.len();
        let no_expire = expire.is_none() && ttl != Ttl::Keep;
        // Redis lets an expire option repeat (the last one wins) but not mix with another.
        let same_expire = |o: &str| ttl != Ttl::Keep && expire_name.is_none_or(|e| e == o);
        if is(opt, "nx") && !xx {
            nx = true;
        } else if is(opt, "xx") && !nx {
            xx = true;
        } else if is(opt, "get") {
            get_old = true;
        } else if is(opt, "keepttl") && no_expire {
            ttl = Ttl::Keep;
        } else if let Some(&o) = ["ex", "px", "exat", "pxat"]
            .iter()
            .find(|o| is(opt, o) && same_expire(o) && has_next)
        {
            let unit = if o == "ex" || o == "exat" { 1000 } else { 1 };
            expire = Some((&argv[j + 1], unit, o.ends_with("at")));
            expire_name = Some(o);
            j += 1;
        } else {
            return Reply::err("syntax error");
        }
        j += 1;
    }
    if let Some((arg, unit, absolute)) = expire {
        let Some(n) = parse_i64(arg) else {
            return Reply::err(NOT_INTEGER);
        };
        if n <= 0 || (unit == 1000 && n > i64::MAX / 1000) {
            return Reply::err("invalid expire time in 'set' command");
        }
        let ms = n * unit;
        // Redis adds the clock to a relative time in a signed 64-bit sum, and refuses one that
        // overflows (it wraps to a negative time): `SET k v PX 9223372036854775807`.
        let ms = if absolute {
            Some(ms)
        } else {
            ms.checked_add(now as i64)
        };
        let Some(ms) = ms else {
            return Reply::err("invalid expire time in 'set' command");
        };
        ttl = Ttl::At(ms);
    }
    let old = keys.live(&argv[1], now).cloned();
    let found = old.is_some();
    let old_reply = old
        .as_ref()
        .map_or(Reply::Nil, |e| Reply::Bulk(e.value.clone()));
    if (nx && found) || (xx && !found) {
        return if get_old { old_reply } else { Reply::Nil };
    }
    let expire_at = match ttl {
        Ttl::Clear => None,
        Ttl::Keep => old.and_then(|e| e.expire_at()),
        Ttl::At(ms) => Some(ms.max(0) as u64),
    };
    keys.set(&argv[1], bytes(&argv[2]), expire_at);
    if expire_at.is_some_and(|t| t <= now) {
        keys.remove(&argv[1]);
    }
    if get_old {
        old_reply
    } else {
        Reply::ok()
    }
}

fn mset(argv: &[Vec<u8>], keys: &mut Keyspace) -> Reply {
    if argv.len() % 2 == 0 {
        return Reply::err("wrong number of arguments for 'mset' command");
    }
    for pair in argv[1..].chunks(2) {
        keys.set(&pair[0], bytes(&pair[1]), None);
    }
    Reply::ok()
}

fn append(argv: &[Vec<u8>], keys: &mut Keyspace, now: u64) -> Reply {
    let (mut value, expire_at) = match keys.live(&argv[1], now) {
        Some(e) => (e.value.to_vec(), e.expire_at()),
        None => (Vec::new(), None),
    };
    value.extend_from_slice(&argv[2]);
    let len = value.len();
    keys.set(&argv[1], Bytes::from(value), expire_at);
    Reply::Integer(len as i64)
}

fn incr(argv: &[Vec<u8>], keys: &mut Keyspace, now: u64) -> Reply {
    let (current, expire_at) = match keys.live(&argv[1], now) {
        Some(e) => match parse_i64(&e.value) {
            Some(n) => (n, e.expire_at()),
            None => return Reply::err(NOT_INTEGER),
        },
        None => (0, None),
    };
    let Some(next) = current.checked_add(1) else {
        return Reply::err("increment or decrement would overflow");
    };
    keys.set(&argv[1], bytes(next.to_string().as_bytes()), expire_at);
    Reply::Integer(next)
}

fn expire(argv: &[Vec<u8>], keys: &mut Keyspace, now: u64, unit: i64) -> Reply {
    let name = if unit == 1 { "pexpire" } else { "expire" };
    let (mut nx, mut xx, mut gt, mut lt) = (false, false, false, false);
    for opt in &argv[3..] {
        if is(opt, "nx") {
            nx = true;
        } else if is(opt, "xx") {
            xx = true;
        } else if is(opt, "gt") {
            gt = true;
        } else if is(opt, "lt") {
            lt = true;
        } else {
            return Reply::err(format!(
                "Unsupported option {}",
                String::from_utf8_lossy(opt)
            ));
        }
    }
    if nx && (xx || gt || lt) {
        return Reply::err("NX and XX, GT or LT options at the same time are not compatible");
    }
    if gt && lt {
        return Reply::err("GT and LT options at the same time are not compatible");
    }
    let Some(when) = parse_i64(&argv[2]) else {
        return Reply::err(NOT_INTEGER);
    };
    let invalid = || Reply::err(format!("invalid expire time in '{name}' command"));
    if unit == 1000 && !(i64::MIN / 1000..=i64::MAX / 1000).contains(&when) {
        return invalid();
    }
    let when = when * unit;
    let base = now as i64;
    if when > i64::MAX - base {
        return invalid();
    }
    let at = when + base;
    let Some(entry) = keys.live(&argv[1], now) else {
        return Reply::Integer(0);
    };
    let current = entry.expire_at().map(|t| t as i64);
    let refused = (nx && current.is_some())
        || (xx && current.is_none())
        || (gt && current.is_none_or(|c| at <= c))
        || (lt && current.is_some_and(|c| at >= c));
    if refused {
        return Reply::Integer(0);
    }
    if at <= base {
        keys.remove(&argv[1]);
    } else {
        keys.set_expire(&argv[1], Some(at as u64));
    }
    Reply::Integer(1)
}

fn ttl(keys: &Keyspace, key: &[u8], now: u64, seconds: bool) -> Reply {
    let Some(entry) = keys.live(key, now) else {
        return Reply::Integer(-2);
    };
    let Some(at) = entry.expire_at() else {
        return Reply::Integer(-1);
    };
    let ms = at.saturating_sub(now) as i64;
    Reply::Integer(if seconds { (ms + 500) / 1000 } else { ms })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::split_args;
    use crate::command::{lookup, Cmd, Lookup, Routed};

    fn run_line(line: &str, keys: &mut Keyspace) -> String {
        let argv = split_args(line).unwrap();
        let Lookup::Found(spec) = lookup(&argv) else {
            panic!("{line}: not a command");
        };
        let Cmd::Routed(Routed::Keyed(cmd)) = spec.cmd else {
            panic!("{line}: not a string command");
        };
        run(cmd, &argv, keys, 1_000).to_transcript()
    }

    #[test]
    fn set_options() {
        let mut ks = Keyspace::default();
        assert_eq!(run_line("SET k v EX 10", &mut ks), "+OK");
        assert_eq!(run_line("TTL k", &mut ks), "(integer) 10");
        assert_eq!(run_line("PTTL k", &mut ks), "(integer) 10000");
        assert_eq!(run_line("SET k w KEEPTTL", &mut ks), "+OK");
        assert_eq!(run_line("PTTL k", &mut ks), "(integer) 10000");
        assert_eq!(run_line("SET k x", &mut ks), "+OK");
        assert_eq!(run_line("TTL k", &mut ks), "(integer) -1");
        assert_eq!(run_line("SET k y NX", &mut ks), "(nil)");
        assert_eq!(run_line("SET k y XX GET", &mut ks), "\"x\"");
        assert_eq!(
            run_line("SET k y EX 0", &mut ks),
            "-ERR invalid expire time in 'set' command"
        );
        assert_eq!(
            run_line("SET k y EX x", &mut ks),
            "-ERR value is not an integer or out of range"
        );
        assert_eq!(run_line("SET k y EX", &mut ks), "-ERR syntax error");
        assert_eq!(run_line("SET k y NX XX", &mut ks), "-ERR syntax error");
        assert_eq!(run_line("SET k y EX 1 PX 1", &mut ks), "-ERR syntax error");
    }

    #[test]
    fn counters_and_expiry() {
        let mut ks = Keyspace::default();
        assert_eq!(run_line("INCR n", &mut ks), "(integer) 1");
        assert_eq!(run_line("APPEND n 0", &mut ks), "(integer) 2");
        assert_eq!(run_line("INCR n", &mut ks), "(integer) 11");
        assert_eq!(run_line("SET n 9223372036854775807", &mut ks), "+OK");
        assert_eq!(
            run_line("INCR n", &mut ks),
            "-ERR increment or decrement would overflow"
        );
        assert_eq!(run_line("SET s abc", &mut ks), "+OK");
        assert_eq!(
            run_line("INCR s", &mut ks),
            "-ERR value is not an integer or out of range"
        );
        assert_eq!(run_line("PEXPIRE s 500", &mut ks), "(integer) 1");
        assert_eq!(run_line("PEXPIRE s 100 GT", &mut ks), "(integer) 0");
        assert_eq!(
            run_line("PEXPIRE s 100 FOO", &mut ks),
            "-ERR Unsupported option FOO"
        );
        assert_eq!(run_line("PEXPIRE s 0", &mut ks), "(integer) 1");
        assert_eq!(run_line("EXISTS s n n", &mut ks), "(integer) 2");
        assert_eq!(run_line("DEL n n", &mut ks), "(integer) 1");
        assert_eq!(run_line("TTL n", &mut ks), "(integer) -2");
        assert_eq!(
            run_line("MSET a 1 b", &mut ks),
            "-ERR wrong number of arguments for 'mset' command"
        );
        assert_eq!(run_line("DBSIZE", &mut ks), "(integer) 0");
    }
}
