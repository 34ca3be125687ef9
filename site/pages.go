package site

import (
	"fmt"
	"html"
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"casefile/extract"
	"casefile/index"
)

type sourceCount struct {
	Name  string
	Count int
}

type typeGroup struct {
	Type     string
	Entities []*index.Entity
}

// groupByType groups entities by type in display order; within a type the
// most widely reported come first.
func groupByType(ents []*index.Entity, limit int) []typeGroup {
	by := map[string][]*index.Entity{}
	for _, e := range ents {
		by[e.Type] = append(by[e.Type], e)
	}
	var out []typeGroup
	for t, list := range by {
		sort.SliceStable(list, func(i, j int) bool {
			if len(list[i].Docs) != len(list[j].Docs) {
				return len(list[i].Docs) > len(list[j].Docs)
			}
			if list[i].Mentions != list[j].Mentions {
				return list[i].Mentions > list[j].Mentions
			}
			return list[i].ID < list[j].ID
		})
		if limit > 0 && len(list) > limit {
			list = list[:limit]
		}
		out = append(out, typeGroup{t, list})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := typeIndex(out[i].Type), typeIndex(out[j].Type)
		if a != b {
			return a < b
		}
		return out[i].Type < out[j].Type
	})
	return out
}

func (r *renderer) home() error {
	docs := docsByDate(r.c)
	counts := map[string]int{}
	from, to := "", ""
	for _, d := range docs {
		if d.Source != "" {
			counts[d.Source]++
		}
		if d.Published != "" {
			if from == "" || d.Published < from {
				from = d.Published
			}
			if d.Published > to {
				to = d.Published
			}
		}
	}
	var sources []sourceCount
	for n, c := range counts {
		sources = append(sources, sourceCount{n, c})
	}
	sort.Slice(sources, func(i, j int) bool {
		if sources[i].Count != sources[j].Count {
			return sources[i].Count > sources[j].Count
		}
		return sources[i].Name < sources[j].Name
	})
	var top []typeGroup
	for _, g := range groupByType(r.c.Entities, 10) {
		switch g.Type {
		case "PER", "ORG", "LOC", "MISC", extract.KindHandle:
			top = append(top, g)
		}
	}
	body := struct {
		Docs     []*extract.Document
		Sources  []sourceCount
		From, To string
		Top      []typeGroup
	}{docs, sources, from, to, top}
	return r.write("index.html", "home", page{Title: "Overview", Nav: "home", Body: body})
}

type docEntity struct {
	ID, Name, Type string
	Count          int
}

type docDate struct{ Value, Text string }

func (r *renderer) documents() error {
	for i, a := range r.c.Docs {
		links := r.c.Links[i]
		counts := map[string]int{}
		for _, id := range links {
			if id != "" {
				counts[id]++
			}
		}
		var ents []*index.Entity
		for id := range counts {
			ents = append(ents, r.c.Entity(id))
		}
		var groups []struct {
			Type     string
			Entities []docEntity
		}
		for _, g := range groupByType(ents, 0) {
			var list []docEntity
			for _, e := range g.Entities {
				list = append(list, docEntity{e.ID, e.Name, e.Type, counts[e.ID]})
			}
			sort.SliceStable(list, func(i, j int) bool { return list[i].Count > list[j].Count })
			groups = append(groups, struct {
				Type     string
				Entities []docEntity
			}{g.Type, list})
		}
		var dates []docDate
		seen := map[string]bool{}
		for _, t := range a.Timexes {
			if datableValue(t) && !seen[t.Value] {
				seen[t.Value] = true
				dates = append(dates, docDate{eventDay(t.Value), t.Text})
			}
		}
		body := struct {
			Doc      *extract.Document
			Blocks   []template.HTML
			Entities any
			Dates    []docDate
		}{&a.Doc, highlight(a, links, func(id string) string { return r.c.Entity(id).Type }), groups, dates}
		if err := r.write("docs/"+a.Doc.ID+".html", "doc", page{Root: "../", Title: a.Doc.Title, Body: body}); err != nil {
			return err
		}
	}
	return nil
}

func datableValue(t extract.Timex) bool {
	if t.Type != "DATE" && t.Type != "TIME" || len(t.Value) < 4 || strings.ContainsAny(t.Value, "X") || strings.HasSuffix(t.Value, "_REF") {
		return false
	}
	for _, c := range t.Value[:4] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func eventDay(v string) string {
	if i := strings.IndexByte(v, 'T'); i > 0 {
		return v[:i]
	}
	return v
}

// highlight renders a document's blocks as HTML with every resolved entity
// mention linked to its entity page (styled by the entity's type, not the
// mention's) and every date linked to the timeline. The text is escaped;
// only casefile's own tags are added.
func highlight(a *extract.Analysis, links []string, typeOf func(id string) string) []template.HTML {
	type mark struct {
		start, end int
		open       string
	}
	var marks []mark
	for j, m := range a.Mentions {
		if links[j] == "" {
			continue
		}
		marks = append(marks, mark{m.Start, m.End, fmt.Sprintf(`<a class="ent ent-%s" id="m%d" href="../entities/%s.html">`, typeOf(links[j]), j, links[j])})
	}
	k := 0
	for _, t := range a.Timexes {
		for k < len(a.Mentions) && a.Mentions[k].End <= t.Start {
			k++
		}
		if k < len(a.Mentions) && a.Mentions[k].Start < t.End && links[k] != "" {
			continue // dates inside names stay part of the name
		}
		if datableValue(t) {
			marks = append(marks, mark{t.Start, t.End, fmt.Sprintf(`<a class="tx" href="../timeline.html#d-%s" title="%s">`, html.EscapeString(eventDay(t.Value)), html.EscapeString(DateText(eventDay(t.Value))))})
		}
	}
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].start < marks[j].start })
	text := a.Doc.Text
	out := make([]template.HTML, 0, len(a.Doc.Blocks))
	mi := 0
	for bi, b := range a.Doc.Blocks {
		var sb strings.Builder
		tag := "p"
		if b.Kind == "h" {
			tag = "h2"
		}
		fmt.Fprintf(&sb, "<%s id=\"p%d\">", tag, bi+1)
		pos := b.Start
		for mi < len(marks) && marks[mi].start < b.End {
			m := marks[mi]
			mi++
			if m.start < pos || m.end > b.End {
				continue // overlapping or crossing a block boundary
			}
			sb.WriteString(html.EscapeString(text[pos:m.start]))
			sb.WriteString(m.open)
			sb.WriteString(html.EscapeString(text[m.start:m.end]))
			sb.WriteString("</a>")
			pos = m.end
		}
		sb.WriteString(html.EscapeString(text[pos:b.End]))
		fmt.Fprintf(&sb, "</%s>", tag)
		out = append(out, template.HTML(sb.String()))
	}
	return out
}

type kwic struct {
	Doc                string
	Mention            int
	Left, Match, Right string
}

type kwicDoc struct {
	ID, Title, Source, Published string
	Contexts                     []kwic
}

// contextWindow is how much text shows on each side of a mention.
const contextWindow = 90

func context(text string, b extract.Block, m extract.Mention) (left, right string) {
	ls := max(b.Start, m.Start-contextWindow)
	for ls > b.Start && ls < len(text) && !utf8.RuneStart(text[ls]) {
		ls++
	}
	if ls > b.Start {
		if i := strings.IndexByte(text[ls:m.Start], ' '); i >= 0 {
			ls += i + 1
		}
	}
	re := min(b.End, m.End+contextWindow)
	for re < b.End && !utf8.RuneStart(text[re]) {
		re--
	}
	if re < b.End {
		if i := strings.LastIndexByte(text[m.End:re], ' '); i >= 0 {
			re = m.End + i
		}
	}
	left, right = text[ls:m.Start], text[m.End:re]
	if ls > b.Start {
		left = "…" + left
	}
	if re < b.End {
		right += "…"
	}
	return left, right
}

func (r *renderer) entities() error {
	// mentions of every entity, in document order
	refs := map[string][][2]int{}
	for i := range r.c.Docs {
		for j, id := range r.c.Links[i] {
			if id != "" {
				refs[id] = append(refs[id], [2]int{i, j})
			}
		}
	}
	eventsOf := map[string][]*index.Event{}
	for _, ev := range r.c.Timeline {
		for _, id := range ev.Entities {
			eventsOf[id] = append(eventsOf[id], ev)
		}
	}
	for _, e := range r.c.Entities {
		var docs []*kwicDoc
		byDoc := map[int]*kwicDoc{}
		for _, rf := range refs[e.ID] {
			a := r.c.Docs[rf[0]]
			kd := byDoc[rf[0]]
			if kd == nil {
				kd = &kwicDoc{ID: a.Doc.ID, Title: a.Doc.Title, Source: a.Doc.Source, Published: a.Doc.Published}
				byDoc[rf[0]] = kd
				docs = append(docs, kd)
			}
			m := a.Mentions[rf[1]]
			b := blockOf(a.Doc.Blocks, m.Start)
			left, right := context(a.Doc.Text, b, m)
			kd.Contexts = append(kd.Contexts, kwic{a.Doc.ID, rf[1], left, m.Text, right})
		}
		sort.SliceStable(docs, func(i, j int) bool {
			if docs[i].Published != docs[j].Published {
				return docs[i].Published > docs[j].Published
			}
			return docs[i].ID < docs[j].ID
		})
		body := struct {
			Entity *index.Entity
			Docs   []*kwicDoc
			Events []*index.Event
		}{e, docs, eventsOf[e.ID]}
		if err := r.write("entities/"+e.ID+".html", "entity", page{Root: "../", Title: e.Name, Nav: "entities", Body: body}); err != nil {
			return err
		}
	}
	body := struct {
		All    []*index.Entity
		Groups []typeGroup
	}{r.c.Entities, groupByType(r.c.Entities, 0)}
	return r.write("entities/index.html", "entities", page{Root: "../", Title: "Entities", Nav: "entities", Body: body})
}

func blockOf(blocks []extract.Block, off int) extract.Block {
	i := sort.Search(len(blocks), func(i int) bool { return blocks[i].End > off })
	if i == len(blocks) {
		return extract.Block{}
	}
	return blocks[i]
}

func (r *renderer) timeline() error {
	type day struct {
		Date   string
		Events []*index.Event
	}
	var days []*day
	for _, ev := range r.c.Timeline {
		if len(days) == 0 || days[len(days)-1].Date != ev.Date {
			days = append(days, &day{Date: ev.Date})
		}
		days[len(days)-1].Events = append(days[len(days)-1].Events, ev)
	}
	body := struct {
		Events []*index.Event
		Days   []*day
	}{r.c.Timeline, days}
	return r.write("timeline.html", "timeline", page{Title: "Timeline", Nav: "timeline", Body: body})
}

func (r *renderer) search() error {
	body := struct{ Scripts []string }{[]string{"search/manifest.js"}}
	return r.write("search.html", "search", page{Title: "Search", Nav: "search", Body: body})
}
