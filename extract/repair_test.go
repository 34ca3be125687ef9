package extract

import (
	"fmt"
	"strings"
	"testing"
)

func TestRepairMentions(t *testing.T) {
	text := "Permitting CBP to act is wrong. Twitter said so. Leave a note. naming the DHS Secretary John Kelly and IP logs. The PDF was posted on Twitter. President Donald trump under fire, and acting Commissioner Kevin McAleenan Thursday."
	m := func(s string, typ string) Mention {
		i := strings.Index(text, s)
		return Mention{Start: i, End: i + len(s), Type: typ, Text: s}
	}
	in := []Mention{m("Permitting", "PER"), m("CBP", "ORG"), m("Twitter said", "ORG"), m("Leave", "PER"),
		m("DHS Secretary John Kelly", "ORG"), m("IP", "ORG"), m("PDF", "MISC"), m("Donald trump under", "PER"), m("Kevin", "PER")}
	in[2] = Mention{Start: in[2].Start, End: in[2].Start + 7, Type: "ORG", Text: "Twitter"}
	var got []string
	for _, x := range repairMentions(text, in) {
		got = append(got, fmt.Sprintf("%s:%s", x.Type, x.Text))
	}
	want := []string{"ORG:CBP", "ORG:Twitter", "ORG:DHS", "PER:John Kelly", "PER:Donald trump", "PER:Kevin McAleenan"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
