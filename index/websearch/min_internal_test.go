package websearch

import "testing"

func TestMinifyJS(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"var a = 1; // one\nvar b = a / 2 / 3;", "var a=1;var b=a/2/3;\n"},
		{"x = /ab\\/[/]c/g.test(s) ? 'a // b' : \"c /* d */\";", "x=/ab\\/[/]c/g.test(s)?'a // b':\"c /* d */\";\n"},
		{"return /x/.test(s)", "return/x/.test(s)\n"},
		{"a = b\n(c)", "a=b\n(c)\n"},
		{"a = b +\n  c;\n}", "a=b+\nc;}\n"},
		{"i++\nj--", "i++\nj--\n"},
		{"a + +b; a - -b; a++ + b", "a+ +b;a- -b;a++ +b\n"},
		{"if (x) {\n  /* c\n */ y();\n}\n", "if(x){y();}\n"},
		{"var n = 1.5e-3, m = a[0].b;", "var n=1.5e-3,m=a[0].b;\n"},
		{"typeof x === 'y'", "typeof x==='y'\n"},
	} {
		if got := string(minifyJS([]byte(c.in))); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}
