//! The command table: names, arities, flags and where the keys are, as Redis 7.0 declares them.

use crate::args::is;

/// Where a command's keys are in its arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeySpec {
    /// The command has no keys and is never redirected.
    None,
    /// One key at this position.
    One(usize),
    /// Keys from `first` to the end, every `step` arguments.
    Range {
        /// The first key's position.
        first: usize,
        /// The distance between keys.
        step: usize,
    },
    /// MIGRATE's own rule: argument 3, or the arguments after `KEYS` when argument 3 is empty.
    Migrate,
}

/// One command the model knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommandSpec {
    /// The full name Redis prints in arity errors, such as `get` or `cluster|setslot`.
    pub name: &'static str,
    /// Redis arity: positive means exactly, negative means at least its absolute value.
    pub arity: i32,
    /// Whether the command writes (used when the cluster is down).
    pub write: bool,
    /// Where the keys are.
    pub keys: KeySpec,
}

const fn cmd(name: &'static str, arity: i32, write: bool, keys: KeySpec) -> CommandSpec {
    CommandSpec {
        name,
        arity,
        write,
        keys,
    }
}

/// The top-level commands the model implements.
pub const COMMANDS: &[CommandSpec] = &[
    cmd("get", 2, false, KeySpec::One(1)),
    cmd("set", -3, true, KeySpec::One(1)),
    cmd("del", -2, true, KeySpec::Range { first: 1, step: 1 }),
    cmd("exists", -2, false, KeySpec::Range { first: 1, step: 1 }),
    cmd("mget", -2, false, KeySpec::Range { first: 1, step: 1 }),
    cmd("mset", -3, true, KeySpec::Range { first: 1, step: 2 }),
    cmd("append", 3, true, KeySpec::One(1)),
    cmd("incr", 2, true, KeySpec::One(1)),
    cmd("pexpire", -3, true, KeySpec::One(1)),
    cmd("expire", -3, true, KeySpec::One(1)),
    cmd("ttl", 2, false, KeySpec::One(1)),
    cmd("pttl", 2, false, KeySpec::One(1)),
    cmd("dbsize", 1, false, KeySpec::None),
    cmd("migrate", -6, true, KeySpec::Migrate),
    cmd("asking", 1, false, KeySpec::None),
    cmd("readonly", 1, false, KeySpec::None),
    cmd("readwrite", 1, false, KeySpec::None),
    cmd("ping", -1, false, KeySpec::None),
    cmd("echo", 2, false, KeySpec::None),
    cmd("cluster", -2, false, KeySpec::None),
    cmd("multi", 1, false, KeySpec::None),
    cmd("exec", 1, false, KeySpec::None),
    cmd("discard", 1, false, KeySpec::None),
];

/// The `CLUSTER` subcommands the model implements.
pub const CLUSTER_SUBCOMMANDS: &[CommandSpec] = &[
    cmd("cluster|setslot", -4, false, KeySpec::None),
    cmd("cluster|keyslot", 3, false, KeySpec::None),
    cmd("cluster|countkeysinslot", 3, false, KeySpec::None),
    cmd("cluster|getkeysinslot", 4, false, KeySpec::None),
    cmd("cluster|nodes", 2, false, KeySpec::None),
    cmd("cluster|shards", 2, false, KeySpec::None),
    cmd("cluster|slots", 2, false, KeySpec::None),
    cmd("cluster|info", 2, false, KeySpec::None),
    cmd("cluster|myid", 2, false, KeySpec::None),
    cmd("cluster|meet", -4, false, KeySpec::None),
    cmd("cluster|addslots", -3, false, KeySpec::None),
    cmd("cluster|delslots", -3, false, KeySpec::None),
    cmd("cluster|bumpepoch", 2, false, KeySpec::None),
    cmd("cluster|help", 2, false, KeySpec::None),
];

/// The `CLUSTER` subcommands of Valkey 9 that the model knows in its Valkey mode.
pub const VALKEY_SUBCOMMANDS: &[CommandSpec] = &[
    cmd("cluster|migrateslots", -7, false, KeySpec::None),
    cmd("cluster|cancelslotmigrations", 2, false, KeySpec::None),
    cmd("cluster|getslotmigrations", 2, false, KeySpec::None),
];

/// Real Redis commands that SlotScope does not model; they get a clear error, not
/// Redis's unknown-command error.
pub const NOT_MODELLED: &[&str] = &[
    "auth",
    "bgsave",
    "client",
    "config",
    "copy",
    "debug",
    "decr",
    "decrby",
    "dump",
    "eval",
    "exec",
    "expireat",
    "flushall",
    "flushdb",
    "getdel",
    "getex",
    "getset",
    "hget",
    "hgetall",
    "hset",
    "incrby",
    "info",
    "keys",
    "lpush",
    "lrange",
    "monitor",
    "move",
    "msetnx",
    "multi",
    "object",
    "persist",
    "pexpireat",
    "psetex",
    "publish",
    "randomkey",
    "rename",
    "renamenx",
    "restore",
    "restore-asking",
    "rpush",
    "sadd",
    "scan",
    "select",
    "setex",
    "setnx",
    "smembers",
    "strlen",
    "subscribe",
    "touch",
    "type",
    "unlink",
    "wait",
    "zadd",
    "zrange",
];

/// The `CLUSTER` subcommands of real Redis 7.0 that SlotScope does not model.
pub const CLUSTER_NOT_MODELLED: &[&str] = &[
    "addslots",
    "addslotsrange",
    "bumpepoch",
    "count-failure-reports",
    "delslots",
    "delslotsrange",
    "failover",
    "flushslots",
    "forget",
    "links",
    "meet",
    "replicas",
    "replicate",
    "reset",
    "saveconfig",
    "set-config-epoch",
    "slaves",
];

/// What looking up a command found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A command the model implements.
    Found(&'static CommandSpec),
    /// A real command the model does not implement.
    NotModelled,
    /// An unknown `CLUSTER` subcommand.
    UnknownSubcommand,
    /// An unknown command.
    Unknown,
}

/// Finds the command for an argument vector, as Redis's `lookupCommand` does.
pub fn lookup(argv: &[Vec<u8>]) -> Lookup {
    lookup_for(argv, false)
}

/// [`lookup`], with Valkey 9's extra subcommands when `valkey` is set.
pub fn lookup_for(argv: &[Vec<u8>], valkey: bool) -> Lookup {
    let Some(first) = argv.first() else {
        return Lookup::Unknown;
    };
    let Some(spec) = COMMANDS.iter().find(|c| is(first, c.name)) else {
        return if NOT_MODELLED.iter().any(|n| is(first, n)) {
            Lookup::NotModelled
        } else {
            Lookup::Unknown
        };
    };
    if spec.name != "cluster" || argv.len() < 2 {
        return Lookup::Found(spec);
    }
    let sub = &argv[1];
    let extra: &[CommandSpec] = if valkey { VALKEY_SUBCOMMANDS } else { &[] };
    if let Some(s) = CLUSTER_SUBCOMMANDS
        .iter()
        .chain(extra)
        .find(|c| is(sub, &c.name["cluster|".len()..]))
    {
        Lookup::Found(s)
    } else if CLUSTER_NOT_MODELLED.iter().any(|n| is(sub, n)) {
        Lookup::NotModelled
    } else {
        Lookup::UnknownSubcommand
    }
}

impl CommandSpec {
    /// Whether `argc` arguments satisfy the arity.
    pub fn arity_ok(&self, argc: usize) -> bool {
        let argc = argc as i32;
        if self.arity > 0 {
            argc == self.arity
        } else {
            argc >= -self.arity
        }
    }

    /// The positions of the keys in `argv`.
    pub fn key_positions(&self, argv: &[Vec<u8>]) -> Vec<usize> {
        match self.keys {
            KeySpec::None => Vec::new(),
            KeySpec::One(p) => vec![p],
            KeySpec::Range { first, step } => (first..argv.len()).step_by(step).collect(),
            KeySpec::Migrate => migrate_keys(argv),
        }
    }
}

/// `migrateGetKeys`: argument 3, or the arguments after `KEYS` (skipping the arguments of
/// AUTH and AUTH2); no keys at all when `KEYS` follows a non-empty key argument.
fn migrate_keys(argv: &[Vec<u8>]) -> Vec<usize> {
    let mut i = 6;
    while i < argv.len() {
        if is(&argv[i], "keys") {
            if !argv[3].is_empty() {
                return Vec::new();
            }
            return (i + 1..argv.len()).collect();
        }
        if is(&argv[i], "auth") {
            i += 1;
        } else if is(&argv[i], "auth2") {
            i += 2;
        }
        i += 1;
    }
    vec![3]
}

/// All command names the console can complete, lower case.
pub fn names() -> impl Iterator<Item = &'static str> {
    COMMANDS
        .iter()
        .map(|c| c.name)
        .chain(CLUSTER_SUBCOMMANDS.iter().map(|c| c.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<Vec<u8>> {
        crate::args::split_args(s).unwrap()
    }

    #[test]
    fn lookup_finds_subcommands_case_insensitively() {
        match lookup(&argv("cluster SetSlot 1 stable")) {
            Lookup::Found(s) => assert_eq!(s.name, "cluster|setslot"),
            other => panic!("{other:?}"),
        }
        assert_eq!(lookup(&argv("CLUSTER FOO")), Lookup::UnknownSubcommand);
        assert_eq!(lookup(&argv("CLUSTER FORGET x")), Lookup::NotModelled);
        assert_eq!(lookup(&argv("HSET h f v")), Lookup::NotModelled);
        assert_eq!(lookup(&argv("FOO")), Lookup::Unknown);
    }

    #[test]
    fn migrate_keys_follow_redis_rules() {
        let spec = COMMANDS.iter().find(|c| c.name == "migrate").unwrap();
        let a = argv(r#"MIGRATE h 1 "" 0 10 REPLACE KEYS k1 k2"#);
        assert_eq!(spec.key_positions(&a), vec![8, 9]);
        let b = argv("MIGRATE h 1 k 0 10 KEYS k1");
        assert!(spec.key_positions(&b).is_empty());
        let c = argv(r#"MIGRATE h 1 "" 0 10 AUTH keys KEYS k1"#);
        assert_eq!(spec.key_positions(&c), vec![9]);
    }
}
