//! Playing keys into a program on a real terminal (python3's `pty` module, driver.py).

use crate::harness::*;

pub enum Step {
    /// Keys to type.
    Send(&'static str),
    /// Owned keys to type.
    Type(String),
    /// Wait until the terminal shows this (after what earlier waits consumed).
    Expect(&'static str),
    /// Let the program run (and the terminal collect what it shows).
    Sleep(f64),
}

pub struct Played {
    /// What the terminal showed, bytes as they came (escape sequences included).
    pub screen: String,
    /// Seconds from the start to each `Expect`.
    pub times: Vec<f64>,
}

/// Run `argv` on a terminal in `w`'s clean environment (plus `env`) and play `steps`.
pub fn play(w: &World, argv: &[&str], env: &[(&str, &str)], steps: &[Step]) -> Played {
    let json: Vec<serde_json::Value> = steps
        .iter()
        .map(|s| match s {
            Step::Send(k) => serde_json::json!({ "send": k }),
            Step::Type(k) => serde_json::json!({ "send": k }),
            Step::Expect(t) => serde_json::json!({ "expect": t }),
            Step::Sleep(s) => serde_json::json!({ "sleep": s }),
        })
        .collect();
    let steps_file = w.write("picker-steps.json", &json.len().to_string());
    std::fs::write(&steps_file, serde_json::to_string(&json).unwrap()).unwrap();
    let driver = w.write("picker-driver.py", include_str!("driver.py"));
    let times_file = w.home().join("picker-times.json");
    let mut args = vec![
        driver.to_str().unwrap(),
        steps_file.to_str().unwrap(),
        times_file.to_str().unwrap(),
    ];
    args.extend_from_slice(argv);
    let mut run = w
        .cmd(&args)
        .program(which("python3").expect("python3"))
        .env("TERM", "xterm-256color");
    for (k, v) in env {
        run = run.env(k, v);
    }
    let out = run.run();
    assert_eq!(out.code, 0, "pty: {}\n{}", out.stderr, out.stdout);
    let times = serde_json::from_str(&std::fs::read_to_string(times_file).unwrap()).unwrap();
    Played {
        screen: out.stdout,
        times,
    }
}
