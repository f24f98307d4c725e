package console

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"
)

// assets are the console's page, its style and its script, and the page
// that asks for the admin token: plain files, embedded in the binary.
//
//go:embed assets
var assets embed.FS

// pages are the console's page and the login page, each one document
// with its style and script inside, so that a page that got in with the
// admin token needs nothing that the token would have to come with; and
// the Content-Security-Policy both are sent with, which lets them run
// their own style and scripts, and reach this server only.
type pages struct {
	console, login string
	policy         string
}

// built builds the pages once.
var built = sync.OnceValue(func() pages {
	css, js := asset("console.css"), asset("console.js")
	login := asset("login.js")
	p := pages{
		console: strings.NewReplacer("/*style*/", css, "/*script*/", js).Replace(asset("console.html")),
		login:   strings.NewReplacer("/*style*/", css, "/*script*/", login).Replace(asset("login.html")),
	}
	p.policy = "default-src 'none'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
		"style-src " + hash(css) + "; script-src " + hash(js) + " " + hash(login)
	return p
})

// asset returns an embedded file; they are there, by the build.
func asset(name string) string {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		panic("console: the embedded asset " + name + " is missing: " + err.Error())
	}
	return string(b)
}

// hash is a Content-Security-Policy source for an inline script or style.
func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// page answers the console's page.
func (c *Console) page(ec echo.Context) error {
	return send(ec, http.StatusOK, built().console)
}

// Login answers a browser that asked for the console without the admin
// token outside development mode: 401, and a page that asks for the
// token and then opens the console with it. The page holds nothing of
// the app.
func Login(ec echo.Context) error {
	return send(ec, http.StatusUnauthorized, built().login)
}

// send answers an HTML page with the pages' policy.
func send(ec echo.Context, status int, html string) error {
	h := ec.Response().Header()
	h.Set("Content-Security-Policy", built().policy)
	h.Set(echo.HeaderXContentTypeOptions, "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set(echo.HeaderCacheControl, "no-store")
	return ec.HTML(status, html)
}
