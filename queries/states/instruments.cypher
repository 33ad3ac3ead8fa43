// A State's standing towards every legal instrument: its SIGNED and PARTY_TO facts (or none),
// so that a profile can say "party since", "signatory" or "no fact known" for each instrument.
// Parameters: id
MATCH (s:State {id: $id})
MATCH (i:LegalInstrument)
OPTIONAL MATCH (s)-[party:PARTY_TO]->(i)
OPTIONAL MATCH (s)-[signed:SIGNED]->(i)
RETURN i {.id, .kind, .name, .short_name} AS instrument,
       CASE WHEN party IS NOT NULL THEN 'party' WHEN signed IS NOT NULL THEN 'signatory' ELSE 'none' END AS status,
       signed.date AS signature_date,
       coalesce(signed.sources, []) AS signature_sources,
       party.since AS consent_date,
       party.via AS consent_kind,
       party.entry_into_force AS entry_into_force,
       coalesce(party.entry_into_force_sources, []) AS entry_into_force_sources,
       coalesce(party.sources, []) AS consent_sources,
       coalesce(party.confidence, signed.confidence) AS confidence
ORDER BY i.date, i.id
