//! The console action: federation sign-in into the partition's web console.

pub mod browser;
pub mod clip;
pub mod destination;
pub mod federation;
pub mod handoff;
pub mod open;
pub mod rules;
