//! `isagen.toml`: project configuration, found in the working folder or the nearest folder
//! above it, up to the root of the git repository (as ruff and typos find theirs), or named
//! with `--config`. The search never leaves the repository: a file in a shared folder above
//! it (`/tmp`, a home folder) cannot switch rules off or swap templates unasked. Reports say
//! which file was used.
//!
//! ```toml
//! [rules]
//! G002 = "off"                    # by code
//! review-due-soon = "error"       # or by name
//!
//! [lifecycle]
//! review_window_days = 90         # warn this many days before a review date
//! max_review_interval_months = 24 # warn when reviews are further apart
//! as_of = 2026-11-22              # judge dates as of this day (specimens, not live documents)
//!
//! [files]
//! exclude = ["k8s/**", "*.draft.yaml"] # leave these out of a folder search
//! [governance]
//! partner_notification_hours = 24 # house rule: warn when partners allow longer to report a breach
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::model::Date;
use crate::rules::helpers::closest;
use crate::rules::{self, Family};

/// The configuration file's name.
pub const FILE_NAME: &str = "isagen.toml";

/// The configuration as written.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Severity overrides by rule code or name: `error`, `warning`, `info` or `off`.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Settings for the lifecycle rules.
    #[serde(default)]
    pub lifecycle: LifecycleConfig,
    /// House style for rendered documents.
    #[serde(default)]
    pub style: StyleConfig,
    /// Where `isagen render` finds its templates.
    #[serde(default)]
    pub render: RenderConfig,
    /// The file this configuration was read from; `None` for the built-in defaults.
    #[serde(skip)]
    pub source: Option<PathBuf>,
    /// Which files a folder search leaves out (`[files]`).
    #[serde(default)]
    pub files: FilesConfig,
    /// Settings for the governance rules (house rules, which no statute sets).
    #[serde(default)]
    pub governance: GovernanceConfig,
}

/// Which files a folder search reads (`[files]`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilesConfig {
    /// Globs of files and folders to leave out of a folder search (`exclude = ["k8s/**",
    /// "*.draft.yaml"]`), matched relative to the folder of `isagen.toml`, the working folder
    /// and the folder searched. A file named on the command line is read all the same.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Globs given with `--exclude` on the command line, added to `exclude`.
    #[serde(skip)]
    pub command_line_exclude: Vec<String>,
}

impl Config {
    /// The exclusions in force: `[files] exclude` and `--exclude`.
    pub fn exclude(&self) -> Result<crate::load::select::Exclude, crate::load::select::GlobError> {
        let mut globs = self.files.exclude.clone();
        globs.extend(self.files.command_line_exclude.iter().cloned());
        let mut bases = vec![std::env::current_dir().unwrap_or_default()];
        if let Some(folder) = self.source.as_ref().and_then(|p| p.parent()) {
            bases.push(folder.to_path_buf());
        }
        crate::load::select::Exclude::new(&globs, &bases)
    }
}

/// Settings for the governance rules (`[governance]`).
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GovernanceConfig {
    /// The longest time, in hours, partners may allow themselves to tell each other of a
    /// breach before `slow-breach-notification` (G005) warns. A house rule: UK GDPR Article 33
    /// gives each controller 72 hours from its own awareness and sets no deadline between
    /// partners (default 72).
    pub partner_notification_hours: u32,
}

impl Default for GovernanceConfig {
    fn default() -> Self {
        GovernanceConfig {
            partner_notification_hours: 72,
        }
    }
}

/// House style for Word documents (`[style]`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleConfig {
    /// The font for body text and headings (default Arial).
    pub font: Option<String>,
    /// The accent colour for headings and table headers, as six hex digits (default 1F4E79).
    pub accent_colour: Option<String>,
    /// The organisation named on the title page.
    pub organisation: Option<String>,
    /// A PNG logo for the title page, relative to `isagen.toml`.
    pub logo: Option<std::path::PathBuf>,
}

/// Rendering settings (`[render]`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenderConfig {
    /// A folder of templates overriding the built-in ones, relative to `isagen.toml`.
    pub templates: Option<std::path::PathBuf>,
}

/// A severity override.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as information.
    Info,
    /// Do not run the rule.
    Off,
}

/// Settings for the lifecycle rules.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LifecycleConfig {
    /// How many days before a review date `review-due-soon` starts to warn.
    pub review_window_days: u32,
    /// The longest gap between reviews, in months, before `review-interval-too-long` warns.
    pub max_review_interval_months: u32,
    /// Judge review and expiry dates as of this day instead of the system date, for a
    /// folder of specimen definitions that must check the same on any day (isagen's own
    /// examples). `--today` overrides it, and every report says when it is in force, so it
    /// cannot quietly hide an overdue review in a real repository.
    #[serde(deserialize_with = "as_of_date")]
    pub as_of: Option<Date>,
}

impl Default for LifecycleConfig {
    fn default() -> Self {
        LifecycleConfig {
            review_window_days: 60,
            max_review_interval_months: 36,
            as_of: None,
        }
    }
}

/// Reads `as_of` written as a TOML date (`2026-11-22`) or as a string (`"2026-11-22"`).
fn as_of_date<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Date(toml::value::Datetime),
        Text(String),
    }
    // A TOML date with a time or offset prints them, so `Date::parse` refuses it.
    let text = match Written::deserialize(deserializer)? {
        Written::Date(datetime) => datetime.to_string(),
        Written::Text(text) => text,
    };
    Date::parse(&text).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "`{text}` is not a date of the form YYYY-MM-DD (a day, with no time)"
        ))
    })
}

/// A configuration file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    /// The file.
    pub path: String,
    /// What is wrong, with line and column where known.
    pub message: String,
}

/// The `isagen.toml` that applies in `start`: the nearest one in `start` or a folder above
/// it, searching no higher than the root of the git repository `start` is in (the nearest
/// folder holding `.git`, a folder or, in a worktree, a file). Outside a repository only
/// `start` itself is searched.
pub fn find(start: &Path) -> Option<PathBuf> {
    let root = start.ancestors().find(|dir| dir.join(".git").exists());
    let searched = start.ancestors().take(match root {
        Some(root) => start.ancestors().take_while(|dir| *dir != root).count() + 1,
        None => 1,
    });
    searched
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Reads and checks a configuration file. Paths in it are made relative to its folder.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let name = path.display().to_string();
    // Bounded by what is read, not by the file's reported size: `--config /dev/zero` ends.
    let text =
        crate::load::read_bounded_to_string(path, crate::load::MAX_CONFIG_BYTES).map_err(|e| {
            ConfigError {
                path: name.clone(),
                message: e.to_string(),
            }
        })?;
    let mut config = parse(&name, &text)?;
    config.source = Some(path.to_path_buf());
    if let Some(folder) = path.parent() {
        if let Some(templates) = &config.render.templates {
            config.render.templates = Some(folder.join(templates));
        }
        if let Some(logo) = &config.style.logo {
            config.style.logo = Some(folder.join(logo));
        }
    }
    Ok(config)
}

/// Parses configuration text and checks that every rule it names exists and may be changed.
pub fn parse(name: &str, text: &str) -> Result<Config, ConfigError> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let message = match e.span() {
            Some(span) => {
                let line = text[..span.start].matches('\n').count() + 1;
                let column = text[..span.start]
                    .rsplit('\n')
                    .next()
                    .map_or(0, |l| l.chars().count())
                    + 1;
                format!("{line}:{column}: {}", e.message())
            }
            None => e.message().to_string(),
        };
        ConfigError {
            path: name.to_string(),
            message,
        }
    })?;
    if let Some(colour) = &config.style.accent_colour
        && !(colour.len() == 6 && colour.chars().all(|c| c.is_ascii_hexdigit()))
    {
        return Err(ConfigError {
            path: name.to_string(),
            message: format!(
                "[style] accent_colour `{colour}` is not six hex digits, for example \"1F4E79\""
            ),
        });
    }
    for key in config.rules.keys() {
        let Some(rule) = rules::find(key) else {
            let all = rules::registry();
            let names = all.iter().flat_map(|r| [r.code, r.name]);
            let hint = closest(key, names)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            return Err(ConfigError {
                path: name.to_string(),
                message: format!(
                    "[rules] names `{key}`, which is not a rule{hint}; `isagen rules` lists them"
                ),
            });
        };
        if rule.family == Family::Schema {
            return Err(ConfigError {
                path: name.to_string(),
                message: format!(
                    "[rules] cannot change `{key}`: schema rules ({}) always apply, since no other rule can read an invalid file",
                    rule.code
                ),
            });
        }
    }
    Ok(config)
}

impl Config {
    /// The severity `rule` runs at, or `None` when it is switched off.
    pub fn severity(&self, rule: &rules::Rule) -> Option<Severity> {
        let level = self
            .rules
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(rule.code) || key.as_str() == rule.name)
            .map(|(_, level)| *level);
        match level {
            None => Some(rule.severity),
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Info) => Some(Severity::Info),
            Some(Level::Off) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_by_code_or_name() {
        let config = parse(
            "t",
            "[rules]\nl007 = \"off\"\nsignature-not-current-version = \"error\"\n",
        )
        .unwrap();
        let l007 = rules::find("L007").unwrap();
        assert_eq!(config.severity(l007), None);
        let signature = rules::find("signature-not-current-version").unwrap();
        assert_eq!(config.severity(signature), Some(Severity::Error));
        let untouched = rules::find("L001").unwrap();
        assert_eq!(config.severity(untouched), Some(Severity::Error));
    }

    #[test]
    fn rejects_unknown_rules_schema_rules_and_fields() {
        let e = parse("t", "[rules]\nsignature-not-curent-version = \"off\"\n").unwrap_err();
        assert!(
            e.message
                .contains("did you mean `signature-not-current-version`"),
            "{}",
            e.message
        );
        let e = parse("t", "[rules]\nS001 = \"off\"\n").unwrap_err();
        assert!(e.message.contains("always apply"));
        let e = parse("t", "[lifecycle]\nwindow = 3\n").unwrap_err();
        assert!(e.message.starts_with("2:1:"), "{}", e.message);
    }
}
