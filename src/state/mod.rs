//! What the app holds and writes down: the player and its reducer, the address as state, the
//! `#script=` codec, the preferences and the quiz progress. Views read it; only the reducer and
//! the address change it.

pub mod codec;
pub mod open;
pub mod player;
pub mod prefs;
pub mod progress;
pub mod url;
