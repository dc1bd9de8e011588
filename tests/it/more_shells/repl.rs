//! The prompt at each shell's own interactive loop on a terminal: 20 prompts after an
//! assume show the segment and cost no call to aws-login.

use super::*;
use crate::picker::pty::{Step::*, play};

#[test]
fn twenty_interactive_prompts_cost_no_call_in_nushell_elvish_and_xonsh() {
    // shell, its tool, argv, the line that loads the script and then prints "loaded" (which
    // the echo of the line does not show)
    let shells: [(&str, &str, &[&str], &str); 3] = [
        (
            "nushell",
            "nu",
            &["nu", "--no-config-file"],
            "source '{}'; print ('load' + 'ed')\n",
        ),
        (
            "elvish",
            "elvish",
            &["elvish", "-norc"],
            "eval (slurp < '{}'); echo load''ed\n",
        ),
        (
            "xonsh",
            "xonsh",
            &["xonsh", "--no-rc", "-i"],
            "execx($(cat '{}')); print('load' + 'ed')\n",
        ),
    ];
    for (shell, tool, argv, load) in shells {
        if !have(tool) {
            continue;
        }
        let w = World::new().with_user_profiles();
        let (init, count) = counting_init(&w, shell);
        let mut steps = vec![
            // A line editor that is not up yet may drop what is typed: give it a moment.
            Sleep(1.0),
            Type(load.replace("{}", &init.display().to_string())),
            // Line editors drop what is typed ahead while a command runs.
            Expect("loaded"),
            Sleep(0.3),
            Type(format!("awsl assume alice --assume-roles {DEPLOY}\n")),
            Expect("[222222222222-Deploy "),
            Sleep(0.3),
            Type(format!("rm -f '{}'\n", count.display())),
            Sleep(0.5),
        ];
        for _ in 0..20 {
            steps.push(Send("\n"));
            steps.push(Sleep(0.1));
        }
        steps.push(Send("exit\n"));
        let played = play(&w, argv, &[], &steps);
        let shown = played.screen.matches("[222222222222-Deploy ").count();
        assert!(shown >= 20, "{shell}: {shown} prompts showed the segment");
        assert_eq!(calls(&count), 0, "{shell}: prompts called aws-login");
    }
}

/// Tab at each shell's own prompt completes a profile through the script's completer, and
/// Enter passes it to aws-login.
#[test]
fn tab_completes_a_profile_at_the_nushell_elvish_and_xonsh_prompt() {
    let shells: [(&str, &str, &[&str], &str); 3] = [
        (
            "nushell",
            "nu",
            &["nu", "--no-config-file"],
            "source '{}'; print ('load' + 'ed')\n",
        ),
        (
            "elvish",
            "elvish",
            &["elvish", "-norc"],
            "eval (slurp < '{}'); echo load''ed\n",
        ),
        (
            "xonsh",
            "xonsh",
            &["xonsh", "--no-rc", "-i"],
            "execx($(cat '{}')); print('load' + 'ed')\n",
        ),
    ];
    for (shell, tool, argv, load) in shells {
        if !have(tool) {
            continue;
        }
        let w = World::new();
        w.write(
            ".aws/config",
            "[profile team-dev]\nregion = eu-west-1\n[profile other]\nregion = eu-west-1\n",
        );
        let init = render(&w, shell, &[], &format!("tab.{shell}"));
        let steps = [
            // A line editor that is not up yet may drop what is typed: give it a moment.
            Sleep(1.0),
            Type(load.replace("{}", &init.display().to_string())),
            Expect("loaded"),
            Sleep(0.3),
            Send("awsl assume --profile team-d"),
            Sleep(0.3),
            Send("\t"),
            Sleep(0.8),
            Send("\r"),
            Expect("aws-login: profile 'team-dev' holds no credentials"),
            Send("exit\n"),
        ];
        play(&w, argv, &[], &steps);
    }
}

/// In nushell, Tab completes the binary itself too (`aws-login …`, not only the function),
/// and an external completer the user set before loading the script still answers for
/// every other command.
#[test]
fn tab_completes_the_aws_login_binary_in_nushell_and_keeps_the_users_completer() {
    if !have("nu") {
        return;
    }
    let w = World::new();
    w.write(
        ".aws/config",
        "[profile team-dev]\nregion = eu-west-1\n[profile other]\nregion = eu-west-1\n",
    );
    let init = render(&w, "nushell", &[], "tab-bin.nu");
    let bin_dir = std::path::Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let steps = [
        Sleep(1.0),
        Type(format!(
            "$env.config.completions.external.completer = {{|spans| [{{value: 'users-own-answer'}}]}}; source '{}'; print ('load' + 'ed')\n",
            init.display()
        )),
        Expect("loaded"),
        Sleep(0.3),
        Send("aws-login getcallerid --profile team-d"),
        Sleep(0.3),
        Send("\t"),
        Sleep(0.8),
        Send("\r"),
        Expect("aws-login: profile 'team-dev' holds no credentials"),
        Sleep(0.3),
        Send("^echo users-own-a"),
        Sleep(0.3),
        Send("\t"),
        Sleep(0.8),
        Send("\r"),
        Expect("users-own-answer"),
        Send("exit\n"),
    ];
    play(&w, &["nu", "--no-config-file"], &[("PATH", &path)], &steps);
}
