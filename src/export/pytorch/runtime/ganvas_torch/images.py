"""A folder of the user's own images, read and resized as ganvas reads them: each image scaled to
cover the wanted size and centre-cropped (shrinking averages, enlarging interpolates linearly),
transparency composited on white, grey as ITU-R 601 luma, values in [0, 1].

PNG and JPEG are read with Pillow when it is installed; without it, PNG (8-bit, not interlaced)
is read here with zlib and numpy.
"""
import math
import os
import struct
import zlib

import numpy as np


def _axis_matrix(in_size, out_size, start, step):
    """[out, in] linear-filter weights: sample i centred at start + (i + ½)·step, the kernel widened by
    the step when shrinking, edge pixels repeated, each row summing to 1."""
    scale = max(1.0, step)
    reach = scale
    m = np.zeros((out_size, in_size))
    for i in range(out_size):
        centre = start + (i + 0.5) * step
        total, taps = 0.0, []
        for j in range(math.floor(centre - reach), math.ceil(centre + reach)):
            w = max(0.0, 1.0 - abs((j + 0.5 - centre) / scale))
            if w > 0:
                taps.append((min(in_size - 1, max(0, j)), w))
                total += w
        for j, w in taps:
            m[i, j] += w / total
    return m


def resize_crop(rgba, height, width, channels):
    """An [h, w, 4] uint8 image as [height, width, channels] float32, covering and centre-cropped."""
    h, w = rgba.shape[:2]
    scale = max(height / h, width / w)
    crop_w, crop_h = width / scale, height / scale
    mx = _axis_matrix(w, width, (w - crop_w) / 2, 1 / scale)
    my = _axis_matrix(h, height, (h - crop_h) / 2, 1 / scale)
    alpha = rgba[..., 3:4] / 255.0
    rgb = rgba[..., :3] * alpha + 255 * (1 - alpha)
    if channels == 1:
        rgb = (0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2])[..., None]
    out = np.einsum("yh,hwc,xw->yxc", my, rgb / 255.0, mx)
    return np.clip(out, 0, 1).astype(np.float32)


def _png(data):
    """RGBA uint8 [h, w, 4] of an 8-bit, non-interlaced PNG (grey, grey+alpha, RGB, RGBA, palette)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, chunks, header, palette, transparency = 8, [], None, None, None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = np.frombuffer(body, np.uint8).reshape(-1, 3)
        elif kind == b"tRNS":
            transparency = np.frombuffer(body, np.uint8)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("PNG without a header")
    w, h, depth, colour, _, _, interlace = header
    if depth != 8 or interlace:
        raise ValueError("only 8-bit, non-interlaced PNGs can be read without Pillow")
    bpp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    raw = np.frombuffer(zlib.decompress(b"".join(chunks)), np.uint8).reshape(h, 1 + w * bpp)
    rows = np.zeros((h, w * bpp), np.int32)
    prev = np.zeros(w * bpp, np.int32)
    for y in range(h):
        f, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        if f == 0:
            cur = line
        elif f == 2:
            cur = (line + prev) & 255
        else:
            cur = line.copy()
            for x in range(w * bpp):
                a = cur[x - bpp] if x >= bpp else 0
                if f == 1:
                    cur[x] = (cur[x] + a) & 255
                elif f == 3:
                    cur[x] = (cur[x] + ((a + prev[x]) >> 1)) & 255
                else:
                    b, c = prev[x], prev[x - bpp] if x >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    cur[x] = (cur[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows[y] = cur
        prev = cur
    px = rows.astype(np.uint8).reshape(h, w, bpp)
    if colour == 3:
        alpha = np.full(len(palette), 255, np.uint8)
        if transparency is not None:
            alpha[: len(transparency)] = transparency
        return np.concatenate([palette[px[..., 0]], alpha[px[..., 0]][..., None]], axis=-1)
    if colour in (0, 4):
        grey = np.repeat(px[..., :1], 3, axis=-1)
        a = px[..., 1:2] if colour == 4 else np.full((h, w, 1), 255, np.uint8)
        return np.concatenate([grey, a], axis=-1)
    if colour == 2:
        return np.concatenate([px, np.full((h, w, 1), 255, np.uint8)], axis=-1)
    return px


def _read(path):
    try:
        from PIL import Image
    except ImportError:
        with open(path, "rb") as f:
            return _png(f.read())
    with Image.open(path) as image:
        return np.asarray(image.convert("RGBA"))


def load_folder(folder, height, width, channels):
    """The images of a folder (not recursive; hidden files and unreadable ones left out, and said),
    as [n, height, width, channels] float32 in [0, 1], in file-name order."""
    if not os.path.isdir(folder):
        raise ValueError(f"{folder} is not a folder")
    images, skipped = [], []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        try:
            images.append(resize_crop(_read(path), height, width, channels))
        except Exception as e:  # an unreadable file is reported and skipped, as ganvas does
            skipped.append(f"{name} ({e})")
    if not images:
        raise ValueError(f"no readable images in {folder}" + (f": {', '.join(skipped[:5])}" if skipped else " (it is empty)"))
    if skipped:
        print(f"{folder}: skipped {len(skipped)} file(s): {', '.join(skipped[:5])}", flush=True)
    return np.stack(images)
