#!/usr/bin/env python3
# File: bench/latency/report.py
#
# Prints the latency benchmark's table (workload x concurrency: Tessera,
# floor and peer medians, p95, p99 and throughput, and the ratios of the medians)
# from latency_bench's JSON, and draws the latency distributions with
# gnuplot: one panel per workload, the empirical CDF of each system at each
# concurrency.
#
# Usage: report.py RESULTS.json PLOT.png
import json
import os
import shutil
import subprocess
import sys
import tempfile

SYSTEMS = ("tessera", "floor", "peer")


def table(run):
    cells = {(c["workload"], c["concurrency"], c["system"]): c for c in run["cells"]}
    print()
    print(f"Dashboard latency at {run['people']:,} people: {run['seconds_per_cell']} s per cell in "
          f"{run['rounds']} interleaved rounds; ms (median / p95 / p99), throughput in queries/s")
    for check in run["checks"]:
        state = f"answers agree ({check['rows']} rows checked)" if check["ok"] else "NOT TIMED: " + check["message"]
        print(f"  {check['workload']}: {state}")
        if check.get("peer_choice"):
            print(f"    {check['peer_choice']}")
    for w in run["workloads"]:
        print(f"  {w['name']}: {w['question']}; {w['peer_note']}")
    hdr = (f"{'workload':<18} {'c':>3} {'tessera ms':>24} {'floor ms':>24} {'peer ms':>24} "
           f"{'qps t/f/p':>20} {'t/floor':>8} {'t/peer':>7}")
    print(hdr)
    print("-" * len(hdr))
    for w in run["workloads"]:
        for n in sorted({c["concurrency"] for c in run["cells"]}):
            got = [cells.get((w["name"], n, s)) for s in SYSTEMS]
            if any(g is None for g in got):
                continue
            lat = [f"{g['median_ms']:.1f} / {g['p95_ms']:.1f} / {g['p99_ms']:.1f}" for g in got]
            qps = "/".join(f"{g['throughput_qps']:.1f}" for g in got)
            t, f, p = (g["median_ms"] for g in got)
            ratio = lambda a, b: f"{a / b:.2f}" if b > 0 else "-"
            errors = sum(g["errors"] for g in got)
            print(f"{w['name']:<18} {n:>3} {lat[0]:>24} {lat[1]:>24} {lat[2]:>24} {qps:>20} "
                  f"{ratio(t, f):>8} {ratio(t, p):>7}" + (f"  ({errors} errors)" if errors else ""))


def plot(run, png):
    if shutil.which("gnuplot") is None:
        print("no gnuplot: no plot (scripts/lib/install-deps.sh bench installs it)")
        return
    tmp = tempfile.mkdtemp(prefix="tessera-latency-plot-")
    names = [w["name"] for w in run["workloads"]]
    levels = sorted({c["concurrency"] for c in run["cells"]})
    colours = {"tessera": "#1f77b4", "floor": "#2ca02c", "peer": "#d62728"}
    dashes = {n: i + 1 for i, n in enumerate(levels)}
    panels = []
    for name in names:
        lines = []
        for c in run["cells"]:
            if c["workload"] != name or not c["latencies_ms"]:
                continue
            path = os.path.join(tmp, f"{name}-{c['system']}-{c['concurrency']}.dat")
            values = sorted(c["latencies_ms"])
            with open(path, "w") as f:
                for i, v in enumerate(values):
                    f.write(f"{v} {(i + 1) / len(values)}\n")
            lines.append(f"'{path}' using 1:2 with lines lw 2 dt {dashes[c['concurrency']]} "
                         f"lc rgb '{colours[c['system']]}' title '{c['system']} c={c['concurrency']}'")
        panels.append(f"set title '{name}'\nplot " + ", ".join(lines))
    script = "\n".join([
        f"set terminal pngcairo size 900,{420 * max(1, len(names))}",
        "set termoption noenhanced",
        f"set output '{png}'",
        f"set multiplot layout {max(1, len(names))},1 title 'Latency CDF at {run['people']:,} people'",
        "set logscale x", "set xlabel 'latency (ms)'", "set ylabel 'fraction of requests'",
        "set key outside right", "set grid",
    ] + panels + ["unset multiplot"])
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    shutil.rmtree(tmp)
    print(f"plot: {png}")


def main():
    path, png = sys.argv[1], sys.argv[2]
    with open(path) as f:
        run = json.load(f)
    table(run)
    print(f"JSON: {path}")
    if run["workloads"]:
        plot(run, png)


if __name__ == "__main__":
    main()
