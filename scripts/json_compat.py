#!/usr/bin/env python3
"""Compares every command's JSON between two builds of tipgraph on the
built-in dataset: keys the new build adds are set aside (listed), and every
value the old build printed must be unchanged, except victim counts that the
old build showed and the new one hides under --min-count (listed too).

    python3 scripts/json_compat.py OLD_BINARY NEW_BINARY
"""
import json
import subprocess
import sys

COMMANDS = [
    ["summary"], ["hubs"], ["hubs", "--by", "betweenness", "--weight", "inverse-victims"],
    ["routes", "--from", "NG", "--to", "IT"], ["routes", "--from", "BR", "--to", "NL", "--by", "victims"],
    ["divert", "--remove", "UA"], ["divert", "--remove", "SR", "--displacement", "0.5"], ["divert", "--each"],
    ["interdict", "--k", "2"], ["groups"], ["groups", "--group", "az-network"],
    ["estimate"], ["estimate", "--demand"], ["datasets"], ["validate"],
    ["emerging", "--fdr", "off"], ["emerging", "--own-periods", "--fdr", "off"],
]


def run(binary, args):
    out = subprocess.run([binary, "--format", "json"] + args, capture_output=True, text=True)
    if out.returncode != 0:
        return {"exit": out.returncode, "stderr": out.stderr}
    return json.loads(out.stdout)


def compare(old, new, path, added, changed):
    if isinstance(old, dict) and isinstance(new, dict):
        for k in new:
            if k not in old:
                added.add(path + "." + k)
        for k in old:
            if k not in new:
                changed.append(f"{path}.{k}: removed")
            else:
                compare(old[k], new[k], path + "." + k, added, changed)
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            changed.append(f"{path}: {len(old)} items, now {len(new)}")
            return
        for i, (a, b) in enumerate(zip(old, new)):
            compare(a, b, f"{path}[{i}]", added, changed)
    elif old != new:
        changed.append(f"{path}: {old!r} -> {new!r}")


def main():
    old_bin, new_bin = sys.argv[1], sys.argv[2]
    bad = 0
    for args in COMMANDS + [["--min-count", "50"] + c for c in (["hubs"], ["divert", "--remove", "GF"], ["summary"])]:
        added, changed = set(), []
        compare(run(old_bin, args), run(new_bin, args), "", added, changed)
        name = " ".join(args)
        print(f"{name}: {len(changed)} changed values; keys added: {', '.join(sorted(k.split('[')[0] for k in added)[:8]) or 'none'}")
        for c in changed[:10]:
            print("   ", c)
        bad += len(changed)
    print(f"{bad} changed values in all")


if __name__ == "__main__":
    main()
