#!/usr/bin/env python3
"""Where the CPU samples of a JFR recording fall: the top frames, and the share of samples with each library (or
package of the app) anywhere on the stack. A reading aid for profiles taken under load (bench/README.md,
"Profiling"), not a test.

    python3 bench/jfr-top.py recording.jfr [threads-regex] [top]

Only samples of threads whose name matches threads-regex (default: the request workers and the I/O threads,
"executor-thread|vert.x-eventloop") count; `top` (default 25) rows per table. Reads `jfr print --events
jdk.ExecutionSample` (128 frames deep; bench/writepath.sh records that deep, the JVM default is 64): inclusive
shares of frames deeper than the recording kept are a floor.
"""
import collections
import re
import subprocess
import sys

RECORDING = sys.argv[1]
THREADS = re.compile(sys.argv[2] if len(sys.argv) > 2 else r"executor-thread|vert\.x-eventloop")
TOP = int(sys.argv[3]) if len(sys.argv) > 3 else 25

# Checked in this order; a sample counts once per group it touches.
GROUPS = [
    ("JWT parse + verify (jose4j, smallrye-jwt)", ("org.jose4j.", "io.smallrye.jwt.")),
    ("RSA / crypto (sun.security, java.security)", ("sun.security.", "java.security.", "javax.crypto.",
                                                    "java.math.BigInteger")),
    ("Hibernate ORM", ("org.hibernate.",)),
    ("Narayana JTA", ("com.arjuna.", "io.quarkus.narayana.")),
    ("Agroal pool", ("io.agroal.",)),
    ("PostgreSQL driver", ("org.postgresql.",)),
    ("H2", ("org.h2.",)),
    ("Jackson", ("com.fasterxml.jackson.",)),
    ("Bean Validation", ("org.hibernate.validator.",)),
    ("logging", ("org.jboss.logmanager.", "org.jboss.logging.", "io.quarkus.logging.")),
    ("RESTEasy Reactive", ("org.jboss.resteasy.reactive.",)),
    ("Vert.x / Netty", ("io.vertx.", "io.netty.")),
    ("Micrometer", ("io.micrometer.",)),
    ("CDI (ArC)", ("io.quarkus.arc.",)),
    ("app: audit", ("com.infusionoutcomes.audit.",)),
    ("app: alert rules", ("com.infusionoutcomes.alert.",)),
    ("app: trend engine", ("com.infusionoutcomes.trend.",)),
    ("app: check-in", ("com.infusionoutcomes.checkin.",)),
    ("app: patient / care team", ("com.infusionoutcomes.patient.", "com.infusionoutcomes.careteam.", "com.infusionoutcomes.caller.")),
    ("app: auth", ("com.infusionoutcomes.auth.",)),
]

FRAME = re.compile(r"^\s+([\w$.<>]+)\(")


def samples():
    out = subprocess.run(["jfr", "print", "--stack-depth", "128", "--events", "jdk.ExecutionSample", RECORDING], check=True,
                         capture_output=True, text=True).stdout
    thread, frames, in_stack = None, [], False
    for line in out.splitlines():
        if line.startswith("jdk.ExecutionSample"):
            thread, frames, in_stack = None, [], False
        elif "sampledThread = " in line:
            thread = line.split('"')[1] if '"' in line else line
        elif "stackTrace = [" in line:
            in_stack = True
        elif in_stack and line.strip() == "]":
            in_stack = False
            yield thread, frames
        elif in_stack:
            m = FRAME.match(line)
            if m:
                frames.append(m.group(1))


def main():
    total = 0
    all_threads = collections.Counter()
    top = collections.Counter()
    first_app = collections.Counter()
    groups = collections.Counter()
    for thread, frames in samples():
        all_threads[re.sub(r"\d+", "N", thread or "?")] += 1
        if not thread or not THREADS.search(thread) or not frames:
            continue
        total += 1
        top[frames[0]] += 1
        app = next((f for f in frames if f.startswith("com.infusionoutcomes.")), None)
        first_app[app or "(no app frame)"] += 1
        for name, prefixes in GROUPS:
            if any(f.startswith(prefixes) for f in frames):
                groups[name] += 1
    print("samples by thread (all threads): " + ", ".join("%s %d" % kv for kv in all_threads.most_common(8)))
    print("samples counted (threads matching %s): %d" % (THREADS.pattern, total))
    if not total:
        return
    print("\nanywhere on the stack (inclusive, a sample can count in several rows):")
    for name, n in groups.most_common():
        print("  %5.1f %%  %s" % (100.0 * n / total, name))
    print("\ntop frames (self):")
    for frame, n in top.most_common(TOP):
        print("  %5.1f %%  %s" % (100.0 * n / total, frame))
    print("\ninnermost app frame on the stack:")
    for frame, n in first_app.most_common(TOP):
        print("  %5.1f %%  %s" % (100.0 * n / total, frame))


main()
