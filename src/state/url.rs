//! The page address as state: `?scenario=…&step=…&mode=…&speed=…&theme=…&lang=…`, `?quiz=<seed>`,
//! the embed options `embed=1&controls=0|1&panels=…`, and `#script=<encoded>` for a custom
//! timeline. Parsing never fails: a bad value falls back to the default with a short notice.

use crate::state::codec;
use crate::state::player::SPEED_LABELS;
use crate::state::prefs::Theme;
use crate::views::Mode;
use slotscope_model::scenario::by_id;
use slotscope_model::traffic::RATES;

/// The longest query string read; the rest is ignored.
const MAX_QUERY: usize = 4096;

/// The longest value echoed back in a notice.
const MAX_ECHO: usize = 40;

/// Embed mode's options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed {
    /// Whether the player bar shows.
    pub controls: bool,
    /// The panels shown, in order.
    pub panels: Vec<Mode>,
}

/// What an address asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Start {
    /// The built-in scenario's id.
    pub scenario: Option<&'static str>,
    /// A custom script, from `#script=`.
    pub script: Option<String>,
    /// The step.
    pub step: Option<usize>,
    /// The mode.
    pub mode: Option<Mode>,
    /// The speed, as an index into [`SPEEDS`].
    pub speed: Option<usize>,
    /// `requests=N`: a background client request after every N steps (it changes the
    /// timeline, so a step number means nothing without it).
    pub traffic: Option<usize>,
    /// The theme.
    pub theme: Option<Theme>,
    /// The quiz seed.
    pub quiz_seed: Option<u64>,
    /// Embed mode, if asked for.
    pub embed: Option<Embed>,
    /// What was ignored, and why.
    pub notices: Vec<String>,
    /// `reset=1`, from the panic panel's link: forget everything the app stored.
    pub reset: bool,
    /// `session=<hex>`: a timeline too long for a link, kept in this tab under its
    /// fingerprint.
    pub session: Option<String>,
}

/// A value as quoted in a notice: at most [`MAX_ECHO`] characters.
fn echo(v: &str) -> String {
    let mut s: String = v.chars().take(MAX_ECHO).collect();
    if v.chars().count() > MAX_ECHO {
        s.push('…');
    }
    format!("\"{s}\"")
}

impl Start {
    /// Parses a query string and a fragment (each with or without its `?` or `#`).
    pub fn parse(query: &str, fragment: &str) -> Start {
        let mut s = Start::default();
        let mut embed = false;
        let mut controls = true;
        let mut panels: Option<Vec<Mode>> = None;
        for (key, value) in pairs(query) {
            let bad = |what: &str| format!("Ignored {what} {}: ", echo(&value));
            match key.as_str() {
                "scenario" => match by_id(&value) {
                    Some(sc) => s.scenario = Some(sc.id),
                    None => s
                        .notices
                        .push(bad("the unknown scenario") + "showing the default."),
                },
                "step" => match value.parse::<usize>() {
                    Ok(n) => s.step = Some(n),
                    Err(_) => s
                        .notices
                        .push(bad("the step") + "steps are whole numbers from 0."),
                },
                "mode" => match Mode::from_id(&value) {
                    Some(m) => s.mode = Some(m),
                    None => s
                        .notices
                        .push(bad("the unknown mode") + "showing the animation."),
                },
                "requests" => match value.parse::<usize>() {
                    Ok(n) if RATES.iter().any(|&(r, _)| r == n) => s.traffic = Some(n),
                    _ => s
                        .notices
                        .push(bad("the request rate") + "rates are 0, 1, 2 and 4."),
                },
                "speed" => {
                    let v = value.trim_end_matches(['x', '×']);
                    let v = v.strip_suffix(".0").unwrap_or(v);
                    match SPEED_LABELS.iter().position(|&sp| sp == v) {
                        Some(i) => s.speed = Some(i),
                        None => s
                            .notices
                            .push(bad("the speed") + "speeds run from 0.25 to 4."),
                    }
                }
                "theme" => match Theme::from_id(&value) {
                    Some(t) => s.theme = Some(t),
                    None => s
                        .notices
                        .push(bad("the theme") + "themes are light, dark and auto."),
                },
                "lang" if !(value == "en" || value.starts_with("en-")) => {
                    s.notices
                        .push(bad("the language") + "SlotScope is in English only for now.");
                }
                "quiz" => match value.parse::<u64>() {
                    Ok(seed) => {
                        s.quiz_seed = Some(seed);
                        s.mode = Some(Mode::Quiz);
                    }
                    Err(_) => s
                        .notices
                        .push(bad("the quiz seed") + "seeds are whole numbers."),
                },
                "reset" => s.reset = value == "1",
                "session" => {
                    if !value.is_empty()
                        && value.len() <= 16
                        && value.bytes().all(|b| b.is_ascii_hexdigit())
                    {
                        s.session = Some(value.to_ascii_lowercase());
                    } else {
                        s.notices
                            .push(bad("the kept timeline") + "showing the default.");
                    }
                }
                "embed" => embed = value == "1" || value == "true",
                "controls" => controls = value != "0" && value != "false",
                "panels" => {
                    let mut list = Vec::new();
                    for id in value
                        .split(',')
                        .filter(|p| !p.is_empty())
                        .take(Mode::ALL.len())
                    {
                        match Mode::from_id(id) {
                            Some(m) if !list.contains(&m) => list.push(m),
                            Some(_) => {}
                            None => s
                                .notices
                                .push(format!("Ignored the unknown panel {}.", echo(id))),
                        }
                    }
                    panels = Some(list);
                }
                _ => {}
            }
        }
        if embed {
            let panels = panels
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| vec![Mode::Animation]);
            s.embed = Some(Embed { controls, panels });
        }
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        if let Some(encoded) = fragment.strip_prefix("script=") {
            match codec::decode(encoded) {
                Ok(text) => s.script = Some(text),
                Err(e) => s
                    .notices
                    .push(format!("Ignored the script in the link: {e}.")),
            }
        }
        s
    }

    /// The state the page's own address asks for.
    pub fn from_location() -> Start {
        let location = gloo::utils::window().location();
        Start::parse(
            &location.search().unwrap_or_default(),
            &location.hash().unwrap_or_default(),
        )
    }
}

/// The state to write into the address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written<'a> {
    /// The built-in scenario's id (`None` for a script of the learner's own); with `script`,
    /// the scenario that script changed.
    pub scenario: Option<&'a str>,
    /// The step.
    pub step: usize,
    /// The mode.
    pub mode: Mode,
    /// The speed index.
    pub speed: usize,
    /// The background-request rate (0: none).
    pub traffic: usize,
    /// The theme, if not automatic.
    pub theme: Option<Theme>,
    /// The quiz seed, shown when the quiz is.
    pub quiz_seed: u64,
    /// Embed options to keep.
    pub embed: Option<&'a Embed>,
    /// The encoded custom script, if any.
    pub script: Option<&'a str>,
    /// The fingerprint of a custom timeline kept in this tab instead (too long for a link).
    pub session: Option<&'a str>,
}

impl Written<'_> {
    /// The query and fragment, such as `?scenario=walkthrough&step=3&mode=table`.
    pub fn to_address(&self) -> String {
        let mut q: Vec<String> = Vec::new();
        if let Some(id) = self.scenario {
            q.push(format!("scenario={id}"));
        }
        q.push(format!("step={}", self.step));
        if self.mode == Mode::Quiz {
            q.push(format!("quiz={}", self.quiz_seed));
        } else if self.mode != Mode::Animation {
            q.push(format!("mode={}", self.mode.id()));
        }
        if self.traffic > 0 {
            q.push(format!("requests={}", self.traffic));
        }
        if SPEED_LABELS[self.speed] != "1" {
            q.push(format!("speed={}", SPEED_LABELS[self.speed]));
        }
        if let Some(t) = self.theme.filter(|&t| t != Theme::Auto) {
            q.push(format!("theme={}", t.id()));
        }
        if let Some(e) = self.embed {
            q.push("embed=1".into());
            if !e.controls {
                q.push("controls=0".into());
            }
            let panels: Vec<&str> = e.panels.iter().map(|m| m.id()).collect();
            q.push(format!("panels={}", panels.join(",")));
        }
        if let Some(f) = self.session {
            q.push(format!("session={f}"));
        }
        let mut out = format!("?{}", q.join("&"));
        if let Some(script) = self.script {
            out.push_str("#script=");
            out.push_str(script);
        }
        out
    }
}

/// The `key=value` pairs of a query string, percent-decoded, capped at [`MAX_QUERY`] bytes.
pub fn pairs(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut end = query.len().min(MAX_QUERY);
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    query[..end]
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decoding (`+` is a space); malformed escapes are kept as they are.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_address_round_trips() {
        let embed = Embed {
            controls: false,
            panels: vec![Mode::Animation, Mode::Table],
        };
        let w = Written {
            scenario: Some("reshard-100"),
            step: 42,
            mode: Mode::Tracker,
            speed: 6,
            traffic: 2,
            theme: Some(Theme::Dark),
            quiz_seed: 1,
            embed: Some(&embed),
            script: None,
            session: None,
        };
        let addr = w.to_address();
        let (q, f) = addr.split_once('#').unwrap_or((&addr, ""));
        let s = Start::parse(q, f);
        assert_eq!(s.scenario, Some("reshard-100"));
        assert_eq!(s.traffic, Some(2));
        assert_eq!(
            (s.step, s.mode, s.speed, s.theme),
            (Some(42), Some(Mode::Tracker), Some(6), Some(Theme::Dark))
        );
        assert_eq!(s.embed, Some(embed));
        assert!(s.notices.is_empty(), "{:?}", s.notices);
    }

    #[test]
    fn quiz_seed_opens_the_quiz() {
        let s = Start::parse("?quiz=42", "");
        assert_eq!((s.mode, s.quiz_seed), (Some(Mode::Quiz), Some(42)));
        assert_eq!(Start::parse("?quiz=-1", "").quiz_seed, None);
    }

    #[test]
    fn hostile_values_fall_back_with_a_notice() {
        let junk = "x".repeat(100_000);
        for q in [
            "scenario=nope".to_string(),
            "step=-3".into(),
            "step=99999999999999999999999".into(),
            "mode=%3Cscript%3E".into(),
            "speed=1e9".into(),
            "theme=neon".into(),
            "lang=fr".into(),
            "embed=1&panels=animation,bogus".into(),
            format!("scenario={junk}"),
        ] {
            let s = Start::parse(&q, "");
            assert_eq!(s.notices.len(), 1, "{q:.60}: {:?}", s.notices);
            assert!(s.notices[0].len() < 200);
        }
        let s = Start::parse("", "#script=1%%%");
        assert_eq!(s.script, None);
        assert_eq!(s.notices.len(), 1);
        assert_eq!(Start::parse(&junk, &junk), Start::default());
    }

    #[test]
    fn decoding_survives_junk() {
        assert_eq!(decode("a%20b+c"), "a b c");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%4"), "%4");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%e2%82%ac"), "€");
        assert_eq!(pairs(&"x".repeat(100_000)).len(), 1);
        assert_eq!(
            pairs("é=1&&b"),
            vec![("é".into(), "1".into()), ("b".into(), "".into())]
        );
    }
}
