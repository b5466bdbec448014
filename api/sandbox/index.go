package sandbox

import (
	"html/template"
	"net/http"
	"sync"

	"passport-update/api/sandbox/internal/persona"
)

// indexPage is the sandbox's front page: what a demo presenter or QA needs to drive it. It is
// parsed the first time it is asked for, not at start-up.
var indexPage = sync.OnceValue(func() *template.Template { return template.Must(template.New("index").Parse(indexHTML)) })

const indexHTML = `<!doctype html>
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

<h2>Credentials</h2>
<table>
<tr><th>Tenant ID</th><td><code>{{.TenantID}}</code></td></tr>
<tr><th>Tenant secret</th><td><code>{{.TenantSecret}}</code></td></tr>
<tr><th>Customer password</th><td>{{if .Password}}<code>{{.Password}}</code>{{else}}set by whoever started this server{{end}}</td></tr>
<tr><th>Wrong passwords before lock-out</th><td>{{.MaxWrong}}</td></tr>
</table>

<h2>Scenarios — type the applicant ID at the session step</h2>
<table>
<tr><th>Applicant ID</th><th>Scenario</th><th>What the server does</th></tr>
{{range .Scenarios}}<tr id="{{.ApplicantID}}"><td><code>{{.ApplicantID}}</code></td><td>{{.Name}}</td>
<td>{{.Description}}<div class="shapes">{{.Shapes}}</div></td></tr>
{{end}}</table>

<h2>Specimen passport images</h2>
<p>Synthetic, marked SPECIMEN. Uploading one returns exactly what is drawn on it; any other JPEG or
PNG returns a made-up persona derived from the image’s SHA-256.</p>
<table>
<tr><th>Image</th><th>File</th><th>Document</th><th>Name</th></tr>
{{range .Specimens}}<tr><td><a href="/specimens/{{.Name}}"><img src="/specimens/{{.Name}}" alt="{{.Name}}" loading="lazy"></a></td>
<td><a href="/specimens/{{.Name}}" download>{{.Name}}</a><br><span class="shapes">{{.Note}}</span></td>
<td>{{.Persona.DocumentNumber}} ({{.Persona.Nationality}})<br>expires {{.Persona.ExpiryDate.Format "2006-01-02"}}</td>
<td>{{.Persona.FullNameEn}}<br><span class="ar" lang="ar" dir="rtl">{{.Persona.FullNameAr}}</span></td></tr>
{{end}}</table>
</body>
</html>
`

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
	_ = indexPage().Execute(w, map[string]any{
		"TenantID": TenantID, "TenantSecret": TenantSecret, "Password": password,
		"MaxWrong": MaxWrongPasswords, "Scenarios": Scenarios(), "Specimens": persona.Catalogue,
	})
}
