#!/usr/bin/env python3
"""Check a toc2010 flows.csv: header, ids, codes, legs, and the seed's 2006 totals."""
import csv, sys, re
from collections import defaultdict
path = sys.argv[1]
raw = open(path, "rb").read()
assert b"\r" not in raw, "CRLF"
raw.decode("utf-8")
assert raw.endswith(b"\n")
HEADER = "id,origin,destination,via,vectors,victims,year,form,measure,source,groups"
assert raw.split(b"\n", 1)[0].decode() == HEADER, "header"
# ISO 3166-1 alpha-2 codes of every country this dataset may use, with names (checked by hand).
ISO = dict(AL="Albania", AT="Austria", AZ="Azerbaijan", BE="Belgium", BG="Bulgaria", BR="Brazil", CH="Switzerland",
    CN="China", CO="Colombia", CZ="Czechia", DE="Germany", ES="Spain", FR="France", GB="United Kingdom", GE="Georgia",
    GF="French Guiana", GR="Greece", HU="Hungary", IT="Italy", KE="Kenya", KH="Cambodia", LY="Libya", MA="Morocco",
    MD="Moldova", NG="Nigeria", NL="Netherlands", PL="Poland", PT="Portugal", PY="Paraguay", RO="Romania", RU="Russia",
    SL="Sierra Leone", SR="Suriname", TH="Thailand", TM="Turkmenistan", TN="Tunisia", TR="Turkey", UA="Ukraine",
    UG="Uganda", UZ="Uzbekistan", VN="Viet Nam")
rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
# Trafficker groups beside flows.csv (docs/toc2010.md section 5).
import os
gdir = os.path.dirname(path)
def table(name, header):
    raw = open(os.path.join(gdir, name), "rb").read()
    assert b"\r" not in raw and raw.endswith(b"\n"), name
    assert raw.split(b"\n", 1)[0].decode() == header, name
    return list(csv.DictReader(open(os.path.join(gdir, name), encoding="utf-8", newline="")))
groups = table("groups.csv", "id,name,countries,structure,source")
members = table("members.csv", "group,person,role,gender,nationality,country,former_victim")
ties = table("ties.csv", "group,from,to,kind,directed")
GROUP_IDS = {g["id"] for g in groups}
assert len(GROUP_IDS) == len(groups), "dup group ids"
GISO = set(ISO) | {"KZ", "LY"}
for g in groups:
    assert g["source"].startswith("UNODC TOCTA 2010"), g["id"]
    assert all(c in GISO for c in g["countries"].split(";")), g["id"]
ROLES = {"recruiter", "transporter", "exploiter", "guardian", "document-forger", "financier", "organiser", "other"}
mem = set()
for m in members:
    assert m["group"] in GROUP_IDS, m
    assert m["role"] in ROLES and m["gender"] in ("", "female", "male"), m
    assert m["nationality"] in GISO and m["country"] in GISO, m
    assert m["former_victim"] in ("true", "false"), m
    assert (m["group"], m["person"]) not in mem, m
    mem.add((m["group"], m["person"]))
for t in ties:
    assert (t["group"], t["from"]) in mem and (t["group"], t["to"]) in mem and t["from"] != t["to"], t
    assert t["kind"] in ("recruits", "transports-for", "controls", "reports-to", "associate", "family"), t
size = defaultdict(int)
for m in members: size[m["group"]] += 1
ro = [g for g in GROUP_IDS if g.startswith("ro-unicri-")]
assert len(ro) == 30 and sum(size[g] >= 3 for g in ro) == 23 and sum(size[g] == 1 for g in ro) == 7, "Romanian sample"
assert size["az-network"] > 40, "Azerbaijani network"
print("groups", len(groups), "| members", len(members), "| ties", len(ties))
ids = [r["id"] for r in rows]
assert len(ids) == len(set(ids)), "dup ids"
errs = []
countries, vias = set(), set()
years = set()
for i, r in enumerate(rows, 2):
    def e(m): errs.append(f"line {i} {r['id']}: {m}")
    if not re.fullmatch(r"[a-z0-9-]+", r["id"]): e("id chars")
    for k in ("origin", "destination"):
        if r[k] not in ISO: e(f"{k} {r[k]}")
        countries.add(r[k])
    via = r["via"].split(">") if r["via"] else []
    for v in via:
        if v not in ISO: e(f"via {v}")
        if v in (r["origin"], r["destination"]): e("via repeats endpoint")
        vias.add(v); countries.add(v)
    if len(set(via)) != len(via): e("via repeats")
    legs = len(via) + 1
    vec = r["vectors"].split(">") if r["vectors"] else []
    if vec and len(vec) not in (1, legs): e("vector count")
    if any(v not in ("land", "sea", "air") for v in vec): e("vector value")
    if not re.fullmatch(r"\d+", r["victims"]): e("victims")
    m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", r["year"])
    if not m or (m.group(2) and m.group(2) < m.group(1)): e("year")
    years.add(r["year"])
    if r["form"] != "sexual": e("form")
    if r["measure"] not in ("detected", "estimated", "derived"): e("measure")
    if not r["source"].startswith("UNODC TOCTA 2010"): e("source")
    for g in (r["groups"].split(";") if r["groups"] else []):
        if g not in GROUP_IDS: e(f"unknown group {g}")
    if r["origin"] == r["destination"] and (via or r["vectors"]): e("domestic with route")
print("errors:", errs or "none")
y06 = [r for r in rows if r["year"] == "2006"]
tot = sum(int(r["victims"]) for r in y06)
print("records", len(rows), "| 2006 records", len(y06), "| 2006 victims", tot)
# overlap check: no non-2006 period may contain 2006
for r in rows:
    a, _, b = r["year"].partition("-"); b = b or a
    assert r["year"] == "2006" or not (int(a) <= 2006 <= int(b)), r["id"]
GRP = {"A": "RO BG UA RU MD AL CZ PL UZ TM", "B": "BR CO PY", "C": "NG SL MA TN UG KE", "D": "TH CN VN KH"}
og = {o: g for g, s in GRP.items() for o in s.split()}
share = defaultdict(int)
for r in y06:
    share["E" if r["origin"] == r["destination"] else og[r["origin"]]] += int(r["victims"])
want = {"A": 4380, "B": 949, "C": 365, "D": 219, "E": 1387}
print("share groups", dict(share), "OK" if dict(share) == want and tot == 7300 else "MISMATCH")
print("countries", len(countries), sorted(countries))
print("via countries", len(vias), sorted(vias))
print("periods", sorted(years))
per_origin = defaultdict(int)
for r in y06: per_origin[r["origin"] if r["origin"] != r["destination"] else "domestic"] += int(r["victims"])
print("2006 by origin", dict(per_origin))
assert not errs and tot == 7300 and dict(share) == want and len(countries) >= 30 and len(rows) >= 60 and len(vias) >= 6
print("ALL OK")
