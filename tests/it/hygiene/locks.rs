//! Issue 10: locks (filled in by the issue 10 work).
