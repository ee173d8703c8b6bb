#!/usr/bin/env python3
"""Generates a benchmark corpus: one protocol and N agreements made under it.

Each agreement is the bundled MASH agreement (examples/mash, 15 KB of YAML: 7 parties, 8 data
items, 9 flows, 3 legal bases, retention, security, rights and signatures) with its own id,
title, dates and wording, so every file is a realistic, distinct definition that validates
clean. The protocol lists every agreement, as a real portfolio's protocol would.

Usage: gen_corpus.py COUNT OUT_DIR
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mash"
AGREEMENT_ID = "eastmoor-mash-isa"
DISTRICTS = [
    "Ashby", "Brackenford", "Castlegate", "Dunmere", "Eastwick", "Fellside", "Greystone",
    "Harrowfield", "Ironbridge", "Kingsmoor", "Longhaven", "Millbrook", "Northgate", "Oakridge",
]


def agreement(template: str, index: int) -> str:
    district = DISTRICTS[index % len(DISTRICTS)]
    number = f"{index:05d}"
    text = template.replace(f"id: {AGREEMENT_ID}", f"id: {AGREEMENT_ID}-{number}", 1)
    text = text.replace(
        "Eastmoor Multi-Agency Safeguarding Hub",
        f"{district} Locality Safeguarding Hub {number}",
        1,
    )
    # Each agreement is reviewed on its own day of the year.
    day = 1 + index % 28
    return text.replace("review: 2027-05-01", f"review: 2027-05-{day:02d}", 1)


def protocol(template: str, ids: list[str]) -> str:
    listed = "".join(f"  - {agreement_id}\n" for agreement_id in ids)
    marker = f"agreements:\n  - {AGREEMENT_ID}\n"
    if marker not in template:
        sys.exit("gen_corpus: the MASH protocol no longer lists its agreement as expected")
    return template.replace(marker, "agreements:\n" + listed, 1)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count = int(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    template = (EXAMPLE / "mash-agreement.yaml").read_text(encoding="utf-8")
    ids = []
    for index in range(1, count + 1):
        ids.append(f"{AGREEMENT_ID}-{index:05d}")
        path = out / f"agreement-{index:05d}.yaml"
        path.write_text(agreement(template, index), encoding="utf-8")
    protocol_template = (EXAMPLE / "protocol.yaml").read_text(encoding="utf-8")
    (out / "protocol.yaml").write_text(protocol(protocol_template, ids), encoding="utf-8")


if __name__ == "__main__":
    main()
