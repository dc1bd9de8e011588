//! The console action: federation sign-in into the partition's web console.

pub mod destination;
pub mod federation;
pub mod handoff;
pub mod rules;
