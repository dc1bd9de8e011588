# A terminal for the picker tests: runs argv[3:] on a pty, plays the steps in argv[1]
# (keys to send, text to wait for), writes what the terminal showed to stdout and the
# seconds from start to each wait's text to argv[2].
import fcntl, json, os, pty, select, struct, sys, termios, time
steps = json.load(open(sys.argv[1]))
start = time.time()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[3], sys.argv[3:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
out, cursor, times = b"", 0, []
def pump(until):
    global out
    r, _, _ = select.select([fd], [], [], max(0, min(0.05, until - time.time())))
    if r:
        try:
            d = os.read(fd, 65536)
        except OSError:
            return False
        if not d:
            return False
        # Answer line editors' cursor position queries (nushell's reedline waits for one).
        for _ in range((out[-3:] + d).count(b"\x1b[6n")):
            os.write(fd, b"\x1b[1;1R")
        out += d
    return True
for s in steps:
    if "send" in s:
        os.write(fd, s["send"].encode())
    elif "sleep" in s:
        end = time.time() + s["sleep"]
        while time.time() < end and pump(end):
            pass
    elif "expect" in s:
        want, deadline = s["expect"].encode(), time.time() + 30
        while out.find(want, cursor) < 0 and time.time() < deadline:
            if not pump(deadline):
                break
        i = out.find(want, cursor)
        if i < 0:
            sys.stdout.write(out.decode("utf-8", "replace"))
            sys.stderr.write("timed out waiting for %r\n" % s["expect"])
            os.kill(pid, 9)
            sys.exit(3)
        times.append(time.time() - start)
        cursor = i + len(want)
end = time.time() + 0.3
while time.time() < end and pump(end):
    pass
try:
    os.kill(pid, 9)
except ProcessLookupError:
    pass
json.dump(times, open(sys.argv[2], "w"))
sys.stdout.write(out.decode("utf-8", "replace"))
