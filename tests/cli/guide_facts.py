"""guide_facts.py - what the guide says, hop by hop, for the plan tests.

The facts below were derived from the "Upgrading Mesos" guide
(../shared/guide/upgrades.md, the source of content/) by derive() in this
file, and are kept here so that the tests need nothing outside the repository.
When the guide is at hand, plan.sh runs

    python3 tests/cli/guide_facts.py check GUIDE     # FACTS == derive(GUIDE)?
    python3 tests/cli/guide_facts.py print GUIDE     # the new FACTS, to paste

Per hop (oldest first): its id "FROM-TO", the guide's section title cleaned of
stray characters, whether the steps are ordered, and per note and per step
(in the guide's order) the facts of its text, by kind: every flag (--x),
JIRA id, CamelCase identifier, endpoint or path, ALL_CAPS name, snake_case
name, Dotted.name, version number and quoted literal. A step also has its
role, whether the guide attaches a warning (NOTE:), its branches (title,
number of points) and its per-language instructions; a note its number of
sub-points and its verbatim code excerpt, if any.

How the guide is read: "* " at the start of a line opens a note; the line
"In order to upgrade a running cluster:" opens the steps; "N. " opens a
step, and so does an unnumbered line among the steps (0.14 -> 0.15 step 7);
indented "* "/"- " lines are a note's sub-points or a step's sub-items
("* [x]" a branch, "- " its points, "* For LANG ..." a language); lines
indented by four or more spaces under a note are its code; "NOTE:" after
the steps is the last step's warning; "No required upgrade ordering" is the
hop's order note, not a note.
"""
import json
import os
import re
import sys
import textwrap

KINDS = ('flag', 'jira', 'camel', 'endpoint', 'caps', 'snake', 'dotted', 'version', 'quoted')
ROLE_WORDS = (('master', 'master'), ('slave', 'agent'), ('scheduler', 'scheduler'),
              ('executor', 'executor'))


def counts():
    """tests/content_counts (the built-in content as the tests count it), as a dict."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'content_counts')
    out = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'([A-Z_]+)=(.*)$', line.strip())
            if m:
                out[m.group(1)] = m.group(2).strip('"')
    return out


def hop_ids():
    """The ids of the built-in content's hops, oldest first, from its SERIES."""
    series = counts()['SERIES'].split()
    return ['%s-%s' % pair for pair in zip(series, series[1:])]


def tokens(text):
    """The facts of a piece of guide text, by kind (sorted, unique)."""
    text = ''.join(c for c in text if ord(c) < 128)          # stray characters (π)
    text = re.sub(r'\[([^\]]*)\]\(([^)]*)\)', r'\1', text)   # [label](target): the label
    found = {
        'flag': re.findall(r'--[a-z_]+', text),
        'jira': re.findall(r'MESOS-\d+', text),
        'camel': re.findall(r'\b[A-Za-z]*[a-z][A-Z][A-Za-z]*\b', text),
        'endpoint': [e.rstrip('.') for e in re.findall(
            r'(?<![\w./:])/[a-z][\w./]*|\b[a-z]+\.json\b|\bmetrics/snapshot\b', text)],
        'caps': [w for w in re.findall(r'\b[A-Z][A-Z0-9_]{2,}\b', text) if w != 'NOTE'],
        'snake': re.findall(r'\b[a-z]+_[a-z_]+\b', text),
        'dotted': re.findall(r'\b[A-Z][A-Za-z]*(?:\.|::)[A-Za-z_]+\b', text),
        'version': re.findall(r'(?<![\w.])\d+\.\d+(?:\.\d+)?(?:\.x)?', text),
        'quoted': (re.findall(r'`([^`\n]+)`', text) + re.findall(r'"([^"\n]+)"', text)
                   + re.findall(r"(?<!\w)'([^'\n]+)'", text)),
    }
    return {k: sorted(set(found[k])) for k in KINDS if found[k]}


def role_of(text):
    """Who a step acts on: modules first, else the first component it names."""
    if re.search(r'\bmodules\b', text):
        return 'module'
    best = None
    for word, role in ROLE_WORDS:
        m = re.search(word, text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), role)
    return best[1] if best else None


def derive(guide):
    hops = []
    for sec in re.split(r'^## ', guide, flags=re.M)[1:]:
        head, body = sec.split('\n', 1)
        m = re.search(r'from (\d+\.\d+)\.\S+ to (\d+\.\d+)\.', head)
        title = head.strip().rstrip('#').strip().rstrip('.')
        notes, steps, mode = [], [], 'notes'
        for line in body.split('\n'):
            if not line.strip():
                continue
            if line.startswith('In order to upgrade a running cluster'):
                mode = 'steps'
            elif mode == 'notes':
                if line.startswith('* '):
                    notes.append([line[2:]])
                else:
                    notes[-1].append(line)
            elif re.match(r'\d+\. ', line):
                steps.append([re.sub(r'^\d+\. ', '', line)])
            elif re.match(r'\s+[*-] ', line) or line.startswith('NOTE:'):
                steps[-1].append(line)
            else:
                steps.append([line.strip()])
        hop = {'id': '%s-%s' % m.groups(), 'title': title, 'ordered': True,
               'notes': [], 'steps': []}
        for lines in notes:
            text = '\n'.join(lines)
            if text.startswith('No required upgrade ordering'):
                hop['ordered'] = False
                continue
            code = [l for l in lines[1:] if re.match(r' {4}', l) and not re.match(r'\s+[*-] ', l)]
            hop['notes'].append({
                'tokens': tokens(text),
                'points': sum(1 for l in lines[1:] if re.match(r'\s+[*-] ', l)),
                'code': textwrap.dedent('\n'.join(code)) + '\n' if code else None})
        for lines in steps:
            branches, languages, points = [], [], 0
            for l in lines[1:]:
                b = re.match(r'\s+\* \[(.*)\]$', l)
                lang = re.match(r'\s+\* For (\w+) ', l)
                if b:
                    branches.append([b.group(1), 0])
                elif lang:
                    languages.append(lang.group(1))
                elif re.match(r'\s+- ', l) and branches:
                    branches[-1][1] += 1
                elif re.match(r'\s+[*-] ', l):
                    points += 1
            hop['steps'].append({
                'role': role_of(lines[0]), 'tokens': tokens('\n'.join(lines)),
                'warning': any(l.startswith('NOTE:') for l in lines),
                'branches': branches, 'languages': languages, 'points': points})
        hops.append(hop)
    hops.reverse()      # the guide lists the newest hop first
    return hops


def dump(hops):
    """FACTS as Python source, one note or step a line."""
    out = ['FACTS = [']
    for h in hops:
        out.append(' {"id": %s, "title": %s, "ordered": %s,' % (
            json.dumps(h['id']), json.dumps(h['title']), h['ordered']))
        for key in ('notes', 'steps'):
            out.append('  "%s": [' % key)
            for item in h[key]:
                out.append('   %s,' % json.dumps(item, ensure_ascii=True).replace(
                    ': null', ': None').replace(': true', ': True').replace(': false', ': False'))
            out.append('  ],')
        out.append(' },')
    out.append(']')
    return '\n'.join(out) + '\n'


# ---- generated by "guide_facts.py print GUIDE"; do not edit by hand ---------
FACTS = [
 {"id": "0.11-0.12", "title": "Upgrading from 0.11.0 to 0.12.0", "ordered": True,
  "notes": [
   {"tokens": {"camel": ["ExecutorInfo"], "quoted": ["source"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.12-0.13", "title": "Upgrading from 0.12.0 to 0.13.0", "ordered": True,
  "notes": [
   {"tokens": {"snake": ["cgroups_hierarchy", "cgroups_hierarchy_root"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.13-0.14", "title": "Upgrading from 0.13.0 to 0.14.0", "ordered": True,
  "notes": [
   {"tokens": {"endpoint": ["/vars"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {"flag": ["--checkpoint"]}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {"camel": ["FrameworkInfo"], "dotted": ["FrameworkInfo.checkpoint"]}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "master", "tokens": {"camel": ["FrameworkInfo"]}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {"camel": ["FrameworkInfo"]}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.14-0.15", "title": "Upgrading from 0.14.0 to 0.15.0", "ordered": True,
  "notes": [
   {"tokens": {"camel": ["reconcileTasks"], "quoted": ["reconcileTasks"]}, "points": 0, "code": None},
   {"tokens": {"camel": ["MesosSchedulerDriver"], "quoted": ["Credential", "MesosSchedulerDriver"]}, "points": 0, "code": None},
   {"tokens": {"flag": ["--authentication"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "master", "tokens": {"flag": ["--credentials"]}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "master", "tokens": {"flag": ["--authentication"]}, "warning": True, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.15-0.16", "title": "Upgrading from 0.15.0 to 0.16.0", "ordered": True,
  "notes": [
  ],
  "steps": [
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.16-0.17", "title": "Upgrading from 0.16.0 to 0.17.0", "ordered": True,
  "notes": [
  ],
  "steps": [
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.17-0.18", "title": "Upgrading from 0.17.0 to 0.18.x", "ordered": True,
  "notes": [
   {"tokens": {}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {"flag": ["--cgroup_subsystems", "--cgroups_hierarchy", "--cgroups_root", "--isolation"], "endpoint": ["/sys/fs/cgroup", "/sys/fs/cgroup/cpu/", "/sys/fs/cgroup/memory/"], "snake": ["cgroup_subsystems", "cgroups_hierarchy", "cgroups_root"], "quoted": ["--cgroup_subsystems", "--cgroups_hierarchy", "--cgroups_root", "--isolation", "/sys/fs/cgroup", "cgroups", "cgroups/cpu,cgroups/mem", "mesos", "posix/cpu,posix/mem", "process"]}, "warning": False, "branches": [["no cgroups", 1], ["cgroups", 6]], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.18-0.19", "title": "Upgrading from 0.18.x to 0.19.x", "ordered": False,
  "notes": [
   {"tokens": {"flag": ["--quorum", "--work_dir"], "snake": ["work_dir"], "quoted": ["--quorum", "--work_dir"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.19-0.20", "title": "Upgrading from 0.19.x to 0.20.x", "ordered": True,
  "notes": [
   {"tokens": {"camel": ["CommandInfo"], "endpoint": ["/bin/sh"], "caps": ["API", "POSIX"], "quoted": ["arguments", "shell == false", "shell == true", "value"]}, "points": 0, "code": "message CommandInfo {\n  ...\n  // There are two ways to specify the command:\n  // 1) If 'shell == true', the command will be launched via shell\n  //    (i.e., /bin/sh -c 'value'). The 'value' specified will be\n  //    treated as the shell command. The 'arguments' will be ignored.\n  // 2) If 'shell == false', the command will be launched by passing\n  //    arguments to an executable. The 'value' specified will be\n  //    treated as the filename of the executable. The 'arguments'\n  //    will be treated as the arguments to the executable. This is\n  //    similar to how POSIX exec families launch processes (i.e.,\n  //    execlp(value, arguments(0), arguments(1), ...)).\n  optional bool shell = 6 [default = true];\n  optional string value = 3;\n  repeated string arguments = 7;\n  ...\n}\n"},
   {"tokens": {"camel": ["ImportError", "MesosExecutorDriver", "MesosSchedulerDriver"], "quoted": ["import mesos.interface", "import mesos.native"]}, "points": 2, "code": "try:\n    from mesos.native import MesosExecutorDriver, MesosSchedulerDriver\n    from mesos.interface import Executor, Scheduler\n    from mesos.interface import mesos_pb2\nexcept ImportError:\n    from mesos import Executor, MesosExecutorDriver, MesosSchedulerDriver, Scheduler\n    import mesos_pb2\n"},
   {"tokens": {}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.20-0.21", "title": "Upgrading from 0.20.x to 0.21.x", "ordered": True,
  "notes": [
   {"tokens": {"flag": ["--checkpoint"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.21-0.22", "title": "Upgrading from 0.21.x to 0.22.x", "ordered": True,
  "notes": [
   {"tokens": {}, "points": 0, "code": None},
   {"tokens": {"endpoint": ["metrics/snapshot", "stats.json"]}, "points": 0, "code": None},
   {"tokens": {"camel": ["TaskStatus", "statusUpdate"], "caps": ["UUID"], "quoted": ["TaskStatus", "statusUpdate"]}, "points": 0, "code": None},
   {"tokens": {"camel": ["AuthenticationStartMessage"], "caps": ["API", "UTF"], "dotted": ["AuthenticationStartMessage.data"], "quoted": ["bytes", "string"]}, "points": 0, "code": "message AuthenticationStartMessage {\n  required string mechanism = 1;\n  optional bytes data = 2;\n}\n"},
   {"tokens": {"flag": ["--credentials", "--modules", "--whitelist"], "caps": ["JSON"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {"camel": ["MesosSchedulerDriverImpl", "implicitAcknowledgements"], "caps": ["API", "JAR"], "version": ["0.21.0", "0.22.0"], "quoted": ["Credentials", "MesosSchedulerDriverImpl", "implicitAcknowledgements"]}, "warning": False, "branches": [], "languages": ["Java", "Python"], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.22-0.23", "title": "Upgrading from 0.22.x to 0.23.x", "ordered": True,
  "notes": [
   {"tokens": {"endpoint": ["metrics/snapshot", "stats.json"], "quoted": ["metrics/snapshot", "stats.json"]}, "points": 0, "code": None},
   {"tokens": {"endpoint": ["/master/shutdown", "/master/teardown"], "quoted": ["/master/shutdown", "/master/teardown"]}, "points": 0, "code": None},
   {"tokens": {"version": ["0.23.0"]}, "points": 0, "code": None},
   {"tokens": {"flag": ["--max_slave_ping_timeouts", "--slave_ping_timeout"], "snake": ["max_slave_ping_timeouts", "slave_ping_timeout"], "version": ["0.23.x"], "quoted": ["--max_slave_ping_timeouts", "--slave_ping_timeout"]}, "points": 0, "code": None},
   {"tokens": {"camel": ["acceptOffers", "launchTasks"], "caps": ["API", "CREATE", "DESTROY", "LAUNCH", "RESERVE", "UNRESERVE"], "dotted": ["Offer.Operation"], "quoted": ["acceptOffers", "launchTasks"]}, "points": 0, "code": None},
   {"tokens": {"camel": ["DiskInfo", "ReservationInfo", "RevocableInfo"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "module", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.23-0.24", "title": "Upgrading from 0.23.x to 0.24.x", "ordered": True,
  "notes": [
   {"tokens": {"caps": ["HTTP"]}, "points": 0, "code": None},
   {"tokens": {"camel": ["ZooKeeper"], "caps": ["JSON"], "version": ["0.23.0"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "module", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.24-0.25", "title": "Upgrading from 0.24.x to 0.25.x", "ordered": True,
  "notes": [
   {"tokens": {"endpoint": ["/files/browse", "/files/browse.json", "/files/debug", "/files/debug.json", "/files/download", "/files/download.json", "/files/read", "/files/read.json", "/monitor/statistics", "/monitor/statistics.json", "/state", "/state.json", "/tasks", "/tasks.json"], "version": ["0.25"]}, "points": 8, "code": None},
   {"tokens": {"camel": ["reviveOffers", "suppressOffers"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "module", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.25-0.26", "title": "Upgrading from 0.25.x to 0.26.x", "ordered": True,
  "notes": [
   {"tokens": {"camel": ["TaskStatus"], "caps": ["REASON_CONTAINER_LIMITATION_MEMORY", "REASON_CONTAINER_PREEMPTED", "REASON_EXECUTOR_PREEMPTED", "REASON_MEM_LIMIT"], "dotted": ["TaskStatus::Reason"]}, "points": 2, "code": None},
   {"tokens": {"caps": ["JSON"], "quoted": ["Credential", "secret"]}, "points": 0, "code": None},
   {"tokens": {"jira": ["MESOS-3794"], "camel": ["ExecutorInfo", "TaskInfo"], "endpoint": ["/state"], "caps": ["JSON", "MESOS"], "quoted": ["/state", "ExecutorInfo", "TaskInfo", "data", "executors[*].tasks[*].data", "frameworks[*].executors[*].data"]}, "points": 2, "code": None},
   {"tokens": {"camel": ["NetworkInfo"], "snake": ["ip_address", "ip_addresses"], "quoted": ["NetworkInfo", "ip_address", "ip_addresses", "protocol"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "module", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.26-0.27", "title": "Upgrading from 0.26.x to 0.27.x", "ordered": True,
  "notes": [
   {"tokens": {"flag": ["--roles"], "version": ["0.27"], "quoted": ["--roles"]}, "points": 0, "code": None},
   {"tokens": {"jira": ["MESOS-4000"], "caps": ["API", "MESOS"]}, "points": 0, "code": None},
   {"tokens": {"camel": ["executorLost"], "quoted": ["executorLost"]}, "points": 0, "code": None},
   {"tokens": {"jira": ["MESOS-4240", "MESOS-4282"], "camel": ["ContainerConfig", "ContainerLaunchInfo", "ContainerPrepareInfo"], "caps": ["MESOS"], "version": ["0.27"], "quoted": ["ContainerConfig", "ContainerLaunchInfo", "ContainerPrepareInfo", "prepare"]}, "points": 0, "code": None},
   {"tokens": {"flag": ["--acls"], "snake": ["shutdown_frameworks", "teardown_frameworks"], "dotted": ["ACLs.shutdown_frameworks", "ACLs.teardown_frameworks"], "quoted": ["--acls"]}, "points": 0, "code": None},
   {"tokens": {"caps": ["DRF"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "module", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
 {"id": "0.27-0.28", "title": "Upgrading from 0.27.x to 0.28.x", "ordered": True,
  "notes": [
   {"tokens": {"version": ["0.0001", "0.001", "0.28"], "quoted": ["0.0001", "0.001"]}, "points": 0, "code": None},
   {"tokens": {"camel": ["CreateVolume", "ReserveResources"], "caps": ["ACL"], "version": ["0.28"], "quoted": ["CreateVolume", "ReserveResources", "roles"]}, "points": 0, "code": None},
  ],
  "steps": [
   {"role": "module", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "master", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "agent", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "scheduler", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
   {"role": "executor", "tokens": {}, "warning": False, "branches": [], "languages": [], "points": 0},
  ],
 },
]
# ---- end of generated facts -------------------------------------------------

def facts_main(argv, name, derive, dump, kept, differences):
    """check|print SOURCE for a facts module: @kept == @derive(SOURCE)?, or its dump."""
    if len(argv) != 3 or argv[1] not in ('check', 'print'):
        sys.exit('usage: %s check|print SOURCE' % name)
    with open(argv[2], encoding='utf-8') as f:
        derived = derive(f.read())
    if argv[1] == 'print':
        sys.stdout.write(dump(derived))
    elif derived == kept:
        print('ok %s: the facts in tests/cli/%s.py are those of %s' % (name, name, argv[2]))
    else:
        for line in differences(derived):
            print('FAIL %s: %s; regenerate with \'python3 tests/cli/%s.py print %s\''
                  % (name, line, name, argv[2]))


def differences(derived):
    out = ['hop %s differs' % d['id'] for d, e in zip(derived, FACTS) if d != e]
    if len(derived) != len(FACTS):
        out.append('the guide has %d hops, FACTS %d' % (len(derived), len(FACTS)))
    return out


if __name__ == '__main__':
    facts_main(sys.argv, 'guide_facts', derive, dump, FACTS, differences)
