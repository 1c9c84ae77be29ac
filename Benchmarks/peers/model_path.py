#!/usr/bin/env python3
"""The model-path benchmarks: how fast `archsim run` (the product's code, not a hand-written
model) is, against the SimKit M/M/1 model, SimPy and Ciw, against an older archsim binary,
and how its speed and memory scale. Started by model-path.sh (which installs and builds what
this needs); prints a Markdown report with PASS/FAIL per threshold and writes it to --out.
See ../README.md, "Model path".

Every figure is a median over rounds; in each round every contender runs once (old, new, old,
new…), so a slow spell of the shared machine hits all of them alike.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model_path_topologies as generated  # noqa: E402
from bench import Report, count, json_line, log, median, publish, si, spread, timed  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
MM1_TOPOLOGY = os.path.join(BENCH, "topologies", "mm1.yaml")
ALB_TOPOLOGY = os.path.join(BENCH, "topologies", "alb-ecs-s3-kafka.yaml")
LAMBDA = 0.9  # mm1.yaml's arrival rate

# The thresholds.
HALF_OF_MM1 = 0.5
SIMPY_FACTOR = 100.0
OLD_FACTOR = 3.0
MOST_FALL = 0.20     # events/s may fall by at most 20% (ratio ≥ 0.8)
MEMORY_GROWTH = 0.20  # peak RSS at the longest duration at most 20% above the shortest


def verdict(ok):
    return "**PASS**" if ok else "**FAIL**"


def rotate(items, by):
    by %= len(items)
    return items[by:] + items[:by]


class Archsim:
    """Runs `archsim run` under GNU time and reads report.json."""

    def __init__(self, scratch):
        self.scratch = scratch
        self.counter = 0

    def run(self, binary, topology, *extra):
        self.counter += 1
        out = os.path.join(self.scratch, f"run{self.counter}")
        _, rss, elapsed = timed([binary, "run", topology, "--jobs", "1", "--quiet", "--out", out, *extra])
        with open(os.path.join(out, "report.json")) as file:
            report = json.load(file)
        engine = report["engine"]
        workloads = report["workloads"]
        return {
            "process_s": elapsed, "rss_mib": rss, "events": engine["events"], "wall_s": engine["wall_s"],
            "events_per_s": engine["events_per_s"],
            "completed": sum(w["completed"] for w in workloads.values()),
            "failed": sum(w["failed"] for w in workloads.values()),
            "in_system": sum(c.get("in_system", {}).get("mean", 0) or 0 for c in report["components"].values()),
            "components": report["components"],
        }


def binary_label(path):
    """The path and the first 12 hex digits of the file's SHA-256 (which binary it really was)."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return f"`{path}` (sha256 {digest.hexdigest()[:12]})"


def loadavg():
    try:
        with open("/proc/loadavg") as file:
            return " ".join(file.read().split()[:3])
    except OSError:
        return "?"


# MARK: - 1. M/M/1: product path, SimKit model, SimPy, Ciw

def mm1_section(report, checks, archsim, new, mm1, python, customers, rounds, pairs):
    duration = f"{customers / LAMBDA:.0f}s"
    # A first run gives the number of customers the product path serves in that time (the seed
    # fixes it); the three others are run with exactly that many.
    calibration = archsim.run(new, MM1_TOPOLOGY, "--replications", "1", "--duration", duration)
    served = calibration["completed"]
    log(f"1. M/M/1: {served:,} customers, {rounds} rounds of {pairs} product/MM1 pairs, SimPy and Ciw")
    commands = {
        "product": None,
        "MM1": [mm1, "--customers", str(served), "--queue", "quaternary"],
        "SimPy": [python, os.path.join(HERE, "mm1_simpy.py"), "--customers", str(served)],
        "Ciw": [python, os.path.join(HERE, "mm1_ciw.py"), "--customers", str(served)],
    }
    runs = {name: [] for name in commands}
    # The product path and `MM1` take a fraction of a second: `pairs` back-to-back pairs of them
    # per round (the order alternating), so their ratio is taken seconds apart, not across a
    # minute of SimPy and Ciw; then SimPy and Ciw (alternating too).
    for index in range(rounds):
        order = [name for pair in range(pairs) for name in rotate(["product", "MM1"], index + pair)]
        order += rotate(["SimPy", "Ciw"], index)
        for name in order:
            if name == "product":
                result = archsim.run(new, MM1_TOPOLOGY, "--replications", "1", "--duration", duration)
                record = {"process_s": result["process_s"], "wall_s": result["wall_s"], "rss_mib": result["rss_mib"],
                          "events": result["events"], "events_per_s": result["events_per_s"],
                          "customers": result["completed"],
                          "mean_wait": result["components"]["server"]["wait_ms"]["mean"] / 1000}
            else:
                out, rss, elapsed = timed(commands[name])
                line = json_line(out)
                record = {"process_s": elapsed, "wall_s": line["wall_s"], "rss_mib": rss, "events": line["events"],
                          "events_per_s": line["events_per_s"], "customers": line["customers"],
                          "mean_wait": line["mean_wait"], "version": line.get("version", "")}
            runs[name].append(record)
            log(f"  round {index + 1}: {name} {record['process_s']:.2f} s process, {si(record['events_per_s'])} events/s")
    product = runs["product"]
    rows = []
    for name, records in runs.items():
        label = {"product": "archsim run mm1.yaml (product path)", "MM1": "SimKit `MM1` model"}.get(
            name, f"{name} {records[0].get('version', '')}")
        process = median(r["process_s"] for r in records)
        rows.append([label, f"{records[0]['customers']:,}", f"{records[0]['events']:,}",
                     spread(r["wall_s"] for r in records), si(median(r["events_per_s"] for r in records)),
                     spread(r["process_s"] for r in records), si(2 * records[0]["customers"] / process),
                     f"{median(r['mean_wait'] for r in records):.3f}", f"{median(r['rss_mib'] for r in records):.0f}"])
    eps = {name: median(r["events_per_s"] for r in records) for name, records in runs.items()}
    process = {name: median(r["process_s"] for r in records) for name, records in runs.items()}
    to_mm1 = eps["product"] / eps["MM1"]
    to_mm1_pairs = [p["events_per_s"] / m["events_per_s"] for p, m in zip(product, runs["MM1"])]
    simpy = process["SimPy"] / process["product"]
    # Per round: SimPy's run against the median of that round's product-path runs.
    own = [median(r["process_s"] for r in product[i * pairs:(i + 1) * pairs]) for i in range(rounds)]
    simpy_rounds = [s["process_s"] / p for s, p in zip(runs["SimPy"], own)]
    ciw = process["Ciw"] / process["product"]
    checks.append(("M/M/1 product path events/s ÷ SimKit `MM1` events/s", f"{to_mm1:.3f}",
                   f"≥ {HALF_OF_MM1}", to_mm1 >= HALF_OF_MM1))
    checks.append(("SimPy process time ÷ product-path process time (same customers)", f"{simpy:,.0f}×",
                   f"≥ {SIMPY_FACTOR:g}×", simpy >= SIMPY_FACTOR))
    report.add("## 1. M/M/1: the product path, the SimKit model, SimPy and Ciw", "",
               f"`archsim run topologies/mm1.yaml --replications 1 --duration {duration}` (λ = 0.9, μ = 1, "
               f"FIFO, one server, warm-up 0 s; the product's compiler and `NetworkModel`), SimKit's "
               f"hand-written `MM1 --queue quaternary`, `peers/mm1_simpy.py` and `peers/mm1_ciw.py`, all with "
               f"the {served:,} customers the product path served. Interleaved: each of {rounds} rounds runs "
               f"{pairs} back-to-back pairs of the product path and `MM1` (the order alternating), then SimPy "
               f"and Ciw (alternating); medians over all runs, ratios per pair. `engine s` is the simulation "
               f"alone (report.json `engine.wall_s`, `MM1`'s event loop, SimPy's `env.run()`, building and "
               f"running Ciw's simulation); `engine events/s` its own events over that; `process s` the "
               f"whole command under GNU time (start-up, YAML, report written, interpreter and imports "
               f"included), and `process events/s` 2 events per customer over it, for every tool.", "")
    report.table(["tool", "customers", "events", "engine s (min–max)", "engine events/s",
                  "process s (min–max)", "process events/s", "mean wait s (Erlang 9)", "peak RSS MiB"], rows)
    report.add(f"- product path ÷ `MM1`, engine events/s: **{to_mm1:.3f}** (ratio of the medians; per pair: "
               f"{', '.join(f'{x:.3f}' for x in to_mm1_pairs)}, median {median(to_mm1_pairs):.3f}); goal ≥ {HALF_OF_MM1}: {verdict(to_mm1 >= HALF_OF_MM1)}",
               f"- SimPy ÷ product path, process time: **{simpy:,.0f}×** (per round: "
               f"{', '.join(f'{x:,.0f}×' for x in simpy_rounds)}); goal ≥ {SIMPY_FACTOR:g}×: {verdict(simpy >= SIMPY_FACTOR)}",
               f"- Ciw ÷ product path, process time: {ciw:,.0f}×; `MM1` ÷ product path, process time: "
               f"{process['product'] / process['MM1']:.2f} (the product path's start-up and report are in its process time)", "")


# MARK: - 2. The ALB → ECS → S3 + Kafka topology, old binary against new

def alb_section(report, checks, archsim, old, new, rounds):
    log(f"2. alb-ecs-s3-kafka.yaml: old and new × {rounds} rounds")
    runs = {"old": [], "new": []}
    for index in range(rounds):
        for name, binary in (("old", old), ("new", new)):
            result = archsim.run(binary, ALB_TOPOLOGY)
            runs[name].append(result)
            log(f"  round {index + 1}: {name} {result['process_s']:.2f} s process, {si(result['events_per_s'])} events/s")
    rows = []
    for name, records in runs.items():
        rows.append([name, f"{records[0]['completed']:,}", f"{records[0]['events']:,}",
                     spread(r["wall_s"] for r in records), spread(r["process_s"] for r in records),
                     si(median(r["events_per_s"] for r in records)), f"{median(r['rss_mib'] for r in records):.0f}"])
    process = median(r["process_s"] for r in runs["old"]) / median(r["process_s"] for r in runs["new"])
    engine = median(r["wall_s"] for r in runs["old"]) / median(r["wall_s"] for r in runs["new"])
    per_round = [o["process_s"] / n["process_s"] for o, n in zip(runs["old"], runs["new"])]
    same = runs["old"][0]["events"] == runs["new"][0]["events"] and runs["old"][0]["completed"] == runs["new"][0]["completed"]
    checks.append(("alb-ecs-s3-kafka.yaml: old process time ÷ new", f"{process:.2f}×", f"≥ {OLD_FACTOR:g}×",
                   process >= OLD_FACTOR))
    report.add("## 2. ALB → ECS → S3 + Kafka: old binary against new", "",
               f"`archsim run topologies/alb-ecs-s3-kafka.yaml --jobs 1` as written (1 h at 500 requests/s, "
               f"warm-up 5 min, one replication), the old and the new binary alternately, {rounds} rounds; "
               f"medians. Same events and completions in both: {'yes' if same else '**no** (the models differ)'}.", "")
    report.table(["binary", "completed", "events", "engine s (min–max)", "process s (min–max)", "events/s",
                  "peak RSS MiB"], rows)
    report.add(f"- old ÷ new, process time: **{process:.2f}×** (engine time {engine:.2f}×; per round "
               f"{', '.join(f'{x:.2f}×' for x in per_round)}); goal ≥ {OLD_FACTOR:g}×: {verdict(process >= OLD_FACTOR)}", "")


# MARK: - 3 and 4. Events/s against components and requests in flight

def scaling_runs(archsim, binary, topologies, rounds, what):
    """{key: [results]} over interleaved rounds of every topology."""
    runs = {key: [] for key in topologies}
    for index in range(rounds):
        for key in rotate(list(topologies), index):
            result = archsim.run(binary, topologies[key])
            runs[key].append(result)
        log(f"  {what} round {index + 1}: " + ", ".join(
            f"{key[0]}-{key[1]} {si(runs[key][-1]['events_per_s'])}" for key in topologies))
    return runs


def scaling_row(records, base):
    """The columns sections 3 and 4 share: completed, events, engine s, events/s, ÷ the first, RSS."""
    eps = median(r["events_per_s"] for r in records)
    return [f"{records[0]['completed']:,}", f"{records[0]['events']:,}", spread(r["wall_s"] for r in records),
            si(eps), f"{eps / base:.3f}", f"{median(r['rss_mib'] for r in records):.0f}"]


def fall_check(checks, what, runs, first, last):
    """Records the check 'events/s at `last` ≥ 0.8 × at `first`'; returns the events/s at `first`."""
    base = median(r["events_per_s"] for r in runs[first])
    ratio = median(r["events_per_s"] for r in runs[last]) / base
    # Judged on the ratio of the medians; the median of the per-round ratios says how stable it is.
    per_round = median(b["events_per_s"] / a["events_per_s"] for a, b in zip(runs[first], runs[last]))
    checks.append((what, f"{ratio:.3f} (per-round median {per_round:.3f})", f"≥ {1 - MOST_FALL:.1f}",
                   ratio >= 1 - MOST_FALL))
    return base


def fall_goal(rounds, first, last):
    return (f"The new binary, {rounds} interleaved rounds, medians. Goal: events/s at {last} at least "
            f"{1 - MOST_FALL:.0%} of that at {first}.")


def components_section(report, checks, archsim, new, paths, sizes, rounds):
    log(f"3. components {sizes}: chain and fan × {rounds} rounds")
    keys = [(shape, size) for shape in ("chain", "fan") for size in sizes]
    runs = scaling_runs(archsim, new, {key: paths[key] for key in keys}, rounds, "components")
    rows = []
    for shape in ("chain", "fan"):
        base = fall_check(checks, f"events/s, {shape} of {sizes[-1]} ÷ {sizes[0]} components", runs,
                          (shape, sizes[0]), (shape, sizes[-1]))
        rows += [[shape, size, *scaling_row(runs[(shape, size)], base)] for size in sizes]
    report.add("## 3. Events/s against the number of components", "",
               f"Generated topologies (`peers/model_path_topologies.py`): **chain-K**, K `service` stations "
               f"(1,000 servers, exponential 1 ms) each calling the next, and **fan-K**, one entry station "
               f"calling K stations in parallel (`fanout`); {generated.RATE:g} requests/s, the duration set for "
               f"≈ the same number of events whatever K; warm-up 0 s, one replication. "
               + fall_goal(rounds, sizes[0], sizes[-1]), "")
    report.table(["shape", "components", "completed", "events", "engine s (min–max)", "events/s",
                  f"÷ {sizes[0]} components", "peak RSS MiB"], rows)


def inflight_section(report, checks, archsim, new, paths, levels, rounds):
    log(f"4. requests in flight {levels} × {rounds} rounds")
    keys = [("inflight", level) for level in levels]
    runs = scaling_runs(archsim, new, {key: paths[key] for key in keys}, rounds, "in flight")
    base = fall_check(checks, f"events/s, {levels[-1]:,} ÷ {levels[0]:,} requests in flight", runs, keys[0], keys[-1])
    rows = [[f"{key[1]:,}", f"{runs[key][0]['in_system']:,.0f}", *scaling_row(runs[key], base)] for key in keys]
    report.add("## 4. Events/s against the requests in flight", "",
               f"Generated **inflight-L**: two `service` delay stations of {generated.INFLIGHT_SERVERS:,} servers "
               f"(M/M/c, never a queue at these loads), each fed by a Poisson workload of "
               f"{generated.INFLIGHT_RATE / 2:g}/s, exponential service of mean W = L/λ (λ = "
               f"{generated.INFLIGHT_RATE:g}/s in all): L = λ·W requests in flight by Little's law; client "
               f"timeout 25 W. The run lasts the time of ≈ the same number of events plus 5 W of filling up "
               f"(counted: events/s is over the whole run). `L measured` is the time-average of the requests "
               f"present over the run (both stations' `in_system`), the filling included. "
               + fall_goal(rounds, f"{levels[0]:,}", f"{levels[-1]:,}"), "")
    report.table(["L = λ·W", "L measured", "completed", "events", "engine s (min–max)", "events/s",
                  f"÷ L = {levels[0]:,}", "peak RSS MiB"], rows)


# MARK: - 5. Peak memory against the simulated duration

def memory_section(report, checks, archsim, new, path, rate, durations, rounds):
    log(f"5. peak RSS at {', '.join(durations)} × {rounds} rounds")
    runs = {duration: [] for duration in durations}
    for index in range(rounds):
        for duration in rotate(list(durations), index):
            runs[duration].append(archsim.run(new, path, "--duration", duration))
        log(f"  memory round {index + 1}: " + ", ".join(f"{d} {runs[d][-1]['rss_mib']:.0f} MiB" for d in durations))
    peak = {duration: median(r["rss_mib"] for r in records) for duration, records in runs.items()}
    rows = [[duration, f"{records[0]['completed']:,}", f"{records[0]['events']:,}",
             spread(r["process_s"] for r in records), si(median(r["events_per_s"] for r in records)),
             f"{peak[duration]:.1f}", f"{peak[duration] / peak[durations[0]]:.3f}"]
            for duration, records in runs.items()]
    growth = max(peak.values()) / peak[durations[0]]
    checks.append((f"peak RSS, largest of {', '.join(durations)} ÷ {durations[0]}", f"{growth:.3f}",
                   f"≤ {1 + MEMORY_GROWTH:.1f}", growth <= 1 + MEMORY_GROWTH))
    report.add("## 5. Peak memory against the simulated duration", "",
               f"The ALB → ECS → S3 + Kafka architecture at {rate:g} requests/s (generated from "
               f"`topologies/alb-ecs-s3-kafka.yaml`: the rate changed, warm-up 0 s, one replication), run for "
               f"{', '.join(durations)} with `--duration`; peak resident set (GNU time's maximum RSS) of the "
               f"process, the new binary, {rounds} interleaved rounds, medians. Goal: flat, the largest at most "
               f"{MEMORY_GROWTH:.0%} above the shortest run's.", "")
    report.table(["duration", "completed", "events", "process s (min–max)", "events/s", "peak RSS MiB",
                  f"÷ {durations[0]}"], rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", required=True, help="the old archsim binary (for section 2)")
    parser.add_argument("--new", required=True, help="the archsim binary under test")
    parser.add_argument("--mm1", required=True, help="the release `MM1` executable of this package")
    parser.add_argument("--python", default=sys.executable, help="python with simpy and ciw")
    parser.add_argument("--out", required=True, help="Markdown file to write")
    parser.add_argument("--customers", type=count, default=1_000_000, help="M/M/1 customers (default 10^6)")
    parser.add_argument("--peer-rounds", type=int, default=3, help="rounds of section 1 (default 3)")
    parser.add_argument("--pairs", type=int, default=3, help="product/MM1 pairs per round of section 1 (default 3)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of sections 2–4 (default 5)")
    parser.add_argument("--memory-rounds", type=int, default=3, help="rounds of section 5 (default 3)")
    parser.add_argument("--events", type=float, default=3e6, help="events per generated run (default 3e6)")
    parser.add_argument("--sizes", default="10,50,100,200", help="components (default 10,50,100,200)")
    parser.add_argument("--levels", default="100,1000,10000,100000", help="requests in flight (default 10^2…10^5)")
    parser.add_argument("--durations", default="1h,4h,16h", help="simulated durations for memory (default 1h,4h,16h)")
    parser.add_argument("--alb-rate", type=float, default=50, help="requests/s of the memory runs (default 50)")
    parser.add_argument("--only", default="1,2,3,4,5", help="sections to run, e.g. 2,3 (default all)")
    parser.add_argument("--keep-topologies", help="write the generated topologies here (default: a temporary folder)")
    args = parser.parse_args()
    only = {int(part) for part in args.only.split(",") if part}
    sizes = [int(s) for s in args.sizes.split(",")]
    levels = [int(s) for s in args.levels.split(",")]
    durations = [d for d in args.durations.split(",") if d]
    for path in (args.old, args.new, args.mm1):
        if not os.access(path, os.X_OK):
            sys.exit(f"not an executable: {path}")

    cpu = platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    report = Report()
    checks = []
    started = time.perf_counter()
    load_before = loadavg()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep_topologies or os.path.join(scratch, "topologies")
        paths = generated.generate(folder, sizes, levels, args.events, ALB_TOPOLOGY, args.alb_rate)
        for path in paths.values():
            result = subprocess.run([args.new, "validate", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if result.returncode != 0:
                sys.exit(f"archsim validate {path} failed:\n{result.stdout}")
        log(f"generated and validated {len(paths)} topologies in {folder}")
        archsim = Archsim(scratch)
        body = Report()
        if 1 in only:
            mm1_section(body, checks, archsim, args.new, args.mm1, args.python, args.customers, args.peer_rounds,
                        args.pairs)
        if 2 in only:
            alb_section(body, checks, archsim, args.old, args.new, args.rounds)
        if 3 in only:
            components_section(body, checks, archsim, args.new, paths, sizes, args.rounds)
        if 4 in only:
            inflight_section(body, checks, archsim, args.new, paths, levels, args.rounds)
        if 5 in only:
            memory_section(body, checks, archsim, args.new, paths[("alb-memory", args.alb_rate)], args.alb_rate,
                           durations, args.memory_rounds)

    passed = sum(1 for check in checks if check[3])
    report.add("# archsim model-path benchmarks", "",
               f"{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} · {cpu}, "
               f"{os.cpu_count()} cores · load average {load_before} at the start, {loadavg()} at the end", "",
               f"- old: {binary_label(args.old)}", f"- new: {binary_label(args.new)}",
               f"- `MM1`: {binary_label(args.mm1)}", "",
               "Produced by `" + os.environ.get("MODEL_PATH_COMMAND", " ".join(sys.argv)) + "`; release builds, "
               "medians of interleaved rounds, one core per run (`--jobs 1`). What each section measures: "
               "`Benchmarks/README.md`, \"Model path\".", "",
               f"## Summary: {passed} of {len(checks)} pass", "")
    report.table(["check", "measured", "goal", "result"],
                 [[name, value, goal, verdict(ok)] for name, value, goal, ok in checks])
    report.lines += body.lines
    report.add(f"Total time: {time.perf_counter() - started:,.0f} s.")
    publish(report, args.out)


if __name__ == "__main__":
    main()
