# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_aws_login_global_optspecs
    string join \n v/verbose h/help V/version
end

function __fish_aws_login_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_aws_login_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_aws_login_using_subcommand
    set -l cmd (__fish_aws_login_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c aws-login -n "__fish_aws_login_needs_command" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_needs_command" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_needs_command" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "console" -d 'Open the AWS web console signed in as the final identity'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "dumpcreds" -d 'Print the final credentials as shell code or as credential_process JSON'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "getcallerid" -d 'Print the final identity (STS GetCallerIdentity) as JSON'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "runas" -d 'Run a command with the final credentials in its environment'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "serve" -d 'Serve the final credentials to local SDKs (container-credentials endpoint), refreshed, until Ctrl-C'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "dumpconfig" -d 'Print ~/.aws/config profiles for every Identity Center account and role'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "importcache" -d 'Import an SSO token cache (AWS CLI format) into the shared token cache'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "shell" -d 'Shell integration: the init script that defines the `awsl` function, static completions'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "assume" -d 'Set the identity in the current shell (run it as `awsl assume`: needs `shell init`)'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "unassume" -d 'Clear the identity that `awsl assume` set (run it as `awsl unassume`)'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "refresh" -d 'Re-run the last `awsl assume` without a browser: cached and refreshed tokens only'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "whoami" -d 'Show the identity, region and time left in this shell (no network unless --check)'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "cache" -d 'aws-login\'s session cache: list or clear the credentials it keeps between runs'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "login" -d 'Sign in to an AWS console session for a profile (as `aws login`): sets its login_session'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "logout" -d 'Sign out of IAM Identity Center or of a console session: the session\'s token and the credentials made from it are removed'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "doctor" -d 'Check the set-up: config files, shell integration, clock, sign-ins, proxy, file modes'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "sso" -d 'IAM Identity Center sign-ins kept in the shared token cache'
complete -c aws-login -n "__fish_aws_login_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l profile -d 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l region -d 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l sso-acct-id -d 'Account id for SSO GetRoleCredentials (with --sso-role-name)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l sso-role-name -d 'The SSO role (permission set) to get credentials for (with --sso-acct-id)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l start-url -d 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l sso-region -d 'Identity Center region' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l sso-session-name -d 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l sso-access-token -d 'Use this SSO access token as is (not refreshable)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l accesstoken-cache -d 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l refresh -d 'Token refresh: auto (when near expiry or rejected), off, force' -r -f -a "auto\t''
off\t''
force\t''"
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l login-timeout -d 'How long to wait for the sign-in to be approved, in seconds' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l assume-roles -d 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l role-session-name -d 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l duration-seconds -d 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l mfa-serial -d 'MFA device serial (ARN) for GetSessionToken, or else the first role hop' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l mfa-code -d 'The MFA code for --mfa-serial or a profile\'s mfa_serial (else the profile\'s mfa_process, else asked for on the terminal)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l external-id -d 'ExternalId for every role hop that sets none of its own' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l source-identity -d 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile\'s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l tags -d 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile\'s session_tags, on its own hop, or the federating profile\'s). At most 50' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l transitive-tags -d 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile\'s transitive_session_tags). Not for a federation token, which no hop follows' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l policy -d 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l policy-arns -d 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l issuer -d 'Issuer shown by the console as where the sign-in came from' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l destination -d 'Console page to open (https, on the partition\'s console host)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l service -d 'Service page to open (ec2, s3, iam, lambda, ...), in the region' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l browser -d 'The browser to open: a name on PATH or a path (default: BROWSER, or, with --browser-profile, an installed Chromium-family browser or Firefox)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l fresh -d 'Acquire new credentials instead of reusing aws-login\'s session cache (the new ones are stored)'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l use-cache -d 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l use-device-code -d 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l no-refresh-token -d 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l no-browser -d 'Do not open a browser'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l no-sign-in -d 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l get-session-token -d 'Call STS GetSessionToken first (long-term IAM user keys only)'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l get-federation-token -d 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user\'s own permissions); --tags tag the federated session'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l pick -d 'Choose the identity in a fuzzy picker on the terminal'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l print -d 'Also print the sign-in URL on stdout (it is a bearer secret: anyone with it is you)'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l browser-profile -d 'Open it in a browser profile of the identity\'s own (kept in aws-login\'s state directory), so several identities stay signed in side by side [env: AWS_LOGIN_BROWSER_PROFILE=1]'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l logout-first -d 'Sign the browser\'s current console session out first (for one shared profile)'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -l clip -d 'Put the sign-in URL on the clipboard through the terminal (OSC 52) instead of opening a browser; works over SSH'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand console" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l profile -d 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l region -d 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l sso-acct-id -d 'Account id for SSO GetRoleCredentials (with --sso-role-name)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l sso-role-name -d 'The SSO role (permission set) to get credentials for (with --sso-acct-id)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l start-url -d 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l sso-region -d 'Identity Center region' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l sso-session-name -d 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l sso-access-token -d 'Use this SSO access token as is (not refreshable)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l accesstoken-cache -d 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l refresh -d 'Token refresh: auto (when near expiry or rejected), off, force' -r -f -a "auto\t''
off\t''
force\t''"
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l login-timeout -d 'How long to wait for the sign-in to be approved, in seconds' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l assume-roles -d 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l role-session-name -d 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l duration-seconds -d 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l mfa-serial -d 'MFA device serial (ARN) for GetSessionToken, or else the first role hop' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l mfa-code -d 'The MFA code for --mfa-serial or a profile\'s mfa_serial (else the profile\'s mfa_process, else asked for on the terminal)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l external-id -d 'ExternalId for every role hop that sets none of its own' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l source-identity -d 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile\'s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l tags -d 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile\'s session_tags, on its own hop, or the federating profile\'s). At most 50' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l transitive-tags -d 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile\'s transitive_session_tags). Not for a federation token, which no hop follows' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l policy -d 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l policy-arns -d 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l outform -d 'Shell to print code for' -r -f -a "bash\t'bash'
zsh\t'zsh'
sh\t'POSIX sh and its kin (dash, ksh; also `linux`, `mac`)'
fish\t'fish'
powershell\t'PowerShell'
cmd\t'cmd.exe (also `windows`)'
nushell\t'nushell: a JSON object for `from json | load-env`'
elvish\t'elvish'
xonsh\t'xonsh'"
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l fresh -d 'Acquire new credentials instead of reusing aws-login\'s session cache (the new ones are stored)'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l use-cache -d 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l use-device-code -d 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l no-refresh-token -d 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l no-browser -d 'Do not open a browser'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l no-sign-in -d 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l get-session-token -d 'Call STS GetSessionToken first (long-term IAM user keys only)'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l get-federation-token -d 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user\'s own permissions); --tags tag the federated session'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -l credential-helper -d 'Print credential_process JSON (for a profile\'s credential_process) instead of shell code'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpcreds" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l profile -d 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l region -d 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l sso-acct-id -d 'Account id for SSO GetRoleCredentials (with --sso-role-name)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l sso-role-name -d 'The SSO role (permission set) to get credentials for (with --sso-acct-id)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l start-url -d 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l sso-region -d 'Identity Center region' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l sso-session-name -d 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l sso-access-token -d 'Use this SSO access token as is (not refreshable)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l accesstoken-cache -d 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l refresh -d 'Token refresh: auto (when near expiry or rejected), off, force' -r -f -a "auto\t''
off\t''
force\t''"
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l login-timeout -d 'How long to wait for the sign-in to be approved, in seconds' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l assume-roles -d 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l role-session-name -d 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l duration-seconds -d 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l mfa-serial -d 'MFA device serial (ARN) for GetSessionToken, or else the first role hop' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l mfa-code -d 'The MFA code for --mfa-serial or a profile\'s mfa_serial (else the profile\'s mfa_process, else asked for on the terminal)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l external-id -d 'ExternalId for every role hop that sets none of its own' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l source-identity -d 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile\'s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l tags -d 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile\'s session_tags, on its own hop, or the federating profile\'s). At most 50' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l transitive-tags -d 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile\'s transitive_session_tags). Not for a federation token, which no hop follows' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l policy -d 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l policy-arns -d 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l fresh -d 'Acquire new credentials instead of reusing aws-login\'s session cache (the new ones are stored)'
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l use-cache -d 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l use-device-code -d 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l no-refresh-token -d 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l no-browser -d 'Do not open a browser'
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l no-sign-in -d 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l get-session-token -d 'Call STS GetSessionToken first (long-term IAM user keys only)'
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -l get-federation-token -d 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user\'s own permissions); --tags tag the federated session'
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand getcallerid" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l profile -d 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l region -d 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l sso-acct-id -d 'Account id for SSO GetRoleCredentials (with --sso-role-name)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l sso-role-name -d 'The SSO role (permission set) to get credentials for (with --sso-acct-id)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l start-url -d 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l sso-region -d 'Identity Center region' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l sso-session-name -d 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l sso-access-token -d 'Use this SSO access token as is (not refreshable)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l accesstoken-cache -d 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l refresh -d 'Token refresh: auto (when near expiry or rejected), off, force' -r -f -a "auto\t''
off\t''
force\t''"
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l login-timeout -d 'How long to wait for the sign-in to be approved, in seconds' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l assume-roles -d 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l role-session-name -d 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l duration-seconds -d 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l mfa-serial -d 'MFA device serial (ARN) for GetSessionToken, or else the first role hop' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l mfa-code -d 'The MFA code for --mfa-serial or a profile\'s mfa_serial (else the profile\'s mfa_process, else asked for on the terminal)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l external-id -d 'ExternalId for every role hop that sets none of its own' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l source-identity -d 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile\'s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l tags -d 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile\'s session_tags, on its own hop, or the federating profile\'s). At most 50' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l transitive-tags -d 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile\'s transitive_session_tags). Not for a federation token, which no hop follows' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l policy -d 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l policy-arns -d 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -s c -l command -d 'Command line to run through `sh -c`' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l max-lifetime -d 'Refuse every request (403) this long after the endpoint starts (30s, 15m, 2h, 1h30m); until then STS is asked for no more than is left (900 s at least), and served credentials are said to expire by then' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l idle-timeout -d 'Stop the endpoint after no request for this long (`serve` then exits; with `runas --serve` the child goes on without it)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l token-file -d 'Where to write the authorization token for AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (0600, removed when the endpoint ends) [default: in aws-login\'s runtime directory]' -r -F
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l log -d 'Append one JSON line per request to FILE (time, peer, path, status, identity; never a secret or the token)' -r -F
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l fresh -d 'Acquire new credentials instead of reusing aws-login\'s session cache (the new ones are stored)'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l use-cache -d 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l use-device-code -d 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l no-refresh-token -d 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l no-browser -d 'Do not open a browser'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l no-sign-in -d 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l get-session-token -d 'Call STS GetSessionToken first (long-term IAM user keys only)'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l get-federation-token -d 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user\'s own permissions); --tags tag the federated session'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l serve -d 'Give the child a local credentials endpoint that refreshes itself instead of keys (for work that outlives the credentials); it ends with the child'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -l imds -d 'With --serve: speak EC2 instance metadata (IMDSv2) through AWS_EC2_METADATA_SERVICE_ENDPOINT instead of container credentials'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand runas" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l profile -d 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l region -d 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l sso-acct-id -d 'Account id for SSO GetRoleCredentials (with --sso-role-name)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l sso-role-name -d 'The SSO role (permission set) to get credentials for (with --sso-acct-id)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l start-url -d 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l sso-region -d 'Identity Center region' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l sso-session-name -d 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l sso-access-token -d 'Use this SSO access token as is (not refreshable)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l accesstoken-cache -d 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l refresh -d 'Token refresh: auto (when near expiry or rejected), off, force' -r -f -a "auto\t''
off\t''
force\t''"
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l login-timeout -d 'How long to wait for the sign-in to be approved, in seconds' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l assume-roles -d 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l role-session-name -d 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l duration-seconds -d 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l mfa-serial -d 'MFA device serial (ARN) for GetSessionToken, or else the first role hop' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l mfa-code -d 'The MFA code for --mfa-serial or a profile\'s mfa_serial (else the profile\'s mfa_process, else asked for on the terminal)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l external-id -d 'ExternalId for every role hop that sets none of its own' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l source-identity -d 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile\'s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l tags -d 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile\'s session_tags, on its own hop, or the federating profile\'s). At most 50' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l transitive-tags -d 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile\'s transitive_session_tags). Not for a federation token, which no hop follows' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l policy -d 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l policy-arns -d 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l outform -d 'Shell to print the two variables for' -r -f -a "bash\t'bash'
zsh\t'zsh'
sh\t'POSIX sh and its kin (dash, ksh; also `linux`, `mac`)'
fish\t'fish'
powershell\t'PowerShell'
cmd\t'cmd.exe (also `windows`)'
nushell\t'nushell: a JSON object for `from json | load-env`'
elvish\t'elvish'
xonsh\t'xonsh'"
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l bind -d 'Address and port to listen on [default: 127.0.0.1 and a free port]' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l max-lifetime -d 'Refuse every request (403) this long after the endpoint starts (30s, 15m, 2h, 1h30m); until then STS is asked for no more than is left (900 s at least), and served credentials are said to expire by then' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l idle-timeout -d 'Stop the endpoint after no request for this long (`serve` then exits; with `runas --serve` the child goes on without it)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l token-file -d 'Where to write the authorization token for AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (0600, removed when the endpoint ends) [default: in aws-login\'s runtime directory]' -r -F
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l log -d 'Append one JSON line per request to FILE (time, peer, path, status, identity; never a secret or the token)' -r -F
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l fresh -d 'Acquire new credentials instead of reusing aws-login\'s session cache (the new ones are stored)'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l use-cache -d 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l use-device-code -d 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l no-refresh-token -d 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l no-browser -d 'Do not open a browser'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l no-sign-in -d 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l get-session-token -d 'Call STS GetSessionToken first (long-term IAM user keys only)'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l get-federation-token -d 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user\'s own permissions); --tags tag the federated session'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -l imds -d 'Speak EC2 instance metadata (IMDSv2) and print AWS_EC2_METADATA_SERVICE_ENDPOINT instead of the container-credentials variables'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aws-login -n "__fish_aws_login_using_subcommand serve" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l start-url -d 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l sso-region -d 'Identity Center region' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l sso-session-name -d 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l sso-access-token -d 'Use this SSO access token as is (not refreshable)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l accesstoken-cache -d 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l refresh -d 'Token refresh: auto (when near expiry or rejected), off, force' -r -f -a "auto\t''
off\t''
force\t''"
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l login-timeout -d 'How long to wait for the sign-in to be approved, in seconds' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l region -d 'Region written into every generated profile' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l role-session-name -d 'role_session_name written into the --target-arn-profiles profiles' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l target-arn-profiles -d 'Extra assume-role profiles: JSON array of {"SourceAccountID", "SourceRoleName", "TargetArn", "TargetAccountName", "Region"}, inline or file://PATH' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l name-format -d 'Profile names: {account_name}, {account_id} and {role_name} are replaced; anything outside [A-Za-z0-9._-] becomes \'-\'' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l concurrency -d 'How many ListAccountRoles calls to make at once' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l write -d 'Write the profiles into FILE (default: AWS_CONFIG_FILE or ~/.aws/config) as a managed block, keeping everything else in the file; a backup goes to FILE.bak' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l use-cache -d 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l use-device-code -d 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l no-refresh-token -d 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l no-browser -d 'Do not open a browser'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -l no-sign-in -d 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand dumpconfig" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand importcache" -l accesstoken-cache -d 'The token to import: file://PATH or inline JSON in the AWS CLI cache format' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand importcache" -l sso-session-name -d 'Store it under this sso-session name (default: keyed by its startUrl)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand importcache" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand importcache" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand importcache" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and not __fish_seen_subcommand_from init completions help" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and not __fish_seen_subcommand_from init completions help" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and not __fish_seen_subcommand_from init completions help" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and not __fish_seen_subcommand_from init completions help" -f -a "init" -d 'Print the init script that defines the `awsl` function'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and not __fish_seen_subcommand_from init completions help" -f -a "completions" -d 'Print a static completion script for aws-login, to install where your shell loads completions'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and not __fish_seen_subcommand_from init completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from init" -l cmd -d 'Name of the function to define' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from init" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from init" -l no-completion -d 'Do not register tab completion'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from init" -l prompt -d 'Add the identity segment to the prompt'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from completions" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from completions" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from completions" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from help" -f -a "init" -d 'Print the init script that defines the `awsl` function'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from help" -f -a "completions" -d 'Print a static completion script for aws-login, to install where your shell loads completions'
complete -c aws-login -n "__fish_aws_login_using_subcommand shell; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l profile -d 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l region -d 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l sso-acct-id -d 'Account id for SSO GetRoleCredentials (with --sso-role-name)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l sso-role-name -d 'The SSO role (permission set) to get credentials for (with --sso-acct-id)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l start-url -d 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l sso-region -d 'Identity Center region' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l sso-session-name -d 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l sso-access-token -d 'Use this SSO access token as is (not refreshable)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l accesstoken-cache -d 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l refresh -d 'Token refresh: auto (when near expiry or rejected), off, force' -r -f -a "auto\t''
off\t''
force\t''"
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l login-timeout -d 'How long to wait for the sign-in to be approved, in seconds' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l assume-roles -d 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l role-session-name -d 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l duration-seconds -d 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l mfa-serial -d 'MFA device serial (ARN) for GetSessionToken, or else the first role hop' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l mfa-code -d 'The MFA code for --mfa-serial or a profile\'s mfa_serial (else the profile\'s mfa_process, else asked for on the terminal)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l external-id -d 'ExternalId for every role hop that sets none of its own' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l source-identity -d 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile\'s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l tags -d 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile\'s session_tags, on its own hop, or the federating profile\'s). At most 50' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l transitive-tags -d 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile\'s transitive_session_tags). Not for a federation token, which no hop follows' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l policy -d 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l policy-arns -d 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l pick -d 'Choose the source in a fuzzy picker on the terminal (what `awsl assume` alone does)'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l quiet -d 'Print nothing on stderr when it succeeds (no "assumed ..." line)'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l fresh -d 'Acquire new credentials instead of reusing aws-login\'s session cache (the new ones are stored)'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l use-cache -d 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l use-device-code -d 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l no-refresh-token -d 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l no-browser -d 'Do not open a browser'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l no-sign-in -d 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l get-session-token -d 'Call STS GetSessionToken first (long-term IAM user keys only)'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -l get-federation-token -d 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user\'s own permissions); --tags tag the federated session'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand assume" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand unassume" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand unassume" -l logout -d 'Also sign out of the Identity Center session the identity came from (see `logout`)'
complete -c aws-login -n "__fish_aws_login_using_subcommand unassume" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand unassume" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand refresh" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand refresh" -l quiet -d 'Print nothing on stderr unless the refresh fails (for prompt hooks)'
complete -c aws-login -n "__fish_aws_login_using_subcommand refresh" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand refresh" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand whoami" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand whoami" -l check -d 'Ask STS (GetCallerIdentity) instead of reading the environment'
complete -c aws-login -n "__fish_aws_login_using_subcommand whoami" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand whoami" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -f -a "list" -d 'Show each entry: identity, source, expiry, time left (never a secret)'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -f -a "clear" -d 'Remove the entry of the request the options describe, or every entry with --all'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and not __fish_seen_subcommand_from list clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from list" -l json -d 'JSON (an array of objects) for scripts'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l profile -d 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l region -d 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l sso-acct-id -d 'Account id for SSO GetRoleCredentials (with --sso-role-name)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l sso-role-name -d 'The SSO role (permission set) to get credentials for (with --sso-acct-id)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l start-url -d 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l sso-region -d 'Identity Center region' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l sso-session-name -d 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l sso-access-token -d 'Use this SSO access token as is (not refreshable)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l accesstoken-cache -d 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l refresh -d 'Token refresh: auto (when near expiry or rejected), off, force' -r -f -a "auto\t''
off\t''
force\t''"
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l login-timeout -d 'How long to wait for the sign-in to be approved, in seconds' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l assume-roles -d 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l role-session-name -d 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l duration-seconds -d 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l mfa-serial -d 'MFA device serial (ARN) for GetSessionToken, or else the first role hop' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l mfa-code -d 'The MFA code for --mfa-serial or a profile\'s mfa_serial (else the profile\'s mfa_process, else asked for on the terminal)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l external-id -d 'ExternalId for every role hop that sets none of its own' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l source-identity -d 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile\'s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l tags -d 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile\'s session_tags, on its own hop, or the federating profile\'s). At most 50' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l transitive-tags -d 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile\'s transitive_session_tags). Not for a federation token, which no hop follows' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l policy -d 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l policy-arns -d 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l all -d 'Remove every entry'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l fresh -d 'Acquire new credentials instead of reusing aws-login\'s session cache (the new ones are stored)'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l use-cache -d 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l use-device-code -d 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l no-refresh-token -d 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l no-browser -d 'Do not open a browser'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l no-sign-in -d 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l get-session-token -d 'Call STS GetSessionToken first (long-term IAM user keys only)'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -l get-federation-token -d 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user\'s own permissions); --tags tag the federated session'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show each entry: identity, source, expiry, time left (never a secret)'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove the entry of the request the options describe, or every entry with --all'
complete -c aws-login -n "__fish_aws_login_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aws-login -n "__fish_aws_login_using_subcommand login" -l profile -d 'The profile to sign in for (default: AWS_PROFILE, else default); its login_session is set' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand login" -l region -d 'Region of the sign-in (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s, us-east-1)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand login" -l login-timeout -d 'How long to wait for the sign-in in the browser, in seconds' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand login" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand login" -l remote -d 'Sign in on another device: print the URL, then read the code the page shows'
complete -c aws-login -n "__fish_aws_login_using_subcommand login" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand login" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand logout" -l profile -d 'Sign out of the console session (aws-login login, aws login) this profile names' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand logout" -l sso-session-name -d 'The sso-session to sign out of (the token cache\'s key)' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand logout" -l start-url -d 'Sign out of every session with this start URL' -r
complete -c aws-login -n "__fish_aws_login_using_subcommand logout" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand logout" -l all -d 'Sign out of every session in the shared token cache, and of every console session'
complete -c aws-login -n "__fish_aws_login_using_subcommand logout" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand logout" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand doctor" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand doctor" -l json -d 'JSON (an array of {check, status, detail, fix}) for scripts'
complete -c aws-login -n "__fish_aws_login_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand sso; and not __fish_seen_subcommand_from sessions help" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand sso; and not __fish_seen_subcommand_from sessions help" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand sso; and not __fish_seen_subcommand_from sessions help" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand sso; and not __fish_seen_subcommand_from sessions help" -f -a "sessions" -d 'List the Identity Center sign-ins in the shared token cache, with their time left'
complete -c aws-login -n "__fish_aws_login_using_subcommand sso; and not __fish_seen_subcommand_from sessions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aws-login -n "__fish_aws_login_using_subcommand sso; and __fish_seen_subcommand_from sessions" -s v -l verbose -d 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
complete -c aws-login -n "__fish_aws_login_using_subcommand sso; and __fish_seen_subcommand_from sessions" -l json -d 'JSON (an array of objects) for scripts'
complete -c aws-login -n "__fish_aws_login_using_subcommand sso; and __fish_seen_subcommand_from sessions" -s h -l help -d 'Print help'
complete -c aws-login -n "__fish_aws_login_using_subcommand sso; and __fish_seen_subcommand_from sessions" -s V -l version -d 'Print version'
complete -c aws-login -n "__fish_aws_login_using_subcommand sso; and __fish_seen_subcommand_from help" -f -a "sessions" -d 'List the Identity Center sign-ins in the shared token cache, with their time left'
complete -c aws-login -n "__fish_aws_login_using_subcommand sso; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "console" -d 'Open the AWS web console signed in as the final identity'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "dumpcreds" -d 'Print the final credentials as shell code or as credential_process JSON'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "getcallerid" -d 'Print the final identity (STS GetCallerIdentity) as JSON'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "runas" -d 'Run a command with the final credentials in its environment'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "serve" -d 'Serve the final credentials to local SDKs (container-credentials endpoint), refreshed, until Ctrl-C'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "dumpconfig" -d 'Print ~/.aws/config profiles for every Identity Center account and role'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "importcache" -d 'Import an SSO token cache (AWS CLI format) into the shared token cache'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "shell" -d 'Shell integration: the init script that defines the `awsl` function, static completions'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "assume" -d 'Set the identity in the current shell (run it as `awsl assume`: needs `shell init`)'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "unassume" -d 'Clear the identity that `awsl assume` set (run it as `awsl unassume`)'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "refresh" -d 'Re-run the last `awsl assume` without a browser: cached and refreshed tokens only'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "whoami" -d 'Show the identity, region and time left in this shell (no network unless --check)'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "cache" -d 'aws-login\'s session cache: list or clear the credentials it keeps between runs'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "login" -d 'Sign in to an AWS console session for a profile (as `aws login`): sets its login_session'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "logout" -d 'Sign out of IAM Identity Center or of a console session: the session\'s token and the credentials made from it are removed'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "doctor" -d 'Check the set-up: config files, shell integration, clock, sign-ins, proxy, file modes'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "sso" -d 'IAM Identity Center sign-ins kept in the shared token cache'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and not __fish_seen_subcommand_from console dumpcreds getcallerid runas serve dumpconfig importcache shell assume unassume refresh whoami cache login logout doctor sso help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and __fish_seen_subcommand_from shell" -f -a "init" -d 'Print the init script that defines the `awsl` function'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and __fish_seen_subcommand_from shell" -f -a "completions" -d 'Print a static completion script for aws-login, to install where your shell loads completions'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "list" -d 'Show each entry: identity, source, expiry, time left (never a secret)'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'Remove the entry of the request the options describe, or every entry with --all'
complete -c aws-login -n "__fish_aws_login_using_subcommand help; and __fish_seen_subcommand_from sso" -f -a "sessions" -d 'List the Identity Center sign-ins in the shared token cache, with their time left'
