//! Issue 10: demo (filled in by the issue 10 work).
