package main

import (
	"strings"
	"testing"
)

// TestAddedArticle: the added document names the entities of the one it is
// made from, in its front matter and its text, and is not a copy of it.
func TestAddedArticle(t *testing.T) {
	orig := "---\ntitle: \"Old\"\nentities: [\"Kapraqui Holdings\",\"Frakae Energy\"]\n---\nBody.\n"
	got := string(addedArticle([]byte(orig)))
	for _, want := range []string{
		"\nentities: [\"Kapraqui Holdings\",\"Frakae Energy\"]\n",
		"Kapraqui Holdings said on Tuesday that the ruling of January 6, 2020",
		"Frakae Energy said on Tuesday that the ruling of January 7, 2020",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("added article lacks %q:\n%s", want, got)
		}
	}
	if plain := string(addedArticle([]byte("no front matter"))); strings.Contains(plain, "entities:") || !strings.Contains(plain, "The court heard") {
		t.Errorf("without entities: %q", plain)
	}
}
