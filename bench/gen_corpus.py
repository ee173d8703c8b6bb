#!/usr/bin/env python3
"""Generates a benchmark corpus: one protocol and N agreements made under it.

Each agreement is the bundled MASH agreement (examples/mash, 15 KB of YAML: 7 parties, 8 data
items, 9 flows, 3 legal bases, retention, security, rights and signatures) with its own id,
title, dates and wording, so every file is a realistic, distinct definition that validates
clean. The protocol lists every agreement, as a real portfolio's protocol would.

With --json, the same definitions are written as JSON (`.json`, two-space indentation), the
form a JSON Schema validator such as ajv-cli reads: the MASH example is read once as YAML 1.2
(dates stay text, `no` stays text, as isagen reads it) and each agreement is made from it by
the same replacements.

Usage: gen_corpus.py [--json] COUNT OUT_DIR
"""

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mash"
AGREEMENT_ID = "eastmoor-mash-isa"
DISTRICTS = [
    "Ashby", "Brackenford", "Castlegate", "Dunmere", "Eastwick", "Fellside", "Greystone",
    "Harrowfield", "Ironbridge", "Kingsmoor", "Longhaven", "Millbrook", "Northgate", "Oakridge",
]


def agreement(template: str, index: int, id_line: str, review_line: str) -> str:
    """The agreement numbered `index`: the template with its own id, title and review date.
    `id_line` and `review_line` are how the document's id and review date are written, with
    `{}` for the value (YAML `id: {}`, JSON `"id": "{}"`)."""
    district = DISTRICTS[index % len(DISTRICTS)]
    number = f"{index:05d}"
    text = template.replace(id_line.format(AGREEMENT_ID), id_line.format(f"{AGREEMENT_ID}-{number}"), 1)
    text = text.replace(
        "Eastmoor Multi-Agency Safeguarding Hub",
        f"{district} Locality Safeguarding Hub {number}",
        1,
    )
    # Each agreement is reviewed on its own day of the year.
    day = 1 + index % 28
    return text.replace(review_line.format("2027-05-01"), review_line.format(f"2027-05-{day:02d}"), 1)


def protocol(template: str, ids: list[str]) -> str:
    listed = "".join(f"  - {agreement_id}\n" for agreement_id in ids)
    marker = f"agreements:\n  - {AGREEMENT_ID}\n"
    if marker not in template:
        sys.exit("gen_corpus: the MASH protocol no longer lists its agreement as expected")
    return template.replace(marker, "agreements:\n" + listed, 1)


def yaml_1_2(text: str):
    """The YAML text read as YAML 1.2's core schema reads it (PyYAML reads YAML 1.1, where
    `2026-05-01` is a date and `no` is false)."""
    import yaml  # PyYAML, installed by bench/run.sh

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"))
    return yaml.load(text, Loader=Loader)


def as_json(yaml_text: str) -> str:
    return json.dumps(yaml_1_2(yaml_text), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    args = sys.argv[1:]
    json_out = args[:1] == ["--json"]
    if json_out:
        args = args[1:]
    if len(args) != 2:
        sys.exit(__doc__)
    count = int(args[0])
    out = pathlib.Path(args[1])
    out.mkdir(parents=True, exist_ok=True)
    template = (EXAMPLE / "mash-agreement.yaml").read_text(encoding="utf-8")
    protocol_template = (EXAMPLE / "protocol.yaml").read_text(encoding="utf-8")
    ids = [f"{AGREEMENT_ID}-{index:05d}" for index in range(1, count + 1)]
    if json_out:
        template = as_json(template)
        id_line, review_line = '"id": "{}"', '"review": "{}"'
        for line in (id_line.format(AGREEMENT_ID), review_line.format("2027-05-01")):
            if line not in template:
                sys.exit(f"gen_corpus: the MASH agreement's JSON has no {line}")
        for index in range(1, count + 1):
            text = agreement(template, index, id_line, review_line)
            (out / f"agreement-{index:05d}.json").write_text(text, encoding="utf-8")
        listed = protocol(protocol_template, ids)
        (out / "protocol.json").write_text(as_json(listed), encoding="utf-8")
        return
    for index in range(1, count + 1):
        path = out / f"agreement-{index:05d}.yaml"
        path.write_text(agreement(template, index, "id: {}", "review: {}"), encoding="utf-8")
    (out / "protocol.yaml").write_text(protocol(protocol_template, ids), encoding="utf-8")


if __name__ == "__main__":
    main()
