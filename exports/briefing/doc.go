// Package briefing decides and writes the HTML briefing of a dataset (tipgraph report): what it shows, in which order, capped how, in which words, every victim count under the privacy policy.
package briefing
