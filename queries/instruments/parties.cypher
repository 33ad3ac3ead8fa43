// Who is party to (or signed) an instrument, in one round trip: the instrument, per State (or
// organization) the signature date, the consent date and kind, entry into force and the sources,
// the sizes of its lists, and the facts that `as_of` could not place in time.
// `as_of` (ISO date or null) applies graph.dating's rule on the stored date bounds: a consent or
// signature counts when its date's last possible day is on or before that day; undated facts and
// dates that straddle the day are left out and returned in `unplaced` (imprecise = not undated).
// `status` is party | signatory (signed, not party) | any; `region` filters on the UN region.
// No row at all means there is no such instrument.
// Parameters: id, as_of, status, region
MATCH (i:LegalInstrument {id: $id})
CALL (i) {
  OPTIONAL MATCH (p:Entity)-[r:PARTY_TO|SIGNED]->(i)
  WHERE $region IS NULL OR p.un_region = $region OR p.un_subregion = $region
  WITH p, [x IN collect(r) WHERE type(x) = 'PARTY_TO'][0] AS party, [x IN collect(r) WHERE type(x) = 'SIGNED'][0] AS signed
  ORDER BY p.name
  WITH p, party, signed,
       party IS NOT NULL AND ($as_of IS NULL OR coalesce(party.date_latest <= $as_of, false)) AS is_party,
       signed IS NOT NULL AND ($as_of IS NULL OR coalesce(signed.date_latest <= $as_of, false)) AS has_signed
  WITH p, party, signed, is_party, has_signed,
       ($status = 'party' AND is_party) OR ($status = 'signatory' AND has_signed AND NOT is_party)
         OR ($status = 'any' AND (is_party OR has_signed)) AS listed
  WITH collect(CASE WHEN listed THEN {
         party_node: p {.id, .kind, .name, .un_region, .un_subregion, .historical},
         status: CASE WHEN is_party THEN 'party' ELSE 'signatory' END,
         signature_date: signed.date,
         consent_date: CASE WHEN is_party THEN party.since END,
         consent_kind: CASE WHEN is_party THEN party.via END,
         entry_into_force: CASE WHEN is_party THEN party.entry_into_force END,
         confidence: CASE WHEN is_party THEN party.confidence ELSE signed.confidence END,
         sources: coalesce(CASE WHEN is_party THEN party.sources END, []) + coalesce(signed.sources, [])
       } END) AS rows,
       collect(CASE WHEN $status <> 'signatory' AND party IS NOT NULL AND NOT is_party
                         AND (party.date_latest IS NULL OR party.date_earliest <= $as_of)
                    THEN {subject: p.id, type: 'PARTY_TO', object: $id, date: party.since,
                          undated: party.date_latest IS NULL} END)
       + collect(CASE WHEN $status <> 'party' AND signed IS NOT NULL AND NOT has_signed AND NOT is_party
                           AND (signed.date_latest IS NULL OR signed.date_earliest <= $as_of)
                      THEN {subject: p.id, type: 'SIGNED', object: $id, date: signed.date,
                            undated: signed.date_latest IS NULL} END) AS unplaced
  RETURN rows, unplaced
}
RETURN i {.*} AS node, rows, unplaced,
       COUNT { (p:Entity)-[:PARTY_TO]->(i) WHERE NOT coalesce(p.historical, false) } AS known_parties,
       COUNT { (p:Entity)-[:SIGNED]->(i) WHERE NOT coalesce(p.historical, false) } AS known_signatories
