#!/usr/bin/env python3
"""Tests of `gemba notebook run`, and a run of every notebook in notebooks/.

Usage: python3 Tests/notebooks/test_notebooks.py PATH/TO/gemba [NOTEBOOK_DIR]

Every notebook in NOTEBOOK_DIR (default: notebooks/) runs with -o to a temporary file, so the
committed ones are not rewritten by tests (`make notebooks` re-runs them in place); it fails when a
cell errors or the result is not valid nbformat 4 (checked with the nbformat package's schema).
Then the runner's own behaviour: outputs, errors, stopping, paths, in-place updates, bad notebooks.
Prints one line per test and a last line `notebooks: N passed, M failed`; exits 1 when any failed.
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

import nbformat

BINARY = None
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(*args, cwd=None):
    return subprocess.run([BINARY, "notebook", "run", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def validate(path):
    """The notebook at path, read and validated against nbformat 4's schema (raises when invalid)."""
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    if nb.nbformat != 4:
        raise AssertionError(f"{path}: nbformat {nb.nbformat}, expected 4")
    nbformat.validate(nb)
    return nb


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def notebook(*cells, minor=5):
    """A notebook of (type, source) cells."""
    out = []
    for kind, source in cells:
        cell = {"cell_type": kind, "metadata": {}, "source": source}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        out.append(cell)
    return {"cells": out, "metadata": {"custom": {"keep": [1, 2.50, "x"]}}, "nbformat": 4, "nbformat_minor": minor}


def write(folder, name, nb):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        json.dump(nb, f)
    return path


def test_outputs(tmp):
    """Tables become execute_result with text/plain and text/html; lets carry over; markdown stays."""
    with open(os.path.join(tmp, "t.csv"), "w") as f:
        f.write("name,hours\nAnn,3\n<b>Bo</b>,4.5\n")
    path = write(tmp, "a.ipynb", notebook(
        ("markdown", ["# Title\n", "Some *prose*."]),
        ("code", ".load t.csv\nlet big = t | where hours > 4"),
        ("code", "big | project name, hours"),
        ("code", "t | count\nt | take 1")))
    r = run(path, "-o", os.path.join(tmp, "out.ipynb"))
    check(r.returncode == 0, f"status {r.returncode}: {r.stderr}")
    nb = validate(os.path.join(tmp, "out.ipynb"))
    cells = nb.cells
    check(cells[0].source == "# Title\nSome *prose*.", "markdown changed")
    check([c.get("execution_count") for c in cells] == [None, 1, 2, 3], "execution counts")
    check(cells[1].outputs == [], f"a load and a let show nothing: {cells[1].outputs}")
    out = cells[2].outputs
    check(len(out) == 1 and out[0].output_type == "execute_result" and out[0].execution_count == 2, f"{out}")
    check("&lt;b&gt;Bo&lt;/b&gt;" in out[0].data["text/html"], "html escaped")
    check("<b>Bo</b>" in out[0].data["text/plain"] and "│" in out[0].data["text/plain"], "plain is the shell's table")
    kinds = [o.output_type for o in cells[3].outputs]
    check(kinds == ["display_data", "execute_result"], f"two tables in one cell: {kinds}")
    check(nb.metadata.custom.keep == [1, 2.5, "x"], "unknown metadata kept")
    check(nb.metadata.kernelspec.name == "gemba", "kernelspec")
    ids = [c.id for c in cells]
    check(len(set(ids)) == 4, f"ids unique: {ids}")
    # Running again gives the same file: ids and outputs are deterministic.
    first = open(os.path.join(tmp, "out.ipynb")).read()
    run(os.path.join(tmp, "out.ipynb"))
    check(open(os.path.join(tmp, "out.ipynb")).read() == first, "a second run changed the notebook")


def test_error_stops(tmp):
    """A failing cell gets an error output; the run stops and clears the cells after it; status 1."""
    path = write(tmp, "e.ipynb", notebook(
        ("code", "range(1, 3, 1)"),
        ("code", "range(1, 3, 1) | where nosuch > 1"),
        ("code", "range(1, 5, 1)")))
    nb0 = json.load(open(path))
    nb0["cells"][2]["outputs"] = [{"name": "stdout", "output_type": "stream", "text": "stale\n"}]
    nb0["cells"][2]["execution_count"] = 7
    json.dump(nb0, open(path, "w"))
    r = run(path, "-o", os.path.join(tmp, "out.ipynb"))
    check(r.returncode == 1, f"status {r.returncode}")
    check("cell 2 failed" in r.stderr and "unknown column 'nosuch'" in r.stderr, r.stderr)
    nb = validate(os.path.join(tmp, "out.ipynb"))
    err = nb.cells[1].outputs
    check(len(err) == 1 and err[0].output_type == "error", f"{err}")
    check(err[0].evalue.startswith("unknown column 'nosuch'"), err[0].evalue)
    check(any("^" in line for line in err[0].traceback), "traceback has the caret line")
    check(nb.cells[2].outputs == [] and nb.cells[2].execution_count is None, "cell after the error cleared")
    r = run(path, "-o", os.path.join(tmp, "out2.ipynb"), "--continue")
    check(r.returncode == 1, f"--continue status {r.returncode}")
    nb = validate(os.path.join(tmp, "out2.ipynb"))
    check(nb.cells[2].execution_count == 3 and nb.cells[2].outputs, "--continue runs the rest")


def test_in_place_and_paths(tmp):
    """Without -o the notebook is replaced; relative paths resolve against the notebook's folder."""
    sub = os.path.join(tmp, "sub")
    os.makedirs(sub)
    with open(os.path.join(sub, "d.csv"), "w") as f:
        f.write("x\n1\n2\n")
    path = write(sub, "p.ipynb", notebook(("code", ".load d.csv\nd | summarize s = sum(x)"), minor=4))
    r = run("sub/p.ipynb", cwd=tmp)
    check(r.returncode == 0, f"status {r.returncode}: {r.stderr}")
    nb = validate(path)
    plain = nb.cells[0].outputs[0].data["text/plain"]
    check(["│", "3", "│"] in [line.split() for line in plain.splitlines()], plain)
    check("id" not in nb.cells[0], "no ids added to a 4.4 notebook")
    check(sorted(os.listdir(sub)) == ["d.csv", "p.ipynb"], f"no temporary file left: {os.listdir(sub)}")


def test_bad_notebooks(tmp):
    """A malformed notebook gives a clear error, status 1, and is left as it was."""
    cases = {
        "syntax.ipynb": ('{"cells": [,]}', "line 1, column 12"),
        "version.ipynb": (json.dumps({"cells": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0}), "nbformat is 3"),
        "source.ipynb": (json.dumps(notebook(("code", 5))), "cells[0].source"),
        "kind.ipynb": (json.dumps(notebook(("sql", "x"))), "unknown cell_type 'sql'"),
    }
    for name, (text, expected) in cases.items():
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text)
        r = run(path)
        check(r.returncode == 1, f"{name}: status {r.returncode}")
        check(expected in r.stderr and name in r.stderr, f"{name}: {r.stderr!r}")
        check(open(path).read() == text, f"{name} was changed")
    r = run(os.path.join(tmp, "missing.ipynb"))
    check(r.returncode == 1 and "cannot read" in r.stderr, r.stderr)


def test_interrupt(tmp):
    """Ctrl-C (through a pseudo-terminal) while a cell runs: status 130, the notebook and -o's file as
    they were, no temporary file left."""
    import pexpect
    long_cell = "range(1, 300000000, 1) | summarize s = sum(value) by k = value % 10"
    path = write(tmp, "long.ipynb", notebook(("code", "range(1, 5, 1) | count"), ("code", long_cell)))
    before = open(path, "rb").read()
    for extra in ([], ["-o", "out.ipynb"]):
        p = pexpect.spawn(BINARY, ["notebook", "run", "long.ipynb", *extra], cwd=tmp, encoding="utf-8", timeout=60)
        # The first cell is quick; by a second in, the long one runs.
        time.sleep(1.0)
        p.sendintr()
        p.expect(pexpect.EOF)
        p.close()
        check(p.exitstatus == 130, f"{extra}: status {p.exitstatus}, signal {p.signalstatus}: {p.before!r}")
        check("interrupted" in p.before and "was not written" in p.before, f"{extra}: {p.before!r}")
        check(open(path, "rb").read() == before, f"{extra}: the notebook changed")
        check(sorted(os.listdir(tmp)) == ["long.ipynb"], f"{extra}: files after Ctrl-C: {os.listdir(tmp)}")


def committed_notebooks(folder):
    """One test per notebook in folder: it runs without errors and stays valid nbformat 4."""
    tests = []
    for path in sorted(glob.glob(os.path.join(folder, "*.ipynb"))):
        def test(tmp, path=path):
            # Cells run in the notebook's folder even with -o, so its relative paths resolve as in place.
            out = os.path.join(tmp, os.path.basename(path))
            before = open(path, "rb").read()
            r = run(path, "-o", out)
            check(r.returncode == 0, f"status {r.returncode}:\n{r.stderr}")
            nb = validate(out)
            errors = [c for c in nb.cells if any(o.output_type == "error" for o in c.get("outputs", []))]
            check(not errors, f"{len(errors)} cells with errors")
            validate(path)
            check(open(path, "rb").read() == before, "the committed notebook was changed")
        test.__name__ = "notebook " + os.path.relpath(path, ROOT)
        tests.append(test)
    return tests


def main():
    global BINARY
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    folder = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "notebooks")
    tests = committed_notebooks(folder) + [test_outputs, test_error_stops, test_in_place_and_paths, test_bad_notebooks, test_interrupt]
    passed = failed = 0
    for test in tests:
        tmp = tempfile.mkdtemp(prefix="gemba-nb-")
        try:
            test(tmp)
            passed += 1
            print(f"ok   {test.__name__}")
        except Exception:
            failed += 1
            print(f"FAIL {test.__name__}")
            traceback.print_exc()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"notebooks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
