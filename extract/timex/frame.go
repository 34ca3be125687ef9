package timex

// ttype is a TIMEX3 type.
type ttype uint8

const (
	tDate ttype = iota + 1
	tTime
	tDuration
	tSet
)

var typeName = [...]string{"", "DATE", "TIME", "DURATION", "SET"}

// anchor says what a DATE or TIME expression is computed from.
type anchor uint8

const (
	aAbs  anchor = iota // explicit: the year is written (March 13, 2017; 1990s)
	aDCT                // the document date (today, last week, two years ago)
	aRef                // the narrative reference time: the last date mentioned (a year earlier, the next day)
	aNear               // underspecified: missing fields come from the document date, past or future by tense (March 13, Friday)
)

// frame is what the grammar understood of one expression, before
// normalisation. A DATE or TIME value is computed in three steps: take the
// anchor point (coarsened to shiftG, or kept at its own granularity when keep
// is set), shift it by shiftN units of shiftU, then set the explicit fields
// (year, month, day, quarter, ... weekday, clock). The value's granularity is
// gran when set, else the finest field or the shift unit.
type frame struct {
	typ ttype
	mod string
	val string // a fixed value: refs (PRESENT_REF), durations, sets

	anchor anchor
	shiftU gran // unit of the shift, and the anchor's granularity before it
	shiftN int
	shiftX bool // an unknown amount: "weeks ago"
	keep   bool // keep the anchor's granularity ("a year earlier" after "the third quarter" is a quarter)
	gran   gran // forced output granularity

	y          int
	ySet       bool
	yg         gran // granularity of an explicit year: gYear, gDecade, gCentury, gMillennium
	m, d       int
	q, h, s    int
	wd         int  // weekday 1-7
	dir        int8 // for month, season, weekday and holiday fields: -1 the previous one, +1 the next, 0 the one in the anchor's period, 2 nearest by tense, dirSince the last one up to the anchor
	pod        int
	hh, mi, ss int
	clock      bool // hh:mi set
	dated      bool // a clock time with its own date: 10 p.m. Wednesday
	hasSS      bool
	week       bool // a week or weekend of the anchor (this week)
	weekend    bool
	holiday    int // index+1 into holidays
	fiscal     bool
	yearRel    bool // the year comes from a relative phrase (this year's, June last year)
	quarterRef bool // "the quarter", "the latest quarter": the quarter being reported
	periodRef  bool // "the 1988 period": the reference's quarter or month in the written year
	current    bool // relative to the current period: the reference only if it lies in the document's year
	noRef      bool // never becomes the reference time
}

// dirSince is the direction of a date after "since": the most recent one,
// the anchor's own period included ("since March" said in April).
const dirSince int8 = -2

func (f *frame) isDate() bool { return f.typ == tDate || f.typ == tTime }

// finest returns the granularity the explicit fields imply.
func (f *frame) finest() gran {
	switch {
	case f.clock:
		if f.hasSS {
			return gSecond
		}
		return gMinute
	case f.pod != 0:
		return gPOD
	case f.d != 0 || f.wd != 0 || f.holiday != 0:
		return gDay
	case f.weekend:
		return gWeekend
	case f.week:
		return gWeek
	case f.m != 0:
		return gMonth
	case f.q != 0:
		return gQuarter
	case f.s != 0:
		return gSeason
	case f.h != 0:
		return gHalf
	case f.ySet:
		if f.yg != 0 {
			return f.yg
		}
		return gYear
	}
	return gNone
}
