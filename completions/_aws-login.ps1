
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'aws-login' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'aws-login'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'aws-login' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('console', 'console', [CompletionResultType]::ParameterValue, 'Open the AWS web console signed in as the final identity')
            [CompletionResult]::new('dumpcreds', 'dumpcreds', [CompletionResultType]::ParameterValue, 'Print the final credentials as shell code or as credential_process JSON')
            [CompletionResult]::new('getcallerid', 'getcallerid', [CompletionResultType]::ParameterValue, 'Print the final identity (STS GetCallerIdentity) as JSON')
            [CompletionResult]::new('runas', 'runas', [CompletionResultType]::ParameterValue, 'Run a command with the final credentials in its environment')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the final credentials to local SDKs (container-credentials endpoint), refreshed, until Ctrl-C')
            [CompletionResult]::new('dumpconfig', 'dumpconfig', [CompletionResultType]::ParameterValue, 'Print ~/.aws/config profiles for every Identity Center account and role')
            [CompletionResult]::new('importcache', 'importcache', [CompletionResultType]::ParameterValue, 'Import an SSO token cache (AWS CLI format) into the shared token cache')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'Shell integration: the init script that defines the `awsl` function, static completions')
            [CompletionResult]::new('assume', 'assume', [CompletionResultType]::ParameterValue, 'Set the identity in the current shell (run it as `awsl assume`: needs `shell init`)')
            [CompletionResult]::new('unassume', 'unassume', [CompletionResultType]::ParameterValue, 'Clear the identity that `awsl assume` set (run it as `awsl unassume`)')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Re-run the last `awsl assume` without a browser: cached and refreshed tokens only')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the identity, region and time left in this shell (no network unless --check)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'aws-login''s session cache: list or clear the credentials it keeps between runs')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in to an AWS console session for a profile (as `aws login`): sets its login_session')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Sign out of IAM Identity Center or of a console session: the session''s token and the credentials made from it are removed')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the set-up: config files, shell integration, clock, sign-ins, proxy, file modes')
            [CompletionResult]::new('sso', 'sso', [CompletionResultType]::ParameterValue, 'IAM Identity Center sign-ins kept in the shared token cache')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aws-login;console' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)')
            [CompletionResult]::new('--sso-acct-id', '--sso-acct-id', [CompletionResultType]::ParameterName, 'Account id for SSO GetRoleCredentials (with --sso-role-name)')
            [CompletionResult]::new('--sso-role-name', '--sso-role-name', [CompletionResultType]::ParameterName, 'The SSO role (permission set) to get credentials for (with --sso-acct-id)')
            [CompletionResult]::new('--start-url', '--start-url', [CompletionResultType]::ParameterName, 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'Identity Center region')
            [CompletionResult]::new('--sso-session-name', '--sso-session-name', [CompletionResultType]::ParameterName, 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes')
            [CompletionResult]::new('--sso-access-token', '--sso-access-token', [CompletionResultType]::ParameterName, 'Use this SSO access token as is (not refreshable)')
            [CompletionResult]::new('--accesstoken-cache', '--accesstoken-cache', [CompletionResultType]::ParameterName, 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Token refresh: auto (when near expiry or rejected), off, force')
            [CompletionResult]::new('--login-timeout', '--login-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the sign-in to be approved, in seconds')
            [CompletionResult]::new('--assume-roles', '--assume-roles', [CompletionResultType]::ParameterName, 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]')
            [CompletionResult]::new('--duration-seconds', '--duration-seconds', [CompletionResultType]::ParameterName, 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)')
            [CompletionResult]::new('--mfa-serial', '--mfa-serial', [CompletionResultType]::ParameterName, 'MFA device serial (ARN) for GetSessionToken, or else the first role hop')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'ExternalId for every role hop that sets none of its own')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50')
            [CompletionResult]::new('--transitive-tags', '--transitive-tags', [CompletionResultType]::ParameterName, 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace')
            [CompletionResult]::new('--policy-arns', '--policy-arns', [CompletionResultType]::ParameterName, 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer shown by the console as where the sign-in came from')
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Console page to open (https, on the partition''s console host)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service page to open (ec2, s3, iam, lambda, ...), in the region')
            [CompletionResult]::new('--browser', '--browser', [CompletionResultType]::ParameterName, 'The browser to open: a name on PATH or a path (default: BROWSER, or, with --browser-profile, an installed Chromium-family browser or Firefox)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--fresh', '--fresh', [CompletionResultType]::ParameterName, 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)')
            [CompletionResult]::new('--use-cache', '--use-cache', [CompletionResultType]::ParameterName, 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Sign in with the device-code flow instead of the browser redirect (PKCE)')
            [CompletionResult]::new('--no-refresh-token', '--no-refresh-token', [CompletionResultType]::ParameterName, 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser')
            [CompletionResult]::new('--no-sign-in', '--no-sign-in', [CompletionResultType]::ParameterName, 'Never start an interactive sign-in: fail when no cached or refreshable token will do')
            [CompletionResult]::new('--get-session-token', '--get-session-token', [CompletionResultType]::ParameterName, 'Call STS GetSessionToken first (long-term IAM user keys only)')
            [CompletionResult]::new('--get-federation-token', '--get-federation-token', [CompletionResultType]::ParameterName, 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session')
            [CompletionResult]::new('--pick', '--pick', [CompletionResultType]::ParameterName, 'Choose the identity in a fuzzy picker on the terminal')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Also print the sign-in URL on stdout (it is a bearer secret: anyone with it is you)')
            [CompletionResult]::new('--browser-profile', '--browser-profile', [CompletionResultType]::ParameterName, 'Open it in a browser profile of the identity''s own (kept in aws-login''s state directory), so several identities stay signed in side by side [env: AWS_LOGIN_BROWSER_PROFILE=1]')
            [CompletionResult]::new('--logout-first', '--logout-first', [CompletionResultType]::ParameterName, 'Sign the browser''s current console session out first (for one shared profile)')
            [CompletionResult]::new('--clip', '--clip', [CompletionResultType]::ParameterName, 'Put the sign-in URL on the clipboard through the terminal (OSC 52) instead of opening a browser; works over SSH')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;dumpcreds' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)')
            [CompletionResult]::new('--sso-acct-id', '--sso-acct-id', [CompletionResultType]::ParameterName, 'Account id for SSO GetRoleCredentials (with --sso-role-name)')
            [CompletionResult]::new('--sso-role-name', '--sso-role-name', [CompletionResultType]::ParameterName, 'The SSO role (permission set) to get credentials for (with --sso-acct-id)')
            [CompletionResult]::new('--start-url', '--start-url', [CompletionResultType]::ParameterName, 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'Identity Center region')
            [CompletionResult]::new('--sso-session-name', '--sso-session-name', [CompletionResultType]::ParameterName, 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes')
            [CompletionResult]::new('--sso-access-token', '--sso-access-token', [CompletionResultType]::ParameterName, 'Use this SSO access token as is (not refreshable)')
            [CompletionResult]::new('--accesstoken-cache', '--accesstoken-cache', [CompletionResultType]::ParameterName, 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Token refresh: auto (when near expiry or rejected), off, force')
            [CompletionResult]::new('--login-timeout', '--login-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the sign-in to be approved, in seconds')
            [CompletionResult]::new('--assume-roles', '--assume-roles', [CompletionResultType]::ParameterName, 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]')
            [CompletionResult]::new('--duration-seconds', '--duration-seconds', [CompletionResultType]::ParameterName, 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)')
            [CompletionResult]::new('--mfa-serial', '--mfa-serial', [CompletionResultType]::ParameterName, 'MFA device serial (ARN) for GetSessionToken, or else the first role hop')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'ExternalId for every role hop that sets none of its own')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50')
            [CompletionResult]::new('--transitive-tags', '--transitive-tags', [CompletionResultType]::ParameterName, 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace')
            [CompletionResult]::new('--policy-arns', '--policy-arns', [CompletionResultType]::ParameterName, 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow')
            [CompletionResult]::new('--outform', '--outform', [CompletionResultType]::ParameterName, 'Shell to print code for')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--fresh', '--fresh', [CompletionResultType]::ParameterName, 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)')
            [CompletionResult]::new('--use-cache', '--use-cache', [CompletionResultType]::ParameterName, 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Sign in with the device-code flow instead of the browser redirect (PKCE)')
            [CompletionResult]::new('--no-refresh-token', '--no-refresh-token', [CompletionResultType]::ParameterName, 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser')
            [CompletionResult]::new('--no-sign-in', '--no-sign-in', [CompletionResultType]::ParameterName, 'Never start an interactive sign-in: fail when no cached or refreshable token will do')
            [CompletionResult]::new('--get-session-token', '--get-session-token', [CompletionResultType]::ParameterName, 'Call STS GetSessionToken first (long-term IAM user keys only)')
            [CompletionResult]::new('--get-federation-token', '--get-federation-token', [CompletionResultType]::ParameterName, 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session')
            [CompletionResult]::new('--credential-helper', '--credential-helper', [CompletionResultType]::ParameterName, 'Print credential_process JSON (for a profile''s credential_process) instead of shell code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;getcallerid' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)')
            [CompletionResult]::new('--sso-acct-id', '--sso-acct-id', [CompletionResultType]::ParameterName, 'Account id for SSO GetRoleCredentials (with --sso-role-name)')
            [CompletionResult]::new('--sso-role-name', '--sso-role-name', [CompletionResultType]::ParameterName, 'The SSO role (permission set) to get credentials for (with --sso-acct-id)')
            [CompletionResult]::new('--start-url', '--start-url', [CompletionResultType]::ParameterName, 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'Identity Center region')
            [CompletionResult]::new('--sso-session-name', '--sso-session-name', [CompletionResultType]::ParameterName, 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes')
            [CompletionResult]::new('--sso-access-token', '--sso-access-token', [CompletionResultType]::ParameterName, 'Use this SSO access token as is (not refreshable)')
            [CompletionResult]::new('--accesstoken-cache', '--accesstoken-cache', [CompletionResultType]::ParameterName, 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Token refresh: auto (when near expiry or rejected), off, force')
            [CompletionResult]::new('--login-timeout', '--login-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the sign-in to be approved, in seconds')
            [CompletionResult]::new('--assume-roles', '--assume-roles', [CompletionResultType]::ParameterName, 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]')
            [CompletionResult]::new('--duration-seconds', '--duration-seconds', [CompletionResultType]::ParameterName, 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)')
            [CompletionResult]::new('--mfa-serial', '--mfa-serial', [CompletionResultType]::ParameterName, 'MFA device serial (ARN) for GetSessionToken, or else the first role hop')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'ExternalId for every role hop that sets none of its own')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50')
            [CompletionResult]::new('--transitive-tags', '--transitive-tags', [CompletionResultType]::ParameterName, 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace')
            [CompletionResult]::new('--policy-arns', '--policy-arns', [CompletionResultType]::ParameterName, 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--fresh', '--fresh', [CompletionResultType]::ParameterName, 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)')
            [CompletionResult]::new('--use-cache', '--use-cache', [CompletionResultType]::ParameterName, 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Sign in with the device-code flow instead of the browser redirect (PKCE)')
            [CompletionResult]::new('--no-refresh-token', '--no-refresh-token', [CompletionResultType]::ParameterName, 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser')
            [CompletionResult]::new('--no-sign-in', '--no-sign-in', [CompletionResultType]::ParameterName, 'Never start an interactive sign-in: fail when no cached or refreshable token will do')
            [CompletionResult]::new('--get-session-token', '--get-session-token', [CompletionResultType]::ParameterName, 'Call STS GetSessionToken first (long-term IAM user keys only)')
            [CompletionResult]::new('--get-federation-token', '--get-federation-token', [CompletionResultType]::ParameterName, 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;runas' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)')
            [CompletionResult]::new('--sso-acct-id', '--sso-acct-id', [CompletionResultType]::ParameterName, 'Account id for SSO GetRoleCredentials (with --sso-role-name)')
            [CompletionResult]::new('--sso-role-name', '--sso-role-name', [CompletionResultType]::ParameterName, 'The SSO role (permission set) to get credentials for (with --sso-acct-id)')
            [CompletionResult]::new('--start-url', '--start-url', [CompletionResultType]::ParameterName, 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'Identity Center region')
            [CompletionResult]::new('--sso-session-name', '--sso-session-name', [CompletionResultType]::ParameterName, 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes')
            [CompletionResult]::new('--sso-access-token', '--sso-access-token', [CompletionResultType]::ParameterName, 'Use this SSO access token as is (not refreshable)')
            [CompletionResult]::new('--accesstoken-cache', '--accesstoken-cache', [CompletionResultType]::ParameterName, 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Token refresh: auto (when near expiry or rejected), off, force')
            [CompletionResult]::new('--login-timeout', '--login-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the sign-in to be approved, in seconds')
            [CompletionResult]::new('--assume-roles', '--assume-roles', [CompletionResultType]::ParameterName, 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]')
            [CompletionResult]::new('--duration-seconds', '--duration-seconds', [CompletionResultType]::ParameterName, 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)')
            [CompletionResult]::new('--mfa-serial', '--mfa-serial', [CompletionResultType]::ParameterName, 'MFA device serial (ARN) for GetSessionToken, or else the first role hop')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'ExternalId for every role hop that sets none of its own')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50')
            [CompletionResult]::new('--transitive-tags', '--transitive-tags', [CompletionResultType]::ParameterName, 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace')
            [CompletionResult]::new('--policy-arns', '--policy-arns', [CompletionResultType]::ParameterName, 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Command line to run through `sh -c`')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'Command line to run through `sh -c`')
            [CompletionResult]::new('--max-lifetime', '--max-lifetime', [CompletionResultType]::ParameterName, 'Refuse every request (403) this long after the endpoint starts (30s, 15m, 2h, 1h30m); until then STS is asked for no more than is left (900 s at least), and served credentials are said to expire by then')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Stop the endpoint after no request for this long (`serve` then exits; with `runas --serve` the child goes on without it)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Where to write the authorization token for AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (0600, removed when the endpoint ends) [default: in aws-login''s runtime directory]')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append one JSON line per request to FILE (time, peer, path, status, identity; never a secret or the token)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--fresh', '--fresh', [CompletionResultType]::ParameterName, 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)')
            [CompletionResult]::new('--use-cache', '--use-cache', [CompletionResultType]::ParameterName, 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Sign in with the device-code flow instead of the browser redirect (PKCE)')
            [CompletionResult]::new('--no-refresh-token', '--no-refresh-token', [CompletionResultType]::ParameterName, 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser')
            [CompletionResult]::new('--no-sign-in', '--no-sign-in', [CompletionResultType]::ParameterName, 'Never start an interactive sign-in: fail when no cached or refreshable token will do')
            [CompletionResult]::new('--get-session-token', '--get-session-token', [CompletionResultType]::ParameterName, 'Call STS GetSessionToken first (long-term IAM user keys only)')
            [CompletionResult]::new('--get-federation-token', '--get-federation-token', [CompletionResultType]::ParameterName, 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session')
            [CompletionResult]::new('--serve', '--serve', [CompletionResultType]::ParameterName, 'Give the child a local credentials endpoint that refreshes itself instead of keys (for work that outlives the credentials); it ends with the child')
            [CompletionResult]::new('--imds', '--imds', [CompletionResultType]::ParameterName, 'With --serve: speak EC2 instance metadata (IMDSv2) through AWS_EC2_METADATA_SERVICE_ENDPOINT instead of container credentials')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;serve' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)')
            [CompletionResult]::new('--sso-acct-id', '--sso-acct-id', [CompletionResultType]::ParameterName, 'Account id for SSO GetRoleCredentials (with --sso-role-name)')
            [CompletionResult]::new('--sso-role-name', '--sso-role-name', [CompletionResultType]::ParameterName, 'The SSO role (permission set) to get credentials for (with --sso-acct-id)')
            [CompletionResult]::new('--start-url', '--start-url', [CompletionResultType]::ParameterName, 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'Identity Center region')
            [CompletionResult]::new('--sso-session-name', '--sso-session-name', [CompletionResultType]::ParameterName, 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes')
            [CompletionResult]::new('--sso-access-token', '--sso-access-token', [CompletionResultType]::ParameterName, 'Use this SSO access token as is (not refreshable)')
            [CompletionResult]::new('--accesstoken-cache', '--accesstoken-cache', [CompletionResultType]::ParameterName, 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Token refresh: auto (when near expiry or rejected), off, force')
            [CompletionResult]::new('--login-timeout', '--login-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the sign-in to be approved, in seconds')
            [CompletionResult]::new('--assume-roles', '--assume-roles', [CompletionResultType]::ParameterName, 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]')
            [CompletionResult]::new('--duration-seconds', '--duration-seconds', [CompletionResultType]::ParameterName, 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)')
            [CompletionResult]::new('--mfa-serial', '--mfa-serial', [CompletionResultType]::ParameterName, 'MFA device serial (ARN) for GetSessionToken, or else the first role hop')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'ExternalId for every role hop that sets none of its own')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50')
            [CompletionResult]::new('--transitive-tags', '--transitive-tags', [CompletionResultType]::ParameterName, 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace')
            [CompletionResult]::new('--policy-arns', '--policy-arns', [CompletionResultType]::ParameterName, 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow')
            [CompletionResult]::new('--outform', '--outform', [CompletionResultType]::ParameterName, 'Shell to print the two variables for')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address and port to listen on [default: 127.0.0.1 and a free port]')
            [CompletionResult]::new('--max-lifetime', '--max-lifetime', [CompletionResultType]::ParameterName, 'Refuse every request (403) this long after the endpoint starts (30s, 15m, 2h, 1h30m); until then STS is asked for no more than is left (900 s at least), and served credentials are said to expire by then')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Stop the endpoint after no request for this long (`serve` then exits; with `runas --serve` the child goes on without it)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Where to write the authorization token for AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (0600, removed when the endpoint ends) [default: in aws-login''s runtime directory]')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append one JSON line per request to FILE (time, peer, path, status, identity; never a secret or the token)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--fresh', '--fresh', [CompletionResultType]::ParameterName, 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)')
            [CompletionResult]::new('--use-cache', '--use-cache', [CompletionResultType]::ParameterName, 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Sign in with the device-code flow instead of the browser redirect (PKCE)')
            [CompletionResult]::new('--no-refresh-token', '--no-refresh-token', [CompletionResultType]::ParameterName, 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser')
            [CompletionResult]::new('--no-sign-in', '--no-sign-in', [CompletionResultType]::ParameterName, 'Never start an interactive sign-in: fail when no cached or refreshable token will do')
            [CompletionResult]::new('--get-session-token', '--get-session-token', [CompletionResultType]::ParameterName, 'Call STS GetSessionToken first (long-term IAM user keys only)')
            [CompletionResult]::new('--get-federation-token', '--get-federation-token', [CompletionResultType]::ParameterName, 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session')
            [CompletionResult]::new('--imds', '--imds', [CompletionResultType]::ParameterName, 'Speak EC2 instance metadata (IMDSv2) and print AWS_EC2_METADATA_SERVICE_ENDPOINT instead of the container-credentials variables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;dumpconfig' {
            [CompletionResult]::new('--start-url', '--start-url', [CompletionResultType]::ParameterName, 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'Identity Center region')
            [CompletionResult]::new('--sso-session-name', '--sso-session-name', [CompletionResultType]::ParameterName, 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes')
            [CompletionResult]::new('--sso-access-token', '--sso-access-token', [CompletionResultType]::ParameterName, 'Use this SSO access token as is (not refreshable)')
            [CompletionResult]::new('--accesstoken-cache', '--accesstoken-cache', [CompletionResultType]::ParameterName, 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Token refresh: auto (when near expiry or rejected), off, force')
            [CompletionResult]::new('--login-timeout', '--login-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the sign-in to be approved, in seconds')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region written into every generated profile')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'role_session_name written into the --target-arn-profiles profiles')
            [CompletionResult]::new('--target-arn-profiles', '--target-arn-profiles', [CompletionResultType]::ParameterName, 'Extra assume-role profiles: JSON array of {"SourceAccountID", "SourceRoleName", "TargetArn", "TargetAccountName", "Region"}, inline or file://PATH')
            [CompletionResult]::new('--name-format', '--name-format', [CompletionResultType]::ParameterName, 'Profile names: {account_name}, {account_id} and {role_name} are replaced; anything outside [A-Za-z0-9._-] becomes ''-''')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many ListAccountRoles calls to make at once')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Write the profiles into FILE (default: AWS_CONFIG_FILE or ~/.aws/config) as a managed block, keeping everything else in the file; a backup goes to FILE.bak')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--use-cache', '--use-cache', [CompletionResultType]::ParameterName, 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Sign in with the device-code flow instead of the browser redirect (PKCE)')
            [CompletionResult]::new('--no-refresh-token', '--no-refresh-token', [CompletionResultType]::ParameterName, 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser')
            [CompletionResult]::new('--no-sign-in', '--no-sign-in', [CompletionResultType]::ParameterName, 'Never start an interactive sign-in: fail when no cached or refreshable token will do')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;importcache' {
            [CompletionResult]::new('--accesstoken-cache', '--accesstoken-cache', [CompletionResultType]::ParameterName, 'The token to import: file://PATH or inline JSON in the AWS CLI cache format')
            [CompletionResult]::new('--sso-session-name', '--sso-session-name', [CompletionResultType]::ParameterName, 'Store it under this sso-session name (default: keyed by its startUrl)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;shell' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the init script that defines the `awsl` function')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a static completion script for aws-login, to install where your shell loads completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aws-login;shell;init' {
            [CompletionResult]::new('--cmd', '--cmd', [CompletionResultType]::ParameterName, 'Name of the function to define')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--no-completion', '--no-completion', [CompletionResultType]::ParameterName, 'Do not register tab completion')
            [CompletionResult]::new('--prompt', '--prompt', [CompletionResultType]::ParameterName, 'Add the identity segment to the prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;shell;completions' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;shell;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the init script that defines the `awsl` function')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a static completion script for aws-login, to install where your shell loads completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aws-login;shell;help;init' {
            break
        }
        'aws-login;shell;help;completions' {
            break
        }
        'aws-login;shell;help;help' {
            break
        }
        'aws-login;assume' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)')
            [CompletionResult]::new('--sso-acct-id', '--sso-acct-id', [CompletionResultType]::ParameterName, 'Account id for SSO GetRoleCredentials (with --sso-role-name)')
            [CompletionResult]::new('--sso-role-name', '--sso-role-name', [CompletionResultType]::ParameterName, 'The SSO role (permission set) to get credentials for (with --sso-acct-id)')
            [CompletionResult]::new('--start-url', '--start-url', [CompletionResultType]::ParameterName, 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'Identity Center region')
            [CompletionResult]::new('--sso-session-name', '--sso-session-name', [CompletionResultType]::ParameterName, 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes')
            [CompletionResult]::new('--sso-access-token', '--sso-access-token', [CompletionResultType]::ParameterName, 'Use this SSO access token as is (not refreshable)')
            [CompletionResult]::new('--accesstoken-cache', '--accesstoken-cache', [CompletionResultType]::ParameterName, 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Token refresh: auto (when near expiry or rejected), off, force')
            [CompletionResult]::new('--login-timeout', '--login-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the sign-in to be approved, in seconds')
            [CompletionResult]::new('--assume-roles', '--assume-roles', [CompletionResultType]::ParameterName, 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]')
            [CompletionResult]::new('--duration-seconds', '--duration-seconds', [CompletionResultType]::ParameterName, 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)')
            [CompletionResult]::new('--mfa-serial', '--mfa-serial', [CompletionResultType]::ParameterName, 'MFA device serial (ARN) for GetSessionToken, or else the first role hop')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'ExternalId for every role hop that sets none of its own')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50')
            [CompletionResult]::new('--transitive-tags', '--transitive-tags', [CompletionResultType]::ParameterName, 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace')
            [CompletionResult]::new('--policy-arns', '--policy-arns', [CompletionResultType]::ParameterName, 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--pick', '--pick', [CompletionResultType]::ParameterName, 'Choose the source in a fuzzy picker on the terminal (what `awsl assume` alone does)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr when it succeeds (no "assumed ..." line)')
            [CompletionResult]::new('--fresh', '--fresh', [CompletionResultType]::ParameterName, 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)')
            [CompletionResult]::new('--use-cache', '--use-cache', [CompletionResultType]::ParameterName, 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Sign in with the device-code flow instead of the browser redirect (PKCE)')
            [CompletionResult]::new('--no-refresh-token', '--no-refresh-token', [CompletionResultType]::ParameterName, 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser')
            [CompletionResult]::new('--no-sign-in', '--no-sign-in', [CompletionResultType]::ParameterName, 'Never start an interactive sign-in: fail when no cached or refreshable token will do')
            [CompletionResult]::new('--get-session-token', '--get-session-token', [CompletionResultType]::ParameterName, 'Call STS GetSessionToken first (long-term IAM user keys only)')
            [CompletionResult]::new('--get-federation-token', '--get-federation-token', [CompletionResultType]::ParameterName, 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;unassume' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--logout', '--logout', [CompletionResultType]::ParameterName, 'Also sign out of the Identity Center session the identity came from (see `logout`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;refresh' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr unless the refresh fails (for prompt hooks)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;whoami' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Ask STS (GetCallerIdentity) instead of reading the environment')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;cache' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show each entry: identity, source, expiry, time left (never a secret)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove the entry of the request the options describe, or every entry with --all')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aws-login;cache;list' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON (an array of objects) for scripts')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;cache;clear' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)')
            [CompletionResult]::new('--sso-acct-id', '--sso-acct-id', [CompletionResultType]::ParameterName, 'Account id for SSO GetRoleCredentials (with --sso-role-name)')
            [CompletionResult]::new('--sso-role-name', '--sso-role-name', [CompletionResultType]::ParameterName, 'The SSO role (permission set) to get credentials for (with --sso-acct-id)')
            [CompletionResult]::new('--start-url', '--start-url', [CompletionResultType]::ParameterName, 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'Identity Center region')
            [CompletionResult]::new('--sso-session-name', '--sso-session-name', [CompletionResultType]::ParameterName, 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes')
            [CompletionResult]::new('--sso-access-token', '--sso-access-token', [CompletionResultType]::ParameterName, 'Use this SSO access token as is (not refreshable)')
            [CompletionResult]::new('--accesstoken-cache', '--accesstoken-cache', [CompletionResultType]::ParameterName, 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Token refresh: auto (when near expiry or rejected), off, force')
            [CompletionResult]::new('--login-timeout', '--login-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the sign-in to be approved, in seconds')
            [CompletionResult]::new('--assume-roles', '--assume-roles', [CompletionResultType]::ParameterName, 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]')
            [CompletionResult]::new('--duration-seconds', '--duration-seconds', [CompletionResultType]::ParameterName, 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)')
            [CompletionResult]::new('--mfa-serial', '--mfa-serial', [CompletionResultType]::ParameterName, 'MFA device serial (ARN) for GetSessionToken, or else the first role hop')
            [CompletionResult]::new('--mfa-code', '--mfa-code', [CompletionResultType]::ParameterName, 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'ExternalId for every role hop that sets none of its own')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50')
            [CompletionResult]::new('--transitive-tags', '--transitive-tags', [CompletionResultType]::ParameterName, 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace')
            [CompletionResult]::new('--policy-arns', '--policy-arns', [CompletionResultType]::ParameterName, 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Remove every entry')
            [CompletionResult]::new('--fresh', '--fresh', [CompletionResultType]::ParameterName, 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)')
            [CompletionResult]::new('--use-cache', '--use-cache', [CompletionResultType]::ParameterName, 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Sign in with the device-code flow instead of the browser redirect (PKCE)')
            [CompletionResult]::new('--no-refresh-token', '--no-refresh-token', [CompletionResultType]::ParameterName, 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser')
            [CompletionResult]::new('--no-sign-in', '--no-sign-in', [CompletionResultType]::ParameterName, 'Never start an interactive sign-in: fail when no cached or refreshable token will do')
            [CompletionResult]::new('--get-session-token', '--get-session-token', [CompletionResultType]::ParameterName, 'Call STS GetSessionToken first (long-term IAM user keys only)')
            [CompletionResult]::new('--get-federation-token', '--get-federation-token', [CompletionResultType]::ParameterName, 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;cache;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show each entry: identity, source, expiry, time left (never a secret)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove the entry of the request the options describe, or every entry with --all')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aws-login;cache;help;list' {
            break
        }
        'aws-login;cache;help;clear' {
            break
        }
        'aws-login;cache;help;help' {
            break
        }
        'aws-login;login' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The profile to sign in for (default: AWS_PROFILE, else default); its login_session is set')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of the sign-in (default: AWS_REGION, AWS_DEFAULT_REGION, the profile''s, us-east-1)')
            [CompletionResult]::new('--login-timeout', '--login-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the sign-in in the browser, in seconds')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Sign in on another device: print the URL, then read the code the page shows')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Sign out of the console session (aws-login login, aws login) this profile names')
            [CompletionResult]::new('--sso-session-name', '--sso-session-name', [CompletionResultType]::ParameterName, 'The sso-session to sign out of (the token cache''s key)')
            [CompletionResult]::new('--start-url', '--start-url', [CompletionResultType]::ParameterName, 'Sign out of every session with this start URL')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Sign out of every session in the shared token cache, and of every console session')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;doctor' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON (an array of {check, status, detail, fix}) for scripts')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;sso' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List the Identity Center sign-ins in the shared token cache, with their time left')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aws-login;sso;sessions' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON (an array of objects) for scripts')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aws-login;sso;help' {
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List the Identity Center sign-ins in the shared token cache, with their time left')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aws-login;sso;help;sessions' {
            break
        }
        'aws-login;sso;help;help' {
            break
        }
        'aws-login;help' {
            [CompletionResult]::new('console', 'console', [CompletionResultType]::ParameterValue, 'Open the AWS web console signed in as the final identity')
            [CompletionResult]::new('dumpcreds', 'dumpcreds', [CompletionResultType]::ParameterValue, 'Print the final credentials as shell code or as credential_process JSON')
            [CompletionResult]::new('getcallerid', 'getcallerid', [CompletionResultType]::ParameterValue, 'Print the final identity (STS GetCallerIdentity) as JSON')
            [CompletionResult]::new('runas', 'runas', [CompletionResultType]::ParameterValue, 'Run a command with the final credentials in its environment')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the final credentials to local SDKs (container-credentials endpoint), refreshed, until Ctrl-C')
            [CompletionResult]::new('dumpconfig', 'dumpconfig', [CompletionResultType]::ParameterValue, 'Print ~/.aws/config profiles for every Identity Center account and role')
            [CompletionResult]::new('importcache', 'importcache', [CompletionResultType]::ParameterValue, 'Import an SSO token cache (AWS CLI format) into the shared token cache')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'Shell integration: the init script that defines the `awsl` function, static completions')
            [CompletionResult]::new('assume', 'assume', [CompletionResultType]::ParameterValue, 'Set the identity in the current shell (run it as `awsl assume`: needs `shell init`)')
            [CompletionResult]::new('unassume', 'unassume', [CompletionResultType]::ParameterValue, 'Clear the identity that `awsl assume` set (run it as `awsl unassume`)')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Re-run the last `awsl assume` without a browser: cached and refreshed tokens only')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the identity, region and time left in this shell (no network unless --check)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'aws-login''s session cache: list or clear the credentials it keeps between runs')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in to an AWS console session for a profile (as `aws login`): sets its login_session')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Sign out of IAM Identity Center or of a console session: the session''s token and the credentials made from it are removed')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the set-up: config files, shell integration, clock, sign-ins, proxy, file modes')
            [CompletionResult]::new('sso', 'sso', [CompletionResultType]::ParameterValue, 'IAM Identity Center sign-ins kept in the shared token cache')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aws-login;help;console' {
            break
        }
        'aws-login;help;dumpcreds' {
            break
        }
        'aws-login;help;getcallerid' {
            break
        }
        'aws-login;help;runas' {
            break
        }
        'aws-login;help;serve' {
            break
        }
        'aws-login;help;dumpconfig' {
            break
        }
        'aws-login;help;importcache' {
            break
        }
        'aws-login;help;shell' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the init script that defines the `awsl` function')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a static completion script for aws-login, to install where your shell loads completions')
            break
        }
        'aws-login;help;shell;init' {
            break
        }
        'aws-login;help;shell;completions' {
            break
        }
        'aws-login;help;assume' {
            break
        }
        'aws-login;help;unassume' {
            break
        }
        'aws-login;help;refresh' {
            break
        }
        'aws-login;help;whoami' {
            break
        }
        'aws-login;help;cache' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show each entry: identity, source, expiry, time left (never a secret)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove the entry of the request the options describe, or every entry with --all')
            break
        }
        'aws-login;help;cache;list' {
            break
        }
        'aws-login;help;cache;clear' {
            break
        }
        'aws-login;help;login' {
            break
        }
        'aws-login;help;logout' {
            break
        }
        'aws-login;help;doctor' {
            break
        }
        'aws-login;help;sso' {
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List the Identity Center sign-ins in the shared token cache, with their time left')
            break
        }
        'aws-login;help;sso;sessions' {
            break
        }
        'aws-login;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
