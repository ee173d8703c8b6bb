//! The chain from an agreement to its protocol: every provision an agreement may set itself
//! or adopt from the protocol it is made under, resolved in one place.
//!
//! The rule is the same for every provision: the agreement's own, else its protocol's. Rules
//! read provisions through [`Chain`], so "the agreement does not say" is reported only when
//! neither the agreement nor its protocol says; and the rendered agreement lists what it
//! adopts, and from which clause of which protocol, from [`Chain::adopted`].

use crate::model::{
    Agreement, BreachProcedure, DataQuality, Dpia, Protocol, RightsProcedure, Security, Termination,
};

use super::Workspace;

/// Where a provision comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin<'a> {
    /// The agreement sets it itself.
    Agreement,
    /// The agreement adopts it from its protocol.
    Protocol {
        /// The protocol's document index in the workspace.
        document: usize,
        /// The clause of the protocol that sets it out, if recorded.
        clause: Option<&'a str>,
    },
}

/// A provision and where it comes from.
#[derive(Clone, Copy, Debug)]
pub struct Resolved<'a, T: ?Sized> {
    /// The provision.
    pub value: &'a T,
    /// Where it comes from.
    pub origin: Origin<'a>,
}

/// One provision an agreement adopts from its protocol, for the rendered agreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adoption<'a> {
    /// The provision in plain words, for example "Security".
    pub provision: &'static str,
    /// The clause of the protocol that sets it out, if recorded.
    pub clause: Option<&'a str>,
}

/// An agreement with the protocol it is made under (if it has one and it was found).
#[derive(Clone, Copy, Debug)]
pub struct Chain<'a> {
    /// The agreement.
    pub agreement: &'a Agreement,
    /// Its protocol and the protocol's document index.
    pub protocol: Option<(usize, &'a Protocol)>,
}

impl<'a> Chain<'a> {
    /// The chain for `agreement` in `workspace`.
    pub fn new(workspace: &'a Workspace, agreement: &'a Agreement) -> Chain<'a> {
        Chain {
            agreement,
            protocol: workspace.protocol_of(agreement),
        }
    }

    /// Whether the agreement names a protocol that was not found: what the protocol
    /// provides cannot be known, so rules that would report a gap stay silent.
    pub fn protocol_unknown(&self) -> bool {
        self.agreement.protocol.is_some() && self.protocol.is_none()
    }

    fn pick<T: ?Sized>(
        &self,
        own: Option<&'a T>,
        inherited: impl FnOnce(&'a Protocol) -> Option<&'a T>,
        clause: impl FnOnce(&'a Protocol) -> Option<&'a String>,
    ) -> Option<Resolved<'a, T>> {
        if let Some(value) = own {
            return Some(Resolved {
                value,
                origin: Origin::Agreement,
            });
        }
        let (document, protocol) = self.protocol?;
        inherited(protocol).map(|value| Resolved {
            value,
            origin: Origin::Protocol {
                document,
                clause: clause(protocol).map(String::as_str),
            },
        })
    }

    /// Security for the sharing as a whole: the agreement's `security`, else the protocol's
    /// `provisions.security`.
    pub fn security(&self) -> Option<Resolved<'a, Security>> {
        self.pick(
            self.agreement.security.as_ref(),
            |p| p.provisions.security.as_ref(),
            |p| p.provisions.clauses.security.as_ref(),
        )
    }

    /// The protocol's security provision, when the agreement adopts it (sets no `security`
    /// of its own).
    pub fn adopted_security(&self) -> Option<Resolved<'a, Security>> {
        self.security()
            .filter(|r| matches!(r.origin, Origin::Protocol { .. }))
    }

    /// Data quality: the agreement's, else the protocol's.
    pub fn data_quality(&self) -> Option<Resolved<'a, DataQuality>> {
        self.pick(
            self.agreement.data_quality.as_ref(),
            |p| p.provisions.data_quality.as_ref(),
            |p| p.provisions.clauses.data_quality.as_ref(),
        )
    }

    /// The DPIA: the agreement's, else the protocol's.
    pub fn dpia(&self) -> Option<Resolved<'a, Dpia>> {
        self.pick(
            self.agreement.dpia.as_ref(),
            |p| p.provisions.dpia.as_ref(),
            |p| p.provisions.clauses.dpia.as_ref(),
        )
    }

    /// Termination: the agreement's, else the protocol's.
    pub fn termination(&self) -> Option<Resolved<'a, Termination>> {
        self.pick(
            self.agreement.termination.as_ref(),
            |p| p.provisions.termination.as_ref(),
            |p| p.provisions.clauses.termination.as_ref(),
        )
    }

    /// Sanctions: the agreement's, else the protocol's.
    pub fn sanctions(&self) -> Option<Resolved<'a, str>> {
        self.pick(
            self.agreement.sanctions.as_deref(),
            |p| p.provisions.sanctions.as_deref(),
            |p| p.provisions.clauses.sanctions.as_ref(),
        )
    }

    /// Onward disclosure: the agreement's, else the protocol's.
    pub fn onward_disclosure(&self) -> Option<Resolved<'a, str>> {
        self.pick(
            self.agreement.onward_disclosure.as_deref(),
            |p| p.provisions.onward_disclosure.as_deref(),
            |p| p.provisions.clauses.onward_disclosure.as_ref(),
        )
    }

    /// The breach procedure: the agreement's, else the protocol's `governance.breach`.
    pub fn breach(&self) -> Option<Resolved<'a, BreachProcedure>> {
        self.pick(
            self.agreement.breach.as_ref(),
            |p| p.governance.breach.as_ref(),
            |p| p.provisions.clauses.breach.as_ref(),
        )
    }

    /// The rights procedure: the agreement's, else the protocol's `governance.rights`.
    pub fn rights(&self) -> Option<Resolved<'a, RightsProcedure>> {
        self.pick(
            self.agreement.rights.as_ref(),
            |p| p.governance.rights.as_ref(),
            |p| p.provisions.clauses.rights.as_ref(),
        )
    }

    /// Where partner `party`'s retention period comes from: the agreement's `retention`
    /// entry for it, else a protocol default that applies to it.
    pub fn retention_for(&self, party: &str) -> Option<Origin<'a>> {
        if self
            .agreement
            .retention
            .iter()
            .any(|r| r.party.as_str() == party)
        {
            return Some(Origin::Agreement);
        }
        let (document, protocol) = self.protocol?;
        protocol
            .provisions
            .retention
            .iter()
            .any(|r| r.applies_to(party))
            .then_some(Origin::Protocol {
                document,
                clause: protocol.provisions.clauses.retention.as_deref(),
            })
    }

    /// Every provision the agreement adopts from its protocol, in the order of the
    /// agreement's sections.
    pub fn adopted(&self) -> Vec<Adoption<'a>> {
        let Some((_, protocol)) = self.protocol else {
            return Vec::new();
        };
        let a = self.agreement;
        let p = &protocol.provisions;
        let c = &p.clauses;
        let g = &protocol.governance;
        let rows: [(&'static str, bool, &'a Option<String>); 14] = [
            (
                "Legislative framework",
                !p.legislation.is_empty(),
                &c.legislation,
            ),
            (
                "Data quality",
                a.data_quality.is_none() && p.data_quality.is_some(),
                &c.data_quality,
            ),
            (
                "Security",
                a.security.is_none() && p.security.is_some(),
                &c.security,
            ),
            (
                "Retention",
                !p.retention.is_empty()
                    && a.parties.iter().any(|party| {
                        !a.retention.iter().any(|r| r.party == party.partner)
                            && p.retention
                                .iter()
                                .any(|r| r.applies_to(party.partner.as_str()))
                    }),
                &c.retention,
            ),
            (
                "Individuals' rights and complaints",
                a.rights.is_none() && g.rights.is_some(),
                &c.rights,
            ),
            (
                "Breach handling",
                a.breach.is_none() && g.breach.is_some(),
                &c.breach,
            ),
            ("DPIA", a.dpia.is_none() && p.dpia.is_some(), &c.dpia),
            (
                "Onward disclosure",
                a.onward_disclosure.is_none() && p.onward_disclosure.is_some(),
                &c.onward_disclosure,
            ),
            (
                "Termination",
                a.termination.is_none() && p.termination.is_some(),
                &c.termination,
            ),
            ("Withdrawal", g.withdrawal.is_some(), &c.withdrawal),
            (
                "Sanctions",
                a.sanctions.is_none() && p.sanctions.is_some(),
                &c.sanctions,
            ),
            (
                "Freedom of information",
                g.freedom_of_information.is_some(),
                &c.freedom_of_information,
            ),
            ("Training", g.training.is_some(), &c.training),
            ("Audit", g.audit.is_some(), &c.audit),
        ];
        rows.into_iter()
            .filter(|(_, adopted, _)| *adopted)
            .map(|(provision, _, clause)| Adoption {
                provision,
                clause: clause.as_deref(),
            })
            .collect()
    }
}
