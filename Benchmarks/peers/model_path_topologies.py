#!/usr/bin/env python3
"""The generated topologies of the model-path benchmark (model_path.py, ../README.md):

- chain-K: K `service` components, each calling the next (a synchronous chain: every
  station holds its server until the rest of the chain has answered);
- fan-K: one entry `service` calling K services in parallel (`fanout`), waiting for all;
- inflight-L: requests in flight L = λ·W by Little's law, in two M/M/c delay stations of
  100,000 servers each (the language's maximum) fed by two Poisson workloads of λ/2: W is the
  mean service time, λ is fixed, so only the number of requests present changes;
- alb-memory: topologies/alb-ecs-s3-kafka.yaml's architecture at a lower rate, for peak memory
  against the simulated duration.

Each is sized so that a run handles about `events` events, whatever K or L, and has
`warmup: 0s` (no pilot run) and one replication. Run on its own it writes them to --out:

    python3 Benchmarks/peers/model_path_topologies.py --out /tmp/topologies
"""
import argparse
import os

HEADER = 'archsim: 1\nname: {name}\ndescription: "{description}"\n\n'

# Chain and fan: the arrival rate and each station's mean service time.
RATE = 200.0          # requests/s
SERVICE = "1ms"       # mean service time of every station (exponential)
SERVERS = 1000        # far above any station's occupancy (λ × K × 1ms ≤ 40 at K = 200)

# In flight: the arrival rate; the mean service time is L / λ.
INFLIGHT_RATE = 1000.0
INFLIGHT_SERVERS = 100_000


def seconds(value):
    """Seconds as the language's duration text, exact to the millisecond."""
    return f"{round(value * 1000)}ms"


def chain(components, events):
    """K services in a synchronous chain. Events per request: one arrival and one service
    end per station (≈ K + 1)."""
    duration = events / (RATE * (components + 1))
    lines = [HEADER.format(name=f"chain-{components}",
                           description=f"{components} services, each calling the next"),
             f"simulation: {{ duration: {seconds(duration)}, warmup: 0s, replications: 1, seed: 1 }}\n\n",
             "components:\n"]
    for index in range(1, components + 1):
        lines.append(f"  s{index}:\n    kind: service\n    servers: {SERVERS}\n"
                     f"    service_time: {{ exponential: {SERVICE} }}\n")
        if index < components:
            lines.append(f"    handlers:\n      req:\n        - call: s{index + 1}\n")
    lines.append("\nworkloads:\n  req:\n    entry: s1\n"
                 f"    arrival: {{ process: poisson, rate: {RATE:g}/s }}\n")
    return "".join(lines)


def fan(components, events):
    """One entry calling K services in parallel. Events per request ≈ K + 2."""
    duration = events / (RATE * (components + 2))
    lines = [HEADER.format(name=f"fan-{components}",
                           description=f"an entry service calling {components} services in parallel"),
             f"simulation: {{ duration: {seconds(duration)}, warmup: 0s, replications: 1, seed: 1 }}\n\n",
             "components:\n",
             f"  entry:\n    kind: service\n    servers: {SERVERS}\n"
             f"    service_time: {{ exponential: {SERVICE} }}\n    handlers:\n      req:\n        - fanout:\n"]
    for index in range(1, components + 1):
        lines.append(f"            - call: s{index}\n")
    for index in range(1, components + 1):
        lines.append(f"  s{index}:\n    kind: service\n    servers: {SERVERS}\n"
                     f"    service_time: {{ exponential: {SERVICE} }}\n")
    lines.append("\nworkloads:\n  req:\n    entry: entry\n"
                 f"    arrival: {{ process: poisson, rate: {RATE:g}/s }}\n")
    return "".join(lines)


def inflight(level, events):
    """L requests in flight on average (L = λ·W), half in each of two delay stations.
    Two events per request; the run is long enough to handle `events` of them after a
    fill-up of 5 W (not removed: `engine.events_per_s` counts the whole run)."""
    mean = level / INFLIGHT_RATE
    duration = events / (2 * INFLIGHT_RATE) + 5 * mean
    # The client waits 25 mean service times (P(timeout) = e^-25), at most the run.
    timeout = min(duration, 25 * mean)
    lines = [HEADER.format(name=f"inflight-{level}",
                           description=f"{level} requests in flight (Little: λ = {INFLIGHT_RATE:g}/s, W = {seconds(mean)})"),
             f"simulation: {{ duration: {seconds(duration)}, warmup: 0s, replications: 1, seed: 1 }}\n\n",
             "components:\n"]
    for name in ("delay-a", "delay-b"):
        lines.append(f"  {name}:\n    kind: service\n    servers: {INFLIGHT_SERVERS}\n"
                     f"    service_time: {{ exponential: {seconds(mean)} }}\n")
    lines.append("\nworkloads:\n")
    for name, entry in (("a", "delay-a"), ("b", "delay-b")):
        lines.append(f"  {name}:\n    entry: {entry}\n"
                     f"    arrival: {{ process: poisson, rate: {INFLIGHT_RATE / 2:g}/s }}\n"
                     f"    timeout: {seconds(timeout)}\n")
    return "".join(lines)


def alb_memory(source, rate):
    """alb-ecs-s3-kafka.yaml with its rate replaced and one replication, no warm-up."""
    with open(source) as file:
        text = file.read()
    old_rate = "rate: 500/s"
    old_simulation = "simulation: { duration: 1h, warmup: 5min, replications: 1, seed: 1 }"
    if old_rate not in text or old_simulation not in text:
        raise SystemExit(f"{source}: expected `{old_rate}` and `{old_simulation}` in it")
    text = text.replace(old_rate, f"rate: {rate:g}/s")
    text = text.replace(old_simulation, "simulation: { duration: 1h, warmup: 0s, replications: 1, seed: 1 }")
    return text.replace("name: alb-ecs-s3-kafka", f"name: alb-ecs-s3-kafka-{rate:g}")


def generate(out, sizes, levels, events, alb_source, alb_rate):
    """Writes every topology into `out`; returns {key: path}, keys like ('chain', 10)."""
    os.makedirs(out, exist_ok=True)
    paths = {}

    def write(key, name, text):
        path = os.path.join(out, name)
        with open(path, "w") as file:
            file.write(text)
        paths[key] = path

    for size in sizes:
        write(("chain", size), f"chain-{size}.yaml", chain(size, events))
        write(("fan", size), f"fan-{size}.yaml", fan(size, events))
    for level in levels:
        write(("inflight", level), f"inflight-{level}.yaml", inflight(level, events))
    write(("alb-memory", alb_rate), f"alb-memory-{alb_rate:g}.yaml", alb_memory(alb_source, alb_rate))
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder to write the YAML files to")
    parser.add_argument("--sizes", default="10,50,100,200", help="components of the chains and fans")
    parser.add_argument("--levels", default="100,1000,10000,100000", help="requests in flight")
    parser.add_argument("--events", type=float, default=3e6, help="events per run (default 3e6)")
    parser.add_argument("--alb-rate", type=float, default=50, help="requests/s of the memory topology")
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    paths = generate(args.out, [int(s) for s in args.sizes.split(",")], [int(s) for s in args.levels.split(",")],
                     args.events, os.path.join(os.path.dirname(here), "topologies", "alb-ecs-s3-kafka.yaml"),
                     args.alb_rate)
    for path in paths.values():
        print(path)


if __name__ == "__main__":
    main()
