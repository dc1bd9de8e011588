# aws-login for elvish: the __AWSL_CMD__ function and a prompt segment. From `aws-login shell init elvish`.

use math
use re
use str

var __awsl_bin = __AWSL_BIN__
var __awsl_prompt = __AWSL_PROMPT__
var __awsl_clock = 0
var __awsl_since = 0
var __awsl_next_refresh = 0
var __awsl_segment = ''

# elvish has no clock builtin: sample `date` after an assume and then at most once a minute
# of command time; prompts in between estimate from the commands' durations, without forking.
fn __awsl_sample_clock {
    set __awsl_clock = (num (e:date +%s))
    set __awsl_since = 0
}

fn __AWSL_CMD__ {|@args|
    if (== (count $args) 0) {
        echo __AWSL_USAGE__
        return
    }
    if (not (has-value [assume unassume refresh] $args[0])) {
        (external $__awsl_bin) $@args
        return
    }
    tmp E:AWS_LOGIN_SHELL = __AWSL_SHELL__
    var out = ''
    # A failed run raises an exception; its message is on stderr already. It is raised again
    # below, after printing what the run printed.
    var err = ?(set out = ((external $__awsl_bin) $@args | slurp))
    if (and $err (str:has-prefix $out '__AWSL_MARKER__')) {
        # Only set-env and unset-env lines; elvish has no way to hold Ctrl-C off them.
        eval $out
        set __awsl_next_refresh = 0
        __awsl_sample_clock
        __awsl_update
    } elif (!=s $out '') {
        print $out
    }
    if (not $err) {
        fail $err
    }
}

# Now, in seconds: the clock sampled at most once a minute of command time (sampling it
# forks), plus the commands' durations since then.
fn __awsl_now {
    if (or (== $__awsl_clock 0) (>= $__awsl_since 60)) {
        __awsl_sample_clock
    }
    put (+ $__awsl_clock (exact-num (math:floor $__awsl_since)))
}

# The segment: identity and time left ("prod-Admin 42m", "prod-Admin expired"). What a
# terminal would act on (escapes, line breaks, bidi overrides) is shown as '?'.
fn __awsl_update {
    var id = $E:AWS_LOGIN_IDENTITY
    if (==s $id '') {
        set __awsl_segment = ''
        return
    }
    var seg = (re:replace '[\x00-\x1f\x7f-\x9f\x{61c}\x{200e}\x{200f}\x{2028}-\x{202e}\x{2066}-\x{2069}]' '?' $id)
    var epoch = $E:AWS_LOGIN_EXPIRES_EPOCH
    # More than 12 digits is no plausible time.
    if (re:match '^[0-9]{1,12}$' $epoch) {
        var now = (__awsl_now)
        var left = (- (num $epoch) $now)
        if (<= $left 0) {
            set seg = $seg' expired'
        } elif (< $left 3600) {
            set seg = $seg' '(exact-num (math:floor (/ $left 60)))'m'
        } else {
            set seg = (printf '%s %dh%02dm' $seg (exact-num (math:floor (/ $left 3600))) (exact-num (math:floor (/ (% $left 3600) 60))))
        }
        # Near expiry, with AWS_LOGIN_AUTO_REFRESH=1: refresh from the cache (never a
        # browser), at most once a minute.
        if (and (==s $E:AWS_LOGIN_AUTO_REFRESH 1) (< $left 300) (>= $now $__awsl_next_refresh)) {
            set __awsl_next_refresh = (+ $now 60)
            if ?(__AWSL_CMD__ refresh --quiet 2>/dev/null) {
                return
            }
        }
    }
    # An Identity Center sign-in that ends within 15 minutes is marked: after it, a browser.
    var signin = $E:AWS_LOGIN_SIGNIN_EXPIRES_EPOCH
    if (re:match '^[0-9]{1,12}$' $signin) {
        var left = (- (num $signin) (__awsl_now))
        if (<= $left 0) {
            set seg = $seg' (sign-in ended)'
        } elif (< $left 900) {
            set seg = $seg' (sign-in '(exact-num (math:floor (/ $left 60)))'m)'
        }
    }
    set __awsl_segment = $seg
}

# For prompts built by hand: the segment (empty when no identity is set).
fn awsl_prompt_info {
    put $__awsl_segment
}

edit:add-var __AWSL_CMD__~ $__AWSL_CMD__~
edit:add-var awsl_prompt_info~ $awsl_prompt_info~

# Whether `f` is one of this script's closures: they take one option, named `__awsl`, so
# that evaluating the script again replaces its hook and its prompt wrapper.
fn __awsl_ours {|f|
    try {
        has-value $f[opt-names] __awsl
    } catch {
        put $false
    }
}

# Before each prompt: count the last command's time, recompute the segment. Builtins only.
set edit:after-command = [(each {|h| if (not (__awsl_ours $h)) { put $h } } $edit:after-command) {|m &__awsl=$nil|
    set __awsl_since = (+ $__awsl_since $m[duration])
    __awsl_update
}]

# --prompt: wrap the prompt to show the segment first. Evaluating the script again wraps
# the user's prompt, which the previous wrapper holds as its option's default, anew.
if (== $__awsl_prompt 1) {
    var user = $edit:prompt
    if (__awsl_ours $user) {
        set user = $user[opt-defaults][0]
    }
    set edit:prompt = {|&__awsl=$user|
        if (!=s $__awsl_segment '') {
            put '['$__awsl_segment'] '
        }
        $__awsl
    }
}
__awsl_update

__AWSL_COMPLETION__

# What `aws-login doctor` reads: the shell, the one whose init this is, and whether
# completion was registered above.
set-env AWS_LOGIN_SHELL_INIT '__AWSL_SHELL__:'$pid':__AWSL_COMPLETES__'
