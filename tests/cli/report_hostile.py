"""report_hostile.py - hostile text through 'report' and 'plan', for tests/cli/report.sh.

Prints one "ok NAME" or "FAIL NAME: why" line per check, as tests/cli/lib.sh.
Standard library only. The payloads are defined here, once:

  report_hostile.py payload NAME      write payload NAME's bytes to stdout
        text  markup (<script>, &amp;, quotes, Markdown), ANSI escapes, BEL, DEL,
              invalid UTF-8; for titles, skip and force reasons, undo notes
        note  the same on several lines, with Markdown that starts a line
        op    an --operator name: markup and invalid UTF-8 (the command refuses
              control characters in names)
  report_hostile.py content SRC DST   a copy of content directory SRC with
        markup in the product, a hop title, a note title and its points, a
        step's text, detail, point and warning (content allows no control
        characters, so none there)
  report_hostile.py check FORMAT LABEL FILE KIND
        FORMAT md, html, json or text; KIND report (the payloads above in a
        session report) or plan (the content payload in a plan or report).
"""
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report_check import Problems, check, done, parse_html  # noqa: E402

TEXT = (b'<script>alert(1)</script> &amp; "quotes\' **bold** [a](http://x) # h | pipe | '
        b'`tick` _u_ \x1b[31mRED\x1b[0m bel\x07 del\x7f bad\xff\xfe END')
NOTE = (b'<script>alert(1)</script> &amp; "quotes\' \x1b]0;title\x07 bad\xff\xfe\n'
        b'# h2 | x\n- li\n1. one\n> q **b** [l](u) END')
OP = b'<script>alert(1)</script>&amp;"\'**b**[a](u)|p|`t`_u_\xff\xfeOPEND'
PAYLOADS = {'text': TEXT, 'note': NOTE, 'op': OP}
# Lines of NOTE that must never start a Markdown line (they would be block syntax).
NOTE_LINES = ('# h2', '- li', '1. one', '> q')

# What a damaged or hostile journal may hold (report_check.py tamper): an item
# id, an event time and host with markup and control characters.
TAMPERED_ID = 'x`"<script>alert(3)</script>|*[y]'
TAMPERED_TIME = '2026-01-31T23:59:00Z"</td><script>alert(3)</script>'
TAMPERED_TIME2 = '2026-01-31T23:59:59Z\x1b[31m|**t**'
TAMPERED_HOST = 'h<script>alert(3)</script>\x07'
TAMPERED_TEXT = 'tampered <b>text</b> \x1b[2J'

CONTENT = ('<script>alert(2)</script> &amp; "dq" \'sq\' **bold** [a](http://x) # h | pipe | '
           '`tick` _u_ \\ bs END')
PRODUCT = 'Apache <b>Mesos</b> & *co* |x| END'


def decoded(b):
    return b.decode('utf-8', 'replace')


def sq(s):
    return "'" + s.replace("'", "''") + "'"


def make_content(src, dst):
    shutil.copytree(src, dst)
    p = os.path.join(dst, 'hops', '0.26-0.27.yaml')
    with open(p, encoding='utf-8') as f:
        s = f.read()
    subs = [
        ('title: Upgrading from 0.26.x to 0.27.x', 'title: ' + sq('Hop ' + CONTENT)),
        ('    title: Implicit roles; the --roles whitelist is deprecated',
         '    title: ' + sq('Note ' + CONTENT) + '\n    points:\n      - ' +
         sq('Point ' + CONTENT) + '\n      - ' + sq('# h at start ' + CONTENT) +
         '\n      - ' + sq('1. numbered ' + CONTENT)),
        ('    text: >-\n      Install the new master binaries, then restart the masters.',
         '    text: ' + sq('Step ' + CONTENT) + '\n    detail: ' + sq('Detail ' + CONTENT) +
         '\n    points:\n      - ' + sq('- StepPoint ' + CONTENT) +
         '\n    warning: ' + sq('Warn ' + CONTENT)),
    ]
    for a, b in subs:
        if s.count(a) != 1:
            sys.exit('report_hostile.py: %s: cannot find %r' % (p, a))
        s = s.replace(a, b, 1)
    with open(p, 'w', encoding='utf-8') as f:
        f.write(s)
    p = os.path.join(dst, 'guide.yaml')
    with open(p, encoding='utf-8') as f:
        s = f.read()
    if s.count('product: Apache Mesos') != 1:
        sys.exit('report_hostile.py: %s: no product line' % p)
    with open(p, 'w', encoding='utf-8') as f:
        f.write(s.replace('product: Apache Mesos', 'product: ' + sq(PRODUCT)))


CONTROL = re.compile(r'[\x00-\x09\x0b-\x1f\x7f-\x9f]')


def utf8(p, raw):
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError as e:
        p(False, 'invalid UTF-8: %s' % e)
        return raw.decode('utf-8', 'replace')


def readable(kind):
    """Pieces of the payloads that must be readable as they are in text and HTML."""
    if kind == 'plan':
        return ['<script>alert(2)</script>', '&amp;', '"dq"', "'sq'", '**bold**',
                '[a](http://x)', '`tick`', '<b>Mesos</b>']
    return ['<script>alert(1)</script>', '&amp;', '"quotes\'', '**bold**', '[a](http://x)',
            '`tick`', '\ufffd[31mRED\ufffd[0m', 'bel\ufffd', 'del\ufffd', 'bad\ufffd\ufffd',
            '**b**[a](u)|p|`t`_u_\ufffd\ufffdOPEND', '\ufffd]0;title\ufffd']


def md_segments(line, start):
    """The parts of @line from each escaped @start to the next END: the input's text."""
    out, i = [], 0
    while True:
        i = line.find(start, i)
        if i < 0:
            return out
        j = line.find('END', i)
        if j < 0:
            out.append(line[i:])
            return out
        out.append(line[i:j])
        i = j


def unescaped(seg, specials):
    """Specials in Markdown text @seg that no backslash escapes."""
    bad, k = [], 0
    while k < len(seg):
        c = seg[k]
        if c == '\\':
            k += 2
            continue
        if c in specials:
            bad.append((k, c))
        elif c == '&' and not seg.startswith('&amp;', k) and not seg.startswith('&#32;', k):
            bad.append((k, c))
        k += 1
    return bad


def check_md(p, text, kind):
    starts = ['\\<script\\>alert(1)'] if kind == 'report' else \
        ['\\<script\\>alert(2)', 'Apache \\<b\\>']
    segs = []
    for n, line in enumerate(text.split('\n'), 1):
        p(not line.startswith('<'), 'line %d starts with raw markup: %r' % (n, line[:80]))
        for seg in [x for start in starts for x in md_segments(line, start)]:
            segs.append(seg)
            bad = unescaped(seg, '<>*[]|`_#~')
            p(not bad, 'line %d: unescaped %s in %r' % (n, ''.join(c for _, c in bad), seg[:160]))
        if kind == 'report':
            for start_of_line in NOTE_LINES:
                p(not line.lstrip(' ').startswith(start_of_line),
                  'line %d starts with Markdown from a note: %r' % (n, line[:80]))
    # Every '<' of the document: escaped (the renderers write no HTML in Markdown).
    bad = [m.start() for m in re.finditer(r'(?<!\\)(?:\\\\)*<', text)]
    p(not bad, '%d unescaped "<" (first at offset %s: %r)' %
      (len(bad), bad[:1], text[bad[0] - 40:bad[0] + 40] if bad else ''))
    p(text.count('&amp;amp;') >= len(segs) // 2, 'an "&amp;" from the input is not "&amp;amp;"')
    return segs


def check_file(fmt, label, path, kind):
    p = Problems()
    with open(path, 'rb') as f:
        raw = f.read()
    p(raw, 'empty output')
    if fmt == 'json':
        try:
            d = json.loads(raw.decode('utf-8'))
        except (ValueError, UnicodeDecodeError) as e:
            check(label, False, 'not JSON: %s' % e)
            return
        strings = []

        def walk(v):
            if isinstance(v, str):
                strings.append(v)
            elif isinstance(v, dict):
                for k, x in v.items():
                    walk(k)
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)
        walk(d)
        if kind == 'plan':
            want = {'product': PRODUCT, 'hop title': 'Hop ' + CONTENT,
                    'note title': 'Note ' + CONTENT, 'step': 'Step ' + CONTENT}
            if d.get('report') != 'session':   # a session's items carry no points
                want.update({'point': 'Point ' + CONTENT, 'detail': 'Detail ' + CONTENT,
                             'warning': 'Warn ' + CONTENT})
        else:
            want = {'text': decoded(TEXT), 'note': decoded(NOTE), 'operator': decoded(OP)}
        for what, s in want.items():
            p(s in strings, 'the %s does not round-trip: %r not among the strings' % (what, s))
        if d.get('report') != 'session':   # the content has only valid, printable text
            for s in strings:
                p('\ufffd' not in s, 'U+FFFD in %r' % s[:80])
        if kind == 'report' and 'session' in d:
            p(d['session'].get('title') == decoded(TEXT), 'the title is %r, expected %r' %
              (d['session'].get('title'), decoded(TEXT)))
        check(label, not p.list, '\n    '.join(p.list[:20]))
        return

    text = utf8(p, raw)
    bad = sorted({'U+%04X' % ord(c) for c in CONTROL.findall(text)})
    p(not bad, 'control characters in the output: %s' % ', '.join(bad))
    if fmt == 'html':
        p(not re.search(r'<\s*script', text, re.I), 'a raw <script')
        p(not re.search(r'<\s*/?\s*b\s*>', text, re.I), 'raw <b> from the input')
        try:
            _, h = parse_html(path)
            shown = ''.join(h.text)
            p(not h.errors and not h.stack, 'the HTML does not parse cleanly: %s' %
              '; '.join(h.errors[:5] + ['<%s> left open' % t for t, _ in h.stack[:5]]))
        except UnicodeDecodeError:
            shown = ''
        for piece in readable(kind):
            if fmt == 'html' and piece in ('\ufffd]0;title\ufffd',) and kind != 'report':
                continue
            p(piece in shown, 'the page does not show %r' % piece)
        p('&amp;amp;' in text, '"&amp;" from the input is not shown as "&amp;"')
    elif fmt == 'md':
        segs = check_md(p, text, kind)
        p(len(segs) >= (7 if kind == 'plan' else 10),
          'the payload appears in only %d places' % len(segs))
    elif fmt == 'text':
        for piece in readable(kind):
            p(piece in text, 'the text does not show %r' % piece)
    check(label, not p.list, '\n    '.join(p.list[:20]))


def check_tampered(fmt, label, path):
    """A report of a journal with TAMPERED_* rows: still well-formed, nothing raw."""
    p = Problems()
    with open(path, 'rb') as f:
        raw = f.read()
    text = utf8(p, raw)
    if fmt == 'json':
        try:
            d = json.loads(text)
        except ValueError as e:
            check(label, False, 'not JSON: %s' % e)
            return
        tl = d.get('timeline', [])
        p(any(e.get('time') == TAMPERED_TIME for e in tl), 'the tampered time does not '
          'round-trip: %r' % [e.get('time') for e in tl][-3:])
        p(any(e.get('time') == TAMPERED_TIME2 and e.get('host') == TAMPERED_HOST for e in tl),
          'the tampered note does not round-trip')
        ids = [i['id'] for h in d.get('hops', []) for i in h.get('items', [])]
        p(any(i.endswith('/' + TAMPERED_ID) for i in ids), 'the tampered item is not listed')
    else:
        bad = sorted({'U+%04X' % ord(c) for c in CONTROL.findall(text)})
        p(not bad, 'control characters in the output: %s' % ', '.join(bad))
    if fmt == 'html':
        p(not re.search(r'<\s*script|<\s*b\s*>', text, re.I), 'raw markup from the journal')
        _, h = parse_html(path)
        p(not h.errors and not h.stack, 'the HTML does not parse cleanly: %s' %
          '; '.join(h.errors[:5] + ['<%s> left open' % t for t, _ in h.stack[:5]]))
        shown = ''.join(h.text)
        p(TAMPERED_ID in shown, 'the tampered item id is not shown as it is')
    if fmt == 'md':
        bad = [m.start() for m in re.finditer(r'(?<!\\)(?:\\\\)*<', text)]
        p(not bad, '%d unescaped "<" (first: %r)' %
          (len(bad), text[bad[0] - 40:bad[0] + 40] if bad else ''))
        for line in text.split('\n'):
            if line.startswith('| 2026-01-31T23:59'):
                cells = re.split(r'(?<!\\)\|', line)
                p(len(cells) == 7, 'a timeline row of %d cells, not 5: %r' % (len(cells) - 2, line))
    if fmt == 'text':
        p(TAMPERED_ID in text, 'the tampered item id is not shown as it is')
    check(label, not p.list, '\n    '.join(p.list[:20]))


def main(argv):
    if len(argv) == 3 and argv[1] == 'payload' and argv[2] in PAYLOADS:
        sys.stdout.buffer.write(PAYLOADS[argv[2]])
        return 0
    if len(argv) == 4 and argv[1] == 'content':
        make_content(argv[2], argv[3])
        return 0
    if len(argv) == 6 and argv[1] == 'check' and argv[2] in ('md', 'html', 'json', 'text'):
        check_file(*argv[2:])
        return done()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
