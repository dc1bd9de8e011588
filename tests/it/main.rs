//! aws-login's integration tests: one binary, driving the real executable against the
//! fake-aws emulator and, for interop, against tools we did not write.

mod adversarial;
mod bad_input;
mod browser;
mod cache;
mod chain;
mod completion;
mod completion_scripts;
mod console;
mod console_profiles;
mod dumpconfig;
mod dumpconfig_scale;
mod exit_codes;
mod harness;
mod hygiene;
mod interop;
mod more_shells;
mod net;
mod outform;
mod picker;
mod precedence;
mod profiles;
mod readme_map;
mod runas;
mod serve;
mod shell;
mod shell_inert;
mod shell_init;
mod shell_prompt;
mod sources;
mod sso;
mod sso_refresh;
mod sso_signin;
mod verbosity;
