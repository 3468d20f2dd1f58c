#!/usr/bin/env python3
"""Builds outlines.txt, the country outlines of the map's base layer, from
Natural Earth's 1:110m admin-0 countries as the npm package world-atlas
ships them (countries-110m.json, TopoJSON).

    python3 build.py path/to/countries-110m.json > outlines.txt

build.sh fetches the package with `npm pack` and runs this. The output has
one line per country, "c ID NAME" (ID: the ISO 3166-1 numeric code, or -),
then one line per outer ring, "r LON LAT DLON DLAT ...": integers in tenths
of a degree, the first point absolute, the others as differences from the
point before. Holes are left out (the country inside a hole is drawn on top
with the same fill), points that fall on the same tenth of a degree as the
one before are dropped, rings that cross the antimeridian (Russia, Fiji)
are cut into a piece on each side, and Antarctica (a ring around the pole)
is left out.
"""
import json
import sys


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, refs):
    pts = []
    for r in refs:
        a = arcs[r] if r >= 0 else arcs[~r][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def clip(pts, inside, cut):
    """Sutherland-Hodgman against one half-plane."""
    out = []
    prev = pts[-1]
    for p in pts:
        if inside(p):
            if not inside(prev):
                out.append(cut(prev, p))
            out.append(p)
        elif inside(prev):
            out.append(cut(prev, p))
        prev = p
    return out


def at_lon(lon):
    def cut(a, b):
        t = (lon - a[0]) / (b[0] - a[0])
        return (lon, a[1] + t * (b[1] - a[1]))
    return cut


def antimeridian(pts):
    """Unwraps a ring so that no step jumps more than 180 degrees of
    longitude, then cuts it into the parts east and west of 180."""
    out = [pts[0]]
    shift = 0.0
    for (lon0, _), (lon1, lat1) in zip(pts, pts[1:]):
        if lon1 - lon0 > 180:
            shift -= 360
        elif lon1 - lon0 < -180:
            shift += 360
        out.append((lon1 + shift, lat1))
    if all(-180 <= p[0] <= 180 for p in out):
        return [pts]
    pieces = []
    for k in (-1, 0, 1):
        moved = [(lon + 360 * k, lat) for lon, lat in out]
        piece = clip(moved, lambda p: p[0] <= 180, at_lon(180))
        piece = clip(piece, lambda p: p[0] >= -180, at_lon(-180)) if piece else []
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def quantise(pts):
    out = []
    for lon, lat in pts:
        p = (round(lon * 10), round(lat * 10))
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def main(path):
    topo = json.load(open(path, encoding="utf-8"))
    arcs = decode_arcs(topo)
    geoms = topo["objects"]["countries"]["geometries"]
    w = sys.stdout
    w.write("# Natural Earth admin-0 countries 1:110m (public domain), from the npm\n")
    w.write("# package world-atlas 2.0.2, countries-110m.json; made by build.sh.\n")
    for g in sorted(geoms, key=lambda g: (g.get("id", "-"), g["properties"]["name"])):
        if g["properties"]["name"] == "Antarctica":
            continue
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        rings = []
        for poly in polys:
            for piece in antimeridian(ring(arcs, poly[0])):  # outer ring only
                q = quantise(piece)
                if len(q) >= 3:
                    rings.append(q)
        if not rings:
            continue
        w.write("c %s %s\n" % (g.get("id", "-"), g["properties"]["name"]))
        for q in rings:
            parts = ["r", str(q[0][0]), str(q[0][1])]
            for (x0, y0), (x1, y1) in zip(q, q[1:]):
                parts += [str(x1 - x0), str(y1 - y0)]
            w.write(" ".join(parts) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
