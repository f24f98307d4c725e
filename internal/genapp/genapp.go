// Package genapp generates large, valid apps for benchmarks: many concepts,
// and syncs that use every kind of pattern and where step.
package genapp

import (
	"fmt"
	"strings"
)

// File is one generated spec file.
type File struct {
	Name string
	Data []byte
}

// Generate returns an app of the given number of concepts and syncs. Each
// concept gets its own routes; syncs are spread evenly over the concepts,
// in groups of four (request, session, respond, error respond).
func Generate(concepts, syncs int) []File {
	var names []string
	files := []File{}
	for i := range concepts {
		name := fmt.Sprintf("Item%03d", i)
		names = append(names, name)
		files = append(files, File{"concepts/" + name + ".concept.yaml", []byte(concept(name))})
	}
	files = append(files, File{"app.yaml", []byte(app(names))})
	var b strings.Builder
	file := 0
	for i := 0; i < syncs; i += 4 {
		c := names[(i/4)%concepts]
		b.WriteString(group(c, i/4))
		if b.Len() > 64<<10 || i+4 >= syncs {
			files = append(files, File{fmt.Sprintf("syncs/gen%03d.sync.yaml", file), []byte(b.String())})
			b.Reset()
			file++
		}
	}
	return files
}

func app(names []string) string {
	return fmt.Sprintf("app: generated\nbase: /api\nconcepts: [Requesting, %s]\ntimeout: 10s\nauth: { header: Authorization, scheme: Token, as: token }\n",
		strings.Join(names, ", "))
}

func concept(name string) string {
	return fmt.Sprintf(`concept: %[1]s [Owner]
purpose: keep %[1]s records for their owners
principle: after create(owner, title) returns item, _get(item) returns that title
state: |
  a set of Items with
    an owner Owner
    a title String
    a count Number
actions:
  create:
    in: { owner: Owner, title: String, "note?": String }
    out:
      - { item: Item }
      - { error: String }
  update:
    in: { item: Item, title: String }
    out:
      - { item: Item }
      - { error: String }
  touch:
    in: { item: Item }
    out: { item: Item, count: Number }
queries:
  _get:
    in: { item: Item }
    out: { title: String, owner: Owner, count: Number }
  _byOwner:
    in: { owner: Owner }
    out: { item: Item, title: String }
`, name)
}

// group returns four syncs on one route of concept c.
func group(c string, n int) string {
	path := fmt.Sprintf("/%s/r%d", strings.ToLower(c), n)
	return fmt.Sprintf(`%[1]sCreate%[2]d:
  when:
    - Requesting.request: { method: "POST", path: "%[3]s", owner, input }
  where:
    - bind: { title: 'input.title ?? ""', note: 'trim(input.note ?? "")' }
    - filter: len(title) > 0 && len(title) < 200
  then:
    - %[1]s.create: { owner, title, note }

%[1]sTouch%[2]d:
  when:
    - Requesting.request: { path: "%[3]s" }
    - %[1]s.create: {}
      out: { item }
  then:
    - %[1]s.touch: { item }

%[1]sRespond%[2]d:
  when:
    - Requesting.request: { path: "%[3]s" }
      out: { request }
    - %[1]s.touch: {}
      out: { item, count }
  where:
    - %[1]s._get: { item }
      out: { title, owner }
      optional: true
    - collect:
        as: siblings
        from:
          - %[1]s._byOwner: { owner }
            out: { item: other, title: otherTitle }
          - filter: other != item
        fields: [other, otherTitle]
    - bind:
        body: |
          {"item": {"id": item, "title": title, "count": count + 1, "siblings": siblings}}
  then:
    - Requesting.respond: { request, status: 201, body }

%[1]sError%[2]d:
  when:
    - Requesting.request: { path: "%[3]s" }
      out: { request }
    - %[1]s.create: {}
      out: { error }
  where:
    - bind: { body: '{"errors": {"body": [error]}}' }
  then:
    - Requesting.respond: { request, status: 422, body }

`, c, n, path)
}
