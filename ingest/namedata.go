package ingest

// Curated texts the libraries do not hold: how national authorities and UN
// tables write countries and the categories that are not a country. Each
// entry is text -> alpha-2 code; texts are folded (see fold) before use, so
// case, accents and punctuation do not matter here.

// longForms are UN (M49 and terminology) and other official long forms.
var longForms = map[string]string{
	"Bolivia (Plurinational State of)":                     "BO",
	"Plurinational State of Bolivia":                       "BO",
	"Estado Plurinacional de Bolivia":                      "BO",
	"China, Hong Kong Special Administrative Region":       "HK",
	"China, Hong Kong SAR":                                 "HK",
	"Hong Kong SAR":                                        "HK",
	"Hong Kong SAR, China":                                 "HK",
	"Hong Kong, China":                                     "HK",
	"Hong Kong (China)":                                    "HK",
	"China, Macao Special Administrative Region":           "MO",
	"China, Macao SAR":                                     "MO",
	"Macao SAR, China":                                     "MO",
	"Macao SAR":                                            "MO",
	"China, Taiwan Province of":                            "TW",
	"Taiwan, Province of China":                            "TW",
	"Taiwan Province of China":                             "TW",
	"Kosovo under UNSCR 1244":                              "XK",
	"Kosovo under UNSC 1244":                               "XK",
	"Kosovo under UNSCR 1244/99":                           "XK",
	"Kosovo under UNSCR 1244/1999":                         "XK",
	"Kosovo under UN Security Council Resolution 1244":     "XK",
	"Kosovo UNSCR 1244":                                    "XK",
	"Kosovo (as per UNSCR 1244)":                           "XK",
	"Kosovo*":                                              "XK",
	"Iran (Islamic Republic of)":                           "IR",
	"Islamic Republic of Iran":                             "IR",
	"Iran, Islamic Rep.":                                   "IR",
	"Republica Islamica del Iran":                          "IR",
	"Venezuela (Bolivarian Republic of)":                   "VE",
	"Bolivarian Republic of Venezuela":                     "VE",
	"Venezuela, RB":                                        "VE",
	"Republica Bolivariana de Venezuela":                   "VE",
	"Republic of Moldova":                                  "MD",
	"Moldova, Republic of":                                 "MD",
	"Republica de Moldova":                                 "MD",
	"United Republic of Tanzania":                          "TZ",
	"Tanzania, United Republic of":                         "TZ",
	"Republica Unida de Tanzania":                          "TZ",
	"Democratic Republic of the Congo":                     "CD",
	"Congo, Democratic Republic of the":                    "CD",
	"Congo, Dem. Rep.":                                     "CD",
	"Congo (Democratic Republic)":                          "CD",
	"Congo (Kinshasa)":                                     "CD",
	"Congo-Kinshasa":                                       "CD",
	"Republica Democratica del Congo":                      "CD",
	"Republique democratique du Congo":                     "CD",
	"Republic of the Congo":                                "CG",
	"Congo, Republic of the":                               "CG",
	"Congo, Rep.":                                          "CG",
	"Congo (Brazzaville)":                                  "CG",
	"Congo-Brazzaville":                                    "CG",
	"Republica del Congo":                                  "CG",
	"Republique du Congo":                                  "CG",
	"Democratic People's Republic of Korea":                "KP",
	"Korea, Democratic People's Republic of":               "KP",
	"Korea, Dem. People's Rep.":                            "KP",
	"Korea, DPR":                                           "KP",
	"Republica Popular Democratica de Corea":               "KP",
	"Republique populaire democratique de Coree":           "KP",
	"Republic of Korea":                                    "KR",
	"Korea, Republic of":                                   "KR",
	"Korea, Rep.":                                          "KR",
	"Republica de Corea":                                   "KR",
	"Republique de Coree":                                  "KR",
	"Lao People's Democratic Republic":                     "LA",
	"Lao PDR":                                              "LA",
	"Republica Democratica Popular Lao":                    "LA",
	"Syrian Arab Republic":                                 "SY",
	"Republica Arabe Siria":                                "SY",
	"Republique arabe syrienne":                            "SY",
	"Russian Federation":                                   "RU",
	"Federacion de Rusia":                                  "RU",
	"Federation de Russie":                                 "RU",
	"Micronesia (Federated States of)":                     "FM",
	"Micronesia, Fed. Sts.":                                "FM",
	"Federated States of Micronesia":                       "FM",
	"United Kingdom of Great Britain and Northern Ireland": "GB",
	"Reino Unido de Gran Bretana e Irlanda del Norte":      "GB",
	"Royaume-Uni de Grande-Bretagne et d'Irlande du Nord":  "GB",
	"Great Britain":                                        "GB",
	"Northern Ireland":                                     "GB",
	"United States of America":                             "US",
	"Estados Unidos de America":                            "US",
	"Etats-Unis d'Amerique":                                "US",
	"State of Palestine":                                   "PS",
	"Occupied Palestinian Territory":                       "PS",
	"Occupied Palestinian Territories":                     "PS",
	"West Bank and Gaza":                                   "PS",
	"West Bank and Gaza Strip":                             "PS",
	"Estado de Palestina":                                  "PS",
	"Etat de Palestine":                                    "PS",
	"Santa Sede":                                           "VA",
	"Saint-Siege":                                          "VA",
	"Republic of Türkiye":                                  "TR",
	"Kingdom of Eswatini":                                  "SZ",
	"Esuatini":                                             "SZ",
	"Republic of North Macedonia":                          "MK",
	"The former Yugoslav Republic of Macedonia":            "MK",
	"Macedonia, FYR":                                       "MK",
	"Macedonia del Norte":                                  "MK",
	"Macedoine du Nord":                                    "MK",
	"Ex Republica Yugoslava de Macedonia":                  "MK",
	"Saint Martin (French part)":                           "MF",
	"Sint Maarten (Dutch part)":                            "SX",
	"Bonaire, Sint Eustatius and Saba":                     "BQ",
	"Timor Oriental":                                       "TL",
	"Egypt, Arab Rep.":                                     "EG",
	"Arab Republic of Egypt":                               "EG",
	"Yemen, Rep.":                                          "YE",
	"Republica Checa":                                      "CZ",
	"Republique tcheque":                                   "CZ",
	"Slovak Republic":                                      "SK",
	"Republica Eslovaca":                                   "SK",
	"Kyrgyz Republic":                                      "KG",
	"People's Republic of China":                           "CN",
	"Republica Popular China":                              "CN",
	"Republique populaire de Chine":                        "CN",
	"China (mainland)":                                     "CN",
	"Mainland China":                                       "CN",
	"Rep. Dominicana":                                      "DO",
	"Republica Dominicana":                                 "DO",
	"Republique dominicaine":                               "DO",
	"Republica Centroafricana":                             "CF",
	"Republique centrafricaine":                            "CF",
	"Serbia & Montenegro":                                  "CS",
	"Serbia y Montenegro":                                  "CS",
	"Serbie-et-Montenegro":                                 "CS",
	"Federal Republic of Yugoslavia":                       "YU",
	"Antillas Neerlandesas":                                "AN",
	"Antilles neerlandaises":                               "AN",
}

// abbreviations are initials and short forms common in national tables.
var abbreviations = map[string]string{
	"UK": "GB", "U.K.": "GB", "GBR": "GB",
	"USA": "US", "U.S.A.": "US", "U.S.": "US", "EEUU": "US", "EE.UU.": "US", "EE. UU.": "US", "EUA": "US", "E.U.A.": "US",
	"RDC": "CD", "R.D.C.": "CD", "DRC": "CD", "D.R.C.": "CD", "DR Congo": "CD", "RD Congo": "CD", "R.D. Congo": "CD", "RDCongo": "CD",
	"B&H": "BA", "B & H": "BA", "BiH": "BA", "B i H": "BA", "B-H": "BA",
	"RMI": "MH",
	"UAE": "AE", "U.A.E.": "AE", "EAU": "AE", "E.A.U.": "AE",
	"DPRK": "KP", "D.P.R.K.": "KP", "DPR Korea": "KP", "RPDC": "KP", "N. Korea": "KP",
	"ROK": "KR", "S. Korea": "KR",
	"PRC": "CN", "P.R.C.": "CN", "PR China": "CN", "RP China": "CN",
	"CAR": "CF", "C.A.R.": "CF", "RCA": "CF",
	"KSA": "SA", "K.S.A.": "SA",
	"RSA": "ZA", "R.S.A.": "ZA",
	"BVI": "VG", "USVI": "VI",
	"FYROM": "MK", "FYR Macedonia": "MK", "ARYM": "MK",
	"RF": "RU", "R.F.": "RU",
	"SCG": "CS",
	"KOS": "XK", "RKS": "XK",
	"Rep. Checa":          "CZ",
	"Rep. Dem. del Congo": "CD", "Rep. Dem. Congo": "CD", "R.D. del Congo": "CD",
	"Bosnia-Herz.": "BA", "Bosnia Herz": "BA",
	"St. Vincent": "VC", "St Kitts": "KN",
	"Trinidad": "TT",
	"PNG":      "PG",
}

// colloquial are everyday names in the UN languages and Portuguese,
// German and Italian that CLDR does not list ("Holanda", "Guinée
// Conakry").
var colloquial = map[string]string{
	"Holanda": "NL", "Hollande": "NL", "Olanda": "NL",
	"Inglaterra": "GB", "Angleterre": "GB", "Inghilterra": "GB", "Gran Bretana": "GB", "Grande-Bretagne": "GB", "Escocia": "GB", "Gales": "GB",
	"Guinee Conakry": "GN", "Guinea Conakry": "GN", "Guinea-Conakry": "GN", "Guinee-Conakry": "GN",
	"Guinee Bissau": "GW", "Guinea Bissau": "GW",
	"Guinee Equatoriale": "GQ",
	"Costa de Marfil":    "CI", "Costa d'Avorio": "CI", "Elfenbeinkuste": "CI",
	"Birmania": "MM", "Birmanie": "MM",
	"Moldavia": "MD", "Moldavie": "MD",
	"Bielorrusia": "BY", "Bielorussie": "BY", "Belorussia": "BY",
	"Kirguistan": "KG", "Kirghizistan": "KG", "Kirghizstan": "KG",
	"Tadjikistan": "TJ", "Tayikistan": "TJ",
	"Viet-Nam": "VN", "Viêt Nam": "VN",
	"Zaïre": "CD",
	"Rusia": "RU", "Russie": "RU",
	"Tchequie": "CZ", "Chequia": "CZ",
	"Suazilandia": "SZ",
	"Ceilan":      "LK",

	"Estados Unidos": "US", "Etats-Unis": "US", "Stati Uniti": "US", "America del Norte (EE.UU.)": "US",
	"Republica de Sudafrica": "ZA", "Sud-Africa": "ZA",
	"Siria": "SY", "Syrie": "SY",
	"Marruecos": "MA", "Maroc": "MA",
	"Brasil": "BR", "Bresil": "BR",
	"Cabo Verde": "CV", "Cap-Vert": "CV",
	"Corea del Sur": "KR", "Coree du Sud": "KR", "Corea do Sul": "KR", "Sudkorea": "KR",
	"Corea del Norte": "KP", "Coree du Nord": "KP",
	"Republica de Guinea":         "GN",
	"Papua Nueva Guinea":          "PG",
	"Kosova":                      "XK",
	"Palestina":                   "PS",
	"Taiwan (Republica de China)": "TW",
}

// englishVariants are English names of the SPEC's exact class that the
// libraries may not hold: former and everyday names (How "name").
var englishVariants = map[string]string{
	"Burma": "MM", "Ivory Coast": "CI", "Holland": "NL", "England": "GB", "Scotland": "GB", "Wales": "GB",
	"Vietnam": "VN", "Laos": "LA", "Swaziland": "SZ", "Ceylon": "LK", "Persia": "IR", "Siam": "TH", "Zaire": "CD",
	"Bosnia-Herzegovina": "BA", "Bosnia Herzegovina": "BA", "Cote D'Ivoire": "CI", "East Timor": "TL",
	"Macedonia": "MK", "Czechia": "CZ", "Cape Verde": "CV", "South Korea": "KR", "North Korea": "KP",
	"Russia": "RU", "Syria": "SY", "Iran": "IR", "Moldova": "MD", "Tanzania": "TZ", "Venezuela": "VE", "Bolivia": "BO",
	"Micronesia": "FM", "Vatican": "VA", "Vatican City": "VA", "Palestine": "PS", "Taiwan": "TW", "Hong Kong": "HK",
	"Macau": "MO", "Macao": "MO", "Kosovo": "XK", "United States": "US", "United Kingdom": "GB", "Brunei": "BN",
	"St Lucia": "LC", "St Kitts and Nevis": "KN", "St Vincent and the Grenadines": "VC", "Trinidad & Tobago": "TT",
	"Antigua & Barbuda": "AG", "Sao Tome & Principe": "ST", "Turks & Caicos Islands": "TC", "Saint Helena": "SH",
	"Reunion": "RE", "Curacao": "CW", "Serbia and Montenegro": "CS", "Netherlands Antilles": "AN",
	"Türkiye": "TR", "Viet Nam": "VN", "Cabo Verde": "CV", "Eswatini": "SZ", "North Macedonia": "MK",
	"Brunei Darussalam": "BN", "Timor-Leste": "TL", "Holy See": "VA", "Czech Republic": "CZ", "Dominican Republic": "DO",
	"Central African Republic": "CF", "United States Virgin Islands": "VI", "US Virgin Islands": "VI", "Guinea": "GN", "Sudan": "SD", "Samoa": "WS", "Georgia": "GE", "Niger": "NE",
}

// ambiguous are texts that name more than one country when the source
// does not say which: never guessed, only listed with their candidates.
var ambiguous = map[string][]string{
	"Korea":          {"KP", "KR"},
	"Corea":          {"KP", "KR"},
	"Coree":          {"KP", "KR"},
	"Koreia":         {"KP", "KR"},
	"Congo":          {"CD", "CG"},
	"Kongo":          {"CD", "CG"},
	"Virgin Islands": {"VG", "VI"},
	"Islas Virgenes": {"VG", "VI"},
	"Iles Vierges":   {"VG", "VI"},
	"Saint Martin":   {"MF", "SX"},
	"St Martin":      {"MF", "SX"},
	"San Martin":     {"MF", "SX"},
	"Saint-Martin":   {"MF", "SX"},
	"Guiana":         {"GF", "GY"},
	"Guayana":        {"GF", "GY"},
	"Guyane":         {"GF", "GY"},
	"Dominican":      {"DM", "DO"},
}

// nationalsTexts say "the reporting country's own nationals".
var nationalsTexts = []string{
	"Nationals", "National", "National victims", "Own nationals", "Own country", "Same country",
	"Nationals of the reporting country", "Nationals (own country)", "Citizens", "Own citizens",
	"Domestic", "Domestic victims", "Local", "Locals", "Home country",
	"Nacionales", "Nacional", "Connacionales", "Nacionales del pais", "Propio pais", "Mismo pais",
	"Victimas nacionales", "Ciudadanos nacionales", "Nacionais",
	"Nationaux", "National(e)s", "Ressortissants nationaux", "Propre pays", "Meme pays", "Victimes nationales",
	"Nazionali", "Inlander", "Staatsangehorige",
}

// aggregateTexts are totals, remainders and groups of countries.
var aggregateTexts = []string{
	"Total", "Totals", "Grand total", "Sub-total", "Subtotal", "Total general", "Totales", "Todos", "All", "All countries", "All nationalities",
	"Otros", "Otras", "Otro", "Otra", "Others", "Other", "Autres", "Autre", "Outros", "Outras", "Altri", "Andere", "Sonstige",
	"Other countries", "Other nationalities", "Otros paises", "Otras nacionalidades", "Autres pays", "Autres nationalites",
	"Abroad", "Foreign", "Foreigners", "Foreign nationals", "Foreign countries", "Foreign victims",
	"Extranjeros", "Extranjero", "Extranjeras", "Extranjera", "Etrangers", "Etranger", "Etrangeres", "Estrangeiros", "Stranieri", "Auslander",
	"Several countries", "Various", "Various countries", "Varios", "Varios paises", "Multiple", "Multiple countries", "Mixed",
	"Plusieurs pays", "Divers", "Regional", "Rest of the world", "Resto del mundo", "Reste du monde", "International",
	"Third countries", "Third country nationals", "Terceros paises", "Pays tiers", "Non-EU", "EU", "European Union", "EU countries",
	"EU member states", "Union Europea", "Union europeenne", "Schengen", "Balkans", "Western Balkans", "Balcanes",
	"Middle East", "Medio Oriente", "Oriente Medio", "Moyen-Orient", "Gulf", "Gulf countries", "GCC", "Arab countries", "Arab States",
	"Central Asia", "South-East Asia", "Southeast Asia", "East Asia", "South Asia", "East Asia and the Pacific",
	"Sub-Saharan Africa", "Subsaharan Africa", "Africa subsahariana", "Afrique subsaharienne", "Afrique sub-saharienne",
	"West Africa", "East Africa", "North Africa", "Southern Africa", "Central Africa", "Horn of Africa",
	"Africa Occidental", "Afrique de l'Ouest", "Afrique du Nord", "Africa del Norte", "Norte de Africa",
	"Latin America", "Latin America and the Caribbean", "America Latina", "Amerique latine", "America", "Americas",
	"South America", "North America", "Central America", "Sudamerica", "Centroamerica", "Norteamerica", "America del Sur", "America Central",
	"Caribbean", "Caribe", "Caraibes", "Antilles", "Antillas", "Oceania", "Pacific", "Pacific Islands",
	"Scandinavia", "Nordic countries", "CIS", "Commonwealth of Independent States", "CEI", "Former Soviet Union", "Ex-USSR", "Ex URSS",
	"Eastern Europe", "Western Europe", "Central Europe", "South-Eastern Europe", "Southeast Europe", "Europa del Este", "Europe de l'Est",
	"Europe", "Europa", "Africa", "Afrique", "Asia", "Asie", "World", "Mundo", "Monde",
	"Other Asia", "Other Europe", "Other Africa", "Other America", "Other Americas", "Other Oceania",
	"Other EU", "Other European countries", "Other African countries", "Other Asian countries", "Other Latin American countries",
	"Otros de Europa", "Otros de Africa", "Otros de Asia", "Otros de America", "Otros paises de Europa",
	"Autres pays d'Europe", "Autres pays d'Afrique", "Autres pays d'Asie",
	"European", "Europeans", "African", "Africans", "Asian", "Asians", "Latin American", "Latin Americans",
	"Europeos", "Africanos", "Asiaticos", "Latinoamericanos", "Europeens", "Africains", "Asiatiques",
	"Refugees", "Refugiados", "Refugies", "Channel Islands",
	"Non-nationals", "No nacionales", "Non-nationaux", "Non-ressortissants", "Non-citizens", "Non-residents",
	"EU nationals", "EU citizens", "Non-EU nationals", "Non-EU citizens", "Third-country nationals", "Nacionales de terceros paises",
	"Asie de l'Est", "Asie du Sud-Est", "Asie du Sud", "Asie centrale", "Afrique de l'Est", "Afrique centrale", "Afrique australe",
	"Europe de l'Ouest", "Europe centrale", "Asia Oriental", "Asia del Sur", "Sudeste Asiatico", "Asia Central", "Africa Oriental",
}

// unknownTexts say that the country is not known.
var unknownTexts = []string{
	"Unknown", "Unknow", "Not known", "Not specified", "Unspecified", "Not stated", "Not available", "Not reported",
	"No data", "No information", "Missing", "Undetermined", "Undefined", "Unidentified", "Unknown country", "Unknown nationality",
	"Unknown citizenship", "Nationality unknown", "Citizenship unknown", "Other/unknown", "Other or unknown", "Unknown/other",
	"N/A", "n.a.", "n/d", "n.d.", "None", "Null", "Nil", "Not applicable",
	"Sin datos", "Sin dato", "Sin informacion", "Sin especificar", "No especificado", "No especificada", "No especifica",
	"No determinado", "No determinada", "Indeterminado", "Indeterminada", "Desconocido", "Desconocida", "Desconocidos",
	"Desconocidas", "Se desconoce", "No consta", "No sabe", "Ignorado", "Ignorada", "Nacionalidad desconocida", "Pais desconocido",
	"Inconnu", "Inconnue", "Inconnus", "Inconnues", "Non connu", "Non connue", "Non specifie", "Non specifiee", "Non precise",
	"Non precisee", "Non determine", "Indetermine", "Nationalite inconnue", "Pays inconnu",
	"Sconosciuto", "Non noto", "Unbekannt", "Desconhecido", "Nao especificado",
	"Stateless", "Apatrida", "Apatride", "Apatridas", "Apatrides",
	"Specify the country", "(specify the country)", "Please specify", "To be specified", "Por especificar", "A especificar",
	"Preciser le pays", "ZZ", "XX", "XXX", "Unk", "NS/NR", "No sabe/No responde", "NS/NC", "Sin determinar", "Not recorded",
	"No registrado", "Non renseigne", "Non disponible",
}

// rawCategories are texts with no letters that data uses for "missing".
var rawCategories = map[string]NameKind{
	"-99": NameUnknown, "-98": NameUnknown, "-9": NameUnknown, "-1": NameUnknown,
	"-": NameUnknown, "--": NameUnknown, "?": NameUnknown, "??": NameUnknown, "???": NameUnknown,
	"...": NameUnknown, "..": NameUnknown, ".": NameUnknown, "*": NameUnknown, "#N/A": NameUnknown,
}

// parenQualifiers are words in parentheses that do not change which
// country is meant ("Sudan (former)").
var parenQualifiers = wordSet("former", "ex", "antiguo", "antigua", "ancien", "ancienne", "country", "pais", "pays",
	"nationals", "nacionales", "nationaux", "citizens")

// qualifierPrefixes are openings that do not change which country is
// meant ("Republic of Guinea", "Nationals of Nigeria").
var qualifierPrefixes = []string{
	"republic of", "the republic of", "kingdom of", "state of", "federal republic of", "islamic republic of",
	"people s republic of", "peoples republic of", "democratic republic of", "principality of", "sultanate of",
	"republica de", "republica del", "reino de", "estado de", "republique de", "republique du", "republique d", "royaume de", "etat de",
	"nationals of", "nationals from", "citizens of", "citizens from", "victims from", "from", "citizen of",
	"nacionales de", "ciudadanos de", "ciudadanas de", "nacionalidad", "ressortissants de", "ressortissants du", "nationalite",
	"originarios de", "procedentes de", "originaires de",
}

// Words that mark a category whichever way it is phrased (after every
// exact match failed): the first word of a remainder ("Other Asian
// countries", "Otros paises de America"), any word of a total or a group
// ("Regional total", "Countries of the Gulf"), of an unknown.
var (
	aggregateFirstWords = wordSet("other", "others", "otros", "otras", "otro", "otra", "autres", "autre", "outros", "outras",
		"altri", "altre", "andere", "sonstige", "rest", "resto", "reste", "remaining", "demas", "restantes", "several", "various", "varios", "varias")
	aggregateWords = wordSet("total", "totals", "subtotal", "totales", "countries", "paises", "pays", "nationalities",
		"nacionalidades", "nationalites", "region", "regions", "regiones", "continent", "continente", "foreign", "foreigners",
		"extranjeros", "extranjeras", "etrangers", "etrangeres", "abroad", "exterior", "etranger", "extranjero")
	unknownWords = wordSet("unknown", "unknow", "desconocido", "desconocida", "desconocidos", "desconocidas", "inconnu",
		"inconnue", "inconnus", "inconnues", "unspecified", "specify", "specified", "especificar", "especificado",
		"especificada", "specifie", "specifiee", "precise", "preciser", "indeterminado", "indeterminada", "indetermine",
		"sconosciuto", "unbekannt", "desconhecido", "stateless", "apatrida", "apatride", "undetermined")
	nationalsWords = wordSet("nationals", "nacionales", "nationaux", "nationales", "nacionais", "nazionali")
	negations      = wordSet("non", "no", "not", "sin", "sans", "nicht", "nao")
)

// wordExpansions are abbreviated words of country names ("Dominican
// Rep.", "Congo, Dem. Rep."), each with its English, Spanish and French
// full forms.
var wordExpansions = map[string][3]string{
	"rep":  {"republic", "republica", "republique"},
	"dem":  {"democratic", "democratica", "democratique"},
	"fed":  {"federated", "federada", "federes"},
	"sts":  {"states", "estados", "etats"},
	"is":   {"islands", "islas", "iles"},
	"isl":  {"islands", "islas", "iles"},
	"utd":  {"united", "unidos", "unis"},
	"st":   {"saint", "san", "saint"},
	"pdr":  {"people s democratic republic", "popular democratica", "populaire democratique"},
	"arab": {"arab", "arabe", "arabe"},
}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
