//! Release corpus scoring.
