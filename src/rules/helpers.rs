//! Questions many rules ask of an agreement (which legal bases cover a flow, who relies on a
//! basis, which partner an id names), and the did-you-mean suggestion ([`closest`]) the
//! rules, the schema check, the configuration and the command line share.

use crate::model::{Agreement, DataItem, Flow, Jurisdiction, LegalBasis, Partner, PartnerType};
use crate::workspace::Workspace;

/// The legal bases that cover `flow`, with their index: those naming the flow, those naming
/// one of its purposes, and those naming neither flows nor purposes (which cover the whole
/// agreement).
pub fn bases_for_flow<'a>(
    agreement: &'a Agreement,
    flow: &'a Flow,
) -> impl Iterator<Item = (usize, &'a LegalBasis)> + 'a {
    agreement
        .legal_bases
        .iter()
        .enumerate()
        .filter(move |(_, basis)| covers(basis, flow))
}

/// Whether `basis` covers `flow`.
pub fn covers(basis: &LegalBasis, flow: &Flow) -> bool {
    (basis.flows.is_empty() && basis.purposes.is_empty())
        || basis.flows.contains(&flow.id)
        || basis.purposes.iter().any(|p| flow.purposes.contains(p))
}

/// The flows `basis` covers, with their index.
pub fn flows_for_basis<'a>(
    agreement: &'a Agreement,
    basis: &'a LegalBasis,
) -> impl Iterator<Item = (usize, &'a Flow)> + 'a {
    agreement
        .flows
        .iter()
        .enumerate()
        .filter(move |(_, flow)| covers(basis, flow))
}

/// The partner ids that rely on `basis`: those it names, else the controllers at the ends
/// of the flows it covers (see [`super::reliance`]). Sorted and unique.
pub fn relying_parties<'a>(agreement: &'a Agreement, basis: &'a LegalBasis) -> Vec<&'a str> {
    super::reliance::relying_parties(agreement, basis)
}

/// The data items a flow carries that are defined, with their index in `data_items`.
pub fn items_of<'a>(
    agreement: &'a Agreement,
    flow: &'a Flow,
) -> impl Iterator<Item = (usize, usize, &'a DataItem)> + 'a {
    flow.data_items
        .iter()
        .enumerate()
        .filter_map(move |(j, id)| {
            agreement
                .data_items
                .iter()
                .position(|item| &item.id == id)
                .map(|i| (j, i, &agreement.data_items[i]))
        })
}

/// The protocol partner `id` names, for an agreement's party.
pub fn partner<'a>(
    workspace: &'a Workspace,
    agreement: &'a Agreement,
    id: &str,
) -> Option<&'a Partner> {
    workspace.partner(agreement, id)
}

/// Whether `id` names a public authority among the protocol's partners.
pub fn is_public_authority(workspace: &Workspace, agreement: &Agreement, id: &str) -> bool {
    partner(workspace, agreement, id).is_some_and(|p| p.public_authority)
}

/// The display name of a partner, falling back to its id.
pub fn partner_name(workspace: &Workspace, agreement: &Agreement, id: &str) -> String {
    partner(workspace, agreement, id).map_or_else(|| id.to_string(), |p| p.name.clone())
}

/// Whether `partner` is a health or care body expected to name a Caldicott Guardian (G013):
/// in England (National Data Guardian guidance), Wales (NHS Wales mandates one in each NHS
/// organisation) and Scotland (NHSScotland boards have them), and where the nation is not
/// stated; not in Northern Ireland, for which isagen has no verified source.
pub fn expects_caldicott_guardian(partner: &Partner) -> bool {
    partner.partner_type.is_health_or_care()
        && partner.nation() != Some(Jurisdiction::NorthernIreland)
}

/// Whether `partner` is a health or social work body for DPA 2018 s.11(1) (L011): a health or
/// care body, or a local authority (social work) outside Northern Ireland, where councils
/// have no social care functions (the HSC trusts provide social care).
pub fn is_health_or_social_work_body(partner: &Partner) -> bool {
    partner.partner_type.is_health_or_care()
        || (partner.partner_type == PartnerType::LocalAuthority
            && partner.nation() != Some(Jurisdiction::NorthernIreland))
}

/// The nearest of `candidates` to `word`, if it is near enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_ascii_lowercase();
    candidates
        .map(|c| {
            (
                strsim::jaro_winkler(&word_lower, &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let names = ["review", "expiry", "approved"];
        assert_eq!(closest("reveiw", names.iter().copied()), Some("review"));
        assert_eq!(closest("colour", names.iter().copied()), None);
    }
}
