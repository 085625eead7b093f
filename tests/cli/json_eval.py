#!/usr/bin/env python3
"""json_eval.py EXPR... - evaluate Python expressions over a JSON document.

Reads one JSON document on stdin and prints the value of each EXPR on its own
line: strings as they are, everything else as compact JSON (true, null, 3,
["a","b"]). In an EXPR:
  d          the document
  items()    every item of a "status --format json" document, in order
  item(ID)   the item ID of a "status --format json" document
Exits 3 with a message on stderr when stdin is not JSON, 4 when an EXPR fails.

json_eval.py --serve DOC ARGS: the same for many documents in one process
(a python3 start is some 25 ms of processor; lib.sh's jv and py make dozens
of calls a script). For each line read on stdin: "json", the document in the
file DOC and the expressions in the file ARGS; "py", the file ARGS holds a
directory, "-c" and a Python script or the path of a Python file, and its
arguments, and the script runs there as "python3 -c SCRIPT ARGS..." or
"python3 FILE ARGS..." would (a fresh namespace, sys.argv, sys.path[0] the
file's directory, SystemExit); each field of ARGS ends with a NUL byte. What one call would print on
stdout and stderr, then a line "\036 STATUS".
Used by tests/cli/lib.sh; standard library only.
"""
import contextlib
import gc
import json
import os
import runpy
import sys
import traceback


def evaluate(text, exprs, err):
    """Prints the value of each of EXPRS over the JSON TEXT (str or UTF-8
    bytes); returns the exit status."""
    try:
        d = json.loads(text)
    except ValueError as e:
        print("invalid JSON: %s" % e, file=err)
        return 3

    def items():
        return [it for hop in d["hops"] for it in hop["items"]]

    def item(ident):
        for it in items():
            if it["id"] == ident:
                return it
        raise KeyError("no item %s" % ident)

    env = {"__builtins__": {}, "d": d, "items": items, "item": item, "len": len, "sorted": sorted,
           "set": set, "list": list, "sum": sum, "all": all, "any": any}
    for expr in exprs:
        try:
            v = eval(expr, dict(env))
        except Exception as e:  # report any failure of the expression
            print("error in %s: %s: %s" % (expr, type(e).__name__, e), file=err)
            return 4
        print(v if isinstance(v, str) else json.dumps(v, separators=(",", ":")))
    return 0


def run_script(fields):
    """Runs a script as python3 would: FIELDS are its directory, "-c" and
    its text or the path of its file, and its arguments; returns the exit
    status."""
    cwd, how, args = fields[0], fields[1], fields[2:]
    saved = sys.argv, os.getcwd(), sys.path[0]
    try:
        os.chdir(cwd)
        if how == "-c":
            sys.argv = ["-c"] + args[1:]
            exec(compile(args[0], "<string>", "exec"), {"__name__": "__main__"})
        else:
            sys.argv, sys.path[0] = [how] + args, os.path.dirname(os.path.abspath(how))
            runpy.run_path(os.path.abspath(how), run_name="__main__")
        return 0
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            return e.code or 0
        print(e.code, file=sys.stderr)
        return 1
    except BaseException as e:  # as python3 would: the traceback, status 1
        tb = e.__traceback__  # without the frames of this file and of runpy
        while tb and tb.tb_frame.f_code.co_filename in (__file__, "<frozen runpy>", runpy.__file__):
            tb = tb.tb_next
        traceback.print_exception(type(e), e, tb)
        return 1
    finally:
        sys.argv, sys.path[0] = saved[0], saved[2]
        os.chdir(saved[1])
        gc.collect()  # what the script left open (a database, a file) closed, as at its exit


def serve(doc, args_file):
    """One call per line on stdin, each followed by its status line."""
    for line in sys.stdin:
        with open(args_file, encoding="utf-8", errors="surrogateescape") as f:
            args = f.read().split("\0")[:-1]
        try:
            if line.strip() == "py":
                with contextlib.redirect_stderr(sys.stdout):
                    status = run_script(args)
                sys.stdout.flush()
            else:
                with open(doc, "rb") as f:
                    text = f.read()
                status = evaluate(text, args, sys.stdout)
        except Exception as e:  # a value that cannot be printed: said, and the next call served
            print("error: %s: %s" % (type(e).__name__, e))
            status = 1
        print("\036 %d" % status, flush=True)
    return 0


def main():
    if sys.argv[1:2] == ["--serve"] and len(sys.argv) == 4:
        return serve(sys.argv[2], sys.argv[3])
    return evaluate(sys.stdin.read(), sys.argv[1:], sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
