// Which members of a group are party to an instrument, which only signed it, and which have
// neither fact on record. The group is the States linked to `group` (participants of a summit,
// subscribers of a commitment, members of an initiative), or the States of a UN region or
// sub-region (`region`), or an explicit list of State ids (`states`); the unused ones are null.
// Membership role, date, confidence and sources come along so answers can say where a name comes from.
// Parameters: instrument, group, region, states
MATCH (i:LegalInstrument {id: $instrument})
CALL () {
  MATCH (s:State)-[m:PARTICIPATED_IN|SUBSCRIBED_TO|MEMBER_OF]->(:Entity {id: $group})
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
RETURN s {.id, .kind, .name, .un_region, .un_subregion, .historical} AS state,
       m.role AS membership_role,
       coalesce(m.date, m.since) AS membership_date,
       m.confidence AS membership_confidence,
       coalesce(m.sources, []) AS membership_sources,
       p IS NOT NULL AS party,
       p.since AS consent_date,
       p.via AS consent_kind,
       coalesce(p.sources, []) AS party_sources,
       sg.date AS signature_date,
       coalesce(sg.sources, []) AS signature_sources
ORDER BY s.name
