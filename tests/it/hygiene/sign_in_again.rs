//! Issue 10: sign_in_again (filled in by the issue 10 work).
