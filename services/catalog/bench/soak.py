#!/usr/bin/env python3
"""Bounded soak of the whole platform: load, concurrent writers, a change-feed follower, a killed catalog and a
database outage, in one run. Standard library only; needs wrk and built services (./mvnw package -DskipTests).

    python3 services/catalog/bench/soak.py [--seconds 120] [--writers 8] [--stop-postgres]

It starts its own platform (deploy/local/platform.sh, ports 9301-9304, database accelerometer_soak, home
/tmp/accelerometer-soak) whose services reach PostgreSQL through a TCP relay in this process, so "the database goes
away" is a relay cut (every connection reset, new ones refused) that leaves the machine's cluster alone; with
--stop-postgres it stops and starts the cluster itself instead (pg_ctlcluster, as root). During the run:

  * wrk on costing (matmul), planner (evaluate), quantization (compare formats) and the catalog (a filtered list),
    counting answers by class: 2xx, 503 (an outage, answered as one), other 5xx (a defect), other;
  * N writers updating soak accelerators with If-Match (every 200 is an acknowledged write: id, version, notes);
  * a follower draining GET /v1/changes the way common's CatalogCalls.drainChanges does;
  * quantization comparisons with a distinct catalog filter each (an adversary for the bounded list cache);
  * at 25 % of the run the catalog is killed with SIGKILL and restarted; at 60 % (and at least 10 s after the catalog
    is back) the database goes away for 10 s. The load runs --seconds and at least 20 s past the last fault, in wrk
    chunks of 10 s that wait while their service is down.

Afterwards it checks every acknowledged write against the document's history (lost writes: must be 0) and against the
changes the follower saw (missed changes: must be 0), and prints requests, 5xx, and each service's RSS before and
after. Exit status 1 when a check fails. Loopback only.
"""
import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SERVICES = ["catalog", "costing", "planner", "quantization"]
PORTS = {"catalog": 9301, "costing": 9302, "planner": 9303, "quantization": 9304}
KEY = "soak-key"
HOME = os.environ.get("SOAK_HOME", "/tmp/accelerometer-soak")
# Every request comes from this one client: the per-client rate limits (on by default) are raised so the load measures
# the services, not the limiter (services/catalog/bench/rate-limit.sh measures the limiter).
RATE_LIMITS_RAISED = {"ACCELEROMETER_RATE_LIMIT_WRITES_PER_MINUTE": "1000000000",
                      "ACCELEROMETER_RATE_LIMIT_SEARCHES_PER_MINUTE": "1000000000",
                      "ACCELEROMETER_RATE_LIMIT_FAILED_AUTHENTICATIONS_PER_MINUTE": "1000000000"}


def url(service, path):
    return "http://127.0.0.1:%d%s" % (PORTS[service], path)


def call(method, target, body=None, headers=None, timeout=10):
    """(status, headers, parsed body or None); status 0 when the connection failed."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(target, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            return response.status, dict(response.headers), json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return e.code, dict(e.headers), parsed
    except (urllib.error.URLError, OSError):
        return 0, {}, None


class Relay:
    """TCP relay to PostgreSQL that can be cut (connections reset, new ones refused) and restored."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.port = self.server.getsockname()[1]
        self.cut = False
        self.open = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if self.cut:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open.update([client, upstream])
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while True:
                chunk = source.recv(65536)
                if not chunk:
                    break
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                self._close(s)

    def _close(self, s):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()
        with self.lock:
            self.open.discard(s)

    def outage(self, on):
        self.cut = on
        if on:
            with self.lock:
                sockets = list(self.open)
            for s in sockets:
                self._close(s)


def platform(env, *args):
    return subprocess.run([os.path.join(ROOT, "deploy/local/platform.sh"), *args], env=env, cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def pid(service):
    try:
        with open(os.path.join(HOME, "run", service + ".pid")) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def rss_mib(service):
    p = pid(service)
    try:
        with open("/proc/%d/status" % p) as f:
            for line in f:
                if line.startswith("VmRSS"):
                    return int(line.split()[1]) / 1024.0
    except (OSError, TypeError):
        return None
    return None


WRK_TEMPLATE = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; outage = 0; defect = 0; other = 0 end
wrk.method = "%(method)s"
wrk.headers["Content-Type"] = "application/json"
%(body)s
function response(status, headers, body)
  if status == 503 then outage = outage + 1
  elseif status >= 500 then defect = defect + 1
  elseif status < 300 then ok = ok + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local a, b, c, d = 0, 0, 0, 0
  for _, t in ipairs(threads) do a = a + t:get("ok"); b = b + t:get("outage"); c = c + t:get("defect"); d = d + t:get("other") end
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d\\n", a, b, c, d,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
"""

LOADS = [
    ("costing", "POST", "/v1/costs/matmul", {"acceleratorId": "nvidia-h100-sxm", "m": 8192, "n": 8192, "k": 8192, "format": "bf16"}),
    ("planner", "POST", "/v1/plans/evaluate", {
        "modelId": "gpt-3-175b", "cluster": {"systemId": "nvidia-dgx-a100-80gb", "devices": 1024},
        "training": {"globalBatchSize": 1536, "sequenceLength": 2048, "format": "fp16", "tokens": 300000000000},
        "plan": {"dataParallel": 8, "tensorParallel": 8, "pipelineParallel": 16, "microBatchSize": 1, "recompute": "full"}}),
    ("quantization", "POST", "/v1/estimates/compare", {
        "base": {"modelId": "llama-2-7b", "weightFormat": "nf4", "contextLength": 4096, "batch": 1, "acceleratorIds": ["nvidia-h100-sxm"]},
        "weightFormats": ["fp16", "llm.int8", "nf4"]}),
    ("catalog", "GET", "/v1/accelerators?kind=gpu&sort=-peakBf16FlopsPerSecond&pageSize=50", None),
]


def wrk(service, method, path, body, scripts, results, until, chunk=10):
    """wrk in chunks of `chunk` seconds until until() says stop; a chunk waits while the service is down (no spinning
    on refused connections), and the seconds waited are reported."""
    script = os.path.join(scripts, service + ".lua")
    with open(script, "w") as f:
        f.write(WRK_TEMPLATE % {"method": method, "body": "wrk.body = [[%s]]" % json.dumps(body) if body else ""})
    total = {"requests": 0, "2xx": 0, "503": 0, "5xxOther": 0, "4xx/3xx": 0, "socketErrors": 0, "timeouts": 0, "secondsDown": 0}
    results[service] = total
    while not until():
        if call("GET", url(service, "/q/health/live"), timeout=2)[0] != 200:
            total["secondsDown"] += 1
            time.sleep(1)
            continue
        out = subprocess.run(["wrk", "-t1", "-c2", "-d%ds" % chunk, "--timeout", "10s", "-s", script, url(service, path)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
        line = next((l for l in out.splitlines() if l.startswith("RESULT")), None)
        if line is None:
            total["error"] = out[-400:]
            return
        ok, outage, defect, other, socket_errors, timeouts = map(int, line.split()[1:])
        for key, value in (("2xx", ok), ("503", outage), ("5xxOther", defect), ("4xx/3xx", other),
                           ("socketErrors", socket_errors), ("timeouts", timeouts)):
            total[key] += value
        total["requests"] += ok + outage + defect + other


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--documents", type=int, default=16)
    parser.add_argument("--stop-postgres", action="store_true")
    args = parser.parse_args()

    pg_host, pg_port = os.environ.get("PGHOST", "127.0.0.1"), int(os.environ.get("PGPORT", "5432"))
    relay = None if args.stop_postgres else Relay(pg_host, pg_port)
    env = dict(os.environ, ACCELEROMETER_HOME=HOME, PGDATABASE="accelerometer_soak", PGHOST="127.0.0.1",
               PGPORT=str(relay.port if relay else pg_port), CATALOG_API_KEYS="soak:" + KEY, CATALOG_POLL_INTERVAL="2s",
               **{s.upper() + "_PORT": str(p) for s, p in PORTS.items()},
               CATALOG_URL=url("catalog", ""), COSTING_URL=url("costing", ""), **RATE_LIMITS_RAISED)
    print("soak: starting the platform (home %s, database through %s)" % (HOME, "a relay on port %d" % relay.port if relay else "the cluster"))
    started = platform(env, "start", "--no-build", *SERVICES)
    if started.returncode != 0:
        print(started.stdout)
        return 2

    writer_headers = {"X-API-Key": KEY}
    run = "%x" % int(time.time())
    base_status, _, h100 = call("GET", url("catalog", "/v1/accelerators/nvidia-h100-sxm"))
    assert base_status == 200, base_status
    ids = []
    acknowledged = []  # (id, version, notes)
    for i in range(args.documents):
        doc = dict(h100, id="soak-%s-%d" % (run, i), name="Soak %s %d" % (run, i))
        doc.pop("derived", None)
        doc.pop("version", None)
        status, headers, _ = call("POST", url("catalog", "/v1/accelerators"), doc, writer_headers)
        assert status == 201, (status, doc["id"])
        ids.append(doc["id"])
        acknowledged.append((doc["id"], int(headers["ETag"].strip('"')), doc.get("notes")))

    # Warm-up, then the "before" memory.
    warm = {}
    warm_until = time.time() + 10
    threads = [threading.Thread(target=wrk, args=(s, m, p, b, tempfile.mkdtemp(), warm, lambda: time.time() > warm_until))
               for s, m, p, b in LOADS]
    [t.start() for t in threads]
    [t.join() for t in threads]
    rss_before = {s: rss_mib(s) for s in SERVICES}

    stop = threading.Event()
    lock = threading.Lock()
    counts = {"writes": 0, "writeConflicts": 0, "writeOutages": 0, "write5xxOther": 0, "feedPolls": 0, "feedErrors": 0,
              "adversarialFilters": 0, "adversarial5xxOther": 0}
    seen = set()

    def writer(seed):
        rnd = random.Random(seed)
        while not stop.is_set():
            doc_id = rnd.choice(ids)
            status, headers, doc = call("GET", url("catalog", "/v1/accelerators/" + doc_id))
            if status != 200:
                time.sleep(0.2)
                continue
            notes = "soak writer %d at %.6f" % (seed, time.time())
            doc["notes"] = notes
            doc.pop("derived", None)
            doc.pop("version", None)
            status, headers, _ = call("PUT", url("catalog", "/v1/accelerators/" + doc_id), doc,
                                      dict(writer_headers, **{"If-Match": headers.get("ETag", "")}))
            with lock:
                if status == 200:
                    counts["writes"] += 1
                    acknowledged.append((doc_id, int(headers["ETag"].strip('"')), notes))
                elif status == 412:
                    counts["writeConflicts"] += 1
                elif status in (0, 503):
                    counts["writeOutages"] += 1
                elif status >= 500:
                    counts["write5xxOther"] += 1
            if status in (0, 503):
                time.sleep(0.2)

    def drain(position):
        while True:
            status, _, feed = call("GET", url("catalog", "/v1/changes?after=%d&limit=500" % position))
            with lock:
                counts["feedPolls"] += 1
                if status != 200:
                    counts["feedErrors"] += 1
            if status != 200:
                return position, False
            for change in feed["changes"]:
                seen.add((change["id"], change["version"]))
                position = max(position, change["sequence"])
            if not feed["changes"]:
                position = max(position, feed["latestSequence"])
            if not feed.get("more"):
                return position, True

    follower_position = [0]

    def follower():
        while not stop.is_set():
            follower_position[0], _ = drain(follower_position[0])
            time.sleep(0.5)

    events = []
    faults_done = []

    def adversary():
        """Quantization with a distinct catalog filter per request: each is a new list query (the cache is bounded)."""
        rnd = random.Random(7)
        body = dict(LOADS[2][3])
        while not stop.is_set():
            base = dict(body["base"], filter={"minMemoryBytes": str(rnd.randrange(1, 1 << 40))})
            base.pop("acceleratorIds", None)
            status, _, _ = call("POST", url("quantization", "/v1/estimates/compare"), dict(body, base=base))
            with lock:
                counts["adversarialFilters"] += 1
                if status >= 500 and status != 503:
                    counts["adversarial5xxOther"] += 1

    def faults():
        t0 = time.time()

        def at(fraction):
            stop.wait(max(0.0, t0 + fraction * args.seconds - time.time()))

        at(0.25)
        victim = pid("catalog")
        os.kill(victim, signal.SIGKILL)
        events.append("%.0f s: catalog (pid %d) killed with SIGKILL" % (time.time() - t0, victim))
        time.sleep(5)
        restarted = platform(env, "start", "--no-build", "catalog")
        events.append("%.0f s: catalog restarted (%s)" % (time.time() - t0, "ready" if restarted.returncode == 0 else restarted.stdout[-200:]))
        at(0.6)
        stop.wait(10)  # load on the restarted catalog before the next fault
        if relay:
            relay.outage(True)
        else:
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", os.environ.get("PG_CLUSTER_VERSION", "15"), "main", "stop", "-m", "fast"])
        events.append("%.0f s: database away" % (time.time() - t0))
        time.sleep(10)
        if relay:
            relay.outage(False)
        else:
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", os.environ.get("PG_CLUSTER_VERSION", "15"), "main", "start"])
        events.append("%.0f s: database back" % (time.time() - t0))
        faults_done.append(time.time())

    load = {}
    scripts = tempfile.mkdtemp()
    started_at = time.time()

    def load_over():
        # The load lasts --seconds, and at least 20 s past the last fault, so every fault happens under load.
        return time.time() - started_at > args.seconds and bool(faults_done) and time.time() > faults_done[0] + 20

    workers = [threading.Thread(target=wrk, args=(s, m, p, b, scripts, load, load_over)) for s, m, p, b in LOADS]
    workers += [threading.Thread(target=writer, args=(n,)) for n in range(args.writers)]
    workers += [threading.Thread(target=follower), threading.Thread(target=adversary)]
    fault_thread = threading.Thread(target=faults)
    fault_thread.start()
    for w in workers:
        w.start()
    while not load_over():
        time.sleep(1)
    stop.set()
    for w in workers + [fault_thread]:
        w.join()

    # Settle: the platform answers again, and the follower drains to the end.
    deadline = time.time() + 120
    while time.time() < deadline and call("GET", url("catalog", "/q/health/ready"))[0] != 200:
        time.sleep(1)
    for _ in range(60):
        follower_position[0], complete = drain(follower_position[0])
        if complete:
            break
        time.sleep(1)
    rss_after = {s: rss_mib(s) for s in SERVICES}

    lost = []
    for doc_id in ids:
        status, _, history = call("GET", url("catalog", "/v1/accelerators/%s/history" % doc_id))
        versions = {r["version"]: (r.get("document") or {}).get("notes") for r in (history or [])}
        for ack_id, version, notes in acknowledged:
            if ack_id == doc_id and (version not in versions or versions[version] != notes):
                lost.append((ack_id, version))
    missed = [(i, v) for i, v, _ in acknowledged if (i, v) not in seen]

    report = {
        "loadSeconds": round(time.time() - started_at), "events": events, "load": load, "writers": counts,
        "acknowledgedWrites": len(acknowledged), "lostAcknowledgedWrites": len(lost), "lostExamples": lost[:5],
        "changesMissedByFollower": len(missed), "missedExamples": missed[:5],
        "rssMiB": {s: {"before": rss_before[s], "after": rss_after[s]} for s in SERVICES},
    }
    print(json.dumps(report, indent=2))
    with open(os.path.join(HOME, "soak-report.json"), "w") as f:
        json.dump(report, f, indent=2)
    platform(env, "stop", *SERVICES)
    defects = sum(v.get("5xxOther", 0) for v in load.values()) + counts["write5xxOther"] + counts["adversarial5xxOther"]
    failed = lost or missed or defects or any("error" in v for v in load.values())
    print("soak: %s — %d requests under wrk, %d other 5xx, %d acknowledged writes, %d lost, %d changes missed"
          % ("FAILED" if failed else "passed", sum(v.get("requests", 0) for v in load.values()), defects,
             len(acknowledged), len(lost), len(missed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
