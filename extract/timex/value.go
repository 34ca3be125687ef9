package timex

import (
	"strconv"
	"time"
)

// gran is the granularity of a calendar point or the unit of a duration.
type gran uint8

const (
	gNone gran = iota
	gMillennium
	gCentury
	gDecade
	gYear
	gHalf
	gSeason
	gQuarter
	gBimonth
	gMonth
	gFortnight
	gWeek
	gWeekend
	gDay
	gPOD
	gHour
	gMinute
	gSecond
)

// point is a calendar point at a granularity. Only the fields the
// granularity needs are meaningful: y for years and coarser (the first year of
// a decade or century), y+h, y+s, y+q, y+m, ISO y+w for weeks, y+m+d for days
// and finer. yx marks an unknown year (XXXX), mx an unknown month.
type point struct {
	g          gran
	y, m, d    int
	h, s, q, w int
	pod        int
	hh, mi, ss int
	hasSS      bool
	yx, mx, dx bool
}

func pointOf(t time.Time, g gran) point {
	p := point{g: gDay, y: t.Year(), m: int(t.Month()), d: t.Day(), hh: t.Hour(), mi: t.Minute(), ss: t.Second()}
	if g >= gHour {
		p.g = g
		return p
	}
	return p.coarsen(g)
}

// date is the first day the point covers (the year must be known).
func (p point) date() time.Time {
	m, d := 1, 1
	switch p.g {
	case gHalf:
		m = 6*(p.h-1) + 1
	case gSeason:
		m = 3*p.s + 0 // SP=3, SU=6, FA=9, WI=12
	case gQuarter:
		m = 3*(p.q-1) + 1
	case gMonth:
		m = p.m
	case gWeek, gWeekend:
		t := isoWeekStart(p.y, p.w)
		if p.g == gWeekend {
			t = t.AddDate(0, 0, 5)
		}
		return t
	case gDay, gPOD, gHour, gMinute, gSecond:
		m, d = p.m, p.d
	}
	if m < 1 {
		m = 1
	}
	if d < 1 {
		d = 1
	}
	return time.Date(p.y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

func isoWeekStart(y, w int) time.Time {
	// the Monday of ISO week 1 is the Monday on or before January 4
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	wd := (int(jan4.Weekday()) + 6) % 7 // Monday = 0
	return jan4.AddDate(0, 0, -wd+7*(w-1))
}

// coarsen re-expresses p at a coarser granularity g.
func (p point) coarsen(g gran) point {
	if g >= p.g && !(p.g == gWeek && g == gWeekend) {
		if g > p.g && p.g < gDay {
			return p
		}
		if g >= p.g {
			q := p
			q.g = g
			return q
		}
	}
	if p.g < gDay && (g == gWeek || g == gWeekend) {
		return p
	}
	var t time.Time
	if p.g >= gDay || p.g == gWeek || p.g == gWeekend {
		t = p.date()
	}
	q := point{g: g, y: p.y, yx: p.yx}
	switch g {
	case gMillennium:
		q.y = floorDiv(p.y, 1000) * 1000
	case gCentury:
		q.y = floorDiv(p.y, 100) * 100
	case gDecade:
		q.y = floorDiv(p.y, 10) * 10
	case gYear:
	case gHalf:
		q.h = (p.month()-1)/6 + 1
	case gSeason:
		q.s = seasonOf(p.month())
	case gQuarter:
		q.q = (p.month()-1)/3 + 1
	case gMonth:
		q.m = p.month()
		q.mx = p.mx
	case gWeek, gWeekend:
		q.y, q.w = t.ISOWeek()
	case gDay:
		q.m, q.d = p.m, p.d
		q.mx, q.dx = p.mx, p.dx
	}
	if p.g == gWeek || p.g == gWeekend {
		if g < gWeek {
			q.y = t.Year()
			q.m, q.d = int(t.Month()), t.Day()
			switch g {
			case gHalf:
				q.h = (q.m-1)/6 + 1
			case gSeason:
				q.s = seasonOf(q.m)
			case gQuarter:
				q.q = (q.m-1)/3 + 1
			}
		}
	}
	return q
}

// month is a representative month of p (for coarsening).
func (p point) month() int {
	switch p.g {
	case gHalf:
		return 6*(p.h-1) + 1
	case gSeason:
		return 3 * p.s
	case gQuarter:
		return 3*(p.q-1) + 1
	case gMonth, gDay, gPOD, gHour, gMinute, gSecond:
		return p.m
	case gWeek, gWeekend:
		return int(p.date().Month())
	}
	return 1
}

func seasonOf(m int) int {
	switch m {
	case 3, 4, 5:
		return 1
	case 6, 7, 8:
		return 2
	case 9, 10, 11:
		return 3
	}
	return 4
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// shift moves p by n units of u, keeping p's granularity.
func (p point) shift(u gran, n int) point {
	if n == 0 || p.yx {
		return p
	}
	switch u {
	case gMillennium:
		p.y += 1000 * n
		return p
	case gCentury:
		p.y += 100 * n
		return p
	case gDecade:
		p.y += 10 * n
		return p
	case gYear:
		p.y += n
		if p.g == gWeek || p.g == gWeekend {
			// the same week number a year away
			if p.w > 52 {
				p.w = 52
			}
		}
		if p.g >= gDay && p.m == 2 && p.d == 29 {
			p.d = 28
		}
		return p
	}
	switch p.g {
	case gMillennium, gCentury, gDecade, gYear:
		// a finer shift of a coarse point: move its year by whole years
		switch u {
		case gHalf:
			p.y += floorDiv(n, 2)
		case gSeason, gQuarter:
			p.y += floorDiv(n, 4)
		case gMonth, gBimonth:
			p.y += floorDiv(n, 12)
		}
		return p
	case gHalf:
		if u == gHalf {
			i := p.y*2 + p.h - 1 + n
			p.y, p.h = floorDiv(i, 2), i-2*floorDiv(i, 2)+1
			return p
		}
	case gSeason:
		if u == gSeason {
			i := p.y*4 + p.s - 1 + n
			p.y, p.s = floorDiv(i, 4), i-4*floorDiv(i, 4)+1
			return p
		}
	case gQuarter:
		if u == gQuarter {
			i := p.y*4 + p.q - 1 + n
			p.y, p.q = floorDiv(i, 4), i-4*floorDiv(i, 4)+1
			return p
		}
		if u == gMonth && n%3 == 0 {
			return p.shift(gQuarter, n/3)
		}
	case gMonth:
		if u == gMonth || u == gQuarter || u == gHalf || u == gBimonth {
			k := map[gran]int{gMonth: 1, gQuarter: 3, gHalf: 6, gBimonth: 2}[u]
			i := p.y*12 + p.m - 1 + n*k
			p.y, p.m = floorDiv(i, 12), i-12*floorDiv(i, 12)+1
			return p
		}
	}
	// day-based arithmetic on the representative date
	if p.mx || p.dx {
		return p
	}
	t := p.date()
	if p.g >= gHour {
		t = t.Add(time.Duration(p.hh)*time.Hour + time.Duration(p.mi)*time.Minute + time.Duration(p.ss)*time.Second)
	}
	switch u {
	case gHalf:
		t = t.AddDate(0, 6*n, 0)
	case gSeason, gQuarter:
		t = t.AddDate(0, 3*n, 0)
	case gBimonth:
		t = t.AddDate(0, 2*n, 0)
	case gMonth:
		t = t.AddDate(0, n, 0)
	case gFortnight:
		t = t.AddDate(0, 0, 14*n)
	case gWeek, gWeekend:
		t = t.AddDate(0, 0, 7*n)
	case gDay, gPOD:
		t = t.AddDate(0, 0, n)
	case gHour:
		t = t.Add(time.Duration(n) * time.Hour)
	case gMinute:
		t = t.Add(time.Duration(n) * time.Minute)
	case gSecond:
		t = t.Add(time.Duration(n) * time.Second)
	}
	q := pointOf(t, max(p.g, gDay))
	if p.g < gDay {
		q = q.coarsen(p.g)
	}
	q.pod, q.hasSS = p.pod, p.hasSS
	if p.g == gPOD {
		q.g = gPOD
	}
	return q
}

// String renders p as a TimeML value.
func (p point) String() string {
	var b []byte
	b = p.appendTo(make([]byte, 0, 24))
	return string(b)
}

func (p point) appendTo(b []byte) []byte {
	year := func(b []byte, y, digits int) []byte {
		if p.yx {
			for i := 0; i < digits; i++ {
				b = append(b, 'X')
			}
			return b
		}
		return appendPad(b, y, digits)
	}
	switch p.g {
	case gMillennium:
		return year(b, floorDiv(p.y, 1000), 1)
	case gCentury:
		return year(b, floorDiv(p.y, 100), 2)
	case gDecade:
		return year(b, floorDiv(p.y, 10), 3)
	}
	b = year(b, p.y, 4)
	switch p.g {
	case gHalf:
		return append(append(b, "-H"...), byte('0'+p.h))
	case gSeason:
		return append(b, "-SP-SU-FA-WI"[3*(p.s-1):3*p.s]...)
	case gQuarter:
		return append(append(b, "-Q"...), byte('0'+p.q))
	case gMonth:
		return p.appendMonth(b)
	case gWeek, gWeekend:
		b = append(b, "-W"...)
		if p.w <= 0 {
			b = append(b, "XX"...)
		} else {
			b = appendPad(b, p.w, 2)
		}
		if p.g == gWeekend {
			b = append(b, "-WE"...)
		}
		return b
	case gDay, gPOD, gHour, gMinute, gSecond:
		b = p.appendMonth(b)
		b = append(b, '-')
		if p.dx {
			b = append(b, "XX"...)
		} else {
			b = appendPad(b, p.d, 2)
		}
		switch p.g {
		case gPOD:
			b = append(append(b, 'T'), podCode[p.pod]...)
		case gHour, gMinute, gSecond:
			b = append(b, 'T')
			b = appendPad(b, p.hh, 2)
			b = append(b, ':')
			b = appendPad(b, p.mi, 2)
			if p.hasSS || p.g == gSecond {
				b = append(b, ':')
				b = appendPad(b, p.ss, 2)
			}
		}
	}
	return b
}

func (p point) appendMonth(b []byte) []byte {
	b = append(b, '-')
	if p.mx {
		return append(b, "XX"...)
	}
	return appendPad(b, p.m, 2)
}

func appendPad(b []byte, v, digits int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(v), 10)
	for i := len(s); i < digits; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// durUnit is the TimeML duration designator of a unit, and whether it
// belongs after the T.
func durUnit(g gran) (string, bool) {
	switch g {
	case gSecond:
		return "S", true
	case gMinute:
		return "M", true
	case gHour:
		return "H", true
	case gDay, gPOD:
		return "D", false
	case gWeek, gFortnight:
		return "W", false
	case gWeekend:
		return "WE", false
	case gMonth, gBimonth:
		return "M", false
	case gQuarter:
		return "Q", false
	case gHalf:
		return "H", false
	case gSeason:
		return "S", false
	case gYear:
		return "Y", false
	case gDecade:
		return "DE", false
	case gCentury:
		return "CE", false
	case gMillennium:
		return "ML", false
	}
	return "X", false
}

// durValue renders an amount of a unit as a TimeML duration. n < 0 means an
// unknown amount (X). half adds half a unit (2 1/2 years = P2Y6M).
func durValue(n int, u gran, half bool) string {
	// conventional rewrites that keep numbers whole
	switch u {
	case gFortnight:
		if n >= 0 {
			n, u = 2*n, gWeek
		}
	case gBimonth:
		if n >= 0 {
			n, u = 2*n, gMonth
		}
	case gDecade:
		if n >= 0 {
			n, u = 10*n, gYear
		}
	case gCentury:
		if n >= 0 {
			n, u = 100*n, gYear
		}
	case gMillennium:
		if n >= 0 {
			n, u = 1000*n, gYear
		}
	case gWeekend:
		if n >= 0 {
			n, u = 2*n, gDay
		}
	case gHalf:
		if n >= 0 {
			n, u = 6*n, gMonth
		}
	case gSeason:
		if n >= 0 {
			n, u = 3*n, gMonth
		}
	}
	d, t := durUnit(u)
	b := make([]byte, 0, 12)
	b = append(b, 'P')
	if t {
		b = append(b, 'T')
	}
	if n < 0 {
		b = append(b, 'X')
	} else if half && n == 0 {
		return halfOf(u)
	} else {
		b = strconv.AppendInt(b, int64(n), 10)
	}
	b = append(b, d...)
	if half && n >= 0 {
		h := halfOf(u)
		if h != "" {
			// P2Y + P6M = P2Y6M; PT1M + PT30S = PT1M30S
			if t {
				b = append(b, h[2:]...)
			} else {
				b = append(b, h[1:]...)
			}
		}
	}
	return string(b)
}

// halfOf is half of one unit as a duration.
func halfOf(u gran) string {
	switch u {
	case gYear:
		return "P6M"
	case gMonth:
		return "P2W"
	case gWeek:
		return "P3DT12H"
	case gDay:
		return "PT12H"
	case gHour:
		return "PT30M"
	case gMinute:
		return "PT30S"
	case gDecade:
		return "P5Y"
	case gCentury:
		return "P50Y"
	}
	return ""
}
