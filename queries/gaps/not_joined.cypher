// Instruments (PARTY_TO), initiatives (MEMBER_OF) and commitments such as joint statements
// (SUBSCRIBED_TO) that a State has no joining fact for on `as_of`, each with the peers (ids given)
// that had joined it on that day, and whether the State had at least signed it. Joining facts count
// by the as_of rule (null: today); an item the State joined by a fact that cannot be placed on the
// day (undated, or a year or month straddling it) is not a candidate: `my_unplaced` names those
// facts, and `peers_unplaced` the peers' joining facts left out of the counts.
// Parameters: iso3, peers, as_of
MATCH (me:State {id: $iso3})
CALL (me) {
  MATCH (me)-[j:PARTY_TO|MEMBER_OF|SUBSCRIBED_TO]->(item:Entity)
  WHERE $as_of IS NOT NULL AND NOT coalesce(j.date_latest <= $as_of, false)
    AND (j.date_latest IS NULL OR j.date_earliest <= $as_of)
  RETURN collect({subject: me.id, type: type(j), object: item.id, date: coalesce(j.since, j.date),
                  standing: CASE WHEN j.date_latest IS NULL THEN 'undated' ELSE 'imprecise' END}) AS my_unplaced
}
MATCH (peer:State)-[j:PARTY_TO|MEMBER_OF|SUBSCRIBED_TO]->(item:Entity)
WHERE peer.id IN $peers
  AND ((item:LegalInstrument AND type(j) = 'PARTY_TO')
    OR (item:Initiative AND type(j) = 'MEMBER_OF')
    OR (item:Commitment AND type(j) = 'SUBSCRIBED_TO'))
  AND ($as_of IS NULL OR item.date_latest IS NULL OR item.date_latest <= $as_of)
  AND NOT EXISTS { (me)-[m:PARTY_TO|MEMBER_OF|SUBSCRIBED_TO]->(item)
                   WHERE $as_of IS NULL OR m.date_latest IS NULL OR m.date_earliest <= $as_of }
WITH me, my_unplaced, item, j, peer,
     coalesce($as_of IS NULL OR j.date_latest <= $as_of, false) AS counts
WITH me, my_unplaced, item,
     collect(DISTINCT CASE WHEN counts THEN peer {.id, .name} END) AS joined,
     collect(CASE WHEN NOT counts AND (j.date_latest IS NULL OR j.date_earliest <= $as_of)
             THEN {subject: peer.id, type: type(j), object: item.id, date: coalesce(j.since, j.date),
                   standing: CASE WHEN j.date_latest IS NULL THEN 'undated' ELSE 'imprecise' END} END)
       AS peers_unplaced
WHERE size(joined) > 0
RETURN item {.id, .kind, .subkind, .name, .short_name} AS item,
       EXISTS { (me)-[s:SIGNED]->(item) WHERE $as_of IS NULL OR s.date_latest <= $as_of } AS signed,
       joined, peers_unplaced, my_unplaced
ORDER BY item.id
