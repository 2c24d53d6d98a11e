//! `ip::is_ip` against the C library that real Redis calls: glibc's `inet_pton`, as IPv4 and
//! then as IPv6, on the edge cases and on random text made of the characters addresses use.
#![cfg(all(target_os = "linux", target_env = "gnu"))]
// Test code goes into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

use proptest::prelude::*;
use slotscope_model::ip::is_ip;
use std::ffi::{c_char, c_int, c_void, CString};

const AF_INET: c_int = 2;
const AF_INET6: c_int = 10;

extern "C" {
    fn inet_pton(af: c_int, src: *const c_char, dst: *mut c_void) -> c_int;
}

/// What `clusterStartHandshake` asks: IPv4, else IPv6.
fn glibc(text: &str) -> bool {
    let c = CString::new(text).expect("no NUL in the test text");
    let mut buf = [0u8; 16];
    // SAFETY: `c` is NUL-terminated and `buf` holds an in6_addr (16 bytes), the larger of
    // the two results.
    unsafe {
        inet_pton(AF_INET, c.as_ptr(), buf.as_mut_ptr().cast()) == 1
            || inet_pton(AF_INET6, c.as_ptr(), buf.as_mut_ptr().cast()) == 1
    }
}

#[test]
fn edge_cases_agree_with_glibc() {
    let cases = [
        "127.0.0.1",
        "0.0.0.0",
        "255.255.255.255",
        "256.0.0.1",
        "01.0.0.1",
        "1.2.3",
        "1.2.3.4.",
        ".1.2.3.4",
        "1.2.3.04",
        "1.2.3.0",
        "1..3.4",
        "1.2.3.4 ",
        "::",
        ":",
        ":::",
        "::1",
        "1::",
        "1:",
        ":1",
        "1::2::3",
        "fe80::1",
        "FE80::AbCd",
        "12345::",
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7::",
        "1:2:3:4:5:6:7::8",
        "::1:2:3:4:5:6:7",
        "::1:2:3:4:5:6:7:8",
        "::ffff:1.2.3.4",
        "::1.2.3.4",
        "1:2:3:4:5:6:1.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4",
        "1:2:3:4:5::1.2.3.4",
        "::01.2.3.4",
        "::1.2.3",
        "1.2.3.4::",
        "::1.2.3.4:5",
        "1::1.2.3.4",
        "0:0:0:0:0:0:0:0",
        "g::1",
        "1:2:3:4:5:6:7:8:",
        "localhost",
    ];
    for text in cases {
        assert_eq!(is_ip(text.as_bytes()), glibc(text), "{text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn random_text_agrees_with_glibc(text in "[0-9a-fA-F:.g ]{0,45}") {
        prop_assert_eq!(is_ip(text.as_bytes()), glibc(&text), "{:?}", text);
    }

    #[test]
    fn address_like_text_agrees_with_glibc(
        parts in prop::collection::vec("(0|1|25[0-6]|0[0-9]|[0-9]{1,3}|[0-9a-f]{1,5}|)", 1..10),
        seps in prop::collection::vec("(:|::|\\.|)", 9),
    ) {
        let mut text = String::new();
        for (i, p) in parts.iter().enumerate() {
            text.push_str(p);
            if i + 1 < parts.len() {
                text.push_str(&seps[i]);
            }
        }
        prop_assert_eq!(is_ip(text.as_bytes()), glibc(&text), "{:?}", text);
    }
}
