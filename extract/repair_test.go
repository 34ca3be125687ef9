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

func TestRepairSpans(t *testing.T) {
	for _, tc := range []struct {
		text string
		in   [][2]string // mention text, type
		want string
	}{
		{"The agency, U.S. Customs and Border Protection, is part of DHS. CBP said no.",
			[][2]string{{"U.S.", "LOC"}, {"Customs", "ORG"}, {"Border Protection", "ORG"}, {"DHS", "ORG"}, {"CBP", "ORG"}},
			"ORG:U.S. Customs and Border Protection ORG:DHS ORG:CBP"},
		{"issued within U.S. Customs and Border Protection, another unit of DHS; the CBP Summons.",
			[][2]string{{"U.S.", "LOC"}, {"Border Protection", "LOC"}, {"DHS", "ORG"}, {"CBP Summons", "MISC"}},
			"ORG:U.S. Customs and Border Protection ORG:DHS MISC:CBP Summons"},
		{"management of US Citizenship and Immigration Services. USCIS is part of DHS.",
			[][2]string{{"US Citizenship", "ORG"}, {"USCIS", "ORG"}, {"DHS", "ORG"}},
			"ORG:US Citizenship and Immigration Services ORG:USCIS ORG:DHS"},
		{"Lawyers wrote, \"Permitting CBP to pierce the pseudonym\" and Trump and the Trump administration, said Donald Trump.",
			[][2]string{{"Permitting CBP", "MISC"}, {"Trump", "MISC"}, {"Donald Trump", "PER"}},
			"MISC:CBP MISC:Trump PER:Donald Trump"},
		{"as in “alternative U.S. Citizenship and Immigration Services.”",
			[][2]string{{"U.S.", "LOC"}, {"Citizenship", "MISC"}, {"Immigration Services", "ORG"}},
			"ORG:U.S. Citizenship and Immigration Services"},
		{"a lawyer with the ACLU's Speech, Privacy and Technology Project.",
			[][2]string{{"ACLU", "ORG"}, {"Technology Project", "LOC"}},
			"ORG:ACLU ORG:Speech, Privacy and Technology Project"},
		{"U.S. Steel and Ford agreed; Red, White and Blue sang.",
			[][2]string{{"U.S. Steel", "ORG"}, {"Ford", "ORG"}, {"Blue", "ORG"}},
			"ORG:U.S. Steel ORG:Ford ORG:Blue"},
		{"They visited Apples and Oranges, a shop with no acronym.", [][2]string{{"Apples", "ORG"}, {"Oranges", "ORG"}},
			"ORG:Apples ORG:Oranges"},
		{"He criticized the Department and the current administration.", [][2]string{{"Department and the current", "ORG"}},
			"ORG:Department"},
		{"Permitting CBP to pierce it. New York agreed.", [][2]string{{"Permitting CBP", "MISC"}, {"New York", "LOC"}},
			"MISC:CBP LOC:New York"},
		{"naming acting CBP Commissioner Kevin McAleenan today", [][2]string{{"CBP Commissioner Kevin", "ORG"}},
			"ORG:CBP PER:Kevin McAleenan"},
		{"the policies of the new Administration and Russian hacking; the administration said.", [][2]string{{"Administration", "MISC"}, {"Russian", "MISC"}},
			"MISC:Russian"},
		{"the early days of the Trump administration, which", [][2]string{{"Trump", "MISC"}},
			"MISC:Trump"},
	} {
		var in []Mention
		off := 0
		for _, x := range tc.in {
			i := strings.Index(tc.text[off:], x[0]) + off
			in = append(in, Mention{Start: i, End: i + len(x[0]), Type: x[1], Text: x[0]})
			off = i + len(x[0])
		}
		var got []string
		for _, m := range repairMentions(tc.text, in) {
			got = append(got, m.Type+":"+m.Text)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, strings.Join(got, " "), tc.want)
		}
	}
}
