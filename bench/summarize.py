#!/usr/bin/env python3
"""Turns the hyperfine JSON that bench/run.sh writes into the Markdown tables of BENCHMARKS.md.

Usage: summarize.py RESULTS_DIR
"""

import json
import pathlib
import sys

RESULTS = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else None


def load(name: str) -> list | None:
    path = RESULTS / name
    if not path.exists():
        return None
    return json.loads(path.read_text())["results"]


def named(results: list, prefix: str) -> dict:
    return next(r for r in results if r["command"].startswith(prefix))


def memory_mb(name: str) -> float | None:
    path = RESULTS / name
    if not path.exists():
        return None
    return int(path.read_text().split()[-1]) / 1024


def seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def timed(result: dict) -> str:
    return f"{seconds(result['mean'])} ± {seconds(result['stddev'] or 0)}"


def cpu(result: dict) -> float:
    """CPU seconds (user and system) of one run."""
    return result["user"] + result["system"]


def main() -> None:
    if RESULTS is None:
        sys.exit(__doc__)
    print("Machine and tools:\n")
    for line in (RESULTS / "machine.txt").read_text().strip().splitlines():
        print(f"- {line}")
    print()

    sizes = sorted(
        int(p.stem.split("-")[-1])
        for p in RESULTS.glob("validate-*.json")
        if p.stem.split("-")[1].isdigit()
    )
    rows = {}
    for n in sizes:
        results = load(f"validate-{n}.json")
        rows[n] = {
            "yaml": named(results, "isagen validate, YAML"),
            "json": named(results, "isagen validate, JSON"),
            "ajv": named(results, "ajv-cli"),
            "one": load(f"validate-1core-{n}.json")[0],
            "cj": (load(f"check-jsonschema-{n}.json") or [None])[0],
        }

    print("### Validating a portfolio: wall time (one protocol, N agreements)\n")
    print("| agreements | isagen, YAML | isagen, JSON | ajv-cli, JSON | ajv-cli ÷ isagen (JSON) "
          "| isagen, YAML, one core | check-jsonschema, YAML |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, r in rows.items():
        cj = timed(r["cj"]) if r["cj"] else "not run"
        print(f"| {n:,} | {timed(r['yaml'])} | {timed(r['json'])} | {timed(r['ajv'])} "
              f"| {r['ajv']['mean'] / r['json']['mean']:.1f}× | {timed(r['one'])} | {cj} |")
    print()

    print("### Validating a portfolio: CPU time per file (user and system, all threads)\n")
    print("| agreements | isagen, YAML | isagen, JSON | ajv-cli, JSON | check-jsonschema, YAML |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for n, r in rows.items():
        files = n + 1
        per = lambda result: f"{cpu(result) / files * 1e6:.0f} µs"
        cj = per(r["cj"]) if r["cj"] else "not run"
        print(f"| {n:,} | {per(r['yaml'])} | {per(r['json'])} | {per(r['ajv'])} | {cj} |")
    if len(rows) >= 2:
        small, large = sorted(rows)[-2], sorted(rows)[-1]
        extra = large - small
        print(f"| each file from {small:,} to {large:,} | "
              + " | ".join(
                  f"{(cpu(rows[large][k]) - cpu(rows[small][k])) / extra * 1e6:.0f} µs"
                  for k in ("yaml", "json", "ajv"))
              + " | |")
    print()

    print("### Validating a portfolio: peak memory (resident)\n")
    print("| agreements | isagen, YAML | isagen, JSON | ajv-cli, JSON |")
    print("| ---: | ---: | ---: | ---: |")
    for n in rows:
        cells = [memory_mb(f"memory-{tool}-{n}.txt") for tool in ("isagen-yaml", "isagen-json", "ajv")]
        print(f"| {n:,} | " + " | ".join(f"{c:.0f} MB" if c else "" for c in cells) + " |")
    print()

    render = load("render-docx.json")
    pdf = load("render-pdf.json")
    for title, results, memory in [
        ("Rendering one agreement to DOCX (whole process)", render, "memory-render-docx.txt"),
        ("The PDF of one agreement (whole process)", pdf, "memory-render-pdf.txt"),
    ]:
        if not results:
            continue
        ours = results[0]
        print(f"### {title}\n")
        print("| command | mean ± σ | min | relative time |")
        print("| --- | ---: | ---: | ---: |")
        for result in results:
            print(f"| {result['command']} | {timed(result)} | {seconds(result['min'])} "
                  f"| {result['mean'] / ours['mean']:.1f}× |")
        mb = memory_mb(memory)
        if mb:
            print(f"\nisagen's peak memory: {mb:.1f} MB.")
        print()

    portfolio = load("render-100.json")
    if portfolio:
        one = portfolio[0]
        print("### Rendering 100 agreements and their protocol (Markdown and DOCX)\n")
        print("| command | mean ± σ | speed-up |")
        print("| --- | ---: | ---: |")
        for result in portfolio:
            print(f"| {result['command']} | {timed(result)} | {one['mean'] / result['mean']:.2f}× |")
        print()

    print("### Against the targets\n")
    print("| target | measured | met |")
    print("| --- | --- | --- |")
    checks = []
    if 10000 in rows:
        r = rows[10000]
        for key, label in (("yaml", "YAML"), ("json", "JSON")):
            checks.append((f"validate 10,000 agreements ({label}) in under 1.5 s",
                           seconds(r[key]["mean"]), r[key]["mean"] < 1.5))
            checks.append((f"less CPU per file than ajv-cli at 10,000 ({label})",
                           f"{cpu(r[key]) / 10001 * 1e6:.0f} µs against {cpu(r['ajv']) / 10001 * 1e6:.0f} µs",
                           cpu(r[key]) < cpu(r["ajv"])))
        for tool in ("isagen-yaml", "isagen-json"):
            mb = memory_mb(f"memory-{tool}-10000.txt")
            checks.append((f"peak memory under 100 MB at 10,000 ({tool[7:].upper()})",
                           f"{mb:.0f} MB", mb < 100))
    if 1000 in rows:
        for key, label in (("yaml", "YAML"), ("json", "JSON")):
            checks.append((f"validate 1,000 agreements ({label}) in under 200 ms",
                           seconds(rows[1000][key]["mean"]), rows[1000][key]["mean"] < 0.2))
    if 1000 in rows and 10000 in rows:
        a, b = rows[1000]["yaml"]["mean"] / 1001, rows[10000]["yaml"]["mean"] / 10001
        checks.append(("time linear in the number of files (YAML, wall per file)",
                       f"{a * 1e6:.0f} µs at 1,000, {b * 1e6:.0f} µs at 10,000", b < a * 1.25))
    if render:
        ratio = render[1]["mean"] / render[0]["mean"]
        checks.append(("render DOCX at least 10 times faster than pandoc", f"{ratio:.1f}×", ratio >= 10))
        mb = memory_mb("memory-render-docx.txt")
        checks.append(("render DOCX in under 25 MB peak memory", f"{mb:.1f} MB", mb < 25))
    if pdf:
        checks.append(("native PDF of one agreement in under 100 ms", seconds(pdf[0]["mean"]),
                       pdf[0]["mean"] < 0.1))
    for target, measured, met in checks:
        print(f"| {target} | {measured} | {'yes' if met else '**no**'} |")


if __name__ == "__main__":
    main()
