"""report_check.py - checks of 'mesos-upgrade report' and 'plan' output, for tests/cli/report.sh.

Prints one "ok NAME" or "FAIL NAME: why" line per check, as tests/cli/lib.sh.
Standard library only.

  report_check.py golden LABEL ACTUAL GOLDEN HOSTNAME
      ACTUAL with HOSTNAME (the machine's, from `hostname`) replaced by HOST in
      "operator@host" and in JSON "host" values, compared with GOLDEN. With
      UPDATE=1 in the environment GOLDEN is (re)written instead. A text report
      wraps at 78 columns, so when HOSTNAME is not HOST and not as long, the
      text is compared with runs of white space folded (layout not compared).
  report_check.py json LABEL REPORT.json STATUS.json
      the session report against the schema of include/report.h: every key, in
      order, with its type, in every hop, item, note and event; totals and
      durations consistent with the items and the times; every item's state,
      time, operator, reason, notes and branch consistent with the timeline;
      the "session" object the same as status --format json's.
  report_check.py setup SRC DIR
      DIR/drifted: a copy of content directory SRC that drifted from it (the
      text of 0.26-0.27/restart-masters changed, the note
      0.27-0.28/reservation-acls removed, a step 0.27-0.28/check-health added);
      DIR/hostile: a copy with markup in its texts, and DIR/payload.NAME the
      hostile payloads (report_hostile.py).
  report_check.py tamper SRC.db DST.db SESSION
      a copy of journal SRC.db with rows a damaged or hostile journal could
      hold, added to SESSION: an item no content has, its id with markup, and
      events with markup and control characters in their time, host and text
      (SQLite only refuses updates and deletes). The checks are
      report_hostile.py's "tampered".
  report_check.py batch FILE
      run the checks listed in FILE, one a line, fields separated by tabs:
      golden|json|html ARGS as above, "hostile ARGS" as report_hostile.py
      check, "py NAME SCRIPT ARGS" runs the Python file SCRIPT with ARGS in
      sys.argv[1:] (ok when it raises nothing). Python starts once.
  report_check.py html LABEL FILE
      a real HTML parse (html.parser): every element closed and properly
      nested (void elements aside; no block element inside <p>; li in a list,
      tr in a table, td/th in a tr); no <script>, no on* attribute, no
      external reference (src, href, url( or @import); one inline <style> in
      the head; <!DOCTYPE html>, <html lang>, meta charset utf-8 and viewport.
"""
import calendar
import json
import os
import re
import sys
import time
from html.parser import HTMLParser

results = []


def check(name, cond, why=''):
    results.append('ok %s' % name if cond else 'FAIL %s: %s' % (name, why))
    return cond


def done():
    print('\n'.join(results))
    return 0


# ---- golden files ---------------------------------------------------------------

def normalise(text, host):
    if host and host != 'HOST':
        text = text.replace('@' + host, '@HOST')
        text = text.replace('"host":%s' % json.dumps(host), '"host":"HOST"')
    return text


def golden(label, actual, gold, host):
    with open(actual, encoding='utf-8', errors='surrogateescape') as f:
        got = normalise(f.read(), host)
    if os.environ.get('UPDATE') == '1':
        os.makedirs(os.path.dirname(gold) or '.', exist_ok=True)
        with open(gold, 'w', encoding='utf-8', errors='surrogateescape') as f:
            f.write(got)
        check(label + ' (golden file regenerated: read it)', True)
        return
    try:
        with open(gold, encoding='utf-8', errors='surrogateescape') as f:
            want = f.read()
    except OSError as e:
        check(label, False, 'no golden file %s (%s); UPDATE=1 writes it' % (gold, e))
        return
    loose = gold.endswith('.txt') and host != 'HOST' and len(host) != len('HOST')
    if loose:
        got_cmp, want_cmp = ' '.join(got.split()), ' '.join(want.split())
    else:
        got_cmp, want_cmp = got, want
    if got_cmp == want_cmp:
        check(label + (' (host name length differs: words compared, not layout)'
                       if loose else ''), True)
        return
    import difflib
    diff = list(difflib.unified_diff(want.splitlines(), got.splitlines(), gold, 'actual',
                                     lineterm='', n=1))
    check(label, False, 'differs from %s (UPDATE=1 regenerates):\n    %s' %
          (gold, '\n    '.join(diff[:40])))


# ---- JSON schema ----------------------------------------------------------------

TOP_KEYS = ['report', 'product', 'content_version', 'generated', 'session', 'operators',
            'started', 'finished', 'duration_seconds', 'totals', 'excluded', 'hops', 'cluster',
            'timeline']
SESSION_KEYS = ['id', 'from', 'to', 'title', 'operator', 'host', 'created', 'status',
                'finished', 'last_activity', 'window_end', 'content_version', 'content_digest',
                'content_changed', 'content_dir', 'content_missing', 'hint']
EXCLUDED_KEYS = ['host', 'role', 'note', 'operator', 'time', 'forced']
TOTAL_KEYS = ['items', 'done', 'skipped', 'pending', 'forced', 'removed']
HOP_KEYS = ['id', 'from', 'to', 'title', 'ordered', 'source', 'reference', 'started', 'finished',
            'duration_seconds', 'totals', 'items']
ITEM_KEYS = ['id', 'kind', 'number', 'title', 'text', 'role', 'origin', 'state', 'time', 'operator',
             'host', 'reason', 'branch', 'forced', 'drift', 'changed_since_done', 'notes',
             'target', 'leader', 'hosts', 'evidence']
NOTE_KEYS = ['time', 'operator', 'host', 'text']
EVENT_KEYS = ['event', 'time', 'item', 'action', 'operator', 'host', 'text', 'forced',
              'exclusion']
PROBE_KEYS = ['probe', 'time', 'action', 'text', 'operator', 'host', 'leader', 'masters',
              'masters_answered', 'agents', 'warnings']
EVIDENCE_KEYS = ['version', 'observed', 'source']
ROLES = ('master', 'agent', 'scheduler', 'executor', 'module')
ACTIONS = ('done', 'ack', 'skip', 'undo', 'note', 'choose')
STATE_ACTIONS = ('done', 'ack', 'skip', 'undo')
ISO = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z')


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def secs(t):
    return calendar.timegm(time.strptime(t, '%Y-%m-%dT%H:%M:%SZ'))


def span(a, b):
    return secs(b) - secs(a) if a is not None and b is not None else None


class Problems:
    def __init__(self):
        self.list = []

    def __call__(self, cond, why):
        if not cond:
            self.list.append(why)
        return cond

    def keys(self, where, obj, keys):
        if not self(isinstance(obj, dict), '%s is not an object' % where):
            return False
        return self(list(obj) == keys, '%s keys %s, expected %s' % (where, list(obj), keys))

    def types(self, where, obj, spec):
        """spec: key -> a tuple of accepted types (None for null)."""
        for k, accepted in spec.items():
            v = obj.get(k)
            ok = any(v is None if t is None else
                     (is_int(v) if t is int else
                      isinstance(v, bool) if t is bool else isinstance(v, t))
                     for t in accepted)
            self(ok, '%s.%s is %r, expected %s' %
                 (where, k, v, '/'.join('null' if t is None else t.__name__ for t in accepted)))

    def time(self, where, v, nullable=False):
        if v is None and nullable:
            return
        self(isinstance(v, str) and ISO.match(v), '%s is %r, not an ISO 8601 UTC time' % (where, v))


def check_json(label, path, status_path):
    p = Problems()
    try:
        with open(path, 'rb') as f:
            raw = f.read()
        d = json.loads(raw.decode('utf-8'))
    except (ValueError, UnicodeDecodeError) as e:
        check(label + ' parses', False, str(e))
        return
    check(label + ' parses as JSON (UTF-8, strict)', True)
    with open(status_path, encoding='utf-8') as f:
        status = json.load(f)

    # top level
    if not p.keys('report', d, TOP_KEYS):
        check(label + ' schema', False, '; '.join(p.list))
        return
    p.types('report', d, {'report': (str,), 'product': (str,), 'content_version': (str,),
                          'generated': (str,), 'session': (dict,), 'operators': (list,),
                          'started': (str,), 'finished': (str, None),
                          'duration_seconds': (int, None), 'totals': (dict,), 'hops': (list,),
                          'excluded': (list,), 'cluster': (dict, None), 'timeline': (list,)})
    p(d['report'] == 'session', 'report is %r' % d['report'])
    for x in d['excluded']:
        if p.keys('excluded', x, EXCLUDED_KEYS):
            p.types('excluded', x, {'host': (str,), 'role': (str,), 'note': (str,),
                                    'operator': (str,), 'time': (str,), 'forced': (bool,)})
            p(x['role'] in ('master', 'agent'), 'excluded.role %r' % x['role'])
            p.time('excluded.time', x['time'])
    p.time('generated', d['generated'])
    s = d['session']
    if p.keys('session', s, SESSION_KEYS):
        p.types('session', s, {'id': (int,), 'from': (str,), 'to': (str,), 'title': (str,),
                               'operator': (str,), 'host': (str,), 'created': (str,),
                               'status': (str,), 'finished': (str, None),
                               'last_activity': (str, None), 'window_end': (str, None),
                               'content_version': (str,), 'content_digest': (str,),
                               'content_changed': (bool,), 'content_dir': (str, None),
                               'content_missing': (bool,), 'hint': (None,)})
        p(s['window_end'] is None or re.match(r'([01][0-9]|2[0-3]):[0-5][0-9]\Z', s['window_end']),
          'session.window_end %r' % s['window_end'])
        p(s['status'] in ('open', 'finished'), 'session.status %r' % s['status'])
        p(re.match(r'[0-9a-f]{64}\Z', s['content_digest'] or ''),
          'content_digest %r' % s['content_digest'])
        p.time('session.created', s['created'])
        p.time('session.finished', s['finished'], True)
        p.time('session.last_activity', s['last_activity'], True)
    p(s == status.get('session'), 'session object differs from status --format json: %r != %r'
      % (s, status.get('session')))

    # timeline
    tl = d['timeline']
    prev = None
    for i, e in enumerate(tl):
        w = 'timeline[%d]' % i
        if isinstance(e, dict) and 'probe' in e:
            if p.keys(w, e, PROBE_KEYS):
                p.types(w, e, {'probe': (int,), 'time': (str,), 'action': (str,),
                               'operator': (str,), 'host': (str,), 'text': (str,),
                               'leader': (str, None), 'masters': (int,),
                               'masters_answered': (int,), 'agents': (int,),
                               'warnings': (list,)})
                p(e['action'] == 'probe', '%s.action %r' % (w, e['action']))
                p.time(w + '.time', e['time'])
            continue
        if not p.keys(w, e, EVENT_KEYS):
            continue
        p.types(w, e, {'event': (int,), 'time': (str,), 'item': (str,), 'action': (str,),
                       'operator': (str,), 'host': (str,), 'text': (str,), 'forced': (bool,),
                       'exclusion': (bool,)})
        p.time(w + '.time', e['time'])
        p(e['action'] in ACTIONS, '%s.action %r' % (w, e['action']))
        if prev is not None:
            p(e['event'] > prev['event'], '%s: event %s after %s' % (w, e['event'], prev['event']))
            p(e['time'] >= prev['time'], '%s: time %s before %s (event %s)' %
              (w, e['time'], prev['time'], prev['event']))
        prev = e
    # the cross-checks below use the well-formed events only (the others failed above)
    tl = [e for e in tl if isinstance(e, dict) and list(e) == EVENT_KEYS]
    p(s.get('last_activity') == (tl[-1]['time'] if tl else None),
      'last_activity %r, the last event is at %r' % (s.get('last_activity'),
                                                     tl[-1]['time'] if tl else None))

    # hops and items
    tot_keys_ok = p.keys('totals', d['totals'], TOTAL_KEYS)
    all_items = {}
    sums = dict.fromkeys(TOTAL_KEYS, 0)
    for h, hop in enumerate(d['hops']):
        w = 'hops[%d]' % h
        if not p.keys(w, hop, HOP_KEYS):
            continue
        p.types(w, hop, {'id': (str,), 'from': (str,), 'to': (str,), 'title': (str,),
                         'ordered': (bool,), 'started': (str, None), 'finished': (str, None),
                         'duration_seconds': (int, None), 'totals': (dict,), 'items': (list,)})
        p(hop['id'] == '%s-%s' % (hop['from'], hop['to']), '%s.id %r' % (w, hop['id']))
        if h:
            p(hop['from'] == d['hops'][h - 1]['to'], '%s does not follow the hop before' % w)
        p.time(w + '.started', hop['started'], True)
        p.time(w + '.finished', hop['finished'], True)
        counts = dict.fromkeys(TOTAL_KEYS, 0)
        number = 0
        for k, it in enumerate(hop['items']):
            iw = '%s.items[%d]' % (w, k)
            if not p.keys(iw, it, ITEM_KEYS):
                continue
            iw = '%s (%s)' % (iw, it['id'])
            p.types(iw, it, {'id': (str,), 'kind': (str,), 'number': (int, None),
                             'title': (str, None), 'text': (str, None), 'role': (str, None), 'origin': (str, None),
                             'state': (str,), 'time': (str, None), 'operator': (str, None),
                             'host': (str, None), 'reason': (str, None), 'branch': (str, None),
                             'forced': (bool,), 'drift': (str,), 'changed_since_done': (bool,),
                             'notes': (list,), 'target': (str, None), 'leader': (bool,),
                             'hosts': (list, None), 'evidence': (dict, None)})
            if it['evidence'] is not None:
                p(it['state'] == 'done', '%s: evidence while %s' % (iw, it['state']))
                if p.keys(iw + '.evidence', it['evidence'], EVIDENCE_KEYS):
                    p.time(iw + '.evidence.observed', it['evidence']['observed'])
            p(it['id'] not in all_items, '%s: the id is listed twice' % iw)
            all_items[it['id']] = it
            p(it['id'].startswith(hop['id'] + '/'), '%s is not in hop %s' % (iw, hop['id']))
            p(it['kind'] in ('note', 'step'), '%s.kind %r' % (iw, it['kind']))
            p(it['drift'] in ('none', 'changed', 'added', 'removed'), '%s.drift' % iw)
            removed = it['drift'] == 'removed'
            if it['kind'] == 'note' or removed:
                p(it['number'] is None and it['role'] is None,
                  '%s: a note or removed item with a number or role' % iw)
            else:
                number += 1
                p(it['number'] == number, '%s.number %r, expected %d' % (iw, it['number'], number))
                p(it['role'] in ROLES, '%s.role %r' % (iw, it['role']))
            if removed:
                p(it['title'] is None and it['text'] is None, '%s: removed, with a text' % iw)
            else:
                p(isinstance(it['text'], str) and it['text'], '%s: no text' % iw)
                p((it['title'] is not None) == (it['kind'] == 'note'),
                  '%s: title %r for a %s' % (iw, it['title'], it['kind']))
            p(it['state'] in ('pending', 'done', 'skipped'), '%s.state %r' % (iw, it['state']))
            resolved = it['state'] != 'pending'
            for key in ('time', 'operator', 'host'):
                p((it[key] is not None) == resolved, '%s.%s is %r while %s' %
                  (iw, key, it[key], it['state']))
            p.time(iw + '.time', it['time'], True)
            wants_reason = resolved and (it['state'] == 'skipped' or it['forced'])
            p((it['reason'] is not None) == wants_reason,
              '%s.reason %r (state %s, forced %s)' % (iw, it['reason'], it['state'], it['forced']))
            if wants_reason:
                p(bool(it['reason']), '%s: an empty reason' % iw)
            p(not it['forced'] or resolved, '%s: forced while pending' % iw)
            p(not it['changed_since_done'] or resolved, '%s: changed_since_done while pending' % iw)
            for n, note in enumerate(it['notes']):
                if p.keys('%s.notes[%d]' % (iw, n), note, NOTE_KEYS):
                    p.types('%s.notes[%d]' % (iw, n), note, dict.fromkeys(NOTE_KEYS, (str,)))
                    p.time('%s.notes[%d].time' % (iw, n), note['time'])

            # against the timeline
            evs = [e for e in tl if e.get('item') == it['id']]
            states = [e for e in evs if e.get('action') in STATE_ACTIONS]
            last = states[-1] if states else None
            if resolved:
                if p(last is not None and last['action'] != 'undo',
                     '%s is %s but its last state event is %r' % (iw, it['state'], last)):
                    want = 'skipped' if last['action'] == 'skip' else 'done'
                    p(it['state'] == want, '%s.state %s, last event %s' %
                      (iw, it['state'], last['action']))
                    p((it['time'], it['operator'], it['host']) ==
                      (last['time'], last['operator'], last['host']),
                      '%s: time/operator/host %r, the event says %r' %
                      (iw, (it['time'], it['operator'], it['host']),
                       (last['time'], last['operator'], last['host'])))
                    p(it['forced'] == last['forced'], '%s.forced %s, the event %s' %
                      (iw, it['forced'], last['forced']))
                    if wants_reason:
                        p(it['reason'] == last['text'], '%s.reason %r, the event says %r' %
                          (iw, it['reason'], last['text']))
                    if it['kind'] == 'note' and not removed:
                        p(last['action'] in ('ack', 'skip'), '%s: a note %s, not ack' %
                          (iw, last['action']))
            else:
                p(last is None or last['action'] == 'undo',
                  '%s is pending but its last state event is %r' % (iw, last))
            want_notes = [{k: e[k] for k in NOTE_KEYS} for e in evs if e.get('action') == 'note']
            p(it['notes'] == want_notes, '%s.notes %r, the timeline has %r' %
              (iw, it['notes'], want_notes))
            choices = [e['text'] for e in evs if e.get('action') == 'choose']
            p(it['branch'] == (choices[-1] if choices else None),
              '%s.branch %r, chosen %r' % (iw, it['branch'], choices))

            if removed:
                counts['removed'] += 1
            else:
                counts['items'] += 1
                counts[{'done': 'done', 'skipped': 'skipped', 'pending': 'pending'}
                       [it['state']]] += 1
                counts['forced'] += it['forced']
        if p.keys(w + '.totals', hop['totals'], TOTAL_KEYS):
            p(hop['totals'] == counts, '%s.totals %r, the items say %r' %
              (w, hop['totals'], counts))
        for k in TOTAL_KEYS:
            sums[k] += counts[k]

        # the hop's times
        # (it starts at its first check-off: a note or an acknowledgement before does not
        # start it, unless it has nothing else)
        hop_ids = {it['id'] for it in hop['items']}
        times = [e['time'] for e in tl if e.get('item') in hop_ids and
                 e.get('action') in ('done', 'skip', 'choose')] or \
                [e['time'] for e in tl if e.get('item') in hop_ids and e.get('action') == 'ack']
        p(hop['started'] == (min(times) if times else None),
          '%s.started %r, its first check-off %r' % (w, hop['started'],
                                                      min(times) if times else None))
        live = [it for it in hop['items'] if it.get('drift') != 'removed']
        fin = (max(it['time'] for it in live)
               if live and all(it.get('state') != 'pending' for it in live) else None)
        p(hop['finished'] == fin, '%s.finished %r, expected %r' % (w, hop['finished'], fin))
        dur = span(hop['started'], hop['finished']) if hop['finished'] else None
        p(hop['duration_seconds'] == dur, '%s.duration_seconds %r, the times say %r' %
          (w, hop['duration_seconds'], dur))

    if tot_keys_ok:
        p(d['totals'] == sums, 'totals %r, the hops say %r' % (d['totals'], sums))
        for k in ('done', 'skipped', 'pending', 'forced', 'removed'):
            st = status.get('totals', {}).get(k)
            p(d['totals'][k] == st, 'totals.%s %r, status says %r' % (k, d['totals'][k], st))
    for e in tl:
        p(e.get('item') in all_items, 'the timeline names %r, not an item of the report' %
          e.get('item'))

    # the session's times
    p(d['started'] == s.get('created'), 'started %r, session created %r' %
      (d['started'], s.get('created')))
    p(d['finished'] == s.get('finished'), 'finished %r, session finished %r' %
      (d['finished'], s.get('finished')))
    fin = d['totals'].get('pending') == 0 and d['totals'].get('items', 0) > 0
    p((s.get('status') == 'finished') == fin, 'status %r with totals %r' %
      (s.get('status'), d['totals']))
    p((d['finished'] is not None) == fin, 'finished %r with totals %r' %
      (d['finished'], d['totals']))
    if fin:
        live = [it for it in all_items.values() if it['drift'] != 'removed']
        p(d['finished'] == max(it['time'] for it in live),
          'finished %r is not the last resolving time' % d['finished'])
    p(d['duration_seconds'] == (span(d['started'], d['finished']) if d['finished'] else None),
      'duration_seconds %r for %r .. %r' % (d['duration_seconds'], d['started'], d['finished']))

    # operators: who acted, where, in the order they first did
    ops = d['operators']
    want = []
    for o in [{'operator': s.get('operator'), 'host': s.get('host')}] + \
             [{'operator': e.get('operator'), 'host': e.get('host')} for e in tl]:
        if o not in want:
            want.append(o)
    for i, o in enumerate(ops):
        if p.keys('operators[%d]' % i, o, ['operator', 'host']):
            p.types('operators[%d]' % i, o, {'operator': (str,), 'host': (str,)})
    p(ops == want, 'operators %r, the session and timeline say %r' % (ops, want))

    check(label + ' matches the schema of include/report.h and is consistent', not p.list,
          '\n    '.join(p.list[:30]))


# ---- HTML -----------------------------------------------------------------------

VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param',
        'source', 'track', 'wbr'}
BLOCK = {'address', 'article', 'aside', 'blockquote', 'div', 'dl', 'fieldset', 'figure',
         'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav',
         'ol', 'p', 'pre', 'section', 'table', 'ul'}
EXTERNAL_ATTRS = {'src', 'href', 'srcset', 'action', 'formaction', 'data', 'poster',
                  'background', 'xlink:href', 'ping', 'manifest', 'codebase', 'cite',
                  'longdesc', 'usemap'}
EXTERNAL_TAGS = {'script', 'link', 'iframe', 'frame', 'object', 'embed', 'img', 'base', 'form',
                 'svg', 'math', 'video', 'audio', 'source', 'picture', 'applet', 'noscript'}
PARENTS = {'li': ('ul', 'ol'), 'tr': ('table', 'thead', 'tbody', 'tfoot'),
           'td': ('tr',), 'th': ('tr',)}


class Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags = [], [], []
        self.decls, self.text, self.style = [], [], []
        self.attrs = []

    def where(self):
        return 'line %d col %d' % self.getpos()

    def handle_decl(self, decl):
        self.decls.append(decl)

    def start(self, tag, attrs, selfclosing):
        self.tags.append(tag)
        self.attrs.append((tag, attrs))
        names = [t for t, _ in self.stack]
        if tag in BLOCK and 'p' in names:
            self.errors.append('<%s> inside <p> at %s' % (tag, self.where()))
        if tag in PARENTS and (not names or names[-1] not in PARENTS[tag]):
            self.errors.append('<%s> in <%s>, not in %s at %s' %
                               (tag, names[-1] if names else '', '/'.join(PARENTS[tag]),
                                self.where()))
        if tag in VOID:
            return
        if selfclosing:
            self.errors.append('<%s/> self-closing at %s' % (tag, self.where()))
            return
        self.stack.append((tag, self.getpos()))

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self.start(tag, attrs, True)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append('</%s> closes a void element at %s' % (tag, self.where()))
        elif not self.stack:
            self.errors.append('</%s> with nothing open at %s' % (tag, self.where()))
        elif self.stack[-1][0] != tag:
            self.errors.append('</%s> closes <%s> opened at line %d at %s' %
                               (tag, self.stack[-1][0], self.stack[-1][1][0], self.where()))
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == 'style':
            self.style.append(data)
        else:
            self.text.append(data)

    def handle_comment(self, data):
        self.errors.append('a comment at %s' % self.where())

    def handle_pi(self, data):
        self.errors.append('a processing instruction at %s' % self.where())


def parse_html(path):
    with open(path, 'rb') as f:
        raw = f.read()
    src = raw.decode('utf-8')  # raises on invalid UTF-8
    h = Parser()
    h.feed(src)
    h.close()
    return src, h


def check_html(label, path):
    p = Problems()
    try:
        src, h = parse_html(path)
    except UnicodeDecodeError as e:
        check(label + ' is UTF-8', False, str(e))
        return
    p(src.startswith('<!DOCTYPE html>\n'), 'does not start with <!DOCTYPE html>')
    p(h.decls == ['DOCTYPE html'], 'declarations %r' % h.decls)
    p(not h.errors, '; '.join(h.errors[:10]))
    p(not h.stack, 'left open: %s' % ', '.join('<%s> (line %d)' % (t, pos[0])
                                                for t, pos in h.stack))
    p(h.tags[:1] == ['html'], 'the first element is %r' % h.tags[:1])
    for t in ('html', 'head', 'body', 'title', 'style', 'h1', 'main'):
        p(h.tags.count(t) == 1, '%d <%s> elements' % (h.tags.count(t), t))
    if 'head' in h.tags and 'body' in h.tags:
        p(h.tags.index('style') < h.tags.index('body') if 'style' in h.tags else True,
          '<style> is not in the head')
        p(h.tags.index('title') < h.tags.index('body') if 'title' in h.tags else True,
          '<title> is not in the head')
    bad_tags = sorted(set(h.tags) & EXTERNAL_TAGS)
    p(not bad_tags, 'elements that run or fetch something: %s' % bad_tags)
    p(not re.search(r'<\s*script', src, re.I), 'a raw "<script" in the source')
    for tag, attrs in h.attrs:
        for name, value in attrs:
            p(not name.startswith('on'), 'event handler %s= on <%s>' % (name, tag))
            p(name not in EXTERNAL_ATTRS, 'external reference %s=%r on <%s>' % (name, value, tag))
            p(not re.search(r'url\s*\(|@import|expression\s*\(|javascript:', value or '', re.I),
              'a reference in %s=%r on <%s>' % (name, value, tag))
    style = ''.join(h.style)
    p(style.strip(), 'the <style> is empty')
    p(not re.search(r'url\s*\(|@import|expression\s*\(|javascript:|</', style, re.I),
      'the <style> refers to something outside: %r' % style[:200])
    html_attrs = dict(h.attrs[0][1]) if h.attrs and h.attrs[0][0] == 'html' else {}
    p(html_attrs.get('lang'), '<html> has no lang')
    metas = [dict(a) for t, a in h.attrs if t == 'meta']
    p(any((m.get('charset') or '').lower() == 'utf-8' for m in metas), 'no meta charset utf-8')
    p(any(m.get('name') == 'viewport' and 'width=device-width' in (m.get('content') or '')
          for m in metas), 'no meta viewport')
    text = ''.join(h.text)
    p(not re.search(r'[\x00-\x08\x0b-\x1f\x7f-\x9f]', text), 'control characters in the text')
    check(label + ' is well-formed, self-contained HTML with no scripts', not p.list,
          '\n    '.join(p.list[:20]))


def drift(src, dst):
    import shutil
    shutil.copytree(src, dst)

    def edit(name, fn):
        path = os.path.join(dst, 'hops', name)
        with open(path, encoding='utf-8') as f:
            s = f.read()
        t = fn(s)
        if t == s:
            sys.exit('report_check.py drift: %s did not change' % path)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(t)
    edit('0.26-0.27.yaml', lambda s: s.replace(
        'Install the new master binaries, then restart the masters.',
        'Install the new master binaries, then restart the masters one at a time.', 1))

    def drop_note(s):
        i, j = s.find('  - id: reservation-acls'), s.find('steps:')
        return s[:i] + s[j:] + ('  - id: check-health\n    role: master\n    text: >-\n'
                                '      Check that every agent has registered again.\n')
    edit('0.27-0.28.yaml', drop_note)
    return 0


def setup(src, tdir):
    import report_hostile
    drift(src, os.path.join(tdir, 'drifted'))
    report_hostile.make_content(src, os.path.join(tdir, 'hostile'))
    for name, payload in report_hostile.PAYLOADS.items():
        with open(os.path.join(tdir, 'payload.' + name), 'wb') as f:
            f.write(payload)
    return 0


def batch(path):
    import report_hostile
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        lines = f.read().splitlines()
    for line in lines:
        a = line.split('\t')
        try:
            if a[0] == 'golden' and len(a) == 5:
                golden(*a[1:])
            elif a[0] == 'json' and len(a) == 4:
                check_json(*a[1:])
            elif a[0] == 'html' and len(a) == 3:
                check_html(*a[1:])
            elif a[0] == 'hostile' and len(a) == 5:
                report_hostile.check_file(*a[1:])
            elif a[0] == 'tampered' and len(a) == 4:
                report_hostile.check_tampered(*a[1:])
            elif a[0] == 'py' and len(a) >= 3:
                with open(a[2], encoding='utf-8') as f:
                    code = compile(f.read(), a[1], 'exec')
                saved, sys.argv = sys.argv, ['-c'] + a[3:]
                try:
                    exec(code, {'__name__': '__check__'})
                    check(a[1], True)
                except Exception as e:  # an assertion or any error: the check fails
                    check(a[1], False, '%s: %s' % (type(e).__name__, e))
                finally:
                    sys.argv = saved
            else:
                check('batch line %r' % line, False, 'not a check')
        except Exception as e:  # a crash of a check is its failure, the others still run
            import traceback
            check(a[1] if len(a) > 1 else line, False, 'the check crashed: %s' %
                  traceback.format_exc().replace('\n', '\n    '))
    return 0


def tamper(src, dst, session):
    import sqlite3
    import report_hostile as rh
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    db = sqlite3.connect(dst)
    db.execute('PRAGMA foreign_keys = ON')
    with db:
        hop = db.execute('SELECT item FROM session_items WHERE session = ? ORDER BY position',
                         (int(session),)).fetchone()[0].split('/')[0]
        item = hop + '/' + rh.TAMPERED_ID
        db.execute('INSERT INTO session_items (session, position, item, kind, digest) '
                   'VALUES (?, 9999, ?, ?, ?)', (int(session), item, 'step', 'x'))
        for action, when in (('done', rh.TAMPERED_TIME), ('note', rh.TAMPERED_TIME2)):
            db.execute('INSERT INTO events (session, item, action, operator, host, time, text, '
                       'forced, digest) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)',
                       (int(session), item, action, 'mallory', rh.TAMPERED_HOST, when,
                        rh.TAMPERED_TEXT, 'x'))
    db.close()
    return 0


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ''
    if cmd == 'tamper' and len(argv) == 5:
        return tamper(*argv[2:])
    if cmd == 'setup' and len(argv) == 4:
        return setup(argv[2], argv[3])
    if cmd == 'batch' and len(argv) == 3:
        batch(argv[2])
        return done()
    if cmd == 'golden' and len(argv) == 6:
        golden(*argv[2:])
    elif cmd == 'json' and len(argv) == 5:
        check_json(*argv[2:])
    elif cmd == 'html' and len(argv) == 4:
        check_html(*argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return done()


if __name__ == '__main__':
    # One module for all: report_hostile imports this one by name and shares its results.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import report_check
    sys.exit(report_check.main(sys.argv))
