//! Rules of the governance family.

use super::Rule;

/// Every rule of the family.
pub static RULES: &[&Rule] = &[];
