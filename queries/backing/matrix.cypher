// The States x instruments matrix, in one round trip: which requested instruments, States and
// group exist (so the caller can answer 404 without another query), and per State (all, or those
// named in $states, in a UN region or sub-region, or members of the group $group) one cell per
// instrument id in $instruments saying party | signatory | none. `none` means no party or
// signature fact is known, not "not party". `as_of` (ISO date or null) applies graph.dating's rule
// to consents, signatures and group memberships alike: a group as of a day is its members that
// day. Facts it could not place in time are returned in `unplaced`. Filters combine with AND.
// Parameters: instruments, states, region, group, group_labels, as_of
CALL () {
  UNWIND $instruments AS instrument_id
  OPTIONAL MATCH (i:LegalInstrument {id: instrument_id})
  RETURN collect(CASE WHEN i IS NULL THEN instrument_id END) AS missing_instruments,
         collect(i {.id, .kind, .name, .short_name}) AS instrument_nodes
}
CALL () {
  UNWIND coalesce($states, []) AS state_id
  OPTIONAL MATCH (s:State {id: state_id})
  RETURN collect(CASE WHEN s IS NULL THEN state_id END) AS missing_states
}
CALL () {
  OPTIONAL MATCH (g:Entity {id: $group})
  WHERE any(label IN labels(g) WHERE label IN $group_labels)
  RETURN g {.id, .kind, .name, .short_name} AS group_node
}
CALL () {
  MATCH (s:State)
  WHERE ($states IS NULL OR s.id IN $states)
    AND ($region IS NULL OR s.un_region = $region OR s.un_subregion = $region)
  OPTIONAL MATCH (s)-[m:MEMBER_OF|PARTICIPATED_IN|SUBSCRIBED_TO|COMMITTED_TO]->(:Entity {id: $group})
  WITH s, m
  WHERE $group IS NULL OR m IS NOT NULL
  WITH s, collect(m) AS memberships
  WITH s, memberships,
       $group IS NULL OR $as_of IS NULL OR any(m IN memberships WHERE coalesce(m.date_latest <= $as_of, false)) AS member_on_day
  CALL (s) {
    UNWIND $instruments AS instrument_id
    MATCH (i:LegalInstrument {id: instrument_id})
    OPTIONAL MATCH (s)-[party:PARTY_TO]->(i)
    OPTIONAL MATCH (s)-[signed:SIGNED]->(i)
    WITH instrument_id, party, signed,
         party IS NOT NULL AND ($as_of IS NULL OR coalesce(party.date_latest <= $as_of, false)) AS is_party,
         signed IS NOT NULL AND ($as_of IS NULL OR coalesce(signed.date_latest <= $as_of, false)) AS has_signed
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
                        ((party IS NOT NULL AND party.date_latest IS NULL) OR
                         (NOT has_signed AND signed IS NOT NULL AND signed.date_latest IS NULL))
    }) AS cells,
    collect(CASE WHEN party IS NOT NULL AND NOT is_party
                      AND (party.date_latest IS NULL OR party.date_earliest <= $as_of)
                 THEN {subject: s.id, type: 'PARTY_TO', object: instrument_id, date: party.since,
                       undated: party.date_latest IS NULL} END)
    + collect(CASE WHEN signed IS NOT NULL AND NOT has_signed AND NOT is_party
                        AND (signed.date_latest IS NULL OR signed.date_earliest <= $as_of)
                   THEN {subject: s.id, type: 'SIGNED', object: instrument_id, date: signed.date,
                         undated: signed.date_latest IS NULL} END) AS unplaced_cells
  }
  WITH s, member_on_day, cells, unplaced_cells,
       [m IN memberships WHERE $as_of IS NOT NULL AND NOT member_on_day
                               AND (m.date_latest IS NULL OR m.date_earliest <= $as_of)
          | {subject: s.id, type: type(m), object: $group, date: coalesce(m.date, m.since),
             undated: m.date_latest IS NULL}] AS unplaced_membership
  ORDER BY s.name, s.id
  RETURN collect(CASE WHEN member_on_day THEN {
           state: s {.id, .kind, .name, .un_region, .un_subregion, .historical}, cells: cells} END) AS rows,
         reduce(acc = [], facts IN collect(CASE WHEN member_on_day THEN unplaced_cells ELSE [] END)
                                  + collect(unplaced_membership) | acc + facts) AS unplaced
}
RETURN missing_instruments, instrument_nodes, missing_states, group_node, rows, unplaced
