# aws-login for nushell: the __AWSL_CMD__ command and a prompt hook. From `aws-login shell init nushell`.

const __awsl_bin = __AWSL_BIN__

# aws-login in this shell: assume, unassume, refresh, whoami, …
# Other words pass through, their output the command's value (`awsl getcallerid | from json`).
def --env --wrapped __AWSL_CMD__ [...args: string__AWSL_COMPLETION__] {
    if ($args | is-empty) {
        print __AWSL_USAGE__
        $env.LAST_EXIT_CODE = 0
    } else if ($args.0 not-in [assume unassume refresh]) {
        ^$__awsl_bin ...$args
    } else {
        __awsl_change ...$args
    }
}

# assume, unassume, refresh: the environment they print, applied.
def --env --wrapped __awsl_change [...args: string] {
    # A failed run raises an error carrying its exit code; its message is on stderr already.
    let run = try {
        {out: (with-env {AWS_LOGIN_SHELL: '__AWSL_SHELL__'} { ^$__awsl_bin ...$args }), rc: 0}
    } catch {|e|
        {out: '', rc: ($e.exit_code? | default 1)}
    }
    let out = ($run.out | into string)
    if $run.rc == 0 and ($out | str starts-with '__AWSL_MARKER__') {
        # A JSON object: a string sets a variable, null removes it. Never code to evaluate.
        let vars = ($out | lines | skip 1 | str join "\n" | from json)
        let gone = ($vars | transpose name value | where value == null | get name)
        hide-env --ignore-errors ...$gone
        load-env ($vars | reject ...$gone)
        $env.__awsl_next_refresh = 0
        __awsl_update
    } else if ($out | is-not-empty) {
        print $out
    }
    $env.LAST_EXIT_CODE = $run.rc
}

# Completion candidates from the binary (COMPLETE=__AWSL_SHELL__), never the network: a
# JSON list of {value, description}.
def __awsl_complete [context: string] {
    let words = ($context | split row ' ')
    __awsl_candidates ($words | drop | where {|w| $w != ''} | append ($words | last))
}

# The candidates for the last of `words` (the command's name first).
def __awsl_candidates [words: list<string>] {
    let index = (($words | length) - 1 | into string)
    with-env {COMPLETE: '__AWSL_SHELL__', _CLAP_COMPLETE_INDEX: $index} {
        ^$__awsl_bin -- aws-login ...($words | skip 1)
    } | from json
}

# `aws-login <Tab>`: nushell asks its external completer about a command it has no
# signature for. An `extern` signature would change how nushell passes the arguments (no
# globs, no `~`, typed literals), so the completer is wrapped instead, once: aws-login's
# words are answered here, every other command's by the completer set before (none: files).
if '__AWSL_COMPLETES__' == 'completion' and ('__awsl_user_completer' not-in $env) {
    $env.__awsl_user_completer = ($env.config.completions.external.completer? | default null)
    $env.config.completions.external.completer = {|spans|
        let name = ($spans.0? | default '' | str trim --left --char '^' | path basename)
        if $name == 'aws-login' {
            __awsl_candidates $spans
        } else if ($env.__awsl_user_completer | describe) == 'closure' {
            do $env.__awsl_user_completer $spans
        }
    }
}

# AWSL_PROMPT: identity and time left ("prod-Admin 42m", "prod-Admin expired"), from the
# clock builtin: no process while the identity is valid. What a terminal would act on
# (escapes, line breaks, bidi overrides) is shown as '?'.
def --env __awsl_update [] {
    let id = ($env.AWS_LOGIN_IDENTITY? | default '' | into string)
    if ($id | is-empty) {
        $env.AWSL_PROMPT = ''
        return
    }
    mut seg = ($id | str replace --all --regex '[\x00-\x1f\x7f-\x9f\x{61c}\x{200e}\x{200f}\x{2028}-\x{202e}\x{2066}-\x{2069}]' '?')
    let now = ((date now | into int) // 1_000_000_000)
    let epoch = ($env.AWS_LOGIN_EXPIRES_EPOCH? | default '' | into string)
    # More than 12 digits is no plausible time.
    if ($epoch =~ '^[0-9]{1,12}$') {
        let left = (($epoch | into int) - $now)
        if $left <= 0 {
            $seg = $"($seg) expired"
        } else if $left < 3600 {
            $seg = $"($seg) ($left // 60)m"
        } else {
            let m = ($left mod 3600 // 60 | fill --alignment right --character '0' --width 2)
            $seg = $"($seg) ($left // 3600)h($m)m"
        }
        # Near expiry, with AWS_LOGIN_AUTO_REFRESH=1: refresh from the cache (never a
        # browser), at most once a minute.
        let next = ($env.__awsl_next_refresh? | default 0)
        if ($env.AWS_LOGIN_AUTO_REFRESH? == '1') and $left < 300 and $now >= $next {
            $env.__awsl_next_refresh = $now + 60
            __awsl_change refresh --quiet
            if $env.LAST_EXIT_CODE == 0 { return }
        }
    }
    # An Identity Center sign-in that ends within 15 minutes is marked: after it, a browser.
    let signin = ($env.AWS_LOGIN_SIGNIN_EXPIRES_EPOCH? | default '' | into string)
    if ($signin =~ '^[0-9]{1,12}$') {
        let left = (($signin | into int) - $now)
        if $left <= 0 {
            $seg = $"($seg) \(sign-in ended\)"
        } else if $left < 900 {
            $seg = $"($seg) \(sign-in ($left // 60)m\)"
        }
    }
    $env.AWSL_PROMPT = $seg
}

# For prompts built by hand: the segment (empty when no identity is set).
def awsl_prompt_info [] {
    $env.AWSL_PROMPT? | default ''
}

# The hook as a string, so that sourcing again finds it and adds it once.
$env.config.hooks.pre_prompt = ($env.config.hooks.pre_prompt? | default []
    | where {|h| $h != '__awsl_update'} | prepend '__awsl_update')

# --prompt: wrap PROMPT_COMMAND once to show the segment first.
if __AWSL_PROMPT__ == 1 and ('__awsl_user_prompt' not-in $env) {
    $env.__awsl_user_prompt = ($env.PROMPT_COMMAND? | default '')
    $env.PROMPT_COMMAND = {||
        let user = $env.__awsl_user_prompt
        let rest = if ($user | describe) == 'closure' { do $user } else { $user }
        let seg = ($env.AWSL_PROMPT? | default '')
        if ($seg | is-empty) { $rest } else { $"[($seg)] ($rest)" }
    }
}
__awsl_update

# What `aws-login doctor` reads: the shell, the one whose init this is, and whether the
# command's completer is named in its signature.
$env.AWS_LOGIN_SHELL_INIT = $"__AWSL_SHELL__:($nu.pid):__AWSL_COMPLETES__"
