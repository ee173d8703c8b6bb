"""Lays page images out three to a row, on a light grey ground, as the README shows them.

Usage: python3 contact_sheet.py OUT.png PAGE.png...   (needs Pillow)
"""
import sys

from PIL import Image

out, pages = sys.argv[1], sys.argv[2:]
images = [Image.open(p).convert("RGB") for p in pages]
w, h = images[0].size
gap, cols = 12, 3
rows = (len(images) + cols - 1) // cols
sheet = Image.new("RGB", (cols * w + (cols + 1) * gap, rows * h + (rows + 1) * gap), (230, 230, 230))
for i, im in enumerate(images):
    sheet.paste(im, (gap + (i % cols) * (w + gap), gap + (i // cols) * (h + gap)))
sheet.save(out, optimize=True)
