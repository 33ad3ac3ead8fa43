// Who put their name to each commitment, and where each subscription stands on day $as_of.
// Own subscribers (SUBSCRIBED_TO) first; a commitment with no subscriber at all whose subkind is
// in $adopting and that was ISSUED_AT an event whose subkind is in $summits counts as adopted by
// every State that took part in that event (PARTICIPATED_IN), on the document's date (else the
// participation date): those rows are derived and name the event.
// Day status, the as_of rule on the stored date bounds: counts | after | imprecise | undated.
// Parameters: commitments, states, as_of, adopting, summits
UNWIND $commitments AS cid
MATCH (c:Commitment {id: cid})
CALL (c) {
  MATCH (s:State)-[r:SUBSCRIBED_TO]->(c)
  WHERE $states IS NULL OR s.id IN $states
  RETURN s, r.date AS date, r.date_earliest AS earliest, r.date_latest AS latest, r.confidence AS confidence,
         coalesce(r.sources, []) AS sources, null AS derived_from
  UNION
  MATCH (s:State)-[p:PARTICIPATED_IN]->(e:Event)<-[i:ISSUED_AT]-(c)
  WHERE c.subkind IN $adopting AND e.subkind IN $summits AND NOT EXISTS { (:Entity)-[:SUBSCRIBED_TO]->(c) }
    AND ($states IS NULL OR s.id IN $states)
  RETURN s,
         coalesce(c.date, p.date) AS date,
         CASE WHEN c.date IS NULL THEN p.date_earliest ELSE c.date_earliest END AS earliest,
         CASE WHEN c.date IS NULL THEN p.date_latest ELSE c.date_latest END AS latest,
         'derived' AS confidence,
         coalesce(p.sources, []) + coalesce(i.sources, []) AS sources, e.id AS derived_from
}
RETURN c.id AS commitment,
       s {.id, .kind, .name, .un_region, .un_subregion} AS state,
       date, confidence, sources, derived_from,
       CASE WHEN $as_of IS NULL THEN 'counts'
            WHEN latest IS NULL THEN 'undated'
            WHEN latest <= $as_of THEN 'counts'
            WHEN earliest > $as_of THEN 'after'
            ELSE 'imprecise' END AS day
ORDER BY commitment, s.name
