//! How the sign-in reaches the user: the system's browser, a chosen browser (in a
//! profile of the identity's own with `--browser-profile`), or the clipboard (`--clip`).
//! Decided before any call, so a bad choice fails before anything is signed in.

use anyhow::Result;

use crate::cli::ConsoleOpenArgs;
use crate::console::browser::Browser;
use crate::console::clip::Terminal;
use crate::console::handoff::{self, Page};
use crate::env::Env;
use crate::error::bail_usage;
use crate::inert::echo;

pub const PROFILE_VAR: &str = "AWS_LOGIN_BROWSER_PROFILE";

pub enum Opener {
    /// BROWSER, else the desktop's browser.
    System,
    Browser {
        browser: Browser,
        own_profile: bool,
    },
    Clip(Terminal),
}

impl Opener {
    /// The choice for these options; `print_url` (`--no-browser`) opens nothing, and
    /// AWS_LOGIN_BROWSER_PROFILE is then of no use rather than an error.
    pub fn choose(args: &ConsoleOpenArgs, print_url: bool, env: &Env) -> Result<Opener> {
        if args.clip {
            return Terminal::open().map(Opener::Clip);
        }
        let own_profile = args.browser_profile || (!print_url && profile_var(env)?);
        if own_profile {
            let browser = Browser::for_profile(args.browser.as_deref(), env)?;
            browser.family()?;
            return Ok(Opener::Browser {
                browser,
                own_profile,
            });
        }
        match &args.browser {
            Some(name) => Ok(Opener::Browser {
                browser: Browser::named(name, env)?,
                own_profile: false,
            }),
            None => Ok(Opener::System),
        }
    }

    /// Open `url` (a secret: only ever inside a private local page) as `identity_arn`.
    pub fn open(self, url: &str, identity_arn: &str, env: &Env) -> Result<Option<Page>> {
        match self {
            Opener::System => handoff::open(url, env).map(Some),
            Opener::Browser {
                browser,
                own_profile,
            } => {
                let args = if own_profile {
                    browser.profile_args(identity_arn, env)?
                } else {
                    Vec::new()
                };
                handoff::open_with(url, env, |page| browser.open(&args, page)).map(Some)
            }
            Opener::Clip(terminal) => terminal.copy(url, env).map(|()| None),
        }
    }
}

/// AWS_LOGIN_BROWSER_PROFILE: 1/true turns the profile of its own on, 0/false off.
fn profile_var(env: &Env) -> Result<bool> {
    match env.get(PROFILE_VAR) {
        None => Ok(false),
        Some(v) if v == "1" || v.eq_ignore_ascii_case("true") => Ok(true),
        Some(v) if v == "0" || v.eq_ignore_ascii_case("false") => Ok(false),
        Some(v) => bail_usage!(
            "{PROFILE_VAR}='{}' is not 1 or 0: set it to 1, 0 or unset it",
            echo(v)
        ),
    }
}
