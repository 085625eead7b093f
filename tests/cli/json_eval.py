#!/usr/bin/env python3
"""json_eval.py EXPR... - evaluate Python expressions over a JSON document.

Reads one JSON document on stdin and prints the value of each EXPR on its own
line: strings as they are, everything else as compact JSON (true, null, 3,
["a","b"]). In an EXPR:
  d          the document
  items()    every item of a "status --format json" document, in order
  item(ID)   the item ID of a "status --format json" document
Exits 3 with a message on stderr when stdin is not JSON, 4 when an EXPR fails.
Used by tests/cli/journal.sh; standard library only.
"""
import json
import sys


def main():
    try:
        d = json.load(sys.stdin)
    except ValueError as e:
        print("invalid JSON: %s" % e, file=sys.stderr)
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
    for expr in sys.argv[1:]:
        try:
            v = eval(expr, dict(env))
        except Exception as e:  # report any failure of the expression
            print("error in %s: %s: %s" % (expr, type(e).__name__, e), file=sys.stderr)
            return 4
        print(v if isinstance(v, str) else json.dumps(v, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
