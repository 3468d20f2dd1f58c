package main

import "embed"

// webFiles is the page of `tipgraph serve`: index.html (served at /),
// app.js and app.css (served under /static/). The page has no inline
// script or style, so the server's Content-Security-Policy can forbid them;
// it talks to the server only through the /api/ endpoints.
//
//go:embed web
var webFiles embed.FS
