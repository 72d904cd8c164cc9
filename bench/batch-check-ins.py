#!/usr/bin/env python3
"""Offline-sync ingest rate: POST .../check-ins:batch with 500 new check-ins each, against a running app.

A measurement, not a test. Start the packaged app first (see bench/README.md, "Batch ingest"), then:
    python3 bench/batch-check-ins.py [all|noworsen|cohort] [batches] [port]
`all` sends four scores per check-in (pain and mood make the WORSENING rule run once per batch); `noworsen`
sends sleep and mobility only, so the figure is the batch path alone. Requests go to 127.0.0.1 only.

`cohort` posts to the patients of a cohort bench/trends.sh generated (BENCH_PATIENTS: its patients.tsv;
BENCH_PASSWORD: its admin-password, which every clinician shares), each batch to a different random patient, as
that patient's clinician: 500 check-ins with all four scores, one minute apart, ending an hour ago, as a phone
that was offline for a day and a half would send them. Those patients have a year of data and a course of
infusions, so the WORSENING rule runs on a realistic course.
"""
import concurrent.futures
import datetime
import json
import sys
import time
import urllib.request
import uuid

MODE = sys.argv[1] if len(sys.argv) > 1 else "all"
BATCHES = int(sys.argv[2]) if len(sys.argv) > 2 else 60
API = "http://127.0.0.1:%s/api/v1" % (sys.argv[3] if len(sys.argv) > 3 else "18400")
ADMIN = ("bench.admin", "bench-admin-password-1")


def call(method, path, body=None, token=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(API + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, json.loads(response.read() or b"null")


def login(username, password):
    return call("POST", "/auth/token", {"username": username, "password": password})[1]["accessToken"]


if MODE == "cohort":
    import os
    import random
    cohort = [line.split() for line in open(os.environ["BENCH_PATIENTS"]) if line.strip()]
    tokens = {user: login(user, open(os.environ["BENCH_PASSWORD"]).read().strip())
              for user in sorted({user for _, user in cohort})}
    random.seed(1)
    random.shuffle(cohort)
    patients = [(patient, tokens[user]) for patient, user in cohort]
    start = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1, minutes=500)).replace(microsecond=0)
else:
    admin = login(*ADMIN)
    clinician = "bench-" + uuid.uuid4().hex[:8]
    call("POST", "/users", {"username": clinician, "password": "bench-clinician-pw", "role": "CLINICIAN",
                            "displayName": "Bench"}, admin)
    token = login(clinician, "bench-clinician-pw")
    patients = [(call("POST", "/patients", {"displayName": "Bench %d" % i}, token)[1]["id"], token)
                for i in range(16)]
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
counter = 0
next_patient = 0


def scores(n):
    if MODE == "noworsen":
        return {"sleep": (n + 3) % 11, "mobility": (n + 5) % 11}
    return {"pain": n % 11, "sleep": (n + 3) % 11, "mobility": (n + 5) % 11, "mood": (n + 7) % 11}


def batch_body():
    global counter
    items = []
    for i in range(500):
        counter += 1
        # cohort: every batch goes to another patient, so each may use the same 500 minutes
        at = start + (datetime.timedelta(minutes=i) if MODE == "cohort" else datetime.timedelta(seconds=counter))
        items.append({"id": str(uuid.uuid4()), "context": "DAILY", "recordedAt": at.isoformat(),
                      "scores": scores(counter)})
    return json.dumps({"checkIns": items}).encode()


def next_target():
    global next_patient
    if MODE == "cohort" and next_patient >= len(patients):
        sys.exit("cohort: more batches than patients")
    target = patients[next_patient % len(patients)]
    next_patient += 1
    return target


def run(batches, workers):
    bodies = [(next_target(), batch_body()) for _ in range(batches)]  # built before timing

    def send(item):
        (patient, token), body = item
        status, answer = call("POST", "/patients/%s/check-ins:batch" % patient, token=token, raw=body)
        assert status == 200 and answer["created"] == 500, answer
        return 500

    began = time.time()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        total = sum(pool.map(send, bodies))
    return total, time.time() - began


run(20, 4)  # warm-up
for workers in (1, 4):
    total, seconds = run(BATCHES, workers)
    print("%s workers=%d: %d check-ins in %.2f s = %.0f check-ins/s"
          % (MODE, workers, total, seconds, total / seconds))
