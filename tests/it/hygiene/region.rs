//! Issue 10: region (filled in by the issue 10 work).
