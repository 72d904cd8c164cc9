#!/usr/bin/env python3
"""Every panel row equals its patient's trend: a check over a whole generated cohort, not a measurement.

Against a running app on a cohort bench/trends.sh generated (it runs this as its `agree` phase):
    BENCH_PATIENTS=.../patients.tsv BENCH_PASSWORD=.../admin-password python3 bench/panel-vs-trends.py [port]
For every clinician and each of the four domains it pages through the whole panel (by improvementPercent), then
for EVERY patient of the cohort asks the trend endpoint (GET /patients/{id}/trends: the four domains' trends) and
compares each panel row with the trend of its domain: baseline, current, improvementPercent, category, the
number of completed infusions, the latest infusion's durabilityDays, and the booster forecast's status, dueOn and
covered. Every patient must be on their clinician's panel exactly once per domain. Exits 1 on any difference,
printing the first 20. Nothing is written, so nothing moves between the panel's read and the trends'.
"""
import concurrent.futures
import json
import os
import sys
import time
import urllib.parse
import urllib.request

API = "http://127.0.0.1:%s/api/v1" % (sys.argv[1] if len(sys.argv) > 1 else "8090")
DOMAINS = ["pain", "sleep", "mobility", "mood"]
WORKERS = int(os.environ.get("WORKERS", "4"))


def call(method, path, body=None, token=None):
    request = urllib.request.Request(API + path, data=json.dumps(body).encode() if body is not None else None,
                                     method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def panel(token, domain):
    rows, cursor = [], None
    while True:
        query = {"domain": domain, "sort": "improvementPercent", "limit": "100"}
        if cursor:
            query["cursor"] = cursor
        page = call("GET", "/reports/panel?" + urllib.parse.urlencode(query), token=token)
        rows += page["items"]
        cursor = page.get("nextCursor")
        if not cursor:
            return rows


def expected(trend):
    sessions = trend["sessions"]
    forecast = trend["boosterForecast"]
    return {
        "baseline": trend["baseline"]["value"] if trend["baseline"] else None,
        "current": trend["current"]["value"] if trend["current"] else None,
        "improvementPercent": trend["improvementPercent"],
        "category": trend["category"],
        "completedSessions": len(sessions),
        "lastDurabilityDays": sessions[-1]["durabilityDays"] if sessions else None,
        "boosterStatus": forecast["status"],
        "boosterDueOn": forecast["dueOn"],
        "boosterCovered": forecast["covered"],
    }


def main():
    cohort = [line.split() for line in open(os.environ["BENCH_PATIENTS"]) if line.strip()]
    password = open(os.environ["BENCH_PASSWORD"]).read().strip()
    started = time.time()
    tokens = {user: call("POST", "/auth/token", {"username": user, "password": password})["accessToken"]
              for user in sorted({user for _, user in cohort})}
    rows = {}  # (patientId, domain) -> panel row
    problems = []
    for user, token in tokens.items():
        for domain in DOMAINS:
            for row in panel(token, domain):
                key = (row["patientId"], domain)
                if key in rows:
                    problems.append("%s twice on a %s panel" % key)
                rows[key] = row
    print("panels read: %d rows of %d clinicians in %.1f s" % (len(rows), len(tokens), time.time() - started),
          flush=True)

    def check(entry):
        patient, user = entry
        found = []
        overview = call("GET", "/patients/%s/trends" % patient, token=tokens[user])
        for trend in overview["domains"]:
            row = rows.get((patient, trend["domain"]))
            if row is None:
                found.append("%s missing from the %s panel" % (patient, trend["domain"]))
                continue
            for field, value in expected(trend).items():
                # JSON numbers compare by value: 4.8 and 4.80 are one figure, as a client reads them.
                if row[field] != value:
                    found.append("%s %s %s: panel %r, trend %r" % (patient, trend["domain"], field, row[field], value))
        return found

    done = 0
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        for found in pool.map(check, cohort):
            problems += found
            done += 1
            if done % 1000 == 0:
                print("trends compared: %d of %d patients, %.1f s" % (done, len(cohort), time.time() - started),
                      flush=True)
    if len(rows) != len(cohort) * len(DOMAINS):
        problems.append("the panels hold %d rows for %d patients x 4 domains" % (len(rows), len(cohort)))
    print("compared %d patients x %d domains in %.1f s: %d differences (9 figures each)"
          % (len(cohort), len(DOMAINS), time.time() - started, len(problems)))
    for problem in problems[:20]:
        print("DIFFERENCE " + problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
