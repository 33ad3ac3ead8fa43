// The States x instruments matrix: per State (all, or those named in $states, in a UN region or
// sub-region, or members of the group $group), one cell per instrument id in $instruments saying
// party | signatory | none. `none` means no party or signature fact is known, not "not party".
// `as_of` (ISO date or null) counts only facts dated on or before that day; undated ones drop out
// and are flagged `undated_excluded`. Filters combine with AND; a null filter is no filter.
// Parameters: instruments, states, region, group, as_of
MATCH (s:State)
WHERE ($states IS NULL OR s.id IN $states)
  AND ($region IS NULL OR s.un_region = $region OR s.un_subregion = $region)
  AND ($group IS NULL OR EXISTS { (s)-[:MEMBER_OF|PARTICIPATED_IN|SUBSCRIBED_TO]->(:Entity {id: $group}) })
CALL (s) {
  UNWIND $instruments AS instrument_id
  MATCH (i:LegalInstrument {id: instrument_id})
  OPTIONAL MATCH (s)-[party:PARTY_TO]->(i)
  OPTIONAL MATCH (s)-[signed:SIGNED]->(i)
  WITH instrument_id, party, signed,
       party IS NOT NULL AND ($as_of IS NULL OR coalesce(party.since <= $as_of, false)) AS is_party,
       signed IS NOT NULL AND ($as_of IS NULL OR coalesce(signed.date <= $as_of, false)) AS has_signed
  RETURN collect({
    instrument: instrument_id,
    status: CASE WHEN is_party THEN 'party' WHEN has_signed THEN 'signatory' ELSE 'none' END,
    since: CASE WHEN is_party THEN party.since END,
    via: CASE WHEN is_party THEN party.via END,
    entry_into_force: CASE WHEN is_party THEN party.entry_into_force END,
    signature_date: CASE WHEN has_signed THEN signed.date END,
    confidence: CASE WHEN is_party THEN party.confidence WHEN has_signed THEN signed.confidence END,
    sources: reduce(seen = [], source IN coalesce(CASE WHEN is_party THEN party.sources END, [])
                                        + coalesce(CASE WHEN has_signed THEN signed.sources END, []) |
                    CASE WHEN source IN seen THEN seen ELSE seen + source END),
    undated_excluded: $as_of IS NOT NULL AND NOT is_party AND
                      ((party IS NOT NULL AND party.since IS NULL) OR
                       (NOT has_signed AND signed IS NOT NULL AND signed.date IS NULL))
  }) AS cells
}
RETURN s {.id, .kind, .name, .un_region, .un_subregion, .historical} AS state, cells
ORDER BY s.name, s.id
