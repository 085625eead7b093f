#!/usr/bin/env python3
"""fake_mesos.py - a fake Mesos cluster on loopback addresses, for tests.

    fake_mesos.py --scenario FILE --ready FILE [--lifetime SECONDS]

Python standard library only. Every socket is bound to an address in
127.0.0.0/8 and nothing else (bind() refuses anything else, so a scenario
cannot make it listen on a real interface); the fake never connects anywhere.
It exits by itself after --lifetime seconds (default 60), or on SIGTERM and
SIGINT, closing its sockets.

Masters: master i listens on 127.0.0.(11+i), on a port the kernel chooses
(no clash with anything else on the machine). Agents: when the scenario
says "serve": true, agent j gets its own listener on 127.0.0.2, again on a
port the kernel chooses, and its pid names that port ("slave(1)@127.0.0.2:
PORT"), so a request for an agent's /version reaches exactly that agent.
One listener per agent, rather than one shared listener told apart by
address, because a listener for many addresses would have to bind 0.0.0.0,
which is never allowed here; tests that need thousands of agents use masters
that report agents' versions (0.26 and later), whose agents need no listener
(their pids then name ports on 127.0.0.3 nobody listens on). One thread
waits on every listening socket; each request is handled in its own thread,
so a slow answer delays nobody else.

When every listener is bound, the ready file is written (atomically) with
the masters' and agents' base URLs; tests wait for it instead of sleeping.

The scenario file is JSON, read again whenever it changes (tests rewrite it
atomically), so agents can upgrade and the leader can move while it runs:

  {"masters": [{"version": "0.28.2", "up": true}, ...],  # count fixed at start
                                     # "hostname": what a master calls itself
                                     # (--hostname); default its address
   "leader": 0,                      # index of the leading master, or null
   "agents": {"count": 3, "version": "0.27.2",
              "upgraded": 1, "upgraded_version": "0.28.2",  # agents 0..upgraded-1
              "inactive": [2], "recovered": 0, "serve": false},
   "frameworks": [{"name": "marathon", "checkpoint": true}],
   "auth": {"principal": "ops", "secret": "..."},    # or null: basic auth
   "tls": {"cert": "c.pem", "key": "k.pem"},        # start time only
   "slow": {"/master/state": 3.0},   # seconds before answering that path,
   "slow_masters": [0],              # on these masters only (default: all)
   "loop": ["/master/slaves"],       # 307 to itself: a redirect loop
   "garbage": ["/master/slaves"],    # 200 with a body that is not JSON
   "wrong_shape": ["/version"]}      # JSON, but not shaped like Mesos'

What each endpoint answers follows apache/mesos at the guide's versions
(see the comments on each handler below).
"""

import argparse
import base64
import gzip
import ipaddress
import json
import os
import selectors
import signal
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOOPBACK = ipaddress.ip_network("127.0.0.0/8")
MASTER_BASE = 11     # master i on 127.0.0.(11 + i)
AGENT_ADDR = "127.0.0.2"
UNSERVED_AGENT_ADDR = "127.0.0.3"


def loopback_only(addr):
    """Refuse any address outside 127.0.0.0/8: the fake never listens elsewhere."""
    if ipaddress.ip_address(addr) not in LOOPBACK:
        raise SystemExit("fake_mesos: refusing to bind %s, not a loopback address" % addr)
    return addr


def vtuple(v):
    """'0.28.2' -> (0, 28, 2); the comparisons below are of releases."""
    return tuple(int(p) for p in v.split("-")[0].split("."))


class Cluster:
    """The scenario as last read, and the bodies rendered from it (cached)."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.stamp = None
        self.scenario = {}
        self.generation = 0
        self.cache = {}
        self.ports = []          # masters' ports, by index
        self.agent_ports = []    # agents' ports, when served
        self.reload()

    def reload(self):
        with self.lock:
            st = os.stat(self.path)
            stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
            if stamp == self.stamp:
                return False
            with open(self.path) as f:
                self.scenario = json.load(f)
            self.stamp = stamp
            self.generation += 1
            self.cache = {}
            return True

    def get(self, key, render):
        """The body for @key in this generation, rendered once."""
        with self.lock:
            gen = self.generation
            hit = self.cache.get(key)
        if hit is not None:
            return hit
        body = render()
        with self.lock:
            if gen == self.generation:
                self.cache[key] = body
        return body

    # ---- the cluster's facts -------------------------------------------

    def master(self, i):
        return self.scenario["masters"][i]

    def leader(self):
        return self.scenario.get("leader")

    def master_addr(self, i):
        return "127.0.0.%d:%d" % (MASTER_BASE + i, self.ports[i])

    def agents(self):
        return self.scenario.get("agents", {"count": 0})

    def agent_version(self, j):
        a = self.agents()
        if str(j) in a.get("versions", {}):
            return a["versions"][str(j)]
        if j < a.get("upgraded", 0):
            return a.get("upgraded_version", a["version"])
        return a["version"]

    def agent_pid(self, j):
        if j < len(self.agent_ports):
            return "slave(1)@%s:%d" % (AGENT_ADDR, self.agent_ports[j])
        return "slave(1)@%s:%d" % (UNSERVED_AGENT_ADDR, 20000 + j % 40000)


# ---- bodies, shaped after apache/mesos ---------------------------------------

def build_fields(version):
    # src/master/http.cpp (state.json, 0.2x) and src/version/version.cpp (1.x):
    # version, git_sha or git_tag (optional), build_date, build_time, build_user
    return {"version": version, "git_tag": version,
            "git_sha": "d31f096a4665650ad4b9eda372ac41d2c472a77c",
            "build_date": "2016-02-15 10:00:28", "build_time": 1455559228,
            "build_user": "mesos"}


def dumps(body):
    """JSON as stout's jsonify writes it: no whitespace; 8.0 and
    1455643700.5 as "%#.15g" less its trailing zeros, as Python writes them."""
    return json.dumps(body, separators=(",", ":")).encode()


def resources(master_version, ports=True):
    """json(Resources) in src/common/http.cpp: the scalars (cpus, mem, disk;
    gpus too from 1.0, written even when 0), then the ranges."""
    r = {"cpus": 8.0, "mem": 15360.0, "disk": 470000.0}
    if vtuple(master_version) >= (1, 0):
        r["gpus"] = 0.0
    if ports:
        r["ports"] = "[31000-32000]"
    return r


def used(master_version, cpus=1.0, mem=1024.0):
    r = resources(master_version, ports=False)
    r.update({"cpus": cpus, "mem": mem, "disk": 0.0})
    return r


def resource_full(name, value, extra=None):
    """One JSON::Protobuf(Resource), fields in the order of mesos.proto's
    numbers, as the endpoint format writes an unreserved one (role "*")."""
    r = {"name": name}
    if isinstance(value, tuple):
        r.update({"type": "RANGES", "ranges": {"range": [{"begin": value[0], "end": value[1]}]}})
    else:
        r.update({"type": "SCALAR", "scalar": {"value": value}})
    r["role"] = "*"
    r.update(extra or {})
    return r


def agent_summary(c, j, master_version):
    """One element of "slaves" in a master's state: summarize(Slave) in
    src/master/http.cpp, SlaveWriter from 1.2 (json(SlaveInfo) first: id,
    hostname, port, attributes; "capabilities" from 1.3).

    "version" is written from 0.26 on (0.26.0: object.values["version"] =
    slave.version); 0.24 and 0.25 masters leave it out.
    """
    a, v = c.agents(), vtuple(master_version)
    s = {"id": "20160215-100028-184549503-5050-1234-S%d" % j}
    if v >= (1, 2):
        s.update({"hostname": "agent-%05d" % j, "port": 5051,
                  "attributes": {"rack": "r%d" % (j % 40)}})
    s.update({"pid": c.agent_pid(j),
              "hostname": "agent-%05d" % j,
              "registered_time": 1455643700.5 + j,
              "resources": resources(master_version),
              "used_resources": used(master_version),
              "offered_resources": used(master_version, 0.0, 0.0),
              "reserved_resources": {},
              "unreserved_resources": resources(master_version)})
    if v < (1, 2):
        s["attributes"] = {"rack": "r%d" % (j % 40)}
    s["active"] = j not in a.get("inactive", [])
    if v >= (0, 26):
        s["version"] = c.agent_version(j)
    if v >= (1, 3):
        s["capabilities"] = ["MULTI_ROLE", "HIERARCHICAL_ROLE", "RESERVATION_REFINEMENT"]
    return s


def agent_full(c, j, master_version):
    """One element of /master/slaves' "slaves": the summary and, from 0.28,
    the resources as protobufs (Master::Http::slaves, SlavesWriter from 1.2):
    reserved_resources_full, unreserved_resources_full (from 1.4),
    used_resources_full (with allocation_info from 1.4), offered_resources_full."""
    v = vtuple(master_version)
    s = agent_summary(c, j, master_version)
    if v < (0, 28):
        return s
    alloc = {"allocation_info": {"role": "*"}} if v >= (1, 4) else None
    s["reserved_resources_full"] = {}
    if v >= (1, 4):
        s["unreserved_resources_full"] = [
            resource_full("cpus", 8.0), resource_full("mem", 15360.0),
            resource_full("disk", 470000.0), resource_full("ports", (31000, 32000))]
    s["used_resources_full"] = [resource_full("cpus", 1.0, alloc),
                                resource_full("mem", 1024.0, alloc)]
    s["offered_resources_full"] = []
    return s


def registered_and_recovered(c):
    a = c.agents()
    n = a.get("count", 0)
    rec = a.get("recovered", 0)
    return range(n - rec), range(n - rec, n)


def slaves_body(c, i):
    """/master/slaves. "recovered_slaves" (SlaveInfo: id, hostname, port,
    attributes) is written from 1.2 on (SlavesWriter); a master that does not
    lead answers with its own, empty, list before 1.0 (307 from 1.0)."""
    v = c.master(i)["version"]
    if c.leader() != i:
        return {"slaves": []}
    reg, rec = registered_and_recovered(c)
    body = {"slaves": [agent_full(c, j, v) for j in reg]}
    if vtuple(v) >= (1, 2):
        body["recovered_slaves"] = [
            {"id": "20160215-100028-184549503-5050-1234-S%d" % j,
             "hostname": "agent-%05d" % j, "port": 5051, "attributes": {}} for j in rec]
    return body


def state_body(c, i):
    """/master/state.json (and /master/state from 0.25): Master::Http::state."""
    v = c.master(i)["version"]
    leads = c.leader() == i
    s = build_fields(v)
    s.update({"start_time": 1455643643.42422,
              "id": "b5eac2c5-609b-4ca1-a352-61941702fc9%d" % i,
              "pid": "master@%s" % c.master_addr(i),
              "hostname": c.master(i).get("hostname", "127.0.0.%d" % (MASTER_BASE + i)),
              "activated_slaves": 0, "deactivated_slaves": 0,
              "cluster": "fake", "log_dir": "/var/log/mesos", "flags": {"port": "5050"},
              "completed_frameworks": [], "orphan_tasks": [],
              "unregistered_frameworks": []})
    if leads:
        s["elected_time"] = 1455643643.43457    # only when elected
    if c.leader() is not None:
        s["leader"] = "master@%s" % c.master_addr(c.leader())
    # the registered agents as in /master/slaves, without its *_full fields
    s["slaves"] = [agent_summary(c, j, v) for j in registered_and_recovered(c)[0]] \
        if leads else []
    # model(Framework): name, id, active, checkpoint, registered_time, ...
    s["frameworks"] = [
        {"id": "20160215-100028-184549503-5050-1234-%04d" % k, "name": f["name"],
         "active": True, "checkpoint": f.get("checkpoint", False), "user": "root",
         "registered_time": 1455643650.0, "unregistered_time": 0, "tasks": [],
         "completed_tasks": [], "resources": {"cpus": 1.0, "mem": 128.0}}
        for k, f in enumerate(c.scenario.get("frameworks", []))] if leads else []
    return s


def metrics_body(c, i):
    # docs/monitoring.md: master/elected, registrar/log/recovered (gauges, 0 or 1)
    leads = 1.0 if c.leader() == i else 0.0
    return {"master/elected": leads, "registrar/log/recovered": leads,
            "master/uptime_secs": 1234.5, "master/slaves_active": 0.0}


# ---- the HTTP side -----------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-mesos"

    def log_message(self, fmt, *args):
        pass

    def send(self, code, body=b"", ctype="application/json", headers=(), key=None):
        """Answer; gzip'd when asked and worth it, the gzip'd body cached
        under @key (the rendered body's key) when there is one."""
        if isinstance(body, (dict, list)):
            body = dumps(body)
        gz = "gzip" in self.headers.get("Accept-Encoding", "") and len(body) > 1024
        if gz and key:
            body = self.server.cluster.get(("gz",) + key, lambda: gzip.compress(body, 1))
        elif gz:
            body = gzip.compress(body, 1)
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Type", ctype)
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def authorised(self, c):
        auth = c.scenario.get("auth")
        if not auth:
            return True
        want = "Basic " + base64.b64encode(
            ("%s:%s" % (auth["principal"], auth["secret"])).encode()).decode()
        if self.headers.get("Authorization") == want:
            return True
        # libprocess' basic authenticator: 401 with a challenge
        self.send(401, b"", "text/plain", [("WWW-Authenticate", 'Basic realm="mesos"')])
        return False

    def do_GET(self):
        c = self.server.cluster
        c.reload()
        path = self.path.split("?")[0]
        if not self.authorised(c):
            return
        delay = c.scenario.get("slow", {}).get(path)
        slow_only = c.scenario.get("slow_masters")
        if delay and (slow_only is None or self.server.index in slow_only):
            self.server.stop.wait(delay)
        if path in c.scenario.get("garbage", []):
            return self.send(200, b"<html><body>502 Bad Gateway</body></html>", "text/html")
        if path in c.scenario.get("wrong_shape", []):
            return self.send(200, {"version": 28, "slaves": {"id": 1}, "credentials": 1})
        self.route(c, path)


class MasterHandler(Handler):
    def redirect(self, c, path):
        """Master::Http::redirect: a protocol-relative Location, "//host:port"
        plus the path from 1.0 on; to this master itself with no leader."""
        to = c.leader() if c.leader() is not None else self.server.index
        loc = "//127.0.0.%d:%d%s" % (MASTER_BASE + to, c.ports[to], path)
        self.send(307, b"", "text/plain", [("Location", loc)])

    def route(self, c, path):
        i = self.server.index
        v = vtuple(c.master(i)["version"])
        key = (i, path)
        if path == "/version" and v >= (0, 26):     # src/version/version.cpp is 0.26's
            return self.send(200, c.get(key, lambda: dumps(build_fields(
                c.master(i)["version"]))))
        if path in c.scenario.get("loop", []):
            loc = "//127.0.0.%d:%d%s" % (MASTER_BASE + i, c.ports[i], path)
            return self.send(307, b"", "text/plain", [("Location", loc)])
        if path in ("/master/redirect", "/redirect"):
            return self.redirect(c, "")
        if path == "/metrics/snapshot":
            return self.send(200, metrics_body(c, i))
        if path in ("/master/state.json", "/master/state", "/master/slaves"):
            if path == "/master/state" and v < (0, 25):     # route("/state") is 0.25's
                return self.send(404, b"", "text/plain")
            if c.leader() != i and v >= (1, 0):    # 1.0: "return redirect(request)"
                return self.redirect(c, path)
            render = slaves_body if path == "/master/slaves" else state_body
            return self.send(200, c.get(key, lambda: dumps(render(c, i))),
                             key=key)
        self.send(404, b"", "text/plain")


class AgentHandler(Handler):
    def route(self, c, path):
        j = self.server.index
        v = c.agent_version(j)
        if path == "/version" and vtuple(v) >= (0, 26):
            return self.send(200, build_fields(v))
        if path in ("/state.json", "/slave(1)/state.json"):
            # the agent's own state: "version" is there in every 0.2x
            body = build_fields(v)
            body.update({"pid": c.agent_pid(j), "hostname": "agent-%05d" % j})
            return self.send(200, body)
        self.send(404, b"", "text/plain")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, addr, handler, cluster, index, stop, tls):
        loopback_only(addr[0])
        self.cluster, self.index, self.stop, self.tls = cluster, index, stop, tls
        super().__init__(addr, handler)
        self.timeout = 0

    def finish_request(self, request, client_address):
        # the TLS handshake happens here, in the request's own thread: in the
        # loop thread, one client slow to shake hands would stall them all
        if self.tls:
            request.settimeout(5)
            request = self.tls.wrap_socket(request, server_side=True)
            request.settimeout(None)
        self.RequestHandlerClass(request, client_address, self)

    def handle_error(self, request, client_address):
        pass    # a client that went away (a timeout test) is not an error


def write_ready(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f)
    os.rename(tmp, path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--ready", required=True)
    ap.add_argument("--lifetime", type=float, default=60.0)
    args = ap.parse_args()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    c = Cluster(args.scenario)
    tls = None
    if c.scenario.get("tls"):
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(c.scenario["tls"]["cert"], c.scenario["tls"]["key"])
    scheme = "https" if tls else "http"

    masters = []
    for i in range(len(c.scenario["masters"])):
        s = Server(("127.0.0.%d" % (MASTER_BASE + i), 0), MasterHandler, c, i, stop, tls)
        masters.append(s)
        c.ports.append(s.server_address[1])
    agents = []
    a = c.agents()
    if a.get("serve"):
        for j in range(a.get("count", 0)):
            s = Server((AGENT_ADDR, 0), AgentHandler, c, j, stop, tls)
            agents.append(s)
            c.agent_ports.append(s.server_address[1])

    sel = selectors.DefaultSelector()
    for s in masters + agents:
        sel.register(s, selectors.EVENT_READ)
    up = [True] * len(masters)     # listening since bound

    def apply_up():
        # a master "down" stops accepting: its socket stops listening,
        # so a connection is refused, as with a stopped mesos-master
        for i, s in enumerate(masters):
            want = c.master(i).get("up", True)
            if want and not up[i]:
                s.socket.listen(s.request_queue_size)
                sel.register(s, selectors.EVENT_READ)
            elif not want and up[i]:
                sel.unregister(s)
                s.socket.close()
                s.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.socket.bind((loopback_only("127.0.0.%d" % (MASTER_BASE + i)), c.ports[i]))
            up[i] = want

    def ready():
        # "generation" tells a test that a change of the scenario is in force
        write_ready(args.ready, {
            "pid": os.getpid(), "generation": c.generation,
            "masters": ["%s://127.0.0.%d:%d" % (scheme, MASTER_BASE + i, p)
                        for i, p in enumerate(c.ports)],
            "agents": ["%s://%s:%d" % (scheme, AGENT_ADDR, p) for p in c.agent_ports]})

    applied = c.generation
    apply_up()
    ready()
    deadline = time.monotonic() + args.lifetime
    while not stop.is_set() and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=0.05):
            key.fileobj.handle_request()
        c.reload()
        if c.generation != applied:
            applied = c.generation
            apply_up()
            ready()
    stop.set()
    for s in masters + agents:
        s.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
