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
		if got := sameEvent(cand(tc.a), cand(tc.b)); got != tc.same {
			t.Errorf("sameEvent = %v, want %v:\n  %s\n  %s", got, tc.same, tc.a, tc.b)
		}
	}
}
