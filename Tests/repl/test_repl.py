#!/usr/bin/env python3
"""Tests of gemba's interactive prompt, driven through a pseudo-terminal with pexpect.

Usage: python3 Tests/repl/test_repl.py PATH/TO/gemba [TEST ...]

Each test starts the binary in a pty with HOME and GEMBA_HISTORY pointing into a temporary folder.
Prints one line per test and a last line `repl: N passed, M failed`; exits 1 when any failed.
The interrupt test wants a release build: it measures how fast Ctrl-C stops a long statement.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

import pexpect

PROMPT = "gemba> "
CONTINUATION = "...> "
TIMEOUT = 20
# How long Ctrl-C may take to bring the prompt back while a statement runs.
INTERRUPT_LIMIT = 0.2
# A statement that runs for seconds (in a release build), interrupted at these times after it starts:
# early (making the range) and later (grouping). Its 800 MB stay small enough that freeing them on the
# way out fits in the limit.
LONG_STATEMENT = "range(1, 100000000, 1) | summarize s = sum(value) by k = value % 10"
INTERRUPT_DELAYS = (0.5, 2.5)

BINARY = None


class Gemba:
    """One gemba process at a prompt, in its own HOME."""

    def __init__(self, args=(), history=None, home=None, rc=None, no_color=None):
        self.dir = tempfile.mkdtemp(prefix="gemba-repl-")
        self.home = home or os.path.join(self.dir, "home")
        os.makedirs(self.home, exist_ok=True)
        if rc is not None:
            with open(os.path.join(self.home, ".gembarc"), "w") as f:
                f.write(rc)
        self.history = os.path.join(self.dir, "history")
        if history is not None:
            with open(self.history, "w") as f:
                f.write(history)
        env = dict(os.environ, HOME=self.home, GEMBA_HISTORY=self.history, TERM="xterm")
        env.pop("INPUTRC", None)
        env.pop("NO_COLOR", None)
        if no_color is not None:
            env["NO_COLOR"] = no_color
        self.p = pexpect.spawn(BINARY, list(args), env=env, cwd=self.dir, encoding="utf-8",
                               timeout=TIMEOUT, dimensions=(40, 120))

    def prompt(self):
        self.p.expect_exact(PROMPT)

    def run(self, statement):
        """Types a statement and waits for the next prompt; returns what came before it."""
        self.p.sendline(statement)
        self.p.expect_exact(PROMPT)
        return self.p.before

    def quit(self):
        """Ctrl-D at an empty prompt; returns the exit status."""
        self.p.sendeof()
        self.p.expect(pexpect.EOF)
        self.p.close()
        return self.p.exitstatus

    def history_text(self):
        with open(self.history) as f:
            return f.read()

    def close(self):
        if self.p.isalive():
            self.p.terminate(force=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


# ---------------------------------------------------------------- tests


def test_statement_shows_table(g):
    g.prompt()
    out = g.run("range(1, 3, 1) | count")
    check("│ count │" in out and "│     3 │" in out, f"no table in {out!r}")
    check(g.quit() == 0, "exit status after Ctrl-D")


def test_continuation_prompt(g):
    g.prompt()
    g.p.sendline("range(1, 4, 1)")
    g.p.sendline("")  # an empty line neither runs nor continues anything
    g.p.expect_exact(PROMPT)
    g.p.sendline("datatable(a:int) [1,")
    g.p.expect_exact(CONTINUATION)
    g.p.sendline("2, 3] |")
    g.p.expect_exact(CONTINUATION)
    out = g.run("count")
    check("│     3 │" in out, f"multi-line statement gave {out!r}")
    check(g.quit() == 0, "exit status")


def test_ctrl_c_while_typing(g):
    g.prompt()
    g.p.send("range(1, 5, 1) | whe")
    time.sleep(0.1)
    g.p.send("\x03")
    g.p.expect_exact(PROMPT)
    check(g.p.isalive(), "Ctrl-C at the prompt ended the shell")
    # The discarded text must not come back: this runs as a statement of its own.
    out = g.run("range(7, 8, 1) | count")
    check("│     2 │" in out, f"after Ctrl-C: {out!r}")
    check(g.quit() == 0, "exit status")


def test_ctrl_c_in_continuation(g):
    g.prompt()
    g.p.sendline("range(1, 5, 1) |")
    g.p.expect_exact(CONTINUATION)
    g.p.send("\x03")
    g.p.expect_exact(PROMPT)
    out = g.run("range(1, 2, 1) | count")
    check("│     2 │" in out and "error" not in out, f"pending statement not discarded: {out!r}")
    check(g.quit() == 0, "exit status")


def test_ctrl_c_cancels_statement(g):
    g.prompt()
    times = []
    for delay in INTERRUPT_DELAYS:
        g.p.sendline(LONG_STATEMENT)
        time.sleep(delay)
        start = time.monotonic()
        g.p.send("\x03")
        g.p.expect_exact(PROMPT)
        times.append(time.monotonic() - start)
        check("interrupted" in g.p.before, f"Ctrl-C {delay} s into the statement: no 'interrupted' in {g.p.before!r}")
    slow = [f"{t:.3f} s ({d} s in)" for d, t in zip(INTERRUPT_DELAYS, times) if t > INTERRUPT_LIMIT]
    check(not slow, f"prompt came back after {', '.join(slow)} after Ctrl-C (limit {INTERRUPT_LIMIT} s)")
    out = g.run("range(1, 2, 1) | count")
    check("│     2 │" in out, f"the shell does not work after an interrupt: {out!r}")
    check(g.quit() == 0, "exit status")


def test_ctrl_d_exits(g):
    g.prompt()
    g.p.send("range(1, 2, 1)")
    g.p.sendcontrol("a")
    g.p.sendcontrol("k")  # the line is empty again
    check(g.quit() == 0, "Ctrl-D on an empty prompt: exit status")


def test_error_keeps_prompt(g):
    g.prompt()
    out = g.run("range(1, 2, 1) | where valu > 1")
    check("unknown column 'valu'" in out and "did you mean 'value'?" in out, f"error text: {out!r}")
    out = g.run(".lod x.csv")
    check("did you mean '.load'?" in out, f"dot command error: {out!r}")
    out = g.run("range(1, 2, 1) | count")
    check("│     2 │" in out, "the shell does not work after an error")
    check(g.quit() == 0, "exit status after errors at the prompt")


def test_bail(g):
    g.prompt()
    g.p.sendline("range(1, 2, 1) | where valu > 1")
    g.p.expect(pexpect.EOF)
    g.p.close()
    check(g.p.exitstatus == 1, f"--bail exit status {g.p.exitstatus}")


def test_dot_commands(g):
    g.prompt()
    g.run(".mode csv")
    out = g.run("range(1, 2, 1) | project v = value * 10")
    check("v\r\n10\r\n20\r\n" in out, f"csv mode: {out!r}")
    out = g.run(".help where")
    check("| where PRED" in out, f".help where: {out!r}")
    g.p.sendline(".exit 4")
    g.p.expect(pexpect.EOF)
    g.p.close()
    check(g.p.exitstatus == 4, f".exit 4 gave {g.p.exitstatus}")


def test_quit(g):
    g.prompt()
    g.p.sendline(".quit")
    g.p.expect(pexpect.EOF)
    g.p.close()
    check(g.p.exitstatus == 0, f".quit gave {g.p.exitstatus}")


def test_history_written(g):
    g.prompt()
    g.run("range(1, 3, 1) | count")
    g.p.sendline("range(1, 3, 1) |")
    g.p.expect_exact(CONTINUATION)
    g.run("  where value > 1")
    g.run(".mode csv")
    check(g.quit() == 0, "exit status")
    lines = g.history_text().splitlines()
    for want in ("range(1, 3, 1) | count", "range(1, 3, 1) | where value > 1", ".mode csv"):
        check(want in lines, f"history lacks {want!r}: {lines!r}")


def test_history_read(g):
    g.prompt()
    g.p.send("\x1b[A")  # up arrow: the last line of the history file
    time.sleep(0.1)
    out = g.run("")
    check("│     4 │" in out, f"recalled statement gave {out!r}")
    check(g.quit() == 0, "exit status")


def test_init_file(g):
    g.prompt()
    out = g.run("range(1, 2, 1) | count")
    check("count\r\n2\r\n" in out, f"~/.gembarc did not set csv mode: {out!r}")
    check(g.quit() == 0, "exit status")


def test_no_init(g):
    g.prompt()
    out = g.run("range(1, 2, 1) | count")
    check("│ count │" in out, f"--no-init still ran ~/.gembarc: {out!r}")
    check(g.quit() == 0, "exit status")


def test_c_then_interactive(g):
    out = g.p.expect_exact(PROMPT)
    check("x\r\n1\r\n" in g.p.before, f"-c before -i: {g.p.before!r}")
    check(g.quit() == 0, "exit status")


def test_tab_completion(g):
    g.prompt()
    g.run("range(1, 3, 1) | extend team_size = value | export table teams")
    g.p.send("tea\t")
    g.p.expect_exact("teams")
    g.p.send(" | whe\t")
    g.p.expect_exact("where")
    g.p.send(" team_s\t")
    g.p.expect_exact("team_size")
    g.p.send(" > 1 | cou\t\r")
    g.p.expect_exact(PROMPT)
    check("│     2 │" in g.p.before, f"the completed statement did not run: {g.p.before!r}")
    g.p.send(".sch\t")
    g.p.expect_exact(".schema")
    g.p.send("\r")
    g.p.expect_exact(PROMPT)
    check("team_size" in g.p.before, f".schema after completion: {g.p.before!r}")
    check(g.quit() == 0, "exit status")


CHART = 'datatable(team:string, items:int) ["A", 3, "B", 5] | render bar'


def test_chart_in_colour(g):
    g.prompt()
    out = g.run(CHART)
    check("\x1b[38;5;" in out and "█" in out, f"no coloured bars in {out!r}")
    # As wide as the terminal (120 columns): the longest line is close to it.
    widest = max(len(line.replace("\x1b[38;5;32m", "").replace("\x1b[0m", "")) for line in out.splitlines())
    check(100 <= widest <= 120, f"the chart is {widest} columns wide in a 120-column terminal")
    check(g.quit() == 0, "exit status")


def test_chart_no_color(g):
    g.prompt()
    out = g.run(CHART)
    check("█" in out and "\x1b[38;5;" not in out, f"NO_COLOR still coloured: {out!r}")
    check(g.quit() == 0, "exit status")


# A CSV that takes over a second to load in a debug build (about 30 MB), made once by `gemba generate`.
BIG_CSV = None
CLEAR = "\r\x1b[K"


def big_csv():
    global BIG_CSV
    if BIG_CSV is None:
        folder = tempfile.mkdtemp(prefix="gemba-progress-")
        subprocess.run([BINARY, "generate", "--allocations", "400k", "--no-items", "--quiet", "--out", folder], check=True)
        BIG_CSV = os.path.join(folder, "allocations.csv")
    return BIG_CSV


def test_progress_bar(g):
    """A load over a second draws a bar with rows/s on standard error, and clears it before the prompt."""
    path = big_csv()
    g.prompt()
    g.p.sendline(f".load {path} as big")
    g.p.expect_exact("rows/s")
    g.p.expect_exact(PROMPT)
    shown = g.p.before
    check(CLEAR in shown, f"no clearing in {shown[-300:]!r}")
    check(shown.rfind(CLEAR) > shown.rfind("rows/s"), f"the bar was left on the screen: {shown[-300:]!r}")
    check("%" in shown and "█" in shown, f"no bar: {shown[-300:]!r}")
    out = g.run("big | count")
    check("400000" in out, f"count: {out!r}")
    check("rows/s" not in out, f"a bar for a quick statement: {out!r}")
    # Ctrl-C stops the load and the bar with it.
    g.p.sendline(f".load {path} as again")
    g.p.expect_exact("%")
    g.p.sendintr()
    g.p.expect_exact(PROMPT)
    after = g.p.before
    check("interrupted" in after, f"no interruption reported: {after[-300:]!r}")
    check("%" not in after.split("interrupted")[-1], f"the bar came back after Ctrl-C: {after[-300:]!r}")
    out = g.run(".tables")
    check("again" not in out and "big" in out, f"tables after Ctrl-C: {out!r}")
    check(g.quit() == 0, "exit status")


def test_progress_not_a_terminal(g):
    """With standard error a file or a pipe, nothing is drawn, at the prompt or with -c."""
    path = big_csv()
    err = os.path.join(g.dir, "err")
    g.p.terminate(force=True)
    g.p = pexpect.spawn("/bin/sh", ["-c", f'"{BINARY}" 2>"{err}"'], env=g.p.env, cwd=g.dir, encoding="utf-8",
                        timeout=TIMEOUT, dimensions=(40, 120))
    g.prompt()
    g.run(f".load {path} as big")
    check(g.quit() == 0, "exit status")
    with open(err) as f:
        text = f.read()
    check(text == "loaded big: 400000 rows, 10 columns\n", f"standard error has more than the note: {text[:200]!r}")
    r = subprocess.run([BINARY, "-c", f".load {path} as big", "-c", "big | count"], capture_output=True, text=True, timeout=120)
    check(r.returncode == 0 and r.stderr == "", f"-c with a pipe: status {r.returncode}, stderr {r.stderr[:200]!r}")


def interrupt(g, line, wait_for=None, delay=0.8):
    """Types `line`, presses Ctrl-C after `wait_for` shows (or `delay` seconds), and returns what came
    before the prompt; the statement must report the interruption."""
    g.p.sendline(line)
    if wait_for:
        g.p.expect_exact(wait_for)
    else:
        time.sleep(delay)
    g.p.sendintr()
    g.p.expect_exact(PROMPT)
    out = g.p.before
    check("interrupted" in out, f"{line}: no interruption reported: {out[-300:]!r}")
    return out


def folder_listing(folder):
    return sorted(os.listdir(folder))


def test_interrupt_export(g):
    """Ctrl-C while `export` writes: no file, no temporary file left, and the session still works."""
    g.prompt()
    g.run(f".load {big_csv()} as big")
    before = folder_listing(g.dir)
    interrupt(g, 'big | extend note = strcat(person, "/", team) | export "out.csv"')
    out = g.run("big | count")  # waits for an abandoned statement to end first
    check("400000" in out, f"the session after Ctrl-C: {out!r}")
    check(folder_listing(g.dir) == before, f"files after Ctrl-C: {folder_listing(g.dir)} (before: {before})")
    g.run("big")
    interrupt(g, ".export out.csv")
    g.run("big | count")
    check(folder_listing(g.dir) == before, f"files after Ctrl-C in .export: {folder_listing(g.dir)}")
    check(g.quit() == 0, "exit status")


def test_interrupt_save(g):
    """Ctrl-C while `.save` copies the session into a new file, and while a load writes through to
    the open workspace: neither file changes, nor the tables."""
    g.prompt()
    g.run(".open ws.db")
    g.run("datatable(x:int) [1, 2, 3] | export table small_t")
    with open(os.path.join(g.dir, "ws.db"), "rb") as f:
        ws_before = f.read()
    interrupt(g, f".load {big_csv()} as big")
    out = g.run(".tables")
    check("big" not in out and "small_t" in out, f"tables after Ctrl-C in a write-through load: {out!r}")
    with open(os.path.join(g.dir, "ws.db"), "rb") as f:
        check(f.read() == ws_before, "the workspace changed after Ctrl-C")
    check(g.quit() == 0, "exit status")


def test_interrupt_save_copy(g):
    """Ctrl-C while `.save` writes the session to a new file: no file is left."""
    g.prompt()
    g.run(f".load {big_csv()} as big")
    before = folder_listing(g.dir)
    interrupt(g, ".save copy.db", delay=0.5)
    g.run("big | count")
    check(folder_listing(g.dir) == before, f"Ctrl-C in .save left {folder_listing(g.dir)} (before: {before})")
    check(g.quit() == 0, "exit status")


def test_interrupt_forecast(g):
    """Ctrl-C in a forecast's trials: the previous result stays `_`."""
    g.prompt()
    g.run("let done = range(1, 200, 1) | extend finished = @2026-01-01 + value * 1d")
    g.run("datatable(x:int) [7]")
    interrupt(g, "done | forecast when 3000 trials 1000000", delay=1.0)
    out = g.run("_ | project x")
    check(re.search(r"│ +7 │", out), f"`_` after Ctrl-C: {out!r}")
    check(g.quit() == 0, "exit status")


TESTS = [
    (test_interrupt_export, {}),
    (test_interrupt_save, {}),
    (test_interrupt_save_copy, {}),
    (test_interrupt_forecast, {}),
    (test_chart_in_colour, {}),
    (test_chart_no_color, {"no_color": "1"}),
    (test_progress_bar, {}),
    (test_progress_not_a_terminal, {}),
    (test_tab_completion, {}),
    (test_statement_shows_table, {}),
    (test_continuation_prompt, {}),
    (test_ctrl_c_while_typing, {}),
    (test_ctrl_c_in_continuation, {}),
    (test_ctrl_c_cancels_statement, {}),
    (test_ctrl_d_exits, {}),
    (test_error_keeps_prompt, {}),
    (test_bail, {"args": ["--bail"]}),
    (test_dot_commands, {}),
    (test_quit, {}),
    (test_history_written, {}),
    (test_history_read, {"history": "range(1, 9, 1) | count\nrange(1, 4, 1) | count\n"}),
    (test_init_file, {"rc": ".mode csv\n"}),
    (test_no_init, {"rc": ".mode csv\n", "args": ["--no-init"]}),
    (test_c_then_interactive, {"args": ["--format", "csv", "-c", "datatable(x:int) [1]", "-i"]}),
]


def main():
    global BINARY
    if len(sys.argv) < 2:
        print("usage: test_repl.py PATH/TO/gemba [TEST ...]", file=sys.stderr)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    only = set(sys.argv[2:])
    passed = failed = 0
    for test, kwargs in TESTS:
        name = test.__name__[len("test_"):]
        if only and name not in only:
            continue
        g = Gemba(**kwargs)
        try:
            test(g)
            passed += 1
            print(f"ok   {name}")
        except Exception as e:
            failed += 1
            print(f"FAIL {name}: {type(e).__name__}: {e}")
            if not isinstance(e, AssertionError):
                traceback.print_exc(limit=2)
            print("    output: " + repr((g.p.before or "")[-400:]))
        finally:
            g.close()
    print(f"repl: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
