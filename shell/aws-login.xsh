# aws-login for xonsh: the __AWSL_CMD__ alias, a prompt field and a completer. From `aws-login shell init xonsh`.


def __awsl_setup():
    import json
    import os
    import re
    import signal
    import subprocess
    import threading
    import time

    from xonsh.built_ins import XSH
    from xonsh.completers.completer import add_one_completer
    from xonsh.completers.tools import RichCompletion, contextual_command_completer

    bin = __AWSL_BIN__
    marker = "__AWSL_MARKER__"
    state = {"next_refresh": 0}
    # What a terminal would act on (escapes, line breaks, bidi overrides), shown as '?'.
    active = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")

    def env(**extra):
        e = XSH.env.detype()
        e.update(extra)
        return e

    def awsl(args, stdin=None, stdout=None, stderr=None):
        """aws-login in this shell: assume, unassume, refresh, whoami, …"""
        args = list(args)
        if not args:
            print(__AWSL_USAGE__, file=stdout)
            return 0
        if args[0] not in ("assume", "unassume", "refresh"):
            return subprocess.run([bin, *args], env=env(), stdout=stdout, stderr=stderr).returncode
        # Its stderr (sign-in codes, the line saying what was assumed) goes straight to the
        # terminal: xonsh's own stream for a threaded alias can be closed under the write.
        run = subprocess.run(
            [bin, *args], env=env(AWS_LOGIN_SHELL="__AWSL_SHELL__"), stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL if stderr is subprocess.DEVNULL else None,
        )
        out = run.stdout.decode("utf-8", "surrogateescape")
        if run.returncode == 0 and out.startswith(marker):
            # Ignore Ctrl-C while the environment changes: never half an identity. (Python
            # sets signal handlers only in the main thread; xonsh may run an alias in
            # another, where Ctrl-C reaches the main thread and not this one anyway.)
            main = threading.current_thread() is threading.main_thread()
            prior = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
            try:
                execx(out)
            finally:
                if main:
                    signal.signal(signal.SIGINT, prior)
            state["next_refresh"] = 0
        elif out:
            print(out, end="" if out.endswith("\n") else "\n", file=stdout)
        return run.returncode

    # The segment: identity and time left ("prod-Admin 42m", "prod-Admin expired"), from
    # the interpreter's clock: no process while the identity is valid.
    def segment():
        e = XSH.env
        ident = str(e.get("AWS_LOGIN_IDENTITY", "") or "")
        if not ident:
            return None
        seg = active.sub("?", ident)
        epoch = str(e.get("AWS_LOGIN_EXPIRES_EPOCH", "") or "")
        # More than 12 digits is no plausible time.
        if re.fullmatch("[0-9]{1,12}", epoch):
            now = int(time.time())
            left = int(epoch) - now
            if left <= 0:
                seg += " expired"
            elif left < 3600:
                seg += " %dm" % (left // 60)
            else:
                seg += " %dh%02dm" % (left // 3600, left % 3600 // 60)
            # Near expiry, with AWS_LOGIN_AUTO_REFRESH=1: refresh from the cache (never a
            # browser), at most once a minute.
            if e.get("AWS_LOGIN_AUTO_REFRESH") == "1" and left < 300 and now >= state["next_refresh"]:
                state["next_refresh"] = now + 60
                if awsl(["refresh", "--quiet"], stderr=subprocess.DEVNULL) == 0:
                    return segment()
        # An Identity Center sign-in that ends within 15 minutes is marked: after it, a browser.
        signin = str(e.get("AWS_LOGIN_SIGNIN_EXPIRES_EPOCH", "") or "")
        if re.fullmatch("[0-9]{1,12}", signin):
            left = int(signin) - int(time.time())
            if left <= 0:
                seg += " (sign-in ended)"
            elif left < 900:
                seg += " (sign-in %dm)" % (left // 60)
        return seg

    def awsl_prompt_info():
        """For prompts built by hand: the segment (empty when no identity is set)."""
        return segment() or ""

    aliases["__AWSL_CMD__"] = awsl
    XSH.ctx["awsl_prompt_info"] = awsl_prompt_info
    XSH.env["PROMPT_FIELDS"]["awsl"] = segment
    # --prompt: the segment before the prompt, once.
    if __AWSL_PROMPT__ and "{awsl" not in XSH.env["PROMPT"]:
        XSH.env["PROMPT"] = "{awsl:[{}] }" + XSH.env["PROMPT"]

    # Completion candidates from the binary (COMPLETE=__AWSL_SHELL__), never the network.
    @contextual_command_completer
    def complete(context):
        if context.arg_index < 1 or context.args[0].value not in ("aws-login", "__AWSL_CMD__"):
            return None
        words = ["aws-login", *(a.value for a in context.args[1 : context.arg_index]), context.prefix]
        run = subprocess.run(
            [bin, "--", *words],
            env=env(COMPLETE="__AWSL_SHELL__", _CLAP_COMPLETE_INDEX=str(len(words) - 1)),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        try:
            found = json.loads(run.stdout)
        except ValueError:
            return None
        return {RichCompletion(c["value"], description=c.get("description", "")) for c in found}, len(context.prefix)

    if "__AWSL_COMPLETION__":
        add_one_completer("__awsl", complete, "start")

    # What `aws-login doctor` reads: the shell, the one whose init this is, and whether the
    # completer was added above.
    XSH.env["AWS_LOGIN_SHELL_INIT"] = "__AWSL_SHELL__:%d:__AWSL_COMPLETES__" % os.getpid()


__awsl_setup()
del __awsl_setup
