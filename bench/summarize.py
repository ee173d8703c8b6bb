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
        print("| command | mean ± σ | min | relative time |")
        print("| --- | ---: | ---: | ---: |")
        for result in render:
            print(f"{timing_row(result)} {seconds(result['min'])} "
                  f"| {result['mean'] / ours['mean']:.1f}× |")
        print()

    portfolio = mean(results, "render-100.json")
    if portfolio:
        one = portfolio[0]
        print("### Rendering 100 agreements and their protocol (Markdown and DOCX)\n")
        print("| command | mean ± σ | speed-up |")
        print("| --- | ---: | ---: |")
        for result in portfolio:
            print(f"{timing_row(result)} {one['mean'] / result['mean']:.2f}× |")


def timing_row(result: dict) -> str:
    """The start of a table row: the command and its mean ± standard deviation."""
    return (
        f"| {result['command']} | {seconds(result['mean'])} ± "
        f"{seconds(result['stddev'] or 0)} |"
    )

if __name__ == "__main__":
    main()
