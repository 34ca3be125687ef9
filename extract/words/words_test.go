package words

import "testing"

func TestIsEnglish(t *testing.T) {
	for w, want := range map[string]bool{"leave": true, "updated": true, "screenshot": true, "permitting": true, "twitter": true,
		"mcaleenan": false, "uscis": false, "": false, "Leave": false} {
		if got := IsEnglish(w); got != want {
			t.Errorf("IsEnglish(%q) = %v, want %v", w, got, want)
		}
	}
}
