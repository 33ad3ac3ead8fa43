"""Names the field writes for States, each with the State it means: UN and IAEA spellings, inverted
forms, acronyms and short forms, colloquial and former names, and former States under their own
names. Search (tests/api) and the parser (tests/loaders) must both read each one as its State."""

VARIANTS: dict[str, str] = {
    # UN / IAEA spellings and inverted forms
    "Viet Nam": "VNM", "Vietnam": "VNM",
    "Korea, Republic of": "KOR", "Republic of Korea": "KOR", "Korea": "KOR",
    "Korea, Democratic People's Republic of": "PRK", "Democratic People's Republic of Korea": "PRK",
    "Iran (Islamic Republic of)": "IRN", "Islamic Republic of Iran": "IRN", "Iran": "IRN",
    "Lao People's Democratic Republic": "LAO", "Laos": "LAO", "Lao PDR": "LAO",
    "Syrian Arab Republic": "SYR", "Syria": "SYR",
    "Russian Federation": "RUS", "Russia": "RUS",
    "Bolivia (Plurinational State of)": "BOL", "Venezuela (Bolivarian Republic of)": "VEN",
    "United Republic of Tanzania": "TZA", "Tanzania": "TZA",
    "Micronesia (Federated States of)": "FSM",
    "Republic of Moldova": "MDA", "Moldova": "MDA",
    "Congo, Democratic Republic of the": "COD", "Democratic Republic of the Congo": "COD",
    "Congo": "COG", "Republic of the Congo": "COG",
    "The former Yugoslav Republic of Macedonia": "MKD", "Former Yugoslav Republic of Macedonia": "MKD",
    "North Macedonia": "MKD",
    "United Kingdom of Great Britain and Northern Ireland": "GBR", "United States of America": "USA",
    "Kingdom of the Netherlands": "NLD", "The Netherlands": "NLD",
    "State of Palestine": "PSE", "Holy See": "VAT",
    "Cote d'Ivoire": "CIV", "Côte d\u2019Ivoire": "CIV",
    "Czech Republic": "CZE", "Czechia": "CZE",
    "Brunei Darussalam": "BRN", "Timor-Leste": "TLS", "Cabo Verde": "CPV",
    "St. Lucia": "LCA", "Saint Lucia": "LCA", "St. Vincent and the Grenadines": "VCT",
    "St Kitts and Nevis": "KNA", "The Gambia": "GMB", "The Bahamas": "BHS", "Kingdom of Lesotho": "LSO",
    "Türkiye": "TUR", "Turkiye": "TUR",
    # acronyms and short forms
    "UAE": "ARE", "DPRK": "PRK", "D.P.R.K.": "PRK", "ROK": "KOR", "UK": "GBR", "U.K.": "GBR",
    "USA": "USA", "US": "USA", "U.S.": "USA", "DRC": "COD", "DR Congo": "COD", "FYROM": "MKD",
    "Macedonia": "MKD", "Great Britain": "GBR", "Britain": "GBR", "Brunei": "BRN", "Vatican": "VAT",
    "Kyrgyz Republic": "KGZ", "Slovak Republic": "SVK", "Antigua/Barbuda": "ATG", "North Korea": "PRK",
    "South Korea": "KOR", "Congo-Kinshasa": "COD", "Congo-Brazzaville": "COG",
    # colloquial and former names of a State that goes on under another name
    "Holland": "NLD", "Ivory Coast": "CIV", "Cape Verde": "CPV", "East Timor": "TLS", "Turkey": "TUR",
    "Swaziland": "SWZ", "Burma": "MMR", "Zaire": "COD", "Palestinian Authority": "PSE",
    "Libyan Arab Jamahiriya": "LBY", "Upper Volta": "BFA", "Dahomey": "BEN", "Ceylon": "LKA",
    "Siam": "THA", "Kampuchea": "KHM", "Byelorussia": "BLR", "Persia": "IRN",
    # former States keep their own entries
    "USSR": "SUN", "Soviet Union": "SUN", "Union of Soviet Socialist Republics": "SUN",
    "Czechoslovakia": "CSK", "GDR": "DDR", "East Germany": "DDR", "German Democratic Republic": "DDR",
    "Yugoslavia": "YUG",
}

SUCCESSORS: dict[str, str] = {"SUN": "RUS", "CSK": "CZE", "DDR": "DEU", "YUG": "SRB"}
"""A former State and the State that a successor's name or pattern would wrongly answer with."""

AMBIGUOUS: dict[str, set[str]] = {"Virgin Islands": {"VGB", "VIR"}, "CS": {"CSK", "SCG"}}
"""Names (and a code) more than one State holds: answered with all of them."""
