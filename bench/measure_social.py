#!/usr/bin/env python3
"""Times GET /api/v1/social/feed and GET /api/v1/matches against a running service.

Logs in as READERS users of the bench data set (password bench-password-1), then sends REQUESTS
sequential requests of each kind over one keep-alive connection, cycling through the readers,
and prints the median, p90 and p99 latency seen by the client. The first request of each reader
finds no precomputed timeline (cold: rebuilt from PostgreSQL); later ones are warm.

  python3 bench/measure_social.py [base_url] [readers] [requests]
"""
import http.client
import json
import random
import statistics
import sys
import time
from urllib.parse import urlparse

base = urlparse(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080")
readers = int(sys.argv[2]) if len(sys.argv) > 2 else 100
requests = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
conn = http.client.HTTPConnection(base.hostname, base.port or 80, timeout=30)


def call(method, path, body=None, token=None):
    headers = {"Content-Type": "application/json", "Accept-Encoding": "identity"}
    if token:
        headers["Authorization"] = "Bearer " + token
    start = time.perf_counter()
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, data, (time.perf_counter() - start) * 1000


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(name, samples):
    print(f"{name:<28} n={len(samples):5d}  median {statistics.median(samples):7.2f} ms  "
          f"p90 {percentile(samples, 90):7.2f} ms  p99 {percentile(samples, 99):7.2f} ms  max {max(samples):7.2f} ms")


random.seed(7)
tokens = []
for n in random.sample(range(1, 100001), readers):
    status, data, _ = call("POST", "/api/v1/auth/login",
                           {"email": f"bench{n}@bench.fitsocial.app", "password": "bench-password-1"})
    if status != 200:
        sys.exit(f"login of bench{n} failed: {status} {data[:200]}")
    tokens.append(json.loads(data)["accessToken"])

for kind, path in (("feed", "/api/v1/social/feed"), ("matches", "/api/v1/matches")):
    samples, cold, warm, items = [], [], [], 0
    for i in range(requests):
        status, data, ms = call("GET", path, token=tokens[i % readers])
        if status != 200:
            sys.exit(f"{path} answered {status}: {data[:300]}")
        items += len(json.loads(data)["items"])
        samples.append(ms)
        (cold if i < readers else warm).append(ms)
    report(f"{kind} (all)", samples)
    if kind == "feed":
        report("feed (cold, first per user)", cold)
        report("feed (warm)", warm)
    print(f"{'':28} average items per page {items / requests:.1f}")
