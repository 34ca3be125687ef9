package index

import (
	"sort"
	"strings"
	"testing"

	"casefile/extract"
)

// doc builds an analysis whose mentions are given as "TYPE:text" and found
// in order in text, so the tests exercise resolution without the tagger.
func doc(t *testing.T, id, text string, mentions ...string) *extract.Analysis {
	t.Helper()
	a := &extract.Analysis{Doc: extract.Document{ID: id, Text: text}}
	off := 0
	for _, m := range mentions {
		typ, s, _ := strings.Cut(m, ":")
		i := strings.Index(text[off:], s)
		if i < 0 {
			t.Fatalf("%s: %q not found after %d", id, s, off)
		}
		i += off
		a.Mentions = append(a.Mentions, extract.Mention{Start: i, End: i + len(s), Type: typ, Text: s})
		off = i + len(s)
	}
	return a
}

// groups returns, for each entity, its type and its sorted spellings.
func groups(c *Corpus) map[string]string {
	out := map[string]string{}
	for _, e := range c.Entities {
		forms := append([]string{e.Name}, e.Aliases...)
		sort.Strings(forms)
		out[e.Name] = e.Type + " " + strings.Join(forms, "|")
	}
	return out
}

func TestResolve(t *testing.T) {
	docs := []*extract.Analysis{
		doc(t, "a", "The Department of Homeland Security (DHS) said no. DHS declined. Homeland Security again. President Donald Trump spoke; Trump left. The ACLU is expected to act. @ALT_USCIS posted.",
			"ORG:Department of Homeland Security", "ORG:DHS", "ORG:DHS", "ORG:Homeland Security", "PER:President Donald Trump", "PER:Trump", "ORG:ACLU", "HANDLE:@ALT_USCIS"),
		doc(t, "b", "The American Civil Liberties Union sued. The U.S. said no and the US agreed with the United States. @ALT_uscis too. Nathan Wessler spoke.",
			"ORG:American Civil Liberties Union", "LOC:U.S.", "LOC:US", "LOC:United States", "HANDLE:@ALT_uscis", "PER:Nathan Wessler"),
		doc(t, "c", "Nathan Freed Wessler of the ACLU and Trump again.", "PER:Nathan Freed Wessler", "ORG:ACLU", "PER:Trump"),
		// two people who share a surname: never one entity
		doc(t, "d", "Jane Kelly met John Kelly. Kelly said yes.", "PER:Jane Kelly", "PER:John Kelly", "PER:Kelly"),
		doc(t, "e", "John Kelly spoke. Kelly agreed.", "PER:John Kelly", "PER:Kelly"),
	}
	c := Resolve(docs, nil)
	g := groups(c)
	for name, want := range map[string]string{
		"Department of Homeland Security": "ORG DHS|Department of Homeland Security|Homeland Security",
		"Donald Trump":                    "PER Donald Trump|Trump",
		"American Civil Liberties Union":  "ORG ACLU|American Civil Liberties Union",
		"United States":                   "LOC U.S.|US|United States",
		"@ALT_USCIS":                      "HANDLE @ALT_USCIS|@ALT_uscis",
		"Nathan Freed Wessler":            "PER Nathan Freed Wessler|Nathan Wessler",
		"Jane Kelly":                      "PER Jane Kelly",
		"John Kelly":                      "PER John Kelly|Kelly",
	} {
		if g[name] != want {
			t.Errorf("%s: got %q, want %q", name, g[name], want)
		}
	}
	// In d, "Kelly" is ambiguous (two Kellys): it stays on its own there,
	// while in e it is John Kelly.
	link := func(d, m int) string { return c.Links[d][m] }
	if link(3, 2) == link(3, 0) || link(3, 2) == link(3, 1) {
		t.Errorf("an ambiguous surname was merged with a person: %q", link(3, 2))
	}
	if link(4, 1) != link(4, 0) {
		t.Errorf("Kelly in a document about John Kelly is %q, not %q", link(4, 1), link(4, 0))
	}
	// Ids are slugs of names and unique.
	seen := map[string]bool{}
	for _, e := range c.Entities {
		if seen[e.ID] || e.ID != extract.Slug(e.ID) {
			t.Errorf("bad or duplicate id %q", e.ID)
		}
		seen[e.ID] = true
	}
}

func TestResolveOverrides(t *testing.T) {
	docs := []*extract.Analysis{
		doc(t, "a", "Badlands National Park tweeted. Screenshot of it. The Agency said. The NPS agreed.",
			"ORG:Badlands National Park", "PER:Screenshot", "ORG:Agency", "ORG:NPS"),
	}
	ov, warn, err := ParseOverrides(strings.NewReader("type,Badlands National Park,LOC\nexclude,Screenshot,\nalias,NPS,Agency\nname,agency,National Park Service\n"))
	if err != nil || len(warn) > 0 {
		t.Fatal(err, warn)
	}
	g := groups(Resolve(docs, ov))
	if g["Badlands National Park"] != "LOC Badlands National Park" {
		t.Errorf("type override: %q", g["Badlands National Park"])
	}
	if _, ok := g["Screenshot"]; ok {
		t.Error("excluded name kept")
	}
	if g["National Park Service"] != "ORG Agency|NPS|National Park Service" {
		t.Errorf("alias and name overrides: %v", g)
	}
}

func TestHeadType(t *testing.T) {
	for name, want := range map[string]string{"Syracuse University": "ORG", "Department of Homeland Security": "ORG",
		"Hudson River": "LOC", "Donald Trump": "", "Twitter": ""} {
		if got := headType(name); got != want {
			t.Errorf("headType(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestResolveCountsMentions: an entity's type and name follow how many
// mentions have each, not how many spellings there are: three mentions
// tagged PER outvote one tagged ORG (which wins a tie), and the spelling
// used three times names the entity (a tie goes to byte order, "ACME").
func TestResolveCountsMentions(t *testing.T) {
	docs := []*extract.Analysis{
		doc(t, "a", "Pat Quinn met Acme Corp. Pat Quinn left.", "PER:Pat Quinn", "ORG:Acme Corp", "PER:Pat Quinn"),
		doc(t, "b", "Pat Quinn sued Acme Corp and Acme Corp settled.", "ORG:Pat Quinn", "ORG:Acme Corp", "ORG:Acme Corp"),
		doc(t, "c", "ACME Corp wrote to Pat Quinn.", "ORG:ACME Corp", "PER:Pat Quinn"),
	}
	got := groups(Resolve(docs, nil))
	for name, want := range map[string]string{"Pat Quinn": "PER Pat Quinn", "Acme Corp": "ORG ACME Corp|Acme Corp"} {
		if got[name] != want {
			t.Errorf("%s: %q, want %q (all: %v)", name, got[name], want, got)
		}
	}
}

// TestResolveDefinedAcronyms: an acronym a document defines joins the name
// it is defined with, either way round, even where two names in the corpus
// share its initials (and so the corpus-wide rule leaves it alone).
func TestResolveDefinedAcronyms(t *testing.T) {
	docs := []*extract.Analysis{
		doc(t, "a", "Customs and Border Protection (CBP) said no. CBP declined.",
			"ORG:Customs and Border Protection", "ORG:CBP", "ORG:CBP"),
		doc(t, "b", "The Central Bank of Peru kept its rate.", "ORG:Central Bank of Peru"),
		doc(t, "c", "FWA (Federal Widget Agency) wrote. The Federal Wool Association did not.",
			"ORG:FWA", "ORG:Federal Widget Agency", "ORG:Federal Wool Association"),
		doc(t, "d", "FWA again.", "ORG:FWA"),
	}
	g := groups(Resolve(docs, nil))
	for name, want := range map[string]string{
		"Customs and Border Protection": "ORG CBP|Customs and Border Protection",
		"Central Bank of Peru":          "ORG Central Bank of Peru",
		"Federal Widget Agency":         "ORG FWA|Federal Widget Agency",
		"Federal Wool Association":      "ORG Federal Wool Association",
	} {
		if g[name] != want {
			t.Errorf("%s: %q, want %q (all: %v)", name, g[name], want, g)
		}
	}
}
