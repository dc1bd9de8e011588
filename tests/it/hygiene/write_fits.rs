//! Issue 10: write_fits (filled in by the issue 10 work).
