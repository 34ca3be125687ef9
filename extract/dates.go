package extract

import (
	"strings"
	"time"
)

// dateLayouts are the ways metadata writes a publication date, most specific
// first. Body text dates are the timex package's business, not this one's.
var dateLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04",
	"2006-01-02", "2006/01/02", "20060102",
	time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006 15:04 MST", "January 2, 2006 3:04 PM MST", "January 2, 2006 3:04 PM", "January 2, 2006",
	"Jan 2, 2006 15:04 MST", "Jan 2, 2006 15:04", "Jan 2, 2006 3:04 PM MST", "Jan 2, 2006 3:04 PM", "Jan 2, 2006",
	"Jan. 2, 2006", "Monday, January 2, 2006", "Mon, January 2, 2006", "Mon, Jan 2, 2006",
	"2 January 2006", "2 Jan 2006", "2 January 2006 15:04", "02.01.2006", "01/02/2006", "1/2/2006",
}

// parseDate reads a metadata date and returns it as YYYY-MM-DD.
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", false
	}
	// "Sept." and "Sept" are common in American style; Go knows only "Sep".
	s = strings.Replace(s, "Sept.", "Sep", 1)
	s = strings.Replace(s, "Sept ", "Sep ", 1)
	cands := []string{s}
	if i := strings.LastIndexAny(s, " "); i > 0 && isZoneAbbrev(s[i+1:]) {
		// A zone Go cannot place, like "PT" or "ET": the date is still good.
		cands = append(cands, s[:i])
	}
	if strings.Contains(s, ".") {
		cands = append(cands, strings.ReplaceAll(s, ".", ""))
	}
	for _, c := range cands {
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, c); err == nil {
				if t.Year() < 1000 || t.Year() > 2999 {
					return "", false
				}
				return t.Format("2006-01-02"), true
			}
		}
	}
	return "", false
}

func isZoneAbbrev(s string) bool {
	if len(s) < 2 || len(s) > 5 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
