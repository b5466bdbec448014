package sandbox

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"strings"

	"example.com/passport-update/api/sandbox/internal/persona"
)

// The sandbox's front page: what a demo presenter or QA needs to drive it.

const indexHead = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>passport-update sandbox</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1c2430; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #d5dbe3; }
code { background: #eef2f6; padding: 0 .25rem; border-radius: 3px; }
.ar { direction: rtl; unicode-bidi: isolate; }
.shapes { color: #5a6573; font-size: 13px; }
img { max-width: 220px; border: 1px solid #c5ccd6; }
</style>
</head>
<body>
<h1>passport-update sandbox</h1>
<p>A stand-in for the eKYC “Update Passport” server. Every call of the API is served at the root
paths (<code>/api/v1/…</code>). Nothing here is a real person or a real document.</p>

`

// writeIndex writes the page; every value from a persona, scenario or option is escaped.
func writeIndex(b *strings.Builder, password string) {
	e := html.EscapeString
	b.WriteString(indexHead)
	b.WriteString("<h2>Credentials</h2>\n<table>\n")
	fmt.Fprintf(b, "<tr><th>Tenant ID</th><td><code>%s</code></td></tr>\n", e(TenantID))
	fmt.Fprintf(b, "<tr><th>Tenant secret</th><td><code>%s</code></td></tr>\n", e(TenantSecret))
	if password != "" {
		fmt.Fprintf(b, "<tr><th>Customer password</th><td><code>%s</code></td></tr>\n", e(password))
	} else {
		b.WriteString("<tr><th>Customer password</th><td>set by whoever started this server</td></tr>\n")
	}
	fmt.Fprintf(b, "<tr><th>Wrong passwords before lock-out</th><td>%d</td></tr>\n</table>\n\n", MaxWrongPasswords)

	b.WriteString("<h2>Scenarios — type the applicant ID at the session step</h2>\n<table>\n")
	b.WriteString("<tr><th>Applicant ID</th><th>Scenario</th><th>What the server does</th></tr>\n")
	for _, sc := range Scenarios() {
		fmt.Fprintf(b, "<tr id=\"%s\"><td><code>%s</code></td><td>%s</td>\n<td>%s<div class=\"shapes\">%s</div></td></tr>\n",
			e(sc.ApplicantID), e(sc.ApplicantID), e(sc.Name), e(sc.Description), e(sc.Shapes()))
	}
	b.WriteString("</table>\n\n")

	b.WriteString(`<h2>Specimen passport images</h2>
<p>Synthetic, marked SPECIMEN. Uploading one returns exactly what is drawn on it; any other JPEG or
PNG returns a made-up persona derived from the image’s SHA-256.</p>
<table>
<tr><th>Image</th><th>File</th><th>Document</th><th>Name</th></tr>
`)
	for _, sp := range persona.Catalogue {
		n, p := e(sp.Name), sp.Persona
		fmt.Fprintf(b, "<tr><td><a href=\"/specimens/%s\"><img src=\"/specimens/%s\" alt=\"%s\" loading=\"lazy\"></a></td>\n", n, n, n)
		fmt.Fprintf(b, "<td><a href=\"/specimens/%s\" download>%s</a><br><span class=\"shapes\">%s</span></td>\n", n, n, e(sp.Note))
		fmt.Fprintf(b, "<td>%s (%s)<br>expires %s</td>\n", e(p.DocumentNumber), e(p.Nationality), p.ExpiryDate.Format("2006-01-02"))
		fmt.Fprintf(b, "<td>%s<br><span class=\"ar\" lang=\"ar\" dir=\"rtl\">%s</span></td></tr>\n", e(p.FullNameEn()), e(p.FullNameAr()))
	}
	b.WriteString("</table>\n</body>\n</html>\n")
}

func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) {
	// The public demo password is shown; one set by an operator (Options.Password) is a
	// secret and never is.
	password := ""
	if s.opts.Password == Password {
		password = Password
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.Method == http.MethodHead {
		return
	}
	var b strings.Builder
	writeIndex(&b, password)
	_, _ = io.WriteString(w, b.String())
}
