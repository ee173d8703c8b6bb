#!/usr/bin/env bash
# Times isagen as whole commands, side by side with the tools people use today:
#   - validating 10, 100, 1,000 and 10,000 agreements (one protocol, generated from the MASH
#     example), as YAML and as JSON, against ajv-cli (the validator most JSON Schema users
#     run) validating the same agreements as JSON against the same schema, and against
#     check-jsonschema on the YAML (up to 1,000 agreements: it needs about 45 ms a file);
#   - CPU time per file as well as wall time, one core against two, and peak memory;
#   - rendering one agreement to DOCX against pandoc converting isagen's Markdown of it;
#   - the native PDF of one agreement against LibreOffice converting isagen's DOCX of it;
#   - rendering 100 agreements, one core against all.
# Results (hyperfine JSON and a Markdown summary) go to target/bench/.
#
# Usage: bash bench/run.sh            every size
#        BENCH_SIZES="10 100" bash bench/run.sh
#        BENCH_CHECK_JSONSCHEMA_UP_TO=10000 bash bench/run.sh   check-jsonschema at 10,000 too
#                                                               (about 8 minutes more)
# The whole script takes about 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_SIZES:-"10 100 1000 10000"}
CHECK_JSONSCHEMA_UP_TO=${BENCH_CHECK_JSONSCHEMA_UP_TO:-1000}
OUT=target/bench
RESULTS=$OUT/results
CHECK_JSONSCHEMA_VERSION=0.39.0
PYYAML_VERSION=6.0.3
TODAY=2026-11-22
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

echo "== tools"
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v pandoc >/dev/null || missing+=(pandoc)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v soffice >/dev/null || missing+=(libreoffice-writer)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check \
  "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" "PyYAML==$PYYAML_VERSION"
# ajv-cli, ajv and ajv-formats at the versions bench/ajv/package-lock.json pins.
npm ci --prefix bench/ajv --no-audit --no-fund --silent
AJV=$PWD/bench/ajv/node_modules/.bin/ajv
cargo build --release --locked --quiet
ISAGEN=$PWD/target/release/isagen
SCHEMA=$PWD/schemas/isagen-v1.schema.json
# ajv reads the schema as draft 2020-12 and checks the formats ajv-formats defines (`date`,
# `email`); `--strict=false` lets it ignore the integer formats schemars writes (`uint32`,
# `uint8`), which it does not know, instead of refusing the schema.
ajv_validate() { "$AJV" validate --spec=draft2020 --strict=false -c ajv-formats -s "$SCHEMA" -d "$1/*.json"; }
{
  echo "isagen $("$ISAGEN" --version | cut -d' ' -f2) ($(git rev-parse --short HEAD 2>/dev/null || echo unknown)), release build"
  echo "ajv-cli $(node -p "require('./bench/ajv/node_modules/ajv-cli/package.json').version") with ajv $(node -p "require('./bench/ajv/node_modules/ajv/package.json').version") and ajv-formats $(node -p "require('./bench/ajv/node_modules/ajv-formats/package.json').version") on Node.js $(node --version)"
  echo "check-jsonschema $(check-jsonschema --version | awk '{print $NF}') on $(python3 --version)"
  echo "pandoc $(pandoc --version | sed -n 1p | awk '{print $2}')"
  echo "LibreOffice $(soffice --version | sed -n 1p | awk '{print $2}')"
  echo "hyperfine $(hyperfine --version | awk '{print $2}')"
  echo "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "cores $(nproc)"
  echo "memory $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "os $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
} | tee "$RESULTS/machine.txt"

echo "== corpora (YAML and JSON), each checked clean by isagen and, as JSON, by ajv"
for n in $SIZES; do
  for format in yaml json; do
    dir=$OUT/corpus-$format/$n
    if [ "$(find "$dir" -name "*.$format" 2>/dev/null | wc -l)" != "$((n + 1))" ]; then
      rm -rf "$dir"
      if [ "$format" = json ]; then flag=--json; else flag=; fi
      python3 bench/gen_corpus.py $flag "$n" "$dir"
    fi
    "$ISAGEN" validate "$dir" --no-config --today "$TODAY" --deny-warnings
  done
  valid=$(ajv_validate "$OUT/corpus-json/$n" 2>/dev/null | grep -c ' valid$' || true)
  if [ "$valid" != "$((n + 1))" ]; then
    echo "ajv-cli found $valid of $((n + 1)) files valid in $OUT/corpus-json/$n" >&2
    exit 1
  fi
done

echo "== validate: isagen (YAML and JSON) against ajv-cli (JSON) and check-jsonschema (YAML)"
for n in $SIZES; do
  yaml=$OUT/corpus-yaml/$n
  json=$OUT/corpus-json/$n
  if [ "$n" -ge 10000 ]; then runs=5; else runs=10; fi
  hyperfine --warmup 2 --min-runs "$runs" --max-runs "$runs" \
    --export-json "$RESULTS/validate-$n.json" \
    -n "isagen validate, YAML" "$ISAGEN validate $yaml --no-config --today $TODAY" \
    -n "isagen validate, JSON" "$ISAGEN validate $json --no-config --today $TODAY" \
    -n "ajv-cli validate, JSON" "$AJV validate --spec=draft2020 --strict=false -c ajv-formats -s $SCHEMA -d '$json/*.json'"
  hyperfine --warmup 1 --min-runs 5 --max-runs 5 \
    --export-json "$RESULTS/validate-1core-$n.json" \
    -n "isagen validate, YAML, one core" "RAYON_NUM_THREADS=1 $ISAGEN validate $yaml --no-config --today $TODAY"
  if [ "$n" -le "$CHECK_JSONSCHEMA_UP_TO" ]; then
    if [ "$n" -ge 1000 ]; then cruns=3; else cruns=5; fi
    hyperfine --warmup 1 --min-runs "$cruns" --max-runs "$cruns" \
      --export-json "$RESULTS/check-jsonschema-$n.json" \
      -n "check-jsonschema, YAML" "check-jsonschema --schemafile $SCHEMA $yaml/*.yaml"
  fi
  /usr/bin/time -f "%M" -o "$RESULTS/memory-isagen-yaml-$n.txt" \
    "$ISAGEN" validate "$yaml" --no-config --today "$TODAY" >/dev/null
  /usr/bin/time -f "%M" -o "$RESULTS/memory-isagen-json-$n.txt" \
    "$ISAGEN" validate "$json" --no-config --today "$TODAY" >/dev/null
  /usr/bin/time -f "%M" -o "$RESULTS/memory-ajv-$n.txt" "$AJV" validate --spec=draft2020 \
    --strict=false -c ajv-formats -s "$SCHEMA" -d "$json/*.json" >/dev/null 2>&1
done

echo "== render one agreement to DOCX: isagen against pandoc"
render=$OUT/render
rm -rf "$render" && mkdir -p "$render/isagen" "$render/pandoc" "$render/pdf" "$render/soffice"
"$ISAGEN" render examples/mash --no-config --today "$TODAY" --document eastmoor-mash-isa \
  --format md,docx --out "$render/source" >/dev/null
markdown=$render/source/eastmoor-mash-isa-v2.0.md
docx=$render/source/eastmoor-mash-isa-v2.0.docx
hyperfine -N --warmup 3 --min-runs 30 --export-json "$RESULTS/render-docx.json" \
  -n "isagen render --format docx" \
  "$ISAGEN render examples/mash --no-config --today $TODAY --document eastmoor-mash-isa --format docx --out $render/isagen" \
  -n "pandoc (Markdown to DOCX)" \
  "pandoc $markdown --from gfm --to docx --output $render/pandoc/eastmoor-mash-isa-v2.0.docx"
/usr/bin/time -f "%M" -o "$RESULTS/memory-render-docx.txt" \
  "$ISAGEN" render examples/mash --no-config --today "$TODAY" --document eastmoor-mash-isa \
  --format docx --out "$render/isagen" >/dev/null

echo "== the PDF of one agreement: isagen's native engine against LibreOffice converting the DOCX"
profile=$PWD/$OUT/soffice-profile
hyperfine -N --warmup 2 --min-runs 10 --export-json "$RESULTS/render-pdf.json" \
  -n "isagen render --format pdf" \
  "$ISAGEN render examples/mash --no-config --today $TODAY --document eastmoor-mash-isa --format pdf --out $render/pdf" \
  -n "soffice --convert-to pdf (the DOCX)" \
  "soffice -env:UserInstallation=file://$profile --headless --convert-to pdf --outdir $render/soffice $docx"
/usr/bin/time -f "%M" -o "$RESULTS/memory-render-pdf.txt" \
  "$ISAGEN" render examples/mash --no-config --today "$TODAY" --document eastmoor-mash-isa \
  --format pdf --out "$render/pdf" >/dev/null

echo "== render 100 agreements (Markdown and DOCX): one core against all"
if [ -d "$OUT/corpus-yaml/100" ]; then
  hyperfine --warmup 1 --min-runs 5 --export-json "$RESULTS/render-100.json" \
    --prepare "rm -rf $render/portfolio" \
    -n "isagen render 100, one core" \
    "RAYON_NUM_THREADS=1 $ISAGEN render $OUT/corpus-yaml/100 --no-config --today $TODAY --out $render/portfolio" \
    -n "isagen render 100, all cores" \
    "$ISAGEN render $OUT/corpus-yaml/100 --no-config --today $TODAY --out $render/portfolio"
fi

python3 bench/summarize.py "$RESULTS" | tee "$OUT/report.md"
echo "Summary written to $OUT/report.md"
