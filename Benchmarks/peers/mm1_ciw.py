#!/usr/bin/env python3
"""M/M/1 in Ciw, the same model as ../Sources/MM1: λ = 0.9, μ = 1, FIFO, one server,
N customers, run until N have finished (`simulate_until_max_customers(method="Finish")`),
no warm-up removed.

Prints one JSON line like the Swift `MM1` executable; `wall_s` is the time of building the
simulation and running it (not the interpreter start, nor the imports). `events` counts the
two logical events of each customer, arrival and departure.
"""
import argparse
import json
import time

import ciw

LAMBDA, MU = 0.9, 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=lambda s: int(float(s)), default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=LAMBDA)],
        service_distributions=[ciw.dists.Exponential(rate=MU)],
        number_of_servers=[1],
    )
    ciw.seed(args.seed)
    start = time.perf_counter()
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_customers(args.customers, method="Finish")
    wall = time.perf_counter() - start

    records = simulation.get_all_records()
    waits = [record.waiting_time for record in records]
    rho = LAMBDA / MU
    print(json.dumps({
        "tool": "ciw", "version": ciw.__version__, "customers": len(records),
        "events": 2 * len(records), "wall_s": wall,
        "customers_per_s": len(records) / wall, "events_per_s": 2 * len(records) / wall,
        "mean_wait": sum(waits) / len(waits), "erlang_wait": rho / (MU - LAMBDA),
    }))


if __name__ == "__main__":
    main()
