#!/usr/bin/env python3
"""M/M/1 in SimPy, the same model as ../Sources/MM1: λ = 0.9, μ = 1, FIFO, one server,
N customers arriving (the first at time 0), run until the last has left, no warm-up removed.

Written the way SimPy's documentation writes it: a source process, one process per customer,
a `Resource(capacity=1)`. Prints one JSON line like the Swift `MM1` executable; `wall_s` is the
time of `env.run()` alone (not the interpreter start, nor the imports). `events` counts the two
logical events of each customer, arrival and departure (SimPy itself schedules more).
"""
import argparse
import json
import random
import time

import simpy

LAMBDA, MU = 0.9, 1.0


class Waits:
    """Running sum of the waits in queue: memory does not grow with the customers (as in archsim)."""

    def __init__(self):
        self.total = 0.0
        self.count = 0


def customer(env, server, rng, waits):
    arrived = env.now
    with server.request() as request:
        yield request
        waits.total += env.now - arrived
        waits.count += 1
        yield env.timeout(rng.expovariate(MU))


def source(env, server, customers, arrivals_rng, service_rng, waits):
    for index in range(customers):
        env.process(customer(env, server, service_rng, waits))
        if index + 1 < customers:
            yield env.timeout(arrivals_rng.expovariate(LAMBDA))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=lambda s: int(float(s)), default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    waits = Waits()
    env.process(source(env, server, args.customers, random.Random(args.seed), random.Random(args.seed + 1000), waits))
    start = time.perf_counter()
    env.run()
    wall = time.perf_counter() - start

    rho = LAMBDA / MU
    print(json.dumps({
        "tool": "simpy", "version": simpy.__version__, "customers": args.customers,
        "events": 2 * args.customers, "wall_s": wall,
        "customers_per_s": args.customers / wall, "events_per_s": 2 * args.customers / wall,
        "mean_wait": waits.total / waits.count, "erlang_wait": rho / (MU - LAMBDA),
    }))


if __name__ == "__main__":
    main()
