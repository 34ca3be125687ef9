package timex

import "time"

// resolver turns frames into TimeML values, in document order. It holds the
// document creation date and the reference time: the last date the text
// mentioned, which anchors "a year earlier", "the next day", "that year".
type resolver struct {
	dct    point
	hasDCT bool
	ref    point
	hasRef bool
}

func newResolver(dct time.Time) resolver {
	r := resolver{}
	if !dct.IsZero() {
		r.dct = pointOf(dct, gDay)
		r.hasDCT = true
	}
	return r
}

// resolve computes f's value. tense is -1 past, +1 future, 0 unknown.
func (r *resolver) resolve(f *frame, tense int8) string {
	if f.val != "" {
		return f.val
	}
	if f.typ == tDuration || f.typ == tSet {
		return "" // every duration and set recogniser sets val
	}
	p, ok := r.point(f, tense)
	if !ok {
		return r.unresolved(f)
	}
	if !f.noRef && !p.yx && !p.mx && p.g <= gSecond {
		r.ref, r.hasRef = p, true
	}
	return p.String()
}

// unresolved renders a date that needs an anchor the document lacks, with
// X placeholders for what is unknown (TimeML's convention), or a REF value
// for shifts such as "last week".
func (r *resolver) unresolved(f *frame) string {
	g := f.finest()
	switch {
	case f.quarterRef:
		return "XXXX-QX"
	case f.anchor == aNear || f.yearRel && f.shiftN == 0 || f.dir != 2 && (f.m != 0 || f.s != 0 || f.wd != 0 || f.holiday != 0):
		p := point{g: max(g, gYear), yx: true, m: f.m, d: f.d, q: f.q, h: f.h, s: f.s, pod: f.pod, hh: f.hh, mi: f.mi, ss: f.ss, hasSS: f.hasSS}
		if f.holiday != 0 {
			h := holidays[f.holiday-1]
			if h.month == 0 {
				return "XXXX-XX-XX"
			}
			p.g, p.m, p.d = gDay, h.month, h.day
		}
		if f.wd != 0 {
			v := "XXXX-WXX-" + string(rune('0'+f.wd))
			if f.pod != 0 {
				v += "T" + podCode[f.pod]
			}
			return v
		}
		if g == gMinute || g == gSecond {
			p.mx, p.dx = p.m == 0, p.d == 0
		}
		return p.String()
	case f.shiftN < 0 || f.shiftX && f.shiftN < 0:
		return "PAST_REF"
	case f.shiftN > 0:
		return "FUTURE_REF"
	}
	if f.clock {
		p := point{g: gMinute, yx: true, mx: true, dx: true, hh: f.hh, mi: f.mi, ss: f.ss, hasSS: f.hasSS}
		return p.String()
	}
	return "PRESENT_REF"
}

// point computes the calendar point of a DATE or TIME frame.
func (r *resolver) point(f *frame, tense int8) (point, bool) {
	var a point // anchor
	fromRef := false
	switch f.anchor {
	case aAbs:
	case aDCT:
		if !r.hasDCT {
			return point{}, false
		}
		a = r.dct
	case aRef:
		switch {
		case r.hasRef && f.current && r.hasDCT && r.ref.y != r.dct.y:
			// "the year-ago results" compare with the current period, even
			// after "the 1988 period" was mentioned
			a = r.dct
		case r.hasRef:
			a, fromRef = r.ref, true
		case r.hasDCT:
			a = r.dct
		default:
			return point{}, false
		}
	case aNear:
		switch {
		case r.hasDCT:
			a = r.dct
		case r.hasRef && r.ref.g >= gYear:
			a = r.ref
		default:
			return point{}, false
		}
	}
	var p point
	switch {
	case f.ySet:
		p = point{g: gYear, y: f.y}
		if f.yg != 0 {
			p.g = f.yg
		}
		if f.fiscal && f.q == 0 && f.h == 0 {
			return p, true
		}
		if f.periodRef && r.hasRef && r.ref.g > gYear && r.ref.g <= gMonth && !r.ref.yx {
			q := r.ref
			q.y = f.y
			return q, true
		}
		if f.periodRef && f.gran == gQuarter && r.hasDCT {
			// "the 1988 quarter" without a reported quarter: the last one completed
			q := r.dct.coarsen(gQuarter).shift(gQuarter, -1)
			q.y = f.y
			return q, true
		}
	case f.quarterRef:
		// the quarter being reported: the last quarter mentioned, else the
		// last one completed before the document date
		switch {
		case r.hasRef && r.ref.g == gQuarter:
			p = r.ref
		case r.hasDCT:
			p = r.dct.coarsen(gQuarter).shift(gQuarter, -1)
		default:
			return point{}, false
		}
		if f.keep {
			p = p.shift(gYear, f.shiftN)
		}
		return p, true
	case f.anchor == aNear:
		p = a
	default:
		switch {
		case fromRef && f.shiftU != 0 && a.g < unitGran(f.shiftU) && unitGran(f.shiftU) >= gMonth:
			// "the next day" after "in 1995": a day of a known year, which
			// day unknown (1995-XX-XX)
			return vague(a, unitGran(f.shiftU))
		case f.keep && fromRef:
			p = a
			if p.g > gDay {
				p = p.coarsen(gDay)
			}
		case f.keep:
			p = a.coarsen(unitGran(f.shiftU))
		case f.shiftU != 0:
			p = a.coarsen(unitGran(f.shiftU))
		default:
			p = a
		}
		if f.shiftX {
			return point{}, false
		}
		p = p.shift(f.shiftU, f.shiftN)
		if f.weekend {
			if f.dir == 2 && f.anchor == aDCT {
				// "the weekend": the one just past in a past-tense sentence on
				// a weekday, the coming one otherwise
				wd := (int(r.dct.date().Weekday())+6)%7 + 1
				if tense <= 0 && wd <= 4 {
					p = p.shift(gWeek, -1)
				}
			}
			p = p.coarsen(gWeek)
			p.g = gWeekend
		}
	}
	p, ok := r.fields(f, p, a, tense)
	if ok && f.gran != 0 && f.gran < p.g {
		p = p.coarsen(f.gran)
	}
	return p, ok
}

// vague is a point of granularity g inside the coarser point a, with the
// finer fields unknown: 1995-XX-XX, 1995-WXX, 1995-03-XX.
func vague(a point, g gran) (point, bool) {
	if a.yx || a.g < gYear {
		return point{}, false
	}
	p := point{g: g, y: a.y, mx: true, dx: true}
	if a.g >= gMonth && a.g != gWeek && a.g != gWeekend {
		p.m, p.mx = a.month(), false
	}
	switch g {
	case gMonth, gWeek, gWeekend:
		return p, true
	case gDay, gPOD, gHour, gMinute, gSecond:
		p.g = gDay
		return p, true
	}
	return point{}, false
}

// unitGran is the point granularity a shift unit works at.
func unitGran(u gran) gran {
	switch u {
	case gFortnight:
		return gWeek
	case gWeekend:
		return gWeekend
	case gBimonth:
		return gMonth
	case gPOD:
		return gDay
	}
	return u
}

// fields sets f's explicit fields on p. a is the anchor (for month, season,
// weekday and holiday directions).
func (r *resolver) fields(f *frame, p point, a point, tense int8) (point, bool) {
	if f.finest() <= gYear && !f.ySet {
		return p, true
	}
	near := f.anchor == aNear && !f.ySet
	if near && r.hasDCT && r.dct.g >= gDay {
		// missing fields come from the document date
		a = r.dct
	}
	dir := f.dir
	if near && a.g < gMonth {
		dir = 0 // a reference year without a document date: "In 1998 ... in June"
	}
	rel := !f.ySet && !near // fields relative to a shifted point: this year's third quarter
	y := p.y
	if near || rel && (dir != 0 || !f.yearRel) && f.shiftU != gYear {
		y = a.y
	}
	switch {
	case f.q != 0:
		p = point{g: gQuarter, y: y, q: f.q}
		if near {
			// a quarter is talked about mostly after it ends ("expects to
			// report third-quarter results"): only a past tense moves it back
			p.y = nearYear(y, f.q, (a.month()-1)/3+1, 4, min(tense, 0))
		}
	case f.h != 0:
		p = point{g: gHalf, y: y, h: f.h}
		if near {
			p.y = nearYear(y, f.h, (a.month()-1)/6+1, 2, tense)
		}
	case f.s != 0:
		p = point{g: gSeason, y: y, s: f.s}
		if !f.ySet {
			// January and February belong to the winter that began the year before
			cy, cs := y, seasonOf(a.month())
			if a.month() <= 2 {
				cy--
			}
			p.y = dirYear(cy, f.s, cs, 4, dir, tense)
		}
	case f.holiday != 0:
		h := holidays[f.holiday-1]
		d, ok := holidayDate(h.month, h.day, h.rule, y)
		if !ok {
			return point{}, false
		}
		if !f.ySet {
			ad := a.date()
			// as for month and day: within three months the tense is not trusted
			const near = 96 * 24 * time.Hour
			switch {
			case dir == -1 && !d.Before(ad), dir == 2 && tense < 0 && d.Sub(ad) > near, dir == dirSince && d.After(ad):
				d, ok = holidayDate(h.month, h.day, h.rule, y-1)
			case dir == 1 && !d.After(ad), dir == 2 && tense > 0 && ad.Sub(d) > near:
				d, ok = holidayDate(h.month, h.day, h.rule, y+1)
			case dir == 2 && tense == 0:
				if d.Sub(ad) > 183*24*time.Hour {
					d, ok = holidayDate(h.month, h.day, h.rule, y-1)
				} else if ad.Sub(d) > 183*24*time.Hour {
					d, ok = holidayDate(h.month, h.day, h.rule, y+1)
				}
			}
			if !ok {
				return point{}, false
			}
		}
		p = pointOf(d, gDay)
	case f.m != 0:
		p = point{g: gMonth, y: y, m: f.m}
		if f.d != 0 {
			p.g, p.d = gDay, f.d
		}
		if !f.ySet && (near || dir != 0 || !f.yearRel) {
			if f.d != 0 {
				p.y = nearDayYear(y, f.m, f.d, a, dir, tense)
			} else {
				p.y = dirYear(y, f.m, a.month(), 12, dir, tense)
			}
		}
		if f.d > daysIn(f.m) || f.m == 2 && f.d == 29 && !isLeap(p.y) {
			return point{}, false
		}
	case f.wd != 0:
		if a.yx || a.g < gDay && a.g != gWeek && a.g != gWeekend {
			return point{}, false
		}
		ad := a.date()
		wd := (int(ad.Weekday())+6)%7 + 1
		var delta int
		switch dir {
		case dirSince:
			delta = -((wd - f.wd + 7) % 7)
		case -1:
			delta = -((wd-f.wd+7)%7 + 7*b2i((wd-f.wd+7)%7 == 0))
		case 1:
			delta = (f.wd-wd+7)%7 + 7*b2i((f.wd-wd+7)%7 == 0)
		case 0:
			delta = f.wd - wd // the same week
		default:
			if tense > 0 {
				delta = (f.wd - wd + 7) % 7
			} else {
				delta = -((wd - f.wd + 7) % 7)
			}
		}
		p = pointOf(ad.AddDate(0, 0, delta), gDay)
	case f.week:
		p = p.coarsen(gWeek)
	}
	if f.pod != 0 && p.g >= gDay {
		p.g, p.pod = gPOD, f.pod
	}
	if f.clock && p.g >= gDay {
		p.g, p.hh, p.mi, p.ss, p.hasSS = gMinute, f.hh, f.mi, f.ss, f.hasSS
		if f.hasSS {
			p.g = gSecond
		}
	}
	return p, true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// nearYear picks the year of a cyclic field v (quarter, half) near the
// anchor's cur by tense: a quarter after the current one in a past-tense
// sentence is last year's.
func nearYear(y, v, cur, n int, tense int8) int {
	switch {
	case tense < 0 && v > cur:
		return y - 1
	case tense > 0 && v < cur:
		return y + 1
	}
	return y
}

// dirYear picks the year of a cyclic field v (month 1-12 with n=12, season
// with n=4) relative to the anchor's cur: dir -1 the last one before, +1 the
// next one after, 0 this year's, 2 by tense (nearest when unknown).
func dirYear(y, v, cur, n int, dir, tense int8) int {
	// "last February" said in March is not the month just past (that is
	// "last month") but the February a year before; likewise "next April"
	// in March
	near := 0
	if n == 12 {
		near = 1
	}
	switch dir {
	case dirSince:
		if v > cur {
			return y - 1
		}
	case -1:
		if v >= cur-near {
			return y - 1
		}
	case 1:
		if v <= cur+near {
			return y + 1
		}
	case 2:
		// the next month in a past-tense sentence is still more likely
		// this year's ("planned for early March" written in February)
		gap := 1
		if n == 12 {
			gap = 2
		}
		switch {
		case tense < 0 && v-cur >= gap:
			return y - 1
		case tense > 0 && cur-v >= gap:
			return y + 1
		case tense == 0 && v-cur >= n/2:
			return y - 1
		case tense == 0 && cur-v > n/2+n/6:
			return y + 1
		}
	}
	return y
}

// nearDayYear picks the year of a month and day relative to the anchor.
func nearDayYear(y, m, d int, a point, dir, tense int8) int {
	if a.g < gMonth {
		return y
	}
	am, ad := a.m, a.d
	if a.g < gDay {
		ad = 15
	}
	cmp := (m*32 + d) - (am*32 + ad) // >0: after the anchor in the year
	switch dir {
	case dirSince:
		if cmp > 0 {
			return y - 1
		}
	case -1:
		if cmp >= 0 {
			return y - 1
		}
	case 1:
		if cmp <= 0 {
			return y + 1
		}
	case 2:
		// within about three months of the anchor the tense is not trusted:
		// "returned to his father by Jan. 14" written on January 6 is this
		// January, whatever "returned" says
		const near = 3 * 32
		switch {
		case tense < 0 && cmp > near:
			return y - 1
		case tense > 0 && cmp < -near:
			return y + 1
		case tense == 0 && m-am >= 6:
			return y - 1
		case tense == 0 && am-m > 6:
			return y + 1
		}
	}
	return y
}

// holidayDate computes a holiday in year y.
func holidayDate(month, day int, rule string, y int) (time.Time, bool) {
	if month != 0 {
		return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC), true
	}
	nth := func(m time.Month, wd time.Weekday, n int) time.Time {
		t := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
		for t.Weekday() != wd {
			t = t.AddDate(0, 0, 1)
		}
		return t.AddDate(0, 0, 7*(n-1))
	}
	last := func(m time.Month, wd time.Weekday) time.Time {
		t := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
		for t.Weekday() != wd {
			t = t.AddDate(0, 0, -1)
		}
		return t
	}
	switch rule {
	case "thanksgiving":
		return nth(time.November, time.Thursday, 4), true
	case "labor":
		return nth(time.September, time.Monday, 1), true
	case "memorial":
		return last(time.May, time.Monday), true
	case "mlk":
		return nth(time.January, time.Monday, 3), true
	case "presidents":
		return nth(time.February, time.Monday, 3), true
	case "columbus":
		return nth(time.October, time.Monday, 2), true
	case "mothers":
		return nth(time.May, time.Sunday, 2), true
	case "fathers":
		return nth(time.June, time.Sunday, 3), true
	case "election":
		// the Tuesday after the first Monday in November
		return nth(time.November, time.Monday, 1).AddDate(0, 0, 1), true
	case "inauguration":
		return time.Date(y, 1, 20, 0, 0, 0, 0, time.UTC), true
	case "easter", "goodfriday":
		e := easter(y)
		if rule == "goodfriday" {
			e = e.AddDate(0, 0, -2)
		}
		return e, true
	}
	return time.Time{}, false
}

// easter computes Western Easter Sunday (anonymous Gregorian algorithm).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}
