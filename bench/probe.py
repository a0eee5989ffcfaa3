#!/usr/bin/env python3
"""One saturation figure: runs wrk against the service and measures what the run cost it.

Usage: bench/probe.py <label> <pid> <base-url> <redis host:port or -> <seconds> <connections> <data file> <workload> <out.tsv>
       (workload "-": no script, plain GETs of the URL given as <data file>)
       bench/probe.py hits <base-url> <out.json>     (cache lookups by cache and result, for hit rates)

Runs `wrk -t1 -c<connections> -d<seconds>s --latency -s bench/wrk/workload.lua` and appends one
tab-separated row to <out.tsv>: label, seconds, requests, requests/s, service CPU ms per request
(the process's user + system time from /proc), Redis commands per request (INFO commandstats,
commands run inside scripts included; the INFO calls left out), SQL statements per request
(fitsocial_sql_statements_total), answers that were not 2xx/3xx, wrk's p50 and p99 latency (ms).
Columns it cannot measure (a bare app has no Redis or SQL) are "-".
"""
import json
import os
import re
import socket
import subprocess
import sys
import urllib.request


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def redis_calls(address):
    if address == "-":
        return None
    host, port = address.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=5) as s:
        s.sendall(b"*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n")
        data = b""
        while True:
            chunk = s.recv(65536)
            data += chunk
            header, _, rest = data.partition(b"\r\n")
            if header.startswith(b"$") and len(rest) >= int(header[1:]):
                break
    total = 0
    for name, calls in re.findall(rb"cmdstat_([a-z|]+):calls=(\d+)", data):
        if name != b"info":
            total += int(calls)
    return total


def scrape(base):
    try:
        with urllib.request.urlopen(base + "/actuator/prometheus", timeout=10) as r:
            return r.read().decode()
    except Exception:
        return ""


def sql_statements(text):
    match = re.search(r"^fitsocial_sql_statements_total\{[^}]*\} ([0-9.eE+]+)", text, re.M)
    return float(match.group(1)) if match else None


def cache_gets(text):
    gets = {}
    for cache, level, result, value in re.findall(
            r'^cache_gets_total\{[^}]*?cache="([^"]+)",level="([^"]+)",result="([^"]+)"[^}]*\} ([0-9.eE+]+)', text, re.M):
        gets.setdefault(cache, {"hit": 0.0, "miss": 0.0})[result] += float(value)
    return gets


if sys.argv[1] == "hits":
    with open(sys.argv[3], "w") as f:
        json.dump(cache_gets(scrape(sys.argv[2])), f)
    sys.exit(0)

label, pid, base, redis, seconds, connections, data, workload, out = sys.argv[1:10]
before_cpu, before_redis = cpu_seconds(pid), redis_calls(redis)
before_sql = sql_statements(scrape(base))
if workload == "-":  # no script: the path of the base URL, no headers (the bare app)
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", data]
else:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
               "-s", os.path.join(os.path.dirname(__file__), "wrk", "workload.lua"), base, "--", data, workload]
wrk = subprocess.run(command, capture_output=True, text=True)
if wrk.returncode != 0 or " requests in" not in wrk.stdout:
    sys.exit(f"wrk failed: {wrk.stdout}{wrk.stderr}")
after_cpu, after_redis = cpu_seconds(pid), redis_calls(redis)
after_sql = sql_statements(scrape(base))
text = wrk.stdout
requests = int(re.search(r"(\d+) requests in", text).group(1))
rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)


def latency(percent):
    match = re.search(rf"^\s+{percent}%\s+([0-9.]+)(us|ms|s)", text, re.M)
    if not match:
        return "-"
    value, unit = float(match.group(1)), match.group(2)
    return f"{value / 1000 if unit == 'us' else value * 1000 if unit == 's' else value:.2f}"


def per_request(before, after):
    return "-" if before is None or after is None or requests == 0 else f"{(after - before) / requests:.2f}"


row = [label, seconds, str(requests), f"{rps:.1f}",
       f"{(after_cpu - before_cpu) * 1000 / max(1, requests):.3f}",
       per_request(before_redis, after_redis), per_request(before_sql, after_sql),
       non2xx.group(1) if non2xx else "0", latency(50), latency(99), errors.group(1) if errors else "-"]
with open(out, "a") as f:
    f.write("\t".join(row) + "\n")
print("\t".join(row))
