//! The command table: names, arities, flags and where the keys are (MIGRATE's own rule
//! included), as Redis 7.0 declares them, and [`lookup`]. Each row carries a [`Cmd`], the
//! enum that dispatch in `cluster.rs`, `keyed.rs` and `cluster_cmd.rs` matches exhaustively,
//! so a command is a table row plus a match arm the compiler asks for. Anything without a
//! row is unknown, whether or not real Redis has it, and gets Redis's unknown-command error.

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

/// Every command the model implements, as dispatch matches it: a misspelt command is a
/// compile error, not a reply. MULTI, EXEC and DISCARD act on the connection at once; every
/// other command is [`Cmd::Routed`]: routed first (and queued inside MULTI), then run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmd {
    /// `MULTI`: the connection queues its commands from now on.
    Multi,
    /// `EXEC`: runs the queued commands, or aborts if one failed to queue.
    Exec,
    /// `DISCARD`: drops the queue.
    Discard,
    /// A command that routing may redirect, run by [`crate::cluster::Cluster::execute`].
    Routed(Routed),
}

/// The commands that are routed (and queued inside MULTI) before they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Routed {
    /// A string command on the routed node's keys, run by [`crate::keyed`].
    Keyed(Keyed),
    /// A `CLUSTER` subcommand, run by [`crate::cluster_cmd`].
    Cluster(ClusterCmd),
    /// `MIGRATE`, run by [`crate::migrate`].
    Migrate,
    /// `RESTORE-ASKING`: only MIGRATE sends it, inside the model, to its target
    /// ([`crate::migrate`]); no table row names it, so a client's RESTORE-ASKING is an
    /// unknown command.
    RestoreAsking,
    /// `ASKING`: the next command may be served from an importing slot.
    Asking,
    /// `READONLY`: a replica may serve reads.
    Readonly,
    /// `READWRITE`: undoes READONLY.
    Readwrite,
    /// `PING [message]`.
    Ping,
    /// `ECHO message`.
    Echo,
}

/// The string commands of [`crate::keyed`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keyed {
    /// `GET key`.
    Get,
    /// `SET key value [NX|XX] [GET] [EX|PX|EXAT|PXAT n|KEEPTTL]`.
    Set,
    /// `DEL key...`.
    Del,
    /// `EXISTS key...`.
    Exists,
    /// `MGET key...`.
    Mget,
    /// `MSET key value...`.
    Mset,
    /// `APPEND key value`.
    Append,
    /// `INCR key`.
    Incr,
    /// `PEXPIRE key ms [NX|XX|GT|LT]`.
    Pexpire,
    /// `EXPIRE key s [NX|XX|GT|LT]`.
    Expire,
    /// `TTL key`.
    Ttl,
    /// `PTTL key`.
    Pttl,
    /// `DBSIZE`.
    Dbsize,
}

/// The `CLUSTER` subcommands of [`crate::cluster_cmd`] (the last three of [`crate::atomic`],
/// in Valkey 9 mode only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClusterCmd {
    /// `CLUSTER SETSLOT slot IMPORTING|MIGRATING|STABLE|NODE [id]`.
    Setslot,
    /// `CLUSTER KEYSLOT key`.
    Keyslot,
    /// `CLUSTER COUNTKEYSINSLOT slot`.
    Countkeysinslot,
    /// `CLUSTER GETKEYSINSLOT slot count`.
    Getkeysinslot,
    /// `CLUSTER NODES`.
    Nodes,
    /// `CLUSTER SHARDS`.
    Shards,
    /// `CLUSTER SLOTS`.
    Slots,
    /// `CLUSTER INFO`.
    Info,
    /// `CLUSTER MYID`.
    Myid,
    /// `CLUSTER MEET ip port [cport]`.
    Meet,
    /// `CLUSTER ADDSLOTS slot...`.
    Addslots,
    /// `CLUSTER DELSLOTS slot...`.
    Delslots,
    /// `CLUSTER BUMPEPOCH`.
    Bumpepoch,
    /// `CLUSTER HELP`. The `CLUSTER` row itself carries it too: alone, `CLUSTER` fails its
    /// arity, so only its subcommands ever run.
    Help,
    /// Valkey 9's `CLUSTER MIGRATESLOTS SLOTSRANGE s e ... NODE id ...`.
    Migrateslots,
    /// Valkey 9's `CLUSTER CANCELSLOTMIGRATIONS`.
    Cancelslotmigrations,
    /// Valkey 9's `CLUSTER GETSLOTMIGRATIONS`.
    Getslotmigrations,
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
    /// Which command it is, for dispatch.
    pub cmd: Cmd,
}

/// A row of a command table.
const fn cmd(name: &'static str, arity: i32, write: bool, keys: KeySpec, cmd: Cmd) -> CommandSpec {
    CommandSpec {
        name,
        arity,
        write,
        keys,
        cmd,
    }
}

/// A row for a routed command.
const fn routed(
    name: &'static str,
    arity: i32,
    write: bool,
    keys: KeySpec,
    r: Routed,
) -> CommandSpec {
    cmd(name, arity, write, keys, Cmd::Routed(r))
}

/// A row for a string command.
const fn keyed(
    name: &'static str,
    arity: i32,
    write: bool,
    keys: KeySpec,
    k: Keyed,
) -> CommandSpec {
    routed(name, arity, write, keys, Routed::Keyed(k))
}

/// A row for a `CLUSTER` subcommand (no keys, no writes).
const fn sub(name: &'static str, arity: i32, c: ClusterCmd) -> CommandSpec {
    routed(name, arity, false, KeySpec::None, Routed::Cluster(c))
}

/// Every argument after the name is a key (DEL, EXISTS, MGET).
const EVERY_ARG: KeySpec = KeySpec::Range { first: 1, step: 1 };

/// Keys and values alternate after the name (MSET).
const KEY_VALUE_PAIRS: KeySpec = KeySpec::Range { first: 1, step: 2 };

/// The top-level commands the model implements.
pub const COMMANDS: &[CommandSpec] = &[
    keyed("get", 2, false, KeySpec::One(1), Keyed::Get),
    keyed("set", -3, true, KeySpec::One(1), Keyed::Set),
    keyed("del", -2, true, EVERY_ARG, Keyed::Del),
    keyed("exists", -2, false, EVERY_ARG, Keyed::Exists),
    keyed("mget", -2, false, EVERY_ARG, Keyed::Mget),
    keyed("mset", -3, true, KEY_VALUE_PAIRS, Keyed::Mset),
    keyed("append", 3, true, KeySpec::One(1), Keyed::Append),
    keyed("incr", 2, true, KeySpec::One(1), Keyed::Incr),
    keyed("pexpire", -3, true, KeySpec::One(1), Keyed::Pexpire),
    keyed("expire", -3, true, KeySpec::One(1), Keyed::Expire),
    keyed("ttl", 2, false, KeySpec::One(1), Keyed::Ttl),
    keyed("pttl", 2, false, KeySpec::One(1), Keyed::Pttl),
    keyed("dbsize", 1, false, KeySpec::None, Keyed::Dbsize),
    routed("migrate", -6, true, KeySpec::Migrate, Routed::Migrate),
    routed("asking", 1, false, KeySpec::None, Routed::Asking),
    routed("readonly", 1, false, KeySpec::None, Routed::Readonly),
    routed("readwrite", 1, false, KeySpec::None, Routed::Readwrite),
    routed("ping", -1, false, KeySpec::None, Routed::Ping),
    routed("echo", 2, false, KeySpec::None, Routed::Echo),
    // The container: `lookup` goes on to its subcommands, so alone it only fails its arity.
    sub("cluster", -2, ClusterCmd::Help),
    cmd("multi", 1, false, KeySpec::None, Cmd::Multi),
    cmd("exec", 1, false, KeySpec::None, Cmd::Exec),
    cmd("discard", 1, false, KeySpec::None, Cmd::Discard),
];

/// The `CLUSTER` subcommands the model implements.
pub const CLUSTER_SUBCOMMANDS: &[CommandSpec] = &[
    sub("cluster|setslot", -4, ClusterCmd::Setslot),
    sub("cluster|keyslot", 3, ClusterCmd::Keyslot),
    sub("cluster|countkeysinslot", 3, ClusterCmd::Countkeysinslot),
    sub("cluster|getkeysinslot", 4, ClusterCmd::Getkeysinslot),
    sub("cluster|nodes", 2, ClusterCmd::Nodes),
    sub("cluster|shards", 2, ClusterCmd::Shards),
    sub("cluster|slots", 2, ClusterCmd::Slots),
    sub("cluster|info", 2, ClusterCmd::Info),
    sub("cluster|myid", 2, ClusterCmd::Myid),
    sub("cluster|meet", -4, ClusterCmd::Meet),
    sub("cluster|addslots", -3, ClusterCmd::Addslots),
    sub("cluster|delslots", -3, ClusterCmd::Delslots),
    sub("cluster|bumpepoch", 2, ClusterCmd::Bumpepoch),
    sub("cluster|help", 2, ClusterCmd::Help),
];

/// The `CLUSTER` subcommands of Valkey 9 that the model knows in its Valkey mode.
pub const VALKEY_SUBCOMMANDS: &[CommandSpec] = &[
    sub("cluster|migrateslots", -7, ClusterCmd::Migrateslots),
    sub(
        "cluster|cancelslotmigrations",
        2,
        ClusterCmd::Cancelslotmigrations,
    ),
    sub(
        "cluster|getslotmigrations",
        2,
        ClusterCmd::Getslotmigrations,
    ),
];

/// How `RESTORE-ASKING` is declared: one key, a write, with the CMD_ASKING flag. Not in any
/// table: only MIGRATE sends it, to route the target's side (see [`Routed::RestoreAsking`]).
pub const RESTORE_ASKING: CommandSpec = routed(
    "restore-asking",
    -4,
    true,
    KeySpec::One(1),
    Routed::RestoreAsking,
);

/// What looking up a command found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A command the model implements (its arity not yet checked).
    Found(&'static CommandSpec),
    /// A `CLUSTER` subcommand the model does not implement, whether or not real Redis has it.
    UnknownSubcommand,
    /// A command the model does not implement, whether or not real Redis has it.
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
        return Lookup::Unknown;
    };
    if !matches!(spec.cmd, Cmd::Routed(Routed::Cluster(_))) || argv.len() < 2 {
        return Lookup::Found(spec);
    }
    let sub = &argv[1];
    let extra: &[CommandSpec] = if valkey { VALKEY_SUBCOMMANDS } else { &[] };
    match CLUSTER_SUBCOMMANDS
        .iter()
        .chain(extra)
        .find(|c| is(sub, c.word()))
    {
        Some(s) => Lookup::Found(s),
        None => Lookup::UnknownSubcommand,
    }
}

impl CommandSpec {
    /// The word a user types for it: the name after its container's `|` (`setslot` for
    /// `cluster|setslot`), else the whole name.
    pub fn word(&self) -> &'static str {
        match self.name.split_once('|') {
            Some((_, word)) => word,
            None => self.name,
        }
    }

    /// How `help` lists it: the words a user types, in capitals (`CLUSTER SETSLOT`).
    pub fn typed(&self) -> String {
        self.name.replace('|', " ").to_ascii_uppercase()
    }

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

/// Every command of Redis 7 mode that `help` lists and the console completes: the top-level
/// commands, then the `CLUSTER` subcommands.
pub fn specs() -> impl Iterator<Item = &'static CommandSpec> {
    COMMANDS.iter().chain(CLUSTER_SUBCOMMANDS)
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
        // A real subcommand or command the model lacks is as unknown as one Redis lacks.
        assert_eq!(lookup(&argv("CLUSTER FORGET x")), Lookup::UnknownSubcommand);
        assert_eq!(lookup(&argv("HSET h f v")), Lookup::Unknown);
        assert_eq!(lookup(&argv("FOO")), Lookup::Unknown);
        assert_eq!(
            lookup(&argv("CLUSTER MIGRATESLOTS x")),
            Lookup::UnknownSubcommand
        );
        assert!(matches!(
            lookup_for(&argv("CLUSTER MIGRATESLOTS x"), true),
            Lookup::Found(s) if s.cmd == Cmd::Routed(Routed::Cluster(ClusterCmd::Migrateslots))
        ));
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

    /// The tables do not overlap: no name in two rows, no command in two rows (but HELP,
    /// which the `CLUSTER` row carries too), subcommands only in the subcommand tables, and
    /// `RESTORE-ASKING` in none. A row copied under a new name, or a subcommand filed as a
    /// command, fails here instead of shadowing another.
    #[test]
    fn the_tables_do_not_overlap() {
        let subs: Vec<&CommandSpec> = CLUSTER_SUBCOMMANDS
            .iter()
            .chain(VALKEY_SUBCOMMANDS)
            .collect();
        let all: Vec<&CommandSpec> = COMMANDS.iter().chain(subs.iter().copied()).collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[..i] {
                assert_ne!(a.name, b.name, "{} is in two rows", a.name);
                let container = |c: &CommandSpec| c.name == "cluster";
                if !container(a) && !container(b) {
                    assert_ne!(a.cmd, b.cmd, "{} and {} are one command", a.name, b.name);
                }
            }
            assert_ne!(a.cmd, RESTORE_ASKING.cmd, "{}", a.name);
            assert_eq!(a.name, a.name.to_ascii_lowercase());
        }
        for s in &subs {
            assert!(
                matches!(s.cmd, Cmd::Routed(Routed::Cluster(_))),
                "{}",
                s.name
            );
            assert_eq!(s.name, format!("cluster|{}", s.word()));
        }
        for c in COMMANDS.iter().filter(|c| c.name != "cluster") {
            assert!(
                !matches!(c.cmd, Cmd::Routed(Routed::Cluster(_))),
                "{}",
                c.name
            );
            assert_eq!(c.word(), c.name);
        }
    }
}
