"""plan_check.py - checks of 'mesos-upgrade plan' output, for tests/cli/plan.sh.

Prints one "ok NAME" or "FAIL NAME: why" line per check, as tests/cli/lib.sh.

  plan_check.py json LABEL PLAN.json FROM TO CONTENT_VERSION FIRST_HOP LAST_HOP
      the JSON schema of include/render.h, strictly, and every hop against the
      guide (guide_facts.py): counts, roles, order, branches, languages, code,
      and every fact of the guide's text in the hop and in its note or step.
  plan_check.py schema LABEL PLAN.json
      the JSON schema of each hop only, for content other than the guide's.
  plan_check.py md LABEL PLAN.md PLAN.json
      the Markdown checklist: hop headings in order, every note and step a
      "- [ ]" line, grouped by hop, the notes read first before the steps (a
      note placed among them in its place); no raw '<'.
  plan_check.py text LABEL PLAN.txt PLAN.json
      the plain-text checklist: hop headers in order, one "[ ]" per note and
      step, in order, one "( )" per branch.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from guide_facts import FACTS, hop_ids  # noqa: E402

ROLES = ('master', 'agent', 'scheduler', 'executor', 'module')
AUDIENCES = ('operator', 'framework-developer', 'module-writer', 'binding-developer')
ORIGINS = ('guide', 'tool')
CATEGORIES = (None, 'Mesos Core', 'Flags', 'Framework API', 'Module API', 'Endpoints')
CHANGES = (None, 'added', 'changed', 'deprecated', 'removed')
TOP_KEYS = ['product', 'content_version', 'from', 'to', 'hops']
HOP_KEYS = ['id', 'from', 'to', 'title', 'ordered', 'source', 'reference', 'order_note',
            'standard_steps', 'patch_notes_only', 'notes', 'steps', 'order']
NOTE_KEYS = ['id', 'title', 'text', 'audience', 'points', 'points_origin', 'code', 'warning',
             'origin', 'when', 'role', 'since', 'category', 'change']
STEP_KEYS = ['id', 'number', 'text', 'role', 'detail', 'points', 'points_origin', 'flags',
             'warning', 'per_host', 'origin', 'languages', 'branches']
SLUG = re.compile(r'[a-z0-9]+(-[a-z0-9]+)*\Z')
SERIES = re.compile(r'[0-9]+\.[0-9]+\Z')
# Facts that must stand alone (not be part of a longer flag, path or version);
# names may sit inside a longer one (ACLs.teardown_frameworks, HTTP-based).
STRICT_KINDS = ('flag', 'endpoint', 'version')
HOP_KINDS = ('flag', 'endpoint', 'jira', 'camel')     # the brief's four, hop-wide

results = []


def check(name, problems):
    """Record one check: ok when @problems (a list of strings) is empty."""
    if problems:
        results.append('FAIL %s: %s' % (name, '; '.join(problems)))
    else:
        results.append('ok %s' % name)


def is_str(v, empty=False):
    return isinstance(v, str) and (empty or v.strip() != '')


def strings(o, skip=('id', 'number')):
    """Every string of a JSON value but its ids, for looking facts up."""
    if isinstance(o, str):
        yield o
    elif isinstance(o, list):
        for v in o:
            yield from strings(v, skip)
    elif isinstance(o, dict):
        for k, v in o.items():
            if k not in skip:
                yield from strings(v, skip)


def present(kind, tok, text):
    if kind in STRICT_KINDS:
        pat = r'(?<![\w/.-])' + re.escape(tok) + r'(?!\w|[./-]\w)'
    else:
        pat = r'(?<![A-Za-z0-9_])' + re.escape(tok) + r'(?![A-Za-z0-9_])'
    return re.search(pat, text) is not None


def keys_problems(what, obj, keys):
    if not isinstance(obj, dict):
        return ['%s is not an object' % what]
    if list(obj) != keys:
        return ['%s has keys %s, expected %s' % (what, list(obj), keys)]
    return []


def points_origin(what, item):
    """"points_origin": one "guide" or "tool" per point."""
    po = item.get('points_origin')
    if (not isinstance(po, list) or len(po) != len(item['points'])
            or any(o not in ('guide', 'tool') for o in po)):
        return ['%s: points_origin %r for %d points' % (what, po, len(item['points']))]
    return []


def str_list(what, v, nonempty=False):
    if not isinstance(v, list) or not all(is_str(x) for x in v):
        return ['%s is not a list of non-empty strings: %r' % (what, v)]
    if nonempty and not v:
        return ['%s is empty' % what]
    return []


def opt_str(what, v):
    return [] if v is None or is_str(v) else ['%s is neither null nor a string: %r' % (what, v)]


def hop_schema(hop, index):
    p = keys_problems('hop %d' % index, hop, HOP_KEYS)
    if p:
        return p
    hid = hop['id']
    if not (is_str(hop['from']) and SERIES.match(hop['from'])):
        p.append('from %r is not a series' % hop['from'])
    if not (is_str(hop['to']) and SERIES.match(hop['to'])):
        p.append('to %r is not a series' % hop['to'])
    if hid != '%s-%s' % (hop['from'], hop['to']):
        p.append('id %r is not FROM-TO' % hid)
    if not is_str(hop['title']) or '\n' in hop['title']:
        p.append('title %r' % hop['title'])
    if not isinstance(hop['ordered'], bool):
        p.append('ordered is not a boolean')
    elif hop['ordered'] and hop['order_note'] is not None:
        p.append('an ordered hop has an order_note')
    elif not hop['ordered'] and not is_str(hop['order_note']):
        p.append('an unordered hop has no order_note')
    if not isinstance(hop['notes'], list) or not isinstance(hop['steps'], list):
        return p + ['notes or steps is not a list']
    if not hop['steps'] and not hop['patch_notes_only']:
        p.append('no steps')
    if hop['source'] not in ('guide', 'release-notes'):
        p.append('source %r' % hop['source'])
    elif hop['source'] == 'release-notes' and not is_str(hop['reference']):
        p.append('release notes without a reference')
    ids = [x['id'] for x in hop['notes'] + hop['steps'] if isinstance(x, dict) and 'id' in x]
    if not isinstance(hop['order'], list) or sorted(ids) != sorted(hop['order']):
        p.append('order %r is not every note and step once' % (hop['order'],))
    seen = set()
    for i, n in enumerate(hop['notes']):
        w = '%s note %d' % (hid, i + 1)
        q = keys_problems(w, n, NOTE_KEYS)
        if q:
            p += q
            continue
        if not (is_str(n['id']) and n['id'].startswith(hid + '/')
                and SLUG.match(n['id'][len(hid) + 1:])):
            p.append('%s: id %r is not %s/ID' % (w, n['id'], hid))
        if n['id'] in seen:
            p.append('%s: duplicate id %r' % (w, n['id']))
        seen.add(n['id'])
        if not is_str(n['title']) or '\n' in n['title']:
            p.append('%s: title %r' % (w, n['title']))
        if not is_str(n['text']):
            p.append('%s: text %r' % (w, n['text']))
        if (not isinstance(n['audience'], list) or not n['audience']
                or any(a not in AUDIENCES for a in n['audience'])
                or len(set(n['audience'])) != len(n['audience'])):
            p.append('%s: audience %r' % (w, n['audience']))
        p += str_list(w + ': points', n['points']) + opt_str(w + ': code', n['code'])
        p += points_origin(w, n)
        p += opt_str(w + ': warning', n['warning']) + opt_str(w + ': since', n['since'])
        if n['origin'] not in ORIGINS or n['when'] not in ('before', 'after', 'per-host'):
            p.append('%s: origin %r, when %r' % (w, n['origin'], n['when']))
        if (n['role'] is None) != (n['when'] != 'per-host') or n['role'] not in (None, 'master', 'agent'):
            p.append('%s: role %r with when %r' % (w, n['role'], n['when']))
        if n['category'] not in CATEGORIES or n['change'] not in CHANGES:
            p.append('%s: category %r, change %r' % (w, n['category'], n['change']))
    for i, s in enumerate(hop['steps']):
        w = '%s step %d' % (hid, i + 1)
        q = keys_problems(w, s, STEP_KEYS)
        if q:
            p += q
            continue
        if not (is_str(s['id']) and s['id'].startswith(hid + '/')
                and SLUG.match(s['id'][len(hid) + 1:])):
            p.append('%s: id %r is not %s/ID' % (w, s['id'], hid))
        if s['id'] in seen:
            p.append('%s: duplicate id %r' % (w, s['id']))
        seen.add(s['id'])
        if type(s['number']) is not int or s['number'] != i + 1:
            p.append('%s: number %r' % (w, s['number']))
        if not is_str(s['text']):
            p.append('%s: text %r' % (w, s['text']))
        if s['role'] not in ROLES:
            p.append('%s: role %r' % (w, s['role']))
        p += opt_str(w + ': detail', s['detail']) + opt_str(w + ': warning', s['warning'])
        if not isinstance(s['per_host'], bool):
            p.append('%s: per_host %r is not a boolean' % (w, s['per_host']))
        elif s['per_host'] and s['role'] not in ('master', 'agent'):
            p.append('%s: per_host on a %s step' % (w, s['role']))
        if s['origin'] not in ORIGINS:
            p.append('%s: origin %r' % (w, s['origin']))
        p += str_list(w + ': points', s['points']) + str_list(w + ': flags', s['flags'])
        p += points_origin(w, s)
        if isinstance(s['flags'], list):
            for f in s['flags']:
                if not (is_str(f) and f.startswith('--') and len(f) > 2 and ' ' not in f):
                    p.append('%s: flag %r' % (w, f))
                elif is_str(s['text']) and f not in s['text']:
                    p.append('%s: flag %r not named in its text' % (w, f))
        if not isinstance(s['languages'], list):
            p.append('%s: languages is not a list' % w)
        else:
            for lg in s['languages']:
                p += keys_problems(w + ' language', lg, ['language', 'text'])
                if isinstance(lg, dict) and not (is_str(lg.get('language'))
                                                 and is_str(lg.get('text'))):
                    p.append('%s: language %r' % (w, lg))
        if not isinstance(s['branches'], list) or len(s['branches']) == 1:
            p.append('%s: branches %r (none or two or more)' % (w, s['branches']))
        else:
            bseen = set()
            for b in s['branches']:
                q = keys_problems(w + ' branch', b,
                                  ['id', 'title', 'points', 'points_origin', 'origin'])
                if q:
                    p += q
                    continue
                if not (is_str(b['id']) and SLUG.match(b['id'])) or b['id'] in bseen:
                    p.append('%s: branch id %r' % (w, b['id']))
                bseen.add(b['id'])
                if not is_str(b['title']):
                    p.append('%s: branch title %r' % (w, b['title']))
                p += str_list('%s: branch %s points' % (w, b['id']), b['points'], True)
                p += points_origin('%s branch %s' % (w, b['id']), b)
    return p


def guide_points(item):
    """How many of @item's points are the guide's, not the project's own advice."""
    return item['points_origin'].count('guide')


def hop_vs_guide(hop, facts):
    """Counts, roles, order, shape of each note and step against the guide."""
    p = []
    if hop['title'] != facts['title']:
        p.append('title %r, the guide says %r' % (hop['title'], facts['title']))
    if hop['ordered'] != facts['ordered']:
        p.append('ordered %r, the guide says %r' % (hop['ordered'], facts['ordered']))
    if len(hop['notes']) != len(facts['notes']):
        p.append('%d notes, the guide has %d' % (len(hop['notes']), len(facts['notes'])))
    if len(hop['steps']) != len(facts['steps']):
        p.append('%d steps, the guide has %d' % (len(hop['steps']), len(facts['steps'])))
    roles = [s['role'] for s in hop['steps']]
    groles = [s['role'] for s in facts['steps']]
    if roles != groles:
        p.append('step roles %s, the guide %s' % (' '.join(roles), ' '.join(groles)))
    for i, (n, f) in enumerate(zip(hop['notes'], facts['notes'])):
        if guide_points(n) != f['points']:
            p.append('note %d has %d points, the guide %d' % (i + 1, guide_points(n),
                                                              f['points']))
        if n['code'] != f['code']:
            p.append('note %d code %r, the guide quotes %r' % (i + 1, n['code'], f['code']))
    for i, (s, f) in enumerate(zip(hop['steps'], facts['steps'])):
        w = 'step %d' % (i + 1)
        if (s['warning'] is not None) != f['warning']:
            p.append('%s warning %r, the guide has %s' % (w, s['warning'],
                                                        'one' if f['warning'] else 'none'))
        if guide_points(s) != f['points']:
            p.append('%s has %d points, the guide %d' % (w, guide_points(s),
                                                         f['points']))
        if [guide_points(b) for b in s['branches']] != [b[1] for b in f['branches']]:
            p.append('%s branches %s, the guide %s' % (
                w, [(b['id'], guide_points(b)) for b in s['branches']],
                f['branches']))
        if [lg['language'] for lg in s['languages']] != f['languages']:
            p.append('%s languages %s, the guide %s' % (
                w, [lg['language'] for lg in s['languages']], f['languages']))
    return p


def facts_in_items(hop, facts):
    """Every fact of a guide note or step is in the matching note or step."""
    p, n = [], 0
    for kind_list in ('notes', 'steps'):
        for i, (item, f) in enumerate(zip(hop[kind_list], facts[kind_list])):
            text = '\n'.join(strings(item))
            for kind, toks in f['tokens'].items():
                for tok in toks:
                    n += 1
                    if not present(kind, tok, text):
                        p.append('%s %s (%s) lacks the %s %r' % (
                            kind_list[:-1], item.get('id'), i + 1, kind, tok))
    return p, n


def facts_in_hop(hop, facts, kinds):
    text = '\n'.join(strings(hop))
    want = sorted({(k, t) for item in facts['notes'] + facts['steps']
                   for k, toks in item['tokens'].items() if k in kinds for t in toks})
    return ['the hop lacks the %s %r' % kt for kt in want if not present(kt[0], kt[1], text)], \
        [t for _, t in want]


def cmd_json(label, path, vfrom, vto, cversion, first, last):
    try:
        with open(path, encoding='utf-8') as f:
            plan = json.load(f)
    except (OSError, ValueError) as e:
        check(label + ' parses as JSON', [str(e)])
        return
    check(label + ' parses as JSON', [])
    p = keys_problems('the plan', plan, TOP_KEYS)
    if not p:
        for k, want in (('product', 'Apache Mesos'), ('content_version', cversion),
                        ('from', vfrom), ('to', vto)):
            if plan[k] != want:
                p.append('%s is %r, expected %r' % (k, plan[k], want))
        if not isinstance(plan['hops'], list):
            p.append('hops is not a list')
    check(label + ' top level: product, content_version, from, to, hops', p)
    if p:
        return
    ids = hop_ids()
    facts_ids = [f['id'] for f in FACTS]
    want = ids[ids.index(first):ids.index(last) + 1]
    got = [h.get('id') if isinstance(h, dict) else h for h in plan['hops']]
    p = [] if got == want else ['hops %s, expected %s' % (got, want)]
    check('%s lists the %d hops %s to %s in order' % (label, len(want), first, last), p)
    if p:
        return
    all_ids = []
    for i, hop in enumerate(plan['hops']):
        hid = hop['id']
        p = hop_schema(hop, i)
        check('%s %s schema (%d notes, %d steps)' % (label, hid, len(hop['notes']),
                                                     len(hop['steps'])), p)
        if p:
            continue
        all_ids += [x['id'] for x in hop['notes'] + hop['steps']]
        if hid not in facts_ids:
            continue    # past the guide of ../shared: upstream_facts.py holds it
        facts = FACTS[facts_ids.index(hid)]
        check('%s %s matches the guide: %d notes, %d steps, roles %s%s' % (
            label, hid, len(facts['notes']), len(facts['steps']),
            ','.join(s['role'] for s in facts['steps']),
            '' if facts['ordered'] else ', unordered'), hop_vs_guide(hop, facts))
        p, toks = facts_in_hop(hop, facts, HOP_KINDS)
        check('%s %s has the guide\'s flags, endpoints, JIRA ids, CamelCase names (%s)' % (
            label, hid, ' '.join(toks) or 'none'), p)
        p, n = facts_in_items(hop, facts)
        check('%s %s has each of the guide\'s %d facts in its own note or step' % (
            label, hid, n), p)
    dup = sorted({x for x in all_ids if all_ids.count(x) > 1})
    check(label + ' item ids unique', ['duplicates: %s' % dup] if dup else [])


def md_unescaped_lt(md):
    """'<' outside code that is not backslash-escaped, as (line, text)."""
    bad, fence = [], None
    for no, line in enumerate(md.split('\n'), 1):
        m = re.match(r'\s*(`{3,})', line)
        if fence:
            if m and len(m.group(1)) >= len(fence) and line.strip() == m.group(1):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        rest, out, i = line, [], 0
        # drop code spans: a run of N backticks up to the next run of exactly N
        while i < len(rest):
            if rest[i] == '`' and (i == 0 or rest[i - 1] != '\\'):
                run = len(re.match(r'`+', rest[i:]).group(0))
                close = re.search(r'(?<!`)`{%d}(?!`)' % run, rest[i + run:])
                if close:
                    i += run + close.end()
                    continue
                out.append(rest[i:i + run])
                i += run
                continue
            out.append(rest[i])
            i += 1
        text = ''.join(out)
        for m2 in re.finditer('<', text):
            j, slashes = m2.start() - 1, 0
            while j >= 0 and text[j] == '\\':
                slashes, j = slashes + 1, j - 1
            if slashes % 2 == 0:
                bad.append('line %d: %s' % (no, line))
                break
    return bad


def cmd_md(label, path, jpath):
    with open(path, encoding='utf-8') as f:
        md = f.read()
    with open(jpath, encoding='utf-8') as f:
        plan = json.load(f)
    hops = plan['hops']
    lines = md.split('\n')
    heads = [l for l in lines if l.startswith('## ')]
    want = ['## Hop %d of %d: %s → %s' % (i + 1, len(hops), h['from'], h['to'])
            for i, h in enumerate(hops)]
    check(label + ' one "## Hop" heading per hop, in order',
          [] if heads == want else ['headings %s, expected %s' % (heads, want)])
    items = [l for l in lines if l.startswith('- ') or l.startswith('* ') or l.startswith('+ ')
             or re.match(r'\d+[.)] ', l)]
    bad = [l for l in items if not l.startswith('- [ ] ')]
    n_items = sum(len(h['notes']) + len(h['steps']) for h in hops)
    p = ['not a "- [ ]" line: %r' % l for l in bad]
    if len(items) != n_items:
        p.append('%d top-level list lines, expected %d notes and steps' % (len(items), n_items))
    check('%s every note and step is a top-level "- [ ]" line (%d)' % (label, n_items), p)
    # per hop: the ids of its "- [ ]" lines, the notes' then the steps'
    p, cur, got = [], None, {}
    section = None
    for l in lines:
        if l.startswith('## '):
            cur = l
            got[cur] = []
        elif l.startswith('### '):
            section = 'notes' if l.startswith('### Read first') else 'steps'
        elif l.startswith('- [ ] '):
            m = re.search(r'`([^`]+)`$', l)
            if cur is None or not m:
                p.append('item outside a hop or without its id: %r' % l)
                continue
            got[cur].append((section, m.group(1)))
            kind = 'note' if '/' in m.group(1) and any(
                n['id'] == m.group(1) for h in hops for n in h['notes']) else 'step'
            if kind == 'note' and not re.match(r'- \[ \] \*\*.+\*\* \(for: [a-z, -]+(; [^`]+)?\) `', l):
                p.append('note line %r' % l)
            if kind == 'step' and not re.match(
                    r'- \[ \] \*\*\d+\.\*\* .+ \*\((%s)(; [^`]+)?\)\* `' % '|'.join(ROLES), l):
                p.append('step line %r' % l)
    for head, h in zip(want, hops):
        # the notes read first, then the steps with 'after' and 'per-host' notes among them
        first = set(n['id'] for n in h['notes'] if n['when'] == 'before' or not h['steps'])
        expect = ([('notes', i) for i in h['order'] if i in first]
                  + [('steps', i) for i in h['order'] if i not in first])
        if got.get(head) != expect:
            p.append('under %r: %s, expected %s' % (head, got.get(head), expect))
    check(label + ' items grouped by hop, notes (Read first) before steps, in order', p)
    bad = md_unescaped_lt(md)
    check(label + " no raw '<' outside code (escaped as \\<)", bad)


def cmd_schema(label, path):
    with open(path, encoding='utf-8') as f:
        plan = json.load(f)
    for i, hop in enumerate(plan['hops']):
        check('%s %s schema' % (label, hop.get('id')), hop_schema(hop, i))


def cmd_text(label, path, jpath):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    with open(jpath, encoding='utf-8') as f:
        plan = json.load(f)
    hops = plan['hops']
    p, pos = [], 0
    for i, h in enumerate(hops):
        head = '== Hop %d of %d: %s -> %s: %s ==' % (i + 1, len(hops), h['from'], h['to'],
                                                    h['title'])
        at = text.find('\n' + head + '\n', pos)
        if at < 0:
            p.append('no %r after offset %d' % (head, pos))
        else:
            pos = at + 1
    check(label + ' one "== Hop i of N" header per hop, in order', p)
    boxes = text.count('[ ]')
    n_items = sum(len(h['notes']) + len(h['steps']) for h in hops)
    n_branches = sum(len(s['branches']) for h in hops for s in h['steps'])
    p = []
    if boxes != n_items:
        p.append('%d "[ ]" boxes, expected %d' % (boxes, n_items))
    if text.count('( )') != n_branches:
        p.append('%d "( )" choices, expected %d' % (text.count('( )'), n_branches))
    # each item: its box, then its id; in plan order
    pos = 0
    for h in hops:
        for x in h['order']:
            box = text.find('[ ]', pos)
            at = text.find(' %s (' % x, pos)
            if box < 0 or at < 0 or box > at:
                p.append('no "[ ]" then %s after offset %d' % (x, pos))
                break
            pos = at + 1
    check('%s one "[ ]" per note and step (%d), in order, "( )" per branch (%d)' % (
        label, n_items, n_branches), p)


def main(argv):
    try:
        if argv[1] == 'json' and len(argv) == 9:
            cmd_json(*argv[2:])
        elif argv[1] == 'schema' and len(argv) == 4:
            cmd_schema(*argv[2:])
        elif argv[1] == 'md' and len(argv) == 5:
            cmd_md(*argv[2:])
        elif argv[1] == 'text' and len(argv) == 5:
            cmd_text(*argv[2:])
        else:
            sys.exit(__doc__)
    except Exception as e:      # a crash is a failed check, never a silent pass
        results.append('FAIL %s %s: the checker crashed: %r' % (argv[1], argv[2], e))
    print('\n'.join(results))


if __name__ == '__main__':
    main(sys.argv)
