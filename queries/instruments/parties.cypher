// Who is party to (or signed) an instrument: per State (or organization), the signature date,
// the consent date and kind, entry into force and the sources. `as_of` (ISO date or null) keeps
// only facts dated on or before that day; undated facts cannot be placed in time and drop out.
// `status` is party | signatory (signed, not party) | any; `region` filters on the UN region.
// Parameters: id, as_of, status, region
MATCH (i:LegalInstrument {id: $id})
MATCH (p:Entity)-[r:PARTY_TO|SIGNED]->(i)
WHERE $region IS NULL OR p.un_region = $region OR p.un_subregion = $region
WITH i, p,
     [x IN collect(r) WHERE type(x) = 'PARTY_TO'][0] AS party,
     [x IN collect(r) WHERE type(x) = 'SIGNED'][0] AS signed
WITH i, p, party, signed,
     party IS NOT NULL AND ($as_of IS NULL OR (party.since IS NOT NULL AND party.since <= $as_of)) AS is_party,
     signed IS NOT NULL AND ($as_of IS NULL OR (signed.date IS NOT NULL AND signed.date <= $as_of)) AS has_signed
WHERE ($status = 'party' AND is_party)
   OR ($status = 'signatory' AND has_signed AND NOT is_party)
   OR ($status = 'any' AND (is_party OR has_signed))
RETURN p {.id, .kind, .name, .un_region, .un_subregion, .historical} AS party_node,
       CASE WHEN is_party THEN 'party' ELSE 'signatory' END AS status,
       signed.date AS signature_date,
       CASE WHEN is_party THEN party.since END AS consent_date,
       CASE WHEN is_party THEN party.via END AS consent_kind,
       CASE WHEN is_party THEN party.entry_into_force END AS entry_into_force,
       CASE WHEN is_party THEN party.confidence ELSE signed.confidence END AS confidence,
       coalesce(CASE WHEN is_party THEN party.sources END, []) + coalesce(signed.sources, []) AS sources
ORDER BY p.name
