package websearch_test

import (
	"bytes"
	"math/rand"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"casefile/index"
	"casefile/index/websearch/internal/gen"
)

// tricky inputs for the tokenizer and filters: apostrophes, underscores,
// handles, case numbers, abbreviations, hyphens, scripts without spaces,
// combining marks, emoji, Greek final sigma, Turkish dotted I.
var trickyText = []string{
	"Twitter's lawsuit", "Twitter’s objection", "TWITTER'S", "the users' accounts", "rock 'n' roll", "o'clock",
	"can't won't isn't", "ALT_USCIS @ALT_USCIS @alt_uscis #resist", "_underscore_ __init__ a_b_c", "_",
	"3:17-cv-01916", "Case No. 1:15-cv-01234", "$25.8 million", "1,000,000.50", "3.14159", "2017-04-06",
	"U.S. U.S.A. e.g. i.e.", "anti-Trump well-known", "co-operate", "e-mail", "x86_64", "IPv6 ::1",
	"http://example.com/a_b?c=d", "user@example.com", "Zürich naïve café résumé", "İstanbul ΣΊΣΥΦΟΣ Σ",
	"東京都 日本語のテキスト カタカナ ひらがな", "한국어 텍스트", "ภาษาไทย", "עברית ״ש״ צה\"ל", "مرحبا بالعالم",
	"emoji 👍🏽 family 👨‍👩‍👧 flags 🇺🇸🇬🇧", "e\u0301 cafe\u0301 a\u0308b", "zero\u200bwidth soft\u00adhyphen",
	"line\r\nbreaks\nand\ttabs\u2028sep", "ﬁnancial ﬂow", "ＦＵＬＬＷＩＤＴＨ ｗｉｄｅ", "١٢٣ ٤٥٦", "Ⱥ Ⱦ ȺȾ",
	"running runs ran relational conditional generalization hopeful goodness", "agreed feed bled sky",
	"caresses ponies ties caress cats feed agreed disabled matting mating meeting milling messing meetings",
	"happy sky relational conditional rational valenci hesitanci digitizer conformabli radicalli differentli",
	"vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness callousness",
	"formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful goodness",
	"revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment",
	"dependent adoption homologou communism activate angulariti homologous effective bowdlerize probate rate",
	"cease controll roll", "yyy yay YEAR Yelling", "K Å Ω ẞ KELVIN ÅNGSTRÖM", "İİİ iİi",
}

func analyzeGo(t *testing.T, texts []string) [][][2]any {
	an := index.NewMapping().AnalyzerNamed("en")
	out := make([][][2]any, len(texts))
	for i, s := range texts {
		out[i] = [][2]any{}
		for _, tok := range an.Analyze([]byte(s)) {
			out[i] = append(out[i], [2]any{string(tok.Term), float64(tok.Position)})
		}
	}
	return out
}

func randomTexts(n int) []string {
	r := rand.New(rand.NewSource(1))
	ranges := [][2]rune{{0x20, 0x7e}, {0xa0, 0x24f}, {0x370, 0x3ff}, {0x400, 0x4ff}, {0x590, 0x5ff}, {0x600, 0x6ff},
		{0x900, 0x97f}, {0xe00, 0xe7f}, {0x1100, 0x11ff}, {0x2000, 0x206f}, {0x3000, 0x30ff}, {0x4e00, 0x4e80},
		{0xac00, 0xac80}, {0xfb00, 0xfb4f}, {0xfe00, 0xfe0f}, {0xff00, 0xffef}, {0x1f1e6, 0x1f1ff}, {0x1f300, 0x1f64f}}
	common := []rune("aeiou stnrl'’._-:,;0123456789\"@#")
	var out []string
	for i := 0; i < n; i++ {
		var b strings.Builder
		l := 1 + r.Intn(24)
		for j := 0; j < l; j++ {
			if r.Intn(3) == 0 {
				b.WriteRune(common[r.Intn(len(common))])
				continue
			}
			rg := ranges[r.Intn(len(ranges))]
			c := rg[0] + rune(r.Intn(int(rg[1]-rg[0]+1)))
			if utf8.ValidRune(c) {
				b.WriteRune(c)
			}
		}
		out = append(out, b.String())
	}
	return out
}

// TestAnalyzerEquivalence wants the browser analyser to give the same terms
// and positions as bleve's "en" analyser.
func TestAnalyzerEquivalence(t *testing.T) {
	items := loadItems(t, 60)
	s := buildSite(t, items[:30], 0)
	texts := append([]string{}, trickyText...)
	for _, it := range items {
		texts = append(texts, it.Doc.Title, it.Doc.Text)
	}
	texts = append(texts, randomTexts(3000)...)
	var resp struct {
		Analyze [][][2]any `json:"analyze"`
	}
	runNode(t, s.dir, map[string]any{"analyze": texts}, &resp)
	want := analyzeGo(t, texts)
	bad := 0
	for i := range texts {
		if !reflect.DeepEqual(want[i], resp.Analyze[i]) {
			bad++
			if bad <= 10 {
				t.Errorf("%q:\n bleve   %v\n browser %v", texts[i], want[i], resp.Analyze[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d texts analysed differently", bad, len(texts))
	}
}

// TestTablesUpToDate regenerates assets/tables.js and compares.
func TestTablesUpToDate(t *testing.T) {
	b, err := gen.Generate()
	if err != nil {
		t.Skipf("cannot regenerate tables: %v", err)
	}
	have, err := os.ReadFile("assets/tables.js")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, have) {
		t.Fatal("assets/tables.js is stale: run go generate ./index/websearch")
	}
}
