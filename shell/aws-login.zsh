# aws-login for zsh: the __AWSL_CMD__ function and a precmd hook. From `aws-login shell init zsh`.

__awsl_bin=__AWSL_BIN__
__awsl_prompt=__AWSL_PROMPT__
zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null

__AWSL_CMD__() {
    if [[ $# -eq 0 ]]; then
        \builtin printf '%s\n' __AWSL_USAGE__
        return 0
    fi
    case "${1-}" in
        assume | unassume | refresh)
            # localtraps: the INT trap set below ends with this function.
            setopt localoptions localtraps
            local __awsl_out __awsl_rc
            __awsl_out=$(AWS_LOGIN_SHELL=__AWSL_SHELL__ "$__awsl_bin" "$@")
            __awsl_rc=$?
            if [[ $__awsl_rc -eq 0 && $__awsl_out == "__AWSL_MARKER__"* ]]; then
                \builtin trap '' INT
                \builtin eval "$__awsl_out"
                typeset -g __awsl_next_refresh=0
                __awsl_update
            elif [[ -n $__awsl_out ]]; then
                \builtin printf '%s\n' "$__awsl_out"
            fi
            return "$__awsl_rc"
            ;;
        *)
            \command "$__awsl_bin" "$@"
            ;;
    esac
}

# What the terminal would act on in a hand-set identity, besides [[:cntrl:]]: the C1
# controls and the characters that reorder or break a line, as UTF-8 bytes so they match
# whatever the locale (in the C locale [[:cntrl:]] misses C1).
typeset -ga __awsl_active
__awsl_active=($'\xd8\x9c' $'\xe2\x80\x8e' $'\xe2\x80\x8f' $'\xe2\x80\xa8' $'\xe2\x80\xa9' $'\xe2\x80\xaa'
    $'\xe2\x80\xab' $'\xe2\x80\xac' $'\xe2\x80\xad' $'\xe2\x80\xae' $'\xe2\x81\xa6' $'\xe2\x81\xa7'
    $'\xe2\x81\xa8' $'\xe2\x81\xa9')
for __awsl_c in 8 9; do
    for __awsl_d in 0 1 2 3 4 5 6 7 8 9 a b c d e f; do
        \builtin printf -v __awsl_char '%b' "\\xc2\\x$__awsl_c$__awsl_d"
        __awsl_active+=("$__awsl_char")
    done
done
unset __awsl_c __awsl_d __awsl_char

# AWSL_PROMPT: identity and time left, with % doubled for prompt expansion; psvar[9]: the
# same, raw, for %9v (psvar values are never expanded). Builtins only: no fork while the
# identity is valid. What a terminal would act on (escapes, line breaks, bidi overrides)
# is shown as '?'.
__awsl_update() {
    if [[ -z ${AWS_LOGIN_IDENTITY-} ]]; then
        typeset -g AWSL_PROMPT=
        psvar[9]=
        return 0
    fi
    local __awsl_seg=${AWS_LOGIN_IDENTITY//[[:cntrl:]]/?} __awsl_c __awsl_left
    for __awsl_c in "${__awsl_active[@]}"; do
        __awsl_seg=${__awsl_seg//$__awsl_c/?}
    done
    # Digits only: a hostile value in arithmetic could run code; more than 12 is no
    # plausible time and would overflow.
    if [[ ${AWS_LOGIN_EXPIRES_EPOCH-} =~ ^[0-9]{1,12}$ && -n ${EPOCHSECONDS-} ]]; then
        __awsl_left=$((AWS_LOGIN_EXPIRES_EPOCH - EPOCHSECONDS))
        if ((__awsl_left <= 0)); then
            __awsl_seg+=" expired"
        elif ((__awsl_left < 3600)); then
            __awsl_seg+=" $((__awsl_left / 60))m"
        else
            \builtin printf -v __awsl_seg '%s %dh%02dm' "$__awsl_seg" $((__awsl_left / 3600)) $((__awsl_left % 3600 / 60))
        fi
        # Near expiry, with AWS_LOGIN_AUTO_REFRESH=1: refresh from the cache (never a
        # browser), at most once a minute.
        if [[ ${AWS_LOGIN_AUTO_REFRESH-} == 1 ]] && ((__awsl_left < 300 && EPOCHSECONDS >= ${__awsl_next_refresh:-0})); then
            typeset -g __awsl_next_refresh=$((EPOCHSECONDS + 60))
            __AWSL_CMD__ refresh --quiet 2>/dev/null && return 0
        fi
    fi
    # An Identity Center sign-in that ends within 15 minutes is marked: after it, a browser.
    if [[ ${AWS_LOGIN_SIGNIN_EXPIRES_EPOCH-} =~ ^[0-9]{1,12}$ && -n ${EPOCHSECONDS-} ]]; then
        __awsl_left=$((AWS_LOGIN_SIGNIN_EXPIRES_EPOCH - EPOCHSECONDS))
        if ((__awsl_left <= 0)); then
            __awsl_seg+=" (sign-in ended)"
        elif ((__awsl_left < 900)); then
            __awsl_seg+=" (sign-in $((__awsl_left / 60))m)"
        fi
    fi
    typeset -g AWSL_PROMPT="${__awsl_seg//\%/%%}"
    psvar[9]=$__awsl_seg
}

# For prompts built by hand: prints the segment (empty when no identity is set).
awsl_prompt_info() {
    [[ -n ${AWSL_PROMPT-} ]] && \builtin printf '%s' "$AWSL_PROMPT"
    return 0
}

__awsl_precmd() {
    local __awsl_status=$?
    __awsl_update
    return "$__awsl_status"
}

autoload -Uz add-zsh-hook
add-zsh-hook precmd __awsl_precmd
# --prompt: the segment before the prompt, once. %9v needs no PROMPT_SUBST.
if [[ $__awsl_prompt == 1 && ${PROMPT-} != *'%(9V.'* ]]; then
    PROMPT='%(9V.[%9v] .)'${PROMPT-}
fi
__awsl_update

__AWSL_COMPLETION__

# What `aws-login doctor` reads: the shell, the one whose init this is, and whether the
# function's completion is registered (compdef exists only after compinit). `${$}`:
# unbraced, zsh would read `:c` as a modifier.
if (( ${+_comps} )) && [[ -n ${_comps[__AWSL_CMD__]-} ]]; then
    export AWS_LOGIN_SHELL_INIT="__AWSL_SHELL__:${$}:completion"
else
    export AWS_LOGIN_SHELL_INIT="__AWSL_SHELL__:${$}:no-completion"
fi
