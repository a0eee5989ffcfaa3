#!/usr/bin/env python3
"""A mixed read workload of the benchmark's read shares, and the cache hit rates it produced.

Usage: bench/mixed_reads.py <psql connection string> [base-url] [requests] [threads] [seed]
Defaults: http://localhost:8080, 10,000 requests, 8 client threads, seed 42 (a run with another
seed draws other users and items from the same distribution).

Against a service running on a data set made by bench/generate.sh (users bench<n>@..., password
fitsocial-bench). Users, classes and providers are drawn Zipf-like (power-law skew). Shares
(BENCHMARK.md without the writes): feed 25 % (1 in 5 also reads page 2), profiles 15 %, class
listings 15 % (a provider or city, this week: the client rounds "now" to the hour), class
detail and rating 10 %, conversations and messages 5 %, matches 5 %, reviews 5 %, and 10 %
revalidations (If-None-Match with a tag seen earlier). Reads /actuator/prometheus before and
after and prints each cache's hit rate (L1 or L2 hit over all lookups) for this run.
"""
import datetime
import http.client
import json
import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from urllib.parse import urlparse

db = sys.argv[1]
base = urlparse(sys.argv[2] if len(sys.argv) > 2 else "http://localhost:8080")
total = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 8
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 42
rng = random.Random(seed)


def sql(query):
    out = subprocess.run(["psql", db, "-Atc", query], check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.strip().splitlines() if line]


users = [int(r[0]) for r in sql("SELECT id FROM users WHERE email LIKE '%@bench.fitsocial.app' ORDER BY id")]
classes = [int(r[0]) for r in sql("SELECT id FROM fitness_classes WHERE title LIKE 'Bench Class %' ORDER BY id")]
providers = [int(r[0]) for r in sql("SELECT id FROM providers WHERE name LIKE 'Bench Studio %' ORDER BY id")]
cities = ["Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Vienna", "Zurich", "Amsterdam", "Copenhagen", "Prague"]


def zipf(items, skew=2.0):
    return items[int(len(items) * rng.random() ** skew)]


def connection():
    return http.client.HTTPConnection(base.hostname, base.port or 80, timeout=30)


login_conn = connection()
tokens = {}
clients = [zipf(range(1, len(users) + 1)) for _ in range(300)]
for n in sorted(set(clients)):
    login_conn.request("POST", "/api/v1/auth/login", json.dumps(
        {"email": f"bench{n}@bench.fitsocial.app", "password": "fitsocial-bench"}), {"Content-Type": "application/json"})
    response = login_conn.getresponse()
    body = response.read()
    assert response.status == 200, body
    tokens[n] = json.loads(body)["accessToken"]
token_list = sorted(tokens.items())


def scrape():
    conn = connection()
    conn.request("GET", "/actuator/prometheus", headers={"Accept": "text/plain"})
    text = conn.getresponse().read().decode()
    counts = defaultdict(float)
    for cache, level, result, value in re.findall(
            r'cache_gets_total\{[^}]*?cache="([^"]+)",level="([^"]+)",result="([^"]+)"[^}]*\} ([0-9.eE+]+)', text):
        counts[(cache, level, result)] += float(value)
    return counts


week_start = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
week = f"from={week_start:%Y-%m-%dT%H:%M:%SZ}&to={week_start + datetime.timedelta(days=7):%Y-%m-%dT%H:%M:%SZ}"


def pick_request(r, seen_tags):
    n, token = token_list[int(len(token_list) * r.random() ** 2)]
    roll = r.random() * 100
    if roll < 25:
        return "feed", ["/api/v1/social/feed"] + (["/api/v1/social/feed?cursor=NEXT"] if r.random() < 0.2 else []), token
    if roll < 40:
        return "profile", [f"/api/v1/users/{zipf(users)}"], token
    if roll < 55:
        where = f"provider={zipf(providers)}" if r.random() < 0.5 else f"city={cities[int(10 * r.random() ** 1.5)]}"
        return "classes", [f"/api/v1/classes?{week}&{where}"], token
    if roll < 65:
        c = zipf(classes)
        return "class", [f"/api/v1/classes/{c}", f"/api/v1/classes/{c}/rating"], token
    if roll < 70:
        return "conversations", ["/api/v1/conversations", "/api/v1/conversations/FIRST/messages"], token
    if roll < 75:
        return "matches", ["/api/v1/matches"], token
    if roll < 80:
        return "reviews", [f"/api/v1/reviews?classId={zipf(classes)}"], token
    if seen_tags:
        path, tok, tag = seen_tags[int(len(seen_tags) * r.random())]
        return "revalidate", [(path, tag)], tok
    return "profile", [f"/api/v1/users/{zipf(users)}"], token


statuses = Counter()
kinds = Counter()
lock = threading.Lock()
remaining = [total]
tags = []


def worker(seed):
    r = random.Random(seed)
    conn = connection()
    while True:
        with lock:
            if remaining[0] <= 0:
                return
            remaining[0] -= 1
            seen = list(tags[-500:])
        kind, paths, token = pick_request(r, seen)
        previous = None
        for step in paths:
            headers = {"Authorization": "Bearer " + token, "Accept-Encoding": "gzip"}
            path = step
            if isinstance(step, tuple):
                path, tag = step
                headers["If-None-Match"] = tag
            if "NEXT" in path:
                cursor = previous.get("nextCursor") if previous else None
                if not cursor:
                    break
                path = path.replace("NEXT", cursor)
            if "FIRST" in path:
                items = previous.get("items", []) if previous else []
                if not items:
                    break
                path = path.replace("FIRST", str(items[0]["id"]))
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            with lock:
                statuses[response.status] += 1
                kinds[kind] += 1
                if response.status == 200 and response.getheader("ETag") and len(tags) < 5000:
                    tags.append((path, token, response.getheader("ETag")))
            previous = None
            if response.status == 200 and response.getheader("Content-Encoding") != "gzip":
                previous = json.loads(body)
            elif response.status == 200:
                import gzip
                previous = json.loads(gzip.decompress(body))


before = scrape()
start = time.time()
pool = [threading.Thread(target=worker, args=(seed * 1000 + i,)) for i in range(threads)]
for t in pool:
    t.start()
for t in pool:
    t.join()
elapsed = time.time() - start
after = scrape()

print(f"{sum(statuses.values())} requests ({total} workload picks) in {elapsed:.1f} s by {threads} threads; "
      f"statuses {dict(statuses)}; kinds {dict(kinds)}")
print("| cache | lookups | L1 hits | L2 hits | misses | hit rate |")
print("|---|---|---|---|---|---|")
for cache in sorted({k[0] for k in after}):
    def delta(level, result):
        return after.get((cache, level, result), 0) - before.get((cache, level, result), 0)
    l1, l2, miss = delta("l1", "hit"), delta("l2", "hit"), delta("l2", "miss")
    lookups = l1 + l2 + miss
    if lookups:
        print(f"| {cache} | {lookups:.0f} | {l1:.0f} | {l2:.0f} | {miss:.0f} | {100 * (l1 + l2) / lookups:.1f} % |")
