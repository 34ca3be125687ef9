// Package extract turns corpus files into clean Documents and annotates them.
//
// Reading (Read) detects the format from the file name, decodes the bytes
// (UTF-8, UTF-16 with a BOM, or Windows-1252), pulls metadata (a catalog row,
// front matter, header lines, HTML meta tags and JSON-LD, datelines), strips
// boilerplate (browser banners, photo credits, update notes, promos, comment
// boxes) and returns a Document whose Text is the clean text that every later
// stage points into.
//
// Annotation (Annotate) is pure: the same text and document date always give
// the same entity mentions and temporal expressions, so results can be cached
// by content hash.
//
// All offsets inside casefile are byte offsets into Document.Text. Exports
// convert them to Unicode code points.
package extract
