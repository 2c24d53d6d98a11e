//! Every bound that input can run into, in one place, each with what it protects against:
//! the size of scripts, lines and links, the length of timelines, the size of a cluster, and
//! the work one `wait` or one client request may do. The web app takes its link and loading
//! limits from here too, so the page and the model cannot disagree.
//!
//! Internal tuning that no input can reach (such as how many runs a slot's key list keeps
//! before `keyspace.rs` compacts it) stays beside the code it tunes.

/// The largest script `script::parse` accepts, in bytes (1 MiB), from any source: the CLI,
/// the tests, the built-in scenarios. It keeps a runaway file from being split into lines
/// and replayed at all.
pub const SCRIPT_BYTES: usize = 1 << 20;

/// The largest script a learner may load into the page, pasted or from a file, in bytes
/// (512 KiB): past it the page refuses before parsing, so a large file cannot freeze the tab.
pub const LOADED_SCRIPT_BYTES: usize = 512 * 1024;

/// The largest script a `#script=` link may carry once decoded, in bytes (64 KiB): it bounds
/// the LZ77 decoder's output, so a crafted link cannot inflate to megabytes.
pub const LINK_SCRIPT_BYTES: usize = 64 * 1024;

/// The longest encoded `#script=` fragment the page reads or writes, in bytes (16 KiB): a
/// longer address is refused before any decoding, and the page never offers a longer link.
pub const LINK_ENCODED_BYTES: usize = 16 * 1024;

/// The longest line the console accepts, in bytes (64 KiB): a pasted blob is refused before
/// it is split into arguments.
pub const CONSOLE_LINE_BYTES: usize = 64 * 1024;

/// The most keys a node may hold after a console command (1,000): an `MSET` of a huge paste
/// cannot make every later step copy and draw thousands of keys.
pub const CONSOLE_KEYS_PER_NODE: usize = 1000;

/// The most steps a timeline built by hand may have (10,000): the console stops there, and
/// a loaded script or a `#script=` link with more steps is refused, so the page's tables and
/// scrubber stay responsive.
pub const USER_TIMELINE_STEPS: usize = 10_000;

/// The most steps any timeline holds (200,000), the generated ones included: each step keeps
/// a snapshot, so this bounds a timeline's memory (the 1,000,000-key rebalance takes 86,019).
pub const TIMELINE_STEPS: usize = 200_000;

/// The most bytes of values and command lines a timeline's steps may create (64 MiB). Every
/// step keeps a snapshot; values that do not change are shared between snapshots, but a
/// value that grows is copied whole at each step (`APPEND` on a large value), so 10,000
/// steps of a growing value could reach gigabytes. Each step counts its line and, for
/// `APPEND`, the length of the value it leaves (`Timeline::kept_bytes`).
pub const TIMELINE_VALUE_BYTES: usize = 64 << 20;

/// The most masters a model cluster may have (16): node indices fit a byte, and every
/// heartbeat round sends a message from each node to each other one.
pub const CLUSTER_NODES: usize = 16;

/// The longest node name on a cluster line, in bytes (16): names are labels on cards and in
/// every step's text.
pub const NODE_NAME_BYTES: usize = 16;

/// The longest `sleep` a script line may ask for, in milliseconds (one day): the model clock
/// cannot be pushed towards overflow, and expiry stays meaningful.
pub const SLEEP_MS: u64 = 86_400_000;

/// The most heartbeat rounds one `wait` runs before it reports that the views still disagree
/// (10): gossip that never settles cannot loop for ever.
pub const WAIT_ROUNDS: usize = 10;

/// The most redirections the smart client follows for one request (16) before it gives up, as
/// real clients do: a `MOVED` or `TRYAGAIN` loop ends with an error instead of spinning.
pub const CLIENT_REDIRECTS: usize = 16;
