//! `awsl assume` alone in nushell, elvish and xonsh at a terminal: the picker draws on the
//! terminal while the function captures only stdout, and the pick becomes the identity.

use super::pty::{Step::*, play};
use super::world;
use crate::harness::*;

/// The picker leaving the alternate screen.
const LEFT: &str = "\u{1b}[?1049l";

#[test]
fn the_picker_sets_the_picked_identity_in_nushell_elvish_and_xonsh() {
    // shell, its tool, argv, the line that loads the script and then prints "loaded" (which
    // the echo of the line does not show), the line that shows the identity
    let shells: [(&str, &str, &[&str], &str, &str); 3] = [
        (
            "nushell",
            "nu",
            &["nu", "--no-config-file"],
            "source '{}'; print ('load' + 'ed')\n",
            "print $\"id=<($env.AWS_LOGIN_IDENTITY)> key=<($env.AWS_ACCESS_KEY_ID)>\"\n",
        ),
        (
            "elvish",
            "elvish",
            &["elvish", "-norc"],
            "eval (slurp < '{}'); echo load''ed\n",
            "echo 'id=<'$E:AWS_LOGIN_IDENTITY'> key=<'$E:AWS_ACCESS_KEY_ID'>'\n",
        ),
        (
            "xonsh",
            "xonsh",
            &["xonsh", "--no-rc", "-i"],
            "execx($(cat '{}')); print('load' + 'ed')\n",
            "print('id=<' + $AWS_LOGIN_IDENTITY + '> key=<' + $AWS_ACCESS_KEY_ID + '>')\n",
        ),
    ];
    for (shell, tool, argv, load, show) in shells {
        if !have(tool) {
            continue;
        }
        let w = world();
        let init = render(&w, shell, &["--no-completion"], &format!("init.{shell}"));
        let steps = [
            // A line editor that is not up yet may drop what is typed: give it a moment.
            Sleep(1.0),
            Type(load.replace("{}", &init.display().to_string())),
            // Line editors drop what is typed ahead while a command runs.
            Expect("loaded"),
            Sleep(0.3),
            Send("awsl assume\n"),
            Expect("assume> "),
            Send("prod adm"),
            Expect("  1/"),
            Send("\r"),
            Expect(LEFT),
            Sleep(0.3),
            Send(show),
            Expect("id=<acme-prod-Admin> key=<ASIA"),
            Send("exit\n"),
        ];
        let played = play(&w, argv, &[], &steps);
        assert!(
            !played.screen.contains("# aws-login assume"),
            "{shell}: the script was printed, not applied"
        );
    }
}
