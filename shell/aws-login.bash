# shellcheck shell=bash disable=SC2207,SC2181
# aws-login for bash: the __AWSL_CMD__ function and a prompt hook. From `aws-login shell init bash`.

__awsl_bin=__AWSL_BIN__
__awsl_prompt=__AWSL_PROMPT__

__AWSL_CMD__() {
    if [[ $# -eq 0 ]]; then
        \builtin printf '%s\n' __AWSL_USAGE__
        return 0
    fi
    case "${1-}" in
        assume | unassume | refresh)
            local __awsl_out __awsl_rc __awsl_trap
            __awsl_out=$(AWS_LOGIN_SHELL=__AWSL_SHELL__ "$__awsl_bin" "$@")
            __awsl_rc=$?
            if [[ $__awsl_rc -eq 0 && $__awsl_out == "__AWSL_MARKER__"* ]]; then
                __awsl_trap=$(\builtin trap -p INT)
                \builtin trap '' INT
                \builtin eval "$__awsl_out"
                if [[ -n $__awsl_trap ]]; then \builtin eval "$__awsl_trap"; else \builtin trap - INT; fi
                __awsl_next_refresh=0
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
__awsl_active=($'\xd8\x9c' $'\xe2\x80\x8e' $'\xe2\x80\x8f' $'\xe2\x80\xa8' $'\xe2\x80\xa9' $'\xe2\x80\xaa'
    $'\xe2\x80\xab' $'\xe2\x80\xac' $'\xe2\x80\xad' $'\xe2\x80\xae' $'\xe2\x81\xa6' $'\xe2\x81\xa7'
    $'\xe2\x81\xa8' $'\xe2\x81\xa9')
for __awsl_c in 8 9; do
    for __awsl_d in 0 1 2 3 4 5 6 7 8 9 a b c d e f; do
        \builtin printf -v "__awsl_active[${#__awsl_active[@]}]" '%b' "\\xc2\\x$__awsl_c$__awsl_d"
    done
done
unset __awsl_c __awsl_d

# AWSL_PROMPT: identity and time left ("prod-Admin 42m", "prod-Admin expired"). Builtins
# only: no fork while the identity is valid. PS1 expands ${AWSL_PROMPT} without
# re-expanding its value, so hostile names stay text; what a terminal would act on
# (escapes, line breaks, bidi overrides) is shown as '?'.
__awsl_update() {
    if [[ -z ${AWS_LOGIN_IDENTITY-} ]]; then
        AWSL_PROMPT=
        return 0
    fi
    local __awsl_seg=${AWS_LOGIN_IDENTITY//[[:cntrl:]]/?} __awsl_c __awsl_now __awsl_left
    for __awsl_c in "${__awsl_active[@]}"; do
        __awsl_seg=${__awsl_seg//"$__awsl_c"/?}
    done
    # Digits only: a hostile value in arithmetic could run code; more than 12 is no
    # plausible time and would overflow.
    if [[ ${AWS_LOGIN_EXPIRES_EPOCH-} =~ ^[0-9]{1,12}$ ]]; then
        \builtin printf -v __awsl_now '%(%s)T' -1
        __awsl_left=$((AWS_LOGIN_EXPIRES_EPOCH - __awsl_now))
        if ((__awsl_left <= 0)); then
            __awsl_seg+=" expired"
        elif ((__awsl_left < 3600)); then
            __awsl_seg+=" $((__awsl_left / 60))m"
        else
            \builtin printf -v __awsl_seg '%s %dh%02dm' "$__awsl_seg" $((__awsl_left / 3600)) $((__awsl_left % 3600 / 60))
        fi
        # Near expiry, with AWS_LOGIN_AUTO_REFRESH=1: refresh from the cache (never a
        # browser), at most once a minute.
        if [[ ${AWS_LOGIN_AUTO_REFRESH-} == 1 ]] && ((__awsl_left < 300 && __awsl_now >= ${__awsl_next_refresh:-0})); then
            __awsl_next_refresh=$((__awsl_now + 60))
            __AWSL_CMD__ refresh --quiet 2>/dev/null && return 0
        fi
    fi
    # An Identity Center sign-in that ends within 15 minutes is marked: after it, a browser.
    if [[ ${AWS_LOGIN_SIGNIN_EXPIRES_EPOCH-} =~ ^[0-9]{1,12}$ ]]; then
        \builtin printf -v __awsl_now '%(%s)T' -1
        __awsl_left=$((AWS_LOGIN_SIGNIN_EXPIRES_EPOCH - __awsl_now))
        if ((__awsl_left <= 0)); then
            __awsl_seg+=" (sign-in ended)"
        elif ((__awsl_left < 900)); then
            __awsl_seg+=" (sign-in $((__awsl_left / 60))m)"
        fi
    fi
    AWSL_PROMPT=$__awsl_seg
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

# Register the hook once, first, so the prompt commands after it still see the command's $?.
__awsl_register() {
    local __awsl_pc
    if [[ -n ${PROMPT_COMMAND+x} && ${PROMPT_COMMAND@a} == *a* ]]; then
        for __awsl_pc in "${PROMPT_COMMAND[@]}"; do
            [[ $__awsl_pc == __awsl_precmd ]] && return 0
        done
        PROMPT_COMMAND=(__awsl_precmd "${PROMPT_COMMAND[@]}")
    elif [[ ";${PROMPT_COMMAND-};" != *";__awsl_precmd;"* ]]; then
        # shellcheck disable=SC2178,SC2128 # the string form of PROMPT_COMMAND
        PROMPT_COMMAND="__awsl_precmd${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
    fi
    # --prompt: the segment before the prompt, once.
    # shellcheck disable=SC2016 # PS1 expands it at each prompt
    if [[ $__awsl_prompt == 1 && ${PS1-} != *'${AWSL_PROMPT'* ]]; then
        PS1='${AWSL_PROMPT:+[$AWSL_PROMPT] }'${PS1-}
    fi
}
__awsl_register
unset -f __awsl_register
__awsl_update

__AWSL_COMPLETION__

# What `aws-login doctor` reads: the shell, the one whose init this is, and whether the
# function's completion is registered.
if \builtin complete -p __AWSL_CMD__ >/dev/null 2>&1; then
    export AWS_LOGIN_SHELL_INIT="__AWSL_SHELL__:$$:completion"
else
    export AWS_LOGIN_SHELL_INIT="__AWSL_SHELL__:$$:no-completion"
fi
