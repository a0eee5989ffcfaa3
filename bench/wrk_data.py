#!/usr/bin/env python3
"""The data file the wrk workload (bench/wrk/workload.lua) draws from, for a generated data set.

Usage: bench/wrk_data.py <base-url> <psql-url> <clients> <out-file>

Picks <clients> client users among the generated ones (seeded, spread over the population),
logs them in through the API, and writes per client its access token, one of its conversations,
one of its reviews, a path it already read with the ETag it got (for revalidations) and its
upcoming bookings; then the ids everything is drawn from (users, classes, upcoming classes,
providers, cities) and the week a class listing asks for.
"""
import concurrent.futures
import datetime
import http.client
import json
import random
import subprocess
import sys
from urllib.parse import urlparse

base, psql_url, count, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
url = urlparse(base)


def sql(query):
    result = subprocess.run(["psql", psql_url, "-Atc", query], capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if line]


users = sql("SELECT id FROM users WHERE email LIKE '%@bench.fitsocial.app' ORDER BY id")
classes = sql("SELECT id FROM fitness_classes WHERE title LIKE 'Bench Class %' ORDER BY id")
upcoming = sql("SELECT id FROM fitness_classes WHERE title LIKE 'Bench Class %' AND datetime > now() + interval '1 day' ORDER BY id")
providers = sql("SELECT id FROM providers WHERE name LIKE 'Bench Studio %' ORDER BY id")
cities = [c.replace(" ", "%20") for c in sql("SELECT DISTINCT city FROM providers ORDER BY city")]
chosen = random.Random(42).sample(users, count)
ids = ",".join(chosen)
emails = dict(line.split("|") for line in sql(f"SELECT id, email FROM users WHERE id IN ({ids})"))
conversations = dict(line.split("|") for line in sql(
    f"SELECT DISTINCT ON (user_id) user_id, conversation_id FROM conversation_participants WHERE user_id IN ({ids}) "
    "ORDER BY user_id, last_message_at DESC"))
reviews = dict(line.split("|") for line in sql(
    f"SELECT DISTINCT ON (user_id) user_id, id FROM reviews WHERE user_id IN ({ids}) ORDER BY user_id, id"))
bookings = {}
for line in sql(f"SELECT user_id, id FROM bookings WHERE user_id IN ({ids}) AND class_datetime > now() + interval '1 day'"):
    user, booking = line.split("|")
    bookings.setdefault(user, []).append(booking)


def call(method, path, token=None, body=None):
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def client(user):
    response, body = call("POST", "/api/v1/auth/login", body=json.dumps(
        {"email": emails[user], "password": "fitsocial-bench"}))
    if response.status != 200:
        raise SystemExit(f"login of {user} failed: {response.status} {body[:200]}")
    token = json.loads(body)["accessToken"]
    rng = random.Random(int(user))
    path = rng.choice(["/api/v1/social/feed", "/api/v1/users/" + rng.choice(users[:1000]),
                       "/api/v1/classes/" + rng.choice(classes[:1000])])
    response, _ = call("GET", path, token)
    etag = response.getheader("ETag") or '"none"'
    return " ".join(["client", user, token, conversations.get(user, "0"), reviews.get(user, "0"), path, etag]
                    + bookings.get(user, [])[:20])


with concurrent.futures.ThreadPoolExecutor(4) as pool:
    lines = list(pool.map(client, chosen))
week = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
with open(out, "w") as f:
    for line in lines:
        f.write(line + "\n")
    f.write("from " + week.strftime("%Y-%m-%dT%H:%M:%SZ") + " "
            + (week + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ") + "\n")
    for name, values in (("users", users), ("classes", classes), ("upcoming", upcoming), ("providers", providers),
                         ("cities", cities)):
        f.write(name + " " + " ".join(values) + "\n")
print(f"{len(lines)} clients logged in; {len(users)} users, {len(classes)} classes to draw from: {out}")
