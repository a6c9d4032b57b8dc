package site

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxSitemapURLs bounds what one sitemap file yields (the protocol's own
// limit is 50,000).
const maxSitemapURLs = 50000

// Sitemap is a parsed sitemap.xml: page URLs, or (for a sitemap index)
// further sitemaps.
type Sitemap struct {
	URLs     []string
	Sitemaps []string
}

// ParseSitemap reads a sitemap or sitemap index (sitemaps.org protocol).
// Only <loc> elements inside <url> or <sitemap> count; anything else is
// ignored. Input is read with encoding/xml, which expands no external
// entities.
func ParseSitemap(r io.Reader) (*Sitemap, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	sm := &Sitemap{}
	var stack []string
	var loc strings.Builder
	root := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if root == "" {
				return nil, fmt.Errorf("sitemap: %w", err)
			}
			break // keep what was read before the damage
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = t.Name.Local
				if root != "urlset" && root != "sitemapindex" {
					return nil, fmt.Errorf("sitemap: root element is <%s>, want <urlset> or <sitemapindex>", root)
				}
			}
			stack = append(stack, t.Name.Local)
			if len(stack) > 8 {
				return nil, errors.New("sitemap: nesting too deep")
			}
			if t.Name.Local == "loc" {
				loc.Reset()
			}
		case xml.CharData:
			if n := len(stack); n > 0 && stack[n-1] == "loc" && loc.Len() < 4096 {
				loc.Write(t)
			}
		case xml.EndElement:
			if n := len(stack); n >= 2 && stack[n-1] == "loc" {
				v := strings.TrimSpace(loc.String())
				switch {
				case v == "" || len(sm.URLs)+len(sm.Sitemaps) >= maxSitemapURLs:
				case stack[n-2] == "url":
					sm.URLs = append(sm.URLs, v)
				case stack[n-2] == "sitemap":
					sm.Sitemaps = append(sm.Sitemaps, v)
				}
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if root == "" {
		return nil, errors.New("sitemap: no XML element")
	}
	return sm, nil
}
