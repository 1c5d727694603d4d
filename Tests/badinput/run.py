#!/usr/bin/env python3
"""The bad-input catalogue: hostile statements, files, workspaces and command lines, each with the exact
error gemba must give.

Usage: python3 Tests/badinput/run.py PATH/TO/gemba [NAME ...]

Each case is Tests/badinput/cases/NAME.case (the format is in Tests/badinput/README.md). A case runs in
a fresh temporary folder holding a copy of Tests/badinput/files/ as `files/` (so a case may damage its
files freely, and error messages name short relative paths); every `files/**/X.sql` is first turned into
the SQLite database `X.db` beside it. HOME is an empty folder, so no ~/.gembarc runs.

A case passes when gemba
  - ends within TIMEOUT seconds (a hang is a failure) and not by a signal,
  - exits with the case's status (1 unless it says `status:`),
  - writes exactly the case's standard error (or, for `--- stderr-contains`, every line of it somewhere
    in standard error) and exactly its standard output (empty unless it has `--- stdout`),
  - and leaves every `unchanged:` path byte for byte as it was (a folder: the same files and bytes).

Prints one line per case and a last line `badinput: N passed, M failed`; exits 1 when any failed.
"""

import difflib
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
FILES = os.path.join(HERE, "files")
TIMEOUT = 10


class Case:
    def __init__(self, name, text):
        self.name = name
        self.args = None
        self.status = 1
        self.setup = []       # [[step, arg, ...], ...]
        self.unchanged = []   # paths relative to the sandbox
        self.stdin_file = None  # a file in the sandbox fed to standard input (for bytes that are not text)
        self.sections = {}    # 'stdin' | 'stdout' | 'stderr' | 'stderr-contains' -> text
        section = None
        for line in text.splitlines(keepends=True):
            if line.startswith("--- "):
                section = line[4:].strip()
                if section not in ("stdin", "stdout", "stderr", "stderr-contains"):
                    raise ValueError(f"{name}: unknown section '{section}'")
                self.sections[section] = ""
            elif section is not None:
                self.sections[section] += line
            elif line.strip() == "" or line.startswith("#"):
                continue
            else:
                key, _, value = line.partition(":")
                key, value = key.strip(), value.strip()
                if key == "args":
                    self.args = shlex.split(value)
                elif key == "status":
                    self.status = int(value)
                elif key == "setup":
                    self.setup.append(shlex.split(value))
                elif key == "stdin-file":
                    self.stdin_file = value
                elif key == "unchanged":
                    self.unchanged.extend(shlex.split(value))
                else:
                    raise ValueError(f"{name}: unknown header '{key}'")
        if self.args is None:
            raise ValueError(f"{name}: no 'args:' line")
        if "stderr" not in self.sections and "stderr-contains" not in self.sections:
            raise ValueError(f"{name}: no '--- stderr' section (a bad input must say what is wrong)")


# Setup steps: `setup: STEP ARG ...` in a case, run in the sandbox before gemba starts. Each returns an
# optional function to call once gemba has ended (to release what it holds).

def step_truncate(sandbox, path, size):
    """Cuts the file at PATH to SIZE bytes."""
    with open(os.path.join(sandbox, path), "r+b") as f:
        f.truncate(int(size))


def step_wide_header(sandbox, path, columns, fields=None):
    """Writes a CSV whose header has COLUMNS names (c1,c2,...) and one row of FIELDS fields (as many
    as the header when not given)."""
    n = int(columns)
    with open(os.path.join(sandbox, path), "w") as f:
        f.write(",".join(f"c{i}" for i in range(1, n + 1)) + "\n")
        f.write(",".join("1" for _ in range(int(fields) if fields else n)) + "\n")


def step_lock(sandbox, path):
    """Holds SQLite's write lock on the workspace at PATH while gemba runs (another writer's transaction)."""
    con = sqlite3.connect(os.path.join(sandbox, path), isolation_level=None)
    con.execute("begin immediate")

    def release():
        con.execute("rollback")
        con.close()
    return release


def step_readonly(sandbox, path):
    """Makes the folder PATH read-only (for root, gemba runs as the user nobody, whom the mode binds)."""
    os.chmod(os.path.join(sandbox, path), 0o555)


def step_corrupt(sandbox, path, start):
    """Flips bits in every 97th byte of the file at PATH from byte START on (its pages, not its header)."""
    full = os.path.join(sandbox, path)
    data = bytearray(open(full, "rb").read())
    for i in range(int(start), len(data), 97):
        data[i] ^= 0x5A
    with open(full, "wb") as f:
        f.write(bytes(data))


def step_repeat(sandbox, path, head, unit, count, tail):
    """Writes HEAD, then UNIT COUNT times, then TAIL and a newline to PATH (a statement too long or too
    deep to keep in a case file)."""
    with open(os.path.join(sandbox, path), "w") as f:
        f.write(head + unit * int(count) + tail + "\n")


STEPS = {"truncate": step_truncate, "wide-header": step_wide_header, "lock": step_lock,
         "readonly": step_readonly, "corrupt": step_corrupt, "repeat": step_repeat}


def build_files():
    """A copy of files/ with every X.sql turned into X.db beside it, made once per run (and copied into
    each sandbox: building the databases for every case would spend seconds on fsync)."""
    template = tempfile.mkdtemp(prefix="gemba-badinput-files-")
    files = os.path.join(template, "files")
    shutil.copytree(FILES, files)
    for folder, _, names in os.walk(files):
        for name in names:
            if name.endswith(".sql"):
                sql_to_database(os.path.join(folder, name), os.path.join(folder, name[:-4] + ".db"))
    return template


def sql_to_database(sql_path, db_path):
    """Makes the SQLite file db_path from the SQL text at sql_path. A file whose first line is
    `-- on BASE.sql: ...` is run on top of BASE.sql (in the same folder), so a damaged workspace holds
    only its damage."""
    con = sqlite3.connect(db_path)
    con.execute("pragma synchronous = off")
    with open(sql_path, encoding="utf-8") as f:
        text = f.read()
    base = re.match(r"-- on (\S+\.sql):", text)
    if base:
        with open(os.path.join(os.path.dirname(sql_path), base.group(1)), encoding="utf-8") as f:
            con.executescript(f.read())
    con.executescript(text)
    con.commit()
    con.close()


def make_sandbox(template):
    sandbox = tempfile.mkdtemp(prefix="gemba-badinput-")
    os.chmod(sandbox, 0o755)
    shutil.copytree(os.path.join(template, "files"), os.path.join(sandbox, "files"))
    home = os.path.join(sandbox, ".home")
    os.mkdir(home)
    return sandbox, home


def snapshot(path):
    """The bytes of a file, or of every file under a folder by relative name; None when it is missing."""
    if os.path.isdir(path):
        out = {}
        for folder, _, names in os.walk(path):
            for name in names:
                full = os.path.join(folder, name)
                with open(full, "rb") as f:
                    out[os.path.relpath(full, path)] = f.read()
        return out
    if os.path.exists(path):
        with open(path, "rb") as f:
            return f.read()
    return None


def diff(label, expected, actual):
    lines = difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                 f"expected {label}", f"actual {label}")
    return "".join(lines)


def run_case(binary, case, template):
    """Runs one case; returns a list of problems (empty when it passed)."""
    sandbox, home = make_sandbox(template)
    releases = []
    try:
        command = [binary] + case.args
        for step in case.setup:
            if step[0] == "lock":
                continue  # taken after the snapshot below: closing any descriptor of a file drops
                          # this process's POSIX locks on it, SQLite's too
            STEPS[step[0]](sandbox, *step[1:])
            if step[0] == "readonly" and os.geteuid() == 0:
                for folder, dirs, names in os.walk(sandbox):
                    os.chown(folder, 65534, 65534)
                    for name in names:
                        os.chown(os.path.join(folder, name), 65534, 65534)
                command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command
        before = {p: snapshot(os.path.join(sandbox, p)) for p in case.unchanged}
        for step in case.setup:
            if step[0] == "lock":
                releases.append(STEPS["lock"](sandbox, *step[1:]))
        env = dict(os.environ)
        env["HOME"] = home
        env["GEMBA_HISTORY"] = os.path.join(home, "history")
        env.pop("COLUMNS", None)
        stdin = case.sections.get("stdin", "").encode("utf-8")
        if case.stdin_file:
            with open(os.path.join(sandbox, case.stdin_file), "rb") as f:
                stdin = f.read()
        try:
            proc = subprocess.run(command, input=stdin, capture_output=True, cwd=sandbox, env=env,
                                  timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return [f"hung: no exit after {TIMEOUT} s"]
        finally:
            for release in releases:
                release()
        out = proc.stdout.decode("utf-8", "replace")
        err = proc.stderr.decode("utf-8", "replace")
        problems = []
        if proc.returncode < 0:
            problems.append(f"killed by signal {-proc.returncode}")
        elif proc.returncode != case.status:
            problems.append(f"exit status {proc.returncode}, expected {case.status}")
        if "stderr" in case.sections and err != case.sections["stderr"]:
            problems.append(diff("stderr", case.sections["stderr"], err))
        for want in case.sections.get("stderr-contains", "").splitlines():
            if want not in err:
                problems.append(f"stderr lacks {want!r}; it is:\n{err}")
        want_out = case.sections.get("stdout", "")
        if out != want_out:
            problems.append(diff("stdout", want_out, out))
        for path, was in before.items():
            if snapshot(os.path.join(sandbox, path)) != was:
                problems.append(f"{path} changed")
        return problems
    finally:
        for folder, _, _ in os.walk(sandbox):
            os.chmod(folder, 0o755)  # a read-only folder's files could not be removed
        shutil.rmtree(sandbox, ignore_errors=True)


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    only = set(sys.argv[2:])
    names = sorted(f[:-5] for f in os.listdir(CASES) if f.endswith(".case"))
    failed = 0
    template = build_files()
    for name in names:
        if only and name not in only:
            continue
        try:
            with open(os.path.join(CASES, name + ".case"), encoding="utf-8") as f:
                problems = run_case(binary, Case(name, f.read()), template)
        except Exception as e:  # a broken case is a failure, not the end of the run
            problems = [f"{type(e).__name__}: {e}"]
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print("    " + p.rstrip("\n").replace("\n", "\n    "))
        else:
            print(f"ok   {name}")
    shutil.rmtree(template, ignore_errors=True)
    total = len(names) if not only else len([n for n in names if n in only])
    print(f"badinput: {total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
