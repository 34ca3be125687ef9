package timex

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestZZDebug(t *testing.T) {
	text := os.Getenv("DT")
	if text == "" {
		t.Skip()
	}
	dct, _ := time.Parse("2006-01-02", os.Getenv("DD"))
	for _, x := range Tag(text, dct) {
		fmt.Printf("%q %s %s %s\n", text[x.Start:x.End], x.Type, x.Value, x.Mod)
	}
}

func TestZZTense(t *testing.T) {
	text := os.Getenv("DT")
	if text == "" {
		t.Skip()
	}
	toks := scan(text, nil)
	p := parser{toks: toks, text: text}
	for i := 0; i < len(toks); {
		f, j := p.expr(i)
		if j > i {
			fmt.Printf("%q tense=%d anchor=%d dir=%d\n", text[toks[i].start:toks[j-1].end], p.tense(i, j), f.anchor, f.dir)
			for k := i - 1; k >= 0 && k >= i-20 && !p.sentenceEnd(k); k-- {
				c, s := p.cue(k, true)
				if c != 0 {
					fmt.Printf("   before %q c=%d strong=%v\n", text[toks[k].start:toks[k].end], c, s)
				}
			}
			i = j
		} else {
			i++
		}
	}
}
