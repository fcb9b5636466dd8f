//! Track: what was read, kept, and what it means over time.
//!
//! `store` keeps every sighting, release and change in sled (one atomic batch per
//! article); `diff` turns a release's sightings into its current date and moves
//! (pure); `backup` writes the store out as JSON Lines and reads it back.

// The sled store, and the pure timeline it replays incrementally on every commit.
pub mod diff;
pub mod store;

// Export and import of the whole store.
pub mod backup;
