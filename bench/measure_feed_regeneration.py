#!/usr/bin/env python3
"""Times runs of the feed regeneration job on a generated data set.

Usage: bench/measure_feed_regeneration.py <psql connection string> [base-url] [readers] [damage] [seed]
Defaults: http://localhost:8080, 2,000 readers (the job's per-run bound), damage 0.1, seed 7.

Against a service on a data set made by bench/generate.sh (password fitsocial-bench), started
with a short JOBS_FEED_REGENERATION_INTERVAL (e.g. PT1M) and RATE_LIMIT_RAISED_ADDRESSES
covering this client. Logs in `readers` users drawn at random, reads each one's feed once (so
each has a timeline and counts as active), then waits for two runs of the job read from
/actuator/prometheus: one on intact timelines, and one after `damage` of every timeline's ids
were removed from Redis (missed fan-outs the run must put back). Prints each run's duration,
timelines checked and timelines repaired, and checks the damaged ids are back.
"""
import http.client
import json
import random
import re
import subprocess
import sys
import threading
import time
from urllib.parse import urlparse

db = sys.argv[1]
base = urlparse(sys.argv[2] if len(sys.argv) > 2 else "http://localhost:8080")
readers = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
damage = float(sys.argv[4]) if len(sys.argv) > 4 else 0.1
rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 7)


def sql(query):
    out = subprocess.run(["psql", db, "-Atc", query], check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.strip().splitlines() if line]


def redis(*commands):
    text = "".join(" ".join(c) + "\n" for c in commands)
    return subprocess.run(["redis-cli"], input=text, check=True, capture_output=True, text=True).stdout.split("\n")


user_ids = {r[0]: int(r[1]) for r in sql("SELECT email, id FROM users WHERE email LIKE '%@bench.fitsocial.app' ORDER BY id")}
chosen = rng.sample(sorted(user_ids), readers)
ids = {}
lock = threading.Lock()


def prepare(part):
    conn = http.client.HTTPConnection(base.hostname, base.port or 80, timeout=60)
    for email in part:
        conn.request("POST", "/api/v1/auth/login", json.dumps({"email": email, "password": "fitsocial-bench"}),
                     {"Content-Type": "application/json"})
        answer = conn.getresponse()
        body = json.loads(answer.read())
        if answer.status != 200:
            raise SystemExit(f"login {email}: {answer.status} {body}")
        token = body["accessToken"]
        conn.request("GET", "/api/v1/social/feed", headers={"Authorization": "Bearer " + token})
        answer = conn.getresponse()
        answer.read()
        if answer.status != 200:
            raise SystemExit(f"feed {email}: {answer.status}")
        with lock:
            ids[email] = user_ids[email]


start = time.time()
workers = [threading.Thread(target=prepare, args=(chosen[i::4],)) for i in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(f"{len(ids)} readers logged in and read their feed in {time.time() - start:.0f} s", flush=True)


def scrape():
    conn = http.client.HTTPConnection(base.hostname, base.port or 80, timeout=30)
    conn.request("GET", "/actuator/prometheus")
    text = conn.getresponse().read().decode()

    def value(pattern):
        found = re.search(pattern + r" ([0-9.eE+-]+)", text)
        return float(found.group(1)) if found else 0.0
    return {
        "count": value(r'fitsocial_jobs_runs_seconds_count\{[^}]*job="feed-regeneration"[^}]*outcome="success"[^}]*\}'),
        "sum": value(r'fitsocial_jobs_runs_seconds_sum\{[^}]*job="feed-regeneration"[^}]*outcome="success"[^}]*\}'),
        "items": value(r'fitsocial_jobs_items_total\{[^}]*job="feed-regeneration"[^}]*\}'),
        "repaired": value(r'fitsocial_feed_timelines_repaired_total\{[^}]*\}'),
    }


def next_run(label):
    before = scrape()
    while True:
        time.sleep(2)
        after = scrape()
        if after["count"] > before["count"]:
            runs = after["count"] - before["count"]
            print(f"{label}: {runs:.0f} run(s), {(after['sum'] - before['sum']) / runs:.2f} s per run, "
                  f"{after['items'] - before['items']:.0f} timelines checked, "
                  f"{after['repaired'] - before['repaired']:.0f} repaired", flush=True)
            return


next_run("intact timelines")
removed = {}
for email, user in ids.items():
    key = f"fitsocial:v2:feed:{user}"
    members = [m for m in redis(("ZRANGE", key, "1", "-1"))[0:] if m]
    drop = [m for m in members if rng.random() < damage]
    if drop:
        redis(("ZREM", key, *drop))
        removed[key] = drop
print(f"removed {sum(len(v) for v in removed.values())} ids from {len(removed)} timelines", flush=True)
next_run("damaged timelines")
missing = 0
for key, dropped in removed.items():
    scores = redis(*[("ZSCORE", key, m) for m in dropped])
    missing += sum(1 for s in scores[:len(dropped)] if s == "")
print(f"ids still missing after the run: {missing}")
