//! slipwatch: watches entertainment news feeds and flags release dates that move.

pub mod article;
pub mod eval;
pub mod extract;
pub mod model;
