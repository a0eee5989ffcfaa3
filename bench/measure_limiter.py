#!/usr/bin/env python3
"""Latency the rate limiter adds: run it once against a service with limits on and once with
RATE_LIMIT_ENABLED=false, on the same data, and compare.

Usage: bench/measure_limiter.py [base-url] [requests] [email] [password]
Defaults: http://localhost:8080, 10,000 requests, bench1@bench.fitsocial.app / fitsocial-bench.

Sends sequential keep-alive GETs of one cached class (so the database is not what is measured)
after 1,000 warm-up requests, and prints p50/p99 of the response time seen by the client and,
when the limiter is on, p50/p99 of the limiter's own timer (fitsocial_ratelimit_latency_seconds,
estimated from its histogram buckets). The client should be a raised client
(RATE_LIMIT_RAISED_ADDRESSES=127.0.0.1/32) so that it is measured, not rejected.
"""
import http.client
import json
import re
import sys
import time
from urllib.parse import urlparse

base = urlparse(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080")
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
email = sys.argv[3] if len(sys.argv) > 3 else "bench1@bench.fitsocial.app"
password = sys.argv[4] if len(sys.argv) > 4 else "fitsocial-bench"
conn = http.client.HTTPConnection(base.hostname, base.port or 80)


def get(path, headers):
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    return response, response.read()


conn.request("POST", "/api/v1/auth/login", json.dumps({"email": email, "password": password}),
             {"Content-Type": "application/json"})
auth = {"Authorization": "Bearer " + json.loads(conn.getresponse().read())["accessToken"]}
_, page = get("/api/v1/classes?limit=1", auth)
path = f"/api/v1/classes/{json.loads(page)['items'][0]['id']}"


def histogram():
    _, text = get("/actuator/prometheus", {"Accept": "text/plain"})
    buckets = [(float("inf") if le == "+Inf" else float(le), float(v)) for le, v in re.findall(
        r'fitsocial_ratelimit_latency_seconds_bucket\{[^}]*le="([^"]+)"[^}]*\} ([0-9.eE+]+)', text.decode())]
    return sorted(buckets)


for _ in range(1000):
    get(path, auth)
before = histogram()
samples = []
limited = None
for _ in range(count):
    start = time.perf_counter()
    response, _ = get(path, auth)
    samples.append((time.perf_counter() - start) * 1000)
    assert response.status == 200, response.status
    limited = response.getheader("X-RateLimit-Limit")
after = histogram()
samples.sort()
print(f"limiter {'on (limit ' + limited + ')' if limited else 'off'}: {count} GET {path}: "
      f"client p50 {samples[len(samples) // 2]:.3f} ms, p99 {samples[int(len(samples) * 0.99)]:.3f} ms")
if after:
    counts = [(le, a - b) for (le, a), (_, b) in zip(after, before)]
    total = counts[-1][1]

    def quantile(q):
        for le, c in counts:
            if c >= q * total:
                return le * 1000
        return float("inf")
    print(f"limiter's own timer over the same requests: p50 <= {quantile(0.5):.3f} ms, p99 <= {quantile(0.99):.3f} ms "
          f"(histogram bucket bounds)")
