package index

import "testing"

func TestSameEvent(t *testing.T) {
	cand := func(s string) *candidate { return &candidate{words: contentWords(s)} }
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		// one summons, reported by two outlets in March
		{"In an action filed in court, lawyers for Twitter disclosed a summons the company received last month demanding that the company turn over everything it knows about the anonymous account.",
			"Mid last month, Twitter was hit with a summon from Customs asking for records that could reveal the identity of the person behind the account.", true},
		{"On March 14, CBP agent Adam Hoffman sent a fax to Twitter, demanding user names, phone numbers and addresses.",
			"The summons, which was sent to Twitter on March 14, seeks user names, login records, phone numbers and addresses.", true},
		// two things that happened in January: a date in common is not enough
		{"The account was created around the time Trump issued an immigration curb in January, which was later blocked by courts.",
			"It is one of a wave of accounts started in late January after the Trump administration set limits on postings.", false},
	} {
		if a, b := cand(tc.a), cand(tc.b); sameEvent(a, b, sortedShared(a.words, b.words)) != tc.same {
			t.Errorf("sameEvent = %v, want %v:\n  %s\n  %s", !tc.same, tc.same, tc.a, tc.b)
		}
	}
}

// TestSharedCounts: the matrix of shared words gives every pair its own
// cell and the same counts as computing them again (the path of dates with
// more than maxSharedMatrix candidates).
func TestSharedCounts(t *testing.T) {
	sentences := []string{
		"Twitter sued the Department of Homeland Security on Thursday over a summons.",
		"The summons demanded records that could reveal the identity behind the account.",
		"Twitter said the summons violated the First Amendment rights of its users.",
		"Customs and Border Protection withdrew the summons a day after the lawsuit.",
		"The account criticised the immigration policies of the administration.",
		"Lawyers for Twitter filed the lawsuit in federal court in San Francisco.",
		"A federal court in San Francisco received the filing on Thursday.",
	}
	var cands []*candidate
	for _, s := range sentences {
		cands = append(cands, &candidate{words: contentWords(s)})
	}
	sh := newSharedCounts(cands)
	again := &sharedCounts{cands: cands}
	seen := map[int]bool{}
	for i := range cands {
		for j := i + 1; j < len(cands); j++ {
			at := sh.at(i, j)
			if at < 0 || at >= len(sh.m) || seen[at] {
				t.Fatalf("pair %d,%d has cell %d (of %d), out of range or taken", i, j, at, len(sh.m))
			}
			seen[at] = true
			want := sortedShared(cands[i].words, cands[j].words)
			if sh.of(i, j) != want || sh.of(j, i) != want || again.of(j, i) != want {
				t.Errorf("pair %d,%d: %d / %d / %d shared, want %d", i, j, sh.of(i, j), sh.of(j, i), again.of(j, i), want)
			}
		}
	}
	if len(seen) != len(sh.m) {
		t.Errorf("%d of %d cells used", len(seen), len(sh.m))
	}
}
