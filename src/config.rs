//! `isagen.toml`: project configuration, found in the working folder or the nearest folder
//! above it (as ruff and typos find theirs), or named with `--config`.
//!
//! ```toml
//! [rules]
//! G002 = "off"                    # by code
//! review-due-soon = "error"       # or by name
//!
//! [lifecycle]
//! review_window_days = 90         # warn this many days before a review date
//! max_review_interval_months = 24 # warn when reviews are further apart
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::check::schema::closest;
use crate::diagnostic::Severity;
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
}

impl Default for LifecycleConfig {
    fn default() -> Self {
        LifecycleConfig {
            review_window_days: 60,
            max_review_interval_months: 36,
        }
    }
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

/// The nearest `isagen.toml` in `start` or a folder above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Reads and checks a configuration file. Paths in it are made relative to its folder.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: name.clone(),
        message: crate::load::discover::describe_io(&e),
    })?;
    let mut config = parse(&name, &text)?;
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
