#!/usr/bin/env python3
"""Turns the hyperfine JSON that bench/run.sh writes into the Markdown tables of BENCHMARKS.md.

Usage: summarize.py RESULTS_DIR
"""

import json
import pathlib
import sys


def mean(results: pathlib.Path, name: str) -> dict | None:
    path = results / name
    if not path.exists():
        return None
    return json.loads(path.read_text())["results"]


def seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def main() -> None:
    results = pathlib.Path(sys.argv[1])
    machine = (results / "machine.txt").read_text().strip().splitlines()
    print("Machine and tools:\n")
    for line in machine:
        print(f"- {line}")
    print()

    sizes = sorted(
        int(p.stem.split("-")[-1])
        for p in results.glob("validate-*.json")
        if p.stem.split("-")[1].isdigit()
    )
    print("### Validating a portfolio (one protocol, N agreements)\n")
    print(
        "| agreements | isagen validate | per file | one core | peak memory "
        "| check-jsonschema | per file | ratio |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        ours = mean(results, f"validate-{n}.json")[0]
        one = mean(results, f"validate-1core-{n}.json")[0]
        theirs = mean(results, f"check-jsonschema-{n}.json")[0]
        memory_kb = int((results / f"validate-memory-{n}.txt").read_text().split()[-1])
        files = n + 1
        print(
            f"| {n:,} | {seconds(ours['mean'])} ± {seconds(ours['stddev'] or 0)} "
            f"| {ours['mean'] / files * 1e6:.0f} µs "
            f"| {seconds(one['mean'])} | {memory_kb / 1024:.0f} MB "
            f"| {seconds(theirs['mean'])} | {theirs['mean'] / files * 1e3:.1f} ms "
            f"| {theirs['mean'] / ours['mean']:.0f}× |"
        )
    print()

    render = mean(results, "render-docx.json")
    if render:
        ours, theirs = render
        print("### Rendering one agreement to DOCX (whole process)\n")
        print("| command | mean ± σ | min | ratio |")
        print("| --- | ---: | ---: | ---: |")
        print(
            f"| {ours['command']} | {seconds(ours['mean'])} ± {seconds(ours['stddev'])} "
            f"| {seconds(ours['min'])} | 1× |"
        )
        print(
            f"| {theirs['command']} | {seconds(theirs['mean'])} ± {seconds(theirs['stddev'])} "
            f"| {seconds(theirs['min'])} | {theirs['mean'] / ours['mean']:.1f}× slower |"
        )
        print()

    portfolio = mean(results, "render-100.json")
    if portfolio:
        one, all_cores = portfolio
        print("### Rendering 100 agreements and their protocol (Markdown and DOCX)\n")
        print("| command | mean ± σ | speed-up |")
        print("| --- | ---: | ---: |")
        print(f"| {one['command']} | {seconds(one['mean'])} ± {seconds(one['stddev'])} | 1× |")
        print(
            f"| {all_cores['command']} | {seconds(all_cores['mean'])} ± "
            f"{seconds(all_cores['stddev'])} | {one['mean'] / all_cores['mean']:.2f}× |"
        )


if __name__ == "__main__":
    main()
