// Package timex finds temporal expressions in English text and normalises
// them to TimeML TIMEX3 values (DATE, TIME, DURATION, SET), the way the
// TimeBank and TempEval-3 annotators do.
//
//	found := timex.Tag(text, dct)              // dct: the document's date; zero if unknown
//	for _, t := range found {
//		fmt.Println(text[t.Start:t.End], t.Type, t.Value, t.Mod, t.Granularity())
//	}
//	dct, ok := timex.InferDCT(text)            // a dateline or the first full date, when metadata has none
//
// "Filed Thursday, a month after the March 14, 2017 summons" tagged against
// 2017-04-06 gives Thursday = DATE 2017-04-06, a month = DURATION P1M, March
// 14, 2017 = DATE 2017-03-14. Tag is pure, safe for concurrent use, never
// panics, and runs in time linear in the input; the result is sorted by
// Start and non-overlapping, with spans on rune boundaries.
//
// # How it works
//
// Three passes, no regular expressions:
//
//  1. scan (scan.go) splits the text into word, number and punctuation
//     tokens in one pass and looks every short word up in a keyword table
//     (lexicon.go) that gives its classes (month, weekday, unit, number
//     word, part of day, determiner, tense cue...) and value. Text is tagged
//     in chunks of 32 KB cut at paragraph breaks, so memory stays flat on
//     huge inputs.
//  2. The grammar (grammar.go, rules.go) is a set of hand-written
//     recognisers over tokens: months and days, years, decades and
//     centuries, quarters and halves, seasons, weekdays, holidays, clock
//     times, determiner phrases (last week, the following year), durations,
//     sets, references (now, recently), and the modifiers around them
//     (early, the end of, nearly, ago, or so). The driver tries them only at
//     tokens that can start an expression, skips determiners that precede
//     no temporal word, and keeps the longest match. A recogniser returns a
//     frame: what was said, not yet what it means.
//  3. The resolver (resolve.go, value.go) turns frames into values in
//     document order. A frame names its anchor: nothing (March 14, 2017),
//     the document date (yesterday, last month, two years ago), the
//     reference time (a year earlier, the following year, that day), or the
//     document date with missing fields chosen by tense (March 13,
//     Thursday). The reference time is the last date the text resolved that
//     is not itself relative to the reference (HeidelTime's narrative
//     strategy), so after "the third quarter", "a year earlier" is the third
//     quarter of the year before, keeping the reference's granularity.
//
// # Tense
//
// Bare weekdays, months, month-and-day dates, seasons and quarters take the
// year (or week) that the sentence's tense points to. The tense is the
// nearest cue in the same sentence, searched first before the expression,
// then after it: will, expects, is scheduled to, "set to", "effective"
// (future); said, was, had, an -ed verb, since (past). Reporting verbs
// (said, told) count only when nothing else does; cues inside other
// expressions, passives ("will be held"), adjectives ("the reduced
// dividend") and plans in the past ("had been scheduled to") are not cues.
// Within about three months of the document date the tense is not trusted
// for a month and day ("by Jan. 14" written on January 6 is this January).
// Without any cue, the nearest reading wins, past preferred. "last
// February" said in March is a year back (the month just past is "last
// month"); "since March" is the last March up to the document date;
// quarters move back a year only in the past tense ("expects to report
// third-quarter results" in October is this year's).
//
// # Conventions
//
// Spans follow TimeML as annotated in TimeBank and AQUAINT: articles and
// determiners belong to the expression (the third quarter, the next day),
// prepositions do not (in, on, over, during); early, late, mid and "the end
// of" are inside and set the mod (late January: 2017-01, END); so are
// "around", "nearly", "more than", "at least", "up to" (APPROX, MORE_THAN,
// EQUAL_OR_MORE, ...), but "about", "almost" and "over" stay outside except
// before "... ago" ("almost two years ago") and in "over a week". "ago" and
// "earlier" make a date of a duration (two years ago: 2015); "later",
// "before" and "after" stay outside it (three days later: P3D). An article
// before a year or a duration used as a modifier stays outside ("the 1996
// Olympics", "the eight-year war").
//
// Values: 2017-03-14, 2017-03, 2017 (years), 199 (a decade), 19 (a
// century), 2017-W14 (ISO weeks), 2017-W13-WE, 2017-Q1, 2017-H1, 2017-SU,
// 2017-04-06TMO (part of day), 2017-04-06T13:09; durations P2M, PT3H, P2Y6M,
// P30Y for three decades, PXY for "years"; sets P1W (every week),
// XXXX-WXX-2TNI (Tuesday nights), XXXX-07 (each July); PRESENT_REF
// (now, currently, current), PAST_REF (recently, the past, recent years,
// weeks ago), FUTURE_REF (the future, a later date). Year-end is December
// 31; Friday morning is a TIME with TMO. Without a document date, relative
// expressions keep X placeholders (XXXX-03-13, XXXX-WXX-4) or become
// PAST_REF/FUTURE_REF (last week, next month), and a year the text names
// anchors later months ("In 1998 ... in June" is 1998-06).
//
// Not tagged, by design: rates ("$5 a year", "per second"), ages ("52
// years old"), ordinals that look like units ("a second group"), titles and
// names written with capitals ("USA Today", "60 Minutes", "High Noon", "the
// March for Life"), numbers in identifiers (3:17-cv-01916, 19 U.S.C. § 1509,
// Section 1983, phone numbers, money), and words annotators mark too
// rarely for them to pay: previously, soon, the adjectives future and
// recent, quarterly, annually.
//
// Granularity maps a value to the timeline's scale: century, decade, year,
// season (half years too), quarter, month, week, day, time, duration, set,
// ref or unknown.
//
// # Measured
//
// Development data: TimeBank and AQUAINT from TempEval-3 (256 documents,
// 1,822 TIMEX3), scored with /work/shared/eval/score on the output of
// `casefile extract -jsonl` (strict span / relaxed span / value F1):
//
//	TimeBank  (1,243)  92.60 / 95.39 / 84.81
//	AQUAINT     (579)  86.96 / 94.65 / 76.59
//	combined  (1,822)  90.78 / 95.15 / 82.16
//
// Most remaining value errors are annotation conventions the data does not
// follow consistently (1989-WXX for "last week" in TimeBank, Friday night as
// the day or TEV, "a year ago" as a year or a quarter). The held-out
// TempEval-3 test set has not been run. Speed, one core (go test -bench
// BenchmarkTag -cpu 1, the seed news texts): 7.1 to 8.0 million
// whitespace-separated tokens per second, 45-50 MB/s, measured on a shared
// two-core machine with a load average of 8-9; about 120 KB and 3,000
// allocations per MB of text.
//
// # Tests
//
// go test ./extract/timex runs the table in testdata/cases.txt (sentence,
// document date, every expected expression), the seed-corpus snapshots in
// testdata/seeds (UPDATE_SNAPSHOTS=1 rewrites them; every dated value must
// fall in early 2017), FuzzTag's invariants, and, when the development data
// is in /tmp/eval (or TIMEX_EVAL_DIR), the scores above with the targets as
// floors; TIMEX_EVAL_ERRORS=1 lists every miss, spurious match and wrong
// value. The data is licensed for research and never copied here.
package timex
