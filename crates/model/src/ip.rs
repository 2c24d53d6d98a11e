//! Node addresses as `CLUSTER MEET` checks them. Redis hands the text to the C library's
//! `inet_pton`, as IPv4 and then as IPv6 (`clusterStartHandshake`), so these follow glibc's
//! `inet_pton4` and `inet_pton6` rule for rule. `tests/ip.rs` checks them against glibc itself.

/// Whether `text` is an IPv4 or an IPv6 address. As in C, the text ends at its first NUL.
pub fn is_ip(text: &[u8]) -> bool {
    let text = text.split(|&b| b == 0).next().unwrap_or_default();
    is_ipv4(text) || is_ipv6(text)
}

/// Four decimal octets of at most 255, separated by dots, with no leading zeros and nothing
/// else.
fn is_ipv4(text: &[u8]) -> bool {
    let mut octets = 0;
    // The octet being read, once it has a digit.
    let mut octet: Option<u32> = None;
    for &c in text {
        match (c, octet) {
            (b'0'..=b'9', Some(0)) => return false,
            (b'0'..=b'9', _) => {
                if octet.is_none() {
                    octets += 1;
                }
                let v = octet.unwrap_or(0) * 10 + u32::from(c - b'0');
                if v > 255 {
                    return false;
                }
                octet = Some(v);
            }
            (b'.', Some(_)) if octets < 4 => octet = None,
            _ => return false,
        }
    }
    octets == 4
}

/// Eight groups of one to four hex digits separated by colons, where one `::` may stand for
/// one or more zero groups, and the last two groups may be written as an IPv4 address.
fn is_ipv6(text: &[u8]) -> bool {
    // A leading colon must be the start of a `::`.
    let text = match text {
        [] | [b':'] => return false,
        [b':', b':', ..] => &text[1..],
        [b':', ..] => return false,
        _ => text,
    };
    let mut groups = 0;
    let mut gap = false;
    let mut digits = 0;
    // Where the current group began, for an IPv4 tail.
    let mut token = 0;
    for (i, &c) in text.iter().enumerate() {
        if c.is_ascii_hexdigit() {
            if digits == 4 {
                return false;
            }
            digits += 1;
        } else if c == b':' {
            token = i + 1;
            if digits == 0 {
                if gap {
                    return false;
                }
                gap = true;
            } else if i + 1 == text.len() || groups == 8 {
                return false;
            } else {
                groups += 1;
                digits = 0;
            }
        } else if c == b'.' && groups + 2 <= 8 && is_ipv4(&text[token..]) {
            groups += 2;
            digits = 0;
            break;
        } else {
            return false;
        }
    }
    if digits > 0 {
        if groups == 8 {
            return false;
        }
        groups += 1;
    }
    // A `::` must stand for at least one group.
    if gap {
        groups < 8
    } else {
        groups == 8
    }
}

#[cfg(test)]
mod tests {
    use super::is_ip;

    #[test]
    fn addresses_as_inet_pton_reads_them() {
        for ok in [
            "127.0.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::",
            "::1",
            "1::",
            "fe80::1:2",
            "1:2:3:4:5:6:7:8",
            "::ffff:10.0.0.1",
            "1:2:3:4:5:6:1.2.3.4",
            "ABCD:ef01::",
            "127.0.0.1\0junk",
        ] {
            assert!(is_ip(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "",
            "localhost",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.",
            "1.2.3.256",
            "1..2.3",
            ":",
            ":1",
            "1:",
            ":::",
            "1::2::3",
            "12345::",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::8",
            "::1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::01.2.3.4",
            " 127.0.0.1",
        ] {
            assert!(!is_ip(bad.as_bytes()), "{bad}");
        }
    }
}
