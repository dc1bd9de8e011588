//! Issue 10: starship (filled in by the issue 10 work).
