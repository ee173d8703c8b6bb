//! Applies the exceptions definitions record (`exceptions:`, [`crate::model::Exception`]) to
//! the findings, once every rule has run over every file.
//!
//! - Each exception is resolved against its own file when the file is loaded ([`record`]):
//!   `about` becomes the JSON pointers of the entries with that id (`id`, `partner`, `party`
//!   or `destination`), `path` the pointer it names (a list entry may be named by its id).
//!   Only these pointers and a few locations are kept, so exceptions cost nothing when the
//!   agreements themselves are dropped.
//! - A finding is accepted by the first exception in force in its own file that names its
//!   rule, whose places contain the finding's pointer, and whose `party` (if any) the message
//!   names; every exception that names it counts as in use. It
//!   moves from the findings to the suppressed list, with the exception: every report shows
//!   it as accepted, and it does not fail the run. Schema findings are never accepted.
//! - An exception past its `until` date accepts nothing: its finding is reported as before,
//!   with a note pointing at the lapsed exception.
//! - An exception that accepts nothing is itself a finding, G031 (`unused-exception`): a
//!   warning when its finding no longer occurs, an error when it can never match (a rule that
//!   does not exist, a schema rule, G031 itself, no `about` and no `path`).

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Related, Severity};
use crate::model::{Date, Exception};
use crate::rules::{self, Family, Rule, exceptions::UNUSED_EXCEPTION};

use super::Document;

/// The keys that name an entry of a list, in the order they are tried.
const ID_KEYS: [&str; 4] = ["id", "partner", "party", "destination"];

/// One exception as written in one file, resolved against that file.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// The exception.
    pub exception: Exception,
    /// The file it is written in, as findings name it.
    pub file: String,
    /// Where the entry is (`/exceptions/N`).
    pub location: Location,
    /// Where its `rule` is.
    pub rule_location: Location,
    /// The places it names: the entries `about` names, then the place `path` names; or what
    /// is wrong with them, and where.
    pub places: Result<Places, (String, Location)>,
}

/// The places an exception names; a finding must be inside both (when given).
#[derive(Clone, Debug, Default)]
pub struct Places {
    /// The pointers of the entries `about` names.
    pub about: Option<Vec<String>>,
    /// The pointer `path` names.
    pub path: Option<String>,
}

impl Places {
    fn contain(&self, pointer: &str) -> bool {
        let inside = |place: &str| {
            pointer == place
                || (pointer.starts_with(place) && pointer[place.len()..].starts_with('/'))
        };
        self.about
            .as_ref()
            .is_none_or(|about| about.iter().any(|p| inside(p)))
            && self.path.as_deref().is_none_or(inside)
    }
}

/// The exceptions of `document`, resolved against it.
pub fn record(document: &Document) -> Vec<Recorded> {
    let value = &document.file.value;
    let file = &document.file;
    document
        .definition
        .exceptions()
        .iter()
        .enumerate()
        .map(|(i, exception)| {
            let at = format!("/exceptions/{i}");
            Recorded {
                exception: exception.clone(),
                file: file.source.name.clone(),
                location: file.locate(&at, false),
                rule_location: file.locate(&format!("{at}/rule"), false),
                places: resolve(value, exception).map_err(|(field, message)| {
                    (message, file.locate(&format!("{at}/{field}"), false))
                }),
            }
        })
        .collect()
}

/// The id of a list entry: the first of [`ID_KEYS`] it has as a string.
fn entry_id(value: &serde_json::Value) -> Option<&str> {
    ID_KEYS
        .iter()
        .find_map(|key| value.get(*key).and_then(|v| v.as_str()))
}

fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Every list entry under `value` (but not under `/exceptions`), with its pointer and id.
fn entries<'a>(value: &'a serde_json::Value, pointer: String, out: &mut Vec<(String, &'a str)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                if pointer.is_empty() && key == "exceptions" {
                    continue;
                }
                entries(child, format!("{pointer}/{}", escape_segment(key)), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let at = format!("{pointer}/{i}");
                if let Some(id) = entry_id(child) {
                    out.push((at.clone(), id));
                }
                entries(child, at, out);
            }
        }
        _ => {}
    }
}

/// The places `exception` names in `value`, or the field at fault and why.
fn resolve(
    value: &serde_json::Value,
    exception: &Exception,
) -> Result<Places, (&'static str, String)> {
    if exception.about.is_none() && exception.path.is_none() {
        return Err((
            "rule",
            "the exception names neither `about` nor `path`, so it cannot say which finding it accepts".into(),
        ));
    }
    let mut places = Places::default();
    if let Some(about) = &exception.about {
        let mut all = Vec::new();
        entries(value, String::new(), &mut all);
        let found: Vec<String> = all
            .iter()
            .filter(|(_, id)| *id == about)
            .map(|(p, _)| p.clone())
            .collect();
        if found.is_empty() {
            let hint = super::schema::closest(about, all.iter().map(|(_, id)| *id))
                .map(|best| format!(" (did you mean `{best}`?)"))
                .unwrap_or_default();
            return Err((
                "about",
                format!("`about: {about}` names nothing in this definition{hint}"),
            ));
        }
        places.about = Some(found);
    }
    if let Some(path) = &exception.path {
        places.path = Some(resolve_path(value, path).map_err(|m| ("path", m))?);
    }
    Ok(places)
}

/// The JSON pointer `path` names, with list entries named by id turned into positions.
fn resolve_path(value: &serde_json::Value, path: &str) -> Result<String, String> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err(format!(
            "`path: {path}` is not a path: it starts with `/`, for example `/document/protective_marking`"
        ));
    };
    let mut node = value;
    let mut pointer = String::new();
    for raw in rest.split('/') {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        let next = match node {
            serde_json::Value::Object(map) => map
                .get(&segment)
                .map(|child| (child, escape_segment(&segment))),
            serde_json::Value::Array(items) => segment
                .parse::<usize>()
                .ok()
                .filter(|&i| i < items.len() && segment == i.to_string())
                .or_else(|| {
                    items.iter().position(|item| {
                        entry_id(item) == Some(segment.as_str()) || item.as_str() == Some(&segment)
                    })
                })
                .map(|i| (&items[i], i.to_string())),
            _ => None,
        };
        let Some((child, written)) = next else {
            let shown = if pointer.is_empty() {
                "the top level"
            } else {
                &pointer
            };
            let hint = node
                .as_object()
                .and_then(|map| super::schema::closest(&segment, map.keys().map(String::as_str)))
                .map(|best| format!(" (did you mean `{best}`?)"))
                .unwrap_or_default();
            return Err(format!(
                "`path: {path}` names nothing in this definition: there is no `{segment}` at {shown}{hint}"
            ));
        };
        pointer.push('/');
        pointer.push_str(&written);
        node = child;
    }
    Ok(pointer)
}

/// What a report says of the exception that accepted a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Acceptance {
    /// Why the finding is accepted.
    pub reason: String,
    /// Who accepted it: "Name (Role)" or "Name (Role, partner)".
    pub accepted_by: String,
    /// When.
    pub accepted_on: Date,
    /// The last day the exception applies, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// Where the exception is written.
    pub location: Location,
}

/// A finding accepted by an exception: reported as accepted, never as a failure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    /// The finding, as it would have been reported.
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// The exception that accepts it.
    pub exception: Acceptance,
}

/// The rule an exception names, or what is wrong with the name.
fn named_rule(name: &str) -> Result<&'static Rule, (String, Option<String>)> {
    let Some(rule) = rules::find(name) else {
        let all = rules::registry();
        let hint = super::schema::closest(name, all.iter().flat_map(|r| [r.code, r.name]))
            .map(|best| format!("did you mean `{best}`?"));
        return Err((
            format!("the exception names `{name}`, which is not a rule"),
            Some(hint.unwrap_or_else(|| "`isagen rules` lists the rules".into())),
        ));
    };
    if rule.family == Family::Schema {
        return Err((
            format!(
                "the exception names {}, a schema rule: schema findings cannot be accepted, since a file that is not a valid definition cannot be checked at all",
                rule.code
            ),
            Some("fix the file instead".into()),
        ));
    }
    if rule.code == UNUSED_EXCEPTION.code {
        return Err((
            format!(
                "the exception names {}, which cannot be accepted: an exception that accepts nothing is removed, not excepted",
                rule.code
            ),
            None,
        ));
    }
    Ok(rule)
}

/// Whether `message` names the id `id` as a whole word (not as part of a longer id), as
/// findings name parties: "`council`" or "Northshire County Council (council)".
fn names(message: &str, id: &str) -> bool {
    let id_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    message.match_indices(id).any(|(at, _)| {
        let before = message[..at].chars().next_back();
        let after = message[at + id.len()..].chars().next();
        // A full stop after the id ends the sentence; one before it would be part of an id.
        before.is_none_or(|c| !id_char(c))
            && after.is_none_or(|c| {
                !id_char(c)
                    || (c == '.'
                        && message[at + id.len() + 1..]
                            .chars()
                            .next()
                            .is_none_or(|c| !id_char(c)))
            })
    })
}

/// Applies `recorded` to `diagnostics`: the findings still reported (with a G031 finding for
/// every exception that accepts nothing) and the findings accepted, each in the order given.
pub fn apply<'a>(
    diagnostics: Vec<Diagnostic>,
    recorded: impl IntoIterator<Item = &'a Recorded>,
    today: Date,
    config: &Config,
) -> (Vec<Diagnostic>, Vec<Suppressed>) {
    let recorded: Vec<&Recorded> = recorded.into_iter().collect();
    if recorded.is_empty() {
        return (diagnostics, Vec::new());
    }
    let rules: Vec<Option<&'static Rule>> = recorded
        .iter()
        .map(|r| named_rule(&r.exception.rule).ok())
        .collect();
    let mut used = vec![false; recorded.len()];
    let mut kept = Vec::with_capacity(diagnostics.len());
    let mut suppressed = Vec::new();
    for mut diagnostic in diagnostics {
        let matching: Vec<usize> = (0..recorded.len())
            .filter(|&i| {
                let r = recorded[i];
                rules[i].is_some_and(|rule| rule.code == diagnostic.code)
                    && r.file == diagnostic.location.file
                    && r.places
                        .as_ref()
                        .is_ok_and(|p| p.contain(&diagnostic.location.pointer))
                    && r.exception
                        .party
                        .as_ref()
                        .is_none_or(|party| names(&diagnostic.message, party))
            })
            .collect();
        if matching.is_empty() {
            kept.push(diagnostic);
            continue;
        }
        // Every exception that names the finding is in use, even if another accepts it.
        for &i in &matching {
            used[i] = true;
        }
        let lapsed = |i: usize| {
            recorded[i]
                .exception
                .until
                .is_some_and(|until| until < today)
        };
        let Some(index) = matching.iter().copied().find(|&i| !lapsed(i)) else {
            let r = recorded[matching[0]];
            let exception = &r.exception;
            diagnostic.related.push(Related {
                location: r.location.clone(),
                message: format!(
                    "this finding was accepted by {} on {} until {}; that exception has lapsed",
                    exception.accepted_by.describe(),
                    exception.accepted_on,
                    exception.until.expect("lapsed"),
                ),
            });
            kept.push(diagnostic);
            continue;
        };
        let r = recorded[index];
        let exception = &r.exception;
        suppressed.push(Suppressed {
            diagnostic,
            exception: Acceptance {
                reason: exception.reason.clone(),
                accepted_by: exception.accepted_by.describe(),
                accepted_on: exception.accepted_on,
                until: exception.until,
                location: r.location.clone(),
            },
        });
    }
    if let Some(severity) = config.severity(&UNUSED_EXCEPTION) {
        let configured = config.rules.keys().any(|key| {
            key.eq_ignore_ascii_case(UNUSED_EXCEPTION.code) || key.as_str() == UNUSED_EXCEPTION.name
        });
        for (index, r) in recorded.iter().enumerate() {
            if used[index] {
                continue;
            }
            let Some((message, hint, location, own)) = unused(r, config) else {
                continue;
            };
            let mut diagnostic = UNUSED_EXCEPTION.diagnostic(location, message, hint);
            diagnostic.severity = if configured { severity } else { own };
            kept.push(diagnostic);
        }
    }
    (kept, suppressed)
}

/// Why exception `r` accepted nothing, as a G031 finding (message, hint, location and its
/// own severity); `None` when that is no fault (its rule is switched off).
fn unused(r: &Recorded, config: &Config) -> Option<(String, Option<String>, Location, Severity)> {
    let rule = match named_rule(&r.exception.rule) {
        Ok(rule) => rule,
        Err((message, hint)) => {
            return Some((message, hint, r.rule_location.clone(), Severity::Error));
        }
    };
    config.severity(rule)?;
    if let Err((message, location)) = &r.places {
        let own = if r.exception.about.is_none() && r.exception.path.is_none() {
            Severity::Error
        } else {
            Severity::Warning
        };
        return Some((
            format!("the exception for {} accepts nothing: {message}", rule.code),
            Some("remove the exception, or name the entry the accepted finding is about".into()),
            location.clone(),
            own,
        ));
    }
    let mut what = Vec::new();
    if let Some(about) = &r.exception.about {
        what.push(format!("about `{about}`"));
    }
    if let Some(path) = &r.exception.path {
        what.push(format!("at `{path}`"));
    }
    if let Some(party) = &r.exception.party {
        what.push(format!("for party `{party}`"));
    }
    Some((
        format!(
            "the exception for {} ({}) {} accepts nothing: {} finds nothing there",
            rule.code,
            rule.name,
            what.join(" "),
            rule.code
        ),
        Some("remove the exception if its finding is fixed, or correct what it names".into()),
        r.location.clone(),
        Severity::Warning,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exception(until: Option<&str>) -> Recorded {
        let yaml = serde_json::json!({
            "rule": "L005",
            "about": "basis",
            "reason": "why",
            "accepted_by": { "name": "P", "role": "DPO" },
            "accepted_on": "2026-01-01",
            "until": until,
        });
        let mut location = Location::file_only("a.yaml");
        location.pointer = "/exceptions/0".into();
        Recorded {
            exception: serde_json::from_value(yaml).unwrap(),
            file: "a.yaml".into(),
            location: location.clone(),
            rule_location: location,
            places: Ok(Places {
                about: Some(vec!["/legal_bases/0".into()]),
                path: None,
            }),
        }
    }

    fn finding(file: &str) -> Diagnostic {
        let rule = rules::find("L005").unwrap();
        let mut location = Location::file_only(file);
        location.pointer = "/legal_bases/0/article_6".into();
        rule.diagnostic(location, "council relies on (f)", None)
    }

    #[test]
    fn a_renewed_exception_accepts_what_a_lapsed_one_no_longer_does() {
        let today = Date::parse("2026-11-22").unwrap();
        let lapsed = exception(Some("2026-06-30"));
        let renewed = exception(Some("2027-06-30"));
        let (kept, suppressed) = apply(
            vec![finding("a.yaml"), finding("b.yaml")],
            [&lapsed, &renewed],
            today,
            &Config::default(),
        );
        assert_eq!(suppressed.len(), 1);
        assert_eq!(suppressed[0].exception.until, renewed.exception.until);
        // The finding in another file is not accepted, and neither exception is unused.
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].location.file, "b.yaml");

        let (kept, suppressed) = apply(
            vec![finding("a.yaml")],
            [&lapsed],
            today,
            &Config::default(),
        );
        assert!(suppressed.is_empty());
        assert_eq!(kept.len(), 1);
        assert!(kept[0].related[0].message.contains("has lapsed"));
    }

    #[test]
    fn places_contain_what_is_at_or_inside_them() {
        let places = Places {
            about: Some(vec!["/flows/1".into()]),
            path: None,
        };
        assert!(places.contain("/flows/1"));
        assert!(places.contain("/flows/1/data_items/0"));
        assert!(!places.contain("/flows/10"));
        assert!(!places.contain("/flows/0"));
        let both = Places {
            about: Some(vec!["/flows/1".into()]),
            path: Some("/flows/1/data_items/2".into()),
        };
        assert!(both.contain("/flows/1/data_items/2"));
        assert!(!both.contain("/flows/1/data_items/1"));
    }

    #[test]
    fn paths_name_list_entries_by_id_or_position() {
        let value = serde_json::json!({
            "legal_bases": [{"id": "a"}, {"id": "b", "law": [{"legislation": "x"}]}],
            "flows": [{"id": "f", "data_items": ["name", "nhs"]}],
            "document": {"protective_marking": "RESTRICTED"}
        });
        assert_eq!(
            resolve_path(&value, "/legal_bases/b/law/0").unwrap(),
            "/legal_bases/1/law/0"
        );
        assert_eq!(
            resolve_path(&value, "/legal_bases/1").unwrap(),
            "/legal_bases/1"
        );
        assert_eq!(
            resolve_path(&value, "/flows/f/data_items/nhs").unwrap(),
            "/flows/0/data_items/1"
        );
        assert_eq!(
            resolve_path(&value, "/document/protective_marking").unwrap(),
            "/document/protective_marking"
        );
        let wrong = resolve_path(&value, "/legal_bases/c").unwrap_err();
        assert!(wrong.contains("no `c` at /legal_bases"), "{wrong}");
        assert!(resolve_path(&value, "legal_bases").is_err());
    }

    #[test]
    fn parties_are_named_as_whole_ids() {
        assert!(names(
            "Northshire County Council (council) relies on",
            "council"
        ));
        assert!(names("`council` relies on", "council"));
        assert!(names("relied on by council.", "council"));
        assert!(!names("`council-housing` relies on", "council"));
        assert!(!names("the parish-council relies on", "council"));
        assert!(!names("council.north relies on", "council"));
    }

    #[test]
    fn unknown_and_schema_rules_cannot_be_named() {
        let (message, hint) = named_rule("L05").unwrap_err();
        assert!(message.contains("`L05`, which is not a rule"));
        assert!(hint.unwrap().contains("did you mean"));
        let (message, _) = named_rule("S004").unwrap_err();
        assert!(message.contains("schema findings cannot be accepted"));
        assert!(named_rule("G031").is_err());
        assert_eq!(named_rule("l005").unwrap().code, "L005");
        assert_eq!(
            named_rule("public-authority-legitimate-interests")
                .unwrap()
                .code,
            "L005"
        );
    }
}
