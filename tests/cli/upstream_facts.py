"""upstream_facts.py - what the upstream guide says past 0.28, for the plan tests.

The hops 0.28 -> 1.0 to 1.9 -> 1.10 come from apache/mesos docs/upgrades.md
(HEAD), which goes on where ../shared/guide/upgrades.md stops, and whose
overview table gives each change a category (Mesos Core, Flags, Framework
API, Module API, Endpoints) and a kind (A added, C changed, D deprecated,
R removed). derive() below reads that file; its result is kept in UPSTREAM
so that the tests need nothing outside the repository. With the file at hand:

    python3 tests/cli/upstream_facts.py check UPGRADES.md   # UPSTREAM == derive()?
    python3 tests/cli/upstream_facts.py print UPGRADES.md   # the new UPSTREAM

and plan.sh runs "upstream_facts.py plan PLAN.json" on the whole plan (the
upstream guide itself when MU_UPSTREAM_GUIDE names a copy of it).

How the guide is read: "## Upgrading from A.x to B.x" opens a hop; each
<a name="ANCHOR"> opens a change (two anchors in a row name one change); a
"* " line at the start of a line is a bullet of the current change (a bullet
with no anchor of its own belongs to the change before it: 1.0's endpoint
authorization has three); indented "* "/"- " lines are its sub-points;
"In order to upgrade a running cluster:" opens the steps, "N. " lines.
The facts of a change's text are those of guide_facts.tokens().

What the content makes of each change is said by hand in NOTES (anchor ->
the ids of the notes that carry it), and where the content spells a name
right that the guide misspells, in CORRECTIONS. check_plan() then holds the
plan JSON to the guide: each hop's title; every change carried by its notes
and every note of origin guide carrying a change; every fact of a change in
its notes; its sub-points as the notes' points of origin guide; its category
and kind as the overview table says; the guide's steps where it lists them,
else the standard order, every step of origin tool.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from guide_facts import facts_main, role_of, tokens  # noqa: E402

CATEGORIES = ('Mesos Core', 'Flags', 'Framework API', 'Module API', 'Endpoints')
KIND_OF = {'added': 'A', 'changed': 'C', 'deprecated': 'D', 'removed': 'R'}
STANDARD_ROLES = ['module', 'master', 'agent', 'scheduler', 'executor']
# where the guide moves a role before Mesos is upgraded: 1.5's TASK_STARTING
# has schedulers that use the built-in executors upgraded first
ROLE_FIRST = {'1.4-1.5': 'scheduler'}

# anchor -> the notes (ids within the hop) that carry the change
NOTES = {
    # 0.28 -> 1.0
    '1-0-x-deprecated-ssl-env-variables': ['ssl-env-variables'],
    '1-0-x-persistent-volume-ownership': ['persistent-volume-ownership'],
    '1-0-x-deprecated-fields-in-container-config': ['container-config-fields'],
    '1-0-x-executor-environment-variables': ['executor-environment'],
    '1-0-x-allocator-metrics': ['allocator-metrics'],
    '1-0-x-docker-timeout-flag': ['docker-stop-timeout'],
    '1-0-x-executorinfo': ['executor-info-source'],
    '1-0-x-slave': ['slave-renamed-agent'],
    '1-0-x-workdir': ['agent-work-dir-required'],
    '1-0-x-registry-strict': ['registry-strict'],
    '1-0-x-credentials-file': ['credentials-plain-text'],
    '1-0-x-persistent-volume': ['persistent-volume-destroy'],
    '1-0-x-status-code': ['http-status-codes'],
    '1-0-x-v1-commandinfo': ['commandinfo-output-file'],
    '1-0-x-scheduler-proto': ['scheduler-proto-optional'],
    '1-0-x-executor-proto': ['executor-proto-optional'],
    '1-0-x-nonterminal': ['non-terminal-task-metadata'],
    '1-0-x-observe-endpoint': ['observe-endpoint-removed'],
    # read before the upgrade; the switch itself comes after it (when: after)
    '1-0-x-quota-acls': ['quota-acls', 'quota-acls-replace'],
    '1-0-x-authorizer': ['authorizer-changes'],
    '1-0-x-allocator': ['allocator-namespace'],
    '1-0-x-fetcher-user': ['fetcher-user'],
    '1-0-x-http-authentication-flags': ['http-authentication-flags'],
    '1-0-x-endpoint-authorization': ['endpoint-authorization'],
    # 1.0 -> 1.1
    '1-1-x-container-logger-interface': ['container-logger-recover'],
    '1-1-x-allocator-updateallocation': ['allocator-update-allocation'],
    # 1.1 -> 1.2
    '1-2-1-disallow-old-agents': ['old-agents-ignored'],
    '1-2-x-heartbeat-flag': ['http-heartbeat-interval'],
    '1-2-x-backend-flag': ['image-provisioner-backend'],
    '1-2-x-unreachable-flag': ['max-unreachable-tasks'],
    '1-2-x-revive-suppress': ['revive-suppress-calls'],
    '1-2-x-container-logger-interface': ['container-logger-prepare'],
    '1-2-x-allocator-module-changes': ['allocator-module-changes'],
    '1-2-x-new-authz-actions': ['new-authorizer-actions'],
    '1-2-x-renamed-authz-actions': ['renamed-authorizer-actions'],
    '1-2-x-removed-hooks': ['docker-hooks-removed'],
    '1-2-x-debug-endpoints': ['container-debug-calls'],
    '1-2-x-recovered-frameworks': ['recovered-frameworks'],
    '1-2-x-orphan-executors': ['orphan-executors'],
    '1-2-x-orphan-tasks': ['orphan-tasks'],
    # 1.2 -> 1.3
    '1-3-x-disallow-old-agents': ['old-agents-ignored'],
    '1-3-x-setquota-removequota-acl': ['quota-acls-removed'],
    '1-3-x-shutdown-framework-acl': ['shutdown-frameworks-removed'],
    '1-3-x-multi-role-support': ['multi-role-frameworks'],
    '1-3-x-framework-info-role': ['multi-role-frameworks'],
    '1-3-x-endpoints-roles': ['endpoint-role-field'],
    '1-3-x-allocator-interface-change': ['allocator-multi-role'],
    '1-3-x-executor-authentication': ['executor-authentication'],
    # 1.3 -> 1.4
    '1-4-x-ambient-capabilities': ['ambient-capabilities'],
    '1-4-x-bounding-capabilities': ['bounding-capabilities'],
    '1-4-x-agent-recovery': ['agent-recovery-reboot'],
    '1-4-x-linuxinfo-capabilities': ['linuxinfo-capabilities'],
    '1-4-x-agent-capabilities-flags': ['capability-flags'],
    '1-4-x-allocator-update-slave': ['allocator-update-slave'],
    '1-4-x-xfs-no-enforce': ['xfs-no-enforce'],
    '1-4-x-mesos-library': ['resources-library'],
    '1-4-x-update-minimal-docker-version': ['minimal-docker-version'],
    # 1.4 -> 1.5
    '1-5-x-task-starting': ['task-starting'],
    '1-5-x-task-resource-limitation': ['task-resource-limitation'],
    '1-5-x-network-ports-isolator': ['network-ports-isolator'],
    '1-5-x-executor-secret-key': ['executor-secret-key'],
    '1-5-x-relative-disk-source-root-path': ['relative-disk-source-root'],
    '1-5-x-get-containers': ['get-containers-nested'],
    '1-5-x-reconfiguration-policy': ['reconfiguration-policy'],
    '1-5-x-protobuf-requirement': ['protobuf-requirement'],
    '1-5-x-log-reader-catchup': ['log-reader-catchup'],
    # 1.5 -> 1.6
    '1-6-x-grpc-requirement': ['grpc-requirement'],
    '1-6-x-csi-support': ['csi-v0-2'],
    '1-6-x-fetcher-stall-timeout': ['fetcher-stall-timeout'],
    '1-6-x-disk-profile-adaptor': ['disk-profile-adaptor'],
    '1-6-x-xfs-kill-containers': ['xfs-kill-containers'],
    # 1.6 -> 1.7
    '1-7-x-linux-devices-isolator': ['linux-devices-isolator'],
    '1-7-x-auto-load-subsystems': ['cgroups-all'],
    '1-7-x-container-specific-cgroups-mounts': ['container-cgroups-mounts'],
    '1-7-x-volume-mode-support': ['volume-mode'],
    '1-7-x-create-disk': ['create-disk'],
    '1-7-x-resource-provider-acls': ['view-resource-provider-acl'],
    '1-7-x-enforce-container-ports': ['enforce-container-ports'],
    '1-7-x-gc-non-executor-container-sandboxes': ['gc-non-executor-container-sandboxes'],
    '1-7-x-network-cni-root-dir-persist': ['network-cni-root-dir-persist'],
    '1-7-x-container-logger': ['container-logger-prepare'],
    '1-7-x-isolator-recover': ['isolator-recover'],
    '1-7-x-json-serialization': ['json-serialization'],
    # 1.7 -> 1.8
    '1-8-x-linux-seccomp-isolator': ['linux-seccomp-isolator'],
    # 1.8 -> 1.9
    '1-9-x-automatic-agent-draining': ['agent-draining'],
    '1-9-x-agent-features': ['agent-features-draining'],
    '1-9-x-linux-nnp-isolator': ['linux-nnp-isolator'],
    '1-9-x-docker-ignore-runtime': ['docker-ignore-runtime'],
    '1-9-x-hostname-validation-scheme': ['hostname-validation-scheme'],
    '1-9-x-client-certificate-verification': ['tls-certificate-verification'],
    '1-9-x-configurable-ipc': ['configurable-ipc'],
    '1-9-x-update-quota': ['update-quota-call'],
    '1-9-x-quota-guarantees': ['quota-limits'],
    # 1.9 -> 1.10
    '1-10-x-ssl-env-var-rename': ['ssl-env-rename'],
    '1-10-x-limits-cfs-quota': ['cpu-limits-cfs-quota'],
    '1-10-x-agent-features': ['agent-features-limits'],
    '1-10-x-synchronous-authorization': ['synchronous-authorization'],
    '1-10-x-tasks-pending-authoirization-deprecated': ['pending-tasks-deprecated'],
    '1-10-x-allocator-module-changes': ['allocator-resource-consumption'],
    # the overview table's rows for hops before 1.0 (their text is guide_facts.py's)
    '0-25-x-json-endpoints': ['json-endpoints'],
    '0-25-x-scheduler-bindings': ['suppress-offers'],
    '0-26-x-taskstatus-reason': ['task-status-reasons'],
    '0-26-x-credential-protobuf': ['credential-secret'],
    '0-26-x-state-endpoint': ['state-data-fields'],
    '0-26-x-network-info-protobuf': ['network-info'],
    '0-27-x-implicit-roles': ['implicit-roles'],
    '0-27-x-allocator-api': ['allocator-api'],
    '0-27-x-executor-lost-callback': ['executor-lost-callback'],
    '0-27-x-isolator-api': ['isolator-prepare'],
    '0-27-x-acl-shutdown-flag': ['teardown-frameworks-acl'],
    '0-28-x-resource-precision': ['scalar-precision'],
    '0-28-x-autherization-acls': ['reservation-acls'],
}

# (kind, what the guide writes) -> what the content writes instead, and why
CORRECTIONS = {
    # "remove_quotes" in 1.3's ACL note: the ACL is remove_quotas
    ('snake', 'remove_quotes'): 'remove_quotas',
    ('quoted', 'remove_quotes'): 'remove_quotas',
    # "--allowed-capabilities" in 1.4: the agent flag is --allowed_capabilities
    ('flag', '--allowed'): '--allowed_capabilities',
    # "REMOVE QUOTA" in 1.9: the master call is REMOVE_QUOTA
    ('caps', 'REMOVE'): 'REMOVE_QUOTA',
    ('caps', 'QUOTA'): 'REMOVE_QUOTA',
    ('quoted', 'REMOVE QUOTA'): 'REMOVE_QUOTA',
    # a name with a '-' in it, which tokens() cuts short
    ('endpoint', '/create'): '/create-volumes',
    ('endpoint', '/destroy'): '/destroy-volumes',
    ('flag', '--no'): '--no-enforce_container_disk_quota',
}


def html(line):
    """<code>x</code> as `x`, the guide's one HTML inside a change."""
    return re.sub(r'</?code>', '`', line)


def derive(guide):
    """The overview table and the hops past 0.28, from docs/upgrades.md."""
    table = {}
    for row in re.findall(r'<tr>(.*?)</tr>', guide, flags=re.S):
        cells = re.findall(r'<td[^>]*><!--([^-]+)-->(.*?)</td>', row, flags=re.S)
        for cat, cell in cells:
            if cat not in CATEGORIES:
                continue
            for kinds, anchor in re.findall(r'<li>\s*([ACDR]+)\s*<a href="#([^"]+)"', cell):
                pairs = table.setdefault(anchor, [])
                for k in kinds:
                    if [cat, k] not in pairs:
                        pairs.append([cat, k])
    hops = []
    for sec in re.split(r'^## ', guide, flags=re.M)[1:]:
        head, body = sec.split('\n', 1)
        m = re.match(r'Upgrading from (\d+\.\d+)\.x to (\d+\.\d+)\.x', head)
        if not m or tuple(int(x) for x in m.group(1).split('.')) < (0, 28):
            continue
        changes, steps, mode, fresh = [], None, 'notes', False
        for line in body.split('\n'):
            a = re.match(r'<a name="([^"]+)"></a>', line)
            if line.startswith('In order to upgrade a running cluster'):
                mode, steps = 'steps', []
            elif mode == 'steps':
                if re.match(r'\d+\. ', line):
                    steps.append(re.sub(r'^\d+\. ', '', line))
            elif a:
                if fresh:
                    changes[-1]['anchors'].append(a.group(1))
                else:
                    changes.append({'anchors': [a.group(1)], 'lines': [], 'points': 0})
                fresh = True
            elif line.startswith('* '):
                fresh = False
                changes[-1]['lines'].append(html(line[2:]))
            elif re.match(r'\s+[*-] ', line):
                changes[-1]['lines'].append(html(line))
                changes[-1]['points'] += 1
            elif line.strip() and changes:
                changes[-1]['lines'].append(html(line))
        # role_of() knows the 0.x guide's "slave"; the 1.x guide says "agent"
        roles = None if steps is None else [
            role_of(s.replace('agent', 'slave')) for s in steps]
        hops.append({
            'id': '%s-%s' % m.groups(),
            'title': head.strip().rstrip('#').strip(),
            'changes': [{'anchors': c['anchors'], 'tokens': tokens('\n'.join(c['lines'])),
                         'points': c['points']} for c in changes],
            'steps': roles})
    hops.reverse()
    return {'table': dict(sorted(table.items())), 'hops': hops}


def dump(facts):
    out = ['UPSTREAM = {', ' "table": {']
    for anchor, pairs in facts['table'].items():
        out.append('  %s: %s,' % (json.dumps(anchor), json.dumps(pairs)))
    out += [' },', ' "hops": [']
    for h in facts['hops']:
        out.append('  {"id": %s, "title": %s, "steps": %s,' % (
            json.dumps(h['id']), json.dumps(h['title']),
            json.dumps(h['steps']).replace('null', 'None')))
        out.append('   "changes": [')
        for c in h['changes']:
            out.append('    %s,' % json.dumps(c, ensure_ascii=True))
        out.append('   ]},')
    out += [' ],', '}']
    return '\n'.join(out) + '\n'


# ---- generated by "upstream_facts.py print UPGRADES.md"; do not edit by hand ------
UPSTREAM = {
 "table": {
  "0-25-x-json-endpoints": [["Endpoints", "D"]],
  "0-25-x-scheduler-bindings": [["Framework API", "C"]],
  "0-26-x-credential-protobuf": [["Framework API", "C"]],
  "0-26-x-network-info-protobuf": [["Framework API", "C"]],
  "0-26-x-state-endpoint": [["Endpoints", "C"]],
  "0-26-x-taskstatus-reason": [["Framework API", "C"]],
  "0-27-x-acl-shutdown-flag": [["Flags", "D"]],
  "0-27-x-allocator-api": [["Module API", "C"]],
  "0-27-x-executor-lost-callback": [["Framework API", "C"]],
  "0-27-x-implicit-roles": [["Flags", "D"]],
  "0-27-x-isolator-api": [["Module API", "C"]],
  "0-28-x-autherization-acls": [["Flags", "C"]],
  "0-28-x-resource-precision": [["Mesos Core", "C"]],
  "1-0-x-allocator": [["Module API", "C"]],
  "1-0-x-allocator-metrics": [["Mesos Core", "C"], ["Mesos Core", "D"]],
  "1-0-x-authorizer": [["Module API", "C"]],
  "1-0-x-credentials-file": [["Flags", "D"]],
  "1-0-x-deprecated-fields-in-container-config": [["Mesos Core", "R"]],
  "1-0-x-deprecated-ssl-env-variables": [["Flags", "D"]],
  "1-0-x-docker-timeout-flag": [["Flags", "D"]],
  "1-0-x-endpoint-authorization": [["Endpoints", "C"]],
  "1-0-x-executor-environment-variables": [["Mesos Core", "R"]],
  "1-0-x-executor-proto": [["Framework API", "C"]],
  "1-0-x-executorinfo": [["Framework API", "D"], ["Framework API", "C"]],
  "1-0-x-fetcher-user": [["Mesos Core", "C"]],
  "1-0-x-http-authentication-flags": [["Flags", "A"], ["Flags", "C"], ["Flags", "D"]],
  "1-0-x-persistent-volume": [["Mesos Core", "C"]],
  "1-0-x-persistent-volume-ownership": [["Mesos Core", "C"]],
  "1-0-x-quota-acls": [["Mesos Core", "C"]],
  "1-0-x-registry-strict": [["Flags", "R"]],
  "1-0-x-scheduler-proto": [["Framework API", "C"]],
  "1-0-x-slave": [["Mesos Core", "C"], ["Flags", "C"]],
  "1-0-x-status-code": [["Endpoints", "C"], ["Endpoints", "R"]],
  "1-0-x-v1-commandinfo": [["Framework API", "A"]],
  "1-0-x-workdir": [["Flags", "R"]],
  "1-1-x-allocator-updateallocation": [["Module API", "C"]],
  "1-1-x-container-logger-interface": [["Module API", "R"]],
  "1-10-x-agent-features": [["Flags", "C"]],
  "1-10-x-allocator-module-changes": [["Module API", "A"], ["Module API", "C"]],
  "1-10-x-limits-cfs-quota": [["Mesos Core", "D"]],
  "1-10-x-ssl-env-var-rename": [["Mesos Core", "D"]],
  "1-10-x-synchronous-authorization": [["Module API", "C"]],
  "1-10-x-tasks-pending-authoirization-deprecated": [["Endpoints", "D"]],
  "1-2-1-disallow-old-agents": [["Mesos Core", "R"]],
  "1-2-x-allocator-module-changes": [["Module API", "C"]],
  "1-2-x-backend-flag": [["Flags", "A"]],
  "1-2-x-container-logger-interface": [["Module API", "C"]],
  "1-2-x-debug-endpoints": [["Endpoints", "A"]],
  "1-2-x-heartbeat-flag": [["Flags", "A"]],
  "1-2-x-new-authz-actions": [["Module API", "A"]],
  "1-2-x-orphan-executors": [["Endpoints", "D"]],
  "1-2-x-orphan-tasks": [["Endpoints", "D"]],
  "1-2-x-recovered-frameworks": [["Endpoints", "D"]],
  "1-2-x-removed-hooks": [["Module API", "R"]],
  "1-2-x-renamed-authz-actions": [["Module API", "D"]],
  "1-2-x-revive-suppress": [["Framework API", "A"]],
  "1-2-x-unreachable-flag": [["Flags", "A"]],
  "1-3-x-allocator-interface-change": [["Module API", "C"]],
  "1-3-x-disallow-old-agents": [["Mesos Core", "R"]],
  "1-3-x-endpoints-roles": [["Endpoints", "D"]],
  "1-3-x-executor-authentication": [["Flags", "A"]],
  "1-3-x-framework-info-role": [["Framework API", "D"]],
  "1-3-x-multi-role-support": [["Framework API", "A"]],
  "1-3-x-setquota-removequota-acl": [["Flags", "R"]],
  "1-3-x-shutdown-framework-acl": [["Flags", "R"]],
  "1-4-x-agent-capabilities-flags": [["Flags", "A"], ["Flags", "D"]],
  "1-4-x-agent-recovery": [["Mesos Core", "C"]],
  "1-4-x-allocator-update-slave": [["Module API", "C"]],
  "1-4-x-ambient-capabilities": [["Mesos Core", "A"]],
  "1-4-x-bounding-capabilities": [["Mesos Core", "A"], ["Framework API", "A"]],
  "1-4-x-linuxinfo-capabilities": [["Framework API", "D"]],
  "1-4-x-mesos-library": [["Framework API", "C"]],
  "1-4-x-update-minimal-docker-version": [["Mesos Core", "C"]],
  "1-4-x-xfs-no-enforce": [["Mesos Core", "C"]],
  "1-5-x-executor-secret-key": [["Flags", "D"]],
  "1-5-x-get-containers": [["Endpoints", "A"]],
  "1-5-x-network-ports-isolator": [["Mesos Core", "A"], ["Flags", "A"]],
  "1-5-x-protobuf-requirement": [["Mesos Core", "C"]],
  "1-5-x-reconfiguration-policy": [["Mesos Core", "A"], ["Flags", "A"]],
  "1-5-x-relative-disk-source-root-path": [["Mesos Core", "C"]],
  "1-5-x-task-resource-limitation": [["Framework API", "A"]],
  "1-5-x-task-starting": [["Mesos Core", "C"]],
  "1-6-x-csi-support": [["Mesos Core", "C"]],
  "1-6-x-disk-profile-adaptor": [["Module API", "C"]],
  "1-6-x-fetcher-stall-timeout": [["Flags", "A"]],
  "1-6-x-grpc-requirement": [["Mesos Core", "C"]],
  "1-6-x-xfs-kill-containers": [["Flags", "A"]],
  "1-7-x-auto-load-subsystems": [["Mesos Core", "A"]],
  "1-7-x-container-logger": [["Module API", "C"]],
  "1-7-x-container-specific-cgroups-mounts": [["Mesos Core", "A"]],
  "1-7-x-create-disk": [["Framework API", "C"]],
  "1-7-x-enforce-container-ports": [["Flags", "A"]],
  "1-7-x-gc-non-executor-container-sandboxes": [["Flags", "A"]],
  "1-7-x-isolator-recover": [["Module API", "C"]],
  "1-7-x-json-serialization": [["Endpoints", "C"]],
  "1-7-x-linux-devices-isolator": [["Mesos Core", "A"]],
  "1-7-x-network-cni-root-dir-persist": [["Flags", "A"]],
  "1-7-x-resource-provider-acls": [["Mesos Core", "A"]],
  "1-7-x-volume-mode-support": [["Mesos Core", "A"]],
  "1-8-x-linux-seccomp-isolator": [["Mesos Core", "A"], ["Flags", "A"]],
  "1-9-x-agent-features": [["Flags", "C"]],
  "1-9-x-automatic-agent-draining": [["Mesos Core", "A"]],
  "1-9-x-client-certificate-verification": [["Mesos Core", "C"]],
  "1-9-x-configurable-ipc": [["Mesos Core", "C"], ["Flags", "A"], ["Framework API", "A"]],
  "1-9-x-docker-ignore-runtime": [["Flags", "A"]],
  "1-9-x-hostname-validation-scheme": [["Mesos Core", "A"]],
  "1-9-x-linux-nnp-isolator": [["Mesos Core", "A"]],
  "1-9-x-quota-guarantees": [["Mesos Core", "A"], ["Endpoints", "D"]],
  "1-9-x-update-quota": [["Endpoints", "D"]],
 },
 "hops": [
  {"id": "0.28-1.0", "title": "Upgrading from 0.28.x to 1.0.x", "steps": ["module", "master", "agent", "scheduler", "scheduler", "executor"],
   "changes": [
    {"anchors": ["1-0-x-deprecated-ssl-env-variables"], "tokens": {"caps": ["LIBPROCESS_SSL_", "SSL", "SSL_"], "version": ["1.0"], "quoted": ["LIBPROCESS_SSL_*", "SSL_", "SSL_*"]}, "points": 0},
    {"anchors": ["1-0-x-persistent-volume-ownership"], "tokens": {"version": ["1.0"]}, "points": 0},
    {"anchors": ["1-0-x-deprecated-fields-in-container-config"], "tokens": {"camel": ["ContainerConfig", "ExecutorInfo", "TaskInfo", "executorInfo", "taskInfo"], "version": ["1.0"], "quoted": ["ContainerConfig", "include/mesos/slave/isolator.proto", "optional TaskInfo taskInfo = 2;", "required ExecutorInfo executorInfo = 1;"]}, "points": 2},
    {"anchors": ["1-0-x-executor-environment-variables"], "tokens": {"flag": ["--executor_environment_variables"], "endpoint": ["/usr/local/sbin"], "caps": ["LIBPROCESS_", "MESOS_", "PATH"], "snake": ["executor_environment_variables"], "quoted": ["$LIBPROCESS_", "$MESOS_", "$PATH", "--executor_environment_variables", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]}, "points": 0},
    {"anchors": ["1-0-x-allocator-metrics"], "tokens": {"snake": ["event_queue_dispatches"], "quoted": ["allocator/event_queue_dispatches", "allocator/mesos/event_queue_dispatches"]}, "points": 0},
    {"anchors": ["1-0-x-docker-timeout-flag"], "tokens": {"flag": ["--docker_stop_timeout"], "snake": ["docker_stop_timeout"], "quoted": ["--docker_stop_timeout"]}, "points": 0},
    {"anchors": ["1-0-x-executorinfo"], "tokens": {"camel": ["ExecutorInfo"], "dotted": ["ExecutorInfo.labels", "ExecutorInfo.source"]}, "points": 0},
    {"anchors": ["1-0-x-slave"], "tokens": {"camel": ["WebUI"], "version": ["1.0"], "quoted": ["agent", "slave"]}, "points": 3},
    {"anchors": ["1-0-x-workdir"], "tokens": {"snake": ["work_dir"], "version": ["1.0"], "quoted": ["work_dir"]}, "points": 0},
    {"anchors": ["1-0-x-registry-strict"], "tokens": {"snake": ["registry_strict"], "version": ["1.0"], "quoted": ["registry_strict"]}, "points": 0},
    {"anchors": ["1-0-x-credentials-file"], "tokens": {"caps": ["JSON"], "version": ["1.0"]}, "points": 0},
    {"anchors": ["1-0-x-persistent-volume"], "tokens": {}, "points": 0},
    {"anchors": ["1-0-x-status-code"], "tokens": {"endpoint": ["/create", "/destroy", "/reserve", "/unreserve"], "caps": ["HTTP"], "version": ["1.0"], "quoted": ["/create-volumes", "/destroy-volumes", "/reserve", "/unreserve", "200 OK", "202 Accepted"]}, "points": 4},
    {"anchors": ["1-0-x-v1-commandinfo"], "tokens": {"camel": ["CommandInfo"], "caps": ["API", "HTTP", "URI"], "snake": ["output_file"], "dotted": ["CommandInfo.URI"], "quoted": ["output_file"]}, "points": 0},
    {"anchors": ["1-0-x-scheduler-proto"], "tokens": {}, "points": 0},
    {"anchors": ["1-0-x-executor-proto"], "tokens": {}, "points": 0},
    {"anchors": ["1-0-x-nonterminal"], "tokens": {}, "points": 0},
    {"anchors": ["1-0-x-observe-endpoint"], "tokens": {"endpoint": ["/observe"], "caps": ["HTTP"]}, "points": 0},
    {"anchors": ["1-0-x-quota-acls"], "tokens": {"flag": ["--acls"], "camel": ["GetQuota", "RemoveQuota", "SetQuota", "UpdateQuota"], "caps": ["ACL"], "snake": ["get_quotas", "remove_quotas", "set_quotas", "update_quotas"], "quoted": ["--acls", "GetQuota", "RemoveQuota", "SetQuota", "UpdateQuota", "get_quotas", "remove_quotas", "set_quotas", "update_quotas"]}, "points": 3},
    {"anchors": ["1-0-x-authorizer"], "tokens": {"camel": ["ObjectApprover"], "endpoint": ["/state"], "caps": ["ACL", "ANY", "HTTP"], "version": ["1.0"], "quoted": ["/state", "ANY", "ObjectApprover", "object", "subject"]}, "points": 3},
    {"anchors": ["1-0-x-allocator"], "tokens": {"quoted": ["Allocator"]}, "points": 0},
    {"anchors": ["1-0-x-fetcher-user"], "tokens": {}, "points": 0},
    {"anchors": ["1-0-x-http-authentication-flags"], "tokens": {"flag": ["--authenticate_http", "--authenticate_http_readonly", "--authenticate_http_readwrite"], "endpoint": ["/flags", "/logging/toggle", "/machine/down", "/machine/up", "/maintenance/schedule", "/profiler/start", "/profiler/stop", "/state"], "snake": ["authenticate_http", "authenticate_http_readonly", "authenticate_http_readwrite"], "version": ["1.0"], "quoted": ["--authenticate_http", "--authenticate_http_readonly", "--authenticate_http_readwrite", "/flags", "/logging/toggle", "/machine/down", "/machine/up", "/maintenance/schedule", "/profiler/start", "/profiler/stop", "/state", "read-write"]}, "points": 0},
    {"anchors": ["1-0-x-endpoint-authorization"], "tokens": {"endpoint": ["/containers", "/files/debug", "/logging/toggle", "/metrics/snapshot", "/monitor/statistics", "/slave"], "caps": ["HTTP"], "snake": ["get_endpoints"], "version": ["1.0"], "quoted": ["/files/debug", "/logging/toggle", "/metrics/snapshot", "/slave(id)/containers", "/slave(id)/monitor/statistics", "get_endpoints", "permissive: false"]}, "points": 5},
   ]},
  {"id": "1.0-1.1", "title": "Upgrading from 1.0.x to 1.1.x", "steps": None,
   "changes": [
    {"anchors": ["1-1-x-container-logger-interface"], "tokens": {"jira": ["MESOS-6371"], "camel": ["ContainerLogger"], "caps": ["MESOS"], "version": ["1.1"], "quoted": ["ContainerLogger", "recover()"]}, "points": 0},
    {"anchors": ["1-1-x-allocator-updateallocation"], "tokens": {"jira": ["MESOS-4431"], "camel": ["offeredResources", "updateAllocation"], "endpoint": ["/r/45961/"], "caps": ["MESOS"], "dotted": ["Allocator::updateAllocation"], "version": ["1.1"], "quoted": ["Allocator::updateAllocation()", "offeredResources", "updateAllocation()"]}, "points": 0},
   ]},
  {"id": "1.1-1.2", "title": "Upgrading from 1.1.x to 1.2.x", "steps": ["module", "master", "agent", "scheduler", "scheduler", "executor"],
   "changes": [
    {"anchors": ["1-2-1-disallow-old-agents"], "tokens": {"version": ["1.1", "1.2.0", "1.2.1"]}, "points": 0},
    {"anchors": ["1-2-x-heartbeat-flag"], "tokens": {"caps": ["API", "ATTACH_CONTAINER_OUTPUT", "HTTP", "LAUNCH_NESTED_CONTAINER_SESSION"], "snake": ["http_heartbeat_interval"]}, "points": 0},
    {"anchors": ["1-2-x-backend-flag"], "tokens": {"snake": ["image_provisioner_backend"]}, "points": 0},
    {"anchors": ["1-2-x-unreachable-flag"], "tokens": {"snake": ["max_unreachable_tasks_per_framework"]}, "points": 0},
    {"anchors": ["1-2-x-revive-suppress"], "tokens": {}, "points": 0},
    {"anchors": ["1-2-x-container-logger-interface"], "tokens": {"jira": ["MESOS-5856"], "camel": ["ContainerLogger"], "caps": ["MESOS"], "version": ["1.2"], "quoted": ["ContainerLogger", "prepare()", "user"]}, "points": 0},
    {"anchors": ["1-2-x-allocator-module-changes"], "tokens": {"quoted": ["allocator.hpp"]}, "points": 0},
    {"anchors": ["1-2-x-new-authz-actions"], "tokens": {"camel": ["LocalAuthorizer"], "caps": ["ACL", "ATTACH_CONTAINER_INPUT", "ATTACH_CONTAINER_OUTPUT", "KILL_NESTED_CONTAINER", "LAUNCH_NESTED_CONTAINER", "LAUNCH_NESTED_CONTAINER_SESSION", "SET_LOG_LEVEL", "VIEW_CONTAINER", "WAIT_NESTED_CONTAINER"], "quoted": ["acls.proto", "authorizer.proto"]}, "points": 0},
    {"anchors": ["1-2-x-renamed-authz-actions"], "tokens": {"caps": ["CREATE_VOLUME", "DESTROY_VOLUME", "GET_QUOTA", "REGISTER_FRAMEWORK", "RESERVE_RESOURCES", "TEARDOWN_FRAMEWORK", "UNRESERVE_RESOURCES", "UPDATE_WEIGHT"], "quoted": ["authorizer.proto"]}, "points": 0},
    {"anchors": ["1-2-x-removed-hooks"], "tokens": {"camel": ["slavePreLaunchDockerEnvironmentDecorator", "slavePreLaunchDockerHook", "slavePreLaunchDockerTaskExecutorDecorator"]}, "points": 0},
    {"anchors": ["1-2-x-debug-endpoints"], "tokens": {"caps": ["API", "ATTACH_CONTAINER_INPUT", "ATTACH_CONTAINER_OUTPUT", "LAUNCH_NESTED_CONTAINER_SESSION"]}, "points": 0},
    {"anchors": ["1-2-x-recovered-frameworks"], "tokens": {"camel": ["GetFrameworks"], "snake": ["recovered_frameworks"], "quoted": ["recovered_frameworks"]}, "points": 0},
    {"anchors": ["1-2-x-orphan-executors"], "tokens": {"camel": ["GetExecutors"], "snake": ["orphan_executors"], "quoted": ["orphan_executors"]}, "points": 0},
    {"anchors": ["1-2-x-orphan-tasks"], "tokens": {"camel": ["GetTasks"], "snake": ["orphan_tasks"], "quoted": ["orphan_tasks"]}, "points": 0},
   ]},
  {"id": "1.2-1.3", "title": "Upgrading from 1.2.x to 1.3.x", "steps": ["module", "master", "agent", "scheduler", "scheduler", "executor"],
   "changes": [
    {"anchors": ["1-3-x-disallow-old-agents"], "tokens": {"version": ["1.1"]}, "points": 0},
    {"anchors": ["1-3-x-setquota-removequota-acl"], "tokens": {"caps": ["ACL"], "snake": ["remove_quotas", "remove_quotes", "set_quotas", "update_quotas"], "quoted": ["remove_quotas", "remove_quotes", "set_quotas", "update_quotas"]}, "points": 0},
    {"anchors": ["1-3-x-shutdown-framework-acl"], "tokens": {"caps": ["ACL"], "snake": ["shutdown_frameworks", "teardown_frameworks"], "quoted": ["shutdown_frameworks", "teardown_frameworks"]}, "points": 0},
    {"anchors": ["1-3-x-multi-role-support", "1-3-x-framework-info-role"], "tokens": {"camel": ["FrameworkInfo"], "caps": ["MULTI_ROLE"], "dotted": ["FrameworkInfo.role", "FrameworkInfo.roles"], "quoted": ["FrameworkInfo.role", "FrameworkInfo.roles", "MULTI_ROLE"]}, "points": 0},
    {"anchors": ["1-3-x-endpoints-roles"], "tokens": {"quoted": ["role", "roles"]}, "points": 0},
    {"anchors": ["1-3-x-allocator-interface-change"], "tokens": {"caps": ["MULTI_ROLE"], "quoted": ["MULTI_ROLE"]}, "points": 0},
    {"anchors": ["1-3-x-executor-authentication"], "tokens": {"caps": ["HTTP"], "snake": ["authenticate_http_executors", "executor_secret_key"], "quoted": ["authenticate_http_executors", "executor_secret_key"]}, "points": 0},
   ]},
  {"id": "1.3-1.4", "title": "Upgrading from 1.3.x to 1.4.x", "steps": None,
   "changes": [
    {"anchors": ["1-4-x-ambient-capabilities"], "tokens": {"camel": ["LinuxInfo"], "snake": ["effective_capabilities"], "dotted": ["LinuxInfo.effective_capabilities"], "version": ["4.3"], "quoted": ["LinuxInfo.effective_capabilities", "mesos-agent"]}, "points": 0},
    {"anchors": ["1-4-x-bounding-capabilities"], "tokens": {"flag": ["--bounding_capabilities"], "camel": ["LinuxInfo"], "snake": ["bounding_capabilities"], "dotted": ["LinuxInfo.bounding_capabilities"], "quoted": ["--bounding_capabilities", "LinuxInfo.bounding_capabilities"]}, "points": 0},
    {"anchors": ["1-4-x-agent-recovery"], "tokens": {}, "points": 2},
    {"anchors": ["1-4-x-linuxinfo-capabilities"], "tokens": {"camel": ["LinuxInfo"], "snake": ["effective_capabilities"], "dotted": ["LinuxInfo.capabilities", "LinuxInfo.effective_capabilities"], "quoted": ["LinuxInfo.capabilities", "LinuxInfo.effective_capabilities"]}, "points": 0},
    {"anchors": ["1-4-x-agent-capabilities-flags"], "tokens": {"flag": ["--allowed", "--bounding_capabilities", "--effective_capabilities"], "snake": ["bounding_capabilities", "effective_capabilities"], "quoted": ["--allowed-capabilities", "--bounding_capabilities", "--effective_capabilities"]}, "points": 3},
    {"anchors": ["1-4-x-allocator-update-slave"], "tokens": {"camel": ["updateSlave"], "dotted": ["Allocator::updateSlave"], "quoted": ["Allocator::updateSlave"]}, "points": 0},
    {"anchors": ["1-4-x-xfs-no-enforce"], "tokens": {"flag": ["--no"], "caps": ["XFS"], "snake": ["enforce_container_disk_quota"], "quoted": ["--no-enforce_container_disk_quota"]}, "points": 0},
    {"anchors": ["1-4-x-mesos-library"], "tokens": {"caps": ["RESERVATION_REFINEMENT"], "quoted": ["RESERVATION_REFINEMENT", "Resources"]}, "points": 0},
    {"anchors": ["1-4-x-update-minimal-docker-version"], "tokens": {"flag": ["--type"], "snake": ["container_name"], "version": ["1.0.0", "1.8.0"], "quoted": ["--type=container", "docker inspect", "docker inspect <container_name>"]}, "points": 0},
   ]},
  {"id": "1.4-1.5", "title": "Upgrading from 1.4.x to 1.5.x", "steps": None,
   "changes": [
    {"anchors": ["1-5-x-task-starting"], "tokens": {"caps": ["TASK_STARTING"], "quoted": ["TASK_STARTING"]}, "points": 0},
    {"anchors": ["1-5-x-task-resource-limitation"], "tokens": {"camel": ["TaskResourceLimitation", "TaskStatus"], "quoted": ["TaskResourceLimitation", "TaskStatus", "limitation"]}, "points": 0},
    {"anchors": ["1-5-x-network-ports-isolator"], "tokens": {"flag": ["--check_agent_port_range_only", "--container_ports_watch_interval"], "snake": ["check_agent_port_range_only", "container_ports_watch_interval"], "quoted": ["--check_agent_port_range_only", "--container_ports_watch_interval", "network/ports"]}, "points": 2},
    {"anchors": ["1-5-x-executor-secret-key"], "tokens": {"flag": ["--executor_secret_key", "--jwt_secret_key"], "snake": ["executor_secret_key", "jwt_secret_key"], "quoted": ["--executor_secret_key", "--jwt_secret_key"]}, "points": 0},
    {"anchors": ["1-5-x-relative-disk-source-root-path"], "tokens": {"flag": ["--work_dir"], "snake": ["work_dir"], "dotted": ["Resource.disk"], "quoted": ["--work_dir", "Resource.disk.source.mount.root", "Resource.disk.source.path.root"]}, "points": 0},
    {"anchors": ["1-5-x-get-containers"], "tokens": {"caps": ["API", "GET_CONTAINERS"], "snake": ["show_nested", "show_standalone"], "quoted": ["GET_CONTAINERS", "show_nested", "show_standalone"]}, "points": 2},
    {"anchors": ["1-5-x-reconfiguration-policy"], "tokens": {"flag": ["--reconfiguration_policy"], "snake": ["reconfiguration_policy"], "version": ["1.5"], "quoted": ["--reconfiguration_policy", "additive"]}, "points": 0},
    {"anchors": ["1-5-x-protobuf-requirement"], "tokens": {}, "points": 0},
    {"anchors": ["1-5-x-log-reader-catchup"], "tokens": {"caps": ["API"], "quoted": ["catchup()"]}, "points": 0},
   ]},
  {"id": "1.5-1.6", "title": "Upgrading from 1.5.x to 1.6.x", "steps": None,
   "changes": [
    {"anchors": ["1-6-x-grpc-requirement"], "tokens": {"camel": ["gRPC"], "version": ["1.10"]}, "points": 0},
    {"anchors": ["1-6-x-csi-support"], "tokens": {"caps": ["CSI"]}, "points": 0},
    {"anchors": ["1-6-x-fetcher-stall-timeout"], "tokens": {"flag": ["--fetcher_stall_timeout"], "caps": ["HDFS"], "snake": ["fetcher_stall_timeout"], "quoted": ["--fetcher_stall_timeout"]}, "points": 0},
    {"anchors": ["1-6-x-disk-profile-adaptor"], "tokens": {"caps": ["CSI"], "snake": ["disk_profile_adaptor"], "quoted": ["disk_profile_adaptor.hpp"]}, "points": 0},
    {"anchors": ["1-6-x-xfs-kill-containers"], "tokens": {"flag": ["--xfs_kill_containers"], "snake": ["xfs_kill_containers"], "quoted": ["--xfs_kill_containers", "disk/xfs"]}, "points": 0},
   ]},
  {"id": "1.6-1.7", "title": "Upgrading from 1.6.x to 1.7.x", "steps": None,
   "changes": [
    {"anchors": ["1-7-x-linux-devices-isolator"], "tokens": {"flag": ["--allowed_devices"], "snake": ["allowed_devices"], "quoted": ["--allowed_devices", "linux/devices"]}, "points": 0},
    {"anchors": ["1-7-x-auto-load-subsystems"], "tokens": {"flag": ["--isolation"], "quoted": ["--isolation", "cgroups/all", "cgroups/cpu"]}, "points": 0},
    {"anchors": ["1-7-x-container-specific-cgroups-mounts"], "tokens": {"endpoint": ["/sys/fs/cgroup"], "quoted": ["/sys/fs/cgroup"]}, "points": 0},
    {"anchors": ["1-7-x-volume-mode-support"], "tokens": {"caps": ["DOCKER_VOLUME", "HOST_PATH", "IMAGE", "SANDBOX_PATH", "SECRET"], "dotted": ["Volume.mode"], "quoted": ["DOCKER_VOLUME", "HOST_PATH", "IMAGE", "SANDBOX_PATH", "SECRET", "Volume.mode"]}, "points": 0},
    {"anchors": ["1-7-x-create-disk"], "tokens": {"camel": ["CreateBlockDisk", "CreateMountDisk", "DestroyBlockDisk", "DestroyMountDisk"], "caps": ["API", "BLOCK", "CREATE_BLOCK", "CREATE_DISK", "CREATE_VOLUME", "CSI", "DESTROY_BLOCK", "DESTROY_DISK", "DESTROY_VOLUME", "MOUNT", "RAW"], "quoted": ["BLOCK", "CREATE_BLOCK", "CREATE_DISK", "CREATE_VOLUME", "CreateBlockDisk", "CreateMountDisk", "DESTROY_BLOCK", "DESTROY_DISK", "DESTROY_VOLUME", "DestroyBlockDisk", "DestroyMountDisk", "MOUNT", "RAW"]}, "points": 2},
    {"anchors": ["1-7-x-resource-provider-acls"], "tokens": {"camel": ["ViewResourceProvider"], "caps": ["ACL", "API", "GET_RESOURCE_PROVIDERS"], "quoted": ["GET_RESOURCE_PROVIDERS", "ViewResourceProvider"]}, "points": 0},
    {"anchors": ["1-7-x-enforce-container-ports"], "tokens": {"flag": ["--enforce_container_ports"], "caps": ["TCP"], "snake": ["enforce_container_ports"], "quoted": ["--enforce_container_ports", "network/ports"]}, "points": 0},
    {"anchors": ["1-7-x-gc-non-executor-container-sandboxes"], "tokens": {"flag": ["--gc_non_executor_container_sandboxes"], "snake": ["gc_non_executor_container_sandboxes"], "quoted": ["--gc_non_executor_container_sandboxes"]}, "points": 0},
    {"anchors": ["1-7-x-network-cni-root-dir-persist"], "tokens": {"flag": ["--network_cni_root_dir_persist"], "snake": ["network_cni_root_dir_persist"], "quoted": ["--network_cni_root_dir_persist", "network/cni"]}, "points": 0},
    {"anchors": ["1-7-x-container-logger"], "tokens": {"camel": ["ContainerConfig", "ContainerID", "ContainerLogger"], "quoted": ["ContainerConfig", "ContainerID", "ContainerLogger", "prepare()"]}, "points": 0},
    {"anchors": ["1-7-x-isolator-recover"], "tokens": {"dotted": ["Isolator::recover"], "quoted": ["Isolator::recover()", "std::list", "std::vector"]}, "points": 0},
    {"anchors": ["1-7-x-json-serialization"], "tokens": {"caps": ["ECMA", "JSON"], "quoted": ["/", "\\/"]}, "points": 0},
   ]},
  {"id": "1.7-1.8", "title": "Upgrading from 1.7.x to 1.8.x", "steps": None,
   "changes": [
    {"anchors": ["1-8-x-linux-seccomp-isolator"], "tokens": {"flag": ["--seccomp_config_dir", "--seccomp_profile_name"], "snake": ["seccomp_config_dir", "seccomp_profile_name"], "quoted": ["--seccomp_config_dir", "--seccomp_profile_name", "linux/seccomp", "seccomp_config_dir"]}, "points": 2},
   ]},
  {"id": "1.8-1.9", "title": "Upgrading from 1.8.x to 1.9.x", "steps": None,
   "changes": [
    {"anchors": ["1-9-x-automatic-agent-draining"], "tokens": {"caps": ["API", "DRAINING", "DRAIN_AGENT"], "quoted": ["DRAINING", "DRAIN_AGENT", "docs/maintenance"]}, "points": 0},
    {"anchors": ["1-9-x-agent-features"], "tokens": {"flag": ["--agent_features"], "caps": ["AGENT_DRAINING"], "snake": ["agent_features"], "quoted": ["--agent_features", "AGENT_DRAINING"]}, "points": 0},
    {"anchors": ["1-9-x-linux-nnp-isolator"], "tokens": {"snake": ["no_new_privs"], "quoted": ["linux/nnp", "no_new_privs"]}, "points": 0},
    {"anchors": ["1-9-x-docker-ignore-runtime"], "tokens": {"flag": ["--docker_ignore_runtime"], "snake": ["docker_ignore_runtime"], "quoted": ["--docker_ignore_runtime"]}, "points": 0},
    {"anchors": ["1-9-x-hostname-validation-scheme"], "tokens": {"flag": ["--hostname_validation_scheme"], "caps": ["LIBPROCESS_SSL_HOSTNAME_VALIDATION_SCHEME", "TLS"], "snake": ["hostname_validation_scheme"], "quoted": ["--hostname_validation_scheme", "LIBPROCESS_SSL_HOSTNAME_VALIDATION_SCHEME", "docs/ssl"]}, "points": 0},
    {"anchors": ["1-9-x-client-certificate-verification"], "tokens": {"caps": ["LIBPROCESS_SSL_REQUIRE_CERT", "LIBPROCESS_SSL_VERIFY_CERT", "TLS"], "quoted": ["LIBPROCESS_SSL_REQUIRE_CERT", "LIBPROCESS_SSL_VERIFY_CERT"]}, "points": 2},
    {"anchors": ["1-9-x-configurable-ipc"], "tokens": {"flag": ["--default_container_shm_size", "--disallow_sharing_agent_ipc_namespace"], "camel": ["LinuxInfo"], "endpoint": ["/dev/shm"], "caps": ["IPC"], "snake": ["default_container_shm_size", "disallow_sharing_agent_ipc_namespace", "ipc_mode", "shm_size"], "dotted": ["LinuxInfo.ipc_mode", "LinuxInfo.shm_size"], "quoted": ["--default_container_shm_size", "--disallow_sharing_agent_ipc_namespace", "LinuxInfo.ipc_mode", "LinuxInfo.shm_size"]}, "points": 0},
    {"anchors": ["1-9-x-update-quota"], "tokens": {"caps": ["QUOTA", "REMOVE", "SET_QUOTA", "UPDATE_QUOTA"], "quoted": ["REMOVE QUOTA", "SET_QUOTA", "UPDATE_QUOTA"]}, "points": 0},
    {"anchors": ["1-9-x-quota-guarantees"], "tokens": {"jira": ["MESOS-1607"], "caps": ["MESOS"], "version": ["1.9"], "quoted": ["effective limit", "guarantees"]}, "points": 2},
   ]},
  {"id": "1.9-1.10", "title": "Upgrading from 1.9.x to 1.10.x", "steps": None,
   "changes": [
    {"anchors": ["1-10-x-ssl-env-var-rename"], "tokens": {"caps": ["LIBPROCESS_SSL_REQUIRE_CERT", "LIBPROCESS_SSL_REQUIRE_CLIENT_CERT", "LIBPROCESS_SSL_VERIFY_CERT", "LIBPROCESS_SSL_VERIFY_SERVER_CERT"], "quoted": ["LIBPROCESS_SSL_REQUIRE_CERT", "LIBPROCESS_SSL_REQUIRE_CLIENT_CERT", "LIBPROCESS_SSL_VERIFY_CERT", "LIBPROCESS_SSL_VERIFY_SERVER_CERT"]}, "points": 0},
    {"anchors": ["1-10-x-limits-cfs-quota"], "tokens": {"caps": ["CFS", "CPU"], "snake": ["cgroups_enable_cfs"], "quoted": ["cgroups_enable_cfs"]}, "points": 0},
    {"anchors": ["1-10-x-agent-features"], "tokens": {"flag": ["--agent_features"], "caps": ["TASK_RESOURCE_LIMITS"], "snake": ["agent_features"], "quoted": ["--agent_features", "TASK_RESOURCE_LIMITS"]}, "points": 0},
    {"anchors": ["1-10-x-synchronous-authorization"], "tokens": {"jira": ["MESOS-10056"], "camel": ["ObjectApprover", "getApprover"], "caps": ["MESOS"], "quoted": ["ObjectApprover", "getApprover(...)"]}, "points": 0},
    {"anchors": ["1-10-x-tasks-pending-authoirization-deprecated"], "tokens": {"jira": ["MESOS-10056"], "camel": ["GetTasks"], "caps": ["API", "MESOS"], "snake": ["pending_tasks"], "quoted": ["GetTasks", "pending_tasks"]}, "points": 0},
    {"anchors": ["1-10-x-allocator-module-changes"], "tokens": {"camel": ["recoverResources", "transitionOfferedToAllocated"], "quoted": ["recoverResources(...)", "transitionOfferedToAllocated(...)"]}, "points": 0},
   ]},
 ],
}
# ---- end of generated facts -------------------------------------------------


def strings(o):
    if isinstance(o, str):
        yield o
    elif isinstance(o, list):
        for v in o:
            yield from strings(v)
    elif isinstance(o, dict):
        for k, v in o.items():
            if k not in ('id', 'number'):
                yield from strings(v)


def present(kind, tok, text):
    if kind in ('flag', 'endpoint', 'version'):
        pat = r'(?<![\w/.-])' + re.escape(tok) + r'(?!\w|[./-]\w)'
    else:
        pat = r'(?<![A-Za-z0-9_])' + re.escape(tok) + r'(?![A-Za-z0-9_])'
    return re.search(pat, text) is not None


def check_plan(plan, results):
    """Every hop of @plan that the upstream guide covers, held to it."""
    facts = UPSTREAM
    by_id = {h['id']: h for h in plan['hops']}
    all_notes = {n['id']: n for h in plan['hops'] for n in h['notes']}

    def check(name, problems):
        more = ' (and %d more)' % (len(problems) - 6) if len(problems) > 6 else ''
        results.append(('FAIL %s: %s%s' % (name, '; '.join(problems[:6]), more)) if problems
                       else 'ok %s' % name)

    for g in facts['hops']:
        hop = by_id.get(g['id'])
        if hop is None:
            continue
        hid = g['id']
        p = [] if hop['title'] == g['title'] else [
            'title %r, the guide says %r' % (hop['title'], g['title'])]
        if hop.get('source', 'guide') != 'guide':
            p.append('source %r, not the guide' % hop.get('source'))
        check('upstream %s: title and source' % hid, p)

        carried, p, n = set(), [], 0
        for c in g['changes']:
            ids = NOTES.get(c['anchors'][0])
            if not ids:
                p.append('the change %s is in no note' % c['anchors'][0])
                continue
            notes = [all_notes.get('%s/%s' % (hid, i)) for i in ids]
            if None in notes:
                p.append('the change %s should be in %s, which the hop lacks' % (
                    c['anchors'][0], ids))
                continue
            carried.update(x['id'] for x in notes)
            text = '\n'.join(s for x in notes for s in strings(x))
            for kind, toks in c['tokens'].items():
                for tok in toks:
                    n += 1
                    want = CORRECTIONS.get((kind, tok), tok)
                    if not present(kind, want, text):
                        p.append('%s lacks the %s %r' % ('+'.join(ids), kind, want))
            gp = sum(x['points_origin'].count('guide') for x in notes)
            if gp != c['points']:
                p.append('%s has %d points of the guide, the guide %d' % (
                    '+'.join(ids), gp, c['points']))
        check('upstream %s: every change of the guide in its notes, with its %d facts and '
              'its sub-points' % (hid, n), p)

        extra = [x['id'] for x in hop['notes']
                 if x.get('origin', 'guide') == 'guide' and x['id'] not in carried]
        check('upstream %s: no note of origin guide that the guide lacks' % hid,
              ['%s is not in the guide' % e for e in extra])

        roles = [s['role'] for s in hop['steps']]
        origins = {s.get('origin') for s in hop['steps']}
        if g['steps'] is not None:
            p = [] if roles == g['steps'] else ['roles %s, the guide %s' % (roles, g['steps'])]
            if origins != {'guide'}:
                p.append('step origins %s, the guide gives these steps' % sorted(origins))
            check('upstream %s: the guide\'s %d steps, roles %s' % (
                hid, len(g['steps']), ','.join(g['steps'])), p)
        else:
            first = [ROLE_FIRST[hid]] if hid in ROLE_FIRST else []
            want = first + [r for r in STANDARD_ROLES if r not in first]
            p = [] if roles == want else ['roles %s, expected %s' % (roles, want)]
            if origins != {'tool'}:
                p.append('step origins %s, expected tool only' % sorted(origins))
            check('upstream %s: no steps in the guide, the standard order %s, origin tool'
                  % (hid, ','.join(want)), p)

    allowed = {}        # note id -> the (category, kind) pairs of its changes
    for anchor, pairs in facts['table'].items():
        for nid in NOTES.get(anchor, []):
            for hid, h in by_id.items():
                if anchor.startswith(h['to'].replace('.', '-') + '-'):
                    allowed.setdefault('%s/%s' % (hid, nid), []).extend(pairs)
    p, n = [], 0
    for nid, pairs in allowed.items():
        note = all_notes.get(nid)
        if note is None:
            continue
        n += 1
        got = [note.get('category'), KIND_OF.get(note.get('change'))]
        if got not in pairs:
            p.append('%s: category %r, change %r; the overview table says %s' % (
                nid, note.get('category'), note.get('change'),
                ' or '.join('%s %s' % (c, k) for c, k in pairs)))
    unmapped = sorted(a for a in facts['table'] if a not in NOTES)
    p += ['the overview table names %s, which no note carries' % a for a in unmapped]
    check('upstream overview table: category and change of the %d notes it lists' % n, p)


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'plan':
        with open(sys.argv[2], encoding='utf-8') as f:
            out = []
            check_plan(json.load(f), out)
        print('\n'.join(out))
    else:
        facts_main(sys.argv, 'upstream_facts', derive, dump, UPSTREAM,
                   lambda derived: ['%s says otherwise' % sys.argv[2]])
