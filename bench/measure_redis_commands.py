#!/usr/bin/env python3
"""Redis commands per request kind, as Redis sees them (MONITOR): the commands the service sends,
and apart from them the commands its Lua scripts run inside Redis.

Usage: bench/measure_redis_commands.py [base-url] [redis-host:port] [requests]
Defaults: http://localhost:8080, 127.0.0.1:6379, 200 requests per kind.

Run it against a service that uses a Redis nobody else uses (every command on that Redis is
counted), with the demo data and the hello endpoint (FITSOCIAL_WEB_HELLO_ENDPOINT=true), and
with RATE_LIMIT_RAISED_ADDRESSES=127.0.0.1/32 so that the limits do not get in the way. Each
kind is first warmed up (its caches filled), then sent `requests` times one after the other
while MONITOR records what Redis executes. Prints a Markdown table: commands sent per request,
which ones, and the commands scripts ran.
"""
import http.client
import json
import collections
import re
import subprocess
import sys
import time
from urllib.parse import urlparse

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
redis_address = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1:6379"
count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
redis_host, redis_port = redis_address.split(":")
url = urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port or 80)


def request(method, path, headers=None, body=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    return response, response.read()


def monitored(run):
    """Runs `run` while MONITOR records; answers (commands sent by clients, commands run by scripts)."""
    monitor = subprocess.Popen(["stdbuf", "-oL", "redis-cli", "-h", redis_host, "-p", redis_port, "MONITOR"],
                               stdout=subprocess.PIPE, text=True)
    monitor.stdout.readline()  # "OK"
    run()
    marker = "end-of-measurement-" + str(time.time())
    subprocess.run(["redis-cli", "-h", redis_host, "-p", redis_port, "ECHO", marker], capture_output=True, check=True)
    sent, scripted = collections.Counter(), collections.Counter()
    for line in monitor.stdout:
        if marker in line:
            break
        match = re.match(r'^[0-9.]+ \[\d+ ([^\]]+)\] "([^"]+)"', line)
        if match:
            (scripted if match.group(1) == "lua" else sent)[match.group(2).lower()] += 1
    monitor.terminate()
    return sent, scripted


_, login = request("POST", "/api/v1/auth/login", {"Content-Type": "application/json"},
                   json.dumps({"email": "demo@fitsocial.app", "password": "fitsocial-demo"}))
session = json.loads(login)
me = session["user"]["id"]
auth = {"Authorization": "Bearer " + session["accessToken"]}
_, classes = request("GET", "/api/v1/classes?city=Berlin&limit=5", auth)
class_id = json.loads(classes)["items"][0]["id"]
response, _ = request("GET", f"/api/v1/users/{me}", auth)
profile_tag = response.getheader("ETag")

kinds = {
    "hello (trivial authenticated request)": ("/api/v1/hello", {}),
    "profile (`GET /users/{id}`)": (f"/api/v1/users/{me}", {}),
    "class detail (`GET /classes/{id}`)": (f"/api/v1/classes/{class_id}", {}),
    "class listing (`GET /classes?city=`)": ("/api/v1/classes?city=Berlin&limit=20", {}),
    "feed page (`GET /social/feed`)": ("/api/v1/social/feed", {}),
    "revalidation of a profile (304)": (f"/api/v1/users/{me}", {"If-None-Match": profile_tag}),
}

print("| request | commands sent per request | which | run inside scripts per request |")
print("|---|---|---|---|")
for name, (path, extra) in kinds.items():
    headers = dict(auth, **extra)
    for _ in range(50):
        response, _ = request("GET", path, headers)
    status = response.status
    sent, scripted = monitored(lambda: [request("GET", path, headers) for _ in range(count)])
    detail = ", ".join(f"{c} {n / count:.2f}" for c, n in sent.most_common())
    inner = ", ".join(f"{c} {n / count:.2f}" for c, n in scripted.most_common())
    print(f"| {name} ({status}) | {sum(sent.values()) / count:.2f} | {detail} | {inner or '-'} |")
