package timex_test

import (
	"fmt"
	"time"

	"casefile/extract/timex"
)

func ExampleTag() {
	text := "In a lawsuit filed Thursday, Twitter says CBP issued a summons on March 14, " +
		"two months after the account began in late January. First published, 1:09 p.m. PT."
	dct := time.Date(2017, 4, 6, 0, 0, 0, 0, time.UTC)
	for _, t := range timex.Tag(text, dct) {
		fmt.Printf("%-14s %-8s %-17s %-4s %s\n", text[t.Start:t.End], t.Type, t.Value, t.Mod, t.Granularity())
	}
	// Output:
	// Thursday       DATE     2017-04-06             day
	// March 14       DATE     2017-03-14             day
	// two months     DURATION P2M                    duration
	// late January   DATE     2017-01           END  month
	// 1:09 p.m. PT   TIME     2017-04-06T13:09       time
}

func ExampleInferDCT() {
	text := "Twitter believes there are no grounds for the demand\n\nApr 6, 2017 22:15 GMT  ·  By\n\n" +
		"Twitter is fighting back against the Trump administration."
	dct, ok := timex.InferDCT(text)
	fmt.Println(dct.Format("2006-01-02 15:04"), ok)
	// Output:
	// 2017-04-06 22:15 true
}
