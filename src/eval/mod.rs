//! Scoring shared by the evaluation examples and the quality tests: the Duckling
//! date-phrase set and the release corpus. Pure functions over parsed data; the
//! callers do the file reading.

pub mod article;
pub mod corpus;
pub mod dates;

pub use article::*;
