// The universalization gap in one round trip: the instrument, the group (a summit, initiative,
// commitment or organization given by `group`, the States of a UN region or sub-region given by
// `region`, or an explicit list of State ids given by `states`; the unused ones are null), every
// member with where its membership, party and signature facts stand on `as_of`, the sizes of the
// instrument's lists for the completeness figures, and the cited sources. Each standing is
// counts | after | imprecise | undated by the as_of rule (graph/dating.py): with `as_of` null every
// fact counts. A null `instrument` node, `group` node or `region_known` = false is the caller's
// cue to run its error path (suggestions); the happy path needs nothing else.
// Parameters: instrument, group, region, states, as_of, timed
OPTIONAL MATCH (i:LegalInstrument {id: $instrument})
OPTIONAL MATCH (g:Entity {id: $group})
WHERE g:Event OR g:Initiative OR g:Commitment OR g:Organization
CALL (i, g) {
  CALL (g) {
    MATCH (s:State)-[m:PARTICIPATED_IN|SUBSCRIBED_TO|MEMBER_OF]->(g)
    RETURN s, m
    UNION
    MATCH (s:State)
    WHERE $region IS NOT NULL AND (s.un_region = $region OR s.un_subregion = $region)
    RETURN s, null AS m
    UNION
    MATCH (s:State)
    WHERE s.id IN coalesce($states, [])
    RETURN s, null AS m
  }
  OPTIONAL MATCH (s)-[p:PARTY_TO]->(i)
  OPTIONAL MATCH (s)-[sg:SIGNED]->(i)
  WITH s, m, p, sg, [r IN [m, p, sg] |
       CASE WHEN r IS NULL THEN null
            WHEN $as_of IS NULL OR r.date_latest <= $as_of THEN 'counts'
            WHEN r.date_latest IS NULL THEN CASE WHEN type(r) IN $timed THEN 'undated' ELSE 'counts' END
            WHEN r.date_earliest <= $as_of THEN 'imprecise'
            ELSE 'after' END] AS standing
  ORDER BY s.name
  RETURN collect({
    state: s {.id, .kind, .name, .un_region, .un_subregion, .historical},
    membership_type: type(m), membership_standing: coalesce(standing[0], 'counts'),
    membership_role: m.role, membership_date: coalesce(m.date, m.since),
    membership_confidence: m.confidence, membership_sources: coalesce(m.sources, []),
    party_standing: standing[1], consent_date: p.since, party_sources: coalesce(p.sources, []),
    signature_standing: standing[2], signature_date: sg.date, signature_sources: coalesce(sg.sources, [])
  }) AS members
}
CALL (i) {
  OPTIONAL MATCH (x:Entity)-[r:PARTY_TO|SIGNED]->(i)
  RETURN count(CASE WHEN type(r) = 'PARTY_TO' AND NOT coalesce(x.historical, false) THEN 1 END) AS parties,
         count(CASE WHEN type(r) = 'PARTY_TO' AND coalesce(x.historical, false) THEN 1 END) AS historical,
         count(CASE WHEN type(r) = 'SIGNED' AND NOT coalesce(x.historical, false) THEN 1 END) AS signatories
}
CALL (g) {
  OPTIONAL MATCH (x:Entity)-[:PARTICIPATED_IN|SUBSCRIBED_TO|MEMBER_OF]->(g)
  RETURN count(x) AS known_members
}
WITH i, g, members, parties, historical, signatories, known_members,
     [m IN members WHERE m.membership_standing = 'counts' |
       m.membership_sources
       + CASE WHEN m.party_standing = 'counts' THEN m.party_sources ELSE [] END
       + CASE WHEN m.signature_standing = 'counts' THEN m.signature_sources ELSE [] END] AS member_sources
WITH i, g, members, parties, historical, signatories, known_members,
     reduce(acc = [], ids IN member_sources | acc + ids)
     + coalesce(i.stated_parties_sources, []) + coalesce(i.stated_signatories_sources, [])
     + coalesce(g.stated_members_sources, []) AS cited
CALL (cited) {
  OPTIONAL MATCH (src:Source)
  WHERE src.id IN cited
  WITH src ORDER BY src.id
  RETURN collect(src {.id, .title, .publisher, .as_of, .kind}) AS sources
}
RETURN i {.*} AS instrument,
       g {.*} AS group_node,
       [label IN labels(g) WHERE label <> 'Entity'][0] AS group_label,
       $region IS NULL OR EXISTS { MATCH (s:State) WHERE s.un_region = $region OR s.un_subregion = $region }
         AS region_known,
       members, parties, historical, signatories, known_members, sources
