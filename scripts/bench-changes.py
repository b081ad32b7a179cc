#!/usr/bin/env python3
"""Change-request figures on a running Keyport (demo data): the live
preview and the approval of a 200-line order, sequential latency, and the
order's versions view (a 200-line diff, server-rendered) under wrk.
Called by scripts/bench-changes.sh once per engine; prints one line per
figure. Asserts nothing: speed is measured, not tested."""

import json
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta

base = sys.argv[1]
seconds = sys.argv[2] if len(sys.argv) > 2 else "10"
LINES = 200


def call(method, path, token=None, body=None, headers=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def token(email):
    status, _, body = call("POST", "/api/v1/auth/token", body={"email": email, "password": "keyport-demo-2026", "name": "bench"})
    assert status == 201, body
    return body["token"]


def timed(fn, n):
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1 if len(samples) >= 100 else -1]


buyer, am = token("buyer@acme.example"), token("am@keyport.example")
products = call("GET", "/api/v1/products?limit=200", buyer)[2]
items = products["products"] if isinstance(products, dict) else products
lines = [{"sku": items[i % len(items)]["sku"], "quantity": items[i % len(items)]["moq"], "requested_date": None} for i in range(LINES)]
first = call("GET", "/api/v1/orders", buyer)[2]["orders"][0]["id"]
site = call("GET", f"/api/v1/orders/{first}", buyer)[2]["site_id"]
order_body = {"site_id": site, "requested_date": str(date.today() + timedelta(days=90)), "po_number": "BENCH-200", "notes": "", "lines": lines}
status, _, order = call("POST", "/api/v1/orders", buyer, order_body, {"idempotency-key": f"bench-{time.time()}"})
assert status == 201, order
oid = order["id"]
status, _, body = call("POST", f"/api/v1/orders/{oid}/submit", buyer)
assert status == 200, body


def request_body(version, step):
    pack = {p["sku"]: p["pack_multiple"] for p in items}
    cur = call("GET", f"/api/v1/orders/{oid}", buyer)[2]
    changes = [{"kind": "quantity", "line_key": l["line_key"], "quantity": l["quantity"] + step * pack[l["sku"]]} for l in cur["lines"]]
    return {"base_version": version, "reason": "bench", "changes": changes}


# the live preview: every line's quantity changed
body = request_body(1, 1)
preview = lambda: call("POST", "/api/v1/change-requests/preview", buyer, {"order_id": oid, **body})
assert preview()[0] == 200
preview()
p50, p99 = timed(preview, 200)
print(f"preview, {LINES} lines changed|{p50:.1f}|{p99:.1f}|200 sequential")

# the approval: a request sent, then approved (each makes the next version)
approvals = []
for version in range(1, 51):
    body = request_body(version, 1)
    status, _, sent = call("POST", f"/api/v1/orders/{oid}/change-requests", buyer, body, {"idempotency-key": f"b-{oid}-{version}"})
    assert status == 201, sent
    etag = call("GET", f"/api/v1/change-requests/{sent['id']}", am)[1]["etag"]
    start = time.perf_counter()
    status, _, done = call("POST", f"/api/v1/change-requests/{sent['id']}/approve", am, {"message": ""}, {"if-match": etag})
    approvals.append((time.perf_counter() - start) * 1000)
    assert status == 200, done
approvals.sort()
print(f"approval, {LINES} lines|{statistics.median(approvals):.1f}|{approvals[-1]:.1f}|50 sequential (p99 = max)")

# the versions view, server-rendered: version 1 against the last, every line changed
cookie = subprocess.run(
    ["curl", "-s", "-D", "-", "-o", "/dev/null", "-H", f"Origin: {base}", "-d", "email=buyer%40acme.example&password=keyport-demo-2026", base + "/sf/sign_in"],
    capture_output=True, text=True,
).stdout
session = next(l.split(":", 1)[1].strip().split(";")[0] for l in cookie.splitlines() if l.lower().startswith("set-cookie:") and "kp_session=" in l)
path = f"/orders/{oid}/versions?a=1&b=51"
subprocess.run(["wrk", "-t2", "-c32", "-d2s", "-H", f"Cookie: {session}", base + path], capture_output=True)
out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "-H", f"Cookie: {session}", base + path], capture_output=True, text=True).stdout
rps = next(l.split()[1] for l in out.splitlines() if l.startswith("Requests/sec"))
p99 = next(l.split()[1] for l in out.splitlines() if l.strip().startswith("99%"))
non2xx = next((l.split()[-1] for l in out.splitlines() if "Non-2xx" in l), "0")
print(f"versions view, {LINES}-line diff|{rps} req/s|p99 {p99}|32 clients, non-2xx {non2xx}")
