
use builtin;
use str;

set edit:completion:arg-completer[aws-login] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'aws-login'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'aws-login'= {
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand console 'Open the AWS web console signed in as the final identity'
            cand dumpcreds 'Print the final credentials as shell code or as credential_process JSON'
            cand getcallerid 'Print the final identity (STS GetCallerIdentity) as JSON'
            cand runas 'Run a command with the final credentials in its environment'
            cand serve 'Serve the final credentials to local SDKs (container-credentials endpoint), refreshed, until Ctrl-C'
            cand dumpconfig 'Print ~/.aws/config profiles for every Identity Center account and role'
            cand importcache 'Import an SSO token cache (AWS CLI format) into the shared token cache'
            cand shell 'Shell integration: the init script that defines the `awsl` function, static completions'
            cand assume 'Set the identity in the current shell (run it as `awsl assume`: needs `shell init`)'
            cand unassume 'Clear the identity that `awsl assume` set (run it as `awsl unassume`)'
            cand refresh 'Re-run the last `awsl assume` without a browser: cached and refreshed tokens only'
            cand whoami 'Show the identity, region and time left in this shell (no network unless --check)'
            cand cache 'aws-login''s session cache: list or clear the credentials it keeps between runs'
            cand login 'Sign in to an AWS console session for a profile (as `aws login`): sets its login_session'
            cand logout 'Sign out of IAM Identity Center or of a console session: the session''s token and the credentials made from it are removed'
            cand doctor 'Check the set-up: config files, shell integration, clock, sign-ins, proxy, file modes'
            cand sso 'IAM Identity Center sign-ins kept in the shared token cache'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aws-login;console'= {
            cand --profile 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)'
            cand --region 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)'
            cand --sso-acct-id 'Account id for SSO GetRoleCredentials (with --sso-role-name)'
            cand --sso-role-name 'The SSO role (permission set) to get credentials for (with --sso-acct-id)'
            cand --start-url 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)'
            cand --sso-region 'Identity Center region'
            cand --sso-session-name 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes'
            cand --sso-access-token 'Use this SSO access token as is (not refreshable)'
            cand --accesstoken-cache 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON'
            cand --refresh 'Token refresh: auto (when near expiry or rejected), off, force'
            cand --login-timeout 'How long to wait for the sign-in to be approved, in seconds'
            cand --assume-roles 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH'
            cand --role-session-name 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]'
            cand --duration-seconds 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)'
            cand --mfa-serial 'MFA device serial (ARN) for GetSessionToken, or else the first role hop'
            cand --mfa-code 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)'
            cand --external-id 'ExternalId for every role hop that sets none of its own'
            cand --source-identity 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token'
            cand --tags 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50'
            cand --transitive-tags 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows'
            cand --policy 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace'
            cand --policy-arns 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow'
            cand --issuer 'Issuer shown by the console as where the sign-in came from'
            cand --destination 'Console page to open (https, on the partition''s console host)'
            cand --service 'Service page to open (ec2, s3, iam, lambda, ...), in the region'
            cand --browser 'The browser to open: a name on PATH or a path (default: BROWSER, or, with --browser-profile, an installed Chromium-family browser or Firefox)'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --fresh 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)'
            cand --use-cache 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
            cand --use-device-code 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
            cand --no-refresh-token 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
            cand --no-browser 'Do not open a browser'
            cand --no-sign-in 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
            cand --get-session-token 'Call STS GetSessionToken first (long-term IAM user keys only)'
            cand --get-federation-token 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session'
            cand --pick 'Choose the identity in a fuzzy picker on the terminal'
            cand --print 'Also print the sign-in URL on stdout (it is a bearer secret: anyone with it is you)'
            cand --browser-profile 'Open it in a browser profile of the identity''s own (kept in aws-login''s state directory), so several identities stay signed in side by side [env: AWS_LOGIN_BROWSER_PROFILE=1]'
            cand --logout-first 'Sign the browser''s current console session out first (for one shared profile)'
            cand --clip 'Put the sign-in URL on the clipboard through the terminal (OSC 52) instead of opening a browser; works over SSH'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;dumpcreds'= {
            cand --profile 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)'
            cand --region 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)'
            cand --sso-acct-id 'Account id for SSO GetRoleCredentials (with --sso-role-name)'
            cand --sso-role-name 'The SSO role (permission set) to get credentials for (with --sso-acct-id)'
            cand --start-url 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)'
            cand --sso-region 'Identity Center region'
            cand --sso-session-name 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes'
            cand --sso-access-token 'Use this SSO access token as is (not refreshable)'
            cand --accesstoken-cache 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON'
            cand --refresh 'Token refresh: auto (when near expiry or rejected), off, force'
            cand --login-timeout 'How long to wait for the sign-in to be approved, in seconds'
            cand --assume-roles 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH'
            cand --role-session-name 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]'
            cand --duration-seconds 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)'
            cand --mfa-serial 'MFA device serial (ARN) for GetSessionToken, or else the first role hop'
            cand --mfa-code 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)'
            cand --external-id 'ExternalId for every role hop that sets none of its own'
            cand --source-identity 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token'
            cand --tags 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50'
            cand --transitive-tags 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows'
            cand --policy 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace'
            cand --policy-arns 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow'
            cand --outform 'Shell to print code for'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --fresh 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)'
            cand --use-cache 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
            cand --use-device-code 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
            cand --no-refresh-token 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
            cand --no-browser 'Do not open a browser'
            cand --no-sign-in 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
            cand --get-session-token 'Call STS GetSessionToken first (long-term IAM user keys only)'
            cand --get-federation-token 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session'
            cand --credential-helper 'Print credential_process JSON (for a profile''s credential_process) instead of shell code'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;getcallerid'= {
            cand --profile 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)'
            cand --region 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)'
            cand --sso-acct-id 'Account id for SSO GetRoleCredentials (with --sso-role-name)'
            cand --sso-role-name 'The SSO role (permission set) to get credentials for (with --sso-acct-id)'
            cand --start-url 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)'
            cand --sso-region 'Identity Center region'
            cand --sso-session-name 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes'
            cand --sso-access-token 'Use this SSO access token as is (not refreshable)'
            cand --accesstoken-cache 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON'
            cand --refresh 'Token refresh: auto (when near expiry or rejected), off, force'
            cand --login-timeout 'How long to wait for the sign-in to be approved, in seconds'
            cand --assume-roles 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH'
            cand --role-session-name 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]'
            cand --duration-seconds 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)'
            cand --mfa-serial 'MFA device serial (ARN) for GetSessionToken, or else the first role hop'
            cand --mfa-code 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)'
            cand --external-id 'ExternalId for every role hop that sets none of its own'
            cand --source-identity 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token'
            cand --tags 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50'
            cand --transitive-tags 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows'
            cand --policy 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace'
            cand --policy-arns 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --fresh 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)'
            cand --use-cache 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
            cand --use-device-code 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
            cand --no-refresh-token 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
            cand --no-browser 'Do not open a browser'
            cand --no-sign-in 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
            cand --get-session-token 'Call STS GetSessionToken first (long-term IAM user keys only)'
            cand --get-federation-token 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;runas'= {
            cand --profile 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)'
            cand --region 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)'
            cand --sso-acct-id 'Account id for SSO GetRoleCredentials (with --sso-role-name)'
            cand --sso-role-name 'The SSO role (permission set) to get credentials for (with --sso-acct-id)'
            cand --start-url 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)'
            cand --sso-region 'Identity Center region'
            cand --sso-session-name 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes'
            cand --sso-access-token 'Use this SSO access token as is (not refreshable)'
            cand --accesstoken-cache 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON'
            cand --refresh 'Token refresh: auto (when near expiry or rejected), off, force'
            cand --login-timeout 'How long to wait for the sign-in to be approved, in seconds'
            cand --assume-roles 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH'
            cand --role-session-name 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]'
            cand --duration-seconds 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)'
            cand --mfa-serial 'MFA device serial (ARN) for GetSessionToken, or else the first role hop'
            cand --mfa-code 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)'
            cand --external-id 'ExternalId for every role hop that sets none of its own'
            cand --source-identity 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token'
            cand --tags 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50'
            cand --transitive-tags 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows'
            cand --policy 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace'
            cand --policy-arns 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow'
            cand -c 'Command line to run through `sh -c`'
            cand --command 'Command line to run through `sh -c`'
            cand --max-lifetime 'Refuse every request (403) this long after the endpoint starts (30s, 15m, 2h, 1h30m); until then STS is asked for no more than is left (900 s at least), and served credentials are said to expire by then'
            cand --idle-timeout 'Stop the endpoint after no request for this long (`serve` then exits; with `runas --serve` the child goes on without it)'
            cand --token-file 'Where to write the authorization token for AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (0600, removed when the endpoint ends) [default: in aws-login''s runtime directory]'
            cand --log 'Append one JSON line per request to FILE (time, peer, path, status, identity; never a secret or the token)'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --fresh 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)'
            cand --use-cache 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
            cand --use-device-code 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
            cand --no-refresh-token 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
            cand --no-browser 'Do not open a browser'
            cand --no-sign-in 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
            cand --get-session-token 'Call STS GetSessionToken first (long-term IAM user keys only)'
            cand --get-federation-token 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session'
            cand --serve 'Give the child a local credentials endpoint that refreshes itself instead of keys (for work that outlives the credentials); it ends with the child'
            cand --imds 'With --serve: speak EC2 instance metadata (IMDSv2) through AWS_EC2_METADATA_SERVICE_ENDPOINT instead of container credentials'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;serve'= {
            cand --profile 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)'
            cand --region 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)'
            cand --sso-acct-id 'Account id for SSO GetRoleCredentials (with --sso-role-name)'
            cand --sso-role-name 'The SSO role (permission set) to get credentials for (with --sso-acct-id)'
            cand --start-url 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)'
            cand --sso-region 'Identity Center region'
            cand --sso-session-name 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes'
            cand --sso-access-token 'Use this SSO access token as is (not refreshable)'
            cand --accesstoken-cache 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON'
            cand --refresh 'Token refresh: auto (when near expiry or rejected), off, force'
            cand --login-timeout 'How long to wait for the sign-in to be approved, in seconds'
            cand --assume-roles 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH'
            cand --role-session-name 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]'
            cand --duration-seconds 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)'
            cand --mfa-serial 'MFA device serial (ARN) for GetSessionToken, or else the first role hop'
            cand --mfa-code 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)'
            cand --external-id 'ExternalId for every role hop that sets none of its own'
            cand --source-identity 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token'
            cand --tags 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50'
            cand --transitive-tags 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows'
            cand --policy 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace'
            cand --policy-arns 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow'
            cand --outform 'Shell to print the two variables for'
            cand --bind 'Address and port to listen on [default: 127.0.0.1 and a free port]'
            cand --max-lifetime 'Refuse every request (403) this long after the endpoint starts (30s, 15m, 2h, 1h30m); until then STS is asked for no more than is left (900 s at least), and served credentials are said to expire by then'
            cand --idle-timeout 'Stop the endpoint after no request for this long (`serve` then exits; with `runas --serve` the child goes on without it)'
            cand --token-file 'Where to write the authorization token for AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (0600, removed when the endpoint ends) [default: in aws-login''s runtime directory]'
            cand --log 'Append one JSON line per request to FILE (time, peer, path, status, identity; never a secret or the token)'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --fresh 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)'
            cand --use-cache 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
            cand --use-device-code 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
            cand --no-refresh-token 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
            cand --no-browser 'Do not open a browser'
            cand --no-sign-in 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
            cand --get-session-token 'Call STS GetSessionToken first (long-term IAM user keys only)'
            cand --get-federation-token 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session'
            cand --imds 'Speak EC2 instance metadata (IMDSv2) and print AWS_EC2_METADATA_SERVICE_ENDPOINT instead of the container-credentials variables'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;dumpconfig'= {
            cand --start-url 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)'
            cand --sso-region 'Identity Center region'
            cand --sso-session-name 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes'
            cand --sso-access-token 'Use this SSO access token as is (not refreshable)'
            cand --accesstoken-cache 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON'
            cand --refresh 'Token refresh: auto (when near expiry or rejected), off, force'
            cand --login-timeout 'How long to wait for the sign-in to be approved, in seconds'
            cand --region 'Region written into every generated profile'
            cand --role-session-name 'role_session_name written into the --target-arn-profiles profiles'
            cand --target-arn-profiles 'Extra assume-role profiles: JSON array of {"SourceAccountID", "SourceRoleName", "TargetArn", "TargetAccountName", "Region"}, inline or file://PATH'
            cand --name-format 'Profile names: {account_name}, {account_id} and {role_name} are replaced; anything outside [A-Za-z0-9._-] becomes ''-'''
            cand --concurrency 'How many ListAccountRoles calls to make at once'
            cand --write 'Write the profiles into FILE (default: AWS_CONFIG_FILE or ~/.aws/config) as a managed block, keeping everything else in the file; a backup goes to FILE.bak'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --use-cache 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
            cand --use-device-code 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
            cand --no-refresh-token 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
            cand --no-browser 'Do not open a browser'
            cand --no-sign-in 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;importcache'= {
            cand --accesstoken-cache 'The token to import: file://PATH or inline JSON in the AWS CLI cache format'
            cand --sso-session-name 'Store it under this sso-session name (default: keyed by its startUrl)'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;shell'= {
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Print the init script that defines the `awsl` function'
            cand completions 'Print a static completion script for aws-login, to install where your shell loads completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aws-login;shell;init'= {
            cand --cmd 'Name of the function to define'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --no-completion 'Do not register tab completion'
            cand --prompt 'Add the identity segment to the prompt'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;shell;completions'= {
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;shell;help'= {
            cand init 'Print the init script that defines the `awsl` function'
            cand completions 'Print a static completion script for aws-login, to install where your shell loads completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aws-login;shell;help;init'= {
        }
        &'aws-login;shell;help;completions'= {
        }
        &'aws-login;shell;help;help'= {
        }
        &'aws-login;assume'= {
            cand --profile 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)'
            cand --region 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)'
            cand --sso-acct-id 'Account id for SSO GetRoleCredentials (with --sso-role-name)'
            cand --sso-role-name 'The SSO role (permission set) to get credentials for (with --sso-acct-id)'
            cand --start-url 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)'
            cand --sso-region 'Identity Center region'
            cand --sso-session-name 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes'
            cand --sso-access-token 'Use this SSO access token as is (not refreshable)'
            cand --accesstoken-cache 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON'
            cand --refresh 'Token refresh: auto (when near expiry or rejected), off, force'
            cand --login-timeout 'How long to wait for the sign-in to be approved, in seconds'
            cand --assume-roles 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH'
            cand --role-session-name 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]'
            cand --duration-seconds 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)'
            cand --mfa-serial 'MFA device serial (ARN) for GetSessionToken, or else the first role hop'
            cand --mfa-code 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)'
            cand --external-id 'ExternalId for every role hop that sets none of its own'
            cand --source-identity 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token'
            cand --tags 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50'
            cand --transitive-tags 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows'
            cand --policy 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace'
            cand --policy-arns 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --pick 'Choose the source in a fuzzy picker on the terminal (what `awsl assume` alone does)'
            cand --quiet 'Print nothing on stderr when it succeeds (no "assumed ..." line)'
            cand --fresh 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)'
            cand --use-cache 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
            cand --use-device-code 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
            cand --no-refresh-token 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
            cand --no-browser 'Do not open a browser'
            cand --no-sign-in 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
            cand --get-session-token 'Call STS GetSessionToken first (long-term IAM user keys only)'
            cand --get-federation-token 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;unassume'= {
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --logout 'Also sign out of the Identity Center session the identity came from (see `logout`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;refresh'= {
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --quiet 'Print nothing on stderr unless the refresh fails (for prompt hooks)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;whoami'= {
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --check 'Ask STS (GetCallerIdentity) instead of reading the environment'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;cache'= {
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Show each entry: identity, source, expiry, time left (never a secret)'
            cand clear 'Remove the entry of the request the options describe, or every entry with --all'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aws-login;cache;list'= {
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --json 'JSON (an array of objects) for scripts'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;cache;clear'= {
            cand --profile 'Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored)'
            cand --region 'AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)'
            cand --sso-acct-id 'Account id for SSO GetRoleCredentials (with --sso-role-name)'
            cand --sso-role-name 'The SSO role (permission set) to get credentials for (with --sso-acct-id)'
            cand --start-url 'Identity Center start URL: sign in through the browser (unless --use-cache finds a token)'
            cand --sso-region 'Identity Center region'
            cand --sso-session-name 'Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes'
            cand --sso-access-token 'Use this SSO access token as is (not refreshable)'
            cand --accesstoken-cache 'Read the token from an AWS CLI cache file (file://PATH) or inline JSON'
            cand --refresh 'Token refresh: auto (when near expiry or rejected), off, force'
            cand --login-timeout 'How long to wait for the sign-in to be approved, in seconds'
            cand --assume-roles 'Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH'
            cand --role-session-name 'RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login]'
            cand --duration-seconds 'Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a chained hop; session and federation tokens 900-129600)'
            cand --mfa-serial 'MFA device serial (ARN) for GetSessionToken, or else the first role hop'
            cand --mfa-code 'The MFA code for --mfa-serial or a profile''s mfa_serial (else the profile''s mfa_process, else asked for on the terminal)'
            cand --external-id 'ExternalId for every role hop that sets none of its own'
            cand --source-identity 'SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a role_arn profile''s source_identity, on its own hop). 2-64 characters of letters, digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token'
            cand --tags 'Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token (default: AWS_SESSION_TAGS; with neither, a role_arn profile''s session_tags, on its own hop, or the federating profile''s). At most 50'
            cand --transitive-tags 'Keys of the session tags that later hops inherit, KEY,KEY, each among the tags (default: AWS_TRANSITIVE_TAGS; with neither, a profile''s transitive_session_tags). Not for a federation token, which no hop follows'
            cand --policy 'Session policy (JSON or file://PATH) for the final role hop, or the federation token (in place of AdministratorAccess). It can only narrow what the role or IAM user allows, never widen it. At most 2048 characters without whitespace'
            cand --policy-arns 'Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the federation token (in place of AdministratorAccess), as a session policy: the session gets only what both the role or IAM user and these allow'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --all 'Remove every entry'
            cand --fresh 'Acquire new credentials instead of reusing aws-login''s session cache (the new ones are stored)'
            cand --use-cache 'Read, refresh and store the token in the shared cache (~/.aws/sso/cache)'
            cand --use-device-code 'Sign in with the device-code flow instead of the browser redirect (PKCE)'
            cand --no-refresh-token 'Ask for a token without a refresh token: it cannot be renewed, so a sign-in is needed when it expires'
            cand --no-browser 'Do not open a browser'
            cand --no-sign-in 'Never start an interactive sign-in: fail when no cached or refreshable token will do'
            cand --get-session-token 'Call STS GetSessionToken first (long-term IAM user keys only)'
            cand --get-federation-token 'Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles). Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the IAM user''s own permissions); --tags tag the federated session'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;cache;help'= {
            cand list 'Show each entry: identity, source, expiry, time left (never a secret)'
            cand clear 'Remove the entry of the request the options describe, or every entry with --all'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aws-login;cache;help;list'= {
        }
        &'aws-login;cache;help;clear'= {
        }
        &'aws-login;cache;help;help'= {
        }
        &'aws-login;login'= {
            cand --profile 'The profile to sign in for (default: AWS_PROFILE, else default); its login_session is set'
            cand --region 'Region of the sign-in (default: AWS_REGION, AWS_DEFAULT_REGION, the profile''s, us-east-1)'
            cand --login-timeout 'How long to wait for the sign-in in the browser, in seconds'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --remote 'Sign in on another device: print the URL, then read the code the page shows'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;logout'= {
            cand --profile 'Sign out of the console session (aws-login login, aws login) this profile names'
            cand --sso-session-name 'The sso-session to sign out of (the token cache''s key)'
            cand --start-url 'Sign out of every session with this start URL'
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --all 'Sign out of every session in the shared token cache, and of every console session'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;doctor'= {
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --json 'JSON (an array of {check, status, detail, fix}) for scripts'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;sso'= {
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand sessions 'List the Identity Center sign-ins in the shared token cache, with their time left'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aws-login;sso;sessions'= {
            cand -v 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --verbose 'More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets'
            cand --json 'JSON (an array of objects) for scripts'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aws-login;sso;help'= {
            cand sessions 'List the Identity Center sign-ins in the shared token cache, with their time left'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aws-login;sso;help;sessions'= {
        }
        &'aws-login;sso;help;help'= {
        }
        &'aws-login;help'= {
            cand console 'Open the AWS web console signed in as the final identity'
            cand dumpcreds 'Print the final credentials as shell code or as credential_process JSON'
            cand getcallerid 'Print the final identity (STS GetCallerIdentity) as JSON'
            cand runas 'Run a command with the final credentials in its environment'
            cand serve 'Serve the final credentials to local SDKs (container-credentials endpoint), refreshed, until Ctrl-C'
            cand dumpconfig 'Print ~/.aws/config profiles for every Identity Center account and role'
            cand importcache 'Import an SSO token cache (AWS CLI format) into the shared token cache'
            cand shell 'Shell integration: the init script that defines the `awsl` function, static completions'
            cand assume 'Set the identity in the current shell (run it as `awsl assume`: needs `shell init`)'
            cand unassume 'Clear the identity that `awsl assume` set (run it as `awsl unassume`)'
            cand refresh 'Re-run the last `awsl assume` without a browser: cached and refreshed tokens only'
            cand whoami 'Show the identity, region and time left in this shell (no network unless --check)'
            cand cache 'aws-login''s session cache: list or clear the credentials it keeps between runs'
            cand login 'Sign in to an AWS console session for a profile (as `aws login`): sets its login_session'
            cand logout 'Sign out of IAM Identity Center or of a console session: the session''s token and the credentials made from it are removed'
            cand doctor 'Check the set-up: config files, shell integration, clock, sign-ins, proxy, file modes'
            cand sso 'IAM Identity Center sign-ins kept in the shared token cache'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aws-login;help;console'= {
        }
        &'aws-login;help;dumpcreds'= {
        }
        &'aws-login;help;getcallerid'= {
        }
        &'aws-login;help;runas'= {
        }
        &'aws-login;help;serve'= {
        }
        &'aws-login;help;dumpconfig'= {
        }
        &'aws-login;help;importcache'= {
        }
        &'aws-login;help;shell'= {
            cand init 'Print the init script that defines the `awsl` function'
            cand completions 'Print a static completion script for aws-login, to install where your shell loads completions'
        }
        &'aws-login;help;shell;init'= {
        }
        &'aws-login;help;shell;completions'= {
        }
        &'aws-login;help;assume'= {
        }
        &'aws-login;help;unassume'= {
        }
        &'aws-login;help;refresh'= {
        }
        &'aws-login;help;whoami'= {
        }
        &'aws-login;help;cache'= {
            cand list 'Show each entry: identity, source, expiry, time left (never a secret)'
            cand clear 'Remove the entry of the request the options describe, or every entry with --all'
        }
        &'aws-login;help;cache;list'= {
        }
        &'aws-login;help;cache;clear'= {
        }
        &'aws-login;help;login'= {
        }
        &'aws-login;help;logout'= {
        }
        &'aws-login;help;doctor'= {
        }
        &'aws-login;help;sso'= {
            cand sessions 'List the Identity Center sign-ins in the shared token cache, with their time left'
        }
        &'aws-login;help;sso;sessions'= {
        }
        &'aws-login;help;help'= {
        }
    ]
    $completions[$command]
}
