package timex

// The lexicon maps lower-case ASCII words to what the grammar needs to know
// about them: a word id for words the grammar names, class bits, and a value
// (month number, weekday, unit, number). Every word the grammar can start an
// expression with carries cStart, so the scanner's output alone tells the
// driver where a match may begin.

const maxWordLen = 16

// wid names a word the grammar tests for by identity.
type wid uint8

const (
	wNone wid = iota
	wThe
	wA
	wAn
	wOf
	wThis
	wThat
	wThese
	wThose
	wLast
	wNext
	wPast
	wComing
	wPrevious
	wFollowing
	wPreceding
	wPrior
	wSame
	wCurrent
	wUpcoming
	wLatest
	wRecent
	wEarlier
	wLater
	wEarly
	wLate
	wMid
	wMiddle
	wEnd
	wBeginning
	wStart
	wClose
	wAgo
	wBefore
	wAfter
	wFrom
	wNow
	wToday
	wYesterday
	wTomorrow
	wTonight
	wCurrently
	wRecently
	wSoon
	wFuture
	wNowadays
	wPresent
	wLately
	wOnce
	wOr
	wSo
	wAnd
	wAt
	wLeast
	wMost
	wMore
	wLess
	wThan
	wAbout
	wAround
	wNearly
	wAlmost
	wApproximately
	wRoughly
	wSome
	wOver
	wUnder
	wUp
	wTo
	wJust
	wNo
	wFiscal
	wEvery
	wEach
	wPer
	wOther
	wNoon
	wMidnight
	wMidday
	wAM
	wPM
	wOClock
	wHalf
	wFew
	wSeveral
	wMany
	wCouple
	wDozen
	wDozens
	wHundred
	wHundreds
	wThousand
	wThousands
	wIn
	wOn
	wBy
	wUntil
	wSince
	wDuring
	wWithin
	wFor
	wTime
	wTimes
	wWhile
	wPeriod
	wTerm
	wDate
	wOld
	wLong
	wEnded
	wEnding
	wHence
	wDays
	wNineteen
	wTwenty
	wTwice
	wThrice
	wQ
	wH
	wFY
	wNear
	wShort
	wYear
	wAnother
	wAdditional
	wBack
	wWeek
	wDay
	wIts
	wHis
	wTheir
	wWhole
	wEntire
	wFull
	wNight
	wMorning
	wEvening
	wAfternoon
	wOvernight
	wDawn
	wAs
)

// Class bits.
const (
	cMonth   uint32 = 1 << iota // val: 1-12
	cWeekday                    // val: 1 (Monday) - 7 (Sunday)
	cSeason                     // val: 1 SP, 2 SU, 3 FA, 4 WI
	cUnit                       // val: a gran
	cPlural                     // plural noun (units, weekdays: Fridays)
	cPOD                        // part of day; val: podMO...
	cNum                        // number word; val: value
	cOrd                        // ordinal word; ord: value
	cTens                       // twenty, thirty... (val)
	cDecade                     // twenties... nineties (val: 20..90)
	cTZ                         // time zone abbreviation
	cSetAdv                     // daily, weekly...; val: a gran
	cHoliday                    // val: index into holidays
	cAbbr                       // abbreviation that needs a capital (Jan, Wed)
	cNeedCap                    // ambiguous unless capitalised (May, March, Sun)
	cPast                       // past-tense cue
	cFuture                     // future-tense cue
	cStart                      // may start an expression
	cApprox                     // approximation / comparison word that may open an expression
	cDet                        // determiner-like shifter: this, last, next, past, coming...
	cNoun                       // noun that may follow a number and blocks a duration/year reading
	cReport                     // reporting verb: a weak past cue
	cWeak                       // article or determiner: starts an expression only before a temporal word
	cCont                       // not temporal alone, but continues one after a determiner: the near future, the full year
)

// Parts of day.
const (
	podNone = iota
	podMO
	podMI // midday
	podAF
	podEV
	podNI
	podDT // daytime
)

var podCode = [...]string{"", "MO", "MI", "AF", "EV", "NI", "DT"}

type lexeme struct {
	cls uint32
	val int16
	ord int8
	w   wid
}

func (l lexeme) is(c uint32) bool { return l.cls&c != 0 }

var lexicon = buildLexicon()

func buildLexicon() map[string]lexeme {
	m := make(map[string]lexeme, 700)
	add := func(s string, w wid, cls uint32, val int16) {
		e := m[s]
		if w != 0 {
			e.w = w
		}
		e.cls |= cls
		if val != 0 {
			e.val = val
		}
		m[s] = e
	}
	ord := func(s string, v int8) {
		e := m[s]
		e.cls |= cOrd | cStart
		e.ord = v
		m[s] = e
	}
	months := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, s := range months {
		cls := cMonth | cStart
		if s == "may" || s == "march" || s == "august" {
			cls |= cNeedCap
		}
		add(s, 0, cls, int16(i+1))
		if len(s) > 3 {
			add(s[:3], 0, cMonth|cStart|cAbbr, int16(i+1))
		}
	}
	add("sept", 0, cMonth|cStart|cAbbr, 9)
	add("febr", 0, cMonth|cStart|cAbbr, 2)
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	for i, s := range days {
		add(s, 0, cWeekday|cStart, int16(i+1))
		add(s+"s", 0, cWeekday|cPlural|cStart, int16(i+1))
		add(s[:3], 0, cWeekday|cStart|cAbbr, int16(i+1))
	}
	for _, a := range []struct {
		s string
		v int16
	}{{"tues", 2}, {"thur", 4}, {"thurs", 4}, {"weds", 3}} {
		add(a.s, 0, cWeekday|cStart|cAbbr, a.v)
	}
	for _, s := range []struct {
		s string
		v int16
	}{{"spring", 1}, {"summer", 2}, {"fall", 3}, {"autumn", 3}, {"winter", 4}, {"springs", 1}, {"summers", 2}, {"autumns", 3}, {"winters", 4}, {"springtime", 1}, {"summertime", 2}, {"wintertime", 4}} {
		cls := cSeason | cStart
		if s.s[len(s.s)-1] == 's' {
			cls |= cPlural
		}
		add(s.s, 0, cls, s.v)
	}
	units := []struct {
		s, pl string
		g     gran
	}{
		{"second", "seconds", gSecond}, {"minute", "minutes", gMinute}, {"hour", "hours", gHour},
		{"day", "days", gDay}, {"week", "weeks", gWeek}, {"weekend", "weekends", gWeekend},
		{"fortnight", "fortnights", gFortnight},
		{"month", "months", gMonth}, {"quarter", "quarters", gQuarter}, {"year", "years", gYear},
		{"decade", "decades", gDecade}, {"century", "centuries", gCentury}, {"millennium", "millennia", gMillennium},
		{"sec", "secs", gSecond}, {"min", "mins", gMinute}, {"hr", "hrs", gHour}, {"yr", "yrs", gYear}, {"mo", "mos", gMonth},
		{"millenium", "millenniums", gMillennium},
	}
	for _, u := range units {
		add(u.s, 0, cUnit|cStart, int16(u.g))
		add(u.pl, 0, cUnit|cPlural|cStart, int16(u.g))
	}
	m["week"] = lexeme{cls: m["week"].cls, val: m["week"].val, w: wWeek}
	m["day"] = lexeme{cls: m["day"].cls, val: m["day"].val, w: wDay}
	m["year"] = lexeme{cls: m["year"].cls, val: m["year"].val, w: wYear}
	m["days"] = lexeme{cls: m["days"].cls, val: m["days"].val, w: wDays}
	for _, p := range []struct {
		s string
		w wid
		v int16
	}{{"morning", wMorning, podMO}, {"mornings", 0, podMO}, {"afternoon", wAfternoon, podAF}, {"afternoons", 0, podAF},
		{"evening", wEvening, podEV}, {"evenings", 0, podEV}, {"night", wNight, podNI}, {"nights", 0, podNI},
		{"overnight", wOvernight, podNI}, {"daytime", 0, podDT}, {"nighttime", 0, podNI}, {"dawn", wDawn, podMO},
		{"dusk", 0, podEV}, {"daybreak", 0, podMO}, {"sunrise", 0, podMO}, {"sunset", 0, podEV}} {
		cls := cPOD | cStart
		if p.s[len(p.s)-1] == 's' && p.s != "nights" || p.s == "nights" {
			cls |= cPlural
		}
		add(p.s, p.w, cls, p.v)
	}
	nums := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	for i, s := range nums {
		add(s, 0, cNum|cStart, int16(i))
	}
	m["nineteen"] = lexeme{cls: m["nineteen"].cls, val: 19, w: wNineteen}
	tens := []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for i, s := range tens {
		add(s, 0, cNum|cTens|cStart, int16(20+10*i))
		add(s[:len(s)-1]+"ies", 0, cDecade|cStart, int16(20+10*i))
	}
	m["twenty"] = lexeme{cls: m["twenty"].cls, val: 20, w: wTwenty}
	add("fourty", 0, cNum|cTens|cStart, 40)
	ords := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"}
	for i, s := range ords {
		ord(s, int8(i+1))
	}
	ord("thirtieth", 30)
	for _, s := range []string{"gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "pt", "et", "ct", "mt", "bst", "cet", "cest", "eet", "eest", "z", "ist", "jst", "hkt", "sgt", "aest", "aedt", "msk", "wib", "ast"} {
		add(s, 0, cTZ, 0)
	}
	for _, a := range []struct {
		s string
		g gran
	}{{"daily", gDay}, {"weekly", gWeek}, {"monthly", gMonth}, {"yearly", gYear},
		{"hourly", gHour}, {"nightly", gDay}, {"biweekly", gFortnight}, {"fortnightly", gFortnight},
		{"bimonthly", gBimonth}, {"semiannually", gHalf}, {"biannually", gHalf}} {
		add(a.s, 0, cSetAdv|cStart, int16(a.g))
	}
	for _, h := range holidays {
		if h.first != "" {
			add(h.first, 0, cHoliday|cStart, 0)
		}
	}
	words := []struct {
		s   string
		w   wid
		cls uint32
	}{
		{"the", wThe, cStart}, {"a", wA, cStart}, {"an", wAn, cStart}, {"of", wOf, 0},
		{"this", wThis, cStart | cDet}, {"that", wThat, cStart | cDet}, {"these", wThese, cStart | cDet}, {"those", wThose, cStart | cDet},
		{"last", wLast, cStart | cDet}, {"next", wNext, cStart | cDet}, {"past", wPast, cStart | cDet},
		{"coming", wComing, cStart | cDet}, {"previous", wPrevious, cStart | cDet}, {"following", wFollowing, cStart | cDet},
		{"preceding", wPreceding, cStart | cDet}, {"prior", wPrior, cStart | cDet}, {"same", wSame, cStart | cDet},
		{"current", wCurrent, cStart | cDet}, {"upcoming", wUpcoming, cStart | cDet}, {"latest", wLatest, cStart | cDet},
		{"recent", wRecent, cStart | cDet}, {"earlier", wEarlier, cStart}, {"later", wLater, cStart},
		{"early", wEarly, cStart}, {"late", wLate, cStart}, {"mid", wMid, cStart}, {"middle", wMiddle, cStart},
		{"end", wEnd, cStart}, {"beginning", wBeginning, cStart}, {"start", wStart, cStart}, {"close", wClose, 0},
		{"ago", wAgo, 0}, {"before", wBefore, 0}, {"after", wAfter, 0},
		{"from", wFrom, 0}, {"now", wNow, cStart}, {"today", wToday, cStart}, {"yesterday", wYesterday, cStart},
		{"tomorrow", wTomorrow, cStart}, {"tonight", wTonight, cStart}, {"currently", wCurrently, cStart},
		{"recently", wRecently, cStart}, {"soon", wSoon, cStart}, {"future", wFuture, cStart}, {"nowadays", wNowadays, cStart},
		{"present", wPresent, cStart}, {"lately", wLately, cStart}, {"once", wOnce, 0}, {"or", wOr, 0}, {"so", wSo, 0}, {"and", wAnd, 0}, {"at", wAt, cStart | cApprox},
		{"least", wLeast, 0}, {"most", wMost, 0}, {"more", wMore, cStart | cApprox}, {"less", wLess, cStart | cApprox},
		{"than", wThan, 0}, {"about", wAbout, cStart | cApprox}, {"around", wAround, cStart | cApprox},
		{"nearly", wNearly, cStart | cApprox}, {"almost", wAlmost, cStart | cApprox},
		{"approximately", wApproximately, cStart | cApprox}, {"roughly", wRoughly, cStart | cApprox},
		{"some", wSome, cStart | cApprox}, {"over", wOver, cStart | cApprox}, {"under", wUnder, cStart | cApprox},
		{"up", wUp, cStart | cApprox}, {"to", wTo, 0}, {"just", wJust, cStart | cApprox}, {"no", wNo, cStart | cApprox},
		{"fiscal", wFiscal, cStart}, {"every", wEvery, cStart}, {"each", wEach, cStart}, {"per", wPer, 0},
		{"other", wOther, 0}, {"noon", wNoon, cStart}, {"midnight", wMidnight, cStart}, {"midday", wMidday, cStart},
		{"am", wAM, 0}, {"pm", wPM, 0}, {"o", wOClock, 0}, {"half", wHalf, cStart},
		{"few", wFew, cStart}, {"several", wSeveral, cStart}, {"many", wMany, cStart}, {"couple", wCouple, cStart},
		{"dozen", wDozen, cStart}, {"dozens", wDozens, cStart}, {"hundred", wHundred, cStart}, {"hundreds", wHundreds, cStart},
		{"thousand", wThousand, cStart}, {"thousands", wThousands, cStart},
		{"in", wIn, 0}, {"on", wOn, 0}, {"by", wBy, 0}, {"until", wUntil, 0}, {"till", wUntil, 0}, {"since", wSince, 0},
		{"during", wDuring, 0}, {"within", wWithin, 0}, {"for", wFor, 0}, {"time", wTime, 0}, {"times", wTimes, 0},
		{"while", wWhile, 0}, {"period", wPeriod, 0}, {"term", wTerm, 0}, {"date", wDate, 0},
		{"old", wOld, 0}, {"long", wLong, 0}, {"ended", wEnded, 0}, {"ending", wEnding, 0},
		{"hence", wHence, 0}, {"twice", wTwice, cStart}, {"thrice", wThrice, cStart}, {"near", wNear, 0}, {"short", wShort, 0},
		{"another", wAnother, cStart}, {"additional", wAdditional, 0}, {"back", wBack, 0},
		{"its", wIts, 0}, {"his", wHis, 0}, {"their", wTheir, 0}, {"whole", wWhole, 0},
		{"entire", wEntire, 0}, {"full", wFull, 0}, {"q", wQ, 0}, {"fy", wFY, cStart}, {"right", 0, cStart}, {"post", 0, cStart}, {"pre", 0, cStart}, {"sometime", 0, cStart}, {"as", wAs, cStart},
	}
	for _, x := range words {
		add(x.s, x.w, x.cls, 0)
	}
	for _, s := range []string{"the", "a", "an", "this", "that", "these", "those", "last", "next", "past", "coming",
		"previous", "following", "same", "latest", "recent", "early", "late", "upcoming", "preceding", "prior"} {
		add(s, 0, cWeak, 0)
	}
	for _, s := range []string{"close", "latter", "comparable", "corresponding", "near", "short", "long", "full", "whole",
		"entire", "while", "moment", "time", "in", "additional", "single", "further"} {
		add(s, 0, cCont, 0)
	}
	for _, s := range []string{"q1", "q2", "q3", "q4"} {
		add(s, wQ, cStart, int16(s[1]-'0'))
	}
	for _, s := range []string{"h1", "h2"} {
		add(s, wH, cStart, int16(s[1]-'0'))
	}
	// tense cues: the nearest one before an expression picks past or future
	for _, s := range []string{"said", "told", "says", "say", "added", "according", "noted", "stated"} {
		add(s, 0, cReport, 0)
	}
	for _, s := range []string{"was", "were", "had", "did", "told", "announced", "reported", "came", "went",
		"made", "took", "began", "got", "gave", "held", "met", "left", "fell", "rose", "won", "lost", "sent", "paid",
		"sold", "bought", "became", "found", "saw", "wrote", "spoke", "struck", "killed", "agreed", "asked",
		"ended", "closed", "traded", "filed", "signed", "issued", "received", "declined", "released", "arrived",
		"left", "died", "ruled", "hit", "led", "brought", "kept", "thought", "felt", "ran", "drew", "grew", "knew",
		"stood", "fought", "shot", "quit", "resigned", "elected", "voted", "passed", "posted", "earned",
		"ago", "last", "yesterday", "previously", "earlier", "recently", "since"} {
		add(s, 0, cPast, 0)
	}
	for _, s := range []string{"will", "shall", "ll", "tomorrow", "next", "plans", "plan", "scheduled",
		"expected", "expects", "expect", "planning", "upcoming", "coming", "going", "later", "intends", "hopes", "until", "soon", "tonight"} {
		add(s, 0, cFuture, 0)
	}
	return m
}

// holidays lists the named days the grammar knows. first is the first word;
// rest the lower-case words that must follow (optional "day" is handled by the grammar).
var holidays = [...]struct {
	first string
	rest  []string
	month int // fixed date; 0 for computed ones
	day   int
	rule  string // computed: "easter", "thanksgiving", "labor", "memorial", "mlk", "presidents", "columbus", "goodfriday", "mothers", "fathers"
	eve   int    // -1 for an eve
}{
	{first: "christmas", month: 12, day: 25},
	{first: "christmas", rest: []string{"eve"}, month: 12, day: 24},
	{first: "xmas", month: 12, day: 25},
	{first: "thanksgiving", rule: "thanksgiving"},
	{first: "easter", rule: "easter"},
	{first: "halloween", month: 10, day: 31},
	{first: "new", rest: []string{"year", "'", "s", "day"}, month: 1, day: 1},
	{first: "new", rest: []string{"year", "'", "s", "eve"}, month: 12, day: 31},
	{first: "new", rest: []string{"year", "'", "s"}, month: 1, day: 1},
	{first: "independence", rest: []string{"day"}, month: 7, day: 4},
	{first: "labor", rest: []string{"day"}, rule: "labor"},
	{first: "memorial", rest: []string{"day"}, rule: "memorial"},
	{first: "veterans", rest: []string{"day"}, month: 11, day: 11},
	{first: "valentine", rest: []string{"'", "s", "day"}, month: 2, day: 14},
	{first: "valentines", rest: []string{"day"}, month: 2, day: 14},
	{first: "election", rest: []string{"day"}, rule: "election"},
	{first: "inauguration", rest: []string{"day"}, rule: "inauguration"},
	{first: "mother", rest: []string{"'", "s", "day"}, rule: "mothers"},
	{first: "father", rest: []string{"'", "s", "day"}, rule: "fathers"},
	{first: "boxing", rest: []string{"day"}, month: 12, day: 26},
	{first: "armistice", rest: []string{"day"}, month: 11, day: 11},
	{first: "good", rest: []string{"friday"}, rule: "goodfriday"},
	{first: "columbus", rest: []string{"day"}, rule: "columbus"},
	{first: "may", rest: []string{"day"}, month: 5, day: 1},
	{first: "bastille", rest: []string{"day"}, month: 7, day: 14},
}
