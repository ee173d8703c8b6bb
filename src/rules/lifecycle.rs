//! Rules of the lifecycle family.

use super::Rule;

/// Every rule of the family.
pub static RULES: &[&Rule] = &[];
