// The party (PARTY_TO, dated by its consent `since`) and signature (SIGNED) facts of some States
// for some instruments, each with its day status on $as_of (counts | after | imprecise | undated).
// Parameters: states, instruments, as_of
MATCH (s:State)-[r:PARTY_TO|SIGNED]->(i:LegalInstrument)
WHERE s.id IN $states AND i.id IN $instruments
RETURN s.id AS state, i.id AS instrument, type(r) AS type,
       coalesce(r.since, r.date) AS date, r.via AS via, r.entry_into_force AS entry_into_force,
       r.confidence AS confidence, coalesce(r.sources, []) AS sources,
       CASE WHEN $as_of IS NULL THEN 'counts'
            WHEN r.date_latest IS NULL THEN 'undated'
            WHEN r.date_latest <= $as_of THEN 'counts'
            WHEN r.date_earliest > $as_of THEN 'after'
            ELSE 'imprecise' END AS day
ORDER BY state, instrument, type
