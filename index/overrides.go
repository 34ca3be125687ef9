package index

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Overrides are an archivist's corrections to entity resolution, read from
// corpus/entities.csv. Each row is an action, a name and a value:
//
//	action,name,value
//	alias,Homeland Security,Department of Homeland Security   merge name into value
//	type,Badlands National Park,LOC                           force the entity's type
//	exclude,Screenshot,                                       drop every mention of name
//	name,DHS,Department of Homeland Security                  display name of name's entity
//
// Names match any spelling of a mention, ignoring case and dots.
type Overrides struct {
	aliases  [][2]string // key, key
	types    map[string]string
	excludes map[string]bool
	names    map[string]string
}

var validTypes = map[string]bool{"PER": true, "ORG": true, "LOC": true, "MISC": true}

// ParseOverrides reads the overrides CSV. Bad rows are reported as warnings
// and skipped.
func ParseOverrides(r io.Reader) (*Overrides, []string, error) {
	ov := &Overrides{types: map[string]string{}, excludes: map[string]bool{}, names: map[string]string{}}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.Comment = '#'
	var warn []string
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, warn, fmt.Errorf("overrides: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 0 || strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		action := strings.ToLower(strings.TrimSpace(rec[0]))
		if first && action == "action" {
			continue // header row
		}
		name, value := "", ""
		if len(rec) > 1 {
			name = strings.TrimSpace(rec[1])
		}
		if len(rec) > 2 {
			value = strings.TrimSpace(rec[2])
		}
		bad := func(why string) { warn = append(warn, fmt.Sprintf("%s line %d: %s", "entities.csv", line, why)) }
		if name == "" {
			bad("no name")
			continue
		}
		key := nameKey(stripArticle(name))
		switch action {
		case "alias":
			if value == "" {
				bad("alias needs a value: the name to merge into")
				continue
			}
			ov.aliases = append(ov.aliases, [2]string{key, nameKey(stripArticle(value))})
		case "type":
			t := strings.ToUpper(value)
			if !validTypes[t] {
				bad(fmt.Sprintf("type %q is not one of PER, ORG, LOC, MISC", value))
				continue
			}
			ov.types[key] = t
		case "exclude":
			ov.excludes[key] = true
		case "name":
			if value == "" {
				bad("name needs a value: the display name")
				continue
			}
			ov.names[key] = value
		default:
			bad(fmt.Sprintf("unknown action %q (use alias, type, exclude or name)", rec[0]))
		}
	}
	return ov, warn, nil
}

func (ov *Overrides) excluded(key string) bool { return ov != nil && ov.excludes[key] }

func (ov *Overrides) typeOf(key string) string {
	if ov == nil {
		return ""
	}
	return ov.types[key]
}

// nameOf returns the display name an override gives any of the forms.
func (ov *Overrides) nameOf(forms map[string]int) string {
	if ov == nil || len(ov.names) == 0 {
		return ""
	}
	best := ""
	for f := range forms {
		if n, ok := ov.names[nameKey(f)]; ok && (best == "" || n < best) {
			best = n
		}
	}
	return best
}

// applyAliases merges the groups an archivist says are one entity. Names
// match any class of group (a handle can be an alias of an organisation).
func (ov *Overrides) applyAliases(r *resolver) {
	if ov == nil {
		return
	}
	byKey := map[string][]int{}
	for i, g := range r.groups {
		k := g.key
		if g.class == "HANDLE" || g.class == "HASHTAG" {
			k = nameKey(k)
		}
		byKey[k] = append(byKey[k], i)
	}
	for _, a := range ov.aliases {
		for _, i := range byKey[a[0]] {
			for _, j := range byKey[a[1]] {
				r.union(j, i)
			}
		}
	}
}
