package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// sessionStore holds the sessions of signed-in browsers: a random id per
// sign-in, kept server-side (as its SHA-256) until sign-out or expiry, so a
// cookie stops working when its browser signs out.
type sessionStore struct {
	mu      sync.Mutex
	expires map[[sha256.Size]byte]time.Time
}

// open starts a session and returns its id (the cookie's value).
func (st *sessionStore) open(now time.Time) (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	id := hex.EncodeToString(b[:])
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.expires == nil {
		st.expires = map[[sha256.Size]byte]time.Time{}
	}
	if len(st.expires) >= serveMaxSessions {
		st.prune(now)
	}
	st.expires[sha256.Sum256([]byte(id))] = now.Add(serveSessionTTL)
	return id, nil
}

// valid reports whether id is a session that has not expired.
func (st *sessionStore) valid(id string, now time.Time) bool {
	key := sha256.Sum256([]byte(id))
	st.mu.Lock()
	defer st.mu.Unlock()
	exp, ok := st.expires[key]
	if ok && now.After(exp) {
		delete(st.expires, key)
		return false
	}
	return ok
}

// drop ends a session.
func (st *sessionStore) drop(id string) {
	st.mu.Lock()
	delete(st.expires, sha256.Sum256([]byte(id)))
	st.mu.Unlock()
}

// prune removes the expired sessions and, when that is not enough, the
// one that expires first. The caller holds mu.
func (st *sessionStore) prune(now time.Time) {
	var first [sha256.Size]byte
	var firstExp time.Time
	for k, exp := range st.expires {
		if now.After(exp) {
			delete(st.expires, k)
			continue
		}
		if firstExp.IsZero() || exp.Before(firstExp) {
			first, firstExp = k, exp
		}
	}
	if len(st.expires) >= serveMaxSessions {
		delete(st.expires, first)
	}
}

// sameOrigin reports whether a sign-in or sign-out form comes from this
// server's own page: its Origin header names the request's host, or, where
// the browser writes Origin as "null" (our Referrer-Policy: no-referrer
// makes it do so for forms), its Sec-Fetch-Site header says same-origin.
// Pages cannot set either header; a request with neither is refused.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if (o == "" || o == "null") && r.Header.Get("Sec-Fetch-Site") == "same-origin" {
		return true
	}
	u, err := url.Parse(o)
	return o != "" && err == nil && u.Host == r.Host && (u.Scheme == "http" || u.Scheme == "https")
}
