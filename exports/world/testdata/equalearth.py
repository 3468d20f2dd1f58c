#!/usr/bin/env python3
"""Writes equalearth.csv: lon, lat -> x, y of the Equal Earth projection on
the unit sphere, from PROJ (pyproj, `+proj=eqearth +R=1`), an
implementation independent of tipgraph's.

    pip install pyproj && python3 equalearth.py > equalearth.csv
"""
from pyproj import Transformer

t = Transformer.from_crs("+proj=longlat +R=1 +no_defs", "+proj=eqearth +R=1 +no_defs", always_xy=True)
points = [(0, 0), (180, 0), (-180, 0), (0, 90), (0, -90), (12.5, 41.9), (-99.1, 19.4),
          (151.2, -33.9), (3.4, 6.5), (37.6, 55.8), (-58.4, -34.6), (179.9, 71.0), (-45, 60)]
print("lon,lat,x,y")
for lon, lat in points:
    x, y = t.transform(lon, lat)
    print("%g,%g,%.12f,%.12f" % (lon, lat, x, y))
