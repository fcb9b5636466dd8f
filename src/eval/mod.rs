//! Scoring shared by the evaluation examples and the quality tests: the Duckling
//! date-phrase set, the project's release corpus and corpora in the shared releases
//! schema (`real`); the confidence fit (`fit`). Pure functions over parsed data; the
//! callers do the file reading.

pub mod article;
pub mod corpus;
pub mod dates;
pub mod fit;
pub mod real;

pub use article::*;
