//! Rules of the references family.

use super::Rule;

/// Every rule of the family.
pub static RULES: &[&Rule] = &[];
