# aws-login for PowerShell: the __AWSL_CMD__ function and a prompt wrapper. From `aws-login shell init powershell`.

$global:__awsl_bin = __AWSL_BIN__

function global:__AWSL_CMD__ {
    if ($args.Count -eq 0) {
        Write-Output __AWSL_USAGE__
        $global:LASTEXITCODE = 0
        return
    }
    $verb = if ($args.Count -gt 0) { [string]$args[0] } else { '' }
    if ($verb -in @('assume', 'unassume', 'refresh')) {
        $env:AWS_LOGIN_SHELL = '__AWSL_SHELL__'
        try {
            $out = (& $global:__awsl_bin @args) -join "`n"
            $rc = $LASTEXITCODE
        } finally {
            Remove-Item Env:AWS_LOGIN_SHELL -ErrorAction SilentlyContinue
        }
        if ($rc -eq 0 -and $out.StartsWith('__AWSL_MARKER__')) {
            # Ctrl-C cannot interrupt a single Invoke-Expression of plain assignments midway.
            [Console]::TreatControlCAsInput = $true
            try { Invoke-Expression $out } finally { [Console]::TreatControlCAsInput = $false }
            $global:__awsl_next_refresh = 0
            __awsl_update
        } elseif ($out) {
            Write-Output $out
        }
        $global:LASTEXITCODE = $rc
    } else {
        & $global:__awsl_bin @args
    }
}

# AWSL_PROMPT: identity and time left; computed in-process, no child process per prompt.
# What a terminal would act on (controls, line breaks, bidi overrides) is shown as '?'.
function global:__awsl_update {
    if (-not $env:AWS_LOGIN_IDENTITY) { $global:AWSL_PROMPT = ''; return }
    $seg = $env:AWS_LOGIN_IDENTITY -replace '[\p{Cc}\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]', '?'
    $epoch = 0L
    # More than 12 digits is no plausible time (and signs, spaces and the like no number).
    if ($env:AWS_LOGIN_EXPIRES_EPOCH -match '\A[0-9]{1,12}\z' -and [long]::TryParse($env:AWS_LOGIN_EXPIRES_EPOCH, [ref]$epoch)) {
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $left = $epoch - $now
        if ($left -le 0) { $seg += ' expired' }
        elseif ($left -lt 3600) { $seg += " $([math]::Floor($left / 60))m" }
        else { $seg += ' {0}h{1:D2}m' -f [math]::Floor($left / 3600), [int][math]::Floor(($left % 3600) / 60) }
        if ($env:AWS_LOGIN_AUTO_REFRESH -eq '1' -and $left -lt 300 -and $now -ge [long]$global:__awsl_next_refresh) {
            $global:__awsl_next_refresh = $now + 60
            __AWSL_CMD__ refresh --quiet 2>$null
            if ($LASTEXITCODE -eq 0) { return }
        }
    }
    # An Identity Center sign-in that ends within 15 minutes is marked: after it, a browser.
    $signin = 0L
    if ($env:AWS_LOGIN_SIGNIN_EXPIRES_EPOCH -match '\A[0-9]{1,12}\z' -and [long]::TryParse($env:AWS_LOGIN_SIGNIN_EXPIRES_EPOCH, [ref]$signin)) {
        $left = $signin - [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        if ($left -le 0) { $seg += ' (sign-in ended)' }
        elseif ($left -lt 900) { $seg += " (sign-in $([math]::Floor($left / 60))m)" }
    }
    $global:AWSL_PROMPT = $seg
}

# For prompts built by hand: the segment (empty when no identity is set).
function global:awsl_prompt_info { if ($global:AWSL_PROMPT) { $global:AWSL_PROMPT } else { '' } }

# Wrap the existing prompt once; keep $? and $LASTEXITCODE for it.
if (-not (Test-Path Function:\__awsl_user_prompt)) {
    $function:__awsl_user_prompt = $function:prompt
    function global:prompt {
        $ok = $?
        $code = $global:LASTEXITCODE
        __awsl_update
        $segment = if (__AWSL_PROMPT__ -eq 1 -and $global:AWSL_PROMPT) { "[$global:AWSL_PROMPT] " } else { '' }
        $global:LASTEXITCODE = $code
        if (-not $ok) { Write-Error -ErrorAction Ignore '' }
        $segment + (& $function:__awsl_user_prompt)
    }
}
__awsl_update

__AWSL_COMPLETION__

# What `aws-login doctor` reads: the shell, the one whose init this is, and whether the
# function's completion is registered.
$env:AWS_LOGIN_SHELL_INIT = "__AWSL_SHELL__:${PID}:__AWSL_COMPLETES__"
