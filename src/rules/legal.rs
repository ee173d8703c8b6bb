//! Rules of the legal family.

use super::Rule;

/// Every rule of the family.
pub static RULES: &[&Rule] = &[];
