package exports

import (
	"fmt"
	"strings"
)

// titleHTML is the map's title block; more ends the what-if line, note
// (when not empty) is a line of its own under the subtitle.
func titleHTML(v *View, mo MapOptions, more, note string) string {
	lg := v.Graph
	title := "Trafficking routes, dataset " + lg.Dataset
	if mo.Diversion != nil {
		names := make([]string, len(mo.Diversion.Removed))
		for i, c := range mo.Diversion.Removed {
			names[i] = lg.Country(c).Name
		}
		title = "What if " + strings.Join(names, " and ") + " closed to transit? Dataset " + lg.Dataset
	}
	sub := fmt.Sprintf("%s; %s victims in %s; %s", lg.Filter, v.count(v.Kept.Victims), plural(v.Kept.Records, "record"), v.Describe())
	var b strings.Builder
	fmt.Fprintf(&b, `<FONT POINT-SIZE="20"><B>%s</B></FONT><BR ALIGN="LEFT"/>`, esc(title))
	fmt.Fprintf(&b, `<FONT POINT-SIZE="11">%s</FONT><BR ALIGN="LEFT"/>`, esc(sub))
	if note != "" {
		fmt.Fprintf(&b, `<FONT POINT-SIZE="11"><B>%s</B></FONT><BR ALIGN="LEFT"/>`, esc(note))
	}
	if d := mo.Diversion; d != nil {
		// affected = rerouted + deterred + disrupted, under MinCount with
		// its complement, as every count of the map.
		affected, parts := v.counts(int(d.Affected), int(d.Rerouted), int(d.Deterred), int(d.Disrupted))
		fmt.Fprintf(&b, `<FONT POINT-SIZE="11" COLOR="%s">Displacement %g, new routes by %s: %s affected, %s rerouted, %s deterred, %s disrupted%s</FONT><BR ALIGN="LEFT"/>`,
			colReroute, d.Displacement, d.By, esc(affected), esc(parts[0]), esc(parts[1]), esc(parts[2]), esc(more))
	}
	fmt.Fprintf(&b, `<FONT POINT-SIZE="9" COLOR="%s">%s</FONT><BR ALIGN="LEFT"/>`, colMuted, esc(v.Kept.sourceLine()))
	return b.String()
}

// legendSize is the legend's approximate size in inches.
func legendSize(whatIf bool) (float64, float64) {
	if whatIf {
		return 10.5, 1.45
	}
	return 7.5, 1.45
}

func swatch(col string) string {
	return fmt.Sprintf(`<TD FIXEDSIZE="TRUE" WIDTH="12" HEIGHT="12" BGCOLOR="%s"> </TD>`, col)
}

func line(col string, h int, dashed bool) string {
	if dashed {
		return fmt.Sprintf(`<TD FIXEDSIZE="TRUE" WIDTH="28" HEIGHT="%d"><FONT COLOR="%s"><B>- - -</B></FONT></TD>`, max(h, 12), col)
	}
	return fmt.Sprintf(`<TD FIXEDSIZE="TRUE" WIDTH="28" HEIGHT="%d" BGCOLOR="%s"> </TD>`, h, col)
}

// legendHTML is the legend; regions says the map is of regions,
// unlabeled counts the countries left without a label.
func legendHTML(v *View, mo MapOptions, vmax, labelled int, regions bool, unlabeled int) string {
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="1" COLOR="#BBBBBB" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2" BGCOLOR="#FFFFFF">`)
	b.WriteString(`<TR>`)
	// Countries.
	b.WriteString(`<TD VALIGN="TOP"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">`)
	domestic, what := "domestic (origin = destination)", "Countries"
	if regions {
		domestic, what = "within the region", "Regions"
	}
	fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT"><B>%s</B></TD></TR>`, what)
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT">circle area ~ victims whose route starts,</TD></TR>`)
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT">passes or ends there; pie = share by role:</TD></TR>`)
	for _, r := range []struct{ col, text string }{
		{colOrigin, "origin (route starts there)"},
		{colTransit, "transit (a via country of the route)"},
		{colDestination, "destination (route ends there)"},
		{colDomestic, domestic},
	} {
		fmt.Fprintf(&b, `<TR>%s<TD ALIGN="LEFT">%s</TD></TR>`, swatch(r.col), esc(r.text))
	}
	b.WriteString(`</TABLE></TD>`)
	// Legs.
	b.WriteString(`<TD VALIGN="TOP"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">`)
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legs</B></TD></TR>`)
	fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT">width ~ √victims (widest: %s)</TD></TR>`, esc(v.count(vmax)))
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT">colour = vector with most victims</TD></TR>`)
	for _, r := range []struct {
		col, text string
	}{{colLand, "land"}, {colSea, "sea"}, {colAir, "air"}, {colUnknown, "unknown"}} {
		fmt.Fprintf(&b, `<TR>%s<TD ALIGN="LEFT">%s</TD></TR>`, line(r.col, 4, false), r.text)
	}
	b.WriteString(`</TABLE></TD>`)
	// Notes and what-if.
	b.WriteString(`<TD VALIGN="TOP"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">`)
	if mo.Diversion != nil {
		fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT"><B>What if</B></TD></TR>`)
		fmt.Fprintf(&b, `<TR><TD><FONT COLOR="%s"><B>✕</B></FONT></TD><TD ALIGN="LEFT">removed country (closed to transit)</TD></TR>`, colRemoved)
		fmt.Fprintf(&b, `<TR>%s<TD ALIGN="LEFT">lost leg: no victims left (-victims lost)</TD></TR>`, line(colLost, 4, true))
		fmt.Fprintf(&b, `<TR>%s<TD ALIGN="LEFT">leg taking rerouted victims (+victims)</TD></TR>`, line(colReroute, 4, false))
		fmt.Fprintf(&b, `<TR><TD></TD><TD ALIGN="LEFT">other legs faded; -N: victims a leg loses</TD></TR>`)
	}
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Numbers</B></TD></TR>`)
	if labelled > 0 {
		fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT">victims on %d of the largest legs</TD></TR>`, labelled)
	}
	if unlabeled > 0 {
		what := map[bool]string{false: "countries", true: "country"}[unlabeled == 1]
		if regions {
			what = map[bool]string{false: "regions", true: "region"}[unlabeled == 1]
		}
		fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT">%s %s without a label (no room): see tooltips</TD></TR>`, Thousands(unlabeled), what)
	}
	fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT">under a %s: victims through it</TD></TR>`, map[bool]string{false: "country", true: "region"}[regions])
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT">domestic legs are in the pie, not drawn</TD></TR>`)
	if v.Options.MinCount > 1 {
		fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT">counts under %s hidden</TD></TR>`, Thousands(v.Options.MinCount))
	}
	b.WriteString(`</TABLE></TD>`)
	b.WriteString(`</TR></TABLE>`)
	return b.String()
}
