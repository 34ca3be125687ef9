package timex

import "strings"

// expr parses the longest temporal expression starting at token i.
func (p *parser) expr(i int) (frame, int) {
	var best frame
	end := i
	keep := func(f frame, j int) {
		if j > end {
			best, end = f, j
		}
	}
	if p.is(i, cApprox) {
		keep(p.approx(i))
	}
	keep(p.modified(i))
	keep(p.core(i))
	return best, end
}

// core parses an unmodified expression and the words that may follow it
// (ago, earlier, or so; a time after a date; a date after a time).
func (p *parser) core(i int) (frame, int) {
	var best frame
	end := i
	// recognisers nest ("the week of" a date, "nearly" a duration): a
	// bound keeps pathological input ("the week of the week of ...") linear
	if p.depth >= maxDepth {
		return best, end
	}
	p.depth++
	defer func() { p.depth-- }()
	keep := func(f frame, j int) {
		if j > end {
			best, end = f, j
		}
	}
	t := p.tok(i)
	if t.kind == kNum {
		keep(p.numericDate(i))
		keep(p.clock(i))
		keep(p.dayFirst(i))
		keep(p.yearExpr(i))
		keep(p.quarterExpr(i))
		keep(p.duration(i))
		keep(p.centuryExpr(i))
	} else if t.kind == kWord {
		if t.lx.cls&cStart == 0 {
			return best, end
		}
		keep(p.refWord(i))
		keep(p.relDay(i))
		keep(p.detX(i))
		keep(p.monthExpr(i))
		keep(p.weekdayExpr(i))
		keep(p.seasonExpr(i))
		keep(p.quarterExpr(i))
		keep(p.yearExpr(i))
		keep(p.centuryExpr(i))
		keep(p.duration(i))
		keep(p.clock(i))
		keep(p.setExpr(i))
		keep(p.holidayExpr(i))
		keep(p.dayFirst(i))
		keep(p.earlierLater(i))
		keep(p.yearAgo(i))
		keep(p.yearEnd(i))
	} else if p.punct(i, '\'') {
		keep(p.yearExpr(i))
	}
	if end <= i {
		return best, end
	}
	best, end = p.combine(best, i, end)
	return p.suffix(best, i, end)
}

// ---- prefixes ----

// approx parses "about two years", "more than four hours", "at least the past
// 18 months", "around 7:15 p.m.".
func (p *parser) approx(i int) (frame, int) {
	var mod string
	j := i
	pointOK := false // may modify a point in time, not only an amount
	// TimeML annotators leave "about", "almost" and "over" outside the
	// expression more often than not (they read as prepositions or hedges),
	// except before "... ago" and "over a week"; "around", "nearly", "more
	// than", "at least", "up to" go inside.
	agoOnly := false
	switch p.w(i) {
	case wAbout:
		mod, j, agoOnly = "APPROX", i+1, true
	case wAlmost:
		mod, j, agoOnly = "LESS_THAN", i+1, true
	case wOver:
		mod, j, agoOnly = "MORE_THAN", i+1, true
		if p.w(j) == wA || p.w(j) == wAn {
			agoOnly = false
		}
	case wJust:
		switch p.w(i + 1) {
		case wOver:
			mod, j = "MORE_THAN", i+2
		case wUnder:
			mod, j = "LESS_THAN", i+2
		case wAbout:
			mod, j = "APPROX", i+2
		default:
			return frame{}, i
		}
		agoOnly = true
	case wAround, wApproximately, wRoughly:
		mod, j, pointOK = "APPROX", i+1, true
	case wSome:
		mod, j = "APPROX", i+1
	case wNearly:
		mod, j, pointOK = "APPROX", i+1, true
	case wMore:
		if p.w(i+1) != wThan {
			return frame{}, i
		}
		mod, j = "MORE_THAN", i+2
	case wLess:
		if p.w(i+1) != wThan {
			return frame{}, i
		}
		mod, j = "LESS_THAN", i+2
	case wAt:
		switch p.w(i + 1) {
		case wLeast:
			mod, j = "EQUAL_OR_MORE", i+2
		case wMost:
			mod, j = "EQUAL_OR_LESS", i+2
		default:
			return frame{}, i
		}
	case wUp:
		if p.w(i+1) != wTo {
			return frame{}, i
		}
		mod, j = "EQUAL_OR_LESS", i+2
	case wNo:
		switch {
		case p.w(i+1) == wMore && p.w(i+2) == wThan:
			mod, j = "EQUAL_OR_LESS", i+3
		case p.w(i+1) == wLess && p.w(i+2) == wThan:
			mod, j = "EQUAL_OR_MORE", i+3
		default:
			return frame{}, i
		}
	default:
		return frame{}, i
	}
	// nested: "nearly two weeks ago", "more than four decades ago" parse as core
	f, k := p.core(j)
	if k <= j {
		return frame{}, i
	}
	if agoOnly && p.w(k-1) != wAgo {
		return frame{}, i
	}
	switch {
	case f.val != "" && f.typ == tDate && !f.clock && p.w(k-1) != wAgo:
		// refs: "about now" keeps "now" alone
		return frame{}, i
	case f.typ == tDuration:
		if p.w(j) == wThe && mod != "EQUAL_OR_MORE" {
			return frame{}, i // "over the past three years": "over" is a preposition
		}
	case f.typ == tSet:
		return frame{}, i
	default:
		ago := p.w(k-1) == wAgo || p.w(k-1) == wEarlier || p.w(k-1) == wLater
		if !pointOK && !ago {
			return frame{}, i
		}
		if p.w(j) == wThe || p.w(j) == wThis || p.w(j) == wLast || p.w(j) == wNext || f.wd != 0 && !f.clock {
			return frame{}, i // "around the end of the year", "get around Wednesday's ruling": a preposition
		}
		if f.shiftU != 0 && f.anchor != aAbs && !f.clock && !ago && p.w(k-1) != wEnd {
			return frame{}, i
		}
	}
	if f.mod == "" || f.typ != tDuration {
		f.mod = mod
	}
	return f, k
}

// modPrefix parses early, late, mid(-), the end of, the beginning of...
func (p *parser) modPrefix(i int) (string, int) {
	switch p.w(i) {
	case wEarly:
		return "START", i + 1
	case wLate:
		return "END", i + 1
	case wMid:
		if p.hyphen(i + 1) {
			return "MID", i + 2
		}
		return "MID", i + 1
	case wThe:
		k := i + 1
		switch p.w(k) {
		case wEnd, wClose:
			if p.w(k+1) == wOf {
				return "END", k + 2
			}
		case wBeginning, wStart:
			if p.w(k+1) == wOf {
				return "START", k + 2
			}
		case wMiddle:
			if p.w(k+1) == wOf {
				return "MID", k + 2
			}
		case wEarly:
			if p.lit(k+1, "part") && p.w(k+2) == wOf {
				return "START", k + 3
			}
			return "START", k + 1
		case wLate:
			if p.lit(k+1, "part") && p.w(k+2) == wOf {
				return "END", k + 3
			}
			return "END", k + 1
		case wMid:
			if p.hyphen(k + 1) {
				return "MID", k + 2
			}
			return "MID", k + 1
		}
		if p.lit(k, "latter") && p.lit(k+1, "part") && p.w(k+2) == wOf {
			return "END", k + 3
		}
	case wEnd:
		if p.hyphen(i + 1) {
			return "END", i + 2
		}
	}
	switch {
	case p.lit(i, "post") && p.hyphen(i+1):
		return "AFTER", i + 2
	case p.lit(i, "pre") && p.hyphen(i+1):
		return "BEFORE", i + 2
	case p.lit(i, "sometime"):
		return "-", i + 1
	}
	return "", i
}

// modified parses a date with a modifier prefix: late January, the end of
// 1990, mid-1996, the early 1980s.
func (p *parser) modified(i int) (frame, int) {
	mod, j := p.modPrefix(i)
	if j <= i {
		return frame{}, i
	}
	// "the first half of 1990" style prefixes are in quarterExpr
	f, k := p.core(j)
	if k <= j {
		// early morning, mid afternoon, late evening: a part of today
		if pod, e := p.podWord(j); e > j && mod != "-" && mod != "AFTER" && mod != "BEFORE" && p.w(j-1) != wThe {
			// "mid-afternoon yesterday", "late Friday night" is in weekdayExpr
			if g, e2 := p.relDay(e); e2 > e && g.pod == 0 && g.typ == tDate {
				g.typ, g.pod, g.mod = tTime, pod, mod
				return g, e2
			}
			return frame{typ: tTime, anchor: aDCT, shiftU: gDay, pod: pod, mod: mod}, e
		}
		return frame{}, i
	}
	if !f.isDate() || f.val != "" && f.typ != tTime {
		return frame{}, i
	}
	// "early" on a clock time or another modifier is not a date modifier
	if f.clock || f.mod != "" && f.mod != mod {
		return frame{}, i
	}
	// a bare "late" + weekday name needs a capital-free reading: "late Friday" yes
	if mod == "-" {
		mod = f.mod // "sometime next year": no modifier of its own
	}
	f.mod = mod
	if f.pod == 0 && (p.w(j) == wAfternoon || p.w(j) == wMorning || p.w(j) == wEvening || p.w(j) == wNight) {
		f.typ = tTime
	}
	return f, k
}

// ---- atoms ----

// refWord parses now, currently, recently, the future, the past...
func (p *parser) refWord(i int) (frame, int) {
	ref := func(v string, j int) (frame, int) {
		return frame{typ: tDate, val: v, noRef: true}, j
	}
	switch p.w(i) {
	case wNow:
		if p.punct(i+1, '-') {
			return frame{}, i
		}
		return ref("PRESENT_REF", i+1)
	case wCurrently, wNowadays:
		return ref("PRESENT_REF", i+1)
	case wCurrent:
		// "current market conditions": an adjective that dates its noun; not "current account"
		n := p.tok(i + 1)
		if n.kind == kWord && n.lx.cls&(cUnit|cSeason|cMonth) == 0 && n.lx.w != wFiscal && !p.lit(i+1, "account") && !p.lit(i+1, "accounts") {
			return ref("PRESENT_REF", i+1)
		}
	case wRecently, wLately:
		return ref("PAST_REF", i+1)
	case wMore:
		if p.w(i+1) == wRecently {
			return ref("PAST_REF", i+2)
		}
	// "previously", "soon", "recent" and the adjective "future" are left out:
	// annotators mark them too rarely for them to pay.
	case wThe:
		switch p.w(i + 1) {
		case wFuture:
			return ref("FUTURE_REF", i+2)
		case wNear:
			if p.w(i+2) == wFuture || p.w(i+2) == wTerm {
				return ref("FUTURE_REF", i+3)
			}
		case wPast:
			n := p.tok(i + 2)
			if n.lx.cls&(cUnit|cNum|cSeason|cMonth|cWeekday|cPOD) == 0 && n.kind != kNum && n.lx.w != wFew && n.lx.w != wSeveral && n.lx.w != wCouple && n.lx.w != wMany && n.lx.w != wA {
				return ref("PAST_REF", i+2)
			}
		case wPresent:
			return ref("PRESENT_REF", i+2)
		case wShort, wLong:
			if p.w(i+2) == wTerm {
				if p.w(i+1) == wShort {
					return ref("FUTURE_REF", i+3)
				}
				return ref("FUTURE_REF", i+3)
			}
		}
	case wThese:
		if p.w(i+1) == wDays {
			return ref("PRESENT_REF", i+2)
		}
	}
	if p.lit(i, "right") && p.w(i+1) == wNow {
		return ref("PRESENT_REF", i+2)
	}
	// "at a later date", "as soon as possible": the vague future
	if (p.w(i) == wA || p.w(i) == wAn) && (p.w(i+1) == wLater || p.w(i+1) == wFuture) && p.w(i+2) == wDate {
		return ref("FUTURE_REF", i+3)
	}
	if p.w(i) == wAs && p.w(i+1) == wSoon && p.w(i+2) == wAs && p.lit(i+3, "possible") {
		return ref("FUTURE_REF", i+4)
	}
	// "will one day be": some day in the future
	if (p.lit(i-1, "will") || p.lit(i-1, "would") || p.lit(i-1, "could") || p.lit(i-1, "may") || p.lit(i-1, "might") || p.lit(i-1, "can")) &&
		p.lit(i, "one") && p.w(i+1) == wDay {
		return ref("FUTURE_REF", i+2)
	}
	// "over the years": an unknown stretch
	if p.w(i) == wThe && p.lit(i+1, "years") && (p.w(i-1) == wOver || p.lit(i-1, "through")) {
		return frame{typ: tDuration, val: "PXY", noRef: true}, i + 2
	}
	// "for a while": an unknown stretch
	if p.w(i) == wA && p.w(i+1) == wWhile && p.w(i-1) == wFor {
		return frame{typ: tDuration, val: "PXX", noRef: true}, i + 2
	}
	// "overnight losses": the night before
	if p.w(i) == wOvernight {
		return frame{typ: tTime, anchor: aRef, shiftU: gDay, shiftN: -1, pod: podNI, noRef: true}, i + 1
	}
	return frame{}, i
}

// relDay parses today, yesterday, tomorrow, tonight, optionally with a part
// of day: yesterday afternoon.
func (p *parser) relDay(i int) (frame, int) {
	f := frame{typ: tDate, anchor: aDCT, shiftU: gDay}
	if p.titled(i) {
		return frame{}, i // "USA Today", "VOA Today": a name
	}
	switch p.w(i) {
	case wToday:
	case wYesterday:
		f.shiftN = -1
	case wTomorrow:
		f.shiftN = 1
	case wTonight:
		f.typ, f.pod = tTime, podNI
		return f, i + 1
	case wThe:
		// the day before yesterday, the day after tomorrow
		if p.w(i+1) == wDay && p.w(i+2) == wBefore && p.w(i+3) == wYesterday {
			f.shiftN = -2
			return f, i + 4
		}
		if p.w(i+1) == wDay && p.w(i+2) == wAfter && p.w(i+3) == wTomorrow {
			f.shiftN = 2
			return f, i + 4
		}
		return frame{}, i
	default:
		return frame{}, i
	}
	j := i + 1
	if n := p.tok(j); n.kind == kWord && n.lx.cls&cPOD != 0 && n.lx.cls&cPlural == 0 && n.lx.val != 0 {
		f.typ, f.pod = tTime, int(n.lx.val)
		j++
	}
	return f, j
}

// podWord parses a part of day for combinations: morning, night...
func (p *parser) podWord(i int) (int, int) {
	t := p.tok(i)
	if t.kind == kWord && t.lx.cls&cPOD != 0 && t.lx.cls&cPlural == 0 {
		return int(t.lx.val), i + 1
	}
	return 0, i
}

// detX parses a determiner or shifter and what it shifts: last week, this
// year, next month, the following day, the previous Friday, last March, this
// summer, the past year, that day, these days.
func (p *parser) detX(i int) (frame, int) {
	j := i
	the := false
	if p.w(j) == wThe {
		the = true
		j++
	}
	d := p.w(j)
	if the && !p.is(j, cDet) {
		return p.theUnit(i, j)
	}
	if !p.is(j, cDet) {
		return frame{}, i
	}
	if d == wThese || d == wThose {
		return frame{}, i
	}
	k := j + 1
	// this coming Sunday, this past weekend, that same day
	thatSame := d == wThat && p.w(k) == wSame
	if d == wThis && (p.w(k) == wComing || p.w(k) == wPast) || thatSame {
		d = p.w(k)
		k++
	}
	f := frame{typ: tDate}
	if p.w(k) == wFiscal {
		f.fiscal = true
		k++
	}
	// what the determiner says about the anchor and the direction
	var shift int
	anc := aDCT
	switch d {
	case wThis, wCurrent:
		if the && d == wThis {
			return frame{}, i
		}
	case wLast, wPast:
		shift = -1
	case wNext, wComing, wUpcoming:
		shift = 1
		if the && d == wNext {
			anc = aRef
		}
	case wFollowing:
		if !the {
			return frame{}, i
		}
		shift, anc = 1, aRef
	case wPrevious, wPreceding, wPrior:
		shift, anc = -1, aRef
	case wSame:
		if !the && !thatSame {
			return frame{}, i
		}
		anc = aRef
	case wThat:
		if the {
			return frame{}, i
		}
		anc = aRef
	case wLatest:
		if !the {
			return frame{}, i
		}
		anc = aRef
	case wRecent:
		// recent weeks: an unknown stretch just past; "recent years" is
		// annotated as the vague past more often than as a duration
		if g, pl, e := p.unit(k); e > k && pl {
			if g == gYear {
				return frame{typ: tDate, val: "PAST_REF", noRef: true}, e
			}
			return frame{typ: tDuration, val: durValue(-1, g, false), noRef: true}, e
		}
		return frame{}, i
	default:
		return frame{}, i
	}
	t := p.tok(k)
	// "the past year" is a date, but "the past three years" a duration: numbers go to duration()
	switch {
	case t.kind == kWord && t.lx.cls&cUnit != 0:
		if p.titled(k) {
			return frame{}, i // ABC's "This Week": a title
		}
		g := gran(t.lx.val)
		if t.lx.cls&cPlural != 0 {
			// "the coming weeks", "the past months": a vague stretch
			if d == wComing || d == wNext || d == wUpcoming {
				return frame{typ: tDuration, val: durValue(-1, g, false), noRef: true}, k + 1
			}
			if d == wPast || d == wLast {
				if g == gYear && !the {
					return frame{typ: tDate, val: "PAST_REF", noRef: true}, k + 1 // "in past years"
				}
				return frame{typ: tDuration, val: durValue(-1, g, false), noRef: true}, k + 1
			}
			return frame{}, i
		}
		if g == gMinute || g == gSecond || g == gHour {
			return frame{}, i
		}
		if d == wLatest && g == gYear {
			// "the latest fiscal year": the last one completed
			return frame{typ: tDate, anchor: aDCT, shiftU: gYear, shiftN: -1, fiscal: f.fiscal}, k + 1
		}
		if d == wLatest && g != gQuarter && !p.lit(k, "period") {
			return frame{}, i
		}
		f.anchor, f.shiftU, f.shiftN = anc, g, shift
		if g == gWeekend {
			f.shiftU, f.weekend = gWeek, true
		}
		if g == gFortnight {
			f.shiftU = gWeek
		}
		if g == gQuarter && (d == wLatest || d == wThis && p.w(i-1) != wOf || d == wCurrent) {
			// the quarter being reported; "this quarter" in news about results is the current one
			if d == wLatest {
				f.quarterRef = true
			}
		}
		if anc == aRef && (d == wNext || d == wFollowing || d == wPrevious || d == wPreceding || d == wPrior) && g >= gDay {
			f.noRef = true
		}
		return p.afterDet(f, k+1)
	case t.kind == kWord && t.lx.cls&cPOD != 0 && t.lx.cls&cPlural == 0:
		// this morning, last night, tomorrow night is in relDay
		pod := int(t.lx.val)
		f.typ, f.anchor, f.shiftU, f.pod = tTime, anc, gDay, pod
		switch d {
		case wThis:
		case wLast:
			if pod != podNI && pod != podEV {
				return frame{}, i // "last morning" is not idiomatic
			}
			f.shiftN = -1
			if pod == podEV {
				f.shiftN = -1
			}
		case wThat, wSame:
		case wNext, wFollowing:
			f.shiftN = 1
		case wPrevious:
			f.shiftN = -1
		default:
			return frame{}, i
		}
		return f, k + 1
	case t.lx.w == wPeriod:
		// "the same time", "this time" are rarely annotated and left out
		switch {
		case d == wLatest && t.lx.w == wPeriod:
			f.anchor, f.shiftU, f.quarterRef = aRef, gQuarter, true
			return f, k + 1
		}
		return frame{}, i
	}
	if the && d != wPrevious && d != wFollowing && d != wSame && d != wPreceding && d != wLast && d != wPast {
		// "the next Friday" and the like are rare; let other rules decide
		return frame{}, i
	}
	// months, seasons, weekdays, holidays: the previous/next/this one
	dir := int8(0)
	switch d {
	case wLast, wPast, wPrevious, wPreceding, wPrior:
		dir = -1
	case wNext, wComing, wUpcoming, wFollowing:
		dir = 1
	case wThis:
		dir = 0
	case wThat, wSame:
		dir = 0
	default:
		return frame{}, i
	}
	if m, e := p.month(k); e > k {
		if p.dayAfterMonth(e) {
			return frame{}, i // "last March 13" is rare; let monthExpr take "March 13"
		}
		f.anchor, f.m, f.dir = anc, m, dir
		return f, e
	}
	if t.kind == kWord && t.lx.cls&cSeason != 0 && t.lx.cls&cPlural == 0 {
		f.anchor, f.s, f.dir = anc, int(t.lx.val), dir
		return f, k + 1
	}
	if w, e := p.weekdayName(k); e > k {
		f.anchor, f.wd, f.dir = anc, w, dir
		if d == wThis && dir == 0 {
			f.dir = 2 // "this Friday": the one in this week, by tense
		}
		e2 := e
		if pod, e3 := p.podWord(e2); e3 > e2 {
			f.typ, f.pod, e2 = tTime, pod, e3
		}
		return f, e2
	}
	if h, e := p.holidayName(k); e > k {
		f.anchor, f.holiday, f.dir = anc, h, dir
		return f, e
	}
	return frame{}, i
}

// theUnit parses "the" and a bare calendar unit, which news uses for the
// period under discussion: the quarter (being reported), the year (ended
// Sept. 30), the weekend, the week, the month, the day, the morning.
func (p *parser) theUnit(i, j int) (frame, int) {
	adj := false
	for p.w(j) == wFiscal || p.w(j) == wFull || p.w(j) == wWhole || p.w(j) == wEntire || p.lit(j, "corresponding") || p.lit(j, "comparable") || p.w(j) == wSame {
		j++
		adj = true
	}
	t := p.tok(j)
	if t.kind != kWord || t.lx.cls&cPlural != 0 {
		return frame{}, i
	}
	e := j + 1
	// "the year ended Sept. 30": a stretch of time, not a calendar year
	ended := p.w(e) == wEnded || p.w(e) == wEnding || p.lit(e, "ends") || p.lit(e, "through")
	if p.punct(e, '-') || p.punct(e, '\'') && (p.w(e+2) == wEnd || t.lx.w == wYear) {
		return frame{}, i // "the year's end", "the year-ago": other rules
	}
	// the morning, the afternoon: a part of the day being told about
	if t.lx.cls&cPOD != 0 && !adj && t.lx.w != wNight && t.lx.w != wOvernight && t.lx.w != wDawn {
		return frame{typ: tTime, anchor: aRef, shiftU: gDay, pod: int(t.lx.val), noRef: true}, e
	}
	if t.lx.cls&cUnit != 0 && gran(t.lx.val) == gQuarter || p.w(j) == wPeriod && adj {
		// "the quarter a year ago", "the corresponding period last year"
		k := e
		if (p.w(k) == wA || p.w(k) == wAn) && p.w(k+1) == wYear && (p.w(k+2) == wAgo || p.w(k+2) == wEarlier) {
			k += 3
		} else if p.w(k) == wLast && p.w(k+1) == wYear {
			k += 2
		}
		if k > e {
			return frame{typ: tDate, anchor: aRef, shiftU: gYear, shiftN: -1, keep: true, quarterRef: true, noRef: true}, k
		}
	}
	if t.lx.cls&cUnit != 0 {
		g := gran(t.lx.val)
		switch g {
		case gQuarter:
			if ended {
				return frame{typ: tDate, anchor: aRef, shiftU: gQuarter, quarterRef: true}, e
			}
			return frame{typ: tDate, anchor: aRef, shiftU: gQuarter, quarterRef: true, noRef: true}, e
		case gYear:
			if ended {
				return frame{typ: tDuration, val: "P1Y", noRef: true}, e
			}
			// the current (fiscal) year of the news
			return frame{typ: tDate, anchor: aDCT, shiftU: gYear, noRef: true}, e
		case gWeekend:
			if adj {
				return frame{}, i
			}
			return frame{typ: tDate, anchor: aDCT, shiftU: gWeek, weekend: true, dir: 2, noRef: true}, e
		case gWeek, gMonth:
			if adj || ended {
				return frame{}, i
			}
			// "the week of March 6": the week that holds the date
			if g == gWeek && p.w(e) == wOf {
				if d, e2 := p.core(e + 1); e2 > e+1 && d.isDate() && d.val == "" && d.finest() == gDay {
					d.gran, d.typ = gWeek, tDate
					return d, e2
				}
			}
			return frame{typ: tDate, anchor: aRef, shiftU: g, noRef: true}, e
		}
		return frame{}, i
	}
	return frame{}, i
}

// afterDet extends "this year" with "'s third quarter" and the like.
func (p *parser) afterDet(f frame, j int) (frame, int) {
	if p.punct(j, '\'') && p.lit(j+1, "s") && p.glued(j) && f.shiftU == gYear {
		k := j + 2
		if p.w(k) == wFiscal {
			k++
		}
		if q, e := p.ordinal(k); e > k && q >= 1 && q <= 4 && p.lit(e, "quarter") {
			f.q, f.yearRel = q, true
			return f, e + 1
		}
		if p.lit(k, "quarter") {
			// "last year's quarter": the same quarter a year before the reported one
			f.anchor, f.keep, f.shiftU = aRef, true, gYear
			f.quarterRef = true
			return f, k + 1
		}
		if q, e := p.ordinal(k); e > k && q >= 1 && q <= 2 && p.w(e) == wHalf {
			f.h, f.yearRel = q, true
			return f, e + 1
		}
	}
	return f, j
}

// dayAfterMonth reports whether a day number follows a month at j.
func (p *parser) dayAfterMonth(j int) bool {
	d, e := p.dayNum(j)
	return e > j && d > 0 && !(p.tok(j).kind == kNum && p.tok(j+1).lx.cls&cUnit != 0)
}

// weekdayName parses a weekday name (singular): value and index after.
func (p *parser) weekdayName(i int) (int, int) {
	t := p.tok(i)
	if t.kind != kWord || t.lx.cls&cWeekday == 0 || t.lx.cls&cPlural != 0 {
		return 0, i
	}
	if t.lx.cls&cAbbr != 0 {
		// Wed., Fri, Sat: only with a capital and a date or comma after
		if !t.has(fCap) {
			return 0, i
		}
		j := i + 1
		if p.punct(j, '.') && p.glued(j) {
			j++
		}
		if p.punct(j, ',') {
			if _, e := p.month(j + 1); e > j+1 {
				return int(t.lx.val), j
			}
			if p.tok(j+1).kind == kNum {
				return int(t.lx.val), j
			}
			return 0, i
		}
		if _, e := p.month(j); e > j {
			return int(t.lx.val), j
		}
		if p.tok(j).kind == kNum && j > i+1 {
			return int(t.lx.val), j
		}
		return 0, i
	}
	return int(t.lx.val), i + 1
}

// holidayName parses a named day: Christmas, Thanksgiving (Day), New Year's Day.
func (p *parser) holidayName(i int) (int, int) {
	t := p.tok(i)
	if t.kind != kWord || t.lx.cls&cHoliday == 0 || !t.has(fCap) {
		return 0, i
	}
	best, end := 0, i
	for hi := range holidays {
		h := &holidays[hi]
		if !p.lit(i, h.first) {
			continue
		}
		j := i + 1
		ok := true
		for _, r := range h.rest {
			if r == "'" {
				if !p.punct(j, '\'') {
					ok = false
					break
				}
			} else if !p.lit(j, r) || !p.tok(j).has(fCap) && r != "s" {
				ok = false
				break
			}
			j++
		}
		if !ok {
			continue
		}
		if len(h.rest) == 0 && p.lit(j, "day") {
			j++
		}
		if j > end {
			best, end = hi+1, j
		}
	}
	return best, end
}

func (p *parser) holidayExpr(i int) (frame, int) {
	h, j := p.holidayName(i)
	if j <= i {
		return frame{}, i
	}
	f := frame{typ: tDate, anchor: aNear, holiday: h, dir: 2}
	if p.w(j) == wWeek {
		// "Easter week": the week of the holiday
		f.gran = gWeek
		return f, j + 1
	}
	if y, g, e := p.yearNum(j); e > j && g == gYear {
		f.anchor, f.y, f.ySet = aAbs, y, true
		j = e
	} else if p.punct(j, ',') {
		if y, g, e := p.yearNum(j + 1); e > j+1 && g == gYear {
			f.anchor, f.y, f.ySet = aAbs, y, true
			j = e
		}
	}
	return f, j
}

// monthExpr parses March, March 13, March 13, 2017, Jan. 20, July 1997,
// March of 1997, January this year, June last year, March eighth.
func (p *parser) monthExpr(i int) (frame, int) {
	m, j := p.month(i)
	if j <= i {
		return frame{}, i
	}
	f := frame{typ: tDate, anchor: aNear, m: m, dir: 2}
	if d, e := p.dayNum(j); e > j && p.tok(j).lx.cls&cUnit == 0 && !(p.tok(j).kind == kNum && p.tok(e).lx.cls&cUnit != 0) {
		if d > daysIn(m) {
			return frame{}, i
		}
		f.d = d
		j = e
		// March 13, 2017 / March 13 2017
		k := j
		if p.punct(k, ',') {
			k++
		}
		if y, g, e := p.yearNum(k); e > k && g == gYear && !p.numGluedAfter(e) {
			f.anchor, f.y, f.ySet = aAbs, y, true
			return f, e
		}
		if y, e := p.spokenYear(k); e > k {
			f.anchor, f.y, f.ySet = aAbs, y, true
			return f, e
		}
		return f, j
	}
	// July 1997, March of 1997, July '97
	k := j
	if p.w(k) == wOf || p.punct(k, ',') {
		k++
	}
	if y, g, e := p.yearNum(k); e > k && g == gYear && !p.numGluedAfter(e) {
		f.anchor, f.y, f.ySet = aAbs, y, true
		return f, e
	}
	if y, e := p.spokenYear(k); e > k {
		f.anchor, f.y, f.ySet = aAbs, y, true
		return f, e
	}
	// January this year, June last year, March next year
	if (p.w(j) == wThis || p.w(j) == wLast || p.w(j) == wNext) && p.w(j+1) == wYear {
		f.anchor, f.shiftU, f.yearRel = aDCT, gYear, true
		switch p.w(j) {
		case wLast:
			f.shiftN = -1
		case wNext:
			f.shiftN = 1
		}
		f.dir = 0
		return f, j + 2
	}
	// a bare month name: "may" and "march" were checked; "August" alone is fine
	return f, j
}

func daysIn(m int) int {
	switch m {
	case 2:
		return 29
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// dayFirst parses 13 March 2017, the 6th of April, 6 April.
func (p *parser) dayFirst(i int) (frame, int) {
	j := i
	the := false
	if p.w(j) == wThe {
		the = true
		j++
	}
	d, e := p.dayNum(j)
	if e <= j {
		return frame{}, i
	}
	if the && p.tok(j).flags&fOrd == 0 && p.tok(j).lx.cls&cOrd == 0 {
		return frame{}, i
	}
	k := e
	of := false
	if p.w(k) == wOf {
		of = true
		k++
	}
	if of && p.tok(j).kind == kNum && p.tok(j).flags&fOrd == 0 {
		return frame{}, i
	}
	if p.tok(j).kind == kWord && !the && !of {
		return frame{}, i // "first March" is not a date
	}
	m, e2 := p.month(k)
	if e2 <= k || d > daysIn(m) {
		return frame{}, i
	}
	// "13 March": a number right before a month name could be a count ("3 May
	// elections" is rare); accept
	f := frame{typ: tDate, anchor: aNear, m: m, d: d, dir: 2}
	k = e2
	if p.punct(k, ',') {
		k++
	}
	if y, g, e3 := p.yearNum(k); e3 > k && g == gYear && !p.numGluedAfter(e3) {
		f.anchor, f.y, f.ySet = aAbs, y, true
		return f, e3
	}
	return f, e2
}

// weekdayExpr parses Friday, Saturday, April 25, Friday morning, Mondays,
// Tuesday nights.
func (p *parser) weekdayExpr(i int) (frame, int) {
	t := p.tok(i)
	if t.kind != kWord || t.lx.cls&cWeekday == 0 {
		return frame{}, i
	}
	if t.lx.cls&cPlural != 0 {
		// Mondays, Tuesday nights: a set
		if t.lx.cls&cAbbr != 0 || !t.has(fCap) {
			return frame{}, i
		}
		v := "XXXX-WXX-" + string(rune('0'+t.lx.val))
		return frame{typ: tSet, val: v, noRef: true}, i + 1
	}
	wd, j := p.weekdayName(i)
	if j <= i {
		return frame{}, i
	}
	// Tuesday nights (a set)
	if n := p.tok(j); n.kind == kWord && n.lx.cls&cPOD != 0 && n.lx.cls&cPlural != 0 {
		return frame{typ: tSet, val: "XXXX-WXX-" + string(rune('0'+wd)) + "T" + podCode[n.lx.val], noRef: true}, j + 1
	}
	// "Monday and Tuesday nights": both are sets
	if (p.w(j) == wAnd || p.w(j) == wOr) && p.is(j+1, cWeekday) && !p.is(j+3, cWeekday) {
		if g, e := p.weekdayExpr(j + 1); e > j+1 && g.typ == tSet && strings.HasPrefix(g.val, "XXXX-WXX-") {
			return frame{typ: tSet, val: "XXXX-WXX-" + string(rune('0'+wd)) + g.val[len("XXXX-WXX-")+1:], noRef: true}, j
		}
	}
	f := frame{typ: tDate, anchor: aNear, wd: wd, dir: 2}
	// Saturday, April 25 (, 1998)
	k := j
	if p.punct(k, ',') {
		k++
	}
	if g, e := p.monthExpr(k); e > k && g.d != 0 {
		g.wd = 0
		return g, e
	}
	if g, e := p.dayFirst(k); e > k && k > j {
		return g, e
	}
	// Friday the 13th
	if p.w(j) == wThe {
		if d, e := p.dayNum(j + 1); e > j+1 && (p.tok(j+1).flags&fOrd != 0 || p.tok(j+1).lx.cls&cOrd != 0) {
			f.d = d
			return f, e
		}
	}
	// Friday morning
	if pod, e := p.podWord(j); e > j {
		f.typ, f.pod = tTime, pod
		return f, e
	}
	return f, j
}

// seasonExpr parses summer, the summer of 1998, summer 1998, the winter of
// nineteen ninety-four.
func (p *parser) seasonExpr(i int) (frame, int) {
	j := i
	the := false
	if p.w(j) == wThe {
		the = true
		j++
	}
	t := p.tok(j)
	if t.kind != kWord || t.lx.cls&cSeason == 0 {
		return frame{}, i
	}
	f := frame{typ: tDate, anchor: aNear, s: int(t.lx.val), dir: 2}
	k := j + 1
	if t.lx.cls&cPlural != 0 {
		return frame{}, i
	}
	e := k
	if p.w(e) == wOf {
		e++
	}
	if y, g, e2 := p.yearNum(e); e2 > e && g == gYear {
		f.anchor, f.y, f.ySet = aAbs, y, true
		return f, e2
	}
	if y, e2 := p.spokenYear(e); e2 > e {
		f.anchor, f.y, f.ySet = aAbs, y, true
		return f, e2
	}
	// "fall" and "spring" are verbs and nouns too: need "the" or a year or a preposition before
	if (t.lx.val == 3 && p.lit(j, "fall") || t.lx.val == 1 && p.lit(j, "spring")) && !the {
		switch p.w(i - 1) {
		case wIn, wThis, wLast, wNext, wBy, wUntil, wSince, wDuring, wEarly, wLate, wMid, wOf:
		default:
			return frame{}, i
		}
	}
	if p.tok(k).kind == kWord && p.tok(k).lx.cls&(cUnit) == 0 && !p.tok(k).has(fCap) && (p.lit(k, "break") || p.lit(k, "camp") || p.lit(k, "olympics") || p.lit(k, "games") || p.lit(k, "session") || p.lit(k, "storm")) {
		return frame{}, i
	}
	return f, k
}

// yearExpr parses 1990, fiscal 1989, the 1990s, the '80s, the nineties,
// the year 2000, nineteen ninety-six.
func (p *parser) yearExpr(i int) (frame, int) {
	j := i
	the := false
	if p.w(j) == wThe {
		the = true
		j++
	}
	fiscal := false
	if p.w(j) == wFiscal || p.w(j) == wFY {
		fiscal = true
		j++
	}
	if p.w(j) == wYear && (the || fiscal) {
		// the year 2000, the year two thousand
		if y, g, e := p.yearNum(j + 1); e > j+1 && g == gYear {
			return frame{typ: tDate, y: y, ySet: true, fiscal: fiscal}, e
		}
		if y, e := p.spokenYear(j + 1); e > j+1 {
			return frame{typ: tDate, y: y, ySet: true, fiscal: fiscal}, e
		}
		return frame{}, i
	}
	t := p.tok(j)
	// the nineties, the eighties
	if t.kind == kWord && t.lx.cls&cDecade != 0 && the {
		return frame{typ: tDate, y: 1900 + int(t.lx.val), ySet: true, yg: gDecade}, j + 1
	}
	// the 80s
	if t.kind == kNum && t.ndig == 2 && t.flags&fPlural != 0 && t.num%10 == 0 && the {
		return frame{typ: tDate, y: 1900 + int(t.num), ySet: true, yg: gDecade}, j + 1
	}
	if y, e := p.spokenYear(j); e > j {
		// "nineteen ninety-six" needs a context that makes it a year, not a count
		return frame{typ: tDate, y: y, ySet: true, fiscal: fiscal}, e
	}
	y, g, e := p.yearNum(j)
	if e <= j {
		return frame{}, i
	}
	if g == gYear && !p.yearContextOK(j, e, fiscal || the) {
		return frame{}, i
	}
	if g == gDecade && p.numGluedAfter(e) {
		return frame{}, i
	}
	f := frame{typ: tDate, y: y, ySet: true, yg: g, fiscal: fiscal}
	if g == gYear && the && !fiscal {
		// the 1988 period: the reported period (a quarter) of 1988
		if p.w(e) == wPeriod || p.lit(e, "quarter") {
			f.periodRef = true
			if p.lit(e, "quarter") {
				f.gran = gQuarter
			}
			return f, e + 1
		}
		// "the 1996 Olympics": the year modifies a noun; the article stays out
		return frame{}, i
	}
	// 1994 or later, 1990 and beyond
	return f, e
}

// yearContextOK decides whether a four-digit number at j..e is a year.
func (p *parser) yearContextOK(j, e int, strong bool) bool {
	t := p.tok(j)
	if p.punct(j, '\'') {
		// '98 alone is a year only after a preposition
		switch p.w(j - 1) {
		case wIn, wSince, wOf, wBy, wUntil, wFrom, wDuring:
			return true
		}
		return false
	}
	if p.numGluedBefore(j) || p.numGluedAfter(e) {
		return false
	}
	if !strong {
		if t.num < 1500 && !(p.w(j-1) == wIn || p.w(j-1) == wSince || p.w(j-1) == wOf) {
			return false
		}
		if t.num > 2100 {
			return false
		}
		// a count: "1,000 people" is split by the comma; "2000 troops", "1500 people"
		n := p.tok(e)
		if n.kind == kWord && n.lx.cls&cNoun != 0 {
			return false
		}
		if n.kind == kWord && countNouns.has(p.text[n.start:n.end]) {
			return false
		}
		if n.kind == kPunct && n.ch == '%' {
			return false
		}
		if pt := p.tok(j - 1); pt.kind == kWord && numberLabels.has(p.text[pt.start:pt.end]) {
			return false
		}
		if pt := p.tok(j - 1); pt.kind == kPunct && (pt.ch == '#' || pt.ch == '$' || pt.ch == 0 && pt.end-pt.start > 1) {
			return false
		}
		if p.punct(j-1, '.') && (p.lit(j-2, "no") || p.lit(j-2, "sec") || p.lit(j-2, "art")) {
			return false
		}
	}
	return true
}

// countNouns make a preceding four-digit number a count.
var countNouns = setOf("people", "persons", "troops", "soldiers", "men", "women", "children", "students", "workers",
	"employees", "jobs", "shares", "points", "feet", "foot", "meters", "metres", "miles", "kilometers", "kilometres",
	"km", "tons", "tonnes", "pounds", "dollars", "acres", "cars", "vehicles", "homes", "houses", "units", "copies",
	"votes", "seats", "barrels", "cases", "deaths", "members", "users", "accounts", "rooms", "beds", "words", "pages",
	"hours", "minutes", "seconds", "days", "years", "calories", "degrees", "yards", "inches", "kg", "mg", "lbs",
	"yen", "euros", "francs", "marks", "rupees", "pesos", "won", "yuan", "bytes", "pixels", "rpm", "mph", "kmh",
	"stores", "flights", "planes", "aircraft", "ships", "tanks", "guns", "rifles", "bombs", "missiles", "refugees",
	"victims", "patients", "doctors", "officers", "police", "agents", "residents", "protesters", "demonstrators",
	"participants", "delegates", "visitors", "tourists", "fans", "customers", "companies", "firms", "banks",
	"series", "model", "models", "block", "reais", "contracts", "loans", "sites", "locations", "machines", "computers")

// wordSet is a set of lower-case words.
type wordSet map[string]struct{}

func setOf(ss ...string) wordSet {
	m := make(wordSet, len(ss))
	for _, s := range ss {
		m[s] = struct{}{}
	}
	return m
}

// has reports whether s, ignoring ASCII case, is in the set.
func (set wordSet) has(s string) bool {
	const maxLen = 16
	if len(s) > maxLen {
		return false
	}
	var b [maxLen]byte
	for i := 0; i < len(s); i++ {
		b[i] = s[i] | lowerBit(s[i])
	}
	_, ok := set[string(b[:len(s)])]
	return ok
}

// numberLabels make a following number an identifier, not a year.
var numberLabels = setOf("no", "number", "num", "section", "sec", "secs", "rule", "rules", "title", "chapter", "article",
	"art", "part", "paragraph", "para", "item", "form", "flight", "route", "highway", "interstate", "room", "suite", "box",
	"apt", "unit", "building", "page", "pages", "pp", "p", "exhibit", "docket", "code", "model", "version", "v", "ver",
	"release", "build", "patch", "resolution", "bill", "act", "amendment", "order", "case", "file", "ticket", "id",
	"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "dr", "usc", "cfr", "stat",
	"pub", "ch", "vol", "volume", "issue", "iso", "rfc", "windows", "office", "boeing", "airbus", "tu", "mig", "su",
	"tel", "fax", "phone", "ext", "pin", "zip", "call", "dial", "at", "dow", "nasdaq", "index", "level", "levels",
	"about", "around", "approximately", "roughly", "nearly", "almost", "some", "over", "under", "than", "only", "just")

// centuryExpr parses the 20th century, the nineteenth century, 20th-century.
func (p *parser) centuryExpr(i int) (frame, int) {
	j := i
	if p.w(j) == wThe {
		j++
	}
	n, e := p.ordinal(j)
	if e <= j || n < 1 || n > 30 {
		return frame{}, i
	}
	k := e
	if p.hyphen(k) {
		k++
	}
	g, pl, e2 := p.unit(k)
	if e2 <= k || pl || g != gCentury && g != gMillennium {
		return frame{}, i
	}
	f := frame{typ: tDate, ySet: true, yg: g}
	if g == gCentury {
		f.y = (n - 1) * 100
	} else {
		f.y = (n - 1) * 1000
	}
	return f, e2
}

// quarterExpr parses the third quarter, third-quarter, the fiscal first
// quarter, the fourth quarter of 1990, the 1988 second quarter, Q3 2017, the
// first half, the second half of 1990, the year-ago quarter.
func (p *parser) quarterExpr(i int) (frame, int) {
	j := i
	the := false
	if p.w(j) == wThe {
		the = true
		j++
	}
	f := frame{typ: tDate, anchor: aNear, dir: 2}
	// the 1988 second quarter
	if y, g, e := p.yearNum(j); e > j && g == gYear && the {
		if q, e2 := p.ordinal(e); e2 > e {
			if u, pl, e3 := p.unit(e2); e3 > e2 && !pl && (u == gQuarter && q <= 4) {
				f.anchor, f.y, f.ySet, f.q = aAbs, y, true, q
				return f, e3
			}
			if p.w(e2) == wHalf && q <= 2 {
				f.anchor, f.y, f.ySet, f.h = aAbs, y, true, q
				return f, e2 + 1
			}
		}
		return frame{}, i
	}
	if p.w(j) == wFiscal {
		f.fiscal = true
		j++
	}
	// Q3, Q3 2017, H1
	if t := p.tok(j); (t.lx.w == wQ || t.lx.w == wH) && t.lx.val != 0 && t.has(fCap) {
		if t.lx.w == wQ {
			f.q = int(t.lx.val)
		} else {
			f.h = int(t.lx.val)
		}
		e := j + 1
		if y, g, e2 := p.yearNum(e); e2 > e && g == gYear {
			f.anchor, f.y, f.ySet = aAbs, y, true
			e = e2
		}
		return f, e
	}
	q, e := p.ordinal(j)
	if e <= j && p.w(j) == wLast && p.w(j+1) == wHalf {
		e = j + 1
	}
	if e <= j {
		return frame{}, i
	}
	k := e
	adj := false
	if p.hyphen(k) {
		k++
		adj = true
	}
	if p.w(k) == wFiscal {
		f.fiscal = true
		k++
	}
	switch {
	case p.lit(k, "quarter") && q >= 1 && q <= 4:
		f.q = q
	case p.lit(k, "quarters") && q >= 1 && q <= 4 && !adj:
		f.q = q
	case p.w(k) == wHalf && q >= 1 && q <= 2:
		f.h = q
	case p.w(k) == wHalf && p.w(j) == wLast:
		f.h = 2
	default:
		return frame{}, i
	}
	k++
	if adj && the {
		// "the third-quarter results": the adjective alone is the expression
		return frame{}, i
	}
	// of 1990, of fiscal 1990, of the year, of this year, of next year
	if p.w(k) == wOf && f.h != 0 {
		// the last half of the '80s: a part of a decade or century
		if g, e2 := p.yearExpr(k + 1); e2 > k+1 && g.yg != 0 && g.yg < gYear {
			g.mod = "START"
			if f.h == 2 {
				g.mod = "END"
			}
			return g, e2
		}
	}
	if p.w(k) == wOf {
		l := k + 1
		if p.w(l) == wFiscal {
			l++
		}
		if y, g, e2 := p.yearNum(l); e2 > l && g == gYear {
			f.anchor, f.y, f.ySet = aAbs, y, true
			return f, e2
		}
		if p.w(l) == wThe && p.w(l+1) == wYear {
			return f, l + 2
		}
		if (p.w(l) == wThis || p.w(l) == wLast || p.w(l) == wNext) && p.w(l+1) == wYear {
			f.anchor, f.shiftU, f.yearRel, f.dir = aDCT, gYear, true, 0
			f.shiftN = map[wid]int{wThis: 0, wLast: -1, wNext: 1}[p.w(l)]
			return f, l + 2
		}
	}
	// third quarter 1990
	if y, g, e2 := p.yearNum(k); e2 > k && g == gYear && !adj {
		f.anchor, f.y, f.ySet = aAbs, y, true
		return f, e2
	}
	if !the && !adj && !f.fiscal && f.h != 0 {
		// "first half" without "the" is usually "the first half of the game"; keep it
	}
	return f, k
}

// yearAgo parses year-ago, year-earlier, the year-ago quarter, the
// year-earlier period, the year-earlier third quarter.
func (p *parser) yearAgo(i int) (frame, int) {
	j := i
	the := false
	if p.w(j) == wThe {
		the = true
		j++
	}
	if the && (p.lit(j, "comparable") || p.lit(j, "corresponding") || p.w(j) == wSame) {
		j++ // the comparable year-ago quarter
	}
	if p.w(j) != wYear || !p.hyphen(j+1) || p.w(j+2) != wAgo && p.w(j+2) != wEarlier {
		return frame{}, i
	}
	k := j + 3
	f := frame{typ: tDate, anchor: aRef, shiftU: gYear, shiftN: -1, keep: true, noRef: true, current: true}
	if q, e := p.ordinal(k); e > k && q >= 1 && q <= 4 && p.lit(e, "quarter") {
		f.q = q
		return f, e + 1
	}
	if p.lit(k, "quarter") {
		f.quarterRef = true // the reported quarter, a year before
		return f, k + 1
	}
	if p.w(k) == wPeriod {
		return f, k + 1
	}
	// the year-earlier nine months: a duration
	if q, e := p.number(k, false); e > k && q.n > 0 {
		if u, _, e2 := p.unit(e); e2 > e {
			return frame{typ: tDuration, val: durValue(q.n, u, q.half), noRef: true}, e2
		}
	}
	if the {
		return frame{}, i
	}
	return f, k
}

// yearEnd parses year-end, year end, the year's end.
func (p *parser) yearEnd(i int) (frame, int) {
	f := frame{typ: tDate, anchor: aDCT, shiftU: gYear, mod: "END"}
	if p.w(i) == wYear {
		if p.hyphen(i+1) && p.w(i+2) == wEnd {
			// "year-end" is the accounting date, December 31: the last one
			// ("since year-end") or the next ("by year-end") by tense
			return frame{typ: tDate, anchor: aNear, m: 12, d: 31, dir: 2}, i + 3
		}
		if p.w(i+1) == wEnd {
			return f, i + 2
		}
		if p.punct(i+1, '\'') && p.lit(i+2, "s") && p.w(i+3) == wEnd {
			return f, i + 4
		}
	}
	return frame{}, i
}

// earlierLater parses earlier this year, later this month, earlier in the
// year, later that day, earlier today, later Sunday.
func (p *parser) earlierLater(i int) (frame, int) {
	w := p.w(i)
	if w != wEarlier && w != wLater && !((w == wEarly || w == wLate) && p.w(i+1) == wIn) {
		return frame{}, i
	}
	mod := "START"
	if w == wLater || w == wLate {
		mod = "END"
	}
	j := i + 1
	switch p.w(j) {
	case wThis, wThat, wNext, wLast:
		f, e := p.detX(j)
		if e > j && f.isDate() {
			if f.pod == 0 && f.wd == 0 && f.shiftU != gDay {
				f.mod = mod
			} else if f.pod != 0 {
				f.mod = mod
			}
			return f, e
		}
		return frame{}, i
	case wIn:
		if p.w(j+1) == wThe && !(mod == "END" && p.w(i) == wLate && p.w(j+2) == wDay) {
			if g, pl, e := p.unit(j + 2); e > j+2 && !pl && (g == gYear || g == gMonth || g == gWeek || g == gDay || g == gQuarter || g == gDecade) {
				return frame{typ: tDate, anchor: aRef, shiftU: g, mod: mod, noRef: true}, e
			}
		}
		return frame{}, i
	case wToday, wYesterday, wTomorrow, wTonight:
		f, e := p.relDay(j)
		return f, e
	}
	// "Earlier Friday": annotators mark the weekday alone
	return frame{}, i
}

// duration parses two years, the past three months, a few days, several
// weeks, 2 1/2 years, a minute and a half, the first nine months, two-year,
// 10-year, weeks, decades.
func (p *parser) duration(i int) (frame, int) {
	j := i
	the := false
	if p.w(j) == wThe {
		the = true
		j++
	}
	// the past/last/next/first/coming... N units
	ctx := wNone
	switch p.w(j) {
	case wPast, wLast, wNext, wComing, wPrevious, wFollowing, wRecent, wPreceding, wPrior:
		ctx = p.w(j)
		j++
	case wFew:
		if the {
			return frame{}, i
		}
	case wAnother:
		ctx = wAnother
		j++
	default:
		if p.lit(j, "first") || p.lit(j, "final") || p.lit(j, "initial") || p.lit(j, "remaining") || p.lit(j, "latest") || p.lit(j, "full") || p.lit(j, "entire") || p.lit(j, "whole") {
			if !the {
				return frame{}, i
			}
			ctx = wPast
			j++
		}
	}
	// "a three-year period" keeps its article; "a five year low" does not
	if ctx == wNone && !the && (p.w(j) == wA || p.w(j) == wAn) {
		if n := p.tok(j + 1); n.kind == kNum || n.lx.cls&cNum != 0 {
			q, k := p.number(j+1, false)
			if k > j+1 && p.hyphen(k) {
				if _, pl, e := p.unit(k + 1); e > k+1 && !pl && (p.w(e) == wPeriod || p.w(e) == wTerm || p.lit(e, "span")) {
					return frame{typ: tDuration, val: durValue(q.n, gran(p.tok(k+1).lx.val), q.half), noRef: true}, e + 1
				}
			}
			return frame{}, i
		}
	}
	// the first hours, the final days: an unknown stretch
	if the && ctx == wPast && p.is(j, cUnit) && p.is(j, cPlural) && (p.lit(j-1, "first") || p.lit(j-1, "final") || p.lit(j-1, "early")) {
		return frame{typ: tDuration, val: durValue(-1, gran(p.tok(j).lx.val), false), noRef: true}, j + 1
	}
	q, k := p.number(j, !the || ctx != wNone)
	// ranges: two to three weeks, the next 12 to 18 months
	if k > j && q.n > 0 && (p.w(k) == wTo || p.w(k) == wOr || p.hyphen(k) && p.tok(k+1).kind == kNum) {
		if q2, k2 := p.number(k+1, false); k2 > k+1 && q2.n > q.n {
			if _, _, e := p.unit(k2); e > k2 {
				if ctx != wNone {
					q.n = -1
				}
				k = k2
			}
		}
	}
	if k <= j {
		// the past few years: "few" without "a"
		if ctx != wNone && (p.w(j) == wFew || p.w(j) == wSeveral || p.w(j) == wMany || p.w(j) == wCouple) {
			q, k = quantity{n: -1, word: true}, j+1
			if p.w(j) == wCouple {
				q.n = 2
				if p.w(k) == wOf {
					k++
				}
			}
		} else if ctx == wNone && !the {
			return p.bareUnits(i)
		} else {
			return frame{}, i
		}
	}
	// an adjective before the unit: "two full years", "three more days"
	if p.w(k) == wMore || p.w(k) == wAdditional || p.w(k) == wFull || p.lit(k, "straight") || p.lit(k, "consecutive") || p.lit(k, "long") ||
		p.lit(k, "trading") || p.lit(k, "business") || p.lit(k, "working") || p.lit(k, "calendar") {
		if _, _, e := p.unit(k + 1); e > k+1 {
			k++
		}
	}
	adj := false
	if p.hyphen(k) {
		adj = true
		k++
	}
	u, pl, e := p.unit(k)
	if e <= k || p.titled(k) {
		return frame{}, i // "60 Minutes": a title
	}
	if !pl && !adj && q.n > 1 && !q.word {
		return frame{}, i // "the 1988 quarter", "30 day": a year or an adjective, not an amount
	}
	if u == gQuarter && !pl && q.n == 1 && q.a && !adj {
		// "a quarter" of something is a fraction more often than three months
		if p.w(e) == wOf || p.lit(e, "century") {
			return frame{}, i
		}
	}
	if adj && pl {
		return frame{}, i
	}
	if q.a && pl {
		return frame{}, i
	}
	// "a minute and a half", "a year and a half"
	if p.w(e) == wAnd && (p.w(e+1) == wA || p.w(e+1) == wAn) && p.w(e+2) == wHalf {
		q.half = true
		e += 3
	}
	// the eight-month-old, 52 years old: ages are not annotated as durations
	if adj && p.hyphen(e) && p.w(e+1) == wOld || p.w(e) == wOld {
		return frame{}, i
	}
	// "a year-earlier loss": the adjective is yearAgo's
	if p.hyphen(e) && (p.w(e+1) == wEarlier || p.w(e+1) == wAgo || p.w(e+1) == wEnd) {
		return frame{}, i
	}
	// "a second betrayal": the ordinal, not the unit
	if u == gSecond && q.a && !pl && p.kindAt(e) == kWord && p.w(e) != wAgo && p.w(e) != wLater && p.w(e) != wEarlier && p.w(e) != wOr && p.w(e) != wAnd {
		return frame{}, i
	}
	// "the eight-year war", "the two day rally": an adjective; TimeML leaves the article out
	if the && ctx == wNone && (adj || !pl && q.n > 1) {
		return frame{}, i
	}
	// "a three-year period", "its one-year term"
	if adj && !pl && (p.w(e) == wPeriod || p.w(e) == wTerm || p.lit(e, "span") || p.lit(e, "stint") || p.lit(e, "stretch")) {
		if q.a || the || p.w(i) == wA {
			e++
		} else if p.w(e) == wTerm {
			e++
		}
	}
	// "decades-long" on a bare plural is in bareUnits
	if adj && p.hyphen(e) && p.w(e+1) == wLong {
		e += 2
	}
	n := q.n
	v := durValue(n, u, q.half)
	f := frame{typ: tDuration, val: v, noRef: true}
	if u == gWeekend && the {
		return frame{}, i
	}
	// "a year" after an amount is a rate ("$5 a year", "358,000 a month"),
	// not a time: TimeML would make it a SET, but annotators mostly skip it
	// and a timeline has no place for it (but "$5 a year ago" is a date)
	if nw := p.w(e); q.a && !the && ctx == wNone && p.isRateContext(i) && nw != wAgo && nw != wEarlier && nw != wLater && !(p.w(e) == wOr && p.w(e+1) == wSo) {
		return frame{}, i
	}
	return f, e
}

// isRateContext reports whether the token before i ends an amount: "$5 a year", "20% a year".
func (p *parser) isRateContext(i int) bool {
	t := p.tok(i - 1)
	if t.kind == kNum {
		return true
	}
	if t.kind == kPunct && t.ch == '%' {
		return true
	}
	if t.kind == kWord {
		switch {
		case p.lit(i-1, "million"), p.lit(i-1, "billion"), p.lit(i-1, "percent"), p.lit(i-1, "cents"), p.lit(i-1, "dollars"), p.lit(i-1, "times"), p.lit(i-1, "trillion"):
			return true
		case p.w(i-1) == wOnce || p.w(i-1) == wTwice || p.w(i-1) == wThrice:
			return true
		}
		// "four flights a week", "700 seats a week": an amount of something per unit
		if b := p.tok(i - 2); !t.has(fCap) && (b.kind == kNum || b.lx.cls&cNum != 0) && t.lx.cls&cStart == 0 {
			return true
		}
	}
	return false
}

// bareUnits parses a plural unit without a number: years, weeks, decades,
// decades-long. Only where the context makes it a stretch of time.
func (p *parser) bareUnits(i int) (frame, int) {
	u, pl, e := p.unit(i)
	if e <= i || !pl {
		return frame{}, i
	}
	if u == gSecond || u == gWeekend || u == gQuarter {
		return frame{}, i
	}
	if p.hyphen(e) && p.w(e+1) == wLong {
		return frame{typ: tDuration, val: durValue(-1, u, false), noRef: true}, e + 2
	}
	// "in the weeks before the shooting": the unit alone, as TimeML marks it
	if p.w(i-1) == wThe && (p.w(e) == wBefore || p.w(e) == wAfter || p.w(e) == wFollowing || p.lit(e, "ahead") || p.w(e) == wThat && p.lit(e+1, "followed")) {
		return frame{typ: tDuration, val: durValue(-1, u, false), noRef: true}, e
	}
	switch p.w(i - 1) {
	case wFor, wIn, wWithin, wOver, wAfter:
	default:
		if p.w(e) != wAgo && p.w(e) != wLater && p.w(e) != wEarlier && !(p.w(e) == wOr && p.tok(e+1).lx.cls&cUnit != 0) {
			return frame{}, i
		}
	}
	// "for days", "in years", "weeks ago", "weeks or months"
	if p.w(e) == wOr {
		if _, pl2, e2 := p.unit(e + 1); e2 > e+1 && pl2 {
			return frame{typ: tDuration, val: durValue(-1, u, false), mod: "APPROX", noRef: true}, e2
		}
	}
	if p.w(e) == wOf || p.tok(e).kind == kNum {
		return frame{}, i // "in years of drought", "in days 3 to 5"
	}
	return frame{typ: tDuration, val: durValue(-1, u, false), noRef: true}, e
}

// setExpr parses every day, each year, every other week, each Thursday, each
// July, daily, weekly, annually, twice a week, three times a year.
func (p *parser) setExpr(i int) (frame, int) {
	t := p.tok(i)
	if t.kind == kWord && t.lx.cls&cSetAdv != 0 {
		g := gran(t.lx.val)
		v := durValue(1, g, false)
		if p.lit(i, "nightly") {
			v = "XXXX-XX-XXTNI"
		}
		return frame{typ: tSet, val: v, noRef: true}, i + 1
	}
	switch t.lx.w {
	case wEvery, wEach:
	case wTwice, wThrice, wOnce:
		// twice a week
		if (p.w(i+1) == wA || p.w(i+1) == wAn || p.w(i+1) == wPer || p.w(i+1) == wEach || p.w(i+1) == wEvery) && p.is(i+2, cUnit) && !p.is(i+2, cPlural) {
			return frame{typ: tSet, val: durValue(1, gran(p.tok(i+2).lx.val), false), noRef: true}, i + 3
		}
		return frame{}, i
	default:
		// three times a year
		if q, k := p.number(i, false); k > i && q.n > 0 && p.w(k) == wTimes && (p.w(k+1) == wA || p.w(k+1) == wAn || p.w(k+1) == wPer || p.w(k+1) == wEach || p.w(k+1) == wEvery) && p.is(k+2, cUnit) && !p.is(k+2, cPlural) {
			return frame{typ: tSet, val: durValue(1, gran(p.tok(k+2).lx.val), false), noRef: true}, k + 3
		}
		return frame{}, i
	}
	// every day, every other week, every two years ("per day" is a rate, not a time)
	j := i + 1
	n := 1
	if p.w(j) == wOther {
		n = 2
		j++
	} else if q, k := p.number(j, false); k > j && q.n > 1 {
		n = q.n
		j = k
	}
	u := p.tok(j)
	if u.kind == kWord && u.lx.cls&cUnit != 0 {
		if n == 1 && u.lx.cls&cPlural != 0 || n > 1 && u.lx.cls&cPlural == 0 && p.w(i+1) != wOther {
			return frame{}, i
		}
		g := gran(u.lx.val)
		e := j + 1
		if g == gWeekend {
			return frame{typ: tSet, val: "XXXX-WXX-WE", noRef: true}, e
		}
		return frame{typ: tSet, val: durValue(n, g, false), noRef: true}, e
	}
	if wd, e := p.weekdayName(j); e > j {
		v := "XXXX-WXX-" + string(rune('0'+wd))
		if pod, e2 := p.podWord(e); e2 > e {
			v += "T" + podCode[pod]
			e = e2
		}
		return frame{typ: tSet, val: v, noRef: true}, e
	}
	if m, e := p.month(j); e > j {
		v := "XXXX-" + string(rune('0'+m/10)) + string(rune('0'+m%10))
		return frame{typ: tSet, val: v, noRef: true}, e
	}
	if u.kind == kWord && u.lx.cls&cSeason != 0 && u.lx.cls&cPlural == 0 {
		return frame{typ: tSet, val: "XXXX-" + "SPSUFAWI"[2*(u.lx.val-1):2*u.lx.val], noRef: true}, j + 1
	}
	if pod, e := p.podWord(j); e > j {
		return frame{typ: tSet, val: "XXXX-XX-XXT" + podCode[pod], noRef: true}, e
	}
	return frame{}, i
}

// clock parses 3 p.m., 10:35 a.m., 22:15 GMT, noon, midnight, 5 o'clock, 4 in
// the morning, and a date right after it: 10 p.m. Wednesday, 5 p.m. EST Nov. 9.
func (p *parser) clock(i int) (frame, int) {
	f := frame{typ: tTime, anchor: aDCT, shiftU: gDay, clock: true}
	t := p.tok(i)
	j := i
	switch {
	case (t.lx.w == wNoon || t.lx.w == wMidday || t.lx.w == wMidnight) && p.titled(i):
		return frame{}, i // "High Noon"
	case t.lx.w == wNoon || t.lx.w == wMidday:
		f.hh, j = 12, i+1
	case t.lx.w == wMidnight:
		f.hh, j = 24, i+1
	case t.kind == kNum && t.flags&fAMPM != 0:
		h := int(t.num)
		if t.ndig > 2 || h < 1 || h > 12 {
			return frame{}, i
		}
		f.hh = ampm(h, t.lx.val == 1)
		j = i + 1
	case t.kind == kNum && t.flags&(fOrd|fPlural) == 0 && t.ndig <= 2:
		if p.numGluedBefore(i) {
			return frame{}, i
		}
		h := int(t.num)
		j = i + 1
		mins := -1
		if p.punct(j, ':') && p.glued(j) && p.glued(j+1) {
			m := p.tok(j + 1)
			if m.kind != kNum || m.ndig != 2 || m.num > 59 {
				return frame{}, i
			}
			mins = int(m.num)
			j += 2
			if m.flags&fAMPM != 0 {
				// 10:30am
				if h < 1 || h > 12 {
					return frame{}, i
				}
				f.hh, f.mi = ampm(h, m.lx.val == 1), mins
				f.clock = true
				return p.afterClock(f, i, j)
			}
			if p.punct(j, ':') && p.glued(j) && p.glued(j+1) {
				s := p.tok(j + 1)
				if s.kind != kNum || s.ndig != 2 || s.num > 59 {
					return frame{}, i
				}
				f.ss, f.hasSS = int(s.num), true
				j += 2
			}
		} else if p.punct(j, '.') && p.glued(j) && p.glued(j+1) && p.tok(j+1).kind == kNum && p.tok(j+1).ndig == 2 {
			// 10.30 a.m. (British); only with am/pm
			if _, e := p.ampmWord(j + 2); e > j+2 {
				mins = int(p.tok(j + 1).num)
				j += 2
			}
		}
		if p.numGluedAfter(j) {
			return frame{}, i
		}
		if pm, e := p.ampmWord(j); e > j {
			if h < 1 || h > 12 {
				return frame{}, i
			}
			f.hh = ampm(h, pm)
			if mins >= 0 {
				f.mi = mins
			}
			j = e
		} else if p.w(j) == wOClock && p.punct(j+1, '\'') && p.lit(j+2, "clock") {
			if h < 1 || h > 12 {
				return frame{}, i
			}
			f.hh = h
			if mins >= 0 {
				f.mi = mins
			}
			j += 3
		} else if mins >= 0 {
			if h > 24 {
				return frame{}, i
			}
			f.hh, f.mi = h, mins
			// a bare 24-hour clock needs support: a time zone after, or "at"/"by" before
			if p.tz(j) == j && !p.clockCue(i) {
				return frame{}, i
			}
		} else if p.w(j) == wIn && p.w(j+1) == wThe && (p.w(j+2) == wMorning || p.w(j+2) == wAfternoon || p.w(j+2) == wEvening) && h >= 1 && h <= 12 {
			// 4 in the morning
			f.hh = h
			if p.w(j+2) != wMorning && h < 12 {
				f.hh += 12
			}
			j += 3
		} else {
			return frame{}, i
		}
	default:
		return frame{}, i
	}
	return p.afterClock(f, i, j)
}

func ampm(h int, pm bool) int {
	if pm {
		if h < 12 {
			return h + 12
		}
		return 12
	}
	if h == 12 {
		return 0
	}
	return h
}

// ampmWord parses a.m., p.m., am, pm, a.m (without the final period).
func (p *parser) ampmWord(i int) (bool, int) {
	t := p.tok(i)
	if t.kind != kWord {
		return false, i
	}
	if t.lx.w == wAM || t.lx.w == wPM {
		return t.lx.w == wPM, i + 1
	}
	if (p.lit(i, "a") || p.lit(i, "p")) && p.punct(i+1, '.') && p.glued(i+1) && p.lit(i+2, "m") && p.glued(i+2) {
		pm := p.lit(i, "p")
		if p.punct(i+3, '.') && p.glued(i+3) {
			return pm, i + 4
		}
		return pm, i + 3
	}
	return false, i
}

// clockCue reports whether the words before a bare hh:mm make it a time.
func (p *parser) clockCue(i int) bool {
	switch p.w(i - 1) {
	case wAt, wBy, wUntil, wFrom, wAround, wAbout, wBefore, wAfter, wSince:
		return true
	}
	if p.punct(i-1, ',') || p.punct(i-1, '(') {
		// Apr 6, 2017 22:15 has its date before
		return p.tok(i-2).kind == kNum && p.tok(i-2).ndig == 4
	}
	return p.tok(i-1).kind == kNum && p.tok(i-1).ndig == 4 || p.lit(i-1, "till")
}

// afterClock adds a time zone and an attached date: 10 p.m. Wednesday, 5
// p.m. EST, Nov. 9, 10:35 a.m. today, midnight Friday.
func (p *parser) afterClock(f frame, i, j int) (frame, int) {
	j = p.tz(j)
	k := j
	if p.punct(k, ',') {
		k++
	}
	var g frame
	e := k
	switch {
	case p.is(k, cWeekday):
		g, e = p.weekdayExpr(k)
	case p.is(k, cMonth):
		g, e = p.monthExpr(k)
		if g.d == 0 {
			e = k
		}
	case p.w(k) == wToday || p.w(k) == wYesterday || p.w(k) == wTomorrow:
		g, e = p.relDay(k)
	}
	if e > k && g.typ != tSet && g.pod == 0 {
		g.typ, g.clock, g.hh, g.mi, g.ss, g.hasSS = tTime, true, f.hh, f.mi, f.ss, f.hasSS
		g.dated = true
		return g, e
	}
	return f, j
}

// numericDate parses 2017-04-06, 2017/04/06, 04/06/2017, 4/6/17.
func (p *parser) numericDate(i int) (frame, int) {
	a := p.tok(i)
	if a.kind != kNum || a.flags&(fOrd|fPlural|fAMPM) != 0 || p.numGluedBefore(i) {
		return frame{}, i
	}
	sep := p.tok(i + 1)
	if sep.kind != kPunct || !p.glued(i+1) || (sep.ch != '-' && sep.ch != '/' && sep.ch != '.') {
		return frame{}, i
	}
	b := p.tok(i + 2)
	if b.kind != kNum || !p.glued(i+2) || !p.punct(i+3, sep.ch) || !p.glued(i+3) {
		return frame{}, i
	}
	c := p.tok(i + 4)
	if c.kind != kNum || !p.glued(i+4) || c.flags&(fOrd|fAMPM) != 0 {
		return frame{}, i
	}
	e := i + 5
	if p.numGluedAfter(e) {
		return frame{}, i
	}
	var y, m, d int
	switch {
	case a.ndig == 4 && b.ndig <= 2 && c.ndig <= 2:
		y, m, d = int(a.num), int(b.num), int(c.num)
	case a.ndig <= 2 && b.ndig <= 2 && (c.ndig == 4 || c.ndig == 2 && sep.ch == '/'):
		y = int(c.num)
		if c.ndig == 2 {
			if y < 30 {
				y += 2000
			} else {
				y += 1900
			}
		}
		m, d = int(a.num), int(b.num)
		if sep.ch == '.' || m > 12 && d <= 12 {
			m, d = d, m // 06.04.2017 and 13/03/2017 are day first
		}
	default:
		return frame{}, i
	}
	if y < 1000 || y > 2199 || m < 1 || m > 12 || d < 1 || d > daysIn(m) {
		return frame{}, i
	}
	return frame{typ: tDate, y: y, ySet: true, m: m, d: d}, e
}

// nextDay parses the second day of "April 24 and 25" or "March 3-5" after a
// month-and-day expression f ending at j: the frame of the second day and
// its token span.
func (p *parser) nextDay(f frame, j int) (frame, int, int) {
	k := j
	switch {
	case p.hyphen(k) && p.tok(k+1).kind == kNum:
		k++
	case p.w(k) == wAnd || p.w(k) == wOr || p.w(k) == wTo || p.lit(k, "through"):
		k++
	default:
		return f, j, j
	}
	t := p.tok(k)
	if t.kind != kNum || t.ndig > 2 || t.flags&(fPlural|fAMPM) != 0 || int(t.num) <= f.d || int(t.num) > daysIn(f.m) {
		return f, j, j
	}
	// "April 24 and 25 people", "March 3 to 5 p.m.", "May 1 and 3 March"
	n := p.tok(k + 1)
	if n.kind == kWord && (n.lx.cls&(cMonth|cUnit) != 0 || !n.has(fCap) && !afterDay.has(p.text[n.start:n.end])) || p.numGluedAfter(k+1) {
		return f, j, j
	}
	if _, e := p.ampmWord(k + 1); e > k+1 {
		return f, j, j
	}
	g := f
	g.d = int(t.num)
	g.mod = ""
	return g, k, k + 1
}

// afterDay are the words that may follow the second day of "April 24 and
// 25"; another word ("25 people") makes the number a count.
var afterDay = setOf("and", "or", "in", "at", "on", "when", "with", "to", "for", "the", "of", "but", "while", "as",
	"after", "before", "by", "from", "respectively", "this", "next", "last", "that", "is", "are", "was", "were", "will")

// ---- combinations and suffixes ----

// combine merges a day with the clock time right after it: Apr 6, 2017
// 22:15 GMT; yesterday, 3 p.m. (Parts of day after a weekday are in
// weekdayExpr.)
func (p *parser) combine(f frame, i, j int) (frame, int) {
	// only a day takes a clock time: a date with a day, a weekday, today,
	// yesterday, the next day (not "the year" or "this week")
	day := f.d != 0 || f.wd != 0 || f.shiftU == gDay && (f.shiftN != 0 || f.anchor != aDCT || p.w(i) == wToday)
	if f.typ != tDate || f.val != "" || !day {
		return f, j
	}
	k := j
	if p.punct(k, ',') {
		k++
	}
	if c, e := p.clock(k); e > k && c.clock && !c.dated {
		f.typ, f.clock, f.hh, f.mi, f.ss, f.hasSS = tTime, true, c.hh, c.mi, c.ss, c.hasSS
		return f, e
	}
	return f, j
}

// suffix handles what may follow a duration or date: two years ago, a year
// earlier, three days later, a week or so, 1994 or later, 1990 and beyond.
func (p *parser) suffix(f frame, i, j int) (frame, int) {
	if f.typ == tDuration {
		k := j
		approx := false
		if p.w(k) == wOr && p.w(k+1) == wSo {
			approx = true
			k += 2
		}
		n, u, x, ok := parseDur(f.val)
		switch w := p.w(k); {
		// "later", "before" and "after" stay outside: "three days later" is
		// annotated as the duration "three days"
		case ok && (w == wAgo || w == wEarlier || w == wHence || w == wBack && p.w(i) != wThe ||
			w == wFrom && p.w(k+1) == wNow):
			g := frame{typ: tDate, anchor: aDCT, shiftU: u, shiftN: n, shiftX: x, mod: f.mod}
			e := k + 1
			switch w {
			case wAgo, wBack:
				g.shiftN = -n
				if !x && n == 1 && (u == gYear || u == gQuarter) {
					g.anchor, g.keep = aRef, true // "a year ago" in results: the same quarter a year before
				}
			case wEarlier:
				g.shiftN = -n
				g.anchor, g.keep = aRef, true
			case wFrom:
				e = k + 2
			}
			if p.w(i) == wThe && w != wEarlier {
				return f, j
			}
			if u == gDecade || u == gCentury {
				g.shiftU = gYear
				if u == gDecade {
					g.shiftN *= 10
				} else {
					g.shiftN *= 100
				}
			}
			if x {
				if g.shiftN < 0 || w == wAgo {
					g.val = "PAST_REF"
				} else {
					g.val = "FUTURE_REF"
				}
			}
			if approx {
				g.mod = "APPROX"
			}
			g.noRef = true
			return g, e
		}
		if approx {
			f.mod = "APPROX"
			return f, k
		}
		return f, j
	}
	if f.typ == tDate && f.ySet && f.yg == gYear && f.m == 0 && f.q == 0 && f.s == 0 && f.h == 0 {
		if p.w(j) == wOr && (p.w(j+1) == wLater || p.w(j+1) == wAfter) {
			f.mod = "ON_OR_AFTER"
			return f, j + 2
		}
		if p.w(j) == wOr && (p.w(j+1) == wEarlier || p.w(j+1) == wBefore) {
			f.mod = "ON_OR_BEFORE"
			return f, j + 2
		}
		if p.w(j) == wAnd && p.lit(j+1, "beyond") {
			f.mod = "ON_OR_AFTER"
			return f, j + 2
		}
	}
	if f.typ == tDate && p.w(j) == wOr && p.w(j+1) == wSo {
		f.mod = "APPROX"
		return f, j + 2
	}
	return f, j
}

// endsClause reports whether token i ends a clause (so "before"/"after" is an adverb).
func (p *parser) endsClause(i int) bool {
	t := p.tok(i)
	return t.kind == 0 || t.kind == kPunct && (t.ch == '.' || t.ch == ',' || t.ch == ';' || t.ch == ')' || t.ch == '"' || t.ch == '_')
}

// parseDur reads back a simple duration value P3Y / PT2H / PXD.
func parseDur(v string) (n int, u gran, x bool, ok bool) {
	if len(v) < 3 || v[0] != 'P' {
		return 0, 0, false, false
	}
	s := v[1:]
	t := false
	if s[0] == 'T' {
		t = true
		s = s[1:]
	}
	k := 0
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		n = n*10 + int(s[k]-'0')
		k++
	}
	if k == 0 {
		if len(s) == 0 || s[0] != 'X' {
			return 0, 0, false, false
		}
		x = true
		k = 1
	}
	switch s[k:] {
	case "Y":
		u = gYear
	case "M":
		u = gMonth
		if t {
			u = gMinute
		}
	case "W":
		u = gWeek
	case "D":
		u = gDay
	case "H":
		u = gHour
	case "S":
		u = gSecond
	case "Q":
		u = gQuarter
	case "DE":
		u = gDecade
	case "CE":
		u = gCentury
	default:
		return 0, 0, false, false
	}
	if t != (u == gHour || u == gMinute || u == gSecond) {
		return 0, 0, false, false
	}
	return n, u, x, true
}
