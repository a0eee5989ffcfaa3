#!/usr/bin/env python3
"""Bytes on the wire and response times of the HTTP conventions, against a running service.

Usage: bench/measure_http.py [base-url] [email] [password] [requests] [--fill]
Defaults: http://localhost:8080, the demo member, 500 requests per case.
--fill first posts activities as the people the member follows (demo password) until the
feed has 50 items, so that the pages measured are full; it changes the data, so only use it
on the demo data set.

Measures, for the caller's home feed page (limit 10 and 50): the body size without and with
gzip, and the time to a complete response over keep-alive loopback for a full 200 and for a
304 (If-None-Match with the current tag). Times are client-side, so they include the loopback
round trip; both cases pay it equally.
"""
import http.client
import json
import statistics
import sys
import time
from urllib.parse import urlparse

fill = "--fill" in sys.argv
args = [a for a in sys.argv[1:] if a != "--fill"]
base = args[0] if len(args) > 0 else "http://localhost:8080"
email = args[1] if len(args) > 1 else "demo@fitsocial.app"
password = args[2] if len(args) > 2 else "fitsocial-demo"
count = int(args[3]) if len(args) > 3 else 500
url = urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port or 80)


def request(method, path, headers=None, body=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    return response, response.read()


_, login = request("POST", "/api/v1/auth/login", {"Content-Type": "application/json"},
                   json.dumps({"email": email, "password": password}))
session = json.loads(login)
auth = {"Authorization": "Bearer " + session["accessToken"]}

if fill:
    _, feed = request("GET", "/api/v1/social/feed?limit=50", auth)
    missing = 50 - len(json.loads(feed)["items"])
    followed_emails = ["alex@fitsocial.app", "coach@fitsocial.app"]
    tokens = []
    for other_email in followed_emails:
        response, body = request("POST", "/api/v1/auth/login", {"Content-Type": "application/json"},
                                 json.dumps({"email": other_email, "password": password}))
        if response.status == 200:
            tokens.append(json.loads(body)["accessToken"])
    for i in range(max(0, missing)):
        request("POST", "/api/v1/social/activity",
                {"Content-Type": "application/json", "Authorization": "Bearer " + tokens[i % len(tokens)]},
                json.dumps({"type": "WORKOUT", "text": f"Interval session {i}: 6 x 800 m at threshold pace, "
                            "2 min jog recoveries, easy cool-down", "durationMinutes": 45 + i % 30}))


def timed(path, headers, expected):
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        response, _ = request("GET", path, headers)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status == expected, (path, response.status)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


print(f"| page | identity bytes | gzip bytes | 200 median / p99 ms | 304 median / p99 ms |")
print(f"|---|---|---|---|---|")
for limit in (10, 50):
    path = f"/api/v1/social/feed?limit={limit}"
    plain, plain_body = request("GET", path, auth)
    zipped, zipped_body = request("GET", path, {**auth, "Accept-Encoding": "gzip"})
    assert zipped.getheader("Content-Encoding") == "gzip", "page not compressed"
    etag = plain.getheader("ETag")
    for _ in range(50):  # warm-up
        request("GET", path, auth)
        request("GET", path, {**auth, "If-None-Match": etag})
    full = timed(path, {**auth, "Accept-Encoding": "gzip"}, 200)
    revalidated = timed(path, {**auth, "Accept-Encoding": "gzip", "If-None-Match": etag}, 304)
    print(f"| feed, limit {limit} ({len(json.loads(plain_body)['items'])} items) | {len(plain_body)} | "
          f"{len(zipped_body)} | {full[0]:.2f} / {full[1]:.2f} | {revalidated[0]:.2f} / {revalidated[1]:.2f} |")
