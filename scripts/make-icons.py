"""Draws Replyline's toolbar and notification icon (a speech bubble on teal) as PNGs without any
image library, so the repository needs no binary tooling. Run: python3 scripts/make-icons.py"""
import struct
import zlib
from pathlib import Path

TEAL = (15, 110, 140, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def inside_round_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def inside_triangle(x, y, a, b, c):
    def side(p, q):
        return (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    return not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0))


def pixel(u, v):
    """u, v in [0, 1): the colour of the design at that point."""
    x, y = u * 128, v * 128
    if not inside_round_rect(x, y, 4, 4, 124, 124, 26):
        return CLEAR
    bubble = inside_round_rect(x, y, 24, 28, 104, 84, 14) or inside_triangle(x, y, (40, 80), (40, 106), (66, 82))
    if not bubble:
        return TEAL
    if (38 <= x <= 90 and 45 <= y <= 52) or (38 <= x <= 76 and 60 <= y <= 67):
        return TEAL
    return WHITE


def render(size, samples=4):
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(samples):
                for si in range(samples):
                    p = pixel((i + (si + 0.5) / samples) / size, (j + (sj + 0.5) / samples) / size)
                    for k in range(4):
                        acc[k] += p[k]
            row += bytes(round(a / samples**2) for a in acc)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


out = Path(__file__).resolve().parent.parent / "public" / "icon"
out.mkdir(parents=True, exist_ok=True)
for size in (16, 32, 48, 128):
    (out / f"{size}.png").write_bytes(render(size))
