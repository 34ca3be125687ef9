package site

import (
	"sort"

	"casefile/extract"
	"casefile/index"
)

// Story pages: stories/index.html lists the stories, newest first;
// stories/<id>.html shows one story's documents by date and source with
// what each adds, who said what, and its timeline.

const (
	storyAdds   = 10 // entities listed per document as what it adds
	storyEvents = 40 // timeline events on a story page
)

// storyEntry is one document of a story page.
type storyEntry struct {
	Doc          *extract.Document
	SameAs       *extract.Document
	Entities     []*index.Entity
	MoreEntities int
	Dates        []string
	Quotes       []*index.Quote
}

// speakerQuotes are the quotes of one speaker in a story.
type speakerQuotes struct {
	Speaker *index.Entity
	Quotes  []*index.Quote
}

func (r *renderer) stories() error {
	l := r.lk()
	pages := max(1, (len(r.c.Stories)+storiesPage-1)/storiesPage)
	for p := 0; p < pages; p++ {
		part := r.c.Stories[min(len(r.c.Stories), p*storiesPage):min(len(r.c.Stories), (p+1)*storiesPage)]
		name := "stories/index.html"
		if p > 0 {
			name = pageName("stories/page", p)
		}
		pg := makePager("stories/page", p, pages)
		if pages > 1 { // page 1 is index.html
			fix := func(s string) string {
				if s == "page.html" {
					return "index.html"
				}
				return s
			}
			pg.Prev, pg.Next = fix(pg.Prev), fix(pg.Next)
			for i := range pg.Pages {
				pg.Pages[i].Href = fix(pg.Pages[i].Href)
			}
		}
		body := struct {
			Stories []*index.Story
			Total   int
			Pager   pager
		}{part, len(r.c.Stories), pg}
		if err := r.write(name, "stories", page{Root: "../", Title: "Stories", Nav: "stories", Body: body}); err != nil {
			return err
		}
	}
	for _, s := range r.c.Stories {
		if err := r.story(l, s); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) story(l *lookups, s *index.Story) error {
	inStory := map[string]bool{}
	var entries []storyEntry
	for _, sd := range s.Docs {
		inStory[sd.ID] = true
		e := storyEntry{Doc: r.docs[sd.ID], Dates: sd.Dates}
		if sd.SameAs != "" {
			e.SameAs = r.docs[sd.SameAs]
		}
		ents := make([]*index.Entity, 0, len(sd.Entities))
		for _, id := range sd.Entities {
			ents = append(ents, r.c.Entity(id))
		}
		// people and organisations first, then by how widely reported
		sort.SliceStable(ents, func(i, j int) bool {
			if a, b := typeIndex(ents[i].Type), typeIndex(ents[j].Type); a != b {
				return a < b
			}
			return len(ents[i].Docs) > len(ents[j].Docs)
		})
		if len(ents) > storyAdds {
			e.MoreEntities = len(ents) - storyAdds
			ents = ents[:storyAdds]
		}
		e.Entities = ents
		for _, q := range sd.Quotes {
			e.Quotes = append(e.Quotes, l.quote[q])
		}
		entries = append(entries, e)
	}
	// who said what: every quote cited by a document of the story
	by := map[string]*speakerQuotes{}
	var speakers []*speakerQuotes
	seen := map[string]bool{}
	for _, sd := range s.Docs {
		for _, q := range l.quotesIn[sd.ID] {
			if seen[q.ID] {
				continue
			}
			seen[q.ID] = true
			sq := by[q.Speaker]
			if sq == nil {
				sq = &speakerQuotes{Speaker: r.c.Entity(q.Speaker)}
				by[q.Speaker] = sq
				speakers = append(speakers, sq)
			}
			sq.Quotes = append(sq.Quotes, q)
		}
	}
	for _, sq := range speakers {
		r.readingOrder(sq.Quotes)
	}
	sort.SliceStable(speakers, func(i, j int) bool {
		if len(speakers[i].Quotes) != len(speakers[j].Quotes) {
			return len(speakers[i].Quotes) > len(speakers[j].Quotes)
		}
		return speakers[i].Speaker.Name < speakers[j].Speaker.Name
	})
	var events []*index.Event
	for _, ev := range r.c.Timeline {
		for _, d := range ev.Docs {
			if inStory[d] {
				events = append(events, ev)
				break
			}
		}
	}
	allEvents := len(events)
	if len(events) > storyEvents {
		// the events most of the story reports
		sort.SliceStable(events, func(i, j int) bool { return len(events[i].Docs) > len(events[j].Docs) })
		events = events[:storyEvents]
		sort.SliceStable(events, func(i, j int) bool { return events[i].Date < events[j].Date })
	}
	var key []*index.Entity
	for _, id := range s.Entities {
		key = append(key, r.c.Entity(id))
	}
	body := struct {
		Story     *index.Story
		Entries   []storyEntry
		Key       []*index.Entity
		Speakers  []*speakerQuotes
		Events    []*index.Event
		AllEvents int
		Copies    int
	}{s, entries, key, speakers, events, allEvents, len(s.Docs) - s.Count}
	return r.write("stories/"+s.ID+".html", "story", page{Root: "../", Title: s.Title, Nav: "stories", Body: body})
}
