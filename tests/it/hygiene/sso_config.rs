//! Issue 10: sso_config (filled in by the issue 10 work).
