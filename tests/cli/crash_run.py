#!/usr/bin/env python3
"""crash_run.py MU JOURNAL SESSION KILLS - kill -9 during check-offs loses nothing shown.

Runs "note" and "mark done/undo" commands of MU on SESSION of JOURNAL one after
another, each with a unique text ("crash-N"), and sends SIGKILL to most of them
at a random moment of their run until KILLS of them were killed mid-run. Then
checks, printing "ok NAME" / "FAIL NAME: why" lines for tests/run.sh:
  - PRAGMA integrity_check is "ok";
  - every command that printed its success line (whether or not it was killed
    afterwards) has its event in the journal, exactly once;
  - commands that were refused recorded nothing; no other failure happened
    (a command after a kill never finds the journal corrupt, locked or broken);
  - "status --format json" agrees with the journal on the toggled item.
The random seed is $CRASH_SEED, or printed so that a failure can be replayed.
Standard library only.
"""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

NOTE_ITEMS = ["0.11-0.12/restart-masters", "0.13-0.14/install-agents",
              "0.20-0.21/upgrade-schedulers", "0.27-0.28/upgrade-executors"]
TOGGLE = "0.11-0.12/executor-info-source"  # the first note: never locked


def ok(name):
    print("ok " + name)


def fail(name, why):
    print("FAIL %s: %s" % (name, str(why).replace("\n", " | ")))


def state_of(db, item):
    """The last done/ack/skip/undo action of @item in @db, or None."""
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)
    try:
        r = c.execute("SELECT action FROM events WHERE item = ? AND action IN"
                      " ('done', 'ack', 'skip', 'undo') ORDER BY id DESC LIMIT 1",
                      (item,)).fetchone()
    finally:
        c.close()
    return r[0] if r else None


def main():
    mu, db, session, kills = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    seed = int(os.environ.get("CRASH_SEED") or time.time_ns() % 1000000)
    print("# crash_run.py seed %d (CRASH_SEED=%d replays it)" % (seed, seed))
    rnd = random.Random(seed)
    base = [mu, "--journal", db, "--operator", "crash"]

    # how long one check-off takes here, to kill inside it
    runs = []
    for k in range(5):
        t0 = time.monotonic()
        p = subprocess.run(base + ["note", session, NOTE_ITEMS[0], "calibrate-%d" % k],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        runs.append(time.monotonic() - t0)
        if p.returncode != 0:
            fail("crash-calibrate", "exit %d: %s" % (p.returncode, p.stderr.decode()))
            return
    # kill at a moment uniform in [0, span); span adapts so that about half the
    # commands are killed, i.e. to about twice a command's run, so that the
    # kills fall all over it: start-up, reading, the commit, the output
    span = sorted(runs)[len(runs) // 2] * 2

    attempts = []  # (text, kind, rc, stdout, stderr, killed)
    killed = n = 0
    while killed < kills and n < kills * 5:
        n += 1
        text = "crash-%d" % n
        if rnd.random() < 0.3:
            action = "undo" if state_of(db, TOGGLE) in ("ack", "done") else "done"
            cmd = base + ["mark", session, TOGGLE, action, "--note", text]
            kind = "mark " + action
        else:
            cmd = base + ["note", session, rnd.choice(NOTE_ITEMS), text]
            kind = "note"
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rnd.uniform(0, span))
        was_killed = False
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            was_killed = True
        out, err = p.communicate()
        if was_killed and p.returncode == -signal.SIGKILL:
            killed += 1
            span *= 1.05
        else:
            span *= 0.95
        attempts.append((text, kind, p.returncode, out.decode(errors="replace"),
                         err.decode(errors="replace"), was_killed))

    if killed >= kills:
        ok("crash-killed-%d" % kills)
    else:
        fail("crash-killed-%d" % kills, "only %d of %d commands killed mid-run" % (killed, n))
    completed = sum(1 for a in attempts if a[2] == 0)
    print("# %d commands, %d killed, %d completed" % (len(attempts), killed, completed))

    # the journal as the next command finds it
    p = subprocess.run(base + ["status", session, "--format", "json"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    status = None
    if p.returncode == 0:
        try:
            status = json.loads(p.stdout)
            ok("crash-status-after")
        except ValueError as e:
            fail("crash-status-after", "not JSON: %s" % e)
    else:
        fail("crash-status-after", "exit %d: %s" % (p.returncode, p.stderr.decode()))

    c = sqlite3.connect(db)
    ic = c.execute("PRAGMA integrity_check").fetchall()
    if ic == [("ok",)]:
        ok("crash-integrity")
    else:
        fail("crash-integrity", ic[:5])
    count = {}
    for (t,) in c.execute("SELECT text FROM events WHERE text LIKE 'crash-%'"):
        count[t] = count.get(t, 0) + 1
    last = c.execute("SELECT action FROM events WHERE item = ? AND action IN"
                     " ('done', 'ack', 'skip', 'undo') ORDER BY id DESC LIMIT 1",
                     (TOGGLE,)).fetchone()
    c.close()

    lost, dup, refused_recorded, odd = [], [], [], []
    for text, kind, rc, out, err, was_killed in attempts:
        shown = " by crash at " in out and "nothing recorded" not in out
        if rc == 0 and not shown and "nothing recorded" not in out:
            odd.append("%s (%s) exit 0 printed %r" % (text, kind, out))
        if shown and count.get(text, 0) != 1:
            lost.append("%s (%s, exit %s, printed %r)" % (text, kind, rc, out.strip()))
        if count.get(text, 0) > 1:
            dup.append(text)
        if rc == 1 and count.get(text, 0):
            refused_recorded.append(text)
        if rc not in (0, 1, -signal.SIGKILL):
            odd.append("%s (%s) exit %s: %s" % (text, kind, rc, err.strip()))
        if rc == 1 and not kind.startswith("mark"):
            odd.append("%s (%s) refused: %s" % (text, kind, err.strip()))
    attempted = {a[0] for a in attempts}
    stray = sorted(t for t in count if t not in attempted)
    shown = sum(1 for a in attempts if " by crash at " in a[3] and "nothing recorded" not in a[3])
    if shown < 5:
        fail("crash-some-completed", "only %d commands completed; the kills came too early" % shown)
    else:
        ok("crash-some-completed")
    for name, bad in (("crash-nothing-shown-lost", lost), ("crash-no-duplicates", dup),
                      ("crash-refusals-record-nothing", refused_recorded),
                      ("crash-no-other-failures", odd), ("crash-no-stray-events", stray)):
        if bad:
            fail(name, "; ".join(bad[:5]) + (" (and %d more)" % (len(bad) - 5) if len(bad) > 5 else ""))
        else:
            ok(name)
    if status is not None:
        st = [it for h in status.get("hops", []) for it in h.get("items", []) if it.get("id") == TOGGLE]
        want = "done" if last and last[0] in ("ack", "done") else "pending"
        if st and st[0].get("state") == want:
            ok("crash-status-agrees")
        else:
            fail("crash-status-agrees", "status says %s, the journal %s" % (st and st[0].get("state"), last))


if __name__ == "__main__":
    main()
