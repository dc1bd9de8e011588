# aws-login for zsh: the __AWSL_CMD__ function and a precmd hook. From `aws-login shell init zsh`.

__awsl_bin=__AWSL_BIN__
__awsl_prompt=__AWSL_PROMPT__
zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null

__AWSL_CMD__() {
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

# AWSL_PROMPT: identity and time left, with % doubled for prompt expansion; psvar[9]: the
# same, raw, for %9v (psvar values are never expanded). Builtins only: no fork while the
# identity is valid.
__awsl_update() {
    if [[ -z ${AWS_LOGIN_IDENTITY-} ]]; then
        typeset -g AWSL_PROMPT=
        psvar[9]=
        return 0
    fi
    local __awsl_seg=$AWS_LOGIN_IDENTITY __awsl_left
    # Digits only: a hostile value in arithmetic could run code.
    if [[ ${AWS_LOGIN_EXPIRES_EPOCH-} =~ ^[0-9]+$ && -n ${EPOCHSECONDS-} ]]; then
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
