#!/usr/bin/env python3
"""Performance gate over a Google Benchmark program.

Runs BENCHMARK with JSON output (median of a few repetitions), then applies the checks of
BASELINE (a JSON file in bench/baselines/): each check is a bound on one benchmark's field or
on the ratio of two benchmarks measured in the same run. Prints one line per check and exits
1 if any check fails, so that ctest (and CI) fail on a regression.

usage: check_benchmark.py BENCHMARK BASELINE [--repetitions N] [--min-time S]
"""
import argparse
import json
import subprocess
import sys


def run_benchmark(binary, repetitions, min_time):
    """The median of each benchmark, by name ("BM_SortVertices/10000")."""
    out = subprocess.run(
        [binary, "--benchmark_format=json", f"--benchmark_repetitions={repetitions}",
         "--benchmark_report_aggregates_only=true", f"--benchmark_min_time={min_time}"],
        capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise SystemExit(f"{binary} exited with {out.returncode}:\n{out.stderr}")
    report = json.loads(out.stdout)
    medians = {}
    for row in report["benchmarks"]:
        if row.get("error_occurred"):
            raise SystemExit(f"{row['name']}: {row.get('error_message', 'error')}")
        if row.get("aggregate_name") == "median":
            medians[row["run_name"]] = row
    return medians


def field_of(medians, name, field):
    if name not in medians:
        raise SystemExit(f"the benchmark program reported no {name!r} "
                         f"(it has: {', '.join(sorted(medians))})")
    row = medians[name]
    if field not in row:
        raise SystemExit(f"{name} has no field {field!r}")
    return float(row[field])


def check_bound(medians, check):
    """`field` of benchmark `of` is at most `max` (in the benchmark's own unit)."""
    value = field_of(medians, check["of"], check["field"])
    return value <= check["max"], f"{check['of']} {check['field']} = {value:.4g} (max {check['max']})"


def check_ratio(medians, check):
    """`field` of `numerator` over the same field of `denominator` is at most `max`."""
    num = field_of(medians, check["numerator"], check["field"])
    den = field_of(medians, check["denominator"], check["field"])
    ratio = num / den
    return ratio <= check["max"], (f"{check['numerator']} / {check['denominator']} "
                                   f"{check['field']} = {ratio:.3g} (max {check['max']})")


def check_scaling(medians, check):
    """How `field` of `subject` grows from `small` to `large` (e.g. "BM_Sort/1000" to
    "BM_Sort/100000"), over how the same field of the same-run `reference` grows across the same
    sizes, is at most `max`. Costs the host adds to both alike (cache misses once the data
    outgrows the caches) cancel out; only the subject's own extra growth remains."""
    def growth(name):
        small = field_of(medians, f"{name}/{check['small']}", check["field"])
        large = field_of(medians, f"{name}/{check['large']}", check["field"])
        return large / small
    subject, reference = growth(check["subject"]), growth(check["reference"])
    relative = subject / reference
    return relative <= check["max"], (
        f"{check['subject']} {check['large']}/{check['small']} {check['field']} grows "
        f"{subject:.3g}x, {check['reference']} {reference:.3g}x: relative {relative:.3g} "
        f"(max {check['max']})")


CHECKS = {"bound": check_bound, "ratio": check_ratio, "scaling": check_scaling}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("benchmark")
    parser.add_argument("baseline")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--min-time", type=float, default=0.2)
    args = parser.parse_args()
    with open(args.baseline) as f:
        baseline = json.load(f)
    medians = run_benchmark(args.benchmark, args.repetitions, args.min_time)
    failed = 0
    for check in baseline["checks"]:
        ok, detail = CHECKS[check["kind"]](medians, check)
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'} {check['name']}: {detail}")
    if failed:
        print(f"{failed} of {len(baseline['checks'])} checks failed; to reproduce:\n"
              f"  {args.benchmark} --benchmark_repetitions={args.repetitions}")
        sys.exit(1)


if __name__ == "__main__":
    main()
