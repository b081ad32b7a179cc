#!/usr/bin/env python3
"""Shipment figures on a running Keyport (demo data), called by
scripts/bench-shipments.sh once per engine; prints one line per figure.
Asserts nothing: speed is measured, not tested.

1. Webhook ingest: signed carrier events (HMAC-SHA256, as a carrier signs
   them) posted by 4 processes over keep-alive connections, spread over
   the demo's shipments on their way; events/s and latency.
2. Streams: N event streams (/api/v1/events) opened and held; the
   server's resident memory before and after, per stream.
3. Event to stream: webhook calls while the N streams are open; for each
   call, the time until each stream has it (p50/p99 over all).
"""

import asyncio
import hashlib
import hmac
import http.client
import json
import multiprocessing
import statistics
import sys
import time
import urllib.request
from datetime import datetime, timezone

base, pid, streams, events = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
host, port = base.removeprefix("http://").split(":")
port = int(port)
KINDS = ["in_transit", "at_hub", "customs", "in_transit"]


def api(method, path, token=None, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


def token(email):
    return api("POST", "/api/v1/auth/token", body={"email": email, "password": "keyport-demo-2026", "name": "bench"})["token"]


def rss_kb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def signed(carrier, tracking, event_id, kind):
    body = json.dumps({"event_id": event_id, "tracking_number": tracking, "kind": kind,
                       "at": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"), "place": "Bench hub"}).encode()
    ts = str(int(time.time()))
    sig = "sha256=" + hmac.new(f"demo-{carrier}-secret".encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return body, {"content-type": "application/json", "x-keyport-timestamp": ts, "x-keyport-signature": sig}


def worker(args):
    n, offset, targets = args
    conn = http.client.HTTPConnection(host, port)
    samples = []
    for i in range(n):
        carrier, tracking = targets[(offset + i) % len(targets)]
        body, headers = signed(carrier, tracking, f"bench-{offset}-{i}-{time.time_ns()}", KINDS[i % len(KINDS)])
        start = time.perf_counter()
        conn.request("POST", f"/api/v1/carriers/{carrier}/events", body, headers)
        r = conn.getresponse()
        r.read()
        samples.append((time.perf_counter() - start) * 1000)
        if r.status != 202:
            raise SystemExit(f"webhook answered {r.status}")
    return samples


def pct(samples, p):
    s = sorted(samples)
    return s[min(len(s) - 1, int(len(s) * p))]


admin = token("admin@keyport.example")
page = api("GET", "/api/v1/shipments?status=in_transit", admin)["items"] + api("GET", "/api/v1/shipments?status=exception", admin)["items"]
targets, acme = [], []
for s in page[:40]:
    d = api("GET", f"/api/v1/shipments/{s['id']}", admin)
    targets.append((d["carrier"], d["tracking_number"]))
    if d["account_name"].startswith("ACME"):
        acme.append((d["carrier"], d["tracking_number"]))
if not targets:
    raise SystemExit("no demo shipment on its way")

# 1. ingest
procs = 4
start = time.perf_counter()
with multiprocessing.Pool(procs) as pool:
    results = pool.map(worker, [(events // procs, k * 100_000, targets) for k in range(procs)])
elapsed = time.perf_counter() - start
lat = [x for r in results for x in r]
print(f"webhook ingest|{len(lat) / elapsed:.0f} events/s|{len(lat)} signed calls, {procs} processes, keep-alive, over {len(targets)} shipments")
print(f"webhook latency|p50 {statistics.median(lat):.1f} ms, p99 {pct(lat, 0.99):.1f} ms|same run")


# 2. and 3. streams
async def open_stream(tok):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET /api/v1/events HTTP/1.1\r\nhost: {host}\r\nauthorization: Bearer {tok}\r\naccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if b" 200 " not in head.split(b"\r\n")[0]:
        raise SystemExit(head.decode())
    return reader, writer


async def main():
    tok = token("buyer@acme.example")
    before = rss_kb()
    conns = []
    t0 = time.perf_counter()
    for i in range(0, streams, 250):
        conns += await asyncio.gather(*(open_stream(tok) for _ in range(min(250, streams - i))))
    opened = time.perf_counter() - t0
    await asyncio.sleep(1)
    after = rss_kb()
    print(f"open streams held|{len(conns)}|one token of an ACME buyer; opened in {opened:.1f} s")
    print(f"memory per stream|{(after - before) / len(conns):.1f} KiB|server RSS {before / 1024:.0f} → {after / 1024:.0f} MiB")
    seen = []

    async def read(reader):
        # one data event per webhook call reaches each stream (keep-alive comments aside)
        buf = b""
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                return
            now = time.perf_counter()
            buf += chunk
            while b"\n\n" in buf:
                ev, buf = buf.split(b"\n\n", 1)
                if b"data:" in ev:
                    seen.append(now)

    readers = [asyncio.create_task(read(r)) for r, _ in conns]
    rounds = 10
    loop = asyncio.get_running_loop()
    latencies = []
    for k in range(rounds):
        carrier, tracking = acme[k % len(acme)]
        body, headers = signed(carrier, tracking, f"stream-{k}-{time.time_ns()}", "at_hub")
        seen.clear()
        t_send = time.perf_counter()
        await loop.run_in_executor(None, post_once, carrier, body, headers)
        deadline = t_send + 10
        while len(seen) < len(conns) and time.perf_counter() < deadline:
            await asyncio.sleep(0.002)
        latencies += [(t - t_send) * 1000 for t in seen]
        missing = len(conns) - len(seen)
        if missing:
            print(f"  round {k}: {missing} streams did not hear within 10 s")
        await asyncio.sleep(0.3)
    print(f"webhook call to every stream|p50 {statistics.median(latencies):.0f} ms, p99 {pct(latencies, 0.99):.0f} ms|{rounds} calls × {len(conns)} streams (ACME shipments; the streams are ACME's)")
    for t in readers:
        t.cancel()
    for _, w in conns:
        w.close()


def post_once(carrier, body, headers):
    conn = http.client.HTTPConnection(host, port)
    conn.request("POST", f"/api/v1/carriers/{carrier}/events", body, headers)
    conn.getresponse().read()
    conn.close()


asyncio.run(main())
