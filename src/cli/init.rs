//! `isagen init`: start a new protocol, agreement or whole partnership (a protocol with its
//! partners and a first agreement under it) that is valid against the schema, with every
//! section present and the parts only its author can write marked `TODO`, so `isagen
//! validate` lists what is left to do as warnings.
//!
//! Every value only the user can give (ids, titles, the owner) is asked for: on a terminal
//! all the missing ones in one go, otherwise the error lists every missing flag at once.
//! Nothing is invented: there is no default owner. Each file starts with a
//! `# yaml-language-server: $schema=` header naming `isagen-v1.schema.json` beside it, which
//! init writes there when it is missing, so an editor completes and checks offline.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Failure, Outcome};
use crate::model::{Date, ID_PATTERN};

/// What to create.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InitKind {
    /// An information sharing protocol.
    Protocol,
    /// An information sharing agreement under a protocol.
    Agreement,
    /// A whole partnership: a protocol with its partners (`--owner` and each `--partner`)
    /// and a first agreement under it, from the owner to `--recipient`.
    Partnership,
}

/// Arguments of `isagen init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// What to create.
    #[arg(value_enum)]
    pub kind: InitKind,
    /// The document id (asked for on a terminal if missing).
    #[arg(long)]
    pub id: Option<String>,
    /// The title (asked for on a terminal if missing).
    #[arg(long)]
    pub title: Option<String>,
    /// For an agreement: the id of the protocol it is made under.
    #[arg(long)]
    pub protocol: Option<String>,
    /// The partner id of the owning organisation.
    #[arg(long)]
    pub owner: Option<String>,
    /// For an agreement: the partner id of the body that receives the data (the owner
    /// discloses it).
    #[arg(long)]
    pub recipient: Option<String>,
    /// The owning organisation's name (for a protocol's first partner).
    #[arg(long)]
    pub owner_name: Option<String>,
    /// The date the document is drafted, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// The file to write (default: ID.yaml). An existing file is never replaced.
    #[arg(long, short = 'o', value_name = "FILE", conflicts_with = "dir")]
    pub output: Option<PathBuf>,
    /// For a partnership: another partner of the protocol, as `ID=NAME` or `ID:TYPE=NAME`
    /// (TYPE as in the schema, for example `nhs-trust`; `other` when not given). Repeatable.
    #[arg(long, value_name = "ID[:TYPE]=NAME")]
    pub partner: Vec<String>,
    /// The owner's type of body, as in the schema (default for a protocol `local-authority`,
    /// for a partnership `other`).
    #[arg(long, value_name = "TYPE")]
    pub owner_type: Option<String>,
    /// For a partnership: the id of the first agreement.
    #[arg(long, value_name = "ID")]
    pub agreement_id: Option<String>,
    /// For a partnership: the title of the first agreement.
    #[arg(long, value_name = "TITLE")]
    pub agreement_title: Option<String>,
    /// For a partnership: the folder to write the protocol, the agreement and the schema to
    /// (default: the working folder). Existing files are never replaced.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

fn valid_id(id: &str) -> bool {
    let re_ok = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    re_ok && id.len() <= 128
}

/// A value only the user can give: from its flag, or asked for.
struct Needed<'a> {
    value: Option<String>,
    flag: &'a str,
    question: &'a str,
}

impl<'a> Needed<'a> {
    fn new(value: Option<String>, flag: &'a str, question: &'a str) -> Self {
        Needed {
            value,
            flag,
            question,
        }
    }
}

/// Every needed value, in order: those given as flags, and the rest asked for on a terminal
/// one after another in this run; without a terminal, one error listing every missing flag.
fn gather(needed: Vec<Needed<'_>>) -> Result<Vec<String>, Failure> {
    let missing: Vec<&Needed> = needed.iter().filter(|n| n.value.is_none()).collect();
    if missing.is_empty() {
        return Ok(needed.into_iter().filter_map(|n| n.value).collect());
    }
    if !std::io::stdin().is_terminal() {
        let list: Vec<String> = missing
            .iter()
            .map(|n| format!("  {}  {}", n.flag, n.question))
            .collect();
        anyhow::bail!(
            "{} value(s) missing; pass them (or run isagen init on a terminal to be asked):\n{}",
            missing.len(),
            list.join("\n")
        );
    }
    let mut stderr = std::io::stderr();
    writeln!(
        stderr,
        "isagen init needs {} more value(s); isagen invents none of them.",
        missing.len()
    )?;
    let mut values = Vec::new();
    for n in needed {
        if let Some(value) = n.value {
            values.push(value);
            continue;
        }
        loop {
            write!(stderr, "{} ({}): ", n.question, n.flag)?;
            stderr.flush()?;
            let mut line = String::new();
            if std::io::stdin().lock().read_line(&mut line)? == 0 {
                anyhow::bail!("{}: no answer (end of input)", n.flag);
            }
            let answer = line.trim().to_string();
            if answer.is_empty() {
                writeln!(stderr, "  an answer is needed")?;
                continue;
            }
            values.push(answer);
            break;
        }
    }
    Ok(values)
}

fn check_id(value: &str, what: &str) -> Result<(), Failure> {
    if !valid_id(value) {
        anyhow::bail!("`{value}` is not a valid {what}: it must match {ID_PATTERN}");
    }
    Ok(())
}

/// A partner given as `ID=NAME` or `ID:TYPE=NAME`.
struct PartnerSpec {
    id: String,
    name: String,
    kind: String,
}

fn parse_partner(text: &str) -> Result<PartnerSpec, Failure> {
    let Some((left, name)) = text.split_once('=') else {
        anyhow::bail!("--partner `{text}`: write ID=NAME or ID:TYPE=NAME");
    };
    let (id, kind) = match left.split_once(':') {
        Some((id, kind)) => (id.trim(), kind.trim()),
        None => (left.trim(), "other"),
    };
    check_id(id, "partner id")?;
    check_partner_type(kind)?;
    let name = name.trim();
    if name.is_empty() {
        anyhow::bail!("--partner `{text}`: the name is empty");
    }
    Ok(PartnerSpec {
        id: id.to_string(),
        name: name.to_string(),
        kind: kind.to_string(),
    })
}

fn check_partner_type(kind: &str) -> Result<(), Failure> {
    let value = serde_json::Value::String(kind.to_string());
    if serde_json::from_value::<crate::model::PartnerType>(value).is_err() {
        anyhow::bail!(
            "`{kind}` is not a type of body the schema knows (for example local-authority, nhs-trust, gp-practice, police, charity, other; `isagen schema` lists them all)"
        );
    }
    Ok(())
}

/// The schema file written beside new definitions, which their header names.
pub const SCHEMA_FILE: &str = "isagen-v1.schema.json";

/// The header line pointing an editor at the schema file beside the definition.
fn schema_header() -> String {
    format!("# yaml-language-server: $schema=./{SCHEMA_FILE}")
}

/// Creates each `(path, text)` without replacing anything: every path is checked first, so
/// either all are written or none. `schema_in` also gets the schema unless it has one.
fn create_all(files: &[(PathBuf, String)], schema_in: &std::path::Path) -> Result<(), Failure> {
    for (path, _) in files {
        if std::fs::symlink_metadata(path).is_ok() {
            anyhow::bail!(
                "{} already exists; isagen init never replaces a file (choose another --output or --dir)",
                path.display()
            );
        }
    }
    let schema = schema_in.join(SCHEMA_FILE);
    let mut all: Vec<(PathBuf, String)> = files.to_vec();
    if std::fs::symlink_metadata(&schema).is_err() {
        all.push((schema, super::schema::schema_text()));
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for (path, text) in &all {
        let result = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut file| file.write_all(text.as_bytes()));
        if let Err(e) = result {
            for done in &written {
                let _ = std::fs::remove_file(done);
            }
            anyhow::bail!(
                "{}: {}",
                path.display(),
                crate::load::discover::describe_io(&e)
            );
        }
        written.push(path.clone());
    }
    for path in &written {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quote(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

/// Runs `isagen init`.
pub fn run(args: InitArgs) -> Result<Outcome, Failure> {
    let date = match &args.date {
        Some(text) => Date::parse(text)
            .ok_or_else(|| anyhow::anyhow!("`{text}` is not a date of the form YYYY-MM-DD"))?,
        None => Date(time::OffsetDateTime::now_utc().date()),
    };
    let review = date.add_months(12);
    if args.kind == InitKind::Partnership {
        return run_partnership(args, date, review);
    }
    let kind_word = match args.kind {
        InitKind::Protocol => "protocol",
        _ => "agreement",
    };
    let id_question = format!("Document id for the {kind_word} (for example northshire-mash-isa)");
    let mut needed = vec![
        Needed::new(args.id, "--id", &id_question),
        Needed::new(args.title, "--title", "Title"),
        Needed::new(
            args.owner,
            "--owner",
            "Partner id of the owning organisation",
        ),
    ];
    match args.kind {
        InitKind::Protocol => needed.push(Needed::new(
            args.owner_name,
            "--owner-name",
            "Name of the owning organisation",
        )),
        _ => {
            needed.push(Needed::new(
                args.protocol,
                "--protocol",
                "Id of the protocol the agreement is made under",
            ));
            needed.push(Needed::new(
                args.recipient,
                "--recipient",
                "Partner id of the body that receives the data",
            ));
        }
    }
    let values = gather(needed)?;
    let (id, title, owner) = (&values[0], &values[1], &values[2]);
    check_id(id, "id")?;
    check_id(owner, "partner id")?;
    let text = match args.kind {
        InitKind::Protocol => {
            let owner_type = args.owner_type.as_deref().unwrap_or("local-authority");
            check_partner_type(owner_type)?;
            let partners = [PartnerSpec {
                id: owner.clone(),
                name: values[3].clone(),
                kind: owner_type.to_string(),
            }];
            protocol_text(id, title, &partners, date, review)
        }
        _ => {
            let (protocol, recipient) = (&values[3], &values[4]);
            check_id(protocol, "protocol id")?;
            check_id(recipient, "partner id")?;
            if recipient == owner {
                anyhow::bail!("the recipient must be another body than the owner `{owner}`");
            }
            agreement_text(id, title, protocol, owner, recipient, date, review)
        }
    };
    let path = args
        .output
        .unwrap_or_else(|| PathBuf::from(format!("{id}.yaml")));
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    create_all(&[(path.clone(), text)], &folder)?;
    eprintln!(
        "fill in the TODO entries; `isagen validate {}` lists what is left",
        path.display()
    );
    Ok(Outcome::Clean)
}

/// `isagen init partnership`: the protocol with every partner, and the first agreement.
fn run_partnership(args: InitArgs, date: Date, review: Date) -> Result<Outcome, Failure> {
    let partners_given = !args.partner.is_empty();
    let mut needed = vec![
        Needed::new(
            args.id,
            "--id",
            "Id of the protocol (for example northshire-isp)",
        ),
        Needed::new(args.title, "--title", "Title of the protocol"),
        Needed::new(
            args.owner,
            "--owner",
            "Partner id of the owning organisation",
        ),
        Needed::new(
            args.owner_name,
            "--owner-name",
            "Name of the owning organisation",
        ),
        Needed::new(
            partners_given.then(String::new),
            "--partner",
            "Another partner, as ID=NAME or ID:TYPE=NAME",
        ),
        Needed::new(
            args.agreement_id,
            "--agreement-id",
            "Id of the first agreement (for example discharge-isa)",
        ),
        Needed::new(
            args.agreement_title,
            "--agreement-title",
            "Title of the first agreement",
        ),
    ];
    // With one other partner (given, or asked for when none is), it is the recipient the
    // user named; with several, ask which.
    let recipient = match (&args.recipient, args.partner.len()) {
        (Some(r), _) => Some(r.clone()),
        (None, 0 | 1) => None,
        (None, _) => {
            needed.push(Needed::new(
                None,
                "--recipient",
                "Partner id of the body that receives the data in the first agreement",
            ));
            None
        }
    };
    let values = gather(needed)?;
    let (id, title, owner, owner_name) = (&values[0], &values[1], &values[2], &values[3]);
    let (agreement_id, agreement_title) = (&values[5], &values[6]);
    check_id(id, "protocol id")?;
    check_id(owner, "partner id")?;
    check_id(agreement_id, "agreement id")?;
    if agreement_id == id {
        anyhow::bail!("the agreement needs an id of its own, not the protocol's `{id}`");
    }
    let owner_type = args.owner_type.as_deref().unwrap_or("other");
    check_partner_type(owner_type)?;
    let mut partners = vec![PartnerSpec {
        id: owner.clone(),
        name: owner_name.clone(),
        kind: owner_type.to_string(),
    }];
    let given: Vec<String> = if partners_given {
        args.partner.clone()
    } else {
        vec![values[4].clone()]
    };
    for text in &given {
        let partner = parse_partner(text)?;
        if partners.iter().any(|p| p.id == partner.id) {
            anyhow::bail!("partner `{}` is given twice", partner.id);
        }
        partners.push(partner);
    }
    let recipient = match recipient {
        Some(r) => r,
        None if partners.len() == 2 => partners[1].id.clone(),
        None => values.get(7).cloned().unwrap_or_default(),
    };
    if recipient == *owner {
        anyhow::bail!("the recipient must be another body than the owner `{owner}`");
    }
    if !partners.iter().any(|p| p.id == recipient) {
        anyhow::bail!(
            "--recipient `{recipient}` is not one of the partners ({})",
            partners
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        anyhow::bail!("{}: no such folder", dir.display());
    }
    let protocol_path = dir.join(format!("{id}.yaml"));
    let agreement_path = dir.join(format!("{agreement_id}.yaml"));
    create_all(
        &[
            (
                protocol_path,
                protocol_text(id, title, &partners, date, review),
            ),
            (
                agreement_path,
                agreement_text(
                    agreement_id,
                    agreement_title,
                    id,
                    owner,
                    &recipient,
                    date,
                    review,
                ),
            ),
        ],
        &dir,
    )?;
    eprintln!(
        "fill in the TODO entries; `isagen validate {}` lists what is left",
        dir.display()
    );
    Ok(Outcome::Clean)
}

fn protocol_text(
    id: &str,
    title: &str,
    partners: &[PartnerSpec],
    date: Date,
    review: Date,
) -> String {
    let owner = &partners[0].id;
    let partners_text: String = partners.iter().map(partner_text).collect();
    format!(
        r#"{header}
# A new information sharing protocol. Replace every TODO; `isagen validate` lists them.
kind: protocol
schema_version: 1
document:
  id: {id}
  title: {title}
  version: "0.1"
  status: draft
  protective_marking: OFFICIAL
  owner:
    partner: {owner}
    role: TODO the post that owns this protocol
  review: {review}
  review_interval_months: 12
  version_history:
    - version: "0.1"
      date: {date}
      changes: First draft.
scope: TODO who and what this protocol covers.
purpose: TODO why the partners share information.
principles:
  - lawfulness-fairness-transparency
  - purpose-limitation
  - data-minimisation
  - accuracy
  - storage-limitation
  - integrity-confidentiality
  - accountability
partners:
{partners_text}governance:
  oversight: TODO the group that oversees the protocol
  joining: TODO how a new body joins
  withdrawal: TODO how a partner withdraws and what happens to data it holds
  dispute_resolution: TODO how disputes are resolved
  breach:
    procedure: TODO how partners handle and report breaches to each other
    notify_partners_within_hours: 24
  rights:
    procedure: TODO how rights requests are handled between partners
    contact:
      name: TODO who handles rights requests
    complaints: TODO where individuals complain; complaints are acknowledged within 30 days
"#,
        header = schema_header(),
        title = quote(title),
    )
}

/// A partner's entry. Whether the body is a public authority is a fact only the user knows;
/// `true` is written because it makes the DPO and lawful-basis rules apply, with a comment
/// asking for it to be checked.
fn partner_text(partner: &PartnerSpec) -> String {
    format!(
        r#"  - id: {id}
    name: {name}
    type: {kind}
    public_authority: true # check: false for a body that is not a public authority (FOIA 2000)
    ico_registration: TODO the ICO registration number
    dpo:
      name: TODO the data protection officer
    signatory:
      name: TODO the person who signs for the organisation
"#,
        id = partner.id,
        name = quote(&partner.name),
        kind = partner.kind,
    )
}

fn agreement_text(
    id: &str,
    title: &str,
    protocol: &str,
    owner: &str,
    recipient: &str,
    date: Date,
    review: Date,
) -> String {
    format!(
        r#"{header}
# A new information sharing agreement. Replace every TODO; `isagen validate` lists them.
kind: agreement
schema_version: 1
document:
  id: {id}
  title: {title}
  version: "0.1"
  status: draft
  protective_marking: OFFICIAL-SENSITIVE
  handling_descriptor: PERSONAL
  owner:
    partner: {owner}
    role: TODO the post that owns this agreement
  review: {review}
  version_history:
    - version: "0.1"
      date: {date}
      changes: First draft.
protocol: {protocol}
variant: sharing
parties:
  - partner: {owner}
    role: controller
    responsibilities: TODO what the owner does in this sharing
  - partner: {recipient}
    role: controller
    responsibilities: TODO what the recipient does with the data
purposes:
  - id: purpose
    description: TODO the purpose, specific enough to decide whether a use falls inside it
    benefits:
      - TODO the benefit expected
data_subjects:
  - id: subjects
    description: TODO who the data is about
data_items:
  - id: item
    name: TODO the data item
    category: personal
    necessity: TODO why the item is necessary for the purpose
legal_bases:
  - id: basis
    purposes: [purpose]
    article_6: public-task
    law:
      - legislation: TODO the Act that gives the task
flows:
  - id: flow
    from: {owner}
    to: {recipient}
    data_items: [item]
    purposes: [purpose]
    method: secure-email
    frequency: on-request
    security:
      - TODO how the data is protected in transit
retention:
  - party: {recipient}
    period: TODO how long the recipient keeps the data, and from when
    disposal: TODO how it is disposed of
privacy_notices:
  - party: {owner}
    reference: TODO where the owner's privacy notice is published
  - party: {recipient}
    reference: TODO where the recipient's privacy notice is published
data_quality:
  corrections: TODO how errors are corrected and the other party told
breach:
  procedure: TODO how a breach is reported between the parties
  notify_partners_within_hours: 24
rights:
  procedure: TODO how rights requests are handled
  complaints: TODO where individuals complain; complaints are acknowledged within 30 days
onward_disclosure: TODO whether the recipient may pass the data on
termination:
  notice: TODO the notice a party gives to leave
  data_on_termination: TODO what happens to data already shared
sanctions: TODO what follows a breach of the agreement
"#,
        header = schema_header(),
        title = quote(title),
    )
}
