# aws-login for fish: the __AWSL_CMD__ function and a prompt hook. From `aws-login shell init fish`.

set -g __awsl_bin __AWSL_BIN__

function __AWSL_CMD__ --description 'aws-login in this shell: assume, unassume, refresh, whoami, …'
    if test (count $argv) -eq 0
        printf '%s\n' __AWSL_USAGE__
        return 0
    end
    switch "$argv[1]"
        case assume unassume refresh
            set -lx AWS_LOGIN_SHELL __AWSL_SHELL__
            set -l out ($__awsl_bin $argv | string collect)
            set -l rc $pipestatus[1]
            if test $rc -eq 0; and string match -q -- '__AWSL_MARKER__*' "$out"
                # Ignore Ctrl-C while the environment changes: never half an identity.
                function __awsl_ignore_int --on-signal INT
                end
                printf '%s\n' "$out" | source
                functions --erase __awsl_ignore_int
                set -g __awsl_next_refresh 0
                __awsl_sample_clock
                __awsl_update
            else if test -n "$out"
                printf '%s\n' "$out"
            end
            return $rc
        case '*'
            command $__awsl_bin $argv
    end
end

# fish has no clock builtin: sample `date` after an assume and then at most once a minute
# of command time; prompts in between estimate from CMD_DURATION, without forking.
function __awsl_sample_clock
    set -g __awsl_clock (command date +%s)
    set -g __awsl_since 0
end

# Now, in seconds: the clock sampled at most once a minute (fish has no clock builtin, and
# sampling it forks), plus the commands' durations summed since then.
function __awsl_now
    if not set -q __awsl_clock; or test "$__awsl_since" -ge 60000
        __awsl_sample_clock
    end
    math "$__awsl_clock + floor($__awsl_since / 1000)"
end

function __awsl_update
    if test -z "$AWS_LOGIN_IDENTITY"
        set -g AWSL_PROMPT ''
        return 0
    end
    # What a terminal would act on (controls, line breaks, bidi overrides) shown as '?'.
    set -l seg (string replace -ra -- '[\x00-\x1f\x7f-\x9f\x{61c}\x{200e}\x{200f}\x{2028}-\x{202e}\x{2066}-\x{2069}]' '?' "$AWS_LOGIN_IDENTITY")
    # More than 12 digits is no plausible time, and too big for math.
    if string match -qr '^[0-9]{1,12}$' -- "$AWS_LOGIN_EXPIRES_EPOCH"
        set -l now (__awsl_now)
        set -l left (math "$AWS_LOGIN_EXPIRES_EPOCH - $now")
        if test $left -le 0
            set seg "$seg expired"
        else if test $left -lt 3600
            set seg "$seg "(math "floor($left / 60)")"m"
        else
            set seg (printf '%s %dh%02dm' "$seg" (math "floor($left / 3600)") (math "floor($left % 3600 / 60)"))
        end
        if test "$AWS_LOGIN_AUTO_REFRESH" = 1; and test $left -lt 300; and test $now -ge (math "0$__awsl_next_refresh")
            set -g __awsl_next_refresh (math "$now + 60")
            __AWSL_CMD__ refresh --quiet 2>/dev/null; and return 0
        end
    end
    # An Identity Center sign-in that ends within 15 minutes is marked: after it, a browser.
    if string match -qr '^[0-9]{1,12}$' -- "$AWS_LOGIN_SIGNIN_EXPIRES_EPOCH"
        set -l left (math "$AWS_LOGIN_SIGNIN_EXPIRES_EPOCH - "(__awsl_now))
        if test $left -le 0
            set seg "$seg (sign-in ended)"
        else if test $left -lt 900
            set seg "$seg (sign-in "(math "floor($left / 60)")"m)"
        end
    end
    set -g AWSL_PROMPT "$seg"
end

# For prompts built by hand: prints the segment (empty when no identity is set).
function awsl_prompt_info
    test -n "$AWSL_PROMPT"; and printf '%s' "$AWSL_PROMPT"
    return 0
end

function __awsl_prompt_hook --on-event fish_prompt
    set -l s $status
    set -q __awsl_since; and set -g __awsl_since (math "$__awsl_since + 0$CMD_DURATION")
    __awsl_update
    return $s
end

# --prompt: wrap fish_prompt once to show the segment first.
if test __AWSL_PROMPT__ = 1; and not functions -q __awsl_user_prompt
    if functions -q fish_prompt
        functions --copy fish_prompt __awsl_user_prompt
    else
        function __awsl_user_prompt
            printf '> '
        end
    end
    function fish_prompt
        test -n "$AWSL_PROMPT"; and printf '[%s] ' "$AWSL_PROMPT"
        __awsl_user_prompt
    end
end
__awsl_update

__AWSL_COMPLETION__

# What `aws-login doctor` reads: the shell, the one whose init this is, and whether the
# function's completion is registered.
set -l __awsl_completes no-completion
if complete --command __AWSL_CMD__ | string length -q
    set __awsl_completes completion
end
set -gx AWS_LOGIN_SHELL_INIT "__AWSL_SHELL__:$fish_pid:$__awsl_completes"
