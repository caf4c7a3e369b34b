#!/usr/bin/python3
# make_logos.py — draws the wick kernel logo (a flame on a wick, dark rounded square) as logo-svg.svg, logo-32x32.png and logo-64x64.png; needs Pillow (Debian: python3-pil).
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BG, OUTER, INNER, WICK = "#263238", "#ff7043", "#ffca28", "#eceff1"


def teardrop(cx, cy, w, h, n=64):
    """Points of a teardrop with its tip up, in a 64x64 frame: centre (cx, cy) of the
    round part, half-width w, height h from tip to bottom."""
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x = math.sin(t) * math.sin(t / 2) * w * 1.3
        y = math.cos(t) * h / 2
        pts.append((cx + x, cy - y))
    return pts


SHAPES = [
    ("rect", (4, 4, 60, 60), BG),
    ("poly", teardrop(32, 30, 12, 38), OUTER),
    ("poly", teardrop(32, 36, 6.5, 22), INNER),
    ("rect", (30.5, 44, 33.5, 56), WICK),
]


def svg():
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">']
    for kind, geom, colour in SHAPES:
        if kind == "rect":
            x0, y0, x1, y1 = geom
            rx = 10 if colour == BG else 1
            out.append(f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{rx}" fill="{colour}"/>')
        else:
            d = " ".join(f"{x:.2f},{y:.2f}" for x, y in geom)
            out.append(f'<polygon points="{d}" fill="{colour}"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def png(size):
    from PIL import Image, ImageDraw
    scale = size * 8 / 64
    img = Image.new("RGBA", (size * 8, size * 8), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    for kind, geom, colour in SHAPES:
        if kind == "rect":
            box = [v * scale for v in geom]
            draw.rounded_rectangle(box, radius=(10 if colour == BG else 1) * scale, fill=colour)
        else:
            draw.polygon([(x * scale, y * scale) for x, y in geom], fill=colour)
    img.resize((size, size), Image.LANCZOS).save(os.path.join(HERE, f"logo-{size}x{size}.png"), optimize=True)


if __name__ == "__main__":
    with open(os.path.join(HERE, "logo-svg.svg"), "w") as f:
        f.write(svg())
    png(32)
    png(64)
