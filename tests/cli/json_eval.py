#!/usr/bin/env python3
"""json_eval.py EXPR... - evaluate Python expressions over a JSON document.

Reads one JSON document on stdin and prints the value of each EXPR on its own
line: strings as they are, everything else as compact JSON (true, null, 3,
["a","b"]). In an EXPR:
  d          the document
  items()    every item of a "status --format json" document, in order
  item(ID)   the item ID of a "status --format json" document
Exits 3 with a message on stderr when stdin is not JSON, 4 when an EXPR fails.

json_eval.py --serve DOC EXPRS: the same for many documents in one process
(a python3 start is some 25 ms of processor; lib.sh's jv makes dozens of
calls a script): for each line read on stdin, the document in the file DOC
and the expressions in the file EXPRS (each ended by a NUL byte); what one
call would print on stdout and stderr, then a line "\036 STATUS".
Used by tests/cli/lib.sh; standard library only.
"""
import json
import sys


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


def serve(doc, exprs):
    """One evaluation per line on stdin, each followed by its status line."""
    for _ in sys.stdin:
        with open(doc, "rb") as f:
            text = f.read()
        with open(exprs, encoding="utf-8", errors="surrogateescape") as f:
            args = f.read().split("\0")[:-1]
        try:
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
