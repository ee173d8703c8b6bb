#!/bin/sh
# Regenerates the README's page images from the MASH agreement's PDF (isagen's native engine,
# the same bytes on every run), and records the SHA-256 of the PDF they were made from
# (tests/readme_images.rs checks it, so the images cannot fall out of step with the
# examples). Needs pdftoppm and pdftotext (poppler) and Python with Pillow. Run from the
# repository root: sh docs/images/regenerate.sh
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
name=eastmoor-mash-isa-v2.0
cargo run -q -- render examples/mash --document eastmoor-mash-isa --format pdf --out "$out" --no-config --today 2026-11-22 >/dev/null
pdftoppm -r 60 -png "$out/$name.pdf" "$out/page"
pages=$(ls "$out"/page-*.png | sort -V)
# The first three pages, and three from the flows section (its first page after the contents).
flows=$(pdftotext "$out/$name.pdf" - | awk -v RS='\f' '/How the data is shared/ && NR > 3 { print NR; exit }')
set -- $pages
first="$1 $2 $3"
shift $((flows - 1))
python3 docs/images/contact_sheet.py docs/images/mash-agreement-pages.png $first "$1" "$2" "$3"
sha256sum "$out/$name.pdf" | cut -d' ' -f1 > docs/images/mash-agreement-pages.pdf.sha256
