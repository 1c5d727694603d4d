#!/usr/bin/env python3
"""End-to-end tests of the gemba binary.

Usage: python3 Tests/e2e/run.py PATH/TO/gemba [NAME ...]

Each case is Tests/e2e/cases/NAME.out (the expected standard output) plus:
  NAME.gmb     the script; run as `gemba -f Tests/e2e/cases/NAME.gmb` unless NAME.args exists
  NAME.args    the arguments instead, one per line (no quoting; an empty file means none)
  NAME.stdin   fed to standard input (otherwise standard input is empty and not a terminal)
  NAME.err     the expected standard error (otherwise it must be empty)
  NAME.status  the expected exit status (otherwise 0)

A case runs in a fresh temporary folder that links `Tests` and `datasets` to the repository's, so
relative paths such as Tests/e2e/fixtures/x.csv work as from the repository root, while files a case
writes (`.export out.csv`) land in the temporary folder and vanish afterwards. HOME points to an
empty folder, so no ~/.gembarc is run.

Besides the cases, the checks in roundtrip.py (files written by gemba compared field for field with
Python's csv and json modules) run as cases named roundtrip:....

Prints one line per case and a last line `e2e: N passed, M failed`; exits 1 when any failed.
"""

import difflib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASES = os.path.join(HERE, "cases")
TIMEOUT = 60


def read(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def make_sandbox():
    """A temporary folder that looks like the repository root for reading, and is private for writing."""
    sandbox = tempfile.mkdtemp(prefix="gemba-e2e-")
    for name in ("Tests", "datasets"):
        os.symlink(os.path.join(ROOT, name), os.path.join(sandbox, name))
    home = os.path.join(sandbox, ".home")
    os.mkdir(home)
    return sandbox, home


def run_gemba(binary, args, stdin_text="", cwd=None, home=None):
    """Runs gemba; returns (status, stdout, stderr)."""
    env = dict(os.environ)
    env["HOME"] = home or cwd or ROOT
    env["GEMBA_HISTORY"] = os.path.join(env["HOME"], "history")
    env.pop("COLUMNS", None)
    proc = subprocess.run([binary] + args, input=stdin_text.encode("utf-8"), capture_output=True,
                          cwd=cwd or ROOT, env=env, timeout=TIMEOUT)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def diff(label, expected, actual):
    lines = difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                 f"expected {label}", f"actual {label}")
    return "".join(lines)


def run_case(binary, name):
    """Runs one case; returns a list of problems (empty when it passed)."""
    base = os.path.join(CASES, name)
    args_text = read(base + ".args")
    if args_text is None:
        args = ["-f", f"Tests/e2e/cases/{name}.gmb"]
    else:
        args = [line for line in args_text.split("\n") if line != ""]
    stdin_text = read(base + ".stdin", "")
    want_out = read(base + ".out", "")
    want_err = read(base + ".err", "")
    want_status = int((read(base + ".status", "0") or "0").strip())

    sandbox, home = make_sandbox()
    try:
        status, out, err = run_gemba(binary, args, stdin_text, cwd=sandbox, home=home)
    except subprocess.TimeoutExpired:
        return [f"timed out after {TIMEOUT} s"]
    finally:
        subprocess.run(["rm", "-rf", sandbox])
    problems = []
    if status != want_status:
        problems.append(f"exit status {status}, expected {want_status}")
    if out != want_out:
        problems.append(diff("stdout", want_out, out))
    if err != want_err:
        problems.append(diff("stderr", want_err, err))
    return problems


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    only = set(sys.argv[2:])
    names = sorted(f[:-4] for f in os.listdir(CASES) if f.endswith(".out"))
    results = []
    for name in names:
        if only and name not in only:
            continue
        results.append((name, run_case(binary, name)))

    sys.path.insert(0, HERE)
    import roundtrip
    for name, check in roundtrip.CHECKS:
        full = f"roundtrip:{name}"
        if only and full not in only and "roundtrip" not in only:
            continue
        sandbox, home = make_sandbox()
        try:
            problems = check(lambda args, stdin="": run_gemba(binary, args, stdin, cwd=sandbox, home=home), sandbox)
        except Exception as e:  # a crash in a check is a failure, not the end of the run
            problems = [f"{type(e).__name__}: {e}"]
        finally:
            subprocess.run(["rm", "-rf", sandbox])
        results.append((full, problems))

    failed = 0
    for name, problems in results:
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print("    " + p.rstrip("\n").replace("\n", "\n    "))
        else:
            print(f"ok   {name}")
    print(f"e2e: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
