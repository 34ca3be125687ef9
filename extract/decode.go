package extract

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decode turns raw file bytes into UTF-8 text. It accepts UTF-8 (with or
// without a BOM), UTF-16 with a BOM, and falls back to Windows-1252 for bytes
// that are not valid UTF-8, the usual encoding of legacy Western files. It
// refuses binary content. The warnings say what was done.
func decode(raw []byte) (string, []string, error) {
	var warn []string
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		s, err := decodeUTF16(raw)
		if err != nil {
			return "", nil, err
		}
		return s, []string{"decoded from UTF-16"}, nil
	}
	if be, ok := utf16Order(raw); ok {
		bom := []byte{0xFF, 0xFE}
		if be {
			bom = []byte{0xFE, 0xFF}
		}
		s, err := decodeUTF16(append(bom, raw...))
		if err != nil {
			return "", nil, err
		}
		return s, []string{"decoded from UTF-16 without a byte-order mark"}, nil
	}
	if looksBinary(raw) {
		return "", nil, ErrBinary
	}
	if n := bytes.Count(raw, []byte{0}); n > 0 {
		raw = bytes.ReplaceAll(raw, []byte{0}, nil)
		warn = append(warn, fmt.Sprintf("removed %d NUL bytes", n))
	}
	if utf8.Valid(raw) {
		return string(raw), warn, nil
	}
	// Mostly valid UTF-8 with a few broken bytes: keep the UTF-8 reading and
	// mark the damage. Otherwise the file is in a legacy single-byte encoding.
	bad, high := 0, 0
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else if size > 1 {
			high++
		}
		i += size
	}
	// Legacy single-byte text almost never forms valid multi-byte sequences,
	// so any real ones mean UTF-8 with some damage.
	if high > 0 && high >= bad {
		warn = append(warn, fmt.Sprintf("replaced %d invalid UTF-8 bytes", bad))
		return strings.ToValidUTF8(string(raw), "\uFFFD"), warn, nil
	}
	warn = append(warn, "decoded from Windows-1252")
	return decodeWindows1252(raw), warn, nil
}

// looksBinary reports whether the start of raw looks like a binary file:
// NUL bytes in bulk, or control characters that text never has. Text with a
// few stray NULs is text (the NULs are removed).
func looksBinary(raw []byte) bool {
	head := raw
	if len(head) > 8192 {
		head = head[:8192]
	}
	if len(head) == 0 {
		return false
	}
	nul, ctl := 0, 0
	for _, c := range head {
		switch {
		case c == 0:
			nul++
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B:
			ctl++
		}
	}
	return nul*100 > 30*len(head) || ctl*100 > 5*len(head)
}

// utf16Order guesses the byte order of UTF-16 text without a BOM: mostly
// Latin text has a NUL in every other byte, at odd offsets for little-endian
// and even offsets for big-endian.
func utf16Order(raw []byte) (be, ok bool) {
	head := raw
	if len(head) > 4096 {
		head = head[:4096]
	}
	if len(head) < 8 {
		return false, false
	}
	even, odd := 0, 0
	for i, c := range head {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(head) / 2
	switch {
	case odd*10 > 7*half && even*10 < half:
		return false, true
	case even*10 > 7*half && odd*10 < half:
		return true, true
	}
	return false, false
}

func decodeUTF16(raw []byte) (string, error) {
	be := raw[0] == 0xFE
	raw = raw[2:]
	if len(raw)%2 == 1 {
		raw = raw[:len(raw)-1]
	}
	u := make([]uint16, len(raw)/2)
	for i := range u {
		if be {
			u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		} else {
			u[i] = uint16(raw[2*i+1])<<8 | uint16(raw[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if strings.ContainsRune(s, 0) {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s, nil
}

// win1252 maps bytes 0x80-0x9F; the rest of Windows-1252 is Latin-1.
var win1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

func decodeWindows1252(raw []byte) string {
	var b strings.Builder
	b.Grow(len(raw) + len(raw)/8)
	for _, c := range raw {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(win1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}
