//! Display preferences that outlive a visit: the theme and the classroom size, kept in
//! localStorage and applied to the `<html>` element.

const THEME_KEY: &str = "slotscope.theme";
const CLASSROOM_KEY: &str = "slotscope.classroom";

/// The colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The id used in storage and in URLs.
    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Parses `auto`, `light` or `dark`.
    pub fn from_id(s: &str) -> Option<Theme> {
        [Theme::Auto, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.id() == s)
    }

    /// The theme after this one, for the toggle.
    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Auto,
        }
    }

    /// The toggle's label.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Auto => "Theme: auto",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }
}

/// The stored preferences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prefs {
    /// The theme.
    pub theme: Theme,
    /// Large text and tokens for projection.
    pub classroom: bool,
}

impl Prefs {
    /// Reads the stored preferences; anything unreadable falls back to the defaults.
    pub fn load() -> Prefs {
        // Earlier builds stored JSON strings ("\"dark\""); both forms read the same.
        let theme = crate::platform::storage::get(THEME_KEY)
            .and_then(|s| Theme::from_id(s.trim_matches('"')))
            .unwrap_or(Theme::Auto);
        let classroom = crate::platform::storage::get(CLASSROOM_KEY).as_deref() == Some("true");
        Prefs { theme, classroom }
    }

    /// Stores the preferences (quietly ignoring a full or disabled storage).
    pub fn save(self) {
        crate::platform::storage::set(THEME_KEY, self.theme.id());
        crate::platform::storage::set(CLASSROOM_KEY, if self.classroom { "true" } else { "false" });
    }

    /// Applies them to the document.
    pub fn apply(self) {
        let Some(root) = gloo::utils::document().document_element() else {
            return;
        };
        match self.theme {
            Theme::Auto => {
                let _ = root.remove_attribute("data-theme");
            }
            t => {
                let _ = root.set_attribute("data-theme", t.id());
            }
        }
        let _ = root
            .class_list()
            .toggle_with_force("classroom", self.classroom);
    }
}
