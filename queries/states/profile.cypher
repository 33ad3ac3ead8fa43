// One State across the architecture, in one round trip: its node; its standing towards every
// legal instrument adopted by the day (party, signatory or none, with dates and sources); the
// commitments it subscribed to (and non-binding codes it committed to), the events it took part in and the groups it joined; the topics
// those commitments address; and the facts that `as_of` could not place in time.
// `as_of` (ISO date or null) applies graph.dating's rule on the stored date bounds.
// No row at all means there is no such State.
// Parameters: id, as_of
MATCH (s:State {id: $id})
CALL (s) {
  MATCH (i:LegalInstrument)
  WHERE $as_of IS NULL OR i.date_latest IS NULL OR i.date_latest <= $as_of
  OPTIONAL MATCH (s)-[party:PARTY_TO]->(i)
  OPTIONAL MATCH (s)-[signed:SIGNED]->(i)
  WITH i, party, signed,
       party IS NOT NULL AND ($as_of IS NULL OR coalesce(party.date_latest <= $as_of, false)) AS is_party,
       signed IS NOT NULL AND ($as_of IS NULL OR coalesce(signed.date_latest <= $as_of, false)) AS has_signed
  ORDER BY i.date, i.id
  RETURN collect({
           instrument: i {.id, .kind, .name, .short_name},
           status: CASE WHEN is_party THEN 'party' WHEN has_signed THEN 'signatory' ELSE 'none' END,
           signature_date: CASE WHEN has_signed THEN signed.date END,
           signature_sources: CASE WHEN has_signed THEN coalesce(signed.sources, []) ELSE [] END,
           consent_date: CASE WHEN is_party THEN party.since END,
           consent_kind: CASE WHEN is_party THEN party.via END,
           entry_into_force: CASE WHEN is_party THEN party.entry_into_force END,
           entry_into_force_sources: CASE WHEN is_party THEN coalesce(party.entry_into_force_sources, []) ELSE [] END,
           consent_sources: CASE WHEN is_party THEN coalesce(party.sources, []) ELSE [] END,
           confidence: CASE WHEN is_party THEN party.confidence WHEN has_signed THEN signed.confidence END
         }) AS instruments,
         collect(CASE WHEN party IS NOT NULL AND NOT is_party
                           AND (party.date_latest IS NULL OR party.date_earliest <= $as_of)
                      THEN {subject: s.id, type: 'PARTY_TO', object: i.id, date: party.since,
                            undated: party.date_latest IS NULL} END)
         + collect(CASE WHEN signed IS NOT NULL AND NOT has_signed
                             AND (signed.date_latest IS NULL OR signed.date_earliest <= $as_of)
                        THEN {subject: s.id, type: 'SIGNED', object: i.id, date: signed.date,
                              undated: signed.date_latest IS NULL} END) AS unplaced
}
CALL (s) {
  OPTIONAL MATCH (s)-[r:SUBSCRIBED_TO|PARTICIPATED_IN|MEMBER_OF|COMMITTED_TO]->(g:Entity)
  WITH r, g, r IS NOT NULL AND ($as_of IS NULL OR coalesce(r.date_latest <= $as_of, false)) AS counts
  ORDER BY type(r), coalesce(r.date, r.since), g.id
  RETURN collect(CASE WHEN counts THEN {
           type: type(r), node: g {.id, .kind, .name, .short_name}, role: r.role, date: coalesce(r.date, r.since),
           sources: coalesce(r.sources, []), as_of: r.as_of, confidence: r.confidence, note: r.note} END) AS groups,
         collect(CASE WHEN r IS NOT NULL AND NOT counts AND (r.date_latest IS NULL OR r.date_earliest <= $as_of)
                      THEN {subject: s.id, type: type(r), object: g.id, date: coalesce(r.date, r.since),
                            undated: r.date_latest IS NULL} END) AS unplaced_groups,
         collect(CASE WHEN counts AND type(r) = 'SUBSCRIBED_TO' THEN g.id END) AS subscribed
}
CALL (subscribed) {
  OPTIONAL MATCH (c:Commitment)-[:ADDRESSES]->(t:Topic)
  WHERE c.id IN subscribed
  WITH t, collect(DISTINCT c.id) AS commitments
  WHERE t IS NOT NULL
  ORDER BY size(commitments) DESC, t.name
  RETURN collect({topic: t {.id, .kind, .name, .short_name}, count: size(commitments),
                  commitments: commitments}) AS topics
}
RETURN s {.*} AS node, instruments, groups, topics, unplaced + unplaced_groups AS unplaced
