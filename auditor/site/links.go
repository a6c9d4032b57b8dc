package site

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxLinksPerPage bounds what one page can add to a crawl.
const maxLinksPerPage = 5000

// Extracted is what a page says about itself and where it links.
type Extracted struct {
	Title string
	// Links are absolute http(s) URLs without fragments, each once, in
	// page order: <a>/<area> href, <iframe>/<frame>/<embed> src (embedded
	// forms), and a <meta http-equiv="refresh"> target.
	Links []string
}

// linkAttrs names the attribute that carries a link, per element.
var linkAttrs = map[atom.Atom]string{
	atom.A: "href", atom.Area: "href", atom.Iframe: "src", atom.Frame: "src", atom.Embed: "src",
}

// ExtractLinks reads the title and links of an HTML page fetched from
// base. It accepts any input, malformed HTML included.
func ExtractLinks(base *url.URL, body []byte) Extracted {
	var out Extracted
	seen := map[string]bool{}
	add := func(ref string) {
		if len(out.Links) >= maxLinksPerPage {
			return
		}
		if abs, ok := resolve(base, ref); ok && !seen[abs] {
			seen[abs] = true
			out.Links = append(out.Links, abs)
		}
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	z.SetMaxBuf(len(body) + 1)
	inTitle, baseSet := false, false
	for {
		switch z.Next() {
		case html.ErrorToken:
			out.Title = strings.Join(strings.Fields(out.Title), " ")
			return out
		case html.TextToken:
			if inTitle && len(out.Title) < 500 {
				out.Title += string(z.Text())
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == atom.Title {
				inTitle = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Title && out.Title == "" {
				inTitle = true
			}
			if !hasAttr {
				continue
			}
			attrs := attrMap(z)
			switch a {
			case atom.Base:
				if b, ok := resolveURL(base, attrs["href"]); ok && !baseSet {
					base, baseSet = b, true
				}
			case atom.Meta:
				if strings.EqualFold(attrs["http-equiv"], "refresh") {
					if ref, ok := refreshTarget(attrs["content"]); ok {
						add(ref)
					}
				}
			default:
				if attr, ok := linkAttrs[a]; ok {
					if v, ok := attrs[attr]; ok {
						add(v)
					}
				}
			}
		}
	}
}

func attrMap(z *html.Tokenizer) map[string]string {
	m := map[string]string{}
	for {
		k, v, more := z.TagAttr()
		if _, dup := m[string(k)]; !dup {
			m[string(k)] = string(v)
		}
		if !more {
			return m
		}
	}
}

// refreshTarget reads "5; url=/next" from a meta refresh.
func refreshTarget(content string) (string, bool) {
	_, rest, ok := strings.Cut(content, ";")
	if !ok {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	if len(rest) < 4 || !strings.EqualFold(rest[:4], "url=") {
		return "", false
	}
	return strings.Trim(strings.TrimSpace(rest[4:]), `'"`), true
}

// resolve makes ref absolute against base; only http(s) URLs are kept,
// without their fragment.
func resolve(base *url.URL, ref string) (string, bool) {
	u, ok := resolveURL(base, ref)
	if !ok {
		return "", false
	}
	return u.String(), true
}

func resolveURL(base *url.URL, ref string) (*url.URL, bool) {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > 4096 {
		return nil, false
	}
	r, err := url.Parse(ref)
	if err != nil {
		return nil, false
	}
	u := r
	if base != nil {
		u = base.ResolveReference(r)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, false
	}
	u.Fragment, u.RawFragment = "", ""
	return u, true
}
