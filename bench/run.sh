#!/usr/bin/env bash
# Times isagen as whole commands, side by side with the tools people use today:
#   - validating 10, 100, 1,000 and 10,000 agreements (one protocol, generated from the MASH
#     example) against check-jsonschema validating the same files against the same schema;
#   - rendering one agreement to DOCX against pandoc converting isagen's Markdown of it;
#   - peak memory, and one core against all of them.
# Results (hyperfine JSON and a Markdown summary) go to target/bench/.
#
# Usage: bash bench/run.sh            every size
#        BENCH_SIZES="10 100" bash bench/run.sh
# check-jsonschema needs about 40 ms a file here, so 10,000 files take it about 7 minutes
# (run once); the whole script takes about 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_SIZES:-"10 100 1000 10000"}
OUT=target/bench
RESULTS=$OUT/results
CHECK_JSONSCHEMA_VERSION=0.39.0
TODAY=2026-11-22
mkdir -p "$RESULTS"

echo "== tools"
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v pandoc >/dev/null || missing+=(pandoc)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check "check-jsonschema==$CHECK_JSONSCHEMA_VERSION"
cargo build --release --locked --quiet
ISAGEN=$PWD/target/release/isagen
SCHEMA=$PWD/schemas/isagen-v1.schema.json
{
  echo "isagen $("$ISAGEN" --version | cut -d' ' -f2) ($(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
  echo "check-jsonschema $(check-jsonschema --version | awk '{print $NF}')"
  echo "pandoc $(pandoc --version | head -1 | awk '{print $2}')"
  echo "hyperfine $(hyperfine --version | awk '{print $2}')"
  echo "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "cores $(nproc)"
  echo "memory $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "os $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
} | tee "$RESULTS/machine.txt"

echo "== corpora"
for n in $SIZES; do
  dir=$OUT/corpus/$n
  if [ "$(find "$dir" -name '*.yaml' 2>/dev/null | wc -l)" != "$((n + 1))" ]; then
    rm -rf "$dir"
    python3 bench/gen_corpus.py "$n" "$dir"
  fi
  "$ISAGEN" validate "$dir" --no-config --today "$TODAY" --deny-warnings
done

echo "== validate: isagen against check-jsonschema"
for n in $SIZES; do
  dir=$OUT/corpus/$n
  # Fewer runs where check-jsonschema takes minutes (and no warm-up at 10,000 files).
  if [ "$n" -ge 10000 ]; then runs=1 warmup=0; elif [ "$n" -ge 1000 ]; then runs=3 warmup=1; else runs=10 warmup=1; fi
  hyperfine --warmup "$warmup" --min-runs "$runs" --max-runs "$runs" \
    --export-json "$RESULTS/check-jsonschema-$n.json" \
    -n "check-jsonschema $n" "check-jsonschema --schemafile $SCHEMA $dir/*.yaml"
  hyperfine --warmup 2 --min-runs 10 \
    --export-json "$RESULTS/validate-$n.json" \
    -n "isagen validate $n" "$ISAGEN validate $dir --no-config --today $TODAY"
  hyperfine --warmup 1 --min-runs 5 \
    --export-json "$RESULTS/validate-1core-$n.json" \
    -n "isagen validate $n, one core" "RAYON_NUM_THREADS=1 $ISAGEN validate $dir --no-config --today $TODAY"
  /usr/bin/time -f "%M" -o "$RESULTS/validate-memory-$n.txt" \
    "$ISAGEN" validate "$dir" --no-config --today "$TODAY" >/dev/null
done

echo "== render one agreement to DOCX: isagen against pandoc"
render=$OUT/render
rm -rf "$render" && mkdir -p "$render/isagen" "$render/pandoc"
"$ISAGEN" render examples/mash --no-config --today "$TODAY" --document eastmoor-mash-isa \
  --format md --out "$render/md" >/dev/null
markdown=$render/md/eastmoor-mash-isa-v2.0.md
hyperfine -N --warmup 3 --min-runs 30 --export-json "$RESULTS/render-docx.json" \
  -n "isagen render --format docx" \
  "$ISAGEN render examples/mash --no-config --today $TODAY --document eastmoor-mash-isa --format docx --out $render/isagen" \
  -n "pandoc (Markdown to DOCX)" \
  "pandoc $markdown --from gfm --to docx --output $render/pandoc/eastmoor-mash-isa-v2.0.docx"

echo "== render 100 agreements (Markdown and DOCX): one core against all"
if [ -d "$OUT/corpus/100" ]; then
  hyperfine --warmup 1 --min-runs 5 --export-json "$RESULTS/render-100.json" \
    --prepare "rm -rf $render/portfolio" \
    -n "isagen render 100, one core" \
    "RAYON_NUM_THREADS=1 $ISAGEN render $OUT/corpus/100 --no-config --today $TODAY --out $render/portfolio" \
    -n "isagen render 100, all cores" \
    "$ISAGEN render $OUT/corpus/100 --no-config --today $TODAY --out $render/portfolio"
fi

python3 bench/summarize.py "$RESULTS" | tee "$OUT/report.md"
echo "Summary written to $OUT/report.md"
