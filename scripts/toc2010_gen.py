#!/usr/bin/env python3
"""Generate ingest/builtin/toc2010/flows.csv from the seed's figures.

Run from the repository root: python3 scripts/toc2010_gen.py
then python3 scripts/toc2010_check.py ingest/builtin/toc2010/flows.csv.
The derivation is explained in docs/toc2010.md.
"""
import csv, io, sys
from fractions import Fraction as F

OUT = sys.argv[1] if len(sys.argv) > 1 else "ingest/builtin/toc2010/flows.csv"

def lr(total, weights):
    """Largest remainder (Hamilton): integer parts summing to total, ties by list order."""
    W = sum(weights)
    exact = [F(total) * w / W for w in weights]
    base = [int(e) for e in exact]  # floor (all positive)
    left = total - sum(base)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - base[i]), i))
    for i in order[:left]:
        base[i] += 1
    return base

CH = "UNODC TOCTA 2010 ch.2.1"
Q = {
 "total": "'the total number of victims detected in West and Central Europe was 7,300 in 2006'",
 "A": "'about 60% of the victims detected originate from the Balkans, Central Europe and the former Soviet Union'",
 "B": "'Perhaps 13% come from Latin America'",
 "C": "'about 5% from Africa'",
 "D": "'about 3% from East Asia'",
 "E": "'about 20%) are either of unspecified origins or are local victims'",
 "five": "'in particular Romania, Bulgaria, Ukraine, the Russian Federation and the Republic of Moldova'; 'located in all parts of Europe'",
 "land": "'transported by bus or car'",
 "fsu": "'counterfeit passports, false visas and/or false marriages' (vector land: assumption)",
 "al": "Albania a 'hot spot' in the late 1990s; in Italy 'about 40%' of victims in 1996, '10% after 2003'",
 "cepl": "'studies conducted in the Czech Republic, Poland and Romania'",
 "uztm": "'In Turkey, Uzbek and Turkmen women seem to be replacing the Russians and Ukrainians'",
 "azroute": "Azerbaijani network 'extending from Central Asia to Turkey' (route via AZ>GE, vectors: assumption)",
 "sa": "'The main destinations for South American victims are Spain, Italy, Portugal, France, the Netherlands, Germany, Austria and Switzerland'; 'transported by air to major European airports'",
 "brvia": "'may pass through European-administrated territories in the Caribbean or South America'",
 "sr": "'Suriname is also a transit country to Europe'",
 "ng": "'Victims trafficked into Europe (Italy, the Netherlands, Belgium, Spain and others)'",
 "ngair": "'mainly travel to Europe by plane from Lagos'",
 "ngmed": "'may also have been transported by land and sea across the Mediterranean' (transit country: assumption)",
 "nafr": "'North Africa (Morocco and Tunisia) is still very limited'",
 "eafr": "'East Africa (Uganda and Kenya) is found mainly in the United Kingdom'",
 "sl": "'the share of Chinese, Paraguayan, Sierra Leonean, Uzbek and Turkmen victims has been increasing' (destination NL: assumption)",
 "ea": "'traditionally involved mainly Thai women. More recently, Chinese nationals are also affected, as are women from Viet Nam and Cambodia'",
 "cn": "'trafficked across the former Soviet Union and Eastern Bloc countries before reaching Europe' (RU>UA>HU/PL: assumption)",
 "dom": "'an increase of domestic trafficking has been recorded in all of West and Central Europe' (unspecified/local modelled as domestic: assumption)",
}
def src(*parts):
    return CH + ": " + "; ".join(parts)

DESTS = ["ES", "IT", "PT", "FR", "NL", "DE", "AT", "CH", "BE", "GB", "GR", "TR"]
SA_DESTS = ["ES", "IT", "PT", "FR", "NL", "DE", "AT", "CH"]

# ---- 2006 set -------------------------------------------------------------
GROUPS = [("A", 60), ("B", 13), ("C", 5), ("D", 3)]
TOTAL = 7300
gtot = {g: TOTAL * p // 100 for g, p in GROUPS}
assert all(TOTAL * p % 100 == 0 for g, p in GROUPS)
gtot["E"] = TOTAL - sum(gtot.values())

# cell = (origin, dest, via list, vectors, cell weight, source parts)
def cell(o, d, via="", vec="", w=1, note=()):
    return dict(o=o, d=d, via=via, vec=vec, w=w, note=note)

# origin -> (origin weight, [cells]) ; cells weights split the origin total
A = []
for o in ["RO", "BG", "UA", "RU", "MD"]:
    notes = (Q["five"], Q["land"]) if o in ("RO", "BG") else (Q["five"], Q["fsu"])
    A.append((o, 5, [cell(o, d, vec="land", note=notes) for d in DESTS]))
A.append(("AL", 1, [cell("AL", "IT", vec="sea", note=(Q["al"], "Adriatic crossing by sea: assumption")),
                    cell("AL", "GR", vec="land", note=(Q["al"], Q["land"], "destination GR: assumption"))]))
A.append(("CZ", 1, [cell("CZ", d, vec="land", note=(Q["cepl"], Q["land"], "destination (bordering country): assumption")) for d in ("DE", "AT")]))
A.append(("PL", 1, [cell("PL", "DE", vec="land", note=(Q["cepl"], Q["land"], "destination (bordering country): assumption"))]))
A.append(("UZ", 1, [cell("UZ", "TR", vec="air", note=(Q["uztm"], "vector air: assumption"))]))
A.append(("TM", 1, [cell("TM", "TR", via="AZ>GE", vec="sea>land>land", note=(Q["uztm"], Q["azroute"]))]))

B = []
for o in ["BR", "CO", "PY"]:
    cs = []
    for d in SA_DESTS:
        if o == "BR" and d == "NL":
            cs.append(cell(o, d, via="SR", vec="air", note=(Q["sa"], Q["sr"])))
        elif o == "BR" and d == "FR":
            cs.append(cell(o, d, via="GF", vec="land>air", note=(Q["sa"], Q["brvia"], "BR>GF by land from Amapa: assumption")))
        else:
            cs.append(cell(o, d, vec="air", note=(Q["sa"],)))
    B.append((o, 1, cs))

ng = [cell("NG", d, vec="air", w=2, note=(Q["ng"], Q["ngair"])) for d in ("IT", "NL", "BE", "ES")]
ng += [cell("NG", "IT", via="LY", vec="land>sea", w=1, note=(Q["ng"], Q["ngmed"])),
       cell("NG", "ES", via="MA", vec="land>sea", w=1, note=(Q["ng"], Q["ngmed"]))]
C = [("NG", 10, ng),
     ("SL", 1, [cell("SL", "NL", vec="air", note=(Q["sl"], "vector: West African victims 'mainly travel to Europe by plane'"))]),
     ("MA", 1, [cell("MA", "ES", vec="sea", note=(Q["nafr"], "destination and vector: assumption"))]),
     ("TN", 1, [cell("TN", "IT", vec="sea", note=(Q["nafr"], "destination and vector: assumption"))]),
     ("UG", 1, [cell("UG", "GB", vec="air", note=(Q["eafr"], "vector air: assumption"))]),
     ("KE", 1, [cell("KE", "GB", vec="air", note=(Q["eafr"], "vector air: assumption"))])]

D = []
for o in ["TH", "CN", "VN", "KH"]:
    cs = []
    for d in ("IT", "NL"):
        if o == "CN":
            via = "RU>UA>HU" if d == "IT" else "RU>UA>PL"
            cs.append(cell(o, d, via=via, vec="air>land>land>land", note=(Q["ea"], Q["cn"], "destinations IT, NL from the seed's Chinese series")))
        else:
            cs.append(cell(o, d, vec="air", note=(Q["ea"], "destinations IT, NL (where the seed reports East Asian victims) and vector air: assumption")))
    D.append((o, 1, cs))

records = []
def alloc_group(g, origins, gq):
    ot = lr(gtot[g], [w for _, w, _ in origins])
    for (o, w, cs), t in zip(origins, ot):
        ct = lr(t, [c["w"] for c in cs])
        for c, n in zip(cs, ct):
            records.append(dict(set="eu2006", grp=g, o=c["o"], d=c["d"], via=c["via"], vec=c["vec"], n=n, year="2006",
                                source=src(Q["total"], gq, *c["note"], "count derived (docs/toc2010.md)")))
alloc_group("A", A, Q["A"])
alloc_group("B", B, Q["B"])
alloc_group("C", C, Q["C"])
alloc_group("D", D, Q["D"])
foreign = {d: sum(r["n"] for r in records if r["d"] == d) for d in DESTS}
dom = lr(gtot["E"], [foreign[d] for d in DESTS])
for d, n in zip(DESTS, dom):
    records.append(dict(set="eu2006", grp="E", o=d, d=d, via="", vec="", n=n, year="2006",
                        source=src(Q["total"], Q["E"], Q["dom"], "split over destinations in proportion to their foreign victims (docs/toc2010.md)")))

# ---- destination series ----------------------------------------------------
BASE = 1000
SERIES = {
 "IT": {"head_q": "'In 1996, about 40% of the victims of trafficking for sexual exploitation in Italy were Albanians. This dropped to 20% in 2000-2003 and 10% after 2003'; 'A similar trend was recorded for Ukrainian and Moldovan victims'; 'In 2008, Chinese were the largest foreign group involved in sexual exploitation in Italy'",
        "periods": [("1996", {"AL": 40, "UA": 20, "MD": 16, "CN": 0}),
                    ("2000-2003", {"AL": 20, "UA": 10, "MD": 8, "CN": 2}),
                    ("2004-2005", {"AL": 10, "UA": 5, "MD": 4, "CN": 3}),
                    ("2008", {"AL": 10, "UA": 5, "MD": 4, "CN": 15})]},
 "NL": {"head_q": "Fig. 39 'MOST DETECTED NATIONALITIES OF FOREIGN VICTIMS ... IN THE NETHERLANDS (COUNT), 2006-2008'; 'today, Chinese are the most prominent foreign group of victims in that country'; Sierra Leonean share 'increasing'",
        "periods": [("2007", {"CN": 9, "SL": 5}),
                    ("2008", {"CN": 16, "SL": 7})]},
 "ES": {"head_q": "'in Spain the increase of Paraguayan and Brazilian trafficking victims appears to have compensated for the decrease in trafficking from Colombia'",
        "periods": [("2003-2004", {"CO": 20, "BR": 3, "PY": 1}),
                    ("2007", {"CO": 4, "BR": 10, "PY": 9})]},
 "TR": {"head_q": "'In Turkey, Uzbek and Turkmen women seem to be replacing the Russians and Ukrainians'",
        "periods": [("2003-2004", {"RU": 30, "UA": 25, "UZ": 5, "TM": 3}),
                    ("2007", {"RU": 4, "UA": 4, "UZ": 28, "TM": 26})]},
}
for dst, spec in SERIES.items():
    base_cells = [r for r in records if r["d"] == dst]
    for period, head in spec["periods"]:
        hcells, ocells = [], []
        for r in base_cells:
            (hcells if r["o"] in head and r["o"] != dst else ocells).append(r)
        assert len(hcells) == len(head), (dst, head, [r["o"] for r in hcells])
        hsum = sum(head.values())
        osum = sum(r["n"] for r in ocells)
        exact = [F(head[r["o"]] * BASE, 100) for r in hcells] + [F((100 - hsum) * BASE, 100) * r["n"] / osum for r in ocells]
        ns = lr(BASE, exact)
        for r, n, ex in zip(hcells + ocells, ns, exact):
            if n == 0:
                continue
            if r in hcells:
                how = "from the seed" if (dst, r["o"]) == ("IT", "AL") else "assumed, direction from the seed"
                note = (spec["head_q"], f"share {head[r['o']]}% ({how}) of a nominal {BASE:,} victims per period (docs/toc2010.md)")
            else:
                note = (f"share held at this origin's 2006 share of {dst} victims, scaled to fill {100-hsum}% of a nominal {BASE:,} (assumption, docs/toc2010.md)",)
            records.append(dict(set=f"{dst.lower()}{period}", grp="S", o=r["o"], d=dst, via=r["via"], vec=r["vec"], n=n, year=period,
                                source=src(*note), head=r in hcells))

def rid(r):
    parts = [r["set"], r["o"].lower(), r["d"].lower()]
    if r["via"]:
        parts.append(r["via"].lower().replace(">", "-"))
    return "-".join(parts)

buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["id", "origin", "destination", "via", "vectors", "victims", "year", "form", "measure", "source", "groups"])
for r in records:
    w.writerow([rid(r), r["o"], r["d"], r["via"], r["vec"], r["n"], r["year"], "sexual", "derived", r["source"], ""])
open(OUT, "w", encoding="utf-8", newline="").write(buf.getvalue())

# ---- report ----------------------------------------------------------------
print("records", len(records))
print("group totals", {g: sum(r["n"] for r in records if r["grp"] == g) for g in "ABCDE"}, gtot)
