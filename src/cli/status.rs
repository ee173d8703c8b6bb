//! `isagen status`: every document's status, review date and expiry, most urgent first; the
//! review gate a scheduled CI job runs (`--fail-on overdue` exits 1 when a review is late).

use std::path::PathBuf;

use clap::ValueEnum;
use serde::Serialize;

use super::{ConfigArgs, Failure, Outcome};
use crate::model::Date;

/// How `isagen status` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// An aligned table.
    Text,
    /// A JSON list, for tools.
    Json,
    /// A Markdown table, for a pull request comment or an issue.
    #[value(alias = "md")]
    Markdown,
}

/// What fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Exit 1 when an in-force document's review date or expiry has passed.
    Overdue,
    /// Exit 1 when a review is overdue or falls due within the window.
    Due,
}

/// Arguments of `isagen status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Definition files, or folders to search for them.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Show only documents overdue or due within this period: days, weeks, months or years,
    /// for example 90d, 6w, 3m or 1y. Also the window for `--fail-on due` (default: the
    /// configured review window, 60 days unless `isagen.toml` says otherwise).
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    pub due_within: Option<Period>,
    /// Exit 1 when any document is overdue (or, with `due`, due within the window).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// How to print.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// A period of time, as given to `--due-within`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Days.
    Days(u32),
    /// Calendar months.
    Months(u32),
}

impl Period {
    /// The date this period after `from`.
    pub fn after(self, from: Date) -> Date {
        match self {
            Period::Days(days) => Date(from.0.saturating_add(time::Duration::days(days as i64))),
            Period::Months(months) => from.add_months(months),
        }
    }
}

fn parse_period(text: &str) -> Result<Period, String> {
    let error =
        || format!("`{text}` is not a period: write a number and d, w, m or y, for example 90d");
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(error)?;
    let (number, unit) = text.split_at(split);
    let n: u32 = number.parse().map_err(|_| error())?;
    match unit {
        "d" => Ok(Period::Days(n)),
        "w" => Ok(Period::Days(n.saturating_mul(7))),
        "m" => Ok(Period::Months(n)),
        "y" => Ok(Period::Months(n.saturating_mul(12))),
        _ => Err(error()),
    }
}

/// How urgent a document's review is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// In force, and its review date or expiry has passed.
    Overdue,
    /// In force, and due for review within the window.
    Due,
    /// In force, review not yet due.
    Current,
    /// In force but with no review date.
    NoReviewDate,
    /// Not in force (draft, in review or retired).
    NotInForce,
}

impl Urgency {
    fn as_str(self) -> &'static str {
        match self {
            Urgency::Overdue => "OVERDUE",
            Urgency::Due => "due",
            Urgency::Current => "current",
            Urgency::NoReviewDate => "no review date",
            Urgency::NotInForce => "not in force",
        }
    }
}

/// One row of the status report.
#[derive(Debug, Serialize)]
pub struct StatusRow {
    /// How urgent.
    pub urgency: Urgency,
    /// Days until the review date (negative when passed).
    pub days_to_review: Option<i64>,
    /// `protocol` or `agreement`.
    pub kind: &'static str,
    /// Document id.
    pub id: String,
    /// Version (`None`, JSON `null`, when the document states none).
    pub version: Option<String>,
    /// Status.
    pub status: &'static str,
    /// Review date.
    pub review: Option<String>,
    /// Expiry date.
    pub expiry: Option<String>,
    /// Title.
    pub title: String,
    /// The file.
    pub file: String,
}

/// Runs `isagen status`.
pub fn run(args: StatusArgs) -> Result<Outcome, Failure> {
    let config = args.config.load()?;
    let window_days = config.lifecycle.review_window_days;
    let today = args.config.today(&config);
    let checked = super::progress::check_paths(&args.paths, config, today)?;
    args.config.list_skipped(&checked);
    let window_end = args
        .due_within
        .unwrap_or(Period::Days(window_days))
        .after(today);
    let unreadable = checked.files - checked.valid;
    if unreadable > 0 {
        eprintln!(
            "isagen: {unreadable} file(s) could not be read as definitions and are not listed; run `isagen validate` to see why"
        );
    }
    let mut rows: Vec<StatusRow> = checked
        .workspace
        .documents
        .iter()
        .map(|document| {
            let d = document.definition.document();
            let passed = |date: Option<Date>| date.is_some_and(|date| date < today);
            let urgency = if !d.status.is_in_force() {
                Urgency::NotInForce
            } else if passed(d.review) || passed(d.expiry) {
                Urgency::Overdue
            } else if d.review.is_some_and(|r| r <= window_end)
                || d.expiry.is_some_and(|e| e <= window_end)
            {
                Urgency::Due
            } else if d.review.is_none() {
                Urgency::NoReviewDate
            } else {
                Urgency::Current
            };
            StatusRow {
                urgency,
                days_to_review: d.review.map(|r| today.days_until(r)),
                kind: document.definition.kind_name(),
                id: d.id.to_string(),
                version: d.version.clone(),
                status: d.status.as_str(),
                review: d.review.map(|r| r.to_string()),
                expiry: d.expiry.map(|e| e.to_string()),
                title: d.title.clone(),
                file: document.file.source.name.clone(),
            }
        })
        .filter(|row| {
            args.due_within.is_none() || matches!(row.urgency, Urgency::Overdue | Urgency::Due)
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.urgency, a.days_to_review.unwrap_or(i64::MAX), &a.id).cmp(&(
            b.urgency,
            b.days_to_review.unwrap_or(i64::MAX),
            &b.id,
        ))
    });
    print_rows(&rows, args.format)?;
    let overdue = rows.iter().any(|r| r.urgency == Urgency::Overdue);
    let due = rows.iter().any(|r| r.urgency == Urgency::Due);
    let fails = match args.fail_on {
        Some(FailOn::Overdue) => overdue,
        Some(FailOn::Due) => overdue || due,
        None => false,
    };
    Ok(if fails {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn print_rows(rows: &[StatusRow], format: StatusFormat) -> Result<(), Failure> {
    match format {
        StatusFormat::Json => println!("{}", crate::escape::json_pretty(rows)?),
        StatusFormat::Markdown => {
            // Every cell through the Markdown escape for reports (hidden characters shown): a title cannot add a cell, a row,
            // a heading, a link or HTML to a step summary or a pull request comment.
            use crate::escape::markdown_report as markdown;
            println!("| Urgency | Document | Version | Status | Review by | Expires | Title |");
            println!("| --- | --- | --- | --- | --- | --- | --- |");
            for r in rows {
                println!(
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    r.urgency.as_str(),
                    markdown(&r.id),
                    markdown(r.version.as_deref().unwrap_or("Not stated")),
                    r.status,
                    markdown(r.review.as_deref().unwrap_or("")),
                    markdown(r.expiry.as_deref().unwrap_or("")),
                    markdown(&r.title)
                );
            }
        }
        StatusFormat::Text => {
            if rows.is_empty() {
                println!("no documents to list");
                return Ok(());
            }
            // Values from the definitions through the one terminal escape.
            let shown: Vec<(String, String)> = rows
                .iter()
                .map(|r| {
                    (
                        crate::escape::terminal(&r.id).into_owned(),
                        crate::escape::terminal(r.version.as_deref().unwrap_or("-")).into_owned(),
                    )
                })
                .collect();
            let id_width = shown
                .iter()
                .map(|(id, _)| id.chars().count())
                .max()
                .unwrap_or(2)
                .max(8);
            println!(
                "{:<14}  {:<id_width$}  {:<7}  {:<8}  {:<10}  {:<10}  {:>8}",
                "URGENCY", "DOCUMENT", "VERSION", "STATUS", "REVIEW BY", "EXPIRES", "DAYS"
            );
            for (r, (id, version)) in rows.iter().zip(&shown) {
                println!(
                    "{:<14}  {:<id_width$}  {:<7}  {:<8}  {:<10}  {:<10}  {:>8}",
                    r.urgency.as_str(),
                    id,
                    version,
                    r.status,
                    r.review.as_deref().unwrap_or("-"),
                    r.expiry.as_deref().unwrap_or("-"),
                    r.days_to_review
                        .map_or_else(|| "-".to_string(), |d| d.to_string())
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_in_days_weeks_months_and_years() {
        assert_eq!(parse_period("90d"), Ok(Period::Days(90)));
        assert_eq!(parse_period("6w"), Ok(Period::Days(42)));
        assert_eq!(parse_period("3m"), Ok(Period::Months(3)));
        assert_eq!(parse_period("1y"), Ok(Period::Months(12)));
        assert!(parse_period("soon").is_err());
        assert!(parse_period("90").is_err());
    }
}
