#!/usr/bin/env python3
"""Generate ingest/builtin/toc2010/flows.csv (and groups.csv, members.csv,
ties.csv beside it) from the seed's figures and descriptions.

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

# ---- trafficker groups (docs/toc2010.md section 5) --------------------------
# The seed describes group structures, not named people: every member below
# is implied by a sentence of the seed, and every choice the seed does not
# make (a member's country, gender or nationality, which records a group
# operates) is marked as an assumption in the group's source and in
# docs/toc2010.md. Person ids are prefixed with their group's id.
GQ = {
 "small": "'As a rule, groups engaging in trafficking for sexual exploitation are small'",
 "ru": "'The Russian Federation provides a case in point, where many of the groups comprise two or three people'",
 "az": "'Azerbaijani authorities detained over 40 members of a trafficking group with cells in five countries. The network covered a huge area extending from Central Asia to Turkey and was engaged in human trafficking and the issuance of fake documents, which they used to import the victims'",
 "ro": "'In Romania, based on a sample of 30 cases, UNICRI found 23 involved groups of three or more people, while seven cases were conducted by individuals operating alone. Most of the groups sampled in this study were very small, however; usually made up of a recruiter, a transporter and an exploiter. Within the larger networks there was usually a structured division of labor and often additional accomplices who performed support tasks on an irregular basis'",
 "rode": "'UNICRI on Romanian trafficking to Germany reports that women are used not only as recruiters of other women but also as guardians in the destination country'",
 "ng": "'The Nigerian networks have loose structures and operate mainly in and from Nigeria, although they have bases in Europe through which the women are transported before arriving at their final destination. The exploitation in Europe is handled by resident Nigerian women, referred to as madams'; 'mainly conducted by Edo traffickers, known as Binis'",
 "ngf": "'The prevalence of female traffickers is also characteristic of Nigerian trafficking, and women may evolve over time from victim to exploiter'",
 "ngrec": "'acquaintances, close friends or family members play a major role in the recruitment of victims. Recruitment frequently occurs in the victim's own home'",
 "fsuw": "'In the countries that formerly comprised the Soviet Union in particular, the majority of recruiters are women, often persons previously engaged in prostitution'",
 "gr": "'In 2007, of the 121 people arrested for human trafficking in Greece, 38 were women. Of these, more than 40% were Russian, Ukrainian and Kazakh, whereas the same nationalities accounted for only 7% of the males arrested'; 'only 39% of the traffickers prosecuted in Greece in 2007 were Greek. More than half came from Bulgaria, Romania, the Russian Federation and Ukraine'",
 "nat": "'recruitment is often carried out by nationals of the same country as the victims'; 'traffickers are often either nationals of the destination country or of the same nationality as the victims'",
}

def build_groups(rids):
    """Returns the rows of groups.csv, members.csv and ties.csv and, per
    group, the ids of the flow records it operates."""
    G, M, T, OP = [], [], [], []
    have = set(rids)
    def op(gid, ids):
        for x in ids:
            assert x in have, x
        OP.append((gid, ids))
    def member(g, p, role, gender="", nat="", country="", fv=False):
        M.append([g, f"{g}-{p}", role, gender, nat, country, "true" if fv else "false"])
    def tie(g, a, b, kind, directed):
        T.append([g, f"{g}-{a}", f"{g}-{b}", kind, "true" if directed else "false"])

    # Romania, UNICRI sample of 30 cases: 20 chains of three, 3 larger networks, 7 individuals.
    ro_note = (GQ["ro"], GQ["rode"], "members implied by the seed; 20 of the 23 groups modelled as the usual recruiter-transporter-exploiter chain and 3 as larger networks of six; recruiters and guardians women (UNICRI Germany study), other genders unknown; nationality RO, exploiters operating in DE, the destination of the UNICRI study, and the record eu2006-ro-de: assumptions")
    for i in range(1, 31):
        gid = f"ro-unicri-{i:02d}"
        if i <= 20:
            G.append([gid, f"Romanian group {i} (UNICRI sample)", "RO;DE", "recruiter, transporter and exploiter", src(*ro_note)])
            member(gid, "recruiter", "recruiter", "female", "RO", "RO")
            member(gid, "transporter", "transporter", "", "RO", "RO")
            member(gid, "exploiter", "exploiter", "", "RO", "DE")
            tie(gid, "recruiter", "transporter", "recruits", True)
            tie(gid, "transporter", "exploiter", "transports-for", True)
        elif i <= 23:
            G.append([gid, f"Romanian network {i} (UNICRI sample)", "RO;DE", "structured division of labour with support accomplices", src(*ro_note)])
            member(gid, "organiser", "organiser", "", "RO", "RO")
            member(gid, "recruiter", "recruiter", "female", "RO", "RO")
            member(gid, "transporter", "transporter", "", "RO", "RO")
            member(gid, "exploiter", "exploiter", "", "RO", "DE")
            member(gid, "guardian", "guardian", "female", "RO", "DE")
            member(gid, "accomplice", "other", "", "RO", "RO")
            for p in ("recruiter", "transporter", "exploiter"):
                tie(gid, "organiser", p, "controls", True)
            tie(gid, "exploiter", "guardian", "controls", True)
            tie(gid, "transporter", "accomplice", "controls", True)
            tie(gid, "recruiter", "transporter", "recruits", True)
            tie(gid, "transporter", "exploiter", "transports-for", True)
        else:
            G.append([gid, f"Romanian individual {i - 23} (UNICRI sample)", "RO;DE", "individual operating alone", src(*ro_note)])
            member(gid, "trafficker", "recruiter", "", "RO", "RO")
        op(gid, ["eu2006-ro-de"])

    # Azerbaijan: over 40 members, cells in five countries from Central Asia to Turkey, fake documents.
    gid = "az-network"
    G.append([gid, "Azerbaijani network (Central Asia to Turkey)", "UZ;TM;AZ;GE;TR",
              "41 members: an organiser over five cells (UZ, TM, AZ, GE, TR) of eight; recruitment, document forgery, transport, exploitation",
              src(GQ["az"], GQ["nat"], "41 members for 'over 40'; the five countries (UZ and TM, the seed's Central Asian origins to Turkey, and AZ, GE, TR on the route of toc2010) and the cells' make-up: assumptions; nationality = the cell's country: assumption")])
    member(gid, "organiser", "organiser", "", "AZ", "AZ")
    cells = [("UZ", "recruiter", [("recruiter", 5, "female"), ("transporter", 2, "")]),
             ("TM", "recruiter", [("recruiter", 5, "female"), ("transporter", 2, "")]),
             ("AZ", "document-forger", [("document-forger", 3, ""), ("transporter", 2, ""), ("financier", 1, ""), ("other", 1, "")]),
             ("GE", "transporter", [("transporter", 5, ""), ("guardian", 2, "")]),
             ("TR", "exploiter", [("exploiter", 4, ""), ("guardian", 3, "")])]
    for cc, head_role, parts in cells:
        c = cc.lower()
        member(gid, f"{c}-head", head_role, "", cc, cc)
        tie(gid, "organiser", f"{c}-head", "controls", True)
        for role, k, gender in parts:
            for j in range(1, k + 1):
                p = f"{c}-{role}-{j}"
                member(gid, p, role, gender, cc, cc)
                tie(gid, f"{c}-head", p, "controls", True)
    # The victims are handed on along the route, with forged documents from the AZ cell.
    for a, b, kind in [("uz-transporter-1", "az-transporter-1", "transports-for"),
                       ("tm-transporter-1", "az-transporter-2", "transports-for"),
                       ("az-transporter-1", "ge-transporter-1", "transports-for"),
                       ("az-transporter-2", "ge-transporter-2", "transports-for"),
                       ("ge-transporter-1", "tr-guardian-1", "transports-for"),
                       ("az-document-forger-1", "uz-transporter-1", "associate"),
                       ("az-document-forger-2", "tm-transporter-1", "associate")]:
        tie(gid, a, b, kind, kind != "associate")
    op(gid, [x for x in rids if (x.split("-")[-2:] == ["uz", "tr"] or x.endswith("-tm-tr-az-ge"))])

    # Nigeria: loose network, recruiters in Edo State, madams in Italy.
    gid = "ng-edo"
    G.append([gid, "Edo network (Benin City to Italy)", "NG;IT",
              "loose network: recruiters at home, madams in Italy, a base in Libya on the Mediterranean route",
              src(GQ["ng"], GQ["ngf"], GQ["ngrec"], "nine members: three recruiters, two transporters (Lagos, Libya), three madams (two of them former victims) and a guardian in Italy; counts, the Libyan base and genders other than the recruiters' and madams': assumptions")])
    for j in (1, 2, 3):
        member(gid, f"recruiter-{j}", "recruiter", "female", "NG", "NG")
    member(gid, "transporter-lagos", "transporter", "", "NG", "NG")
    member(gid, "transporter-libya", "transporter", "", "NG", "LY")
    for j in (1, 2, 3):
        member(gid, f"madam-{j}", "exploiter", "female", "NG", "IT", fv=j <= 2)
    member(gid, "guardian", "guardian", "", "NG", "IT")
    for j in (1, 2, 3):
        tie(gid, f"recruiter-{j}", f"madam-{j}", "recruits", True)
    tie(gid, "recruiter-1", "recruiter-2", "family", False)
    tie(gid, "recruiter-1", "transporter-lagos", "associate", False)
    tie(gid, "recruiter-2", "transporter-lagos", "associate", False)
    tie(gid, "recruiter-3", "transporter-libya", "associate", False)
    tie(gid, "transporter-lagos", "madam-1", "transports-for", True)
    tie(gid, "transporter-lagos", "madam-2", "transports-for", True)
    tie(gid, "transporter-libya", "madam-3", "transports-for", True)
    tie(gid, "madam-1", "madam-2", "associate", False)
    tie(gid, "madam-2", "madam-3", "associate", False)
    tie(gid, "madam-1", "guardian", "controls", True)
    op(gid, [x for x in rids if x.split("-")[-2:] == ["ng", "it"] or x.endswith("-ng-it-ly")])

    # Russia: many groups of two or three.
    ru_note = (GQ["small"], GQ["ru"], GQ["fsuw"])
    ru = [("ru-pair-de", "Russian pair (to Germany)", ["eu2006-ru-de"],
           [("recruiter", "recruiter", "female", True), ("exploiter", "exploiter", "", False)],
           [("recruiter", "exploiter", "recruits", True)]),
          ("ru-trio-tr", "Russian trio (to Turkey)", ["eu2006-ru-tr", "tr2003-2004-ru-tr", "tr2007-ru-tr"],
           [("recruiter", "recruiter", "female", True), ("transporter", "transporter", "", False), ("exploiter", "exploiter", "", False)],
           [("recruiter", "transporter", "associate", False), ("transporter", "exploiter", "associate", False), ("exploiter", "recruiter", "associate", False)]),
          ("ru-pair-gr", "Russian pair (to Greece)", ["eu2006-ru-gr"],
           [("recruiter", "recruiter", "female", False), ("transporter", "transporter", "", False)],
           [("recruiter", "transporter", "family", False)])]
    for gid, name, ops, ms, ts in ru:
        dest = ops[0].split("-")[-1].upper()
        G.append([gid, name, "RU;" + dest, "two or three people",
                  src(*ru_note, f"members: a female recruiter (a former victim in two of the three groups) and one or two partners; destination {dest} and the records it operates: assumptions")])
        for p, role, gender, fv in ms:
            member(gid, p, role, gender, "RU", dest if role == "exploiter" else "RU", fv)
        for a, b, kind, d in ts:
            tie(gid, a, b, kind, d)
        op(gid, ops)

    # Greece, 2007: female recruiters from the former Soviet Union, Greek and Balkan men.
    gid = "gr-2007"
    G.append([gid, "Greek case, 2007", "GR;RU;UA;KZ;BG",
              "network: female recruiters of the victims' nationalities, Greek exploiters, a Bulgarian transporter",
              src(GQ["gr"], GQ["fsuw"], GQ["nat"], "one group standing for the 2007 arrests: three female recruiters (RU, UA, KZ), a Bulgarian transporter, two Greek exploiters and a Greek guardian; the records it operates (2006 flows to Greece): assumptions")])
    member(gid, "recruiter-ru", "recruiter", "female", "RU", "RU", True)
    member(gid, "recruiter-ua", "recruiter", "female", "UA", "UA")
    member(gid, "recruiter-kz", "recruiter", "female", "KZ", "KZ")
    member(gid, "transporter-bg", "transporter", "male", "BG", "BG")
    member(gid, "exploiter-1", "exploiter", "male", "GR", "GR")
    member(gid, "exploiter-2", "exploiter", "male", "GR", "GR")
    member(gid, "guardian", "guardian", "male", "GR", "GR")
    for r in ("recruiter-ru", "recruiter-ua", "recruiter-kz"):
        tie(gid, r, "transporter-bg", "associate", False)
    tie(gid, "recruiter-ru", "exploiter-1", "recruits", True)
    tie(gid, "recruiter-ua", "exploiter-1", "recruits", True)
    tie(gid, "recruiter-kz", "exploiter-2", "recruits", True)
    tie(gid, "transporter-bg", "exploiter-1", "transports-for", True)
    tie(gid, "exploiter-1", "exploiter-2", "associate", False)
    tie(gid, "exploiter-1", "guardian", "controls", True)
    op(gid, ["eu2006-ru-gr", "eu2006-ua-gr", "eu2006-bg-gr", "eu2006-ro-gr"])
    return G, M, T, OP

import os
GROUP_ROWS, MEMBER_ROWS, TIE_ROWS, OPERATES = build_groups([rid(r) for r in records])
flow_groups = {}
for gid, rids in OPERATES:
    for x in rids:
        flow_groups.setdefault(x, []).append(gid)

buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["id", "origin", "destination", "via", "vectors", "victims", "year", "form", "measure", "source", "groups"])
for r in records:
    w.writerow([rid(r), r["o"], r["d"], r["via"], r["vec"], r["n"], r["year"], "sexual", "derived", r["source"], ";".join(flow_groups.get(rid(r), []))])
open(OUT, "w", encoding="utf-8", newline="").write(buf.getvalue())

def write_table(name, header, rows):
    b = io.StringIO()
    tw = csv.writer(b, lineterminator="\n")
    tw.writerow(header)
    tw.writerows(rows)
    open(os.path.join(os.path.dirname(OUT), name), "w", encoding="utf-8", newline="").write(b.getvalue())
write_table("groups.csv", ["id", "name", "countries", "structure", "source"], GROUP_ROWS)
write_table("members.csv", ["group", "person", "role", "gender", "nationality", "country", "former_victim"], MEMBER_ROWS)
write_table("ties.csv", ["group", "from", "to", "kind", "directed"], TIE_ROWS)
print("groups", len(GROUP_ROWS), "members", len(MEMBER_ROWS), "ties", len(TIE_ROWS), "flows with groups", len(flow_groups))

# ---- report ----------------------------------------------------------------
print("records", len(records))
print("group totals", {g: sum(r["n"] for r in records if r["grp"] == g) for g in "ABCDE"}, gtot)
