# Decodes a PNG with Pillow: size, mode, and how many pixels are not white (something was drawn).
# Usage: png_info.py FILE.png
import json
import sys

from PIL import Image

im = Image.open(sys.argv[1]).convert("RGB")
w, h = im.size
px = im.load()
ink = sum(1 for y in range(0, h, 2) for x in range(0, w, 2) if px[x, y] != (255, 255, 255))
json.dump({"width": w, "height": h, "ink": ink, "topLeft": list(px[0, 0])}, sys.stdout)
