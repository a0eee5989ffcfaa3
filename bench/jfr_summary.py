#!/usr/bin/env python3
"""Summarises `jfr print --events jdk.ExecutionSample` output read on stdin.

Prints the methods with the most own samples (the frame on top), and for each frame of interest
(the service's own classes, Spring Security, Micrometer, Jackson, Lettuce, Hibernate, JDBC) the
share of samples that pass through it (inclusive). Samples in threads other than those serving
requests (Tomcat's, or virtual threads) such as GC, JobRunr or Lettuce's event loop are counted apart.
"""
import collections
import re
import sys

FRAME = re.compile(r'^\s+([\w$.<>/]+)\(.*\)\s+line:')
INTEREST = ('app.fitsocial.', 'org.springframework.security.', 'io.micrometer.', 'tools.jackson.',
            'com.fasterxml.jackson.', 'io.lettuce.', 'org.hibernate.', 'org.postgresql.', 'com.zaxxer.',
            'org.apache.catalina.valves.', 'org.apache.coyote.http11.filters.GzipOutputFilter',
            'java.util.zip.', 'javax.crypto.', 'com.nimbusds.', 'net.ttddyy.', 'org.slf4j.', 'ch.qos.logback.')


def samples(lines):
    thread, frames = None, []
    for line in lines:
        if line.startswith('jdk.ExecutionSample'):
            if frames:
                yield thread, frames
            thread, frames = None, []
        elif 'sampledThread' in line:
            thread = line.split('=', 1)[1].strip()
        else:
            m = FRAME.match(line)
            if m:
                frames.append(m.group(1))
    if frames:
        yield thread, frames


def main():
    own = collections.Counter()
    through = collections.Counter()
    total = requests = 0
    others = collections.Counter()
    for thread, frames in samples(sys.stdin):
        total += 1
        if not thread or not any(mark in thread for mark in ('http-nio', 'tomcat-handler', 'virtual')):
            others[re.sub(r'[\d-]+"?\s*\(.*$', '', thread or '?').strip(' "')] += 1
            continue
        requests += 1
        own[frames[0]] += 1
        seen = set()
        for frame in frames:
            if frame.startswith(INTEREST) and frame not in seen:
                seen.add(frame)
                through[frame] += 1
    print(f'samples: {total}, in request threads: {requests}')
    print('\nother threads:')
    for name, n in others.most_common(8):
        print(f'  {100 * n / max(total, 1):5.1f}%  {name}')
    print('\nown samples (top of stack), request threads:')
    for frame, n in own.most_common(40):
        print(f'  {100 * n / max(requests, 1):5.1f}%  {frame}')
    print('\nthrough (inclusive), request threads:')
    for frame, n in through.most_common(120):
        print(f'  {100 * n / max(requests, 1):5.1f}%  {frame}')


if __name__ == '__main__':
    main()
