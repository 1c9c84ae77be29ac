#!/usr/bin/env python3
"""Runs archsim's engine benchmarks and its peers side by side; prints a Markdown report and
writes it to --out. Started by run.sh (which installs and builds what this needs); see
../README.md for what each figure means.

Every figure is the median of repeated runs, taken in rounds (one run of each contender per
round) so that slow drifts of the machine hit all contenders alike.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ERLANG_WAIT = 0.9 / (1.0 - 0.9)  # M/M/1, λ = 0.9, μ = 1: ρ/(μ − λ) = 9


def log(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


def count(text):
    """'1e6', '1_000_000' or '1000000' → 1000000."""
    value = float(text.replace("_", ""))
    if value < 1 or value != int(value):
        raise argparse.ArgumentTypeError(f"not a positive integer: {text}")
    return int(value)


def timed(command, cwd=None):
    """Runs `command` under GNU time. Returns (its stdout, peak RSS in MiB, elapsed seconds)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        result = subprocess.run(
            ["/usr/bin/time", "-v", "-o", report.name, *command],
            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - started
        if result.returncode not in (0, 1):
            sys.stderr.write(result.stderr)
            raise SystemExit(f"failed ({result.returncode}): {' '.join(command)}")
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read())
        rss_mib = int(match.group(1)) / 1024 if match else float("nan")
    return result.stdout, rss_mib, elapsed


def json_line(stdout):
    return json.loads(stdout.strip().splitlines()[-1])


def median(values):
    return statistics.median(values)


def fmt(value, digits=3):
    """Three significant digits, with thousands separators for large values."""
    if value != value:
        return "—"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}g}"


def spread(values):
    """'median (min–max)' of a list of seconds."""
    values = list(values)
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(median(values))} ({fmt(min(values))}–{fmt(max(values))})"


def si(value):
    for unit, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(value) >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value:.3g}"


class Report:
    def __init__(self):
        self.lines = []

    def add(self, *lines):
        self.lines.extend(lines)

    def table(self, header, rows):
        self.add("| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            self.add("| " + " | ".join(str(cell) for cell in row) + " |")
        self.add("")

    def text(self):
        return "\n".join(self.lines) + "\n"


def publish(report, path):
    """Writes the report to `path` (creating its folder) and prints it."""
    text = report.text()
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as file:
        file.write(text)
    print(text)
    log(f"written to {path}")


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    swift = subprocess.run(["swift", "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    swift_version = swift.stdout.strip().splitlines()[0] if swift.stdout else "swift ?"
    import ciw  # noqa: E402  (the venv's)
    import simpy
    return {
        "cpu": cpu, "cores": os.cpu_count(), "swift": swift_version,
        "python": platform.python_version(), "simpy": simpy.__version__, "ciw": ciw.__version__,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


# MARK: - Figure 1: event-queue designs (hold model)

def hold_figure(report, mm1, sizes, repeats, operations):
    log(f"figure 1: hold model, {len(sizes)} sizes × 2 queues × {repeats} runs")
    results = {}
    baseline = []
    for round_index in range(repeats):
        for pending in sizes:
            for queue in ("quaternary", "collections"):
                out, _, _ = timed([mm1, "hold", "--pending", str(pending), "--queue", queue,
                                   "--operations", str(operations)])
                results.setdefault((pending, queue), []).append(json_line(out)["ns_per_op"])
        out, _, _ = timed([mm1, "hold", "--queue", "baseline", "--operations", str(operations)])
        baseline.append(json_line(out)["ns_per_op"])
    rows = []
    for pending in sizes:
        four = median(results[(pending, "quaternary")])
        binary = median(results[(pending, "collections")])
        winner = "4-ary heap" if four < binary else "collections `Heap`"
        rows.append([f"10^{len(str(pending)) - 1}", f"{four:.1f}", f"{binary:.1f}",
                     f"{binary / four:.2f}", winner])
    report.add("## 1. Event-queue designs: hold model", "",
               f"Pop the earliest event, push one at its time + Exp(1); {operations:,} holds per run after "
               f"a warm-up of max(n, 10^4) holds; median of {repeats} runs, ns per hold operation. "
               f"Each hold also draws one exponential variate: the same loop without a queue costs "
               f"{median(baseline):.1f} ns.", "")
    report.table(["pending events", "4-ary heap (SimKit) ns", "swift-collections `Heap` ns",
                  "Heap / 4-ary", "faster"], rows)
    return results


# MARK: - Figure 2: M/M/1 at 10^7 customers on SimKit

def mm1_figure(report, mm1, customers, repeats):
    log(f"figure 2: M/M/1 with {customers:,} customers, 3 engines × {repeats} runs")
    runs = {}
    for _ in range(repeats):
        for queue in ("quaternary", "collections", "quaternary-generic"):
            out, rss, _ = timed([mm1, "--customers", str(customers), "--queue", queue])
            record = json_line(out)
            record["rss_mib"] = rss
            runs.setdefault(queue, []).append(record)
    names = {
        "quaternary": "`Simulation` (4-ary heap): the engine as shipped",
        "collections": "same loop on swift-collections `Heap`",
        "quaternary-generic": "same loop on the 4-ary heap (control)",
    }
    rows = []
    for queue, records in runs.items():
        rows.append([names[queue], spread(r["wall_s"] for r in records),
                     si(median(r["events_per_s"] for r in records)),
                     si(median(r["customers_per_s"] for r in records)),
                     f"{records[0]['mean_wait']:.4f}", f"{median(r['rss_mib'] for r in records):.1f}"])
    shipped = median(r["events_per_s"] for r in runs["quaternary"])
    report.add("## 2. M/M/1 at ρ = 0.9 on one core", "",
               f"{customers:,} customers (λ = 0.9, μ = 1, FIFO, 1 server, no warm-up removed), 2 events each; "
               f"event loop timed alone; median of {repeats} runs. Erlang C mean wait in queue: "
               f"{ERLANG_WAIT:g}. Goal ≥ 20 M events/s: **{'met' if shipped >= 20e6 else 'NOT met'}** "
               f"({si(shipped)} events/s).", "")
    report.table(["engine", "wall s (min–max)", "events/s", "customers/s", "mean wait", "peak RSS MiB"], rows)
    return runs


# MARK: - Figure 3: archsim vs SimPy vs Ciw

def peers_figure(report, mm1, python, customers, repeats, archsim_big):
    log(f"figure 3: archsim, SimPy and Ciw with {customers:,} customers × {repeats} rounds")
    commands = {
        "archsim": [mm1, "--customers", str(customers)],
        "SimPy": [python, os.path.join(HERE, "mm1_simpy.py"), "--customers", str(customers)],
        "Ciw": [python, os.path.join(HERE, "mm1_ciw.py"), "--customers", str(customers)],
    }
    runs = {name: [] for name in commands}
    for round_index in range(repeats):
        for name, command in commands.items():
            out, rss, elapsed = timed(command)
            record = json_line(out)
            record.update(rss_mib=rss, process_s=elapsed)
            runs[name].append(record)
            log(f"  round {round_index + 1}: {name} {record['wall_s']:.3f} s")
    ours = median(r["wall_s"] for r in runs["archsim"])
    rows = []
    for name, records in runs.items():
        wall = median(r["wall_s"] for r in records)
        ratio = "1" if name == "archsim" else f"{ours / wall:.5f} (archsim {wall / ours:,.0f}× faster)"
        rows.append([name + ("" if name == "archsim" else f" {records[0]['version']}"),
                     f"{records[0]['customers']:,}", spread(r["wall_s"] for r in records), si(median(r['customers_per_s'] for r in records)),
                     si(median(r['events_per_s'] for r in records)), ratio,
                     f"{median(r['mean_wait'] for r in records):.4f}", f"{ERLANG_WAIT:g}",
                     f"{median(r['rss_mib'] for r in records):.0f}", fmt(median(r['process_s'] for r in records))])
    if archsim_big:
        wall = median(r["wall_s"] for r in archsim_big)
        record = archsim_big[0]
        rows.append(["archsim (figure 2)", f"{record['customers']:,}", spread(r["wall_s"] for r in archsim_big),
                     si(median(r['customers_per_s'] for r in archsim_big)),
                     si(median(r['events_per_s'] for r in archsim_big)), "—", f"{record['mean_wait']:.4f}",
                     f"{ERLANG_WAIT:g}", f"{median(r['rss_mib'] for r in archsim_big):.0f}", "—"])
    simpy_speedup = median(r["wall_s"] for r in runs["SimPy"]) / ours
    per_round = {name: median(peer["wall_s"] / own["wall_s"] for peer, own in zip(runs[name], runs["archsim"]))
                 for name in ("SimPy", "Ciw")}
    report.add("## 3. archsim vs SimPy and Ciw, same M/M/1", "",
               f"The same model in each tool ({customers:,} customers, λ = 0.9, μ = 1). events/s counts "
               f"**2 logical events per customer for every tool** (arrival and departure), whatever each "
               f"tool schedules internally. `wall s` times the simulation alone (SimPy: `env.run()`; Ciw: "
               f"building and running `ciw.Simulation`; archsim: the event loop); `process s` is the whole "
               f"process, interpreter start and imports included. Medians of {repeats} rounds. "
               f"Goal ≥ 100× SimPy: **{'met' if simpy_speedup >= 100 else 'NOT met'}** "
               f"({simpy_speedup:,.0f}× from the medians; the median of the per-round ratios, each taken "
               f"from runs minutes apart at most, is {per_round['SimPy']:,.0f}× for SimPy and "
               f"{per_round['Ciw']:,.0f}× for Ciw).", "")
    report.table(["tool", "customers", "wall s (min–max)", "customers/s", "events/s", "time ratio archsim/peer",
                  "mean wait", "Erlang C", "peak RSS MiB", "process s"], rows)
    return runs


# MARK: - Figure 4: memory against customers

def memory_figure(report, mm1, sizes, repeats, known):
    log(f"figure 4: peak RSS at {', '.join(f'{n:,}' for n in sizes)} customers")
    rows = []
    peak = {}
    for customers in sizes:
        values = list(known.get(customers, []))
        while len(values) < repeats:
            _, rss, _ = timed([mm1, "--customers", str(customers)])
            values.append(rss)
        peak[customers] = median(values)
        rows.append([f"{customers:,}", f"{peak[customers]:.1f}"])
    worst = peak[max(sizes)]
    report.add("## 4. Memory against the number of customers", "",
               f"Peak resident set of the `MM1` process (GNU time's \"Maximum resident set size\"), median "
               f"of {repeats} runs. Goal < 100 MB at {max(sizes):,}: "
               f"**{'met' if worst * 1.048576 < 100 else 'NOT met'}** ({worst:.1f} MiB).", "")
    report.table(["customers", "peak RSS MiB"], rows)


# MARK: - Figure 5: replications on 1 and 2 cores

def replications_figure(report, archsim, repeats):
    topology = os.path.join(BENCH, "topologies", "mm1.yaml")
    log(f"figure 5: archsim run {os.path.relpath(topology, BENCH)} --jobs 1 / 2 × {repeats} rounds")
    runs = {1: [], 2: []}
    # The machine's own ceiling, in the same rounds: the same 8 replications as two independent
    # `--jobs 1` processes of 4 at once (no shared memory, no runtime in common). On a shared VM
    # the second core does not always give a full core; this says how much it gave.
    pair_seconds = []
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(repeats):
            started = time.perf_counter()
            pair = [subprocess.Popen([archsim, "run", topology, "--jobs", "1", "--replications", "4", "--seed", str(seed),
                                      "--quiet"], stdout=subprocess.DEVNULL) for seed in (1, 2)]
            if any(process.wait() != 0 for process in pair):
                sys.exit("archsim run failed in the two-process control")
            pair_seconds.append(time.perf_counter() - started)
            for jobs in (1, 2):
                out_dir = os.path.join(scratch, f"jobs{jobs}")
                _, rss, elapsed = timed([archsim, "run", topology, "--jobs", str(jobs), "--quiet", "--out", out_dir])
                with open(os.path.join(out_dir, "report.json")) as file:
                    result = json.load(file)
                engine = result["engine"]
                workload = result["workloads"]["customers"]
                runs[jobs].append({
                    "process_s": elapsed, "wall_s": engine["wall_s"], "events": engine["events"],
                    "events_per_s": engine["events_per_s"], "rss_mib": rss,
                    "completed": workload["completed"],
                    "wait_ms": result["components"]["server"]["wait_ms"]["mean"],
                })
    rows = []
    for jobs, records in runs.items():
        rows.append([f"--jobs {jobs}", f"{records[0]['completed']:,}", f"{records[0]['events']:,}",
                     spread(r['wall_s'] for r in records), spread(r['process_s'] for r in records),
                     si(median(r['events_per_s'] for r in records)), f"{records[0]['wait_ms'] / 1000:.3f}",
                     f"{median(r['rss_mib'] for r in records):.0f}"])
    speedup = median(r["process_s"] for r in runs[1]) / median(r["process_s"] for r in runs[2])
    engine_speedup = median(r["wall_s"] for r in runs[1]) / median(r["wall_s"] for r in runs[2])
    round_speedups = [one["process_s"] / two["process_s"] for one, two in zip(runs[1], runs[2])]
    ceiling = median(r["process_s"] for r in runs[1]) / median(pair_seconds)
    report.add("## 5. Replications in parallel", "",
               f"`archsim run topologies/mm1.yaml` (M/M/1, ρ = 0.9, 1,100,000 s ≈ 990,000 customers per "
               f"replication, 8 replications, warm-up 0 s) with `--jobs 1` and `--jobs 2` on "
               f"{os.cpu_count()} cores; medians of {repeats} rounds (at least 15: single rounds on this VM range from 1.2× to 2.6×). `engine wall s` is report.json's "
               f"`engine.wall_s` (all replications, start to end); `process s` the whole command, which "
               f"the goal is judged on. Speed-up with 2 jobs: "
               f"{speedup:.2f}× (process), {engine_speedup:.2f}× (engine); per round (process) "
               f"{', '.join(f'{x:.2f}×' for x in round_speedups)}, median {median(round_speedups):.2f}×. Goal ≥ 1.8× "
               f"(judged on the ratio of the process medians): "
               f"**{'met' if speedup >= 1.8 else 'NOT met'}**. The machine's ceiling in the same rounds, "
               f"the 8 replications as two independent `--jobs 1` processes of 4 at once: "
               f"{spread(pair_seconds)} s, {ceiling:.2f}× the `--jobs 1` median.", "")
    report.table(["jobs", "completed (8 reps)", "events", "engine wall s (min–max)", "process s (min–max)", "events/s",
                  "mean wait s (Erlang 9)", "peak RSS MiB"], rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True, help="folder of the release MM1 and archsim executables")
    parser.add_argument("--out", required=True, help="Markdown file to write")
    parser.add_argument("--customers", type=count, default=1_000_000,
                        help="customers for the side-by-side run of archsim, SimPy and Ciw (default 10^6)")
    parser.add_argument("--big", type=count, default=10_000_000,
                        help="customers of archsim's own M/M/1 run (figure 2; default 10^7)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--hold-repeats", type=int, default=5, help="runs per hold measurement (default 5)")
    parser.add_argument("--hold-operations", type=count, default=2_000_000, help="holds per run (default 2·10^6)")
    parser.add_argument("--only", default="1,2,3,4,5", help="figures to run, e.g. 1,2 (default all)")
    args = parser.parse_args()
    only = {int(part) for part in args.only.split(",") if part}

    mm1 = os.path.join(args.bin, "MM1")
    archsim = os.path.join(args.bin, "archsim")
    info = machine()
    report = Report()
    report.add("# archsim engine benchmarks", "",
               f"{info['date']} · {info['cpu']}, {info['cores']} cores · {info['swift']} (release builds) · "
               f"Python {info['python']}, SimPy {info['simpy']}, Ciw {info['ciw']}", "",
               "Produced by `" + " ".join(["Benchmarks/peers/run.sh", *sys.argv[5:]]) + "`; every figure is a median. "
               "What each one means: `Benchmarks/README.md`.", "")
    started = time.perf_counter()
    if 1 in only:
        hold_figure(report, mm1, [10 ** k for k in range(2, 7)], args.hold_repeats, args.hold_operations)
    big = mm1_figure(report, mm1, args.big, args.repeats) if 2 in only else {}
    peers = peers_figure(report, mm1, sys.executable, args.customers, args.repeats,
                         big.get("quaternary")) if 3 in only else {}
    if 4 in only:
        known = {}
        if big:
            known[args.big] = [r["rss_mib"] for r in big["quaternary"]]
        if peers:
            known[args.customers] = [r["rss_mib"] for r in peers["archsim"]]
        memory_figure(report, mm1, sorted({100_000, 1_000_000, args.big}), args.repeats, known)
    if 5 in only:
        replications_figure(report, archsim, max(args.repeats, 15))
    report.add(f"Total time of the benchmark run: {time.perf_counter() - started:,.0f} s.")
    publish(report, args.out)


if __name__ == "__main__":
    main()
