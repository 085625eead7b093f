#!/usr/bin/env python3
"""examples.py - the examples of the README, the man page and --help, as
commands to run (for tests/cli/readme.sh).

    examples.py readme README OUTDIR     every block of "    $ " lines
    examples.py man PAGE OUTDIR          the .EX blocks under EXAMPLES, as one block
    examples.py help TEXT OUTDIR         the lines under "Example(s):" of a --help

Each block becomes a directory OUTDIR/NN (NN = 01, 02, ...) holding:

    title      where the block is ("A session from the command line")
    n          how many commands it has
    cmd.K      command K as written (continuation lines kept, without the
               block's indentation), without the "$ " prompt
    rc.K       the exit status it must end with: 0, or N where its comment
               says "exit N" (the README says it fails)
    expect.K   the output shown under it, when there is some
    file/NAME  for "cat NAME" with its output shown: the file as shown, to
               be made before the block runs, so the example is what it
               says it is

README: a block is a run of lines indented by four spaces that has lines
starting "    $ "; a line ending in a backslash goes on on the next line;
lines after a command that do not start with "$ " are its output. The man
page: every line of every .EX block under .SH EXAMPLES, in order (they run
in one shell, as the page says), after its roff escapes are undone; an
escape this script does not know is an error, not a guess.
"""

import os
import re
import sys

EXIT_RE = re.compile(r"#.*\bexit (\d+)\b")


def expected_rc(cmd):
    """0, or N when the command's last line has a comment saying "exit N"."""
    m = EXIT_RE.search(cmd.rstrip("\n").split("\n")[-1])
    return int(m.group(1)) if m else 0


def write_block(outdir, k, title, cmds):
    """cmds: [(command text, [output lines])]"""
    d = os.path.join(outdir, "%02d" % k)
    os.makedirs(os.path.join(d, "file"))
    with open(os.path.join(d, "title"), "w") as f:
        f.write(title + "\n")
    with open(os.path.join(d, "n"), "w") as f:
        f.write("%d\n" % len(cmds))
    for i, (cmd, shown) in enumerate(cmds, 1):
        with open(os.path.join(d, "cmd.%d" % i), "w") as f:
            f.write(cmd + "\n")
        with open(os.path.join(d, "rc.%d" % i), "w") as f:
            f.write("%d\n" % expected_rc(cmd))
        if not shown:
            continue
        text = "".join(line + "\n" for line in shown)
        with open(os.path.join(d, "expect.%d" % i), "w") as f:
            f.write(text)
        m = re.fullmatch(r"cat ([A-Za-z0-9._-]+)", cmd.strip())
        if m:
            with open(os.path.join(d, "file", m.group(1)), "w") as f:
                f.write(text)


def commands(lines):
    """Lines of one block (prompt lines start with "$ ") into [(cmd, shown)]."""
    cmds = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            if not cmds:
                raise SystemExit("examples.py: output before any command: %r" % line)
            cmds[-1][1].append(line)
            i += 1
            continue
        cmd = [line[2:]]
        while cmd[-1].endswith("\\") and i + 1 < len(lines):
            i += 1
            cmd.append(lines[i])
        cmds.append(("\n".join(cmd), []))
        i += 1
    return cmds


def readme(path, outdir):
    with open(path) as f:
        text = f.read().split("\n")
    title, k, i = "", 0, 0
    while i < len(text):
        line = text[i]
        # a heading: its text, then a line of '-' or '='
        if i + 1 < len(text) and line and re.fullmatch(r"[-=]{3,}", text[i + 1]):
            title = line
        if not line.startswith("    "):
            i += 1
            continue
        block = []
        while i < len(text) and text[i].startswith("    "):
            block.append(text[i][4:])
            i += 1
        if any(b.startswith("$ ") for b in block):
            k += 1
            write_block(outdir, k, title, commands(block))


ROFF = [("\\-", "-"), ("\\(aq", "'"), ("\\(dq", '"'), ("\\(lq", '"'), ("\\(rq", '"'),
        ("\\&", ""), ("\\%", ""), ("\\fB", ""), ("\\fI", ""), ("\\fR", ""), ("\\fP", "")]


def unroff(line):
    out, i = [], 0
    while i < len(line):
        if line[i] != "\\":
            out.append(line[i])
            i += 1
            continue
        if line.startswith("\\e", i):
            out.append("\\")
            i += 2
            continue
        for esc, plain in ROFF:
            if line.startswith(esc, i):
                out.append(plain)
                i += len(esc)
                break
        else:
            raise SystemExit("examples.py: a roff escape this script does not know: %r" % line)
    return "".join(out)


def man(path, outdir):
    section, on, cmds = None, False, []
    with open(path) as f:
        for line in f.read().split("\n"):
            if line.startswith(".SH "):
                section = line[4:].strip('"')
                continue
            if section != "EXAMPLES":
                continue
            if line.startswith(".EX"):
                on = True
            elif line.startswith(".EE"):
                on = False
            elif on:
                cmds.append(("$ " + unroff(line)))
    write_block(outdir, 1, "EXAMPLES", commands(cmds))


def help_text(path, outdir):
    with open(path) as f:
        text = f.read().split("\n")
    lines, on = [], False
    for line in text:
        if re.fullmatch(r"Examples?:", line):
            on = True
        elif on and line.startswith("  "):
            cont = lines and lines[-1].endswith("\\")
            lines.append(line[2:] if cont else "$ " + line[2:])
        elif on:
            on = False
    if lines:
        write_block(outdir, 1, "Examples", commands(lines))


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("readme", "man", "help"):
        raise SystemExit(__doc__.split("\n\n")[1])
    os.makedirs(sys.argv[3], exist_ok=True)
    {"readme": readme, "man": man, "help": help_text}[sys.argv[1]](sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    main()
