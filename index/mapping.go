package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Field names of the bleve index. The browser search export (index/websearch) and
// the query syntax users type (entity:, source:, date:>=...) depend on them, so
// they are part of casefile's stable interface.
const (
	FieldTitle   = "title"   // analysed with "en", stored
	FieldText    = "text"    // analysed with "en", stored, with term vectors (phrases, snippets)
	FieldSource  = "source"  // keyword: outlet name exactly as catalogued
	FieldDocType = "doctype" // keyword: article, filing, ...
	FieldDate    = "date"    // datetime: publication date
	FieldYear    = "year"    // keyword: "2017"
	FieldEntity  = "entity"  // keyword, repeated: canonical entity ids
	FieldEType   = "etype"   // keyword, repeated: entity types present (PER, ORG, ...)
	FieldPath    = "path"    // keyword, stored: corpus-relative path
)

// DocType is the bleve document type of every casefile document.
const DocType = "doc"

// IndexDoc is what casefile stores in bleve for one document. Its JSON field
// names are the Field* constants.
type IndexDoc struct {
	Title   string   `json:"title"`
	Text    string   `json:"text"`
	Source  string   `json:"source,omitempty"`
	DocType string   `json:"doctype,omitempty"`
	Date    string   `json:"date,omitempty"` // RFC 3339 date or date-time
	Year    string   `json:"year,omitempty"`
	Entity  []string `json:"entity,omitempty"`
	EType   []string `json:"etype,omitempty"`
	Path    string   `json:"path"`
}

// Type tells bleve's mapping which document mapping applies.
func (IndexDoc) Type() string { return DocType }

// NewMapping returns the index mapping: English analysis (possessives, lower
// case, stop words, Porter stemming) for title and text, which are also in the
// default "_all" field that bare query words search; keyword fields for facets;
// BM25 ranking.
func NewMapping() mapping.IndexMapping {
	text := func(store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = true
		return f
	}
	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		// Quoted values (source:"NBC News") become phrase queries, and
		// bleve matches phrases through term vectors, even of one token.
		f.IncludeTermVectors = true
		return f
	}
	date := bleve.NewDateTimeFieldMapping()
	date.IncludeInAll = false
	date.Store = true

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(FieldTitle, text(true, true))
	doc.AddFieldMappingsAt(FieldText, text(true, true))
	doc.AddFieldMappingsAt(FieldSource, kw(true))
	doc.AddFieldMappingsAt(FieldDocType, kw(false))
	doc.AddFieldMappingsAt(FieldDate, date)
	doc.AddFieldMappingsAt(FieldYear, kw(false))
	doc.AddFieldMappingsAt(FieldEntity, kw(false))
	doc.AddFieldMappingsAt(FieldEType, kw(false))
	doc.AddFieldMappingsAt(FieldPath, kw(true))

	m := bleve.NewIndexMapping()
	m.AddDocumentMapping(DocType, doc)
	m.DefaultMapping = doc
	m.DefaultAnalyzer = en.AnalyzerName
	m.ScoringModel = bleveindex.BM25Scoring
	return m
}
