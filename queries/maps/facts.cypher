// Everything a world map of one instrument, group (initiative or event) or commitment draws, in one
// round trip: the node; every State's or organization's act towards it (party, signature, membership,
// subscription, participation, political commitment) with its date, the stored date bounds and sources,
// whatever the day (the map moves through time on the client; callers apply graph.dating's rule to the
// bounds); every State of the graph (what a shape can be coloured as); and the sizes of its lists.
// No row at all means there is no such node of a kind a map is drawn for.
// Parameters: id
MATCH (n:Entity {id: $id})
WHERE n:LegalInstrument OR n:Initiative OR n:Event OR n:Commitment
CALL (n) {
  OPTIONAL MATCH (e:Entity)-[r:PARTY_TO|SIGNED|MEMBER_OF|SUBSCRIBED_TO|PARTICIPATED_IN|COMMITTED_TO]->(n)
  WHERE e:State OR e:Organization
  WITH e, r
  ORDER BY e.id, type(r)
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
           entity: e {.id, .kind, .name, .short_name}, type: type(r), date: coalesce(r.since, r.date),
           date_earliest: r.date_earliest, date_latest: r.date_latest, sources: coalesce(r.sources, []),
           confidence: r.confidence, role: r.role, via: r.via} END) AS facts
}
CALL () {
  MATCH (s:State)
  WITH s
  ORDER BY s.id
  RETURN collect(s {.id, .kind, .name, .short_name, .historical}) AS states
}
RETURN n {.*} AS node, labels(n) AS labels, facts, states,
       COUNT { (p:Entity)-[:PARTY_TO]->(n) WHERE NOT coalesce(p.historical, false) } AS known_parties,
       COUNT { (p:Entity)-[:SIGNED]->(n) WHERE NOT coalesce(p.historical, false) } AS known_signatories,
       COUNT { (p:Entity)-[:MEMBER_OF|SUBSCRIBED_TO|PARTICIPATED_IN|COMMITTED_TO]->(n) } AS known_members
