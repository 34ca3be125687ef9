package index

import (
	"strings"
	"testing"
)

func TestParseOverrides(t *testing.T) {
	src := `action,name,value
# a comment
alias,Homeland Security,Department of Homeland Security
type,Badlands National Park,loc
name,ACLU,American Civil Liberties Union
exclude,Screenshot,
type,Someone,ROBOT
frobnicate,x,y
alias,Lonely,
`
	ov, warn, err := ParseOverrides(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(ov.aliases) != 1 || ov.types["badlands national park"] != "LOC" || ov.names["aclu"] == "" || !ov.excluded("screenshot") {
		t.Errorf("overrides %+v", ov)
	}
	joined := strings.Join(warn, "\n")
	for _, w := range []string{`line 7: type "ROBOT"`, `line 8: unknown action "frobnicate"`, "line 9: alias needs a value"} {
		if !strings.Contains(joined, w) {
			t.Errorf("missing warning %q in:\n%s", w, joined)
		}
	}
}

func FuzzOverrides(f *testing.F) {
	f.Add("alias,a,b\ntype,c,PER\nexclude,d,\nname,e,f\n")
	f.Fuzz(func(t *testing.T, s string) {
		ParseOverrides(strings.NewReader(s))
	})
}
