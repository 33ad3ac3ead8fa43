// The commitments an answer rests on: each with its node (stated list sizes), the number of
// subscribers on record, the events it was ISSUED_AT (subkind, participants on record (States and organizations, as stated sizes count them), node for
// the stated size of the participant list), and its own day status on $as_of (a document dated
// after the day is not there yet; an undated one is kept).
// Parameters: commitments, as_of
UNWIND $commitments AS cid
MATCH (c:Commitment {id: cid})
OPTIONAL MATCH (c)-[:ISSUED_AT]->(e:Event)
WITH c, collect(CASE WHEN e IS NULL THEN null
                     ELSE {node: e {.*}, participants: COUNT { (:Entity)-[:PARTICIPATED_IN]->(e) }} END) AS events
RETURN c {.*} AS node,
       COUNT { (:Entity)-[:SUBSCRIBED_TO]->(c) } AS known_members,
       COUNT { (:Organization)-[:SUBSCRIBED_TO]->(c) } AS organizations,
       events,
       CASE WHEN $as_of IS NULL OR c.date_latest IS NULL OR c.date_latest <= $as_of THEN 'counts'
            WHEN c.date_earliest > $as_of THEN 'after'
            ELSE 'imprecise' END AS day
ORDER BY c.id
