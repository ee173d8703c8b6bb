//! Who relies on which legal basis: each controller needs its own.
//!
//! UK GDPR Article 6(1) makes processing lawful "only if and to the extent that" a basis
//! applies, and each controller is responsible for its own processing (Article 5(2), 24(1)),
//! so the discloser and the recipient of a flow each need their own Article 6 basis, their own
//! Article 9 condition (with the Schedule 1 condition DPA 2018 s.10 requires) for special
//! category data and their own Article 10 authority for criminal offence data; a DPA 2018
//! Part 3 basis serves only a controller that is a competent authority (s.29, s.30 and
//! Schedule 7). One party's basis never covers another's.
//!
//! A processor processes on its controller's behalf (Article 28(3)(a)) and relies on no basis
//! of its own: a flow's end that is a processor stands for the controller it `acts_for`.
//!
//! Who relies on a basis: the parties it names in `relied_on_by`, else the controllers at the
//! ends of the flows it covers. A department or service named at a flow's end (`part_of` a
//! party in the protocol) stands for the party it is part of, the legal person that is the
//! controller.

use crate::model::{Agreement, Flow, Id, LegalBasis, Protocol, Role};
use crate::rules::helpers::{bases_for_flow, flows_for_basis, partner};
use crate::workspace::Workspace;

/// The controller a flow's end `id` stands for: the party itself, or for a processor the
/// controller it acts for (none when that is not recorded). An end that is not a party is a
/// department or service of one (`part_of`, followed through `protocol` when it is known),
/// which stands for that party; else it stands for itself (the reference rules report an id
/// that names nothing).
pub fn controller_of<'a>(
    agreement: &'a Agreement,
    protocol: Option<&Protocol>,
    id: &'a Id,
) -> Option<&'a Id> {
    let party = agreement
        .parties
        .iter()
        .find(|p| &p.partner == id)
        .or_else(|| {
            let protocol = protocol?;
            agreement
                .parties
                .iter()
                .find(|p| protocol.is_within(id.as_str(), p.partner.as_str()))
        });
    let Some(party) = party else {
        return Some(id);
    };
    if party.role == Role::Processor {
        party.acts_for.as_ref()
    } else {
        Some(&party.partner)
    }
}

/// The protocol `agreement` is made under, when it is among the files checked.
fn protocol_of<'a>(workspace: &'a Workspace, agreement: &Agreement) -> Option<&'a Protocol> {
    workspace.protocol_of(agreement).map(|(_, p)| p)
}

/// One controller at an end of a flow, with the field of the flow that names it (or names the
/// processor acting for it).
#[derive(Clone, Debug)]
pub struct FlowController<'a> {
    /// The controller's partner id.
    pub id: &'a Id,
    /// The JSON pointer, under the flow, of the end that stands for it (`from`, `to` or an
    /// `among` entry).
    pub pointer: String,
}

/// The controllers at the ends of `flow` (at `/flows/{index}`), disclosers first, each once.
pub fn flow_controllers<'a>(
    workspace: &Workspace,
    agreement: &'a Agreement,
    flow: &'a Flow,
    index: usize,
) -> Vec<FlowController<'a>> {
    let protocol = protocol_of(workspace, agreement);
    let base = format!("/flows/{index}");
    let mut controllers: Vec<FlowController<'a>> = Vec::new();
    let pairs = flow.pairs(agreement);
    let ends = pairs
        .iter()
        .map(|(from, _)| (*from, true))
        .chain(pairs.iter().map(|(_, to)| (*to, false)));
    for (end, from) in ends {
        let Some(id) = controller_of(agreement, protocol, end) else {
            continue;
        };
        if controllers.iter().all(|c| c.id != id) {
            controllers.push(FlowController {
                id,
                pointer: flow.endpoint_pointer(&base, end, from),
            });
        }
    }
    controllers
}

/// Whether the controller `id` relies on `basis` (which covers `flow`): the basis names it in
/// `relied_on_by`, or names nobody and `id` is a controller at an end of the flow.
pub fn relies_on(
    workspace: &Workspace,
    agreement: &Agreement,
    basis: &LegalBasis,
    flow: &Flow,
    id: &Id,
) -> bool {
    if basis.relied_on_by.is_empty() {
        let protocol = protocol_of(workspace, agreement);
        flow.pairs(agreement)
            .into_iter()
            .flat_map(|(from, to)| [from, to])
            .any(|end| controller_of(agreement, protocol, end) == Some(id))
    } else {
        basis.relied_on_by.contains(id)
    }
}

/// The legal bases covering `flow` that controller `id` relies on, with their index.
pub fn own_bases<'a>(
    workspace: &Workspace,
    agreement: &'a Agreement,
    flow: &'a Flow,
    id: &'a Id,
) -> Vec<(usize, &'a LegalBasis)> {
    bases_for_flow(agreement, flow)
        .filter(|(_, basis)| relies_on(workspace, agreement, basis, flow, id))
        .collect()
}

/// The partner ids that rely on `basis`: those it names, else the controllers at the ends of
/// the flows it covers (a processor's controller for a processor's end; a department that is
/// not itself a party shown as itself, since the protocol is not consulted here). Sorted and
/// unique.
pub fn relying_parties<'a>(agreement: &'a Agreement, basis: &'a LegalBasis) -> Vec<&'a str> {
    let mut ids: Vec<&str> = if basis.relied_on_by.is_empty() {
        flows_for_basis(agreement, basis)
            .flat_map(|(_, f)| f.pairs(agreement))
            .flat_map(|(from, to)| [from, to])
            .filter_map(|end| controller_of(agreement, None, end))
            .map(Id::as_str)
            .collect()
    } else {
        basis.relied_on_by.iter().map(Id::as_str).collect()
    };
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Whether partner `id` is recorded as a competent authority (DPA 2018 s.30, Schedule 7);
/// `None` when the partner cannot be found (its protocol is not among the files checked).
pub fn is_competent_authority(
    workspace: &Workspace,
    agreement: &Agreement,
    id: &str,
) -> Option<bool> {
    partner(workspace, agreement, id).map(|p| p.competent_authority)
}

/// Whether `basis` gives controller `id` a DPA 2018 Part 3 basis it may use: the basis has
/// `law_enforcement` and the controller is a competent authority, or its partner entry cannot
/// be found (its protocol is not among the files checked, which R003 reports), so that a
/// finding is never made on what could not be read.
pub fn part_3_for(
    workspace: &Workspace,
    agreement: &Agreement,
    basis: &LegalBasis,
    id: &str,
) -> bool {
    basis.law_enforcement.is_some()
        && is_competent_authority(workspace, agreement, id) != Some(false)
}

/// The controllers at the ends of `flow` (at `/flows/{index}`) that rely on at least one basis
/// covering it but on none that `satisfies` (called with the controller's id and the basis),
/// grouped by the first basis each relies on: (basis index, controllers), in basis order. A
/// controller with no basis of its own for the flow is left to L025.
pub fn lacking_controllers<'a>(
    workspace: &Workspace,
    agreement: &'a Agreement,
    flow: &'a Flow,
    index: usize,
    satisfies: impl Fn(&str, &LegalBasis) -> bool,
) -> Vec<(usize, Vec<&'a Id>)> {
    let mut groups: Vec<(usize, Vec<&'a Id>)> = Vec::new();
    for controller in flow_controllers(workspace, agreement, flow, index) {
        let own = own_bases(workspace, agreement, flow, controller.id);
        let Some(&(first, _)) = own.first() else {
            continue;
        };
        if own
            .iter()
            .any(|(_, basis)| satisfies(controller.id.as_str(), basis))
        {
            continue;
        }
        match groups.iter_mut().find(|(b, _)| *b == first) {
            Some((_, ids)) => ids.push(controller.id),
            None => groups.push((first, vec![controller.id])),
        }
    }
    groups.sort_by_key(|(b, _)| *b);
    groups
}

/// The controllers' names (their ids where the partner is not found), joined with "or".
pub fn controller_names(workspace: &Workspace, agreement: &Agreement, ids: &[&Id]) -> String {
    ids.iter()
        .map(|id| crate::rules::helpers::partner_name(workspace, agreement, id.as_str()))
        .collect::<Vec<_>>()
        .join(" or ")
}
